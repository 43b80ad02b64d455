"""PDF backend (pdfplumber): ruled tables as cells with spans, other text as lines in reading
order, every block with its page.

The table grid is rebuilt from pdfplumber's cell rectangles: every distinct x and y edge is a
grid line, so a merged cell spans the grid lines it crosses and is stored once, never copied into
the positions it covers.
"""

from __future__ import annotations

import bisect
import functools
import io
import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import replace
from operator import itemgetter
from typing import NamedTuple

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdftypes import PDFObjRef, resolve1
from pdfplumber.page import FilteredPage
from pdfplumber.utils import chars_to_textmap, cluster_objects, extract_words
from pdfplumber.utils.exceptions import PdfminerException
from pdfplumber.utils.text import WordExtractor

from . import metadata, pdf_objects, shading
from .collector import collector_paused
from .errors import RESOURCE_ERRORS, CorruptFile, EncryptedFile, ImageOnly
from .model import Cell, Document, Paragraph, ParseIssue, Table
from .pdf_fonts import ems, line_type
from .pdf_layout import column_gutter, contains, group_lines, line_centres, overlaps, table_regions
from .pdf_settings import DEFAULT_SETTINGS, PdfSettings

# Glyphs that symbol fonts draw for ASCII codes, as Hancom's PDF export writes bullets.
SYMBOL_FONT_CHARS = {
    "wingdings": {
        "l": "●",
        "m": "❍",
        "n": "■",
        "o": "□",
        "p": "◻",
        "q": "❑",
        "r": "❒",
        "s": "⬧",
        "t": "⧫",
        "u": "◆",
        "v": "❖",
        "w": "⬥",
        "x": "⌧",
        "Ø": "➢",
        "ü": "✓",
        "§": "▪",
        "¨": "◻",
        "ª": "✦",
        "®": "◆",
    },
    # ITC Zapf Dingbats, the PDF standard symbol font.
    "zapfdingbats": {
        "l": "●",
        "m": "❍",
        "n": "■",
        "o": "❏",
        "p": "❐",
        "q": "❑",
        "r": "❒",
        "s": "▲",
        "t": "▼",
        "u": "◆",
        "v": "❖",
        "w": "◗",
        "H": "★",
        "4": "✔",
    },
    "symbol": {"Þ": "⇒", "®": "→", "¾": "—", "×": "×", "·": "·"},
}


def read(data: bytes, *, path: str, settings: PdfSettings = DEFAULT_SETTINGS) -> Document:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
    except RESOURCE_ERRORS:
        raise
    except Exception as exc:
        raise _open_error(exc) from None
    fast = _open_pdfium(data) if settings.engine == "pdfium" else None
    type3_fonts: dict[int, dict[str, float] | None] = {}
    with pdf:
        doc = Document(path=path, format="pdf", pages=len(pages), reader="pdfplumber")
        doc.read_with = settings
        doc.metadata = info_metadata(pdf, doc.issues)
        heights: dict[int, float] = {}
        text_pages = 0
        image_pages = []
        for number, page in enumerate(pages[: settings.max_pages], start=1):
            # The collector resumes once the page's objects are let go (page.close()): they
            # are freed as they go, not walked by the collector as the young objects first.
            with collector_paused():
                try:
                    if fast is not None:
                        use_pdfium_objects(page, fast, number - 1, type3_fonts)
                    blocks, has_text = read_page(page, number, settings)
                except RESOURCE_ERRORS:
                    raise
                except Exception as exc:  # one broken page is a partial document, not a failure
                    doc.issues.append(
                        ParseIssue("page_unreadable", f"{type(exc).__name__}: {exc}"[:300], number)
                    )
                    page.close()
                    continue
                doc.blocks.extend(blocks)
                heights[number] = float(page.height)
                if has_text:
                    text_pages += 1
                elif page.images:
                    image_pages.append(number)
                # Its objects are read: let them go before the next page's, so that a document's
                # memory does not grow with its pages (nor the garbage collector's work with it).
                page.close()
        if len(pages) > settings.max_pages:
            doc.issues.append(
                ParseIssue(
                    "limit_exceeded",
                    f"read the first {settings.max_pages} of {len(pages)} pages",
                    settings.max_pages + 1,
                )
            )
        if text_pages == 0 and image_pages:
            raise ImageOnly(
                f"scanned PDF: {len(image_pages)} page(s) are images with no text "
                "layer (OCR it first)",
                page=image_pages[0],
            )
        for number in image_pages:
            doc.issues.append(
                ParseIssue("image_only_page", "page is an image with no text layer", number)
            )
    doc.blocks = stitch_continued_tables(drop_page_stamps(doc.blocks, heights, settings), settings)
    doc.blocks = resolve_edge_breaks(doc.blocks, settings)
    return doc


def info_metadata(pdf, issues: list[ParseIssue]) -> dict[str, str]:
    """Title, author, subject, keywords, creator (the authoring application) and dates from
    the PDF's info dictionary; an unreadable one is an issue, not a failure."""
    try:
        info = pdf.metadata or {}
    except RESOURCE_ERRORS:
        raise
    except Exception as exc:  # pdfminer on a damaged trailer or info object
        issues.append(
            ParseIssue("metadata_unreadable", f"PDF info: {type(exc).__name__}: {exc}"[:300])
        )
        return {}
    return metadata.bounded(
        {
            "title": info.get("Title"),
            "subject": info.get("Subject"),
            "author": info.get("Author"),
            "keywords": info.get("Keywords"),
            "creator": info.get("Creator"),
            "created": metadata.pdf_date(info.get("CreationDate")),
            "modified": metadata.pdf_date(info.get("ModDate")),
        }
    )


def _stamp_key(table: Table, settings: PdfSettings) -> tuple[str, tuple[float, ...]] | None:
    """A small boxed text's text and box, for finding it again on other pages."""
    if (
        not table.cells
        or len(table.cells) > settings.stamp_max_cells
        or table.nested
        or not table.x_edges
        or not table.y_edges
    ):
        return None
    text = "".join("".join(c.text.split()) for c in table.cells)
    if not text:
        return None
    return text, (table.x_edges[0], table.y_edges[0], table.x_edges[-1], table.y_edges[-1])


def drop_page_stamps(
    blocks: list, heights: dict[int, float], settings: PdfSettings = DEFAULT_SETTINGS
) -> list:
    """Boxes repeated in the page's top or bottom band, with the same text at the same place on
    several pages, a quarter of them at least — a `대외주의` stamp, a running title in a box —
    are the page header or
    footer, which the HWP keeps apart from the body and kplan leaves out. Dropped here, they no
    longer stand between a table and its continuation on the next page."""
    places: dict[str, list[tuple[int, tuple[float, ...]]]] = {}
    for block in blocks:
        key = _stamp_key(block, settings) if isinstance(block, Table) else None
        height = heights.get(block.page) if key else None
        if (
            key
            and height
            and (
                key[1][3] <= settings.stamp_band * height
                or key[1][1] >= (1 - settings.stamp_band) * height
            )
        ):
            places.setdefault(key[0], []).append((block.page, key[1]))

    def recurring(text: str, box: tuple[float, ...]) -> bool:
        pages = {
            page
            for page, other in places.get(text, ())
            if all(abs(a - b) <= settings.stamp_tolerance for a, b in zip(box, other))
        }
        # On a share of the pages too: a heading box the flow happened to leave at the foot
        # of four of 56 pages ('3 | 2025년 추진계획') is no page furniture.
        return len(pages) >= max(settings.stamp_min_pages, settings.stamp_min_share * len(heights))

    out = []
    for block in blocks:
        key = _stamp_key(block, settings) if isinstance(block, Table) else None
        if (
            key
            and any(page == block.page for page, _ in places.get(key[0], ()))
            and recurring(*key)
        ):
            continue
        out.append(block)
    return out


def _open_error(exc: Exception) -> Exception:
    """pdfplumber wraps pdfminer's errors; unwrap them to say encrypted or corrupt."""
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if (
        isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError))
        or "password" in str(inner).lower()
    ):
        return EncryptedFile("password-protected PDF: it opens only with its password")
    detail = str(inner) or type(inner).__name__
    return CorruptFile(f"not a readable PDF: {detail}"[:300])


def _open_pdfium(data: bytes):
    """PDFium's reading of the file, or None when it cannot open it (pdfminer then reads every
    page, and says why a broken file is broken)."""
    try:
        return pdf_objects.open_document(data)
    except Exception:
        return None


def use_pdfium_objects(
    page, document, index: int, type3_fonts: dict[int, dict[str, float] | None] | None = None
) -> None:
    """Give `page` the objects PDFium reads, so pdfminer never interprets it; a page PDFium
    cannot read as pdfminer would is left to pdfminer. `type3_fonts` keeps the fonts'
    advances from page to page (see `type3_advances`)."""
    try:
        page._objects = pdf_objects.page_objects(
            document,
            index,
            page_number=page.page_number,
            height=float(page.height),
            doctop=float(page.initial_doctop),
            type3_advances=type3_advances(page, type3_fonts),
        )
    except Exception:
        return


def type3_advances(
    page, known: dict[int, dict[str, float] | None] | None = None
) -> list[dict[str, float]]:
    """The advances of the page's Type 3 fonts, one {char: advance per unit of font size} per
    font, from its /Widths and /FontMatrix. PDFium boxes a Type 3 glyph one em wide (Hancom
    draws digits and punctuation in Type 3 fonts), so the gap before the next word would
    vanish; `pdf_objects` finds which of these fonts drew each run and takes its widths.

    `known` holds what each font object (by its object number) gave on an earlier page: the
    pages of a report share their fonts, and reading one (its ToUnicode CMap parsed by
    pdfminer) costs more than the rest of a page's fonts together."""
    fonts = resolve1(page.page_obj.resources.get("Font")) or {}
    manager = PDFResourceManager()
    found: list[dict[str, float]] = []
    known = {} if known is None else known
    for spec in fonts.values():
        objid = spec.objid if isinstance(spec, PDFObjRef) else None
        if objid is not None and objid in known:
            advances = known[objid]
        else:
            advances = _type3_font_advances(manager, resolve1(spec))
            if objid is not None:
                known[objid] = advances
        if advances is not None:
            found.append(advances)
    return found


def _type3_font_advances(manager: PDFResourceManager, spec) -> dict[str, float] | None:
    """A Type 3 font's {char: advance per unit of font size}; None for any other font."""
    if not isinstance(spec, dict) or getattr(spec.get("Subtype"), "name", None) != "Type3":
        return None
    font = manager.get_font(None, spec)
    advances: dict[str, float] = {}
    for cid in font.widths:
        if not isinstance(cid, int):
            continue  # pdfminer types the keys int | str; to_unichr takes a CID
        try:
            advances[font.to_unichr(cid)] = font.char_width(cid)
        except Exception:
            continue
    return advances


def map_symbol_fonts(page) -> None:
    """Replace symbol-font chars ('m' in Wingdings) by the character the font draws."""
    chars = page.objects.get("char", [])
    for i, ch in enumerate(chars):
        table = symbol_font_table(ch.get("fontname", ""))
        mapped = table.get(ch["text"]) if table is not None else None
        if mapped:
            chars[i] = {**ch, "text": mapped}


@functools.cache
def symbol_font_table(fontname: str) -> dict[str, str] | None:
    """The glyphs of the symbol font `fontname` is ('AAAAAA+Wingdings-Regular'), if any: the
    first family of SYMBOL_FONT_CHARS its name holds. Cached: a page has few fonts and many
    chars."""
    font = fontname.lower().replace(" ", "").split("+")[-1]
    return next((t for family, t in SYMBOL_FONT_CHARS.items() if family in font), None)


def map_control_chars(page) -> None:
    """A char whose code is a control code (U+0007 where a designer's font keeps its word
    space) draws a blank: it is a space, not text a reader could type. It is drawn where the
    word after it starts, and PDFium may box it a hair to the right of that word's first glyph
    ('\x07' at 74.23, '특' at 74.12): left there, it would split the word after its first
    syllable ('특 별회계'). It is moved to end where that glyph begins."""
    chars = page.objects.get("char", [])
    for i, ch in enumerate(chars):
        text = ch["text"]
        # Unicode's control codes (Cc) are C0, DEL and C1, all below U+00A0: the comparison
        # spares the category lookup of nearly every char.
        if len(text) == 1 and text < "\xa0" and unicodedata.category(text) == "Cc":
            space = {**ch, "text": " "}
            after = chars[i + 1] if i + 1 < len(chars) else None
            if (
                after is not None
                and abs(after["top"] - ch["top"]) < 0.5
                and after["x0"] <= ch["x0"] < after["x1"]
            ):
                width = ch["x1"] - ch["x0"]
                space.update(x0=after["x0"] - width, x1=after["x0"])
            chars[i] = space


# Conjoining jamo (U+1100–U+11FF) → the compatibility jamo a reader types: a font that draws
# 'ㆍ' as the arae-a vowel gives U+119E, which is no text on its own.
_COMPAT_JAMO = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0x3131, 0x318F)}


def map_lone_jamo(page) -> None:
    """A conjoining jamo with no other beside it (so it builds no syllable) is the
    compatibility jamo: '수어ᆞ점자' (U+119E) reads '수어ㆍ점자' (U+318D), as in the HWP."""
    chars = page.objects.get("char", [])
    texts = [ch["text"] for ch in chars]

    def conjoining(i: int) -> bool:
        return 0 <= i < len(texts) and len(texts[i]) == 1 and "\u1100" <= texts[i] <= "\u11ff"

    for i in [k for k, text in enumerate(texts) if text in _COMPAT_JAMO]:
        if conjoining(i) and not (conjoining(i - 1) or conjoining(i + 1)):
            chars[i] = {**chars[i], "text": _COMPAT_JAMO[texts[i]]}


def _is_syllable(text: str) -> bool:
    return len(text) == 1 and "가" <= text <= "힣"


def _runs(chars: list) -> list[list[int]]:
    """Indexes of chars drawn one after another in one font on one line, left to right."""
    if len(chars) < 2:
        return [[i] for i in range(len(chars))]
    # Each char is compared with the one before it (the last of the run so far).
    fields = list(map(itemgetter("fontname", "size", "top", "x0", "x1"), chars))
    runs: list[list[int]] = [[0]]
    for i, (prev, ch) in enumerate(zip(fields, fields[1:]), start=1):
        if (
            prev[0] == ch[0]
            and prev[1] == ch[1]
            and abs(prev[2] - ch[2]) <= 0.5
            and 0 < ch[3] - prev[3] < 2 * max(prev[4] - prev[3], 1)
        ):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def fit_char_widths(page, settings: PdfSettings = DEFAULT_SETTINGS) -> None:
    """Chars whose boxes are wider than the pen moves — Hancom's condensed glyphs (장평) and
    tight letter spacing (자간), or a Type 3 font without widths — overlap their neighbours, so
    the space between two words reads as no gap at all ('관련전문가들이편찬'). Within one run
    of a font on a line, the true advance is the shorter steps from syllable to syllable (a
    quarter of them are shorter still, the longer ones cross a space); the run's chars are
    narrowed to it. A run spaced wider than its glyphs (a letter-spaced heading) is kept."""
    chars = page.objects.get("char", [])
    syllable = [_is_syllable(ch["text"]) for ch in chars]
    for run in _runs(chars):
        if len(run) < 2:
            continue  # no step to measure
        steps = sorted(
            chars[j]["x0"] - chars[i]["x0"]
            for i, j in zip(run, run[1:])
            if syllable[i] and syllable[j]
        )
        if not steps:
            continue
        width = chars[run[0]]["size"]  # a syllable's box is one em wide
        widths = [chars[i]["x1"] - chars[i]["x0"] for i in run if syllable[i]]
        width = sorted(widths)[len(widths) // 2] if widths else width
        advance = steps[len(steps) // 4]
        if advance >= settings.width_overstated * width:
            continue
        factor = advance / width
        for i in run:
            ch = chars[i]
            narrowed = (ch["x1"] - ch["x0"]) * factor
            chars[i] = {**ch, "x1": ch["x0"] + narrowed, "width": narrowed}


def dedupe_chars(page, tolerance: float):
    """The page without the chars `deduped_chars` drops, as pdfplumber's `Page.dedupe_chars`."""
    deduped = FilteredPage(page, lambda _: True)
    deduped._objects = {**page.objects, "char": deduped_chars(page.chars, tolerance)}
    return deduped


def deduped_chars(chars: list[dict], tolerance: float) -> list[dict]:
    """The chars pdfplumber's `Page.dedupe_chars` keeps, in the same order, in linear time:
    its last step, `sorted(kept, key=chars.index)`, is quadratic in a page's chars, and its
    clustering builds a dict per group even for the single chars that are nearly all of a
    page. A char is dropped when another of the same text, font and size sits within
    `tolerance` of it (a bold face printed twice); of such a cluster the top-left one is kept."""
    groups: dict[tuple, list[int]] = {}
    key = itemgetter("upright", "text", "fontname", "size")
    for i, ch in enumerate(chars):
        groups.setdefault(key(ch), []).append(i)
    kept: list[int] = []
    for members in groups.values():
        if len(members) == 1:
            kept.append(members[0])
            continue
        for row in _chains(members, [chars[i]["doctop"] for i in members], tolerance):
            if len(row) == 1:
                kept.append(row[0])
                continue
            for spot in _chains(row, [chars[i]["x0"] for i in row], tolerance):
                kept.append(min(spot, key=lambda i: (chars[i]["doctop"], chars[i]["x0"], i)))
    kept.sort()
    return [chars[i] for i in kept]


def _chains(items: list[int], values: list[float], tolerance: float) -> list[list[int]]:
    """`items` in clusters of `values` as pdfplumber's `cluster_objects` makes them: sorted by
    value, a new cluster wherever a value is more than `tolerance` past the one before."""
    order = sorted(range(len(items)), key=values.__getitem__)
    clusters = [[items[order[0]]]]
    for before, at in zip(order, order[1:]):
        if values[at] <= values[before] + tolerance:
            clusters[-1].append(items[at])
        else:
            clusters.append([items[at]])
    return clusters


def read_page(page, number: int, settings: PdfSettings) -> tuple[list, bool]:
    deduped = dedupe_chars(page, settings.dedupe_tolerance)
    try:
        return _read_deduped(deduped, number, settings)
    finally:
        # A pdfplumber page is in a reference cycle (its lru_cache holds its own method):
        # its chars would wait for the garbage collector. Let them go now.
        deduped.close()


def _read_deduped(page, number: int, settings: PdfSettings) -> tuple[list, bool]:
    map_symbol_fonts(page)
    map_control_chars(page)
    map_lone_jamo(page)
    fit_char_widths(page, settings)
    tables = table_regions(page, settings)
    gutter = column_gutter(page, [t.bbox for t in tables], settings)

    def column(x: float) -> int:  # 0 left, 1 right of the gutter; a page of one column is 0
        return int(gutter is not None and x >= gutter)

    placed: list[tuple[int, float, object]] = [
        (column((bbox[0] + bbox[2]) / 2), bbox[1], table)
        for bbox, table in build_nested(page, tables, number, settings, PageFacts(page, settings))
    ]

    rest = chars_outside(page.chars, [tuple(t.bbox)[:4] for t in tables])
    footer_top = page.height * (1 - settings.footer_band)
    for side in (0, 1) if gutter is not None else (0,):
        chars_of_side = (
            [ch for ch in rest if column((ch["x0"] + ch["x1"]) / 2) == side]
            if gutter is not None
            else rest
        )
        for line in words_wrapped_together(text_lines(page, chars_of_side), chars_of_side):
            text = tab_leaders(line["text"])
            if line["top"] >= footer_top and is_page_number(text):
                continue
            size, weight = line_type(line["chars"]) or (None, None)
            paragraph = Paragraph(text=text, page=number, size=size, weight=weight)
            placed.append((side, line["top"], paragraph))
    placed.sort(key=lambda item: item[:2])
    return [block for _, _, block in placed], bool(page.chars)


def words_wrapped_together(lines: list[dict], chars: list) -> list[dict]:
    """The text lines of a page's column, each that may have broken off inside a word joined
    to the line that goes on with it by an EDGE_BREAK, for `resolve_edge_breaks` to decide, as
    the document writes its words, whether the word goes on there ('… 미흡 등급 배' over '분되는
    관행을 방지': it does, as the document writes '배분'); the lines stay paragraphs of their own
    (`Paragraph.word_goes_on`).

    Only where the producer says so: Hancom's export justifies lines to the text's right edge
    and prints a space at the end of one it wraps between words. Where some lines end at the
    edge in such a space, one that ends there in a syllable with no space after it may have
    broken inside a word, when the next line goes on in the same type with a syllable, right
    under it, and opens no paragraph of its own (a bullet, '1.', '가)'). Producers that print no
    space where they wrap (reportlab) leave their breaks as they are."""
    if len(lines) < 2:
        return lines
    inked = [[c for c in line["chars"] if c["text"].strip()] for line in lines]
    edge = max((ink[-1]["x1"] for ink in inked if ink), default=0.0)
    at_edge = [bool(ink) and ink[-1]["x1"] >= edge - 0.5 * ink[-1]["size"] for ink in inked]
    if sum(at_edge) < 2:
        return lines
    spaces: dict[int, list[dict]] = {}  # the column's spaces by their top, to the point
    for c in chars:
        if c["text"].isspace():
            spaces.setdefault(int(c["top"]), []).append(c)

    def space_after(last: dict) -> bool:
        near = range(
            int(last["top"] - 0.5 * last["size"]), int(last["top"] + 0.5 * last["size"]) + 1
        )
        return any(
            last["x1"] - 1 <= c["x0"] <= last["x1"] + last["size"]
            for top in near
            for c in spaces.get(top, ())
        )

    ends_spaced = [edge_line and space_after(ink[-1]) for edge_line, ink in zip(at_edge, inked)]
    if not any(ends_spaced):
        return lines
    out = [lines[0]]
    for k in range(1, len(lines)):
        before, after = inked[k - 1], inked[k]
        wraps = (
            at_edge[k - 1]
            and not ends_spaced[k - 1]
            and bool(after)
            and _is_syllable(before[-1]["text"])
            and _is_syllable(after[0]["text"])
            and 0 <= after[0]["top"] - before[-1]["bottom"] < 1.5 * before[-1]["size"]
            and line_type(before) == line_type(after)
            and not _PARAGRAPH_START_RE.match(lines[k]["text"])
        )
        if wraps:  # out[-1] ends with lines[k - 1], alone or joined to the lines before it
            joined = out[-1]
            out[-1] = {
                **joined,
                "text": joined["text"] + EDGE_BREAK + lines[k]["text"],
                "chars": joined["chars"] + lines[k]["chars"],
                "x1": max(joined["x1"], lines[k]["x1"]),
                "bottom": lines[k]["bottom"],
            }
        else:
            out.append(lines[k])
    return out


def chars_outside(chars: list, boxes: list[tuple]) -> list:
    """The chars whose centre lies in none of `boxes` (x0, top, x1, bottom), in order. A centre
    outside the box round them all is in none: only the chars within it are tested box by box
    (a box with a NaN side, containing nothing, leaves the box round them all unknown)."""
    if not boxes:
        return list(chars)
    sides = [v for box in boxes for v in box]
    if math.isfinite(sum(sides)):
        left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
        right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
    else:
        left = top = -math.inf
        right = bottom = math.inf
    rest = []
    for ch in chars:
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        if not (left <= cx <= right and top <= cy <= bottom) or not any(
            x0 <= cx <= x1 and y0 <= cy <= y1 for x0, y0, x1, y1 in boxes
        ):
            rest.append(ch)
    return rest


def text_lines(page, chars: list) -> list[dict]:
    """`page.extract_text_lines(strip=True, return_chars=True)` of a page holding only `chars`:
    the same call pdfplumber makes, without a filtered copy of every line and box of the page."""
    if not chars:
        return []
    textmap = chars_to_textmap(
        chars, layout_bbox=page.bbox, layout_width=page.width, layout_height=page.height
    )
    return textmap.extract_text_lines(strip=True, return_chars=True)


class PageFacts:
    """What every table of a page reads from the whole page — the fonts that print their wrap
    spaces, the painted backgrounds, the chars by height — worked out once for the page, not
    once per table. Made after the page's chars are final (deduped, mapped, narrowed)."""

    def __init__(self, page, settings: PdfSettings) -> None:
        self.page = page
        self.settings = settings

    @functools.cached_property
    def spacing(self) -> frozenset:
        return wrap_space_fonts(self.page, self.settings.line_tolerance)

    @functools.cached_property
    def fills(self) -> list[tuple[tuple[float, float, float, float], str]]:
        return filled_rects(self.page)

    @functools.cached_property
    def edges(self) -> list[tuple]:
        return ruling_edges(self.page)

    @functools.cached_property
    def by_centre(self) -> CharsByCentre:
        return CharsByCentre(self.page.chars)


class CharsByCentre:
    """A page's chars ordered by their vertical centre, to find those of a band of the page."""

    def __init__(self, chars: list) -> None:
        self.chars = chars
        self.by_y = sorted(
            ((c["top"] + c["bottom"]) / 2, (c["x0"] + c["x1"]) / 2, i) for i, c in enumerate(chars)
        )
        self.centres = [cy for cy, _, _ in self.by_y]
        # Whether bisection may find a band: a NaN has no place in a sorted order.
        self.ordered = all(a <= b for a, b in zip(self.centres, self.centres[1:]))

    def band(self, top: float, bottom: float) -> list[tuple[float, float, int]]:
        """(centre y, centre x, index) of the chars whose centre lies in [top, bottom]."""
        lo = bisect.bisect_left(self.centres, top)
        return self.by_y[lo : bisect.bisect_right(self.centres, bottom)]

    def indexes_in(self, top: float, bottom: float) -> Sequence[int]:
        """Indexes of the chars whose centre may lie in [top, bottom] (all of them, on a page
        whose coordinates hold a NaN), in page order."""
        if not self.ordered:
            return range(len(self.chars))
        return sorted(i for _, _, i in self.band(top, bottom))


# A table of contents' dot leader before a page number: in the HWP it is a tab that draws the
# dots, so it reads as a tab here too.
_LEADER_RE = re.compile(r"[ \t]*[·.․‥…]{2,}[ \t]*(?=\d{1,4}$)", re.M)


def tab_leaders(text: str) -> str:
    return _LEADER_RE.sub("\t", text)


def build_nested(
    page, regions: list, number: int, settings: PdfSettings, facts: PageFacts | None = None
) -> list:
    """The tables of the page's regions, a region drawn inside another's cell (a table in a
    frame, a box in a box) as a table nested in that cell — its text the inner table's only,
    as the HWP holds it. Where two regions overlap, the smaller one has the chars they share,
    so no text is read twice. Returns (bbox, table) of the outermost ones."""
    regions = without_own_grid_parts(regions, settings.edge_tolerance)
    area = [(r.bbox[2] - r.bbox[0]) * (r.bbox[3] - r.bbox[1]) for r in regions]
    parent: dict[int, int] = {}
    for i, inner in enumerate(regions):
        holders = [
            j
            for j, outer in enumerate(regions)
            if j != i
            and area[j] > area[i]
            and contains(outer.bbox, inner.bbox, settings.edge_tolerance)
        ]
        if holders:
            parent[i] = min(holders, key=lambda j: area[j])
    built: dict[int, Table | None] = {}
    for i in sorted(range(len(regions)), key=lambda k: area[k]):  # innermost first
        children = [k for k, p in parent.items() if p == i and built.get(k) is not None]
        # Chars in a smaller region are that one's, nested here or overlapping the edge.
        smaller = [
            regions[k].bbox
            for k in range(len(regions))
            if area[k] < area[i] and overlaps(regions[k].bbox, regions[i].bbox)
        ]
        # Boxes joined into one table leave spacer positions between them, each its own
        # cell (an arrow between two boxes); one ruled table's free positions are its open
        # sides, spanning what no ruling separates.
        table = table_from_cells(
            page,
            regions[i].cells,
            number,
            settings,
            skip=smaller,
            span_unruled=getattr(regions[i], "parts", 1) == 1,
            facts=facts,
        )
        if table is not None:
            for k in children:
                x0, top, x1, bottom = regions[k].bbox
                key = table.origin_at((x0 + x1) / 2, (top + bottom) / 2)
                child = built[k]
                if key is not None and child is not None:
                    table.nested.setdefault(key, []).append(child)
        built[i] = table
    return [
        (regions[i].bbox, built[i])
        for i in range(len(regions))
        if i not in parent and built[i] is not None
    ]


def without_own_grid_parts(regions: list, tol: float) -> list:
    """The regions less those drawn over another's cells, in none of them: a strip of a table's
    own header (its shading, rulings a few points apart) spanning several of its cells is
    that table's, not a table in one of its cells (lh_permanent_rental p.2's 전환보증금 header
    lost '계 · 계약금 · 잔금' and its '(원)'s to such a 3×3 'table' in its 월 임대료 cell)."""
    area = [(r.bbox[2] - r.bbox[0]) * (r.bbox[3] - r.bbox[1]) for r in regions]
    kept = []
    for i, inner in enumerate(regions):
        drawn_over = [
            outer
            for j, outer in enumerate(regions)
            if j != i and area[j] > area[i] and contains(outer.bbox, inner.bbox, tol)
        ]
        if drawn_over and not any(
            contains(cell, inner.bbox, tol) for outer in drawn_over for cell in outer.cells
        ):
            continue
        kept.append(inner)
    return kept


def is_page_number(text: str) -> bool:
    stripped = text.replace(" ", "").strip("-–—")
    return stripped.isdigit() or (stripped.startswith("-") and stripped[1:].isdigit())


def _grid_lines(values: list[float], tolerance: float) -> list[float]:
    lines: list[float] = []
    for v in sorted(values):
        if not lines or v - lines[-1] > tolerance:
            lines.append(v)
    return lines


def _index(lines: list[float], value: float) -> int:
    return min(range(len(lines)), key=lambda i: abs(lines[i] - value))


def _free_rectangle(
    occupied: Collection, row: int, col: int, rows: int, cols: int
) -> tuple[int, int]:
    """The largest rectangle anchored at (row, col), within rows × cols, that no smaller cell
    already holds. A rectangle drawn around others (a missing ruling line) keeps what is left."""
    best = (0, 0)
    for h in range(rows, 0, -1):
        for w in range(cols, 0, -1):
            if h * w <= best[0] * best[1]:
                break
            if all(
                (r, c) not in occupied for r in range(row, row + h) for c in range(col, col + w)
            ):
                best = (h, w)
    return best


class Rulings(NamedTuple):
    """The lines a page draws inside a box, collinear pieces (dashes, dots) joined: horizontal
    ones as (y, x0, x1), vertical ones as (x, top, bottom)."""

    across: list[tuple[float, float, float]]
    down: list[tuple[float, float, float]]

    @classmethod
    def of(
        cls, page, bbox: tuple, settings: PdfSettings, edges: list[tuple] | None = None
    ) -> Rulings:
        """The rulings inside `bbox`; `edges` are the page's `ruling_edges`, when known."""
        x0, top, x1, bottom = bbox
        tol = settings.snap_tolerance
        left, right, above, below = x0 - tol, x1 + tol, top - tol, bottom + tol
        lines = [
            line
            for e_x0, e_x1, e_top, e_bottom, line in (
                ruling_edges(page) if edges is None else edges
            )
            if e_x1 >= left and e_x0 <= right and e_bottom >= above and e_top <= below
        ]
        return cls(*_merged_lines(lines, tol, settings.ruling_join))

    @classmethod
    def everywhere(cls, xs: list[float], ys: list[float]) -> Rulings:
        """Every grid line ruled: each free position a cell of its own."""
        return cls(
            [(y, xs[0], xs[-1]) for y in ys],
            [(x, ys[0], ys[-1]) for x in xs],
        )

    def crosses(self, vertical: bool, at: float, start: float, end: float, tol: float) -> bool:
        """Whether a ruling at `at` runs the whole way from `start` to `end`."""
        lines = self.down if vertical else self.across
        return any(abs(a - at) <= tol and s <= start + tol and e >= end - tol for a, s, e in lines)

    def splits(self, vertical: bool, at: float, middle: float, tol: float) -> bool:
        """Whether a ruling at `at` runs through `middle` (the middle of a grid position's
        side): it separates the positions on either side of it."""
        lines = self.down if vertical else self.across
        return any(abs(a - at) <= tol and s <= middle <= e for a, s, e in lines)


def merged_rulings(
    edges: list[dict], snap: float, join: float
) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """pdfplumber's `merge_edges(edges, snap, snap, join, join)` as `Rulings` reads it:
    horizontal edges as (top, x0, x1), vertical ones as (x0, top, bottom), in its order. The
    same steps on the same floats — snapped to their cluster's average, grouped by line,
    joined along it — on tuples: pdfplumber copies an edge's dict at each step, and a page
    of dotted rules has thousands of edges in every table's box."""
    # (orientation, position across, start, end): a vertical edge's x0, top, bottom.
    lines = [
        ("v", e["x0"], e["top"], e["bottom"])
        if e["orientation"] == "v"
        else ("h", e["top"], e["x0"], e["x1"])
        for e in edges
    ]
    return _merged_lines(lines, snap, join)


def _merged_lines(
    lines: list[tuple], snap: float, join: float
) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """`merged_rulings` of edges given as (orientation, position across, start, end)."""
    if snap > 0:
        lines = _snapped([ln for ln in lines if ln[0] == "v"], snap) + _snapped(
            [ln for ln in lines if ln[0] == "h"], snap
        )
    merged: dict[str, list[tuple[float, float, float]]] = {"h": [], "v": []}
    for (orientation, _), group in itertools.groupby(sorted(lines, key=_line_key), key=_line_key):
        joined = _joined_along(sorted(group, key=itemgetter(2)), join)
        merged[orientation].extend((at, start, end) for _, at, start, end in joined)
    return merged["h"], merged["v"]


def ruling_edges(page) -> list[tuple]:
    """The page's straight edges, in order, as (x0, x1, top, bottom, line): `line` is the edge
    as `_merged_lines` takes it. Made once per page; each table's box filters them."""
    return [
        (
            e["x0"],
            e["x1"],
            e["top"],
            e["bottom"],
            ("v", e["x0"], e["top"], e["bottom"])
            if e["orientation"] == "v"
            else ("h", e["top"], e["x0"], e["x1"]),
        )
        for e in getattr(page, "edges", ())  # stand-ins in tests may draw nothing
        if e.get("orientation") in ("h", "v")  # a slanting curve is no ruling
    ]


def _line_key(line: tuple) -> tuple:
    return line[0], line[1]


def _snapped(lines: list[tuple], tolerance: float) -> list[tuple]:
    """pdfplumber's `snap_objects`: each cluster of positions moved to its average."""
    out: list[tuple] = []
    for cluster in cluster_objects(lines, itemgetter(1), tolerance):
        average = sum(map(itemgetter(1), cluster)) / len(cluster)
        out.extend((o, at + (average - at), s, e) for o, at, s, e in cluster)
    return out


def _joined_along(lines: list[tuple], tolerance: float) -> list[tuple]:
    """pdfplumber's `join_edge_group` on lines sorted by their start."""
    joined = [lines[0]]
    for line in lines[1:]:
        o, at, start, end = joined[-1]
        if line[2] <= end + tolerance:
            if line[3] > end:
                assert line[3] >= start  # as pdfplumber's `resize_object` asserts
                joined[-1] = (o, at, start, line[3])
        else:
            joined.append(line)
    return joined


def split_crossed_cells(
    cell_boxes: list, xs: list[float], ys: list[float], rulings: Rulings, tol: float
) -> list:
    """A cell rectangle that a ruling crosses wall to wall along one of the grid's lines — a
    dotted rule down the middle of a row, which pdfplumber's search leaves out where it does not
    run the table's whole height — is the two cells the page draws."""
    out: list[tuple] = []
    for x0, top, x1, bottom in cell_boxes:
        cuts_x = [
            x for x in xs if x0 + tol < x < x1 - tol and rulings.crosses(True, x, top, bottom, tol)
        ]
        cuts_y = [
            y for y in ys if top + tol < y < bottom - tol and rulings.crosses(False, y, x0, x1, tol)
        ]
        edges_x, edges_y = [x0, *cuts_x, x1], [top, *cuts_y, bottom]
        out.extend(
            (a, b, c, d) for a, c in zip(edges_x, edges_x[1:]) for b, d in zip(edges_y, edges_y[1:])
        )
    return out


def unruled_spans(
    occupied, xs: list[float], ys: list[float], rulings: Rulings, tol: float
) -> dict[tuple[int, int], tuple[int, int]]:
    """The grid positions no cell rectangle holds — a table drawn with open sides, whose label
    column has no rulings of its own ('예산서상 규모' beside six ruled rows) — as cells spanning
    the positions no ruling separates, the way the page shows them. (row, col) → (rows, cols)
    of each, grown right, then down, from its top-left position."""
    taken = set(occupied)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    mid_x = [(a + b) / 2 for a, b in zip(xs, xs[1:])]
    mid_y = [(a + b) / 2 for a, b in zip(ys, ys[1:])]

    def open_right(r: int, c: int) -> bool:  # (r, c) and (r, c + 1) are one cell
        return (r, c + 1) not in taken and not rulings.splits(True, xs[c + 1], mid_y[r], tol)

    def open_below(r: int, c: int) -> bool:  # (r, c) and (r + 1, c) are one cell
        return (r + 1, c) not in taken and not rulings.splits(False, ys[r + 1], mid_x[c], tol)

    out = {}
    for row in range(n_rows):
        for col in range(n_cols):
            if (row, col) in taken:
                continue
            w = 1
            while col + w < n_cols and open_right(row, col + w - 1):
                w += 1
            h = 1
            while (
                row + h < n_rows
                and all(open_below(row + h - 1, c) for c in range(col, col + w))
                and all(open_right(row + h, c) for c in range(col, col + w - 1))
            ):
                h += 1
            out[(row, col)] = (h, w)
            taken.update((r, c) for r in range(row, row + h) for c in range(col, col + w))
    return out


_FIGURE_RE = re.compile(r"^[△▲-]?\(?[\d,.]+\)?%?$|^[-–]$")


def split_unruled_rows(
    page, cell_boxes: list, tolerance: float, by_centre: CharsByCentre | None = None
) -> list:
    """Rows drawn without their horizontal rulings (dotted lines a PDF export drops) come out
    as one rectangle per column holding a stack of figures. Where two or more columns of one
    row hold the same number of figures, line for line at the same heights, each line is a row:
    the rectangles of that row are cut between the lines. Prose that merely wraps is left."""
    # Chars by vertical centre, so each rectangle looks at its own band only.
    by_centre = by_centre or CharsByCentre(page.chars)
    chars = by_centre.chars
    bands: dict[tuple[float, float], list] = {}
    for box in cell_boxes:
        bands.setdefault((round(box[1], 1), round(box[3], 1)), []).append(box)
    cuts: dict[tuple[float, float], list[float]] = {}
    for band, boxes in bands.items():
        stacks = []
        stacked_labels = 0  # text cells of the band that hold several lines too
        for x0, top, x1, bottom in boxes:
            inside = [chars[i] for _, cx, i in by_centre.band(top, bottom) if x0 <= cx <= x1]
            lines = line_centres(inside)
            if len(lines) >= 2 and all(_FIGURE_RE.match(t.replace(" ", "")) for _, t in lines):
                stacks.append([centre for centre, _ in lines])
            elif len(lines) >= 2:
                stacked_labels += 1
        if not stacked_labels:
            continue  # one label over an amount and its share '(47.8)': one row, two lines
        for stack in stacks:
            aligned = [
                other
                for other in stacks
                if len(other) == len(stack)
                and all(abs(a - b) <= tolerance for a, b in zip(stack, other))
            ]
            if len(aligned) >= 2:
                cuts[band] = [(a + b) / 2 for a, b in zip(stack, stack[1:])]
                break
    if not cuts:
        return list(cell_boxes)
    out: list[tuple] = []
    for x0, top, x1, bottom in cell_boxes:
        band_cuts = cuts.get((round(top, 1), round(bottom, 1)))
        edges = [top] + (band_cuts or []) + [bottom]
        out.extend((x0, a, x1, b) for a, b in zip(edges, edges[1:]))
    return out


def table_from_cells(
    page,
    cell_boxes,
    number: int,
    settings: PdfSettings,
    *,
    skip: Sequence[tuple] = (),
    span_unruled: bool = True,
    facts: PageFacts | None = None,
) -> Table | None:
    """Cell rectangles → a Table whose spans count the grid lines each rectangle crosses.

    Smaller rectangles are placed first, so a rectangle that pdfplumber drew around others
    keeps only the positions left free. Positions no rectangle holds span what the page's
    rulings leave open (`unruled_spans`), or, with `span_unruled` off, are 1×1 cells each.
    Each char goes to the cell whose grid area holds its centre.
    """
    tol = settings.snap_tolerance
    facts = facts or PageFacts(page, settings)
    cell_boxes = split_unruled_rows(
        page, cell_boxes, settings.unruled_rows_tolerance, facts.by_centre
    )
    xs = _grid_lines([b[0] for b in cell_boxes] + [b[2] for b in cell_boxes], tol)
    ys = _grid_lines([b[1] for b in cell_boxes] + [b[3] for b in cell_boxes], tol)
    if len(xs) < 2 or len(ys) < 2:
        return None
    rulings = (
        Rulings.of(page, (xs[0], ys[0], xs[-1], ys[-1]), settings, facts.edges)
        if span_unruled
        else None
    )
    if rulings is not None:
        cell_boxes = split_crossed_cells(cell_boxes, xs, ys, rulings, tol)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    occupied: dict[tuple[int, int], tuple[int, int]] = {}
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for x0, top, x1, bottom in sorted(cell_boxes, key=lambda b: (b[2] - b[0]) * (b[3] - b[1])):
        col, col_end = _index(xs, x0), _index(xs, x1)
        row, row_end = _index(ys, top), _index(ys, bottom)
        if col_end <= col or row_end <= row or (row, col) in occupied:
            continue
        h, w = _free_rectangle(occupied.keys(), row, col, row_end - row, col_end - col)
        if not h:
            continue
        spans[(row, col)] = (h, w)
        for r in range(row, row + h):
            for c in range(col, col + w):
                occupied[(r, c)] = (row, col)
    if len(occupied) < n_rows * n_cols:
        rulings = rulings or Rulings.everywhere(xs, ys)
        for (row, col), (h, w) in unruled_spans(occupied.keys(), xs, ys, rulings, tol).items():
            spans[(row, col)] = (h, w)
            for r in range(row, row + h):
                for c in range(col, col + w):
                    occupied[(r, c)] = (row, col)
    chars_by_cell: dict[tuple[int, int], list] = {}
    chars = facts.by_centre.chars  # the indexes below are into its own list
    for k in facts.by_centre.indexes_in(ys[0], ys[-1]):  # the grid's band of the page
        ch = chars[k]
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        if not (xs[0] <= cx <= xs[-1] and ys[0] <= cy <= ys[-1]):
            continue
        if any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in skip):
            continue  # a nested table's
        c = max(0, min(bisect.bisect_right(xs, cx) - 1, n_cols - 1))
        r = max(0, min(bisect.bisect_right(ys, cy) - 1, n_rows - 1))
        chars_by_cell.setdefault(occupied[(r, c)], []).append(ch)
    cells = []
    nested: dict[tuple[int, int], list[Table]] = {}
    fills = fills_over(facts.fills, (xs[0], ys[0], xs[-1], ys[-1]))
    spacing = facts.spacing
    # Each cell's lines, found once: their widths say what each column holds.
    found = {k: visual_lines(v, settings.line_tolerance) for k, v in chars_by_cell.items()}
    columns_say = ColumnLines(found, spans)
    for (row, col), (h, w) in sorted(spans.items()):
        inside = chars_by_cell.get((row, col)) or []
        columns = text_columns(inside, settings)
        if columns:
            nested[(row, col)] = [
                Table(
                    cells=[Cell(0, i, _cell_text(group)) for i, group in enumerate(columns)],
                    n_rows=1,
                    n_cols=len(columns),
                    page=number,
                )
            ]
            inside = []
            found[(row, col)] = []
        fill = cell_fill(fills, (xs[col], ys[row], xs[col + w], ys[row + h]), settings.fill_share)
        text, types = cell_lines(
            inside,
            (xs[col], xs[col + w]),
            spacing,
            settings.line_tolerance,
            functools.partial(columns_say.of, (col, w)),
            found.get((row, col)),
            settings.centre_tolerance,
        )
        cells.append(
            Cell(row=row, col=col, text=text, rowspan=h, colspan=w, fill=fill, line_types=types)
        )
    return Table(
        cells=cells,
        n_rows=n_rows,
        n_cols=n_cols,
        page=number,
        nested=nested,
        x_edges=[round(x, 1) for x in xs],
        y_edges=[round(y, 1) for y in ys],
    )


def filled_rects(page) -> list[tuple[tuple[float, float, float, float], str]]:
    """(bbox, colour) of the page's painted, non-white rectangles, in drawing order: Hancom's
    export paints a cell's background as a rectangle of the cell's size under its text."""
    out = []
    for rect in getattr(page, "rects", ()):  # stand-ins in tests may draw nothing
        if rect.get("fill"):
            colour = shading.from_pdf_colour(rect.get("non_stroking_color"))
            if colour is not None:
                out.append(((rect["x0"], rect["top"], rect["x1"], rect["bottom"]), colour))
    return out


def fills_over(fills: list, box: tuple[float, float, float, float]) -> list:
    """The fills (in drawing order) that overlap `box`: only they can be the background of a
    cell inside it, by `cell_fill`'s own measure of overlap."""
    x0, top, x1, bottom = box
    return [
        fill
        for fill in fills
        if min(x1, fill[0][2]) - max(x0, fill[0][0]) > 0
        and min(bottom, fill[0][3]) - max(top, fill[0][1]) > 0
    ]


def cell_fill(fills: list, box: tuple[float, float, float, float], share: float) -> str | None:
    """The colour of the last-painted rectangle that is this cell's background: it covers
    most of the cell and lies mostly inside it (a ruling drawn as a thin filled box, or a
    frame behind the whole table, is not)."""
    x0, top, x1, bottom = box
    area = (x1 - x0) * (bottom - top)
    found = None
    for (rx0, rtop, rx1, rbottom), colour in fills:
        if rx1 <= x0 or rx0 >= x1 or rbottom <= top or rtop >= bottom:
            continue  # beside the cell: no overlap, as the sums below would find
        width = min(x1, rx1) - max(x0, rx0)
        height = min(bottom, rbottom) - max(top, rtop)
        if width <= 0 or height <= 0 or area <= 0:
            continue
        overlap = width * height
        rect_area = (rx1 - rx0) * (rbottom - rtop)
        if overlap >= share * area and overlap >= share * rect_area:
            found = colour
    return found


# What starts a new paragraph, not the rest of a wrapped one: a bullet, a note mark, '1.', '가)'.
_PARAGRAPH_START_RE = re.compile(
    r"^(?:[ㅇ○◦●◎◆◇□■▪▫▶▷►➢➤✓✔※*•·‧ㆍ∙\-–—]|\d{1,2}[.)]\s|"
    r"[가-하][.)]\s|\(\d{1,2}\)|[①-⑳])"
)


def wrap_space_fonts(page, line_tolerance: float) -> frozenset:
    """Fonts whose lines end in a printed space where they wrap between words, as Hancom's
    export draws them: in those, a line that ends without one was broken inside a word. (Other
    producers drop that space, and their breaks say nothing.)"""
    fonts = set()
    for line in cluster_objects(page.chars, lambda c: c["top"], line_tolerance):
        line = sorted(line, key=lambda c: c["x0"])
        for ch, after in zip(line, line[1:] + [None]):
            if ch["text"] == " " and (after is None or after["x0"] - ch["x1"] > 2 * ch["size"]):
                fonts.add(ch["fontname"])
    return frozenset(fonts)


def _cell_text(
    chars: list,
    box: tuple[float, float] | None = None,
    spacing: frozenset = frozenset(),
    line_tolerance: float = DEFAULT_SETTINGS.line_tolerance,
) -> str:
    """A cell's text, line by line. Hancom wraps a cell's lines at any syllable, so a line
    break is no word break of itself: where a line runs to the cell's edge — the next line's
    first char would not have fitted — and its font prints its spaces (`spacing`) but none
    ends the line, the next line goes on the same word. Other breaks stay line breaks."""
    if not chars:
        return ""
    if box is None:
        return tab_leaders(chars_to_text(chars).strip())
    return cell_lines(chars, box, spacing, line_tolerance)[0]


class ColumnLines:
    """What the lines printed in each column span of a table, (col, colspan), show: the widest
    (at least what a cell of that column holds on one line, pt) and the leftmost start (where
    the column's padding ends, at most). Measured on first asking: most cells never ask."""

    def __init__(self, lines_by_cell: dict[tuple[int, int], list], spans: dict) -> None:
        self.lines_by_cell, self.spans = lines_by_cell, spans
        self.known: dict[tuple[int, int], tuple[float, float]] = {}

    def of(self, column: tuple[int, int]) -> tuple[float, float]:
        if column not in self.known:
            extents = [
                (inked[0]["x0"], inked[-1]["x1"])
                for (row, col), lines in self.lines_by_cell.items()
                if (col, self.spans[(row, col)][1]) == column
                for line, _ in lines
                if (inked := [c for c in line if c["text"].strip()])
            ]
            self.known[column] = (
                max((x1 - x0 for x0, x1 in extents), default=0.0),
                min((x0 for x0, _ in extents), default=math.inf),
            )
        return self.known[column]


def cell_lines(
    chars: list,
    box: tuple[float, float],
    spacing: frozenset = frozenset(),
    line_tolerance: float = DEFAULT_SETTINGS.line_tolerance,
    column_lines: Callable[[], tuple[float, float]] | None = None,
    found: list[tuple[list, bool]] | None = None,
    centre_tolerance: float = DEFAULT_SETTINGS.centre_tolerance,
) -> tuple[str, tuple[tuple[float, int] | None, ...] | None]:
    """A cell's text (as `_cell_text`) and the type each of its lines is set in.
    `column_lines`: the widest line printed in the cell's column and the leftmost start of
    any (`ColumnLines`); `found`: its `visual_lines`, where the caller has them."""
    if not chars:
        return "", None
    if found is None:
        found = visual_lines(chars, line_tolerance)
    lines, joined = [line for line, _ in found], [j for _, j in found]
    inked = [[c for c in line if c["text"].strip()] for line in lines]
    pad = (
        max(0.0, min(min(line[0]["x0"] for line in inked if line) - box[0], 8.0))
        if any(inked)
        else 0.0
    )

    # Lines centred in the cell: a line ran to the edge when the next char would not have
    # fitted beside it in the room the cell's column holds — its widest line, of any of its
    # cells — whatever the line's own left end ('문화예술' over '체육활동' in a column whose
    # lines hold five syllables: LibreOffice's PDF of the seed, p.18).
    def room() -> float | None:
        widest, leftmost = column_lines() if column_lines else (0.0, math.inf)
        if not _lines_centred(inked, box, centre_tolerance, leftmost):
            return None
        own = max(line[-1]["x1"] - line[0]["x0"] for line in inked if line)
        return max(own, widest)

    text = ""
    types: list[tuple[float, int] | None] = []
    for k, line in enumerate(lines):
        piece = _line_text(line, joined[k], line_tolerance)
        if not piece:
            continue
        if not text:
            types.append(line_type(line))
        else:
            right = box[1] - pad
            between = (
                ""
                if figure_goes_on(text, piece) or _dot_goes_on(text, piece)
                else _line_break(lines[k - 1], inked[k - 1], inked[k], piece, right, spacing, room)
            )
            text += between
            if between:  # a line of its own, unless the document joins an EDGE_BREAK
                types.append(line_type(line))
        text += piece
    return tab_leaders(text), tuple(types)


# A grouped figure cut short inside its last group at a line's end ('1,078,02', '1,0') and the
# digits that complete the group at the next line's start ('8', '78,028'). Not one cut at a
# comma: '101,102,' over '107' is a list of buildings (lh_permanent_rental_notice_2022 p.9).
_CUT_FIGURE_RE = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})*,(?P<part>\d{1,2})$")
_FIGURE_REST_RE = re.compile(r"^(?P<rest>\d{1,3})(?![\d.])")


def figure_goes_on(text: str, following: str) -> bool:
    """Whether a figure a narrow cell wrapped goes on into the next line: a bold 합계 amount
    printed '1,078,02' over '8' (LibreOffice's PDF of the seed, p.9) is 1,078,028, not two
    figures. Only a last group cut short, and the digits that make it three: a figure over
    another, each whole ('342,000' over '240,480'), stays two lines."""
    cut = _CUT_FIGURE_RE.search(text)
    if cut is None:
        return False
    rest = _FIGURE_REST_RE.match(following)
    return rest is not None and len(cut.group("part")) + len(rest.group("rest")) == 3


# A middle dot between two words of a name ('경영·관리'), of any of the forms reports print,
# and a hyphen ('기획-평가').
_JOINING_MARKS = "·・･‧ㆍ-"


def _dot_goes_on(text: str, following: str) -> bool:
    """Whether a cell line ending in a middle dot or a hyphen after a word goes on into the
    next line's word: the mark joins two words ('학교 경영·' over '관리 역량강화', '연수 기획-'
    over '평가체 제', LibreOffice's PDF of the seed), never with a space between."""
    return (
        len(text) >= 2
        and text[-1] in _JOINING_MARKS
        and text[-2].isalnum()
        and bool(following)
        and following[0].isalnum()
    )


def visual_lines(chars: list, tolerance: float) -> list[tuple[list, bool]]:
    """Chars in lines, each left to right, with whether it was joined: clustered by their
    tops, then a cluster that goes on the one above — set smaller, on its baseline (bottoms
    within `tolerance`), right beside it — joined to it: a figure set smaller on the line's
    baseline ('제고(57억원)', nikl_2022_work_plan.pdf p.8) starts lower than the line's top."""
    tops = [c["top"] for c in chars]
    if tops and max(tops) <= min(tops) + tolerance and math.isfinite(sum(tops)):
        # One line: the one cluster `cluster_objects` would make (chars in their order).
        return [(sorted(chars, key=lambda c: c["x0"]), False)]
    lines: list[list] = []
    joined: list[bool] = []
    for line in cluster_objects(chars, lambda c: c["top"], tolerance):
        if lines and _goes_on(lines[-1], line, tolerance):
            lines[-1], joined[-1] = lines[-1] + line, True
        else:
            lines.append(line)
            joined.append(False)
    return [(sorted(line, key=lambda c: c["x0"]), j) for line, j in zip(lines, joined)]


def _line_text(line: list, joined: bool, tolerance: float) -> str:
    """A visual line's text: one `visual_lines` joined is one line, however far apart its tops;
    a cluster of chained tops is the lines pdfplumber makes of it."""
    if not joined:
        return chars_to_text(line).strip()
    spread = max(c["top"] for c in line) - min(c["top"] for c in line)
    return chars_to_text(line, y_tolerance=spread + tolerance).strip()


# pdfplumber's word extractor at its default settings, made once: it keeps no state between calls.
_WORD_EXTRACTOR = WordExtractor()


def chars_to_text(chars: list, y_tolerance: float | None = None) -> str:
    """pdfplumber's `extract_text(chars, layout=False, y_tolerance=…)`, its own steps — words
    by its word extractor, lines of them by `cluster_objects` on their tops, joined — without
    a new extractor for each call, nor the map of each char of the text back to itself it makes
    and reads back as the text (left to right, top to bottom, it is the text). `y_tolerance`
    None is pdfplumber's default."""
    if not chars:
        return ""
    extractor = _WORD_EXTRACTOR if y_tolerance is None else WordExtractor(y_tolerance=y_tolerance)
    lines = cluster_objects(extractor.extract_words(chars), _top, extractor.y_tolerance)
    return "\n".join(" ".join(word["text"] for word in line) for line in lines)


def _top(obj: dict) -> float:
    return obj["top"]


def _goes_on(above: list, line: list, tolerance: float) -> bool:
    if abs(max(c["bottom"] for c in line) - max(c["bottom"] for c in above)) > tolerance:
        return False
    inked = [c for c in line if c["text"].strip()]
    inked_above = [c for c in above if c["text"].strip()]
    if not inked or not inked_above:
        return False
    if max(c["size"] for c in inked) >= min(c["size"] for c in inked_above):
        return False  # not set smaller than the line: a line (or a label) of its own
    x0, x1 = min(c["x0"] for c in inked), max(c["x1"] for c in inked)
    a_x0, a_x1 = min(c["x0"] for c in inked_above), max(c["x1"] for c in inked_above)
    reach = max(c["size"] for c in inked)  # a space at most between the two
    return a_x1 - tolerance <= x0 <= a_x1 + reach or a_x0 - reach <= x1 <= a_x0 + tolerance


# Between two lines of a cell where the first ran to the cell's edge inside what may be one
# word, in a font that does not say (prints no space where it wraps between words): a browser
# or word processor wrapping Korean at any syllable. `resolve_edge_breaks` decides, once the
# whole document is read, from how the document itself writes the word. A noncharacter: no
# file's text holds it.
EDGE_BREAK = "\ufdd0"
# The same, in a font that prints a space where its page wraps between words: one word, unless
# the document writes the two pieces apart (LibreOffice prints the space at some wraps and not
# at others: 'OO 및' over '진로지도' in a cell, where the text has '및 진로지도').
FONT_BREAK = "\ufdd1"
# Either, after a line centred in its cell that would have held the next char (the room its
# column's widest line shows): a producer that wraps only between words ended a word there
# ('문화예술' over '체육활동', four syllables in a column of five: LibreOffice's PDF of the
# seed); one that wraps at any syllable may not have (Hancom condenses a line to fit, so its
# widths hold less than they measure: motie's '[실집' over '행액]').
EDGE_SLACK = "\ufdd2"
FONT_SLACK = "\ufdd3"
BREAKS = (EDGE_BREAK, FONT_BREAK, EDGE_SLACK, FONT_SLACK)
_UNSLACK = str.maketrans({EDGE_SLACK: EDGE_BREAK, FONT_SLACK: FONT_BREAK})
_ANY_BREAK = str.maketrans(dict.fromkeys(BREAKS, "\n"))


def _lines_centred(
    inked: list[list], box: tuple[float, float], tolerance: float, leftmost: float
) -> bool:
    """Whether a cell's lines are centred in it: two or more, each with its middle at the
    cell's, and not all starting where its column's padding ends (`leftmost`, the first x of
    any line of the column): left-aligned lines that fill the cell look centred too."""
    lines = [line for line in inked if line]
    if len(lines) < 2:
        return False
    middle = (box[0] + box[1]) / 2
    starts = [line[0]["x0"] for line in lines]
    return (max(starts) - min(starts) > 1.0 or min(starts) > leftmost + 1.0) and all(
        abs((line[0]["x0"] + line[-1]["x1"]) / 2 - middle) <= tolerance for line in lines
    )


def _line_break(
    line: list,
    inked: list,
    following: list,
    following_text: str,
    right: float,
    spacing: frozenset,
    room: Callable[[], float | None] | None = None,
) -> str:
    """What goes between two lines of a cell: a line break, or an EDGE_BREAK or FONT_BREAK (or
    their SLACK forms) for the document to decide. `room`: the width the cell holds if its lines
    are centred (else None), asked only of a line that ran to its edge."""
    if not _wraps_at_edge(line, inked, following, following_text, right):
        return "\n"
    font = inked[-1]["fontname"] in spacing
    holds = room() if room is not None else None
    if holds is not None and not _wraps_at_edge(
        line, inked, following, following_text, inked[0]["x0"] + holds
    ):
        return FONT_SLACK if font else EDGE_SLACK
    return FONT_BREAK if font else EDGE_BREAK


def resolve_edge_breaks(blocks: list, settings: PdfSettings = DEFAULT_SETTINGS) -> list:
    """Each EDGE_BREAK made one word or a line break, as the document writes its words.

    First, whether this document's producer wraps inside words at all: one that wraps only
    between words (reportlab, a word processor set to wrap at spaces) gives breaks whose two
    pieces the document hardly ever writes as one word; a browser wrapping Korean at any
    syllable gives many whose joined word the document writes elsewhere ('자격연' over '수',
    where the text has '자격연수'). Only in the second are breaks joined: where the document
    writes the two pieces as one word more often than apart, or, writing neither, the end of
    the first piece with the second ('연수' more often than '연 수', for '조성연' over '수');
    '직종별' over '기본교육' stays two words, as nowhere is '직종별기본교육' written."""
    tables = [t for t in _all_tables(blocks) if any(b in c.text for c in t.cells for b in BREAKS)]
    paragraphs = [b for b in blocks if isinstance(b, Paragraph) and EDGE_BREAK in b.text]
    if not (tables or paragraphs):
        return blocks
    # A FONT_BREAK is counted as the one word its font says it is.
    written = TextCounts(
        "\n".join(_all_texts(blocks))
        .translate(_UNSLACK)
        .replace(EDGE_BREAK, "\n")
        .replace(FONT_BREAK, "")
    )

    def pieces_of(text: str, mark: str = EDGE_BREAK) -> list[tuple[str, str] | None]:
        parts = text.split(mark)
        found: list[tuple[str, str] | None] = []
        for left, right in zip(parts, parts[1:]):
            found.append(_word_pair(left, right))
        return found

    @functools.cache
    def more_joined(before: str, after: str) -> int:
        """1 joined, 0 apart, -1 neither written. Cached: a table's header breaks the same
        words on every page it is printed."""
        joined, spaced = written.count(before + after), written.count(f"{before} {after}")
        return -1 if not (joined or spaced) else int(joined > spaced)

    def wraps_inside_words(texts: list[str]) -> bool:
        breaks = [p for text in texts for p in pieces_of(text) if p]
        whole = sum(more_joined(*p) == 1 for p in breaks)
        return whole >= settings.edge_break_min_words and whole >= settings.edge_break_share * len(
            breaks
        )

    # Cells' breaks and the page text's are told apart: a producer may wrap the one inside
    # words and the other only between them (nikl's cells, and its text, which prints no
    # space where it wraps between words).
    inside_words = wraps_inside_words([c.text.translate(_UNSLACK) for t in tables for c in t.cells])

    @functools.cache
    def others() -> TextCounts:
        """The document's words without the breaks being decided, which, counted joined, would
        vote for themselves ('생애단계별' over '맞춤식' in two cells against the heading's one
        '생애단계별 맞춤식'). A cell's line break where its line stopped short of the edge is a
        space: the word ended there."""
        texts = [c.text.replace("\n", " ") for t in _all_tables(blocks) for c in t.cells]
        texts += [b.text for b in blocks if isinstance(b, Paragraph)]
        return TextCounts(
            "\n".join(texts).translate(_UNSLACK).replace(EDGE_BREAK, "\n").replace(FONT_BREAK, "\n")
        )

    def one_word(pair: tuple[str, str] | None, line: str) -> bool:
        if not pair:
            return False
        if not inside_words:
            # A producer that wraps between words still breaks a word longer than the line:
            # a line of one word that ran to the edge goes on into the next where the rest of
            # the document writes the two as one ('교육행정직' over '원', '수요자맞춤' over '형').
            # A figure is no such word: '2024' over '계획' heads a column. A syllable alone goes
            # on where the document joins it to the word's end ('맞춤형'); a longer piece may be a
            # word of its own, joined only where the whole line's word is written with it:
            # '분석보고서' over '제작' stays two words where the document writes '보고서제작' only.
            ends = len(pair[1]) == 1
            return line.strip().isalpha() and pieces_verdict(pair, others(), ends) == 1
        before, after = pair
        for start in range(len(before)):  # the whole word first, then ever shorter ends of it
            verdict = more_joined(before[start:], after)
            if verdict >= 0:
                return bool(verdict)
        return False

    def font_word(pair: tuple[str, str] | None) -> bool:
        """A FONT_BREAK is one word but where the document writes its pieces apart, the whole
        first word first, then ever shorter ends of it."""
        if pair is None:
            return True
        before, after = pair
        for start in range(len(before)):
            verdict = more_joined(before[start:], after)
            if verdict >= 0:
                return bool(verdict)
        return True

    # Whether this producer's fonts say it: Hancom's export prints the space wherever it wraps
    # between words, so the document hardly ever writes a FONT_BREAK's pieces apart (the
    # corpus's Hancom PDFs: 0 to 10%, nikl 2 of 70); LibreOffice prints it at some wraps only,
    # and the document writes many apart (its PDF of the seed: 15 of 42). Where the fonts say
    # it, every FONT_BREAK is one word, as before; else each is one word unless written apart.
    font_pairs = [
        p
        for t in tables
        for c in t.cells
        for p in pieces_of(c.text.translate(_UNSLACK).replace(EDGE_BREAK, "\n"), FONT_BREAK)
    ]
    contradicted = sum(not font_word(p) for p in font_pairs)
    fonts_say = contradicted <= settings.font_break_doubt * len(font_pairs)

    def written_word(pair: tuple[str, str] | None) -> bool:
        """Where the fonts do not say, a FONT_BREAK is one word where the rest of the
        document writes its pieces together, their longest ends it writes at all first, and
        two where it writes them apart ('진로지도' over '지원연수': the heading writes '진로지도
        지원 연수'). Written neither way, it is as the producer wraps: one word where it wraps
        inside words, else two ('옆반' over '정보부장', an item's name written only there)."""
        if pair is None:
            return True
        verdict = pieces_verdict(pair, others())
        return verdict == 1 or (verdict == -1 and inside_words)

    def decide(cell: Cell) -> Cell:
        # The text between breaks, and each break's mark: [text, mark, text, mark, text, …].
        split = _BREAK_RE.split(cell.text)
        parts, marks = split[0::2], split[1::2]
        joins = []
        for k, mark in enumerate(marks):
            pair = _word_pair(parts[k], parts[k + 1])
            line = parts[k].rsplit("\n", 1)[-1]
            if mark == FONT_BREAK:
                joins.append(fonts_say or written_word(pair))
            elif mark == FONT_SLACK:  # a word ended there, unless the fonts say otherwise
                joins.append(fonts_say)
            elif mark == EDGE_SLACK:
                joins.append(inside_words and one_word(pair, line))
            else:
                joins.append(one_word(pair, line))
        out = parts[0]
        for joined, part in zip(joins, parts[1:]):
            out += ("" if joined else "\n") + part
        types = _joined_types(cell.text, joins, cell.line_types)
        return replace(cell, text=out, line_types=types)

    changed = {
        id(t): replace(
            t, cells=[decide(c) if any(b in c.text for b in BREAKS) else c for c in t.cells]
        )
        for t in tables
    }
    blocks = [_with_tables(b, changed) for b in blocks]
    if not paragraphs:
        return blocks

    def text_verdict(pair: tuple[str, str]) -> int:
        """A line of running text broke inside a word when the document writes the word's
        pieces together ('배' over '분되는', where the page writes '배분' twice and '배 분'
        never)."""
        return pieces_verdict(pair, written)

    pairs = [p for block in paragraphs for p in pieces_of(block.text) if p]
    whole = sum(text_verdict(p) == 1 for p in pairs)
    # As for cells, first whether the producer breaks words at all; then each break.
    text_inside_words = (
        whole >= settings.edge_break_min_words and whole >= settings.edge_break_share * len(pairs)
    )
    out: list = []
    for block in blocks:
        if not (isinstance(block, Paragraph) and EDGE_BREAK in block.text):
            out.append(block)
            continue
        # Each printed line stays a paragraph of its own (the rules measure printed lines); one
        # the document joins to the next says its word goes on there.
        parts = block.text.split(EDGE_BREAK)
        joins = [
            text_inside_words and pair is not None and text_verdict(pair) == 1
            for pair in pieces_of(block.text)
        ]
        out.extend(
            replace(block, text=part, word_goes_on=k < len(joins) and joins[k])
            for k, part in enumerate(parts)
        )
    return out


def pieces_verdict(pair: tuple[str, str], written: TextCounts, ends: bool = True) -> int:
    """How `written` writes a break's two pieces: the longest end of the first with the longest
    start of the second it writes at all, together more often than apart (1), else (0); -1
    when it writes none. `ends` False: the first piece whole, never an end of it."""
    before, after = pair
    for start in range(len(before) if ends else 1):
        for end in range(len(after), 0, -1):
            if len(before) - start + end < 2:
                continue
            joined = written.count(before[start:] + after[:end])
            spaced = written.count(f"{before[start:]} {after[:end]}")
            if joined or spaced:
                return int(joined > spaced)
    return -1


# What the words `resolve_edge_breaks` looks for are made of: word chars, an opening bracket and
# the space between two words. Nothing it counts runs across any other char.
_WORDS_RUN = re.compile(r"[\w( ]+")


class TextCounts:
    """`text.count(piece)` for many pieces, each from the few stretches of the text it can
    be in rather than a scan of the whole text. The text is cut at every char no word holds
    (`_WORDS_RUN`): a piece made of word chars, brackets and spaces lies inside one stretch,
    and the count of non-overlapping occurrences, left to right, is the sum of each
    stretch's. Each distinct stretch is indexed by the chars it holds; a piece is looked for
    in the stretches holding its rarest char."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.stretches = list(Counter(_WORDS_RUN.findall(text)).items())
        self.holding: dict[str, list[int]] = {}
        for k, (stretch, _) in enumerate(self.stretches):
            for ch in set(stretch):
                self.holding.setdefault(ch, []).append(k)

    def count(self, piece: str) -> int:
        if not piece or _WORDS_RUN.fullmatch(piece) is None:
            return self.text.count(piece)  # a piece that may cross stretches: the whole text
        rarest = min((self.holding.get(ch, ()) for ch in set(piece)), key=len)
        return sum(
            times * stretch.count(piece) for stretch, times in (self.stretches[k] for k in rarest)
        )


def _joined_types(text: str, joins: list[bool], types: tuple | None) -> tuple | None:
    """A cell's line types less those of the lines its EDGE_BREAKs joined to the line before
    (`types` has one per line between line breaks and EDGE_BREAKs)."""
    if types is None:
        return None
    line, k, dropped = 0, 0, set()
    for ch in text:
        if ch == "\n" or ch in BREAKS:
            line += 1
        if ch in BREAKS:
            if joins[k]:
                dropped.add(line)
            k += 1
    return tuple(t for i, t in enumerate(types) if i not in dropped)


_BREAK_RE = re.compile(f"({'|'.join(BREAKS)})")


def _word_pair(left: str, right: str) -> tuple[str, str] | None:
    """The word `left` ends with and the one `right` begins with, or None."""
    before, after = _WORD_END.search(left), _WORD_START.match(right)
    return (before.group(), after.group()) if before and after else None


# The word a line ends with and the one the next begins with (a bracket opening it kept).
_WORD_END = re.compile(r"\w+$")
_WORD_START = re.compile(r"\(?\w+")


def _all_tables(blocks: list) -> Iterator[Table]:
    for block in blocks:
        if isinstance(block, Table):
            yield block
            for inner in block.nested.values():
                yield from _all_tables(inner)


def _all_texts(blocks: list) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Table):
            yield from (c.text for c in block.cells)
            for inner in block.nested.values():
                yield from _all_texts(inner)
        else:
            yield block.text


def _with_tables(block, changed: dict[int, Table]):
    """`block` with the tables in `changed` (by id) put in, nested ones too."""
    if not isinstance(block, Table):
        return block
    table = changed.get(id(block), block)
    if not table.nested:
        return table
    nested = {key: [_with_tables(t, changed) for t in inner] for key, inner in table.nested.items()}
    return replace(table, nested=nested)


def _word_char(text: str) -> bool:
    return _is_syllable(text) or text.isascii() and text.isalnum()


def _wraps_at_edge(
    line: list, inked: list, following: list, following_text: str, right: float
) -> bool:
    """Whether `line` broke off at the cell's edge where `following` may carry on its word: it
    ends in no space, between word chars, and the next line's first char would not have fitted
    on it. (Whether the word goes on is then the font's or the document's to say.)"""
    if not inked or not following or line[-1]["text"].isspace():
        return False
    last, first = inked[-1], following[0]
    if _PARAGRAPH_START_RE.match(following_text):
        return False
    if line_type(inked) != line_type(following):
        return False  # a bold title's line, then the text under it: two paragraphs
    if not (_word_char(last["text"]) and (_word_char(first["text"]) or first["text"] == "(")):
        return False  # a page number, a closing bracket, a mark: the end of a paragraph
    if last["text"].isdigit() and not _is_syllable(first["text"]):
        return False  # a figure over another, or over its share '(100%)', one per line
    return last["x1"] + 0.8 * (first["x1"] - first["x0"]) > right


def text_columns(chars: list, settings: PdfSettings) -> list[list] | None:
    """A cell holding a table without rulings (a table nested in the cell, its columns centred)
    prints as lines that run across the columns. Its columns are the x-ranges split where no
    word of any line crosses, every line has words on both sides, and some line leaves a wide
    gap; each column has words on every line (a heading's second word over nothing is no
    column), centred on one axis. Returns the chars of each column, or None for ordinary
    text."""
    if _one_line_of_words(chars):
        return None  # below any `column_min_lines` (at least 2)
    words = extract_words(chars, x_tolerance=1.5) if chars else []
    lines = group_lines(words, tolerance=2)
    if len(lines) < settings.column_min_lines:
        return None
    cuts: list[tuple[float, float]] = []  # (x, narrowest gap of a line there)
    reach = min(w["x0"] for w in words)
    for word in sorted(words, key=lambda w: w["x0"]):
        gaps = _gaps_at(reach, word["x0"], lines) if word["x0"] > reach + 0.5 else None
        if gaps and max(gaps) >= settings.column_min_gap:
            cuts.append(((reach + word["x0"]) / 2, min(gaps)))
        reach = max(reach, word["x1"])
    while cuts:
        bounds = [float("-inf")] + [x for x, _ in cuts] + [float("inf")]
        empty = next(
            (
                i
                for i, (a, b) in enumerate(zip(bounds, bounds[1:]))
                if any(not any(a <= (w["x0"] + w["x1"]) / 2 < b for w in line) for _, line in lines)
            ),
            None,
        )
        if empty is None:
            if not all(
                _centred(lines, a, b, settings.column_centre_tolerance)
                for a, b in zip(bounds, bounds[1:])
            ):
                return None  # 'label : value' lines aligned at the colon are text
            return [
                [c for c in chars if a <= (c["x0"] + c["x1"]) / 2 < b]
                for a, b in zip(bounds, bounds[1:])
            ]
        # Merge the column lacking a line into its neighbour across the weaker cut.
        beside = [i for i in (empty - 1, empty) if 0 <= i < len(cuts)]
        del cuts[min(beside, key=lambda i: cuts[i][1])]
    return None


def _one_line_of_words(chars: list) -> bool:
    """Whether the words of `chars` make one line in `text_columns`' `group_lines` (centres
    within 2 pt): a word's centre, half its top (the least of its chars' tops) and bottom (the
    greatest of their bottoms), lies between the least and the greatest those could make. A
    margin of 0.05 pt keeps float rounding out of it. A cell's figure or label is one line, and
    makes no words then."""
    if not chars:
        return False
    tops = [c["top"] for c in chars]
    bottoms = [c["bottom"] for c in chars]
    spread = (max(tops) + max(bottoms)) - (min(tops) + min(bottoms))
    return spread < 3.9 and math.isfinite(sum(tops) + sum(bottoms))


def _centred(lines: list, left: float, right: float, tolerance: float) -> bool:
    """Whether a column's lines (its words between left and right) share one centre, as the
    cells of a centred table do."""
    centres = []
    for _, words in lines:
        inside = [w for w in words if left <= (w["x0"] + w["x1"]) / 2 < right]
        centres.append((min(w["x0"] for w in inside) + max(w["x1"] for w in inside)) / 2)
    return max(centres) - min(centres) <= tolerance


def _gaps_at(left: float, right: float, lines: list) -> list[float] | None:
    """Each line's gap across the free band (left, right); None if a line has no word on
    one side of it."""
    gaps = []
    for _, words in lines:
        before = [w["x1"] for w in words if w["x1"] <= left + 0.01]
        after = [w["x0"] for w in words if w["x0"] >= right - 0.01]
        if not before or not after:
            return None
        gaps.append(min(after) - max(before))
    return gaps


def _row_texts(table: Table, row: int) -> tuple[str, ...]:
    """A row's texts, the way two printings of it compare: a line break undecided yet reads as
    any other (a header repeated on the next page is centred in cells its column measures
    anew, so a break may be marked SLACK in one printing and not in the other)."""
    return tuple(" ".join(c.text.translate(_ANY_BREAK).split()) for c in table.row_cells(row))


def _same_columns(a: Table, b: Table, tolerance: float) -> bool:
    if a.n_cols != b.n_cols:
        return False
    if a.x_edges is None or b.x_edges is None:
        return True
    return all(abs(x - y) <= tolerance for x, y in zip(a.x_edges, b.x_edges))


# A heading box's mark: a bullet, a number, a Roman numeral ('□ | 2025년 추진계획', '3 | …').
_BOX_MARK_RE = re.compile(r"[□■◦○●◆◇▶▷❍ㅇ]|\d{1,2}\.?|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]\.?")


def _heading_box(table: Table) -> bool:
    """Whether a table is a heading drawn as a box of one row, its mark beside its title: no
    table goes on from it on the next page (the seed laid out with its part headings as
    boxes, printed by LibreOffice: '□ | 2025년 추진계획' at a page's foot, the '주요 개선
    사항' box drawn as 'title | text' at the next page's top, their column rulings alike)."""
    cells = [c for c in table.cells if c.text.strip()]
    return (
        table.n_rows == 1
        and len(cells) == 2
        and _BOX_MARK_RE.fullmatch(cells[0].text.strip()) is not None
        and "\n" not in cells[1].text.strip()
    )


def _continuation(prev: Table, block: Table, settings: PdfSettings) -> Table | None:
    """`block` as the rest of `prev` on `prev`'s columns, or None where it has other columns.
    The same rulings, or fewer where its first row is the rest of `prev`'s cut row: a page's
    first row may draw only some of the table's column rulings (LibreOffice's PDF of the seed:
    a line's name cell cut at the page, '직무연수' over its note cell, which spans the four
    quarters, with no quarter's ruling on the new page)."""
    tolerance = settings.continued_columns_tolerance
    if _heading_box(prev):
        return None
    if _same_columns(prev, block, tolerance):
        return block
    if prev.x_edges is None or block.x_edges is None or block.n_cols < 2:
        return None
    edges = prev.x_edges
    index: list[int] = []  # each of block's column rulings as prev's
    for x in block.x_edges:
        k = min(range(len(edges)), key=lambda i: abs(edges[i] - x))
        if abs(edges[k] - x) > tolerance or (index and k <= index[-1]):
            return None
        index.append(k)
    if index[0] != 0 or index[-1] != prev.n_cols:
        return None
    laid = replace(
        block,
        cells=[
            replace(c, col=index[c.col], colspan=index[c.col + c.colspan] - index[c.col])
            for c in block.cells
        ],
        n_cols=prev.n_cols,
        x_edges=prev.x_edges,
        nested={(r, index[c]): inner for (r, c), inner in block.nested.items()},
    )
    return laid if rest_of_cut_row(prev, laid, 0) else None


def stitch_continued_tables(blocks: list, settings: PdfSettings = DEFAULT_SETTINGS) -> list:
    """A table broken across a page is one table.

    The continuation must be the first block of the next page, right after the table as the
    last block of its page, with the same columns (`_continuation`). Header rows it repeats are
    dropped. Single-cell boxes are never stitched.
    """
    out: list = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            isinstance(block, Table)
            and isinstance(prev, Table)
            and block.page is not None
            and (prev_end := prev.end_page or prev.page) is not None
            and block.page == prev_end + 1
            and prev.n_cols > 1
            and (rest := _continuation(prev, block, settings)) is not None
        ):
            block = rest
            repeated = 0
            while (
                repeated < min(prev.n_rows, block.n_rows) - 1
                and _row_texts(block, repeated) == _row_texts(prev, repeated)
                and _row_texts(block, repeated)
            ):
                repeated += 1
            prev_cells, nested = prev.cells, dict(prev.nested)
            start = repeated  # the continuation's first row that is a row of the table
            if start < block.n_rows and rest_of_cut_row(prev, block, start):
                prev_cells, nested = _with_cut_row_joined(prev, block, start)
                start += 1
            shifted = [
                replace(c, row=c.row - start + prev.n_rows) for c in block.cells if c.row >= start
            ]
            prev_pages = prev.row_pages or [prev.page] * prev.n_rows
            nested.update(
                {
                    (r - start + prev.n_rows, c): inner
                    for (r, c), inner in block.nested.items()
                    if r >= start
                }
            )
            out[-1] = Table(
                cells=prev_cells + shifted,
                n_rows=prev.n_rows + block.n_rows - start,
                n_cols=prev.n_cols,
                page=prev.page,
                end_page=block.page,
                position=prev.position,
                caption=prev.caption,
                x_edges=prev.x_edges,
                nested=nested,
                row_pages=prev_pages + [block.page] * (block.n_rows - start),
            )
            continue
        out.append(block)
    return out


def rest_of_cut_row(prev: Table, block: Table, row: int) -> bool:
    """Whether `row` of `block`, the first after the header it repeats, is the rest of `prev`'s
    last row, which the page break cut inside its cells (Hancom's and LibreOffice's tables
    break a row across pages: '미래경쟁력을 갖춘 / 행정전문가' on one, '양성 연수' on the next).

    The rest has the cells the cut row has, merged alike (same columns, same spans), and
    holds only what did not fit: text goes on only in cells that wrapped (two lines or more),
    and a cell that said all it had on the first page (an amount, a code) is blank. A new row
    fills its short cells. So too in a grid of single cells (LibreOffice's PDF of the seed
    laid out with its notes in rows of their own; lh's 세대구성원 and 유의사항 cells, cut at
    pp.3-4 and 12-17): a row that leaves the cut row's amounts blank and goes on only under
    its wrapped text is no row of its own."""
    bottom = {c.col: c for c in prev.cells if c.row + c.rowspan == prev.n_rows}
    top = [c for c in block.cells if c.row == row]
    if sorted((c.col, c.colspan) for c in top) != sorted(
        (c.col, c.colspan) for c in bottom.values()
    ):
        return False
    went_on = [c for c in top if c.text.strip()]
    said_all = [c for c in top if not c.text.strip() and bottom[c.col].text.strip()]
    if not (went_on and said_all):
        return False
    if any(_figures(bottom[c.col].text) and _figures(c.text) for c in went_on):
        return False  # a figure under a figure: a new line's amount (the seed's 합계 first)
    # The row was cut when one of its cells went on past the page (the rest of the row's text
    # is then each cell's rest: '457.' over '직무연수' is two lines of its cell, cut with '초등
    # 교원' over '생애단계별 맞춤식 직무연수'): a cell of two lines or more, or
    if any(_wrapped(bottom[c.col].text) for c in went_on):
        return True
    # a cell of one line with the rest's text beside it too wide for it. In narrow columns any
    # two words are: the row must leave blank a cell only the cut row has (not one merged over
    # the rows above, as a group's label is over a new row of the group: keit p.55-56's
    # '자본총계' over three rows of '20××년').
    own = any(bottom[c.col].rowspan == 1 for c in said_all)
    return own and any(_wraps_into(bottom[c.col], c, prev.x_edges) for c in went_on)


def _figures(text: str) -> bool:
    """Whether each line of a cell's text is a figure (`_FIGURE_RE`): '287,540', '1,964', '-'."""
    lines = text.split()
    return bool(lines) and all(_FIGURE_RE.match(line) for line in lines)


def _wraps_into(cut: Cell, rest: Cell, x_edges: list[float] | None) -> bool:
    """Whether a cut cell of one line wrapped into the rest's text: its line and the rest's
    first word, at the line's type size, are wider than the cell ('초등 생애단계별(0~5년)' over
    '직무연수 등', the page break between them: LibreOffice's PDF of the seed's items drawn
    as a table). A line the next word would have fitted beside ended its cell, as a figure
    does."""
    if x_edges is None or not cut.line_types or cut.line_types[-1] is None:
        return False
    words = rest.text.split()
    line = cut.text.strip().rsplit("\n", 1)[-1]
    size = cut.line_types[-1][0]
    width = x_edges[cut.col + cut.colspan] - x_edges[cut.col]
    if not words or _figures(line):
        return False  # a figure says all it has on its line: the notes row under an amount
    if words[0] in _PARTICLES:
        return True  # the line's word goes on: '미래경쟁력' over '을 갖춘'
    return ems(f"{line} {words[0]}") * size > width


# Particles that only ever end a word ('미래경쟁력' + '을'): a line going on with one alone was
# cut inside its last word. ('이', '가', '도' may be words of their own: '이 사업'.)
_PARTICLES = frozenset("을를은는의에와과로")


def _wrapped(text: str) -> bool:
    """Whether a cell's text runs over two lines or more: a line break, or a break at its edge
    the document is yet to decide (`resolve_edge_breaks` runs once every page is read)."""
    text = text.strip()
    return any(mark in text for mark in ("\n", *BREAKS))


def _with_cut_row_joined(
    prev: Table, block: Table, row: int
) -> tuple[list[Cell], dict[tuple[int, int], list[Table]]]:
    """`prev`'s cells and nested tables with `row` of `block` (its cut last row's rest) joined
    into the cells it goes on from: the texts line after line, the spans grown by the rows the
    rest spans beyond its first."""
    rest = {c.col: c for c in block.cells if c.row == row}
    nested = dict(prev.nested)
    cells = []
    for cell in prev.cells:
        more = rest.get(cell.col) if cell.row + cell.rowspan == prev.n_rows else None
        if more is None:
            cells.append(cell)
            continue
        text, types = cell.text, cell.line_types
        if more.text.strip():
            # A particle goes on the cut word ('미래경쟁력' + '을 갖춘'), on the same line.
            in_word = bool(cell.text.strip()) and more.text.split()[0] in _PARTICLES
            between = "" if in_word else "\n"
            text = f"{cell.text}{between}{more.text}" if cell.text.strip() else more.text
            types = (
                (
                    cell.line_types + more.line_types[in_word:]
                    if cell.text.strip()
                    else more.line_types
                )
                if cell.line_types is not None and more.line_types is not None
                else None
            )
        cells.append(
            replace(cell, text=text, line_types=types, rowspan=cell.rowspan + more.rowspan - 1)
        )
        inner = block.nested.get((row, more.col))
        if inner:
            nested[(cell.row, cell.col)] = nested.get((cell.row, cell.col), []) + inner
    return cells, nested
