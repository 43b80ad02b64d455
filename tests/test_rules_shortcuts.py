"""The rules' shortcuts give what the work they skip would give: the table's covering-cell index, the
prefilters before a pattern (contents entries, parts, marks, normalization's steps, repeated
titles), display widths, the two streams made in one pass, and the text caches (rules/memo.py)
warm or cold."""

from __future__ import annotations

import copy
import itertools
import pickle
import unicodedata

import pytest
import regex

from kplan.parsers import model, parse_file
from kplan.parsers.model import Cell, Document, Paragraph, Table
from kplan.rules import extract, memo
from kplan.rules.facts import CellFact
from kplan.rules.lines import Line, TableRef, document_streams
from kplan.rules.normalize import (
    _COMMA_GAP_RE,
    _FULL_WIDTH,
    _FULL_WIDTH_RE,
    _LONG_RUN_RE,
    _MIDDLE_DOT_RE,
    _OTHER_SPACES_RE,
    _PERIODIC_RE,
    _PRIVATE_USE_RE,
    _SPACES_RE,
    _SYMBOL_BULLET_RE,
    SYMBOL_FONT_BULLETS,
    normalize_dots,
    normalize_line,
)
from kplan.rules.outline import MARKERS, PAGE_REF_RE, display_width, is_page_ref, match_marker
from kplan.rules.sections import PART_PATTERNS, section_parts
from kplan.rules.tables import cell_facts

# Contents entries as the corpus prints them, and lines that only look like one.
CONTENTS_LINES = [
    "Ⅱ. 정책방향\t 4",
    "Ⅰ. 일반현황 ························ 3",
    "1. 개요 …… 12",
    "2. 추진 실적 ---------- - 7 -",
    "붙임 1. 세부 추진계획 _____ 21",
    "Ⅲ. 주요업무 추진계획ㆍㆍㆍㆍㆍ 15",
    "가. 사업 개요 ‥‥‥ 9",
    "참고 ─── 30",
    "연수 운영 ... 2과정",
    "1-1-1 교원 자격연수 운영",
    "◦ 유치원 1급 정교사 자격연수 2과정, 358명",
    "예산 … 1,078,028",
    "",
    "\t\t",
]


def plain_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@pytest.fixture(scope="module")
def sample_docs(sample_path):
    return {fmt: parse_file(sample_path(fmt)) for fmt in ("hwpx", "hwp", "pdf", "txt")}


def covering_by_walk(table: Table, row: int, col: int) -> Cell | None:
    """What covers (row, col), read from the cells alone: the last cell whose origin it is,
    else the first in order that spans over it."""
    origins = [c for c in table.cells if (c.row, c.col) == (row, col)]
    if origins:
        return origins[-1]
    return next((c for c in table.cells if c.covers(row, col)), None)


def assert_covering_as_walked(table: Table) -> None:
    for row in range(-1, table.n_rows + 2):
        for col in range(-1, table.n_cols + 2):
            assert table.cell_covering(row, col) is covering_by_walk(table, row, col), (row, col)


def test_covering_index_answers_as_the_cells_on_the_sample_tables(sample_docs):
    for fmt in ("hwpx", "pdf"):
        tables = [b for b in sample_docs[fmt].blocks if isinstance(b, Table)]
        assert any(c.rowspan > 1 or c.colspan > 1 for t in tables for c in t.cells), fmt
        for table in tables:
            assert_covering_as_walked(table)


def test_covering_index_on_merged_overlapping_and_repeated_cells():
    cells = [
        Cell(0, 0, "구분", rowspan=2),
        Cell(0, 1, "예산액", colspan=2),
        Cell(1, 1, "’25"),
        Cell(1, 1, "’25 again"),  # the same origin twice: the table's index keeps the last
        Cell(0, 2, "hidden"),  # an origin inside the span above
        Cell(1, 0, "under the rowspan"),
        Cell(2, 0, "합계", colspan=3),
        Cell(2, 1, "overlap", rowspan=2),
    ]
    table = Table(cells, n_rows=4, n_cols=3)
    assert_covering_as_walked(table)
    found = table.cell_covering
    assert found(0, 2).text == "hidden"  # an origin wins over a span
    assert found(1, 1).text == "’25 again"
    assert found(1, 0).text == "under the rowspan"
    assert found(2, 2).text == "합계" and found(3, 1).text == "overlap"
    assert found(1, 2) is None and found(3, 0) is None


def test_covering_spans_past_the_grid_and_too_many_to_index(monkeypatch):
    # A span running off the grid covers positions off it too, as its rowspan says.
    table = Table([Cell(0, 0, "a", rowspan=3, colspan=2), Cell(-1, 1, "b", rowspan=2)], 2, 2)
    assert_covering_as_walked(table)
    assert table.cell_covering(2, 1).text == "a" and table.cell_covering(-1, 1).text == "b"
    # Spans over more positions than the index holds are looked up cell by cell.
    monkeypatch.setattr(model, "MAX_SPANNED_INDEX", 3)
    big = Table([Cell(0, 0, "합계", colspan=3), Cell(1, 0, "x", rowspan=2), Cell(1, 1, "y")], 3, 3)
    assert big._spanned is None
    assert_covering_as_walked(big)


def test_covering_index_is_no_part_of_the_table():
    cells = [Cell(0, 0, "구분", rowspan=2), Cell(0, 1, "예산"), Cell(1, 1, "100")]
    asked, fresh = Table(list(cells), 2, 2), Table(list(cells), 2, 2)
    assert asked.cell_covering(1, 0).text == "구분"  # the index is made
    assert asked == fresh and repr(asked) == repr(fresh)
    for again in (pickle.loads(pickle.dumps(asked)), copy.deepcopy(asked)):
        assert again == asked and "_spanned" not in vars(again)
        assert again.cell(1, 1).text == "100" and again.cell_covering(1, 0).text == "구분"
    assert pickle.dumps(asked) == pickle.dumps(fresh)


def test_cell_facts_made_without_namedtuple_new_hold_each_field():
    """cell_facts builds its CellFacts from their values in field order: each value is in the
    field it names, as the keyword constructor would put it."""
    table = Table(
        [
            Cell(0, 0, "구분"),
            Cell(0, 1, "예산(천원)"),
            Cell(1, 0, "연수 운영"),
            Cell(1, 1, "1,078,028"),
        ],
        n_rows=2,
        n_cols=2,
    )
    header, _, text, money = cell_facts(table, 7, None, 1)
    assert all(type(f) is CellFact and len(f) == len(CellFact._fields) for f in (header, money))
    assert header == CellFact(7, 0, 0, 1, 1, "구분", None, True, None, None)
    assert text == CellFact(
        7, 1, 0, 1, 1, "연수 운영", None, False, "구분", "연수 운영", kind="text"
    )
    assert (money.header_path, money.row_label, money.kind) == ("예산(천원)", "연수 운영", "money")
    assert (money.unit, money.value, money.amount) == ("천원", 1078028, 1_078_028_000)
    assert money.sub_value is None and money.is_header is False and money.table_id == 7


@pytest.mark.parametrize("text", CONTENTS_LINES)
def test_contents_prefilter_keeps_every_entry(text):
    assert is_page_ref(text) == bool(PAGE_REF_RE.search(text))


def test_contents_prefilter_on_the_sample_lines(sample_docs):
    for doc in sample_docs.values():
        for item in document_streams(doc)[0]:
            if isinstance(item, Line):
                assert is_page_ref(item.raw) == bool(PAGE_REF_RE.search(item.raw)), item.raw


def test_display_width_counts_wide_characters_twice():
    texts = [
        "◦ [초등] 신규임용예정교사 직무연수 등 9과정, 1,079명",
        "ＡＢＣ１２３（）",  # full width
        "漢字 かな カナ ㆍ･·",
        "abc\t123 - ※ ☎ ❍ □ Ⅰ ① ’25",
        "",
    ]
    texts.append("".join(chr(cp) for cp in range(0x20, 0x3000, 7)))
    for text in texts:
        assert display_width(text) == plain_width(text), text


def test_part_prefilter_finds_what_the_patterns_find(sample_docs):
    for doc in sample_docs.values():
        stream = document_streams(doc)[0]
        expected = {
            name
            for item in stream
            if isinstance(item, Line)
            for name, pattern in PART_PATTERNS.items()
            if pattern.search(item.text)
        }
        assert section_parts(stream) == expected


def test_one_pass_gives_both_streams():
    box = Table([Cell(0, 0, "2025년 주요 개선 사항\n◊ 연수 운영")], n_rows=1, n_cols=1)
    inner = Table([Cell(0, 0, "안"), Cell(0, 1, "쪽")], n_rows=1, n_cols=2)
    grid = Table([Cell(0, 0, "구분"), Cell(0, 1, "인원")], n_rows=1, n_cols=2)
    box.nested[(0, 0)] = [inner]
    doc = Document(path="x", format="hwpx", blocks=[Paragraph("1-1-1 교원 연수"), box, grid])
    unboxed, boxed = document_streams(doc)
    assert [type(i).__name__ for i in unboxed] == ["Line", "Line", "Line", "TableRef", "TableRef"]
    assert [i.text for i in unboxed[:3]] == [
        "1-1-1 교원 연수",
        "2025년 주요 개선 사항",
        "◊ 연수 운영",
    ]
    assert unboxed[1].boxed and not unboxed[0].boxed
    assert [type(i).__name__ for i in boxed] == ["Line", "TableRef", "TableRef", "TableRef"]
    assert [i.table for i in boxed[1:]] == [box, inner, grid]
    assert [i.table for i in unboxed[3:]] == [inner, grid]
    assert all(isinstance(i, TableRef) and i.block == 1 for i in (boxed[2], unboxed[3]))


def test_facts_do_not_depend_on_what_the_caches_hold(sample_docs):
    for fmt in ("hwpx", "txt"):
        doc = sample_docs[fmt]
        memo.clear()
        cold = extract(doc)
        warm = extract(doc)  # the second run of a process: whatever caches outlive a document
        assert warm == cold
        assert warm.training_items and warm.counts and warm.outline


def markers_without_prefilter(text: str):
    for level, pattern in MARKERS:
        m = pattern.match(text)
        if m and m.group(1):
            rest = text[m.end() :].strip()
            if rest:
                return level, m.group(1), rest
    return None


MARKED_LINES = [
    "Ⅰ. 일반현황",
    "IV. 추진계획",
    "X. 기타",
    "1. 개요",
    "1) 목적",
    "1-1. 국민의 국어능력",
    "2.1 법률 방위사업법",
    "12 들어가며",
    "가. 사업",
    "(3) 추진",
    "③ 운영",
    "□ 추진 실적",
    "❑ 하드웨어",
    "ㅇ 내용",
    "○ 내용",
    "◦ 유치원",
    "● 점",
    "- 세부",
    "– 세부",
    "− 세부",
    "· 항목",
    "* 주석",
    "※ 참고",
    "０. 없음",
    "١. 아랍 숫자",
    "연수 운영",
    "(단위: 천원)",
]


def test_mark_prefilter_drops_no_marked_line(sample_docs):
    texts = list(MARKED_LINES)
    for doc in sample_docs.values():
        texts += [i.text for i in document_streams(doc)[0] if isinstance(i, Line)]
    for text in texts:
        assert match_marker(text) == markers_without_prefilter(text), text


def test_mark_dispatch_tries_the_one_pattern_that_can_match():
    """match_marker tries a line against the pattern its first character starts: the same
    reading as trying all nine, for every character of the BMP and every decimal digit beyond
    it, before the endings a mark can have."""
    firsts = [chr(cp) for cp in range(0x10000) if not 0xD800 <= cp <= 0xDFFF]
    firsts += [chr(cp) for cp in range(0x10000, 0x110000) if unicodedata.category(chr(cp)) == "Nd"]
    for first in firsts:
        for rest in (". 개요", ") 목적", " 추진", "1) 운영", "-1. 사업"):
            text = first + rest
            assert match_marker(text) == markers_without_prefilter(text), text
        memo.new_document()  # a document's worth of lines at a time


def test_repeated_unit_test_is_the_patterns():
    """A string is some unit said twice or more exactly when it occurs in itself doubled, off
    the ends (what collapse_repeated_title tests before its pattern)."""
    for length in range(1, 9):
        for letters in itertools.product("ab\n", repeat=length):
            s = "".join(letters)
            assert bool(_PERIODIC_RE.fullmatch(s)) == (s in (s + s)[1:-1]), s


def test_long_runs_found_by_re_are_the_regex_patterns(sample_docs):
    """collapse_repeated_title finds runs of a character with Python's re: the same runs as
    the regex module's pattern, on the samples' lines and on every short string of a few
    letters (a newline, a combining mark and a wide character among them)."""
    pattern = regex.compile(r"(.)\1{2,}")
    texts = [
        part.replace(" ", "")
        for doc in sample_docs.values()
        for b in doc.blocks
        if isinstance(b, Paragraph)
        for part in b.text.split("\n")
    ]
    texts += ["".join(t) for n in range(1, 8) for t in itertools.product("황a\n\u0301", repeat=n)]
    for text in texts:
        assert [m.span() for m in _LONG_RUN_RE.finditer(text)] == [
            m.span() for m in pattern.finditer(text)
        ], text


EVERY_CHARACTER = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)


@pytest.mark.parametrize(
    "pattern", [_MIDDLE_DOT_RE, _SPACES_RE, _OTHER_SPACES_RE, _PRIVATE_USE_RE, _FULL_WIDTH_RE]
)
def test_character_sets_read_by_re_are_the_regex_modules(pattern):
    """normalize's sets of characters are matched with Python's re: each matches the same
    characters as the regex module's compilation of it, over every code point."""
    twin = regex.compile(pattern.pattern)
    assert [m.span() for m in pattern.finditer(EVERY_CHARACTER)] == [
        m.span() for m in twin.finditer(EVERY_CHARACTER)
    ]


def test_every_pattern_space_is_a_python_space():
    """normalize_line looks for a symbol-font bullet after str.lstrip(): that strips every
    character the bullet pattern's \\s matches."""
    spaces = regex.compile(r"\s")
    assert all(chr(cp).isspace() for cp in range(0x110000) if spaces.match(chr(cp)))


@pytest.mark.parametrize(
    "text",
    [
        "m 연수 운영",
        " \u3000l 교육",
        "\tØ ’25년",
        "n(가)",
        "mm 연수",
        "1, 078, 028",
        "1,\u00a0078",
        "ＡＢＣ（１）",
        "a\u2003b  c",
        "◦ 유･초등 교(원)장",
    ],
)
def test_normalize_line_shortcuts_change_nothing(text):
    expected = fold_spaces_plain(
        _SYMBOL_BULLET_RE.sub(
            lambda m: f"{m.group(1)}{SYMBOL_FONT_BULLETS[m.group(2)]}{m.group(3)}",
            _COMMA_GAP_RE.sub(
                ",", _PRIVATE_USE_RE.sub("", normalize_dots(text).translate(_FULL_WIDTH))
            ),
        )
    )
    assert normalize_line(text) == expected


def fold_spaces_plain(text: str) -> str:
    return _SPACES_RE.sub(" ", text).strip()
