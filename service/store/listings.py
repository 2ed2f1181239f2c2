"""Read-only listings for the API and the CLI: documents, commitments across documents, registries with counts.

Each listing returns ``(rows, total)``: one page of plain dicts and how many rows match in all.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import sqlite_utils

from service.store.counts import count_up_to
from service.store.cursor import Order, decode, encode, key_columns, order_by, row_key, rows_after
from service.store.filters import Filters, document_conditions, where
from service.store.search import searched, to_match

DOCUMENT_COLUMNS = (
    "id",
    "sha256",
    "file_name",
    "size",
    "doc_type",
    "title",
    "date",
    "pages",
    "status",
    "error_code",
    "error_message",
    "extractor_version",
    "created_at",
    "updated_at",
    "format",
    "ocr_pages",
    "ocr_confidence",
    "signatures",
    "previous_version",
    "content_of",
)
_JSON_COLUMNS = ("ocr_pages", "ocr_confidence", "signatures")
_FILE_COLUMNS = ("id", "sha256", "file_name", "size", "format", "pages", "ocr_pages", "signatures", "created_at")
DOCUMENT_SORTS = {
    "date": "d.date IS NULL, d.date, d.id",
    "-date": "d.date IS NULL, d.date DESC, d.id DESC",
    "created": "d.id",
    "-created": "d.id DESC",
    "title": "d.title IS NULL, d.title COLLATE NOCASE, d.id",
}
COMMITMENT_ORDERS: dict[str, Order] = {
    "date": (("d.date IS NULL", False), ("d.date", False), ("c.document_id", False), ("c.position", False)),
    # Undated last: SQLite puts NULLs last when descending, and this form can follow idx_documents_listing.
    "-date": (("d.date", True), ("c.document_id", True), ("c.position", False)),
    "document": (("c.document_id", False), ("c.position", False)),
    "category": (
        ("c.category IS NULL", False), ("c.category", False), ("d.date", True), ("c.document_id", False),
        ("c.position", False),
    ),
}  # fmt: skip
COMMITMENT_SORTS = {name: order_by(order) for name, order in COMMITMENT_ORDERS.items()}
# Sorts led by the commitments' own indexes (idx_commitments_category_order, idx_commitments_document_position):
# CROSS JOIN keeps the commitments the outer loop, so a page reads them in order instead of sorting them all.
_COMMITMENTS_LEAD = frozenset({"category", "document"})


@dataclass(frozen=True)
class ItemPage:
    """One page of item rows, how many match in all (at least, when ``count_exact`` is False: ``counts``), and the
    cursor of the next page (None on the last)."""

    rows: list[dict[str, Any]]
    count: int
    next: str | None = None
    count_exact: bool = True


def dict_rows(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def ambiti_of(db: sqlite_utils.Database, document_ids: Iterable[int]) -> dict[int, list[str]]:
    """The distinct ambiti of each document, in extraction order."""
    ids = sorted(set(document_ids))
    found: dict[int, list[str]] = {i: [] for i in ids}
    if not ids:
        return found
    rows = db.execute(
        f"SELECT document_id, name FROM ambiti WHERE document_id IN ({', '.join('?' for _ in ids)}) "
        "ORDER BY document_id, position",
        ids,
    )
    for document_id, name in rows:
        if name not in found[document_id]:
            found[document_id].append(name)
    return found


def document_rows(db: sqlite_utils.Database, document_ids: list[int]) -> list[dict[str, Any]]:
    """Summary rows (``DOCUMENT_COLUMNS`` plus ``ambiti``) of the given documents, in the given order."""
    if not document_ids:
        return []
    rows = dict_rows(
        db.execute(
            f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM documents WHERE id IN ({', '.join('?' for _ in document_ids)})",
            document_ids,
        )
    )
    by_id = {row["id"]: row for row in rows}
    ambiti = ambiti_of(db, by_id)
    files = files_of(db, by_id)
    newer = next_versions(db, by_id)
    for row in rows:
        row["ambiti"] = ambiti[row["id"]]
        row["files"] = files.get(row["id"], [])
        row["next_version"] = newer.get(row["id"])
        for column in _JSON_COLUMNS:
            row[column] = json.loads(row[column])
    return [by_id[i] for i in document_ids if i in by_id]


def files_of(db: sqlite_utils.Database, document_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """The files of each document (``service.store.identity``): the one it is read from first, then by arrival."""
    ids = json.dumps(sorted(set(document_ids)))
    found: dict[int, list[dict[str, Any]]] = {i: [] for i in json.loads(ids)}
    cursor = db.execute(
        f"SELECT coalesce(content_of, id) AS document, {', '.join(_FILE_COLUMNS)} FROM documents "
        "WHERE id IN (SELECT value FROM json_each(:ids)) OR content_of IN (SELECT value FROM json_each(:ids)) "
        "ORDER BY document, content_of IS NOT NULL, id",
        {"ids": ids},
    )
    for document, *values in cursor:
        file = dict(zip(_FILE_COLUMNS, values, strict=True))
        file["ocr_pages"] = json.loads(file["ocr_pages"])
        file["signatures"] = json.loads(file["signatures"])
        file["uploaded_at"] = file.pop("created_at")
        file["read"] = file["id"] == document
        found.setdefault(document, []).append(file)
    return found


def next_versions(db: sqlite_utils.Database, document_ids: Iterable[int]) -> dict[int, int]:
    """The newest document that revises each of these, where one does."""
    ids = json.dumps(sorted(set(document_ids)))
    # CROSS JOIN: from the few ids to idx_documents_previous_version, never a scan of every document.
    rows = db.execute(
        "SELECT d.previous_version, max(d.id) FROM json_each(?) ids CROSS JOIN documents d "
        "ON d.previous_version = ids.value WHERE d.content_of IS NULL GROUP BY d.previous_version",
        [ids],
    )
    return {int(older): int(newer) for older, newer in rows}


def list_documents(
    db: sqlite_utils.Database, filters: Filters, sort: str = "-date", limit: int = 50, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    """One page of document summaries matching ``filters`` (any status when ``filters.statuses`` is empty)."""
    conditions, params = document_conditions(filters)
    total = db.execute(f"SELECT count(*) FROM documents d {where(conditions)}", params).fetchone()[0]
    ids = [
        row[0]
        for row in db.execute(
            f"SELECT d.id FROM documents d {where(conditions)} ORDER BY {DOCUMENT_SORTS[sort]} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
    ]
    return document_rows(db, ids), int(total)


def get_document(db: sqlite_utils.Database, document_id: int) -> dict[str, Any] | None:
    """The summary row of one document (any status), with its page offsets, or None.

    The id of another file of a document (``service.store.identity``) gives that document.
    """
    found = db.execute("SELECT coalesce(content_of, id) FROM documents WHERE id = ?", [document_id]).fetchone()
    rows = document_rows(db, [found[0]]) if found else []
    if not rows:
        return None
    row = rows[0]
    starts = db.execute("SELECT page_starts FROM documents WHERE id = ?", [row["id"]]).fetchone()[0]
    row["page_starts"] = json.loads(starts)
    return row


def document_counts(db: sqlite_utils.Database) -> tuple[dict[str, int], int]:
    """Documents by status, each once whatever its files, and how many files were received in all."""
    documents = dict.fromkeys(("queued", "indexed", "failed"), 0)
    documents.update(db.execute("SELECT status, count(*) FROM documents WHERE content_of IS NULL GROUP BY status"))
    files = int(db.execute("SELECT count(*) FROM documents").fetchone()[0])
    return documents, files


def commitments_page(
    db: sqlite_utils.Database,
    filters: Filters,
    query: str | None = None,
    sort: str = "-date",
    limit: int = 50,
    offset: int = 0,
    after: str | None = None,
    count_every: bool = False,
) -> ItemPage:
    """One page of commitments across the filtered documents, each with its document and provenance.

    ``filters.categories`` applies to the commitment's own category; ``query`` (any word form) to its text.
    ``after`` (a page's ``next``) starts after the row it names; the count stops at ``counts.COUNT_LIMIT`` unless
    ``count_every``.
    Raises ``InvalidQuery``, ``InvalidCursor``.
    """
    conditions, params = document_conditions(filters, with_categories=False)
    if filters.categories:
        conditions.append(f"c.category IN ({', '.join('?' for _ in filters.categories)})")
        params.extend(filters.categories)
    match = to_match(query) if query is not None and query.strip() else None
    base = f"FROM commitments c {{join}} ON d.id = c.document_id {where(conditions)}"
    if match is not None:
        # The matching commitments lead (CROSS JOIN fixes the order): led by the documents, SQLite would look each
        # match up again for every document. Their ids come from idx_search_fts_rows, not from rows with the text.
        base = (
            "FROM (SELECT r.c3 AS id FROM search_fts CROSS JOIN search_fts_content r INDEXED BY idx_search_fts_rows "
            "ON r.id = search_fts.rowid WHERE search_fts MATCH ? AND r.c2 = 'commitment') m "
            f"CROSS JOIN commitments c ON c.id = m.id {{join}} ON d.id = c.document_id {where(conditions)}"
        )
        # The category filter is the commitment's own here, not the document's: it has no term.
        params.insert(0, searched(db.conn, match, replace(filters, categories=())))
    select = (
        "c.id, c.document_id, c.position, c.actor, c.text, c.category, c.spans, c.page, "
        "d.sha256, d.file_name, d.title, d.doc_type, d.date"
    )
    context = f"commitments|{sort}|{match}|{filters!r}"
    join = "CROSS JOIN documents d" if sort in _COMMITMENTS_LEAD else "JOIN documents d"
    # The commitments holding a word are sorted in full (40,000 for a topic word at 100,000 documents): narrow rows
    # sort faster, and their documents' dates come from a covering index (58 to 39 ms).
    narrow = "commitments c" if match is not None else None
    return item_page(
        db, select, base, COMMITMENT_ORDERS[sort], params, limit, offset, after, context, join, count_every, narrow
    )


def item_page(
    db: sqlite_utils.Database,
    select: str,
    base: str,
    order: Order,
    params: list[Any],
    limit: int,
    offset: int,
    after: str | None = None,
    context: str = "",
    join: str = "JOIN documents d",
    count_every: bool = False,
    narrow: str | None = None,
    count_base: str | None = None,
) -> ItemPage:
    """One page of item rows (``SELECT {select} {base}``) with decoded spans and their documents' ambiti.

    ``base`` has ``{join}`` where the documents ``d`` are joined (``join`` for the page) and ends with a WHERE
    clause; ``context`` names the listing (order, words, filters) a cursor belongs to. The count stops at
    ``counts.COUNT_LIMIT`` unless ``count_every``. ``narrow`` ("commitments c": the items' table and alias) orders
    the items by their ids and sort keys alone, documents read from idx_documents_filters, and reads the page's
    columns after: for listings that sort many rows. ``count_base``, with the same parameters, is counted instead of
    ``base`` when another index than the order's leads a count better.
    """
    # The count reads each item's document through idx_documents_filters, in id order like the items' own
    # (document_id, …) indexes: the page walks documents newest first, which for a count is a random walk.
    filtered = "JOIN documents d INDEXED BY idx_documents_filters"
    total = count_up_to(db.conn, f"SELECT 1 {(count_base or base).format(join=filtered)}", params, count_every)
    condition, more = rows_after(order, decode(after, context, order)) if after else ("1", [])
    page = f"{key_columns(order)} {base.format(join=filtered if narrow else join)} AND {condition}"
    page = f"{page} ORDER BY {order_by(order)} LIMIT ? OFFSET ?"
    if narrow:
        alias = narrow.split()[1]
        sorted_by = ", ".join(f"p._k{i}" for i in range(len(order)))
        outer = order_by(tuple((f"p._k{i}", descending) for i, (_, descending) in enumerate(order)))
        page = (
            f"{sorted_by} FROM (SELECT {alias}.id AS _id, {page}) p CROSS JOIN {narrow} ON {alias}.id = p._id "
            f"CROSS JOIN documents d ON d.id = {alias}.document_id ORDER BY {outer}"
        )
    rows = dict_rows(db.execute(f"SELECT {select}, {page}", [*params, *more, limit + 1, offset]))
    keys = [row_key(row, order) for row in rows]
    following = encode(context, keys[limit - 1]) if len(rows) > limit else None
    rows = rows[:limit]
    ambiti = ambiti_of(db, (row["document_id"] for row in rows))
    for row in rows:
        row["spans"] = json.loads(row["spans"])
        row["ambiti"] = ambiti[row["document_id"]]
    return ItemPage(rows, total.value, following, total.exact)


def _name_filter(column: str, query: str | None) -> tuple[str, list[Any]]:
    """A case-insensitive substring condition on ``column`` (LIKE wildcards in the query taken literally)."""
    if not query or not query.strip():
        return "", []
    escaped = query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"AND {column} LIKE ? ESCAPE '\\'", [f"%{escaped}%"]


def _grouped_page(
    db: sqlite_utils.Database, select: str, base: str, order: str, params: list[Any], limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of ``SELECT {select} {base} ORDER BY {order}`` (``base`` ends in GROUP BY) and its group count."""
    total = db.execute(f"SELECT count(*) FROM (SELECT 1 {base})", params).fetchone()[0]
    rows = dict_rows(db.execute(f"SELECT {select} {base} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset]))
    return rows, int(total)


def list_parties(
    db: sqlite_utils.Database, query: str | None = None, kind: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    """Parties across indexed documents, by canonical organisation when known, with document counts."""
    name_sql, params = _name_filter("coalesce(o.name, p.name)", query)
    if kind:
        name_sql += " AND p.kind = ?"
        params.append(kind)
    rows, total = _grouped_page(
        db,
        "coalesce(o.name, min(p.name)) AS name, coalesce(o.kind, min(p.kind)) AS kind, "
        "o.id IS NOT NULL AS canonical, count(DISTINCT p.document_id) AS documents",
        "FROM parties p JOIN documents d ON d.id = p.document_id AND d.status = 'indexed' "
        f"LEFT JOIN organisations o ON o.id = p.organisation_id WHERE 1 {name_sql} "
        "GROUP BY coalesce(o.name, p.name) COLLATE NOCASE",
        "documents DESC, name",
        params,
        limit,
        offset,
    )
    for row in rows:
        row["canonical"] = bool(row["canonical"])
    return rows, total


def list_comuni(
    db: sqlite_utils.Database, query: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    """Comuni named in indexed documents, with their ISTAT data and document counts."""
    name_sql, params = _name_filter("c.name", query)
    return _grouped_page(
        db,
        "c.istat, c.name, c.province_code, c.province, c.region, count(DISTINCT dc.document_id) AS documents",
        "FROM document_comuni dc JOIN documents d ON d.id = dc.document_id AND d.status = 'indexed' "
        f"JOIN comuni c ON c.istat = dc.istat WHERE 1 {name_sql} GROUP BY c.istat",
        "documents DESC, c.name",
        params,
        limit,
        offset,
    )


def list_ambiti(
    db: sqlite_utils.Database, query: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    """Ambiti named in indexed documents, with document counts."""
    name_sql, params = _name_filter("a.name", query)
    return _grouped_page(
        db,
        "min(a.name) AS name, count(DISTINCT a.document_id) AS documents",
        "FROM ambiti a JOIN documents d ON d.id = a.document_id AND d.status = 'indexed' "
        f"WHERE 1 {name_sql} GROUP BY a.name COLLATE NOCASE",
        "documents DESC, name",
        params,
        limit,
        offset,
    )
