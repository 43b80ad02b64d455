"""What a file says about itself (HWP SummaryInformation, HWPX content.hpf, PDF info), made
safe to store: strings only, control characters out, each value bounded, dates as UTC ISO
('2025-12-03T10:05:57Z') so the HWP and the HWPX of one report agree.

The keys are `KEYS`. Nothing here raises on bad input: a value that cannot be read is left out.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

KEYS = ("title", "subject", "author", "keywords", "created", "modified", "creator")
MAX_VALUE_CHARS = 500
MAX_STREAM_BYTES = 1024 * 1024  # a property stream or an info dict larger than this is junk

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


def clean_text(value) -> str | None:
    """A metadata string as stored: bytes decoded, NUL-terminated strings cut, control
    characters and surrounding space removed, whitespace runs collapsed; empty is None."""
    if isinstance(value, bytes):
        value = _decode(value)
    if not isinstance(value, str):
        return None
    value = value.split("\x00", 1)[0]
    value = " ".join(_CONTROL_RE.sub(" ", value).split())
    return value[:MAX_VALUE_CHARS] or None


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xfe\xff", b"\xff\xfe")):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def iso_utc(moment: datetime | None) -> str | None:
    """A datetime (naive ones are UTC, as FILETIME is) as '2025-12-03T10:05:57Z'; the
    FILETIME epoch (1601, 'never') and implausible years are None."""
    if moment is None or not 1970 <= moment.year <= 2100:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0).isoformat() + "Z"


_PDF_DATE_RE = re.compile(
    r"(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?"
    r"\s*(?:([Zz+\-])(\d{2})?'?(\d{2})?'?)?"
)


def pdf_date(text) -> str | None:
    """A PDF date string ('D:20220624142032+09'00'') as UTC ISO."""
    text = clean_text(text)
    match = _PDF_DATE_RE.match(text or "")
    if not match:
        return None
    year, month, day, hour, minute, second, sign, tz_hours, tz_minutes = match.groups()
    try:
        moment = datetime(
            int(year),
            int(month or 1),
            int(day or 1),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
        )
    except ValueError:
        return None
    if sign in ("+", "-"):
        offset = timedelta(hours=int(tz_hours or 0), minutes=int(tz_minutes or 0))
        moment = moment - offset if sign == "+" else moment + offset
    return iso_utc(moment)


def iso_date(text) -> str | None:
    """An ISO 8601 date as HWPX writes it ('2016-12-14T07:27:19Z') as UTC ISO."""
    text = clean_text(text)
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return iso_utc(moment)


def bounded(values: dict) -> dict[str, str]:
    """Only the known keys, with a non-empty string value each."""
    out = {}
    for key in KEYS:
        value = values.get(key)
        if key in ("created", "modified"):
            value = value if isinstance(value, str) and value.endswith("Z") else None
        else:
            value = clean_text(value)
        if value:
            out[key] = value
    return out
