"""Every table as typed cells: header rows found, numbers parsed, units applied.

Works on any table of any report, so that SQL can reach figures no family rule knows about.
"""
from __future__ import annotations

import regex

from kplan.parsers.model import Table

from .facts import CellFact, TableInfo
from .figures import read_figure
from .lines import Item, Line
from .normalize import (UNIT_FACTORS, UNIT_STATEMENT_RE, find_unit, fold_spaces,
                        normalize_line, unit_factor)

CAPTION_MAX = 80
# Columns of ratios, not amounts: '%', '비율', '증감률', '(B-A)/A'.
PERCENT_HEADER_RE = regex.compile(r"%|비율|율\b|증감률|증가율|비중|점유율|[A-Z]\)?\s*/\s*\(?[A-Z]")


def parse_cell_number(text: str) -> tuple[float | None, str | None]:
    """(value, unit suffix) of a cell that holds one figure; (None, None) otherwise."""
    figure = read_figure(text)
    if figure is None:
        return None, None
    return float(figure.value), figure.suffix


def unit_from_text(text: str) -> str | None:
    return find_unit(text)[0]


def header_row_count(table: Table) -> int:
    """Leading rows whose cells hold no figures (beyond the first column), plus rows that a
    header cell's rowspan reaches into. At most three, and never the whole table."""
    count = 0
    for r in range(min(table.n_rows - 1, 3)):
        cells = [c for c in table.row_cells(r) if c.col > 0 or table.n_cols == 1]
        figures = sum(parse_cell_number(c.text)[0] is not None for c in cells)
        if figures and not _looks_like_year_header(cells):
            break
        count = r + 1
    if count:
        reach = max(c.row + c.rowspan for c in table.cells if c.row < count)
        count = min(max(count, reach), table.n_rows - 1)
    return count


def _looks_like_year_header(cells) -> bool:
    """'2022 | 2023 | 2024' is a header of years, not a row of figures."""
    texts = [c.text.strip() for c in cells if c.text.strip()]
    return bool(texts) and all(regex.fullmatch(r"(?:19|20)\d\d(?:년)?", t) for t in texts)


def header_path(table: Table, col: int, header_rows: int) -> str | None:
    parts: list[str] = []
    for r in range(header_rows):
        cell = table.cell_covering(r, col)
        if cell is not None:
            text = fold_spaces(cell.text.replace("\n", " "))
            if text and (not parts or parts[-1] != text):
                parts.append(text)
    return " > ".join(parts) or None


def row_label(table: Table, row: int, header_rows: int) -> str | None:
    """The text cells left of the first figure in the row."""
    parts: list[str] = []
    for col in range(table.n_cols):
        cell = table.cell_covering(row, col)
        if cell is None:
            continue
        if parse_cell_number(cell.text)[0] is not None:
            break
        text = fold_spaces(cell.text.replace("\n", " "))
        if text and (not parts or parts[-1] != text):
            parts.append(text)
    return " > ".join(parts) or None


def caption_and_unit(before: list[Line], table: Table) -> tuple[str | None, str | None]:
    """The table's name and unit from the lines printed just above it (or its own first
    cell, where the unit is often written)."""
    unit = None
    caption = None
    for line in reversed(before[-3:]):
        unit = unit or unit_from_text(line.text)
        stripped = UNIT_STATEMENT_RE.sub("", line.text).strip(" ()[]")
        if caption is None and stripped and len(stripped) <= CAPTION_MAX:
            caption = stripped
    if unit is None:
        for cell in table.cells[:3]:
            unit = unit or unit_from_text(cell.text)
    return caption, unit


def table_facts(stream: list[Item]) -> tuple[list[TableInfo], list[CellFact]]:
    infos: list[TableInfo] = []
    cells: list[CellFact] = []
    recent: list[Line] = []
    for item in stream:
        if isinstance(item, Line):
            recent.append(item)
            recent = recent[-3:]
            continue
        table = item.table
        table_id = len(infos) + 1
        caption, unit = caption_and_unit(recent, table)
        recent = []
        headers = header_row_count(table)
        infos.append(TableInfo(table_id, item.page, caption, unit, table.n_rows, table.n_cols,
                               headers, item.block))
        cells.extend(cell_facts(table, table_id, unit, headers))
    return infos, cells


def cell_facts(table: Table, table_id: int, unit: str | None, headers: int) -> list[CellFact]:
    factor = unit_factor(unit)
    out = []
    labels = {r: row_label(table, r, headers) for r in range(headers, table.n_rows)}
    for c in sorted(table.cells, key=lambda c: (c.row, c.col)):
        text = normalize_line(c.text.replace("\n", " ")) if c.text else ""
        is_header = c.row < headers
        number = None
        path = None
        if not is_header:
            value, suffix = parse_cell_number(c.text)
            path = header_path(table, c.col, headers)
            if value is not None:
                label = labels.get(c.row)
                number = value * _factor_for(suffix, path, label, factor)
        out.append(CellFact(table_id, c.row, c.col, c.rowspan, c.colspan, text, number,
                            is_header, path, None if is_header else labels.get(c.row)))
    return out


def _factor_for(suffix: str | None, path: str | None, label: str | None,
                table_factor: int) -> float:
    """A figure's own unit wins; a percentage column or row keeps its figure; else the
    table's unit applies."""
    if suffix in UNIT_FACTORS:
        return UNIT_FACTORS[suffix]
    if suffix is not None:
        return 1
    if path and PERCENT_HEADER_RE.search(path):
        return 1
    if label and PERCENT_HEADER_RE.search(label):
        return 1
    return table_factor
