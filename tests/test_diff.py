"""kplan diff: what changed between two versions of the sample report, fact by fact, with where
each fact is. The sample is edited as a planner would edit it, re-ingested, and compared."""

import shutil

import pdfplumber
import pytest
from conftest import load as load_file
from conftest import load_builder

from kplan.warehouse.diff import DiffError, diff, diff_documents, resolve
from kplan.warehouse.quality import run_checks

# seoul-edu-training-2025-plan.txt: 3-2-1's budget table sums 44,700 + 60,000 = 104,700 (2025)
# and 243,075 + 120,675 = 363,750 (2024) but prints 합계 104,725 363,774; the corrected total.
TOTAL_3_2_1 = "합계 104,725 363,774"
FIXED_3_2_1 = "합계 104,700 363,750"
HOT_TOPICS = "[중등 집합] 중등 영어회화 Hot Topics 등 직무연수 10과정, 150명"
HOT_TOPICS_MORE = "[중등 집합] 중등 영어회화 Hot Topics 등 직무연수 12과정, 180명"
HEADING_3_2_2 = "3-2-2  공존과 협력의 학교 만들기 연수"
HEADING_4_1_1 = "4-1-1  교원 원격연수 운영의 내실화"


def load(con, path):
    """Load `path` and run the checks, so that findings can be compared too."""
    result = load_file(con, path)
    run_checks(con)
    return result


def line_of(text: str, needle: str) -> str:
    """'line N' (1-based) of the line holding `needle`: how kplan places facts in a text file."""
    (number,) = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return f"line {number}"


@pytest.fixture
def plan(tmp_path, sample_path):
    path = tmp_path / "plan.txt"
    shutil.copy(sample_path("txt"), path)
    return path


def as_rows(changes):
    return [
        (c.change, c.table, c.fact, c.field, c.old, c.new, c.old_position, c.new_position)
        for c in changes
    ]


def test_plan_txt_edited_total_counts_and_title_diff_fact_by_fact(con, plan):
    text = plan.read_text("utf-8")
    first = load(con, plan)
    plan.write_text(
        text.replace(TOTAL_3_2_1, FIXED_3_2_1)
        .replace(HOT_TOPICS, HOT_TOPICS_MORE)
        .replace(HEADING_3_2_2, HEADING_3_2_2 + " 과정"),
        "utf-8",
    )
    second = load(con, plan)
    total_at, hot_at, heading_at = (
        line_of(text, TOTAL_3_2_1),
        line_of(text, HOT_TOPICS),
        line_of(text, HEADING_3_2_2),
    )
    hot = "3-2-2 · 2025 · plan · 중등 · 집합 · 중등 영어회화 Hot Topics 등 직무연수"
    assert as_rows(diff_documents(con, first.doc_id, second.doc_id)) == [
        (
            "changed", "sections", "3-2-2", "title",
            "공존과 협력의 학교 만들기 연수", "공존과 협력의 학교 만들기 연수 과정",
            heading_at, heading_at,
        ),
        ("changed", "budget_lines", "3-2-1 · 합계", "amount", 104_725_000, 104_700_000,
         total_at, total_at),
        ("changed", "budget_lines", "3-2-1 · 합계", "amount_prev", 363_774_000, 363_750_000,
         total_at, total_at),
        ("changed", "training_items", hot, "courses", 10, 12, hot_at, hot_at),
        ("changed", "training_items", hot, "participants", 150, 180, hot_at, hot_at),
        # The corrected total: the two sum checks on that line no longer find anything.
        ("fixed", "findings",
         "budget_total_amount · 3-2-1 · 합계 2025년 예산액 104,725천원 ≠ 내역 합 104,700천원 "
         "(차이 +25천원)", None, None, None, total_at, None),
        ("fixed", "findings",
         "budget_total_prev · 3-2-1 · 합계 2024년 예산액 363,774천원 ≠ 내역 합 363,750천원 "
         "(차이 +24천원)", None, None, None, total_at, None),
    ]  # fmt: skip
    # The other way round, the same facts: what was fixed appears again.
    back = diff_documents(con, second.doc_id, first.doc_id)
    assert [(c.change, c.table) for c in back][-2:] == [("appeared", "findings")] * 2
    assert [(c.field, c.old, c.new) for c in back if c.table == "budget_lines"] == [
        ("amount", 104_700_000, 104_725_000),
        ("amount_prev", 363_750_000, 363_774_000),
    ]


def test_plan_txt_without_section_3_2_2_says_the_section_is_gone(con, plan):
    text = plan.read_text("utf-8")
    first = load(con, plan)
    start, end = text.index(HEADING_3_2_2), text.index(HEADING_4_1_1)
    plan.write_text(text[:start] + text[end:], "utf-8")
    second = load(con, plan)
    changes = diff_documents(con, first.doc_id, second.doc_id)
    assert as_rows(c for c in changes if c.table == "sections") == [
        ("removed", "sections", "3-2-2", None, None, None, line_of(text, HEADING_3_2_2), None)
    ]
    # Its training items and budget lines went with it, and nothing else's.
    for table in ("training_items", "budget_lines"):
        gone = [c for c in changes if c.table == table]
        assert gone, table
        assert {c.change for c in gone} == {"removed"}
        assert all(c.fact.startswith("3-2-2 · ") for c in gone), table
    hot = [
        c
        for c in changes
        if c.table == "training_items" and "plan · 중등 · 집합 · 중등 영어회화 Hot" in c.fact
    ]
    assert [c.old_position for c in hot] == [line_of(text, HOT_TOPICS)]


def test_versions_are_named_by_path_at_number_or_doc_id(con, plan):
    first = load(con, plan)
    plan.write_text(plan.read_text("utf-8").replace(TOTAL_3_2_1, FIXED_3_2_1), "utf-8")
    second = load(con, plan)
    assert resolve(con, f"{plan}@1") == first.doc_id
    assert resolve(con, f"{plan}@2") == resolve(con, str(plan)) == second.doc_id
    assert resolve(con, str(first.doc_id)) == first.doc_id
    fields = [(c.table, c.field) for c in diff(con, f"{plan}@1", str(plan))]
    assert fields[:2] == [("budget_lines", "amount"), ("budget_lines", "amount_prev")]
    with pytest.raises(DiffError, match="no version 3"):
        resolve(con, f"{plan}@3")
    with pytest.raises(DiffError, match="no document"):
        resolve(con, "elsewhere.pdf")


def test_two_reports_are_compared_by_report_key(con, plan, tmp_path):
    # Next year's plan on the same template is another report; its 3-2-1 total corrected.
    other = tmp_path / "plan-2026.txt"
    text = plan.read_text("utf-8")
    other.write_text(
        text.replace("2025 주요업무계획", "2026 주요업무계획")
        .replace("’25 ’24", "’26 ’25")
        .replace(TOTAL_3_2_1, FIXED_3_2_1),
        "utf-8",
    )
    load(con, plan)
    load(con, other)
    keys = [
        k for (k,) in con.execute("SELECT report_key FROM documents ORDER BY doc_id").fetchall()
    ]
    assert keys[0] != keys[1]
    changes = diff(con, keys[0], keys[1])
    assert ("documents", "plan_year", 2025, 2026) in [
        (c.table, c.field, c.old, c.new) for c in changes
    ]
    assert [(c.table, c.field, c.old, c.new) for c in changes if c.table == "budget_lines"] == [
        ("budget_lines", "amount", 104_725_000, 104_700_000),
        ("budget_lines", "amount_prev", 363_774_000, 363_750_000),
    ]


def page_of(pdf_bytes_path, needle: str) -> int:
    """The 1-based page whose text holds `needle`, as pdfplumber reads the page."""
    with pdfplumber.open(pdf_bytes_path) as pdf:
        (page,) = [
            i for i, page in enumerate(pdf.pages, 1) if needle in (page.extract_text() or "")
        ]
    return page


def test_plan_pdf_rebuilt_from_the_edited_text_diffs_with_pages(con, tmp_path, sample_path):
    pytest.importorskip("reportlab", reason="the builder needs the samples extra")
    pdf = tmp_path / "plan.pdf"
    shutil.copy(sample_path("pdf"), pdf)
    first = load(con, pdf)
    edited = tmp_path / "edited.txt"
    edited.write_text(
        sample_path("txt").read_text("utf-8").replace(TOTAL_3_2_1, FIXED_3_2_1), "utf-8"
    )
    pdf.write_bytes(load_builder().build(edited).pdf)
    second = load(con, pdf)
    old_page = page_of(sample_path("pdf"), "104,725")
    new_page = page_of(pdf, "104,700 363,750")
    rows = [
        (c.change, c.field, c.old, c.new, c.old_page, c.new_page)
        for c in diff_documents(con, first.doc_id, second.doc_id)
        if c.table == "budget_lines" or (c.table == "findings" and "3-2-1" in c.fact)
    ]
    assert ("changed", "amount", 104_725_000, 104_700_000, old_page, new_page) in rows
    assert ("changed", "amount_prev", 363_774_000, 363_750_000, old_page, new_page) in rows
    assert ("fixed", None, None, None, old_page, None) in rows
