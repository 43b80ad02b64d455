"""Reading hostile bytes under a cap: one child process per file, its memory (address space)
limited with setrlimit and its time with a timeout, and the mutation fuzzer (`make fuzz`) built
on it.

`parse_capped(path)` is the unit: the child parses the file and prints its status, error code,
issue codes, time and peak memory as JSON. A child that is killed (timeout, a signal) or exits
without that line is an outcome too; anything but a typed status is a bug in a reader.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

DEFAULT_MEMORY = 1536 * 1024 * 1024  # bytes of address space per case
DEFAULT_TIMEOUT = 60.0  # seconds per case


@dataclass
class Outcome:
    """What reading one file did. `status` is None when the child gave no result; `crash`
    then says why (timeout, the signal, the last line of its traceback)."""

    status: str | None
    error: str | None = None
    issues: list[str] = field(default_factory=list)
    seconds: float = 0.0
    peak_mb: float = 0.0
    crash: str | None = None

    @property
    def typed(self) -> bool:
        return self.status is not None


def _limit_memory(max_bytes: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))

    return apply


def parse_capped(
    path: str | Path, *, max_memory: int = DEFAULT_MEMORY, timeout: float = DEFAULT_TIMEOUT
) -> Outcome:
    """Parse `path` in a child process under `max_memory` bytes and `timeout` seconds."""
    command = [sys.executable, "-m", "kplan.pipeline.fuzz", "--parse-one", str(path)]
    started = time.monotonic()
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=_limit_memory(max_memory),
        )
    except subprocess.TimeoutExpired:
        return Outcome(None, seconds=time.monotonic() - started, crash=f"timeout {timeout:g}s")
    seconds = time.monotonic() - started
    for line in reversed(done.stdout.splitlines()):
        if line.startswith("{"):
            return Outcome(**{**json.loads(line), "seconds": seconds})
    if done.returncode < 0:
        crash = f"signal {-done.returncode}"
    else:
        last = (done.stderr.strip().splitlines() or [""])[-1]
        crash = f"exit {done.returncode}: {last}"[:300]
    return Outcome(None, seconds=seconds, crash=crash)


def _parse_one(path: str) -> None:
    from kplan.parsers import parse_file

    doc = parse_file(path)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux
    outcome = Outcome(doc.status, doc.error, [i.code for i in doc.issues], peak_mb=peak_kb / 1024)
    print(json.dumps(asdict(outcome)))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) == 2 and args[0] == "--parse-one":
        _parse_one(args[1])
        return 0
    print("usage: python -m kplan.pipeline.fuzz --parse-one FILE", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
