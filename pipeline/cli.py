"""The `kplan` command line, on click. Every expected failure is one line on stderr
('kplan: error: …', exit code 2), never a traceback.

Adding a command is one new module and one line here:

1. `pipeline/<name>_cli.py` defines the command with `options.command` (its summary, its
   description and an example, which `--help` ends with) and click's own decorators, shared
   options from `options.py` (`db_option`, `format_option`, …). It returns its exit code, raises
   `output.KplanError` for an expected failure, and prints through `output.py`
   (`print_rows` for tables and rows). Keep the work itself in a library function; the command
   only reads options and prints.
2. Add `"<name>_cli:<function>"` to `COMMANDS` below.

Commands import from `options` and `output`, never from this module or from each other.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

import click
import duckdb

from .options import CONTEXT_SETTINGS, DEFAULT_DB, ExampleLast, example_epilog
from .output import KplanError, first_line
from .output import format_table as format_table  # kplan.pipeline.cli.format_table, as before

# One line per command: "module:function" in this package, in the order `kplan --help` lists.
COMMANDS = [
    "ingest_cli:ingest",
    "sql_cli:sql",
    "quality_cli:quality",
    "check_cli:check",
    "diff_cli:diff_command",
    "export_cli:export",
    "export_cli:import_command",
]

__all__ = ["COMMANDS", "DEFAULT_DB", "KplanError", "build_cli", "format_table", "kplan", "main"]


class KplanGroup(ExampleLast, click.Group):
    """`kplan --help` lists the commands as COMMANDS orders them, not alphabetically."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


def build_cli() -> click.Group:
    group = KplanGroup(
        "kplan",
        help="Korean planning reports (PDF, HWP, HWPX, text) into a DuckDB warehouse.",
        epilog=example_epilog("kplan ingest samples/ && kplan quality --html report.html"),
        context_settings=CONTEXT_SETTINGS,
    )
    for entry in COMMANDS:
        module, _, name = entry.partition(":")
        group.add_command(getattr(importlib.import_module(f"{__package__}.{module}"), name))
    return group


kplan = build_cli()


def main(argv: Sequence[str] | None = None) -> int:
    """Run `kplan` on `argv` (default: the process's arguments) and return the exit code.

    As with click's own scripts, --help and a command line that does not parse end in
    SystemExit before any command runs (usage errors exit 2)."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        return _invoke(args)
    except click.exceptions.Exit as exc:  # --help
        raise SystemExit(exc.exit_code) from None
    except click.UsageError as exc:
        exc.show()
        raise SystemExit(exc.exit_code) from None
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except (KeyboardInterrupt, click.Abort):
        click.echo("kplan: interrupted", err=True)
        return 130
    except BrokenPipeError:
        # The reader went away (`kplan quality | head`): stop quietly, as Unix tools do.
        sys.stderr.close()
        return 0
    except duckdb.Error as exc:
        return _fail(f"warehouse: {first_line(exc)}")
    except OSError as exc:
        return _fail(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))


def _invoke(args: list[str]) -> int:
    with kplan.make_context("kplan", args) as ctx:
        return kplan.invoke(ctx) or 0


def _fail(message: str) -> int:
    error = KplanError(message)
    error.show()
    return error.exit_code


if __name__ == "__main__":
    sys.exit(main())
