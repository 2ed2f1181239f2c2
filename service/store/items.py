"""A document's extracted items and search rows as one block: written, dropped or handed to another document
together."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from models import Extraction, Item
from service.store.categories import refresh_categories
from service.store.organisations import organisation_for
from service.store.schema import ITEM_TABLES
from service.store.search import stem_shadow
from service.store.tags import document_tags

# A document's rows of search_fts, found through idx_search_fts_documents: a condition on the FTS5 table's own
# document_id column would read every row of it.
_SEARCH_ROWS_OF = "rowid IN (SELECT id FROM search_fts_content WHERE c1 = ?)"


def clear_search_rows(conn: sqlite3.Connection, document_id: int) -> None:
    """Drop a document's search rows (search_fts is a virtual table: foreign keys do not cascade into it)."""
    conn.execute(f"DELETE FROM search_fts WHERE {_SEARCH_ROWS_OF}", [document_id])


def _refresh_tags(conn: sqlite3.Connection, document_id: int) -> None:
    """Make the terms of the document's search rows what its row and items now say (FTS5 indexes the rows again)."""
    conn.execute(
        f"UPDATE search_fts SET tags = {document_tags('?')} WHERE {_SEARCH_ROWS_OF}", [document_id, document_id]
    )


def _drop_items(conn: sqlite3.Connection, document_id: int) -> None:
    for table in ITEM_TABLES:
        conn.execute(f"DELETE FROM {table} WHERE document_id = ?", [document_id])
    clear_search_rows(conn, document_id)


def clear_items(conn: sqlite3.Connection, document_id: int) -> None:
    """Drop a document's items and search rows, so a re-extraction replaces them."""
    _drop_items(conn, document_id)
    refresh_categories(conn, document_id)


def move_items(conn: sqlite3.Connection, source: int, target: int) -> None:
    """Give document ``source``'s items and search rows to document ``target``."""
    for table in ITEM_TABLES:
        conn.execute(f"UPDATE {table} SET document_id = ? WHERE document_id = ?", [target, source])
    conn.execute(f"UPDATE search_fts SET document_id = ? WHERE {_SEARCH_ROWS_OF}", [target, source])
    refresh_categories(conn, source)
    refresh_categories(conn, target)
    _refresh_tags(conn, target)


def hand_over_column(conn: sqlite3.Connection, column: str, source: int, target: int) -> None:
    """Give document ``target`` the ``column`` of document ``source`` unless it has its own, and clear it on
    ``source``: what follows a content when two rows turn out to be one document."""
    conn.execute(
        f"UPDATE documents SET {column} = coalesce({column}, (SELECT {column} FROM documents WHERE id = ?)) "
        "WHERE id = ?",
        [source, target],
    )
    conn.execute(f"UPDATE documents SET {column} = NULL WHERE id = ?", [source])


def described_columns(extraction: Extraction) -> dict[str, Any]:
    """What the document's own row holds of its extraction: its type, title, date and the date's year."""
    return {
        "doc_type": extraction.doc_type,
        "title": extraction.title,
        "date": extraction.date.isoformat() if extraction.date else None,
        "year": extraction.date.year if extraction.date else None,
    }


def replace_items(conn: sqlite3.Connection, document_id: int, extraction: Extraction, text: str | None) -> None:
    """Make ``extraction``'s items, and the search rows of ``text`` and of its commitments, the document's own."""
    _drop_items(conn, document_id)
    _insert_items(conn, document_id, extraction)
    refresh_categories(conn, document_id)
    _index_text(conn, document_id, text)


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
    """The id of the canonical organisation ``name``: the one staff merged or renamed it into, if they did
    (``service.store.organisations``), else its own, created on first sight with ``kind``."""
    known = organisation_for(conn, name)
    if known is not None:
        return known
    conn.execute("INSERT INTO organisations (name, kind) VALUES (?, ?) ON CONFLICT(name) DO NOTHING", [name, kind])
    return int(conn.execute("SELECT id FROM organisations WHERE name = ?", [name]).fetchone()[0])


def _insert_items(conn: sqlite3.Connection, document_id: int, e: Extraction) -> None:
    """Insert every item of ``e`` as rows of ``document_id``, parties linked to their canonical organisation."""
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
    # The filter terms are made once from the document's row and items, which are written by now.
    tags = conn.execute(f"SELECT {document_tags('?')}", [document_id]).fetchone()[0]
    if text:
        conn.execute(
            "INSERT INTO search_fts (body, document_id, source, item_id, tags) VALUES (?, ?, 'text', NULL, ?)",
            [stem_shadow(text), document_id, tags],
        )
    rows = conn.execute("SELECT id, text FROM commitments WHERE document_id = ?", [document_id]).fetchall()
    conn.executemany(
        "INSERT INTO search_fts (body, document_id, source, item_id, tags) VALUES (?, ?, 'commitment', ?, ?)",
        [(stem_shadow(text), document_id, item_id, tags) for item_id, text in rows],
    )
