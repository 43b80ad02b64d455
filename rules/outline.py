"""The outline every report has: headings and bullets by their marks, as a tree.

Marks rank in the order Korean public documents nest them: Ⅰ. › 1. › 가. › □ › ㅇ/○ › ◦ › - ›
· › * / ※. Besides marked lines:
* a boxed heading as Hancom draws it — a small table of a numeral and a title, the other
  cells empty: `1 | 성과`, `Ⅰ | | 사업개요`, `붙임 | | 과제별 추진일정` — is a heading at its
  numeral's rank;
* a one-line title box `[나 라] …` (a bracketed group label) is a heading at rank 2;
* table-of-contents lines (`Ⅰ. 일반현황 ······ 3`, `Ⅱ. 정책방향\\t 4`, and the unnumbered entries
  between them) are not headings.
A line without a mark continues the heading before it (a wrapped line): in a Hancom file only
within the heading's own paragraph (wrapping never crosses paragraphs there); in a PDF or a
text file, where each printed line may be its own block, only after a line that runs the width
of the page.
"""

from __future__ import annotations

import unicodedata

import regex

from .facts import OutlineNode
from .lines import Item, Line, TableRef
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
    (5, regex.compile(r"^([ㅇ○])\s*(?=\S)")),
    (6, regex.compile(r"^([◦❍●◎•∘])\s*(?=\S)")),
    (7, regex.compile(r"^([-–−])\s*(?=\S)")),
    (8, regex.compile(r"^([·])\s*(?=\S)")),
    (9, regex.compile(r"^([*※])\s*(?=\S)")),
]


def match_marker(text: str) -> tuple[int, str, str] | None:
    """(level, marker, rest) for a line that starts with an outline mark."""
    for level, pattern in MARKERS:
        m = pattern.match(text)
        if m and m.group(1):
            rest = text[m.end() :].strip()
            if rest:
                return level, m.group(1), rest
    return None


# --------------------------------------------------------------------------- contents pages

# An entry's page number after a tab or a leader of dots/rules: 'Ⅱ. 정책방향\t 4', '개요 …… 3'.
PAGE_REF_RE = regex.compile(r"\p{L}.*?(?:\t|[.·…‥・ㆍ∙‧･\-─_]{3,})\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")
# The title of a contents page: '목 차', '[ 목    차 ]', '순   서', '<제목 차례>', 'Contents'.
TOC_TITLE_RE = regex.compile(
    r"^[\[<(【=\s]*(?:목\s*차|차\s*례|순\s*서|\p{Hangul}{0,4}\s*차례"
    r"|contents|table of contents)[\]>)】=\s\d]*$",
    regex.IGNORECASE,
)
MAX_TOC_GAP = 8  # unnumbered entries (Ⅲ. 주요업무 추진계획, ① …) between numbered ones


def toc_items(stream: list[Item]) -> set[int]:
    """Indices of the stream's lines that are a table of contents: lines ending in a page
    number, the lines between two such lines a few lines apart, and a contents title just
    before them or in the same box."""
    lines = [i for i, item in enumerate(stream) if isinstance(item, Line)]
    numbered = [
        i for i, it in enumerate(stream) if isinstance(it, Line) and PAGE_REF_RE.search(it.raw)
    ]
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
    return toc


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
    if len(filled) != 2:
        return None
    numeral, title = fold_spaces(filled[0].text).replace(" ", ""), fold_spaces(filled[1].text)
    m = BOX_NUMERAL_RE.match(numeral)
    if m is None or len(title) > MAX_BOX_TITLE or "\n" in filled[1].text.strip():
        return None
    level = 2 if m.group(2) else 1
    return level, numeral, join_spaced_syllables(title)


def join_spaced_syllables(title: str) -> str:
    """'성 과' → '성과': a box title of single syllables spread over the box's width."""
    words = title.split(" ")
    if len(words) > 1 and all(len(w) == 1 and regex.match(r"\p{Hangul}", w) for w in words):
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


def outline_head(line: Line) -> tuple[int, str, str] | None:
    """A Hancom outline heading (a paragraph Hancom numbers itself, `Ⅰ. 사업개요` printed from
    `사업개요`): its outline level ranks it (0 is Ⅰ.); its number is not in the text, so the
    marker is empty."""
    if line.head is None or line.head[0] != "outline":
        return None
    return min(line.head[1] + 1, len(MARKERS)), "", join_spaced_syllables(line.text)


# --------------------------------------------------------------------------- wrapped lines


def display_width(text: str) -> int:
    """Columns a line takes in print: Hangul and other wide characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


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
    return item.page is None and (item.position or "").startswith("section ")


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
    if not across_blocks or has_drawn_mark(item):
        return False
    return last_line_width(heading) >= FULL_LINE * full or bool(TRAILING_NOTE_RE.match(item.text))


# --------------------------------------------------------------------------- the tree


def extract_outline(stream: list[Item]) -> list[OutlineNode]:
    nodes: list[OutlineNode] = []
    toc = toc_items(stream)
    full = full_width(stream)
    across_blocks = wraps_across_blocks(stream, full)
    lines_in_block: dict[int, int] = {}
    for item in stream:
        if isinstance(item, Line):
            lines_in_block[item.block] = lines_in_block.get(item.block, 0) + 1
    last_line: Line | None = None  # the heading's last line, which a wrapped line may follow

    def add(level: int, marker: str, text: str, page: int | None) -> None:
        parent = next((n.node_id for n in reversed(nodes) if n.level < level), None)
        nodes.append(OutlineNode(len(nodes) + 1, parent, level, marker, text, page))

    for index, item in enumerate(stream):
        if isinstance(item, TableRef):
            last_line = None
            box = heading_box(item.table)
            if box is not None:
                add(*box, item.page)
            continue
        if index in toc:
            last_line = None
            continue
        found = (
            match_marker(item.text)
            or group_label(item, lines_in_block[item.block])
            or outline_head(item)
        )
        if found is None:
            if (
                last_line is not None
                and len(nodes[-1].text) < MAX_CONTINUED
                and continues(last_line, item, across_blocks, full)
            ):
                nodes[-1] = nodes[-1]._replace(text=f"{nodes[-1].text} {item.text}")
                last_line = item
            else:
                last_line = None
            continue
        add(*found, item.page)
        last_line = item
    # '가. 지출계획 총괄표 (단위: 백만원, %)': the unit is the table's, not the heading's.
    return [n._replace(text=UNIT_STATEMENT_RE.sub("", n.text).strip() or n.text) for n in nodes]
