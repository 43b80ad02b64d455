"""Shared fixtures: the committed samples, their parsed facts, and the third-party corpus."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from kplan.parsers import parse_file
from kplan.rules import extract

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SAMPLE_STEM = "seoul-edu-training-2025-plan"
CORPUS = ROOT.parent / "shared" / "corpus"
BUILDER = ROOT / "samples" / "build_samples.py"


def load_builder():
    """samples/build_samples.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("build_samples", BUILDER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def b():
    """The sample builder (samples/build_samples.py), for tests that draw the sample."""
    pytest.importorskip("reportlab", reason="the builder needs the samples extra")
    return load_builder()


@pytest.fixture(scope="module")
def source(b):
    """The seed as the builder reads it: (Document, facts) that every rendering draws."""
    doc = b.load_document(b.SAMPLE_TXT)
    return doc, b.load_facts(doc)


def pytest_addoption(parser):
    parser.addoption(
        "--regenerate-truth",
        action="store_true",
        default=False,
        help="write kplan's reading beside each tests/truth/*.json as "
        "*.kplan.json, for review (never over the truth)",
    )


# Fixtures that run samples/build_samples.py (the sample PDF, HWPX, HWP and the Hancom layouts):
# a test using one, directly or through another fixture, is `slow` (`make test-fast` skips it).
SAMPLE_REBUILDS = {"built", "rendered"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SAMPLE_REBUILDS & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
    if CORPUS.is_dir():
        return
    skip = pytest.mark.skip(reason=f"third-party corpus not found at {CORPUS}")
    for item in items:
        if "corpus" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def sample_path():
    def path(fmt: str) -> Path:
        return SAMPLES / f"{SAMPLE_STEM}.{fmt}"

    return path


@pytest.fixture(scope="session")
def sample_facts(sample_path):
    """Facts of the sample report, per format, extracted once per test session."""
    cache = {}

    def facts(fmt: str):
        if fmt not in cache:
            doc = parse_file(sample_path(fmt))
            assert doc.status == "ok", (fmt, doc.error, doc.error_message)
            cache[fmt] = extract(doc)
        return cache[fmt]

    return facts


@pytest.fixture(scope="session")
def text_facts(sample_facts):
    return sample_facts("txt")


@pytest.fixture(scope="session")
def pdf_facts(sample_facts):
    return sample_facts("pdf")


def load_processed(con, processed, **options):
    """Load one read file into the warehouse `con` as `kplan ingest` does (pipeline/ingest.py
    `load_processed`; `options` go to it)."""
    from kplan.pipeline.ingest import load_processed as load_as_ingest

    return load_as_ingest(con, processed, **options)


def load(con, path, **options):
    """Read the file at `path` and load it, as `load_processed`."""
    from kplan.pipeline.batch import process_file

    return load_processed(con, process_file(path), **options)


@pytest.fixture
def con(tmp_path):
    """A new warehouse on disk, closed after the test."""
    from kplan.warehouse.load import connect

    connection = connect(tmp_path / "w.duckdb")
    yield connection
    connection.close()


@pytest.fixture
def text_copy(tmp_path, sample_path):
    """A copy of the sample text report, free to edit or move: tmp_path/inbox/plan.txt."""
    path = tmp_path / "inbox" / "plan.txt"
    path.parent.mkdir()
    shutil.copy(sample_path("txt"), path)
    return path


def thousand(value):
    """Won back to the 천원 the report prints, for readable assertions."""
    return None if value is None else value // 1000
