"""The generic outline's pieces on small made-up streams: marks, contents lines, boxed headings,
wrapped lines."""

from __future__ import annotations

from kplan.parsers.model import Cell, Document, Paragraph, Table
from kplan.rules.lines import document_stream
from kplan.rules.outline import extract_outline, heading_box, match_marker


def outline(blocks, fmt="hwpx"):
    doc = Document(path="x", format=fmt, blocks=blocks)
    return [(n.level, n.marker, n.text) for n in extract_outline(document_stream(doc))]


def hancom(*texts, heads=None):
    heads = heads or {}
    return [
        Paragraph(text=t, position=f"section 0 paragraph {i}", head=heads.get(i))
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
    assert outline(blocks) == [(1, "Ⅰ.", "일반현황"), (4, "□", "현황")]


def test_a_contents_box_is_not_headings():
    toc = Table(
        cells=[Cell(0, 0, "[ 목    차 ]\nⅠ. 평가\t 1\nⅡ. 방향")],
        n_rows=1,
        n_cols=1,
        position="section 0 paragraph 0",
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
        Paragraph(text="□ 세부 과제", position="section 0 paragraph 3"),
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
    assert outline(blocks) == [(4, "□", "추진 배경"), (5, "ㅇ", "세부 줄바꿈 뒤")]


def test_an_outline_head_paragraph_is_a_heading_at_its_level():
    blocks = hancom(
        "사업개요",
        "사업명",
        "❑ 고도화 사업",
        prose(200),
        heads={0: ("outline", 0), 1: ("outline", 1)},
    )
    assert outline(blocks) == [(1, "", "사업개요"), (2, "", "사업명"), (4, "❑", "고도화 사업")]


def test_pdf_heading_continues_after_a_full_line_only():
    full = "ㅇ " + prose(40)
    lines = [full, "이어지는 줄", "ㅇ 짧은 제목", "다른 문단"] + [prose(40)] * 20
    blocks = [Paragraph(text=t, page=1) for t in lines]
    nodes = outline(blocks, fmt="pdf")
    assert nodes[0][2].endswith("이어지는 줄")
    assert nodes[1] == (5, "ㅇ", "짧은 제목")
