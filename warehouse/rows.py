"""Inserting many rows into a warehouse table in one statement.

The rows go through the duckdb wheel's appender, which converts each value as a bound
parameter is converted and casts it to its column's type, as an INSERT … VALUES of each row
would; at its flush one statement appends them all, in the connection's transaction. It is 2–3×
faster than one INSERT of unnested column lists (each list built into a DuckDB value, then
unnested) and needs no pandas; executemany runs a statement per row (about a millisecond each).

An appender is kept per connection, table and columns, and used again by the next document:
making one costs about as much as a flush (a load appends to some 15 tables). Its flush binds
the table by name, as a statement would, so a table altered or made again since is no matter.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: `kplan --help` need not load DuckDB
    import duckdb

# Weak: an appender holds no reference to its connection, so a connection no longer used is
# freed (and its file let go) with its appenders.
_APPENDERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def insert_rows(
    con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], rows: Sequence[tuple]
) -> None:
    """Insert `rows` (tuples of `columns`' values) into `table`, naming the columns: a
    migrated table may order its columns otherwise."""
    if not rows:
        return
    widths = set(map(len, rows))
    if widths != {len(columns)}:
        shown = ", ".join(map(str, sorted(widths)))
        raise ValueError(f"{table}: {len(columns)} columns but rows of {shown} values")
    appender = _appender(con, table, tuple(columns))
    try:
        appender.append_rows(rows)
        appender.flush()
    except BaseException:
        appender.clear()  # rows converted before a failing one must not join the next flush
        raise


def _appender(con: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...]):
    kept = _APPENDERS.setdefault(con, {})
    appender = kept.get((table, columns))
    if appender is None:
        appender = kept[(table, columns)] = con.appender(table, columns=list(columns))
    return appender
