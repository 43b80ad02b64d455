"""`kplan quality`: run the data-quality checks over the warehouse, print a summary per document
and the findings, and optionally write the HTML report."""

from __future__ import annotations

import click

from kplan.warehouse import quality as engine

# Re-exported: `kplan.pipeline.quality_cli.short_position` was importable before the CLI moved.
from kplan.warehouse.summary import short_position as short_position

from .options import (
    check_folders,
    checks_option,
    command,
    db_option,
    existing_db,
    format_option,
    lang_option,
    open_db,
    severity_option,
)
from .output import count_line, document_counts, document_line, print_rows

FINDING_COLUMNS = [
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


@command(
    "quality",
    summary="run the data-quality checks and show the findings",
    description="Run the data-quality checks (rules/quality/) over every document in the "
    "warehouse, refill the findings table, and print a summary per document and the findings. "
    "--html writes a self-contained report for planners.",
    example="kplan quality --html warehouse/report.html",
)
@db_option
@click.option("--html", metavar="FILE", help="also write the HTML report to FILE")
@click.option(
    "--redact-contacts",
    is_flag=True,
    help="mask staff names and phone numbers in the HTML report",
)
@click.option(
    "--no-run",
    "run",
    is_flag=True,
    flag_value=False,
    default=True,
    help="show the findings already stored, without running the checks "
    "(opens the warehouse read-only)",
)
@checks_option
@severity_option
@format_option
@lang_option
@click.option(
    "--list-checks",
    is_flag=True,
    help="list the checks (id, severity, what each looks at) and exit",
)
def quality(
    db: str,
    html: str | None,
    redact_contacts: bool,
    run: bool,
    checks: tuple[str, ...],
    severity: tuple[str, ...],
    fmt: str,
    lang: str,
    list_checks: bool,
) -> int:
    if list_checks:
        return _list_checks(check_folders(checks))
    con = open_db(existing_db(db), read_only=not run)
    with con:
        if run:
            engine.run_checks(con, folders=check_folders(checks))
        docs = document_counts(con)
        found = engine.findings(con)
        if severity:
            found = [f for f in found if f["severity"] in severity]
        if fmt == "table":
            totals = {s: sum(d[s] for d in docs.values()) for s in engine.SEVERITIES}
            click.echo(f"Documents: {len(docs)} · findings: {count_line(totals)}")
            for d in docs.values():
                click.echo(document_line(d))
            click.echo()
        message = "message_en" if lang == "en" else "message"
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
        if fmt != "table" or rows:
            print_rows(FINDING_COLUMNS, rows, fmt)
        else:
            click.echo("No findings.")
        if html:
            from kplan.warehouse.report import write_report

            path = write_report(con, html, db_path=db, redact_contacts=redact_contacts)
            if fmt == "table":
                click.echo(f"\nReport: {path}")
    return 0


def _list_checks(folders: list[str] | None) -> int:
    _, checks, failures = engine.load_checks(folders)
    print_rows(
        ["id", "severity", "kind", "about"], [(c.id, c.severity, c.kind, c.about) for c in checks]
    )
    for failure in failures:
        click.echo(f"unreadable: {failure.path}: {failure.message}")
    return 1 if failures else 0
