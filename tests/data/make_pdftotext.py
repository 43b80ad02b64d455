"""Regenerate the pdftotext renderings of our own sample PDF (poppler-utils' pdftotext):

    python tests/data/make_pdftotext.py

writes seoul-edu-training-2025-plan.layout.txt (`pdftotext -layout`) and
seoul-edu-training-2025-plan.raw.txt (`pdftotext`, its default reading order) beside it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
PDF = HERE.parent.parent / "samples" / "seoul-edu-training-2025-plan.pdf"
MODES = {"layout": ["-layout"], "raw": []}


def main() -> None:
    for name, flags in MODES.items():
        out = HERE / f"{PDF.stem}.{name}.txt"
        subprocess.run(["pdftotext", *flags, str(PDF), str(out)], check=True)
        print(out)


if __name__ == "__main__":
    main()
