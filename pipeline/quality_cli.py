"""`kplan quality` (the findings of a warehouse, and its HTML report) and `kplan check` (lint one
draft without a warehouse). `add_commands(subparsers)` adds both to the `kplan` parser."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import duckdb

from kplan.warehouse import quality
from kplan.warehouse.summary import check_lines, found_line, short_position

SEVERITY_WORDS = {"error": "errors", "warning": "warnings", "info": "info"}


# ---------------------------------------------------------------- output helpers


def count_line(counts: dict[str, int]) -> str:
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
    page = f"p.{f['page']}" if f.get("page") is not None else short_position(f.get("position"))
    message = f["message_en"] if lang == "en" and f.get("message_en") else f["message"]
    return (
        f"{f['severity']:<7}  {f.get('section_code') or '-':<5}  {page:<5}  {f['rule']}  {message}"
    )


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


def facts_line(d: dict[str, Any]) -> str:
    return d["found"]


def kind_of(d: dict[str, Any]) -> str:
    """'pdf, 46 pages, training_plan': the format, the pages and the family where known."""
    return ", ".join(
        str(x)
        for x in (d["format"] or "?", f"{d['pages']} pages" if d["pages"] else None, d["family"])
        if x
    )


def document_line(d: dict[str, Any]) -> str:
    kind = kind_of(d)
    head = f"doc {d['doc_id']}  {d['file_name']} ({kind})"
    if d["status"] == "failed":
        return f"{head}: failed — {count_line(d)}"
    return f"{head}: {facts_line(d)} — {count_line(d)}"


# ---------------------------------------------------------------- commands


def cmd_quality(args: argparse.Namespace) -> int:
    from .cli import CliError, _open_db, format_rows

    if args.list_checks:
        return _list_checks(args.checks)
    if not Path(args.db).exists():
        raise CliError(f"no warehouse at {args.db} (run `kplan ingest PATH --db {args.db}`)")
    con = _open_db(args.db, read_only=not args.run)
    with con:
        if args.run:
            quality.run_checks(con, folders=args.checks)
        docs = document_counts(con)
        found = quality.findings(con)
        if args.severity:
            found = [f for f in found if f["severity"] in args.severity]
        if args.format == "table":
            totals = {s: sum(d[s] for d in docs.values()) for s in quality.SEVERITIES}
            print(f"Documents: {len(docs)} · findings: {count_line(totals)}")
            for d in docs.values():
                print(document_line(d))
            print()
        columns = [
            "doc",
            "severity",
            "section",
            "page",
            "rule",
            "expected",
            "actual",
            "difference",
            "message",
        ]
        message = "message_en" if args.lang == "en" else "message"
        rows = [
            (
                f["doc_id"],
                f["severity"],
                f["section_code"],
                f["page"],
                f["rule"],
                f["expected"],
                f["actual"],
                f["difference"],
                f[message],
            )
            for f in found
        ]
        if args.format != "table" or rows:
            print(format_rows(columns, rows, args.format))
        else:
            print("No findings.")
        if args.html:
            from kplan.warehouse.report import write_report

            path = write_report(con, args.html, db_path=args.db)
            if args.format == "table":
                print(f"\nReport: {path}")
    return 0


def _list_checks(folders: list[str] | None) -> int:
    from .cli import format_table

    _, checks, failures = quality.load_checks(folders)
    print(
        format_table(
            ["id", "severity", "kind", "about"],
            [(c.id, c.severity, c.kind, c.about) for c in checks],
        )
    )
    for failure in failures:
        print(f"unreadable: {failure.path}: {failure.message}")
    return 1 if failures else 0


def cmd_check(args: argparse.Namespace) -> int:
    from kplan.warehouse.load import connect, load_document

    from .batch import process_file
    from .cli import CliError

    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"no such file: {path}")
    processed = process_file(path)
    con = connect(":memory:")
    with con:
        result = load_document(con, processed.document, processed.facts, stats=processed.stats)
        quality.run_checks(con, [result.doc_id], folders=args.checks)
        doc = document_counts(con)[result.doc_id]
        details = check_lines(con, result.doc_id, doc["family"])
        found = quality.findings(con, [result.doc_id])
    document = processed.document
    if document.status == "failed":
        print(f"{path}: failed: {document.error}")
    else:
        print(f"{path} ({kind_of(doc)}): {facts_line(doc)}")
        for line in details:
            print(line)
    for f in found:
        print(finding_line(f, lang=args.lang))
    counts = {s: sum(1 for f in found if f["severity"] == s) for s in quality.SEVERITIES}
    print(f"{count_line(counts)}")
    return 1 if counts["error"] else 0


# ---------------------------------------------------------------- parser


def add_commands(sub: argparse._SubParsersAction) -> None:
    from .cli import DEFAULT_DB

    q = sub.add_parser(
        "quality",
        help="run the data-quality checks and show the findings",
        description="Run the data-quality checks (rules/quality/) over every document in the "
        "warehouse, refill the findings table, and print a summary per document "
        "and the findings. --html writes a self-contained report for planners.",
        epilog="example: kplan quality --html warehouse/report.html",
    )
    q.add_argument("--db", default=DEFAULT_DB, help=f"warehouse file (default {DEFAULT_DB})")
    q.add_argument("--html", metavar="FILE", help="also write the HTML report to FILE")
    q.add_argument(
        "--no-run",
        dest="run",
        action="store_false",
        help="show the findings already stored, without running the checks "
        "(opens the warehouse read-only)",
    )
    q.add_argument(
        "--checks",
        metavar="DIR",
        action="append",
        help="also run the check files in DIR (may be repeated)",
    )
    q.add_argument(
        "--severity",
        action="append",
        choices=list(quality.SEVERITIES),
        help="show only findings of this severity (may be repeated)",
    )
    q.add_argument("--format", choices=["table", "csv", "json"], default="table")
    q.add_argument(
        "--lang", choices=["ko", "en"], default="ko", help="language of the messages (default ko)"
    )
    q.add_argument(
        "--list-checks",
        action="store_true",
        help="list the checks (id, severity, what each looks at) and exit",
    )
    q.set_defaults(func=cmd_quality)

    c = sub.add_parser(
        "check",
        help="lint one report file: parse, rules and checks, no warehouse",
        description="Read one report file (PDF, HWP, HWPX or text), extract its facts and run "
        "every data-quality check on it, without a warehouse. Prints one line per "
        "finding (severity, section, page, check, message) and exits 1 when any "
        "finding is an error, 0 otherwise: check a draft before it goes out.",
        epilog="example: kplan check drafts/2025-plan.hwpx",
    )
    c.add_argument("file", metavar="FILE")
    c.add_argument(
        "--checks",
        metavar="DIR",
        action="append",
        help="also run the check files in DIR (may be repeated)",
    )
    c.add_argument(
        "--lang", choices=["ko", "en"], default="ko", help="language of the messages (default ko)"
    )
    c.set_defaults(func=cmd_check)
