"""Full-text search over document text and commitments, matching Italian word forms."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import snowballstemmer
import sqlite_utils

MAX_QUERY_CHARS = 500
MAX_TERMS = 16
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
    """One matching document, its best rank (lower is better) and a snippet with matches in [brackets]."""

    document_id: int
    rank: float
    snippet: str


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


def mark(text: str, match: str, width: int = 12) -> str:
    """A window of ``text`` around its first matched word, every matched word in [brackets]."""
    keys = set(re.findall(r'"((?:[^"]|"")*)"', match))
    words = list(_WORD.finditer(text))
    if not words:
        return ""
    # Stem lazily up to the first hit: a long document is not stemmed whole for one snippet.
    first = next((i for i, m in enumerate(words) if stem(m.group()) in keys), 0)
    lo, hi = max(0, first - width // 2), min(len(words), first + width)
    parts: list[str] = []
    cursor = words[lo].start()
    for m in words[lo:hi]:
        parts.append(text[cursor : m.start()])
        parts.append(f"[{m.group()}]" if stem(m.group()) in keys else m.group())
        cursor = m.end()
    snippet = " ".join("".join(parts).split())
    return ("… " if lo > 0 else "") + snippet + (" …" if hi < len(words) else "")


def search(db: sqlite_utils.Database, query: str, limit: int = 20) -> list[Hit]:
    """Documents matching every word of ``query`` in their text or in one commitment, best first."""
    match = to_match(query)
    rows = db.execute(
        # MATERIALIZED: bm25() cannot run inside a flattened aggregate query.
        """WITH matches AS MATERIALIZED (
               SELECT document_id, source, item_id, bm25(search_fts) AS rank
               FROM search_fts WHERE search_fts MATCH ?)
           SELECT document_id, source, item_id, min(rank) AS best
           FROM matches GROUP BY document_id ORDER BY best LIMIT ?""",
        [match, limit],
    ).fetchall()
    hits = []
    for document_id, source, item_id, rank in rows:
        if source == "commitment":
            original = db.execute("SELECT text FROM commitments WHERE id = ?", [item_id]).fetchone()
        else:
            original = db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()
        hits.append(Hit(int(document_id), float(rank), mark(original[0] or "", match) if original else ""))
    return hits
