"""Layout fixes every backend gets (parsers/tidy.py), and nested tables reaching the rules."""

from kplan.parsers import Document, parse_bytes
from kplan.parsers.model import Cell, Paragraph, Position, Table
from kplan.parsers.tidy import lift_unit_rows
from kplan.rules.lines import Line, TableRef, document_stream
from kplan.rules.tables import table_facts


def rows(table):
    return [
        [(c.col, c.colspan, c.rowspan, c.text) for c in table.row_cells(r)]
        for r in range(table.n_rows)
    ]


# NIKL's 세출예산 table as the HWP holds it: the unit typed into a borderless first row whose
# three cells split the columns below them in two.
NIKL_BUDGET = Table(
    cells=[
        Cell(0, 0, "", 1, 3),
        Cell(0, 3, "", 1, 2),
        Cell(0, 5, "(단위: 백만원)", 1, 2),
        Cell(1, 0, "구    분", 2, 1),
        Cell(1, 1, "2021년\n(A)", 2, 1),
        Cell(1, 2, "2022년\n(B)", 2, 2),
        Cell(1, 4, "증  감\n(B-A)", 2, 2),
        Cell(1, 6, ""),
        Cell(2, 6, "%"),
        Cell(3, 0, "합    계"),
        Cell(3, 1, "22,565"),
        Cell(3, 2, "24,887", 1, 2),
        Cell(3, 4, "2,322", 1, 2),
        Cell(3, 6, "10.3"),
    ],
    n_rows=4,
    n_cols=7,
    position=Position(section=2, paragraph=40),
)


def test_a_unit_row_becomes_the_line_above_the_table_as_the_pdf_prints_it():
    unit, table = lift_unit_rows([NIKL_BUDGET])
    assert unit == Paragraph("(단위: 백만원)", position=Position(section=2, paragraph=40))
    assert (table.n_rows, table.n_cols, table.position) == (3, 5, Position(section=2, paragraph=40))
    assert rows(table) == [
        [
            (0, 1, 2, "구    분"),
            (1, 1, 2, "2021년\n(A)"),
            (2, 1, 2, "2022년\n(B)"),
            (3, 1, 2, "증  감\n(B-A)"),
            (4, 1, 1, ""),
        ],
        [(4, 1, 1, "%")],
        [
            (0, 1, 1, "합    계"),
            (1, 1, 1, "22,565"),
            (2, 1, 1, "24,887"),
            (3, 1, 1, "2,322"),
            (4, 1, 1, "10.3"),
        ],
    ]


def test_the_lifted_unit_still_applies_to_the_table():
    doc = Document(path="x.hwp", format="hwp", blocks=lift_unit_rows([NIKL_BUDGET]))
    (info,), cells = table_facts(document_stream(doc))
    assert info.unit == "백만원"
    total = next(c for c in cells if c.row == 2 and c.col == 1)
    assert total.number == 22_565_000_000


def test_rows_that_are_not_only_a_unit_stay():
    kept = [
        Table([Cell(0, 0, "(단위: 천원) 2025년 기준"), Cell(1, 0, "1")], 2, 1),
        Table(
            [Cell(0, 0, "(단위: 천원)"), Cell(0, 1, "합계"), Cell(1, 0, "1"), Cell(1, 1, "2")], 2, 2
        ),
        Table([Cell(0, 0, "(단위: 천원)", 2, 1), Cell(0, 1, "가"), Cell(1, 1, "1")], 2, 2),
        Table([Cell(0, 0, "(단위: 천원)")], 1, 1),
    ]
    assert lift_unit_rows(kept) == kept


def test_parse_bytes_tidies_unless_asked_not_to():
    from test_hwpx import p, package, sec, t, tbl, tc

    data = package(
        {
            "Contents/section0.xml": sec(
                p(tbl(2, 1, tc(0, 0, p(t("[단위: 명]"))), tc(1, 0, p(t("358")))))
            )
        }
    )
    tidy = parse_bytes(data, path="t.hwpx")
    assert [type(b).__name__ for b in tidy.blocks] == ["Paragraph", "Table"]
    assert tidy.blocks[0].text == "[단위: 명]"
    raw = parse_bytes(data, path="t.hwpx", tidy=False)
    assert [type(b).__name__ for b in raw.blocks] == ["Table"]


def test_nested_tables_follow_their_parent_in_the_rules_stream():
    inner = Table([Cell(0, 0, "세부"), Cell(0, 1, "100")], 1, 2)
    deeper = Table([Cell(0, 0, "x"), Cell(0, 1, "1")], 1, 2)
    inner_with = Table([Cell(0, 0, "상자")], 1, 1, nested={(0, 0): [deeper]})
    outer = Table(
        [Cell(0, 0, "항목"), Cell(0, 1, "내용"), Cell(1, 0, "가"), Cell(1, 1, "")],
        2,
        2,
        position=Position(section=0, paragraph=3),
        nested={(1, 1): [inner], (0, 1): [inner_with]},
    )
    box = Table(
        [Cell(0, 0, "안내")],
        1,
        1,
        position=Position(section=0, paragraph=4),
        nested={(0, 0): [Table([Cell(0, 0, "a"), Cell(0, 1, "b")], 1, 2)]},
    )
    stream = document_stream(Document(path="x", format="hwpx", blocks=[outer, box]))
    shapes = [
        (
            type(i).__name__,
            i.block,
            i.position.render(),
            i.text if isinstance(i, Line) else i.table.cells[0].text,
        )
        for i in stream
    ]
    assert shapes == [
        ("TableRef", 0, "section 0 paragraph 3", "항목"),
        ("TableRef", 0, "section 0 paragraph 3", "상자"),  # cell (0, 1) comes first
        ("TableRef", 0, "section 0 paragraph 3", "x"),
        ("TableRef", 0, "section 0 paragraph 3", "세부"),
        ("Line", 1, "section 0 paragraph 4", "안내"),  # a box reads as its lines
        ("TableRef", 1, "section 0 paragraph 4", "a"),
    ]
    assert all(isinstance(i, (Line, TableRef)) for i in stream)
