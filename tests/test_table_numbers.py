"""The same table has the same number (`tables.table_id`) in every format of one report: the
tables of the two copies are aligned by content (tests/agreement.py), and each aligned pair
must carry one number. Tables one side has and the other has not (a page stamp the PDF draws
as a box, a picture's empty frame the HWP keeps) would shift every number after them."""

from __future__ import annotations

import pytest
from agreement import align
from conftest import CORPUS, SAMPLE_STEM, SAMPLES

from kplan.parsers import parse_file
from kplan.parsers.model import Cell, Table
from kplan.rules import extract
from kplan.rules.tables import cell_facts

REPORTS = CORPUS / "reports"
SAMPLE = SAMPLES / SAMPLE_STEM

CORPUS_PAIRS = [
    ("nikl_2022_work_plan.hwp", "nikl_2022_work_plan.pdf"),
    ("local_gov_donation_report_form_2025.hwpx", "local_gov_donation_report_form_2025.pdf"),
    ("moel_2025_work_report.hwp", "moel_2025_work_report.hwpx"),
    ("moef_fdi_2024q1_press.hwp", "moef_fdi_2024q1_press.hwpx"),
    ("kwater_digital_platform_rfp_2025.hwp", "kwater_digital_platform_rfp_2025.hwpx"),
]


def numbered_tables(path) -> list[tuple[int, Table]]:
    """(table_id, the table as the warehouse stores it) of a document, in table_id order."""
    facts = extract(parse_file(path))
    cells: dict[int, list[Cell]] = {}
    for c in facts.table_cells:
        cells.setdefault(c.table_id, []).append(Cell(c.row, c.col, c.text, c.rowspan, c.colspan))
    return [
        (t.table_id, Table(cells.get(t.table_id, []), t.n_rows, t.n_cols)) for t in facts.tables
    ]


def misnumbered(left: list[tuple[int, Table]], right: list[tuple[int, Table]]) -> list:
    pairs = align([t for _, t in left], [t for _, t in right])
    return [
        (left[i][0], right[j][0])
        for i, j in pairs
        if i is not None and j is not None and left[i][0] != right[j][0]
    ]


def table_of(*rows: tuple[str, ...]) -> Table:
    """A table of one cell a text, row by row."""
    cells = [Cell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row)]
    return Table(cells, n_rows=len(rows), n_cols=max(map(len, rows)))


@pytest.mark.corpus
@pytest.mark.parametrize("left, right", CORPUS_PAIRS, ids=[a for a, _ in CORPUS_PAIRS])
def test_corpus_pair_numbers_its_tables_alike(left, right):
    assert misnumbered(numbered_tables(REPORTS / left), numbered_tables(REPORTS / right)) == []


def test_nikl_2022_work_plan_picture_frame_is_no_table():
    # nikl_2022_work_plan.hwp, section 0 after '국어원 ’21년에 시범적 운영…': a one-cell table
    # holding only a picture; the PDF (page 24) draws the picture and no box. It is not
    # numbered, so the HWP's '추진 내용 | 연도별 계획' table is table 36 as in the PDF.
    from kplan.rules.tables import is_empty_frame

    assert is_empty_frame(Table([Cell(0, 0, " \n")], 1, 1))
    assert not is_empty_frame(Table([Cell(0, 0, "붙임")], 1, 1))
    assert not is_empty_frame(Table([Cell(0, 0, ""), Cell(0, 1, "")], 1, 2))
    assert not is_empty_frame(
        Table([Cell(0, 0, "")], 1, 1, nested={(0, 0): [Table([Cell(0, 0, "a")], 1, 1)]})
    )


def test_row_label_reads_its_dots_as_the_cell_text_does():
    """A row's label is the text of its label cells as their own facts read it: the one-dot
    leader (U+2024) PDFs and HWP print for 가운뎃점 is a middle dot in the label as in the cell
    (a 사업설명자료's 기능별 계획 내역 lists its 내역사업 as '․공공지원민간임대'; its cell read
    '·공공지원민간임대' and its row_label '․공공지원민간임대', so no label matched its cell)."""
    table = table_of(("구분", "2024 계획"), ("\u2024공공지원민간임대", "829,665"))
    _, _, label, money = cell_facts(table, 1, "백만원", 1)
    assert label.text == "\u00b7공공지원민간임대"
    assert money.row_label == label.row_label == "\u00b7공공지원민간임대"
    assert money.amount == 829_665_000_000


def test_a_bracketed_note_over_a_table_is_not_its_caption():
    """A line wholly in brackets just above a table notes where its figures come from; the
    table's name is the line above it (an RFP's '4) 주요 데이터 현황' over '(’24년 자체 조사)')."""
    from kplan.rules.lines import Line
    from kplan.rules.tables import caption_and_units

    table = table_of(("구분", "건수"), ("계측", "939"))
    before = [Line(t, t, None, 0) for t in ("4) 주요 데이터 현황", "(’24년 자체 조사)")]
    assert caption_and_units(before, table, None).caption == "4) 주요 데이터 현황"
    before = [Line(t, t, None, 0) for t in ("4) 주요 데이터 현황", "(A) 계측 데이터 (건)")]
    assert caption_and_units(before, table, None).caption == "(A) 계측 데이터 (건)"


def test_a_bracketed_note_is_the_caption_when_no_line_above_names_the_table():
    from kplan.rules.lines import Line
    from kplan.rules.tables import caption_and_units

    table = table_of(("구분", "수입"), ("총수입", "25"))
    before = [Line(t, t, None, 0) for t in ("(2010.1월 누계 기준/잠정)", "(단위 : 십억원)")]
    found = caption_and_units(before, table, None)
    assert found.caption == "(2010.1월 누계 기준/잠정)" and found.units[0].text == "십억원"


def test_a_line_of_bare_figures_over_a_table_is_no_caption():
    """A chart's data labels over the box kplan reads as its table (FIS 23-2, page 8: '54.2
    53.5 35.2 38.2' under '| 후속투자 유치율 |'), and a date under a form's title (kwater's
    '소프트웨어사업 영향평가 … 결과서' over '2024-11-26' over the form), name nothing: the line
    above them does. A cover's date over its box names it no more than the report's title
    above the date does."""
    from kplan.rules.lines import Line
    from kplan.rules.tables import caption_and_units

    def caption(table, *lines):
        return caption_and_units([Line(t, t, None, 0) for t in lines], table, None).caption

    chart = table_of(("2023", "2024"), ("", ""))
    assert caption(chart, "| 후속투자 유치율 |", "54.2 53.5 35.2 38.2") == "| 후속투자 유치율 |"
    form = table_of(("대상사업", "K-water 디지털플랫폼 구축"), ("발주기관", "한국수자원공사"))
    assert caption(form, "영향평가 결과 검토 결과서", "2024-11-26") == "영향평가 결과 검토 결과서"
    box = table_of(("국립국어원",))
    assert caption(box, "2022년 국립국어원 업무계획", "2022. 1.") is None


def test_a_count_of_places_by_their_jeom_is_no_score():
    """'점수' is an evaluation's score ('배점', '평가점수'), but '거점수' / '가맹점 수' count
    places (거점, 가맹점), and '분배 점검' or '수평 점검' hold no 배점 or 평점."""
    from kplan.rules.cell_kinds import words_kind

    assert [words_kind(w) for w in ("거점수", "지점수", "가맹점 수", "영업점수")] == ["count"] * 4
    assert [words_kind(w) for w in ("배점", "배 점", "평가점수", "기본점수", "인지점수")] == [
        "number"
    ] * 5
    assert words_kind("분배 점검") is None and words_kind("수평 점검") is None
    table = table_of(("구분", "거점수", "배점"), ("서울", "12", "30"))
    kinds = {f.text: f.kind for f in cell_facts(table, 1, None, 1) if f.text in ("12", "30")}
    assert kinds == {"12": "count", "30": "number"}


def test_a_length_of_time_under_a_period_header_is_no_date():
    """gov_award_nomination_forms_2016.hwp, 공적 확인서 (hwp5proc xml): '② 수공 기간 | 30-02-19'
    is 30 years, 2 months and 19 days of service, printed as a date is; a date column keeps its
    dates."""
    table = table_of(("성명", "② 수공 기간", "수상일자"), ("이몽룡", "30-02-19", "06-07-01"))
    kinds = {f.text: f.kind for f in cell_facts(table, 1, None, 1) if f.row == 1 and f.col}
    assert kinds == {"30-02-19": "text", "06-07-01": "date"}
