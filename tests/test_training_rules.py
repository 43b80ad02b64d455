"""Training-item rules on small hand-made documents (one regression test per reported bug)."""
from kplan.parsers.model import Document, Paragraph
from kplan.rules import extract


def doc(lines):
    return Document(path="x.txt", format="txt", blocks=[Paragraph(t) for t in lines])


SECTION = ["1-1-1 교원 자격연수", "작 성 자", "담당: 김혜린 ☎ 8078", " 사업 목적 및 근거"]


def test_a_heading_with_a_box_mark_still_starts_its_list():
    # Reported: a Hancom file that types the heading's box into the text lost every item.
    for mark in ("", "□ ", "• ", "❍ "):
        facts = extract(doc(SECTION + [f"{mark}2024년 추진 실적",
                                       " - [초등 집합] 유치원 1급 정교사 자격연수 2과정, 358명",
                                       f"{mark}2025년 추진계획",
                                       " - [중등] 중등 1급 정교사 자격연수 8과정, 440명"]))
        assert [(t.year, t.stage, t.audience, t.mode, t.courses, t.participants)
                for t in facts.training_items] == [(2024, "actual", "초등", "집합", 2, 358),
                                                   (2025, "plan", "중등", None, 8, 440)], mark


def test_an_item_wrapped_over_lines_is_one_item():
    facts = extract(doc(SECTION + ["2024년 추진 실적",
                                   "- [기평 원격] 유치원 새내기 교사 승승장구 역량강화 프로젝트 등 6과정, ",
                                   "104명"]))
    assert [(t.name, t.courses, t.participants) for t in facts.training_items] == \
        [("유치원 새내기 교사 승승장구 역량강화 프로젝트 등", 6, 104)]


def test_improvement_box_items_are_kept_apart():
    facts = extract(doc(SECTION + ["2025년 추진계획", "2025년 주요 개선 사항",
                                   "◊ 교육 확대", "- [교행] 기본교육 1과정, 300명",
                                   " ◦ 신규 교육", "- [교행] 기본교육 1과정, 300명"]))
    assert len(facts.training_items) == 1 and len(facts.improvement_items) == 1


BUDGET = ["예산 집행 계획", "(단위: 천원)", "예산", "사업명", "추진", "사업명",
          "예산액 집행예정액 / 집행내용 사업별", "설명자료", "쪽수",
          "’25 ’24 1분기 2분기 3분기 4분기"]


def test_two_budget_tables_in_one_section_are_both_read():
    # Reported: a second 예산 집행 계획 table in a section was dropped.
    first = BUDGET + ["456.", "자격연수", "교원 연수", "100 90", "25 25 25 25", "연수운영",
                      "합계 100 90 25 25 25 25"]
    second = BUDGET + ["457.", "직무연수", "직무 연수", "300 200", "75 75 75 75", "연수운영",
                       "합계 300 200 75 75 75 75"]
    facts = extract(doc(SECTION + first + second))
    totals = [(b.table_no, b.amount) for b in facts.budget_lines if b.is_total]
    assert totals == [(1, 100_000), (2, 300_000)]
    assert [t.table_no for t in facts.budget_tables] == [1, 2]


def test_a_unit_with_a_full_width_colon_or_spaces_still_scales_to_won():
    # Reported: '(단위：천원' and '(단위: 천 원' left amounts a thousand times too small.
    for unit_line in ("(단위：천원)", "(단위: 천 원, ’25. 1. 10.기준)"):
        lines = list(BUDGET)
        lines[1] = unit_line
        facts = extract(doc(SECTION + lines + ["456.", "자격연수", "교원 연수", "100 90",
                                              "25 25 25 25", "합계 100 90 25 25 25 25"]))
        assert [b.amount for b in facts.budget_lines if b.is_total] == [100_000], unit_line
