"""The library API (`kplan.parse`, `kplan.check`, `kplan.ingest`) beyond the README's examples:
its errors, and that the command line prints what it returns."""

import shutil

import pytest

import kplan


def test_check_a_missing_file_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        kplan.check(tmp_path / "nope.hwp")


def test_parse_a_file_that_is_not_a_report_says_why(tmp_path):
    page = tmp_path / "page.hwp"
    page.write_bytes(b"<!DOCTYPE html><html><body>oops</body></html>")
    parsed = kplan.parse(page)
    assert (parsed.document.status, parsed.document.error, parsed.facts) == (
        "failed",
        "unsupported_format",
        None,
    )


def test_ingest_a_folder_without_reports_raises(tmp_path):
    (tmp_path / "notes.json").write_text("not a report file ending")
    with pytest.raises(kplan.NoReportFiles):
        kplan.ingest(tmp_path, db=tmp_path / "w.duckdb")
    with pytest.raises(kplan.api.PathNotFound):
        kplan.ingest([tmp_path / "none"], db=tmp_path / "w.duckdb")


def test_ingest_tells_of_each_file_as_it_is_loaded(tmp_path, sample_path):
    shutil.copy(sample_path("txt"), tmp_path / "plan.txt")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf")
    told = []
    ingested = kplan.ingest(
        tmp_path, db=tmp_path / "w.duckdb", workers=1, run_quality=False, on_loaded=told.append
    )
    assert told == ingested.files
    assert [(f.file.document.status, f.result.action) for f in told] == [
        ("failed", "loaded"),
        ("ok", "loaded"),
    ]
    assert ingested.failed == 1
    assert ingested.totals["documents"] == {"ok": 1, "failed": 1}
    assert ingested.totals["findings"] == 0  # the checks were not run


def test_a_file_that_is_not_a_warehouse_is_unavailable(tmp_path):
    db = tmp_path / "w.duckdb"
    db.write_text("not a DuckDB file")
    with pytest.raises(kplan.WarehouseUnavailable, match=f"cannot open warehouse {db}"):
        kplan.open_warehouse(db)
