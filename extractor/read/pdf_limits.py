"""What one PDF may cost pdfminer: bytes decoded from its streams, and work done per page.

pdfminer inflates a stream whole (half a megabyte of Flate can hold gigabytes) and interprets
a page for as long as its content lasts (a form that draws a form twice, forty levels deep, is
a trillion drawings). The decoders here replace pdfminer's own with ones that stop at a limit,
and ``PageInterpreter`` charges each page's work to a ``PageBudget``. Both raise ``PattiError``:
``pdf_too_large`` for data, ``pdf_too_complex`` for work. Only ``pdf`` uses this module; pdfminer
is touched here and pdfplumber there.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from types import SimpleNamespace
from typing import BinaryIO

from pdfminer import pdffont, pdftypes
from pdfminer.cmapdb import CMapBase, CMapParser, FileUnicodeMap
from pdfminer.lzw import LZWDecoder
from pdfminer.pdfdevice import PDFDevice
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdftypes import list_value, stream_value
from pdfminer.psparser import LIT, PSKeyword
from pdfminer.utils import MATRIX_IDENTITY, Matrix, apply_png_predictor, apply_tiff_predictor, choplist

from extractor.errors import ErrorCode, PattiError

MIB = 1024 * 1024
LITERAL_IMAGE = LIT("Image")
# Decoded data. Text pages decode to kilobytes; a big embedded font to a few megabytes. pdfminer
# keeps every decoded stream until the document is closed, hence the limit on their sum.
MAX_STREAM_BYTES = 64 * MIB
MAX_DOCUMENT_BYTES = 256 * MIB
# Predictors allocate a row up front and then run byte by byte in Python.
MAX_PREDICTOR_COLUMNS = 1 << 20
MAX_PREDICTED_BYTES = 16 * MIB
# A font's ToUnicode map: about 1 MB for the largest CJK fonts, whose two-byte codes number 65,536.
# pdfminer stores every code a range covers, one by one.
MAX_CMAP_BYTES = 4 * MIB
MAX_CMAP_CODES = 1 << 18
# Work per page. A dense page draws about 5,000 characters from 50 kB of content; pdfminer
# interprets some 300 kB of operators a second, and keeps a few kilobytes per character.
MAX_PAGE_CHARS = 50_000
MAX_PAGE_CONTENT_BYTES = 16 * MIB  # page content, plus each form's content every time it is drawn
MAX_PAGE_FORMS = 5_000  # form XObjects drawn
MAX_FORM_DEPTH = 50  # forms drawn inside forms: real files nest a handful
MAX_PAGES = 10_000
# Without a page tree, pdfminer looks for pages among every object number the cross-references
# declare, and an xref stream may declare billions in a few bytes.
MAX_SEARCHED_OBJECTS = 100_000


@dataclass
class _Decoded:
    """Bytes decoded so far for one document."""

    total: int = 0


_decoded: ContextVar[_Decoded | None] = ContextVar("patti_pdf_decoded", default=None)


@contextmanager
def document_limits() -> Iterator[None]:
    """Count every stream decoded inside the block against one document's limit."""
    token = _decoded.set(_Decoded())
    try:
        yield
    finally:
        _decoded.reset(token)


def _room() -> int:
    """How many bytes the next stream may decode to."""
    document = _decoded.get()
    if document is None:  # pdfminer used outside ``document_limits``: only the per-stream limit
        return MAX_STREAM_BYTES
    return max(0, min(MAX_STREAM_BYTES, MAX_DOCUMENT_BYTES - document.total))


def _too_large(room: int) -> PattiError:
    """The error for output past ``room``, naming the limit that set it."""
    if room < MAX_STREAM_BYTES:
        detail = f"its streams decode to more than {MAX_DOCUMENT_BYTES // MIB} MiB in all"
    else:
        detail = f"a stream decodes to more than {MAX_STREAM_BYTES // MIB} MiB"
    return PattiError(ErrorCode.PDF_TOO_LARGE, detail)


def _keep(data: bytes | bytearray, room: int) -> bytes:
    """``data`` as decoded output, charged to the document; raises when it is more than ``room``."""
    if len(data) > room:
        raise _too_large(room)
    document = _decoded.get()
    if document is not None:
        document.total += len(data)
    return bytes(data)


def _inflate(data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = 0) -> bytes:
    """``zlib.decompress`` that refuses output past the room left; fails on damaged data as it does."""
    room = _room()
    inflater = zlib.decompressobj(wbits)
    out = inflater.decompress(data, room + 1)
    if len(out) <= room and not inflater.eof:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return _keep(out, room)


def _inflate_damaged(data: bytes) -> bytes:
    """pdfminer's fallback for damaged Flate data, in linear time and capped.

    Like pdfminer's ``decompress_corrupted``: what inflates before damage in the last three
    bytes (a bad checksum) is kept; damage earlier raises ``zlib.error``. pdfminer feeds the
    whole stream a byte at a time into a growing ``bytes``, quadratic on a large stream.
    """
    room = _room()
    inflater = zlib.decompressobj()
    head = max(0, len(data) - 3)
    out = bytearray(inflater.decompress(data[:head], room + 1))
    for n in range(head, len(data)):
        if len(out) > room:
            break
        try:
            out += inflater.decompress(data[n : n + 1], room + 1 - len(out))
        except zlib.error:
            break
    return _keep(out, room)


def _lzw_decode(data: bytes) -> bytes:
    """pdfminer's LZW decoding, stopped at the room left: one code can stand for thousands of bytes."""
    room = _room()
    out = bytearray()
    for chunk in LZWDecoder(io.BytesIO(data)).run():
        out += chunk
        if len(out) > room:
            raise _too_large(room)
    return _keep(out, room)


def _runlength_decode(data: bytes) -> bytes:
    """RunLength decoding stopped at the room left; a run cut short by the end of the data ends it.

    pdfminer's version builds a list of ints, eight bytes of memory for each byte decoded.
    """
    room = _room()
    out = bytearray()
    n = 0
    while n < len(data) and data[n] != 128:  # 128 marks the end of the data
        length = data[n]
        if length < 128:  # the next length + 1 bytes as they are
            out += data[n + 1 : n + 2 + length]
            n += 2 + length
        else:  # the next byte, 257 - length times
            out += data[n + 1 : n + 2] * (257 - length)
            n += 2
        if len(out) > room:
            raise _too_large(room)
    return _keep(out, room)


def _check_predictor(colors: int, columns: int, data: bytes) -> None:
    """Refuse rows too wide to allocate, or data too long to run through a predictor."""
    if colors * columns > MAX_PREDICTOR_COLUMNS:
        raise PattiError(ErrorCode.PDF_TOO_LARGE, f"predictor rows of {colors * columns} samples")
    if len(data) > MAX_PREDICTED_BYTES:
        raise PattiError(ErrorCode.PDF_TOO_LARGE, f"a predicted stream of more than {MAX_PREDICTED_BYTES // MIB} MiB")


def _png_predictor(pred: int, colors: int, columns: int, bitspercomponent: int, data: bytes) -> bytes:
    """pdfminer's PNG predictor, refused on rows or data too large for it."""
    _check_predictor(colors, columns, data)
    return apply_png_predictor(pred, colors, columns, bitspercomponent, data)


def _tiff_predictor(colors: int, columns: int, bitspercomponent: int, data: bytes) -> bytes:
    """pdfminer's TIFF predictor, refused on rows or data too large for it."""
    _check_predictor(colors, columns, data)
    return apply_tiff_predictor(colors, columns, bitspercomponent, data)


def _fax_undecoded(data: bytes, params: object) -> bytes:
    """CCITT fax data left encoded, as pdfminer leaves JPEG and JBIG2: only images use it.

    pdfminer's fax decoder allocates rows as wide as the file says and runs bit by bit.
    """
    return data


class _CMapParser(CMapParser):
    """pdfminer's ToUnicode map parser, refusing maps too long to parse or covering more codes than fonts have."""

    def __init__(self, cmap: CMapBase, fp: BinaryIO) -> None:
        size = fp.seek(0, io.SEEK_END)
        fp.seek(0)
        if size > MAX_CMAP_BYTES:
            raise PattiError(ErrorCode.PDF_TOO_COMPLEX, f"a font's ToUnicode map is over {MAX_CMAP_BYTES // MIB} MiB")
        super().__init__(cmap, fp)
        self.codes = 0

    def do_keyword(self, pos: int, token: PSKeyword) -> None:
        if token is self.KEYWORD_ENDBFRANGE or token is self.KEYWORD_ENDCIDRANGE:
            # The ranges are still on the stack: count them before pdfminer expands them.
            for start, end, _ in choplist(3, [obj for _, obj in self.curstack]):
                if isinstance(start, bytes) and isinstance(end, bytes):
                    self.codes += max(0, int.from_bytes(end, "big") - int.from_bytes(start, "big") + 1)
            if self.codes > MAX_CMAP_CODES:
                detail = f"a font's ToUnicode map covers over {MAX_CMAP_CODES} codes"
                raise PattiError(ErrorCode.PDF_TOO_COMPLEX, detail)
        super().do_keyword(pos, token)


def install() -> None:
    """Route pdfminer's stream decoding through the capped decoders; calling it again changes nothing."""
    replacements = {
        "zlib": SimpleNamespace(decompress=_inflate, decompressobj=zlib.decompressobj, error=zlib.error),
        "decompress_corrupted": _inflate_damaged,
        "lzwdecode": _lzw_decode,
        "rldecode": _runlength_decode,
        "apply_png_predictor": _png_predictor,
        "apply_tiff_predictor": _tiff_predictor,
        "ccittfaxdecode": _fax_undecoded,
    }
    for name, replacement in replacements.items():
        setattr(pdftypes, name, replacement)
    pdffont.CMapParser = _CMapParser  # type: ignore[misc]


def check_streams(document: PDFDocument) -> None:
    """Decode every stream of the file through the capped decoders, and parse every font's ToUnicode map
    through the capped parser, so that a bomb is refused before another reader (PDFium) inflates it without
    limits or reads its text through it. Call inside ``document_limits``; raises ``PattiError``."""
    searched = 0
    for xref in document.xrefs:
        for object_id in xref.get_objids():
            searched += 1
            if searched > MAX_SEARCHED_OBJECTS:
                raise PattiError(ErrorCode.PDF_TOO_COMPLEX, f"more than {MAX_SEARCHED_OBJECTS} objects")
            try:
                found = document.getobj(object_id)
            except PattiError:
                raise
            except Exception:  # an unreadable object is the page reader's to report, if it needs it
                continue
            # Images are rendered only for OCR, one page at a time; everything else PDFium decodes to read text.
            if isinstance(found, pdftypes.PDFStream) and found.get("Subtype") is not LITERAL_IMAGE:
                found.get_data()
                found.data = found.rawdata = None  # counted, not kept
            elif isinstance(found, dict) and "ToUnicode" in found:
                _check_unicode_map(found["ToUnicode"])


def _check_unicode_map(reference: object) -> None:
    """Parse a font's ToUnicode map under the caps of ``_CMapParser``; a map that is no stream is the font's
    reader's concern."""
    try:
        data = stream_value(reference).get_data()
    except PattiError:
        raise
    except Exception:
        return
    _CMapParser(FileUnicodeMap(), io.BytesIO(data)).run()


def limit_page_search(document: PDFDocument) -> None:
    """Cap the object numbers pdfminer goes through looking for pages when the page tree has none."""
    searched = 0

    def capped(object_ids: Callable[[], Iterable[int]]) -> Callable[[], Iterator[int]]:
        def ids() -> Iterator[int]:
            nonlocal searched
            for object_id in object_ids():
                searched += 1
                if searched > MAX_SEARCHED_OBJECTS:
                    detail = f"no pages in the page tree, and more than {MAX_SEARCHED_OBJECTS} objects to search"
                    raise PattiError(ErrorCode.PDF_TOO_COMPLEX, detail)
                yield object_id

        return ids

    # Only that search lists every object number, so only it is affected.
    for xref in document.xrefs:
        xref.get_objids = capped(xref.get_objids)  # type: ignore[method-assign]


@dataclass
class PageBudget:
    """The work one page has cost so far; each ``add_`` method raises ``PattiError`` past its limit."""

    page: int
    chars: int = 0
    content: int = 0
    forms: int = 0

    def _refuse(self, what: str) -> PattiError:
        return PattiError(ErrorCode.PDF_TOO_COMPLEX, f"page {self.page} {what}")

    def add_char(self) -> None:
        self.chars += 1
        if self.chars > MAX_PAGE_CHARS:
            raise self._refuse(f"draws more than {MAX_PAGE_CHARS} characters")

    def add_content(self, size: int) -> None:
        self.content += size
        if self.content > MAX_PAGE_CONTENT_BYTES:
            raise self._refuse(f"runs more than {MAX_PAGE_CONTENT_BYTES // MIB} MiB of content")

    def add_form(self, depth: int) -> None:
        self.forms += 1
        if self.forms > MAX_PAGE_FORMS:
            raise self._refuse(f"draws more than {MAX_PAGE_FORMS} forms")
        if depth > MAX_FORM_DEPTH:
            raise self._refuse(f"nests forms more than {MAX_FORM_DEPTH} deep")


class PageInterpreter(PDFPageInterpreter):
    """pdfminer's page interpreter, charging the content it runs and the forms it draws to a budget."""

    def __init__(
        self, rsrcmgr: PDFResourceManager, device: PDFDevice, budget: PageBudget | None = None, depth: int = 0
    ) -> None:
        super().__init__(rsrcmgr, device)
        self.budget = budget or PageBudget(0)
        self.depth = depth

    def dup(self) -> PDFPageInterpreter:
        # pdfminer duplicates the interpreter for each form XObject it draws, and only then.
        self.budget.add_form(self.depth + 1)
        return PageInterpreter(self.rsrcmgr, self.device, self.budget, self.depth + 1)

    def render_contents(
        self, resources: dict[object, object], streams: Sequence[object], ctm: Matrix = MATRIX_IDENTITY
    ) -> None:
        # Decoded data is cached on the stream: measuring it first costs nothing later.
        self.budget.add_content(sum(len(stream_value(s).get_data()) for s in list_value(streams)))
        super().render_contents(resources, streams, ctm)
