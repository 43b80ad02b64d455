"""The `kplan` command line. Every expected failure is one line on stderr, never a traceback."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import unicodedata
from pathlib import Path

import duckdb

from kplan.rules import families
from kplan.warehouse.load import LoadResult, connect, load_document
from kplan.warehouse.sandbox import open_sandboxed

from .batch import ProcessedFile, process_many
from .discover import PathNotFound, discover

DEFAULT_DB = "warehouse/reports.duckdb"


class CliError(Exception):
    """An error shown to the user as one line: 'kplan: error: …', exit code 2."""


# ---------------------------------------------------------------- output helpers


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_table(columns: list[str], rows: list[tuple]) -> str:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [
        max([display_width(c)] + [display_width(r[i]) for r in cells])
        for i, c in enumerate(columns)
    ]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - display_width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(columns), line(["-" * w for w in widths])]
    out.extend(line(r) for r in cells)
    return "\n".join(out)


def format_rows(columns: list[str], rows: list[tuple], fmt: str) -> str:
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


# ---------------------------------------------------------------- commands


def cmd_ingest(args: argparse.Namespace) -> int:
    try:
        paths = discover(args.paths)
    except PathNotFound as exc:
        raise CliError(str(exc)) from None
    if not paths:
        raise CliError("no report files found (looked for .pdf, .hwp, .hwpx, .txt)")
    # Parse in worker processes before the warehouse is open: DuckDB's threads and fork() do
    # not mix.
    results = process_many(paths, workers=args.workers)
    con = _open_db(args.db)
    failed = 0
    with con:
        for processed in results:
            result = load_document(
                con,
                processed.document,
                processed.facts,
                stats=processed.stats,
                signature=processed.signature,
            )
            print(describe(processed, result))
            failed += processed.document.status == "failed"
        if args.quality:
            _run_quality(con)
        print(summary(con, args.db))
    return 1 if failed else 0


def describe(processed: ProcessedFile, result: LoadResult) -> str:
    """One line per file: what happened to it."""
    doc, facts = processed.document, processed.facts
    if result.action == "unchanged":
        return f"unchanged  {doc.path}"
    if result.action == "duplicate":
        return f"duplicate  {doc.path}: same bytes as {result.same_as}"
    if result.action == "moved":
        return f"moved      {doc.path}: same bytes as {result.same_as}, which is gone"
    if result.action == "kept_previous":
        return (
            f"failed     {doc.path}: {doc.error}: {doc.error_message} "
            "(the previous version stays current)"
        )
    if doc.status == "failed":
        return f"failed     {doc.path}: {doc.error}: {doc.error_message}"
    return f"{doc.status:<10} {doc.path} ({doc.format}, {found(facts)})"


def found(facts) -> str:
    """What the rules found, in the words of the document's family."""
    if facts is None:
        return "no facts"
    family = families.named(facts.family)
    if family is not None:
        return f"{family.NAME}: {families.summary_of(family, families.counts_of(facts, family))}"
    return f"no family: {len(facts.outline)} outline nodes, {len(facts.tables)} tables"


def _run_quality(con) -> None:
    try:
        from kplan.warehouse.quality import run_checks
    except ImportError:  # the quality engine is optional until it lands
        return
    run_checks(con)


def summary(con: duckdb.DuckDBPyConnection, db: str) -> str:
    docs = dict(con.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall())
    reports = con.execute("SELECT count(*) FROM reports").fetchone()[0]
    counts = {
        t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("sections", "budget_lines", "training_items", "findings")
    }
    total = sum(docs.values())
    return "\n".join(
        [
            f"Warehouse: {db}",
            f"Documents: {total} ({docs.get('ok', 0)} ok, {docs.get('partial', 0)} partial, "
            f"{docs.get('failed', 0)} failed) · reports: {reports}",
            f"Sections: {counts['sections']} · budget lines: {counts['budget_lines']} · "
            f"training items: {counts['training_items']} · findings: {counts['findings']}",
        ]
    )


def cmd_sql(args: argparse.Namespace) -> int:
    if not Path(args.db).exists():
        raise CliError(f"no warehouse at {args.db} (run `kplan ingest PATH --db {args.db}`)")
    con = _open_db(args.db, read_only=True, sandboxed=True)
    try:
        cursor = con.execute(args.query)
    except duckdb.Error as exc:
        raise CliError(str(exc).splitlines()[0]) from None
    columns = [d[0] for d in cursor.description] if cursor.description else []
    rows = cursor.fetchall() if columns else []
    print(format_rows(columns, rows, args.format))
    return 0


def _open_db(
    db: str, *, read_only: bool = False, sandboxed: bool = False
) -> duckdb.DuckDBPyConnection:
    try:
        if sandboxed:  # SQL from the user: the warehouse and no other file (#10.8)
            return open_sandboxed(db)
        if read_only:
            return duckdb.connect(db, read_only=True)
        return connect(db)
    except duckdb.IOException as exc:
        raise CliError(f"cannot open warehouse {db}: {str(exc).splitlines()[0]}") from None


# ---------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kplan",
        description="Korean planning reports (PDF, HWP, HWPX, text) into a DuckDB warehouse.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser(
        "ingest",
        help="parse report files and load their facts",
        description="Parse report files (folders are searched for .pdf .hwp .hwpx .txt) and "
        "load their facts, one transaction per document. Exits 1 when any file "
        "failed; the others are loaded all the same.",
        epilog="example: kplan ingest samples/ inbox/plan.hwp --db warehouse/reports.duckdb",
    )
    ingest.add_argument("paths", nargs="+", metavar="PATH")
    ingest.add_argument("--db", default=DEFAULT_DB, help=f"warehouse file (default {DEFAULT_DB})")
    ingest.add_argument(
        "--workers",
        type=int,
        default=None,
        help="worker processes (default: one per core, at most 4)",
    )
    ingest.add_argument(
        "--no-quality",
        dest="quality",
        action="store_false",
        help="skip the data-quality checks after loading",
    )
    ingest.set_defaults(func=cmd_ingest)

    sql = sub.add_parser(
        "sql",
        help="run a SQL query against the warehouse",
        description="Run one SQL query against the warehouse (read-only).",
        epilog="example: kplan sql \"SELECT section_code, amount FROM budget_lines WHERE "
        "is_total\" --format csv",
    )
    sql.add_argument("query")
    sql.add_argument("--db", default=DEFAULT_DB)
    sql.add_argument("--format", choices=["table", "csv", "json"], default="table")
    sql.set_defaults(func=cmd_sql)

    from . import quality_cli  # here, not at the top: quality_cli reads helpers from this module

    quality_cli.add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except CliError as exc:
        print(f"kplan: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kplan: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`kplan quality | head`): stop quietly, as Unix tools do.
        sys.stderr.close()
        return 0
    except duckdb.Error as exc:
        print(f"kplan: error: warehouse: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(
            f"kplan: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
