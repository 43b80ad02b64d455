"""The Seoul plan's outline where its HWPX and HWP draw the 주요 개선 사항 boxes as Hancom does
(tests/hancom_layouts.py): a title bar over or beside the text, not one cell. The outline is
the committed sample's (the boxes' '- …' lines in it: the seed's, as tests/test_outline.py
checks them), but where a definition is drawn as a `term | definition` box: then it does not
run on from the note before it, as the seed's plain line does in the committed sample."""

from __future__ import annotations

import hancom_layouts
import pytest
from hancom_layouts import Layout

from kplan.parsers import parse_file
from kplan.rules import extract
from kplan.rules.lines import normalize_paragraph

LAYOUTS = {
    "box_title_row": Layout(box="title_row"),
    "box_title_col": Layout(box="title_col"),
    "all_hancom_shapes": Layout(
        notes="under_quarters", split="header", box="title_col", definitions=True
    ),
}


@pytest.fixture(scope="module", params=list(LAYOUTS))
def rendered(request, b, source, tmp_path_factory):
    """(layout, {format: outline}) of one layout, written as HWPX and HWP."""
    layout = LAYOUTS[request.param]
    folder = tmp_path_factory.mktemp(request.param)
    out = {}
    for fmt, data in zip(("hwpx", "hwp"), hancom_layouts.render(b, *source, layout)):
        path = folder / f"seoul-edu-training-2025-plan.{fmt}"
        path.write_bytes(data)
        out[fmt] = extract(parse_file(path)).outline
    return layout, out


def definitions(b, source) -> list[str]:
    """'term definition' of each definition the layouts draw as a box, from the seed's lines,
    normalized as the outline's text is."""
    items = hancom_layouts.with_definition_boxes(b, b.layout(*source))
    return [
        normalize_paragraph(f"{i.text} {i.children[0].text}")
        for i in items
        if i.kind == "definition"
    ]


def nodes(outline) -> list[tuple[int, str, str]]:
    return [(n.level, n.marker, n.text) for n in outline]


@pytest.mark.parametrize("fmt", ["hwpx", "hwp"])
def test_seoul_plan_outline_with_improvement_boxes_as_title_bars(
    rendered, sample_facts, b, source, fmt
):
    layout, outlines = rendered
    expected = nodes(sample_facts(fmt).outline)
    if layout.definitions:
        cut = definitions(b, source)
        assert len(cut) == 4
        for k, (lv, m, text) in enumerate(expected):
            for definition in cut:
                text = text.replace(f" {definition}", "")
            expected[k] = (lv, m, text)
        assert len(expected) == 702
    assert nodes(outlines[fmt]) == expected
