"""A document's extracted items and search rows as one block: dropped or handed to another document together."""

from __future__ import annotations

import sqlite3

from service.store.schema import ITEM_TABLES


def clear_items(conn: sqlite3.Connection, document_id: int) -> None:
    """Drop a document's items and search rows, so a re-extraction replaces them."""
    for table in ITEM_TABLES:
        conn.execute(f"DELETE FROM {table} WHERE document_id = ?", [document_id])
    conn.execute("DELETE FROM search_fts WHERE document_id = ?", [document_id])


def move_items(conn: sqlite3.Connection, source: int, target: int) -> None:
    """Give document ``source``'s items and search rows to document ``target``."""
    for table in ITEM_TABLES:
        conn.execute(f"UPDATE {table} SET document_id = ? WHERE document_id = ?", [target, source])
    conn.execute("UPDATE search_fts SET document_id = ? WHERE document_id = ?", [target, source])
