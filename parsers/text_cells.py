"""Tables in text written one cell a line in reading order, as `pdftotext` without `-layout`
writes a simple table: its header labels, then each row's label and its figures.

Such a run is refolded into rows only where the text proves the shape: a header of N years,
rising (N ≥ 3), then rows that are each at most one label and exactly N figures, at least two
of them. Any other header (labels one a line may be the pieces of wrapped labels), or rows of
another count, and the lines stay lines.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .model import Cell, Table
from .text_tables import CELL_FIGURE_RE, YEAR_RE

UNIT_RE = regex.compile(r"단\s*위\s*[:：]")
MIN_COLUMNS = 3
MIN_ROWS = 2
MAX_LABEL_CHARS = 20
MAX_LABEL_WORDS = 4


@dataclass(frozen=True)
class CellRun:
    start: int  # index of the first line (the header's first label) in the page's lines
    end: int  # one past the last line
    table: Table


def _is_figure(text: str) -> bool:
    return bool(CELL_FIGURE_RE.match(text.strip()))


def _is_label(text: str) -> bool:
    text = text.strip()
    if not text or len(text) > MAX_LABEL_CHARS or len(text.split()) > MAX_LABEL_WORDS:
        return False
    if UNIT_RE.search(text):
        return False  # '(단위: 억원)' is printed beside a table, never in it
    return not _is_figure(text) or bool(YEAR_RE.match(text))


def _is_year_series(labels: list[str]) -> bool:
    """Years, rising: the one header whose labels, one a line, cannot be a wrapped label's
    pieces or some other text's words."""
    if not all(YEAR_RE.match(label) for label in labels):
        return False
    years = [int(label[:4]) for label in labels]
    return all(a < b for a, b in zip(years, years[1:]))


def cell_runs(lines: list[str]) -> list[CellRun]:
    """The tables one cell a line among a page's lines (blank lines between cells are
    skipped, as pdftotext puts one between cells)."""
    filled = [k for k, line in enumerate(lines) if line.strip()]
    texts = [lines[k].strip() for k in filled]
    runs: list[CellRun] = []
    i = 0
    while i < len(texts):
        found = _table_at(texts, i)
        if found is None:
            i += 1
            continue
        table, used = found
        runs.append(CellRun(filled[i], filled[i + used - 1] + 1, table))
        i += used
    return runs


def _table_at(texts: list[str], i: int) -> tuple[Table, int] | None:
    labels = 0
    while i + labels < len(texts) and _is_label(texts[i + labels]):
        labels += 1
    figures = 0
    while i + labels + figures < len(texts) and _is_figure(texts[i + labels + figures]):
        figures += 1
    n = figures
    # The labels before the first figures: the header (n), or the header and the first
    # row's label (n + 1). Any other count leaves the shape unproven.
    if n < MIN_COLUMNS or labels not in (n, n + 1):
        return None
    header = texts[i : i + n]
    if not _is_year_series(header):
        return None
    rows: list[tuple[str | None, list[str]]] = []
    at = i + n
    while at < len(texts):
        label = None
        k = at
        if _is_label(texts[k]) and not YEAR_RE.match(texts[k]):
            label, k = texts[k], k + 1
        values: list[str] = []
        while k < len(texts) and _is_figure(texts[k]) and len(values) <= n:
            values.append(texts[k])
            k += 1
        if len(values) != n:
            break
        rows.append((label, values))
        at = k
    if len(rows) < MIN_ROWS:
        return None
    return _as_table(header, rows), at - i


def _as_table(header: list[str], rows: list[tuple[str | None, list[str]]]) -> Table:
    labelled = any(label is not None for label, _ in rows)
    offset = 1 if labelled else 0
    cells = [Cell(0, 0, "")] if labelled else []
    cells += [Cell(0, offset + c, text) for c, text in enumerate(header)]
    for r, (label, values) in enumerate(rows, start=1):
        if labelled:
            cells.append(Cell(r, 0, label or ""))
        cells += [Cell(r, offset + c, text) for c, text in enumerate(values)]
    return Table(cells, len(rows) + 1, len(header) + offset)
