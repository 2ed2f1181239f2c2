"""Properties of word-list lookups: a word a pattern built from a list matches is found in that list."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractor.lexicon import alternation, load, lookup, phrase_alternation, trie_alternation, trie_phrase_alternation

# Reproducible in CI: fixed seed, no example database.
PROPERTY = settings(derandomize=True, database=None, deadline=None, max_examples=200)

CALENDAR = load("dates")
# Each word list of the calendar as a table from lower-case word to value.
TABLES = {
    "months": {form: int(n) for n, forms in CALENDAR["months"].items() for form in forms},
    "relative_days": CALENDAR["relative_days"],
    "number_words": CALENDAR["number_words"],
    "holidays": CALENDAR["holidays"],
}
# Letters re.IGNORECASE takes for these beside upper and lower case, though str.lower() keeps them apart.
TWINS = {"s": "ſS", "i": "ıİI", "k": "\u212aK"}


@st.composite
def spellings(draw: st.DrawFn) -> tuple[dict[str, object], str, str]:
    """A table, one of its words, and that word spelt in any letters the patterns take for its own."""
    table = TABLES[draw(st.sampled_from(sorted(TABLES)))]
    word = draw(st.sampled_from(sorted(table)))
    spelt = "".join(draw(st.sampled_from(c + TWINS.get(c, c.upper()))) for c in word)
    return table, word, spelt


@PROPERTY
@given(spellings())
@example((TABLES["relative_days"], "stasera", "ſtaſera"))
@example((TABLES["months"], "settembre", "SETTEMBRE"))
@example((TABLES["relative_days"], "oggi", "OGGİ"))
def test_every_spelling_a_pattern_matches_is_found(case: tuple[dict[str, object], str, str]) -> None:
    table, word, spelt = case
    assert re.fullmatch(alternation(list(table)), spelt, re.I)
    assert lookup(table, spelt) == table[word]


@PROPERTY
@given(st.text(st.sampled_from("abcdefghilmnopqrstuvz "), min_size=1, max_size=12))
def test_words_no_pattern_matches_are_not_found(word: str) -> None:
    table = TABLES["months"]
    assert (lookup(table, word) is None) == (re.fullmatch(alternation(list(table)), word, re.I) is None)


_WORDS = st.lists(st.text(alphabet="abc .'", min_size=1, max_size=5), min_size=1, max_size=12)


@PROPERTY
@given(words=_WORDS, text=st.text(alphabet="abcABC .'x", max_size=40))
@example(words=["ab", "abc", "a", "b"], text="abc ab a bx")
def test_a_trie_alternation_matches_as_the_plain_one(words: list[str], text: str) -> None:
    # Same phrases found at the same places, the longest first, whatever follows them.
    for tail in ("", r"(?![\w'’])"):
        plain = re.compile(f"(?:{alternation(words)}){tail}", re.I)
        trie = re.compile(f"(?:{trie_alternation(words)}){tail}", re.I)
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in trie.finditer(text)]


# Phrases as the word lists hold them: lower case, words one space apart, straight apostrophes.
_PHRASES = st.lists(
    st.lists(st.text(alphabet="abc'", min_size=1, max_size=4), min_size=1, max_size=3).map(" ".join),
    min_size=1,
    max_size=10,
)


@PROPERTY
@given(phrases=_PHRASES, text=st.text(alphabet="abcAB \n\t'’x", max_size=40))
@example(phrases=["ab c", "ab", "ab c'a"], text="AB  c’a ab\nc abx")
def test_a_trie_phrase_alternation_matches_as_the_plain_one(phrases: list[str], text: str) -> None:
    # Any run of white space between words and either apostrophe, as ``phrase_alternation`` takes them.
    for tail in ("", r"(?![\w'’])"):
        plain = re.compile(f"(?:{phrase_alternation(phrases)}){tail}", re.I)
        trie = re.compile(f"(?:{trie_phrase_alternation(phrases)}){tail}", re.I)
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in trie.finditer(text)]
