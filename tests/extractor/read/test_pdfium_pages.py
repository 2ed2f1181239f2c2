"""PDFium's page reader: the words it gives, and its child process that a hostile file cannot take down."""

from __future__ import annotations

import io
import os
import signal
import time
from pathlib import Path

import pdfplumber
import pytest

import extractor.read.pdf as pdf_module
from extractor.errors import ErrorCode, PattiError
from extractor.read import pdfium_pages, read_bytes
from tests.fixtures.hostile import make_hostile_pdfs as hostile

PLAIN_TEXT = "verbale dell'assemblea dei sindaci"


def _lines(pdf: object) -> None:
    for n, line in enumerate(["Piano di Zona 2025–2027", "Priorità: àmbito, città, perché", "Art. 3 – Durata"]):
        pdf.drawString(72, 720 - 20 * n, line)  # type: ignore[attr-defined]


def test_words_and_boxes_are_pdfplumbers() -> None:
    """The same words as pdfplumber, in the same places (to a point), accented capitals included."""
    data = hostile.reportlab_pdf(_lines)
    ((words, scan),) = list(pdfium_pages.page_words(data, min_text_chars=20))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        expected = pdf.pages[0].extract_words()
    assert not scan
    assert [w.text for w in words] == [w["text"] for w in expected]
    for word, other in zip(words, expected, strict=True):
        assert abs(word.x0 - other["x0"]) < 1.0 and abs(word.x1 - other["x1"]) < 1.0, (word, other)
        # Heights come from different font metrics (a loose box against pdfminer's): within a quarter line.
        height = other["bottom"] - other["top"]
        assert abs(word.top - other["top"]) < height / 4 and abs(word.bottom - other["bottom"]) < height / 4


def test_the_reading_goes_through_pdfium(monkeypatch: pytest.MonkeyPatch) -> None:
    """A readable file never reaches pdfplumber."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("pdfplumber opened a file PDFium reads")

    monkeypatch.setattr(pdf_module.pdfplumber, "open", refuse)
    assert PLAIN_TEXT in read_bytes(hostile.plain()).text


@pytest.mark.parametrize("how", ["crash", "hang", "memory", "exception"])
def test_a_child_that_fails_leaves_the_file_to_pdfplumber(monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """PDFium crashing, hanging, running out of its memory or raising: the file is read the slow way, in time."""
    monkeypatch.setattr(pdfium_pages, "CHILD_SECONDS", 2.0)
    monkeypatch.setattr(pdfium_pages, "CHILD_EXTRA_MEMORY", 256 * hostile.MIB)

    def fail(source: Path | bytes, min_text_chars: int) -> object:
        if how == "crash":
            os.kill(os.getpid(), signal.SIGKILL)  # as a segmentation fault ends it, without a core dump
        if how == "hang":
            time.sleep(60)
        if how == "memory":
            return [bytearray(2048 * hostile.MIB)]
        raise ValueError("an unforeseen failure")

    monkeypatch.setattr(pdfium_pages, "page_words", fail)
    started = time.monotonic()
    assert PLAIN_TEXT in read_bytes(hostile.plain()).text
    assert time.monotonic() - started < 30


def test_a_limit_met_in_the_child_is_the_files_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A catalogue error raised while PDFium reads comes back as raised, not as a reason to read again."""

    def too_complex(source: Path | bytes, min_text_chars: int) -> object:
        raise PattiError(ErrorCode.PDF_TOO_COMPLEX, "page 1 draws more than 5 characters")

    monkeypatch.setattr(pdfium_pages, "page_words", too_complex)
    with pytest.raises(PattiError) as caught:
        read_bytes(hostile.plain())
    assert caught.value.code == ErrorCode.PDF_TOO_COMPLEX
    assert "draws more than 5 characters" in caught.value.message


def test_unreadable_files_are_named_by_pdfplumber() -> None:
    """What PDFium cannot open at all is refused with pdfminer's diagnosis, not PDFium's."""
    with pytest.raises(PattiError) as caught:
        read_bytes(hostile.no_root())
    assert caught.value.code == ErrorCode.PDF_INVALID
