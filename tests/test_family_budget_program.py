"""The 예산 사업설명자료 family: program code, hierarchy and 총괄표 amounts of each budget program
description in the corpus, with values read from the printed pages by hand; plus the header →
(year, stage) logic on hand-made tables."""

from __future__ import annotations

import pytest
from conftest import CORPUS

from kplan.parsers import parse_file
from kplan.parsers.model import Cell, Document, Paragraph, Table
from kplan.rules import extract
from kplan.rules.families import budget_program as bp
from kplan.rules.families import classify
from kplan.rules.lines import document_stream

REPORTS = CORPUS / "reports"
M = 1_000_000  # 백만원

# file stem → (code, name, ministry, account, program, unit_program, detail_program,
#               총괄표 page, {(year, stage): amount in 백만원 as printed})
EXPECTED = {
    "budget_program_moel_learning_card": (
        "1131-300",
        "내일배움카드(일반)",
        "고용노동부",
        "일반회계",
        "1100 직업능력개발",
        "1131 실업자등능력개발지원",
        "300 내일배움카드(일반)",
        1,
        {
            (2022, "결산"): 322_799,
            (2023, "본예산"): 518_815,
            (2024, "정부안"): 584_906,
            (2024, "확정"): 584_906,
        },
    ),
    "budget_program_mohw_livelihood_benefit": (
        "1131-300",
        "생계급여",
        "보건복지부",
        "일반회계",
        "1100 기초생활보장",
        "1131 기초생활급여",
        "300 생계급여",
        1,
        {
            (2022, "결산"): 5_386_007,
            (2023, "본예산"): 6_014_148,
            (2024, "정부안"): 7_541_072,
            (2024, "확정"): 7_541_072,
        },
    ),
    "budget_program_mohw_senior_jobs": (
        "2139-302",
        "노인일자리 및 사회활동지원",
        "보건복지부",
        "일반회계",
        "2100 노인생활안정",
        "2139 노인일자리지원",
        "302 노인일자리 및 사회활동지원",
        1,
        {
            (2022, "결산"): 1_438_070,
            (2023, "본예산"): 1_540_016,
            (2024, "정부안"): 2_026_170,
            (2024, "확정"): 2_026_370,
        },
    ),
    "budget_program_mohw_parent_benefit": (
        "3143-300",
        "부모급여(영아수당) 지원",
        "보건복지부",
        "일반회계",
        "3100 보육지원강화",
        "3143 부모급여(영아수당) 지원",
        "300 부모급여(영아수당) 지원",
        1,
        {
            (2022, "결산"): 341_751,
            (2023, "본예산"): 1_621_454,
            (2024, "정부안"): 2_888_694,
            (2024, "확정"): 2_888_694,
        },
    ),
    "budget_program_motie_energy_voucher": (
        "5146-301",
        "에너지바우처",
        "산업통상자원부",
        "에너지및자원사업특별회계",
        "5100 에너지자원정책",
        "5146 에너지복지지원",
        "301 에너지바우처",
        2,
        {
            (2022, "결산"): 230_556,
            (2023, "본예산"): 190_963,
            (2024, "정부안"): 685_606,
            (2024, "확정"): 685_606,
        },
    ),
    "budget_program_mss_startup_commercialization": (
        "5132-302",
        "창업사업화지원",
        "중소벤처기업부",
        "일반회계",
        "5100 창업환경조성",
        "5132 창업활성화지원",
        "302 창업사업화지원",
        1,
        {
            (2022, "결산"): 432_824,
            (2023, "본예산"): 388_910,
            (2023, "추경"): 388_910,
            (2024, "확정"): 377_656,
        },
    ),
    "budget_program_molit_small_housing_renewal": (
        "1520-301",
        "소규모주택정비사업",
        "국토교통부",
        "주택도시기금",
        "1500 도시재생활성화",
        "1520 도시기능증진지원",
        "301 소규모주택정비사업",
        2,
        {
            (2022, "결산"): 341_802,
            (2023, "당초"): 467_600,
            (2023, "수정"): 489_100,
            (2024, "정부안"): 413_600,
            (2024, "확정"): 413_600,
        },
    ),
    "budget_program_molit_happy_housing_investment": (
        "1440-408",
        "행복주택출자",
        "국토교통부",
        "주택도시기금",
        "1400 임대주택지원(출자)",
        "1440 임대주택지원",
        "408 행복주택출자",
        1,
        {
            (2022, "결산"): 564_342,
            (2023, "당초"): 684_607,
            (2023, "수정"): 461_607,
            (2024, "정부안"): 532_913,
            (2024, "확정"): 528_783,
        },
    ),
}


@pytest.fixture(scope="module")
def corpus_facts():
    cache = {}

    def facts(stem: str):
        if stem not in cache:
            doc = parse_file(REPORTS / f"{stem}.pdf")
            assert doc.status == "ok", (stem, doc.error, doc.error_message)
            cache[stem] = extract(doc)
        return cache[stem]

    return facts


@pytest.mark.corpus
@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_program_and_hierarchy(corpus_facts, stem):
    code, name, ministry, account, program, unit, detail, _, _ = EXPECTED[stem]
    facts = corpus_facts(stem)
    assert facts.family == "budget_program"
    assert [p[:7] for p in facts.budget_programs] == [
        (code, name, ministry, account, program, unit, detail)
    ]
    assert facts.budget_programs[0].page == 1


@pytest.mark.corpus
@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_summary_amounts(corpus_facts, stem):
    code, *_, page, amounts = EXPECTED[stem]
    facts = corpus_facts(stem)
    got = {(a.fiscal_year, a.stage): a.amount for a in facts.budget_amounts}
    assert got == {key: value * M for key, value in amounts.items()}
    assert len(facts.budget_amounts) == len(amounts)
    assert {(a.program_code, a.page) for a in facts.budget_amounts} == {(code, page)}


@pytest.mark.corpus
@pytest.mark.parametrize(
    "name",
    [
        "moel_2025_work_report.hwpx",
        "mosf_fiscal_stats_2010_01.hwp",
        "nikl_2022_work_plan.hwp",
        "mois_2025_work_report.hwp",
        "public_data_quality_plan_2025.hwp",
        "digital_gov_innovation_plan_2019.hwp",
    ],
)
def test_other_reports_are_not_budget_programs(name):
    """Reports with budget tables of their own (억원 tables, 예산 현황) are not this family."""
    stream = document_stream(parse_file(REPORTS / name))
    assert bp.signature(stream) == 0.0
    assert classify(stream) is not bp


@pytest.mark.parametrize("fmt", ["txt", "pdf"])
def test_seoul_sample_stays_training_plan(sample_facts, fmt):
    facts = sample_facts(fmt)
    assert facts.family == "training_plan"
    assert facts.budget_programs == [] and facts.budget_amounts == []


# ---------------------------------------------------------------- hand-made tables


def table(rows: list[list], n_cols: int | None = None) -> Table:
    """Rows of cells: a str is a 1×1 cell, a tuple (text, rowspan, colspan), None is covered."""
    cells = []
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            text, rowspan, colspan = (value, 1, 1) if isinstance(value, str) else value
            cells.append(Cell(r, c, text, rowspan, colspan))
    return Table(cells, len(rows), n_cols or max(len(r) for r in rows), page=1)


def columns(t: Table) -> list[tuple[int, int, str]]:
    return [tuple(c) for c in bp.amount_columns(t)]


def test_year_cell_spanning_stages_and_year_with_stage_in_one_cell():
    t = table(
        [
            [
                ("사업명", 2, 1),
                ("2022년\n결산", 2, 1),
                ("2023년 예산\n본예산(A)", 2, 1),
                ("2024년", 1, 2),
                None,
                ("증감\n(B-A)", 2, 1),
                "",
            ],
            [None, None, None, "정부안", "확정(B)", None, "(B-A)/A"],
            ["내일배움카드(일반)", "322,799", "518,815", "584,906", "584,906", "66,091", "12.7"],
        ]
    )
    assert bp.header_rows(t) == 2
    assert columns(t) == [
        (1, 2022, "결산"),
        (2, 2023, "본예산"),
        (3, 2024, "정부안"),
        (4, 2024, "확정"),
    ]


def test_fund_plan_stages_and_national_assembly_confirmation():
    t = table(
        [
            [
                ("목명", 2, 1),
                ("2022년\n결산", 2, 1),
                ("2023년 계획", 1, 2),
                None,
                ("2024년", 1, 2),
                None,
                ("증감\n(B-A)", 2, 1),
                "",
            ],
            [None, None, "당초(A)", "수정", "정부안", "국회확정(B)", None, "(B-A)/A"],
            ["융자금", "341,802", "467,600", "489,100", "413,600", "413,600", "0", "△11.5"],
        ]
    )
    assert columns(t) == [
        (1, 2022, "결산"),
        (2, 2023, "당초"),
        (3, 2023, "수정"),
        (4, 2024, "정부안"),
        (5, 2024, "확정"),
    ]


def test_year_cell_cut_short_by_a_missing_rule_still_covers_its_stages():
    # The extraction lost the rule that made '2024' span two columns: its right half is a
    # blank cell of its own. Years as ’22 and bare 2023 are read too.
    t = table(
        [
            ["구분", "’22", "2023", "2024", "", "증감"],
            ["", "결산", "추경", "정부안", "확정", ""],
            ["합계", "1", "2", "3", "4", "1"],
        ]
    )
    assert columns(t) == [
        (1, 2022, "결산"),
        (2, 2023, "추경"),
        (3, 2024, "정부안"),
        (4, 2024, "확정"),
    ]


def test_generic_stage_only_when_no_specific_one_and_ratio_columns_skipped():
    t = table(
        [
            ["사업명", "2023 예산", "2024 계획", "전년 대비", "비율(%)"],
            ["가", "1", "2", "1", "50"],
        ]
    )
    assert columns(t) == [(1, 2023, "예산"), (2, 2024, "계획")]


def test_amounts_apply_the_unit_and_keep_dashes_as_none():
    assert bp.parse_amount("1,438,070", M) == (True, 1_438_070 * M)
    assert bp.parse_amount("△11,254", M) == (True, -11_254 * M)
    assert bp.parse_amount("12.5", 100_000_000) == (True, 1_250_000_000)
    assert bp.parse_amount("-", M) == (True, None)
    assert bp.parse_amount("노인일자리", M) == (False, None)


def _program_blocks(
    summary: Table,
    unit_line: str = "(단위: 억원, %)",
    detail="501",
    name="시험사업",
    accounts_first=True,
) -> list:
    title = table([["사 업 명"], [f"(5) {name} (1234-{detail})"]])
    accounts = table(
        [
            ["구분", "회계", "소관", "실국(기관)", "계정", "분야", "부문"],
            [
                "코드",
                ("11\n일반회계", 2, 1),
                ("23\n보건복\n지부", 2, 1),
                ("정책실", 2, 1),
                ("", 2, 1),
                "080",
                "081",
            ],
            ["명칭", None, None, None, None, "사회복지", "복지"],
        ]
    )
    levels = table(
        [
            ["구분", "프로그램", "단위사업", "세부사업"],
            ["코드", "1200", "1234", detail],
            ["명칭", "시험프로그램", "시험단위", name],
        ]
    )
    codes = [accounts, levels] if accounts_first else [levels, accounts]
    return [
        title,
        Paragraph("1. 사업 코드 정보", 1),
        *codes,
        Paragraph("3. 예산 총괄표", 1),
        Paragraph(unit_line, 1),
        summary,
    ]


def _document(summary: Table, unit_line: str = "(단위: 억원, %)") -> Document:
    return Document("test.pdf", "pdf", _program_blocks(summary, unit_line), pages=1)


def test_several_rows_take_the_program_row_in_억원():
    summary = table(
        [
            [("사업명", 2, 1), ("2023년", 1, 2), None, ("2024년", 1, 1), ("증감", 2, 1)],
            [None, "본예산", "추경", "정부안", None],
            ["합계", "30", "31", "40", "10"],
            ["시험사업", "20.5", "21", "25", "4.5"],
            ["기타사업", "9.5", "10", "15", "5.5"],
        ]
    )
    facts = extract(_document(summary))
    assert facts.family == "budget_program"
    assert facts.budget_programs[0][:7] == (
        "1234-501",
        "시험사업",
        "보건복지부",
        "일반회계",
        "1200 시험프로그램",
        "1234 시험단위",
        "501 시험사업",
    )
    assert [(a.fiscal_year, a.stage, a.amount) for a in facts.budget_amounts] == [
        (2023, "본예산", 2_050_000_000),
        (2023, "추경", 2_100_000_000),
        (2024, "정부안", 2_500_000_000),
    ]


def test_total_row_when_no_row_is_named_after_the_program():
    summary = table(
        [
            ["구분", "2023 결산", "2024 정부안"],
            ["- 가 내역", "1", "2"],
            ["합 계", "3", "4"],
        ]
    )
    facts = extract(_document(summary, "(단위: 백만원)"))
    assert [(a.fiscal_year, a.stage, a.amount) for a in facts.budget_amounts] == [
        (2023, "결산", 3 * M),
        (2024, "정부안", 4 * M),
    ]


def test_a_summary_left_as_lines_takes_no_later_parts_table():
    # A 총괄표 the reader left as lines (`pdftotext -layout` of
    # budget_program_molit_happy_housing_investment.pdf p.1: its '2022   년' header spaced
    # apart): the next table is under '□ 기능별 내역사업별 목별 계획 내역', another part's, its
    # figures other years' (p.3's 연도별 추경 came back as the program's budget: 2020-2024 추경).
    later = table(
        [
            ["구분", "2020 추경", "2021 추경"],
            ["시험사업", "1,267,123", "1,105,291"],
        ]
    )
    blocks = _program_blocks(later, "(단위: 백만원)")
    summary_lines = [
        Paragraph("          2022   년       2023  년 계획", 1),
        Paragraph("출자금 등       564,342     684,607", 1),
        Paragraph("□ 기능별 내역사업별 목별 계획 내역", 1),
    ]
    blocks = blocks[:-1] + summary_lines + blocks[-1:]
    facts = extract(Document("test.txt", "txt", blocks, pages=1))
    assert facts.family == "budget_program"
    assert [p.program_code for p in facts.budget_programs] == ["1234-501"]
    assert facts.budget_amounts == []


def test_header_and_rows_split_into_two_tables_are_joined():
    header = table(
        [
            [("사업명", 2, 1), ("2023년", 1, 2), None],
            [None, "당초", "수정"],
        ]
    )
    body = table([["시험사업", "1,000", "-"]])
    doc = _document(header, "(단위: 백만원)")
    doc.blocks.append(body)
    facts = extract(doc)
    assert [(a.fiscal_year, a.stage, a.amount) for a in facts.budget_amounts] == [
        (2023, "당초", 1_000 * M),
        (2023, "수정", None),
    ]


def test_two_programs_in_one_book_each_get_their_own_table():
    first = _program_blocks(table([["사업명", "2024 확정"], ["시험사업", "7"]]), "(단위: 백만원)")
    # The second program prints its 회계/소관 table after its 단위사업/세부사업 table.
    second = _program_blocks(
        table([["사업명", "2024 확정"], ["다른사업", "9"]]),
        "(단위: 백만원)",
        detail="502",
        name="다른사업",
        accounts_first=False,
    )
    facts = extract(Document("book.pdf", "pdf", first + second))
    assert [(p.program_code, p.program_name, p.account) for p in facts.budget_programs] == [
        ("1234-501", "시험사업", "일반회계"),
        ("1234-502", "다른사업", "일반회계"),
    ]
    assert [(a.program_code, a.amount) for a in facts.budget_amounts] == [
        ("1234-501", 7 * M),
        ("1234-502", 9 * M),
    ]


def test_no_code_table_no_family():
    doc = Document(
        "x.pdf",
        "pdf",
        [Paragraph("3. 예산 총괄표", 1), table([["사업명", "2024 확정"], ["가", "1"]])],
    )
    assert bp.signature(document_stream(doc)) == 0.0


def test_next_heading_is_a_heading_not_a_figure_nor_a_sub_heading_of_the_summary():
    # Review of 38443bf: the 총괄표 search stops at the next part's heading only.
    for heading in ("4. 사업목적·내용", "□ 기능별 내역사업별 목별 계획 내역", "나. 세부내역"):
        assert bp.NEXT_HEADING_RE.match(heading), heading
    for line in ("12.5% 증가", "1.5배 확대", "(1) 총괄", "① 총괄표", "(단위: 백만원, %)"):
        assert not bp.NEXT_HEADING_RE.match(line), line
