"""What the `kplan` commands print, in one place: the one-line error, tables, rows as
table/CSV/JSON, and the lines that describe documents and findings.

Into a pipe or a file (and in the tests) a table is plain aligned text, a header and a dashed
rule, columns two spaces apart: a published format scripts read. On a terminal a table of up to
`TERMINAL_TABLE_ROWS` rows is drawn by rich instead. Widths are measured by rich either way, so
Hangul (two columns a syllable) lines up.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

import click
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kplan.warehouse import quality
from kplan.warehouse.summary import kind_of, short_place

if TYPE_CHECKING:
    pass

FORMATS = ("table", "csv", "json")
# More rows than this is data to scroll or pipe, not a table to read: rich lays out ~5,000
# cells a second, so a large result stays plain text.
TERMINAL_TABLE_ROWS = 1000
SEVERITY_WORDS = {"error": "errors", "warning": "warnings", "info": "info"}


class KplanError(click.ClickException):
    """An expected failure, shown as one line 'kplan: error: …' on stderr; exit code 2."""

    exit_code = 2

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"kplan: error: {self.format_message()}", file=file or sys.stderr)


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (DuckDB's run on with context lines)."""
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


# ---------------------------------------------------------------- tables and rows


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: Hangul and other wide characters take two."""
    return cell_len(text)


def _cells(rows: Sequence[Sequence[Any]]) -> list[list[str]]:
    return [[("" if v is None else str(v)) for v in row] for row in rows]


def format_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """The plain table: header, dashed rule, rows; columns two spaces apart, no trailing
    spaces."""
    cells = _cells(rows)
    widths = [
        max([display_width(c)] + [display_width(r[i]) for r in cells])
        for i, c in enumerate(columns)
    ]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - display_width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(columns), line(["-" * w for w in widths])]
    out.extend(line(r) for r in cells)
    return "\n".join(out)


def rich_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> Table:
    """The terminal table: the same cells, drawn by rich (text taken literally, no markup)."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    for column in columns:
        table.add_column(Text(column))
    for row in _cells(rows):
        table.add_row(*(Text(cell) for cell in row))
    return table


def format_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str) -> str:
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
        return buffer.getvalue().rstrip("\n")
    if fmt == "json":
        return json.dumps(
            [dict(zip(columns, r)) for r in rows], ensure_ascii=False, default=str, indent=2
        )
    return format_table(columns, rows)


def print_rows(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    fmt: str = "table",
    *,
    console: Console | None = None,
) -> None:
    """Print rows as `fmt`; a table on a terminal (or on `console`, for tests) goes to rich."""
    terminal = console is not None or sys.stdout.isatty()
    if fmt == "table" and terminal and len(rows) <= TERMINAL_TABLE_ROWS:
        (console or Console(highlight=False)).print(rich_table(columns, rows))
    else:
        click.echo(format_rows(columns, rows, fmt))


# ---------------------------------------------------------------- documents and findings


def count_line(counts: dict[str, Any]) -> str:
    """'3 errors, 5 warnings, 0 info' (singular where there is one)."""
    parts = []
    for severity in quality.SEVERITIES:
        n = counts.get(severity, 0)
        word = severity if n == 1 or severity == "info" else SEVERITY_WORDS[severity]
        parts.append(f"{n} {word}")
    return ", ".join(parts)


def finding_line(f: dict[str, Any], *, lang: str = "ko") -> str:
    """One finding on one line: severity, section, page, rule, message.

    'error    3-2-1  p.29   budget_total_amount  합계 2025년 예산액 104,725천원 ≠ …'
    """
    page = f"p.{f['page']}" if f.get("page") is not None else short_place(f)
    message = f["message_en"] if lang == "en" and f.get("message_en") else f["message"]
    return (
        f"{f['severity']:<7}  {f.get('section_code') or '-':<5}  {page:<5}  {f['rule']}  {message}"
    )


def facts_line(d: dict[str, Any]) -> str:
    return d["found"]


def document_line(d: dict[str, Any]) -> str:
    kind = kind_of(d)
    head = f"doc {d['doc_id']}  {d['file_name']} ({kind})"
    if d["status"] == "failed":
        return f"{head}: failed — {count_line(d)}"
    return f"{head}: {facts_line(d)} — {count_line(d)}"
