"""Browsing the database with Datasette: search box, facets and labels from the shipped metadata, FTS in step."""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import sqlite3
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from datasette.app import Datasette

from extractor.pipeline import extract_path
from models import Commitment, Extraction
from service.store import db as db_module
from service.store import items as items_module
from service.store import writer as writer_module
from service.store.db import open_database
from service.store.schema import MIGRATIONS
from service.store.writer import save_extraction
from tests.conftest import CORPUS

METADATA_PATH = Path(__file__).resolve().parents[2] / "service" / "datasette" / "metadata.json"
# A patto (Monza e Brianza), an intesa (Sesto San Giovanni) and an avviso without a title (Livorno).
NAMES = ("000_2733dd1fb8777219.txt", "003_8fd55254de6a5357.txt", "dev_02.txt")
# Generous limits: a slow machine must not turn a facet time-out into a failure.
SETTINGS = {"sql_time_limit_ms": 10_000, "facet_time_limit_ms": 10_000}
_WORD = re.compile(r"\w+")


def _words(text: str | None) -> set[str]:
    """The words FTS5's unicode61 tokenizer indexes (remove_diacritics 2): lower case, accents dropped."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text or "") if not unicodedata.combining(c))
    return {w.lower() for w in _WORD.findall(folded)}


def _save(db: sqlite_utils.Database, path: Path, extraction: Extraction | None = None) -> int:
    data = path.read_bytes()
    extraction = extraction or extract_path(path, source=path.name, include_text=True)
    return save_extraction(db, hashlib.sha256(data).hexdigest(), path.name, len(data), extraction)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("datasette") / "patti.db"
    db = open_database(path)
    for name in NAMES:
        _save(db, CORPUS / "dev" / name)
    db.conn.close()
    return path


@pytest.fixture(scope="module")
def metadata() -> dict[str, Any]:
    return dict(json.loads(METADATA_PATH.read_text(encoding="utf-8")))


@pytest.fixture
def ds(db_path: Path, metadata: dict[str, Any]) -> Datasette:
    return Datasette([str(db_path)], metadata=metadata, settings=SETTINGS)


@pytest.fixture
def conn(db_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(db_path)


def get(ds: Datasette, path: str) -> Any:
    """GET ``path`` from Datasette, which must answer 200; the parsed JSON (or the text for an HTML page)."""
    response = asyncio.run(ds.client.get(path))
    assert response.status_code == 200, (path, response.text[:500])
    return response.json() if ".json" in path else response.text


def _facet(data: dict[str, Any], column: str) -> dict[Any, int]:
    return {r["value"]: r["count"] for r in data["facet_results"][column]["results"]}


def test_search_box_finds_a_document_by_a_word_of_its_text(ds: Datasette, conn: sqlite3.Connection) -> None:
    # "centralita" without its accent must match "centralità", which only the intesa contains.
    texts = dict(conn.execute("SELECT file_name, text FROM documents").fetchall())
    assert [n for n, t in texts.items() if "centralita" in _words(t)] == [NAMES[1]]
    rows = get(ds, "/patti/documents.json?_search=centralita&_shape=objects")["rows"]
    assert [r["file_name"] for r in rows] == [NAMES[1]]
    rows = get(ds, "/patti/documents.json?_search=Collesalvetti&_shape=objects")["rows"]
    assert [r["file_name"] for r in rows] == [NAMES[2]]
    assert get(ds, "/patti/documents.json?_search=ornitorinco&_shape=objects")["rows"] == []


def test_search_box_on_commitments(ds: Datasette, conn: sqlite3.Connection) -> None:
    expected = {id_ for id_, text in conn.execute("SELECT id, text FROM commitments") if "impegnano" in _words(text)}
    assert expected  # the intesa's parties "si impegnano"
    rows = get(ds, "/patti/commitments.json?_search=impegnano&_shape=objects&_size=max")["rows"]
    assert {r["id"] for r in rows} == expected
    # Actors are indexed too: the intesa's signatories name the CGIL.
    by_actor = {id_ for id_, actor in conn.execute("SELECT id, actor FROM commitments") if "cgil" in _words(actor)}
    rows = get(ds, "/patti/commitments.json?_search_actor=CGIL&_shape=objects&_size=max")["rows"]
    assert by_actor and {r["id"] for r in rows} == by_actor


def test_the_view_searches_through_the_commitments_index(ds: Datasette, conn: sqlite3.Connection) -> None:
    rows = get(ds, "/patti/commitments_with_documents.json?_search=antenne&_shape=objects")["rows"]
    assert len(rows) == 1
    title = conn.execute("SELECT title FROM documents WHERE file_name = ?", [NAMES[1]]).fetchone()[0]
    assert rows[0]["document"] == title and rows[0]["doc_type"] == "intesa" and "antenne" in rows[0]["text"]


def test_default_facets_match_sql_counts(ds: Datasette, conn: sqlite3.Connection) -> None:
    documents = get(ds, "/patti/documents.json?_shape=objects")
    # doc_type, year and status come from the metadata, not from the query string.
    assert {"doc_type", "year", "status"} <= set(documents["facet_results"])
    assert _facet(documents, "doc_type") == dict(
        conn.execute("SELECT doc_type, count(*) FROM documents WHERE doc_type IS NOT NULL GROUP BY doc_type")
    )
    assert _facet(documents, "doc_type") == {"patto": 1, "intesa": 1, "avviso": 1}
    commitments = get(ds, "/patti/commitments.json?_shape=objects")
    expected = dict(
        conn.execute("SELECT category, count(*) FROM commitments WHERE category IS NOT NULL GROUP BY category")
    )
    assert len(expected) > 3 and _facet(commitments, "category") == expected


def test_facets_follow_the_search(ds: Datasette) -> None:
    data = get(ds, "/patti/documents.json?_search=Collesalvetti&_facet=doc_type&_shape=objects")
    assert _facet(data, "doc_type") == {"avviso": 1}


def test_foreign_keys_show_labels(ds: Datasette, conn: sqlite3.Connection) -> None:
    labels = dict(conn.execute("SELECT id, coalesce(title, file_name) FROM documents"))
    rows = get(ds, "/patti/commitments.json?_labels=on&_shape=objects&_size=max")["rows"]
    assert rows and all(r["document_id"]["label"] == labels[r["document_id"]["value"]] for r in rows)
    # The avviso has no title: its label falls back to the file name, not "None".
    assert NAMES[2] in {r["document_id"]["label"] for r in rows}
    names = dict(conn.execute("SELECT id, name FROM organisations"))
    rows = get(ds, "/patti/parties.json?_labels=on&organisation_id__notblank=1&_shape=objects&_size=max")["rows"]
    assert rows and all(r["organisation_id"]["label"] == names[r["organisation_id"]["value"]] for r in rows)
    assert "Forum del Terzo Settore" in {r["organisation_id"]["label"] for r in rows}


def test_table_page_renders_with_search_form(ds: Datasette) -> None:
    for table in ("documents", "commitments", "commitments_with_documents"):
        html = get(ds, f"/patti/{table}")
        assert 'name="_search"' in html, table
    html = get(ds, "/patti/commitments?_search=impegnano&_labels=on")
    assert "impegnano" in html and "Atto di intesa" in html


def test_internal_tables_are_hidden(ds: Datasette) -> None:
    tables = {t["name"]: t for t in get(ds, "/patti.json")["tables"]}
    for name in ("search_fts", "search_fts_data", "documents_fts", "commitments_fts_idx", "jobs"):
        assert tables[name]["hidden"], name
    for name in ("documents", "commitments", "parties", "organisations", "comuni", "dated_items"):
        assert not tables[name]["hidden"], name
    assert tables["documents"]["fts_table"] == "documents_fts"
    assert tables["commitments"]["fts_table"] == "commitments_fts"


def test_metadata_names_only_real_tables_and_columns(metadata: dict[str, Any], conn: sqlite3.Connection) -> None:
    for table, config in metadata["databases"]["patti"]["tables"].items():
        columns = {row[1] for row in conn.execute(f"PRAGMA table_xinfo({table})")}
        assert columns, table
        named = [
            *config.get("facets", []),
            *config.get("sortable_columns", []),
            *config.get("columns", {}),
            *[config[key] for key in ("label_column", "sort_desc", "sort", "fts_pk") if key in config],
        ]
        assert set(named) <= columns, (table, set(named) - columns)
        if "fts_table" in config:
            assert conn.execute(f"PRAGMA table_info({config['fts_table']})").fetchall(), table


def _integrity_check(conn: sqlite3.Connection, table: str) -> None:
    # rank = 1 also compares the index with the content table; without it a stale external index passes.
    conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")


def _matches(conn: sqlite3.Connection, table: str, word: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", [word]).fetchone()[0])


def _indexed_rows(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table}_docsize").fetchone()[0])


def test_re_saving_and_deleting_keep_the_indexes_in_step(tmp_path: Path) -> None:
    db = open_database(tmp_path / "patti.db")
    conn = db.conn
    path = CORPUS / "dev" / NAMES[1]
    extraction = extract_path(path, source=path.name, include_text=True)
    document_id = _save(db, path, extraction)
    _save(db, CORPUS / "dev" / NAMES[2])
    assert _matches(conn, "commitments_fts", "antenne") == 1
    kept = [c for c in extraction.commitments if "antenne" not in c.text]
    changed = extraction.model_copy(
        update={
            "title": "Intesa rinnovata",
            "commitments": [*kept, Commitment(text="Le parti adottano un ornitorinco.", actor="Comune di Lecco")],
        }
    )
    assert _save(db, path, changed) == document_id  # an upsert: ON CONFLICT DO UPDATE
    for table in ("commitments_fts", "documents_fts"):
        _integrity_check(conn, table)
    assert _matches(conn, "commitments_fts", "antenne") == 0
    assert _matches(conn, "commitments_fts", "ornitorinco") == 1
    assert _matches(conn, "commitments_fts", "actor:lecco") == 1
    assert _matches(conn, "documents_fts", "title:rinnovata") == 1
    assert _matches(conn, "documents_fts", 'title:"atto di intesa"') == 0
    assert _indexed_rows(conn, "commitments_fts") == conn.execute("SELECT count(*) FROM commitments").fetchone()[0]

    conn.execute("DELETE FROM documents WHERE id = ?", [document_id])  # items go by ON DELETE CASCADE
    for table in ("commitments_fts", "documents_fts"):
        _integrity_check(conn, table)
    assert _matches(conn, "commitments_fts", "ornitorinco") == 0
    assert _matches(conn, "documents_fts", "centralita") == 0
    assert _indexed_rows(conn, "documents_fts") == 1
    assert _indexed_rows(conn, "commitments_fts") == conn.execute("SELECT count(*) FROM commitments").fetchone()[0]


def test_a_status_change_keeps_the_document_index(tmp_path: Path) -> None:
    db = open_database(tmp_path / "patti.db")
    document_id = _save(db, CORPUS / "dev" / NAMES[2])
    db.conn.execute("UPDATE documents SET status = 'queued' WHERE id = ?", [document_id])
    _integrity_check(db.conn, "documents_fts")
    assert _matches(db.conn, "documents_fts", "collesalvetti") == 1


def test_migration_backfills_existing_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "patti.db"
    version = next(i for i, statements in enumerate(MIGRATIONS) if any("documents_fts" in s for s in statements))
    monkeypatch.setattr(db_module, "MIGRATIONS", MIGRATIONS[:version])
    old = open_database(path)
    monkeypatch.setattr(db_module, "MIGRATIONS", MIGRATIONS)
    # Write as that version's writer did: without the columns later migrations added (how a document was read),
    # without placing its content among the documents stored (content identity), applying corrections, looking up
    # the organisations registry's other names or marking the document's categories on its row; its search rows
    # (of another shape then) are not what this test reads.
    monkeypatch.setattr(writer_module, "_reading_columns", lambda _extraction: {})
    monkeypatch.setattr(writer_module, "_place_content", lambda _conn, document_id, _extraction: (document_id, True))
    monkeypatch.setattr(writer_module, "over_corrections", lambda _conn, _document_id, extraction: extraction)
    monkeypatch.setattr(items_module, "organisation_for", lambda _conn, _name: None)
    monkeypatch.setattr(items_module, "refresh_categories", lambda _conn, _document_id: None)
    monkeypatch.setattr(items_module, "_index_text", lambda _conn, _document_id, _text: None)
    _save(old, CORPUS / "dev" / NAMES[1])
    monkeypatch.undo()
    old.conn.close()
    db = open_database(path)
    for table in ("commitments_fts", "documents_fts"):
        _integrity_check(db.conn, table)
    assert _matches(db.conn, "documents_fts", "centralita") == 1
    assert _matches(db.conn, "commitments_fts", "antenne") == 1
