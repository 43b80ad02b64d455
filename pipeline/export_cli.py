"""`kplan export` (every table to Parquet, CSV or Excel) and `kplan import` (a warehouse rebuilt
from a Parquet export)."""

from __future__ import annotations

import click

from kplan.warehouse.export import FORMATS, ExportError, export_warehouse, import_warehouse

from .options import command, db_option, existing_db, open_db
from .output import KplanError


@command(
    "export",
    summary="write every table to Parquet, CSV or an Excel workbook",
    description="Write every table of the warehouse, current and earlier versions (history.*), "
    "to DIR: one Parquet or CSV file per table, or one Excel workbook with a sheet per table, "
    "and manifest.json. A Parquet export is a backup `kplan import` reads back exactly. "
    "--redact-contacts masks staff names and phone numbers in every table.",
    example="kplan export --to backup/ --format xlsx --redact-contacts",
)
@db_option
@click.option("--to", "to_dir", required=True, metavar="DIR", help="folder to write to")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="parquet", show_default=True)
@click.option(
    "--redact-contacts", is_flag=True, help="mask staff names and phone numbers in every table"
)
def export(db: str, to_dir: str, fmt: str, redact_contacts: bool) -> int:
    con = open_db(existing_db(db), read_only=True)
    with con:
        try:
            manifest = export_warehouse(con, to_dir, fmt=fmt, redact_contacts=redact_contacts)
        except ExportError as exc:
            raise KplanError(str(exc)) from None
    rows = sum(entry["rows"] for entry in manifest["tables"].values())
    click.echo(f"Exported {len(manifest['tables'])} tables ({rows} rows) to {to_dir} as {fmt}")
    return 0


@command(
    "import",
    summary="rebuild a warehouse from a Parquet export",
    description="Build a new warehouse at --db from a Parquet export made by `kplan export` "
    "(every table, every row, earlier versions too). The warehouse must not exist yet.",
    example="kplan import backup/ --db restored.duckdb",
)
@click.argument("from_dir", metavar="DIR")
@db_option
def import_command(from_dir: str, db: str) -> int:
    try:
        counts = import_warehouse(from_dir, db)
    except ExportError as exc:
        raise KplanError(str(exc)) from None
    click.echo(f"Imported {len(counts)} tables ({sum(counts.values())} rows) into {db}")
    return 0
