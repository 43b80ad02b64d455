"""Versions: a changed file is a new version, the earlier one stays queryable in `history`, a
version that failed never hides the last good one, a moved file is known by its bytes."""

import shutil

import duckdb
import pytest
from conftest import load

from kplan.warehouse.load import connect

# The sample report's 3-2-1 budget table prints '합계 104,725 363,774' (천원): the 2025 and 2024
# budgets of 연수 운영 지원.
TOTAL_3_2_1 = "합계 104,725 363,774"
EDITED_3_2_1 = "합계 104,700 363,750"
EDITED = (TOTAL_3_2_1, EDITED_3_2_1)
AMOUNT_3_2_1 = "SELECT amount FROM {schema}budget_lines WHERE section_code = '3-2-1' AND is_total"


def edit(path, old, new):
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def one(con, sql, params=None):
    return con.execute(sql, params or []).fetchall()


def test_plan_txt_edited_3_2_1_total_is_version_2_and_version_1_stays_queryable(con, text_copy):
    first = load(con, text_copy)
    edit(text_copy, TOTAL_3_2_1, EDITED_3_2_1)
    second = load(con, text_copy)
    assert second.action == "replaced"
    # Existing SQL on the main tables sees the current version only, each fact once.
    assert one(con, AMOUNT_3_2_1.format(schema="")) == [(104_700_000,)]
    assert one(con, "SELECT count(*) FROM budget_lines") == [(60,)]
    assert one(con, "SELECT doc_id, version, previous_doc_id FROM documents") == [
        (second.doc_id, 2, first.doc_id)
    ]
    # The first version's facts are in history under its own doc_id.
    assert one(con, AMOUNT_3_2_1.format(schema="history.")) == [(104_725_000,)]
    assert one(con, "SELECT DISTINCT doc_id FROM history.budget_lines") == [(first.doc_id,)]
    assert one(con, "SELECT count(*) FROM history.training_items") == [(236,)]
    assert one(
        con,
        "SELECT doc_id, version, is_current, superseded_by, archived_because "
        "FROM document_versions ORDER BY version",
    ) == [
        (first.doc_id, 1, False, second.doc_id, "superseded"),
        (second.doc_id, 2, True, None, None),
    ]


def test_same_bytes_again_makes_no_version(con, text_copy):
    first = load(con, text_copy)
    again = load(con, text_copy)
    assert (again.action, again.doc_id) == ("unchanged", first.doc_id)
    assert one(con, "SELECT count(*) FROM document_versions") == [(1,)]
    assert one(con, "SELECT count(*) FROM history.budget_lines") == [(0,)]


def test_truncated_hwpx_never_hides_the_good_version(con, tmp_path, sample_path):
    path = tmp_path / "plan.hwpx"
    shutil.copy(sample_path("hwpx"), path)
    good = load(con, path)
    good_amount = one(con, AMOUNT_3_2_1.format(schema=""))
    assert good_amount == [(104_725_000,)]
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # cut mid-zip: not a readable package
    bad = load(con, path)
    assert bad.action == "kept_previous"
    # The good version is still current with all its facts; no failed row hides it.
    assert one(con, "SELECT doc_id, status FROM documents") == [(good.doc_id, "ok")]
    assert one(con, AMOUNT_3_2_1.format(schema="")) == good_amount
    assert one(
        con,
        "SELECT version, status, error, is_current, archived_because FROM document_versions "
        "WHERE doc_id = ?",
        [bad.doc_id],
    ) == [(2, "failed", "corrupt", False, "failed_version")]
    assert one(con, "SELECT code FROM history.parse_issues WHERE doc_id = ?", [bad.doc_id]) == [
        ("corrupt",)
    ]
    # The same broken bytes again are tried again, not piled up as another version.
    assert load(con, path).action == "kept_previous"
    assert one(con, "SELECT count(*) FROM document_versions") == [(2,)]
    # The good bytes back: the current version is unchanged.
    path.write_bytes(data)
    assert load(con, path).action == "unchanged"


def test_moved_plan_txt_is_the_same_document(con, text_copy, tmp_path):
    first = load(con, text_copy)
    edit(text_copy, TOTAL_3_2_1, EDITED_3_2_1)
    second = load(con, text_copy)
    moved_to = tmp_path / "archive" / "plan-2025.txt"
    moved_to.parent.mkdir()
    shutil.move(text_copy, moved_to)
    result = load(con, moved_to)
    assert (result.action, result.doc_id, result.same_as) == (
        "moved",
        second.doc_id,
        str(text_copy),
    )
    assert one(con, "SELECT path, file_name FROM documents") == [(str(moved_to), "plan-2025.txt")]
    # The earlier version follows the file; the facts were not read again.
    assert one(con, "SELECT doc_id, path FROM document_versions ORDER BY version") == [
        (first.doc_id, str(moved_to)),
        (second.doc_id, str(moved_to)),
    ]
    assert one(con, "SELECT count(*) FROM budget_lines WHERE doc_id = ?", [second.doc_id]) == [
        (60,)
    ]


def move_and_edit(path, to, replacements):
    """`path` moved to `to` (the old path gone) and edited there."""
    to.parent.mkdir(exist_ok=True)
    shutil.move(path, to)
    for old, new in replacements:
        edit(to, old, new)
    return to


def test_plan_txt_moved_and_edited_3_2_1_total_is_version_2(con, text_copy, tmp_path):
    first = load(con, text_copy)
    moved_to = move_and_edit(text_copy, tmp_path / "archive" / "plan-2025.txt", [EDITED])
    second = load(con, moved_to)
    assert (second.action, second.same_as) == ("replaced", str(text_copy))
    assert second.doc_id != first.doc_id
    assert one(con, "SELECT doc_id, path, version, previous_doc_id FROM documents") == [
        (second.doc_id, str(moved_to), 2, first.doc_id)
    ]
    assert one(con, AMOUNT_3_2_1.format(schema="")) == [(104_700_000,)]
    # Version 1's facts are still queryable, under its doc_id, and it followed the file.
    assert one(con, AMOUNT_3_2_1.format(schema="history.")) == [(104_725_000,)]
    assert one(con, "SELECT count(*) FROM history.training_items") == [(236,)]
    assert one(
        con, "SELECT doc_id, path, version, is_current FROM document_versions ORDER BY version"
    ) == [
        (first.doc_id, str(moved_to), 1, False),
        (second.doc_id, str(moved_to), 2, True),
    ]


# The sample, as another report on its template: another institute's plan (the name its
# cover and every contact line print), and the next year's plan.
OTHER_INSTITUTE = ("서울특별시교육청교육연수원", "경기도교육청교육연수원")
NEXT_YEAR = ("2025", "2026")


@pytest.mark.parametrize("replacement", [OTHER_INSTITUTE, NEXT_YEAR], ids=["institute", "year"])
def test_another_report_at_a_new_path_stays_its_own_document(con, text_copy, tmp_path, replacement):
    first = load(con, text_copy)
    other = move_and_edit(text_copy, tmp_path / "archive" / "other.txt", [replacement])
    second = load(con, other)
    assert (second.action, second.same_as) == ("loaded", None)
    assert one(con, "SELECT doc_id, path, version FROM documents ORDER BY doc_id") == [
        (first.doc_id, str(tmp_path / "inbox" / "plan.txt"), 1),
        (second.doc_id, str(other), 1),
    ]
    assert one(con, "SELECT count(*) FROM history.documents") == [(0,)]


def test_another_report_with_the_same_title_stays_its_own_document(con, text_copy, tmp_path):
    # Sections 1-1-1 to 3-1-3 and 3-2-1 to 5-1-2 of the sample as two files: both print the
    # running title '서울특별시교육청교육연수원 2025 주요업무계획', their texts are different.
    lines = text_copy.read_text("utf-8").splitlines(keepends=True)
    cut = lines.index("3-2-1 안전하고 행복한 학교 만들기 연수\n")
    text_copy.write_text("".join(lines[:cut]), "utf-8")
    first = load(con, text_copy)
    other = tmp_path / "archive" / "part-2.txt"
    other.parent.mkdir()
    other.write_text("".join(lines[cut:]), "utf-8")
    text_copy.unlink()
    second = load(con, other)
    assert (second.action, second.same_as) == ("loaded", None)
    assert one(con, "SELECT doc_id, title, version FROM documents ORDER BY doc_id") == [
        (first.doc_id, "서울특별시교육청교육연수원 2025 주요업무계획", 1),
        (second.doc_id, "서울특별시교육청교육연수원 2025 주요업무계획", 1),
    ]


def test_a_moved_and_edited_file_is_not_a_version_while_the_old_path_exists(
    con, text_copy, tmp_path
):
    first = load(con, text_copy)
    edited = tmp_path / "plan-edited.txt"
    shutil.copy(text_copy, edited)
    edit(edited, *EDITED)
    second = load(con, edited)
    assert (second.action, second.same_as) == ("loaded", None)
    assert one(con, "SELECT doc_id, version FROM documents ORDER BY doc_id") == [
        (first.doc_id, 1),
        (second.doc_id, 1),
    ]


def test_a_copy_is_still_a_duplicate_not_a_move(con, text_copy, tmp_path):
    load(con, text_copy)
    copy = tmp_path / "plan-copy.txt"
    shutil.copy(text_copy, copy)
    assert load(con, copy).action == "duplicate"
    assert one(con, "SELECT path FROM documents") == [(str(text_copy),)]


def test_a_version_5_warehouse_gains_versions_in_place(tmp_path, text_copy):
    db = tmp_path / "old.duckdb"
    con = connect(db)
    load(con, text_copy)
    for statement in ("DROP VIEW document_versions", "DROP SCHEMA history CASCADE"):
        con.execute(statement)
    con.execute("ALTER TABLE documents DROP COLUMN previous_doc_id")
    con.execute("ALTER TABLE documents DROP COLUMN version")
    con.execute("UPDATE schema_version SET version = 5")
    con.close()
    con = connect(db)
    assert one(con, "SELECT version, previous_doc_id FROM documents") == [(1, None)]
    edit(text_copy, TOTAL_3_2_1, EDITED_3_2_1)
    assert load(con, text_copy).action == "replaced"
    assert one(con, "SELECT version FROM document_versions ORDER BY version") == [(1,), (2,)]
    assert one(con, AMOUNT_3_2_1.format(schema="history.")) == [(104_725_000,)]
    con.close()


def test_history_tables_have_every_column_of_their_main_table(con):
    for (table,) in one(
        con, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'history'"
    ):
        main = one(
            con,
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'main' AND table_name = ?",
            [table],
        )
        history = one(
            con,
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'history' AND table_name = ?",
            [table],
        )
        assert set(main) <= set(history), table
    with pytest.raises(duckdb.CatalogException):
        con.execute("SELECT * FROM history.schema_version")


def _two_of_one_report_and_another(tmp_path, sample_path):
    """a.txt and b.txt: the sample report (b.txt a line longer, so the same report, a.txt its
    primary, loaded first); c.txt: another report."""
    inbox, other = tmp_path / "inbox", tmp_path / "other"
    inbox.mkdir()
    other.mkdir()
    text = sample_path("txt").read_text("utf-8")
    (inbox / "a.txt").write_text(text, "utf-8")
    (inbox / "b.txt").write_text(text + "\n추가 줄\n", "utf-8")
    (other / "c.txt").write_text("전혀 다른 문서입니다. " * 40, "utf-8")
    return inbox / "a.txt", inbox / "b.txt", other / "c.txt"


def _primaries(con):
    return one(con, "SELECT file_name, is_primary FROM documents ORDER BY file_name")


def test_a_report_whose_primary_path_became_a_duplicate_gets_another_primary(
    con, tmp_path, sample_path
):
    a, b, c = _two_of_one_report_and_another(tmp_path, sample_path)
    for path in (a, b, c):
        load(con, path)
    assert _primaries(con) == [("a.txt", True), ("b.txt", False), ("c.txt", True)]
    shutil.copy(c, a)  # a.txt now holds the other report's bytes
    assert load(con, a).action == "duplicate"
    # a.txt's sample document went to history; b.txt is the sample report's one document now
    assert _primaries(con) == [("b.txt", True), ("c.txt", True)]


def test_a_report_whose_primary_path_a_moved_file_took_gets_another_primary(
    con, tmp_path, sample_path
):
    a, b, c = _two_of_one_report_and_another(tmp_path, sample_path)
    for path in (a, b, c):
        load(con, path)
    a.unlink()
    shutil.move(c, a)  # the other report's file moved onto a.txt's path
    assert load(con, a).action == "moved"
    assert _primaries(con) == [("a.txt", True), ("b.txt", True)]
