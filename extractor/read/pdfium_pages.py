"""PDF pages through PDFium (pypdfium2): each page's upright words with their boxes, and whether it is a scan.

PDFium extracts text in C, some fifteen times faster than pdfminer lays a page out in Python; the words it
gives feed the same layout repair (``layout``) as pdfplumber's. A word's box comes from the loose boxes
(font ascent to descent) of its first and last characters, so the words of one line share their top and
bottom as pdfplumber's do; a run PDFium did not break where the text jumps back or changes line is cut
there. Only this module touches pypdfium2 for text (``ocr`` renders scanned pages with it).
"""

from __future__ import annotations

import contextlib
import os
import re
import resource
import signal
import time
from collections.abc import Generator, Iterator
from multiprocessing.connection import Connection
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractor.errors import ErrorCode, PattiError
from extractor.read import pdf_limits
from extractor.read.layout import Word, clean_word

# PDFium marks a hyphen that breaks a word at the end of a line with these.
_LINE_HYPHENS = str.maketrans({"\ufffe": "-", "\x02": "-"})
_RUN = re.compile(r"\S+")
# Two characters of one word stand on one line: their loose boxes start this close in height (points).
_SAME_LINE = 2.0
# PDFium runs in a child process: a file that crashes it, exhausts this much more memory or runs this long
# ends there, and the caller reads it the slow way under pdfminer's limits.
CHILD_EXTRA_MEMORY = 1024 * 1024 * 1024
CHILD_SECONDS = 120.0
_Page = tuple[list[tuple[str, float, float, float, float]], bool]


class Unreadable(Exception):
    """PDFium could not open or read the file: the caller reads it the slow way, which names the problem."""


def _words(text_page: pdfium.PdfTextPage, height: float) -> list[Word]:
    """The upright words of one page, top-down coordinates as pdfplumber gives them."""
    text = text_page.get_text_range().translate(_LINE_HYPHENS)
    box = text_page.get_charbox
    raw_page = text_page.raw
    words: list[Word] = []

    def add(start: int, end: int, first: tuple[float, ...], last: tuple[float, ...]) -> None:
        # The lower of the two tops: an accented letter's loose box may reach above the font's ascent.
        top, bottom = height - min(first[3], last[3]), height - min(first[1], last[1])
        words.append(Word(text[start:end], first[0], last[2], top, bottom))

    for run in _RUN.finditer(text):
        start, last_index = run.start(), run.end() - 1
        if pdfium_c.FPDFText_GetCharAngle(raw_page, start) != 0.0:
            continue  # rotated text (stamps, margin notes) is not part of the reading flow
        first = box(start, loose=True)
        last = box(last_index, loose=True) if last_index != start else first
        if last[0] >= first[0] - 1 and abs(last[1] - first[1]) <= _SAME_LINE:
            add(start, run.end(), first, last)
            continue
        # The run jumps back or changes line inside: cut it where each character does.
        piece_start, piece_first, previous = start, first, first
        for index in range(start + 1, run.end()):
            current = box(index, loose=True)
            if current[0] < previous[0] - 1 or abs(current[1] - previous[1]) > _SAME_LINE:
                add(piece_start, index, piece_first, previous)
                piece_start, piece_first = index, current
            previous = current
        add(piece_start, run.end(), piece_first, previous)
    return _drawn_once(words)


def _drawn_once(words: list[Word]) -> list[Word]:
    """The words without those drawn again at the same place: fake bold, or a form that draws itself."""
    seen: set[tuple[str, int, int]] = set()
    kept = []
    for word in words:
        spot = (word.text, round(word.x0), round(word.top))
        if spot not in seen:
            seen.add(spot)
            kept.append(word)
    return kept


def _shows_image(page: pdfium.PdfPage) -> bool:
    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def page_words(source: Path | bytes, min_text_chars: int) -> Iterator[tuple[list[Word], bool]]:
    """Each page's upright words, and whether it is a scan (fewer than ``min_text_chars`` characters of text
    and an image). Raises ``Unreadable`` when PDFium cannot read the file, ``PattiError`` past a limit."""
    try:
        document = pdfium.PdfDocument(source)
    except pdfium.PdfiumError as exc:
        raise Unreadable(str(exc)) from exc
    try:
        if len(document) > pdf_limits.MAX_PAGES:
            raise PattiError(ErrorCode.PDF_TOO_COMPLEX, f"more than {pdf_limits.MAX_PAGES} pages")
        for number in range(len(document)):
            try:
                page = document[number]
                text_page = page.get_textpage()
            except pdfium.PdfiumError as exc:
                raise Unreadable(f"page {number + 1}: {exc}") from exc
            try:
                if text_page.count_chars() > pdf_limits.MAX_PAGE_CHARS:
                    detail = f"page {number + 1} draws more than {pdf_limits.MAX_PAGE_CHARS} characters"
                    raise PattiError(ErrorCode.PDF_TOO_COMPLEX, detail)
                words = _words(text_page, page.get_height())
                usable = sum(len(clean_word(w.text).replace(" ", "")) for w in words)
                scan = usable < min_text_chars and _shows_image(page)
            finally:
                text_page.close()
                page.close()
            yield words, scan
    finally:
        document.close()


def isolated_page_words(source: Path | bytes, min_text_chars: int) -> Generator[tuple[list[Word], bool], None, None]:
    """``page_words`` run in a forked child process, each page handed back as soon as it is read: a crash, a
    memory blow-up or a hang of PDFium on a hostile file raises ``Unreadable`` here instead of taking this
    process down, and ``PattiError`` comes back as raised. One page at a time crosses the pipe, so memory does
    not grow with the page count, and this process repairs a page's layout while PDFium reads the next.

    The child is forked with ``os.fork``, not ``multiprocessing``: the workers that call this are daemonic
    processes, which ``multiprocessing`` forbids to have children. ``CHILD_SECONDS`` bounds the time spent
    waiting for the child, not the time this process spends on the pages it gets.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: read, send, and leave without running anything the parent set up
        os.close(read_end)
        try:
            _child(source, min_text_chars, Connection(write_end, readable=False))
        finally:
            os._exit(0)
    os.close(write_end)
    receiver = Connection(read_end, writable=False)
    waited = 0.0
    try:
        while True:
            started = time.monotonic()
            ready = receiver.poll(max(0.0, CHILD_SECONDS - waited))
            waited += time.monotonic() - started
            if not ready:
                raise Unreadable(f"PDFium still reading after {CHILD_SECONDS:.0f} s")
            try:
                kind, payload = receiver.recv()
            except (EOFError, OSError) as exc:
                raise Unreadable(f"PDFium stopped: {exc!r}") from exc
            if kind == "done":
                return
            if kind == "error":
                code, message = payload
                raise PattiError(ErrorCode(code), message)
            if kind == "unreadable":
                raise Unreadable(payload)
            words, scan = payload
            yield [Word(*w) for w in words], scan
    finally:
        receiver.close()
        _end_child(pid)


def _end_child(pid: int) -> None:
    """Reap the child, killing it first if it is still running."""
    finished, _ = os.waitpid(pid, os.WNOHANG)
    if finished == 0:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def _child(source: Path | bytes, min_text_chars: int, sender: Connection) -> None:
    """Read the pages and send each back as it is read, then "done"; or what stopped the reading."""
    _cap_memory(CHILD_EXTRA_MEMORY)
    try:
        for words, scan in page_words(source, min_text_chars):
            page: _Page = ([(w.text, w.x0, w.x1, w.top, w.bottom) for w in words], scan)
            sender.send(("page", page))
        sender.send(("done", None))
    except PattiError as exc:
        sender.send(("error", (exc.code.value, exc.detail)))
    except BaseException as exc:  # MemoryError under the cap included: the parent reads the file another way
        sender.send(("unreadable", repr(exc)[:300]))
    finally:
        sender.close()


def _cap_memory(extra: int) -> None:
    """Let this process map at most ``extra`` bytes more than it already has, and never more than the limit it
    inherited (a worker's memory limit for its job)."""
    try:
        with Path("/proc/self/statm").open(encoding="ascii") as statm:
            mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = mapped + extra if soft == resource.RLIM_INFINITY else min(soft, mapped + extra)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (OSError, ValueError):
        pass  # without /proc the child runs uncapped, still in its own process
