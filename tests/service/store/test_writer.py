"""Writing extractions: round trips, re-extraction, failures and all-or-nothing transactions."""

from __future__ import annotations

import hashlib

import pytest
import sqlite_utils

from models import Commitment, Extraction, Party
from service.store import items
from service.store.reader import load_extraction, page_starts
from service.store.schema import ITEM_TABLES
from service.store.search import search
from service.store.writer import save_extraction, save_failure

SHA = hashlib.sha256(b"document").hexdigest()
Extracted = tuple[Extraction, tuple[int, ...]]


def _counts(db: sqlite_utils.Database, document_id: int) -> dict[str, int]:
    tables = (*ITEM_TABLES, "search_fts")
    return {
        t: db.execute(f"SELECT count(*) FROM {t} WHERE document_id = ?", [document_id]).fetchone()[0] for t in tables
    }


@pytest.mark.parametrize("which", ["text_extraction", "pdf_extraction"])
def test_round_trip_field_by_field(db: sqlite_utils.Database, which: str, request: pytest.FixtureRequest) -> None:
    extraction, starts = request.getfixturevalue(which)
    assert extraction.commitments and extraction.parties and extraction.comuni  # a real, rich document
    document_id = save_extraction(db, SHA, extraction.source, 1234, extraction, starts)
    loaded = load_extraction(db, document_id)
    assert loaded is not None
    for field in Extraction.model_fields:
        assert getattr(loaded, field) == getattr(extraction, field), field
    assert page_starts(db, document_id) == list(starts)
    row = db.execute("SELECT status, size, sha256, year FROM documents WHERE id = ?", [document_id]).fetchone()
    assert row == ("indexed", 1234, SHA, extraction.date.year if extraction.date else None)


def test_pdf_has_pages(pdf_extraction: Extracted) -> None:
    extraction, starts = pdf_extraction
    assert starts and extraction.pages == len(starts)


def test_canonical_parties_share_one_organisation(db: sqlite_utils.Database, text_extraction: Extracted) -> None:
    extraction, _ = text_extraction
    save_extraction(db, SHA, "a.txt", 1, extraction)
    save_extraction(db, hashlib.sha256(b"other").hexdigest(), "b.txt", 1, extraction)
    canonicals = {p.canonical for p in extraction.parties if p.canonical}
    assert db.execute("SELECT count(*) FROM organisations").fetchone()[0] == len(canonicals)


def test_re_extraction_replaces_items_and_keeps_id(db: sqlite_utils.Database, text_extraction: Extracted) -> None:
    extraction, _ = text_extraction
    first = save_extraction(db, SHA, "a.txt", 1, extraction)
    smaller = extraction.model_copy(
        update={
            "parties": [Party(name="Comune di Lecco", kind="comune")],
            "commitments": [Commitment(text="Il Comune si impegna a sostenere le famiglie")],
            "comuni": [],
        }
    )
    second = save_extraction(db, SHA, "renamed.txt", 2, smaller)
    assert first == second
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    counts = _counts(db, first)
    assert counts["parties"] == 1
    assert counts["commitments"] == 1
    assert counts["document_comuni"] == 0
    assert counts["search_fts"] == 2  # the text and the one commitment
    loaded = load_extraction(db, first)
    assert loaded is not None
    assert loaded.source == "renamed.txt"
    assert loaded.parties == smaller.parties


def test_failure_inside_transaction_leaves_nothing(
    db: sqlite_utils.Database, text_extraction: Extracted, monkeypatch: pytest.MonkeyPatch
) -> None:
    extraction, _ = text_extraction

    def boom(*_args: object) -> None:
        raise RuntimeError("disk on fire")

    # The last step of the write: document row and items are already in when it fails.
    monkeypatch.setattr(items, "_index_text", boom)
    with pytest.raises(RuntimeError):
        save_extraction(db, SHA, "a.txt", 1, extraction)
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    assert all(n == 0 for n in _counts(db, 1).values())
    assert db.execute("SELECT count(*) FROM organisations").fetchone()[0] == 0
    assert not db.conn.in_transaction


def test_failed_re_extraction_keeps_previous_version(
    db: sqlite_utils.Database, text_extraction: Extracted, monkeypatch: pytest.MonkeyPatch
) -> None:
    extraction, _ = text_extraction
    document_id = save_extraction(db, SHA, "a.txt", 1, extraction)
    before = _counts(db, document_id)

    def boom(*_args: object) -> None:
        raise RuntimeError("crash")

    monkeypatch.setattr(items, "_index_text", boom)
    with pytest.raises(RuntimeError):
        save_extraction(db, SHA, "b.txt", 2, extraction.model_copy(update={"parties": []}))
    assert _counts(db, document_id) == before
    assert load_extraction(db, document_id) == extraction.model_copy(update={"source": "a.txt"})


def test_save_failure_records_error_and_drops_items(db: sqlite_utils.Database, text_extraction: Extracted) -> None:
    extraction, _ = text_extraction
    document_id = save_extraction(db, SHA, "a.txt", 1, extraction)
    assert save_failure(db, SHA, "a.txt", 1, "pdf_invalid", "not a PDF") == document_id
    row = db.execute("SELECT status, error_code, error_message FROM documents WHERE id = ?", [document_id]).fetchone()
    assert row == ("failed", "pdf_invalid", "not a PDF")
    assert all(n == 0 for n in _counts(db, document_id).values())
    assert load_extraction(db, document_id) is None
    assert search(db, "comune") == []


def test_save_failure_of_a_new_document(db: sqlite_utils.Database) -> None:
    document_id = save_failure(db, SHA, "x.pdf", 0, "empty_file", "no bytes")
    assert db.execute("SELECT status FROM documents WHERE id = ?", [document_id]).fetchone()[0] == "failed"


def test_deleting_a_document_cascades(db: sqlite_utils.Database, text_extraction: Extracted) -> None:
    extraction, _ = text_extraction
    document_id = save_extraction(db, SHA, "a.txt", 1, extraction)
    db.conn.execute("DELETE FROM documents WHERE id = ?", [document_id])
    counts = _counts(db, document_id)
    del counts["search_fts"]  # virtual tables have no foreign keys; the writer clears them itself
    assert all(n == 0 for n in counts.values())
