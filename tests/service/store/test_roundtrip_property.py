"""Property: any valid extraction written to the database reads back equal (and replaces the previous one)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, get_args

import pytest
import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.resolvers.comuni import registry
from models import (
    Ambito,
    Commitment,
    Comune,
    Contact,
    DatedItem,
    Extraction,
    LegalRef,
    Party,
    Period,
    Person,
    WorkArea,
)
from models.extraction import Category, ContactKind, DateKind, DocType, LegalKind, PartyKind
from service.store.db import open_database
from service.store.reader import load_extraction
from service.store.writer import save_extraction

SHA = "f" * 64

text = st.text(max_size=30)
maybe_text = st.none() | text
spans = st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 500)).map(lambda t: (t[0], t[0] + t[1])), max_size=3)
pages = st.none() | st.integers(1, 500)
years = st.integers(1800, 2200)


def _kinds(literal: Any) -> st.SearchStrategy[str]:
    return st.sampled_from(get_args(literal))


def _item(model: type, **fields: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(st.builds(model, spans=spans, page=pages, **fields), max_size=3)


extractions = st.builds(
    Extraction,
    source=st.just("doc.pdf"),
    doc_type=_kinds(DocType),
    title=maybe_text,
    date=st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
    parties=_item(Party, name=text, kind=_kinds(PartyKind), canonical=st.none() | st.sampled_from(["A", "B", "C"])),
    comuni=_item(
        Comune, name=text, surface=text, istat=st.none() | st.sampled_from([t.istat for t in registry()[:50]])
    ),
    ambiti=_item(Ambito, name=text),
    dates=_item(
        DatedItem,
        date=st.dates(),
        time=st.none() | st.from_regex(r"\A([01]\d|2[0-3]):[0-5]\d\Z"),
        kind=_kinds(DateKind),
        text=text,
        place=maybe_text,
        what=maybe_text,
    ),
    work_areas=_item(WorkArea, label=text, category=_kinds(Category)),
    commitments=_item(Commitment, actor=maybe_text, text=text, category=st.none() | _kinds(Category)),
    legal_refs=_item(
        LegalRef, kind=_kinds(LegalKind), number=text, year=years, article=maybe_text, comma=maybe_text, text=text
    ),
    contacts=_item(Contact, kind=_kinds(ContactKind), value=text, owner=maybe_text),
    people=_item(Person, name=text, role=maybe_text),
    periods=_item(Period, start=years, end=years),
    pages=st.none() | st.integers(1, 500),
    extractor_version=st.just("0.1.0"),
    text=st.none() | st.text(max_size=200),
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> sqlite_utils.Database:
    return open_database(Path(tmp_path_factory.mktemp("roundtrip")) / "patti.db")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(extraction=extractions)
def test_any_extraction_round_trips(db: sqlite_utils.Database, extraction: Extraction) -> None:
    # Every example reuses one sha256: each save is a re-extraction that must fully replace the last.
    document_id = save_extraction(db, SHA, "doc.pdf", 1, extraction)
    assert load_extraction(db, document_id) == extraction
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
