"""Inserting many rows into a warehouse table in one statement.

Each column goes over as one list parameter and is unnested: DuckDB types a list by its values
(as it types one bound value) and the insert casts it to the column's type, as an INSERT …
VALUES of each row would. executemany runs the statement once per row (about a millisecond
each), and a DataFrame scan costs a pandas import and an analysis of every column.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: `kplan --help` need not load DuckDB
    import duckdb


def insert_rows(
    con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], rows: Sequence[tuple]
) -> None:
    """Insert `rows` (tuples of `columns`' values) into `table`, naming the columns: a
    migrated table may order its columns otherwise."""
    if not rows:
        return
    values = [_bindable(column) for column in zip(*rows, strict=True)]
    if len(values) != len(columns):
        raise ValueError(f"{table}: {len(columns)} columns but rows of {len(values)} values")
    unnested = ", ".join(f"unnest(${i})" for i in range(1, len(columns) + 1))
    con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {unnested}", values)


def _bindable(values: tuple[Any, ...]) -> list[Any]:
    """One column's values, a Decimal as text: a list of Decimals is typed as the DECIMAL its
    values fit, which may be narrower than the column; text casts to the column exactly."""
    if Decimal not in set(map(type, values)):
        return list(values)
    return [str(v) if isinstance(v, Decimal) else v for v in values]
