"""How a printed figure reads, for every rule: one reader for '1,234', '△120', '12.5%',
'(56.5)', '1,234억원', '2,000백만 원', '317,500 (31,800)', and the dash that stands for no
figure; and the labels of total rows.

Korean tables write negatives with △/▲/▽ (or '-'), put shares and 'of which' figures in
parentheses — so '(56.5)' is 56.5, not a negative — and print '-' where there is nothing.
A figure may carry a second one in brackets under or after it: '317,500\\n(31,800)' (a 추경
or 증감 amount), '341,802 [341,802]' (실집행액), '2,106,784\\n(100)' (a share). The main figure
is the cell's value; the bracketed one is kept as printed (`sub_value`), its meaning being the
table's to say.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

import regex

from .memo import memoized

# A cell printed as a dash holds no figure (zero, or not applicable).
DASHES = frozenset({"-", "–", "—", "－", "‐"})
# Labels of a row or column that sums the others, in every rule set; the generic checks add
# a few of their own (table_checks.TOTAL_LABELS).
TOTAL_LABELS = frozenset({"합계", "총계", "계", "총합계"})

# Units and counters a figure may carry; a space inside ('백만 원', '억 달러') is allowed.
_SUFFIXES = (
    "%p",
    "%",
    "‰",
    "조원",
    "십억원",
    "천억원",
    "백억원",
    "억원",
    "천만원",
    "백만원",
    "십만원",
    "만원",
    "천원",
    "원",
    "억달러",
    "백만달러",
    "천달러",
    "만달러",
    "달러",
    "명",
    "건",
    "개소",
    "개월",
    "개",
    "가구",
    "세대",
    "호",
    "대",
    "회",
    "배",
    "과정",
    "차시",
    "교",
    "편",
    "종",
    "곳",
    "식",  # sets: '1식' of equipment
    "인",
    "일",
    "시간",
    "점",  # points: '100점 (40%)', a 영역 만점 and its share
    "단",  # stages: '3단'
    # Pages: '1,177p', '1,570P' (a manual's length), '12쪽'.
    "페이지",
    "쪽",
    "p",
    "P",
    # Measures: '47.2 m', '200 톤' (a launcher's length and mass).
    "톤",
    "㎡",
    "m²",
    "㎢",
    "㎞",
    "km",
    "kg",
    "g",  # '1,000g' of a research material
    "m",
)
# Counters and measures may be counted in 만 or 억: '0.31억 어절', '3만 명', '1.2억 달러'.
_COUNTED = ("명", "건", "개", "가구", "세대", "회", "어절", "달러", "톤", "㎡")
_SUFFIX_RE = "|".join(
    [r"\s?".join(map(regex.escape, s)) for s in _SUFFIXES]
    + [rf"(?:만|억|천만|백만)\s?{regex.escape(s)}" for s in _COUNTED]
)
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SIGN = r"[△▲▽-]"
# A word that qualifies a figure without changing it: '최대 2%p', '약 30명', '연 6종'.
_QUALIFIER = r"(?:(?:최대|최소|최고|최저|약|연|총)\s*)?"
# A sign of its own in brackets before a figure: '(+) 2,000,000', '(-) 1,000,000' (a deposit
# raised or lowered).
_BRACKETED_SIGN = r"(?:\((?P<bsign>[+\-−])\)\s*)?"
FIGURE_RE = regex.compile(
    rf"^{_QUALIFIER}{_BRACKETED_SIGN}(?P<neg>{_SIGN})?\s*(?P<open>\()?\s*(?P<neg2>{_SIGN})?\s*(?P<num>{_NUM})(?P<close>\))?"
    rf"\s*(?P<suffix>{_SUFFIX_RE})?"
    # The bracketed second figure: '(31,800)', '[341,802]', '(△12.1%)', '(-12,100)'.
    rf"(?:\s*(?P<sub_open>[(\[])\s*(?P<sub_neg>{_SIGN})?\s*(?P<sub_num>{_NUM})\s*"
    rf"(?P<sub_suffix>{_SUFFIX_RE})?\s*[)\]])?$"
)


# '080', '04514', '00백만원': a code, a postcode or a form's blank, not a figure.
_LEADING_ZERO_RE = regex.compile(r"^0\d")


class Figure(NamedTuple):
    value: Decimal  # signed, as printed (no unit applied)
    suffix: str | None  # a unit written after it: '%', '억원', '명' … (spaces removed)
    parenthesised: bool  # '(56.5)': a share or an 'of which' figure
    integral: bool  # printed without decimals
    sub_value: Decimal | None = None  # the figure in brackets after it, signed, as printed
    sub_suffix: str | None = None  # that figure's own unit: '%' in '(47.8%)'


@memoized
def read_figure(text: str) -> Figure | None:
    """The one figure a cell or token holds (with its bracketed second figure, if any), or
    None (text, a dash, or empty)."""
    t = " ".join(text.split())
    m = FIGURE_RE.match(t)
    if not m or _LEADING_ZERO_RE.match(m.group("num")):
        return None
    if m.group("open") and not m.group("close") and m.group("sub_num"):
        return None  # '(1,234 (56)': brackets that do not pair up
    value = Decimal(m.group("num").replace(",", ""))
    if m.group("neg") or m.group("neg2") or m.group("bsign") in ("-", "−"):
        value = value.copy_negate()  # exact: `-value` rounds to the context's 28 digits
    sub = None
    if m.group("sub_num"):
        sub = Decimal(m.group("sub_num").replace(",", ""))
        sub = sub.copy_negate() if m.group("sub_neg") else sub
    return Figure(
        value,
        _unit(m.group("suffix")),
        bool(m.group("open") or m.group("close")),
        "." not in m.group("num"),
        sub,
        _unit(m.group("sub_suffix")),
    )


def _unit(text: str | None) -> str | None:
    """The unit as one form: spaces removed, a page's 'P' as 'p'."""
    if not text:
        return None
    unit = text.replace(" ", "")
    return "p" if unit == "P" else unit


def is_dash(text: str) -> bool:
    return " ".join(text.split()) in DASHES
