"""One ingest run: skip what is loaded unchanged, parse the rest in workers, load each document
the moment it is ready (its own transaction), and tell a reporter about every file.

The warehouse is opened (its lock taken) before anything is parsed, so a second run waits or
stops at once instead of failing after all its work. A crash late in a batch keeps every
document loaded before it; a re-run skips them and completes the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from kplan.parsers.model import Document
from kplan.warehouse.load import (
    FileStat,
    LoadResult,
    load_document,
    loaded_sha,
    loaded_unchanged,
)

from .batch import (
    SHARED_TOKENIZER_FILES,
    Limits,
    ProcessedFile,
    file_key,
    start_server,
    stream,
)

if TYPE_CHECKING:
    from kplan.warehouse.quality import QualityRun


@dataclass(frozen=True)
class IngestOptions:
    jobs: int | None = None  # worker processes; None: one per core
    limits: Limits = field(default_factory=Limits)
    force: bool = False  # read every file again, loaded unchanged or not
    executor: str = "process"  # process, inline (no workers), dask://HOST:PORT


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file. `processed` is None when it was not parsed (unchanged)."""

    path: Path
    result: LoadResult
    processed: ProcessedFile | None

    @property
    def parsed(self) -> bool:
        return self.processed is not None

    @property
    def failed(self) -> bool:
        return self.processed is not None and self.processed.document.status == "failed"


@dataclass
class IngestTotals:
    files: int = 0
    parsed: int = 0
    failed: int = 0
    unchanged: int = 0
    # Documents loaded, moved or found again at another path: the ones the checks must see
    # again (`check_after_ingest`); a document loaded unchanged keeps its findings.
    changed: list[int] = field(default_factory=list)

    def add(self, outcome: FileOutcome) -> None:
        self.files += 1
        self.parsed += outcome.parsed
        self.failed += outcome.failed
        self.unchanged += outcome.result.action in ("unchanged", "duplicate") and not outcome.parsed
        if outcome.result.action != "unchanged":
            self.changed.append(outcome.result.doc_id)


def ingest(
    con: duckdb.DuckDBPyConnection,
    paths: list[Path],
    options: IngestOptions = IngestOptions(),  # noqa: B008 (frozen)
    on_file: Callable[[FileOutcome], None] | None = None,
) -> IngestTotals:
    """Ingest `paths` into the open warehouse `con`; `on_file` hears of each file as it is
    loaded (in the order results are ready)."""
    totals = IngestTotals()

    def done(outcome: FileOutcome) -> None:
        totals.add(outcome)
        if on_file is not None:
            on_file(outcome)

    stats: dict[Path, FileStat | None] = {}
    to_parse: list[Path] = []
    for path in paths:
        stat = _stat(path)
        stats[path] = stat
        skipped = None if options.force else _skip(con, path, stat, options.limits)
        if skipped is not None:
            done(FileOutcome(path, skipped, None))
            continue
        to_parse.append(path)
        if len(to_parse) == SHARED_TOKENIZER_FILES:
            # Enough files to read that the workers share a tokenizer: their server starts
            # booting now (with it), while the other files are checked. Fewer files start it
            # when they are read, without: an edited file waits for no tokenizer.
            start_server(options.executor)
    for path, processed in _parsed(to_parse, options):
        result = load_processed(con, processed, file_stat=stats[path], force=options.force)
        done(FileOutcome(path, result, processed))
    return totals


def load_processed(
    con: duckdb.DuckDBPyConnection,
    processed: ProcessedFile,
    *,
    file_stat: FileStat | None = None,
    force: bool = False,
) -> LoadResult:
    """Load one read file as an ingest does: its document, facts, stats and text signature
    (`load_document`; `file_stat` is kept for the next ingest's skip check)."""
    return load_document(
        con,
        processed.document,
        processed.facts,
        stats=processed.stats,
        signature=processed.signature,
        file_stat=file_stat,
        force=force,
    )


def check_after_ingest(
    con: duckdb.DuckDBPyConnection,
    totals: IngestTotals,
    *,
    were_current: bool,
    report: Callable[[str], None] | None = None,
) -> QualityRun | None:
    """The data-quality checks after an ingest that gave `totals`: none when it read nothing
    and the findings are still a full run's (they would come out the same); else those of the
    documents it changed when the findings were a full run's before it (`were_current`, what
    `checks_current` said before the ingest); else every document's. `kplan ingest`, the
    library's `ingest` and the benchmark all decide so here."""
    from kplan.warehouse import quality

    if not totals.parsed and quality.checks_current(con):
        return None
    return quality.check_changed(con, totals.changed, were_current=were_current, report=report)


def _parsed(paths: list[Path], options: IngestOptions) -> Iterator[tuple[Path, ProcessedFile]]:
    if not paths:
        return iter(())
    return stream(paths, jobs=options.jobs, limits=options.limits, executor=options.executor)


def _stat(path: Path) -> FileStat | None:
    try:
        return FileStat.of(path)
    except OSError:
        return None  # the reader says why it cannot be read


def _skip(con, path: Path, stat: FileStat | None, limits: Limits) -> LoadResult | None:
    """The load result of a file that needs no parse: loaded with this size and mtime, or (the
    mtime moved) with these bytes. None: parse it."""
    if stat is None:
        return None
    doc_id = loaded_unchanged(con, path, stat)
    if doc_id is not None:
        return LoadResult("unchanged", doc_id, str(path.resolve()))
    if limits.max_file_size is not None and stat.size > limits.max_file_size:
        return None  # refused by the batch without reading
    sha = file_key(path)
    if not loaded_sha(con, sha):
        return None
    # No facts needed: the loader sees these bytes loaded and says unchanged (recording the new
    # mtime) or duplicate (dropping what this path held before).
    stub = Document(path=str(path), format=None, sha256=sha)
    return load_document(con, stub, None, stats={}, file_stat=stat)
