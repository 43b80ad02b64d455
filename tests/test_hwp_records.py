"""The direct record decoding (parsers/hwp_records.py) against pyhwp's, record by record.

Every record of every HWP file here is decoded both ways, walked as the reader walks them (each
with its parent, pyhwp deciding the parents): where the direct decoding takes a record, pyhwp
must read it too, to the same type and the same values of every member the direct decoding
gives; where it refuses one (a count the record cannot hold), so must hwp_bounds; the records it
leaves to pyhwp are the ones pyhwp may fail on. So the reader's Documents cannot differ from
the ones pyhwp's decoding of every record gave.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import CORPUS, SAMPLE_STEM, SAMPLES
from hwp5.binmodel import ParaText, init_record_parsing_context
from hwp5.binmodel.tagid51_para_text import ParaTextChunks
from hwp5.treeop import prefix_ancestors_from_level

from kplan.parsers import hwp
from kplan.parsers.errors import ParseError
from kplan.parsers.hwp_bounds import DeclaredCountTooLarge, parse_model
from kplan.parsers.hwp_records import decode_directly, para_text_chunks

REPRO = CORPUS.parent / "repro"


def record_streams(data: bytes):
    """(stream name, version, records) of the DocInfo and section streams of an HWP 5 file."""
    ole = hwp.open_ole(data)
    try:
        header = hwp.read_file_header(ole)
        hwp.refuse_protected(header)
        storage = "ViewText" if header.distribution else "BodyText"
        for name in ["DocInfo", *hwp.section_stream_names(ole, storage)]:
            raw = ole.openstream(name).read()
            if header.distribution and name != "DocInfo":
                raw = hwp.decrypt_distribution(raw)
            issues: list = []
            payload = hwp.inflate(raw, name, issues) if header.compressed else raw
            yield name, header.version, hwp.split_records(payload, name, issues)
    finally:
        ole.close()


def outcome(decode, *args) -> str:
    try:
        return "decoded" if decode(*args) is not False else "declined"
    except DeclaredCountTooLarge:
        return "refused"
    except ParseError:
        raise
    except Exception:
        return "failed"


def same(direct, pyhwp) -> bool:
    """The direct decoding's value equals pyhwp's (a dict: in every key it has)."""
    if isinstance(direct, dict):
        return isinstance(pyhwp, dict) and all(same(v, pyhwp.get(k)) for k, v in direct.items())
    if isinstance(direct, int):
        return isinstance(pyhwp, int) and int(direct) == int(pyhwp)
    return direct == pyhwp


def text_of(chunks) -> list:
    """What the reader takes from a paragraph's text chunks: text, control codes and ids."""
    return [c if isinstance(c, str) else (c.get("code"), c.get("chid")) for _, c in chunks]


def compare_records(version: tuple, records: list[dict], tally: Counter) -> list[str]:
    """Disagreements between the direct decoding and pyhwp's over one stream's records."""
    problems: list[str] = []
    items = (
        (r["level"], (init_record_parsing_context({"version": version}, r), r)) for r in records
    )
    for ancestors, (context, model) in prefix_ancestors_from_level(items, ({}, {})):
        parent = ancestors[-1]
        direct = dict(model)
        direct_parent = (dict(parent[0]), parent[1])  # it may mark its parent: a copy
        direct_outcome = outcome(decode_directly, direct_parent, direct)
        context["parent"] = parent
        pyhwp_outcome = outcome(parse_model, context, model)
        if pyhwp_outcome == "failed":
            hwp._substitute_model(model)  # as the reader goes on
        tally[(model["tagname"], direct_outcome)] += 1
        where = f"{model['tagname']}#{model['seqno']}"
        if direct_outcome == "refused" and pyhwp_outcome != "refused":
            problems.append(f"{where}: refused, pyhwp {pyhwp_outcome}")
        elif direct_outcome == "decoded" and direct["type"] is ParaText:
            # Text pyhwp cannot decode (a lone surrogate) the reader reads as the direct
            # decoding does, without an issue: the substitute must be the same text.
            if model["type"] is not ParaText or text_of(direct["content"]["chunks"]) != text_of(
                model["content"]["chunks"]
            ):
                problems.append(f"{where}: text differs (pyhwp {pyhwp_outcome})")
        elif direct_outcome == "decoded":
            if pyhwp_outcome != "decoded":
                problems.append(f"{where}: decoded, pyhwp {pyhwp_outcome}")
            elif direct["type"] is not model["type"]:
                problems.append(f"{where}: {direct['type'].__name__}, pyhwp {model['type']}")
            elif not same(direct["content"], model["content"]):
                problems.append(f"{where}: {direct['content']} vs pyhwp {model['content']}")
            elif direct_parent[0].get("seen_table_body") != parent[0].get("seen_table_body"):
                problems.append(f"{where}: the table's body seen differently")
    return problems


def compare_file(path: Path, tally: Counter) -> list[str]:
    try:
        streams = list(record_streams(path.read_bytes()))
    except ParseError:
        return []  # refused before any record is read (encrypted, HWP 3, not OLE)
    problems = []
    for name, version, records in streams:
        problems += [f"{path.name} {name} {p}" for p in compare_records(version, records, tally)]
    return problems


def test_seoul_edu_hwp_records_decode_directly_as_pyhwp_decodes_them():
    tally: Counter = Counter()
    assert compare_file(SAMPLES / f"{SAMPLE_STEM}.hwp", tally) == []
    # The sample's paragraphs, cells and shapes are all read directly (none left to pyhwp).
    for tag in (
        "PARA_HEADER",
        "PARA_CHAR_SHAPE",
        "PARA_TEXT",
        "PARA_SHAPE",
        "TABLE",
        "BORDER_FILL",
    ):
        assert tally[(f"HWPTAG_{tag}", "decoded")] > 0
        assert tally[(f"HWPTAG_{tag}", "declined")] == 0
    assert tally[("HWPTAG_LIST_HEADER", "decoded")] > 100  # its table cells
    assert tally[("HWPTAG_CTRL_HEADER", "decoded")] > 30  # its tables


@pytest.mark.corpus
def test_corpus_hwp_records_decode_directly_as_pyhwp_decodes_them():
    paths = sorted(
        p
        for folder in ("reports", "fixtures", "bad")
        for p in (CORPUS / folder).glob("*.hwp")
        if p.read_bytes()[:8] == hwp.OLE_MAGIC
    )
    assert len(paths) > 30
    tally: Counter = Counter()
    problems = [problem for path in paths for problem in compare_file(path, tally)]
    assert problems == []
    assert tally[("HWPTAG_PARA_LINE_SEG", "decoded")] > 0


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["tabdef_bomb.hwp", "hwp_memory_blowup.hwp"])
def test_hostile_hwp_records_are_refused_or_left_to_pyhwp_as_pyhwp_decodes_them(name):
    """The fuzzed sample's records (short, nested where they cannot be, counts past their
    bytes) and the tab bomb: the direct decoding declines or refuses each as pyhwp would."""
    if not REPRO.is_dir():
        pytest.skip(f"no {REPRO}")
    tally: Counter = Counter()
    assert compare_file(REPRO / name, tally) == []
    if name == "hwp_memory_blowup.hwp":
        assert sum(n for (_, result), n in tally.items() if result == "declined") > 0


def parents_or_error(pairs) -> list | str:
    """Each item's parent's record (None for the root), or the error raised on the way."""
    try:
        return [parent[1].get("seqno") for parent, _ in pairs]
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"


@pytest.mark.parametrize(
    "levels",
    [
        [0, 1, 2, 2, 1, 0, 1],  # a section's records
        [0, 0, 0],  # DocInfo's
        [1, 2, 1, 2, 3],  # filtered records keep their levels: the first one's is the base
        [0, 1, 3],  # a level that jumps
        [1, 2, 0],  # below the first record's level: pyhwp's stack pops empty
        [2, 0],
    ],
)
def test_with_parents_gives_the_parents_pyhwp_gives(levels):
    records = [{"tagid": 66, "level": level, "seqno": n} for n, level in enumerate(levels)]
    root = ({}, {})
    theirs = parents_or_error(
        (ancestors[-1], item)
        for ancestors, item in prefix_ancestors_from_level(
            ((r["level"], ({}, r)) for r in records), root
        )
    )
    assert parents_or_error(hwp.with_parents(records)) == theirs


def utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


@pytest.mark.parametrize(
    "payload",
    [
        utf16("예산 현황\r"),  # the common paragraph: text, then its end
        utf16("\r"),  # an empty paragraph
        utf16("가\r\r"),  # an end before the last
        utf16("1대\r"),  # a control-code-like byte pair at an odd offset
        utf16("a\tb\r").replace(b"\t\x00", b"\t\x00" + b"\x00" * 14),  # a tab and its parameters
        utf16("\x0b") + b" lbt" + b"\x00" * 8 + utf16("\x0b") + utf16("표 뒤\r"),  # a table
        utf16("끝 없는 글"),  # no end
    ],
)
def test_para_text_chunks_are_pyhwps_chunks(payload):
    assert para_text_chunks(payload) == list(ParaTextChunks.parse_chunks(payload))
