"""Which cell covers each position of a table's grid, found once per table.

`Table.cell_covering` looks a position up among the cells' origins and, for a position a merged
cell spans into, walks every cell of the table; a rule reading a table row by row and column by
column asks it for every position. `covering` answers the same from an index of the positions
the merged cells span, made on the first such question.
"""

from __future__ import annotations

from collections.abc import Callable

from kplan.parsers.model import Cell, Table

# A grid larger than this is looked up cell by cell, as Table does: a hostile file's table that
# claims a million rows must not cost an index of a million entries.
MAX_INDEXED = 100_000

Covering = Callable[[int, int], Cell | None]


def covering(table: Table) -> Covering:
    """`table.cell_covering`, answered from an index of the grid: (row, col) → the cell whose
    origin it is, else the first cell (in `table.cells` order) that spans over it."""
    if table.n_rows * table.n_cols > MAX_INDEXED:
        return table.cell_covering
    spanned: dict[tuple[int, int], Cell] | None = None

    def cell_covering(row: int, col: int) -> Cell | None:
        nonlocal spanned
        found = table.cell(row, col)
        if found is not None:
            return found
        if not (0 <= row < table.n_rows and 0 <= col < table.n_cols):
            return table.cell_covering(row, col)  # off the grid: as Table answers it
        if spanned is None:
            spanned = _spanned(table)
        return spanned.get((row, col))

    return cell_covering


def _spanned(table: Table) -> dict[tuple[int, int], Cell]:
    """Each position inside the grid a merged cell spans over, to the first such cell (a cell
    of one row and one column covers its origin only, which `table.cell` finds)."""
    spanned: dict[tuple[int, int], Cell] = {}
    for c in table.cells:
        if c.rowspan == 1 and c.colspan == 1:
            continue
        for row in range(max(c.row, 0), min(c.row + c.rowspan, table.n_rows)):
            for col in range(max(c.col, 0), min(c.col + c.colspan, table.n_cols)):
                spanned.setdefault((row, col), c)
    return spanned
