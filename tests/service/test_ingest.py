"""The `patti ingest` and `patti search` commands, on a real database file in tmp_path."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import sqlite_utils

from service import ingest as ingest_module
from service.cli import EXIT_INPUT_FAILED, EXIT_OK, EXIT_USAGE, main
from service.store.db import open_database
from service.store.files import display_name, file_path, sha256_of
from tests.conftest import CORPUS, NOTICE

TEXTS = ("000_2733dd1fb8777219.txt", "003_8fd55254de6a5357.txt")  # 003 says "si impegnano"
PDFS = ("001_3d6264becc58feda.pdf", "004_5ec950a74276fcf7.pdf")


def run(*argv: str) -> tuple[int, list[dict]]:
    out = io.StringIO()
    status = main(list(argv), out=out)
    return status, [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


def documents(data: Path) -> dict[str, dict]:
    """The documents table by sha256."""
    db = open_database(data / "patti.db")
    try:
        return {row["sha256"]: row for row in db["documents"].rows}
    finally:
        db.close()


@pytest.fixture(scope="module")
def corpus_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inbox")
    for name in TEXTS:
        shutil.copy(CORPUS / "dev" / name, folder / name)
    (folder / "pdf").mkdir()
    for name in PDFS:
        shutil.copy(CORPUS / "pdf" / "one_column" / name, folder / "pdf" / name)
    (folder / ".hidden.txt").write_text(NOTICE, encoding="utf-8")
    (folder / ".cache").mkdir()
    (folder / ".cache" / "skip.txt").write_text(NOTICE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def ingested(corpus_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, list[dict]]:
    data = tmp_path_factory.mktemp("data")
    status, lines = run("ingest", str(corpus_folder), "--data-dir", str(data))
    return data, status, lines


def test_folder_is_walked_sorted_and_every_file_indexed(corpus_folder: Path, ingested) -> None:
    data, status, lines = ingested
    assert status == EXIT_OK
    expected = [str(corpus_folder / n) for n in TEXTS] + [str(corpus_folder / "pdf" / n) for n in PDFS]
    assert [line["source"] for line in lines] == expected  # hidden files and folders skipped
    assert {line["status"] for line in lines} == {"indexed"}
    assert all(line["error"] is None for line in lines)
    assert len({line["document_id"] for line in lines}) == 4
    rows = documents(data)
    for line in lines:
        content = Path(line["source"]).read_bytes()
        assert line["sha256"] == sha256_of(content)
        assert file_path(data, line["sha256"]).read_bytes() == content  # original kept content-addressed
        row = rows[line["sha256"]]
        assert row["id"] == line["document_id"]
        assert row["status"] == "indexed" and row["text"]
        assert row["file_name"] == Path(line["source"]).name
        assert row["size"] == len(content)
        if line["source"].endswith(".pdf"):
            assert row["pages"] >= 1 and len(json.loads(row["page_starts"])) == row["pages"]
        else:
            assert row["pages"] is None and json.loads(row["page_starts"]) == []


def test_items_are_stored_with_pages(ingested) -> None:
    data, _, lines = ingested
    pdf_id = next(line["document_id"] for line in lines if line["source"].endswith(PDFS[1]))
    db = open_database(data / "patti.db")
    try:
        pages = [row[0] for row in db.execute("SELECT page FROM dated_items WHERE document_id = ?", [pdf_id])]
        commitments = db.execute("SELECT count(*) FROM commitments WHERE document_id = ?", [pdf_id]).fetchone()[0]
    finally:
        db.close()
    assert pages and all(page >= 1 for page in pages)
    assert commitments > 0


def test_reingest_is_duplicate_and_same_bytes_are_one_document(corpus_folder: Path, ingested, tmp_path: Path) -> None:
    data, _, first = ingested
    copy = tmp_path / "copia con altro nome.txt"
    shutil.copy(corpus_folder / TEXTS[0], copy)
    status, lines = run("ingest", str(corpus_folder), str(copy), "--data-dir", str(data))
    assert status == EXIT_OK
    assert [line["status"] for line in lines] == ["duplicate"] * 5
    assert [line["document_id"] for line in lines[:4]] == [line["document_id"] for line in first]
    assert lines[4]["document_id"] == first[0]["document_id"]
    assert len(documents(data)) == 4


def test_force_re_extracts_keeping_ids(tmp_path: Path, notice_file: Path) -> None:
    data = tmp_path / "data"
    _, (first,) = run("ingest", str(notice_file), "--data-dir", str(data))
    _, (again,) = run("ingest", str(notice_file), "--data-dir", str(data))
    assert (first["status"], again["status"]) == ("indexed", "duplicate")
    status, (forced,) = run("ingest", "--force", str(notice_file), "--data-dir", str(data))
    assert status == EXIT_OK
    assert forced["status"] == "indexed" and forced["document_id"] == first["document_id"]
    db = open_database(data / "patti.db")
    try:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
        # Items replaced, not doubled.
        assert db.execute("SELECT count(*) FROM dated_items").fetchone()[0] == 1
        # Another extractor version re-extracts without --force.
        db.execute("UPDATE documents SET extractor_version = '0.0.0'")
    finally:
        db.close()
    _, (newer,) = run("ingest", str(notice_file), "--data-dir", str(data))
    assert newer["status"] == "indexed" and newer["document_id"] == first["document_id"]


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "empty_file"),
        ("blank.txt", b"   \n\n  \t", "empty_file"),
        ("fake.pdf", b"Questo non e' un PDF, solo testo.", "pdf_invalid"),
        ("garbage.bin", bytes(range(256)) * 40, "not_text"),
        ("letter.docx", b"PK\x03\x04" + b"\x00" * 64, "unsupported_format"),
        ("header-only.pdf", b"%PDF-1.7\n", "pdf_truncated"),
    ],
)
def test_a_bad_file_among_good_ones_is_stored_as_failed(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a_avviso.txt").write_text(NOTICE, encoding="utf-8")
    (folder / name).write_bytes(data)
    (folder / "z_avviso.txt").write_text(NOTICE + "\nSeconda copia.\n", encoding="utf-8")
    store = tmp_path / "data"
    status, lines = run("ingest", str(folder), "--data-dir", str(store))
    assert status == EXIT_INPUT_FAILED
    by_source = {Path(line["source"]).name: line for line in lines}
    assert [by_source[n]["status"] for n in ("a_avviso.txt", "z_avviso.txt")] == ["indexed", "indexed"]
    bad = by_source[name]
    assert bad["status"] == "failed"
    assert bad["error"]["code"] == code and bad["error"]["message"]
    assert bad["sha256"] == sha256_of(data) and bad["document_id"]
    row = documents(store)[bad["sha256"]]
    assert (row["status"], row["error_code"], row["file_name"]) == ("failed", code, name)
    assert row["id"] == bad["document_id"]
    assert file_path(store, bad["sha256"]).read_bytes() == data


def test_missing_path_is_reported_and_the_others_ingested(tmp_path: Path, notice_file: Path) -> None:
    data = tmp_path / "data"
    missing = tmp_path / "nope.pdf"
    status, lines = run("ingest", str(missing), str(notice_file), "--data-dir", str(data))
    assert status == EXIT_INPUT_FAILED
    assert lines[0] == {
        "source": str(missing),
        "sha256": None,
        "document_id": None,
        "job_id": None,
        "status": "failed",
        "error": {"code": "not_found", "message": f"the file does not exist: {missing}"},
        "duplicate_of": None,
    }
    assert lines[1]["status"] == "indexed"
    assert len(documents(data)) == 1  # no content, nothing to record


def test_too_large_is_recorded_without_keeping_the_original(
    tmp_path: Path, notice_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_module, "MAX_BYTES", 10)
    data = tmp_path / "data"
    status, (line,) = run("ingest", str(notice_file), "--data-dir", str(data))
    assert status == EXIT_INPUT_FAILED
    assert line["error"]["code"] == "too_large"
    assert line["sha256"] == sha256_of(notice_file.read_bytes())
    assert documents(data)[line["sha256"]]["error_code"] == "too_large"
    assert not file_path(data, line["sha256"]).exists()


def test_hostile_file_names_are_display_names_only(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    names = ["a;b $(rm -rf x) `id` 'q'.txt", "--force.txt", "riga\nnuova\u202e.txt", "<script>.txt"]
    for i, name in enumerate(names):
        (folder / name).write_text(f"Firmato a Lecco il {i + 3} marzo 2021.", encoding="utf-8")
    data = tmp_path / "data"
    status, lines = run("ingest", str(folder), "--data-dir", str(data))
    assert status == EXIT_OK
    assert sorted(Path(line["source"]).name for line in lines) == sorted(names)
    assert sorted(row["file_name"] for row in documents(data).values()) == sorted(display_name(n) for n in names)
    assert "rigannuova.txt" not in {row["file_name"] for row in documents(data).values()}
    assert "riganuova.txt" in {row["file_name"] for row in documents(data).values()}  # newline and RLO dropped
    stored = {p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file()}
    originals = {p for p in stored if p.startswith("files/")}
    assert originals == {f"files/{line['sha256'][:2]}/{line['sha256']}.bin" for line in lines}
    assert stored - originals <= {"patti.db", "patti.db-wal", "patti.db-shm"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "inbox"]


def test_data_folder_from_environment(tmp_path: Path, notice_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "from-env"
    monkeypatch.setenv("PATTI_DATA_DIR", str(data))
    status, (line,) = run("ingest", str(notice_file))
    assert status == EXIT_OK and line["status"] == "indexed"
    assert (data / "patti.db").is_file()
    status, hits = run("search", "domanda")
    assert status == EXIT_OK and hits[0]["document_id"] == line["document_id"]


def test_search_finds_italian_word_forms(ingested) -> None:
    data, _, lines = ingested
    status, hits = run("search", "impegno", "--data-dir", str(data))
    assert status == EXIT_OK and hits
    assert {"document_id", "file_name", "title", "doc_type", "date", "rank", "snippet"} == set(hits[0])
    assert TEXTS[1] in {hit["file_name"] for hit in hits}
    assert all("[impegn" in hit["snippet"].lower() for hit in hits)
    ids = {line["document_id"] for line in lines}
    assert {hit["document_id"] for hit in hits} <= ids
    assert [hit["rank"] for hit in hits] == sorted(hit["rank"] for hit in hits)
    _, (best,) = run("search", "impegno", "--data-dir", str(data), "--limit", "1")
    assert best == hits[0]


def test_search_without_hits_is_empty(ingested) -> None:
    data, _, _ = ingested
    assert run("search", "ornitorinco", "--data-dir", str(data)) == (EXIT_OK, [])


@pytest.mark.parametrize("query", ['"', "*", "()", "-- ;", "x" * 600, " ".join(f"w{i}" for i in range(20))])
def test_hostile_queries_exit_2_with_a_message(ingested, query: str, capsys: pytest.CaptureFixture[str]) -> None:
    data, _, _ = ingested
    assert run("search", query, "--data-dir", str(data)) == (EXIT_USAGE, [])
    assert "invalid query" in capsys.readouterr().err


@pytest.mark.parametrize(
    "query", ['impegno" OR "x', "NEAR(impegno famiglia)", "impegn*", "title:impegno", "a AND NOT b"]
)
def test_search_syntax_is_never_interpreted(ingested, query: str) -> None:
    data, _, _ = ingested
    status, _ = run("search", query, "--data-dir", str(data))
    assert status == EXIT_OK


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_query_lists_every_document(ingested, query: str) -> None:
    data, _, lines = ingested
    status, hits = run("search", query, "--data-dir", str(data), "--limit", "100")
    assert status == EXIT_OK
    assert {hit["document_id"] for hit in hits} == {line["document_id"] for line in lines}


def test_search_filters_and_facets(ingested) -> None:
    data, _, _ = ingested
    status, lines = run("search", "", "--data-dir", str(data), "--facets")
    assert status == EXIT_OK
    summary = lines[-1]
    assert summary["count"] == len(lines) - 1
    assert summary["facets_over"] == summary["count"]  # a small store: the facets count every result
    doc_type, _label, count = summary["facets"]["doc_type"][0]
    _, narrowed = run("search", "", "--data-dir", str(data), "--doc-type", doc_type, "--limit", "100")
    assert len(narrowed) == count and {hit["doc_type"] for hit in narrowed} == {doc_type}
    istat = summary["facets"]["comune"][0][0]
    _, by_code = run("search", "", "--data-dir", str(data), "--comune", istat)
    assert len(by_code) == summary["facets"]["comune"][0][2]


@pytest.mark.parametrize(
    "argv",
    [["--comune", "Nessunluogo"], ["--comune", "000000"], ["--from", "2024-02-30"], ["--doc-type", "romanzo"],
     ["--from", "2025-01-01", "--to", "2024-01-01"], ["--offset", "-1"]],
)  # fmt: skip
def test_bad_filters_exit_2(ingested, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    data, _, _ = ingested
    assert run("search", "impegno", "--data-dir", str(data), *argv) == (EXIT_USAGE, [])
    assert capsys.readouterr().err


def test_search_before_any_ingest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert run("search", "impegno", "--data-dir", str(data)) == (EXIT_INPUT_FAILED, [])
    err = capsys.readouterr().err
    assert "no database" in err and "patti ingest" in err
    assert not data.exists()


def test_search_on_a_corrupt_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "patti.db").write_bytes(b"not a database" * 100)
    assert run("search", "impegno", "--data-dir", str(tmp_path)) == (EXIT_INPUT_FAILED, [])
    assert "not a database" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv", [["ingest"], ["search"], ["search", "x", "--limit", "0"], ["search", "x", "--limit", "many"]]
)
def test_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv, out=io.StringIO()) == EXIT_USAGE
    assert "usage" in capsys.readouterr().err


def test_installed_command_end_to_end(notice_file: Path, tmp_path: Path, patti_command: str) -> None:
    """The real console script: ingest, search, a bad query, as a user runs them."""
    patti = patti_command
    data = tmp_path / "data"
    missing = tmp_path / "missing.txt"

    def patti_run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([patti, *argv], capture_output=True, text=True, timeout=120)

    proc = patti_run("ingest", str(notice_file), str(missing), "--data-dir", str(data))
    assert proc.returncode == EXIT_INPUT_FAILED
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(o["source"], o["status"]) for o in lines] == [(str(notice_file), "indexed"), (str(missing), "failed")]
    assert lines[1]["error"]["code"] == "not_found"

    proc = patti_run("search", "domande", "--data-dir", str(data))
    assert proc.returncode == EXIT_OK
    (hit,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert hit["document_id"] == lines[0]["document_id"] and hit["file_name"] == "avviso.txt"

    proc = patti_run("search", "***", "--data-dir", str(data))
    assert proc.returncode == EXIT_USAGE and "invalid query" in proc.stderr and not proc.stdout


def test_database_is_a_real_sqlite_file(ingested) -> None:
    data, _, _ = ingested
    db = sqlite_utils.Database(data / "patti.db")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()


def test_data_folder_inside_an_ingested_folder_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "avviso.txt").write_text(NOTICE, encoding="utf-8")
    data = tmp_path / "data"
    run("ingest", str(tmp_path), "--data-dir", str(data))
    status, lines = run("ingest", str(tmp_path), "--data-dir", str(data))
    assert status == EXIT_OK
    assert [(Path(line["source"]).name, line["status"]) for line in lines] == [("avviso.txt", "duplicate")]


def test_a_file_of_known_content_reports_the_document_it_joined(tmp_path: Path) -> None:
    name = "001_3d6264becc58feda"
    data = tmp_path / "data"
    status, lines = run(
        "ingest", str(CORPUS / "dev" / f"{name}.txt"), str(CORPUS / "pdf" / "one_column" / f"{name}.pdf"),
        "--data-dir", str(data), "--workers", "1",
    )  # fmt: skip
    assert status == EXIT_OK
    text, pdf = lines
    assert text["duplicate_of"] is None and pdf["duplicate_of"] == text["document_id"] == pdf["document_id"]
