"""Budget tables (예산 집행 계획) in text that `pdftotext` wrote without `-layout`: one cell a line,
the table's columns taken in blocks, so a row's cells are not on one line nor one after another.

pdftotext writes a table in blocks of cells near each other: often a group of columns top to
bottom (the names with the ’25/’24 amounts, the quarters with their 쪽수), sometimes a part of
a row, the blocks in an order the text does not say. Such a table is refolded into the table
as printed only where its own figures prove it. A table of one budget line (one program cell,
one project cell) and its 합계 row:

- the 합계 row repeats the line in every column, so each amount and quarter is printed twice,
  and the quarters sum to the line's ’25 amount;
- the ’25/’24 figures are read in row order (line, then 합계), and so are the quarter figures
  (the line's four, its 쪽수, the 합계's four); the two series may interleave anyhow;
- a '-' cell may be missing from the text (pdftotext joins a lone '-' to the line after it as
  if it were a hyphen), so a quarter of the line or of the 합계 may be absent from one copy.

Every split of the figures into those two series is tried; the table is read only when every
split that holds gives the same figures. A table of several lines: see `_several_lines` (row
order in each column group, each line's quarters summing to its ’25, the 합계's quarters to
the lines'). A header without the quarters' or the ’25/’24 labels, a figure left over, any
doubt, and the lines stay lines (the rules then report the budget table as not read).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import regex

from .model import Cell, Table
from .text_cells import CellRun
from .text_tables import DASH_RE

AMOUNT_RE = regex.compile(r"^[△▲]?(?:\d{1,3}(?:,\d{3})+|\d{1,4})$")
YEAR_LABEL_RE = regex.compile(r"^[’'‘`](\d{2})$")
QUARTER_LABELS = ("1분기", "2분기", "3분기", "4분기")
PROGRAM_RE = regex.compile(r"^(?:\d{1,4}\.\s*\S|비예산$)")
TOTAL_LABELS = frozenset({"합계", "총계", "계", "총합계"})
# The header's labels, lines squashed; the quarters and years are matched on their own.
HEADER_LABELS = frozenset(
    {"예산액", "예산사업명", "추진사업명", "사업별", "설명자료", "쪽수", "사업별설명자료쪽수"}
)
REF_LABEL = "쪽수"
FIRST_LABEL = "예산액"
# A line longer than a cell's: the text after the table.
MAX_CELL_CHARS = 40
# A page number between the table's blocks ('- 9 -'); a bare number there may be a figure.
FOLIO_RE = regex.compile(r"^[-–—]\s*\d{1,4}\s*[-–—]$")
MAX_REFS = 2  # 쪽수 figures of one line
MAX_SPLITS = 20_000  # ways to split the figures tried at most, then the table stays unread


def _squash(text: str) -> str:
    return "".join(text.split())


def _is_figure(text: str) -> bool:
    return bool(AMOUNT_RE.match(text) or DASH_RE.match(text))


def _value(text: str) -> int | None:
    if DASH_RE.match(text):
        return None
    sign = -1 if text[0] in "△▲" else 1
    return sign * int(text.lstrip("△▲").replace(",", ""))


def _is_label(text: str) -> bool:
    key = _squash(text)
    return (
        key in HEADER_LABELS
        or key in QUARTER_LABELS
        or bool(YEAR_LABEL_RE.match(key))
        or key.startswith("집행예정액")
    )


def block_runs(lines: list[str]) -> list[CellRun]:
    """The budget tables written in column blocks among a page's lines that their figures
    prove (see the module's account)."""
    runs: list[CellRun] = []
    starts = [k for k, line in enumerate(lines) if _squash(line) == FIRST_LABEL]
    for n, start in enumerate(starts):
        limit = starts[n + 1] if n + 1 < len(starts) else len(lines)
        found = _run_at(lines, start, limit)
        if found is not None:
            runs.append(found)
    return runs


def _cells(lines: list[str], start: int, limit: int) -> list[tuple[int, str]]:
    """(line index, text) of the cell lines from `start`: up to a line too long for a cell,
    without page numbers, ending at the last figure."""
    cells: list[tuple[int, str]] = []
    for k in range(start, limit):
        text = lines[k].strip()
        if not text or FOLIO_RE.match(text):
            continue
        if len(text) > MAX_CELL_CHARS:
            break
        cells.append((k, text))
    while cells and not _is_figure(cells[-1][1]):
        cells.pop()
    return cells


def _run_at(lines: list[str], start: int, limit: int) -> CellRun | None:
    cells = _cells(lines, start, limit)
    texts = [text for _, text in cells]
    keys = [_squash(t) for t in texts]
    quarters = _quarter_labels_at(keys)
    years = [(i, YEAR_LABEL_RE.match(k)) for i, k in enumerate(keys)]
    years = [(i, m) for i, m in years if m]
    if quarters is None or len(years) != 2 or REF_LABEL not in "".join(keys):
        return None
    plan, prev = (int(m.group(1)) for _, m in years)
    if plan != prev + 1:
        return None  # ’25 then ’24: the plan year's column first
    totals = [i for i, k in enumerate(keys) if k in TOTAL_LABELS]
    if len(totals) != 1:
        return None
    header = _header(texts, quarters, [i for i, _ in years])
    lines_read = _one_line(texts, totals[0]) or _several_lines(texts, totals[0])
    if lines_read is None:
        return None
    table = _as_table(header, *lines_read, texts[totals[0]])
    return CellRun(start, cells[-1][0] + 1, table)


def _one_line(texts: list[str], total: int) -> Read | None:
    names = _name_runs(texts, total)
    if names is None:
        return None
    program, project, notes = names
    figures = [_value(t) for t in texts if _is_figure(t)]
    reading = _one_line_reading(figures)
    if reading is None:
        return None
    line = Line(program, project, reading.amounts, reading.quarters, reading.refs, notes)
    return [line], reading.amounts, reading.quarters


def _quarter_labels_at(keys: list[str]) -> int | None:
    """Where '1분기' … '4분기' are written one after another, once."""
    at = [i for i in range(len(keys) - 3) if tuple(keys[i : i + 4]) == QUARTER_LABELS]
    return at[0] if len(at) == 1 else None


def _text_runs(texts: list[str], total: int) -> list[tuple[int, list[str]]]:
    """Lines neither label nor figure nor the 합계 label, in runs of lines one after another:
    (index of the run's first line, its lines)."""
    runs: list[tuple[int, list[str]]] = []
    for i, text in enumerate(texts):
        if i == total or _is_label(text) or _is_figure(text):
            continue
        if runs and runs[-1][0] + len(runs[-1][1]) == i:
            runs[-1][1].append(text)
        else:
            runs.append((i, [text]))
    return runs


def _name_runs(texts: list[str], total: int) -> tuple[list[str], list[str], list[str]] | None:
    """(program cell lines, project cell lines, 집행내용 note lines) of a table of one line:
    before the first figure, one run that starts with a program code (or 비예산) and one that
    does not; after it, notes only. A run just above the 합계 label after the first figure is
    a name column's (a second line's name): not one line."""
    first_figure = next(i for i, t in enumerate(texts) if _is_figure(t))
    runs = _text_runs(texts, total)
    before = [lines for at, lines in runs if at < first_figure]
    after = [(at, lines) for at, lines in runs if at > first_figure]
    programs = [lines for lines in before if PROGRAM_RE.match(lines[0])]
    projects = [lines for lines in before if not PROGRAM_RE.match(lines[0])]
    if len(programs) != 1 or len(projects) != 1:
        return None
    if sum(bool(PROGRAM_RE.match(line)) for line in programs[0] + projects[0]) != 1:
        return None  # two program codes: two lines
    if any(PROGRAM_RE.match(line) and line != "비예산" for _, lines in after for line in lines):
        return None
    if any(at + len(lines) == total for at, lines in after):
        return None
    notes = [line for _, lines in after for line in lines]
    return programs[0], projects[0], notes


@dataclass(frozen=True)
class Reading:
    amounts: tuple[int | None, int | None]  # ’25, ’24
    quarters: tuple[int | None, ...]  # 1분기 … 4분기
    refs: tuple[int, ...]  # the line's 쪽수 figures ('-' there says there is none)


Quarters = tuple[int | None, ...]  # 1분기 … 4분기


@dataclass(frozen=True)
class Line:
    """A budget line as read: its program cell's lines (empty where the cell above spans
    it), its project cell's, its figures and its 집행내용 note lines."""

    program: list[str]
    project: list[str]
    amounts: tuple[int | None, int | None]
    quarters: Quarters
    refs: tuple[int, ...]
    notes: list[str]


# The lines of a table, the 합계's ’25/’24 and its quarters.
Read = tuple[list[Line], tuple[int | None, int | None], Quarters]


def _one_line_reading(figures: list[int | None]) -> Reading | None:
    """The one reading of a line and its 합계 row that the figures allow, or None when they
    allow none or several (see the module's account)."""
    n = len(figures)
    if n < 8 or n > 4 + 4 + MAX_REFS + 4:
        return None
    readings: set[Reading] = set()
    tried = 0
    for picked in combinations(range(n), 4):
        tried += 1
        if tried > MAX_SPLITS:
            return None
        a25, a24, t25, t24 = (figures[i] for i in picked)
        if (a25, a24) != (t25, t24):
            continue
        rest = [figures[i] for i in range(n) if i not in picked]
        for quarters, refs in _quarter_readings(rest):
            if _quarters_sum_to(quarters, a25):
                readings.add(Reading((a25, a24), quarters, refs))
    return readings.pop() if len(readings) == 1 else None


def _quarters_sum_to(quarters: tuple[int | None, ...], amount: int | None) -> bool:
    printed = [q for q in quarters if q is not None]
    if amount is None:
        return not printed
    return bool(printed) and sum(printed) == amount


def _quarter_readings(rest: list[int | None]):
    """(quarters, refs) for each way `rest` reads as the line's quarters, its 쪽수 figures and
    the 합계's quarters, the same four values; a '-' may be missing from either copy (and is
    printed back in both: a cell the text lost held a '-')."""
    for line_len in range(0, 5):
        for total_len in range(0, 5):
            ref_count = len(rest) - line_len - total_len
            if not 0 <= ref_count <= MAX_REFS:
                continue
            line = rest[:line_len]
            refs = tuple(r for r in rest[line_len : line_len + ref_count] if r is not None)
            total = rest[line_len + ref_count :]
            for quarters in _with_dashes(line):
                for total_quarters in _with_dashes(total):
                    if quarters == total_quarters:
                        yield quarters, refs


def _with_dashes(values: list[int | None]) -> list[tuple[int | None, ...]]:
    """The four quarters `values` can be, with the '-' cells the text lost put back."""
    missing = 4 - len(values)
    out = []
    for where in combinations(range(4), missing):
        it = iter(values)
        out.append(tuple(None if k in where else next(it) for k in range(4)))
    return out


def _header(texts: list[str], quarters: int, years: list[int]) -> dict[str, str]:
    keys = {_squash(t): t for t in texts}
    ref = [t for t in texts if _squash(t) in {"사업별", "설명자료", "쪽수"}]
    return {
        "program": keys.get("예산사업명", "예산 사업명"),
        "project": keys.get("추진사업명", "추진 사업명"),
        "amounts": keys.get("예산액", "예산액"),
        "quarters": next((t for t in texts if _squash(t).startswith("집행예정액")), ""),
        "plan": texts[years[0]],
        "prev": texts[years[1]],
        "ref": "\n".join(ref) if len(ref) > 1 else keys.get("사업별설명자료쪽수", "쪽수"),
        **{f"q{k + 1}": texts[quarters + k] for k in range(4)},
    }


def _figure_text(value: int | None) -> str:
    if value is None:
        return "-"
    return f"{value:,}" if value >= 0 else f"△{-value:,}"


def _as_table(
    header: dict[str, str],
    lines: list[Line],
    total_amounts: tuple[int | None, int | None],
    total_quarters: Quarters,
    total_label: str,
) -> Table:
    """The table as the PDF prints it: two header rows; each line (its names, amounts and 쪽수
    over its note row) and its 집행내용 note row; the 합계 row. A program cell spans the lines
    under it that print none."""
    cells = [
        Cell(0, 0, header["program"], rowspan=2),
        Cell(0, 1, header["project"], rowspan=2),
        Cell(0, 2, header["amounts"], colspan=2),
        Cell(0, 4, header["quarters"], colspan=4),
        Cell(0, 8, header["ref"], rowspan=2),
        Cell(1, 2, header["plan"]),
        Cell(1, 3, header["prev"]),
        *(Cell(1, 4 + k, header[f"q{k + 1}"]) for k in range(4)),
    ]
    row = 2
    spans = [2 if line.notes else 1 for line in lines]
    for n, (line, span) in enumerate(zip(lines, spans)):
        if line.program:
            under = next((m for m in range(n + 1, len(lines)) if lines[m].program), len(lines))
            cells.append(Cell(row, 0, "\n".join(line.program), rowspan=sum(spans[n:under])))
        refs = "\n".join(_figure_text(r) for r in line.refs) or "-"
        cells += [
            Cell(row, 1, "\n".join(line.project), rowspan=span),
            *(Cell(row, 2 + k, _figure_text(v), rowspan=span) for k, v in enumerate(line.amounts)),
            *(Cell(row, 4 + k, _figure_text(v)) for k, v in enumerate(line.quarters)),
            Cell(row, 8, refs, rowspan=span),
        ]
        if line.notes:
            cells.append(Cell(row + 1, 4, "\n".join(line.notes), colspan=4))
        row += span
    cells += [
        Cell(row, 0, total_label, colspan=2),
        *(Cell(row, 2 + k, _figure_text(v)) for k, v in enumerate(total_amounts)),
        *(Cell(row, 4 + k, _figure_text(v)) for k, v in enumerate(total_quarters)),
        Cell(row, 8, ""),
    ]
    return Table(cells, row + 1, 9)


# ---------------------------------------------------------------- tables of several lines
#
# Read only where pdftotext wrote the name and ’25/’24 columns first, row by row (each
# project's lines, then its two amounts; then the 합계's two), and the quarter columns after
# them row by row too (each line's quarters, its 쪽수, its 집행내용 note; then the 합계's
# quarters). The proof: each line's quarters sum to its ’25, each quarter of the 합계 is the
# sum of the lines' — and no other split of the quarter figures holds.


@dataclass(frozen=True)
class _Run:
    lines: list[str]


Token = _Run | int | None | str  # a text run, a figure (None for '-'), or the 합계 label


def _tokens(texts: list[str], total: int) -> list[Token]:
    """The cells but the header's labels: text runs (lines one after another), figures, and
    the 합계 label (as 'total')."""
    tokens: list[Token] = []
    last_text = -2
    for i, text in enumerate(texts):
        if i == total:
            tokens.append("total")
        elif _is_figure(text):
            tokens.append(_value(text))
        elif not _is_label(text):
            if last_text == i - 1 and isinstance(tokens[-1], _Run):
                tokens[-1].lines.append(text)
            else:
                tokens.append(_Run([text]))
            last_text = i
    return tokens


def _is_figure_token(token: Token) -> bool:
    return token is None or isinstance(token, int)


def _programs(run: _Run) -> list[list[str]] | None:
    """A run of program cells: each starts at a code; None when a line comes before one."""
    programs: list[list[str]] = []
    for line in run.lines:
        if PROGRAM_RE.match(line):
            programs.append([line])
        elif programs:
            programs[-1].append(line)
        else:
            return None
    return programs


def _several_lines(texts: list[str], total: int) -> Read | None:
    """The lines of a table of several, read as the comment above says, or None."""
    tokens = _tokens(texts, total)
    at = 0
    programs: list[tuple[int, list[str]]] = []  # (lines read before it, program cell)
    names: list[tuple[list[str], int | None, int | None]] = []
    while at < len(tokens) and isinstance(tokens[at], _Run):
        run = tokens[at]
        assert isinstance(run, _Run)
        coded = any(PROGRAM_RE.match(line) for line in run.lines)
        amounts = tokens[at + 1 : at + 3]
        if len(amounts) == 2 and all(_is_figure_token(t) for t in amounts):
            if coded:
                return None  # a program's cell and a project's run together: where each ends?
            names.append((run.lines, amounts[0], amounts[1]))  # type: ignore[arg-type]
            at += 3
            continue
        found = _programs(run) if coded else None
        if found is None:
            return None
        programs += [(len(names), p) for p in found]
        at += 1
    if len(names) < 2:
        return None
    at += tokens[at : at + 1] == ["total"]
    total_amounts = tokens[at : at + 2]
    if len(total_amounts) != 2 or not all(_is_figure_token(t) for t in total_amounts):
        return None
    sums = (sum(a or 0 for _, a, _ in names), sum(b or 0 for _, _, b in names))
    if sums != tuple(t or 0 for t in total_amounts):
        return None  # not the 합계 of these lines: which figures are its is not proven
    rest = tokens[at + 2 :]
    rest = rest[1:] if rest[:1] == ["total"] else rest
    program_cells = _program_cells(programs, len(names))
    if program_cells is None:
        return None
    found_lines = _quarter_reading(rest, [a25 for _, a25, _ in names])
    if found_lines is None:
        return None
    per_line, total_quarters = found_lines
    lines = [
        Line(program, project, (a25, a24), quarters, refs, notes)
        for program, (project, a25, a24), (quarters, refs, notes) in zip(
            program_cells, names, per_line
        )
    ]
    return lines, (total_amounts[0], total_amounts[1]), total_quarters  # type: ignore[return-value]


def _program_cells(programs: list[tuple[int, list[str]]], n_lines: int) -> list[list[str]] | None:
    """Each line's program cell (empty under one that spans it): one program over all the
    lines, written before the first; or one for each line, all before the first or each
    before its own. Any other count, and which line a program heads is not proven."""
    if len(programs) == 1 and programs[0][0] == 0:
        return [programs[0][1]] + [[] for _ in range(n_lines - 1)]
    if len(programs) != n_lines:
        return None
    if all(before == 0 for before, _ in programs) or [b for b, _ in programs] == list(
        range(n_lines)
    ):
        return [p for _, p in programs]
    return None


LineReading = tuple[Quarters, tuple[int, ...], list[str]]  # quarters, 쪽수, notes


def _quarter_reading(
    rest: list[Token], amounts: list[int | None]
) -> tuple[list[LineReading], Quarters] | None:
    """The lines' quarters, 쪽수 and notes and the 합계's quarters, read row by row from the
    cells after the amounts; None unless exactly one reading holds."""
    figures: list[int | None] = []
    notes_before: dict[int, list[str]] = {}  # figure index -> note lines just before it
    for token in rest:
        if isinstance(token, _Run):
            if any(PROGRAM_RE.match(line) for line in token.lines):
                return None  # a program cell among the quarters: its line is not proven
            notes_before.setdefault(len(figures), []).extend(token.lines)
        elif token == "total":
            return None
        else:
            figures.append(token)  # type: ignore[arg-type]
    if 0 in notes_before or len(figures) in notes_before:
        return None  # a note before the first line's quarters, or after the 합계's
    try:
        readings = {
            _frozen(reading)
            for reading in _segmentations(figures, notes_before, amounts, 0, [], [MAX_SPLITS])
        }
    except _TooManyWays:
        return None  # too many ways to read it: none is proven
    if len(readings) != 1:
        return None
    lines, total = readings.pop()
    return [(q, r, list(n)) for q, r, n in lines], total


def _frozen(reading):
    lines, total = reading
    return tuple((q, r, tuple(n)) for q, r, n in lines), total


class _TooManyWays(Exception):
    pass


def _segmentations(figures, notes_before, amounts, start, done, budget):
    """Every reading of figures[start:] as the remaining lines (each: up to four quarters, a
    '-' possibly lost, at least one 쪽수 figure, no note inside) and the 합계's quarters,
    holding the sums. `budget` counts the ways tried down (hostile text may hold many)."""
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooManyWays
    if len(done) == len(amounts):
        total = figures[start:]
        if len(total) > 4:
            return
        for total_quarters in _with_dashes(total):
            if _columns_sum(done, total_quarters):
                yield done, total_quarters
        return
    for quarter_count in range(5):
        for ref_count in range(1, MAX_REFS + 1):
            end = start + quarter_count + ref_count
            if end > len(figures) or any(k in notes_before for k in range(start + 1, end)):
                continue
            refs = tuple(r for r in figures[start + quarter_count : end] if r is not None)
            notes = tuple(notes_before.get(end, []))
            for quarters in _with_dashes(figures[start : start + quarter_count]):
                if _quarters_sum_to(quarters, amounts[len(done)]):
                    read = [*done, (quarters, refs, notes)]
                    yield from _segmentations(figures, notes_before, amounts, end, read, budget)


def _columns_sum(lines, total_quarters: Quarters) -> bool:
    for k, total in enumerate(total_quarters):
        column = sum(q[k] or 0 for q, _, _ in lines)
        if column != (total or 0):
            return False
    return True
