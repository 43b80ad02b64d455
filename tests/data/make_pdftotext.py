"""Regenerate the pdftotext renderings of our own sample PDF (poppler-utils' pdftotext):

    python tests/data/make_pdftotext.py

writes seoul-edu-training-2025-plan.layout.txt (`pdftotext -layout`) and
seoul-edu-training-2025-plan.raw.txt (`pdftotext`, its default reading order) and
seoul-edu-training-2025-plan.raw-order.txt (`pdftotext -raw`, the content stream's order) beside
it; and
`pdftotext -layout` of the same report drawn with its budget notes as Hancom lays them out
(tests/hancom_layouts.py, Layout(notes=...): a cell under each quarter, or a row of their own),
seoul-edu-training-2025-plan.notes-under-quarters.layout.txt and …notes-own-row.layout.txt.
The notes layouts need the samples extra (reportlab) to draw the PDF.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PDF = HERE.parent.parent / "samples" / "seoul-edu-training-2025-plan.pdf"
MODES = {"layout": ["-layout"], "raw": [], "raw-order": ["-raw"]}
NOTES_LAYOUTS = {"notes-under-quarters": "under_quarters", "notes-own-row": "own_row"}


def notes_layout_pdf(notes: str) -> bytes:
    """The sample PDF with its budget tables' notes laid out per `notes`."""
    sys.path.insert(0, str(HERE.parent))
    import hancom_layouts
    from conftest import load_builder

    b = load_builder()
    doc = b.load_document(b.SAMPLE_TXT)
    return hancom_layouts.render_pdf(b, doc, b.load_facts(doc), hancom_layouts.Layout(notes=notes))


def main() -> None:
    for name, flags in MODES.items():
        out = HERE / f"{PDF.stem}.{name}.txt"
        subprocess.run(["pdftotext", *flags, str(PDF), str(out)], check=True)
        print(out)
    for name, notes in NOTES_LAYOUTS.items():
        with tempfile.TemporaryDirectory() as tmp:
            pdf = Path(tmp) / f"{name}.pdf"
            pdf.write_bytes(notes_layout_pdf(notes))
            out = HERE / f"{PDF.stem}.{name}.layout.txt"
            subprocess.run(["pdftotext", "-layout", str(pdf), str(out)], check=True)
        print(out)


if __name__ == "__main__":
    main()
