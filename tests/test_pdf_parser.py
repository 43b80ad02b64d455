"""The PDF backend on the sample rendering and on small hand-made inputs."""
import re
from types import SimpleNamespace

import pytest

from kplan.parsers import parse_bytes, parse_file
from kplan.parsers.model import Cell, Paragraph, Table
from kplan.parsers.pdf import PdfSettings, is_page_number, stitch_continued_tables, \
    table_from_cells


@pytest.fixture(scope="module")
def sample_pdf(sample_path):
    return parse_file(sample_path("pdf"))


def test_document_metadata(sample_pdf):
    assert (sample_pdf.format, sample_pdf.reader, sample_pdf.status) == ("pdf", "pdfplumber", "ok")
    assert sample_pdf.pages == 46
    assert all(b.page is not None for b in sample_pdf.blocks)
    pages = [b.page for b in sample_pdf.blocks]
    assert pages == sorted(pages)


def test_titles_drawn_many_times_come_out_once(sample_pdf):
    texts = [p.text for p in sample_pdf.paragraphs()]
    assert "일반 현황" in texts
    assert not any(re.search(r"(일\s*){3,}", t) for t in texts)


def test_symbol_font_bullets_become_bullets(sample_pdf):
    texts = [p.text for p in sample_pdf.paragraphs()]
    assert "❍ ’75. 05. 12. 『서울학생수련원』개원" in texts
    assert not any(t.startswith("m ’") for t in texts)


def test_page_numbers_are_not_text(sample_pdf):
    assert not any(re.fullmatch(r"-\s*\d+\s*-", p.text) for p in sample_pdf.paragraphs())


def test_budget_table_keeps_merged_cells_once(sample_pdf):
    table = next(sample_pdf.tables())
    assert (table.page, table.n_rows, table.n_cols) == (9, 5, 9)
    spans = {(c.row, c.col): (c.rowspan, c.colspan, c.text) for c in table.cells}
    assert spans[(0, 0)] == (2, 1, "예산 사업명")
    assert spans[(0, 2)] == (1, 2, "예산액")
    assert spans[(0, 4)] == (1, 4, "집행예정액 / 집행내용")
    assert spans[(2, 2)] == (2, 1, "1,078,028")        # the amount spans its note row
    assert spans[(3, 4)] == (1, 4, "연수 운영")          # the note spans the four quarters
    assert spans[(4, 0)] == (1, 2, "합계")
    # Every grid position is covered by exactly one cell: spans are never copied.
    for r in range(table.n_rows):
        for c in range(table.n_cols):
            assert sum(cell.covers(r, c) for cell in table.cells) == 1, (r, c)
    assert table.cell(3, 2) is None and table.cell_covering(3, 2).text == "1,078,028"


def test_table_broken_across_pages_is_stitched_once(sample_pdf):
    stitched = [t for t in sample_pdf.tables() if t.end_page]
    assert len(stitched) == 1
    table = stitched[0]
    assert table.end_page == table.page + 1
    assert sum("1분기" in c.text for c in table.cells) == 1   # the repeated header is dropped
    assert table.row_pages[0] == table.page and table.row_pages[-1] == table.end_page


def test_grid_from_cell_rectangles():
    # A 2x3 grid whose first cell spans two columns and whose last column spans two rows.
    boxes = [(0, 0, 200, 20), (200, 0, 300, 40), (0, 20, 100, 40), (100.8, 20, 200, 40)]
    page = SimpleNamespace(chars=[])
    table = table_from_cells(page, boxes, 3, PdfSettings())
    assert (table.n_rows, table.n_cols, table.page) == (2, 3, 3)
    assert sorted((c.row, c.col, c.rowspan, c.colspan) for c in table.cells) == \
        [(0, 0, 1, 2), (0, 2, 2, 1), (1, 0, 1, 1), (1, 1, 1, 1)]


def test_stitching_needs_a_repeated_header_on_the_next_page():
    header = [Cell(0, 0, "구분"), Cell(0, 1, "금액")]
    first = Table(header + [Cell(1, 0, "가"), Cell(1, 1, "1")], 2, 2, page=1)
    cont = Table(header + [Cell(1, 0, "나"), Cell(1, 1, "2")], 2, 2, page=2)
    merged = stitch_continued_tables([first, cont])
    assert len(merged) == 1
    assert [(c.row, c.text) for c in merged[0].cells] == \
        [(0, "구분"), (0, "금액"), (1, "가"), (1, "1"), (2, "나"), (2, "2")]
    # Not on the next page, or text in between: two tables.
    far = Table(list(cont.cells), 2, 2, page=3)
    assert len(stitch_continued_tables([first, far])) == 2
    assert len(stitch_continued_tables([first, Paragraph("본문", page=2), cont])) == 3


@pytest.mark.parametrize("text, expected", [("- 3 -", True), ("12", True), ("-12-", True),
                                            ("3019-8003", False), ("1분기", False)])
def test_page_number_lines(text, expected):
    assert is_page_number(text) is expected


def test_settings_are_validated():
    with pytest.raises(ValueError, match="snap_tolerance"):
        PdfSettings(snap_tolerance=0)
    with pytest.raises(ValueError, match="footer_band"):
        PdfSettings(footer_band=0.7)


def test_broken_pdf_bytes_fail_with_a_type():
    doc = parse_bytes(b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF", path="x.pdf")
    assert (doc.status, doc.error, doc.format) == ("failed", "corrupt", "pdf")


def _page_with(chars):
    return SimpleNamespace(chars=[{"text": t, "x0": x, "x1": x + 5, "top": y, "bottom": y + 8,
                                   "doctop": y, "upright": True, "width": 5, "height": 8,
                                   "size": 8, "fontname": "NanumGothic"}
                                  for t, x, y in chars])


def test_rows_drawn_without_rulings_are_split_line_by_line():
    # One band of three rectangles: labels and two columns of figures, three lines each.
    boxes = [(0, 0, 50, 40), (50, 0, 80, 40), (80, 0, 110, 40)]
    chars = [("가", 5, 2), ("나", 5, 14), ("다", 5, 26),
             ("1", 55, 2), ("2", 55, 14), ("3", 55, 26),
             ("4", 85, 2), ("5", 85, 14), ("6", 85, 26)]
    table = table_from_cells(_page_with(chars), boxes, 1, PdfSettings())
    assert (table.n_rows, table.n_cols) == (3, 3)
    assert [[c.text for c in table.row_cells(r)] for r in range(3)] == \
        [["가", "1", "4"], ["나", "2", "5"], ["다", "3", "6"]]


def test_an_amount_with_its_share_under_one_label_stays_one_row():
    boxes = [(0, 0, 50, 30), (50, 0, 80, 30), (80, 0, 110, 30)]
    chars = [("계", 5, 10), ("9", 55, 2), ("1", 55, 16), ("8", 85, 2), ("2", 85, 16)]
    table = table_from_cells(_page_with(chars), boxes, 1, PdfSettings())
    assert table.n_rows == 1
    assert [c.text for c in table.row_cells(0)] == ["계", "9\n1", "8\n2"]


def test_a_title_box_drawn_as_a_gradient_is_a_one_cell_table():
    strips = [{"x0": 56.0, "x1": 538.0, "top": 70.0 + i * 0.35, "bottom": 70.4 + i * 0.35,
               "height": 0.4, "width": 482.0, "fill": True, "stroke": False}
              for i in range(100)]
    page = SimpleNamespace(rects=strips, chars=_page_with([("Ⅰ", 80, 84)]).chars)
    from kplan.parsers.pdf import gradient_boxes
    assert [tuple(round(v, 2) for v in box) for box in gradient_boxes(page)] == \
        [(56.0, 70.0, 538.0, 105.05)]
    page.chars = []   # a fill with no text in it is decoration
    assert gradient_boxes(page) == []
