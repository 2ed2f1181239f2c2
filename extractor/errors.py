"""The one catalogue of error codes, shared by the CLI, the API and the logs.

Codes are stable identifiers: callers match on them, so never rename one.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    NOT_FOUND = "not_found"
    NOT_A_FILE = "not_a_file"
    UNREADABLE = "unreadable"
    EMPTY = "empty_file"
    TOO_LARGE = "too_large"
    UNSUPPORTED_FORMAT = "unsupported_format"
    NOT_TEXT = "not_text"
    PDF_INVALID = "pdf_invalid"
    PDF_ENCRYPTED = "pdf_encrypted"
    PDF_TRUNCATED = "pdf_truncated"
    PDF_TOO_COMPLEX = "pdf_too_complex"
    PDF_TOO_LARGE = "pdf_too_large"
    NO_TEXT_LAYER = "no_text_layer"
    OCR_UNAVAILABLE = "ocr_unavailable"
    OCR_FAILED = "ocr_failed"
    DOCX_INVALID = "docx_invalid"
    ARCHIVE_BOMB = "archive_bomb"
    SIGNED_INVALID = "signed_invalid"
    SIGNED_TOO_DEEP = "signed_too_deep"
    INTERNAL = "internal_error"
    # Jobs: what a worker reports when it had to stop a document.
    JOB_TIMEOUT = "job_timeout"
    JOB_MEMORY = "job_memory_limit"
    WORKER_CRASHED = "worker_crashed"
    # Service: requests the API and the CLI refuse.
    INVALID_QUERY = "invalid_query"
    INVALID_PARAMETER = "invalid_parameter"
    INVALID_CORRECTION = "invalid_correction"
    UNKNOWN_RESOURCE = "unknown_resource"
    UNAUTHORIZED = "unauthorized"
    TOO_MANY_FILES = "too_many_files"
    QUEUE_FULL = "queue_full"
    NO_DATABASE = "no_database"


MESSAGES: dict[ErrorCode, str] = {
    ErrorCode.NOT_FOUND: "the file does not exist",
    ErrorCode.NOT_A_FILE: "the path is not a regular file",
    ErrorCode.UNREADABLE: "the file cannot be opened for reading",
    ErrorCode.EMPTY: "the file is empty",
    ErrorCode.TOO_LARGE: "the file is larger than the configured limit",
    ErrorCode.UNSUPPORTED_FORMAT: "the file's content is not a format patti reads",
    ErrorCode.NOT_TEXT: "the file looks like binary data, not text",
    ErrorCode.PDF_INVALID: "the PDF is malformed and cannot be parsed",
    ErrorCode.PDF_ENCRYPTED: "the PDF is encrypted and needs a password",
    ErrorCode.PDF_TRUNCATED: "the PDF is truncated (no end-of-file marker)",
    ErrorCode.PDF_TOO_COMPLEX: "the PDF is too deep, recursive or dense to parse within the limits",
    ErrorCode.PDF_TOO_LARGE: "the PDF's compressed content decodes to more data than the limit",
    ErrorCode.NO_TEXT_LAYER: "the PDF has no text layer (scanned pages need OCR)",
    ErrorCode.OCR_UNAVAILABLE: (
        "pages without a text layer need OCR, and Tesseract with Italian is not installed "
        "(Debian: apt install tesseract-ocr tesseract-ocr-ita; PATTI_TESSERACT names another binary)"
    ),
    ErrorCode.OCR_FAILED: "Tesseract failed or ran out of time on a scanned page",
    ErrorCode.DOCX_INVALID: "the Word file is malformed or unsafe (DOCTYPE or entities in its XML)",
    ErrorCode.ARCHIVE_BOMB: "the file's compressed parts expand beyond the limits (entries, size or ratio)",
    ErrorCode.SIGNED_INVALID: "the signed envelope (.p7m) is malformed or holds no content",
    ErrorCode.SIGNED_TOO_DEEP: "signed envelopes are nested deeper than the limit",
    ErrorCode.INTERNAL: "an unexpected error occurred while extracting",
    ErrorCode.JOB_TIMEOUT: "extraction took longer than the per-document time limit",
    ErrorCode.JOB_MEMORY: "extraction needed more memory than the per-document limit",
    ErrorCode.WORKER_CRASHED: "the worker process died while extracting this document",
    ErrorCode.INVALID_QUERY: "the search query cannot be run",
    ErrorCode.INVALID_PARAMETER: "a parameter has a value that is not allowed",
    ErrorCode.INVALID_CORRECTION: "the correction was refused",
    ErrorCode.UNKNOWN_RESOURCE: "no such document, job or item",
    ErrorCode.UNAUTHORIZED: "this request needs a valid API token",
    ErrorCode.TOO_MANY_FILES: "the upload has more files than allowed",
    ErrorCode.QUEUE_FULL: "the extraction queue is full; retry later",
    ErrorCode.NO_DATABASE: "there is no database yet in the data folder",
}


class PattiError(Exception):
    """An error with a stable code from the catalogue and a human message."""

    def __init__(self, code: ErrorCode, detail: str | None = None) -> None:
        self.code = code
        self.detail = detail
        super().__init__(self.message)

    @property
    def message(self) -> str:
        base = MESSAGES[self.code]
        return f"{base}: {self.detail}" if self.detail else base
