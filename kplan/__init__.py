"""kplan as a library: what the `kplan` command line does, as three functions.

    import kplan
    kplan.parse(path)              # one file -> its Document and the facts read from it
    kplan.check(path)              # one file -> its data-quality findings, no warehouse
    kplan.ingest(paths, db=...)    # files and folders -> the DuckDB warehouse

They live in `kplan.api` and load on first use, so that importing one stage
(`kplan.parsers`, `kplan.rules`, …) does not import the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kplan.api import (
        Checked,
        Ingested,
        NoReportFiles,
        WarehouseUnavailable,
        check,
        ingest,
        open_warehouse,
        parse,
    )

__all__ = [
    "Checked",
    "Ingested",
    "NoReportFiles",
    "WarehouseUnavailable",
    "check",
    "ingest",
    "open_warehouse",
    "parse",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from kplan import api

        return getattr(api, name)
    raise AttributeError(f"module 'kplan' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
