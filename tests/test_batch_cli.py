"""`kplan ingest` as real processes: killed mid-batch, two runs at one warehouse, `kplan sql`
during a load, folders that cannot be read."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from kplan.pipeline.cli import main

KPLAN = str(Path(sys.executable).with_name("kplan"))


def kplan(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([KPLAN, *args], capture_output=True, text=True, timeout=600, **kwargs)


@pytest.fixture
def inbox(tmp_path, sample_path):
    """Six different plans (the sample text, each with its own last line)."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    text = sample_path("txt").read_bytes()
    for i in range(1, 7):
        (folder / f"plan{i}.txt").write_bytes(text + f"\n부록 {i}\n".encode())
    return folder


def test_sigkill_mid_batch_leaves_whole_documents_and_a_rerun_completes(tmp_path, inbox):
    db = tmp_path / "w.duckdb"
    run = subprocess.Popen(
        [KPLAN, "ingest", str(inbox), "--db", str(db), "--jobs", "1", "--quiet", "--no-quality"],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    lines = [run.stdout.readline(), run.stdout.readline()]
    os.killpg(run.pid, signal.SIGKILL)  # the run and its workers, after two documents loaded
    run.wait()
    assert all(line.startswith("ok ") for line in lines)
    con = duckdb.connect(str(db), read_only=True)
    loaded = con.execute("""
        SELECT file_name, status,
               (SELECT count(*) FROM sections s WHERE s.doc_id = d.doc_id),
               (SELECT count(*) FROM budget_lines b WHERE b.doc_id = d.doc_id),
               (SELECT count(*) FROM training_items t WHERE t.doc_id = d.doc_id)
        FROM documents d ORDER BY 1""").fetchall()
    con.close()
    assert 2 <= len(loaded) < 6
    # Every document there is whole: the sample's 20 sections, 60 budget lines, 236 items.
    assert {row[1:] for row in loaded} == {("ok", 20, 60, 236)}
    rerun = kplan("ingest", str(inbox), "--db", str(db), "--quiet", "--no-quality")
    assert rerun.returncode == 0, rerun.stderr
    unchanged = [line for line in rerun.stdout.splitlines() if line.startswith("unchanged")]
    assert len(unchanged) == len(loaded)
    assert "Documents: 6 (6 ok, 0 partial, 0 failed)" in rerun.stdout


@pytest.fixture
def holder(tmp_path):
    """Another process holding the warehouse open for writing until told to stop."""
    db = tmp_path / "w.duckdb"
    duckdb.connect(str(db)).close()
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys\n"
            f"con = duckdb.connect({str(db)!r})\n"
            "print('holding', flush=True)\n"
            "sys.stdin.readline()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline() == "holding\n"
    yield db, process
    if process.poll() is None:
        process.stdin.close()
        process.wait(timeout=30)


def test_a_second_writer_stops_before_parsing_and_names_the_holder(holder, inbox):
    db, process = holder
    result = kplan("ingest", str(inbox / "plan1.txt"), "--db", str(db), "--no-quality")
    assert result.returncode == 2
    assert result.stdout == ""  # no file was read, none reported
    assert result.stderr.startswith(
        f"kplan: error: warehouse {db} is in use by PID {process.pid} (python -c import duckdb"
    )
    assert result.stderr.rstrip().endswith("(use --wait SECONDS to wait)")


def test_wait_loads_once_the_holder_lets_go(holder, inbox):
    db, process = holder
    waiting = subprocess.Popen(
        [KPLAN, "ingest", str(inbox / "plan1.txt"), "--db", str(db), "--no-quality"]
        + ["--wait", "120"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(2)
    assert waiting.poll() is None  # still waiting
    process.stdin.close()  # the holder ends, its lock with it
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err
    assert out.startswith(f"ok         {inbox}/plan1.txt (txt, training_plan: 20 sections")


def wait_until_held(db: Path, seconds: float = 60) -> None:
    """Until another process holds `db` (a read-only open fails on its lock)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            duckdb.connect(str(db), read_only=True).close()
        except duckdb.IOException:
            return
        time.sleep(0.1)
    raise AssertionError(f"nothing took the lock on {db}")


def test_sql_during_a_load_names_the_loader_or_waits_for_it(tmp_path, inbox, sample_path):
    db = tmp_path / "w.duckdb"
    kplan("ingest", str(inbox / "plan1.txt"), "--db", str(db), "--no-quality")
    slow = tmp_path / "slow.txt"
    slow.write_bytes(sample_path("txt").read_bytes() * 300)  # its rules take many seconds
    load = subprocess.Popen(
        # --wait: the test's own probe of the lock may hold it for a moment
        [
            KPLAN,
            "ingest",
            str(slow),
            "--db",
            str(db),
            "--timeout",
            "4",
            "--no-quality",
            "--wait",
            "30",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    wait_until_held(db)
    assert load.poll() is None
    busy = kplan("sql", "SELECT count(*) FROM documents", "--db", str(db))
    assert busy.returncode == 2
    assert f"is in use by PID {load.pid} (kplan ingest {slow}" in busy.stderr
    waited = kplan("sql", "SELECT count(*) FROM documents", "--db", str(db), "--wait", "300")
    assert waited.returncode == 0, waited.stderr
    assert waited.stdout.splitlines()[-1].strip() == "2"  # plan1 and the timed-out file's row
    load.wait(timeout=60)


def test_an_unreadable_subfolder_is_named_and_the_run_exits_1(capsys, tmp_path, inbox, monkeypatch):
    locked = inbox / "locked"
    locked.mkdir()
    (locked / "hidden_plan.txt").write_text("never read")
    real_scandir = os.scandir

    def scandir(path="."):
        # As for a folder without read permission (the tests run as root, who may read all).
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    db = tmp_path / "w.duckdb"
    code = main(["ingest", str(inbox), "--db", str(db), "--jobs", "1", "--no-quality"])
    out, err = capsys.readouterr()
    assert code == 1
    assert err == f"kplan: cannot read folder {locked}: Permission denied\n"
    assert "Documents: 6 (6 ok, 0 partial, 0 failed)" in out  # the readable ones all loaded
    code = main(["ingest", str(locked), "--db", str(db), "--no-quality"])
    out, err = capsys.readouterr()
    assert code == 2
    assert err == f"kplan: error: cannot read folder {locked}: Permission denied\n"
