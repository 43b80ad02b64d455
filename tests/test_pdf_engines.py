"""PDFium and pdfminer read a PDF to the same facts.

PDFium (`PdfSettings.engine="pdfium"`, the default) is the fast path; pdfminer is the reference
it replaces. Both hand pdfplumber the same kind of objects, so the rules cannot tell them apart:
these tests prove it on the sample and on every corpus PDF, fact by fact. Where the two differ,
the page says who is right (the regression tests at the end).
"""

from __future__ import annotations

import collections

import pytest
from conftest import CORPUS

from kplan.parsers import pdf, pdf_objects
from kplan.rules import extract

FACT_LISTS = (
    "sections",
    "training_items",
    "improvement_items",
    "budget_tables",
    "budget_lines",
    "contacts",
    "budget_programs",
    "budget_amounts",
)


def _read(path, engine: str):
    data = path.read_bytes()
    return pdf.read(data, path=str(path), settings=pdf.PdfSettings(engine=engine))


def _blocks(doc) -> list:
    return [
        (b.page, tuple((c.row, c.col, c.rowspan, c.colspan, c.text) for c in b.cells))
        if hasattr(b, "cells")
        else (b.page, b.text)
        for b in doc.blocks
    ]


def _figures(facts) -> collections.Counter:
    return collections.Counter(
        (c.kind, c.unit, c.value, c.amount, c.sub_value)
        for c in facts.table_cells
        if c.value is not None
    )


def test_engine_setting_is_validated():
    assert pdf.PdfSettings().engine == "pdfium"
    with pytest.raises(ValueError, match="engine must be one of pdfium, pdfminer"):
        pdf.PdfSettings(engine="poppler")


def test_seoul_plan_pdf_reads_the_same_with_both_engines(sample_path):
    path = sample_path("pdf")
    reference, fast = _read(path, "pdfminer"), _read(path, "pdfium")
    assert fast.pages == reference.pages == 46
    assert _blocks(fast) == _blocks(reference)
    a, b = extract(reference), extract(fast)
    for name in FACT_LISTS:
        assert getattr(b, name) == getattr(a, name), name
    assert b.table_cells == a.table_cells
    assert b.outline == a.outline


def _corpus_pdfs() -> list:
    if not CORPUS.exists():
        return []
    return sorted(p for p in (CORPUS / "reports").glob("*.pdf"))


@pytest.mark.corpus
@pytest.mark.parametrize("path", _corpus_pdfs(), ids=lambda p: p.name)
def test_corpus_pdf_gives_the_same_facts_with_both_engines(path):
    a = extract(_read(path, "pdfminer"))
    b = extract(_read(path, "pdfium"))
    assert _figures(b) == _figures(a)
    assert len(b.tables) == len(a.tables)
    for name in FACT_LISTS:
        assert getattr(b, name) == getattr(a, name), name
    assert (b.title, b.organization, b.plan_year, b.family) == (
        a.title,
        a.organization,
        a.plan_year,
        a.family,
    )


# ---------------------------------------------------------------- where they differ, and why


def test_zapf_dingbats_bullet_is_as_wide_as_its_font_metrics_say(sample_path):
    # Page 4 of the sample: '❍ 연수 시설: 강의실 73실' set in ZapfDingbats (no /Widths, so the
    # standard metrics apply: a73 is 873/1000 em). Poppler (`pdftotext -bbox`) puts the next
    # word at x=75.53, as PDFium does; pdfminer's 626/1000 put it 2.5 pt to the left.
    pl = pdf.pdfplumber.open(str(sample_path("pdf")))
    page = pl.pages[3]
    doc = pdf_objects.open_document(sample_path("pdf").read_bytes())
    objects = pdf_objects.page_objects(
        doc, 3, page_number=4, height=float(page.height), doctop=float(page.initial_doctop)
    )
    line = sorted((c for c in objects["char"] if abs(c["top"] - 60.0) < 1.5), key=lambda c: c["x0"])
    assert line[0]["text"] == "❍"
    assert round(line[0]["x1"], 2) == 72.73
    assert "".join(c["text"] for c in line[:5]) == "❍ 연수 "
    assert round(line[2]["x0"], 2) == 75.53


def test_space_drawn_as_its_own_text_object_is_kept(sample_path):
    # Page 5: '◦ 다양한 학습 경험 …' — the space after '◦' is a text object of its own (another
    # font subset); PDFium's text page drops it, and without it '◦다양한' would be one word.
    doc = _read(sample_path("pdf"), "pdfium")
    lines = [b.text for b in doc.blocks if b.page == 5 and not hasattr(b, "cells")]
    assert "◦ 다양한 학습 경험 제공을 위한 연수･교육훈련 방법 혁신" in lines


@pytest.mark.corpus
def test_budget_program_moel_learning_card_pdf_type3_digits_keep_their_word_gap():
    # Page 1 heading '1. 사업 코드 정보': '1.' is drawn in a Type 3 font, which PDFium boxes
    # one em wide; from the font's /Widths the '.' ends at x=70.5 and '사' starts at 77.0.
    doc = _read(CORPUS / "reports" / "budget_program_moel_learning_card.pdf", "pdfium")
    lines = [b.text for b in doc.blocks if b.page == 1 and not hasattr(b, "cells")]
    assert "1. 사업 코드 정보" in lines
    assert "3. 예산 총괄표" in lines


@pytest.mark.corpus
def test_fis_issue_22_4_pdf_words_keep_their_spaces_and_lose_the_control_chars():
    # Page 2, as printed (and as `pdftotext` reads it): '(개념과 목표) 지방자치단체 간 재정력
    # 격차의 시정, …'. The FIS reports draw an inkless U+0007 glyph before each word; it is no
    # text in either engine. pdfminer's glyph widths then close the word gaps; PDFium's keep them.
    path = CORPUS / "reports" / "fis_issue_22-4_intergov_fiscal_transfers.pdf"
    fast, reference = _read(path, "pdfium"), _read(path, "pdfminer")

    def text(doc):
        return "".join(
            "".join(c.text for c in b.cells) if hasattr(b, "cells") else b.text for b in doc.blocks
        )

    assert "\x07" not in text(fast) and "\x07" not in text(reference)
    lines = [b.text for b in fast.blocks if b.page == 2 and not hasattr(b, "cells")]
    assert (
        "(개념과 목표) 지방자치단체 간 재정력 격차의 시정, 지역 간 외부 효과의 내부화를 통한 "
        "지방공공재 공급," in lines
    )
    squeeze = str.maketrans("", "", " \n")
    assert sorted(text(fast).translate(squeeze)) == sorted(text(reference).translate(squeeze))


@pytest.mark.corpus
def test_fis_issue_22_4_pdf_line_types_and_outline_are_the_same_with_both_engines():
    # The headings of this report are known by their type alone (14 pt and 11.3 pt
    # KoPubDotumBold over a KoPubBatangLight body): both engines must give each line the same
    # size and weight, and so the same outline (its text compared without the word spaces
    # pdfminer's glyph widths close).
    path = CORPUS / "reports" / "fis_issue_22-4_intergov_fiscal_transfers.pdf"
    fast, reference = _read(path, "pdfium"), _read(path, "pdfminer")

    def types(doc):
        return [(b.page, b.size, b.weight) for b in doc.blocks if not hasattr(b, "cells")]

    def outline(doc):
        return [(n.level, n.page, "".join(n.text.split())) for n in extract(doc).outline]

    assert types(fast) == types(reference)
    assert (14.0, 700) in {(size, weight) for _, size, weight in types(fast)}
    assert outline(fast) == outline(reference)


@pytest.mark.corpus
def test_budget_program_moel_learning_card_pdf_type3_advances_kept_from_page_to_page():
    # Its Type 3 fonts are shared by every page: font T5 (object 57) draws one glyph, '·', of
    # /Widths [384] at /FontMatrix [0.001 0 0 0.001 0 0]: 0.384 of the font size.
    import pdfplumber

    known: dict = {}
    path = CORPUS / "reports" / "budget_program_moel_learning_card.pdf"
    with pdfplumber.open(path) as doc:
        for page in doc.pages:
            assert pdf.type3_advances(page, known) == pdf.type3_advances(page)
        assert known[57] == {"·": 0.384}
        assert len(known) >= 5


@pytest.mark.corpus
def test_fis_issue_22_2_pdf_a_words_control_char_space_goes_before_it():
    """Page 4 prints '- 주요 부처별로 보면, …' and '- 총지출 대비 …', page 6 '- 등급 배분 기준에
    …' (pdftotext reads them so). The U+0007 blank drawn before '주요' sits where '주' starts,
    and PDFium boxes it a hair to the right of '주': read there, it split the word after its
    first syllable ('주 요 부처별로')."""
    path = CORPUS / "reports" / "fis_issue_22-2_performance_mgmt.pdf"
    lines = [b.text.strip() for b in _read(path, "pdfium").blocks if not hasattr(b, "cells")]
    assert (
        "- 주요 부처별로 보면, R&D 사업을 총괄하는 과기정통부가 가장 많은 성과지표를 설정, "
        "달성률도 높게 나타남" in lines
    )
    assert not any(line.startswith(("- 주 요", "- 총 지출", "- 등 급")) for line in lines)
