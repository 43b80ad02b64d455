"""The format-neutral document every parser returns and every rule reads.

A `Document` is an ordered list of blocks: `Paragraph`s and `Table`s. A table keeps its grid as
`Cell`s with row, col, rowspan and colspan; a merged cell is stored once, at its top-left origin,
and never copied into the positions it covers. Every block knows where it came from: its page
(PDF), or its `Position` (HWP/HWPX store no pages, so `page` is None there and `position` says
section 0, paragraph 12; text says its line).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any, Literal, NamedTuple

# A registered backend's format name (parsers/backends.py `formats()`): 'pdf', 'hwp', …
Format = str
Status = Literal["ok", "partial", "failed"]

# The objects a paragraph's text may be inside, as `Position.inside` names them.
INSIDE_KINDS = ("textbox", "caption", "footnote", "endnote")

# A table whose merged cells span more grid positions than this is looked up cell by cell: a
# hostile file's cell that claims a million rows must not cost an index of a million entries.
MAX_SPANNED_INDEX = 100_000


class Position(NamedTuple):
    """Where something is in a file without pages, as fields. `render()` gives the text the
    warehouse's `position` columns and the CLI print: 'line 273', 'page 2 line 5',
    'section 0 paragraph 812 row 3', 'section 1 paragraph 4 textbox',
    'section 0 paragraph 4 table 3 row 2 col 1', 'table 3 row 2 col 1' — each field set, in
    this order, as its name and value. Numbers are as printed: `row` counts from 1 for a budget
    line or a finding (a row of its table) and from 0 for a search unit's cell (`row`, `col`
    as `table_cells` has them)."""

    page: int | None = None  # a text file with form feeds: the page the line is on
    line: int | None = None  # a text file's line (on its page), from 1
    section: int | None = None  # HWP/HWPX section, from 0
    paragraph: int | None = None  # top-level paragraph of its section, from 0
    # The objects the text is inside, outermost first: 'textbox', 'footnote', 'textbox caption'.
    inside: str | None = None
    table: int | None = None  # tables.table_id
    row: int | None = None
    col: int | None = None

    def render(self) -> str:
        # A list, not a generator: join makes one of it anyway (a load renders thousands).
        return " ".join(
            [
                str(value) if name == "inside" else f"{name} {value}"
                for name, value in zip(self._fields, self)
                if value is not None
            ]
        )

    def within(self, kind: str) -> Position:
        """This position, inside one more object ('textbox', 'footnote', …)."""
        return self._replace(inside=f"{self.inside} {kind}" if self.inside else kind)

    # As warehouse columns: a field `position` is its text, then pos_page, pos_line, …, pos_col.

    @classmethod
    def column_types(cls, name: str = "position") -> dict[str, str]:
        """{column: DuckDB type} of a `Position` field called `name`: its text, then its parts
        ('position' → position, pos_page, pos_line, …, pos_col)."""
        prefix = "pos_" if name == "position" else f"{name}_"
        parts = {
            f"{prefix}{part}": "VARCHAR" if part == "inside" else "INTEGER" for part in cls._fields
        }
        return {name: "VARCHAR", **parts}

    @staticmethod
    def values(position: Position | None) -> tuple:
        """The values of `column_types`' columns: the text, then each part."""
        if position is None:
            return (None,) * (1 + len(Position._fields))
        return (position.render(), *position)

    @classmethod
    def from_row(cls, row: Mapping[str, Any], name: str = "position") -> Position | None:
        """The position a warehouse row's columns hold; None where they hold none."""
        parts = [row.get(column) for column in list(cls.column_types(name))[1:]]
        return None if all(v is None for v in parts) else cls(*parts)

    @classmethod
    def parse(cls, text: str) -> Position | None:
        """The fields of a rendered position; None for text no kplan wrote. Only for the
        positions of warehouses made before they were stored as fields (migration 13)."""
        words, fields, inside = text.split(), {}, []
        if not words:
            return None
        i = 0
        while i < len(words):
            word = words[i]
            if word in INSIDE_KINDS:
                inside.append(word)
                i += 1
            elif word in cls._fields and word != "inside" and word not in fields:
                if i + 1 == len(words) or not words[i + 1].isdigit():
                    return None
                fields[word] = int(words[i + 1])
                i += 2
            else:
                return None
        position = cls(inside=" ".join(inside) or None, **fields)
        return position if position.render() == text else None


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    # The cell's background as the file draws it ('#d9d9d9'); None where it has none or the
    # reader cannot tell. Printed headers are shaded far more often than their body.
    fill: str | None = None
    # PDF only: the (size, weight) each line of `text` is set in, as on `Paragraph`; no part
    # of what the cell says, so two readings of a cell compare by their text.
    line_types: tuple[tuple[float, int] | None, ...] | None = field(default=None, compare=False)

    def covers(self, row: int, col: int) -> bool:
        return (
            self.row <= row < self.row + self.rowspan and self.col <= col < self.col + self.colspan
        )


@dataclass(frozen=True)
class Paragraph:
    text: str
    page: int | None = None
    position: Position | None = None
    # The paragraph head Hancom draws from the paragraph's shape, which the text does not hold:
    # ('outline', level) for an outline heading (level 0 is the top, printed 'Ⅰ.' or '1.'),
    # ('number', level) for a numbered paragraph, ('bullet', 0) for a bulleted one. None where
    # there is none or the format has no such thing (PDF, text).
    head: tuple[str, int] | None = None
    # PDF only: the size (pt) and weight (100–900, 700 bold, from the font's name) most of the
    # line's characters are set in, which is how a PDF's author sets headings apart. None where
    # the reader does not say (HWP, HWPX, text).
    size: float | None = None
    weight: int | None = None
    # PDF only: the line broke off inside a word, which the next paragraph (the next printed
    # line) goes on with ('… 미흡 등급 배' over '분되는 …'): who joins the two joins them with no
    # space. The reader says so where its producer's wraps and the document's own words do.
    word_goes_on: bool = False


@dataclass
class Table:
    cells: list[Cell]
    n_rows: int
    n_cols: int
    page: int | None = None
    position: Position | None = None
    # Pages a table continued onto (a PDF table broken across pages, stitched back together).
    end_page: int | None = None
    caption: str | None = None
    # The page of each row, for a table that continues across pages (None: all on `page`).
    row_pages: list[int | None] | None = None
    # PDF only: the positions of the column and row rulings, to recognise a table's
    # continuation on the next page and the columns of one table drawn as separate boxes.
    x_edges: list[float] | None = None
    y_edges: list[float] | None = None
    # Tables nested inside a cell of this table, keyed by the (row, col) of that cell.
    nested: dict[tuple[int, int], list[Table]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_origin = {(c.row, c.col): c for c in self.cells}

    # The indexes are no part of what the table is: equality and repr read its fields only,
    # and a pickled table (a worker's result) carries its fields and makes its indexes again.

    def __getstate__(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.__post_init__()

    def page_of_row(self, row: int) -> int | None:
        if self.row_pages and 0 <= row < len(self.row_pages):
            return self.row_pages[row]
        return self.page

    def cell(self, row: int, col: int) -> Cell | None:
        """The cell whose origin is (row, col); None where a span from elsewhere covers it."""
        return self._by_origin.get((row, col))

    def cell_covering(self, row: int, col: int) -> Cell | None:
        """The cell that covers (row, col): the one whose origin it is, else the first (in
        `cells` order) that spans into it. Rules ask this of every position of a table, so
        the positions merged cells span are indexed on the first such question."""
        found = self._by_origin.get((row, col))
        if found is not None:
            return found
        spanned = self._spanned
        if spanned is not None and 0 <= row < self.n_rows and 0 <= col < self.n_cols:
            return spanned.get((row, col))
        return next((c for c in self.cells if c.covers(row, col)), None)

    @cached_property
    def _spanned(self) -> dict[tuple[int, int], Cell] | None:
        """Each grid position a merged cell spans over, to the first such cell (a cell of one
        row and one column covers its origin only, which `_by_origin` holds); None where the
        spans cover more positions than MAX_SPANNED_INDEX."""
        merged = [c for c in self.cells if c.rowspan != 1 or c.colspan != 1]
        rows = [range(max(c.row, 0), min(c.row + c.rowspan, self.n_rows)) for c in merged]
        cols = [range(max(c.col, 0), min(c.col + c.colspan, self.n_cols)) for c in merged]
        if sum(len(r) * len(c) for r, c in zip(rows, cols)) > MAX_SPANNED_INDEX:
            return None
        spanned: dict[tuple[int, int], Cell] = {}
        for cell, cell_rows, cell_cols in zip(merged, rows, cols):
            for r in cell_rows:
                for c in cell_cols:
                    spanned.setdefault((r, c), cell)
        return spanned

    def row_cells(self, row: int) -> list[Cell]:
        """Cells whose origin is in `row`, left to right."""
        return sorted((c for c in self.cells if c.row == row), key=lambda c: c.col)

    def origin_at(self, x: float, y: float) -> tuple[int, int] | None:
        """(row, col) of the cell covering page point (x, y), by the PDF rulings; None off the
        grid or without rulings."""
        if (
            not self.x_edges
            or not self.y_edges
            or not (
                self.x_edges[0] <= x <= self.x_edges[-1]
                and self.y_edges[0] <= y <= self.y_edges[-1]
            )
        ):
            return None
        col = min(max(bisect.bisect_right(self.x_edges, x) - 1, 0), self.n_cols - 1)
        row = min(max(bisect.bisect_right(self.y_edges, y) - 1, 0), self.n_rows - 1)
        cell = self.cell_covering(row, col)
        return (cell.row, cell.col) if cell is not None else None

    def text_grid(self) -> list[list[str | None]]:
        """Rows of cell text; positions covered by a span from elsewhere are None."""
        grid: list[list[str | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            if c.row < self.n_rows and c.col < self.n_cols:
                grid[c.row][c.col] = c.text
        return grid


Block = Paragraph | Table


@dataclass(frozen=True)
class ParseIssue:
    """Something a parser could not read, as data: the component, the page and why."""

    code: str
    message: str
    page: int | None = None


@dataclass
class Document:
    path: str
    format: Format | None
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    sha256: str | None = None
    # Which library read the file (pdfplumber, pyhwp, python-hwpx, text); None when none could.
    reader: str | None = None
    status: Status = "ok"
    error: str | None = None  # an errors.ErrorCode: corrupt, encrypted, distribution_doc, …
    error_message: str | None = None
    issues: list[ParseIssue] = field(default_factory=list)
    # What the file says about itself (HWP SummaryInformation, HWPX content.hpf, PDF info):
    # 'title', 'author', 'subject', 'keywords', 'created', 'modified', 'creator' when present.
    metadata: dict[str, str] = field(default_factory=dict)
    # The settings its reader was given (a PdfSettings for a PDF; None for defaults), so the
    # rules that read what those settings shape (a line's type) use the same thresholds.
    read_with: Any = None

    def paragraphs(self) -> Iterator[Paragraph]:
        return (b for b in self.blocks if isinstance(b, Paragraph))

    def tables(self) -> Iterator[Table]:
        return (b for b in self.blocks if isinstance(b, Table))

    def stats(self) -> dict[str, int]:
        """How much was read: paragraphs, tables and characters of text."""
        paragraphs = sum(1 for _ in self.paragraphs())
        tables = sum(1 for _ in self.tables())
        chars = sum(len(b.text) for b in self.paragraphs()) + sum(
            len(c.text) for t in self.tables() for c in t.cells
        )
        return {"n_paragraphs": paragraphs, "n_tables": tables, "n_chars": chars}

    def text(self) -> str:
        """All paragraph text and cell text, in block order, one line per paragraph or cell."""
        out: list[str] = []
        for b in self.blocks:
            if isinstance(b, Paragraph):
                out.append(b.text)
            else:
                out.extend(c.text for c in sorted(b.cells, key=lambda c: (c.row, c.col)))
        return "\n".join(out)
