"""How each built-in backend recognises its bytes: magic numbers and a look at the content,
never the file extension. Each returns the format, None when the bytes are not its format, or
raises a typed ParseError for bytes of its kind that no reader here can take."""

from __future__ import annotations

import codecs
import io
import re
import zipfile

from .errors import CorruptFile, EncryptedFile, UnsupportedFormat, UnsupportedVersion

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
HWP3_MAGIC = b"HWP Document File V3"
# The OLE magic after a text-mode (UTF-8) transfer replaced its high bytes with U+FFFD.
MANGLED_OLE = b"\xef\xbf\xbd\xef\xbf\xbd\x11\xe0\xa1\xb1\x1a"
TEXT_SNIFF_BYTES = 64 * 1024


def pdf(data: bytes) -> str | None:
    return "pdf" if b"%PDF-" in data[:1024] else None


def hwp(data: bytes) -> str | None:
    if data.startswith(OLE_MAGIC):
        return "hwp"  # the HWP reader refuses OLE files that are not HWP 5 (e.g. .doc)
    if data.startswith(MANGLED_OLE):
        raise CorruptFile("HWP/OLE file damaged by a text-mode (UTF-8) transfer")
    if data.startswith(HWP3_MAGIC):
        raise UnsupportedVersion("HWP 3.x file: only HWP 5 and HWPX are supported")
    return None


def hwpx(data: bytes) -> str | None:
    if not data.startswith(ZIP_MAGIC):
        return None
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
    return None  # a zip of another kind (a .docx): another backend may read it


# The byte-order marks a text file may start with: Windows editors save UTF-16 (Notepad's
# 'Unicode') or UTF-8 with one. UTF-16 is only ever recognised by its mark.
TEXT_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def text_bom(data: bytes) -> tuple[str, int] | None:
    """(encoding, length of the mark) when `data` starts with a text encoding's byte-order mark."""
    for bom, encoding in TEXT_BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def text(data: bytes) -> str | None:
    if not looks_like_text(data[:TEXT_SNIFF_BYTES]):
        return None
    bom = text_bom(data)
    if bom is not None and bom[0] != "utf-8":
        head = data[bom[1] : bom[1] + 4096].decode(bom[0], errors="replace")
        sample = head.encode("utf-8").lstrip().lower()  # the markup test below reads bytes
    else:
        sample = data[:2048].lstrip().lower()
    if sample.startswith((b"<!doctype html", b"<html")) or b"<html" in sample[:512]:
        raise UnsupportedFormat("HTML page, not a report file")
    if re.match(rb"<[!?/a-z]", sample):
        # '<!--', '<?xml', '<div …': markup. '<2025년 주요업무계획>' is a text title.
        raise UnsupportedFormat("HTML/XML markup, not a report file")
    return "txt"


def looks_like_text(sample: bytes) -> bool:
    """Text, even with a few bytes that do not decode (one stray byte, a NUL, a cut last
    character): the text reader reports those. Binary content has many. Any space is text
    (U+00A0 and U+3000 are not `isprintable`, and a file copied from a Hancom document or a web
    page may space every word with U+00A0)."""
    bom = text_bom(sample)
    if bom is not None:
        encodings: tuple[str, ...] = (bom[0],)
        sample = sample[bom[1] :]
    else:
        if sample.count(b"\x00") > max(2, len(sample) // 1000):
            return False
        encodings = ("utf-8", "cp949")
    for encoding in encodings:
        # Incremental: a multibyte character cut at the sniff boundary is not an error.
        decoded = codecs.getincrementaldecoder(encoding)(errors="replace").decode(
            sample, final=False
        )
        printable = sum(ch.isprintable() or ch.isspace() for ch in decoded)
        if printable >= 0.95 * max(len(decoded), 1) and decoded.count("\ufffd") <= max(
            2, len(decoded) // 1000
        ):
            return True
    return False
