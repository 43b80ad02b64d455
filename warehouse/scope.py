"""Which documents a query is about: one way to write `doc_id IN (…)` for the whole package.

None means every document, an empty list none. The ids are cast to int before they reach the
SQL text, so the fragment is safe to splice where a parameter cannot go (into a check's own
SELECT, into an UPDATE … FROM).
"""

from __future__ import annotations

from collections.abc import Iterable


def doc_ids_query(doc_ids: Iterable[int] | None) -> str:
    """A SELECT of the documents in scope, one doc_id a row."""
    if doc_ids is None:
        return "SELECT doc_id FROM documents"
    ids = [int(d) for d in doc_ids]
    if not ids:
        return "SELECT NULL::BIGINT AS doc_id WHERE false"
    return f"SELECT unnest([{', '.join(map(str, ids))}]::BIGINT[]) AS doc_id"


def in_scope(column: str, doc_ids: Iterable[int] | None) -> str:
    """`column IN (…)` for the documents in scope, or TRUE for every document."""
    if doc_ids is None:
        return "TRUE"
    return f"{column} IN ({doc_ids_query(doc_ids)})"
