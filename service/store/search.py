"""Full-text search over document text and commitments, matching Italian word forms."""

from __future__ import annotations

import html as _html
import json
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import snowballstemmer
import sqlite_utils

from service.store.counts import Count, count_up_to
from service.store.cursor import Order, decode, encode, key_columns, order_by, rows_after
from service.store.facets import FacetValue, facet_counts
from service.store.filters import Filters, document_conditions, where
from service.store.tags import could_be_a_tag, party_terms, tags_query

NO_FILTERS = Filters()

MAX_QUERY_CHARS = 500
MAX_TERMS = 16
_BROWSE_WORDS = 40  # words of a document's opening shown when browsing without a query
_MAX_SNIPPET_SOURCE = 200_000  # characters of a document's text searched for the snippet window
FACET_DOCUMENTS = 500
"""Facets count at most this many documents of a result: its best (or newest) ones. Counting is an index look-up
per document and facet: over all of a 50,000-document result it took 1.5 s, over 1,000 documents 17 ms."""
RANKED_PASSAGES = 2_000
"""A query matching more passages (texts and commitments) than this ranks the newest of them only, the documents
indexed last. bm25 costs the same for every match: ranking the 129,000 passages holding "servizi" among 100,000
documents took 210 ms, the newest 2,000 take 4 ms. Rarer words rank every match."""
BROWSE_ORDER: Order = (("d.date", True), ("d.id", True))  # newest first; SQLite puts NULLs last when descending
RANK_ORDER: Order = (("rank", False), ("document_id", False))
_WORD = re.compile(r"\w+")
_QUOTED_TERM = re.compile(r'"((?:[^"]|"")*)"')  # a term of ``to_match``
# Function words dropped from queries (unless nothing else is left), so "patto per il welfare" behaves.
_STOPWORDS = frozenset({
    "a", "ad", "al", "alla", "alle", "agli", "ai", "con", "da", "dal", "dalla", "dei", "del", "della", "delle",
    "degli", "di", "e", "ed", "gli", "i", "il", "in", "la", "le", "lo", "nei", "nel", "nella", "o", "per", "su",
    "sul", "sulla", "tra", "fra", "un", "una", "uno",
})  # fmt: skip


class InvalidQuery(ValueError):
    """A search query that cannot be run (empty, too long, no words)."""


@dataclass(frozen=True)
class Hit:
    """One matching document, its best rank (lower is better) and a snippet with the matches marked."""

    document_id: int
    rank: float
    snippet: str
    source: str | None = None  # where the best match is: 'text', 'commitment', or None when browsing
    item_id: int | None = None  # the commitment's id when source is 'commitment'


@dataclass(frozen=True)
class SearchPage:
    """One page of hits, how many documents match in all, the facet counts of the first ``facets_over`` of them,
    and the cursor of the next page (None on the last).

    ``count_exact`` is False when more documents match than were counted: browsing counts up to ``COUNT_LIMIT``
    (``service.store.counts``) and pages go on past it; words matching more than ``RANKED_PASSAGES`` passages list
    and count the documents of the newest ones."""

    hits: list[Hit]
    count: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    next: str | None = None
    facets_over: int = 0
    count_exact: bool = True  # False: at least ``count`` documents match
    ranked_passages: int | None = None  # the newest passages ranked, when the words are in more of them


@cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("italian")


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The search key of one word: lower-cased, stemmed (the stemmer knows accents), then accents folded."""
    return _fold(_stemmer().stemWord(word.lower()))


def stem_shadow(text: str) -> str:
    """The stemmed shadow of ``text`` that the FTS table indexes: its words' keys joined by spaces."""
    return " ".join(stem(word) for word in _WORD.findall(text))


def to_match(query: str) -> str:
    """Turn user input into a safe FTS5 expression: quoted stemmed terms joined with AND."""
    if len(query) > MAX_QUERY_CHARS:
        raise InvalidQuery(f"query longer than {MAX_QUERY_CHARS} characters")
    words = _WORD.findall(query)
    content = [w for w in words if w.lower() not in _STOPWORDS] or words
    terms = list(dict.fromkeys(stem(w) for w in content))
    if not terms:
        raise InvalidQuery("query has no words to search for")
    if len(terms) > MAX_TERMS:
        raise InvalidQuery(f"query has more than {MAX_TERMS} distinct words")
    # Keys hold only word characters, but double any quote anyway: nothing raw reaches FTS5.
    return " AND ".join('"' + term.replace('"', '""') + '"' for term in terms)


def mark(text: str, match: str, width: int = 12, html: bool = False) -> str:
    """A window of ``text`` around its first matched word, every matched word marked.

    Plain: ``[word]``. ``html=True``: the text HTML-escaped and matches in ``<mark>…</mark>``, safe to insert.
    """
    keys = set(re.findall(r'"((?:[^"]|"")*)"', match))
    words = list(_WORD.finditer(text))
    if not words:
        return ""
    escape = _html.escape if html else str
    before, after = ("<mark>", "</mark>") if html else ("[", "]")
    # Stem lazily up to the first hit: a long document is not stemmed whole for one snippet.
    first = next((i for i, m in enumerate(words) if stem(m.group()) in keys), 0)
    lo, hi = max(0, first - width // 2), min(len(words), first + width)
    parts: list[str] = []
    cursor = words[lo].start()
    for m in words[lo:hi]:
        parts.append(escape(text[cursor : m.start()]))
        parts.append(f"{before}{escape(m.group())}{after}" if stem(m.group()) in keys else escape(m.group()))
        cursor = m.end()
    snippet = " ".join("".join(parts).split())
    return ("… " if lo > 0 else "") + snippet + (" …" if hi < len(words) else "")


def _browse(
    db: sqlite_utils.Database, filters: Filters, limit: int, offset: int, key: list[Any] | None
) -> tuple[list[tuple[Any, ...]], Count, str, list[Any]]:
    """A page of the filtered documents, newest first, each ``(id, rank, source, item id, sort key...)``; how many
    there are; and the query (with its parameters) selecting the first ``FACET_DOCUMENTS`` of them."""
    conditions, params = document_conditions(filters)
    count = count_up_to(db.conn, f"SELECT 1 FROM documents d {where(conditions)}", params)
    first = f"SELECT d.id FROM documents d {where(conditions)} ORDER BY {order_by(BROWSE_ORDER)} "
    first += f"LIMIT {FACET_DOCUMENTS}"
    condition, more = rows_after(BROWSE_ORDER, key) if key is not None else ("1", [])
    rows = db.execute(
        f"SELECT d.id, NULL, NULL, NULL, {key_columns(BROWSE_ORDER)} FROM documents d "
        f"{where([*conditions, condition])} ORDER BY {order_by(BROWSE_ORDER)} LIMIT ? OFFSET ?",
        [*params, *more, limit, offset],
    ).fetchall()
    return rows, count, first, params


# bm25 weighs the words in the text only: every match has its filter terms in ``tags``.
_PASSAGE_COLUMNS = (
    "search_fts.rowid AS passage, r.c1 AS document_id, r.c2 AS source, r.c3 AS item_id, "
    "bm25(search_fts, 1.0, 0.0, 0.0, 0.0, 0.0) AS rank"
)


def searched(conn: sqlite3.Connection, match: str, filters: Filters) -> str:
    """The FTS5 expression a search runs: the words of ``match`` in the text of documents and commitments, and the
    filters that have terms in ``tags`` (``service.store.tags``).

    The words are held to the ``body`` column only when one of them could be a filter term ("y2020"): the column
    filter costs 5 ms on a search of several words at 100,000 documents.
    """
    words = f"body : ({match})" if any(map(could_be_a_tag, _QUOTED_TERM.findall(match))) else f"({match})"
    tags = tags_query(filters, party_terms(conn, filters.parties) if filters.parties else None)
    return f"{words} AND {tags}" if tags else words


def _matching_passages(conditions: list[str]) -> str:
    """The passages matching the first parameter whose documents pass ``conditions``, newest first: ``passage``,
    ``document_id``, ``source``, ``item_id`` and their bm25 ``rank``.

    bm25() is computed only for rows whose document passes the filters. The row's document, source and item come
    from idx_search_fts_rows, not from the content row that holds the whole text; CROSS JOIN keeps the matches the
    outer loop (led by the index, SQLite would run the MATCH once per row). Each row's document is checked in
    idx_documents_filters: a set of the filtered documents would be built first, 35 ms for 100,000 of them. FTS5
    reads its matches in descending rowid order, so a LIMIT stops the scan.
    """
    return f"""SELECT {_PASSAGE_COLUMNS} FROM search_fts CROSS JOIN search_fts_content r INDEXED BY idx_search_fts_rows
                   ON r.id = search_fts.rowid
               WHERE search_fts MATCH ? AND EXISTS (
                   SELECT 1 FROM documents d INDEXED BY idx_documents_filters {where(["d.id = r.c1", *conditions])})
               ORDER BY search_fts.rowid DESC"""


def _rank_matches(conn: sqlite3.Connection, match: str, filters: Filters) -> Count:
    """Fill ``temp.search_hits`` with the filtered documents matching ``match`` in the newest ``RANKED_PASSAGES``
    matching passages, each with its best rank and where that match is; returns how many documents they are (a
    lower bound of those matching when more passages match than were ranked)."""
    conditions, params = document_conditions(filters)
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS search_passages "
        "(passage INTEGER PRIMARY KEY, document_id INTEGER, source TEXT, item_id INTEGER, rank REAL NOT NULL)"
    )
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS search_hits "
        "(document_id INTEGER PRIMARY KEY, rank REAL NOT NULL, source TEXT, item_id INTEGER)"
    )
    conn.execute("CREATE INDEX IF NOT EXISTS temp.search_hits_rank ON search_hits(rank, document_id)")
    conn.execute("DELETE FROM temp.search_passages")
    conn.execute("DELETE FROM temp.search_hits")
    passages = _matching_passages(conditions)
    # One passage past the limit tells whether there are more than are ranked; it is dropped again.
    conn.execute(
        f"INSERT INTO temp.search_passages {passages} LIMIT {RANKED_PASSAGES + 1}",
        [searched(conn, match, filters), *params],
    )
    more = conn.execute("SELECT changes()").fetchone()[0] > RANKED_PASSAGES
    if more:
        conn.execute("DELETE FROM temp.search_passages WHERE passage = (SELECT min(passage) FROM temp.search_passages)")
    # The bare columns of min() come from the row holding the minimum.
    conn.execute(
        "INSERT INTO temp.search_hits (document_id, rank, source, item_id) "
        "SELECT document_id, min(rank), source, item_id FROM temp.search_passages GROUP BY document_id"
    )
    # Counting the documents of the other passages would cost as much again (9 ms for "servizi" up to 10,000
    # documents): past the ranked passages the count is the documents found, as a lower bound.
    return Count(int(conn.execute("SELECT count(*) FROM temp.search_hits").fetchone()[0]), exact=not more)


def _ranked(
    conn: sqlite3.Connection, match: str, filters: Filters, limit: int, offset: int, key: list[Any] | None
) -> tuple[list[tuple[Any, ...]], Count, str, list[Any]]:
    """A page of the documents matching ``match``, best first, in the shape of ``_browse``."""
    count = _rank_matches(conn, match, filters)
    condition, params = rows_after(RANK_ORDER, key) if key is not None else ("1", [])
    rows = conn.execute(
        f"SELECT document_id, rank, source, item_id, {key_columns(RANK_ORDER)} FROM temp.search_hits "
        f"WHERE {condition} ORDER BY {order_by(RANK_ORDER)} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    first = f"SELECT document_id FROM temp.search_hits ORDER BY {order_by(RANK_ORDER)} LIMIT {FACET_DOCUMENTS}"
    return rows, count, first, []


def _snippets(db: sqlite_utils.Database, rows: list[tuple[Any, ...]], match: str | None, html: bool) -> list[str]:
    """The snippet of each hit, from the commitment or the opening ``_MAX_SNIPPET_SOURCE`` characters it matched in."""
    texts = {
        ("commitment", item_id): text
        for item_id, text in db.execute(
            "SELECT id, text FROM commitments WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps([row[3] for row in rows if row[2] == "commitment"])],
        )
    }
    texts.update(
        (("text", document_id), text)
        for document_id, text in db.execute(
            "SELECT id, substr(text, 1, ?) FROM documents WHERE id IN (SELECT value FROM json_each(?))",
            [_MAX_SNIPPET_SOURCE, json.dumps([row[0] for row in rows if row[2] != "commitment"])],
        )
    )
    return [
        _snippet(texts.get(("commitment", row[3]) if row[2] == "commitment" else ("text", row[0])) or "", match, html)
        for row in rows
    ]


def _snippet(text: str, match: str | None, html: bool) -> str:
    if match is None:
        opening = " ".join(text.split()[:_BROWSE_WORDS])
        return _html.escape(opening) if html else opening
    return mark(text, match, html=html)


def _cursor_context(match: str | None, filters: Filters) -> str:
    """What a search cursor is bound to: the words (or browsing) and the filters."""
    return f"search|{match}|{filters!r}"


def search_documents(
    db: sqlite_utils.Database,
    query: str | None,
    filters: Filters = NO_FILTERS,
    limit: int = 20,
    offset: int = 0,
    html: bool = False,
    with_facets: bool = True,
    after: str | None = None,
) -> SearchPage:
    """One page of the documents matching every word of ``query`` (any word form) and ``filters``, best first.

    Without a query (None or blank) every filtered document matches, newest first. A query matching more than
    ``RANKED_PASSAGES`` passages lists the documents of the newest ones, best first (``SearchPage.ranked_passages``).
    ``after`` (a page's
    ``next``) starts the page after the row it names; ``offset`` then skips from there. Facets count the first
    ``FACET_DOCUMENTS`` documents of the whole result (all of them when fewer match), not the page. Raises
    ``InvalidQuery`` for input that has no words or is too long, ``InvalidCursor`` for a cursor of another listing.
    """
    match = to_match(query) if query is not None and query.strip() else None
    context = _cursor_context(match, filters)
    order = BROWSE_ORDER if match is None else RANK_ORDER
    key = decode(after, context, order) if after else None
    if match is None:
        rows, count, first, params = _browse(db, filters, limit + 1, offset, key)
    else:
        rows, count, first, params = _ranked(db.conn, match, filters, limit + 1, offset, key)
    page = rows[:limit]
    snippets = _snippets(db, page, match, html)
    hits = [
        Hit(int(row[0]), float(row[1]) if row[1] is not None else 0.0, snippet, row[2], row[3])
        for row, snippet in zip(page, snippets, strict=True)
    ]
    following = encode(context, list(page[-1][4:])) if len(rows) > limit else None
    facets = facet_counts(db.conn, first, params) if with_facets else {}
    facets_over = min(count.value, FACET_DOCUMENTS) if with_facets else 0
    capped = RANKED_PASSAGES if match is not None and not count.exact else None
    return SearchPage(hits, count.value, facets, following, facets_over, count.exact, capped)


def search(db: sqlite_utils.Database, query: str, limit: int = 20) -> list[Hit]:
    """The best ``limit`` indexed documents matching every word of ``query``, snippets in [brackets]."""
    return search_documents(db, query, limit=limit, with_facets=False).hits
