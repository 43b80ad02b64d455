"""`kplan diff OLD NEW`: what changed between two versions of a file or two reports."""

from __future__ import annotations

import click

from kplan.warehouse.diff import Change, DiffError, diff

from .options import command, db_option, existing_db, format_option, open_db
from .output import KplanError, print_rows

TABLE_COLUMNS = ["change", "table", "fact", "field", "old", "new", "old_at", "new_at"]
ALL_COLUMNS = Change.columns()


@command(
    "diff",
    summary="show what changed between two versions or two reports",
    description="Compare two documents fact by fact: a budget cell, an item's counts, a section "
    "added or gone, a finding that appeared or was fixed, each with its page (or position). "
    "OLD and NEW are each a path (its current version), PATH@N (version N), a doc_id or a "
    "report_key. Exits 1 when they differ, 0 when they do not (as diff does).",
    example="kplan diff inbox/plan.hwp@1 inbox/plan.hwp --format json",
)
@click.argument("old")
@click.argument("new")
@db_option
@format_option
def diff_command(old: str, new: str, db: str, fmt: str) -> int:
    con = open_db(existing_db(db), read_only=True)
    with con:
        try:
            changes = diff(con, old, new)
        except DiffError as exc:
            raise KplanError(str(exc)) from None
    if fmt == "table":
        rows = [
            (c.change, c.table, c.fact, c.field, c.old, c.new,
             c.old_at, c.new_at)
            for c in changes
        ]  # fmt: skip
        if rows:
            print_rows(TABLE_COLUMNS, rows, fmt)
        else:
            click.echo("No differences.")
    else:
        print_rows(ALL_COLUMNS, [tuple(c.as_dict().values()) for c in changes], fmt)
    return 1 if changes else 0
