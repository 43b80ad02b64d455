"""The Hancom intermediate form both Hancom readers produce, and its assembly into blocks.

The HWP reader (parsers/hwp.py, from pyhwp's records) and the HWPX reader (parsers/hwpx.py, via
the OWPML walker of parsers/owpml.py) first turn a section into this small format-neutral form —
`ParaIR` (a paragraph's own text plus the objects anchored in it: tables, text boxes, notes) —
and `assemble_section` turns that into `Document` blocks. So positions, table grids, nested
tables, private-use characters and the safety caps behave the same for .hwp and .hwpx.

Conventions:
* A paragraph's text is one `Paragraph` block; the tables, text boxes and notes anchored in it
  follow it as their own blocks, in the order they are anchored. Empty paragraphs are skipped.
* Position: section S, paragraph P ("section S paragraph P"), P the index of the top-level
  paragraph in its section; text
  from a text box, a shape's caption or a foot/endnote adds " textbox" / " caption" /
  " footnote" / " endnote". A shape's text boxes come before its caption.
* A cell's text is its paragraphs (and the text boxes inside them), one line each. Tables inside
  a cell go to `Table.nested[(row, col)]`; notes inside a table follow the table.
* Tables are capped in cells and grid size, and nesting (tables in cells in text boxes …) in
  depth.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .errors import LimitExceeded
from .hancom_pua import map_private_use
from .model import Block, Cell, Paragraph, ParseIssue, Position, Table

# Compressed parts and streams: real sections inflate at most ~25× (the corpus: 24× for a 1.3 MB
# section); a part that inflates far more, past a size that takes real time to read, is a bomb
# (a 545 KB HWPX whose section inflates to 150 MB took 100 s and 3 GB).
MAX_INFLATE_RATIO = 100
RATIO_FREE_BYTES = 4 * 1024 * 1024  # below this, any ratio (tiny parts compress very well)
MAX_TABLE_CELLS = 100_000
MAX_TABLE_GRID = 2_000_000  # rows × cols: a consumer may allocate the grid
MAX_NESTING_DEPTH = 16  # tables / text boxes inside each other

# --------------------------------------------------------------------------------------------
# Format-neutral intermediate form


@dataclass
class ParaIR:
    """One paragraph: its own text (raw, as stored) and the objects anchored in it."""

    text: str
    objects: list[ObjectIR] = field(default_factory=list)
    shape: str | int | None = None  # its paragraph shape (paraPrIDRef, HWP parashape id)


# A paragraph shape's head, as `Paragraph.head` has it, by shape id.
Heads = dict[str | int, tuple[str, int]]


@dataclass
class CellIR:
    row: int | None  # None when the file does not say; placed by `_place_cells`
    col: int | None
    rowspan: int
    colspan: int
    paragraphs: list[ParaIR]
    # The cell's border/fill id in the document's table of them (HWPX borderFillIDRef, HWP
    # TableCell.borderfill_id); `Tally.fills` resolves it to a colour.
    fill_ref: str | None = None


@dataclass
class TableIR:
    rows: int
    cols: int
    cells: list[CellIR]
    caption: list[ParaIR] = field(default_factory=list)


@dataclass
class BoxIR:
    """Text inside a drawing object: a text box, or the caption of a shape."""

    paragraphs: list[ParaIR]
    kind: str = "textbox"  # or "caption"


@dataclass
class NoteIR:
    kind: str  # "footnote" or "endnote"
    paragraphs: list[ParaIR]


ObjectIR = TableIR | BoxIR | NoteIR


def check_depth(depth: int) -> None:
    if depth > MAX_NESTING_DEPTH:
        raise LimitExceeded(
            f"objects nested more than {MAX_NESTING_DEPTH} deep (tables in cells in text boxes …)"
        )


def check_inflation(name: str, inflated: int, compressed: int) -> None:
    """Refuse a part or stream whose inflated size is out of all proportion to its bytes."""
    if inflated > RATIO_FREE_BYTES and inflated > MAX_INFLATE_RATIO * max(compressed, 1):
        raise LimitExceeded(
            f"{name} inflates more than {MAX_INFLATE_RATIO}× ({compressed} bytes to more than "
            f"{inflated}): a decompression bomb"
        )


def check_cell_count(count: int) -> None:
    if count > MAX_TABLE_CELLS:
        raise LimitExceeded(f"a table has more than {MAX_TABLE_CELLS} cells")


# --------------------------------------------------------------------------------------------
# Assembly: IR → blocks


_SURROGATE = re.compile("[\ud800-\udfff]")
# A lone surrogate or a private-use character (hancom_pua): what `clean_text` has to change.
_SURROGATE_OR_PRIVATE = re.compile("[\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff]")


@dataclass
class Tally:
    """What was repaired while assembling, reported as issues (the document becomes partial)."""

    unknown_pua: Counter = field(default_factory=Counter)
    lone_surrogates: int = 0
    duplicate_cells: int = 0
    # Background colour ('#rrggbb') of each border/fill id of the document that has one.
    fills: dict[str, str] = field(default_factory=dict)

    def issues(self) -> list[ParseIssue]:
        out = []
        if self.unknown_pua:
            codes = ", ".join(f"U+{code:04X}×{n}" for code, n in sorted(self.unknown_pua.items()))
            out.append(
                ParseIssue(
                    "unknown_pua",
                    f"{sum(self.unknown_pua.values())} private-use "
                    f"character(s) with no known meaning ({codes}): a bullet where "
                    "they open a paragraph, dropped elsewhere",
                )
            )
        if self.lone_surrogates:
            out.append(
                ParseIssue(
                    "lone_surrogate",
                    f"{self.lone_surrogates} unpaired UTF-16 surrogate(s) replaced with U+FFFD",
                )
            )
        if self.duplicate_cells:
            out.append(
                ParseIssue(
                    "table_overlap",
                    f"{self.duplicate_cells} table cell(s) whose "
                    "origin another cell already holds were dropped",
                )
            )
        return out


def clean_text(text: str, tally: Tally) -> str:
    """Stored text: lone surrogates replaced, private-use characters mapped."""
    if not _SURROGATE_OR_PRIVATE.search(text):
        return text  # nearly all text: one search instead of two
    if _SURROGATE.search(text):
        tally.lone_surrogates += len(_SURROGATE.findall(text))
        text = _SURROGATE.sub("\ufffd", text)
    return map_private_use(text, tally.unknown_pua)


def assemble_section(
    paragraphs: Iterable[ParaIR], section: int, tally: Tally, heads: Heads | None = None
) -> list[Block]:
    blocks: list[Block] = []
    for index, para in enumerate(paragraphs):
        here = Position(section=section, paragraph=index)
        _emit_paragraph(para, here, blocks, tally, 0, heads or {})
    return blocks


def _emit_paragraph(
    para: ParaIR, position: Position, out: list[Block], tally: Tally, depth: int, heads: Heads
) -> None:
    check_depth(depth)
    text = clean_text(para.text, tally).rstrip()
    if text:  # stripped on the right, so not blank
        out.append(
            Paragraph(
                text=text,
                position=position,
                head=heads.get(para.shape) if para.shape is not None else None,
            )
        )
    if not para.objects:
        return  # most paragraphs: nothing anchored in them
    notes: list[NoteIR] = []
    for obj in para.objects:
        if isinstance(obj, TableIR):
            out.append(_table(obj, position, tally, depth + 1, notes))
        elif isinstance(obj, BoxIR):
            for inner in obj.paragraphs:
                _emit_paragraph(inner, position.within(obj.kind), out, tally, depth + 1, heads)
        else:
            notes.append(obj)
    _emit_notes(notes, position, out, tally, depth, heads)


def _emit_notes(
    notes: list[NoteIR],
    position: Position,
    out: list[Block],
    tally: Tally,
    depth: int,
    heads: Heads,
) -> None:
    for note in notes:
        for inner in note.paragraphs:
            _emit_paragraph(inner, position.within(note.kind), out, tally, depth + 1, heads)


def _table(
    table: TableIR, position: Position, tally: Tally, depth: int, notes: list[NoteIR]
) -> Table:
    check_depth(depth)
    check_cell_count(len(table.cells))
    cells: list[Cell] = []
    nested: dict[tuple[int, int], list[Table]] = {}
    taken: set[tuple[int, int]] = set()
    for cell, (row, col) in zip(table.cells, _place_cells(table.cells)):
        if (row, col) in taken:
            tally.duplicate_cells += 1
            continue
        taken.add((row, col))
        lines: list[str] = []
        inner_tables: list[Table] = []
        _cell_content(cell.paragraphs, lines, inner_tables, notes, position, tally, depth)
        cells.append(
            Cell(
                row=row,
                col=col,
                text="\n".join(lines),
                rowspan=max(cell.rowspan, 1),
                colspan=max(cell.colspan, 1),
                fill=tally.fills.get(cell.fill_ref) if cell.fill_ref is not None else None,
            )
        )
        if inner_tables:
            nested[(row, col)] = inner_tables
    n_rows = max([table.rows] + [c.row + c.rowspan for c in cells])
    n_cols = max([table.cols] + [c.col + c.colspan for c in cells])
    if n_rows * n_cols > MAX_TABLE_GRID:
        raise LimitExceeded(
            f"a table spans {n_rows}×{n_cols} positions (more than {MAX_TABLE_GRID})"
        )
    caption_lines = [clean_text(p.text, tally).strip() for p in table.caption]
    caption = "\n".join(line for line in caption_lines if line) or None
    return Table(
        cells=cells, n_rows=n_rows, n_cols=n_cols, position=position, caption=caption, nested=nested
    )


def _cell_content(
    paragraphs: list[ParaIR],
    lines: list[str],
    tables: list[Table],
    notes: list[NoteIR],
    position: Position,
    tally: Tally,
    depth: int,
) -> None:
    check_depth(depth)
    for para in paragraphs:
        line = clean_text(para.text, tally).strip()
        if line:
            lines.append(line)
        for obj in para.objects:
            if isinstance(obj, TableIR):
                inner = _table(obj, position, tally, depth + 1, notes)
                if inner.n_rows == inner.n_cols == 1 and len(inner.cells) == 1 and not inner.nested:
                    # A box of one cell inside a cell (a title over a list) is text of the
                    # cell where it stands, as a reader and the PDF export see it.
                    box = inner.cells[0].text.split("\n") + (inner.caption or "").split("\n")
                    lines.extend(line for line in box if line)
                else:
                    tables.append(inner)
            elif isinstance(obj, BoxIR):
                _cell_content(obj.paragraphs, lines, tables, notes, position, tally, depth + 1)
            else:
                notes.append(obj)


def _place_cells(cells: list[CellIR]) -> list[tuple[int, int]]:
    """Each cell's (row, col): as the file gives it, or, for a cell without an address, the
    first free position after the previous cell (rows in file order)."""
    addresses = [(c.row, c.col) for c in cells]
    if all(row is not None and col is not None for row, col in addresses):
        return [(int(row or 0), int(col or 0)) for row, col in addresses]
    occupied: set[tuple[int, int]] = set()
    placed: list[tuple[int, int]] = []
    cursor_row, cursor_col = 0, 0
    for cell in cells:
        rowspan, colspan = max(cell.rowspan, 1), max(cell.colspan, 1)
        if rowspan * colspan > MAX_TABLE_GRID:
            raise LimitExceeded(f"a table cell spans {rowspan}×{colspan} positions")
        if cell.row is not None and cell.col is not None:
            row, col = cell.row, cell.col
        else:
            row, col = cursor_row, cursor_col
            while (row, col) in occupied:
                col += 1
        placed.append((row, col))
        occupied.update(
            (r, c) for r in range(row, row + rowspan) for c in range(col, col + colspan)
        )
        if len(occupied) > MAX_TABLE_GRID:
            raise LimitExceeded(f"a table spans more than {MAX_TABLE_GRID} positions")
        cursor_row, cursor_col = row, col + colspan
    return placed
