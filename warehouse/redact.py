"""Masking the personal data a warehouse holds: staff names and phone numbers.

`contacts` lists them, and the report's text prints them again, so they also sit in
`table_cells`, `outline`, `findings` (a phone that differs names its owner) and the file
metadata's `author`. A Redactor masks, in a document's text, every name and number its contacts
(and its author) list — names as ○○○, a number's digits as * — and any phone-shaped number.
"""

from __future__ import annotations

import re

import duckdb

from . import versions

NAME_MASK = "○○○"
# Phone-shaped numbers anywhere: 02-3019-8003, 010-1234-5678, 3019-8003, ☎ 8051.
PHONE = re.compile(r"(?<!\d)(?:0\d{1,2}[-) ]?)?\d{3,4}-\d{4}(?!\d)|(?<=☎)\s*\d{3,4}(?!\d)")
# document_metadata keys that name a person.
PERSON_KEYS = ("author", "last_saved_by")
# An HTML page split into markup (style and script whole) and text; a tag's title attribute.
MARKUP = re.compile(r"(<style.*?</style>|<script.*?</script>|<[^>]*>)", re.S)
TITLE = re.compile(r'(title=")([^"]*)(")')


def _exists(con, table: str) -> bool:
    schema, _, name = table.rpartition(".")
    return bool(
        con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? "
            "AND table_name = ?",
            [schema or "main", name],
        ).fetchone()[0]
    )


def _pattern(words: set[str]) -> re.Pattern:
    # Longest first: a name before a shorter one inside it; numbers only whole.
    parts = [
        rf"(?<!\d){re.escape(w)}(?!\d)" if w[0].isdigit() else re.escape(w)
        for w in sorted(words, key=len, reverse=True)
    ]
    return re.compile("|".join(parts))


def _mask_phone(match: re.Match) -> str:
    return re.sub(r"\d", "*", match.group(0))


class Redactor:
    """Masks, in a document's text, the names and phone numbers its contacts list."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        words: dict[int, set[str]] = {}
        for table in ("contacts", f"{versions.SCHEMA}.contacts"):
            if not _exists(con, table):
                continue
            for doc_id, name, phone in con.execute(
                f"SELECT doc_id, name, phone FROM {table}"
            ).fetchall():
                for word in (name, phone):
                    if word and len(word.strip()) >= 2:
                        words.setdefault(doc_id, set()).add(word.strip())
        for table in ("document_metadata", f"{versions.SCHEMA}.document_metadata"):
            if not _exists(con, table):
                continue
            marks = ", ".join("?" * len(PERSON_KEYS))
            for doc_id, value in con.execute(
                f"SELECT doc_id, value FROM {table} WHERE key IN ({marks})", list(PERSON_KEYS)
            ).fetchall():
                if len(value.strip()) >= 2:
                    words.setdefault(doc_id, set()).add(value.strip())
        self.needles = {doc_id: _pattern(found) for doc_id, found in words.items()}
        every = set().union(*words.values()) if words else set()
        self.anywhere = _pattern(every) if every else None

    def __call__(self, doc_id: int, text: str) -> str:
        needle = self.needles.get(doc_id)
        if needle is not None:
            text = needle.sub(self._mask, text)
        return PHONE.sub(_mask_phone, text)

    def text(self, text: str) -> str:
        """`text` with every document's names and numbers masked (a page about them all)."""
        if self.anywhere is not None:
            text = self.anywhere.sub(self._mask, text)
        return PHONE.sub(_mask_phone, text)

    def html(self, page: str) -> str:
        """An HTML page with its text and its title attributes masked; markup, styles and
        scripts (chart coordinates, ids) left as they are."""
        out = []
        for part in MARKUP.split(page):
            if not part.startswith("<"):
                out.append(self.text(part))
            elif part.startswith(("<style", "<script")):
                out.append(part)
            else:
                out.append(TITLE.sub(lambda m: m[1] + self.text(m[2]) + m[3], part))
        return "".join(out)

    @staticmethod
    def _mask(match: re.Match) -> str:
        word = match.group(0)
        return re.sub(r"\d", "*", word) if any(c.isdigit() for c in word) else NAME_MASK
