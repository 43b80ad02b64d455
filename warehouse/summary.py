"""What the warehouse holds for one document, counted per fact table, in the words of its
family (or of the generic layer for a document of no family)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: `kplan --help` loads neither DuckDB nor the rules
    import duckdb

    from kplan.parsers.model import Position


def table_counts(con: duckdb.DuckDBPyConnection, doc_id: int, tables) -> dict[str, int]:
    return {
        t: con.execute(f"SELECT count(*) FROM {t} WHERE doc_id = ?", [doc_id]).fetchall()[0][0]
        for t in tables
    }


def generic_counts(con: duckdb.DuckDBPyConnection, doc_id: int) -> dict[str, int]:
    one = con.execute(
        """
        SELECT (SELECT count(*) FROM tables WHERE doc_id = $1),
               (SELECT count(*) FROM table_cells
                WHERE doc_id = $1 AND number IS NOT NULL AND NOT is_header),
               (SELECT count(*) FROM outline WHERE doc_id = $1)""",
        [doc_id],
    ).fetchall()[0]
    return dict(zip(("tables", "figures", "outline"), one))


def found_line(con: duckdb.DuckDBPyConnection, doc_id: int, family_name: str | None) -> str:
    """'1 program, 5 amounts' (a family's words) or '12 tables, 340 figures, 40 outline
    nodes' (a document of no family)."""
    from kplan.rules import families

    family = families.named(family_name)
    if family is None:
        return families.generic_summary(generic_counts(con, doc_id))
    counts = table_counts(con, doc_id, [t.table for t in family.FACT_TABLES])
    return families.summary_of(family, counts, check=True)


def family_totals(con: duckdb.DuckDBPyConnection) -> list[str]:
    """What the warehouse holds, per family, in each family's words, over the documents that
    were read (not failed): 'budget_program: 7 documents: 7 programs, 35 amounts'; 'no
    family: 70 documents: 900 tables, 12000 figures, 3000 outline nodes'."""
    from kplan.rules import families
    from kplan.rules.families.base import plural

    out = []
    rows = con.execute(
        "SELECT family, count(*) FROM documents WHERE status <> 'failed' "
        "GROUP BY family ORDER BY family NULLS LAST"
    ).fetchall()
    for name, n in rows:
        family = families.named(name)
        # The family's own documents: by name, so a family no longer registered (a plug-in
        # not loaded) is counted over its own documents, in the generic words.
        ids = (
            "SELECT doc_id FROM documents WHERE status <> 'failed' "
            "AND family IS NOT DISTINCT FROM $1"
        )
        if family is None:
            counts = dict(
                zip(
                    ("tables", "figures", "outline"),
                    con.execute(
                        f"""
                        SELECT (SELECT count(*) FROM tables WHERE doc_id IN ({ids})),
                               (SELECT count(*) FROM table_cells WHERE doc_id IN ({ids})
                                AND number IS NOT NULL AND NOT is_header),
                               (SELECT count(*) FROM outline WHERE doc_id IN ({ids}))""",
                        [name],
                    ).fetchall()[0],
                )
            )
            found = families.generic_summary(counts)
        else:
            counts = {
                t.table: con.execute(
                    f"SELECT count(*) FROM {t.table} WHERE doc_id IN ({ids})", [name]
                ).fetchall()[0][0]
                for t in family.FACT_TABLES
            }
            found = families.summary_of(family, counts)
        out.append(f"{name or 'no family'}: {plural(n, 'document')}: {found}")
    return out


def check_lines(con: duckdb.DuckDBPyConnection, doc_id: int, family_name: str | None) -> list[str]:
    """The lines of the family's section of `kplan check`, under its summary."""
    from kplan.rules import families

    family = families.named(family_name)
    out: list[str] = []
    for part in getattr(family, "CHECK", ()):
        cursor = con.execute(part.sql, [doc_id])
        names = [d[0] for d in cursor.description]
        out.extend(part.template.format(**dict(zip(names, row))) for row in cursor.fetchall())
    return out


def short_position(position: Position | None) -> str:
    """Line 984 → 'l.984'; section 0, paragraph 812, row 3 → '¶0.812 r3' (row 3 of its table);
    none → 'p.-'; any other position as its text."""
    if position is None:
        return "p.-"
    if position.line is not None:
        return f"l.{position.line}"
    if position.section is not None and position.paragraph is not None:
        row = f" r{position.row}" if position.row is not None else ""
        return f"¶{position.section}.{position.paragraph}{row}"
    return position.render()


def short_place(row: Mapping[str, Any]) -> str:
    """`short_position` of a warehouse row's position (its pos_* columns); a position a check
    gave as text only, as that text."""
    from kplan.parsers.model import Position  # here: `kplan --help` loads no reader

    position = Position.from_row(row)
    if position is None and row.get("position"):
        return str(row["position"])
    return short_position(position)


def document_counts(con: duckdb.DuckDBPyConnection) -> dict[int, dict[str, Any]]:
    """Per document: what was found in it (`found`, in its family's words), and its findings
    by severity."""
    rows = con.execute("""
        SELECT d.doc_id, d.file_name, d.format, d.status, d.title, d.pages, d.family,
               (SELECT count(*) FILTER (WHERE f.severity = 'error')
                FROM findings f WHERE f.doc_id = d.doc_id),
               (SELECT count(*) FILTER (WHERE f.severity = 'warning')
                FROM findings f WHERE f.doc_id = d.doc_id),
               (SELECT count(*) FILTER (WHERE f.severity = 'info')
                FROM findings f WHERE f.doc_id = d.doc_id)
        FROM documents d ORDER BY d.doc_id""").fetchall()
    keys = (
        "doc_id",
        "file_name",
        "format",
        "status",
        "title",
        "pages",
        "family",
        "error",
        "warning",
        "info",
    )
    docs = {r[0]: dict(zip(keys, r)) for r in rows}
    for d in docs.values():
        d["found"] = found_line(con, d["doc_id"], d["family"])
    return docs


def kind_of(d: dict[str, Any]) -> str:
    """'pdf, 46 pages, training_plan': the format, the pages and the family where known."""
    return ", ".join(
        str(x)
        for x in (d["format"] or "?", f"{d['pages']} pages" if d["pages"] else None, d["family"])
        if x
    )


def totals(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """What the whole warehouse holds: documents by status, reports, and the main fact rows."""
    tables = ("sections", "budget_lines", "training_items", "findings")
    return {
        "documents": dict(
            con.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall()
        ),
        "reports": con.execute("SELECT count(*) FROM reports").fetchall()[0][0],
        **{t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in tables},
    }
