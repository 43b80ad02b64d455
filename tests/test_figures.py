"""The one reader of printed figures, and the three views the rules take of it."""

from decimal import Decimal

import pytest

from kplan.rules.families.budget_program import parse_amount
from kplan.rules.figures import Figure, read_figure
from kplan.rules.normalize import is_amount_token, parse_number
from kplan.rules.tables import parse_cell_number


@pytest.mark.parametrize(
    "text,figure",
    [
        ("1,234", Figure(Decimal(1234), None, False, True)),
        ("△1,200", Figure(Decimal(-1200), None, False, True)),
        ("▽ 3", Figure(Decimal(-3), None, False, True)),
        ("-1,234.5", Figure(Decimal("-1234.5"), None, False, False)),
        ("(56.5)", Figure(Decimal("56.5"), None, True, False)),
        ("12.5%", Figure(Decimal("12.5"), "%", False, False)),
        ("1,234 억원", Figure(Decimal(1234), "억원", False, True)),
        ("358\n명", Figure(Decimal(358), "명", False, True)),
    ],
)
def test_figures(text, figure):
    assert read_figure(text) == figure


@pytest.mark.parametrize(
    "text,value,suffix,sub,sub_suffix",
    [
        ("317,500\n(31,800)", "317500", None, "31800", None),  # MOLIT 목별: 추경 amount
        ("341,802 [341,802]", "341802", None, "341802", None),  # 집행액 [실집행액]
        ("50,000\n(-12,100)", "50000", None, "-12100", None),
        ("672,260\n(100%)", "672260", None, "100", "%"),  # FIS 〈표 5〉: a share
        ("450,978)\n(56.4%)", "450978", None, "56.4", "%"),  # a stray ')' as printed
        ("2,000백만 원", "2000", "백만원", None, None),  # a space inside the unit
        ("△12억원", "-12", "억원", None, None),
        ("△ 9,584", "-9584", None, None, None),
        ("(△1.34)", "-1.34", None, None, None),
        ("0.31억 어절", "0.31", "억어절", None, None),
        ("최대 2%p", "2", "%p", None, None),
        ("(+) 2,000,000", "2000000", None, None, None),  # LH 전환보증금: a limit up or down
        ("(-) 1,000,000", "-1000000", None, None, None),
        ("100점\n(40%)", "100", "점", "40", "%"),  # school_subject 영역 만점 (반영비율)
        ("47.2 m", "47.2", "m", None, None),  # msit 누리호 총 길이, 이륙 중량, 단 수
        ("52.1 톤", "52.1", "톤", None, None),
        ("3단", "3", "단", None, None),
        ("1,177p", "1177", "p", None, None),  # kepco_kps RFP 절차서 pages, 'P' as 'p'
        ("1,570P", "1570", "p", None, None),
        ("1,000g", "1000", "g", None, None),  # keit 8-3 연구재료 구입량
        ("13식", "13", "식", None, None),  # kwater_dr_center 도입장비: sets of equipment
    ],
)
def test_compound_figures(text, value, suffix, sub, sub_suffix):
    figure = read_figure(text)
    assert (figure.value, figure.suffix, figure.sub_value, figure.sub_suffix) == (
        Decimal(value),
        suffix,
        Decimal(sub) if sub else None,
        sub_suffix,
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "-",
        "－",
        "1,23",
        "12,3456",
        "약 1TB",
        "2과정, 358명",
        "1-1-1",
        "1.2.3",
        "080",
        "04514",
        "00백만원",
        "(1,234 (56)",
        "(-)",
        "(+)",
        "1단계",
    ],
)
def test_not_one_figure(text):
    assert read_figure(text) is None


def test_the_budget_line_view_takes_whole_amounts_only():
    assert parse_number("1,078,028") == 1078028
    assert parse_number("△120") == -120
    assert parse_number(" - ") is None
    for text in ("12.5", "(56)", "3명", "합계"):
        with pytest.raises(ValueError, match="not a number"):
            parse_number(text)
    assert [is_amount_token(t) for t in ("-", "1,000", "", "1.5")] == [True, True, False, False]


def test_the_table_view_keeps_decimals_and_suffixes():
    assert parse_cell_number("12.5%") == (12.5, "%")
    assert parse_cell_number("(56.5)") == (56.5, None)
    assert parse_cell_number("-") == (None, None)


def test_the_program_view_applies_the_unit_and_refuses_shares():
    assert parse_amount("1,438,070", 1_000_000) == (True, 1_438_070_000_000)
    assert parse_amount("△11,254.5", 1000) == (True, -11_254_500)
    assert parse_amount("-", 1000) == (True, None)
    assert parse_amount("(47.8)", 1000) == (False, None)
    assert parse_amount("10%", 1000) == (False, None)
