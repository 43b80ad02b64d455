"""Name keys (rules/names.py) and the views that line one program up across years and reports
(warehouse/views.sql). The figures are the seed's (../shared/seed/…, line numbers given)."""

import re

import pytest

from kplan.pipeline.batch import process_file
from kplan.rules.names import name_key
from kplan.warehouse.load import connect, load_document

SAME_KEY = [
    # (as one report prints it, as another might, the key)
    (
        "[초등 집합] 유･초등 교(원)장 자격연수(시･도교육정책과정 등)",
        "유ㆍ초등 교(원)장자격 연수",
        "유초등교원장자격연수",
    ),
    (
        "[중등] 중등 생애단계별 직무연수(5년 미만) 등",
        "중등생애단계별 직무연수등",
        "중등생애단계별직무연수",
    ),
    (
        "퇴직예정 교직원의 노후설계 및 전략 등",
        "퇴직 예정 교직원의 노후설계및전략",
        "퇴직예정교직원노후설계전략",
    ),
    (
        "AI･디지털 활용 역량 강화 직무연수(탐색) 등",
        "AI‧디지털활용 역량강화 직무연수",
        "AI디지털활용역량강화직무연수",
    ),
    ("‘우리 맞춤 공모형 교육’등", "우리맞춤 공모형교육", "우리맞춤공모형교육"),
    ("６급 미래인재 양성과정", "6급 미래인재양성과정", "6급미래인재양성과정"),
]


@pytest.mark.parametrize("one, other, key", SAME_KEY)
def test_spacing_dots_tags_and_asides_do_not_change_the_key(one, other, key):
    assert name_key(one) == name_key(other) == key


def test_brackets_inside_a_name_keep_courses_apart():
    # 2-1-1 runs both (seed lines 1299, 1308): summed together they would be one course.
    assert name_key("교수학습(기초학력) 직무연수") != name_key("교수학습(문화예술체육) 직무연수")


DOTS = str.maketrans({"･": "ㆍ", "·": "‧", "ㆍ": "･", "・": "·", "‧": "・"})
ITEM = re.compile(r"^(\s*[-‧･·]\s*(?:\[[^\]]*\]\s*)?)(.+?)(\s*\d[\d,]*\s*(?:과정|명).*)$")


def respaced(line: str, n: int) -> str:
    """An item line with its name's spaces taken out (odd lines) or put in ('직무 연수'), and
    every middle dot swapped for another."""
    m = ITEM.match(line)
    if not m:
        return line
    head, name, rest = m.groups()
    if n % 2:
        name = name.replace(" ", "")
    else:
        name = name.replace("직무연수", "직무 연수").replace("자격연수", "자격 연수")
    return head + name.translate(DOTS) + rest


def next_years_report(text: str) -> str:
    """The sample as the next year's report would print the same names: respaced and re-dotted,
    its 2024 results now 2025's, its 2025 plan now 2026's."""
    lines = [respaced(line, n) for n, line in enumerate(text.split("\n"))]
    shifted = "\n".join(lines).replace("2025", "2026").replace("2024년", "2025년")
    return shifted.replace("’25 ’24", "’26 ’25")


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory, sample_path):
    folder = tmp_path_factory.mktemp("names")
    copy = folder / "seoul-edu-training-2026-plan.txt"
    copy.write_text(next_years_report(sample_path("txt").read_text("utf-8")), "utf-8")
    con = connect(folder / "w.duckdb")
    processed = [process_file(sample_path("txt")), process_file(copy)]
    for p in processed:
        load_document(con, p.document, p.facts, stats=p.stats, signature=p.signature)
    yield con, processed
    con.close()


def test_the_respaced_copy_gives_the_same_keys(two_reports):
    _, (sample, copy) = two_reports
    names = [t.name for t in sample.facts.training_items]
    assert names != [t.name for t in copy.facts.training_items]  # the copy did respace them
    assert [t.name_key for t in sample.facts.training_items] == [
        t.name_key for t in copy.facts.training_items
    ]
    assert all(t.name_key for t in sample.facts.training_items)


def test_the_two_are_two_reports(two_reports):
    con, _ = two_reports
    assert con.execute("SELECT plan_year FROM reports ORDER BY 1").fetchall() == [(2025,), (2026,)]


def test_plan_against_the_year_before_within_a_report(two_reports):
    con, _ = two_reports
    rows = con.execute(
        """SELECT audience, plan_name, plan_courses, plan_participants,
                  actual_name, actual_courses, actual_participants
           FROM plan_vs_actual v JOIN documents d USING (doc_id)
           WHERE d.plan_year = 2025 AND v.plan_year = 2025 AND section_code = '1-1-1'
             AND plan_name IS NOT NULL AND actual_name IS NOT NULL
           ORDER BY plan_participants"""
    ).fetchall()
    # Seed lines 332/358, 340/366 and 324/352: the 중등 courses run both years.
    assert rows == [
        (
            "중등",
            "중등 교장 자격연수(시·도교육정책과정)",
            1,
            170,
            "중등 교장 자격연수(시·도교육정책과정)",
            1,
            164,
        ),
        ("중등", "중등 교감 자격연수", 1, 270, "중등 교감 자격연수", 1, 271),
        ("중등", "중등 1급 정교사 자격연수", 8, 440, "중등 1급 정교사 자격연수", 8, 371),
    ]
    # Seed line 350: '유·초등 1급 정교사 자격연수' is new in 2025; 2024 ran 유치원 and 초등 apart.
    only_plan = con.execute(
        """SELECT plan_courses, plan_participants FROM plan_vs_actual
           WHERE plan_year = 2025 AND section_code = '1-1-1' AND actual_name IS NULL
             AND plan_name = '유·초등 1급 정교사 자격연수'"""
    ).fetchall()
    assert only_plan == [(4, 810)]


def test_a_years_plan_against_the_next_reports_results(two_reports):
    con, _ = two_reports
    rows = con.execute(
        """SELECT plan_section_code, audience, plan_courses, plan_participants,
                  actual_name, actual_courses, actual_participants
           FROM plan_vs_next_report
           WHERE year = 2025 AND name_key = '신규임용예정교사직무연수'
           ORDER BY audience"""
    ).fetchall()
    # Planned for 2025 in the 2025 report (seed lines 607, 609); 'done' in 2025 as the copy
    # prints it (the seed's 2024 lines 555, 557, respaced).
    assert [r[:4] + r[5:] for r in rows] == [
        ("1-2-1", "중등", 14, 2960, 13, 2497),
        ("1-2-1", "초등", 9, 1079, 11, 1017),
    ]
    assert {r[4] for r in rows} == {"신규임용예정교사 직무 연수 등"}  # as the copy spaces it


def test_a_projects_budget_against_the_next_report(two_reports):
    con, _ = two_reports
    rows = con.execute(
        """SELECT planned, as_next_printed FROM budget_vs_next_report
           WHERE year = 2025 AND project_key = '교원자격단계별핵심역량강화자격연수'"""
    ).fetchall()
    # Seed line 397: ’25 1,078,028 and ’24 1,109,463 천원; the copy prints the latter as ’25.
    assert rows == [(1_078_028_000, 1_109_463_000)]


def test_programs_hold_a_name_and_its_variants(two_reports):
    con, _ = two_reports
    name, variants = con.execute(
        "SELECT name, variants FROM programs WHERE key = '중등1급정교사자격연수'"
    ).fetchone()
    # Seed lines 324 and 352 print it twice; the copy twice too, without spaces: a tie, and
    # the name loaded first wins.
    assert name == "중등 1급 정교사 자격연수"
    assert variants == ["중등 1급 정교사 자격연수", "중등1급정교사자격연수"]
