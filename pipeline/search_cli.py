"""`kplan search QUERY`: paragraphs, outline nodes and table cells found by morpheme, best first
(BM25; warehouse/search.py)."""

from __future__ import annotations

import click

from .options import command, db_option, existing_db, open_db
from .output import KplanError, print_rows

COLUMNS = ["score", "file", "section", "page", "position", "kind", "match"]


@command(
    "search",
    summary="find paragraphs, headings and table cells by their words",
    description="Search the warehouse's text by morpheme: a query for 연수 finds 연수를 and "
    "연수원. Hits come best first (BM25), each with its document, section, page or position "
    "and the matching words marked 【thus】.",
    example='kplan search "연수원 접근성" --limit 5',
)
@click.argument("query")
@db_option
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=1))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def search(query: str, db: str, limit: int, fmt: str) -> int:
    # Imported here: the tokenizer and DuckDB load for a search, not for `kplan --help`.
    import duckdb

    from kplan.warehouse.search import EmptyQuery, pending_units, search_terms_of
    from kplan.warehouse.search import search as search_warehouse

    existing_db(db)
    try:
        search_terms_of(query)  # an empty query is an error before any indexing
        con = open_db(db, read_only=True)
        with con:
            pending = pending_units(con)
            hits = [] if pending else search_warehouse(con, query, limit=limit, index=False)
        if pending:
            # Documents ingested since the last search: their units are tokenized once, here,
            # which needs the warehouse writable for as long as that takes.
            click.echo(f"kplan: indexing {pending} text units for search (once)", err=True)
            con = open_db(db)
            with con:
                hits = search_warehouse(con, query, limit=limit)
    except EmptyQuery as exc:
        raise KplanError(str(exc)) from None
    except duckdb.CatalogException:
        raise KplanError(
            f"{db} has no search index: run `kplan ingest` again with this kplan"
        ) from None
    if fmt == "json":
        print_rows(list(hits[0]._fields) if hits else [], [tuple(h) for h in hits], "json")
        return 0
    rows = [
        (h.score, h.file_name, h.section, h.page, h.position, h.kind, h.highlighted) for h in hits
    ]
    print_rows(COLUMNS, rows, "table")
    return 0
