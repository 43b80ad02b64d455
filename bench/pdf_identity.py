"""The PDF reader's Documents, dumped and compared: a change that should only make the reader
faster must leave every Document it makes unchanged.

    python bench/pdf_identity.py dump OUT.json     # read every PDF in every mode, write them
    python bench/pdf_identity.py compare A.json B.json
    python bench/pdf_identity.py time [--repeat N] # CPU seconds of the reader per file

The files are the sample PDF and every PDF under ../shared/corpus (reports, fixtures, bad),
read in three modes: the default settings (PDFium), pdfminer as the engine, and tolerances
off their defaults (the paths a tolerance picks between). Dump at main's commit, dump at
yours, compare: the first differing field of each file is printed.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"

MODES = {
    "pdfium": {},
    "pdfminer": {"engine": "pdfminer"},
    "tolerances": {"snap_tolerance": 3.5, "line_tolerance": 2.0, "dedupe_tolerance": 1.5},
}


def pdf_files() -> list[Path]:
    found = [ROOT / "samples" / "seoul-edu-training-2025-plan.pdf"]
    if CORPUS.is_dir():
        found += sorted(CORPUS.rglob("*.pdf"))
    return found


def as_plain(value):
    """A Document (or any part of it) as JSON values, tuples as lists, keys as strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: as_plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name != "read_with"
        }
    if isinstance(value, dict):
        return {repr(k) if not isinstance(k, str) else k: as_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_plain(v) for v in value]
    return value


def read_document(path: Path, mode: str):
    from kplan.parsers import pdf
    from kplan.parsers.pdf_settings import PdfSettings

    try:
        doc = pdf.read(path.read_bytes(), path=path.name, settings=PdfSettings(**MODES[mode]))
    except Exception as exc:  # a file the reader refuses: its refusal is part of the contract
        return {"raised": type(exc).__name__, "message": str(exc)}
    return as_plain(doc)


def dump(out: Path) -> None:
    result = {}
    for path in pdf_files():
        for mode in MODES:
            result[f"{path.name}|{mode}"] = read_document(path, mode)
            print(path.name, mode, file=sys.stderr, flush=True)
    out.write_text(json.dumps(result, ensure_ascii=False, sort_keys=True))


def first_difference(a, b, where: str = "") -> str | None:
    if type(a) is not type(b):
        return f"{where}: {type(a).__name__} vs {type(b).__name__}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{where}.{key}: only in {'B' if key not in a else 'A'}"
            found = first_difference(a[key], b[key], f"{where}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            found = first_difference(x, y, f"{where}[{i}]")
            if found:
                return found
        return f"{where}: {len(a)} vs {len(b)} items" if len(a) != len(b) else None
    return None if a == b else f"{where}: {a!r:.200} vs {b!r:.200}"


def compare(a_path: Path, b_path: Path) -> int:
    a, b = json.loads(a_path.read_text()), json.loads(b_path.read_text())
    differing = 0
    for key in sorted(set(a) | set(b)):
        found = first_difference(a.get(key), b.get(key), key)
        if found:
            differing += 1
            print(found)
    print(f"{len(a)} documents, {differing} differ")
    return int(differing > 0)


def cpu_times(repeat: int) -> None:
    """Median CPU seconds of pdf.read per file (default mode), and per page over all."""
    from kplan.parsers import pdf

    total_cpu, total_pages = 0.0, 0
    for path in pdf_files():
        data = path.read_bytes()
        times, pages = [], 0
        for _ in range(repeat):
            start = time.process_time()
            try:
                pages = pdf.read(data, path=path.name).pages or 0
            except Exception:
                pages = 0
            times.append(time.process_time() - start)
        cpu = median(times)
        total_cpu, total_pages = total_cpu + cpu, total_pages + pages
        print(f"{path.name:60} {pages:4} p {cpu:7.3f} s {1000 * cpu / max(pages, 1):7.2f} ms/p")
    print(f"{'all':60} {total_pages:4} p {total_cpu:7.3f} s {1000 * total_cpu / total_pages:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("dump").add_argument("out", type=Path)
    both = sub.add_parser("compare")
    both.add_argument("a", type=Path)
    both.add_argument("b", type=Path)
    sub.add_parser("time").add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out)
    elif args.command == "compare":
        return compare(args.a, args.b)
    else:
        cpu_times(args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
