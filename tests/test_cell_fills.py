"""Cell shading (`Cell.fill`) in every reader: the colour the file paints behind a cell, white
and none both None. Expected colours are read from `hwp5proc xml` (TableCell borderfill-id →
DocInfo BorderFill FillColorPattern), the HWPX XML (hp:tc borderFillIDRef → header.xml
hc:winBrush faceColor) and the PDF page image."""

from functools import cache

import pytest
from conftest import CORPUS

from kplan.parsers import parse_file, shading
from kplan.parsers.owpml import border_fills

REPORTS = CORPUS / "reports"


@cache
def parsed(name: str):
    return parse_file(REPORTS / name)


def table_with(doc, *texts):
    found = [t for t in doc.tables() if all(any(x in c.text for c in t.cells) for x in texts)]
    assert found, texts
    return found[0]


def row_fills(table) -> list[set]:
    """The set of fills of each row's cells."""
    return [{c.fill for c in table.row_cells(r)} for r in range(table.n_rows)]


def fill_grids(doc):
    return [sorted((c.row, c.col, c.fill) for c in t.cells) for t in doc.tables()]


# --- the colour conversions -----------------------------------------------------------------


def test_colorref_is_bgr_and_a_high_byte_means_no_colour():
    assert shading.from_colorref(0xCCFFFF) == "#ffffcc"  # 0x00BBGGRR
    assert shading.from_colorref(-1) is None  # 0xFFFFFFFF: 'none'
    assert shading.from_colorref(0xFFFFFF) is None  # white is no shading


def test_owpml_face_colours():
    assert shading.from_hex("#FFFFCC") == "#ffffcc"
    assert shading.from_hex("none") is None
    assert shading.from_hex("#FF000000") is None  # ARGB with alpha: not painted
    assert shading.from_hex("#FFFFFF") is None


def test_pdf_colour_spaces():
    assert shading.from_pdf_colour((0.949,)) == "#f2f2f2"  # gray
    assert shading.from_pdf_colour(0.949) == "#f2f2f2"
    assert shading.from_pdf_colour((1.0, 1.0, 0.6)) == "#ffff99"
    assert shading.from_pdf_colour((0, 0, 0.4, 0)) == "#ffff99"  # CMYK
    assert shading.from_pdf_colour((1.0,)) is None
    assert shading.from_pdf_colour(("P0",)) is None  # a pattern


def test_header_border_fills_by_id():
    header = (
        b'<hh:head xmlns:hh="http://www.hancom.co.kr/hwpml/2011/head" '
        b'xmlns:hc="http://www.hancom.co.kr/hwpml/2011/core"><hh:borderFills>'
        b'<hh:borderFill id="1"/>'
        b'<hh:borderFill id="2"><hc:fillBrush><hc:winBrush faceColor="none"/>'
        b'</hc:fillBrush></hh:borderFill>'
        b'<hh:borderFill id="4"><hc:fillBrush><hc:winBrush faceColor="#E7F4F6" '
        b'hatchColor="#000000" alpha="0"/></hc:fillBrush></hh:borderFill>'
        b'</hh:borderFills></hh:head>'
    )
    assert border_fills(header) == {"4": "#e7f4f6"}


# --- corpus tables ---------------------------------------------------------------------------


@pytest.mark.corpus
def test_mois_2025_work_report_hwp_budget_overview_header_is_shaded():
    # 예산 현황 (단위 : 백만원, %): its two header rows use BorderFills 53–55 (#ffffcc), the
    # body 56–66 carry no colour.
    table = table_with(parsed("mois_2025_work_report.hwp"), "72,083,936", "(B-A)/A")
    assert row_fills(table)[:2] == [{"#ffffcc"}, {"#ffffcc"}]
    assert all(fills == {None} for fills in row_fills(table)[2:])
    assert table.cell(2, 0).text == "계" and table.cell(2, 0).fill is None


@pytest.mark.corpus
def test_moel_2025_work_report_budget_overview_hwp_and_hwpx_shade_the_header():
    # 예산 현황 (억원): hp:tc borderFillIDRef 154–156 → faceColor #FFFFCC on rows 0–1;
    # 145–147 (no brush) below.
    for name in ("moel_2025_work_report.hwp", "moel_2025_work_report.hwpx"):
        table = table_with(parsed(name), "353,452", "(B-A)/A")
        fills = row_fills(table)
        assert fills[:2] == [{"#ffffcc"}, {"#ffffcc"}], name
        assert all(f == {None} for f in fills[2:]), name


@pytest.mark.corpus
def test_moel_2025_work_report_hwp_and_hwpx_give_the_same_fills_everywhere():
    hwp, hwpx = parsed("moel_2025_work_report.hwp"), parsed("moel_2025_work_report.hwpx")
    assert fill_grids(hwp) == fill_grids(hwpx)
    assert sum(c.fill is not None for t in hwp.tables() for c in t.cells) >= 60


# 세출예산 (p. 35): header rows light blue (#e7f4f6), 합계 yellow (#ffff99), the 사업비 and
# 운영비 subtotal rows cream (#fcf5e7), the lines under them white — as the page prints it and
# as hwp5proc gives BorderFill colours.
NIKL_SPENDING_ROWS = {0: "#e7f4f6", 1: "#e7f4f6", 2: "#ffff99", 3: "#fcf5e7", 14: "#fcf5e7"}


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["nikl_2022_work_plan.hwp", "nikl_2022_work_plan.pdf"])
def test_nikl_2022_work_plan_spending_table_fills(name):
    table = table_with(parsed(name), "22,565", "운 영 비")
    assert table.n_rows == 18, name
    for row, fills in enumerate(row_fills(table)):
        assert fills == {NIKL_SPENDING_ROWS.get(row)}, (name, row, fills)


@pytest.mark.corpus
@pytest.mark.parametrize(
    "stem,ext", [("nikl_2022_work_plan", "hwp"), ("local_gov_donation_report_form_2025", "hwpx")]
)
def test_pdf_export_gives_the_hancom_fills(stem, ext):
    """Every table the PDF reads cell for cell as the Hancom file has it carries the same
    fills there (the export paints each cell's background as a rectangle)."""
    source, pdf = parsed(f"{stem}.{ext}"), parsed(f"{stem}.pdf")

    def key(table):
        return str(
            sorted(
                (c.row, c.col, c.rowspan, c.colspan, "".join(c.text.split())) for c in table.cells
            )
        )

    pdf_tables = {}
    for table in pdf.tables():
        pdf_tables.setdefault(key(table), table)
    pairs = [(t, pdf_tables[key(t)]) for t in source.tables() if key(t) in pdf_tables]
    assert len(pairs) >= 20
    shaded = 0
    for ours, theirs in pairs:
        assert sorted((c.row, c.col, c.fill) for c in ours.cells) == sorted(
            (c.row, c.col, c.fill) for c in theirs.cells
        ), ours.position
        shaded += sum(c.fill is not None for c in ours.cells)
    assert shaded >= 50
