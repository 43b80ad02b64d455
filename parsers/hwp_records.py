"""Direct decoding of the records an HWP section is mostly made of.

pyhwp decodes a record through a generic, event-driven description of its type: about 0.1 ms a
record, 95% of the time kplan spent reading an HWP (a 30-page report holds ~10,000 records).
A few record kinds make up almost all of them — paragraph headers, their text, character
shapes, line segments, table cells' list headers, and DocInfo's paragraph shapes and
border/fills, tables' and drawing objects' control headers — and their layout is fixed. Those are
decoded here with `struct`, into the same model (type and content) pyhwp gives, but only when
pyhwp could not fail on them: a record too short for its fields, a list header that is not a
table cell, or a parent of an unexpected kind is left to pyhwp, so a damaged record meets
exactly the handling (a substitute, an issue, the fallback reader) it met before. The declared
counts of hwp_bounds.py are checked here as well, with the same outcome.
"""

from __future__ import annotations

import codecs
import re
import struct

from hwp5.binmodel import (
    BorderFill,
    ControlChar,
    ParaCharShape,
    ParaLineSeg,
    ParaRangeTag,
    ParaShape,
    ParaText,
    TableBody,
)
from hwp5.binmodel import Paragraph as HwpParagraph
from hwp5.binmodel.controls import GShapeObjectControl, TableControl
from hwp5.binmodel.tagid56_list_header import TableCell
from hwp5.tagids import (
    HWPTAG_BORDER_FILL,
    HWPTAG_CTRL_HEADER,
    HWPTAG_LIST_HEADER,
    HWPTAG_PARA_CHAR_SHAPE,
    HWPTAG_PARA_HEADER,
    HWPTAG_PARA_LINE_SEG,
    HWPTAG_PARA_RANGE_TAG,
    HWPTAG_PARA_SHAPE,
    HWPTAG_PARA_TEXT,
    HWPTAG_TABLE,
)

from .errors import RESOURCE_ERRORS
from .hwp_bounds import PARENT_COUNTS, DeclaredCountTooLarge

# 표 53 문단 헤더: text, controlmask (UINT32); parashape_id (UINT16); style_id, split (BYTE);
# charshapes, rangetags, linesegs (UINT16); instance_id (UINT32). Later versions append fields.
_PARA_HEADER = struct.Struct("<IIHBBHHHI")
# 표 60 문단 리스트 헤더, then 표 75 셀 속성: paragraphs, unknown1 (UINT16), listflags (UINT32);
# col, row, colspan, rowspan (UINT16); width, height (SHWPUNIT); padding (4 × HWPUNIT16);
# borderfill_id (UINT16); unknown_width (SHWPUNIT).
_TABLE_CELL = struct.Struct("<HHIHHHHiihhhhHi")
# 표 38 문단 모양: its attributes (UINT32) first; 42 bytes of fixed fields, 46 from 5.0.1.7.
_PARA_SHAPE_SIZE = 46
# 표 18 테두리/배경: attributes (UINT16), five borders of 6 bytes, the fill's kinds (UINT32);
# then, for a colour fill (kind bit 0), background and pattern COLORREF and the pattern type.
_FILL_KINDS_AT = 32
_BORDER_FILL_SIZE = 36
_COLOUR_FILL = struct.Struct("<iiI")
_FILL_COLOUR, _FILL_IMAGE, _FILL_GRADATION = 1, 2, 4
# 표 70 표 개체: attributes (UINT32), rows, cols (UINT16), cell spacing, padding (5 ×
# HWPUNIT16); a UINT16 per row, the border/fill id (UINT16), the zones (UINT16 count, 10 bytes
# each; from 5.0.0.7).
_TABLE_BODY = struct.Struct("<IHH")
_TABLE_FIXED, _ZONE_SIZE = 18, 10
# 표 64 개체 공통 속성 of a table or drawing object: its id (4 bytes), attributes, offsets, size,
# z-order, margins, instance id (40 bytes with the id); from 5.0.0.5 an INT16 and a description
# (BSTR: UINT16 length, UTF-16 characters).
_COMMON_CONTROLS = {b" lbt": TableControl, b" osg": GShapeObjectControl}
_DESCRIPTION_AT = 44
# A control code: a UTF-16 unit below 0x20 (found at an even offset).
_CONTROL_CODE = re.compile(rb"[\x00-\x1f]\x00")
_ARRAY_TYPES = {
    HWPTAG_PARA_CHAR_SHAPE: ParaCharShape,
    HWPTAG_PARA_LINE_SEG: ParaLineSeg,
    HWPTAG_PARA_RANGE_TAG: ParaRangeTag,
}


def decode_directly(parent: tuple[dict, dict], model: dict) -> bool:
    """Give `model` the type and content pyhwp would, when it is a record decoded here and
    pyhwp could not fail on it; False leaves it to pyhwp. Raises DeclaredCountTooLarge as
    hwp_bounds.parse_model does."""
    decode = _DECODERS.get(model["tagid"])
    return decode is not None and decode(parent, model)


def _paragraph_text(parent: tuple[dict, dict], model: dict) -> bool:
    model["type"], model["content"] = ParaText, {"chunks": para_text_chunks(model["payload"])}
    return True


def _paragraph_header(parent: tuple[dict, dict], model: dict) -> bool:
    payload = model["payload"]
    if len(payload) < _PARA_HEADER.size:
        return False  # pyhwp's error on it is the reader's business
    fields = _PARA_HEADER.unpack_from(payload)
    model["type"] = HwpParagraph
    model["content"] = {
        "parashape_id": fields[2],
        "style_id": fields[3],
        "charshapes": fields[5],
        "rangetags": fields[6],
        "linesegs": fields[7],
        "instance_id": fields[8],
    }
    return True


def _paragraph_array(parent: tuple[dict, dict], model: dict) -> bool:
    """A paragraph's char shapes, line segments or range tags: an array of fixed-size entries
    the paragraph header counts. Nothing of it is read, only its bound checked."""
    parent_model = parent[1]
    if parent_model.get("type") is not HwpParagraph:
        return False  # pyhwp finds no count to read
    name, size = PARENT_COUNTS[model["tagid"]]
    count = parent_model["content"][name]
    if count * size > len(model["payload"]):
        raise DeclaredCountTooLarge(model, count, len(model["payload"]))
    model["type"], model["content"] = _ARRAY_TYPES[model["tagid"]], {}
    return True


def _table_cell(parent: tuple[dict, dict], model: dict) -> bool:
    """A list header after a table's body is a cell (pyhwp's rule, list_header_models)."""
    parent_context, parent_model = parent
    if parent_model.get("type") is not TableControl or not parent_context.get("seen_table_body"):
        return False
    payload = model["payload"]
    if len(payload) < _TABLE_CELL.size:
        return False
    fields = _TABLE_CELL.unpack_from(payload)
    model["type"] = TableCell
    model["content"] = {
        "paragraphs": fields[0],
        "col": fields[3],
        "row": fields[4],
        "colspan": fields[5],
        "rowspan": fields[6],
        "width": fields[7],
        "height": fields[8],
        "borderfill_id": fields[13],
    }
    return True


def _common_control(parent: tuple[dict, dict], model: dict) -> bool:
    """A table's or a drawing object's control header: only its kind is read. Decoded here
    only when it holds every member of the latest version, description included, and that
    description is text pyhwp decodes (strictly)."""
    payload = model["payload"]
    control = _COMMON_CONTROLS.get(payload[:4])
    if control is None or len(payload) < _DESCRIPTION_AT:
        return False
    (chars,) = struct.unpack_from("<H", payload, _DESCRIPTION_AT - 2)
    description = payload[_DESCRIPTION_AT : _DESCRIPTION_AT + 2 * chars]
    if len(description) < 2 * chars:
        return False
    try:
        description.decode("utf-16-le")
    except UnicodeDecodeError:
        return False
    model["type"], model["content"] = control, {"chid": payload[3::-1].decode("latin-1")}
    return True


def _table_body(parent: tuple[dict, dict], model: dict) -> bool:
    """A table's body: its rows and columns are read. Decoded here only when every member up to
    the zones is in the record, so pyhwp could not fail on it in any version."""
    payload = model["payload"]
    if len(payload) < _TABLE_FIXED:
        return False
    _, rows, cols = _TABLE_BODY.unpack_from(payload)
    zones_at = _TABLE_FIXED + 2 * rows + 2
    if len(payload) < zones_at + 2:
        return False
    (zones,) = struct.unpack_from("<H", payload, zones_at)
    if zones * _ZONE_SIZE > len(payload) - zones_at - 2:
        return False  # pyhwp's error, or hwp_bounds' refusal
    model["type"], model["content"] = TableBody, {"rows": rows, "cols": cols}
    parent_context, parent_model = parent
    if parent_model.get("type") is TableControl:  # TableControl.on_child: cells follow
        parent_context["seen_table_body"] = True
    return True


def _paragraph_shape(parent: tuple[dict, dict], model: dict) -> bool:
    """DocInfo's paragraph shape: only its attributes are read (head shape, level)."""
    payload = model["payload"]
    if len(payload) < _PARA_SHAPE_SIZE:
        return False
    (flags,) = struct.unpack_from("<I", payload)
    model["type"], model["content"] = ParaShape, {"parashapeflags": ParaShape.Flags(flags)}
    return True


def _border_fill(parent: tuple[dict, dict], model: dict) -> bool:
    """DocInfo's border/fill: only a colour fill's background is read. A gradation or an
    image (variable-length) is left to pyhwp."""
    payload = model["payload"]
    if len(payload) < _BORDER_FILL_SIZE:
        return False
    (kinds,) = struct.unpack_from("<I", payload, _FILL_KINDS_AT)
    if kinds & (_FILL_IMAGE | _FILL_GRADATION):
        return False
    content: dict = {}
    if kinds & _FILL_COLOUR:
        if len(payload) < _BORDER_FILL_SIZE + _COLOUR_FILL.size:
            return False
        background, pattern, _ = _COLOUR_FILL.unpack_from(payload, _BORDER_FILL_SIZE)
        content["fill_colorpattern"] = {"background_color": background, "pattern_color": pattern}
    model["type"], model["content"] = BorderFill, content
    return True


def para_text_chunks(payload: bytes) -> list:
    """pyhwp's ParaTextChunks, more forgiving: text is decoded with surrogatepass (a lone UTF-16
    surrogate in real text — it happens — stays one code point for `clean_text` to replace),
    and a control code pyhwp does not know counts as one character of no text. Where pyhwp
    reads the text, this gives the same chunks."""
    chunks: list = []
    # The codec itself: bytes.decode looks it up by name, a third of the time of short text.
    size = len(payload) - len(payload) % 2
    index = text_start = 0
    search = _CONTROL_CODE.search
    match = search(payload, 0, size)
    if match is not None and match.start() == size - 2 and payload[size - 2] == _PARAGRAPH_END:
        return _text_then_end(payload, size)  # most paragraphs: text, then the paragraph's end
    while match := search(payload, index, size):
        index = match.start()
        if index % 2:  # the high byte of one character, the low of the next: no code
            index += 1
            continue
        if text_start < index:
            text = _utf16(payload[text_start:index], "surrogatepass", True)[0]
            chunks.append(((text_start // 2, index // 2), text))
        code = payload[index]
        if code in _WIDE_CONTROLS:
            stop = min(index + 16, size)
            try:
                chunk = ControlChar.decode(payload[index:stop])
            except RESOURCE_ERRORS:
                raise
            except Exception:  # an inline/extended control cut short
                chunk = {"code": code}
        else:  # what ControlChar.decode gives a character control
            stop = index + 2
            chunk = {"code": code}
        chunks.append(((index // 2, stop // 2), chunk))
        index = text_start = stop
    if text_start < size:
        text = _utf16(payload[text_start:size], "surrogatepass", True)[0]
        chunks.append(((text_start // 2, size // 2), text))
    return chunks


_PARAGRAPH_END = 0x0D


def _text_then_end(payload: bytes, size: int) -> list:
    """`para_text_chunks` of text whose only control code is its last unit, a paragraph end."""
    end = size // 2 - 1
    chunks: list = (
        [((0, end), _utf16(payload[: size - 2], "surrogatepass", True)[0])] if end else []
    )
    chunks.append(((end, end + 1), {"code": _PARAGRAPH_END}))
    return chunks


# The control codes of 8 UTF-16 units (inline and extended controls, their parameters
# following the code); every other code below 0x20 is one unit.
_utf16 = codecs.utf_16_le_decode
_WIDE_CONTROLS = frozenset(
    code for code in range(0x20) if (ControlChar.kinds.get(chr(code)) or ControlChar.CHAR).size > 1
)
_DECODERS = {
    HWPTAG_PARA_TEXT: _paragraph_text,
    HWPTAG_PARA_HEADER: _paragraph_header,
    HWPTAG_PARA_CHAR_SHAPE: _paragraph_array,
    HWPTAG_PARA_LINE_SEG: _paragraph_array,
    HWPTAG_PARA_RANGE_TAG: _paragraph_array,
    HWPTAG_LIST_HEADER: _table_cell,
    HWPTAG_CTRL_HEADER: _common_control,
    HWPTAG_TABLE: _table_body,
    HWPTAG_PARA_SHAPE: _paragraph_shape,
    HWPTAG_BORDER_FILL: _border_fill,
}
