"""Budget tables in text pdftotext wrote without `-layout` (one cell a line, the columns in
blocks): read where the table's own figures prove the reading (parsers/text_column_blocks.py),
left unread — the budget_table_unread finding — where they do not. Never a wrong line.

The expected lines are tests/test_sample_report.py's LINES and TOTALS, read from the report by
hand; the small cases below are laid out as pdftotext writes the seed's one-line tables.
"""

from __future__ import annotations

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
# The seed's tables of one budget line and its 합계 row (read in the report's page images).
ONE_LINE_SECTIONS = {"1-1-1", "1-2-2", "2-2-2", "4-1-1", "4-1-2", "4-2-2", "5-2-2"}


def _total_tuple(b):
    return (*map(thousand, (b.amount, b.amount_prev, b.q1, b.q2, b.q3, b.q4)), b.cells_printed)


@pytest.fixture(scope="module")
def raw_facts():
    return extract(read(RAW.read_bytes(), path=str(RAW)))


def test_seoul_raw_text_one_line_budget_tables_are_the_seeds(raw_facts):
    lines = [b for b in raw_facts.budget_lines if not b.is_total]
    read_sections = {b.section_code for b in raw_facts.budget_lines}
    assert read_sections == ONE_LINE_SECTIONS
    assert [_line_tuple(b) for b in lines] == [x for x in LINES if x[0] in read_sections]
    totals = {b.section_code: _total_tuple(b) for b in raw_facts.budget_lines if b.is_total}
    assert totals == {code: TOTALS[code] for code in read_sections}
    # 쪽수 as printed under 사업별 설명자료 (page images of p.9, 15, 22, 32, 33, 37, 46).
    assert {b.section_code: b.ref_pages for b in lines} == {
        "1-1-1": "1958",
        "1-2-2": "1969",
        "2-2-2": "1969",
        "4-1-1": "1952",
        "4-1-2": "1969",
        "4-2-2": "1954",
        "5-2-2": None,
    }


def test_seoul_raw_text_tables_of_several_lines_stay_unread_with_the_finding():
    """The 13 tables of two lines or more interleave their rows' quarter figures in an order
    the text does not prove (2-1-1: '700 6,700 700 - 1,500 - … 5,400 … 3,700 700 700'): no line
    of them is read, and the check says so for each."""
    checked = check(RAW)
    unread = {f["section_code"] for f in checked.findings if f["rule"] == "budget_table_unread"}
    assert unread == {code for code in TOTALS} - ONE_LINE_SECTIONS


def test_seoul_raw_text_1_1_1_table_as_the_pdf_prints_it(sample_path):
    """p.9: the grid the PDF reader gives, cell for cell (its lost q4 '-' put back)."""
    pdf = next(iter(parse_file(sample_path("pdf")).tables()))
    doc = read(RAW.read_bytes(), path=str(RAW))
    raw = next(b for b in doc.blocks if isinstance(b, Table))
    assert raw.page == pdf.page == 9
    grid = sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in raw.cells)
    assert grid == sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in pdf.cells)


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
