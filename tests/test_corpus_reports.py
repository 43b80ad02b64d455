"""Every real report of the third-party corpus, ingested once: statuses, families, formats
counted once, and every finding of the checks on any table (each looked at in its document)."""

import pytest
from conftest import CORPUS, load_processed
from test_contact_tables import CORPUS_CONTACTS
from test_table_checks import CORPUS_FINDINGS

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from kplan.pipeline.batch import process_many
    from kplan.warehouse.load import connect
    from kplan.warehouse.quality import run_checks

    con = connect(tmp_path_factory.mktemp("corpus") / "corpus.duckdb")
    paths = sorted((CORPUS / "reports").iterdir())
    for processed in process_many(paths, workers=2):
        load_processed(con, processed)
    run_checks(con)
    yield con
    con.close()


def test_every_report_reads_never_failed_never_empty(corpus):
    rows = corpus.execute("SELECT file_name, status, n_chars FROM documents").fetchall()
    assert len(rows) == 43
    assert {status for _, status, _ in rows} <= {"ok", "partial"}
    assert all(n_chars > 200 for _, _, n_chars in rows)  # the shortest: a 시행문 letter
    partial = [name for name, status, _ in rows if status == "partial"]
    # 81 bullets of Hancom's HWP 3 → 5 conversion whose meaning is not known, counted.
    assert partial == ["kwater_dr_center_rfp_2004_hwp5.hwp"]


def test_every_report_gets_the_generic_layer(corpus):
    missing = corpus.execute("""
        SELECT file_name FROM documents d
        WHERE NOT EXISTS (SELECT 1 FROM outline o WHERE o.doc_id = d.doc_id)
          AND NOT EXISTS (SELECT 1 FROM tables t WHERE t.doc_id = d.doc_id)""").fetchall()
    assert missing == []
    cells = corpus.execute("SELECT count(*), count(number) FROM table_cells").fetchone()
    assert cells[0] > 20000 and cells[1] > 3000


def test_families(corpus):
    families = dict(
        corpus.execute("SELECT family, count(*) FROM documents GROUP BY ALL").fetchall()
    )
    assert families == {"budget_program": 8, "work_plan": 5, None: 30}
    work_plans = corpus.execute(
        "SELECT file_name FROM documents WHERE family = 'work_plan' ORDER BY 1"
    ).fetchall()
    assert [w[0] for w in work_plans] == [
        "moel_2025_work_report.hwp",
        "moel_2025_work_report.hwpx",
        "mois_2025_work_report.hwp",
        "nikl_2022_work_plan.hwp",
        "nikl_2022_work_plan.pdf",
    ]


def test_reports_in_two_formats_are_counted_once(corpus):
    pairs = corpus.execute("""
        SELECT string_agg(file_name, ' + ' ORDER BY file_name) FROM documents
        GROUP BY report_key HAVING count(*) > 1 ORDER BY 1""").fetchall()
    assert [p[0] for p in pairs] == [
        "kwater_digital_platform_rfp_2025.hwp + kwater_digital_platform_rfp_2025.hwpx",
        "local_gov_donation_report_form_2025.hwpx + local_gov_donation_report_form_2025.pdf",
        "moef_fdi_2024q1_press.hwp + moef_fdi_2024q1_press.hwpx",
        "moel_2025_work_report.hwp + moel_2025_work_report.hwpx",
        "nikl_2022_work_plan.hwp + nikl_2022_work_plan.pdf",
    ]
    assert corpus.execute("SELECT count(*) FROM reports").fetchone()[0] == 38


def test_every_generic_finding_on_the_corpus(corpus):
    rows = corpus.execute("""
        SELECT d.file_name, f.table_id, f.cell_row, f.cell_col, f.severity, f.expected,
               f.actual
        FROM findings f JOIN documents d USING (doc_id)
        WHERE f.rule = 'table_arithmetic'""").fetchall()
    found = {(r[0], r[1], r[2], r[3]): (r[4], r[5], r[6]) for r in rows}
    assert found == CORPUS_FINDINGS


def _content_rows(table):
    """A table's rows as the non-empty texts of their cells, whitespace aside."""
    rows = []
    for r in range(table.n_rows):
        texts = tuple("".join(c.text.split()) for c in table.row_cells(r) if c.text.strip())
        if texts:
            rows.append(texts)
    return rows


def _grid(table):
    """A table cell for cell: its size, every cell's place, spans and text (whitespace aside),
    and the tables nested in its cells, likewise."""
    return (
        table.n_rows,
        table.n_cols,
        sorted((c.row, c.col, c.rowspan, c.colspan, "".join(c.text.split())) for c in table.cells),
        sorted((key, [_grid(t) for t in inner]) for key, inner in table.nested.items()),
    )


# HWP tables (by position in the document) the PDF export gives back cell for cell: the same
# grid, spans, text and nested tables. Table 33 holds no text at all (a picture in one cell).
NIKL_SAME_GRID = set(range(52)) - {13, 33, 41, 47}
# The others hold the same texts row for row, on a grid the PDF cannot know:
NIKL_SAME_ROWS = set(range(52)) - {33}
# 13 (the strategy diagram) and 41 (a flow diagram): their unruled spacer cells are cut and
# spanned differently (one spacer per row in the HWP, one tall spacer in the PDF; 13's task
# boxes span three grid columns, 41's arrows two), which nothing drawn tells apart;
# 47 (the organisation chart): the HWP's 35 columns place its connector lines, the PDF's grid
# has the boxes' edges only.
# (28, the dictionary table, agrees since the round dots of its frame read as rulings.)


def _agreeing(hwp, pdf, key):
    left = [key(t) for t in pdf]
    agreeing = set()
    for index, table in enumerate(hwp):
        value = key(table)
        if _content_rows(table) and value in left:
            left.remove(value)
            agreeing.add(index)
    return agreeing


def test_nikl_hwp_and_pdf_tables_agree_cell_for_cell_where_the_pdf_draws_them():
    from kplan.parsers import parse_file

    hwp = list(parse_file(CORPUS / "reports" / "nikl_2022_work_plan.hwp").tables())
    pdf = list(parse_file(CORPUS / "reports" / "nikl_2022_work_plan.pdf").tables())
    assert len(hwp) == 52
    assert _agreeing(hwp, pdf, _grid) == NIKL_SAME_GRID
    assert _agreeing(hwp, pdf, _content_rows) == NIKL_SAME_ROWS


def test_contacts_come_only_from_the_reports_that_list_their_staff(corpus):
    """The reports that print a contact table, each checked against its page or XML in
    tests/test_contact_tables.py; no other table of the corpus names a contact."""
    rows = corpus.execute("""
        SELECT d.file_name, count(*) FROM contacts c JOIN documents d USING (doc_id)
        GROUP BY ALL ORDER BY 1""").fetchall()
    assert rows == sorted((name, len(people)) for name, people in CORPUS_CONTACTS.items())
