"""A text file with a few bytes that do not decode is read, not rejected (issue 10, item 4):
the bytes become U+FFFD, each run is a parse issue with its line, the status is partial, and
every fact of the rest of the file is kept."""

from __future__ import annotations

import codecs

import pytest
from conftest import SAMPLE_STEM, SAMPLES

from kplan.parsers import parse_bytes
from kplan.parsers.model import Position
from kplan.rules import extract

SEED = (SAMPLES / f"{SAMPLE_STEM}.txt").read_bytes()
REPRO = SAMPLES.parents[1] / "shared" / "repro"


def line_offset(data: bytes, line: int) -> int:
    return [i for i, b in enumerate(data) if b == 0x0A][line - 2] + 1


def test_one_stray_byte_is_replaced_and_reported_with_its_line():
    at = line_offset(SEED, 40)
    doc = parse_bytes(SEED[:at] + b"\xff" + SEED[at:], path="stray.txt")
    assert (doc.status, doc.error, doc.format) == ("partial", None, "txt")
    assert [(i.code, i.message) for i in doc.issues] == [
        ("invalid_bytes", "byte ff on line 40 not utf-8: read as U+FFFD")
    ]
    assert "\ufffd" in doc.blocks[[b.position for b in doc.blocks].index(Position(line=40))].text
    clean = extract(parse_bytes(SEED, path="seed.txt"))
    facts = extract(doc)
    assert len(facts.sections) == len(clean.sections) == 20
    assert facts.budget_lines == clean.budget_lines


def test_a_file_cut_mid_character_keeps_all_before_the_cut():
    # Cut the seed two bytes into its last three-byte (Hangul) character.
    lead = max(i for i, b in enumerate(SEED) if b & 0xF0 == 0xE0)
    cut = SEED[: lead + 2]
    doc = parse_bytes(cut, path="cut.txt")
    assert doc.status == "partial"
    assert [i.message for i in doc.issues] == [
        f"bytes {cut[-2]:02x} {cut[-1]:02x} at the end of the file not utf-8: read as U+FFFD"
    ]
    assert len(extract(doc).sections) == 20


def test_a_nul_byte_is_dropped_and_reported():
    at = line_offset(SEED, 12)
    doc = parse_bytes(SEED[:at] + b"\x00" + SEED[at:], path="nul.txt")
    assert doc.status == "partial"
    assert [i.message for i in doc.issues] == ["1 NUL byte (first on line 12) dropped"]


def test_binary_is_still_not_text():
    doc = parse_bytes(bytes(range(256)) * 64, path="noise.txt")
    assert (doc.status, doc.error) == ("failed", "unsupported_format")


@pytest.mark.parametrize(
    "name,message",
    [
        ("txt_one_bad_byte.txt", "bytes ff 8d 94 on line 1473 not utf-8: read as U+FFFD"),
        ("txt_cut_midchar.txt", "byte ec at the end of the file not utf-8: read as U+FFFD"),
    ],
)
def test_the_repro_files(name, message):
    path = REPRO / name
    if not path.is_file():
        pytest.skip(f"{path} not found")
    doc = parse_bytes(path.read_bytes(), path=str(path))
    assert doc.status == "partial" and doc.issues[0].message == message


def _seed_facts_hold(doc) -> None:
    """The hand-read values of tests/test_sample_report.py: sections, budget lines, 합계 rows,
    training counts."""
    from test_hancom_layouts import total_rows
    from test_sample_report import (
        LINES,
        SECTIONS,
        TOTALS,
        TRAINING_COUNTS,
        _line_tuple,
        training_counts,
    )

    facts = extract(doc)
    assert [(s.code, s.title) for s in facts.sections] == SECTIONS
    assert [_line_tuple(b) for b in facts.budget_lines if not b.is_total] == LINES
    assert total_rows(facts) == TOTALS
    assert training_counts(facts.training_items) == TRAINING_COUNTS


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_utf16_file_with_its_byte_order_mark_reads_as_the_seed(encoding):
    # Notepad's 'Unicode' is UTF-16 LE with a byte-order mark; the file was refused as
    # 'unrecognised content' (its NULs looked binary).
    bom = "\ufeff".encode(encoding)
    doc = parse_bytes(bom + SEED.decode("utf-8").encode(encoding), path="seed-utf16.txt")
    assert (doc.status, doc.format, doc.issues) == ("ok", "txt", [])
    _seed_facts_hold(doc)


def test_a_utf16_file_cut_mid_character_is_partial_with_the_byte_reported():
    text = "예산 집행 계획\n합계".encode("utf-16-le")
    doc = parse_bytes(codecs.BOM_UTF16_LE + text + b"\x42", path="cut16.txt")
    assert doc.status == "partial"
    assert [i.message for i in doc.issues] == [
        "byte 42 at the end of the file not utf-16-le: read as U+FFFD"
    ]
    assert [b.text for b in doc.blocks] == ["예산 집행 계획", "합계\ufffd"]


def test_words_spaced_with_no_break_spaces_read_as_the_seed():
    # Text copied out of a Hancom document or a web page may space every word with U+00A0,
    # which `str.isprintable` calls unprintable: the file was refused as 'unrecognised
    # content', and its layout (two spaces or more between columns) is read from its spaces.
    doc = parse_bytes(SEED.decode("utf-8").replace(" ", "\u00a0").encode(), path="nbsp.txt")
    assert (doc.status, doc.format, doc.issues) == ("ok", "txt", [])
    _seed_facts_hold(doc)


def test_figures_an_extraction_set_apart_from_their_counters_are_joined():
    # pdftotext of LibreOffice's PDF of the seed: its figures are drawn in another font than
    # its Hangul, and the text sets every run apart ('유치원 1 급 정교사 자격연수 2 과정, 358 명',
    # 1-1-1's first item; '제 2 인생' in 1-2-1). The seed writes '1급', '2과정', '358명', '제2인생'.
    items = [
        "- [초등 집합] 유치원 1 급 정교사 자격연수 2 과정, 358 명",
        "- [중등] 제 2 인생 설계 직무연수 5 과정, 159 명",
        "- [초등] 교직단계별(교직경력 0~5 년) 직무연수 등 24 과정, 475 명",
        "※ 2024 서울특별시의회 교육위원회 행정사무감사 개선요구사항",
    ]
    text = "\n".join(["2024 년 추진 실적", *items * 5])
    doc = parse_bytes(text.encode(), path="lo-layout.txt")
    assert [p.text for p in doc.paragraphs()][1:5] == [
        "- [초등 집합] 유치원 1급 정교사 자격연수 2과정, 358명",
        "- [중등] 제2인생 설계 직무연수 5과정, 159명",
        "- [초등] 교직단계별(교직경력 0~5년) 직무연수 등 24과정, 475명",
        "※ 2024 서울특별시의회 교육위원회 행정사무감사 개선요구사항",  # a year before a word
    ]
    # A document that writes its figures joined keeps its spaces as written.
    written = "\n".join(["2024년 추진 실적", "- 연수 2과정, 358명", *items[:1] * 3] * 8)
    kept = [p.text for p in parse_bytes(written.encode(), path="seed.txt").paragraphs()]
    assert kept[2] == items[0]
