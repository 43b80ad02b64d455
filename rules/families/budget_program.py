"""예산 사업설명자료 (budget program descriptions): one program per '사업명' box, its place in
the code hierarchy (회계/기금, 소관, 프로그램, 단위사업, 세부사업) and its 예산 총괄표 by year and
stage.

What the rules read, all driven by header text rather than by file:

- The 사업명 box: '(21) 내일배움카드(일반)(1131-300)', as a table cell or as a line.
- The 사업 코드 정보 tables: a row '구분 | 회계 | 소관 | …' (or '기금' for a fund) over rows
  '코드' and '명칭'. A cell that spans both rows holds the name, or the code and the name on
  two lines ('11⏎일반회계'); the code line is dropped from 회계/소관, whose names are official
  names without spaces, so their wrapped lines are joined without one ('중소벤처기⏎업부').
  The second table, '구분 | 프로그램 | 단위사업 | 세부사업', gives the program code
  '단위사업코드-세부사업코드' and the hierarchy fields '1100 직업능력개발'.
- The 총괄표 (a line '3. 예산 총괄표', '가. 예산안 총괄표', '가. 지출계획 총괄표'): the first
  table after it, the unit from the '(단위: 백만원, %)' line. Each column's header cells, top
  to bottom, give a year ('2024년', '2024', '’24') and a stage word (결산, 본예산, 추경, 정부안,
  확정 / 국회확정, 당초, 수정, 요구; the generic 예산 / 계획 only when no other is printed). A
  year cell spanning several stage cells gives its year to each. Columns without both a year
  and a stage (사업명, 증감 (B-A), (B-A)/A) are not amounts.
- Which row: the row whose label is the program's name (spaces ignored); else a total row
  (합계, 총계, 계); else the first row of figures — a 총괄표 lists the program first and its
  내역사업 after it. The row printed in a 목명 table ('융자금', '출자금 등') is its only row.

Amounts are won: the printed figure times the unit; '-' is None.
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

import regex

from kplan.parsers.model import Table
from kplan.rules.contacts import table_contacts
from kplan.rules.facts import BudgetAmount, BudgetProgram, Contact, Facts
from kplan.rules.figures import DASHES, TOTAL_LABELS, is_dash, read_figure
from kplan.rules.lines import Item, Line, TableRef
from kplan.rules.normalize import fold_spaces, join_wrapped, normalize_dots, squash, unit_factor
from kplan.rules.tables import unit_from_text

from .base import CheckLines, FactTable, ReportTable, plural

NAME = "budget_program"

# '(21) 내일배움카드(일반)(1131-300)', '창업사업화지원 (5132-302)'
TITLE_RE = regex.compile(
    r"^(?:\(\d{1,4}\)\s*)?(?P<name>\S.*?)\s*\((?P<unit>\d{4})-(?P<detail>\d{3})\)$"
)
SUMMARY_HEADING_RE = regex.compile(r"총괄표")
# A heading after the 총괄표's own (the next part of the program: '4. 사업목적·내용', '□ 기능별
# 내역사업별 …', '나. …'): the 총괄표 was not read as a table, and a table below that heading is
# another part's, whose figures are not the program's budget. Not a figure ('12.5% 증가'), nor
# a sub-heading over the 총괄표 itself ('(1) 총괄', '①').
NEXT_HEADING_RE = regex.compile(
    r"^\s*(?:(?:\d{1,2}|[가나다라마바사아자차카타파하])\.\s+|[□■◆◇○●ㅇ◦]\s*)[^\d\s]"
)
CODE_LEVELS = ("프로그램", "단위사업", "세부사업")
ACCOUNT_LABELS = ("회계", "기금")
MINISTRY_LABEL = "소관"
CODE_LINE_RE = regex.compile(r"^[0-9A-Z]{1,6}$")

YEAR_RES = (regex.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)"), regex.compile(r"[’'‘`](\d\d)(?!\d)"))
# Most specific first: a cell '2023년 예산⏎본예산(A)' is 본예산, not the generic 예산.
STAGES = (
    ("확정", regex.compile(r"확\s*정")),
    ("정부안", regex.compile(r"정\s*부\s*안")),
    ("본예산", regex.compile(r"본\s*예\s*산")),
    ("추경", regex.compile(r"추\s*경|추가\s*경정")),
    ("결산", regex.compile(r"결\s*산")),
    ("당초", regex.compile(r"당\s*초")),
    ("수정", regex.compile(r"수\s*정")),
    ("요구", regex.compile(r"요\s*구")),
)
GENERIC_STAGES = (("예산", regex.compile(r"예\s*산")), ("계획", regex.compile(r"계\s*획")))
NOT_AMOUNT_RE = regex.compile(r"증\s*감|%|비\s*율|/\s*[A-Z]\b|대\s*비|집행률")


class AmountColumn(NamedTuple):
    col: int
    fiscal_year: int
    stage: str


# ---------------------------------------------------------------- small readers


def _text(cell) -> str:
    return fold_spaces(normalize_dots(cell.text.replace("\n", " "))) if cell is not None else ""


def _lines(cell) -> list[str]:
    if cell is None:
        return []
    return [fold_spaces(normalize_dots(x)) for x in cell.text.split("\n") if x.strip()]


def parse_amount(text: str, factor: int) -> tuple[bool, int | None]:
    """(is a figure, won) of one printed cell: '1,438,070' → (True, 1_438_070 × factor);
    '△11,254' is negative; '-' → (True, None); any other text (a share in parentheses, a
    figure with its own unit) → (False, None)."""
    if is_dash(text):
        return True, None
    figure = read_figure(text)
    if figure is None or figure.parenthesised or figure.suffix:
        return False, None
    return True, int((figure.value * factor).to_integral_value())


def year_of(text: str) -> int | None:
    for pattern in YEAR_RES:
        m = pattern.search(text)
        if m:
            year = int(m.group(1))
            return year if year >= 100 else 2000 + year
    return None


def stage_of(text: str) -> str | None:
    for name, pattern in STAGES:
        if pattern.search(text):
            return name
    for name, pattern in GENERIC_STAGES:
        if pattern.search(text):
            return name
    return None


def _specific_stage(text: str) -> str | None:
    return next((name for name, pattern in STAGES if pattern.search(text)), None)


# ---------------------------------------------------------------- the code tables


def _label_row(table: Table) -> int | None:
    """The row whose first cell is '구분' (the labels of the code table)."""
    for r in range(min(table.n_rows, 3)):
        if squash(_text(table.cell_covering(r, 0))) == "구분":
            return r
    return None


def _row_named(table: Table, name: str) -> int | None:
    for r in range(table.n_rows):
        if squash(_text(table.cell_covering(r, 0))) == name:
            return r
    return None


def code_table(table: Table) -> dict[str, tuple[str | None, str | None, str]] | None:
    """{label: (code, name, name as wrapped lines joined without spaces)} of a 사업 코드 정보
    table, or None when the table is not one."""
    labels_at = _label_row(table)
    if labels_at is None:
        return None
    code_at, name_at = _row_named(table, "코드"), _row_named(table, "명칭")
    if code_at is None or name_at is None:
        return None
    out: dict[str, tuple[str | None, str | None, str]] = {}
    for col in range(1, table.n_cols):
        label = squash(_text(table.cell_covering(labels_at, col)))
        if not label or label in out:
            continue
        code_cell = table.cell_covering(code_at, col)
        name_cell = table.cell_covering(name_at, col)
        if code_cell is not None and code_cell is name_cell:
            lines = _lines(code_cell)  # one cell over both rows: 'code⏎name' or 'name'
            code = lines[0] if len(lines) > 1 and CODE_LINE_RE.match(lines[0]) else None
            name_lines = lines[1:] if code else lines
        else:
            code = _text(code_cell) or None
            name_lines = _lines(name_cell)
        if code in DASHES:
            code = None
        name = join_wrapped(name_lines) or None
        if name in DASHES:
            name = None
        out[label] = (code, name, "".join(x.replace(" ", "") for x in name_lines))
    return out


def _is_level_table(codes: dict) -> bool:
    return all(level in codes for level in ("단위사업", "세부사업"))


def _is_account_table(codes: dict) -> bool:
    return MINISTRY_LABEL in codes and any(label in codes for label in ACCOUNT_LABELS)


# ---------------------------------------------------------------- the 총괄표


def header_rows(table: Table) -> int:
    """Leading rows without figures (a year like '2024' is not a figure), plus the rows a
    header cell spans into. A table without figures is all header (its rows may have been
    extracted as a table of their own)."""
    count = 0
    for r in range(table.n_rows):
        cells = [c for c in table.row_cells(r) if c.col > 0]
        if any(
            parse_amount(c.text, 1)[0] and year_of(c.text) is None
            for c in cells
            if c.text.strip() and c.text.strip() not in DASHES
        ):
            break
        count = r + 1
    if count:
        count = max([count] + [c.row + c.rowspan for c in table.cells if c.row < count])
    return min(count, table.n_rows)


def _column_texts(table: Table, col: int, headers: int) -> list[tuple[int, str]]:
    """(row, text) of the header cells over a column, top to bottom, each cell once."""
    out: list[tuple[int, str]] = []
    seen: set[tuple[int, int]] = set()
    for r in range(headers):
        cell = table.cell_covering(r, col)
        if cell is None or (cell.row, cell.col) in seen:
            continue
        seen.add((cell.row, cell.col))
        out.append((r, _text(cell)))
    return out


def _year_to_the_left(table: Table, col: int, upto_row: int) -> int | None:
    """A year cell whose span should have covered this column but, as extracted, ends short
    of it: the nearest cell to the left in a row above the stage, when this column's own cell
    in that row is blank."""
    for r in range(upto_row):
        own = table.cell_covering(r, col)
        if own is not None and _text(own):
            continue
        for c in range(col - 1, 0, -1):
            left = table.cell_covering(r, c)
            if left is None or not _text(left):
                continue
            text = _text(left)
            if NOT_AMOUNT_RE.search(text):
                break
            year = year_of(text)
            if year is not None and left.row + left.rowspan <= upto_row:
                return year
            break
    return None


def amount_columns(table: Table, headers: int | None = None) -> list[AmountColumn]:
    """The columns of a 총괄표 that hold amounts, each with its fiscal year and stage."""
    headers = header_rows(table) if headers is None else headers
    out: list[AmountColumn] = []
    taken: set[tuple[int, str]] = set()
    for col in range(1, table.n_cols):
        texts = _column_texts(table, col, headers)
        joined = " ".join(t for _, t in texts)
        if not joined or NOT_AMOUNT_RE.search(joined):
            continue
        year = next((y for _, t in reversed(texts) if (y := year_of(t)) is not None), None)
        # The stage: the lowest cell that names a specific one; the generic 예산/계획 only
        # when none does.
        stage = next((s for _, t in reversed(texts) if (s := _specific_stage(t))), None) or next(
            (s for _, t in reversed(texts) if (s := stage_of(t))), None
        )
        if stage is None:
            continue
        if year is None:
            stage_row = next(r for r, t in reversed(texts) if stage_of(t))
            year = _year_to_the_left(table, col, stage_row)
        if year is None or (year, stage) in taken:
            continue
        taken.add((year, stage))
        out.append(AmountColumn(col, year, stage))
    return out


def _label_columns(columns: list[AmountColumn]) -> int:
    return min((c.col for c in columns), default=1)


def _row_label(table: Table, row: int, upto: int) -> str:
    parts = []
    for col in range(upto):
        cell = table.cell_covering(row, col)
        text = _text(cell)
        if text and text not in parts:
            parts.append(text)
    return " ".join(parts)


def data_rows(table: Table, columns: list[AmountColumn], headers: int) -> list[int]:
    """Rows below the header that print at least one figure in an amount column."""
    rows = []
    for r in range(headers, table.n_rows):
        for c in columns:
            cell = table.cell(r, c.col)
            if (
                cell is not None
                and cell.text.strip() not in DASHES
                and parse_amount(cell.text, 1)[0]
            ):
                rows.append(r)
                break
    return rows


def program_row(
    table: Table, rows: list[int], first_amount_col: int, names: list[str | None]
) -> int | None:
    """The row of the program itself: its name, else a total, else the first."""
    if not rows:
        return None
    keys = {squash(n) for n in names if n}
    labels = {r: _row_label(table, r, first_amount_col) for r in rows}
    for r in rows:
        if squash(labels[r]) in keys:
            return r
    for r in rows:
        if squash(labels[r]).strip("()[]○·-") in TOTAL_LABELS:
            return r
    return rows[0]


def summary_amounts(
    table: Table, factor: int, program_code: str, names: list[str | None]
) -> list[BudgetAmount]:
    headers = header_rows(table)
    columns = amount_columns(table, headers)
    if not columns:
        return []
    row = program_row(table, data_rows(table, columns, headers), _label_columns(columns), names)
    if row is None:
        return []
    out = []
    for c in columns:
        cell = table.cell(row, c.col)
        if cell is None:
            continue
        is_figure, won = parse_amount(cell.text, factor)
        if is_figure:
            out.append(
                BudgetAmount(program_code, c.fiscal_year, c.stage, won, table.page_of_row(row))
            )
    return out


def _joined(first: Table, second: Table) -> Table:
    """A table the extraction broke in two (its header apart from its rows), back together."""
    cells = list(first.cells) + [replace(c, row=c.row + first.n_rows) for c in second.cells]
    if second.page == first.page:
        return Table(cells, first.n_rows + second.n_rows, first.n_cols, page=first.page)
    return Table(
        cells,
        first.n_rows + second.n_rows,
        first.n_cols,
        page=first.page,
        end_page=second.page,
        row_pages=[first.page] * first.n_rows + [second.page] * second.n_rows,
    )


# ---------------------------------------------------------------- the document


class _Program:
    def __init__(self, start: int):
        self.start = start
        self.title: tuple[str, str, int | None] | None = None  # name, code, page
        self.levels: dict = {}  # the 단위사업/세부사업 code table it starts at
        self.levels_page: int | None = None
        self.accounts: dict | None = None


def _title_in(item: Item) -> tuple[str, str, int | None] | None:
    texts = [item.text] if isinstance(item, Line) else [_text(c) for c in item.table.cells]
    for text in texts:
        m = TITLE_RE.match(text)
        if m:
            return m.group("name"), f"{m.group('unit')}-{m.group('detail')}", item.page
    return None


def _programs(stream: list[Item]) -> list[_Program]:
    """One entry per 단위사업/세부사업 code table, with the 사업명 and the 회계/소관 table
    printed with it."""
    programs: list[_Program] = []
    pending_title = None
    pending_accounts = None
    for i, item in enumerate(stream):
        title = _title_in(item)
        if title is not None:
            pending_title = title
        if not isinstance(item, TableRef):
            continue
        codes = code_table(item.table)
        if codes is None:
            continue
        if _is_account_table(codes) and not _is_level_table(codes):
            # Printed after its program's 단위사업/세부사업 table (no new 사업명 in between):
            # that program's; else the next one's.
            if programs and programs[-1].accounts is None and pending_title is None:
                programs[-1].accounts = codes
            else:
                pending_accounts = codes
        elif _is_level_table(codes):
            program = _Program(i)
            program.levels, program.levels_page = codes, item.page
            program.title, pending_title = pending_title, None
            program.accounts, pending_accounts = pending_accounts, None
            programs.append(program)
    return programs


def signature(stream: list[Item]) -> float:
    """A 단위사업/세부사업 code table is the mark of the family; a 회계/소관 code table, a
    '… (1131-300)' title and a 총괄표 heading add to it."""
    level_tables = account_tables = 0
    for item in stream:
        if isinstance(item, TableRef):
            codes = code_table(item.table)
            if codes is None:
                continue
            level_tables += _is_level_table(codes)
            account_tables += _is_account_table(codes)
    if not level_tables:
        return 0.0
    titles = any(_title_in(it) for it in stream)
    summary = any(isinstance(it, Line) and SUMMARY_HEADING_RE.search(it.text) for it in stream)
    return 1.0 + 0.5 * bool(account_tables) + 0.5 * titles + 0.5 * summary


def _level(codes: dict, label: str) -> tuple[str | None, str | None]:
    code, name, _ = codes.get(label, (None, None, ""))
    return code, name


def _fmt(code: str | None, name: str | None) -> str | None:
    return " ".join(x for x in (code, name) if x) or None


def _summary_table(items: list[Item]) -> tuple[Table | None, str | None]:
    """The 총괄표 of one program's stretch of the stream, and its unit."""
    heading_at = next(
        (
            i
            for i, it in enumerate(items)
            if isinstance(it, Line) and SUMMARY_HEADING_RE.search(it.text) and len(it.text) <= 40
        ),
        None,
    )
    if heading_at is None:
        return None, None
    heading = items[heading_at]
    assert isinstance(heading, Line)
    unit = unit_from_text(heading.text)
    for j in range(heading_at + 1, len(items)):
        item = items[j]
        if isinstance(item, Line):
            if NEXT_HEADING_RE.match(item.text):
                return None, unit
            unit = unit or unit_from_text(item.text)
            continue
        table = item.table
        if not amount_columns(table):
            return None, unit
        headers = header_rows(table)
        after = items[j + 1] if j + 1 < len(items) else None
        if (
            not data_rows(table, amount_columns(table, headers), headers)
            and isinstance(after, TableRef)
            and after.block != item.block
            and after.table.n_cols == table.n_cols
        ):
            # The next table, not one nested in this one (those share its block).
            table = _joined(table, after.table)
        if unit is None:
            unit = next((u for c in table.cells[:3] if (u := unit_from_text(c.text))), None)
        return table, unit
    return None, unit


def extract(stream: list[Item], facts: Facts) -> None:
    programs = _programs(stream)
    for k, program in enumerate(programs):
        end = programs[k + 1].start if k + 1 < len(programs) else len(stream)
        levels = program.levels
        unit_code, unit_name = _level(levels, "단위사업")
        detail_code, detail_name = _level(levels, "세부사업")
        title_name, title_code, title_page = program.title or (None, None, None)
        code = f"{unit_code}-{detail_code}" if unit_code and detail_code else title_code
        if code is None:
            continue
        # The 사업명 box prints the name on one line: its spacing wins over a wrapped cell's.
        name = detail_name
        if title_name and (name is None or squash(title_name) == squash(name)):
            name = title_name
        accounts = program.accounts or {}
        account = next(
            (accounts[label][2] or None for label in ACCOUNT_LABELS if label in accounts), None
        )
        ministry = (accounts[MINISTRY_LABEL][2] or None) if MINISTRY_LABEL in accounts else None
        facts.budget_programs.append(
            BudgetProgram(
                code,
                name,
                ministry,
                account,
                _fmt(*_level(levels, "프로그램")),
                _fmt(unit_code, unit_name),
                _fmt(detail_code, name if detail_name else None),
                title_page if title_page is not None else program.levels_page,
            )
        )
        # Its 사업 담당자 table: the staff of this program, under its code.
        for item in stream[program.start + 1 : end]:
            if isinstance(item, TableRef) and (staff := table_contacts(item, code)):
                facts.contacts.extend(staff)
                facts.contact_blocks.add(item.block)
        table, unit = _summary_table(stream[program.start + 1 : end])
        if table is not None:
            facts.budget_amounts.extend(
                summary_amounts(table, unit_factor(unit), code, [name, detail_name, title_name])
            )


# ---------------------------------------------------------------- what it stores and says

FACT_TABLES = (
    FactTable("budget_programs", BudgetProgram),
    FactTable("budget_amounts", BudgetAmount),
    FactTable("contacts", Contact),
)


def summary(n: dict[str, int]) -> str:
    # Its staff only where a 사업 담당자 table lists them: most ministries' templates have none.
    staff = f", {plural(n['contacts'], 'contact')}" if n.get("contacts") else ""
    programs = plural(n["budget_programs"], "program")
    return f"{programs}, {plural(n['budget_amounts'], 'amount')}{staff}"


REPORT = (
    ReportTable(
        "사업",
        """
        SELECT program_code, program_name, ministry, account, unit_program, detail_program, page
        FROM budget_programs WHERE doc_id = ? ORDER BY program_code""",
        ("코드", "사업명", "소관", "회계", "단위사업", "세부사업", "쪽"),
        empty="사업 코드 표를 찾지 못했습니다.",
    ),
    ReportTable(
        "예산 총괄표",
        """
        SELECT program_code, fiscal_year, stage, amount, page
        FROM budget_amounts WHERE doc_id = ? ORDER BY program_code, fiscal_year, stage""",
        ("코드", "연도", "구분", "금액(원)", "쪽"),
        numeric=("금액(원)",),
        empty="총괄표의 금액을 읽지 못했습니다.",
    ),
    ReportTable(
        "사업 담당자",
        """
        SELECT section_code, department, role, name, phone, page
        FROM contacts WHERE doc_id = ? ORDER BY section_code, rowid""",
        ("코드", "부서", "직위", "성명", "전화", "쪽"),
        empty="사업 담당자 표가 없습니다.",
    ),
)

# Under `kplan check`'s summary: each program with its amounts, in won.
CHECK = (
    CheckLines(
        """
        SELECT p.program_code, coalesce(p.program_name, '?') AS program_name,
               coalesce(string_agg(a.fiscal_year || ' ' || a.stage || ' '
                                   || coalesce(format('{:,}원', a.amount), '-'), ', '
                                   ORDER BY a.fiscal_year, a.page, a.stage), '금액 없음') AS amounts
        FROM budget_programs p
        LEFT JOIN budget_amounts a USING (doc_id, program_code)
        WHERE p.doc_id = ? GROUP BY ALL ORDER BY p.program_code""",
        "  program {program_code} {program_name}: {amounts}",
    ),
)
