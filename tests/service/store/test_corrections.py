"""Corrections in the database: applied at once, kept over re-extractions, withdrawn, and refused cleanly."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
import sqlite_utils

from models import Extraction
from models.extraction import Party
from service.corrections.validate import InvalidCorrection
from service.store.corrections import document_corrections, record_correction, retire_correction
from service.store.db import transaction
from service.store.deadlines import DeadlineFilters, feed_rows
from service.store.filters import Filters
from service.store.reader import load_extraction
from service.store.search import search, search_documents
from service.store.writer import save_extraction, save_failure

Extracted = tuple[Extraction, tuple[int, ...]]
SHA = hashlib.sha256(b"avviso").hexdigest()


@pytest.fixture
def stored(db: sqlite_utils.Database, pdf_extraction: Extracted) -> int:
    extraction, starts = pdf_extraction
    return save_extraction(db, SHA, "avviso.pdf", 100, extraction, starts)


def _correct(db: sqlite_utils.Database, document_id: int, field: str, action: str, **kwargs: Any) -> Any:
    with transaction(db) as conn:
        return record_correction(conn, document_id, field, action, author="Anna Rossi", **kwargs)  # type: ignore[arg-type]


def _current(db: sqlite_utils.Database, document_id: int) -> Extraction:
    loaded = load_extraction(db, document_id)
    assert loaded is not None
    return loaded


def _party_names(db: sqlite_utils.Database, document_id: int) -> list[str]:
    return [p.name for p in _current(db, document_id).parties]


def test_a_corrected_party_is_stored_with_who_and_what(db: sqlite_utils.Database, stored: int) -> None:
    position = _party_names(db, stored).index("Comune di Cernusco sul Naviglio")
    record = _correct(db, stored, "parties", "edit", position=position, item={"kind": "altro"}, note="ente capofila")
    assert record.action == "edit" and record.author == "Anna Rossi" and record.note == "ente capofila"
    assert record.before["kind"] == "comune" and record.after["kind"] == "altro"
    assert record.created_at.endswith("Z") and not record.agrees and record.retired_at is None
    kinds = {p.name: p.kind for p in _current(db, stored).parties}
    assert kinds["Comune di Cernusco sul Naviglio"] == "altro"
    assert [r.id for r in document_corrections(db.conn, stored)] == [record.id]


def test_an_added_deadline_gets_its_page_and_reaches_the_feed_rows(db: sqlite_utils.Database, stored: int) -> None:
    start = 3_000  # the second page starts at 2,915
    item = {"date": "2019-11-20", "time": "09:30", "kind": "evento", "text": "incontro", "spans": [[start, start + 8]]}
    before = db.execute("SELECT updated_at FROM documents WHERE id = ?", [stored]).fetchone()[0]
    _correct(db, stored, "dates", "add", item=item)
    added = [d for d in _current(db, stored).dates if d.date.isoformat() == "2019-11-20"]
    assert [(d.time, d.kind, d.page) for d in added] == [("09:30", "evento", 2)]
    after = db.execute("SELECT updated_at FROM documents WHERE id = ?", [stored]).fetchone()[0]
    assert after > before  # the feed's ETag moves with it
    feed = feed_rows(db, Filters(), DeadlineFilters())
    assert (stored, "2019-11-20", "09:30", "evento") in [tuple(row[:4]) for row in feed.items]


def test_a_deleted_commitment_leaves_search_at_once(db: sqlite_utils.Database, stored: int) -> None:
    commitments = _current(db, stored).commitments
    target = next(i for i, c in enumerate(commitments) if c.text.startswith("Il presente avviso intende"))

    def commitments_found() -> list[str]:
        rows = db.execute(
            "SELECT body FROM search_fts WHERE search_fts MATCH ? AND source = 'commitment'", ["permett*"]
        )
        return [row[0] for row in rows]

    assert len(commitments_found()) == 1 and search(db, "permettere")
    _correct(db, stored, "commitments", "remove", position=target)
    assert len(_current(db, stored).commitments) == len(commitments) - 1
    assert commitments_found() == []
    assert [hit.source for hit in search(db, "permettere")] == ["text"]  # the text itself still says it


def test_corrections_survive_a_re_extraction_and_say_when_it_agrees(
    db: sqlite_utils.Database, stored: int, pdf_extraction: Extracted
) -> None:
    extraction, starts = pdf_extraction
    caritas = {"name": "Caritas Ambrosiana", "kind": "terzo_settore"}
    added = _correct(db, stored, "parties", "add", item=caritas)
    removed = _correct(
        db, stored, "parties", "remove", position=_party_names(db, stored).index("Comune di Cernusco sul Naviglio")
    )
    # A new extractor version extracts the document again: the corrections still hold.
    newer = extraction.model_copy(update={"extractor_version": "9.9.9"})
    save_extraction(db, SHA, "avviso.pdf", 100, newer, starts)
    assert _party_names(db, stored) == ["Assemblea dei Sindaci del Distretto 4", "Caritas Ambrosiana"]
    assert _current(db, stored).extractor_version == "9.9.9"
    assert [r.agrees for r in document_corrections(db.conn, stored)] == [False, False]
    # One that finds the Caritas and no longer the comune agrees with both corrections: they can be retired.
    better = newer.model_copy(update={"parties": [extraction.parties[0], Party(**caritas, spans=[(0, 5)])]})  # type: ignore[arg-type]
    save_extraction(db, SHA, "avviso.pdf", 100, better, starts)
    assert {r.id: r.agrees for r in document_corrections(db.conn, stored)} == {added.id: True, removed.id: True}


def test_a_withdrawn_correction_stays_in_the_history_and_its_item_comes_back(
    db: sqlite_utils.Database, stored: int
) -> None:
    names = _party_names(db, stored)
    record = _correct(db, stored, "parties", "remove", position=0)
    assert _party_names(db, stored) == names[1:]
    with transaction(db) as conn:
        retired = retire_correction(conn, stored, record.id, author="Marco Bianchi")
    assert retired is not None and retired.retired_by == "Marco Bianchi" and retired.retired_at
    assert _party_names(db, stored) == names
    assert [r.retired_by for r in document_corrections(db.conn, stored)] == ["Marco Bianchi"]
    assert document_corrections(db.conn, stored, active_only=True) == []
    # Without active corrections the extractor's own items are no longer kept twice.
    assert db.execute("SELECT extracted FROM documents WHERE id = ?", [stored]).fetchone()[0] is None
    with transaction(db) as conn:
        assert retire_correction(conn, stored, 999, author="Marco Bianchi") is None


@pytest.mark.parametrize(
    ("field", "action", "kwargs", "path"),
    [
        ("comuni", "add", {"item": {"istat": "000000"}}, "item.istat"),
        ("dates", "add", {"item": {"date": "2019-02-30", "kind": "scadenza", "text": "x"}}, "item.date"),
        ("parties", "add", {"item": {"name": "X", "kind": "partito"}}, "item.kind"),
        ("parties", "edit", {"position": 99, "item": {"kind": "altro"}}, "position"),
        ("parties", "remove", {"position": -1}, "position"),
        ("parties", "edit", {"position": 0, "item": "altro"}, "item"),
        ("parties", "edit", {"position": 0, "item": {}}, "item"),  # changes nothing
        ("sindaci", "add", {"item": {"name": "X"}}, "field"),
        ("people", "add", {"item": {"name": "Anna Rossi", "spans": [[0, 10**9]]}}, "item.spans"),
    ],
)
def test_bad_corrections_are_refused_and_change_nothing(
    db: sqlite_utils.Database, stored: int, field: str, action: str, kwargs: dict[str, Any], path: str
) -> None:
    before = _current(db, stored)
    with pytest.raises(InvalidCorrection) as refused:
        _correct(db, stored, field, action, **kwargs)
    assert refused.value.path == path
    assert _current(db, stored) == before
    assert db.execute("SELECT count(*) FROM corrections").fetchone()[0] == 0


@pytest.mark.parametrize("author", ["", "   ", None, 42, "x" * 500])
def test_a_correction_says_who_made_it(db: sqlite_utils.Database, stored: int, author: object) -> None:
    with pytest.raises(InvalidCorrection) as refused, transaction(db) as conn:
        record_correction(conn, stored, "parties", "remove", position=0, author=author)
    assert refused.value.path == "author"


def test_a_failed_document_has_nothing_to_correct(db: sqlite_utils.Database) -> None:
    failed = save_failure(db, SHA, "rotto.pdf", 10, "pdf_invalid", "broken")
    with pytest.raises(InvalidCorrection) as refused:
        _correct(db, failed, "parties", "add", item={"name": "CGIL", "kind": "sindacato"})
    assert refused.value.path == "document"


def test_corrections_go_with_their_document(db: sqlite_utils.Database, stored: int) -> None:
    _correct(db, stored, "parties", "remove", position=0)
    db.execute("DELETE FROM documents WHERE id = ?", [stored])
    assert db.execute("SELECT count(*) FROM corrections").fetchone()[0] == 0


def test_corrections_follow_their_content_when_an_older_row_turns_out_to_be_the_same(
    db: sqlite_utils.Database, pdf_extraction: Extracted
) -> None:
    extraction, starts = pdf_extraction
    older_sha = hashlib.sha256(b"bozza").hexdigest()
    draft = Extraction(source="bozza.txt", extractor_version="test", text="Una bozza del tutto diversa. " * 20)
    older = save_extraction(db, older_sha, "bozza.txt", 10, draft)
    newer = save_extraction(db, SHA, "avviso.pdf", 100, extraction, starts)
    _correct(db, newer, "parties", "add", item={"name": "Caritas Ambrosiana", "kind": "terzo_settore"})
    # The older file is read again and now gives the same content: the two rows are one document, the older id.
    joined = save_extraction(
        db, older_sha, "bozza.pdf", 10, extraction.model_copy(update={"source": "bozza.pdf"}), starts
    )
    assert joined == older
    assert [r.document_id for r in document_corrections(db.conn, older)] == [older]
    assert "Caritas Ambrosiana" in _party_names(db, older)


def test_the_document_s_type_date_and_title_are_corrected_and_outlive_a_re_extraction(
    db: sqlite_utils.Database, stored: int, pdf_extraction: Extracted
) -> None:
    record = _correct(db, stored, "document", "edit", item={"doc_type": "intesa", "date": "2019-05-02"})
    assert record.before == {"doc_type": "avviso", "date": None, "title": _current(db, stored).title}
    assert record.after["doc_type"] == "intesa" and record.after["title"] == record.before["title"]
    row = db.execute("SELECT doc_type, date, year FROM documents WHERE id = ?", [stored]).fetchone()
    assert tuple(row) == ("intesa", "2019-05-02", 2019)
    assert search_documents(db, None, Filters(doc_types=("intesa",)), with_facets=False).count == 1
    extraction, starts = pdf_extraction
    save_extraction(db, SHA, "avviso.pdf", 100, extraction.model_copy(update={"extractor_version": "9"}), starts)
    assert (_current(db, stored).doc_type, str(_current(db, stored).date)) == ("intesa", "2019-05-02")
    assert [r.agrees for r in document_corrections(db.conn, stored)] == [False]
    with transaction(db) as conn:
        retire_correction(conn, stored, record.id, author="Marco Bianchi")
    assert (_current(db, stored).doc_type, _current(db, stored).date) == ("avviso", None)


@pytest.mark.parametrize(
    ("action", "item", "path"),
    [
        ("edit", {"doc_type": "bando"}, "item.doc_type"),
        ("edit", {"date": "2019-02-30"}, "item.date"),
        ("edit", {"title": "x" * 301}, "item.title"),
        ("edit", {"colour": "red"}, "item.colour"),
        ("edit", "intesa", "item"),
        ("edit", {"doc_type": "avviso"}, "item"),  # what it already is
        ("remove", None, "action"),
        ("add", {"doc_type": "intesa"}, "action"),
    ],
)
def test_bad_corrections_of_the_document_are_refused(
    db: sqlite_utils.Database, stored: int, action: str, item: object, path: str
) -> None:
    with pytest.raises(InvalidCorrection) as refused:
        _correct(db, stored, "document", action, item=item)
    assert refused.value.path == path
    assert _current(db, stored).doc_type == "avviso"
