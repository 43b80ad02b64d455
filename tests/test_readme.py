"""The README's SQL examples run against the sample warehouse and return rows."""
import re
from pathlib import Path

import pytest

from kplan.pipeline.batch import process_file
from kplan.warehouse.load import connect, load_document

README = Path(__file__).resolve().parents[1] / "README.md"
SQL_BLOCKS = re.findall(r"```sql\n(.*?)```", README.read_text("utf-8"), flags=re.S)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, sample_path):
    con = connect(tmp_path_factory.mktemp("readme") / "w.duckdb")
    for fmt in ("txt", "pdf"):
        processed = process_file(sample_path(fmt))
        load_document(con, processed.document, processed.facts, stats=processed.stats,
                         signature=processed.signature)
    yield con
    con.close()


def test_readme_has_sql_examples():
    assert len(SQL_BLOCKS) >= 4


@pytest.mark.parametrize("query", SQL_BLOCKS, ids=[q.split("\n")[0][:40] for q in SQL_BLOCKS])
def test_readme_query_runs(warehouse, query):
    rows = warehouse.execute(query).fetchall()
    if "status = 'failed'" in query:
        assert rows == []   # the samples all read
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
