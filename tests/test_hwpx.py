"""HWPX backend on packages built here: tables and spans, nesting, text boxes, notes, private-use
characters, section order, and the hostile inputs (zip bomb, XXE, huge tables, deep nesting)."""

from __future__ import annotations

import io
import pickle
import struct
import zipfile

import pytest

from kplan.parsers import hancom, hwpx, parse_bytes
from kplan.parsers.errors import CorruptFile, EncryptedFile, LimitExceeded
from kplan.parsers.model import Paragraph, Position, Table

NS = (
    'xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" '
    'xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph"'
)


def sec(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><hs:sec {NS}>{body}</hs:sec>'


def p(*items: str) -> str:
    return "<hp:p>" + "".join(f"<hp:run>{item}</hp:run>" for item in items) + "</hp:p>"


def t(text: str) -> str:
    return f"<hp:t>{text}</hp:t>"


def tc(row: int, col: int, body: str, rowspan: int = 1, colspan: int = 1) -> str:
    return (
        f'<hp:tc><hp:subList>{body}</hp:subList>'
        f'<hp:cellAddr colAddr="{col}" rowAddr="{row}"/>'
        f'<hp:cellSpan colSpan="{colspan}" rowSpan="{rowspan}"/></hp:tc>'
    )


def tbl(rows: int, cols: int, *trs: str, caption: str = "") -> str:
    cap = f"<hp:caption><hp:subList>{caption}</hp:subList></hp:caption>" if caption else ""
    return (
        f'<hp:tbl rowCnt="{rows}" colCnt="{cols}">{cap}'
        + "".join(f"<hp:tr>{tr}</hp:tr>" for tr in trs)
        + "</hp:tbl>"
    )


def package(
    sections: dict[str, str],
    *,
    spine: list[str] | None = None,
    extra: dict[str, bytes | str] | None = None,
    sep: str = "/",
) -> bytes:
    """An HWPX zip: mimetype, the sections, and a content.hpf whose spine is `spine`."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/hwp+zip", compress_type=zipfile.ZIP_STORED)
        for name, xml in sections.items():
            zf.writestr(name.replace("/", sep), xml)
        if spine is not None:
            items = "".join(
                f'<opf:item id="{n}" href="Contents/{n}.xml" media-type="application/xml"/>'
                for n in spine
            )
            refs = "".join(f'<opf:itemref idref="{n}"/>' for n in spine)
            hpf = (
                '<opf:package xmlns:opf="http://www.idpf.org/2007/opf/">'
                f"<opf:manifest>{items}</opf:manifest><opf:spine>{refs}</opf:spine>"
                "</opf:package>"
            )
            zf.writestr(f"Contents{sep}content.hpf", hpf)
        for name, payload in (extra or {}).items():
            zf.writestr(name, payload)
    return buf.getvalue()


def read_sections(*bodies: str) -> object:
    return hwpx.read(
        package({f"Contents/section{i}.xml": sec(b) for i, b in enumerate(bodies)}), path="t.hwpx"
    )


def cells(table: Table) -> list[tuple]:
    return sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in table.cells)


MERGED = tbl(
    3,
    3,
    tc(0, 0, p(t("구분")), colspan=2) + tc(0, 2, p(t("2025"))),
    tc(1, 0, p(t("예산")), rowspan=2) + tc(1, 1, p(t("본예산"))) + tc(1, 2, p(t("1,234"))),
    tc(2, 1, p(t("추경"))) + tc(2, 2, p(t("56"))),
    caption=p(t("표 1 예산 현황")),
)


def test_merged_cells_are_stored_once_at_their_origin():
    doc = read_sections(p(t("앞 문단")) + p(MERGED) + p(t("뒤 문단")))
    para_before, table, para_after = doc.blocks
    assert para_before == Paragraph("앞 문단", position=Position(section=0, paragraph=0))
    assert para_after == Paragraph("뒤 문단", position=Position(section=0, paragraph=2))
    assert (table.n_rows, table.n_cols, table.position) == (3, 3, Position(section=0, paragraph=1))
    assert table.caption == "표 1 예산 현황"
    assert cells(table) == [
        (0, 0, 1, 2, "구분"),
        (0, 2, 1, 1, "2025"),
        (1, 0, 2, 1, "예산"),
        (1, 1, 1, 1, "본예산"),
        (1, 2, 1, 1, "1,234"),
        (2, 1, 1, 1, "추경"),
        (2, 2, 1, 1, "56"),
    ]
    assert table.text_grid() == [
        ["구분", None, "2025"],
        ["예산", "본예산", "1,234"],
        [None, "추경", "56"],
    ]
    assert table.cell_covering(2, 0).text == "예산"
    assert doc.reader == "lxml" and doc.issues == []


def test_nested_table_goes_to_its_cell_and_cell_paragraphs_are_lines():
    inner = tbl(1, 2, tc(0, 0, p(t("세부"))) + tc(0, 1, p(t("100"))))
    outer = tbl(
        2,
        2,
        tc(0, 0, p(t("항목"))) + tc(0, 1, p(t("내용"))),
        tc(1, 0, p(t("가")) + p(t("나"))) + tc(1, 1, p(t("표 안의 표"), inner)),
    )
    (table,) = read_sections(p(outer)).blocks
    assert cells(table) == [
        (0, 0, 1, 1, "항목"),
        (0, 1, 1, 1, "내용"),
        (1, 0, 1, 1, "가\n나"),
        (1, 1, 1, 1, "표 안의 표"),
    ]
    (nested,) = table.nested[(1, 1)]
    assert cells(nested) == [(0, 0, 1, 1, "세부"), (0, 1, 1, 1, "100")]
    assert list(table.nested) == [(1, 1)]


def test_a_one_cell_box_inside_a_cell_is_text_of_that_cell_where_it_stands():
    # The NIKL table of contents: a '[ 목 차 ]' box above the entries, in the same cell.
    title = tbl(1, 1, tc(0, 0, p(t("[ 목 차 ]"))))
    toc = tbl(1, 1, tc(0, 0, p(title) + p(t("Ⅰ. 평가\t 1")) + p(t("Ⅱ. 방향\t 4"))))
    (table,) = read_sections(p(toc)).blocks
    assert cells(table) == [(0, 0, 1, 1, "[ 목 차 ]\nⅠ. 평가\t 1\nⅡ. 방향\t 4")]
    assert table.nested == {}
    # A box that holds a real table stays a nested table.
    boxed = tbl(1, 1, tc(0, 0, p(tbl(1, 2, tc(0, 0, p(t("a"))) + tc(0, 1, p(t("1")))))))
    (outer,) = read_sections(p(tbl(1, 1, tc(0, 0, p(boxed))))).blocks
    assert [(n.n_rows, n.n_cols) for n in outer.nested[(0, 0)]] == [(1, 1)]
    # A one-cell box with no cell written stays a (empty) nested table; its caption is text.
    (outer,) = read_sections(p(tbl(1, 1, tc(0, 0, p(tbl(1, 1)))))).blocks
    assert [len(n.cells) for n in outer.nested[(0, 0)]] == [0]
    captioned = tbl(1, 1, tc(0, 0, p(t("본문"))), caption=p(t("표 1")))
    (outer,) = read_sections(p(tbl(1, 1, tc(0, 0, p(captioned))))).blocks
    assert cells(outer) == [(0, 0, 1, 1, "본문\n표 1")]


def test_a_body_that_is_one_table_gives_that_table():
    doc = parse_bytes(package({"Contents/section0.xml": sec(p(MERGED))}), path="t.hwpx")
    assert doc.status == "ok"
    assert [type(b) for b in doc.blocks] == [Table]
    assert "본예산" in doc.text()


def test_text_boxes_notes_and_special_characters():
    box = (
        '<hp:rect><hp:drawText><hp:subList>'
        + p(t("글상자 안"))
        + '</hp:subList></hp:drawText><hp:caption><hp:subList>'
        + p(t("그림 1"))
        + "</hp:subList></hp:caption></hp:rect>"
    )
    group = (
        '<hp:container><hp:rect><hp:drawText><hp:subList>'
        + p(t("묶음 안"))
        + "</hp:subList></hp:drawText></hp:rect></hp:container>"
    )
    note = (
        '<hp:ctrl><hp:footNote><hp:subList>'
        + p(t("각주 내용"))
        + "</hp:subList></hp:footNote></hp:ctrl>"
    )
    header = (
        '<hp:ctrl><hp:header><hp:subList>' + p(t("머리말")) + "</hp:subList></hp:header></hp:ctrl>"
    )
    special = t('가<hp:tab/>나<hp:lineBreak/>다<hp:nbSpace/>라<hp:fwSpace/>마<hp:hyphen/>바')
    tracked = t(
        '유지<hp:deleteBegin Id="1"/> 삭제됨<hp:deleteEnd Id="1"/>'
        '<hp:insertBegin Id="2"/> 추가<hp:insertEnd Id="2"/>'
    )
    doc = read_sections(p(t("본문"), box, group, note, header) + p(special) + p(tracked))
    assert [(b.position.render(), b.text) for b in doc.blocks] == [
        ("section 0 paragraph 0", "본문"),
        ("section 0 paragraph 0 textbox", "글상자 안"),
        ("section 0 paragraph 0 caption", "그림 1"),
        ("section 0 paragraph 0 textbox", "묶음 안"),
        ("section 0 paragraph 0 footnote", "각주 내용"),
        ("section 0 paragraph 1", "가\t나\n다 라 마-바"),
        ("section 0 paragraph 2", "유지 추가"),
    ]
    assert "머리말" not in doc.text()


def test_private_use_characters_never_reach_stored_text():
    doc = parse_bytes(
        package(
            {
                "Contents/section0.xml": sec(
                    p(t("\uf0a7 항목"))
                    + p(t("\U000f02b1\u2007기구 현황"))
                    + p(t("\U000f0854보고서\U000f0855"))
                    + p(t("\uf0b7 \uf53a글 문서"))
                    + p(t("\U000f03c5 미확인 글머리"))
                    + p(t("중간\U000f03c5문자"))
                    + p(tbl(1, 1, tc(0, 0, p(t("\uf076 셀 안")))))
                )
            }
        ),
        path="t.hwpx",
    )
    texts = [b.text for b in doc.paragraphs()]
    assert texts == [
        "▪ 항목",
        "①\u2007기구 현황",
        "《보고서》",
        "• \u1112\u119e\u11ab글 문서",
        "• 미확인 글머리",
        "중간문자",
    ]
    assert next(doc.tables()).cells[0].text == "❖ 셀 안"
    assert not any("\ue000" <= ch <= "\uf8ff" or ord(ch) >= 0xF0000 for ch in doc.text())
    assert doc.status == "partial"
    (issue,) = doc.issues
    assert issue.code == "unknown_pua" and "U+F03C5×2" in issue.message


def test_sections_follow_the_content_hpf_spine_then_their_numbers():
    sections = {f"Contents/section{n}.xml": sec(p(t(f"섹션 {n}"))) for n in (0, 1, 2, 10)}
    in_spine = hwpx.read(package(sections, spine=["section1", "section0"]), path="t.hwpx")
    assert [b.text for b in in_spine.blocks] == ["섹션 1", "섹션 0", "섹션 2", "섹션 10"]
    assert [b.position.render() for b in in_spine.blocks][:2] == [
        "section 0 paragraph 0",
        "section 1 paragraph 0",
    ]
    by_number = hwpx.read(package(sections), path="t.hwpx")
    assert [b.text for b in by_number.blocks] == ["섹션 0", "섹션 1", "섹션 2", "섹션 10"]


def test_backslash_zip_names_are_found():
    data = package({"Contents/section0.xml": sec(p(t("역슬래시")))}, spine=["section0"], sep="\\")
    assert zipfile.ZipFile(io.BytesIO(data)).namelist()[1] == "Contents\\section0.xml"
    assert [b.text for b in hwpx.read(data, path="t.hwpx").blocks] == ["역슬래시"]


def test_cells_without_an_address_are_placed_in_reading_order():
    no_addr = '<hp:tc><hp:subList>{}</hp:subList><hp:cellSpan colSpan="{}" rowSpan="1"/></hp:tc>'
    table = (
        '<hp:tbl rowCnt="1" colCnt="3"><hp:tr>'
        + no_addr.format(p(t("A")), 2)
        + no_addr.format(p(t("B")), 1)
        + "</hp:tr></hp:tbl>"
    )
    (parsed,) = read_sections(p(table)).blocks
    assert cells(parsed) == [(0, 0, 1, 2, "A"), (0, 2, 1, 1, "B")]


def test_one_broken_section_makes_the_document_partial():
    data = package(
        {
            "Contents/section0.xml": sec(p(t("읽힘"))),
            "Contents/section1.xml": "<hs:sec><hp:p>unclosed",
        }
    )
    doc = parse_bytes(data, path="t.hwpx")
    assert doc.status == "partial" and [b.text for b in doc.blocks] == ["읽힘"]
    assert doc.issues[0].code == "section_unreadable"


def test_xxe_and_entity_expansion_are_refused():
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE hs:sec [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f'<hs:sec {NS}><hp:p><hp:run><hp:t>&x;</hp:t></hp:run></hp:p></hs:sec>'
    )
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f'<hs:sec {NS}><hp:p><hp:run><hp:t>&b;&b;</hp:t></hp:run></hp:p></hs:sec>'
    )
    for hostile in (xxe, laughs):
        with pytest.raises(LimitExceeded, match="declares a DTD"):
            hwpx.read(package({"Contents/section0.xml": hostile}), path="t.hwpx")
    doc = parse_bytes(
        package({"Contents/section0.xml": sec(p(t("정상"))), "Contents/section1.xml": xxe}),
        path="t.hwpx",
    )
    assert doc.status == "partial" and doc.text() == "정상"
    assert "root:" not in doc.text()


def test_a_zip_bomb_part_raises_limit_exceeded():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("Contents/section0.xml", "w", force_zip64=True) as member:
            block = b" " * (1 << 20)
            for _ in range(hwpx.MAX_PART_BYTES // len(block) + 1):
                member.write(block)
    assert len(buf.getvalue()) < 1_000_000  # a few hundred kB that inflate past the cap
    with pytest.raises(LimitExceeded):
        hwpx.read(buf.getvalue(), path="bomb.hwpx")
    assert parse_bytes(buf.getvalue(), path="bomb.hwpx").error == "limit_exceeded"


def understate_size(data: bytes, name: str, size: int) -> bytes:
    """`data` with `name`'s uncompressed size rewritten to `size` in both zip headers."""
    out = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    struct.pack_into("<I", out, info.header_offset + 22, size)  # local file header
    pos = out.find(b"PK\x01\x02")
    while pos >= 0:  # central directory
        name_len = struct.unpack_from("<H", out, pos + 28)[0]
        if out[pos + 46 : pos + 46 + name_len] == name.encode():
            struct.pack_into("<I", out, pos + 24, size)
        pos = out.find(b"PK\x01\x02", pos + 4)
    return bytes(out)


def test_a_part_that_understates_its_size_never_inflates_past_it():
    data = package({"Contents/section0.xml": sec(p(t("가" * 50_000)))})
    lying = understate_size(data, "Contents/section0.xml", 100)
    assert zipfile.ZipFile(io.BytesIO(lying)).getinfo("Contents/section0.xml").file_size == 100
    with pytest.raises(CorruptFile, match="CRC"):
        hwpx.read(lying, path="t.hwpx")


def test_table_size_and_nesting_are_capped(monkeypatch):
    huge_grid = (
        '<hp:tbl rowCnt="100000" colCnt="100000"><hp:tr>'
        + tc(0, 0, p(t("x")))
        + "</hp:tr></hp:tbl>"
    )
    with pytest.raises(LimitExceeded, match="positions"):
        read_sections(p(huge_grid))
    deep = p(t("바닥"))
    for _ in range(hancom.MAX_NESTING_DEPTH + 2):
        deep = p(tbl(1, 1, tc(0, 0, deep)))
    with pytest.raises(LimitExceeded, match="nested"):
        read_sections(deep)
    monkeypatch.setattr(hancom, "MAX_TABLE_CELLS", 3)
    four = tbl(
        2, 2, tc(0, 0, p(t("a"))) + tc(0, 1, p(t("b"))), tc(1, 0, p(t("c"))) + tc(1, 1, p(t("d")))
    )
    with pytest.raises(LimitExceeded, match="more than 3 cells"):
        read_sections(p(four))


def test_encrypted_packages_are_refused():
    manifest = (
        '<odf:manifest xmlns:odf="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<odf:file-entry full-path="Contents/section0.xml"><odf:encryption-data/>'
        "</odf:file-entry></odf:manifest>"
    )
    data = package(
        {"Contents/section0.xml": "\x8f\x02 ciphertext"}, extra={"META-INF/manifest.xml": manifest}
    )
    with pytest.raises(EncryptedFile):
        hwpx.read(data, path="t.hwpx")
    assert parse_bytes(data, path="t.hwpx").error == "encrypted"


def test_broken_packages_are_typed_errors():
    with pytest.raises(CorruptFile):
        hwpx.read(b"PK\x03\x04" + b"\x00" * 40, path="t.hwpx")
    with pytest.raises(CorruptFile, match="no Contents/section"):
        hwpx.read(package({}, extra={"Contents/header.xml": "<h/>"}), path="t.hwpx")
    truncated = package({"Contents/section0.xml": sec(p(t("가" * 5000)))})
    assert parse_bytes(truncated[: len(truncated) // 2], path="t.hwpx").status == "failed"


def test_documents_pickle():
    doc = read_sections(p(t("앞")) + p(MERGED))
    assert pickle.loads(pickle.dumps(doc)).text() == doc.text()


def test_overlapped_characters_give_the_character_they_show():
    # moel_2025_work_report.hwpx draws its tasks ⑩ ⑪ ⑫ as hp:compose of U+F02BA (the box)
    # with U+F02C3, U+F02C4, U+F02C5 (the number).
    compose = '<hp:compose composeType="OVERLAP" composeText="{}"/>'
    doc = parse_bytes(
        package(
            {
                "Contents/section0.xml": sec(
                    p(compose.format("\U000f02ba\U000f02c3") + t(" 공정일터"))
                    + p(compose.format("\U000f02ba\U000f02c5") + t(" 참여형 일터"))
                )
            }
        ),
        path="t.hwpx",
    )
    assert [b.text for b in doc.paragraphs()] == ["⑩ 공정일터", "⑫ 참여형 일터"]
    assert doc.status == "ok"
