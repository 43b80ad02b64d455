"""The README's 'Korean text' examples, each normalized as the README says: every middle dot,
full-width digits and brackets, Hancom private-use bullets, spaces inside numbers, mixed units."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kplan.parsers.hancom_pua import map_private_use
from kplan.rules.korean import quantities, tokenize
from kplan.rules.normalize import MIDDLE_DOTS, find_unit, normalize_line, unit_factor

README = Path(__file__).resolve().parents[1] / "README.md"


def _table(header: str) -> list[list[str]]:
    """The rows of the section's table whose heading row is `header`, cells decoded (the
    README writes invisible characters as \\u escapes)."""
    section = README.read_text("utf-8").split("## Korean text", 1)[1].split("\n## ", 1)[0]
    table = section.split(header, 1)[1].split("\n\n", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    cells = [[c.strip().strip("`") for c in row.strip("|").split("|")] for row in rows]
    return [[ast.literal_eval(f'"{c}"') for c in row] for row in cells]


NORMALIZED = _table("| printed | normalized |")
UNITS = _table("| printed | unit | won per unit |")


def test_the_readme_has_every_variant():
    printed = "".join(p for p, _ in NORMALIZED)
    assert all(dot in printed for dot in "･‧・ㆍ·․∙\u119e")
    assert set("･‧・ㆍ·․∙\u119e") <= set(MIDDLE_DOTS)
    assert len(NORMALIZED) >= 17 and len(UNITS) >= 6


@pytest.mark.parametrize("printed, normalized", NORMALIZED)
def test_readme_normalization(printed, normalized):
    assert normalize_line(printed) == normalized


@pytest.mark.parametrize("printed, unit, factor", UNITS)
def test_readme_units(printed, unit, factor):
    found, _ = find_unit(printed)
    assert (found, unit_factor(found)) == (unit, int(factor))


def test_the_readers_map_the_private_use_bullets_the_rules_would_drop():
    assert map_private_use("\uf0a7 연수 운영") == "▪ 연수 운영"
    assert map_private_use("\uf076 교육") == "❖ 교육"


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("수영장 리모델링 건축기획 용역 실시(54,486천원)", 54486, "천원"),  # seed line 2867
        ("사업비 2,000백만 원", 2000, "백만원"),
        ("총 57억원", 57, "억원"),
        ("국비 1.2조원", None, None),  # a decimal is no count
        ("정부안 65조원", 65, "조원"),
    ],
)
def test_counts_with_mixed_units_are_one_token(text, value, unit):
    found = [(q.value, q.counter) for q in quantities(tokenize(text))]
    assert found == ([(value, unit)] if value is not None else [])
