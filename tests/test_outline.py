"""The generic outline's pieces on small made-up streams: marks, contents lines, boxed headings,
wrapped lines."""

from __future__ import annotations

import io

import pytest
from conftest import load_builder

from kplan import rules
from kplan.parsers import parse_bytes
from kplan.parsers.model import Cell, Document, Paragraph, Position, Table
from kplan.parsers.pdf_settings import PdfSettings
from kplan.rules.lines import document_stream
from kplan.rules.outline import annex_heading, extract_outline, heading_box, match_marker


def outline(blocks, fmt="hwpx"):
    doc = Document(path="x", format=fmt, blocks=blocks)
    return [(n.level, n.marker, n.text) for n in extract_outline(document_stream(doc))]


def hancom(*texts, heads=None):
    heads = heads or {}
    return [
        Paragraph(text=t, position=Position(section=0, paragraph=i), head=heads.get(i))
        for i, t in enumerate(texts)
    ]


def prose(n: int) -> str:
    """A body paragraph of about `n` syllables that no normalisation folds away."""
    words = ["사업의", "추진", "과정에서", "관계기관과", "협의하여", "세부", "계획을", "마련함"]
    return " ".join(words[i % len(words)] + str(i) for i in range(n // 4))


def test_a_figure_starting_a_line_is_not_a_number_mark():
    assert match_marker("0.5명(공무직 0.5명 별도), 예산 618백만원 증액") is None
    assert match_marker("3.5배 증가") is None
    assert match_marker("1. 개요") == (2, "1.", "개요")


def test_dotted_and_dashed_numbers_keep_their_dot():
    assert match_marker("1-1. 국민의 국어능력") == (2, "1-1.", "국민의 국어능력")
    assert match_marker("2.1 법률 방위사업법") == (2, "2.1", "법률 방위사업법")
    assert match_marker("❑ 하드웨어 현황") == (4, "❑", "하드웨어 현황")


def test_contents_lines_are_not_headings():
    blocks = hancom(
        "목 차",
        "Ⅰ. 일반현황 ······ 3",
        "Ⅱ. 추진계획\t 4",
        "① 과제 하나",
        "Ⅲ. 행정사항\t 9",
        "Ⅰ. 일반현황",
        "□ 현황",
    )
    assert outline(blocks) == [(1, "Ⅰ.", "일반현황"), (2, "□", "현황")]


def test_a_contents_box_is_not_headings():
    toc = Table(
        cells=[Cell(0, 0, "[ 목    차 ]\nⅠ. 평가\t 1\nⅡ. 방향")],
        n_rows=1,
        n_cols=1,
        position=Position(section=0, paragraph=0),
    )
    assert outline([toc]) == []


def test_boxed_numeral_and_title_is_a_heading():
    box = Table(cells=[Cell(0, 0, "1"), Cell(0, 1, "성 과")], n_rows=1, n_cols=2)
    spaced = Table(
        cells=[Cell(0, 0, "Ⅱ"), Cell(0, 1, ""), Cell(0, 2, "추진 체계")], n_rows=1, n_cols=3
    )
    appendix = Table(
        cells=[Cell(0, 0, "붙 임"), Cell(0, 1, ""), Cell(0, 2, "추진일정")], n_rows=1, n_cols=3
    )
    assert heading_box(box) == (2, "1", "성과")
    assert heading_box(spaced) == (1, "Ⅱ", "추진 체계")
    assert heading_box(appendix) == (1, "붙임", "추진일정")
    label = Table(cells=[Cell(0, 0, "구분"), Cell(0, 1, "내용")], n_rows=1, n_cols=2)
    assert heading_box(label) is None


def test_group_label_box_sits_between_its_chapter_and_tasks():
    def box(text):
        return Table(cells=[Cell(0, 0, text)], n_rows=1, n_cols=1)

    blocks = [
        box("Ⅲ. 중점 추진과제"),
        box("[나 라] 바로서는 나라"),
        box("① 첫 과제"),
        Paragraph(text="□ 세부 과제", position=Position(section=0, paragraph=3)),
    ]
    nodes = extract_outline(document_stream(Document(path="x", format="hwp", blocks=blocks)))
    assert [(n.level, n.marker, n.text, n.parent_id) for n in nodes] == [
        (1, "Ⅲ.", "중점 추진과제", None),
        (2, "[나라]", "바로서는 나라", 1),
        (3, "①", "첫 과제", 2),
        (4, "□", "세부 과제", 3),
    ]


def test_hancom_paragraphs_do_not_run_into_the_heading_before():
    blocks = hancom("□ 추진 배경", "추진 내용", prose(200), "ㅇ 세부\n줄바꿈 뒤", "하위 제목")
    assert outline(blocks) == [(1, "□", "추진 배경"), (2, "ㅇ", "세부 줄바꿈 뒤")]


def test_an_outline_head_paragraph_is_a_heading_at_its_level():
    blocks = hancom(
        "사업개요",
        "사업명",
        "❑ 고도화 사업",
        prose(200),
        heads={0: ("outline", 0), 1: ("outline", 1)},
    )
    assert outline(blocks) == [(1, "", "사업개요"), (2, "", "사업명"), (3, "❑", "고도화 사업")]


def test_pdf_heading_continues_after_a_full_line_only():
    full = "ㅇ " + prose(40)
    lines = [full, "이어지는 줄", "ㅇ 짧은 제목", "다른 문단"] + [prose(40)] * 20
    blocks = [Paragraph(text=t, page=1) for t in lines]
    nodes = outline(blocks, fmt="pdf")
    assert nodes[0][2].endswith("이어지는 줄")
    assert nodes[1] == (1, "ㅇ", "짧은 제목")


# ------------------------------------------------------------------ the document's own nesting


def tree(blocks, fmt="hwpx"):
    """(level, marker, text, parent's text) of each heading."""
    nodes = extract_outline(document_stream(Document(path="x", format=fmt, blocks=blocks)))
    text = {n.node_id: n.text for n in nodes}
    return [(n.level, n.marker, n.text, text.get(n.parent_id)) for n in nodes]


def test_a_numbered_list_after_a_bullet_is_the_bullets():
    # As in ai_semiconductor_overseas_pilot_plan_2026.hwp: '1.' definitions under '◆' (a
    # sibling of □, the same rank of bullet).
    blocks = hancom(
        "Ⅰ. 개요", "□ 지원대상", "◆ 기업규모 구분", "1. 중소기업이라 함은", "2. 벤처기업"
    )
    assert tree(blocks)[3:] == [
        (3, "1.", "중소기업이라 함은", "기업규모 구분"),
        (3, "2.", "벤처기업", "기업규모 구분"),
    ]


def test_the_documents_own_order_of_numbered_kinds():
    # ① over 1. in one report (MOEL work report), 1. over ① in another (MOEL learning card).
    circled_first = hancom(
        "Ⅰ. 평가", "① 성과", "1. 올해 성과", "□ 산재 감축", "2. 보완점", "② 방향"
    )
    assert [(lv, m) for lv, m, _, _ in tree(circled_first)] == [
        (1, "Ⅰ."),
        (2, "①"),
        (3, "1."),
        (4, "□"),
        (3, "2."),
        (2, "②"),
    ]
    number_first = hancom("1. 사업근거", "① 법령상 근거", "② 추진경위", "2. 주요내용", "① 사업규모")
    assert [(lv, m) for lv, m, _, _ in tree(number_first)] == [
        (1, "1."),
        (2, "①"),
        (2, "②"),
        (1, "2."),
        (2, "①"),
    ]


def test_form_fields_before_the_first_section_do_not_outrank_it():
    # As in the MOLIT 사업설명자료: □ fields, then 가. › □ … 나. › 1) › □.
    blocks = hancom(
        "□ 사업 코드", "가. 총괄표", "□ 계획 내역", "나. 설명자료", "1) 목적", "2) 개요", "□ 근거"
    )
    got = tree(blocks)
    assert [n for n in got if n[0] == 1] == [
        (1, "가.", "총괄표", None),
        (1, "나.", "설명자료", None),
    ]
    assert got[0][:3] == (3, "□", "사업 코드")  # where □ sits in the rest of the document
    assert got[-1] == (3, "□", "근거", "개요")


def test_a_heading_that_skips_a_level_keeps_the_documents_level():
    # '4. 사업목적' › '- …' where elsewhere '6. 주요내용' › '① 사업규모' › '- …'.
    blocks = hancom("4. 사업목적", "- 지원", "6. 주요내용", "① 사업규모", "- 사업기간")
    assert [(lv, m) for lv, m, _, _ in tree(blocks)] == [
        (1, "4."),
        (3, "-"),
        (1, "6."),
        (2, "①"),
        (3, "-"),
    ]


def test_a_box_of_several_lines_numbers_its_own_list():
    law = Table(
        cells=[
            Cell(0, 0, "제12조(지원) ① 국가는 지원할 수 있다.\n1. 기간산업 직종\n2. 전략산업 직종")
        ],
        n_rows=1,
        n_cols=1,
        position=Position(section=0, paragraph=2),
    )
    blocks = hancom("1. 사업근거", "① 법령상 근거") + [law] + hancom("② 추진경위", "2. 주요내용")
    got = tree(blocks)
    assert [(lv, m, parent) for lv, m, _, parent in got if m in ("1.", "2.")] == [
        (1, "1.", None),
        (3, "1.", "법령상 근거"),
        (3, "2.", "법령상 근거"),
        (1, "2.", None),
    ]
    assert (2, "②", "추진경위", "사업근거") in got


def test_unnumbered_title_boxes_are_section_titles_when_the_document_uses_them_so():
    def box(text):
        return Table(cells=[Cell(0, 0, text)], n_rows=1, n_cols=1)

    # As in the MOEL work report: Ⅲ › '노동시장 격차 해소' › ① ②, '노동있는 산업 대전환' › ③.
    blocks = [
        box("Ⅲ. 중점 추진과제"),
        box("격차 해소"),
        box("① 청년 기회"),
        box("② 노동시간"),
        box("산업 대전환"),
        box("③ 인구구조"),
    ]
    assert [(lv, m, t) for lv, m, t, _ in tree(blocks, "hwp")] == [
        (1, "Ⅲ.", "중점 추진과제"),
        (2, "", "격차 해소"),
        (3, "①", "청년 기회"),
        (3, "②", "노동시간"),
        (2, "", "산업 대전환"),
        (3, "③", "인구구조"),
    ]
    # One such box (a press release's headline) is no section title.
    assert [t for _, _, t, _ in tree([box("1분기 투자 감소"), box("Ⅰ. 통계")], "hwp")] == ["통계"]


def test_title_boxes_over_numbered_heading_boxes_are_section_titles():
    # As in the digital government plan's Ⅱ: '우선 추진과제' over the boxes '1 | | …', '2 | | …'
    # (the TOC's '1.'), then '중장기 … 로드맵 수립' over a ○ line (the TOC's '2.').
    def box(text):
        return Table(cells=[Cell(0, 0, text)], n_rows=1, n_cols=1)

    def numbered(n, title):
        return Table(cells=[Cell(0, 0, n), Cell(0, 1, ""), Cell(0, 2, title)], n_rows=1, n_cols=3)

    blocks = [
        box("Ⅱ. 추진계획"),
        box("우선 추진과제"),
        numbered("1", "서비스 혁신"),
        Paragraph("○ (맞춤형 안내) 통합 안내"),
        numbered("2", "마이데이터 활성화"),
        Paragraph("○ (자기정보 활용) 민원처리에 활용"),
        box("중장기 로드맵 수립"),
        Paragraph("○ 로드맵 수립"),
    ]
    assert [(lv, m, t) for lv, m, t, _ in tree(blocks, "hwp")][:5] == [
        (1, "Ⅱ.", "추진계획"),
        (2, "", "우선 추진과제"),
        (3, "1", "서비스 혁신"),
        (4, "○", "(맞춤형 안내) 통합 안내"),
        (3, "2", "마이데이터 활성화"),
    ]
    assert (2, "", "중장기 로드맵 수립") in [(lv, m, t) for lv, m, t, _ in tree(blocks, "hwp")]


def test_a_numbered_box_over_its_summary_lines_is_a_heading():
    # The digital government plan's 붙임: '1 | | 선제적 … 혁신(…!)' over a row 'ㅇ … / ㅇ …'.
    summary = Cell(
        1, 0, "ㅇ 혜택을 찾아서 알려드리겠습니다.\nㅇ 불이익이 없도록 하겠습니다.", colspan=3
    )
    cells = [
        Cell(0, 0, "1"),
        Cell(0, 1, ""),
        Cell(0, 2, "서비스 혁신(찾아가는 서비스로!)"),
        summary,
    ]
    assert heading_box(Table(cells=cells, n_rows=2, n_cols=3)) == (
        2,
        "1",
        "서비스 혁신(찾아가는 서비스로!)",
    )
    prose_row = Cell(1, 0, "혜택을 찾아서 알려드리겠습니다.", colspan=3)
    assert heading_box(Table(cells=[*cells[:3], prose_row], n_rows=2, n_cols=3)) is None


def test_a_line_break_inside_an_inline_enumeration_starts_no_list():
    # One paragraph, broken before ③: '‣ (추진원칙) ① … ② … 목표로' / '③ … ④ 국민과 함께'.
    principles = (
        "‣ (추진원칙) ① 이용자의 관점에서 ② 수준 향상을 목표로\n③ 혁신 친화적으로 ④ 국민과 함께"
    )
    blocks = [Paragraph("Ⅱ. 추진계획"), Table(cells=[Cell(0, 0, principles)], n_rows=1, n_cols=1)]
    assert outline(blocks, "hwp") == [(1, "Ⅱ.", "추진계획")]
    # After a full stop the next paragraph of a quoted law's list begins.
    law = "제8조(생계급여) ① 생계급여는 지급한다.\n② 제1항에 따라 위탁하여 실시한다.\n③ 그 밖에 정한다."
    blocks = [Paragraph("□ 근거"), Table(cells=[Cell(0, 0, law)], n_rows=1, n_cols=1)]
    assert [m for _, m, _ in outline(blocks, "hwp")] == ["□", "②", "③"]


def test_boxed_items_tagged_beside_their_titles_are_one_list():
    # The digital government plan's 붙임: each item a box, its ministries in a text box beside
    # the title — two lines for ①, one for ② — then its ○ lines.
    def item(title, *tags):
        return Table(cells=[Cell(0, 0, "\n".join([title, *tags]))], n_rows=1, n_cols=1)

    blocks = [
        Paragraph("Ⅰ. 과제"),
        item("① 자기정보 활용 (20년)", "행안부,", "각부처·지자체"),
        Paragraph("○ 민원처리에 활용"),
        item("② 전자증명서 발급 (20년말)", "행안부"),
        Paragraph("○ 전자적으로 발급"),
    ]
    assert [(lv, m) for lv, m, _, _ in tree(blocks, "hwp")] == [
        (1, "Ⅰ."),
        (2, "①"),
        (3, "○"),
        (2, "②"),
        (3, "○"),
    ]


def test_a_bare_mark_continuing_its_list_is_a_heading_without_title():
    blocks = hancom("1. 기부통계", "(1) 총", "(2)", "(3) 요일별", prose(200), "(9)")
    assert [(m, t) for _, m, t, _ in tree(blocks)] == [
        ("1.", "기부통계"),
        ("(1)", "총"),
        ("(2)", ""),
        ("(3)", "요일별"),
    ]  # '(9)' after '(3)' continues no list


def test_labels_over_a_list_that_starts_over_are_headings():
    # As in moef_fdi_2024q1_press: '(총투자 기준)' › 1. 2., '(순투자 기준)' › 1. 2.
    blocks = hancom(
        "(총투자 기준)", "1. 분기별", "2. 연도별", "(순투자 기준)", "1. 분기별", "2. 연도별"
    )
    assert [(lv, m, t) for lv, m, t, _ in tree(blocks)][:4] == [
        (1, "", "(총투자 기준)"),
        (2, "1.", "분기별"),
        (2, "2.", "연도별"),
        (1, "", "(순투자 기준)"),
    ]
    # One such line over a list is no label.
    assert [t for _, _, t, _ in tree(hancom("참고", "1. 분기별", "2. 연도별"))] == [
        "분기별",
        "연도별",
    ]


def test_what_is_inside_front_matter_moves_with_it():
    # As in mosf_fiscal_stats_2014_08: '· 조세수입' › '* 단수조정' before '□ 관리재정수지' › 'ㅇ …'.
    blocks = hancom("· 조세수입", "* 단수조정", "□ 관리재정수지", "ㅇ 산식", "* 기금 수입")
    assert [(lv, m) for lv, m, _, _ in tree(blocks)] == [
        (3, "·"),
        (4, "*"),
        (1, "□"),
        (2, "ㅇ"),
        (3, "*"),
    ]


# ------------------------------------------------------------------ headings set apart by type


def typeset(*lines):
    """PDF lines (text, size, weight) on page 1, as the PDF reader gives them."""
    return [Paragraph(text=t, page=1, size=size, weight=weight) for t, size, weight in lines]


BODY = (10.0, 300)


def test_pdf_lines_larger_or_bolder_than_the_body_are_headings_where_nothing_numbers_them():
    # A report whose section numbers are drawn: '들어가며' in 14 pt bold, '배경' in bold at the
    # body's size, '- …' lines in the body's type; footnotes '1) …' in 7 pt.
    body = prose(60)
    blocks = typeset(
        ("들어가며", 14.0, 700),
        ("배경과 목적", 10.0, 700),
        (body, *BODY),
        ("- 세부 내용을 적음", *BODY),
        ("1) 국회예산정책처(2022), p.226.", 7.0, 300),
        ("나가며", 14.0, 700),
        ("정책 방향", 10.0, 700),
        (body, *BODY),
        (body, *BODY),
        ("2) 기획재정부(2022), p.4.", 7.0, 300),
    )
    assert outline(blocks, "pdf") == [
        (1, "", "들어가며"),
        (2, "", "배경과 목적"),
        (3, "-", "세부 내용을 적음"),
        (1, "", "나가며"),
        (2, "", "정책 방향"),
    ]


def test_the_type_thresholds_a_pdf_was_read_with_reach_the_outline_rules():
    # A caller who reads a PDF with its own PdfSettings gets the outline those settings say: with
    # 14 pt no longer "clearly larger" than a 10 pt body (heading_size_ratio 1.5) and bold only
    # from weight 800, the lines that were headings by type are body text.
    body = prose(60)
    blocks = typeset(
        ("들어가며", 14.0, 700),
        (body, *BODY),
        ("나가며", 14.0, 700),
        (body, *BODY),
    )
    default = Document(path="x", format="pdf", blocks=blocks)
    strict = Document(path="x", format="pdf", blocks=blocks)
    strict.read_with = PdfSettings(heading_size_ratio=1.5, heading_weight=800)
    assert [n.text for n in rules.extract(default).outline] == ["들어가며", "나가며"]
    assert [n.text for n in rules.extract(strict).outline] == []


def test_a_document_that_numbers_its_headings_gets_none_by_type():
    # '1. 개요' and '2. 추진' in 13 pt bold: the marks are the headings; the unnumbered 20 pt
    # lines are the cover's title and a chapter title the other formats do not mark either.
    body = prose(60)
    blocks = typeset(
        ("서울특별시교육청교육연수원", 20.0, 700),
        ("일반 현황", 20.0, 700),
        ("1. 개요", 13.0, 700),
        (body, *BODY),
        ("2. 추진", 13.0, 700),
        (body, *BODY),
        ("3. 계획", 13.0, 700),
        (body, *BODY),
    )
    assert outline(blocks, "pdf") == [(1, "1.", "개요"), (1, "2.", "추진"), (1, "3.", "계획")]


def test_footnote_marks_in_a_typeset_heading_are_left_out():
    body = prose(60)
    blocks = typeset(
        ("재정규모 현황8)", 14.0, 700),
        (body, *BODY),
        ("보통교부세의 법정률10)과 조정률", 14.0, 700),
        (body, *BODY),
    )
    assert [text for _, _, text in outline(blocks, "pdf")] == [
        "재정규모 현황",
        "보통교부세의 법정률과 조정률",
    ]


# The Seoul plan's 1-1-2 box (`2025년 주요 개선 사항` over its four lines) drawn as a table of one
# column at the foot of page 1, and a one-cell box at the top of page 2 holding the next heading:
# the blocks the PDF reader gives such a page (test_box_table_then_a_boxed_heading_in_a_pdf).
IMPROVEMENTS_1_1_2 = (
    "◊서울교육 비전 공감대 확산과 공동체 의식 함양을 위한 교육 강화",
    "◊조직융화를 위해 기본소양 교과목 확대 편성",
    "◊직렬별 교육, 플립러닝 등 교육 대상‧방법의 다양화로 교육행정지원",
    "맞춤 역량 지원",
)


def improvement_box_then_boxed(*boxed: str) -> list:
    box = Table(
        cells=[
            Cell(0, 0, "2025년 주요 개선 사항", line_types=((10.5, 700),)),
            Cell(1, 0, "\n".join(IMPROVEMENTS_1_1_2), line_types=(BODY,) * 4),
        ],
        n_rows=2,
        n_cols=1,
        page=1,
    )
    heading = Table(
        cells=[Cell(0, 0, "\n".join(boxed), line_types=(BODY,) * len(boxed))],
        n_rows=1,
        n_cols=1,
        page=2,
    )
    before = typeset(
        ("1. 사업 목적 및 근거", 11.5, 700),
        ("○ 목적", *BODY),
        ("2. 2024년 추진 실적", 11.5, 700),
        ("○ 신규공무원 공직적응 교육 1과정, 427명", *BODY),
        ("3. 2025년 추진계획", 11.5, 700),
    )
    after = [Paragraph(text="- [교행] 신규공무원 공직적응 교육 1과정, 300명", page=2, size=10.0)]
    return [*before, box, heading, *after]


def test_a_boxed_heading_after_a_one_column_box_on_the_page_before_is_the_documents():
    # The box's lines (read for its headings set in type) are not a box of several lines that
    # a page break split: the one-cell box on the next page is not its rest, and its '4.'
    # continues the document's list (3. › 4.), not a list of the box's own.
    got = tree(
        improvement_box_then_boxed("4. 기대 효과", "- 직급별 공직 역할 인식 및 역량 강화"), "pdf"
    )
    assert [(lv, m, t, parent) for lv, m, t, parent in got if m != "○"] == [
        (1, "1.", "사업 목적 및 근거", None),
        (1, "2.", "2024년 추진 실적", None),
        (1, "3.", "2025년 추진계획", None),
        (1, "4.", "기대 효과", None),
        (2, "-", "직급별 공직 역할 인식 및 역량 강화", "기대 효과"),
        (2, "-", "[교행] 신규공무원 공직적응 교육 1과정, 300명", "기대 효과"),
    ]


def test_boxed_bullets_after_a_one_column_box_are_the_documents_bullets():
    # □ and ○ in such a box were never the box's own list: they sit under '3.' as they would
    # outside a box.
    got = tree(improvement_box_then_boxed("□ 추진 방향", "○ 교육 대상‧방법의 다양화"), "pdf")
    assert got[-3:] == [
        (2, "□", "추진 방향", "2025년 추진계획"),
        (3, "○", "교육 대상·방법의 다양화", "추진 방향"),
        (4, "-", "[교행] 신규공무원 공직적응 교육 1과정, 300명", "교육 대상·방법의 다양화"),
    ]


def test_a_text_box_line_is_not_a_second_title_box():
    # One one-line box over a bullet is a headline, not a section title (two make them so); a
    # 참고 box's one line of text after its title, over the next bullet, is not the second.
    headline = Table(cells=[Cell(0, 0, "주요 추진 성과", line_types=(BODY,))], n_rows=1, n_cols=1)
    reference = Table(
        cells=[
            Cell(0, 0, "참고", line_types=(BODY,)),
            Cell(
                1,
                0,
                "참고\n주요국 사례 : 프랑스\n프랑스의 지방재정조정제도",
                line_types=(BODY,) * 3,
            ),
        ],
        n_rows=2,
        n_cols=1,
    )
    blocks = [headline, *typeset(("□ 재정 성과", *BODY), (prose(60), *BODY))]
    blocks += [reference, *typeset(("□ 시사점", *BODY), (prose(60), *BODY))]
    assert [(m, t) for _, m, t, _ in tree(blocks, "pdf")] == [("□", "재정 성과"), ("□", "시사점")]


def test_box_table_then_a_boxed_heading_in_a_pdf():
    # The page of the made-up blocks above, drawn as a Hancom PDF export draws it (the builder's
    # fonts and styles): the reader gives a table of one column on page 1, a one-cell table on
    # page 2, and the outline reads '4.' where the page shows it.
    pytest.importorskip("reportlab", reason="the builder needs the samples extra")
    from reportlab.lib import colors
    from reportlab.platypus import PageBreak, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Paragraph as Para
    from reportlab.platypus import Table as Grid

    b = load_builder()
    b.register_fonts()

    def para(text, style="body"):
        return Para(b.markup(text), b.STYLES[style])

    def boxed(rows, rule):
        grid = Grid(rows, colWidths=[b.FRAME_W])
        grid.setStyle(TableStyle([(rule, (0, 0), (-1, -1), 0.8, colors.black)]))
        return grid

    story = [para(t, "heading") for t in ("1. 사업 목적 및 근거", "2. 2024년 추진 실적")]
    story += [para("3. 2025년 추진계획", "heading"), Spacer(1, 520)]
    story += [
        boxed(
            [[para("2025년 주요 개선 사항", "box_title")], [[para(t) for t in IMPROVEMENTS_1_1_2]]],
            "GRID",
        ),
        PageBreak(),
        boxed([[[para("4. 기대 효과"), para("- 직급별 공직 역할 인식 및 역량 강화")]]], "BOX"),
    ]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=b.A4, invariant=1).build(story)
    doc = parse_bytes(out.getvalue(), path="box.pdf")
    assert [(t.page, t.n_rows, t.n_cols) for t in doc.tables()] == [(1, 2, 1), (2, 1, 1)]
    nodes = rules.extract(doc).outline
    assert [(n.level, n.marker, n.text, n.page) for n in nodes] == [
        (1, "1.", "사업 목적 및 근거", 1),
        (1, "2.", "2024년 추진 실적", 1),
        (1, "3.", "2025년 추진계획", 1),
        (1, "4.", "기대 효과", 2),
        (2, "-", "직급별 공직 역할 인식 및 역량 강화", 2),
    ]


# The Seoul plan's 1-2-1 and 4-2-2 boxes as the seed prints them: the title, then the box's lines.
BOX_1_2_1 = (
    "◊초등 생애단계별 직무연수의 체계적 운영",
    "  - 생애단계별 직무연수 단계를 세분화(0~5년, 5~15년, 15~25년, 25~30년, ",
    "30~35년, 35년 이상)하여 4기로 체계적 운영",
    "◊중등 생애단계별 직무연수 세분화 유지",
)
BOX_4_2_2 = (
    "◊연수협력학교 운영의 질적 심화를 위한 운영 평가 강화",
    "  - 연중 실모니터링 결과와 2024년 운영 보고 등을 토대로 평가 실시 ",
)


def improvement_box(lines: tuple[str, ...], shape: str) -> Table:
    """The box as a table of one cell, or of a title cell over the text's (title_row)."""
    title = "2025년 주요 개선 사항"
    if shape == "cell":
        text = "\n".join((title, *lines))
        return Table([Cell(0, 0, text, line_types=(BODY,) * (len(lines) + 1))], 1, 1, page=1)
    cells = [
        Cell(0, 0, title, line_types=((10.5, 700),)),
        Cell(1, 0, "\n".join(lines), line_types=(BODY,) * len(lines)),
    ]
    return Table(cells, 2, 1, page=1)


# The seed's lines after the 1-2-1 box, which set the page's full width.
AFTER_BOX_1_2_1 = (
    " ◦ (신규, 복직, 승진, 전직 임용자 역량 강화 연수) 신규, 복직, 승진, ",
    "전직 등 교직 생애 중 주요 변화가 일어나는 시기에 변화된 직무에 ",
    "필요한 역량 함양",
    "   - [초등] 신규임용예정교사 직무연수 등 9과정, 1,079명",
)


def outline_around_box(box) -> list[tuple]:
    """The outline the seed gives around its 주요 개선 사항 box `box` (1-2-1's or 4-2-2's): its
    '- …' line under the heading the box follows, then the text after the box."""
    dashes = {
        BOX_1_2_1: "생애단계별 직무연수 단계를 세분화(0~5년, 5~15년, 15~25년, 25~30년, 30~35년, "
        "35년 이상)하여 4기로 체계적 운영",
        BOX_4_2_2: "연중 실모니터링 결과와 2024년 운영 보고 등을 토대로 평가 실시",
    }
    bullet = (
        "(신규, 복직, 승진, 전직 임용자 역량 강화 연수) 신규, 복직, 승진, 전직 등 교직 생애 중 "
        "주요 변화가 일어나는 시기에 변화된 직무에 필요한 역량 함양"
    )
    return [
        (1, "□", "2025년 추진계획", None),
        (3, "-", dashes[box], "2025년 추진계획"),  # a level skipped: '-' sits under '◦'
        (2, "◦", bullet, "2025년 추진계획"),
        (3, "-", "[초등] 신규임용예정교사 직무연수 등 9과정, 1,079명", bullet),
    ]


@pytest.mark.parametrize("shape", ["cell", "title_row"])
@pytest.mark.parametrize("box", [BOX_1_2_1, BOX_4_2_2], ids=["1-2-1", "4-2-2"])
def test_seoul_plan_improvement_box_lines_read_alike_in_one_cell_or_under_a_title_cell(box, shape):
    # The PDF drawn with its 주요 개선 사항 boxes as a title cell over their text: the box's
    # '- …' lines are in the outline under the heading the box follows, as they are when the
    # box is one cell (and in the sample, where it is no table at all).
    before = typeset(("□ 2025년 추진계획", 11.5, 700))
    after = typeset(*((line, *BODY) for line in AFTER_BOX_1_2_1))
    got = tree([*before, improvement_box(box, shape), *after], "pdf")
    assert got == outline_around_box(box)


def test_fis_issue_22_4_reference_box_reads_only_its_typed_heading():
    # Page 8 of fis_issue_22-4_intergov_fiscal_transfers.pdf: a '참고' box whose cells hold its
    # label, its title, its text and <표 14>'s text flattened ('- 대상: …', '• 권역: …' are that
    # table's cells). Only the heading set in the heading type, '프랑스의 지방재정조정제도', is
    # read there, not the marks of the box's text.
    bold = (10.8, 700)
    text = [
        ("참고", bold),
        ("중앙-지방 간 재정조정제도 주요국 사례 : 프랑스", bold),
        ("프랑스의 지방재정조정제도", bold),
        ("- (1979년) 경상비교부금(DGF)을 창설하여 재정력이 강한 중앙정부가 차등 지원", BODY),
        ("<표 14> 프랑스 지방재정조정제도 요약", BODY),
        ("- 대상: 교부금 및 보조금 배분", BODY),
        ("• 권역: 레지옹 조정교부금", BODY),
    ]
    box = Table(
        [Cell(0, 0, "\n".join(t for t, _ in text), line_types=tuple(ty for _, ty in text))],
        2,
        1,
        page=8,
    )
    box.cells.append(Cell(1, 0, "", line_types=()))
    blocks = [
        *typeset(("들어가며", 14.0, 700), (prose(60), *BODY)),
        *typeset(("재정규모 현황", 10.8, 700), (prose(60), *BODY)),
        box,
        *typeset(("나가며", 14.0, 700), (prose(60), *BODY)),
    ]
    got = [(m, t) for _, m, t, _ in tree(blocks, "pdf")]
    assert ("", "프랑스의 지방재정조정제도") in got
    assert not [t for m, t in got if m in ("-", "•")]


# The title bar of the seed's 주요 개선 사항 boxes as tests/hancom_layouts.py draws it.
TITLE_BAR_FILL = "#e3e8f0"


def hancom_improvement_box(
    lines: tuple[str, ...], shape: str, at: int, fill: str | None = TITLE_BAR_FILL
) -> Table:
    """The box in a Hancom file (no type per line): one cell, or a title cell shaded as a
    title bar over (title_row) or beside (title_col) the text's cell."""
    title, text, position = (
        "2025년 주요 개선 사항",
        "\n".join(lines),
        Position(section=0, paragraph=at),
    )
    if shape == "cell":
        return Table([Cell(0, 0, f"{title}\n{text}")], 1, 1, position=position)
    if shape == "title_row":
        return Table([Cell(0, 0, title, fill=fill), Cell(1, 0, text)], 2, 1, position=position)
    return Table([Cell(0, 0, title, fill=fill), Cell(0, 1, text)], 1, 2, position=position)


def around_box(box_of) -> list:
    """The seed's `□ 2025년 추진계획`, a box, and the 1-2-1 lines after it, as Hancom paragraphs."""
    before = Paragraph("□ 2025년 추진계획", position=Position(section=0, paragraph=0))
    after = [
        Paragraph(t, position=Position(section=0, paragraph=k + 2))
        for k, t in enumerate(AFTER_BOX_1_2_1)
    ]
    return [before, box_of(1), *after]


@pytest.mark.parametrize("fmt", ["hwpx", "hwp"])
@pytest.mark.parametrize("shape", ["cell", "title_row", "title_col"])
@pytest.mark.parametrize("box", [BOX_1_2_1, BOX_4_2_2], ids=["1-2-1", "4-2-2"])
def test_seoul_plan_improvement_box_under_or_beside_a_title_bar_in_a_hancom_file(box, shape, fmt):
    # The HWPX and HWP drawn with the 주요 개선 사항 box as a shaded title cell over or beside
    # its text (tests/hancom_layouts.py): the box's '- …' lines are in the outline, under the
    # heading the box follows, as when the box is one cell (the seed's text in either case).
    got = tree(around_box(lambda at: hancom_improvement_box(box, shape, at)), fmt)
    assert got == outline_around_box(box)


# moel_employment_center_rules.hwp, [별표 6] '고용센터 Ⅳ 유형에서 수행하는 업무 (제20조 관련)'
# (hwp5proc xml): a table of two rows and one column, '주요 내용' (borderfill 91: borders only)
# over the duties '  - 구인발굴 등 일자리 개척에 관한 사항', … (borderfill 92, no fill either).
ANNEX_6_DUTIES = (
    "  - 구인발굴 등 일자리 개척에 관한 사항",
    "  - 구인․구직 상담, 취업알선 등 취업지원",
    "  - 청년, 고령자, 여성 등 취약계층 취업지원 사업(국민취업지원제도 참여자 제외)",
)


@pytest.mark.parametrize("fill", [None, TITLE_BAR_FILL])
def test_moel_employment_center_rules_annex_6_one_column_table_is_no_box(fill):
    # Its header drawn like its body, the table is a table of one column, as 별표 3–5 hold the
    # same duties in a 주요 내용 column of three: not the document's outline. Drawn as a title
    # bar (shaded, its text not), the same cells are a box's.
    blocks = [
        *hancom("[별표 6]", "고용센터 Ⅳ 유형에서 수행하는 업무 (제20조 관련)"),
        Table(
            [Cell(0, 0, "주요 내용", fill=fill), Cell(1, 0, "\n".join(ANNEX_6_DUTIES))],
            2,
            1,
            position=Position(section=0, paragraph=2),
        ),
    ]
    got = [(m, t) for _, m, t, _ in tree(blocks, "hwp")]
    duties = [  # the middle dot '․' read as '·', as everywhere
        ("-", "구인발굴 등 일자리 개척에 관한 사항"),
        ("-", "구인·구직 상담, 취업알선 등 취업지원"),
        ("-", "청년, 고령자, 여성 등 취약계층 취업지원 사업(국민취업지원제도 참여자 제외)"),
    ]
    assert got == ([] if fill is None else duties)


def test_ai_semiconductor_pilot_plan_table_in_a_box_is_no_title_bar():
    # ai_semiconductor_overseas_pilot_plan_2026.hwp (hwp5proc xml): a one-cell box of the
    # reasons a company is not supported ('기업의 부도', …) holds a table of two rows, '확인 근거
    # (최근 3개년 재무제표)' shaded (#d6d6d6) over '① 25년 결산이 확정된 경우', '* 23년, …': a
    # table in the box's cell, no box of its own, however its title is drawn.
    inner = Table(
        [
            Cell(0, 0, "확인 근거 (최근 3개년 재무제표)", fill="#d6d6d6"),
            Cell(1, 0, "① 25년 결산이 확정된 경우\n* 23년, 24년, 25년 재무제표를 제출"),
        ],
        2,
        1,
    )
    box = Table(
        [Cell(0, 0, "기업의 부도\n파산․회생절차 개시 신청이 이루어진 경우")],
        1,
        1,
        position=Position(section=0, paragraph=1),
        nested={(0, 0): [inner]},
    )
    blocks = [*hancom("ㅇ 다음 각호에 해당하는 경우"), box]
    assert [(m, t) for _, m, t, _ in tree(blocks, "hwp")] == [("ㅇ", "다음 각호에 해당하는 경우")]


def test_a_cut_line_is_not_a_heading():
    # A form's tear-off slip under its dotted line: '-----…' is no '-' bullet.
    assert outline(hancom("Ⅰ. 서식", "-" * 40, "접수증")) == [(1, "Ⅰ.", "서식")]


def test_a_forms_numbered_notes_are_no_sections_until_the_next_chapter_or_annex():
    # A form labelled '【서식 9】' numbers its notes and a pledge its clauses: the form's to fill
    # in, not the report's; a schedule '[별표 1]' or a chapter 'Ⅶ.' after it is the report's
    # again. The forms and the schedule are parts of the chapter whose title names them, each
    # under the title it prints (none for the bare '[별지 제2호 서식]' over its fields).
    blocks = hancom(
        "Ⅵ. 제출목록 및 서식",
        "1. 제출목록",
        "【서식 9】",
        "용역수행 참여 요원 세부 이력사항",
        "1. 공고일 현재 근무하고 있는 자를 모두 포함",
        "2. 자격증 사본 및 경력증명서 첨부",
        "[별표 1] 보안위규 처리기준",
        "1. 위규 수준별로 차등 부과",
        "[별지 제2호 서식]",
        "1. 사 업 명 :",
        "Ⅶ. 기타",
        "1. 문의처",
    )
    assert [(level, text) for level, _, text in outline(blocks) if level <= 2] == [
        (1, "제출목록 및 서식"),
        (2, "제출목록"),
        (2, "용역수행 참여 요원 세부 이력사항"),
        (2, "보안위규 처리기준"),
        (2, ""),
        (1, "기타"),
        (2, "문의처"),
    ]


def test_numbers_typed_where_the_outline_numbers_its_own_are_that_level():
    # As in wildlife_mgmt_system_rfp_2023.hwpx: outline level 0 prints Ⅰ., level 1 prints 1.
    # without the text holding either; under Ⅲ the author typed '1.' … by hand, and after four
    # outline items of Ⅳ typed '5.'; a typed '1.' under an outline item is its sub-list.
    heads = {0: ("outline", 0), 1: ("outline", 1), 2: ("outline", 0)}
    heads |= {5: ("outline", 0), 6: ("outline", 1), 7: ("outline", 1)}
    blocks = hancom(
        "사업개요",
        "사업명",
        "사업추진방안",
        "1. 추진 목표",
        "2. 추진 방향",
        "입찰 및 사업자 선정",
        "입찰에 부치는 사항",
        "입찰 참가자격",
        "1. 입찰 공고",
        "2. 입찰 참가",
        "3. 중대재해처벌법 준수",
        heads=heads,
    )
    levels = [(level, text) for level, _, text in outline(blocks)]
    assert levels == [
        (1, "사업개요"),
        (2, "사업명"),
        (1, "사업추진방안"),
        (2, "추진 목표"),
        (2, "추진 방향"),
        (1, "입찰 및 사업자 선정"),
        (2, "입찰에 부치는 사항"),
        (2, "입찰 참가자격"),
        (3, "입찰 공고"),
        (3, "입찰 참가"),
        (3, "중대재해처벌법 준수"),
    ]


def test_annex_labels_are_chapters_and_a_run_of_them_is_a_listing():
    # As in wildlife_mgmt_system_rfp_2023.hwpx: the outline's chapters, then a list of the annexes
    # ('[붙임 1] …', '[붙임 2] …', '[별지 제1호 서식] …'), then each annex under its label.
    heads = {0: ("outline", 0), 1: ("outline", 1)}
    blocks = hancom(
        "제안서 작성요령",
        "제안서 목차",
        "[붙임 1] 평가항목 및 배점",
        "[붙임 2] 입찰참가 별지서식",
        "[별지 제1호 서식] 일반현황",
        "[붙임 3] 기술평가표",
        "[붙임 1] 평가항목 및 배점",
        "[붙임 3] 기술평가표",
        "1. 정보시스템의 상호운용성",
        "2. 정보의 공동활용",
        heads=heads,
    )
    assert [(level, text) for level, _, text in outline(blocks)] == [
        (1, "제안서 작성요령"),
        (2, "제안서 목차"),
        (1, "평가항목 및 배점"),
        (1, "기술평가표"),
        (2, "정보시스템의 상호운용성"),
        (2, "정보의 공동활용"),
    ]


def test_a_letters_attachment_line_is_no_annex_heading():
    line = document_stream(
        Document(path="x", format="hwpx", blocks=hancom("붙임 1. 계획서 1부.  끝."))
    )
    assert annex_heading(line[0]) is None
    assert (
        annex_heading(
            document_stream(
                Document(path="x", format="hwpx", blocks=hancom("붙임 2. 보안 위약금 부과기준"))
            )[0]
        ).text
        == "보안 위약금 부과기준"
    )


# ------------------------------------------------------------------ annexes, forms, schedules
# As RFPs lay them out (kwater_dr_center_rfp_2004_hwp5.hwp, kepco_kps_genai_pilot_rfp_2025.hwp,
# wildlife_mgmt_system_rfp_2023.hwpx, april19_cemetery_festival_rfp.hwpx): a label on a line
# of its own over its title, in whatever brackets the author used.


def test_a_bare_label_takes_the_title_under_it_and_a_forms_title_row():
    form = Table(
        [
            Cell(0, 0, "입찰참가신청서\n※ 해당되는 경우에만 기재", colspan=2),
            Cell(1, 0, "상호"),
            Cell(1, 1, ""),
        ],
        2,
        2,
        position=Position(section=0, paragraph=3),
    )
    blocks = [
        *hancom("Ⅰ. 개요", "1. 목적", "<붙임1>"),
        form,
        *hancom("<붙임2>", "2026학년도", "자율(전공) 동아리 프로젝트 보고서", "주제"),
    ]
    assert [(lv, m, t) for lv, m, t in outline(blocks) if lv == 1] == [
        (1, "Ⅰ.", "개요"),
        (1, "<붙임1>", "입찰참가신청서"),
        # a title does not stop at its year
        (1, "<붙임2>", "2026학년도 자율(전공) 동아리 프로젝트 보고서"),
    ]


def test_a_label_in_a_frame_of_its_own_and_a_bare_annex_word_over_its_divider_box():
    framed = Table(
        [Cell(0, 0, "<붙임1>"), Cell(0, 1, ""), Cell(0, 2, "")], 1, 3, position=Position(0, 2)
    )
    title = Table(
        [
            Cell(0, 0, "소프트웨어사업 영향평가 결과서", colspan=2),
            Cell(1, 0, "사업명"),
            Cell(1, 1, ""),
        ],
        2,
        2,
        position=Position(section=0, paragraph=3),
    )
    divider = Table(
        [Cell(0, 0, ""), Cell(0, 1, "별지 서식"), Cell(0, 2, "")], 1, 3, position=Position(0, 5)
    )
    blocks = [
        *hancom("Ⅰ. 개요", "1. 목적"),
        framed,
        title,
        Paragraph("붙임", position=Position(section=0, paragraph=4)),
        divider,
        Paragraph("<서식1>", position=Position(section=0, paragraph=6)),
        Paragraph("일반현황 및 연혁", position=Position(section=0, paragraph=7)),
    ]
    assert outline(blocks)[2:] == [
        (1, "<붙임1>", "소프트웨어사업 영향평가 결과서"),
        (1, "붙임", "별지 서식"),
        (2, "<서식1>", "일반현황 및 연혁"),
    ]


def test_a_listing_that_names_an_annex_again_is_no_annex():
    # '= 별첨자료 목차 =': '<별첨 1> …' with its parts, then '<별첨 2> …' and its forms; the
    # annex '<별첨1> …' itself comes after, in other brackets than the report's contents used.
    blocks = hancom(
        "Ⅰ. 개요",
        "【별첨1】기술제안서 세부평가기준",
        "【별첨2】기술제안서 작성양식",
        "Ⅱ. 일반현황",
        "1. 설립목적",
        "= 별첨자료 목차 =",
        "<별첨 1> 기술제안서 세부평가기준",
        "• 평가 공통기준",
        "<별첨 2> 기술제안서 작성양식",
        "【양식 1】 제안응모 신청서",
        "【양식 2】 재무구조 및 신용도",
        "<별첨1> 기술제안서 세부평가기준",
        "1. 사업수행계획(10점)",
    )
    assert [(lv, m, t) for lv, m, t in outline(blocks) if lv <= 2 and m != "•"] == [
        (1, "Ⅰ.", "개요"),
        (1, "Ⅱ.", "일반현황"),
        (2, "1.", "설립목적"),
        (1, "<별첨1>", "기술제안서 세부평가기준"),
        (2, "1.", "사업수행계획(10점)"),
    ]


def test_forms_after_an_annexs_own_sections_are_annexes_of_their_own():
    # kwater: <별첨1> over its 1.-4., then 【양식 1】 over '○○ 사업 제안응모 신청서' (a name to
    # fill in, no ○ bullet), 【양식 2】 … and '[별지 제1호 서식]': each an annex beside <별첨1>;
    # their own numbered lines are the forms'.
    blocks = hancom(
        "Ⅰ. 개요",
        "<별첨1> 기술제안서 세부평가기준",
        "1. 사업수행계획(10점)",
        "2. 기술지원(30점)",
        "【양식 1】",
        "○○ 사업 제안응모 신청서",
        "1. 참가 제한이 없는 경우는 “해당 없음”이라고 기재",
        "【양식 2】",
        "제안사 재무구조 및 신용도",
        "[별지 제 3 호 서식]",
        "합 의 각 서",
    )
    assert [(lv, m, t) for lv, m, t in outline(blocks)][1:] == [
        (1, "<별첨1>", "기술제안서 세부평가기준"),
        (2, "1.", "사업수행계획(10점)"),
        (2, "2.", "기술지원(30점)"),
        (1, "【양식 1】", "○○ 사업 제안응모 신청서"),
        (1, "【양식 2】", "제안사 재무구조 및 신용도"),
        (1, "[별지 제 3 호 서식]", "합의각서"),
    ]


def test_a_schedule_on_its_own_line_is_a_part_a_schedule_captioning_a_table_is_not():
    # kepco: '<붙임3>' / '용역사업 보안특약' over its clauses ① …, then '[별표1]' / '사업자 보안위규
    # 처리기준' and '[별표2]' / '보안 위약금 부과기준' over '1. 위규 수준별로 …': the 특약's
    # schedules. kwater: '【별표1】기술제안서 평가 … 비율', its title on its line, over the table
    # chapter Ⅱ's text cites, is that table's caption. A form numbered as one before it is
    # another instrument's, reproduced in the annex it stands in (wildlife's 착수계).
    blocks = hancom(
        "Ⅱ. 사업자 선정",
        "1. 평가방법",
        "【별표1】기술제안서 평가 및 입찰가격 평가 비율",
        "2. 평가기준",
        "[붙임 1] 입찰참가 별지서식",
        "[별지 제7호 서식]",
        "개인정보처리위탁 계약서",
        "<붙임3>",
        "용역사업 보안특약",
        "① 계약상대자는 보안정책을 위반하였을 경우 [별표1]에 따라 조치한다.",
        "② 계약상대자는 보안대책을 수립한다.",
        "[별표1]",
        "사업자 보안위규 처리기준",
        "[별표2]",
        "보안 위약금 부과기준",
        "1. 위규 수준별로 A~D 등급으로 차등 부과",
        "[별지 제7호서식]",
        "소프트웨어사업 하도급 계획서",
    )
    got = tree(blocks)
    assert [(m, t, parent) for _, m, t, parent in got if m[:1] in "Ⅱ12[<【"] == [
        ("Ⅱ.", "사업자 선정", None),
        ("1.", "평가방법", "사업자 선정"),
        ("2.", "평가기준", "사업자 선정"),
        ("[붙임 1]", "입찰참가 별지서식", None),
        ("[별지 제7호 서식]", "개인정보처리위탁 계약서", "입찰참가 별지서식"),
        ("<붙임3>", "용역사업 보안특약", None),
        ("[별표1]", "사업자 보안위규 처리기준", "용역사업 보안특약"),
        ("[별표2]", "보안 위약금 부과기준", "용역사업 보안특약"),
        ("1.", "위규 수준별로 A~D 등급으로 차등 부과", "보안 위약금 부과기준"),
        ("[별지 제7호서식]", "소프트웨어사업 하도급 계획서", "용역사업 보안특약"),
    ]
    assert [level for level, m, _, _ in got if m.startswith(("[별", "<붙"))] == [2, 1, 2, 2, 2]


def test_forms_and_schedules_before_any_chapter_are_no_headings():
    # moel_employment_center_rules.hwp: a 훈령 whose own levels are no marks, then '[별표 6]' /
    # '고용센터 Ⅳ 유형에서 수행하는 업무 (제20조 관련)': nothing holds it, and made a chapter it
    # would push the rules' own top level down.
    blocks = hancom("1. 목적", "2. 정의", "[별표 6]", "고용센터 Ⅳ 유형에서 수행하는 업무")
    assert outline(blocks) == [(1, "1.", "목적"), (1, "2.", "정의")]


def test_notes_under_a_notes_label_are_no_sections():
    # kepco Ⅴ.4.: '[주]' over '1.「신용정보의 …」…' … '7. 등급구간 …' (with '(예) …' between),
    # then the chapter's own '5. 기타사항'.
    blocks = hancom(
        "Ⅴ. 사업자 선정 방안",
        "3. 기술제안서 평가방법",
        "4. 기술제안서 세부평가기준",
        "[주]",
        "1.「신용정보의 이용 및 보호에 관한 법률」에 해당하는 신용조회사가 평가한다.",
        "2. 확인되지 않은 경우에는 최저등급으로 평가한다.",
        "(예) (A사 점수×A사 지분율)+(B사 점수×B사 지분율)",
        "3. 등급구간 및 구간별 평점은 위 표에 의한다.",
        "5. 기타사항",
        "6. 입찰서류 및 제안서 제출안내",
    )
    assert [t for _, _, t in outline(blocks)] == [
        "사업자 선정 방안",
        "기술제안서 평가방법",
        "기술제안서 세부평가기준",
        "기타사항",
        "입찰서류 및 제안서 제출안내",
    ]


def test_a_doubled_circle_is_a_placeholder_not_a_bullet():
    assert match_marker("○○ 사업 제안응모 신청서") is None
    assert match_marker("ㅇㅇㅇ 사업") is None
    assert match_marker("○ 평가방법 : 신용평가등급") == (5, "○", "평가방법 : 신용평가등급")
