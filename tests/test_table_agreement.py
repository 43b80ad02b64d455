"""The tables of one report read from two of its formats agree: every HWP/PDF, HWP/HWPX and
HWPX/PDF pair of the corpus and the committed samples, measured by tests/agreement.py.

Each pair prints its figures (shown by `pytest -rA` and in the log): tables identical cell for
cell over all tables of both sides, numbers found in the same aligned cell, and cells whose words
are spaced alike. The floors are the figures as they stand; raise them as the readers improve,
never lower them.
"""

from __future__ import annotations

import pytest
from agreement import agreement
from conftest import CORPUS, SAMPLE_STEM, SAMPLES

from kplan.parsers import parse_file

REPORTS = CORPUS / "reports"
SAMPLE = SAMPLES / SAMPLE_STEM

# pair name → (left file, right file, floors of: tables identical, numbers in place, cells
# spaced alike)
CORPUS_PAIRS = {
    "nikl_2022_work_plan hwp/pdf": (
        REPORTS / "nikl_2022_work_plan.hwp",
        REPORTS / "nikl_2022_work_plan.pdf",
        (0.923, 0.984, 0.968),
    ),
    "moel_2025_work_report hwp/hwpx": (
        REPORTS / "moel_2025_work_report.hwp",
        REPORTS / "moel_2025_work_report.hwpx",
        (1.0, 1.0, 1.0),
    ),
    "kwater_digital_platform_rfp_2025 hwp/hwpx": (
        REPORTS / "kwater_digital_platform_rfp_2025.hwp",
        REPORTS / "kwater_digital_platform_rfp_2025.hwpx",
        (1.0, 1.0, 1.0),
    ),
    "moef_fdi_2024q1_press hwp/hwpx": (
        REPORTS / "moef_fdi_2024q1_press.hwp",
        REPORTS / "moef_fdi_2024q1_press.hwpx",
        (1.0, 1.0, 1.0),
    ),
    "local_gov_donation_report_form_2025 hwpx/pdf": (
        REPORTS / "local_gov_donation_report_form_2025.hwpx",
        REPORTS / "local_gov_donation_report_form_2025.pdf",
        (0.980, 1.0, 1.0),
    ),
}
SAMPLE_PAIRS = {
    "seoul sample hwp/pdf": (
        SAMPLE.with_suffix(".hwp"),
        SAMPLE.with_suffix(".pdf"),
        (0.512, 0.963, 1.0),
    ),
    "seoul sample hwpx/pdf": (
        SAMPLE.with_suffix(".hwpx"),
        SAMPLE.with_suffix(".pdf"),
        (0.512, 0.963, 1.0),
    ),
    "seoul sample hwp/hwpx": (
        SAMPLE.with_suffix(".hwp"),
        SAMPLE.with_suffix(".hwpx"),
        (1.0, 1.0, 1.0),
    ),
}


@pytest.fixture(scope="module")
def tables():
    """The tables of each file, parsed once for all pairs."""
    cache = {}

    def of(path):
        if path not in cache:
            doc = parse_file(path)
            assert doc.status == "ok", (path.name, doc.error, doc.error_message)
            cache[path] = list(doc.tables())
        return cache[path]

    return of


def check_pair(name, tables, left, right, floors):
    measured = agreement(name, tables(left), tables(right))
    print(measured.line())
    identical, numbers, spacing = floors
    assert measured.identical_share >= identical, measured.differing
    assert measured.numbers_share >= numbers
    assert measured.spacing_share >= spacing


@pytest.mark.corpus
@pytest.mark.parametrize("name", sorted(CORPUS_PAIRS))
def test_corpus_pair_tables_agree(name, tables):
    check_pair(name, tables, *CORPUS_PAIRS[name])


@pytest.mark.parametrize("name", sorted(SAMPLE_PAIRS))
def test_sample_tables_agree_across_formats(name, tables):
    check_pair(name, tables, *SAMPLE_PAIRS[name])
