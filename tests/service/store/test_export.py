"""Exporting tables: every table from real extractions, unknown names, empty databases and awkward text."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from extractor.pipeline import extract_path
from models import Commitment, Extraction
from service.store.export import EXPORT_TABLES, export_rows, write_csv, write_json
from service.store.writer import save_extraction
from tests.conftest import CORPUS

Extracted = tuple[Extraction, tuple[int, ...]]
INTESA = CORPUS / "dev" / "003_8fd55254de6a5357.txt"
# The storage table behind each export table.
STORED = {
    "parties": "parties",
    "comuni": "document_comuni",
    "ambiti": "ambiti",
    "dates": "dated_items",
    "work_areas": "work_areas",
    "commitments": "commitments",
    "legal_refs": "legal_refs",
    "contacts": "contacts",
    "people": "people",
    "periods": "periods",
    "documents": "documents",
    "organisations": "organisations",
}
DOCUMENT_COLUMNS = ("document_sha256", "document_file_name", "document_title", "document_doc_type", "document_date")
AWKWARD = 'Città di Forlì, "Comunità" e società;\nseconda riga, con virgola'


def _sha(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


@pytest.fixture(scope="module")
def intesa() -> Extraction:
    return extract_path(INTESA, source=INTESA.name, include_text=True)


@pytest.fixture
def full_db(db: sqlite_utils.Database, text_extraction: Extracted, intesa: Extraction) -> sqlite_utils.Database:
    # Between them the avviso and the intesa fill every item table.
    extraction, starts = text_extraction
    save_extraction(db, _sha("avviso"), "avviso.txt", 10, extraction, starts)
    save_extraction(db, _sha("intesa"), INTESA.name, 20, intesa)
    return db


def _csv(rows: Any, columns: tuple[str, ...] = ()) -> list[list[str]]:
    out = io.StringIO(newline="")
    write_csv(rows, out, columns)
    return list(csv.reader(io.StringIO(out.getvalue(), newline="")))


def _json(rows: Any) -> Any:
    out = io.StringIO()
    write_json(rows, out)
    return json.loads(out.getvalue())


def test_every_storage_table_is_exported() -> None:
    assert set(EXPORT_TABLES) == set(STORED)


@pytest.mark.parametrize("table", list(EXPORT_TABLES))
def test_export_every_table(full_db: sqlite_utils.Database, table: str) -> None:
    rows = list(export_rows(full_db, table))
    stored = full_db.execute(f"SELECT count(*) FROM {STORED[table]}").fetchone()[0]
    assert stored and len(rows) == stored
    columns = EXPORT_TABLES[table].columns
    assert all(tuple(row) == columns for row in rows)
    assert "text" not in columns or table != "documents"
    if table not in ("documents", "organisations"):
        assert set(DOCUMENT_COLUMNS) <= set(columns)
        titles = dict(full_db.execute("SELECT sha256, title FROM documents").fetchall())
        assert all(row["document_title"] == titles[row["document_sha256"]] for row in rows)
        assert all(isinstance(json.loads(row["spans"]), list) for row in rows)
        # Extraction order within each document.
        keys = [(row["document_id"], row["position"]) for row in rows]
        assert keys == sorted(keys)
    csv_rows = _csv(iter(rows))
    assert tuple(csv_rows[0]) == columns and len(csv_rows) == len(rows) + 1
    assert _json(iter(rows)) == rows


def test_documents_leave_out_the_text(full_db: sqlite_utils.Database) -> None:
    columns = EXPORT_TABLES["documents"].columns
    assert "text" not in columns and "page_starts" not in columns
    assert {"sha256", "file_name", "title", "doc_type", "date", "status"} <= set(columns)


def test_parties_carry_the_canonical_organisation(full_db: sqlite_utils.Database, intesa: Extraction) -> None:
    rows = [r for r in export_rows(full_db, "parties") if r["document_file_name"] == INTESA.name]
    assert [(r["name"], r["organisation"]) for r in rows] == [(p.name, p.canonical) for p in intesa.parties]


def test_comuni_carry_the_istat_region(full_db: sqlite_utils.Database, text_extraction: Extracted) -> None:
    rows = [r for r in export_rows(full_db, "comuni") if r["istat"]]
    assert rows and all(r["region"] and r["province"] for r in rows)


@pytest.mark.parametrize("name", ["nope", "documents; DROP TABLE documents", "search_fts", "jobs", "document_comuni"])
def test_unknown_table(db: sqlite_utils.Database, name: str) -> None:
    with pytest.raises(ValueError, match="unknown table"):
        export_rows(db, name)  # at the call, before any row is read


@pytest.mark.parametrize("table", list(EXPORT_TABLES))
def test_empty_database(db: sqlite_utils.Database, table: str) -> None:
    assert _csv(export_rows(db, table), EXPORT_TABLES[table].columns) == [list(EXPORT_TABLES[table].columns)]
    assert _json(export_rows(db, table)) == []


def test_empty_json_is_an_empty_array() -> None:
    out = io.StringIO()
    write_json(iter([]), out)
    assert json.loads(out.getvalue()) == [] and out.getvalue().strip() == "[]"


def test_accents_quotes_commas_and_newlines_round_trip(db: sqlite_utils.Database, intesa: Extraction) -> None:
    awkward = intesa.model_copy(
        update={"title": AWKWARD, "commitments": [Commitment(text=AWKWARD, actor="Comune di Forlì, capofila")]}
    )
    save_extraction(db, _sha("awkward"), 'però, "sì".txt', 1, awkward)
    rows = list(export_rows(db, "commitments"))
    assert rows[0]["text"] == AWKWARD and rows[0]["document_title"] == AWKWARD
    header, *body = _csv(iter(rows))
    assert [dict(zip(header, line, strict=True)) for line in body] == [
        {k: "" if v is None else str(v) for k, v in row.items()} for row in rows
    ]
    out = io.StringIO()
    write_json(iter(rows), out)
    assert "Città" in out.getvalue()  # ensure_ascii=False: accents stay readable
    assert json.loads(out.getvalue()) == rows


def test_export_rows_streams(full_db: sqlite_utils.Database) -> None:
    rows = export_rows(full_db, "parties")
    assert isinstance(rows, Iterator)
    first = next(rows)
    assert first["document_sha256"] and first["position"] == 0
    assert len(list(rows)) == full_db.execute("SELECT count(*) FROM parties").fetchone()[0] - 1


@pytest.mark.parametrize("writer", [write_json, write_csv])
def test_writers_write_each_row_before_reading_the_next(writer: Any) -> None:
    out = io.StringIO(newline="")

    def rows() -> Iterator[dict[str, Any]]:
        for i in range(3):
            if i > 1:  # the row before the last one is out already
                assert f"{i - 1}" in out.getvalue()
            yield {"n": i}

    writer(rows(), out)
    assert "2" in out.getvalue()


def test_real_file_round_trip(full_db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = tmp_path / "commitments.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        write_csv(export_rows(full_db, "commitments"), out)
    with path.open(encoding="utf-8", newline="") as f:
        read = list(csv.DictReader(f))
    assert [r["text"] for r in read] == [r["text"] for r in export_rows(full_db, "commitments")]
