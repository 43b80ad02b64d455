"""Python's cyclic garbage collector paused while a reader builds one file's or page's objects.

A reader makes tens of thousands of small objects (a HWP's records, a PDF page's char dicts,
the blocks) that all live until the file or page is done and form no cycles worth collecting
meanwhile: each collection, run every few hundred allocations, walks them all again and frees
nothing (a third of the CPU of an HWP, or of a PDF page of many rulings). Memory is still freed
by reference counting; what cycles are left are collected once the collector runs again.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off inside the block, and as it was before once the block is left (also
    on an error, and when nested)."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()
