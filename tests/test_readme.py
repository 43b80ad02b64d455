"""The README's SQL examples run against the sample warehouse and return rows."""

import re
from pathlib import Path

import pytest
from conftest import load

from kplan.warehouse.load import connect
from kplan.warehouse.quality import run_checks

README = Path(__file__).resolve().parents[1] / "README.md"
SQL_BLOCKS = re.findall(r"```sql\n(.*?)```", README.read_text("utf-8"), flags=re.S)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, sample_path):
    con = connect(tmp_path_factory.mktemp("readme") / "w.duckdb")
    for fmt in ("txt", "pdf", "hwp", "hwpx"):
        load(con, sample_path(fmt))
    run_checks(con)
    yield con
    con.close()


def test_readme_has_sql_examples():
    assert len(SQL_BLOCKS) >= 7


def test_one_report_in_four_formats_is_one_report(warehouse):
    assert warehouse.execute("SELECT formats, n_documents FROM reports").fetchall() == [
        ("hwp,hwpx,pdf,txt", 4)
    ]


def test_readme_findings_example_lists_the_samples_errors_first(warehouse):
    rows = warehouse.execute(SQL_BLOCKS[4]).fetchall()
    # The primary document is the PDF: its three errors, with their pages, come first.
    assert sorted((r[0], r[1], r[2], r[3], r[4]) for r in rows[:3]) == [
        ("seoul-edu-training-2025-plan.pdf", "2-1-1", 17, "error", "budget_total_short_row"),
        ("seoul-edu-training-2025-plan.pdf", "3-2-1", 28, "error", "budget_total_amount"),
        ("seoul-edu-training-2025-plan.pdf", "3-2-1", 28, "error", "budget_total_prev"),
    ]
    assert rows[3][3] == "warning"


def test_readme_check_example_runs_as_a_check(tmp_path, warehouse):
    check = next(q for q in SQL_BLOCKS if q.startswith("-- id: budget_line_too_big"))
    rows = warehouse.execute(check).fetchall()
    # Lines over 500 million won in the primary (and every other) rendering of the sample.
    assert {r[1] for r in rows} == {"1-1-1", "2-1-2"}


@pytest.mark.parametrize("query", SQL_BLOCKS, ids=[q.split("\n")[0][:40] for q in SQL_BLOCKS])
def test_readme_query_runs(warehouse, query):
    rows = warehouse.execute(query).fetchall()
    if "status = 'failed'" in query:
        assert rows == []  # the samples all read
    elif query.startswith("-- family: budget_program"):
        assert rows == []  # the sample is a training plan, not a 예산 사업설명자료
    else:
        assert rows


def test_readme_budget_example_counts_the_report_once(warehouse):
    rows = warehouse.execute(SQL_BLOCKS[0]).fetchall()
    assert len(rows) == 20
    assert rows[0][1:] == ("1-1-1", 1078028, 1109463)


def test_readme_quarters_example_finds_the_reassigned_line(warehouse):
    # The one line in the sample whose quarters do not make its amount: 1-1-2's 17,900천원
    # 재배정 line, whose quarters are printed as '재배정'. Merged amounts (3-1-2, 3-2-2) add up.
    rows = warehouse.execute(SQL_BLOCKS[2]).fetchall()
    assert [r[:4] for r in rows] == [("1-1-2", 2, 17_900_000, 0)]
    assert rows[0][4] is not None  # the PDF is the primary document: it has the page
