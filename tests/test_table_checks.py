"""Generic arithmetic on any table: hand-made tables, then every finding on the real corpus."""

from kplan.parsers.model import Cell, Table
from kplan.rules.facts import TableInfo
from kplan.rules.table_checks import check_table
from kplan.rules.tables import cell_facts, header_row_count, parse_cell_number


def grid(rows, spans=None, unit=None):
    """A Table from rows of text; `spans` maps (row, col) to (rowspan, colspan), and the
    positions a span covers must be None in `rows`."""
    spans = spans or {}
    cells = [
        Cell(r, c, text, *spans.get((r, c), (1, 1)))
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
        if text is not None
    ]
    table = Table(cells, len(rows), max(len(r) for r in rows), page=1)
    headers = header_row_count(table)
    info = TableInfo(1, 1, None, unit, table.n_rows, table.n_cols, headers)
    return info, cell_facts(table, 1, unit, headers)


def findings(rows, spans=None, unit=None):
    info, cells = grid(rows, spans, unit)
    return [
        (f.kind, f.row, f.col, f.expected, f.actual, f.rounding) for f in check_table(info, cells)
    ]


def test_numbers_in_cells():
    assert parse_cell_number("1,234") == (1234.0, None)
    assert parse_cell_number("△1,200") == (-1200.0, None)
    assert parse_cell_number("(56.5)") == (56.5, None)  # a share, not a negative
    assert parse_cell_number("12.5%") == (12.5, "%")
    assert parse_cell_number("-") == (None, None)
    assert parse_cell_number("약 1TB") == (None, None)


def test_units_are_applied_except_to_ratios():
    _, cells = grid(
        [["구분", "2023년(A)", "2024년(B)", "(B-A)/A"], ["사업비", "1,000", "1,100", "10.0"]],
        unit="백만원",
    )
    numbers = {c.col: c.number for c in cells if not c.is_header and c.number is not None}
    assert numbers == {1: 1_000_000_000, 2: 1_100_000_000, 3: 10.0}


def test_a_total_row_that_adds_up_says_nothing():
    assert findings([["구분", "금액"], ["합계", "30"], ["가", "10"], ["나", "20"]]) == []


def test_a_total_row_that_does_not_add_up():
    assert findings([["구분", "금액"], ["가", "10"], ["나", "20"], ["합 계", "31"]]) == [
        ("total_row", 3, 1, 30.0, 31.0, False)
    ]


def test_a_difference_within_rounding_is_flagged_as_rounding():
    # In 억원 each printed figure may be half a unit off; 10 + 21 printed as 30 is rounding.
    result = findings([["구분", "금액"], ["합계", "30"], ["가", "10"], ["나", "21"]], unit="억원")
    assert result == [("total_row", 1, 1, 3_100_000_000.0, 3_000_000_000.0, True)]
    # Two units off with three figures is more than rounding.
    result = findings([["구분", "금액"], ["합계", "30"], ["가", "10"], ["나", "22"]], unit="억원")
    assert result == [("total_row", 1, 1, 3_200_000_000.0, 3_000_000_000.0, False)]
    result = findings([["구분", "금액"], ["합계", "1,230"], ["가", "1,000"], ["나", "231"]])
    assert result == [("total_row", 1, 1, 1231.0, 1230.0, True)]


def test_small_counts_are_exact():
    assert findings([["구분", "인원"], ["계", "5"], ["가", "2"], ["나", "2"]]) == [
        ("total_row", 1, 1, 4.0, 5.0, False)
    ]


def test_indented_rows_are_summed_into_the_row_above():
    rows = [
        ["구분", "금액"],
        ["합계", "60"],
        ["사업비", "40"],
        ["□ 가", "25"],
        ["- 가1", "10"],
        ["- 가2", "15"],
        ["□ 나", "15"],
        ["운영비", "20"],
        ["□ 인건비", "12"],
        ["□ 경비", "9"],
    ]
    assert findings(rows) == [("group_row", 7, 1, 21.0, 20.0, False)]


def test_a_label_column_left_empty_under_a_spanning_label_is_indentation():
    rows = [
        ["구분", None, "금액"],
        ["계", None, "30"],
        ["∎사업비", None, "30"],
        ["", "가", "10"],
        ["", "나", "21"],
    ]
    spans = {(0, 0): (1, 2), (1, 0): (1, 2), (2, 0): (1, 2)}
    # The group row and the 계 both miss the indented rows' 31.
    assert findings(rows, spans) == [
        ("total_row", 1, 2, 31.0, 30.0, False),
        ("group_row", 2, 2, 31.0, 30.0, False),
    ]


def test_an_empty_first_column_meaning_ditto_is_not_indentation():
    rows = [["기관", "연도", "건수"], ["KEIT", "2021", "1"], ["", "2022", "2"], ["", "2023", "1"]]
    assert findings(rows) == []


def test_a_subtotal_against_its_merged_group():
    rows = [
        ["구분", None, "금액"],
        ["사업비", "소계", "31"],
        [None, "가", "10"],
        [None, "나", "20"],
        ["운영비", "소계", "5"],
        [None, "다", "2"],
        [None, "라", "3"],
    ]
    spans = {(0, 0): (1, 2), (1, 0): (3, 1), (4, 0): (3, 1)}
    assert findings(rows, spans) == [("subtotal_row", 1, 2, 30.0, 31.0, False)]


def test_a_total_with_a_measure_sums_the_rows_of_that_measure():
    rows = [
        ["구분", None, "계"],
        ["합계", "정원", "10"],
        [None, "현원", "9"],
        ["본부", "정원", "4"],
        [None, "현원", "4"],
        ["소속", "정원", "6"],
        [None, "현원", "6"],
    ]
    spans = {(0, 0): (1, 2), (1, 0): (2, 1), (3, 0): (2, 1), (5, 0): (2, 1)}
    assert findings(rows, spans) == [("total_row", 2, 2, 10.0, 9.0, False)]


def test_formula_rows():
    rows = [["구분", "금액"], ["총지출(a+b)", "100"], ["예산지출(a)", "40"], ["기금지출(b)", "50"]]
    assert findings(rows) == [("formula_row", 1, 1, 90.0, 100.0, False)]
    # A ratio that names the rows is not their sum.
    rows = [
        ["구분", "금액"],
        ["합(A+B)", "90"],
        ["국비(A)", "40"],
        ["지방비(B)", "50"],
        ["지방부담률(B/(A+B))", "55.6"],
    ]
    assert findings(rows) == []


def test_a_total_column_against_the_columns_under_the_same_header():
    rows = [
        ["구분", "면적", None, None, None],
        [None, "전용", "공용", "기타", "합계"],
        ["21A1", "21.72", "13.17", "2.01", "36.9"],
    ]
    spans = {(0, 0): (2, 1), (0, 1): (1, 4)}
    assert findings(rows, spans) == []  # 21.72 + 13.17 + 2.01 = 36.90
    rows[2][4] = "38.9"
    assert [f[:3] for f in findings(rows, spans)] == [("total_col", 2, 4)]


def test_difference_and_ratio_columns():
    rows = [
        ["구분", "2023 (A)", "2024 (B)", "증감 (B-A)", "(B-A)/A"],
        ["융자금", "467,600", "413,600", "0", "△11.5"],
        ["출자금", "100", "110", "10", "10.0"],
        ["보조금", "200", "220", "20", "12.0"],
    ]
    assert findings(rows) == [
        ("diff_col", 1, 3, -54000.0, 0.0, False),
        ("ratio_col", 3, 4, 10.0, 12.0, False),
    ]


def test_two_halves_side_by_side_are_one_list():
    rows = [
        ["직급", "정원", "직급", "정원"],
        ["가", "1", "다", "3"],
        ["나", "2", "라", "4"],
        ["총계", None, None, "10"],
    ]
    spans = {(3, 0): (1, 3)}
    assert findings(rows, spans) == []
    rows[3][3] = "11"
    assert findings(rows, spans) == [("total_row", 3, 3, 10.0, 11.0, False)]


def test_share_rows_are_not_summed():
    rows = [
        ["구분", "2021", "2022"],
        ["합 계", "669,412", "778,979"],
        ["예산액(억원)", "378,307", "460,974"],
        ["비중(%)", "(56.5)", "(59.2)"],
    ]
    assert findings(rows) == []


# Every finding on the real corpus, each looked at in the document (see the comments).
CORPUS_FINDINGS = {
    # 증감 (B-A) printed 0 where 국회확정(B) 413,600 − 당초(A) 467,600 = −54,000 (백만원);
    # its own (B-A)/A column says △11.5, which fits −54,000.
    ("budget_program_molit_small_housing_renewal.pdf", 7, 2, 6): ("error", "-54,000", "0"),
    # 목별 table (page 2), 2023 수정 column: ○비목별 분류(합계) printed 21,500, but its rows
    # 기타민간융자금 21,500 + 이차보전금 −3,600 = 17,900 (the 기능별 rows 25,844 − 744 − 3,600
    # do give 21,500). Read since '317,500\n(31,800)' figures and 3 header rows are read.
    ("budget_program_molit_small_housing_renewal.pdf", 8, 7, 7): ("error", "17,900", "21,500"),
    # 〈표 5〉 (page 7): 계 2013 printed 672,260, 지방교부세 355,359 + 국고보조금 341,965 =
    # 697,324; 계 2022 printed 1,400,229, 650,560 + 794,669 = 1,445,229. (Table 12: the cover
    # badge '22-4호' is the cover frame's text, no table of its own.)
    ("fis_issue_22-4_intergov_fiscal_transfers.pdf", 12, 1, 1): (
        "error",
        "697,324",
        "672,260 (100%)",
    ),
    ("fis_issue_22-4_intergov_fiscal_transfers.pdf", 12, 1, 10): (
        "error",
        "1,445,229",
        "1,400,229 (100%)",
    ),
    # (A+B) 총합계 of 데이터 건수 printed 179,314,311,736; (A) 178,538,348,478 + (B)
    # 982,231,972 = 179,520,580,450.
    ("kwater_digital_platform_rfp_2025.hwp", 10, 2, 3): (
        "error",
        "179,520,580,450",
        "179,314,311,736",
    ),
    ("kwater_digital_platform_rfp_2025.hwpx", 10, 2, 3): (
        "error",
        "179,520,580,450",
        "179,314,311,736",
    ),
    # MOEL's 예산 현황 (table 6) is the work_plan family's: its own checks report it
    # (tests/test_family_work_plan.py).
    # 총계 과부족 △2 (= 현원 51 − 정원 53) but the column's rows add to 1: rows such as
    # 학예연구관 (정원 7, 현원 6) leave 과부족 blank.
    # Table 50 in both formats: the HWP's empty picture frames are no tables (issue 13.9).
    ("nikl_2022_work_plan.hwp", 50, 15, 7): ("error", "1", "△2"),
    # The same table in the PDF, whose rows have no rulings: read line by line, it agrees.
    ("nikl_2022_work_plan.pdf", 50, 15, 7): ("error", "1", "△2"),
    # A filled-in example in a form: 보수 소계 현물(E) printed 0 while its rows hold 0 and 18,667.
    ("ai_voucher_business_plan_form_2026.hwpx", 128, 5, 10): ("error", "18,667", "0"),
    # Rounding: sums of figures rounded to 억원 or 십억원 that miss by one printed unit.
    ("mosf_fiscal_stats_2010_01.hwp", 2, 1, 6): ("info", "217", "216"),
    ("mosf_fiscal_stats_2010_01.hwp", 2, 4, 7): ("info", "22,693", "22,694"),
    ("mosf_fiscal_stats_2010_01.hwp", 4, 1, 6): ("info", "329", "328"),
    ("mosf_fiscal_stats_2010_01.hwp", 4, 1, 7): ("info", "39,850", "39,849"),
    ("mosf_fiscal_stats_2010_01.hwp", 4, 4, 2): ("info", "31,856", "31,855"),
    ("mosf_fiscal_stats_2010_01.hwp", 4, 4, 5): ("info", "9,213", "9,214"),
    ("mosf_fiscal_stats_2010_01.hwp", 4, 4, 6): ("info", "948", "947"),
    ("mosf_fiscal_stats_2010_01.hwp", 6, 1, 3): ("info", "4,013", "4,014"),
    ("mosf_fiscal_stats_2010_01.hwp", 6, 1, 7): ("info", "77,598", "77,599"),
    ("mosf_fiscal_stats_2010_01.hwp", 6, 4, 2): ("info", "51,352", "51,353"),
    ("mosf_fiscal_stats_2010_01.hwp", 6, 4, 7): ("info", "84,618", "84,619"),
    ("mosf_fiscal_stats_2010_01.hwp", 8, 4, 2): ("info", "66,446", "66,445"),
    ("mosf_fiscal_stats_2010_01.hwp", 8, 4, 5): ("info", "23,254", "23,255"),
    ("mosf_fiscal_stats_2010_01.hwp", 8, 4, 7): ("info", "107,438", "107,437"),
    ("mosf_fiscal_stats_2010_01.hwp", 10, 1, 7): ("info", "126,951", "126,952"),
    ("mosf_fiscal_stats_2010_01.hwp", 10, 4, 2): ("info", "79,301", "79,300"),
    ("mosf_fiscal_stats_2010_01.hwp", 10, 4, 6): ("info", "1,450", "1,451"),
    ("mosf_fiscal_stats_2010_01.hwp", 12, 4, 3): ("info", "23,969", "23,970"),
    ("mosf_fiscal_stats_2014_08.hwp", 3, 1, 6): ("info", "1,723", "1,724"),
    ("mosf_fiscal_stats_2014_08.hwp", 3, 1, 7): ("info", "211,735", "211,736"),
    ("mosf_fiscal_stats_2014_08.hwp", 3, 4, 5): ("info", "52,097", "52,096"),
    ("mosf_fiscal_stats_2014_08.hwp", 3, 4, 7): ("info", "221,762", "221,763"),
}


def test_the_first_item_beside_its_groups_merged_label_is_no_parent_of_the_rest():
    # kwater_dr_center_rfp_2004_hwp5.hwp, hwp5proc xml, Ⅴ.1. 도입 장비내역 총괄표: '주전산센터
    # 서버통합' spans the group's rows; its first row's item '·통합 DB서버-#1 … | 1식' is one of
    # the group's '·' items, not a row the next four add up to (it was 1식 ≠ 5); the 소 계 and
    # 합 계 add up.
    rows = [
        ["구 분", "내 용", "수량"],
        ["주전산센터 서버통합", "·통합 DB서버-#1", "1식"],
        [None, "·통합 AP서버-#2", "1식"],
        [None, "·통합 DB서버용 클러스터링 솔루션", "2식"],
        [None, "·Win2003 통합AP서버 5대", "1식"],
        [None, "소 계", "5식"],
        ["합 계", None, "5식"],
    ]
    spans = {(1, 0): (5, 1), (6, 0): (1, 2)}
    assert findings(rows, spans) == []
    rows[2][2] = "2식"  # an item miscounted: its 소 계 says so, and no row is taken for a parent
    found = [f[:3] for f in findings(rows, spans)]
    assert ("subtotal_row", 5, 2) in found and all(kind != "group_row" for kind, _, _ in found)
