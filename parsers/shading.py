"""Cell backgrounds as every reader reports them: '#rrggbb', or None for no shading.

White counts as no shading: Hancom files often give body cells an explicit white fill, and a
PDF export paints white boxes, while neither is what a reader sees as a shaded header. So one
table reads the same from the HWP, the HWPX and the PDF.
"""

from __future__ import annotations

import re

_WHITE = "#ffffff"
_HEX_RE = re.compile(r"#?([0-9a-fA-F]{2})?([0-9a-fA-F]{6})")


def _shaded(rgb: str) -> str | None:
    return None if rgb == _WHITE else rgb


def from_rgb(red: float, green: float, blue: float) -> str | None:
    """Components in 0..1 (PDF) → '#rrggbb'."""
    parts = [min(max(round(v * 255), 0), 255) for v in (red, green, blue)]
    return _shaded("#" + "".join(f"{p:02x}" for p in parts))


def from_hex(text: str | None) -> str | None:
    """OWPML faceColor: '#RRGGBB', or '#AARRGGBB' where a non-zero alpha byte means the colour
    is not painted; 'none' or anything else is no fill."""
    match = _HEX_RE.fullmatch((text or "").strip())
    if not match:
        return None
    alpha, rgb = match.groups()
    if alpha is not None and alpha != "00":
        return None
    return _shaded("#" + rgb.lower())


def from_colorref(value: int | None) -> str | None:
    """HWP 5 COLORREF 0x00BBGGRR; a non-zero high byte (0xFFFFFFFF: -1 signed) is no colour."""
    if value is None:
        return None
    value &= 0xFFFFFFFF
    if value >> 24:
        return None
    red, green, blue = value & 0xFF, (value >> 8) & 0xFF, (value >> 16) & 0xFF
    return _shaded(f"#{red:02x}{green:02x}{blue:02x}")


def from_pdf_colour(components) -> str | None:
    """pdfplumber's non_stroking_color: gray (1 value), RGB (3) or CMYK (4) in 0..1; a
    pattern or anything else is None."""
    if not isinstance(components, (tuple, list)):
        components = (components,) if isinstance(components, (int, float)) else ()
    if not all(isinstance(v, (int, float)) for v in components):
        return None
    if len(components) == 1:
        return from_rgb(components[0], components[0], components[0])
    if len(components) == 3:
        return from_rgb(*components)
    if len(components) == 4:
        c, m, y, k = components
        return from_rgb((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None
