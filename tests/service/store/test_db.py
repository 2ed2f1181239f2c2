"""Opening the database: schema, migrations, pragmas and the ISTAT registry."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from extractor.resolvers.comuni import registry
from service.store import db as db_module
from service.store.db import open_database, schema_version, transaction
from service.store.schema import ITEM_TABLES, MIGRATIONS


def test_creates_every_table(tmp_path: Path) -> None:
    db = open_database(tmp_path / "patti.db")
    names = set(db.table_names())
    assert {"documents", "organisations", "comuni", "search_fts", *ITEM_TABLES} <= names
    assert schema_version(db) == len(MIGRATIONS)


def test_opening_twice_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "patti.db"
    first = open_database(path)
    first.conn.execute("INSERT INTO documents (sha256, file_name, size, status) VALUES ('x', 'a.txt', 1, 'queued')")
    first.conn.close()
    second = open_database(path)
    assert schema_version(second) == len(MIGRATIONS)
    assert second.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert second.execute("SELECT count(*) FROM comuni").fetchone()[0] == len(registry())


def test_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    db = open_database(tmp_path / "patti.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    assert (tmp_path / "patti.db-wal").exists()


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    db = open_database(tmp_path / "patti.db")
    with pytest.raises(sqlite3.IntegrityError):
        db.conn.execute("INSERT INTO ambiti (document_id, position, name) VALUES (999, 0, 'x')")


def test_status_is_checked(tmp_path: Path) -> None:
    db = open_database(tmp_path / "patti.db")
    with pytest.raises(sqlite3.IntegrityError):
        db.conn.execute("INSERT INTO documents (sha256, file_name, size, status) VALUES ('x', 'a', 1, 'bogus')")


def test_comuni_registry_loaded(tmp_path: Path) -> None:
    db = open_database(tmp_path / "patti.db")
    town = registry()[0]
    row = db.execute("SELECT name, province_code, region FROM comuni WHERE istat = ?", [town.istat]).fetchone()
    assert row == (town.name, town.province_code, town.region)


def test_a_new_migration_is_applied_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "patti.db"
    open_database(path).conn.close()
    extra = ["CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"]
    monkeypatch.setattr(db_module, "MIGRATIONS", [*MIGRATIONS, extra])
    for _ in range(2):  # the second open must not re-run it (CREATE TABLE would fail)
        db = open_database(path)
        assert schema_version(db) == len(MIGRATIONS) + 1
        assert "notes" in db.table_names()
        db.conn.close()


def test_a_failing_migration_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "patti.db"
    open_database(path).conn.close()
    broken = ["CREATE TABLE half (id INTEGER)", "THIS IS NOT SQL"]
    monkeypatch.setattr(db_module, "MIGRATIONS", [*MIGRATIONS, broken])
    with pytest.raises(sqlite3.OperationalError):
        open_database(path)
    monkeypatch.setattr(db_module, "MIGRATIONS", MIGRATIONS)
    db = open_database(path)
    assert schema_version(db) == len(MIGRATIONS)
    assert "half" not in db.table_names()


def test_readers_are_not_blocked_by_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "patti.db"
    writer, reader = open_database(path), open_database(path)
    with transaction(writer) as conn:
        conn.execute("INSERT INTO documents (sha256, file_name, size, status) VALUES ('x', 'a', 1, 'queued')")
        # WAL: the reader sees the last committed state while the write is open.
        assert reader.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    assert reader.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_a_documents_search_rows_are_cleared_and_moved_through_its_index(tmp_path: Path) -> None:
    """Found by document through idx_search_fts_documents, not by reading every row of search_fts."""
    from service.store.items import clear_search_rows, move_items

    db = open_database(tmp_path / "patti.db")
    conn = db.conn
    for document_id in (1, 2):
        conn.execute(
            "INSERT INTO documents (id, sha256, file_name, size, status) VALUES (?, ?, 'a', 1, 'indexed')",
            [document_id, f"sha{document_id}"],
        )
        conn.execute("INSERT INTO search_fts (body, document_id, source) VALUES ('servizi', ?, 'text')", [document_id])
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    move_items(conn, 1, 2)
    assert conn.execute("SELECT document_id FROM search_fts ORDER BY rowid").fetchall() == [(2,), (2,)]
    clear_search_rows(conn, 2)
    assert conn.execute("SELECT count(*) FROM search_fts").fetchone()[0] == 0
    conn.set_trace_callback(None)
    on_search = [s for s in statements if s.startswith(("UPDATE search_fts", "DELETE FROM search_fts"))]
    assert len(on_search) >= 2
    for statement in on_search:  # the trace shows the statement with its parameters bound
        plan = " ".join(str(row) for row in conn.execute(f"EXPLAIN QUERY PLAN {statement}"))
        assert "idx_search_fts_documents" in plan, statement
