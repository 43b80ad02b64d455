"""`kplan check FILE`: lint one draft (parse, rules, every check) without a warehouse; exit 1
when any finding is an error. The work is `kplan.check` (kplan/api.py); this prints it."""

from __future__ import annotations

from pathlib import Path

import click

from .options import check_folders, checks_option, command, lang_option
from .output import KplanError, count_line, finding_line


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
    from kplan.api import check as check_file  # here: the rules, DuckDB

    checked = check_file(path, checks=check_folders(checks))
    if checked.document.status == "failed":
        click.echo(f"{path}: failed: {checked.document.error}")
    else:
        click.echo(f"{path} ({checked.kind}): {checked.found}")
        for line in checked.details:
            click.echo(line)
    for f in checked.findings:
        click.echo(finding_line(f, lang=lang))
    for reason in checked.not_checked:
        click.echo(f"not checked: {reason}")
    click.echo(count_line(checked.counts))
    return 0 if checked.ok else 1
