"""`pdf.dedupe_chars` keeps exactly the chars pdfplumber's `Page.dedupe_chars` keeps, in the
same order: it is the same rule in linear time, so it is held to pdfplumber itself."""

from __future__ import annotations

import itertools
from operator import itemgetter

import pytest
from conftest import CORPUS
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.utils import cluster_objects

from kplan.parsers import pdf

TOLERANCE = pdf.DEFAULT_SETTINGS.dedupe_tolerance


def _kept(page) -> list[int]:
    """Ids of the chars a deduped page keeps, in order: the same dicts, not equal copies."""
    return [id(ch) for ch in page.chars]


def _same_as_pdfplumber(path, pages: slice = slice(None)) -> int:
    compared = 0
    with pdf.pdfplumber.open(str(path)) as document:
        for page in document.pages[pages]:
            ours = pdf.dedupe_chars(page, TOLERANCE)
            theirs = page.dedupe_chars(tolerance=TOLERANCE)
            assert _kept(ours) == _kept(theirs), f"{path.name} page {page.page_number}"
            compared += len(page.chars) - len(ours.chars)
    return compared


def test_sample_pdf_keeps_what_pdfplumber_keeps(sample_path):
    # The sample's cover title is set twice (a faux-bold), so some chars are dropped.
    assert _same_as_pdfplumber(sample_path("pdf")) > 0


@pytest.mark.corpus
@pytest.mark.parametrize(
    "path",
    sorted((CORPUS / "reports").glob("*.pdf")) if CORPUS.exists() else [],
    ids=lambda p: p.name,
)
def test_corpus_pdf_keeps_what_pdfplumber_keeps(path):
    _same_as_pdfplumber(path, slice(0, 12))


_char = st.fixed_dictionaries(
    {
        "text": st.sampled_from("가나1."),
        "fontname": st.sampled_from(["A", "B"]),
        "size": st.sampled_from([10.0, 12.0]),
        "upright": st.booleans(),
        "doctop": st.sampled_from([0.0, 0.4, 0.9, 1.5, 2.0, 7.0]),
        "x0": st.sampled_from([0.0, 0.5, 1.0, 1.2, 3.0, 9.0]),
    }
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_char, max_size=30))
def test_chars_within_tolerance_cluster_as_pdfplumber_clusters_them(chars):
    # pdfplumber's `Page.dedupe_chars`, step by step, on the same chars (a Page needs a PDF).
    key = itemgetter("upright", "text", "fontname", "size")
    expected = []
    for _, group in itertools.groupby(sorted(chars, key=key), key=key):
        for row in cluster_objects(list(group), itemgetter("doctop"), TOLERANCE):
            for spot in cluster_objects(row, itemgetter("x0"), TOLERANCE):
                expected.append(min(spot, key=itemgetter("doctop", "x0")))
    expected.sort(key=lambda ch: next(i for i, c in enumerate(chars) if c is ch))
    got = pdf.deduped_chars(chars, TOLERANCE)
    assert [id(c) for c in got] == [id(c) for c in expected]
