"""Already-extracted text (like the seed): one paragraph per line, pages split on form feeds."""

from __future__ import annotations

import regex

from .model import Block, Document, Paragraph, ParseIssue, Position

# At most this many undecodable bytes are listed one by one; the rest are counted.
MAX_LISTED_BYTES = 20


def decode_text(data: bytes) -> str:
    """The text of `data` (UTF-8, else CP949); a byte neither decodes is U+FFFD."""
    return decode_text_with_issues(data)[0]


def decode_text_with_issues(data: bytes) -> tuple[str, list[ParseIssue]]:
    """Decode as UTF-8 or CP949, whichever reads all (or most) of the bytes. A byte that does
    not decode — one stray byte, a file cut in the middle of a character — becomes U+FFFD and
    is reported with its line, never a reason to reject the whole file. NULs are dropped and
    reported the same way."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp949"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _without_nuls(text, [])
    decoded = [(data.decode(e, errors="surrogateescape"), e) for e in ("utf-8", "cp949")]
    text, encoding = min(decoded, key=lambda d: _count_escapes(d[0]))
    issues: list[ParseIssue] = []
    runs = list(_ESCAPED_RE.finditer(text))
    for m in runs[:MAX_LISTED_BYTES]:
        line = text.count("\n", 0, m.start()) + 1
        hexes = " ".join(f"{ord(ch) - 0xDC00:02x}" for ch in m.group(0))
        where = "at the end of the file" if m.end() == len(text) else f"on line {line}"
        issues.append(
            ParseIssue(
                "invalid_bytes",
                f"byte{'s' if len(m.group(0)) > 1 else ''} {hexes} {where} "
                f"not {encoding}: read as U+FFFD",
            )
        )
    if len(runs) > MAX_LISTED_BYTES:
        issues.append(
            ParseIssue(
                "invalid_bytes",
                f"{len(runs) - MAX_LISTED_BYTES} more runs of bytes that are not "
                f"{encoding}, read as U+FFFD",
            )
        )
    return _without_nuls(_ESCAPED_RE.sub("\ufffd", text), issues)


_ESCAPED_RE = regex.compile("[\udc80-\udcff]+")


def _count_escapes(text: str) -> int:
    return len(_ESCAPED_RE.findall(text))


def _without_nuls(text: str, issues: list[ParseIssue]) -> tuple[str, list[ParseIssue]]:
    count = text.count("\x00")
    if count:
        line = text.count("\n", 0, text.index("\x00")) + 1
        issues.append(
            ParseIssue(
                "invalid_bytes",
                f"{count} NUL byte{'s' if count > 1 else ''} (first on line {line}) dropped",
            )
        )
        text = text.replace("\x00", "")
    return text, issues


def read(data: bytes, *, path: str) -> Document:
    text, issues = decode_text_with_issues(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[Block] = []
    pages = text.split("\f")
    for page_no, page_text in enumerate(pages, start=1):
        for line_no, line in enumerate(page_text.split("\n"), start=1):
            if line.strip():
                blocks.append(
                    Paragraph(
                        text=line.rstrip("\n"),
                        page=page_no if len(pages) > 1 else None,
                        position=Position(page=page_no if len(pages) > 1 else None, line=line_no),
                    )
                )
    return Document(
        path=path,
        format="txt",
        blocks=blocks,
        pages=len(pages) if len(pages) > 1 else None,
        reader="text",
        issues=issues,
    )
