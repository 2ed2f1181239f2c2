"""PDF reading: words page by page through PDFium, else pdfplumber, layout repaired by ``layout``.

PDFium (``pdfium_pages``) reads a page's words in C, an order of magnitude faster than pdfminer; every stream
it would inflate is first decoded by pdfminer's parser under the caps of ``pdf_limits``, so that a bomb is
refused as before. A file PDFium cannot read goes through pdfplumber, which reads some damaged files and names
what is wrong with the others. Only this module touches pdfplumber. Each page is reduced to a few lines of
plain data and closed before the next is opened, so memory follows the
largest page, not the file. What a file may cost is capped by ``pdf_limits``.
Every failure leaves as a ``PattiError``, except ``MemoryError``, which is the
process's own limit speaking and is left to the caller.

Pages without a usable text layer that show an image are scans: ``ocr`` reads them
with Tesseract, and the document lists them in ``ocr_pages``. Without Tesseract
such a document is refused with ``ocr_unavailable``, naming the pages.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import replace
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

import pdfplumber
from pdfminer.layout import LAParams, LTPage
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfplumber.page import Page, PDFPageAggregatorWithMarkedContent
from pdfplumber.utils import cluster_objects, extract_words
from pdfplumber.utils.exceptions import PdfminerException

from extractor.document import Document
from extractor.errors import ErrorCode, PattiError
from extractor.read import ocr, pdf_limits, pdfium_pages
from extractor.read.layout import PageLines, Word, clean_word, page_lines, pages_text
from extractor.read.pdf_limits import PageBudget, PageInterpreter

_HEADER = b"%PDF-"
_HEAD_WINDOW = 1024
# Writers may append a little junk after %%EOF; readers look this far back for it.
_TAIL_WINDOW = 4096
# How much of a file without %%EOF is searched for objects: found means cut short.
_OBJECT_WINDOW = 65536
_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")
# A page whose text layer has fewer non-space characters than this is a scan when it shows an image:
# scanners and stamps add a page number, a date or a protocol number, never a paragraph.
MIN_TEXT_CHARS = 20
# Pages named in an error's detail; a long scan says how many more.
_NAMED_PAGES = 20
T = TypeVar("T")
R = TypeVar("R")

pdf_limits.install()


def read_pdf(source: Path | bytes) -> Document:
    """The text of a PDF, page by page, with headers, columns and hyphenation repaired."""
    if isinstance(source, str):
        source = Path(source)
    elif not isinstance(source, Path):
        source = bytes(source)  # bytearray, memoryview
    _check_envelope(source)
    try:
        pages, scans, confidence = _read_with_pdfium(source)
        if not scans and not any(page.lines for page in pages):
            # No text and no scan: text PDFium does not reach (forms nested past its depth), or a page too
            # costly to read; pdfminer finds the first or names the second.
            raise pdfium_pages.Unreadable("no text read")
    except pdfium_pages.Unreadable:
        # PDFium cannot read it: pdfminer can read some damaged files, and names what is wrong with the others.
        pages, scans, confidence = _read_with_pdfplumber(source)
    if scans and ocr.tesseract_command() is None:
        raise PattiError(ErrorCode.OCR_UNAVAILABLE, _page_list(scans))
    if not any(page.lines for page in pages):
        detail = f"{len(pages)} page(s) without text"
        raise PattiError(
            ErrorCode.NO_TEXT_LAYER, detail + (f"; OCR found no words on {_page_list(scans)}" if scans else "")
        )
    texts = _repair(pages_text, pages)
    if not any(texts):
        raise PattiError(ErrorCode.NO_TEXT_LAYER, "only page numbers and running headers")
    document = Document.from_pages(texts)
    return replace(document, ocr_pages=tuple(scans), ocr_confidence=tuple(confidence)) if scans else document


_Read = tuple[list[PageLines], list[int], list[float]]  # each page's lines, the scanned pages, their OCR confidence


def _read_with_pdfium(source: Path | bytes) -> _Read:
    """The pages read by PDFium, once every stream it would inflate has been decoded under the limits."""
    try:
        handle: io.BytesIO | Path = io.BytesIO(source) if isinstance(source, bytes) else source
        with pdf_limits.document_limits(), _parsed(handle) as document:
            pdf_limits.check_streams(document)
    except PattiError:
        raise
    except Exception as exc:  # a structure pdfminer cannot parse: the slow path says what it is
        if isinstance(_cause(exc), MemoryError):
            raise _cause(exc) from None
        raise pdfium_pages.Unreadable(repr(exc)) from exc
    with closing(pdfium_pages.isolated_page_words(source, MIN_TEXT_CHARS)) as pages:
        return _read_pages(source, pages)


def _read_with_pdfplumber(source: Path | bytes) -> _Read:
    """The pages read by pdfplumber (pdfminer), each under the work limits of ``pdf_limits``."""
    try:
        handle: io.BytesIO | Path = io.BytesIO(source) if isinstance(source, bytes) else source
        with pdf_limits.document_limits(), _open(handle) as pdf:
            return _read_pages(source, _page_words(pdf))
    except PattiError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on bad input
        cause = _cause(exc)
        if isinstance(cause, MemoryError):
            raise cause from None
        raise _error(cause) from exc


def _read_pages(source: Path | bytes, words_of_pages: Iterator[tuple[list[Word], bool]]) -> _Read:
    """Each page's lines from its words; a scanned page's words come from OCR when Tesseract is there."""
    pages: list[PageLines] = []
    scans: list[int] = []
    confidence: list[float] = []  # of each page in ``scans``
    with ocr.Scanner(source) as scanner:
        for number, (words, scan) in enumerate(words_of_pages, 1):
            if scan:
                scans.append(number)
                # Without Tesseract the other pages are still read, to name every page needing it.
                if ocr.tesseract_command() is not None:
                    scanned = scanner.read(number)
                    words = scanned.words
                    confidence.append(scanned.confidence)
            pages.append(_repair(page_lines, words))
    return pages, scans, confidence


def _page_list(numbers: list[int]) -> str:
    """``pages 2, 3`` for an error's detail; past a few pages, how many more."""
    named = ", ".join(map(str, numbers[:_NAMED_PAGES]))
    more = len(numbers) - _NAMED_PAGES
    return ("page " if len(numbers) == 1 else "pages ") + named + (f" and {more} more" if more > 0 else "")


def _repair(step: Callable[[T], R], data: T) -> R:
    """Run a layout step; a failure there is ours, not the file's."""
    try:
        return step(data)
    except Exception as exc:
        raise PattiError(ErrorCode.INTERNAL, f"layout repair failed: {exc!r}") from exc


@contextmanager
def _parsed(handle: io.BytesIO | Path) -> Iterator[PDFDocument]:
    """The file parsed by pdfminer (objects only, no page laid out)."""
    stream = handle if isinstance(handle, io.BytesIO) else handle.open("rb")
    try:
        yield PDFDocument(PDFParser(stream))
    finally:
        stream.close()


@contextmanager
def _open(handle: io.BytesIO | Path) -> Iterator[pdfplumber.PDF]:
    """The PDF opened by pdfplumber, closed without ``PDF.close``: that makes every page of the file once more."""
    pdf = pdfplumber.open(handle)
    try:
        yield pdf
    finally:
        if not pdf.stream_is_external:
            pdf.stream.close()


class _Page(Page):
    """A pdfplumber page laid out under the limits of ``pdf_limits``."""

    @property
    def layout(self) -> LTPage:
        if not hasattr(self, "_layout"):
            budget = PageBudget(self.page_number)
            device = _PageDevice(self.pdf.rsrcmgr, budget, self.pdf.laparams)
            PageInterpreter(self.pdf.rsrcmgr, device, budget).process_page(self.page_obj)
            self._layout = device.get_result()
        return self._layout


class _PageDevice(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's layout device, counting characters and keeping no shapes: a map's million lines hold no text."""

    def __init__(self, rsrcmgr: PDFResourceManager, budget: PageBudget, laparams: LAParams | None) -> None:
        super().__init__(rsrcmgr, pageno=budget.page, laparams=laparams)
        self.budget = budget

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        self.budget.add_char()
        return super().render_char(*args, **kwargs)

    def paint_path(self, *args: Any, **kwargs: Any) -> None:
        pass


def _pages(pdf: pdfplumber.PDF) -> Iterator[Page]:
    """The pages one at a time, as pdfplumber's ``PDF.pages`` makes them, refusing too many."""
    pdf_limits.limit_page_search(pdf.doc)
    found = list(itertools.islice(PDFPage.create_pages(pdf.doc), pdf_limits.MAX_PAGES + 1))
    if not found:
        raise PattiError(ErrorCode.PDF_INVALID, "the PDF has no pages")
    if len(found) > pdf_limits.MAX_PAGES:
        raise PattiError(ErrorCode.PDF_TOO_COMPLEX, f"more than {pdf_limits.MAX_PAGES} pages")
    doctop: float = 0
    for number, page_obj in enumerate(found, 1):
        page = _Page(pdf, page_obj, page_number=number, initial_doctop=doctop)
        doctop += page.height
        yield page


def _page_words(pdf: pdfplumber.PDF) -> Iterator[tuple[list[Word], bool]]:
    """Each page's upright words, and whether it is a scan; the page's parsed objects are dropped once read."""
    for page in _pages(pdf):
        try:
            chars = page.chars
            # Overprinted characters (fake bold) would come out doubled; removing them is
            # slow, so only where some character is printed twice in one place.
            if _overprinted(chars):
                chars = _dedupe(chars)
            words = extract_words(chars, keep_blank_chars=False, use_text_flow=False)
            scan = _scant(words) and bool(page.images)
        finally:
            page.close()
        # Rotated text (stamps, margin notes) is not part of the reading flow.
        yield [Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"]) for w in words if w.get("upright", True)], scan


def _scant(words: list[dict[str, Any]]) -> bool:
    """True when the words, rotated ones included, hold fewer than ``MIN_TEXT_CHARS`` usable characters."""
    count = 0
    for word in words:
        count += sum(not char.isspace() for char in clean_word(word["text"]))
        if count >= MIN_TEXT_CHARS:
            return False
    return True


def _dedupe(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """pdfplumber's ``dedupe_chars`` with tolerance 1, without its final sort (quadratic: ``list.index``)."""
    same = itemgetter("upright", "text", "fontname", "size")
    order = {id(char): n for n, char in enumerate(chars)}
    kept = []
    for _, group in itertools.groupby(sorted(chars, key=same), key=same):
        for row in cluster_objects(list(group), itemgetter("doctop"), 1):
            for spot in cluster_objects(row, itemgetter("x0"), 1):
                kept.append(min(spot, key=itemgetter("doctop", "x0")))
    return sorted(kept, key=lambda char: order[id(char)])


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


def _cause(exc: BaseException) -> BaseException:
    """The exception pdfminer raised, out of pdfplumber's wrapping."""
    cause = exc
    while isinstance(cause, PdfminerException):
        inner = cause.args[0] if cause.args and isinstance(cause.args[0], BaseException) else None
        inner = inner or cause.__cause__ or cause.__context__
        if inner is None:
            break
        cause = inner
    return cause


def _error(exc: BaseException) -> PattiError:
    """The catalogue error for an exception raised while parsing."""
    cause = _cause(exc)
    if isinstance(cause, PattiError):  # a limit of ``pdf_limits``, raised inside pdfminer
        return cause
    detail = f"{type(cause).__name__}: {cause}"[:300]
    if isinstance(cause, RecursionError):
        return PattiError(ErrorCode.PDF_TOO_COMPLEX, detail)
    if isinstance(cause, PDFEncryptionError):
        return PattiError(ErrorCode.PDF_ENCRYPTED, detail)
    return PattiError(ErrorCode.PDF_INVALID, detail)
