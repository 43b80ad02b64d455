"""Already-extracted text (like the seed): one paragraph per line, pages split on form feeds."""
from __future__ import annotations

from .errors import CorruptFile
from .model import Document, Paragraph


def decode_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp949"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CorruptFile("text is neither UTF-8 nor CP949")


def read(data: bytes, *, path: str) -> Document:
    text = decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
    blocks = []
    pages = text.split("\f")
    for page_no, page_text in enumerate(pages, start=1):
        for line_no, line in enumerate(page_text.split("\n"), start=1):
            if line.strip():
                blocks.append(Paragraph(text=line.rstrip("\n"),
                                        page=page_no if len(pages) > 1 else None,
                                        position=f"line {line_no}" if len(pages) == 1
                                        else f"page {page_no} line {line_no}"))
    return Document(path=path, format="txt", blocks=blocks,
                    pages=len(pages) if len(pages) > 1 else None, reader="text")
