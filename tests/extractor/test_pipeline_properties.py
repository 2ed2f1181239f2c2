"""Properties of the whole pipeline, on few examples: it is the slow part."""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import cache
from importlib import resources
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractor.document import Document
from extractor.pipeline import extract_document
from extractor.read import read_bytes
from tests.conftest import CONTRACT_LISTS, NOTICE

# Reproducible in CI: fixed seed, no example database; few examples, each runs every recognizer.
PROPERTY = settings(derandomize=True, database=None, deadline=None, max_examples=20)

# Invisible characters documents carry: zero-width, bidi marks and isolates, BOM, soft hyphen, controls.
MARKS = "\u200b\u200c\u200d\u200e\u200f\u202a\u202c\u202e\u2060\u2066\u2069\ufeff\u00ad\x7f"
# Letters re.IGNORECASE takes for these, though str.lower() keeps them apart.
TWINS = {"s": "ſ", "i": "ı", "I": "İ", "k": "\u212a", "K": "\u212a"}


def extract(data: bytes) -> dict[str, Any]:
    return extract_document(read_bytes(data), "avviso.txt").model_dump()


@cache
def plain() -> dict[str, Any]:
    """The extraction of the notice as written."""
    return extract(NOTICE.encode())


@PROPERTY
@given(st.lists(st.tuples(st.integers(0, len(NOTICE)), st.sampled_from(MARKS)), min_size=1, max_size=8))
@example([(NOTICE.index("15 marzo") + 2, "\u200f")])
def test_invisible_marks_change_no_extraction(marks: list[tuple[int, str]]) -> None:
    marked = NOTICE
    for at, mark in sorted(marks, reverse=True):
        marked = marked[:at] + mark + marked[at:]
    assert extract(marked.encode()) == plain()


# Every line end with every encoding that can write it.
CONVENTIONS = [
    (end, encoding)
    for end in ("\r\n", "\r", "\u2028", "\x0b")
    for encoding in ("utf-8", "utf-16", "cp1252")
    if end.isascii() or encoding.startswith("utf")
]


@pytest.mark.parametrize(("end", "encoding"), CONVENTIONS)
def test_line_end_conventions_and_encodings_change_no_extraction(end: str, encoding: str) -> None:
    extraction = extract(NOTICE.replace("\n", end).encode(encoding))
    assert extraction == plain()
    assert dt.date(2024, 3, 15) in [item["date"] for item in extraction["dates"]]


@cache
def _words() -> list[str]:
    """Every phrase of the word lists, which is what the recognizers' patterns are built from."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            found.update(value)
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    for entry in resources.files("extractor.data").iterdir():
        if entry.name.endswith(".toml") and entry.name != "comuni.toml":
            walk(tomllib.loads(entry.read_text(encoding="utf-8")))
    return sorted(w for w in found if 0 < len(w) < 40)


word = st.sampled_from(_words())
OTHER = ["3", "2024", "12/03/2024", "ore 12:00", "Comune di Lecco", ",", ".", "(", ")", "\n", "\n\n", "-"]
token = (
    word
    | word.map(str.upper)
    | word.map(str.title)
    | word.map(lambda w: "".join(TWINS.get(c, c) for c in w))
    | st.sampled_from(OTHER)
    | st.text(max_size=4)
)


@settings(PROPERTY, max_examples=40)
@given(st.lists(token, max_size=40).map(" ".join))
@example("Protocollo tra l'ambıto e l'ASST. Ci vediamo ſtaſera.")
def test_any_text_of_list_words_is_extracted_without_error(text: str) -> None:
    document = Document(text=text)
    extraction = extract_document(document, "doc.txt")
    for field in CONTRACT_LISTS:
        for item in getattr(extraction, field):
            assert all(0 <= start < end <= len(text) for start, end in item.spans)
