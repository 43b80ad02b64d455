"""주요업무계획 of an education training institute (the Seoul sample): sections '1-1-1 …' with
작성자 contacts, 추진 실적/계획 training items and 예산 집행 계획 tables."""

from __future__ import annotations

import functools
from typing import NamedTuple

import regex

from kplan.parsers.model import Position, Table
from kplan.rules import budget
from kplan.rules.contacts import extract_contacts
from kplan.rules.facts import (
    BudgetLine,
    BudgetTable,
    Contact,
    Count,
    Facts,
    Section,
    TrainingItem,
)
from kplan.rules.guard import attempt
from kplan.rules.lines import Item, Line, TableRef, normalize_paragraph
from kplan.rules.names import name_key
from kplan.rules.normalize import squash
from kplan.rules.sections import (
    DOTTED_SECTION_RE,
    IMPROVEMENTS_RE,
    PART_PATTERNS,
    SECTION_RE,
    STAGE_RE,
    section_parts,
    split_sections,
    task_outline,
)
from kplan.rules.training import extract_training

from .base import BuiltIn, FactTable

NAME = "training_plan"
PARTS = ("목적", "근거", "실적", "계획", "예산")
SIGNS = [
    regex.compile(p)
    for p in (r"^작성자", r"추진\s*실적", r"추진\s*계획", r"예산\s*집행\s*(계획|현황)")
]


# The heading boxes Hancom reports draw: one row of two or three short cells, the code or
# mark apart from the title ('1-1-1 | 교원 자격연수', '□ | 2024년 추진 실적', '3 | 예산 집행
# 계획'). Read as the line they print, the sections and their parts are found as in a report
# that prints them as lines.
BOXED_HEADING_MAX = 60
PART_HEADING_RES = (STAGE_RE, IMPROVEMENTS_RE, *PART_PATTERNS.values())
MARK_CELL_RE = regex.compile(r"\d{1,2}\.?|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]\.?|[가-하][.)]|[□■◆◇▣•●○◦❍ㅇ◊]")


def heading_lines(stream: list[Item]) -> list[Item]:
    """The stream with each heading box as the line it prints (a box of anything else stays a
    table), and section codes printed with dots as the family's codes."""
    return _dotted_codes(
        [
            line if isinstance(item, TableRef) and (line := _boxed_heading(item)) else item
            for item in stream
        ]
    )


# The parts a report of dotted codes must show for them to be its sections: its 추진 실적 and
# 추진계획 lists (or one of them and its 예산 집행 계획), as the seed's sections have.
DOTTED_MIN_SIGNS = 2


def _dotted_codes(stream: list[Item]) -> list[Item]:
    """Lines headed '1.1.1 …' as '1-1-1 …', in a report with no dashed code whose lines show a
    section's parts: the same sections, numbered with dots. A report numbering its headings so
    without those parts (a manual, a proposal's chapters) keeps its lines."""
    lines = [it for it in stream if isinstance(it, Line)]
    if not any(DOTTED_SECTION_RE.match(ln.text) for ln in lines):
        return stream
    if any(SECTION_RE.match(ln.text) for ln in lines):
        return stream
    signs = sum(1 for sign in SIGNS[1:] if any(sign.search(ln.text) for ln in lines))
    if signs < DOTTED_MIN_SIGNS:
        return stream
    out: list[Item] = []
    for item in stream:
        m = DOTTED_SECTION_RE.match(item.text) if isinstance(item, Line) else None
        if m:
            assert isinstance(item, Line)
            item = item._replace(text=f"{m.group(1).replace('.', '-')} {m.group(2)}")
        out.append(item)
    return out


def _boxed_heading(ref: TableRef) -> Line | None:
    table = ref.table
    if table.n_rows != 1 or not 2 <= len(table.cells) <= 3 or table.nested:
        return None
    cells = sorted(table.cells, key=lambda c: c.col)
    if any("\n" in c.text.strip() for c in cells):
        return None  # a title beside lines of text: a box (the 주요 개선 사항 drawn so)
    texts = [t for c in cells if (t := normalize_paragraph(" ".join(c.text.split())))]
    if len(texts) > 1 and MARK_CELL_RE.fullmatch(texts[0]):
        texts = texts[1:]  # '3 | 예산 집행 계획': the part's number or mark in a cell of its own
    text = " ".join(texts)
    if not text or len(text) > BOXED_HEADING_MAX:
        return None
    # The code or mark comes first, the title last: a title cell before others heads a box.
    if not (
        SECTION_RE.match(text)
        or DOTTED_SECTION_RE.match(text)  # '1.1.1 | 교원 자격연수': `_dotted_codes` decides
        or any(p.search(texts[-1]) for p in PART_HEADING_RES)
    ):
        return None
    return Line(text, text, ref.page, ref.block, ref.position, boxed=True)


def signature(stream: list[Item]) -> float:
    """Section codes '1-1-1' count most; each kind of part the sections have adds to it."""
    stream = heading_lines(stream)
    lines = [it.text for it in stream if isinstance(it, Line)]
    sections = sum(1 for t in lines if SECTION_RE.match(t))
    if not sections:
        return 0.0
    parts = sum(1 for sign in SIGNS if any(sign.search(t) for t in lines))
    return min(sections, 5) * 0.2 + parts * 0.5


class _BudgetRegion:
    """A section's budget table, read into raw rows; names are resolved once all are read."""

    def __init__(
        self,
        section: Section,
        heading: Line,
        before: list[Line],
        rows,
        plan_year,
        prev_year,
        block_span,
        context: str,
        from_cells: bool,
    ):
        self.section, self.heading, self.before = section, heading, before
        self.rows, self.plan_year, self.prev_year = rows, plan_year, prev_year
        self.table_unit: str | None = None  # the unit its header cells state, if any
        self.block_span, self.context, self.from_cells = block_span, context, from_cells


def _budget_regions(section: Section, items: list[Item]) -> list[_BudgetRegion]:
    """Every 예산 집행 계획 table of a section: each heading reads up to the next one."""
    headings = [
        i
        for i, it in enumerate(items)
        if isinstance(it, Line) and budget.BUDGET_HEADING_RE.search(it.text)
    ]
    if not headings:
        return []
    context_lines = [it.text for it in items[: headings[0]] if isinstance(it, Line)]
    regions = []
    for at, end in zip(headings, headings[1:] + [len(items)]):
        heading = items[at]
        assert isinstance(heading, Line)  # `headings` are the lines that head a budget
        region = _budget_region(section, heading, items[at + 1 : end], context_lines)
        if region is not None:
            regions.append(region)
    return regions


def _tables_right_after(items: list[Item], at: int) -> list[TableRef]:
    """The tables that follow items[at] with no text between (tables nested in its cells
    aside): the parts of a table that Hancom, or its author, broke at a page."""
    refs = []
    for item in items[at + 1 :]:
        if not isinstance(item, TableRef):
            break
        if item.block != items[at].block:
            refs.append(item)
    return refs


def _header_cut_at_page(after: list[Item], found: int | None) -> tuple[int, Table] | None:
    """Where the first table under a budget heading, ahead of any budget table found, is the
    first row of a budget table's header cut at a page (budget.header_cut_at_page): its index
    and the table put back together."""
    i = next((i for i, it in enumerate(after) if isinstance(it, TableRef)), None)
    if i is None or (found is not None and i >= found):
        return None
    top = after[i]
    assert isinstance(top, TableRef)
    following = _tables_right_after(after, i)
    whole = budget.header_cut_at_page(top.table, following[0].table) if following else None
    return None if whole is None else (i, whole)


def _budget_region(
    section: Section, heading: Line, after: list[Item], context_lines: list[str]
) -> _BudgetRegion | None:
    table_at = next(
        (
            i
            for i, it in enumerate(after)
            if isinstance(it, TableRef) and budget.is_budget_table(it.table)
        ),
        None,
    )
    cut = _header_cut_at_page(after, table_at)
    if cut is not None:
        table_at, whole = cut
    if table_at is not None:
        before = [it for it in after[:table_at] if isinstance(it, Line)]
        ref = after[table_at]
        assert isinstance(ref, TableRef)
        # The table and those right after it; with its header's first row apart, on the page
        # before, the first two are one table.
        parts = [ref, *_tables_right_after(after, table_at)]
        used = 1 if cut is None else 2
        first = ref.table if cut is None else whole
        table, taken = budget.continued_table(first, [f.table for f in parts[used:]])
        rows, plan_year, prev_year = budget.rows_from_table(table)
        last = parts[used + taken - 1]
        context = squash(" ".join([section.title] + context_lines + [b.text for b in before]))
        region = _BudgetRegion(
            section,
            heading,
            before,
            rows,
            plan_year,
            prev_year,
            (ref.block, last.block),
            context,
            True,
        )
        region.table_unit = budget.header_unit(table)
        return region
    lines = [it for it in after if isinstance(it, Line)]
    header_end = next((i for i, ln in enumerate(lines) if "4분기" in ln.text), None)
    if header_end is None:
        return None
    context = squash(
        " ".join([section.title] + context_lines + [ln.text for ln in lines[:header_end]])
    )
    rows, header_start, total_at = budget.rows_from_lines(lines, context)
    plan_year, prev_year = budget.years_from_header(lines[header_start : header_end + 1])
    end = lines[total_at].block if total_at >= 0 else lines[-1].block
    return _BudgetRegion(
        section,
        heading,
        lines[:header_start],
        rows,
        plan_year,
        prev_year,
        (lines[header_start].block, end),
        context,
        False,
    )


def extract(stream: list[Item], facts: Facts) -> None:
    _extract(heading_lines(stream), facts)
    _key_names(facts)


def _key_names(facts: Facts) -> None:
    """Each course and project name's key, to line the same one up across years and reports."""
    facts.training_items[:] = [t._replace(name_key=name_key(t.name)) for t in facts.training_items]
    facts.improvement_items[:] = [
        t._replace(name_key=name_key(t.name)) for t in facts.improvement_items
    ]
    facts.budget_lines[:] = [
        b._replace(project_key=name_key(b.project_name)) for b in facts.budget_lines
    ]


def _extract(stream: list[Item], facts: Facts) -> None:
    front, spans = split_sections(stream)
    facts.tasks = task_outline(front)
    facts.contacts.extend(extract_contacts(None, front))
    regions: list[_BudgetRegion] = []
    for span in spans:
        # A section whose rules fail costs that section (rules/guard.py), not the document.
        read = attempt(
            facts,
            f"section {span.section.code}",
            span.section.page,
            functools.partial(_read_section, span, facts),
        )
        regions.extend(read or [])
    vocabulary = budget.program_vocabulary([r.rows for r in regions if not r.from_cells])
    for table_no, region in enumerate(regions, start=1):
        attempt(
            facts,
            f"the budget table of section {region.section.code}",
            region.section.page,
            functools.partial(_read_budget, table_no, region, vocabulary, facts),
        )


def _read_section(span, facts: Facts) -> list[_BudgetRegion]:
    """One section's facts into `facts`; its budget tables, read once all sections are."""
    code = span.section.code
    facts.sections.append(span.section)
    facts.section_parts[code] = section_parts(span.items)
    facts.contacts.extend(extract_contacts(code, span.items))
    items, improvements, counts = extract_training(code, span.items)
    facts.training_items.extend(items)
    facts.counts.extend(counts)
    facts.improvement_items.extend(improvements)
    return _budget_regions(span.section, span.items)


def _read_budget(table_no: int, region: _BudgetRegion, vocabulary, facts: Facts) -> None:
    table = budget.budget_table_header(
        region.before,
        region.section.code,
        region.heading,
        region.plan_year,
        region.prev_year,
        6,
        region.block_span,
        region.table_unit,
    )._replace(table_no=table_no)
    facts.budget_tables.append(table)
    facts.budget_lines.extend(
        line._replace(table_no=table_no)
        for line in budget.finish_lines(
            region.rows,
            section_code=region.section.code,
            year=region.plan_year,
            factor=table.unit_factor,
            vocabulary=vocabulary,
            context=region.context,
            from_cells=region.from_cells,
        )
    )


# ---------------------------------------------------------------- what it stores and says


class SectionRow(NamedTuple):
    """A `sections` row: the section, its place in the document and the parts it has."""

    code: str
    title: str
    page: int | None
    ordinal: int  # from 1
    parts: str  # '목적,근거,실적,계획,예산'
    position: Position | None


class OutlineTask(NamedTuple):
    """An `outline_tasks` row: '1. 성장을 돕는 …' of the report's own list of tasks."""

    number: int
    title: str


def section_rows(facts: Facts) -> list[SectionRow]:
    return [
        SectionRow(
            s.code,
            s.title,
            s.page,
            i,
            ",".join(p for p in PARTS if p in facts.section_parts.get(s.code, ())),
            s.position,
        )
        for i, s in enumerate(facts.sections, start=1)
    ]


def task_rows(facts: Facts) -> list[OutlineTask]:
    return [OutlineTask(int(number), title) for number, title in facts.tasks]


FACT_TABLES = (
    FactTable("sections", SectionRow, section_rows),
    FactTable("budget_tables", BudgetTable, omit=("block_span",)),
    FactTable("budget_lines", BudgetLine),
    FactTable("training_items", TrainingItem),
    # A '주요 개선 사항' item is a TrainingItem whose stage is implied by the table.
    FactTable("improvement_items", TrainingItem, omit=("stage", "position")),
    FactTable("counts", Count),
    FactTable("contacts", Contact),
    FactTable("outline_tasks", OutlineTask, task_rows),
)


def summary(n: dict[str, int]) -> str:
    return (
        f"{n['sections']} sections, {n['budget_lines']} budget lines, "
        f"{n['training_items']} training items"
    )


def check_summary(n: dict[str, int]) -> str:
    return (
        f"{n['sections']} sections, {n['budget_tables']} budget tables, "
        f"{n['budget_lines']} budget lines, {n['training_items']} training items"
    )


def read_blocks(facts: Facts) -> set[int]:
    """The blocks of the budget tables read: the generic table checks leave them alone."""
    return {
        b
        for t in facts.budget_tables
        if t.block_span
        for b in range(t.block_span[0], t.block_span[1] + 1)
    }


# Its section of the HTML report: the checklist of what was read, then the budget by section.
REPORT = (BuiltIn("training_plan_coverage"), BuiltIn("budget_by_section"))
