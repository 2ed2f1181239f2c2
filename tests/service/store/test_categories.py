"""Each document's work-area categories as bits on its row: the mask, kept in step with the document's work areas,
and filled in for databases made before it."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import get_args

import pytest

from models import Extraction, WorkArea
from models.extraction import Category
from service.store import db as db_module
from service.store.categories import CATEGORY_BITS, category_mask
from service.store.db import open_database, transaction
from service.store.filters import Filters
from service.store.items import clear_items, replace_items
from service.store.schema import MIGRATIONS
from service.store.search import search_documents
from service.store.writer import save_extraction

# Stored masks depend on this order: a category may be added at the end, never moved.
STORED_ORDER = [
    "famiglia_minori", "giovani", "anziani_non_autosufficienza", "disabilita", "poverta_esclusione", "abitare",
    "lavoro_formazione", "immigrazione", "salute_sociosanitario", "dipendenze", "violenza_genere_pari_opportunita",
    "educazione_istruzione", "comunita_partecipazione", "governance", "altro",
]  # fmt: skip


def test_the_bits_keep_the_order_masks_were_stored_in() -> None:
    assert list(get_args(Category))[: len(STORED_ORDER)] == STORED_ORDER
    assert list(CATEGORY_BITS.values()) == [1 << i for i in range(len(CATEGORY_BITS))]


@pytest.mark.parametrize(
    ("categories", "mask"),
    [
        ([], 0),
        (["famiglia_minori"], 1),
        (["disabilita", "giovani"], 2 | 8),
        (["abitare", "abitare"], 32),
        (["altro"], 1 << 14),
        (["non_esiste"], 0),
        (["non_esiste", "governance"], 1 << 13),
    ],
)
def test_category_mask(categories: list[str], mask: int) -> None:
    assert category_mask(categories) == mask


def _areas(*categories: str) -> list[WorkArea]:
    return [WorkArea(label=f"Area {c}", category=c) for c in categories]  # type: ignore[arg-type]


def _mask(db, document_id: int) -> int:
    return int(db.execute("SELECT categories FROM documents WHERE id = ?", [document_id]).fetchone()[0])


def test_the_mask_follows_the_documents_work_areas(tmp_path: Path) -> None:
    db = open_database(tmp_path / "patti.db")
    extraction = Extraction(
        source="a", extractor_version="t", text="asilo nido mensa", work_areas=_areas("giovani", "abitare", "giovani")
    )
    document_id = save_extraction(db, hashlib.sha256(b"a").hexdigest(), "a.txt", 1, extraction)
    assert _mask(db, document_id) == category_mask(["giovani", "abitare"])
    assert [h.document_id for h in search_documents(db, None, Filters(categories=("abitare",))).hits] == [document_id]
    with transaction(db) as conn:  # a correction or a new extraction replaces the items
        replace_items(conn, document_id, extraction.model_copy(update={"work_areas": _areas("disabilita")}), "x")
    assert _mask(db, document_id) == category_mask(["disabilita"])
    assert search_documents(db, None, Filters(categories=("abitare",))).hits == []
    with transaction(db) as conn:
        clear_items(conn, document_id)
    assert _mask(db, document_id) == 0


def test_a_database_made_before_the_mask_gets_it_from_its_work_areas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    version = next(i for i, statements in enumerate(MIGRATIONS) if any("categories INTEGER" in s for s in statements))
    monkeypatch.setattr(db_module, "MIGRATIONS", MIGRATIONS[:version])
    old = open_database(tmp_path / "patti.db")
    old.conn.execute("INSERT INTO documents (id, sha256, file_name, size, status) VALUES (7, 'x', 'a', 1, 'indexed')")
    for position, category in enumerate(["dipendenze", "governance", "dipendenze"]):
        old.conn.execute(
            "INSERT INTO work_areas (document_id, position, label, category) VALUES (7, ?, 'x', ?)",
            [position, category],
        )
    old.conn.execute("INSERT INTO documents (id, sha256, file_name, size, status) VALUES (8, 'y', 'b', 1, 'indexed')")
    old.conn.commit()
    old.conn.close()
    monkeypatch.setattr(db_module, "MIGRATIONS", MIGRATIONS)
    db = open_database(tmp_path / "patti.db")
    assert _mask(db, 7) == category_mask(["dipendenze", "governance"])
    assert _mask(db, 8) == 0
    assert [h.document_id for h in search_documents(db, None, Filters(categories=("governance",))).hits] == [7]
