"""The README's library examples (`>>>` lines in its "As a library" section) run as doctests,
from the repository folder, against the committed samples."""

import doctest
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")
SECTION = re.search(r"^## As a library\n(.*?)^## ", README, flags=re.S | re.M).group(1)


def test_readme_library_section_has_examples():
    assert SECTION.count(">>> ") >= 10


def test_readme_library_examples_run(monkeypatch):
    monkeypatch.chdir(ROOT)
    examples = re.findall(r"```python\n(.*?)```", SECTION, flags=re.S)
    test = doctest.DocTestParser().get_doctest(
        "\n".join(examples), {}, "README.md: As a library", str(ROOT / "README.md"), 0
    )
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert (runner.failures, runner.tries) == (0, len(test.examples))
