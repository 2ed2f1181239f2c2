"""The generated dense PDF of the reading benchmarks."""

from __future__ import annotations

import io

import pdfplumber

from bench.dense_pdf import build


def test_pages_are_filled_with_corpus_text() -> None:
    data = build(2)
    assert data == build(2), "the same bytes every time: runs read the same file"
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 2
        text = pdf.pages[1].extract_text()
    assert len(text) > 8000  # a dense page, some ten thousand characters
    assert "Comune" in text or "comune" in text
