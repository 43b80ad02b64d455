"""`make bench`: kplan and its peers timed in one run, alternating, on the same files.

    python bench/run.py [--pdf-pages 1000] [--hancom-files 200] [--jobs 1] [--chunks 2]
                        [--no-corpus] [--no-peers] [--out bench/results.md]

The corpus is the sample report copied until it holds about `--pdf-pages` PDF pages and
`--hancom-files` HWP and HWPX files (each copy's bytes differ by a trailer the readers ignore,
so the warehouse loads every copy instead of calling it a duplicate), plus ../shared/corpus's
reports when present. Each group of files is cut into `--chunks` chunks; on each chunk every
tool runs once, in a rotated order, each in its own process: kplan parse alone, kplan full
ingest then the re-ingest of the same unchanged files (and, of the sample's copies, the
re-ingest after one of them is made anew: an edit), and each peer. A process's wall time
(start-up included) and its peak resident memory (from wait4) are what is measured.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from statistics import median

import pypdfium2

from kplan.pipeline.batch import default_jobs

sys.path.insert(0, str(Path(__file__).resolve().parent))
import korean_baseline  # noqa: E402  (bench/ is scripts, not a package)
import peers as peer_setup  # noqa: E402
import scaling  # noqa: E402

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SAMPLE = ROOT / "samples" / "seoul-edu-training-2025-plan"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus" / "reports"
PROCESS_TIMEOUT = 3600
PYTHON_MEMORY_CAP = 8 << 30  # a runaway Python worker fails, it does not take the machine
KPLAN_PARSE, KPLAN_INGEST, KPLAN_REINGEST = "kplan parse", "kplan ingest", "kplan re-ingest"
# `kplan ingest` as a user runs it, one worker per core: beside the one-core figures for the
# Hancom groups, whose peers read a file at a time.
KPLAN_INGEST_CORES = "kplan ingest, every core"
# The planner, re-running `make ingest` after editing one file: one file of the chunk
# made anew (other bytes, the same text), the rest unchanged, a worker per core.
KPLAN_EDITED = "kplan re-ingest, one file edited"
STAGES = ("open", "skip", "parse", "rules", "load", "checks")  # kplan_worker.py's clocks
RULES_SAMPLES = ("pdf", "hwp", "hwpx", "txt")
# Growth up to this many CPU seconds per file is within the rounds' spread: below it, a file's
# rules cost what they did before the Korean layer (the strictest reading of #12's clause).
GROWTH_NOISE = 0.005


@dataclass
class Group:
    name: str
    kind: str  # 'pdf' or 'hancom': which peers read it
    files: list[Path]
    pages: dict[Path, int]  # PDF pages per file (none for Hancom formats)


@dataclass
class Timing:
    seconds: float = 0.0
    files: int = 0
    pages: int = 0
    failed: int = 0
    peak_kb: int = 0
    stages: dict[str, float] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    actions: dict[str, int] = field(default_factory=dict)

    def add(self, seconds: float, files: int, pages: int, peak_kb: int, out: dict) -> None:
        self.seconds += seconds
        self.files += files
        self.pages += pages
        self.peak_kb = max(self.peak_kb, peak_kb)
        self.failed += int(out.get("failed", 0))
        self.errors.extend(out.get("errors", [])[: 5 - len(self.errors)])
        for stage, value in out.get("stages", {}).items():
            self.stages[stage] = self.stages.get(stage, 0.0) + value
        for action, n in out.get("actions", {}).items():
            self.actions[action] = self.actions.get(action, 0) + n


# ---------------------------------------------------------------- the corpus


def pdf_pages(path: Path) -> int:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


EDIT_MARK = 1_000_000  # the copy number an edited file is made anew with (chunk number added)


def unique_copy(source: Path, target: Path, n: int) -> None:
    """A copy whose bytes differ from the source's only where readers do not look."""
    data = source.read_bytes()
    mark = f"kplan-bench copy {n}".encode()
    if source.suffix == ".pdf":
        target.write_bytes(data + b"\n%" + mark + b"\n")  # a comment after %%EOF
    elif source.suffix == ".hwp":
        # One whole 512-byte sector past the compound file's last: no stream points at it.
        target.write_bytes(data + mark.ljust(512, b"\0"))
    elif source.suffix == ".hwpx":
        target.write_bytes(data)
        with zipfile.ZipFile(target, "a") as archive:
            archive.comment = mark
    else:
        raise ValueError(f"no way to copy {source.suffix} uniquely")


def sample_groups(work: Path, pdf_pages_wanted: int, hancom_files: int) -> list[Group]:
    folder = work / "corpus"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    pdf = SAMPLE.with_suffix(".pdf")
    per_copy = pdf_pages(pdf)
    copies = max(1, math.ceil(pdf_pages_wanted / per_copy))
    pdfs = []
    for n in range(1, copies + 1):
        target = folder / f"sample-{n:04d}.pdf"
        unique_copy(pdf, target, n)
        pdfs.append(target)
    hancom = []
    for n in range(1, hancom_files + 1):
        suffix = ".hwpx" if n % 2 else ".hwp"  # alternate, so that one file is an HWPX
        target = folder / f"sample-{n:04d}{suffix}"
        unique_copy(SAMPLE.with_suffix(suffix), target, n)
        hancom.append(target)
    return [
        Group("sample PDF", "pdf", pdfs, dict.fromkeys(pdfs, per_copy)),
        Group("sample HWP+HWPX", "hancom", hancom, {}),
    ]


def corpus_groups(folder: Path) -> list[Group]:
    if not folder.is_dir():
        return []
    pdfs = sorted(folder.glob("*.pdf"))
    hancom = sorted([*folder.glob("*.hwp"), *folder.glob("*.hwpx")])
    groups = []
    if pdfs:
        groups.append(Group("corpus PDF", "pdf", pdfs, {p: pdf_pages(p) for p in pdfs}))
    if hancom:
        groups.append(Group("corpus HWP+HWPX", "hancom", hancom, {}))
    return groups


def chunks_of(files: list[Path], n: int) -> list[list[Path]]:
    n = max(1, min(n, len(files)))
    return [files[i::n] for i in range(n)]


# ---------------------------------------------------------------- running one process


def _cap_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (PYTHON_MEMORY_CAP, PYTHON_MEMORY_CAP))


def measure(argv: list[str], env: dict[str, str] | None, log: Path, *, cap: bool) -> tuple:
    """(wall seconds, peak resident KB, the JSON line it printed) of one process."""
    full_env = {**os.environ, **(env or {})}
    with open(log, "ab") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv,
            stdout=subprocess.PIPE,
            stderr=err,
            env=full_env,
            preexec_fn=_cap_memory if cap else None,
        )
        timer = threading.Timer(PROCESS_TIMEOUT, proc.kill)
        timer.start()
        try:
            out = proc.stdout.read()
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    lines = out.decode("utf-8", "replace").strip().splitlines()
    if proc.returncode != 0 or not lines:
        tail = log.read_text("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        result = {"failed": -1, "errors": [f"exit {proc.returncode}: {tail[0][:200]}"]}
    else:
        result = json.loads(lines[-1])
    return seconds, usage.ru_maxrss, result


# ---------------------------------------------------------------- the run


def units_for(group: Group, peers: list[peer_setup.Peer], jobs: int = 1) -> list[str]:
    names = [KPLAN_PARSE, KPLAN_INGEST]
    if group.kind == "hancom" and jobs == 1 and default_jobs() > 1:
        names.append(KPLAN_INGEST_CORES)
    names += [p.name for p in peers if p.available and group.kind in p.formats]
    return names


def run_group(group, peers, work: Path, chunks: int, jobs: int, say) -> dict[str, Timing]:
    by_name = {p.name: p for p in peers}
    timings: dict[str, Timing] = {}
    kplan = [sys.executable, str(BENCH / "kplan_worker.py")]
    log = work / "stderr.log"
    units = units_for(group, peers, jobs)
    for i, chunk in enumerate(chunks_of(group.files, chunks)):
        list_file = work / f"list-{group.kind}-{i}.txt"
        list_file.write_text("".join(f"{p}\n" for p in chunk), "utf-8")
        pages = sum(group.pages.get(p, 0) for p in chunk)
        order = units[i % len(units) :] + units[: i % len(units)]  # rotate: no fixed first
        for unit in order:
            if unit == KPLAN_PARSE:
                runs = [(KPLAN_PARSE, [*kplan, "parse", str(list_file)], None, True)]
            elif unit == KPLAN_INGEST:
                db = work / f"warehouse-{group.kind}-{i}.duckdb"
                db.unlink(missing_ok=True)
                argv = [*kplan, "ingest", str(list_file), "--db", str(db), "--jobs", str(jobs)]
                runs = [(KPLAN_INGEST, argv, None, True), (KPLAN_REINGEST, argv, None, True)]
            elif unit == KPLAN_INGEST_CORES:
                db = work / f"warehouse-{group.kind}-{i}-cores.duckdb"
                db.unlink(missing_ok=True)
                cores = str(default_jobs())
                argv = [*kplan, "ingest", str(list_file), "--db", str(db), "--jobs", cores]
                runs = [(KPLAN_INGEST_CORES, argv, None, True)]
            else:
                peer = by_name[unit]
                runs = [(unit, [*peer.command, str(list_file)], peer.env, False)]
            for name, argv, env, cap in runs:
                seconds, peak_kb, out = measure(argv, env, log, cap=cap)
                timings.setdefault(name, Timing()).add(seconds, len(chunk), pages, peak_kb, out)
                say(f"{group.name} chunk {i + 1}: {name} {seconds:.1f} s")
            if unit == KPLAN_INGEST and group.name.startswith("sample"):
                edited = chunk[0]
                unique_copy(SAMPLE.with_suffix(edited.suffix), edited, EDIT_MARK + i)
                argv = [*kplan, "ingest", str(list_file), "--db", str(db)]
                seconds, peak_kb, out = measure([*argv, "--jobs", str(default_jobs())], None, log,
                                                cap=True)  # fmt: skip
                timings.setdefault(KPLAN_EDITED, Timing()).add(
                    seconds, 1, group.pages.get(edited, 0), peak_kb, out
                )
                say(f"{group.name} chunk {i + 1}: {KPLAN_EDITED} {seconds:.1f} s")
    return timings


def rules_cpu(work: Path, formats: str, repeat: int, say, rounds: int = 3) -> dict:
    """The rules' CPU per sample file (kplan_worker.py rules), and the same files' rules before
    the Korean layer (korean_baseline.py), each in a process of its own, alternated `rounds`
    times; per file, the median over the rounds of each round's median."""
    names = [f.strip() for f in formats.split(",") if f.strip()]
    if not names:
        return {"errors": ["no sample format asked for"]}
    list_file = work / "list-rules.txt"
    list_file.write_text("".join(f"{SAMPLE.with_suffix('.' + n)}\n" for n in names), "utf-8")
    log = work / "stderr.log"
    today = [sys.executable, str(BENCH / "kplan_worker.py"), "rules", str(list_file)]
    before = [sys.executable, str(BENCH / "korean_baseline.py"), str(list_file)]
    package, commit = korean_baseline.materialise(ROOT, work)
    todays: list[dict] = []
    befores: list[dict] = []
    for _ in range(max(1, rounds)):
        seconds, _, out = measure([*today, "--repeat", str(repeat)], None, log, cap=True)
        say(f"rules CPU per file: {seconds:.1f} s")
        todays.append(out)
        if package is not None:
            env = {"PYTHONPATH": str(package)}
            seconds, _, out = measure([*before, "--repeat", str(repeat)], env, log, cap=True)
            say(f"rules CPU per file before the Korean layer: {seconds:.1f} s")
            befores.append(out)
    failed = [out for out in todays if "files" not in out]
    if failed:
        return failed[0]
    files = {
        name: {
            key: median([out["files"][name][key] for out in todays])
            for key in todays[0]["files"][name]
        }
        for name in todays[0]["files"]
    }
    result = {
        "tokenizer_load": median([out["tokenizer_load"] for out in todays]),
        "files": files,
        "repeat": repeat,
        "rounds": len(todays),
    }
    result["baseline"] = _baseline(befores, package, commit)
    return result


def _baseline(outs: list[dict], package: Path | None, commit: str) -> dict:
    """The baseline's per-file medians, or why there are none."""
    if package is None:
        return {"error": commit}
    for out in outs:
        if "files" not in out:
            return {"error": (out.get("errors") or ["no output"])[0]}
        if str(package) not in out.get("rules_module", ""):  # it must not time today's code
            return {"error": f"the baseline imported {out.get('rules_module')}, not {package}"}
    names = outs[0]["files"]
    return {
        "commit": commit,
        "files": {n: median([out["files"][n]["rules"] for out in outs]) for n in names},
    }


# ---------------------------------------------------------------- results.md


def _rate(n: float, seconds: float) -> str:
    return f"{n / seconds:.2f}" if seconds > 0 and n else "—"


def _ratio(kplan: Timing | None, peer: Timing) -> str:
    """How many times the peer's speed kplan's is: kplan's seconds over the peer's."""
    if kplan is None or not peer.seconds or not kplan.seconds:
        return "—"
    return f"{kplan.seconds / peer.seconds:.2f}×"


def _mb(kb: int) -> str:
    return f"{kb / 1024:.0f}"


def throughput_table(group: Group, timings: dict[str, Timing], peers) -> list[str]:
    rows = [
        f"### {group.name}: {len(group.files)} files"
        + (f", {sum(group.pages.values())} pages" if group.pages else ""),
        "",
        "| tool | seconds | pages/s | files/s | kplan ingest ÷ tool | kplan parse ÷ tool "
        "| peak memory (MB) | failed files |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    ingest, parse = timings.get(KPLAN_INGEST), timings.get(KPLAN_PARSE)
    for name, t in timings.items():
        rows.append(
            f"| {name} | {t.seconds:.1f} | {_rate(t.pages, t.seconds)} | "
            f"{_rate(t.files, t.seconds)} | {_ratio(ingest, t)} | {_ratio(parse, t)} | "
            f"{_mb(t.peak_kb)} | {t.failed} |"
        )
    for p in peers:
        if group.kind in p.formats and not p.available:
            rows.append(f"| {p.name} | not run: {p.reason} | | | | | | |")
    errors = [f"{name}: {e}" for name, t in timings.items() for e in t.errors]
    if errors:
        rows += ["", "First errors:", ""] + [f"- `{e}`" for e in errors[:10]]
    return rows + [""]


def stage_table(groups: list[Group], results: dict[str, dict[str, Timing]], jobs: int) -> list:
    rows = [
        "| group | run | open | skip | parse | rules | load | checks | whole processes | actions |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for group in groups:
        for name in (KPLAN_INGEST, KPLAN_REINGEST, KPLAN_EDITED):
            t = results[group.name].get(name)
            if t is None:
                continue
            stages = " | ".join(f"{t.stages.get(s, 0.0):.1f}" for s in STAGES)
            actions = ", ".join(f"{k} {v}" for k, v in sorted(t.actions.items()))
            rows.append(f"| {group.name} | {name} | {stages} | {t.seconds:.1f} | {actions} |")
    rows += [
        "",
        "Each run is `pipeline.ingest` as `kplan ingest` calls it, then the quality checks: "
        "open is opening (and migrating) the warehouse, skip deciding which files are loaded "
        "unchanged (size and mtime, else sha256), rules includes the tokenizer's one-time load "
        "(see below).",
    ]
    if jobs > 1:
        rows += ["", f"With --jobs {jobs} the parse column is parse and rules together: the "
                 "worker batch's wall time less the writer's."]  # fmt: skip
    if default_jobs() > 1:
        rows += [
            "",
            f"{KPLAN_EDITED} runs with a worker per core (`--jobs {default_jobs()}`), as "
            "`make ingest` does: its parse column is parse and rules together.",
        ]
    return rows + [""]


def rules_growth(rules: dict | None) -> dict[str, float] | None:
    """Per sample file, today's rules CPU less the baseline's (before the Korean layer): what
    a file costs more now, beyond the tokenizer's one-time load. None where not measured."""
    baseline = (rules or {}).get("baseline", {}).get("files")
    if not rules or "files" not in rules or not baseline:
        return None
    return {n: f["rules"] - baseline[n] for n, f in rules["files"].items() if n in baseline}


def rules_table(rules: dict | None) -> list[str]:
    """#12: the rules' CPU per sample file after the tokenizer's load, with and without the
    tokenizer's part, beside the same files' rules before the Korean layer, and what the first
    search pays to index the file."""
    if not rules or "files" not in rules:
        errors = (rules or {}).get("errors") or ["not measured"]
        return [f"Not measured: {errors[0]}", ""]
    baseline = rules.get("baseline", {})
    before = baseline.get("files", {})
    growth = rules_growth(rules) or {}
    rows = [
        f"The tokenizer's one-time load (Kiwi, once per process): "
        f"{rules['tokenizer_load']:.2f} s CPU.",
        "",
        "| file | rules CPU (s) | of which the tokenizer | rules without the tokenizer "
        "| before the Korean layer (s) | growth per file (s) "
        "| first search: indexing its units (s) | units |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, f in rules["files"].items():
        then = f"{before[name]:.3f}" if name in before else "—"
        more = f"{growth[name]:+.3f}" if name in growth else "—"
        rows.append(
            f"| {name} | {f['rules']:.3f} | {f['tokenizer']:.3f} | {f['without_tokenizer']:.3f} "
            f"| {then} | {more} | {f['index']:.3f} | {f['units']} |"
        )
    if "commit" in baseline:
        said = (
            f"Before the Korean layer: the rules of commit {baseline['commit'][:10]} "
            f"({korean_baseline.BASELINE_COMMIT}, the parent of the commit that added "
            "rules/korean.py) on the same files, read by that commit's own readers"
        )
    else:
        said = f"Before the Korean layer: not measured ({baseline.get('error', 'not run')})"
    rows += [
        "",
        "CPU seconds of `rules.extract` on the parsed file: per round the median of "
        f"{rules.get('repeat', '?')} runs after the load, then the median of "
        f"{rules.get('rounds', 1)} rounds. {said}, alternated with today's round by round. "
        "Growth is today's less that: what a file costs more, beyond the one-time load. "
        "Ingest no longer tokenizes the search units: the first `kplan search` does, once per "
        "primary document (the last column but one).",
        "",
    ]
    return rows


def startup_seconds(times: int = 3) -> float | None:
    """Median wall time of `kplan --help`: what every kplan process pays before its work."""
    kplan = Path(sys.executable).with_name("kplan")
    if not kplan.exists():
        return None
    runs = []
    for _ in range(times):
        start = time.perf_counter()
        subprocess.run([str(kplan), "--help"], capture_output=True, check=False, timeout=120)
        runs.append(time.perf_counter() - start)
    return sorted(runs)[len(runs) // 2]


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def target_rows(results: dict[str, dict[str, Timing]], meta: dict) -> list[str]:
    """The issue's targets, each met or missed by how much, where this run measures it."""
    pdf, hancom = results.get("sample PDF", {}), results.get("sample HWP+HWPX", {})
    rows = ["| target | measured | verdict |", "|---|---|---|"]
    ingest, kordoc, floor = pdf.get(KPLAN_INGEST), pdf.get("kordoc"), pdf.get("pdftotext")
    if ingest and kordoc and kordoc.seconds:
        ratio = kordoc.seconds / ingest.seconds
        rows.append(
            f"| sample PDF: full ingest pages/s ≥ kordoc's parse | {ratio:.2f}× kordoc's "
            f"pages/s | {_verdict(ratio >= 1)} |"
        )
    if ingest and floor and floor.seconds:
        times = ingest.seconds / floor.seconds
        rows.append(
            f"| sample PDF: full ingest within 10× of pdftotext | {times:.0f}× pdftotext's "
            f"time | {_verdict(times <= 10)} |"
        )
    h_ingest, dochan = hancom.get(KPLAN_INGEST), hancom.get("dochan")
    if h_ingest and dochan and dochan.seconds:
        ratio = dochan.seconds / h_ingest.seconds
        rows.append(
            f"| sample HWP+HWPX: full ingest files/s ≥ dochan's | {ratio:.2f}× dochan's "
            f"files/s | {_verdict(ratio >= 1)} |"
        )
        cores = hancom.get(KPLAN_INGEST_CORES)
        if cores and cores.seconds:
            ratio = dochan.seconds / cores.seconds
            rows.append(
                f"| sample HWP+HWPX: the same with `--jobs {default_jobs()}` (kplan's default "
                f"here; dochan reads one file at a time) | {ratio:.2f}× dochan's files/s | "
                f"{_verdict(ratio >= 1)} |"
            )
    again, startup = pdf.get(KPLAN_REINGEST), meta.get("startup")
    whole = (meta.get("scaling") or {}).get(scaling.REINGEST)
    if whole and startup is not None:
        # One command over the whole inbox, as the target reads (bench/scaling.py).
        pages = whole["files"] * meta["pages_per_copy"]
        beyond = whole["seconds"] - startup
        rows.append(
            f"| sample PDF: re-ingest of {pages} unchanged pages < 1 s + start-up | "
            f"{whole['seconds']:.2f} s, one `kplan ingest` of the {whole['files']} files "
            f"(median of {whole['runs']}): {beyond:.2f} s beyond start-up ({startup:.2f} s) | "
            f"{_verdict(beyond < 1)} |"
        )
    elif again and startup is not None:
        beyond = again.seconds - meta["chunks_run"].get("sample PDF", 1) * startup
        rows.append(
            f"| sample PDF: re-ingest of {again.pages} unchanged pages < 1 s + start-up | "
            f"{beyond:.1f} s beyond start-up ({startup:.2f} s per process) | "
            f"{_verdict(beyond < 1)} |"
        )
    for group_name, group in (("sample PDF", pdf), ("sample HWP+HWPX", hancom)):
        edited = group.get(KPLAN_EDITED)
        if edited and startup is not None and edited.files:
            each = edited.seconds / edited.files
            rows.append(
                f"| {group_name}: one edited file of a loaded inbox re-ingested, `--jobs "
                f"{default_jobs()}` (the issue: 'should wait a second') | {each:.1f} s a "
                f"re-ingest ({startup:.2f} s of it start-up) | "
                f"{_verdict(each - startup <= 1)} |"
            )
    if ingest:
        rows.append(
            f"| sample PDF: peak memory of a full ingest < 1 GB | {_mb(ingest.peak_kb)} MB "
            f"(one process, {ingest.pages // max(1, meta['chunks_run']['sample PDF'])} pages) "
            f"| {_verdict(ingest.peak_kb < 1024 * 1024)} |"
        )
    growth = rules_growth(meta.get("rules"))
    if growth:
        # The clause as written: a file's growth is bounded by the load, which is paid once
        # per process. Whether any growth is left at all is said beside it.
        worst = max(growth, key=lambda n: growth[n])
        load = meta["rules"]["tokenizer_load"]
        none_left = "none" if growth[worst] <= GROWTH_NOISE else f"{growth[worst]:+.3f} s"
        rows.append(
            "| ingest time per file grows by no more than the tokenizer's one-time load (#12) "
            f"| rules CPU per file: largest growth {growth[worst]:+.3f} s ({worst}) against the "
            f"load's {load:.2f} s, paid once per process; growth left beyond the runs' spread: "
            f"{none_left} | {_verdict(growth[worst] <= load)} |"
        )
    if meta.get("scaling"):
        rows += scaling.target_rows(meta["scaling"], meta["pages_per_copy"])
    else:
        rows.append("| `--jobs 2` ≥ 1.7× `--jobs 1` | not measured (`--no-scaling`) | — |")
    return rows + [""]


def write_results(path: Path, groups, results, peers, meta: dict) -> None:
    lines = [
        "# kplan benchmark",
        "",
        f"Written by `make bench` (bench/run.py) on {meta['when']}.",
        "",
        f"- machine: {meta['cpus']} cores, {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.system()} {platform.release()}",
        f"- load average at start {meta['load_start']}, at end {meta['load_end']}; run under "
        f"nice {meta['nice']}. The machine is shared with other work: read the figures as "
        "ratios between tools run alternately on the same files, not as absolute speeds.",
        f"- kplan {meta['commit']}, `--jobs {meta['jobs']}`, {meta['chunks']} chunk(s) per "
        "group; each tool runs once per chunk, in a rotated order, each in its own process",
        "- seconds are whole processes (start-up included), summed over the chunks; peak "
        "memory is the largest resident set of one process (one chunk)",
        "- ratios are kplan's seconds over the tool's: 2.00× means the tool took half "
        "kplan's time; kplan parse reads the files only, kplan ingest parses, extracts, loads "
        "and runs the checks, kplan re-ingest runs the same on the unchanged files",
        "",
        "## Corpus",
        "",
        "| group | files | pages | made from |",
        "|---|---:|---:|---|",
    ]
    for g in groups:
        source = "../shared/corpus/reports" if g.name.startswith("corpus") else (
            "samples/seoul-edu-training-2025-plan, byte-unique copies"
        )  # fmt: skip
        pages = sum(g.pages.values()) if g.pages else "—"
        lines.append(f"| {g.name} | {len(g.files)} | {pages} | {source} |")
    lines += ["", "## Peers", "", "| peer | version | reads | status |", "|---|---|---|---|"]
    for p in peers:
        status = "installed" if p.available else f"not run: {p.reason}"
        lines.append(f"| {p.name} | {p.version or '—'} | {', '.join(p.formats)} | {status} |")
    lines += ["", "## Throughput", ""]
    for g in groups:
        lines += throughput_table(g, results[g.name], peers)
    lines += ["## Time per stage (kplan, seconds)", ""]
    lines += stage_table(groups, results, meta["jobs"])
    startup = meta.get("startup")
    lines += [
        "## Start-up",
        "",
        f"`kplan --help`, median of 3: {startup:.2f} s." if startup is not None else
        "`kplan --help`: not measured (no kplan script beside this Python).",
        "",
        "## Rules CPU per file (the Korean layer, #12)",
        "",
    ]  # fmt: skip
    lines += rules_table(meta.get("rules"))
    lines += ["## Against the issue's targets", ""]
    lines += target_rows(results, meta)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), "utf-8")


# kplan's source folders (pyproject.toml's package-dir).
SOURCE_FOLDERS = ("kplan", "parsers", "rules", "pipeline", "warehouse")


def compile_sources() -> None:
    """Byte-compile kplan's sources, as pip does a wheel's when it installs it. The editable
    install leaves that to the first run, which writes nothing where PYTHONDONTWRITEBYTECODE is
    set (CI, containers): every timed kplan process would compile its modules again (0.2 s a
    process here), while the peers installed from PyPI were compiled at install."""
    import compileall

    for folder in SOURCE_FOLDERS:
        compileall.compile_dir(ROOT / folder, quiet=1)


def _commit() -> str:
    done = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or "(no git)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time kplan and its peers on the same files.")
    parser.add_argument("--pdf-pages", type=int, default=1000)
    parser.add_argument("--hancom-files", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=1, help="kplan's worker processes")
    parser.add_argument("--chunks", type=int, default=2, help="chunks per group (alternation)")
    parser.add_argument("--no-corpus", dest="corpus", action="store_false")
    parser.add_argument("--no-peers", dest="peers", action="store_false")
    parser.add_argument("--work", type=Path, default=BENCH / ".work")
    parser.add_argument("--peers-dir", type=Path, default=BENCH / ".peers")
    parser.add_argument("--out", type=Path, default=BENCH / "results.md")
    parser.add_argument(
        "--rules-samples",
        default=",".join(RULES_SAMPLES),
        help="sample formats whose rules CPU is measured (#12), comma-separated",
    )
    parser.add_argument("--rules-repeat", type=int, default=5, help="runs per sample file")
    parser.add_argument(
        "--rules-rounds",
        type=int,
        default=3,
        help="alternations of today's rules and the baseline's",
    )
    parser.add_argument(
        "--no-scaling",
        dest="scaling",
        action="store_false",
        help="skip `kplan ingest --jobs 1` against `--jobs 2` and the small batch's memory",
    )
    parser.add_argument("--scaling-repeats", type=int, default=2)
    args = parser.parse_args(argv)

    def say(line: str) -> None:
        print(f"bench: {line}", flush=True)

    args.work.mkdir(parents=True, exist_ok=True)
    (args.work / "stderr.log").write_text("", "utf-8")
    if args.peers:
        say("installing the peers")
        peers = peer_setup.install_all(args.peers_dir, BENCH)
    else:
        peers = peer_setup.skipped("--no-peers")
    for p in peers:
        say(f"peer {p.name}: {p.version if p.available else 'not run: ' + p.reason}")
    compile_sources()
    groups = sample_groups(args.work, args.pdf_pages, args.hancom_files)
    if args.corpus:
        groups += corpus_groups(SHARED_CORPUS)
    meta = {
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": os.cpu_count(),
        "load_start": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        "nice": os.nice(0),
        "commit": _commit(),
        "jobs": args.jobs,
        "chunks": args.chunks,
    }
    results = {g.name: run_group(g, peers, args.work, args.chunks, args.jobs, say) for g in groups}
    meta["rules"] = rules_cpu(
        args.work, args.rules_samples, args.rules_repeat, say, rounds=args.rules_rounds
    )
    kplan = Path(sys.executable).with_name("kplan")
    pdfs = groups[0].files  # the sample PDF's copies: about --pdf-pages pages
    meta["pages_per_copy"] = groups[0].pages[pdfs[0]]
    if args.scaling and kplan.exists():
        small = max(1, round(100 / meta["pages_per_copy"]))  # about 100 pages
        meta["scaling"] = scaling.scaling(
            kplan, pdfs, small=small, repeats=args.scaling_repeats, say=say
        )
    meta["chunks_run"] = {g.name: len(chunks_of(g.files, args.chunks)) for g in groups}
    meta["startup"] = startup_seconds()
    meta["load_end"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    write_results(args.out, groups, results, peers, meta)
    say(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
