"""Checks from a folder of one's own (`--checks DIR`) run sandboxed (#10): one that writes a file,
dumps the database, reads a file, attaches a database or writes to the warehouse is refused,
that refusal is its failure, and the other checks (the package's and a planner's legitimate
one) still run and store their findings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kplan.pipeline.cli import main
from kplan.warehouse import quality
from kplan.warehouse.load import connect

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "seoul-edu-training-2025-plan.txt"
HEADER = "-- id: {id}\n-- severity: error\n-- message_ko: {{actual}}\n-- message_en: {{actual}}\n"

# A planner's own check, legitimate: plan-year section budgets over 600 million won, shown with
# the `q_fmt` macro of the package's helper file. The sample's budget tables (천원) print
# 1,078,028 for 1-1-1, 641,770 for 2-1-2 and 605,998 for 5-1-2 on their 합계 rows.
BIG_SECTIONS = (
    "-- id: big_sections\n-- severity: info\n-- message_ko: 예산 {shown}천원\n"
    "-- message_en: budget {shown} thousand won\n"
    "SELECT l.doc_id, l.section_code, l.amount AS actual, q_fmt(l.amount, t.unit_factor) AS shown\n"
    "FROM budget_lines l JOIN budget_tables t USING (doc_id, section_code)\n"
    "WHERE l.is_total AND l.amount > 600000000\n"
)

# Each hostile check: its file name and body ({out} a folder, {secret} a file beside the
# warehouse), and the refusal it gets.
HOSTILE = {
    "copy_out.sql": ("COPY documents TO '{out}/documents.csv'", "a check is one SELECT, not COPY"),
    "export_all.sql": ("EXPORT DATABASE '{out}/dump'", "a check is one SELECT, not EXPORT"),
    "attach_other.sql": (
        "ATTACH '{out}/other.duckdb' AS other",
        "a check is one SELECT, not ATTACH",
    ),
    "read_secret.sql": (
        "SELECT 1 AS doc_id, content AS actual FROM read_text('{secret}')",
        "a check reads the warehouse only: PermissionException: ",
    ),
    "read_secret_csv.sql": (
        "SELECT 1 AS doc_id, phone AS actual FROM read_csv('{secret}')",
        "a check reads the warehouse only: PermissionException: ",
    ),
    "delete_documents.sql": (
        "SELECT doc_id FROM documents; DELETE FROM documents",
        "a check is one SELECT, not SELECT + DELETE",
    ),
    "smuggled_copy.sql": (
        "SELECT 1 AS doc_id) AS x; COPY documents TO '{out}/smuggled.csv'; "
        "SELECT * FROM (SELECT 1 AS doc_id",
        "a check is one SELECT, not SELECT + COPY + SELECT",
    ),
}
PYTHON_WRITE = (
    'CHECK = {"id": "python_write", "severity": "error", "message_ko": "x", "message_en": "x"}\n'
    "def run(con, doc_ids):\n"
    '    con.execute("DELETE FROM documents")\n'
    "    return []\n"
)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    db = tmp_path_factory.mktemp("wh") / "w.duckdb"
    assert main(["ingest", str(SAMPLE), "--db", str(db), "--workers", "1", "--no-quality"]) == 0
    return db


@pytest.fixture
def hostile(tmp_path):
    """A folder of checks: the legitimate one, every hostile one, a Python check that writes
    and a helper file that copies the warehouse out."""
    folder, out = tmp_path / "checks", tmp_path / "out"
    folder.mkdir(), out.mkdir()
    secret = tmp_path / "secret.csv"
    secret.write_text("name,phone\n김태은,010-1234-8051\n", "utf-8")
    (folder / "big_sections.sql").write_text(BIG_SECTIONS, "utf-8")
    for name, (body, _) in HOSTILE.items():
        sql = body.format(out=out, secret=secret)
        (folder / name).write_text(HEADER.format(id=Path(name).stem) + sql + "\n", "utf-8")
    (folder / "python_write.py").write_text(PYTHON_WRITE, "utf-8")
    (folder / "_copy_helper.sql").write_text(f"COPY documents TO '{out}/helper.csv'\n", "utf-8")
    return folder, out


def refusals(failures) -> dict[str, str]:
    return {f.check: f.message for f in failures if f.refused}


def test_quality_hostile_checks_are_refused_and_the_others_run(warehouse, hostile):
    folder, out = hostile
    con = connect(warehouse)
    try:
        before = con.execute("SELECT count(*) FROM documents").fetchall()
        result = quality.run_checks(con, folders=[folder], report=lambda line: None)
        found = quality.findings(con)
        after = con.execute("SELECT count(*) FROM documents").fetchall()
    finally:
        con.close()
    refused = refusals(result.failures)
    assert [f for f in result.failures if not f.refused] == []
    assert set(refused) == {Path(n).stem for n in HOSTILE} | {"python_write", "_copy_helper"}
    for name, (_, message) in HOSTILE.items():
        assert refused[Path(name).stem].startswith(message), name
    assert "file system operations are disabled" in refused["read_secret"]
    assert "김태은" not in " ".join(refused.values())
    assert refused["python_write"].startswith("a check does not write to the warehouse: ")
    assert refused["_copy_helper"] == "a helper file only creates views and macros, not COPY"
    assert list(out.iterdir()) == []  # no file written, nothing dumped or attached
    assert after == before
    # The planner's own check ran in the sandbox, with the package's helper macro.
    assert "big_sections" in result.checks
    assert [(f["section_code"], f["message"]) for f in found if f["rule"] == "big_sections"] == [
        ("1-1-1", "예산 1,078,028천원"),
        ("2-1-2", "예산 641,770천원"),
        ("5-1-2", "예산 605,998천원"),
    ]
    # The package's checks ran on the warehouse as before: the sample's three errors.
    errors = sorted(f["rule"] for f in found if f["severity"] == "error")
    assert errors == ["budget_total_amount", "budget_total_prev", "budget_total_short_row"]


def test_quality_cli_reports_each_refusal_as_that_checks_failure(capsys, warehouse, hostile):
    folder, out = hostile
    code = main(["quality", "--db", str(warehouse), "--checks", str(folder)])
    stdout, stderr = capsys.readouterr()
    assert code == 0  # as for a broken check: a refused check is no finding about the reports
    lines = stderr.splitlines()
    assert len(lines) == len(HOSTILE) + 2
    assert all(line.startswith("kplan: warning: check ") for line in lines)
    assert "kplan: warning: check copy_out refused: a check is one SELECT, not COPY" in lines
    assert stdout.splitlines()[0] == "Documents: 1 · findings: 3 errors, 5 warnings, 3 info"
    assert list(out.iterdir()) == []


def test_check_cli_refuses_a_hostile_check_on_a_draft(capsys, hostile):
    folder, out = hostile
    code = main(["check", str(SAMPLE), "--checks", str(folder)])
    stdout, stderr = capsys.readouterr()
    assert code == 1  # the sample's own three errors, not the refusals
    assert "kplan: warning: check export_all refused: a check is one SELECT, not EXPORT" in (
        stderr.splitlines()
    )
    assert stdout.splitlines()[-1] == "3 errors, 5 warnings, 3 info"
    assert list(out.iterdir()) == []


def test_a_sandboxed_copy_cannot_lift_its_lock(warehouse):
    from kplan.warehouse.sandbox import sandboxed_copy

    con = connect(warehouse)
    try:
        with sandboxed_copy(con) as copy:
            assert copy.execute("SELECT count(*) FROM documents").fetchall() == [(1,)]
            with pytest.raises(Exception, match="locked"):
                copy.execute("SET enable_external_access = true")
        # The warehouse's own connection keeps its settings: the caller can still export.
        assert con.execute("SELECT current_setting('enable_external_access')").fetchall() == [
            (True,)
        ]
    finally:
        con.close()


def test_a_warehouse_named_with_a_double_quote_is_copied_into_the_sandbox(warehouse, tmp_path):
    # Regression: the database name went unquoted into COPY FROM DATABASE "…" (a ParserException)
    from kplan.warehouse.sandbox import sandboxed_copy

    odd = tmp_path / 'plan "2025".duckdb'
    shutil.copy(warehouse, odd)
    con = connect(odd)
    try:
        with sandboxed_copy(con) as copy:
            assert copy.execute("SELECT count(*) FROM documents").fetchall() == [(1,)]
    finally:
        con.close()
