"""A read-only warehouse connection that can read the warehouse and nothing else.

`kplan sql` runs whatever SQL it is given. Read-only stops writes to the warehouse but not
DuckDB's file functions: `COPY … TO`, `EXPORT DATABASE`, `ATTACH`, `read_text()`, `read_csv()`,
`glob()` and extensions reach the whole file system. With external access off they are refused
(a PermissionException), and the configuration is locked so that SQL cannot turn it back on.
The data-quality checks from a folder of one's own (`--checks DIR`) run the same way, on a
sandboxed copy of the warehouse.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

SANDBOX_CONFIG = {
    "enable_external_access": False,  # no file, directory or network access but the warehouse
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "lock_configuration": True,  # SET cannot undo the above
}
COPY_ALIAS = "kplan_sandbox_copy"


def open_sandboxed(db_path: str | Path) -> duckdb.DuckDBPyConnection:
    """The warehouse at `db_path`, read-only, with no access to any other file."""
    return duckdb.connect(str(db_path), read_only=True, config=dict(SANDBOX_CONFIG))


@contextmanager
def sandboxed_copy(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """A sandboxed, read-only copy of the warehouse `con` is open on (as `open_sandboxed`),
    for SQL from outside the project: a check from a folder of one's own.

    The copy is a temporary file, deleted on exit: one DuckDB process cannot open the warehouse
    it holds read-write a second time with other settings, and settings made on `con` itself
    (external access off) could not be undone for the caller."""
    name = con.execute("SELECT current_database()").fetchall()[0][0]
    with tempfile.TemporaryDirectory(prefix="kplan-sandbox-") as folder:
        path = Path(folder) / "warehouse.duckdb"
        quoted = str(path).replace("'", "''")
        con.execute(f"ATTACH '{quoted}' AS {COPY_ALIAS}")
        try:
            database = name.replace('"', '""')  # a warehouse file may be named anything
            con.execute(f'COPY FROM DATABASE "{database}" TO {COPY_ALIAS}')
        finally:
            con.execute(f"DETACH {COPY_ALIAS}")
        copy = open_sandboxed(path)
        try:
            yield copy
        finally:
            copy.close()
