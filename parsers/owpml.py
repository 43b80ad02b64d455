"""OWPML (the XML of HWPX sections and header) → the Hancom intermediate form.

Read by the HWPX reader for a package's parts, and by the HWP reader for the section XML
python-hwpx converts an HWP 5 file into (its fallback), so both read OWPML the same way.

* Headers, footers, master pages, hidden comments and memo fields are not body text: left out.
* Tracked changes: the text as accepted (deleted runs left out, inserted runs kept).
* Tab, line break and the special spaces become "\\t", "\\n" and " ".

XML is parsed with entity resolution, DTD loading and network access off, and a part that
declares a DTD at all is refused (no OWPML part has one).
"""

from __future__ import annotations

import re

from lxml import etree

from . import shading
from .errors import CorruptFile, LimitExceeded
from .hancom import (
    BoxIR,
    CellIR,
    Heads,
    NoteIR,
    ObjectIR,
    ParaIR,
    TableIR,
    Tally,
    assemble_section,
    check_cell_count,
    check_depth,
)
from .hancom_pua import overlap_text
from .model import Block, Document, ParseIssue

# --------------------------------------------------------------------------------------------
# OWPML section XML → IR


# Local name by lxml tag ('{namespace}name'): the walker asks for one per element, and a part
# uses a few dozen tags. Bounded, for a part made of many distinct ones.
_LOCAL_NAMES: dict = {}
_MAX_LOCAL_NAMES = 4096


def local_name(element) -> str:
    tag = element.tag
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        # comments, processing instructions, entity refs: no name
        name = tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
        if len(_LOCAL_NAMES) < _MAX_LOCAL_NAMES:
            _LOCAL_NAMES[tag] = name
    return name


def _int(value: str | None, default: int | None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# Drawing objects; any of them can carry text (drawText) or a caption.
_SHAPES = frozenset(
    {
        "rect",
        "ellipse",
        "arc",
        "polygon",
        "curve",
        "connectLine",
        "line",
        "container",
        "pic",
        "ole",
        "equation",
        "textart",
        "video",
        "chart",
    }
)
_SPECIAL_CHARS = {"tab": "\t", "lineBreak": "\n", "nbSpace": " ", "fwSpace": " ", "hyphen": "-"}


def section_paragraphs(section_root) -> list[ParaIR]:
    """The top-level paragraphs of one `hs:sec` element."""
    return _paragraphs(section_root, 0)


def _paragraphs(container, depth: int, children: list | None = None) -> list[ParaIR]:
    """Paragraphs of a section, a subList, or a cell that holds its paragraphs directly
    (`children`: the container's children, when the caller has them)."""
    check_depth(depth)
    out: list[ParaIR] = []
    for child in container if children is None else children:
        name = local_name(child)
        if name == "p":
            out.append(_paragraph(child, depth))
        elif name == "subList":
            out.extend(_paragraphs(child, depth))
        elif name == "tbl":  # a table outside any paragraph (some generators)
            out.append(ParaIR("", [_table_ir(child, depth + 1)]))
    return out


def _paragraph(p, depth: int) -> ParaIR:
    parts: list[str] = []
    objects: list[ObjectIR] = []
    deleting = [False]  # tracked deletion open across runs
    for run in p:
        name = local_name(run)
        if name == "run":
            for item in run:
                _run_item(item, parts, objects, deleting, depth)
        elif name in ("tbl", "ctrl", "t") or name in _SHAPES:
            _run_item(run, parts, objects, deleting, depth)
    return ParaIR("".join(parts), objects, p.get("paraPrIDRef"))


def _run_item(
    item, parts: list[str], objects: list[ObjectIR], deleting: list[bool], depth: int
) -> None:
    name = local_name(item)
    if name == "t":
        _text(item, parts, deleting)
    elif name == "tbl":
        objects.append(_table_ir(item, depth + 1))
    elif name in _SHAPES:
        objects.extend(_shape_boxes(item, depth + 1))
    elif name == "ctrl":
        objects.extend(_notes(item, depth + 1))
    elif name == "compose" and not deleting[0]:  # overlapped characters: '⑩' over a box
        parts.append(overlap_text(item.get("composeText") or ""))
    elif name in ("deleteBegin", "deleteEnd"):
        deleting[0] = name == "deleteBegin"


def _text(t, parts: list[str], deleting: list[bool]) -> None:
    if t.text and not deleting[0]:
        parts.append(t.text)
    for child in t:
        name = local_name(child)
        if name in ("deleteBegin", "deleteEnd"):
            deleting[0] = name == "deleteBegin"
        elif not deleting[0] and name in _SPECIAL_CHARS:
            parts.append(_SPECIAL_CHARS[name])
        if child.tail and not deleting[0]:
            parts.append(child.tail)


def _shape_boxes(shape, depth: int) -> list[BoxIR]:
    """Text boxes of a drawing object (and of the members of a group), then its caption."""
    check_depth(depth)
    boxes: list[BoxIR] = []
    captions: list[BoxIR] = []
    for child in shape:
        name = local_name(child)
        if name == "drawText":
            boxes.append(BoxIR(_paragraphs(child, depth)))
        elif name == "caption":
            captions.append(BoxIR(_paragraphs(child, depth), kind="caption"))
        elif name in _SHAPES:  # the members of a group (container)
            boxes.extend(_shape_boxes(child, depth + 1))
    return boxes + captions


def _notes(ctrl, depth: int) -> list[NoteIR]:
    kinds = {"footNote": "footnote", "endNote": "endnote"}
    return [
        NoteIR(kinds[local_name(child)], _paragraphs(child, depth))
        for child in ctrl
        if local_name(child) in kinds
    ]


def _table_ir(tbl, depth: int) -> TableIR:
    check_depth(depth)
    cells: list[CellIR] = []
    caption: list[ParaIR] = []
    for child in tbl:
        name = local_name(child)
        if name == "tr":
            for tc in child:
                if local_name(tc) == "tc":
                    cells.append(_cell_ir(tc, depth))
                    check_cell_count(len(cells))
        elif name == "tc":
            cells.append(_cell_ir(child, depth))
            check_cell_count(len(cells))
        elif name == "caption":
            caption = _paragraphs(child, depth)
    return TableIR(
        rows=_int(tbl.get("rowCnt"), 0) or 0,
        cols=_int(tbl.get("colCnt"), 0) or 0,
        cells=cells,
        caption=caption,
    )


def _cell_ir(tc, depth: int) -> CellIR:
    row = col = None
    rowspan = colspan = 1
    children = list(tc)  # read twice: the cell's place, then its paragraphs
    for child in children:
        name = local_name(child)
        if name == "cellAddr":
            row, col = _int(child.get("rowAddr"), None), _int(child.get("colAddr"), None)
        elif name == "cellSpan":
            rowspan = _int(child.get("rowSpan"), 1) or 1
            colspan = _int(child.get("colSpan"), 1) or 1
    if row is not None and row < 0 or col is not None and col < 0:
        row = col = None
    return CellIR(
        row=row,
        col=col,
        rowspan=rowspan,
        colspan=colspan,
        paragraphs=_paragraphs(tc, depth, children),
        fill_ref=tc.get("borderFillIDRef"),
    )


# --------------------------------------------------------------------------------------------
# Safe XML


def parse_xml(data: bytes, part: str):
    """Parse one XML part with entities, DTDs and the network off; refuse any DTD."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        if _LIMIT_MESSAGES.search(str(exc)):  # libxml2's own caps: depth, entity expansion
            raise LimitExceeded(f"{part}: {exc}") from None
        raise CorruptFile(f"{part} is not well-formed XML: {exc}") from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        raise LimitExceeded(
            f"{part} declares a DTD; HWPX parts never do, so it is refused "
            "(entity expansion / external entity risk)"
        )
    return root


_LIMIT_MESSAGES = re.compile(r"Excessive depth|entity reference loop|amplification|huge", re.I)


def border_fills(header_xml: bytes) -> dict[str, str]:
    """The background colour of each hh:borderFill in Contents/header.xml by its id, from its
    hc:fillBrush/hc:winBrush faceColor ('none', gradations and images: no colour)."""
    return header_fills(parse_xml(header_xml, "Contents/header.xml"))


def header_fills(header_root) -> dict[str, str]:
    """`border_fills` of a parsed header."""
    fills: dict[str, str] = {}
    # "{*}name": the element in any namespace (or none), found by lxml itself.
    for element in header_root.iter("{*}borderFill"):
        if element.get("id") is None:
            continue
        brush = next(element.iter("{*}winBrush"), None)
        colour = shading.from_hex(brush.get("faceColor")) if brush is not None else None
        if colour is not None:
            fills[element.get("id")] = colour
    return fills


def document_from_sections(
    parts: list[tuple[str, bytes | CorruptFile]],
    *,
    path: str,
    fmt: str,
    reader: str,
    heads: Heads | None = None,
    fills: dict[str, str] | None = None,
) -> Document:
    """A Document from OWPML section XML parts (or the error met reading one): one unreadable
    section is an issue, not a failure; none readable is a CorruptFile, or LimitExceeded when
    every section was refused by a cap (a DTD, nesting too deep)."""
    tally = Tally(fills=fills or {})  # the header's border/fill colours the cells refer to
    blocks: list[Block] = []
    issues: list[ParseIssue] = []
    read_ok = refused = 0
    for index, (name, xml) in enumerate(parts):
        try:
            if isinstance(xml, CorruptFile):
                raise xml
            paragraphs = section_paragraphs(parse_xml(xml, name))
        except (CorruptFile, LimitExceeded) as exc:
            limit = isinstance(exc, LimitExceeded)
            refused += limit
            code = "limit_exceeded" if limit else "section_unreadable"
            issues.append(ParseIssue(code, f"section {index} ({name}): {exc.message}"))
            continue
        blocks.extend(assemble_section(paragraphs, index, tally, heads))
        read_ok += 1
    if read_ok == 0:
        error = LimitExceeded if refused == len(parts) else CorruptFile
        raise error("no section could be read: " + "; ".join(i.message for i in issues))
    return Document(
        path=path, format=fmt, blocks=blocks, reader=reader, issues=issues + tally.issues()
    )


HEAD_KINDS = {"OUTLINE": "outline", "NUMBER": "number", "BULLET": "bullet"}


def paragraph_heads(header_root) -> Heads:
    """Each paragraph shape's head (`hh:paraPr` › `hh:heading type= level=`) by its id: the
    outline number, numbering or bullet Hancom draws before such a paragraph."""
    heads: Heads = {}
    for para_pr in header_root.iter("{*}paraPr"):
        if para_pr.get("id") is None:
            continue
        heading = next(para_pr.iter("{*}heading"), None)
        kind = HEAD_KINDS.get(heading.get("type", "")) if heading is not None else None
        if kind is not None and heading is not None:
            heads[para_pr.get("id")] = (kind, _int(heading.get("level"), 0) or 0)
    return heads
