"""The Hancom readers' Documents, dumped and compared: a change that should only make the HWP
and HWPX readers faster must leave every Document they make unchanged.

    python bench/hancom_identity.py dump OUT.json [--groups G ...]
    python bench/hancom_identity.py compare A.json B.json
    python bench/hancom_identity.py time [--repeat N] [--groups G ...] [--json OUT]
    python bench/hancom_identity.py ab OLD_DIR [--rounds N] [--groups G ...]

The files (groups): the sample HWP and HWPX, the bench corpus's byte-unique copies of them
(`--bench-corpus`, made by `make bench`), and every .hwp/.hwpx under ../shared/corpus (reports,
fixtures, bad) and ../shared/repro (files made to break the readers; the process reads under a
memory cap, `--memory-cap`). Each is read in three modes: `parse_file` as ingest calls it,
`parse_file(tidy=False)` (the reader's blocks before the layout fixes), and, for an HWP, the
python-hwpx fallback alone (the OWPML walker on the converted XML). A Document is every field
(blocks, cells with spans, positions, issues, metadata, status and error); a reader's refusal
is its error code and message.

Old code against new: OLD_DIR holds a `kplan` package laid out as installed (a `kplan` folder
whose __init__.py and stage folders link to a checkout of the old commit, as `make typecheck`
builds .mypy_view). `PYTHONPATH=OLD_DIR python bench/hancom_identity.py dump old.json`, run from
outside the repository, reads with the old code; `ab` times both, alternating processes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from statistics import median

from pdf_identity import as_plain, compare

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "samples" / "seoul-edu-training-2025-plan"
GROUPS = ("sample", "bench", "reports", "fixtures", "bad", "repro")
MODES = ("parse", "untidy", "fallback")


def hancom_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".hwp", ".hwpx"))


def group_files(group: str, bench_corpus: Path) -> list[Path]:
    if group == "sample":
        return [SAMPLE.with_suffix(".hwp"), SAMPLE.with_suffix(".hwpx")]
    if group == "bench":
        return hancom_files(bench_corpus)
    if group == "repro":
        return hancom_files(SHARED / "repro")
    return hancom_files(SHARED / "corpus" / group)


def read_document(path: Path, mode: str):
    from kplan.parsers import parse_file

    if mode == "fallback":
        from kplan.parsers import hwp

        try:
            doc = hwp.read_with_python_hwpx(path.read_bytes(), path=str(path))
        except Exception as exc:  # its refusal is part of the contract
            return {"raised": type(exc).__name__, "message": str(exc)}
    else:
        doc = parse_file(path, tidy=mode == "parse")
    return {"type": "Document", **as_plain(doc)}


def modes_for(path: Path) -> list[str]:
    return list(MODES) if path.suffix.lower() == ".hwp" else ["parse", "untidy"]


def cap_memory(limit: int) -> None:
    """The repro files take all the memory there is on a reader without bounds."""
    if limit > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def dump(out: Path, files: list[Path]) -> None:
    result = {}
    for path in files:
        for mode in modes_for(path):
            result[f"{path}|{mode}"] = read_document(path, mode)
        print(path.name, file=sys.stderr, flush=True)
    out.write_text(json.dumps(result, ensure_ascii=False, sort_keys=True))


def cpu_times(files_by_group: dict[str, list[Path]], repeat: int) -> dict[str, dict[str, float]]:
    """Median CPU seconds of `parse_file` per file (by path), by group; one warm-up read
    first."""
    from kplan.parsers import parse_file

    out: dict[str, dict[str, float]] = {}
    for group, files in files_by_group.items():
        out[group] = {}
        for path in files:
            parse_file(path)
            times = []
            for _ in range(repeat):
                start = time.process_time()
                parse_file(path)
                times.append(time.process_time() - start)
            out[group][str(path)] = median(times)
    return out


def by_format(times: dict[str, float]) -> dict[str, list[float]]:
    """A group's per-file times split by suffix ('hwp', 'hwpx')."""
    out: dict[str, list[float]] = {}
    for path, seconds in times.items():
        out.setdefault(Path(path).suffix.lower().lstrip("."), []).append(seconds)
    return dict(sorted(out.items()))


def print_times(times: dict[str, dict[str, float]]) -> None:
    for group, per_file in times.items():
        for fmt, values in by_format(per_file).items():
            label = f"{group} {fmt}"
            print(f"{label:15} {len(values):4} files  median {1000 * median(values):7.2f} ms")


def alternate(old_dir: Path, groups: list[str], rounds: int, repeat: int, extra: list[str]):
    """Old and new code timed in alternating processes; the medians of each file's medians."""
    script = Path(__file__).resolve()
    collected: dict[str, list[dict]] = {"old": [], "new": []}
    for _ in range(rounds):
        for side in ("old", "new"):
            env = dict(os.environ)
            if side == "old":
                env["PYTHONPATH"] = str(old_dir)
            command = [sys.executable, str(script), "time", "--repeat", str(repeat), "--json", "-"]
            command += ["--groups", *groups, *extra]
            run = subprocess.run(command, env=env, cwd="/", capture_output=True, text=True)
            run.check_returncode()
            collected[side].append(json.loads(run.stdout.splitlines()[-1]))
    for group in groups:
        # Each file's median over the rounds, then the median over the files of each format.
        medians = {
            side: by_format({path: median(r[group][path] for r in runs) for path in runs[0][group]})
            for side, runs in collected.items()
        }
        for fmt in medians["new"]:
            old, new = median(medians["old"][fmt]), median(medians["new"][fmt])
            label = f"{group} {fmt}"
            print(
                f"{label:15} {len(medians['new'][fmt]):4} files  old {1000 * old:7.2f} ms  "
                f"new {1000 * new:7.2f} ms  ({new / old:.2f}×)"
            )


def main() -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--groups", nargs="+", choices=GROUPS, default=list(GROUPS[:5]))
    common.add_argument("--bench-corpus", type=Path, default=ROOT / "bench" / ".work" / "corpus")
    common.add_argument("--memory-cap", type=int, default=2_000_000_000)
    sub.add_parser("dump", parents=[common]).add_argument("out", type=Path)
    both = sub.add_parser("compare")
    both.add_argument("a", type=Path)
    both.add_argument("b", type=Path)
    timing = sub.add_parser("time", parents=[common])
    timing.add_argument("--repeat", type=int, default=3)
    timing.add_argument("--json", help="write the per-file times as JSON ('-': stdout)")
    ab = sub.add_parser("ab", parents=[common])
    ab.add_argument("old_dir", type=Path)
    ab.add_argument("--rounds", type=int, default=3)
    ab.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.command == "compare":
        return compare(args.a, args.b)
    files = {group: group_files(group, args.bench_corpus) for group in args.groups}
    if args.command == "ab":
        extra = ["--bench-corpus", str(args.bench_corpus.resolve())]
        alternate(args.old_dir, args.groups, args.rounds, args.repeat, extra)
        return 0
    cap_memory(args.memory_cap)
    if args.command == "dump":
        dump(args.out, [path for group in args.groups for path in files[group]])
    else:
        times = cpu_times(files, args.repeat)
        if args.json == "-":
            print(json.dumps(times))
        else:
            print_times(times)
            if args.json:
                Path(args.json).write_text(json.dumps(times))
    return 0


if __name__ == "__main__":
    sys.exit(main())
