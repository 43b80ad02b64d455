"""Every family in `kplan check` and the HTML report speaks its own words (issue 13, item 9):
a 예산 사업설명자료 says which programs and amounts it holds, a document of no family gets the
generic summary, never the training plan's checklist, and findings on HWP show where they are."""

from __future__ import annotations

import pytest
from conftest import CORPUS

from kplan.pipeline.batch import process_file
from kplan.pipeline.cli import main
from kplan.warehouse.load import connect, load_document
from kplan.warehouse.quality import run_checks
from kplan.warehouse.report import render_report

LEARNING_CARD = CORPUS / "reports" / "budget_program_moel_learning_card.pdf"
NIKL_HWP = CORPUS / "reports" / "nikl_2022_work_plan.hwp"
TRAINING_PLAN_WORDS = ("sections", "budget tables", "budget lines", "training items")
TRAINING_PLAN_REPORT = ("예산 표가 없습니다", "절 (1-1-1 …)", "연수 항목", "합계가 맞는 예산 표")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def report_of(path) -> str:
    con = connect(":memory:")
    processed = process_file(path)
    load_document(con, processed.document, processed.facts, stats=processed.stats)
    run_checks(con)
    return render_report(con)


@pytest.mark.corpus
def test_budget_program_moel_learning_card_check_names_its_program_and_amounts(capsys):
    """Page 1: '(21) 내일배움카드(일반)(1131-300)'; its 예산 총괄표 (단위: 백만원) prints 2022년
    결산 322,799, 2023년 본예산(A) 518,815, 2024년 정부안 584,906 and 확정(B) 584,906."""
    code, out, err = run(capsys, "check", LEARNING_CARD)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{LEARNING_CARD} (pdf, 4 pages, budget_program): 1 program, 4 amounts",
        "  program 1131-300 내일배움카드(일반): 2022 결산 322,799,000,000원, 2023 본예산 "
        "518,815,000,000원, 2024 정부안 584,906,000,000원, 2024 확정 584,906,000,000원",
        "0 errors, 0 warnings, 0 info",
    ]


@pytest.mark.corpus
def test_budget_program_moel_learning_card_report_is_its_own_section():
    html = report_of(LEARNING_CARD)
    for words in TRAINING_PLAN_REPORT:
        assert words not in html, words
    assert "<td>1 program, 4 amounts</td>" in html
    assert (
        "<td>1131-300</td><td>내일배움카드(일반)</td><td>고용노동부</td><td>일반회계</td>" in html
    )
    assert (
        '<td>1131-300</td><td>2023</td><td>본예산</td><td class="num">518,815,000,000</td>' in html
    )


def test_a_document_of_no_family_gets_the_generic_summary(capsys, tmp_path):
    memo = tmp_path / "memo.txt"
    memo.write_text("Ⅰ. 개요\n1. 목적\n- 회의 자료를 정리한다\n", "utf-8")
    code, out, _ = run(capsys, "check", memo)
    assert out.splitlines()[0] == f"{memo} (txt): 0 tables, 0 figures, 3 outline nodes"
    html = report_of(memo)
    assert "<td>0 tables, 0 figures, 3 outline nodes</td>" in html
    for words in TRAINING_PLAN_REPORT:
        assert words not in html, words
    db = tmp_path / "w.duckdb"
    run(capsys, "ingest", memo, "--db", db)
    code, out, _ = run(capsys, "quality", "--db", db)
    assert out.splitlines()[1].startswith(
        "doc 1  memo.txt (txt): 0 tables, 0 figures, 3 outline nodes — "
    )
    assert not any(words in out for words in TRAINING_PLAN_WORDS)


@pytest.mark.corpus
def test_nikl_2022_work_plan_hwp_table_finding_shows_its_position(capsys):
    """The 정원·현원 table is top-level paragraph 619 of section 0 (hwp5proc xml); its 16th row is
    '총계 | 53 | 51 | △2', while the 과부족 cells above add up to 1."""
    code, out, _ = run(capsys, "check", NIKL_HWP)
    lines = [ln for ln in out.splitlines() if "‘총계’ 과부족" in ln]
    assert len(lines) == 1
    assert lines[0].startswith("error    -      ¶0.619 r16  table_arithmetic  표 ")
    assert lines[0].endswith("‘총계’ 과부족: △2 ≠ 내역 합 1 (차이 -3)")
    # Its own family's words: 7 tasks + 23 sub-tasks (p109–p376); 세입 4 + 세출 16 rows.
    assert out.splitlines()[0] == f"{NIKL_HWP} (hwp, work_plan): 30 tasks, 20 budget lines"
    html = report_of(NIKL_HWP)
    assert '<td class="num">¶0.619 r16</td>' in html
    assert "<h3>추진 과제</h3>" in html and "<h3>예산 개요</h3>" in html
    for words in TRAINING_PLAN_REPORT:
        assert words not in html, words


@pytest.mark.corpus
def test_ingest_totals_speak_each_family_s_words(capsys, tmp_path):
    """A batch of no training plan ends in each family's own totals, never 'Sections: 0 ·
    budget lines: 0 · training items: 0': the learning card's 1 program and its 4 amounts
    (page 1's 예산 총괄표, as above), and a memo of no family with its 3 outline nodes."""
    memo = tmp_path / "memo.txt"
    memo.write_text("Ⅰ. 개요\n1. 목적\n- 회의 자료를 정리한다\n", "utf-8")
    db = tmp_path / "w.duckdb"
    code, out, _ = run(capsys, "ingest", LEARNING_CARD, memo, "--db", db, "--no-quality")
    assert code == 0
    assert out.splitlines()[-5:] == [
        f"Warehouse: {db}",
        "Documents: 2 (2 ok, 0 partial, 0 failed) · reports: 2",
        "budget_program: 1 document: 1 program, 4 amounts",
        "no family: 1 document: 0 tables, 0 figures, 3 outline nodes",
        "Findings: 0",
    ]
    assert not any(words in out for words in TRAINING_PLAN_WORDS)
