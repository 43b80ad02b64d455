"""A ministry's or agency's 업무계획 / 업무보고 (NIKL 2022 업무계획, MOIS and MOEL 2025 업무보고):
its 추진 과제 as printed — strategy, task, sub-task — and its budget overview (예산 현황, 세입예산,
세출예산: two years side by side with 증감 and its ratio).

What the rules read, driven by the printed marks rather than by file:

- The cover: a short line (or cover table cell) '… 업무계획' / '… 업무보고' among the first items.
- The part of 추진 과제: the first Roman-numbered heading naming 추진과제 or 추진계획
  ('Ⅲ. 중점 추진과제', 'Ⅲ. 주요업무 추진계획') that holds '□' items (a table of contents
  holds none), up to the next Roman heading or an appendix (붙임, 별첨). In it:
  - a strategy: a line '[나라] …', or an unmarked line followed by a task;
  - a task: '1. …', '① …' (Hancom's boxed ❶ is read as ①), or an unmarked line followed by
    a '□' item (a box whose number the reader could not render);
  - a sub-task: a '□ …' item.
  A trailing '(57억원)', '(3,180백만원)' or '(신규 618백만원)' is the item's budget.
- The overview: a table after a line naming 예산 / 세입 / 세출, with a 구분 column, two
  year columns ('2025 본예산 (A)', '2026년 예산 (B)'), a 증감 (B-A) column and usually its
  ratio ('(B-A)/A', '%'). Its rows nest by their mark and label column, as printed: a total
  (계, 합계, 총지출), groups ('∎사업비', '사 업 비', '예산지출(a)'), items ('□ …', '⋅일반회계',
  a label one column in) and sub-items ('- …'). Amounts are won: the printed figure times the
  unit from the caption, a line above or a header cell ('(단위 : 백만원, %)').
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

import regex

from kplan.parsers.model import Position, Table
from kplan.rules.facts import Facts
from kplan.rules.figures import TOTAL_LABELS, is_dash, read_figure
from kplan.rules.lines import Item, Line, TableRef
from kplan.rules.normalize import fold_spaces, join_letter_spaced, squash, unit_factor
from kplan.rules.tables import unit_from_text

from .base import CheckLines, FactTable, ReportTable, plural
from .budget_program import header_rows, stage_of, year_of

NAME = "work_plan"

COVER_RE = regex.compile(r"업무\s*(?:계획|보고)")
COVER_ITEMS = 15
PART_RE = regex.compile(r"^[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]\s*\.")
TASK_PART_RE = regex.compile(r"추진\s*과\s*제|추진\s*계\s*획")
APPENDIX_RE = regex.compile(r"^\s*[【\[]?\s*(?:붙\s*임|별\s*첨)")
STRATEGY_RE = regex.compile(r"^\[(?P<mark>[^\]]{1,12})\]\s*(?P<title>\S.*)$")
NUMBER_RE = regex.compile(r"^(?P<mark>(?P<n>\d{1,2})\.)\s*(?P<title>[^\d\s].*)$")
CIRCLED_RE = regex.compile(r"^(?P<mark>[①-⑳➊-➓❶-❿])\s*(?P<title>\S.*)$")
SUB_TASK_RE = regex.compile(r"^(?P<mark>□)\s*(?P<title>\S.*)$")
# Lines that are never a heading: notes, bullets, arrows, boxes' captions.
NOT_HEADING_RE = regex.compile(r"^[ㅇ○◦\-–·•‣▸▴▪✓✔❖※*⇒⇨→<(〈「『\d]")
BUDGET_RE = regex.compile(
    r"\(\s*(?:신규\s*)?(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>조원|억원|백만원|천원|만원|원)\s*\)\s*$"
)

OVERVIEW_TITLE_RE = regex.compile(r"예\s*산|세\s*입|세\s*출")
CHANGE_RE = regex.compile(r"증\s*감")
RATIO_RE = regex.compile(r"%|/\s*[A-Za-z]|증\s*감\s*률|비\s*율")
TOTAL_RE = regex.compile(r"^(?:총\s*지\s*출|총\s*계|합\s*계|계)(?:\s*\(.*\))?$")
ROW_MARKS = "∎■□◦ㅇ○-–⋅·•▪"


# ---------------------------------------------------------------- facts


class WorkPlanTask(NamedTuple):
    """One item of the 추진 과제 part: a strategy, a task or a sub-task, as printed."""

    task_id: int  # 1.. in document order
    parent_id: int | None  # the strategy of a task; the task (or strategy) of a sub-task
    level: str  # 'strategy' | 'task' | 'sub_task'
    marker: str | None  # as printed: '[나라]', '1.', '①', '□'; None when not rendered
    number: int | None  # 1 for '1.' or '①'
    title: str  # without its marker
    amount: int | None  # the budget printed after it, won: '(57억원)' → 5,700,000,000
    amount_text: str | None  # '57억원'
    page: int | None
    position: Position | None = None


class WorkPlanBudgetLine(NamedTuple):
    """One row of a budget overview table (예산 현황, 세입예산, 세출예산)."""

    table_no: int  # which overview table of the document, from 1
    title: str | None  # the line naming it: '예산 현황', '세출예산'
    row_no: int  # 1.. in table order
    label: str  # without its mark: '사업비', '일반회계', '국어문화학교 운영'
    level: int  # 0 the total, 1 a group, 2 an item, 3 a sub-item
    parent_row: int | None  # row_no of the row this one adds up into
    is_total: bool
    year_a: int | None  # the first year column ('2025 본예산 (A)')
    stage_a: str | None  # '본예산', '예산'; None when only the year is printed
    amount_a: int | None  # won
    year_b: int | None
    stage_b: str | None
    amount_b: int | None
    change: int | None  # the printed 증감 (B-A), won
    change_pct: float | None  # the printed ratio, in percent: 6.69
    pct_decimals: int | None  # decimals the ratio is printed with (its rounding)
    unit: str | None  # '백만원'
    unit_factor: int  # won per printed unit
    page: int | None
    position: Position | None = None  # 'section 0 paragraph 42 row 3'
    block: int | None = None  # the table's index into Document.blocks (not stored)


# ---------------------------------------------------------------- the 추진 과제


def _is_cover(stream: list[Item]) -> bool:
    for item in stream[:COVER_ITEMS]:
        texts = [item.text] if isinstance(item, Line) else [c.text for c in item.table.cells]
        if any(COVER_RE.search(t) and len(t.strip()) <= 40 for t in texts):
            return True
    return False


def _item_text(item: Item) -> str:
    if isinstance(item, Line):
        return item.text
    return fold_spaces(item.table.cells[0].text) if item.table.cells else ""


def task_part(stream: list[Item]) -> list[Item]:
    """The items of the first 추진 과제 part that holds '□' items."""
    starts = [
        i
        for i, it in enumerate(stream)
        if isinstance(it, Line) and PART_RE.match(it.text) and TASK_PART_RE.search(it.text)
    ]
    for start in starts:
        end = next(
            (
                j
                for j in range(start + 1, len(stream))
                if (isinstance(item := stream[j], Line) and PART_RE.match(item.text))
                or APPENDIX_RE.match(_item_text(stream[j]))
            ),
            len(stream),
        )
        part = stream[start + 1 : end]
        if any(isinstance(it, Line) and SUB_TASK_RE.match(it.text) for it in part):
            return part
    return []


def _marked(text: str) -> tuple[str, str | None, int | None, str] | None:
    """(level, marker, number, title) of a marked heading line, or None."""
    m = STRATEGY_RE.match(text)
    if m:
        return "strategy", f"[{squash(m['mark'])}]", None, m["title"]
    m = NUMBER_RE.match(text)
    if m:
        return "task", m["mark"], int(m["n"]), m["title"]
    m = CIRCLED_RE.match(text)
    if m:
        return "task", m["mark"], _circled_number(m["mark"]), m["title"]
    m = SUB_TASK_RE.match(text)
    if m:
        return "sub_task", m["mark"], None, m["title"]
    return None


def _circled_number(mark: str) -> int:
    for first in ("①", "➊", "❶"):
        if 0 <= ord(mark) - ord(first) < 20:
            return ord(mark) - ord(first) + 1
    raise ValueError(mark)


def _unmarked_level(text: str, following: str | None) -> str | None:
    """An unmarked short line is a strategy when a task follows it, a task when a '□' item
    does (a box whose number was not rendered); anything else is body text."""
    if following is None or NOT_HEADING_RE.match(text) or len(text) > 60:
        return None
    level = (_marked(following) or (None,))[0]
    return {"task": "strategy", "sub_task": "task"}.get(level or "")


def budget_of(title: str) -> tuple[int | None, str | None]:
    """The budget printed after a title, in won, and as printed: '(12.5억원)' → 1,250,000,000."""
    m = BUDGET_RE.search(title)
    if not m:
        return None, None
    value = Decimal(m["num"].replace(",", "")) * unit_factor(m["unit"])
    return int(value.to_integral_value()), f"{m['num']}{m['unit']}"


def _follows_body(part: list[Item], at: int) -> bool:
    """Whether the item before part[at] is a line of body text (a wrapped bullet's last line
    reads like a heading but follows one)."""
    before = part[at - 1] if at > 0 else None
    if not isinstance(before, Line):
        return False
    return _marked(before.text) is None


def _next_line(part: list[Item], at: int) -> Line | None:
    return next((it for it in part[at + 1 :] if isinstance(it, Line)), None)


def _heading(part: list[Item], at: int) -> tuple[str, str | None, int | None, str] | None:
    line = part[at]
    assert isinstance(line, Line)
    heading = _marked(line.text)
    if heading is not None:
        return heading
    following = _next_line(part, at)
    if following is None or _follows_body(part, at):
        return None
    level = _unmarked_level(line.text, following.text)
    return (level, None, None, line.text) if level else None


def read_tasks(part: list[Item]) -> list[WorkPlanTask]:
    out: list[WorkPlanTask] = []
    strategy = task = None
    for at, line in enumerate(part):
        if not isinstance(line, Line):
            continue
        heading = _heading(part, at)
        if heading is None:
            continue
        level, marker, number, title = heading
        following = _next_line(part, at)
        if (
            level != "sub_task"
            and following is not None
            and BUDGET_RE.fullmatch(following.text.strip())
        ):
            title = f"{title}{following.text.strip()}"  # a box's budget wrapped to its own line
        parent: int | None = {"strategy": None, "task": strategy, "sub_task": task or strategy}[
            level
        ]
        amount, amount_text = budget_of(title)
        out.append(
            WorkPlanTask(
                len(out) + 1,
                parent,
                level,
                marker,
                number,
                fold_spaces(title),
                amount,
                amount_text,
                line.page,
                line.position,
            )
        )
        if level == "strategy":
            strategy, task = out[-1].task_id, None
        elif level == "task":
            task = out[-1].task_id
    return out


# ---------------------------------------------------------------- the budget overview


class _Columns(NamedTuple):
    labels: int  # label columns: 0 .. labels-1
    a: tuple[int, int, str | None]  # (col, year, stage)
    b: tuple[int, int, str | None]
    change: int | None
    ratio: int | None


def _header_text(table: Table, col: int, headers: int) -> str:
    seen, parts = set(), []
    for r in range(headers):
        cell = table.cell_covering(r, col)
        if cell is not None and id(cell) not in seen and cell.text.strip():
            seen.add(id(cell))
            parts.append(fold_spaces(cell.text.replace("\n", " ")))
    return " ".join(parts)


def overview_columns(table: Table, headers: int) -> _Columns | None:
    """The columns of an overview table, or None when the table is not one."""
    if headers == 0 or squash(_header_text(table, 0, headers)) != "구분":
        return None
    years: list[tuple[int, int, str | None]] = []
    change, ratio = None, None
    for col in range(1, table.n_cols):
        text = _header_text(table, col, headers)
        if RATIO_RE.search(text):
            ratio = col if ratio is None else ratio
        elif CHANGE_RE.search(text):
            change = col if change is None else change
        elif (year := year_of(text)) is not None and not any(c == col for c, _, _ in years):
            years.append((col, year, stage_of(text.replace(str(year), ""))))
    if len(years) != 2 or change is None:
        return None
    return _Columns(years[0][0], years[0], years[1], change, ratio)


def _unit(table: Table, before: list[Line], headers: int) -> str | None:
    texts = (
        [table.caption or ""]
        + [ln.text for ln in reversed(before)]
        + [c.text for c in table.cells if c.row < headers]
    )
    return next((u for t in texts if t and (u := unit_from_text(t))), None)


def _label(table: Table, row: int, labels: int) -> tuple[str, int] | None:
    """(text, column) of the row's label: its first non-blank label cell."""
    for col in range(labels):
        cell = table.cell(row, col)
        if cell is not None and cell.text.strip():
            return fold_spaces(cell.text.replace("\n", " ")), col
    return None


def _figure(table: Table, row: int, col: int | None) -> tuple[Decimal | None, int | None]:
    """(value, decimals printed) of a cell; '-' and blanks are None."""
    cell = table.cell(row, col) if col is not None else None
    if cell is None or not cell.text.strip() or is_dash(cell.text):
        return None, None
    figure = read_figure(cell.text)
    if figure is None:
        return None, None
    text = cell.text.strip()
    return figure.value, len(text.split(".")[1]) if "." in text else 0


def _won(value: Decimal | None, factor: int) -> int | None:
    return None if value is None else int((value * factor).to_integral_value())


def _unspaced(label: str) -> str:
    """'사 업 비' → '사업비', '합    계' → '합계': a label spread out for layout."""
    words = label.split()
    if len(words) > 1 and all(len(w) == 1 for w in words):
        return "".join(words)
    return join_letter_spaced(label)


def _mark_of(label: str) -> tuple[str, str]:
    if label and label[0] in ROW_MARKS:
        return label[0], label[1:].strip()
    return "", label


def overview_lines(
    table: Table,
    table_no: int,
    title: str | None,
    unit: str | None,
    columns: _Columns,
    headers: int,
    position: Position | None,
    block: int | None = None,
) -> list[WorkPlanBudgetLine]:
    factor = unit_factor(unit)
    out: list[WorkPlanBudgetLine] = []
    styles: list[tuple[int, str]] = []  # the open nesting levels, outermost first
    for r in range(headers, table.n_rows):
        found = _label(table, r, columns.labels)
        if found is None:
            continue
        text, col = found
        mark, label = _mark_of(text)
        label = _unspaced(label)
        is_total = bool(TOTAL_RE.match(label) or squash(label) in TOTAL_LABELS)
        if is_total:
            level, styles = 0, []
        else:
            style = (col, mark)
            styles = styles[: styles.index(style) + 1] if style in styles else styles + [style]
            level = len(styles)
        parent = next((x.row_no for x in reversed(out) if x.level < level), None)
        a, _ = _figure(table, r, columns.a[0])
        b, _ = _figure(table, r, columns.b[0])
        change, _ = _figure(table, r, columns.change)
        pct, decimals = _figure(table, r, columns.ratio)
        if a is None and b is None and change is None:
            continue
        out.append(
            WorkPlanBudgetLine(
                table_no,
                title,
                len(out) + 1,
                label,
                level,
                parent,
                is_total,
                columns.a[1],
                columns.a[2],
                _won(a, factor),
                columns.b[1],
                columns.b[2],
                _won(b, factor),
                _won(change, factor),
                None if pct is None else float(pct),
                decimals,
                unit,
                factor,
                table.page_of_row(r),
                position._replace(row=r + 1) if position else None,
                block,
            )
        )
    return out


def _overview_title(before: list[Line]) -> str | None:
    for line in reversed(before):
        if OVERVIEW_TITLE_RE.search(line.text) and len(line.text) <= 40:
            return fold_spaces(
                regex.sub(r"^[^\p{Hangul}\d(]+|\d+\s+(?=\p{Hangul})", "", line.text, count=1)
            )
    return None


def overviews(stream: list[Item]) -> list[tuple[TableRef, list[WorkPlanBudgetLine]]]:
    """Every budget overview table of the document, with its rows."""
    out: list[tuple[TableRef, list[WorkPlanBudgetLine]]] = []
    for i, item in enumerate(stream):
        if not isinstance(item, TableRef):
            continue
        before = [it for it in stream[max(0, i - 3) : i] if isinstance(it, Line)]
        title = _overview_title(before)
        if title is None:
            continue
        table = item.table
        headers = header_rows(table)
        columns = overview_columns(table, headers)
        if columns is None:
            continue
        lines = overview_lines(
            table,
            len(out) + 1,
            title,
            _unit(table, before, headers),
            columns,
            headers,
            item.position,
            item.block,
        )
        if any(x.is_total for x in lines):
            out.append((item, lines))
    return out


# ---------------------------------------------------------------- the family


def signature(stream: list[Item]) -> float:
    """A cover naming 업무계획/업무보고, and a part of 추진 과제 or a budget overview."""
    if not _is_cover(stream):
        return 0.0
    tasks, budget = bool(task_part(stream)), bool(overviews(stream))
    if not (tasks or budget):
        return 0.0
    return 1.0 + 0.5 * tasks + 0.5 * budget


def extract(stream: list[Item], facts: Facts) -> None:
    facts.rows("work_plan_tasks").extend(read_tasks(task_part(stream)))
    for _, lines in overviews(stream):
        facts.rows("work_plan_budget").extend(lines)


def read_blocks(facts: Facts) -> set[int]:
    """Overview tables are checked by this family's checks, not the generic ones."""
    return {line.block for line in facts.rows("work_plan_budget") if line.block is not None}


FACT_TABLES = (
    FactTable("work_plan_tasks", WorkPlanTask),
    FactTable("work_plan_budget", WorkPlanBudgetLine, omit=("block",)),
)


def summary(n: dict[str, int]) -> str:
    return f"{plural(n['work_plan_tasks'], 'task')}, {plural(n['work_plan_budget'], 'budget line')}"


CHECK = (
    CheckLines(
        """
        SELECT count(*) FILTER (WHERE level = 'strategy') AS strategies,
               count(*) FILTER (WHERE level = 'task') AS tasks,
               count(*) FILTER (WHERE level = 'sub_task') AS sub_tasks
        FROM work_plan_tasks WHERE doc_id = ? HAVING count(*) > 0""",
        "  추진 과제: {strategies} strategies, {tasks} tasks, {sub_tasks} sub-tasks",
    ),
    CheckLines(
        """
        SELECT table_no, coalesce(title, '예산') AS title, coalesce(unit, '원') AS unit, label,
               year_a, year_b,
               coalesce(format('{:,}', CAST(amount_a // unit_factor AS BIGINT)), '-') AS a,
               coalesce(format('{:,}', CAST(amount_b // unit_factor AS BIGINT)), '-') AS b,
               coalesce(CASE WHEN change > 0 THEN '+' ELSE '' END
                        || format('{:,}', CAST(change // unit_factor AS BIGINT)), '-') AS change
        FROM work_plan_budget WHERE doc_id = ? AND is_total ORDER BY table_no, row_no""",
        "  {title} ({unit}): {label} {year_a} {a} → {year_b} {b} ({change})",
    ),
)

REPORT = (
    ReportTable(
        "추진 과제",
        """
        SELECT CASE level WHEN 'strategy' THEN '전략' WHEN 'task' THEN '과제'
                          ELSE '세부 과제' END, marker, title, amount,
               coalesce(CAST(page AS VARCHAR), position)
        FROM work_plan_tasks WHERE doc_id = ? ORDER BY task_id""",
        ("구분", "표시", "제목", "예산(원)", "쪽·위치"),
        numeric=("예산(원)",),
        empty="추진 과제를 찾지 못했습니다.",
    ),
    ReportTable(
        "예산 개요",
        """
        SELECT title, repeat('　', level) || label, year_a, amount_a, year_b, amount_b, change,
               change_pct
        FROM work_plan_budget WHERE doc_id = ? ORDER BY table_no, row_no""",
        ("표", "구분", "연도 A", "A(원)", "연도 B", "B(원)", "증감(원)", "증감률(%)"),
        numeric=("A(원)", "B(원)", "증감(원)", "증감률(%)"),
        empty="예산 현황 표를 찾지 못했습니다.",
    ),
)
