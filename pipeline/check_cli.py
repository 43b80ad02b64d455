"""`kplan check FILE`: lint one draft (parse, rules, every check) without a warehouse; exit 1
when any finding is an error."""

from __future__ import annotations

from pathlib import Path

import click

from kplan.warehouse import quality
from kplan.warehouse.summary import check_lines, document_counts, kind_of

from .batch import ProcessedFile
from .options import check_folders, checks_option, command, lang_option
from .output import KplanError, count_line, facts_line, finding_line


@command(
    "check",
    summary="lint one report file: parse, rules and checks, no warehouse",
    description="Read one report file (PDF, HWP, HWPX or text), extract its facts and run every "
    "data-quality check on it, without a warehouse. Prints one line per finding (severity, "
    "section, page, check, message) and exits 1 when any finding is an error or part of the "
    "file could not be checked (it could not be read, or a rule failed on it), 0 otherwise: "
    "check a draft before it goes out.",
    example="kplan check drafts/2025-plan.hwpx",
)
@click.argument("file", metavar="FILE")
@checks_option
@lang_option
def check(file: str, checks: tuple[str, ...], lang: str) -> int:
    path = Path(file)
    if not path.is_file():
        raise KplanError(f"no such file: {path}")
    from kplan.warehouse.load import connect, load_document  # here: the rules, DuckDB

    from .batch import process_file

    processed = process_file(path)
    con = connect(":memory:")
    with con:
        result = load_document(con, processed.document, processed.facts, stats=processed.stats)
        quality.run_checks(con, [result.doc_id], folders=check_folders(checks))
        doc = document_counts(con)[result.doc_id]
        details = check_lines(con, result.doc_id, doc["family"])
        found = quality.findings(con, [result.doc_id])
    document = processed.document
    if document.status == "failed":
        click.echo(f"{path}: failed: {document.error}")
    else:
        click.echo(f"{path} ({kind_of(doc)}): {facts_line(doc)}")
        for line in details:
            click.echo(line)
    for f in found:
        click.echo(finding_line(f, lang=lang))
    unchecked = not_checked(processed)
    for reason in unchecked:
        click.echo(f"not checked: {reason}")
    counts = {s: sum(1 for f in found if f["severity"] == s) for s in quality.SEVERITIES}
    click.echo(count_line(counts))
    return 1 if counts["error"] or unchecked else 0


def not_checked(processed: ProcessedFile) -> list[str]:
    """What of the file the checks could not look at: all of it when it could not be read or
    its rules failed, the parts whose rules failed otherwise."""
    doc = processed.document
    if doc.status == "failed":
        return []  # said by its parse_status finding, an error
    if processed.facts is None:
        return [doc.error_message or "the rules read nothing"]
    return [issue.message for issue in doc.issues if issue.code == "rules_failed"]
