"""The README's 'Units and numbers' examples, each read by kplan as the README says."""

from __future__ import annotations

from pathlib import Path

import pytest

from kplan.parsers.model import Cell, Document, Paragraph, Table
from kplan.rules import extract

README = Path(__file__).resolve().parents[1] / "README.md"


def examples() -> list[list[str]]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Units and numbers", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [[part.strip().strip("`") for part in row.strip("|").split("|")] for row in rows]


def test_the_readme_has_its_examples():
    assert len(examples()) >= 15


@pytest.mark.parametrize(
    "printed,statement,header,label,kind,unit,amount",
    examples(),
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_readme_example(printed, statement, header, label, kind, unit, amount):
    """A two-row table: '구분 | <header>' over '<label> | <printed>', the statement above it."""
    table = Table(
        [Cell(0, 0, "구분"), Cell(0, 1, header), Cell(1, 0, label), Cell(1, 1, printed)],
        n_rows=2,
        n_cols=2,
    )
    blocks = ([Paragraph(statement)] if statement else []) + [table]
    facts = extract(Document(path="readme.txt", format="txt", blocks=blocks))
    cell = next(c for c in facts.table_cells if (c.row, c.col) == (1, 1))
    assert (cell.is_header, cell.kind, cell.unit or "", cell.amount) == (
        False,
        kind,
        unit,
        int(amount) if amount else None,
    )
