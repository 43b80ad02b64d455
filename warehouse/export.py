"""Export a warehouse (every table, current and `history`) and rebuild one from a Parquet export.

Parquet keeps every type exactly (DECIMAL, BIGINT[], TIMESTAMP), so an export imported again is
the same warehouse, row for row: that is the backup. CSV is one file per table for other tools;
an Excel workbook (one sheet per table) is for planners. `manifest.json` beside the files names
each table, its file, its columns and its rows.

Personal data: `contacts` holds staff names and phone numbers, and the same names and numbers
are printed in the report's text, so they also sit in `table_cells`, `outline`, `findings` and
the file metadata's `author`. `redact_contacts` masks them in every text column of the document
they came from (names as ○○○, digits of a phone number as *), and any phone-shaped number.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from . import versions
from .load import connect
from .migrations import LATEST_VERSION
from .redact import Redactor

FORMATS = ("parquet", "csv", "xlsx")
MANIFEST = "manifest.json"
WORKBOOK = "warehouse.xlsx"
# Columns that identify rather than say: never redacted (a phone's digits may occur in a hash).
IDENTIFIERS = {"sha256", "report_key", "path", "file_name"}


class ExportError(ValueError):
    """An export or import that cannot be done as asked (one line for the user)."""


def warehouse_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every base table, current ones first: 'documents', …, 'history.documents', …"""
    rows = con.execute(
        "SELECT table_schema, table_name FROM information_schema.tables "
        "WHERE table_type = 'BASE TABLE' AND table_schema IN ('main', ?) "
        "ORDER BY table_schema <> 'main', table_name",
        [versions.SCHEMA],
    ).fetchall()
    return [name if schema == "main" else f"{schema}.{name}" for schema, name in rows]


def _split(table: str) -> tuple[str, str]:
    schema, _, name = table.rpartition(".")
    return schema or "main", name


def _column_types(con, table: str) -> dict[str, str]:
    schema, name = _split(table)
    return dict(
        con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
            [schema, name],
        ).fetchall()
    )


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


# ---------------------------------------------------------------- redaction


def _select(con, table: str, redact: bool) -> str:
    """The query that reads `table` for export, text columns masked when `redact`."""
    types = _column_types(con, table)
    if not redact or "doc_id" not in types:
        return f"SELECT * FROM {table}"
    texts = [c for c, t in types.items() if t == "VARCHAR" and c not in IDENTIFIERS]
    if not texts:
        return f"SELECT * FROM {table}"
    replaced = ", ".join(f"kplan_redact(doc_id, {c}) AS {c}" for c in texts)
    return f"SELECT * REPLACE ({replaced}) FROM {table}"


def _register_redactor(con) -> None:
    redactor = Redactor(con)
    try:
        con.remove_function("kplan_redact")
    except duckdb.Error:
        pass  # not registered yet
    con.create_function(
        "kplan_redact", redactor, ["BIGINT", "VARCHAR"], "VARCHAR", side_effects=False
    )


# ---------------------------------------------------------------- export


def export_warehouse(
    con: duckdb.DuckDBPyConnection,
    to_dir: str | Path,
    *,
    fmt: str = "parquet",
    redact_contacts: bool = False,
) -> dict[str, Any]:
    """Write every table of `con` to `to_dir` in `fmt`; return the manifest written beside."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    out = Path(to_dir)
    out.mkdir(parents=True, exist_ok=True)
    if redact_contacts:
        _register_redactor(con)
    tables = warehouse_tables(con)
    manifest: dict[str, Any] = {
        "format": fmt,
        "schema_version": con.execute("SELECT max(version) FROM schema_version").fetchone()[0],
        "redacted_contacts": redact_contacts,
        "tables": {},
    }
    queries = {table: _select(con, table, redact_contacts) for table in tables}
    if fmt == "xlsx":
        files = _write_workbook(con, out / WORKBOOK, queries)
    else:
        files = {}
        for table, query in queries.items():
            path = out / f"{table}.{fmt}"
            options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER"
            con.execute(f"COPY ({query}) TO {_quote(path)} ({options})")
            files[table] = path.name
    for table in tables:
        manifest["tables"][table] = {
            "file": files[table],
            "columns": list(_column_types(con, table)),
            "rows": con.execute(f"SELECT count(*) FROM {table}").fetchone()[0],
        }
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), "utf-8")
    return manifest


def _cell(value: Any) -> Any:
    """A value as Excel holds it: numbers and dates as such, lists as their text."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _write_workbook(con, path: Path, queries: dict[str, str]) -> dict[str, str]:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_formulas": False,  # a cell printed '=합계' is text
            "strings_to_urls": False,
            "default_date_format": "yyyy-mm-dd hh:mm:ss",
        },
    )
    bold = workbook.add_format({"bold": True})
    try:
        for table, query in queries.items():
            sheet = workbook.add_worksheet(table[:31])
            cursor = con.execute(query)
            columns = [d[0] for d in cursor.description]
            sheet.write_row(0, 0, columns, bold)
            sheet.freeze_panes(1, 0)
            for r, row in enumerate(cursor.fetchall(), 1):
                for c, value in enumerate(row):
                    value = _cell(value)
                    if value is None:
                        continue
                    if isinstance(value, str):
                        sheet.write_string(r, c, value)
                    elif isinstance(value, (datetime, date)):
                        sheet.write_datetime(r, c, value)
                    else:
                        sheet.write(r, c, value)
    finally:
        workbook.close()
    return dict.fromkeys(queries, path.name)


# ---------------------------------------------------------------- import


def import_warehouse(from_dir: str | Path, db_path: str | Path) -> dict[str, int]:
    """A new warehouse at `db_path` holding every row of the Parquet export in `from_dir`;
    rows per table."""
    source = Path(from_dir)
    manifest_path = source / MANIFEST
    if not manifest_path.is_file():
        raise ExportError(f"{source}: no {MANIFEST} (not a kplan export)")
    manifest = json.loads(manifest_path.read_text("utf-8"))
    if manifest.get("format") != "parquet":
        raise ExportError(f"{source}: a {manifest.get('format')} export; import reads Parquet")
    if (manifest.get("schema_version") or 0) > LATEST_VERSION:
        raise ExportError(
            f"{source}: exported by a newer kplan (schema {manifest['schema_version']}, "
            f"this one knows {LATEST_VERSION})"
        )
    if str(db_path) != ":memory:" and Path(db_path).exists():
        raise ExportError(f"{db_path} exists: import builds a new warehouse")
    con = connect(db_path)
    counts: dict[str, int] = {}
    try:
        con.execute("BEGIN TRANSACTION")
        for table, entry in manifest["tables"].items():
            if table == "schema_version":
                continue  # the new warehouse is at this kplan's version, which reads the old
            path = _quote(source / entry["file"])
            schema, name = _split(table)
            if _column_types(con, table):
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet({path})")
            else:  # a table of a family this kplan lacks: kept as exported
                con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
                con.execute(f"CREATE TABLE {schema}.{name} AS SELECT * FROM read_parquet({path})")
            counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        _advance_doc_ids(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        con.close()
        raise
    con.close()
    return counts


def _advance_doc_ids(con) -> None:
    """The next document loaded gets a doc_id no imported document has (the warehouse is new:
    its sequence has given out none)."""
    highest = con.execute("SELECT coalesce(max(doc_id), 0) FROM document_versions").fetchone()[0]
    if highest:
        con.execute("SELECT max(nextval('doc_id_seq')) FROM range(?)", [highest])
