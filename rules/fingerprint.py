"""A MinHash signature of what a document says, so that the same report in PDF, HWP, HWPX and
text can be recognised as one even when no family rule extracted anything from it.

Only Hangul, Latin letters and digits count (layout, spacing, punctuation, running heads differ
between formats); the text is cut into overlapping 6-character shingles, and the signature keeps,
for each of 64 salted hashes, the smallest hash of any shingle. Two signatures agree in about the
share of positions that the two shingle sets overlap (their Jaccard similarity).
"""

from __future__ import annotations

import hashlib
import struct
from functools import cache
from typing import TYPE_CHECKING

import regex

from kplan.parsers.model import Document

if TYPE_CHECKING:  # pragma: no cover
    import numpy

SIGNATURE_SIZE = 64
SHINGLE = 6
SAME_REPORT = 0.6  # estimated Jaccard similarity above which two files are one report
_KEEP_RE = regex.compile(r"[^\p{Hangul}A-Za-z0-9]+")
_SALTS = [struct.pack("<I", i) for i in range(SIGNATURE_SIZE)]
_MASK_VALUES = [
    int.from_bytes(hashlib.blake2b(salt, digest_size=8).digest(), "little") for salt in _SALTS
]
_MASKS_AT_ONCE = 8  # salts per pass: 8 x shingles x 8 bytes (2 MB for a 30,000-shingle report)


# numpy is imported on the first signature, not with this module: the warehouse imports it for
# `similarity`, and a re-ingest of unchanged files signs nothing (numpy's import is 0.1 s).
@cache
def _masks() -> numpy.ndarray:
    import numpy

    return numpy.array(_MASK_VALUES, dtype=numpy.uint64)


def document_text(doc: Document) -> str:
    return _KEEP_RE.sub("", doc.text())


def signature(doc: Document) -> list[int] | None:
    text = document_text(doc)
    if len(text) < 200:  # too little text to say two files are the same report
        return None
    shingles = {text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}
    # Each shingle's 8-byte hash, read as one little-endian unsigned array; then, per salt, the
    # smallest (hash XOR the salt's mask), all salts at once: a Python min over every shingle
    # for each of 64 salts cost 0.05 s a report, about a third of reading a HWP.
    import numpy

    digests = b"".join(hashlib.blake2b(s.encode(), digest_size=8).digest() for s in shingles)
    hashed = numpy.frombuffer(digests, dtype="<u8")
    out = numpy.empty(SIGNATURE_SIZE, dtype=numpy.uint64)
    all_masks = _masks()
    for start in range(0, len(all_masks), _MASKS_AT_ONCE):  # bounded memory on a long text
        masks = all_masks[start : start + _MASKS_AT_ONCE, None]
        out[start : start + _MASKS_AT_ONCE] = numpy.bitwise_xor(hashed, masks).min(axis=1)
    return [int(v) >> 1 for v in out]  # >> 1: fits a signed BIGINT


def similarity(a: list[int] | None, b: list[int] | None) -> float:
    if not a or not b:
        return 0.0
    return sum(x == y for x, y in zip(a, b)) / len(a)
