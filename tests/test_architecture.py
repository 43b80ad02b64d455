"""A newcomer's map is true: every file and folder that docs/architecture.md and the README's
layout section name exists."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text("utf-8")
README = (ROOT / "README.md").read_text("utf-8")
LAYOUT = re.search(r"^## Layout\n(.*?)^## ", README, flags=re.S | re.M).group(1)
# A path in backticks: folders and files of the repository, as `rules/budget.py` or `rules/`.
PATH = re.compile(r"`((?:\.\./)?[\w.-]+/[\w./-]*|[\w-]+\.(?:py|sql|md|toml|yaml))`")


def named_paths(text: str) -> list[str]:
    paths = set()
    for match in PATH.finditer(text):
        path = match.group(1)
        if "<" not in path and not path.startswith("../"):  # templates; the shared corpus
            paths.add(path)
    return sorted(paths)


@pytest.mark.parametrize("path", named_paths(ARCHITECTURE))
def test_architecture_names_only_what_exists(path):
    assert (ROOT / path).exists(), f"docs/architecture.md names {path}"


@pytest.mark.parametrize("path", named_paths(LAYOUT))
def test_readme_layout_names_only_what_exists(path):
    assert (ROOT / path).exists(), f"README's layout names {path}"


def test_the_maps_name_the_modules_of_every_stage():
    for text in (ARCHITECTURE, LAYOUT):
        folders = {p.split("/")[0] for p in named_paths(text)}
        assert {"parsers", "rules", "warehouse", "pipeline", "kplan"} <= folders
