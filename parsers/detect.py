"""Format detection from content (magic bytes), never from the file extension: each registered
backend (parsers/backends.py) is asked in turn whether it recognises the bytes."""

from __future__ import annotations

from . import backends
from .errors import EmptyDocument, UnsupportedFormat
from .sniff import OLE_MAGIC  # noqa: F401  (re-exported: tests build OLE headers with it)


def detect_format(data: bytes) -> str:
    """The registered format of `data`, or a typed ParseError."""
    if not data or data.isspace():  # no copy of a large file
        raise EmptyDocument("file is empty")
    for backend in backends.backends():
        fmt = backend.recognise(data)
        if fmt is not None:
            return fmt
    names = ", ".join(backends.formats())
    raise UnsupportedFormat(f"unrecognised content (none of the formats read here: {names})")
