"""The PDF reader on corpus reports that also come as HWP/HWPX: each test is named after the file
and table it came from, its expected values read from the Hancom file's XML or the page image."""
from __future__ import annotations

import pytest

from conftest import CORPUS

pytestmark = pytest.mark.corpus
REPORTS = CORPUS / "reports"


@pytest.fixture(scope="module")
def parsed():
    from kplan.parsers import parse_file
    cache = {}

    def doc(name):
        if name not in cache:
            cache[name] = parse_file(REPORTS / name)
        return cache[name]
    return doc


def test_local_gov_donation_report_form_2025_pdf_page_stamp_is_page_furniture(parsed):
    # Every page carries a boxed '대외주의' in its top band; the HWPX holds it in the page
    # header (hp:header), not in the body.
    doc = parsed("local_gov_donation_report_form_2025.pdf")
    assert "대외주의" not in doc.text()
    assert not any("대외주의" in c.text for t in doc.tables() for c in t.cells)


def test_local_gov_donation_report_form_2025_pdf_sunbeon_list_is_one_table(parsed):
    # (7) 답: one 152-row table in the HWPX (rowCnt="152", header row repeated on pages 25-28).
    doc = parsed("local_gov_donation_report_form_2025.pdf")
    lists = [t for t in doc.tables() if t.cell(0, 0) and t.cell(0, 0).text == "순번"]
    assert len(lists) == 1
    table = lists[0]
    assert (table.n_rows, table.n_cols, table.page, table.end_page) == (152, 3, 25, 28)
    assert [table.cell(r, 0).text for r in (1, 41, 42, 84, 126, 150)] == \
        ["1", "41", "42", "84", "126", "150"]
    assert table.cell(42, 1).text == "서울특별시 송파구"
    assert table.cell(150, 1).text == "경상북도 포항시"
    assert table.cell(151, 0).text == "소요 시간 전체 평균"
