"""A document as a stream of normalized lines and tables, the input of every rule."""
from __future__ import annotations

from typing import NamedTuple, Union

from kplan.parsers.model import Document, Paragraph, Table
from .normalize import collapse_repeated_title, join_letter_spaced, normalize_line


class Line(NamedTuple):
    text: str          # normalized: dots, bullets, spaces, letter-spaced labels
    raw: str           # as the parser gave it
    page: int | None
    block: int         # index into Document.blocks


class TableRef(NamedTuple):
    table: Table
    page: int | None
    block: int


Item = Union[Line, TableRef]


def normalize_paragraph(text: str) -> str:
    collapsed = collapse_repeated_title(text)
    if collapsed is not None:
        return collapsed
    return join_letter_spaced(normalize_line(text))


def document_stream(doc: Document) -> list[Item]:
    items: list[Item] = []
    for index, block in enumerate(doc.blocks):
        if isinstance(block, Paragraph):
            for part in block.text.split("\n"):
                text = normalize_paragraph(part)
                if text:
                    items.append(Line(text, part, block.page, index))
        else:
            items.append(TableRef(block, block.page, index))
    return items
