"""The library API: `parse`, `check` and `ingest`, the work behind `kplan check` and
`kplan ingest`. The command line only reads options and prints what these return."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from kplan.parsers.model import Document
from kplan.pipeline.batch import ProcessedFile, process_file
from kplan.pipeline.discover import PathNotFound, discover
from kplan.warehouse import quality
from kplan.warehouse.load import LoadResult, connect, load_document
from kplan.warehouse.summary import check_lines, document_counts, kind_of, totals

DEFAULT_DB = "warehouse/reports.duckdb"

__all__ = [
    "DEFAULT_DB",
    "Checked",
    "Ingested",
    "Loaded",
    "NoReportFiles",
    "PathNotFound",
    "WarehouseUnavailable",
    "check",
    "ingest",
    "open_warehouse",
    "parse",
]


class NoReportFiles(Exception):
    """The paths given hold no report file."""


class WarehouseUnavailable(Exception):
    """The warehouse file cannot be opened (another process holds it, or it is not DuckDB's)."""


def open_warehouse(db: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """The warehouse at `db`: read-only as it is, or read-write, created and migrated."""
    try:
        if read_only:
            return duckdb.connect(str(db), read_only=True)
        return connect(db)
    except duckdb.IOException as exc:
        raise WarehouseUnavailable(
            f"cannot open warehouse {db}: {str(exc).splitlines()[0]}"
        ) from None


# ---------------------------------------------------------------- parse


def parse(path: str | Path) -> ProcessedFile:
    """Read one file (PDF, HWP, HWPX or text, told by its bytes) and extract its facts.

    The result's `document` keeps its blocks (paragraphs and tables); `facts` is None when the
    file could not be read, which `document.status` and `document.error` then say."""
    return process_file(path, keep_blocks=True)


# ---------------------------------------------------------------- check


@dataclass
class Checked:
    """One file checked: what was read from it and its findings, worst first within a
    section."""

    path: Path
    document: Document
    kind: str  # 'txt, training_plan': format, pages, family
    found: str  # what the rules found, in the words of the document's family
    details: list[str]  # the family's lines under `found` (its CHECK section)
    findings: list[dict[str, Any]]
    # What of the file the checks could not look at: 'rules failed on section 1-1-1: …'.
    not_checked: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """Findings by severity: {'error': 3, 'warning': 5, 'info': 0}."""
        return {s: sum(f["severity"] == s for f in self.findings) for s in quality.SEVERITIES}

    @property
    def ok(self) -> bool:
        """No finding is an error and all of the file was checked: the draft can go out."""
        return self.counts["error"] == 0 and not self.not_checked


def check(path: str | Path, *, checks: Iterable[str | Path] | None = None) -> Checked:
    """Parse one file, extract its facts and run every data-quality check on it (and those in
    the folders `checks`), in a warehouse in memory."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(2, "no such file", str(path))
    processed = process_file(path)
    con = connect(":memory:")
    with con:
        result = load_document(con, processed.document, processed.facts, stats=processed.stats)
        quality.run_checks(con, [result.doc_id], folders=checks)
        doc = document_counts(con)[result.doc_id]
        details = check_lines(con, result.doc_id, doc["family"])
        found = quality.findings(con, [result.doc_id])
    return Checked(
        path,
        processed.document,
        kind_of(doc),
        doc["found"],
        details,
        found,
        not_checked(processed),
    )


def not_checked(processed: ProcessedFile) -> list[str]:
    """What of the file the checks could not look at: all of it when its rules failed, the
    parts whose rules failed otherwise. None of a file that could not be read: its
    parse_status finding, an error, says so."""
    doc = processed.document
    if doc.status == "failed":
        return []
    if processed.facts is None:
        return [doc.error_message or "the rules read nothing"]
    return [issue.message for issue in doc.issues if issue.code == "rules_failed"]


# ---------------------------------------------------------------- ingest


@dataclass
class Loaded:
    """One file of an ingest: what was read, and what the load did with it."""

    file: ProcessedFile
    result: LoadResult


@dataclass
class Ingested:
    """An ingest: every file in order, and what the warehouse holds after it."""

    db: str
    files: list[Loaded] = field(default_factory=list)
    totals: dict[str, Any] = field(default_factory=dict)

    @property
    def failed(self) -> int:
        return sum(f.file.document.status == "failed" for f in self.files)


def ingest(
    paths: Iterable[str | Path] | str | Path,
    db: str | Path = DEFAULT_DB,
    *,
    workers: int | None = None,
    run_quality: bool = True,
    force: bool = False,
    on_loaded: Callable[[Loaded], None] | None = None,
) -> Ingested:
    """Parse the report files among `paths` (folders are searched for the report endings) and
    load each into the warehouse `db` in its own transaction as soon as it is read; then run
    the checks, as `kplan ingest` does: of the documents this call changed when the others'
    findings are current, none when it read nothing. A file loaded before unchanged is not read
    again (`force=True` reads it).

    A file that cannot be read is loaded as failed and the others go on; `on_loaded` is told
    of each file as it is loaded. The work is `kplan.pipeline.ingest`, as for `kplan ingest`."""
    from kplan.pipeline.ingest import FileOutcome, IngestOptions, check_after_ingest
    from kplan.pipeline.ingest import ingest as run

    given = [paths] if isinstance(paths, str | Path) else list(paths)
    files = discover(given)
    if not files:
        raise NoReportFiles("no report files found (looked for .pdf, .hwp, .hwpx, .txt)")
    ingested = Ingested(str(db))

    def loaded(outcome: FileOutcome) -> None:
        if outcome.processed is None:
            return  # unchanged: nothing was read
        item = Loaded(outcome.processed, outcome.result)
        ingested.files.append(item)
        if on_loaded is not None:
            on_loaded(item)

    with open_warehouse(db) as con:
        were_current = run_quality and quality.checks_current(con)
        done = run(con, files, IngestOptions(jobs=workers, force=force), on_file=loaded)
        if run_quality:  # as `kplan ingest`: of what changed, when the rest are current
            check_after_ingest(con, done, were_current=were_current)
        ingested.totals = totals(con)
    return ingested
