"""Korean text normalization shared by every rule: small pure functions."""

from __future__ import annotations

import re

import regex

from .figures import is_dash, read_figure
from .memo import memoized

# Middle-dot look-alikes (and the one-dot leader, the dot operator) printed by Hancom and PDF
# fonts; U+119E, the arae-a vowel, is what a PDF whose font draws ㆍ gives on its own.
MIDDLE_DOTS = "･‧・ㆍ·∙․⋅\u119e"
# Sets of characters, no more: Python's re matches them as the regex module does, and scans a
# line two to three times as fast (these run on every line; tests/test_rules_shortcuts.py).
_MIDDLE_DOT_RE = re.compile(f"[{MIDDLE_DOTS}]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u3000\u2002-\u200a]+")
# The spaces _SPACES_RE folds but the plain one: a line with none of them and no two spaces in a
# row is folded already (the substitution would rewrite each of its spaces as itself).
_OTHER_SPACES_RE = re.compile(r"[\t\u00a0\u3000\u2002-\u200a]")
# Symbol-font bullets as they come out of a text extraction: Wingdings 'm' is ❍, 'l' is ●,
# 'n' is ■, 'q' is ❑, 'u' is ◆, 'v' is ❖, 'Ø' is ➢ (the PDF parser maps them by font name).
SYMBOL_FONT_BULLETS = {"m": "❍", "l": "●", "n": "■", "q": "❑", "u": "◆", "v": "❖", "Ø": "➢"}
_SYMBOL_BULLET_RE = regex.compile(r"^(\s*)([mlnquvØ])(\s+)(?=[\p{Hangul}’'‘\[(0-9『「])")
UNIT_FACTORS = {
    "원": 1,
    "천원": 1_000,
    "만원": 10_000,
    "백만원": 1_000_000,
    "억원": 100_000_000,
    "십억원": 1_000_000_000,
    "조원": 1_000_000_000_000,
}


@memoized
def normalize_dots(text: str) -> str:
    return _MIDDLE_DOT_RE.sub("·", text)


@memoized
def fold_spaces(text: str) -> str:
    if "  " not in text and not _OTHER_SPACES_RE.search(text):
        return text.strip()
    return _SPACES_RE.sub(" ", text).strip()


def join_letter_spaced(text: str) -> str:
    """'작 성 자' → '작성자', '기 획 평 가 부 장: 김종범' → '기획평가부장: 김종범'.

    A run of three or more single Hangul syllables separated by single spaces is one word that
    was spread out for layout; ordinary prose never has three one-syllable words in a row.
    """
    return _LETTER_SPACED_RE.sub(lambda m: m.group(0).replace(" ", ""), text)


# Compiled once: `regex.sub(pattern_string, …)` looks its pattern up in the module's cache on
# every call, which took most of the time of a large text file's rules (once per line).
_LETTER_SPACED_RE = regex.compile(r"(?<![\p{Hangul}])\p{Hangul}(?: \p{Hangul}){2,}(?![\p{Hangul}])")
_HANGUL_RE = regex.compile(r"\p{Hangul}")
_RUN_RE = regex.compile(r"(.)\1*")
# Python's re scans for a run four times as fast as regex does, and finds the same runs (no
# flags, no Unicode classes: a character and its repeats). Most lines have none.
_LONG_RUN_RE = re.compile(r"(.)\1{2,}")
_PERIODIC_RE = regex.compile(r"(.+?)\1+", regex.DOTALL)
_WHITESPACE_RE = regex.compile(r"\s+")


def collapse_repeated_title(text: str) -> str | None:
    """A title drawn many times over, as a text extraction shows it, back to the title once.

    '일  일 … 반  반 … 황황황…일  반  현  황' → '일반현황'; 'A A A A' → 'A'. None when the line is
    not such an artifact.
    """
    squeezed = text.replace(" ", "")
    if len(squeezed) < 6 or not _HANGUL_RE.search(squeezed):
        return None
    spaceless = squeezed
    # Runs of three or more of a character are rare in prose: looked for, then counted, so that
    # most lines are never split into runs at all.
    if _LONG_RUN_RE.search(squeezed) and sum(
        len(m.group(0)) for m in _LONG_RUN_RE.finditer(squeezed)
    ) >= 0.8 * len(squeezed):
        runs = [m.group(0) for m in _RUN_RE.finditer(squeezed)]
        if len(runs) >= 2:
            squeezed = "".join(r[0] for r in runs)
    # Hancom draws such titles 6 to 24 times; a phrase said four times in a row is a table's
    # note row ('연수운영 연수운영 연수운영 연수운영'), not an artifact.
    # A string repeats a unit exactly when it occurs in itself doubled, off the ends: tested
    # first, in C, since almost no line does; the pattern finds the shortest such unit.
    repeats_a_unit = squeezed in (squeezed + squeezed)[1:-1]
    periodic = _PERIODIC_RE.fullmatch(squeezed) if repeats_a_unit else None
    if periodic is not None:
        unit = periodic.group(1)
        repeats = len(squeezed) // len(unit)
        return unit if repeats >= 5 or squeezed != spaceless else None
    return squeezed if squeezed != spaceless else None


_PRIVATE_USE_RE = re.compile(r"[\uE000-\uF8FF\U000F0000-\U0010FFFF]")
# Full-width ASCII (U+FF01–U+FF5E: '１２３', '（', '［', '：', '％') as the ASCII it stands for.
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
# Half-width shapes as the bullets and arrows they are (NFKC's): '￭ 확인방법' is a ■ item.
_FULL_WIDTH.update({0xFFE9 + i: ord(c) for i, c in enumerate("←↑→↓■○")})
# '1, 078, 028': a thousands comma with a space after it (a PDF's word gap) closes up. Only
# after a comma: '4 20 3' are figures of a table's columns.
_COMMA_GAP_RE = regex.compile(r"(?<=(?<![\d.])\d{1,3}(?:,\d{3})*),[ \u00a0]+(?=\d{3}(?![\d.]))")


_FULL_WIDTH_RE = re.compile("[\uff01-\uff5e\uffe9-\uffee]")


def fold_full_width(text: str) -> str:
    # str.translate looks every character up in the table (microseconds a Korean line): most
    # lines have no full-width character to fold, which one scan finds.
    return text.translate(_FULL_WIDTH) if _FULL_WIDTH_RE.search(text) else text


def close_number_gaps(text: str) -> str:
    if ", " not in text and ",\u00a0" not in text:
        return text  # no comma with a space after it: nothing to close
    return _COMMA_GAP_RE.sub(",", text)


@memoized
def normalize_line(text: str) -> str:
    """Dots to U+00B7, full-width ASCII and half-width shapes to the ASCII and bullets they
    are, symbol-font bullets to the bullet they show, spaces folded, '1, 078' closed up to
    '1,078'.

    Private-use characters left by an extraction (a heading's box drawn in a symbol font) carry
    no text and are dropped; the HWP parsers map the ones that do to real characters.
    """
    text = _PRIVATE_USE_RE.sub("", fold_full_width(normalize_dots(text)))
    text = close_number_gaps(text)
    if text.lstrip()[:1] in SYMBOL_FONT_BULLETS:  # what the pattern's mark must be
        text = _SYMBOL_BULLET_RE.sub(
            lambda m: f"{m.group(1)}{SYMBOL_FONT_BULLETS[m.group(2)]}{m.group(3)}", text
        )
    return fold_spaces(text)


def join_wrapped(lines: list[str]) -> str:
    """Lines of one cell or one broken phrase: a line break counts as one space."""
    return fold_spaces(" ".join(normalize_dots(x) for x in lines if x and x.strip()))


@memoized
def squash(text: str) -> str:
    """A key for comparing names regardless of where lines were broken."""
    return _WHITESPACE_RE.sub("", normalize_dots(text))


def parse_number(token: str) -> int | None:
    """'1,078,028' → 1078028; '-' (and blanks) → None; '△120' / '▲120' → -120.

    Raises ValueError for a token that is not a whole amount, so callers never mistake text
    for 0.
    """
    if not token.strip() or is_dash(token):
        return None
    figure = read_figure(token)
    if (
        figure is None
        or not figure.integral
        or figure.suffix
        or figure.parenthesised
        or figure.sub_value is not None
    ):
        raise ValueError(f"not a number: {token.strip()!r}")
    return int(figure.value)


def is_amount_token(token: str) -> bool:
    try:
        parse_number(token)
    except ValueError:
        return False
    return bool(token.strip())


# '(단위: 천원, ’25. 1. 10.기준)', '(단위：백만원, %)', '[단위 : 천 원]':
# the unit, and what follows.
UNIT_RE = regex.compile(
    r"단위\s*[:：]\s*(?P<unit>[^,)\]]+?)\s*(?:,\s*(?P<rest>[^)\]]*))?(?:[)\]]|$)"
)
# The whole '(단위: …)' statement, to take it out of a caption.
UNIT_STATEMENT_RE = regex.compile(r"[(\[]?\s*단위\s*[:：][^)\]]*[)\]]?")


def find_unit(text: str) -> tuple[str | None, str | None]:
    """('천원', '’25. 1. 10.기준') from '(단위: 천 원, ’25. 1. 10.기준)'; (None, None) without."""
    m = UNIT_RE.search(text)
    if not m:
        return None, None
    unit = m.group("unit").replace(" ", "").rstrip(".")
    return (unit or None), ((m.group("rest") or "").strip() or None)


def unit_factor(unit: str | None) -> int:
    """Won per printed unit: '천원' → 1000. Unknown or missing unit → 1 (won)."""
    if not unit:
        return 1
    return UNIT_FACTORS.get(unit.replace(" ", ""), 1)


def to_won(value: int | None, factor: int) -> int | None:
    return None if value is None else value * factor
