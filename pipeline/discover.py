"""Which files in the folders a user names are reports to ingest, and which folders could not
be read (never skipped in silence)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

# In a folder, files with the endings the registered backends declare are candidates; the format
# itself is then detected from the content, so a misnamed file is still read as what it is. A
# file named explicitly is always taken, whatever its ending.


class PathNotFound(Exception):
    """A path given on the command line does not exist."""


class FolderUnreadable(Exception):
    """A folder given on the command line cannot be listed."""


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    # Folders under the given ones that could not be listed, with the reason.
    unreadable: list[tuple[Path, str]] = field(default_factory=list)


def discover(paths: list[str | Path]) -> list[Path]:
    """The report files under `paths` (raises when a named path is missing or unreadable)."""
    return find_reports(paths).files


def find_reports(paths: list[str | Path]) -> Discovery:
    """The report files under `paths`, and the subfolders that could not be read."""
    found = Discovery()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files, unreadable = _walk(path)
            if unreadable and unreadable[0][0] == path:
                raise FolderUnreadable(f"cannot read folder {given}: {unreadable[0][1]}")
            found.files.extend(files)
            found.unreadable.extend(unreadable)
        elif path.is_file():
            found.files.append(path)
        else:
            raise PathNotFound(f"no such file or folder: {given}")
    seen: set[Path] = set()
    unique = []
    for p in found.files:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    found.files = unique
    return found


def _walk(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Report files under `folder` (hidden files and folders left out), sorted; and the
    folders os.walk could not list."""
    unreadable: list[tuple[Path, str]] = []

    def failed(exc: OSError) -> None:
        unreadable.append((Path(exc.filename), exc.strerror or str(exc)))

    files: list[Path] = []
    from kplan.parsers import backends  # here: `kplan --help` loads no reader

    suffixes = backends.suffixes()
    for top, dirs, names in os.walk(folder, onerror=failed):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files.extend(
            Path(top) / name
            for name in names
            if not name.startswith(".")
            and Path(name).suffix.lower() in suffixes
            and (Path(top) / name).is_file()
        )
    return sorted(files), unreadable
