"""How far two copies of one report (HWP and PDF, HWP and HWPX, …) give the same tables.

Test tooling, not product. The tables of the two documents are aligned in order by content
(a global sequence alignment, so a table one side splits in two or drops leaves a gap instead of
shifting every later pair), then measured:

- identical: an aligned pair with the same grid cell for cell — size, every cell's place and
  spans, its text whitespace aside, and the tables nested in its cells, likewise. The share is
  taken over every table of either side, so a table only one side has (a page stamp the PDF
  draws as a box) or a table split in two counts against it.
- word spacing: of the cells whose text is the same whitespace aside (same aligned place),
  those whose words are also spaced the same (line breaks counting as spaces).
- numbers in place: every number printed in a cell of either side, found in the cell at the
  same (row, col) of the aligned table on the other side (a number in an unaligned table is not
  in place).
- numbers in the twin table: the same numbers, found anywhere in the aligned table (a grid the
  two sides cut differently moves a number to another column, it does not lose it).
- numbers in the other copy: the same numbers, found anywhere in the other document, its
  paragraphs included (a box one side draws as a table and the other as lines of text). Each
  occurrence on the other side is counted once, so a number printed twice must be found twice.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kplan.parsers.model import Document, Table

NUMBER_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")
MIN_SIMILARITY = 0.25  # content overlap below which two tables are not the same table


def squeeze(text: str) -> str:
    return "".join(text.split())


def grid_key(table: Table) -> tuple:
    """A table cell for cell, whitespace aside, nested tables included."""
    return (
        table.n_rows,
        table.n_cols,
        tuple(sorted((c.row, c.col, c.rowspan, c.colspan, squeeze(c.text)) for c in table.cells)),
        tuple(
            sorted((key, tuple(grid_key(t) for t in inner)) for key, inner in table.nested.items())
        ),
    )


def cell_texts(table: Table) -> Counter:
    """The non-empty texts of a table's cells and of its nested tables' cells, as a bag."""
    bag = Counter(squeeze(c.text) for c in table.cells if c.text.strip())
    for inner in table.nested.values():
        for t in inner:
            bag += cell_texts(t)
    return bag


def similarity(a: Table, b: Table, bag_a: Counter, bag_b: Counter) -> float:
    """Overlap of two tables' bags of cell texts, shared over the larger. Two tables without
    text (a blank form's grids) are alike by shape: 1 for the same size, less by cell count."""
    if not bag_a and not bag_b:
        if (a.n_rows, a.n_cols) == (b.n_rows, b.n_cols):
            return 1.0
        return 0.5 * min(len(a.cells), len(b.cells)) / max(len(a.cells), len(b.cells), 1)
    if not bag_a or not bag_b:
        return 0.0
    return sum((bag_a & bag_b).values()) / max(sum(bag_a.values()), sum(bag_b.values()))


def align(left: list[Table], right: list[Table]) -> list[tuple[int | None, int | None]]:
    """The order-keeping alignment of two table lists that maximises the summed similarity of
    its pairs: (i, j) for an aligned pair, (i, None) / (None, j) for a table left alone."""
    bags_l, bags_r = [cell_texts(t) for t in left], [cell_texts(t) for t in right]
    n, m = len(left), len(right)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    sims = [
        [similarity(left[i], right[j], bags_l[i], bags_r[j]) for j in range(m)] for i in range(n)
    ]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best = max(score[i + 1][j], score[i][j + 1])
            sim = sims[i][j]
            if sim >= MIN_SIMILARITY:
                best = max(best, sim + score[i + 1][j + 1])
            score[i][j] = best
    pairs: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        sim = sims[i][j]
        if sim >= MIN_SIMILARITY and abs(score[i][j] - (sim + score[i + 1][j + 1])) < 1e-9:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            pairs.append((i, None))
            i += 1
        else:
            pairs.append((None, j))
            j += 1
    pairs.extend((k, None) for k in range(i, n))
    pairs.extend((None, k) for k in range(j, m))
    return pairs


def numbers_in(text: str) -> list[str]:
    return NUMBER_RE.findall(text)


def text_with_nested(table: Table, row: int, col: int) -> str:
    cell = table.cell_covering(row, col)
    texts = [cell.text] if cell is not None else []
    if cell is not None:
        for inner in table.nested.get((cell.row, cell.col), []):
            texts.extend(text_with_nested(inner, c.row, c.col) for c in inner.cells)
    return " ".join(texts)


def numbers_of(table: Table) -> list[tuple[int, int, str]]:
    """(row, col, number) of every number in a table's cells, nested tables' at their cell."""
    return [
        (c.row, c.col, number)
        for c in table.cells
        for number in numbers_in(text_with_nested(table, c.row, c.col))
    ]


def numbers_placed(source: Table, other: Table | None) -> tuple[int, int]:
    """(numbers of `source` found at the same row and column of `other`, numbers of it)."""
    found = numbers_of(source)
    if other is None:
        return 0, len(found)
    placed = 0
    for row, col, number in found:
        if (
            row < other.n_rows
            and col < other.n_cols
            and number in numbers_in(text_with_nested(other, row, col))
        ):
            placed += 1
    return placed, len(found)


def table_numbers(table: Table) -> Counter:
    """The numbers of a table's cells, nested tables' included, as a bag."""
    return Counter(number for _, _, number in numbers_of(table))


def document_numbers(doc: Document) -> Counter:
    """The numbers printed anywhere in a document: its paragraphs' and its tables' cells."""
    bag = Counter(number for p in doc.paragraphs() for number in numbers_in(p.text))
    for table in doc.tables():
        bag += table_numbers(table)
    return bag


def numbers_found(source: Table, pool: Counter) -> int:
    """How many of `source`'s numbers `pool` holds, each of its occurrences used once; the
    ones found are taken out of `pool`."""
    found = 0
    for number in (n for _, _, n in numbers_of(source)):
        if pool[number] > 0:
            pool[number] -= 1
            found += 1
    return found


def same_spacing(source: Table, other: Table) -> tuple[int, int]:
    """(cells spaced alike, cells of the same text whitespace aside) at the same places."""
    alike = same = 0
    for cell in source.cells:
        twin = other.cell(cell.row, cell.col)
        if twin is None or not cell.text.strip() or squeeze(cell.text) != squeeze(twin.text):
            continue
        same += 1
        alike += " ".join(cell.text.split()) == " ".join(twin.text.split())
    return alike, same


@dataclass
class Agreement:
    name: str
    tables: tuple[int, int]  # tables of each side
    pairs: int  # aligned pairs
    identical: int  # aligned pairs identical cell for cell
    numbers: tuple[int, int]  # (in place, all) over both sides
    spacing: tuple[int, int] = (0, 0)  # (spaced alike, same text) over aligned cells
    differing: list[tuple[int | None, int | None]] = field(default_factory=list)
    in_twin: int = 0  # numbers found anywhere in the aligned table
    in_copy: int | None = None  # numbers found anywhere in the other document (None: not given)

    @property
    def units(self) -> int:
        """Tables counted once per pair and once per table left alone."""
        return self.tables[0] + self.tables[1] - self.pairs

    @property
    def identical_share(self) -> float:
        return self.identical / self.units if self.units else 1.0

    @property
    def spacing_share(self) -> float:
        return self.spacing[0] / self.spacing[1] if self.spacing[1] else 1.0

    @property
    def numbers_share(self) -> float:
        return self.numbers[0] / self.numbers[1] if self.numbers[1] else 1.0

    @property
    def in_copy_share(self) -> float:
        found = self.numbers[0] if self.in_copy is None else self.in_copy
        return found / self.numbers[1] if self.numbers[1] else 1.0

    def line(self) -> str:
        in_copy = (
            f", in the other copy {self.in_copy} ({self.in_copy_share:.1%})"
            if self.in_copy is not None
            else ""
        )
        return (
            f"{self.name}: {self.identical} of {self.units} tables identical "
            f"({self.identical_share:.1%}; {self.tables[0]}/{self.tables[1]} tables, "
            f"{self.pairs} aligned), numbers in place {self.numbers[0]} of "
            f"{self.numbers[1]} ({self.numbers_share:.1%}), in the twin table "
            f"{self.in_twin}{in_copy}, word spacing alike in "
            f"{self.spacing[0]} of {self.spacing[1]} cells ({self.spacing_share:.1%})"
        )


def describe(table: Table | None, index: int | None) -> str:
    """'#13 5×9 p.7': a table by its place in its document, for a report of differences."""
    if table is None or index is None:
        return "-"
    page = f" p.{table.page}" if table.page is not None else ""
    return f"#{index} {table.n_rows}×{table.n_cols}{page}"


def agreement(
    name: str,
    left: list[Table],
    right: list[Table],
    everywhere: tuple[Counter, Counter] | None = None,
) -> Agreement:
    """The agreement of two documents' tables; with `everywhere`, the bags of numbers printed
    anywhere in the left and the right document (`document_numbers`), the numbers of each
    side's tables are also looked for anywhere in the other document."""
    pairs = align(left, right)
    pools = (everywhere[1].copy(), everywhere[0].copy()) if everywhere is not None else None
    identical = 0
    placed = total = in_twin = in_copy = 0
    alike = same = 0
    differing = []
    for i, j in pairs:
        a = left[i] if i is not None else None
        b = right[j] if j is not None else None
        if a is not None and b is not None and grid_key(a) == grid_key(b):
            identical += 1
        else:
            differing.append((i, j))
        if a is not None and b is not None:
            cells_alike, cells_same = same_spacing(a, b)
            alike, same = alike + cells_alike, same + cells_same
        for side, (source, other) in enumerate(((a, b), (b, a))):
            if source is not None:
                p, t = numbers_placed(source, other)
                placed, total = placed + p, total + t
                if other is not None:
                    in_twin += numbers_found(source, table_numbers(other))
                if pools is not None:
                    in_copy += numbers_found(source, pools[side])
    return Agreement(
        name,
        (len(left), len(right)),
        sum(1 for i, j in pairs if i is not None and j is not None),
        identical,
        (placed, total),
        (alike, same),
        differing,
        in_twin,
        in_copy if pools is not None else None,
    )
