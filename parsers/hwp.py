"""HWP 5 (OLE compound file) reader: pyhwp first, python-hwpx's HWP 5 converter as fallback.

`hwp5txt` prints every table as a "<표>" placeholder, so this reader works on pyhwp's record
model instead — the layer below `hwp5proc xml`: each record is decoded into pyhwp's model
(paragraph text, table and cell attributes, control types) — the frequent, fixed-layout ones
directly with `struct` (parsers/hwp_records.py: pyhwp's generic decoding was 95% of the time),
every other one, and any the direct decoding is not sure of, by pyhwp — and this module puts
the record tree together into paragraphs, tables (row, col, rowspan, colspan of every cell),
nested tables, text boxes and notes, then hands them to the assembly shared with the HWPX
reader (parsers/hancom.py).

It does the surrounding work itself so that one bad spot costs that spot, not the document:
* the FileHeader flags are read first: a password or DRM file is refused before pyhwp (which
  crashes on them with a TypeError) sees it; HWP 3.x and non-HWP OLE files are typed errors;
* section streams are decrypted (배포용 documents, pyhwp's distdoc + `cryptography`) and
  inflated here, under a size cap;
* records are split here: a record cut off by the end of the stream ends the section with an
  issue, a level that jumps is clamped;
* a record pyhwp cannot decode is skipped with an issue; paragraph text with a lone UTF-16
  surrogate is decoded leniently (the surrogate later becomes U+FFFD, counted);
* the structure (cells and their paragraphs, text boxes, captions, notes) is rebuilt from the
  record tree by the same rule pyhwp's xmlmodel uses: a list header owns the paragraphs that
  follow it.

When pyhwp still fails — on a whole section, or on records it had to skip — python-hwpx
(hwpx.hwp5) converts the file to OWPML section XML and the OWPML walker (parsers/owpml.py)
reads that; its result is used when it read every section. Otherwise pyhwp's partial result
stands, with its issues.
`Document.reader` says which library produced the document.
"""

from __future__ import annotations

import re
import struct
import warnings
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from io import BytesIO

import olefile
from hwp5.binmodel import Paragraph as HwpParagraph
from hwp5.binmodel import (
    ParaShape,
    ParaText,
    TableBody,
    UnknownTagModel,
    init_record_parsing_context,
)
from hwp5.binmodel.controls import GShapeObjectControl, TableControl, TCPSControl
from hwp5.binmodel.controls._shared import Control
from hwp5.binmodel.controls.note import EndNote, FootNote
from hwp5.binmodel.tagid56_list_header import (
    GShapeObjectCaption,
    ListHeader,
    TableCaption,
    TableCell,
)
from hwp5.recordstream import tagname
from hwp5.tagids import (
    HWPTAG_BORDER_FILL,
    HWPTAG_CTRL_HEADER,
    HWPTAG_PARA_SHAPE,
    HWPTAG_PARA_TEXT,
)

from . import metadata, shading
from .collector import collector_paused
from .errors import (
    RESOURCE_ERRORS,
    CorruptFile,
    DistributionDocument,
    EncryptedFile,
    LimitExceeded,
    ParseError,
    UnsupportedFormat,
    UnsupportedVersion,
)
from .hancom import (
    MAX_INFLATE_RATIO,
    RATIO_FREE_BYTES,
    BoxIR,
    CellIR,
    Heads,
    NoteIR,
    ParaIR,
    TableIR,
    Tally,
    assemble_section,
    check_cell_count,
    check_depth,
    check_inflation,
)
from .hancom_pua import overlap_text
from .hwp_bounds import DeclaredCountTooLarge, parse_model
from .hwp_records import decode_directly, para_text_chunks
from .model import Block, Document, ParseIssue
from .owpml import border_fills, document_from_sections, parse_xml
from .owpml import paragraph_heads as owpml_heads

MAX_STREAM_BYTES = 64 * 1024 * 1024  # as hwpx.MAX_PART_BYTES

# --------------------------------------------------------------------------------------------
# FileHeader

HWP5_SIGNATURE = b"HWP Document File"
FLAG_COMPRESSED = 1 << 0
FLAG_PASSWORD = 1 << 1
FLAG_DISTRIBUTION = 1 << 2
FLAG_DRM = 1 << 4
FLAG_CERT_ENCRYPTED = 1 << 8
FLAG_CERT_DRM = 1 << 10


@dataclass(frozen=True)
class FileHeader:
    version: tuple[int, int, int, int]  # (major, minor, build, revision), as pyhwp has it
    flags: int

    @property
    def compressed(self) -> bool:
        return bool(self.flags & FLAG_COMPRESSED)

    @property
    def distribution(self) -> bool:
        return bool(self.flags & FLAG_DISTRIBUTION)


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def open_ole(data: bytes) -> olefile.OleFileIO:
    # Checked here, and the bytes handed over as a file object: olefile takes short `bytes`
    # for a file name.
    if not data.startswith(OLE_MAGIC):
        raise CorruptFile("not an OLE2 compound file")
    try:
        return olefile.OleFileIO(BytesIO(data))
    except RESOURCE_ERRORS:
        raise
    except Exception as exc:  # olefile raises assorted errors on damaged containers
        raise CorruptFile(f"damaged OLE2 compound file: {type(exc).__name__}: {exc}") from None


def read_file_header(ole: olefile.OleFileIO) -> FileHeader:
    if not ole.exists("FileHeader"):
        raise UnsupportedFormat("OLE file that is not an HWP document (no FileHeader stream)")
    raw = ole.openstream("FileHeader").read()
    if len(raw) < 40 or not raw.startswith(HWP5_SIGNATURE):
        raise UnsupportedFormat("OLE file that is not an HWP document (bad FileHeader)")
    word, flags = struct.unpack_from("<II", raw, 32)
    version = ((word >> 24) & 0xFF, (word >> 16) & 0xFF, (word >> 8) & 0xFF, word & 0xFF)
    return FileHeader(version=version, flags=flags)


def refuse_protected(header: FileHeader) -> None:
    if header.version[0] != 5:
        raise UnsupportedVersion(
            f"HWP version {'.'.join(map(str, header.version))}: only HWP 5 is supported"
        )
    if header.flags & FLAG_PASSWORD:
        raise EncryptedFile("HWP document is password-protected")
    if header.flags & (FLAG_DRM | FLAG_CERT_ENCRYPTED | FLAG_CERT_DRM):
        raise EncryptedFile("HWP document is DRM- or certificate-protected")


# --------------------------------------------------------------------------------------------
# Section streams → records


def section_stream_names(ole: olefile.OleFileIO, storage: str) -> list[str]:
    numbered = []
    for entry in ole.listdir(streams=True, storages=False):
        if len(entry) == 2 and entry[0] == storage:
            m = re.fullmatch(r"Section(\d+)", entry[1])
            if m:
                numbered.append((int(m.group(1)), f"{storage}/{entry[1]}"))
    return [name for _, name in sorted(numbered)]


def decrypt_distribution(raw: bytes) -> bytes:
    """A 배포용 stream: a DISTRIBUTE_DOC_DATA record holding the key, then AES-128-ECB data."""
    from hwp5.distdoc import decode

    try:
        return decode(BytesIO(raw)).read()
    except RESOURCE_ERRORS:
        raise
    except Exception as exc:  # no key record, no AES backend, bad padding …
        raise DistributionDocument(
            f"배포용 stream could not be decrypted: {type(exc).__name__}: {exc}"
        ) from None


def inflate(raw: bytes, name: str, issues: list[ParseIssue]) -> bytes:
    """Raw-deflate `raw` under MAX_STREAM_BYTES and the ratio cap (`hancom.check_inflation`).
    Like pyhwp, a stream that is not deflate at all is taken as stored; one that breaks midway
    keeps what inflated, with an issue."""
    if not raw:
        return raw
    inflater = zlib.decompressobj(-15)
    # Never more than the ratio cap allows for these bytes: a bomb stops at the cap.
    bound = min(MAX_STREAM_BYTES, max(RATIO_FREE_BYTES, MAX_INFLATE_RATIO * len(raw)))
    try:
        out = inflater.decompress(raw, bound + 1)
    except zlib.error:
        return raw
    if len(out) > bound or inflater.unconsumed_tail:
        check_inflation(name, len(out), len(raw))
        raise LimitExceeded(f"{name} inflates past {MAX_STREAM_BYTES} bytes")
    if not inflater.eof:
        issues.append(
            ParseIssue(
                "truncated_stream",
                f"{name}: compressed data ends early; kept the {len(out)} bytes that inflated",
            )
        )
    return out


_UINT32 = struct.Struct("<I")
# pyhwp's name of each tag (recordstream.tagname), looked up once: a section holds thousands.
_TAG_NAMES: dict[int, str] = {}


def tag_name(tag: int) -> str:
    name = _TAG_NAMES.get(tag)
    if name is None:
        name = _TAG_NAMES[tag] = tagname(tag)  # at most 1024 tags
    return name


def split_records(payload: bytes, name: str, issues: list[ParseIssue]) -> list[dict]:
    """pyhwp record dicts from a section stream. Stops at a record the stream cuts off; clamps
    a level deeper than its predecessor allows (pyhwp would refuse the whole section)."""
    records: list[dict] = []
    offset, end, previous_level, clamped = 0, len(payload), -1, 0
    names = _TAG_NAMES
    while offset < end:
        if offset + 4 > end:
            issues.append(
                ParseIssue(
                    "truncated_record",
                    f"{name}: stream ends inside a record "
                    f"header at byte {offset}; kept {len(records)} records",
                )
            )
            break
        (word,) = _UINT32.unpack_from(payload, offset)
        tag, level, size = word & 0x3FF, (word >> 10) & 0x3FF, (word >> 20) & 0xFFF
        header = 4
        if size == 0xFFF:
            if offset + 8 > end:
                size = end  # forces the truncation branch below
            else:
                (size,) = _UINT32.unpack_from(payload, offset + 4)
                header = 8
        start = offset + header
        stop = start + size
        if stop > end:
            issues.append(
                ParseIssue(
                    "truncated_record",
                    f"{name}: record at byte {offset} "
                    f"runs past the end of the stream; kept {len(records)} "
                    "records before it",
                )
            )
            break
        if level > previous_level + 1:
            level, clamped = previous_level + 1, clamped + 1
        records.append(
            {
                "tagid": tag,
                "tagname": names.get(tag) or tag_name(tag),
                "level": level,
                "size": size,
                "payload": payload[start:stop],
                "seqno": len(records),
            }
        )
        previous_level, offset = level, stop
    if clamped:
        issues.append(
            ParseIssue(
                "record_level",
                f"{name}: {clamped} record(s) nested deeper "
                "than their parent allows were attached to the record before",
            )
        )
    return records


# --------------------------------------------------------------------------------------------
# Records → pyhwp models (tolerantly)


def _substitute_model(model: dict) -> None:
    """Give a record pyhwp could not decode a type that keeps the tree walkable."""
    payload = model["payload"]
    if model["tagid"] == HWPTAG_PARA_TEXT:
        try:
            model["type"], model["content"] = ParaText, {"chunks": para_text_chunks(payload)}
            return
        except RESOURCE_ERRORS:
            raise
        except Exception:
            pass
    if model["tagid"] == HWPTAG_CTRL_HEADER and len(payload) >= 4:
        chid = payload[3::-1].decode("latin-1")
        model["type"] = Control.extension_types.get(chid, Control)
        model["content"] = {"chid": chid}
        return
    model["type"], model["content"] = UnknownTagModel, {}


def with_parents(records: list[dict]) -> Iterator[tuple[tuple[dict, dict], tuple[dict, dict]]]:
    """(parent, item) of each record's item (parsing context, model); the parent of a record at
    the first one's level is a root item. pyhwp's treeop.prefix_ancestors_from_level, giving
    the parent only (its generic form was a tenth of the time of a section), and raising the
    same errors on a level that jumps or falls below the first."""
    root: tuple[dict, dict] = (dict(), dict())
    stack = [root]
    base = None
    for record in records:
        item: tuple[dict, dict] = ({}, record)
        level = record["level"]
        if base is None:
            base, level = level, 0
        else:
            level -= base
        if level < 0:  # below the first record's: pyhwp pops its stack empty
            raise IndexError("pop from empty list" if level < -1 else "list index out of range")
        if level + 1 < len(stack):
            del stack[level + 1 :]
        elif level + 1 > len(stack):
            raise Exception(f"invalid level: {level}, {len(stack) - 1}, {item}")
        yield stack[-1], item
        stack.append(item)


def parse_models(
    records: list[dict], version: tuple, name: str, issues: list[ParseIssue]
) -> list[dict]:
    """pyhwp's model for each record, parent before child as pyhwp needs; a record it cannot
    decode gets a substitute type (and an issue) instead of ending the section. A record
    declaring more entries than its bytes hold is refused before pyhwp allocates for them (an
    issue `limit_exceeded`): such records (tabs, line segments, points) hold no text."""
    context = dict(version=version)
    failed: list[str] = []
    refused: list[str] = []
    models = []
    # Each record's (parsing context, model), as pyhwp pairs them; a record decoded directly
    # needs no stream, only a context a child may mark (a table's body is seen).
    for parent, (record_context, model) in with_parents(records):
        try:
            if decode_directly(parent, model):
                models.append(model)
                continue
            record_context.update(init_record_parsing_context(context, model), parent=parent)
            parse_model(record_context, model)
        except DeclaredCountTooLarge as exc:
            model["type"], model["content"] = UnknownTagModel, {}
            refused.append(str(exc))
        except RESOURCE_ERRORS:
            raise
        except Exception as exc:  # pyhwp's ParseError, and struct/key errors on odd records
            _substitute_model(model)
            if model["type"] is not ParaText:
                failed.append(f"{model['tagname']}#{model['seqno']}: {type(exc).__name__}")
        models.append(model)
    if failed:
        issues.append(
            ParseIssue(
                "unreadable_record",
                f"{name}: pyhwp could not decode "
                f"{len(failed)} record(s), skipped: {', '.join(failed[:5])}",
            )
        )
    if refused:
        issues.append(
            ParseIssue(
                "limit_exceeded",
                f"{name}: {len(refused)} record(s) refused, skipped: {'; '.join(refused[:5])}",
            )
        )
    return models


# --------------------------------------------------------------------------------------------
# Model tree → IR


class Node:
    """One record of the tree: its pyhwp model type, its decoded content, its child records."""

    __slots__ = ("model", "attrs", "children")

    def __init__(self, model: type, attrs: dict) -> None:
        self.model = model  # always a class: pyhwp's, or the substitute a failure gets
        self.attrs = attrs
        self.children: list[Node] = []


def build_tree(models: list[dict]) -> Node:
    root = Node(object, {})
    stack = [root]
    for model in models:
        level = model["level"]
        if len(stack) > level + 1:
            del stack[level + 1 :]
        node = Node(model["type"], model.get("content") or {})
        stack[-1].children.append(node)
        stack.append(node)
    return root


def _is(node: Node, cls: type) -> bool:
    return issubclass(node.model, cls)


def _lists(children: list[Node]) -> list[tuple[Node, list[Node]]]:
    """(list header, its paragraphs): a list header owns the paragraphs that follow it, up to
    the next non-paragraph — the rule pyhwp's xmlmodel applies (make_paragraphs_children_of_
    listheader) to table cells, captions, text boxes and notes."""
    groups: list[tuple[Node, list[Node]]] = []
    current: list[Node] | None = None
    for child in children:
        if _is(child, ListHeader):
            current = []
            groups.append((child, current))
        elif _is(child, HwpParagraph):
            if current is not None:
                current.append(child)
        else:
            current = None
    return groups


_CONTROL_CHAR_TEXT = {0x09: "\t", 0x0A: "\n", 0x18: "-", 0x1E: " ", 0x1F: " "}


def _paragraph_text(chunks, overlaps: list[str] | None = None) -> str:
    """The text of a paragraph's chunks; an overlap control (글자 겹침) shows the character of
    its own record, `overlaps` in order."""
    if len(chunks) == 2 and chunks[1][1] == _PARAGRAPH_END and isinstance(chunks[0][1], str):
        return chunks[0][1]  # most paragraphs: their text, then the paragraph's end
    parts = []
    overlaps = list(overlaps or [])
    for _, chunk in chunks:
        if isinstance(chunk, str):
            parts.append(chunk)
        elif overlaps and chunk.get("chid") == "tcps":
            parts.append(overlaps.pop(0))
        else:
            parts.append(_CONTROL_CHAR_TEXT.get(chunk.get("code"), ""))
    return "".join(parts)


_PARAGRAPH_END = {"code": 0x0D}


def paragraph_ir(node: Node, depth: int) -> ParaIR:
    text, objects = "", []
    children = node.children
    overlaps = [
        overlap_text(c.attrs.get("textlength") or "")  # pyhwp names the characters so
        for c in children
        if issubclass(c.model, TCPSControl)
    ]
    for child in children:
        model = child.model
        if issubclass(model, ParaText):
            text = _paragraph_text(child.attrs.get("chunks") or [], overlaps)
        elif issubclass(model, Control):
            objects.extend(_control_objects(child, depth))
    return ParaIR(text, objects, node.attrs.get("parashape_id"))


def _paragraphs(nodes: list[Node], depth: int) -> list[ParaIR]:
    check_depth(depth)
    return [paragraph_ir(n, depth) for n in nodes]


def _control_objects(control: Node, depth: int) -> list:
    """The body content of one control; headers, footers, hidden comments, fields, numbering
    and section/column definitions contribute none."""
    if _is(control, TableControl):
        return [_table_ir(control, depth + 1)]
    if _is(control, GShapeObjectControl):
        return _shape_boxes(control, depth + 1)
    if _is(control, FootNote) or _is(control, EndNote):
        kind = "footnote" if _is(control, FootNote) else "endnote"
        return [
            NoteIR(kind, _paragraphs(paragraphs, depth + 1))
            for _, paragraphs in _lists(control.children)
        ]
    return []


def _shape_boxes(node: Node, depth: int) -> list[BoxIR]:
    """Text boxes anywhere in a drawing object (groups nest shape components), then its
    caption — the order the HWPX reader gives."""
    check_depth(depth)
    boxes: list[BoxIR] = []
    captions: list[BoxIR] = []
    for header, paragraphs in _lists(node.children):
        if _is(header, GShapeObjectCaption):
            captions.append(BoxIR(_paragraphs(paragraphs, depth), kind="caption"))
        else:
            boxes.append(BoxIR(_paragraphs(paragraphs, depth)))
    for child in node.children:
        if not _is(child, ListHeader) and not _is(child, HwpParagraph):
            boxes.extend(_shape_boxes(child, depth + 1))
    return boxes + captions


def _table_ir(control: Node, depth: int) -> TableIR:
    check_depth(depth)
    body = next((c for c in control.children if _is(c, TableBody)), None)
    cells: list[CellIR] = []
    caption: list[ParaIR] = []
    for header, paragraphs in _lists(control.children):
        if _is(header, TableCell):
            a = header.attrs
            fill_ref = a.get("borderfill_id")
            cells.append(
                CellIR(
                    row=a.get("row"),
                    col=a.get("col"),
                    rowspan=a.get("rowspan") or 1,
                    colspan=a.get("colspan") or 1,
                    paragraphs=_paragraphs(paragraphs, depth),
                    fill_ref=None if fill_ref is None else str(fill_ref),
                )
            )
            check_cell_count(len(cells))
        elif _is(header, TableCaption):
            caption = _paragraphs(paragraphs, depth)
    rows = (body.attrs.get("rows") if body else 0) or 0
    cols = (body.attrs.get("cols") if body else 0) or 0
    return TableIR(rows=rows, cols=cols, cells=cells, caption=caption)


def section_paragraphs(models: list[dict]) -> list[ParaIR]:
    root = build_tree(models)
    return [paragraph_ir(n, 0) for n in root.children if _is(n, HwpParagraph)]


# --------------------------------------------------------------------------------------------
# DocInfo: paragraph shapes

_HEAD_KINDS = {"OUTLINE": "outline", "NUMBER": "number", "BULLET": "bullet"}


def paragraph_heads(ole: olefile.OleFileIO, header: FileHeader) -> Heads:
    """Each paragraph shape's head (ParaShape attribute bits 23–27: head shape, level) by its
    index in DocInfo. None of it is needed to read the text: an unreadable DocInfo gives none."""
    if not ole.exists("DocInfo"):
        return {}
    issues: list[ParseIssue] = []
    try:
        raw = ole.openstream("DocInfo").read()
        payload = inflate(raw, "DocInfo", issues) if header.compressed else raw
        # Only the paragraph shapes, each as a top-level record: pyhwp decodes a shape by
        # itself, and the fonts, character shapes and styles around it are a third of the
        # decoding time of a whole HWP.
        records = [
            dict(r, level=0)
            for r in split_records(payload, "DocInfo", issues)
            if r["tagid"] == HWPTAG_PARA_SHAPE
        ]
        models = parse_models(records, header.version, "DocInfo", issues)
    except LimitExceeded:
        raise
    except RESOURCE_ERRORS:
        raise
    except Exception:  # a damaged DocInfo costs the heads only
        return {}
    heads: Heads = {}
    shapes = [m for m in models if m["type"] is ParaShape]
    for index, model in enumerate(shapes):
        flags = (model.get("content") or {}).get("parashapeflags")
        kind = _HEAD_KINDS.get(getattr(getattr(flags, "head_shape", None), "name", ""))
        if kind is not None:
            heads[index] = (kind, int(getattr(flags, "level", 0) or 0))
    return heads


# --------------------------------------------------------------------------------------------
# DocInfo border/fills and the summary information


def read_border_fills(
    ole: olefile.OleFileIO, header: FileHeader, issues: list[ParseIssue]
) -> dict[str, str]:
    """The solid background of each DocInfo BorderFill record, by the 1-based id a cell refers
    to it by ('83' → '#ffffcc'). Records without a colour fill are left out; an unreadable
    DocInfo costs the shading only (an issue), never the text."""
    fills: dict[str, str] = {}
    try:
        raw = ole.openstream("DocInfo").read()
        payload = inflate(raw, "DocInfo", issues) if header.compressed else raw
        # Only the BorderFill records (level 0, no children): a tab or style record pyhwp
        # cannot decode is nothing the text or the shading needs.
        records = [
            r for r in split_records(payload, "DocInfo", issues) if r["tagid"] == HWPTAG_BORDER_FILL
        ]
        models = parse_models(records, header.version, "DocInfo", issues)
    except LimitExceeded:
        raise
    except RESOURCE_ERRORS:
        raise
    except Exception as exc:  # no DocInfo, damaged records: cells just carry no fill
        issues.append(
            ParseIssue(
                "docinfo_unreadable",
                f"DocInfo: {type(exc).__name__}: {exc}; cell shading not read"[:300],
            )
        )
        return fills
    border_fills = [m for m in models if m["tagid"] == HWPTAG_BORDER_FILL]
    for number, model in enumerate(border_fills, start=1):
        pattern = (model.get("content") or {}).get("fill_colorpattern") or {}
        colour = shading.from_colorref(pattern.get("background_color"))
        if colour is not None:
            fills[str(number)] = colour
    return fills


SUMMARY_STREAM = "\x05HwpSummaryInformation"
# MS-OLEPS property ids and types the summary uses.
_SUMMARY_KEYS = {
    0x02: "title",
    0x03: "subject",
    0x04: "author",
    0x05: "keywords",
    0x0C: "created",
    0x0D: "modified",
}
VT_LPWSTR, VT_FILETIME = 0x1F, 0x40
MAX_PROPERTIES = 256
_FILETIME_EPOCH = datetime(1601, 1, 1)


def read_property_set(raw: bytes) -> dict[int, object]:
    """Property id → value (str or datetime) of the first property set of an MS-OLEPS stream,
    for the two types the summary's keys use. Read here, bounded by the stream's own bytes:
    pyhwp's reader allocates without limit on a damaged count, and olefile cuts Unicode
    strings at the wrong length. Raises ValueError/struct.error on a damaged stream."""
    if len(raw) < 48 or raw[:2] != b"\xfe\xff":
        raise ValueError("not a property set stream")
    (set_offset,) = struct.unpack_from("<I", raw, 44)
    size, count = struct.unpack_from("<II", raw, set_offset)
    if count > MAX_PROPERTIES or set_offset + 8 + 8 * count > len(raw):
        raise ValueError(f"{count} properties do not fit the stream")
    values: dict[int, object] = {}
    for index in range(count):
        pid, offset = struct.unpack_from("<II", raw, set_offset + 8 + 8 * index)
        if pid not in _SUMMARY_KEYS:
            continue
        at = set_offset + offset
        (vtype,) = struct.unpack_from("<H", raw, at)
        if vtype == VT_LPWSTR:
            (chars,) = struct.unpack_from("<I", raw, at + 4)
            text = raw[at + 8 : at + 8 + 2 * min(chars, metadata.MAX_VALUE_CHARS + 1)]
            values[pid] = text.decode("utf-16-le", errors="replace")
        elif vtype == VT_FILETIME:
            (ticks,) = struct.unpack_from("<Q", raw, at + 4)
            values[pid] = _FILETIME_EPOCH + timedelta(microseconds=ticks // 10)
    return values


def read_summary(ole: olefile.OleFileIO, issues: list[ParseIssue]) -> dict[str, str]:
    """Title, subject, author, keywords and dates from HwpSummaryInformation. A damaged or
    oversized stream is an issue, never a failure."""
    if not ole.exists(SUMMARY_STREAM):
        return {}
    try:
        if ole.get_size(SUMMARY_STREAM) > metadata.MAX_STREAM_BYTES:
            raise ValueError(f"{ole.get_size(SUMMARY_STREAM)} bytes")
        found = read_property_set(ole.openstream(SUMMARY_STREAM).read())
    except (ValueError, struct.error, OverflowError, OSError) as exc:
        issues.append(
            ParseIssue(
                "metadata_unreadable", f"HwpSummaryInformation: {type(exc).__name__}: {exc}"[:300]
            )
        )
        return {}
    values = {key: found.get(pid) for pid, key in _SUMMARY_KEYS.items()}
    for key in ("created", "modified"):
        moment = values[key]
        values[key] = metadata.iso_utc(moment) if isinstance(moment, datetime) else None
    return metadata.bounded(values)


# --------------------------------------------------------------------------------------------
# Readers


@dataclass
class PyhwpResult:
    blocks: list[Block]
    issues: list[ParseIssue]
    failed_sections: list[str]

    @property
    def lost_content(self) -> bool:
        """pyhwp failed on a section or on a record: worth asking python-hwpx."""
        return bool(self.failed_sections) or any(i.code == "unreadable_record" for i in self.issues)


def read_with_pyhwp(
    ole: olefile.OleFileIO, header: FileHeader, fills: dict[str, str] | None = None
) -> PyhwpResult:
    storage = "ViewText" if header.distribution else "BodyText"
    names = section_stream_names(ole, storage)
    if not names:
        if header.distribution:
            raise DistributionDocument("배포용 document without a ViewText section")
        raise CorruptFile("HWP document has no BodyText section")
    tally = Tally(fills=fills or {})
    blocks: list[Block] = []
    issues: list[ParseIssue] = []
    failed: list[str] = []
    heads = paragraph_heads(ole, header)
    for index, name in enumerate(names):
        section_issues: list[ParseIssue] = []
        try:
            raw = ole.openstream(name).read()
            if header.distribution:
                raw = decrypt_distribution(raw)
            payload = inflate(raw, name, section_issues) if header.compressed else raw
            records = split_records(payload, name, section_issues)
            models = parse_models(records, header.version, name, section_issues)
            paragraphs = section_paragraphs(models)
        except (LimitExceeded, DistributionDocument):
            raise
        except RESOURCE_ERRORS:
            raise
        except Exception as exc:  # whatever pyhwp raises on this section; the fallback may cope
            failed.append(f"{name}: {type(exc).__name__}: {exc}"[:300])
            continue
        blocks.extend(assemble_section(paragraphs, index, tally, heads))
        issues.extend(section_issues)
    return PyhwpResult(blocks, issues + tally.issues(), failed)


_HWPX_ERRORS = {
    "hwp5-password": EncryptedFile,
    "hwp5-drm": EncryptedFile,
    "hwp5-distribution": DistributionDocument,
    "hwp5-version-unsupported": UnsupportedVersion,
    "hwp5-limit-exceeded": LimitExceeded,
}


def read_with_python_hwpx(data: bytes, *, path: str) -> Document:
    """python-hwpx converts HWP 5 to OWPML section XML; the HWPX walker reads that."""
    from hwpx.errors import Hwp5Error
    from hwpx.hwp5.package import convert

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            converted = convert(data)
    except Hwp5Error as exc:
        raise _HWPX_ERRORS.get(getattr(exc, "code", ""), CorruptFile)(
            f"python-hwpx: {exc}"
        ) from None
    except RESOURCE_ERRORS:
        raise
    except Exception as exc:
        raise CorruptFile(f"python-hwpx: {type(exc).__name__}: {exc}"[:300]) from None
    names = sorted(
        (int(m.group(1)), key)
        for key in converted.files
        if (m := re.fullmatch(r"Contents/section(\d+)\.xml", key))
    )
    parts: list[tuple[str, bytes | CorruptFile]] = [(key, converted.files[key]) for _, key in names]
    if not parts:
        raise CorruptFile("python-hwpx: no section converted")
    try:
        fills = border_fills(converted.files.get("Contents/header.xml") or b"")
    except (CorruptFile, LimitExceeded):
        fills = {}  # the text stands without the shading
    return document_from_sections(
        parts,
        path=path,
        fmt="hwp",
        reader="python-hwpx",
        heads=_converted_heads(converted.files),
        fills=fills,
    )


def _converted_heads(files: dict) -> Heads:
    """The paragraph heads of python-hwpx's converted header.xml; none when it has none."""
    header = files.get("Contents/header.xml")
    if not header:
        return {}
    try:
        return owpml_heads(parse_xml(header, "Contents/header.xml"))
    except (CorruptFile, LimitExceeded):
        return {}


def read(data: bytes, *, path: str) -> Document:
    with collector_paused():
        return _read(data, path=path)


def _read(data: bytes, *, path: str) -> Document:
    ole = open_ole(data)
    file_issues: list[ParseIssue] = []
    try:
        header = read_file_header(ole)
        refuse_protected(header)
        fills = read_border_fills(ole, header, file_issues)
        summary = read_summary(ole, file_issues)
        primary = read_with_pyhwp(ole, header, fills)
    finally:
        ole.close()
    if primary.lost_content:
        try:
            fallback = read_with_python_hwpx(data, path=path)
        except ParseError:
            fallback = None
        if fallback is not None and not any(
            i.code in ("section_unreadable", "limit_exceeded") for i in fallback.issues
        ):
            fallback.metadata = summary
            fallback.issues[:0] = [i for i in file_issues if i.code == "metadata_unreadable"]
            return fallback
    if not primary.blocks and primary.failed_sections:
        message = "pyhwp could not read any section: " + "; ".join(primary.failed_sections)
        if header.distribution:
            raise DistributionDocument(message)
        raise CorruptFile(message)
    issues = (
        file_issues
        + primary.issues
        + [
            ParseIssue("section_unreadable", f"pyhwp: {failure}")
            for failure in primary.failed_sections
        ]
    )
    return Document(
        path=path,
        format="hwp",
        blocks=primary.blocks,
        reader="pyhwp",
        issues=issues,
        metadata=summary,
    )
