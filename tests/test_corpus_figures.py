"""What every figure of a real report means: its unit, its kind, its exact won — one regression
test per corpus file and table where kplan read it wrong (issue 13, items 1–5), then a scan of
the whole corpus warehouse. Expected values are read from the documents (hwp5proc xml, the
HWPX XML, the page images), never from kplan's output.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import regex
from conftest import CORPUS

from kplan.parsers import parse_file
from kplan.rules import extract

pytestmark = pytest.mark.corpus

_facts: dict[str, object] = {}


def facts_of(name: str, folder: str = "reports"):
    key = f"{folder}/{name}"
    if key not in _facts:
        _facts[key] = extract(parse_file(CORPUS / folder / name))
    return _facts[key]


def table_with(facts, text: str):
    """(TableInfo, {(row, col): CellFact}) of the one table holding a cell printed `text`."""
    key = regex.sub(r"\s+", "", text)
    ids = {c.table_id for c in facts.table_cells if regex.sub(r"\s+", "", c.text) == key}
    assert len(ids) == 1, (text, ids)
    (table_id,) = ids
    info = next(t for t in facts.tables if t.table_id == table_id)
    return info, {(c.row, c.col): c for c in facts.table_cells if c.table_id == table_id}


# -- 1. units in HWP/HWPX captions ------------------------------------------------------------


def test_mois_2025_work_report_hwp_budget_table_takes_its_caption_unit():
    # 예산 현황: <caption> '(단위 : 백만원, %)'; 계 2025 본예산 72,083,936 백만원.
    info, cells = table_with(facts_of("mois_2025_work_report.hwp"), "72,083,936")
    assert (info.unit, info.units, info.unit_source) == ("백만원", "백만원,%", "caption")
    total = cells[(2, 2)]
    assert (total.kind, total.unit, total.amount) == ("money", "백만원", 72_083_936_000_000)
    assert cells[(7, 4)].amount == -9_584_000_000  # △9,584
    ratio = cells[(2, 5)]  # (B-A)/A 6.69
    assert (ratio.kind, ratio.unit, ratio.value, ratio.amount) == (
        "ratio",
        "%",
        Decimal("6.69"),
        None,
    )


@pytest.mark.parametrize("name", ["moel_2025_work_report.hwp", "moel_2025_work_report.hwpx"])
def test_moel_2025_work_report_budget_table_is_in_eok_won(name):
    # 예산 현황 '(단위 : 억원, %)': 총지출 2025 예산 353,452 억원.
    info, cells = table_with(facts_of(name), "353,452")
    assert info.unit == "억원" and info.unit_source == "caption"
    found = next(c for c in cells.values() if c.text == "353,452")
    assert (found.kind, found.amount) == ("money", 35_345_200_000_000)


def test_mosf_fiscal_stats_2014_08_hwp_unit_line_above_in_sibeokwon():
    # '(단위 : 십억원)' above the 통합재정수지 table; 통합재정수입 합계 211,736.
    info, cells = table_with(facts_of("mosf_fiscal_stats_2014_08.hwp"), "211,736")
    assert info.unit == "십억원"
    found = next(c for c in cells.values() if c.text == "211,736")
    assert found.amount == 211_736_000_000_000


def test_moef_fdi_2024q1_press_units_from_a_caption_line_and_the_annex_box():
    facts = facts_of("moef_fdi_2024q1_press.hwpx")
    # '< 분기별 해외직접투자액 추이(억 달러, 전년동기 대비, %) >' says no 단위: but is one.
    info, cells = table_with(facts, "총투자")
    assert info.units == "억달러,%"
    amount, growth = cells[(2, 1)], cells[(3, 1)]  # 282.3 / (147.8)
    assert (amount.kind, amount.unit, amount.amount) == ("money", "억달러", None)  # dollars
    assert amount.number == 28_230_000_000
    assert (growth.kind, growth.unit, growth.value) == ("ratio", "%", Decimal("147.8"))
    # The 별첨 box '(단위: 억 달러, 전년동기 대비 %)' holds for the annex tables after it.
    info, cells = table_with(facts, "111.8")
    assert info.units == "억달러,%" and info.unit_source in ("box", "continued")
    # The 참고 box after the annex ('참 고 | | 해외직접투자 개념 (외국환거래법 제3조 …)') is a box
    # of its own: the 별첨 box's units are not its.
    info, _ = table_with(facts, "해외직접투자 개념 (외국환거래법 제3조, 시행령 제8조)")
    assert info.units is None


def test_kepco_kps_rfp_서식4_unit_ends_at_the_next_form_box():
    # hwp5proc xml: '<서식4> 수행실적 총괄표 (부가세포함, 단위 :천원)' is the one 단위 of the
    # forms; '<서식5> 수행실적증명서' prints '실적(원)', '<서식6> 사업 투입인력 명단' no unit:
    # '근무 경력 (년) 15', '해당분야 경력(년) 8.5', '투입 기간 (MM) 4' are no 천원 sums.
    facts = facts_of("kepco_kps_genai_pilot_rfp_2025.hwp")
    info, _ = table_with(facts, "용역이행 또는 납품완료일자")  # the 총괄표 under that line
    assert info.units == "천원"
    info, cells = table_with(facts, "홍길동")
    assert info.units is None
    career = [cells[(1, col)] for col in (4, 5, 6)]
    assert [c.value for c in career] == [Decimal(15), Decimal("8.5"), Decimal(4)]
    assert all(c.kind != "money" and c.amount is None for c in career)
    info, _ = table_with(facts, "입찰 및 제안서 심사 제출용")
    assert info.units is None


# -- 2. columns that are not money ------------------------------------------------------------


def test_fis_issue_22_4_table_4_years_are_headers_and_growth_is_a_ratio():
    # 〈표 4〉 (단위: 억원, %): years over 예산액 | 전년 대비; 계 2019 전년 대비 9.7.
    info, cells = table_with(
        facts_of("fis_issue_22-4_intergov_fiscal_transfers.pdf"), "보전수입 등 및 내부거래"
    )
    assert info.header_rows == 2
    assert all(c.is_header for c in cells.values() if c.text in ("2018", "2019", "2022"))
    growth = next(c for c in cells.values() if c.text == "9.7")
    assert (growth.kind, growth.unit, growth.number, growth.amount) == ("ratio", "%", 9.7, None)
    amount = next(c for c in cells.values() if c.text.startswith("2,106,784"))
    assert (amount.amount, amount.sub_value) == (210_678_400_000_000, Decimal(100))


def test_fis_issue_22_4_table_6_year_labels_are_years():
    # 〈표 6〉 (단위: 백만원): rows labelled 2013 … 2022; 2013 합계 35,724,592.
    info, cells = table_with(facts_of("fis_issue_22-4_intergov_fiscal_transfers.pdf"), "35,724,592")
    year = cells[(1, 0)]
    assert (year.text, year.kind, year.value, year.number, year.amount) == (
        "2013",
        "year",
        Decimal(2013),
        None,
        None,
    )
    assert cells[(1, 1)].row_label == "2013" and cells[(1, 1)].amount == 35_724_592_000_000


def test_fis_issue_22_4_table_8_units_in_the_row_labels():
    # 〈표 8〉: label column '억원' / '%' under one '(단위: 억원, %)'; 사회복지 556,716 / 54.4.
    info, cells = table_with(
        facts_of("fis_issue_22-4_intergov_fiscal_transfers.pdf"), "일반·지방 행정"
    )
    money = next(c for c in cells.values() if c.text == "556,716")
    share = next(c for c in cells.values() if c.text == "54.4")
    assert (money.kind, money.amount) == ("money", 55_671_600_000_000)
    assert (share.kind, share.unit, share.amount) == ("ratio", "%", None)


def test_ai_voucher_business_plan_form_2026_month_counts_and_rates_are_not_money():
    # 가) 인건비 (단위: 천원): 홍길동 총 연봉 50,000 | 참여 개월수 (B) 7 | 참여율 (%)(C) 50.
    facts = facts_of("ai_voucher_business_plan_form_2026.hwpx")
    info, cells = table_with(facts, "참여 개월수 (B)")
    months = next(c for c in cells.values() if c.header_path == "참여 개월수 (B)" and c.text == "7")
    rate = next(c for c in cells.values() if c.header_path == "참여율 (%)(C)" and c.text == "50")
    salary = next(
        c for c in cells.values() if c.header_path == "총 연봉 (A)" and c.text == "50,000"
    )
    assert (months.kind, months.unit, months.amount) == ("count", "개월", None)
    assert (rate.kind, rate.unit, rate.amount) == ("ratio", "%", None)
    assert (salary.kind, salary.amount) == ("money", 50_000_000)


@pytest.mark.parametrize(
    "title,numeral",
    [("선제적·통합적 대국민 서비스 혁신", "1"), ("시민 참여를 위한 플랫폼 고도화", "3")],
)
def test_digital_gov_innovation_plan_2019_heading_box_numerals_are_codes(title, numeral):
    # hwp5proc xml: Ⅱ's numbered boxes '1 | | 선제적·통합적 …' (1×3). The line above box 3 is the
    # note '* 종이고지서 건수(…)' and above box 6 '* (영국) … 45%차지': neither names the box,
    # whose numeral numbers its section — it counted 건 and was a ratio.
    info, cells = table_with(facts_of("digital_gov_innovation_plan_2019.hwp"), title)
    assert (cells[(0, 0)].text, cells[(0, 0)].kind, cells[(0, 0)].unit) == (numeral, "code", None)
    assert cells[(0, 0)].number is None


# -- 3. decimals are exact ---------------------------------------------------------------------


def test_fis_issue_22_4_table_7_decimal_trillions_are_exact_won():
    # 〈표 7〉 (단위: 조원, %): 자치단체보조 2020 65.6 조원; 연평균증가율 12.2%.
    info, cells = table_with(
        facts_of("fis_issue_22-4_intergov_fiscal_transfers.pdf"), "연평균증가율"
    )
    found = next(c for c in cells.values() if c.text == "65.6")
    assert found.amount == 65_600_000_000_000 and found.value == Decimal("65.6")
    assert found.number == 65_600_000_000_000.0
    rate = next(c for c in cells.values() if c.text == "12.2%")
    assert (rate.kind, rate.amount) == ("ratio", None)


# -- 4. compound figures -----------------------------------------------------------------------


def test_molit_small_housing_renewal_pdf_bracketed_figures_and_three_header_rows():
    # 기능별(내역사업별), 목별 계획 내역 (단위: 백만원), page 2.
    info, cells = table_with(facts_of("budget_program_molit_small_housing_renewal.pdf"), "1,027")
    assert info.header_rows == 3
    first = cells[(3, 1)]
    assert first.row_label == "○기능별 분류(합계)"
    assert (first.value, first.sub_value, first.amount) == (
        Decimal(317500),
        Decimal(31800),
        317_500_000_000,
    )
    executed = cells[(3, 3)]  # 341,802 [341,802]
    assert (executed.amount, executed.sub_value) == (341_802_000_000, Decimal(341802))
    assert cells[(5, 1)].sub_value == Decimal(-12100)  # 50,000 (-12,100)
    assert cells[(5, 7)].amount == -744_000_000  # -744


def test_nikl_2022_work_plan_hwp_unit_with_a_space_inside():
    # 연도별 소요예산 box: '2,000백만 원' (2023).
    facts = facts_of("nikl_2022_work_plan.hwp")
    found = [c for c in facts.table_cells if c.text == "2,000백만 원"]
    assert found and all(
        (c.kind, c.unit, c.amount) == ("money", "백만원", 2_000_000_000) for c in found
    )


# -- 5. header rows ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["nikl_2022_work_plan.hwp", "nikl_2022_work_plan.pdf"])
def test_nikl_2022_work_plan_corpus_table_has_one_header_row(name):
    # 말뭉치 구축 및 공개 현황: 연도 | ‘18년 … 누적, then three data rows of 어절 and 종.
    info, cells = table_with(facts_of(name), "0.31억 어절")
    assert info.header_rows == 1
    words = cells[(1, 1)]
    assert (words.is_header, words.kind, words.unit, words.value, words.number) == (
        False,
        "count",
        "억어절",
        Decimal("0.31"),
        31_000_000.0,
    )
    assert cells[(2, 2)].kind == "count" and cells[(2, 2)].unit == "종"  # 11종


# -- the whole corpus --------------------------------------------------------------------------

# Month counts ('참여 개월수', '(개월)'), not a salary for months ('참여개월 반영연봉').
NOT_MONEY_HEADER = regex.compile(
    r"개월\s*수|개월\)?$|증감률|증가율|비율|비중|구성비|\(%\)|%$|(?:^|> )(?:연도|년도)$"
)


# The reports and the fixtures (files the parser projects test themselves with); bad/ holds
# files that must fail to open.
SCANNED = ("reports", "fixtures")


@pytest.fixture(scope="module")
def corpus_cells():
    cells = []
    for folder in SCANNED:
        for path in sorted((CORPUS / folder).iterdir()):
            facts = facts_of(path.name, folder)
            cells += [(f"{folder}/{path.name}", c) for c in facts.table_cells]
    return cells


def test_the_scan_covers_the_fixtures_too(corpus_cells):
    assert {name.split("/")[0] for name, _ in corpus_cells} == set(SCANNED)


def test_no_year_month_count_or_percentage_carries_money(corpus_cells):
    wrong = []
    for name, c in corpus_cells:
        if c.amount is None:
            continue
        flat = regex.sub(r"\s+", "", c.text)
        if (
            regex.fullmatch(r"(?:(?:19|20)\d\d|['‘’]\d\d)(?:년|년도)?", flat)
            or regex.search(r"\d\s*%\s*$", flat.split("(")[0].split("[")[0])
            or NOT_MONEY_HEADER.search(c.header_path or "")
            or regex.search(r"개월\s*수|\(%\)|증감률|비중", c.row_label or "")
        ):
            wrong.append((name, c.table_id, c.row, c.col, c.text, c.header_path, c.row_label))
    assert wrong == []


def test_every_amount_is_exact_won(corpus_cells):
    """No float artefact: each amount is the printed figure times its unit, exactly."""
    from kplan.rules.units import read_unit

    money = [(n, c) for n, c in corpus_cells if c.amount is not None]
    assert len(money) > 1000
    for name, c in money:
        unit = read_unit(c.unit)
        assert c.amount == int(c.value * unit.factor), (name, c)
        assert c.number == float(c.amount), (name, c)


def test_every_body_cell_has_a_kind(corpus_cells):
    kinds = {c.kind for _, c in corpus_cells if not c.is_header}
    assert kinds <= {"money", "ratio", "count", "year", "date", "code", "number", "text"}
    assert all(c.kind is None for _, c in corpus_cells if c.is_header)


def test_molit_green_remodeling_evaluation_table_points_are_not_money():
    # hwp5proc xml: 평가기준(안) [붙임 4], column 배점; row '사업 예산계획' scores '10' points.
    _, cells = table_with(facts_of("molit_green_remodeling_subsidy_notice_2026.hwp"), "합계(①+②)")
    assert cells[(14, 1)].text == "사업 예산계획"
    for row, points in ((1, 5), (5, 20), (14, 10), (15, 80), (16, 100)):
        cell = cells[(row, 3)]
        assert (cell.kind, cell.unit, cell.value, cell.amount) == ("number", None, points, None)


def test_kwater_dr_center_rfp_evaluation_table_cost_points_are_not_money():
    # hwp5proc xml: the 배점 column's '2' beside '제안 IDC센터의 제공조건 및 비용'.
    _, cells = table_with(facts_of("kwater_dr_center_rfp_2004_hwp5.hwp"), "제안 IDC센터 제공조건")
    assert (cells[(14, 3)].text, cells[(14, 3)].kind, cells[(14, 3)].amount) == (
        "2",
        "number",
        None,
    )


@pytest.mark.parametrize(
    "name", ["kwater_digital_platform_rfp_2025.hwp", "kwater_digital_platform_rfp_2025.hwpx"]
)
def test_kwater_digital_platform_data_table_counts_tables_not_records_in_the_row_건설(name):
    # section1.xml, 4) 주요 데이터 현황: row '건설' has 테이블 개수 471 (no unit printed) and
    # 데이터 건수 6,648,598 (건); the row's name is a field, not a counter.
    _, cells = table_with(facts_of(name), "179,314,311,736")
    assert cells[(16, 1)].text == "건설"
    assert (cells[(16, 2)].kind, cells[(16, 2)].unit, cells[(16, 2)].value) == ("count", None, 471)
    assert (cells[(16, 3)].kind, cells[(16, 3)].unit) == ("count", "건")


@pytest.mark.parametrize(
    "name", ["kwater_digital_platform_rfp_2025.hwp", "kwater_digital_platform_rfp_2025.hwpx"]
)
def test_kwater_digital_platform_security_table_introduction_times_are_years(name):
    # section1.xml, 5) 데이터 및 보안관리 현황: 도입시기 '`06이전', 2017, 2017, 2022.
    _, cells = table_with(facts_of(name), "DB Safer")
    assert [(cells[(r, 2)].kind, cells[(r, 2)].value) for r in (2, 3, 4)] == [
        ("year", 2017),
        ("year", 2017),
        ("year", 2022),
    ]


@pytest.mark.parametrize("name", ["nikl_2022_work_plan.hwp", "nikl_2022_work_plan.pdf"])
def test_nikl_2022_staff_table_서기관_학예연구관_is_not_counted_in_기관(name):
    # hwp5proc xml, 인력 현황: '서기관·학예연구관 | 2 | 2' counts posts (정원, 현원), not 기관.
    _, cells = table_with(facts_of(name), "서기관·학예연구관")
    row = next(r for (r, c), cell in cells.items() if cell.text == "서기관·학예연구관")
    assert [(cells[(row, c)].kind, cells[(row, c)].unit) for c in (5, 6)] == [("count", None)] * 2


def test_lh_permanent_rental_conversion_limits_signed_in_brackets():
    # Page 2, 전환보증금 (page image): 전환가능 보증금 한도액 (원) '(+) 2,000,000' over
    # '(-) 1,000,000' for 가군, '(+) 11,000,000' over '(-) 8,000,000' for 나군.
    _, cells = table_with(facts_of("lh_permanent_rental_notice_2022.pdf"), "(+) 2,000,000")
    got = [(cells[(r, 5)].kind, cells[(r, 5)].unit, cells[(r, 5)].amount) for r in (3, 4, 5, 6)]
    assert got == [
        ("money", "원", 2_000_000),
        ("money", "원", -1_000_000),
        ("money", "원", 11_000_000),
        ("money", "원", -8_000_000),
    ]


def test_lh_permanent_rental_supply_plan_unit_counts_are_counts_of_호():
    # Page 2, '■ 형별 공급계획' (page image): 모집호수 over 현재 공가 호수 8, 현재 대기 중인 예비자 2,
    # 금회 모집 예비자 150.
    _, cells = table_with(facts_of("lh_permanent_rental_notice_2022.pdf"), "45.5507")
    got = [(cells[(3, c)].kind, cells[(3, c)].unit, cells[(3, c)].value) for c in (7, 8, 9)]
    assert got == [("count", "호", 8), ("count", "호", 2), ("count", "호", 150)]


def test_school_subject_eval_plan_full_marks_in_points_with_their_share():
    # section1.xml, 5 평가의 종류와 반영비율: '영역 만점 (반영비율)' row prints '100점 (40%)',
    # '0점 (0%)', '20점 (20%)' ×3 (before: text).
    _, cells = table_with(facts_of("school_subject_eval_plan_2025.hwpx"), "영역 만점 (반영비율)")
    got = [(cells[(4, c)].kind, cells[(4, c)].unit, cells[(4, c)].value) for c in range(1, 6)]
    assert got == [("number", "점", v) for v in (100, 0, 20, 20, 20)]
    assert [cells[(4, c)].sub_value for c in range(1, 6)] == [40, 0, 20, 20, 20]


def test_msit_nuri_rocket_press_comparison_table_measures():
    # hwp5proc xml, 붙임 한국형발사체(누리호)와 시험발사체 비교: 총 길이 '47.2 m' | '25.8 m',
    # 이륙 중량 '200 톤' | '52.1 톤', 단 수 '3단' | '1단' (before: text).
    _, cells = table_with(facts_of("msit_nuri_rocket_press_2018.hwp"), "47.2 m")
    got = {
        (r, c): (cells[(r, c)].kind, cells[(r, c)].unit, cells[(r, c)].value)
        for r, c in [(3, 1), (3, 2), (5, 1), (5, 2), (7, 1), (7, 2)]
    }
    assert got == {
        (3, 1): ("number", "m", Decimal("47.2")),
        (3, 2): ("number", "m", Decimal("25.8")),
        (5, 1): ("number", "톤", 200),
        (5, 2): ("number", "톤", Decimal("52.1")),
        (7, 1): ("count", "단", 3),
        (7, 2): ("count", "단", 1),
    }


def test_public_data_quality_plan_운영방안_table_has_one_header_row():
    # hwp5proc xml, □ (운영방안): '구 분' (2 columns) | 주기 | 주 요 내 용 over '품질관리 협의체'
    # (2 rows) | 정기 | 1회/월 | ∘DB별 … — a body row under the label header, not its subdivision.
    info, cells = table_with(facts_of("public_data_quality_plan_2025.hwp"), "1회/월")
    assert info.header_rows == 1
    assert not cells[(1, 1)].is_header and cells[(1, 1)].text == "정기"


def test_kepco_kps_genai_rfp_procedures_counted_in_pages():
    # hwp5proc xml, Ⅱ.2. ➌ 절차서 table: Page(4,961p) over '1,177p', '1,570P', '886p', '1,328P'
    # (before: text, and '6P' in the ERP manuals' table a code).
    _, cells = table_with(facts_of("kepco_kps_genai_pilot_rfp_2025.hwp"), "1,177p")
    got = [(cells[(r, 3)].kind, cells[(r, 3)].unit, cells[(r, 3)].value) for r in range(1, 5)]
    assert got == [("count", "p", v) for v in (1177, 1570, 886, 1328)]
    _, cells = table_with(facts_of("kepco_kps_genai_pilot_rfp_2025.hwp"), "54p")
    assert (cells[(2, 3)].kind, cells[(2, 3)].unit, cells[(2, 3)].value) == ("count", "p", 6)


def test_keit_ai_product_rnd_plan_budget_amounts_under_their_cash_labels():
    # Printed page 52 (8-1. 사업비 지원·부담계획, '(단위: 천원)'): each 수행기관's entry prints its
    # amounts on a first line under '현금(A)' … '소계(D)' and their shares on a second under
    # '비율(A/E)' … '비율(D/E)'; 800,000 | 20,000 | 180,000 | 200,000 were ratios.
    _, cells = table_with(facts_of("keit_ai_product_rnd_business_plan_2026.pdf"), "820,000")
    got = [(cells[(3, c)].kind, cells[(3, c)].unit, cells[(3, c)].amount) for c in range(3, 7)]
    assert got == [("money", "천원", w * 1000) for w in (800_000, 20_000, 180_000, 200_000)]
    assert cells[(3, 3)].header_path == "정부지원사업비 > 현금(A)"
    assert cells[(4, 3)].header_path == "정부지원사업비 > 비율(A/E)"
    assert cells[(3, 7)].amount == 820_000_000


def test_keit_ai_product_rnd_plan_entries_numbered_by_year_and_stage():
    # Printed page 52, 8-1. 사업비 지원·부담계획: 연차 '1' and '2' number the plan's years; printed page 67, 별첨5
    # 2. 연구실운영비(금액): 단계 '1' numbers a stage. Both were money in 천원 (1,000원, 2,000원).
    facts = facts_of("keit_ai_product_rnd_business_plan_2026.pdf")
    _, cells = table_with(facts, "820,000")
    assert [(cells[(r, 0)].kind, cells[(r, 0)].amount) for r in (3, 11)] == [("code", None)] * 2
    _, cells = table_with(facts, "연구실 운영에 필요한 소모성 비용")
    assert (cells[(2, 0)].text, cells[(2, 0)].kind, cells[(2, 0)].amount) == ("1", "code", None)


def test_keit_ai_product_rnd_plan_equipment_quantity_is_a_count():
    # Printed page 58, 8-3 (1) 연구시설·장비 구축(임차)계획: 수량 '1' (one 워크스테이션) was a bare number.
    _, cells = table_with(facts_of("keit_ai_product_rnd_business_plan_2026.pdf"), "워크스테이션")
    assert (cells[(1, 5)].text, cells[(1, 5)].kind, cells[(1, 5)].value) == ("1", "count", 1)


def test_keit_ai_product_rnd_plan_purchase_months_are_dates():
    # Printed page 58, 8-3 (1), (2), (2-1): 구축일 / 구매(입고)일 / 입고일 '‘21년6월', '‘21년12월' (were text).
    facts = facts_of("keit_ai_product_rnd_business_plan_2026.pdf")
    for anchor, at, text in [
        ("워크스테이션", (1, 7), "‘21년6월"),
        ("Fe계 금속파우더", (1, 6), "‘21년6월"),
        ("4m급 3D프린팅 출력 장비 하우징(케이지)", (1, 6), "‘21년12월"),
    ]:
        _, cells = table_with(facts, anchor)
        assert (cells[at].text, cells[at].kind) == (text, "date"), anchor
    _, cells = table_with(facts, "4m급 3D프린팅 출력 장비 하우징(케이지)")
    assert cells[(1, 5)].kind == "text"  # '‘21.6~12': a period, not one date


def test_keit_ai_product_rnd_plan_material_bought_in_grams():
    # Printed page 58, 8-3 (2) 연구재료 구입비: 구입량(g) '1,000g' of Fe계 금속파우더 (was text).
    _, cells = table_with(facts_of("keit_ai_product_rnd_business_plan_2026.pdf"), "Fe계 금속파우더")
    assert (cells[(1, 4)].kind, cells[(1, 4)].unit, cells[(1, 4)].value) == ("number", "g", 1000)


def test_keit_ai_product_rnd_plan_blank_form_rows_are_body():
    # Printed page 67, 별첨5 3. 연구실운영비(품목): one shaded header row 구분 | 분류 | 수량(G) |
    # 단가(H) | 금액, over rows of shaded labels beside white boxes ('1단계 | 1차년도 | □ …',
    # '1. | 품목명 | □ …'), which were 5 more header rows; 2. 연구실운영비(금액)'s row '단계 |
    # 전체기간 | (사용불가) | □ …' titles its stages '1' … 'n' (a code, not 1,000원).
    facts = facts_of("keit_ai_product_rnd_business_plan_2026.pdf")
    info, cells = table_with(facts, "금액 (I=G×H)")
    assert info.header_rows == 1 and not cells[(1, 0)].is_header
    info, cells = table_with(facts, "연구실 운영에 필요한 소모성 비용")
    assert info.header_rows == 1
    assert (cells[(2, 0)].kind, cells[(2, 0)].amount) == ("code", None)


def test_kepco_kps_genai_rfp_schedule_header_is_two_rows():
    # hwp5proc xml, Ⅱ.4.나. 추진일정: 구 분 | 사업기간(6개월) over M … M+5, then each task's
    # three blank lines (shaded task cells beside white boxes were 3 more header rows).
    info, _ = table_with(facts_of("kepco_kps_genai_pilot_rfp_2025.hwp"), "사업기간(6개월)")
    assert info.header_rows == 2


def test_fis_issue_22_2_chart_tables_take_their_captions_units():
    # Page 4 (printed 06), '<표 1> 최근 5년간 성과관리 대상 사업 규모 추이 (조원, %)' over a chart
    # then its figures' table: 총지출(추경) 411.4 … 613.4 조원, 비율 62.0 … 56.5 %; page 5
    # (printed 08) '<표 4> … (개, %)': 단위사업 1,769 개, 달성률 78.6 %. All were unitless.
    facts = facts_of("fis_issue_22-2_performance_mgmt.pdf")
    info, cells = table_with(facts, "411.4")
    assert info.caption == "<표 1> 최근 5년간 성과관리 대상 사업 규모 추이"
    assert (cells[(1, 1)].kind, cells[(1, 1)].amount) == ("money", 411_400_000_000_000)
    assert (cells[(3, 5)].kind, cells[(3, 5)].unit, cells[(3, 5)].value) == ("ratio", "%", 56.5)
    _, cells = table_with(facts, "1,769")
    assert [(cells[(1, c)].kind, cells[(1, c)].unit) for c in (1, 4)] == [
        ("count", "개"),
        ("ratio", "%"),
    ]


def test_fis_issue_22_2_self_assessment_results_in_eok_won_by_column_labels():
    # Page 6 (printed 10) <표 7> 2021년도 주요 부처의 재정사업자율평가 결과: '예산액 (억원, A)'
    # 국방부 160,927 and '지출구조 조정 (억원, D)' 1,531 (money of no scale before), '사업수 >
    # (개, B)' 37 (a bare number before).
    _, cells = table_with(facts_of("fis_issue_22-2_performance_mgmt.pdf"), "160,927")
    assert (cells[(2, 1)].unit, cells[(2, 1)].amount) == ("억원", 16_092_700_000_000)
    assert (cells[(2, 6)].kind, cells[(2, 6)].amount) == ("money", 153_100_000_000)
    assert (cells[(2, 2)].kind, cells[(2, 2)].unit) == ("count", "개")


def test_kwater_dr_center_rfp_agreement_form_states_no_unit():
    # hwp5proc xml, [별지 제 3 호 서식] 합 의 각 서: its table follows the 협정서's signature line
    # '○○○    (인)', the seal's place, which made '인' (persons) the table's unit.
    info, _ = table_with(facts_of("kwater_dr_center_rfp_2004_hwp5.hwp"), "입찰공고번호")
    assert info.unit is None


def test_kwater_dr_center_rfp_maintenance_form_caption_is_its_title():
    # hwp5proc xml, 【양식 9】 over '도입장비 유지보수 요율 및 금액' over '<단위:천원/년간비용>':
    # the caption was '<', what the unit statement left.
    info, _ = table_with(facts_of("kwater_dr_center_rfp_2004_hwp5.hwp"), "유지보수 금액(년)")
    assert (info.caption, info.unit) == ("도입장비 유지보수 요율 및 금액", "천원")


def test_kwater_dr_center_rfp_equipment_counted_in_sets():
    # hwp5proc xml, Ⅴ.1. 도입 장비내역 총괄표: 수량 '1식', '2식', 소계 '6식', 합계 '13식' (were text).
    _, cells = table_with(facts_of("kwater_dr_center_rfp_2004_hwp5.hwp"), "증설")
    got = [(cells[(r, 2)].kind, cells[(r, 2)].unit, cells[(r, 2)].value) for r in (3, 14, 15)]
    assert got == [("count", "식", 2), ("count", "식", 7), ("count", "식", 13)]


def test_kwater_dr_center_rfp_evaluation_ratio_table_in_points():
    # hwp5proc xml, 【별표1】기술제안서 평가 및 입찰가격 평가 비율: '배 점' 계 100, 기술능력 평가 80,
    # 입찰가격 평가 20 (were ratios, by the caption's 비율; the header spaces its 배점).
    _, cells = table_with(
        facts_of("kwater_dr_center_rfp_2004_hwp5.hwp"), "제안참가신청시 제출한 제안서"
    )
    assert [(cells[(r, 2)].kind, cells[(r, 2)].value) for r in (1, 2, 3)] == [
        ("number", 100),
        ("number", 80),
        ("number", 20),
    ]


def test_kwater_dr_center_rfp_points_whatever_their_row_evaluates():
    # hwp5proc xml, <별첨1> 기술제안서 평가항목 및 배점표, 배점 column: '- 사업수행실적의 규모 및
    # 건수 | 3' was 3 건, '목표 아키텍쳐 구성방안 및 실행 … | 3' and two '10' rows ratios.
    _, cells = table_with(
        facts_of("kwater_dr_center_rfp_2004_hwp5.hwp"), "- 사업수행실적의 규모 및 건수"
    )
    got = [(cells[(r, 3)].kind, cells[(r, 3)].unit, cells[(r, 3)].value) for r in (2, 7, 11)]
    assert got == [("number", None, 3), ("number", None, 3), ("number", None, 10)]


def test_kwater_dr_center_rfp_servers_bought_in_year_and_month():
    # hwp5proc xml, Ⅵ.2. 전산기 보유현황: 도입시기 (년/월) '2002/10', '1997/12' … (were text).
    _, cells = table_with(facts_of("kwater_dr_center_rfp_2004_hwp5.hwp"), "SUN Fire 6800")
    assert [(cells[(r, 7)].text, cells[(r, 7)].kind) for r in (2, 3)] == [
        ("2002/10", "date"),
        ("1997/12", "date"),
    ]


def test_nts_tax_ruling_form_sheet_has_no_header():
    # hwp5proc xml: the 질의회신 sheet is a 13×38 grid whose first and last rows are empty
    # spacers around '[문서번호] | 사전-2021-법령해석법인-0344(2021.06.21)' … (row 0 was a header).
    info, cells = table_with(facts_of("nts_tax_ruling_corporate_filing.hwp"), "[문서번호]")
    assert info.header_rows == 0 and not cells[(2, 0)].is_header


def test_gov_award_nomination_forms_screening_dashes_in_word_columns_are_text():
    # hwp5proc xml, 별표1 정부포상 추천자 현황 《예시》 rows: 추천제한 조회결과 '무' | '-' |
    # '중대재해 (06-216호)' (the ※ note: '-' where not subject to checking, '무' where clear);
    # the dashes were numbers of no value.
    _, cells = table_with(facts_of("gov_award_nomination_forms_2016.hwp"), "이몽룡")
    assert [(cells[at].text, cells[at].kind) for at in [(7, 12), (8, 6), (8, 7)]] == [
        ("-", "text"),
        ("-", "text"),
        ("-", "text"),
    ]
    _, cells = table_with(
        facts_of("budget_program_motie_energy_voucher.pdf"), "예비비 배정 사유(날짜)"
    )
    assert cells[(2, 4)].kind == "text"  # 합 계 row's 예비비 배정 사유 '-' (was a date)


def test_april19_cemetery_festival_rfp_배점표_has_one_header_row():
    # section1.xml, 아. 배점표(총괄): '구 분' (2 columns) | 평 가 사 항 | 세 부 내 용 over '기술능력
    # 평가 (90)' (7 rows) | '객관적 평가 (20)' (3 rows) | '(1) 근무인력 보유상태 (6점)' | 'ㅇ 근무인력
    # 현황': labels grouping the body's rows under '구 분', not a subdivision of it.
    info, cells = table_with(
        facts_of("april19_cemetery_festival_rfp.hwpx"), "(1) 근무인력 보유상태 (6점)"
    )
    assert info.header_rows == 1
    assert not cells[(1, 0)].is_header and not cells[(1, 2)].is_header


def test_april19_cemetery_festival_rfp_세부내역서_수량_are_counts():
    # section1.xml, 세부내역서 example: 구 분 | 규격 | 수량 | 단가 | 합계 | 비고, its 수량 '1' (대형
    # 현수막, 11m×8m), '200' (가로등 배너), '50' (현수막): counts of items, no counter printed.
    info, cells = table_with(facts_of("april19_cemetery_festival_rfp.hwpx"), "행사기획")
    assert [(cells[(r, 3)].kind, cells[(r, 3)].value) for r in (5, 6, 7)] == [
        ("count", 1),
        ("count", 200),
        ("count", 50),
    ]
    # '기획 | 행사기획' then blanks under 규격 … 비고: the form's first body row, no header row.
    assert info.header_rows == 1 and not cells[(1, 1)].is_header


def test_military_purchase_spec_기술자료_counts_in_their_단위_column():
    # section0.xml, 4.3 기술 자료: 품명 | 단위 | 총 수량 | 비고 over '운용자 매뉴얼 | EA | 3 | …':
    # the 단위 column prints each row's counter.
    _, cells = table_with(facts_of("military_purchase_spec_2026.hwpx"), "운용자 매뉴얼")
    assert [(cells[(r, 2)].kind, cells[(r, 2)].unit, cells[(r, 2)].value) for r in (1, 6)] == [
        ("count", "EA", 3),
        ("count", "EA", 3),
    ]


def test_military_purchase_spec_부속장비_set_row_counts_sets():
    # section0.xml, <표 3> 부속장비: '캐스터(3 EA/SET) | SET | 1 | 3' — the name's 'EA/SET' says
    # what a set holds, no quotient of lettered columns '(A/B)'.
    _, cells = table_with(facts_of("military_purchase_spec_2026.hwpx"), "캐스터(3 EA/SET)")
    assert [(cells[(2, c)].kind, cells[(2, c)].unit, cells[(2, c)].value) for c in (2, 3)] == [
        ("count", "SET", 1),
        ("count", "SET", 3),
    ]


def test_mfds_admin_notice_별지_제1호서식_takes_no_sentence_as_caption():
    # section1.xml ends the 고시안 with '부      칙' / '이 고시는 고시한 날부터 시행한다.'; the form
    # in section2.xml ('■ … [별지 제1호서식]' / '… 의료기기 추천서') is named inside itself.
    info, _ = table_with(facts_of("mfds_admin_notice_2025.hwpx"), "추천사유")
    assert info.caption is None


def test_a_label_spanning_the_rows_under_its_own_header_opens_the_body():
    """A first-column label spanning rows down from right under that column's own header cell
    opens the body, even beside labels that look like headers. Read off the page images:"""
    # budget_program_motie_energy_voucher.pdf page 1, '□ 사업 담당자': '사업명 | 구분' is the
    # header; '에너지 바우처' (4 rows) beside '실·국·과(팀) | 과 장 | 사무관 | 주무관' is body.
    info, cells = table_with(facts_of("budget_program_motie_energy_voucher.pdf"), "박은표")
    assert info.header_rows == 1 and not cells[(1, 0)].is_header
    # keit_ai_product_rnd_business_plan_2026.pdf page 59, '(1) 총괄표': '비목 | 항목 | 1차년도
    # | 2차년도 | 합계' over '20xx | 20xx'; '직접비' (17 rows) opens the body.
    info, cells = table_with(
        facts_of("keit_ai_product_rnd_business_plan_2026.pdf"), "총 인건비(E1=A+B+C+D)"
    )
    assert info.header_rows == 2 and not cells[(2, 0)].is_header
