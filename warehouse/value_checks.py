"""The `documents` constraints whose values come from the code, not from schema.sql: the formats
the registered backends read (parsers/backends.py) and the error codes (parsers.errors.ErrorCode).
schema.sql names them `@FORMATS@` and `@ERROR_CODES@`; a new warehouse gets the current lists,
and an existing one whose lists differ (an older warehouse: migration 10; a backend added since)
has its `documents` table rebuilt with the new constraints, rows and columns kept.

DuckDB cannot add or change a CHECK constraint with ALTER TABLE, hence the rebuild.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

from kplan.parsers import backends
from kplan.parsers.errors import ErrorCode

# Column → (schema.sql placeholder, the values it may hold).
CHECKED_COLUMNS: dict[str, tuple[str, Callable[[], list[str]]]] = {
    "format": ("@FORMATS@", backends.formats),
    "error": ("@ERROR_CODES@", lambda: [code.value for code in ErrorCode]),
}
REBUILT = "documents__rebuilt"


def sql_list(values: list[str]) -> str:
    return ", ".join("'" + value.replace("'", "''") + "'" for value in values)


def render_schema(schema_sql: str) -> str:
    """schema.sql with each placeholder replaced by its current values."""
    for placeholder, values in CHECKED_COLUMNS.values():
        schema_sql = schema_sql.replace(placeholder, sql_list(values()))
    return schema_sql


def _check_pattern(column: str) -> re.Pattern:
    # As DuckDB prints it: , CHECK((format IN ('pdf', 'hwp'))) — "error" is quoted.
    return re.compile(rf',\s*CHECK\(\("?{column}"? IN \(((?:\'[^\']*\'(?:, )?)*)\)\)\)')


def declared_values(ddl: str, column: str) -> set[str] | None:
    """The values the table's CHECK on `column` allows; None without such a constraint."""
    found = _check_pattern(column).search(ddl)
    if found is None:
        return None
    return set(re.findall(r"'((?:[^']|'')*)'", found.group(1)))


def documents_ddl(con: duckdb.DuckDBPyConnection) -> str:
    """The CREATE TABLE statement of the current `documents` (not `history.documents`)."""
    return con.execute(
        "SELECT sql FROM duckdb_tables() WHERE table_name = 'documents' "
        "AND schema_name = current_schema()"
    ).fetchall()[0][0]


def sync(con: duckdb.DuckDBPyConnection) -> bool:
    """Rebuild `documents` when a derived constraint differs from the code; True if rebuilt."""
    ddl = documents_ddl(con)
    wanted = {column: values() for column, (_, values) in CHECKED_COLUMNS.items()}
    if all(declared_values(ddl, column) == set(values) for column, values in wanted.items()):
        return False
    rebuilt = ddl.rstrip().rstrip(";")
    assert rebuilt.endswith(")"), ddl
    for column in wanted:
        rebuilt = _check_pattern(column).sub("", rebuilt)
    checks = "".join(
        f', CHECK(("{column}" IN ({sql_list(values)})))' for column, values in wanted.items()
    )
    rebuilt = re.sub(r"^CREATE TABLE documents\(", f"CREATE TABLE {REBUILT}(", rebuilt)
    rebuilt = rebuilt[:-1] + checks + ")"
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(rebuilt)
        con.execute(f"INSERT INTO {REBUILT} SELECT * FROM documents")
        con.execute("DROP TABLE documents")
        con.execute(f"ALTER TABLE {REBUILT} RENAME TO documents")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return True
