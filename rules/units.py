"""Units a Korean table states, and what kind of figure each one makes.

A table says its units once, in a caption or a line above it — '(단위: 백만원, %)' — and the
list means: money in 백만원, ratios in %. A header cell or a row label may say its own:
'예산액(억원)', '금 규모(조원)', a label column reading '억원' / '%'. A figure may carry its own:
'1,234억원', '12.5%', '358명'. `Unit` says what each one is: money (with won per printed unit,
or dollars for 달러 amounts), a ratio, a count, or another measure.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

import regex

from .memo import memoized


class Unit(NamedTuple):
    text: str  # as printed, spaces removed: '백만원', '%', '명', '억달러'
    kind: str  # 'money' | 'ratio' | 'count' | 'number'
    factor: Decimal = Decimal(1)  # base units per printed unit: won (or dollars) for money
    currency: str | None = None  # 'KRW' | 'USD' for money


_WON = {
    "원": 1,
    "십원": 10,
    "백원": 100,
    "천원": 1_000,
    "만원": 10_000,
    "십만원": 100_000,
    "백만원": 1_000_000,
    "천만원": 10_000_000,
    "억원": 10**8,
    "십억원": 10**9,
    "백억원": 10**10,
    "천억원": 10**11,
    "조원": 10**12,
}
_DOLLARS = {
    "달러": 1,
    "천달러": 1_000,
    "만달러": 10_000,
    "백만달러": 1_000_000,
    "억달러": 10**8,
    "십억달러": 10**9,
}
_RATIOS = {"%", "%p", "‰", "배", "퍼센트"}
# Counters: how many of something (people, months, cases, courses, times, places …).
_COUNTERS = {
    "명",
    "인",
    "건",
    "개",
    "개소",
    "개월",
    "가구",
    "세대",
    "호",
    "대",
    "회",
    "과정",
    "차시",
    "교",
    "편",
    "종",
    "곳",
    "식",  # sets: '1식' of equipment, '13식' in all
    "기관",
    "개교",
    "개사",
    "社",
    "척",
    "단",  # stages: a launcher's '3단'
    "p",  # pages: '1,177p'
    "쪽",
    "페이지",
    "동",
    "어절",
}
# Other measures: figures that are neither money nor counts. ('년' and '월' are not here: a
# header '금액(년)' means a yearly amount.)
_MEASURES = {
    "일",
    "시간",
    "㎡",
    "m²",
    "㎢",
    "km",
    "m",
    "ha",
    "톤",
    "t",
    "kg",
    "g",
    "kW",
    "MW",
    "GWh",
    "TOE",
    "점",
}

UNITS: dict[str, Unit] = {}
UNITS.update({t: Unit(t, "money", Decimal(f), "KRW") for t, f in _WON.items()})
UNITS.update({t: Unit(t, "money", Decimal(f), "USD") for t, f in _DOLLARS.items()})
UNITS.update({t: Unit(t, "ratio") for t in _RATIOS})
UNITS.update({t: Unit(t, "count") for t in _COUNTERS})
UNITS.update({t: Unit(t, "number") for t in _MEASURES})

# '(단위: 천원, ’25. 1. 10.기준)', '(단위：백만원, %)', '[단위 : 천 원]', '단위: 억원·%'.
_STATEMENT_RE = regex.compile(r"단\s*위\s*[:：]?\s*(?P<body>[^)\]]*)")


_UNIT_NOISE_RE = regex.compile(r"[\s()\[\]]")
_LIST_SEPARATOR_RE = regex.compile(r"[,/·、;]")


# A counter or measure in tens of thousands or hundreds of millions: '억 어절', '만 명'.
MAGNITUDES = {"만": 10**4, "십만": 10**5, "백만": 10**6, "천만": 10**7, "억": 10**8, "조": 10**12}


@memoized
def read_unit(text: str | None) -> Unit | None:
    """The unit a short text names: '천 원' → 천원, '(%)' → %, '억 어절' → 억어절 (a count in
    hundreds of millions); None for anything else."""
    if not text:
        return None
    key = _UNIT_NOISE_RE.sub("", text).replace("％", "%")
    if key in UNITS:
        return UNITS[key]
    for prefix, factor in MAGNITUDES.items():
        base = UNITS.get(key[len(prefix) :]) if key.startswith(prefix) else None
        if base is not None and base.kind in ("count", "number"):
            return Unit(key, base.kind, Decimal(factor))
    return None


def statement_units(text: str) -> list[Unit]:
    """Every unit of a '(단위: …)' statement, in order; [] when the text has none."""
    m = _STATEMENT_RE.search(text)
    if not m:
        return []
    found: list[Unit] = []
    for part in _LIST_SEPARATOR_RE.split(m.group("body")):
        unit = read_unit(part) or _trailing_unit(part)
        if unit is not None and unit not in found:
            found.append(unit)
    return found


# A caption that ends with its units in brackets, without the word 단위:
# '< 분기별 해외직접투자액 추이(억 달러, 전년동기 대비, %) >', '<표 3> … 비교 (조원, %)'.
_CAPTION_UNITS_RE = regex.compile(r"[(\[](?P<body>[^()\[\]]{1,40})[)\]]\s*[>〉》]?\s*$")
# Words a caption's unit list may hold beside its units: what the ratio is of, an as-of date.
_UNIT_LIST_WORDS = regex.compile(r"대비|기준|누계|잠정|현재|전년|동기")


# '(인)' after a name or a blank to sign: where a form's signer sets the seal, not a count of
# people ('공동수급체 대표자 ○○○ (인)').
_SEAL_RE = regex.compile(r"\s*인\s*")


def caption_units(text: str) -> list[Unit]:
    """The units of a '(단위: …)' statement, or of a caption ending in a bracketed list that
    holds nothing but units (and words such as '전년동기 대비')."""
    stated = statement_units(text)
    if stated:
        return stated
    m = _CAPTION_UNITS_RE.search(text.strip())
    if not m or _SEAL_RE.fullmatch(m.group("body")):
        return []
    units: list[Unit] = []
    for part in _LIST_SEPARATOR_RE.split(m.group("body")):
        unit = read_unit(part) or _trailing_unit(part)
        if unit is None and not _UNIT_LIST_WORDS.search(part):
            return []
        if unit is not None and unit not in units:
            units.append(unit)
    return units if any(u.kind in ("money", "ratio", "count") for u in units) else []


def _trailing_unit(part: str) -> Unit | None:
    """'전년동기 대비 %' → %."""
    words = part.split()
    return read_unit(words[-1]) if len(words) > 1 and _UNIT_LIST_WORDS.search(part) else None


# A unit in brackets at the end of a header or label: '예산액(억원)', '인원 (명)', '[백만원]',
# '금 규모(조원)', '(단위: 억원)'.
_BRACKETED_RE = regex.compile(r"[(\[]\s*(?:단\s*위\s*[:：]?\s*)?(?P<unit>[^()\[\]]{1,8}?)\s*[)\]]")


# A column's letter a table's formulas name it by, after its unit: '(억원, A)'.
_FORMULA_LETTER_RE = regex.compile(r"\s*,\s*[A-Z]$")


@memoized
def label_unit(text: str | None) -> Unit | None:
    """The unit a header cell or row label states for its figures: a bracketed unit at its end
    ('예산액(억원)'), a '(단위: …)' inside it, or a label that is only a unit ('억원', '%')."""
    if not text:
        return None
    flat = " ".join(text.split())
    whole = read_unit(flat)
    if whole is not None:
        return whole
    # The last bracketed unit: '예산액(억원)', '참여율(%) (B)', and one beside the column's
    # letter in a formula: '예산액 (억원, A)', '사업수 (개, B)'.
    for m in reversed(list(_BRACKETED_RE.finditer(flat))):
        unit = read_unit(_FORMULA_LETTER_RE.sub("", m.group("unit")))
        if unit is not None:
            return unit
    units = statement_units(flat)
    return units[0] if len(units) == 1 else None
