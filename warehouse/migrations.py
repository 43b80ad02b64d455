"""Schema migrations: the warehouse is a published interface, so a warehouse made by an older
kplan is brought forward in place, never renamed from under its users' SQL.

`schema.sql` always describes the newest schema, for new warehouses; each migration here takes
an existing warehouse from the version before it to its version. Statements are idempotent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: `kplan --help` need not load DuckDB
    import duckdb


# A migration step: a statement, or a function of the connection for what SQL alone cannot do.
Step = str | Callable[["duckdb.DuckDBPyConnection"], object]


def _sync_value_checks(con: duckdb.DuckDBPyConnection) -> object:
    # Imported here: the constraints come from the readers' registry, which `kplan --help`
    # does not load.
    from . import value_checks

    return value_checks.sync(con)


# The tables with a `position` column (current and, once made, their `history` twins).
POSITION_TABLES = (
    "sections",
    "budget_lines",
    "training_items",
    "counts",
    "contacts",
    "findings",
    "tables",
    "search_units",
    "work_plan_tasks",
    "work_plan_budget",
)


def _position_fields(con: duckdb.DuckDBPyConnection) -> object:
    """Each `position` as fields too (pos_section, pos_paragraph, pos_row, …), read from the
    text older kplan wrote: the one place a position's text is read back."""
    from kplan.parsers.model import Position

    columns = list(Position.column_types().items())[1:]
    for schema, table in con.execute(
        "SELECT table_schema, table_name FROM information_schema.columns "
        "WHERE column_name = 'position' AND table_schema IN ('main', 'history') "
        f"AND table_name IN ({', '.join(repr(t) for t in POSITION_TABLES)})"
    ).fetchall():
        target = f"{schema}.{table}"
        for column, kind in columns:
            con.execute(f"ALTER TABLE {target} ADD COLUMN IF NOT EXISTS {column} {kind}")
        texts = [
            r[0]
            for r in con.execute(
                f"SELECT DISTINCT position FROM {target} WHERE position IS NOT NULL"
            ).fetchall()
        ]
        parsed = [(t, *p) for t in texts if (p := Position.parse(t)) is not None]
        if not parsed:
            continue
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _positions (position VARCHAR, "
            + ", ".join(f"{c} {k}" for c, k in columns)
            + ")"
        )
        con.executemany(
            f"INSERT INTO _positions VALUES ({', '.join('?' * (1 + len(columns)))})", parsed
        )
        assign = ", ".join(f"{c} = p.{c}" for c, _ in columns)
        con.execute(
            f"UPDATE {target} t SET {assign} FROM _positions p WHERE t.position = p.position"
        )
        con.execute("DROP TABLE _positions")
    return None


MIGRATIONS: list[tuple[int, list[Step]]] = [
    (
        2,
        [
            # budget_lines.amount_line_no: the line whose merged amount covers these quarters.
            "ALTER TABLE budget_lines ADD COLUMN IF NOT EXISTS amount_line_no INTEGER",
            # documents.family: the report family whose rules matched.
            "ALTER TABLE documents ADD COLUMN IF NOT EXISTS family VARCHAR",
            # documents.signature: MinHash of the text, to count a report in several formats once.
            "ALTER TABLE documents ADD COLUMN IF NOT EXISTS signature BIGINT[]",
            # findings.table_id/cell_row/cell_col: the cell a generic table check is about.
            "ALTER TABLE findings ADD COLUMN IF NOT EXISTS table_id INTEGER",
            "ALTER TABLE findings ADD COLUMN IF NOT EXISTS cell_row INTEGER",
            "ALTER TABLE findings ADD COLUMN IF NOT EXISTS cell_col INTEGER",
            # budget_tables.table_no/n_columns, budget_lines.table_no: a section with two
            # budget tables keeps them apart.
            "ALTER TABLE budget_tables ADD COLUMN IF NOT EXISTS table_no INTEGER",
            "ALTER TABLE budget_tables ADD COLUMN IF NOT EXISTS n_columns INTEGER",
            "ALTER TABLE budget_lines ADD COLUMN IF NOT EXISTS table_no INTEGER",
            # documents.rules_version: facts extracted by older rules are extracted again.
            "ALTER TABLE documents ADD COLUMN IF NOT EXISTS rules_version INTEGER",
            # position: where a fact or finding is in a format without pages (HWP, HWPX, text).
            "ALTER TABLE sections ADD COLUMN IF NOT EXISTS position VARCHAR",
            "ALTER TABLE budget_lines ADD COLUMN IF NOT EXISTS position VARCHAR",
            "ALTER TABLE training_items ADD COLUMN IF NOT EXISTS position VARCHAR",
            "ALTER TABLE contacts ADD COLUMN IF NOT EXISTS position VARCHAR",
            "ALTER TABLE findings ADD COLUMN IF NOT EXISTS position VARCHAR",
        ],
    ),
    (
        3,
        [
            # tables.units/unit_source: every unit a table states, and where it was read.
            "ALTER TABLE tables ADD COLUMN IF NOT EXISTS units VARCHAR",
            "ALTER TABLE tables ADD COLUMN IF NOT EXISTS unit_source VARCHAR",
            # table_cells: what each figure is, its unit, its exact value and won, and the figure
            # printed in brackets after it. Rows loaded before have NULL here until re-read
            # (rules_version says so).
            "ALTER TABLE table_cells ADD COLUMN IF NOT EXISTS kind VARCHAR",
            "ALTER TABLE table_cells ADD COLUMN IF NOT EXISTS unit VARCHAR",
            "ALTER TABLE table_cells ADD COLUMN IF NOT EXISTS value DECIMAL(38, 6)",
            "ALTER TABLE table_cells ADD COLUMN IF NOT EXISTS amount BIGINT",
            "ALTER TABLE table_cells ADD COLUMN IF NOT EXISTS sub_value DECIMAL(38, 6)",
        ],
    ),
    (
        4,
        [
            # tables.position: where a table is in HWP/HWPX, for the findings about its cells.
            "ALTER TABLE tables ADD COLUMN IF NOT EXISTS position VARCHAR",
        ],
    ),
    (
        5,
        [
            # document_metadata: what each file says about itself, key by key.
            "CREATE TABLE IF NOT EXISTS document_metadata (doc_id BIGINT NOT NULL, "
            "key VARCHAR NOT NULL, value VARCHAR NOT NULL)",
        ],
    ),
    (
        8,
        [
            # documents.version/previous_doc_id: a changed file is a new version; the earlier
            # ones move to schema `history` (warehouse/versions.py makes its tables).
            "ALTER TABLE documents ADD COLUMN IF NOT EXISTS version INTEGER DEFAULT 1",
            "ALTER TABLE documents ADD COLUMN IF NOT EXISTS previous_doc_id BIGINT",
            "UPDATE documents SET version = 1 WHERE version IS NULL",
        ],
    ),
    (
        9,
        [
            # documents.file_size/file_mtime_ns: the file as last loaded, so an unchanged file
            # is skipped before it is read.
            "ALTER TABLE documents ADD COLUMN IF NOT EXISTS file_size BIGINT",
            "ALTER TABLE documents ADD COLUMN IF NOT EXISTS file_mtime_ns BIGINT",
        ],
    ),
    (
        10,
        [
            # documents.error: CHECK (error IN the ErrorCode values), and documents.format's
            # list from the backend registry. DuckDB cannot add a CHECK with ALTER TABLE: the
            # table is rebuilt, rows and columns kept (warehouse/value_checks.py).
            _sync_value_checks,
        ],
    ),
    (
        11,
        [
            # (11 and 12 were written as 6 and 7 alongside 8-10 and renumbered at the merge, so
            # that a warehouse already at 10 still gets them.)
            # counts: every count of the 추진 실적/계획 lists that is no training item's.
            "CREATE TABLE IF NOT EXISTS counts (doc_id BIGINT NOT NULL, section_code VARCHAR, "
            "year INTEGER, stage VARCHAR CHECK (stage IN ('actual', 'plan', 'improvement')), "
            "subject VARCHAR, quantity BIGINT NOT NULL, counter VARCHAR NOT NULL, "
            "page INTEGER, position VARCHAR, source VARCHAR)",
        ],
    ),
    (
        12,
        [
            # name_key/project_key: a name's key (rules/names.py), to line up one program
            # across years and reports (views.sql: programs, plan_vs_actual, …).
            "ALTER TABLE training_items ADD COLUMN IF NOT EXISTS name_key VARCHAR",
            "ALTER TABLE improvement_items ADD COLUMN IF NOT EXISTS name_key VARCHAR",
            "ALTER TABLE budget_lines ADD COLUMN IF NOT EXISTS project_key VARCHAR",
            # search_units/search_terms: what `kplan search` ranks by BM25.
            "CREATE TABLE IF NOT EXISTS search_units (doc_id BIGINT NOT NULL, "
            "unit_id INTEGER NOT NULL, kind VARCHAR NOT NULL CHECK (kind IN ('paragraph', "
            "'outline', 'cell')), section VARCHAR, page INTEGER, position VARCHAR, "
            "text VARCHAR NOT NULL, length INTEGER NOT NULL)",
            "CREATE TABLE IF NOT EXISTS search_terms (doc_id BIGINT NOT NULL, "
            "unit_id INTEGER NOT NULL, term VARCHAR NOT NULL, tf INTEGER NOT NULL)",
        ],
    ),
    (
        13,
        [
            # pos_page, pos_line, pos_section, pos_paragraph, pos_inside, pos_table, pos_row,
            # pos_col: every `position` as fields, beside its text (rows loaded before: read
            # from the text).
            _position_fields,
        ],
    ),
    (
        15,
        [
            # search_units.length NULL: a unit whose terms are not indexed yet. Ingest no longer
            # tokenizes the units; the first `kplan search` does (warehouse/search.py). Units
            # loaded before keep their length and terms: they are indexed already.
            "ALTER TABLE search_units ALTER COLUMN length DROP NOT NULL",
            # counts.period: '상반기 43개 기관, 하반기 40개 기관' are two counts of one subject.
            "ALTER TABLE counts ADD COLUMN IF NOT EXISTS period VARCHAR",
        ],
    ),
]
LATEST_VERSION = max(version for version, _ in MIGRATIONS)


def migrate(con: duckdb.DuckDBPyConnection, *, is_new: bool) -> int:
    """Apply what `con` lacks; return the version it is at afterwards."""
    if is_new:
        con.execute("DELETE FROM schema_version")
        con.execute("INSERT INTO schema_version VALUES (?)", [LATEST_VERSION])
        return LATEST_VERSION
    current = con.execute("SELECT coalesce(max(version), 1) FROM schema_version").fetchall()[0][0]
    for version, statements in MIGRATIONS:
        if version > current:
            for statement in statements:
                if isinstance(statement, str):
                    con.execute(statement)
                else:
                    statement(con)
            con.execute("DELETE FROM schema_version")
            con.execute("INSERT INTO schema_version VALUES (?)", [version])
            current = version
    return current
