"""Stretches of a line between layout gaps."""

from __future__ import annotations

import re

import pytest

from extractor.columns import stretches

WIDE = re.compile(r"[ \t]{3,}")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Il Sindaco      Il Segretario", ["Il Sindaco", "Il Segretario"]),
        ("   Anna Neri   Luca Bassi   ", ["Anna Neri", "Luca Bassi"]),
        ("una riga senza colonne", ["una riga senza colonne"]),
        ("", []),
        ("      ", []),
    ],
)
def test_stretches_between_gaps(line: str, expected: list[str]) -> None:
    text = "prima\n" + line + "\ndopo"
    start = len("prima\n")
    found = stretches(text, start, start + len(line), WIDE)
    assert [text[a:b] for a, b in found] == expected
    assert all(start <= a < b <= start + len(line) for a, b in found)
