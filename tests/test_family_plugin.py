"""A family is a plug-in: a toy family defined only here ingests, loads, summarizes and reports
with no edit anywhere else in kplan."""

from __future__ import annotations

from typing import NamedTuple

import pytest
import regex

from kplan.pipeline.cli import main
from kplan.rules import families
from kplan.rules.facts import Facts
from kplan.rules.families import FactTable, ReportTable, plural
from kplan.rules.lines import Line
from kplan.warehouse.load import SchemaMismatch, connect
from kplan.warehouse.report import render_report

MEMO_RE = regex.compile(r"^메모\s+(\d+)\s*:\s*(.+?)\s+([\d,]+)원$")


class Memo(NamedTuple):
    """One line '메모 2: 회의실 대여 120,000원' of a memo list."""

    number: int
    subject: str
    amount: int | None
    page: int | None
    billed: bool = False


class ToyMemoFamily:
    NAME = "toy_memo"
    FACT_TABLES = (FactTable("toy_memos", Memo),)
    REPORT = (
        ReportTable(
            "메모",
            "SELECT number, subject, amount FROM toy_memos WHERE doc_id = ? ORDER BY number",
            ("번호", "내용", "금액"),
            numeric=("금액",),
        ),
    )

    @staticmethod
    def signature(stream) -> float:
        return sum(1.0 for it in stream if isinstance(it, Line) and MEMO_RE.match(it.text))

    @staticmethod
    def extract(stream, facts: Facts) -> None:
        for it in stream:
            m = isinstance(it, Line) and MEMO_RE.match(it.text)
            if m:
                facts.rows("toy_memos").append(
                    Memo(int(m[1]), m[2], int(m[3].replace(",", "")), it.page)
                )

    @staticmethod
    def summary(n) -> str:
        return plural(n["toy_memos"], "memo")


MEMOS = "메모 목록\n메모 1: 회의실 대여 120,000원\n메모 2: 다과 35,500원\n"


@pytest.fixture
def toy(monkeypatch):
    monkeypatch.setattr(families, "FAMILIES", list(families.FAMILIES))
    families.register(ToyMemoFamily)
    return ToyMemoFamily


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_toy_family_ingests_loads_summarizes_and_checks(toy, capsys, tmp_path):
    memo = tmp_path / "memo.txt"
    memo.write_text(MEMOS, "utf-8")
    db = tmp_path / "w.duckdb"
    code, out, err = run(capsys, "ingest", memo, "--db", db, "--no-quality")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"ok         {memo} (txt, toy_memo: 2 memos)"
    code, out, _ = run(
        capsys,
        "sql",
        "SELECT number, subject, amount, billed FROM toy_memos ORDER BY number",
        "--db",
        db,
        "--format",
        "csv",
    )
    assert out.splitlines() == [
        "number,subject,amount,billed",
        "1,회의실 대여,120000,False",
        "2,다과,35500,False",
    ]
    code, out, _ = run(capsys, "check", memo)
    assert out.splitlines()[0] == f"{memo} (txt, toy_memo): 2 memos"
    # A changed file replaces its rows; none are left behind.
    memo.write_text(MEMOS + "메모 3: 인쇄 9,000원\n", "utf-8")
    run(capsys, "ingest", memo, "--db", db, "--no-quality")
    code, out, _ = run(
        capsys, "sql", "SELECT count(*) AS n FROM toy_memos", "--db", db, "--format", "csv"
    )
    assert out.splitlines() == ["n", "3"]


def test_a_toy_family_has_its_section_of_the_report(toy, tmp_path):
    from kplan.pipeline.batch import process_file
    from kplan.warehouse.load import load_document

    memo = tmp_path / "memo.txt"
    memo.write_text(MEMOS, "utf-8")
    con = connect(":memory:")
    processed = process_file(memo)
    load_document(con, processed.document, processed.facts, stats=processed.stats)
    html = render_report(con)
    assert "<h3>메모</h3>" in html
    assert '<td>다과</td><td class="num">35,500</td>' in html
    assert "<td>2 memos</td>" in html
    assert "예산 표가 없습니다" not in html and "절 (1-1-1 …)" not in html


class Bad(NamedTuple):
    section_code: str | None
    wrong_column: int


class BadFamily(ToyMemoFamily):
    NAME = "bad"
    FACT_TABLES = (FactTable("budget_lines", Bad),)


def test_a_fact_type_the_schema_lacks_is_refused_at_start(monkeypatch):
    monkeypatch.setattr(families, "FAMILIES", list(families.FAMILIES))
    families.register(BadFamily)
    with pytest.raises(SchemaMismatch, match="budget_lines lacks column.s. wrong_column"):
        connect(":memory:")


def test_a_family_without_its_declarations_is_refused():
    class Half:
        NAME = "half"

        @staticmethod
        def signature(stream):
            return 0.0

    with pytest.raises(TypeError, match="lacks extract, FACT_TABLES, summary"):
        families.register(Half)
