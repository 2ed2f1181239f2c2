"""Full-text search: Italian word forms, snippets, and hostile input that never reaches FTS5 raw."""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from models import Commitment, Extraction
from service.store.db import open_database
from service.store.search import MAX_QUERY_CHARS, InvalidQuery, search, stem_shadow, to_match
from service.store.writer import save_extraction

TEXTS = {
    "welfare": "I Comuni dell'Ambito si impegnano a potenziare i servizi per le persone disabili e le loro famiglie.",
    "anziani": "Il patto sostiene gli anziani non autosufficienti e l'assistenza domiciliare.",
    "casa": "Avviso pubblico per il sostegno all'abitare: contributi per l'affitto, città di Lecco.",
}
COMMITMENT = "La Fondazione garantisce tirocini di inclusione per giovani in povertà educativa."


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[sqlite_utils.Database, dict[str, int]]:
    db = open_database(tmp_path_factory.mktemp("search") / "patti.db")
    ids = {}
    for name, text in TEXTS.items():
        extraction = Extraction(source=name, extractor_version="test", text=text)
        ids[name] = save_extraction(db, hashlib.sha256(name.encode()).hexdigest(), name, len(text), extraction)
    # A document whose words are only in one commitment (no stored text).
    only = Extraction(source="impegni", extractor_version="test", commitments=[Commitment(text=COMMITMENT)])
    ids["commitment"] = save_extraction(db, hashlib.sha256(b"c").hexdigest(), "c", 1, only)
    return db, ids


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("impegno", {"welfare"}),
        ("impegni", {"welfare"}),
        ("disabilità", {"welfare"}),
        ("disabilita", {"welfare"}),
        ("DISABILE", {"welfare"}),
        ("servizio", {"welfare"}),
        ("famiglia", {"welfare"}),
        ("anziana", {"anziani"}),  # "anziano" stems to "anzi" (Snowball strips -ano): a known miss
        ("autosufficienza", {"anziani"}),
        ("città", {"casa"}),
        ("citta", {"casa"}),
        ("abitare affitti", {"casa"}),
        ("servizi per le famiglie", {"welfare"}),  # stopwords dropped, remaining words ANDed
        ("tirocinio", {"commitment"}),
        ("povertà giovane", {"commitment"}),
        ("disabili anziani", set()),  # AND: no document has both
        ("ospedale", set()),
    ],
)
def test_italian_word_forms(
    corpus_db: tuple[sqlite_utils.Database, dict[str, int]], query: str, expected: set[str]
) -> None:
    db, ids = corpus_db
    found = {hit.document_id for hit in search(db, query)}
    assert found == {ids[name] for name in expected}


def test_snippet_marks_matched_words(corpus_db: tuple[sqlite_utils.Database, dict[str, int]]) -> None:
    db, _ = corpus_db
    [hit] = search(db, "impegno disabilità")
    assert "[impegnano]" in hit.snippet
    assert "[disabili]" in hit.snippet
    [hit] = search(db, "tirocinio")
    assert "[tirocini]" in hit.snippet


def test_hits_are_ranked(corpus_db: tuple[sqlite_utils.Database, dict[str, int]]) -> None:
    db, _ = corpus_db
    hits = search(db, "per")  # a stopword alone is still searched
    assert len(hits) >= 2
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)


def test_shadow_folds_accents_after_stemming() -> None:
    assert stem_shadow("Disabilità, impegni!") == "disabil impegn"


HOSTILE = [
    '"',
    '""',
    "AND",
    "OR",
    "NOT",
    "a AND",
    "NOT a",
    "NEAR(",
    "NEAR(a b, 3)",
    "*",
    "impegn*",
    "-x",
    "a:b",
    "body:impegno",
    "document_id:1",
    ")(",
    "(",
    "^impegno",
    "+",
    '"impegno" OR "anziani"',
    "'; DROP TABLE documents; --",
    "",
    "   ",
    "\t\n",
    "\x00",
    "x" * 10_000,
    "impegno " * 2_000,
    " ".join(f"w{i}" for i in range(40)),
]


@pytest.mark.parametrize("query", HOSTILE, ids=lambda q: repr(q[:20]))
def test_hostile_queries_never_reach_fts5(corpus_db: tuple[sqlite_utils.Database, dict[str, int]], query: str) -> None:
    db, _ = corpus_db
    with contextlib.suppress(InvalidQuery):
        assert isinstance(search(db, query), list)
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 4


@pytest.mark.parametrize("query", ["", "   ", '"', "*", ")(", "-", "x" * (MAX_QUERY_CHARS + 1)])
def test_queries_without_words_are_invalid(query: str) -> None:
    with pytest.raises(InvalidQuery):
        to_match(query)


def test_operators_become_plain_terms() -> None:
    assert to_match('NEAR(impegno OR "disabili")') == '"near" AND "impegn" AND "or" AND "disabil"'


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> sqlite_utils.Database:
    db = open_database(tmp_path_factory.mktemp("prop") / "patti.db")
    save_extraction(db, "0" * 64, "a", 1, Extraction(source="a", extractor_version="t", text=TEXTS["welfare"]))
    return db


@settings(max_examples=300, deadline=None)
@given(
    query=st.text(max_size=200)
    | st.lists(st.sampled_from(['"', "AND", "OR", "NEAR(", "*", ":", "(", ")", "-", "^", "impegno", "x"])).map(" ".join)
)
def test_any_query_returns_a_list_or_raises_invalid_query(small_db: sqlite_utils.Database, query: str) -> None:
    with contextlib.suppress(InvalidQuery):
        assert isinstance(search(small_db, query), list)


def test_module_db_path_is_a_real_file(small_db: sqlite_utils.Database) -> None:
    path = small_db.execute("PRAGMA database_list").fetchone()[2]
    assert Path(path).is_file()
