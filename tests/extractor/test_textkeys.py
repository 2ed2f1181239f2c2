"""Keys that make differently written names compare equal."""

from __future__ import annotations

import pytest

from extractor.textkeys import match_key, strip_accents


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Città di Cantù", "citta di cantu"),
        ("CITTA' DI CANTU'", "citta di cantu"),
        ("Sant’Angelo  Lodigiano", "sant angelo lodigiano"),
        ("Distretto n. 4", "distretto n 4"),
        ("", ""),
    ],
)
def test_match_key(written: str, key: str) -> None:
    assert match_key(written) == key


def test_strip_accents_keeps_case_and_punctuation() -> None:
    assert strip_accents("Lunedì, PERCHÉ?") == "Lunedi, PERCHE?"
