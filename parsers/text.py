"""Already-extracted text (like the seed): one paragraph per line, pages split on form feeds."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, replace

import regex

from .model import Block, Document, Paragraph, ParseIssue, Position, Table
from .sniff import text_bom
from .text_cells import cell_runs
from .text_column_blocks import block_runs
from .text_markup import markup_runs, unmarked
from .text_tables import (
    PAGE_NUMBER_RE,
    continued_lines,
    join_page_broken_tables,
    read_table,
    read_table_rows,
    table_regions,
)

# Spaces one column wide that are not U+0020 (no-break, thin, narrow, …): a line's layout is
# read from its spaces (one inside a cell's text, two or more between columns), so they are
# spaces. U+3000, two columns wide, stays.
LAYOUT_SPACES = str.maketrans(dict.fromkeys([0xA0, *range(0x2000, 0x200B), 0x202F, 0x205F], " "))
# A figure and the Hangul after it, joined ('358명') and set apart ('358 명'). Text extracted
# from a PDF whose figures are drawn in another font than its Hangul (LibreOffice's, where the
# document's Latin font is missing) sets every such run apart: the page's gap is no space.
_FIGURE_JOINED_RE = regex.compile(r"\d\p{Hangul}")
_FIGURE_SPACED_RE = regex.compile(r"\d \p{Hangul}")
MIN_SPACED_FIGURES = 20  # junctions to tell an extraction's habit from a document's
# What a figure takes after it with no space, in a report's Korean: counters and units
# ('2과정', '358명', '1급', '6개월'), particles ('제2의'); each a whole word here.
_COUNTER_AFTER_FIGURE_RE = regex.compile(
    r"(?<=\d) (?=(?:년|월|일|명|과정|급|차|개월|회|기|원|천원|만원|억원|시간|분기|학년|건|개|개소"
    r"|호|곳|쪽|편|교|종|권|세|층|주년|의|에|을|를|은|는|과|와|로|부터|까지)(?!\p{Hangul}))"
)
# An ordinal is one word: '제 2 인생' → '제2인생', '제 3 조' → '제3조'.
_ORDINAL_RE = regex.compile(r"(?<!\p{Hangul})제 (\d+) ?(?=\p{Hangul})")


def spaced_scripts(text: str) -> bool:
    """Whether the text sets every figure apart from the Hangul after it, as no report writes
    (the seed: '358명' hundreds of times) but a PDF's text extraction may."""
    spaced = len(_FIGURE_SPACED_RE.findall(text))
    joined = len(_FIGURE_JOINED_RE.findall(text))
    return spaced >= MIN_SPACED_FIGURES and joined * 50 < spaced


def join_counters(text: str) -> str:
    """A paragraph's figures joined to the counters, units and particles after them, and an
    ordinal's '제' and figure to the word after them: '유치원 1 급 정교사 자격연수 2 과정,
    358 명' → '유치원 1급 정교사 자격연수 2과정, 358명'; '제 2 인생' → '제2인생'."""
    return _ORDINAL_RE.sub(r"제\1", _COUNTER_AFTER_FIGURE_RE.sub("", text))


# At most this many undecodable bytes are listed one by one; the rest are counted.
MAX_LISTED_BYTES = 20


def decode_text(data: bytes) -> str:
    """The text of `data` (UTF-8, else CP949; UTF-16 by its byte-order mark); a byte that does
    not decode is U+FFFD."""
    return decode_text_with_issues(data)[0]


def decode_text_with_issues(data: bytes) -> tuple[str, list[ParseIssue]]:
    """Decode as the encoding a byte-order mark names (UTF-8, UTF-16), else as UTF-8 or CP949,
    whichever reads all (or most) of the bytes. A byte that does not decode — one stray byte, a
    file cut in the middle of a character — becomes U+FFFD and is reported with its line, never
    a reason to reject the whole file. NULs are dropped and reported the same way."""
    bom = text_bom(data)
    encodings: tuple[str, ...] = ("utf-8", "cp949")
    if bom is not None:
        encodings = (bom[0],)
        data = data[bom[1] :]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _without_nuls(text, [])
    decoded = [(data.decode(e, errors=_ESCAPES[e[:6] == "utf-16"]), e) for e in encodings]
    text, encoding = min(decoded, key=lambda d: _count_escapes(d[0]))
    issues: list[ParseIssue] = []
    runs = list(_ESCAPED_RE.finditer(text))
    for m in runs[:MAX_LISTED_BYTES]:
        line = text.count("\n", 0, m.start()) + 1
        hexes = " ".join(f"{ord(ch) - 0xDC00:02x}" for ch in m.group(0))
        where = "at the end of the file" if m.end() == len(text) else f"on line {line}"
        issues.append(
            ParseIssue(
                "invalid_bytes",
                f"byte{'s' if len(m.group(0)) > 1 else ''} {hexes} {where} "
                f"not {encoding}: read as U+FFFD",
            )
        )
    if len(runs) > MAX_LISTED_BYTES:
        issues.append(
            ParseIssue(
                "invalid_bytes",
                f"{len(runs) - MAX_LISTED_BYTES} more runs of bytes that are not "
                f"{encoding}, read as U+FFFD",
            )
        )
    return _without_nuls(_ESCAPED_RE.sub("\ufffd", text), issues)


_ESCAPED_RE = regex.compile("[\udc00-\udcff]+")


def _escape_bytes(error: UnicodeError) -> tuple[str, int]:
    """Each byte that does not decode as U+DC00 + its value, the bytes < 0x80 too: Python's
    surrogateescape refuses to escape those, which a cut UTF-16 character holds."""
    if not isinstance(error, UnicodeDecodeError):
        raise error  # registered for decoding only
    bad = error.object[error.start : error.end]
    return "".join(chr(0xDC00 + b) for b in bad), error.end


codecs.register_error("kplan.escape_bytes", _escape_bytes)
_ESCAPES = {False: "surrogateescape", True: "kplan.escape_bytes"}


def _count_escapes(text: str) -> int:
    return len(_ESCAPED_RE.findall(text))


def _without_nuls(text: str, issues: list[ParseIssue]) -> tuple[str, list[ParseIssue]]:
    count = text.count("\x00")
    if count:
        line = text.count("\n", 0, text.index("\x00")) + 1
        issues.append(
            ParseIssue(
                "invalid_bytes",
                f"{count} NUL byte{'s' if count > 1 else ''} (first on line {line}) dropped",
            )
        )
        text = text.replace("\x00", "")
    return text, issues


def read(data: bytes, *, path: str) -> Document:
    text, issues = decode_text_with_issues(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(LAYOUT_SPACES)
    blocks: list[Block] = []
    pages = text.split("\f")
    page_lines = [
        _without_folio(page.split("\n")) if len(pages) > 1 else page.split("\n") for page in pages
    ]
    # Markdown's tables (a converter's), read as their markup says; nothing else reads them.
    markup = [markup_runs(lines) for lines in page_lines]
    markdown = any(markup)
    regions = [
        _outside(table_regions(lines), runs) for lines, runs in zip(page_lines, markup, strict=True)
    ]
    # A table that goes on over a page break is read once, over its pages.
    continued = _continued_tables(page_lines, regions) if len(pages) > 1 else {}
    for page_no, lines in enumerate(page_lines, start=1):
        page = page_no if len(pages) > 1 else None
        blocks.extend(
            _page_blocks(
                lines,
                page,
                regions[page_no - 1],
                continued.get(page_no, {}),
                markup=markup[page_no - 1],
                markdown=markdown,
            )
        )
    blocks = join_page_broken_tables(blocks)
    if spaced_scripts(text):
        blocks = [
            replace(b, text=join_counters(b.text)) if isinstance(b, Paragraph) else b
            for b in blocks
        ]
    return Document(
        path=path,
        format="txt",
        blocks=blocks,
        pages=len(pages) if len(pages) > 1 else None,
        reader="text",
        issues=issues,
    )


# Tables going on over the next page, each read once: {page: {first line: (end, table)}}; the
# table None on the pages whose lines are the part of a table read on a page before.
Continued = dict[int, dict[int, tuple[int, Table | None]]]


@dataclass
class _Open:
    """A table read so far over pages: where it starts, its lines joined, the pages they are
    on ((first joined line, page)), and the region of its last part."""

    origin: tuple[int, int, int]  # (page, first line, end)
    lines: list[str]
    breaks: list[tuple[int, int]]
    last: tuple[int, int]  # (page index, first line)


def _continued_tables(
    page_lines: list[list[str]], regions: list[list[tuple[int, int]]]
) -> Continued:
    """The tables that end a page, nothing after them, and go on at the head of the next
    page under their header repeated: one table over those pages (`continued_lines`)."""
    out: Continued = {}
    table_open: _Open | None = None
    for i in range(len(page_lines) - 1):
        upper, lower = regions[i], regions[i + 1]
        if not (
            upper
            and lower
            and not any(line.strip() for line in page_lines[i][upper[-1][1] :])
            and not any(line.strip() for line in page_lines[i + 1][: lower[0][0]])
        ):
            table_open = None
            continue
        start, end = upper[-1]
        if table_open is None or table_open.last != (i, start):
            table_open = _Open(
                (i + 1, start, end), page_lines[i][start:end], [(0, i + 1)], (i, start)
            )
        first, last = lower[0]
        joined = continued_lines(table_open.lines, page_lines[i + 1][first:last])
        read = read_table_rows(joined) if joined else None
        if joined is None or read is None:
            table_open = None
            continue
        table_open.breaks.append((len(table_open.lines), i + 2))
        table_open.lines, table_open.last = joined, (i + 1, first)
        table, row_lines = read
        table.end_page = i + 2
        table.row_pages = [
            max(page for at, page in table_open.breaks if at <= line) for line in row_lines
        ]
        page0, start0, end0 = table_open.origin
        out.setdefault(page0, {})[start0] = (end0, table)
        out.setdefault(i + 2, {})[first] = (last, None)
    return out


def _outside(regions: list[tuple[int, int]], runs: list) -> list[tuple[int, int]]:
    """The regions that share no line with a Markdown table."""
    marked = {k for run in runs for k in range(run.start, run.end)}
    return [(s, e) for s, e in regions if not marked.intersection(range(s, e))]


def _page_blocks(
    lines: list[str],
    page: int | None,
    regions: list[tuple[int, int]],
    continued: dict[int, tuple[int, Table | None]],
    *,
    markup: list | None = None,
    markdown: bool = False,
) -> list[Block]:
    """A page's lines, one paragraph each, but the tables: Markdown's (`markup`), and those
    laid out by spaces (as `pdftotext -layout` writes them): one `Table` each, at the line it
    starts on; a table's part read with the page before makes no block. In a Markdown file
    (`markdown`) a line is the text its marks mean."""
    tables = {
        start: continued[start] if start in continued else (end, read_table(lines[start:end]))
        for start, end in regions
    }
    taken = {start: end for start, (end, table) in continued.items() if table is None}
    tables = {start: found for start, found in tables.items() if found[1] is not None}
    for run in markup or []:
        tables[run.start] = (run.end, run.table)
    laid_out = {k for start, (end, _) in tables.items() for k in range(start, end)}
    laid_out |= {k for start, end in taken.items() for k in range(start, end)}
    for run in [*cell_runs(lines), *block_runs(lines)]:
        if not laid_out & set(range(run.start, run.end)):
            tables[run.start] = (run.end, run.table)
            laid_out |= set(range(run.start, run.end))
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if i in taken:
            i = taken[i]
            continue
        end, table = tables.get(i, (i, None))
        if table is not None:
            table.page = page
            table.position = Position(page=page, line=i + 1)
            blocks.append(table)
            i = end
            continue
        text = unmarked(lines[i]) if markdown else lines[i]
        if text.strip():
            blocks.append(Paragraph(text=text, page=page, position=Position(page=page, line=i + 1)))
        i += 1
    return blocks


def _without_folio(lines: list[str]) -> list[str]:
    """A page's lines without the page number printed at its foot ('- 9 -'), which the PDF
    reader drops too: pdftotext writes it as the page's last line, and `pdftotext -raw` (the
    order the page was drawn in) often as its first. At the top only the dashed form counts: a
    bare number there may be a table's figure. Lines keep their numbers."""
    lines = list(lines)
    last = next((k for k in range(len(lines) - 1, -1, -1) if lines[k].strip()), None)
    if last is not None and PAGE_NUMBER_RE.match(lines[last]):
        lines[last] = ""
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    if first is not None and DASHED_PAGE_NUMBER_RE.match(lines[first]):
        lines[first] = ""
    return lines


DASHED_PAGE_NUMBER_RE = regex.compile(r"^\s*[-–—]\s*\d{1,4}\s*[-–—]\s*$")
