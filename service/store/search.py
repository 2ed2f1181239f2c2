"""Full-text search over document text and commitments, matching Italian word forms."""

from __future__ import annotations

import html as _html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import snowballstemmer
import sqlite_utils

from service.store.facets import FacetValue, facet_counts
from service.store.filters import Filters, document_conditions, where

NO_FILTERS = Filters()

MAX_QUERY_CHARS = 500
MAX_TERMS = 16
_BROWSE_WORDS = 40  # words of a document's opening shown when browsing without a query
_MAX_SNIPPET_SOURCE = 200_000  # characters of a document's text searched for the snippet window
_WORD = re.compile(r"\w+")
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
    """One page of hits, how many documents match in all, and the facet counts of all of them."""

    hits: list[Hit]
    count: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)


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


def _best_matches(db: sqlite_utils.Database, match: str, filters: Filters) -> list[tuple[Any, ...]]:
    """(document id, rank, source, item id) of every filtered document matching, best first."""
    conditions, params = document_conditions(filters)
    return db.execute(
        # MATERIALIZED: bm25() cannot run inside a flattened aggregate query. The bare columns of a min()
        # aggregate come from the row holding the minimum, so source/item_id name the best-ranked row.
        f"""WITH matches AS MATERIALIZED (
                SELECT document_id, source, item_id, bm25(search_fts) AS rank
                FROM search_fts WHERE search_fts MATCH ?),
            best AS (SELECT document_id, source, item_id, min(rank) AS rank FROM matches GROUP BY document_id)
            SELECT d.id, b.rank, b.source, b.item_id FROM best b JOIN documents d ON d.id = b.document_id
            {where(conditions)} ORDER BY b.rank, d.id""",
        [match, *params],
    ).fetchall()


def _browse(db: sqlite_utils.Database, filters: Filters) -> list[tuple[Any, ...]]:
    """Every filtered document, newest first, in the shape of ``_best_matches``."""
    conditions, params = document_conditions(filters)
    return db.execute(
        f"SELECT d.id, NULL, NULL, NULL FROM documents d {where(conditions)} "
        "ORDER BY d.date IS NULL, d.date DESC, d.id DESC",
        params,
    ).fetchall()


def _snippet(db: sqlite_utils.Database, row: tuple[Any, ...], match: str | None, html: bool) -> str:
    document_id, _rank, source, item_id = row
    if source == "commitment":
        original = db.execute("SELECT text FROM commitments WHERE id = ?", [item_id]).fetchone()
    else:
        original = db.execute(
            "SELECT substr(text, 1, ?) FROM documents WHERE id = ?", [_MAX_SNIPPET_SOURCE, document_id]
        ).fetchone()
    text = (original[0] or "") if original else ""
    if match is None:
        opening = " ".join(text.split()[:_BROWSE_WORDS])
        return _html.escape(opening) if html else opening
    return mark(text, match, html=html)


def search_documents(
    db: sqlite_utils.Database,
    query: str | None,
    filters: Filters = NO_FILTERS,
    limit: int = 20,
    offset: int = 0,
    html: bool = False,
    with_facets: bool = True,
) -> SearchPage:
    """One page of the documents matching every word of ``query`` (any word form) and ``filters``, best first.

    Without a query (None or blank) every filtered document matches, newest first. Facets count the whole
    result, not the page. Raises ``InvalidQuery`` for input that has no words or is too long.
    """
    match = to_match(query) if query is not None and query.strip() else None
    rows = _browse(db, filters) if match is None else _best_matches(db, match, filters)
    hits = [
        Hit(int(row[0]), float(row[1]) if row[1] is not None else 0.0, _snippet(db, row, match, html), row[2], row[3])
        for row in rows[offset : offset + limit]
    ]
    facets = facet_counts(db.conn, [int(row[0]) for row in rows]) if with_facets else {}
    return SearchPage(hits, len(rows), facets)


def search(db: sqlite_utils.Database, query: str, limit: int = 20) -> list[Hit]:
    """The best ``limit`` indexed documents matching every word of ``query``, snippets in [brackets]."""
    return search_documents(db, query, limit=limit, with_facets=False).hits
