"""`Document.metadata`: what a file says about itself — HWP HwpSummaryInformation, HWPX
content.hpf, PDF info — bounded, and never a reason to fail. Expected values are read with
`hwp5proc xml` (HwpSummaryInfo), from content.hpf's XML and from `pdfinfo`."""

from __future__ import annotations

import io
import zipfile
from functools import cache

import pytest
from conftest import CORPUS
from test_hwpx import p, package, sec, t

from kplan.parsers import hwpx, metadata, parse_bytes, parse_file
from kplan.parsers.hwp import SUMMARY_STREAM, open_ole, read_summary

REPORTS = CORPUS / "reports"


@cache
def about(name: str) -> dict:
    doc = parse_file(REPORTS / name)
    assert doc.status != "failed", doc.error_message
    return doc.metadata


# --- the cleaning ------------------------------------------------------------------------


def test_pdf_dates_become_utc():
    assert metadata.pdf_date("D:20260506171535+09'00'") == "2026-05-06T08:15:35Z"
    assert metadata.pdf_date("D:20220101") == "2022-01-01T00:00:00Z"
    assert metadata.pdf_date("D:20221301") is None  # month 13
    assert metadata.pdf_date("yesterday") is None


def test_iso_dates_and_the_filetime_epoch():
    assert metadata.iso_date("2016-12-14T07:27:19Z") == "2016-12-14T07:27:19Z"
    assert metadata.iso_date("text") is None
    from datetime import datetime

    assert metadata.iso_utc(datetime(1601, 1, 1)) is None  # FILETIME 0: never


def test_values_are_bounded_strings_without_control_characters():
    got = metadata.bounded(
        {
            "title": "  업무\x01계획\x00junk after NUL",
            "author": 42,
            "keywords": "x" * 5000,
            "created": "2020",
            "colour": "red",
        }
    )
    assert got == {"title": "업무 계획", "keywords": "x" * metadata.MAX_VALUE_CHARS}


# --- damaged metadata costs the metadata only ---------------------------------------------


class FakeOle:
    """An OLE container holding one summary stream of the given bytes."""

    def __init__(self, raw: bytes):
        self.raw = raw

    def exists(self, name):
        return name == SUMMARY_STREAM

    def get_size(self, name):
        return len(self.raw)

    def openstream(self, name):
        return io.BytesIO(self.raw)


def test_a_garbage_hwp_summary_stream_is_an_issue():
    issues = []
    assert read_summary(FakeOle(b"\xfe\xff" + b"\x07" * 60), issues) == {}
    assert [i.code for i in issues] == ["metadata_unreadable"]


def test_an_oversized_hwp_summary_stream_is_not_read():
    issues = []
    assert read_summary(FakeOle(b"\0" * (metadata.MAX_STREAM_BYTES + 1)), issues) == {}
    assert [i.code for i in issues] == ["metadata_unreadable"]


HPF = (
    '<opf:package xmlns:opf="http://www.idpf.org/2007/opf/"><opf:metadata>'
    '<opf:title>2025년 교육연수 계획</opf:title><opf:meta name="creator" content="text">'
    '장학사</opf:meta><opf:meta name="subject" content="text"/>'
    '<opf:meta name="CreatedDate" content="text">2025-01-02T03:04:05Z</opf:meta>'
    '</opf:metadata></opf:package>'
)


def test_hwpx_content_hpf_metadata():
    data = package(
        {"Contents/section0.xml": sec(p(t("본문")))}, extra={"Contents/content.hpf": HPF}
    )
    doc = hwpx.read(data, path="t.hwpx")
    # subject is empty: its content="text" attribute is the value's type, not the value.
    assert doc.metadata == {
        "title": "2025년 교육연수 계획",
        "author": "장학사",
        "created": "2025-01-02T03:04:05Z",
    }


def test_a_broken_content_hpf_is_an_issue_and_the_text_still_reads():
    data = package(
        {"Contents/section0.xml": sec(p(t("본문")))},
        extra={"Contents/content.hpf": "<opf:package><not xml"},
    )
    doc = parse_bytes(data, path="t.hwpx")
    assert doc.status == "partial" and doc.metadata == {}
    assert "metadata_unreadable" in [i.code for i in doc.issues]
    assert [b.text for b in doc.paragraphs()] == ["본문"]


# --- real files ------------------------------------------------------------------------------


@pytest.mark.corpus
def test_nikl_2022_work_plan_hwp_summary_information():
    # hwp5proc: PIDSI_TITLE '2022년 국립국어원 업무계획', PIDSI_AUTHOR 'User',
    # PIDSI_CREATE_DTM 2008-09-16 01:56:02.75, PIDSI_LASTSAVE_DTM 2022-06-24 05:20:32.
    assert about("nikl_2022_work_plan.hwp") == {
        "title": "2022년 국립국어원 업무계획",
        "author": "User",
        "created": "2008-09-16T01:56:02Z",
        "modified": "2022-06-24T05:20:32Z",
    }


@pytest.mark.corpus
def test_mois_2025_work_report_hwp_summary_information():
    # hwp5proc: title '□ ' (a template's bullet, kept as the file says it), author 'User',
    # created 2025-12-03 10:05:57.
    got = about("mois_2025_work_report.hwp")
    assert got["title"] == "□" and got["author"] == "User"
    assert got["created"] == "2025-12-03T10:05:57Z"


@pytest.mark.corpus
def test_moel_2025_work_report_hwp_and_hwpx_agree_on_what_they_share():
    # content.hpf: <opf:title>5</opf:title>, creator USER, CreatedDate 2016-12-14T07:27:19Z;
    # the HWP's summary says the same (the HWPX was saved again later: its modified differs).
    hwp, hwpx_ = about("moel_2025_work_report.hwp"), about("moel_2025_work_report.hwpx")
    assert hwpx_ == {
        "title": "5",
        "author": "USER",
        "created": "2016-12-14T07:27:19Z",
        "modified": "2026-04-30T20:32:14Z",
    }
    assert {k: hwp[k] for k in ("title", "author", "created")} == {
        k: hwpx_[k] for k in ("title", "author", "created")
    }


@pytest.mark.corpus
def test_nikl_2022_work_plan_pdf_info():
    # pdfinfo: Author User, Creator 'Hwp 2022 12.0.0.4426', CreationDate
    # D:20260506171535+09'00'; no Title.
    assert about("nikl_2022_work_plan.pdf") == {
        "author": "User",
        "creator": "Hwp 2022 12.0.0.4426",
        "created": "2026-05-06T08:15:35Z",
        "modified": "2026-05-06T08:15:35Z",
    }


def file_metadata(path) -> tuple[dict, list]:
    """The metadata readers alone, without reading the body (the whole corpus stays cheap)."""
    issues: list = []
    data = path.read_bytes()
    if path.suffix == ".hwp":
        ole = open_ole(data)
        with ole:
            return read_summary(ole, issues), issues
    if path.suffix == ".hwpx":
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return hwpx._read_optional_part(
                zf,
                hwpx._entries(zf),
                "Contents/content.hpf",
                hwpx.MAX_SMALL_PART_BYTES,
                hwpx.package_metadata,
                "metadata_unreadable",
                "",
                issues,
            ), issues
    import pdfplumber

    from kplan.parsers.pdf import info_metadata

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return info_metadata(pdf, issues), issues


@pytest.mark.corpus
def test_every_corpus_report_has_bounded_metadata():
    for path in sorted(REPORTS.iterdir()):
        values, issues = file_metadata(path)
        assert issues == [], path.name
        assert set(values) <= set(metadata.KEYS), path.name
        assert all(
            isinstance(v, str) and 0 < len(v) <= metadata.MAX_VALUE_CHARS and v.isprintable()
            for v in values.values()
        ), path.name
        assert "created" in values or "modified" in values, path.name


def test_hwpx_without_content_hpf_has_no_metadata():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("Contents/section0.xml", sec(p(t("본문"))))
    doc = hwpx.read(buf.getvalue(), path="t.hwpx")
    assert doc.metadata == {} and doc.issues == []
