"""Morpheme search over the warehouse: paragraphs, outline nodes and table cells ranked by BM25,
computed in SQL over `search_units` and `search_terms` (no fts extension needed).

The query is tokenized as the documents were (rules/korean.py), so '연수' finds '연수를' and
'연수원'. A unit holding more of the query's words comes first, then the higher BM25 score
(a lone '접근성' in a table is short, but '연수원 접근성 제고' is what was asked for). Each
hit says where it is (document, section, page or position) and shows the words that matched
between 【 and 】. Only primary documents are searched: a report loaded as PDF and HWP is
found once.
"""

from __future__ import annotations

from typing import NamedTuple

import duckdb

from kplan.rules.korean import tokenize
from kplan.rules.outline import match_marker
from kplan.rules.search_index import query_terms, terms_of

K1, B = 1.2, 0.75  # the usual BM25 constants
MARKS = ("【", "】")
SNIPPET = 160  # characters of a long paragraph shown around its first match

BM25_SQL = f"""
WITH q AS (SELECT unnest(?::VARCHAR[]) AS term),
units AS (
    SELECT u.* FROM search_units u JOIN documents d USING (doc_id)
    WHERE d.is_primary AND d.status <> 'failed'
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


def search(con: duckdb.DuckDBPyConnection, query: str, *, limit: int = 10) -> list[Hit]:
    """The units that best match `query`, best first. An outline node found with its own
    paragraph is left out: the paragraph is shown."""
    terms = query_terms(tokenize(query))
    if not terms:
        raise EmptyQuery(f"nothing to search for in {query!r}")
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
