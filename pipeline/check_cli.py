"""`kplan check FILE`: lint one draft (parse, rules, every check) without a warehouse; exit 1
when any finding is an error. The work is `kplan.check`."""

from __future__ import annotations

from pathlib import Path

import click

from kplan import api

from .options import check_folders, checks_option, command, lang_option
from .output import KplanError, count_line, finding_line


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
    checked = api.check(path, checks=check_folders(checks))
    if checked.document.status == "failed":
        click.echo(f"{path}: failed: {checked.document.error}")
    else:
        click.echo(f"{path} ({checked.kind}): {checked.found}")
        for line in checked.details:
            click.echo(line)
    for f in checked.findings:
        click.echo(finding_line(f, lang=lang))
    click.echo(count_line(checked.counts))
    return 0 if checked.ok else 1
