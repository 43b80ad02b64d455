"""Convert each file named in the list file to Markdown with dochan, in one process; prints
{"files", "failed", "errors"} as one JSON line (dochan is on PYTHONPATH, from bench/.peers)."""

import json
import sys
from pathlib import Path

from dochan import Dochan


def main(list_file: str) -> None:
    paths = Path(list_file).read_text("utf-8").splitlines()
    errors = []
    for path in paths:
        try:
            Dochan(path).to_markdown()
        except Exception as exc:  # a peer's failure on one file is counted, not fatal
            errors.append(f"{path}: {type(exc).__name__}: {exc}"[:200])
    print(json.dumps({"files": len(paths), "failed": len(errors), "errors": errors[:5]}))


if __name__ == "__main__":
    main(sys.argv[1])
