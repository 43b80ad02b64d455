"""Markdown in a text file, as HWP and PDF converters write a report (kordoc, dochan): its tables
and its emphasis.

A table is an HTML `<table>` (kordoc's, where cells merge: `rowspan` and `colspan` kept) or a
pipe table (a header row, its `| --- |` line, then its rows; dochan's, merged cells left blank).
Either is one `Table`, its cells' `<br>` line breaks and emphasis read as the text they mark. A
file holding such a table is Markdown: its lines lose their heading marks (`# `) and the `**`
round bold words ('# **1-1-2 교육행정직원 …**' is the line '1-1-2 교육행정직원 …'). A text
without one keeps every character (a note's '**' mark is text).
"""

from __future__ import annotations

import bisect
import re
from html.parser import HTMLParser

from .model import Cell, Table
from .text_cells import CellRun

HTML_TABLE_START_RE = re.compile(r"^\s*<table\b", re.IGNORECASE)
HTML_TABLE_END_RE = re.compile(r"</table\s*>", re.IGNORECASE)
PIPE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")
PIPE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
# Where a pipe cell's text had its line breaks: a pipe row is one line, so a converter writes a
# box's lines one after another ('… 강화 ◊조직융화를 …', '… 운영   - 생애단계별 …'): before a
# list mark after a space, or before a dash after the indent of a line of its own.
PIPE_LINE_BREAK_RE = re.compile(r"\s+(?=[◊◦○❍□■※])|\s{2,}(?=-\s)")
PIPE_SPLIT_RE = re.compile(r"(?<!\\)\|")
BREAK_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
HEADING_RE = re.compile(r"^(\s*)#{1,6}\s+")
STRONG_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
MAX_TABLE_LINES = 5000  # an unclosed <table> in a huge file is no table to read to its end


def markup_runs(lines: list[str]) -> list[CellRun]:
    """The Markdown tables among `lines`, each a run of the lines it is written on."""
    runs: list[CellRun] = []
    # Where tables close, found once: a file of '<table' lines and no '</table>' is not
    # searched to its end from each of them.
    closes = [j for j, line in enumerate(lines) if HTML_TABLE_END_RE.search(line)]
    i = 0
    while i < len(lines):
        run = _html_run(lines, i, closes) or _pipe_run(lines, i)
        if run is None:
            i += 1
            continue
        runs.append(run)
        i = run.end
    return runs


def unmarked(line: str) -> str:
    """A Markdown line as the text it means: no heading mark, no bold marks, no escapes."""
    line = HEADING_RE.sub(r"\1", line)
    line = STRONG_RE.sub(r"\2", line)
    return ESCAPE_RE.sub(r"\1", line)


def _html_run(lines: list[str], start: int, closes: list[int]) -> CellRun | None:
    if not HTML_TABLE_START_RE.match(lines[start]):
        return None
    at = bisect.bisect_left(closes, start)
    if at == len(closes) or closes[at] - start >= MAX_TABLE_LINES:
        return None
    end = closes[at]
    table = html_table("\n".join(lines[start : end + 1]))
    return CellRun(start, end + 1, table) if table is not None else None


def _pipe_run(lines: list[str], start: int) -> CellRun | None:
    if not (
        PIPE_ROW_RE.match(lines[start])
        and start + 1 < len(lines)
        and "|" in lines[start + 1]  # '---' alone is a rule between paragraphs
        and PIPE_RULE_RE.match(lines[start + 1])
    ):
        return None
    end = start + 2
    while end < len(lines) and PIPE_ROW_RE.match(lines[end]):
        end += 1
    rows = [_pipe_cells(lines[start])] + [_pipe_cells(line) for line in lines[start + 2 : end]]
    width = max(len(row) for row in rows)
    cells = [
        Cell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row + [""] * width)
    ]
    return CellRun(start, end, Table([c for c in cells if c.col < width], len(rows), width))


def _pipe_cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [_cell_text(part) for part in PIPE_SPLIT_RE.split(inner)]


def _cell_text(text: str) -> str:
    lines = PIPE_LINE_BREAK_RE.sub("\n", BREAK_RE.sub("\n", text).strip()).split("\n")
    return "\n".join(unmarked(line.strip()) for line in lines).strip()


def html_table(markup: str) -> Table | None:
    """An HTML table's cells on their grid: each `<td>`/`<th>` at the first column its row has
    free, spanning the rows and columns it says. None for a table of no cells."""
    parser = _TableParser()
    parser.feed(markup)
    parser.close()
    cells: list[Cell] = []
    taken: set[tuple[int, int]] = set()
    width = 0
    for r, row in enumerate(parser.rows):
        col = 0
        for text, rowspan, colspan in row:
            while (r, col) in taken:
                col += 1
            cells.append(Cell(r, col, text, rowspan, colspan))
            taken |= {(r + dr, col + dc) for dr in range(rowspan) for dc in range(colspan)}
            col += colspan
            width = max(width, col)
    if not cells:
        return None
    height = max(r for r, _ in taken) + 1
    return Table(cells, height, width)


class _TableParser(HTMLParser):
    """Rows of (text, rowspan, colspan) of the outermost table; a table nested in a cell is
    that cell's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[tuple[str, int, int]]] = []
        self.depth = 0
        self.cell: list[str] | None = None
        self.spans = (1, 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.depth += 1
        elif self.depth > 1:
            if tag == "br" and self.cell is not None:
                self.cell.append("\n")
        elif tag == "tr":
            self._end_cell()
            self.rows.append([])
        elif tag in ("td", "th"):
            self._end_cell()
            if not self.rows:
                self.rows.append([])
            values = dict(attrs)
            self.cell = []
            self.spans = (_span(values.get("rowspan")), _span(values.get("colspan")))
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.depth -= 1
            if self.depth == 0:
                self._end_cell()
        elif self.depth == 1 and tag in ("td", "th", "tr"):
            self._end_cell()

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)

    def _end_cell(self) -> None:
        if self.cell is None:
            return
        text = "\n".join(
            unmarked(" ".join(part.split())) for part in "".join(self.cell).split("\n")
        )
        self.rows[-1].append((text.strip(), *self.spans))
        self.cell = None


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1
