"""The pipeline: every item traced back to its text and page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.document import Document
from extractor.pipeline import extract_document, extract_path
from extractor.read import read_path
from tests.conftest import CONTRACT_LISTS, CORPUS

MULTI_PAGE = sorted((CORPUS / "pdf" / "running_header").glob("*.pdf"))


@pytest.mark.parametrize("path", MULTI_PAGE[:8], ids=lambda p: p.stem)
def test_items_carry_the_page_of_their_first_mention(path: Path) -> None:
    document = read_path(path)
    extraction = extract_document(document, str(path))
    assert extraction.pages == len(document.page_starts) >= 2
    for field in CONTRACT_LISTS:
        for item in getattr(extraction, field):
            assert item.spans, f"{field} item without provenance"
            assert item.spans == sorted(item.spans)
            assert item.page == document.page_of(item.spans[0][0])


def test_some_items_sit_on_later_pages() -> None:
    pages = {
        item.page
        for path in MULTI_PAGE
        for field in ("dates", "contacts", "people", "legal_refs", "periods")
        for item in getattr(extract_path(path), field)
    }
    assert max(p for p in pages if p) >= 2


def test_spans_point_at_what_was_found() -> None:
    path = CORPUS / "dev" / "001_3d6264becc58feda.txt"
    extraction = extract_path(path, include_text=True)
    text = extraction.text or ""
    assert extraction.pages is None
    for contact in extraction.contacts:
        for start, end in contact.spans:
            written = text[start:end]
            if contact.kind == "phone":
                assert re.sub(r"\D", "", written) in contact.value or contact.value.endswith(written)
            else:
                assert written.lower() == contact.value
            assert contact.page is None
    for person in extraction.people:
        surname = person.name.split()[-1]
        assert all(surname in text[s:e] for s, e in person.spans)


def test_page_of_offsets() -> None:
    document = Document.from_pages(["uno", "due", "tre"])
    assert document.text == "uno\n\ndue\n\ntre"
    assert [document.page_of(i) for i in (0, 3, 5, 10, 12)] == [1, 1, 2, 3, 3]
    assert Document("testo").page_of(2) is None
