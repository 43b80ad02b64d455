"""Formats come from the content, never the file name."""

import io
import zipfile

import pytest

from kplan.parsers.detect import OLE_MAGIC, detect_format
from kplan.parsers.errors import (
    CorruptFile,
    EmptyDocument,
    EncryptedFile,
    UnsupportedFormat,
    UnsupportedVersion,
)


def zip_bytes(names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name in names:
            zf.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data, fmt",
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\n\n%PDF-1.4 after some junk", "pdf"),
        (OLE_MAGIC + b"\0" * 100, "hwp"),
        (zip_bytes(["mimetype", "Contents/section0.xml"]), "hwpx"),
        (zip_bytes(["Contents\\section0.xml"]), "hwpx"),  # backslash paths, as some tools write
        ("1-1-1 교원 자격단계별 핵심역량 강화 자격연수\n".encode(), "txt"),
        ("예산 집행 계획\n".encode("cp949"), "txt"),
        ("\ufeff예산 집행 계획\n".encode("utf-16-le"), "txt"),  # Notepad's 'Unicode'
        ("\ufeff예산 집행 계획\n".encode("utf-16-be"), "txt"),
        ("예산\u00a0집행\u00a0계획\u3000(단위:\u00a0천원)\n".encode(), "txt"),  # spaces all
    ],
)
def test_formats(data, fmt):
    assert detect_format(data) == fmt


@pytest.mark.parametrize(
    "data, error, code",
    [
        (b"", EmptyDocument, "empty"),
        (b"   \n\n", EmptyDocument, "empty"),
        (b"HWP Document File V3.00 \x1a\x01\x02", UnsupportedVersion, "unsupported_version"),
        (b"<!DOCTYPE html><html><body>x</body></html>", UnsupportedFormat, "unsupported_format"),
        (b"\n\n<!-- 2013 12 31 -->\n", UnsupportedFormat, "unsupported_format"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", UnsupportedFormat, "unsupported_format"),
        (b"PK\x03\x04 truncated zip", CorruptFile, "corrupt"),
        (zip_bytes(["word/document.xml"]), UnsupportedFormat, "unsupported_format"),
    ],
)
def test_refusals_are_typed(data, error, code):
    with pytest.raises(error) as info:
        detect_format(data)
    assert info.value.code == code


def test_encrypted_zip_is_refused():
    # A zip entry with the 'encrypted' flag bit set, as password-protected packages have.
    data = bytearray(zip_bytes(["Contents/section0.xml"]))
    local = data.find(b"PK\x03\x04")
    central = data.find(b"PK\x01\x02")
    data[local + 6] |= 1
    data[central + 8] |= 1
    with pytest.raises(EncryptedFile):
        detect_format(bytes(data))


def test_a_text_report_may_start_with_an_angle_bracket_title():
    assert detect_format("<2025년 주요업무계획>\n1-1-1 교원 연수\n".encode()) == "txt"
    assert detect_format("<표 1> 예산 현황\n".encode()) == "txt"
