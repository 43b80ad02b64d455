"""Time kplan on the files named in a list file, in one process, by stage.

    python bench/kplan_worker.py parse LIST
    python bench/kplan_worker.py ingest LIST --db W.duckdb [--jobs N]

`parse` reads each file (parse_file) and nothing else. `ingest` is what `kplan ingest` does:
parse and extract in `process_many`, load each document, then the quality checks; run it
twice on one warehouse and the second is the re-ingest of unchanged files. The stage clocks
wrap the library functions the batch calls, so the code timed is the code users run. With
`--jobs` above 1 the workers' own clocks stay in the workers: parse and rules are reported
together as the wall time of the batch. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from kplan.parsers import parse_file
from kplan.pipeline import batch
from kplan.warehouse.load import connect, load_document
from kplan.warehouse.quality import run_checks

STAGES = ("parse", "rules", "load", "checks")


class Clock:
    """Seconds spent per stage, summed over calls."""

    def __init__(self):
        self.seconds = dict.fromkeys(STAGES, 0.0)

    def wrap(self, stage: str, function):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[stage] += time.perf_counter() - start

        return timed


def parse_only(paths: list[Path]) -> dict:
    clock = Clock()
    parse = clock.wrap("parse", parse_file)
    pages, failed = 0, 0
    for path in paths:
        doc = parse(path)
        pages += doc.pages or 0
        failed += doc.status == "failed"
    return {"files": len(paths), "pages": pages, "failed": failed, "stages": clock.seconds}


def ingest(paths: list[Path], db: Path, jobs: int) -> dict:
    clock = Clock()
    # The batch imports these from their modules at call time: wrapping them there times the
    # reader and the rules (the text signature is part of the rules stage) as the batch runs
    # (in this process with --jobs 1; with more, the workers' wall time is taken instead).
    import kplan.parsers
    import kplan.rules
    import kplan.rules.fingerprint

    kplan.parsers.parse_file = clock.wrap("parse", kplan.parsers.parse_file)  # type: ignore[assignment]
    kplan.rules.extract = clock.wrap("rules", kplan.rules.extract)  # type: ignore[assignment]
    kplan.rules.fingerprint.signature = clock.wrap(  # type: ignore[assignment]
        "rules", kplan.rules.fingerprint.signature
    )
    start = time.perf_counter()
    results = batch.process_many(paths, workers=jobs)
    workers_wall = time.perf_counter() - start
    con = connect(str(db))
    actions: Counter[str] = Counter()
    load = clock.wrap("load", load_document)
    for processed in results:
        result = load(
            con,
            processed.document,
            processed.facts,
            stats=processed.stats,
            signature=processed.signature,
        )
        actions[result.action] += 1
    checks = clock.wrap("checks", run_checks)
    checks(con, report=lambda line: None)
    con.close()
    if jobs > 1:  # the workers' clocks are not ours: the batch's wall time is parse + rules
        clock.seconds["parse"], clock.seconds["rules"] = workers_wall, 0.0
    return {
        "files": len(paths),
        "pages": sum(p.document.pages or 0 for p in results),
        "failed": sum(p.document.status == "failed" for p in results),
        "actions": dict(actions),
        "stages": clock.seconds,
        "parse_and_rules_together": jobs > 1,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["parse", "ingest"])
    parser.add_argument("list_file", type=Path)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    paths = [Path(line) for line in args.list_file.read_text("utf-8").splitlines() if line]
    if args.mode == "parse":
        out = parse_only(paths)
    else:
        out = ingest(paths, args.db, args.jobs)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
