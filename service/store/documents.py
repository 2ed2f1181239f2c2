"""A document's life in the store: registered and queued on upload, deleted with everything it owns."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from service.store.db import transaction
from service.store.files import file_path
from service.store.items import clear_search_rows
from service.store.jobs import enqueue, latest_job


@dataclass(frozen=True)
class Registration:
    """The outcome of registering bytes: their document, the job that extracts them, and whether they were new."""

    document_id: int
    job_id: int | None  # None: a duplicate whose extraction is already done (or failed) and is not redone
    sha256: str
    status: str  # the document's status: 'queued', 'indexed' or 'failed'
    duplicate: bool
    joined: int | None = None  # the bytes are another file of this document (``service.store.identity``)


def register_document(db: sqlite_utils.Database, sha256: str, file_name: str, size: int) -> Registration:
    """Record stored bytes as a queued document with an extraction job, in one transaction.

    The same bytes again (the sha256 is unique) give the existing document and its latest job, never a new one:
    the database constraint decides, so concurrent uploads of one file agree.
    """
    with transaction(db) as conn:
        row = conn.execute(
            "INSERT INTO documents (sha256, file_name, size, status) VALUES (?, ?, ?, 'queued') "
            "ON CONFLICT(sha256) DO NOTHING RETURNING id",
            [sha256, file_name, size],
        ).fetchone()
        if row is not None:
            document_id = int(row[0])
            return Registration(document_id, enqueue(conn, document_id), sha256, "queued", duplicate=False)
        document_id, status, joined = conn.execute(
            "SELECT id, status, content_of FROM documents WHERE sha256 = ?", [sha256]
        ).fetchone()
    job = latest_job(db, document_id)
    if status == "queued" and job is None:  # a queued document always has a job; re-create a lost one
        with transaction(db) as conn:
            return Registration(document_id, enqueue(conn, document_id), sha256, status, duplicate=True, joined=joined)
    return Registration(document_id, job["id"] if job else None, sha256, status, duplicate=True, joined=joined)


def delete_document(db: sqlite_utils.Database, data_dir: Path, document_id: int) -> bool:
    """Delete a document with its files, items, jobs and search rows, then the originals; False when unknown."""
    with transaction(db) as conn:
        if conn.execute("SELECT 1 FROM documents WHERE id = ?", [document_id]).fetchone() is None:
            return False
        # A document goes with all its files; a file of a document (its row has content_of) goes alone.
        rows = conn.execute(
            "SELECT id, sha256 FROM documents WHERE id = ? OR content_of = ? ORDER BY content_of IS NULL",
            [document_id, document_id],
        ).fetchall()
        ids = [row_id for row_id, _ in rows]
        # Versions that revised it now follow the one it revised.
        conn.execute(
            "UPDATE documents SET previous_version = (SELECT previous_version FROM documents WHERE id = ?) "
            "WHERE previous_version = ?",
            [document_id, document_id],
        )
        for row_id in ids:
            clear_search_rows(conn, row_id)
            conn.execute("DELETE FROM documents WHERE id = ?", [row_id])
    # After the commit: a crash in between leaves an orphan file (harmless, re-used on re-upload), never a
    # document row without its original.
    for _, sha256 in rows:
        file_path(data_dir, sha256).unlink(missing_ok=True)
    return True
