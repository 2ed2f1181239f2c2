"""Filter values as terms of the search rows: a search narrowed by them finds what the filters' own check finds,
the terms follow the documents' changes, and a database made before them gets them."""

from __future__ import annotations

import hashlib
import random
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

from models import Ambito, Comune, Extraction, Party, WorkArea
from service.store import db as db_module
from service.store import search as search_module
from service.store import tags as tags_module
from service.store.db import open_database, transaction
from service.store.filters import Filters
from service.store.items import move_items, replace_items
from service.store.listings import commitments_page
from service.store.organisations import add_alias, merge_organisations, organisation_for, rename_organisation
from service.store.schema import MIGRATIONS
from service.store.search import search_documents
from service.store.tags import could_be_a_tag, document_tags, party_terms, tags_query
from service.store.writer import save_extraction

AMBITI = ["Ambito di Lecco", "AMBITO DI LECCO", "Ambito di Città di Castello", "Distretto 4"]
TOWNS = [("097042", "Lecco"), ("015146", "Milano"), ("054013", "Città di Castello")]
CATEGORIES = ["disabilita", "giovani", "abitare"]
# Parties as written, with the organisation each resolves to (None: no registry entry).
PARTIES = [
    ("CGIL Lecco", "CGIL"), ("Cgil", "CGIL"), ("C.G.I.L.", "CGIL"), ("Comune di Lecco", "Comune di Lecco"),
    ("Caritas diocesana", None), ("ASST di Lecco", "ASST Lecco"), ("Città di Castello", "Comune di Città di Castello"),
]  # fmt: skip
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
        parties=[
            Party(name=name, kind="altro", canonical=canonical)
            for name, canonical in rng.sample(PARTIES, rng.randint(0, 3))
        ],
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
    Filters(parties=("CGIL",)),  # an organisation: every way it is written
    Filters(parties=("cgil lecco",)),  # a party as written, in another case
    Filters(parties=("Caritas diocesana", "ASST Lecco"), years=(2021,)),
    Filters(parties=("COMUNE DI CITTÀ DI CASTELLO",)),  # NOCASE folds ASCII letters only
    Filters(parties=("nessuno",)),
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
    monkeypatch.setattr(search_module, "tags_query", lambda *_args: None)
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
    monkeypatch.setattr(search_module, "tags_query", lambda *_args: None)
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
        (Filters(parties=("CGIL",), date_from=date(2020, 1, 1)), None),  # without its terms, left to the check
    ],
)
def test_tags_query(filters: Filters, expected: str | None) -> None:
    assert tags_query(filters) == expected


def test_tags_query_with_party_terms() -> None:
    query = tags_query(Filters(parties=("CGIL",), years=(2021,)), ["pn4347494C", "pn6367696C"])
    assert query == 'tags : ("y2021") AND tags : ("pn4347494C" OR "pn6367696C")'


def test_party_terms_are_every_name_written_for_the_organisations_named(db: sqlite_utils.Database) -> None:
    written = {"cgil lecco", "cgil", "c.g.i.l."}  # the parties of organisation CGIL, ASCII letters lowered
    assert party_terms(db.conn, ["CGIL"]) == sorted({"pn" + name.encode().hex().upper() for name in written})
    # A name no organisation has is looked for as written only.
    assert party_terms(db.conn, ["Nessuno"]) == ["pn" + b"nessuno".hex().upper()]


def test_too_many_party_terms_leave_the_filter_to_the_check(
    db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tags_module, "MAX_PARTY_TERMS", 2)
    assert party_terms(db.conn, ["CGIL"]) is None
    filters = Filters(parties=("CGIL",))
    capped = _found(db, "servizi", filters)
    assert capped[1] > 0
    monkeypatch.setattr(search_module, "tags_query", lambda *_args: None)
    assert capped == _found(db, "servizi", filters)


def _organisation_documents(db: sqlite_utils.Database, name: str) -> set[int]:
    return {hit.document_id for hit in search_documents(db, "servizi", Filters(parties=(name,)), limit=100).hits}


def test_a_party_filter_follows_merges_renames_and_aliases(tmp_path: Path) -> None:
    """No term is remade when organisations change: the filter's names become the written ones at search time."""
    db = open_database(tmp_path / "patti.db")
    rng = random.Random(5)
    for number in range(30):
        sha256 = hashlib.sha256(f"merge {number}".encode()).hexdigest()
        save_extraction(db, sha256, f"m{number}.txt", 1, _extraction(rng, number))
    cgil, asst = _organisation_documents(db, "CGIL"), _organisation_documents(db, "ASST Lecco")
    assert cgil and asst and cgil != asst
    with transaction(db) as conn:
        asst_id, cgil_id = organisation_for(conn, "ASST Lecco"), organisation_for(conn, "CGIL")
        merge_organisations(conn, asst_id, cgil_id, author="test")
    assert _organisation_documents(db, "CGIL") == cgil | asst
    assert _organisation_documents(db, "ASST Lecco") == cgil | asst  # the merged name is an alias now
    with transaction(db) as conn:
        rename_organisation(conn, cgil_id, "Confederazione CGIL", author="test")
        add_alias(conn, cgil_id, "Sindacato", author="test")
    assert _organisation_documents(db, "confederazione cgil") == cgil | asst
    assert _organisation_documents(db, "Sindacato") == cgil | asst
    assert _organisation_documents(db, "Cgil") == cgil | asst  # the old canonical name, an alias now


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


def test_a_database_made_before_the_party_terms_gets_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    version = next(
        i for i, statements in enumerate(MIGRATIONS) if any("UPDATE search_fts SET tags" in s for s in statements)
    )
    monkeypatch.setattr(db_module, "MIGRATIONS", MIGRATIONS[:version])
    old = open_database(tmp_path / "patti.db")
    old.conn.execute("INSERT INTO documents (id, sha256, file_name, size, status) VALUES (5, 'x', 'a', 1, 'indexed')")
    old.conn.execute("INSERT INTO parties (document_id, position, name, kind) VALUES (5, 0, 'Caritas Lecco', 'altro')")
    old.conn.execute("INSERT INTO search_fts (rowid, body, document_id, source) VALUES (7, 'serviz social', 5, 'text')")
    old.conn.commit()
    old.conn.close()
    monkeypatch.setattr(db_module, "MIGRATIONS", MIGRATIONS)
    db = open_database(tmp_path / "patti.db")
    assert "pn" + b"caritas lecco".hex() in _tags_of(db, 5)
    assert [hit.document_id for hit in search_documents(db, "servizi", Filters(parties=("CARITAS LECCO",))).hits] == [5]
    db.execute("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')")


@pytest.mark.parametrize("query", ["y2021", "dtavviso", "dtpatto", "co097042", "ca3", "Y2020 servizi", "pn6367696c"])
def test_a_word_shaped_like_a_term_is_looked_for_in_the_text_only(db: sqlite_utils.Database, query: str) -> None:
    assert search_documents(db, query).count == 0  # every document has such terms; no text has such words


@pytest.mark.parametrize(
    ("term", "shaped"),
    [("y2020", True), ("Y2020", True), ("dtavviso", True), ("co097042", True), ("ca12", True), ("am4c65", True),
     ("pn4347494c", True), ("anziani", False), ("comune", False), ("casa", False), ("yoga", False), ("amico", False),
     ("dato", False), ("pneumatico", False)],
)  # fmt: skip
def test_could_be_a_tag(term: str, shaped: bool) -> None:
    assert could_be_a_tag(term) is shaped
