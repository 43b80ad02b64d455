"""Tables in text laid out by spaces, as `pdftotext -layout` writes a PDF's tables: each cell
is a run of words at its place on the line, columns line up across lines, and a cell that spans
rows is printed at the middle of the rows it spans (its lines may fall between other rows).

A table is read in four steps:
1. chunks: the runs of text on each line, split where two or more spaces separate them;
2. columns: chunks that overlap across lines are one column; a chunk that covers two chunks of
   one line elsewhere (a header over its sub-columns, a note across the quarters) spans them;
3. header: the lines above the first line holding a figure;
4. rows: the lines of the columns that hold the most separate lines ("anchor" columns, the
   quarters of a budget table) are the grid's rows; a chunk elsewhere spans the rows whose
   middle its lines are centred on: the rows it lies between at least, more only where the
   cells of the column beside it show that the rows it lies between are not a whole row.
   Where a row of figures has its notes in a row of its own (a cell under each quarter), a
   column whose cells are each centred on their figures' line ends them there, above the notes.
   Where the columns under one header label hold a row of cells on more lines than the anchor
   columns (quarters saying `재배정` where a line has no quarter figures), their rows are the
   grid's, and a row begins a line where a figure column's cell begins.

A table that goes on at the head of the next page under its header repeated is read once, its
lines there set in the columns of its first part (`continued_lines`).

Only what the layout shows becomes a span; a cell that cannot be placed keeps its own row.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

import regex

from .model import Cell, Paragraph, Table

# Two or more spaces end a cell's text; one space is a space inside it.
CHUNK_RE = regex.compile(r"\S+(?: \S+)*")
# A figure as a cell prints it: '1,078,028', '700', '-', '△120', '9.7', '12%'.
FIGURE = r"[△▲-]?\d{1,3}(?:,\d{3})+|[△▲-]?\d+(?:\.\d+)?%?|[-–—]"
FIGURE_RE = regex.compile(f"^(?:{FIGURE})$")
# The same, or a sub-figure printed in brackets under or after it: '(54.6)', '[306,121]'.
CELL_FIGURE_RE = regex.compile(rf"^[(\[]?(?:{FIGURE})[)\]]?$")
# A year as a column's label: '2025', '2024년'.
YEAR_RE = regex.compile(r"^(?:19|20)\d{2}년?$")
# Labels of a total row, which spans every label column left of its first figure.
TOTAL_RE = regex.compile(r"^(?:합\s*계|총\s*계|소\s*계|계)$")
# Blank lines a table may hold between two of its rows; before its total row, a few more.
MAX_BLANK_RUN = 1
MAX_BLANK_BEFORE_TOTAL = 4
# Lines of one chunk a table may hold between two lines of several (a cell alone on its line).
MAX_LONE_RUN = 4
MIN_TABULAR_LINES = 3
# A cell's line is shorter than a sentence, and a cell holds a few lines at most.
MAX_CELL_CHARS = 48
MAX_CELL_WORDS = 10
MAX_CELL_LINES = 6
# A note across the quarters is a line or two, three at most.
MAX_NOTE_LINES = 3
# Lines one table may take (a page holds some 60): longer runs stay lines.
MAX_TABLE_LINES = 120
# Chunks one line of a table may hold: a printed table has some dozen columns. The reading is
# quadratic in a region's chunks, so a line of more is text, whatever its spacing.
MAX_LINE_CHUNKS = 64


@dataclass(frozen=True)
class Chunk:
    line: int  # index of the line in the region, from 0
    start: int  # character offset on the line
    end: int
    text: str

    @property
    def center(self) -> float:
        return (self.start + self.end) / 2

    @property
    def is_figure(self) -> bool:
        return all(CELL_FIGURE_RE.match(word) for word in self.text.split())

    def overlaps(self, start: float, end: float) -> bool:
        return self.start < end and start < self.end


def line_chunks(text: str, line: int) -> list[Chunk]:
    """The runs of a line; a run of figures one space apart is one figure a cell (columns
    of figures set close together are printed one space apart)."""
    out = []
    for m in CHUNK_RE.finditer(text):
        words = list(regex.finditer(r"\S+", m.group(0)))
        if len(words) > 1 and all(FIGURE_RE.match(w.group(0)) for w in words):
            start = m.start()
            out += [Chunk(line, start + w.start(), start + w.end(), w.group(0)) for w in words]
        else:
            out.append(Chunk(line, m.start(), m.end(), m.group(0)))
    return out


def display_width(text: str) -> int:
    """Columns a run takes in print: a wide character (Hangul, CJK) two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# ------------------------------------------------------------------------------ regions


def _chunk_count(line: str) -> int:
    """The chunks a line lays out, or -1 for a line that ends a table: prose, or more chunks
    than a table's line holds."""
    found = len(CHUNK_RE.findall(line))
    if found > MAX_LINE_CHUNKS or any(_is_prose(c) for c in line_chunks(line, 0)):
        return -1
    if UNIT_LINE_RE.match(line) or (found == 2 and NUMBERED_HEADING_RE.match(line)):
        return -1  # the caption above a table, or the heading of the part it is in
    return found


# A table's unit, printed above it ('(단위: 백만원, %)'), and a numbered heading set apart from
# its number ('3.   예산 총괄표', '가.  지출계획'): lines of two runs, but no table's. The number
# alone in its run, one digit: a row's label runs on from its number ('3. 예비비   -'), and a
# budget table's program cell is numbered with two or more ('83. 교육 | 시설개선 …').
UNIT_LINE_RE = regex.compile(r"^\s*[(（]\s*단\s*위\s*[:：]")
NUMBERED_HEADING_RE = regex.compile(
    r"^\s*(?:\d|[가나다라마바사아자차카타파하]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ])\.\s{2,}[^\d\s\-–—][^\d]*$"
)


def table_regions(lines: list[str]) -> list[tuple[int, int]]:
    """(first, end) line ranges that hold a space-aligned table: lines of two or more chunks,
    with at most a few blank lines or lines of one chunk between them."""
    # A line of prose ends a table: a sentence is no cell.
    counts = [_chunk_count(line) for line in lines]
    regions: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if counts[i] < 2:
            i += 1
            continue
        start, last, j = i, i, i + 1
        blanks = lones = 0
        while j < len(lines):
            if counts[j] < 0:
                break
            if counts[j] >= 2:
                if blanks and _heads_again(lines[start], lines[j]):
                    break  # another table under this one, headed as it is: '구분 | …'
                last, blanks, lones = j, 0, 0
            elif counts[j] == 0:
                blanks += 1
                if (
                    blanks > MAX_BLANK_RUN
                    and not _total_row_follows(lines, counts, j)
                    and not _labelled_row_follows(lines, counts, j, last)
                ):
                    break
            else:
                lones += 1
                if lones > MAX_LONE_RUN:
                    break
            j += 1
        last += _mirrored_below(lines, counts, start, last)
        if last + 1 - start <= MAX_TABLE_LINES and _is_table_shaped(lines[start : last + 1]):
            regions.append((start, last + 1))
        i = last + 1
    return regions


MAX_ROW_GAP = 2  # blank lines between two rows of one table, a row label starting each


def _labelled_row_follows(lines: list[str], counts: list[int], blank: int, last: int) -> bool:
    """Whether the blank line at `blank` is one of at most MAX_ROW_GAP before a row labelled
    where the table's last row is and as many runs (three or more), the last of the table: a
    code table's '명칭' row two blank lines under its '코드' row. A heading there ('□ 사업 성격
    …') is no row, nor a line with rows under it (another table's header)."""
    k = blank
    while k < len(lines) and counts[k] == 0 and k - blank < MAX_ROW_GAP:
        k += 1
    if k >= len(lines) or counts[k] < 3 or counts[k] != counts[last] or k - last - 1 > MAX_ROW_GAP:
        return False
    here, above = CHUNK_RE.search(lines[k]), CHUNK_RE.search(lines[last])
    if here is None or above is None or here.start() != above.start():
        return False
    # The table's last row: rows under it would be another table's, headed by this line.
    if k + 1 < len(lines) and counts[k + 1] >= 2:
        return False
    return here.group(0)[0].isalnum()


def _heads_again(first: str, line: str) -> bool:
    """Whether `line`, after a blank line, begins the way a table's first line did (its first
    run a label, the same): a second table under the first, as a 사업 코드 정보 prints its
    회계/소관 codes and then its 프로그램/단위사업/세부사업 codes, each headed '구분'."""
    head = CHUNK_RE.search(first)
    again = CHUNK_RE.search(line)
    if head is None or again is None or head.group(0) != again.group(0):
        return False
    return not FIGURE_RE.match(head.group(0)) and line.strip() != first.strip()


def _mirrored_below(lines: list[str], counts: list[int], start: int, last: int) -> int:
    """How many lines of one run under a table's last line are the lower lines of cells centred
    on it: each under a lone line of text as far above it (a name of two lines centred on its
    figures, the table going on over the page: `교육훈련 운영을 위한 / 88,262 … / 인적·물적
    기반 확대`)."""
    below = 0
    while (
        below < MAX_CELL_LINES // 2
        and last + below + 1 < len(lines)
        and counts[last + below + 1] == 1
        and last - below - 1 > start
        and counts[last - below - 1] == 1
    ):
        lower = line_chunks(lines[last + below + 1], 0)[0]
        upper = line_chunks(lines[last - below - 1], 0)[0]
        if upper.is_figure or not lower.overlaps(upper.start, upper.end):
            break
        below += 1
    return below


def _total_row_follows(lines: list[str], counts: list[int], blank: int) -> bool:
    """Whether the blank line at `blank` is one of a few before the table's total row: a row
    left empty (a line without 집행내용) leaves more blank lines than between rows."""
    k = blank
    while k < len(lines) and counts[k] == 0 and k - blank < MAX_BLANK_BEFORE_TOTAL:
        k += 1
    if k >= len(lines) or counts[k] < 2:
        return False
    return bool(TOTAL_RE.match(CHUNK_RE.findall(lines[k])[0]))


def _is_table_shaped(lines: list[str]) -> bool:
    """At least three lines of three chunks or more, whose chunks line up in columns."""
    many = [line_chunks(line, k) for k, line in enumerate(lines)]
    wide = [chunks for chunks in many if len(chunks) >= 3]
    if len(wide) < MIN_TABULAR_LINES - 1:
        return False
    columns = _columns([c for chunks in many for c in chunks])
    return len(columns) >= 3 and sum(len(chunks) >= 2 for chunks in many) >= MIN_TABULAR_LINES


# ------------------------------------------------------------------------------ columns


def _spans_others(chunk: Chunk, by_line: dict[int, list[Chunk]]) -> bool:
    """True when `chunk` lies over two or more chunks of some other line."""
    return any(
        sum(1 for other in chunks if other.overlaps(chunk.start, chunk.end)) >= 2
        for line, chunks in by_line.items()
        if line != chunk.line
    )


def _by_line(chunks: list[Chunk]) -> dict[int, list[Chunk]]:
    out: dict[int, list[Chunk]] = {}
    for c in chunks:
        out.setdefault(c.line, []).append(c)
    return out


MAX_LABEL_GAP = 2  # characters between a lower header label and the figures it is over


def _header_only_joined(
    columns: list[tuple[int, int]], chunks: list[Chunk], leaf: int, first_body: int
) -> list[tuple[int, int]]:
    """The columns, with a column no label of the header's bottom line is over joined to the
    one left of it when that column's label reaches over it in print, or (a label over nothing,
    MAX_LABEL_GAP characters away, under a header line above) stands just left of it, and no
    line has a run in both. pdftotext sets a run of Hangul one character a letter, half its printed
    width: '결산' centred over '341,751' ends, as characters, where the figure begins (a column
    of its own, nothing under it), and '1131' centred under '단위사업' begins after it."""
    if leaf < 0 or leaf >= first_body:
        return columns
    labels = [c for c in chunks if c.line == leaf]
    body = [c for c in chunks if c.line >= first_body]
    out: list[tuple[int, int]] = []
    for start, end in columns:
        if out:
            left = out[-1]
            reaching = [c for c in labels if c.overlaps(*left)]
            unlabelled = not any(c.overlaps(start, end) for c in labels)
            # Over it in print; or, a label of a header's lower line over nothing at all, just
            # left of it: the figures right-aligned beside it ('결산' over '322,799').
            printed_end = max((c.start + display_width(c.text) for c in reaching), default=0)
            over = reaching and (
                printed_end > start
                or (
                    leaf > 0
                    and start - printed_end <= MAX_LABEL_GAP
                    and not any(c.overlaps(*left) for c in body)
                )
            )
            if unlabelled and over and not _shares_a_line(chunks, left, (start, end)):
                out[-1] = (left[0], end)
                continue
        out.append((start, end))
    return out


def _shares_a_line(chunks: list[Chunk], a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether some line has a run in column `a` and another in column `b`."""
    in_a = {c.line for c in chunks if c.overlaps(*a) and not c.overlaps(*b)}
    return any(c.line in in_a for c in chunks if c.overlaps(*b) and not c.overlaps(*a))


def _columns(chunks: list[Chunk]) -> list[tuple[int, int]]:
    """Column extents, left to right: the union of the overlapping extents of the chunks that
    span nothing."""
    by_line = _by_line(chunks)
    narrow = sorted(
        (c for c in chunks if not _spans_others(c, by_line)), key=lambda c: (c.start, c.end)
    )
    merged: list[list[int]] = []
    for c in narrow:
        if merged and c.start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], c.end)
        else:
            merged.append([c.start, c.end])
    return [(start, end) for start, end in merged]


def _column_span(
    chunk: Chunk, columns: list[tuple[int, int]], figure_cols: frozenset[int] = frozenset()
) -> tuple[int, int]:
    """(first, last) column the chunk covers: those it overlaps, or the two it lies between,
    or the nearest."""
    hit = [k for k, (s, e) in enumerate(columns) if chunk.overlaps(s, e)]
    if hit:
        return hit[0], hit[-1]
    # pdftotext sets a run at its place and its letters one a character on: a run of Hangul,
    # twice as wide in print, ends where its printed width reaches. A note in a column of
    # figures (`직무연수` centred under `56,390`) begins left of the figures' first character,
    # next to them: it is that column's.
    printed = chunk.start + display_width(chunk.text)
    hit = [k for k, (s, e) in enumerate(columns) if chunk.start < e and s < printed]
    if len(hit) == 1 and hit[0] in figure_cols and columns[hit[0]][0] - chunk.end <= 1:
        return hit[0], hit[0]
    left = [k for k, (_, e) in enumerate(columns) if e <= chunk.start]
    right = [k for k, (s, _) in enumerate(columns) if s >= chunk.end]
    if left and right:
        return left[-1], right[0]
    k = left[-1] if left else right[0]
    return k, k


# ------------------------------------------------------------------------------ reading


@dataclass(frozen=True)
class _Placed:
    chunk: Chunk
    col0: int
    col1: int

    @property
    def line(self) -> int:
        return self.chunk.line


def read_table(lines: list[str]) -> Table | None:
    """The table the lines lay out, or None where they do not line up as one."""
    read = read_table_rows(lines)
    return None if read is None else read[0]


def read_table_rows(lines: list[str]) -> tuple[Table, list[int]] | None:
    """The table the lines lay out and the line each of its rows begins on (its header's, 0),
    or None where they do not line up as one."""
    if len(lines) > MAX_TABLE_LINES or any(
        len(CHUNK_RE.findall(line)) > MAX_LINE_CHUNKS for line in lines
    ):
        return None  # the reading below is quadratic in the runs: bounded for any input
    chunks = [c for k, line in enumerate(lines) for c in line_chunks(line, k)]
    first_body = _below_header(chunks, _first_body_line(chunks))
    leaf = max((c.line for c in chunks if c.line < first_body), default=-1)
    # Columns are where the body and the header's bottom line put their chunks; the header
    # lines above label groups of them. A label set beside its figures in characters (Hangul,
    # half its printed width) is joined to their column where the table then reads; else the
    # columns as the characters put them.
    plain = _columns([c for c in chunks if c.line >= leaf])
    joined = _header_only_joined(plain, chunks, leaf, first_body)
    for columns in [joined, plain] if joined != plain else [plain]:
        read = _read_in_columns(chunks, columns, first_body, leaf)
        if read is not None:
            return read
    return None


def _read_in_columns(
    chunks: list[Chunk], columns: list[tuple[int, int]], first_body: int, leaf: int
) -> tuple[Table, list[int]] | None:
    if first_body > 0:
        columns = _labelled(columns, chunks, first_body)
    if len(columns) < 2:
        return None
    body_figures = [c for c in chunks if c.line >= first_body and c.is_figure]
    figure_cols = frozenset(
        k for k, (s, e) in enumerate(columns) if any(c.overlaps(s, e) for c in body_figures)
    )
    placed = [
        _Placed(
            c,
            *(_header_span(c, columns) if c.line < leaf else _column_span(c, columns, figure_cols)),
        )
        for c in chunks
    ]
    placed = _header_words_joined(placed, leaf)
    if (
        _columns_collide(placed)
        or not _has_figure_columns(placed, first_body)
        or any(_is_prose(c) for c in chunks)
    ):
        return None
    centers = [(start + end) / 2 for start, end in columns]
    header = _header_cells([p for p in placed if p.line < first_body], centers)
    n_header = 1 + max((c.row + c.rowspan - 1 for c in header), default=-1)
    headed = [(c.col, c.col + c.colspan - 1) for c in header if c.colspan > 1]
    body, atoms = _body_cells([p for p in placed if p.line >= first_body], columns, headed)
    if any(c.text.count("\n") >= MAX_CELL_LINES for c in body):
        return None  # a cell of that many lines is text beside a table, or two tables
    n_body = len(atoms)
    cells = header + [replace(c, row=c.row + n_header) for c in body]
    table = Table(_filled(cells, n_header + n_body, len(columns)), n_header + n_body, len(columns))
    return table, [0] * n_header + [atom.first for atom in atoms]


def _is_prose(chunk: Chunk) -> bool:
    """A run as long as a sentence: a column of prose beside a table, not a cell."""
    return len(chunk.text) > MAX_CELL_CHARS or len(chunk.text.split()) >= MAX_CELL_WORDS


def _has_figure_columns(placed: list[_Placed], first_body: int) -> bool:
    """A header over two columns or more, and a column of figures under it: the tables whose
    reading the layout proves. Text laid out in columns stays text."""
    header_cols = {c for p in placed if p.line < first_body for c in range(p.col0, p.col1 + 1)}
    body = [p for p in placed if p.line >= first_body]
    figure_cols = {p.col0 for p in body if p.col0 == p.col1 and p.chunk.is_figure}
    return first_body > 0 and len(header_cols) >= 2 and bool(figure_cols & header_cols)


MAX_WORD_GAP = 4  # characters between two words of one header label printed apart


def _header_words_joined(placed: list[_Placed], leaf: int) -> list[_Placed]:
    """Runs of one header line above its bottom line that label the same columns, one label:
    '2023년   예산' over '본예산(A)' is one cell, its words printed apart."""
    out: list[_Placed] = []
    for p in sorted(placed, key=lambda p: (p.line, p.chunk.start)):
        last = out[-1] if out else None
        if (
            last is not None
            and p.line < leaf
            and last.line == p.line
            and (last.col0, last.col1) == (p.col0, p.col1)
            and p.chunk.start - last.chunk.end <= MAX_WORD_GAP
        ):
            a, b = last.chunk, p.chunk
            joined = Chunk(a.line, a.start, b.end, f"{a.text} {b.text}")
            out[-1] = _Placed(joined, last.col0, last.col1)
            continue
        out.append(p)
    return out


def _columns_collide(placed: list[_Placed]) -> bool:
    """True when two runs of one line fall in one column: the lines do not line up as one
    table (two tables side by side, prose between tables), so no table is read."""
    by_line: dict[int, list[_Placed]] = {}
    for p in placed:
        by_line.setdefault(p.line, []).append(p)
    for row in by_line.values():
        row.sort(key=lambda p: p.chunk.start)
        if any(b.col0 <= a.col1 for a, b in zip(row, row[1:])):
            return True
    return False


def _first_body_line(chunks: list[Chunk]) -> int:
    """The first line holding a figure that is not a year ('2025' over a column is its
    label) and not at the left edge (a row label may be a number: '456. 자격연수'); 0 when
    none does."""
    left = min(c.start for c in chunks)
    for c in sorted(chunks, key=lambda c: c.line):
        if c.is_figure and c.start > left and not YEAR_RE.match(c.text):
            return c.line
    return 0


def _below_header(chunks: list[Chunk], first_figures: int) -> int:
    """The first body line. A body cell is printed at the middle of its rows, so the first
    row's names may begin on lines above its figures (`교원 자격단계별` over `핵심역량 강화
    1,078,028 …`): lines under the header's last line over a column of figures, each of whose
    runs goes on below in its column, as far below the figures' line as it begins above it."""
    figures = [c for c in chunks if c.line >= first_figures and c.is_figure]
    labels = [
        c.line
        for c in chunks
        if c.line < first_figures and any(c.overlaps(f.start, f.end) for f in figures)
    ]
    first = first_figures
    for line in range(first_figures - 1, max(labels, default=first_figures), -1):
        reach = 2 * first_figures - line
        if not all(
            any(
                o.overlaps(c.start, c.end) and not o.is_figure
                for o in chunks
                if first_figures <= o.line <= reach
            )
            for c in chunks
            if c.line == line
        ):
            break
        first = line
    return first


def _labelled(
    columns: list[tuple[int, int]], chunks: list[Chunk], first_body: int
) -> list[tuple[int, int]]:
    """The columns the header labels, and those holding figures: a run of text in the body
    under no header, between two columns, is a cell across them (a note centred over the
    quarters), not a column of its own."""
    header = [c for c in chunks if c.line < first_body]
    leaf = max(c.line for c in header)
    bottom = [c for c in header if c.line == leaf]
    # A label over a column: on the bottom line, or above it over no bottom label (a label
    # above others groups them).
    header = bottom + [
        c for c in header if c.line < leaf and not any(c.overlaps(b.start, b.end) for b in bottom)
    ]
    return [
        (s, e)
        for s, e in columns
        if any(c.overlaps(s, e) for c in header)
        or any(c.is_figure for c in chunks if c.line >= first_body and s <= c.center < e)
    ]


def _header_span(chunk: Chunk, columns: list[tuple[int, int]]) -> tuple[int, int]:
    """The columns a header chunk above the bottom header line labels: those it overlaps
    when several; else the two it is centred between when its centre is nearer the gap
    between them than the middle of either."""
    col0, col1 = _column_span(chunk, columns)
    if col1 > col0:
        return col0, col1
    points = [((s + e) / 2, (k, k)) for k, (s, e) in enumerate(columns)]
    points += [
        ((columns[k][1] + columns[k + 1][0]) / 2, (k, k + 1)) for k in range(len(columns) - 1)
    ]
    return min(points, key=lambda p: abs(p[0] - chunk.center))[1]


def _filled(cells: list[Cell], n_rows: int, n_cols: int) -> list[Cell]:
    """The cells, and an empty one at each grid position no cell covers (as a ruled table
    has), in reading order."""
    covered = {
        (r, c)
        for cell in cells
        for r in range(cell.row, cell.row + cell.rowspan)
        for c in range(cell.col, cell.col + cell.colspan)
    }
    blanks = [Cell(r, c, "") for r in range(n_rows) for c in range(n_cols) if (r, c) not in covered]
    return sorted(cells + blanks, key=lambda c: (c.row, c.col))


# ------------------------------------------------------------------------------ header


def _header_cells(placed: list[_Placed], centers: list[float]) -> list[Cell]:
    """Header lines as rows. Each line holding a chunk over several columns is a level (a
    row); the leaf row is below them. A column's own chunks, on whatever header line, are one
    cell from the level below the lowest chunk over it to the leaf row: a label printed at the
    middle of a tall header cell spans the header rows beside it."""
    if not placed:
        return []
    levels = sorted({p.line for p in placed if p.col1 > p.col0})
    leaf = max(p.line for p in placed)
    n_rows = len(levels) + 1
    n_cols = len(centers)
    tops = [0] * n_cols
    cells: list[Cell] = []
    own = {c: [p for p in placed if p.col0 == p.col1 == c] for c in range(n_cols)}
    for level, line in enumerate(levels):
        spans = sorted((p for p in placed if p.line == line and p.col1 > p.col0), key=_col)
        extents = _widened(spans, own, leaf, centers)
        for p, (col0, col1) in zip(spans, extents):
            cells.append(Cell(level, col0, p.chunk.text, 1, col1 - col0 + 1))
            for c in range(col0, col1 + 1):
                tops[c] = max(tops[c], level + 1)
    for c in range(n_cols):
        if own[c]:
            text = "\n".join(p.chunk.text for p in sorted(own[c], key=lambda p: p.line))
            cells.append(Cell(tops[c], c, text, n_rows - tops[c], 1))
    return cells


def _widened(
    spans: list[_Placed], own: dict[int, list[_Placed]], leaf: int, centers: list[float]
) -> list[tuple[int, int]]:
    """The columns each label of a header level covers: those under it, and the columns
    beside it that are labelled only on the bottom line and that no label of the level
    covers, each going to the label beside it whose text is centred nearer (a label is
    printed at the middle of the columns it heads)."""
    extents = [[p.col0, p.col1] for p in spans]
    taken = {c for p in spans for c in range(p.col0, p.col1 + 1)}
    for c in range(len(centers)):
        if c in taken or not all(p.line == leaf for p in own[c]):
            continue
        beside = [
            k
            for k, (col0, col1) in enumerate(extents)
            if all(
                x not in taken and all(p.line == leaf for p in own[x])
                for x in range(min(c, col1 + 1), max(c, col0))
                if x != c
            )
        ]
        if beside:
            k = min(beside, key=lambda k: abs(spans[k].chunk.center - centers[c]))
            extents[k] = [min(extents[k][0], c), max(extents[k][1], c)]
    return [(a, b) for a, b in extents]


def _col(p: _Placed) -> int:
    return p.col0


# ------------------------------------------------------------------------------ body


@dataclass
class _Atom:
    """A grid row: one line of the anchor columns, or a note wrapped over several."""

    first: int
    last: int
    has_figure: bool


def _body_cells(
    placed: list[_Placed], columns: list[tuple[int, int]], headed: list[tuple[int, int]]
) -> tuple[list[Cell], list[_Atom]]:
    """The body's cells and its rows; `headed`: the (first, last) columns of each
    header label over several."""
    dashes = _note_dash_lines(placed)
    anchors = _anchor_columns(placed, len(columns), dashes, headed)
    grouped = _rows_of_cells_group(placed, anchors, headed)
    if grouped:
        anchors = grouped
    touches = [p for p in placed if any(p.col0 <= a <= p.col1 for a in anchors)]
    atoms = _atoms(touches, anchors, dashes, wrapped_only_adjacent=bool(grouped))
    if not atoms:
        return [], []
    if grouped:
        _mark_figure_cells_starts(placed, touches, atoms, len(columns))
    groups = _logical_rows(atoms, lambda head, k: _row_of_its_own(placed, atoms[head], atoms[k]))
    cells: list[Cell] = []
    atom_of_line = {y: k for k, a in enumerate(atoms) for y in range(a.first, a.last + 1)}
    for k, atom in enumerate(atoms):
        here = [p for p in touches if atom_of_line[p.line] == k]
        note = None if atom.has_figure else _note_cell(k, here, anchors, columns)
        if note is not None:
            cells.append(note)
            continue
        cells += [Cell(k, p.col0, p.chunk.text, 1, p.col1 - p.col0 + 1) for p in here]
    touched = set(touches)
    total_lines = {p.line for p in placed if TOTAL_RE.match(p.chunk.text)}
    on_totals = [p for p in placed if p not in touched and p.line in total_lines]
    others = [p for p in placed if p not in touched and p.line not in total_lines]
    cells += _banded_cells(on_totals, atoms)
    rows = [
        g
        for g in groups
        if not any(atoms[g[0]].first <= y <= atoms[g[1]].last for y in total_lines)
    ]
    if any(g[1] > g[0] for g in rows):
        notes_rows = _notes_are_rows(atoms, rows, touches, anchors)
        cells += _spanned_cells(others, atoms, rows, notes_rows)
    else:
        cells += _banded_cells(others, atoms)
    return _merge_same_origin(_widen_total_labels(cells, atoms, placed)), atoms


def _note_cell(
    row: int, here: list[_Placed], anchors: list[int], columns: list[tuple[int, int]]
) -> Cell | None:
    """A row of text alone across the anchor columns (a budget line's 집행내용 under its
    quarters), centred on them: one cell over all of them, its lines in order."""
    first, last = min(anchors), max(anchors)
    if not here or len(here) > MAX_NOTE_LINES or anchors != list(range(first, last + 1)):
        return None
    if any(p.col0 < first or p.col1 > last for p in here):
        return None
    if all(p.col0 == p.col1 for p in here) and len({p.col0 for p in here}) > 1:
        return None  # each line in a column of its own: the columns' cells, side by side
    left, right = columns[first][0], columns[last][1]
    middle = (min(p.chunk.start for p in here) + max(p.chunk.end for p in here)) / 2
    margin = (right - left) / 5
    if not left + margin <= middle <= right - margin:
        return None
    text = "\n".join(p.chunk.text for p in sorted(here, key=lambda p: (p.line, p.chunk.start)))
    return Cell(row, first, text, 1, last - first + 1)


def _anchor_columns(
    placed: list[_Placed], n_cols: int, dashes: set[int], headed: list[tuple[int, int]]
) -> list[int]:
    """The figure columns whose chunks are on the most lines: the grid's finest rows, and the
    columns under one header label with them whose figures are on those rows (a quarter whose
    note is longer than its figures are many is still a quarter)."""
    figure_cols = _figure_columns(placed, n_cols)
    if not figure_cols:
        return list(range(n_cols))
    reach = {c: len({p.line for p in placed if p.col0 <= c <= p.col1}) for c in figure_cols}
    finest = max(figure_cols, key=lambda c: reach[c])
    rows = _figure_lines(placed, finest) - dashes
    # Its sibling columns hold their figures on the same lines (the four quarters), or on
    # some of them (a total row that leaves a quarter blank).
    lines = {c: _figure_lines(placed, c) - dashes for c in range(n_cols)}
    anchors = {c for c in figure_cols if lines[c] <= rows}
    for first, last in headed:
        under = set(range(first, last + 1))
        if anchors & under:
            anchors |= {c for c in under if lines[c] and lines[c] <= rows}
    return sorted(anchors)


def _figure_columns(placed: list[_Placed], n_cols: int) -> list[int]:
    """The columns whose cells are figures: half its runs figures, or more of its cells
    figures than text (a note of four lines under one quarter's amount is one cell)."""
    out = []
    for c in range(n_cols):
        own = sorted((p for p in placed if p.col0 == p.col1 == c), key=lambda p: p.line)
        figures = sum(p.chunk.is_figure for p in own)
        if own and (figures * 2 >= len(own) or figures > _text_cells(own)):
            out.append(c)
    return out


def _cell_row_lines(placed: list[_Placed], first: int, last: int) -> set[int]:
    """The lines holding a row of cells under one header label: a cell of its own in two of
    its columns or more, none across them."""
    by_line: dict[int, list[_Placed]] = {}
    for p in placed:
        if p.col0 <= last and first <= p.col1:
            by_line.setdefault(p.line, []).append(p)
    return {
        line
        for line, here in by_line.items()
        if all(first <= p.col0 == p.col1 <= last for p in here) and len({p.col0 for p in here}) >= 2
    }


def _rows_of_cells_group(
    placed: list[_Placed], anchors: list[int], headed: list[tuple[int, int]]
) -> list[int]:
    """The columns under one header label, holding a row of figures, whose rows of cells are
    finer than the anchor columns' lines, where too few of their cells are figures to be
    anchors (the quarters of a table whose line has no quarter figures, its cells saying what
    is done instead: `재배정`, `연수운영`): the grid's rows are then theirs. Empty where none is."""
    reach = len({p.line for p in placed if any(p.col0 <= a <= p.col1 for a in anchors)})
    best: list[int] = []
    for first, last in headed:
        if any(first <= a <= last for a in anchors):
            continue
        lines = _cell_row_lines(placed, first, last)
        if len(lines) > reach and any(_figures_only(placed, line, first, last) for line in lines):
            reach, best = len(lines), list(range(first, last + 1))
    return best


def _figures_only(placed: list[_Placed], line: int, first: int, last: int) -> bool:
    """Whether the line's cells under columns first..last are all figures, not dashes only."""
    here = [p for p in placed if p.line == line and first <= p.col0 <= last]
    return all(p.chunk.is_figure for p in here) and any(
        not DASH_RE.match(p.chunk.text) for p in here
    )


def _mark_figure_cells_starts(
    placed: list[_Placed], touches: list[_Placed], atoms: list[_Atom], n_cols: int
) -> None:
    """Rows of cells whose quarters hold no figures begin a line of figures where a figure
    column's cell begins: that column's cell centred on the rows it spans, as its lines are
    printed (a line's amounts merged over its rows of cells, printed at their middle)."""
    touched = set(touches)
    singles = [(k, k) for k in range(len(atoms))]
    atom_lines = {y for a in atoms for y in range(a.first, a.last + 1)}
    for c in _figure_columns(placed, n_cols):
        lane = sorted(
            (p for p in placed if p.col0 == p.col1 == c and p not in touched),
            key=lambda p: (p.line, p.chunk.start),
        )
        if not lane:
            continue
        _, partition = _best_partition(lane, atoms, singles, atom_lines, figures_only=False)
        for members, (g0, _) in partition:
            if any(p.chunk.is_figure for p in members):
                atoms[g0].has_figure = True


def _text_cells(own: list[_Placed]) -> int:
    """The cells of text among a column's chunks (top to bottom): a note of four lines under a
    figure is one cell, as the figure is; a cell's lines are close together, figures apart."""
    cells, last = 0, None
    for p in own:
        if p.chunk.is_figure:
            last = None
        elif last is None or p.line - last > MAX_LINE_GAP:
            cells += 1
            last = p.line
        else:
            last = p.line
    return cells


def _note_dash_lines(placed: list[_Placed]) -> set[int]:
    """Lines whose figures are dashes only, that are a 집행내용 row's, not a row of figures:
    dashes beside words in the figure columns (`- 연수운영 연수운영 -`, its idle quarters
    dashed), or within a note of several lines in a figure column beside them (pdftotext
    centres each cell of the row on its height, so the `-` of the idle quarters falls between
    the lines of a quarter's note: `*수영장 / 리모델링 / - - - / 건축기획 / 용역`)."""
    by_line: dict[int, list[_Placed]] = {}
    for p in placed:
        by_line.setdefault(p.line, []).append(p)
    figure_cols = {p.col0 for p in placed if p.col0 == p.col1 and p.chunk.is_figure}

    def text_in(col: int, lines: range) -> bool:
        return any(
            p.col0 == p.col1 == col and not p.chunk.is_figure
            for y in lines
            for p in by_line.get(y, [])
        )

    out = set()
    for line, on_line in by_line.items():
        here = [p for p in on_line if p.col0 == p.col1 and p.col0 in figure_cols]
        dashes = [p for p in here if DASH_RE.match(p.chunk.text)]
        if not dashes or any(p.chunk.is_figure for p in here if p not in dashes):
            continue
        taken = {p.col0 for p in here}
        if len(dashes) < len(here) or any(
            col not in taken
            and text_in(col, range(line - MAX_LINE_GAP, line))
            and text_in(col, range(line + 1, line + MAX_LINE_GAP + 1))
            for col in figure_cols
        ):
            out.add(line)
    return out


def _figure_lines(placed: list[_Placed], col: int) -> set[int]:
    return {p.line for p in placed if p.col0 == p.col1 == col and p.chunk.is_figure}


def _atoms(
    touches: list[_Placed], anchors: list[int], dashes: set[int], wrapped_only_adjacent: bool
) -> list[_Atom]:
    """Lines of the anchor columns, top to bottom; a line of text under a line of text over
    the same columns (no figure in either) continues it: a wrapped note. With
    `wrapped_only_adjacent` (the anchors a row of cells on each line), only on the next line:
    a row of cells a line apart is a row of its own."""
    atoms: list[_Atom] = []
    last_cols: tuple[int, int] | None = None
    for line in sorted({p.line for p in touches}):
        here = [p for p in touches if p.line == line]
        figure = line not in dashes and _figure_row(here)
        cols = (min(p.col0 for p in here), max(p.col1 for p in here))
        if (
            atoms
            and not figure
            and not atoms[-1].has_figure
            and last_cols is not None
            and (not wrapped_only_adjacent or line == atoms[-1].last + 1)
            and (
                (cols[0] <= last_cols[1] and last_cols[0] <= cols[1])
                or _interleaved_note(atoms, line)
            )
        ):
            atoms[-1].last = line
        else:
            atoms.append(_Atom(line, line, figure))
        last_cols = cols
    return atoms


def _interleaved_note(atoms: list[_Atom], line: int) -> bool:
    """Whether a line of text is the next line of the note under a row of figures, whatever its
    columns: pdftotext centres each quarter's cell of a 집행내용 row on its own height, so cells
    of one, two and three lines interleave their lines (4-2-1's `수요조사` over `결과분석`)."""
    return len(atoms) >= 2 and atoms[-2].has_figure and line == atoms[-1].last + 1


DASH_RE = regex.compile(r"^[-–—]$")


def _figure_row(here: list[_Placed]) -> bool:
    """Whether a line of the anchor columns is a row of figures: a figure in a column of its
    own, a dash only where no words share the line (`- 연수운영 연수운영 -` is a line's 집행내용,
    its quarters without a task dashed; `- - - -` a line of quarters without amounts)."""
    own = [p for p in here if p.col0 == p.col1]
    words = any(not p.chunk.is_figure for p in here)
    return any(p.chunk.is_figure and not (words and DASH_RE.match(p.chunk.text)) for p in own)


def _logical_rows(
    atoms: list[_Atom], own_row: Callable[[int, int], bool] = lambda head, k: False
) -> list[tuple[int, int]]:
    """(first atom, last atom) of each logical row: a row of figures and the rows of text
    under it (a budget line's amounts and its 집행내용), but a row of text `own_row` says is
    one of its own (given the group's first atom and the text's)."""
    groups: list[list[int]] = []
    for k, atom in enumerate(atoms):
        if atom.has_figure or not groups or own_row(groups[-1][0], k):
            groups.append([k, k])
        else:
            groups[-1][1] = k
    return [(a, b) for a, b in groups]


def _row_of_its_own(placed: list[_Placed], head: _Atom, text: _Atom) -> bool:
    """Whether a line of text under a row of figures is a row of its own, not that row's notes:
    both label themselves in the first column and fill the same columns, a cell in each (a code
    table's '명칭 | 보육지원강화 | …' under '코드 | 3100 | …'). A budget line's 집행내용 fills
    only the quarters' columns under its quarters' row, its amounts and 쪽수 on its own lines."""
    if not head.has_figure or text.has_figure:
        return False

    def columns(first: int, last: int) -> set[int]:
        return {col for p in placed if first <= p.line <= last for col in range(p.col0, p.col1 + 1)}

    filled = columns(head.first, head.last)
    # Nothing between or beside them fills other columns: a budget line's amounts, printed
    # between its quarters and its notes, fill the columns those leave empty.
    return (
        0 in filled
        and len(filled) >= 2
        and columns(text.first, text.last) == filled
        and columns(head.first, text.last) == filled
    )


def _banded_cells(placed: list[_Placed], atoms: list[_Atom]) -> list[Cell]:
    """One line per row: a chunk on a line between rows goes with the nearest row (the one
    above on a tie: wrapped text continues downwards), but a chunk midway between two rows
    whose column is empty on both is printed at the middle of a cell spanning the two."""
    cells = []
    for p in placed:
        k = min(range(len(atoms)), key=lambda k: (_distance(p.line, atoms[k]), k))
        rowspan = 1
        if k + 1 < len(atoms) and _midway(p, atoms[k], atoms[k + 1], placed):
            rowspan = 2
        cells.append(Cell(k, p.col0, p.chunk.text, rowspan, p.col1 - p.col0 + 1))
    return cells


def _midway(p: _Placed, above: _Atom, below: _Atom, placed: list[_Placed]) -> bool:
    if not above.last < p.line < below.first or p.line - above.last != below.first - p.line:
        return False
    return not any(
        q is not p and _shares_columns(p, q) and above.first <= q.line <= below.last for q in placed
    )


def _distance(line: int, atom: _Atom) -> int:
    if atom.first <= line <= atom.last:
        return 0
    return min(abs(line - atom.first), abs(line - atom.last))


# A cell's lines are centred on the rows it spans. Among readings that centre as well: more
# cells (a column's text is not joined across rows without cause); for a cell whose centre
# falls between rows (it provably spans), more rows covered; else fewer.
CELL_BONUS = 0.01
MAX_LINE_GAP = 2
COVER_BONUS = 0.001


def _spanned_cells(
    placed: list[_Placed], atoms: list[_Atom], groups: list[tuple[int, int]], notes_rows: bool
) -> list[Cell]:
    cells: list[Cell] = []
    lanes: dict[tuple[int, int], list[_Placed]] = {}
    for p in placed:
        lanes.setdefault((p.col0, p.col1), []).append(p)
    atom_lines = {y for a in atoms for y in range(a.first, a.last + 1)}
    for (col0, col1), lane in lanes.items():
        lane.sort(key=lambda p: (p.line, p.chunk.start))
        # A line's cells span its notes (a 집행내용 cell under each quarter), or, where the notes
        # are a row of their own, end above them: then each is printed on its figures' line. A
        # lane whose cells are all centred there, and better so, ends above the notes.
        spanning = _best_partition(lane, atoms, groups, atom_lines, figures_only=False)
        own_row = _best_partition(lane, atoms, groups, atom_lines, figures_only=True)
        figures_only = (
            notes_rows
            and own_row[0] < spanning[0] - 1e-9
            and _on_figure_lines(own_row[1], atoms, groups)
        )
        partition = (own_row if figures_only else spanning)[1]
        for members, (g0, g1), widened in _centred_over_blanks(partition, atoms, groups):
            text = "\n".join(p.chunk.text for p in members)
            first, last = groups[g0][0], groups[g1][1]
            if figures_only and g0 == g1 and not widened and atoms[first].has_figure:
                last = first
            cells.append(Cell(first, col0, text, last - first + 1, col1 - col0 + 1))
    return cells


def _notes_are_rows(
    atoms: list[_Atom], groups: list[tuple[int, int]], touches: list[_Placed], anchors: list[int]
) -> bool:
    """Whether each row of notes under a row of figures is a row of cells: a cell of its own
    in two anchor columns or more (a 집행내용 cell under each quarter), not one column's cell
    going on below its figure (`2,888,694` over `백만원`)."""
    notes = [atoms[k] for g0, g1 in groups if atoms[g0].has_figure for k in range(g0 + 1, g1 + 1)]
    return bool(notes) and all(
        len(
            {
                p.col0
                for p in touches
                if atom.first <= p.line <= atom.last and p.col0 == p.col1 and p.col0 in anchors
            }
        )
        >= 2
        for atom in notes
    )


def _on_figure_lines(
    partition: list[tuple[list[_Placed], tuple[int, int]]],
    atoms: list[_Atom],
    groups: list[tuple[int, int]],
) -> bool:
    """Whether each cell over one line with notes is centred on that line's figures, within
    half a line."""
    return all(
        abs((members[0].line + members[-1].line) / 2 - atoms[groups[g0][0]].first) <= 0.5
        for members, (g0, g1) in partition
        if g0 == g1 and groups[g0][1] > groups[g0][0] and atoms[groups[g0][0]].has_figure
    )


# pdftotext sets a line at the text line nearest its height on the page, and rows of a
# different height (a name of three lines, a note of one) are squeezed unevenly into text lines:
# a cell centred on its rows is off their middle by up to a line.
CENTRE_SLACK = 1.0


def _centred_over_blanks(
    partition: list[tuple[list[_Placed], tuple[int, int]]],
    atoms: list[_Atom],
    groups: list[tuple[int, int]],
) -> list[tuple[list[_Placed], tuple[int, int], bool]]:
    """A column's cells, each spread over the logical rows above and below it that the column
    leaves blank, in pairs, while it stays centred on them: a cell merged over three lines
    (2-1-2's `457. 직무연수`, 3-2-2's amounts) prints once, at the middle, where its middle row
    is centred as well; blank on both sides, the column has no other cell for those rows."""
    taken = {g for _, (g0, g1) in partition for g in range(g0, g1 + 1)}
    out = []
    for members, (g0, g1) in partition:
        centre = (members[0].line + members[-1].line) / 2
        first = g0
        while (
            g0 > 0
            and g1 + 1 < len(groups)
            and g0 - 1 not in taken
            and g1 + 1 not in taken
            and abs(centre - (atoms[groups[g0 - 1][0]].first + atoms[groups[g1 + 1][1]].last) / 2)
            <= CENTRE_SLACK
        ):
            g0, g1 = g0 - 1, g1 + 1
            taken |= {g0, g1}
        out.append((members, (g0, g1), g0 < first))
    return out


def _best_partition(
    lane: list[_Placed],
    atoms: list[_Atom],
    groups: list[tuple[int, int]],
    atom_lines: set[int],
    figures_only: bool,
) -> tuple[float, list[tuple[list[_Placed], tuple[int, int]]]]:
    """Split a column's chunks (top to bottom) into cells, each over a run of logical rows,
    so that each cell is centred on its rows; runs do not overlap. (cost, cells). With
    `figures_only`, a cell over one logical row is centred on its row of figures alone (its
    notes a row of their own); one over several spans them whole."""
    top = [atoms[a].first for a, _ in groups]
    bottom = [atoms[b].last for _, b in groups]
    n = len(groups)
    # A cell's lines lie nearer its rows than the rows beside; one ending above its notes, on
    # any line between the rows beside (its figures' line alone is squeezed in between them).
    if figures_only:
        lower = [float("-inf")] + [bottom[g - 1] + 0.5 for g in range(1, n)]
        upper = [top[g + 1] - 0.5 for g in range(n - 1)] + [float("inf")]
    else:
        lower = [float("-inf")] + [(bottom[g - 1] + top[g]) / 2 for g in range(1, n)]
        upper = [(bottom[g] + top[g + 1]) / 2 for g in range(n - 1)] + [float("inf")]
    # The middle of each logical row a cell over it alone is centred on.
    single = [
        (atoms[a].first + atoms[a].last) / 2
        if figures_only and atoms[a].has_figure
        else (top[g] + bottom[g]) / 2
        for g, (a, _) in enumerate(groups)
    ]

    # A cell's placings depend on its lines only, not on the rows before it: each once.
    @functools.cache
    def options(i: int, j: int) -> list[tuple[float, int, int]]:
        lines = [p.line for p in lane[i:j]]
        center = (lines[0] + lines[-1]) / 2
        between = center not in atom_lines
        # One cell's lines are printed close together: another row's line may fall between
        # two of them, no more.
        gaps = sum(max(0, b - a - MAX_LINE_GAP) for a, b in zip(lines, lines[1:]))
        out = []
        for g0 in range(n):
            for g1 in range(g0, n):
                if lower[g0] <= lines[0] and lines[-1] <= upper[g1]:
                    spread = (g1 - g0) * COVER_BONUS
                    middle = single[g0] if g0 == g1 else (top[g0] + bottom[g1]) / 2
                    cost = abs(center - middle) - CELL_BONUS + gaps
                    out.append((cost - spread if between else cost + spread, g0, g1))
        return out

    # best[i][g]: least cost of placing lane[:i] in logical rows before g.
    best: dict[tuple[int, int], tuple[float, list]] = {(0, 0): (0.0, [])}
    for i in range(len(lane)):
        for g in range(n + 1):
            if (i, g) not in best:
                continue
            base, plan = best[(i, g)]
            for j in range(i + 1, min(len(lane), i + MAX_CELL_LINES) + 1):
                for cost, g0, g1 in options(i, j):
                    if g0 < g:
                        continue
                    key = (j, g1 + 1)
                    total = base + cost
                    if key not in best or total < best[key][0] - 1e-9:
                        best[key] = (total, plan + [(lane[i:j], (g0, g1))])
    finished = [best[(len(lane), g)] for g in range(n + 1) if (len(lane), g) in best]
    if not finished:
        return float("inf"), [([p], _nearest_group(p, groups, atoms)) for p in lane]
    return min(finished, key=lambda b: b[0])


def _nearest_group(
    p: _Placed, groups: list[tuple[int, int]], atoms: list[_Atom]
) -> tuple[int, int]:
    g = min(
        range(len(groups)),
        key=lambda g: min(
            abs(p.line - atoms[groups[g][0]].first), abs(p.line - atoms[groups[g][1]].last)
        ),
    )
    return g, g


def _widen_total_labels(cells: list[Cell], atoms: list[_Atom], placed: list[_Placed]) -> list[Cell]:
    """A total row's label ('합계') spans the label columns left of it that its row leaves
    empty: a total has no names of its own."""
    out = []
    for cell in cells:
        if TOTAL_RE.match(cell.text) and cell.col > 0:
            row_cells = [c for c in cells if c.row <= cell.row < c.row + c.rowspan]
            left = [c for c in row_cells if c.col < cell.col and c.text.strip()]
            if not left:
                cell = replace(cell, col=0, colspan=cell.col + cell.colspan)
        out.append(cell)
    return out


def _merge_same_origin(cells: list[Cell]) -> list[Cell]:
    """Two chunks read into one grid position are one cell's lines."""
    out: dict[tuple[int, int], Cell] = {}
    for cell in cells:
        key = (cell.row, cell.col)
        if key in out:
            first = out[key]
            out[key] = replace(
                first,
                text=f"{first.text}\n{cell.text}",
                rowspan=max(first.rowspan, cell.rowspan),
                colspan=max(first.colspan, cell.colspan),
            )
        else:
            out[key] = cell
    return list(out.values())


# ------------------------------------------------------------------------------ pages

# A line that only numbers its page: '- 39 -', '39', '— 4 —'. Not the PDF reader's
# is_page_number, which joins digits across spaces and takes any str.isdigit character: a
# pdftotext line is the whole width of the page, and '2           1' there is the raised digits of
# '제2조제1호' a line above, '②' a list's mark.
PAGE_NUMBER_RE = regex.compile(r"^\s*[-–—]?\s*\d{1,4}\s*[-–—]?\s*$")


def join_page_broken_tables(blocks: list) -> list:
    """A table that ends a page (nothing but its page number after it) without a total row,
    and a table that starts the next page with the same columns and the same header: one
    table over both pages, the repeated header read once (as the PDF reader joins them). Not
    the PDF reader's stitch_continued_tables: it knows a continuation by its rulings, which
    text has none of; on a text's tables it would join any two of as many columns."""
    out: list = []
    for block in blocks:
        if isinstance(block, Table) and block.page is not None:
            k = len(out) - 1
            while k >= 0 and _is_page_number(out[k]) and out[k].page == block.page - 1:
                k -= 1
            top = out[k] if k >= 0 else None
            if (
                isinstance(top, Table)
                and (top.end_page or top.page) == block.page - 1
                and _continues(top, block)
            ):
                out[k] = _joined(top, block)
                continue
        out.append(block)
    return out


def _is_page_number(block) -> bool:
    return isinstance(block, Paragraph) and bool(PAGE_NUMBER_RE.match(block.text))


def _header_rows(table: Table) -> int:
    return next(
        (
            r
            for r in range(table.n_rows)
            if any(c.text and FIGURE_RE.match(c.text.split()[0]) for c in table.row_cells(r)[1:])
        ),
        0,
    )


def _header_texts(table: Table, n: int) -> list[tuple[int, int, int, int, str]]:
    return sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in table.cells if c.row < n)


def _continues(top: Table, bottom: Table) -> bool:
    n = _header_rows(top)
    return (
        top.n_cols == bottom.n_cols
        and n > 0
        and _header_rows(bottom) == n
        and _header_texts(top, n) == _header_texts(bottom, n)
        and not any(TOTAL_RE.match(c.text) for c in top.cells)
    )


def _joined(top: Table, bottom: Table) -> Table:
    n = _header_rows(bottom)
    moved = [replace(c, row=c.row - n + top.n_rows) for c in bottom.cells if c.row >= n]
    pages = [top.page_of_row(r) for r in range(top.n_rows)] + [bottom.page] * (bottom.n_rows - n)
    return Table(
        top.cells + moved,
        top.n_rows + bottom.n_rows - n,
        top.n_cols,
        page=top.page,
        position=top.position,
        end_page=bottom.page,
        row_pages=pages,
    )


def _shares_columns(p: _Placed, q: _Placed) -> bool:
    return p.col0 <= q.col1 and q.col0 <= p.col1


# ------------------------------------------------------------------------------ continued


def continued_lines(top: list[str], bottom: list[str]) -> list[str] | None:
    """The lines of one table going on over a page break: `top`, its lines ending a page, and
    `bottom`'s below its repeated header, set in `top`'s columns (pdftotext spaces each page
    its own way: the header's labels on both pages say where each column is). None where
    `bottom` does not begin with `top`'s header, or `top` holds its total row already. Read
    as one, a row cut by the break (its notes in a row of their own, first on the next page)
    stays with its line."""
    chunks = [c for k, line in enumerate(top) for c in line_chunks(line, k)]
    n = _below_header(chunks, _first_body_line(chunks)) if chunks else 0
    if n == 0 or len(bottom) <= n or any(TOTAL_RE.match(c.text) for c in chunks):
        return None
    labels = [[c.text for c in line_chunks(line, 0)] for line in top[:n]]
    if labels != [[c.text for c in line_chunks(line, 0)] for line in bottom[:n]]:
        return None
    anchors = [
        (b.center, t.center)
        for t, b in zip(line_chunks(top[n - 1], 0), line_chunks(bottom[n - 1], 0))
    ]
    return top + [_moved(line, anchors) for line in bottom[n:]]


def _moved(line: str, anchors: list[tuple[float, float]]) -> str:
    """The line with each run's centre moved as the anchors (from, to) move, between them in
    proportion, beyond them as the nearest; runs stay two spaces apart at least."""
    out = ""
    for c in line_chunks(line, 0):
        centre = _mapped(c.center, anchors)
        start = max(round(centre - (c.end - c.start) / 2), len(out) + 2 if out else 0)
        out = out.ljust(start) + c.text
    return out


def _mapped(x: float, anchors: list[tuple[float, float]]) -> float:
    if x <= anchors[0][0]:
        return x + anchors[0][1] - anchors[0][0]
    for (x0, y0), (x1, y1) in zip(anchors, anchors[1:]):
        if x <= x1:
            return y0 + (x - x0) * (y1 - y0) / (x1 - x0) if x1 > x0 else y0
    return x + anchors[-1][1] - anchors[-1][0]
