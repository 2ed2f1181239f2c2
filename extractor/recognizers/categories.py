"""Work-area categories: maps a label or sentence onto the EXTRACTION.md taxonomy.

The keywords live in ``data/categories.toml`` as word stems and phrases of
stems. A text scores each category by the keywords it holds; words of the
item's name (before ":" or "(") weigh more than its explanation, and an
earlier keyword breaks ties, since an area is usually named first.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from extractor.lexicon import load

STRONG = 3.0
WEAK = 1.0
# A keyword in the name of an item counts this many times one in its explanation.
HEAD_FACTOR = 3.0
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)?")


@dataclass(frozen=True)
class _Keyword:
    category: str
    stems: tuple[str, ...]
    weight: float


def normalise(text: str) -> str:
    """Lower case, no accents, apostrophes kept, hyphens and slashes as spaces."""
    text = re.sub(r"[’`]", "'", text)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _words(text: str) -> list[str]:
    # "dell'istruzione" counts as "istruzione": the elided article is dropped.
    return [w.split("'", 1)[-1] for w in _WORD.findall(normalise(text).replace("-", " ").replace("/", " "))]


@cache
def _keywords() -> dict[str, tuple[_Keyword, ...]]:
    """The keywords indexed by their first stem."""
    index: dict[str, list[_Keyword]] = {}
    for category, lists in load("categories").items():
        for key, weight in (("strong", STRONG), ("weak", WEAK)):
            for entry in lists.get(key, []):
                stems = tuple(_words(entry))
                if stems:
                    index.setdefault(stems[0], []).append(_Keyword(category, stems, weight))
    return {first: tuple(keywords) for first, keywords in index.items()}


def _stem_matches(stem: str, word: str) -> bool:
    return word == stem if len(stem) <= 3 else word.startswith(stem)


def _scores(words: list[str], factor: float, scores: dict[str, float], first: dict[str, int], base: int) -> None:
    index = _keywords()
    matches: list[tuple[int, _Keyword]] = []
    for i, word in enumerate(words):
        for length in range(1, len(word) + 1):
            for keyword in index.get(word[:length], ()):
                n = len(keyword.stems)
                span = words[i : i + n]
                if len(span) == n and all(_stem_matches(s, w) for s, w in zip(keyword.stems, span, strict=True)):
                    matches.append((i, keyword))
    # Longest phrases first so "integrazione sociosanitaria" claims its words.
    matches.sort(key=lambda m: (-len(m[1].stems), -m[1].weight, m[0]))
    used = [False] * len(words)
    for i, keyword in matches:
        n = len(keyword.stems)
        if any(used[i : i + n]):
            continue
        for j in range(i, i + n):
            used[j] = True
        scores[keyword.category] = scores.get(keyword.category, 0.0) + keyword.weight * factor
        first[keyword.category] = min(first.get(keyword.category, 10**9), base + i)


def _split_head(text: str) -> tuple[str, str]:
    """The item's name and its explanation ("Area X (a, b)" -> "Area X", "a, b")."""
    match = re.search(r"[:(]", text)
    if match is None or match.start() == 0:
        return text, ""
    return text[: match.start()], text[match.start() + 1 :]


@lru_cache(maxsize=8192)
def _ranked(text: str) -> tuple[tuple[str, float], ...]:
    head, rest = _split_head(text)
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    head_words = _words(head)
    _scores(head_words, HEAD_FACTOR, scores, first, 0)
    _scores(_words(rest), 1.0, scores, first, len(head_words))
    ranked = sorted(scores, key=lambda c: (-scores[c], first[c]))
    return tuple((c, scores[c]) for c in ranked)


def category_scores(text: str) -> dict[str, float]:
    """Each matching category's score, best first (earlier keyword first on ties)."""
    return dict(_ranked(text))


def categories_of(text: str) -> list[str]:
    """The categories ``text`` points to, most likely first (empty when none)."""
    return [category for category, _ in _ranked(text)]


def categorize(text: str) -> str | None:
    """The most likely category of ``text``, or None when no keyword matches."""
    ranked = categories_of(text)
    return ranked[0] if ranked else None
