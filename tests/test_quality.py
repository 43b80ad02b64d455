"""Data-quality checks: the exact findings on the sample report, one planted disagreement of each
kind caught in a copy, and the runner (check files, isolation, scoping, messages)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kplan.parsers.model import Document
from kplan.pipeline.batch import process_file
from kplan.warehouse import quality
from kplan.warehouse.load import connect, load_document
from kplan.warehouse.quality import format_amount, parse_header, run_checks

ROOT = Path(__file__).resolve().parents[1]
STEM = "seoul-edu-training-2025-plan"
SAMPLE = ROOT / "samples" / f"{STEM}.txt"
if not SAMPLE.exists():  # the sample is committed; the seed is where it came from
    SAMPLE = ROOT.parent / "shared" / "seed" / f"{STEM}.txt"

# The disagreements the sample report really has, and nothing else:
# (rule, section, severity, expected, actual, difference in won, line_no).
SEED_FINDINGS = [
    ("budget_total_quarter", "1-1-2", "warning", "27000000", "44900000", 17_900_000, 3),
    ("contact_phone_mismatch", "2-1-1", "warning", "3019-8003", "3999-8003", None, None),
    ("contact_phone_mismatch", "2-1-1", "warning", "3019-8004", "3999-8004", None, None),
    ("budget_total_short_row", "2-1-1", "error", "6", "5", None, 4),
    ("contact_phone_mismatch", "3-2-1", "warning", "8096", "8086", None, None),
    ("budget_total_amount", "3-2-1", "error", "104700000", "104725000", 25_000, 3),
    ("budget_total_prev", "3-2-1", "error", "363750000", "363774000", 24_000, 3),
    ("budget_line_quarters", "5-1-2", "warning", "0", "54486000", 54_486_000, 1),
]


def key(f: dict) -> tuple:
    return (
        f["rule"],
        f["section_code"],
        f["severity"],
        f["expected"],
        f["actual"],
        f["difference"],
        f["line_no"],
    )


def plant(text: str, old: str, new: str, section: str | None = None) -> str:
    """Replace the one `old` (the first after `section`'s heading line when given)."""
    start = text.index(f"\n{section} ") if section else 0
    if section is None:
        assert text.count(old) == 1, old
    at = text.index(old, start)
    return text[:at] + new + text[at + len(old) :]


def ingest(con, path: Path) -> int:
    processed = process_file(path)
    return load_document(con, processed.document, processed.facts, stats=processed.stats).doc_id


@pytest.fixture(scope="module")
def seed():
    con = connect(":memory:")
    doc_id = ingest(con, SAMPLE)
    run_checks(con)
    yield con, doc_id, quality.findings(con, [doc_id])
    con.close()


# ---------------------------------------------------------------- the sample report


def test_sample_findings_are_exactly_its_real_disagreements(seed):
    _, _, found = seed
    assert [key(f) for f in found] == SEED_FINDINGS
    assert all(f["page"] is None for f in found)  # a text file has no pages


def test_sample_arithmetic_messages(seed):
    _, _, found = seed
    messages = {
        (f["rule"], f["section_code"]): (f["message"], f["source"])
        for f in found
        if f["rule"].startswith("budget_")
    }
    assert messages == {
        ("budget_total_quarter", "1-1-2"): (
            "합계 1분기 44,900천원 ≠ 내역 합 27,000천원 (차이 +17,900천원) "
            "— 표의 ‘재배정’ 표기가 차이를 설명하므로 경고",
            "합계 343,290 376,455 44,900 53,700 90,145 154,545",
        ),
        ("budget_total_short_row", "2-1-1"): (
            "합계 행이 금액 6칸 중 5칸만 인쇄됨: 4분기 빈칸 (내역 합 2,100천원) "
            "— 내역에는 금액이 있는데 합계가 비어 오류",
            "합계 22,900 66,283 6,800 11,100 2,900 (빈칸)",
        ),
        ("budget_total_amount", "3-2-1"): (
            "합계 2025년 예산액 104,725천원 ≠ 내역 합 104,700천원 (차이 +25천원)",
            "합계 104,725 363,774 16,600 24,400 26,600 37,100",
        ),
        ("budget_total_prev", "3-2-1"): (
            "합계 2024년 예산액 363,774천원 ≠ 내역 합 363,750천원 (차이 +24천원)",
            "합계 104,725 363,774 16,600 24,400 26,600 37,100",
        ),
        ("budget_line_quarters", "5-1-2"): (
            "‘수영장 리모델링 용역’ 분기 합 54,486천원 ≠ 2025년 예산액 - (차이 +54,486천원) "
            "— 표의 ‘사고이월’ 표기가 차이를 설명하므로 경고",
            "210. 직속기관 환경개선 수영장 리모델링 용역 - 55,000 / - 54,486 - - "
            "/ *수영장 리모델링 건축기획 용역",
        ),
    }
    english = next(f["message_en"] for f in found if f["rule"] == "budget_total_amount")
    assert english == (
        "Total 2025 budget 104,725 thousand won ≠ sum of lines 104,700 thousand "
        "won (difference +25 thousand won)"
    )


def test_no_check_fires_on_a_table_that_adds_up(seed):
    con, doc_id, found = seed
    tables = {
        r[0]
        for r in con.execute(
            "SELECT section_code FROM budget_tables WHERE doc_id = ?", [doc_id]
        ).fetchall()
    }
    flagged = {f["section_code"] for f in found if f["rule"].startswith("budget_")}
    assert flagged == {"1-1-2", "2-1-1", "3-2-1", "5-1-2"}
    assert len(tables - flagged) == 16
    # 3-1-2 and 3-2-2 merge one amount over several rows of quarters: counted once, they add up.
    merged = con.execute(
        """SELECT DISTINCT section_code FROM budget_lines WHERE doc_id = ?
        AND NOT is_total AND amount IS NULL AND amount_prev IS NULL AND q1 IS NOT NULL""",
        [doc_id],
    ).fetchall()
    assert {m[0] for m in merged} == {"3-1-2", "3-2-2"}
    assert not flagged & {"3-1-2", "3-2-2"}


def test_pdf_findings_carry_the_page_of_their_row(pdf_facts, sample_path):
    """The same report as a PDF: the same findings, each on the page its row is printed on."""
    con = connect(":memory:")
    doc = Document(
        path=str(sample_path("pdf")),
        format="pdf",
        sha256="pdf-sample",
        pages=46,
        reader="pdfplumber",
    )
    doc_id = load_document(
        con, doc, pdf_facts, stats={"n_paragraphs": 1, "n_tables": 20, "n_chars": 1}
    ).doc_id
    run_checks(con)
    found = quality.findings(con, [doc_id])
    assert [key(f) for f in found] == SEED_FINDINGS
    for f in found:
        if f["line_no"] is not None:
            row_page = next(
                b.page
                for b in pdf_facts.budget_lines
                if b.section_code == f["section_code"] and b.line_no == f["line_no"]
            )
        else:
            row_page = next(
                c.page
                for c in pdf_facts.contacts
                if c.section_code == f["section_code"] and c.phone == f["actual"]
            )
        assert f["page"] == row_page and row_page is not None, f


def test_outline_tasks_are_loaded(seed):
    con, doc_id, _ = seed
    assert con.execute(
        "SELECT number, title FROM outline_tasks WHERE doc_id = ? ORDER BY 1", [doc_id]
    ).fetchall() == [
        (1, "성장을 돕는 교직원 생애단계별 연수"),
        (2, "기초학력과 미래역량 강화 연수"),
        (3, "자치와 참여의 교육공동체 지원 연수"),
        (4, "현장 맞춤형 연수 운영의 혁신"),
        (5, "공감과 소통의 연수 운영 지원"),
    ]


# ---------------------------------------------------------------- planted disagreements

# Each kind of disagreement planted by changing one figure or word of the sample. The plants
# of one copy sit in different sections, so each finding is still told apart; a copy is checked
# once (loading a report takes a while) and must show exactly its plants' findings.
# name: (copy, old, new, section to look in or None, findings added, findings removed)
PLANTS = {
    "a line's quarter": (
        "budget",
        "5,400 5,500 8,000 25,800",
        "5,400 5,500 8,000 25,900",
        None,
        [
            ("budget_line_quarters", "3-2-1", "error", "44700000", "44800000", 100_000, 1),
            ("budget_total_quarter", "3-2-1", "error", "37200000", "37100000", -100_000, 3),
        ],
        [],
    ),
    "a quarter under a merged amount": (
        "budget",
        "1,700 2,700 2,200 3,200",
        "1,700 2,700 2,200 3,300",
        None,
        [
            ("budget_line_quarters", "3-2-2", "error", "23972000", "24072000", 100_000, 1),
            ("budget_total_quarter", "3-2-2", "error", "4956000", "4856000", -100_000, 4),
        ],
        [],
    ),
    "a 합계 plan-year amount": (
        "budget",
        "합계 98,206 146,791 10,078",
        "합계 98,306 146,791 10,078",
        None,
        [("budget_total_amount", "3-1-2", "error", "98206000", "98306000", 100_000, 3)],
        [],
    ),
    "a 합계 previous-year amount": (
        "budget",
        "합계 241,808 365,680",
        "합계 241,808 365,780",
        None,
        [("budget_total_prev", "4-2-1", "error", "365680000", "365780000", 100_000, 4)],
        [],
    ),
    "a 합계 quarter": (
        "budget",
        "합계 82,300 133,760 11,400 34,500 16,500 19,900",
        "합계 82,300 133,760 11,400 34,500 16,500 19,990",
        None,
        [("budget_total_quarter", "2-2-1", "error", "19900000", "19990000", 90_000, 3)],
        [],
    ),
    "a 합계 row short of a cell": (
        "budget",
        "합계 127,104 119,862 31,897 31,896 31,656 31,655",
        "합계 127,104 119,862 31,897 31,896 31,656",
        None,
        [("budget_total_short_row", "5-2-1", "error", "6", "5", None, 4)],
        [],
    ),
    "a remark that no longer explains": (
        "budget",
        "*수영장리모델링용역사업 사고이월",
        "*수영장리모델링용역사업",
        None,
        [("budget_line_quarters", "5-1-2", "error", "0", "54486000", 54_486_000, 1)],
        [("budget_line_quarters", "5-1-2", "warning", "0", "54486000", 54_486_000, 1)],
    ),
    "a count in the 주요 개선 사항 box": (
        "budget",
        "초등 교육현안과 함께하는 직무연수 5과정 등, 150명",
        "초등 교육현안과 함께하는 직무연수 6과정 등, 150명",
        None,
        [
            (
                "improvement_count_mismatch",
                "3-1-2",
                "error",
                "5과정, 150명",
                "6과정, 150명",
                None,
                None,
            )
        ],
        [],
    ),
    "a budget table that cannot be read": (
        "budget",
        "1분기 2분기 3분기 4분기",
        "1분기 2분기 3분기 4 분기",
        "4-1-2",
        [("budget_table_unread", "4-1-2", "error", "> 0", "0", None, None)],
        [],
    ),
    "a phone number": (
        "structure",
        "담당:한이랑 ☎ 8107",
        "담당:한이랑 ☎ 8170",
        "3-1-1",
        [("contact_phone_mismatch", "3-1-1", "warning", "8107", "8170", None, None)],
        [],
    ),
    "a skipped section code": (
        "structure",
        "3-1-2 미래를 여는",
        "3-1-3 미래를 여는",
        None,
        [("section_code_sequence", "3-1-3", "warning", "3-1-2", "3-1-3", None, None)],
        [],
    ),
    "a task missing from the outline": (
        "structure",
        "5. 공감과 소통의 연수 운영 지원",
        "6. 공감과 소통의 연수 운영 지원",
        None,
        [
            ("outline_task_without_section", None, "warning", "6", None, None, None),
            ("section_not_in_outline", "5-1-1", "warning", "1,2,3,4,6", "5", None, None),
        ],
        [],
    ),
    "a budget header year": (
        "structure",
        "’25 ’24 1분기",
        "’24 ’24 1분기",
        "2-2-2",
        [("budget_year_mismatch", "2-2-2", "error", "2025", "2024", None, None)],
        [],
    ),
    "a part heading": (
        "structure",
        " 2024년 추진 실적",
        " 2024년 운영 결과",
        "2-2-2",
        [
            (
                "section_missing_part",
                "2-2-2",
                "warning",
                "목적,근거,실적,계획,예산",
                "목적,근거,계획,예산",
                None,
                None,
            )
        ],
        [],
    ),
}
COPIES = sorted({plan[0] for plan in PLANTS.values()})


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """Each copy with its plants, loaded into one warehouse next to the sample, checked once:
    {copy: (findings added, findings removed)} against the sample's findings."""
    folder = tmp_path_factory.mktemp("planted")
    con = connect(":memory:")
    sample_id = ingest(con, SAMPLE)
    ids = {}
    for copy in COPIES:
        text = SAMPLE.read_text("utf-8")
        for kind, old, new, section, _, _ in PLANTS.values():
            if kind == copy:
                text = plant(text, old, new, section)
        (folder / f"{copy}.txt").write_text(text, "utf-8")
        ids[copy] = ingest(con, folder / f"{copy}.txt")
    run_checks(con)
    sample = [key(f) for f in quality.findings(con, [sample_id])]
    assert sample == SEED_FINDINGS
    out = {}
    for copy, doc_id in ids.items():
        found = [key(f) for f in quality.findings(con, [doc_id])]
        out[copy] = ([f for f in found if f not in sample], [f for f in sample if f not in found])
    yield out
    con.close()


@pytest.mark.parametrize("name", list(PLANTS))
def test_a_planted_disagreement_is_caught(planted, name):
    copy, _, _, _, added, removed = PLANTS[name]
    for finding in added:
        assert finding in planted[copy][0]
        assert finding not in SEED_FINDINGS
    for finding in removed:
        assert finding in planted[copy][1]


@pytest.mark.parametrize("copy", COPIES)
def test_a_planted_copy_shows_its_plants_findings_and_nothing_else(planted, copy):
    added = sorted((f for plan in PLANTS.values() if plan[0] == copy for f in plan[4]), key=str)
    removed = sorted((f for plan in PLANTS.values() if plan[0] == copy for f in plan[5]), key=str)
    assert sorted(planted[copy][0], key=str) == added
    assert sorted(planted[copy][1], key=str) == removed


def test_a_repeated_section_code_is_an_error(tmp_path):
    path = tmp_path / "repeat.txt"
    path.write_text(
        plant(SAMPLE.read_text("utf-8"), "3-1-2 미래를 여는", "3-1-1 미래를 여는"), "utf-8"
    )
    con = connect(":memory:")
    doc_id = ingest(con, path)
    run_checks(con)
    found = quality.findings(con, [doc_id])
    repeat = [f for f in found if f["rule"] == "section_code_repeat"]
    assert [key(f) for f in repeat] == [
        ("section_code_repeat", "3-1-1", "error", "1", "2", None, None)
    ]
    assert repeat[0]["message"] == (
        "절 번호 3-1-1 중복 — ‘미래를 여는 협력교육을 선도하는 리더십 연수’ 다음에 "
        "‘미래를 여는 협력교육 공유 및 확산을 위한 연수’에 다시 쓰임"
    )
    # Two tables now share the code; budget lines know their table (table_no), so the two
    # tables' lines do not mix and both still add up.
    assert not any(
        f["rule"].startswith("budget_total") and f["section_code"] == "3-1-1" for f in found
    )
    assert (
        con.execute(
            "SELECT count(DISTINCT table_no) FROM budget_lines WHERE section_code = '3-1-1'"
        ).fetchone()[0]
        == 2
    )


# ---------------------------------------------------------------- silent failures


def _checked(con, path: Path) -> list[tuple]:
    doc_id = ingest(con, path)
    run_checks(con)
    return [key(f) for f in quality.findings(con, [doc_id])]


def test_an_empty_file_is_a_finding(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert _checked(connect(":memory:"), tmp_path / "empty.txt") == [
        ("parse_status", None, "error", "ok", "failed", None, None)
    ]


def test_text_of_no_known_kind_is_said(tmp_path):
    path = tmp_path / "memo.txt"
    path.write_text("회의 안내\n\n다음 주 화요일에 회의가 있습니다.\n", "utf-8")
    assert _checked(connect(":memory:"), path) == [
        ("parse_no_family", None, "info", "family", None, None, None)
    ]


def test_a_document_read_without_text_is_a_finding(seed):
    con, _, _ = seed
    con.execute("""INSERT INTO documents (doc_id, path, file_name, format, sha256, status,
                   reader, n_chars) VALUES (900, '/scan.pdf', 'scan.pdf', 'pdf', 'scan', 'ok',
                   'pdfplumber', 0)""")
    try:
        run_checks(con, [900])
        found = quality.findings(con, [900])
        assert [key(f) for f in found] == [("parse_no_text", None, "error", "> 0", "0", None, None)]
        assert found[0]["message"].startswith("문서에서 글자를 하나도 읽지 못함 (pdf, pdfplumber)")
    finally:
        con.execute("DELETE FROM findings WHERE doc_id = 900")
        con.execute("DELETE FROM documents WHERE doc_id = 900")


# ---------------------------------------------------------------- the runner


def test_every_shipped_check_reads_and_is_documented():
    helpers, checks, failures = quality.load_checks()
    assert failures == []
    assert [h.name for h in helpers] == ["_budget.sql"]
    docs = (ROOT / "docs" / "checks.md").read_text("utf-8")
    for check in checks:
        assert check.about, check.id
        assert f"`{check.id}`" in docs, f"{check.id} is not in docs/checks.md"
    assert {c.id for c in checks} >= {
        "budget_total_amount",
        "budget_total_prev",
        "budget_total_quarter",
        "budget_line_quarters",
        "budget_total_short_row",
        "contact_phone_mismatch",
        "section_code_repeat",
        "section_code_sequence",
        "section_not_in_outline",
        "outline_task_without_section",
        "section_missing_part",
        "budget_year_mismatch",
        "improvement_count_mismatch",
        "parse_status",
        "parse_no_text",
        "parse_no_family",
        "budget_table_unread",
    }


def test_header_format():
    assert parse_header(
        "-- id: x\n-- severity: info\n-- message_ko: 하나\n--   둘\n-- free text\n-- Note: too\n"
        "-- message_en: one\nSELECT 1\n-- about: not header\n"
    ) == {"id": "x", "severity": "info", "message_ko": "하나 둘", "message_en": "one"}
    with pytest.raises(quality.CheckDefinitionError, match="unknown header key 'severty'"):
        parse_header("-- severty: error\n")


def test_a_planner_adds_a_check_by_adding_a_file(seed, tmp_path):
    con, doc_id, _ = seed
    (tmp_path / "big_section_budget.sql").write_text(
        "-- id: big_section_budget\n-- severity: info\n"
        "-- message_ko: 예산 {actual:amount} (기준 {expected:amount} 초과)\n"
        "-- message_en: budget {actual:amount} is over {expected:amount}\n"
        "-- about: sections whose plan-year budget is over 600 million won.\n"
        "SELECT l.doc_id, l.section_code, l.page, 600000000 AS expected, l.amount AS actual,\n"
        "       t.unit, t.unit_factor\n"
        "FROM budget_lines l JOIN budget_tables t USING (doc_id, section_code)\n"
        "WHERE l.is_total AND l.amount > 600000000;\n",
        "utf-8",
    )
    (tmp_path / "names_ending_in_deung.py").write_text(
        'CHECK = {"id": "names_ending_in_deung", "severity": "info",\n'
        '         "message_ko": "{n}개 항목 이름이 ‘등’으로 끝남",\n'
        '         "message_en": "{n} item names end in 등"}\n'
        "def run(con, doc_ids):\n"
        "    for doc_id, n in con.execute(\"SELECT doc_id, count(*) FROM training_items \"\n"
        "            \"WHERE name LIKE '%등' GROUP BY doc_id\").fetchall():\n"
        "        yield {'doc_id': doc_id, 'n': n, 'actual': n}\n",
        "utf-8",
    )
    try:
        result = run_checks(con, [doc_id], folders=[tmp_path])
        assert result.failures == []
        assert {"big_section_budget", "names_ending_in_deung"} <= set(result.checks)
        added = [
            (f["rule"], f["section_code"], f["message"])
            for f in quality.findings(con)
            if f["severity"] == "info"
        ]
        assert added == [
            ("names_ending_in_deung", None, "126개 항목 이름이 ‘등’으로 끝남"),
            ("big_section_budget", "1-1-1", "예산 1,078,028천원 (기준 600,000천원 초과)"),
            ("big_section_budget", "2-1-2", "예산 641,770천원 (기준 600,000천원 초과)"),
            ("big_section_budget", "5-1-2", "예산 605,998천원 (기준 600,000천원 초과)"),
        ]
    finally:
        run_checks(con, [doc_id])


def test_a_broken_check_is_reported_and_the_others_still_run(seed, tmp_path):
    con, doc_id, _ = seed
    (tmp_path / "broken_sql.sql").write_text(
        "-- id: broken_sql\n-- severity: error\n-- message_ko: x\n-- message_en: x\n"
        "SELECT doc_id FROM no_such_table\n",
        "utf-8",
    )
    (tmp_path / "no_message.sql").write_text(
        "-- id: no_message\n-- severity: error\nSELECT doc_id FROM documents\n", "utf-8"
    )
    (tmp_path / "bad_template.sql").write_text(
        "-- id: bad_template\n-- severity: error\n-- message_ko: {nope}\n-- message_en: x\n"
        "SELECT doc_id FROM documents\n",
        "utf-8",
    )
    told: list[str] = []
    try:
        result = run_checks(con, [doc_id], folders=[tmp_path], report=told.append)
        assert [(f.check, f.message.split(":")[0]) for f in result.failures] == [
            ("no_message", "missing header key(s)"),
            (
                "bad_template",
                "the message names {nope} but the check returned no such column (columns",
            ),
            ("broken_sql", "CatalogException"),
        ]
        assert told[0] == "check no_message failed: missing header key(s): message_ko, message_en"
        assert "no such column" in told[1] and "{nope}" in told[1]
        assert [key(f) for f in quality.findings(con, [doc_id])] == SEED_FINDINGS
        assert result.counts == {"error": 3, "warning": 5, "info": 0}
    finally:
        run_checks(con, [doc_id])


def test_checks_refill_only_the_documents_asked_for(seed):
    con, doc_id, _ = seed
    con.execute(
        "INSERT INTO findings (doc_id, rule, severity, message) "
        "VALUES (901, 'kept', 'info', '다른 문서')"
    )
    try:
        for _ in range(2):  # running twice gives the same findings, not twice as many
            run_checks(con, [doc_id])
            assert [key(f) for f in quality.findings(con, [doc_id])] == SEED_FINDINGS
        assert con.execute("SELECT count(*) FROM findings WHERE doc_id = 901").fetchone() == (1,)
    finally:
        con.execute("DELETE FROM findings WHERE doc_id = 901")


@pytest.mark.parametrize(
    "won, factor, unit, signed, lang, text",
    [
        (104_725_000, 1000, "천원", False, "ko", "104,725천원"),
        (25_000, 1000, "천원", True, "ko", "+25천원"),
        (-100_000, 1000, "천원", True, "en", "-100 thousand won"),
        (1_500, 1000, "천원", False, "ko", "1.5천원"),
        (None, 1000, "천원", False, "ko", "-"),
        (7, 1, None, False, "ko", "7원"),
    ],
)
def test_format_amount(won, factor, unit, signed, lang, text):
    assert format_amount(won, factor, unit, signed=signed, lang=lang) == text


def test_the_checks_digest_changes_with_a_helper_macro(con, tmp_path):
    # An unchanged re-ingest skips the checks while the digest matches (quality_state); a
    # helper macro the checks call is part of what they find, so it is part of the digest.
    from kplan.warehouse.quality import _digest, load_checks

    helpers, checks, _ = load_checks(None)
    assert helpers, "the package's checks have helper macros"
    changed = tmp_path / helpers[0].name
    changed.write_text(helpers[0].read_text("utf-8") + "\n-- edited\n", "utf-8")
    assert _digest(con, helpers, checks) == _digest(con, list(helpers), checks)
    assert _digest(con, [changed, *helpers[1:]], checks) != _digest(con, helpers, checks)


def test_family_totals_count_an_unregistered_family_over_its_own_documents(con, sample_path):
    # Regression: a family name no plug-in registers was counted over the no-family documents.
    from conftest import load

    from kplan.warehouse.summary import family_totals

    load(con, sample_path("hwpx"))
    con.execute("UPDATE documents SET family = 'retired_family'")
    tables = con.execute("SELECT count(*) FROM tables").fetchall()[0][0]
    assert tables > 0
    totals = family_totals(con)
    assert len(totals) == 1 and totals[0].startswith(
        f"retired_family: 1 document: {tables} tables, "
    ), totals
