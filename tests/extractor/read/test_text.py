"""Plain text: encodings, binary detection, markdown leftovers, normalisation."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.errors import ErrorCode, PattiError
from extractor.read import read_bytes, sniff
from extractor.read.text import clean_markdown, decode, join_broken_words, normalise, read_text

SAMPLE = "Perché la città è già più “solidale” – 10 €"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("cp1252"),
        SAMPLE.encode("utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "cp1252", "utf-16-bom"],
)
def test_encodings_are_detected(data: bytes) -> None:
    assert decode(data) == SAMPLE


def test_latin1_bytes_undefined_in_cp1252() -> None:
    assert decode("caffè".encode("latin-1") + b"\x81") == "caffè\x81"


@pytest.mark.parametrize("data", [b"\x00\x01\x02abc" * 10, bytes(range(32)) * 20])
def test_binary_is_not_text(data: bytes) -> None:
    with pytest.raises(PattiError) as err:
        decode(data)
    assert err.value.code is ErrorCode.NOT_TEXT


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("il **“patto per il welfare”**", "il “patto per il welfare”"),
        ("## **Atto di intesa**", "Atto di intesa"),
        ("*“definire criticità”*", "“definire criticità”"),
        ("__importante__ e `codice`", "importante e codice"),
        ("[il bando](https://www.comune.it/bando)", "il bando"),
        ("I campi obbligatori sono contrassegnati *", "I campi obbligatori sono contrassegnati *"),
        ("3 * 4 = 12", "3 * 4 = 12"),
    ],
)
def test_markdown_leftovers(raw: str, clean: str) -> None:
    assert clean_markdown(raw) == clean


def test_normalise_line_ends_and_invisible_characters() -> None:
    raw = "Riga uno \r\nRiga\u00a0due\u200b\r\r\n\n\n\nfine\u00ad"
    assert normalise(raw) == "Riga uno\nRiga due\n\nfine"


@pytest.mark.parametrize(
    ("dump", "text"),
    [
        # A word hyphenated at a line end is whole on the first line; the rest of its line follows below.
        ("si impe-\ngnano a partecipare", "si impegnano\na partecipare"),
        ("ultra-\nsessantacinquenne.", "ultrasessantacinquenne."),
        # The hyphen stays in a double name, next to digits, and after a prefix the document hyphenates.
        ("Ambito di Corigliano-\nRossano, rappresentato", "Ambito di Corigliano-Rossano,\nrappresentato"),
        ("per il triennio 2024-\n2026 il Piano", "per il triennio 2024-2026\nil Piano"),
        ("la co-progettazione e la co-\nprogrammazione", "la co-progettazione e la co-programmazione"),
        # ... and where the document writes the compound with its hyphen
        ("il servizio socio-sanitario e socio-\n  sanitario", "il servizio socio-sanitario e socio-sanitario"),
        # A dash that ends a line between words, and a dash bullet, are no broken words.
        ("Carpi –\nSoliera\n-\n- Novi", "Carpi –\nSoliera\n-\n- Novi"),
    ],
)
def test_words_broken_at_line_ends_are_joined(dump: str, text: str) -> None:
    assert join_broken_words(dump) == text


def test_empty_after_cleaning() -> None:
    with pytest.raises(PattiError) as err:
        read_text("\ufeff \n \n".encode())
    assert err.value.code is ErrorCode.EMPTY


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.4", "pdf"),
        (b"\n\n%PDF-1.7", "pdf"),
        (b"PK\x03\x04", "a ZIP container (ODT, XLSX or archive), not a Word document"),
        (b"Testo", "text"),
    ],
)
def test_sniffing_ignores_names(head: bytes, kind: str) -> None:
    assert sniff(head) == kind


def test_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("extractor.read.MAX_BYTES", 10)
    with pytest.raises(PattiError) as err:
        read_bytes(b"un testo troppo lungo")
    assert err.value.code is ErrorCode.TOO_LARGE


@given(st.text(max_size=300))
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
