"""Regenerate the committed sample renderings (PDF, HWPX, HWP) from the committed sample text.

    python samples/build_samples.py            # rewrites samples/seoul-edu-training-2025-plan.{pdf,hwpx,hwp}
    python samples/build_samples.py --out DIR  # writes them into DIR instead

The text (samples/seoul-edu-training-2025-plan.txt) is the real report as a text extraction gave
it. Every rendering draws the same `layout` of it — each text line one paragraph, in document
order; each 예산 집행 계획 table a real table with two header rows and merged cells, its grid
(`budget_grid`) built from the budget facts the rules read from the text; the 주요 개선 사항
box around its lines — so that the four files give the same facts (pages aside).

The PDF looks the way a Hancom (HWP) PDF export does, so that the PDF parser meets what real
exports contain:

* paragraphs wrap only at spaces; a table breaking across pages repeats its two header rows;
* chapter titles are drawn many times over at the same spot, as Hancom does, so that a text
  extraction shows '일 일 일 … 반 반 …' unless it drops duplicate characters;
* 'm' bullets are the ❍ of a symbol font (ZapfDingbats), which an extraction reads back as 'm';
* characters NanumGothic lacks come from a fallback font, so the PDF's text is the same Unicode.

The HWPX is written with python-hwpx, and the HWP from it by python-hwpx's own HWP 5 writer
(see the Hancom section below for what a Hancom file holds in place of the PDF's artifacts).

A developer tool: needs the `samples` extra (reportlab, koreanize-matplotlib for NanumGothic)
besides python-hwpx. The output is deterministic: reportlab's invariant mode and fixed
metadata; python-hwpx's ids counted rather than random, and fixed package dates.
"""
from __future__ import annotations

import argparse
import html
import importlib.util
import io
import re
import sys
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Iterable, Sequence

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SAMPLE_NAME = "seoul-edu-training-2025-plan"
SAMPLE_TXT = SAMPLES / f"{SAMPLE_NAME}.txt"
SAMPLE_PDF = SAMPLES / f"{SAMPLE_NAME}.pdf"

try:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import (CondPageBreak, Flowable, PageBreak, Paragraph,
                                    SimpleDocTemplate, Spacer, Table, TableStyle)
except ModuleNotFoundError as exc:  # pragma: no cover - depends on the environment
    raise SystemExit(f"build_samples: {exc.name} is missing; install the samples extra: "
                     "pip install -e '.[samples]' (or: make samples)") from None

# ------------------------------------------------------------------------------------- fonts

MAIN = "NanumGothic"
BOLD = "NanumGothicBold"
FALLBACK = "DejaVuSans"
SYMBOL = "ZapfDingbats"      # one of the PDF base-14 fonts: not embedded, as in Hancom exports
SYMBOL_BULLET = "\u274d"     # ❍: reportlab encodes it as ZapfDingbats code 0x6D, read back as 'm'

# Characters no font at hand has a fitting glyph for, drawn with a NanumGothic glyph that looks
# the same. The font's cmap gains the code point, so the PDF's ToUnicode maps the glyph back to
# the text's own character. U+F000 is the private-use heading box of Hancom's symbol fonts
# (DejaVuSans has a private glyph there that looks nothing like it).
GLYPH_ALIASES = {
    "\uf000": "\u25a1",   # Hancom heading box → □
    "\uff65": "\u00b7",   # HALFWIDTH KATAKANA MIDDLE DOT → ·
}

NANUM_DIRS = ("/usr/share/fonts/truetype/nanum",)
DEJAVU_DIRS = ("/usr/share/fonts/truetype/dejavu",)


class FontsMissing(RuntimeError):
    pass


def _package_dir(name: str) -> Path | None:
    """A package's folder without importing it (koreanize_matplotlib patches matplotlib)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def find_font(filename: str, package: str, package_subdir: str,
              system_dirs: Sequence[str]) -> Path | None:
    candidates = []
    pkg = _package_dir(package)
    if pkg is not None:
        candidates.append(pkg / package_subdir / filename)
    candidates.extend(Path(d) / filename for d in system_dirs)
    return next((p for p in candidates if p.is_file()), None)


def font_paths() -> dict[str, Path]:
    found = {
        MAIN: find_font("NanumGothic.ttf", "koreanize_matplotlib", "fonts", NANUM_DIRS),
        BOLD: find_font("NanumGothicBold.ttf", "koreanize_matplotlib", "fonts", NANUM_DIRS),
        FALLBACK: find_font("DejaVuSans.ttf", "matplotlib", "mpl-data/fonts/ttf", DEJAVU_DIRS),
    }
    missing = [name for name, path in found.items() if path is None]
    if missing:
        raise FontsMissing(
            f"fonts not found: {', '.join(missing)}. Install the samples extra "
            "(pip install -e '.[samples]': koreanize-matplotlib ships NanumGothic, matplotlib "
            "ships DejaVuSans) or the Debian packages fonts-nanum and fonts-dejavu-core.")
    return found  # type: ignore[return-value]


def _aliased_font(path: Path) -> io.BytesIO:
    """The TrueType font with GLYPH_ALIASES added to its cmap, as bytes."""
    from fontTools.ttLib import TTFont as FontFile

    font = FontFile(str(path), recalcTimestamp=False)
    for table in font["cmap"].tables:
        if table.isUnicode():
            for char, like in GLYPH_ALIASES.items():
                glyph = table.cmap.get(ord(like))
                if glyph is not None:
                    table.cmap.setdefault(ord(char), glyph)
    out = io.BytesIO()
    font.save(out)
    out.seek(0)
    return out


@dataclass
class Fonts:
    main_chars: frozenset[int]
    fallback_chars: frozenset[int]

    def font_for(self, char: str) -> str | None:
        """MAIN, FALLBACK, or None when no font has the character."""
        if char in " \n" or ord(char) in self.main_chars:
            return MAIN
        if ord(char) in self.fallback_chars:
            return FALLBACK
        return None


_FONTS: Fonts | None = None


def register_fonts() -> Fonts:
    global _FONTS
    if _FONTS is None:
        paths = font_paths()
        main = TTFont(MAIN, _aliased_font(paths[MAIN]))
        bold = TTFont(BOLD, _aliased_font(paths[BOLD]))
        fallback = TTFont(FALLBACK, str(paths[FALLBACK]))
        for font in (main, bold, fallback):
            pdfmetrics.registerFont(font)
        bold_chars = set(bold.face.charToGlyph)
        _FONTS = Fonts(main_chars=frozenset(set(main.face.charToGlyph) & bold_chars),
                       fallback_chars=frozenset(fallback.face.charToGlyph))
    return _FONTS


def missing_characters(text: str) -> list[str]:
    fonts = register_fonts()
    return sorted({c for c in text if fonts.font_for(c) is None})


def markup(text: str) -> str:
    """Paragraph markup for plain text: escaped, characters NanumGothic lacks in <font> tags."""
    fonts = register_fonts()
    out = []
    for font, chars in groupby(text, key=lambda c: fonts.font_for(c) or MAIN):
        run = html.escape("".join(chars), quote=False)
        out.append(run if font == MAIN else f'<font name="{font}">{run}</font>')
    return "".join(out)


# ------------------------------------------------------------------------------------ styles

PAGE_W, PAGE_H = A4
MARGIN_X = 50
MARGIN_TOP = 52
MARGIN_BOTTOM = 58
FRAME_W = PAGE_W - 2 * MARGIN_X
INDENT_PER_SPACE = 4.0


def _style(name: str, **kw) -> ParagraphStyle:
    base = dict(fontName=MAIN, fontSize=10, leading=15, alignment=TA_LEFT,
                allowWidows=1, allowOrphans=1)
    base.update(kw)
    return ParagraphStyle(name, **base)


STYLES = {
    "body": _style("body"),
    "heading": _style("heading", fontName=BOLD, fontSize=11.5, leading=17, spaceBefore=7,
                      spaceAfter=2),
    "section": _style("section", fontName=BOLD, fontSize=15, leading=21, spaceAfter=10,
                      textColor=colors.HexColor("#1f3864")),
    "part": _style("part", fontName=BOLD, fontSize=14, leading=20, spaceBefore=4, spaceAfter=8),
    "cover": _style("cover", fontName=BOLD, fontSize=24, leading=32, alignment=TA_CENTER),
    "chapter": _style("chapter", fontName=BOLD, fontSize=30, leading=38, alignment=TA_CENTER,
                      spaceBefore=150, spaceAfter=60),
    "caption": _style("caption", fontName=BOLD, fontSize=10.5, leading=16, spaceBefore=4),
    "outline": _style("outline", fontName=BOLD, fontSize=13, leading=26, leftIndent=60),
    "unit": _style("unit", fontSize=9, leading=13, alignment=TA_RIGHT),
    "box_title": _style("box_title", fontName=BOLD, fontSize=10.5, leading=16, spaceAfter=2),
    "cell": _style("cell", fontSize=8, leading=10, alignment=TA_CENTER),
    "cell_head": _style("cell_head", fontName=BOLD, fontSize=8, leading=10, alignment=TA_CENTER),
}

# ------------------------------------------------------------------------ line classification

SECTION_RE = re.compile(r"^\s*\d+-\d+-\d+\s")
HEADING_MARK = "\uf000"
BOX_TITLE_RE = re.compile(r"^\s*\d{4}년\s*주요\s*개선\s*사항\s*$")
OUTLINE_RE = re.compile(r"^\s*\d\.\s+\S")
PART_RE = re.compile(r"^\s*\d\s+\S")          # '1 미래역량을 기르는 …'
UNIT_RE = re.compile(r"^\s*\(단위\s*:")
TABLE_TITLE_RE = re.compile(r"예산\s*집행")
# Top-level parts of the report that start on a page of their own besides the chapters.
PART_TITLES = {"주요 현안 및 역점 사업"}
# How the collapsed chapter titles are spaced where the report prints them once.
TITLE_SPACING = {"일반현황": "일반 현황", "주요업무": "주요 업무"}


@dataclass(frozen=True)
class Artifact:
    title: str
    copies: int
    chapter: bool    # a chapter title (letters drawn one by one) rather than a repeated caption


def repeated_title(text: str) -> Artifact | None:
    """A title Hancom drew many times over, as a text extraction shows it; None otherwise."""
    from kplan.rules.normalize import collapse_repeated_title

    collapsed = collapse_repeated_title(text)
    if not collapsed:
        return None
    squeezed = re.sub(r"\s+", "", text)
    runs = [len(m.group(0)) for m in re.finditer(r"(.)\1*", squeezed)]
    if max(runs) >= 3:   # '일일일…반반반…': each letter drawn N times
        return Artifact(TITLE_SPACING.get(collapsed, collapsed), max(runs), chapter=True)
    return Artifact(collapsed, len(squeezed) // len(collapsed), chapter=False)


def indent_of(text: str) -> float:
    return (len(text) - len(text.lstrip(" "))) * INDENT_PER_SPACE


def plain(text: str) -> str:
    return " ".join(text.replace(HEADING_MARK, " ").split())


# ---------------------------------------------------------------------------- flowables


class OverprintParagraph(Paragraph):
    """A paragraph drawn `copies` times at exactly the same place (Hancom's title effect)."""

    def __init__(self, text, style, copies: int):
        super().__init__(text, style)
        self.copies = copies

    def drawOn(self, canvas, x, y, _sW=0):
        for _ in range(self.copies):
            super().drawOn(canvas, x, y, _sW)

    def split(self, availWidth, availHeight):
        return []


class RoundedBox(Flowable):
    """Paragraphs inside a rounded frame (the '2025년 주요 개선 사항' box).

    Rounded corners keep the frame out of a PDF table finder: its straight edges never meet.
    """

    PAD = 7
    RADIUS = 12

    def __init__(self, paragraphs: list[Paragraph]):
        super().__init__()
        self.paragraphs = paragraphs
        self._heights: list[float] = []

    def wrap(self, availWidth, availHeight):
        inner = availWidth - 2 * self.PAD
        self._heights = [p.wrap(inner, availHeight)[1] for p in self.paragraphs]
        self.width = availWidth
        self.height = sum(self._heights) + 2 * self.PAD
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        c.setStrokeColor(colors.HexColor("#5b7fb5"))
        c.setFillColor(colors.HexColor("#f3f6fb"))
        c.setLineWidth(0.8)
        c.roundRect(0, 0, self.width, self.height, self.RADIUS, stroke=1, fill=1)
        c.restoreState()
        y = self.height - self.PAD
        for p, h in zip(self.paragraphs, self._heights):
            y -= h
            p.drawOn(c, self.PAD, y)


class BudgetTableFlowable(Table):
    """A budget table that remembers the pages its parts were drawn on."""

    pages_drawn: dict[str, list[int]] = {}

    def __init__(self, *args, section: str | None = None, **kw):
        super().__init__(*args, **kw)
        self.section = section

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        for part in parts:
            if isinstance(part, BudgetTableFlowable):
                part.section = self.section
        return parts

    def drawOn(self, canvas, x, y, _sW=0):
        self.pages_drawn.setdefault(self.section or "", []).append(canvas.getPageNumber())
        super().drawOn(canvas, x, y, _sW)


class PlaceNearPageEnd(Flowable):
    """Zero-ink spacer that leaves exactly `room()` points on the page for what follows.

    Put before a table (and its title lines) to make the table break after its first rows.
    """

    def __init__(self, following: list[Flowable], table: Table, rows: int):
        super().__init__()
        self.following = following
        self.table = table
        self.rows = rows

    def room(self, availWidth: float) -> float:
        return room_needed(self.following, self.table, self.rows, availWidth)

    def wrap(self, availWidth, availHeight):
        need = self.room(availWidth)
        self.width = availWidth
        # Not enough room left: ask for more than there is, so the frame moves us on.
        self.height = availHeight - need if availHeight >= need else availHeight + 1
        return self.width, self.height

    def draw(self):
        pass


# ------------------------------------------------------------------------------- tables

COL_WIDTHS = [58, 82, 50, 50, 48, 48, 48, 48, 46]   # 478 of the 495 pt frame
CELL_PAD = 2.5


def fmt_amount(value: int | None, factor: int) -> str:
    return "-" if value is None else f"{value // factor:,}"


def fmt_refs(refs: str | None) -> str:
    if not refs:
        return "-"
    parts = [p.strip() for p in refs.split(",") if p.strip()]
    return "\n".join(f"{int(p):,}" if p.isdigit() else p for p in parts)


def program_label(line) -> str:
    if line.program_code and line.program_name:
        return f"{line.program_code}. {line.program_name}"
    return line.program_code or line.program_name or ""


def _runs(keys: list) -> list[tuple[int, int]]:
    """(first, last) index of each run of equal consecutive keys."""
    out, start = [], 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            out.append((start, i - 1))
            start = i
    return out


def ref_keys(body: list) -> list:
    """Run keys for the 쪽수 column. A line without pages under a line of the same program or
    project shares that line's cell (a merged cell is stored once, on its first row); equal
    pages printed on each line stay separate cells, as the report prints them and as the rules
    read them back (merging them would leave the lines below without pages)."""
    keys: list = []
    for k, ln in enumerate(body):
        prev = body[k - 1] if k else None
        if prev is not None and ln.ref_pages is None and (
                (ln.program_code, ln.program_name) == (prev.program_code, prev.program_name)
                or ln.project_name == prev.project_name):
            keys.append(keys[-1])
        else:
            keys.append(k)
    return keys


def cell(text: str, style: str = "cell", width: float | None = None) -> Paragraph:
    """A cell paragraph; its font shrinks until the widest word fits `width` (never a
    mid-word break)."""
    base = STYLES[style]
    size = base.fontSize
    if width is not None:
        inner = width - 2 * CELL_PAD - 0.5
        widest = max((pdfmetrics.stringWidth(w, base.fontName, size) for w in text.split()),
                     default=0)
        while widest > inner and size > 5.5:
            size -= 0.5
            widest = max(pdfmetrics.stringWidth(w, base.fontName, size) for w in text.split())
    style_obj = base if size == base.fontSize else ParagraphStyle(
        f"{style}{size}", parent=base, fontSize=size, leading=size * 1.25)
    return Paragraph("<br/>".join(markup(part) for part in text.split("\n")), style_obj)


def word_overflows(table: Table) -> list[str]:
    """Words wider than their cell (would overflow, since cells never break mid-word)."""
    bad = []
    spans = {}
    for (sc, sr), (ec, er) in ((c[1], c[2]) for c in table._spanCmds if c[0] == "SPAN"):
        spans[(sc, sr)] = ec
    for r, row in enumerate(table._cellvalues):
        for c, value in enumerate(row):
            if not isinstance(value, Paragraph):
                continue
            width = sum(COL_WIDTHS[c:spans.get((c, r), c) + 1]) - 2 * CELL_PAD
            st = value.style
            for frag in value.frags:
                for word in "".join(getattr(frag, "text", "")).split():
                    if pdfmetrics.stringWidth(word, st.fontName, st.fontSize) > width + 0.01:
                        bad.append(word)
    return bad


@dataclass
class BudgetGrid:
    """A budget table as every rendering draws it: the text of each grid position and the
    merged cells. A text is None where nothing is written: a position a merged cell covers,
    or a cell left blank (the amounts a 합계 row did not print)."""
    rows: list[list[str | None]]
    # Merged cells as ((first col, first row), (last col, last row)); single positions too.
    spans: list[tuple[tuple[int, int], tuple[int, int]]]
    header_rows: int
    total_rows: int

    def is_head(self, row: int) -> bool:
        """A header row or a 합계 row (drawn bold)."""
        return row < self.header_rows or row >= len(self.rows) - self.total_rows

    def merged(self) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        return [(a, b) for a, b in self.spans if a != b]

    def last_col(self, row: int, col: int) -> int:
        """The last column of the cell whose origin is (row, col)."""
        return next((b[0] for a, b in self.spans if a == (col, row)), col)


def budget_grid(table_fact, lines: list) -> BudgetGrid:
    """The grid of one budget table: two header rows, for each line an amounts row and a
    note row (the note spanning the four quarters), and the 합계 row with only the amounts it
    printed. Equal program names, project names and amounts of consecutive lines share one
    merged cell, as the report prints them."""
    factor = table_fact.unit_factor or 1
    year = table_fact.year
    prev = table_fact.prev_year if table_fact.prev_year else (year - 1 if year else None)
    yy = (lambda y: f"’{y % 100:02d}" if y else "")
    rows: list[list[str | None]] = [
        ["예산 사업명", "추진 사업명", "예산액", None, "집행예정액 / 집행내용", None, None, None,
         "사업별 설명자료 쪽수"],
        [None, None, yy(year), yy(prev)] + [f"{q}분기" for q in range(1, 5)] + [None],
    ]
    spans = [((0, 0), (0, 1)), ((1, 0), (1, 1)), ((2, 0), (3, 0)), ((4, 0), (7, 0)),
             ((8, 0), (8, 1))]
    body = [ln for ln in lines if not ln.is_total]
    totals = [ln for ln in lines if ln.is_total]
    first_row = 2
    row_of = [first_row + 2 * k for k in range(len(body))]

    for ln, r in zip(body, row_of):
        rows.append([program_label(ln), ln.project_name or "", fmt_amount(ln.amount, factor),
                     fmt_amount(ln.amount_prev, factor),
                     *(fmt_amount(q, factor) for q in (ln.q1, ln.q2, ln.q3, ln.q4)),
                     fmt_refs(ln.ref_pages)])
        rows.append([None, None, None, None, ln.note or "", None, None, None, None])
        spans.append(((4, r + 1), (7, r + 1)))

    def span_runs(col: int, keys: list) -> None:
        for a, b in _runs(keys):
            spans.append(((col, row_of[a]), (col, row_of[b] + 1)))

    if body:
        span_runs(0, [(ln.program_code, ln.program_name) for ln in body])
        span_runs(1, [ln.project_name for ln in body])
        # An amount merged over several rows is stored once, on its first row.
        amount_keys, current = [], 0
        for k, ln in enumerate(body):
            merged = (k > 0 and ln.amount is None and ln.amount_prev is None
                      and ln.project_name == body[k - 1].project_name)
            if not merged:
                current = k
            amount_keys.append(current)
        span_runs(2, amount_keys)
        span_runs(3, amount_keys)
        span_runs(8, ref_keys(body))

    for ln in totals:
        printed = 6 if ln.cells_printed is None else ln.cells_printed
        values = [ln.amount, ln.amount_prev, ln.q1, ln.q2, ln.q3, ln.q4]
        r = len(rows)
        rows.append(["합계", None, *(fmt_amount(v, factor) if i < printed else None
                                    for i, v in enumerate(values)), None])
        spans.append(((0, r), (1, r)))

    for (c0, r0), (c1, r1) in spans:   # a merged cell's text lives at its origin only
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (c, r) != (c0, r0):
                    rows[r][c] = None
    return BudgetGrid(rows, spans, header_rows=first_row, total_rows=len(totals))


def budget_table(table_fact, lines: list, *, section: str | None) -> BudgetTableFlowable:
    grid = budget_grid(table_fact, lines)
    W = COL_WIDTHS
    data: list[list] = [
        [cell(text, "cell_head" if grid.is_head(r) else "cell",
              sum(W[c:grid.last_col(r, c) + 1])) if text is not None else ""
         for c, text in enumerate(row)]
        for r, row in enumerate(grid.rows)]

    header_bg = colors.HexColor("#e3e8f0")
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("LINEABOVE", (0, 0), (-1, 0), 1.2, colors.black),
        ("LINEBELOW", (0, -1), (-1, -1), 1.2, colors.black),
        ("BACKGROUND", (0, 0), (-1, 1), header_bg),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if grid.total_rows:
        style.append(("BACKGROUND", (0, len(data) - grid.total_rows), (-1, -1),
                      colors.HexColor("#f2f2f2")))
    style += [("SPAN", a, b) for a, b in grid.merged()]
    t = BudgetTableFlowable(data, colWidths=COL_WIDTHS, repeatRows=2, section=section,
                            spaceBefore=3, spaceAfter=6)
    t.setStyle(TableStyle(style))
    t.span_list = grid.merged()
    return t


def split_points(table: BudgetTableFlowable) -> list[int]:
    """Row indices a table may break before: after the header, outside every span."""
    n = len(table._cellvalues)
    return [r for r in range(3, n)
            if not any(a[1] < r <= b[1] for a, b in table.span_list)]


# ------------------------------------------------------------------------------- story


@dataclass
class Built:
    pdf: bytes
    pages: int
    split_tables: list[str]           # sections whose budget table spans two or more pages
    forced_split: str | None


def load_document(txt_path: Path):
    from kplan.parsers import parse_file

    doc = parse_file(txt_path)
    if doc.status == "failed":
        raise SystemExit(f"{txt_path}: {doc.error}: {doc.error_message}")
    return doc


def load_facts(doc):
    from kplan.rules import extract

    return extract(doc)


def budget_spans(facts) -> dict[int, tuple]:
    """{first block index: (BudgetTable, last block index, lines)} for every budget table."""
    by_section: dict[str | None, list] = {}
    for ln in facts.budget_lines:
        by_section.setdefault(ln.section_code, []).append(ln)
    out = {}
    for t in facts.budget_tables:
        span = getattr(t, "block_span", None)
        if not span:
            raise SystemExit(f"budget table of section {t.section_code} has no block_span")
        lines = sorted(by_section.get(t.section_code, []), key=lambda ln: ln.line_no)
        out[span[0]] = (t, span[1], lines)
    if len(out) != len(facts.budget_tables):
        raise SystemExit("two budget tables start on the same line")
    return out


@dataclass(frozen=True)
class Item:
    """One thing the report shows, whatever the format draws it with.

    kind: 'cover' (the first line), 'chapter' and 'caption' (a title the report draws many
    times over, `copies` times), 'section' (a '1-1-1 …' heading, on a new page), 'part' (a
    top-level part, on a new page), 'line' (any other text line), 'box' (the '주요 개선 사항'
    box: `children` are its 'box_title' and its lines), 'table' (a budget table: `table` is its
    BudgetTable fact, `lines` its BudgetLines). `text` is the line as the text gives it.
    """
    kind: str
    text: str = ""
    block: int = -1                 # index into Document.blocks (the first, for a table)
    copies: int = 1
    children: tuple["Item", ...] = ()
    table: object = None
    lines: tuple = ()


def layout(doc, facts) -> list[Item]:
    """The report as Items, in document order: what each renderer draws."""
    blocks = doc.blocks
    tables = budget_spans(facts)
    out: list[Item] = []
    box: list[Item] | None = None

    def flush_box():
        nonlocal box
        if box:
            out.append(Item("box", block=box[0].block, children=tuple(box)))
        box = None

    def add(item: Item):
        (box if box is not None else out).append(item)

    i = 0
    while i < len(blocks):
        raw = blocks[i].text
        text = raw.rstrip()
        stripped = plain(text)
        if i in tables:
            flush_box()
            fact, last, lines = tables[i]
            out.append(Item("table", block=i, table=fact, lines=tuple(lines)))
            i = last + 1
            continue
        artifact = repeated_title(text)
        if artifact and artifact.chapter:
            flush_box()
            out.append(Item("chapter", artifact.title, i, artifact.copies))
        elif artifact:
            add(Item("caption", artifact.title, i, artifact.copies))
        elif SECTION_RE.match(text):
            flush_box()
            out.append(Item("section", raw, i))
        elif stripped in PART_TITLES:
            flush_box()
            out.append(Item("part", raw, i))
        elif BOX_TITLE_RE.match(text):
            flush_box()
            box = [Item("box_title", raw, i)]
        else:
            if box is not None and (stripped.startswith("◦") or HEADING_MARK in text):
                flush_box()
            add(Item("cover" if i == 0 else "line", raw, i))
        i += 1
    flush_box()
    return out


def build_story(doc, facts, *, force_split: str | None = None) -> list[Flowable]:
    story: list[Flowable] = []

    def new_page():
        if story and not isinstance(story[-1], PageBreak):
            story.append(PageBreak())

    for item in layout(doc, facts):
        if item.kind == "table":
            fact = item.table
            flow = budget_table(fact, list(item.lines), section=fact.section_code)
            bad = word_overflows(flow)
            if bad:
                raise SystemExit(f"{fact.section_code}: words wider than their cell: {bad}")
            if fact.section_code == force_split:
                _place_before_title(story, flow)
            else:
                _keep_with_title(story, flow)
            story.append(flow)
        elif item.kind == "chapter":
            new_page()
            story.append(OverprintParagraph(markup(item.text), STYLES["chapter"], item.copies))
        elif item.kind == "section":
            new_page()
            story.append(Paragraph(markup(plain(item.text)), STYLES["section"]))
        elif item.kind == "part":
            new_page()
            story.append(Paragraph(markup(item.text.strip()), STYLES["part"]))
        elif item.kind == "box":
            story.append(RoundedBox([_pdf_flowable(child) for child in item.children]))
        else:
            if item.kind == "cover":   # the cover line, a third down the page
                story.append(Spacer(1, 200))
            story.append(_pdf_flowable(item))
    return story


def _pdf_flowable(item: Item) -> Flowable:
    if item.kind == "caption":
        return OverprintParagraph(markup(item.text), STYLES["caption"], item.copies)
    if item.kind == "box_title":
        return Paragraph(markup(item.text.strip()), STYLES["box_title"])
    return _line_paragraph(item.text.rstrip(), item.kind == "cover")


def _line_paragraph(text: str, first: bool) -> Paragraph:
    stripped = text.strip()
    if first:
        return Paragraph(markup(stripped), STYLES["cover"])
    if stripped.startswith(HEADING_MARK):
        style = STYLES["heading"]
    elif UNIT_RE.match(text):
        style = STYLES["unit"]
    elif OUTLINE_RE.match(text):
        style = STYLES["outline"]
    elif PART_RE.match(text):
        style = STYLES["part"]
    else:
        style = STYLES["body"]
    indent = indent_of(text)
    if indent and style.alignment == TA_LEFT:
        style = ParagraphStyle(f"{style.name}+{indent:g}", parent=style,
                               leftIndent=style.leftIndent + indent)
    room = FRAME_W - style.leftIndent
    wide = [w for w in stripped.split() if pdfmetrics.stringWidth(w, style.fontName,
                                                                  style.fontSize) > room]
    if wide:   # a paragraph never breaks inside a word: such a word would run off the page
        raise SystemExit(f"words wider than the page: {wide}")
    if re.match(r"m\s", stripped):   # Hancom's symbol-font bullet
        body = f'<font name="{SYMBOL}">{SYMBOL_BULLET}</font> {markup(stripped[1:].lstrip())}'
    else:
        body = markup(stripped)
    return Paragraph(body, style)


def _title_start(story: list[Flowable]) -> int:
    """Index of the table's title line ('예산 집행 계획') among the last few paragraphs."""
    for k in range(len(story) - 1, max(len(story) - 5, 0) - 1, -1):
        if not isinstance(story[k], Paragraph):
            break
        if TABLE_TITLE_RE.search(story[k].getPlainText()):
            return k
    return len(story)


def _first_chunk_rows(table: BudgetTableFlowable) -> int:
    """Rows the table's first page must hold: up to its first possible break, or all."""
    points = split_points(table)
    return points[0] if points else len(table._cellvalues)


def room_needed(following: list[Flowable], table: Table, rows: int, width: float) -> float:
    """Height of the title lines plus the table's first `rows` rows."""
    h = sum(f.wrap(width, PAGE_H)[1] + f.getSpaceBefore() + f.getSpaceAfter()
            for f in following)
    table.wrap(width, PAGE_H)
    return h + table.getSpaceBefore() + sum(table._rowHeights[:rows]) + 4


class KeepWithTitle(CondPageBreak):
    """A new page unless the table's title lines and first rows fit; remembers the room it
    found, so that a build can pick the table whose forced break leaves the smallest gap."""

    seen: dict[str, tuple[float, float]] = {}   # section: (room on the page, room needed)

    def __init__(self, height: float, section: str | None, splittable: bool):
        super().__init__(height)
        self.section, self.splittable = section, splittable

    def wrap(self, availWidth, availHeight):
        if self.splittable:
            KeepWithTitle.seen.setdefault(self.section or "", (availHeight, self.height))
        return super().wrap(availWidth, availHeight)


def _keep_with_title(story: list[Flowable], table: BudgetTableFlowable) -> None:
    """A new page before the title lines unless they fit with the table's first rows."""
    k = _title_start(story)
    points = split_points(table)
    splittable = bool(points) and points[0] < len(table._cellvalues) - 1
    need = room_needed(story[k:], table, _first_chunk_rows(table), FRAME_W)
    story.insert(k, KeepWithTitle(need, table.section, splittable))


def _place_before_title(story: list[Flowable], table: BudgetTableFlowable) -> None:
    """Insert a PlaceNearPageEnd before the table's title lines so it breaks after one line."""
    points = split_points(table)
    if not points or points[0] >= len(table._cellvalues) - 1:
        raise SystemExit(f"{table.section}: the table has no row it could break before")
    k = _title_start(story)
    story.insert(k, PlaceNearPageEnd(story[k:], table, points[0]))


def _on_page(canvas, doc):
    canvas.saveState()
    canvas.setFont(MAIN, 9)
    canvas.drawCentredString(PAGE_W / 2, MARGIN_BOTTOM - 30, f"- {doc.page} -")
    canvas.restoreState()


METADATA = dict(
    title="2025 주요업무계획",
    author="서울특별시교육청교육연수원",
    subject="kplan sample: the report rebuilt from its text by samples/build_samples.py",
    creator="Hwp 2018 10.0.0.13764",
    producer="kplan samples/build_samples.py (ReportLab)",
)

def render(doc, facts, *, force_split: str | None) -> Built:
    register_fonts()
    BudgetTableFlowable.pages_drawn = {}
    KeepWithTitle.seen = {}
    out = io.BytesIO()
    template = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                                 topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
                                 invariant=1, **METADATA)
    template.build(build_story(doc, facts, force_split=force_split),
                   onFirstPage=_on_page, onLaterPages=_on_page)
    split = sorted(s for s, pages in BudgetTableFlowable.pages_drawn.items()
                   if len(set(pages)) > 1)
    return Built(out.getvalue(), template.page, split, force_split)


def build(txt_path: Path = SAMPLE_TXT, facts=None) -> Built:
    """The PDF for `txt_path`; a budget table breaks across pages (forced if none does)."""
    doc = load_document(txt_path)
    text = "\n".join(b.text for b in doc.blocks)
    missing = missing_characters(text)
    if missing:
        raise SystemExit(f"no font has {missing!r}: add a fallback font or a GLYPH_ALIASES entry")
    if facts is None:
        facts = load_facts(doc)
    built = render(doc, facts, force_split=None)
    if not built.split_tables:
        section = force_split_choice()
        built = render(doc, facts, force_split=section)
        if section not in built.split_tables:
            raise SystemExit(f"could not make the {section} table break across pages")
    return built


def force_split_choice() -> str:
    """After a render: the table that, moved down to the page foot, leaves the smallest gap.

    Only tables whose title and first rows fit where they stand qualify (the others start a
    new page, where forcing a break would leave most of a page blank)."""
    gaps = {section: room - need for section, (room, need) in KeepWithTitle.seen.items()
            if room >= need}
    if not gaps:
        raise SystemExit("no budget table can be made to break across pages")
    return min(gaps, key=lambda s: (gaps[s], s))


# ----------------------------------------------------------------------- Hancom: HWPX, HWP
#
# The same layout written with python-hwpx as an HWPX package, and from that package as an
# HWP 5 file by python-hwpx's own HWP 5 writer (`to_bytes(format="hwp")`). What a Hancom file
# holds where the PDF has an artifact of Hancom's PDF export:
#
# * the title the PDF draws 24 (or 6) times over is stored once, in a character shape with a
#   shadow: the repetition is how the export draws the title, not text;
# * the Hancom heading box (U+F000 in the text, as an extraction of the PDF reads the bullet of
#   a symbol font) is the paragraph's bullet (글머리표 □), not a character of its text;
# * the symbol-font 'm' bullet is the ❍ it shows, a real character of the text.
# Everything else is the text line as it is, spaces included; Hancom stores no pages, so only
# the page breaks before chapters, parts and sections are kept.

SAMPLE_HWPX = SAMPLES / f"{SAMPLE_NAME}.hwpx"
SAMPLE_HWP = SAMPLES / f"{SAMPLE_NAME}.hwp"
HWPUNIT_PER_PT = 100                 # HWPUNIT: 1/7200 inch
HEADING_BULLET = "\u25a1"            # □: the box the heading bullet draws
HEADING_RE = re.compile(r"^\uf000 ?")
SYMBOL_M_RE = re.compile(r"^(\s*)m(?=\s)")
HANCOM_DATE = "2000-01-01T00:00:00Z"
HANCOM_METADATA = dict(
    title=METADATA["title"],
    creator=METADATA["author"],
    subject=METADATA["subject"],
    created_date=HANCOM_DATE,
    modified_date=HANCOM_DATE,
)
HH_NS = "http://www.hancom.co.kr/hwpml/2011/head"
HEADER_FILL = "#E3E8F0"
TOTAL_FILL = "#F2F2F2"
BOX_FILL = "#F3F6FB"


def hancom_text(text: str) -> str:
    """A text line as a Hancom file stores it: the symbol-font 'm' bullet is its ❍."""
    return SYMBOL_M_RE.sub(lambda m: m.group(1) + SYMBOL_BULLET, text, count=1)


@dataclass
class HancomBuilt:
    """The HWPX package and the HWP 5 file of the report."""
    hwpx: bytes
    hwp: bytes


class _FixedIds:
    """python-hwpx gives each new paragraph, table and cell paragraph an id from uuid4();
    its seam `hwpx.oxml._document_impl.uuid4` takes a replacement, here a counter, so that the
    same report gives the same files."""

    def __enter__(self):
        import itertools
        import uuid

        import hwpx.oxml._document_impl as impl

        self._impl, self._saved = impl, impl.uuid4
        counter = itertools.count(1)
        impl.uuid4 = lambda: uuid.UUID(int=next(counter))
        return self

    def __exit__(self, *exc):
        self._impl.uuid4 = self._saved
        return False


class HancomWriter:
    """Writes layout Items into a python-hwpx document."""

    def __init__(self):
        from hwpx import HwpxDocument

        self.doc = HwpxDocument.new()
        self.first = True
        styles = self.doc.styles
        self.char = {
            "body": "0",
            "bold": styles.ensure_run(bold=True),
            "heading": styles.ensure_run(bold=True, size=11.5),
            "section": styles.ensure_run(bold=True, size=15, color="#1F3864"),
            "part": styles.ensure_run(bold=True, size=14),
            "cover": styles.ensure_run(bold=True, size=24),
            "chapter": styles.ensure_run(bold=True, size=30, shadow="#B2B2B2"),
            "caption": styles.ensure_run(bold=True, size=10.5, shadow="#B2B2B2"),
            "cell": styles.ensure_run(size=8),
            "cell_head": styles.ensure_run(bold=True, size=8),
        }
        header = self.doc.oxml.headers[0]
        self.para = {
            "body": "0",
            "center": header.ensure_paragraph_alignment("CENTER"),
            "right": header.ensure_paragraph_alignment("RIGHT"),
        }
        self.heading_para: str | None = None
        self.doc.page.set_margins(left=MARGIN_X * HWPUNIT_PER_PT, right=MARGIN_X * HWPUNIT_PER_PT)
        self.table_width = sum(COL_WIDTHS) * HWPUNIT_PER_PT

    # -- paragraphs

    def paragraph(self, text: str, char: str = "body", para: str = "body", *,
                  page_break: bool = False):
        if self.first:   # a new document's one paragraph holds the section settings
            self.first = False
            p = self.doc.paragraphs[0]
            p.text = text
            p.char_pr_id_ref = self.char[char]
            p.para_pr_id_ref = self.para[para]
            return p
        return self.doc.add_paragraph(text, para_pr_id_ref=self.para[para],
                                      char_pr_id_ref=self.char[char], style_id_ref=0,
                                      inherit_style=False,
                                      pageBreak="1" if page_break else "0")

    def heading(self, text: str):
        """A heading whose box is the paragraph's bullet (글머리표)."""
        if self.heading_para is None:
            p = self.paragraph(text, "heading")
            self.doc.styles.apply_list_format(paragraph_index=len(self.doc.paragraphs) - 1,
                                              kind="bullet", bullet_char=HEADING_BULLET)
            self.heading_para = self.doc.paragraphs[-1].para_pr_id_ref
            return p
        p = self.paragraph(text, "heading")
        p.para_pr_id_ref = self.heading_para
        return p

    def line(self, item: Item):
        text = item.text
        if HEADING_RE.match(text):
            self.heading(HEADING_RE.sub("", text, count=1))
        elif UNIT_RE.match(text):
            self.paragraph(hancom_text(text), para="right")
        else:
            self.paragraph(hancom_text(text))

    # -- tables

    def _cell(self, table, row: int, col: int, text: str, char: str, para: str) -> None:
        table.set_cell_text(row, col, text, split_paragraphs=True)
        for p in table.cell(row, col).paragraphs:
            p.char_pr_id_ref = self.char[char]
            p.para_pr_id_ref = self.para[para]

    def box(self, item: Item):
        """The 주요 개선 사항 box: a single-cell table holding its lines, as Hancom draws it."""
        table = self.doc.add_table(1, 1, width=self.table_width)
        lines = []
        for child in item.children:
            if child.kind == "caption":
                lines.append(child.text)
            else:
                lines.append(hancom_text(child.text))
        table.set_cell_text(0, 0, "\n".join(lines), split_paragraphs=True)
        for k, p in enumerate(table.cell(0, 0).paragraphs):
            kind = item.children[k].kind
            p.char_pr_id_ref = self.char["bold" if kind in ("box_title", "caption") else "body"]
        table.set_cell_shading(0, 0, BOX_FILL)

    def budget(self, item: Item):
        self.grid_table(budget_grid(item.table, list(item.lines)))

    def grid_table(self, grid: BudgetGrid):
        """A table of `grid`: its merged cells, header rows shaded and repeated on each page."""
        n_rows, n_cols = len(grid.rows), len(grid.rows[0])
        table = self.doc.add_table(n_rows, n_cols, width=self.table_width)
        table.set_column_widths(COL_WIDTHS)
        for r, row in enumerate(grid.rows):
            for c, text in enumerate(row):
                if text:
                    self._cell(table, r, c, text, "cell_head" if grid.is_head(r) else "cell",
                               "center")
        for (c0, r0), (c1, r1) in grid.merged():
            table.merge_cells(r0, c0, r1, c1)
        # The header rows repeat on every page the table runs onto (제목 행 반복).
        table.element.set("repeatHeader", "1")
        for r, c in sorted(self._origins(grid)):
            if r < grid.header_rows:
                table.cell(r, c).element.set("header", "1")
                table.set_cell_shading(r, c, HEADER_FILL)
            elif grid.is_head(r):
                table.set_cell_shading(r, c, TOTAL_FILL)

    @staticmethod
    def _origins(grid: BudgetGrid) -> set[tuple[int, int]]:
        """Grid positions where a cell starts (merged or not)."""
        covered = {(r, c) for (c0, r0), (c1, r1) in grid.merged()
                   for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
                   if (r, c) != (r0, c0)}
        return {(r, c) for r in range(len(grid.rows)) for c in range(len(grid.rows[0]))
                if (r, c) not in covered}

    # -- the report

    def write(self, items: list[Item]) -> None:
        for item in items:
            if item.kind == "table":
                self.budget(item)
            elif item.kind == "box":
                self.box(item)
            elif item.kind == "cover":
                self.paragraph(item.text, "cover", "center")
            elif item.kind == "chapter":
                self.paragraph(item.text, "chapter", "center", page_break=True)
            elif item.kind == "caption":
                self.paragraph(item.text, "caption")
            elif item.kind == "section":
                self.paragraph(item.text, "section", page_break=True)
            elif item.kind == "part":
                self.paragraph(item.text, "part", page_break=True)
            else:
                self.line(item)
        self._bullets_in_schema_order()
        parts = self.doc.parts
        parts.clear_document_metadata(keep=("title", "language"), timestamp=HANCOM_DATE)
        parts.set_document_metadata(**HANCOM_METADATA)

    def _bullets_in_schema_order(self) -> None:
        """python-hwpx 6.9.0 appends <hh:bullets> at the end of <hh:refList>; OWPML has it
        right after <hh:numberings> (its validator warns 'head:bullets: element not
        expected')."""
        header = self.doc.oxml.headers[0]
        ref_list = next(header.element.iter(f"{{{HH_NS}}}refList"))
        bullets = ref_list.find(f"{{{HH_NS}}}bullets")
        numberings = ref_list.find(f"{{{HH_NS}}}numberings")
        if bullets is None or numberings is None:
            return
        ref_list.remove(bullets)
        ref_list.insert(list(ref_list).index(numberings) + 1, bullets)
        header.mark_dirty()


def render_hancom(doc, facts) -> HancomBuilt:
    import warnings

    with _FixedIds(), warnings.catch_warnings():
        warnings.simplefilter("error")   # a python-hwpx warning is a sample to fix
        writer = HancomWriter()
        writer.write(layout(doc, facts))
        hwpx = writer.doc.to_bytes()
        hwp = writer.doc.to_bytes(format="hwp")
    return HancomBuilt(hwpx, hwp)


def build_hancom(txt_path: Path = SAMPLE_TXT, facts=None) -> HancomBuilt:
    doc = load_document(txt_path)
    if facts is None:
        facts = load_facts(doc)
    return render_hancom(doc, facts)


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--txt", type=Path, default=SAMPLE_TXT, help="the report as text")
    ap.add_argument("--out", type=Path, default=SAMPLES,
                    help="folder for the PDF, HWPX and HWP")
    args = ap.parse_args(list(argv) if argv is not None else None)
    try:
        built = build(args.txt)
    except FontsMissing as exc:
        print(f"build_samples: {exc}", file=sys.stderr)
        return 2
    hancom = build_hancom(args.txt)
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / f"{args.txt.stem}.pdf"
    target.write_bytes(built.pdf)
    how = f" (forced in {built.forced_split})" if built.forced_split else ""
    print(f"wrote {target}: {built.pages} pages; tables across pages: "
          f"{', '.join(built.split_tables)}{how}")
    for suffix, data in (("hwpx", hancom.hwpx), ("hwp", hancom.hwp)):
        target = args.out / f"{args.txt.stem}.{suffix}"
        target.write_bytes(data)
        print(f"wrote {target}: {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
