"""Memoized pure functions of text: within one document, each distinct string is read once.

A report prints the same texts over and over (a table's '연수운영' in every row, a header
repeated on every page, a cell read by several rules), and the rules read each text several
times (a line is asked for its mark by five rules; a cell whether it is a figure, a year, a
date). Only functions whose result depends on their arguments alone, and is immutable (str,
int, tuples, NamedTuples of those), are memoized: a hit is the value the function would compute.

`extract` empties the caches at the start of each document (`new_document`): a file costs what
its own texts cost, whatever was read before it in the same worker, and a long batch holds no
more than one document's strings. No cache is kept from one document to the next: a batch of
copies of one report (the benchmark's) would then cost less than a batch of different reports.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

MAX_ENTRIES = 1 << 15  # per function: the distinct strings of a large report
_PER_DOCUMENT: list[Any] = []


def memoized(fn: F) -> F:
    """`fn` with a bounded cache of its results, emptied at each new document."""
    cached = functools.lru_cache(maxsize=MAX_ENTRIES)(fn)
    _PER_DOCUMENT.append(cached)
    return cached  # type: ignore[return-value]


def new_document() -> None:
    """Empty the per-document caches: the next document's texts are read afresh."""
    for cached in _PER_DOCUMENT:
        cached.cache_clear()


def clear() -> None:
    """Empty every cache of the rules, as a fresh worker starts."""
    new_document()
