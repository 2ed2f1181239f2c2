"""Read a document, run every recognizer, and assemble an ``Extraction``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

from extractor import __version__
from extractor.document import Document
from extractor.nlp import analyze
from extractor.read import read_path
from extractor.recognizers.ambiti import find_ambiti
from extractor.recognizers.commitments import find_commitments
from extractor.recognizers.comuni import find_comuni
from extractor.recognizers.contacts import find_contacts
from extractor.recognizers.dates import find_dates
from extractor.recognizers.doc_type import classify_document, find_title
from extractor.recognizers.legal_refs import find_legal_refs
from extractor.recognizers.parties import find_parties
from extractor.recognizers.people import find_people
from extractor.recognizers.periods import find_periods
from extractor.recognizers.work_areas import find_work_areas
from models import Extraction, Item, Reading, SignatureInfo


def _set_pages(items: Iterable[Item], document: Document) -> None:
    for item in items:
        item.spans.sort()
        item.page = document.page_of(item.spans[0][0]) if item.spans else None


def reading_of(document: Document) -> Reading:
    """How ``document`` was read, as the extraction reports it."""
    return Reading(
        format=document.format,  # type: ignore[arg-type]
        ocr_pages=list(document.ocr_pages),
        ocr_confidence=list(document.ocr_confidence),
        signatures=[SignatureInfo(**asdict(signature)) for signature in document.signatures],
    )


def extract_document(document: Document, source: str, include_text: bool = False) -> Extraction:
    """Run every recognizer over an already read document."""
    analysis = analyze(document.text)
    dated = find_dates(analysis)
    doc_type, _confidence = classify_document(analysis)
    parties = find_parties(analysis, doc_type)
    extraction = Extraction(
        source=source,
        doc_type=doc_type,
        title=find_title(analysis),
        date=dated.document_date,
        parties=parties,
        comuni=find_comuni(analysis),
        ambiti=find_ambiti(analysis),
        dates=dated.dates,
        work_areas=find_work_areas(analysis),
        commitments=find_commitments(analysis, parties),
        legal_refs=find_legal_refs(analysis),
        contacts=find_contacts(analysis),
        people=find_people(analysis),
        periods=find_periods(analysis),
        pages=document.page_count,
        extractor_version=__version__,
        text=document.text if include_text else None,
        reading=reading_of(document),
    )
    for _, value in extraction:
        if isinstance(value, list):
            _set_pages(value, document)
    return extraction


def extract_path(path: str | Path, source: str | None = None, include_text: bool = False) -> Extraction:
    """Read ``path`` and extract it; raises ``PattiError`` when it cannot be read."""
    return extract_document(read_path(path), source or str(path), include_text)
