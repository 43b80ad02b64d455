"""What every `kplan` command shares: the `command` decorator (help with an example), the
options several commands take, and opening the warehouse."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import duckdb

from kplan.warehouse import quality
from kplan.warehouse.load import connect
from kplan.warehouse.sandbox import open_sandboxed

from .output import FORMATS, KplanError, first_line

DEFAULT_DB = "warehouse/reports.duckdb"
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def example_epilog(example: str) -> str:
    if not example.startswith("kplan "):
        raise ValueError(f"an example starts with 'kplan ': {example!r}")
    return f"example: {example}"


class ExampleLast:
    """--help ends with the example, unwrapped and unindented, so that it can be copied as it
    stands."""

    epilog: str | None

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.epilog:
            formatter.write_paragraph()
            formatter.write(self.epilog + "\n")


class KplanCommand(ExampleLast, click.Command):
    def __init__(self, *args: Any, example: str, **kwargs: Any) -> None:
        super().__init__(*args, epilog=example_epilog(example), **kwargs)


def command(name: str, *, summary: str, description: str, example: str) -> Callable:
    """`@command("sql", summary=…, description=…, example="kplan sql …")`: `summary` is its line
    in `kplan --help`, `description` heads its own --help, `example` ends it."""
    return click.command(
        name,
        cls=KplanCommand,
        short_help=summary,
        help=description,
        example=example,
        context_settings=CONTEXT_SETTINGS,
    )


# ---------------------------------------------------------------- shared options

db_option = click.option(
    "--db", default=DEFAULT_DB, show_default=True, metavar="DB", help="warehouse file"
)
format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True
)
lang_option = click.option(
    "--lang",
    type=click.Choice(["ko", "en"]),
    default="ko",
    show_default=True,
    help="language of the messages",
)
checks_option = click.option(
    "--checks",
    metavar="DIR",
    multiple=True,
    help="also run the check files in DIR (may be repeated)",
)
severity_option = click.option(
    "--severity",
    type=click.Choice(quality.SEVERITIES),
    multiple=True,
    help="show only findings of this severity (may be repeated)",
)


def check_folders(checks: tuple[str, ...]) -> list[str] | None:
    """--checks as the quality engine takes it: None when not given."""
    return list(checks) or None


# ---------------------------------------------------------------- the warehouse


def existing_db(db: str) -> str:
    if not Path(db).exists():
        raise KplanError(f"no warehouse at {db} (run `kplan ingest PATH --db {db}`)")
    return db


def open_db(
    db: str, *, read_only: bool = False, sandboxed: bool = False
) -> duckdb.DuckDBPyConnection:
    """The warehouse at `db`: read-only as it is, or read-write, created and migrated;
    `sandboxed`: read-only and no other file reachable (for SQL a user wrote, #10.8)."""
    try:
        if sandboxed:
            return open_sandboxed(db)
        if read_only:
            return duckdb.connect(db, read_only=True)
        return connect(db)
    except duckdb.IOException as exc:
        raise KplanError(f"cannot open warehouse {db}: {first_line(exc)}") from None
