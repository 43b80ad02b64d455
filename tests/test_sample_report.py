"""The Seoul 2025 plan, as text and as PDF: every section, budget line, 합계 row and the
training items of every section, with exact values read from the report by hand."""

import pytest
from conftest import thousand

FORMATS = ["txt", "pdf"]

SECTIONS = [
    ("1-1-1", "교원 자격단계별 핵심역량 강화 자격연수"),
    ("1-1-2", "교육행정직원 직급·직종별 기본교육"),
    ("1-2-1", "교원 생애단계별 맞춤식 직무연수"),
    ("1-2-2", "교육행정직원 생애주기별 맞춤식 교육훈련"),
    ("2-1-1", "학생의 기초학력 증진 및 전인적 성장 지원 연수"),
    ("2-1-2", "미래역량 함양을 위한 수업·평가 혁신 연수"),
    ("2-2-1", "학교 경영·관리 역량 강화 관리자 연수"),
    ("2-2-2", "미래경쟁력을 갖춘 행정전문가 양성 연수"),
    ("3-1-1", "미래를 여는 협력교육을 선도하는 리더십 연수"),
    ("3-1-2", "미래를 여는 협력교육 공유 및 확산을 위한 연수"),
    ("3-2-1", "안전하고 행복한 학교 만들기 연수"),
    ("3-2-2", "공존과 협력의 학교 만들기 연수"),
    ("4-1-1", "교원 원격연수 운영의 내실화"),
    ("4-1-2", "교육행정 원격연수 운영의 내실화"),
    ("4-2-1", "교육공동체의 요구에 부응하는 수요자 맞춤형 연수"),
    ("4-2-2", "협력체제 강화를 통한 연수기관 운영 확대"),
    ("5-1-1", "미래역량 함양 연수 운영 인적·물적 기반 확대"),
    ("5-1-2", "안전하고 쾌적한 연수 환경 조성"),
    ("5-2-1", "공감과 소통의 청렴한 조직 문화 조성"),
    ("5-2-2", "공감과 소통의 효율적 재정 지원 및 책무성 강화"),
]

# 합계 rows as printed, in 천원: ’25, ’24, 1–4분기, and how many of the six cells were printed.
TOTALS = {
    "1-1-1": (1078028, 1109463, 342000, 240480, 495548, None, 6),
    "1-1-2": (343290, 376455, 44900, 53700, 90145, 154545, 6),
    "1-2-1": (492540, 1326086, 146390, 129100, 114000, 103050, 6),
    "1-2-2": (244693, 778712, 46095, 88833, 77395, 32370, 6),
    "2-1-1": (22900, 66283, 6800, 11100, 2900, None, 5),
    "2-1-2": (641770, 941703, 4179, 132330, 74730, 430531, 6),
    "2-2-1": (82300, 133760, 11400, 34500, 16500, 19900, 6),
    "2-2-2": (352526, 106214, 92222, 90449, 83058, 86797, 6),
    "3-1-1": (325404, 399785, 21066, 148630, 77708, 78000, 6),
    "3-1-2": (98206, 146791, 10078, 56500, 17328, 14300, 6),
    "3-2-1": (104725, 363774, 16600, 24400, 26600, 37100, 6),
    "3-2-2": (23972, 22914, 2841, 9645, 6630, 4856, 6),
    "4-1-1": (157481, 353021, 39370, 39370, 39371, 39370, 6),
    "4-1-2": (89832, 133082, None, 34000, None, 55832, 6),
    "4-2-1": (241808, 365680, 86741, 102867, 17008, 35192, 6),
    "4-2-2": (134852, 160452, 110700, 1800, 13700, 8652, 6),
    "5-1-1": (252120, 147902, 160146, 28194, 40594, 23186, 6),
    "5-1-2": (605998, 652739, 150770, 205256, 150770, 153688, 6),
    "5-2-1": (127104, 119862, 31897, 31896, 31656, 31655, 6),
    "5-2-2": (None, None, None, None, None, None, 6),
}

# Every budget line that is not a 합계, in table order:
# (section, program code, program name, project, ’25, ’24, q1, q2, q3, q4, note) in 천원.
LINES = [
    (
        "1-1-1",
        "456",
        "자격연수",
        "교원 자격단계별 핵심역량 강화 자격연수",
        1078028,
        1109463,
        342000,
        240480,
        495548,
        None,
        "연수 운영",
    ),
    (
        "1-1-2",
        "458",
        "기본교육",
        "교육행정직원 직급·직종별 기본교육",
        325390,
        376455,
        27000,
        53700,
        90145,
        154545,
        "연수운영",
    ),
    (
        "1-1-2",
        "458",
        "기본교육",
        "교육행정직원 직급·직종별 기본교육",
        17900,
        None,
        None,
        None,
        None,
        None,
        "재배정 연수운영",
    ),
    (
        "1-2-1",
        "457",
        "직무연수",
        "초등 교원 생애단계별 맞춤식 직무연수",
        287540,
        429318,
        56390,
        83100,
        71000,
        77050,
        "직무연수 운영",
    ),
    (
        "1-2-1",
        "457",
        "직무연수",
        "중등 교원 생애단계별 맞춤식 직무연수",
        205000,
        199268,
        90000,
        46000,
        43000,
        26000,
        "직무연수 운영",
    ),
    ("1-2-1", None, "비예산", "서울 학습연구년", None, 697500, None, None, None, None, "비예산"),
    (
        "1-2-2",
        "459",
        "전문교육",
        "교육행정직원 생애주기별 맞춤형 교육훈련",
        244693,
        778712,
        46095,
        88833,
        77395,
        32370,
        "연수운영",
    ),
    (
        "2-1-1",
        "457",
        "직무연수",
        "기초학력지도 역량강화연수",
        8100,
        5844,
        700,
        6700,
        700,
        None,
        "연수운영",
    ),
    (
        "2-1-1",
        "457",
        "직무연수",
        "인성교육 및 진로지도 지원연수",
        10600,
        11157,
        5400,
        3700,
        1500,
        None,
        "연수운영",
    ),
    (
        "2-1-1",
        "457",
        "직무연수",
        "문화예술 체육활동 지도역량 강화연수",
        4200,
        49282,
        700,
        700,
        700,
        2100,
        "연수운영",
    ),
    (
        "2-1-2",
        "457",
        "직무연수",
        "교육과정 운영 지원 연수",
        18520,
        23804,
        730,
        13030,
        730,
        4030,
        "특교편성 예정연수운영 연수운영",
    ),
    (
        "2-1-2",
        "457",
        "직무연수",
        "인공지능 (AI) 및 디지털 활용교육 역량강화 연수",
        609300,
        866486,
        1849,
        112500,
        71700,
        423251,
        "특교편성 예정 연수운영",
    ),
    (
        "2-1-2",
        "457",
        "직무연수",
        "교실 수업·평가 개선지원 연수",
        13950,
        51413,
        1600,
        6800,
        2300,
        3250,
        "일부 재배정 연수운영",
    ),
    (
        "2-2-1",
        "457",
        "직무연수",
        "학교 경영·관리 역량강화 관리자 연수",
        65000,
        125000,
        7000,
        34500,
        8000,
        15500,
        "연수운영",
    ),
    (
        "2-2-1",
        "459",
        "전문교육",
        "학교관리 능력 강화 교육훈련",
        17300,
        8760,
        4400,
        None,
        8500,
        4400,
        "연수운영",
    ),
    (
        "2-2-2",
        "459",
        "전문교육",
        "미래경쟁력을 갖춘 행정전문가 양성 연수",
        352526,
        106214,
        92222,
        90449,
        83058,
        86797,
        "연수운영",
    ),
    (
        "3-1-1",
        "457",
        "직무연수",
        "미래를 여는 협력교육을 선도하는 리더십 연수",
        306132,
        380185,
        21066,
        136000,
        71066,
        78000,
        "연수운영",
    ),
    (
        "3-1-1",
        "459",
        "전문교육",
        "교육행정 리더십 역량 제고",
        19272,
        19600,
        None,
        12630,
        6642,
        None,
        "연수운영",
    ),
    # One project under two program codes, its amount merged over both rows: stored once.
    (
        "3-1-2",
        "457",
        "직무연수",
        "미래를 여는 협력교육 공유 및 확산을 위한 연수",
        98206,
        146791,
        7750,
        56500,
        15000,
        14300,
        "연수운영",
    ),
    (
        "3-1-2",
        "459",
        "전문교육",
        "미래를 여는 협력교육 공유 및 확산을 위한 연수",
        None,
        None,
        2328,
        None,
        2328,
        None,
        "연수운영",
    ),
    (
        "3-2-1",
        "457",
        "직무연수",
        "학교 안전관리 및 안전환경 조성연수",
        44700,
        243075,
        5400,
        5500,
        8000,
        25800,
        "직무연수 운영",
    ),
    (
        "3-2-1",
        "459",
        "전문교육",
        "교직원 회복탄력성 제고지원",
        60000,
        120675,
        11200,
        18900,
        18600,
        11300,
        "연수운영",
    ),
    (
        "3-2-2",
        "457",
        "직무연수",
        "공존과 협력의 학교 만들기 연수",
        23972,
        22914,
        855,
        4370,
        3855,
        1370,
        "연수운영",
    ),
    (
        "3-2-2",
        "457",
        "직무연수",
        "공존과 협력의 학교 만들기 연수",
        None,
        None,
        1700,
        2700,
        2200,
        3200,
        "연수운영",
    ),
    (
        "3-2-2",
        "457",
        "직무연수",
        "공존과 협력의 학교 만들기 연수",
        None,
        None,
        286,
        2575,
        575,
        286,
        "연수운영",
    ),
    (
        "4-1-1",
        "455",
        "연수기획 평가 및 원격연수",
        "교원 원격연수 운영의 내실화",
        157481,
        353021,
        39370,
        39370,
        39371,
        39370,
        "과정확정 콘텐츠개발 심사및운영",
    ),
    (
        "4-1-2",
        "459",
        "전문교육",
        "교육행정 원격연수 운영의 내실화",
        89832,
        133082,
        None,
        34000,
        None,
        55832,
        "원격컨텐츠 개발 및 운영",
    ),
    (
        "4-2-1",
        "455",
        "연수기획 평가 및 원격연수",
        "연수 기획-평가체 제 선순환 강화",
        9080,
        5300,
        2800,
        1680,
        2600,
        2000,
        "결과분석 보고서제작 지원단구성 수요조사 분석보고서 제작 성과공유",
    ),
    (
        "4-2-1",
        "457",
        "직무연수",
        "수요자맞춤형 직무연수 운영",
        122000,
        150490,
        61000,
        61000,
        None,
        None,
        "특교 편성 예정연수운영 연수운영",
    ),
    (
        "4-2-1",
        "459",
        "전문교육",
        "수요자맞춤형 교육훈련 운영",
        110728,
        209890,
        22941,
        40187,
        14408,
        33192,
        "연수운영",
    ),
    (
        "4-2-2",
        "455",
        "연수기획 평가 및 원격연수",
        "협력체제 강화를 통한 연수기관 운영 확대",
        134852,
        160452,
        110700,
        1800,
        13700,
        8652,
        "협력학교 예산교부 운영지원 모니터링 운영평가",
    ),
    (
        "5-1-1",
        "455",
        "연수기획 평가 및 원격연수",
        "직무연수 운영을 위한 인적·물적 기반 확대",
        163858,
        143352,
        139116,
        3714,
        17314,
        3714,
        "특교편성 예정 SW구입 및 시도분담금 공공요금 SW구입 및 공공요금",
    ),
    (
        "5-1-1",
        "459",
        "전문교육",
        "교육훈련 운영을 위한 인적·물적 기반 확대",
        88262,
        4550,
        21030,
        24480,
        23280,
        19472,
        "직무강사 양성 및 실시간 온라인 교육운영 등 실시간 온라인 교육운영 등",
    ),
    (
        "5-1-2",
        "210",
        "직속기관 환경개선",
        "수영장 리모델링 용역",
        None,
        55000,
        None,
        54486,
        None,
        None,
        "*수영장 리모델링 건축기획 용역",
    ),
    (
        "5-1-2",
        "83",
        "교육 지원기관 기본 운영비",
        "시설개선 및 시설물 관리 강화, 편의시설 제공",
        334918,
        355335,
        83000,
        83000,
        83000,
        85918,
        "시설보수 및 운영",
    ),
    (
        "5-1-2",
        "97",
        "교육 지원기관 행정개선 활동지원",
        "연수원 접근성 제고를 위한 교통편의 제공",
        271080,
        242404,
        67770,
        67770,
        67770,
        67770,
        "셔틀버스 운영",
    ),
    (
        "5-2-1",
        "97",
        "교육 지원기관 행정개선 활동지원",
        "공감·소통·협력의 건전한 조직문화 조성",
        4275,
        3050,
        1069,
        1069,
        1069,
        1068,
        "직장교육",
    ),
    (
        "5-2-1",
        "97",
        "교육 지원기관 행정개선 활동지원",
        "청렴 의식 확산을 위한 맞춤형 청렴활동 추진",
        2400,
        2160,
        720,
        720,
        480,
        480,
        "청렴활동",
    ),
    (
        "5-2-1",
        "97",
        "교육 지원기관 행정개선 활동지원",
        "안전하고 행복한 연수·근무 환경 지원",
        120429,
        114652,
        30108,
        30107,
        30107,
        30107,
        "급식운영",
    ),
    (
        "5-2-2",
        None,
        "비예산",
        "공감·소통의 효율적 재정 지원 및 책무성 강화",
        None,
        None,
        None,
        None,
        None,
        None,
        "비예산",
    ),
]


def _line_tuple(b):
    return (
        b.section_code,
        b.program_code,
        b.program_name,
        b.project_name,
        *map(thousand, (b.amount, b.amount_prev, b.q1, b.q2, b.q3, b.q4)),
        b.note,
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_document_identity(sample_facts, fmt):
    facts = sample_facts(fmt)
    assert facts.organization == "서울특별시교육청교육연수원"
    assert facts.title == "서울특별시교육청교육연수원 2025 주요업무계획"
    assert facts.plan_year == 2025
    assert facts.unit == "천원"
    assert facts.tasks == [
        ("1", "성장을 돕는 교직원 생애단계별 연수"),
        ("2", "기초학력과 미래역량 강화 연수"),
        ("3", "자치와 참여의 교육공동체 지원 연수"),
        ("4", "현장 맞춤형 연수 운영의 혁신"),
        ("5", "공감과 소통의 연수 운영 지원"),
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_all_twenty_sections(sample_facts, fmt):
    assert [(s.code, s.title) for s in sample_facts(fmt).sections] == SECTIONS


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_total_row_as_printed(sample_facts, fmt):
    totals = {
        b.section_code: (
            *map(thousand, (b.amount, b.amount_prev, b.q1, b.q2, b.q3, b.q4)),
            b.cells_printed,
        )
        for b in sample_facts(fmt).budget_lines
        if b.is_total
    }
    assert totals == TOTALS


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_budget_line_in_table_order(sample_facts, fmt):
    lines = [b for b in sample_facts(fmt).budget_lines if not b.is_total]
    assert [_line_tuple(b) for b in lines] == LINES
    # Quarter rows under an amount merged from above point at the line that carries it.
    merged = {
        (b.section_code, b.line_no): b.amount_line_no
        for b in lines
        if b.amount_line_no != b.line_no
    }
    assert merged == {("3-1-2", 2): 1, ("3-2-2", 2): 1, ("3-2-2", 3): 1}
    # line_no counts rows within each table, the 합계 row last.
    by_section = {}
    for b in sample_facts(fmt).budget_lines:
        by_section.setdefault(b.section_code, []).append(b)
    for rows in by_section.values():
        assert [b.line_no for b in rows] == list(range(1, len(rows) + 1))
        assert rows[-1].is_total and not any(b.is_total for b in rows[:-1])


@pytest.mark.parametrize("fmt", FORMATS)
def test_budget_amounts_are_won_and_years_from_the_header(sample_facts, fmt):
    first = sample_facts(fmt).budget_lines[0]
    assert first.amount == 1_078_028_000
    assert {b.year for b in sample_facts(fmt).budget_lines} == {2025}
    tables = sample_facts(fmt).budget_tables
    assert len(tables) == 20
    assert {(t.unit, t.unit_factor, t.year, t.prev_year) for t in tables} == {
        ("천원", 1000, 2025, 2024)
    }
    remarks = {t.section_code: t.remarks for t in tables if t.remarks}
    assert remarks == {
        "1-1-2": "※ 교육행정직원 직급·직종별 기본교육사업은 재배정 예산 사업으로 현재 예산 규모 미정",
        "5-1-2": "*수영장리모델링용역사업 사고이월",
    }
    assert [t.title for t in tables if t.title != "예산 집행 계획"] == ["예산 집행 현황"]


# Training items of 1-1-1 and 1-2-1 in full; counts for every section.
TRAINING_1_1_1 = [
    (2024, "actual", "초등", "집합", "유치원 1급 정교사 자격연수", 2, 358),
    (2024, "actual", "초등", "집합", "초등 1급 정교사 자격연수", 2, 403),
    (2024, "actual", "중등", "집합", "중등 1급 정교사 자격연수", 8, 371),
    (2024, "actual", "초등", "집합", "유치원 원감 자격연수", 1, 45),
    (2024, "actual", "초등", "집합", "초등 교감 자격연수", 1, 141),
    (2024, "actual", "중등", "집합", "중등 교감 자격연수", 1, 271),
    (2024, "actual", "초등", "집합", "유치원 원장 자격연수(시·도교육정책과정)", 1, 30),
    (2024, "actual", "초등", "집합", "초등 교장 자격연수", 1, 141),
    (2024, "actual", "중등", "집합", "중등 교장 자격연수(시·도교육정책과정)", 1, 164),
    (2025, "plan", "초등", "집합", "유·초등 1급 정교사 자격연수", 4, 810),
    (2025, "plan", "중등", "집합", "중등 1급 정교사 자격연수", 8, 440),
    (2025, "plan", "초등", "집합", "유·초등 교(원)감 자격연수", 2, 190),
    (2025, "plan", "중등", "집합", "중등 교감 자격연수", 1, 270),
    (2025, "plan", "초등", "집합", "유·초등 교(원)장 자격연수(시·도교육정책과정 등)", 2, 170),
    (2025, "plan", "중등", "집합", "중등 교장 자격연수(시·도교육정책과정)", 1, 170),
]
TRAINING_1_2_1 = [
    (2024, "actual", "초등", None, "신규임용예정교사 직무연수 등", 11, 1017),
    (2024, "actual", "중등", None, "신규임용예정교사 직무연수 등", 13, 2497),
    (2024, "actual", "기평", "원격", "복직교사 학교 적응 레시피", 1, 48),
    (2024, "actual", "초등", None, "교직단계별(교직경력 0~5년) 직무연수 등", 24, 475),
    (2024, "actual", "중등", None, "생애단계별(5년 미만) 직무연수 등", 20, 560),
    (2024, "actual", "기평", "원격", "유치원 새내기 교사 승승장구 역량강화 프로젝트 등", 6, 104),
    (2024, "actual", "초등", None, "수석교사 역량강화 직무연수 등", 12, 614),
    (2024, "actual", "중등", None, "교직실무 직무연수 등", 2, 129),
    (2024, "actual", "기평", "원격", "왜 나만 바쁜걸까? 옆반 정보부장 스킬 훔쳐보기", 1, 95),
    (2024, "actual", "초등", None, "초등 퇴직예정교원 직무연수", 2, 153),
    (2024, "actual", "중등", None, "제2인생 설계 직무연수", 5, 159),
    (2024, "actual", "기평", "원격", "퇴직예정 교직원의 노후설계 및 전략 등", 8, 2091),
    (2025, "plan", "초등", None, "신규임용예정교사 직무연수 등", 9, 1079),
    (2025, "plan", "중등", None, "신규임용예정교사 직무연수 등", 14, 2960),
    (2025, "plan", "기평", "원격", "신규교사라면 꼭 알아야 할 학급살이 꿀팁(초등)", 1, 400),
    (2025, "plan", "초등", None, "초등 생애단계별(0~5년) 직무연수 등", 24, 520),
    (2025, "plan", "유·초등", None, "서울학습연구년 특별연수 등", 8, 221),
    (2025, "plan", "중등", None, "중등 생애단계별 직무연수(5년 미만) 등", 18, 418),
    (2025, "plan", "기평", "원격", "유치원 새내기 교사 승승장구 역량강화 프로젝트 등", 3, 300),
    (2025, "plan", "초등", None, "수석교사 역량강화 직무연수 등", 3, 255),
    (2025, "plan", "중등", None, "수석교사 역량강화 직무연수 등", 2, 80),
    (2025, "plan", "기평", "원격", "미래학교 조성을 위한 교육 기획 추진 절차의 이해", 1, 100),
    (2025, "plan", "초등", None, "퇴직 예정교원 직무연수", 2, 160),
    (2025, "plan", "중등", None, "제2인생 설계 직무연수", 4, 120),
    (2025, "plan", "기평", "원격", "퇴직 예정 교직원의 노후설계 및 전략 등", 8, 3200),
]
# (actual items, plan items, participants planned for 2025) per section. Tagged lines with no
# count are no items: 3-2-1's two '… 교육과정 내에 안전 관련 연수 포함', 4-2-1's '… 60교, 60회'.
TRAINING_COUNTS = {
    "1-1-1": (9, 6, 2050),
    "1-1-2": (5, 4, 2655),
    "1-2-1": (12, 13, 9813),
    "1-2-2": (3, 8, 4020),
    "2-1-1": (9, 9, 26565),
    "2-1-2": (10, 12, 26345),
    "2-2-1": (11, 10, 1730),
    "2-2-2": (3, 2, 2368),
    "3-1-1": (7, 7, 587),
    "3-1-2": (10, 10, 41273),
    "3-2-1": (11, 13, 184190),
    "3-2-2": (12, 10, 21110),
    "4-1-1": (4, 3, 233900),
    "4-1-2": (4, 4, 124600),
    "4-2-1": (6, 5, 6150),
    "5-1-1": (2, 2, 100),
}


def _item(t):
    return (t.year, t.stage, t.audience, t.mode, t.name, t.courses, t.participants)


@pytest.mark.parametrize("fmt", FORMATS)
def test_training_items_of_1_1_1_and_1_2_1(sample_facts, fmt):
    items = sample_facts(fmt).training_items
    assert [_item(t) for t in items if t.section_code == "1-1-1"] == TRAINING_1_1_1
    assert [_item(t) for t in items if t.section_code == "1-2-1"] == TRAINING_1_2_1


@pytest.mark.parametrize("fmt", FORMATS)
def test_training_items_of_every_section(sample_facts, fmt):
    assert training_counts(sample_facts(fmt).training_items) == TRAINING_COUNTS


def training_counts(items) -> dict[str, tuple[int, int, int]]:
    """Per section: (actual items, plan items, planned participants), as TRAINING_COUNTS."""
    counts: dict[str, tuple[int, int, int]] = {}
    for t in items:
        actual, plan, people = counts.get(t.section_code, (0, 0, 0))
        if t.stage == "actual":
            actual += 1
        else:
            plan += 1
            people += t.participants or 0
        counts[t.section_code] = (actual, plan, people)
    return counts


@pytest.mark.parametrize("fmt", FORMATS)
def test_improvement_box_items_are_not_counted_twice(sample_facts, fmt):
    facts = sample_facts(fmt)
    box = [(t.section_code, t.name, t.courses, t.participants) for t in facts.improvement_items]
    assert box == [
        ("3-1-2", "초등 교육현안과 함께하는 직무연수", 5, 150),
        ("3-1-2", "미래교육비전 더하기 직무연수 등", 16, 880),
    ]
    plan = [t.name for t in facts.training_items if t.section_code == "3-1-2" and t.stage == "plan"]
    assert plan.count("초등 교육현안과 함께하는 직무연수 등") == 1
    assert plan.count("미래교육비전 더하기 직무연수 등") == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_tags_give_audience_and_mode(sample_facts, fmt):
    items = sample_facts(fmt).training_items
    pairs = {(t.audience, t.mode) for t in items}
    assert ("교행", None) in pairs and ("초·중등", "혼합") in pairs and ("유·초등", None) in pairs
    # A tagged heading lends its tag to the untagged items beneath it.
    sub = [t for t in items if t.name == "학교회계, 계약, 보수 등 직무상설 교육"]
    assert [(t.audience, t.courses, t.participants) for t in sub] == [("교행", 51, 6089)]


# 1-1-1's 작성자 (the seed's lines 296-298): (department, role, name, phone).
CONTACTS_1_1_1 = [
    ("초등교원연수부", "부장", "오시영", "3019-8004"),
    ("초등교원연수부", "수석연구사", "송찬경", "8071"),
    ("초등교원연수부", "담당", "김혜린", "8078"),
    ("중등교원연수부", "부장", "임유원", "3019-8005"),
    ("중등교원연수부", "수석연구사", "최선미", "8096"),
    ("중등교원연수부", "담당", "나미영", "8094"),
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_contacts(sample_facts, fmt):
    contacts = sample_facts(fmt).contacts
    first = [(c.department, c.role, c.name, c.phone) for c in contacts if c.section_code == "1-1-1"]
    assert first == CONTACTS_1_1_1
    # Letter-spaced labels, a column of staff under their heads, several names on one line.
    by = {(c.section_code, c.name): (c.department, c.role, c.phone) for c in contacts}
    assert by[("2-1-1", "김종범")] == ("기획평가부", "부장", "3999-8003")
    assert by[("1-2-1", "서진아")] == ("초등교원연수부", "담당", "8074")
    assert by[("4-1-1", "박수연")] == ("기획평가부", "담당", "8054")
    assert by[("5-1-2", "신민숙")] == ("운영지원과", "과장", "3019-8009")
    assert by[("5-2-2", "나미영")] == ("재정지원팀", "담당", "02-3999-8032")
    assert by[("3-1-2", "김지영")] == ("교육행정연수부", "연수1담당사무관", "8111")
    assert len([c for c in contacts if c.section_code is not None]) == 151


# That the text, PDF, HWPX and HWP renderings give the same facts (pages and positions aside) is
# tests/test_sample_formats.py::test_same_facts_as_the_text.


def test_pdf_facts_know_their_pages(pdf_facts, text_facts):
    assert all(s.page is None for s in text_facts.sections)
    pages = [s.page for s in pdf_facts.sections]
    assert all(isinstance(p, int) for p in pages) and pages == sorted(pages)
    assert all(b.page is not None for b in pdf_facts.budget_lines)
    assert all(t.page is not None for t in pdf_facts.training_items)
    # A budget line is on its section's page or after it, before the next section starts.
    starts = {s.code: s.page for s in pdf_facts.sections}
    for b in pdf_facts.budget_lines:
        assert b.page >= starts[b.section_code]
