"""Write one document's extraction (or failure) and all its items in a single transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

import sqlite_utils

from extractor.fingerprint import fingerprint
from models import Extraction, Item
from service.store.db import transaction
from service.store.identity import closest, join_content, link_version, record_fingerprint
from service.store.items import clear_items
from service.store.search import stem_shadow

_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"


def _upsert_document(conn: sqlite3.Connection, values: dict[str, Any]) -> int:
    """Insert or update the row for ``values['sha256']``, keeping its id; returns the id."""
    columns = list(values)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "sha256")
    row = conn.execute(
        f"INSERT INTO documents ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)}) "
        f"ON CONFLICT(sha256) DO UPDATE SET {updates}, updated_at = {_NOW} RETURNING id",
        [values[c] for c in columns],
    ).fetchone()
    return int(row[0])


def _provenance(item: Item) -> list[Any]:
    return [json.dumps([list(span) for span in item.spans]), item.page]


def _insert(
    conn: sqlite3.Connection, table: str, columns: Sequence[str], document_id: int, rows: list[list[Any]]
) -> None:
    """Insert one item table's rows, numbering them in extraction order."""
    names = ["document_id", "position", "spans", "page", *columns]
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
    conn.executemany(sql, [[document_id, position, *row] for position, row in enumerate(rows)])


def _organisation_id(conn: sqlite3.Connection, name: str, kind: str) -> int:
    """The id of the canonical organisation ``name``, created on first sight with ``kind``."""
    conn.execute("INSERT INTO organisations (name, kind) VALUES (?, ?) ON CONFLICT(name) DO NOTHING", [name, kind])
    return int(conn.execute("SELECT id FROM organisations WHERE name = ?", [name]).fetchone()[0])


def _insert_items(conn: sqlite3.Connection, document_id: int, e: Extraction) -> None:
    parties = [
        [*_provenance(p), p.name, p.kind, _organisation_id(conn, p.canonical, p.kind) if p.canonical else None]
        for p in e.parties
    ]
    _insert(conn, "parties", ["name", "kind", "organisation_id"], document_id, parties)
    comuni = [[*_provenance(c), c.name, c.istat, c.surface] for c in e.comuni]
    _insert(conn, "document_comuni", ["name", "istat", "surface"], document_id, comuni)
    _insert(conn, "ambiti", ["name"], document_id, [[*_provenance(a), a.name] for a in e.ambiti])
    dates = [[*_provenance(d), d.date.isoformat(), d.time, d.kind, d.text, d.place, d.what] for d in e.dates]
    _insert(conn, "dated_items", ["date", "time", "kind", "text", "place", "what"], document_id, dates)
    areas = [[*_provenance(w), w.label, w.category] for w in e.work_areas]
    _insert(conn, "work_areas", ["label", "category"], document_id, areas)
    commitments = [[*_provenance(c), c.actor, c.text, c.category] for c in e.commitments]
    _insert(conn, "commitments", ["actor", "text", "category"], document_id, commitments)
    refs = [[*_provenance(r), r.kind, r.number, r.year, r.article, r.comma, r.text] for r in e.legal_refs]
    _insert(conn, "legal_refs", ["kind", "number", "year", "article", "comma", "text"], document_id, refs)
    contacts = [[*_provenance(c), c.kind, c.value, c.owner] for c in e.contacts]
    _insert(conn, "contacts", ["kind", "value", "owner"], document_id, contacts)
    _insert(conn, "people", ["name", "role"], document_id, [[*_provenance(p), p.name, p.role] for p in e.people])
    periods = [[*_provenance(p), p.start, p.end] for p in e.periods]
    _insert(conn, "periods", ["start", '"end"'], document_id, periods)


def _index_text(conn: sqlite3.Connection, document_id: int, text: str | None) -> None:
    """Add the stemmed shadows of the document's text and of each of its commitments."""
    if text:
        conn.execute(
            "INSERT INTO search_fts (body, document_id, source, item_id) VALUES (?, ?, 'text', NULL)",
            [stem_shadow(text), document_id],
        )
    rows = conn.execute("SELECT id, text FROM commitments WHERE document_id = ?", [document_id]).fetchall()
    conn.executemany(
        "INSERT INTO search_fts (body, document_id, source, item_id) VALUES (?, ?, 'commitment', ?)",
        [(stem_shadow(text), document_id, item_id) for item_id, text in rows],
    )


def _reading_columns(extraction: Extraction) -> dict[str, Any]:
    reading = extraction.reading
    return {
        "format": reading.format if reading else None,
        "ocr_pages": json.dumps(reading.ocr_pages if reading else []),
        "ocr_confidence": json.dumps(reading.ocr_confidence if reading else []),
        "signatures": json.dumps([s.model_dump() for s in reading.signatures] if reading else []),
    }


def save_extraction(
    db: sqlite_utils.Database,
    sha256: str,
    file_name: str,
    size: int,
    extraction: Extraction,
    page_starts: Sequence[int] = (),
) -> int:
    """Store ``extraction`` (with its text, if it carries one) as the indexed file ``sha256``; returns the id of
    its document (another document's when the content is already stored, ``service.store.identity``)."""
    with transaction(db) as conn:
        return write_extraction(conn, sha256, file_name, size, extraction, page_starts)


def write_extraction(
    conn: sqlite3.Connection,
    sha256: str,
    file_name: str,
    size: int,
    extraction: Extraction,
    page_starts: Sequence[int] = (),
) -> int:
    """``save_extraction`` inside the caller's transaction (a worker also finishes the job in it)."""
    values = {
        "sha256": sha256,
        "file_name": file_name,
        "size": size,
        "doc_type": extraction.doc_type,
        "title": extraction.title,
        "date": extraction.date.isoformat() if extraction.date else None,
        "year": extraction.date.year if extraction.date else None,
        "pages": extraction.pages,
        "status": "indexed",
        "error_code": None,
        "error_message": None,
        "extractor_version": extraction.extractor_version,
        "text": extraction.text,
        "page_starts": json.dumps(list(page_starts)),
        **_reading_columns(extraction),
    }
    document_id = _upsert_document(conn, values)
    clear_items(conn, document_id)
    target, write_items = _place_content(conn, document_id, extraction)
    if write_items:
        clear_items(conn, target)
        _insert_items(conn, target, extraction)
        _index_text(conn, target, extraction.text)
    return target


def _place_content(conn: sqlite3.Connection, document_id: int, extraction: Extraction) -> tuple[int, bool]:
    """Where the content of row ``document_id`` belongs (``service.store.identity``): the document its items go
    to, and whether this extraction is the one to write there."""
    # Re-read, a row is placed afresh: it may no longer be the same content as the group it was a file of.
    conn.execute("UPDATE documents SET content_of = NULL WHERE id = ?", [document_id])
    fp = fingerprint(extraction.text) if extraction.text else None
    record_fingerprint(conn, document_id, fp)
    if fp is None or extraction.text is None:
        return document_id, True
    dates = frozenset((d.date.isoformat(), d.time) for d in extraction.dates)
    match = closest(conn, document_id, fp, dates, extraction.text)
    if match is not None and match.relation == "same":
        return join_content(conn, document_id, match.document_id)
    if match is not None:
        link_version(conn, document_id, match.document_id)
    return document_id, True


def save_failure(
    db: sqlite_utils.Database,
    sha256: str,
    file_name: str,
    size: int,
    code: str,
    message: str,
    extractor_version: str | None = None,
) -> int:
    """Record that document ``sha256`` could not be read; any earlier items are dropped. Returns its id."""
    with transaction(db) as conn:
        return write_failure(conn, sha256, file_name, size, code, message, extractor_version)


def write_failure(
    conn: sqlite3.Connection,
    sha256: str,
    file_name: str,
    size: int,
    code: str,
    message: str,
    extractor_version: str | None = None,
) -> int:
    """``save_failure`` inside the caller's transaction."""
    values = {
        "sha256": sha256,
        "file_name": file_name,
        "size": size,
        "doc_type": None,
        "title": None,
        "date": None,
        "year": None,
        "pages": None,
        "status": "failed",
        "error_code": code,
        "error_message": message,
        "extractor_version": extractor_version,
        "text": None,
        "page_starts": "[]",
        "format": None,
        "ocr_pages": "[]",
        "ocr_confidence": "[]",
        "signatures": "[]",
    }
    document_id = _upsert_document(conn, values)
    clear_items(conn, document_id)
    return document_id
