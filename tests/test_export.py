"""Export and import: a Parquet export rebuilds the warehouse exactly; CSV and Excel carry every
table; --redact-contacts leaves no staff name or phone number in any table."""

import csv
import json
import shutil

import duckdb
import openpyxl
import pytest
from conftest import load

from kplan.warehouse.export import ExportError, export_warehouse, import_warehouse
from kplan.warehouse.load import connect
from kplan.warehouse.quality import run_checks

# Names and numbers printed in the sample report's 3-2-2 작성자 box:
# '기획평가부장: 김종범 ☎ 3019-8003 기획평가부수석연구사: 김태은 ☎ 8051 담당: 한이랑 ☎ 8107'.
PEOPLE = ("김종범", "김태은", "한이랑")
# As the warehouse holds them: a whole number, and an extension as a CSV field.
PHONES = ("3019-8003", ",8051,", ",8107,")
SECTION_3_2_1 = "안전하고 행복한 학교 만들기 연수"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, sample_path):
    """The four sample formats, and a second version of the text (so history has rows)."""
    folder = tmp_path_factory.mktemp("export")
    con = connect(folder / "w.duckdb")
    for fmt in ("txt", "pdf", "hwpx", "hwp"):
        shutil.copy(sample_path(fmt), folder / f"plan.{fmt}")
        load(con, folder / f"plan.{fmt}")
    text = folder / "plan.txt"
    text.write_text(
        text.read_text("utf-8").replace("합계 104,725 363,774", "합계 104,700 363,750"), "utf-8"
    )
    load(con, text)
    run_checks(con)
    yield con, folder
    con.close()


def every_row(con, table):
    return con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()


def tables_of(con):
    return con.execute(
        "SELECT table_schema || '.' || table_name FROM information_schema.tables "
        "WHERE table_type = 'BASE TABLE' ORDER BY 1"
    ).fetchall()


def test_parquet_export_imports_as_the_same_warehouse(warehouse, tmp_path):
    con, _ = warehouse
    manifest = export_warehouse(con, tmp_path / "backup")
    assert manifest["tables"]["history.budget_lines"]["rows"] == 60
    assert (tmp_path / "backup" / "history.documents.parquet").is_file()
    import_warehouse(tmp_path / "backup", tmp_path / "restored.duckdb")
    restored = duckdb.connect(str(tmp_path / "restored.duckdb"), read_only=True)
    assert tables_of(restored) == tables_of(con)
    for (table,) in tables_of(con):
        assert every_row(restored, table) == every_row(con, table), table
    restored.close()


def test_a_restored_warehouse_goes_on_loading(warehouse, tmp_path, sample_path):
    con, _ = warehouse
    export_warehouse(con, tmp_path / "backup")
    import_warehouse(tmp_path / "backup", tmp_path / "restored.duckdb")
    restored = connect(tmp_path / "restored.duckdb")
    highest = restored.execute("SELECT max(doc_id) FROM document_versions").fetchone()[0]
    other = tmp_path / "other.txt"
    other.write_text(sample_path("txt").read_text("utf-8") + "\n덧붙인 줄\n", "utf-8")
    assert load(restored, other).doc_id == highest + 1
    restored.close()


def test_import_refuses_what_it_would_spoil(warehouse, tmp_path):
    con, folder = warehouse
    export_warehouse(con, tmp_path / "backup")
    with pytest.raises(ExportError, match="exists"):
        import_warehouse(tmp_path / "backup", folder / "w.duckdb")
    export_warehouse(con, tmp_path / "as-csv", fmt="csv")
    with pytest.raises(ExportError, match="reads Parquet"):
        import_warehouse(tmp_path / "as-csv", tmp_path / "new.duckdb")
    with pytest.raises(ExportError, match="not a kplan export"):
        import_warehouse(tmp_path, tmp_path / "new.duckdb")


def test_csv_export_has_a_file_per_table_with_its_header(warehouse, tmp_path):
    con, _ = warehouse
    manifest = export_warehouse(con, tmp_path / "csv", fmt="csv")
    for table, entry in manifest["tables"].items():
        with open(tmp_path / "csv" / entry["file"], encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        assert rows[0] == entry["columns"], table
        assert (
            len(rows) - 1
            == entry["rows"]
            == con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        )


def test_xlsx_has_a_sheet_per_table_with_korean_text_intact(warehouse, tmp_path):
    con, _ = warehouse
    manifest = export_warehouse(con, tmp_path / "xlsx", fmt="xlsx")
    book = openpyxl.load_workbook(tmp_path / "xlsx" / "warehouse.xlsx", read_only=True)
    assert book.sheetnames == list(manifest["tables"])
    sheet = book["sections"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == manifest["tables"]["sections"]["columns"]
    assert len(rows) - 1 == manifest["tables"]["sections"]["rows"]
    title = rows[0].index("title")
    assert SECTION_3_2_1 in [row[title] for row in rows[1:]]
    cells = list(book["table_cells"].iter_rows(values_only=True))
    assert len(cells) - 1 == con.execute("SELECT count(*) FROM table_cells").fetchone()[0]
    book.close()


def test_redacted_export_holds_no_staff_name_or_phone(warehouse, tmp_path):
    con, folder = warehouse
    plain = export_warehouse(con, tmp_path / "plain", fmt="csv")
    text = "".join(
        (tmp_path / "plain" / e["file"]).read_text("utf-8") for e in plain["tables"].values()
    )
    assert all(word in text for word in PEOPLE + PHONES)  # the unredacted export has them
    manifest = export_warehouse(con, tmp_path / "redacted", fmt="csv", redact_contacts=True)
    assert manifest["redacted_contacts"] is True
    files = {t: (tmp_path / "redacted" / e["file"]).read_text("utf-8") for t, e in
             manifest["tables"].items()}  # fmt: skip
    for table, body in files.items():
        for word in PEOPLE + PHONES:
            assert word not in body, (table, word)
    assert SECTION_3_2_1 in files["sections"]
    with open(tmp_path / "redacted" / "contacts.csv", encoding="utf-8", newline="") as f:
        contacts = list(csv.DictReader(f))
    assert {c["name"] for c in contacts} == {"○○○"}
    assert "****-****" in {c["phone"] for c in contacts}
    # Identifiers are not text to redact: documents keep their sha256.
    sha = {r[0] for r in con.execute("SELECT sha256 FROM documents").fetchall()}
    with open(tmp_path / "redacted" / "documents.csv", encoding="utf-8", newline="") as f:
        assert {row["sha256"] for row in csv.DictReader(f)} == sha
    assert json.loads((tmp_path / "redacted" / "manifest.json").read_text("utf-8"))[
        "redacted_contacts"
    ]
