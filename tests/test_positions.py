"""Positions are fields (parsers/model.py `Position`), rendered as the text the warehouse's
`position` columns and the CLI have always shown; the text is read back only by migration 13,
for warehouses made before the fields were stored."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import duckdb
import pytest

from kplan.parsers import text
from kplan.parsers.model import Position
from kplan.pipeline.batch import process_file
from kplan.rules.families import FactTable
from kplan.warehouse.load import connect, load_document
from kplan.warehouse.migrations import LATEST_VERSION, POSITION_TABLES

ROOT = Path(__file__).resolve().parents[1]
POS_COLUMNS = list(Position.column_types())[1:]

# Every form kplan writes: where it comes from, the fields, the text.
FORMS = [
    ("text file", Position(line=273), "line 273"),
    ("text file with form feeds", Position(page=2, line=5), "page 2 line 5"),
    ("Hancom paragraph", Position(section=0, paragraph=12), "section 0 paragraph 12"),
    (
        "text box",
        Position(section=1, paragraph=4, inside="textbox"),
        "section 1 paragraph 4 textbox",
    ),
    (
        "caption",
        Position(section=0, paragraph=3, inside="caption"),
        "section 0 paragraph 3 caption",
    ),
    (
        "footnote in a text box",
        Position(section=0, paragraph=7, inside="textbox footnote"),
        "section 0 paragraph 7 textbox footnote",
    ),
    (
        "endnote",
        Position(section=2, paragraph=0, inside="endnote"),
        "section 2 paragraph 0 endnote",
    ),
    (
        "budget line (row from 1)",
        Position(section=0, paragraph=812, row=3),
        "section 0 paragraph 812 row 3",
    ),
    (
        "budget line in a text box",
        Position(section=0, paragraph=9, inside="textbox", row=2),
        "section 0 paragraph 9 textbox row 2",
    ),
    (
        "search unit: a Hancom table's cell",
        Position(section=0, paragraph=4, table=3, row=2, col=1),
        "section 0 paragraph 4 table 3 row 2 col 1",
    ),
    ("search unit: a PDF table's cell", Position(table=3, row=0, col=0), "table 3 row 0 col 0"),
]


@pytest.mark.parametrize("where,position,rendered", FORMS, ids=[f[0] for f in FORMS])
def test_a_position_renders_as_its_text_and_parses_back(where, position, rendered):
    assert position.render() == rendered
    assert Position.parse(rendered) == position


@pytest.mark.parametrize(
    "foreign",
    ["", "p.29", "line", "line x", "row 3 section 1", "section 0 paragraph 1 paragraph 2",
     "section 0 textbox paragraph 1", "section 0 paragraph 1 sidebar"],
)  # fmt: skip
def test_text_kplan_never_wrote_parses_to_no_position(foreign):
    assert Position.parse(foreign) is None


def test_a_position_is_its_columns_and_back():
    position = Position(section=0, paragraph=4, inside="textbox", table=3, row=2, col=1)
    columns = Position.column_types()
    assert list(columns) == [
        "position", "pos_page", "pos_line", "pos_section", "pos_paragraph", "pos_inside",
        "pos_table", "pos_row", "pos_col",
    ]  # fmt: skip
    row = dict(zip(columns, Position.values(position)))
    assert row["position"] == "section 0 paragraph 4 textbox table 3 row 2 col 1"
    assert Position.from_row(row) == position
    assert Position.from_row(dict(zip(columns, Position.values(None)))) is None


class Placed(NamedTuple):
    """A fact type with Position fields first, between two others, side by side and last, and
    fields the table leaves out."""

    start: Position | None
    name: str
    skipped: int
    where: Position | None
    also: Position | None
    amount: int | None
    end: Position | None


def test_a_fact_tables_values_line_up_with_its_columns_wherever_its_positions_are():
    table = FactTable("placed", Placed, rows=lambda facts: facts, omit=("skipped",))
    row = Placed(Position(line=3), "가", 9, None, Position(section=0, paragraph=4), 120, None)
    nothing = (None,) * 9  # a missing position: its text and its eight parts
    (values,) = table.values([row], 77)
    assert dict(zip(["doc_id", *table.columns()], values, strict=True)) == {
        "doc_id": 77,
        **dict(zip(Position.column_types("start"), ("line 3", None, 3, *(None,) * 6))),
        "name": "가",
        **dict(zip(Position.column_types("where"), nothing)),
        **dict(
            zip(
                Position.column_types("also"),
                ("section 0 paragraph 4", None, None, 0, 4, *nothing[:4]),
            )
        ),
        "amount": 120,
        **dict(zip(Position.column_types("end"), nothing)),
    }
    assert "skipped" not in table.columns()
    plain = FactTable(
        "plain", Placed, rows=lambda facts: facts, omit=("start", "where", "also", "end")
    )
    assert plain.values([row]) == [("가", 9, 120)]


def test_a_text_file_with_form_feeds_gives_each_line_its_page_and_line():
    doc = text.read("첫 쪽 첫 줄\n\n첫 쪽 셋째 줄\f둘째 쪽\n둘째 쪽 둘째 줄".encode(), path="t.txt")
    assert [(b.text, b.position) for b in doc.blocks] == [
        ("첫 쪽 첫 줄", Position(page=1, line=1)),
        ("첫 쪽 셋째 줄", Position(page=1, line=3)),
        ("둘째 쪽", Position(page=2, line=1)),
        ("둘째 쪽 둘째 줄", Position(page=2, line=2)),
    ]


# ---------------------------------------------------------------- stored in the warehouse


def _load(con, path):
    processed = process_file(path)
    return load_document(
        con, processed.document, processed.facts, stats=processed.stats,
        signature=processed.signature,
    ).doc_id  # fmt: skip


def _positions_agree(con, schema: str = "main") -> None:
    """In every table with a position, its fields render as its text."""
    for table in POSITION_TABLES:
        cursor = con.execute(f"SELECT * FROM {schema}.{table}")
        names = [d[0] for d in cursor.description]
        for values in cursor.fetchall():
            row = dict(zip(names, values))
            position = Position.from_row(row)
            assert (position.render() if position else None) == row["position"], (table, row)


def test_seoul_training_plan_txt_budget_total_is_stored_at_its_line(tmp_path, sample_path):
    # The 3-2-1 budget table's 합계 row, found in the file itself: '합계 104,725 363,774 …'.
    lines = sample_path("txt").read_text("utf-8").splitlines()
    line_no = next(i for i, line in enumerate(lines, 1) if line.startswith("합계 104,725 "))
    con = connect(tmp_path / "w.duckdb")
    _load(con, sample_path("txt"))
    row = con.execute(
        "SELECT position, pos_line, pos_page, pos_section, pos_paragraph, pos_row FROM "
        "budget_lines WHERE is_total AND amount = 104725000"
    ).fetchall()
    assert row == [(f"line {line_no}", line_no, None, None, None, None)]
    _positions_agree(con)
    con.close()


def _hwp_budget_total(path: Path) -> tuple[int, int]:
    """The budget table printing 104,725 in the sample HWP, as `hwp5proc xml` gives it: the
    index of the section's top-level paragraph it is anchored in, and the row (from 0) of its
    합계 cell."""
    hwp5proc = Path(sys.executable).parent / "hwp5proc"
    xml = subprocess.run(
        [str(hwp5proc), "xml", "--no-validate-wellformed", str(path)],
        capture_output=True, timeout=300, check=True,
    ).stdout  # fmt: skip
    from lxml import etree

    paragraphs = etree.fromstring(xml).find(".//BodyText/SectionDef/ColumnSet")
    for index, paragraph in enumerate(paragraphs):
        body = paragraph.find(".//TableBody")
        if body is not None and "104,725" in "".join(paragraph.itertext()):
            total = next(
                c
                for c in body.iter("TableCell")
                if "".join("".join(c.itertext()).split()) == "합계"
            )
            return index, int(total.get("row"))
    raise AssertionError("no table printing 104,725")


def test_seoul_training_plan_hwp_budget_total_is_stored_at_its_paragraph_and_row(
    tmp_path, sample_path
):
    paragraph, row = _hwp_budget_total(sample_path("hwp"))
    con = connect(tmp_path / "w.duckdb")
    _load(con, sample_path("hwp"))
    stored = con.execute(
        "SELECT position, pos_section, pos_paragraph, pos_row, pos_line, pos_inside FROM "
        "budget_lines WHERE is_total AND amount = 104725000"
    ).fetchall()
    assert stored == [
        (f"section 0 paragraph {paragraph} row {row + 1}", 0, paragraph, row + 1, None, None)
    ]
    # The table itself, and its cells as search units (row and col from 0, as table_cells).
    table_id, table_paragraph = con.execute(
        "SELECT table_id, pos_paragraph FROM tables WHERE block = (SELECT block FROM tables "
        "WHERE position = ?)",
        [f"section 0 paragraph {paragraph}"],
    ).fetchone()
    assert table_paragraph == paragraph
    cell = con.execute(
        "SELECT pos_table, pos_row, pos_col, position FROM search_units WHERE kind = 'cell' "
        "AND pos_table = ? AND text = '합계'",
        [table_id],
    ).fetchone()
    assert cell == (
        table_id,
        row,
        0,
        f"section 0 paragraph {paragraph} table {table_id} row {row} col 0",
    )
    _positions_agree(con)
    con.close()


# ---------------------------------------------------------------- migration 13


def test_migration_13_gives_an_older_warehouse_the_fields_of_its_positions(tmp_path, sample_path):
    db = tmp_path / "old.duckdb"
    path = tmp_path / "inbox" / "plan.txt"
    path.parent.mkdir()
    shutil.copy(sample_path("txt"), path)
    first = connect(db)
    _load(first, path)
    path.write_text(path.read_text("utf-8").replace("104,725", "104,700"), "utf-8")
    _load(first, path)  # the first version moves to history
    stored = {
        (schema, table): first.execute(
            f"SELECT {', '.join(POS_COLUMNS)} FROM {schema}.{table} ORDER BY rowid"
        ).fetchall()
        for schema in ("main", "history")
        for table in POSITION_TABLES
    }
    first.close()
    # As migration 12 left it: positions as text only.
    old = duckdb.connect(str(db))
    for schema, table in stored:
        for column in POS_COLUMNS:
            old.execute(f"ALTER TABLE {schema}.{table} DROP COLUMN {column}")
    old.execute(
        "INSERT INTO findings (doc_id, rule, severity, message, position) VALUES "
        "(2, 'x', 'info', 'a text box', 'section 1 paragraph 4 textbox row 2'), "
        "(2, 'x', 'info', 'a position no kplan wrote', 'somewhere')"
    )
    old.execute("UPDATE schema_version SET version = 12")
    old.close()

    con = connect(db)
    assert con.execute("SELECT version FROM schema_version").fetchall() == [(LATEST_VERSION,)]
    for (schema, table), rows in stored.items():
        kplans = "rule <> 'x'" if table == "findings" else "TRUE"  # the rows kplan wrote
        migrated = con.execute(
            f"SELECT {', '.join(POS_COLUMNS)} FROM {schema}.{table} WHERE {kplans} ORDER BY rowid"
        ).fetchall()
        assert migrated == rows, (schema, table)
    lines = sample_path("txt").read_text("utf-8").splitlines()
    line_no = next(i for i, line in enumerate(lines, 1) if line.startswith("합계 104,725 "))
    assert con.execute(
        "SELECT pos_line FROM history.budget_lines WHERE is_total AND amount = 104725000"
    ).fetchall() == [(line_no,)]
    assert con.execute(
        "SELECT message, pos_section, pos_paragraph, pos_inside, pos_row FROM findings "
        "WHERE rule = 'x' ORDER BY message"
    ).fetchall() == [
        ("a position no kplan wrote", None, None, None, None),
        ("a text box", 1, 4, "textbox", 2),
    ]
    con.close()


# ---------------------------------------------------------------- nothing parses the text


PACKAGES = ("parsers", "rules", "pipeline", "warehouse", "kplan")
# Reading a position's text: Position.parse, a regex over it, or string tests on it in SQL.
READS_TEXT = re.compile(
    r"Position\.parse|paragraph \(\\d|line \(\\d|row \(\\d"
    r"|position\b[^\n]*(?:startswith|split\(|regexp_|\bLIKE\b|\bSIMILAR\b)",
    re.I,
)


def test_no_module_but_the_migration_reads_a_position_back_from_its_text():
    allowed = {ROOT / "warehouse" / "migrations.py", ROOT / "parsers" / "model.py"}
    readers = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*"))
        if path.suffix in (".py", ".sql") and path not in allowed
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if READS_TEXT.search(line)
    ]
    assert readers == []
    assert "Position.parse" in (ROOT / "warehouse" / "migrations.py").read_text("utf-8")
