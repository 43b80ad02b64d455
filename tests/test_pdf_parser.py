"""The PDF backend on the sample rendering and on small hand-made inputs."""

import io
import re
from dataclasses import replace
from types import SimpleNamespace

import pytest

from kplan.parsers import parse_bytes, parse_file
from kplan.parsers.model import Cell, Paragraph, Table
from kplan.parsers.pdf import (
    BREAKS,
    EDGE_BREAK,
    EDGE_SLACK,
    FONT_BREAK,
    PdfSettings,
    is_page_number,
    resolve_edge_breaks,
    stitch_continued_tables,
    table_from_cells,
    visual_lines,
)
from kplan.parsers.pdf_fonts import font_weight, line_type


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
    assert spans[(2, 2)] == (2, 1, "1,078,028")  # the amount spans its note row
    assert spans[(3, 4)] == (1, 4, "연수 운영")  # the note spans the four quarters
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
    assert sum("1분기" in c.text for c in table.cells) == 1  # the repeated header is dropped
    assert table.row_pages[0] == table.page and table.row_pages[-1] == table.end_page


def test_grid_from_cell_rectangles():
    # A 2x3 grid whose first cell spans two columns and whose last column spans two rows.
    boxes = [(0, 0, 200, 20), (200, 0, 300, 40), (0, 20, 100, 40), (100.8, 20, 200, 40)]
    page = SimpleNamespace(chars=[])
    table = table_from_cells(page, boxes, 3, PdfSettings())
    assert (table.n_rows, table.n_cols, table.page) == (2, 3, 3)
    assert sorted((c.row, c.col, c.rowspan, c.colspan) for c in table.cells) == [
        (0, 0, 1, 2),
        (0, 2, 2, 1),
        (1, 0, 1, 1),
        (1, 1, 1, 1),
    ]


def test_stitching_needs_a_repeated_header_on_the_next_page():
    header = [Cell(0, 0, "구분"), Cell(0, 1, "금액")]
    first = Table(header + [Cell(1, 0, "가"), Cell(1, 1, "1")], 2, 2, page=1)
    cont = Table(header + [Cell(1, 0, "나"), Cell(1, 1, "2")], 2, 2, page=2)
    merged = stitch_continued_tables([first, cont])
    assert len(merged) == 1
    assert [(c.row, c.text) for c in merged[0].cells] == [
        (0, "구분"),
        (0, "금액"),
        (1, "가"),
        (1, "1"),
        (2, "나"),
        (2, "2"),
    ]
    # Not on the next page, or text in between: two tables.
    far = Table(list(cont.cells), 2, 2, page=3)
    assert len(stitch_continued_tables([first, far])) == 2
    assert len(stitch_continued_tables([first, Paragraph("본문", page=2), cont])) == 3


def test_a_header_repeated_with_its_breaks_marked_otherwise_is_the_same_header():
    # motie_energy_voucher p.2-3: the header's centred '집행액 / [실집행액]' is measured against
    # each page's own column, so one printing may mark its wrap EDGE_SLACK, the other EDGE_BREAK.
    def page(number, header, name, amount):
        cells = [Cell(0, 0, "구분"), Cell(0, 1, header), Cell(1, 0, name), Cell(1, 1, amount)]
        return Table(cells, 2, 2, page=number)

    first = page(1, f"[실집{EDGE_BREAK}행액]", "가", "1")
    cont = page(2, f"[실집{EDGE_SLACK}행액]", "나", "2")
    (merged,) = stitch_continued_tables([first, cont])
    assert [c.text for c in merged.cells if c.col == 0] == ["구분", "가", "나"]


def test_a_heading_box_at_a_pages_foot_is_continued_by_no_table():
    # The seed with every Hancom shape at once, printed by LibreOffice: '□ | 2025년 추진계획'
    # at the foot of p.17, the 주요 개선 사항 box drawn as 'title | text' at the top of p.18,
    # their column rulings alike. Stitched, the part heading was lost and 2-1-1's 2025 plan
    # read as its 2024 results.
    xs = [50.0, 174.0, 545.0]
    heading = Table([Cell(0, 0, "□"), Cell(0, 1, "2025년 추진계획")], 1, 2, page=17, x_edges=xs)
    box = [Cell(0, 0, "2025년 주요 개선 사항"), Cell(0, 1, "◊모든 자격연수에 인성교육 … 편성")]
    after = Table(box, 1, 2, page=18, x_edges=xs)
    assert stitch_continued_tables([heading, after]) == [heading, after]
    numbered = Table([Cell(0, 0, "3"), Cell(0, 1, "2025년 추진계획")], 1, 2, page=17, x_edges=xs)
    assert len(stitch_continued_tables([numbered, after])) == 2
    # A header row alone at the foot ('구분 | 내용') is a table's, and goes on.
    header = Table([Cell(0, 0, "구분"), Cell(0, 1, "내용")], 1, 2, page=17, x_edges=xs)
    assert len(stitch_continued_tables([header, after])) == 1


def test_stitching_keeps_the_tables_nested_in_both_halves():
    header = [Cell(0, 0, "구분"), Cell(0, 1, "인력")]
    inner_a, inner_b = Table([Cell(0, 0, "a")], 1, 1), Table([Cell(0, 0, "b")], 1, 1)
    first = Table(
        header + [Cell(1, 0, "가"), Cell(1, 1, "")], 2, 2, page=1, nested={(1, 1): [inner_a]}
    )
    cont = Table(
        header + [Cell(1, 0, "나"), Cell(1, 1, "")], 2, 2, page=2, nested={(1, 1): [inner_b]}
    )
    (merged,) = stitch_continued_tables([first, cont])
    assert merged.nested == {(1, 1): [inner_a], (2, 1): [inner_b]}


def _budget_line_cut_at_page(
    rest_name: str, rest_amount: str = "", cut_name: str = "미래경쟁력을 갖춘\n행정전문가"
):
    """The seed's 2-2-2 budget table as LibreOffice's PDF of the seed draws it (pp.24-25): the
    line's row broken by the page inside its name cell, '미래경쟁력을 갖춘 / 행정전문가' at the
    foot of p.24, '양성 연수' at the top of p.25 in the same cells, then the 합계 row. Columns:
    예산 사업명, 추진 사업명, ’25, ’24, four quarters, 쪽수; the quarters' note spans the four."""
    header = [
        Cell(0, 0, "예산 사업명", rowspan=2),
        Cell(0, 1, "추진 사업명", rowspan=2),
        Cell(0, 2, "예산액", colspan=2),
        Cell(0, 4, "집행예정액 / 집행내용", colspan=4),
        Cell(0, 8, "사업별\n설명자료쪽수", rowspan=2),
        *(
            Cell(1, c, t)
            for c, t in enumerate(["’25", "’24", "1분기", "2분기", "3분기", "4분기"], 2)
        ),
    ]
    amounts = ["352,526", "106,214", "92,222", "90,449", "83,058", "86,797"]
    first = Table(
        header
        + [
            Cell(2, 0, "459.\n전문교육", rowspan=2),
            Cell(2, 1, cut_name, rowspan=2),
            Cell(2, 2, amounts[0], rowspan=2),
            Cell(2, 3, amounts[1], rowspan=2),
            *(Cell(2, c, t) for c, t in enumerate(amounts[2:], 4)),
            Cell(2, 8, "1,969", rowspan=2),
            Cell(3, 4, "연수운영", colspan=4),
        ],
        4,
        9,
        page=24,
    )
    rest = [Cell(0, 0, ""), Cell(0, 1, rest_name), Cell(0, 2, rest_amount), Cell(0, 3, "")]
    rest += [Cell(0, 4, "", colspan=4), Cell(0, 8, "")]
    total = [Cell(1, 0, "합계", colspan=2), *(Cell(1, c, t) for c, t in enumerate(amounts, 2))]
    return first, Table(rest + total + [Cell(1, 8, "")], 2, 9, page=25)


def test_a_row_the_page_broke_inside_its_cells_is_one_row():
    first, cont = _budget_line_cut_at_page("양성 연수")
    (merged,) = stitch_continued_tables([first, cont])
    grid = merged.text_grid()
    assert merged.n_rows == 5 and merged.row_pages == [24, 24, 24, 24, 25]
    assert grid[2][:4] == [
        "459.\n전문교육",
        "미래경쟁력을 갖춘\n행정전문가\n양성 연수",
        "352,526",
        "106,214",
    ]
    assert merged.cell(2, 1).rowspan == 2 and merged.cell(2, 0).rowspan == 2
    assert grid[4][:3] == ["합계", None, "352,526"]


def test_a_cut_cell_wrapped_only_at_breaks_yet_to_decide_is_wrapped():
    # LibreOffice's PDF of the seed, 1-2-1 (pp.12-13): '중등 교원 / 생애단계별 / 맞춤식' at the
    # foot of a page, '직무연수' at the top of the next. The cut cell's lines end at its edge,
    # so they are joined by breaks the document decides once every page is read, not yet by
    # a line break: it wrapped all the same, and the row went on.
    for mark in BREAKS:
        first, cont = _budget_line_cut_at_page(
            "양성 연수", cut_name=f"미래경쟁력을 갖춘{mark}행정전문가"
        )
        (merged,) = stitch_continued_tables([first, cont])
        assert merged.n_rows == 5, repr(mark)
        assert merged.cell(2, 1).text == f"미래경쟁력을 갖춘{mark}행정전문가\n양성 연수"
    # one line that said all it had: the next row is a row of its own
    first, cont = _budget_line_cut_at_page("양성 연수", cut_name="행정전문가")
    assert stitch_continued_tables([first, cont])[0].n_rows == 6


def test_a_cut_row_whose_rest_draws_fewer_column_rulings_is_stitched():
    # LibreOffice's PDF of the seed, every budget table broken in two (hancom_layouts' split
    # "header"): 1-2-1's second line cut at the foot of p.13, '직무연수' at the top of p.14
    # over its note cell, which spans the four quarters: no quarter's ruling on p.14.
    first, _ = _budget_line_cut_at_page("", cut_name="중등 교원\n생애단계별\n맞춤식")
    xs = [50.0, 105.0, 160.0, 215.0, 270.0, 325.0, 380.0, 435.0, 490.0, 545.0]
    first = replace(first, x_edges=xs)
    few = [50.0, 105.0, 160.0, 215.0, 270.0, 490.0, 545.0]
    rest = [Cell(0, c, "직무연수" if c == 1 else "") for c in range(6)]
    cont = Table(rest, 1, 6, page=25, x_edges=few)
    (merged,) = stitch_continued_tables([first, cont])
    assert (
        merged.n_rows == 4 and merged.cell(2, 1).text == "중등 교원\n생애단계별\n맞춤식\n직무연수"
    )
    # Fewer rulings and a row of its own (figures in it), or rulings the table has not: apart.
    figures = Table([*rest[:2], Cell(0, 2, "17,900"), *rest[3:]], 1, 6, page=25, x_edges=few)
    assert len(stitch_continued_tables([first, figures])) == 2
    moved = Table(rest, 1, 6, page=25, x_edges=[50.0, 105.0, 160.0, 215.0, 300.0, 490.0, 545.0])
    assert len(stitch_continued_tables([first, moved])) == 2


def test_a_row_cut_in_a_grid_of_single_cells_is_one_row():
    # LibreOffice's PDF of the seed laid out with its notes in a row of their own
    # (tests/hancom_layouts.py, notes "own_row"), pp.24-25: 2-2-2's line is a row of single
    # cells, cut inside its name cell; the notes row and the 합계 follow on p.25.
    header = [Cell(0, c, t) for c, t in enumerate(["예산 사업명", "추진 사업명", "’25", "1분기"])]
    line = [Cell(1, 0, "459.\n전문교육"), Cell(1, 1, "미래경쟁력을 갖춘\n행정전문가")]
    line += [Cell(1, 2, "352,526"), Cell(1, 3, "92,222")]
    first = Table(header + line, 2, 4, page=24)
    rest = [Cell(0, 0, ""), Cell(0, 1, "양성 연수"), Cell(0, 2, ""), Cell(0, 3, "")]
    notes = [Cell(1, 0, ""), Cell(1, 1, ""), Cell(1, 2, ""), Cell(1, 3, "연수운영")]
    total = [Cell(2, 0, "합계"), Cell(2, 1, ""), Cell(2, 2, "352,526"), Cell(2, 3, "92,222")]
    (merged,) = stitch_continued_tables([first, Table(rest + notes + total, 3, 4, page=25)])
    assert merged.text_grid()[1:] == [
        ["459.\n전문교육", "미래경쟁력을 갖춘\n행정전문가\n양성 연수", "352,526", "92,222"],
        ["", "", "", "연수운영"],
        ["합계", "", "352,526", "92,222"],
    ]
    # a next row with figures of its own, or text under a cell of one line, is a row
    new_line = [Cell(0, 0, ""), Cell(0, 1, "양성 연수"), Cell(0, 2, "17,900"), Cell(0, 3, "")]
    cont = Table(new_line + notes + total, 3, 4, page=25)
    assert stitch_continued_tables([first, cont])[0].n_rows == 5
    short = Table(header + line[:1] + [Cell(1, 1, "행정전문가")] + line[2:], 2, 4, page=24)
    cont = Table(rest + notes + total, 3, 4, page=25)
    assert stitch_continued_tables([short, cont])[0].n_rows == 5


def test_a_cut_cell_of_one_line_too_narrow_for_the_next_word_went_on():
    # LibreOffice's PDF of the seed, its items drawn as tables (hancom_layouts' items "table"),
    # p.13-14: '초등 생애단계별(0~5년)' at the foot of p.13, '직무연수 등' at the top of p.14. The
    # cell holds one line, but that line and '직무연수' are wider than the cell (124 pt at
    # 10 pt): it wrapped, and the page fell between its lines.
    xs = [50.0, 174.0, 298.0, 422.0, 545.0]
    ten = ((10.0, 400),)

    def cut(*texts, spans=(1, 1, 1, 1)):
        header = [Cell(0, c, t) for c, t in enumerate(["구분", "과정명", "과정", "인원"])]
        row = [
            Cell(1, c, t, rowspan=h, line_types=ten) for c, (t, h) in enumerate(zip(texts, spans))
        ]
        return Table(header + row, 2, 4, page=13, x_edges=xs)

    def rest(*texts):
        return Table([Cell(0, c, t) for c, t in enumerate(texts)], 1, 4, page=14, x_edges=xs)

    first = cut("초등", "초등 생애단계별(0~5년)", "24", "520")
    (merged,) = stitch_continued_tables([first, rest("", "직무연수 등", "", "")])
    assert merged.text_grid()[1] == ["초등", "초등 생애단계별(0~5년)\n직무연수 등", "24", "520"]
    # The next word would have fitted beside the line: the cell had ended.
    short = cut("초등", "초등 연수", "24", "520")
    assert len(stitch_continued_tables([short, rest("", "직무연수 등", "", "")])[0].cells) == 12
    # A figure says all it has on its line: the notes row under the amounts is a row.
    amounts = cut("", "", "21,030", "24,480")
    notes = rest("", "", "직무강사 양성 및 실시간 온라인 교육운영", "실시간 온라인 교육운영")
    assert stitch_continued_tables([amounts, notes])[0].n_rows == 3
    # Only a group's label, merged over the rows above, left blank: a new row of the group
    # (keit p.55-56: '자본총계' over three rows of '20××년').
    group = cut("자본총계", "20××년", "", "", spans=(2, 1, 1, 1))
    group = Table(group.cells + [Cell(2, 1, "20××년", line_types=ten)], 3, 4, page=13, x_edges=xs)
    assert stitch_continued_tables([group, rest("", "20××년", "", "")])[0].n_rows == 4


def test_a_row_cut_after_its_first_line_goes_on_in_every_cell():
    # LibreOffice's PDF of the seed, its headings drawn as boxes: 1-2-1's first line cut after
    # its first printed line, '457.' and '초등 교원' with the amounts at the foot of p.13,
    # '직무연수' (the program cell's second line) and '생애단계별 / 맞춤식 / 직무연수' at the top
    # of p.14. '초등 교원' and '생애단계별' are too wide for the cell: the row was cut, and each
    # cell's text goes on, '457.' over '직무연수' too, which alone would have fitted.
    xs = [50.0, 105.0, 160.0, 215.0, 270.0, 325.0]
    eight = ((8.0, 400),)
    header = [
        Cell(0, c, t) for c, t in enumerate(["예산 사업명", "추진 사업명", "’25", "’24", "쪽수"])
    ]

    def cut_at(page, line):  # the header and a line at the foot of `page`
        cells = header + [Cell(1, c, t, line_types=eight) for c, t in enumerate(line)]
        return Table(cells, 2, 5, page=page, x_edges=xs)

    def top_of(page, rest):
        return Table([Cell(0, c, t) for c, t in enumerate(rest)], 1, 5, page=page, x_edges=xs)

    first = cut_at(13, ["457.", "초등 교원", "287,540", "429,318", "1,964"])
    cont = top_of(14, ["직무연수", "생애단계별\n맞춤식\n직무연수", "", "", ""])
    (merged,) = stitch_continued_tables([first, cont])
    assert merged.text_grid()[1] == [
        "457.\n직무연수",
        "초등 교원\n생애단계별\n맞춤식\n직무연수",
        "287,540",
        "429,318",
        "1,964",
    ]
    # Cut inside a word: a particle alone goes on it (the seed with its authors as tables,
    # 2-2-2: '미래경쟁력' over '을 갖춘 / 행정전문가 / 양성 연수').
    cut = cut_at(24, ["459.", "미래경쟁력", "352,526", "106,214", "1,969"])
    cont = top_of(25, ["전문교육", "을 갖춘\n행정전문가\n양성 연수", "", "", ""])
    (merged,) = stitch_continued_tables([cut, cont])
    assert merged.text_grid()[1][:2] == [
        "459.\n전문교육",
        "미래경쟁력을 갖춘\n행정전문가\n양성 연수",
    ]
    # A figure under a figure is a new line's amount, whatever goes on beside it (the seed
    # with its 합계 first and its tables broken under a line's amounts).
    cont = top_of(14, ["", "중등 교원\n생애단계별", "205,000", "", ""])
    assert stitch_continued_tables([first, cont])[0].n_rows == 3


def test_a_next_row_that_fills_a_short_cell_is_a_row_of_its_own():
    # The same cells, but the first row on p.25 prints an amount the cut row's ’25 cell had
    # already said in full: a row of its own (a line of the table), not the rest of the cut one.
    first, cont = _budget_line_cut_at_page("양성 연수", rest_amount="17,900")
    (merged,) = stitch_continued_tables([first, cont])
    assert merged.n_rows == 6
    assert merged.text_grid()[4][1:3] == ["양성 연수", "17,900"]
    assert merged.cell(2, 1).text == "미래경쟁력을 갖춘\n행정전문가"


def test_a_box_recurring_at_the_foot_of_a_few_pages_is_no_page_stamp():
    # The seed laid out with its part headings as numbered boxes, printed by LibreOffice: the
    # flow left '3 | 2025년 추진계획' at the foot of four of 56 pages, at the same place. As a
    # stamp it was dropped, and the 2025 plans of 2-1-1, 2-1-2, 2-2-1 and 3-1-2 (41 items)
    # were read as 2024's results. A '대외주의' box on every page is a stamp.
    from kplan.parsers.pdf import drop_page_stamps

    def box(page, texts, top):
        cells = [Cell(0, c, t) for c, t in enumerate(texts)]
        return Table(cells, 1, len(texts), page=page, x_edges=[50.0, 300.0, 545.0][: len(texts) + 1],
                     y_edges=[top, top + 20.0])  # fmt: skip

    heights = dict.fromkeys(range(1, 57), 842.0)
    heading = {17: box(17, ["3", "2025년 추진계획"], 780.0)}
    heading |= {p: box(p, ["3", "2025년 추진계획"], 780.0) for p in (21, 25, 40)}
    body = [Paragraph("본문", page=p) for p in heights]
    kept = drop_page_stamps(body + list(heading.values()), heights)
    assert sum(isinstance(b, Table) for b in kept) == 4
    stamps = [box(p, ["대외주의"], 20.0) for p in heights]
    assert not any(isinstance(b, Table) for b in drop_page_stamps(body + stamps, heights))


@pytest.mark.parametrize(
    "text, expected",
    [("- 3 -", True), ("12", True), ("-12-", True), ("3019-8003", False), ("1분기", False)],
)
def test_page_number_lines(text, expected):
    assert is_page_number(text) is expected


def test_settings_are_validated():
    with pytest.raises(ValueError, match="snap_tolerance"):
        PdfSettings(snap_tolerance=0)
    with pytest.raises(ValueError, match="footer_band"):
        PdfSettings(footer_band=0.7)
    with pytest.raises(ValueError, match="gutter_min_lines"):
        PdfSettings(gutter_min_lines=0)
    with pytest.raises(ValueError, match="max_dots must be a whole number"):
        PdfSettings(max_dots=1.5)
    with pytest.raises(ValueError, match="band_max_gap must be a number"):
        PdfSettings(band_max_gap="wide")
    with pytest.raises(ValueError, match="gutter_band_start"):
        PdfSettings(gutter_band_start=0.6, gutter_band_end=0.5)


def test_every_setting_is_documented_with_its_range():
    documented = PdfSettings.fields()
    assert len(documented) >= 40
    # A number's range ('(0.5–10)'), or a choice's names ('(pdfium | pdfminer)').
    assert all(doc.strip() and ("–" in doc or " | " in doc) for doc in documented.values())
    assert documented["engine"].endswith("(pdfium | pdfminer)")
    assert documented["stamp_min_pages"].startswith("pages a box recurs on")


def test_no_pdf_threshold_is_left_as_a_module_constant():
    # Every threshold is a PdfSettings field: the reader modules hold no numeric globals.
    from kplan.parsers import pdf, pdf_layout

    for module in (pdf, pdf_layout):
        numeric = [
            name
            for name, value in vars(module).items()
            if name.isupper()
            and (
                isinstance(value, (int, float))
                or (isinstance(value, tuple) and all(isinstance(v, (int, float)) for v in value))
            )
            and not name.startswith("__")
        ]
        assert numeric == [], (module.__name__, numeric)


def test_a_changed_setting_changes_what_the_reader_does():
    from kplan.parsers import pdf

    def draw(c, box, text):
        box(40, 100, 360, 108, fill=True), box(40, 160, 360, 168, fill=True)
        text(200, 128, "2022 PLAN", centred=True)

    data = _drawn_pdf(draw)
    assert len(list(pdf.read(data, path="cover.pdf").tables())) == 1  # bar, title, bar
    narrow = pdf.read(data, path="cover.pdf", settings=PdfSettings(band_max_gap=20))
    assert list(narrow.tables()) == []  # bars 52 pt apart frame no title
    assert [p.text for p in narrow.paragraphs()] == ["2022 PLAN"]
    # Stitching: the next page's columns 3 pt off are another table by default, the same
    # table when the tolerance allows it.
    header = [Cell(0, 0, "구분"), Cell(0, 1, "금액")]
    first = Table(header + [Cell(1, 0, "가"), Cell(1, 1, "1")], 2, 2, page=1, x_edges=[0, 50, 100])
    cont = Table(header + [Cell(1, 0, "나"), Cell(1, 1, "2")], 2, 2, page=2, x_edges=[0, 53, 100])
    assert len(stitch_continued_tables([first, cont])) == 2
    loose = PdfSettings(continued_columns_tolerance=5)
    assert len(stitch_continued_tables([first, cont], loose)) == 1


def test_broken_pdf_bytes_fail_with_a_type():
    doc = parse_bytes(b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF", path="x.pdf")
    assert (doc.status, doc.error, doc.format) == ("failed", "corrupt", "pdf")


def _page_with(chars):
    return SimpleNamespace(
        chars=[
            {
                "text": t,
                "x0": x,
                "x1": x + 5,
                "top": y,
                "bottom": y + 8,
                "doctop": y,
                "upright": True,
                "width": 5,
                "height": 8,
                "size": 8,
                "fontname": "NanumGothic",
            }
            for t, x, y in chars
        ]
    )


def test_rows_drawn_without_rulings_are_split_line_by_line():
    # One band of three rectangles: labels and two columns of figures, three lines each.
    boxes = [(0, 0, 50, 40), (50, 0, 80, 40), (80, 0, 110, 40)]
    chars = [
        ("가", 5, 2),
        ("나", 5, 14),
        ("다", 5, 26),
        ("1", 55, 2),
        ("2", 55, 14),
        ("3", 55, 26),
        ("4", 85, 2),
        ("5", 85, 14),
        ("6", 85, 26),
    ]
    table = table_from_cells(_page_with(chars), boxes, 1, PdfSettings())
    assert (table.n_rows, table.n_cols) == (3, 3)
    assert [[c.text for c in table.row_cells(r)] for r in range(3)] == [
        ["가", "1", "4"],
        ["나", "2", "5"],
        ["다", "3", "6"],
    ]


def test_an_amount_with_its_share_under_one_label_stays_one_row():
    boxes = [(0, 0, 50, 30), (50, 0, 80, 30), (80, 0, 110, 30)]
    chars = [("계", 5, 10), ("9", 55, 2), ("1", 55, 16), ("8", 85, 2), ("2", 85, 16)]
    table = table_from_cells(_page_with(chars), boxes, 1, PdfSettings())
    assert table.n_rows == 1
    assert [c.text for c in table.row_cells(0)] == ["계", "9\n1", "8\n2"]


def _strip(x0, top, x1, bottom):
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "fill": True,
        "stroke": False,
    }


def test_a_title_box_drawn_as_a_gradient_is_a_one_cell_table():
    strips = [_strip(56.0, 70.0 + i * 0.35, 538.0, 70.4 + i * 0.35) for i in range(100)]
    page = SimpleNamespace(
        rects=strips, chars=_page_with([("Ⅰ", 80, 84)]).chars, width=595, height=842
    )
    from kplan.parsers.pdf_layout import gradient_boxes, gradient_stacks

    stacks = gradient_stacks(page)
    assert [len(run) for _, run in stacks] == [100]
    assert [tuple(round(v, 2) for v in box) for box in gradient_boxes(page, stacks)] == [
        (56.0, 70.0, 538.0, 105.05)
    ]
    page.chars = []  # a fill with no text in it is decoration
    assert gradient_boxes(page, stacks) == []


def test_gradient_strips_across_a_box_are_a_fill_not_rulings():
    # Vertical strips (a left-to-right gradient), and a fill clipped to a shape pdfplumber does
    # not see: its strips reach off the page. Both are fills; neither is a box of text.
    across = [_strip(90 + i * 0.2, 92, 90.3 + i * 0.2, 176) for i in range(60)]
    off_page = [_strip(-300, 134 + i * 0.8, 536, 134.9 + i * 0.8) for i in range(50)]
    lone_rule = [_strip(60, 300, 500, 300.5)]
    page = SimpleNamespace(
        rects=across + off_page + lone_rule,
        chars=_page_with([("가", 95, 140)]).chars,
        width=595,
        height=842,
    )
    from kplan.parsers.pdf_layout import gradient_boxes, gradient_stacks

    stacks = gradient_stacks(page)
    assert sorted(len(run) for _, run in stacks) == [50, 60]  # the lone rule is a ruling
    assert gradient_boxes(page, stacks) == []


def test_a_toc_dot_leader_reads_as_the_tab_that_drew_it():
    from kplan.parsers.pdf import tab_leaders

    assert tab_leaders("Ⅰ. 2021년 평가 ··················· 1") == "Ⅰ. 2021년 평가\t1"
    assert (
        tab_leaders("2-3. 프로그램 개발 ·· 27\n[별첨] 일반현황 ......... 31")
        == "2-3. 프로그램 개발\t27\n[별첨] 일반현황\t31"
    )
    # Dots that lead to no page number are text.
    assert tab_leaders("계획 수립 … 추진") == "계획 수립 … 추진"
    assert tab_leaders("1.5. 2.5") == "1.5. 2.5"


def test_a_lone_conjoining_vowel_is_the_letter_a_reader_types():
    from kplan.parsers.pdf import map_lone_jamo

    chars = [{"text": ch} for ch in "수어\u119e점자\u1100\u1161"]
    page = SimpleNamespace(objects={"char": chars})
    map_lone_jamo(page)
    # 'ᆞ' between syllables is the middle dot 'ㆍ'; ᄀ+ᅡ, a syllable in jamo, is kept.
    assert "".join(c["text"] for c in chars) == "수어ㆍ점자\u1100\u1161"


def test_dotted_rulings_drawn_as_dashes_are_rulings():
    # Hancom exports a dotted ruling as hundreds of 0.4 pt dashes; NIKL's staff tables are
    # ruled so between their rows.
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(300, 200))
    c.setLineWidth(0.36)
    c.rect(20, 40, 200, 120)  # the box, solid
    c.line(120, 40, 120, 160)  # the column ruling, solid
    x = 20.0
    while x < 220:  # the row ruling at y = 100, dotted
        c.line(x, 100, min(x + 0.4, 220), 100)
        x += 1.2
    for text, tx, ty in [("a", 30, 130), ("1", 130, 130), ("b", 30, 70), ("2", 130, 70)]:
        c.drawString(tx, ty, text)
    c.save()
    doc = parse_bytes(buf.getvalue(), path="dotted.pdf")
    (table,) = doc.tables()
    assert [[cell.text for cell in table.row_cells(r)] for r in range(table.n_rows)] == [
        ["a", "1"],
        ["b", "2"],
    ]


def _drawn_pdf(draw, korean: bool = False) -> bytes:
    """A one-page PDF (page 400 × 400 pt) drawn by `draw(canvas, box, text)`, where `box` and
    `text` take top-down coordinates as pdfplumber reports them. `korean`: in NanumGothic, else
    DejaVu Sans."""
    from pathlib import Path

    import matplotlib
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    # DejaVu Sans (shipped with matplotlib) draws the arrows ⇙ ⇘ ⇓ that Helvetica lacks.
    pdfmetrics.registerFont(
        TTFont("DejaVu", str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"))
    )
    font = "DejaVu"
    if korean:
        # The sample builder's NanumGothic (the samples extra ships it): reportlab keeps one
        # subset per face, so a second registration of the face would change the builder's.
        from conftest import load_builder

        builder = load_builder()
        try:
            builder.register_fonts()
        except builder.FontsMissing as missing:
            pytest.skip(str(missing))
        font = builder.MAIN
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(400, 400))
    c.setLineWidth(0.5)
    c.setFont(font, 10)

    def box(x0, top, x1, bottom, fill=False):
        c.rect(
            x0, 400 - bottom, x1 - x0, bottom - top, stroke=0 if fill else 1, fill=1 if fill else 0
        )

    def text(x, top, s, centred=False):
        (c.drawCentredString if centred else c.drawString)(x, 400 - top - 8, s)

    draw(c, box, text)
    c.save()
    return buf.getvalue()


def _texts(table):
    return [[cell.text for cell in table.row_cells(r)] for r in range(table.n_rows)]


def test_centred_cell_lines_break_where_the_column_shows_the_line_was_full():
    # LibreOffice's PDF of the seed (hwp5odt, then soffice) centres each line of a name cell
    # and wraps only between words, or inside a word longer than the line. Every centred line
    # seems to reach its cell's edge; the column's widest line shows what a line holds
    # (here five syllables, NanumGothic 10 pt = 47 pt, in a cell 53 pt wide).
    def draw(c, box, text):
        text(20, 20, "교육행정직원 연수와 문화예술체육활동 지도역량 강화")
        for top in (60, 100, 140, 180):
            box(20, top, 73, top + 40), box(73, top, 140, top + 40)
        lines = [
            ("사업명",),
            ("교육행정직", "원 직급"),  # five syllables filled the line: one word
            ("문화예술", "체육활동"),  # room for a fifth: two words, written joined or not
            ("연수 기획-", "평가체 제"),  # a hyphen joins two words
        ]
        for k, row in enumerate(lines):
            top = 60 + 40 * k
            for n, line in enumerate(row):
                text(46.5, top + 8 + 12 * n, line, centred=True)
            text(78, top + 8, "예산" if k == 0 else f"{k},000")

    (table,) = parse_bytes(_drawn_pdf(draw, korean=True), path="names.pdf").tables()
    assert [cell.text for cell in table.cells if cell.col == 0] == [
        "사업명",
        "교육행정직원 직급",
        "문화예술\n체육활동",
        "연수 기획-평가체 제",
    ]


def test_a_box_beside_a_column_of_its_height_is_one_table_arrows_in_the_gap():
    # NIKL's certification flow: a box of three rows, '>' in an unruled gap, a box of one row.
    def draw(c, box, text):
        box(20, 100, 120, 130), box(20, 130, 120, 160), box(20, 160, 120, 190)
        box(140, 100, 200, 190), box(200, 100, 260, 190)
        for s, x, y in [
            ("a1", 25, 105),
            ("a2", 25, 135),
            ("a3", 25, 165),
            ("⇨", 125, 140),
            ("b", 145, 140),
            ("c", 205, 140),
        ]:
            text(x, y, s)

    (table,) = parse_bytes(_drawn_pdf(draw), path="flow.pdf").tables()
    assert _texts(table) == [["a1", "⇨", "b", "c"], ["a2"], ["a3"]]
    assert [(c.rowspan, c.colspan) for c in table.row_cells(0)] == [(1, 1), (3, 1), (3, 1), (3, 1)]


def test_a_label_beside_stacked_boxes_is_one_table_with_spacer_rows():
    # NIKL's strategy diagram: '전략' beside three boxes stacked with gaps, filling its height.
    def draw(c, box, text):
        box(20, 100, 60, 300)
        box(70, 100, 200, 150), box(70, 175, 200, 225), box(70, 250, 200, 300)
        for s, x, y in [("S", 30, 190), ("x", 80, 120), ("y", 80, 195), ("z", 80, 270)]:
            text(x, y, s)

    (table,) = parse_bytes(_drawn_pdf(draw), path="strategy.pdf").tables()
    assert (table.n_rows, table.n_cols) == (5, 3)
    assert _texts(table) == [["S", "", "x"], [""], ["y"], [""], ["z"]]


def test_boxes_stacked_without_a_neighbour_stay_apart():
    def draw(c, box, text):
        box(20, 100, 200, 150), box(20, 160, 200, 210)
        text(30, 120, "one"), text(30, 180, "two")

    tables = list(parse_bytes(_drawn_pdf(draw), path="two.pdf").tables())
    assert [_texts(t) for t in tables] == [[["one"]], [["two"]]]


def test_boxes_linked_by_connector_lines_are_one_table():
    # An organisation chart: one box over two, joined by a bus of lines.
    def draw(c, box, text):
        box(150, 50, 250, 80), box(40, 140, 140, 170), box(260, 140, 360, 170)
        for x0, y0, x1, y1 in [
            (200, 80, 200, 110),
            (90, 110, 310, 110),
            (90, 110, 90, 140),
            (310, 110, 310, 140),
        ]:
            c.line(x0, 400 - y0, x1, 400 - y1)
        text(160, 60, "head"), text(50, 150, "left"), text(270, 150, "right")

    (table,) = parse_bytes(_drawn_pdf(draw), path="org.pdf").tables()
    assert [[t for t in row if t] for row in _texts(table)] == [["head"], [], ["left", "right"]]


def test_a_title_between_two_filled_bars_is_a_table_of_three_rows():
    def draw(c, box, text):
        box(40, 100, 360, 108, fill=True), box(40, 160, 360, 168, fill=True)
        text(200, 128, "2022 PLAN", centred=True)
        # Two bars with a page of text between them frame no title.
        box(40, 200, 360, 206, fill=True), box(40, 330, 360, 336, fill=True)
        for i in range(5):
            text(50, 215 + i * 20, f"line {i}")

    doc = parse_bytes(_drawn_pdf(draw), path="cover.pdf")
    (table,) = doc.tables()
    assert _texts(table) == [[""], ["2022 PLAN"], [""]]
    assert [p.text for p in doc.paragraphs()] == [f"line {i}" for i in range(5)]


def test_headings_underlined_by_bars_are_text():
    def draw(c, box, text):
        text(40, 80, "I. Background"), box(40, 92, 360, 98, fill=True)
        text(50, 110, "o first point"), text(50, 130, "o second point")
        text(40, 150, "II. Direction"), box(40, 162, 360, 168, fill=True)

    doc = parse_bytes(_drawn_pdf(draw), path="headings.pdf")
    assert list(doc.tables()) == []
    assert [p.text for p in doc.paragraphs()] == [
        "I. Background",
        "o first point",
        "o second point",
        "II. Direction",
    ]


def test_boxes_linked_by_arrow_characters_are_one_table_labels_below_its_last_row():
    # NIKL's two certification paths: a box, '<' '>' arrows to two columns, and a label
    # printed under each column, which the HWP holds as the table's last row.
    def draw(c, box, text):
        box(140, 40, 260, 70)
        box(40, 100, 180, 130), box(40, 160, 180, 190)
        box(220, 100, 360, 130), box(220, 130, 360, 160), box(220, 160, 360, 190)
        for s, x, y in [
            ("top", 150, 50),
            ("⇙", 150, 78),
            ("⇘", 240, 78),
            ("a", 50, 110),
            ("⇓", 100, 140),
            ("b", 50, 170),
            ("c", 230, 110),
            ("d", 230, 170),
            ("[path A]", 85, 195),
            ("[path B]", 265, 195),
            ("note", 50, 240),
        ]:
            text(x, y, s)

    doc = parse_bytes(_drawn_pdf(draw), path="paths.pdf")
    (table,) = doc.tables()
    assert [[t for t in row if t] for row in _texts(table)] == [
        ["top"],
        ["⇙", "⇘"],
        ["a", "c"],
        ["⇓"],
        ["b", "d"],
        ["[path A]", "[path B]"],
    ]
    assert [p.text for p in doc.paragraphs()] == ["note"]


def test_a_cell_of_centred_columns_without_rulings_holds_a_nested_table():
    # NIKL's goals: three figures, each centred in a column of a borderless nested table.
    def draw(c, box, text):
        box(20, 20, 380, 120)
        # The first heading's two words: no line below crosses the space between them, yet
        # 'size' is no column (the lines below have nothing under it).
        for i, (head, old, new) in enumerate(
            [
                ("corpus size", "21", "22"),
                ("trainees", "42,360", "44,000"),
                ("reviews", "4,676", "5,000"),
            ]
        ):
            x = 80 + i * 120
            for top, s in ((35, head), (60, old), (85, new)):
                text(x, top, s, centred=True)

    (table,) = parse_bytes(_drawn_pdf(draw), path="goals.pdf").tables()
    assert [c.text for c in table.cells] == [""]
    (inner,) = table.nested[(0, 0)]
    assert [c.text for c in inner.cells] == [
        "corpus size\n21\n22",
        "trainees\n42,360\n44,000",
        "reviews\n4,676\n5,000",
    ]


def test_labels_and_values_aligned_at_a_colon_are_not_columns():
    # '○ 기간 : 2024. 1. ~ 12.' — left-aligned labels and values: text with tabs in the HWP.
    def draw(c, box, text):
        box(20, 20, 380, 140)
        for i, (label, value) in enumerate(
            [
                ("o term", ": 2024. 1. ~ 12."),
                ("o budget", ": 10 bn won (all national)"),
                ("o where", ": Seoul"),
                ("o who", ": teachers of 2 levels"),
            ]
        ):
            text(30, 30 + i * 25, label), text(120, 30 + i * 25, value)

    (table,) = parse_bytes(_drawn_pdf(draw), path="labels.pdf").tables()
    assert table.nested == {}
    assert table.cells[0].text.split("\n")[0] == "o term : 2024. 1. ~ 12."


def test_prose_in_a_cell_is_not_read_as_columns():
    def draw(c, box, text):
        box(20, 20, 380, 120)
        for i, line in enumerate(
            [
                "the plan funds 358 places in two",
                "courses and a second",
                "intake in the autumn term",
            ]
        ):
            text(30, 30 + i * 25, line)

    (table,) = parse_bytes(_drawn_pdf(draw), path="prose.pdf").tables()
    assert table.nested == {}
    assert table.cells[0].text.startswith("the plan funds")


def _two_tables_and_between(lines) -> object:
    """Two 1×2 tables 35 pt apart, with `lines` [(x, top, text)] drawn between them."""

    def draw(c, box, text):
        box(20, 40, 120, 60), box(120, 40, 220, 60)
        text(25, 45, "a"), text(125, 45, "1")
        for x, top, s in lines:
            text(x, top, s)
        box(20, 100, 120, 120), box(120, 100, 220, 120)
        text(25, 105, "b"), text(125, 105, "2")

    return parse_bytes(_drawn_pdf(draw), path="between.pdf")


@pytest.mark.parametrize(
    "between",
    [
        # Bullets: '▶' points across, and '⇓' points down but has words beside it.
        [(25, 68, "▶ next steps"), (25, 82, "⇓ see below")],
        # A lone arrow links the tables, but a note lies between them too.
        [(25, 64, "* source: survey 2023"), (60, 80, "⇓")],
    ],
)
def test_an_arrow_between_two_tables_joins_them_only_alone_and_pointing_there(between):
    doc = _two_tables_and_between(between)
    assert [_texts(t) for t in doc.tables()] == [[["a", "1"]], [["b", "2"]]]
    assert [p.text for p in doc.paragraphs()] == [s for _, _, s in between]


def test_a_join_never_takes_in_another_box_or_text():
    # A tall box beside a top and a bottom box whose gap holds a narrower box and a line.
    def draw(c, box, text):
        box(20, 40, 80, 240)
        box(100, 40, 300, 90), box(100, 190, 300, 240)
        box(120, 110, 280, 140)
        for s, x, y in [
            ("tall", 25, 130),
            ("top", 110, 55),
            ("bottom", 110, 205),
            ("middle box", 130, 120),
            ("a remark", 110, 160),
        ]:
            text(x, y, s)

    doc = parse_bytes(_drawn_pdf(draw), path="enclose.pdf")
    assert sorted(t.cells[0].text for t in doc.tables()) == ["bottom", "middle box", "tall", "top"]
    assert [p.text for p in doc.paragraphs()] == ["a remark"]


def test_a_frame_drawn_around_a_flow_does_not_stop_its_join():
    # MSS's 추진체계: boxes of two rows (step, who) in a frame, '➜' between them.
    def draw(c, box, text):
        box(10, 20, 390, 200)  # the frame around the diagram
        for x0 in (30, 170):
            box(x0, 60, x0 + 100, 80), box(x0, 80, x0 + 100, 100)
        for s, x, y in [
            ("apply", 40, 65),
            ("ministry", 40, 85),
            ("➜", 145, 75),
            ("select", 180, 65),
            ("agency", 180, 85),
        ]:
            text(x, y, s)

    (frame,) = parse_bytes(_drawn_pdf(draw), path="framed.pdf").tables()
    assert _texts(frame) == [[""]]  # its text is the flow's, read once
    (flow,) = frame.nested[(0, 0)]
    assert _texts(flow) == [["apply", "➜", "select"], ["ministry", "agency"]]


def test_a_table_in_a_frame_is_nested_in_it_and_read_once():
    def draw(c, box, text):
        box(10, 20, 390, 200)
        text(20, 30, "Note")
        box(30, 60, 130, 80), box(130, 60, 230, 80)
        text(40, 65, "a"), text(140, 65, "1")

    (frame,) = parse_bytes(_drawn_pdf(draw), path="frame.pdf").tables()
    assert _texts(frame) == [["Note"]]
    assert [_texts(t) for t in frame.nested[(0, 0)]] == [[["a", "1"]]]


def test_overlapping_boxes_share_no_text():
    def draw(c, box, text):
        box(20, 40, 200, 160)
        box(150, 100, 300, 130)  # sticks out of the first box
        text(30, 50, "outer"), text(160, 110, "inner")

    doc = parse_bytes(_drawn_pdf(draw), path="overlap.pdf")
    texts = sorted(c.text for t in doc.tables() for c in t.cells if c.text)
    assert texts == ["inner", "outer"]


def test_dotted_rules_are_found_whatever_their_rounding():
    from kplan.parsers.pdf_layout import DottedRule, dotted_rules

    dashes = [
        {
            "x0": 20 + i * 1.2,
            "x1": 20.4 + i * 1.2,
            "top": 100.049 + (i % 2) * 0.002,
            "bottom": 100.049 + (i % 2) * 0.002,
            "width": 0.4,
            "height": 0.0,
        }
        for i in range(50)
    ]
    few = [
        {
            "x0": 20 + i * 1.2,
            "x1": 20.4 + i * 1.2,
            "top": 200,
            "bottom": 200,
            "width": 0.4,
            "height": 0.0,
        }
        for i in range(5)
    ]  # too few: a mark
    rules = dotted_rules(SimpleNamespace(lines=dashes + few, curves=[]))
    assert [(r.vertical, r.at, round(r.start, 1), round(r.end, 1)) for r in rules] == [
        (False, 100.0, 20.0, 79.2)
    ]
    assert isinstance(rules[0], DottedRule)


def _line(text, x, top, size=10.0, font="HancomFont"):
    chars = []
    for ch in text:
        width = size if "가" <= ch <= "힣" else size / 2
        chars.append(
            {
                "text": ch,
                "x0": x,
                "x1": x + width,
                "top": top,
                "bottom": top + size,
                "size": size,
                "fontname": font,
                "upright": True,
                "doctop": top,
                "width": width,
                "height": size,
            }
        )
        x += width
    return chars


def test_a_cell_line_broken_inside_a_word_joins_the_next_one():
    from kplan.parsers.pdf import _cell_text

    box = (0.0, 40.0)  # a cell 40 pt wide, its text from x=2: '관리 시' fills a line
    broken = _line("관리 시", 2, 0) + _line("스템 구축", 2, 12)
    # In a font that prints its wrap spaces, a FONT_BREAK: one word unless the document writes
    # the pieces apart (resolve_edge_breaks, below).
    assert _cell_text(broken, box, frozenset({"HancomFont"})) == f"관리 시{FONT_BREAK}스템 구축"
    assert _edge_broken(f"관리 시{FONT_BREAK}스템 구축") == "관리 시스템 구축"
    # Wrapped between words: the export prints the space that ends the line.
    spaced = _line("관리 ", 2, 0) + _line("시스템", 2, 12)
    assert _cell_text(spaced, box, frozenset({"HancomFont"})) == "관리\n시스템"
    # A short line ends its paragraph; a bullet starts one; stacked figures stay apart.
    assert (
        _cell_text(_line("보고", 2, 0) + _line("회의", 2, 12), box, frozenset({"HancomFont"}))
        == "보고\n회의"
    )
    assert (
        _cell_text(_line("가나다", 2, 0) + _line("ㅇ회의", 2, 12), box, frozenset({"HancomFont"}))
        == "가나다\nㅇ회의"
    )
    assert (
        _cell_text(
            _line("12,345", 2, 0) + _line("678", 2, 12), (0.0, 32.0), frozenset({"HancomFont"})
        )
        == "12,345\n678"
    )
    assert (
        _cell_text(
            _line("12,345", 2, 0) + _line("(100%)", 2, 12), (0.0, 32.0), frozenset({"HancomFont"})
        )
        == "12,345\n(100%)"
    )
    # A producer that drops the space at a wrap (no font in the set) says nothing by it: the
    # document decides (resolve_edge_breaks, below).
    assert _cell_text(broken, box, frozenset()) == f"관리 시{EDGE_BREAK}스템 구축"


# One break decides nothing of the producer: these tests take it to wrap inside words.
INSIDE_WORDS = PdfSettings(edge_break_min_words=0, edge_break_share=0.0)


def _edge_broken(cell_text: str, *paragraphs: str) -> str:
    table = Table(cells=[Cell(0, 0, cell_text)], n_rows=1, n_cols=1, page=1)
    blocks = [Paragraph(text, page=1) for text in paragraphs] + [table]
    return resolve_edge_breaks(blocks, INSIDE_WORDS)[-1].cells[0].text


def test_a_word_broken_at_a_cell_edge_is_one_word_where_the_document_writes_it_so():
    # Chromium printing the Seoul plan (tests/browser_rendering.py) wraps '자격연수' in the
    # 예산 사업명 cell as '자격연' over '수'; the report writes '자격연수' in its text.
    assert _edge_broken(f"456. 자격연{EDGE_BREAK}수", "1급 정교사 자격연수 운영") == "456. 자격연수"
    # '조성연수' written nowhere else: the ends of the two pieces, '연수', decide.
    assert _edge_broken(f"조성연{EDGE_BREAK}수", "직무연수 운영", "연수원") == "조성연수"
    # Two words the document writes apart, or never writes joined, stay apart.
    assert _edge_broken(f"직종별{EDGE_BREAK}기본교육", "직종별 기본교육") == "직종별\n기본교육"
    assert _edge_broken(f"행정{EDGE_BREAK}개선", "행정 절차") == "행정\n개선"
    # Written both ways, the more frequent wins.
    text = f"관리 시{EDGE_BREAK}스템"
    assert _edge_broken(text, "시스템 구축", "시스템") == "관리 시스템"
    assert _edge_broken(text, "시 스템", "시 스템", "시스템") == "관리 시\n스템"
    # A table nested in a cell is decided as well; a document without breaks is untouched.
    inner = Table(cells=[Cell(0, 0, f"자격연{EDGE_BREAK}수")], n_rows=1, n_cols=1, page=1)
    outer = Table(cells=[Cell(0, 0, "")], n_rows=1, n_cols=1, page=1, nested={(0, 0): [inner]})
    done = resolve_edge_breaks([Paragraph("자격연수"), outer], INSIDE_WORDS)[-1]
    assert done.nested[(0, 0)][0].cells[0].text == "자격연수"
    blocks = [Paragraph("가"), Table(cells=[Cell(0, 0, "나\n다")], n_rows=1, n_cols=1)]
    assert resolve_edge_breaks(blocks) is blocks


def test_a_font_break_the_document_writes_apart_is_two_words():
    # LibreOffice's PDF of the seed (hwp5odt, then soffice): its cells print the space at some
    # wraps and not at others, so a line ending without one in its font is no proof of a word
    # broken: '인성교육 및' over '진로지도' (2-1-1's project) is two words, as the report writes
    # '및 진로지도'; '교육행정직' over '원' one, as it writes '교육행정직원'; pieces written
    # neither way stay one word, as the font says.
    assert _edge_broken(f"인성교육 및{FONT_BREAK}진로지도", "인성교육 및 진로지도") == (
        "인성교육 및\n진로지도"
    )
    assert _edge_broken(f"교육행정직{FONT_BREAK}원", "교육행정직원 연수") == "교육행정직원"
    assert _edge_broken(f"관리 시{FONT_BREAK}스템") == "관리 시스템"
    # with an EDGE_BREAK in the same cell, each decided by its own rule
    both = f"교육행정직{FONT_BREAK}원 직종별{EDGE_BREAK}기본교육"
    assert _edge_broken(both, "교육행정직원", "직종별 기본교육") == "교육행정직원 직종별\n기본교육"


def _breaks_decided(cells: list[str], *paragraphs: str) -> list[str]:
    """Cells decided with the default settings: few breaks written as one word, so the
    producer is taken to wrap between words."""
    table = Table(cells=[Cell(k, 0, t) for k, t in enumerate(cells)], n_rows=len(cells), n_cols=1)
    blocks = [Paragraph(text, page=1) for text in paragraphs] + [table]
    return [c.text for c in resolve_edge_breaks(blocks)[-1].cells]


def test_a_one_word_line_a_word_wrapping_producer_broke_goes_on_where_the_document_joins_it():
    # LibreOffice's PDF of the seed wraps between words, but a word longer than the line it
    # breaks anywhere: '교육행정직' over '원 직급' (1-1-2), '수요자맞춤' over '형 직무연수' (4-2-1),
    # where the report writes '교육행정직원' and '수요자맞춤형'.
    cells = [f"교육행정직{EDGE_BREAK}원 직급", f"수요자맞춤{EDGE_BREAK}형 직무연수"]
    assert _breaks_decided(cells, "교육행정직원 연수", "수요자맞춤형 연수") == [
        "교육행정직원 직급",
        "수요자맞춤형 직무연수",
    ]
    # Not written so, a line of two words, a figure: the wrap was between words.
    assert _breaks_decided(cells) == ["교육행정직\n원 직급", "수요자맞춤\n형 직무연수"]
    assert _breaks_decided([f"연수 기획{EDGE_BREAK}평가"], "기획평가") == ["연수 기획\n평가"]
    assert _breaks_decided([f"2024{EDGE_BREAK}계획"], "2024계획") == ["2024\n계획"]
    # A syllable alone goes on where the document joins it to the word's end: LibreOffice's
    # PDF writes '수요자 맞춤형' nine times and '수요자맞춤형' never.
    assert _breaks_decided([f"수요자맞춤{EDGE_BREAK}형 직무연수"], "수요자 맞춤형") == [
        "수요자맞춤형 직무연수"
    ]
    # A longer piece only where the whole line's word is written with it: the seed's
    # '수요조사 / 분석보고서 / 제작' beside '결과분석 / 보고서제작' (4-2-1's notes) is two words.
    assert _breaks_decided([f"수요조사 분석보고서{EDGE_BREAK}제작", "결과분석 보고서제작"]) == [
        "수요조사 분석보고서\n제작",
        "결과분석 보고서제작",
    ]


def test_a_font_break_written_neither_way_is_as_the_producer_wraps():
    # LibreOffice's PDF of the seed's items as tables: its fonts doubted ('인성교육 및' over
    # '진로지도' written apart), the wrap in '왜 나만 바쁜걸까? 옆반' over '정보부장 …', a name
    # written only there, was read '옆반정보부장'. This producer wraps between words, so a
    # break the document says nothing of is two words; one it writes joined is one.
    cells = [
        f"인성교육 및{FONT_BREAK}진로지도",
        f"옆반{FONT_BREAK}정보부장 스킬",
        f"관리 시{FONT_BREAK}스템",
    ]
    decided = _breaks_decided(cells, "인성교육 및 진로지도", "시스템 구축")
    assert decided == ["인성교육 및\n진로지도", "옆반\n정보부장 스킬", "관리 시스템"]


def test_a_font_break_is_not_its_own_vote_for_one_word():
    # LibreOffice's PDF of the seed (its fonts doubted, '인성교육 및' over '진로지도' written
    # apart): 1-2-1's two cells '생애단계별' over '맞춤식', read joined, outvoted the heading's one
    # '생애단계별 맞춤식'. The breaks being decided are no evidence of themselves.
    cells = [f"초등 교원 생애단계별{FONT_BREAK}맞춤식", f"중등 교원 생애단계별{FONT_BREAK}맞춤식"]
    cells.append(f"인성교육 및{FONT_BREAK}진로지도")
    decided = _breaks_decided(cells, "생애단계별 맞춤식 직무연수", "인성교육 및 진로지도")
    assert decided == [
        "초등 교원 생애단계별\n맞춤식",
        "중등 교원 생애단계별\n맞춤식",
        "인성교육 및\n진로지도",
    ]


def test_a_figure_a_narrow_cell_wrapped_is_one_figure():
    # LibreOffice's PDF of the seed, p.9: the 합계 row's bold '1,078,028' printed '1,078,02' over
    # '8' (read 8, that is 8,000원, before). Whole figures one over another stay apart.
    from kplan.parsers.pdf import _cell_text, figure_goes_on

    assert figure_goes_on("1,078,02", "8") and figure_goes_on("합계 1,078,0", "28")
    # cut at a comma, it may be a list: lh_permanent_rental_notice_2022's 해당동 '101,102,' over
    # '107' (buildings 101, 102 and 107)
    assert not figure_goes_on("101,102,", "107")
    assert figure_goes_on("1,0", "78,028")
    assert not figure_goes_on("342,000", "240,480")
    assert not figure_goes_on("1,078,02", "85")  # four digits in the group: not one figure
    assert not figure_goes_on("12,345", "678") and not figure_goes_on("2,3", "(100%)")
    box = (0.0, 32.0)
    wrapped = _line("1,078,02", 2, 0) + _line("8", 2, 12)
    assert _cell_text(wrapped, box, frozenset({"HancomFont"})) == "1,078,028"


def test_a_cell_line_ending_in_a_middle_dot_goes_on_into_the_next_word():
    # LibreOffice's PDF of the seed, 2-2-1: '학교 경영·' over '관리 역량강화'; the corpus's
    # Hancom PDFs: fis 22-4's '아동·' over '보육' (read '아동· 보육' before). A dot after no word,
    # or before a mark, is a line's own.
    from kplan.parsers.pdf import _cell_text

    box = (0.0, 60.0)
    wrapped = _line("학교 경영·", 2, 0) + _line("관리 역량강화", 2, 12)
    assert _cell_text(wrapped, box, frozenset()) == "학교 경영·관리 역량강화"
    listed = _line("가나 ·", 2, 0) + _line("다라", 2, 12)
    assert _cell_text(listed, box, frozenset()) == "가나 ·\n다라"
    # A hyphen joins two words alike: '연수 기획-' over '평가체 제' (4-2-1's project).
    hyphen = _line("연수 기획-", 2, 0) + _line("평가체 제", 2, 12)
    assert _cell_text(hyphen, box, frozenset()) == "연수 기획-평가체 제"


def test_a_producer_that_wraps_only_between_words_keeps_every_break():
    # The committed sample PDF (reportlab, wrapping at spaces): '455. 연수기획' over '평가 및
    # 원격연수' is two words although the report writes '기획평가' (in '기획평가팀');
    # none of its breaks' pieces is written joined, so none is joined. Chromium's printing
    # of it breaks '자격연|수', '기본교|육', '직무연|수' …, which the report writes whole.
    names = [f"455. 연수기획{EDGE_BREAK}평가 및 원격연수", f"사업별{EDGE_BREAK}설명자료 쪽수"] * 3
    text = [Paragraph("기획평가팀"), Paragraph("자격연수 직무연수 기본교육")]
    tables = [Table(cells=[Cell(0, 0, name)], n_rows=1, n_cols=1) for name in names]
    cells = [t.cells[0].text for t in resolve_edge_breaks(text + tables)[2:]]
    assert cells == [n.replace(EDGE_BREAK, "\n") for n in names]
    browser = [
        f"456. 자격연{EDGE_BREAK}수",
        f"458. 기본교{EDGE_BREAK}육",
        f"457. 직무연{EDGE_BREAK}수",
    ]
    tables += [Table(cells=[Cell(0, 0, name)], n_rows=1, n_cols=1) for name in browser]
    cells = [t.cells[0].text for t in resolve_edge_breaks(text + tables)[2:]]
    assert cells[-3:] == ["456. 자격연수", "458. 기본교육", "457. 직무연수"]
    assert cells[0] == "455. 연수기획평가 및 원격연수"  # the producer wraps inside words


def test_a_line_of_text_broken_inside_a_word_says_its_word_goes_on_where_the_document_writes_it():
    # The reader joins a line that may have broken inside a word to the next by an EDGE_BREAK
    # (words_wrapped_together); the document decides, as for cells, and the lines stay
    # paragraphs of their own. FIS 22-2 p.6: '… 미흡 등급 배' over '분되는 관행을 방지', the page
    # writing '배분' (and never '배 분').
    text = [Paragraph("등급 배분 기준"), Paragraph("교원 자격연수 운영"), Paragraph("과정 운영")]
    wrapped = [
        Paragraph(f"미흡 등급 배{EDGE_BREAK}분되는 관행을 방지", page=6),
        Paragraph(f"유치원 1급 정교사 자격연{EDGE_BREAK}수 2과정", page=6),
        Paragraph(f"연수 과정 운{EDGE_BREAK}영 계획", page=6),
        Paragraph(f"공공언어 환경에{EDGE_BREAK}영향이 큰 교육", page=6),  # between two words
    ]
    done = resolve_edge_breaks(text + wrapped)[3:]
    assert [(p.text, p.word_goes_on, p.page) for p in done] == [
        ("미흡 등급 배", True, 6),
        ("분되는 관행을 방지", False, 6),
        ("유치원 1급 정교사 자격연", True, 6),
        ("수 2과정", False, 6),
        ("연수 과정 운", True, 6),
        ("영 계획", False, 6),
        ("공공언어 환경에", False, 6),
        ("영향이 큰 교육", False, 6),
    ]
    # A producer whose breaks the document never writes joined breaks no word: none goes on.
    apart = [Paragraph(f"공공언어 환경에{EDGE_BREAK}영향이 큰 교육")] * 4
    assert not any(p.word_goes_on for p in resolve_edge_breaks(text + apart))


def test_a_word_that_goes_on_is_joined_without_a_space_in_the_outline_and_the_lists():
    from kplan.parsers.model import Document
    from kplan.rules.lines import document_stream
    from kplan.rules.outline import extract_outline
    from kplan.rules.training import logical_lines

    blocks = [
        Paragraph("- 등급 배분 기준에 예산 규모를 추가하여 소액 사업 위주로 미흡 등급 배", page=6,
                  word_goes_on=True),
        Paragraph("분되는 관행을 방지", page=6),
    ]  # fmt: skip
    stream = document_stream(Document(path="x.pdf", format="pdf", blocks=blocks))
    assert [line.text for line in logical_lines(stream)] == [
        "- 등급 배분 기준에 예산 규모를 추가하여 소액 사업 위주로 미흡 등급 배분되는 관행을 방지"
    ]
    texts = [n.text for n in extract_outline(stream)]
    assert any(t.endswith("미흡 등급 배분되는 관행을 방지") for t in texts), texts


def test_overlapping_condensed_glyphs_are_narrowed_to_their_advance():
    from kplan.parsers.pdf import fit_char_widths

    # 12 pt boxes drawn 7 pt apart, a word space adding 3.7 pt: '관련 전문가'.
    xs = [0, 7, 17.7, 24.7, 31.7]
    chars = [
        {
            "text": t,
            "x0": x,
            "x1": x + 12,
            "top": 0,
            "bottom": 12,
            "size": 12.0,
            "fontname": "unknown",
            "width": 12,
        }
        for t, x in zip("관련전문가", xs)
    ]
    page = SimpleNamespace(objects={"char": chars})
    fit_char_widths(page)
    assert [round(c["x1"] - c["x0"], 1) for c in chars] == [7.0] * 5
    assert round(chars[2]["x0"] - chars[1]["x1"], 1) == 3.7
    # Letter-spaced glyphs (boxes narrower than their steps) are left as drawn.
    wide = [{**c, "x0": i * 13.0, "x1": i * 13.0 + 12} for i, c in enumerate(chars)]
    page = SimpleNamespace(objects={"char": wide})
    fit_char_widths(page)
    assert [c["x1"] - c["x0"] for c in wide] == [12] * 5


def test_a_box_drawn_with_dotted_borders_only_is_found_by_them():
    from kplan.parsers.pdf_layout import DottedRule, closed_boxes

    top, middle, bottom = (DottedRule(False, y, 59.4, 537.2) for y in (323.4, 346.1, 406.6))
    left, right = DottedRule(True, 59.5, 323.4, 406.6), DottedRule(True, 537.3, 323.4, 406.6)
    stray = DottedRule(False, 556.0, 96.7, 520.3)  # a dotted row rule inside another table
    assert closed_boxes([top, middle, bottom, left, right, stray]) == {
        top,
        middle,
        bottom,
        left,
        right,
    }
    assert closed_boxes([top, bottom, left]) == set()  # three sides close nothing


def test_a_table_whose_column_rulings_run_on_below_it_is_closed_where_they_end():
    from kplan.parsers.pdf_layout import DottedRule, open_bottoms

    def down(x, top, bottom):
        return {"orientation": "v", "x0": x, "x1": x, "top": top, "bottom": bottom}

    box = (58.0, 268.9, 537.2, 601.3)  # the motie 목별 table above its last, unruled rows
    columns = [down(x, 268.9, 750.2) for x in (58.0, 200.0, 400.0, 537.2)]
    assert open_bottoms([box], columns, 2.0) == [DottedRule(False, 750.2, 58.0, 537.2)]
    # One side stopping at the box (a frame beside text below): nothing to close.
    shorter = [down(58.0, 268.9, 601.3)] + columns[1:]
    assert open_bottoms([box], shorter, 2.0) == []
    # Rulings of a table below, which start below the box, are not its columns.
    below = [down(x, 640.0, 750.2) for x in (58.0, 200.0, 400.0, 537.2)]
    assert open_bottoms([box], below, 2.0) == []


def test_a_dotted_rule_cuts_cells_only_from_border_to_border():
    from kplan.parsers.pdf_layout import DottedRule, cuts_whole_cells

    # A label cell (60-97) spanning two rows beside three cells; a dotted rule at y=20.
    cells = [(60, 10, 97, 30), (97, 10, 200, 30), (200, 10, 300, 30), (300, 10, 520, 30)]
    assert cuts_whole_cells(DottedRule(False, 20, 97, 520), cells, 2.0)
    assert not cuts_whole_cells(DottedRule(False, 20, 150, 520), cells, 2.0)  # ends inside a cell
    assert not cuts_whole_cells(DottedRule(False, 40, 97, 520), cells, 2.0)  # below the table


def test_round_dots_spaced_wider_than_dashes_are_a_dotted_rule():
    from kplan.parsers.pdf_layout import dotted_rules

    # NIKL's frames: dots 1.3 pt wide, 2.9 pt apart, along the top and down the left side.
    across = [
        {"x0": 58.8 + i * 2.9, "x1": 60.1 + i * 2.9, "top": 643.2, "bottom": 644.5}
        for i in range(20)
    ]
    down = [
        {"x0": 58.8, "x1": 60.1, "top": 646.1 + i * 2.9, "bottom": 647.4 + i * 2.9}
        for i in range(20)
    ]
    rules = dotted_rules(SimpleNamespace(lines=[], curves=across + down))
    assert [(r.vertical, round(r.at, 1)) for r in sorted(rules)] == [(False, 643.9), (True, 59.5)]


def test_positions_no_rectangle_holds_span_what_no_ruling_separates():
    # A 4×2 grid with an open label column: the rule under row 0 runs across it, no rule
    # between rows 1-3 does, and a rule at x=50 runs beside row 0 only.
    from kplan.parsers.pdf import Rulings, unruled_spans

    xs, ys = [0, 50, 100], [0, 10, 20, 30, 40]
    ruled_column = {(r, 1) for r in range(4)}
    rulings = Rulings(across=[(10, 0, 100)], down=[(50, 0, 10)])
    assert unruled_spans(ruled_column, xs, ys, rulings, 2.5) == {(0, 0): (1, 1), (1, 0): (3, 1)}
    # Without the rule under row 0, the column is one cell; a free row with no rule between
    # its positions is one cell across.
    assert unruled_spans(ruled_column, xs, ys, Rulings([], []), 2.5) == {(0, 0): (4, 1)}
    assert unruled_spans(set(), [0, 50, 100], [0, 10], Rulings([], []), 2.5) == {(0, 0): (1, 2)}


@pytest.mark.parametrize(
    "fontname, weight",
    [
        ("EJRIXP+KoPubDotumBold", 700),
        ("QHJNJR+KoPubBatangLight", 300),
        ("TBZFZL+KoPubDotumMedium", 500),
        ("NanumGothicExtraBold", 800),
        ("Arial,Bold", 700),
        ("HYGothic-Extra", 800),
        ("MalgunGothic-SemiBold", 600),
        ("BatangChe", 400),
    ],
)
def test_font_weight_is_read_from_the_font_name(fontname, weight):
    assert font_weight(fontname) == weight


def test_a_line_is_set_in_the_type_most_of_its_room_takes():
    # '있음15)': two syllables in the body's 10.8 pt light, a footnote mark of three narrow
    # chars in 7 pt bold — the line is the body's.
    def ch(text, size, font):
        return {"text": text, "size": size, "fontname": font, "upright": True}

    light, bold = "KoPubBatangLight", "KoPubDotumBold"
    chars = [ch("있", 10.8, light), ch("음", 10.8, light)] + [ch(c, 7.0, bold) for c in "15)"]
    assert line_type(chars) == (10.8, 300)
    assert line_type([ch(" ", 10.0, light)]) is None


def test_cell_line_types_follow_the_edge_breaks_the_document_joins():
    # 'a' wrapped onto 'b' at the cell's edge (the document writes 'ab': joined), a line
    # break, then 'c' over 'd' (written apart: a line break): four lines read, three kept.
    from kplan.parsers.pdf import _joined_types

    text = f"a{EDGE_BREAK}b\nc{EDGE_BREAK}d"
    types = ((10.0, 700), (10.0, 700), (9.0, 300), (8.0, 300))
    assert _joined_types(text, [True, False], types) == ((10.0, 700), (9.0, 300), (8.0, 300))
    assert _joined_types(text, [True, False], None) is None


def _glyph(text, x0, top, size):
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top, "bottom": top + size, "size": size}


def test_a_smaller_figure_on_the_baseline_is_on_the_line_not_below_it():
    # nikl_2022_work_plan.pdf p.8: '제고' in 17 pt (top 130.7, bottom 147.7), '(57억원)' right
    # after it in 13 pt (top 135.0, bottom 147.9): one line.
    title = [_glyph("제", 340, 130.7, 17.0), _glyph("고", 357, 130.7, 17.0)]
    amount = [_glyph("(", 374, 134.9, 13.0), _glyph("5", 387, 134.9, 13.0)]
    assert [(len(line), joined) for line, joined in visual_lines(title + amount, 3.0)] == [
        (4, True)
    ]
    # The same figure on the next line, or a label of the title's size beside it: lines apart.
    below = [_glyph("(", 340, 150.0, 13.0)]
    beside = [_glyph("A", 374, 134.9, 17.0)]
    assert len(visual_lines(title + below, 3.0)) == 2
    assert len(visual_lines(title + beside, 3.0)) == 2


def _flipped_type3_pdf() -> bytes:
    """A one-line page as a PDF printed through cairo (pdftocairo, GNOME's print-to-PDF) has
    it: '(21)' drawn in a Type 3 font whose glyph space is flipped (FontMatrix [1 0 0 -1 0 0],
    FontBBox [0 -1 1 0.2], each glyph inked from the baseline up), then 'AB' in Helvetica on
    the same baseline (both at y = 50)."""
    glyph = b"0.5 0 0 -1 0.45 0.2 d1 0.05 -0.7 m 0.45 -0.7 l 0.45 0 l 0.05 0 l f"
    content = b"BT /T3 12 Tf 20 50 Td (\\(21\\)) Tj ET BT /F1 12 Tf 50 50 Td (AB) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R /T3 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 -1 1 0.2] /FontMatrix [1 0 0 -1 0 0]"
        b" /CharProcs 7 0 R /Encoding << /Type /Encoding /Differences [40 /parenleft"
        b" /parenright 49 /one /two] >> /FirstChar 40 /LastChar 50"
        b" /Widths [0.5 0.5 0 0 0 0 0 0 0 0.5 0.5] /Resources << >> >>",
        b"<< /parenleft 8 0 R /two 8 0 R /one 8 0 R /parenright 8 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(glyph), glyph),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_a_type3_font_with_a_flipped_glyph_space_stays_on_its_line():
    # PDFium reads such a font's FontBBox upside down (descent +1.0 em, ascent -0.2): its chars
    # were boxed an em above their baseline, a line of their own. Reprinted through cairo, the
    # first table of budget_program_moel_learning_card.pdf read '(21) ( )(1131-300)' over
    # '내일배움카드 일반' in one cell (its original: '(21) 내일배움카드(일반)(1131-300)').
    doc = parse_bytes(_flipped_type3_pdf(), path="cairo.pdf")
    assert (doc.status, doc.issues) == ("ok", [])
    assert [b.text for b in doc.blocks] == ["(21) AB"]


def _edge(x0, top, x1, bottom):
    return {"orientation": "h" if top == bottom else "v", "x0": x0, "x1": x1,
            "top": top, "bottom": bottom}  # fmt: skip


def test_a_table_printed_without_its_sides_gets_them():
    from kplan.parsers.pdf_layout import DottedRule, open_sides

    # Four row rulings 30–565 (lh p.4), a column ruling at 99 running through all of them,
    # the shaded header row's own box closing its row only.
    rows = [_edge(30, y, 565, y) for y in (366, 381, 618, 750)]
    column = _edge(99, 366, 99, 750)
    header_box = [_edge(30, 366, 30, 381), _edge(565, 366, 565, 381)]
    assert open_sides(rows + [column] + header_box, 3.0) == [
        DottedRule(True, 30, 366, 750),
        DottedRule(True, 565, 366, 750),
    ]
    # Ruled down the left (a piece a row): only the right is open.
    left = [_edge(30, 366, 30, 618), _edge(30, 618, 30, 750)]
    assert open_sides(rows + [column] + left, 3.0) == [DottedRule(True, 565, 366, 750)]
    # Two rulings only, or no column ruling joining them: no table, nothing added.
    assert open_sides(rows[:2] + [column], 3.0) == []
    assert open_sides(rows + [_edge(99, 366, 99, 381)], 3.0) == []
