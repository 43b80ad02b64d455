"""`kplan sql QUERY`: one read-only query against the warehouse, as a table, CSV or JSON."""

from __future__ import annotations

import click
import duckdb

from .options import command, db_option, existing_db, format_option, open_db
from .output import KplanError, first_line, print_rows


@command(
    "sql",
    summary="run a SQL query against the warehouse",
    description="Run one SQL query against the warehouse (read-only; the query can read "
    "the warehouse and no other file).",
    example='kplan sql "SELECT section_code, amount FROM budget_lines WHERE is_total" --format csv',
)
@click.argument("query")
@db_option
@format_option
def sql(query: str, db: str, fmt: str) -> int:
    con = open_db(existing_db(db), sandboxed=True)
    with con:
        try:
            cursor = con.execute(query)
        except duckdb.Error as exc:
            raise KplanError(first_line(exc)) from None
        columns = [d[0] for d in cursor.description] if cursor.description else []
        rows = cursor.fetchall() if columns else []
    print_rows(columns, rows, fmt)
    return 0
