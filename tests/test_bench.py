"""`make bench` (bench/run.py): a smoke run on a tiny corpus, no peers, that writes the results
file with every section and row a full run writes. No timing is asserted."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

from kplan.pipeline.batch import default_jobs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import korean_baseline  # noqa: E402  (bench/ is scripts, not a package)
import run as bench  # noqa: E402
import scaling  # noqa: E402

NUMBER = r"\d+(?:\.\d+)?"


def has_commit(rev: str) -> bool:
    done = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", "--quiet", rev],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def test_a_unique_copy_differs_in_bytes_only_where_readers_do_not_look(tmp_path):
    pdf = bench.SAMPLE.with_suffix(".pdf")
    copy = tmp_path / "copy.pdf"
    bench.unique_copy(pdf, copy, 7)
    assert hashlib.sha256(copy.read_bytes()).digest() != hashlib.sha256(pdf.read_bytes()).digest()
    # the sample PDF prints 46 pages; its copy still opens with all of them
    assert bench.pdf_pages(copy) == bench.pdf_pages(pdf) == 46


def test_the_smoke_run_writes_every_section_of_the_results(tmp_path):
    out = tmp_path / "results.md"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--pdf-pages", "1", "--hancom-files",
         "2", "--chunks", "1", "--no-corpus", "--no-peers", "--work", str(tmp_path / "work"),
         "--out", str(out), "--rules-samples", "txt", "--rules-repeat", "1", "--rules-rounds", "1",
         "--scaling-repeats", "1"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    text = out.read_text("utf-8")
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# kplan benchmark",
        "## Corpus",
        "## Peers",
        "## Throughput",
        "### sample PDF: 1 files, 46 pages",
        "### sample HWP+HWPX: 2 files",
        "## Time per stage (kplan, seconds)",
        "## Start-up",
        "## Rules CPU per file (the Korean layer, #12)",
        "## Against the issue's targets",
    ]
    assert "| sample PDF | 1 | 46 |" in text and "| sample HWP+HWPX | 2 | — |" in text
    # --jobs 1 against --jobs 2, and the memory of the whole process tree (bench/scaling.py)
    targets = text.split("## Against the issue's targets")[1]
    assert re.search(rf"^\| `--jobs 2` ≥ 1.7× `--jobs 1` \(46 pages\) \| {NUMBER}× ", targets, re.M)
    peak = re.search(
        rf"^\| peak memory of the 46-page ingest < 1 GB \(workers included\) \| ({NUMBER}) MB",
        targets,
        re.M,
    )
    assert peak and float(peak.group(1)) > 50  # a Python process with DuckDB and a worker
    # a peer that did not run is listed with why, in the peers and in every group it reads
    for peer, reads in (("kordoc", "pdf, hancom"), ("dochan", "hancom"), ("pdftotext", "pdf")):
        assert f"| {peer} | — | {reads} | not run: --no-peers |" in text
    assert text.count("| kordoc | not run: --no-peers |") == 2
    for tool in ("kplan parse", "kplan ingest", "kplan re-ingest"):
        rows = re.findall(rf"^\| {tool} \| ({NUMBER}) \| (.+?) \| ({NUMBER}) \|", text, re.M)
        assert len(rows) == 2, tool  # one per group
        assert rows[0][1] != "—" and rows[1][1] == "—"  # pages/s for PDF, none for Hancom
    # beside the one-core run, the Hancom files as a user ingests them: a worker per core
    every_core = re.findall(rf"^\| kplan ingest, every core \| ({NUMBER}) \|", text, re.M)
    assert len(every_core) == (1 if default_jobs() > 1 else 0)
    # every copy is loaded, not taken for a duplicate; the re-ingest finds them unchanged
    # (open, skip, parse, rules, load, checks, whole processes): the re-ingest skips every
    # unchanged file before reading it, so it parses and extracts nothing
    stages = re.findall(rf"^\| (sample [^|]+) \| (kplan [^|]+) \|((?: {NUMBER} \|){{7}}) (.+) \|$",
                        text, re.M)  # fmt: skip
    assert [(g, run, actions) for g, run, _, actions in stages] == [
        ("sample PDF", "kplan ingest", "loaded 1"),
        ("sample PDF", "kplan re-ingest", "unchanged 1"),
        ("sample PDF", "kplan re-ingest, one file edited", "replaced 1"),
        ("sample HWP+HWPX", "kplan ingest", "loaded 2"),
        ("sample HWP+HWPX", "kplan re-ingest", "unchanged 2"),
        ("sample HWP+HWPX", "kplan re-ingest, one file edited", "replaced 1, unchanged 1"),
    ]
    for group, run, numbers, _ in stages:
        parse, rules = (float(n) for n in numbers.strip(" |").split(" | ")[2:4])
        assert (parse > 0 and rules > 0) == (run == "kplan ingest"), (group, run)
    # the rules' CPU per file after the tokenizer's load, with and without its part, beside the
    # same file's rules before the Korean layer (#12)
    rules = text.split("## Rules CPU per file (the Korean layer, #12)")[1]
    assert re.search(rf"one-time load \(Kiwi, once per process\): {NUMBER} s CPU", rules)
    row = re.search(
        rf"^\| seoul-edu-training-2025-plan.txt \|((?: {NUMBER} \|){{3}}) (.+?) \| (.+?) \|"
        rf"((?: {NUMBER} \|){{2}})$",
        rules,
        re.M,
    )
    assert row, rules
    total, tokenizer, without = (float(n) for n in row[1].strip(" |").split(" | "))
    index, units = (float(n) for n in row[4].strip(" |").split(" | "))
    assert 0 < tokenizer < total and abs(total - tokenizer - without) < 0.002
    assert index > 0 and units > 1000
    if has_commit(korean_baseline.BASELINE_COMMIT):
        before, growth = float(row[2]), float(row[3])
        assert before > 0 and abs(total - before - growth) < 0.002
        assert "(2a2404d^, the parent of the commit that added rules/korean.py)" in rules
        assert re.search(
            rf"^\| ingest time per file grows by no more than the tokenizer's one-time load "
            rf"\(#12\) \| rules CPU per file: largest growth [+-]{NUMBER} s "
            rf"\(seoul-edu-training-2025-plan.txt\) against the load's {NUMBER} s",
            text.split("## Against the issue's targets")[1],
            re.M,
        )
    else:  # a shallow clone or an archive: the baseline is not there, and the report says so
        assert (row[2], row[3]) == ("—", "—")
        assert "not in this checkout's history" in rules
    # an edit re-ingested: one copy made anew, read by the default workers; the rest unchanged
    edited = re.findall(rf"^\| kplan re-ingest, one file edited \| ({NUMBER}) \|", text, re.M)
    assert len(edited) == 2  # one per sample group
    for group in ("sample PDF", "sample HWP+HWPX"):
        assert re.search(
            rf"^\| {re.escape(group)}: one edited file of a loaded inbox re-ingested, `--jobs "
            rf"{default_jobs()}` \(the issue: 'should wait a second'\) \| {NUMBER} s a re-ingest",
            targets,
            re.M,
        ), group
    # the targets this run can measure without peers: re-ingest, memory and --jobs
    # the re-ingest target is one command over the whole unchanged inbox (bench/scaling.py),
    # not the sum of the chunks' processes, each with its own start-up
    assert re.search(
        rf"^\| sample PDF: re-ingest of 46 unchanged pages < 1 s \+ start-up \| {NUMBER} s, one "
        rf"`kplan ingest` of the 1 files \(median of 3\): -?{NUMBER} s beyond start-up "
        rf"\({NUMBER} s\) \| (met|\*\*missed\*\*) \|$",
        targets,
        re.M,
    ), targets
    assert "| sample PDF: peak memory of a full ingest < 1 GB |" in targets
    assert "kordoc" not in targets  # no peer ran: no ratio to one


def test_the_scaling_rows_take_speed_from_the_timed_runs_and_memory_from_the_sampled_ones():
    def run(seconds, cpu, peak, other=0.0):
        return {"files": 22, "seconds": seconds, "cpu_seconds": cpu, "peak_mb": peak,
                "other_cores": other, "failed_runs": 0}  # fmt: skip

    result = {
        "jobs 1": run(20.0, 21.0, 0.0, 0.05),
        "jobs 2": run(12.5, 21.5, 0.0, 0.5),
        "memory, jobs 1": run(21.0, 21.5, 540.0),
        "memory, jobs 2": run(14.0, 22.0, 610.0),
        "small": run(4.0, 4.2, 500.0) | {"files": 2},
    }
    assert scaling.target_rows(result, 46) == [
        "| `--jobs 2` ≥ 1.7× `--jobs 1` (1012 pages) | 1.60× (20.0 s → 12.5 s; cores kept busy "
        "1.05 → 1.72, CPU 21.0 s → 21.5 s; other work on the machine meanwhile 0.05 and 0.50 "
        "cores) | **missed** |",
        "| peak memory of the 1012-page ingest < 1 GB (workers included) | 610 MB (`--jobs 1` "
        "540 MB, `--jobs 2` 610 MB) | met |",
        "| peak memory within 20% of a 92-page ingest's (`--jobs 1`) | 1.08× (500 MB → 540 MB) "
        "| met |",
    ]


def test_the_machine_busy_counter_grows_with_the_work_done():
    before = scaling.machine_busy()
    end = scaling.time.process_time() + 0.2
    while scaling.time.process_time() < end:
        pass  # 0.2 s of this process's CPU, which the machine's counter holds too
    assert scaling.machine_busy() - before >= 0.15
