"""HWPX (OWPML zip package) reader, and the block assembly it shares with the HWP reader.

Both Hancom readers first turn a section into a small format-neutral form — `ParaIR` (a
paragraph's own text plus the objects anchored in it: tables, text boxes, notes) — and
`assemble_section` turns that into `Document` blocks. So positions, table grids, nested tables,
private-use characters and the safety caps behave the same for .hwp and .hwpx, and the HWP
fallback (python-hwpx converts HWP 5 into OWPML section XML) reuses the OWPML walker below.

Conventions:
* A paragraph's text is one `Paragraph` block; the tables, text boxes and notes anchored in it
  follow it as their own blocks, in the order they are anchored. Empty paragraphs are skipped.
* Position: "section S paragraph P", P the index of the top-level paragraph in its section; text
  from a text box, a shape's caption or a foot/endnote adds " textbox" / " caption" /
  " footnote" / " endnote". A shape's text boxes come before its caption.
* A cell's text is its paragraphs (and the text boxes inside them), one line each. Tables inside
  a cell go to `Table.nested[(row, col)]`; notes inside a table follow the table.
* Headers, footers, master pages, hidden comments and memo fields are not body text: left out.
* Tracked changes: the text as accepted (deleted runs left out, inserted runs kept).
* Tab, line break and the special spaces become "\\t", "\\n" and " ".

The package is read defensively: every part is read through `ZipFile.open` in chunks and refused
past `MAX_PART_BYTES`; XML is parsed with entity resolution, DTD loading and network access off,
and a part that declares a DTD at all is refused (no HWPX part has one); tables are capped in
cells and grid size, and nesting (tables in cells in text boxes …) in depth.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from . import metadata, shading
from .errors import CorruptFile, EncryptedFile, LimitExceeded, ParseError
from .hancom_pua import map_private_use, overlap_text
from .model import Block, Cell, Document, Paragraph, ParseIssue, Table

MAX_PART_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 400 * 1024 * 1024  # all sections together: many large parts are a bomb too
MAX_SMALL_PART_BYTES = 4 * 1024 * 1024  # content.hpf, manifest.xml: small by nature
MAX_HEADER_BYTES = 32 * 1024 * 1024  # header.xml: styles and fonts, larger but bounded
MAX_TABLE_CELLS = 100_000
MAX_TABLE_GRID = 2_000_000  # rows × cols: a consumer may allocate the grid
MAX_NESTING_DEPTH = 16  # tables / text boxes inside each other
READ_CHUNK = 64 * 1024

# --------------------------------------------------------------------------------------------
# Format-neutral intermediate form


@dataclass
class ParaIR:
    """One paragraph: its own text (raw, as stored) and the objects anchored in it."""

    text: str
    objects: list[ObjectIR] = field(default_factory=list)
    shape: str | int | None = None  # its paragraph shape (paraPrIDRef, HWP parashape id)


# A paragraph shape's head, as `Paragraph.head` has it, by shape id.
Heads = dict[str | int, tuple[str, int]]


@dataclass
class CellIR:
    row: int | None  # None when the file does not say; placed by `_place_cells`
    col: int | None
    rowspan: int
    colspan: int
    paragraphs: list[ParaIR]
    # The cell's border/fill id in the document's table of them (HWPX borderFillIDRef, HWP
    # TableCell.borderfill_id); `Tally.fills` resolves it to a colour.
    fill_ref: str | None = None


@dataclass
class TableIR:
    rows: int
    cols: int
    cells: list[CellIR]
    caption: list[ParaIR] = field(default_factory=list)


@dataclass
class BoxIR:
    """Text inside a drawing object: a text box, or the caption of a shape."""

    paragraphs: list[ParaIR]
    kind: str = "textbox"  # or "caption"


@dataclass
class NoteIR:
    kind: str  # "footnote" or "endnote"
    paragraphs: list[ParaIR]


ObjectIR = TableIR | BoxIR | NoteIR


def check_depth(depth: int) -> None:
    if depth > MAX_NESTING_DEPTH:
        raise LimitExceeded(
            f"objects nested more than {MAX_NESTING_DEPTH} deep (tables in cells in text boxes …)"
        )


def check_cell_count(count: int) -> None:
    if count > MAX_TABLE_CELLS:
        raise LimitExceeded(f"a table has more than {MAX_TABLE_CELLS} cells")


# --------------------------------------------------------------------------------------------
# Assembly: IR → blocks


_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class Tally:
    """What was repaired while assembling, reported as issues (the document becomes partial)."""

    unknown_pua: Counter = field(default_factory=Counter)
    lone_surrogates: int = 0
    duplicate_cells: int = 0
    # Background colour ('#rrggbb') of each border/fill id of the document that has one.
    fills: dict[str, str] = field(default_factory=dict)

    def issues(self) -> list[ParseIssue]:
        out = []
        if self.unknown_pua:
            codes = ", ".join(f"U+{code:04X}×{n}" for code, n in sorted(self.unknown_pua.items()))
            out.append(
                ParseIssue(
                    "unknown_pua",
                    f"{sum(self.unknown_pua.values())} private-use "
                    f"character(s) with no known meaning ({codes}): a bullet where "
                    "they open a paragraph, dropped elsewhere",
                )
            )
        if self.lone_surrogates:
            out.append(
                ParseIssue(
                    "lone_surrogate",
                    f"{self.lone_surrogates} unpaired UTF-16 surrogate(s) replaced with U+FFFD",
                )
            )
        if self.duplicate_cells:
            out.append(
                ParseIssue(
                    "table_overlap",
                    f"{self.duplicate_cells} table cell(s) whose "
                    "origin another cell already holds were dropped",
                )
            )
        return out


def clean_text(text: str, tally: Tally) -> str:
    """Stored text: lone surrogates replaced, private-use characters mapped."""
    if _SURROGATE.search(text):
        tally.lone_surrogates += len(_SURROGATE.findall(text))
        text = _SURROGATE.sub("\ufffd", text)
    return map_private_use(text, tally.unknown_pua)


def assemble_section(
    paragraphs: Iterable[ParaIR], section: int, tally: Tally, heads: Heads | None = None
) -> list[Block]:
    blocks: list[Block] = []
    for index, para in enumerate(paragraphs):
        _emit_paragraph(para, f"section {section} paragraph {index}", blocks, tally, 0, heads or {})
    return blocks


def _emit_paragraph(
    para: ParaIR, position: str, out: list[Block], tally: Tally, depth: int, heads: Heads
) -> None:
    check_depth(depth)
    text = clean_text(para.text, tally).rstrip()
    if text.strip():
        out.append(Paragraph(text=text, position=position, head=heads.get(para.shape)))
    notes: list[NoteIR] = []
    for obj in para.objects:
        if isinstance(obj, TableIR):
            out.append(_table(obj, position, tally, depth + 1, notes))
        elif isinstance(obj, BoxIR):
            for inner in obj.paragraphs:
                _emit_paragraph(inner, f"{position} {obj.kind}", out, tally, depth + 1, heads)
        else:
            notes.append(obj)
    _emit_notes(notes, position, out, tally, depth, heads)


def _emit_notes(
    notes: list[NoteIR], position: str, out: list[Block], tally: Tally, depth: int, heads: Heads
) -> None:
    for note in notes:
        for inner in note.paragraphs:
            _emit_paragraph(inner, f"{position} {note.kind}", out, tally, depth + 1, heads)


def _table(table: TableIR, position: str, tally: Tally, depth: int, notes: list[NoteIR]) -> Table:
    check_depth(depth)
    check_cell_count(len(table.cells))
    cells: list[Cell] = []
    nested: dict[tuple[int, int], list[Table]] = {}
    taken: set[tuple[int, int]] = set()
    for cell, (row, col) in zip(table.cells, _place_cells(table.cells)):
        if (row, col) in taken:
            tally.duplicate_cells += 1
            continue
        taken.add((row, col))
        lines: list[str] = []
        inner_tables: list[Table] = []
        _cell_content(cell.paragraphs, lines, inner_tables, notes, position, tally, depth)
        cells.append(
            Cell(
                row=row,
                col=col,
                text="\n".join(lines),
                rowspan=max(cell.rowspan, 1),
                colspan=max(cell.colspan, 1),
                fill=tally.fills.get(cell.fill_ref),
            )
        )
        if inner_tables:
            nested[(row, col)] = inner_tables
    n_rows = max([table.rows] + [c.row + c.rowspan for c in cells])
    n_cols = max([table.cols] + [c.col + c.colspan for c in cells])
    if n_rows * n_cols > MAX_TABLE_GRID:
        raise LimitExceeded(
            f"a table spans {n_rows}×{n_cols} positions (more than {MAX_TABLE_GRID})"
        )
    caption_lines = [clean_text(p.text, tally).strip() for p in table.caption]
    caption = "\n".join(line for line in caption_lines if line) or None
    return Table(
        cells=cells, n_rows=n_rows, n_cols=n_cols, position=position, caption=caption, nested=nested
    )


def _cell_content(
    paragraphs: list[ParaIR],
    lines: list[str],
    tables: list[Table],
    notes: list[NoteIR],
    position: str,
    tally: Tally,
    depth: int,
) -> None:
    check_depth(depth)
    for para in paragraphs:
        line = clean_text(para.text, tally).strip()
        if line:
            lines.append(line)
        for obj in para.objects:
            if isinstance(obj, TableIR):
                inner = _table(obj, position, tally, depth + 1, notes)
                if inner.n_rows == inner.n_cols == 1 and len(inner.cells) == 1 and not inner.nested:
                    # A box of one cell inside a cell (a title over a list) is text of the
                    # cell where it stands, as a reader and the PDF export see it.
                    box = inner.cells[0].text.split("\n") + (inner.caption or "").split("\n")
                    lines.extend(line for line in box if line)
                else:
                    tables.append(inner)
            elif isinstance(obj, BoxIR):
                _cell_content(obj.paragraphs, lines, tables, notes, position, tally, depth + 1)
            else:
                notes.append(obj)


def _place_cells(cells: list[CellIR]) -> list[tuple[int, int]]:
    """Each cell's (row, col): as the file gives it, or, for a cell without an address, the
    first free position after the previous cell (rows in file order)."""
    if all(c.row is not None and c.col is not None for c in cells):
        return [(c.row, c.col) for c in cells]
    occupied: set[tuple[int, int]] = set()
    placed: list[tuple[int, int]] = []
    cursor_row, cursor_col = 0, 0
    for cell in cells:
        rowspan, colspan = max(cell.rowspan, 1), max(cell.colspan, 1)
        if rowspan * colspan > MAX_TABLE_GRID:
            raise LimitExceeded(f"a table cell spans {rowspan}×{colspan} positions")
        if cell.row is not None and cell.col is not None:
            row, col = cell.row, cell.col
        else:
            row, col = cursor_row, cursor_col
            while (row, col) in occupied:
                col += 1
        placed.append((row, col))
        occupied.update(
            (r, c) for r in range(row, row + rowspan) for c in range(col, col + colspan)
        )
        if len(occupied) > MAX_TABLE_GRID:
            raise LimitExceeded(f"a table spans more than {MAX_TABLE_GRID} positions")
        cursor_row, cursor_col = row, col + colspan
    return placed


# --------------------------------------------------------------------------------------------
# OWPML section XML → IR


def _local(element) -> str:
    tag = element.tag
    if not isinstance(tag, str):  # comments, processing instructions, entity refs
        return ""
    return tag.rsplit("}", 1)[-1]


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


def _paragraphs(container, depth: int) -> list[ParaIR]:
    """Paragraphs of a section, a subList, or a cell that holds its paragraphs directly."""
    check_depth(depth)
    out: list[ParaIR] = []
    for child in container:
        name = _local(child)
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
        name = _local(run)
        if name == "run":
            for item in run:
                _run_item(item, parts, objects, deleting, depth)
        elif name in ("tbl", "ctrl", "t") or name in _SHAPES:
            _run_item(run, parts, objects, deleting, depth)
    return ParaIR("".join(parts), objects, p.get("paraPrIDRef"))


def _run_item(
    item, parts: list[str], objects: list[ObjectIR], deleting: list[bool], depth: int
) -> None:
    name = _local(item)
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
        name = _local(child)
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
        name = _local(child)
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
        NoteIR(kinds[_local(child)], _paragraphs(child, depth))
        for child in ctrl
        if _local(child) in kinds
    ]


def _table_ir(tbl, depth: int) -> TableIR:
    check_depth(depth)
    cells: list[CellIR] = []
    caption: list[ParaIR] = []
    for child in tbl:
        name = _local(child)
        if name == "tr":
            for tc in child:
                if _local(tc) == "tc":
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
    for child in tc:
        name = _local(child)
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
        paragraphs=_paragraphs(tc, depth),
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
        raise CorruptFile(f"{part} is not well-formed XML: {exc}") from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        raise CorruptFile(
            f"{part} declares a DTD; HWPX parts never do, so it is refused "
            "(entity expansion / external entity risk)"
        )
    return root


# --------------------------------------------------------------------------------------------
# Package


_SECTION_NAME = re.compile(r"contents/section(\d+)\.xml")


def _open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise CorruptFile(f"broken zip package: {exc}") from None


def _entries(zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """Zip members by normalised name: forward slashes (some writers use backslashes), no
    leading slash, lower case."""
    entries = {}
    for info in zf.infolist():
        key = info.filename.replace("\\", "/").lstrip("/").lower()
        entries.setdefault(key, info)
    return entries


def read_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int | None = None) -> bytes:
    """The decompressed bytes of one member, refusing anything past `limit` (MAX_PART_BYTES)."""
    limit = MAX_PART_BYTES if limit is None else limit
    if info.flag_bits & 0x1:
        raise EncryptedFile("zip package is password-protected")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        # Only stored and deflated members inflate under a bound in ZipFile.open.
        raise CorruptFile(
            f"{info.filename}: compression method {info.compress_type} is not used by HWPX"
        )
    if info.file_size > limit:
        raise LimitExceeded(f"{info.filename} declares {info.file_size} bytes (more than {limit})")
    out = bytearray()
    try:
        with zf.open(info) as member:
            while chunk := member.read(READ_CHUNK):
                out += chunk
                if len(out) > limit:
                    raise LimitExceeded(f"{info.filename} inflates past {limit} bytes")
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, RuntimeError) as exc:
        raise CorruptFile(f"{info.filename}: {exc}") from None
    except Exception as exc:  # zlib.error and friends from a damaged deflate stream
        if isinstance(exc, ParseError):
            raise
        raise CorruptFile(f"{info.filename}: {type(exc).__name__}: {exc}") from None
    return bytes(out)


def _refuse_encrypted(zf: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo]) -> None:
    if any(info.flag_bits & 0x1 for info in entries.values()):
        raise EncryptedFile("zip package is password-protected")
    manifest = entries.get("meta-inf/manifest.xml")
    if manifest is None:
        return
    try:
        root = parse_xml(read_part(zf, manifest, MAX_SMALL_PART_BYTES), "META-INF/manifest.xml")
    except CorruptFile:
        return  # a broken manifest does not stop the reading
    if any(_local(el) == "encryption-data" for el in root.iter()):
        raise EncryptedFile("HWPX document is password-protected (manifest lists encrypted parts)")


def _hpf_section_names(zf: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo]) -> list[str]:
    """Section part names in the order of content.hpf's spine (or manifest), normalised."""
    hpf = entries.get("contents/content.hpf")
    if hpf is None:
        return []
    try:
        root = parse_xml(read_part(zf, hpf, MAX_SMALL_PART_BYTES), "Contents/content.hpf")
    except CorruptFile:
        return []
    hrefs: dict[str, str] = {}
    order: list[str] = []
    for el in root.iter():
        name = _local(el)
        if name == "item" and el.get("id") is not None and el.get("href"):
            hrefs[el.get("id")] = el.get("href")
        elif name == "itemref" and el.get("idref"):
            order.append(el.get("idref"))
    listed = [hrefs[i] for i in order if i in hrefs] or list(hrefs.values())
    names = []
    for href in listed:
        key = href.replace("\\", "/").lstrip("/").lower()
        if not key.startswith("contents/"):
            key = "contents/" + key  # hrefs relative to content.hpf's folder
        if _SECTION_NAME.fullmatch(key) and key in entries and key not in names:
            names.append(key)
    return names


def section_part_names(zf: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo]) -> list[str]:
    """The section parts in reading order: content.hpf's when it lists them, then any other
    Contents/sectionN.xml by number (a section left out of the spine is still text)."""
    ordered = _hpf_section_names(zf, entries)
    by_number = sorted(
        (int(m.group(1)), key) for key in entries if (m := _SECTION_NAME.fullmatch(key))
    )
    return ordered + [key for _, key in by_number if key not in ordered]


def border_fills(header_xml: bytes) -> dict[str, str]:
    """The background colour of each hh:borderFill in Contents/header.xml by its id, from its
    hc:fillBrush/hc:winBrush faceColor ('none', gradations and images: no colour)."""
    fills: dict[str, str] = {}
    for element in parse_xml(header_xml, "Contents/header.xml").iter():
        if _local(element) != "borderFill" or element.get("id") is None:
            continue
        brush = next((b for b in element.iter() if _local(b) == "winBrush"), None)
        colour = shading.from_hex(brush.get("faceColor")) if brush is not None else None
        if colour is not None:
            fills[element.get("id")] = colour
    return fills


# content.hpf's opf:meta names → Document.metadata keys.
_HPF_META = {
    "creator": "author",
    "subject": "subject",
    "keyword": "keywords",
    "createddate": "created",
    "modifieddate": "modified",
}


def package_metadata(hpf_xml: bytes) -> dict[str, str]:
    """Title, author, subject, keywords and dates from content.hpf's opf:metadata."""
    values: dict[str, str | None] = {}
    for element in parse_xml(hpf_xml, "Contents/content.hpf").iter():
        name = _local(element)
        if name == "title":
            values.setdefault("title", element.text)
        elif name == "meta" and (element.get("name") or "").lower() in _HPF_META:
            key = _HPF_META[element.get("name").lower()]
            text = element.text  # its "content" attribute is the type ("text")
            if key in ("created", "modified"):
                text = metadata.iso_date(text)
            values.setdefault(key, text)
    return metadata.bounded(values)


def _read_optional_part(
    zf: zipfile.ZipFile,
    entries: dict[str, zipfile.ZipInfo],
    name: str,
    cap: int,
    read,
    code: str,
    consequence: str,
    issues: list[ParseIssue],
) -> dict[str, str]:
    """An optional part (header.xml's fills, content.hpf's metadata) read by `read`; missing,
    it is nothing; unreadable, an issue saying what is lost, never a failed document."""
    info = entries.get(name.lower())
    if info is None:
        return {}
    try:
        return read(read_part(zf, info, cap))
    except (CorruptFile, LimitExceeded) as exc:
        issues.append(ParseIssue(code, f"{name}: {exc.message}{consequence}"))
        return {}
    try:
        return package_metadata(read_part(zf, info, MAX_SMALL_PART_BYTES))
    except (CorruptFile, LimitExceeded) as exc:
        issues.append(ParseIssue("metadata_unreadable", f"Contents/content.hpf: {exc.message}"))
        return {}


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
    section is an issue, not a failure; all unreadable is a CorruptFile."""
    tally = Tally(fills=fills or {})  # the header's border/fill colours the cells refer to
    blocks: list[Block] = []
    issues: list[ParseIssue] = []
    read_ok = 0
    for index, (name, xml) in enumerate(parts):
        try:
            if isinstance(xml, CorruptFile):
                raise xml
            paragraphs = section_paragraphs(parse_xml(xml, name))
        except CorruptFile as exc:
            issues.append(
                ParseIssue("section_unreadable", f"section {index} ({name}): {exc.message}")
            )
            continue
        blocks.extend(assemble_section(paragraphs, index, tally, heads))
        read_ok += 1
    if read_ok == 0:
        raise CorruptFile("no section could be read: " + "; ".join(i.message for i in issues))
    return Document(
        path=path, format=fmt, blocks=blocks, reader=reader, issues=issues + tally.issues()
    )


HEAD_KINDS = {"OUTLINE": "outline", "NUMBER": "number", "BULLET": "bullet"}


def paragraph_heads(header_root) -> Heads:
    """Each paragraph shape's head (`hh:paraPr` › `hh:heading type= level=`) by its id: the
    outline number, numbering or bullet Hancom draws before such a paragraph."""
    heads: Heads = {}
    for para_pr in header_root.iter():
        if _local(para_pr) != "paraPr" or para_pr.get("id") is None:
            continue
        heading = next((el for el in para_pr.iter() if _local(el) == "heading"), None)
        kind = HEAD_KINDS.get(heading.get("type", "")) if heading is not None else None
        if kind is not None:
            heads[para_pr.get("id")] = (kind, _int(heading.get("level"), 0) or 0)
    return heads


def _read_heads(zf: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo]) -> Heads:
    """The heads of Contents/header.xml; none when it is missing or unreadable (the text
    stands without them)."""
    header = entries.get("contents/header.xml")
    if header is None:
        return {}
    try:
        return paragraph_heads(parse_xml(read_part(zf, header), "Contents/header.xml"))
    except (CorruptFile, LimitExceeded):
        return {}


def _read_or_error(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int | None = None
) -> bytes | CorruptFile:
    try:
        return read_part(zf, info, limit)
    except CorruptFile as exc:
        return exc


def read(data: bytes, *, path: str) -> Document:
    zf = _open_zip(data)
    with zf:
        entries = _entries(zf)
        _refuse_encrypted(zf, entries)
        names = section_part_names(zf, entries)
        if not names:
            raise CorruptFile("HWPX package has no Contents/section*.xml")
        heads = _read_heads(zf, entries)
        package_issues: list[ParseIssue] = []
        fills = _read_optional_part(
            zf,
            entries,
            "Contents/header.xml",
            MAX_HEADER_BYTES,
            border_fills,
            "header_unreadable",
            "; cell shading not read",
            package_issues,
        )
        about = _read_optional_part(
            zf,
            entries,
            "Contents/content.hpf",
            MAX_SMALL_PART_BYTES,
            package_metadata,
            "metadata_unreadable",
            "",
            package_issues,
        )
        parts = []
        budget = MAX_TOTAL_BYTES
        for name in names:
            part = _read_or_error(zf, entries[name], min(MAX_PART_BYTES, budget))
            if isinstance(part, bytes):
                budget -= len(part)
            parts.append((entries[name].filename, part))
    doc = document_from_sections(
        parts, path=path, fmt="hwpx", reader="lxml", heads=heads, fills=fills
    )
    doc.metadata = about
    doc.issues[:0] = package_issues
    return doc
