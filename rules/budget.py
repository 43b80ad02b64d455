"""Budget lines from 예산 집행 계획 tables: from real cells when the format has them, from the
flattened lines when only text exists. Both paths produce `RawRow`s; one finisher turns rows into
`BudgetLine`s so the two formats cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from kplan.parsers.model import Position, Table

from .facts import BudgetLine, BudgetTable
from .figures import TOTAL_LABELS
from .lines import Line
from .normalize import (
    find_unit,
    fold_spaces,
    is_amount_token,
    join_wrapped,
    parse_number,
    squash,
    unit_factor,
)

BUDGET_HEADING_RE = regex.compile(r"예산\s*집행\s*(계획|현황)")
PROGRAM_CODE_RE = regex.compile(r"^(\d{1,4})\.\s*(.*)$")
QUARTER_RE = regex.compile(r"^([1-4])(?:/4)?분기")  # '1분기', '1/4분기' (squashed)
# A budget column's year as its header cell prints it (squashed): '’25', '2025', '2025년',
# '’25예산', '2025년예산액', '2024년본예산'.
YEAR_CELL_RE = regex.compile(
    r"(?:[’'‘`](?P<yy>\d{2})|(?P<yyyy>20\d{2}))(?:년도?)?(?:예산액?|본예산|계획)?(?:\([A-Z]\))?"
)
GLUED_REF_RE = regex.compile(r"^(\d{1,3}(?:,\d{3})+|\d{1,4})(\D.*)$")
NON_BUDGET = "비예산"


@dataclass
class RawRow:
    """One row of amounts as read, before program names are resolved."""

    # (code, words after the code): the words still hold the project name in a flattened
    # table; from cells they are the program name alone. Code None is 비예산.
    programs: list[tuple[str | None, list[str]]] = field(default_factory=list)
    project_words: list[str] = field(default_factory=list)
    values: list[int | None] = field(default_factory=lambda: [None] * 6)
    notes: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    page: int | None = None
    is_total: bool = False
    cells_printed: int | None = None
    continuation: bool = False  # a quarter row under an amount merged from the row above
    position: Position | None = None  # where, in formats without pages


# ---------------------------------------------------------------- shared helpers


def collapse_repeats(tokens: list[str]) -> list[str]:
    """'연수 운영 연수 운영 연수 운영' → '연수 운영': consecutive repeats of any phrase, once."""
    tokens = [t for t in tokens if t not in {"-", "–", "—"}]
    changed = True
    while changed:
        changed = False
        for size in range(1, len(tokens) // 2 + 1):
            i = 0
            out: list[str] = []
            while i < len(tokens):
                out.extend(tokens[i : i + size])
                j = i + size
                while tokens[j : j + size] == tokens[i : i + size] and j + size <= len(tokens):
                    j += size
                    changed = True
                i = j if j > i + size else i + size
            if changed:
                tokens = out
                break
    return tokens


def note_text(parts: list[str]) -> str | None:
    tokens = fold_spaces(" ".join(p.strip("()") for p in parts)).split()
    collapsed = collapse_repeats(tokens)
    return " ".join(collapsed) or None


def parse_unit_line(text: str) -> tuple[str | None, str | None]:
    return find_unit(text)


# ---------------------------------------------------------------- text path


def _split_values(text: str) -> tuple[str, list[str], str]:
    """'역량강화연수 8,100 5,844' → ('역량강화연수', ['8,100', '5,844'], '')."""
    tokens = text.split()
    best: tuple[int, int] = (0, 0)
    i = 0
    while i < len(tokens):
        if is_amount_token(tokens[i]):
            j = i
            while j < len(tokens) and is_amount_token(tokens[j]):
                j += 1
            if j - i > best[1] - best[0]:
                best = (i, j)
            i = j
        else:
            i += 1
    start, end = best
    return " ".join(tokens[:start]), tokens[start:end], " ".join(tokens[end:])


def _note_like(line: str) -> bool:
    tokens = line.split()
    return len(tokens) >= 2 and (len(set(tokens)) < len(tokens) or "-" in tokens)


def _repeated_prefix(lines: list[str]) -> int:
    """Length of the longest prefix made of one block of lines said twice or more."""
    keys = [squash(x) for x in lines]
    best = 0
    for size in range(1, len(keys) // 2 + 1):
        reps = 1
        while keys[reps * size : (reps + 1) * size] == keys[:size]:
            reps += 1
        if reps >= 2:
            best = max(best, reps * size)
    return best


def _split_notes_and_name(texts: list[str], context: str) -> tuple[list[str], list[str], bool]:
    """Text lines between two rows of amounts: the note row of the row above, then the name
    cells of the row below, and whether the lines' own shape decided it. A flattened table
    does not say where one ends, so decide by: the last line shaped like a note row; else a
    block of lines said over again; else (a guess, `_FlatTableReader.settle_guesses` may
    revise it) the longest tail that the section's own text repeats (a project is usually named
    in its plan)."""
    for i in range(len(texts) - 1, -1, -1):
        if _note_like(texts[i]):
            return texts[: i + 1], texts[i + 1 :], True
    rep = _repeated_prefix(texts)
    if rep:
        return texts[:rep], texts[rep:], True
    for k in range(1, len(texts)):
        tail = squash(" ".join(texts[k:]))
        if len(tail) >= 4 and tail in context:
            return texts[:k], texts[k:], False
    return [], texts, False


def _said_in(line: str, notes: list[str]) -> bool:
    """Whether every word of the line is a word of one of the notes."""
    words = set(line.split())
    return bool(words) and any(words <= set(note.split()) for note in notes)


def _take_programs(texts: list[str]) -> tuple[list[str], list[tuple[str | None, list[str]]]]:
    """Split name lines into (lines before the first program code, programs).

    Each program is (code, words after the code up to the next code); the last program's words
    still hold the project name, which the finisher splits off.
    """
    before: list[str] = []
    programs: list[tuple[str | None, list[str]]] = []
    for text in texts:
        m = PROGRAM_CODE_RE.match(text)
        if m:
            programs.append((m.group(1), m.group(2).split()))
        elif text.split()[0] == NON_BUDGET:
            programs.append((None, text.split()))
        elif programs:
            programs[-1][1].extend(text.split())
        else:
            before.append(text)
    return before, programs


class _FlatTableReader:
    """Reads the rows of a flattened table line by line (see `rows_from_lines`)."""

    def __init__(self, context: str):
        self.context = context
        self.rows: list[RawRow] = []
        self.texts: list[str] = []  # text lines since the last row of amounts
        self.current: RawRow | None = None
        self.queued: list[tuple[str | None, list[str]]] = []  # codes for merged rows below
        self.expect = "amount"  # amount | quarters | refs
        # Notes the text's shape placed (a note row's repeats, a program code after them, the
        # quarters' cells, the last row's before the 합계), and the splits only guessed: (row
        # above, row below, where in the row above's notes its guess went, gap lines, guess).
        self.known_notes: list[str] = []
        self.guesses: list[tuple[RawRow, RawRow, int, list[str], list[str]]] = []
        # A 합계 printed first, over the lines it sums: held, and put last when the table ends
        # (where the rows' order and the checks expect it), as the cell path does.
        self.total_first: RawRow | None = None

    @property
    def row(self) -> RawRow:
        """The row being read: there is one whenever `expect` is quarters or refs."""
        assert self.current is not None
        return self.current

    def start_row(self, line: Line, *, continuation: bool) -> RawRow:
        before, programs = _take_programs(self.texts)
        decided = True
        if programs or continuation:
            notes, names = before, []
        elif self.current is None:
            notes, names = [], before
        else:
            notes, names, decided = _split_notes_and_name(before, self.context)
        row = RawRow(page=line.page, continuation=continuation, position=line.position)
        if self.current is not None:
            at = len(self.current.notes)
            self.current.notes.extend(notes)
            if decided:
                self.known_notes.extend(notes)
            else:
                self.guesses.append((self.current, row, at, before, notes))
        if programs:
            # Several codes over one project (merged name cell): the first code is this row's,
            # the rest belong to the quarter rows merged beneath it. All share the project
            # name, which follows the last code.
            row.programs = programs
            self.queued = programs[1:]
        elif continuation and self.queued:
            row.programs = [self.queued.pop(0)]
        row.project_words = " ".join(names).split()
        self.rows.append(row)
        self.texts = []
        self.current = row
        return row

    def finish(self) -> None:
        if self.current is not None:
            self.current.notes.extend(self.texts)
            self.known_notes.extend(self.texts)
        self.texts = []

    def end(self) -> None:
        """The table ended with the lines given it (no 합계 after its rows)."""
        self.finish()
        if self.total_first is not None:
            self.rows.append(self.total_first)

    def settle_guesses(self) -> None:
        """Revise each guessed split by the notes the table shows elsewhere: the gap's first
        lines whose every word is a word of such a note are the row above's note (a note cell
        spanning the quarters is printed once, `직무연수 운영`, as another line's is), the rest
        the row below's name. A table says its notes over again, not its names."""
        for above, below, at, texts, guessed in self.guesses:
            cut = 0
            while cut < len(texts) and _said_in(texts[cut], self.known_notes):
                cut += 1
            if cut == 0 or texts[:cut] == guessed:
                continue
            above.notes[at : at + len(guessed)] = texts[:cut]
            below.project_words = " ".join(texts[cut:]).split()

    def feed(self, line: Line) -> bool:
        """Read one line; True when the 합계 row ended the table."""
        text = line.text
        first = text.split()[0]
        if first in TOTAL_LABELS:
            self.finish()
            _, values, _ = _split_values(text[len(first) :])
            total = RawRow(
                is_total=True, page=line.page, cells_printed=len(values), position=line.position
            )
            for j, token in enumerate(values[:6]):
                total.values[j] = parse_number(token)
            if not self.rows and self.total_first is None:
                self.total_first = total  # first under the header: the lines follow it
                return False
            if self.total_first is not None:
                self.rows.append(self.total_first)  # a second 합계: both kept, neither lost
            self.rows.append(total)
            return True
        lead, values, trail = _split_values(text)
        if self.expect == "refs":
            if (
                len(values) == 1
                and not lead
                and not trail
                and (values[0] != "-" or not self.row.refs)
            ):
                self.row.refs.append(values[0])  # 설명자료 쪽수 under the quarters
                return False
            glued = GLUED_REF_RE.match(text)
            if glued and not values:
                self.row.refs.append(glued.group(1))  # '1,964직무연수'
                self.texts.append(glued.group(2).strip())
                return False
            self.expect = "amount"
        if self.expect == "quarters" and not values:
            words = text.split()
            # '(재배정)' under an amount, or '재배정 재배정 재배정 재배정' where quarters go.
            self.row.notes.append(text)
            self.known_notes.append(text)
            if len(words) == 4 and len(set(words)) == 1:
                self.expect = "refs"
            return False
        if self.current is None and not lead and not trail and values == ["-", "-"]:
            # Before the first row no note can hold it: the ’25 and ’24 cells of a line without
            # amounts (a 비예산 line), not an empty note cell.
            self.start_row(line, continuation=False)
            self.expect = "quarters"
            return False
        if not values or (len(values) <= 2 and not any(ch.isdigit() for ch in "".join(values))):
            self.texts.append(text)  # a lone '-' among 집행내용 text is an empty note cell
            return False
        if lead:
            self.texts.append(lead)
        n = len(values)
        if n >= 6 or (n <= 2 and self.expect == "amount"):
            row = self.start_row(line, continuation=False)
            for j, token in enumerate(values[:6]):
                row.values[j] = parse_number(token)
            if n >= 6:
                row.refs.extend(values[6:])
                if trail:
                    row.notes.append(trail)  # '비예산' in the 쪽수 column
                self.expect = "refs"
            else:
                self.expect = "quarters"
            return False
        if n in (4, 5):
            row = self.row if self.expect == "quarters" else self.start_row(line, continuation=True)
            for j, token in enumerate(values[:4]):
                row.values[2 + j] = parse_number(token)
            row.refs.extend(values[4:])
            self.expect = "refs"
            return False
        self.texts.append(text)  # a stray number or two inside prose
        return False


def rows_from_lines(lines: list[Line], context: str) -> tuple[list[RawRow], int, int]:
    """Rows of a flattened table. Returns rows, the index of the first header line and the
    index of the 합계 line within `lines` (-1 when there is none)."""
    header_end = next((i for i, ln in enumerate(lines) if "4분기" in ln.text), None)
    if header_end is None:
        return [], -1, -1
    header_start = next(
        (i for i in range(header_end, -1, -1) if lines[i].text.replace(" ", "") == "예산"),
        header_end,
    )
    reader = _FlatTableReader(context)
    total_at = -1
    index = header_end + 1
    while index < len(lines):
        repeated = _repeated_header_end(lines, index)
        if repeated is not None:
            index = repeated + 1  # the table goes on over a page break, its header again
            continue
        if reader.feed(lines[index]):
            total_at = index
            break
        index += 1
    else:
        reader.end()
    reader.settle_guesses()
    if not flat_rows_hold_together(reader.rows):
        return [], header_start, total_at
    return reader.rows, header_start, total_at


# The words of a budget table's header, however its lines are cut: '예산 사업명 추진 사업명',
# '예산액 집행예정액 / 집행내용 사업별', '설명자료', '쪽수', '’25 ’24 1분기 2분기 3분기 4분기'.
HEADER_WORD_RE = regex.compile(
    r"^(?:예산|사업명|추진|예산사업명|추진사업명|예산액|집행예정액|집행내용|집행예정액/집행내용|/"
    r"|사업별|설명자료|쪽수|사업별설명자료쪽수|[’'‘`]\d{2}|20\d{2}년?|[1-4](?:/4)?분기)$"
)
MAX_HEADER_LINES = 8
FOURTH_QUARTER_RE = regex.compile(r"(?<![\d/])4분기|4/4분기")  # not the '4분기' of '1/4분기'


def _repeated_header_end(lines: list[Line], start: int) -> int | None:
    """The index of the '4분기' line that ends a header printed again from `start` (a table
    split over pages, its header repeated on the next, as Hancom's 제목 줄 반복 prints it), or
    None when the lines there are not such a header: every word a header's word."""
    for index in range(start, min(start + MAX_HEADER_LINES, len(lines))):
        words = lines[index].text.split()
        if not words or not all(HEADER_WORD_RE.match(w) for w in words):
            return None
        if FOURTH_QUARTER_RE.search(lines[index].text):
            return index if index > start or len(words) > 4 else None
    return None


# What a flattened table's text between its rows of amounts may hold: names, 집행내용 notes and
# 쪽수 references. Grouped figures or the header's own labels there mean the text was not laid
# out a row at a time (a table's columns taken in blocks, as pdftotext's default order does):
# the rows read from it would pair amounts with the wrong names.
GROUPED_FIGURE_RE = regex.compile(r"(?<![\d,])\d{1,3}(?:,\d{3})+(?![\d,])")
HEADER_LABELS = ("쪽수", "분기", "예산액", "설명자료")


def flat_rows_hold_together(rows: list[RawRow]) -> bool:
    """Whether the rows read from a flattened table are rows: no name or note holds a grouped
    figure ('240,480') or a header label ('사업별 설명자료 쪽수'), nor the words after a
    program code ('457. 직무연수 10,600 11,157': amounts printed beside the code, not the
    line's own, which came before). Nor does the first row go on from a row above: its
    quarters were printed before any amount (pdfplumber's text of a two-row line puts the
    quarters, at its top, over the amounts at its middle), an order this reader does not read."""
    first = next((row for row in rows if not row.is_total), None)
    if first is not None and first.continuation:
        return False
    for row in rows:
        for text in [*row.notes, " ".join(row.project_words)]:
            if GROUPED_FIGURE_RE.search(text) or any(label in text for label in HEADER_LABELS):
                return False
        # A program's words hold its name and the project's: only figures there say no row.
        if any(GROUPED_FIGURE_RE.search(" ".join(words)) for _, words in row.programs):
            return False
    return True


# ---------------------------------------------------------------- table path


def _column_roles(table: Table) -> tuple[dict[str, int], int, int | None, int | None]:
    """Map 'program', 'project', 'amount', 'prev', 'q1'..'q4', 'ref' to columns, from the header
    rows. Returns (roles, first body row, plan year, previous year)."""
    roles: dict[str, int] = {}
    years: list[int] = []
    last_header = -1
    for r in range(min(table.n_rows, 4)):
        row_texts = {}
        for c in range(table.n_cols):
            cell = table.cell_covering(r, c)
            row_texts[c] = squash(cell.text) if cell else ""
        joined = " ".join(row_texts.values())
        if not any(k in joined for k in ("분기", "예산액", "사업명")):
            continue
        last_header = r
        for c, t in row_texts.items():
            q = QUARTER_RE.match(t)
            if q and table.cell(r, c) is not None:
                roles[f"q{q.group(1)}"] = c
            elif t.startswith("예산사업명") or t == "예산사업명":
                roles.setdefault("program", c)
            elif t.startswith("추진사업명"):
                roles.setdefault("project", c)
            elif "쪽수" in t:
                roles.setdefault("ref", c)
            y = YEAR_CELL_RE.fullmatch(t) if t else None
            if y and table.cell(r, c) is not None:
                years.append(int(y.group("yyyy")) if y.group("yyyy") else 2000 + int(y.group("yy")))
                roles.setdefault("amount" if len(years) == 1 else "prev", c)
    plan_year = years[0] if years else None
    prev_year = years[1] if len(years) > 1 else None
    return roles, last_header + 1, plan_year, prev_year


def header_cut_at_page(top: Table, rest: Table) -> Table | None:
    """A budget table whose header a page break cut after its first row, as LibreOffice
    prints one (its PDF of the seed, 2-1-2, pp.20-21): `top`, a row of labels alone ('예산
    사업명 | 추진 사업명 | 예산액 | 집행예정액 / 집행내용 | 사업별'), and `rest`, the table from
    its years and quarters on, whose first row leaves the name columns empty. The labels of
    the name columns go into those cells, left to right; None when the two are not so."""
    if top.n_rows != 1 or rest.n_rows < 2 or is_budget_table(top):
        return None
    labels = [squash(c.text) for c in sorted(top.row_cells(0), key=lambda c: c.col)]
    names = [t for t in labels if t.endswith("사업명")]
    first = squash(" ".join(c.text for c in rest.row_cells(0)))
    if not names or any(GROUPED_FIGURE_RE.search(t) for t in labels) or "분기" not in first:
        return None
    cells = list(rest.cells)
    empty = [
        k for k, c in enumerate(cells) if c.row == 0 and not c.text.strip() and c.col < len(names)
    ]
    if len(empty) != len(names):
        return None
    for k, name in zip(sorted(empty, key=lambda k: cells[k].col), names):
        cells[k] = replace(cells[k], text=name)
    return replace(rest, cells=cells)


def is_budget_table(table: Table) -> bool:
    text = squash(" ".join(c.text for c in table.cells if c.row < 3))
    return "분기" in text and ("예산액" in text or "사업명" in text)


def _cell_values(text: str) -> tuple[int | None, list[str], bool]:
    """'17,900\n(재배정)' → (17900, ['재배정'], True). The bool says a number or '-' was there."""
    tokens = text.split()
    value, rest, found = None, [], False
    for t in tokens:
        if not found and is_amount_token(t):
            value, found = parse_number(t), True
        else:
            rest.append(t)
    return value, rest, found


def _blank(amount: tuple[int | None, list[str], bool] | None) -> bool:
    """A cell of its own that prints nothing: no figure, no '-', no words."""
    return amount is not None and not amount[2] and not amount[1]


def _row_position(table: Table, row: int) -> Position | None:
    """Row `row` (from 0) of the table, printed from 1: 'section 0 paragraph 812 row 3'."""
    return table.position._replace(row=row + 1) if table.position else None


def _is_note_row(
    table: Table,
    row: int,
    roles: dict[str, int],
    amounts: list[tuple[int | None, list[str], bool] | None],
) -> bool:
    """A row under a budget line that holds its 집행내용: no figure of its own (its quarter
    cells say '연수 운영' or '-') and no name of its own (the name cells span down into it, or
    are blank). A row of dashes under its own name is a line: '비예산 | … | - - - -'."""
    if any(a is not None and a[0] is not None for a in amounts):
        return False
    if not any(a is not None and a[2] for a in amounts):
        return True
    for role in ("program", "project"):
        cell = table.cell(row, roles[role]) if role in roles else None
        if cell is not None and cell.text.strip():
            return False
    return True


# What a note row under a table begins with.
NOTE_MARKS = ("※", "*", "＊", "주)", "주:", "(주)", "비고")


def continued_table(first: Table, following: list[Table]) -> tuple[Table, int]:
    """A budget table and the tables that carry it on past a page or table break, as one table:
    (that table, how many of `following` it took). A table continues the one above while that
    one has no 합계 row yet and it has the same columns; the header it may repeat is skipped
    like a header repeated inside one table (see `rows_from_table`)."""
    taken, table = 0, first
    for nxt in following:
        if nxt.n_cols != table.n_cols or _has_total_row(table):
            break
        table = _stacked(table, nxt)
        taken += 1
    return table, taken


def _has_total_row(table: Table) -> bool:
    """Does the table close with its 합계 row: one under the lines it sums, only notes ('※ …')
    after it? A 합계 printed first, over its lines, closes nothing (the table may go on in the
    next, its lines there if a page broke right under it)."""
    body_start = _column_roles(table)[1]
    labels = [
        squash(c.text)
        for c in sorted(table.cells, key=lambda c: c.row)
        if c.col == 0 and c.row >= body_start and c.text.strip()
    ]
    totals = [i for i, x in enumerate(labels) if x in TOTAL_LABELS or x.startswith("합계")]
    if not totals or totals[-1] == 0:
        return False
    return all(x.startswith(NOTE_MARKS) for x in labels[totals[-1] + 1 :])


def _stacked(top: Table, bottom: Table) -> Table:
    cells = top.cells + [replace(c, row=c.row + top.n_rows) for c in bottom.cells]
    pages = [top.page_of_row(r) for r in range(top.n_rows)] + [
        bottom.page_of_row(r) for r in range(bottom.n_rows)
    ]
    known = [p for p in pages if p is not None]
    return Table(
        cells,
        top.n_rows + bottom.n_rows,
        top.n_cols,
        page=top.page,
        position=top.position,
        end_page=max(known) if known else None,
        caption=top.caption,
        row_pages=pages if known else None,
    )


def _covering_text(table: Table, r: int, c: int) -> str:
    cell = table.cell_covering(r, c)
    return squash(cell.text) if cell else ""


def rows_from_table(table: Table) -> tuple[list[RawRow], int | None, int | None]:
    roles, body_start, plan_year, prev_year = _column_roles(table)
    header_keys = [
        tuple(_covering_text(table, r, c) for c in range(table.n_cols)) for r in range(body_start)
    ]
    value_cols = [roles.get(k) for k in ("amount", "prev", "q1", "q2", "q3", "q4")]
    rows: list[RawRow] = []
    current: RawRow | None = None
    # A 합계 row printed first, right under the header, sums the lines below it: it is read
    # with them and comes last, as a 합계 row printed under its lines does.
    total_first: RawRow | None = None
    for r in range(body_start, table.n_rows):
        key = tuple(_covering_text(table, r, c) for c in range(table.n_cols))
        if key in header_keys:
            continue  # a header repeated where the table broke across a page
        label_cell = table.cell_covering(r, roles.get("program", 0))
        label = squash(label_cell.text) if label_cell else ""
        if label in TOTAL_LABELS or label.startswith("합계"):
            total = RawRow(
                is_total=True, page=table.page_of_row(r), position=_row_position(table, r)
            )
            printed = 0
            for j, col in enumerate(value_cols):
                cell = table.cell(r, col) if col is not None else None
                if cell is not None and cell.text.strip():
                    value, _, found = _cell_values(cell.text)
                    total.values[j] = value
                    printed += found
            total.cells_printed = printed
            if not rows and total_first is None:
                total_first = total
                continue
            rows.append(total)
            break
        amounts_here = []
        for col in value_cols:
            cell = table.cell(r, col) if col is not None else None
            amounts_here.append(_cell_values(cell.text) if cell is not None else None)
        if _is_note_row(table, r, roles, amounts_here):
            # A row of 집행내용 text only: the note of the row above.
            if current is not None:
                for c in range(table.n_cols):
                    cell = table.cell(r, c)
                    if (
                        cell is not None
                        and c not in (roles.get("program"), roles.get("project"))
                        and cell.text.strip()
                    ):
                        current.notes.append(join_wrapped(cell.text.split("\n")))
            continue
        row = RawRow(page=table.page_of_row(r), position=_row_position(table, r))
        program_cell = table.cell_covering(r, roles["program"]) if "program" in roles else None
        project_cell = table.cell_covering(r, roles["project"]) if "project" in roles else None
        if program_cell is not None:
            text = join_wrapped(program_cell.text.split("\n"))
            m = PROGRAM_CODE_RE.match(text)
            if m:
                row.programs = [(m.group(1), m.group(2).split())]
            elif text:
                row.programs = [(None, text.split())]
        if project_cell is not None:
            row.project_words = join_wrapped(project_cell.text.split("\n")).split()
        for j, amount in enumerate(amounts_here):
            if amount is None:
                continue  # covered by a merged cell above: the amount is stored there
            value, rest, _ = amount
            row.values[j] = value
            row.notes.extend(rest)
        ref_col = roles.get("ref")
        ref_cell = table.cell(r, ref_col) if ref_col is not None else None
        if ref_cell is not None:
            for token in ref_cell.text.split():
                if is_amount_token(token):
                    row.refs.append(token)
                else:
                    row.notes.append(token)
        # Its amounts in a cell merged over the row above; or, where a converter draws such a
        # cell as blank cells below its first (dochan's Markdown), blank (no figure, no '-')
        # over quarters of its own.
        row.continuation = (amounts_here[0] is None and amounts_here[1] is None) or (
            current is not None
            and all(_blank(a) for a in amounts_here[:2])
            and any(a is not None and a[2] for a in amounts_here[2:])
        )
        rows.append(row)
        current = row
    if total_first is not None and not any(row.is_total for row in rows):
        rows.append(total_first)
    return rows, plan_year, prev_year


# ---------------------------------------------------------------- finishing


def program_vocabulary(all_rows: list[list[RawRow]]) -> dict[str, list[str]]:
    """Program names by code, as the words every occurrence of that code starts with."""
    seen: dict[str, list[list[str]]] = {}
    for rows in all_rows:
        for row in rows:
            for code, words in row.programs:
                if code is not None and words:
                    seen.setdefault(code, []).append(words)
    vocabulary = {}
    for code, occurrences in seen.items():
        if len(occurrences) < 2:
            continue
        prefix = occurrences[0]
        for words in occurrences[1:]:
            n = 0
            while n < min(len(prefix), len(words)) and prefix[n] == words[n]:
                n += 1
            prefix = prefix[:n]
        if prefix:
            vocabulary[code] = prefix
    return vocabulary


def _split_program(
    code: str | None, words: list[str], vocabulary: dict[str, list[str]], context: str
) -> tuple[str | None, list[str]]:
    """(program name, leftover words that begin the project name), for a flattened table."""
    if not words:
        return None, []
    if code is None:  # 비예산: the marker is the program
        return words[0], words[1:]
    known = vocabulary.get(code)
    if known and words[: len(known)] == known:
        return " ".join(known), words[len(known) :]
    for j in range(1, len(words)):
        tail = squash(" ".join(words[j:]))
        if len(tail) >= 4 and tail in context:
            return " ".join(words[:j]), words[j:]
    return words[0], words[1:]


def finish_lines(
    rows: list[RawRow],
    *,
    section_code: str | None,
    year: int | None,
    factor: int,
    vocabulary: dict[str, list[str]],
    context: str,
    from_cells: bool,
) -> list[BudgetLine]:
    """BudgetLines in table order; names carry down from the row above where cells merge."""
    out: list[BudgetLine] = []
    program: tuple[str | None, str | None] = (None, None)
    project: str | None = None
    amount_line = None
    for row in rows:
        amount, prev, q1, q2, q3, q4 = (None if x is None else x * factor for x in row.values)
        if row.is_total:
            out.append(
                BudgetLine(
                    section_code,
                    len(out) + 1,
                    True,
                    None,
                    None,
                    None,
                    year,
                    amount,
                    prev,
                    q1,
                    q2,
                    q3,
                    q4,
                    None,
                    row.page,
                    None,
                    row.cells_printed,
                    position=row.position,
                )
            )
            continue
        project_words = list(row.project_words)
        if row.programs:
            code, words = row.programs[0]
            leftover: list[str]
            if from_cells:
                name, leftover = (" ".join(words) or None), []
            else:
                name, leftover = _split_program(code, words, vocabulary, context)
                if len(row.programs) > 1:
                    last_code, last_words = row.programs[-1]
                    leftover = _split_program(last_code, last_words, vocabulary, context)[1]
            program = (code, name)
            project_words = leftover + project_words
        if project_words:
            project = " ".join(project_words)
        refs = ",".join(str(parse_number(r)) for r in row.refs if parse_number(r) is not None)
        line_no = len(out) + 1
        if not (row.continuation and amount_line is not None):
            amount_line = line_no
        out.append(
            BudgetLine(
                section_code,
                line_no,
                False,
                program[0],
                program[1],
                project,
                year,
                amount,
                prev,
                q1,
                q2,
                q3,
                q4,
                note_text(row.notes),
                row.page,
                refs or None,
                None,
                amount_line,
                position=row.position,
            )
        )
    return out


# A money unit a header cell states: '예산액(천원)', '예산액⏎(단위: 천원)'.
HEADER_UNIT_RE = regex.compile(
    r"[(（]\s*(?:단\s*위\s*[:：]?\s*)?(?P<unit>십억|백만|천|만|억|조)?\s*원\s*[)）]"
)


def header_unit(table: Table) -> str | None:
    """The money unit the table's header cells state, for a table no line above states one
    of: '예산액(천원)' reads as '(단위: 천원)' does."""
    body_start = _column_roles(table)[1]
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        if cell.row < max(body_start, 1) and (m := HEADER_UNIT_RE.search(squash(cell.text))):
            return f"{m.group('unit') or ''}원"
    return None


def budget_table_header(
    lines_before: list[Line],
    section_code: str | None,
    heading: Line,
    plan_year: int | None,
    prev_year: int | None,
    n_columns: int,
    block_span: tuple[int, int] | None,
    table_unit: str | None = None,
) -> BudgetTable:
    """The table's facts from the lines above it; its unit from them, else the one its header
    cells state (`table_unit`)."""
    unit, as_of = None, None
    remarks = []
    for ln in lines_before:
        u, a = parse_unit_line(ln.text)
        if u and unit is None:
            unit, as_of = u, a
        elif ln.text.startswith(("※", "*")):
            remarks.append(ln.text)
    unit = unit or table_unit
    title = BUDGET_HEADING_RE.search(heading.text).group(0)
    return BudgetTable(
        section_code,
        title,
        unit,
        unit_factor(unit),
        as_of,
        plan_year,
        prev_year,
        " ".join(remarks) or None,
        heading.page,
        n_columns,
        block_span,
    )


# The years of a flattened header line: '’25 ’24 1분기 …', '2025년 2024년 1/4분기 …'.
HEADER_YEAR_RE = regex.compile(r"[’'‘`](\d{2})(?!\d)|(?<![\d,.])(20\d{2})(?=년|\s|$)")


def years_from_header(lines: list[Line]) -> tuple[int | None, int | None]:
    for ln in lines:
        if "4분기" in ln.text:
            years = [
                int(yyyy) if yyyy else 2000 + int(yy)
                for yy, yyyy in HEADER_YEAR_RE.findall(ln.text)
            ]
            return (years[0] if years else None), (years[1] if len(years) > 1 else None)
    return None, None
