"""`--executor dask://HOST:PORT`: the same facts from a Dask cluster of two workers as from
kplan's own workers."""

from __future__ import annotations

import shutil

import pytest

from kplan.pipeline.cli import main

distributed = pytest.importorskip("distributed")

FACTS = {
    "sections": "SELECT code, title, page, parts FROM sections",
    "budget_lines": "SELECT * EXCLUDE (doc_id) FROM budget_lines",
    "training_items": "SELECT * EXCLUDE (doc_id) FROM training_items",
    "findings": "SELECT rule, severity, section_code, message FROM findings",
    "documents": "SELECT file_name, format, status, error, pages, family FROM documents",
}


def facts_of(db) -> dict[str, list]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return {name: sorted(map(repr, con.execute(sql).fetchall())) for name, sql in FACTS.items()}
    finally:
        con.close()


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


def test_a_dask_cluster_of_two_gives_the_same_facts(cluster, tmp_path, sample_path, capsys):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for fmt in ("txt", "hwpx", "hwp"):
        shutil.copy(sample_path(fmt), inbox / f"plan.{fmt}")
    (inbox / "broken.hwp").write_bytes(b"<html><body>not a report</body></html>")
    address = cluster.scheduler_address.removeprefix("tcp://")
    dask_db, local_db = tmp_path / "dask.duckdb", tmp_path / "local.duckdb"
    code = main(["ingest", str(inbox), "--db", str(dask_db), "--executor", f"dask://{address}"])
    assert code == 1  # broken.hwp failed; the others loaded
    out = capsys.readouterr().out
    assert f"failed     {inbox}/broken.hwp: unsupported_format" in out
    assert main(["ingest", str(inbox), "--db", str(local_db), "--jobs", "2"]) == 1
    dask_facts, local_facts = facts_of(dask_db), facts_of(local_db)
    assert dask_facts == local_facts
    # The sample's 20 sections and 60 budget lines, once per format.
    assert (len(dask_facts["sections"]), len(dask_facts["budget_lines"])) == (60, 180)
