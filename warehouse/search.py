"""Morpheme search over the warehouse: paragraphs, outline nodes and table cells ranked by BM25,
computed in SQL over `search_units` and `search_terms` (no fts extension needed).

The query is tokenized as the documents were (rules/korean.py), so '연수' finds '연수를' and
'연수원'. A unit holding more of the query's words comes first, then the higher BM25 score
(a lone '접근성' in a table is short, but '연수원 접근성 제고' is what was asked for). Each
hit says where it is (document, section, page or position) and shows the words that matched
between 【 and 】. Only primary documents are searched: a report loaded as PDF and HWP is
found once.

Ingest stores each document's units but not their morphemes (tokenizing every paragraph and
cell was most of a file's rules time). The first search after an ingest indexes the units of
the primary documents that have none yet (`index_pending`), in the warehouse, so each is
tokenized once; a new version of a file is a new document, indexed by the next search.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import duckdb

from kplan.rules.korean import tokenize
from kplan.rules.outline import match_marker
from kplan.rules.search_index import query_terms, terms_of, unit_terms

from .rows import insert_rows

K1, B = 1.2, 0.75  # the usual BM25 constants
MARKS = ("【", "】")
SNIPPET = 160  # characters of a long paragraph shown around its first match

BM25_SQL = f"""
WITH q AS (SELECT unnest(?::VARCHAR[]) AS term),
units AS (
    SELECT u.* FROM search_units u JOIN documents d USING (doc_id)
    WHERE d.is_primary AND d.status <> 'failed' AND u.length > 0
),
stats AS (SELECT count(*) AS n, avg(length) AS avgdl FROM units),
df AS (
    SELECT t.term, count(*) AS df
    FROM search_terms t JOIN units u USING (doc_id, unit_id)
    WHERE t.term IN (SELECT term FROM q)
    GROUP BY t.term
),
scored AS (
    SELECT t.doc_id, t.unit_id,
           sum(ln(1 + (s.n - df.df + 0.5) / (df.df + 0.5))
               * t.tf * ({K1} + 1)
               / (t.tf + {K1} * (1 - {B} + {B} * u.length / s.avgdl))) AS score,
           count(*) AS matched
    FROM search_terms t
    JOIN df USING (term)
    JOIN units u USING (doc_id, unit_id)
    CROSS JOIN stats s
    GROUP BY t.doc_id, t.unit_id
)
SELECT s.score, s.matched, u.doc_id, d.file_name, d.title, u.kind, u.section, u.page,
       u.position, u.text
FROM scored s
JOIN units u USING (doc_id, unit_id)
JOIN documents d USING (doc_id)
ORDER BY s.matched DESC, s.score DESC, u.doc_id, u.unit_id
LIMIT ?
"""


class Hit(NamedTuple):
    score: float
    doc_id: int
    file_name: str
    title: str | None
    kind: str  # 'paragraph' | 'outline' | 'cell'
    section: str | None
    page: int | None
    position: str | None
    text: str
    highlighted: str  # the text (or its part around the match) with 【matches】 marked


class EmptyQuery(ValueError):
    """A query with no word to search for ('!!', '…')."""


# The units a search needs indexed: those of the documents it searches, not yet tokenized.
PENDING_SQL = """
    SELECT u.doc_id, u.unit_id, u.text FROM search_units u JOIN documents d USING (doc_id)
    WHERE u.length IS NULL AND d.is_primary AND d.status <> 'failed'
"""
INDEX_BATCH = 20_000  # units tokenized and written per transaction


def pending_units(con: duckdb.DuckDBPyConnection) -> int:
    """How many units of the searched documents have no terms yet (0 for a warehouse made
    before units were indexed lazily: its units all have their terms)."""
    return con.execute(f"SELECT count(*) FROM ({PENDING_SQL})").fetchall()[0][0]


def index_pending(
    con: duckdb.DuckDBPyConnection, *, report: Callable[[int], object] | None = None
) -> int:
    """Tokenize the units of the searched documents that have no terms yet and store their
    terms and lengths; return how many units were indexed. `report(n)` is told the number
    first when there is work. Each batch is one transaction: an interrupted indexing keeps
    what it wrote and the next search goes on from there."""
    rows = con.execute(f"{PENDING_SQL} ORDER BY u.doc_id, u.unit_id").fetchall()
    if rows and report is not None:
        report(len(rows))
    for start in range(0, len(rows), INDEX_BATCH):
        batch = rows[start : start + INDEX_BATCH]
        counted = unit_terms([text for _, _, text in batch])
        terms = [
            (doc_id, unit_id, term, tf)
            for (doc_id, unit_id, _), counts in zip(batch, counted)
            for term, tf in counts.items()
        ]
        lengths = [
            (doc_id, unit_id, sum(counts.values()))
            for (doc_id, unit_id, _), counts in zip(batch, counted)
        ]
        _store_terms(con, terms, lengths)
    return len(rows)


def _store_terms(con: duckdb.DuckDBPyConnection, terms: list[tuple], lengths: list[tuple]) -> None:
    """Write units' terms and set their lengths, in one transaction: a unit with a length has
    its terms."""
    con.execute("BEGIN TRANSACTION")
    try:
        insert_rows(con, "search_terms", ["doc_id", "unit_id", "term", "tf"], terms)
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _unit_lengths "
            "(doc_id BIGINT, unit_id INTEGER, length INTEGER)"
        )
        insert_rows(con, "_unit_lengths", ["doc_id", "unit_id", "length"], lengths)
        con.execute(
            "UPDATE search_units SET length = l.length FROM _unit_lengths l "
            "WHERE search_units.doc_id = l.doc_id AND search_units.unit_id = l.unit_id"
        )
        con.execute("DROP TABLE _unit_lengths")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def search_terms_of(query: str) -> list[str]:
    """The terms searched for; EmptyQuery when the query holds none."""
    terms = query_terms(tokenize(query))
    if not terms:
        raise EmptyQuery(f"nothing to search for in {query!r}")
    return terms


def search(
    con: duckdb.DuckDBPyConnection, query: str, *, limit: int = 10, index: bool = True
) -> list[Hit]:
    """The units that best match `query`, best first. An outline node found with its own
    paragraph is left out: the paragraph is shown. Units not yet indexed are indexed first,
    which needs `con` writable (the CLI opens it so only then: see pipeline/search_cli.py);
    `index=False` when the caller has just seen `pending_units` say none, so that they are not
    looked for twice."""
    terms = search_terms_of(query)
    if index:
        index_pending(con)  # finding none costs what counting them would
    rows = con.execute(BM25_SQL, [terms, max(limit * 3, limit + 10)]).fetchall()
    hits: list[Hit] = []
    paragraphs = {(r[2], _unmarked(r[9])) for r in rows if r[5] == "paragraph"}
    for score, _matched, doc_id, file_name, title, kind, section, page, position, text in rows:
        if kind == "outline" and (doc_id, text) in paragraphs:
            continue
        hits.append(
            Hit(
                round(score, 4),
                doc_id,
                file_name,
                title,
                kind,
                section,
                page,
                position,
                text,
                highlight(text, set(terms)),
            )
        )
        if len(hits) == limit:
            break
    return hits


def _unmarked(text: str) -> str:
    """A paragraph as its outline node holds it: without its mark ('◦ ', 'ㅇ ', '1. ')."""
    mark = match_marker(text)
    return mark[2] if mark else text


def highlight(text: str, terms: set[str], *, marks: tuple[str, str] = MARKS) -> str:
    """The text with the tokens that hold a query term marked; a long text is cut to the part
    around its first match."""
    spans: list[list[int]] = []
    for token in tokenize(text):
        if token.tag == "XSN" and spans and spans[-1][1] == token.start:
            spans[-1][1] = token.end  # the suffix goes with its word: 【접근성】
            continue
        if not terms.intersection(terms_of([token])):
            continue
        if spans and not text[spans[-1][1] : token.start].strip():
            spans[-1][1] = token.end  # one mark over '연수원 접근성'
        else:
            spans.append([token.start, token.end])
    out, at = [], 0
    for start, end in spans:
        out += [text[at:start], marks[0], text[start:end], marks[1]]
        at = end
    marked = "".join(out) + text[at:]
    return _snippet(marked, marks[0])


def _snippet(marked: str, open_mark: str) -> str:
    if len(marked) <= SNIPPET:
        return marked
    first = max(marked.find(open_mark), 0)
    start = max(0, first - SNIPPET // 3)
    end = start + SNIPPET
    return ("…" if start else "") + marked[start:end] + ("…" if end < len(marked) else "")
