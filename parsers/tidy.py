"""Layout fixes every backend's blocks get, so one report reads the same from any format.

Hancom authors often type a table's `(단위: 백만원)` line into a borderless first row of the
table itself; the PDF export prints that row as a line above the ruled table. Here such a row
becomes the paragraph it looks like, in every format.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from .model import Block, Paragraph, Table

# "(단위: 백만원)", "[단위 : 천원, %]", "단위: 명" — a unit statement and nothing else.
UNIT_ROW_RE = regex.compile(r"^[(\[<]?\s*단\s*위\s*[:：]\s*[^()\[\]<>]{1,30}[)\]>]?$")


def lift_unit_rows(blocks: list[Block]) -> list[Block]:
    """A table whose first row holds only a unit statement: that row becomes a paragraph just
    before the table (same page or position), and the table keeps the rest."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table):
            unit = unit_row_text(block)
            if unit is not None:
                out.append(Paragraph(text=unit, page=block.page, position=block.position))
                block = without_first_row(block)
        out.append(block)
    return out


def unit_row_text(table: Table) -> str | None:
    if table.n_rows < 2:
        return None
    first = table.row_cells(0)
    if any(c.rowspan != 1 for c in first) or any(row == 0 for row, _ in table.nested):
        return None
    texts = [" ".join(c.text.split()) for c in first if c.text.strip()]
    if len(texts) == 1 and UNIT_ROW_RE.match(texts[0]):
        return texts[0]
    return None


def without_first_row(table: Table) -> Table:
    """The table less its first row, with the columns only that row had split merged back."""
    cells = [replace(c, row=c.row - 1) for c in table.cells if c.row > 0]
    starts = sorted({c.col for c in cells} | {0})
    # A grid column where no remaining cell starts is one the removed row alone had cut.
    new_col = {old: new for new, old in enumerate(starts)}
    bounds = starts + [table.n_cols]
    merged = []
    for c in cells:
        end = c.col + c.colspan
        span = sum(1 for a, b in zip(bounds, bounds[1:]) if c.col <= a and b <= end)
        merged.append(replace(c, col=new_col[c.col], colspan=max(span, 1)))
    row_pages = table.row_pages[1:] if table.row_pages else None
    y_edges = table.y_edges[1:] if table.y_edges else None
    nested = {(r - 1, new_col.get(c, c)): t for (r, c), t in table.nested.items() if r > 0}
    x_edges = (
        [table.x_edges[i] for i in bounds]
        if table.x_edges and len(table.x_edges) == table.n_cols + 1
        else None
    )
    return Table(
        cells=merged,
        n_rows=table.n_rows - 1,
        n_cols=len(starts),
        page=table.page,
        position=table.position,
        end_page=table.end_page,
        caption=table.caption,
        row_pages=row_pages,
        x_edges=x_edges,
        y_edges=y_edges,
        nested=nested,
    )
