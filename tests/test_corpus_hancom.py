"""Every HWP/HWPX file of the shared corpus, through `kplan.parsers.parse_file` (detection, backend
and status together), checked against references computed here at test time:

* HWP: pyhwp's own CLI. `hwp5proc xml` (its Python entry point, in a subprocess) gives every
  table with each cell's row, col, rowspan, colspan and text, and every top-level paragraph; the
  `hwp5txt` text is pyhwp's plaintext.xsl applied to that same XML — which is exactly what
  hwp5txt does (one test runs the real hwp5txt to keep that true) — and every line it prints
  must be in our paragraphs, its "<표>"/"<그림>" placeholders aside.
* HWPX: the section XML itself, read with lxml here: every hp:tbl, every hp:tc's address and
  span, every hp:t's text.
* Files that exist as both .hwp and .hwpx must give the same blocks.
* corpus/bad: the exact outcome per file (status, error code, reader).

Header, footer and master-page text is not body text (our readers leave it out), so it is left
out of the references too; foot/endnote text, which hwp5txt prints inside the line of its
anchor, is checked as paragraphs of its own.
"""

from __future__ import annotations

import csv
import functools
import os
import re
import subprocess
import sys
import zlib
from collections import Counter
from pathlib import Path

import olefile
import pytest
from lxml import etree

from kplan.parsers import hwp, parse_file
from kplan.parsers.hancom_pua import map_private_use, overlap_text
from kplan.parsers.model import Document, Table

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"
pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(
        not CORPUS.is_dir(),
        reason=f"shared corpus not found at {CORPUS}: these tests read its files",
    ),
]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WHITESPACE = re.compile(r"\s+")


def manifest() -> list[dict[str, str]]:
    if not CORPUS.is_dir():
        return []
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


ROWS = manifest()
HANCOM = [r["file"] for r in ROWS if r["kind"] in ("hwp", "hwpx")]
GOOD = [f for f in HANCOM if f.startswith(("fixtures/", "reports/"))]
BAD = [f for f in HANCOM if f.startswith("bad/")]


def is_ole(name: str) -> bool:
    return (CORPUS / name).read_bytes()[:8] == OLE_MAGIC


def is_zip(name: str) -> bool:
    return (CORPUS / name).read_bytes()[:4] == b"PK\x03\x04"


@functools.cache
def parsed(name: str) -> Document:
    # The reader's own view: the references know nothing of parsers/tidy.py's layout fixes.
    return parse_file(CORPUS / name, tidy=False)


def squash(text: str) -> str:
    return WHITESPACE.sub("", text)


def norm(text: str) -> str:
    """Reference text as we store it (private-use characters mapped), whitespace removed."""
    return squash(map_private_use(text))


# --------------------------------------------------------------------------------------------
# Our side


def our_tables(doc: Document) -> list[tuple]:
    """Every table, nested ones after their parent, as (rows, cols, sorted cells)."""
    out: list[tuple] = []

    def visit(table: Table) -> None:
        out.append(
            (
                table.n_rows,
                table.n_cols,
                tuple(
                    sorted(
                        (c.row, c.col, c.rowspan, c.colspan, squash(c.text)) for c in table.cells
                    )
                ),
            )
        )
        for inner in table.nested.values():
            for t in inner:
                visit(t)

    for table in doc.tables():
        visit(table)
    return out


def our_paragraphs(doc: Document, *, inside: tuple[str, ...] = ()) -> list[str]:
    """Paragraph texts: top-level ones (inside nothing) or those whose innermost object is one
    of `inside` ('footnote', 'textbox')."""
    return [
        squash(p.text)
        for p in doc.paragraphs()
        if p.position is not None
        and (
            p.position.inside.split()[-1] in inside
            if inside and p.position.inside
            else not inside and p.position.inside is None
        )
    ]


# --------------------------------------------------------------------------------------------
# HWP references from pyhwp's CLI


def run_entry_point(module: str, *args: str) -> subprocess.CompletedProcess:
    code = f"import sys; from {module} import main; sys.argv[0] = 'x'; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, timeout=300)


# `hwp5proc xml` over a batch of files in one interpreter: argv[1] the output folder, then
# (index, path) pairs; writes <index>.xml for each file the CLI reads.
HWP5PROC_BATCH = """
import os, sys
from hwp5.hwp5proc import main
out, rest = sys.argv[1], sys.argv[2:]
for index, path in zip(rest[::2], rest[1::2]):
    target = os.path.join(out, index + ".xml")
    sys.argv = ["hwp5proc", "xml", "--no-validate-wellformed", "--output", target + ".part", path]
    try:
        main()
    except (SystemExit, Exception):
        continue
    os.replace(target + ".part", target)
"""

# OLE files the corpus manifest does not record pyhwp's CLI failing on.
HWP_WITH_REFERENCE = [
    r["file"]
    for r in ROWS
    if r["file"] in HANCOM and is_ole(r["file"]) and "hwp5proc xml FAIL" not in r["opens_with"]
]


@pytest.fixture(scope="session")
def hwp_xml(tmp_path_factory) -> dict[str, object]:
    """`hwp5proc xml` of every file the manifest says pyhwp's CLI reads, parsed; computed in
    one batch per core while this process parses the corpus itself."""
    out = tmp_path_factory.mktemp("hwp5proc")
    workers = os.cpu_count() or 2
    jobs = sorted(
        ([str(i), str(CORPUS / name)] for i, name in enumerate(HWP_WITH_REFERENCE)),
        key=lambda job: -os.path.getsize(job[1]),
    )  # big files spread over batches
    batches = [sum(jobs[w::workers], []) for w in range(workers)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", HWP5PROC_BATCH, str(out), *batch],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for batch in batches
        if batch
    ]
    for name in HANCOM:  # our side, meanwhile (cached for the tests)
        parsed(name)
    for proc in procs:
        proc.wait(timeout=900)
    parser = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True)
    found = {}
    for i, name in enumerate(HWP_WITH_REFERENCE):
        xml = out / f"{i}.xml"
        found[name] = etree.parse(str(xml), parser).getroot() if xml.exists() else None
    return found


@functools.cache
def plaintext_xslt() -> etree.XSLT:
    import hwp5

    return etree.XSLT(etree.parse(str(Path(hwp5.__file__).parent / "xsl" / "plaintext.xsl")))


def hwp5txt_of(root) -> str:
    return str(plaintext_xslt()(root.getroottree()))


NOT_BODY = {"Header", "Footer", "HiddenComment"}


def is_control(el) -> bool:
    return el.get("chid") is not None and not el.tag.startswith("Field")


def own_text(paragraph) -> str:
    """A paragraph's Text, without the text of the controls (tables, boxes, notes) in it."""
    parts: list[str] = []

    def visit(el) -> None:
        for child in el:
            if child.tag == "Text":
                parts.append(child.text or "")
            elif child.tag == "TCPSControl":  # overlapped characters (글자 겹침) print one
                parts.append(overlap_text(child.get("textlength") or ""))
            elif not is_control(child):
                visit(child)

    visit(paragraph)
    return "".join(parts)


def outside_body(el) -> bool:
    for ancestor in el.iterancestors():
        if ancestor.tag in NOT_BODY:
            return True
        parent = ancestor.getparent()
        if ancestor.tag == "ListHeader" and parent is not None and parent.tag == "SectionDef":
            return True  # master page
    return False


def is_inlined_box(control) -> bool:
    """A one-cell table inside a table cell, holding no table but such boxes: our reader makes
    its text part of the cell's text, where it stands."""
    body = control.find("TableBody")
    return (
        body is not None
        and body.get("rows") == "1"
        and body.get("cols") == "1"
        and any(a.tag == "TableCell" for a in control.iterancestors())
        and all(
            is_inlined_box(inner) for inner in control.iter("TableControl") if inner is not control
        )
    )


def cell_text(cell) -> str:
    parts: list[str] = []

    def visit(el) -> None:
        for child in el:
            if child.tag == "TableControl" and is_inlined_box(child):
                visit(child)
                continue
            if child.tag in ("TableControl", "FootNote", "EndNote") or child.tag in NOT_BODY:
                continue
            if child.tag == "Paragraph":
                parts.append(norm(own_text(child)))
            visit(child)

    visit(cell)
    return "".join(parts)


def ref_tables(root) -> list[tuple]:
    out = []
    for control in root.iter("TableControl"):
        if outside_body(control) or is_inlined_box(control):
            continue
        body = control.find("TableBody")
        cells = [c for c in body.iter("TableCell") if c.getparent().getparent() is body]
        out.append(
            (
                int(body.get("rows")),
                int(body.get("cols")),
                tuple(
                    sorted(
                        (
                            int(c.get("row")),
                            int(c.get("col")),
                            int(c.get("rowspan")),
                            int(c.get("colspan")),
                            cell_text(c),
                        )
                        for c in cells
                    )
                ),
            )
        )
    return out


def ref_paragraphs(root) -> list[str]:
    top = (
        p
        for p in root.iter("Paragraph")
        if not any(a.tag in ("Paragraph", "ListHeader") for a in p.iterancestors())
    )
    return [t for t in (norm(own_text(p)) for p in top) if t]


def ref_note_paragraphs(root) -> list[str]:
    return [
        t
        for note in root.iter("FootNote", "EndNote")
        if not outside_body(note)
        for t in (norm(own_text(p)) for p in note.iter("Paragraph"))
        if t
    ]


def ref_textbox_paragraphs(root) -> list[str]:
    """Text-box paragraphs of drawing objects anchored in the body (not in a table cell)."""
    return [
        t
        for box in root.iter("TextboxParagraphList")
        if not outside_body(box) and not any(a.tag == "TableCell" for a in box.iterancestors())
        for t in (norm(own_text(p)) for p in box.iter("Paragraph"))
        if t
    ]


def nested_paragraph_texts(root) -> list[str]:
    """Texts hwp5txt prints in the middle of another paragraph's line."""
    texts = {
        norm(own_text(p))
        for tag in ("FootNote", "EndNote", *NOT_BODY)
        for el in root.iter(tag)
        for p in el.iter("Paragraph")
    }
    return sorted((t for t in texts if t), key=len, reverse=True)


def reference(hwp_xml, name: str):
    root = hwp_xml[name]
    assert root is not None, f"hwp5proc xml failed on {name}; the manifest records no failure"
    return root


# --------------------------------------------------------------------------------------------
# HWPX references from the section XML


def local(el) -> str:
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def hwpx_sections(name: str) -> list:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO((CORPUS / name).read_bytes())) as zf:
        return [
            etree.fromstring(zf.read(info))
            for info in zf.infolist()
            if re.fullmatch(r"contents/section\d+\.xml", info.filename.replace("\\", "/").lower())
        ]


def hwpx_inlined_box(tbl) -> bool:
    """As is_inlined_box, in OWPML: a 1×1 tbl inside a tc, holding no tbl but such boxes."""
    return (
        tbl.get("rowCnt") == "1"
        and tbl.get("colCnt") == "1"
        and any(local(a) == "tc" for a in tbl.iterancestors())
        and all(hwpx_inlined_box(el) for el in tbl.iterdescendants() if local(el) == "tbl")
    )


def hwpx_in_body(el) -> bool:
    return not any(
        local(a) in ("header", "footer", "hiddenComment", "fieldBegin") for a in el.iterancestors()
    )


# --------------------------------------------------------------------------------------------
# Good files


EXPECTED_ISSUES = {
    # U+F03C5, a bullet in Hancom's HWP 3 → 5 conversion, is in no verified table: "•", counted.
    "reports/kwater_dr_center_rfp_2004_hwp5.hwp": ["unknown_pua"],
}
EXPECTED_EMPTY = {
    # Its only text is in the header and footer, which are not body text.
    "fixtures/hwpxlib_headerfooter.hwpx",
}


@pytest.mark.parametrize("name", HWP_WITH_REFERENCE)
def test_hwp_tables_match_hwp5proc(hwp_xml, name):
    expected = ref_tables(reference(hwp_xml, name))
    assert our_tables(parsed(name)) == expected


@pytest.mark.parametrize("name", HWP_WITH_REFERENCE)
def test_hwp_paragraphs_match_hwp5proc(hwp_xml, name):
    root = reference(hwp_xml, name)
    doc = parsed(name)
    assert our_paragraphs(doc) == ref_paragraphs(root)
    assert Counter(our_paragraphs(doc, inside=("footnote", "endnote"))) == Counter(
        ref_note_paragraphs(root)
    )
    assert not Counter(ref_textbox_paragraphs(root)) - Counter(
        our_paragraphs(doc, inside=("textbox",))
    )


@pytest.mark.parametrize("name", HWP_WITH_REFERENCE)
def test_every_line_hwp5txt_prints_is_in_our_paragraphs(hwp_xml, name):
    root = reference(hwp_xml, name)
    ours = "\x00".join(squash(p.text) for p in parsed(name).paragraphs())
    nested = nested_paragraph_texts(root)
    missing = []
    for line in hwp5txt_of(root).split("\n"):
        pieces = [norm(line.replace("<표>", "").replace("<그림>", ""))]
        for text in nested:  # a note's paragraphs are printed inside its anchor's line
            pieces = [part for piece in pieces for part in piece.split(text)]
        missing += [piece for piece in pieces if piece and piece not in ours]
    assert missing == []


def test_hwp5txt_is_plaintext_xsl_over_hwp5proc_xml(hwp_xml):
    """The shortcut the line test takes, checked against the real hwp5txt."""
    names = [
        "fixtures/pyhwp_footnote_endnote.hwp",
        "fixtures/pyhwp_headerfooter.hwp",
        "reports/mosf_fiscal_stats_2014_08.hwp",
        "bad/distribution_viewtext_small.hwp",
    ]
    for name in names:
        done = run_entry_point("hwp5.hwp5txt", str(CORPUS / name))
        assert done.returncode == 0
        assert done.stdout.decode("utf-8") == hwp5txt_of(reference(hwp_xml, name)), name


@pytest.mark.parametrize("name", [n for n in GOOD if CORPUS.is_dir() and is_zip(n)])
def test_hwpx_tables_and_text_match_the_section_xml(name):
    sections = hwpx_sections(name)
    doc = parsed(name)
    tables = [
        el
        for root in sections
        for el in root.iter()
        if local(el) == "tbl" and hwpx_in_body(el) and not hwpx_inlined_box(el)
    ]
    ref_cells = Counter()
    for table in tables:
        for tc in (el for el in table.iter() if local(el) == "tc"):
            if next(a for a in tc.iterancestors() if local(a) == "tbl") is not table:
                continue
            addr = next(el for el in tc if local(el) == "cellAddr")
            span = next(el for el in tc if local(el) == "cellSpan")
            ref_cells[
                (
                    int(addr.get("rowAddr")),
                    int(addr.get("colAddr")),
                    int(span.get("rowSpan")),
                    int(span.get("colSpan")),
                )
            ] += 1
    ours = our_tables(doc)
    assert len(ours) == len(tables)
    assert Counter(cell[:4] for table in ours for cell in table[2]) == ref_cells
    everything = "\x00".join(
        [squash(p.text) for p in doc.paragraphs()]
        + [cell[4] for table in ours for cell in table[2]]
        + [squash(t.caption or "") for t in doc.tables()]
    )
    missing = [
        text
        for root in sections
        for t in root.iter()
        if local(t) == "t" and hwpx_in_body(t) and not any(local(c) == "deleteBegin" for c in t)
        for text in [norm("".join(t.itertext()))]
        if text and text not in everything
    ]
    assert missing == []


PAIRS = [
    ("reports/moel_2025_work_report.hwp", "reports/moel_2025_work_report.hwpx"),
    (
        "reports/kwater_digital_platform_rfp_2025.hwp",
        "reports/kwater_digital_platform_rfp_2025.hwpx",
    ),
    ("reports/moef_fdi_2024q1_press.hwp", "reports/moef_fdi_2024q1_press.hwpx"),
    ("fixtures/hwpjs_table_bug_school_forms.hwp", "fixtures/hwpjs_table_bug_school_forms.hwpx"),
]


@pytest.mark.parametrize("hwp_name,hwpx_name", PAIRS)
def test_hwp_and_hwpx_of_one_document_give_the_same_blocks(hwp_name, hwpx_name):
    a, b = parsed(hwp_name), parsed(hwpx_name)
    assert [(p.position, squash(p.text)) for p in a.paragraphs()] == [
        (p.position, squash(p.text)) for p in b.paragraphs()
    ]
    assert our_tables(a) == our_tables(b)
    assert (a.reader, b.reader) == ("pyhwp", "lxml")


@pytest.mark.parametrize("name", GOOD)
def test_good_file_parses(name):
    doc = parsed(name)
    if name in EXPECTED_EMPTY:
        assert (doc.status, doc.error) == ("failed", "empty")
        return
    assert doc.error is None, doc.error_message
    assert [i.code for i in doc.issues] == EXPECTED_ISSUES.get(name, [])
    assert doc.status == ("partial" if name in EXPECTED_ISSUES else "ok")
    assert doc.reader == ("pyhwp" if is_ole(name) else "lxml")
    assert all(b.page is None and b.position.section is not None for b in doc.blocks)
    assert not re.search("[\ue000-\uf8ff\U000f0000-\U0010ffff\ud800-\udfff]", doc.text())


# --------------------------------------------------------------------------------------------
# corpus/bad


BAD_EXPECTED = {
    # file: (status, error, reader)
    "bad/password_12345.hwp": ("failed", "encrypted", None),
    "bad/password_12345.hwpx": ("failed", "encrypted", None),
    "bad/distribution_tender_notice.hwp": ("ok", None, "pyhwp"),  # 배포용, pyhwp decodes it
    "bad/distribution_viewtext_small.hwp": ("ok", None, "pyhwp"),
    "bad/hwp3_sample_lvs_article.hwp": ("failed", "unsupported_version", None),
    "bad/kwater_dr_center_rfp_2004_hwp3.hwp": ("failed", "unsupported_version", None),
    "bad/hwplib_generated_no_summaryinfo_table.hwp": ("ok", None, "pyhwp"),
    "bad/hwpers_generated_complex_table.hwp": ("ok", None, "pyhwp"),
    "bad/rhwp_resaved_table.hwp": ("ok", None, "pyhwp"),
    "bad/rhwp_resaved_press_release.hwp": ("partial", None, "pyhwp"),
    "bad/moel_vocational_training_lone_surrogate.hwp": ("partial", None, "pyhwp"),
    "bad/hwplib_truncated_record.hwp": ("ok", None, "pyhwp"),
    "bad/utf8_mangled_binary.hwp": ("failed", "corrupt", None),
    "bad/html_fragment_named_hwp.hwp": ("failed", "unsupported_format", None),
    "bad/wildlife_rfp_misnamed_as_hwp.hwp": ("ok", None, "lxml"),  # HWPX by content
    "bad/ole_hwp_misnamed_as_hwpx.hwpx": ("ok", None, "pyhwp"),  # HWP by content
    "bad/backslash_paths_notice.hwpx": ("ok", None, "lxml"),
    "bad/no_manifest_ulsan_legislative_notice.hwpx": ("ok", None, "lxml"),
    "bad/minimal_no_header_irb_form.hwpx": ("ok", None, "lxml"),
    "bad/all_text_in_one_table_ruling.hwp": ("ok", None, "pyhwp"),
}


def test_every_bad_hancom_file_has_an_expected_outcome():
    assert sorted(BAD) == sorted(BAD_EXPECTED)


@pytest.mark.parametrize("name", sorted(BAD_EXPECTED))
def test_bad_file(name):
    doc = parsed(name)
    assert (doc.status, doc.error, doc.reader) == BAD_EXPECTED[name], doc.error_message
    if doc.status != "failed":
        assert doc.text().strip()


def test_bad_files_pyhwp_cli_cannot_read_match_an_independent_reader():
    """hwp5proc fails on these; python-hwpx's HWP 5 reader agrees with ours block for block."""
    for name in (
        "bad/hwplib_truncated_record.hwp",
        "bad/rhwp_resaved_table.hwp",
        "bad/hwplib_generated_no_summaryinfo_table.hwp",
    ):
        ours = parsed(name)
        other = hwp.read_with_python_hwpx((CORPUS / name).read_bytes(), path=name)
        assert [(b.position, squash(b.text)) for b in ours.paragraphs()] == [
            (b.position, squash(b.text)) for b in other.paragraphs()
        ], name
        assert our_tables(ours) == our_tables(other), name


def test_whole_body_in_one_table_gives_that_table(hwp_xml):
    doc = parsed("bad/all_text_in_one_table_ruling.hwp")
    (table,) = doc.tables()
    assert list(doc.paragraphs()) == []
    assert our_tables(doc) == ref_tables(reference(hwp_xml, "bad/all_text_in_one_table_ruling.hwp"))
    assert len(squash(doc.text())) > 300


def raw_lone_surrogates(name: str) -> int:
    """Unpaired UTF-16 surrogates in the PARA_TEXT records of BodyText/Section0, counted from
    the raw stream (not through either reader)."""
    ole = olefile.OleFileIO(str(CORPUS / name))
    data = zlib.decompress(ole.openstream("BodyText/Section0").read(), -15)
    count, offset = 0, 0
    while offset < len(data):
        word = int.from_bytes(data[offset : offset + 4], "little")
        tag, size, head = word & 0x3FF, word >> 20, 4
        if size == 0xFFF:
            size, head = int.from_bytes(data[offset + 4 : offset + 8], "little"), 8
        if tag == 67:
            units = [
                int.from_bytes(data[i : i + 2], "little")
                for i in range(offset + head, offset + head + size, 2)
            ]
            for i, unit in enumerate(units):
                high = 0xD800 <= unit < 0xDC00
                low = 0xDC00 <= unit < 0xE000
                if high and not (i + 1 < len(units) and 0xDC00 <= units[i + 1] < 0xE000):
                    count += 1
                elif low and not (i > 0 and 0xD800 <= units[i - 1] < 0xDC00):
                    count += 1
        offset += head + size
    return count


def test_lone_surrogates_cost_one_character_each():
    name = "bad/moel_vocational_training_lone_surrogate.hwp"
    doc = parsed(name)
    expected = raw_lone_surrogates(name)
    assert expected > 0
    assert doc.text().count("\ufffd") == expected
    assert [i.code for i in doc.issues] == ["lone_surrogate"]
    assert str(expected) in doc.issues[0].message
    assert len(squash(doc.text())) > 30_000


def test_distribution_documents_match_hwp5proc(hwp_xml):
    for name in ("bad/distribution_tender_notice.hwp", "bad/distribution_viewtext_small.hwp"):
        assert our_paragraphs(parsed(name)) == ref_paragraphs(reference(hwp_xml, name))
