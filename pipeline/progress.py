"""What an ingest shows while it runs: a progress bar (files, pages, failures) on a terminal, or
one line per file (`--quiet`, or output into a file or a pipe)."""

from __future__ import annotations

import sys
from typing import TextIO

from kplan.rules import families
from kplan.rules.families.base import plural

from .ingest import FileOutcome


def describe(outcome: FileOutcome) -> str:
    """One line per file: what happened to it."""
    result, processed = outcome.result, outcome.processed
    if result.action == "unchanged":
        return f"unchanged  {outcome.path}"
    if result.action == "duplicate":
        return f"duplicate  {outcome.path}: same bytes as {result.same_as}"
    if result.action == "moved":
        return f"moved      {outcome.path}: same bytes as {result.same_as}, which is gone"
    if processed is None:  # not parsed: nothing more to say than what the load did
        return f"{result.action:<10} {outcome.path}"
    doc, facts = processed.document, processed.facts
    if result.action == "kept_previous":
        return (
            f"failed     {doc.path}: {doc.error}: {doc.error_message} "
            "(the previous version stays current)"
        )
    if doc.status == "failed":
        return f"failed     {doc.path}: {doc.error}: {doc.error_message}"
    return f"{doc.status:<10} {doc.path} ({doc.format}, {found(facts)})"


def found(facts) -> str:
    """What the rules found, in the words of the document's family."""
    if facts is None:
        return "no facts"
    family = families.named(facts.family)
    if family is not None:
        return f"{family.NAME}: {families.summary_of(family, families.counts_of(facts, family))}"
    nodes, tables = plural(len(facts.outline), "outline node"), plural(len(facts.tables), "table")
    return f"no family: {nodes}, {tables}"


class LineReporter:
    """One line per file, printed as each is loaded."""

    def __init__(self, out: TextIO | None = None):
        self.out = out or sys.stdout

    def __enter__(self) -> LineReporter:
        return self

    def __exit__(self, *_) -> None:
        pass

    def __call__(self, outcome: FileOutcome) -> None:
        print(describe(outcome), file=self.out, flush=True)


class BarReporter:
    """A rich progress bar: files done of all, pages read, files failed. Failed files are also
    printed above the bar, with their reason."""

    def __init__(self, total: int, console=None):
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self.progress = Progress(
            TextColumn("ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files · {task.fields[pages]} pages · {task.fields[failed]} failed"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self.task = self.progress.add_task("ingest", total=total, pages=0, failed=0)
        self.pages = self.failed = 0

    def __enter__(self) -> BarReporter:
        self.progress.start()
        return self

    def __exit__(self, *_) -> None:
        self.progress.stop()

    def __call__(self, outcome: FileOutcome) -> None:
        if outcome.processed is not None:
            self.pages += outcome.processed.document.pages or 0
        if outcome.failed:
            self.failed += 1
            self.progress.console.print(describe(outcome), markup=False, highlight=False)
        self.progress.update(self.task, advance=1, pages=self.pages, failed=self.failed)


def reporter_for(total: int, *, quiet: bool, out: TextIO | None = None):
    """The bar on a terminal, unless quiet; lines otherwise."""
    out = out or sys.stdout
    if quiet or not out.isatty():
        return LineReporter(out)
    return BarReporter(total)
