"""Files made to break the readers (issue 10, items 1 and 3): each is read in a child process
under a memory cap and a timeout (pipeline/fuzz.parse_capped), and the test asserts the typed
outcome and that time and memory stayed under generous bounds — not a benchmark."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest
from conftest import SAMPLE_STEM, SAMPLES
from test_hwp import rebuild, streams

from kplan.parsers import hwp, parse_bytes, pdf
from kplan.pipeline.fuzz import parse_capped

HWPTAG_TAB_DEF = 16 + 6
CAP = 1536 * 1024 * 1024  # address space of the child: the bombs asked for tens of GB
TIMEOUT = 60  # seconds; each case here takes well under a few seconds when bounded


def sample(fmt: str) -> bytes:
    return (SAMPLES / f"{SAMPLE_STEM}.{fmt}").read_bytes()


def tabdef_bomb() -> bytes:
    """The sample HWP with one HWPTAG_TAB_DEF record claiming 0xFFFFFFFF tabs (flags, count and
    nothing else) prepended to BodyText/Section0."""
    section = zlib.decompress(streams(sample("hwp"))["BodyText/Section0"], -15)
    record = struct.pack("<I", HWPTAG_TAB_DEF | 0 << 10 | 8 << 20) + struct.pack(
        "<II", 0, 0xFFFFFFFF
    )
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = deflate.compress(record + section) + deflate.flush()
    return rebuild(sample("hwp"), {"BodyText/Section0": packed})


def test_seoul_edu_hwp_with_a_tabdef_bomb_refuses_the_record_in_bounded_memory(tmp_path):
    path = tmp_path / "tabdef_bomb.hwp"
    path.write_bytes(tabdef_bomb())
    outcome = parse_capped(path, max_memory=CAP, timeout=TIMEOUT)
    assert (outcome.status, outcome.error, outcome.crash) == ("partial", None, None)
    assert outcome.issues == ["limit_exceeded"]
    assert outcome.seconds < 30 and outcome.peak_mb < 1024
    # The record is refused, the text read: the document's first lines, as the page prints them.
    doc = parse_bytes(path.read_bytes(), path=str(path))
    assert "HWPTAG_TAB_DEF#0 declares 4294967295 entries" in doc.issues[0].message
    assert [p.text.strip() for p in doc.paragraphs()][:2] == [
        "서울특별시교육청교육연수원",
        "일반 현황",
    ]


def test_a_paragraph_header_count_its_records_cannot_hold_is_refused():
    from hwp5.tagids import HWPTAG_PARA_LINE_SEG

    from kplan.parsers.hwp_bounds import DeclaredCountTooLarge, check_parent_count

    model = {"tagid": HWPTAG_PARA_LINE_SEG, "tagname": "HWPTAG_PARA_LINE_SEG", "seqno": 7}
    parent = ({}, {"content": {"linesegs": 65535}})
    with pytest.raises(DeclaredCountTooLarge, match="declares 65535 entries with 36 bytes"):
        check_parent_count({"parent": parent}, {**model, "payload": b"\0" * 36})
    check_parent_count(
        {"parent": ({}, {"content": {"linesegs": 1}})}, {**model, "payload": b"\0" * 36}
    )


def test_a_memory_error_in_a_hwp_record_is_limit_exceeded_on_the_file(monkeypatch):
    def exhausted(context, model):
        raise MemoryError

    monkeypatch.setattr(hwp, "parse_model", exhausted)
    doc = parse_bytes(sample("hwp"), path="t.hwp")
    assert (doc.status, doc.error) == ("failed", "limit_exceeded")


def test_a_memory_error_on_a_pdf_page_is_limit_exceeded_not_a_lost_page(monkeypatch):
    def exhausted(page, number, settings):
        raise MemoryError

    monkeypatch.setattr(pdf, "read_page", exhausted)
    doc = parse_bytes(sample("pdf"), path="t.pdf")
    assert (doc.status, doc.error) == ("failed", "limit_exceeded")


def with_section(hwpx: bytes, section: bytes) -> bytes:
    """The HWPX package `hwpx` with Contents/section0.xml replaced (deflated)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(hwpx)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            data = section if info.filename == "Contents/section0.xml" else old.read(info)
            new.writestr(info, data, compress_type=info.compress_type)
    return out.getvalue()


def dense_section(megabytes: int) -> bytes:
    """The sample's section0.xml with one paragraph repeated until it is `megabytes` long: it
    deflates some 300 to 1, as the repro's 150 MB section in a 545 KB file does."""
    xml = zipfile.ZipFile(io.BytesIO(sample("hwpx"))).read("Contents/section0.xml")
    start = xml.index(b"<hp:p ", xml.index(b"</hp:p>"))  # the second paragraph
    end = xml.index(b"</hp:p>", start) + len(b"</hp:p>")
    paragraph = xml[start:end]
    body = paragraph * (megabytes * 1024 * 1024 // len(paragraph))
    return xml[:start] + body + xml[end:]


@pytest.mark.parametrize("megabytes", [150, 20])
def test_seoul_edu_hwpx_with_a_dense_section_is_limit_exceeded_in_bounded_memory(
    tmp_path, megabytes
):
    """150 MB: past the part cap, refused by its declared size; 20 MB: under it, refused by the
    ratio (real sections inflate at most ~25×)."""
    path = tmp_path / f"dense_{megabytes}m.hwpx"
    path.write_bytes(with_section(sample("hwpx"), dense_section(megabytes)))
    assert path.stat().st_size < megabytes * 1024 * 1024 / 100
    outcome = parse_capped(path, max_memory=CAP, timeout=TIMEOUT)
    assert (outcome.status, outcome.error, outcome.crash) == ("failed", "limit_exceeded", None)
    assert outcome.seconds < 30 and outcome.peak_mb < 512


def test_an_8_mb_text_report_is_read_in_bounded_time_and_memory(tmp_path):
    """The sample text repeated to 8.5 MB and cut mid-character: read whole, in one pass."""
    text = sample("txt")
    data = (text * (8_500_000 // len(text) + 1))[:8_500_000]
    path = tmp_path / "big.txt"
    path.write_bytes(data)
    outcome = parse_capped(path, max_memory=CAP, timeout=TIMEOUT)
    assert (outcome.status, outcome.crash) == ("partial", None)
    assert "invalid_bytes" in outcome.issues  # the cut last character
    assert outcome.seconds < 30 and outcome.peak_mb < 1024
    doc = parse_bytes(data, path=str(path))
    title = "서울특별시교육청교육연수원"  # the cover's first line, once per copy
    lines = data.decode("utf-8", errors="replace").replace("\f", "\n").split("\n")
    assert sum(line.strip() == title for line in lines) == 8_500_000 // len(text) + 1
    assert sum(p.text.strip() == title for p in doc.paragraphs()) == 8_500_000 // len(text) + 1
