"""Properties of the name keys: one key however a name is cased, accented or punctuated."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractor.textkeys import match_key, strip_accents

# Reproducible in CI: fixed seed, no example database.
PROPERTY = settings(derandomize=True, database=None, deadline=None, max_examples=300)

any_text = st.text(st.characters(codec=None) | st.characters(categories=["Cs"]), max_size=80)
# Italian as it is written: letters with and without accents, apostrophes, punctuation.
italian = st.text(st.sampled_from("abcdefghilmnopqrstuvzàèéìíòóù '’.,-/()0123456789\n\t"), max_size=60)
vowel = st.sampled_from("aeiou")


@PROPERTY
@given(any_text)
def test_keys_are_lower_ascii_words(text: str) -> None:
    key = match_key(text)
    assert re.fullmatch(r"(?:[a-z0-9]+(?: [a-z0-9]+)*)?", key)
    assert match_key(key) == key


@PROPERTY
@given(any_text)
def test_strip_accents_is_idempotent(text: str) -> None:
    once = strip_accents(text)
    assert strip_accents(once) == once


@PROPERTY
@given(italian)
@example("Città di Cantù")
def test_case_and_accents_never_change_the_key(text: str) -> None:
    assert match_key(text.upper()) == match_key(text) == match_key(strip_accents(text))


@PROPERTY
@given(st.text(st.sampled_from("bcdfglmnprstvz"), min_size=1, max_size=8), vowel, st.sampled_from("\u0300\u0301"))
@example("citt", "a", "\u0300")
def test_an_apostrophe_for_a_final_accent_gives_the_same_key(stem: str, last: str, accent: str) -> None:
    """Upper-case Italian writes CITTA' for Città: both are one name."""
    word = unicodedata.normalize("NFC", stem.capitalize() + last + accent)
    assert match_key(word) == match_key(f"{(stem + last).upper()}'") == match_key(f"{stem}{last}’")
