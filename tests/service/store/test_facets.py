"""Facet counts made by SQL equal a count done by hand over the same documents."""

from __future__ import annotations

import hashlib
import random
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

from models import Ambito, Comune, Extraction, Party, WorkArea
from service.store import search as search_module
from service.store.db import open_database
from service.store.filters import Filters
from service.store.search import search_documents
from service.store.writer import save_extraction

TOWNS = [("015146", "Milano"), ("097042", "Lecco"), ("108033", "Monza"), ("013075", "Como")]
CATEGORIES = ["disabilita", "giovani", "abitare"]
# Texts of random words, so that no two documents are taken for the same content or for versions of one.
WORDS = [
    "asilo", "nido", "mensa", "trasporto", "scuola", "biblioteca", "piscina", "palestra", "oratorio",
    "consultorio", "ambulatorio", "farmacia", "ospedale", "casa", "alloggio", "affitto", "lavoro", "tirocinio",
    "borsa", "corso", "laboratorio", "teatro", "museo", "parco", "giardino", "orto", "bottega",
    "mercato", "fiera", "sagra", "festa", "concerto", "torneo", "gara", "squadra", "campo",
    "stadio", "ponte", "strada", "piazza", "fontana", "chiesa", "convento", "castello", "torre",
    "mulino", "cascina", "fattoria", "stalla", "vigna", "uliveto", "bosco", "lago", "fiume",
]  # fmt: skip
PARTIES = [("CGIL", "sindacato", "CGIL"), ("Caritas Ambrosiana", "terzo_settore", None), ("cgil", "sindacato", None)]


def _extraction(rng: random.Random, number: int) -> Extraction:
    towns = rng.sample(TOWNS, rng.randint(0, 2))
    parties = rng.sample(PARTIES, rng.randint(0, 2))
    return Extraction(
        source=f"doc{number}",
        extractor_version="test",
        doc_type=rng.choice(["patto", "avviso", "intesa"]),
        date=date(rng.choice([2020, 2021, 2022]), 1 + number % 12, 1) if rng.random() < 0.8 else None,
        text=" ".join(["servizi", *rng.sample(WORDS, 12), "disabilità" if number % 3 else "sociali"]),
        ambiti=[Ambito(name=rng.choice(["Ambito di Lecco", "ambito di lecco", "Distretto 4"]))] * rng.randint(0, 2),
        comuni=[Comune(name=name, istat=istat, surface=name) for istat, name in towns],
        parties=[Party(name=name, kind=kind, canonical=canonical) for name, kind, canonical in parties],  # type: ignore[arg-type]
        work_areas=[WorkArea(label=c, category=c) for c in rng.sample(CATEGORIES, rng.randint(0, 2))],  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def facet_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[sqlite_utils.Database, dict[int, Extraction]]:
    db = open_database(tmp_path_factory.mktemp("facets") / "patti.db")
    rng = random.Random(3)
    stored = {}
    for number in range(40):
        extraction = _extraction(rng, number)
        sha256 = hashlib.sha256(f"facets {number}".encode()).hexdigest()
        stored[save_extraction(db, sha256, f"doc{number}.txt", 1, extraction)] = extraction
    return db, stored


def _by_hand(extractions: list[Extraction]) -> dict[str, dict[object, int]]:
    """Each facet's documents per value, counted in Python: names that differ only in case are one value."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for e in extractions:
        counts["doc_type"][e.doc_type] += 1
        if e.date:
            counts["year"][e.date.year] += 1
        for name, values in (
            ("ambito", {a.name.lower() for a in e.ambiti}),
            ("comune", {c.istat for c in e.comuni}),
            ("party", {(p.canonical or p.name).lower() for p in e.parties}),
            ("category", {w.category for w in e.work_areas}),
        ):
            counts[name].update(values)
    return {name: dict(counter) for name, counter in counts.items()}


def _from_sql(page: search_module.SearchPage) -> dict[str, dict[object, int]]:
    folded = {"ambito", "party"}
    return {
        name: {(v.value.lower() if name in folded else v.value): v.count for v in values}
        for name, values in page.facets.items()
        if values
    }


@pytest.mark.parametrize(
    ("query", "filters"),
    [(None, Filters()), ("disabilità", Filters()), ("servizi", Filters(years=(2021,))),
     (None, Filters(ambiti=("AMBITO DI LECCO",))), (None, Filters(comuni=("097042",), doc_types=("avviso", "patto")))],
)  # fmt: skip
def test_sql_facets_equal_a_count_by_hand(facet_db, query: str | None, filters: Filters) -> None:
    db, stored = facet_db
    page = search_documents(db, query, filters, limit=100)
    matched = [stored[hit.document_id] for hit in page.hits]
    assert page.count == len(matched) > 0
    assert page.facets_over == page.count
    assert _from_sql(page) == _by_hand(matched)


def test_over_the_cap_facets_count_the_first_results(facet_db, monkeypatch: pytest.MonkeyPatch) -> None:
    db, stored = facet_db
    monkeypatch.setattr(search_module, "FACET_DOCUMENTS", 7)
    for query in (None, "servizi"):
        page = search_documents(db, query, limit=100)
        assert page.count == len(stored) and page.facets_over == 7
        assert _from_sql(page) == _by_hand([stored[hit.document_id] for hit in page.hits[:7]])


def test_the_real_database_file_is_used(facet_db) -> None:
    db, _ = facet_db
    assert Path(db.execute("PRAGMA database_list").fetchone()[2]).is_file()
