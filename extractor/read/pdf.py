"""PDF reading (provisional: plain pdfplumber text per page; layout repair to come)."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber

from extractor.document import Document


def read_pdf(source: Path | bytes) -> Document:
    handle = io.BytesIO(source) if isinstance(source, bytes) else source
    with pdfplumber.open(handle) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    return Document.from_pages(pages)
