"""The region-scale search benchmark on small generated databases: valid databases of the service's schema, kept
between runs, and the tables written."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from bench import search as bench
from service.store.categories import category_mask
from service.store.db import open_database, schema_version
from service.store.reader import load_extraction
from service.store.schema import MIGRATIONS
from service.store.search import stem_shadow
from service.store.tags import document_tags

SIZES = (20, 50)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Run the benchmark as ``make bench`` does, on two small sizes; the data folder and the Markdown it appended."""
    folder = tmp_path_factory.mktemp("bench")
    out = folder / "BENCH.md"
    out.write_text("# Benchmarks\n", encoding="utf-8")
    argv = ["bench.search", "--append", str(out), "--data", str(folder), "--sizes", *map(str, SIZES)]
    patch = pytest.MonkeyPatch()
    patch.setattr(sys, "argv", argv)
    patch.setattr(bench, "RUNS", 1)
    try:
        bench.main()
    finally:
        patch.undo()
    return folder, out.read_text(encoding="utf-8")


def test_the_generated_database_is_what_the_service_writes(run: tuple[Path, str]) -> None:
    folder, _ = run
    db = open_database(folder / f"search-g{bench.GENERATOR}-50" / "patti.db")
    try:
        assert schema_version(db) == len(MIGRATIONS)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.execute("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')")
        # 50: the documents stored and deleted again to time writing left nothing behind.
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 50
        indexed = [row[0] for row in db.execute("SELECT id FROM documents WHERE status = 'indexed'")]
        assert len(indexed) > 40
        for document_id in indexed:
            extraction = load_extraction(db, document_id)  # every item valid by the extraction contract
            assert extraction is not None and extraction.text
            mask = db.execute("SELECT categories FROM documents WHERE id = ?", [document_id]).fetchone()[0]
            assert mask == category_mask(area.category for area in extraction.work_areas)
            body, tags = db.execute(
                "SELECT body, tags FROM search_fts WHERE document_id = ? AND source = 'text'", [document_id]
            ).fetchone()
            assert body == stem_shadow(extraction.text)
            assert tags == db.execute(f"SELECT {document_tags('?')}", [document_id]).fetchone()[0]
            for item in [*extraction.parties, *extraction.comuni, *extraction.commitments, *extraction.dates]:
                (start, end), *_ = item.spans
                assert 0 <= start < end <= len(extraction.text)
            for commitment in extraction.commitments:
                (start, end), *_ = commitment.spans
                assert extraction.text[start:end] == commitment.text
    finally:
        db.close()


def test_a_database_is_kept_between_runs(run: tuple[Path, str]) -> None:
    folder, _ = run
    data, seconds, cached = bench.database(50, lambda: pytest.fail("a kept database is not generated again"), folder)
    assert cached and seconds >= 0 and (data / "patti.db").is_file()


def test_the_tables_are_written_with_a_column_per_size(run: tuple[Path, str]) -> None:
    _, markdown = run
    assert markdown.startswith("# Benchmarks\n")  # appended, not overwritten
    for title in (
        "### p50 (ms)", "### p95 (ms)", "### Storing a document (ms)", "### Databases",
        "### p95 of each request at 50 documents",
    ):  # fmt: skip
        assert title in markdown
    for row in ("store p50", "store p95", "delete p50", "delete p95"):
        assert re.search(rf"\| {row} \| \d+\.\d \| \d+\.\d \|", markdown), row
    assert "| route | 20 docs | 50 docs | growth |" in markdown
    for route in ("/search", "/commitments", "/deadlines"):
        assert f"| `{route}` |" in markdown
        assert f"| `GET {route}` over HTTP |" in markdown
