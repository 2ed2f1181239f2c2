"""Filter values as terms of the search rows: a search narrowed by them finds what the filters' own check finds,
the terms follow the documents' changes, and a database made before them gets them."""

from __future__ import annotations

import hashlib
import random
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

from models import Ambito, Comune, Extraction, WorkArea
from service.store import db as db_module
from service.store import search as search_module
from service.store.db import open_database, transaction
from service.store.filters import Filters
from service.store.items import move_items, replace_items
from service.store.listings import commitments_page
from service.store.schema import MIGRATIONS
from service.store.search import search_documents
from service.store.tags import could_be_a_tag, document_tags, tags_query
from service.store.writer import save_extraction

AMBITI = ["Ambito di Lecco", "AMBITO DI LECCO", "Ambito di Città di Castello", "Distretto 4"]
TOWNS = [("097042", "Lecco"), ("015146", "Milano"), ("054013", "Città di Castello")]
CATEGORIES = ["disabilita", "giovani", "abitare"]
WORDS = [
    "asilo", "nido", "mensa", "trasporto", "scuola", "biblioteca", "piscina", "palestra", "oratorio", "consultorio",
    "ambulatorio", "farmacia", "alloggio", "affitto", "lavoro", "tirocinio", "borsa", "corso", "laboratorio",
    "teatro", "museo", "parco", "giardino", "orto", "bottega", "mercato", "fiera", "sagra", "concerto", "torneo",
]  # fmt: skip


def _extraction(rng: random.Random, number: int) -> Extraction:
    towns = rng.sample(TOWNS, rng.randint(0, 2))
    return Extraction(
        source=f"doc{number}",
        extractor_version="test",
        doc_type=rng.choice(["patto", "avviso", "intesa"]),
        date=date(rng.choice([2020, 2021]), 1 + number % 12, 1) if rng.random() < 0.8 else None,
        text=" ".join(["servizi", *rng.sample(WORDS, 10), "disabilità" if number % 3 else "sociali"]),
        ambiti=[Ambito(name=name) for name in rng.sample(AMBITI, rng.randint(0, 2))],
        comuni=[Comune(name=name, istat=istat, surface=name) for istat, name in towns],
        work_areas=[WorkArea(label=c, category=c) for c in rng.sample(CATEGORIES, rng.randint(0, 2))],  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> sqlite_utils.Database:
    database = open_database(tmp_path_factory.mktemp("tags") / "patti.db")
    rng = random.Random(11)
    for number in range(40):
        sha256 = hashlib.sha256(f"tags {number}".encode()).hexdigest()
        save_extraction(database, sha256, f"doc{number}.txt", 1, _extraction(rng, number))
    return database


FILTERS = [
    Filters(doc_types=("avviso",)),
    Filters(doc_types=("avviso", "intesa"), years=(2021,)),
    Filters(years=(2020,)),
    Filters(ambiti=("ambito di lecco",)),
    Filters(ambiti=("AMBITO DI CITTÀ DI CASTELLO",)),  # NOCASE folds ASCII letters only: À is not à
    Filters(ambiti=("Ambito di Città di Castello", "Distretto 4")),
    Filters(comuni=("097042",)),
    Filters(categories=("disabilita",)),
    Filters(categories=("giovani", "abitare"), doc_types=("patto",)),
    Filters(comuni=("054013",), categories=("abitare",), years=(2020, 2021)),
    Filters(categories=("non_esiste",)),
]


def _found(db: sqlite_utils.Database, query: str, filters: Filters) -> tuple[list[tuple[int, float]], int, bool]:
    page = search_documents(db, query, filters, limit=100)
    return [(hit.document_id, round(hit.rank, 9)) for hit in page.hits], page.count, page.count_exact


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
@pytest.mark.parametrize("query", ["servizi", "disabilità", "asilo nido", "sociali"])
def test_a_search_narrowed_by_terms_finds_what_the_check_alone_finds(
    db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch, query: str, filters: Filters
) -> None:
    narrowed = _found(db, query, filters)
    monkeypatch.setattr(search_module, "tags_query", lambda _filters: None)
    assert narrowed == _found(db, query, filters)


@pytest.mark.parametrize("filters", FILTERS[:7], ids=repr)
def test_commitments_found_by_words_and_terms_are_those_of_the_check_alone(
    db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch, filters: Filters
) -> None:
    with transaction(db) as conn:  # commitments to find: one per document, holding its words
        for (document_id,) in conn.execute("SELECT id FROM documents WHERE content_of IS NULL").fetchall():
            if not conn.execute("SELECT 1 FROM commitments WHERE document_id = ?", [document_id]).fetchone():
                conn.execute(
                    "INSERT INTO commitments (document_id, position, text) VALUES (?, 0, ?)",
                    [document_id, "Il Comune garantisce i servizi"],
                )
                conn.execute(
                    f"INSERT INTO search_fts (body, document_id, source, item_id, tags) SELECT 'comun garant serviz', "
                    f"?, 'commitment', last_insert_rowid(), {document_tags('?')}",
                    [document_id, document_id],
                )
    found = [row["id"] for row in commitments_page(db, filters, "servizi", limit=200).rows]
    monkeypatch.setattr(search_module, "tags_query", lambda _filters: None)
    assert found == [row["id"] for row in commitments_page(db, filters, "servizi", limit=200).rows]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), None),
        (Filters(doc_types=("avviso",)), 'tags : ("dtavviso")'),
        (Filters(years=(2020, 2021)), 'tags : ("y2020" OR "y2021")'),
        (Filters(categories=("famiglia_minori", "disabilita")), 'tags : ("ca0" OR "ca3")'),
        (Filters(categories=("non_esiste",)), None),  # no term: the check alone decides
        (Filters(comuni=("097042",), doc_types=("patto",)), 'tags : ("dtpatto") AND tags : ("co097042")'),
        (Filters(ambiti=("Lecco",)), 'tags : ("am6C6563636F")'),  # ASCII letters lowered, as NOCASE compares
        (Filters(ambiti=("lecco",)), 'tags : ("am6C6563636F")'),
        (Filters(ambiti=("Città",)), 'tags : ("am63697474C3A0")'),  # "C" lowered, "à" (C3A0) as it is
        (Filters(parties=("CGIL",), date_from=date(2020, 1, 1)), None),  # left to the check
    ],
)
def test_tags_query(filters: Filters, expected: str | None) -> None:
    assert tags_query(filters) == expected


def _tags_of(db: sqlite_utils.Database, document_id: int) -> set[str]:
    rows = db.execute("SELECT tags FROM search_fts WHERE document_id = ?", [document_id]).fetchall()
    return {tag.lower() for (tags,) in rows for tag in tags.split()}  # the tokenizer folds case as well


def test_terms_follow_a_new_extraction_and_a_move(tmp_path: Path) -> None:
    db = open_database(tmp_path / "patti.db")
    first = Extraction(source="a", extractor_version="t", doc_type="avviso", text="asilo nido mensa servizi")
    document_id = save_extraction(db, hashlib.sha256(b"a").hexdigest(), "a.txt", 1, first)
    assert {"dtavviso", "y"} <= _tags_of(db, document_id)
    corrected = first.model_copy(update={"doc_type": "patto", "ambiti": [Ambito(name="Distretto 4")]})
    with transaction(db) as conn:  # as a correction does: the row first, then the items
        conn.execute("UPDATE documents SET doc_type = 'patto' WHERE id = ?", [document_id])
        replace_items(conn, document_id, corrected, corrected.text)
    assert {"dtpatto", "am" + b"distretto 4".hex()} <= _tags_of(db, document_id)
    assert search_documents(db, "servizi", Filters(ambiti=("DISTRETTO 4",))).count == 1
    assert search_documents(db, "servizi", Filters(doc_types=("avviso",))).count == 0
    other = save_extraction(
        db,
        hashlib.sha256(b"b").hexdigest(),
        "b.txt",
        1,
        Extraction(source="b", extractor_version="t", doc_type="intesa", text="teatro museo parco"),
    )
    with transaction(db) as conn:
        move_items(conn, document_id, other)
    assert "dtintesa" in _tags_of(db, other) and "dtpatto" not in _tags_of(db, other)


def test_a_database_made_before_the_terms_gets_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    version = next(i for i, statements in enumerate(MIGRATIONS) if any("search_fts_v11" in s for s in statements))
    monkeypatch.setattr(db_module, "MIGRATIONS", MIGRATIONS[:version])
    old = open_database(tmp_path / "patti.db")
    old.conn.execute(
        "INSERT INTO documents (id, sha256, file_name, size, status, doc_type, year) "
        "VALUES (5, 'x', 'a', 1, 'indexed', 'avviso', 2024)"
    )
    old.conn.execute("INSERT INTO ambiti (document_id, position, name) VALUES (5, 0, 'Ambito di Lecco')")
    old.conn.execute(
        "INSERT INTO search_fts (rowid, body, document_id, source) VALUES (77, 'serviz social', 5, 'text')"
    )
    old.conn.commit()
    old.conn.close()
    monkeypatch.setattr(db_module, "MIGRATIONS", MIGRATIONS)
    db = open_database(tmp_path / "patti.db")
    assert db.execute("SELECT rowid, body, document_id FROM search_fts").fetchall() == [(77, "serviz social", 5)]
    assert {"dtavviso", "y2024", "am" + b"ambito di lecco".hex()} <= _tags_of(db, 5)
    assert [hit.document_id for hit in search_documents(db, "servizi", Filters(ambiti=("ambito di lecco",))).hits] == [
        5
    ]
    db.execute("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')")


@pytest.mark.parametrize("query", ["y2021", "dtavviso", "dtpatto", "co097042", "ca3", "Y2020 servizi"])
def test_a_word_shaped_like_a_term_is_looked_for_in_the_text_only(db: sqlite_utils.Database, query: str) -> None:
    assert search_documents(db, query).count == 0  # every document has such terms; no text has such words


@pytest.mark.parametrize(
    ("term", "shaped"),
    [("y2020", True), ("Y2020", True), ("dtavviso", True), ("co097042", True), ("ca12", True), ("am4c65", True),
     ("anziani", False), ("comune", False), ("casa", False), ("yoga", False), ("amico", False), ("dato", False)],
)  # fmt: skip
def test_could_be_a_tag(term: str, shaped: bool) -> None:
    assert could_be_a_tag(term) is shaped
