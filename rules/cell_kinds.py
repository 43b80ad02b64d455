"""What a table's figure means: money, a ratio, a count, a year, a date, a code — and so
which unit applies to it and whether a money unit may scale it.

The kind of a body cell comes from, in order: the unit printed with the figure ('12.5%',
'1,234억원'); a unit its column header or row label states ('예산액(억원)', a label '%');
words of its column or row ('증감률', '비중', '인원', '개월수', '순번', '연도'); the shape of
the figure (a column or row of years); and last the table's stated units ('(단위: 백만원, %)':
money in 백만원). A money unit scales money figures only: a year, a growth rate, a month count
or a headcount in a 억원 table is printed as it is meant.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

import regex

from .figures import Figure
from .memo import memoized
from .units import UNITS, Unit, label_unit, read_unit

# Words of a header or a label that say what its figures are.
RATIO_WORDS = regex.compile(
    r"%|비율|비중|구성비|점유율|증감률|증가율|감소율|성장률|달성률|집행률|충족률|조정률|"
    # '(A/B)', 'B/A': a quotient of lettered columns — not a counter's 'EA/SET'.
    r"참여율|[률율](?:\s*\(|\s*$)|(?<![A-Za-z])[A-Z]\)?\s*/\s*\(?[A-Z](?![A-Za-z])"
)
# '전년 대비': a growth rate where its figures have decimals, an amount of change where not.
VERSUS_RE = regex.compile(r"대비\s*$")
COUNT_WORDS = regex.compile(
    r"인원|정원|현원|과부족|(?:^|[^가-힣])명$|인수|건수|횟수|개수|가구수|세대수|회수|과정수|기관수|학교수|수량|"
    r"개소수|개월\s*수|개월|호수|(?<![가-힣])수$|"
    # places by their 점 ('거점수', '가맹점 수'), not the 점수 of an evaluation
    r"(?<![가-힣])[거지]점\s*수|(?:가맹|영업|판매|대리|충전|교차)점\s*수"
)
YEAR_WORDS = regex.compile(r"^(?:회계\s*)?(?:연도|년도|년)$|연\s*도$|년\s*도$")
DATE_WORDS = regex.compile(r"일자|일시|날짜|기한|년월일|시기")
# An entry's year or stage of a multi-year plan ('연차 | 1', '단계 | 1') numbers it, as 순번 does.
CODE_WORDS = regex.compile(r"순번|번호|연번|^No\.?$|^NO\.?$|코드|순위|^번$|^연차$|^단계$|^차수$")
# Points of an evaluation ('배점', '평가점수'): measures, not money, whatever their rows evaluate
# ('사업 예산계획 | … | 10').
# Not the 배/평 점 of a word running on: '분배 점검', '수평 점검'.
SCORE_WORDS = regex.compile(r"(?<!분)배\s*점(?!\s*검)|점\s*수|평\s*점(?!\s*검)|득\s*점")
# Counters a count header names, for the unit of its figures.
_COUNTER_OF = [
    ("개월", "개월"),
    ("인원", "명"),
    ("명", "명"),
    ("건", "건"),
    ("횟수", "회"),
    ("회수", "회"),
    ("가구", "가구"),
    ("세대", "세대"),
    ("호수", "호"),
    ("과정", "과정"),
    ("기관", "기관"),
    ("학교", "교"),
    ("개소", "개소"),
]

# Money by its words, for a table that states no unit: the kind is known, the scale is not.
MONEY_WORDS = regex.compile(
    r"사업비|예산|금액|단가|비용|보조금|지원금|지원액|국비|지방비|출연금|"
    r"결산|집행액|소요액|투자액|인건비|경비|세입|세출"
)
# Money a count word may stand beside: '참여개월 반영연봉', '인원당 단가'.
PAY_WORDS = regex.compile(r"연봉|급여|보수|수당|인건비|단가|금액")
# Codes: '080', '08D', '1131-300'.
CODE_RE = regex.compile(r"^(?:0\d+[A-Z]?|\d+[A-Z]|\d{4}-\d{3})$")
YEAR_RE = regex.compile(r"^(?:(?:19|20)\d\d|['‘’]\d\d)\s*(?:년|년도)?$")
DATE_RE = regex.compile(
    r"^(?:(?:19|20)?\d\d\s*[.\-/]\s*\d{1,2}\s*[.\-/]\s*(?:\d{1,2}\s*\.?)?|"
    r"['‘’]\d\d\s*\.\s*\d{1,2}\s*\.?(?:\s*\d{1,2}\s*\.?)?|"
    # A year and month: '2002/10' (kwater_dr_center's 도입시기 (년/월)).
    r"(?:19|20)\d\d\s*/\s*(?:1[0-2]|0?[1-9])|"
    # '2021년 6월', and its short year: '‘21년6월' (keit 8-3's 구축일 and 입고일).
    r"(?:(?:19|20)\d\d|['‘’]\d\d)\s*년\s*\d{1,2}\s*월(?:\s*\d{1,2}\s*일)?|"
    # Quarters: '‘23.1Q', '2024.1Q', '’24.1분기'.
    r"(?:['‘’]\d\d|(?:19|20)\d\d)\s*\.\s*[1-4]\s*(?:Q|분기))$"
)


_DIGITS_RE = regex.compile(r"\d+")


class Reading(NamedTuple):
    """What one body cell's figure means, and its value in base units."""

    kind: str  # money | ratio | count | year | date | code | number | text
    unit: str | None  # the unit the printed figure is in: '백만원', '%', '명'
    value: Decimal | None  # the figure as printed, signed (the year for a year)
    number: float | None  # base units: won (dollars) for money; the figure otherwise
    amount: int | None  # money in won, exact; None for other kinds and currencies


@memoized
def year_of(text: str) -> int | None:
    """2018 from '2018', '2018년', '’18'; None for anything else."""
    t = text.strip()
    if not YEAR_RE.match(t):
        return None
    digits = _DIGITS_RE.search(t).group(0)
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


# A length of time under a header naming one ('② 수공 기간 | 30-02-19': 30년 2개월 19일 of
# service, gov_award's 공적 확인서), printed as a date is: no date.
PERIOD_WORDS = regex.compile(r"기\s*간|경\s*력|근\s*속|재\s*직")
DURATION_RE = regex.compile(r"^\d{1,2}\s*-\s*\d{1,2}\s*-\s*\d{1,2}$")


def is_duration(text: str, header_parts: tuple[str, ...]) -> bool:
    """'30-02-19' (years-months-days) under a header of a period, which names no date."""
    if not DURATION_RE.match(text) or not header_parts:
        return False
    header = " ".join(header_parts[-1].split())
    return bool(PERIOD_WORDS.search(header)) and not DATE_WORDS.search(header)


@memoized
def is_date(text: str) -> bool:
    return bool(DATE_RE.match(" ".join(text.split())))


@memoized
def words_kind(text: str | None) -> str | None:
    """The kind a header or label names by its words, or None."""
    if not text:
        return None
    flat = " ".join(text.split())
    if RATIO_WORDS.search(flat):
        return "ratio"
    if CODE_WORDS.search(flat):
        return "code"
    if YEAR_WORDS.search(flat):
        return "year"
    if DATE_WORDS.search(flat):
        return "date"
    if PAY_WORDS.search(flat):
        return "money"  # '참여개월 반영연봉': a salary, though it names months
    if COUNT_WORDS.search(flat):
        return "count"
    if SCORE_WORDS.search(flat):
        return "number"
    return None


# A counter a 단위 column prints for its row's quantities: 'EA', 'SET', '식', '대', '권'.
COUNTER_TOKEN_RE = regex.compile(r"[A-Za-z]{1,4}|\p{Hangul}{1,2}")


def unit_column_counter(text: str) -> Unit | None:
    """The counter a row's 단위 cell names, for the counts of its 수량 columns."""
    token = "".join(text.split())
    unit = read_unit(token) or read_unit(token.lower())  # 'Kg' is kg, a mass
    if unit is not None:
        return unit if unit.kind == "count" else None
    return Unit(token, "count") if COUNTER_TOKEN_RE.fullmatch(token) else None


def counter_of(text: str) -> str | None:
    for word, counter in _COUNTER_OF:
        if word in text:
            return counter
    return None


class Context(NamedTuple):
    """What a cell's table, column and row say about its figures."""

    header_parts: tuple[str, ...]  # header cells above the column, top to bottom
    label_parts: tuple[str, ...]  # label cells left of the row, left to right
    table_units: tuple[Unit, ...]  # '(단위: 백만원, %)' → (백만원, %)
    year_column: bool = False  # the column holds years (a label column)
    year_row: bool = False  # the row holds years only (a header row repeated)
    decimal_column: bool = False  # every figure of the column is printed with decimals
    bracketed_row: bool = False  # every figure of the row is printed in brackets
    caption: str | None = None  # the table's name: '② 인원 현황'
    row_counter: Unit | None = None  # what the row's 단위 column says it counts: 'EA', 'SET'


@memoized
def explicit_unit(parts: tuple[str, ...]) -> Unit | None:
    """The unit the nearest of `parts` states ('예산액(억원)'), innermost first."""
    for part in reversed(parts):
        unit = label_unit(part)
        if unit is not None:
            return unit
    return None


def _stated(kind: str, units: tuple[Unit, ...]) -> Unit | None:
    return next((u for u in units if u.kind == kind), None)


def kind_and_unit(figure: Figure | None, text: str, ctx: Context) -> tuple[str, Unit | None]:
    """The kind of a body cell's figure (or of a dash, by its column) and the unit it is in."""
    t = " ".join(text.split())
    if figure is not None and figure.suffix:
        unit = read_unit(figure.suffix)
        return (unit.kind if unit else "number"), unit
    header_kind = next((k for k in map(words_kind, reversed(ctx.header_parts)) if k), None)
    label_kind = next((k for k in map(words_kind, reversed(ctx.label_parts)) if k), None)
    if (
        ctx.year_column
        or ctx.year_row
        # A year under a header of years or of times ('도입시기 | 2017'): the time a year.
        or (year_of(t) is not None and {"year", "date"} & {header_kind, label_kind})
    ):
        return "year", None
    if is_duration(t, ctx.header_parts):
        return "text", None
    if is_date(t) or (figure is None and "date" in (header_kind, label_kind)):
        return "date", None
    if CODE_RE.match(t) or (
        "code" in (header_kind, label_kind) and (figure is None or figure.integral)
    ):
        return "code", None
    # A unit its column or row states.
    for unit in (explicit_unit(ctx.header_parts), explicit_unit(ctx.label_parts)):
        if unit is not None:
            return unit.kind, unit
    if header_kind == "number":
        # Points under '배점', whatever their row evaluates ('사업수행실적의 규모 및 건수 | 3').
        return "number", _stated("number", ctx.table_units)
    if (
        header_kind is None
        and ctx.decimal_column
        and any(VERSUS_RE.search(p) for p in ctx.header_parts[-1:])
    ):
        header_kind = "ratio"
    for kind in ("ratio", "count", "number"):
        if kind in (label_kind, header_kind):
            unit = _stated(kind, ctx.table_units)
            if unit is None and kind == "count":
                # Only the parts that say it is a count name its counter: a row '건설' beside
                # '테이블 개수' counts tables, not 건.
                naming = [p for p in ctx.label_parts + ctx.header_parts if words_kind(p) == "count"]
                counter = counter_of(" ".join(naming))
                unit = UNITS.get(counter) if counter else ctx.row_counter
            return kind, unit
    if ctx.bracketed_row and _stated("ratio", ctx.table_units):
        # '(147.8)' under '총투자 282.3' in a '(억 달러, 전년동기 대비, %)' table.
        return "ratio", _stated("ratio", ctx.table_units)
    money = _stated("money", ctx.table_units)
    if money is not None:
        return "money", money
    if ctx.table_units:
        return ctx.table_units[0].kind, ctx.table_units[0]
    # No unit stated: what the row, the column or the table's name says it counts.
    parts = ctx.label_parts + ctx.header_parts
    if any(MONEY_WORDS.search(p) for p in parts):
        return "money", None
    caption_kind = words_kind(ctx.caption)
    if caption_kind in ("count", "ratio"):
        return caption_kind, None
    return "number", None


def read_cell(figure: Figure | None, text: str, ctx: Context) -> Reading:
    """The full reading of one body cell: kind, unit, exact value and base-unit number."""
    kind, unit = kind_and_unit(figure, text, ctx)
    if kind == "year":
        year = year_of(text)
        return Reading(kind, None, Decimal(year) if year else None, None, None)
    if kind in ("date", "code"):
        return Reading(kind, None, figure.value if figure else None, None, None)
    if figure is None:
        return Reading(kind, unit.text if unit else None, None, None, None)
    value = figure.value
    if kind == "money" and unit is not None:
        base = value * unit.factor
        amount = int(base.to_integral_value()) if unit.currency == "KRW" else None
        return Reading(kind, unit.text, value, float(base), amount)
    # Counts in base units too: '0.31억 어절' is 31,000,000 어절.
    base = value * unit.factor if unit is not None else value
    return Reading(kind, unit.text if unit else None, value, float(base), None)
