"""Opening a warehouse another process may hold.

DuckDB lets one process write a database file, or several read it, never both: a second opener
gets an IOException naming the holder's PID. `open_warehouse` waits for the holder up to a
timeout, then raises `WarehouseBusy` saying who it is (its command line), so a second
`kplan ingest` stops before parsing anything and `kplan sql` during a load says why it cannot
read yet.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import duckdb

POLL_SECONDS = 0.2
_HOLDER_PID = re.compile(r"\(PID (\d+)\)")


class WarehouseBusy(Exception):
    """Another process holds the warehouse's lock."""

    def __init__(self, db: str, holder: str, waited: float):
        self.db, self.holder, self.waited = db, holder, waited
        waited_text = f"waited {waited:g} s; " if waited else ""
        super().__init__(
            f"warehouse {db} is in use by {holder} ({waited_text}use --wait SECONDS to wait)"
        )


def holder_of(message: str) -> str | None:
    """'PID 1234 (kplan ingest inbox/)' from DuckDB's lock error, None when it is no lock
    error."""
    if "lock" not in message.lower():
        return None
    match = _HOLDER_PID.search(message)
    if match is None:
        return "another process"
    pid = match.group(1)
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return f"PID {pid}"
    args = [arg for arg in raw.decode(errors="replace").split("\0") if arg]
    if len(args) > 1 and Path(args[0]).name.startswith("python") and "/bin/" in args[1]:
        args = args[1:]  # a console script run by its interpreter: name the script
    command = " ".join(_short_program(arg) for arg in args)
    return f"PID {pid} ({command})" if command else f"PID {pid}"


def _short_program(arg: str) -> str:
    """'/x/.venv/bin/kplan' as 'kplan': the program, not where it is installed."""
    return Path(arg).name if arg.startswith("/") and "/bin/" in arg else arg


def open_warehouse(db: str | Path, opener, *, wait: float = 0.0) -> duckdb.DuckDBPyConnection:
    """`opener()` (a connection to `db`), waiting up to `wait` seconds for another process's
    lock on `db`."""
    started = time.monotonic()
    while True:
        try:
            return opener()
        except duckdb.IOException as exc:
            holder = holder_of(str(exc))
            waited = time.monotonic() - started
            if holder is None:
                raise
            if waited >= wait:
                raise WarehouseBusy(str(db), holder, round(waited) if wait else 0) from None
            time.sleep(min(POLL_SECONDS, wait - waited))
