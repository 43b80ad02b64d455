"""The text signature (rules/fingerprint.py): a MinHash of 6-character shingles, stored in the
warehouse and compared with the signatures loaded before, so its values must never change."""

import hashlib
import struct
from pathlib import Path

import pytest

from kplan.parsers import parse_file
from kplan.parsers.model import Document, Paragraph
from kplan.rules.fingerprint import SAME_REPORT, SIGNATURE_SIZE, signature, similarity

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "seoul-edu-training-2025-plan.txt"


def minhash_by_its_definition(kept: str) -> list[int]:
    """The signature as the module's docstring defines it, written the plain way: per salt, the
    smallest of (the shingle's 8-byte blake2b XOR the salt's), shifted to fit a signed BIGINT."""
    shingles = {kept[i : i + 6] for i in range(len(kept) - 5)}
    out = []
    for i in range(SIGNATURE_SIZE):
        salt = hashlib.blake2b(struct.pack("<I", i), digest_size=8).digest()
        mask = int.from_bytes(salt, "little")
        out.append(
            min(
                int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little") ^ mask
                for s in shingles
            )
            >> 1
        )
    return out


def _document(text: str) -> Document:
    return Document(path="t.txt", format="txt", sha256="0" * 64, blocks=[Paragraph(text=text)])


def test_the_signature_is_the_minhash_its_docstring_defines():
    text = "2025년 추진계획 유치원 1급 정교사 자격연수 2과정, 358명 " * 8 + "연수운영 특교편성 예정"
    kept = "".join(ch for ch in text if ch.isalnum())  # Hangul, Latin, digits: no spaces, commas
    assert signature(_document(text)) == minhash_by_its_definition(kept)


def test_too_little_text_has_no_signature():
    assert signature(_document("유치원 1급 정교사 자격연수 2과정, 358명")) is None


def test_the_sample_hwp_signature_is_the_defined_minhash_and_the_pdf_is_the_same_report():
    hwp = parse_file(SAMPLES / "seoul-edu-training-2025-plan.hwp")
    pdf = parse_file(SAMPLES / "seoul-edu-training-2025-plan.pdf")
    from kplan.rules.fingerprint import document_text

    assert signature(hwp) == minhash_by_its_definition(document_text(hwp))
    assert similarity(signature(hwp), signature(pdf)) >= SAME_REPORT


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is absent")
def test_every_value_fits_a_signed_bigint():
    values = signature(_document(SEED.read_text(encoding="utf-8")))
    assert values is not None and len(values) == SIGNATURE_SIZE
    assert all(0 <= v < 2**63 for v in values)
