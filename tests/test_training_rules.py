"""Training-item rules on small hand-made documents (one regression test per reported bug)."""

import pytest
import regex

from kplan.parsers.model import Cell, Document, Paragraph, Table
from kplan.rules import extract


def doc(lines):
    return Document(path="x.txt", format="txt", blocks=[Paragraph(t) for t in lines])


SECTION = ["1-1-1 교원 자격연수", "작 성 자", "담당: 김혜린 ☎ 8078", " 사업 목적 및 근거"]


def test_a_heading_with_a_box_mark_still_starts_its_list():
    # Reported: a Hancom file that types the heading's box into the text lost every item.
    for mark in ("", "□ ", "• ", "❍ "):
        facts = extract(
            doc(
                SECTION
                + [
                    f"{mark}2024년 추진 실적",
                    " - [초등 집합] 유치원 1급 정교사 자격연수 2과정, 358명",
                    f"{mark}2025년 추진계획",
                    " - [중등] 중등 1급 정교사 자격연수 8과정, 440명",
                ]
            )
        )
        assert [
            (t.year, t.stage, t.audience, t.mode, t.courses, t.participants)
            for t in facts.training_items
        ] == [(2024, "actual", "초등", "집합", 2, 358), (2025, "plan", "중등", None, 8, 440)], mark


def test_a_numbered_part_heading_or_a_heading_box_still_starts_its_list():
    """A report that numbers its parts ('2. 2024년 추진 실적', '나) 2025년 추진계획'), or draws
    a heading as a box of its code or mark and its title ('1-1-1 | 교원 자격연수', '3 | 2025년
    추진계획'), lists the same items."""
    items = [" - [초등 집합] 유치원 1급 정교사 자격연수 2과정, 358명"]
    plan = [" - [중등] 중등 1급 정교사 자격연수 8과정, 440명"]
    expected = [(2024, "actual", "초등", "집합", 2, 358), (2025, "plan", "중등", None, 8, 440)]

    def got(facts):
        return [
            (t.year, t.stage, t.audience, t.mode, t.courses, t.participants)
            for t in facts.training_items
        ]

    for first, second in (("2. ", "3. "), ("가) ", "나) "), ("(2) ", "(3) ")):
        lines = SECTION + [f"{first}2024년 추진 실적", *items, f"{second}2025년 추진계획", *plan]
        assert got(extract(doc(lines))) == expected, first

    def box(*texts):
        return Table([Cell(0, c, t) for c, t in enumerate(texts)], 1, len(texts))

    blocks = [
        box("1-1-1", "교원 자격연수"),
        *(Paragraph(t) for t in SECTION[1:]),
        box("□", "2024년 추진 실적"),
        *(Paragraph(t) for t in items),
        box("3", "2025년 추진계획"),
        *(Paragraph(t) for t in plan),
    ]
    facts = extract(Document(path="x.hwpx", format="hwpx", blocks=blocks))
    assert facts.family == "training_plan"
    assert [(s.code, s.title) for s in facts.sections] == [("1-1-1", "교원 자격연수")]
    assert got(facts) == expected


def test_an_item_wrapped_over_lines_is_one_item():
    facts = extract(
        doc(
            SECTION
            + [
                "2024년 추진 실적",
                "- [기평 원격] 유치원 새내기 교사 승승장구 역량강화 프로젝트 등 6과정, ",
                "104명",
            ]
        )
    )
    assert [(t.name, t.courses, t.participants) for t in facts.training_items] == [
        ("유치원 새내기 교사 승승장구 역량강화 프로젝트 등", 6, 104)
    ]


def test_improvement_box_items_are_kept_apart():
    facts = extract(
        doc(
            SECTION
            + [
                "2025년 추진계획",
                "2025년 주요 개선 사항",
                "◊ 교육 확대",
                "- [교행] 기본교육 1과정, 300명",
                " ◦ 신규 교육",
                "- [교행] 기본교육 1과정, 300명",
            ]
        )
    )
    assert len(facts.training_items) == 1 and len(facts.improvement_items) == 1


BUDGET = [
    "예산 집행 계획",
    "(단위: 천원)",
    "예산",
    "사업명",
    "추진",
    "사업명",
    "예산액 집행예정액 / 집행내용 사업별",
    "설명자료",
    "쪽수",
    "’25 ’24 1분기 2분기 3분기 4분기",
]


def test_two_budget_tables_in_one_section_are_both_read():
    # Reported: a second 예산 집행 계획 table in a section was dropped.
    first = BUDGET + [
        "456.",
        "자격연수",
        "교원 연수",
        "100 90",
        "25 25 25 25",
        "연수운영",
        "합계 100 90 25 25 25 25",
    ]
    second = BUDGET + [
        "457.",
        "직무연수",
        "직무 연수",
        "300 200",
        "75 75 75 75",
        "연수운영",
        "합계 300 200 75 75 75 75",
    ]
    facts = extract(doc(SECTION + first + second))
    totals = [(b.table_no, b.amount) for b in facts.budget_lines if b.is_total]
    assert totals == [(1, 100_000), (2, 300_000)]
    assert [t.table_no for t in facts.budget_tables] == [1, 2]


def test_a_unit_with_a_full_width_colon_or_spaces_still_scales_to_won():
    # Reported: '(단위：천원' and '(단위: 천 원' left amounts a thousand times too small.
    for unit_line in ("(단위：천원)", "(단위: 천 원, ’25. 1. 10.기준)"):
        lines = list(BUDGET)
        lines[1] = unit_line
        facts = extract(
            doc(
                SECTION
                + lines
                + [
                    "456.",
                    "자격연수",
                    "교원 연수",
                    "100 90",
                    "25 25 25 25",
                    "합계 100 90 25 25 25 25",
                ]
            )
        )
        assert [b.amount for b in facts.budget_lines if b.is_total] == [100_000], unit_line


def test_seoul_3_2_1_and_4_2_1_tagged_lines_without_counts_are_not_items():
    # Seoul plan 3-2-1 and 4-2-1 추진 실적: a tagged line that counts no courses or people
    # stays in the outline and is no training item.
    no_count = [
        "- [초등] 교장·교감 역량강화 직무연수(주제별) 교육과정 내에 안전 관련 연수 포함",
        "- [중등] 학교 영어교육활동 지원(코티칭 영어 수업, 영어 행사 지원, "
        "교원학습공동체 활동 지원 등) 60교, 60회",
    ]
    facts = extract(
        doc(
            SECTION
            + [
                "2024년 추진 실적",
                no_count[0],
                "- [초등] 생활교육(안전) 직무연수 1과정 11명",
                no_count[1],
            ]
        )
    )
    assert [(t.name, t.courses, t.participants) for t in facts.training_items] == [
        ("생활교육(안전) 직무연수", 1, 11)
    ]
    outline = [n.text for n in facts.outline]
    assert [line[2:] for line in no_count] == [
        t for t in outline if t in (no_count[0][2:], no_count[1][2:])
    ]


def test_seoul_4_2_1_items_after_a_definition_box_are_read():
    # Seoul plan 4-2-1 추진계획: the '우리학교 연수원 | …' box, a one-row table of a term and
    # its definition, sits inside the list; the items after it are still the plan's.
    box = Table(
        [
            Cell(0, 0, "우리학교 연수원"),
            Cell(
                0,
                1,
                "연수원 공모를 통해 교원이 희망하는 직무연수를 단위학교에서 "
                "계획･운영하는 수요자 맞춤형 직무연수",
            ),
        ],
        1,
        2,
    )
    blocks = [
        Paragraph(t)
        for t in SECTION
        + [
            "2025년 추진계획",
            " ◦ 수요자 맞춤형 교직원 직무연수･교육훈련 운영",
            "   - 초･중등 우리학교 연수원 직무연수 운영",
            "※ 초등 AI･디지털 우리학교 연수원 직무연수: 30과정, 400명('25.4~11월 예정)",
            "   - 단위학교 맞춤형 교원 원격연수 운영",
        ]
    ]
    blocks += [
        box,
        Paragraph("   - 직무 전문성 향상을 위한 직무상설 교육 운영 45과정, 4,750명"),
        Paragraph("   - 교육지원청 협력형 직무교육 30과정, 600명"),
    ]
    facts = extract(Document(path="x.hwpx", format="hwpx", blocks=blocks))
    assert [(t.name, t.courses, t.participants) for t in facts.training_items] == [
        ("초등 AI·디지털 우리학교 연수원 직무연수", 30, 400),
        ("직무 전문성 향상을 위한 직무상설 교육 운영", 45, 4750),
        ("교육지원청 협력형 직무교육", 30, 600),
    ]


def test_a_line_after_a_table_does_not_continue_the_line_before_it():
    box = Table([Cell(0, 0, "용어"), Cell(0, 1, "뜻")], 1, 2)
    blocks = [Paragraph(t) for t in SECTION + ["2025년 추진계획", "- [교행] 기본교육 운영 1과정,"]]
    blocks += [box, Paragraph("300명")]
    facts = extract(Document(path="x.hwpx", format="hwpx", blocks=blocks))
    assert [(t.courses, t.participants) for t in facts.training_items] == [(1, None)]


def test_an_improvement_box_drawn_as_a_title_cell_over_its_text():
    # The 주요 개선 사항 box as Hancom also draws it: a title cell above (or beside) its text.
    for cells, shape in (
        (
            [
                Cell(0, 0, "2025년 주요 개선 사항"),
                Cell(1, 0, "◊ 교육 확대\n- [교행] 기본교육 1과정, 300명"),
            ],
            (2, 1),
        ),
        (
            [
                Cell(0, 0, "2025년 주요 개선 사항"),
                Cell(0, 1, "◊ 교육 확대\n- [교행] 기본교육 1과정, 300명"),
            ],
            (1, 2),
        ),
    ):
        blocks = [Paragraph(t) for t in SECTION + ["2025년 추진계획"]]
        blocks += [Table(cells, *shape), Paragraph("- [교행] 기본교육 1과정, 300명")]
        facts = extract(Document(path="x.hwpx", format="hwpx", blocks=blocks))
        assert [(t.stage, t.courses, t.participants) for t in facts.training_items] == [
            ("plan", 1, 300)
        ], shape
        assert [(t.stage, t.courses, t.participants) for t in facts.improvement_items] == [
            ("improvement", 1, 300)
        ], shape


# The seed's 1-1-1 예산 집행 계획 table (천원) as Hancom draws it: two header rows; the line's
# amounts, then its 집행내용 under each quarter, the name, amount and 쪽수 cells over both rows.
HEADER_1_1_1 = [
    Cell(0, 0, "예산 사업명", 2),
    Cell(0, 1, "추진 사업명", 2),
    Cell(0, 2, "예산액", 1, 2),
    Cell(0, 4, "집행예정액 / 집행내용", 1, 4),
    Cell(0, 8, "사업별 설명자료 쪽수", 2),
    *(
        Cell(1, c, t)
        for c, t in enumerate(["’25", "’24", "1분기", "2분기", "3분기", "4분기"], start=2)
    ),
]
LINE_1_1_1 = [
    Cell(2, 0, "456.\n자격연수", 2),
    Cell(2, 1, "교원 자격단계별 핵심역량 강화 자격연수", 2),
    Cell(2, 2, "1,078,028", 2),
    Cell(2, 3, "1,109,463", 2),
    *(Cell(2, c, t) for c, t in enumerate(["342,000", "240,480", "495,548", "-"], 4)),
    Cell(2, 8, "1,958", 2),
    *(Cell(3, c, t) for c, t in enumerate(["연수 운영", "연수 운영", "연수 운영", "-"], 4)),
]
TOTAL_1_1_1 = [
    Cell(0, 0, "합계", 1, 2),
    *(
        Cell(0, c, t)
        for c, t in enumerate(
            ["1,078,028", "1,109,463", "342,000", "240,480", "495,548", "-"], start=2
        )
    ),
    Cell(0, 8, ""),
]


def _shifted(cells, rows):
    return [Cell(c.row + rows, c.col, c.text, c.rowspan, c.colspan) for c in cells]


def _budget_facts(*tables):
    blocks = [Paragraph(t) for t in SECTION + ["예산 집행 계획", "(단위: 천원, ’25. 1. 10.기준)"]]
    return extract(Document(path="x.hwpx", format="hwpx", blocks=blocks + list(tables)))


def _budget_rows(facts):
    return [
        (b.is_total, b.program_code, b.project_name, b.amount, b.q3, b.q4, b.note)
        for b in facts.budget_lines
    ]


EXPECTED_1_1_1 = [
    (
        False,
        "456",
        "교원 자격단계별 핵심역량 강화 자격연수",
        1_078_028_000,
        495_548_000,
        None,
        "연수 운영",
    ),
    (True, None, None, 1_078_028_000, 495_548_000, None, None),
]


def test_seoul_1_1_1_budget_line_over_two_rows_is_one_line_with_its_note():
    table = Table(HEADER_1_1_1 + LINE_1_1_1 + _shifted(TOTAL_1_1_1, 4), 5, 9)
    assert _budget_rows(_budget_facts(table)) == EXPECTED_1_1_1
    # The note row as a row of its own: the line's cells end above it, blank cells beneath.
    own_row = [
        c if c.row != 2 or c.col > 3 and c.col != 8 else Cell(c.row, c.col, c.text, 1, c.colspan)
        for c in LINE_1_1_1
    ]
    own_row += [Cell(3, c, "") for c in (0, 1, 2, 3, 8)]
    table = Table(HEADER_1_1_1 + own_row + _shifted(TOTAL_1_1_1, 4), 5, 9)
    assert _budget_rows(_budget_facts(table)) == EXPECTED_1_1_1


def test_seoul_1_1_1_budget_table_broken_in_two_is_read_as_one():
    first = Table(HEADER_1_1_1 + LINE_1_1_1, 4, 9)
    bare = Table(TOTAL_1_1_1, 1, 9)
    assert _budget_rows(_budget_facts(first, bare)) == EXPECTED_1_1_1
    repeated = Table(HEADER_1_1_1 + _shifted(TOTAL_1_1_1, 2), 3, 9)
    facts = _budget_facts(first, repeated)
    assert _budget_rows(facts) == EXPECTED_1_1_1
    assert len(facts.budget_tables) == 1 and facts.budget_tables[0].block_span == (6, 7)


@pytest.mark.parametrize(
    "years, quarters",
    [
        (("2025년", "2024년"), ("1분기", "2분기", "3분기", "4분기")),
        (("2025", "2024"), ("1/4분기", "2/4분기", "3/4분기", "4/4분기")),
        (("’25 예산", "’24 예산"), ("1/4 분기", "2/4 분기", "3/4 분기", "4/4 분기")),
        (("2025년 예산액", "2024년 본예산"), ("1분기", "2분기", "3분기", "4분기")),
    ],
)
def test_seoul_1_1_1_budget_header_in_other_words(years, quarters):
    """The years and quarters as other reports print them: the same line, its plan year and
    its previous year."""
    header = [c for c in HEADER_1_1_1 if c.row == 0] + [
        Cell(1, c, t) for c, t in enumerate([*years, *quarters], start=2)
    ]
    facts = _budget_facts(Table(header + LINE_1_1_1 + _shifted(TOTAL_1_1_1, 4), 5, 9))
    assert _budget_rows(facts) == EXPECTED_1_1_1
    assert [(t.year, t.prev_year) for t in facts.budget_tables] == [(2025, 2024)]
    assert [(b.year, b.amount_prev) for b in facts.budget_lines] == [
        (2025, 1_109_463_000),
        (2025, 1_109_463_000),
    ]


def test_seoul_1_1_1_budget_total_printed_first():
    """The 합계 row right under the header, over the line it sums: the same line, and the 합계
    still last."""
    table = Table(HEADER_1_1_1 + _shifted(TOTAL_1_1_1, 2) + _shifted(LINE_1_1_1, 1), 5, 9)
    assert _budget_rows(_budget_facts(table)) == EXPECTED_1_1_1


# The seed's budget tables as `pdftotext -raw` writes them (one cell a line in reading order,
# a cell of several lines on its lines): 1-2-1's, from samples/…pdf p.12.
RAW_1_2_1 = [
    "1-2-1 교원 연수",  # a heading of mine: the section's text names no course here
    " 예산 집행 계획",
    "(단위: 천원, ’25. 1. 10.기준)",
    "예산 사업명 추진 사업명",
    "예산액 집행예정액 / 집행내용 사업별",
    "설명자료",
    "쪽수",
    "’25 ’24 1분기 2분기 3분기 4분기",
    "457. 직무연수",
    "초등 교원 생애단계별",
    "맞춤식 직무연수",
    "287,540 429,318",
    "56,390 83,100 71,000 77,050",
    "1,964",
    "직무연수 운영",
    "중등 교원 생애단계별",
    "맞춤식 직무연수",
    "205,000 199,268",
    "90,000 46,000 43,000 26,000",
    "1,964",
    "직무연수 운영",
    "비예산 서울 학습연구년 - 697,500",
    "- - - -",
    "-",
    "비예산",
    "합계 492,540 1,326,086 146,390 129,100 114,000 103,050",
]


def _raw_lines(lines):
    """(name, ’25 in 천원, note) of each budget line read from a section whose table is
    `lines` (after its code line)."""
    section = [lines[0], *SECTION[1:]]
    return [
        (b.project_name, b.amount // 1000 if b.amount else None, b.note)
        for b in extract(doc(section + lines[1:])).budget_lines
        if not b.is_total
    ]


def test_seoul_1_2_1_raw_a_note_said_once_is_told_from_the_next_name_by_another_lines_note():
    # Between line 1's 쪽수 and line 2's amounts: '직무연수 운영' (line 1's note, its cell
    # spanning the quarters printed once), then line 2's name over two lines. Nothing in the
    # three lines says where the note ends, so the split was a guess (in the sample, from the
    # section's text: '직무연수 운영 중등 교원 생애단계별' / '맞춤식 직무연수'). Line 2's note,
    # placed by the program code after it, says the same words: the note ends there.
    assert _raw_lines(RAW_1_2_1) == [
        ("초등 교원 생애단계별 맞춤식 직무연수", 287540, "직무연수 운영"),
        ("중등 교원 생애단계별 맞춤식 직무연수", 205000, "직무연수 운영"),
        ("서울 학습연구년", None, "비예산"),
    ]


def test_a_gap_of_words_no_other_note_says_keeps_its_guess():
    # The control: line 1's note is words no other line's note holds, so the split stays the
    # one the section's text gives (the course named in its plan), as before.
    lines = RAW_1_2_1[:14] + ["현장 체험 운영"] + RAW_1_2_1[15:]
    lines.insert(1, "◦ 중등 교원 생애단계별 맞춤식 직무연수 운영")  # the plan names the course
    first, second = _raw_lines(lines)[:2]
    assert (first[2], second) == (
        "현장 체험 운영",
        ("중등 교원 생애단계별 맞춤식 직무연수", 205000, "직무연수 운영"),
    )


def test_seoul_1_2_1_raw_total_printed_first_still_reads_its_lines():
    # The 합계 line right under the header, over the lines it sums (as some reports print it):
    # it had ended the flattened table there, and its three lines were lost.
    lines = RAW_1_2_1[:8] + RAW_1_2_1[-1:] + RAW_1_2_1[8:-1]
    assert _raw_lines(lines) == _raw_lines(RAW_1_2_1)
    section = [lines[0], *SECTION[1:]]
    budget = extract(doc(section + lines[1:])).budget_lines
    # the 합계 is still the table's last line, with the amounts it printed (p.12)
    assert [(b.is_total, b.amount) for b in budget][-1] == (True, 492_540_000)
    assert [b.line_no for b in budget] == [1, 2, 3, 4]


def test_the_seed_as_text_with_every_total_first_reads_the_same_budget(tmp_path):
    """samples/…txt with each 합계 line moved under its table's header: the same 60 lines."""
    from pathlib import Path

    from kplan.parsers import parse_file

    seed = Path(__file__).resolve().parents[1] / "samples" / "seoul-edu-training-2025-plan.txt"
    text = seed.read_text("utf-8")
    lines = text.splitlines()
    for at in [i for i, line in enumerate(lines) if line.split()[:1] == ["합계"]][::-1]:
        header = max(i for i in range(at) if "4분기" in lines[i])
        lines.insert(header + 1, lines.pop(at))

    def budget(document):
        return [
            (b.section_code, b.line_no, b.is_total, b.project_name, b.amount, b.amount_prev,
             b.q1, b.q2, b.q3, b.q4, b.note)
            for b in extract(document).budget_lines
        ]  # fmt: skip

    moved_file = tmp_path / "total-first.txt"
    moved_file.write_text("\n".join(lines) + "\n", "utf-8")
    moved = budget(parse_file(moved_file))
    assert len(moved) == 60 and sum(b[2] for b in moved) == 20
    assert moved == budget(parse_file(seed))


def test_seoul_5_2_2_raw_a_line_without_amounts_starts_with_its_two_dashes():
    # 5-2-2's one line (비예산) under `pdftotext -raw`: its ’25 and ’24 cells are '- -' on a
    # line of their own after its name. Before the first row no note can hold them: they are
    # the line's amounts, not words of its name ('… 책무성 강화 - -').
    lines = RAW_1_2_1[1:8] + [
        "비예산",
        "공감·소통의 효율적",
        "재정 지원 및 책무성",
        "강화",
        "- -",
        "- - - -",
        "-",
        "비예산",
        "합계 - - - - - -",
    ]
    assert _raw_lines(["5-2-2 공감·소통의 재정 지원"] + lines) == [
        ("공감·소통의 효율적 재정 지원 및 책무성 강화", None, "비예산")
    ]


def test_seoul_pdftotext_raw_order_reads_the_seeds_budget_lines():
    # `pdftotext -raw` of the sample PDF (tests/data, made by make_pdftotext.py): its budget
    # tables flattened in the content stream's order. Every line is the seed's as read by hand
    # (tests/test_sample_report.py). Before: 1-1-2's second line was named '연수운영', 1-2-1's
    # note ran into the next name, 5-2-2's name ended '- -'; and 5-1-1, broken over pp.39-40
    # with its header printed again on p.40 (and p.40's '- 40 -' drawn first on the page),
    # was not read: the header's words fell among its rows' notes.
    from pathlib import Path

    from test_hancom_layouts import total_rows
    from test_sample_report import LINES, TOTALS, _line_tuple

    from kplan.parsers import parse_file

    data = Path(__file__).resolve().parent / "data" / "seoul-edu-training-2025-plan.raw-order.txt"
    facts = extract(parse_file(data))
    read = [_line_tuple(b) for b in facts.budget_lines if not b.is_total]
    assert read == LINES
    assert total_rows(facts) == TOTALS
    assert len({t.section_code for t in facts.budget_tables}) == 20
    # 5-1-1's two lines, on p.39 and p.40, and its 합계 under the second (page images).
    assert [
        (b.line_no, b.page, b.is_total) for b in facts.budget_lines if b.section_code == "5-1-1"
    ] == [
        (1, 39, False),
        (2, 40, False),
        (3, 40, True),
    ]


def test_seoul_pdftotext_raw_order_page_numbers_are_no_headings():
    # `pdftotext -raw` writes most pages' '- N -' as their first line: no outline node is one,
    # and p.45's last item goes on over p.46's number, '… 공감 재정 컨설팅 / 운영하여 회계업무
    # 역량 강화(연2회 이상)', one item counted on p.45 (where the PDF reader counts it).
    from pathlib import Path

    from kplan.parsers import parse_file

    data = Path(__file__).resolve().parent / "data" / "seoul-edu-training-2025-plan.raw-order.txt"
    facts = extract(parse_file(data))
    assert not [n for n in facts.outline if regex.fullmatch(r"[-–—]?\s*\d{1,4}\s*[-–—]?", n.text)]
    counted = [c for c in facts.counts if c.subject == "회계업무 역량 강화"]
    assert [(c.section_code, c.quantity, c.counter, c.page) for c in counted] == [
        ("5-2-2", 2, "회", 45)
    ]


def test_seoul_pdfplumber_text_budget_tables_are_unread_not_misread(sample_path):
    # pdfplumber's extract_text() of the sample PDF (kplan's own PDF dependency: a user's
    # extraction), pages joined as pdftotext joins them. It writes a two-row budget line from
    # the top: the quarters' row first, then the name, amounts and 쪽수 at the row's middle,
    # then the notes' row with the name's last words. The flattened-table reader reads the
    # amounts first, so it reads none of these tables (each one's finding says so). Before: 15
    # lines, 13 wrong (2-1-1's first line with no amount and the next line's quarters, 3-2-2's
    # project named '23,972 22,914 1,964 만들기 연수 연수운영').
    import pdfplumber

    from kplan.parsers.text import read

    with pdfplumber.open(sample_path("pdf")) as pdf:
        text = "\n\f".join(page.extract_text() or "" for page in pdf.pages) + "\n"
    facts = extract(read(text.encode(), path="plumber.txt"))
    assert len(facts.sections) == 20 and len(facts.training_items) == 236
    assert len(facts.budget_tables) == 20
    assert facts.budget_lines == []


def test_a_flattened_budget_line_printed_quarters_first_is_not_read():
    # 5-2-2's table as pdfplumber writes it (p.46): the '-' quarters over the 비예산 line's
    # name, before its amounts. Before: one line, its name lost into its note ('비예산 재정
    # 지원 및 책무성 강화 비예산').
    text = "\n".join(
        [
            "5-2-2 공감·소통의 효율적 재정 지원 및 책무성 강화",
            " 2024년 추진 실적",
            "◦ 재정 자원 운영의 효율성 제고",
            " 2025년 추진계획",
            "◦ 재정 자원 운영의 효율성 제고",
            " 예산 집행 계획",
            "(단위: 천원, ’25. 1. 10.기준)",
            "예산액 집행예정액 / 집행내용 사업별",
            "예산 사업명 추진 사업명 설명자료",
            "’25 ’24 1분기 2분기 3분기 4분기 쪽수",
            "공감·소통의 효율적 - - - -",
            "비예산 재정 지원 및 책무성 - - -",
            "강화 비예산",
            "합계 - - - - - -",
        ]
    )
    from kplan.parsers.text import read

    facts = extract(read(text.encode(), path="t.txt"))
    assert [t.section_code for t in facts.budget_tables] == ["5-2-2"]
    assert facts.budget_lines == []


def test_a_flattened_budget_tables_header_printed_again_after_a_page_break_is_skipped():
    from kplan.rules.budget import _repeated_header_end
    from kplan.rules.lines import Line

    def lines(*texts):
        return [Line(t, t, 1, k) for k, t in enumerate(texts)]

    again = lines("예산 사업명 추진 사업명", "예산액 집행예정액 / 집행내용 사업별", "설명자료", "쪽수",
                  "’25 ’24 1분기 2분기 3분기 4분기", "459. 전문교육")  # fmt: skip
    assert _repeated_header_end(again, 0) == 4
    assert _repeated_header_end(lines("’25 ’24 1분기 2분기 3분기 4분기"), 0) == 0
    # a note or a name among them is no header; nor are the quarters' words alone
    assert (
        _repeated_header_end(lines("예산 사업명", "연수운영", "1분기 2분기 3분기 4분기"), 0) is None
    )
    assert _repeated_header_end(lines("1분기 2분기 3분기 4분기"), 0) is None
    assert _repeated_header_end(lines("교육훈련 운영을 위한"), 0) is None
    # a quarter a line: the header ends at 4/4분기, not at the '4분기' of '1/4분기'
    quarters = lines("예산액", "’25 ’24", "1/4분기", "2/4분기", "3/4분기", "4/4분기", "연수운영")
    assert _repeated_header_end(quarters, 0) == 5


@pytest.mark.parametrize(
    "line, expected",
    [
        # The counts in brackets after the name: the bracket is not the name's.
        ("- [초등 집합] 유치원 1급 정교사 자격연수(2과정, 358명)", ("초등", "집합")),
        # The tag in other brackets, or with a mark between audience and mode.
        ("- 【초등 집합】 유치원 1급 정교사 자격연수 2과정, 358명", ("초등", "집합")),
        ("- (초등 집합) 유치원 1급 정교사 자격연수 2과정, 358명", ("초등", "집합")),
        ("- (초등) 유치원 1급 정교사 자격연수 2과정, 358명", ("초등", None)),
        ("- [초등/집합] 유치원 1급 정교사 자격연수 2과정, 358명", ("초등", "집합")),
        ("- [초등·집합] 유치원 1급 정교사 자격연수 2과정, 358명", ("초등", "집합")),
    ],
)
def test_an_items_tag_and_counts_however_bracketed(line, expected):
    from kplan.rules.training import parse_item

    item = parse_item(line)
    assert (item.audience, item.mode) == expected
    assert (item.name, item.courses, item.participants) == ("유치원 1급 정교사 자격연수", 2, 358)


def test_a_round_bracket_that_names_no_audience_is_the_names():
    from kplan.rules.training import parse_item

    item = parse_item("- (가칭) 미래교육 연수 2과정, 358명")
    assert (item.audience, item.mode, item.name) == (None, None, "(가칭) 미래교육 연수")


@pytest.mark.parametrize(
    "heading", ["1-1-1. 교원 자격연수", "[1-1-1] 교원 자격연수", "1 - 1 - 1 교원 자격연수"]
)
def test_a_section_code_as_other_reports_print_it(heading):
    lines = [
        heading,
        *SECTION[1:],
        "2024년 추진 실적",
        " - [초등 집합] 유치원 1급 정교사 자격연수 2과정, 358명",
    ]
    facts = extract(doc(lines))
    assert [(s.code, s.title) for s in facts.sections] == [("1-1-1", "교원 자격연수")]
    assert [(t.section_code, t.participants) for t in facts.training_items] == [("1-1-1", 358)]


@pytest.mark.parametrize("code", ["1.1.1", "1.1.1.", "[1.1.1]"])
def test_a_section_code_printed_with_dots_in_a_report_with_the_sections_parts(code):
    lines = [
        f"{code} 교원 자격연수",
        *SECTION[1:],
        "2024년 추진 실적",
        " - [초등 집합] 유치원 1급 정교사 자격연수 2과정, 358명",
        "2025년 추진계획",
        " - [초등 집합] 유치원 1급 정교사 자격연수 2과정, 360명",
        "1.1.2 교육행정직원 기본교육",
        "2024년 추진 실적",
        " - [집합] 신규 임용자 기본교육 3과정, 120명",
    ]
    facts = extract(doc(lines))
    assert [(s.code, s.title) for s in facts.sections] == [
        ("1-1-1", "교원 자격연수"),
        ("1-1-2", "교육행정직원 기본교육"),
    ]
    assert [(t.section_code, t.year, t.participants) for t in facts.training_items] == [
        ("1-1-1", 2024, 358),
        ("1-1-1", 2025, 360),
        ("1-1-2", 2024, 120),
    ]


def test_the_seed_as_text_numbered_with_dots_reads_the_same_report(tmp_path):
    """samples/…txt with every section code printed '1.1.1': the same 20 sections, 236 items,
    60 budget lines and 163 contacts, under the same codes."""
    import re
    from pathlib import Path

    from kplan.parsers import parse_file

    seed = Path(__file__).resolve().parents[1] / "samples" / "seoul-edu-training-2025-plan.txt"
    text = seed.read_text("utf-8")
    dotted, n = re.subn(r"(?m)^(\s*)(\d)-(\d)-(\d)(?=\s)", r"\1\2.\3.\4", text)
    assert n == 20
    moved_file = tmp_path / "dotted.txt"
    moved_file.write_text(dotted, "utf-8")
    before, after = extract(parse_file(seed)), extract(parse_file(moved_file))
    assert [(s.code, s.title) for s in after.sections] == [
        (s.code, s.title) for s in before.sections
    ]
    assert len(after.sections) == 20 and after.sections[0].code == "1-1-1"
    for name, size in (("training_items", 236), ("budget_lines", 60), ("contacts", 163)):
        rows = [r._replace(page=None, position=None) for r in getattr(after, name)]
        assert len(rows) == size, name
        assert rows == [r._replace(page=None, position=None) for r in getattr(before, name)]


def test_headings_numbered_with_dots_without_a_sections_parts_are_no_sections():
    # A manual or a proposal numbers its chapters so: '1.1.1 개요' is no training-plan section,
    # and '1.1.1.1' (four levels) no code at all.
    lines = [
        "1.1.1 사업 개요",
        "◦ 본 사업은 교원 연수 시스템을 구축한다",
        "1.1.1.1 추진 배경",
        "1.1.2 추진 계획",
        "◦ 1단계 설계, 2단계 구축",
    ]
    facts = extract(doc(lines))
    assert facts.sections == [] and facts.training_items == []
    from kplan.rules.sections import DOTTED_SECTION_RE

    assert DOTTED_SECTION_RE.match("1.1.1.1 추진 배경") is None
    assert DOTTED_SECTION_RE.match("25.1.10 기준") is not None  # the shape alone: hence the parts


def _grid(rows):
    return Table(
        [Cell(r, c, t) for r, row in enumerate(rows) for c, t in enumerate(row)],
        len(rows),
        len(rows[0]),
    )


def _items_under_2024(table):
    blocks = [Paragraph(t) for t in SECTION + ["2024년 추진 실적"]]
    blocks += [table, Paragraph(" - [초등 집합] 원감 자격연수 1과정, 60명")]
    facts = extract(Document(path="x.hwpx", format="hwpx", blocks=blocks))
    return [
        (t.audience, t.mode, t.name, t.courses, t.participants, t.source)
        for t in facts.training_items
    ]


def test_training_items_printed_as_a_table_are_the_lists_items():
    table = _grid(
        [
            ["구분", "과정명", "과정", "인원"],
            ["초등 집합", "유치원 1급 정교사 자격연수", "2", "358"],
            ["중등 원격", "중등 1급 정교사 자격연수", "3과정", "1,079명"],
            ["합계", "", "5", "1,437"],
        ]
    )
    assert _items_under_2024(table) == [
        ("초등", "집합", "유치원 1급 정교사 자격연수", 2, 358,
         "초등 집합 | 유치원 1급 정교사 자격연수 | 2 | 358"),
        ("중등", "원격", "중등 1급 정교사 자격연수", 3, 1079,
         "중등 원격 | 중등 1급 정교사 자격연수 | 3과정 | 1,079명"),
        # the list goes on after the table
        ("초등", "집합", "원감 자격연수", 1, 60, "- [초등 집합] 원감 자격연수 1과정, 60명"),
    ]  # fmt: skip


def test_an_item_table_with_audience_and_mode_columns_and_no_courses():
    table = _grid(
        [
            ["대상", "연수형태", "연수명", "인원(명)"],
            ["초등", "집합", "신규 교사 직무연수", "120"],
            ["중등", "원격", "수업 혁신 연수", "-"],  # no figure: no item
        ]
    )
    assert _items_under_2024(table)[:-1] == [
        ("초등", "집합", "신규 교사 직무연수", None, 120, "초등 | 집합 | 신규 교사 직무연수 | 120"),
    ]


def test_a_table_that_heads_no_items_gives_none():
    table = _grid([["구분", "내용"], ["목적", "교원 역량 강화 3과정, 120명"]])
    assert [name for _, _, name, *_ in _items_under_2024(table)] == ["원감 자격연수"]


def test_a_budget_unit_stated_in_the_header_cells():
    """No '(단위: 천원)' line over the table, but '예산액(천원)' in its header: the amounts are
    천원, as where the line states it (the printed 1,078,028 is 1,078,028,000원)."""
    header = [
        Cell(c.row, c.col, "예산액(천원)" if c.text == "예산액" else c.text, c.rowspan, c.colspan)
        for c in HEADER_1_1_1
    ]
    blocks = [Paragraph(t) for t in SECTION + ["예산 집행 계획"]]
    blocks.append(Table(header + LINE_1_1_1 + _shifted(TOTAL_1_1_1, 4), 5, 9))
    facts = extract(Document(path="x.hwpx", format="hwpx", blocks=blocks))
    assert _budget_rows(facts) == EXPECTED_1_1_1
    assert [(t.unit, t.unit_factor) for t in facts.budget_tables] == [("천원", 1000)]


def test_a_budget_table_stating_no_unit_is_a_finding():
    """Its amounts are stored as the printed figures, in won: a guess the report must hear of."""
    from kplan.warehouse.load import connect, load_document
    from kplan.warehouse.quality import run_checks

    blocks = [Paragraph(t) for t in SECTION + ["예산 집행 계획"]]
    blocks.append(Table(HEADER_1_1_1 + LINE_1_1_1 + _shifted(TOTAL_1_1_1, 4), 5, 9))
    doc = Document(path="x.hwpx", format="hwpx", blocks=blocks, sha256="1")
    facts = extract(doc)
    assert [(t.unit, t.unit_factor) for t in facts.budget_tables] == [(None, 1)]
    con = connect(":memory:")
    load_document(con, doc, facts)
    run_checks(con, report=lambda _: None)
    assert con.execute(
        "SELECT section_code, severity, message FROM findings WHERE rule = 'budget_unit_missing'"
    ).fetchall() == [
        ("1-1-1", "warning", "예산 표가 금액 단위를 밝히지 않아 2줄의 금액을 원 단위로 읽음")
    ]


def test_a_flattened_budget_headers_years_as_other_reports_print_them():
    from kplan.rules.budget import years_from_header
    from kplan.rules.lines import Line

    for header in (
        "’25 ’24 1분기 2분기 3분기 4분기",
        "2025년 2024년 1/4분기 2/4분기 3/4분기 4/4분기",
        "2025 2024 1분기 2분기 3분기 4분기",
    ):
        assert years_from_header([Line(header, header, 1, 0)]) == (2025, 2024), header
    # A figure is no year: '2,025' in a header line.
    line = "예산액 2,025 1분기 4분기"
    assert years_from_header([Line(line, line, 1, 0)]) == (None, None)


def test_a_budget_tables_header_cut_at_a_page_after_its_first_row_is_one_table():
    # LibreOffice's PDF of the seed (hwp5odt, then soffice): 2-1-2's table breaks after the
    # header's first row, p.20 ('예산 사업명 | 추진 사업명 | 예산액 | 집행예정액 / 집행내용 |
    # 사업별'), the years, quarters and rows on p.21, whose name columns head nothing. Before,
    # neither was a budget table: 2-1-2 read no line. Figures: the seed's 2-1-2, p.19.
    from kplan.rules import budget

    top = Table(
        [Cell(0, k, t) for k, t in enumerate(
            ["예산 사업명", "추진 사업명", "예산액", "집행예정액 / 집행내용", "사업별"])],
        1, 5, page=20,
    )  # fmt: skip
    header = ["", "", "’25", "’24", "1분기", "2분기", "3분기", "4분기", "설명자료\n쪽수"]
    row = ["457.\n직무연수", "교육과정\n운영 지원\n연수", "18,520", "23,804", "730", "13,030",
           "730", "4,030", "1,963"]  # fmt: skip
    total = ["합계", None, "18,520", "23,804", "730", "13,030", "730", "4,030", ""]
    cells = [Cell(0, k, t) for k, t in enumerate(header)]
    cells += [Cell(1, k, t) for k, t in enumerate(row)]
    cells += [Cell(2, 0, "합계", 1, 2)] + [Cell(2, k, t) for k, t in enumerate(total) if k > 1]
    rest = Table(cells, 3, 9, page=21)
    whole = budget.header_cut_at_page(top, rest)
    assert whole is not None and budget.is_budget_table(whole)
    assert [c.text for c in whole.row_cells(0)][:2] == ["예산사업명", "추진사업명"]
    rows, plan_year, prev_year = budget.rows_from_table(whole)
    assert (plan_year, prev_year) == (2025, 2024)
    assert [r.values for r in rows] == [
        [18520, 23804, 730, 13030, 730, 4030],
        [18520, 23804, 730, 13030, 730, 4030],
    ]
    assert [r.is_total for r in rows] == [False, True]
    # a row of labels over a table that is not the rest of a budget table's header: no table
    assert budget.header_cut_at_page(top, Table([Cell(0, 0, ""), Cell(1, 0, "1")], 2, 1)) is None


def test_a_project_named_with_a_header_word_keeps_its_flattened_table():
    # Review of 79c4a71: a program's words hold the project's name at that point, so a name
    # with '분기' in it ('교원 분기별 …', in the title and the table of the sample's pdftotext
    # -raw text) unread its table. Only figures after a program code say the reading is no row.
    from pathlib import Path

    from kplan.parsers.text import read

    data = Path(__file__).resolve().parent / "data" / "seoul-edu-training-2025-plan.raw-order.txt"
    text = data.read_text("utf-8").replace("교원 자격단계별", "교원 분기별 자격단계별")
    assert "교원 분기별 자격단계별" in text
    facts = extract(read(text.encode(), path="raw.txt"))
    first = [b for b in facts.budget_lines if b.section_code == "1-1-1" and not b.is_total]
    assert [(b.project_name, b.amount) for b in first] == [
        ("교원 분기별 자격단계별 핵심역량 강화 자격연수", 1_078_028_000)
    ]
    assert len(facts.budget_lines) == 60  # the seed's 40 lines and 20 totals
