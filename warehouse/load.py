"""Loading documents and their facts into DuckDB, one document per transaction.

Re-ingesting the same bytes changes nothing (documents are keyed by sha256); a changed file at a
path already loaded is a new version: the earlier one's rows move to schema `history` in the same
transaction (warehouse/versions.py), so a reader never sees a document half old and half new.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal, NamedTuple

import duckdb

from kplan.parsers import backends
from kplan.parsers.model import Document
from kplan.rules import RULES_VERSION
from kplan.rules.facts import Facts
from kplan.rules.families import FactTable, fact_tables
from kplan.rules.fingerprint import SAME_REPORT, similarity
from kplan.rules.normalize import squash

from . import value_checks, versions
from .migrations import migrate
from .rows import insert_rows

# Tables holding a document's rows besides those filled from facts (`fact_tables()`).
# search_terms is filled by the first search that needs a document's terms (warehouse/search.py).
OTHER_TABLES = ("findings", "parse_issues", "document_metadata", "search_terms")

# kept_previous: the new bytes failed to read; the last good version stays current.
# moved: the same bytes at a new path, the old path gone.
Action = Literal["loaded", "replaced", "unchanged", "duplicate", "moved", "kept_previous"]


@dataclass(frozen=True)
class LoadResult:
    action: Action
    doc_id: int
    path: str
    # For a duplicate or a move: the path already holding these bytes; for a file moved and
    # changed at once (action 'replaced'): the path its earlier version was loaded from.
    same_as: str | None = None


# The write-ahead log's size at which a commit checkpoints (DuckDB's default: 16 MB, some 23
# documents of the sample report). Each checkpoint rewrites every table's last, partly filled
# row group: four times fewer of them cut the CPU of a 1,000-document load by about a sixth.
# The log is as safe (a crash replays it at the next open); it only grows larger first.
CHECKPOINT_THRESHOLD = "64MB"


def connect(db_path: str | Path) -> duckdb.DuckDBPyConnection:
    """Open (creating when missing) a warehouse and bring its schema up to date."""
    if str(db_path) != ":memory:":
        Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db_path))
    con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
    ensure_schema(con)
    return con


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    is_new = not con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'documents'"
    ).fetchall()[0][0]
    schema = resources.files("kplan.warehouse").joinpath("schema.sql").read_text("utf-8")
    con.execute(value_checks.render_schema(schema))
    migrate(con, is_new=is_new)
    value_checks.sync(con)
    check_fact_tables(con)
    # The views read columns the migrations add, so they come after them.
    con.execute(resources.files("kplan.warehouse").joinpath("views.sql").read_text("utf-8"))
    versions.ensure_history(con, fact_table_names())


class SchemaMismatch(RuntimeError):
    """A table a fact type fills lacks a column the type has: schema.sql or a migration is
    missing it."""


def check_fact_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Every table filled from facts has a column per field of its fact type; a table no
    schema declares (a new family's) is created from the fact type."""
    columns: dict[str, set[str]] = {}
    for table, column in con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema()"
    ).fetchall():
        columns.setdefault(table, set()).add(column)
    for fact_table in fact_tables():
        have = columns.get(fact_table.table)
        if have is None:
            con.execute(create_table_sql(fact_table))
            continue
        missing = [c for c in ["doc_id", *fact_table.columns()] if c not in have]
        if missing:
            raise SchemaMismatch(
                f"warehouse table {fact_table.table} lacks column(s) {', '.join(missing)} of "
                f"{fact_table.row.__name__}: add them to schema.sql and warehouse/migrations.py"
            )


def create_table_sql(fact_table: FactTable) -> str:
    columns = ", ".join(f"{name} {kind}" for name, kind in fact_table.column_types().items())
    return f"CREATE TABLE IF NOT EXISTS {fact_table.table} (doc_id BIGINT NOT NULL, {columns})"


def fact_table_names() -> list[str]:
    """Every table holding rows of a document (deleted with it)."""
    return [t.table for t in fact_tables()] + list(OTHER_TABLES)


def report_key(doc: Document, facts: Facts | None) -> str:
    """The same report in PDF, HWP, HWPX or text gets the same key: a digest of what it says
    (organization, title, year, section codes and titles, budget totals), not of its bytes."""
    if facts is None or not (facts.sections or facts.budget_lines or facts.budget_programs):
        # A title alone ('서울특별시 2025 업무계획') names many documents: only the text
        # signature may join such a document to another.
        return f"sha256:{doc.sha256}"
    payload = {
        "organization": squash(facts.organization or ""),
        "title": squash(facts.title or ""),
        "year": facts.plan_year,
        "sections": [(s.code, squash(s.title)) for s in facts.sections],
        "totals": [
            (b.section_code, b.amount, b.amount_prev) for b in facts.budget_lines if b.is_total
        ],
        "programs": [
            (p.program_code, a.fiscal_year, a.stage, a.amount)
            for p in facts.budget_programs
            for a in facts.budget_amounts
            if a.program_code == p.program_code
        ],
    }
    digest = hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()
    return f"facts:{digest[:24]}"


def _delete_document(con: duckdb.DuckDBPyConnection, doc_id: int) -> None:
    for table in fact_table_names():
        con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
    con.execute("DELETE FROM documents WHERE doc_id = ?", [doc_id])


def load_document(
    con: duckdb.DuckDBPyConnection,
    doc: Document,
    facts: Facts | None,
    *,
    stats: dict[str, int] | None = None,
    signature: list[int] | None = None,
    file_stat: FileStat | None = None,
    force: bool = False,
) -> LoadResult:
    """Load one parsed document and its facts in one transaction.

    The same bytes at the same path, read by the same rules, change nothing. Bytes read by an
    older version of the rules, or that failed before, are read again in place. A changed file
    at a path is a new version: the earlier one moves to schema `history` (see versions.py) —
    unless the new bytes failed to read, which go to `history` themselves and leave the last
    good version current. The same bytes at another path are a duplicate (the path's own older
    version, if its bytes changed to these, moves to `history`), or a move when the first path
    no longer exists. New bytes at a new path are a new version of a document whose file is gone
    when they are that same report, moved and edited at once (`_moved_and_edited`). `force`
    reads the same bytes again all the same; `file_stat` is recorded for the next ingest's skip
    check.
    """
    path = str(Path(doc.path).resolve())
    existing, at_path, candidates = _what_is_loaded(con, doc, path, facts, signature)
    if existing is not None and existing[1] != path:
        if not Path(existing[1]).exists():
            _in_transaction(con, lambda: _move(con, existing[0], existing[1], path))
            return LoadResult("moved", existing[0], path, existing[1])
        _in_transaction(con, lambda: _supersede_path(con, path, existing[0], keep_sha=doc.sha256))
        return LoadResult("duplicate", existing[0], path, existing[1])
    current = existing is not None and existing[2] == RULES_VERSION and existing[3] != "failed"
    if existing is not None and current and not force:
        if file_stat is not None:
            record_file_stat(con, existing[0], file_stat)
        return LoadResult("unchanged", existing[0], path)
    stats = stats or doc.stats()
    holder: dict[str, Any] = {}

    def write() -> None:
        nonlocal at_path
        moved = None
        if existing is None and not at_path:  # new bytes: maybe a file moved and edited at once
            moved = _moved_and_edited(con, candidates, facts, signature)
        if moved is not None:  # the document and its versions follow the file, then it changes
            versions.move_path(con, moved[0], moved[1], path, Path(path).name)
            holder["moved_from"] = moved[1]
            at_path = True
        # The reports whose primary document may change: this one's, and those of the
        # documents at this path, which may leave the main tables now.
        reports = _reports_at(con, path) if at_path else []
        if at_path:
            version, previous, reread = _forget_rereads(con, path, doc.sha256)
            keep_previous = doc.status == "failed" and _has_good_version(con, path)
            superseded = [] if keep_previous else _supersede_path(con, path, None)
        else:  # nothing was ever loaded from this path: its first version, replacing nothing
            version, previous, reread, keep_previous, superseded = 1, None, 0, False, []
        doc_id, key = _insert_document(
            con,
            doc,
            path,
            facts,
            stats,
            signature,
            version=version,
            previous_doc_id=previous or (superseded[-1] if superseded else None),
            file_stat=file_stat,
        )
        if facts is not None:
            _insert_facts(con, doc_id, facts)
        _insert(
            con,
            "parse_issues",
            "doc_id, code, message, page",
            [(doc_id, i.code, i.message, i.page) for i in doc.issues],
        )
        _insert(
            con,
            "document_metadata",
            "doc_id, key, value",
            [(doc_id, key, value) for key, value in sorted(doc.metadata.items())],
        )
        if keep_previous:
            versions.archive_document(
                con,
                doc_id,
                fact_table_names(),
                superseded_by=None,
                because=versions.FAILED_VERSION,
            )
        for old_id in superseded:
            con.execute(
                f"UPDATE {versions.SCHEMA}.documents SET superseded_by = ? WHERE doc_id = ?",
                [doc_id, old_id],
            )
        refresh_primary(con, [key, *reports])
        holder["doc_id"] = doc_id
        holder["previous"] = len(superseded) + reread
        holder["kept"] = keep_previous

    _in_transaction(con, write)
    if holder["kept"]:
        return LoadResult("kept_previous", holder["doc_id"], path)
    action: Action = "replaced" if holder["previous"] else "loaded"
    return LoadResult(action, holder["doc_id"], path, holder.get("moved_from"))


# ---------------------------------------------------------------- incremental ingest


class FileStat(NamedTuple):
    """What the file system says of a file, taken before it is read: when it matches what is
    loaded, the file is not read again."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: str | Path) -> FileStat:
        st = Path(path).stat()
        return cls(st.st_size, st.st_mtime_ns)


# Failures that may not happen again with the same bytes: such a file is always read again.
RETRIED_ERRORS = ("crashed", "unreadable", "limit_exceeded")


def loaded_unchanged(con, path: str | Path, stat: FileStat) -> int | None:
    """The doc_id of the file at `path` when it was loaded with this size and mtime, by the
    current rules, and its outcome does not depend on the run: no need to read it again."""
    row = con.execute(
        "SELECT doc_id, file_size, file_mtime_ns, rules_version, status, error FROM documents "
        "WHERE path = ? ORDER BY doc_id DESC LIMIT 1",
        [str(Path(path).resolve())],
    ).fetchone()
    if row is None or (row[1], row[2]) != tuple(stat) or row[3] != RULES_VERSION:
        return None
    if row[4] == "failed" and row[5] in RETRIED_ERRORS:
        return None
    return row[0]


def loaded_sha(con: duckdb.DuckDBPyConnection, sha256: str) -> bool:
    """These bytes are loaded (at some path), by the current rules, not failed: loading them
    again needs no parse (`load_document` with no facts says unchanged or duplicate)."""
    row = con.execute(
        "SELECT rules_version, status FROM documents WHERE sha256 = ?", [sha256]
    ).fetchone()
    return row is not None and row[0] == RULES_VERSION and row[1] != "failed"


def record_file_stat(con: duckdb.DuckDBPyConnection, doc_id: int, stat: FileStat) -> None:
    con.execute(
        "UPDATE documents SET file_size = ?, file_mtime_ns = ? WHERE doc_id = ?",
        [stat.size, stat.mtime_ns, doc_id],
    )


def _in_transaction(con: duckdb.DuckDBPyConnection, work) -> None:
    con.execute("BEGIN TRANSACTION")
    try:
        work()
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _supersede_path(
    con: duckdb.DuckDBPyConnection, path: str, by: int | None, *, keep_sha: str | None = None
) -> list[int]:
    """Move the documents loaded from `path` (but the one with `keep_sha`) to `history`,
    superseded by document `by`; their doc_ids. Their reports choose their primary again: the
    one that went may have been theirs."""
    rows = con.execute(
        "SELECT doc_id, report_key FROM documents WHERE path = ? AND sha256 IS DISTINCT FROM ? "
        "ORDER BY doc_id",
        [path, keep_sha],
    ).fetchall()
    for doc_id, _ in rows:
        versions.archive_document(con, doc_id, fact_table_names(), superseded_by=by)
    if rows:
        refresh_primary(con, list({key for _, key in rows}))
    return [doc_id for doc_id, _ in rows]


def _forget_rereads(
    con: duckdb.DuckDBPyConnection, path: str, sha: str | None
) -> tuple[int, int | None, int]:
    """The version number these bytes get at `path`, the version they follow, and how many
    readings of them were removed. Bytes read again (older rules, or a failure tried again)
    keep their number and lose their old rows."""
    rows = con.execute(
        "SELECT doc_id, is_current, version, previous_doc_id FROM document_versions "
        "WHERE path = ? AND sha256 = ? AND (is_current OR archived_because = ?)",
        [path, sha, versions.FAILED_VERSION],
    ).fetchall()
    for doc_id, is_current, _, _ in rows:
        if is_current:
            _delete_document(con, doc_id)
        else:
            versions.delete_archived(con, doc_id, fact_table_names())
    if rows:
        _, _, version, previous = max(rows, key=lambda r: r[2] or 1)
        return version or 1, previous, len(rows)
    return versions.next_version(con, path), None, 0


def _has_good_version(con: duckdb.DuckDBPyConnection, path: str) -> bool:
    return bool(
        con.execute(
            "SELECT count(*) FROM documents WHERE path = ? AND status <> 'failed'", [path]
        ).fetchall()[0][0]
    )


def _move(con: duckdb.DuckDBPyConnection, doc_id: int, old: str, new: str) -> None:
    """The file at `old` is now at `new` (same bytes, and `old` is gone): `new`'s own earlier
    version, if any, becomes history; the document and its versions follow the file."""
    _supersede_path(con, new, doc_id)
    versions.move_path(con, doc_id, old, new, Path(new).name)


class Identity(NamedTuple):
    """Which report a document is, as far as a move can be told by it: the facts naming it
    (rules/identity.py) and the MinHash of its text (rules/fingerprint.py)."""

    family: str | None
    title: str | None
    organization: str | None
    plan_year: int | None
    signature: list[int] | None


def same_identity(a: Identity, b: Identity) -> bool:
    """The same report, edited: the same family, title, organization and plan year, and a text
    close enough to be one report (as across formats). When unsure, not the same: a title alone
    names many reports, and next year's plan on the same template has another year."""
    if not a.title or _named(a) != _named(b):
        return False
    return similarity(a.signature, b.signature) >= SAME_REPORT


def _named(identity: Identity) -> tuple:
    title, organization = squash(identity.title or ""), squash(identity.organization or "")
    return (identity.family, title, organization, identity.plan_year)


# What a load must know before it writes, in one statement (each costs a good part of a
# millisecond however little it reads): the document with these bytes, if any; whether any
# version was loaded from this path; and, when these bytes might be a file moved and edited
# at once (`_moved_and_edited`), the documents of the same format, family and plan year.
WHAT_IS_LOADED = """
SELECT
    (SELECT {'doc_id': doc_id, 'path': path, 'rules_version': rules_version, 'status': status}
     FROM documents WHERE sha256 = $sha),
    EXISTS (SELECT 1 FROM document_versions WHERE path = $path),
    (SELECT list({'doc_id': doc_id, 'path': path}) FROM documents
     WHERE $titled AND status <> 'failed' AND signature IS NOT NULL AND format = $format
       AND family IS NOT DISTINCT FROM $family AND plan_year IS NOT DISTINCT FROM $year)
"""


def _what_is_loaded(
    con: duckdb.DuckDBPyConnection,
    doc: Document,
    path: str,
    facts: Facts | None,
    signature: list[int] | None,
) -> tuple[tuple | None, bool, list[tuple[int, str]]]:
    """(doc_id, path, rules_version, status) of the document with `doc`'s bytes, or None;
    whether `path` was ever loaded; the documents `_moved_and_edited` may choose from."""
    titled = facts is not None and signature is not None and bool(facts.title)
    row = con.execute(
        WHAT_IS_LOADED,
        {
            "sha": doc.sha256,
            "path": path,
            "titled": titled,
            "format": doc.format,
            "family": facts.family if facts else None,
            "year": facts.plan_year if facts else None,
        },
    ).fetchone()
    assert row is not None  # a SELECT without FROM: one row
    existing, at_path, candidates = row
    if existing is not None:
        existing = tuple(existing.values())
    return existing, at_path, [(c["doc_id"], c["path"]) for c in candidates or []]


def _moved_and_edited(
    con: duckdb.DuckDBPyConnection,
    candidates: list[tuple[int, str]],
    facts: Facts | None,
    signature: list[int] | None,
) -> tuple[int, str] | None:
    """(doc_id, path) of the document new bytes at a path never loaded are the next version
    of: a file moved and edited at once. Only when the document's own path is gone from disk,
    it is the same report (`same_identity`) in the same format, and exactly one document is:
    two reports are never merged on a guess. `candidates`: the documents of that format,
    family and plan year (`_what_is_loaded`)."""
    if facts is None or signature is None or not facts.title:  # an untitled one never is
        return None
    new = Identity(facts.family, facts.title, facts.organization, facts.plan_year, signature)
    # The path first, and the rest only of the few gone: a stat costs less than fetching a
    # signature, and in a batch of copies of one report every row is the same report but none
    # is gone (each document's check is over every document loaded before it).
    gone = [doc_id for doc_id, path in candidates if _gone(path)]
    if not gone:
        return None
    rows = con.execute(
        "SELECT doc_id, path, family, title, organization, plan_year, signature FROM documents "
        "WHERE list_contains(?, doc_id) ORDER BY doc_id",
        [gone],
    ).fetchall()
    same = [
        (doc_id, path)
        for doc_id, path, *identity in rows
        if same_identity(new, Identity(*identity))
    ]
    return same[0] if len(same) == 1 else None


# What Path.exists reads as missing; any other error cannot tell, so the path is not gone.
_MISSING = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)


def _gone(path: str) -> bool:
    try:
        os.stat(path)  # as Path.exists, a third of its cost: this runs once per candidate
    except OSError as error:
        return error.errno in _MISSING
    except ValueError:  # a path the system cannot hold (a NUL byte) names no file
        return True
    return False


def _reports_at(con: duckdb.DuckDBPyConnection, path: str) -> list[str]:
    rows = con.execute("SELECT DISTINCT report_key FROM documents WHERE path = ?", [path])
    return [key for (key,) in rows.fetchall()]


# The report_key of an already loaded document that says the same (its text signature close
# enough, and no different plan year), if any: of the closest, the last in the table (the share
# of equal positions is counted in SQL, not row by row here). A subquery of the document's
# INSERT: one statement fewer per load.
SAME_REPORT_KEY = """(
    SELECT report_key FROM (
        SELECT report_key, rowid AS row_at, list_sum(list_transform(
            list_zip(signature, $signature), lambda pair: (pair[1] = pair[2])::INTEGER))
            / len($signature) AS score
        FROM documents
        WHERE signature IS NOT NULL AND status <> 'failed'
          -- next year's plan on the same template is another report
          AND NOT (coalesce($plan_year, 0) <> 0 AND coalesce(plan_year, 0) <> 0
                   AND plan_year <> $plan_year))
    WHERE score >= $threshold ORDER BY score DESC, row_at DESC LIMIT 1)"""

DOCUMENT_COLUMNS = (
    "path, file_name, format, sha256, title, organization, plan_year, unit, status, error, "
    "pages, error_message, reader, report_key, n_paragraphs, n_tables, n_chars, family, "
    "signature, rules_version, version, previous_doc_id, file_size, file_mtime_ns"
).split(", ")


def _insert_document(
    con,
    doc: Document,
    path: str,
    facts: Facts | None,
    stats: dict[str, int],
    signature: list[int] | None,
    *,
    version: int,
    previous_doc_id: int | None,
    file_stat: FileStat | None,
) -> tuple[int, str]:
    """The new document's doc_id and report_key: that of the report it is the same as
    (`SAME_REPORT_KEY`), else its own (`report_key`)."""
    values: dict[str, object] = {
        "path": path,
        "file_name": Path(doc.path).name,
        "format": doc.format,
        "sha256": doc.sha256,
        "title": facts.title if facts else None,
        "organization": facts.organization if facts else None,
        "plan_year": facts.plan_year if facts else None,
        "unit": facts.unit if facts else None,
        "status": doc.status,
        "error": doc.error,
        "pages": doc.pages,
        "error_message": doc.error_message,
        "reader": doc.reader,
        "report_key": report_key(doc, facts),
        "n_paragraphs": stats.get("n_paragraphs"),
        "n_tables": stats.get("n_tables"),
        "n_chars": stats.get("n_chars"),
        "family": facts.family if facts else None,
        "signature": signature,
        "rules_version": RULES_VERSION,
        "version": version,
        "previous_doc_id": previous_doc_id,
        "file_size": file_stat.size if file_stat else None,
        "file_mtime_ns": file_stat.mtime_ns if file_stat else None,
    }
    placeholders = [f"${column}" for column in DOCUMENT_COLUMNS]
    if signature:  # an empty or missing signature joins no report
        at = DOCUMENT_COLUMNS.index("report_key")
        placeholders[at] = f"coalesce(nullif({SAME_REPORT_KEY}, ''), $report_key)"
        values["threshold"] = SAME_REPORT
    row = con.execute(
        f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}) "
        f"VALUES ({', '.join(placeholders)}) RETURNING doc_id, report_key",
        values,
    ).fetchone()
    return row[0], row[1]


def _insert_facts(con, doc_id: int, facts: Facts) -> None:
    """Every fact table's rows, their columns named by the fact type's fields."""
    for fact_table in fact_tables():
        rows = fact_table.values(facts, doc_id)
        if rows:
            insert_rows(con, fact_table.table, ["doc_id", *fact_table.columns()], rows)


def _insert(con, table: str, columns: str, rows: list[tuple]) -> None:
    insert_rows(con, table, [c.strip() for c in columns.split(",")], rows)


def refresh_primary(con: duckdb.DuckDBPyConnection, keys: list[str] | None = None) -> None:
    """Mark one document per report_key as primary (PDF before HWPX, HWP, text): of the
    reports `keys` when given (those a load added a document to or took one from), else of
    all. Only the rows whose mark changes are written."""
    order = " ".join(f"WHEN '{fmt}' THEN {i}" for i, fmt in enumerate(backends.primary_formats()))
    within = "" if keys is None else "WHERE list_contains($keys, report_key)"
    con.execute(
        f"""
        UPDATE documents SET is_primary = ranked.first FROM (
            SELECT doc_id, row_number() OVER (
                PARTITION BY report_key
                ORDER BY status = 'failed', CASE format {order} ELSE 9 END, doc_id) = 1 AS first
            FROM documents {within}) AS ranked
        WHERE documents.doc_id = ranked.doc_id
          AND documents.is_primary IS DISTINCT FROM ranked.first""",
        {} if keys is None else {"keys": keys},
    )
