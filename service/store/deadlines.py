"""Dated items (deadlines, events, signings) across documents, for the JSON list and the iCalendar feed."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlite_utils

from service.store.cursor import Order, order_by
from service.store.filters import Filters, document_conditions, where
from service.store.listings import ItemPage, item_page

_ROME = ZoneInfo("Europe/Rome")  # "today" for upcoming items is the day in Italy, whatever the server's zone
MAX_FEED_ITEMS = 50_000  # a calendar program chokes long before this; the feed stops here
_ORDER: Order = (
    ("t.date", False), ("t.time IS NOT NULL", False), ("t.time", False), ("t.document_id", False),
    ("t.position", False),
)  # fmt: skip
_ORDER_NEWEST: Order = tuple((expression, True) for expression, _ in _ORDER)
# The items lead (CROSS JOIN fixes the order): idx_dated_items_order is the listing's order, so a page reads its
# rows in turn rather than sorting every matching item.
_JOIN = "CROSS JOIN documents d"
FEED_COLUMNS = ("document_id", "date", "time", "kind", "text", "place", "what")
"""The values of each item in ``FeedRows.items``, in this order."""


@dataclass(frozen=True)
class DeadlineFilters:
    """What narrows the dated items themselves; document filters come as ``Filters``."""

    kinds: tuple[str, ...] = ()
    date_from: date | None = None  # the item's date, inclusive
    date_to: date | None = None


def select_deadlines(
    filters: Filters, kinds: Sequence[str] = (), documents: Sequence[int] = (), upcoming: bool = False
) -> tuple[Filters, DeadlineFilters]:
    """Split request filters into document filters and item filters; for deadlines the date range (and
    ``upcoming``: from today in Rome on) bounds the item's own date, not the document's."""
    start = filters.date_from
    if upcoming:
        today = datetime.now(_ROME).date()
        start = max(start, today) if start else today
    items = DeadlineFilters(kinds=tuple(kinds), date_from=start, date_to=filters.date_to)
    return replace(filters, date_from=None, date_to=None, documents=tuple(documents)), items


def _conditions(filters: Filters, items: DeadlineFilters, counting: bool = False) -> tuple[str, list[Any]]:
    """``FROM … WHERE …`` of the matching items and its parameters; ``{join}`` is where the documents are joined
    (see ``item_page``). ``counting``: for a count, which needs no order."""
    conditions, params = document_conditions(filters)
    # A revised document's dates replace those of the version it revises.
    conditions.append("NOT EXISTS (SELECT 1 FROM documents n WHERE n.previous_version = d.id)")
    if items.kinds:
        # "+": not idx_dated_items_kind, which would leave every matching item to sort; the order index covers kind.
        # A count has nothing to sort: led by that index it reads only the items of the kind (18 to 12 ms for the
        # deadlines at 100,000 documents).
        plus = "" if counting else "+"
        conditions.append(f"{plus}t.kind IN ({', '.join('?' for _ in items.kinds)})")
        params.extend(items.kinds)
    if items.date_from:
        conditions.append("t.date >= ?")
        params.append(items.date_from.isoformat())
    if items.date_to:
        conditions.append("t.date <= ?")
        params.append(items.date_to.isoformat())
    return f"FROM dated_items t {{join}} ON d.id = t.document_id {where(conditions)}", params


def feed_state(db: sqlite_utils.Database, filters: Filters, items: DeadlineFilters) -> tuple[int, str | None]:
    """How many items match and when their newest document changed: enough to tell a client nothing moved."""
    base, params = _conditions(filters, items)
    count, latest = db.execute(
        f"SELECT count(*), max(d.updated_at) {base.format(join='JOIN documents d')}", params
    ).fetchone()
    return int(count), latest


def deadlines_page(
    db: sqlite_utils.Database,
    filters: Filters,
    items: DeadlineFilters,
    limit: int = MAX_FEED_ITEMS,
    offset: int = 0,
    after: str | None = None,
    newest_first: bool = False,
) -> ItemPage:
    """One page of dated items by date and time, each with its document; ``after`` (a page's ``next``) starts after
    the item it names. Raises ``InvalidCursor``."""
    base, params = _conditions(filters, items)
    select = (
        "t.id, t.document_id, t.position, t.date, t.time, t.kind, t.text, t.place, t.what, t.spans, t.page, "
        "d.sha256, d.file_name, d.title, d.doc_type, d.date AS document_date, d.updated_at"
    )
    order = _ORDER_NEWEST if newest_first else _ORDER
    context = f"deadlines|{newest_first}|{filters!r}|{items!r}"
    counted, _ = _conditions(filters, items, counting=True)
    return item_page(db, select, base, order, params, limit, offset, after, context, _JOIN, count_base=counted)


@dataclass(frozen=True)
class FeedRows:
    """Dated items for the feed: tuples of ``FEED_COLUMNS`` in ``deadlines_page`` order, and their documents by id
    (``sha256``, ``file_name``, ``title``, ``updated_at``, ``ambiti``)."""

    items: list[tuple[Any, ...]]
    documents: dict[int, dict[str, Any]]


def feed_rows(
    db: sqlite_utils.Database, filters: Filters, items: DeadlineFilters, limit: int = MAX_FEED_ITEMS
) -> FeedRows:
    """The items of ``deadlines_page`` with only what the feed shows, in three queries and no count.

    Each document's columns are read once rather than on each of its items: with thousands of items, making
    Python strings and dicts per row costs more than SQLite's join and sort.
    """
    base, params = _conditions(filters, items)
    base = base.format(join=_JOIN)
    columns = ", ".join(f"t.{c}" for c in FEED_COLUMNS)
    found = db.execute(f"SELECT {columns} {base} ORDER BY {order_by(_ORDER)} LIMIT ?", [*params, limit]).fetchall()
    # The ids go as one JSON parameter: a feed may name more documents than SQLite allows parameters.
    ids = json.dumps(sorted({item[0] for item in found}))
    documents = {
        row[0]: {"sha256": row[1], "file_name": row[2], "title": row[3], "updated_at": row[4], "ambiti": []}
        for row in db.execute(
            "SELECT id, sha256, file_name, title, updated_at FROM documents "
            "WHERE id IN (SELECT value FROM json_each(?))",
            [ids],
        )
    }
    names = db.execute(
        "SELECT document_id, name FROM ambiti WHERE document_id IN (SELECT value FROM json_each(?)) "
        "ORDER BY document_id, position",
        [ids],
    )
    for document_id, name in names:  # distinct, in extraction order, as ``ambiti_of`` gives them
        if name not in (ambiti := documents[document_id]["ambiti"]):
            ambiti.append(name)
    return FeedRows(found, documents)
