"""The warehouse a change to the loader makes, compared with the one the code before it makes:
a change that should only make loading faster must leave every table as it was.

    python bench/load_identity.py --base CHECKOUT [--cache PARSED.pickle] [--scenario NAME ...]

CHECKOUT is a checkout of the code to compare with (`git worktree add --detach DIR COMMIT`).
Each scenario builds a warehouse twice, in a process importing CHECKOUT's kplan and in one
importing this tree's (each laid out as a package by links, on PYTHONPATH), from the same files
at the same paths (made again, with the same mtimes, for each run); then every table of
schemas main and history is compared row for row as multisets (EXCEPT ALL both ways), every
column but the wall-clock timestamps (ingested_at, superseded_at), and the load results
(action, doc_id, same_as) of every step. Scenarios:

- samples: the sample report in its four formats, through `pipeline.ingest`, twice.
- bench: the files `bench/load_bench.py parse` read (the bench corpus, ../shared/corpus
  reports, the samples), loaded from its pickle, then cycled to 1,000 documents as
  `load_bench.py time` does (copies at other paths, of other bytes).
- versions: the cases tests/test_versions.py and tests/test_warehouse*.py load — edits, a
  failed version kept behind the good one, re-reads by newer rules and `--force`, moves, a file
  moved and edited, duplicates, a path taking another file's bytes, reports of the same title,
  next year's plan, primaries changing, signatures near the threshold.

Exit status 1 when any table or result differs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.gettempdir()) / "kplan-load-identity"
SAMPLE = ROOT / "samples" / "seoul-edu-training-2025-plan"
WALL_CLOCK = {"ingested_at", "superseded_at"}
SCENARIOS = ("samples", "bench", "versions")


# ---------------------------------------------------------------- building, in a child process


class Files:
    """Files of one scenario under a fixed directory, each write given the next fixed mtime, so
    that both runs record the same file_mtime_ns."""

    def __init__(self, root: Path):
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        self.root = root
        self.clock = 1_700_000_000 * 10**9

    def write(self, name: str, data: bytes | str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return self.stamp(path)

    def stamp(self, path: Path) -> Path:
        self.clock += 10**9
        os.utime(path, ns=(self.clock, self.clock))
        return path

    def move(self, name: str, to: str) -> Path:
        target = self.root / to
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(self.root / name, target)
        return target


def result_of(result) -> list:
    return [result.action, result.doc_id, result.same_as]


def build_samples(con, files: Files) -> list:
    from kplan.pipeline.ingest import IngestOptions, ingest

    paths = [files.write(f"plan.{f}", SAMPLE.with_suffix(f".{f}").read_bytes()) for f in FORMATS]
    results: list = []
    options = IngestOptions(executor="inline")
    for _ in range(2):
        ingest(con, paths, options, on_file=lambda o: results.append(result_of(o.result)))
    return results


FORMATS = ("pdf", "hwp", "hwpx", "txt")


def build_bench(con, files: Files, cache: Path) -> list:
    sys.path.insert(0, str(ROOT / "bench"))
    import load_bench

    results: list = []
    from kplan.warehouse.load import load_document

    for p in load_bench.documents(cache, 1000, files.root / "copies"):
        result = load_document(con, p.document, p.facts, stats=p.stats, signature=p.signature)
        results.append(result_of(result))
    return results


def build_versions(con, files: Files) -> list:
    from kplan.parsers.model import Document
    from kplan.pipeline.batch import process_file
    from kplan.pipeline.ingest import IngestOptions, ingest
    from kplan.rules.fingerprint import SIGNATURE_SIZE
    from kplan.warehouse import load as load_module
    from kplan.warehouse.load import FileStat, load_document

    results: list = []

    def load(path: Path, **options) -> None:
        # load_document as an ingest calls it, spelled out: the base checkout this also runs
        # predates pipeline/ingest.py `load_processed`.
        p = process_file(path)
        result = load_document(
            con,
            p.document,
            p.facts,
            stats=p.stats,
            signature=p.signature,
            file_stat=FileStat.of(path) if path.exists() else None,
            **options,
        )
        results.append(result_of(result))

    def run(*paths: Path, force: bool = False) -> None:
        options = IngestOptions(executor="inline", force=force)
        ingest(con, list(paths), options, on_file=lambda o: results.append(result_of(o.result)))

    text = SAMPLE.with_suffix(".txt").read_text("utf-8")
    total, edited = "합계 104,725 363,774", "합계 104,700 363,750"
    plan = files.write("inbox/plan.txt", text)
    hwpx = files.write("inbox/plan.hwpx", SAMPLE.with_suffix(".hwpx").read_bytes())
    hwp = files.write("inbox/plan.hwp", SAMPLE.with_suffix(".hwp").read_bytes())
    run(plan, hwpx, hwp)
    run(plan, hwpx, hwp)  # unchanged
    files.stamp(plan)  # touched: the same bytes by their sha256
    run(plan)
    files.write("inbox/plan.txt", text.replace(total, edited))  # version 2
    run(plan)
    files.write("inbox/plan.txt", text)  # version 1's bytes again: version 3
    run(plan)
    data = hwpx.read_bytes()
    files.write("inbox/plan.hwpx", data[: len(data) // 2])  # a failed version kept behind
    run(hwpx)
    run(hwpx)
    files.write("inbox/plan.hwpx", data)
    run(hwpx)
    copy = files.write("inbox/copy.txt", text)  # a duplicate
    run(copy)
    moved = files.move("inbox/plan.txt", "archive/plan-2025.txt")  # moved
    run(moved)
    files.move("archive/plan-2025.txt", "archive2/plan.txt")  # moved and edited at once
    moved_edited = files.write("archive2/plan.txt", text.replace(total, edited))
    run(moved_edited)
    institute = text.replace("서울특별시교육청교육연수원", "경기도교육청교육연수원")
    other = files.write("other/institute.txt", institute)
    year = files.write("other/next-year.txt", text.replace("2025", "2026"))
    run(other, year)
    shutil.copy(other, year)  # a path whose bytes became another file's
    files.stamp(year)
    run(year)
    lines = text.splitlines(keepends=True)
    cut = lines.index("3-2-1 안전하고 행복한 학교 만들기 연수\n")
    part_1 = files.write("parts/part-1.txt", "".join(lines[:cut]))
    run(part_1)
    part_2 = files.write("parts/part-2.txt", "".join(lines[cut:]))
    part_1.unlink()
    run(part_2)
    near = files.write("near/plan-edited.txt", text.replace(total, edited) + "\n추가 줄\n")
    run(near)  # moved and edited while the old path exists: its own document
    broken = files.write("bad/broken.pdf", b"%PDF-1.7\n this is not really a pdf")
    run(broken)
    run(broken)  # failed: read again
    files.write("bad/broken.pdf", SAMPLE.with_suffix(".txt").read_bytes())
    run(broken)
    a = files.write("primary/a.txt", text)
    b = files.write("primary/b.txt", text + "\n추가 줄 둘\n")
    c = files.write("primary/c.txt", "전혀 다른 문서입니다. " * 40)
    for path in (a, b, c):
        load(path)
    shutil.copy(c, a)  # a.txt now holds the other report's bytes: a duplicate
    files.stamp(a)
    load(a)
    b.unlink()
    shutil.move(c, b)  # the other report's file moved onto b.txt's path
    load(b)
    load_module.RULES_VERSION += 1  # newer rules: every file is read again
    try:
        run(*sorted(p for p in files.root.rglob("*") if p.is_file()))
    finally:
        load_module.RULES_VERSION -= 1
    run(hwp, hwpx, force=True)
    base = list(range(1000, 1000 + SIGNATURE_SIZE))
    near_threshold = [("far", 40, 1), ("near", 50, 2), ("near-too", 50, 3), ("low", 38, 4)]
    for name, shared, salt in near_threshold:
        signature = base[:shared] + [salt * 10_000 + i for i in range(SIGNATURE_SIZE - shared)]
        doc = Document(path=str(files.root / "sig" / name), format="txt", sha256=f"sha-{name}")
        results.append(result_of(load_document(con, doc, None, signature=signature)))
    con.execute("UPDATE documents SET report_key = file_name WHERE path LIKE '%/sig/%'")
    for name, signature in [("new", base), ("none", None), ("empty", [])]:
        doc = Document(path=str(files.root / "sig" / name), format="txt", sha256=f"sha-{name}")
        results.append(result_of(load_document(con, doc, None, signature=signature)))
    failed = Document(path=str(files.root / "sig" / "bad"), format="txt", sha256="sha-bad")
    failed.status = "failed"
    results.append(result_of(load_document(con, failed, None, signature=base)))
    return results


def build(scenario: str, db: Path, cache: Path) -> None:
    from kplan.warehouse.load import connect

    db.unlink(missing_ok=True)
    con = connect(db)
    files = Files(WORK / "files" / scenario)
    if scenario == "samples":
        results = build_samples(con, files)
    elif scenario == "bench":
        results = build_bench(con, files, cache)
    else:
        results = build_versions(con, files)
    con.close()
    db.with_suffix(".results.json").write_text(json.dumps(results))


# ---------------------------------------------------------------- comparing


def tables(con, alias: str) -> dict[str, list[str]]:
    rows = con.execute(
        "SELECT table_schema, table_name, column_name FROM information_schema.columns "
        "WHERE table_catalog = ? AND table_schema IN ('main', 'history') AND table_name IN "
        "(SELECT table_name FROM information_schema.tables WHERE table_catalog = ? "
        "AND table_type = 'BASE TABLE') ORDER BY ordinal_position",
        [alias, alias],
    ).fetchall()
    out: dict[str, list[str]] = {}
    for schema, table, column in rows:
        out.setdefault(f"{schema}.{table}", []).append(column)
    return out


def compare(old_db: Path, new_db: Path) -> list[str]:
    import duckdb

    con = duckdb.connect()
    con.execute(f"ATTACH '{old_db}' AS old (READ_ONLY)")
    con.execute(f"ATTACH '{new_db}' AS new (READ_ONLY)")
    old, new = tables(con, "old"), tables(con, "new")
    problems = [f"{t}: only in the base" for t in old.keys() - new.keys()]
    problems += [f"{t}: only in the new code" for t in new.keys() - old.keys()]
    checked = 0
    for table in sorted(old.keys() & new.keys()):
        if set(old[table]) != set(new[table]):
            problems.append(f"{table}: columns {old[table]} vs {new[table]}")
        columns = ", ".join(f'"{c}"' for c in old[table] if c not in WALL_CLOCK and c in new[table])
        counts = []
        for a, b in (("old", "new"), ("new", "old")):
            counts.append(
                con.execute(
                    f"SELECT count(*) FROM (SELECT {columns} FROM {a}.{table} "
                    f"EXCEPT ALL SELECT {columns} FROM {b}.{table})"
                ).fetchone()[0]
            )
        rows = con.execute(f"SELECT count(*) FROM new.{table}").fetchone()[0]
        checked += rows
        if any(counts):
            problems.append(f"{table}: {counts[0]} rows only in the base, {counts[1]} only new")
    old_results = json.loads(old_db.with_suffix(".results.json").read_text())
    new_results = json.loads(new_db.with_suffix(".results.json").read_text())
    if old_results != new_results:
        differing = [i for i, (a, b) in enumerate(zip(old_results, new_results)) if a != b]
        problems.append(f"load results differ at steps {differing[:10]}")
    print(
        f"  {len(old.keys() & new.keys())} tables, {checked} rows, "
        f"{len(new_results)} load results compared"
    )
    return problems


def view_of(checkout: Path, into: Path) -> Path:
    """A folder whose `kplan` package is `checkout`'s (its package-dir layout, as links)."""
    package = into / "kplan"
    shutil.rmtree(into, ignore_errors=True)
    package.mkdir(parents=True)
    for module in (checkout / "kplan").glob("*.py"):
        (package / module.name).symlink_to(module)
    for stage in ("parsers", "rules", "pipeline", "warehouse"):
        (package / stage).symlink_to(checkout / stage)
    return into


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, help="checkout of the code to compare with")
    parser.add_argument("--cache", type=Path, default=WORK / "parsed.pickle")
    parser.add_argument("--scenario", action="append", choices=SCENARIOS)
    parser.add_argument("--build", nargs=2, metavar=("SCENARIO", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build:
        build(args.build[0], Path(args.build[1]), args.cache)
        return 0
    if args.base is None:
        parser.error("--base is required")
    WORK.mkdir(exist_ok=True)
    scenarios = args.scenario or list(SCENARIOS)
    if "bench" in scenarios and not args.cache.exists():
        bench = str(ROOT / "bench" / "load_bench.py")
        subprocess.run([sys.executable, bench, "parse", str(args.cache)], check=True)
    sides = {
        "base": str(view_of(args.base.resolve(), WORK / "base-view")),
        "new": str(view_of(ROOT, WORK / "new-view")),
    }
    failed = False
    for scenario in scenarios:
        dbs = {}
        for side, pythonpath in sides.items():
            dbs[side] = WORK / side / f"{scenario}.duckdb"
            dbs[side].parent.mkdir(exist_ok=True)
            command = [sys.executable, __file__, "--cache", str(args.cache)]
            command += ["--build", scenario, str(dbs[side])]
            env = {**os.environ, "PYTHONPATH": pythonpath}
            subprocess.run(command, check=True, env=env, cwd=WORK)
        print(f"{scenario}:")
        problems = compare(dbs["base"], dbs["new"])
        for problem in problems:
            print(f"  DIFFERS {problem}")
        print("  identical" if not problems else "  NOT identical")
        failed |= bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
