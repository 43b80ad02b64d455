"""The outline every report has: headings and bullets by their marks, as a tree.

The tree is the one the document's author built, not a fixed table of marks: Korean public
documents nest their marks differently (one starts at □, one at 1., one at Ⅰ.; ① sits over 1. in
one report and under □ in another). Each mark belongs to a kind of list (`1.`, `1)`, `가.`, `①`, a
boxed numeral, □, ㅇ …); marks of one kind are siblings. What ranks the kinds:
* a chapter (Ⅰ., a boxed Ⅰ, 붙임) is above every other kind, a note (*, ※) below every other;
* bullets keep their order among themselves: □ › ㅇ/○ › ◦ › - › · › *;
* a Hancom outline level (the author's own, `Paragraph.head`) is above any deeper one and any
  printed mark;
* an annex's label line (`붙임 1. …`, `[붙임 3] …`, a bare `[붙임 4]`) is a chapter of the
  document's top kind; a run of such labels is a listing of the annexes, not them;
* numbers typed by hand where the outline numbers its own items (`1. 추진 목표` under a chapter
  whose outline items are drawn, `5.` after four drawn items) are that outline level;
* whatever the document puts between two consecutive items of a numbered list (3. … 4.) is
  inside that list's items;
* any other heading is inside the one it follows: a list that first appears after a bullet
  (`1.` definitions after ◆, `①` lines after □) is that bullet's.
A box of several lines (a quoted law, a list set apart) numbers its own list. A heading's
`level` is its depth in the tree (1 the document's top level), one more where it skips a level
the document usually puts between it and its parent.

Besides marked lines:
* a boxed heading as Hancom draws it — a small table of a numeral and a title, the other
  cells empty: `1 | 성과`, `Ⅰ | | 사업개요`, `붙임 | | 과제별 추진일정`;
* a one-line title box `[나 라] …` (a bracketed group label), and unnumbered title boxes
  (one short line in a box of its own) where the document sets its sections under them;
* a bare mark that continues its list, `(2)` over a chart: a heading without a title;
* table-of-contents lines (`Ⅰ. 일반현황 ······ 3`, `Ⅱ. 정책방향\\t 4`, and the unnumbered entries
  between them) are not headings;
* an annex's, a form's or a schedule's label on a line of its own (`<붙임2>`, `【양식 1】`,
  `[별지 제1호 서식]`, `[별표1]`, a `<붙임1>` framed alone, a bare `붙임` over the box titling
  its annex) is a heading under the title printed below it, or in the first row of the form's
  table; forms and schedules are parts of the chapter that names or opens with them, a form
  after a chapter's own sections is an annex of its own (`place_forms`); a label printed
  again after other labels, with its title, is an entry of a listing;
* a form to fill in (`【서식 9】`, `[별지 제1호 서식]`, `<서식4>`) up to the next chapter or annex
  label (`[별표 1]`) holds no headings: its numbered notes and a pledge's clauses are the
  form's; a cut line (`-----…`) is no `-` bullet; notes numbered from 1 under a `[주]` label
  are no sections;
* in a PDF that numbers none of its headings (its numerals drawn as shapes), short lines set
  larger or bolder than the body are headings, each size a level (`들어가며` in 14 pt bold over
  `지방교부세 현황` in bold at the body's size), also inside a `참고` box; numbered lines in a
  note's small type (`5) …`, a footnote) are notes, not a list.
A line without a mark continues the heading before it (a wrapped line): in a Hancom file only
within the heading's own paragraph (wrapping never crosses paragraphs there); in a PDF or a
text file, where each printed line may be its own block, only after a line that runs the width
of the page.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

import regex

# What sets a heading or a note apart by type: thresholds of the PDF reader's settings, the one
# reader that gives each line its type; the document's own (Document.read_with) where it has them.
from kplan.parsers.pdf_settings import DEFAULT_SETTINGS, PdfSettings

from .facts import OutlineNode
from .lines import Item, Line, TableRef, joined_lines, text_lines
from .memo import memoized
from .normalize import UNIT_STATEMENT_RE, fold_spaces, join_letter_spaced

MAX_CONTINUED = 300  # a heading does not swallow whole paragraphs of prose

MARKERS: list[tuple[int, regex.Pattern]] = [
    (
        1,
        regex.compile(
            r"^((?:Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ|Ⅵ|Ⅶ|Ⅷ|Ⅸ|Ⅹ|Ⅺ|Ⅻ)\.?|(?=[IVX])(?:X{0,3}(?:IX|IV|V?I{0,3}))\.)"
            r"\s*(?=\S)"
        ),
    ),
    # '1.', '1)', '1-1.', '2.1 ' and a bare '1 ' before a word; never the '0.' of a figure
    # like 0.5명 starting a wrapped line.
    (
        2,
        regex.compile(
            r"^(\d{1,2}(?:-\d{1,2}){1,3}[.)]?|[1-9]\d?(?:\.\d{1,2}){1,3}\.?(?=\s)"
            r"|\d{1,2}[.)](?![\d.,])|\d{1,2}(?=\s+\p{Hangul}))\s*(?=\S)"
        ),
    ),
    (3, regex.compile(r"^([가-하][.)]|\(\d{1,2}\)|[①-⑳])\s*(?=\S)")),
    (4, regex.compile(r"^([□■▣◆◇▶▷❑❏])\s*(?=\S)")),
    # not a placeholder name: '○○ 사업 제안응모 신청서', 'ㅇㅇㅇ 사업'
    (5, regex.compile(r"^([ㅇ○])(?![ㅇ○])\s*(?=\S)")),
    (6, regex.compile(r"^([◦❍●◎•∘])\s*(?=\S)")),
    (7, regex.compile(r"^([-–−])\s*(?=\S)")),
    (8, regex.compile(r"^([·])\s*(?=\S)")),
    (9, regex.compile(r"^([*※])\s*(?=\S)")),
]


# The characters a mark of MARKERS can start with (each pattern is anchored at the line's start):
# a line starting with none of them is tried against none of the nine.
MARK_START_RE = regex.compile(r"[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫIVX가-하(①-⑳□■▣◆◇▶▷❑❏ㅇ○◦❍●◎•∘\-–−·*※]|\d")
# The one pattern each such character can start: the nine start with characters no other starts
# with, so a line is tried against that one only. A digit (regex's \d: any script's) is the
# numbers', level 2.
MARK_STARTS = {
    **dict.fromkeys("ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫIVX", 1),
    **dict.fromkeys("(①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳", 3),
    **dict.fromkeys("□■▣◆◇▶▷❑❏", 4),
    **dict.fromkeys("ㅇ○", 5),
    **dict.fromkeys("◦❍●◎•∘", 6),
    **dict.fromkeys("-–−", 7),
    "·": 8,
    **dict.fromkeys("*※", 9),
}
_MARKER_OF_LEVEL = dict(MARKERS)


def _mark_level(first: str) -> int:
    """The level of the one pattern a line starting with `first` may match (0: none)."""
    level = MARK_STARTS.get(first)
    if level is not None:
        return level
    if "가" <= first <= "하":
        return 3
    return 2 if first and MARK_START_RE.match(first) else 0


@memoized
def match_marker(text: str) -> tuple[int, str, str] | None:
    """(level, marker, rest) for a line that starts with an outline mark."""
    level = _mark_level(text[:1])
    if not level:
        return None
    m = _MARKER_OF_LEVEL[level].match(text)
    if m and m.group(1):
        rest = text[m.end() :].strip()
        if rest:
            return level, m.group(1), rest
    return None


# --------------------------------------------------------------------------- contents pages

# An entry's page number after a tab or a leader of dots/rules: 'Ⅱ. 정책방향\t 4', '개요 …… 3'.
PAGE_REF_RE = regex.compile(r"\p{L}.*?(?:\t|[.·…‥・ㆍ∙‧･\-─_]{3,})\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")
# What every such entry holds, found in one scan (PAGE_REF_RE tries each letter as the start of
# a title and runs to the line's end from each: most of the outline's time, on lines without).
LEADER_RE = regex.compile(r"\t|[.·…‥・ㆍ∙‧･\-─_]{3}")
# The title of a contents page: '목 차', '[ 목    차 ]', '순   서', '<제목 차례>', 'Contents'.
TOC_TITLE_RE = regex.compile(
    r"^[\[<(【=\s]*(?:목\s*차|차\s*례|순\s*서|\p{Hangul}{0,4}\s*차례"
    r"|contents|table of contents)[\]>)】=\s\d]*$",
    regex.IGNORECASE,
)
MAX_TOC_GAP = 8  # unnumbered entries (Ⅲ. 주요업무 추진계획, ① …) between numbered ones
MIN_CONTENTS_ENTRIES = 3  # a contents page listing its headings without their pages
TWO_SYLLABLES_RE = regex.compile(r"\p{Hangul}{2}")


def is_page_ref(text: str) -> bool:
    """A contents entry ending in its page number: 'Ⅱ. 정책방향\t 4', '개요 …… 3'."""
    return bool(LEADER_RE.search(text)) and bool(PAGE_REF_RE.search(text))


def toc_items(stream: list[Item]) -> set[int]:
    """Indices of the stream's lines that are a table of contents: lines ending in a page
    number, the lines between two such lines a few lines apart, and a contents title just
    before them or in the same box."""
    lines = [i for i, item in enumerate(stream) if isinstance(item, Line)]
    numbered = [i for i, it in enumerate(stream) if isinstance(it, Line) and is_page_ref(it.raw)]
    toc: set[int] = set(numbered)
    for first, second in zip(numbered, numbered[1:]):
        between = [i for i in lines if first < i < second]
        if len(between) <= MAX_TOC_GAP and not any(
            isinstance(stream[i], TableRef) for i in range(first + 1, second)
        ):
            toc.update(between)
    titled = {it.block for it in stream if isinstance(it, Line) and TOC_TITLE_RE.match(it.text)}
    for i in lines:
        if stream[i].block in titled and isinstance(stream[i], Line):
            toc.add(i)
    for i in sorted(toc):
        previous = i - 1
        if (
            previous >= 0
            and isinstance(before := stream[previous], Line)
            and previous not in toc
            and TOC_TITLE_RE.match(before.text)
        ):
            toc.add(previous)
    for i in lines:
        if isinstance(line := stream[i], Line) and TOC_TITLE_RE.match(line.text):
            toc |= unnumbered_contents(stream, i)
            toc |= entries_before_pages(stream, i, numbered, lines)
    return toc


def entries_before_pages(
    stream: list[Item], title: int, numbered: list[int], lines: list[int]
) -> set[int]:
    """A contents title's first entries before its first one with a page, a chapter listed
    without its page over its sections listed with theirs ('목 차' / 'Ⅰ. 사업개요' / '1. 추진목적
    1'): the lines between the title and that entry, a few and no table between."""
    first = next((n for n in numbered if n > title), None)
    if first is None or any(isinstance(stream[i], TableRef) for i in range(title + 1, first)):
        return set()
    between = {i for i in lines if title < i < first}
    return between | {title} if len(between) <= MAX_TOC_GAP else set()


_NOT_LETTER_OR_DIGIT_RE = regex.compile(r"[^\p{L}\p{N}]")


def _entry_key(text: str) -> str:
    """A contents entry or a heading as letters and digits only: '3.2. 과업범위' → '32과업범위'."""
    return _NOT_LETTER_OR_DIGIT_RE.sub("", text)


def unnumbered_contents(stream: list[Item], title: int) -> set[int]:
    """A contents title and the lines after it that list headings without their pages ('목 차' /
    '1. 제안공모요강' / '1.1. 일반사항' …): each line that a later line of the stream begins
    with again, as the heading it lists ('3.2. 과업범위' for '3.2 과업범위 : 과업지시서 참고'). The
    run ends at a table or at a line listed nowhere after it."""
    keys = [_entry_key(it.text) if isinstance(it, Line) else "" for it in stream]
    run: set[int] = set()
    last: tuple[int, int | None] | None = None  # the last entry's mark: its level and number
    for i in range(title + 1, len(stream)):
        item = stream[i]
        if isinstance(item, TableRef):
            break
        key = keys[i]
        if not isinstance(item, Line) or not key:
            continue
        listed = TWO_SYLLABLES_RE.search(key) and any(
            later.startswith(key) for later in keys[i + 1 :]
        )
        mark = match_marker(item.text)
        entry = (mark[0], mark_number(mark[1])) if mark else None
        if not listed and not (len(run) >= MIN_CONTENTS_ENTRIES and continues_entries(last, entry)):
            break
        run.add(i)
        last = entry
    return run | {title} if len(run) >= MIN_CONTENTS_ENTRIES else set()


def continues_entries(last: tuple[int, int | None] | None, entry) -> bool:
    """An entry numbered next after the last in its list ('11. 품질보증계획' after '10.
    표준화계획'): the contents go on, though the heading it lists is not found again (a form
    whose body names it otherwise, '11. 품질관리계획')."""
    return (
        last is not None
        and entry is not None
        and last[1] is not None
        and entry[0] == last[0]
        and entry[1] == last[1] + 1
    )


# --------------------------------------------------------------------------- boxed headings

ROMAN_NUMERALS = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
BOX_NUMERAL_RE = regex.compile(
    rf"^(?:([{ROMAN_NUMERALS}]|(?=[IVX])X{{0,3}}(?:IX|IV|V?I{{0,3}}))"
    r"|(\d{1,2})|((?:붙임|별첨|별표|참고|부록)\s*\d{0,2}))\.?$"
)
GROUP_LABEL_RE = regex.compile(r"^\[\s*(\p{Hangul}[\p{Hangul}·+\s]{0,11}?)\s*\]\s*(\S.*)$")
MAX_BOX_TITLE = 80


def heading_box(table) -> tuple[int, str, str] | None:
    """(level, marker, title) of a small table drawn as a heading: a numeral cell and a title
    cell, the others empty — `1 | 성 과`, `Ⅰ | | 사업개요`, `붙 임 | | 추진일정`, or a chapter
    box with `Ⅰ` above `사업 개요`."""
    if table.n_rows > 3 or not 2 <= table.n_rows * table.n_cols <= 6 or table.nested:
        return None
    filled = [c for c in sorted(table.cells, key=lambda c: (c.row, c.col)) if c.text.strip()]
    if len(filled) > 2 and all(is_box_summary(c, filled[1]) for c in filled[2:]):
        filled = filled[:2]  # `1 | | 선제적 … 혁신` over `ㅇ 국민 각자의 …` / `ㅇ …`
    if len(filled) != 2:
        return None
    numeral, title = fold_spaces(filled[0].text).replace(" ", ""), box_title(filled[1].text)
    m = BOX_NUMERAL_RE.match(numeral)
    if m is None or title is None or len(title) > MAX_BOX_TITLE:
        return None
    level = 2 if m.group(2) else 1
    return level, numeral, join_spaced_syllables(title)


# The form a title box reproduces, on a line under its title: '2016년도 정부포상업무지침[별지
# 제6호의1 서식)', '2014년도 … 운영지침[붙임5 서식)'.
FORM_SOURCE_RE = regex.compile(r"[\[(［]\s*(?:별지|붙임|별표|별첨)[^\])］]*서식\s*[\])］]?\s*$")


def box_title(text: str) -> str | None:
    """A heading box's title: its one line, or the first over the form it reproduces; None
    for a cell of several lines (a box's text, not a title)."""
    lines = [line for line in text.strip().split("\n") if line.strip()]
    if len(lines) == 2 and FORM_SOURCE_RE.search(lines[1]):
        return fold_spaces(lines[0])
    return fold_spaces(text) if len(lines) == 1 else None


def is_box_summary(cell, title) -> bool:
    """A cell under a heading box's title that sums up the section in marked lines (`ㅇ …`):
    part of the box, not one of its titles."""
    lines = [line.strip() for line in cell.text.split("\n") if line.strip()]
    return cell.row > title.row and all(match_marker(line) is not None for line in lines)


_HANGUL_RE = regex.compile(r"\p{Hangul}")


def join_spaced_syllables(title: str) -> str:
    """'성 과' → '성과': a box title of single syllables spread over the box's width."""
    words = title.split(" ")
    if len(words) > 1 and all(len(w) == 1 and _HANGUL_RE.match(w) for w in words):
        return "".join(words)
    return join_letter_spaced(title)


def group_label(line: Line, box_lines: int) -> tuple[int, str, str] | None:
    """A title box of one line opening with a bracketed label, `[나 라] 정의로운 …`: the
    heading of a group of tasks."""
    if not line.boxed or box_lines != 1:
        return None
    m = GROUP_LABEL_RE.match(line.text)
    if m is None or len(line.text) > MAX_BOX_TITLE:
        return None
    return 2, f"[{join_spaced_syllables(fold_spaces(m.group(1)))}]", m.group(2)


# --------------------------------------------------------------------------- wrapped lines


class _Widths(dict):
    """Each character as the columns it takes: two spaces for a wide one (Hangul, CJK, full
    width), itself for a narrow one; looked up once per character, on first sight."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = columns = "  " if unicodedata.east_asian_width(char) in "WF" else char
        return columns


_WIDTHS = _Widths()


@memoized
def display_width(text: str) -> int:
    """Columns a line takes in print: Hangul and other wide characters count two."""
    return len(text.translate(_WIDTHS))


# A short bracketed note on a line of its own ends the heading above it: '(57억원)'.
TRAILING_NOTE_RE = regex.compile(r"^\([^()]{1,20}\)$")
FULL_LINE = 0.75  # a line this close to the full width may wrap onto the next one
LONGEST_LINES = 0.95  # the full width: the width most body lines stay within
WIDTH_STEP = 8  # ... measured coarsely: character counts only approximate print widths,
#                       and two copies of one document (HWP, PDF) must come out the same
ONE_LINE_WIDTH = 80  # a Hancom file whose paragraphs stay within this was set line by line


def full_width(stream: list[Item]) -> int:
    """The width of a full printed line: what all but the longest few body lines stay within
    (a long note in a smaller font should not set it)."""
    widths = sorted(
        display_width(item.text) for item in stream if isinstance(item, Line) and not item.boxed
    )
    if not widths:
        return 0
    return widths[int(LONGEST_LINES * (len(widths) - 1))] // WIDTH_STEP * WIDTH_STEP


def last_line_width(line: Line) -> int:
    """The width of a block's last printed line: the block itself, where printed lines are
    blocks (a note in a small font may fit more than the full width on its line)."""
    return display_width(line.text)


def wraps_across_blocks(stream: list[Item], full: int) -> bool:
    """Whether a wrapped line can be a block of its own: in a PDF or a text file each printed
    line is one; a Hancom file stores whole paragraphs, unless it was set line by line (its
    paragraphs, like the generated Seoul sample's, never run past one printed line)."""
    lines = [item for item in stream if isinstance(item, Line)]
    if not lines or not all(in_paragraphs(item) for item in lines):
        return True
    # Line by line: body lines within a printed line, none that would fill two.
    longest = (
        max(display_width(item.text) for item in lines if not item.boxed)
        if any(not item.boxed for item in lines)
        else 0
    )
    return full <= ONE_LINE_WIDTH and longest <= 2 * ONE_LINE_WIDTH


def in_paragraphs(item: Line) -> bool:
    """Hancom files store paragraphs, without pages, at 'section S paragraph P'."""
    return item.page is None and item.position is not None and item.position.section is not None


PRIVATE_USE_RE = regex.compile(r"^\s*[\uE000-\uF8FF]")


def has_drawn_mark(line: Line) -> bool:
    """A line opened by a mark its text does not hold: a Hancom paragraph head (outline
    number, numbering, bullet), or in a PDF a symbol-font glyph (a heading's box) that
    extraction leaves as a private-use character. Such a line starts a paragraph."""
    return line.head is not None or bool(PRIVATE_USE_RE.match(line.raw))


def continues(heading: Line, item: Line, across_blocks: bool, full: int) -> bool:
    """Whether `item`, a line without a mark, is the wrapped rest of the heading ending in
    `heading`: a later line of the same paragraph, or, where printed lines are blocks, the next
    line after a line that ran the full width."""
    if item.block == heading.block and not item.boxed:
        return True  # a line break inside the paragraph (a box's lines are its paragraphs)
    if not across_blocks or has_drawn_mark(item) or item.boxed != heading.boxed:
        return False  # nor does a box's text run on from a heading outside it
    return last_line_width(heading) >= FULL_LINE * full or bool(TRAILING_NOTE_RE.match(item.text))


# --------------------------------------------------------------------------- kinds of marks

# A heading's kind says which of a document's lists it belongs to: marks of one kind are siblings
# wherever the document nests them. Bullets keep their fixed order among themselves (□ › ㅇ › ◦ ›
# - › · › *); where the numbered kinds (1., 1), 가., ①, boxed numerals …) sit is the document's.
ROMAN = "roman"  # Ⅰ., a boxed Ⅰ, 붙임/별첨/참고: a chapter, above every other kind
NOTE = "bullet9"  # * and ※: a note, below every other kind
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
HANGUL_ORDER = "가나다라마바사아자차카타파하"
# Titles over groups of a list, which may number on through them (① … ④ | title | ⑤ …).
GROUP_KINDS = ("group", "title-box", "label")


_DIGITS_RE = regex.compile(r"\d+")
_HANGUL_ORDINAL_RE = regex.compile(r"[가-하]")
_DOTTED_NUMBER_RE = regex.compile(r"n(?:\.n)+\.?")


@memoized
def mark_kind(level: int, marker: str) -> str:
    """The kind of list a mark belongs to: 'num.' for '1.', 'num)' for '1)', 'ga.' for '가.',
    'circled' for '①', 'bullet4' for □ and its like, 'roman' for Ⅰ."""
    if level == 1:
        return ROMAN
    if level >= 4:
        return f"bullet{level}"
    if marker[0] in CIRCLED:
        return "circled"
    shape = _DIGITS_RE.sub("n", _HANGUL_ORDINAL_RE.sub("g", marker))
    if _DOTTED_NUMBER_RE.fullmatch(shape):
        shape = shape.rstrip(".")  # '3.1.1.' is of '2.1.1''s list
    return {"n.": "num.", "n)": "num)", "n": "num", "(n)": "(num)", "g.": "ga.", "g)": "ga)"}.get(
        shape, shape
    )


@memoized
def mark_number(marker: str) -> int | None:
    """The position a numbered mark gives its item in its list: 3 for '3.', '(3)', '다.', '③',
    'Ⅲ'; None for a bullet."""
    core = marker.strip("().[] ")
    if not core:
        return None
    if core[0] in CIRCLED:
        return CIRCLED.index(core[0]) + 1
    if core[0] in ROMAN_NUMERALS:
        return ROMAN_NUMERALS.index(core[0]) + 1
    if core[0] in HANGUL_ORDER and len(core) == 1:
        return HANGUL_ORDER.index(core) + 1
    m = _DIGITS_RE.match(core)
    return int(m.group()) if m else None


class Heading(NamedTuple):
    kind: str
    number: int | None
    marker: str
    text: str
    page: int | None
    # How its line is set apart by type, where the file says (PDF): see `prominence`.
    prominence: tuple[float, bool] | None = None


# --------------------------------------------------------------------------- the document's order


def kind_order(headings: list[Heading]) -> set[tuple[str, str]]:
    """Pairs (upper, lower) of kinds the document itself ranks: a chapter is above all, a note
    below all, bullets in their fixed order, a Hancom outline level above a deeper one, a
    chapter's forms (`place_forms`) below the chapters only; and
    whatever comes between two consecutive items of one numbered list (3. … 4.) is inside it,
    but for a group title (a list may number on through its groups).
    Pairs the document contradicts are dropped: for those it is the nesting that decides."""
    kinds = {h.kind for h in headings}
    typeset = kind_prominence(headings)
    chapters = {ROMAN, chapter_kind(headings)}
    pairs = set()
    for a in kinds:
        for b in kinds - {a}:
            if FORM in (a, b) and not chapters & {a, b}:
                # a chapter's forms and schedules are its parts, above whatever they hold
                if a == FORM:
                    pairs.add((a, b))
            elif a == ROMAN or b == NOTE or _fixed_above(a, b) or _set_above(a, b, typeset):
                pairs.add((a, b))
    last: dict[str, int] = {}
    for index, h in enumerate(headings):
        before = last.get(h.kind)
        if before is not None and h.number is not None and headings[before].number == h.number - 1:
            pairs.update(
                (h.kind, x.kind)
                for x in headings[before + 1 : index]
                if x.kind not in (h.kind, *GROUP_KINDS)
            )
        last[h.kind] = index
    return {(a, b) for a, b in pairs if (b, a) not in pairs}


def kind_prominence(headings: list[Heading]) -> dict[str, tuple[float, bool]]:
    """How each kind's headings are mostly set (kinds the file gives types for)."""
    seen: dict[str, list[tuple[float, bool]]] = {}
    for h in headings:
        if h.prominence is not None:
            seen.setdefault(h.kind, []).append(h.prominence)
    return {kind: max(set(found), key=found.count) for kind, found in seen.items()}


def _set_above(a: str, b: str, typeset: dict[str, tuple[float, bool]]) -> bool:
    """A heading known by its type alone is above a kind set less prominently (its larger
    size, or its bold at the body's size, over the marked lines of the body)."""
    if not (a.startswith(TYPE) or b.startswith(TYPE)) or a not in typeset or b not in typeset:
        return False
    return typeset[a] > typeset[b]


def _fixed_above(a: str, b: str) -> bool:
    """Bullets among themselves, Hancom outline levels among themselves and over other kinds."""
    for prefix in ("bullet", "outline"):
        if a.startswith(prefix) and b.startswith(prefix):
            return int(a[len(prefix) :]) < int(b[len(prefix) :])
    return a.startswith("outline") and b != ROMAN


def nest(headings: list[Heading]) -> list[OutlineNode]:
    """The tree: a heading of a kind already open closes what is inside that kind and is its
    sibling; one of a kind the document ranks above the open heading closes it; any other is
    inside the heading it follows (a list in a body sits under the bullet it follows)."""
    above = kind_order(headings)
    parents: list[int | None] = []
    stack: list[tuple[str, int]] = []  # (kind, index) of the open headings, outermost first
    for index, h in enumerate(headings):
        kinds = [kind for kind, _ in stack]
        if h.kind in kinds:
            del stack[kinds.index(h.kind) :]
        else:
            while stack and (h.kind, stack[-1][0]) in above:
                stack.pop()
        parents.append(stack[-1][1] if stack else None)
        stack.append((h.kind, index))
    levels = nesting_levels(headings, parents)
    levels = front_matter_levels(headings, parents, levels, above)
    return [
        OutlineNode(i + 1, None if p is None else p + 1, level, h.marker, h.text, h.page)
        for i, (h, p, level) in enumerate(zip(headings, parents, levels))
    ]


def nesting_levels(headings: list[Heading], parents: list[int | None]) -> list[int]:
    """Each heading's level: one below its parent's, or two where it skips a level the
    document usually puts between them (`4. 사업목적` › `- …` where elsewhere `6.` › `①` › `-`),
    unless the document puts it straight under such a parent as often (Ⅰ. › ① besides
    Ⅲ. › [나라] › ①)."""
    kind = [h.kind for h in headings]
    direct: dict[tuple[str, str], set[int]] = {}
    via: dict[tuple[str, str, str], set[int]] = {}
    for i, p in enumerate(parents):
        if p is None:
            continue
        direct.setdefault((kind[p], kind[i]), set()).add(p)
        grand = parents[p]
        if grand is not None:
            via.setdefault((kind[grand], kind[p], kind[i]), set()).add(grand)
    levels: list[int] = []
    for i, p in enumerate(parents):
        if p is None:
            levels.append(1)
            continue
        between = max(
            (len(g) for (a, _, c), g in via.items() if a == kind[p] and c == kind[i]), default=0
        )
        skips = between >= len(direct[(kind[p], kind[i])])
        levels.append(levels[p] + (2 if skips else 1))
    return levels


def front_matter_levels(
    headings: list[Heading],
    parents: list[int | None],
    levels: list[int],
    above: set[tuple[str, str]],
) -> list[int]:
    """Marks before the document's first heading of a higher kind (a form's □ fields before
    its 가., notes before a press release's 별첨) have nothing to sit under: they take the
    level their kind has in the rest of the document, or the one below the kinds ranked above
    them."""
    roots = {h.kind for h, p in zip(headings, parents) if p is None}
    placed: dict[str, list[int]] = {}
    for h, p, level in zip(headings, parents, levels):
        if p is not None:
            placed.setdefault(h.kind, []).append(level)
    shift: list[int] = []  # how far each heading moves: a front-matter root, and what is in it
    for h, p, level in zip(headings, parents, levels):
        if p is not None:
            shift.append(shift[p])
        elif any((a, h.kind) in above for a in roots):
            if h.kind in placed:
                moved = max(sorted(set(placed[h.kind])), key=placed[h.kind].count)
            else:
                uppers = [max(v) for k, v in placed.items() if (k, h.kind) in above]
                moved = 1 + max(uppers, default=1)
            shift.append(moved - level)
        else:
            shift.append(0)
    return [level + moved for level, moved in zip(levels, shift)]


# --------------------------------------------------------------------------- headings by type

# A PDF's author sets headings apart by type where the text carries no mark: `들어가며` in
# 14 pt bold beside a drawn `01`, `지방교부세 현황` in bold at the body's size after a drawn ◗.
# Lines clearly smaller than the body are notes: a footnote `5) …` numbers notes, not sections.
TYPE = "type"  # the kind of headings known by their type: 'type:14.0', 'type:bold'
BOLD_TIER = f"{TYPE}:bold"
MIN_TYPED = 2  # a level of headings has two or more; one larger line is a title
WORDS_RE = regex.compile(r"^\W{0,3}\p{L}.*\p{L}")  # words, not a figure or a mark
# Words opening with a year or a count ('2021년도 재정성과관리제도 운영 결과'): a heading where
# the document's headings are known by their type, though they do not tell whether it is one.
LEADING_FIGURE_RE = regex.compile(r"^\W{0,3}\d[\d.,]*\p{L}*\s+\p{L}.*\p{L}")
# A footnote's mark glued to the word it explains: '법정률10)과', '재정조정제도7)'.
NOTE_MARK_RE = regex.compile(r"(?<=[^\s\d(])\d{1,2}\)")


class BodyType(NamedTuple):
    """The type most of a document's text is set in, with the thresholds that set a line apart
    from it."""

    size: float
    weight: int
    settings: PdfSettings = DEFAULT_SETTINGS


def body_type(stream: list[Item], settings: PdfSettings = DEFAULT_SETTINGS) -> BodyType | None:
    """The (size, weight) most of the document's text is set in; None where no line says."""
    room: dict[tuple[float, int], int] = {}
    for item in stream:
        if isinstance(item, Line) and item.size is not None and item.weight is not None:
            key = (item.size, item.weight)
            room[key] = room.get(key, 0) + len(item.text)
    if not room:
        return None
    size, weight = max(room, key=lambda k: (room[k], k))
    return BodyType(size, weight, settings)


def prominence(line: Line, body: BodyType | None) -> tuple[float, bool] | None:
    """How a line is set beside the body: (its size where clearly larger, else the body's;
    whether bold where the body is not). None where the file gives no type."""
    if body is None or line.size is None or line.weight is None:
        return None
    settings = body.settings
    bold = line.weight >= settings.heading_weight > body.weight
    if line.size >= settings.heading_size_ratio * body.size:
        return line.size, bold
    if line.size * settings.heading_size_ratio <= body.size:
        return line.size, False  # set smaller: a note, a caption, a table's text
    return body.size, bold


def type_tier(line: Line, body: BodyType | None) -> str | None:
    """The kind of heading a line's type would make it: larger ('type:14.0') or bold at the
    body's size ('type:bold'); None for body text and notes."""
    found = prominence(line, body)
    if found is None or body is None:
        return None
    size, bold = found
    if size > body.size:
        return f"{TYPE}:{size:.1f}"
    return BOLD_TIER if bold and size == body.size else None


def is_numbered_note(line: Line, body: BodyType | None) -> bool:
    """A line in a note's small type numbered as notes are, `5) …`: a footnote, or a note
    under a table (`2) ( )은 …`). A list in a box set smaller (a quoted law's `1. 생계급여`,
    `① …`) is none: a box's lists are its own."""
    if line.boxed or body is None or line.size is None:
        return False
    if line.size > body.settings.note_size_ratio * body.size:
        return False
    marked = match_marker(line.text)
    return marked is not None and mark_kind(marked[0], marked[1]) == "num)"


def typed_headings(
    stream: list[Item],
    body: BodyType | None,
    lines_in_block: dict[int, int],
    toc: set[int],
) -> dict[int, str]:
    """Indices of unmarked lines that are headings by their type, with their kind: short
    lines standing alone (no box's label) in a tier the document uses for two or more such
    lines — in a document that does not number its headings itself (where most lines of a
    heading type carry a printed mark, the marks are its headings, and a larger line without
    one is a title)."""
    candidates: dict[str, list[int]] = {}
    led_by_figures: dict[str, list[int]] = {}
    marked: dict[str, int] = {}
    for index, item in enumerate(stream):
        if not isinstance(item, Line) or index in toc:
            continue
        tier = type_tier(item, body)
        if tier is None:
            continue
        if match_marker(item.text) is not None or has_drawn_mark(item):
            marked[tier] = marked.get(tier, 0) + 1
        elif (
            body is not None
            and len(item.text) <= body.settings.heading_max_chars
            and not (item.boxed and lines_in_block[item.block] == 1)
            and not is_unit_statement(item.text)
        ):
            if WORDS_RE.match(item.text):
                candidates.setdefault(tier, []).append(index)
            elif LEADING_FIGURE_RE.match(item.text):
                led_by_figures.setdefault(tier, []).append(index)
    if any(n >= MIN_TYPED and n >= len(candidates.get(t, ())) for t, n in marked.items()):
        return {}  # the document numbers its headings: its marks say where they are
    levels = {tier: found for tier, found in candidates.items() if len(found) >= MIN_TYPED}
    found = {index: tier for tier, found in levels.items() for index in found}
    for tier, indices in led_by_figures.items():
        if tier in levels:
            found.update(dict.fromkeys(indices, tier))
    return found


MAX_BOX_ROWS = 4
MAX_BOX_LABEL = 4  # a box's label, `참고`, `사례`, over or before its title
TITLED_TEXT_LINES = 2  # under a title cell (`2025년 주요 개선 사항`), a box's text of two lines


def with_text_boxes(stream: list[Item]) -> tuple[list[Item], set[int], set[int]]:
    """The stream with the text of boxes drawn as a table (`text_box_lines`) after each such
    table; the indices of those lines; and of those read as a box's lines. Under a title bar
    or a title cell (a `2025년 주요 개선 사항` box) the text is the document's, read as a box's
    lines; under a label over a title over the text (a '참고' box, whose cell may hold a
    table's text flattened) only a heading set in the document's heading type is read. A table
    in a table's cell is no box: the stream gives it after its table, or after the lines of a
    one-cell box, of the same block."""
    out: list[Item] = []
    inside: set[int] = set()
    read: set[int] = set()
    blocks: set[int] = set()
    for item in stream:
        out.append(item)
        if isinstance(item, TableRef) and item.block not in blocks:
            lines, titled = text_box_lines(item)
            for line in lines:
                inside.add(len(out))
                if titled:
                    read.add(len(out))
                out.append(line)
        blocks.add(item.block)
    return out, inside, read


def text_box_lines(ref: TableRef) -> tuple[list[Line], bool]:
    """The lines of a box drawn as a table, less the box's label and title, and whether the
    title was a cell of its own (`2025년 주요 개선 사항` › `◊…` › `- …`). A title bar (`title_bar`)
    over or beside the text, in any file; in a one-column table where the file gives the type
    its lines are set in (a PDF), a title cell over the text, or a label and title over it,
    the title its first line of words (`참고` › `… 주요국 사례 : 프랑스` › `프랑스의
    지방재정조정제도` › text)."""
    table = ref.table
    cells = sorted(table.cells, key=lambda c: (c.row, c.col))
    if table.n_cols != 1 or all(c.line_types is None for c in cells):
        bar = title_bar(table, cells)
        return (bar_text(ref, cells[1:]) if bar else []), bar
    if table.n_rows > MAX_BOX_ROWS:
        return [], False
    lines: list[Line] = []
    titled = False
    for cell in cells:
        if cell.line_types is None:
            continue
        found = cell_lines(ref, cell)
        if not lines and not titled and len(found) == 1:
            titled = len(found[0].text) > MAX_BOX_LABEL  # a label (`참고`) or the title
        elif len(found) >= (TITLED_TEXT_LINES if titled else QUOTE_LINES):
            lines.extend(found)
    if titled:
        return lines, True
    title = next((k for k, line in enumerate(lines) if len(line.text) > MAX_BOX_LABEL), None)
    return ([] if title is None else lines[title + 1 :]), False


def title_bar(table, cells: list) -> bool:
    """Whether a table is a box's title bar over its text (a column of a few rows) or beside
    it (one row of two cells): its first cell one line of words, shaded, the text's cells not
    so. A file that does not give its lines' type (HWP, HWPX) says no more of a title than its
    drawing: a one-column table under a header drawn like its body is a table of one column
    (moel_employment_center_rules.hwp's [별표 6]: `주요 내용` over its duties, `- …`)."""
    over = table.n_cols == 1 and table.n_rows <= MAX_BOX_ROWS
    beside = (table.n_rows, table.n_cols) == (1, 2)
    if not (over or beside) or len(cells) < 2 or cells[0].fill is None:
        return False
    title = [part for part in cells[0].text.split("\n") if part.strip()]
    return (
        len(title) == 1
        and len(fold_spaces(title[0])) > MAX_BOX_LABEL
        and all(c.fill != cells[0].fill for c in cells[1:])
    )


def bar_text(ref: TableRef, cells: list) -> list[Line]:
    """The lines of the cells under or beside a title bar that hold a box's text (two lines
    or more; a one-line cell is a caption or a field, not the text)."""
    found = [cell_lines(ref, cell) for cell in cells]
    return [line for lines in found if len(lines) >= TITLED_TEXT_LINES for line in lines]


def cell_lines(ref: TableRef, cell) -> list[Line]:
    return text_lines(
        cell.text, ref.page, ref.block, ref.position, boxed=True, types=cell.line_types
    )


def typed_heading(line: Line, kind: str, body: BodyType | None) -> Heading:
    return Heading(kind, None, "", without_note_marks(line.text), line.page, prominence(line, body))


def without_note_marks(text: str) -> str:
    """A heading's text without the footnote marks set in it."""
    return fold_spaces(NOTE_MARK_RE.sub("", text)).strip()


# --------------------------------------------------------------------------- the tree


def extract_outline(
    stream: list[Item], settings: PdfSettings = DEFAULT_SETTINGS
) -> list[OutlineNode]:
    """`settings`: the thresholds the document was read with (`type_settings(doc)`)."""
    headings = place_forms(annexes_as_chapters(read_headings(stream, settings)))
    return nest(typed_outline_numbers(headings))


OUTLINE = "outline"
ANNEX = "annex"


def typed_outline_numbers(headings: list[Heading]) -> list[Heading]:
    """Numbers typed by hand where the author's outline numbers its own: a Hancom outline level
    numbers its items (1. 2. …) without printing them in the text, and authors type the next
    ones ('5. 「중대재해 …」' after four outline items; '1. 추진 목표' … '15. 기 타' under a
    chapter with none). A typed '1.' list that numbers on where the outline's next level under
    the open chapter would, and is no sub-list of its items, is that level."""
    out: list[Heading] = []
    chapter: int | None = None  # the open outline level
    count = 0  # items of the level below it so far
    sub_last: int | None = None  # the last number of a typed sub-list under those items
    for h in headings:
        if h.kind.startswith(OUTLINE):
            level = int(h.kind[len(OUTLINE) :])
            if chapter is None or level <= chapter:
                chapter, count = level, 0
            elif level == chapter + 1:
                count += 1
            sub_last = None
        elif chapter is not None and h.kind == "num." and h.number is not None:
            if h.number == count + 1 and (sub_last is None or h.number != sub_last + 1):
                h = h._replace(kind=f"{OUTLINE}{chapter + 1}")
                count += 1
            else:
                sub_last = h.number
        out.append(h)
    return out


def type_settings(doc) -> PdfSettings:
    """The type thresholds a document was read with: its reader's settings where they are a
    PdfSettings (a caller's own), else the defaults."""
    return doc.read_with if isinstance(doc.read_with, PdfSettings) else DEFAULT_SETTINGS


def read_headings(stream: list[Item], settings: PdfSettings = DEFAULT_SETTINGS) -> list[Heading]:
    """The stream's headings in order, each with its kind; wrapped lines joined."""
    headings: list[Heading] = []
    stream, in_boxes, box_text = with_text_boxes(stream)
    toc = toc_items(stream)
    full = full_width(stream)
    across_blocks = wraps_across_blocks(stream, full)
    lines_in_block: dict[int, int] = {}
    for item in stream:
        if isinstance(item, Line):
            lines_in_block[item.block] = lines_in_block.get(item.block, 0) + 1
    # A text box's lines (a table of one column) are a box of lines, but the next page's
    # one-cell box is not their rest, nor is one of them a title box.
    quotes = quoted_boxes(stream, lines_in_block, toc, in_boxes)
    titles = title_boxes(stream, lines_in_block, toc | in_boxes)
    labels = list_labels(stream, toc)
    body = body_type(stream, settings)
    typed = typed_headings(stream, body, lines_in_block, toc)
    last_line: Line | None = None  # the heading's last line, which a wrapped line may follow
    previous: Line | None = None  # the line just before, whatever it is
    quoting: int | None = None  # the indent of a cited article whose lines follow
    article = 0  # which heading cited it
    in_form = False  # inside a form to fill in, up to the next chapter
    listings = label_listings(stream)
    titled: set[int] = set()  # lines a label above takes as its title
    notes_next: int | None = None  # the number the next note under a '[주]' label has

    for index, item in enumerate(stream):
        before, previous = previous, item if isinstance(item, Line) else None
        if isinstance(item, TableRef):
            last_line, notes_next = None, None
            label = boxed_label(item.table) if index not in toc else None
            if label is not None:  # '<붙임1>' in a frame of its own, its title below
                kind, marker = label
                title, used = title_after(stream, index, toc)
                titled.update(range(index + 1, (used or index) + 1))
                headings.append(Heading(kind, None, marker, title, item.page))
                in_form = kind == FORM
                continue
            box = heading_box(item.table)
            if box is not None and (box[0] == 1 or not in_form):
                level, numeral, title = box
                kind = ROMAN if level == 1 else "box-num"
                headings.append(Heading(kind, mark_number(numeral), numeral, title, item.page))
                in_form = False
            continue
        if index in listings:
            in_form = in_form and not ANNEX_LABEL_RE.match(item.text)
            last_line = None
            continue
        if index in titled:  # a label's title, on the line under it
            last_line = None
            continue
        part = part_label(item) if index not in toc and index not in in_boxes else None
        if part is not None:
            kind, marker, title = part
            used = None
            if not title:
                title, used = title_after(stream, index, toc)
            if BARE_ANNEX_RE.match(marker) and (not title or used is not None):
                # A bare '붙임' is the label of the box under it that titles the annex (a
                # divider: '붙임' over '| 별지 서식 |'); over anything else, a word of the text.
                part = None
        if part is not None:
            in_form, last_line, notes_next = kind == FORM, None, None
            titled.update(range(index + 1, (used or index) + 1))
            kind = SCHEDULE_PART if kind == SCHEDULE and used is not None else kind
            headings.append(Heading(kind, None, marker, title, item.page))
            continue
        if RULE_LINE_RE.match(item.text) or opens_a_form(item):
            in_form = in_form or opens_a_form(item)
            last_line = None
            continue
        if NOTES_LABEL_RE.match(item.text):  # '[주]' over its numbered notes
            notes_next, last_line = 1, None
            continue
        if notes_next is not None:
            marked = match_marker(item.text)
            if marked is not None and marked[0] == 2 and mark_number(marked[1]) == notes_next:
                notes_next += 1
                continue
            if marked is None and notes_next > 1:
                continue  # a note's own line: '(예) (A사 점수×A사 지분율)+…'
            notes_next = None
        if in_form:
            marked = match_marker(item.text)
            chapter = marked is not None and mark_kind(marked[0], marked[1]) == ROMAN
            if not chapter and not ANNEX_LABEL_RE.match(item.text):
                continue
            in_form = False
        if index in in_boxes and (index in typed or index not in box_text):
            last_line = None  # a text box's heading set in type; the rest of a '참고' box
            if index in typed:
                headings.append(typed_heading(item, typed[index], body))
            continue
        if index in toc or is_numbered_note(item, body) or in_note(item):
            last_line = None
            continue
        if continues_inline_list(before, item):
            if before is not None and last_line is before and headings:  # its enumeration, wrapped
                text = joined_lines(headings[-1].text, before, item.text)
                headings[-1] = headings[-1]._replace(text=text)
                last_line = item
            continue
        if item.head is None and runs_inline_list(item.text):
            last_line = None
            continue
        found = line_heading(item, lines_in_block[item.block], headings)
        if found is None and index in typed:
            heading = headings[-1] if headings else None
            if (
                heading is not None
                and heading.kind == typed[index]
                and last_line is not None
                and continues(last_line, item, across_blocks, full)
            ):  # a heading's second line, set as its first
                text = without_note_marks(joined_lines(heading.text, last_line, item.text))
                headings[-1] = heading._replace(text=text)
                last_line = item
                continue
            found = typed_heading(item, typed[index], body)
        elif found is not None:
            found = found._replace(prominence=prominence(item, body))
        if found is None and index in titles:
            found = Heading("title-box", None, "", item.text, item.page)
        if found is None and index in labels:
            found = Heading("label", None, "", item.text, item.page)
        if found is None:
            heading = headings[-1] if headings else None
            if (
                last_line is not None
                and heading is not None
                and not heading.kind.startswith(TYPE)  # its wrapped lines are in its type
                and len(heading.text) < MAX_CONTINUED
                and not is_unit_statement(item.text)
                and continues(last_line, item, across_blocks, full)
            ):
                headings[-1] = heading._replace(
                    text=joined_lines(heading.text, last_line, item.text)
                )
                last_line = item
            else:
                last_line = None
            continue
        quoting = quoting if quoting is not None and indent_of(item) > quoting else None
        if item.block in quotes and not found.kind.startswith("bullet"):
            # a box's numbers are its own list's; its bullets are the document's
            found = found._replace(kind=f"quote:{found.kind}")
        elif quoting is not None and not found.kind.startswith("bullet"):
            # a quoted article numbers its own lists, each article afresh
            found = found._replace(kind=f"article{article}:{found.kind}")
        if quoting is None and LAW_ARTICLE_RE.search(found.text):
            quoting, article = indent_of(item), len(headings)
        headings.append(found)
        last_line = item
    return headings


# A heading that cites a law's article by its title, '○ 법인세법 제60조의2 【성실신고확인서
# 제출】': the lines indented under it quote the article, its ①, 1. and 가. its own.
LAW_ARTICLE_RE = regex.compile(r"제\s*\d+\s*조(?:의\s*\d+)?\s*【[^】]+】\s*$")


def indent_of(line: Line) -> int:
    """How far a line is indented by the spaces it opens with."""
    return len(line.raw) - len(line.raw.lstrip(" \u3000"))


# The label of a list of notes: '[주]' over '1.「신용정보의 …」…', '2. …' — notes numbered from 1,
# not the document's sections (which go on after them: '5. 기타사항').
NOTES_LABEL_RE = regex.compile(r"^(?:[\[<〈【(]\s*주\s*[\]>〉】)]|주\s*\))$")
# A cut line ('-----…', '━━━…'): the dotted line of a form's tear-off slip, never a heading.
RULE_LINE_RE = regex.compile(r"^[-–−─━=_~]{5,}$")
# The brackets an author sets a label in: '[붙임 3]', '【양식 1】', '<서식4>', '〈붙임 2〉'.
_OPEN, _CLOSE = r"[\[【<〈《［]", r"[\]】>〉》］]"
# The label a form to fill in opens with: '【서식 1】', '[별지 제1호 서식]', '<서식4>',
# '【양식 1】', '【별지 2,3호 서식】'.
FORM_LABEL_RE = regex.compile(
    rf"^{_OPEN}\s*(?:별지\s*)?(?:제?\s*\d{{1,2}}(?:\s*,\s*\d{{1,2}})*\s*호(?:의\s*\d{{1,2}})?\s*)?"
    rf"(?:서|양)\s*식\s*(?:제?\s*\d{{1,2}}(?:-\d{{1,2}})?\s*호?)?\s*{_CLOSE}"
)
# A schedule's label: '[별표 1] 사업자 보안위규 처리기준', '【별표2】', '[별표 3]. …'.
SCHEDULE_LABEL_RE = regex.compile(rf"^{_OPEN}\s*별\s*표\s*\d{{0,2}}\s*{_CLOSE}\.?")


# An annex's label, which ends a form: '[별표 1] 사업자 보안위규 처리기준', '[붙임 3] …', '붙임 2.'.
ANNEX_LABEL_RE = regex.compile(
    rf"^(?:{_OPEN}\s*(?:별표|붙임|별첨|부록)\s*\d{{0,2}}\s*{_CLOSE}|(?:별표|붙임|별첨|부록)\s*\d{{1,2}}(?!\d))"
)


# An annex's own heading: '붙임 1. 사업 보안위규 처리기준', '[붙임 3] 정보시스템 … 기술평가표',
# '<별첨1> 기술제안서 세부평가기준', a bare '[붙임 4]' over its forms — not a letter's list of
# attachments ('붙임 1. 계획서 1부.  끝.').
ANNEX_HEADING_RE = regex.compile(
    rf"^(?P<label>{_OPEN}\s*(?:붙임|별첨|부록)\s*\d{{0,2}}\s*{_CLOSE}|(?:붙임|별첨|부록)\s*\d{{1,2}}\s*[.)]"
    r"|(?:붙\s*임|별\s*첨|부\s*록)(?=\s*$))\s*(?P<title>.*)$"
)
BARE_ANNEX_RE = regex.compile(r"^(?:붙\s*임|별\s*첨|부\s*록)$")
LETTER_END_RE = regex.compile(r"끝\s*\.?\s*$")
MIN_LISTING = 3  # labels in a row: a list of the annexes and forms, each found again later
FORM = "form"  # a form's or a schedule's label: see `place_forms`
SCHEDULE = "schedule"  # with its title on its line
SCHEDULE_PART = "schedule-part"  # on a line of its own over its title


@memoized
def label_match(text: str) -> tuple[str, str, str] | None:
    """(kind, label, rest) of a line that opens with an annex's (ANNEX), a form's (FORM) or a
    schedule's (SCHEDULE) label: '<별첨1>', '【양식 1】', '[별표 2]'."""
    m = ANNEX_HEADING_RE.match(text)
    if m is not None:
        return ANNEX, m.group("label"), m.group("title").strip()
    for kind, pattern in ((FORM, FORM_LABEL_RE), (SCHEDULE, SCHEDULE_LABEL_RE)):
        m = pattern.match(text)
        if m is not None:
            return kind, m.group(0).strip(), text[m.end() :].strip()
    return None


def part_label(line: Line) -> tuple[str, str, str] | None:
    """(kind, label, title) of a line labelling an annex (ANNEX), a form (FORM) or a schedule
    (SCHEDULE): '<별첨1> 기술제안서 세부평가기준', '【양식 1】', '[별표 2] 보안위약금 부과기준'."""
    part = label_match(line.text)
    if part is None or LETTER_END_RE.search(line.text) or LEADER_RE.search(line.text):
        return None  # a letter's attachments, a contents entry '[별첨7] … ····'
    return part


def annex_heading(line: Line) -> Heading | None:
    part = part_label(line)
    if part is None or part[0] != ANNEX:
        return None
    return Heading(ANNEX, None, part[1], part[2], line.page)


# A title's first line that names only its year: '2026학년도' over '자율(전공) 동아리 … 보고서'.
YEAR_ONLY_RE = regex.compile(r"^(?:19|20)\d{2}\s*(?:학년도|년도|년)$")


def title_after(stream: list[Item], index: int, skip: set[int]) -> tuple[str, int | None]:
    """The title a bare label ('<서식1>', '[별표1]', '[별지 제2호 서식]', '<붙임2>') sets over its
    part: the line after it, short and unmarked ('일반현황 및 연혁'), or the title row of the
    table that follows it ('입찰참가신청서' over the form's cells); and the index of the line
    it takes. No title where the next is another label ('<붙임4>' over '<붙임5>') or text."""
    if index + 1 >= len(stream) or index + 1 in skip:
        return "", None
    after = stream[index + 1]
    if isinstance(after, TableRef):
        return table_title(after.table) or "", None
    if not _title_line(after) and after.boxed:
        # a note boxed between the label and its title ('[별지 제7호 서식]', a box '본 표준 …
        # 계약서는 …', then '표준 개인정보처리위탁 계약서')
        end = index + 1
        while end < len(stream) and _in_block(stream[end], after.block):
            end += 1
        title = stream[end] if end < len(stream) else None
        if isinstance(title, Line) and _title_line(title):
            return join_spaced_syllables(title.text), end
        return "", None
    if not _title_line(after):
        return "", None
    if YEAR_ONLY_RE.match(after.text) and index + 2 < len(stream):
        rest = stream[index + 2]
        if isinstance(rest, Line) and _title_line(rest):
            return join_spaced_syllables(f"{after.text} {rest.text}"), index + 2
    return join_spaced_syllables(after.text), index + 1


def _in_block(item: Item, block: int) -> bool:
    return isinstance(item, Line) and item.block == block


def _title_line(line: Line) -> bool:
    """A line that may be a title: short, unmarked, no sentence or statement."""
    text = line.text
    return not (
        match_marker(text) is not None
        or _is_label(line)
        or len(text) > MAX_BOX_TITLE
        or text.endswith((".", ":", "："))
        or is_unit_statement(text)
        or RULE_LINE_RE.match(text)
    )


def table_title(table) -> str | None:
    """The title row of a table: a first row of one filled cell, its first line
    ('소프트웨어사업 과업변경요청서(제26조 관련)' across the form, '별지 서식' in a divider box),
    under the line naming the form it reproduces, if any."""
    for row in range(min(table.n_rows, 3)):
        filled = [c for c in table.cells if c.row == row and c.text.strip()]
        if not filled:
            continue
        if len(filled) != 1:
            return None
        line = fold_spaces(filled[0].text.strip().split("\n")[0])
        if FORM_SOURCE_RE.search(line):
            continue  # '■ 소프트웨어사업 … 지침 [별지 제7호서식]': the form it reproduces
        return join_spaced_syllables(line) if len(line) <= MAX_BOX_TITLE else None
    return None


def boxed_label(table) -> tuple[str, str] | None:
    """(kind, label) of a label set in a box of its own ('<붙임1>' in a frame, its other cells
    empty), its title below the box."""
    filled = [c for c in table.cells if c.text.strip()]
    if len(filled) != 1 or "\n" in filled[0].text.strip():
        return None
    text = fold_spaces(filled[0].text.strip())
    part = part_label(Line(text, text, table.page, 0))
    return (part[0], part[1]) if part is not None and not part[2] else None


def _is_label(line: Line) -> bool:
    return _label_key(line) is not None


def label_listings(stream: list[Item]) -> set[int]:
    """Lines listing what the document annexes, not its annexes: a run of annex and form labels
    ('[붙임 1] …', '[붙임 2] …', '[별지 제1호 서식] …'), and a label with its title that the
    document prints again after other labels ('<별첨 1> 기술제안서 세부평가기준' over its
    contents, then '<별첨 2> …', then the annex '<별첨1> …' itself)."""
    listed: set[int] = set()
    run: list[int] = []
    keys: set[str] = set()
    labels: list[tuple[int, str]] = []
    before: set[str] = set()  # the labels of the runs before this one
    for index, item in enumerate([*stream, None]):
        key = _label_key(item) if isinstance(item, Line) else None
        if key is not None:
            labels.append((index, key))
        if key is not None and key not in keys and key not in before:
            run.append(index)
            keys.add(key)
            continue
        if len(run) >= MIN_LISTING:
            listed.update(run)
        # A label a listing has listed already is the first annex itself.
        before |= keys
        run, keys = ([index], {key}) if key is not None else ([], set())
    for k, (index, key) in enumerate(labels):
        line = stream[index]
        part = part_label(line) if isinstance(line, Line) else None
        if part is None or not part[2]:
            continue  # an entry of a listing names what it lists: a bare label is the part
        later = next((j for j in range(k + 1, len(labels)) if labels[j][1] == key), None)
        if later is not None and any(labels[j][1] != key for j in range(k + 1, later)):
            listed.add(index)
    return listed


_BRACKETS_RE = regex.compile(rf"{_OPEN}|{_CLOSE}|[\s.)제호]")


def _label_key(line: Line) -> str | None:
    found = label_match(line.text)
    return label_key(found[1]) if found is not None else None


@memoized
def label_key(label: str) -> str:
    """What a label names, whichever brackets it is in: '<별첨 1>' and '【별첨1】' are both
    '[별첨1', '붙임 1.' (a numbering of its own: an annex's annexes) is '붙임1'."""
    return ("[" if label[0] in "[【<〈《［" else "") + _BRACKETS_RE.sub("", fold_spaces(label))


def chapter_kind(headings: list[Heading]) -> str:
    """The kind of the document's chapters: Ⅰ., or its Hancom outline's top level."""
    outline_levels = [int(h.kind[len(OUTLINE) :]) for h in headings if h.kind.startswith(OUTLINE)]
    if outline_levels and not any(h.kind == ROMAN for h in headings):
        return f"{OUTLINE}{min(outline_levels)}"
    return ROMAN


def annexes_as_chapters(headings: list[Heading]) -> list[Heading]:
    """An annex is a chapter of the document: its labels take the kind of the document's
    chapters (Ⅰ., or its outline's top level), else a chapter's own."""
    chapters = chapter_kind(headings)
    return [h._replace(kind=chapters) if h.kind == ANNEX else h for h in headings]


# A chapter for the forms: 'Ⅵ. 제출목록 및 서식', '붙임 | 별지 서식', '<별첨 2> … 작성양식'.
FORMS_TITLE_RE = regex.compile(r"서\s*식|양\s*식")


def place_forms(headings: list[Heading]) -> list[Heading]:
    """Forms and schedules are parts of the chapter that holds them: one whose title names
    them ('Ⅵ. 제출목록 및 서식' over its 【서식 N】, a '붙임 | 별지 서식' divider over its <서식N>),
    or that opens with them. A form after a chapter's own sections is an annex of its own, a
    chapter ('【양식 1】' after <별첨1>'s 1.-4., and the forms after it). A schedule set apart
    on a line of its own over its title ('[별표1]' / '사업자 보안위규 처리기준') is a part of its
    chapter wherever it stands ('<붙임3> 용역사업 보안특약' after its clauses); one with its
    title on its line after a chapter's own sections is the caption of the table it labels
    ('【별표1】기술제안서 평가 … 비율' over the table the text cites), no heading. A form numbered
    as one before it is another instrument's, which its chapter reproduces ('■ … 지침 [별지
    제7호서식]' in [붙임 4]'s 착수계, after the document's own 제7호): a part of it. With no chapter
    before them, forms and schedules are no headings: nothing holds them, and a chapter made of
    them would push the document's own top level down."""
    chapters = chapter_kind(headings)
    out: list[Heading] = []
    # The open chapter: None (none yet), 'open' (nothing in it yet), 'forms' (it holds forms),
    # 'form' (it is a form), 'other' (it has sections of its own).
    state = None
    forms: set[str] = set()  # the labels of the forms so far
    for h in headings:
        if h.kind == chapters:
            state = "forms" if FORMS_TITLE_RE.search(h.text) else "open"
        elif h.kind in (FORM, SCHEDULE, SCHEDULE_PART):
            if state is None:
                continue
            key = label_key(h.marker)
            again = h.kind == FORM and key in forms
            if h.kind == FORM:
                forms.add(key)
            if state in ("open", "forms") or (h.kind != FORM and state == "form") or again:
                state = "forms" if state == "open" else state
                h = h._replace(kind=FORM)
            elif h.kind == FORM:
                h, state = h._replace(kind=chapters), "form"
            elif h.kind == SCHEDULE_PART:
                h = h._replace(kind=FORM)
            else:
                continue
        elif state == "open":
            state = "other"
        out.append(h)
    return out


def opens_a_form(line: Line) -> bool:
    """A line labelling a form ('【서식 9】' over '용역수행 참여 요원 세부 이력사항'): what
    follows, up to the next chapter, is the form's to fill in — its numbered notes ('1. 공고일
    현재 근무하고 있는 자 …') and a pledge's clauses are no sections of the report."""
    return bool(FORM_LABEL_RE.match(line.text))


def continues_inline_list(before: Line | None, line: Line) -> bool:
    """A line starting with ③ after a line of the same block that runs ① … ② inline, not at
    its start, and stops mid-sentence ('‣ (추진원칙) ① 최종 이용자의 관점에서 ② … 목표로' / '③ 혁신
    친화적인 방식으로 ④ …', one paragraph broken by a line break; '… → ① … x 70%,' / '② …'):
    the enumeration goes on, no item of a list begins. After a full stop (a quoted law's '… ①
    생계급여는 … 할 수 있다.' / '② 제1항에 따라 …') the next paragraph of its list begins."""
    if before is None or before.block != line.block or line.text[:1] not in CIRCLED:
        return False
    number = CIRCLED.index(line.text[0])
    return (
        number > 0
        and CIRCLED[number - 1] in before.text[1:]
        and not before.text.rstrip().endswith((".", "。"))
    )


def runs_inline_list(text: str) -> bool:
    """A line that starts with ① and runs ② … on in itself ('① e나라도움 로그인 → ② 사업수행관리
    → ③ …', a procedure in a box): an enumeration of its own, not the first item of a list of
    headings."""
    if text[:1] not in CIRCLED:
        return False
    number = CIRCLED.index(text[0])
    return number + 1 < len(CIRCLED) and CIRCLED[number + 1] in text[1:]


def in_note(line: Line) -> bool:
    """A line of a Hancom foot- or endnote: the note's text, never a heading of the body, though
    it may start with a bullet (`․ 조세수입 : …` under a table cell's footnote mark)."""
    inside = line.position.inside if line.position is not None else None
    return inside is not None and ("footnote" in inside or "endnote" in inside)


@memoized
def is_unit_statement(text: str) -> bool:
    """'(단위: 백만원, %)' on a line of its own under a heading: the table's unit, which does
    not continue the heading (one printed inside the heading's own line is its text)."""
    return not UNIT_STATEMENT_RE.sub("", text).strip()


def line_heading(item: Line, box_lines: int, before: list[Heading]) -> Heading | None:
    """A line's heading: its printed mark, a group label box, a Hancom outline or numbering
    head (the author's own level, which wins over a printed mark), or a bare mark that
    continues its list (`(2)` over a chart: a heading whose title is no text)."""
    marked = match_marker(item.text)
    if item.head is not None and item.head[0] in ("outline", "number"):
        kind = f"{item.head[0]}{item.head[1]}"
        if item.head[0] == "number" and marked is not None:
            kind = mark_kind(marked[0], marked[1])  # the number is printed: its own kind
        text = marked[2] if marked else join_spaced_syllables(item.text)
        return Heading(kind, None, marked[1] if marked else "", text, item.page)
    if marked is not None:
        level, marker, rest = marked
        return Heading(mark_kind(level, marker), mark_number(marker), marker, rest, item.page)
    group = group_label(item, box_lines)
    if group is not None:
        return Heading("group", None, group[1], group[2], item.page)
    bare = BARE_MARK_RE.match(item.text)
    if bare is not None:
        level = next(lv for lv, pattern in MARKERS if pattern.match(item.text + " x"))
        kind, number = mark_kind(level, item.text), mark_number(item.text)
        previous = next((h for h in reversed(before) if h.kind == kind), None)
        if number is not None and previous is not None and previous.number == number - 1:
            return Heading(kind, number, item.text, "", item.page)
    return None


BARE_MARK_RE = regex.compile(r"^(?:\(\d{1,2}\)|\d{1,2}[.)]|[가-하][.)]|[①-⑳])$")
QUOTE_LINES = 3  # a box of this many lines holds its own text (a law's, a list set apart)
MAX_TITLE_BOX = 40
# A title: words of three syllables or more, maybe in brackets — not a legend (`: 시행중인 …`) or
# a note's label (`[주]`, `<예시>`).
TITLE_RE = regex.compile(r"^[<《\[(]?\s*[\p{L}\d](?=(?:.*?\p{Hangul}){3})")


def quoted_boxes(
    stream: list[Item], lines_in_block: dict[int, int], toc: set[int], in_tables: set[int]
) -> set[int]:
    """Blocks of boxes of several lines — a quoted text (`제12조(…) ① 국가와 …`), a list set
    apart (`① … ② … ③ …` under a bullet) — and the rest of such a box on the next page. Their
    lists are the box's own, inside the heading the box follows. A contents box is none. The
    lines at `in_tables` are a table's of one column (`with_text_boxes`): a one-cell box on
    the next page is not taken for their rest, a box holding a heading there (`4. 기대 효과`)
    being as likely."""
    first: dict[int, Line] = {}
    texts: dict[int, list[str]] = {}
    for index, item in enumerate(stream):
        if isinstance(item, Line) and item.boxed and index not in toc:
            first.setdefault(item.block, item)
            texts.setdefault(item.block, []).append(item.text)
    tables = {stream[i].block for i in in_tables}
    quotes: set[int] = set()
    for block, line in sorted(first.items()):
        opens = lines_in_block[block] >= QUOTE_LINES and not tagged_heading(texts[block])
        previous = first.get(block - 1)
        split = (
            previous is not None
            and block - 1 in quotes
            and block - 1 not in tables
            and line.page is not None
            and line.page == (previous.page or 0) + 1
            and lines_in_block[block] > 1
        )  # the rest of the box above, which a page break split (a PDF's pages)
        if opens or split:
            quotes.add(block)
    return quotes


MAX_TAG = 12  # a tag beside a boxed heading: '행안부,', '각부처·지자체', '행안·교육·'


def tagged_heading(lines: list[str]) -> bool:
    """A box of one marked heading and a short tag in a text box beside it, a line or two of a
    few words ('① 민원사무에 대한 자기정보 활용 (…)' | '행안부,' / '각부처·지자체'): a heading, not
    a box of lines numbering its own list — or its siblings tagged with one line only would be
    of another list."""
    return (
        match_marker(lines[0]) is not None
        and 1 <= len(lines) - 1 <= 2
        and all(len(t) <= MAX_TAG and match_marker(t) is None for t in lines[1:])
    )


def title_boxes(stream: list[Item], lines_in_block: dict[int, int], skip: set[int]) -> set[int]:
    """Indices of unnumbered title boxes the document uses as section titles: one short line
    in a box of its own, directly followed by a marked heading or a boxed one (`1 | | 선제적 …`
    under `우선 추진과제`) — when it has two or more (lines at `skip`, a contents page's, are
    none)."""
    found = []
    for index, item in enumerate(stream[:-1]):
        after = stream[index + 1]
        if (
            isinstance(item, Line)
            and item.boxed
            and index not in skip
            and lines_in_block[item.block] == 1
            and len(item.text) <= MAX_TITLE_BOX
            and match_marker(item.text) is None
            and TITLE_RE.match(item.text)
            and not UNIT_STATEMENT_RE.search(item.text)
            and opens_a_section(after)
        ):
            found.append(index)
    return set(found) if len(found) >= 2 else set()


def opens_a_section(item: Item) -> bool:
    """A marked line, or a boxed heading (`heading_box`): what a section's title is over."""
    if isinstance(item, TableRef):
        return heading_box(item.table) is not None
    return match_marker(item.text) is not None


MAX_LABEL = 30


def list_labels(stream: list[Item], toc: set[int]) -> set[int]:
    """Indices of short unmarked lines that head a numbered list starting over, `(총투자 기준)`
    › `1. 분기별 동향`, `2. …`, `(순투자 기준)` › `1. 분기별 동향`: when a list starts over
    under two or more such lines, they are the titles of its groups."""
    by_kind: dict[str, list[int]] = {}
    for index, item in enumerate(stream[:-1]):
        after = stream[index + 1]
        if (
            not isinstance(item, Line)
            or not isinstance(after, Line)
            or index in toc
            or len(item.text) > MAX_LABEL
            or is_unit_statement(item.text)
            or match_marker(item.text) is not None
            or item.head is not None
        ):
            continue
        marked = match_marker(after.text)
        if marked is not None and marked[0] < 4 and mark_number(marked[1]) == 1:
            by_kind.setdefault(mark_kind(marked[0], marked[1]), []).append(index)
    return {i for found in by_kind.values() if len(found) >= 2 for i in found}
