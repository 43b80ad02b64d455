"""The PDF reader on corpus reports that also come as HWP/HWPX: each test is named after the file
and table it came from, its expected values read from the Hancom file's XML or the page image."""

from __future__ import annotations

import pytest
from conftest import CORPUS

pytestmark = pytest.mark.corpus
REPORTS = CORPUS / "reports"


@pytest.fixture(scope="module")
def parsed():
    from kplan.parsers import parse_file

    cache = {}

    def doc(name):
        if name not in cache:
            cache[name] = parse_file(REPORTS / name)
        return cache[name]

    return doc


def test_local_gov_donation_report_form_2025_pdf_page_stamp_is_page_furniture(parsed):
    # Every page carries a boxed '대외주의' in its top band; the HWPX holds it in the page
    # header (hp:header), not in the body.
    doc = parsed("local_gov_donation_report_form_2025.pdf")
    assert "대외주의" not in doc.text()
    assert not any("대외주의" in c.text for t in doc.tables() for c in t.cells)


def test_local_gov_donation_report_form_2025_pdf_sunbeon_list_is_one_table(parsed):
    # (7) 답: one 152-row table in the HWPX (rowCnt="152", header row repeated on pages 25-28).
    doc = parsed("local_gov_donation_report_form_2025.pdf")
    lists = [t for t in doc.tables() if t.cell(0, 0) and t.cell(0, 0).text == "순번"]
    assert len(lists) == 1
    table = lists[0]
    assert (table.n_rows, table.n_cols, table.page, table.end_page) == (152, 3, 25, 28)
    assert [table.cell(r, 0).text for r in (1, 41, 42, 84, 126, 150)] == [
        "1",
        "41",
        "42",
        "84",
        "126",
        "150",
    ]
    assert table.cell(42, 1).text == "서울특별시 송파구"
    assert table.cell(150, 1).text == "경상북도 포항시"
    assert table.cell(151, 0).text == "소요 시간 전체 평균"


def _squeezed(text):
    return " ".join(text.split())


def _table_with(doc, text):
    """The first table (or table nested in one) with a cell of exactly this text."""

    def walk(tables):
        for table in tables:
            yield table
            for inner in table.nested.values():
                yield from walk(inner)

    return next(t for t in walk(doc.tables()) if any(c.text.strip() == text for c in t.cells))


def test_nikl_2022_work_plan_pdf_dictionary_table_keeps_its_word_spaces(parsed):
    # <국립국어원 국어사전 현황>, p.20: the glyphs are condensed (their boxes overlap), so the
    # spaces between words were lost ('관련전문가들이편찬·감수한'). Text as in the HWP XML.
    table = _table_with(parsed("nikl_2022_work_plan.pdf"), "표준국어대사전")
    assert table.cell(3, 1).text.split("\n")[0] == "관련 전문가들이 편찬·감수한 종합국어대사전으로,"
    assert (
        _squeezed(table.cell(3, 1).text)
        == "관련 전문가들이 편찬·감수한 종합국어대사전으로, 정제된 국어 지식을 제공하는 언어생활의 기준이 되는 사전"
    )
    assert (
        _squeezed(table.cell(3, 2).text)
        == "국민이 직접 집필에 참여하는 위키피디아형 사전, 국어의 현재 모습을 날것 그대로 보여주는 사전"
    )


def test_nikl_2022_work_plan_pdf_schedule_words_broken_at_a_cell_edge_are_one_word(parsed):
    # 추진 일정 table, p.31: Hancom wraps cell lines at any syllable ('시' | '스템'); a line
    # wrapped between words ends in a printed space. Text as in the HWP XML.
    table = _table_with(parsed("nikl_2022_work_plan.pdf"), "ㅇ말뭉치 수정본 공개(5월)")
    texts = [_squeezed(c.text) for c in table.cells]
    assert any("ㅇ용어 총괄 관리 시스템(1차, 구축 지원) 시범 운영" in t for t in texts)
    assert any("ㅇ용어 총괄 관리 시스템(1차, 보급) 시범 운영" in t for t in texts)
    assert not any("시 스템" in t or "공개 (" in t for t in texts)


def test_local_gov_donation_report_form_2025_pdf_dotted_note_boxes_are_tables(parsed):
    # Under each chart, a note box drawn with dotted blue borders only, its header row shaded:
    # a 2-row, 1-column table in the HWPX (24 tables with rowCnt="2" colCnt="1").
    doc = parsed("local_gov_donation_report_form_2025.pdf")
    boxes = [t for t in doc.tables() if (t.n_rows, t.n_cols) == (2, 1)]
    assert len(boxes) == 24
    on_13 = [t for t in boxes if t.page == 13]
    assert len(on_13) == 1 and (on_13[0].y_edges[0], on_13[0].y_edges[-1]) == (323.4, 406.6)


def test_local_gov_donation_report_form_2025_pdf_11_table_rows_ruled_dotted_beside_labels(parsed):
    # (11) 기부 접수창구별 기부 금액 및 기부 건수, p.13: rows ruled by dotted lines that run
    # from the label column's solid border to the table's edge. The HWPX grid (rowCnt="16"
    # colCnt="7") and its merged cells, (row, col, rowspan, colspan):
    doc = parsed("local_gov_donation_report_form_2025.pdf")
    table = [t for t in doc.tables() if t.page == 13][-1]
    assert (table.n_rows, table.n_cols) == (16, 7)
    assert sorted(
        (c.row, c.col, c.rowspan, c.colspan) for c in table.cells if c.rowspan > 1 or c.colspan > 1
    ) == [(0, 0, 2, 2), (0, 2, 1, 2), (0, 4, 1, 2), (2, 0, 3, 1), (5, 0, 10, 1), (15, 0, 1, 2)]


def test_local_gov_donation_report_form_2025_pdf_summary_third_table_rows_ruled_dotted(parsed):
    # 요약 (p.2), third table: its columns and its rows are dotted, the rows from the first
    # column's dotted border to the edge. The HWPX has it with rowCnt="15".
    doc = parsed("local_gov_donation_report_form_2025.pdf")
    third = _summary_frame(doc).nested[(2, 0)][2]
    assert third.n_rows == 15


def _summary_frame(doc):
    return next(t for t in doc.tables() if t.page == 2 and t.n_rows == 3 and t.n_cols == 3)


def test_local_gov_donation_report_form_2025_pdf_summary_frame_titled_in_its_border(parsed):
    # 요약 (p.2): a frame whose top border stops on either side of '< 2025년 기부·답례품 실적
    # 분석보고서 요약 >'. The HWPX holds it as a 3×3 table (section0.xml, the title cell
    # rowSpan="2" in the middle column, the body cell colSpan="3"), its three tables nested in
    # the body cell.
    frame = _summary_frame(parsed("local_gov_donation_report_form_2025.pdf"))
    title = frame.cell(0, 1)
    assert (title.rowspan, title.colspan) == (2, 1)
    assert _squeezed(title.text) == "< 2025년 기부·답례품 실적 분석보고서 요약 >"
    body = frame.cell(2, 0)
    assert (body.colspan, body.text) == (3, "")
    inner = frame.nested[(2, 0)]
    # (The third's columns are 8 in the HWPX; the PDF reads 7, a gap of its own.)
    assert [(t.n_rows, t.n_cols) for t in inner[:2]] + [inner[2].n_rows] == [(3, 8), (6, 6), 15]


def test_nikl_2022_work_plan_pdf_dictionary_table_in_its_dotted_frame(parsed):
    # <국립국어원 국어사전 현황>, p.20: a frame of round dots around the title and the table.
    # The HWP holds a 2x1 table, the title in row 0 and the 4x3 table nested in row 1.
    doc = parsed("nikl_2022_work_plan.pdf")
    frame = _table_with(doc, "<국립국어원 국어사전 현황>")
    assert (frame.n_rows, frame.n_cols) == (2, 1)
    assert frame.cell(0, 0).text == "<국립국어원 국어사전 현황>"
    [inner] = frame.nested[(1, 0)]
    assert (inner.n_rows, inner.n_cols) == (4, 3)
    assert [inner.cell(0, c).text for c in range(3)] == ["", "표준국어대사전", "우리말샘"]


FIS = "fis_issue_22-4_intergov_fiscal_transfers.pdf"


def test_fis_issue_22_4_pdf_table_3_open_side_labels_span_their_rows(parsed):
    # <표 3> (PDF page 4, left): the label column has no rulings of its own; the page draws
    # '예산서상 규모' beside the six rows 중앙정부 … (비중) and '중앙정부 총지출' across two
    # columns, the rule under it running the full width.
    table = _table_with(parsed(FIS), "400.5")
    label = table.cell(2, 0)
    assert (label.row, label.rowspan, label.colspan, _squeezed(label.text)) == (
        2,
        6,
        1,
        "예산서상 규모",
    )
    spend = table.cell(8, 0)
    assert (spend.rowspan, _squeezed(spend.text)) == (6, "재정사용액")
    total = table.cell(1, 0)
    assert (total.rowspan, total.colspan, _squeezed(total.text)) == (1, 2, "중앙정부 총지출")
    assert [table.cell(r, 1).text for r in (2, 3, 13)] == ["중앙정부", "(비중)", "(비중)"]


def test_fis_issue_22_4_pdf_table_9_unit_labels_keep_their_rows(parsed):
    # <표 9> (PDF page 6): '억원' and '%' are two rows of the open label column, a ruling
    # between them across that column.
    table = _table_with(parsed(FIS), "184,073")
    assert (table.cell(1, 0).text, table.cell(2, 0).text) == ("억원", "%")
    assert table.cell(1, 0).rowspan == 1


def test_fis_issue_22_4_pdf_spread_reads_left_page_then_right(parsed):
    # Each PDF page holds two printed pages side by side: page 5 prints <표 6> on the left
    # page and <표 7> on the right; their captions are the lines above each, not a line of
    # both pages run together, and the word spaces (drawn as U+0007) are spaces.
    doc = parsed(FIS)
    lines = [b.text for b in doc.blocks if getattr(b, "text", None) and b.page == 5]
    six = lines.index("<표 6> 지방교부세 종류별 현황 및 추이(2013~2022)")
    seven = lines.index("<표 7> 국고보조사업의 규모와 정부총지출(예산 기준) 추이(2018~2022)")
    assert six < seven
    assert not any("\x07" in line for line in lines)
    assert "51.3조원으로 상승" in [line.strip() for line in lines]


def test_local_gov_donation_report_form_2025_pdf_page_11_dotted_rule_down_one_row(parsed):
    # p.11, the 6×7 form under its two-level header: in row 4 (0-based 3) a dotted rule runs
    # down between columns 2 and 3 and between 5 and 6, as the HWPX's cells there are 1×1
    # (colSpan 1); pdfplumber's cell spans both, the rule not running the table's height.
    doc = parsed("local_gov_donation_report_form_2025.pdf")
    table = next(t for t in doc.tables() if t.page == 11 and (t.n_rows, t.n_cols) == (6, 7))
    assert [(c.col, c.colspan) for c in table.row_cells(3)] == [
        (0, 1),
        (1, 1),
        (2, 1),
        (3, 1),
        (4, 1),
        (5, 1),
        (6, 1),
    ]


def test_nikl_2022_work_plan_pdf_page_25_picture_in_a_one_cell_table(parsed):
    # The HWP holds the 국민의/컴퓨터의 국어 능력 평가 picture (page 25's top) in a 1×1 table
    # (TableBody rows="1" cols="1", its cell's borderfill solid 0.12 mm on all four sides); the
    # PDF draws the cell as four rulings round the picture, x 98.8–518.2, y 72.3–181.5 pt, the
    # picture inside them at x 133–484. It comes before page 25's 추진 내용 schedule table.
    doc = parsed("nikl_2022_work_plan.pdf")
    on_page = [t for t in doc.tables() if t.page == 25]
    assert [(t.n_rows, t.n_cols) for t in on_page][:2] == [(1, 1), (7, 8)]
    box = on_page[0]
    assert [c.text for c in box.cells] == [""]
    assert box.x_edges == [98.8, 518.2] and box.y_edges == [72.3, 181.5]


def test_keit_ai_product_rnd_business_plan_2026_pdf_picture_backgrounds_are_no_tables(parsed):
    # Pages 19 and 34 paint a filled rectangle flush behind a picture (page 19: the 에이전트
    # 빌더 screenshot, x 56.6–538.4; page 34: the 카드사 assistant screenshots, x 93.7–501.2):
    # the picture's background, no cell round it, so no table of one empty cell.
    doc = parsed("keit_ai_product_rnd_business_plan_2026.pdf")
    empty_boxes = [
        t.page
        for t in doc.tables()
        if t.page in (19, 34) and len(t.cells) == 1 and not t.cells[0].text.strip()
    ]
    assert empty_boxes == []


def test_nikl_2022_work_plan_pdf_task_title_boxes_keep_their_amount_on_the_line(parsed):
    # Ⅲ's task titles, shaded one-cell boxes (pages 8–17): the HWP cell is one paragraph,
    # ' 1. 국어 정보자원 확대 구축 및 활용성 제고(57억원) '; the page prints the amount in a
    # smaller size on the title's baseline, on the same line.
    doc = parsed("nikl_2022_work_plan.pdf")
    titles = {
        t.page: t.cells[0].text
        for t in doc.tables()
        if len(t.cells) == 1 and t.cells[0].text[:2] in {"1.", "2.", "3.", "7."}
    }
    assert titles[8] == "1. 국어 정보자원 확대 구축 및 활용성 제고(57억원)"
    assert titles[9] == "2. 사전 목적에 따른 국어사전 기능 강화(12.03억원)"
    assert titles[17] == "7. 함께 누리는 수어ㆍ점자 문화 확산(49억원)"


def test_motie_energy_voucher_pdf_mok_table_left_open_by_the_page_break_keeps_its_rows(parsed):
    # Page 2, '□ 기능별(내역사업별), 목별 예산안 내역' (단위: 백만원): under the dotted rule below
    # '○기능·비목별 분류(합계)' the page draws no row rulings and no bottom one — the 17 column
    # rulings run on to y 750 — and the table goes on over page 3 under its header printed
    # again. The six rows down to '·연탄쿠폰' are rows of the one table, not loose lines.
    doc = parsed("budget_program_motie_energy_voucher.pdf")
    tables = [t for t in doc.tables() if any(c.text == "○기능·비목별 분류(합계)" for c in t.cells)]
    assert len(tables) == 1
    table = tables[0]
    assert (table.n_rows, table.n_cols) == (25, 14)
    labels = [table.cell(r, 0).text.replace("\n", "") for r in range(12, 18)]
    assert labels == [
        "○기능·비목별 분류(합계)",
        "․하절기바우처",
        "-민간경상보조(320-01)",
        "․동절기바우처",
        "-민간경상보조(320-01)",
        "․연탄쿠폰",
    ]
    assert table.cell(17, 3).text.split() == ["23,600", "[22,304]"]
    assert table.cell(17, 13).text == "21,240"
    assert table.cell(18, 0).text.replace("\n", "") == "-민간경상보조(320-01)"  # page 3
    assert "․하절기바우처 47,143 47,143" not in doc.text()


def test_lh_permanent_rental_notice_2022_pdf_conversion_table_keeps_its_header(parsed):
    # Page 2, '■ 전환보증금(고객선택사항)' (page image): under '21A1' the header prints
    # 임대보증금(원) over 계 / 계약금 / 잔금, 월 임대료 (원), 전환가능 보증금 한도액 (원) and
    # 최대전환시 임대조건 over 임대보증금(원) / 월임대료(원). Thin header strips spanning several
    # of its cells are the table's own, not a table nested in its 월 임대료 cell.
    doc = parsed("lh_permanent_rental_notice_2022.pdf")
    tables = [t for t in doc.tables() if any(c.text == "(+) 2,000,000" for c in t.cells)]
    assert len(tables) == 1
    table = tables[0]
    assert not table.nested
    header = {(r, c): table.cell(r, c).text.split() for r, c in [(1, 4), (2, 1), (2, 2), (2, 3)]}
    assert header == {
        (1, 4): ["월", "임대료(원)"],
        (2, 1): ["계"],
        (2, 2): ["계약금"],
        (2, 3): ["잔금"],
    }
    assert "".join(table.cell(0, 5).text.split()) == "전환가능보증금한도액(원)"
    assert "".join(table.cell(2, 7).text.split()) == "월임대료(원)"


@pytest.mark.parametrize(
    "name,badge",
    [
        ("fis_issue_22-2_performance_mgmt.pdf", "22-2호"),
        ("fis_issue_22-4_intergov_fiscal_transfers.pdf", "22-4호"),
    ],
)
def test_fis_issue_pdf_cover_badge_is_the_cover_frames_text(parsed, name, badge):
    # Page 1 (page image): the round badge '22-2호' over '2022.09.' in the cover's top right;
    # its outline strips are no table of their own splitting '22-2' from '호'.
    doc = parsed(name)
    cover = next(
        t for t in doc.tables() if t.page == 1 and any("발행인" in c.text for c in t.cells)
    )
    frame = next(c for c in cover.cells if "발행인" in c.text)
    assert frame.text.split()[0] == badge
    assert not cover.nested


def test_lh_permanent_rental_notice_2022_pdf_open_sided_table_is_found(parsed):
    # p.4, 소득 및 자산 보유기준: no ruling down either side, only the shaded header row boxed;
    # rows 소득 and 자산 under '구분 | 소득 및 자산보유 기준', the 가구원수 table inside 소득's cell.
    doc = parsed("lh_permanent_rental_notice_2022.pdf")
    table = next(t for t in doc.tables() if t.page == 4 and t.cell(0, 1) and
                 t.cell(0, 1).text == "소득 및 자산보유 기준")  # fmt: skip
    assert (table.n_rows, table.n_cols) == (3, 2)
    assert [table.cell(r, 0).text for r in range(3)] == ["구분", "소득", "자산"]
    assert table.cell(1, 1).text.startswith("1. 신분별 입주소득 기준")
    assert "3. 자동차 기준" in table.cell(2, 1).text
    (inner,) = table.nested[(1, 1)]
    assert (inner.n_rows, inner.n_cols, inner.cell(0, 0).text) == (8, 4, "가구원수")
    # Its numbered lines are the cells' text, no paragraphs of the notice.
    from kplan.parsers.model import Paragraph

    assert not any(
        isinstance(b, Paragraph) and b.text.startswith("1. 신분별 입주소득") for b in doc.blocks
    )


def test_keit_ai_product_rnd_business_plan_2026_pdf_open_right_side_keeps_its_last_column(parsed):
    # p.68 과제개요 and p.50 인적사항: ruled down the left and between the columns, not down the
    # right; the blank cells right of '전체 사업기간' and '국적' are the forms' last column.
    doc = parsed("keit_ai_product_rnd_business_plan_2026.pdf")
    overview = next(t for t in doc.tables() if t.page == 68 and t.cell(0, 0).text == "과제명")
    assert overview.text_grid() == [
        ["과제명", "", "전체 사업기간", ""],
        ["주관기관", "", "주관책임자", ""],
    ]
    person = next(t for t in doc.tables() if t.page == 50 and t.cell(0, 0).text == "개인")
    assert person.n_cols == 5
    assert person.text_grid()[0] == ["개인", "국문", "", "국적", ""]
