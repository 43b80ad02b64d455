"""Property tests (hypothesis): the number reader, normalization and the table rules on inputs no
report has shown yet. Each property is a statement about every input, not an example."""

from __future__ import annotations

from decimal import Decimal

import regex
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kplan.parsers.model import Cell, Document, Paragraph, Table
from kplan.rules import extract
from kplan.rules.figures import read_figure
from kplan.rules.normalize import (
    collapse_repeated_title,
    fold_spaces,
    normalize_line,
    parse_number,
    squash,
)
from kplan.rules.tables import cell_facts, header_row_count, is_empty_frame

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters reports are made of, and the ones that break readers: Hangul, digits, the signs
# and brackets of figures, units, spaces of every kind, private-use and control characters.
REPORT_CHARS = st.sampled_from(
    list("0123456789,.-△▲▽()[]%원천백만억명건 \t\n\u3000\xa0·ㆍ･∙합계총년월일가나다라")
    + ["\ue000", "\x00", "\ufffd", "－", "—"]
)
REPORT_TEXT = st.text(REPORT_CHARS, max_size=30) | st.text(max_size=30)


def amount(value: int) -> str:
    return f"{value:,}"


# -- the number reader -----------------------------------------------------------------------


@SETTINGS
@given(st.integers(min_value=0, max_value=10**15), st.sampled_from(["", "△", "▲", "-"]))
def test_a_printed_whole_amount_reads_back_as_itself(value, sign):
    negative = bool(sign) and value != 0
    assert parse_number(sign + amount(value)) == (-value if negative else value)
    assert parse_number(f" {sign}{value} ") == (-value if negative else value)


@SETTINGS
@given(REPORT_TEXT)
@example("△")
@example("1,23")
@example("(1,234 (56)")
def test_parse_number_gives_an_int_none_or_a_value_error_and_nothing_else(token):
    try:
        result = parse_number(token)
    except ValueError:
        return
    assert result is None or isinstance(result, int)
    if result is not None:  # never text read as a figure: the token held digits
        assert regex.search(r"\d", token)


@SETTINGS
@given(REPORT_TEXT)
@example("△10000000000000000000000000001")  # 29 digits: negated exactly, not rounded
def test_read_figure_never_raises_and_its_value_is_printed_in_the_text(text):
    figure = read_figure(text)
    if figure is None:
        return
    assert isinstance(figure.value, Decimal)
    # The figure is one printed in the text, digit for digit (thousands separators aside).
    assert format(figure.value.copy_abs(), "f") in " ".join(text.split()).replace(",", "")


@SETTINGS
@given(
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=0, max_value=99),
    st.sampled_from(["%", "억원", "명", "천원", ""]),
)
def test_a_decimal_figure_with_its_unit_reads_exactly(whole, cents, unit):
    figure = read_figure(f"{amount(whole)}.{cents:02d}{unit}")
    assert figure is not None and not figure.integral
    assert figure.value == Decimal(f"{whole}.{cents:02d}")
    assert figure.suffix == (unit or None)


# -- normalization ---------------------------------------------------------------------------


@SETTINGS
@given(REPORT_TEXT)
def test_normalization_is_idempotent_and_never_raises(text):
    once = normalize_line(text)
    assert normalize_line(once) == once
    assert fold_spaces(fold_spaces(text)) == fold_spaces(text)
    assert squash(squash(text)) == squash(text)
    assert not regex.search(r"\s", squash(text))


def collapse_repeated_title_reference(text: str) -> str | None:
    """collapse_repeated_title as it was before it was made fast, kept as the oracle."""
    squeezed = text.replace(" ", "")
    if len(squeezed) < 6 or not regex.search(r"\p{Hangul}", squeezed):
        return None
    runs = [m.group(0) for m in regex.finditer(r"(.)\1*", squeezed)]
    if len(runs) >= 2 and sum(len(r) for r in runs if len(r) >= 3) >= 0.8 * len(squeezed):
        squeezed = "".join(r[0] for r in runs)
    for size in range(1, len(squeezed) // 2 + 1):
        unit = squeezed[:size]
        if len(squeezed) % size == 0 and unit * (len(squeezed) // size) == squeezed:
            return unit if len(squeezed) // size >= 5 or squeezed != text.replace(" ", "") else None
    return squeezed if squeezed != text.replace(" ", "") else None


TITLE_TEXT = st.text(st.sampled_from(list("일반현황가나 \n")), max_size=60)


@settings(max_examples=1000, deadline=None)
@given(TITLE_TEXT | REPORT_TEXT)
@example(
    "일  일  일  일  일  일  반  반  반  반  반  반  현  현  현  현  현  현  황황황황황황일  반  현  황"
)
@example("연수운영 연수운영 연수운영 연수운영")
@example("가가가\n\n\n나나나")
def test_collapse_repeated_title_is_what_it_was(text):
    assert collapse_repeated_title(text) == collapse_repeated_title_reference(text)


# -- table rules on random grids -------------------------------------------------------------

CELL_TEXT = st.one_of(
    st.integers(-(10**9), 10**9).map(amount),
    st.sampled_from(["-", "합계", "계", "2025년", "’24년", "(56.5)", "12.5%", "△120", "", "구분"]),
    st.sampled_from(["(단위: 천원)", "예산액", "1,234 (56)", "317,500\n(31,800)", "1-1-1"]),
    REPORT_TEXT,
)


@st.composite
def grids(draw) -> Table:
    """A table as a reader builds it: each cell at its origin with spans inside the grid and
    never over another cell; some positions left empty (a gap), as odd files have them."""
    n_rows, n_cols = draw(st.integers(1, 7)), draw(st.integers(1, 6))
    covered: set[tuple[int, int]] = set()
    cells = []
    for row in range(n_rows):
        for col in range(n_cols):
            if (row, col) in covered or draw(st.integers(0, 9)) == 0:
                continue
            rowspan = draw(st.integers(1, n_rows - row))
            colspan = draw(st.integers(1, n_cols - col))
            span = {(r, c) for r in range(row, row + rowspan) for c in range(col, col + colspan)}
            if span & covered:
                rowspan = colspan = 1
                span = {(row, col)}
            covered |= span
            fill = draw(st.sampled_from([None, None, "#d9d9d9"]))
            cells.append(Cell(row, col, draw(CELL_TEXT), rowspan, colspan, fill))
    return Table(cells=cells, n_rows=n_rows, n_cols=n_cols, page=1)


@SETTINGS
@given(grids())
def test_table_rules_never_raise_and_keep_every_cell_with_its_spans(table):
    headers = header_row_count(table)
    assert 0 <= headers < max(table.n_rows, 2)
    facts = cell_facts(table, 1, None, headers)
    assert sorted((f.row, f.col, f.rowspan, f.colspan) for f in facts) == sorted(
        (c.row, c.col, c.rowspan, c.colspan) for c in table.cells
    )
    for fact in facts:
        assert 0 <= fact.row and fact.row + fact.rowspan <= table.n_rows
        assert 0 <= fact.col and fact.col + fact.colspan <= table.n_cols
        assert fact.is_header == (fact.row < headers) or fact.is_header
        if fact.is_header:
            assert fact.number is None and fact.kind is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(grids() | REPORT_TEXT.map(lambda t: Paragraph(t, page=1)), max_size=6))
def test_every_rule_reads_a_document_of_random_tables_and_lines_without_raising(blocks):
    doc = Document(path="random.hwpx", format="hwpx", blocks=blocks)
    facts = extract(doc)
    # Every table is read, but for an empty one-cell frame (a picture's, no table: is_empty_frame).
    assert len(facts.tables) == sum(isinstance(b, Table) and not is_empty_frame(b) for b in blocks)
