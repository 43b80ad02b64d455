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

import regex

from kplan.parsers.model import Document

SIGNATURE_SIZE = 64
SHINGLE = 6
SAME_REPORT = 0.6  # estimated Jaccard similarity above which two files are one report
_KEEP_RE = regex.compile(r"[^\p{Hangul}A-Za-z0-9]+")
_SALTS = [struct.pack("<I", i) for i in range(SIGNATURE_SIZE)]


def document_text(doc: Document) -> str:
    return _KEEP_RE.sub("", doc.text())


def signature(doc: Document) -> list[int] | None:
    text = document_text(doc)
    if len(text) < 200:  # too little text to say two files are the same report
        return None
    shingles = {text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}
    hashed = [
        int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little")
        for s in shingles
    ]
    out = []
    for salt in _SALTS:
        mask = int.from_bytes(hashlib.blake2b(salt, digest_size=8).digest(), "little")
        out.append(min(h ^ mask for h in hashed) >> 1)  # >> 1: fits a signed BIGINT
    return out


def similarity(a: list[int] | None, b: list[int] | None) -> float:
    if not a or not b:
        return 0.0
    return sum(x == y for x, y in zip(a, b)) / len(a)
