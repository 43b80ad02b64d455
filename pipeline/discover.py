"""Which files in the folders a user names are reports to ingest."""

from __future__ import annotations

from pathlib import Path

from kplan.parsers import backends

# In a folder, files with the endings the registered backends declare are candidates; the format
# itself is then detected from the content, so a misnamed file is still read as what it is. A
# file named explicitly is always taken, whatever its ending.


class PathNotFound(Exception):
    """A path given on the command line does not exist."""


def discover(paths: list[str | Path]) -> list[Path]:
    found: list[Path] = []
    suffixes = backends.suffixes()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in suffixes
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            raise PathNotFound(f"no such file or folder: {given}")
    seen: set[Path] = set()
    unique = []
    for p in found:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique
