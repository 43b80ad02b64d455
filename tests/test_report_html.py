"""The HTML quality report: what it holds, that it is self-contained and escaped, and — in
headless Chromium — that the findings table and the charts are on the rendered page."""

from __future__ import annotations

import re
import warnings
from html.parser import HTMLParser
from pathlib import Path

import browser_rendering
import pytest
from browser_rendering import chromium

from kplan.pipeline.batch import process_file
from kplan.warehouse.load import connect, load_document
from kplan.warehouse.quality import findings as quality_findings
from kplan.warehouse.quality import run_checks
from kplan.warehouse.report import render_report, write_report

ROOT = Path(__file__).resolve().parents[1]
STEM = "seoul-edu-training-2025-plan"
SAMPLE = ROOT / "samples" / f"{STEM}.txt"
if not SAMPLE.exists():
    SAMPLE = ROOT.parent / "shared" / "seed" / f"{STEM}.txt"
EVIL = '<script>alert("x")</script> & <b>굵게</b>'


class Page(HTMLParser):
    """Every element with its attributes and the classes of the elements around it."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str], list[str]]] = []
        self.stack: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        self.elements.append((tag, attrs, [f"{t}.{c}" for t, c in self.stack]))
        if tag not in ("meta", "br", "img", "input", "link"):
            self.stack.append((tag, attrs.get("class", "")))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        self.text.append(data)

    def find(self, tag: str, cls: str | None = None, inside: str | None = None):
        return [
            (t, a)
            for t, a, around in self.elements
            if t == tag
            and (cls is None or cls in a.get("class", "").split())
            and (inside is None or any(inside in x for x in around))
        ]


def ingest(con, path: Path) -> int:
    processed = process_file(path)
    return load_document(con, processed.document, processed.facts, stats=processed.stats).doc_id


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    """The sample, a copy with a section title full of markup, and an unreadable file."""
    folder = tmp_path_factory.mktemp("report")
    evil = folder / "evil.txt"
    text = SAMPLE.read_text("utf-8")
    evil.write_text(
        text.replace("3-1-2 미래를 여는 협력교육 공유 및 확산을 위한 연수", f"3-1-2 {EVIL}"),
        "utf-8",
    )
    (folder / "empty.txt").write_bytes(b"")
    con = connect(":memory:")
    ids = [ingest(con, p) for p in (SAMPLE, evil, folder / "empty.txt")]
    run_checks(con)
    yield con, ids
    con.close()


def check_page(page: Page) -> None:
    """What a planner must see for the sample: its 8 findings in tables, and the charts."""
    rows = [a for _, a in page.find("tr", "finding", inside="table.findings")]
    assert [(a["data-section"], a["data-rule"]) for a in rows] == [
        ("1-1-2", "budget_total_quarter"),
        ("2-1-1", "contact_phone_mismatch"),
        ("2-1-1", "contact_phone_mismatch"),
        ("2-1-1", "budget_total_short_row"),
        ("3-2-1", "contact_phone_mismatch"),
        ("3-2-1", "budget_total_amount"),
        ("3-2-1", "budget_total_prev"),
        ("5-1-2", "budget_line_quarters"),
    ]
    bars = page.find("rect", "bar", inside="svg.chart quarters")
    quarter_bars = [a for _, a in bars if a.get("data-section") == "3-2-1"]
    assert [(a["data-quarter"], a["data-won"]) for a in quarter_bars[:4]] == [
        ("q1", "16600000"),
        ("q2", "24400000"),
        ("q3", "26600000"),
        ("q4", "37100000"),
    ]
    assert page.find("svg", "years")
    year_bars = [
        a
        for _, a in page.find("rect", "bar", inside="svg.chart years")
        if a.get("data-section") == "3-2-1"
    ]
    assert [a["data-won"] for a in year_bars[:2]] == ["363774000", "104725000"]


def test_the_report_holds_findings_charts_totals_and_coverage(warehouse):
    con, ids = warehouse
    html = render_report(con, doc_ids=[ids[0]])
    page = Page(html)
    check_page(page)
    text = " ".join(" ".join(page.text).split())
    assert "예산 합계 2024년 7,704,678천원 → 2025년 5,419,549천원 (-2,285,129천원 (-29.7%))" in text
    # the source snippet and the figures of a finding, next to its message
    assert "합계 104,725 363,774 16,600 24,400 26,600 37,100" in text
    assert "104,700,000 104,725,000 +25,000" in text
    # how much of the document was understood
    assert "다섯 항목(목적·근거·실적·계획·예산)을 다 갖춘 절 20 / 20 (100%)" in text
    assert "합계가 맞는 예산 표 16 / 20 (80%)" in text
    assert "연수 항목 실적 118개 · 계획 118개 주요 개선 사항 2개" in text


def test_the_report_is_self_contained(warehouse):
    con, _ = warehouse
    html = render_report(con).lower()
    for needle in ("<script", "<link", " src=", "url(", "@import", "<iframe", "<img"):
        assert needle not in html, needle
    assert html.count("http") == html.count('xmlns="http://www.w3.org/2000/svg"')


def test_text_from_a_document_is_escaped(warehouse):
    con, ids = warehouse
    html = render_report(con, doc_ids=[ids[1]])
    assert "<script" not in html and "<b>굵게" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;굵게&lt;/b&gt;" in html


def test_an_unreadable_document_is_in_the_report(warehouse):
    con, ids = warehouse
    text = " ".join(" ".join(Page(render_report(con, doc_ids=[ids[2]])).text).split())
    assert "읽지 못함 empty: file is empty" in text
    assert "문서를 읽지 못함: empty — file is empty" in text


def test_an_empty_warehouse(tmp_path):
    con = connect(":memory:")
    assert "창고에 문서가 없습니다." in render_report(con)


def browser_or_skip() -> str:
    browser = chromium()
    if browser is None:
        reason = (
            "headless Chromium not found (looked for chromium, chromium-browser): install "
            "Debian's chromium (apt-get install chromium; .ci/run does) to run the "
            "browser test of the HTML report"
        )
        # `pytest -q` (make test) lists warnings but not skip reasons: say it both ways.
        warnings.warn(reason, UserWarning, stacklevel=2)
        pytest.skip(reason)
    return browser


def run_chromium(browser: str, profile: Path, *args: str, text: bool = True):
    done = browser_rendering.run_chromium(browser, profile, *args, text=text)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


@pytest.mark.browser
def test_the_rendered_page_in_headless_chromium(warehouse, tmp_path):
    browser = browser_or_skip()
    con, ids = warehouse
    report = write_report(con, tmp_path / "report.html", doc_ids=[ids[0]])
    done = run_chromium(browser, tmp_path / "profile", "--dump-dom", report.as_uri())
    page = Page(done.stdout)
    assert page.find("h1"), done.stdout[:500]
    check_page(page)
    assert len(page.find("table", "findings")) == 4  # one per section with findings


HANGUL_SYLLABLE = re.compile("[\uac00-\ud7a3]")
UNASSIGNED = "\u0378"  # no font has a glyph for it: always drawn as the missing-glyph box


def screenshot(browser: str, page: Path, out: Path, profile: Path):
    from PIL import Image

    run_chromium(
        browser, profile, "--hide-scrollbars", "--window-size=1100,900", f"--screenshot={out}",
        page.as_uri(),
    )  # fmt: skip
    return Image.open(out).convert("L")


@pytest.mark.browser
def test_hangul_is_drawn_with_a_korean_font_not_as_boxes(warehouse, tmp_path):
    """The report's first screen against the same page with every Hangul syllable replaced by
    a code point no font covers. Without a Korean font Chromium draws both as the same
    missing-glyph boxes and the two screenshots match (measured: 173 pixels differ, the
    link's underline); with one, the headings, table and findings differ wherever Hangul is."""
    from PIL import ImageChops

    browser = browser_or_skip()
    con, ids = warehouse
    report = write_report(con, tmp_path / "report.html", doc_ids=[ids[0]])
    tofu = tmp_path / "tofu.html"
    tofu.write_text(HANGUL_SYLLABLE.sub(UNASSIGNED, report.read_text("utf-8")), "utf-8")
    profile = tmp_path / "profile"
    real = screenshot(browser, report, tmp_path / "report.png", profile)
    boxes = screenshot(browser, tofu, tmp_path / "tofu.png", profile)
    assert real.size == boxes.size == (1100, 900)
    changed = ImageChops.difference(real, boxes).point(lambda v: 255 if v > 40 else 0)
    share = sum(1 for v in changed.get_flattened_data() if v) / (1100 * 900)
    assert share > 0.02, (
        f"only {share:.2%} of the screenshot changes when Hangul becomes missing-glyph boxes: "
        "no Korean font (apt-get install fonts-nanum; .ci/run does)"
    )
    # the title line '데이터 품질 보고서' (h1, top left) is one of the places that differ
    assert changed.crop((0, 0, 400, 60)).getbbox() is not None


A4_POINTS = (595.3, 841.9)
PAGE_MARGINS_MM = (12, 12)  # left, right, as report.css's @page says
MM = 72 / 25.4


@pytest.mark.browser
def test_the_printed_report_fits_a4(warehouse, tmp_path):
    """Chromium's print to PDF (what a planner's '인쇄 / PDF로 저장' does): every page is A4,
    every printed character inside the page's margins, and the title printed at its 16pt,
    not shrunk to fit an overwide page."""
    import pypdfium2

    browser = browser_or_skip()
    con, ids = warehouse
    report = write_report(con, tmp_path / "report.html", doc_ids=[ids[0]])
    out = tmp_path / "report.pdf"
    run_chromium(
        browser, tmp_path / "profile", "--no-pdf-header-footer", f"--print-to-pdf={out}",
        report.as_uri(),
    )  # fmt: skip
    pdf = pypdfium2.PdfDocument(str(out))
    # the sample: a header page, its coverage and budget, its charts, 8 findings and the
    # 26 checks; a page per table row or a lost section would be far outside this
    assert 4 <= len(pdf) <= 12
    left = PAGE_MARGINS_MM[0] * MM - 1
    right = A4_POINTS[0] - PAGE_MARGINS_MM[1] * MM + 1
    for number, page in enumerate(pdf, 1):
        width, height = page.get_size()
        assert (round(width, 1), round(height, 1)) == pytest.approx(A4_POINTS, abs=1), number
        text = page.get_textpage()
        chars = text.get_text_range()
        boxes = [text.get_charbox(i) for i, ch in enumerate(chars) if not ch.isspace()]
        assert boxes, f"page {number} is empty"
        assert min(b[0] for b in boxes) >= left, number
        assert max(b[2] for b in boxes) <= right, number
    first = pdf[0].get_textpage()
    assert first.get_text_range().startswith("데이터 품질 보고서")
    title = [first.get_charbox(i) for i in range(3)]  # 데, 이, 터
    assert all(0.75 * 16 <= top - bottom <= 1.05 * 16 for _, bottom, _, top in title)


def test_a_report_in_two_formats_is_shown_once_with_its_formats(tmp_path):
    """The sample as HWPX and as text: one report (one report_key), shown once from the
    HWPX (PDF before HWPX, HWP, text), both files listed with their format."""
    con = connect(":memory:")
    paths = [SAMPLE.with_suffix(".hwpx"), SAMPLE]
    ids = [ingest(con, p) for p in paths]
    run_checks(con)
    page = Page(render_report(con))
    documents = page.find("section", "document")
    assert [a["id"] for _, a in documents] == [f"doc-{ids[0]}"]
    assert len(page.find("li", inside="nav")) == 1
    rows = [a for _, a in page.find("tr", "format", inside="table.formats")]
    assert [(a["data-format"], a["data-doc"], "shown" in a["class"]) for a in rows] == [
        ("hwpx", str(ids[0]), True),
        ("txt", str(ids[1]), False),
    ]
    text = " ".join(" ".join(page.text).split())
    assert "보고서 1개 (파일 2개)" in text
    assert f"{STEM}.hwpx, {STEM}.txt" in text  # the nav names both files
    # each file's findings are counted in its row; only the shown file's are listed
    assert {a["data-section"] for _, a in page.find("tr", "finding")} >= {"3-2-1"}
    assert len(page.find("table", "findings")) == len(
        {f["section_code"] for f in quality_findings(con, [ids[0]])}
    )
