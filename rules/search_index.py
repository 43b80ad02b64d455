"""What `kplan search` searches: a document's paragraphs, outline nodes and table cells, each a
unit with its section, page and position, and the morphemes it holds (warehouse/search.py ranks
them by BM25).

The rules only cut a document into units (`search_units`, cheap); their morphemes are read on
the first `kplan search` that needs them (`unit_terms`, warehouse/search.py), so ingest does not
pay for tokenizing every paragraph and cell of every document.

A unit's terms are its content morphemes (nouns, roots, numbers, foreign words, verb stems), and
for a noun of three syllables or more also its first two or more syllables, so that a query for
'연수' finds '연수원' as well as '연수를' (which Kiwi splits into 연수 + 를).
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

import regex

from kplan.parsers.model import Position

from .facts import CellFact, OutlineNode, TableInfo
from .korean import Token, tokenize_many
from .lines import Item, Line
from .memo import memoized
from .outline import match_marker
from .sections import SECTION_RE, section_code

TERM_TAGS = frozenset(
    {"NNG", "NNP", "NR", "NP", "XR", "SL", "SH", "SN", "VV", "VA", "QTY", "CODE", "PCODE"}
)
PREFIX_TAGS = frozenset({"NNG", "NNP"})
SECTION_LEVELS = 3  # Ⅰ. › 1. › 가. / ① headings (or a 1-1-1 code) start a section
MAX_SECTION = 60  # a heading used as a section is cut to this many characters
HAS_WORD = regex.compile(r"[\p{L}]")
HAS_TERM = regex.compile(r"[\p{L}\p{N}]")  # a text without letters or digits holds no term


class SearchUnit(NamedTuple):
    unit_id: int  # 1.. in document order
    kind: str  # 'paragraph' | 'outline' | 'cell'
    section: str | None  # '5-1-2', or the heading it is under: 'Ⅱ. 추진과제'
    page: int | None
    position: Position | None  # 'line 984', 'table 3 row 2 col 1'
    text: str
    # How many terms it holds (BM25's document length); None until a search indexes it.
    length: int | None


def terms_of(tokens: list[Token]) -> list[str]:
    """A text's terms, in order, with the noun prefixes that let '연수' find '연수원'."""
    out = []
    for t in tokens:
        if t.tag not in TERM_TAGS:
            continue
        form = t.form.lower()
        out.append(form)
        if t.tag in PREFIX_TAGS and len(form) >= 3:
            out.extend(form[:n] for n in range(2, len(form)))
    return out


def query_terms(tokens: list[Token]) -> list[str]:
    """A query's terms: its content morphemes (no prefixes: those are the index's)."""
    return list(dict.fromkeys(t.form.lower() for t in tokens if t.tag in TERM_TAGS))


@memoized
def section_of(text: str) -> str | None:
    """The section a line starts: its code ('1-1-1 교원 …' → '1-1-1') or, for a top heading
    ('Ⅱ. 추진과제', '1. 성장을 돕는 …'), the heading itself."""
    m = SECTION_RE.match(text)
    if m:
        return section_code(m)
    mark = match_marker(text)
    if mark and mark[0] <= SECTION_LEVELS:
        return f"{mark[1]} {mark[2]}"[:MAX_SECTION]
    return None


def _paragraphs(
    stream: list[Item],
) -> tuple[list[tuple[str | None, int | None, Position | None, str]], dict[int, str | None]]:
    """(section, page, position, text) per paragraph block, and the section at each block."""
    paragraphs: dict[int, list[Line]] = {}
    section_at: dict[int, str | None] = {}
    section = None
    for item in stream:
        if isinstance(item, Line):
            section = section_of(item.text) or section
            paragraphs.setdefault(item.block, []).append(item)
        section_at.setdefault(item.block, section)
    out: list[tuple[str | None, int | None, Position | None, str]] = []
    for block, lines in paragraphs.items():
        text = " ".join(line.text for line in lines)
        out.append((section_at[block], lines[0].page, lines[0].position, text))
    return out, section_at


def _outline_units(
    outline: list[OutlineNode],
) -> list[tuple[str | None, int | None, Position | None, str]]:
    out: list[tuple[str | None, int | None, Position | None, str]] = []
    section = None
    for node in outline:
        section = section_of(f"{node.marker} {node.text}") or section
        out.append((section, node.page, None, node.text))
    return out


def _cell_units(
    tables: list[TableInfo], cells: list[CellFact], section_at: dict
) -> list[tuple[str | None, int | None, Position | None, str]]:
    by_id = {t.table_id: t for t in tables}
    out: list[tuple[str | None, int | None, Position | None, str]] = []
    for cell in cells:
        if not cell.text or not HAS_WORD.search(cell.text):
            continue
        table = by_id.get(cell.table_id)
        at = table.position if table is not None and table.position else Position()
        place = at._replace(table=cell.table_id, row=cell.row, col=cell.col)
        section = section_at.get(table.block) if table is not None else None
        out.append((section, table.page if table else None, place, cell.text))
    return out


def search_units(
    stream: list[Item],
    outline: list[OutlineNode],
    tables: list[TableInfo],
    cells: list[CellFact],
) -> list[SearchUnit]:
    """The units of one document, not yet tokenized (length None)."""
    paragraphs, section_at = _paragraphs(stream)
    raw = (
        [("paragraph", *p) for p in paragraphs]
        + [("outline", *o) for o in _outline_units(outline)]
        + [("cell", *c) for c in _cell_units(tables, cells, section_at)]
    )
    return [
        SearchUnit(unit_id, kind, section, page, position, text, None)
        for unit_id, (kind, section, page, position, text) in enumerate(
            (r for r in raw if HAS_TERM.search(r[4])), start=1
        )
    ]


def unit_terms(texts: list[str]) -> list[Counter[str]]:
    """Each text's terms and how often it holds them, the texts tokenized in one call."""
    return [Counter(terms_of(tokens)) for tokens in tokenize_many(texts)]
