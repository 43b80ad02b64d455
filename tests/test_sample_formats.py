"""The sample report as text, PDF, HWPX and HWP gives the same facts (pages aside), and the
committed HWPX and HWP are what samples/build_samples.py writes.

The HWPX is written with python-hwpx, the HWP from it by python-hwpx's HWP 5 writer; the HWP is
also read back with pyhwp's own CLI (hwp5proc, hwp5txt), not only with kplan's readers. Tests of
the committed files need only kplan's dependencies; those that run the builder need the
`samples` extra and are skipped without it.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import olefile
import pytest
from lxml import etree

from kplan.parsers import parse_file
from kplan.parsers.model import Paragraph, Table

ROOT = Path(__file__).resolve().parent.parent
STEM = "seoul-edu-training-2025-plan"
SAMPLE = {fmt: ROOT / "samples" / f"{STEM}.{fmt}" for fmt in ("txt", "pdf", "hwpx", "hwp")}
RENDERINGS = ["pdf", "hwpx", "hwp"]
HANCOM = ["hwpx", "hwp"]
BIN = Path(sys.executable).parent
HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
HH = "{http://www.hancom.co.kr/hwpml/2011/head}"


@pytest.fixture(scope="module")
def built(b):
    return b.build_hancom()


@pytest.fixture(scope="module")
def docs():
    """Each committed sample, parsed once."""
    cache = {}

    def doc(fmt: str):
        if fmt not in cache:
            assert SAMPLE[fmt].is_file(), "run: python samples/build_samples.py"
            cache[fmt] = parse_file(SAMPLE[fmt])
        return cache[fmt]

    return doc


@pytest.fixture(scope="module")
def facts(sample_facts):
    return sample_facts  # conftest extracts each format once per session


@pytest.fixture(scope="module")
def layout(b, docs, facts):
    return b.layout(docs("txt"), facts("txt"))


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _streams(data: bytes) -> dict[str, bytes]:
    ole = olefile.OleFileIO(io.BytesIO(data))
    return {"/".join(path): ole.openstream(path).read() for path in ole.listdir()}


def _strip(rows):
    return [row._replace(page=None, position=None) for row in rows]


# ------------------------------------------------------------------ the committed files


def test_committed_hwpx_is_what_the_builder_makes(built):
    committed = _parts(SAMPLE["hwpx"].read_bytes())
    fresh = _parts(built.hwpx)
    assert list(committed) == list(fresh)
    for name, data in fresh.items():
        assert committed[name] == data, f"{name} differs: run python samples/build_samples.py"


def test_committed_hwp_is_what_the_builder_makes(built):
    committed = _streams(SAMPLE["hwp"].read_bytes())
    fresh = _streams(built.hwp)
    assert sorted(committed) == sorted(fresh)
    for name, data in fresh.items():
        assert committed[name] == data, f"{name} differs: run python samples/build_samples.py"


def test_hancom_build_is_deterministic(b, built):
    again = b.build_hancom()
    assert again.hwpx == built.hwpx
    assert again.hwp == built.hwp


def test_hwpx_package_is_fixed_and_passes_the_owpml_schemas():
    from hwpx.tools.validator import validate_document

    parts = _parts(SAMPLE["hwpx"].read_bytes())
    assert list(parts)[0] == "mimetype" and parts["mimetype"] == b"application/hwp+zip"
    meta = etree.fromstring(parts["Contents/content.hpf"])
    values = {m.get("name"): m.text for m in meta.iter("{*}meta")}
    assert values["CreatedDate"] == values["ModifiedDate"] == "2000-01-01T00:00:00Z"
    assert values["creator"] == "서울특별시교육청교육연수원"
    assert next(meta.iter("{*}title")).text == "2025 주요업무계획"
    report = validate_document(SAMPLE["hwpx"])
    assert [str(issue) for issue in report.issues] == []


def test_hwp_is_an_hwp5_file_with_fixed_summary():
    streams = _streams(SAMPLE["hwp"].read_bytes())
    assert streams["FileHeader"].startswith(b"HWP Document File")
    assert {"DocInfo", "BodyText/Section0", "\x05HwpSummaryInformation"} <= set(streams)
    out = subprocess.run(
        [str(BIN / "hwp5proc"), "summaryinfo", str(SAMPLE["hwp"])],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Title: 2025 주요업무계획" in out
    assert "Created at: 2000-01-01 00:00:00" in out


# ---------------------------------------------------------------- the same facts, four ways


@pytest.mark.parametrize("fmt", ["txt", *RENDERINGS])
def test_every_format_reads_cleanly(docs, fmt):
    doc = docs(fmt)
    assert (doc.status, doc.error, doc.issues) == ("ok", None, [])
    assert doc.format == fmt


@pytest.mark.parametrize("fmt", RENDERINGS)
def test_same_facts_as_the_text(facts, fmt):
    text, other = facts("txt"), facts(fmt)
    assert _strip(other.sections) == _strip(text.sections)
    assert _strip(other.training_items) == _strip(text.training_items)
    assert _strip(other.improvement_items) == _strip(text.improvement_items)
    assert _strip(other.budget_lines) == _strip(text.budget_lines)
    assert [t._replace(page=None, block_span=None) for t in other.budget_tables] == [
        t._replace(page=None, block_span=None) for t in text.budget_tables
    ]
    assert _strip(other.contacts) == _strip(text.contacts)
    assert (
        other.family,
        other.title,
        other.organization,
        other.plan_year,
        other.unit,
        other.tasks,
        other.section_parts,
    ) == (
        text.family,
        text.title,
        text.organization,
        text.plan_year,
        text.unit,
        text.tasks,
        text.section_parts,
    )


@pytest.mark.parametrize("fmt", ["txt", *RENDERINGS])
def test_known_values(facts, fmt):
    f = facts(fmt)
    assert len(f.sections) == 20
    assert [s.code for s in f.sections][:3] == ["1-1-1", "1-1-2", "1-2-1"]
    assert len(f.budget_tables) == 20
    assert len(f.budget_lines) == 60
    totals = {ln.section_code: ln for ln in f.budget_lines if ln.is_total}
    assert len(totals) == 20
    assert totals["3-2-1"].amount == 104_725_000
    assert totals["2-1-1"].cells_printed == 5
    assert (totals["2-1-1"].q3, totals["2-1-1"].q4) == (2_900_000, None)
    first = f.budget_lines[0]
    assert (first.section_code, first.program_code, first.amount) == ("1-1-1", "456", 1_078_028_000)
    merged = {
        (ln.section_code, ln.line_no): ln.amount_line_no
        for ln in f.budget_lines
        if not ln.is_total and ln.amount_line_no != ln.line_no
    }
    assert merged == {("3-1-2", 2): 1, ("3-2-2", 2): 1, ("3-2-2", 3): 1}
    assert len(f.training_items) == 236
    assert len(f.improvement_items) == 2
    assert len(f.contacts) == 163


@pytest.mark.parametrize("fmt", HANCOM)
def test_hancom_outline_is_the_pdfs(facts, fmt):
    """Both draw the budget tables as tables: the outline around them is the same."""

    def outline(f):
        return [(n.level, n.marker, n.text) for n in f.outline]

    assert outline(facts(fmt)) == outline(facts("pdf"))


@pytest.mark.parametrize("fmt", HANCOM)
def test_hancom_files_have_no_pages(docs, facts, fmt):
    doc = docs(fmt)
    assert doc.pages is None and all(block.page is None for block in doc.blocks)
    assert all((block.position.section, block.position.line) == (0, None) for block in doc.blocks)
    assert all(block.position.paragraph is not None for block in doc.blocks)
    assert all(s.page is None for s in facts(fmt).sections)


# ------------------------------------------------------------- what the Hancom files hold


def _expected_paragraphs(b, layout) -> list[str]:
    """The text lines as Hancom stores them: the heading box is the paragraph's bullet, the
    symbol-font 'm' its ❍; a title drawn many times over is there once."""
    out = []
    for item in layout:
        if item.kind in ("table", "box"):
            continue
        if item.kind == "line" and item.text.startswith("\uf000"):
            out.append(item.text[1:].lstrip(" ").rstrip())
        elif item.kind == "line":
            out.append(re.sub(r"^(\s*)m(?=\s)", "\\1\u274d", item.text).rstrip())
        else:
            out.append(item.text.rstrip())
    return out


@pytest.mark.parametrize("fmt", HANCOM)
def test_every_text_line_is_a_paragraph_in_order(b, layout, docs, fmt):
    paragraphs = [block.text for block in docs(fmt).blocks if isinstance(block, Paragraph)]
    expected = _expected_paragraphs(b, layout)
    assert len(paragraphs) == len(expected) > 1000
    assert paragraphs == expected
    assert paragraphs[:3] == [" 서울특별시교육청교육연수원", "일반 현황", " 일반 현황"]
    assert sum(1 for p in paragraphs if p.lstrip().startswith("\u274d ")) >= 40
    assert not any(re.match(r"\s*m\s", p) for p in paragraphs)


def _grid_cells(b, item):
    grid = b.budget_grid(item.table, list(item.lines))
    size = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for (c0, r0), (c1, r1) in grid.spans}
    covered = {
        (r, c)
        for (c0, r0), (c1, r1) in grid.merged()
        for r in range(r0, r1 + 1)
        for c in range(c0, c1 + 1)
        if (r, c) != (r0, c0)
    }
    cells = sorted(
        (r, c, *size.get((r, c), (1, 1)), text or "")
        for r, row in enumerate(grid.rows)
        for c, text in enumerate(row)
        if (r, c) not in covered
    )
    return cells, len(grid.rows)


@pytest.mark.parametrize("fmt", HANCOM)
def test_budget_tables_have_the_pdfs_grid(b, layout, docs, fmt):
    tables = [t for t in docs(fmt).blocks if isinstance(t, Table) and len(t.cells) > 1]
    expected = [_grid_cells(b, item) for item in layout if item.kind == "table"]
    assert len(tables) == len(expected) == 20
    for table, (cells, n_rows) in zip(tables, expected):
        assert (table.n_rows, table.n_cols) == (n_rows, 9)
        assert sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in table.cells) == cells
        assert not table.nested


@pytest.mark.parametrize("fmt", HANCOM)
def test_budget_table_cells(docs, fmt):
    tables = [t for t in docs(fmt).blocks if isinstance(t, Table) and len(t.cells) > 1]
    first = tables[0]
    header = [(c.row, c.col, c.rowspan, c.colspan, c.text) for c in first.cells if c.row < 2]
    assert header == [
        (0, 0, 2, 1, "예산 사업명"),
        (0, 1, 2, 1, "추진 사업명"),
        (0, 2, 1, 2, "예산액"),
        (0, 4, 1, 4, "집행예정액 / 집행내용"),
        (0, 8, 2, 1, "사업별 설명자료 쪽수"),
        (1, 2, 1, 1, "’25"),
        (1, 3, 1, 1, "’24"),
        (1, 4, 1, 1, "1분기"),
        (1, 5, 1, 1, "2분기"),
        (1, 6, 1, 1, "3분기"),
        (1, 7, 1, 1, "4분기"),
    ]
    assert [c.text for c in first.row_cells(2)] == [
        "456. 자격연수",
        "교원 자격단계별 핵심역량 강화 자격연수",
        "1,078,028",
        "1,109,463",
        "342,000",
        "240,480",
        "495,548",
        "-",
        "1,958",
    ]
    assert [(c.col, c.colspan, c.text) for c in first.row_cells(3)] == [(4, 4, "연수 운영")]
    # 2-1-1: one program cell and one 쪽수 cell over three projects; the 합계 row printed five
    # of its six amounts (the sixth cell is there, blank).
    t = tables[4]
    assert (t.cell(2, 0).text, t.cell(2, 0).rowspan) == ("457. 직무연수", 6)
    assert (t.cell(2, 8).text, t.cell(2, 8).rowspan) == ("1,963\n1,964", 6)
    total = t.row_cells(t.n_rows - 1)
    assert [(c.col, c.colspan, c.text) for c in total] == [
        (0, 2, "합계"),
        (2, 1, "22,900"),
        (3, 1, "66,283"),
        (4, 1, "6,800"),
        (5, 1, "11,100"),
        (6, 1, "2,900"),
        (7, 1, ""),
        (8, 1, ""),
    ]
    # 3-2-2: one amount over three rows of quarters.
    t = tables[11]
    assert (t.cell(2, 2).text, t.cell(2, 2).rowspan, t.cell(2, 3).text) == ("23,972", 6, "22,914")
    assert [t.cell(r, 4).text for r in (2, 4, 6)] == ["855", "1,700", "286"]


@pytest.mark.parametrize("fmt", HANCOM)
def test_improvement_boxes_are_single_cell_tables(layout, docs, fmt):
    boxes = [t for t in docs(fmt).blocks if isinstance(t, Table) and len(t.cells) == 1]
    expected = [item for item in layout if item.kind == "box"]
    assert len(boxes) == len(expected) == 19
    for box, item in zip(boxes, expected):
        lines = box.cells[0].text.split("\n")
        assert lines[0] == "2025년 주요 개선 사항"
        assert [re.sub(r"\s+", "", x) for x in lines] == [
            re.sub(r"\s+", "", child.text) for child in item.children
        ]


def _section_xml():
    return etree.fromstring(_parts(SAMPLE["hwpx"].read_bytes())["Contents/section0.xml"])


def test_hwpx_headings_carry_a_box_bullet_not_a_character():
    parts = _parts(SAMPLE["hwpx"].read_bytes())
    header = etree.fromstring(parts["Contents/header.xml"])
    bullets = {b.get("id"): b.get("char") for b in header.iter(f"{HH}bullet")}
    bulleted = {
        p.get("id"): bullets[h.get("idRef")]
        for p in header.iter(f"{HH}paraPr")
        for h in p.iter(f"{HH}heading")
        if h.get("type") == "BULLET"
    }
    assert set(bulleted.values()) == {"□"}
    heads = [p for p in _section_xml().iter(f"{HP}p") if p.get("paraPrIDRef") in bulleted]
    text = "".join(SAMPLE["txt"].read_text("utf-8"))
    assert len(heads) == text.count("\uf000") == 86
    assert "\uf000" not in parts["Contents/section0.xml"].decode("utf-8")


def test_hwpx_titles_once_with_page_breaks():
    paragraphs = [p for p in _section_xml() if p.tag == f"{HP}p"]
    texts = ["".join(t.text or "" for t in p.iter(f"{HP}t")) for p in paragraphs]
    breaks = [texts[k] for k, p in enumerate(paragraphs) if p.get("pageBreak") == "1"]
    # Chapters (their title once, where the PDF draws it 24 times over), the part, sections.
    assert [t for t in breaks if not re.match(r"\d-\d-\d ", t)] == [
        "일반 현황",
        "  주요 현안 및 역점 사업",
        "주요 업무",
    ]
    assert sum(1 for t in breaks if re.match(r"\d-\d-\d ", t)) == 20
    assert texts.count("일반 현황") == 1 and "교육연수원" in texts
    tables = list(_section_xml().iter(f"{HP}tbl"))
    budget = [t for t in tables if t.get("colCnt") == "9"]
    assert len(budget) == 20 and {t.get("repeatHeader") for t in budget} == {"1"}


# --------------------------------------------------------------------- pyhwp's own CLI


@pytest.fixture(scope="module")
def hwp5proc_xml(tmp_path_factory):
    exe = BIN / "hwp5proc"
    if not exe.exists():
        pytest.skip("pyhwp's hwp5proc is not installed beside this Python")
    out = tmp_path_factory.mktemp("hwp5proc") / "sample.xml"
    subprocess.run(
        [str(exe), "xml", "--no-validate-wellformed", "--output", str(out), str(SAMPLE["hwp"])],
        check=True,
        capture_output=True,
    )
    return etree.parse(str(out))


def test_hwp5proc_reads_every_table_and_span(b, layout, hwp5proc_xml):
    tables = hwp5proc_xml.xpath("//TableControl")
    assert len(tables) == 39  # 20 budget tables, 19 boxes
    budget = [t for t in tables if t.xpath("string(.//TableBody/@cols)") == "9"]
    expected = [_grid_cells(b, item) for item in layout if item.kind == "table"]
    assert len(budget) == len(expected) == 20
    for table, (cells, n_rows) in zip(budget, expected):
        assert table.xpath("string(.//TableBody/@rows)") == str(n_rows)
        assert table.xpath("string(.//TableBody/@repeat-header)") == "1"
        got = sorted(
            (
                int(c.get("row")),
                int(c.get("col")),
                int(c.get("rowspan")),
                int(c.get("colspan")),
                "\n".join("".join(p.xpath(".//Text/text()")) for p in c.xpath("./Paragraph")).strip(
                    "\n"
                ),
            )
            for c in table.xpath(".//TableCell")
        )
        assert got == cells
    assert hwp5proc_xml.xpath("//Bullet/@char") == ["□"]


def test_hwp5txt_gives_every_paragraph(b, layout):
    exe = BIN / "hwp5txt"
    if not exe.exists():
        pytest.skip("pyhwp's hwp5txt is not installed beside this Python")
    out = subprocess.run(
        [str(exe), str(SAMPLE["hwp"])], capture_output=True, text=True, check=True
    ).stdout
    lines = [line.rstrip() for line in out.splitlines() if line.strip() != "<표>"]
    expected = _expected_paragraphs(b, layout)
    assert [line for line in lines if line.strip()] == expected
