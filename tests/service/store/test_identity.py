"""Content identity in the store: files of one content are one document, revisions are versions."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import sqlite_utils

from extractor.pipeline import extract_document
from extractor.read import read_path
from models import DatedItem, Extraction
from service.store.deadlines import DeadlineFilters, deadlines_page
from service.store.documents import delete_document
from service.store.filters import Filters
from service.store.identity import reading_rank
from service.store.listings import commitments_page, list_documents
from service.store.schema import ITEM_TABLES
from service.store.search import search_documents
from service.store.writer import save_extraction
from tests.conftest import CORPUS

NAME = "001_3d6264becc58feda"
OTHER = "003_8fd55254de6a5357"  # another document of the corpus


def _sha(label: str) -> str:
    return hashlib.sha256(label.encode()).hexdigest()


def _extract(path) -> tuple[Extraction, tuple[int, ...]]:
    document = read_path(path)
    return extract_document(document, path.name, include_text=True), document.page_starts


def _save(db: sqlite_utils.Database, label: str, extracted: tuple[Extraction, tuple[int, ...]]) -> int:
    extraction, starts = extracted
    return save_extraction(db, _sha(label), label, 100, extraction, starts)


def _documents(db: sqlite_utils.Database) -> list[dict]:
    return list_documents(db, Filters())[0]


def _item_rows(db: sqlite_utils.Database, document_id: int) -> int:
    counts = (db.execute(f"SELECT count(*) FROM {t} WHERE document_id = ?", [document_id]) for t in ITEM_TABLES)
    return sum(c.fetchone()[0] for c in counts)


def test_every_layout_of_a_text_is_one_document_with_all_files(db: sqlite_utils.Database) -> None:
    paths = [CORPUS / "dev" / f"{NAME}.txt", *sorted((CORPUS / "pdf").glob(f"*/{NAME}.pdf"))]
    assert len(paths) == 6
    ids = {_save(db, f"{p.parent.name}-{p.name}", _extract(p)) for p in paths}
    (document,) = _documents(db)
    assert ids == {document["id"]}, "every file answers with the one document"
    files = db.execute("SELECT count(*) FROM documents WHERE id = ? OR content_of = ?", [document["id"]] * 2)
    assert files.fetchone()[0] == 6
    others = [row[0] for row in db.execute("SELECT id FROM documents WHERE content_of IS NOT NULL")]
    assert all(_item_rows(db, other) == 0 for other in others), "only the document holds items"


def test_different_documents_stay_apart(db: sqlite_utils.Database) -> None:
    _save(db, "a", _extract(CORPUS / "dev" / f"{NAME}.txt"))
    _save(db, "b", _extract(CORPUS / "dev" / f"{OTHER}.txt"))
    assert len(_documents(db)) == 2
    assert db.execute("SELECT count(*) FROM documents WHERE previous_version IS NOT NULL").fetchone()[0] == 0


def test_searches_and_counts_see_a_document_once(db: sqlite_utils.Database) -> None:
    text = _extract(CORPUS / "dev" / f"{NAME}.txt")
    pdf = _extract(CORPUS / "pdf" / "two_columns" / f"{NAME}.pdf")
    _save(db, "text", text)
    _save(db, "pdf", pdf)
    total = commitments_page(db, Filters()).count
    assert total == len(text[0].commitments) > 0
    word = text[0].commitments[0].text.split()[-1].strip(".;:")
    page = search_documents(db, word)
    assert page.count == len(page.hits) == 1
    assert [f.count for f in page.facets["doc_type"]] == [1]


def test_the_better_read_file_gives_the_items(db: sqlite_utils.Database) -> None:
    extraction, starts = _extract(CORPUS / "dev" / f"{NAME}.txt")
    scanned = extraction.model_copy(
        update={"reading": extraction.reading.model_copy(update={"ocr_pages": [1], "ocr_confidence": [55.0]})}
    )
    scanned = scanned.model_copy(update={"pages": 1})
    first = save_extraction(db, _sha("scan"), "scan.pdf", 100, scanned, (0,))
    assert json.loads(db.execute("SELECT ocr_pages FROM documents WHERE id = ?", [first]).fetchone()[0]) == [1]
    second = save_extraction(db, _sha("text"), "text.txt", 100, extraction, starts)
    assert second == first, "the document keeps its id"
    row = db.execute("SELECT sha256, file_name, ocr_pages FROM documents WHERE id = ?", [first]).fetchone()
    assert row == (_sha("text"), "text.txt", "[]"), "the document row now holds the file read from its text layer"
    (other,) = [r[0] for r in db.execute("SELECT id FROM documents WHERE content_of = ?", [first])]
    assert db.execute("SELECT file_name FROM documents WHERE id = ?", [other]).fetchone()[0] == "scan.pdf"
    assert _item_rows(db, first) > 0 and _item_rows(db, other) == 0


def test_a_revised_notice_is_a_new_version_whose_date_replaces_the_old(db: sqlite_utils.Database) -> None:
    extraction, starts = _extract(CORPUS / "dev" / f"{NAME}.txt")
    old_date = dt.date(2030, 3, 15)
    old = extraction.model_copy(
        update={"dates": [DatedItem(date=old_date, kind="scadenza", text="entro il 15 marzo 2030", spans=[(0, 5)])]}
    )
    new_date = dt.date(2030, 3, 31)
    revised_text = (extraction.text or "") + "\nRettifica: la scadenza è prorogata."
    new = extraction.model_copy(
        update={
            "text": revised_text,
            "dates": [DatedItem(date=new_date, kind="scadenza", text="entro il 31 marzo 2030", spans=[(0, 5)])],
        }
    )
    first = save_extraction(db, _sha("v1"), "avviso.txt", 100, old, starts)
    second = save_extraction(db, _sha("v2"), "avviso-rettificato.txt", 100, new, starts)
    assert first != second and len(_documents(db)) == 2
    assert db.execute("SELECT previous_version FROM documents WHERE id = ?", [second]).fetchone()[0] == first
    deadlines = deadlines_page(db, Filters(), DeadlineFilters()).rows
    assert [d["date"] for d in deadlines] == [new_date.isoformat()], "the old date is superseded"


def test_deleting_a_document_deletes_its_files(db: sqlite_utils.Database, tmp_path) -> None:
    text = _extract(CORPUS / "dev" / f"{NAME}.txt")
    document = _save(db, "text", text)
    _save(db, "pdf", _extract(CORPUS / "pdf" / "one_column" / f"{NAME}.pdf"))
    assert delete_document(db, tmp_path, document)
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_reading_rank_prefers_text_layer_then_signature() -> None:
    text_layer = reading_rank(3, "[]", "[]")
    half_scanned = reading_rank(4, "[1, 2]", "[]")
    signed = reading_rank(3, "[]", '[{"subject": "X"}]')
    assert signed > text_layer > half_scanned
    assert reading_rank(None, "[]", "[]") == text_layer


def test_texts_without_words_are_never_one_content(db: sqlite_utils.Database) -> None:
    empty = Extraction(source="x", extractor_version="0", text="  12 \n 3 .  ")
    first = save_extraction(db, _sha("blank-1"), "a.pdf", 10, empty)
    second = save_extraction(db, _sha("blank-2"), "b.pdf", 10, empty)
    assert first != second, "nothing to compare: each stays a document of its own"
    assert db.execute("SELECT count(*) FROM document_bands").fetchone()[0] == 0


def test_similar_documents_are_looked_up_from_their_bands_not_from_every_document(db: sqlite_utils.Database) -> None:
    """The look-up for near-duplicates starts from the documents sharing a band: led by the documents' status,
    it read every indexed document for each one stored (90 ms at 100,000 documents)."""
    _save(db, "first", _extract(CORPUS / "dev" / f"{OTHER}.txt"))
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    _save(db, "second", _extract(CORPUS / "dev" / f"{NAME}.txt"))
    db.conn.set_trace_callback(None)
    (lookup,) = [s for s in statements if "FROM document_bands b" in s]
    plan = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {lookup}")]
    assert plan[0].startswith("SEARCH b"), plan
    assert any(step.startswith("SEARCH d USING INTEGER PRIMARY KEY") for step in plan), plan
