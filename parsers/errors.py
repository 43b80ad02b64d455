"""Typed parse failures. Each carries a short code that is stored in `documents.error`.

Parsers raise these; `parse_file` turns them into a failed `Document`, so one bad file is a row
with a reason, never a traceback that stops a batch.
"""

from __future__ import annotations

# Never swallowed by a reader's broad `except Exception` (a record to skip, a page to lose):
# running out of memory or stack is the file's limit, `limit_exceeded` on that file.
RESOURCE_ERRORS = (MemoryError, RecursionError)


class ParseError(Exception):
    code = "corrupt"

    def __init__(self, message: str, *, page: int | None = None):
        super().__init__(message)
        self.message = message
        self.page = page


class CorruptFile(ParseError):
    """The bytes are not a readable file of the format they claim (truncated, broken)."""

    code = "corrupt"


class EncryptedFile(ParseError):
    """Password-protected: nothing can be read without the password."""

    code = "encrypted"


class DistributionDocument(ParseError):
    """HWP 배포용 (distribution) document whose protected streams could not be decoded."""

    code = "distribution_doc"


class UnsupportedVersion(ParseError):
    """A format version no reader here handles (HWP 3.x)."""

    code = "unsupported_version"


class UnsupportedFormat(ParseError):
    """The content is none of PDF, HWP, HWPX or text (an image, an HTML page, …)."""

    code = "unsupported_format"


class ImageOnly(ParseError):
    """A scanned PDF: pages carry images but no text layer."""

    code = "image_only"


class EmptyDocument(ParseError):
    """The file opened but held no text at all."""

    code = "empty"


class NotAReport(ParseError):
    """Readable, but not a planning report the rules recognise."""

    code = "not_a_report"


class LimitExceeded(ParseError):
    """A safety cap was hit (decompressed size, table size, nesting depth)."""

    code = "limit_exceeded"


ERROR_CODES = sorted(
    {
        cls.code
        for cls in (
            CorruptFile,
            EncryptedFile,
            DistributionDocument,
            UnsupportedVersion,
            UnsupportedFormat,
            ImageOnly,
            EmptyDocument,
            NotAReport,
            LimitExceeded,
        )
    }
)
