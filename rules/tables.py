"""Every table as typed cells: header rows found, numbers parsed, units applied.

Works on any table of any report, so that SQL can reach figures no family rule knows about.
Each body cell gets a kind (money, ratio, count, year, date, code, number, text: see
cell_kinds.py), the unit its figure is printed in, the figure exactly as printed (`value`),
money in exact won (`amount`), and `number` in base units for arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import regex

from kplan.parsers.model import Cell, Table

from .cell_kinds import (
    CODE_RE,
    Context,
    is_date,
    read_cell,
    unit_column_counter,
    words_kind,
    year_of,
)
from .facts import CellFact, TableInfo
from .figures import Figure, is_dash, read_figure
from .guard import rule_failure
from .lines import Item, Line
from .normalize import UNIT_STATEMENT_RE, find_unit, fold_spaces, normalize_line
from .outline import heading_box
from .units import Unit, caption_units, statement_units

CAPTION_MAX = 80
# A sentence of the body, not a table's name: '… 시행한다.', '… 제출함.', '… 것임.'
SENTENCE_RE = regex.compile(r"(?:다|함|음|임|됨|것)\s*\.\s*$")
# A header is at most this many rows, and never the whole table.
MAX_HEADER_ROWS = 6
# A short label row (at most this many characters a cell) just above the first figures is the
# last row of a header: '예산액 | 전년 대비', '(A) | (B)'.
SHORT_LABEL = 20
# A line that names a table: '<표 4> 지방자치단체의 …', '〈표 2〉', '[표 1]', '표 3.'.
TABLE_TITLE_RE = regex.compile(r"^\s*[<〈《\[]?\s*표\s*\d+")
# A line after a table that is a unit statement and nothing else: '(단위: 억원)', '※ 단위: 명'.
UNIT_LINE_RE = regex.compile(r"^[※*]?\s*[(\[<]?\s*단\s*위\s*[:：][^()\[\]<>]{1,30}[)\]>]?$")


def parse_cell_number(text: str) -> tuple[float | None, str | None]:
    """(value, unit suffix) of a cell that holds one figure; (None, None) otherwise."""
    figure = read_figure(text)
    if figure is None:
        return None, None
    return float(figure.value), figure.suffix


def unit_from_text(text: str) -> str | None:
    return find_unit(text)[0]


# -- header rows -----------------------------------------------------------------------------


def _is_data_figure(text: str) -> bool:
    """A figure that is data, not a header's label: '2018', '’24년', '2025.3.' label columns."""
    if year_of(text) is not None or is_date(text):
        return False
    return read_figure(text) is not None


def _row_has_data(table: Table, row: int) -> bool:
    return any(
        _is_data_figure(c.text) for c in table.row_cells(row) if c.col > 0 or table.n_cols == 1
    )


def _shaded(table: Table, row: int) -> bool | None:
    """Are all the row's non-empty cells shaded, and none of its blanks left white? A blank
    form's body shades its labels as its header is shaded but leaves the boxes to fill in
    white ('1단계 | 1차년도 | □ | □'). None when the table carries no shading."""
    if not any(c.fill for c in table.cells):
        return None
    filled = [c for c in table.row_cells(row) if c.text.strip()]
    return bool(filled) and all(c.fill for c in filled) and not _boxes_to_fill(table, row)


def _boxes_to_fill(table: Table, row: int) -> bool:
    """Does the row leave blank, unshaded cells beside its labels, at least as many as they —
    the boxes of a blank form's body row ('1단계 | 1차년도 | □ | □ | □ | □'), where a header row
    has a label or a header cell spanning down into each of its columns?"""
    cells = table.row_cells(row)
    labels = [c for c in cells if c.text.strip()]
    boxes = [c for c in cells if not c.text.strip() and not c.fill]
    return bool(boxes) and len(boxes) >= len(labels)


def _header_cells_above(table: Table, header: int) -> list:
    # Empty cells (spacer columns between boxes) and cells running the table's full height
    # say nothing of where the header ends.
    return [
        c
        for c in table.cells
        if c.row < header and c.text.strip() and c.row + c.rowspan < table.n_rows
    ]


def _under_span(table: Table, row: int, header: int) -> bool:
    """Does `row` lie inside a header cell's rowspan?"""
    return any(c.row + c.rowspan > row for c in _header_cells_above(table, header))


def _starts_row_group(table: Table, row: int) -> bool:
    """Does `row` open a group of body rows: a label spanning rows down, in the first column,
    right under that column's own header cell ('전세임대(융자)' under '사업명' in a 사업 담당자
    grid, beside the '과 장 | 사무관' labels its rows go on to fill)? A header's first column
    spans rows from the header's top, not from under a label of its own."""
    first = table.cell(row, 0)
    above = table.cell_covering(row - 1, 0)
    return (
        first is not None
        and first.rowspan > 1
        and bool(first.text.strip())
        and above is not None
        and above.colspan == 1
        and above.row + above.rowspan == row
        and bool(above.text.strip())
    )


def _subdivides_span(table: Table, row: int, header: int) -> bool:
    """Does `row` subdivide a header cell above it that spans several columns? Not with cells
    that each span rows below: those group the body's rows ('기술능력평가 (90)' over seven
    rows, '객관적 평가 (20)' over three, under '구 분'); nor a row left blank under the other
    headers ('기획 | 행사기획 | | | …' under '구 분 | 규격 | 수량 | 단가': a form's body)."""
    below = table.row_cells(row)
    above = [c for c in _header_cells_above(table, header) if c.row + c.rowspan == row]
    if any(_blank_under(c, below) for c in above if c.colspan == 1):
        return False  # a blank under '규격', '수량': the first row of a form's body
    return any(
        c.colspan > 1
        and any(
            c.col <= b.col < c.col + c.colspan and b.colspan < c.colspan and b.rowspan == 1
            for b in below
        )
        for c in above
    )


def _blank_frame(table: Table) -> bool:
    """A form drawn on a grid whose first and last rows are blank spacers (nts's 질의회신 sheet:
    thin empty rows of 38 columns above '[문서번호] | …' and below the last field): no header,
    its labels are in its rows."""
    return not any(c.text.strip() for c in table.row_cells(0)) and not any(
        c.text.strip() for c in table.row_cells(table.n_rows - 1)
    )


def _blank_under(header_cell, below: list) -> bool:
    """Is the cell under a one-column header cell blank (a field of a form's body row)?"""
    return any(b.col == header_cell.col and not b.text.strip() for b in below)


def _full_width(table: Table, row: int) -> bool:
    cells = [c for c in table.row_cells(row) if c.text.strip()]
    return len(cells) == 1 and cells[0].colspan == table.n_cols and table.n_cols > 1


def header_row_count(table: Table) -> int:
    """How many rows the printed header has. Row 0 unless it holds data figures; then each row
    that holds none and that the header's spans reach into, that is shaded like the header
    (where the format carries shading), or that is a short label row just above the figures.
    Years and dates are labels here ('2018 | 2019'), never data."""
    if table.n_rows < 2 or _row_has_data(table, 0) or _blank_frame(table):
        return 0
    count = 1
    shading = _shaded(table, 0)
    for row in range(1, min(table.n_rows - 1, MAX_HEADER_ROWS)):
        if _row_has_data(table, row) or _full_width(table, row) or _starts_row_group(table, row):
            break
        short = all(len(c.text.strip()) <= SHORT_LABEL for c in table.row_cells(row))
        # A row of short labels under a header cell spanning several columns subdivides it; a
        # row of body text does not, though its labels take two columns under '구 분'.
        # A shaded table's row of shaded labels beside white boxes is a blank form's body.
        boxes = shading is not None and _boxes_to_fill(table, row)
        spans = _under_span(table, row, count) or (
            short and not boxes and _subdivides_span(table, row, count)
        )
        shaded = _shaded(table, row)
        if shading and shaded is False and not spans:
            break  # the header's shading ends here
        if spans or (shading and shaded) or (short and _row_has_data(table, row + 1)):
            count = row + 1
            continue
        break
    reach = max(
        (
            c.row + c.rowspan
            for c in table.cells
            if c.row < count and c.text.strip() and c.row + c.rowspan < table.n_rows
        ),
        default=count,
    )
    return min(max(count, reach), table.n_rows - 1)


def repeated_header_rows(table: Table, headers: int) -> set[int]:
    """Body rows that print the header again ('분야 | …' above the second half of a table
    stacked in two): their first cell repeats the header's and they hold no data."""
    if not headers:
        return set()
    first = table.cell(0, 0)
    key = _key(first.text if first else "")
    if not key:
        return set()
    return {
        r
        for r in range(headers, table.n_rows)
        if (c := table.cell(r, 0)) is not None
        and _key(c.text) == key
        and not _row_has_data(table, r)
    }


_WHITESPACE_RE = regex.compile(r"\s+")


def _key(text: str) -> str:
    return _WHITESPACE_RE.sub("", text)


def header_parts(table: Table, col: int, rows: Iterable[int]) -> list[str]:
    parts: list[str] = []
    for r in rows:
        cell = table.cell_covering(r, col)
        if cell is not None:
            text = fold_spaces(cell.text.replace("\n", " "))
            if text and (not parts or parts[-1] != text):
                parts.append(text)
    return parts


def header_path(table: Table, col: int, header_rows: int) -> str | None:
    return " > ".join(header_parts(table, col, range(header_rows))) or None


# -- columns of labels -----------------------------------------------------------------------


class _Columns:
    """What the body says about each column: which hold years or codes (labels, not values),
    and which print every figure with decimals."""

    def __init__(self, table: Table, headers: int, skip: set[int]):
        figures: dict[int, list[str]] = {}
        for c in table.cells:
            if c.row >= headers and c.row not in skip and c.colspan == 1:
                text = " ".join(c.text.split())
                if read_figure(text) is not None or year_of(text) is not None:
                    figures.setdefault(c.col, []).append(text)
        self.years = {
            col
            for col, texts in figures.items()
            if len(texts) >= 2
            and all(year_of(t) is not None for t in texts)
            and len(set(texts)) == len(texts)
        }
        self.codes = {
            col
            for col in range(table.n_cols)
            if words_kind(header_path(table, col, headers)) == "code"
        }
        self.decimals = {col for col, texts in figures.items() if all("." in t for t in texts)}
        self.titles = _body_titles(table, headers)
        # Columns of words and no figure: their dashes say 'none' or 'not checked', no missing
        # figure (gov_award's 추천제한 조회결과 '무' | '-'; a 비고 column's '-').
        self.wordy = {
            c.col for c in table.cells if c.row >= headers and _is_words(c.text)
        } - figures.keys()
        # A column headed 단위 prints each row's counter: '품명 | 단위 | 총수량' / '… | EA | 3'.
        self.unit_columns = [
            col
            for col in range(table.n_cols)
            if fold_spaces(header_path(table, col, headers) or "").replace(" ", "") == "단위"
        ]
        self.row_counters: dict[int, Unit] = {}
        for c in table.cells:
            if c.col in self.unit_columns and c.row >= headers and c.colspan == 1:
                counter = unit_column_counter(c.text)
                if counter is not None:
                    for row in range(c.row, c.row + c.rowspan):
                        self.row_counters[row] = counter
        # Rows whose every figure is printed in brackets: '(147.8) | (△51.2)' under a row of
        # amounts is that row's growth or share.
        by_row: dict[int, list[Figure]] = {}
        for c in table.cells:
            if c.row >= headers and c.row not in skip and not self.is_label(c.col):
                figure = read_figure(c.text)
                if figure is not None:
                    by_row.setdefault(c.row, []).append(figure)
        self.bracketed_rows = {
            r for r, found in by_row.items() if all(f.parenthesised for f in found)
        }

    def is_label(self, col: int) -> bool:
        return col in self.years or col in self.codes

    def title_over(self, row: int, col: int) -> str | None:
        """The title a body row above prints for this column's cells, if any."""
        found = self.titles.get(col)
        return found[1] if found is not None and found[0] < row else None


def _is_words(text: str) -> bool:
    flat = " ".join(text.split())
    return bool(flat) and not is_dash(flat) and read_figure(flat) is None


def _body_titles(table: Table, headers: int) -> dict[int, tuple[int, str]]:
    """Columns whose first body cell titles the cells below it, as a blank form writes
    '단계' in its first row above the stages '1' … 'n' (keit's 별첨5 연구실운영비: the row
    '단계 | 전체기간 | (사용불가) | □ …' is the whole period's, its first cell the column's
    title): a word that names numbering, above a figure."""
    titles: dict[int, tuple[int, str]] = {}
    for col in range(table.n_cols):
        first = table.cell(headers, col)
        if first is None or first.colspan != 1 or read_figure(first.text) is not None:
            continue
        text = fold_spaces(first.text.replace("\n", " "))
        below = table.cell(headers + first.rowspan, col)
        if (
            words_kind(text) == "code"
            and below is not None
            and read_figure(" ".join(below.text.split())) is not None
        ):
            titles[col] = (headers, text)
    return titles


def _is_value(cell: Cell, columns: _Columns) -> bool:
    return not columns.is_label(cell.col) and _is_data_figure(cell.text)


def row_label(
    table: Table, row: int, header_rows: int, columns: _Columns | None = None
) -> str | None:
    """The text cells left of the first figure in the row (years and codes in a label column
    are part of the label), each read as its own cell fact reads it (normalize_line: a '․'
    printed for 가운뎃점 is the '·' of the cell's text)."""
    columns = columns or _Columns(table, header_rows, set())
    parts: list[str] = []
    for col in range(table.n_cols):
        cell = table.cell_covering(row, col)
        if cell is None:
            continue
        if _is_value(cell, columns):
            break
        text = normalize_line(cell.text.replace("\n", " "))
        if text and (not parts or parts[-1] != text):
            parts.append(text)
    return " > ".join(parts) or None


# -- caption and units -----------------------------------------------------------------------


class TableUnits(NamedTuple):
    caption: str | None
    units: tuple[Unit, ...]  # in the order stated: (백만원, %)
    source: str | None  # 'caption' | 'above' | 'cell' | 'below'


def caption_text(line: str) -> str:
    """A caption line without its unit statement, and without the brackets that statement
    leaves at the line's ends — a bracket the caption closes ('추이(2013~2022)') stays."""
    text = UNIT_STATEMENT_RE.sub("", line).strip()
    while (
        text and text[-1] in ")]" and text.count(text[-1]) > text.count("(["[")]".index(text[-1])])
    ):
        text = text[:-1].rstrip()
    while text and text[0] in "([" and text.count(text[0]) > text.count(")]"["([".index(text[0])]):
        text = text[1:].lstrip()
    # What a statement in angle brackets leaves: '<' of '<단위:천원/년간비용>' is no caption.
    return "" if _ONLY_MARKS_RE.fullmatch(text) else text


_ONLY_MARKS_RE = regex.compile(r"[\p{P}\p{S}\s]*")
# A line of bare figures above a table — a chart's data labels ('54.2 53.5 35.2 38.2') or its
# axis ('2020 2021 2022'), a date ('2023. 7. 5.', '2024-11-26') — names nothing.
FIGURES_ONLY_RE = regex.compile(r"[\d\s.,%△▲▽~\-–]*\d[\d\s.,%△▲▽~\-–]*")
DATE_LINE_RE = regex.compile(r"(?:19|20)\d\d\s*[.-]\s*\d{1,2}\s*[.-]?(?:\s*\d{1,2}\s*\.?)?")


def is_bracketed_note(text: str) -> bool:
    """A line wholly in round brackets — '(’24년 자체 조사)', '(2024.12월말 기준)' — notes where
    a table's figures come from or when they hold: the line above it names the table ('4) 주요
    데이터 현황' over '(’24년 자체 조사)' over the table); where no line does, the note is all the
    name the table has ('(2010.1월 누계 기준/잠정)' between two tables)."""
    if not (text.startswith("(") and text.endswith(")")):
        return False
    depth = 0
    for i, ch in enumerate(text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0 and i < len(text) - 1:
            return False  # '(A) 계측 데이터 (건)': the first bracket closes before the end
    return True


def caption_and_units(before: list[Line], table: Table, after: Line | None) -> TableUnits:
    """The table's name and its stated units: from its own caption (HWP/HWPX), the lines
    printed just above it, a unit statement inside its cells, or a unit line just below it —
    the first of these that states any."""
    caption = None
    own = normalize_line(table.caption or "")
    if own:
        stripped = caption_text(own)
        caption = stripped if stripped and len(stripped) <= CAPTION_MAX else None
    titled = [line for line in before[-3:] if TABLE_TITLE_RE.match(line.text)]
    note = None
    for line in titled[-1:] + list(reversed(before[-3:])):
        if caption is None and SENTENCE_RE.search(line.text) and line not in titled:
            break  # body text ends just above: '이 고시는 고시한 날부터 시행한다.'
        if FIGURES_ONLY_RE.fullmatch(line.text.strip()):
            if DATE_LINE_RE.fullmatch(line.text.strip()) and is_text_box(table):
                break  # a cover's date over its box: the title above is the report's, not its
            continue  # a form's title over its date, a chart's title over its labels
        stripped = caption_text(line.text)
        if caption is None and stripped and len(stripped) <= CAPTION_MAX:
            if not is_bracketed_note(stripped):
                caption = stripped
            elif note is None:
                note = stripped
    caption = caption or note  # a note names the table when no line above it does
    sources: list[tuple[str, str]] = [("caption", own)]
    sources += [("above", line.text) for line in reversed(before[-3:])]
    sources += [("cell", " ".join(c.text.split())) for c in _unit_cells(table)]
    if after is not None and UNIT_LINE_RE.match(after.text):
        sources.append(("below", after.text))
    for source, text in sources:
        read = statement_units if source == "cell" else caption_units
        units = tuple(read(text)) if text else ()
        if units:
            return TableUnits(caption, units, source)
    return TableUnits(caption, (), None)


def is_text_box(table: Table) -> bool:
    """A one-row box of words, no figures: a heading box, a form's frame, an annex's title."""
    return table.n_rows == 1 and not any(_is_data_figure(c.text) for c in table.cells)


def box_units(table: Table) -> tuple[Unit, ...]:
    """A one-row box that states units and holds no figures ('별첨 | ’24.1분기 … 세부 통계
    (단위: 억 달러, 전년동기 대비 %)'): its units hold for the tables after it that state none,
    up to the next such box (a form's next frame, '<서식5> | 수행실적증명서 …')."""
    if not is_text_box(table):
        return ()
    return tuple(u for c in table.cells for u in statement_units(" ".join(c.text.split())))


def _header_key(table: Table, headers: int) -> tuple[str, ...]:
    return tuple(
        _key(c.text) for c in sorted(table.cells, key=lambda c: (c.row, c.col)) if c.row < headers
    )


def _unit_cells(table: Table) -> list[Cell]:
    """Cells where a table states its unit: any cell of the first or last row, and the first
    cells, holding '단위'."""
    edge = [c for c in table.cells if c.row in (0, table.n_rows - 1)] + table.cells[:3]
    return [c for c in edge if "단위" in c.text.replace(" ", "")]


def _table_unit(units: tuple[Unit, ...]) -> str | None:
    money = next((u for u in units if u.kind == "money"), None)
    unit = money or (units[0] if units else None)
    return unit.text if unit else None


# -- facts -----------------------------------------------------------------------------------

# CellFact(...) binds its fifteen fields in Python (NamedTuple's __new__), a microsecond a cell:
# a table-heavy file makes thousands. The cells are made from all fifteen values in field order.
_new_cell_fact = tuple.__new__


def is_empty_frame(table: Table) -> bool:
    """A box of one cell holding no text and no table — a frame around a picture, as Hancom
    places one — is no table: its PDF draws the picture and no box, and counting it would
    number the report's tables differently in each of its formats."""
    return len(table.cells) == 1 and not table.cells[0].text.strip() and not table.nested


def table_facts(
    stream: list[Item], failures: list | None = None
) -> tuple[list[TableInfo], list[CellFact]]:
    """Every table's info and cell facts. A table whose rules fail is left out, with a
    `rules_failed` issue in `failures` (when given; else the error propagates): the other
    tables keep their facts and their numbers (table_id counts every table)."""
    infos: list[TableInfo] = []
    cells: list[CellFact] = []
    recent: list[Line] = []
    in_force: tuple[Unit, ...] = ()  # stated by a box for the tables after it
    previous: tuple[tuple[str, ...], tuple[Unit, ...]] | None = None
    # A caption's units, for the tables printed right under its chart: '<표 1> … (조원, %)' over
    # a chart's frame, its bars drawn as a grid, then the figures' table (fis 22-2).
    under_caption: tuple[tuple[Unit, ...], str | None] | None = None
    table_id = 0
    for index, item in enumerate(stream):
        if isinstance(item, Line):
            recent.append(item)
            recent = recent[-3:]
            under_caption = None
            continue
        if is_empty_frame(item.table):
            continue
        table_id += 1
        after = next((it for it in stream[index + 1 : index + 2] if isinstance(it, Line)), None)
        try:
            info, table_cells, units, key = _one_table(
                item, table_id, recent, after, previous, in_force, under_caption
            )
        except MemoryError:
            raise
        except Exception as exc:
            if failures is None:
                raise
            where = f"table {table_id} ({item.table.n_rows}×{item.table.n_cols})"
            failures.append(rule_failure(where, item.page, exc))
            recent = []
            continue
        recent = []
        stated = info.unit_source in ("caption", "above")
        chart = stated and _is_chart(item.table)
        under_caption = (units, info.caption) if chart else None
        if is_text_box(item.table):
            in_force = box_units(item.table)
        previous = (key, units) if info.header_rows else previous
        infos.append(info)
        cells.extend(table_cells)
    return infos, cells


def _is_chart(table: Table) -> bool:
    """A chart's frame or its drawn bars: one cell (the chart's labels as one text), or a grid
    of cells all empty."""
    return len(table.cells) == 1 or not any(c.text.strip() for c in table.cells)


def _one_table(item, table_id: int, recent, after, previous, in_force, under_caption=None):
    """One table's info, cell facts, units and header key."""
    table = item.table
    found = caption_and_units(recent, table, after)
    headers = header_row_count(table)
    key = _header_key(table, headers)
    if not found.units and under_caption and not found.caption:
        found = TableUnits(under_caption[1], under_caption[0], "above")
    elif not found.units and previous and headers and previous[0] == key:
        # The same header printed again: the table continued from the one before.
        found = found._replace(units=previous[1], source="continued")
    elif not found.units and in_force and not is_text_box(table):
        found = found._replace(units=in_force, source="box")
    info = TableInfo(
        table_id,
        item.page,
        found.caption,
        _table_unit(found.units),
        table.n_rows,
        table.n_cols,
        headers,
        item.block,
        units=",".join(u.text for u in found.units) or None,
        unit_source=found.source,
    )
    table_cells = cell_facts(table, table_id, found.units, headers, caption=found.caption)
    if heading_box(table) is not None:
        table_cells = [numbered_heading_cell(c) for c in table_cells]
    return info, table_cells, found.units, key


def numbered_heading_cell(cell: CellFact) -> CellFact:
    """A cell of a box drawn as a heading (`1 | | 선제적 … 혁신`): its figure numbers the section
    — a code, whatever the line above the box counts ('* 종이고지서 건수 …' made '3' a count,
    '… 45%차지' made '6' a ratio)."""
    if cell.kind in (None, "text"):
        return cell
    return cell._replace(kind="code", unit=None, number=None, amount=None)


def cell_facts(
    table: Table,
    table_id: int,
    units: tuple[Unit, ...] | str | None,
    headers: int,
    *,
    caption: str | None = None,
) -> list[CellFact]:
    if isinstance(units, str) or units is None:
        units = tuple(statement_units(f"단위: {units}")) if units else ()
    repeated = repeated_header_rows(table, headers)
    columns = _Columns(table, headers, repeated)
    labels = {r: row_label(table, r, headers, columns) for r in range(headers, table.n_rows)}
    header_rows_of = _governing_headers(table, headers, repeated)
    out = []
    governing_of: dict[int, tuple[int, ...]] = {}  # per row, not per cell
    # One header walk per column and governing rows: its parts and their path.
    paths: dict[tuple[int, tuple[int, ...]], tuple[list[str], str | None]] = {}
    for c in sorted(table.cells, key=lambda c: (c.row, c.col)):
        text = normalize_line(c.text.replace("\n", " ")) if c.text else ""
        is_header = c.row < headers or c.row in repeated
        if is_header:
            header = (table_id, c.row, c.col, c.rowspan, c.colspan, text, None, True, None, None)
            out.append(_new_cell_fact(CellFact, (*header, None, None, None, None, None)))
            continue
        governing = governing_of.get(c.row)
        if governing is None:
            governing = governing_of[c.row] = tuple(header_rows_of(c.row))
        walked = paths.get((c.col, governing))
        if walked is None:
            parts = header_parts(table, c.col, governing)
            walked = paths[(c.col, governing)] = (parts, " > ".join(parts) or None)
        parts, path = walked
        label = labels.get(c.row)
        out.append(_body_cell(table_id, c, text, path, parts, label, units, columns, caption))
    return out


def _governing_headers(table: Table, headers: int, repeated: set[int]):
    """The header rows that name a body row's columns: the table's own, or the header printed
    again above it; in a table whose header stacks a label per line of each entry, only the
    label of the row's own line."""
    depth = _stacked_header_depth(table, headers) if not repeated else 0

    def rows(row: int) -> list[int]:
        above = [r for r in repeated if r < row]
        if above:
            return [max(above)]
        line = _line_of_entry(table, row, headers, depth) if depth else None
        if line is None:
            return list(range(headers))
        return [*range(headers - depth), headers - depth + line]

    return rows


def _stacked_header_depth(table: Table, headers: int) -> int:
    """How many of the last header rows stack one label per line of each body entry, as a
    plan's 사업비 table prints '현금(A)' over '비율(A/E)' in each column (keit's 8-1 사업비
    지원·부담계획: an entry's amounts on its first line, their shares on its second): in every
    column either one cell covers those rows or each row holds a label of its own, one column
    wide; 0 where the header is no such stack."""
    for depth in range(headers, 1, -1):
        rows = range(headers - depth, headers)
        split = 0
        for col in range(table.n_cols):
            found = [table.cell_covering(r, col) for r in rows]
            covering = [c for c in found if c is not None]
            if len(covering) < len(found):
                break
            if len({id(c) for c in covering}) == 1:
                continue
            if not all(c.rowspan == 1 and c.colspan == 1 and c.text.strip() for c in covering):
                break
            split += 1
        else:
            if 0 < split < table.n_cols:
                return depth
    return 0


def _line_of_entry(table: Table, row: int, headers: int, depth: int) -> int | None:
    """Which line of its entry a body row is (0 for the first): an entry's label cells span
    `depth` rows where its figures take one row per header label; None where no cell of the
    row spans an entry so."""
    for col in range(table.n_cols):
        cell = table.cell_covering(row, col)
        if cell is not None and cell.rowspan == depth and cell.row >= headers:
            split_below = any(
                (c := table.cell_covering(r, k)) is not None and c.rowspan == 1
                for r in range(cell.row, cell.row + depth)
                for k in range(table.n_cols)
            )
            if split_below:
                return row - cell.row
    return None


_NO_READING = (None, None, None, None)  # a text cell's unit, value, amount and sub_value


def _body_cell(
    table_id: int,
    c: Cell,
    text: str,
    path: str | None,
    parts: list[str],
    label: str | None,
    units: tuple[Unit, ...],
    columns: _Columns,
    caption: str | None,
) -> CellFact:
    flat = " ".join(c.text.split())
    figure = read_figure(flat)
    base = (table_id, c.row, c.col, c.rowspan, c.colspan, text)
    dash = is_dash(flat) and c.col not in columns.wordy
    if figure is None and not (
        flat and (dash or year_of(flat) is not None or is_date(flat) or CODE_RE.match(flat))
    ):
        return _new_cell_fact(CellFact, (*base, None, False, path, label, "text", *_NO_READING))
    label_parts = tuple(label.split(" > ")) if label else ()
    if columns.is_label(c.col):
        label_parts = ()
    title = columns.title_over(c.row, c.col)
    ctx = Context(
        (*parts, title) if title else tuple(parts),
        label_parts,
        units,
        year_column=c.col in columns.years,
        decimal_column=c.col in columns.decimals,
        bracketed_row=c.row in columns.bracketed_rows,
        caption=caption,
        row_counter=columns.row_counters.get(c.row),
    )
    reading = read_cell(figure, flat, ctx)
    return _new_cell_fact(
        CellFact,
        (
            *base,
            reading.number,
            False,
            path,
            label,
            reading.kind,
            reading.unit,
            reading.value,
            reading.amount,
            figure.sub_value if figure else None,
        ),
    )
