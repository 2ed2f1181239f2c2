"""Helpers for the worker tests: a data folder with a real database and documents queued in it."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from service.settings import Settings
from service.store.db import open_database, transaction
from service.store.files import store_file
from service.store.jobs import enqueue
from service.store.schema import ITEM_TABLES
from tests.conftest import CORPUS

TEXT_DOC = CORPUS / "dev" / "001_3d6264becc58feda.txt"
OTHER_TEXT_DOC = CORPUS / "dev" / "002_f9328953d635628e.txt"
PDF_DOC = CORPUS / "pdf" / "one_column" / "001_3d6264becc58feda.pdf"


def italian_text(size: int) -> bytes:
    """About ``size`` bytes of real Italian prose: the dev corpus repeated."""
    corpus = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((CORPUS / "dev").glob("*.txt")))
    return (corpus * (size // len(corpus.encode()) + 1)).encode()[:size].rsplit(b"\n", 1)[0]


def add_document(db: sqlite_utils.Database, data_dir: Path, content: bytes, name: str) -> tuple[int, int]:
    """Store ``content`` and queue its extraction, as an upload does; returns (document id, job id)."""
    sha256, _ = store_file(data_dir, content)
    with transaction(db) as conn:
        row = conn.execute(
            "INSERT INTO documents (sha256, file_name, size, status) VALUES (?, ?, ?, 'queued') RETURNING id",
            [sha256, name, len(content)],
        ).fetchone()
        return int(row[0]), enqueue(conn, int(row[0]))


def status(db: sqlite_utils.Database, document_id: int) -> tuple[str, str | None]:
    row = db.execute("SELECT status, error_code FROM documents WHERE id = ?", [document_id]).fetchone()
    return row[0], row[1]


def item_count(db: sqlite_utils.Database, document_id: int) -> int:
    return sum(
        db.execute(f"SELECT count(*) FROM {table} WHERE document_id = ?", [document_id]).fetchone()[0]
        for table in (*ITEM_TABLES, "search_fts")
    )


def assert_consistent(db: sqlite_utils.Database) -> None:
    """The file is sound and only indexed documents own items or search rows."""
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for table in (*ITEM_TABLES, "search_fts"):
        stray = db.execute(
            f"SELECT count(*) FROM {table} WHERE document_id NOT IN (SELECT id FROM documents WHERE status = 'indexed')"
        ).fetchone()[0]
        assert stray == 0, table


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def db(data_dir: Path) -> sqlite_utils.Database:
    return open_database(Settings(data_dir=data_dir).db_path)
