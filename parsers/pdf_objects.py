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

import bisect
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
        owners: list[int] = []
        chars = _chars(page, geometry, owners)
        _fit_type3_widths(chars, owners, type3_advances or [])
        mapped = set(owners)
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


class _Handle(ctypes.c_void_p):
    """A PDFium handle or out-parameter's address as ctypes hands it back untouched (a subclass
    of c_void_p is not made an int): passed back to PDFium with no conversion. pypdfium2's
    typed pointers cost more to convert than PDFium takes to answer, and the calls below run
    for every char and every path segment of a page."""


def _fast(function, restype, *argtypes):
    """`function` (a pypdfium2 raw function) called with `_Handle`s for its pointers."""
    return ctypes.cast(function, ctypes.CFUNCTYPE(restype, *argtypes))


def _out(value) -> _Handle:
    """The address of a ctypes value, as an out-parameter of the `_fast` calls."""
    return _Handle(ctypes.addressof(value))


_H, _INT = _Handle, ctypes.c_int
_text_count = _fast(raw.FPDFText_CountChars, _INT, _H)
_text_is_generated = _fast(raw.FPDFText_IsGenerated, _INT, _H, _INT)
_text_unicode = _fast(raw.FPDFText_GetUnicode, ctypes.c_uint, _H, _INT)
_text_object = _fast(raw.FPDFText_GetTextObject, _H, _H, _INT)
_text_matrix = _fast(raw.FPDFText_GetMatrix, _INT, _H, _INT, _H)
_text_loose_box = _fast(raw.FPDFText_GetLooseCharBox, _INT, _H, _INT, _H)
_text_origin = _fast(raw.FPDFText_GetCharOrigin, _INT, _H, _INT, _H, _H)
_text_font_size = _fast(raw.FPDFText_GetFontSize, ctypes.c_double, _H, _INT)
_text_fill = _fast(raw.FPDFText_GetFillColor, _INT, _H, _INT, _H, _H, _H, _H)
_text_object_font = _fast(raw.FPDFTextObj_GetFont, _H, _H)
_page_count = _fast(raw.FPDFPage_CountObjects, _INT, _H)
_page_object = _fast(raw.FPDFPage_GetObject, _H, _H, _INT)
_object_type = _fast(raw.FPDFPageObj_GetType, _INT, _H)
_object_matrix_of = _fast(raw.FPDFPageObj_GetMatrix, _INT, _H, _H)
_form_count = _fast(raw.FPDFFormObj_CountObjects, _INT, _H)
_form_object = _fast(raw.FPDFFormObj_GetObject, _H, _H, ctypes.c_ulong)
_path_draw_mode = _fast(raw.FPDFPath_GetDrawMode, _INT, _H, _H, _H)
_stroke_width = _fast(raw.FPDFPageObj_GetStrokeWidth, _INT, _H, _H)
_stroke_colour = _fast(raw.FPDFPageObj_GetStrokeColor, _INT, _H, _H, _H, _H, _H)
_fill_colour = _fast(raw.FPDFPageObj_GetFillColor, _INT, _H, _H, _H, _H, _H)
_path_count = _fast(raw.FPDFPath_CountSegments, _INT, _H)
_path_segment = _fast(raw.FPDFPath_GetPathSegment, _H, _H, _INT)
_segment_point = _fast(raw.FPDFPathSegment_GetPoint, _INT, _H, _H, _H)
_segment_type = _fast(raw.FPDFPathSegment_GetType, _INT, _H)
_segment_close = _fast(raw.FPDFPathSegment_GetClose, _INT, _H)


def _typed(handle: _Handle, pointer_type):
    """A `_Handle` as pypdfium2's typed pointer, for the calls made once per font or object."""
    return ctypes.cast(handle, pointer_type)


class _TextStyles:
    """What every char of one text object shares — its font's name, its size, colour, descent
    and matrix — read once per text object, each font's name and descent once per page. PDFium
    gives every char of a text object that object's matrix (its text matrix in the page's
    space), so the matrix is read at the object's first char."""

    def __init__(self, tp: _Handle) -> None:
        self.tp = tp
        self.fonts: dict[int, str] = {}
        self.descents: dict[int, float | None] = {}
        # owner → (fontname, size, fill, descent), and with (matrix, upright, on baseline)
        self.font_styles: dict[int, tuple[str, float, tuple, float | None]] = {}
        self.styles: dict[int, tuple] = {}
        self.rgba = tuple(ctypes.c_uint() for _ in range(4))
        self.rgba_out = tuple(_out(v) for v in self.rgba)
        self.matrix = raw.FS_MATRIX()
        self.matrix_out = _out(self.matrix)

    def of(self, owner: int, handle: _Handle, index: int) -> tuple:
        """The style of the text object `owner` whose char `index` is, read from that char (a
        char of no text object, owner 0, has its own matrix and the first such char's font)."""
        _text_matrix(self.tp, index, self.matrix_out)
        m = self.matrix
        ma, mb, mc, md = m.a, m.b, m.c, m.d
        font_style = self.font_styles.get(owner)
        if font_style is None:
            font = _text_object_font(handle).value if owner else None
            # PDFium's font size is the one set by Tf; pdfminer's is the glyph's height
            # on the page, the text matrix applied (a 52 pt numeral set as 1 pt × 52).
            scale = (mc * mc + md * md) ** 0.5 or 1.0
            font_style = self.font_styles[owner] = (
                self._font_name(owner, handle, font),
                _text_font_size(self.tp, index) * scale,
                self._fill(index),
                self._descent(handle, font),
            )
        descent = font_style[3]
        upright = 0 < ma * md and mb * mc <= 0
        style = (
            *font_style,
            (ma, mb, mc, md, m.e, m.f),
            upright,
            # pdfminer's box, from the baseline's descent up one font size, can be made
            upright and abs(mb) < 1e-6 and abs(mc) < 1e-6 and descent is not None,
        )
        if owner:
            self.styles[owner] = style
        return style

    def _font_name(self, owner: int, handle: _Handle, font: int | None) -> str:
        """The font's PostScript name with its subset tag (`AAAAAA+NanumGothic`), as pdfminer
        gives it: the symbol-font and run rules compare names."""
        key = font or owner
        name = self.fonts.get(key)
        if name is None:
            found = _base_font_name(handle) if font else ""
            name = self.fonts[key] = found or TYPE3_NAME
        return name

    def _descent(self, handle: _Handle, font: int | None) -> float | None:
        """The font's descent (negative, below the baseline) per unit of font size."""
        if not font:
            return None
        if font not in self.descents:
            self.descents[font] = _descent_per_em(_typed(handle, raw.FPDF_PAGEOBJECT))
        return self.descents[font]

    def _fill(self, index: int) -> tuple:
        if not _text_fill(self.tp, index, *self.rgba_out):
            return (0.0,)
        r, g, b, _ = self.rgba
        return (r.value / 255, g.value / 255, b.value / 255)


def _chars(page: pdfium.PdfPage, geo: _Geometry, owners: list[int]) -> list[dict]:
    """The page's drawn chars; `owners` gets the text object of each (0 for none), in order."""
    textpage = page.get_textpage()
    chars: list[dict] = []
    try:
        tp = _Handle(_address(textpage.raw))
        rect = raw.FS_RECTF()
        origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
        rect_out = _out(rect)
        origin_out = (_out(origin_x), _out(origin_y))
        text_styles = _TextStyles(tp)
        styles, style_of = text_styles.styles, text_styles.of
        page_height, doctop, page_number = geo.height, geo.doctop, geo.page_number
        add, add_owner = chars.append, owners.append
        for i in range(_text_count(tp)):
            # PDFium adds the spaces and line ends it infers; pdfminer has only drawn glyphs.
            if _text_is_generated(tp, i):
                continue
            code = _text_unicode(tp, i)
            if code in (0, 0xFFFE, 0xFFFF) or code > 0x10FFFF:
                continue
            if code == 2:  # PDFium's mark for a hyphen that ends a line: a hyphen is drawn
                code = 0x2D
            handle = _text_object(tp, i)
            owner = handle.value or 0
            style = styles.get(owner) if owner else None
            if style is None:
                style = style_of(owner, handle, i)
            fontname, size, fill, descent, matrix, upright, on_baseline = style
            _text_loose_box(tp, i, rect_out)
            x0, x1 = rect.left, rect.right
            if on_baseline:
                _text_origin(tp, i, *origin_out)
                y0 = origin_y.value + descent * size
                y1 = y0 + size
            else:
                y0, y1 = rect.bottom, rect.top
            # As `_Geometry.box`, inline: one dict per char, made once.
            width = x1 - x0
            top = page_height - y1
            add_owner(owner)
            add(
                {
                    "x0": x0,
                    "y0": y0,
                    "x1": x1,
                    "y1": y1,
                    "width": width,
                    "height": y1 - y0,
                    "top": top,
                    "bottom": page_height - y0,
                    "doctop": doctop + top,
                    "page_number": page_number,
                    "object_type": "char",
                    "text": chr(code),
                    "fontname": fontname,
                    "size": size if upright else width,
                    "adv": width if upright else y1 - y0,
                    "upright": upright,
                    "matrix": matrix,
                    "stroking_color": fill,
                    "non_stroking_color": fill,
                    "mcid": None,
                    "tag": None,
                }
            )
    finally:
        textpage.close()
    return chars


def _fit_type3_widths(chars: list[dict], owners: list[int], fonts: list[dict[str, float]]) -> None:
    """Give the chars of Type 3 fonts the advances their font declares. PDFium does not say
    which Type 3 font drew a text object, so the font is found from the object itself: the one
    whose advances best match the steps from each char to the next (PDFium places the chars
    right; only its boxes are an em wide). An object of one char takes the narrowest advance
    offered: a box a little short keeps a word gap a gap. `owners` holds each char's text
    object."""
    runs: dict[int, list[dict]] = {}
    for ch, owner in zip(chars, owners):
        if ch["fontname"] == TYPE3_NAME and ch["upright"]:
            runs.setdefault(owner, []).append(ch)
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
    return _font_descent_per_em(font) if font else None


def _font_descent_per_em(font) -> float | None:
    """The font's descent per unit of font size, or None when the font gives none. A Type 3
    font whose glyph space is flipped (FontMatrix [1 0 0 -1 0 0], as cairo writes fonts: a PDF
    printed through cairo) has its FontBBox read upside down — descent +1.0, ascent -0.199 —
    and its chars would be boxed an em above their line: its descent is the lower of the two.
    A descent still above the baseline, or more than an em below it, is none."""
    descent, ascent = ctypes.c_float(), ctypes.c_float()
    if not raw.FPDFFont_GetDescent(font, 1000.0, ctypes.byref(descent)):
        return None
    value = descent.value / 1000.0
    if value > 0 and raw.FPDFFont_GetAscent(font, 1000.0, ctypes.byref(ascent)):
        value = min(value, ascent.value / 1000.0)
    return value if -1.0 <= value <= 0.0 else None


def _address(handle) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _with_spaces(chars: list[dict], blanks: list[dict]) -> list[dict]:
    """A space drawn as a text object of its own is left out of PDFium's text page (it neither
    keeps nor generates it), where pdfminer keeps it; without it two words read as one. Each
    blank is put back as a space char, as wide as the gap to the next char on its line."""
    out = list(chars)
    near = _by_bottom(chars)
    for blank in blanks:
        base = blank["bottom"]
        following = [
            c["x0"]
            for c in near(base)
            if abs(c["bottom"] - base) < 0.5 and blank["x0"] - 0.01 <= c["x0"] < blank["x1"]
        ]
        if following:
            end = min(following)
            if end <= blank["x0"] + 0.01:
                continue  # a glyph already sits where the space starts
            blank = {**blank, "x1": end, "width": end - blank["x0"]}
        out.append(blank)
    return out


def _by_bottom(chars: list[dict]):
    """A function giving the chars whose bottom lies within 1 pt of a height (and maybe a few
    more): each blank looks at its own line, not at every char of the page."""
    bottoms = [c["bottom"] for c in chars]
    if any(b != b for b in bottoms):  # NaN has no place in a sorted order: look at them all
        return lambda _: chars
    order = sorted(range(len(chars)), key=bottoms.__getitem__)
    ordered = [bottoms[k] for k in order]

    def near(base: float) -> list[dict]:
        lo = bisect.bisect_left(ordered, base - 1.0)
        hi = bisect.bisect_right(ordered, base + 1.0)
        return [chars[k] for k in order[lo:hi]]

    return near


# pdfminer's name for a font without one: a Type 3 font (PDFium gives it an empty name).
TYPE3_NAME = "unknown"


def _base_font_name(handle: _Handle) -> str:
    """The PostScript name of the font of a text object; '' where it has none."""
    font = raw.FPDFTextObj_GetFont(_typed(handle, raw.FPDF_PAGEOBJECT))
    size = raw.FPDFFont_GetBaseFontName(font, None, 0)
    if size <= 0:
        return ""
    buffer = ctypes.create_string_buffer(size)
    raw.FPDFFont_GetBaseFontName(font, buffer, size)
    return buffer.value.decode("utf-8", "replace")


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


class _Buffers:
    """The out-parameters of PDFium's getters, made once per page and reused for each of its
    objects (a ctypes value and its reference for every call cost more than the call)."""

    def __init__(self) -> None:
        self.matrix = raw.FS_MATRIX()
        self.matrix_out = _out(self.matrix)
        self.rgba = tuple(ctypes.c_uint() for _ in range(4))
        self.rgba_out = tuple(_out(v) for v in self.rgba)
        self.x, self.y = ctypes.c_float(), ctypes.c_float()
        self.point_out = (_out(self.x), _out(self.y))
        self.fill_mode, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.mode_out = (_out(self.fill_mode), _out(self.stroke))
        self.width = ctypes.c_float()
        self.width_out = _out(self.width)


def _object_matrix(obj: _Handle, buffers: _Buffers) -> Matrix:
    if not _object_matrix_of(obj, buffers.matrix_out):
        return IDENTITY
    m = buffers.matrix
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _walk(page: pdfium.PdfPage, buffers: _Buffers) -> Iterator[tuple[_Handle, int, Matrix]]:
    """Every page object, Form XObjects opened, with the matrix from its space to the page's."""
    handle = _Handle(_address(page.raw))
    stack = [(_page_object(handle, i), IDENTITY) for i in reversed(range(_page_count(handle)))]
    while stack:
        obj, outer = stack.pop()
        kind = _object_type(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            inner = _multiply(_object_matrix(obj, buffers), outer)
            stack.extend((_form_object(obj, i), inner) for i in reversed(range(_form_count(obj))))
        else:
            yield obj, kind, outer


def _colour(getter, obj: _Handle, buffers: _Buffers) -> tuple:
    if not getter(obj, *buffers.rgba_out):
        return (0.0,)
    r, g, b, _ = buffers.rgba
    return (r.value / 255, g.value / 255, b.value / 255)


def _graphics(page: pdfium.PdfPage, geo: _Geometry, mapped: set[int]) -> Iterator[tuple[str, dict]]:
    buffers = _Buffers()
    for obj, kind, outer in _walk(page, buffers):
        if kind == raw.FPDF_PAGEOBJ_PATH:
            yield from _path_objects(obj, outer, geo, buffers)
        elif kind == raw.FPDF_PAGEOBJ_TEXT and (obj.value or 0) not in mapped:
            blank = _blank(_typed(obj, raw.FPDF_PAGEOBJECT), outer, geo, buffers)
            if blank is not None:
                yield "blank", blank
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            yield "image", _image(obj, outer, geo, buffers)


def _blank(obj, outer: Matrix, geo: _Geometry, buffers: _Buffers) -> dict | None:
    """A text object PDFium's text page has no char of: a space, when it draws no ink (its
    bounds have no width). Its box is pdfminer's: from the origin, descent to descent + size."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    raw.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in (left, bottom, right, top)))
    if right.value - left.value > 0.01:
        return None
    a, b, c, d, e, f = _multiply(_object_matrix(_Handle(_address(obj)), buffers), outer)
    if abs(b) > 1e-6 or abs(c) > 1e-6 or a <= 0 or d <= 0:
        return None
    font_size = ctypes.c_float()
    raw.FPDFTextObj_GetFontSize(obj, ctypes.byref(font_size))
    size = font_size.value * d
    font = raw.FPDFTextObj_GetFont(obj)
    per_em = (_font_descent_per_em(font) if font else None) or 0.0
    y0 = f + per_em * font_size.value * d
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


def _image(obj: _Handle, outer: Matrix, geo: _Geometry, buffers: _Buffers) -> dict:
    # An image is the unit square drawn through its matrix.
    m = _multiply(_object_matrix(obj, buffers), outer)
    corners = [_apply(m, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
    xs = [p[0] for p in corners]
    ys = [p[1] for p in corners]
    image = geo.box(min(xs), min(ys), max(xs), max(ys))
    image.update(object_type="image", srcsize=(0, 0), name="", stream=None, mcid=None, tag=None)
    return image


_MOVETO, _LINETO, _BEZIERTO = (
    raw.FPDF_SEGMENT_MOVETO,
    raw.FPDF_SEGMENT_LINETO,
    raw.FPDF_SEGMENT_BEZIERTO,
)


def _path_ops(
    obj: _Handle, matrix: Matrix, buffers: _Buffers
) -> list[tuple[str, list[tuple[float, float]]]]:
    """The path as pdfminer spells it: (operator, points) with m, l, c and h, in page space."""
    ops: list[tuple[str, list[tuple[float, float]]]] = []
    x, y, point_out = buffers.x, buffers.y, buffers.point_out
    a, b, c, d, e, f = matrix
    controls: list[tuple[float, float]] = []
    for i in range(_path_count(obj)):
        segment = _path_segment(obj, i)
        _segment_point(segment, *point_out)
        px, py = x.value, y.value
        point = (a * px + c * py + e, b * px + d * py + f)  # `_apply`, inline
        kind = _segment_type(segment)
        if kind == _MOVETO:
            ops.append(("m", [point]))
        elif kind == _LINETO:
            ops.append(("l", [point]))
        elif kind == _BEZIERTO:
            controls.append(point)
            if len(controls) == 3:  # two control points and the end: one `c`
                ops.append(("c", controls))
                controls = []
        if _segment_close(segment):
            ops.append(("h", []))
    return ops


def _single_line(
    obj: _Handle, matrix: Matrix, buffers: _Buffers
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The two points, in page space, of a path that is one straight segment (`m l`, neither
    closed), as `_path_ops` gives them; None for any other path."""
    if _path_count(obj) != 2:
        return None
    first, second = _path_segment(obj, 0), _path_segment(obj, 1)
    if (
        _segment_type(first) != _MOVETO
        or _segment_type(second) != _LINETO
        or _segment_close(first)
        or _segment_close(second)
    ):
        return None
    x, y, point_out = buffers.x, buffers.y, buffers.point_out
    a, b, c, d, e, f = matrix
    _segment_point(first, *point_out)
    px, py = x.value, y.value
    start = (a * px + c * py + e, b * px + d * py + f)
    _segment_point(second, *point_out)
    px, py = x.value, y.value
    return start, (a * px + c * py + e, b * px + d * py + f)


def _path_objects(
    obj: _Handle, outer: Matrix, geo: _Geometry, buffers: _Buffers
) -> Iterator[tuple[str, dict]]:
    matrix = _multiply(_object_matrix(obj, buffers), outer)
    _path_draw_mode(obj, *buffers.mode_out)
    _stroke_width(obj, buffers.width_out)
    fill_mode = buffers.fill_mode.value
    style = {
        "stroke": bool(buffers.stroke.value),
        "fill": fill_mode != 0,
        "evenodd": fill_mode == raw.FPDF_FILLMODE_ALTERNATE,
        "linewidth": buffers.width.value * _scale(matrix),
        "stroking_color": _colour(_stroke_colour, obj, buffers),
        "non_stroking_color": _colour(_fill_colour, obj, buffers),
        "dash": None,
        "mcid": None,
        "tag": None,
    }
    segment = _single_line(obj, matrix, buffers)
    if segment is not None:  # most of what a page draws: `_path_ops` and `_line` in one
        kind, item = _line_between(*segment, geo)
        item.update(style)
        yield kind, item
        return
    ops = _path_ops(obj, matrix, buffers)
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


def _line(subpath: list, geo: _Geometry) -> tuple[str, dict]:
    """A subpath `m l`, one straight segment — most of what a page draws (a dotted rule is
    hundreds of them) — as `_shape` makes it, without its general bookkeeping."""
    return _line_between(subpath[0][1][0], subpath[1][1][0], geo)


def _line_between(
    start_point: tuple[float, float], end_point: tuple[float, float], geo: _Geometry
) -> tuple[str, dict]:
    """The line from one point to another (in PDF space) as `_line` makes it."""
    (x0, y0), (x1, y1) = start_point, end_point
    height = geo.height
    start, end = (x0, height - y0), (x1, height - y1)
    item = geo.box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    item["pts"] = [start, end]
    item["path"] = [("m", start), ("l", end)]
    item["object_type"] = "line"
    return "line", item


def _shape(subpath: list, geo: _Geometry) -> tuple[str, dict] | None:
    """One subpath as pdfminer's `paint_path` classifies it: a line, a rect or a curve."""
    if len(subpath) == 2 and subpath[1][0] == "l":
        return _line(subpath, geo)
    shape = "".join([op for op, _ in subpath])
    start = subpath[0][1][0]
    pts = [points[-1] if points else start for _, points in subpath]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if len(pts) < 2:
        return None
    height = geo.height
    path = [(op, *[(x, height - y) for x, y in points]) for op, points in subpath]
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    item = geo.box(min(xs), min(ys), max(xs), max(ys))
    item["pts"] = [(x, height - y) for x, y in pts]
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
