"""`kplan search` as a library (warehouse/search.py): queries a planner would type find the
right section first, ranked by BM25 in SQL over the warehouse's token table. The sections are
where the seed prints the words (../shared/seed/…, line numbers given)."""

import pytest

from kplan.pipeline.batch import process_file
from kplan.warehouse.load import connect, load_document
from kplan.warehouse.search import EmptyQuery, highlight, search


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory, sample_path):
    con = connect(tmp_path_factory.mktemp("search") / "w.duckdb")
    processed = process_file(sample_path("txt"))
    load_document(con, processed.document, processed.facts, stats=processed.stats)
    yield con
    con.close()


PLANNER_QUERIES = [
    ("연수원 접근성", "5-1-2"),  # line 2909 '◦ 연수원 접근성 제고를 위한 교통편의 제공'
    ("셔틀버스", "5-1-2"),  # line 2911
    ("수영장 리모델링", "5-1-2"),  # lines 2867, 2917
    ("청렴 문자 발송", "5-2-1"),  # line 3047
    ("마이크로러닝 콘텐츠 공모전", "4-1-1"),  # line 2103
    ("특수분야연수기관", "4-2-2"),  # line 2540
    ("학교폭력예방", "3-2-1"),  # line 1752
    ("영어회화 직무연수", "3-2-2"),  # lines 1921, 1947
    ("교감 자격연수", "1-1-1"),  # lines 330-332
    ("6급 미래인재 양성과정", "2-2-2"),  # lines 1358, 1382
    ("중증장애인생산품 구매", "5-2-2"),  # line 3216
    ("기초학력 지도", "2-1-1"),  # line 900
]


@pytest.mark.parametrize("query, section", PLANNER_QUERIES)
def test_planner_queries_find_the_right_section_first(sample_db, query, section):
    hits = search(sample_db, query, limit=5)
    assert hits and hits[0].section == section
    assert "【" in hits[0].highlighted


def test_a_hit_says_where_it_is_and_what_matched(sample_db):
    hit = next(h for h in search(sample_db, "연수원 접근성") if h.position == "line 2909")
    assert (hit.kind, hit.section, hit.file_name) == (
        "paragraph",
        "5-1-2",
        "seoul-edu-training-2025-plan.txt",
    )
    assert hit.text == "◦ 연수원 접근성 제고를 위한 교통편의 제공"
    assert hit.highlighted == "◦ 【연수원 접근성】 제고를 위한 교통편의 제공"


def test_a_query_for_a_stem_finds_its_inflections_and_compounds(sample_db):
    texts = [h.text for h in search(sample_db, "연수", limit=400)]
    assert any("연수원" in t and "연수를" not in t for t in texts)  # a compound
    assert any("연수를" in t for t in texts)  # 연수 + 를


def test_an_outline_node_and_its_paragraph_are_one_hit(sample_db):
    hits = search(sample_db, "셔틀버스 임차 운영", limit=5)
    assert [h.text for h in hits].count("- 연수생 교통불편 해소를 위한 셔틀버스 임차 운영") == 1
    assert "연수생 교통불편 해소를 위한 셔틀버스 임차 운영" not in [h.text for h in hits]


def test_a_query_with_no_word_is_an_error(sample_db):
    with pytest.raises(EmptyQuery):
        search(sample_db, "!! …")


def test_highlight_marks_every_match_and_cuts_a_long_text():
    assert highlight("기초학력 지도 역량 강화 연수", {"지도"}) == "기초학력 【지도】 역량 강화 연수"
    long = "가나다 " * 60 + "셔틀버스 운영"
    marked = highlight(long, {"셔틀버스"})
    assert "【셔틀버스】" in marked and marked.startswith("…") and len(marked) <= 162


CORPUS_QUERIES = [
    # (file, query, the section heading the document prints over the words)
    (
        "nikl_2022_work_plan.hwp",
        "표준국어대사전 표제어",
        "2. 사전 목적에 따른 국어사전 기능 강화(12.03억원)",
    ),
    ("nikl_2022_work_plan.hwp", "한국수어 사전 편찬", "7. 함께 누리는 수어·점자 문화 확산(49억원)"),
    (
        "nikl_2022_work_plan.hwp",
        "공공언어 사용 평가",
        "6. 공공언어 개선 기반 강화 및 통합 관리 체계 구축",
    ),
    ("nikl_2022_work_plan.hwp", "어문규범 정비", "3. 국어정책 기반 기초 연구 및 조사(27.1억원)"),
    (
        "nikl_2022_work_plan.hwp",
        "학습자 말뭉치",
        "5. 한국어교육 내실화 및 한국어 교원 전문화(36.39억원)",
    ),
    ("nikl_2022_work_plan.hwp", "국어능력 진단 체계", "① 국민의 국어능력(쓰기 등) 진단 체계 개발"),
    ("moel_2025_work_report.hwpx", "쉬었음 청년", "① 모든 청년의 일할 기회 격차 해소 (국정 96)"),
    (
        "moel_2025_work_report.hwpx",
        "일자리 첫걸음 보장",
        "① 모든 청년의 일할 기회 격차 해소 (국정 96)",
    ),
    ("moel_2025_work_report.hwpx", "산업재해 위험요인", "⑦ 새로운 산업재해 위험요인에 대응"),
    ("moel_2025_work_report.hwpx", "예산 현황", "③ 예산 현황"),
]


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    from conftest import CORPUS

    con = connect(tmp_path_factory.mktemp("search_corpus") / "w.duckdb")
    for name in sorted({q[0] for q in CORPUS_QUERIES}):
        processed = process_file(CORPUS / "reports" / name)
        load_document(con, processed.document, processed.facts, stats=processed.stats)
    yield con
    con.close()


@pytest.mark.corpus
@pytest.mark.parametrize("name, query, section", CORPUS_QUERIES)
def test_planner_queries_on_corpus_reports(corpus_db, name, query, section):
    # Both reports are in one warehouse: the right document and section come first.
    first = search(corpus_db, query, limit=3)[0]
    assert (first.file_name, first.section) == (name, section)


def test_kplan_search_command(capsys, sample_path, tmp_path):
    import json

    from kplan.pipeline.cli import main

    db = str(tmp_path / "w.duckdb")
    assert main(["ingest", str(sample_path("txt")), "--db", db, "--no-quality"]) == 0
    capsys.readouterr()
    assert main(["search", "연수원 접근성", "--db", db, "--limit", "2", "--format", "json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [(h["section"], h["position"]) for h in hits] == [
        ("5-1-2", "line 2891"),
        ("5-1-2", "line 2909"),
    ]
    assert main(["search", "셔틀버스", "--db", db, "--limit", "1"]) == 0
    table = capsys.readouterr().out
    assert "5-1-2" in table and "【셔틀버스】" in table
    assert main(["search", "!!", "--db", db]) == 2
    assert capsys.readouterr().err.strip() == "kplan: error: nothing to search for in '!!'"
