"""`kplan ingest PATH...`: parse report files and load their facts, one line per file. The work
is `kplan.ingest`."""

from __future__ import annotations

from typing import Any

import click

from kplan import api
from kplan.rules import families
from kplan.rules.facts import Facts
from kplan.warehouse.load import LoadResult

from .batch import ProcessedFile
from .options import command, db_option
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
        ingested = api.ingest(
            paths,
            db,
            workers=workers,
            run_quality=quality,
            on_loaded=lambda loaded: click.echo(describe(loaded.file, loaded.result)),
        )
    except (api.PathNotFound, api.NoReportFiles, api.WarehouseUnavailable) as exc:
        raise KplanError(str(exc)) from None
    click.echo(summary(ingested.totals, db))
    return 1 if ingested.failed else 0


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


def summary(totals: dict[str, Any], db: str) -> str:
    """The warehouse after the ingest, in three lines."""
    docs = totals["documents"]
    return "\n".join(
        [
            f"Warehouse: {db}",
            f"Documents: {sum(docs.values())} ({docs.get('ok', 0)} ok, "
            f"{docs.get('partial', 0)} partial, {docs.get('failed', 0)} failed) · "
            f"reports: {totals['reports']}",
            f"Sections: {totals['sections']} · budget lines: {totals['budget_lines']} · "
            f"training items: {totals['training_items']} · findings: {totals['findings']}",
        ]
    )
