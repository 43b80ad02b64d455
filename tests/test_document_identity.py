"""Title, organization and plan year of real reports, one test per kind of report, read from
their covers (page images, `pdftotext -l 1`, the cover boxes in `hwp5proc xml`/section0.xml);
and the rules that read them, on documents built here."""

from functools import cache

import pytest
from conftest import CORPUS

from kplan.parsers import parse_file
from kplan.parsers.model import Cell, Document, Paragraph, Table
from kplan.rules import extract
from kplan.rules.identity import cover_date_year, cover_identity, enacted_rule_title

REPORTS = CORPUS / "reports"


@cache
def identity(name: str) -> tuple:
    facts = extract(parse_file(REPORTS / name))
    return facts.title, facts.organization, facts.plan_year


# --- the rules -----------------------------------------------------------------------------


def test_a_cover_title_gives_title_organization_and_year():
    assert cover_identity(["2022년 국립국어원 업무계획", "2022. 1."]) == (
        "2022년 국립국어원 업무계획",
        "국립국어원",
        2022,
    )


def test_an_annual_report_dated_in_the_last_quarter_is_about_the_next_year():
    assert cover_identity(["행정안전부 업무보고", "2025. 12. 17."]) == (
        "행정안전부 업무보고",
        "행정안전부",
        2026,
    )
    assert cover_identity(["행정안전부 업무보고", "2025. 3. 2."])[2] == 2025


def test_a_plan_dated_in_october_is_about_its_own_year():
    # 디지털 정부혁신 추진계획 (2019. 10. 29.) starts at once: not an annual work plan.
    assert cover_identity(["디지털 정부혁신 추진계획", "2019. 10. 29.", "관계부처 합동"]) == (
        "디지털 정부혁신 추진계획",
        None,
        2019,
    )
    assert cover_date_year(["2019. 10. 29."]) == 2019
    assert cover_date_year(["2019. 10. 29."], annual=True) == 2020


def test_a_kind_word_alone_is_no_title():
    assert cover_identity(["업무계획", "2022. 1."]) is None


def cover(*lines: str, metadata: dict | None = None, body: str = "본문") -> Document:
    """A cover box, cover lines, then the first chapter."""
    box = Table(cells=[Cell(0, 0, ""), Cell(1, 0, lines[0]), Cell(2, 0, "")], n_rows=3, n_cols=1)
    return Document(
        path="x.hwp",
        format="hwp",
        metadata=metadata or {},
        blocks=[box]
        + [Paragraph(text) for text in lines[1:]]
        + [Paragraph("Ⅰ. 일반현황"), Paragraph(body)],
    )


def test_the_cover_box_wins_over_the_body():
    facts = extract(
        cover("2024년 국립국어원 업무계획", "2024. 1.", body="2030년 사업계획 이후의 과제")
    )
    assert (facts.title, facts.organization, facts.plan_year) == (
        "2024년 국립국어원 업무계획",
        "국립국어원",
        2024,
    )


def test_a_metadata_title_printed_on_the_cover_is_the_title():
    # An undated cover naming no kind of report: only the metadata says which line is the title.
    doc = cover("관계부처 합동", "지역 안전 점검 결과", metadata={"title": "지역 안전 점검 결과"})
    assert extract(doc).title == "지역 안전 점검 결과"


@pytest.mark.parametrize("junk", ["□", "5", "Untitled", "국가생물종목록 정보구축 관리 제안요청서"])
def test_a_metadata_title_the_cover_does_not_print_is_junk(junk):
    facts = extract(cover("관계부처 합동", "지역 안전 점검 결과", metadata={"title": junk}))
    assert facts.title is None


def test_a_cover_frame_with_a_nested_title_box_above_its_date():
    # Hancom's cover of a form: a 6×1 frame of empty rows, the title a 3×1 box nested in row 2
    # and the date in row 4; a frame that fills more cells is a table of content, not a cover.
    title = Table(
        cells=[Cell(0, 0, ""), Cell(1, 0, "2026년 시범 지원사업\n사업계획서"), Cell(2, 0, "")],
        n_rows=3,
        n_cols=1,
    )
    rows = ["", "", "", "", "2026. 2. 27.", ""]
    frame = Table(
        cells=[Cell(r, 0, text) for r, text in enumerate(rows)],
        n_rows=6,
        n_cols=1,
        nested={(2, 0): [title]},
    )
    body = [Paragraph("Ⅰ. 개요"), Paragraph("본문")]
    facts = extract(Document(path="x.hwpx", format="hwpx", blocks=[frame, *body]))
    assert (facts.title, facts.plan_year) == ("2026년 시범 지원사업 사업계획서", 2026)
    full = Table(cells=[Cell(r, 0, f"항목 {r}") for r in range(6)], n_rows=6, n_cols=1, nested={})
    assert extract(Document(path="x.hwpx", format="hwpx", blocks=[full, *body])).title is None


def test_a_metadata_title_printed_as_a_field_label_is_not_the_title():
    # Hancom titles a file by its first words typed; a form's may be its first field's label.
    doc = cover("관계부처 합동", "담당교사: ◯◯◯", metadata={"title": "담당교사"})
    assert extract(doc).title is None


def test_a_chapter_box_of_its_numeral_alone_ends_the_cover():
    # 'Ⅰ | 교수학습 운영 계획' (a 1×2 box) is the first chapter, not a cover line naming a plan.
    box = Table(cells=[Cell(0, 0, "2025학년도 과목 평가계획")], n_rows=1, n_cols=1)
    chapter = Table(cells=[Cell(0, 0, " Ⅰ"), Cell(0, 1, " 교수학습 운영 계획")], n_rows=1, n_cols=2)
    doc = Document(path="x.hwpx", format="hwpx", blocks=[box, chapter, Paragraph("본문")])
    assert (extract(doc).title, extract(doc).plan_year) == ("2025학년도 과목 평가계획", 2025)


# --- real reports ---------------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["nikl_2022_work_plan.hwp", "nikl_2022_work_plan.pdf"])
def test_nikl_2022_work_plan_cover(name):
    # Page 1: a title box '2022년 국립국어원 업무계획' over the date '2022. 1.'.
    assert identity(name) == ("2022년 국립국어원 업무계획", "국립국어원", 2022)


@pytest.mark.corpus
@pytest.mark.parametrize(
    "name,organization",
    [
        ("mois_2025_work_report.hwp", "행정안전부"),
        ("moel_2025_work_report.hwp", "고용노동부"),
        ("moel_2025_work_report.hwpx", "고용노동부"),
    ],
)
def test_ministry_work_report_cover_dated_december_plans_the_next_year(name, organization):
    # Cover box '행정안전부 업무보고' / '고용노동부 업무보고', dated 2025. 12. 17. / 2025. 12. 11.;
    # their 예산 현황 sets 2025 against the 2026 budget and their plans are for ’26.
    assert identity(name) == (f"{organization} 업무보고", organization, 2026)


# pdftotext -l 1: the 사업명 box '(21) 내일배움카드(일반)(1131-300)', 소관 in the code table, and
# the 총괄표's last year 2024 (정부안, 확정).
BUDGET_PROGRAMS = [
    ("budget_program_moel_learning_card.pdf", "내일배움카드(일반)", "고용노동부"),
    ("budget_program_mohw_livelihood_benefit.pdf", "생계급여", "보건복지부"),
    ("budget_program_mohw_parent_benefit.pdf", "부모급여(영아수당) 지원", "보건복지부"),
    ("budget_program_mohw_senior_jobs.pdf", "노인일자리 및 사회활동지원", "보건복지부"),
    ("budget_program_molit_happy_housing_investment.pdf", "행복주택출자", "국토교통부"),
    ("budget_program_molit_small_housing_renewal.pdf", "소규모주택정비사업", "국토교통부"),
    ("budget_program_motie_energy_voucher.pdf", "에너지바우처", "산업통상자원부"),
    ("budget_program_mss_startup_commercialization.pdf", "창업사업화지원", "중소벤처기업부"),
]


@pytest.mark.corpus
@pytest.mark.parametrize("name,program,ministry", BUDGET_PROGRAMS)
def test_budget_program_description_is_its_program(name, program, ministry):
    assert identity(name) == (program, ministry, 2024)


@pytest.mark.corpus
def test_digital_gov_innovation_plan_2019_cover():
    # Cover: '디지털 정부혁신 추진계획', '2019. 10. 29.', '관계부처 합동' (no one organization).
    assert identity("digital_gov_innovation_plan_2019.hwp") == (
        "디지털 정부혁신 추진계획",
        None,
        2019,
    )


@pytest.mark.corpus
def test_wildlife_rfp_metadata_title_from_another_document_is_not_taken():
    # content.hpf says '국가생물종목록 정보구축 관리(2018년) 제안요청서'; the cover prints
    # '야생동물 종합관리 시스템 고도화(2023년)'.
    title, _, _ = identity("wildlife_mgmt_system_rfp_2023.hwpx")
    assert title is None or "국가생물종목록" not in title


@pytest.mark.corpus
def test_wildlife_rfp_cover_box_of_labelled_fields_names_project_and_issuer():
    # section0.xml: '제 안 요 청 서', a 2×2 box '사 업 명 | 야생동물 종합관리 시스템 고도화(2023년)'
    # / '주관기관 | 국립생물자원관', then '2023. 5.'.
    assert identity("wildlife_mgmt_system_rfp_2023.hwpx") == (
        "야생동물 종합관리 시스템 고도화(2023년) 제안요청서",
        "국립생물자원관",
        2023,
    )


def test_a_labelled_fields_box_without_a_project_field_gives_no_title():
    box = Table(
        cells=[Cell(0, 0, "사업기간"), Cell(0, 1, "계약일로부터 270일"), Cell(1, 0, "주관기관")]
        + [Cell(1, 1, "국립생물자원관")],
        n_rows=2,
        n_cols=2,
    )
    doc = Document(path="x.hwpx", format="hwpx", blocks=[box, Paragraph("Ⅰ. 개요")])
    assert extract(doc).title is None


@pytest.mark.corpus
def test_ai_semiconductor_overseas_pilot_plan_2026_cover_box_above_its_date():
    # Cover box: '2026년『AI-반도체 해외실증 지원』' / '사업 공모 안내서(엣지형)', then '2026. 2.'.
    assert identity("ai_semiconductor_overseas_pilot_plan_2026.hwp") == (
        "2026년『AI-반도체 해외실증 지원』 사업 공모 안내서(엣지형)",
        None,
        2026,
    )


@pytest.mark.corpus
@pytest.mark.parametrize(
    "name", ["local_gov_donation_report_form_2025.hwpx", "local_gov_donation_report_form_2025.pdf"]
)
def test_local_gov_donation_report_form_2025_cover(name):
    # Cover: a 지자체명 field, '2025년 보고서', dated '2026. 1.': the report is about 2025.
    assert identity(name) == ("2025년 보고서", None, 2025)


@pytest.mark.corpus
def test_mfds_admin_notice_2025_title_wrapped_over_two_paragraphs():
    # section0: '생산·수입 중단 보고대상 의료기기 및' / '보고 방법 일부개정고시(안)' / '2025.11.'
    # / '식품의약품안전처'.
    title, _, year = identity("mfds_admin_notice_2025.hwpx")
    assert (title, year) == ("생산·수입 중단 보고대상 의료기기 및 보고 방법 일부개정고시(안)", 2025)


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["moef_fdi_2024q1_press.hwp", "moef_fdi_2024q1_press.hwpx"])
def test_moef_fdi_2024q1_press_release_is_titled_by_its_headline(name):
    # A 1×3 '보도자료' box, then the headline box, then 보도시점 '2024. 6. 21.(금)'.
    title, organization, _ = identity(name)
    assert (title, organization) == (
        "‘24년 1분기 해외직접투자는 150.9억 달러로 전년동기비 14.6% 감소",
        None,
    )


def test_fis_issue_22_4_periodical_cover_headline_and_colophon_publisher():
    # Cover (page image, pdftotext -l 1): the issue box '22-4호 2022.12.' (its number drawn
    # as outlines, '호' in the text layer), '발행인 … 발행처 …', '작성 …', then the headline;
    # the logo is a picture, and the last page says '이 보고서는 한국재정정보원 홈페이지(…)를
    # 통해 보실 수 있습니다'.
    assert identity("fis_issue_22-4_intergov_fiscal_transfers.pdf")[:2] == (
        "중앙-지방 간 재정조정제도",
        "한국재정정보원",
    )


def test_mosf_fiscal_stats_2014_08_title_box_and_publishing_box():
    # hwp5proc xml: the first table's third cell '《 기획재정부 홈페이지 공표 자료(안) 》',
    # then a one-cell box '통 합 재 정 통 계'.
    assert identity("mosf_fiscal_stats_2014_08.hwp")[:2] == ("통합재정통계", "기획재정부")


def test_a_periodical_title_is_the_line_after_its_masthead():
    from kplan.rules.identity import periodical_title

    lines = ["22-4호", "2022.12.", "발행인 홍길동 발행처 서울", "작성 김 연구원", "재정 이야기"]
    assert periodical_title(list(enumerate(lines + ["1 들어가며"]))) == "재정 이야기"
    assert periodical_title(list(enumerate(lines[2:]))) is None  # no issue box


def test_a_publisher_is_named_by_the_website_the_report_is_on():
    doc = Document(
        path="x.pdf",
        format="pdf",
        blocks=[Paragraph("본문")] * 20
        + [Paragraph("이 보고서는 한국재정정보원 홈페이지(www.fis.kr)를 통해 보실 수 있습니다.")],
    )
    from kplan.rules.identity import publisher

    assert publisher(doc) == "한국재정정보원"
    # A site named in the body says nothing of who publishes the report.
    doc.blocks = [Paragraph("자세한 내용은 행정안전부 홈페이지 참고")] + [Paragraph("본문")] * 20
    assert publisher(doc) is None


def test_lh_permanent_rental_notice_2022_numbered_box_is_no_title():
    # Page 1: its first box is the heading '1. 모집대상 단지 및 공급일정', not a title.
    assert identity("lh_permanent_rental_notice_2022.pdf")[0] != "1. 모집대상 단지 및 공급일정"


@pytest.mark.corpus
def test_ai_voucher_business_plan_form_2026_cover_frame():
    # section0.xml: table 0 is a 6×1 frame; row 2 holds a 3×1 box '2026년 AI바우처 지원사업' /
    # '사업계획(신청)서' / '<일반분과>', row 4 '2026. 2. 27.'; content.hpf's title '사업개요' is a
    # template's and the form names no issuer.
    assert identity("ai_voucher_business_plan_form_2026.hwpx") == (
        "2026년 AI바우처 지원사업 사업계획(신청)서 <일반분과>",
        None,
        2026,
    )


@pytest.mark.corpus
def test_molit_green_remodeling_notice_cover_box_and_signature():
    # hwp5proc xml: a 1×1 box opens the notice with its title; under the text '2026년 3월 23일'
    # and '국토안전관리원 원장' sign it.
    assert identity("molit_green_remodeling_subsidy_notice_2026.hwp") == (
        "「기존 건축물의 에너지·온실가스 시뮬레이터 고도화·운영관리 및 저변 확산」"
        "사업 수행 보조사업자 모집 공고",
        "국토안전관리원",
        2026,
    )


@pytest.mark.corpus
@pytest.mark.parametrize(
    "name", ["kwater_digital_platform_rfp_2025.hwp", "kwater_digital_platform_rfp_2025.hwpx"]
)
def test_kwater_digital_platform_rfp_cover_title_over_its_english_gloss(name):
    # section0.xml: a 3×1 frame holding 'K-water 디지털플랫폼 구축' / '제안 요청서', then
    # '(RFP: Request For Proposal)' and '2025. 1.'; no organization but the title's K-water.
    title, _, year = identity(name)
    assert (title, year) == ("K-water 디지털플랫폼 구축 제안 요청서", 2025)


@pytest.mark.corpus
def test_lh_permanent_rental_notice_title_box_over_its_bracketed_date():
    # Page 1 (page image): a box '부천옥길 A1블록 영구임대주택 예비입주자 모집' over
    # '(입주자모집공고일 : 2022. 7. 27)'; no organization is printed on the cover.
    assert identity("lh_permanent_rental_notice_2022.pdf") == (
        "부천옥길 A1블록 영구임대주택 예비입주자 모집",
        None,
        2022,
    )


@pytest.mark.corpus
def test_school_subject_eval_plan_title_box_names_its_school_year():
    # section0.xml: a 1×1 box '2025학년도 1학기 (보통과)(화학Ⅱ)과 교수학습 및 평가 운영 계획'.
    title, _, year = identity("school_subject_eval_plan_2025.hwpx")
    assert (title, year) == ("2025학년도 1학기 (보통과)(화학Ⅱ)과 교수학습 및 평가 운영 계획", 2025)


@pytest.mark.corpus
def test_msit_nuri_rocket_press_headline_under_its_보도일시_box():
    # hwp5proc xml: a 3×4 box '보도일시 | 2018. 9. 4.(화) …' / '배포일시 …' (no '보도자료'), then
    # the headline box: '우리가 독자 개발하여 최초 발사하는 한국형발사체,' / '국민이 정한 그
    # 이름은 ｢누리｣' over its '- “세상”의 옛말로 … -' subtitles.
    title, _, _ = identity("msit_nuri_rocket_press_2018.hwp")
    assert title == "우리가 독자 개발하여 최초 발사하는 한국형발사체, 국민이 정한 그 이름은 ｢누리｣"


@pytest.mark.corpus
def test_moel_employment_center_rules_title_over_its_enactment_history():
    # hwp5proc xml: the first paragraph '고용센터 및 고용관련 부서 운영 규정' over '제정 2006. 8.
    # 16  훈령 제 621호' and 25 '개정 … 훈령 제 N호' lines; no year of plan, no issuer printed.
    assert identity("moel_employment_center_rules.hwp") == (
        "고용센터 및 고용관련 부서 운영 규정",
        None,
        None,
    )


def test_enacted_rule_title_needs_an_enactment_line_under_it():
    cover = [
        "고용센터 운영 규정",
        "제정 2006. 8. 16 훈령 제 621호",
        "개정 2007. 11. 5 훈령 제 649호",
    ]
    assert enacted_rule_title(cover) == "고용센터 운영 규정"
    assert enacted_rule_title(["제정 2006. 8. 16 훈령 제 621호"]) is None
    assert enacted_rule_title(["고용센터 운영 규정", "2006. 8. 16"]) is None


@pytest.mark.corpus
def test_kwater_dr_center_rfp_2004_cover_dated_without_the_months_dot():
    # hwp5proc xml: '"세계 3대 물 서비스 기업" 실현을 위한', the text box '서버통합 및 원격지
    # 재해복구센터 구축 제안요청서(RFP)', then '2004. 11' (no dot after the month; all were NULL).
    assert identity("kwater_dr_center_rfp_2004_hwp5.hwp") == (
        "서버통합 및 원격지 재해복구센터 구축 제안요청서(RFP)",
        None,
        2004,
    )


def test_school_teaching_eval_plan_form_title_box_over_its_chapter_box():
    # section0.xml: a 1×1 box '2026학년도 2학기 *학년 **<fwSpace/>과목 교수학습운영 및 평가계획',
    # then '담당교사: ◯◯◯, ◯◯◯' (the file's metadata title is '담당교사') and the box 'Ⅰ | 교수학습
    # 운영 계획'; the form names no school.
    title, _, year = identity("school_teaching_eval_plan_form_2026.hwpx")
    assert (title, year) == ("2026학년도 2학기 *학년 ** 과목 교수학습운영 및 평가계획", 2026)


@pytest.mark.corpus
def test_april19_cemetery_festival_rfp_cover_title_without_its_kicker():
    # section0.xml: a 3×1 box '- 4·19민주묘지에 울려퍼지는 -' / '『제2회 가을밤의 음악축제』' /
    # '행사대행 용역 제안요청서', then '2023.  7.  5.' and the box '강 북 구 청 (문화관광체육과)'.
    assert identity("april19_cemetery_festival_rfp.hwpx") == (
        "『제2회 가을밤의 음악축제』 행사대행 용역 제안요청서",
        "강북구청",
        2023,
    )


@pytest.mark.corpus
@pytest.mark.parametrize(
    "name, title",
    [
        # hwp5proc xml: the 질의회신 sheet's '[제    목]' row over its subject.
        ("nts_tax_ruling_corporate_filing.hwp", "성실신고 확인서 제출대상 법인에 해당하는지 여부"),
        # section0.xml: the letter's '제목 | 소규모주택정비사업 추진실적 제출('25.3분기)' row.
        ("seoul_official_letter.hwpx", "소규모주택정비사업 추진실적 제출('25.3분기)"),
    ],
)
def test_a_sheets_labelled_subject_is_its_title(name, title):
    assert identity(name)[0] == title


@pytest.mark.corpus
def test_military_purchase_spec_cover_kind_line_over_its_subject():
    # section0.xml: '구   매   요   구   서', then '유압식잭, 30톤(’26~’27) / 구매', '조달번호 :
    # MPKPJU26A00001', '작성일자 : 2025. 12.', '작성기관 : 65전대 651대대'.
    title, organization, _ = identity("military_purchase_spec_2026.hwpx")
    assert (title, organization) == ("유압식잭, 30톤(’26~’27) / 구매 구매요구서", "65전대 651대대")


@pytest.mark.corpus
def test_seoul_official_letter_subject_letterhead_and_issue_date():
    # section0.xml: the 6×3 letterhead box '서  울  특  별  시' over '수신 | 국토교통부장관(…)' and
    # '제목 | 소규모주택정비사업 추진실적 제출('25.3분기)'; the signature block nested in the next
    # box: '시행 | 전략주택공급과-13666 | ( | 2025. 10. 24. | )'.
    assert identity("seoul_official_letter.hwpx") == (
        "소규모주택정비사업 추진실적 제출('25.3분기)",
        "서울특별시",
        2025,
    )


def test_a_letter_without_a_제목_field_is_no_official_letter():
    box = Table(
        cells=[Cell(0, 0, "서 울 특 별 시"), Cell(1, 0, "수신"), Cell(1, 1, "국토교통부장관")],
        n_rows=2,
        n_cols=2,
    )
    doc = Document(path="x.hwpx", format="hwpx", blocks=[box, Paragraph("본문입니다.")])
    assert extract(doc).title is None


# --- the money unit -------------------------------------------------------------------------


def test_the_money_unit_is_the_one_its_tables_state_most_often():
    from kplan.rules.facts import BudgetTable, Facts, TableInfo
    from kplan.rules.identity import money_unit

    def tables(*units):
        return [
            TableInfo(table_id=i, page=1, caption=None, unit=u, n_rows=2, n_cols=2, header_rows=1)
            for i, u in enumerate(units, start=1)
        ]

    assert money_unit(Facts(tables=tables("%", "억원", "백만원", None, "백만원"))) == "백만원"
    assert money_unit(Facts(tables=tables("억원", "조원"))) == "억원"  # the first on a tie
    # Dollars, counts and ratios are no won: no unit.
    assert money_unit(Facts(tables=tables("억달러", "억달러", "명", "%"))) is None
    # A training plan's budget tables say it, whatever its other tables state.
    budget = BudgetTable(**{f: None for f in BudgetTable._fields} | {"unit": "천원"})
    assert money_unit(Facts(tables=tables("백만원"), budget_tables=[budget])) == "천원"


@pytest.mark.corpus
@pytest.mark.parametrize(
    "name,unit",
    [
        # pdftotext: '(단위: 백만원)' over the 총괄표 and the 목별 tables, '(단위: 백만원, %)'.
        ("budget_program_motie_energy_voucher.pdf", "백만원"),
        # pdftotext: six tables '(단위: 억원, %)', three in 조원, one in 백만원.
        ("fis_issue_22-4_intergov_fiscal_transfers.pdf", "억원"),
        # The press release's tables are in 억달러: no won unit.
        ("moef_fdi_2024q1_press.hwpx", None),
    ],
)
def test_a_reports_money_unit(name, unit):
    assert extract(parse_file(REPORTS / name)).unit == unit
