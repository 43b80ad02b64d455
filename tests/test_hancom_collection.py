"""The Hancom readers pause the cyclic garbage collector while they read a file (their records
and elements form no cycles; a collection meanwhile walks them all for nothing), and leave it
as they found it, whether the file reads or is refused."""

from __future__ import annotations

import gc

import pytest
from conftest import SAMPLE_STEM, SAMPLES

from kplan.parsers import hwp, hwpx
from kplan.parsers.collector import collector_paused
from kplan.parsers.errors import CorruptFile

READERS = {"hwp": hwp.read, "hwpx": hwpx.read}


@pytest.fixture
def collector_state():
    enabled = gc.isenabled()
    yield
    gc.enable() if enabled else gc.disable()


@pytest.mark.parametrize("suffix", ["hwp", "hwpx"])
@pytest.mark.parametrize("enabled", [True, False])
def test_a_reader_leaves_the_collector_as_it_found_it(suffix, enabled, collector_state):
    data = (SAMPLES / f"{SAMPLE_STEM}.{suffix}").read_bytes()
    gc.enable() if enabled else gc.disable()
    seen = []
    original = hwpx.document_from_sections if suffix == "hwpx" else hwp.assemble_section

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    target = hwpx if suffix == "hwpx" else hwp
    name = "document_from_sections" if suffix == "hwpx" else "assemble_section"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(target, name, spy)
        doc = READERS[suffix](data, path=f"t.{suffix}")
    assert doc.blocks and seen and not any(seen)  # paused while reading
    assert gc.isenabled() is enabled


@pytest.mark.parametrize("suffix", ["hwp", "hwpx"])
def test_a_refused_file_leaves_the_collector_on(suffix, collector_state):
    gc.enable()
    with pytest.raises(CorruptFile):
        READERS[suffix](b"PK\x03\x04 not a package" if suffix == "hwpx" else b"\0" * 600, path="t")
    assert gc.isenabled()


def test_collector_paused_nests():
    gc.enable()
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
