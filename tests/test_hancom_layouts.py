"""The Seoul plan in the shapes Hancom saves such reports (issue 13, item 8) gives the committed
sample's budget lines and training items: the values of tests/test_sample_report.py, which were
read from the report by hand. Each layout is written into tmp_path by tests/hancom_layouts.py
with the builder's machinery (python-hwpx), as HWPX and as HWP; the layouts of the notes also
as the builder's PDF.
"""

from __future__ import annotations

import re

import hancom_layouts
import pytest
from hancom_layouts import Layout
from test_sample_report import (
    LINES,
    TOTALS,
    TRAINING_1_1_1,
    TRAINING_1_2_1,
    TRAINING_COUNTS,
    _item,
    _line_tuple,
    training_counts,
)

from kplan.parsers import parse_file
from kplan.parsers.model import Paragraph, Table
from kplan.rules import extract

LAYOUTS = {
    # a) a budget line as two grid rows: amounts, then 집행내용 under each quarter.
    "notes_under_quarters": Layout(notes="under_quarters"),
    "notes_own_row": Layout(notes="own_row"),
    # b) 'term | definition' boxes inside the bullet lists of 4-2-1 and 4-2-2.
    "definition_boxes": Layout(definitions=True),
    # d) every budget table broken in two; the 주요 개선 사항 box as a table of two cells.
    "split_bare": Layout(split="bare"),
    "split_repeating_header": Layout(split="header"),
    "box_title_row": Layout(box="title_row"),
    # e) each section's 작성자 as a table: the label beside a cell of its lines.
    "author_tables": Layout(authors=True),
    # f) the section and part headings as boxes: '1-1-1 | 교원 자격연수', '□ | 2024년 추진 실적'
    # or '2 | 2024년 추진 실적'.
    "heading_boxes": Layout(headings="boxes"),
    "numbered_heading_boxes": Layout(headings="numbered", authors=True),
    # g) the 합계 row first, under the header; also with the notes under the quarters and the
    # tables broken in two under their first line.
    "total_first": Layout(total="first"),
    "total_first_split": Layout(total="first", notes="under_quarters", split="bare"),
    # h) the section codes printed with dots ('1.1.1 교원 자격연수'), as lines and as boxes.
    "dotted_codes": Layout(codes="dotted"),
    "dotted_code_boxes": Layout(codes="dotted", headings="boxes"),
    # i) the lists' tagged items as tables: '구분 | 과정명 | 과정 | 인원', a row an item.
    "item_tables": Layout(items="table"),
    # All at once, as one Hancom file could hold them.
    "all_hancom_shapes": Layout(
        notes="under_quarters",
        split="header",
        box="title_col",
        definitions=True,
        authors=True,
        headings="boxes",
    ),
}

# Where the notes sit in cells of their own, a note reads as the report prints it. The text
# extraction the committed sample comes from glued two cells ('예정' + '연수운영' →
# '예정연수운영'); the seed's cells are '특교편성 / 예정' (쪽수 column) and '연수운영' (quarters).
NOTES_FROM_CELLS = {
    ("2-1-2", "교육과정 운영 지원 연수"): "특교편성 예정 연수운영",
    ("4-2-1", "수요자맞춤형 직무연수 운영"): "특교 편성 예정 연수운영",
}


def total_rows(facts) -> dict[str, tuple]:
    """{section: (amount, previous, q1…q4 in 천원, cells printed)} of each 합계 row read."""
    return {
        b.section_code: (
            *(
                None if v is None else v // 1000
                for v in (b.amount, b.amount_prev, b.q1, b.q2, b.q3, b.q4)
            ),
            b.cells_printed,
        )
        for b in facts.budget_lines
        if b.is_total
    }


def expected_lines(layout: Layout) -> list[tuple]:
    if layout.notes == "spanning":
        return LINES
    return [line[:-1] + (NOTES_FROM_CELLS.get((line[0], line[3]), line[-1]),) for line in LINES]


@pytest.fixture(scope="module", params=list(LAYOUTS))
def rendered(request, b, source, tmp_path_factory):
    """{format: (Document, Facts)} of one layout, written as HWPX and HWP."""
    name = request.param
    layout = LAYOUTS[name]
    files = dict(zip(("hwpx", "hwp"), hancom_layouts.render(b, *source, layout)))
    if layout == Layout(notes=layout.notes) and layout.notes != "spanning":
        files["pdf"] = hancom_layouts.render_pdf(b, *source, layout)
    folder = tmp_path_factory.mktemp(name)
    out = {}
    for fmt, data in files.items():
        path = folder / f"seoul-edu-training-2025-plan.{fmt}"
        path.write_bytes(data)
        doc = parse_file(path)
        assert (doc.status, doc.error, doc.issues) == ("ok", None, []), (name, fmt)
        out[fmt] = (doc, extract(doc))
    return name, out


FORMATS = ["hwpx", "hwp", "pdf"]


def _facts(rendered, fmt):
    name, out = rendered
    if fmt not in out:
        pytest.skip(f"{name} is drawn only in Hancom files")
    return out[fmt][1]


def _strip(rows):
    return [row._replace(page=None, position=None) for row in rows]


@pytest.mark.parametrize("fmt", FORMATS)
def test_seoul_plan_budget_lines_in_hancom_layouts(rendered, fmt):
    name, facts = rendered[0], _facts(rendered, fmt)
    lines = [b for b in facts.budget_lines if not b.is_total]
    assert [_line_tuple(b) for b in lines] == expected_lines(LAYOUTS[name])
    assert total_rows(facts) == TOTALS
    merged = {
        (b.section_code, b.line_no): b.amount_line_no
        for b in lines
        if b.amount_line_no != b.line_no
    }
    assert merged == {("3-1-2", 2): 1, ("3-2-2", 2): 1, ("3-2-2", 3): 1}
    assert len(facts.budget_tables) == 20


@pytest.mark.parametrize("fmt", FORMATS)
def test_seoul_plan_budget_lines_match_the_committed_sample(rendered, sample_facts, fmt):
    """Beyond the printed values: line numbers, 쪽수, years, tables, as the committed sample."""
    name, facts = rendered[0], _facts(rendered, fmt)
    committed = sample_facts("hwpx").budget_lines
    notes = iter(line[-1] for line in expected_lines(LAYOUTS[name]))
    expected = [b if b.is_total else b._replace(note=next(notes)) for b in committed]
    assert _strip(facts.budget_lines) == _strip(expected)
    committed = sample_facts("hwpx")
    assert [t._replace(page=None, block_span=None) for t in facts.budget_tables] == [
        t._replace(page=None, block_span=None) for t in committed.budget_tables
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_seoul_plan_training_items_in_hancom_layouts(rendered, sample_facts, fmt):
    facts = _facts(rendered, fmt)
    items = facts.training_items
    assert [_item(t) for t in items if t.section_code == "1-1-1"] == TRAINING_1_1_1
    assert [_item(t) for t in items if t.section_code == "1-2-1"] == TRAINING_1_2_1
    assert training_counts(items) == TRAINING_COUNTS
    committed = sample_facts("hwpx")
    if LAYOUTS[rendered[0]].items == "table":
        # The same items; one read from a table row has the row as printed for its source.
        unsourced = [t._replace(source=None) for t in _strip(committed.training_items)]
        assert [t._replace(source=None) for t in _strip(items)] == unsourced
        from_rows = [
            (t.source, c.source)
            for t, c in zip(items, committed.training_items)
            if t.source != c.source
        ]
        assert len(from_rows) == 156  # every whole tagged item of the lists
        for row, line in from_rows:
            m = hancom_layouts.ITEM_LINE_RE.match(line)
            assert row == " | ".join(m.group("tag", "name", "courses", "people"))
    else:
        assert _strip(items) == _strip(committed.training_items)
    assert _strip(facts.improvement_items) == _strip(committed.improvement_items)


def test_seoul_plan_layouts_draw_what_they_say(rendered):
    """The layouts are what they claim: the shapes are in the files, not only in the names."""
    name, out = rendered
    layout = LAYOUTS[name]
    doc = out["hwpx"][0]
    tables = [t for t in doc.blocks if isinstance(t, Table)]
    budget = [t for t in tables if t.n_cols == 9]
    assert len(budget) == (40 if layout.split else 20)
    # 1-1-1, the first table: its one line's 집행내용 row (the row under its amounts).
    first, note_row, line_row = budget[0], 3, 2
    if layout.total == "first":
        assert budget[0].cell(2, 0).text == "합계"  # under the header, above its lines
        note_row, line_row = 4, 3
    if layout.split == "bare" and layout.total == "first":
        # Broken right under the 합계 row: the line's cells begin in the second part.
        assert budget[0].n_rows == 3
        first, note_row, line_row = budget[1], 1, 0
        assert first.cell(0, 0).text == "456. 자격연수"
    elif layout.split == "bare":
        first, note_row = budget[1], 0
        assert [c.text for c in first.row_cells(0) if c.col < 4] == ["", "", "", ""]
    if layout.notes == "spanning":
        assert [(c.col, c.colspan, c.text) for c in first.row_cells(note_row) if c.text] == [
            (4, 4, "연수 운영")
        ]
    else:
        assert [(c.col, c.text) for c in first.row_cells(note_row) if 4 <= c.col < 8] == [
            (4, "연수 운영"),
            (5, "연수 운영"),
            (6, "연수 운영"),
            (7, "-"),
        ]
        line = first if layout.total == "first" else budget[0]
        assert line.cell(line_row, 1).rowspan == (2 if layout.notes == "under_quarters" else 1)
    if layout.split:
        assert ("예산 사업명" in budget[1].cells[0].text) == (layout.split == "header")
    definitions = [
        t
        for t in tables
        if (t.n_rows, t.n_cols) == (1, 2) and t.cells[0].text in hancom_layouts.DEFINITION_TERMS
    ]
    assert len(definitions) == (4 if layout.definitions else 0)
    boxes = [t for t in tables if t.cells[0].text == "2025년 주요 개선 사항"]
    assert len(boxes) == (19 if layout.box != "cell" else 0)
    authors = [
        t for t in tables if (t.n_rows, t.n_cols) == (1, 2) and t.cells[0].text == "작 성 자"
    ]
    assert len(authors) == (21 if layout.authors else 0)  # the front matter's and each section's
    code = r"\d\.\d\.\d" if layout.codes == "dotted" else r"\d-\d-\d"
    codes = [
        t for t in tables if (t.n_rows, t.n_cols) == (1, 2) and re.fullmatch(code, t.cells[0].text)
    ]
    assert len(codes) == (20 if layout.headings else 0)
    header = list(hancom_layouts.ITEM_TABLE_HEADER)
    item_tables = [t for t in tables if [c.text for c in t.row_cells(0)] == header]
    assert sum(t.n_rows - 1 for t in item_tables) == (156 if layout.items == "table" else 0)
    lines = [p.text for p in doc.blocks if isinstance(p, Paragraph)]
    coded = [t for t in lines if re.match(rf"{code}\s+\S", t.strip())]
    assert len(coded) == (0 if layout.headings else 20)
    # The seed's 86 part headings: 80 in the sections (사업 목적 및 근거, 2024년 추진 실적, …)
    # and 6 before them (연혁, 조직 및 정·현원, …).
    mark = (lambda t: t == "□") if layout.headings == "boxes" else str.isdigit
    parts = [t for t in tables if (t.n_rows, t.n_cols) == (1, 2) and mark(t.cells[0].text)]
    assert len(parts) == (86 if layout.headings else 0)


@pytest.mark.parametrize("fmt", FORMATS)
def test_seoul_plan_contacts_in_hancom_layouts(rendered, sample_facts, fmt):
    """Each section's 작성자, as lines or as a table, gives the committed sample's contacts
    (tests/test_sample_report.py::test_contacts has their values from the report)."""
    facts = _facts(rendered, fmt)
    committed = sample_facts("hwpx")
    assert _strip(facts.contacts) == _strip(committed.contacts)
