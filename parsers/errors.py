"""Typed failures, and `ErrorCode`: the one list of the codes stored in `documents.error`.

Parsers raise these; `parse_file` turns them into a failed `Document`, so one bad file is a row
with a reason, never a traceback that stops a batch. The batch adds the codes only it can know
(`crashed`, `rules_failed`); the warehouse's constraint on `documents.error` and the README's
error table are this enum (warehouse/value_checks.py, tests/test_error_codes.py).
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    """Why a file was not (wholly) read. The value is what `documents.error` holds."""

    CORRUPT = "corrupt"
    ENCRYPTED = "encrypted"
    DISTRIBUTION_DOC = "distribution_doc"
    UNSUPPORTED_VERSION = "unsupported_version"
    UNSUPPORTED_FORMAT = "unsupported_format"
    IMAGE_ONLY = "image_only"
    EMPTY = "empty"
    LIMIT_EXCEEDED = "limit_exceeded"
    UNREADABLE = "unreadable"  # the file could not be opened (no bytes to read)
    CRASHED = "crashed"  # the worker reading it died, or raised past every handler
    RULES_FAILED = "rules_failed"  # read, but the rules failed on it: kept as partial


# Never swallowed by a reader's broad `except Exception` (a record to skip, a page to lose):
# running out of memory or stack is the file's limit, `limit_exceeded` on that file.
RESOURCE_ERRORS = (MemoryError, RecursionError)


class ParseError(Exception):
    code: ErrorCode = ErrorCode.CORRUPT

    def __init__(self, message: str, *, page: int | None = None):
        super().__init__(message)
        self.message = message
        self.page = page


class CorruptFile(ParseError):
    """The bytes are not a readable file of the format they claim (truncated, broken)."""

    code: ErrorCode = ErrorCode.CORRUPT


class EncryptedFile(ParseError):
    """Password-protected: nothing can be read without the password."""

    code: ErrorCode = ErrorCode.ENCRYPTED


class DistributionDocument(ParseError):
    """HWP 배포용 (distribution) document whose protected streams could not be decoded."""

    code: ErrorCode = ErrorCode.DISTRIBUTION_DOC


class UnsupportedVersion(ParseError):
    """A format version no reader here handles (HWP 3.x)."""

    code: ErrorCode = ErrorCode.UNSUPPORTED_VERSION


class UnsupportedFormat(ParseError):
    """The content is none of PDF, HWP, HWPX or text (an image, an HTML page, …)."""

    code: ErrorCode = ErrorCode.UNSUPPORTED_FORMAT


class ImageOnly(ParseError):
    """A scanned PDF: pages carry images but no text layer."""

    code: ErrorCode = ErrorCode.IMAGE_ONLY


class EmptyDocument(ParseError):
    """The file opened but held no text at all."""

    code: ErrorCode = ErrorCode.EMPTY


class LimitExceeded(ParseError):
    """A safety cap was hit (decompressed size, table size, nesting depth, an XML part that
    declares entities)."""

    code: ErrorCode = ErrorCode.LIMIT_EXCEEDED


ERROR_CODES = [code.value for code in ErrorCode]
