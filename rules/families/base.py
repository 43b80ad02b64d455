"""What a family declares: the tables its facts go to and its section of the report."""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable
from typing import NamedTuple

from kplan.parsers.model import Position


class FactTable(NamedTuple):
    """One warehouse table filled from facts: `doc_id`, then one column per field of `row`
    (a NamedTuple) but those in `omit`. A `Position` field is its rendered text under the
    field's name plus one column per part of it (`Position.column_types`)."""

    table: str
    row: typing.Any  # the NamedTuple class of one row: its _fields are the columns
    # The rows from a document's facts; default `facts.rows(table)`.
    rows: Callable | None = None
    omit: tuple[str, ...] = ()

    def columns(self) -> list[str]:
        return [column for name in self._kept() for column in self._columns_of(name)]

    def values(self, facts, *first) -> list[tuple]:
        """The rows of one document, each as the tuple of `columns()` after the values
        `first` (the loader's doc_id)."""
        rows = self.rows(facts) if self.rows is not None else facts.rows(self.table)
        pieces = _pieces(self.row, self.omit)
        if len(pieces) == 1 and isinstance(pieces[0], slice):  # no Position: fields as they are
            kept = pieces[0]
            return [(*first, *r[kept]) for r in rows]
        if len(pieces) == 3 and isinstance(pieces[1], int):  # one Position between two runs
            before, at, after = pieces
            values = Position.values
            return [(*first, *r[before], *values(r[at]), *r[after]) for r in rows]
        return [(*first, *_spread(r, pieces)) for r in rows]

    def column_types(self) -> dict[str, str]:
        """{column: DuckDB type} from the fact type's annotations, for a table not yet in the
        warehouse."""
        hints = typing.get_type_hints(self.row)
        out = {}
        for name in self._kept():
            if name in _position_names(self.row):
                out.update(Position.column_types(name))
            else:
                out[name] = _sql_type(hints.get(name, str))
        return out

    def _kept(self) -> list[str]:
        return [name for name in self.row._fields if name not in self.omit]

    def _columns_of(self, name: str) -> list[str]:
        if name in _position_names(self.row):
            return list(Position.column_types(name))
        return [name]


@functools.cache
def _position_names(row: typing.Any) -> frozenset[str]:
    """The fields of a fact type annotated `Position` (or `Position | None`)."""
    hints = typing.get_type_hints(row)
    return frozenset(
        name
        for name in row._fields
        if hints.get(name) is Position or Position in typing.get_args(hints.get(name))
    )


@functools.cache
def _pieces(row: typing.Any, omit: tuple[str, ...]) -> tuple[slice | int, ...]:
    """A row's columns as pieces, in order: a slice of fields kept as they are, or the index of
    a `Position` field (its text and parts). Computed once per fact type: a load makes
    thousands of rows."""
    positions = _position_names(row)
    pieces: list[slice | int] = []
    start = None
    for i, name in enumerate([*row._fields, None]):
        plain = name is not None and name not in omit and name not in positions
        if plain and start is None:
            start = i
        if not plain and start is not None:
            pieces.append(slice(start, i))
            start = None
        if name in positions and name not in omit:
            pieces.append(i)
    if not pieces or isinstance(pieces[0], int):
        pieces.insert(0, slice(0, 0))
    if isinstance(pieces[-1], int):
        pieces.append(slice(0, 0))
    return tuple(pieces)


def _spread(row: tuple, pieces: tuple[slice | int, ...]) -> tuple:
    out: list = []
    for piece in pieces:
        if isinstance(piece, slice):
            out.extend(row[piece])
        else:
            out.extend(Position.values(row[piece]))
    return tuple(out)


class ReportTable(NamedTuple):
    """A table of the family's section in the HTML report: one SQL query with one `?` (the
    doc_id); `columns` are the headings shown, one per column the query returns; columns named
    in `numeric` are right-aligned figures (won: thousands separators)."""

    title: str
    sql: str
    columns: tuple[str, ...]
    numeric: tuple[str, ...] = ()
    empty: str = "없음"


SQL_TYPES = {int: "BIGINT", str: "VARCHAR", bool: "BOOLEAN", float: "DOUBLE"}


def _sql_type(hint) -> str:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    base = args[0] if args else hint
    return SQL_TYPES.get(base, "VARCHAR")


def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 program', '5 amounts'."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


class BuiltIn(NamedTuple):
    """A part of the family's report section that the report draws itself, by name: the
    training plan's checklist ('training_plan_coverage') and its budget charts
    ('budget_by_section')."""

    name: str


class CheckLines(NamedTuple):
    """Lines of the family's section of `kplan check`, under its summary: one per row of `sql`
    (one `?`: the doc_id), `template` formatted with the row's columns ('{program_code}')."""

    sql: str
    template: str
