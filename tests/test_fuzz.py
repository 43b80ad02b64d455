"""The mutation fuzzer: a short run over the samples ends with a typed status for every case, and
a case that does not is saved with its outcome to be replayed."""

from __future__ import annotations

import json
import random

from conftest import SAMPLES

from kplan.pipeline import fuzz


def test_a_short_fuzz_run_over_the_samples_gives_only_typed_outcomes(tmp_path):
    seeds = fuzz.seed_files([SAMPLES])
    assert sorted(p.suffix for p in seeds) == [".hwp", ".hwpx", ".pdf", ".txt"]
    report = fuzz.fuzz(seeds, seconds=20, findings=tmp_path / "findings", seed=1, timeout=60)
    assert report.findings == [], report.lines()
    assert report.cases >= 4  # each seed read at least once
    assert {seed for seed, _, _ in report.outcomes} == {".hwp", ".hwpx", ".pdf", ".txt"}
    assert not (tmp_path / "findings").exists()


def test_an_untyped_outcome_is_saved_with_its_reproducer(tmp_path):
    seed = tmp_path / "plan.txt"
    seed.write_bytes("1-1-1 교원 연수\n".encode())

    def dies(path, **caps):
        return fuzz.Outcome(None, seconds=0.1, crash="signal 9")

    report = fuzz.fuzz([seed], seconds=60, findings=tmp_path / "found", max_cases=1, run=dies)
    (saved,) = report.findings
    note = json.loads((tmp_path / "found" / (saved.rsplit("/", 1)[1] + ".json")).read_text())
    assert note["crash"] == "signal 9" and note["status"] is None and note["mutation"]
    assert report.outcomes == {(".txt", "UNTYPED", None): 1}


def test_mutations_change_the_bytes_and_keep_containers_openable():
    rng = random.Random(3)
    hwpx = (SAMPLES / "seoul-edu-training-2025-plan.hwpx").read_bytes()
    hwp = (SAMPLES / "seoul-edu-training-2025-plan.hwp").read_bytes()
    for _ in range(5):
        mutant, how = fuzz.mutate_zip_member(hwpx, rng)
        assert mutant != hwpx and mutant.startswith(b"PK\x03\x04") and ": " in how
        mutant, how = fuzz.mutate_hwp_stream(hwp, rng)
        assert mutant.startswith(fuzz_ole_magic()) and how.split(":")[0] in (
            "BodyText/Section0",
            "DocInfo",
        )


def fuzz_ole_magic() -> bytes:
    from kplan.parsers.sniff import OLE_MAGIC

    return OLE_MAGIC
