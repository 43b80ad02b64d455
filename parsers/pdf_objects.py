"""A PDF page's objects read by PDFium (pypdfium2), in pdfplumber's own object shape.

pdfminer interprets a page's content stream in pure Python, and that is most of the time a PDF
takes to read (85% of the sample's). PDFium, in C++, reads the same chars, rulings, boxes and
images in milliseconds. This module turns them into the dicts pdfplumber would have made — the
same keys, the same coordinates (top-left origin), the same line/rect/curve split as pdfminer's
`paint_path` — so that pdfplumber's table finder and text utilities, and every rule of
`pdf.py`/`pdf_layout.py`, run on them unchanged. A page this module cannot read the way
pdfminer would (rotated, or with a MediaBox not at the origin) is left to pdfminer.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as raw

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class NotReadableByPdfium(Exception):
    """This page needs pdfminer's reading (its geometry is one PDFium would give differently)."""


def open_document(data: bytes) -> pdfium.PdfDocument:
    return pdfium.PdfDocument(data)


def page_objects(
    doc: pdfium.PdfDocument,
    index: int,
    *,
    page_number: int,
    height: float,
    doctop: float,
    type3_advances: list[dict[str, float]] | None = None,
) -> dict[str, list[dict]]:
    """The page's chars, lines, rects, curves and images as pdfplumber's `Page.objects`."""
    page = doc[index]
    try:
        left, bottom, _, _ = page.get_mediabox()
        if page.get_rotation() != 0 or abs(left) > 1e-6 or abs(bottom) > 1e-6:
            raise NotReadableByPdfium("rotated page or MediaBox off the origin")
        geometry = _Geometry(page_number=page_number, height=height, doctop=doctop)
        mapped: set[int] = set()
        chars = list(_chars(page, geometry, mapped))
        _fit_type3_widths(chars, type3_advances or [])
        objects: dict[str, list[dict]] = {"char": chars}
        blanks: list[dict] = []
        for kind, obj in _graphics(page, geometry, mapped):
            if kind == "blank":
                blanks.append(obj)
            else:
                objects.setdefault(kind, []).append(obj)
        if blanks:
            objects["char"] = _with_spaces(chars, blanks)
        return objects
    finally:
        page.close()


class _Geometry:
    """From PDF user space (origin bottom-left) to pdfplumber's (origin top-left)."""

    def __init__(self, *, page_number: int, height: float, doctop: float) -> None:
        self.page_number = page_number
        self.height = height
        self.doctop = doctop

    def box(self, x0: float, y0: float, x1: float, y1: float) -> dict:
        top = self.height - y1
        bottom = self.height - y0
        return {
            "x0": x0,
            "y0": y0,
            "x1": x1,
            "y1": y1,
            "width": x1 - x0,
            "height": y1 - y0,
            "top": top,
            "bottom": bottom,
            "doctop": self.doctop + top,
            "page_number": self.page_number,
        }

    def point(self, x: float, y: float) -> tuple[float, float]:
        return (x, self.height - y)


# ---------------------------------------------------------------- chars


def _chars(page: pdfium.PdfPage, geo: _Geometry, mapped: set[int]) -> Iterator[dict]:
    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        rect = raw.FS_RECTF()
        matrix = raw.FS_MATRIX()
        fonts: dict[int, str] = {}
        origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
        # What every char of one text object shares: its font, size, colour and descent.
        styles: dict[int, tuple[str, float, tuple, float | None]] = {}
        for i in range(raw.FPDFText_CountChars(tp)):
            # PDFium adds the spaces and line ends it infers; pdfminer has only drawn glyphs.
            if raw.FPDFText_IsGenerated(tp, i):
                continue
            code = raw.FPDFText_GetUnicode(tp, i)
            if code in (0, 0xFFFE, 0xFFFF) or code > 0x10FFFF:
                continue
            handle = raw.FPDFText_GetTextObject(tp, i)
            owner = _address(handle)
            mapped.add(owner)
            raw.FPDFText_GetMatrix(tp, i, ctypes.byref(matrix))
            ma, mb, mc, md = matrix.a, matrix.b, matrix.c, matrix.d
            style = styles.get(owner)
            if style is None:
                # PDFium's font size is the one set by Tf; pdfminer's is the glyph's height
                # on the page, the text matrix applied (a 52 pt numeral set as 1 pt × 52).
                scale = (mc * mc + md * md) ** 0.5 or 1.0
                style = styles[owner] = (
                    _font_name(tp, i, fonts),
                    raw.FPDFText_GetFontSize(tp, i) * scale,
                    _char_fill(tp, i),
                    _descent_per_em(handle),
                )
            fontname, size, fill, descent = style
            raw.FPDFText_GetLooseCharBox(tp, i, ctypes.byref(rect))
            right = rect.right
            text = chr(code)
            upright = 0 < ma * md and mb * mc <= 0
            if upright and abs(mb) < 1e-6 and abs(mc) < 1e-6 and descent is not None:
                # pdfminer's box: from the baseline's descent up one font size.
                raw.FPDFText_GetCharOrigin(tp, i, ctypes.byref(origin_x), ctypes.byref(origin_y))
                y0 = origin_y.value + descent * size
                obj = geo.box(rect.left, y0, right, y0 + size)
            else:
                obj = geo.box(rect.left, rect.bottom, right, rect.top)
            obj.update(
                object_type="char",
                text=text,
                fontname=fontname,
                size=size if upright else obj["width"],
                adv=obj["width"] if upright else obj["height"],
                upright=upright,
                matrix=(ma, mb, mc, md, matrix.e, matrix.f),
                stroking_color=fill,
                non_stroking_color=fill,
                mcid=None,
                tag=None,
                _run=owner,
            )
            yield obj
    finally:
        textpage.close()


def _fit_type3_widths(chars: list[dict], fonts: list[dict[str, float]]) -> None:
    """Give the chars of Type 3 fonts the advances their font declares. PDFium does not say
    which Type 3 font drew a text object, so the font is found from the object itself: the one
    whose advances best match the steps from each char to the next (PDFium places the chars
    right; only its boxes are an em wide). An object of one char takes the narrowest advance
    offered: a box a little short keeps a word gap a gap."""
    runs: dict[int, list[dict]] = {}
    for ch in chars:
        run = ch.pop("_run")
        if ch["fontname"] == TYPE3_NAME and ch["upright"]:
            runs.setdefault(run, []).append(ch)
    for run in runs.values():
        candidates = [f for f in fonts if all(ch["text"] in f for ch in run)]
        if not candidates:
            continue
        steps = [
            (a, b["x0"] - a["x0"])
            for a, b in zip(run, run[1:])
            if abs(a["top"] - b["top"]) < 0.5 and b["x0"] > a["x0"]
        ]
        if steps:
            font = min(
                candidates,
                key=lambda f: sum(abs(f[a["text"]] * a["size"] - step) for a, step in steps),
            )
            widths = {ch["text"]: font[ch["text"]] for ch in run}
        else:
            widths = {ch["text"]: min(f[ch["text"]] for f in candidates) for ch in run}
        for ch in run:
            width = widths[ch["text"]] * ch["size"]
            ch.update(x1=ch["x0"] + width, width=width, adv=width)


def _descent_per_em(text_obj) -> float | None:
    """The font's descent (negative, below the baseline) per unit of font size."""
    font = raw.FPDFTextObj_GetFont(text_obj) if text_obj else None
    descent = ctypes.c_float()
    if not font or not raw.FPDFFont_GetDescent(font, 1000.0, ctypes.byref(descent)):
        return None
    return descent.value / 1000.0


def _char_fill(tp, index: int) -> tuple:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not raw.FPDFText_GetFillColor(tp, index, *(ctypes.byref(v) for v in (r, g, b, a))):
        return (0.0,)
    return (r.value / 255, g.value / 255, b.value / 255)


def _address(handle) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _with_spaces(chars: list[dict], blanks: list[dict]) -> list[dict]:
    """A space drawn as a text object of its own is left out of PDFium's text page (it neither
    keeps nor generates it), where pdfminer keeps it; without it two words read as one. Each
    blank is put back as a space char, as wide as the gap to the next char on its line."""
    out = list(chars)
    for blank in blanks:
        base = blank["bottom"]
        following = [
            c["x0"]
            for c in chars
            if abs(c["bottom"] - base) < 0.5 and blank["x0"] - 0.01 <= c["x0"] < blank["x1"]
        ]
        if following:
            end = min(following)
            if end <= blank["x0"] + 0.01:
                continue  # a glyph already sits where the space starts
            blank = {**blank, "x1": end, "width": end - blank["x0"]}
        out.append(blank)
    return out


# pdfminer's name for a font without one: a Type 3 font (PDFium gives it an empty name).
TYPE3_NAME = "unknown"


def _font_name(tp, index: int, cache: dict[int, str]) -> str:
    """The font's PostScript name with its subset tag (`AAAAAA+NanumGothic`), as pdfminer
    gives it: the symbol-font and run rules compare names."""
    text_obj = raw.FPDFText_GetTextObject(tp, index)
    key = ctypes.cast(text_obj, ctypes.c_void_p).value or 0
    font = raw.FPDFTextObj_GetFont(text_obj) if text_obj else None
    font_key = ctypes.cast(font, ctypes.c_void_p).value if font else key
    if font_key in cache:
        return cache[font_key]
    name = ""
    if font:
        size = raw.FPDFFont_GetBaseFontName(font, None, 0)
        if size > 0:
            buffer = ctypes.create_string_buffer(size)
            raw.FPDFFont_GetBaseFontName(font, buffer, size)
            name = buffer.value.decode("utf-8", "replace")
    cache[font_key] = name or TYPE3_NAME
    return cache[font_key]


# ---------------------------------------------------------------- paths and images


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF's row-vector convention: point × m × n)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


def _object_matrix(obj) -> Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _walk(page: pdfium.PdfPage) -> Iterator[tuple[object, int, Matrix]]:
    """Every page object, Form XObjects opened, with the matrix from its space to the page's."""
    stack = [
        (raw.FPDFPage_GetObject(page.raw, i), IDENTITY)
        for i in reversed(range(raw.FPDFPage_CountObjects(page.raw)))
    ]
    while stack:
        obj, outer = stack.pop()
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            inner = _multiply(_object_matrix(obj), outer)
            stack.extend(
                (raw.FPDFFormObj_GetObject(obj, i), inner)
                for i in reversed(range(raw.FPDFFormObj_CountObjects(obj)))
            )
        else:
            yield obj, kind, outer


def _colour(getter, obj) -> tuple:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not getter(obj, *(ctypes.byref(v) for v in (r, g, b, a))):
        return (0.0,)
    return (r.value / 255, g.value / 255, b.value / 255)


def _graphics(page: pdfium.PdfPage, geo: _Geometry, mapped: set[int]) -> Iterator[tuple[str, dict]]:
    for obj, kind, outer in _walk(page):
        if kind == raw.FPDF_PAGEOBJ_TEXT and _address(obj) not in mapped:
            blank = _blank(obj, outer, geo)
            if blank is not None:
                yield "blank", blank
        elif kind == raw.FPDF_PAGEOBJ_PATH:
            yield from _path_objects(obj, outer, geo)
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            yield "image", _image(obj, outer, geo)


def _blank(obj, outer: Matrix, geo: _Geometry) -> dict | None:
    """A text object PDFium's text page has no char of: a space, when it draws no ink (its
    bounds have no width). Its box is pdfminer's: from the origin, descent to descent + size."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    raw.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in (left, bottom, right, top)))
    if right.value - left.value > 0.01:
        return None
    a, b, c, d, e, f = _multiply(_object_matrix(obj), outer)
    if abs(b) > 1e-6 or abs(c) > 1e-6 or a <= 0 or d <= 0:
        return None
    font_size = ctypes.c_float()
    raw.FPDFTextObj_GetFontSize(obj, ctypes.byref(font_size))
    size = font_size.value * d
    descent = ctypes.c_float()
    font = raw.FPDFTextObj_GetFont(obj)
    if not font or not raw.FPDFFont_GetDescent(font, font_size.value, ctypes.byref(descent)):
        descent.value = 0.0
    y0 = f + descent.value * d
    width = 0.25 * size  # a space's usual advance, where nothing follows on the line
    char = geo.box(e, y0, e + width, y0 + size)
    char.update(
        object_type="char",
        text=" ",
        fontname="",
        size=size,
        adv=width,
        upright=True,
        matrix=(a, b, c, d, e, f),
        stroking_color=(0.0,),
        non_stroking_color=(0.0,),
        mcid=None,
        tag=None,
    )
    return char


def _image(obj, outer: Matrix, geo: _Geometry) -> dict:
    # An image is the unit square drawn through its matrix.
    m = _multiply(_object_matrix(obj), outer)
    corners = [_apply(m, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
    xs = [p[0] for p in corners]
    ys = [p[1] for p in corners]
    image = geo.box(min(xs), min(ys), max(xs), max(ys))
    image.update(object_type="image", srcsize=(0, 0), name="", stream=None, mcid=None, tag=None)
    return image


def _path_ops(obj, matrix: Matrix) -> list[tuple[str, list[tuple[float, float]]]]:
    """The path as pdfminer spells it: (operator, points) with m, l, c and h, in page space."""
    ops: list[tuple[str, list[tuple[float, float]]]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    controls: list[tuple[float, float]] = []
    for i in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, i)
        raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = _apply(matrix, x.value, y.value)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            ops.append(("m", [point]))
        elif kind == raw.FPDF_SEGMENT_LINETO:
            ops.append(("l", [point]))
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            controls.append(point)
            if len(controls) == 3:  # two control points and the end: one `c`
                ops.append(("c", controls))
                controls = []
        if raw.FPDFPathSegment_GetClose(segment):
            ops.append(("h", []))
    return ops


def _path_objects(obj, outer: Matrix, geo: _Geometry) -> Iterator[tuple[str, dict]]:
    matrix = _multiply(_object_matrix(obj), outer)
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill_mode), ctypes.byref(stroke))
    width = ctypes.c_float()
    raw.FPDFPageObj_GetStrokeWidth(obj, ctypes.byref(width))
    style = {
        "stroke": bool(stroke.value),
        "fill": fill_mode.value != 0,
        "evenodd": fill_mode.value == raw.FPDF_FILLMODE_ALTERNATE,
        "linewidth": width.value * _scale(matrix),
        "stroking_color": _colour(raw.FPDFPageObj_GetStrokeColor, obj),
        "non_stroking_color": _colour(raw.FPDFPageObj_GetFillColor, obj),
        "dash": None,
        "mcid": None,
        "tag": None,
    }
    ops = _path_ops(obj, matrix)
    starts = [i for i, (op, _) in enumerate(ops) if op == "m"]
    for start, end in zip(starts, starts[1:] + [len(ops)]):
        shape = _shape(ops[start:end], geo)
        if shape is not None:
            kind, item = shape
            item.update(style)
            yield kind, item


def _scale(m: Matrix) -> float:
    a, b, c, d, _, _ = m
    return abs(a * d - b * c) ** 0.5


def _shape(subpath: list, geo: _Geometry) -> tuple[str, dict] | None:
    """One subpath as pdfminer's `paint_path` classifies it: a line, a rect or a curve."""
    shape = "".join(op for op, _ in subpath)
    start = subpath[0][1][0]
    pts = [points[-1] if points else start for _, points in subpath]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    path = [(op, *(geo.point(*p) for p in points)) for op, points in subpath]
    if len(pts) < 2:
        return None
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    item = geo.box(min(xs), min(ys), max(xs), max(ys))
    item["pts"] = [geo.point(*p) for p in pts]
    item["path"] = path
    if shape in {"mlh", "ml"}:
        item["object_type"] = "line"
        return "line", item
    if shape in {"mlllh", "mllll"}:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        closed = pts[0] == pts[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if closed and square:
            item["object_type"] = "rect"
            return "rect", item
    item["object_type"] = "curve"
    return "curve", item
