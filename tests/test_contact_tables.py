"""Contacts read from contact tables (rules/contacts.py `table_contacts`): the 사업 담당자 grid of
a 예산 사업설명자료, a table of columns named 성명 and 전화번호, a press release's labelled
fields. Expected values are read off the documents: the PDFs' page 1, the HWPX's section XML,
the HWP's `hwp5proc xml`."""

from __future__ import annotations

import pytest
from conftest import CORPUS
from test_sample_report import CONTACTS_1_1_1

from kplan.parsers import parse_file
from kplan.parsers.model import Cell, Table
from kplan.pipeline.cli import main
from kplan.rules import extract
from kplan.rules.contacts import table_contacts
from kplan.rules.lines import TableRef

REPORTS = CORPUS / "reports"
MOTIE = "budget_program_motie_energy_voucher.pdf"
HAPPY_HOUSING = "budget_program_molit_happy_housing_investment.pdf"


def ref_of(*rows: tuple[str, ...], cells: list[Cell] | None = None, n_cols=None) -> TableRef:
    """A table of one cell a text, row by row (or of the cells given), on page 1."""
    if cells is None:
        cells = [Cell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row)]
    n_rows = max(c.row + c.rowspan for c in cells)
    n_cols = n_cols or max(c.col + c.colspan for c in cells)
    return TableRef(Table(cells, n_rows=n_rows, n_cols=n_cols, page=1), 1, 0)


def people(contacts) -> list[tuple]:
    return [(c.department, c.role, c.name, c.phone) for c in contacts]


# The 사업 담당자 table as the MOLIT and MOTIE 사업설명자료 draw it: 사업명 down column 0, the
# ministry down column 1, then 실·국·과(팀) and the roles.
STAFF_GRID = [
    Cell(0, 0, "사업명"),
    Cell(0, 1, "구분", colspan=5),
    Cell(1, 0, "전세임대\n(융자)", rowspan=4),
    Cell(1, 1, "소관부처", rowspan=3),
    Cell(1, 2, "실·국·과(팀)"),
    Cell(1, 3, "과 장"),
    Cell(1, 4, "사무관"),
    Cell(1, 5, "주무관"),
    Cell(2, 2, "주택토지실"),
    Cell(2, 3, "김도곤"),
    Cell(2, 4, "유근명"),
    Cell(2, 5, "최진숙"),
    Cell(3, 2, "주거복지지원과"),
    Cell(3, 3, "044-201-4530"),
    Cell(3, 4, "044-201-4479"),
    Cell(3, 5, "044-201-4535"),
    Cell(4, 1, "사업시행주체"),
    Cell(4, 2, "한국토지\n주택공사"),
    Cell(4, 3, "매입전세임대\n사업처"),
    Cell(4, 4, "김도관 차장"),
    Cell(4, 5, "055-922-3485"),
]


def test_staff_grid_pairs_each_role_with_its_name_and_phone():
    contacts = table_contacts(ref_of(cells=STAFF_GRID), "1337-401")
    assert people(contacts) == [
        ("주택토지실 주거복지지원과", "과장", "김도곤", "044-201-4530"),
        ("주택토지실 주거복지지원과", "사무관", "유근명", "044-201-4479"),
        ("주택토지실 주거복지지원과", "주무관", "최진숙", "044-201-4535"),
        # A name wrapped in a narrow cell is one name; the implementing body's person has the
        # title printed after their name.
        ("한국토지주택공사 매입전세임대사업처", "차장", "김도관", "055-922-3485"),
    ]
    assert {(c.section_code, c.page) for c in contacts} == {("1337-401", 1)}


def test_staff_grid_leaves_blank_and_dashed_places_out():
    # The 소규모주택정비사업 grid: no implementing body ('-' in every cell); the 연탄쿠폰 grid of
    # the 에너지바우처: no 주무관.
    cells = [c for c in STAFF_GRID if c.row < 4] + [
        Cell(4, 1, "사업시행주체"),
        *(Cell(4, col, "-") for col in range(2, 6)),
    ]
    cells = [Cell(c.row, c.col, "" if c.col == 5 and c.row in (2, 3) else c.text,
                  c.rowspan, c.colspan) for c in cells]  # fmt: skip
    assert people(table_contacts(ref_of(cells=cells))) == [
        ("주택토지실 주거복지지원과", "과장", "김도곤", "044-201-4530"),
        ("주택토지실 주거복지지원과", "사무관", "유근명", "044-201-4479"),
    ]


def test_column_table_reads_a_person_a_row():
    ref = ref_of(
        ("구분", "소속부서", "직위", "성명", "전화번호", "메일"),
        ("사업책임자", "생물다양성총괄과", "과장", "강재신", "032-590-7171", "a@korea.kr"),
        ("검사공무원", "생물다양성총괄과", "환경연구관", "길현종", "032-590-7316", "b@korea.kr"),
    )
    assert people(table_contacts(ref)) == [
        ("생물다양성총괄과", "과장", "강재신", "032-590-7171"),
        ("생물다양성총괄과", "환경연구관", "길현종", "032-590-7316"),
    ]


def test_column_table_without_a_position_column_takes_the_row_label():
    ref = ref_of(("구분", "성명", "연락처"), ("사업책임자", "강재신", "(032) 590-7171"))
    assert people(table_contacts(ref)) == [(None, "사업책임자", "강재신", "(032)590-7171")]


def test_labelled_fields_of_a_press_release():
    # moef_fdi_2024q1_press: the responsible official and the staff member, each on a row.
    ref = ref_of(
        ("담당 부서", "대외경제국", "책임자", "과  장", "강병중", "(044-215-7630)"),
        ("", "국제경제과", "담당자", "사무관", "황예진", "(yejin1210@korea.kr)"),
    )
    assert people(table_contacts(ref)) == [
        ("대외경제국", "과장", "강병중", "044-215-7630"),
        ("국제경제과", "사무관", "황예진", None),
    ]
    # msit_nuri_rocket_press_2018: names with their phones in one cell, one department for both.
    ref = ref_of(
        ("배포일시", "2018. 9. 3.(월) 09:00", "담당부서", "거대공공연구정책과"),
        ("담당과장", "장인숙(02-2110-2430)", "담 당 자", "용찬재 사무관(02-2110-2428)"),
    )
    assert people(table_contacts(ref)) == [
        ("거대공공연구정책과", "과장", "장인숙", "02-2110-2430"),
        ("거대공공연구정책과", "사무관", "용찬재", "02-2110-2428"),
    ]


def test_cells_of_people_a_line_each_unit_rank_name_and_phone():
    # military_purchase_spec_2026: 8.6.4 납지별 수량 및 업무담당자, a person a paragraph.
    ref = ref_of(
        ("구 분", "", "내 용"),
        ("작성자 인적사항", "소요제기자",
         "항공사 651항공대대 6급 조광표 010-4759-7682\n항공사 615비행대대 상사 최승순 010-4104-3049"),
        ("", "검토자", "해군군수사 장비구매관리팀 상사 조은비 055-549-1375"),
        # A line of anything else leaves its cell unread: no person is guessed out of prose.
        ("", "비고", "항공사 651항공대대 6급 조광표 010-4759-7682\n문의는 위 연락처로"),
    )  # fmt: skip
    assert people(table_contacts(ref)) == [
        ("항공사 651항공대대", "6급", "조광표", "010-4759-7682"),
        ("항공사 615비행대대", "상사", "최승순", "010-4104-3049"),
        ("해군군수사 장비구매관리팀", "상사", "조은비", "055-549-1375"),
    ]


@pytest.mark.parametrize(
    "rows",
    [
        # A blank form: headers, no one in them.
        (("성명", "", "전화번호", ""), ("소속", "", "직위", "")),
        # The example a form fills in.
        (("구분", "성명", "연락처"), ("대표자", "홍길동", "010-1234-5678")),
        # A phone list with no person's name (ai_semiconductor_overseas_pilot_plan_2026).
        (("구분", "연락처"), ("정보시스템 관리자", "070-5151-8239")),
        # Roles over figures: a staffing table counts people, it names none.
        (("구분", "과장", "사무관", "주무관"), ("정원", "1", "3", "5")),
        # A budget line: no label introduces a person.
        (("사업명", "과장", "2024"), ("연수운영", "김도곤", "1,000")),
    ],
)
def test_tables_that_name_no_contact(rows):
    assert table_contacts(ref_of(*rows)) == []


# ---------------------------------------------------------------- the corpus


def facts_of(name: str):
    doc = parse_file(REPORTS / name)
    assert doc.status == "ok", (name, doc.error_message)
    return extract(doc)


# Each report's contacts, in table order, read off the document: (department, role, name,
# phone as printed).
CORPUS_CONTACTS = {
    # Page 1, '□ 사업 담당자': the 에너지바우처 grid (에너지정책관 에너지효율지원팀, implemented
    # by 한국에너지공단), then the 연탄쿠폰 내역사업's (석탄산업과, no 주무관, 한국광해광업공단).
    "budget_program_motie_energy_voucher.pdf": [
        ("에너지정책관 에너지효율지원팀", "과장", "박은표", "044)203-5160"),
        ("에너지정책관 에너지효율지원팀", "사무관", "이상은", "044)203-5161"),
        ("에너지정책관 에너지효율지원팀", "주무관", "이수연", "044)203-5162"),
        ("한국에너지공단 에너지복지실", "팀장", "권용출", "052)920-0541"),
        ("자원산업정책국 석탄산업과", "과장", "양정식", "044)203-5260"),
        ("자원산업정책국 석탄산업과", "사무관", "박상욱", "044)203-5261"),
        ("한국광해광업공단 석·연탄산업지원실", "과장", "이정현", "033)736-5743"),
    ],
    # Page 1: 주택토지실 / 주거복지정책관 on two lines of one cell, 공공주택정책과 below; no
    # implementing body row.
    "budget_program_molit_happy_housing_investment.pdf": [
        ("주택토지실 주거복지정책관 공공주택정책과", "과장", "김광림", "044-201-4539"),
        ("주택토지실 주거복지정책관 공공주택정책과", "사무관", "곽상훈", "044-201-4519"),
        ("주택토지실 주거복지정책관 공공주택정책과", "주무관", "임건혁", "044-201-3362"),
    ],
    # Page 1: '사업시행주체 | - | - | - | -'.
    "budget_program_molit_small_housing_renewal.pdf": [
        ("공공주택추진본부 도심주택공급협력과", "과장", "김형철", "044-201-4937"),
        ("공공주택추진본부 도심주택공급협력과", "사무관", "박현정", "044-201-4941"),
        ("공공주택추진본부 도심주택공급협력과", "주무관", "이재연", "044-201-4945"),
    ],
    # section0.xml, the table '구분 | 소속부서 | 직위 | 성명 | 전화번호 | 메일'.
    "wildlife_mgmt_system_rfp_2023.hwpx": [
        ("생물다양성총괄과", "과장", "강재신", "032-590-7171"),
        ("생물다양성총괄과", "환경연구관", "길현종", "032-590-7316"),
        ("생물다양성총괄과", "환경연구사", "최현기", "032-590-7482"),
    ],
    # The last table (hwp5proc xml; section0.xml): 담당 부서 대외경제국 책임자 과 장 강병중
    # (044-215-7630); 국제경제과 담당자 사무관 황예진, an e-mail address and no phone.
    **dict.fromkeys(
        ["moef_fdi_2024q1_press.hwp", "moef_fdi_2024q1_press.hwpx"],
        [
            ("대외경제국", "과장", "강병중", "044-215-7630"),
            ("국제경제과", "사무관", "황예진", None),
        ],
    ),
    # hwp5proc xml: '담당기관(부서) | 전화' over '국토안전관리원 그린리모델링창조센터 |
    # 055-771-4876(라선중 과장), 4823(김승희 직원), 4849(김재홍 직원)'; the e나라도움 help line
    # below names no one.
    "molit_green_remodeling_subsidy_notice_2026.hwp": [
        ("국토안전관리원 그린리모델링창조센터", "과장", "라선중", "055-771-4876"),
        ("국토안전관리원 그린리모델링창조센터", "직원", "김승희", "4823"),
        ("국토안전관리원 그린리모델링창조센터", "직원", "김재홍", "4849"),
    ],
    # Contents/section0.xml, 8.6.4 납지별 수량 및 업무담당자: '작성자 인적사항' over 소요제기자,
    # 사업주관부서 and 검토자, each cell a person a paragraph: unit, rank, name, phone.
    "military_purchase_spec_2026.hwpx": [
        ("항공사 651항공대대", "6급", "조광표", "010-4759-7682"),
        ("항공사 615비행대대", "상사", "최승순", "010-4104-3049"),
        ("해본 항공장비관리과", "원사", "김대환", "042-553-4199"),
        ("해군군수사 장비구매관리팀", "상사", "조은비", "055-549-1375"),
    ],
    # hwp5proc xml, the header table: 담당부서 거대공공연구정책과, 담당과장 장인숙(02-2110-2430),
    # 담 당 자 용찬재 사무관(02-2110-2428).
    "msit_nuri_rocket_press_2018.hwp": [
        ("거대공공연구정책과", "과장", "장인숙", "02-2110-2430"),
        ("거대공공연구정책과", "사무관", "용찬재", "02-2110-2428"),
    ],
}


@pytest.mark.corpus
@pytest.mark.parametrize("name", sorted(CORPUS_CONTACTS))
def test_corpus_report_contacts(name):
    assert people(facts_of(name).contacts) == CORPUS_CONTACTS[name]


@pytest.mark.corpus
def test_a_budget_programs_staff_are_filed_under_its_code_and_page():
    assert {(c.section_code, c.page) for c in facts_of(MOTIE).contacts} == {("5146-301", 1)}
    assert {c.section_code for c in facts_of(HAPPY_HOUSING).contacts} == {"1440-408"}


@pytest.mark.corpus
def test_budget_programs_without_a_staff_table_list_no_one():
    # The MOEL, MOHW and MSS templates print no 사업 담당자 table.
    for name in (
        "budget_program_moel_learning_card.pdf",
        "budget_program_mohw_livelihood_benefit.pdf",
        "budget_program_mss_startup_commercialization.pdf",
    ):
        assert facts_of(name).contacts == [], name


@pytest.mark.corpus
def test_check_names_the_staff_of_a_budget_program(capsys):
    path = REPORTS / "budget_program_molit_happy_housing_investment.pdf"
    assert main(["check", str(path)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first == f"{path} (pdf, 3 pages, budget_program): 1 program, 5 amounts, 3 contacts"


def test_phone_mismatch_ignores_how_the_area_code_is_printed(tmp_path):
    """A 사업설명자료 book lists one official under each of their programs: '044)203-5160' and
    '044-203-5160' are one number; '044)203-5161' is another, and the one listed once is the
    finding."""
    from kplan.warehouse.load import connect
    from kplan.warehouse.quality import run_checks

    con = connect(tmp_path / "w.duckdb")
    con.execute(
        "INSERT INTO documents (doc_id, path, file_name, sha256, status) "
        "VALUES (1, 'a.pdf', 'a.pdf', '1', 'ok')"
    )
    listed = [
        ("5146-301", "044)203-5160"),
        ("5146-302", "044-203-5160"),
        ("5146-303", "(044)203-5160"),
        ("5146-304", "044)203-5161"),
    ]
    for code, phone in listed:
        con.execute(
            "INSERT INTO contacts (doc_id, section_code, department, role, name, phone, page) "
            "VALUES (1, ?, '에너지효율지원팀', '과장', '박은표', ?, 1)",
            [code, phone],
        )
    run_checks(con, report=lambda _: None)
    assert con.execute(
        "SELECT section_code, expected, actual FROM findings WHERE rule = 'contact_phone_mismatch'"
    ).fetchall() == [("5146-304", "044)203-5160", "044)203-5161")]


@pytest.mark.corpus
def test_report_lists_a_programs_staff_and_masks_them_when_asked():
    from kplan.pipeline.batch import process_file
    from kplan.warehouse.load import connect, load_document
    from kplan.warehouse.report import render_report

    con = connect(":memory:")
    processed = process_file(REPORTS / "budget_program_molit_happy_housing_investment.pdf")
    load_document(con, processed.document, processed.facts, stats=processed.stats)
    html = render_report(con)
    assert (
        "<td>1440-408</td><td>주택토지실 주거복지정책관 공공주택정책과</td><td>사무관</td>"
        "<td>곽상훈</td><td>044-201-4519</td>" in html
    )
    redacted = render_report(con, redact_contacts=True)
    assert "곽상훈" not in redacted and "044-201-4519" not in redacted


def test_a_staff_grid_has_one_header_row():
    # '사업명 | 구분' only: '전세임대(융자)', spanning the rows under 사업명, opens the body.
    from kplan.rules.tables import header_row_count

    assert header_row_count(ref_of(cells=STAFF_GRID).table) == 1


def test_phones_naming_their_people_under_a_phone_header():
    ref = ref_of(
        ("담당기관(부서)", "전화"),
        ("국토안전관리원 그린리모델링창조센터", "055-771-4876(라선중 과장), 4823(김승희 직원)"),
        ("‘e나라도움’ 사용문의", "1670-9595"),
    )
    assert people(table_contacts(ref)) == [
        ("국토안전관리원 그린리모델링창조센터", "과장", "라선중", "055-771-4876"),
        # An extension, as printed: the number is the one before it but its last four digits.
        ("국토안전관리원 그린리모델링창조센터", "직원", "김승희", "4823"),
    ]


def test_a_sections_authors_drawn_as_a_table():
    """1-1-1's 작성자 (the seed's lines 296-298) with the label in a cell spanning one row per
    line of contacts: the contacts the lines give (tests/test_sample_report.py::test_contacts)."""
    from kplan.rules.contacts import extract_contacts
    from kplan.rules.lines import Line

    lines = [
        "초등교원연수부장:오시영 ☎ 3019-8004 초등교원연수부수석연구사:송찬경 ☎ 8071 "
        "담당: 김혜린 ☎ 8078",
        "중등교원연수부장:임유원 ☎ 3019-8005 중등교원연수부수석연구사:최선미 ☎ 8096 "
        "담당: 나미영 ☎ 8094",
    ]
    table = ref_of(
        cells=[Cell(0, 0, "작 성 자", rowspan=2), Cell(0, 1, lines[0]), Cell(1, 1, lines[1])]
    )
    items = [table, Line(" 사업 목적 및 근거", " 사업 목적 및 근거", 1, 1)]
    assert people(extract_contacts("1-1-1", items)) == CONTACTS_1_1_1
    # Its table is the section's 작성자: the generic reading of contact tables leaves it be.
    assert table_contacts(table) == []


def test_a_sections_authors_wrapped_between_a_label_and_its_name():
    """The same 작성자 cell as LibreOffice wraps it (the seed's HWP laid out with its authors
    as a table, printed by soffice): '… 담당:' ends a line, '김혜린 ☎ 8078' opens the next; a
    '팀장:' likewise, and a '담당' without its colon (5-2-1, 3-1-2)."""
    from kplan.rules.contacts import extract_contacts

    text = (
        "초등교원연수부장:오시영 ☎ 3019-8004초등교원연수부수석연구사:송찬경 ☎ 8071 담당:\n"
        "김혜린 ☎ 8078\n"
        "중등교원연수부장:임유원 ☎ 3019-8005중등교원연수부수석연구사:최선미 ☎ 8096 담당:\n"
        "나미영 ☎ 8094"
    )
    table = ref_of(cells=[Cell(0, 0, "작 성 자"), Cell(0, 1, text)])
    assert people(extract_contacts("1-1-1", [table])) == CONTACTS_1_1_1
    text = "행정지원과장: 권정예 ☎3019-8007 행정지원팀장:\n목선경 ☎8021 담당\n김선영 ☎8022"
    table = ref_of(cells=[Cell(0, 0, "작 성 자"), Cell(0, 1, text)])
    assert people(extract_contacts("5-2-1", [table])) == [
        ("행정지원과", "과장", "권정예", "3019-8007"),
        ("행정지원팀", "팀장", "목선경", "8021"),
        ("행정지원팀", "담당", "김선영", "8022"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "기획평가부장 김종범 ☎ 3019-8003",  # a head's title, no colon
        "기획평가부장: 김종범(☎3019-8003)",
        "기획평가부장: 김종범(3019-8003)",
        "기획평가부장 : 김종범 / ☎ 3019-8003",
        "기획평가부장: 김종범 ☏ 3019-8003",
        "기획평가부장: 김종범 T.3019-8003",
        "기획평가부장: 김종범 Tel 3019-8003",
    ],
)
def test_an_author_line_as_other_reports_print_it(line):
    from kplan.rules.contacts import extract_contacts
    from kplan.rules.lines import Line

    items = [Line("작성자", "작성자", 1, 0), Line(line, line, 1, 1), Line("사업 목적", "", 1, 2)]
    assert people(extract_contacts("1-1-1", items)) == [
        ("기획평가부", "부장", "김종범", "3019-8003")
    ]


def test_an_author_label_whose_digits_text_extraction_set_apart():
    # pdftotext of LibreOffice's PDF of the seed: the digit is drawn in another font, a gap
    # beside it, and the text reads '연수 1 담당사무관' (the seed's '연수1담당사무관', 1-1-2).
    from kplan.rules.contacts import extract_contacts
    from kplan.rules.lines import Line

    line = "교육행정연수부장:정옥진 ☎ 3019-8006 교육행정연수부연수 1 담당사무관:김지영 ☎ 8111"
    items = [Line("작성자", "작성자", 1, 0), Line(line, line, 1, 1), Line("사업 목적", "", 1, 2)]
    assert people(extract_contacts("1-1-2", items)) == [
        ("교육행정연수부", "부장", "정옥진", "3019-8006"),
        ("교육행정연수부", "연수1담당사무관", "김지영", "8111"),
    ]


def test_a_label_after_a_comma_is_no_name():
    from kplan.rules.contacts import extract_contacts
    from kplan.rules.lines import Line

    line = "기획평가부장: 김종범, 담당: 김태은 ☎ 8051"
    items = [Line("작성자", "작성자", 1, 0), Line(line, line, 1, 1), Line("사업 목적", "", 1, 2)]
    assert people(extract_contacts("1-1-1", items)) == [
        ("기획평가부", "부장", "김종범", None),
        ("기획평가부", "담당", "김태은", "8051"),
    ]


@pytest.mark.corpus
def test_a_specifications_people_are_masked_in_a_redacted_export(tmp_path):
    # military_purchase_spec_2026.hwpx prints its 업무담당자 in table cells (8.6.4): read as
    # contacts, their names are masked wherever the document's text holds them.
    from conftest import load

    from kplan.warehouse.export import export_warehouse
    from kplan.warehouse.load import connect

    con = connect(tmp_path / "w.duckdb")
    load(con, CORPUS / "reports" / "military_purchase_spec_2026.hwpx")
    names = ["조광표", "최승순", "김대환", "조은비"]
    plain = export_warehouse(con, tmp_path / "plain", fmt="csv")
    text = "".join(
        (tmp_path / "plain" / e["file"]).read_text("utf-8") for e in plain["tables"].values()
    )
    assert all(name in text for name in names)
    masked = export_warehouse(con, tmp_path / "masked", fmt="csv", redact_contacts=True)
    text = "".join(
        (tmp_path / "masked" / e["file"]).read_text("utf-8") for e in masked["tables"].values()
    )
    assert not [name for name in names if name in text]
