"""What a PDF line is set in: its font size and weight, as the author chose them for it.

A PDF says nothing of headings; its author sets them apart by type — a larger size, a bolder
weight. The weight is in the font's name only (`KoPubDotumBold`, `NanumGothicExtraBold`,
`Arial,Bold`, `HYGothic-Medium`), as the CSS scale: 300 light, 400 regular, 700 bold.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable

import regex

# Weight words in font names, heaviest spellings first (ExtraBold before Bold, SemiBold
# before Bold); a name with none of them is regular.
WEIGHT_WORDS: list[tuple[regex.Pattern, int]] = [
    (regex.compile(r"(?:extra|ultra)\W?(?:bold|black)|heavy|black|\bextra\b|xbold"), 800),
    (regex.compile(r"(?:semi|demi)\W?bold"), 600),
    (regex.compile(r"bold"), 700),
    (regex.compile(r"medium"), 500),
    (regex.compile(r"(?:extra|ultra)\W?light|thin|hairline"), 200),
    (regex.compile(r"light"), 300),
]
REGULAR = 400


@functools.lru_cache(maxsize=4096)
def ems(text: str) -> float:
    """A char's width in ems as type sets it: a Hangul or other wide char one, others half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


@functools.lru_cache(maxsize=1024)
def font_weight(fontname: str) -> int:
    """The weight a font's PostScript name gives (its subset tag `ABCDEF+` dropped)."""
    name = fontname.split("+", 1)[-1].lower()
    for pattern, weight in WEIGHT_WORDS:
        if pattern.search(name):
            return weight
    return REGULAR


def line_type(chars: Iterable[dict]) -> tuple[float, int] | None:
    """(size in pt, weight) that most of a line's drawn characters are set in, by the room
    they take (a footnote mark's three narrow digits do not outweigh a word); None for a line
    of blanks. Sizes are rounded to 0.1 pt and widths are counted in ems, not read from the
    glyph boxes, so that both PDF engines give the same."""
    counts: dict[tuple[float, int], float] = {}
    for ch in chars:
        if ch.get("text", "").strip() and ch.get("upright", True):
            style = (round(float(ch["size"]), 1), font_weight(ch.get("fontname", "")))
            counts[style] = counts.get(style, 0.0) + style[0] * ems(ch["text"])
    if not counts:
        return None
    # the most common style; of equally common ones, the smaller and lighter (the body's)
    return min(counts, key=lambda style: (-counts[style], style))
