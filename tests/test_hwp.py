"""HWP backend on files written here by python-hwpx's HWP 5 writer, then altered stream by stream
(flags, records, text) to reach each failure mode without the corpus."""

from __future__ import annotations

import functools
import io
import struct
import warnings
import zlib
from concurrent.futures import ProcessPoolExecutor

import olefile
from hwpx import HwpxDocument
from hwpx.hwp5.cfb import build_compound_file

from kplan.parsers import hwp, parse_bytes
from kplan.parsers.model import Table

SECTION = "BodyText/Section0"
PARA_TEXT = 67
TABLE = 77


@functools.cache
def sample_hwp() -> bytes:
    """A small HWP 5 file: a header, a paragraph with a Wingdings bullet and a footnote, a table
    with a merged cell and a nested table, a text box, and a Hancom boxed-digit paragraph."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = HwpxDocument.new()
        doc.set_header_text("머리말 텍스트")
        first = doc.add_paragraph("본문 \uf0a7 문단")
        doc.add_footnote("각주 내용", first)
        table = doc.add_table(2, 2)
        table.merge_cells(0, 0, 0, 1)
        table.set_cell_text(0, 0, "병합")
        table.set_cell_text(1, 0, "가")
        inner = table.cell(1, 1).add_table(1, 2)
        inner.set_cell_text(0, 0, "안")
        inner.set_cell_text(0, 1, "쪽")
        boxed = doc.add_paragraph("상자 앞")
        doc.add_rectangle(paragraph=boxed).set_draw_text("글상자 글")
        doc.add_paragraph("마지막 \U000f02b2 문단")
        return doc.to_bytes(format="hwp")


EXPECTED = [
    ("section 0 paragraph 1", "본문 ▪ 문단"),
    ("section 0 paragraph 1 footnote", "각주 내용"),
    ("section 0 paragraph 2", [(0, 0, 1, 2, "병합"), (1, 0, 1, 1, "가"), (1, 1, 1, 1, "")]),
    ("section 0 paragraph 3", "상자 앞"),
    ("section 0 paragraph 3 textbox", "글상자 글"),
    ("section 0 paragraph 4", "마지막 ② 문단"),
]


def summary(doc) -> list[tuple]:
    return [
        (
            b.position.render(),
            sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in b.cells)
            if isinstance(b, Table)
            else b.text,
        )
        for b in doc.blocks
    ]


def streams(data: bytes) -> dict[str, bytes]:
    ole = olefile.OleFileIO(io.BytesIO(data))
    return {"/".join(path): ole.openstream(path).read() for path in ole.listdir()}


def rebuild(data: bytes, replace: dict[str, bytes | None]) -> bytes:
    """`data` with streams replaced (or, for None, removed)."""
    parts = streams(data)
    parts.update(replace)
    return build_compound_file([(k, v) for k, v in parts.items() if v is not None])


def with_header(data: bytes, *, flags: int | None = None, major: int | None = None) -> bytes:
    header = bytearray(streams(data)["FileHeader"])
    if flags is not None:
        struct.pack_into("<I", header, 36, flags)
    if major is not None:
        header[35] = major
    return rebuild(data, {"FileHeader": bytes(header)})


def section_payload(data: bytes) -> bytes:
    return zlib.decompress(streams(data)[SECTION], -15)


def with_section(data: bytes, payload: bytes) -> bytes:
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    return rebuild(data, {SECTION: deflate.compress(payload) + deflate.flush()})


def records(payload: bytes) -> list[tuple[int, int, int, int]]:
    """(offset, tag, level, size) of each record."""
    out, offset = [], 0
    while offset < len(payload):
        (word,) = struct.unpack_from("<I", payload, offset)
        tag, level, size, head = word & 0x3FF, (word >> 10) & 0x3FF, word >> 20, 4
        if size == 0xFFF:
            size, head = struct.unpack_from("<I", payload, offset + 4)[0], 8
        out.append((offset, tag, level, size))
        offset += head + size
    return out


def test_paragraphs_tables_nested_tables_notes_and_text_boxes():
    doc = parse_bytes(sample_hwp(), path="t.hwp")
    assert (doc.status, doc.reader, doc.format, doc.issues) == ("ok", "pyhwp", "hwp", [])
    assert summary(doc) == EXPECTED
    table = next(doc.tables())
    assert (table.n_rows, table.n_cols, table.page) == (2, 2, None)
    assert table.text_grid() == [["병합", None], ["가", ""]]
    (inner,) = table.nested[(1, 1)]
    assert sorted((c.row, c.col, c.text) for c in inner.cells) == [(0, 0, "안"), (0, 1, "쪽")]
    assert "머리말" not in doc.text()


def test_parsing_in_a_worker_process_returns_the_same_document():
    with ProcessPoolExecutor(max_workers=1) as pool:
        doc = pool.submit(parse_bytes, sample_hwp(), path="t.hwp").result()
    assert summary(doc) == EXPECTED and doc.reader == "pyhwp"


def test_python_hwpx_reads_the_same_file_the_same_way():
    assert summary(hwp.read_with_python_hwpx(sample_hwp(), path="t.hwp")) == EXPECTED


def test_password_and_drm_flags_are_refused_from_the_file_header():
    compressed = 1
    assert (
        parse_bytes(with_header(sample_hwp(), flags=compressed | 1 << 1), path="t.hwp").error
        == "encrypted"
    )
    assert (
        parse_bytes(with_header(sample_hwp(), flags=compressed | 1 << 4), path="t.hwp").error
        == "encrypted"
    )


def test_distribution_documents_that_cannot_be_decoded_are_typed():
    distribution = with_header(sample_hwp(), flags=1 | 1 << 2)
    assert parse_bytes(distribution, path="t.hwp").error == "distribution_doc"  # no ViewText
    garbage_view = rebuild(distribution, {"ViewText/Section0": b"\x01\x02" * 300})
    doc = parse_bytes(garbage_view, path="t.hwp")
    assert (doc.status, doc.error) == ("failed", "distribution_doc")


def test_other_versions_and_other_ole_files_are_typed():
    assert (
        parse_bytes(with_header(sample_hwp(), major=3), path="t.hwp").error == "unsupported_version"
    )
    word_file = build_compound_file([("WordDocument", b"\x00" * 600)])
    assert parse_bytes(word_file, path="t.doc").error == "unsupported_format"
    assert parse_bytes(sample_hwp()[:3000], path="t.hwp").error == "corrupt"


def test_a_file_without_summary_or_compression_still_parses():
    no_summary = rebuild(sample_hwp(), {"\x05HwpSummaryInformation": None})
    assert summary(parse_bytes(no_summary, path="t.hwp")) == EXPECTED
    parts = streams(sample_hwp())
    stored = {name: zlib.decompress(parts[name], -15) for name in ("DocInfo", SECTION)}
    uncompressed = with_header(rebuild(sample_hwp(), stored), flags=0)
    assert summary(parse_bytes(uncompressed, path="t.hwp")) == EXPECTED


def test_a_truncated_record_keeps_what_was_read():
    payload = section_payload(sample_hwp())
    last_offset = records(payload)[-1][0]
    cut = payload[:last_offset] + struct.pack("<I", PARA_TEXT | 1 << 10 | 200 << 20) + b"ab"
    doc = parse_bytes(with_section(sample_hwp(), cut), path="t.hwp")
    assert (doc.status, doc.reader) == ("partial", "pyhwp")
    assert summary(doc) == EXPECTED
    assert [i.code for i in doc.issues] == ["truncated_record"]


def test_a_lone_surrogate_costs_one_character():
    payload = section_payload(sample_hwp())
    target = "마지막".encode("utf-16-le")
    broken = payload.replace(
        target, "마".encode("utf-16-le") + b"\x80\xdb" + "막".encode("utf-16-le")
    )
    assert broken != payload
    doc = parse_bytes(with_section(sample_hwp(), broken), path="t.hwp")
    assert doc.status == "partial"
    assert summary(doc)[-1] == ("section 0 paragraph 4", "마\ufffd막 ② 문단")
    assert summary(doc)[:-1] == EXPECTED[:-1]
    assert [i.code for i in doc.issues] == ["lone_surrogate"]


def test_a_control_code_pyhwp_does_not_know_costs_only_itself():
    payload = section_payload(sample_hwp())
    # The space of "상자 앞" becomes control code 0x19, which pyhwp has no entry for.
    unknown = payload.replace(
        "상자 앞".encode("utf-16-le"),
        "상자".encode("utf-16-le") + b"\x19\x00" + "앞".encode("utf-16-le"),
    )
    assert unknown != payload
    doc = parse_bytes(with_section(sample_hwp(), unknown), path="t.hwp")
    assert doc.status == "ok"
    assert summary(doc) == [
        (pos, "상자앞" if text == "상자 앞" else text) for pos, text in EXPECTED
    ]


def test_a_record_nested_too_deep_is_attached_to_its_predecessor():
    payload = bytearray(section_payload(sample_hwp()))
    offset, tag, level, size = next(
        r for r in records(bytes(payload)) if r[1] == PARA_TEXT and r[2] == 1
    )
    (word,) = struct.unpack_from("<I", payload, offset)
    struct.pack_into("<I", payload, offset, (word & ~(0x3FF << 10)) | (level + 3) << 10)
    doc = parse_bytes(with_section(sample_hwp(), bytes(payload)), path="t.hwp")
    assert summary(doc) == EXPECTED
    assert [i.code for i in doc.issues] == ["record_level"]


def test_a_record_pyhwp_cannot_decode_is_skipped_not_fatal():
    payload = section_payload(sample_hwp())
    offset, tag, level, size = next(r for r in records(payload) if r[1] == TABLE)
    short = (
        payload[:offset]
        + struct.pack("<I", TABLE | level << 10 | 2 << 20)
        + b"\x00\x00"
        + payload[offset + 4 + size :]
    )
    doc = parse_bytes(with_section(sample_hwp(), short), path="t.hwp")
    assert doc.status == "partial"
    assert "unreadable_record" in [i.code for i in doc.issues]
    assert [b.text for b in doc.paragraphs()] == [
        "본문 ▪ 문단",
        "각주 내용",
        "상자 앞",
        "글상자 글",
        "마지막 ② 문단",
    ]


def test_when_pyhwp_fails_a_section_python_hwpx_reads_the_file(monkeypatch):
    def crash(models):
        raise RuntimeError("pyhwp could not structure this section")

    monkeypatch.setattr(hwp, "section_paragraphs", crash)
    doc = parse_bytes(sample_hwp(), path="t.hwp")
    assert (doc.status, doc.reader) == ("ok", "python-hwpx")
    assert summary(doc) == EXPECTED


def test_when_both_readers_fail_the_error_is_typed(monkeypatch):
    monkeypatch.setattr(hwp, "section_paragraphs", lambda models: 1 / 0)
    monkeypatch.setattr(
        hwp,
        "read_with_python_hwpx",
        lambda data, path: (_ for _ in ()).throw(hwp.CorruptFile("no")),
    )
    doc = parse_bytes(sample_hwp(), path="t.hwp")
    assert (doc.status, doc.error) == ("failed", "corrupt")
    assert "ZeroDivisionError" in doc.error_message


def test_a_section_that_inflates_past_the_cap_raises_limit_exceeded(monkeypatch):
    monkeypatch.setattr(hwp, "MAX_STREAM_BYTES", 1000)
    assert parse_bytes(sample_hwp(), path="t.hwp").error == "limit_exceeded"
