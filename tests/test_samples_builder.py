"""The sample builder (samples/build_samples.py) and the committed sample PDF it produces.

Read with pdfplumber directly: these tests check what the PDF holds, not kplan's PDF parser.
Tests of the committed PDF need only kplan's own dependencies; those that run the builder need
the `samples` extra (reportlab, koreanize-matplotlib) and are skipped without it.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from conftest import load_builder

from kplan.parsers import parse_file
from kplan.rules import extract
from kplan.rules.normalize import collapse_repeated_title

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_TXT = ROOT / "samples" / "seoul-edu-training-2025-plan.txt"
SAMPLE_PDF = ROOT / "samples" / "seoul-edu-training-2025-plan.pdf"
SEED = ROOT.parent / "shared" / "seed" / "seoul-edu-training-2025-plan.txt"
FOOTER_RE = re.compile(r"^- \d+ -$")
HEADER_ROWS = [
    [
        "예산 사업명",
        "추진 사업명",
        "예산액",
        None,
        "집행예정액 / 집행내용",
        None,
        None,
        None,
        "사업별\n설명자료\n쪽수",
    ],
    [None, None, "’25", "’24", "1분기", "2분기", "3분기", "4분기", None],
]


@pytest.fixture(scope="module")
def b():
    pytest.importorskip("reportlab", reason="the builder needs the samples extra")
    module = load_builder()
    try:
        module.register_fonts()
    except module.FontsMissing as exc:
        pytest.skip(str(exc))
    return module


@pytest.fixture(scope="module")
def doc():
    return parse_file(SAMPLE_TXT)


@pytest.fixture(scope="module")
def facts(doc):
    return extract(doc)


@pytest.fixture(scope="module")
def built(b):
    return b.build()


@pytest.fixture(scope="module")
def committed():
    assert SAMPLE_PDF.is_file(), "run: python samples/build_samples.py"
    with pdfplumber.open(SAMPLE_PDF) as pdf:
        yield pdf


@pytest.fixture(scope="module")
def committed_text(committed):
    """Per page: text as extracted (duplicates kept) and with duplicate chars dropped."""
    return [(p.extract_text(), p.dedupe_chars().extract_text()) for p in committed.pages]


@pytest.fixture(scope="module")
def pdf_tables(committed):
    """Every table pdfplumber finds from ruling lines: (page number, rows)."""
    return [(p.page_number, t) for p in committed.pages for t in p.extract_tables()]


def _logical_tables(pdf_tables):
    """Table parts grouped into tables: a part without a 합계 row continues on the next one."""
    tables: list[list[tuple[int, list]]] = []
    for page, rows in pdf_tables:
        if tables and not any(r[0] == "합계" for _, part in tables[-1] for r in part):
            tables[-1].append((page, rows))
        else:
            tables.append([(page, rows)])
    return tables


def _amount(value, factor):
    return "-" if value is None else f"{value // factor:,}"


# ------------------------------------------------------------------------------ the files


def test_sample_text_is_the_seed():
    if not SEED.is_file():
        pytest.skip("no shared seed beside the checkout")
    assert SAMPLE_TXT.read_bytes() == SEED.read_bytes()


def test_committed_pdf_is_what_the_builder_makes(built, committed, committed_text):
    with pdfplumber.open(io.BytesIO(built.pdf)) as fresh:
        assert len(fresh.pages) == len(committed.pages) == built.pages
        for page, (text, _) in zip(fresh.pages, committed_text):
            assert page.extract_text() == text, f"page {page.page_number} differs: rebuild"


def test_build_is_deterministic(b, built):
    again = b.build()
    assert again.pdf == built.pdf


def test_metadata_is_fixed(committed):
    meta = committed.metadata
    assert meta["CreationDate"] == meta["ModDate"] == "D:20000101000000+00'00'"
    assert meta["Creator"].startswith("Hwp")


def test_missing_fonts_fail_with_a_clear_message(b, monkeypatch):
    monkeypatch.setattr(b, "find_font", lambda *a, **k: None)
    with pytest.raises(b.FontsMissing, match="NanumGothic.*koreanize-matplotlib"):
        b.font_paths()


def test_page_layout(committed, committed_text):
    for page, (_, text) in zip(committed.pages, committed_text):
        assert (round(page.width), round(page.height)) == (595, 842)  # A4 portrait
        assert text.splitlines()[-1] == f"- {page.page_number} -"


def test_sections_start_on_a_new_page(doc, facts, committed_text):
    firsts = []
    for _, text in committed_text:
        lines = text.splitlines()
        firsts.append(lines[0] if lines else "")
    codes = [s.code for s in facts.sections]
    assert len(codes) == 20
    for code in codes:
        assert any(first.startswith(code + " ") for first in firsts), code


# -------------------------------------------------------------------------------- text


def test_every_seed_line_and_character_comes_back(doc, facts, committed_text):
    in_tables = {
        i for t in facts.budget_tables for i in range(t.block_span[0], t.block_span[1] + 1)
    }
    artifacts = {i for i, block in enumerate(doc.blocks) if collapse_repeated_title(block.text)}
    text = "\n".join(
        line
        for _, page in committed_text
        for line in page.splitlines()
        if not FOOTER_RE.match(line)
    )
    seed_chars = {
        c
        for i, block in enumerate(doc.blocks)
        if i not in artifacts
        for c in block.text
        if not c.isspace()
    }
    assert seed_chars - set(text) == set()
    # Line by line, in order; a long line may wrap (at spaces only) into several.
    compact = re.sub(r"\s+", "", text)
    pos = 0
    for i, block in enumerate(doc.blocks):
        if i in in_tables or i in artifacts:
            continue
        line = re.sub(r"\s+", "", block.text)
        found = compact.find(line, pos)
        assert found >= 0, f"block {i} {block.text!r} not found in order"
        pos = found + len(line)


def test_fallback_fonts_keep_the_characters(committed):
    by_font: dict[str, set[str]] = {}
    for page in committed.pages:
        for ch in page.chars:
            family = ch["fontname"].split("+")[-1].replace("Bold", "")
            by_font.setdefault(family, set()).add(ch["text"])
    assert {"‧", "․", "⌜", "⌟"} <= by_font["DejaVuSans"]
    assert {"\uf000", "･", "◦", "☎", "◊", "・", "ㆍ", "’"} <= by_font["NanumGothic"]


def test_chapter_titles_are_overprinted(committed, committed_text):
    for title in ("일반 현황", "주요 업무"):
        pages = [
            i for i, (raw, deduped) in enumerate(committed_text) if title in deduped.splitlines()
        ]
        assert pages, title
        page = committed.pages[pages[0]]
        spots = Counter(
            (c["text"], round(c["x0"], 2), round(c["top"], 2))
            for c in page.chars
            if c["text"] == title[0] and c["size"] > 20
        )
        assert max(spots.values()) == 24
        raw, deduped = committed_text[pages[0]]
        assert title[0] * 24 in raw.replace(" ", "")
        assert title[0] * 2 not in deduped.replace(" ", "")
    # A caption drawn six times over: '교교교교교교육육육…' until duplicates are dropped.
    caption = [deduped for raw, deduped in committed_text if "교" * 6 in raw]
    assert caption and "교육연수원" in caption[0].splitlines()


def test_symbol_font_bullets(doc, committed):
    expected = sum(1 for block in doc.blocks if re.match(r"m\s", block.text.strip()))
    symbol = [c for page in committed.pages for c in page.chars if "ZapfDingbats" in c["fontname"]]
    assert expected >= 40
    assert len(symbol) == expected
    assert {c["text"] for c in symbol} == {"m"}


# ------------------------------------------------------------------------------ tables


def test_budget_tables_are_ruled_tables(facts, pdf_tables):
    tables = _logical_tables(pdf_tables)
    assert len(tables) == len(facts.budget_tables) == 20
    lines = {}
    for ln in facts.budget_lines:
        lines.setdefault(ln.section_code, []).append(ln)
    for fact, parts in zip(facts.budget_tables, tables):
        rows = []
        for _, part in parts:
            assert part[:2] == HEADER_ROWS, fact.section_code
            rows.extend(part[2:])
        f = fact.unit_factor
        body = [ln for ln in lines[fact.section_code] if not ln.is_total]
        total = [ln for ln in lines[fact.section_code] if ln.is_total][0]
        assert len(rows) == 2 * len(body) + 1, fact.section_code
        for k, ln in enumerate(body):
            amounts, notes = rows[2 * k], rows[2 * k + 1]
            assert amounts[4:8] == [_amount(q, f) for q in (ln.q1, ln.q2, ln.q3, ln.q4)]
            if amounts[2] is not None:  # None: merged with the line above
                assert amounts[2:4] == [_amount(ln.amount, f), _amount(ln.amount_prev, f)]
            else:
                assert ln.amount is None and ln.amount_prev is None
            assert " ".join((notes[4] or "").split()) == (ln.note or "")
            # 쪽수: printed on the line that has them; None where merged with the line above
            if ln.ref_pages is None:
                assert amounts[8] in (None, "-")
            else:
                assert amounts[8] == "\n".join(
                    f"{int(p):,}" if p.isdigit() else p for p in ln.ref_pages.split(",")
                )
            assert notes[5:8] == [None, None, None]
        printed = 6 if total.cells_printed is None else total.cells_printed
        values = [total.amount, total.amount_prev, total.q1, total.q2, total.q3, total.q4]
        assert rows[-1][:2] == ["합계", None]
        assert rows[-1][2:8] == [_amount(v, f) if i < printed else "" for i, v in enumerate(values)]
        assert rows[-1][8] == ""


def test_first_table_values(pdf_tables):
    page, rows = pdf_tables[0]
    assert rows[2] == [
        "456. 자격연수",
        "교원 자격단계별\n핵심역량 강화\n자격연수",
        "1,078,028",
        "1,109,463",
        "342,000",
        "240,480",
        "495,548",
        "-",
        "1,958",
    ]
    assert rows[3][4] == "연수 운영"


def test_merged_cells(pdf_tables):
    tables = {rows[2][1]: rows for _, rows in pdf_tables if len(rows) > 2 and rows[2][1]}
    # 2-1-1: one program and one 쪽수 cell over three projects; a 합계 with a missing cell
    rows = tables["기초학력지도\n역량강화연수"]
    assert rows[2][0] == "457. 직무연수" and rows[4][0] is None and rows[6][0] is None
    assert rows[2][8] == "1,963\n1,964" and rows[4][8] is None and rows[6][8] is None
    assert rows[-1][2:8] == ["22,900", "66,283", "6,800", "11,100", "2,900", ""]
    # 3-2-2: one amount over three rows of quarters
    rows = next(r for name, r in tables.items() if name.startswith("공존과"))
    assert rows[2][2:4] == ["23,972", "22,914"]
    assert rows[4][2:4] == [None, None] and rows[6][2:4] == [None, None]
    assert [r[4] for r in rows[2:8:2]] == ["855", "1,700", "286"]


def test_a_table_breaks_across_pages_with_its_header_repeated(pdf_tables):
    split = [parts for parts in _logical_tables(pdf_tables) if len(parts) > 1]
    assert split
    for parts in split:
        pages = [page for page, _ in parts]
        assert pages == list(range(pages[0], pages[0] + len(pages)))
        assert all(rows[:2] == HEADER_ROWS for _, rows in parts)


def test_a_break_can_be_forced(b, doc, facts, built):
    if built.forced_split is None:  # a table breaks by itself: check the forcing anyway
        b.render(doc, facts, force_split=None)
        forced = b.render(doc, facts, force_split=b.force_split_choice())
    else:
        forced = b.render(doc, facts, force_split=built.forced_split)
        assert forced.pdf == built.pdf
    section = forced.forced_split
    assert forced.split_tables == [section]
    with pdfplumber.open(io.BytesIO(forced.pdf)) as pdf:
        pages = sorted(set(b.BudgetTableFlowable.pages_drawn[section]))
        first, second = (pdf.pages[p - 1].extract_tables() for p in pages)
        assert first[-1][:2] == second[0][:2] == HEADER_ROWS
        assert len(first[-1]) > 2 and second[0][-1][0] == "합계"


def test_cells_never_need_a_mid_word_break(b, facts):
    lines = {}
    for ln in facts.budget_lines:
        lines.setdefault(ln.section_code, []).append(ln)
    for fact in facts.budget_tables:
        table = b.budget_table(fact, lines[fact.section_code], section=fact.section_code)
        assert b.word_overflows(table) == [], fact.section_code
