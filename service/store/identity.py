"""Content identity in the store: the files of one content are one document, a revision is a new version.

Each ``documents`` row is one file (its sha256 is unique). After a file is extracted, its text's
fingerprint (``extractor.fingerprint``) is looked up among the stored ones through their hashing
bands, and the closest document decides what the file is:

- the same content (similarity at least ``SAME_CONTENT``, the same words, dates and figures): another file
  of that document. The group's document is its oldest row (its id never changes); that row always
  holds the best-read file of the group (text layer over OCR, then signed over unsigned) and the
  group's items; the other rows (``content_of`` set) keep only what describes their file.
- a near copy that differs (similarity at least ``VERSION``: a corrected notice, a re-issue): a
  version. The newer one (by its own date, else by arrival) names the older in ``previous_version``;
  the dated items of a document with a newer version are superseded in the deadline list and feed.
- anything else: a document of its own.

All of it runs inside the writer's transaction, so concurrent uploads of one content end as one
document: the database serialises the writes and each sees the ones before.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from extractor.fingerprint import SAME_CONTENT, VERSION, Fingerprint, figures, same_words
from service.store.corrections import move_corrections
from service.store.items import clear_items, hand_over_column, move_items

# A row's file and the reading taken from it: what moves when another file of the group reads better.
_FILE_COLUMNS = (
    "sha256", "file_name", "size", "format", "pages", "ocr_pages", "ocr_confidence", "signatures", "created_at",
    "doc_type", "title", "date", "year", "extractor_version", "text", "page_starts", "fingerprint",
)  # fmt: skip


@dataclass(frozen=True)
class Match:
    """The stored document closest to a text: its group's document id and how it relates."""

    document_id: int
    similarity: float
    relation: str  # "same" (another file of it) or "version" (a revision of it)


def record_fingerprint(conn: sqlite3.Connection, document_id: int, fp: Fingerprint | None) -> None:
    """Store a row's fingerprint and its hashing bands, replacing earlier ones."""
    conn.execute("UPDATE documents SET fingerprint = ? WHERE id = ?", [fp.to_bytes() if fp else None, document_id])
    conn.execute("DELETE FROM document_bands WHERE document_id = ?", [document_id])
    if fp is not None:
        conn.executemany(
            "INSERT OR IGNORE INTO document_bands (band, document_id) VALUES (?, ?)",
            [(f"{i}:{key}", document_id) for i, key in enumerate(fp.bands())],
        )


def reading_rank(pages: int | None, ocr_pages: str, signatures: str) -> tuple[float, int]:
    """How well a file was read, higher is better: the share of pages read from a text layer, then signed."""
    ocr = len(json.loads(ocr_pages or "[]"))
    text_share = 1.0 - ocr / pages if pages else (0.0 if ocr else 1.0)
    return round(text_share, 3), 1 if json.loads(signatures or "[]") else 0


def _rank_of(conn: sqlite3.Connection, document_id: int) -> tuple[float, int]:
    pages, ocr_pages, signatures = conn.execute(
        "SELECT pages, ocr_pages, signatures FROM documents WHERE id = ?", [document_id]
    ).fetchone()
    return reading_rank(pages, ocr_pages, signatures)


def closest(
    conn: sqlite3.Connection, document_id: int, fp: Fingerprint, dates: frozenset[tuple[str, str | None]], text: str
) -> Match | None:
    """The stored document most like ``fp`` outside ``document_id``'s own group, if any is near enough.

    ``dates`` (date and time of each dated item) and the figures of ``text`` tell the same content from a
    revision that changed a date, a time or an amount.
    """
    bands = [f"{i}:{key}" for i, key in enumerate(fp.bands())]
    # CROSS JOIN: the few documents sharing a band lead; led by the documents' status, SQLite read every indexed
    # document to probe its bands (90 ms at 100,000 documents, for each document indexed).
    rows = conn.execute(
        "SELECT DISTINCT d.id, coalesce(d.content_of, d.id), d.fingerprint FROM document_bands b "
        "CROSS JOIN documents d ON d.id = b.document_id "
        "WHERE b.band IN (SELECT value FROM json_each(?)) AND d.status = 'indexed' AND d.fingerprint IS NOT NULL "
        "AND d.id != ? AND coalesce(d.content_of, d.id) != ?",
        [json.dumps(bands), document_id, document_id],
    ).fetchall()
    best: tuple[float, int] | None = None
    for _row_id, group, stored in rows:
        similarity = fp.similarity(Fingerprint.from_bytes(stored))
        if similarity >= VERSION and (best is None or (similarity, -group) > (best[0], -best[1])):
            best = (similarity, group)
    if best is None:
        return None
    similarity, group = best
    same = similarity >= SAME_CONTENT and _same_substance(conn, group, dates, text)
    return Match(group, similarity, "same" if same else "version")


def _same_substance(
    conn: sqlite3.Connection, document_id: int, dates: frozenset[tuple[str, str | None]], text: str
) -> bool:
    """Whether a document has these dated items (date, time), the figures and the words of ``text``."""
    stored_dates = frozenset(
        (d, t) for d, t in conn.execute("SELECT date, time FROM dated_items WHERE document_id = ?", [document_id])
    )
    stored = conn.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()[0] or ""
    return stored_dates == dates and figures(stored) == figures(text) and same_words(stored, text)


def _swap_files(conn: sqlite3.Connection, a: int, b: int) -> None:
    """Exchange the files (and their readings) of rows ``a`` and ``b``; ids, groups and versions stay."""
    columns = ", ".join(_FILE_COLUMNS)
    row_a = conn.execute(f"SELECT {columns} FROM documents WHERE id = ?", [a]).fetchone()
    row_b = conn.execute(f"SELECT {columns} FROM documents WHERE id = ?", [b]).fetchone()
    # sha256 is unique: park one row's value while the other takes it.
    conn.execute("UPDATE documents SET sha256 = 'moving:' || sha256 WHERE id = ?", [a])
    assignments = ", ".join(f"{c} = ?" for c in _FILE_COLUMNS)
    conn.execute(f"UPDATE documents SET {assignments} WHERE id = ?", [*row_a, b])
    conn.execute(f"UPDATE documents SET {assignments} WHERE id = ?", [*row_b, a])
    for row_id in (a, b):
        stored = conn.execute("SELECT fingerprint FROM documents WHERE id = ?", [row_id]).fetchone()[0]
        record_fingerprint(conn, row_id, Fingerprint.from_bytes(stored) if stored else None)


def join_content(conn: sqlite3.Connection, new_id: int, group_id: int) -> tuple[int, bool]:
    """Make the freshly extracted row ``new_id`` a file of the document ``group_id`` (or the reverse).

    Returns the group's document id and whether the new row's extraction must be written under it
    (its file reads better); otherwise the group keeps the items it has.
    """
    keep, other = min(new_id, group_id), max(new_id, group_id)
    conn.execute("UPDATE documents SET content_of = ? WHERE id = ? OR content_of = ?", [keep, other, other])
    conn.execute("UPDATE documents SET content_of = NULL WHERE id = ?", [keep])
    conn.execute("UPDATE documents SET previous_version = ? WHERE previous_version = ?", [keep, other])
    hand_over_column(conn, "previous_version", other, keep)
    new_rank, group_rank = _rank_of(conn, new_id), _rank_of(conn, group_id)
    # Equally well read, the document keeps its own file: rows swap files only for a better reading.
    new_is_best = new_rank > group_rank or (new_rank == group_rank and new_id == keep)
    if (new_id if new_is_best else group_id) != keep:
        _swap_files(conn, keep, other)  # the group's document row now holds the best-read file
    if not new_is_best and group_id != keep:
        move_items(conn, group_id, keep)  # an older row re-read joins the group that holds the items
    move_corrections(conn, other, keep)  # staff corrections belong to the content, wherever its row is
    clear_items(conn, other)
    conn.execute("UPDATE documents SET text = NULL, page_starts = '[]' WHERE id = ?", [other])
    return keep, new_is_best


def link_version(conn: sqlite3.Connection, new_id: int, other_id: int) -> None:
    """Record that one of two near copies revises the other: the newer by its own date, else the later arrival."""
    dates = dict(conn.execute("SELECT id, date FROM documents WHERE id IN (?, ?)", [new_id, other_id]).fetchall())
    new_date, other_date = dates.get(new_id), dates.get(other_id)
    if new_date and other_date and new_date != other_date:
        newer, older = (new_id, other_id) if new_date > other_date else (other_id, new_id)
    else:
        newer, older = max(new_id, other_id), min(new_id, other_id)
    conn.execute("UPDATE documents SET previous_version = NULL WHERE id = ? AND previous_version = ?", [older, newer])
    conn.execute("UPDATE documents SET previous_version = ? WHERE id = ?", [older, newer])
