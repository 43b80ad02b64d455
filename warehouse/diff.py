"""What changed between two documents — two versions of a file, or two reports — fact by fact.

Each fact table is compared on a key that names a fact the way a reader of the report would
(a section by its code, a budget line by its section and program, a training item by its
section, year, stage, audience, mode and name); a key printed twice in a document is told apart
by its order. A fact in both documents whose values differ is one `changed` row per value; a fact
in one only is `added` or `removed` (for findings: `appeared` or `fixed`). Every row says where
the fact is in each document: its page, or its position in formats without pages.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: `kplan --help` need not load DuckDB
    import duckdb

from . import versions
from .summary import short_place


@dataclass(frozen=True)
class FactKey:
    table: str
    key: tuple[str, ...]  # the columns naming a fact
    values: tuple[str, ...]  # the columns compared
    added: str = "added"
    removed: str = "removed"


# In the order a reader goes through a report: what it is, its sections, their budgets and
# items, then the findings about them. Tables not here (the generic layer: outline, tables,
# table_cells) restate these facts cell by cell and would repeat every change.
FACT_KEYS = (
    FactKey("sections", ("code",), ("title", "parts")),
    FactKey("outline_tasks", ("number",), ("title",)),
    FactKey(
        "budget_tables",
        ("section_code", "table_no"),
        ("title", "unit", "as_of", "year", "prev_year", "remarks"),
    ),
    FactKey(
        "budget_lines",
        ("section_code", "is_total", "program_code", "program_name", "project_name"),
        ("amount", "amount_prev", "q1", "q2", "q3", "q4", "note", "ref_pages"),
    ),
    FactKey(
        "training_items",
        ("section_code", "year", "stage", "audience", "mode", "name"),
        ("courses", "participants"),
    ),
    FactKey(
        "improvement_items",
        ("section_code", "year", "audience", "mode", "name"),
        ("courses", "participants"),
    ),
    FactKey("contacts", ("section_code", "department", "role", "name"), ("phone",)),
    FactKey("budget_programs", ("program_code",), ("program_name", "ministry", "account")),
    FactKey("budget_amounts", ("program_code", "fiscal_year", "stage"), ("amount",)),
    FactKey("work_plan_tasks", ("level", "marker", "title"), ("amount", "amount_text")),
    FactKey(
        "work_plan_budget",
        ("title", "label", "level"),
        ("amount_a", "amount_b", "change", "change_pct", "unit"),
    ),
    FactKey(
        "findings",
        ("rule", "section_code", "message"),
        (),
        added="appeared",
        removed="fixed",
    ),
)
DOCUMENT_FIELDS = ("title", "organization", "plan_year", "unit", "status", "error", "pages")


@dataclass(frozen=True)
class Change:
    change: str  # added, removed, changed; for findings appeared, fixed
    table: str
    fact: str  # the key, as a reader would name the fact: '3-2-1 · 합계'
    field: str | None  # the value that changed (None for a fact added or removed)
    old: Any
    new: Any
    old_page: int | None
    new_page: int | None
    old_position: str | None
    new_position: str | None
    # Where, short, for a table: 'p.29', 'l.1875', '¶0.812 r3' ('' for no row).
    old_at: str = dataclasses.field(default="", compare=False)
    new_at: str = dataclasses.field(default="", compare=False)

    @classmethod
    def columns(cls) -> list[str]:
        """The fields `kplan diff` prints as csv or json (all but the short ones)."""
        return [f.name for f in dataclasses.fields(cls) if f.name not in ("old_at", "new_at")]

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.columns()}


class DiffError(ValueError):
    """A document reference that names no document."""


def resolve(con: duckdb.DuckDBPyConnection, ref: str) -> int:
    """The doc_id `ref` names: a doc_id; PATH@N (version N of a file); a path (its current
    version); or a report_key (the report's primary document)."""
    ref = ref.strip()
    if ref.isdigit():
        if con.execute("SELECT 1 FROM document_versions WHERE doc_id = ?", [int(ref)]).fetchone():
            return int(ref)
        raise DiffError(f"no document with doc_id {ref}")
    path, _, version = ref.rpartition("@")
    if path and version.isdigit():
        row = con.execute(
            "SELECT doc_id FROM document_versions WHERE path = ? AND version = ?",
            [str(Path(path).resolve()), int(version)],
        ).fetchone()
        if row is None:
            raise DiffError(f"no version {version} of {path}")
        return row[0]
    row = con.execute(
        "SELECT doc_id FROM document_versions WHERE path = ? ORDER BY is_current DESC, "
        "version DESC LIMIT 1",
        [str(Path(ref).resolve())],
    ).fetchone()
    if row is None:
        row = con.execute(
            "SELECT doc_id FROM documents WHERE report_key = ? ORDER BY is_primary DESC, doc_id "
            "LIMIT 1",
            [ref],
        ).fetchone()
    if row is None:
        raise DiffError(f"{ref}: no document at that path, no version, doc_id or report_key")
    return row[0]


def _columns(con, schema: str, table: str) -> list[str]:
    return [
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
            [schema, table],
        ).fetchall()
    ]


def _rows(con, doc_id: int, table: str) -> list[dict[str, Any]]:
    """A document's rows of `table`, in the order they were read (rowid: insertion order)."""
    schema = versions.schema_of(con, doc_id)
    if schema is None:
        raise DiffError(f"no document with doc_id {doc_id}")
    columns = _columns(con, schema, table)
    if not columns:
        return []
    cursor = con.execute(
        f"SELECT * FROM {schema}.{table} WHERE doc_id = ? ORDER BY rowid", [doc_id]
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _keyed(rows: list[dict[str, Any]], key: tuple[str, ...]) -> dict[tuple, dict[str, Any]]:
    """Rows by key; a key met again gets its occurrence number (0, 1, …) appended."""
    seen: dict[tuple, int] = {}
    out: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        base = tuple(row.get(column) for column in key)
        occurrence = seen.get(base, 0)
        seen[base] = occurrence + 1
        out[(*base, occurrence)] = row
    return out


def _fact_name(spec: FactKey, key: tuple) -> str:
    *values, occurrence = key
    words = []
    for column, value in zip(spec.key, values):
        if value is None or value is False:
            continue
        words.append("합계" if column == "is_total" else str(value))
    name = " · ".join(words) or spec.table
    return f"{name} ({occurrence + 1})" if occurrence else name


def _change(spec, kind, key, field, old, new, old_row, new_row) -> Change:
    def where(row, column):
        return None if row is None else row.get(column)

    def at(row):
        if row is None or (row.get("page") is None and not row.get("position")):
            return ""
        return f"p.{row['page']}" if row.get("page") is not None else short_place(row)

    return Change(
        kind,
        spec.table,
        _fact_name(spec, key),
        field,
        old,
        new,
        where(old_row, "page"),
        where(new_row, "page"),
        where(old_row, "position"),
        where(new_row, "position"),
        at(old_row),
        at(new_row),
    )


def diff_table(spec: FactKey, old_rows: list[dict], new_rows: list[dict]) -> list[Change]:
    old, new = _keyed(old_rows, spec.key), _keyed(new_rows, spec.key)
    changes: list[Change] = []
    for key, new_row in new.items():
        old_row = old.get(key)
        if old_row is None:
            changes.append(_change(spec, spec.added, key, None, None, None, None, new_row))
            continue
        for field in spec.values:
            if old_row.get(field) != new_row.get(field):
                changes.append(
                    _change(
                        spec,
                        "changed",
                        key,
                        field,
                        old_row.get(field),
                        new_row.get(field),
                        old_row,
                        new_row,
                    )
                )
    for key, old_row in old.items():
        if key not in new:
            changes.append(_change(spec, spec.removed, key, None, None, None, old_row, None))
    return changes


def _document_changes(con, old_id: int, new_id: int) -> list[Change]:
    """What the documents say about themselves: title, year, status, pages."""
    old, new = _rows(con, old_id, "documents")[0], _rows(con, new_id, "documents")[0]
    return [
        Change(
            "changed",
            "documents",
            "document",
            field,
            old[field],
            new[field],
            None,
            None,
            None,
            None,
        )  # fmt: skip
        for field in DOCUMENT_FIELDS
        if old.get(field) != new.get(field)
    ]


def diff_documents(con: duckdb.DuckDBPyConnection, old_id: int, new_id: int) -> list[Change]:
    """Every fact that differs between documents `old_id` and `new_id`, current or earlier
    versions alike, in the order of FACT_KEYS and of the documents."""
    changes = _document_changes(con, old_id, new_id)
    for spec in FACT_KEYS:
        old_rows, new_rows = _rows(con, old_id, spec.table), _rows(con, new_id, spec.table)
        changes.extend(diff_table(spec, old_rows, new_rows))
    return changes


def diff(con: duckdb.DuckDBPyConnection, old_ref: str, new_ref: str) -> list[Change]:
    return diff_documents(con, resolve(con, old_ref), resolve(con, new_ref))
