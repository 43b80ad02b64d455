"""Budget tables in text pdftotext wrote without `-layout` (one cell a line, the columns in
blocks): read where the table's own figures prove the reading (parsers/text_column_blocks.py),
left unread — the budget_table_unread finding — where they do not. Never a wrong line.

The expected lines are tests/test_sample_report.py's LINES and TOTALS, read from the report by
hand; the small cases below are laid out as pdftotext writes the seed's one-line tables.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import thousand
from test_sample_report import LINES, TOTALS, _line_tuple

from kplan.api import check
from kplan.parsers import parse_file
from kplan.parsers.model import Table
from kplan.parsers.text import read
from kplan.parsers.text_column_blocks import block_runs
from kplan.rules import budget, extract

RAW = Path(__file__).resolve().parent / "data" / "seoul-edu-training-2025-plan.raw.txt"
# The seed's tables of one budget line and its 합계 row (read in the report's page images),
# and those of several that pdftotext wrote row by row in each column group (p.19, p.24).
ONE_LINE_SECTIONS = {"1-1-1", "1-2-2", "2-2-2", "4-1-1", "4-1-2", "4-2-2", "5-2-2"}
READ_SECTIONS = ONE_LINE_SECTIONS | {"2-1-2", "3-1-1"}


def _total_tuple(b):
    return (*map(thousand, (b.amount, b.amount_prev, b.q1, b.q2, b.q3, b.q4)), b.cells_printed)


@pytest.fixture(scope="module")
def raw_facts():
    return extract(read(RAW.read_bytes(), path=str(RAW)))


def test_seoul_raw_text_budget_tables_read_are_the_seeds(raw_facts):
    lines = [b for b in raw_facts.budget_lines if not b.is_total]
    read_sections = {b.section_code for b in raw_facts.budget_lines}
    assert read_sections == READ_SECTIONS
    assert [_line_tuple(b) for b in lines] == [x for x in LINES if x[0] in read_sections]
    totals = {b.section_code: _total_tuple(b) for b in raw_facts.budget_lines if b.is_total}
    assert totals == {code: TOTALS[code] for code in read_sections}
    # 쪽수 as printed under 사업별 설명자료 (page images of p.9, 15, 22, 32, 33, 37, 46).
    assert [(b.section_code, b.ref_pages) for b in lines] == [
        ("1-1-1", "1958"),
        ("1-2-2", "1969"),
        ("2-1-2", "1963"),
        ("2-1-2", "1963"),
        ("2-1-2", "1963"),
        ("2-2-2", "1969"),
        ("3-1-1", "1962"),
        ("3-1-1", "1969"),
        ("4-1-1", "1952"),
        ("4-1-2", "1969"),
        ("4-2-2", "1954"),
        ("5-2-2", None),
    ]


def test_seoul_raw_text_tables_of_several_lines_stay_unread_with_the_finding():
    """The other 11 tables: their rows' quarter figures interleave in an order the text does
    not prove (2-1-1: '700 6,700 700 - 1,500 - … 5,400 … 3,700 700 700'), a program's cell
    runs into its project's (3-2-1: '457. 직무연수 / 학교 안전관리 및 / …'), one 쪽수 spans all
    lines (5-2-1), a table goes on over a page (5-1-1) or amounts merge over rows (3-1-2,
    3-2-2): no line of them is read, and the check says so for each."""
    checked = check(RAW)
    unread = {f["section_code"] for f in checked.findings if f["rule"] == "budget_table_unread"}
    assert unread == {code for code in TOTALS} - READ_SECTIONS


def _grid(table: Table):
    return sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in table.cells)


def test_seoul_raw_text_tables_as_the_pdf_prints_them(sample_path):
    """Each table read is the PDF reader's of its page, cell for cell, spans included (p.9's
    lost q4 '-' put back, p.19's program cell over its three lines)."""
    pdf = {t.page: t for t in parse_file(sample_path("pdf")).tables()}
    doc = read(RAW.read_bytes(), path=str(RAW))
    raw = [b for b in doc.blocks if isinstance(b, Table)]
    assert [t.page for t in raw] == [9, 15, 19, 22, 24, 32, 33, 37, 46]
    for table in raw:
        assert _grid(table) == _grid(pdf[table.page]), table.page


# ------------------------------------------------------------ one rule each, by hand

HEAD = [
    "예산액",
    "예산 사업명",
    "",
    "456. 자격연수",
    "",
    "집행예정액 / 집행내용",
    "",
    "추진 사업명",
]
QUARTER_LABELS = ["1분기", "", "2분기", "", "3분기", "", "4분기", ""]
REF_LABELS = ["사업별", "설명자료", "쪽수", ""]


def _table_lines(
    amounts=("1,000", "900"),
    quarters=("100", "200", "300", "400"),
    refs=("1,958",),
    total_quarters=None,
    project=("교원 자격연수",),
    years=("’25", "’24"),
) -> list[str]:
    """A one-line table in the order pdftotext writes p.9's: the names, the ’25/’24 labels
    and the line's amounts, the quarter labels and the line's quarters and 쪽수, its note,
    the 합계's amounts, the 쪽수 label, the 합계's quarters."""
    total_quarters = quarters if total_quarters is None else total_quarters
    return [
        *HEAD,
        *project,
        "합계",
        "",
        *[x for y in years for x in (y, "")],
        *[x for a in amounts for x in (a, "")],
        *QUARTER_LABELS,
        *[x for q in (*quarters, *refs) for x in (q, "")],
        "연수 운영",
        *[x for a in amounts for x in (a, "")],
        *REF_LABELS,
        *[x for q in total_quarters for x in (q, "")],
    ]


def _rows(lines: list[str]):
    """(values, notes, refs, is_total) of each row the budget rules read from the table."""
    runs = block_runs(lines)
    assert len(runs) == 1
    rows, plan_year, prev_year = budget.rows_from_table(runs[0].table)
    assert (plan_year, prev_year) == (2025, 2024)
    return [(tuple(r.values), r.notes, r.refs, r.is_total) for r in rows]


def test_one_line_table_is_read_with_its_total():
    assert _rows(_table_lines()) == [
        ((1000, 900, 100, 200, 300, 400), ["연수 운영"], ["1,958"], False),
        ((1000, 900, 100, 200, 300, 400), [], [], True),
    ]


def test_seoul_raw_1_1_1_a_dash_pdftotext_lost_is_put_back_from_the_total_row():
    """p.9's line prints q4 '-', which pdftotext dropped (joined to 1,958 below it as if a
    hyphen): the 합계's q4 '-' and the quarters' sum (= ’25) say where it was."""
    lines = _table_lines(
        amounts=("600", "850"),
        quarters=("100", "200", "300"),
        total_quarters=("100", "200", "300", "-"),
    )
    assert _rows(lines)[0] == ((600, 850, 100, 200, 300, None), ["연수 운영"], ["1,958"], False)
    run = block_runs(lines)[0]
    assert {(c.row, c.col): c.text for c in run.table.cells}[(2, 8)] == "1,958"


def test_quarters_not_summing_to_the_amount_stay_lines():
    assert block_runs(_table_lines(quarters=("100", "200", "300", "401"))) == []


def test_a_figure_left_over_stays_lines():
    assert block_runs(_table_lines(refs=("1,958", "7", "8"))) == []


def test_a_quarter_whose_column_the_text_does_not_say_stays_lines():
    """One quarter printed, the other three '-' lost from both copies: which quarter it is,
    nothing says."""
    lines = _table_lines(amounts=("100", "90"), quarters=("100",), total_quarters=("100",))
    assert block_runs(lines) == []


def test_two_lines_stay_lines():
    two_names = _table_lines(project=("교원 자격연수", "457. 직무연수", "교감 연수"))
    assert block_runs(two_names) == []


def test_years_not_the_plan_year_then_the_year_before_stay_lines():
    assert block_runs(_table_lines(years=("’24", "’25"))) == []


def _lines_table(
    names=(("교원 연수",), ("교감 연수",)),
    amounts=(("1,000", "900"), ("500", "400")),
    quarters=(("100", "200", "300", "400"), ("500", "-", "-", "-")),
    refs=(("1,962",), ("1,969",)),
    programs=("457. 직무연수",),
    total=("1,500", "1,300"),
    total_quarters=("600", "200", "300", "400"),
) -> list[str]:
    """A table of several lines in the order pdftotext writes p.19's and p.24's: programs,
    each project and its amounts, the 합계's, then each line's quarters, 쪽수 and note, then
    the 합계's quarters."""
    out = ["예산액", "예산 사업명", *programs, "집행예정액 / 집행내용", "추진 사업명", "’25", "’24"]
    for name, (a25, a24) in zip(names, amounts):
        out += [*name, a25, a24]
    out += [*total, "합계", *QUARTER_LABELS]
    for qs, rs in zip(quarters, refs):
        out += [*qs, *rs, "연수운영"]
    return [*out, *REF_LABELS, *total_quarters]


def test_several_lines_written_row_by_row_are_read():
    rows = _rows(_lines_table())
    assert rows == [
        ((1000, 900, 100, 200, 300, 400), ["연수운영"], ["1,962"], False),
        ((500, 400, 500, None, None, None), ["연수운영"], ["1,969"], False),
        ((1500, 1300, 600, 200, 300, 400), [], [], True),
    ]
    table = block_runs(_lines_table())[0].table
    assert table.cell(2, 0).text == "457. 직무연수" and table.cell(2, 0).rowspan == 4


def test_seoul_raw_3_1_1_a_lost_dash_of_a_second_line_is_put_back_by_the_column_sums():
    """p.24: 459's quarters print '- 12,630 6,642 -'; the text holds one '-': the 합계's
    quarters less the first line's say which."""
    lines = _lines_table(
        quarters=(("100", "200", "300", "400"), ("-", "500")),
        total_quarters=("100", "700", "300", "400"),
        programs=("457. 직무연수", "459. 전문교육"),
    )
    assert [r[0] for r in _rows(lines)][1] == (500, 400, None, 500, None, None)


def test_quarters_that_do_not_add_up_by_column_stay_lines():
    assert block_runs(_lines_table(total_quarters=("600", "200", "300", "401"))) == []


def test_a_program_cell_run_into_a_project_cell_stays_lines():
    """p.28 (3-2-1): '457. 직무연수 / 학교 안전관리 및 / 안전환경 조성연수': where the program's
    cell ends and the project's begins, the text does not say."""
    lines = _lines_table(programs=(), names=(("457. 직무연수", "교원 연수"), ("교감 연수",)))
    assert block_runs(lines) == []


def test_one_page_reference_for_several_lines_stays_lines():
    """p.44 (5-2-1): one 쪽수 cell spans the three lines; which line's it is, row order does
    not say."""
    assert block_runs(_lines_table(refs=((), ("1,969",)))) == []


def test_two_programs_over_three_lines_stay_lines():
    def three_lines(programs):
        return _lines_table(
            names=(("가",), ("나",), ("다",)),
            amounts=(("100", "1"), ("100", "1"), ("100", "1")),
            quarters=(("100", "-", "-", "-"),) * 3,
            refs=(("7",), ("7",), ("7",)),
            programs=programs,
            total=("300", "3"),
            total_quarters=("300", "-", "-", "-"),
        )

    assert len(block_runs(three_lines(("457. 직무연수",)))) == 1
    assert block_runs(three_lines(("457. 직무연수", "459. 전문교육"))) == []


def test_a_table_of_dashes_with_many_readings_stays_lines_quickly():
    """Eight lines of '-' amounts over 50 '-' quarter cells: countless splits hold; the reader
    gives up after a bounded number of tries (the table is not proven) instead of trying them
    all."""
    lines = _lines_table(
        names=tuple((f"사업{k}",) for k in range(8)),
        amounts=(("-", "-"),) * 8,
        quarters=(("-",) * 5,) * 8,
        refs=((),) * 8,
        total=("-", "-"),
        total_quarters=("-",) * 10,
    )
    started = time.process_time()
    assert block_runs(lines) == []
    assert time.process_time() - started < 5


def test_seoul_raw_text_sections_head_the_outline_as_in_the_pdf(raw_facts, pdf_facts):
    """With p.9's and p.11's tables read as tables, their cells no longer stand in the outline
    ('-9-' was a heading holding 1-1-2, 1-2-1 and 1-2-2 five levels down): each section code
    is at the PDF reading's level (p.10, 12, 14: each a heading of its own page)."""

    def levels(facts):
        return [(n.marker, n.level) for n in facts.outline if n.marker.count("-") == 2]

    assert levels(raw_facts) == levels(pdf_facts)
    assert ("1-1-2", 1) in levels(raw_facts)
