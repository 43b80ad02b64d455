"""A rule failing on one table or section costs that part, never the document; `kplan check`
says what it could not check and exits non-zero."""

from __future__ import annotations

from pathlib import Path

import pytest

import kplan
from kplan.pipeline.batch import process_file
from kplan.pipeline.cli import main
from kplan.rules import tables
from kplan.rules.families import training_plan
from kplan.warehouse.load import connect, load_document

REPRO = Path(__file__).resolve().parents[2] / "shared" / "repro"


def fail_in_section(monkeypatch, section: str, message: str) -> None:
    """The training rules raise ValueError(message) on `section` (for the test's duration)."""
    real = training_plan.extract_training

    def failing(code, items):
        if code == section:
            raise ValueError(message)
        return real(code, items)

    monkeypatch.setattr(training_plan, "extract_training", failing)


def test_a_section_whose_rules_fail_costs_that_section(monkeypatch, sample_path):
    fail_in_section(monkeypatch, "2-1-1", "max() arg is an empty sequence")
    processed = process_file(sample_path("txt"))
    doc, facts = processed.document, processed.facts
    assert (doc.status, doc.error) == ("partial", None)
    assert [(i.code, i.message) for i in doc.issues] == [
        (
            "rules_failed",
            "rules failed on section 2-1-1: ValueError: max() arg is an empty sequence",
        )
    ]
    codes = [s.code for s in facts.sections]
    assert len(codes) == 19 and "2-1-1" not in codes  # the other 19 of the sample's 20
    assert not any(c.section_code == "2-1-1" for c in facts.contacts)  # nothing half-read
    # The 2-1-1 budget table is lost with its section; the other 19 sections' are all there.
    assert len(facts.budget_tables) == 19
    assert {b.section_code for b in facts.budget_lines} == set(codes)


def test_a_table_whose_rules_fail_costs_that_table(monkeypatch, sample_path, tmp_path):
    real = tables.cell_facts

    def failing_on_table_3(table, table_id, *args, **kwargs):
        if table_id == 3:
            raise IndexError("list index out of range")
        return real(table, table_id, *args, **kwargs)

    monkeypatch.setattr(tables, "cell_facts", failing_on_table_3)
    processed = process_file(sample_path("hwpx"))
    facts = processed.facts
    ids = [t.table_id for t in facts.tables]
    assert 3 not in ids and ids[:3] == [1, 2, 4]  # the others keep their numbers
    assert {c.table_id for c in facts.table_cells} == set(ids)
    assert len(facts.sections) == 20 and len(facts.budget_lines) == 60  # the family read on
    con = connect(tmp_path / "w.duckdb")
    result = load_document(con, processed.document, facts, stats=processed.stats)
    assert con.execute(
        "SELECT code, message FROM parse_issues WHERE doc_id = ?", [result.doc_id]
    ).fetchall() == [
        # The third <hp:tbl> of section0.xml: rowCnt="7" colCnt="9".
        ("rules_failed", "rules failed on table 3 (7×9): IndexError: list index out of range")
    ]
    assert con.execute("SELECT status FROM documents").fetchone() == ("partial",)


def test_check_exits_1_when_a_rule_failed_though_no_finding_is_an_error(
    monkeypatch, capsys, tmp_path, sample_path
):
    def always_failing(code, items):
        raise ValueError("boom")

    monkeypatch.setattr(training_plan, "extract_training", always_failing)
    clean = tmp_path / "one_section.txt"
    text = sample_path("txt").read_text("utf-8")
    clean.write_text(text, "utf-8")
    code = main(["check", str(clean)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert "not checked: rules failed on section 1-1-1: ValueError: boom" in out


def test_kplan_check_result_says_what_it_could_not_check(monkeypatch, sample_path):
    assert kplan.check(sample_path("txt")).not_checked == []  # the rules whole: all checked
    fail_in_section(monkeypatch, "2-1-1", "boom")
    checked = kplan.check(sample_path("txt"))
    assert checked.not_checked == ["rules failed on section 2-1-1: ValueError: boom"]
    assert not checked.ok


@pytest.mark.skipif(not REPRO.is_dir(), reason="../shared/repro not found")
def test_sample_plus_gap_table_hwpx_keeps_every_fact_and_check_finds_its_errors(capsys):
    """The sample HWPX plus one table whose only cell sits at rowAddr=5 of rowCnt=6 (its
    section0.xml): the sample's 20 sections and 60 budget lines stay, and the three errors
    planted in the sample (3-2-1's totals, read from its page) are found."""
    path = REPRO / "sample_plus_gap_table.hwpx"
    processed = process_file(path)
    assert processed.document.status in ("ok", "partial")
    assert len(processed.facts.sections) == 20
    assert len(processed.facts.budget_lines) == 60
    code = main(["check", str(path)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[-1].startswith("3 errors")
