"""A text file with a few bytes that do not decode is read, not rejected (issue 10, item 4):
the bytes become U+FFFD, each run is a parse issue with its line, the status is partial, and
every fact of the rest of the file is kept."""

from __future__ import annotations

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
