"""kplan ingest of an edited file, kplan diff between its versions, kplan export and import."""

import json
import shutil

import duckdb
import pytest

from kplan.pipeline.cli import main

TOTAL_3_2_1 = "합계 104,725 363,774"
FIXED_3_2_1 = "합계 104,700 363,750"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def two_versions(tmp_path, sample_path, capsys):
    plan = tmp_path / "plan.txt"
    shutil.copy(sample_path("txt"), plan)
    db = tmp_path / "w.duckdb"
    assert run(capsys, "ingest", plan, "--db", db, "--workers", "1")[0] == 0
    text = plan.read_text("utf-8")
    plan.write_text(text.replace(TOTAL_3_2_1, FIXED_3_2_1), "utf-8")
    assert run(capsys, "ingest", plan, "--db", db, "--workers", "1")[0] == 0
    return plan, db, text


def test_kplan_diff_of_two_versions_as_a_table(capsys, two_versions):
    plan, db, text = two_versions
    line = [i for i, t in enumerate(text.splitlines(), 1) if TOTAL_3_2_1 in t][0]
    code, out, err = run(capsys, "diff", f"{plan}@1", plan, "--db", db)
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[0].split() == ["change", "table", "fact", "field", "old", "new", "old_at",
                                "new_at"]  # fmt: skip
    assert lines[2].split() == ["changed", "budget_lines", "3-2-1", "·", "합계", "amount",
                                "104725000", "104700000", f"l.{line}", f"l.{line}"]  # fmt: skip
    assert [ln.split()[0] for ln in lines[2:]] == ["changed", "changed", "fixed", "fixed"]


def test_kplan_diff_json_and_no_difference(capsys, two_versions):
    plan, db, _ = two_versions
    code, out, _ = run(capsys, "diff", f"{plan}@1", f"{plan}@2", "--db", db, "--format", "json")
    rows = json.loads(out)
    assert code == 1
    assert rows[0] == {
        "change": "changed", "table": "budget_lines", "fact": "3-2-1 · 합계",
        "field": "amount", "old": 104_725_000, "new": 104_700_000, "old_page": None,
        "new_page": None, "old_position": rows[0]["old_position"],
        "new_position": rows[0]["old_position"],
    }  # fmt: skip
    assert run(capsys, "diff", plan, f"{plan}@2", "--db", db)[:2] == (0, "No differences.\n")
    code, _, err = run(capsys, "diff", f"{plan}@7", plan, "--db", db)
    assert (code, err) == (2, f"kplan: error: no version 7 of {plan}\n")


def test_kplan_export_then_import_is_the_same_warehouse(capsys, two_versions, tmp_path):
    _, db, _ = two_versions
    backup, restored = tmp_path / "backup", tmp_path / "restored.duckdb"
    code, out, _ = run(capsys, "export", "--db", db, "--to", backup)
    assert code == 0 and out.startswith("Exported ")
    code, out, _ = run(capsys, "import", backup, "--db", restored)
    assert code == 0 and out.startswith("Imported ")
    a = duckdb.connect(str(db), read_only=True)
    b = duckdb.connect(str(restored), read_only=True)
    for table in ("documents", "budget_lines", "history.budget_lines", "findings"):
        query = f"SELECT * FROM {table} ORDER BY ALL"
        assert a.execute(query).fetchall() == b.execute(query).fetchall(), table
    a.close()
    b.close()
    code, _, err = run(capsys, "import", backup, "--db", restored)
    assert code == 2 and "exists" in err


def test_kplan_ingest_says_a_cut_file_left_the_last_good_version_current(
    capsys, tmp_path, sample_path
):
    plan = tmp_path / "plan.hwpx"
    shutil.copy(sample_path("hwpx"), plan)
    db = tmp_path / "w.duckdb"
    assert run(capsys, "ingest", plan, "--db", db, "--workers", "1", "--no-quality")[0] == 0
    data = plan.read_bytes()
    plan.write_bytes(data[: len(data) // 2])
    code, out, _ = run(capsys, "ingest", plan, "--db", db, "--workers", "1", "--no-quality")
    assert code == 1
    assert out.splitlines()[0] == (
        f"failed     {plan}: corrupt: broken zip package: File is not a zip file "
        "(the previous version stays current)"
    )
    code, out, _ = run(capsys, "sql", "SELECT status, version FROM documents", "--db", db,
                       "--format", "csv")  # fmt: skip
    assert out == "status,version\nok,1\n"


def test_kplan_ingest_says_a_file_moved(capsys, tmp_path, sample_path):
    plan = tmp_path / "plan.txt"
    shutil.copy(sample_path("txt"), plan)
    db = tmp_path / "w.duckdb"
    run(capsys, "ingest", plan, "--db", db, "--workers", "1", "--no-quality")
    moved = tmp_path / "kept" / "plan.txt"
    moved.parent.mkdir()
    shutil.move(plan, moved)
    code, out, _ = run(capsys, "ingest", moved, "--db", db, "--workers", "1", "--no-quality")
    assert code == 0
    assert out.splitlines()[0] == f"moved      {moved}: same bytes as {plan}, which is gone"
