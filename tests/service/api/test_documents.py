"""Documents: upload checks and dedup, listing, detail with provenance, original file, delete, reindex."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.store.db import connect
from tests.conftest import CORPUS, NOTICE
from tests.service.api.conftest import AUTH, make_client

PDF = CORPUS / "pdf" / "one_column" / "001_3d6264becc58feda.pdf"


def upload(client: TestClient, *files: tuple[str, bytes], headers: dict | None = None):
    return client.post(
        "/documents",
        files=[("files", (name, content, "application/octet-stream")) for name, content in files],
        headers=AUTH if headers is None else headers,
    )


def count(data: Path, table: str) -> int:
    db = connect(data / "patti.db")
    try:
        return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        db.close()


def test_upload_queues_each_file_and_the_same_bytes_are_one_document(empty_client: TestClient, tmp_path: Path) -> None:
    first = upload(empty_client, ("avviso.txt", NOTICE.encode()), ("patto.pdf", PDF.read_bytes()))
    assert first.status_code == 202, first.text
    a, b = first.json()["data"]
    assert (a["status"], a["duplicate"], b["duplicate"]) == ("queued", False, False)
    assert a["job_id"] != b["job_id"]
    again = upload(empty_client, ("another-name.txt", NOTICE.encode())).json()["data"][0]
    assert (again["document_id"], again["job_id"], again["duplicate"]) == (a["document_id"], a["job_id"], True)
    assert count(tmp_path, "documents") == 2 and count(tmp_path, "jobs") == 2
    job = empty_client.get(f"/jobs/{a['job_id']}").json()
    assert (job["status"], job["document_id"]) == ("queued", a["document_id"])


@pytest.mark.parametrize(
    ("files", "status", "code"),
    [
        ([("vuoto.txt", b"")], 400, "empty_file"),
        ([("spazi.txt", b"  \n\t ")], 400, "empty_file"),
        ([("archivio.pdf", b"PK\x03\x04" + b"\x00" * 64)], 415, "unsupported_format"),
        ([("foto.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)], 415, "unsupported_format"),
        ([(f"f{i}.txt", f"testo {i}".encode()) for i in range(21)], 413, "too_many_files"),
    ],
)
def test_refused_uploads_queue_nothing(
    empty_client: TestClient, tmp_path: Path, files: list, status: int, code: str
) -> None:
    response = upload(empty_client, ("buono.txt", NOTICE.encode()), *files)
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code
    assert count(tmp_path, "documents") == 0 and count(tmp_path, "jobs") == 0


def test_size_is_counted_on_the_bytes_received(tmp_path: Path) -> None:
    with make_client(tmp_path, max_upload_bytes=1000) as client:
        assert upload(client, ("ok.txt", b"x" * 1000)).status_code == 202
        response = upload(client, ("big.txt", b"y" * 1001))
        assert response.status_code == 413
        assert response.json()["error"]["code"] == "too_large"


def test_hostile_file_names_are_cleaned_for_display(empty_client: TestClient, tmp_path: Path) -> None:
    names = ["../../etc/passwd", "/abs/path/avviso.txt", "..\\..\\win.txt", "a\x00b\x1b[31m.txt", ".", "...."]
    for i, name in enumerate(names):
        data = upload(empty_client, (name, f"Testo numero {i} del Comune di Lecco".encode())).json()["data"][0]
        assert "/" not in data["file_name"] and "\\" not in data["file_name"]
        assert not any(ord(c) < 32 for c in data["file_name"]) and data["file_name"]
    stored = [p.name for p in (tmp_path / "files").rglob("*") if p.is_file()]
    assert len(stored) == len(names) and all(p.endswith(".bin") and len(p) == 68 for p in stored)
    # A part with an empty file name is not a file at all for multipart: a client error, nothing stored.
    assert upload(empty_client, ("", b"Testo")).status_code == 400


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": "Basic abc"},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer " + "x" * 10000},
    ],
)
def test_writes_need_the_token(empty_client: TestClient, headers: dict) -> None:
    response = upload(empty_client, ("a.txt", NOTICE.encode()), headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert response.headers["www-authenticate"] == "Bearer"
    assert empty_client.delete("/documents/1", headers=headers).status_code == 401
    assert empty_client.post("/documents/1/reindex", headers=headers).status_code == 401


def test_reads_are_open_unless_configured(tmp_path: Path) -> None:
    with make_client(tmp_path) as client:
        assert client.get("/documents").status_code == 200
    with make_client(tmp_path, read_token_required=True) as client:
        assert client.get("/documents").status_code == 401
        assert client.get("/search", params={"q": "comune"}).status_code == 401
        assert client.get("/documents", headers=AUTH).status_code == 200
        assert client.get("/health").status_code == 200  # monitoring stays open


def test_listing_counts_pages_and_status_filter(client: TestClient, indexed_data: Path) -> None:
    body = client.get("/documents", params={"limit": 3}).json()
    assert body["count"] == count(indexed_data, "documents") and len(body["data"]) == 3
    dates = [d["date"] for d in client.get("/documents", params={"limit": 500}).json()["data"] if d["date"]]
    assert dates == sorted(dates, reverse=True)
    assert client.get("/documents", params={"status": "failed"}).json()["count"] == 0
    assert client.get("/documents", params={"sort": "sideways"}).status_code == 400


def test_detail_items_point_into_the_text(client: TestClient) -> None:
    for summary in client.get("/documents", params={"limit": 500}).json()["data"]:
        doc = client.get(f"/documents/{summary['id']}").json()
        text, extraction = doc["text"], doc["extraction"]
        assert text and extraction["text"] is None and doc["job"] is None
        for field in ("parties", "comuni", "dates", "commitments", "contacts", "legal_refs"):
            for item in extraction[field]:
                for start, end in item["spans"]:
                    assert 0 <= start < end <= len(text)


def test_original_file_comes_back_as_uploaded(client: TestClient) -> None:
    doc = client.get("/documents", params={"limit": 1}).json()["data"][0]
    response = client.get(f"/documents/{doc['id']}/file")
    assert response.status_code == 200
    assert response.content == (CORPUS / "dev" / doc["file_name"]).read_bytes()
    assert response.headers["content-type"].startswith("text/plain")
    assert "attachment" in response.headers["content-disposition"]


@pytest.mark.parametrize("path", ["/documents/999999", "/documents/999999/file", "/jobs/999999", "/nowhere"])
def test_unknown_ids_are_404_with_the_catalogue_code(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_resource"


@pytest.mark.parametrize("path", ["/documents/abc", "/documents/-1/file", "/jobs/1.5", "/documents/" + "9" * 40])
def test_malformed_ids_are_client_errors(client: TestClient, path: str) -> None:
    assert client.get(path).status_code in (400, 404)


def test_delete_removes_rows_search_entries_and_the_original(empty_client: TestClient, tmp_path: Path) -> None:
    from extractor.pipeline import extract_path
    from service.store.writer import save_extraction

    data = upload(empty_client, ("avviso.txt", NOTICE.encode())).json()["data"][0]
    path = tmp_path / "avviso.txt"
    path.write_text(NOTICE, encoding="utf-8")
    db = connect(tmp_path / "patti.db")
    save_extraction(db, data["sha256"], "avviso.txt", len(NOTICE.encode()), extract_path(path, include_text=True))
    db.close()
    assert empty_client.get("/search", params={"q": "avviso"}).json()["count"] == 1
    assert empty_client.delete(f"/documents/{data['document_id']}", headers=AUTH).status_code == 204
    assert empty_client.get(f"/documents/{data['document_id']}").status_code == 404
    assert empty_client.get("/search", params={"q": "avviso"}).json()["count"] == 0
    for table in ("documents", "jobs", "commitments", "dated_items", "search_fts"):
        assert count(tmp_path, table) == 0, table
    assert not list((tmp_path / "files").rglob("*.bin"))
    assert empty_client.delete(f"/documents/{data['document_id']}", headers=AUTH).status_code == 404


def test_reindex_queues_one_job(empty_client: TestClient) -> None:
    data = upload(empty_client, ("avviso.txt", NOTICE.encode())).json()["data"][0]
    job = empty_client.post(f"/documents/{data['document_id']}/reindex", headers=AUTH)
    assert job.status_code == 202
    assert job.json()["id"] == data["job_id"]  # still waiting: the queued job is reused, not doubled
    assert empty_client.post("/documents/424242/reindex", headers=AUTH).status_code == 404


def test_zip_named_docx_is_refused_by_content(empty_client: TestClient) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    response = upload(empty_client, ("relazione.txt", buffer.getvalue()))
    assert response.status_code == 415


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("bando.pdf", b"Avviso pubblico del Comune di Lecco.", "pdf_invalid"),  # a text posing as a PDF
        ("relazione.docx", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF", "unsupported_format"),
        ("avviso.html", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF", "unsupported_format"),
        ("firmato.pdf.p7m", b"Avviso pubblico del Comune di Lecco.", "unsupported_format"),
    ],
)
def test_a_name_that_contradicts_the_content_is_refused(
    empty_client: TestClient, name: str, content: bytes, code: str
) -> None:
    response = upload(empty_client, (name, content))
    assert response.status_code == 415 and response.json()["error"]["code"] == code
    assert empty_client.get("/documents").json()["count"] == 0


def test_a_declared_media_type_that_contradicts_the_content_is_refused(empty_client: TestClient) -> None:
    files = [("files", ("senza-estensione", b"Avviso pubblico del Comune di Lecco.", "application/pdf"))]
    response = empty_client.post("/documents", files=files, headers=AUTH)
    assert response.status_code == 415 and response.json()["error"]["code"] == "pdf_invalid"
    files = [("files", ("senza-estensione", b"Avviso pubblico del Comune di Lecco.", "application/octet-stream"))]
    assert empty_client.post("/documents", files=files, headers=AUTH).status_code == 202
