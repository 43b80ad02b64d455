"""A read-only warehouse connection that can read the warehouse and nothing else.

`kplan sql` runs whatever SQL it is given. Read-only stops writes to the warehouse but not
DuckDB's file functions: `COPY … TO`, `EXPORT DATABASE`, `ATTACH`, `read_text()`, `read_csv()`,
`glob()` and extensions reach the whole file system. With external access off they are refused
(a PermissionException), and the configuration is locked so that SQL cannot turn it back on.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

SANDBOX_CONFIG = {
    "enable_external_access": False,  # no file, directory or network access but the warehouse
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "lock_configuration": True,  # SET cannot undo the above
}


def open_sandboxed(db_path: str | Path) -> duckdb.DuckDBPyConnection:
    """The warehouse at `db_path`, read-only, with no access to any other file."""
    return duckdb.connect(str(db_path), read_only=True, config=dict(SANDBOX_CONFIG))
