"""Time kplan on the files named in a list file, in one process, by stage.

    python bench/kplan_worker.py parse LIST
    python bench/kplan_worker.py ingest LIST --db W.duckdb [--jobs N] [--executor E]
    python bench/kplan_worker.py rules LIST [--repeat N]

`parse` reads each file (parse_file) and nothing else. `ingest` is `kplan ingest`: it opens
the warehouse and calls `pipeline.ingest` (kplan/pipeline/ingest.py) — a file loaded unchanged
is skipped before it is read — then runs the quality checks as `kplan ingest` does (none when
nothing was read and the findings are current); run it twice on one warehouse and the second is
the re-ingest of unchanged files. The stage clocks wrap the library functions
`pipeline.ingest` calls, so the code timed is the code users run. With `--jobs 1` the files are
read in this process (executor inline: the clocks see every stage); with more, in the worker
pool `kplan ingest` uses, whose clocks stay in the workers: parse and rules are reported
together, as the batch's wall time less the writer's. `rules` measures the rules' CPU per
sample file after the tokenizer's one-time load, and how much of it the tokenizer is (#12).
Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path
from statistics import median

# kplan is imported in each mode, as `kplan ingest` imports it: a re-ingest that reads nothing
# does not load the readers, and its time is what a user's re-ingest costs.

STAGES = ("open", "skip", "parse", "rules", "load", "checks")


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
    from kplan.parsers import parse_file

    parse = clock.wrap("parse", parse_file)
    pages, failed = 0, 0
    for path in paths:
        doc = parse(path)
        pages += doc.pages or 0
        failed += doc.status == "failed"
    return {"files": len(paths), "pages": pages, "failed": failed, "stages": clock.seconds}


def ingest(paths: list[Path], db: Path, jobs: int, executor: str | None) -> dict:
    clock = Clock()
    # The batch imports these from their modules at call time: wrapping them there times the
    # reader and the rules (the text signature is part of the rules stage) as the batch runs
    # (in this process with the inline executor; in a pool, the workers' clocks are theirs).
    import kplan.parsers
    import kplan.rules
    import kplan.rules.fingerprint
    from kplan.pipeline import ingest as ingest_run
    from kplan.warehouse import quality
    from kplan.warehouse.load import connect

    kplan.parsers.parse_file = clock.wrap("parse", kplan.parsers.parse_file)  # type: ignore[assignment]
    kplan.rules.extract = clock.wrap("rules", kplan.rules.extract)  # type: ignore[assignment]
    kplan.rules.fingerprint.signature = clock.wrap(  # type: ignore[assignment]
        "rules", kplan.rules.fingerprint.signature
    )
    # Deciding a file is loaded unchanged (its size and mtime, else its sha256) is the skip.
    ingest_run._skip = clock.wrap("skip", ingest_run._skip)  # type: ignore[assignment]
    ingest_run.load_document = clock.wrap("load", ingest_run.load_document)  # type: ignore[assignment]
    executor = executor or ("inline" if jobs <= 1 else "process")
    start = time.perf_counter()
    con = connect(str(db))
    clock.seconds["open"] += time.perf_counter() - start
    actions: Counter[str] = Counter()
    pages = failed = parsed = 0

    were_current = quality.checks_current(con)

    def on_file(outcome) -> None:
        nonlocal pages, failed, parsed
        actions[outcome.result.action] += 1
        if outcome.processed is not None:
            parsed += 1
            pages += outcome.processed.document.pages or 0
            failed += outcome.failed

    options = ingest_run.IngestOptions(jobs=jobs, executor=executor)
    start = time.perf_counter()
    totals = ingest_run.ingest(con, paths, options, on_file=on_file)
    batch_wall = time.perf_counter() - start
    # The checks as `kplan ingest` runs them (the same function decides which): their clock
    # runs only when they do.
    quality.check_changed = clock.wrap("checks", quality.check_changed)  # type: ignore[assignment]
    ingest_run.check_after_ingest(con, totals, were_current=were_current, report=lambda _: None)
    con.close()
    pooled = executor != "inline"
    if pooled:  # the workers' clocks are not ours: the batch's wall time, less the writer's
        writer = clock.seconds["load"] + clock.seconds["skip"]
        clock.seconds["parse"], clock.seconds["rules"] = max(0.0, batch_wall - writer), 0.0
    return {
        "files": len(paths),
        "parsed": parsed,
        "pages": pages,
        "failed": failed,
        "actions": dict(actions),
        "stages": clock.seconds,
        "executor": executor,
        "parse_and_rules_together": pooled,
    }


class TokenizerClock:
    """Kiwi with a CPU clock on `tokenize`: how much of the rules' time is the tokenizer's."""

    def __init__(self, kiwi):
        self.kiwi, self.seconds = kiwi, 0.0

    def tokenize(self, text, *args, **kwargs):
        start = time.process_time()
        out = self.kiwi.tokenize(text, *args, **kwargs)
        if not isinstance(text, str):
            out = list(out)  # a list of texts is analysed as it is iterated: here, on the clock
        self.seconds += time.process_time() - start
        return out


def rules_cpu(paths: list[Path], repeat: int) -> dict:
    """CPU seconds of the rules (`extract`) per file once the tokenizer is loaded, the
    tokenizer's part of them, the tokenizer's one-time load, and what the first search pays to
    index the file's units: medians of `repeat` runs, every cache of the rules (the name keys',
    the text caches of rules/memo.py) emptied before each, as in a fresh worker."""
    from kplan.parsers import parse_file
    from kplan.rules import extract, korean, memo
    from kplan.rules.search_index import unit_terms

    start = time.process_time()
    clocked = TokenizerClock(korean.kiwi())
    load = time.process_time() - start
    korean.kiwi = lambda: clocked  # type: ignore[assignment]
    files = {}
    for path in paths:
        doc = parse_file(path)
        runs, tokenizer, index = [], [], []
        for _ in range(repeat):
            memo.clear()
            clocked.seconds = 0.0
            start = time.process_time()
            facts = extract(doc)
            runs.append(time.process_time() - start)
            tokenizer.append(clocked.seconds)
            start = time.process_time()
            unit_terms([unit.text for unit in facts.search_units])
            index.append(time.process_time() - start)
        rules, tokens = median(runs), median(tokenizer)
        files[path.name] = {
            "rules": rules,
            "tokenizer": tokens,
            "without_tokenizer": max(0.0, rules - tokens),
            "index": median(index),
            "units": len(facts.search_units),
        }
    return {"tokenizer_load": load, "files": files}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["parse", "ingest", "rules"])
    parser.add_argument("list_file", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="rules: runs per file")
    parser.add_argument("--db", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument(
        "--executor", help="process or inline (default: inline with --jobs 1, else process)"
    )
    args = parser.parse_args(argv)
    paths = [Path(line) for line in args.list_file.read_text("utf-8").splitlines() if line]
    if args.mode == "parse":
        out = parse_only(paths)
    elif args.mode == "rules":
        out = rules_cpu(paths, args.repeat)
    else:
        out = ingest(paths, args.db, args.jobs, args.executor)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
