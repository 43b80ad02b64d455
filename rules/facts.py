"""The facts rules extract from a Document. One NamedTuple per warehouse row.

Every fact carries where it came from: `page` (None for formats without pages) and, where a
fact comes from a line of text, `source` — the normalized text it was read from.
Amounts are integers in won (a 천원 table's 1,078,028 is 1_078_028_000); None means the cell
was blank or printed '-'.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any, NamedTuple

from kplan.parsers.model import Position


class Section(NamedTuple):
    code: str  # '1-1-1'
    title: str
    page: int | None
    position: Position | None = None  # where, in formats without pages: 'line 273'


class Contact(NamedTuple):
    section_code: str | None
    department: str | None  # '기획평가부'
    role: str  # '부장', '수석연구사', '담당'
    name: str
    phone: str | None  # as printed, spaces removed: '3019-8003', '8051'
    page: int | None = None
    position: Position | None = None


class TrainingItem(NamedTuple):
    section_code: str | None
    year: int
    stage: str  # 'actual' (추진 실적) | 'plan' (추진계획)
    audience: str | None  # '초등', '중등', '교행', '기평', '유·초등', …
    mode: str | None  # '집합' | '원격' | '혼합' | None
    name: str
    courses: int | None
    participants: int | None
    page: int | None
    source: str
    position: Position | None = None
    name_key: str | None = None  # the name's key (rules/names.py): the same course any year


class Count(NamedTuple):
    """A count under 추진 실적/계획 that is not a training item's courses or participants:
    '60교', '80차시', '36편', '5종', '3개 기관', '54,486천원' (the counter as printed, but
    '개')."""

    section_code: str | None
    year: int
    stage: str  # 'actual' | 'plan' | 'improvement' (a 주요 개선 사항 box)
    subject: str | None  # what it counts: '유튜브 교육콘텐츠 개발'
    quantity: int
    counter: str  # '교', '회', '차시', '편', '종', '기관', '과정', '명', '천원', …
    page: int | None
    position: Position | None
    source: str  # the logical line it was read from
    period: str | None = None  # '상반기', '하반기', '2학기': the part of the year it counts


class BudgetLine(NamedTuple):
    section_code: str | None
    line_no: int  # 1.. in table order; the 합계 row comes last
    is_total: bool
    program_code: str | None  # '456'; None for 비예산
    program_name: str | None
    project_name: str | None
    year: int | None  # the plan year (’25 → 2025)
    amount: int | None  # plan-year budget, won
    amount_prev: int | None  # previous-year budget, won
    q1: int | None
    q2: int | None
    q3: int | None
    q4: int | None
    note: str | None  # 집행내용 text: '연수운영', '특교편성 예정 연수운영', '재배정'
    page: int | None
    ref_pages: str | None = None  # 사업별 설명자료 쪽수, e.g. '1963,1964'
    cells_printed: int | None = None  # how many amount cells the row printed (합계 rows)
    # The line whose amount this line's quarters belong to: itself, or the line above whose
    # amount cell is merged down over this one.
    amount_line_no: int | None = None
    table_no: int | None = None  # which budget table of the document, from 1
    position: Position | None = None  # 'line 984', 'section 0 paragraph 812 row 3'
    project_key: str | None = None  # the project name's key (rules/names.py)


class BudgetTable(NamedTuple):
    """One 예산 집행 계획 table: its header facts and the remarks printed around it."""

    section_code: str | None
    title: str  # '예산 집행 계획'
    unit: str | None  # '천원'
    unit_factor: int  # won per printed unit
    as_of: str | None  # '’25. 1. 10.기준'
    year: int | None  # plan year from the header (’25)
    prev_year: int | None  # previous year column (’24)
    remarks: str | None  # '※ … 재배정 예산 사업으로 …', '*… 사고이월'
    page: int | None
    n_columns: int  # amount columns in the header (예산액 ×2 + 분기 ×4 = 6)
    # Indices into Document.blocks of the table's first and last block (the flattened header's
    # first line through the 합계 line, or the one Table block): the sample builder's hook.
    block_span: tuple[int, int] | None = None
    table_no: int | None = None  # from 1, in document order


class OutlineNode(NamedTuple):
    """A numbered or bulleted heading: 'Ⅰ.', '1.', '가.', '□', 'ㅇ', '-', '·', '*'."""

    node_id: int  # 1.. in document order
    parent_id: int | None
    level: int  # depth in the document's own outline, 1 its top level
    marker: str  # the mark as printed: 'Ⅰ.', '1.', '가.', '□', '◦', '-'
    text: str  # the heading text without its marker, wrapped lines joined
    page: int | None


class TableInfo(NamedTuple):
    table_id: int  # 1.. in document order
    page: int | None
    caption: str | None  # the line printed just above the table, when it names it
    unit: str | None  # '백만원' from '(단위: 백만원, %)'
    n_rows: int
    n_cols: int
    header_rows: int
    block: int | None = None  # index into Document.blocks
    read_by_family: bool = False  # a family rule read it (its own checks cover it)
    units: str | None = None  # every unit stated, in order: '백만원,%'
    unit_source: str | None = None  # where: 'caption' | 'above' | 'cell' | 'below'
    position: Position | None = None  # where, in formats without pages: 'section 0 paragraph 4'


class CellFact(NamedTuple):
    table_id: int
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    number: float | None  # base units: won for money, the figure for %/명/건; None for
    #                           years, dates and codes
    is_header: bool
    header_path: str | None  # '2024년 > 정부안': the header cells above this column
    row_label: str | None  # '내일배움카드(일반)': the label cells left of this row
    # What the figure means (rules/cell_kinds.py): money | ratio | count | year | date | code
    # | number | text; None for header and empty cells.
    kind: str | None = None
    unit: str | None = None  # the unit the printed figure is in: '백만원', '%', '명'
    value: Decimal | None = None  # the figure as printed, signed, exact
    amount: int | None = None  # money in won, exact (None unless kind is money in ₩)
    sub_value: Decimal | None = None  # the figure printed in brackets after it: (31,800)


class BudgetProgram(NamedTuple):
    """One program of a 예산 사업설명자료, with its place in the code hierarchy."""

    program_code: str  # '1131-300' (단위사업-세부사업)
    program_name: str | None
    ministry: str | None  # 소관
    account: str | None  # 회계
    program: str | None  # 프로그램 '1100 직업능력개발'
    unit_program: str | None  # 단위사업 '1131 실업자등능력개발지원'
    detail_program: str | None  # 세부사업 '300 내일배움카드(일반)'
    page: int | None = None


class BudgetAmount(NamedTuple):
    program_code: str
    fiscal_year: int
    stage: str  # '결산' | '본예산' | '추경' | '정부안' | '확정' | '당초' | '수정' | …
    amount: int | None  # won
    page: int | None = None


@dataclass
class Facts:
    """Everything the rules found in one document."""

    title: str | None = None
    organization: str | None = None
    plan_year: int | None = None
    unit: str | None = None
    sections: list[Section] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    training_items: list[TrainingItem] = field(default_factory=list)
    # Items of the '주요 개선 사항' boxes (stage 'improvement'): never counted as training items.
    improvement_items: list[TrainingItem] = field(default_factory=list)
    # Every other count of those lists (rules/counts.py).
    counts: list[Count] = field(default_factory=list)
    budget_tables: list[BudgetTable] = field(default_factory=list)
    budget_lines: list[BudgetLine] = field(default_factory=list)
    # The report's own outline of its tasks ('1. 성장을 돕는 …'), for consistency checks.
    tasks: list[tuple[str, str]] = field(default_factory=list)
    # Which parts each section has: {'1-1-1': {'목적', '근거', '실적', '계획', '예산'}}.
    section_parts: dict[str, set[str]] = field(default_factory=dict)
    # The report family whose rules matched ('seoul_training_plan', 'budget_program'), if any.
    family: str | None = None
    # The generic layer, for every document whatever its family.
    outline: list[OutlineNode] = field(default_factory=list)
    tables: list[TableInfo] = field(default_factory=list)
    table_cells: list[CellFact] = field(default_factory=list)
    # The 예산 사업설명자료 family.
    budget_programs: list[BudgetProgram] = field(default_factory=list)
    budget_amounts: list[BudgetAmount] = field(default_factory=list)
    # What `kplan search` searches: rules/search_index.py's SearchUnit rows (`Facts.rows` finds
    # a table's list by its `list[…]` annotation). Their terms are indexed by the first search.
    search_units: list[Any] = field(default_factory=list)
    # Rows of the tables of families declared outside this module: {table: rows}.
    extra: dict[str, list] = field(default_factory=dict)
    # The tables whose contacts a family read as its own (a 사업 담당자 table under its
    # program's code): the generic reading of contact tables leaves them alone.
    contact_blocks: set[int] = field(default_factory=set)
    # Parts of the document whose rules failed (rules/guard.py): loaded as parse_issues rows.
    rule_failures: list = field(default_factory=list)

    def rows(self, table: str) -> list:
        """The list holding a warehouse table's rows: the field of that name, else `extra`'s."""
        if table in _LIST_FIELDS:
            return getattr(self, table)
        return self.extra.setdefault(table, [])


_LIST_FIELDS = {f.name for f in fields(Facts) if str(f.type).startswith("list[")}
