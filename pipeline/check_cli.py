"""`kplan check FILE`: lint one draft (parse, rules, every check) without a warehouse; exit 1
when any finding is an error."""

from __future__ import annotations

from pathlib import Path

import click

from kplan.warehouse import quality
from kplan.warehouse.load import connect, load_document
from kplan.warehouse.summary import check_lines

from .batch import process_file
from .options import check_folders, checks_option, command, lang_option
from .output import KplanError, count_line, document_counts, facts_line, finding_line, kind_of


@command(
    "check",
    summary="lint one report file: parse, rules and checks, no warehouse",
    description="Read one report file (PDF, HWP, HWPX or text), extract its facts and run every "
    "data-quality check on it, without a warehouse. Prints one line per finding (severity, "
    "section, page, check, message) and exits 1 when any finding is an error, 0 otherwise: "
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
    counts = {s: sum(1 for f in found if f["severity"] == s) for s in quality.SEVERITIES}
    click.echo(count_line(counts))
    return 1 if counts["error"] else 0
