"""The backend registry: every format kplan reads is one `Backend`, registered here.

Everything that names formats is derived from this list, never written out again: detection
(`detect.detect_format` asks each backend whether it recognises the bytes), the model's
`Document.format`, the warehouse's `documents.format` constraint, the suffixes `discover`
looks for in a folder and the order in which a report that arrived in several formats is
counted from (`primary_formats`). Adding a format is one `register(...)` call; a test backend
registered from `tests/` is detected, discovered, read and loaded like the built-in ones.

The built-in backends import their reader lazily: a text-only run never pays for pdfplumber.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from . import sniff
from .model import Document


@runtime_checkable
class Backend(Protocol):
    """What a format's reader declares.

    `formats`: the format names it reads (stored in `documents.format`).
    `suffixes`: file endings `discover` takes from a folder (the content still decides).
    `primary_rank`: lower is counted first when one report arrived in several formats.
    `fallback`: asked only when no other backend recognised the bytes (plain text).
    `recognise(data)`: the format of `data` if this backend reads it, else None; may raise a
    typed `ParseError` for bytes it claims but refuses (a password-protected package).
    `read(data, path, settings)`: the `Document`; `settings` is the backend's own settings
    object, None for its defaults.
    """

    # Read-only, so that a frozen dataclass (ModuleBackend) is a Backend.
    @property
    def formats(self) -> tuple[str, ...]: ...

    @property
    def suffixes(self) -> tuple[str, ...]: ...

    @property
    def primary_rank(self) -> int: ...

    @property
    def fallback(self) -> bool: ...

    def recognise(self, data: bytes) -> str | None: ...

    def read(self, data: bytes, path: str, settings: object | None = None) -> Document: ...


@dataclass(frozen=True)
class ModuleBackend:
    """A built-in backend: a recogniser from `sniff` and a reader module of this package with
    `read(data, *, path[, settings])`, imported on first use."""

    formats: tuple[str, ...]
    suffixes: tuple[str, ...]
    primary_rank: int
    recogniser: Callable[[bytes], str | None]
    module: str
    fallback: bool = False

    def recognise(self, data: bytes) -> str | None:
        return self.recogniser(data)

    def read(self, data: bytes, path: str, settings: object | None = None) -> Document:
        reader = importlib.import_module(f"{__package__}.{self.module}")
        if settings is None:
            return reader.read(data, path=path)
        return reader.read(data, path=path, settings=settings)


_REGISTRY: list[Backend] = []
_FORMAT_NAME = re.compile(r"[a-z][a-z0-9_]{0,15}")


def register(backend: Backend) -> Backend:
    """Add `backend`; a format already registered is refused (one reader per format)."""
    if not isinstance(backend, Backend):
        raise TypeError(f"{backend!r} does not implement the Backend protocol")
    for fmt in backend.formats:
        if not _FORMAT_NAME.fullmatch(fmt):  # stored in the warehouse and named in its SQL
            raise ValueError(f"format name {fmt!r} is not lower-case letters, digits and _")
    taken = set(formats()) & set(backend.formats)
    if taken:
        raise ValueError(f"format(s) {', '.join(sorted(taken))} already have a backend")
    _REGISTRY.append(backend)
    return backend


def unregister(backend: Backend) -> None:
    _REGISTRY.remove(backend)


def backends() -> list[Backend]:
    """In the order detection asks them: registration order, fallbacks last."""
    return sorted(_REGISTRY, key=lambda b: b.fallback)


def formats() -> list[str]:
    return [fmt for backend in _REGISTRY for fmt in backend.formats]


def backend_for(fmt: str) -> Backend:
    for backend in _REGISTRY:
        if fmt in backend.formats:
            return backend
    raise KeyError(f"no backend reads format {fmt!r}")


def suffixes() -> set[str]:
    return {suffix.lower() for backend in _REGISTRY for suffix in backend.suffixes}


def primary_formats() -> tuple[str, ...]:
    """Formats in the order a report that arrived in several is counted from."""
    ranked = sorted(_REGISTRY, key=lambda b: b.primary_rank)
    return tuple(fmt for backend in ranked for fmt in backend.formats)


# Pages make findings easy to find, so PDF is counted first; HWPX before HWP (its reader is the
# one the HWP fallback converts to); text last (no tables).
PDF = register(ModuleBackend(("pdf",), (".pdf",), 0, sniff.pdf, "pdf"))
HWP = register(ModuleBackend(("hwp",), (".hwp",), 2, sniff.hwp, "hwp"))
HWPX = register(ModuleBackend(("hwpx",), (".hwpx",), 1, sniff.hwpx, "hwpx"))
# Markdown is text (a converter's, kordoc's or dochan's): read by the text reader, its tables too.
TEXT = register(ModuleBackend(("txt",), (".txt", ".md"), 3, sniff.text, "text", fallback=True))
