"""The checks of a few documents read those documents only (warehouse/quality.py
`documents_only`) and find what a full run finds of them; an ingest into a warehouse whose
findings were current checks only the documents it loaded (`check_changed`)."""

import shutil

from conftest import load

from kplan.pipeline.cli import main
from kplan.warehouse import quality
from kplan.warehouse.load import connect

FINDINGS = "SELECT * FROM findings ORDER BY ALL"


def record_check_scopes(monkeypatch) -> list:
    """The documents each check run is asked for from now on (None: every document)."""
    scopes: list = []
    run_checks = quality.run_checks

    def recorded(con, doc_ids=None, **options):
        scopes.append(None if doc_ids is None else list(doc_ids))
        return run_checks(con, doc_ids, **options)

    monkeypatch.setattr(quality, "run_checks", recorded)
    return scopes


def test_the_four_samples_checked_one_by_one_find_what_a_full_run_finds(con, sample_path):
    for fmt in ("pdf", "hwp", "hwpx", "txt"):
        load(con, sample_path(fmt))
    quality.run_checks(con)
    full = con.execute(FINDINGS).fetchall()
    by_doc = dict(con.execute("SELECT doc_id, count(*) FROM findings GROUP BY doc_id").fetchall())
    assert len(by_doc) == 4  # each format of the sample has findings of its own
    con.execute("DELETE FROM findings")
    for doc_id in by_doc:
        run = quality.run_checks(con, [doc_id])
        assert run.n_findings == by_doc[doc_id] and not run.failures
    assert con.execute(FINDINGS).fetchall() == full


def test_a_check_of_one_document_sees_its_rows_only_and_then_every_row(con, sample_path):
    pdf, txt = (load(con, sample_path(fmt)).doc_id for fmt in ("pdf", "txt"))
    with quality.documents_only(con, [txt]):
        assert con.execute("SELECT DISTINCT doc_id FROM budget_lines").fetchall() == [(txt,)]
        assert con.execute("SELECT format FROM documents").fetchall() == [("txt",)]
    # The sample's 60 budget lines, in both formats, once the check is done.
    assert con.execute("SELECT count(*) FROM budget_lines").fetchone()[0] == 120
    assert {pdf, txt} == {d for (d,) in con.execute("SELECT doc_id FROM documents").fetchall()}


def test_ingest_of_the_pdf_beside_the_checked_txt_checks_the_pdf_alone(
    tmp_path, sample_path, monkeypatch, capsys
):
    db = str(tmp_path / "w.duckdb")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(sample_path("txt"), inbox / "plan.txt")
    assert main(["ingest", str(inbox / "plan.txt"), "--db", db]) == 0
    shutil.copy(sample_path("pdf"), inbox / "plan.pdf")
    scopes = record_check_scopes(monkeypatch)
    assert main(["ingest", str(inbox), "--db", db]) == 0
    capsys.readouterr()
    con = connect(db)
    pdf = con.execute("SELECT doc_id FROM documents WHERE format = 'pdf'").fetchone()[0]
    assert scopes == [[pdf]]
    incremental = con.execute(FINDINGS).fetchall()
    assert quality.checks_current(con)  # as after a full run: the next unchanged ingest skips
    quality.run_checks(con)  # a full run (recorded too, after the assertion)
    assert con.execute(FINDINGS).fetchall() == incremental
    con.close()


def test_findings_made_by_other_kplan_code_are_not_current(tmp_path, sample_path, monkeypatch):
    """An upgrade that changes code the checks call (rules/table_checks.py, the message
    formatting) but no check file: the next ingest of one new file checks every document, not
    the new one alone beside findings the old code made."""
    db = str(tmp_path / "w.duckdb")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(sample_path("txt"), inbox / "plan.txt")
    assert main(["ingest", str(inbox), "--db", db]) == 0
    con = connect(db)
    assert quality.checks_current(con)
    con.close()
    monkeypatch.setattr(quality, "_code_digest", lambda: "the code of another kplan")
    shutil.copy(sample_path("pdf"), inbox / "plan.pdf")
    scopes = record_check_scopes(monkeypatch)
    assert main(["ingest", str(inbox), "--db", db]) == 0
    assert scopes == [None]  # every document, by today's code
    con = connect(db)
    assert quality.checks_current(con)
    con.close()


def test_the_code_digest_changes_with_rules_table_checks(monkeypatch):
    """table_arithmetic.py calls rules/table_checks.py: a change there changes the digest."""
    from pathlib import Path

    before = quality._code_digest.__wrapped__()
    read_bytes = Path.read_bytes

    def edited(path):
        data = read_bytes(path)
        return data + b"\n# edited\n" if path.name == "table_checks.py" else data

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert quality._code_digest.__wrapped__() != before


def test_the_library_ingest_checks_as_the_command_does(tmp_path, sample_path, monkeypatch):
    """kplan.api.ingest decides which checks to run where `kplan ingest` does
    (pipeline/ingest.py `check_after_ingest`): the new file alone beside current findings, none
    for an unchanged inbox, and the findings those of a full run."""
    from kplan import api

    db = tmp_path / "w.duckdb"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(sample_path("txt"), inbox / "plan.txt")
    scopes = record_check_scopes(monkeypatch)
    api.ingest(inbox, db, workers=1)
    assert scopes == [None]  # a new warehouse: every document
    shutil.copy(sample_path("hwpx"), inbox / "plan.hwpx")
    api.ingest(inbox, db, workers=1)
    api.ingest(inbox, db, workers=1)  # nothing new: no check run
    con = connect(str(db))
    hwpx = con.execute("SELECT doc_id FROM documents WHERE format = 'hwpx'").fetchone()[0]
    assert scopes == [None, [hwpx]]
    incremental = con.execute(FINDINGS).fetchall()
    quality.run_checks(con)
    assert con.execute(FINDINGS).fetchall() == incremental
    con.close()
