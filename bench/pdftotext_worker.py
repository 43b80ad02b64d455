"""`pdftotext -layout FILE -` on each file named in the list file (the floor: text with no
structure); prints {"files", "failed", "errors"} as one JSON line."""

import json
import subprocess
import sys
from pathlib import Path


def main(list_file: str) -> None:
    paths = Path(list_file).read_text("utf-8").splitlines()
    errors = []
    for path in paths:
        done = subprocess.run(
            ["pdftotext", "-layout", path, "-"], capture_output=True, timeout=300, check=False
        )
        if done.returncode != 0:
            errors.append(f"{path}: exit {done.returncode}")
    print(json.dumps({"files": len(paths), "failed": len(errors), "errors": errors[:5]}))


if __name__ == "__main__":
    main(sys.argv[1])
