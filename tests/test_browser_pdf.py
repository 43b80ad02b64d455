"""The Seoul plan printed by Chromium from a web page (tests/browser_rendering.py) reads as the
report: every section, budget line, amount, training item and count of the text.

What the printing changes, and the reader must undo: every border is a filled rectangle, each
row's side borders a rectangle of its own (a rowspan cell's sides come in pieces, which must not
read as a frame titled in its border); the table breaks where the page ends and repeats its
<thead>; Korean wraps at any syllable inside the narrow cells ('자격연' over '수'), and the
PDF's text has no space or mark to say where a word went on. A break's two pieces are joined
where the report itself writes them as one word (pdf.resolve_edge_breaks).
"""

from __future__ import annotations

import warnings

import pytest
from browser_rendering import chromium, print_pdf, render_html
from conftest import load_builder

from kplan.parsers import parse_file
from kplan.parsers.pdf_settings import PdfSettings
from kplan.rules import extract

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Where the printing breaks a cell's line between two words that the report writes nowhere
# else, joined or apart: nothing says whether the break was a space. The reading keeps a
# space, and the name's key (rules/names.py) is the same either way. (4-2-1's '평가체 제' is
# the text's own spacing, which the page prints; read joined, as '체제' is written elsewhere.)
SPACING_UNKNOWABLE = {
    ("5-1-2", "교육 지원기관 행정개선 활동지원"): "교육 지원기관 행정 개선 활동지원",
    ("5-2-1", "교육 지원기관 행정개선 활동지원"): "교육 지원기관 행정 개선 활동지원",
    ("4-2-1", "연수 기획-평가체 제 선순환 강화"): "연수 기획-평가체제 선순환 강화",
    ("4-2-1", "결과분석 보고서제작 지원단구성 수요조사 분석보고서 제작 성과공유"): (
        "결과분석 보고서제작 지원단구성 수요조사 분석보고서제작 성과공유"
    ),
    ("4-2-2", "협력학교 예산교부 운영지원 모니터링 운영평가"): (
        "협력학교 예산교부 운영지원 모니터링 운영 평가"
    ),
}


@pytest.fixture(scope="module")
def printed(tmp_path_factory, text_facts):
    browser = chromium()
    if browser is None:
        reason = "headless Chromium not found: install Debian's chromium (.ci/run does)"
        warnings.warn(reason, UserWarning, stacklevel=2)
        pytest.skip(reason)
    pytest.importorskip("reportlab", reason="the builder's layout needs the samples extra")
    builder = load_builder()
    folder = tmp_path_factory.mktemp("browser")
    doc = builder.load_document(builder.SAMPLE_TXT)
    page = folder / "seoul.html"
    page.write_text(render_html(builder, doc, text_facts), "utf-8")
    return print_pdf(browser, page, folder / "seoul.pdf", folder / "profile")


@pytest.fixture(scope="module")
def facts(printed):
    doc = parse_file(printed)
    assert doc.status == "ok", doc.issues
    return extract(doc)


def _expected(section: str | None, text: str | None) -> str | None:
    return SPACING_UNKNOWABLE.get((section, text), text) if text else text


def test_sections_are_the_text_s(facts, text_facts):
    assert [(s.code, s.title) for s in facts.sections] == [
        (s.code, s.title) for s in text_facts.sections
    ]
    assert len(facts.sections) == 20


def test_budget_lines_are_the_text_s_amount_for_amount(facts, text_facts):
    def line(ln, names) -> tuple:
        return (
            ln.section_code,
            ln.program_code,
            names(ln.section_code, ln.program_name),
            names(ln.section_code, ln.project_name),
            (ln.amount, ln.amount_prev, ln.q1, ln.q2, ln.q3, ln.q4),
            names(ln.section_code, ln.note),
            ln.is_total,
        )

    read = [line(ln, lambda s, t: t) for ln in facts.budget_lines]
    assert read == [line(ln, _expected) for ln in text_facts.budget_lines]
    assert len(read) == 60
    # The 1-1-1 line, '456. 자격연수' wrapped '자격연' over '수' in its 58 pt cell.
    first = facts.budget_lines[0]
    assert (first.program_name, first.amount, first.q3) == ("자격연수", 1_078_028_000, 495_548_000)


def test_budget_tables_keep_their_unit_and_years(facts, text_facts):
    def table(t) -> tuple:
        return (t.section_code, t.unit_factor, t.year)

    assert [table(t) for t in facts.budget_tables] == [table(t) for t in text_facts.budget_tables]


def test_training_items_and_counts_are_the_text_s(facts, text_facts):
    def item(t) -> tuple:
        return (t.section_code, t.year, t.stage, t.audience, t.mode, t.name)

    def counts(t) -> tuple:
        return (t.courses, t.participants)

    assert [item(t) for t in facts.training_items] == [item(t) for t in text_facts.training_items]
    assert [counts(t) for t in facts.training_items] == [
        counts(t) for t in text_facts.training_items
    ]

    def count(c) -> tuple:
        return (c.section_code, c.year, c.stage, c.subject, c.quantity, c.counter)

    assert [count(c) for c in facts.counts] == [count(c) for c in text_facts.counts]


def test_both_pdf_engines_read_the_printing_alike(printed, facts):
    reference = extract(parse_file(printed, settings=PdfSettings(engine="pdfminer")))
    assert reference.budget_lines == facts.budget_lines
    assert reference.training_items == facts.training_items
