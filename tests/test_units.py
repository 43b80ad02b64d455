"""Units a table states, and what each makes of a figure (rules/units.py)."""

from decimal import Decimal

import pytest

from kplan.rules.units import caption_units, label_unit, read_unit, statement_units


def texts(units):
    return [u.text for u in units]


@pytest.mark.parametrize(
    "text,units",
    [
        ("(단위 : 백만원, %)", ["백만원", "%"]),
        ("(단위: 천원, ’25. 1. 10.기준)", ["천원"]),
        ("[단위 : 천 원]", ["천원"]),
        ("(단위: 억 달러, 전년동기 대비 %)", ["억달러", "%"]),
        ("단위: 명", ["명"]),
        ("단위 조원·%", ["조원", "%"]),
        ("사업 추진 현황", []),
    ],
)
def test_statement_units(text, units):
    assert texts(statement_units(text)) == units


@pytest.mark.parametrize(
    "text,units",
    [
        ("< 분기별 해외직접투자액 추이(억 달러, 전년동기 대비, %) >", ["억달러", "%"]),
        ("<표 3> 중앙정부와 지방자치단체의 예산규모 비교 (조원, %)", ["조원", "%"]),
        ("사업 추진(2023년)", []),  # a year in brackets is no unit list
        ("교육 운영 (3과정)", []),
        ("기관 현황(명)", ["명"]),
        ("○○○    (인)", []),  # kwater_dr_center's 합의각서: where the signer sets the seal
        ("주관책임자 :            (인)", []),
    ],
)
def test_caption_units(text, units):
    assert texts(caption_units(text)) == units


@pytest.mark.parametrize(
    "text,unit",
    [
        ("예산액(억원)", "억원"),
        ("금 규모(조원)", "조원"),
        ("%", "%"),
        ("억원", "억원"),
        ("인원 (명)", "명"),
        ("참여율(%) (B)", "%"),
        ("(450-04)", None),
        ("유지보수 금액(년)", None),
        ("2025 본예산 (A)", None),
        ("예산액 (억원, A)", "억원"),  # fis 22-2 <표 7>: a unit beside its column's letter
        ("사업수 (개, B)", "개"),
        ("비중 (A, B)", None),
    ],
)
def test_label_unit(text, unit):
    found = label_unit(text)
    assert (found.text if found else None) == unit


def test_units_know_their_kind_and_scale():
    assert read_unit("백만 원")[1:] == ("money", Decimal(1_000_000), "KRW")
    assert read_unit("억달러")[1:] == ("money", Decimal(100_000_000), "USD")
    assert read_unit("%p").kind == "ratio"
    assert read_unit("억 어절")[1:3] == ("count", Decimal(100_000_000))
    assert read_unit("개월").kind == "count"
    assert read_unit("TB") is None


@pytest.mark.parametrize(
    "line, caption",
    [
        # fis_issue_22-4 <표 5>: the caption closes its own bracket.
        (
            "<표 5> 중앙정부의 지방재정조정을 위한 재원이전 추이(2013~2022)",
            "<표 5> 중앙정부의 지방재정조정을 위한 재원이전 추이(2013~2022)",
        ),
        ("예산 현황 (단위 : 백만원, %)", "예산 현황"),
        ("(단위: 억원)", ""),
        ("(예산 현황)", "(예산 현황)"),
        ("<단위:천원/년간비용>", ""),  # kwater_dr_center 【양식 9】: no caption left, not '<'
        ("□", ""),
    ],
)
def test_caption_text_keeps_the_brackets_the_caption_closes(line, caption):
    from kplan.rules.tables import caption_text

    assert caption_text(line) == caption
