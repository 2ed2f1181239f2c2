"""PDF reading: words page by page through pdfplumber, layout repaired by ``layout``.

Only this module touches pdfplumber. Each page is reduced to a few lines of
plain data and closed before the next is opened, so memory follows the
largest page, not the file. Every failure leaves as a ``PattiError``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfplumber.utils.exceptions import PdfminerException

from extractor.document import Document
from extractor.errors import ErrorCode, PattiError
from extractor.read.layout import PageLines, Word, page_lines, pages_text

_HEADER = b"%PDF-"
_HEAD_WINDOW = 1024
# Writers may append a little junk after %%EOF; readers look this far back for it.
_TAIL_WINDOW = 4096
# How much of a file without %%EOF is searched for objects: found means cut short.
_OBJECT_WINDOW = 65536
_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")
T = TypeVar("T")
R = TypeVar("R")


def read_pdf(source: Path | bytes) -> Document:
    """The text of a PDF, page by page, with headers, columns and hyphenation repaired."""
    if isinstance(source, str):
        source = Path(source)
    elif not isinstance(source, Path):
        source = bytes(source)  # bytearray, memoryview
    _check_envelope(source)
    pages: list[PageLines] = []
    try:
        handle: io.BytesIO | Path = io.BytesIO(source) if isinstance(source, bytes) else source
        with pdfplumber.open(handle) as pdf:
            if not pdf.pages:
                raise PattiError(ErrorCode.PDF_INVALID, "the PDF has no pages")
            for words in _page_words(pdf):
                pages.append(_repair(page_lines, words))
    except PattiError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on bad input
        raise _error(exc) from exc
    if not any(page.lines for page in pages):
        raise PattiError(ErrorCode.NO_TEXT_LAYER, f"{len(pages)} page(s) without text")
    texts = _repair(pages_text, pages)
    if not any(texts):
        raise PattiError(ErrorCode.NO_TEXT_LAYER, "only page numbers and running headers")
    return Document.from_pages(texts)


def _repair(step: Callable[[T], R], data: T) -> R:
    """Run a layout step; a failure there is ours, not the file's."""
    try:
        return step(data)
    except Exception as exc:
        raise PattiError(ErrorCode.INTERNAL, f"layout repair failed: {exc!r}") from exc


def _page_words(pdf: pdfplumber.PDF) -> Iterator[list[Word]]:
    """Each page's upright words; the page's parsed objects are dropped once read."""
    for page in pdf.pages:
        try:
            # Overprinted characters (fake bold) would come out doubled; removing them is
            # slow, so only where some character is printed twice in one place.
            source = page.dedupe_chars() if _overprinted(page.chars) else page
            words = source.extract_words(keep_blank_chars=False, use_text_flow=False)
            # Rotated text (stamps, margin notes) is not part of the reading flow.
            yield [Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"]) for w in words if w.get("upright", True)]
        finally:
            page.close()


def _overprinted(chars: list[dict[str, Any]]) -> bool:
    """True when some character is drawn twice at (nearly) the same place."""
    seen: set[tuple[str, int, int]] = set()
    for char in chars:
        key = (char["text"], round(char["x0"]), round(char["top"]))
        if key in seen and not char["text"].isspace():
            return True
        seen.add(key)
    return False


def _check_envelope(source: Path | bytes) -> None:
    """Reject empty, header-less and truncated files before parsing them."""
    if isinstance(source, bytes):
        size, head, tail = len(source), source[:_HEAD_WINDOW], source[-_TAIL_WINDOW:]
        body = source[:_OBJECT_WINDOW]
    else:
        try:
            size = source.stat().st_size
            with source.open("rb") as handle:
                body = handle.read(_OBJECT_WINDOW)
                handle.seek(max(0, size - _TAIL_WINDOW))
                tail = handle.read()
        except OSError as exc:
            raise PattiError(ErrorCode.UNREADABLE, str(exc)) from exc
        head = body[:_HEAD_WINDOW]
    if not size or not head.strip():
        raise PattiError(ErrorCode.EMPTY)
    if _HEADER not in head:
        raise PattiError(ErrorCode.PDF_INVALID, "no %PDF- header")
    if b"%%EOF" not in tail:
        # Cut short: objects, or nothing at all, after the header; anything else is not a PDF body.
        after_header = body[body.find(_HEADER) :].partition(b"\n")[2]
        if _OBJECT.search(body) or (size <= len(body) and not after_header.strip()):
            raise PattiError(ErrorCode.PDF_TRUNCATED, f"{size} bytes, no %%EOF at the end")
        raise PattiError(ErrorCode.PDF_INVALID, "no PDF objects after the header")


def _error(exc: BaseException) -> PattiError:
    """The catalogue error for an exception raised while parsing."""
    cause = exc
    # pdfplumber wraps pdfminer's exceptions; judge the original.
    while isinstance(cause, PdfminerException):
        inner = cause.args[0] if cause.args and isinstance(cause.args[0], BaseException) else None
        inner = inner or cause.__cause__ or cause.__context__
        if inner is None:
            break
        cause = inner
    detail = f"{type(cause).__name__}: {cause}"[:300]
    if isinstance(cause, RecursionError):
        return PattiError(ErrorCode.PDF_TOO_COMPLEX, detail)
    if isinstance(cause, PDFEncryptionError):
        return PattiError(ErrorCode.PDF_ENCRYPTED, detail)
    return PattiError(ErrorCode.PDF_INVALID, detail)
