"""pyhwp's record decoding, bounded by the record's own bytes.

pyhwp expands an array before it reads a single element: a count read from the record (a
`HWPTAG_TAB_DEF` claiming 0xFFFFFFFF tabs) or from the paragraph header that owns it becomes that
many copies of the element's description in memory — tens of GB from a 48 KB file. Here every
declared count is checked against the bytes that are left to hold it, before pyhwp expands it:
each element takes at least one byte (at least its fixed size, for the paragraph header's
counts), so a count the record cannot hold is refused as `DeclaredCountTooLarge`, in
microseconds and without allocating.
"""

from __future__ import annotations

from hwp5.binmodel import raise_on_errorevent, resolve_model_events
from hwp5.bintype import resolve_values_from_stream
from hwp5.tagids import HWPTAG_PARA_CHAR_SHAPE, HWPTAG_PARA_LINE_SEG, HWPTAG_PARA_RANGE_TAG

# No array of a real record comes near this many elements (tabs, gradation colours, polygon
# points, shape controls); it bounds what a count may make pyhwp expand even in a large record.
MAX_ARRAY_ITEMS = 65_536

# Records whose element count the owning paragraph header declares (HWP 5 spec, 표 61–63):
# the header's member and the byte size of one element.
PARENT_COUNTS = {
    HWPTAG_PARA_CHAR_SHAPE: ("charshapes", 8),  # position UINT32, shape id UINT32
    HWPTAG_PARA_LINE_SEG: ("linesegs", 36),  # nine 4-byte members
    HWPTAG_PARA_RANGE_TAG: ("rangetags", 12),  # start, end, tag
}


class DeclaredCountTooLarge(Exception):
    """A record declares more elements than its bytes can hold."""

    def __init__(self, record: dict, count: int, available: int):
        super().__init__(
            f"{record['tagname']}#{record['seqno']} declares {count} entries "
            f"with {available} bytes left to hold them"
        )


def parse_model(context: dict, model: dict) -> None:
    """pyhwp's `binmodel.parse_model` with every declared count checked first."""
    check_parent_count(context, model)
    stream = context["stream"]
    context["resolve_values"] = _bounded_values(stream, len(model["payload"]), model)
    events = raise_on_errorevent(context, resolve_model_events(context, model))
    model["binevents"] = list(events)


def check_parent_count(context: dict, model: dict) -> None:
    """A paragraph's char shapes, line segments and range tags: count × size ≤ the record."""
    member = PARENT_COUNTS.get(model["tagid"])
    if member is None:
        return
    name, size = member
    parent: dict = (context.get("parent") or ({}, {}))[1]
    content: dict = parent.get("content") or {}
    count = content.get(name)
    if isinstance(count, int) and count * size > len(model["payload"]):
        raise DeclaredCountTooLarge(model, count, len(model["payload"]))


def _bounded_values(stream, size: int, model: dict):
    resolve = resolve_values_from_stream(stream)

    def resolve_values(events):
        for event, item in resolve(events):
            # pyhwp marks the count of a variable-length array 'dontcollect'; it expands the
            # array as soon as this value is passed on.
            if event is None and item.get("dontcollect") and isinstance(item.get("value"), int):
                available = size - stream.tell()
                if item["value"] > min(available, MAX_ARRAY_ITEMS):
                    raise DeclaredCountTooLarge(model, item["value"], available)
            yield event, item

    return resolve_values
