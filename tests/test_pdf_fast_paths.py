"""The PDF reader's shortcuts give exactly what the plain computation they stand in for gives:
counting words through an index, finding a table's chars by height, the fills a table's cells
can take. Each is held to the plain computation on inputs built to trip it (repeated and
overlapping pieces, ties, NaN coordinates, fills grazing a table)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from kplan.parsers import pdf, pdf_layout

# Word chars, an opening bracket, a space, and chars no word holds (a newline, a dot, a dash).
_ALPHABET = "가나다ab1( \n.-"


@settings(max_examples=400, deadline=None)
@given(st.text(_ALPHABET, max_size=60), st.lists(st.text(_ALPHABET, max_size=6), max_size=8))
def test_text_counts_count_as_str_count(text, pieces):
    counts = pdf.TextCounts(text)
    for piece in pieces + ["가가", "가 가", "a(b"]:
        assert counts.count(piece) == text.count(piece), piece


def test_text_counts_overlapping_pieces_as_str_count():
    # str.count takes non-overlapping occurrences, left to right: '가 가' twice in '가 가 가 가'.
    text = "가 가 가 가\n연수 연수연수"
    counts = pdf.TextCounts(text)
    assert [counts.count(p) for p in ("가 가", "연수", "수연", "연수 연수")] == [2, 3, 1, 1]


_COORD = st.sampled_from([0.0, 1.0, 2.5, 2.5, 4.0, 7.5, 10.0, math.nan])


def _char(top: float, height: float) -> dict:
    return {"top": top, "bottom": top + height, "x0": 0.0, "x1": 1.0}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.builds(_char, _COORD, st.sampled_from([0.0, 1.0, 3.0])), max_size=20),
    _COORD,
    _COORD,
)
def test_chars_of_a_band_are_those_whose_centre_lies_in_it(chars, top, bottom):
    found = pdf.CharsByCentre(chars).indexes_in(top, bottom)
    plain = [i for i, c in enumerate(chars) if top <= (c["top"] + c["bottom"]) / 2 <= bottom]
    assert list(found) == sorted(found)  # page order
    assert [i for i in found if top <= (chars[i]["top"] + chars[i]["bottom"]) / 2 <= bottom] == (
        plain
    )


_EDGE = st.sampled_from([0.0, 5.0, 10.0, 10.0, 20.0, 30.0, 40.0])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(_EDGE, _EDGE, _EDGE, _EDGE, st.sampled_from(["#aaaaaa", "#bbbbbb"]))),
    st.tuples(_EDGE, _EDGE, _EDGE, _EDGE),
)
def test_a_cell_takes_the_same_fill_from_the_fills_over_its_table(rects, cell):
    fills = [((x0, top, x1, bottom), colour) for x0, top, x1, bottom, colour in rects]
    grid = (5.0, 5.0, 30.0, 30.0)
    # A cell inside the table's grid, as table_from_cells makes them.
    x0, x1 = sorted((min(max(cell[0], 5.0), 30.0), min(max(cell[2], 5.0), 30.0)))
    top, bottom = sorted((min(max(cell[1], 5.0), 30.0), min(max(cell[3], 5.0), 30.0)))
    box = (x0, top, x1, bottom)
    over = pdf.fills_over(fills, grid)
    assert pdf.cell_fill(over, box, 0.5) == pdf.cell_fill(fills, box, 0.5)


_HEIGHT = st.sampled_from(
    [0.0, 1.0, 2.0, 2.0, 3.5, 4.0, 100.0, 1e18, math.inf, -math.inf, math.nan]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_HEIGHT, max_size=12), _HEIGHT, st.sampled_from([0.0, 0.5, 2.0]))
def test_edges_near_a_height_hold_every_edge_within_the_tolerance(tops, y, tol):
    edges = [{"top": top, "i": i} for i, top in enumerate(tops)]
    near = pdf_layout.EdgesByTop(edges).near(y, tol)
    assert sorted(e["i"] for e in near if abs(e["top"] - y) <= tol) == [
        e["i"] for e in edges if abs(e["top"] - y) <= tol
    ]


def test_a_pages_chars_are_freed_without_the_garbage_collector(sample_path):
    # The sample's pages draw tens of thousands of glyphs, each a dict while its page is read;
    # pdfplumber's pages sit in reference cycles, so unless they are closed the chars wait for
    # the collector (which then walks them all). Read with the collector off, what is left for
    # it is a few objects per page, not the page's chars.
    import gc

    import pypdfium2

    path = sample_path("pdf")
    data = path.read_bytes()
    document = pypdfium2.PdfDocument(data)
    glyphs = sum(page.get_textpage().count_chars() for page in document)
    document.close()
    gc.collect()
    gc.disable()
    try:
        doc = pdf.read(data, path=path.name)
        left = gc.collect()
    finally:
        gc.enable()
    assert doc.pages == 46 and glyphs > 30_000
    assert left < glyphs / 4


_SPOT = st.sampled_from([0.0, 0.4, 1.0, 1.0, 2.5, 3.0, 5.5, 10.0, 10.0, 30.0, math.nan])


def _edge(vertical: bool, at: float, start: float, end: float) -> dict:
    if vertical:
        x0 = x1 = at
        top, bottom = start, end
    else:
        x0, x1 = start, end
        top = bottom = at
    return {
        "orientation": "v" if vertical else "h",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
    }


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.builds(_edge, st.booleans(), _SPOT, _SPOT, _SPOT), max_size=14),
    st.sampled_from([0.0, 0.5, 2.5]),
    st.sampled_from([0.0, 1.0, 3.0]),
)
def test_merged_rulings_are_pdfplumbers_merged_edges(edges, snap, join):
    from pdfplumber.table import merge_edges

    def outcome(function):
        try:
            return function()
        except AssertionError:  # pdfplumber's resize asserts on some NaN coordinates
            return "assertion"

    def plain():
        merged = merge_edges(edges, snap, snap, join, join) if edges else []
        return (
            [(e["top"], e["x0"], e["x1"]) for e in merged if e["orientation"] == "h"],
            [(e["x0"], e["top"], e["bottom"]) for e in merged if e["orientation"] == "v"],
        )

    fast, reference = outcome(lambda: pdf.merged_rulings(edges, snap, join)), outcome(plain)
    # NaN != NaN: compare the reprs, which print each float as it is.
    assert repr(fast) == repr(reference)


def test_symbol_font_table_by_the_font_names_the_files_use():
    # lh_permanent_rental_notice_2022.pdf p.14 sets its marks in 'INPILL+Wingdings-Regular';
    # the sample's bullets are ZapfDingbats 'm' (❍, p.2); its text fonts are no symbol font.
    wingdings = pdf.symbol_font_table("INPILL+Wingdings-Regular")
    assert wingdings is pdf.SYMBOL_FONT_CHARS["wingdings"] and wingdings["l"] == "●"
    assert pdf.symbol_font_table("ZapfDingbats")["m"] == "❍"
    assert pdf.symbol_font_table("Zapf Dingbats") is pdf.SYMBOL_FONT_CHARS["zapfdingbats"]
    assert pdf.symbol_font_table("AAAAAA+NanumGothic") is None
    assert pdf.symbol_font_table("") is None
