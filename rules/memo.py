"""Memoized pure functions of text: within one document, each distinct string is read once.

A report prints the same texts over and over (a table's '연수운영' in every row, a header
repeated on every page, a cell read by several rules), and the rules read each text several
times (a line is asked for its mark by five rules; a cell whether it is a figure, a year, a
date). Only functions whose result depends on their arguments alone, and is immutable (str,
int, tuples, NamedTuples of those), are memoized: a hit is the value the function would compute.

`extract` empties the caches at the start of each document (`new_document`): a file costs what
its own texts cost, whatever was read before it in the same worker, and a long batch holds no
more than one document's strings. `name_key`'s cache is kept across documents (the same course
is named in every year's report); `clear()` empties that one too, for measurements.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

MAX_ENTRIES = 1 << 15  # per function: the distinct strings of a large report
_PER_DOCUMENT: list[Any] = []
_ACROSS_DOCUMENTS: list[Any] = []


def memoized(fn: F) -> F:
    """`fn` with a bounded cache of its results, emptied at each new document."""
    cached = functools.lru_cache(maxsize=MAX_ENTRIES)(fn)
    _PER_DOCUMENT.append(cached)
    return cached  # type: ignore[return-value]


def memoized_across_documents(maxsize: int) -> Callable[[F], F]:
    """A bounded cache kept from one document to the next (emptied by `clear()` only)."""

    def decorate(fn: F) -> F:
        cached = functools.lru_cache(maxsize=maxsize)(fn)
        _ACROSS_DOCUMENTS.append(cached)
        return cached  # type: ignore[return-value]

    return decorate


def new_document() -> None:
    """Empty the per-document caches: the next document's texts are read afresh."""
    for cached in _PER_DOCUMENT:
        cached.cache_clear()


def clear() -> None:
    """Empty every cache of the rules, `name_key`'s too: as a fresh worker starts."""
    new_document()
    for cached in _ACROSS_DOCUMENTS:
        cached.cache_clear()
