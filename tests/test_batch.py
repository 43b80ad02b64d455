"""The streaming batch: limits per file (time, memory, size), a worker's death, loading as
results arrive, the incremental skip, and two processes at one warehouse.

The slow and the memory-hungry file are made here: the sample text repeated until its rules
take seconds and its reading hundreds of MB (25 MB of text; the sample is 86 KB).
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest
from rich.console import Console

from kplan.pipeline import batch
from kplan.pipeline.batch import Limits, stream
from kplan.pipeline.ingest import IngestOptions, ingest
from kplan.pipeline.progress import BarReporter, LineReporter, reporter_for
from kplan.warehouse.load import connect

KPLAN = Path(sys.executable).with_name("kplan")


@pytest.fixture
def plan(text_copy):
    return text_copy  # tmp_path/inbox/plan.txt (conftest.py)


@pytest.fixture
def huge_text(tmp_path, sample_path):
    """25 MB of planning report text: its rules take far longer than a second, and reading it
    needs more than 200 MB."""
    path = tmp_path / "huge.txt"
    path.write_bytes(sample_path("txt").read_bytes() * 300)
    return path


def outcomes(paths, **kwargs):
    return {
        path.name: (r.document.status, r.document.error, r.document.error_message)
        for path, r in stream(paths, **kwargs)
    }


def test_a_file_over_the_time_limit_fails_alone(plan, huge_text):
    started = time.monotonic()
    # 20 s: the sample's rules (its counts and names tokenized) take a second or two on
    # a loaded machine; the 25 MB text's take minutes.
    result = outcomes([huge_text, plan], jobs=1, limits=Limits(timeout=20))
    assert result["huge.txt"] == ("failed", "limit_exceeded", "took longer than 20 s (--timeout)")
    assert result["plan.txt"] == ("ok", None, None)
    assert time.monotonic() - started < 90  # the worker was stopped, not waited for


def test_a_file_over_the_memory_cap_fails_alone(plan, huge_text):
    result = outcomes([huge_text, plan], jobs=1, limits=Limits(timeout=120, max_memory=200 << 20))
    assert result["huge.txt"][:2] == ("failed", "limit_exceeded")
    assert result["plan.txt"] == ("ok", None, None)


def test_a_file_over_the_size_limit_is_refused_unread(plan, huge_text):
    results = dict(stream([huge_text, plan], jobs=1, limits=Limits(max_file_size=10 << 20)))
    doc = results[huge_text].document
    assert (doc.status, doc.error) == ("failed", "limit_exceeded")
    assert doc.error_message == (
        "file is 25,711,200 bytes, over the 10,485,760-byte limit (--max-file-size)"
    )
    assert doc.sha256.startswith("unread:")  # its bytes were never read, not even to hash
    assert results[plan].document.status == "ok"


def _grandchildren(pid: int) -> list[int]:
    """Processes whose parent's parent is `pid`: the pool's workers, forked by the forkserver."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    children = {p for p, parent in parents.items() if parent == pid}
    return [p for p, parent in parents.items() if parent in children]


def _cpu_seconds(pid: int) -> float:
    """User and system CPU seconds a process has used (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# CPU a worker has used once it is surely in its first file: its start (imports and the
# tokenizer's load) takes about 1.3 s; the huge file takes minutes.
IN_THE_FILE_CPU = 4.0


def test_a_worker_killed_mid_file_costs_that_file(plan, huge_text):
    def kill_the_worker():
        # By the worker's CPU, not the clock: on a loaded machine its start alone can take
        # longer than any fixed sleep, and a worker killed in its initializer breaks the pool.
        deadline = time.monotonic() + 100
        while time.monotonic() < deadline:
            workers = _grandchildren(os.getpid())
            if workers and max(map(_cpu_seconds, workers)) >= IN_THE_FILE_CPU:
                break
            time.sleep(0.1)
        for worker in _grandchildren(os.getpid()):
            os.kill(worker, signal.SIGKILL)

    killer = threading.Thread(target=kill_the_worker)
    killer.start()
    result = outcomes([huge_text, plan], jobs=1, limits=Limits(timeout=120))
    killer.join()
    assert result["huge.txt"] == (
        "failed",
        "crashed",
        "the worker process died (killed by SIGKILL)",
    )
    assert result["plan.txt"] == ("ok", None, None)


def test_each_document_is_loaded_as_it_arrives(tmp_path, plan, sample_path):
    """The writer loads the first result before the second file is parsed: the warehouse
    holds it while the workers are still busy."""
    hwpx = tmp_path / "inbox" / "plan.hwpx"
    shutil.copy(sample_path("hwpx"), hwpx)
    con = connect(tmp_path / "w.duckdb")
    loaded_before = []

    def on_file(outcome):
        loaded_before.append(con.execute("SELECT count(*) FROM documents").fetchone()[0])

    totals = ingest(con, [plan, hwpx], IngestOptions(jobs=1), on_file=on_file)
    assert loaded_before == [1, 2]
    assert (totals.files, totals.parsed, totals.failed) == (2, 2, 0)
    # Each file's own facts: 20 sections and 60 budget lines in the text and in the HWPX.
    assert con.execute(
        "SELECT format, count(DISTINCT s.code), (SELECT count(*) FROM budget_lines b "
        "WHERE b.doc_id = d.doc_id) FROM documents d JOIN sections s USING (doc_id) "
        "GROUP BY ALL ORDER BY 1"
    ).fetchall() == [("hwpx", 20, 60), ("txt", 20, 60)]


# ---------------------------------------------------------------- incremental


@pytest.fixture
def counted_parses(monkeypatch):
    """Every file the batch parses (in this process: the inline executor)."""
    parsed: list[str] = []
    real = batch.process_file

    def counting(path, **kwargs):
        parsed.append(Path(path).name)
        return real(path, **kwargs)

    monkeypatch.setattr(batch, "process_file", counting)
    return parsed


INLINE = IngestOptions(executor="inline")


def test_an_unchanged_reingest_parses_nothing(tmp_path, plan, sample_path, counted_parses):
    hwpx = tmp_path / "inbox" / "plan.hwpx"
    shutil.copy(sample_path("hwpx"), hwpx)
    con = connect(tmp_path / "w.duckdb")
    assert ingest(con, [plan, hwpx], INLINE).parsed == 2
    assert counted_parses == ["plan.txt", "plan.hwpx"]
    actions = []
    totals = ingest(con, [plan, hwpx], INLINE, on_file=lambda o: actions.append(o.result.action))
    assert counted_parses == ["plan.txt", "plan.hwpx"]  # nothing more
    assert (totals.parsed, totals.unchanged, actions) == (0, 2, ["unchanged", "unchanged"])


def test_a_touched_file_with_the_same_bytes_is_not_parsed(tmp_path, plan, counted_parses):
    con = connect(tmp_path / "w.duckdb")
    ingest(con, [plan], INLINE)
    os.utime(plan, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    assert ingest(con, [plan], INLINE).parsed == 0
    assert con.execute("SELECT file_mtime_ns FROM documents").fetchone() == (
        1_700_000_000_000_000_000,
    )  # recorded: the next run needs no hash either
    assert counted_parses == ["plan.txt"]


def test_a_changed_file_is_parsed_and_force_reads_everything(tmp_path, plan, counted_parses):
    con = connect(tmp_path / "w.duckdb")
    other = plan.with_name("other.txt")
    shutil.copy(plan, other)
    other.write_bytes(other.read_bytes() + "\n추가 문단\n".encode())
    ingest(con, [plan, other], INLINE)
    plan.write_bytes(plan.read_bytes().replace("자격연수".encode(), "자격 연수".encode(), 1))
    assert ingest(con, [plan, other], INLINE).parsed == 1
    assert ingest(con, [plan, other], IngestOptions(executor="inline", force=True)).parsed == 2
    assert counted_parses == ["plan.txt", "other.txt", "plan.txt", "plan.txt", "other.txt"]
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (2,)


def test_the_same_bytes_at_a_new_path_are_a_duplicate_without_parsing(
    tmp_path, plan, counted_parses
):
    con = connect(tmp_path / "w.duckdb")
    ingest(con, [plan], INLINE)
    copy = plan.with_name("copy.txt")
    shutil.copy(plan, copy)
    actions = []
    ingest(con, [copy], INLINE, on_file=lambda o: actions.append(o.result.action))
    assert actions == ["duplicate"]
    assert counted_parses == ["plan.txt"]


def test_a_timed_out_file_is_tried_again(tmp_path, plan, huge_text):
    """A limit depends on the run's options: the file is read again next time (with a higher
    limit it may load)."""
    con = connect(tmp_path / "w.duckdb")
    options = IngestOptions(jobs=1, limits=Limits(timeout=20))
    assert ingest(con, [huge_text, plan], options).failed == 1
    totals = ingest(con, [huge_text, plan], options)
    assert (totals.parsed, totals.failed, totals.unchanged) == (1, 1, 1)


# ---------------------------------------------------------------- what a run shows


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_the_bar_and_quiet_or_a_pipe_gets_lines():
    assert isinstance(reporter_for(3, quiet=False, out=Terminal()), BarReporter)
    assert isinstance(reporter_for(3, quiet=True, out=Terminal()), LineReporter)
    assert isinstance(reporter_for(3, quiet=False, out=io.StringIO()), LineReporter)


def test_the_bar_counts_files_and_pages_and_prints_failed_files(tmp_path, plan, sample_path):
    pdf = tmp_path / "inbox" / "plan.pdf"
    shutil.copy(sample_path("pdf"), pdf)
    broken = tmp_path / "inbox" / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really a pdf")
    screen = Console(file=Terminal(), force_terminal=True, width=200)
    con = connect(tmp_path / "w.duckdb")
    with BarReporter(3, console=screen) as bar:
        ingest(con, [plan, pdf, broken], INLINE, on_file=bar)
    assert (bar.pages, bar.failed) == (46, 1)  # the sample PDF's 46 pages; the broken one
    printed = screen.file.getvalue()
    assert f"failed     {broken}: corrupt: not a readable PDF" in printed


def test_a_worker_out_of_memory_fails_the_file_and_keeps_its_reserve(monkeypatch, tmp_path):
    # Regression: under load, a MemoryError landing in a finaliser or in the pool's sending
    # killed the capped worker ('crashed', exit code 1). The worker now catches it around the
    # whole file, with a reserve released to say so, and takes a new reserve for the next file.
    from kplan.pipeline import batch

    def out_of_memory(path, **kwargs):
        raise MemoryError

    monkeypatch.setattr(batch, "process_file", out_of_memory)
    monkeypatch.setattr(batch, "_reserve", bytearray(16))
    result = batch.process_in_worker(str(tmp_path / "big.txt"))
    assert (result.document.status, result.document.error) == ("failed", "limit_exceeded")
    assert result.document.error_message == (
        "ran out of memory under the worker's cap (--max-memory)"
    )
    assert batch._reserve is not None and len(batch._reserve) == batch.MEMORY_RESERVE


# Run in a fresh interpreter: whether this process's forkserver is up depends on the tests
# before. Prints, for each file `_skip` examines, whether the workers' server was running yet;
# how many files were read; whether the server runs, and whether it loaded the tokenizer.
SERVER_PROBE = """
import sys
from multiprocessing import forkserver
from pathlib import Path

import duckdb
from kplan.pipeline import ingest as run
from kplan.warehouse.load import connect

examined = []
skip = run._skip
def spy(*args):
    examined.append(forkserver._forkserver._forkserver_pid is not None)
    return skip(*args)
run._skip = spy
if __name__ == "__main__":
    con = connect(sys.argv[1])
    totals = run.ingest(con, [Path(p) for p in sys.argv[2:]], run.IngestOptions(jobs=1))
    server = forkserver._forkserver
    shared = "kplan.pipeline.worker_preload" in server._preload_modules
    print(examined, totals.parsed, server._forkserver_pid is not None, shared)
"""


def test_the_workers_server_boots_while_the_other_files_are_checked(tmp_path, plan):
    others = []
    for n in range(3):
        other = plan.with_name(f"other-{n}.txt")
        other.write_bytes(plan.read_bytes() + f"\n추가 문단 {n}\n".encode())
        others.append(other)
    probe = tmp_path / "probe.py"
    probe.write_text(SERVER_PROBE)

    def run(*paths):
        argv = [sys.executable, str(probe), str(tmp_path / "w.duckdb"), *map(str, paths)]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=300, check=True)
        return done.stdout.strip()

    # The third file to read starts the server, with the tokenizer its workers share; the
    # fourth is checked while it boots.
    assert run(plan, *others) == "[False, False, False, True] 4 True True"
    # Nothing to read: no server is started (it would outlive the command, holding its output).
    assert run(plan, *others) == "[False, False, False, False] 0 False False"


def test_one_or_two_files_to_read_wait_for_no_tokenizer(tmp_path, plan):
    """An edit re-ingested: the server starts when its files are read, without the tokenizer
    (two seconds of load that most files do not need); a worker whose file needs it loads it."""
    other = plan.with_name("other.txt")
    other.write_bytes(plan.read_bytes() + "\n추가 문단\n".encode())
    probe = tmp_path / "probe.py"
    probe.write_text(SERVER_PROBE)
    argv = [sys.executable, str(probe), str(tmp_path / "w.duckdb"), str(plan), str(other)]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=300, check=True)
    assert done.stdout.strip() == "[False, False] 2 True False"
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    # The plan's counts were read by the tokenizer its worker loaded: the seed's 236 items.
    assert con.execute("SELECT count(*) FROM training_items").fetchone() == (2 * 236,)


# A fresh interpreter, so that no server with the tokenizer loaded is up already.
CAPPED_PROBE = """
import sys
from pathlib import Path

import duckdb
from kplan.pipeline.batch import Limits, stream
if __name__ == "__main__":
    cap = int(sys.argv[2])
    (path, result), = stream([Path(sys.argv[1])], jobs=1, limits=Limits(max_memory=cap))
    items = len(result.facts.training_items) if result.facts else None
    print(result.document.status, result.document.error, items)
"""


def test_a_tokenizer_loaded_on_first_use_does_not_count_against_the_files_cap(tmp_path, plan):
    """The tokenizer's memory (some 400 MB of address space) is the worker's: under a cap that
    a training plan's reading fits in but not with the tokenizer on top, the plan reads whole
    (it crashed the worker: Kiwi aborts on a failed allocation)."""
    probe = tmp_path / "probe.py"
    probe.write_text(CAPPED_PROBE)
    argv = [sys.executable, str(probe), str(plan), str(300 * 2**20)]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=300, check=True)
    assert done.stdout.strip() == "ok None 236"
