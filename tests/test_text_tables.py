"""Text a user extracted from a PDF with pdftotext: tables laid out by spaces are read as the
author built them (parsers/text_tables.py).

tests/data holds pdftotext's renderings of our own sample PDF (regenerate them with
`python tests/data/make_pdftotext.py`); the facts read from them are held to the seed's, and
the seed's values to the seed text itself.
"""

from __future__ import annotations

import collections
import shutil
import subprocess
from pathlib import Path

import pytest
from test_family_budget_program import EXPECTED as BUDGET_PROGRAMS

from kplan.parsers import parse_file, text_tables
from kplan.parsers.model import Table
from kplan.parsers.text import read
from kplan.parsers.text_cells import cell_runs
from kplan.parsers.text_tables import PAGE_NUMBER_RE, read_table, table_regions
from kplan.rules import budget, extract

DATA = Path(__file__).resolve().parent / "data"
STEM = "seoul-edu-training-2025-plan"
LAYOUT = DATA / f"{STEM}.layout.txt"
CORPUS_REPORTS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "reports"


def _strip(rows):
    return [row._replace(page=None, position=None) for row in rows]


@pytest.fixture(scope="module")
def layout_facts():
    doc = parse_file(LAYOUT)
    assert doc.status == "ok"
    return doc, extract(doc)


def _grid(table: Table) -> list[tuple[int, int, int, int, str]]:
    return sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in table.cells if c.text)


# ----------------------------------------------------------- the sample, as pdftotext -layout


def test_seoul_layout_text_budget_lines_are_the_seeds(layout_facts, text_facts):
    doc, facts = layout_facts
    assert sum(1 for _ in doc.tables()) == 20  # 21 printed; the one broken at p.39 is joined
    assert len(facts.budget_lines) == 60
    assert _strip(facts.budget_lines) == _strip(text_facts.budget_lines)
    assert [t._replace(page=None, block_span=None) for t in facts.budget_tables] == [
        t._replace(page=None, block_span=None) for t in text_facts.budget_tables
    ]


def test_seoul_layout_text_other_facts_are_the_seeds(layout_facts, text_facts):
    _, facts = layout_facts
    for name in ("sections", "training_items", "improvement_items", "contacts"):
        assert _strip(getattr(facts, name)) == _strip(getattr(text_facts, name)), name
    assert (facts.title, facts.organization, facts.plan_year, facts.unit, facts.tasks) == (
        text_facts.title,
        text_facts.organization,
        text_facts.plan_year,
        text_facts.unit,
        text_facts.tasks,
    )


def _printed(won: int | None) -> str:
    return "-" if won is None else f"{won // 1000:,}"


def test_seoul_layout_text_outline_is_the_pdfs(layout_facts, pdf_facts):
    """Page numbers at the pages' feet are dropped, as the PDF reader drops them."""
    _, facts = layout_facts

    def outline(f):
        return [(n.level, n.marker, n.text) for n in f.outline]

    assert outline(facts) == outline(pdf_facts)
    assert _strip(facts.counts) == _strip(pdf_facts.counts)


def test_seoul_layout_text_values_are_printed_in_the_seed(layout_facts, sample_path):
    """Every amount, quarter and note read from the layout text is in the seed text as
    printed (천원), each 합계 row as the seed's 합계 line."""
    _, facts = layout_facts
    seed = sample_path("txt").read_text("utf-8")
    seed_words = set(seed.split())
    seed_squashed = "".join(seed.split())
    totals = [ln.split() for ln in seed.splitlines() if ln.startswith("합계 ")]
    assert len(totals) == sum(ln.is_total for ln in facts.budget_lines) == 20
    k = 0
    for line in facts.budget_lines:
        values = (line.amount, line.amount_prev, line.q1, line.q2, line.q3, line.q4)
        if line.is_total:
            printed = [_printed(v) for v in values][: line.cells_printed]
            assert totals[k][1:] == printed, (line.section_code, totals[k])
            k += 1
            continue
        for value in values:
            if value is not None:
                assert _printed(value) in seed_words, (line.section_code, line.line_no, value)
        if line.note:
            assert all(word in seed_squashed for word in line.note.split()), line.note


def test_seoul_layout_text_first_budget_table_grid():
    """1-1-1's table as page 9 of the PDF draws it (its image: samples/…pdf p.9)."""
    doc = parse_file(LAYOUT)
    first = next(doc.tables())
    assert (first.n_rows, first.n_cols) == (5, 9)
    assert _grid(first) == [
        (0, 0, 2, 1, "예산 사업명"),
        (0, 1, 2, 1, "추진 사업명"),
        (0, 2, 1, 2, "예산액"),
        (0, 4, 1, 4, "집행예정액 / 집행내용"),
        (0, 8, 2, 1, "사업별\n설명자료\n쪽수"),
        (1, 2, 1, 1, "’25"),
        (1, 3, 1, 1, "’24"),
        (1, 4, 1, 1, "1분기"),
        (1, 5, 1, 1, "2분기"),
        (1, 6, 1, 1, "3분기"),
        (1, 7, 1, 1, "4분기"),
        (2, 0, 2, 1, "456. 자격연수"),
        (2, 1, 2, 1, "교원 자격단계별\n핵심역량 강화\n자격연수"),
        (2, 2, 2, 1, "1,078,028"),
        (2, 3, 2, 1, "1,109,463"),
        (2, 4, 1, 1, "342,000"),
        (2, 5, 1, 1, "240,480"),
        (2, 6, 1, 1, "495,548"),
        (2, 7, 1, 1, "-"),
        (2, 8, 2, 1, "1,958"),
        (3, 4, 1, 4, "연수 운영"),  # alone on its row, centred over the four quarters
        (4, 0, 1, 2, "합계"),
        (4, 2, 1, 1, "1,078,028"),
        (4, 3, 1, 1, "1,109,463"),
        (4, 4, 1, 1, "342,000"),
        (4, 5, 1, 1, "240,480"),
        (4, 6, 1, 1, "495,548"),
        (4, 7, 1, 1, "-"),
    ]


def test_seoul_layout_text_tables_are_the_pdf_readers(sample_path):
    """Two readings of one PDF: its drawn grid (parsers/pdf.py) and its text laid out by
    pdftotext agree cell for cell, spans included."""
    pdf = list(parse_file(sample_path("pdf")).tables())
    text = list(parse_file(LAYOUT).tables())
    assert len(pdf) == len(text) == 20
    for k, (a, b) in enumerate(zip(pdf, text)):
        assert (b.n_rows, b.n_cols) == (a.n_rows, a.n_cols), k
        assert _grid(b) == _grid(a), k


def test_seoul_layout_text_table_broken_at_page_39_is_one_table():
    """5-1-1's table runs from p.39 onto p.40 with its header printed again."""
    doc = parse_file(LAYOUT)
    table = [t for t in doc.tables() if t.end_page is not None]
    assert [(t.page, t.end_page) for t in table] == [(39, 40)]
    texts = [c.text for c in table[0].cells]
    assert texts.count("예산 사업명") == 1
    assert "459. 전문교육" in texts and "합계" in texts


def test_seoul_raw_text_reads_the_seeds_facts_but_its_budget_tables(text_facts):
    """pdftotext's default order takes a budget table's columns in blocks (its header words
    among its figures): only the tables whose figures prove their rows are made tables of
    (parsers/text_column_blocks.py, tests/test_text_column_blocks.py); everything else reads
    as the seed does (page numbers dropped, no heading or count glued to one)."""
    doc = parse_file(DATA / f"{STEM}.raw.txt")
    facts = extract(doc)
    assert len([b for b in doc.blocks if isinstance(b, Table)]) == 9
    for name in ("sections", "training_items", "improvement_items", "contacts", "counts"):
        assert _strip(getattr(facts, name)) == _strip(getattr(text_facts, name)), name


def test_seoul_raw_text_budget_tables_are_unread_not_misread(text_facts):
    """The same default-order text: the flattened-table reader cannot pair an amount with its
    name where the figures come in column blocks, among header words ('사업별 설명자료 쪽수').
    The tables whose rows their figures do not prove are then read as none (the check says budget_table_unread),
    never as rows with another row's figures in their notes: before, 23 rows came back, not
    one of them right (1-1-1's row, 1,078,028 for 교원 자격단계별 핵심역량 강화 자격연수 in the
    seed, came back as 342,000 with '… 240,480 495,548 …' as its note). Every line read is
    the seed's."""
    facts = extract(parse_file(DATA / f"{STEM}.raw.txt"))
    assert len(facts.sections) == 20
    seed = _strip(text_facts.budget_lines)
    assert facts.budget_lines
    assert all(line in seed for line in _strip(facts.budget_lines))


def test_flattened_rows_hold_together_only_without_figures_or_header_words_between():
    row = budget.RawRow(project_words=["교원자격연수"], notes=["연수운영", "특교편성 예정"])
    assert budget.flat_rows_hold_together([row])
    assert not budget.flat_rows_hold_together(
        [budget.RawRow(notes=["연수 운영 -9- 240,480 495,548"])]
    )
    assert not budget.flat_rows_hold_together([budget.RawRow(notes=["사업별 설명자료 쪽수"])])
    # a year or a bare count in a note is no grouped figure
    assert budget.flat_rows_hold_together([budget.RawRow(notes=["2025 재배정 3회"])])


def test_seed_text_has_no_space_aligned_tables(sample_path):
    doc = read(sample_path("txt").read_bytes(), path="seed.txt")
    assert not any(isinstance(b, Table) for b in doc.blocks)


# ------------------------------------------------------------- small hand-made layouts

CASES = {
    "split columns and right-aligned numbers": (
        [
            "구분          예산액      집행액",
            "인건비       1,200,000      900",
            "운영비          35,000   12,500",
            "합계         1,235,000   13,400",
        ],
        [
            (0, 0, 1, 1, "구분"),
            (0, 1, 1, 1, "예산액"),
            (0, 2, 1, 1, "집행액"),
            (1, 0, 1, 1, "인건비"),
            (1, 1, 1, 1, "1,200,000"),
            (1, 2, 1, 1, "900"),
            (2, 0, 1, 1, "운영비"),
            (2, 1, 1, 1, "35,000"),
            (2, 2, 1, 1, "12,500"),
            (3, 0, 1, 1, "합계"),
            (3, 1, 1, 1, "1,235,000"),
            (3, 2, 1, 1, "13,400"),
        ],
    ),
    "a wrapped name cell": (
        [
            "사업명            2025     2024",
            "교원 역량강화      100       90",
            "연수",
            "행정 지원           20       30",
        ],
        [
            (0, 0, 1, 1, "사업명"),
            (0, 1, 1, 1, "2025"),
            (0, 2, 1, 1, "2024"),
            (1, 0, 1, 1, "교원 역량강화\n연수"),
            (1, 1, 1, 1, "100"),
            (1, 2, 1, 1, "90"),
            (2, 0, 1, 1, "행정 지원"),
            (2, 1, 1, 1, "20"),
            (2, 2, 1, 1, "30"),
        ],
    ),
    "a row with an empty cell": (
        [
            "항목      금액     비고",
            "가        100      신규",
            "나        200",
            "다        300      계속",
        ],
        [
            (0, 0, 1, 1, "항목"),
            (0, 1, 1, 1, "금액"),
            (0, 2, 1, 1, "비고"),
            (1, 0, 1, 1, "가"),
            (1, 1, 1, 1, "100"),
            (1, 2, 1, 1, "신규"),
            (2, 0, 1, 1, "나"),
            (2, 1, 1, 1, "200"),
            (3, 0, 1, 1, "다"),
            (3, 1, 1, 1, "300"),
            (3, 2, 1, 1, "계속"),
        ],
    ),
    "a header over two columns and a name centred on its two rows": (
        [
            "구분              예산액             비고",
            "          2025        2024",
            "                        10",
            "교육비        500                  신규",
            "                        20",
            "합계         500          30",
        ],
        [
            (0, 0, 2, 1, "구분"),
            (0, 1, 1, 2, "예산액"),
            (0, 3, 2, 1, "비고"),
            (1, 1, 1, 1, "2025"),
            (1, 2, 1, 1, "2024"),
            (2, 0, 2, 1, "교육비"),
            (2, 1, 2, 1, "500"),
            (2, 2, 1, 1, "10"),
            (2, 3, 2, 1, "신규"),
            (3, 2, 1, 1, "20"),
            (4, 0, 1, 1, "합계"),
            (4, 1, 1, 1, "500"),
            (4, 2, 1, 1, "30"),
        ],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_space_aligned_table(name):
    lines, expected = CASES[name]
    assert table_regions(lines) == [(0, len(lines))]
    table = read_table(lines)
    assert table is not None
    assert _grid(table) == expected
    covered = collections.Counter(
        (r, c)
        for cell in table.cells
        for r in range(cell.row, cell.row + cell.rowspan)
        for c in range(cell.col, cell.col + cell.colspan)
    )
    assert set(covered.values()) == {1}  # every grid position once
    assert len(covered) == table.n_rows * table.n_cols


def test_prose_with_wide_gaps_is_no_table():
    lines = [
        "◦ 신규공무원 공직적응 교육 1과정, 427명",
        "작 성 자  교육행정연수부장:정옥진 ☎ 3019-8006",
        "   - [교행] 5급 승진자 교육 등 5과정, 686명",
    ]
    assert table_regions(lines) == []


# ------------------------------------------------------------- one cell a line (raw)

YEARS_TABLE = ["(단위: 조원, %)", "", "2017", "", "2018", "", "2019", "", "400.5", "", "428.8"]
YEARS_TABLE += ["", "469.6", "중앙정부", "303.1", "330.8", "361.8", "(비중)", "(54.6)", "(54.4)"]
YEARS_TABLE += ["(54.5)", "다음 문단"]


def test_cells_one_a_line_under_a_year_header_are_refolded():
    runs = cell_runs(YEARS_TABLE)
    assert [(r.start, r.end) for r in runs] == [(2, len(YEARS_TABLE) - 1)]
    assert runs[0].table.text_grid() == [
        ["", "2017", "2018", "2019"],
        ["", "400.5", "428.8", "469.6"],
        ["중앙정부", "303.1", "330.8", "361.8"],
        ["(비중)", "(54.6)", "(54.4)", "(54.5)"],
    ]


@pytest.mark.parametrize(
    "lines",
    [
        # Labels that may be the pieces of wrapped labels: no proof of the columns.
        ["아동·", "보육", "취약계층", "지원", "1", "2", "3", "4", "계", "5", "6", "7", "8"],
        # A row of another count than the header's.
        ["2019", "2020", "2021", "1", "2", "3", "계", "4", "5"],
        # Years not rising: not one header.
        ["2021", "2019", "2020", "1", "2", "3", "계", "4", "5", "6"],
    ],
    ids=["wrapped labels", "short row", "years out of order"],
)
def test_cells_one_a_line_stay_lines_without_proof(lines):
    assert cell_runs(lines) == []


def test_seed_text_has_no_cell_runs(sample_path):
    lines = sample_path("txt").read_text("utf-8").split("\n")
    assert cell_runs(lines) == []


@pytest.mark.corpus
def test_fis_issue_22_4_raw_text_table_3_is_refolded(tmp_path):
    """<표 3> 중앙정부와 지방자치단체의 예산규모 비교 (p.4, values read off the page image):
    pdftotext's default order prints it a cell a line; the rows up to 지방자치단체 prove
    their shape (the row label 중앙정부 총지출 is printed elsewhere: left blank)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils' pdftotext is not installed")
    out = tmp_path / "fis.txt"
    pdf = CORPUS_REPORTS / "fis_issue_22-4_intergov_fiscal_transfers.pdf"
    subprocess.run(["pdftotext", str(pdf), str(out)], check=True, timeout=120)
    doc = parse_file(out)
    table = next(t for t in doc.tables() if t.page == 4)
    assert table.text_grid() == [
        ["", "2017", "2018", "2019", "2020", "2021", "2022"],
        ["", "400.5", "428.8", "469.6", "512.3", "558.0", "607.7"],
        ["중앙정부", "303.1", "330.8", "361.8", "386.2", "417.4", "455.8"],
        ["(비중)", "(54.6)", "(54.4)", "(54.5)", "(54.1)", "(55.5)", "(55.1)"],
        ["지방자치단체", "193.2", "210.7", "231.0", "253.2", "263.1", "288.3"],
    ]


# ------------------------------------------------------------------ corpus PDFs


@pytest.mark.corpus
@pytest.mark.parametrize(
    "stem",
    [
        "nikl_2022_work_plan",
        "fis_issue_22-4_intergov_fiscal_transfers",
        "budget_program_moel_learning_card",
        "local_gov_donation_report_form_2025",
    ],
)
@pytest.mark.parametrize("flags", [["-layout"], []], ids=["layout", "raw"])
def test_corpus_pdftotext_every_word_is_read_once(tmp_path, stem, flags):
    """Whatever the reader makes tables of, it keeps every word of the text, once."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils' pdftotext is not installed")
    out = tmp_path / f"{stem}.txt"
    subprocess.run(
        ["pdftotext", *flags, str(CORPUS_REPORTS / f"{stem}.pdf"), str(out)],
        check=True,
        timeout=120,
    )
    doc = parse_file(out, tidy=False)
    assert doc.status == "ok"
    words = collections.Counter(_words_but_folios(out.read_text("utf-8")))
    assert collections.Counter(doc.text().split()) == words


def _words_but_folios(text: str) -> list[str]:
    """The text's words but each page's number at its foot (which the reader drops)."""
    words = []
    for page in text.split("\f"):
        lines = [line for line in page.split("\n") if line.strip()]
        if lines and PAGE_NUMBER_RE.match(lines[-1]):
            lines = lines[:-1]
        words += " ".join(lines).split()
    return words


def column_inputs(monkeypatch) -> list[int]:
    """The number of chunks each call of the quadratic column finder is given."""
    seen: list[int] = []
    finder = text_tables._columns

    def spy(chunks):
        seen.append(len(chunks))
        return finder(chunks)

    monkeypatch.setattr(text_tables, "_columns", spy)
    return seen


def test_a_run_of_aligned_lines_longer_than_a_page_stays_lines(monkeypatch):
    """The table reading is quadratic in its runs: a hostile file of thousands of aligned
    lines is read line by line, the column finder never given more than a page's runs."""
    seen = column_inputs(monkeypatch)
    lines = ["구분        예산액      1분기      2분기"] + [
        f"사업{k}     {k * 7 + 1:>9,}  {k:>9,}  {k + 1:>9,}" for k in range(5000)
    ]
    doc = read("\n".join(lines).encode(), path="aligned.txt")
    assert not any(isinstance(b, Table) for b in doc.blocks) and len(doc.blocks) == 5001
    assert max(seen, default=0) <= text_tables.MAX_TABLE_LINES * 4


def test_lines_of_a_thousand_spaced_runs_are_text_not_a_table(monkeypatch):
    # Regression (review): 9 lines of 1,000 two-space-apart runs (36 KB) kept the column
    # finder busy for 8 s; a line of more runs than a table's line holds is text.
    seen = column_inputs(monkeypatch)
    lines = ["  ".join(["ab"] * 1000)] * 9
    doc = read("\n".join(lines).encode(), path="runs.txt")
    assert not any(isinstance(b, Table) for b in doc.blocks) and len(doc.blocks) == 9
    assert seen == []


# ------------------------------------- pages: why the PDF reader's stitching and folio test differ


def _aligned(*cells: str) -> str:
    return "   " + cells[0].ljust(12) + "".join(c.rjust(16) for c in cells[1:])


def test_two_tables_of_equal_columns_across_a_page_break_stay_two():
    # A table ending a page with its 합계 row and another of as many columns opening the next:
    # two tables. The PDF reader's stitch_continued_tables knows a continuation by its rulings
    # (Table.x_edges), which a text's tables do not have; on them it would join the two, so the
    # text reader keeps its own test, a repeated header and no total above the break.
    from kplan.parsers.pdf import stitch_continued_tables

    first = [
        "□ 연도별 예산 현황",
        _aligned("구분", "2023년", "2024년", "2025년"),
        _aligned("교원연수", "1,200", "1,350", "1,420"),
        _aligned("합계", "2,000", "2,210", "2,330"),
        "",
        "- 3 -",
    ]
    second = [
        _aligned("사업명", "예산액", "결산액", "집행률"),
        _aligned("자격연수", "1,078", "1,040", "96.4"),
        _aligned("직무연수", "492", "470", "95.5"),
    ]
    doc = read("\n".join(first + ["\f"] + second).encode(), path="two.txt")
    tables = list(doc.tables())
    assert [(t.page, t.n_rows, t.n_cols, t.cells[0].text) for t in tables] == [
        (1, 3, 4, "구분"),
        (2, 3, 4, "사업명"),
    ]
    assert [t.n_rows for t in stitch_continued_tables(doc.blocks) if isinstance(t, Table)] == [6]


def test_budget_program_molit_happy_housing_page_2_raised_digits_are_no_folio():
    # pdftotext -layout writes the bold digits of '「주택법」제2조제1호' (page 2 of
    # budget_program_molit_happy_housing_investment.pdf, which prints no page number) on a line
    # of their own at the page's foot. They are text, not a page number: the PDF reader's
    # is_page_number (digits joined across spaces, and any str.isdigit character such as ②)
    # would drop them, which is why the text reader keeps its own PAGE_NUMBER_RE.
    from kplan.parsers.pdf import is_page_number

    page = [
        "      -   공공주택특별법 제2조1호가목 : 임대 또는 임대한 후 분양전환을 할 목적으로 공급",
        "          하는    「주택법」제 조제 호에 따른 주택으로서 대통령령으로 정하는 주택",
        "                                     2           1",
    ]
    doc = read("\n".join(page + ["\f", "② 추진경위", "", "- 4 -"]).encode(), path="molit.txt")
    assert [b.text.split() for b in doc.blocks][-2:] == [["2", "1"], ["②", "추진경위"]]
    assert is_page_number(page[-1]) and is_page_number("②")
    assert not PAGE_NUMBER_RE.match(page[-1]) and not PAGE_NUMBER_RE.match("②")
    assert PAGE_NUMBER_RE.match("- 4 -") and is_page_number("- 4 -")


def test_a_dashed_page_number_first_on_a_page_is_dropped_a_bare_number_there_is_kept():
    # `pdftotext -raw` writes a page in the order it was drawn: the sample's '- 40 -' is p.40's
    # first line (tests/data/…raw-order.txt), between the two halves of a budget table and of
    # an item. A bare '12' first on a page may be a figure of a table going on: it stays.
    first = ["◦ 목적", "- 일반직공무원 신규자 교육"]
    text = "\n".join(first + ["\f", "- 40 -", "운영하여 회계업무 역량 강화", "\f", "12", "명"])
    doc = read(text.encode(), path="raw.txt")
    assert [(b.page, b.text) for b in doc.blocks] == [
        (1, "◦ 목적"),
        (1, "- 일반직공무원 신규자 교육"),
        (2, "운영하여 회계업무 역량 강화"),
        (3, "12"),
        (3, "명"),
    ]
    # lines keep their numbers on the page: the dropped number's line (2) is left empty
    assert doc.blocks[2].position.line == 3


# ------------------------- the sample drawn with Hancom's layouts of the notes, as pdftotext -layout

# pdftotext -layout of the sample PDF with its budget notes laid out as Hancom files have them
# (tests/hancom_layouts.py: a 집행내용 cell under each quarter, the names spanning both rows; or
# the notes in a row of their own): regenerate with `python tests/data/make_pdftotext.py`.
# The sections whose every budget line reads as the seed prints it (a cell merged over three lines'
# rows, printed once at their middle, is theirs: 2-1-2's `457. 직무연수`, 3-2-2's merged amounts);
# a 집행내용 line dashing its idle quarters, `- 연수운영 연수운영 -`, is the line's notes, not a row of
# figures (3-1-1); the notes of quarters of one, two and three lines, whose lines pdftotext
# interleaves, are each its quarter's (4-2-1, 4-2-2). The others are misread still: see the
# report of branch s6-boxes (names split or glued across lines, 1-1-2's 재배정, 5-1-1).
NOTES_LAYOUTS_READ = {
    "under_quarters": (
        "1-1-1 1-1-2 1-2-1 1-2-2 2-1-1 2-1-2 2-2-1 2-2-2 3-1-1 3-1-2 3-2-1 3-2-2 4-1-1 4-1-2 4-2-1 "
        "4-2-2 5-1-1 5-1-2 5-2-1 5-2-2",
        set(),
    ),
    "own_row": (
        "1-1-1 1-1-2 1-2-1 1-2-2 2-1-1 2-1-2 2-2-1 2-2-2 3-1-1 3-1-2 3-2-1 3-2-2 4-1-1 4-1-2 4-2-1 "
        "4-2-2 5-1-1 5-1-2 5-2-1 5-2-2",
        set(),
    ),
}


@pytest.mark.parametrize("notes", list(NOTES_LAYOUTS_READ))
def test_seoul_notes_layouts_as_pdftotext_layout_read_the_seeds_budget_lines(notes):
    from hancom_layouts import Layout
    from test_hancom_layouts import expected_lines, total_rows
    from test_sample_report import SECTIONS, TOTALS, TRAINING_COUNTS, _line_tuple, training_counts

    name = notes.replace("_", "-")
    facts = extract(parse_file(DATA / f"{STEM}.notes-{name}.layout.txt"))
    sections, unread_totals = NOTES_LAYOUTS_READ[notes]
    read = sections.split()
    lines = [
        _line_tuple(b) for b in facts.budget_lines if not b.is_total and b.section_code in read
    ]
    assert lines == [line for line in expected_lines(Layout(notes=notes)) if line[0] in read]
    assert total_rows(facts) == {s: t for s, t in TOTALS.items() if s not in unread_totals}
    assert len(facts.budget_tables) == 20
    assert [(s.code, s.title) for s in facts.sections] == SECTIONS
    assert training_counts(facts.training_items) == TRAINING_COUNTS


def test_a_cell_merged_over_three_rows_printed_at_their_middle_spans_them():
    # 3-2-2's table in the sample drawn with a 집행내용 cell under each quarter (pdftotext
    # -layout, tests/data): '457. 직무연수', the name and the amounts are cells merged over the
    # three lines' rows, printed once, on the middle line's; the name column is blank above and
    # below it.
    page = (DATA / f"{STEM}.notes-under-quarters.layout.txt").read_text("utf-8").splitlines()
    start = (
        page.index(
            "            공존과 협력의 학교                                    1,700   "
            "2,700   2,200       3,200"
        )
        - 7  # the header's first line
    )
    table = read_table(page[start : start + 16])
    assert table is not None
    merged = [(c.row, c.col, c.rowspan, c.text) for c in table.cells if c.col < 4 and c.row > 1]
    assert merged == [
        (2, 0, 6, "457. 직무연수"),
        (2, 1, 6, "공존과 협력의 학교\n만들기 연수"),
        (2, 2, 6, "23,972"),
        (2, 3, 6, "22,914"),
        (8, 0, 1, "합계"),
        (8, 2, 1, "23,972"),
        (8, 3, 1, "22,914"),
    ]


def _budget_table_with(path: Path, text: str) -> Table:
    """The budget table of a pdftotext -layout file that holds `text`: from its header's
    `예산액` line to its 합계 line."""
    page = path.read_text("utf-8").splitlines()
    at = next(k for k, line in enumerate(page) if text in line)
    start = max(k for k in range(at) if "예산액" in page[k])
    end = next(k for k in range(at, len(page)) if page[k].strip().startswith("합계"))
    table = read_table(page[start : end + 1])
    assert table is not None
    return table


def test_notes_of_quarters_of_different_heights_are_each_their_quarters():
    # 4-2-1's first line in the sample drawn with a 집행내용 cell under each quarter (the seed:
    # '결과분석 / 보고서제작', '지원단구성', '수요조사 / 분석보고서 / 제작', '성과공유'): pdftotext
    # centres each cell on its height, so their lines interleave ('수요조사' over '결과분석').
    table = _budget_table_with(DATA / f"{STEM}.notes-under-quarters.layout.txt", "연수 기획-평가체")
    notes = [(c.col, c.text) for c in table.cells if c.row == 3 and 4 <= c.col < 8]
    assert notes == [
        (4, "결과분석\n보고서제작"),
        (5, "지원단구성"),
        (6, "수요조사\n분석보고서\n제작"),
        (7, "성과공유"),
    ]


def test_a_notes_line_dashing_idle_quarters_is_no_row_of_figures():
    # 3-1-1's second line, under-quarters layout: '교육행정 리더십 역량 / 제고' over its amounts
    # and its 집행내용 '- 연수운영 연수운영 -' (no task in the first and last quarters).
    table = _budget_table_with(
        DATA / f"{STEM}.notes-under-quarters.layout.txt", "교육행정 리더십 역량    "
    )
    name = next(c for c in table.cells if c.text.startswith("교육행정"))
    assert (name.text, name.rowspan) == ("교육행정 리더십 역량\n제고", 2)
    notes = [(c.col, c.text) for c in table.cells if c.row == name.row + 1 and c.col >= 4]
    assert notes == [(4, "-"), (5, "연수운영"), (6, "연수운영"), (7, "-")]


def _name_cells(table: Table) -> list[tuple[int, int, str]]:
    """(row, rowspan, text) of the 추진 사업명 column's body cells."""
    return [(c.row, c.rowspan, c.text) for c in table.cells if c.col == 1 and c.row > 1 and c.text]


def test_own_row_3_2_1_names_end_above_their_notes_row():
    # 3-2-1's table in the sample drawn with the notes in a row of their own (pdftotext -layout):
    # each 추진 사업명 of two lines is centred on its line's figures, which its cell ends at
    # (blank in the notes row below); '교직원 회복탄력성' begins the second line's name.
    table = _budget_table_with(DATA / f"{STEM}.notes-own-row.layout.txt", "44,700     243,075")
    assert _name_cells(table) == [
        (2, 1, "학교 안전관리 및\n안전환경 조성연수"),
        (4, 1, "교직원 회복탄력성\n제고지원"),
    ]
    notes = [(c.col, c.text) for c in table.cells if c.row == 3 and c.col >= 4 and c.text]
    assert notes == [
        (4, "직무연수\n운영"),
        (5, "직무연수\n운영"),
        (6, "직무연수\n운영"),
        (7, "직무연수\n운영"),
    ]


def test_own_row_5_2_1_names_end_above_their_notes_row():
    # 5-2-1's table, own-row layout: '공감·소통·협력의 / 건전한 조직문화 조성' and '청렴 의식 확산을
    # 위한 / 맞춤형 청렴활동 추진', each centred on its line's figures.
    table = _budget_table_with(DATA / f"{STEM}.notes-own-row.layout.txt", "공감·소통·협력의")
    names = _name_cells(table)
    assert names[:2] == [
        (2, 1, "공감·소통·협력의\n건전한 조직문화 조성"),
        (4, 1, "청렴 의식 확산을 위한\n맞춤형 청렴활동 추진"),
    ]


def _cells_of_rows(table: Table, rows: range, cols: range) -> list[tuple[int, int, int, str]]:
    return [
        (c.row, c.col, c.rowspan, c.text)
        for c in table.cells
        if c.row in rows and c.col in cols and c.text
    ]


def test_under_quarters_4_1_2_line_is_one_row_of_amounts_over_its_notes():
    # 4-1-2's table, a 집행내용 cell under each quarter: the seed's line has amounts in the second
    # and fourth quarters only ('-', 34,000, '-', 55,832), its notes '-', '원격컨텐츠 / 개발 및 /
    # 운영', '-', the same; its name, amounts and 쪽수 span both rows. pdftotext centres each
    # cell of the notes row on its height: the dashes fall on the note's middle line.
    table = _budget_table_with(
        DATA / f"{STEM}.notes-under-quarters.layout.txt", "89,832     133,082"
    )
    assert _cells_of_rows(table, range(2, 4), range(9)) == [
        (2, 0, 2, "459. 전문교육"),
        (2, 1, 2, "교육행정 원격연수\n운영의 내실화"),
        (2, 2, 2, "89,832"),
        (2, 3, 2, "133,082"),
        (2, 4, 1, "-"),
        (2, 5, 1, "34,000"),
        (2, 6, 1, "-"),
        (2, 7, 1, "55,832"),
        (2, 8, 2, "1,969"),
        (3, 4, 1, "-"),
        (3, 5, 1, "원격컨텐츠\n개발 및\n운영"),
        (3, 6, 1, "-"),
        (3, 7, 1, "원격컨텐츠\n개발 및\n운영"),
    ]


# 1-1-2's table on p.11 as the page shows it (its two lines: '458. 기본교육' and '교육행정직원 /
# 직급·직종별 기본교육' merged over both; 325,390 | 376,455 | 27,000 53,700 90,145 154,545 |
# 1,966 with '연수운영' under each quarter; '17,900 / (재배정)' | '-' | '재배정' in each quarter |
# 1,966 with '연수운영' under each quarter), cells (row, col, rowspan, text) from row 2.
SEOUL_1_1_2_FIRST_LINE = ["27,000", "53,700", "90,145", "154,545"]


def _quarter_row(row: int, texts: list[str]) -> list[tuple[int, int, int, str]]:
    return [(row, 4 + k, 1, text) for k, text in enumerate(texts)]


@pytest.mark.parametrize(
    "notes, amounts_rowspan",
    # Under the quarters the amounts and 쪽수 span their line's two rows of cells; in a row of
    # their own they end above the notes row.
    [("under-quarters", 2), ("own-row", 1)],
)
def test_seoul_1_1_2_line_without_quarter_figures_is_two_rows_of_quarter_cells(
    notes, amounts_rowspan
):
    # The second line has no quarter figures: its quarters say '재배정' on its amounts row and
    # '연수운영' below, and only its ’25, ’24 and 쪽수 cells hold figures. The rows are the
    # quarters' rows of cells; the code and name cells merged over both lines are printed
    # once, at their middle.
    table = _budget_table_with(DATA / f"{STEM}.notes-{notes}.layout.txt", "458. 기본교육")
    span = amounts_rowspan
    assert _cells_of_rows(table, range(2, 6), range(9)) == [
        (2, 0, 4, "458. 기본교육"),
        (2, 1, 4, "교육행정직원\n직급·직종별 기본교육"),
        (2, 2, span, "325,390"),
        (2, 3, span, "376,455"),
        *_quarter_row(2, SEOUL_1_1_2_FIRST_LINE),
        (2, 8, span, "1,966"),
        *_quarter_row(3, ["연수운영"] * 4),
        (4, 2, span, "17,900\n(재배정)"),
        (4, 3, span, "-"),
        *_quarter_row(4, ["재배정"] * 4),
        (4, 8, span, "1,966"),
        *_quarter_row(5, ["연수운영"] * 4),
    ]
    assert [c.text for c in table.cells if c.row == 6 and c.text][0] == "합계"


def test_under_quarters_5_1_1_quarters_of_one_header_are_its_rows_whatever_their_notes():
    # 5-1-1's table on p.39, a 집행내용 cell under each quarter: 139,116 | 3,714 | 17,314 | 3,714
    # over 'SW구입 및 / 시도분담금' | '공공요금' | 'SW구입 및 / 공공요금' | '공공요금'. The first
    # and third quarters hold as many lines of note as figures, yet they are quarters, under
    # '집행예정액 / 집행내용' with the second and fourth.
    page = (DATA / f"{STEM}.notes-under-quarters.layout.txt").read_text("utf-8").splitlines()
    at = next(k for k, line in enumerate(page) if "163,858" in line)
    start = max(k for k in range(at) if "예산액" in page[k])
    table = read_table(page[start : at + 3])
    assert table is not None
    assert _cells_of_rows(table, range(2, 4), range(4, 8)) == [
        (2, 4, 1, "139,116"),
        (2, 5, 1, "3,714"),
        (2, 6, 1, "17,314"),
        (2, 7, 1, "3,714"),
        (3, 4, 1, "SW구입 및\n시도분담금"),
        (3, 5, 1, "공공요금"),
        (3, 6, 1, "SW구입 및\n공공요금"),
        (3, 7, 1, "공공요금"),
    ]


def test_own_row_5_1_2_a_quarters_note_of_four_lines_is_its_rows_and_names_end_above():
    # 5-1-2's table, notes in a row of their own: the first line's notes are '-', '*수영장 /
    # 리모델링 / 건축기획 / 용역', '-', '-' (the dashes printed on that note's middle line); the
    # second quarter's column holds more lines of text than figures, yet it is one of the
    # quarters. The 예산 사업명 cells '83. 교육 …' and '97. 교육 / 지원기관 / 행정개선 / 활동지원'
    # are each centred on their line's figures, ending above its notes.
    table = _budget_table_with(DATA / f"{STEM}.notes-own-row.layout.txt", "수영장 리모델링 용역")
    assert _cells_of_rows(table, range(2, 4), range(4, 8)) == [
        (2, 4, 1, "-"),
        (2, 5, 1, "54,486"),
        (2, 6, 1, "-"),
        (2, 7, 1, "-"),
        (3, 4, 1, "-"),
        (3, 5, 1, "*수영장\n리모델링\n건축기획\n용역"),
        (3, 6, 1, "-"),
        (3, 7, 1, "-"),
    ]
    assert _cells_of_rows(table, range(4, 8), range(1)) == [
        (4, 0, 1, "83. 교육\n지원기관 기본\n운영비"),
        (6, 0, 1, "97. 교육\n지원기관\n행정개선\n활동지원"),
    ]
    assert _cells_of_rows(table, range(4, 6), range(5, 6)) == [
        (4, 5, 1, "83,000"),
        (5, 5, 1, "시설보수 및\n운영"),
    ]


def test_own_row_4_2_1_reference_cell_is_its_own_lines():
    # 4-2-1's table, own-row layout: the 쪽수 cells are 1,951, then '1,962 / 특교 / 편성 / 예정'
    # (the second line's), then 1,969, each on its line's amounts row.
    table = _budget_table_with(DATA / f"{STEM}.notes-own-row.layout.txt", "수요자맞춤형")
    assert _cells_of_rows(table, range(2, 8), range(8, 9)) == [
        (2, 8, 1, "1,951"),
        (4, 8, 1, "1,962\n특교\n편성\n예정"),
        (6, 8, 1, "1,969"),
    ]


def test_own_row_5_1_1_last_line_on_p39_keeps_its_name_line_below_its_figures():
    # 5-1-1's table goes on over the page after its second line's amounts (own-row layout):
    # '교육훈련 운영을 위한 / 인적·물적 기반 확대' is centred on that line's figures, its second
    # line the page's last line of the table.
    page = (DATA / f"{STEM}.notes-own-row.layout.txt").read_text("utf-8").split("\f")[38]
    table = next(t for t in _page_tables(page) if any("88,262" in c.text for c in t.cells))
    name = next(c for c in table.cells if c.text.startswith("교육훈련"))
    assert name.text == "교육훈련 운영을 위한\n인적·물적 기반 확대"


def test_own_row_5_1_1_table_going_on_over_p40_starting_with_its_notes_row_is_one_table():
    # 5-1-1's table, own-row layout, breaks after its second line's amounts (88,262 …): p.40
    # repeats the header, then that line's notes row ('직무강사 / 양성 / 및 실시간 / 온라인 /
    # 교육운영 / 등' under three quarters, '실시간 / 온라인 / 교육운영 / 등' under the fourth), then
    # 합계. One table over both pages, its notes under its line, its rows on their pages.
    doc = parse_file(DATA / f"{STEM}.notes-own-row.layout.txt")
    table = next(t for t in doc.tables() if any(c.text == "88,262" for c in t.cells))
    assert (table.page, table.end_page) == (39, 40)
    line = next(c.row for c in table.cells if c.text == "88,262")
    notes = [(c.col, c.text) for c in table.row_cells(line + 1) if c.col >= 4 and c.text]
    assert notes == [
        (4, "직무강사\n양성\n및 실시간\n온라인\n교육운영\n등"),
        (5, "직무강사\n양성\n및 실시간\n온라인\n교육운영\n등"),
        (6, "직무강사\n양성\n및 실시간\n온라인\n교육운영\n등"),
        (7, "실시간\n온라인\n교육운영\n등"),
    ]
    total = [c.text for c in table.row_cells(line + 2) if c.text]
    assert total == ["합계", "252,120", "147,902", "160,146", "28,194", "40,594", "23,186"]
    assert [table.page_of_row(r) for r in (line, line + 1, line + 2)] == [39, 40, 40]
    assert not any(p.page == 40 and "252,120" in p.text for p in doc.paragraphs())


def test_a_table_going_on_is_joined_only_under_its_header_repeated_and_before_its_total():
    # 5-1-1's parts on p.39 and p.40 (own-row layout): joined under p.40's repeated header; not
    # where p.40 repeats no header, nor where the part on p.39 already ends in its 합계.
    pages = (DATA / f"{STEM}.notes-own-row.layout.txt").read_text("utf-8").split("\f")
    top, bottom = pages[38].split("\n"), pages[39].split("\n")
    start, end = text_tables.table_regions(top)[-1]
    first, last = text_tables.table_regions(bottom)[0]
    part, rest = top[start:end], bottom[first:last]
    joined = text_tables.continued_lines(part, rest)
    assert joined is not None and joined[: len(part)] == part
    assert [line.split() for line in joined[len(part) :]] == [line.split() for line in rest[3:]]
    assert text_tables.continued_lines(part, rest[3:]) is None
    assert text_tables.continued_lines(part + [rest[-1]], rest) is None


def _page_tables(page: str) -> list[Table]:
    """The tables the text reader reads on one page of text."""
    return list(read(page.encode("utf-8"), path="page.txt").tables())


@pytest.mark.corpus
def test_molit_small_housing_renewal_support_table_last_row_keeps_its_lower_lines(tmp_path):
    # Page 4 of budget_program_molit_small_housing_renewal.pdf, 지원 비율 및 법적근거: the last
    # row, 이차보전 | 융자 | '조합, 공공기관 / 등 사업시행자' | 6,800 | 최대 2%p, is the table's last
    # line with its 피보조 cell's second line below it.
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils' pdftotext is not installed")
    out = tmp_path / "molit.txt"
    pdf = CORPUS_REPORTS / "budget_program_molit_small_housing_renewal.pdf"
    subprocess.run(["pdftotext", "-layout", str(pdf), str(out)], check=True, timeout=120)
    table = next(t for t in parse_file(out).tables() if any(c.text == "이차보전" for c in t.cells))
    row = next(c.row for c in table.cells if c.text == "이차보전")
    assert [c.text for c in table.row_cells(row)][:5] == [
        "이차보전",
        "융자",
        "조합, 공공기관\n등 사업시행자",
        "6,800",
        "최대 2%p",
    ]


@pytest.mark.corpus
def test_molit_happy_housing_code_table_fund_name_spans_code_and_name_rows(tmp_path):
    # Page 1 of budget_program_molit_happy_housing_investment.pdf, 사업 코드 정보: 기금 | 소관 |
    # 실국 | 계정 hold no code, their names (주택도시기금 …) are cells over the 코드 and 명칭 rows,
    # printed between them; 분야 | 부문 hold 080 | 088 over 사회복지 | 주택. A name printed off the
    # 코드 row's line is no cell ending above the 명칭 row.
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils' pdftotext is not installed")
    out = tmp_path / "molit.txt"
    pdf = CORPUS_REPORTS / "budget_program_molit_happy_housing_investment.pdf"
    subprocess.run(["pdftotext", "-layout", str(pdf), str(out)], check=True, timeout=120)
    table = next(parse_file(out).tables())
    cell = {c.text: c for c in table.cells if c.text}
    code, name = cell["080"].row, cell["주택"].row
    assert name == code + 1
    for fund in ("주택도시기금", "국토교통부", "주택계정"):
        assert (cell[fund].row, cell[fund].rowspan) == (code, 2)


@pytest.mark.corpus
def test_mss_startup_commercialization_code_table_names_are_one_row(tmp_path):
    # Page 1 of budget_program_mss_startup_commercialization.pdf, 1. 사업 코드 정보: under
    # 분야 | 부문 the 코드 row (110 | 118), then the 명칭 row (산업·중소기업 및 에너지 | 창업 및
    # 벤처), whose two cells pdftotext -layout prints on consecutive lines: one row, a cell each.
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils' pdftotext is not installed")
    out = tmp_path / "mss.txt"
    pdf = CORPUS_REPORTS / "budget_program_mss_startup_commercialization.pdf"
    subprocess.run(["pdftotext", "-layout", str(pdf), str(out)], check=True, timeout=120)
    table = next(parse_file(out).tables())
    field = {c.text: (c.row, c.col) for c in table.cells if c.col >= 5 and c.text}
    assert field["110"][0] == field["118"][0]
    assert field["산업·중소기업"] == (field["110"][0] + 1, field["110"][1])
    assert field["창업 및 벤처"] == (field["118"][0] + 1, field["118"][1])


# ------------------------------- 예산 사업설명자료 as pdftotext -layout writes them (page 1 of each)

# The budget program descriptions whose 총괄표 the -layout text does not lay out as a table
# (molit's '2022   년' spaced apart over '(B-A)/' wrapped; motie's on p.2 under a page's
# header): their codes are read, no amount.
SUMMARY_UNREAD = {
    "budget_program_molit_happy_housing_investment",
    "budget_program_molit_small_housing_renewal",
    "budget_program_motie_energy_voucher",
}


@pytest.mark.corpus
@pytest.mark.parametrize("stem", sorted(BUDGET_PROGRAMS))
def test_budget_program_layout_text_reads_its_codes_and_its_summary(tmp_path, stem):
    # Expected values: tests/test_family_budget_program.py's EXPECTED, read from the printed
    # pages by hand. Before, each -layout text read as no family, 0 of everything: its two code
    # tables (회계 … and 프로그램 …, each headed '구분') one region, its 코드 and 명칭 rows one row
    # (or two blank lines apart, two regions), and its 총괄표's lower labels ('결산', centred,
    # ending in characters where the right-aligned '341,751' begins) columns of their own, each
    # figure under the next year's label.
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils' pdftotext is not installed")
    pdf = CORPUS_REPORTS / f"{stem}.pdf"
    if not pdf.exists():
        pytest.skip("../shared/corpus is absent")
    out = tmp_path / "layout.txt"
    subprocess.run(["pdftotext", "-layout", str(pdf), str(out)], check=True, timeout=120)
    facts = extract(parse_file(out))
    code, *_, amounts = BUDGET_PROGRAMS[stem]
    assert facts.family == "budget_program"
    assert [p.program_code for p in facts.budget_programs] == [code]
    read = {(a.fiscal_year, a.stage): a.amount for a in facts.budget_amounts}
    if stem in SUMMARY_UNREAD:
        assert read == {}
    else:
        assert read == {key: value * 1_000_000 for key, value in amounts.items()}


def test_budget_program_mohw_parent_code_tables_as_pdftotext_lays_them_out():
    # The 사업 코드 정보 of budget_program_mohw_parent_benefit.pdf, p.1, as `pdftotext -layout`
    # writes it: two tables, each '구분' over a 코드 and a 명칭 row.
    lines = [
        "1. 사업 코드 정보",
        " 구분    회계             소관          실국(기관)               계정         분야                부문",
        " 코드     11              23         인구정책실                           080              08A",
        "",
        " 명칭   일반회계           보건복지부         보육정책관                         사회복지              아동·보육",
        "",
        " 구분         프로그램                         단위사업                            세부사업",
        " 코드           3100                           3143                            300",
        "",
        " 명칭         보육지원강화                부모급여(영아수당) 지원                   부모급여(영아수당) 지원",
    ]  # fmt: skip
    doc = read("\n".join(lines).encode(), path="codes.txt")
    tables = list(doc.tables())
    assert [(t.n_rows, t.n_cols) for t in tables] == [(3, 7), (3, 4)]
    rows = [[c.text for c in tables[1].row_cells(r)] for r in range(3)]
    assert rows == [
        ["구분", "프로그램", "단위사업", "세부사업"],
        ["코드", "3100", "3143", "300"],
        ["명칭", "보육지원강화", "부모급여(영아수당) 지원", "부모급여(영아수당) 지원"],
    ]
    accounts = {c.text: (c.row, c.col) for c in tables[0].cells if c.text}
    assert accounts["11"] == (1, 1) and accounts["일반회계"] == (2, 1)
    assert accounts["인구정책실"] == (1, 3) and accounts["보육정책관"] == (2, 3)
    assert [b.text for b in doc.blocks if not isinstance(b, Table)] == ["1. 사업 코드 정보"]


def test_lower_header_labels_centred_over_right_aligned_figures_are_their_columns():
    # budget_program_moel_learning_card.pdf p.1's 총괄표: '결산' ends (in characters) two before
    # '322,799' begins, '2023년   예산' is one label printed apart; the unit line above and the
    # numbered heading are no table lines.
    lines = [
        "3.   예산 총괄표",
        "                                                                                (단위:   백만원, %)",
        "",
        "                     2022년          2023년   예산              2024년              증감",
        "       사업명",
        "                      결산            본예산(A)          정부안            확정(B)       (B-A)     (B-A)/A",
        "",
        "내일배움카드(일반)                322,799       518,815          584,906    584,906     66,091       12.7",
    ]  # fmt: skip
    doc = read("\n".join(lines).encode(), path="summary.txt")
    (table,) = doc.tables()
    body = max(c.row for c in table.cells)
    under = [
        (
            c.text,
            [h.text for h in table.cells if h.row < body and h.col <= c.col < h.col + h.colspan],
        )
        for c in sorted(table.row_cells(body), key=lambda c: c.col)
    ]
    # The page prints 증감 over (B-A) and (B-A)/A; the text reads it over (B-A) only, so only
    # the amounts' columns are asserted here (the 증감 figures are no budget amount).
    assert under[:5] == [
        ("내일배움카드(일반)", ["사업명"]),
        ("322,799", ["2022년\n결산"]),
        ("518,815", ["2023년 예산\n본예산(A)"]),
        ("584,906", ["2024년", "정부안"]),
        ("584,906", ["2024년", "확정(B)"]),
    ]
    assert [text for text, _ in under[5:]] == ["66,091", "12.7"]
    texts = [b.text.strip() for b in doc.blocks if not isinstance(b, Table)]
    assert texts == ["3.   예산 총괄표", "(단위:   백만원, %)"]


def test_a_code_tables_name_row_two_blank_lines_under_its_code_row_is_its_row():
    # budget_program_mohw_livelihood_benefit.pdf p.1 as `pdftotext -layout` writes it: the 명칭
    # row two blank lines under the 코드 row; a heading as far under the 명칭 row is no row.
    lines = [
        " 구분           프로그램                             단위사업                              세부사업",
        " 코드            1100                                  1131                         300",
        "",
        "",
        " 명칭         기초생활보장                           기초생활급여                              생계급여",
        "",
        "",
        " □ 사업 성격    (공통요구자료      Ⅱ 작성유의사항",
    ]  # fmt: skip
    doc = read("\n".join(lines).encode(), path="codes.txt")
    (table,) = doc.tables()
    assert [[c.text for c in table.row_cells(r)] for r in range(table.n_rows)] == [
        ["구분", "프로그램", "단위사업", "세부사업"],
        ["코드", "1100", "1131", "300"],
        ["명칭", "기초생활보장", "기초생활급여", "생계급여"],
    ]
    assert doc.blocks[-1].text.strip().startswith("□ 사업 성격")


def test_a_table_under_another_two_blank_lines_down_is_a_table_of_its_own():
    # Review of 04dc0b7: a second table headed two blank lines under a first, its first run
    # where the first's rows begin, is no row of the first (its header has rows under it).
    lines = [
        "구분          2024년     2025년     증감",
        "국비             100        200      100",
        "지방비            50         60       10",
        "",
        "",
        "항목           1분기      2분기    3분기",
        "인건비            10         20       30",
        "운영비             5          6        7",
    ]
    tables = list(read("\n".join(lines).encode(), path="two.txt").tables())
    assert [t.n_rows for t in tables] == [3, 3]
    assert tables[1].row_cells(0)[0].text == "항목"


def test_rows_numbered_with_their_labels_are_rows_not_headings():
    # '3. 예비비' runs on from its number: a row, not a numbered heading set apart from it.
    lines = [
        "                                              (단위: 백만원)",
        "구분                2024년        2025년        증감",
        "1. 인건비            1,200         1,300         100",
        "2. 운영비              500           450         △50",
        "3. 예비비                -",
        "합계                 1,700         1,750          50",
    ]
    (table,) = read("\n".join(lines).encode(), path="num.txt").tables()
    labels = [table.row_cells(r)[0].text for r in range(table.n_rows)]
    assert labels == ["구분", "1. 인건비", "2. 운영비", "3. 예비비", "합계"]
