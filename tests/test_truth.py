"""kplan against ground truth read by hand from corpus documents (tests/truth/README.md).

Each truth file pins a document's metadata, its top outline levels and its money tables cell
by cell; a test per file and aspect compares and prints the first differences.
`pytest tests/test_truth.py --regenerate-truth` writes kplan's reading beside each truth file
as `*.kplan.json` for review, never over the truth.

KNOWN_GAPS lists the (file, aspect) pairs that do not match yet, each with why; they are
strict xfails, so a gap that closes fails the run until it is taken off the list.
"""

from __future__ import annotations

import json
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
import regex
from conftest import CORPUS

from kplan.parsers import parse_file
from kplan.rules import extract
from kplan.rules.normalize import normalize_dots

pytestmark = pytest.mark.corpus

TRUTH = Path(__file__).parent / "truth"
FILES = sorted(TRUTH.glob("*.json"))
SHOWN = 15  # differences printed per failure

# (truth file stem, aspect) → why it does not match yet.
KNOWN_GAPS: dict[tuple[str, str], str] = {
    ("reports__budget_program_mohw_senior_jobs.pdf", "outline"): (
        "p.4-5: the '○ 보건복지부' … '○ 사업평가' lines inside the boxes of the 세부 시행절차 flow"
        " chart rank with the page's 'ㅇ 사업 추진체계' / 'ㅇ 세부 시행절차' (ㅇ and ○ are one bullet"
        " kind in rules/outline.py; the boxes' own cells are not tables the PDF reader finds)"
    ),
    ("reports__fis_issue_22-2_performance_mgmt.pdf", "outline"): (
        "p.8 (printed 14): the 참고 box '재정성과관리 관련 OECD 동향' is a shaded panel, no ruled"
        " table, beside a '참고' tab drawn as one; its ◗ lines '(배경) COVID19 …' and '(지출 회복)"
        " …', bold at the body's size as the sections' ◗ headings are, rank with its title"
        " instead of under it (the reader gives the panel's lines no box)"
    ),
    ("reports__gov_award_nomination_forms_2016.hwp", "outline"): (
        "what the forms print directly under their 별표 boxes ranks lower than the boxes' notes:"
        " 별표1's '○포상명：…' and '《작성시 참고사항》' label, 별표2's '《 추천시 유의사항 》' and"
        " 별표7's closing '※현지확인서 주요포함내용' fall to the third and fourth levels (a ○ first"
        " met under a chapter counts one level skipped; a 《》 label after a note nests under it)"
    ),
    ("reports__keit_ai_product_rnd_business_plan_2026.pdf", "metadata"): (
        "p.2: the form's title is its first cell, '사업계획서' beside the '[ √ ] 일반형' boxes, which"
        " rules/identity.py does not read as a cover (title NULL)"
    ),
    ("reports__keit_ai_product_rnd_business_plan_2026.pdf", "outline"): (
        "the 별첨1-6 boxes p.66-74 rank as chapters above every other kind (rules/outline.py), so"
        " the body's 1.-8. and 1-1.-8-3. fall to the third and fourth levels under the 별첨 titles"
        " and their ※ notes; the 목차 p.4-5, whose entries end in '(페이지 표기)' placeholders, is"
        " read as headings"
    ),
    ("reports__kwater_dr_center_rfp_2004_hwp5.hwp", "outline"): (
        "<별첨1>'s own parts are unmarked lines, named only by its listing ('• 기술제안서 평가"
        " 공통기준' … '• 평가항목별 세부평가기준' under '= 별첨자료 목차 ='): two are read as list"
        " labels (rules/outline.py list_labels), a second level the truth does not have, and its"
        " 1.-4. nest under the second of them instead of under <별첨1>"
    ),
    ("reports__lh_permanent_rental_notice_2022.pdf", "outline"): (
        "numbered lines inside tables take the top level ('1. 신분별 입주소득 기준' … '3. 자동차"
        " 기준' p.4, the 배점기준표 rows p.8), the 소득항목 table's '- 국민건강보험공단 …' cells p.24-25"
        " and p.19's ▶ notes rise to the second, and the annexed forms' items ('1. [필수] 개인정보"
        " …' p.29-30) are read as the notice's sections"
    ),
    ("reports__wildlife_mgmt_system_rfp_2023.hwpx", "outline"): (
        "section1.xml: the box under '붙임 3. 누출금지 대상정보' opens with a line repeating that name"
        " over its ① list; rules/outline.py list_labels reads it as a list's label, a heading of"
        " the second level (the titles under 붙임 1 and 2, plain paragraphs, are none)"
    ),
    ("reports__moel_employment_center_rules.hwp", "outline"): (
        "a 훈령's own levels, 장 ('제1장 총칙') over 조 ('제1조(목적) 이 훈령은 …') and the 부칙,"
        " are no marks of rules/outline.py MARKERS (a 조 prints its body on its heading's line,"
        " and '제N조' opens body lines too: '제1항에 따라 …'), so its items '1. …' and paragraphs"
        " '② …' take the top two levels"
    ),
}


def _squash(text) -> str:
    """Text compared without spaces, middle dots in one form, full-width forms folded."""
    return unicodedata.normalize("NFKC", normalize_dots(regex.sub(r"\s+", "", str(text or ""))))


_cache: dict[str, tuple] = {}


def _read(truth: dict):
    name = truth["file"]
    if name not in _cache:
        doc = parse_file(CORPUS / name)
        _cache[name] = (doc, extract(doc))
    return _cache[name]


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _cases(aspect: str) -> list:
    cases = []
    for path in FILES:
        stem = path.name[: -len(".json")]
        marks = []
        if (stem, aspect) in KNOWN_GAPS:
            marks.append(pytest.mark.xfail(reason=KNOWN_GAPS[(stem, aspect)], strict=True))
        cases.append(pytest.param(path, id=stem, marks=marks))
    return cases


# -- tables ------------------------------------------------------------------------------------


def _find_table(facts, anchor: str) -> tuple[list[int], dict]:
    """Ids of the tables holding a cell whose text is the anchor, and each table's cells."""
    key = _squash(anchor)
    by_table: dict[int, dict] = {}
    for c in facts.table_cells:
        by_table.setdefault(c.table_id, {})[(c.row, c.col)] = c
    ids = [
        t for t, cells in by_table.items() if any(_squash(c.text) == key for c in cells.values())
    ]
    return ids, by_table


def table_differences(truth: dict, facts) -> list[str]:
    diffs: list[str] = []
    infos = {t.table_id: t for t in facts.tables}
    for expected in truth["tables"]:
        anchor = expected["anchor"]
        ids, by_table = _find_table(facts, anchor)
        if len(ids) != 1:
            diffs.append(f"anchor {anchor!r}: in {len(ids)} tables {ids[:5]}")
            continue
        info, cells = infos[ids[0]], by_table[ids[0]]
        where = f"table {info.table_id} ({anchor!r})"
        for key in ("n_rows", "n_cols", "header_rows", "unit"):
            if key in expected and expected[key] != getattr(info, key):
                diffs.append(
                    f"{where} {key}: expected {expected[key]!r}, got {getattr(info, key)!r}"
                )
        caption = regex.sub(
            r"[(\[]?\s*단\s*위\s*[:：][^)\]]*[)\]]?", "", expected.get("caption") or ""
        )
        if _squash(caption) and _squash(caption) not in _squash(info.caption):
            diffs.append(f"{where} caption: expected {caption!r}, got {info.caption!r}")
        for cell in expected["cells"]:
            diffs += _cell_differences(where, cell, cells.get((cell["row"], cell["col"])))
    return diffs


def _cell_differences(where: str, expected: dict, got) -> list[str]:
    at = f"{where} r{expected['row']}c{expected['col']} {expected.get('text', '')!r}"
    if got is None:
        return [f"{at}: no cell at its origin"]
    out = []
    if "text" in expected and _squash(expected["text"]) != _squash(got.text):
        out.append(f"{at}: text {got.text!r}")
    header = bool(expected.get("header"))
    if header != got.is_header:
        out.append(f"{at}: header {got.is_header}, expected {header}")
    if header:
        return out  # a header cell is its text; kinds are of body cells
    checks = {"kind": got.kind, "unit": got.unit, "won": got.amount}
    for key, value in checks.items():
        if key in expected and expected[key] != value:
            out.append(f"{at}: {key} {value!r}, expected {expected[key]!r}")
    for key, value in (("value", got.value), ("sub_value", got.sub_value)):
        if key in expected:
            want = None if expected[key] is None else Decimal(expected[key])
            if want != (None if value is None else Decimal(value)):
                out.append(f"{at}: {key} {value}, expected {want}")
    return out


# -- metadata and outline ----------------------------------------------------------------------


def metadata_differences(truth: dict, facts) -> list[str]:
    out = []
    for key, want in truth.get("metadata", {}).items():
        got = getattr(facts, key)
        same = got == want if key == "plan_year" else _squash(got) == _squash(want)
        if not same:
            out.append(f"{key}: expected {want!r}, got {got!r}")
    return out


def kplan_outline_top(facts) -> list[dict]:
    """kplan's two highest outline levels, renumbered from 1 as the truth counts them."""
    levels = sorted({n.level for n in facts.outline})[:2]
    return [
        {"level": levels.index(n.level) + 1, "marker": n.marker, "text": n.text}
        for n in facts.outline
        if n.level in levels
    ]


def outline_differences(truth: dict, facts) -> list[str]:
    want = [(n["level"], _squash(n["text"])) for n in truth.get("outline_top", [])]
    got = [(n["level"], _squash(n["text"])) for n in kplan_outline_top(facts)]
    if want == got:
        return []
    out = [f"expected {len(want)} headings, got {len(got)}"]
    for i, (a, b) in enumerate(zip(want, got)):
        if a != b:
            out.append(f"heading {i + 1}: expected {a}, got {b}")
    return out


# -- the tests ---------------------------------------------------------------------------------


def _assert_none(diffs: list[str]) -> None:
    assert not diffs, f"{len(diffs)} differences; first:\n  " + "\n  ".join(diffs[:SHOWN])


@pytest.fixture
def reading(request):
    def read(path: Path):
        truth = _load(path)
        doc, facts = _read(truth)
        if request.config.getoption("--regenerate-truth"):
            _write_kplan_reading(path, truth, facts)
        return truth, facts

    return read


@pytest.mark.parametrize("path", _cases("tables"))
def test_tables(path, reading):
    truth, facts = reading(path)
    _assert_none(table_differences(truth, facts))


@pytest.mark.parametrize("path", _cases("metadata"))
def test_metadata(path, reading):
    truth, facts = reading(path)
    _assert_none(metadata_differences(truth, facts))


@pytest.mark.parametrize("path", _cases("outline"))
def test_outline_top(path, reading):
    truth, facts = reading(path)
    _assert_none(outline_differences(truth, facts))


def test_every_truth_file_names_a_corpus_document_and_pins_money():
    assert len(FILES) >= 12
    formats = {_load(p)["file"].rsplit(".", 1)[1] for p in FILES}
    assert formats == {"hwp", "hwpx", "pdf"}
    for path in FILES:
        truth = _load(path)
        assert (CORPUS / truth["file"]).is_file(), truth["file"]
        assert path.name == truth["file"].replace("/", "__") + ".json"
        assert truth["tables"], path.name


def test_the_comparison_catches_a_wrong_cell():
    """The comparison itself: a truth cell that disagrees is reported with its place."""
    path = TRUTH / "reports__mois_2025_work_report.hwp.json"
    truth = _load(path)
    _, facts = _read(truth)
    table = next(t for t in truth["tables"] if t["anchor"] == "72,083,936")
    cell = next(c for c in table["cells"] if c.get("text") == "72,083,936")
    wrong = dict(truth, tables=[dict(table, cells=[dict(cell, won=cell["won"] + 1)])])
    diffs = table_differences(wrong, facts)
    assert len(diffs) == 1 and "won 72083936000000" in diffs[0]


# -- --regenerate-truth ------------------------------------------------------------------------


def _write_kplan_reading(path: Path, truth: dict, facts) -> None:
    """kplan's reading of what the truth file pins, in its format, beside it for review."""
    tables = []
    infos = {t.table_id: t for t in facts.tables}
    for expected in truth["tables"]:
        ids, by_table = _find_table(facts, expected["anchor"])
        if len(ids) != 1:
            tables.append({"anchor": expected["anchor"], "found_in_tables": ids})
            continue
        info = infos[ids[0]]
        cells = []
        for c in sorted(by_table[ids[0]].values(), key=lambda c: (c.row, c.col)):
            cell = {"row": c.row, "col": c.col, "text": c.text}
            if c.is_header:
                cell["header"] = True
            else:
                cell.update(
                    {
                        k: v
                        for k, v in (
                            ("kind", c.kind),
                            ("unit", c.unit),
                            ("value", None if c.value is None else str(c.value.normalize())),
                            ("won", c.amount),
                            (
                                "sub_value",
                                None if c.sub_value is None else str(c.sub_value.normalize()),
                            ),
                        )
                        if v is not None
                    }
                )
            cells.append(cell)
        tables.append(
            {
                "anchor": expected["anchor"],
                "caption": info.caption,
                "unit": info.unit,
                "header_rows": info.header_rows,
                "n_rows": info.n_rows,
                "n_cols": info.n_cols,
                "cells": cells,
            }
        )
    reading = {
        "file": truth["file"],
        "read_by": "kplan (for review; not truth)",
        "metadata": {
            "title": facts.title,
            "organization": facts.organization,
            "plan_year": facts.plan_year,
        },
        "outline_top": kplan_outline_top(facts),
        "tables": tables,
    }
    out = path.with_name(path.name[: -len(".json")] + ".kplan.json")
    out.write_text(json.dumps(reading, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
