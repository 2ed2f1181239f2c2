"""Fixtures of the reader tests."""

from __future__ import annotations

import pytest

from extractor.read import pdfium_pages


def read_by_pdfminer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every PDF read by pdfplumber (pdfminer), as when PDFium cannot open it."""

    def unreadable(*args: object, **kwargs: object) -> None:
        raise pdfium_pages.Unreadable("as if PDFium could not read the file")

    monkeypatch.setattr(pdfium_pages, "isolated_page_words", unreadable)


@pytest.fixture
def pdfminer_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test's PDFs go the way of the files PDFium cannot read: through pdfplumber."""
    read_by_pdfminer(monkeypatch)
