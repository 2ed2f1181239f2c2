"""Write one document's extraction (or failure) and all its items in a single transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

import sqlite_utils

from extractor.fingerprint import fingerprint
from models import Extraction
from service.store.corrections import over_corrections
from service.store.db import transaction
from service.store.identity import closest, join_content, link_version, record_fingerprint
from service.store.items import clear_items, described_columns, replace_items

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
        **described_columns(extraction),
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
        # Staff corrections of the document apply over every extraction of it (service.corrections).
        replace_items(conn, target, over_corrections(conn, target, extraction), extraction.text)
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
