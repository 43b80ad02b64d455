"""A document as a stream of normalized lines and tables, the input of every rule."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from kplan.parsers.model import Document, Paragraph, Position, Table

from .memo import memoized
from .normalize import collapse_repeated_title, join_letter_spaced, normalize_line


class Line(NamedTuple):
    text: str  # normalized: dots, bullets, spaces, letter-spaced labels
    raw: str  # as the parser gave it
    page: int | None
    block: int  # index into Document.blocks
    position: Position | None = None  # where in a file without pages: line 984, section 0 …
    boxed: bool = False  # a line of a one-cell table (a box drawn around text)
    head: tuple[str, int] | None = None  # the paragraph's drawn head (first line only)
    # The type it is set in (PDF only): size in pt, and weight (700 bold), as the reader says.
    size: float | None = None
    weight: int | None = None
    # The last line of a PDF paragraph that broke off inside a word the next line goes on with
    # (`Paragraph.word_goes_on`): joined to it with no space (`joined_lines`).
    word_goes_on: bool = False


def joined_lines(first: str, line: Line, then: str) -> str:
    """`first`, which ends with `line`'s text, and `then`, the text of the line after it, as
    one text: a space between them, none where `line` broke off inside a word."""
    return f"{first}{'' if line.word_goes_on else ' '}{then}"


class TableRef(NamedTuple):
    table: Table
    page: int | None
    block: int
    position: Position | None = None


Item = Line | TableRef


@memoized
def normalize_paragraph(text: str) -> str:
    collapsed = collapse_repeated_title(text)
    if collapsed is not None:
        return collapsed
    return join_letter_spaced(normalize_line(text))


def document_stream(doc: Document, *, unbox: bool = True) -> list[Item]:
    """Lines and tables in document order. With `unbox`, a single-cell table (a box drawn
    around text, like a '주요 개선 사항' box) gives its lines instead, as the rules read it.
    Tables nested in a table's cells follow it, cell by cell, with its block and position."""
    unboxed, boxed = document_streams(doc)
    return unboxed if unbox else boxed


def document_streams(doc: Document) -> tuple[list[Item], list[Item]]:
    """`document_stream(doc)` and `document_stream(doc, unbox=False)`, made in one pass: they
    differ only at single-cell tables, and every other block's items are the same in both."""
    unboxed: list[Item] = []
    boxed: list[Item] = []
    for index, block in enumerate(doc.blocks):
        if isinstance(block, Table):
            ref: list[Item] = [TableRef(block, block.page, index, block.position)]
            ref.extend(_nested_refs(block, index))
            boxed.extend(ref)
            if len(block.cells) == 1:
                unboxed.extend(_block_lines(block, index))
                unboxed.extend(ref[1:])
            else:
                unboxed.extend(ref)
            continue
        lines = _block_lines(block, index)
        unboxed.extend(lines)
        boxed.extend(lines)
    return unboxed, boxed


def _block_lines(block: Paragraph | Table, index: int) -> list[Line]:
    """The lines of a paragraph, or of a single-cell table's cell (a box around text)."""
    text = block.text if isinstance(block, Paragraph) else block.cells[0].text
    head = block.head if isinstance(block, Paragraph) else None
    types = (
        [(block.size, block.weight)] if isinstance(block, Paragraph) else block.cells[0].line_types
    )
    lines = text_lines(
        text,
        block.page,
        index,
        block.position,
        boxed=isinstance(block, Table),
        head=head,
        types=types,
    )
    if isinstance(block, Paragraph) and block.word_goes_on and lines:
        lines[-1] = lines[-1]._replace(word_goes_on=True)
    return lines


def text_lines(
    text: str,
    page: int | None,
    block: int,
    position: Position | None,
    *,
    boxed: bool = False,
    head: tuple[str, int] | None = None,
    types: Sequence[tuple[float | None, int | None] | None] | None = None,
) -> list[Line]:
    """The normalized, non-empty lines of a paragraph or a cell; the paragraph's head goes
    with its first line. `types` gives each line's (size, weight); a paragraph's one applies
    to all its lines."""
    lines = []
    parts = text.split("\n")
    if types is not None and len(types) not in (1, len(parts)):
        types = None  # the text was changed since it was read: the types no longer match
    for k, part in enumerate(parts):
        normalized = normalize_paragraph(part)
        if normalized:
            size, weight = _type_of(types, k)
            lines.append(Line(normalized, part, page, block, position, boxed, head, size, weight))
            head = None
    return lines


def _type_of(
    types: Sequence[tuple[float | None, int | None] | None] | None, k: int
) -> tuple[float | None, int | None]:
    found = (types[0] if len(types) == 1 else types[k]) if types else None
    return found if found is not None else (None, None)


def table_lines(ref: TableRef) -> list[Line]:
    """A table's text as lines, cell by cell in reading order: for a box drawn as a table of
    several cells (a title cell over its text), which the rules read as the box's lines."""
    return list(_table_lines(ref))


def first_table_line(ref: TableRef) -> Line | None:
    """`table_lines(ref)[0]`, without reading the rest of the table."""
    return next(_table_lines(ref), None)


def _table_lines(ref: TableRef) -> Iterator[Line]:
    for c in sorted(ref.table.cells, key=lambda c: (c.row, c.col)):
        yield from text_lines(c.text, ref.page, ref.block, ref.position)


def _nested_refs(
    table: Table, index: int, page: int | None = None, position: Position | None = None
) -> list[TableRef]:
    """Tables inside `table`'s cells, depth first; they have the page of the row they sit in
    and the position of the outermost table (the block the stream points at)."""
    refs: list[TableRef] = []
    position = position or table.position
    for key in sorted(table.nested):
        row_page = table.page_of_row(key[0]) if table.page is not None else page
        for inner in table.nested[key]:
            refs.append(TableRef(inner, row_page, index, position))
            refs.extend(_nested_refs(inner, index, row_page, position))
    return refs
