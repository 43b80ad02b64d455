"""`kplan ingest PATH...`: parse report files and load their facts, one line per file (or a
progress bar on a terminal). The work itself is `pipeline.ingest.ingest`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import click

from .batch import DEFAULT_MAX_FILE_SIZE, DEFAULT_TIMEOUT, EXECUTORS, Limits
from .discover import FolderUnreadable, PathNotFound, find_reports
from .options import command, db_option, open_db, wait_option
from .output import KplanError

if TYPE_CHECKING:
    import duckdb

_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?", re.IGNORECASE)
_SIZE_FACTORS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}


class ByteSize(click.ParamType):
    """A size in bytes, or with a unit: 500k, 100M, 2G."""

    name = "SIZE"

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            return value
        match = _SIZE.fullmatch(str(value).strip())
        if match is None:
            self.fail(f"{value!r} is not a size (e.g. 100M, 2G)", param, ctx)
        return int(float(match.group(1)) * _SIZE_FACTORS[match.group(2).lower()])


def _executor(value: str) -> str:
    if value.startswith("dask://"):
        from importlib.util import find_spec

        if find_spec("distributed") is None:
            raise click.BadParameter("dask:// needs dask.distributed: pip install 'kplan[dask]'")
        return value
    if value in EXECUTORS:
        return value
    raise click.BadParameter(f"{value!r}: one of {', '.join(EXECUTORS)} or dask://HOST:PORT")


@command(
    "ingest",
    summary="parse report files and load their facts",
    description="Parse report files (folders are searched for .pdf .hwp .hwpx .txt) and load "
    "their facts, one transaction per document as each is ready. A file loaded before with the "
    "same size and modification time (or the same bytes) is not read again. Each file is read "
    "in a worker process under a time limit and a memory cap; a file over a limit fails as "
    "limit_exceeded and the batch goes on. Exits 1 when any file failed or a folder could not "
    "be read; the others are loaded all the same.",
    example="kplan ingest samples/ inbox/plan.hwp --db warehouse/reports.duckdb",
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@click.option(
    "--jobs",
    "--workers",
    "jobs",
    type=click.IntRange(min=1),
    default=None,
    help="worker processes (default: one per core)",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="time limit for one file",
)
@click.option(
    "--max-memory",
    type=ByteSize(),
    default=None,
    help="memory cap of each worker, e.g. 2G (default: half the machine's memory shared "
    "between the workers)",
)
@click.option(
    "--max-file-size",
    type=ByteSize(),
    default=DEFAULT_MAX_FILE_SIZE,
    show_default=True,
    help="refuse bigger files before reading them (bytes, or e.g. 100M)",
)
@click.option("--force", is_flag=True, help="read every file again, even when unchanged")
@click.option(
    "--quiet", "-q", is_flag=True, help="one line per file, no progress bar (as into a pipe)"
)
@wait_option
@click.option(
    "--executor",
    default="process",
    show_default=True,
    callback=lambda ctx, param, value: _executor(value),
    help="where files are parsed: process (local workers), inline (this process, no limits) "
    "or dask://HOST:PORT (a Dask cluster)",
)
@click.option(
    "--no-quality",
    "quality",
    is_flag=True,
    flag_value=False,
    default=True,
    help="skip the data-quality checks after loading",
)
def ingest(
    paths: tuple[str, ...],
    db: str,
    jobs: int | None,
    timeout: float,
    max_memory: int | None,
    max_file_size: int,
    force: bool,
    quiet: bool,
    wait: float,
    executor: str,
    quality: bool,
) -> int:
    from kplan.warehouse.quality import checks_current

    from . import ingest as ingest_run
    from .progress import reporter_for

    try:
        found = find_reports(list(paths))
    except (PathNotFound, FolderUnreadable) as exc:
        raise KplanError(str(exc)) from None
    for folder, reason in found.unreadable:
        click.echo(f"kplan: cannot read folder {folder}: {reason}", err=True)
    if not found.files and not found.unreadable:
        raise KplanError("no report files found (looked for .pdf, .hwp, .hwpx, .txt)")
    # The warehouse (and its lock) first: a second run stops or waits before parsing anything.
    con = open_db(db, wait=wait)
    options = ingest_run.IngestOptions(
        jobs=jobs,
        limits=Limits(timeout=timeout, max_memory=max_memory, max_file_size=max_file_size),
        force=force,
        executor=executor,
    )
    with con:
        were_current = quality and checks_current(con)
        with reporter_for(len(found.files), quiet=quiet) as report:
            totals = ingest_run.ingest(con, found.files, options, on_file=report)
        if quality:  # none when nothing was read and the findings are current
            ingest_run.check_after_ingest(con, totals, were_current=were_current)
        click.echo(summary(con, db))
    return 1 if totals.failed or found.unreadable else 0


def summary(con: duckdb.DuckDBPyConnection, db: str) -> str:
    from kplan.warehouse.summary import family_totals

    docs = dict(con.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall())
    reports = con.execute("SELECT count(*) FROM reports").fetchall()[0][0]
    counts = {
        t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
        for t in ("sections", "budget_lines", "training_items", "findings")
    }
    total = sum(docs.values())
    lines = [
        f"Warehouse: {db}",
        f"Documents: {total} ({docs.get('ok', 0)} ok, {docs.get('partial', 0)} partial, "
        f"{docs.get('failed', 0)} failed) · reports: {reports}",
    ]
    by_family = family_totals(con)
    plans = [line for line in by_family if line.startswith("training_plan: ")]
    if plans or not by_family:
        # The training plan's own line, as it has always read (scripts parse it).
        lines.append(
            f"Sections: {counts['sections']} · budget lines: {counts['budget_lines']} · "
            f"training items: {counts['training_items']} · findings: {counts['findings']}"
        )
        lines += [line for line in by_family if line not in plans]
    else:  # each family in its own words, then the findings of all
        lines += [*by_family, f"Findings: {counts['findings']}"]
    return "\n".join(lines)
