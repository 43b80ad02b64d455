"""`kplan check FILE` (lint one draft, exit 1 on an error) and `kplan quality --db DB`: exact
output and exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kplan.pipeline.cli import main

ROOT = Path(__file__).resolve().parents[1]
STEM = "seoul-edu-training-2025-plan"
SAMPLE = ROOT / "samples" / f"{STEM}.txt"
if not SAMPLE.exists():
    SAMPLE = ROOT.parent / "shared" / "seed" / f"{STEM}.txt"

# The sample's three arithmetic errors, corrected: what a planner would send out.
FIXES = [
    ("합계 104,725 363,774", "합계 104,700 363,750"),
    ("합계 22,900 66,283 6,800 11,100 2,900\n", "합계 22,900 66,283 6,800 11,100 2,900 2,100\n"),
]

WARNINGS = [
    "warning  1-1-2  l.519  budget_total_quarter  합계 1분기 44,900천원 ≠ 내역 합 27,000천원 "
    "(차이 +17,900천원) — 표의 ‘재배정’ 표기가 차이를 설명하므로 경고",
    "warning  2-1-1  l.830  contact_phone_mismatch  김종범(기획평가부 부장) 전화 3999-8003 "
    "— 같은 보고서 다른 12곳에는 3019-8003",
    "warning  2-1-1  l.830  contact_phone_mismatch  오시영(초등교원연수부 부장) 전화 3999-8004 "
    "— 같은 보고서 다른 11곳에는 3019-8004",
    "warning  3-2-1  l.1699  contact_phone_mismatch  최선미(중등교원연수부 수석연구사) 전화 8086 "
    "— 같은 보고서 다른 12곳에는 8096",
    "warning  5-1-2  l.2942  budget_line_quarters  ‘수영장 리모델링 용역’ 분기 합 54,486천원 ≠ "
    "2025년 예산액 - (차이 +54,486천원) — 표의 ‘사고이월’ 표기가 차이를 설명하므로 경고",
]
FACTS = "(txt, training_plan): 20 sections, 20 budget tables, 60 budget lines, 236 training items"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, replacements: list[tuple[str, str]]) -> Path:
    text = SAMPLE.read_text("utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, "utf-8")
    return path


@pytest.fixture
def clean(tmp_path):
    return write(tmp_path / "clean.txt", FIXES)


# ---------------------------------------------------------------- kplan check


def test_check_a_clean_file_exits_0(capsys, clean):
    code, out, err = run(capsys, "check", clean)
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"{clean} {FACTS}", *WARNINGS, "0 errors, 5 warnings, 0 info"]


def test_check_a_planted_error_exits_1_with_its_line(capsys, tmp_path):
    draft = write(
        tmp_path / "draft.txt",
        FIXES + [("합계 98,206 146,791 10,078", "합계 98,306 146,791 10,078")],
    )
    code, out, err = run(capsys, "check", draft)
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"{draft} {FACTS}",
        *WARNINGS[:3],
        "error    3-1-2  l.1695  budget_total_amount  합계 2025년 예산액 98,306천원 ≠ 내역 합 "
        "98,206천원 (차이 +100천원)",
        *WARNINGS[3:],
        "1 error, 5 warnings, 0 info",
    ]


def test_check_the_sample_reports_its_errors(capsys):
    code, out, _ = run(capsys, "check", SAMPLE)
    assert code == 1
    assert out.splitlines() == [
        f"{SAMPLE} {FACTS}",
        *WARNINGS[:3],
        "error    2-1-1  l.984  budget_total_short_row  합계 행이 금액 6칸 중 5칸만 인쇄됨: 4분기 "
        "빈칸 (내역 합 2,100천원) — 내역에는 금액이 있는데 합계가 비어 오류",
        WARNINGS[3],
        "error    3-2-1  l.1875  budget_total_amount  합계 2025년 예산액 104,725천원 ≠ 내역 합 "
        "104,700천원 (차이 +25천원)",
        "error    3-2-1  l.1875  budget_total_prev  합계 2024년 예산액 363,774천원 ≠ 내역 합 "
        "363,750천원 (차이 +24천원)",
        WARNINGS[4],
        "3 errors, 5 warnings, 0 info",
    ]


def test_check_in_english(capsys):
    code, out, _ = run(capsys, "check", SAMPLE, "--lang", "en")
    assert code == 1
    assert (
        "error    3-2-1  l.1875  budget_total_amount  Total 2025 budget 104,725 thousand won "
        "≠ sum of lines 104,700 thousand won (difference +25 thousand won)" in out.splitlines()
    )


def test_check_an_unreadable_file_is_an_error_finding(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, _ = run(capsys, "check", empty)
    assert code == 1
    assert out.splitlines() == [
        f"{empty}: failed: empty",
        "error    -      p.-    parse_status  문서를 읽지 못함: empty — file is empty",
        "1 error, 0 warnings, 0 info",
    ]


def test_check_a_missing_file_is_a_one_line_error(capsys, tmp_path):
    code, out, err = run(capsys, "check", tmp_path / "nope.hwp")
    assert (code, out) == (2, "")
    assert err == f"kplan: error: no such file: {tmp_path / 'nope.hwp'}\n"


def test_check_with_a_broken_check_of_ones_own(capsys, clean, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "oops.sql").write_text(
        "-- id: oops\n-- severity: error\n-- message_ko: x\n-- message_en: x\nSELEC doc_id\n",
        "utf-8",
    )
    code, out, err = run(capsys, "check", clean, "--checks", mine)
    assert code == 0  # the broken check is no finding about the draft
    assert out.splitlines()[-1] == "0 errors, 5 warnings, 0 info"
    assert err.startswith("kplan: warning: check oops failed: ParserException: ")
    assert err.count("\n") == 1


def test_the_installed_script(clean):
    script = Path(sys.executable).with_name("kplan")
    if not script.exists():
        pytest.skip(f"no kplan script next to {sys.executable}")
    done = subprocess.run(
        [str(script), "check", str(clean)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "0 errors, 5 warnings, 0 info"


# ---------------------------------------------------------------- kplan quality


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    db = tmp_path_factory.mktemp("wh") / "w.duckdb"
    assert main(["ingest", str(SAMPLE), "--db", str(db), "--workers", "1"]) == 0
    return db


def test_quality_prints_a_summary_per_document_and_the_findings(capsys, warehouse):
    code, out, err = run(capsys, "quality", "--db", warehouse)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:4] == [
        "Documents: 1 · findings: 3 errors, 5 warnings, 0 info",
        f"doc 1  {STEM}.txt (txt, training_plan): 20 sections, 20 budget tables, 60 budget lines, "
        "236 training items — 3 errors, 5 warnings, 0 info",
        "",
        "doc  severity  section  page  rule                    expected   actual     "
        "difference  message",
    ]
    assert [line.split()[:5] for line in lines[5:]] == [
        ["1", "warning", "1-1-2", "budget_total_quarter", "27000000"],
        ["1", "warning", "2-1-1", "contact_phone_mismatch", "3019-8003"],
        ["1", "warning", "2-1-1", "contact_phone_mismatch", "3019-8004"],
        ["1", "error", "2-1-1", "budget_total_short_row", "6"],
        ["1", "warning", "3-2-1", "contact_phone_mismatch", "8096"],
        ["1", "error", "3-2-1", "budget_total_amount", "104700000"],
        ["1", "error", "3-2-1", "budget_total_prev", "363750000"],
        ["1", "warning", "5-1-2", "budget_line_quarters", "0"],
    ]


def test_quality_csv_of_errors(capsys, warehouse):
    code, out, _ = run(
        capsys, "quality", "--db", warehouse, "--no-run", "--severity", "error", "--format", "csv"
    )
    assert code == 0
    assert out.splitlines() == [
        "doc,severity,section,page,rule,expected,actual,difference,message",
        "1,error,2-1-1,,budget_total_short_row,6,5,,\"합계 행이 금액 6칸 중 5칸만 인쇄됨: 4분기 빈칸 "
        "(내역 합 2,100천원) — 내역에는 금액이 있는데 합계가 비어 오류\"",
        "1,error,3-2-1,,budget_total_amount,104700000,104725000,25000,"
        "\"합계 2025년 예산액 104,725천원 ≠ 내역 합 104,700천원 (차이 +25천원)\"",
        "1,error,3-2-1,,budget_total_prev,363750000,363774000,24000,"
        "\"합계 2024년 예산액 363,774천원 ≠ 내역 합 363,750천원 (차이 +24천원)\"",
    ]


def test_quality_writes_the_html_report(capsys, warehouse, tmp_path):
    report = tmp_path / "out" / "report.html"
    code, out, _ = run(capsys, "quality", "--db", warehouse, "--html", report)
    assert code == 0
    assert out.splitlines()[-1] == f"Report: {report}"
    assert report.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_quality_without_a_warehouse(capsys, tmp_path):
    code, out, err = run(capsys, "quality", "--db", tmp_path / "none.duckdb")
    assert (code, out) == (2, "")
    assert err == (
        f"kplan: error: no warehouse at {tmp_path / 'none.duckdb'} "
        f"(run `kplan ingest PATH --db {tmp_path / 'none.duckdb'}`)\n"
    )


def test_quality_lists_the_checks(capsys):
    code, out, _ = run(capsys, "quality", "--list-checks")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "severity", "kind", "about"]
    rows = {line.split()[0]: line.split()[1:3] for line in lines[2:]}
    assert rows["budget_total_amount"] == ["error", "sql"]
    assert rows["budget_unit_missing"] == ["warning", "sql"]
    assert rows["improvement_count_mismatch"] == ["error", "python"]
    assert rows["table_arithmetic"] == ["error", "python"]
    assert rows["work_plan_budget_ratio"] == ["error", "sql"]
    assert len(rows) == 26


def test_help_ends_with_an_example(capsys):
    for command in ("quality", "check"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out = capsys.readouterr().out
        assert out.rstrip().splitlines()[-1].startswith(f"example: kplan {command} "), out


def test_check_points_into_a_hwp_without_pages(capsys):
    # HWP stores no pages: a finding says the section, paragraph and table row instead.
    hwp = ROOT / "samples" / "seoul-edu-training-2025-plan.hwp"
    code, out, _ = run(capsys, "check", hwp)
    assert code == 1
    errors = [line for line in out.splitlines() if line.startswith("error")]
    assert errors == [
        "error    2-1-1  ¶0.374 r9  budget_total_short_row  합계 행이 금액 6칸 중 5칸만 인쇄됨: "
        "4분기 빈칸 (내역 합 2,100천원) — 내역에는 금액이 있는데 합계가 비어 오류",
        "error    3-2-1  ¶0.666 r7  budget_total_amount  합계 2025년 예산액 104,725천원 ≠ 내역 합 "
        "104,700천원 (차이 +25천원)",
        "error    3-2-1  ¶0.666 r7  budget_total_prev  합계 2024년 예산액 363,774천원 ≠ 내역 합 "
        "363,750천원 (차이 +24천원)",
    ]


def test_short_positions():
    from kplan.parsers.model import Position
    from kplan.pipeline.quality_cli import short_position

    assert short_position(Position(line=984)) == "l.984"
    assert short_position(Position(page=2, line=5)) == "l.5"
    assert short_position(Position(section=0, paragraph=812, row=3)) == "¶0.812 r3"
    assert short_position(Position(section=1, paragraph=4, inside="textbox")) == "¶1.4"
    assert short_position(Position(table=3, row=2, col=1)) == "table 3 row 2 col 1"
    assert short_position(None) == "p.-"
