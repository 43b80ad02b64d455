"""`kplan ingest PATH...`: parse report files and load their facts, one line per file."""

from __future__ import annotations

import click
import duckdb

from kplan.rules import families
from kplan.rules.facts import Facts
from kplan.warehouse.load import LoadResult, load_document
from kplan.warehouse.quality import run_checks

from .batch import ProcessedFile, process_many
from .discover import PathNotFound, discover
from .options import command, db_option, open_db
from .output import KplanError


@command(
    "ingest",
    summary="parse report files and load their facts",
    description="Parse report files (folders are searched for .pdf .hwp .hwpx .txt) and load "
    "their facts, one transaction per document. Exits 1 when any file failed; the others are "
    "loaded all the same.",
    example="kplan ingest samples/ inbox/plan.hwp --db warehouse/reports.duckdb",
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@click.option(
    "--workers", type=int, default=None, help="worker processes (default: one per core, at most 4)"
)
@click.option(
    "--no-quality",
    "quality",
    is_flag=True,
    flag_value=False,
    default=True,
    help="skip the data-quality checks after loading",
)
def ingest(paths: tuple[str, ...], db: str, workers: int | None, quality: bool) -> int:
    try:
        files = discover(list(paths))
    except PathNotFound as exc:
        raise KplanError(str(exc)) from None
    if not files:
        raise KplanError("no report files found (looked for .pdf, .hwp, .hwpx, .txt)")
    # Parse in worker processes before the warehouse is open: DuckDB's threads and fork() do
    # not mix.
    results = process_many(files, workers=workers)
    con = open_db(db)
    failed = 0
    with con:
        for processed in results:
            result = load_document(
                con,
                processed.document,
                processed.facts,
                stats=processed.stats,
                signature=processed.signature,
            )
            click.echo(describe(processed, result))
            failed += processed.document.status == "failed"
        if quality:
            run_checks(con)
        click.echo(summary(con, db))
    return 1 if failed else 0


def describe(processed: ProcessedFile, result: LoadResult) -> str:
    """One line per file: what happened to it."""
    doc, facts = processed.document, processed.facts
    if result.action == "unchanged":
        return f"unchanged  {doc.path}"
    if result.action == "duplicate":
        return f"duplicate  {doc.path}: same bytes as {result.same_as}"
    if result.action == "moved":
        return f"moved      {doc.path}: same bytes as {result.same_as}, which is gone"
    if result.action == "kept_previous":
        return (
            f"failed     {doc.path}: {doc.error}: {doc.error_message} "
            "(the previous version stays current)"
        )
    if doc.status == "failed":
        return f"failed     {doc.path}: {doc.error}: {doc.error_message}"
    return f"{doc.status:<10} {doc.path} ({doc.format}, {found(facts)})"


def found(facts: Facts | None) -> str:
    """What the rules found, in the words of the document's family."""
    if facts is None:
        return "no facts"
    family = families.named(facts.family)
    if family is not None:
        return f"{family.NAME}: {families.summary_of(family, families.counts_of(facts, family))}"
    return f"no family: {len(facts.outline)} outline nodes, {len(facts.tables)} tables"


def summary(con: duckdb.DuckDBPyConnection, db: str) -> str:
    docs = dict(con.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall())
    reports = con.execute("SELECT count(*) FROM reports").fetchone()[0]
    counts = {
        t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("sections", "budget_lines", "training_items", "findings")
    }
    total = sum(docs.values())
    return "\n".join(
        [
            f"Warehouse: {db}",
            f"Documents: {total} ({docs.get('ok', 0)} ok, {docs.get('partial', 0)} partial, "
            f"{docs.get('failed', 0)} failed) · reports: {reports}",
            f"Sections: {counts['sections']} · budget lines: {counts['budget_lines']} · "
            f"training items: {counts['training_items']} · findings: {counts['findings']}",
        ]
    )
