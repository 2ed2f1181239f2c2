"""Read a stored document back as the ``Extraction`` it was saved from."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import sqlite_utils

from models import Extraction


def _items(conn: sqlite3.Connection, sql: str, document_id: int) -> list[dict[str, Any]]:
    """Rows of one item table in extraction order, ``spans`` decoded."""
    cursor = conn.execute(f"{sql} WHERE t.document_id = ? ORDER BY t.position", [document_id])
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        row["spans"] = json.loads(row["spans"])
    return rows


def load_extraction(db: sqlite_utils.Database, document_id: int) -> Extraction | None:
    """The indexed document ``document_id`` as an ``Extraction`` (``source`` is its file name), or None."""
    conn = db.conn
    cursor = conn.execute("SELECT * FROM documents WHERE id = ? AND status = 'indexed'", [document_id])
    row = cursor.fetchone()
    if row is None:
        return None
    doc = dict(zip([d[0] for d in cursor.description], row, strict=True))
    base = "SELECT t.spans, t.page"
    return Extraction.model_validate(
        {
            "source": doc["file_name"],
            "doc_type": doc["doc_type"],
            "title": doc["title"],
            "date": doc["date"],
            "parties": _items(
                conn,
                f"{base}, t.name, t.kind, o.name AS canonical FROM parties t "
                "LEFT JOIN organisations o ON o.id = t.organisation_id",
                document_id,
            ),
            "comuni": _items(conn, f"{base}, t.name, t.istat, t.surface FROM document_comuni t", document_id),
            "ambiti": _items(conn, f"{base}, t.name FROM ambiti t", document_id),
            "dates": _items(
                conn, f"{base}, t.date, t.time, t.kind, t.text, t.place, t.what FROM dated_items t", document_id
            ),
            "work_areas": _items(conn, f"{base}, t.label, t.category FROM work_areas t", document_id),
            "commitments": _items(conn, f"{base}, t.actor, t.text, t.category FROM commitments t", document_id),
            "legal_refs": _items(
                conn, f"{base}, t.kind, t.number, t.year, t.article, t.comma, t.text FROM legal_refs t", document_id
            ),
            "contacts": _items(conn, f"{base}, t.kind, t.value, t.owner FROM contacts t", document_id),
            "people": _items(conn, f"{base}, t.name, t.role FROM people t", document_id),
            "periods": _items(conn, f'{base}, t.start, t."end" AS "end" FROM periods t', document_id),
            "pages": doc["pages"],
            "extractor_version": doc["extractor_version"],
            "text": doc["text"],
            "reading": {
                "format": doc["format"],
                "ocr_pages": json.loads(doc["ocr_pages"]),
                "ocr_confidence": json.loads(doc["ocr_confidence"]),
                "signatures": json.loads(doc["signatures"]),
            }
            if doc["format"]
            else None,  # indexed before formats were recorded
        }
    )


def page_starts(db: sqlite_utils.Database, document_id: int) -> list[int]:
    """The stored page offsets of ``document_id`` (empty for plain text or an unknown id)."""
    row = db.execute("SELECT page_starts FROM documents WHERE id = ?", [document_id]).fetchone()
    return list(json.loads(row[0])) if row else []
