"""Properties of plain-text reading: any bytes and any text, one clean form out or a catalogued error."""

from __future__ import annotations

import codecs
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractor.errors import PattiError
from extractor.read import read_bytes
from extractor.read.text import decode, normalise

# Reproducible in CI: fixed seed, no example database.
PROPERTY = settings(derandomize=True, database=None, deadline=None, max_examples=200)

# Any code point, lone surrogates (as surrogateescape leaves them) included.
any_char = st.characters(codec=None) | st.characters(categories=["Cs"])
# What documents carry beside letters: line ends of every system, odd spaces, invisible marks.
special = st.sampled_from(
    list("\r\n\t\x00\x0b\x0c\x1c\x85\xa0\u2028\u2029\u2009\u3000\u202f\u200b\u200e\u200f\u202e\u2066\ufeff\xad")
)
any_text = st.text(any_char | special, max_size=120)
# Invisible characters: controls other than white space, and format characters.
invisible = st.characters(categories=["Cf"]) | st.characters(categories=["Cc"]).filter(lambda c: not c.isspace())
LINE_ENDS = ["\r\n", "\r", "\x0b", "\x85", "\u2028"]


def visible(text: str) -> str:
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf"))


@PROPERTY
@given(any_text)
@example("a\x0bb\x0cc\u2028d\u2029e\x85f\u3000g ")
@example("entro il 3\u200f marzo\u2066 2025\u2069")
def test_normalised_text_is_clean(text: str) -> None:
    """One line end, one space, nothing invisible, no blank line ends, at most one empty line."""
    out = normalise(text)
    assert all(c in " \n" or not (c.isspace() or unicodedata.category(c) in ("Cc", "Cf")) for c in out)
    assert " \n" not in out and "\n\n\n" not in out
    assert out == out.strip(" \n")
    assert out.split("\n") == out.splitlines() or out == ""


@PROPERTY
@given(any_text)
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@PROPERTY
@given(any_text)
def test_normalise_keeps_every_visible_character_in_order(text: str) -> None:
    assert visible(normalise(text)) == visible(text)


@PROPERTY
@given(any_text, st.lists(st.tuples(st.integers(0, 120), invisible), max_size=5))
@example("3 marzo 2025", [(1, "\u200e")])
@example("Comune\r\nLecco", [(7, "\u200b")])
def test_invisible_characters_change_nothing(text: str, inserts: list[tuple[int, str]]) -> None:
    marked = text
    for at, char in inserts:
        marked = marked[:at] + char + marked[at:]
    assert normalise(marked) == normalise(text)


@PROPERTY
@given(st.text(any_char.filter(lambda c: c == "\n" or len(f"{c}x".splitlines()) == 1), max_size=120))
@example("Art. 1\nIl Comune")
def test_every_line_end_convention_reads_the_same(text: str) -> None:
    for end in LINE_ENDS:
        assert normalise(text.replace("\n", end)) == normalise(text)


# ---- Bytes in, text or a catalogued error out.

ENCODINGS = [
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "cp1252",
    "latin-1",
    "cp850",
    "mac-roman",
]
PREFIXES = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"PK\x03\x04", b"{\\rtf", b"\x89PNG"]


def _read(data: bytes) -> str | None:
    """The text read, or None for a refusal from the error catalogue (anything else fails the test)."""
    try:
        return read_bytes(data, "documento.txt").text
    except PattiError:
        return None


@settings(PROPERTY, max_examples=300)
@given(st.sampled_from(PREFIXES), st.binary(max_size=300))
@example(codecs.BOM_UTF16_LE, b"\x00\xd8")  # a lone surrogate
@example(b"", b"\xff\xfe")
def test_any_bytes_read_or_raise_a_catalogued_error(prefix: bytes, data: bytes) -> None:
    text = _read(prefix + data)
    assert text is None or (text.strip() and normalise(text) == text)


@PROPERTY
@given(any_text, st.sampled_from(ENCODINGS))
def test_text_in_any_encoding_reads_or_raises_a_catalogued_error(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    read = _read(data)
    assert read is None or normalise(read) == read


# Text a file may hold that decodes unambiguously: no control bytes, no leading BOM.
plain_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=120).filter(
    lambda t: not t.startswith("\ufeff")
)
italian = st.text(
    st.sampled_from("abcdefghilmnopqrstuvzABCDEFGHILMNOPQRSTUVZàèéìòùÀÈÉÌÒÙ 0123456789.,;:'\"()/-\n"), max_size=120
)


@PROPERTY
@given(plain_text)
def test_utf8_and_utf16_decode_back(text: str) -> None:
    assert decode(text.encode("utf-8")) == text
    assert decode(codecs.BOM_UTF8 + text.encode("utf-8")) == text
    assert decode(text.encode("utf-16")) == text


@PROPERTY
@given(italian)
def test_italian_in_windows_1252_decodes_back(text: str) -> None:
    assert decode(text.encode("cp1252")) == text
