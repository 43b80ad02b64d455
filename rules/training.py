"""Training items: '[초등 집합] 유치원 1급 정교사 자격연수 2과정, 358명' under 추진 실적/계획."""

from __future__ import annotations

from typing import NamedTuple

import regex

from .counts import Counted, read_counts
from .facts import Count, TrainingItem
from .lines import (
    Item,
    Line,
    TableRef,
    first_table_line,
    joined_lines,
    normalize_paragraph,
    table_lines,
)
from .sections import IMPROVEMENTS_RE, PART_PATTERNS, STAGE_RE

BULLET_RE = regex.compile(r"^([◦○❍●■□◊◆※*·‧･-]|\d+\))\s*")
# Bullet depth: a deeper mark under a tagged heading inherits its tag.
BULLET_LEVEL = {"◦": 1, "○": 1, "❍": 1, "-": 2, "·": 3, "※": 3, "*": 3}
TAG_RE = regex.compile(r"^(?:\[([^\]]{1,20})\]|【([^】]{1,20})】)\s*")
MODES = ("집합", "원격", "혼합")
# A tag in round brackets, '(초등 집합)', only where it names a mode or an audience: '(초등)
# 직무연수' — but '(가칭) 미래교육 연수' or '(신규) …' is part of the name.
ROUND_TAG_RE = regex.compile(
    r"^\(((?:[^()]{0,12}(?:집합|원격|혼합))|유치원|초등|중등|유·초등|초·중등|특수|교행|기평)\)\s*"
)
# A line that has its '…명' is a finished item: the next unbulleted line does not continue it.
PEOPLE_RE = regex.compile(r"(\d{1,3}(?:,\d{3})+|\d+)\s*명")
# '…직무연수: '24.3월, 71명': where a date after the name starts.
DATED_RE = regex.compile(r"[:：]\s*['’]?\d{2}\.")


def parse_tag(tag: str) -> tuple[str | None, str | None]:
    """'초등 집합' → ('초등', '집합'); '교행' → ('교행', None); '중등집합' → ('중등', '집합')."""
    tag = tag.strip()
    for mode in MODES:
        if tag.endswith(mode):
            # '초등/집합', '초등·집합', '초등, 집합': the mark between them is neither's.
            audience = tag[: -len(mode)].strip(" /·,_-")
            return (audience or None), mode
    return tag or None, None


def _tag(body: str):
    """The match of the tag a line opens with, and the tag's text."""
    m = TAG_RE.match(body) or ROUND_TAG_RE.match(body)
    return (m, next(g for g in m.groups() if g is not None)) if m else (None, None)


def logical_lines(lines: list[Line | None]) -> list[Line]:
    """Bulleted lines with their wrapped continuations joined (a break is one space).

    A line without a bullet continues the line above, unless that line already reads as a
    finished item (it has its '…명') or a table stood between them (None in `lines`).
    """
    out: list[Line] = []
    joinable = False
    last: Line | None = None  # the printed line `out[-1]` ends with
    for line in lines:
        if line is None:
            joinable = False
            continue
        starts_item = BULLET_RE.match(line.text) or _tag(line.text)[0]
        if joinable and last is not None and not starts_item and not PEOPLE_RE.search(out[-1].text):
            out[-1] = out[-1]._replace(text=joined_lines(out[-1].text, last, line.text))
        else:
            out.append(line)
        last = line
        joinable = True
    return out


class ParsedItem(NamedTuple):
    audience: str | None
    mode: str | None
    name: str
    courses: int | None
    participants: int | None
    tagged: bool
    # Every count of the line but the courses and participants: '60교', '80차시', '5종'.
    others: list[Counted]
    counts: list[Counted]  # every count of the line, courses and participants too


def parse_item(text: str) -> ParsedItem:
    """Tag, name and counts of one logical line, the counts read from its tokens."""
    body = BULLET_RE.sub("", text, count=1)
    tag, tag_text = _tag(body)
    audience = mode = None
    if tag:
        audience, mode = parse_tag(tag_text)
        body = body[tag.end() :]
    counts = read_counts(body)
    courses = next((c for c in counts if c.counter == "과정"), None)
    people = next((c for c in counts if c.counter == "명"), None)
    cut = min(c.start for c in (courses, people) if c) if (courses or people) else len(body)
    name = body[:cut]
    # '…직무연수: '24.3월, 71명' — a date between the name and the count is not the name.
    name = DATED_RE.split(name)[0]
    # '…자격연수(2과정, 358명)': the bracket the counts open is not the name's.
    name = name.rstrip(" ,:;(（").strip()
    return ParsedItem(
        audience,
        mode,
        name,
        courses.quantity if courses else None,
        people.quantity if people else None,
        bool(tag),
        [c for c in counts if c is not courses and c is not people],
        counts,
    )


def _level(text: str) -> int:
    m = BULLET_RE.match(text)
    return BULLET_LEVEL.get(m.group(1), 3) if m else 4


# Markers in the stream `_list_stream` makes: a table inside a list, the end of a box table.
TABLE, BOX_END = "table", "box end"


class TableRowLine(Line):
    """A row of an item table read as the line a list prints for it ('- [초등 집합] 유치원 1급
    정교사 자격연수 2과정, 358명'); `raw` is the row as printed, its cells between ' | ' (each
    normalized as a line's text is: the item's `source`, as a line item's is its text)."""

    __slots__ = ()


# An item table's header cells (spaces dropped): the course's name, its courses and its
# participants, and the tag a list prints in brackets, as an audience and a mode column or one.
ITEM_NAME_HEADER_RE = regex.compile(
    r"(?:연수|교육|사업|과정|연수과정|교육과정)명|(?:연수|교육)과정"
)
ITEM_COURSES_HEADER_RE = regex.compile(r"과정수?(?:\((?:개|과정)\))?")
ITEM_PEOPLE_HEADER_RE = regex.compile(r"(?:연수|교육|참여|대상)?인원수?(?:\((?:명|인)\))?")
ITEM_AUDIENCE_HEADER_RE = regex.compile(r"구분|대상|학교급|연수대상|대상구분")
ITEM_MODE_HEADER_RE = regex.compile(r"(?:연수)?(?:형태|방식|방법)")
ITEM_TOTAL_LABELS = frozenset({"합계", "계", "소계", "총계"})
COUNT_CELL_RE = regex.compile(r"(\d{1,3}(?:,\d{3})+|\d+)\s*(?:과정|명)?")


def _item_columns(table) -> dict[str, int] | None:
    """{role: column} of a table whose first row heads training items (a name column and a
    courses or participants column); None for any other table."""
    roles: dict[str, int] = {}
    for cell in table.row_cells(0):
        label = "".join(cell.text.split())
        for role, pattern in (
            ("name", ITEM_NAME_HEADER_RE),
            ("courses", ITEM_COURSES_HEADER_RE),
            ("people", ITEM_PEOPLE_HEADER_RE),
            ("audience", ITEM_AUDIENCE_HEADER_RE),
            ("mode", ITEM_MODE_HEADER_RE),
        ):
            if role not in roles and pattern.fullmatch(label):
                roles[role] = cell.col
                break
    if "name" not in roles or not ("courses" in roles or "people" in roles):
        return None
    return roles


def _count_cell(text: str) -> int | None:
    m = COUNT_CELL_RE.fullmatch(text.strip())
    return int(m.group(1).replace(",", "")) if m else None


def item_table_lines(ref: TableRef) -> list[Line] | None:
    """The rows of an item table ('구분 | 과정명 | 과정 | 인원' over '초등 집합 | 유치원 1급 정교사
    자격연수 | 2 | 358'), each as the line a list prints for it; None for any other table. A
    합계 row is no item, and a row whose counts are not figures is left out."""
    table = ref.table
    if table.n_rows < 2 or table.nested:
        return None
    roles = _item_columns(table)
    if roles is None:
        return None
    out: list[Line] = []
    for r in range(1, table.n_rows):
        texts = {
            role: normalize_paragraph(_cell_text(table, r, col)) for role, col in roles.items()
        }
        name = texts["name"]
        if not name or any("".join(t.split()) in ITEM_TOTAL_LABELS for t in texts.values()):
            continue  # a 합계 row, under any of the columns
        courses = _count_cell(texts.get("courses", ""))
        people = _count_cell(texts.get("people", ""))
        if courses is None and people is None:
            continue
        tag = " ".join(t for t in (texts.get("audience"), texts.get("mode")) if t)
        counts = ", ".join(
            f"{n}{counter}" for n, counter in ((courses, "과정"), (people, "명")) if n is not None
        )
        text = " ".join(part for part in ("-", f"[{tag}]" if tag else "", name, counts) if part)
        printed = " | ".join(
            normalize_paragraph(_cell_text(table, r, c.col)) for c in table.row_cells(r)
        )
        position = table.position._replace(row=r + 1) if table.position else ref.position
        out.append(TableRowLine(text, printed, table.page_of_row(r), ref.block, position))
    return out


def _cell_text(table, row: int, col: int) -> str:
    cell = table.cell_covering(row, col)
    return " ".join(cell.text.split()) if cell is not None else ""


def _improvement_box(ref: TableRef) -> list[Line] | None:
    """The lines of a 주요 개선 사항 box drawn as a table of several cells (its title in the
    first cell); None for any other table."""
    first = first_table_line(ref)  # most tables are not: only their first line is read
    return table_lines(ref) if first and IMPROVEMENTS_RE.match(first.text) else None


def _list_stream(items: list[Item]) -> list[Line | str]:
    """Lines, with tables read the way a list reads them: a box table gives its lines and then
    BOX_END; any other table (a 'term | definition' box, say) is a TABLE the list goes on after."""
    out: list[Line | str] = []
    for item in items:
        if isinstance(item, Line):
            out.append(item)
            continue
        box = _improvement_box(item)
        if box is not None:
            out.extend(box + [BOX_END])
            continue
        # An item table's rows are the list's items; the list goes on after the table.
        out.extend([*(item_table_lines(item) or []), TABLE])
    return out


def extract_training(
    section_code: str | None, items: list[Item]
) -> tuple[list[TrainingItem], list[TrainingItem], list[Count]]:
    """Items under each 'YYYY년 추진 실적' / 'YYYY년 추진계획', and apart from them the items of
    the 주요 개선 사항 box (stage 'improvement'), which repeats items of the plan list; and every
    other count of those lists ('60교, 60회', '80차시', '5종'), which no item holds."""
    out: list[TrainingItem] = []
    counts: list[Count] = []
    improvements: list[TrainingItem] = []
    blocks: list[tuple[int, str, list[Line | None]]] = []
    current: list[Line | None] | None = None
    in_box = False
    for item in _list_stream(items):
        if item == BOX_END:
            in_box = False
            continue
        if item == TABLE:
            if current is not None:
                current.append(None)
            continue
        assert isinstance(item, Line)  # the stream's other items are BOX_END and TABLE
        stage = STAGE_RE.match(item.text)
        if stage:
            current = []
            blocks.append(
                (int(stage.group(1)), "actual" if stage.group(2) == "실적" else "plan", current)
            )
            in_box = False
            continue
        box = IMPROVEMENTS_RE.match(item.text)
        if box:
            in_box = True
            box_lines: list[Line | None] = []
            blocks.append((int(box.group(1)), "improvement", box_lines))
            continue
        if PART_PATTERNS["예산"].search(item.text):
            current = None
            continue
        if current is None:
            continue
        if in_box:
            # The box holds ◊ lines and their sub-items; the plan list starts at its first ◦
            # (or where the box's table ends).
            if item.text.startswith(("◦", "○", "❍")):
                in_box = False
            else:
                box_lines.append(item)
                continue
        current.append(item)
    for year, stage, lines in blocks:
        parent: tuple[int, str | None, str | None] | None = None
        joined = logical_lines(lines)
        previous: str | None = None  # the name the line before printed
        for i, line in enumerate(joined):
            parsed = parse_item(line.text)
            parsed = _totals_named(parsed, previous)
            previous = parsed.name or None
            audience, mode, name, courses, people, tagged = parsed[:6]
            level = _level(line.text)
            if parent is not None and level <= parent[0]:
                parent = None
            found: TrainingItem | None = None
            if tagged and courses is None and people is None:
                # A tagged line without a count of courses or people is no training item
                # ('[초등] … 교육과정 내에 안전 관련 연수 포함', '… 60교, 60회'); over deeper
                # sub-items it is their heading ('[교행] … 맞춤식 교육 운영') and lends its tag.
                if i + 1 < len(joined) and _level(joined[i + 1].text) > level:
                    parent = (level, audience, mode)
            elif (
                tagged
                or (courses is not None and people is not None)
                or (isinstance(line, TableRowLine) and (courses is not None or people is not None))
            ):
                if not tagged and parent is not None:
                    audience, mode = parent[1], parent[2]
                if name:
                    found = TrainingItem(
                        section_code,
                        year,
                        stage,
                        audience,
                        mode,
                        name,
                        courses,
                        people,
                        line.page,
                        line.raw if isinstance(line, TableRowLine) else line.text,
                        line.position,
                    )
                    (improvements if stage == "improvement" else out).append(found)
            # An item holds its courses and participants; every other count is a count.
            others = parsed.others if found is not None else parsed.counts
            counts.extend(_count_rows(section_code, year, stage, line, others))
    return out, improvements, counts


def _totals_named(parsed: ParsedItem, previous: str | None) -> ParsedItem:
    """A total with no subject in its line ('※ 교직･행정실무 60편, … 12편(총 104편)') counts
    what the line before named ('- 마이크로러닝 콘텐츠 개발 및 제공'): the note lists its parts."""
    if previous is None or not any(c.total and c.subject is None for c in parsed.counts):
        return parsed
    named = {
        id(c): c._replace(subject=previous) for c in parsed.counts if c.total and not c.subject
    }
    return parsed._replace(
        others=[named.get(id(c), c) for c in parsed.others],
        counts=[named.get(id(c), c) for c in parsed.counts],
    )


def _count_rows(
    section_code: str | None, year: int, stage: str, line: Line, found: list[Counted]
) -> list[Count]:
    return [
        Count(
            section_code,
            year,
            stage,
            c.subject,
            c.quantity,
            c.counter,
            line.page,
            line.position,
            line.text,
            c.period,
        )
        for c in found
    ]
