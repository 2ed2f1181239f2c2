"""Hostile and malformed PDFs: each is refused with its catalogue code, or read, in bounded time and memory.

The files are built at test time by ``tests/fixtures/hostile/make_hostile_pdfs.py``; no binary is committed.
"""

from __future__ import annotations

import signal
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from pdfminer import pdftypes
from pdfminer.lzw import lzwdecode
from pdfminer.runlength import rldecode
from pdfplumber.utils.exceptions import PdfminerException

import extractor.read.pdf as pdf_module
from extractor.errors import MESSAGES, ErrorCode, PattiError
from extractor.read import ocr, pdf_limits, read_bytes, read_path
from tests.extractor.read.conftest import read_by_pdfminer
from tests.fixtures.hostile import make_hostile_pdfs as hostile

# Wall-clock limit of one case, generous for a loaded machine: the slowest case takes a few seconds.
SECONDS = 15
# What a bomb may allocate while being refused: two copies of one stream at its limit, and change.
BOMB_PEAK = 2 * pdf_limits.MAX_STREAM_BYTES + 32 * hostile.MIB


class Overtime(BaseException):
    """Raised by the alarm: a BaseException, so that no ``except Exception`` on the way can map it to a code."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail the block with ``Overtime`` once ``seconds`` have passed: a hang ends as a failure, not a stuck run."""

    def expire(signum: int, frame: object) -> None:
        raise Overtime(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


Expected = ErrorCode | str
# Pictures of stripes: Tesseract, where it is, reads no words in them; where it is not, the scan waits for it.
BLANK_SCAN = ErrorCode.NO_TEXT_LAYER if ocr.tesseract_command() else ErrorCode.OCR_UNAVAILABLE
QUICK, SLOW, BOMB = "quick", "slow", "bomb"
# (builder, file name, expected code or a snippet of the text read, kind). Slow cases and bombs run through
# one entry point only; bombs run under tracemalloc.
CASES: list[tuple[Callable[[], bytes], str, Expected, str]] = [
    (hostile.plain, "plain.pdf", "verbale dell'assemblea dei sindaci", QUICK),
    # Recursion and nesting
    (hostile.circular_xobject, "circular.pdf", "Testo nel modulo circolare", QUICK),
    (hostile.mutually_circular_xobjects, "mutual.pdf", "Primo modulo Secondo modulo", QUICK),
    (hostile.deep_xobject_chain, "chain.pdf", ErrorCode.PDF_TOO_COMPLEX, QUICK),
    (hostile.xobject_fan_out, "fan-out.pdf", ErrorCode.PDF_TOO_COMPLEX, SLOW),
    (lambda: hostile.deep_arrays(20_000), "deep-arrays.pdf", ErrorCode.PDF_TOO_COMPLEX, SLOW),
    (lambda: hostile.deep_arrays_in_content(20_000), "deep-operand.pdf", ErrorCode.PDF_TOO_COMPLEX, QUICK),
    # Slow or huge pages
    (lambda: hostile.rotated_text(250), "rotated.pdf", "Intestazione diritta del documento", SLOW),
    (lambda: hostile.rotated_text(3000), "rotated-many.pdf", ErrorCode.PDF_TOO_COMPLEX, SLOW),
    (lambda: hostile.overprinted_text(20), "overprinted.pdf", "Riga sovrastampata numero 19 del verbale", SLOW),
    (hostile.many_chars, "many-chars.pdf", ErrorCode.PDF_TOO_COMPLEX, SLOW),
    (hostile.heavy_form_reuse, "form-reuse.pdf", ErrorCode.PDF_TOO_COMPLEX, QUICK),
    (hostile.many_pages, "many-pages.pdf", ErrorCode.PDF_TOO_COMPLEX, SLOW),
    (lambda: hostile.idle_operators(20), "idle-operators.pdf", ErrorCode.PDF_TOO_COMPLEX, QUICK),
    (hostile.tounicode_range_bomb, "tounicode.pdf", ErrorCode.PDF_TOO_COMPLEX, QUICK),
    # Decompression bombs
    (hostile.flate_bomb, "flate-bomb.pdf", ErrorCode.PDF_TOO_LARGE, BOMB),
    (hostile.flate_bomb_bad_checksum, "flate-bomb-crc.pdf", ErrorCode.PDF_TOO_LARGE, BOMB),
    (hostile.double_flate_bomb, "flate-flate-bomb.pdf", ErrorCode.PDF_TOO_LARGE, BOMB),
    (hostile.idle_operators, "idle-bomb.pdf", ErrorCode.PDF_TOO_LARGE, BOMB),
    (hostile.lzw_bomb, "lzw-bomb.pdf", ErrorCode.PDF_TOO_LARGE, BOMB),
    (hostile.runlength_bomb, "runlength-bomb.pdf", ErrorCode.PDF_TOO_LARGE, BOMB),
    (hostile.predictor_bomb, "predictor-bomb.pdf", ErrorCode.PDF_TOO_LARGE, BOMB),
    # Broken structure
    (hostile.broken_startxref, "startxref.pdf", "Le risorse del fondo sono ripartite", QUICK),
    (hostile.broken_xref, "xref.pdf", ErrorCode.PDF_INVALID, QUICK),
    (hostile.no_xref_no_trailer, "no-trailer.pdf", ErrorCode.PDF_INVALID, QUICK),
    (hostile.xref_stream_declaring_billions, "xref-billions.pdf", ErrorCode.PDF_TOO_COMPLEX, SLOW),
    (lambda: hostile.xref_stream_declaring_billions(3), "xref-stream.pdf", ErrorCode.PDF_INVALID, QUICK),
    (hostile.truncated, "truncated.pdf", ErrorCode.PDF_TRUNCATED, QUICK),
    (hostile.truncated_before_eof, "no-eof.pdf", ErrorCode.PDF_TRUNCATED, QUICK),
    (hostile.no_root, "no-root.pdf", ErrorCode.PDF_INVALID, QUICK),
    (hostile.no_pages, "no-pages.pdf", ErrorCode.PDF_INVALID, QUICK),
    (hostile.garbage_objects, "garbage.pdf", ErrorCode.PDF_INVALID, QUICK),
    # Encryption
    (hostile.encrypted_user_password, "locked.pdf", ErrorCode.PDF_ENCRYPTED, QUICK),
    (hostile.encrypted_unknown_handler, "unknown-lock.pdf", ErrorCode.PDF_ENCRYPTED, QUICK),
    (hostile.encrypted_permissions_only, "restricted.pdf", "Il Comune di Lecco è l'ente capofila.", QUICK),
    # No text, or not a PDF at all
    (hostile.image_only, "scan.pdf", BLANK_SCAN, QUICK),
    (hostile.blank_pages, "blank.pdf", ErrorCode.NO_TEXT_LAYER, QUICK),
    (hostile.invisible_text_only, "spaces.pdf", ErrorCode.NO_TEXT_LAYER, QUICK),
    (hostile.zip_bytes, "bando.pdf", ErrorCode.UNSUPPORTED_FORMAT, QUICK),
    (hostile.zip_bytes, "bando.txt", ErrorCode.UNSUPPORTED_FORMAT, QUICK),
    (hostile.zip_holding_pdf, "allegati.pdf", ErrorCode.UNSUPPORTED_FORMAT, QUICK),
    (hostile.png_bytes, "scansione.pdf", ErrorCode.UNSUPPORTED_FORMAT, QUICK),
    (hostile.png_bytes, "scansione.txt", ErrorCode.UNSUPPORTED_FORMAT, QUICK),
    (hostile.png_with_pdf_header, "immagine.pdf", ErrorCode.UNSUPPORTED_FORMAT, QUICK),
]


# Where PDFium reads what pdfminer refuses: it rebuilds a broken cross-reference table, takes a deep array
# or a reused form in its stride (in C, in a child process with its own limits). pdfminer's expectation above
# still holds when a file goes its way (PDFium unable to read it, or finding no text).
PDFIUM_READS: dict[str, str] = {
    "deep-arrays.pdf": "Testo",
    "deep-operand.pdf": "Testo prima",
    "form-reuse.pdf": "Modulo pesante",
    "xref.pdf": "verbale dell'assemblea dei sindaci",
}


def _read(data: bytes, name: str, entry: str, tmp_path: Path) -> str:
    """The text read through ``extractor.read``'s entry point ``entry``."""
    if entry == "path":
        path = tmp_path / name
        path.write_bytes(data)
        return read_path(path).text
    return read_bytes(data, name).text


def _params() -> list[Any]:
    """One test per case and entry point: files on disk for every case, bytes in memory for the quick ones;
    and each case once more read by pdfminer alone."""
    return [
        pytest.param(build, name, expected, kind, entry, id=f"{name.replace('.', '-')}-{entry}")
        for build, name, expected, kind in CASES
        for entry in ("path", "bytes", "pdfminer")
        if entry != "bytes" or kind == QUICK
    ]


@pytest.mark.parametrize(("build", "name", "expected", "kind", "entry"), _params())
def test_hostile_input(
    build: Callable[[], bytes],
    name: str,
    expected: Expected,
    kind: str,
    entry: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if entry == "pdfminer":
        read_by_pdfminer(monkeypatch)
        entry = "path"
    else:
        expected = PDFIUM_READS.get(name, expected)
    data = build()
    bomb = kind == BOMB
    if bomb:
        tracemalloc.start()
    try:
        with time_limit(SECONDS):
            if isinstance(expected, ErrorCode):
                with pytest.raises(PattiError) as caught:
                    _read(data, name, entry, tmp_path)
                assert caught.value.code == expected, caught.value.message
                assert caught.value.message.startswith(MESSAGES[expected])
            else:
                text = _read(data, name, entry, tmp_path)
                assert expected in " ".join(text.split())
    finally:
        if bomb:
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
    if bomb:
        assert peak < BOMB_PEAK, f"peak {peak >> 20} MiB"


def test_drawn_once_whatever_the_loops() -> None:
    """A form that draws itself shows its text once; overprinted lines come out once."""
    assert read_bytes(hostile.circular_xobject()).text.count("Testo nel modulo circolare") == 1
    assert read_bytes(hostile.overprinted_text(10)).text.count("numero 7 del verbale") == 1


def test_bombs_are_large() -> None:
    """The bombs' streams inflate to hundreds of mebibytes from under a mebibyte."""
    assert zlib.decompress(hostile.deflate_repeated(b"q Q\n", 3 * hostile.MIB)) == b"q Q\n" * (3 * hostile.MIB // 4)
    assert len(hostile.deflate_repeated(b" ", 512 * hostile.MIB)) < hostile.MIB
    assert len(hostile.lzw_encode_run(0x20, 512 * hostile.MIB)) < hostile.MIB
    assert 512 * hostile.MIB > 2 * BOMB_PEAK


# ---------------------------------------------------------------- limits one by one


def test_document_limit_sums_the_streams(monkeypatch: pytest.MonkeyPatch) -> None:
    """Streams each under the stream limit still count against one limit for the document."""
    monkeypatch.setattr(pdf_limits, "MAX_STREAM_BYTES", 4 * hostile.MIB)
    monkeypatch.setattr(pdf_limits, "MAX_DOCUMENT_BYTES", 10 * hostile.MIB)
    page = hostile.text_op("Pagina") + b" " * (3 * hostile.MIB)
    packed = hostile.stream(zlib.compress(page), b"/Filter /FlateDecode")
    kids = b" ".join(b"%d 0 R" % (10 + n) for n in range(5))
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [%s] /Count 5 >>" % kids,
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    for n in range(5):  # five pages, each with contents of its own
        resources = b"/Resources << /Font << /F1 4 0 R >> >>"
        objects[10 + n] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] %s /Contents %d 0 R >>" % (
            resources,
            20 + n,
        )
        objects[20 + n] = packed
    with pytest.raises(PattiError) as caught:
        read_bytes(hostile.assemble(objects))
    assert caught.value.code == ErrorCode.PDF_TOO_LARGE
    assert "in all" in caught.value.message
    # The count starts again for the next document.
    monkeypatch.setattr(pdf_limits, "MAX_DOCUMENT_BYTES", 3 * hostile.MIB + 4096)
    for _ in range(2):
        assert read_bytes(hostile.one_page(packed)).text == "Pagina"


def test_too_many_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_limits, "MAX_PAGES", 3)
    with pytest.raises(PattiError) as caught:
        read_bytes(hostile.reportlab_pdf(lambda pdf: pdf.drawString(72, 720, "Pagina"), pages=4))
    assert caught.value.code == ErrorCode.PDF_TOO_COMPLEX
    assert read_bytes(hostile.plain()).page_count == 2


@pytest.mark.usefixtures("pdfminer_only")
def test_memory_error_is_left_to_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    """Running out of memory is the process's limit, not a bad file: the worker turns it into job_memory_limit."""
    for raised in (MemoryError(), PdfminerException(MemoryError())):

        def fail(*args: object, raised: BaseException = raised, **kwargs: object) -> None:
            raise raised

        monkeypatch.setattr(pdf_module.pdfplumber, "open", fail)
        with pytest.raises(MemoryError):
            read_bytes(hostile.plain())


# ---------------------------------------------------------------- the capped decoders


def test_decoders_are_installed() -> None:
    assert pdftypes.zlib.decompress is pdf_limits._inflate
    assert pdftypes.lzwdecode is pdf_limits._lzw_decode
    assert pdftypes.rldecode is pdf_limits._runlength_decode


def test_inflate_matches_zlib() -> None:
    data = "Il piano di zona è approvato.\n".encode() * 1000
    assert pdf_limits._inflate(zlib.compress(data)) == data
    assert pdf_limits._inflate(zlib.compress(data) + b"\r\nendstream") == data  # trailing bytes are ignored
    with pytest.raises(zlib.error):
        pdf_limits._inflate(zlib.compress(data)[:-100])


def test_damaged_flate_keeps_what_pdfminer_keeps() -> None:
    """A bad checksum loses nothing; a cut stream keeps its start; damage early on fails as in pdfminer."""
    data = "Il piano di zona è approvato.\n".encode() * 1000
    packed = zlib.compress(data)
    bad_checksum = packed[:-1] + bytes([packed[-1] ^ 0xFF])
    assert pdf_limits._inflate_damaged(bad_checksum) == data
    cut = pdf_limits._inflate_damaged(packed[: len(packed) // 2])
    assert cut and data.startswith(cut)
    with pytest.raises(zlib.error):
        pdf_limits._inflate_damaged(b"\x78\x9c\xff\xff\xff\xff" + packed[6:])


def test_lzw_and_runlength_match_pdfminer() -> None:
    lzw = hostile.lzw_encode_run(0x41, 100_000)
    decoded = lzwdecode(lzw)
    assert pdf_limits._lzw_decode(lzw) == decoded
    assert len(decoded) >= 100_000 and decoded == b"A" * len(decoded)
    runs = b"\x02abc\xfdx\x00y\x80ignored"
    assert pdf_limits._runlength_decode(runs) == rldecode(runs) == b"abcxxxxy"


def test_fax_data_is_left_encoded() -> None:
    """CCITT fax streams are images: like JPEG, they are not decoded (pdfminer's decoder is unbounded)."""
    stream = pdftypes.PDFStream({"Filter": pdftypes.LITERALS_CCITTFAX_DECODE[0], "DecodeParms": {"K": -1}}, b"\x00\x01")
    assert stream.get_data() == b"\x00\x01"


def test_generator_writes_every_file(tmp_path: Path) -> None:
    start = time.perf_counter()
    assert hostile.main([str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(hostile.BUILDERS)
    assert time.perf_counter() - start < SECONDS
    assert (tmp_path / "plain.pdf").read_bytes().startswith(b"%PDF-")
