"""Earlier versions of documents: schema `history` holds them, the main tables hold the current.

The main tables (`documents`, `sections`, `budget_lines`, …) keep meaning what they always
meant — the facts of each file as it is now — so that SQL written before versions existed
still counts every fact once. When a changed file replaces a document, the old document's rows
move, unchanged and with their doc_id, to the table of the same name in schema `history`
(`history.documents`, `history.budget_lines`, …), which has the same columns; its
`history.documents` row says which document superseded it and when. A new version that failed
to read goes to `history` at once: the last good version stays current.

A file moved and edited at once follows the same way (`move_path`, then a new version), when
warehouse/load.py tells it is the same report (`same_identity`).

`document_versions` (a view) lists every version of every file, current or not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: `kplan --help` need not load DuckDB
    import duckdb

SCHEMA = "history"
# Columns only history.documents has: why and when a version stopped being current.
HISTORY_COLUMNS = {
    "superseded_by": "BIGINT",  # the doc_id that replaced it (NULL for a failed version)
    "superseded_at": "TIMESTAMP",
    "archived_because": "VARCHAR",  # 'superseded' or 'failed_version'
}
SUPERSEDED = "superseded"
FAILED_VERSION = "failed_version"

VERSIONS_VIEW = f"""
CREATE OR REPLACE VIEW document_versions AS
SELECT doc_id, path, file_name, format, sha256, title, status, error, version,
       previous_doc_id, ingested_at, TRUE AS is_current, NULL::BIGINT AS superseded_by,
       NULL::TIMESTAMP AS superseded_at, NULL::VARCHAR AS archived_because
FROM main.documents
UNION ALL
SELECT doc_id, path, file_name, format, sha256, title, status, error, version,
       previous_doc_id, ingested_at, FALSE, superseded_by, superseded_at, archived_because
FROM {SCHEMA}.documents
"""


def _columns_by_table(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], dict[str, str]]:
    """{(schema, table): {column: type}} of the main and history schemas, in one query (a
    query per table cost a tenth of a second an open: 40-odd catalog reads)."""
    out: dict[tuple[str, str], dict[str, str]] = {}
    for schema, table, column, kind in con.execute(
        "SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_catalog = current_database() AND table_schema IN ('main', ?) "
        "ORDER BY table_schema, table_name, ordinal_position",
        [SCHEMA],
    ).fetchall():
        out.setdefault((schema, table), {})[column] = kind
    return out


def ensure_history(con: duckdb.DuckDBPyConnection, tables: list[str]) -> None:
    """A history table beside each of `tables` (and `documents`), with every column the main
    table has: a migration adding a column to a main table adds it here on the next connect."""
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    columns = _columns_by_table(con)
    for table in ["documents", *tables]:
        main_columns = columns.get(("main", table))
        if not main_columns:
            continue
        have = columns.get((SCHEMA, table))
        if not have:
            con.execute(f"CREATE TABLE {SCHEMA}.{table} AS SELECT * FROM main.{table} LIMIT 0")
            have = dict(main_columns)
        wanted = dict(main_columns)
        if table == "documents":
            wanted.update(HISTORY_COLUMNS)
        for column, kind in wanted.items():
            if column not in have:
                con.execute(f"ALTER TABLE {SCHEMA}.{table} ADD COLUMN {column} {kind}")
    con.execute(VERSIONS_VIEW)


def archive_document(
    con: duckdb.DuckDBPyConnection,
    doc_id: int,
    tables: list[str],
    *,
    superseded_by: int | None,
    because: str = SUPERSEDED,
) -> None:
    """Move one document and its rows from the main tables to `history` (same doc_id)."""
    for table in tables:
        con.execute(
            f"INSERT INTO {SCHEMA}.{table} BY NAME SELECT * FROM main.{table} WHERE doc_id = ?",
            [doc_id],
        )
        con.execute(f"DELETE FROM main.{table} WHERE doc_id = ?", [doc_id])
    con.execute(
        f"INSERT INTO {SCHEMA}.documents BY NAME "
        "SELECT *, ?::BIGINT AS superseded_by, current_timestamp AS superseded_at, "
        "?::VARCHAR AS archived_because FROM main.documents WHERE doc_id = ?",
        [superseded_by, because, doc_id],
    )
    con.execute("DELETE FROM main.documents WHERE doc_id = ?", [doc_id])


def delete_archived(con: duckdb.DuckDBPyConnection, doc_id: int, tables: list[str]) -> None:
    for table in [*tables, "documents"]:
        con.execute(f"DELETE FROM {SCHEMA}.{table} WHERE doc_id = ?", [doc_id])


def next_version(con: duckdb.DuckDBPyConnection, path: str) -> int:
    """1 for a path never loaded, else one more than its highest version so far."""
    return con.execute(
        "SELECT coalesce(max(coalesce(version, 1)), 0) + 1 FROM document_versions WHERE path = ?",
        [path],
    ).fetchall()[0][0]


def move_path(con: duckdb.DuckDBPyConnection, doc_id: int, old: str, new: str, name: str) -> None:
    """A file moved: its document and its earlier versions follow it to the new path."""
    con.execute(
        "UPDATE main.documents SET path = ?, file_name = ? WHERE doc_id = ?", [new, name, doc_id]
    )
    con.execute(f"UPDATE {SCHEMA}.documents SET path = ? WHERE path = ?", [new, old])


def schema_of(con: duckdb.DuckDBPyConnection, doc_id: int) -> str | None:
    """'main' for a current document, 'history' for an earlier version, None when unknown."""
    row = con.execute(
        "SELECT is_current FROM document_versions WHERE doc_id = ?", [doc_id]
    ).fetchone()
    if row is None:
        return None
    return "main" if row[0] else SCHEMA
