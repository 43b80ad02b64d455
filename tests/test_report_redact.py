"""kplan quality --html --redact-contacts: the report shows no staff name or phone number.

The sample's 3-2-1 작성자 box prints '중등교원연수부수석연구사: 최선미 ☎ 8086' where its other
boxes print 8096, so the report's contact_phone_mismatch finding names 최선미 and both numbers."""

import re
import shutil

import pytest

from kplan.pipeline.batch import process_file
from kplan.pipeline.cli import main
from kplan.warehouse.load import connect, load_document
from kplan.warehouse.quality import run_checks
from kplan.warehouse.report import render_report

PEOPLE = ("최선미", "김태은", "한이랑")
NUMBERS = ("8086", "8096")
STYLE = re.compile(r"<style>.*?</style>", re.S)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, sample_path):
    folder = tmp_path_factory.mktemp("redact")
    shutil.copy(sample_path("txt"), folder / "plan.txt")
    db = folder / "w.duckdb"
    con = connect(db)
    processed = process_file(folder / "plan.txt")
    load_document(con, processed.document, processed.facts, stats=processed.stats)
    run_checks(con)
    yield con, db
    con.close()


def test_the_report_names_staff_unless_redacted(warehouse):
    con, _ = warehouse
    plain = render_report(con)
    assert "최선미" in plain and all(n in plain for n in NUMBERS)
    redacted = render_report(con, redact_contacts=True)
    for word in PEOPLE + NUMBERS:
        assert word not in redacted, word
    assert "○○○(중등교원연수부 수석연구사) 전화 ****" in redacted
    # Only text is masked: the same findings, the same styles, the same markup count.
    assert redacted.count('<tr class="finding') == plain.count('<tr class="finding') == 8
    assert STYLE.findall(redacted) == STYLE.findall(plain)
    assert redacted.count("<") == plain.count("<")


def test_kplan_quality_html_redact_contacts(warehouse, tmp_path, capsys):
    con, db = warehouse
    con.close()  # the command opens the warehouse itself
    out = tmp_path / "report.html"
    code = main(["quality", "--no-run", "--db", str(db), "--html", str(out), "--redact-contacts"])
    capsys.readouterr()
    assert code == 0
    page = out.read_text("utf-8")
    assert "contact_phone_mismatch" in page
    assert not any(word in page for word in PEOPLE + NUMBERS)
