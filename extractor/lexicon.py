"""Loads the Italian word lists kept as data files under ``extractor/data``.

Word lists are data, not code: a user extends a recognizer by editing its
TOML file. Each loader is cached, so a list is parsed once per process.
"""

from __future__ import annotations

import gzip
import json
import re
import tomllib
from collections.abc import Collection, Mapping
from functools import cache
from importlib import resources
from typing import Any, TypeVar

T = TypeVar("T")

DATA_PACKAGE = "extractor.data"


def data_text(name: str) -> str:
    """The text of a data file shipped with the extractor."""
    return resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")


@cache
def load(name: str) -> dict[str, Any]:
    """Parse ``extractor/data/<name>.toml``."""
    return tomllib.loads(data_text(f"{name}.toml"))


@cache
def word_set(name: str) -> frozenset[str]:
    """A one-word-per-line list (``#`` starts a comment), lower-cased."""
    words = set()
    for line in data_text(name).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line.lower())
    return frozenset(words)


@cache
def italian_lemmas() -> dict[str, str]:
    """spaCy's Italian lookup table (``spacy-lookups-data``): word form to lemma; empty when not installed."""
    try:
        raw = resources.files("spacy_lookups_data").joinpath("data/it_lemma_lookup.json.gz").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    table: dict[str, str] = json.loads(gzip.decompress(raw))
    return table


def alternation(words: Collection[str]) -> str:
    """A regex alternation of literal words, longest first so prefixes never win."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in ordered)


def trie_alternation(words: Collection[str]) -> str:
    """The same language as ``alternation``, as a trie: alternatives share their prefixes.

    Python's regex engine tries the branches of a plain alternation one by one at every position; with
    hundreds of phrases that dominates a scan. A trie tries each prefix once, and its optional tails are
    greedy, so the longest phrase still wins, as in ``alternation``.
    """
    trie: dict[str, Any] = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a phrase ends here
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body


def phrase_alternation(phrases: Collection[str]) -> str:
    """Like ``alternation``, but any white space may stand between words and either apostrophe for one."""
    return alternation(phrases).replace(r"\ ", r"\s+").replace("'", "['’]")


def trie_phrase_alternation(phrases: Collection[str]) -> str:
    """``phrase_alternation`` as a trie (see ``trie_alternation``), for long lists scanned over whole texts.

    Phrases differing only in their spaces or apostrophes are one phrase. With ``re.IGNORECASE``, give
    the phrases in one letter case: a trie keeps "Asl" and "asl rm" on separate branches, and the first
    would win where the alternation lets the longer win.
    """
    normalised = frozenset(" ".join(phrase.replace("’", "'").split()) for phrase in phrases)
    return trie_alternation(normalised).replace(r"\ ", r"\s+").replace("'", "['’]")


def lookup(table: Mapping[str, T], written: str) -> T | None:
    """The value of the table's lower-case key that ``written`` spells, letter case ignored as patterns ignore it."""
    value = table.get(written.lower())
    if value is not None:
        return value
    # Patterns built from the keys match with re.IGNORECASE, which also pairs letters
    # str.lower() keeps apart ("ſ" with "s", "ı" and "İ" with "i"): every word they match must be found.
    return next((v for key, v in table.items() if re.fullmatch(re.escape(key), written, re.I)), None)
