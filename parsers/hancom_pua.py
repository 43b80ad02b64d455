"""Private-use characters in Hancom documents, mapped to the Unicode characters they show.

Hancom Office writes some symbols as private-use code points (PUA) that only its own fonts
draw. Stored text must not keep them: a reader without those fonts sees boxes, and a search for
"①" or "·" misses them. `map_private_use` replaces every known one and reports the rest.

Three families occur, each with its source:

* U+F020–U+F0FF, the Microsoft "symbol font" convention: byte 0xNN of a symbol font is exposed
  as U+F0NN. In Hancom documents these come from Word's bullet palette (Wingdings): U+F0A7 is
  Word's default square bullet, U+F076 its diamond bullet, U+F0FE its checked box.
  Mapping: the Wingdings-to-Unicode table published at alanwood.net/demos/wingdings.html; hwpjs
  (ohah/hwpjs PR #99) draws the same shapes for U+F06E ■, U+F075 ◆, U+F076 ❖, U+F0A7 ▪,
  U+F0FC ✓ and U+F0FE ☑. Only glyphs with a Unicode equivalent are listed, and not 0xA8, where
  Wingdings (◻) and Symbol (♦) disagree. U+F0B7 is Word's default bullet, Symbol's 0xB7 (•);
  Wingdings has a clock there.
* Plane 15 (U+F0000–U+FFFFD), Hancom's own symbol set ("한컴 기호"). No public table exists;
  the values below were established by the rhwp project by comparing documents with Hancom's
  own PDF output (edwardkim/rhwp issues #588, #727, #3385, #5599 and PRs #600, #3520, #5651).
  Boxed digits (사각형 안 숫자) have no Unicode form and are given as the circled digits, the
  nearest enclosed numbers, as rhwp's text export does.
* U+E0BC–U+F8F7, Hanyang PUA (old Hangul, 옛한글), each a syllable written as conjoining jamo
  (KTUG / hypua2jamo table). Only the one the corpus uses is listed: U+F53A, the ᄒᆞᆫ of the
  old-style product name "ᄒᆞᆫ글".

Code points seen in the corpus and not in any verified table (U+F03C5, a bullet in the HWP 3
conversion of the 2004 K-water RFP) are unknown: see `map_private_use` for their fallback.
"""

from __future__ import annotations

import re
from collections import Counter

# Wingdings byte → Unicode (alanwood.net). Keys are the byte; the code point is 0xF000 + byte.
_WINGDINGS = {
    0x6C: "●",
    0x6D: "❍",
    0x6E: "■",
    0x6F: "□",
    0x71: "❑",
    0x72: "❒",
    0x73: "⬧",
    0x74: "⧫",
    0x75: "◆",
    0x76: "❖",
    0x77: "⬥",
    0x78: "⌧",
    0x7B: "❀",
    0x7C: "✿",
    0x7D: "❝",
    0x7E: "❞",
    0x80: "⓪",
    0x81: "①",
    0x82: "②",
    0x83: "③",
    0x84: "④",
    0x85: "⑤",
    0x86: "⑥",
    0x87: "⑦",
    0x88: "⑧",
    0x89: "⑨",
    0x8A: "⑩",
    0x8B: "⓿",
    0x8C: "❶",
    0x8D: "❷",
    0x8E: "❸",
    0x8F: "❹",
    0x90: "❺",
    0x91: "❻",
    0x92: "❼",
    0x93: "❽",
    0x94: "❾",
    0x95: "❿",
    0x9E: "·",
    0x9F: "•",
    0xA0: "▪",
    0xA1: "○",
    0xA2: "⭕",
    0xA4: "◉",
    0xA5: "◎",
    0xA7: "▪",
    0xAA: "✦",
    0xAB: "★",
    0xAC: "✶",
    0xAD: "✴",
    0xAE: "✹",
    0xAF: "✵",
    0xB1: "⌖",
    0xB2: "⟡",
    0xB3: "⌑",
    0xB5: "✪",
    0xB6: "✰",
    0xD5: "⌫",
    0xD6: "⌦",
    0xD8: "➢",
    0xDC: "➲",
    0xE8: "➔",
    0xEF: "⇦",
    0xF0: "⇨",
    0xF1: "⇧",
    0xF2: "⇩",
    0xF3: "⬄",
    0xF4: "⇳",
    0xF5: "⬀",
    0xF6: "⬁",
    0xF7: "⬃",
    0xF8: "⬂",
    0xF9: "▭",
    0xFA: "▫",
    0xFB: "✗",
    0xFC: "✓",
    0xFD: "☒",
    0xFE: "☑",
}

# Word's default bullet comes from the Symbol font, not Wingdings.
_SYMBOL = {0xF0B7: "•"}

# Hancom plane-15 symbols, each verified against Hancom's PDF output by rhwp (issue/PR noted).
_HANCOM_PLANE15 = {
    0xF003B: "↓",  # rhwp #588 / PR #592 (arrow between two text boxes)
    0xF0090: "✺",  # rhwp #5599
    0xF0288: "⓪",  # rhwp PR #5651 (circled digits in an NVRAM byte label row)
    0xF0289: "①",
    0xF028A: "②",
    0xF028C: "④",
    0xF028D: "⑤",
    0xF028E: "⑥",
    0xF028F: "⑦",
    0xF0290: "⑧",
    0xF0291: "⑨",
    # Boxed digits 1–12 (rhwp #727: 1–9 and 10–12 against Hancom's PDF; #5599 cross-checked
    # 1–7 in four documents). U+F02C5 is a boxed 12 as well (#5599, MOEL work report).
    0xF02B1: "①",
    0xF02B2: "②",
    0xF02B3: "③",
    0xF02B4: "④",
    0xF02B5: "⑤",
    0xF02B6: "⑥",
    0xF02B7: "⑦",
    0xF02B8: "⑧",
    0xF02B9: "⑨",
    0xF02BA: "⑩",
    0xF02BB: "⑪",
    0xF02BC: "⑫",
    0xF02C5: "⑫",
    # ... and 10, 11 before it: the MOEL work report numbers its tasks ① … ⑨ and then draws
    # ⑩ ⑪ ⑫ as overlaps (글자 겹침) of U+F02BA with U+F02C3, U+F02C4, U+F02C5.
    0xF02C3: "⑩",
    0xF02C4: "⑪",
    # Digits in a reversed (black) box, drawn as overlaps in kwater_digital_platform_rfp_2025.hwp;
    # its HWPX copy stores the same overlaps as hp:compose composeText "1", "2", "3".
    0xF02CE: "1",
    0xF02CF: "2",
    0xF02D0: "3",
    0xF02EC: "◇",  # rhwp #5599
    0xF02EF: "·",  # middle dot between words ("제품·서비스"), rhwp map via auto-hwp PR #255
    0xF03A7: "⊟",
    0xF03A8: "⊞",  # rhwp #5599
    0xF03DA: "□",
    0xF03FF: "□",  # rhwp #5599
    0xF0806: "┌",
    0xF0807: "┬",
    0xF0808: "┐",
    0xF080C: "└",
    0xF080E: "┘",
    0xF0810: "│",  # #5651
    0xF080F: "━",  # heavy rule drawn as a run of this character, rhwp PR #3520
    0xF081A: "─",  # rhwp PR #3520
    0xF081C: "┈",
    0xF0832: "═",
    0xF0848: "━",  # rhwp #5599
    0xF0854: "《",
    0xF0855: "》",  # book-title brackets, rhwp PR #3520
}

# Hanyang PUA (old Hangul) → conjoining jamo.
_HANYANG = {
    0xF53A: "\u1112\u119e\u11ab",  # ᄒᆞᆫ, as in the old-style "ᄒᆞᆫ글"
}

PUA_TABLE: dict[int, str] = {
    **{0xF000 + byte: char for byte, char in _WINGDINGS.items()},
    **_SYMBOL,
    **_HANCOM_PLANE15,
    **_HANYANG,
}

# What an unknown code point becomes: a bullet where it opens a paragraph (that is where
# Hancom documents put their symbol bullets), nothing elsewhere.
UNKNOWN_BULLET = "•"

_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")


def is_private_use(char: str) -> bool:
    return bool(_PRIVATE_USE.match(char))


def map_private_use(text: str, unknown: Counter | None = None) -> str:
    """`text` with every private-use character replaced by what it shows.

    Unknown ones become `UNKNOWN_BULLET` when they are the first visible character of the text
    (a bullet) and are dropped elsewhere; each is counted in `unknown` by code point.
    """
    if not _PRIVATE_USE.search(text):
        return text
    first_visible = len(text) - len(text.lstrip())

    def replace(match: re.Match[str]) -> str:
        code = ord(match.group())
        known = PUA_TABLE.get(code)
        if known is not None:
            return known
        if unknown is not None:
            unknown[code] += 1
        return UNKNOWN_BULLET if match.start() == first_visible else ""

    return _PRIVATE_USE.sub(replace, text)


def overlap_text(chars: str) -> str:
    """The one character an overlap (글자 겹침: a frame with a number drawn over it) shows:
    the last of its characters that is not private use or is a known one; nothing where none
    is (what an unknown glyph shows is not guessed)."""
    shown = [c for c in chars if not is_private_use(c) or ord(c) in PUA_TABLE]
    return shown[-1] if shown else ""
