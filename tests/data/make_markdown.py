"""Regenerate the Markdown renderings of our own sample HWPX by the peers `make bench` installs
into bench/.peers (kordoc from npm, dochan from PyPI):

    python tests/data/make_markdown.py

writes seoul-edu-training-2025-plan.kordoc.md (kordoc's `parse(...).markdown`: HTML tables
where cells merge) and seoul-edu-training-2025-plan.dochan.md (dochan's `to_markdown()`: pipe
tables, merged cells left blank, a box's lines in one cell) beside it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
HWPX = ROOT / "samples" / "seoul-edu-training-2025-plan.hwpx"
PEERS = ROOT / "bench" / ".peers"
KORDOC = """
import { parse } from "kordoc";
import { readFileSync, writeFileSync } from "node:fs";
const bytes = readFileSync(process.argv[1]);
const result = await parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
writeFileSync(process.argv[2], result.markdown);
"""
DOCHAN = "import sys; from dochan import Dochan; open(sys.argv[2], 'w', encoding='utf-8')" \
    ".write(Dochan(sys.argv[1]).to_markdown())"  # fmt: skip


def main() -> None:
    out = HERE / "seoul-edu-training-2025-plan.kordoc.md"
    subprocess.run(["node", "--input-type=module", "-e", KORDOC, str(HWPX), str(out)],
                   cwd=PEERS / "node", check=True)  # fmt: skip
    out = HERE / "seoul-edu-training-2025-plan.dochan.md"
    subprocess.run([sys.executable, "-c", DOCHAN, str(HWPX), str(out)],
                   env={"PYTHONPATH": str(PEERS / "python")}, check=True)  # fmt: skip


if __name__ == "__main__":
    main()
