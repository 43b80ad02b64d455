"""Loading: one transaction per document, idempotent by sha256, replace on change."""

import shutil

import pytest
from conftest import load

from kplan.parsers import parse_file
from kplan.parsers.model import Document
from kplan.pipeline.batch import process_many
from kplan.warehouse import load as load_module
from kplan.warehouse.load import connect


def counts(con, doc_id=None):
    where = "" if doc_id is None else f" WHERE doc_id = {doc_id}"
    return {
        t: con.execute(f"SELECT count(*) FROM {t}{where}").fetchone()[0]
        for t in ("sections", "budget_lines", "training_items", "contacts", "budget_tables")
    }


def test_load_counts_and_document_row(con, text_copy):
    result = load(con, text_copy)
    assert result.action == "loaded"
    assert counts(con) == {
        "sections": 20,
        "budget_lines": 60,
        "training_items": 236,
        "contacts": 163,
        "budget_tables": 20,
    }
    row = con.execute("""SELECT file_name, format, title, organization, plan_year, unit, status,
                                error, pages, reader, is_primary FROM documents""").fetchone()
    assert row == (
        "plan.txt",
        "txt",
        "서울특별시교육청교육연수원 2025 주요업무계획",
        "서울특별시교육청교육연수원",
        2025,
        "천원",
        "ok",
        None,
        None,
        "text",
        True,
    )
    total = con.execute("""SELECT amount, amount_prev, q1, q4, cells_printed FROM budget_lines
                           WHERE section_code = '2-1-1' AND is_total""").fetchone()
    assert total == (22_900_000, 66_283_000, 6_800_000, None, 5)


def test_same_bytes_again_changes_nothing(con, text_copy):
    first = load(con, text_copy)
    before = counts(con)
    again = load(con, text_copy)
    assert (again.action, again.doc_id) == ("unchanged", first.doc_id)
    assert counts(con) == before
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_same_bytes_at_another_path_is_a_duplicate(con, text_copy, tmp_path):
    load(con, text_copy)
    other = tmp_path / "plan-copy.txt"
    shutil.copy(text_copy, other)
    result = load(con, other)
    assert (result.action, result.same_as) == ("duplicate", str(text_copy))
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_changed_file_at_the_same_path_replaces_its_facts(con, text_copy):
    first = load(con, text_copy)
    text = text_copy.read_text("utf-8")
    text_copy.write_text(text.replace("합계 104,725 363,774", "합계 104,700 363,750"), "utf-8")
    second = load(con, text_copy)
    assert second.action == "replaced" and second.doc_id != first.doc_id
    assert counts(con, first.doc_id) == dict.fromkeys(counts(con), 0)
    assert counts(con) == counts(con, second.doc_id)
    assert con.execute("""SELECT amount FROM budget_lines
                          WHERE section_code = '3-2-1' AND is_total""").fetchall() == [
        (104_700_000,)
    ]


def test_a_failed_file_is_a_row_with_its_reason(con, tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n this is not really a pdf")
    load(con, bad)
    assert con.execute("SELECT status, error, format FROM documents").fetchone() == (
        "failed",
        "corrupt",
        "pdf",
    )
    assert counts(con) == dict.fromkeys(counts(con), 0)
    assert con.execute("SELECT code FROM parse_issues").fetchall() == [("corrupt",)]


def test_a_load_that_fails_midway_leaves_nothing_behind(con, text_copy, tmp_path, monkeypatch):
    good = tmp_path / "good.txt"
    shutil.copy(text_copy, good)
    load(con, good)
    before = counts(con)
    text_copy.write_text(text_copy.read_text("utf-8") + "\n추가 줄\n", "utf-8")

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(load_module, "refresh_primary", explode)
    with pytest.raises(RuntimeError):
        load(con, text_copy)
    assert counts(con) == before
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_one_report_in_two_formats_is_counted_once(con, sample_path):
    for fmt in ("txt", "pdf"):
        load(con, sample_path(fmt))
    assert con.execute("SELECT formats, n_documents FROM reports").fetchall() == [("pdf,txt", 2)]
    assert con.execute("SELECT format FROM documents WHERE is_primary").fetchall() == [("pdf",)]
    # Summing over primary documents counts the report's budget once.
    total = con.execute("""SELECT sum(amount) FROM budget_lines JOIN documents USING (doc_id)
                           WHERE is_total AND is_primary""").fetchone()[0]
    assert (
        total
        == sum(
            v
            for v in (
                1078028,
                343290,
                492540,
                244693,
                22900,
                641770,
                82300,
                352526,
                325404,
                98206,
                104725,
                23972,
                157481,
                89832,
                241808,
                134852,
                252120,
                605998,
                127104,
            )
        )
        * 1000
    )


def test_plan_txt_edited_to_2026_hands_the_2025_report_to_its_other_copy(con, text_copy):
    # Two texts of the sample's 2025 plan are one report; the first loaded is its primary.
    # When that file becomes the 2026 plan, the 2025 report still has a primary: the other.
    other = text_copy.with_name("plan-b.txt")
    other.write_text(text_copy.read_text("utf-8") + "\n추가 줄\n", "utf-8")
    load(con, text_copy)
    load(con, other)
    assert con.execute("SELECT count(DISTINCT report_key) FROM documents").fetchone()[0] == 1
    text_copy.write_text(text_copy.read_text("utf-8").replace("2025", "2026"), "utf-8")
    assert load(con, text_copy).action == "replaced"
    assert con.execute(
        "SELECT file_name, plan_year, is_primary FROM documents ORDER BY file_name"
    ).fetchall() == [("plan-b.txt", 2025, True), ("plan.txt", 2026, True)]


def test_batch_goes_on_past_bad_files(tmp_path, text_copy):
    bad = tmp_path / "bad.hwp"
    bad.write_bytes(b"<html><body>not a report</body></html>")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    results = process_many([bad, text_copy, empty], workers=2)
    assert [(r.document.status, r.document.error) for r in results] == [
        ("failed", "unsupported_format"),
        ("ok", None),
        ("failed", "empty"),
    ]
    assert len(results[1].facts.budget_lines) == 60
    assert results[1].document.blocks == []  # the loader gets metadata, not the text


def test_parse_never_raises_on_unreadable_paths(tmp_path):
    doc = parse_file(tmp_path / "missing.pdf")
    assert isinstance(doc, Document)
    assert (doc.status, doc.error) == ("failed", "unreadable")


def test_an_older_warehouse_is_migrated_in_place(tmp_path, text_copy):
    import duckdb

    from kplan.warehouse.migrations import LATEST_VERSION, MIGRATIONS

    db = tmp_path / "old.duckdb"
    first = connect(db)
    load(first, text_copy)
    first.close()
    # Make it look like version 1, with its document: drop what migration 2 adds.
    old = duckdb.connect(str(db))
    old.execute("DROP VIEW reports")
    for statement in MIGRATIONS[0][1]:
        table, column = statement.split()[2], statement.split()[-2]
        old.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    old.execute("UPDATE schema_version SET version = 1")
    old.close()
    con = connect(db)
    assert con.execute("SELECT version FROM schema_version").fetchall() == [(LATEST_VERSION,)]
    assert con.execute("SELECT family, rules_version FROM documents").fetchall() == [(None, None)]
    # The document read before the upgrade is read again by the current rules.
    assert load(con, text_copy).action == "replaced"
    assert con.execute("SELECT family FROM documents").fetchone() == ("training_plan",)
    assert (
        con.execute(
            "SELECT count(*) FROM budget_lines WHERE amount_line_no IS NOT NULL"
        ).fetchone()[0]
        == 40
    )
    con.close()


@pytest.mark.corpus
def test_generic_reports_in_two_formats_share_a_report(con):
    from conftest import CORPUS

    pairs = [
        ("nikl_2022_work_plan.hwp", "nikl_2022_work_plan.pdf"),
        ("moel_2025_work_report.hwp", "moel_2025_work_report.hwpx"),
        ("local_gov_donation_report_form_2025.hwpx", "local_gov_donation_report_form_2025.pdf"),
    ]
    for a, b in pairs:
        load(con, CORPUS / "reports" / a)
        load(con, CORPUS / "reports" / b)
    rows = con.execute("SELECT formats, n_documents FROM reports ORDER BY formats").fetchall()
    assert rows == [("hwp,hwpx", 2), ("hwp,pdf", 2), ("hwpx,pdf", 2)]
    assert con.execute("SELECT count(*) FROM documents WHERE is_primary").fetchone()[0] == 3


def test_next_years_plan_on_the_same_template_is_another_report(con, text_copy, tmp_path):
    load(con, text_copy)
    next_year = tmp_path / "plan-2026.txt"
    next_year.write_text(
        text_copy.read_text("utf-8")
        .replace("2025 주요업무계획", "2026 주요업무계획")
        .replace("’25 ’24", "’26 ’25"),
        "utf-8",
    )
    load(con, next_year)
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 2


def test_an_unreadable_file_is_one_failed_row_not_a_crash(con, tmp_path):
    result = load(con, "/proc/self/mem")  # exists, but reading it fails
    assert result.action == "loaded"
    assert con.execute("SELECT status, error FROM documents").fetchall() == [
        ("failed", "unreadable")
    ]
    # Still unreadable next time: read again (it failed), still one row.
    load(con, "/proc/self/mem")
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_a_file_named_two_ways_is_one_document(con, text_copy, monkeypatch):
    load(con, text_copy)
    monkeypatch.chdir(text_copy.parent)
    assert load(con, "plan.txt").action == "unchanged"
    assert con.execute("SELECT path FROM documents").fetchall() == [(str(text_copy),)]


def test_a_path_whose_bytes_became_another_files_loses_its_old_facts(con, text_copy, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text(text_copy.read_text("utf-8").replace("104,725", "104,700"), "utf-8")
    load(con, other)
    load(con, text_copy)
    shutil.copy(other, text_copy)  # plan.txt now holds other.txt's bytes
    assert load(con, text_copy).action == "duplicate"
    assert con.execute("SELECT path FROM documents").fetchall() == [(str(other),)]


def test_documents_read_by_older_rules_are_read_again(con, text_copy, monkeypatch):
    first = load(con, text_copy)
    monkeypatch.setattr(load_module, "RULES_VERSION", load_module.RULES_VERSION + 1)
    again = load(con, text_copy)
    assert again.action == "replaced" and again.doc_id != first.doc_id
    assert counts(con)["budget_lines"] == 60


def test_two_documents_with_the_same_title_are_not_one_report(con, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("서울특별시 2025 업무계획\n" + "가나다라마바사 " * 40, "utf-8")
    b.write_text("서울특별시 2025 업무계획\n" + "하늘과 바람과 별과 시 " * 40, "utf-8")
    load(con, a)
    load(con, b)
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 2


def test_file_metadata_is_queryable_and_replaced_with_its_document(con, tmp_path, sample_path):
    # The sample HWPX's content.hpf: <opf:title>2025 주요업무계획</opf:title>.
    path = tmp_path / "plan.hwpx"
    shutil.copy(sample_path("hwpx"), path)
    doc_id = load(con, path).doc_id
    rows = dict(
        con.execute(
            "SELECT key, value FROM document_metadata WHERE doc_id = ?", [doc_id]
        ).fetchall()
    )
    assert rows["title"] == "2025 주요업무계획"
    path.write_bytes(sample_path("txt").read_bytes())  # the path now holds another file
    assert load(con, path).action == "replaced"
    assert con.execute("SELECT count(*) FROM document_metadata").fetchone()[0] == 0


def test_a_path_is_gone_as_path_exists_says(tmp_path, text_copy):
    # The moved-and-edited check reads the file system with os.stat: it must agree with
    # Path.exists, which it replaced, on a file, a missing file and a file taken for a folder.
    for path in (text_copy, tmp_path / "missing.txt", text_copy / "under-a-file.txt"):
        assert load_module._gone(str(path)) is not path.exists()


def test_a_warehouse_checkpoints_less_often_than_duckdbs_default(tmp_path):
    # Each checkpoint rewrites every table's last row group (load.py CHECKPOINT_THRESHOLD).
    import duckdb

    con = connect(tmp_path / "w.duckdb")
    setting = "SELECT current_setting('checkpoint_threshold')"
    assert con.execute(setting).fetchone()[0] == "61.0 MiB"  # 64 MB
    assert duckdb.connect().execute(setting).fetchone()[0] == "16.0 MiB"
    con.close()
