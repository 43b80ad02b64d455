"""The Seoul plan laid out the ways Hancom saves such reports, for tests (issue 13, item 8).

samples/build_samples.py draws every budget line as an amounts row over one note cell that
spans the four quarters, the 주요 개선 사항 box as one cell, and the definition boxes as plain
lines. Hancom reports draw them otherwise; `render` writes the same report (the builder's
`layout` of the committed text) with python-hwpx in those shapes:

* notes "under_quarters": the 집행내용 row has a cell under each quarter (`연수 운영`, `-`), the
  name, amount and 쪽수 cells span both rows; the 쪽수 cell also holds `특교편성 예정`, as the
  report prints it;
* notes "own_row": the same notes in a row of their own, which a line's own cells do not span
  into (blank cells there); cells merged over several lines still cover it;
* split "bare" / "header": every budget table broken in two, the second part without a header
  (broken under the first line's amounts, merged cells cut in two) or repeating it (broken
  before the second line or the 합계 row);
* box "title_row" / "title_col": the 주요 개선 사항 box as a title cell over / beside its text;
* definitions: the '우리학교 연수원  연수원 공모를 …' lines as a one-row `term | definition` table;
* authors: each section's 작성자 lines as a one-row table, the label `작 성 자` beside one cell
  holding the lines;
* total "first": each budget table's 합계 row right under its header, above the lines it sums;
* headings "boxes" / "numbered": each section's heading as a one-row table, its code beside its
  title (`1-1-1 | 교원 자격연수`), and each part heading so too, its mark or its number beside
  its title (`□ | 2024년 추진 실적`, `2 | 2024년 추진 실적`);
* codes "dotted": each section's code printed with dots (`1.1.1 교원 자격연수`);
* items "table": each run of a 추진 실적 / 추진계획 list's tagged items (`- [초등 집합] 유치원
  1급 정교사 자격연수 2과정, 358명`) as a table `구분 | 과정명 | 과정 | 인원`, a row an item.

`render_pdf` draws the notes layouts as the builder's PDF (a Hancom PDF export) too.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

# What the seed prints under each quarter (and in the 쪽수 cell or the amount cells above) where
# it is not the line's note said once per quarter: (section, line of its table) → cells.
# 'ref': appended to the 쪽수 cell; 'amount': appended to the ’25 cell; 'above': the quarter cells
# of the amounts row; 'quarters': the four cells under the quarters.
SEED_CELLS = {
    ("1-1-2", 2): dict(amount="(재배정)", above=["재배정"] * 4, quarters=["연수운영"] * 4),
    ("1-2-1", 3): dict(ref="비예산", quarters=[""] * 4),
    ("2-1-2", 1): dict(ref="특교편성\n예정", quarters=["연수운영"] * 4),
    ("2-1-2", 2): dict(ref="특교편성\n예정", quarters=["연수운영"] * 4),
    ("2-1-2", 3): dict(ref="일부\n재배정", quarters=["연수운영"] * 4),
    ("4-1-1", 1): dict(quarters=["과정확정", "콘텐츠개발", "콘텐츠개발", "심사및운영"]),
    ("4-1-2", 1): dict(
        quarters=["-", "원격컨텐츠\n개발 및\n운영", "-", "원격컨텐츠\n개발 및\n운영"]
    ),
    ("4-2-1", 1): dict(
        quarters=["결과분석\n보고서제작", "지원단구성", "수요조사\n분석보고서\n제작", "성과공유"]
    ),
    ("4-2-1", 2): dict(ref="특교\n편성\n예정", quarters=["연수운영", "연수운영", "-", "-"]),
    ("4-2-2", 1): dict(quarters=["협력학교\n예산교부", "운영지원", "모니터링", "운영평가"]),
    ("5-1-1", 1): dict(
        ref="특교편성\n예정",
        quarters=["SW구입 및\n시도분담금", "공공요금", "SW구입 및\n공공요금", "공공요금"],
    ),
    ("5-1-1", 2): dict(
        quarters=["직무강사\n양성\n및 실시간\n온라인\n교육운영\n등"] * 3
        + ["실시간\n온라인\n교육운영\n등"]
    ),
    ("5-1-2", 1): dict(quarters=["-", "*수영장\n리모델링\n건축기획\n용역", "-", "-"]),
    ("5-2-2", 1): dict(ref="비예산", quarters=[""] * 4),
}
# The terms of the seed's definition boxes (4-2-1, 4-2-2): the term, two spaces, its definition.
DEFINITION_TERMS = ("우리학교 연수원", "맞춤형 원격연수", "연수협력학교", "특수분야연수기관")
LIST_MARKS = ("-", "◦", "○", "❍", "※", "*", "·", "‧", "◊")


@dataclass(frozen=True)
class Layout:
    notes: str = "spanning"  # spanning (the builder's) | under_quarters | own_row
    split: str | None = None  # None | bare | header
    box: str = "cell"  # cell (the builder's) | title_row | title_col
    definitions: bool = False
    authors: bool = False
    headings: str | None = None  # None (the builder's lines) | boxes | numbered
    total: str = "last"  # last (the builder's) | first
    codes: str = "dashed"  # dashed (the builder's, '1-1-1') | dotted ('1.1.1')
    items: str = "lines"  # lines (the builder's) | table


def quarter_cells(section: str, line_no: int, line) -> dict:
    """The cells of one budget line's 집행내용 as the seed prints them."""
    if (section, line_no) in SEED_CELLS:
        return SEED_CELLS[(section, line_no)]
    quarters = [line.note if q is not None else "-" for q in (line.q1, line.q2, line.q3, line.q4)]
    return dict(quarters=quarters)


def hancom_grid(b, table_fact, lines: list, notes: str, budget_grid=None):
    """The builder's grid of one budget table (`budget_grid`, by default the builder's) with
    its notes laid out per `notes`."""
    grid = (budget_grid or b.budget_grid)(table_fact, lines)
    if notes == "spanning":
        return grid
    body = [ln for ln in lines if not ln.is_total]
    rows = [list(r) for r in grid.rows]
    spans = list(grid.spans)
    for k, ln in enumerate(body):
        r = grid.header_rows + 2 * k
        spans.remove(((4, r + 1), (7, r + 1)))
        cells = quarter_cells(ln.section_code, k + 1, ln)
        rows[r + 1][4:8] = cells["quarters"]
        if "above" in cells:
            rows[r][4:8] = cells["above"]
        if "amount" in cells:
            rows[r][2] = f"{rows[r][2]}\n{cells['amount']}"
        if "ref" in cells:
            rows[r][8] = (
                cells["ref"] if rows[r][8] in (None, "-") else f"{rows[r][8]}\n{cells['ref']}"
            )
    if notes == "own_row":
        # A line's own cells end at its amounts row; cells over several lines still span.
        line_rows = {grid.header_rows + 2 * k for k in range(len(body))}
        spans = [
            s
            for s in spans
            if not (s[0][1] in line_rows and s[1][1] == s[0][1] + 1 and s[0][0] in (0, 1, 2, 3, 8))
        ]
    return b.BudgetGrid(rows, spans, grid.header_rows, grid.total_rows)


def total_first(b, grid):
    """The grid with its 합계 row(s) moved up under the header (drawn as body rows: a grid's
    head rows are its header and its last rows)."""
    n, h, t = len(grid.rows), grid.header_rows, grid.total_rows

    def moved(r: int) -> int:
        if r < h:
            return r
        return r - (n - t) + h if r >= n - t else r + t

    rows = grid.rows[:h] + grid.rows[n - t :] + grid.rows[h : n - t]
    spans = [((c0, moved(r0)), (c1, moved(r1))) for (c0, r0), (c1, r1) in grid.spans]
    return b.BudgetGrid(rows, spans, h, 0)


def split_grid(b, grid, repeat_header: bool) -> list:
    """The grid as two tables. Without a header, broken under the first line's amounts, as a
    page break leaves it: cells merged across the break are cut in two, the lower part blank.
    Repeating the header, broken before the second line, or before the 합계 row."""
    n, h = len(grid.rows), grid.header_rows
    if repeat_header:
        at = next(
            r
            for r in list(range(h + 2, n - grid.total_rows, 2)) + [n - grid.total_rows]
            if not any(r0 < r <= r1 for (_, r0), (_, r1) in grid.spans)
        )
    else:
        at = h + 1
    top_spans, bottom_spans = [], []
    for (c0, r0), (c1, r1) in grid.spans:
        if r1 < at:
            top_spans.append(((c0, r0), (c1, r1)))
        elif r0 >= at:
            bottom_spans.append(((c0, r0 - at), (c1, r1 - at)))
        else:
            top_spans.append(((c0, r0), (c1, at - 1)))
            bottom_spans.append(((c0, 0), (c1, r1 - at)))
    if repeat_header:
        bottom_spans = [s for s in grid.spans if s[1][1] < h] + [
            ((c0, r0 + h), (c1, r1 + h)) for (c0, r0), (c1, r1) in bottom_spans
        ]
    top = b.BudgetGrid(grid.rows[:at], top_spans, h, 0)
    bottom = b.BudgetGrid(
        (grid.rows[:h] if repeat_header else []) + grid.rows[at:],
        bottom_spans,
        h if repeat_header else 0,
        grid.total_rows,
    )
    return [top, bottom]


def with_definition_boxes(b, items: list) -> list:
    """Layout items with each definition ('term  definition …' and its wrapped lines) as one
    'definition' item: its text the term, its one child the definition."""
    out, i = [], 0
    while i < len(items):
        item = items[i]
        text = item.text.strip()
        term = next(
            (t for t in DEFINITION_TERMS if item.kind == "line" and text.startswith(t + "  ")), None
        )
        if term is None:
            out.append(item)
            i += 1
            continue
        parts = [text[len(term) :].strip()]
        i += 1
        while (
            i < len(items)
            and items[i].kind == "line"
            and not items[i].text.strip().startswith(LIST_MARKS)
        ):
            parts.append(items[i].text.strip())
            i += 1
        out.append(
            b.Item(
                "definition",
                term,
                item.block,
                children=(b.Item("line", " ".join(parts), item.block),),
            )
        )
    return out


AUTHOR_LABEL_RE = re.compile(r"^\s*작\s*성\s*자\s*")
AUTHOR_END_RE = re.compile(r"사업\s*목적|추진\s*배경|추진\s*내용")


def with_author_tables(b, items: list) -> list:
    """Layout items with each 작성자 label and its lines (up to the part heading after them) as
    one 'authors' item: its children the lines, the first one what follows the label on its
    line ('작 성 자 교육행정연수부장:정옥진 ☎ 3019-8006 …')."""
    out, i = [], 0
    while i < len(items):
        item = items[i]
        label = AUTHOR_LABEL_RE.match(item.text) if item.kind == "line" else None
        if label is None:
            out.append(item)
            i += 1
            continue
        lines = [item.text[label.end() :].strip()]
        i += 1
        while (
            i < len(items) and items[i].kind == "line" and not AUTHOR_END_RE.search(items[i].text)
        ):
            lines.append(items[i].text.strip())
            i += 1
        children = tuple(b.Item("line", text, item.block) for text in lines if text)
        out.append(b.Item("authors", "작 성 자", item.block, children=children))
    return out


def writer_class(b):
    """A HancomWriter that draws the budget tables, boxes and definitions per a `Layout`."""

    class LayoutWriter(b.HancomWriter):
        def __init__(self, layout: Layout):
            super().__init__()
            self.layout = layout

        def budget(self, item):
            grid = hancom_grid(b, item.table, list(item.lines), self.layout.notes)
            if self.layout.total == "first":
                grid = total_first(b, grid)
            parts = (
                [grid]
                if self.layout.split is None
                else split_grid(b, grid, self.layout.split == "header")
            )
            for part in parts:
                self.grid_table(part)

        def box(self, item):
            if self.layout.box == "cell":
                return super().box(item)
            title, *rest = item.children
            shape = (2, 1) if self.layout.box == "title_row" else (1, 2)
            table = self.doc.add_table(*shape, width=self.table_width)
            self._cell(table, 0, 0, title.text.strip(), "bold", "body")
            at = (1, 0) if shape == (2, 1) else (0, 1)
            self._cell(table, *at, "\n".join(b.hancom_text(c.text) for c in rest), "body", "body")
            table.set_cell_shading(0, 0, b.HEADER_FILL)

        def section(self, item):
            code, title = item.text.strip().split(None, 1)
            self.paragraph("", page_break=True)  # the page break the heading line carries
            self.heading_table(code, title)
            self.part_number = 0

        def heading_table(self, mark: str, title: str):
            table = self.doc.add_table(1, 2, width=self.table_width)
            self._cell(table, 0, 0, mark, "bold", "center")
            self._cell(table, 0, 1, title, "bold", "body")
            table.set_cell_shading(0, 0, b.HEADER_FILL)

        def item_table(self, item):
            rows = item_table_rows(item)
            table = self.doc.add_table(len(rows), len(rows[0]), width=self.table_width)
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    style = "bold" if r == 0 else "body"
                    self._cell(table, r, c, b.hancom_text(text), style, "center" if c else "body")
            for c in range(len(rows[0])):
                table.set_cell_shading(0, c, b.HEADER_FILL)

        def line(self, item):
            if item.kind == "heading_box":
                return self.section(item)
            if item.kind == "item_table":
                return self.item_table(item)
            if self.layout.headings and b.HEADING_RE.match(item.text):
                self.part_number = getattr(self, "part_number", 0) + 1
                mark = "□" if self.layout.headings == "boxes" else str(self.part_number)
                return self.heading_table(mark, b.HEADING_RE.sub("", item.text, count=1).strip())
            if item.kind == "authors":
                table = self.doc.add_table(1, 2, width=self.table_width)
                self._cell(table, 0, 0, item.text, "bold", "center")
                lines = "\n".join(b.hancom_text(c.text) for c in item.children)
                self._cell(table, 0, 1, lines, "body", "body")
                return None
            if item.kind != "definition":
                return super().line(item)
            table = self.doc.add_table(1, 2, width=self.table_width)
            self._cell(table, 0, 0, item.text, "bold", "center")
            self._cell(table, 0, 1, item.children[0].text, "body", "body")

    return LayoutWriter


# A list line that is one whole item: its tag, name, courses and participants.
ITEM_LINE_RE = re.compile(
    r"^\s*-\s*\[(?P<tag>[^\[\]]{1,20})\]\s*(?P<name>\S.*?)\s+(?P<courses>\d+)과정,\s*"
    r"(?P<people>\d{1,3}(?:,\d{3})*)명\s*$"
)
STAGE_HEADING_RE = re.compile(r"\d{4}년\s*추진\s*(?:실적|계획)")
ITEM_TABLE_HEADER = ("구분", "과정명", "과정", "인원")


def with_item_tables(b, items: list) -> list:
    """Layout items with each run of whole tagged items under a 추진 실적 / 추진계획 heading as
    one 'item_table' item, its children the item lines."""
    out, i, in_list = [], 0, False
    while i < len(items):
        item = items[i]
        if item.kind in ("section", "part", "chapter", "table"):
            in_list = False  # (the 주요 개선 사항 box sits inside the plan's list)
        elif item.kind == "line" and b.HEADING_RE.match(item.text):
            in_list = bool(STAGE_HEADING_RE.search(item.text))
        run = []
        while (
            in_list
            and i < len(items)
            and items[i].kind == "line"
            and ITEM_LINE_RE.match(items[i].text)
        ):
            run.append(items[i])
            i += 1
        if run:
            out.append(b.Item("item_table", "", run[0].block, children=tuple(run)))
            continue
        out.append(item)
        i += 1
    return out


def item_table_rows(item) -> list[list[str]]:
    """The header and a row per item line: tag, name, courses, participants, as printed."""
    rows = [list(ITEM_TABLE_HEADER)]
    for line in item.children:
        m = ITEM_LINE_RE.match(line.text)
        rows.append([m["tag"], m["name"], m["courses"], m["people"]])
    return rows


def with_dotted_code(b, item):
    """A section heading's item with its code printed '1.1.1' ('1-1-1 교원 …' → '1.1.1 교원 …')."""
    code, rest = item.text.lstrip().split(None, 1)
    assert re.fullmatch(r"\d-\d-\d", code), item.text
    return b.Item(item.kind, f"{code.replace('-', '.')} {rest}", item.block)


def render(b, doc, facts, layout: Layout):
    """(HWPX bytes, HWP bytes) of the report drawn per `layout`."""
    items = b.layout(doc, facts)
    if layout.definitions:
        items = with_definition_boxes(b, items)
    if layout.authors:
        items = with_author_tables(b, items)
    if layout.items == "table":
        items = with_item_tables(b, items)
    if layout.codes == "dotted":
        items = [with_dotted_code(b, item) if item.kind == "section" else item for item in items]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a python-hwpx warning is a layout to fix
        writer = writer_class(b)(layout)
        if layout.headings:  # the builder's writer draws a 'section' as a line: ours, as a box
            items = [
                b.Item("heading_box", item.text, item.block) if item.kind == "section" else item
                for item in items
            ]
        writer.write(items)
        return writer.doc.to_bytes(), writer.doc.to_bytes(format="hwp")


def render_pdf(b, doc, facts, layout: Layout) -> bytes:
    """The PDF the builder draws, its budget tables' notes laid out per `layout` (the only
    part of a `Layout` the PDF draws: its tables already break across pages)."""
    assert layout == Layout(notes=layout.notes), "the PDF draws only the notes of a Layout"
    builder_grid = b.budget_grid
    b.budget_grid = lambda table_fact, lines: hancom_grid(
        b, table_fact, lines, layout.notes, builder_grid
    )
    try:
        return b.build(facts=facts).pdf
    finally:
        b.budget_grid = builder_grid
