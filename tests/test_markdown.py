"""Markdown, as the HWP and PDF converters write a report (parsers/text_markup.py): the seed as
kordoc and dochan convert it (tests/data/make_markdown.py) reads as the report, and the markup
read on its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_hancom_layouts import total_rows
from test_sample_report import LINES, TOTALS, TRAINING_1_1_1, _item, _line_tuple

from kplan.parsers import parse_file
from kplan.parsers.model import Paragraph, Table
from kplan.parsers.text_markup import html_table, markup_runs, unmarked
from kplan.rules import extract

DATA = Path(__file__).resolve().parent / "data"
# Lines whose quarters belong to the line above's amount (a cell merged over both; dochan draws
# the merged cell as blank cells below its first row).
MERGED_AMOUNTS = {("3-1-2", 2): 1, ("3-2-2", 2): 1, ("3-2-2", 3): 1}


def _strip(rows):
    return [row._replace(page=None, position=None) for row in rows]


@pytest.mark.parametrize("converter", ["kordoc", "dochan"])
def test_the_seed_converted_to_markdown_reads_as_the_report(converter, sample_facts):
    doc = parse_file(DATA / f"seoul-edu-training-2025-plan.{converter}.md")
    assert (doc.format, doc.status, doc.issues) == ("txt", "ok", [])
    facts = extract(doc)
    # The values read from the report by hand (tests/test_sample_report.py).
    assert [_line_tuple(b) for b in facts.budget_lines if not b.is_total] == LINES
    assert total_rows(facts) == TOTALS
    items = facts.training_items
    assert [_item(t) for t in items if t.section_code == "1-1-1"] == TRAINING_1_1_1
    committed = sample_facts("hwpx")
    assert [(s.code, s.title) for s in facts.sections] == [
        (s.code, s.title) for s in committed.sections
    ]
    assert _strip(items) == _strip(committed.training_items)
    assert _strip(facts.improvement_items) == _strip(committed.improvement_items)
    assert _strip(facts.contacts) == _strip(committed.contacts)
    merged = {
        (b.section_code, b.line_no): b.amount_line_no
        for b in facts.budget_lines
        if not b.is_total and b.amount_line_no != b.line_no
    }
    assert merged == MERGED_AMOUNTS


def test_an_html_table_keeps_its_merged_cells():
    # kordoc's 1-1-1 budget table, header and first line (the seed's p.3 grid).
    table = html_table(
        '<table><tr><th rowspan="2">예산 사업명</th><th colspan="2">예산액</th></tr>'
        "<tr><td>’25</td><td>’24</td></tr>"
        '<tr><td rowspan="2">456. 자격연수</td><td>1,078,028</td><td>1,109,463</td></tr>'
        '<tr><td colspan="2">연수 운영<br>재배정</td></tr></table>'
    )
    assert (table.n_rows, table.n_cols) == (4, 3)
    assert [(c.row, c.col, c.rowspan, c.colspan, c.text) for c in table.cells] == [
        (0, 0, 2, 1, "예산 사업명"),
        (0, 1, 1, 2, "예산액"),
        (1, 1, 1, 1, "’25"),
        (1, 2, 1, 1, "’24"),
        (2, 0, 2, 1, "456. 자격연수"),
        (2, 1, 1, 1, "1,078,028"),
        (2, 2, 1, 1, "1,109,463"),
        (3, 1, 1, 2, "연수 운영\n재배정"),
    ]


def test_a_pipe_table_its_escapes_and_a_box_written_in_one_cell():
    lines = [
        "| 구분 | 내용 |",
        "| --- | --- |",
        "| **가** | a \\| b<br>c |",
        "",
        "| 2025년 주요 개선 사항 ◊서울교육 비전 공감대 확산 ◊조직융화 강화   - 기본소양 확대 |",
        "| --- |",
    ]
    first, box = markup_runs(lines)
    assert (first.start, first.end, box.start, box.end) == (0, 3, 4, 6)
    assert [c.text for c in first.table.cells] == ["구분", "내용", "가", "a | b\nc"]
    # dochan writes a box's lines one after another in its one cell: the marks say where
    # each line began.
    assert [c.text for c in box.table.cells] == [
        "2025년 주요 개선 사항\n◊서울교육 비전 공감대 확산\n◊조직융화 강화\n- 기본소양 확대"
    ]


def test_markdown_lines_lose_their_marks_and_plain_text_keeps_them(tmp_path):
    assert unmarked("# **1-1-2 교육행정직원 직급·직종별 기본교육** ") == (
        "1-1-2 교육행정직원 직급·직종별 기본교육 "
    )
    assert unmarked("### **예산 집행 계획**") == "예산 집행 계획"
    # A text with no Markdown table is no Markdown: a note's '**' mark and a '#' stay.
    plain = tmp_path / "plain.txt"
    plain.write_text("** 국어능력 평가 **\n# 1번 과제\n", "utf-8")
    assert [b.text for b in parse_file(plain).blocks] == ["** 국어능력 평가 **", "# 1번 과제"]
    marked = tmp_path / "marked.md"
    marked.write_text("# **제목**\n\n| 가 | 나 |\n| --- | --- |\n| 1 | 2 |\n", "utf-8")
    blocks = parse_file(marked).blocks
    assert isinstance(blocks[0], Paragraph) and blocks[0].text == "제목"
    assert isinstance(blocks[1], Table) and blocks[1].cell(1, 1).text == "2"


def test_a_folder_of_markdown_files_is_found(tmp_path):
    from kplan.pipeline.discover import find_reports

    (tmp_path / "report.md").write_text("보고서\n", "utf-8")
    (tmp_path / "notes.json").write_text("{}", "utf-8")
    assert [p.name for p in find_reports([tmp_path]).files] == ["report.md"]


def test_unclosed_html_tables_are_text():
    # A '<table' no '</table>' closes is no table: its lines stay lines. (Each start is not
    # searched for a close to the file's end: 20,000 of them read in one pass.)
    lines = ["<table><tr><td>가</td></tr>"] * 20_000
    assert markup_runs(lines) == []
    # A close after them closes from the first: one table, over the five lines.
    closed = ["<table><tr><td>가</td></tr>", "</table>"]
    assert [(r.start, r.end) for r in markup_runs(lines[:3] + closed)] == [(0, 5)]
