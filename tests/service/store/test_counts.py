"""Counts that stop at a limit, and search ranking only the newest passages of a common word.

The limits are lowered for the test: a handful of documents stands in for 100,000.
"""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
import sqlite_utils

from models import Commitment, DatedItem, Extraction
from service.store import counts as counts_module
from service.store import search as search_module
from service.store.counts import count_up_to
from service.store.db import open_database
from service.store.deadlines import DeadlineFilters, deadlines_page
from service.store.filters import Filters
from service.store.listings import commitments_page
from service.store.search import search_documents
from service.store.writer import save_extraction

# Every document holds "servizi"; the first few, stored first (so oldest), also hold "laboratorio".
DOCUMENTS = 8
OLD_WITH_WORKSHOP = 3
# Words of each document's own, so that none is taken for a version of another (``service.store.identity``).
OWN_WORDS = [
    "asilo nido mensa scuolabus",
    "piscina palestra oratorio campetto",
    "consultorio ambulatorio farmacia ospedale",
    "alloggio affitto sfratto morosità",
    "tirocinio borsa corso bottega",
    "teatro museo parco giardino",
    "mercato fiera sagra concerto",
    "ponte strada piazza fontana",
]


def _extraction(number: int) -> Extraction:
    workshop = " laboratorio teatrale" if number < OLD_WITH_WORKSHOP else ""
    return Extraction(
        source=f"doc{number}",
        extractor_version="test",
        doc_type="avviso" if number % 2 else "patto",
        date=date(2024, 1 + number, 1),
        # More "servizi" in later documents, so that bm25 does not follow the order of storage.
        text=f"{OWN_WORDS[number]}: servizi sociali{workshop}. " + "servizi " * (number % 3),
        commitments=[Commitment(text=f"Il Comune garantisce i servizi numero {number}.")],
        dates=[DatedItem(date=date(2025, 1 + number, 2), kind="scadenza", text=f"entro il 2 del mese {number}")],
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> sqlite_utils.Database:
    database = open_database(tmp_path_factory.mktemp("counts") / "patti.db")
    for number in range(DOCUMENTS):
        sha256 = hashlib.sha256(f"counts {number}".encode()).hexdigest()
        save_extraction(database, sha256, f"doc{number}.txt", 1, _extraction(number))
    return database


def test_a_count_below_the_limit_is_exact(db: sqlite_utils.Database) -> None:
    counted = count_up_to(db.conn, "SELECT 1 FROM commitments", [])
    assert (counted.value, counted.exact) == (DOCUMENTS, True)


def test_a_count_past_the_limit_is_the_limit_and_a_lower_bound(
    db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(counts_module, "COUNT_LIMIT", 5)
    counted = count_up_to(db.conn, "SELECT 1 FROM commitments", [])
    assert (counted.value, counted.exact) == (5, False)
    every = count_up_to(db.conn, "SELECT 1 FROM commitments", [], every=True)
    assert (every.value, every.exact) == (DOCUMENTS, True)
    monkeypatch.setattr(counts_module, "COUNT_LIMIT", DOCUMENTS)  # exactly at the limit: still exact
    assert count_up_to(db.conn, "SELECT 1 FROM commitments", []).exact


@pytest.mark.parametrize("listing", ["commitments", "deadlines", "browse"])
def test_listings_past_the_limit_say_at_least_and_their_pages_go_on_to_the_last_row(
    db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch, listing: str
) -> None:
    monkeypatch.setattr(counts_module, "COUNT_LIMIT", 3)

    def page(after: str | None) -> tuple[list[int], int, bool, str | None]:
        if listing == "browse":
            found = search_documents(db, None, limit=2, after=after, with_facets=False)
            return [hit.document_id for hit in found.hits], found.count, found.count_exact, found.next
        if listing == "commitments":
            items = commitments_page(db, Filters(), limit=2, after=after)
        else:
            items = deadlines_page(db, Filters(), DeadlineFilters(), limit=2, after=after)
        return [row["id"] for row in items.rows], items.count, items.count_exact, items.next

    walked: list[int] = []
    after = None
    while True:
        rows, count, exact, after = page(after)
        assert (count, exact) == (3, False)
        walked += rows
        if after is None:
            break
    assert len(walked) == len(set(walked)) == DOCUMENTS


def test_a_count_narrowed_below_the_limit_is_exact_again(
    db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(counts_module, "COUNT_LIMIT", 5)
    page = commitments_page(db, Filters(doc_types=("avviso",)), limit=10)
    assert (page.count, page.count_exact, len(page.rows)) == (DOCUMENTS // 2, True, DOCUMENTS // 2)
    assert commitments_page(db, Filters(), limit=0, count_every=True).count == DOCUMENTS


def test_a_word_in_more_passages_than_are_ranked_lists_the_best_of_the_newest(
    db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = search_documents(db, "servizi", limit=100)
    assert (everything.count, everything.count_exact) == (DOCUMENTS, True)
    # Each document has two passages holding the word: its text and its commitment.
    monkeypatch.setattr(search_module, "RANKED_PASSAGES", 6)
    capped = search_documents(db, "servizi", limit=100)
    listed = [hit.document_id for hit in capped.hits]
    newest = sorted(hit.document_id for hit in everything.hits)[-3:]
    assert sorted(listed) == newest  # the three documents stored last, and only they
    assert (capped.count, capped.count_exact, capped.next, capped.ranked_passages) == (3, False, None, 6)
    assert everything.ranked_passages is None
    # Among them, the order is bm25's, as without the cap.
    assert listed == [hit.document_id for hit in everything.hits if hit.document_id in newest]


def test_a_rarer_word_or_a_narrowing_filter_ranks_every_match(
    db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Half the documents are notices: their 8 passages are exactly as many as are ranked.
    monkeypatch.setattr(search_module, "RANKED_PASSAGES", DOCUMENTS)
    rare = search_documents(db, "laboratorio", limit=100)
    assert (rare.count, rare.count_exact) == (OLD_WITH_WORKSHOP, True)  # the oldest documents: none left out
    narrowed = search_documents(db, "servizi", Filters(doc_types=("avviso",)), limit=100)
    assert (narrowed.count, narrowed.count_exact, len(narrowed.hits)) == (DOCUMENTS // 2, True, DOCUMENTS // 2)
    assert not search_documents(db, "servizi", limit=100).count_exact


@pytest.mark.parametrize(
    ("kinds", "expected"), [(("scadenza",), DOCUMENTS), (("evento",), 0), (("evento", "scadenza"), DOCUMENTS)]
)
def test_a_count_of_items_of_some_kinds_is_of_those_listed(
    db: sqlite_utils.Database, kinds: tuple[str, ...], expected: int
) -> None:
    """The count is led by the kind's own index, the page by the order's: both see the same items."""
    page = deadlines_page(db, Filters(), DeadlineFilters(kinds=kinds), limit=100)
    assert (page.count, page.count_exact, len(page.rows)) == (expected, True, expected)
    assert all(row["kind"] in kinds for row in page.rows)
