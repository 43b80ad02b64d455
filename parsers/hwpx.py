"""HWPX (OWPML zip package) reader.

The package is read defensively: every part is read through `ZipFile.open` in chunks and refused
past `MAX_PART_BYTES`; the XML of each part goes through the OWPML walker (parsers/owpml.py,
shared with the HWP reader's fallback), whose parser has entities, DTDs and the network off; the
walker's intermediate form is assembled into blocks by parsers/hancom.py.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from typing import Any

from . import metadata
from .collector import collector_paused
from .errors import RESOURCE_ERRORS, CorruptFile, EncryptedFile, LimitExceeded, ParseError
from .hancom import Heads, check_inflation
from .model import Document, ParseIssue
from .owpml import (
    document_from_sections,
    header_fills,
    local_name,
    paragraph_heads,
    parse_xml,
)

# The largest section of the corpus is 2.5 MB; 64 MB of section XML already takes ~40 s to read.
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 128 * 1024 * 1024  # all sections together: many large parts are a bomb too
MAX_SMALL_PART_BYTES = 4 * 1024 * 1024  # content.hpf, manifest.xml: small by nature
MAX_HEADER_BYTES = 32 * 1024 * 1024  # header.xml: styles and fonts, larger but bounded
READ_CHUNK = 64 * 1024


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
    entries: dict[str, zipfile.ZipInfo] = {}
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
    check_inflation(info.filename, info.file_size, info.compress_size)  # as declared …
    out = bytearray()
    try:
        with zf.open(info) as member:
            while chunk := member.read(READ_CHUNK):
                out += chunk
                if len(out) > limit:
                    raise LimitExceeded(f"{info.filename} inflates past {limit} bytes")
                check_inflation(info.filename, len(out), info.compress_size)  # … and as read
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, RuntimeError) as exc:
        raise CorruptFile(f"{info.filename}: {exc}") from None
    except RESOURCE_ERRORS:
        raise
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
    # A manifest too large or declaring a DTD is refused (LimitExceeded), as any part.
    try:
        root = parse_xml(read_part(zf, manifest, MAX_SMALL_PART_BYTES), "META-INF/manifest.xml")
    except CorruptFile:
        return  # a broken manifest does not stop the reading
    if any(local_name(el) == "encryption-data" for el in root.iter()):
        raise EncryptedFile("HWPX document is password-protected (manifest lists encrypted parts)")


def _hpf_section_names(
    zf: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo], parse=parse_xml
) -> list[str]:
    """Section part names in the order of content.hpf's spine (or manifest), normalised."""
    hpf = entries.get("contents/content.hpf")
    if hpf is None:
        return []
    try:
        root = parse(read_part(zf, hpf, MAX_SMALL_PART_BYTES), "Contents/content.hpf")
    except CorruptFile:
        return []
    hrefs: dict[str, str] = {}
    order: list[str] = []
    for el in root.iter():
        name = local_name(el)
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


def section_part_names(
    zf: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo], parse=parse_xml
) -> list[str]:
    """The section parts in reading order: content.hpf's when it lists them, then any other
    Contents/sectionN.xml by number (a section left out of the spine is still text)."""
    ordered = _hpf_section_names(zf, entries, parse)
    by_number = sorted(
        (int(m.group(1)), key) for key in entries if (m := _SECTION_NAME.fullmatch(key))
    )
    return ordered + [key for _, key in by_number if key not in ordered]


# content.hpf's opf:meta names → Document.metadata keys.
_HPF_META = {
    "creator": "author",
    "subject": "subject",
    "keyword": "keywords",
    "createddate": "created",
    "modifieddate": "modified",
}


def package_metadata(hpf_xml: bytes, parse=parse_xml) -> dict[str, str]:
    """Title, author, subject, keywords and dates from content.hpf's opf:metadata."""
    values: dict[str, str | None] = {}
    for element in parse(hpf_xml, "Contents/content.hpf").iter():
        name = local_name(element)
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


def _read_heads(zf: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo], parse=parse_xml) -> Heads:
    """The heads of Contents/header.xml; none when it is missing or unreadable (the text
    stands without them)."""
    header = entries.get("contents/header.xml")
    if header is None:
        return {}
    try:
        return paragraph_heads(parse(read_part(zf, header), "Contents/header.xml"))
    except (CorruptFile, LimitExceeded):
        return {}


def _read_or_error(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int | None = None
) -> bytes | CorruptFile:
    try:
        return read_part(zf, info, limit)
    except CorruptFile as exc:
        return exc


def parse_once() -> Callable[[bytes, str], Any]:
    """`parse_xml`, each part parsed once per package: header.xml gives the heads and the
    fills, content.hpf the section order and the metadata (and header.xml is the largest part
    after the sections)."""
    parsed: dict[str, tuple[bytes, Any]] = {}

    def parse(data: bytes, part: str) -> Any:
        if part in parsed and parsed[part][0] == data:
            return parsed[part][1]
        root = parse_xml(data, part)  # an error is not kept: parsing again raises it again
        parsed[part] = (data, root)
        return root

    return parse


def read(data: bytes, *, path: str) -> Document:
    with collector_paused():
        return _read(data, path=path)


def _read(data: bytes, *, path: str) -> Document:
    zf = _open_zip(data)
    parse = parse_once()
    with zf:
        entries = _entries(zf)
        _refuse_encrypted(zf, entries)
        names = section_part_names(zf, entries, parse)
        if not names:
            raise CorruptFile("HWPX package has no Contents/section*.xml")
        heads = _read_heads(zf, entries, parse)
        package_issues: list[ParseIssue] = []
        fills = _read_optional_part(
            zf,
            entries,
            "Contents/header.xml",
            MAX_HEADER_BYTES,
            lambda header: header_fills(parse(header, "Contents/header.xml")),
            "header_unreadable",
            "; cell shading not read",
            package_issues,
        )
        about = _read_optional_part(
            zf,
            entries,
            "Contents/content.hpf",
            MAX_SMALL_PART_BYTES,
            lambda hpf: package_metadata(hpf, parse),
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
