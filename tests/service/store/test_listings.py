"""The commitments listing: a word narrows it without changing its order or what each row says."""

from __future__ import annotations

import hashlib
import random
from datetime import date

import pytest
import sqlite_utils

from models import Commitment, Extraction
from service.store.db import open_database
from service.store.filters import Filters
from service.store.listings import COMMITMENT_ORDERS, commitments_page
from service.store.writer import save_extraction

PHRASES = [
    "Il Comune garantisce i servizi domiciliari",
    "Le parti si impegnano a sostenere le famiglie",
    "L'Ambito promuove i servizi per la disabilità",
    "La cooperativa attiva un laboratorio per giovani",
    "I sindacati monitorano i servizi e le tariffe",
]
CATEGORIES = [None, "disabilita", "famiglia_minori", "giovani"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> sqlite_utils.Database:
    database = open_database(tmp_path_factory.mktemp("listings") / "patti.db")
    rng = random.Random(3)
    for number in range(24):
        commitments = [
            Commitment(text=rng.choice(PHRASES), category=rng.choice(CATEGORIES))  # type: ignore[arg-type]
            for _ in range(rng.randint(0, 4))
        ]
        extraction = Extraction(
            source=f"c{number}",
            extractor_version="test",
            doc_type=rng.choice(["patto", "avviso"]),
            date=date(2020 + number % 3, 1 + number % 12, 1) if number % 5 else None,  # some undated
            commitments=commitments,
        )
        save_extraction(database, hashlib.sha256(f"c{number}".encode()).hexdigest(), f"c{number}.txt", 1, extraction)
    return database


@pytest.mark.parametrize("sort", sorted(COMMITMENT_ORDERS))
@pytest.mark.parametrize("filters", [Filters(), Filters(doc_types=("patto",))], ids=repr)
def test_commitments_holding_a_word_keep_the_listings_order_and_rows(
    db: sqlite_utils.Database, sort: str, filters: Filters
) -> None:
    everything = commitments_page(db, filters, None, sort, limit=500).rows
    holding = commitments_page(db, filters, "servizi", sort, limit=500).rows
    assert 3 <= len(holding) < len(everything)
    assert all("servizi" in row["text"] for row in holding)
    ids = {row["id"] for row in holding}
    assert holding == [row for row in everything if row["id"] in ids]


@pytest.mark.parametrize("sort", sorted(COMMITMENT_ORDERS))
def test_pages_of_commitments_holding_a_word_follow_each_other(db: sqlite_utils.Database, sort: str) -> None:
    whole = [row["id"] for row in commitments_page(db, Filters(), "servizi", sort, limit=500).rows]
    walked: list[int] = []
    page = commitments_page(db, Filters(), "servizi", sort, limit=2)
    while True:
        walked += [row["id"] for row in page.rows]
        if page.next is None:
            break
        page = commitments_page(db, Filters(), "servizi", sort, limit=2, after=page.next)
    assert walked == whole


def test_a_deep_offset_of_commitments_holding_a_word(db: sqlite_utils.Database) -> None:
    whole = [row["id"] for row in commitments_page(db, Filters(), "servizi", limit=500).rows]
    assert [row["id"] for row in commitments_page(db, Filters(), "servizi", limit=3, offset=4).rows] == whole[4:7]
