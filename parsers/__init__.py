"""Parsers: one file in, one `Document` out. One backend module per format.

`parse_file` is a pure function of the file's bytes (plus its path for provenance), safe to call
in a worker process. It never raises for bad content: a file that cannot be read becomes a
`Document` with status 'failed' and a typed error code.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .detect import detect_format
from .errors import ParseError
from .model import Cell, Document, Format, Paragraph, ParseIssue, Table
from .tidy import lift_unit_rows

__all__ = [
    "parse_file",
    "parse_bytes",
    "Document",
    "Paragraph",
    "Table",
    "Cell",
    "ParseIssue",
    "ParseError",
]


def _backend(fmt: str):
    # Imported lazily: a text-only run never pays for pdfplumber or pyhwp.
    if fmt == "pdf":
        from . import pdf

        return pdf.read
    if fmt == "hwp":
        from . import hwp

        return hwp.read
    if fmt == "hwpx":
        from . import hwpx

        return hwpx.read
    from . import text

    return text.read


def parse_file(path: str | Path, *, tidy: bool = True) -> Document:
    """`tidy=False` gives the reader's blocks as the file holds them, without the layout fixes
    of `tidy.py` (for comparing a reader with another tool's view of the same file)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        # No bytes to hash: the path stands in, so the warehouse keeps one row per such file.
        key = "unreadable:" + hashlib.sha256(str(path.resolve()).encode()).hexdigest()
        return Document(
            path=str(path),
            format=None,
            sha256=key,
            status="failed",
            error="unreadable",
            error_message=f"cannot read file: {exc.strerror or exc}",
        )
    return parse_bytes(data, path=str(path), tidy=tidy)


def parse_bytes(data: bytes, *, path: str, tidy: bool = True) -> Document:
    sha = hashlib.sha256(data).hexdigest()
    fmt: Format | None = None
    try:
        fmt = detect_format(data)
        doc = _backend(fmt)(data, path=path)
    except ParseError as exc:
        return Document(
            path=path,
            format=fmt,
            sha256=sha,
            status="failed",
            error=exc.code,
            error_message=exc.message,
            issues=[ParseIssue(exc.code, exc.message, exc.page)],
        )
    except (MemoryError, RecursionError) as exc:
        return Document(
            path=path,
            format=fmt,
            sha256=sha,
            status="failed",
            error="limit_exceeded",
            error_message=type(exc).__name__,
        )
    except Exception as exc:  # a reader bug on strange input is still one failed file
        message = f"{type(exc).__name__}: {exc}"[:500]
        return Document(
            path=path,
            format=fmt,
            sha256=sha,
            status="failed",
            error="corrupt",
            error_message=message,
        )
    doc.sha256 = sha
    doc.format = fmt
    if tidy:
        doc.blocks = lift_unit_rows(doc.blocks)
    if doc.status != "failed" and not any(
        (isinstance(b, Paragraph) and b.text.strip()) or (isinstance(b, Table) and b.cells)
        for b in doc.blocks
    ):
        doc.status, doc.error = "failed", "empty"
        doc.error_message = doc.error_message or "the file opened but holds no text"
    elif doc.status == "ok" and doc.issues:
        doc.status = "partial"
    return doc
