"""Extract a document kept in the file store: what a worker process runs for one job."""

from __future__ import annotations

from pathlib import Path

from extractor.document import Document
from extractor.errors import ErrorCode, PattiError
from extractor.pipeline import extract_document
from extractor.read import read_bytes, read_path
from extractor.read.sniff import PDF, sniff_file
from models import Extraction
from service.store.files import file_path


def extract_stored(data_dir: Path, sha256: str, file_name: str) -> tuple[Extraction, list[int]]:
    """The extraction (with its text) and page offsets of the original ``sha256``; raises ``PattiError``."""
    path = file_path(data_dir, sha256)
    try:
        kind = sniff_file(path)
    except FileNotFoundError as exc:
        raise PattiError(ErrorCode.NOT_FOUND, f"original {sha256} is missing from the file store") from exc
    # PDFs are read from the stored file page by page; other formats are small enough to read at once.
    document: Document = read_path(path) if kind == PDF else read_bytes(path.read_bytes(), file_name)
    extraction = extract_document(document, file_name, include_text=True)
    return extraction, list(document.page_starts)


def error_of(exc: BaseException) -> tuple[ErrorCode, str]:
    """The catalogue code and message of an extraction failure, as the CLI and the API report it."""
    if isinstance(exc, PattiError):
        return exc.code, exc.message
    if isinstance(exc, RecursionError):
        return ErrorCode.PDF_TOO_COMPLEX, PattiError(ErrorCode.PDF_TOO_COMPLEX, "recursion limit reached").message
    if isinstance(exc, MemoryError):  # the reader lets it through so that the cap's owner can name it
        return ErrorCode.JOB_MEMORY, PattiError(ErrorCode.JOB_MEMORY, "out of memory").message
    return ErrorCode.INTERNAL, f"{type(exc).__name__}: {exc}"
