"""Content fingerprints: which texts are the same document read from different files.

The same notice arrives as a PDF (in any layout), its signed ``.p7m``, a Word draft and the
text of a web page. After reading, their texts differ only in layout: line breaks, running
headers and footers, page numbers, hyphenation, list markers, quotes and letter case. A
fingerprint keeps what survives those: the words, lower case and without accents, with
numbers of one or two digits (page numbers, list markers) and punctuation dropped, cut into
overlapping runs of ``SHINGLE_WORDS`` words. Two texts' MinHash signatures estimate the
Jaccard similarity of their runs; ``bands`` cuts a signature into the buckets of
locality-sensitive hashing, so that similar documents are found by an indexed lookup instead
of a comparison with every document stored.

The thresholds are measured on the bundled corpus (``python -m corpus.identity``): every
layout of a text scores at least ``SAME_CONTENT`` against it and keeps its words (``same_words``),
and no two different corpus documents reach ``VERSION``. Above ``SAME_CONTENT``, a text with other
words, dates or figures (``figures``) is a revision, not the same content.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np

SHINGLE_WORDS = 5
PERMUTATIONS = 128
BAND_ROWS = 4  # 32 bands of 4 rows: a pair at Jaccard 0.5 shares a band with probability 0.87, at 0.2 with 0.05
SAME_CONTENT = 0.80
"""At or above: the same content, whatever the file (one document with several files)."""
VERSION = 0.40
"""At or above, below ``SAME_CONTENT``: another version of the same document (a corrected notice)."""
# Layout changes a few words of a text (measured on the corpus: at most 3, hyphenation and header remnants).
LAYOUT_WORDS = 3
LAYOUT_SHARE = 0.002
_SEED = 19

_WORD = re.compile(r"[^\W_]+")
# Figures that say what a document fixes: amounts, years, numbers of acts and protocols, numeric dates.
_FIGURE = re.compile(r"\d[\d.,/]*\d")
_MIN_FIGURE_DIGITS = 3
# Words that layout adds or changes: page numbers, list markers, running counters.
_LAYOUT_WORD = re.compile(r"\d{1,2}|[a-z]")


@dataclass(frozen=True)
class Fingerprint:
    """A text's MinHash signature (``PERMUTATIONS`` unsigned 32-bit values)."""

    values: np.ndarray

    def similarity(self, other: Fingerprint) -> float:
        """The estimated Jaccard similarity of the two texts' word runs, 0..1."""
        return float(np.count_nonzero(self.values == other.values)) / len(self.values)

    def to_bytes(self) -> bytes:
        return self.values.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Fingerprint:
        values = np.frombuffer(data, dtype="<u4")
        if len(values) != PERMUTATIONS:
            raise ValueError(f"a fingerprint holds {PERMUTATIONS} values, not {len(values)}")
        return cls(values.astype(np.uint64))

    def bands(self) -> list[str]:
        """One bucket key per band: texts that share a key are candidates for the same content."""
        raw = self.values.astype("<u4")
        return [
            hashlib.blake2b(raw[i : i + BAND_ROWS].tobytes(), digest_size=8).hexdigest()
            for i in range(0, PERMUTATIONS, BAND_ROWS)
        ]


def content_words(text: str) -> list[str]:
    """The words of ``text`` that any layout of it keeps, lower case and without accents."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return [w for w in _WORD.findall(plain) if not _LAYOUT_WORD.fullmatch(w)]


def shingles(text: str) -> set[bytes]:
    """The overlapping runs of ``SHINGLE_WORDS`` words of ``text`` (a short text is one run)."""
    words = content_words(text)
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}


def figures(text: str) -> frozenset[str]:
    """The figures of three digits or more in ``text`` ("12.000", "2025", "15/03/2025"), separators unified.

    Two readings of one content share them whatever the layout; a revision that changes an amount, a
    year or a numeric date does not. A set, not a count: a running header repeats its figures per page.
    """
    found = (re.sub(r"[.,/]", ".", m.group()) for m in _FIGURE.finditer(text))
    return frozenset(f for f in found if sum(ch.isdigit() for ch in f) >= _MIN_FIGURE_DIGITS)


def same_words(a: str, b: str) -> bool:
    """Whether two texts use the same words, up to what layout does to a few: at most ``LAYOUT_WORDS`` plus
    ``LAYOUT_SHARE`` of their vocabulary in one and not the other, besides the pieces of a word split at a
    line end. A correction that adds, drops or changes words (a name, a phrase) is more.
    """
    words_a, words_b = set(content_words(a)), set(content_words(b))
    only_a, only_b = words_a - words_b, words_b - words_a
    # A word one reading split at a line end ("ver" + "bale") is no change of wording.
    unexplained = [w for w in only_a if not any(w in o or o in w for o in only_b)]
    unexplained += [w for w in only_b if not any(w in o or o in w for o in only_a)]
    allowed = LAYOUT_WORDS + LAYOUT_SHARE * max(len(words_a), len(words_b))
    return len(unexplained) <= allowed


def fingerprint(text: str) -> Fingerprint | None:
    """The text's fingerprint; None for a text without words (nothing to compare)."""
    runs = shingles(text)
    if not runs:
        return None
    # Imported here: datasketch's package import pulls in scipy (a third of a second), which only a
    # process that stores documents needs, once.
    from datasketch import MinHash

    signature = MinHash(num_perm=PERMUTATIONS, seed=_SEED)
    signature.update_batch(list(runs))
    return Fingerprint(signature.hashvalues.copy())
