"""The generic outline (table `outline`) on real reports of the shared corpus.

Expected headings are read from the documents: the PDF's page images (pdftoppm), the HWP's
`hwp5proc xml`, and the HWPX section and header XML, which the wildlife test reads itself.
"""

from __future__ import annotations

import functools
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from kplan.parsers import parse_file
from kplan.rules.lines import document_stream
from kplan.rules.outline import extract_outline

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"
pytestmark = pytest.mark.corpus


@functools.cache
def nodes(relative: str):
    doc = parse_file(CORPUS / relative)
    assert doc.status != "failed", (relative, doc.error, doc.error_message)
    return extract_outline(document_stream(doc))


def squash(text: str) -> str:
    """Text compared without its spaces and with one middle dot (letter-spaced titles, the
    several dots Hancom prints)."""
    return re.sub(r"\s", "", re.sub("[‧·・ㆍ․]", "·", text))


def tops(relative: str, level: int = 2) -> list[tuple[int, str, str]]:
    return [(n.level, n.marker, squash(n.text)) for n in nodes(relative) if n.level <= level]


# ------------------------------------------------------------------ tables of contents


def test_pyhwpx_native_toc_entries_are_not_headings():
    # Page 1 is a Hancom contents field: '1. 개요 첫 번째\t1' … '4. 개요 네 번째\t3'; the four
    # headings follow as outline-level-0 paragraphs (header.xml paraPr heading OUTLINE 0).
    assert tops("fixtures/pyhwpx_native_toc.hwpx") == [
        (1, "", "개요첫번째"),
        (1, "", "개요두번째"),
        (1, "", "개요세번째"),
        (1, "", "개요네번째"),
    ]


@pytest.mark.parametrize("fmt", ["hwp", "pdf"])
def test_nikl_2022_work_plan_contents_page_is_not_headings(fmt):
    # PDF page 2 is the 목차 box (page image): 'Ⅰ. 2021년 평가 ···· 1' … '【별첨】일반현황 ··· 31'.
    level_one = [(m, t) for level, m, t in tops(f"reports/nikl_2022_work_plan.{fmt}", 1)]
    assert level_one == [
        ("Ⅰ.", "2021년평가"),
        ("Ⅱ.", "2022년정책방향"),
        ("Ⅲ.", "주요업무추진계획"),
        ("Ⅳ.", "역점추진과제"),
        ("붙임", "과제별추진일정"),
        ("별첨", "국립국어원일반현황"),
    ]
    if fmt == "pdf":
        assert not [n for n in nodes("reports/nikl_2022_work_plan.pdf") if n.page == 2]


def test_mois_2025_work_report_contents_textbox_is_not_headings():
    # hwp5proc xml: the 순서 text box holds 'Ⅰ. 일반 현황\t 1' … 'Ⅳ. 주요 쟁점이슈\t 20'; the
    # chapters are the 1×1 title boxes 'Ⅰ. 일반현황' … 'Ⅳ. 주요 쟁점이슈'.
    assert tops("reports/mois_2025_work_report.hwp", 1) == [
        (1, "Ⅰ.", "일반현황"),
        (1, "Ⅱ.", "’25년평가및향후업무추진방향"),
        (1, "Ⅲ.", "중점추진과제"),
        (1, "Ⅳ.", "주요쟁점이슈"),
    ]


def test_digital_gov_innovation_plan_2019_contents_entries_are_not_headings():
    # hwp5proc xml: the 순서 text box lists Ⅰ–Ⅲ with page numbers and ①–⑥ without.
    outline = nodes("reports/digital_gov_innovation_plan_2019.hwp")
    assert [(n.marker, squash(n.text)) for n in outline if n.level == 1][:3] == [
        ("Ⅰ.", "개요"),
        ("Ⅱ.", "디지털정부혁신추진계획"),
        ("Ⅲ.", "추진체계및일정"),
    ]
    assert not [n for n in outline if n.marker == "①" and "선제적" in n.text]
    assert not [n for n in outline if re.search(r"\s\d{1,2}$", n.text) and n.level <= 2]


def test_digital_gov_innovation_plan_2019_chapter_two_title_boxes_and_task_boxes():
    # hwp5proc xml, Ⅱ: a vision box whose paragraph '‣ (추진원칙) ① … ② … 목표로' breaks its line
    # before '③ 혁신 친화적인 방식으로 ④ 국민과 함께'; the title box '우선 추진과제' over the boxes
    # '1 | | 선제적·통합적 대국민 서비스 혁신' … '6 | | 개방형 데이터·서비스 생태계 구축'; the title
    # box '중장기 범정부 디지털 전환 로드맵 수립' over '○ 6대 우선 추진과제의 …'.
    outline = nodes("reports/digital_gov_innovation_plan_2019.hwp")
    chapter = next(n for n in outline if n.marker == "Ⅱ.")
    under = [n for n in outline if n.parent_id == chapter.node_id]
    assert [(n.marker, squash(n.text)) for n in under] == [
        ("", "우선추진과제"),
        ("", "중장기범정부디지털전환로드맵수립"),
    ]
    tasks = [n for n in outline if n.parent_id == under[0].node_id]
    assert [n.marker for n in tasks] == ["1", "2", "3", "4", "5", "6"]
    assert not [n for n in outline if n.text.startswith("혁신 친화적인")]


def test_digital_gov_innovation_plan_2019_annex_task_boxes_over_summaries():
    # 붙임: boxes '1 | | 선제적·통합적 … (신청주의에서 찾아가는 서비스로!)' (2×3, a row of 'ㅇ …'
    # summary lines under the title), each over its items ① … (the TCPS-drawn circled numbers).
    outline = nodes("reports/digital_gov_innovation_plan_2019.hwp")
    annex = next(n for n in outline if n.marker == "붙임")
    boxes = [n for n in outline if n.parent_id == annex.node_id]
    assert [n.marker for n in boxes] == ["1", "2", "3", "4", "5", "6"]
    assert squash(boxes[0].text) == "선제적·통합적대국민서비스혁신(신청주의에서찾아가는서비스로!)"
    first = [n.marker for n in outline if n.parent_id == boxes[0].node_id]
    assert first == ["①", "②", "③", "④", "⑤"]
    # Box 2's items are boxes too, each with its ministries in a text box beside the title: two
    # lines ('행안부,' / '각부처·지자체') beside ①, one ('행안부') beside ② and ③ — all one list.
    # (The box's note '* 정보주체인 이용자 중심의 …', on its title's '마이데이터*', comes first.)
    second = [n.marker for n in outline if n.parent_id == boxes[1].node_id]
    assert second == ["*", "①", "②", "③", "④", "⑤"]


def test_kwater_dr_center_rfp_2004_contents_entries_are_not_headings():
    # hwp5proc xml: '    1. 추진목적 \t 1', '    2. 추진방향\t 1' … are the contents page.
    texts = [squash(n.text) for n in nodes("reports/kwater_dr_center_rfp_2004_hwp5.hwp")]
    assert "추진목적1" not in texts and "추진방향1" not in texts


def test_kwater_dr_center_rfp_2004_first_contents_chapter_is_not_a_heading():
    # hwp5proc xml: '목      차' / 'Ⅰ. 사업개요' (listed without its page) / '    1. 추진목적 \t 1':
    # the contents' first chapter was a heading of its own before the body's 'Ⅰ. 사업개요'.
    top = tops("reports/kwater_dr_center_rfp_2004_hwp5.hwp", 1)
    assert [text for _, _, text in top[:2]] == ["사업개요", "제안일반사항"]


# ------------------------------------------------------------------ boxed headings


@pytest.mark.parametrize("fmt", ["hwp", "pdf"])
def test_nikl_2022_work_plan_boxed_headings(fmt):
    # Page 3 (image): 'Ⅰ. 2021년 평가' box, then the two-cell box '1 | 성 과'; hwp5proc xml:
    # a TableControl rows=1 cols=2 whose cells are '1' and '성 과'.
    outline = nodes(f"reports/nikl_2022_work_plan.{fmt}")
    by_id = {n.node_id: n for n in outline}
    boxed = [
        (n.marker, squash(n.text), squash(by_id[n.parent_id].text))
        for n in outline
        if n.level == 2 and n.marker in ("1", "2", "3")
    ]
    assert boxed == [
        ("1", "성과", "2021년평가"),
        ("2", "한계", "2021년평가"),
        ("1", "정책환경", "2022년정책방향"),
        ("2", "대응방향", "2022년정책방향"),
        ("1", "핵심성과과제", "역점추진과제"),
        ("2", "현안과제", "역점추진과제"),
        ("1", "연혁및임무", "국립국어원일반현황"),
        ("2", "조직및정원", "국립국어원일반현황"),
        ("3", "2022년예산현황", "국립국어원일반현황"),
    ]


def test_ai_semiconductor_overseas_pilot_plan_2026_three_cell_heading_boxes():
    # hwp5proc xml: one-row boxes '1 | | 추진배경 및 목적', '2 | | 사업내용', …
    boxed = [
        squash(n.text)
        for n in nodes("reports/ai_semiconductor_overseas_pilot_plan_2026.hwp")
        if n.level == 2 and n.marker.isdigit()
    ]
    assert boxed[:4] == ["추진배경및목적", "사업내용", "추진체계및주요역할", "추진일정"]


def test_rhwp_business_overview_roman_box_holds_numbered_boxes():
    # Contents/section0.xml: 'Ⅰ | 사업 개요', then '1 | 사업명', '2 | 추진 배경', '3 | 추진 근거'.
    outline = nodes("fixtures/rhwp_business_overview.hwpx")
    top = next(n for n in outline if n.level == 1)
    assert (top.marker, top.text) == ("Ⅰ", "사업 개요")
    assert [(n.marker, n.text) for n in outline if n.parent_id == top.node_id and n.level == 2] == [
        ("1", "사업명"),
        ("2", "추진 배경"),
        ("3", "추진 근거"),
    ]


# ------------------------------------------------------------------ figures are not marks


def test_nikl_2022_work_plan_pdf_bracketed_amount_line_ends_its_heading():
    # Page 8 (image): the box '1. 국어 정보자원 확대 구축 및 활용성 제고(57억원)', the amount in
    # a smaller font that the PDF reader gives as a line of its own; the HWP holds one paragraph.
    titles = [squash(n.text) for n in nodes("reports/nikl_2022_work_plan.pdf") if n.level == 2]
    assert "국어정보자원확대구축및활용성제고(57억원)" in titles
    assert "함께누리는수어·점자문화확산(49억원)" in titles


def test_nikl_2022_work_plan_pdf_figure_line_is_not_a_heading():
    # Page 22 (image, printed '- 20 -'): '…연구사 0.5명(공무직 0.5명 별도), ‘22년 관련 예산…'
    # wraps so that '0.5명(공무직…' opens a line. It is body text, not heading '0.'.
    outline = nodes("reports/nikl_2022_work_plan.pdf")
    assert not [n for n in outline if n.marker.startswith("0")]
    appendix = next(n for n in outline if n.marker == "붙임")
    assert appendix.page == 31 and appendix.level == 1


# ------------------------------------------------------------------ one paragraph, one node

WILDLIFE = CORPUS / "reports" / "wildlife_mgmt_system_rfp_2023.hwpx"
HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
HH = "{http://www.hancom.co.kr/hwpml/2011/head}"


def wildlife_paragraphs() -> list[tuple[str, str]]:
    """(paraPrIDRef, text) of every top-level paragraph of every section, from the XML."""
    out = []
    with zipfile.ZipFile(WILDLIFE) as zf:
        sections = sorted(
            (n for n in zf.namelist() if re.fullmatch(r"Contents/section\d+\.xml", n)),
            key=lambda n: int(re.search(r"\d+", n).group()),
        )
        for name in sections:
            root = etree.fromstring(zf.read(name))
            for p in root.findall(f"{HP}p"):
                text = "".join(
                    t.text or ""
                    for t in p.iter(f"{HP}t")
                    if t.getparent().tag == f"{HP}run" and t.getparent().getparent() is p
                )
                out.append((p.get("paraPrIDRef"), text.strip()))
    return out


def wildlife_outline_shapes(level: int) -> set[str]:
    with zipfile.ZipFile(WILDLIFE) as zf:
        header = etree.fromstring(zf.read("Contents/header.xml"))
    return {
        pr.get("id")
        for pr in header.iter(f"{HH}paraPr")
        for h in pr.iter(f"{HH}heading")
        if h.get("type") == "OUTLINE" and h.get("level") == str(level)
    }


def test_wildlife_mgmt_system_rfp_2023_each_marked_paragraph_is_a_node():
    outline = nodes("reports/wildlife_mgmt_system_rfp_2023.hwpx")
    expected = sorted(
        squash(text[1:])
        for _, text in wildlife_paragraphs()
        if text.startswith("❑") and text[1:].strip()
    )
    found = sorted(squash(n.text) for n in outline if n.marker == "❑")
    assert expected and all(found.count(t) >= expected.count(t) for t in set(expected))
    assert "하드웨어및소프트웨어현황" in found
    # Nothing of another paragraph is glued onto a node.
    assert not [n for n in outline if "❑" in n.text or " ◦ " in n.text]


def test_wildlife_mgmt_system_rfp_2023_outline_heads_are_headings():
    # header.xml: paraPr 184 (사업개요, 현황, …) is heading OUTLINE level 0, paraPr 185/186/466
    # (사 업 명, 사업기간, …) level 1; Hancom prints their numbers, the text has none. The
    # annexes ('붙임 1. …', '[붙임 3] …') are chapters beside them.
    chapters = wildlife_outline_shapes(0)
    expected = [squash(t) for shape, t in wildlife_paragraphs() if shape in chapters and t]
    outline = nodes("reports/wildlife_mgmt_system_rfp_2023.hwpx")
    levels = [n for n in outline if n.level == 1 and "붙임" not in n.marker]
    assert [squash(n.text) for n in levels] == expected
    assert expected[:3] == ["사업개요", "현황", "사업추진방안"]
    first = next(n for n in outline if n.level == 1)
    assert [squash(n.text) for n in outline if n.parent_id == first.node_id][:3] == [
        "사업명",
        "사업기간",
        "소요예산",
    ]


# ------------------------------------------------------------------ strategy groups


def test_mois_2025_work_report_strategy_groups_under_chapter_three():
    # hwp5proc xml: after the 1×1 box 'Ⅲ. 중점 추진과제' come 1×1 boxes opening with a
    # bracketed label ('[나 라] 정의로운 사회통합으로 바로서는 ｢국민의 나라｣(국정과제10)'), each
    # followed by its task boxes '① …' and their '□' items.
    outline = nodes("reports/mois_2025_work_report.hwp")
    by_id = {n.node_id: n for n in outline}
    chapter = next(n for n in outline if n.marker == "Ⅲ.")
    assert chapter.text == "중점 추진과제"
    groups = [n for n in outline if n.parent_id == chapter.node_id]
    assert [(g.level, g.marker) for g in groups] == [
        (2, "[나라]"),
        (2, "[정부]"),
        (2, "[지방]"),
        (2, "[공동체]"),
        (2, "[안전·생명]"),
        (2, "[플러스+ 과제]"),
        (2, "[플러스+ 과제]"),
    ]
    assert squash(groups[-1].text) == squash("철저한 예방·대비로 ｢안전한 겨울｣(국정과제72,73)")
    assert squash(groups[0].text) == squash(
        "정의로운 사회통합으로 바로서는 ｢국민의 나라｣(국정과제10)"
    )
    government = [
        squash(n.text) for n in outline if n.parent_id == groups[1].node_id and n.level == 3
    ]
    assert government == [
        squash("시민참여 활성화 기반 조성 (국정과제9·14)"),
        squash("공공 AX로 서비스 혁신 가속화 (국정과제24)"),
        squash("적극적 마인드로 문제를 해결하는 공직사회 구현 (국정과제13)"),
    ]
    first_item = next(n for n in outline if n.marker == "□" and n.parent_id == groups[0].node_id)
    assert squash(first_item.text) == squash("‘빛의 혁명’ 계승과 K-민주주의 확산")
    assert by_id[first_item.parent_id].marker == "[나라]"


# ------------------------------------------------------------------ the document's own nesting


def children(relative: str, parent_text: str, marker: str | None = None) -> list[tuple[str, str]]:
    """(marker, text) of the headings directly under the first one whose text starts with
    `parent_text` (and whose marker is `marker`, where given)."""
    all_nodes = nodes(relative)
    parent = next(
        n
        for n in all_nodes
        if squash(n.text).startswith(squash(parent_text)) and marker in (None, n.marker)
    )
    return [(n.marker, squash(n.text)) for n in all_nodes if n.parent_id == parent.node_id]


def test_ai_semiconductor_pilot_plan_definitions_sit_under_their_bullet():
    # hwp5proc xml: '◆ 기업규모 구분 (…다음의 법에서 정한 기준을 따름)' is followed by the
    # definitions '1. "중소기업"이라 함은 …' to '3. “중견기업”…'; the sections under Ⅰ are the
    # boxed numerals '1 | 추진배경 및 목적' … '4 | 추진일정'.
    relative = "reports/ai_semiconductor_overseas_pilot_plan_2026.hwp"
    assert [m for m, _ in children(relative, "기업규모 구분 (중소·벤처")] == ["1.", "2.", "3."]
    assert children(relative, "사업 개요") == [
        ("1", "추진배경및목적"),
        ("2", "사업내용"),
        ("3", "추진체계및주요역할"),
        ("4", "추진일정"),
    ]


def test_moel_learning_card_law_box_numbers_its_own_list():
    # Page 2 image: '5. 사업근거 및 추진경위', '① 법령상 근거 : …', then a box quoting the law
    # (제12조 ① … 제15조 … 1. 2. 3. …) continued on page 3 (③, ④), then '② 추진경위'.
    relative = "reports/budget_program_moel_learning_card.pdf"
    assert children(relative, "사업근거 및 추진경위") == [
        ("①", "법령상근거:｢국민평생직업능력개발법｣제12조,제15조,제17조및제18조"),
        ("②", "추진경위"),
    ]
    assert [n.marker for n in nodes(relative) if n.parent_id is None] == [
        f"{i}." for i in range(1, 8)
    ]


@pytest.mark.parametrize(
    "stem",
    ["budget_program_molit_small_housing_renewal", "budget_program_molit_happy_housing_investment"],
)
def test_molit_program_form_fields_do_not_outrank_its_sections(stem):
    # Page images 1–3: the form's '□ 사업 코드 정보' … '□ 사업 담당자' come before
    # '가. 지출계획 총괄표', whose '□ 기능별(내역사업별), 목별 계획 내역' sits before
    # '나. 사업설명자료' › '1) 사업목적·내용', '2) 사업개요' › '□ 사업근거 및 추진경위'.
    relative = f"reports/{stem}.pdf"
    top = [(n.marker, squash(n.text)) for n in nodes(relative) if n.level == 1]
    assert top == [("가.", "지출계획총괄표"), ("나.", "사업설명자료")]
    assert children(relative, "사업설명자료") == [("1)", "사업목적·내용"), ("2)", "사업개요")]
    assert ("□", "사업근거및추진경위") in children(relative, "사업개요")


@pytest.mark.parametrize("fmt", ["hwpx", "pdf"])
def test_local_gov_donation_form_bare_numbers_are_headings(fmt):
    # Contents/section0.xml: the paragraph '(2)' stands alone over its chart, between
    # '(1) 총' and '(3) 요일별 기부 건수 및 기부 금액'; the PDF prints it so on its page.
    relative = f"reports/local_gov_donation_report_form_2025.{fmt}"
    assert children(relative, "기부통계")[:3] == [
        ("(1)", "총"),
        ("(2)", ""),
        ("(3)", "요일별기부건수및기부금액"),
    ]


def test_mois_2025_work_report_list_box_sits_under_its_bullet():
    # hwp5proc xml: under Ⅳ ② 국민 재난성금 일원화, 'ㅇ (검토사항) …' is followed by a 1×1 box
    # holding '① (모금기관 의견 청취) …' to '④ (적립된 성금 투명성 확보 방안) …'.
    relative = "reports/mois_2025_work_report.hwp"
    inside = children(relative, "(검토사항)")
    assert [m for m, _ in inside] == ["①", "②", "③", "④"]
    assert inside[0][1].startswith("(모금기관의견청취)")
    assert [m for m, _ in children(relative, "주요 쟁점이슈")] == ["①", "②"]


@pytest.mark.parametrize("fmt", ["hwp", "hwpx"])
def test_moef_fdi_press_list_restarting_under_labels(fmt):
    # section0.xml: the 별첨 box '’24.1분기 해외직접투자 세부 통계(단위: 억 달러, …)', then the
    # paragraphs '(총투자 기준)', '1. 분기별 동향' … '2. 연도별 동향' …, '(순투자 기준)', '1. 분기별
    # 동향' again; the press release's notes '* 저지(Jersey) 섬 …' come before the 별첨.
    relative = f"reports/moef_fdi_2024q1_press.{fmt}"
    top = [squash(n.text) for n in nodes(relative) if n.level == 1]
    assert top == [
        "’24.1분기해외직접투자세부통계(단위:억달러,전년동기대비%)",
        "해외직접투자개념(외국환거래법제3조,시행령제8조)",
    ]
    assert children(relative, "’24.1분기") == [("", "(총투자기준)"), ("", "(순투자기준)")]
    assert [m for m, _ in children(relative, "(순투자 기준)")] == ["1.", "2."]


@pytest.mark.parametrize("fmt", ["hwp", "hwpx"])
def test_moel_2025_work_report_title_boxes_and_overlapped_numbers(fmt):
    # hwp5proc xml / section0.xml: Ⅲ's tasks ① … ⑨ sit under the 1×1 boxes '노동시장 격차
    # 해소', '노동있는 산업 대전환', '노동이 존중받는 일터' (numbered on through them); ⑩ ⑪ ⑫ are
    # overlapped characters (TCPSControl / hp:compose of U+F02BA with U+F02C3 … U+F02C5).
    relative = f"reports/moel_2025_work_report.{fmt}"
    groups = children(relative, "중점 추진과제")
    assert groups == [
        ("", "노동시장격차해소"),
        ("", "노동있는산업대전환"),
        ("", "노동이존중받는일터"),
    ]
    tasks = children(relative, "노동이 존중받는 일터", marker="")
    assert [m for m, _ in tasks] == ["⑨", "⑩", "⑪", "⑫"]
    assert tasks[1][1].startswith("일한만큼정당한대우")


def test_mosf_fiscal_stats_notes_before_the_first_heading_sit_low():
    # hwp5proc xml: the table's notes '·조세수입 : …', '* 구성항목별 합계 …' come before the
    # only heading '□ 관리재정수지(…)' › ' ㅇ △34,703십억원 = …' › '* 사회보장성기금 수입 …'.
    relative = "reports/mosf_fiscal_stats_2014_08.hwp"
    assert [(n.level, n.marker) for n in nodes(relative) if n.level <= 2] == [(1, "□"), (2, "ㅇ")]


@pytest.mark.parametrize("stem", ["2010_01", "2014_08"])
def test_mosf_fiscal_stats_table_footnotes_are_not_headings(stem):
    # hwp5proc xml: the cells ' 경상수입', ' 자본수입', … of the 통합재정통계 table carry
    # FootNote controls whose paragraphs are ' ․조세수입 : 사회보장기여금 포함', ' ․세외수입 : …',
    # '자본수입 : 고정․재고자산, …': the notes' text, not bullets of the body.
    relative = f"reports/mosf_fiscal_stats_{stem}.hwp"
    texts = [squash(n.text) for n in nodes(relative)]
    assert not [
        t for t in texts if t.startswith(("조세수입", "세외수입", "자본수입:", "경상지출:"))
    ]
    assert nodes(relative)[0].level == 1 or nodes(relative)[0].marker == "*"


# ------------------------------------------------------------------ headings set apart by type


FIS_ISSUE = "reports/fis_issue_22-4_intergov_fiscal_transfers.pdf"


def test_fis_issue_22_4_pdf_drawn_section_numbers_head_their_titles():
    # The page images: 01 들어가며 (PDF page 2, left), 02 … 용어 정의 (page 2, right), 03 … 현황
    # (page 4, left), 04 … 주요 현안 (page 6, left), 05 나가며 (page 8, right), 참고문헌 (page 9).
    # The numerals are drawn shapes, the titles 14 pt bold over a 10.8 pt light body.
    assert [(n.page, squash(n.text)) for n in nodes(FIS_ISSUE) if n.level == 1] == [
        (2, "들어가며"),
        (2, squash("중앙-지방 간 재정조정제도의 개념 및 용어 정의")),
        (4, squash("중앙정부와 지방자치단체의 재정규모 및 재원이전 현황")),  # its mark 8) left out
        (6, squash("중앙-지방 간 재정조정 관련 주요 현안")),
        (8, "나가며"),
        (9, "참고문헌"),
    ]


def test_fis_issue_22_4_pdf_sub_headings_after_a_drawn_mark_or_label_box():
    # Under 04 (pages 6–8): two ◗ headings, and the ◗ heading inside the shaded 참고 box on
    # page 8; the box's own title '… 주요국 사례 : 프랑스' is no heading. Under 01 (page 2) the
    # headings after the ISSUE and FOCUS label boxes, the label's letters not in the text.
    outline = nodes(FIS_ISSUE)
    four = next(n for n in outline if n.level == 1 and "주요현안" in squash(n.text))
    assert [squash(n.text) for n in outline if n.parent_id == four.node_id] == [
        squash(
            "(지방교부세) 사회환경 및 정책 변화에 따른 보통교부세의 법정률과 조정률에 관한 논의"
        ),
        squash("(국고보조금) 사회복지 분야의 국고보조금 확대와 재원분담 및 관리체계에 관한 논의"),
        squash("프랑스의 지방재정조정제도"),
    ]
    assert not any("주요국사례" in squash(n.text) for n in outline)
    one = outline[0]
    assert [squash(n.text) for n in outline if n.parent_id == one.node_id] == [
        squash("왜 중앙지방 간 재정조정제도에 주목하는가?"),
        squash("중앙-지방 간 재정조정 관련 주요 쟁점은?"),
    ]


def test_fis_issue_22_4_pdf_cover_contents_and_footnotes_are_not_headings():
    # The cover (page 1) lists 1 들어가며 … 5 나가며: contents, not headings. Footnotes in
    # 7.5 pt — '1) 국회예산정책처(2022), p.226.' (page 2), '5) 지방교부세법 제2조제1호에 근거함.'
    # (page 3) — number notes, not sections; nor are a table's notes '2) …' under <표 4>.
    outline = nodes(FIS_ISSUE)
    assert not [n for n in outline if n.page == 1]
    assert [squash(n.text) for n in outline].count("들어가며") == 1
    texts = {squash(n.text) for n in outline}
    assert squash("국회예산정책처(2022), p.226.") not in texts
    assert squash("지방교부세법 제2조제1호에 근거함.") not in texts
    assert not [n for n in outline if re.fullmatch(r"\d{1,2}\)", n.marker)]


def test_fis_issue_22_2_pdf_wrapped_heading_and_headings_in_the_box_stand_alone():
    # Page 7 (right): one ◗ heading over two lines, '최근에는 재정사업 성과관리 기본방향, …
    # 주요 내용으로 하는' / '중기재정사업 성과관리를 발표(’22.8.22.)'. Page 8 (left), in the
    # 참고 box: '◗ (배경) COVID19 … 재정의 노력 필요', the ▸ line under it not part of it.
    texts = [squash(n.text) for n in nodes("reports/fis_issue_22-2_performance_mgmt.pdf")]
    wrapped = squash(
        "최근에는 재정사업 성과관리 기본방향, 추진방안, 결과활용 및 성과 정보 공개 등을 주요 "
        "내용으로 하는 중기재정사업 성과관리를 발표(’22.8.22.)"
    )
    assert wrapped in texts
    assert (
        squash("(배경) COVID19 사태로 늘어난 지출을 줄이고 원상태로 회복하기 위한 재정의 노력 필요")
        in texts
    )


def test_moel_employment_center_rules_annex_tables_of_duties_are_not_headings():
    # hwp5proc xml: [별표 3]–[별표 5] list each team's duties ('- 구인발굴 등 일자리 개척에 관한
    # 사항', …) in the 주요 내용 column of a table of three; [별표 6] and [별표 7] in a table of
    # one column, '주요 내용' over them, its header drawn like its body (borders, no fill). A
    # table, not a box of the document's text: none of the duties is a heading.
    texts = {squash(n.text) for n in nodes("reports/moel_employment_center_rules.hwp")}
    assert squash("구인발굴 등 일자리 개척에 관한 사항") not in texts
    assert squash("국민취업지원제도 연계‧협업기관 관리") not in texts


def test_ai_semiconductor_pilot_plan_table_inside_the_exclusions_box_is_not_headings():
    # hwp5proc xml: the one-cell box of exclusions ('기업의 부도', …) holds a table of two rows,
    # '확인 근거 (최근 3개년 재무제표)' (shaded #d6d6d6) over '① 25년 결산이 확정된 경우', '* …':
    # a table in the box, whose lines are not the document's headings.
    texts = {squash(n.text) for n in nodes("reports/ai_semiconductor_overseas_pilot_plan_2026.hwp")}
    assert squash("25년 결산이 확정된 경우") not in texts
    assert squash("25년 결산이 미확정인 경우") not in texts


def test_molit_green_remodeling_notice_procedure_box_runs_its_own_enumeration():
    # hwp5proc xml: under 󰊳 사업 예산(1차 보조금) 지급 a 1×1 box '< e나라도움 교부신청서 작성 절차 >'
    # over '① e나라도움 로그인 → ② 사업수행관리 → … ⑥ …', and a like box under Ⅷ: procedures,
    # not the first item of a list; Ⅶ's seven steps 󰊱-󰊷 are its only second-level headings.
    outline = nodes("reports/molit_green_remodeling_subsidy_notice_2026.hwp")
    assert not [n for n in outline if "→" in n.text]
    seventh = [i for i, n in enumerate(outline) if n.level == 1 and n.marker.startswith("Ⅶ")][0]
    eighth = [i for i, n in enumerate(outline) if n.level == 1 and n.marker.startswith("Ⅷ")][0]
    steps = [squash(n.text) for n in outline[seventh:eighth] if n.level == 2]
    assert steps == [
        "수행기관공모신청",
        "수행기관선정",
        "사업예산(1차보조금)지급",
        "사업수행",
        "사업예산(2차교부금)지급",
        "사업비정산및검증",
        "사업결과",
    ]


def test_nikl_2022_work_plan_pdf_note_enumeration_wrapped_is_not_a_heading():
    # Page 21 (pdftotext): '** … 개선 요구 사항 ① 사용자 수준별 설명 부족(34.8%),' wraps to
    # '② 의미 이해에 불충분한 설명(23.4%), ③ 단어의 어원에 …': one note, no list of ② items.
    outline = nodes("reports/nikl_2022_work_plan.pdf")
    assert not [n for n in outline if n.text.startswith("의미 이해에 불충분한")]


@pytest.mark.parametrize(
    "name", ["kwater_digital_platform_rfp_2025.hwp", "kwater_digital_platform_rfp_2025.hwpx"]
)
def test_kwater_digital_platform_rfp_contents_without_pages_are_not_headings(name):
    # section0.xml / hwp5proc xml: '목    차' over '1. 제안공모요강' … '4.1. 예정공정표' (no page
    # numbers) and '첨부1 : …'; the body in section 1 has 1.–5. once each.
    outline = nodes(f"reports/{name}")
    assert [squash(n.text) for n in outline if n.level == 1] == [
        "제안공모요강",
        "제안자를위한정보",
        "제안요청내용",
        "예정공정표",
        "기타사항",
    ]
    assert [n.marker for n in outline if n.level == 2][-3:] == ["3.2", "4.1.", "5.1."]


def test_wildlife_rfp_form_contents_are_not_headings():
    # section4.xml: the 사업수행계획서 form's '목 차' lists '1. 사 업 명' … '11. 품질보증계획' …
    # '15. 발주기관 협조요청사항' (no pages); the form's body has them once, 11 as '품질관리계획'.
    outline = nodes("reports/wildlife_mgmt_system_rfp_2023.hwpx")
    texts = [squash(n.text) for n in outline]
    assert "품질보증계획" not in texts
    assert texts.count("품질관리계획") == 1 and texts.count("발주기관협조요청사항") == 1
    assert texts.count("표준화계획") == 1


def test_lh_permanent_rental_notice_pdf_halfwidth_squares_are_items_of_section_nine():
    # Page 18 (pdftotext, page image): under '9. 주택 소유여부 확인 방법 및 판정기준(…)' four items
    # marked '￭' (U+FFED, the half-width ■): 확인방법, 범위, 소유 기준일, 소유로 보지 않는 경우.
    outline = nodes("reports/lh_permanent_rental_notice_2022.pdf")
    nine = next(i for i, n in enumerate(outline) if n.level == 1 and n.marker == "9.")
    assert squash(outline[nine].text) == squash(
        "주택 소유여부 확인 방법 및 판정기준(주택공급에 관한 규칙 제52조, 제53조)"
    )
    items = [n for n in outline[nine + 1 :] if n.level <= 2]
    assert [(n.marker, squash(n.text)[:10]) for n in items[:4]] == [
        ("■", "확인방법"),
        ("■", "주택및‘분양권등’의"),
        ("■", "주택및‘분양권등’의"),
        ("■", "주택또는‘분양권등’"),
    ]


def test_fis_issue_22_2_section_title_opening_with_a_year_is_a_heading():
    # Page 4 (printed 06): the drawn '03' beside '2021년도 재정성과관리제도 운영 결과' in the
    # sections' 14 pt bold, between 02's and 04's titles (it was missing: it opens with a year).
    top = [text for level, _, text in tops("reports/fis_issue_22-2_performance_mgmt.pdf", 1)]
    assert top[:4] == [
        "들어가며",
        "재정성과관리제도개념및용어정의",
        "2021년도재정성과관리제도운영결과",
        "재정성과관리제도의주요현안",
    ]


def test_nts_tax_ruling_quoted_articles_number_their_own_lists():
    # hwp5proc xml: '3. 관련 법령' over '○ 법인세법 제60조의2 【성실신고확인서 제출】' and the
    # article's indented ' ① …', '  1. …' (which took the top level over '1. 사실관계'), then
    # the next cited article's '○ …' at the ○ level again.
    top = tops("reports/nts_tax_ruling_corporate_filing.hwp")
    assert [(level, marker) for level, marker, _ in top[:6]] == [
        (1, "1."),
        (2, "○"),
        (1, "2."),
        (2, "○"),
        (1, "3."),
        (2, "○"),
    ]
    cited = [text for level, _, text in top[5:]]
    assert len(cited) == 8 and cited[0] == "법인세법제60조의2【성실신고확인서제출】"
    assert cited[-1] == "조세특례제한법시행령제132조【임대보증금등의간주익금】"


def test_gov_award_nomination_forms_2016_annex_boxes_over_their_form_sources():
    # hwp5proc xml: each form opens with a box '별표N | | title', its title cell one line or the
    # title over the form it reproduces ('정부포상 추천자 현황' / '2016년도 정부포상업무지침[별지
    # 제6호의1 서식)'); 5 of the 10 boxes (별표1, 2, 4 개인, 5-8) were no headings.
    top = [(m, t) for level, m, t in tops("reports/gov_award_nomination_forms_2016.hwp", 1)]
    assert top == [
        ("별표1", "정부포상추천자현황"),
        ("별표2", "정부포상후보자추천서"),
        ("별표3", "공적요약서(개인)"),
        ("별표3", "공적요약서(단체)"),
        ("별표4", "공적조서(개인)"),
        ("별표4", "공적조서(단체)"),
        ("별표5", "공적확인서"),
        ("별표6", "공무원인사기록요약서"),
        ("별표7", "현지확인서"),
        ("별표8", "정부포상에대한동의서"),
    ]


def test_april19_cemetery_festival_rfp_forms_are_no_sections():
    # section1/2.xml: 'Ⅵ. 제출목록 및 서식' is followed by 【서식 1】-【서식 17】 only, each over
    # the title it prints on its next paragraph (【서식 12】, the cover sample, prints none): the
    # tear-off slip under a '-----' line, the 참여요원 form's notes '1. 공고일 현재 …' and the
    # 보안각서's clauses '1. 본인은 …' are the forms' own, not sections of the RFP.
    top = tops("reports/april19_cemetery_festival_rfp.hwpx")
    chapter = top.index((1, "Ⅵ.", "제출목록및서식"))
    assert [(level, marker) for level, marker, _ in top[chapter + 1 :]] == [
        (2, f"【서식 {n}】") for n in range(1, 18)
    ]
    titles = [text for _, _, text in top[chapter + 1 :]]
    assert titles[:2] == ["『제2회가을밤의음악축제』입찰참가접수확인서", "입찰참가신청서"]
    assert titles[11:13] == ["", "가격제안서"]
    assert titles[-1] == "서면질의서"


def test_wildlife_rfp_typed_numbers_rank_with_the_outlines_own():
    # section1/2.xml: 'Ⅲ. 사업추진방안' (outline level 0, its numeral drawn) over '1. 추진 목표' …
    # '15. 기 타' typed by hand; under 'Ⅳ. 입찰 및 사업자 선정' four outline level 1 items (their
    # '1.'-'4.' drawn), then '5. 「중대재해 …」' typed.
    top = tops("reports/wildlife_mgmt_system_rfp_2023.hwpx")
    chapter = top.index((1, "", "사업추진방안"))
    assert top[chapter + 1] == (2, "1.", "추진목표")
    assert top[chapter + 15] == (2, "15.", "기타")
    assert (2, "5.", "「중대재해등의처벌에관한법률」제정·시행에따른준수사항안내") in top


def test_wildlife_rfp_annexes_are_chapters_after_their_listing():
    # section2-4.xml: after Ⅴ's last item a list '[붙임 1] 제안서 기술 평가항목 및 배점' … '[붙임 4]
    # 착수계' (with the 별지 서식 between), then each annex: '[붙임 1] 제안서 기술 평가항목 및 배점'
    # over its table, … '[붙임 3] 정보시스템 구축․운영 지침 …' over '1. 정보시스템의 상호운용성' …,
    # a bare '[붙임 4]' over the form whose first row is its title, '정보화사업 착수계'.
    top = tops("reports/wildlife_mgmt_system_rfp_2023.hwpx")
    annexes = [text for level, marker, text in top if level == 1 and marker.startswith("[붙임")]
    assert annexes == [
        "제안서기술평가항목및배점",
        "입찰참가별지서식",
        "정보시스템구축·운영지침상호운용성등기술평가표",
        "정보화사업착수계",
    ]
    third = top.index((1, "[붙임 3]", annexes[2]))
    assert top[third + 1] == (2, "1.", "정보시스템의상호운용성")


# ------------------------------------------------------------------ words wrapped across lines


def test_fis_issue_22_2_pdf_a_word_broken_over_two_lines_is_one_word():
    # Page 6 (left column): '- 등급 배분 기준에 … 소액 사업 위주로 미흡 등급 배' over '분되는
    # 관행을 방지'. The export ends a line it wraps between words in a space (its other lines
    # at the column's edge do); this one ends at the edge in '배', and the document writes
    # '배분' (twice on the page). The page image prints '배분되는': one word, no space in it.
    texts = [n.text for n in nodes("reports/fis_issue_22-2_performance_mgmt.pdf")]
    assert (
        "등급 배분 기준에 사업수(하위 15%) 이외에 예산 규모(예산의 5%)를 추가하여 소액 사업 위주로 "
        "미흡 등급 배분되는 관행을 방지"
    ) in texts
    assert not [t for t in texts if "배 분되는" in t]


def test_keit_pdf_words_broken_at_the_edge_are_whole_and_words_wrapped_between_stay_apart():
    # p.6: '… 혼합 추론으로 형' over '상·치수·공차·재질·주석 등 …' (the image: '형상·치수'),
    # while '… 구조화' over the next bullet stays two lines.
    texts = [n.text for n in nodes("reports/keit_ai_product_rnd_business_plan_2026.pdf")]
    layer = next(t for t in texts if t.startswith("[레이어1]"))
    assert (
        "혼합 추론으로 형상·치수·공차·재질·주석 등 도면 내 메타데이터를 자동 추출·구조화" in layer
    )
    assert not layer.endswith("[레이어2]") and "[레이어2]" not in layer


def test_nikl_pdf_prints_no_space_where_it_wraps_so_its_breaks_stay_spaces():
    # nikl's export ends no line in a space where it wraps between words ('… 공공언어 환경에'
    # over '영향이 큰 교육 대상 …'): its line ends say nothing, and no wrapped word is joined.
    from kplan.parsers.model import Paragraph

    doc = parse_file(CORPUS / "reports/nikl_2022_work_plan.pdf")
    assert not [b.text for b in doc.blocks if isinstance(b, Paragraph) and b.word_goes_on]
    texts = [n.text for n in nodes("reports/nikl_2022_work_plan.pdf")]
    assert any("공공언어 환경에 영향이 큰 교육 대상 발굴" in t for t in texts)
