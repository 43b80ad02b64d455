"""Counts read from tokens (rules/counts.py, rules/training.py): every shape the Seoul 2025 plan
prints parses with the right subject, quantity and counter. Each case is the seed's own lines
(../shared/seed/seoul-edu-training-2025-plan.txt, the line numbers given), under a 추진 실적 or
추진계획 heading; a training item's courses and participants read as (name, n, '과정') and
(name, n, '명'), every other count as (subject, n, counter)."""

import pytest

from kplan.parsers.model import Document, Paragraph
from kplan.rules import extract

SECTION = ["1-1-1 교원 자격연수", "작 성 자", "담당: 김혜린 ☎ 8078", " 사업 목적 및 근거"]

SHAPES = [
    (  # line 607: 'N과정, N명' after '등'
        ["   - [초등] 신규임용예정교사 직무연수 등 9과정, 1,079명"],
        [("신규임용예정교사 직무연수 등", 9, "과정"), ("신규임용예정교사 직무연수 등", 1079, "명")],
        [],
    ),
    (  # line 1620: '등' after the courses
        ["  - [초등 집합] 초등 교육현안과 함께하는 직무연수 5과정 등, 150명"],
        [
            ("초등 교육현안과 함께하는 직무연수", 5, "과정"),
            ("초등 교육현안과 함께하는 직무연수", 150, "명"),
        ],
        [],
    ),
    (  # line 1595: no comma between courses and people
        ["   - [중등] 서울교육 공간혁신의 실제 직무연수 등 21과정 3,685명"],
        [
            ("서울교육 공간혁신의 실제 직무연수 등", 21, "과정"),
            ("서울교육 공간혁신의 실제 직무연수 등", 3685, "명"),
        ],
        [],
    ),
    (  # line 1218: a date between the courses and the people
        [
            "   - [초등 집합] 유･초･특수 교(원)장 학교 회계ㆍ시설관리 직무연수 2과정: '24.3・9월, 172명"
        ],
        [
            ("유·초·특수 교(원)장 학교 회계·시설관리 직무연수", 2, "과정"),
            ("유·초·특수 교(원)장 학교 회계·시설관리 직무연수", 172, "명"),
        ],
        [],
    ),
    (  # line 474: a verb between the courses and the people
        ["   - 신규 교육공무직원 직무적응 3과정 운영, 1,569명"],
        [("신규 교육공무직원 직무적응", 3, "과정"), ("신규 교육공무직원 직무적응", 1569, "명")],
        [],
    ),
    (  # lines 567-569: an item broken over two lines
        ["   - [기평 원격] 유치원 새내기 교사 승승장구 역량강화 프로젝트 등 6과정, ", "104명"],
        [
            ("유치원 새내기 교사 승승장구 역량강화 프로젝트 등", 6, "과정"),
            ("유치원 새내기 교사 승승장구 역량강화 프로젝트 등", 104, "명"),
        ],
        [],
    ),
    (  # lines 2056-2057: courses and lessons developed, no people: no training item
        [
            "   - ‘2022 개정 교육과정에 따른 탐구 질문으로 설계하는 초등 수업·",
            "평가’등 총 14개 과정 80차시 개발",
        ],
        [],
        [
            ("‘2022 개정 교육과정에 따른 탐구 질문으로 설계하는 초등 수업· 평가’등", 14, "과정"),
            ("‘2022 개정 교육과정에 따른 탐구 질문으로 설계하는 초등 수업· 평가’등", 80, "차시"),
        ],
    ),
    (  # lines 2343-2345: schools and sessions, no courses or people: no training item
        [
            "   - [중등] 학교 영어교육활동 지원(코티칭 영어 수업, 영어 행사 지원, ",
            "교원학습공동체 활동 지원 등) 60교, 60회",
        ],
        [],
        [
            (
                "학교 영어교육활동 지원(코티칭 영어 수업, 영어 행사 지원, 교원학습공동체 활동 지원 등)",
                60,
                "교",
            ),
            (
                "학교 영어교육활동 지원(코티칭 영어 수업, 영어 행사 지원, 교원학습공동체 활동 지원 등)",
                60,
                "회",
            ),
        ],
    ),
    (  # line 2383: courses with a date, no people
        ["※ 학교로 찾아가는 맞춤형 원격연수 210과정 운영('25.4~10월)"],
        [],
        [("학교로 찾아가는 맞춤형 원격연수", 210, "과정")],
    ),
    (  # lines 2395-2397: a purpose clause before the thing counted
        ["   - 시‧공간적 한계 극복 및 자기주도적 학습 지원을 위한 유튜브 ", "교육콘텐츠 개발 10편"],
        [],
        [("유튜브 교육콘텐츠 개발", 10, "편")],
    ),
    (  # lines 2401-2403: a count in brackets
        ["   - 교육 품질의 일관성 및 전문성 확보를 위한 직무교육 표준교재 ", "제작 및 활용(5종)"],
        [],
        [("직무교육 표준교재 제작 및 활용", 5, "종")],
    ),
    (  # lines 2510-2512: '개 기관', two halves of the year (the period: see below)
        [" ◦ 특수분야연수기관 운영: 상반기 43개 기관 64개 과정, 하반기 40개 ", "기관 55개 과정"],
        [],
        [
            ("특수분야연수기관 운영", 43, "기관"),
            ("특수분야연수기관 운영", 64, "과정"),
            ("특수분야연수기관 운영", 40, "기관"),
            ("특수분야연수기관 운영", 55, "과정"),
        ],
    ),
    (  # lines 230-234: a note's parts, then their total, which counts what the item names
        [
            "   - 마이크로러닝 콘텐츠 개발 및 제공",
            "※ 교직･행정실무60편, 교수학습･기초학력 31편, 진로진학 1편, 직무역량 12편(총 104편)",
        ],
        [],
        [
            ("교직·행정실무", 60, "편"),
            ("교수학습·기초학력", 31, "편"),
            ("진로진학", 1, "편"),
            ("직무역량", 12, "편"),
            ("마이크로러닝 콘텐츠 개발 및 제공", 104, "편"),
        ],
    ),
    (  # line 2871: money in brackets
        [" ◦ 우면관 옥상 방수 공사 실시(146,100천원)"],
        [],
        [("우면관 옥상 방수 공사 실시", 146100, "천원")],
    ),
    (  # line 1738: a tagged line with no count is no item and no count
        ["   - [초등] 교장·교감 역량강화 직무연수(주제별) 교육과정 내에 안전 관련 연수 포함"],
        [],
        [],
    ),
]


def _extract(lines, pages=None):
    pages = pages or [None] * len(lines)
    blocks = [Paragraph(t) for t in SECTION + ["2025년 추진계획"]]
    blocks += [Paragraph(t, page=p) for t, p in zip(lines, pages)]
    return extract(Document(path="x.txt", format="txt", blocks=blocks))


def _read(facts):
    items = []
    for t in facts.training_items:
        items += [(t.name, t.courses, "과정")] if t.courses is not None else []
        items += [(t.name, t.participants, "명")] if t.participants is not None else []
    counts = [(c.subject, c.quantity, c.counter) for c in facts.counts]
    return items, counts


@pytest.mark.parametrize("lines, items, counts", SHAPES, ids=[s[0][0][:24] for s in SHAPES])
def test_every_shape_of_the_seed_parses(lines, items, counts):
    assert _read(_extract(lines)) == (items, counts)


def test_specialised_institutes_2510_count_each_half_of_the_year_apart():
    # Lines 2510-2512: 상반기 43 institutes and 64 courses, 하반기 40 and 55.
    facts = _extract(
        [" ◦ 특수분야연수기관 운영: 상반기 43개 기관 64개 과정, 하반기 40개 ", "기관 55개 과정"]
    )
    assert [(c.period, c.quantity, c.counter) for c in facts.counts] == [
        ("상반기", 43, "기관"),
        ("상반기", 64, "과정"),
        ("하반기", 40, "기관"),
        ("하반기", 55, "과정"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # no colon: what was named before the period is the subject
        (
            "연수 운영 상반기 3과정, 하반기 5과정",
            [("연수 운영", "상반기", 3), ("연수 운영", "하반기", 5)],
        ),
        # line 2544: a period and nothing named: no subject, the period kept
        ("상·하반기 각 1회 신청을 받아 심의", [(None, "상·하반기", 1)]),
        # '총' before the first count is no total: it is the count of what precedes
        ("총 14개 과정 80차시", [(None, None, 14), (None, None, 80)]),
    ],
)
def test_periods_and_totals_in_one_line(text, expected):
    from kplan.rules.counts import read_counts

    assert [(c.subject, c.period, c.quantity) for c in read_counts(text)] == expected


def test_an_item_split_around_a_page_break_is_one_item_on_its_first_page():
    # Lines 623-625: the item's name on one page, its counts on the next.
    facts = _extract(
        ["   - [기평 원격] 유치원 새내기 교사 승승장구 역량강화 프로젝트 등 ", "3과정, 300명"],
        [7, 8],
    )
    assert [(t.name, t.courses, t.participants, t.page) for t in facts.training_items] == [
        ("유치원 새내기 교사 승승장구 역량강화 프로젝트 등", 3, 300, 7)
    ]


def test_counts_carry_section_year_stage_and_source():
    facts = _extract(["   - 마이크로러닝 콘텐츠 공모전 개최 및 공모작 선정 36편"])
    (count,) = facts.counts
    assert (count.section_code, count.year, count.stage) == ("1-1-1", 2025, "plan")
    assert count.source == "- 마이크로러닝 콘텐츠 공모전 개최 및 공모작 선정 36편"
    assert (count.subject, count.quantity, count.counter) == (
        "마이크로러닝 콘텐츠 공모전 개최 및 공모작 선정",
        36,
        "편",
    )


def test_seoul_plan_counts_4_2_1_and_4_1_1(text_facts):
    # The seed's 4-2-1 and 4-1-1: the counts that are no training item's, as printed.
    got = {(c.section_code, c.year, c.stage, c.quantity, c.counter) for c in text_facts.counts}
    assert {
        ("4-2-1", 2024, "actual", 60, "교"),
        ("4-2-1", 2024, "actual", 60, "회"),
        ("4-2-1", 2025, "plan", 210, "과정"),
        ("4-2-1", 2025, "plan", 10, "편"),
        ("4-2-1", 2025, "plan", 5, "종"),
        ("4-1-1", 2024, "actual", 14, "과정"),
        ("4-1-1", 2024, "actual", 80, "차시"),
        ("4-1-1", 2025, "plan", 36, "편"),
        ("4-1-1", 2025, "plan", 30, "편"),
        ("4-2-2", 2024, "actual", 43, "기관"),
        ("5-1-2", 2024, "actual", 54486, "천원"),
    } <= got
    # Courses and participants of training items are never counted twice.
    held = {(t.source, t.courses, "과정") for t in text_facts.training_items}
    held |= {(t.source, t.participants, "명") for t in text_facts.training_items}
    assert not [c for c in text_facts.counts if (c.source, c.quantity, c.counter) in held]


def test_counts_table_in_the_warehouse(sample_path):
    from kplan.pipeline.batch import process_file
    from kplan.warehouse.load import connect, load_document

    con = connect(":memory:")
    processed = process_file(sample_path("txt"))
    load_document(con, processed.document, processed.facts, stats=processed.stats)
    rows = con.execute(
        "SELECT subject, quantity, counter FROM counts WHERE section_code = '4-2-1' "
        "AND counter IN ('교', '회') ORDER BY counter"
    ).fetchall()
    subject = (
        "학교 영어교육활동 지원(코티칭 영어 수업, 영어 행사 지원, 교원학습공동체 활동 지원 등)"
    )
    assert rows == [(subject, 60, "교"), (subject, 60, "회")]
