"""Format detection from content (magic bytes), never from the file extension."""

from __future__ import annotations

import codecs
import io
import re
import zipfile

from .errors import CorruptFile, EmptyDocument, EncryptedFile, UnsupportedFormat, UnsupportedVersion
from .model import Format

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
HWP3_MAGIC = b"HWP Document File V3"
# The OLE magic after a text-mode (UTF-8) transfer replaced its high bytes with U+FFFD.
MANGLED_OLE = b"\xef\xbf\xbd\xef\xbf\xbd\x11\xe0\xa1\xb1\x1a"
TEXT_SNIFF_BYTES = 64 * 1024


def detect_format(data: bytes) -> Format:
    """Return 'pdf', 'hwp', 'hwpx' or 'txt' for `data`, or raise a typed ParseError."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(OLE_MAGIC):
        return "hwp"
    if data.startswith(MANGLED_OLE):
        raise CorruptFile(
            "HWP/OLE file damaged by a text-mode (UTF-8) transfer"
        )  # the HWP reader refuses OLE files that are not HWP 5 (e.g. .doc)
    if data.startswith(HWP3_MAGIC):
        raise UnsupportedVersion("HWP 3.x file: only HWP 5 and HWPX are supported")
    if data.startswith(ZIP_MAGIC):
        return _zip_kind(data)
    if not data.strip():
        raise EmptyDocument("file is empty")
    if _looks_like_text(data[:TEXT_SNIFF_BYTES]):
        sample = data[:2048].lstrip().lower()
        if sample.startswith((b"<!doctype html", b"<html")) or b"<html" in sample[:512]:
            raise UnsupportedFormat("HTML page, not a report file")
        if re.match(rb"<[!?/a-z]", sample):
            # '<!--', '<?xml', '<div …': markup. '<2025년 주요업무계획>' is a text title.
            raise UnsupportedFormat("HTML/XML markup, not a report file")
        return "txt"
    raise UnsupportedFormat("unrecognised binary content (not PDF, HWP, HWPX or text)")


def _zip_kind(data: bytes) -> Format:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
            if any(info.flag_bits & 0x1 for info in zf.infolist()):
                raise EncryptedFile("zip package is password-protected")
    except zipfile.BadZipFile as exc:
        raise CorruptFile(f"broken zip package: {exc}") from None
    normalized = [n.replace("\\", "/").lower() for n in names]
    if any(n.startswith("contents/section") for n in normalized) or "mimetype" in normalized:
        return "hwpx"
    raise UnsupportedFormat("zip package without HWPX contents (no Contents/section*.xml)")


def _looks_like_text(sample: bytes) -> bool:
    """Text, even with a few bytes that do not decode (one stray byte, a NUL, a cut last
    character): the text reader reports those. Binary content has many."""
    if sample.count(b"\x00") > max(2, len(sample) // 1000):
        return False
    for encoding in ("utf-8", "cp949"):
        # Incremental: a multibyte character cut at the sniff boundary is not an error.
        text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(sample, final=False)
        printable = sum(ch.isprintable() or ch in "\r\n\t\f" for ch in text)
        if printable >= 0.95 * max(len(text), 1) and text.count("\ufffd") <= max(
            2, len(text) // 1000
        ):
            return True
    return False
