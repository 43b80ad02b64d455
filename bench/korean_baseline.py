"""The rules' CPU per sample file as it was before the Korean layer, beside today's (#12).

    PYTHONPATH=DIR/pkg python bench/korean_baseline.py LIST [--repeat N]

#12 asks that ingest time per file not grow by more than the tokenizer's one-time load. What
grew is the rules stage (reading, parsing and loading did not change with the Korean layer), so
`make bench` times the rules of the commit before the Korean layer arrived (BASELINE_COMMIT, the
parent of the commit that added rules/korean.py) on the same sample files, in alternation with
today's: `materialise` writes that commit's source under the bench's work folder as an importable
`kplan` package, and this script, run with it first on PYTHONPATH, prints one JSON line of
medians. It imports nothing of today's kplan: it must run on the old tree as it was.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import time
from pathlib import Path
from statistics import median

BASELINE_COMMIT = "2a2404d^"  # 2a2404d added rules/korean.py (kiwipiepy); its parent had none


def materialise(repo: Path, work: Path) -> tuple[Path | None, str]:
    """(the folder to put first on PYTHONPATH, the baseline's commit) — or (None, the reason the
    baseline cannot be had: no git, a shallow clone, an archive without history)."""
    try:
        sha = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", BASELINE_COMMIT],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None, f"commit {BASELINE_COMMIT} is not in this checkout's history"
    home = work / f"baseline-{sha[:10]}"
    package = home / "pkg"
    if not (package / "kplan").exists():
        tree = home / "tree"
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "-C", str(repo), "archive", sha], capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
        package.mkdir(exist_ok=True)
        (package / "kplan").symlink_to(tree, target_is_directory=True)
    return package, sha


def rules_cpu(paths: list[Path], repeat: int) -> dict:
    """CPU seconds of the baseline's `rules.extract` per file: the median of `repeat` runs
    after one warm-up run, on the Document the baseline's own reader gives."""
    import kplan.rules
    from kplan.parsers import parse_file
    from kplan.rules import extract

    files = {}
    for path in paths:
        doc = parse_file(path)
        extract(doc)  # warm: the first run compiles patterns and fills caches
        runs = []
        for _ in range(repeat):
            start = time.process_time()
            extract(doc)
            runs.append(time.process_time() - start)
        files[path.name] = {"rules": median(runs)}
    return {"files": files, "rules_module": kplan.rules.__file__}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("list_file", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    paths = [Path(line) for line in args.list_file.read_text("utf-8").splitlines() if line]
    print(json.dumps(rules_cpu(paths, args.repeat)))


if __name__ == "__main__":
    main()
