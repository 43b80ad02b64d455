"""Memoized pure functions of text: each distinct string is read once.

A report prints the same texts over and over (a table's '연수운영' in every row, a header
repeated on every page, a cell read by several rules), and the rules read each text several
times (the document's lines are made twice, for the rules and for the tables; a cell is asked
whether it is a figure, a year, a date). Only functions whose result depends on their arguments
alone, and is immutable (str, int, tuples, NamedTuples of those), are memoized: a hit is the
value the function would compute.

The caches are bounded, and `clear()` empties them all (a measurement of one file's rules
starts from them empty, as a new file's does).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

MAX_ENTRIES = 1 << 15  # per function: strings of a few reports
_CACHES: list[Any] = []


def memoized(fn: F) -> F:
    """`fn` with a bounded cache of its results, emptied by `clear()`."""
    cached = functools.lru_cache(maxsize=MAX_ENTRIES)(fn)
    _CACHES.append(cached)
    return cached  # type: ignore[return-value]


def clear() -> None:
    """Empty every cache of the rules (`name_key`'s too)."""
    for cached in _CACHES:
        cached.cache_clear()
