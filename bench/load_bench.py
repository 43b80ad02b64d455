"""The warehouse's load alone (warehouse/load.py `load_document`): CPU per document, and the
statements it runs, with parsing done once beforehand.

    python bench/load_bench.py parse OUT.pickle [FILE ...]   # read files once, keep the results
    python bench/load_bench.py time CACHE.pickle [--documents N] [--profile OUT.prof]
    python bench/load_bench.py count CACHE.pickle [--documents N]

`parse` reads the bench corpus (bench/.work/corpus: `make bench` builds it), ../shared/corpus
reports and the samples unless files are named, and pickles each file's ProcessedFile. `time`
loads them into a new warehouse, cycled to N documents: a copy gets other bytes (its sha256)
and another path (an empty file made for it, so that it is not gone), its facts as parsed.
It prints one JSON line: the CPU (process_time) of all loads and the warehouse's close (its
last checkpoint), and the median CPU of a load over the first 200 documents and the last 200.
`count` prints the statements a load runs (`execute`s, and an appender's flush is one), the
median over the documents, and by kind.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import json
import pickle
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
HANCOM_AND_PDF = ("*.hwp", "*.hwpx", "*.pdf")


def bench_files() -> list[Path]:
    work = ROOT / "bench" / ".work" / "corpus"
    if not work.is_dir():  # a worktree shares main's bench corpus
        work = ROOT.parent.parent / "main" / "bench" / ".work" / "corpus"
    found = sorted(p for pattern in HANCOM_AND_PDF for p in work.glob(pattern))
    if (CORPUS / "reports").is_dir():
        found += sorted((CORPUS / "reports").iterdir())
    return found + sorted((ROOT / "samples").glob("seoul-edu-training-2025-plan.*"))


def parse(out: Path, files: list[Path]) -> None:
    from kplan.pipeline.batch import process_file

    processed = [(str(path), process_file(path)) for path in files or bench_files()]
    out.write_bytes(pickle.dumps(processed))
    print(f"{len(processed)} files parsed into {out}")


def documents(cache: Path, n: int | None, copies_dir: Path) -> list:
    """The cached files, cycled to `n`: copy k of a file is other bytes at another path."""
    processed = [p for _, p in pickle.loads(cache.read_bytes())]
    n = n or len(processed)
    out = []
    for i in range(n):
        original = processed[i % len(processed)]
        copy = i // len(processed)
        if copy:
            path = copies_dir / str(copy) / Path(original.document.path).name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch()
            doc = dataclasses.replace(
                original.document, path=str(path), sha256=f"{original.document.sha256}-{copy}"
            )
            original = dataclasses.replace(original, document=doc)
        out.append(original)
    return out


def load_all(con, processed: list, on_load=None) -> list[float]:
    from kplan.warehouse.load import load_document

    seconds = []
    for p in processed:
        start = time.process_time()
        load_document(con, p.document, p.facts, stats=p.stats, signature=p.signature)
        seconds.append(time.process_time() - start)
        if on_load is not None:
            on_load()
    return seconds


class CountedAppender:
    """An appender whose flushes (one statement each) are counted."""

    def __init__(self, appender, table: str, kinds: Counter[str]):
        self._appender, self._table, self._kinds = appender, table, kinds

    def flush(self):
        self._kinds[f"append {self._table}"] += 1
        return self._appender.flush()

    def __getattr__(self, name):
        return getattr(self._appender, name)


class Counting:
    """A connection that counts the statements run through it."""

    def __init__(self, con):
        self._con = con
        self.kinds: Counter[str] = Counter()

    def execute(self, sql, *args):
        self.kinds[" ".join(str(sql).split())[:60]] += 1
        return self._con.execute(sql, *args)

    def appender(self, table, *args, **kwargs):
        return CountedAppender(self._con.appender(table, *args, **kwargs), table, self.kinds)

    def __getattr__(self, name):
        return getattr(self._con, name)


def run(args, work: Path) -> dict:
    from kplan.warehouse.load import connect

    con = connect(work / "w.duckdb")
    processed = documents(args.cache, args.documents, work / "copies")
    if args.command == "count":
        counting = Counting(con)
        per_document: list[int] = []
        load_all(counting, processed, lambda: per_document.append(sum(counting.kinds.values())))
        steps = [b - a for a, b in zip([0, *per_document], per_document, strict=False)]
        return {
            "documents": len(processed),
            "median_statements": median(steps),
            "by_kind": dict(counting.kinds.most_common()),
        }
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    seconds = load_all(con, processed)
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    start = time.process_time()
    con.close()  # its checkpoint writes what the last loads left in the log
    closing = time.process_time() - start
    window = min(200, len(seconds))
    return {
        "documents": len(seconds),
        "total_cpu_s": round(sum(seconds) + closing, 3),
        "close_cpu_s": round(closing, 3),
        "median_ms_first": round(1000 * median(seconds[:window]), 2),
        "median_ms_last": round(1000 * median(seconds[-window:]), 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse")
    p.add_argument("out", type=Path)
    p.add_argument("files", nargs="*", type=Path)
    for name in ("time", "count"):
        p = sub.add_parser(name)
        p.add_argument("cache", type=Path)
        p.add_argument("--documents", type=int)
        p.add_argument("--profile", type=Path)
    args = parser.parse_args(argv)
    if args.command == "parse":
        parse(args.out, args.files)
        return 0
    with tempfile.TemporaryDirectory(prefix="kplan-load-bench-") as work:
        print(json.dumps(run(args, Path(work))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
