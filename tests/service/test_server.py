"""End to end: `patti serve` as a real process on loopback, a real database file, real worker processes.

Staff upload, researchers query, and the server survives its worker (or itself) being killed mid-document.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CORPUS
from tests.service.live_server import Server, integrity

# Two documents of two different ambiti (Monza and Sesto San Giovanni), one as PDF, one as text.
PDF = CORPUS / "pdf" / "two_columns" / "000_2733dd1fb8777219.pdf"
TEXT = CORPUS / "dev" / "003_8fd55254de6a5357.txt"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with Server(tmp_path_factory.mktemp("served")) as running:
        yield running


@pytest.fixture(scope="module")
def indexed(server: Server) -> dict[str, dict]:
    response = server.upload(PDF, TEXT)
    assert response.status_code == 202, response.text
    uploaded = {item["file_name"]: item for item in response.json()["data"]}
    for item in uploaded.values():
        assert server.wait_for_job(item["job_id"])["status"] == "done"
    return uploaded


def test_uploaded_pdf_and_text_are_indexed(server: Server, indexed: dict[str, dict]) -> None:
    for name, item in indexed.items():
        doc = server.client.get(f"/documents/{item['document_id']}").json()
        assert doc["status"] == "indexed" and doc["job"]["status"] == "done"
        assert doc["extraction"]["commitments"] and doc["text"]
        assert (doc["pages"] is not None) == name.endswith(".pdf")


def test_an_inflected_form_finds_them(server: Server, indexed: dict[str, dict]) -> None:
    hits = server.client.get("/search", params={"q": "impegnarsi"}).json()["data"]
    assert {h["document"]["id"] for h in hits} >= {indexed[TEXT.name]["document_id"]}
    assert all("<mark>" in h["snippet"] for h in hits)


def test_filters_by_ambito_comune_party_and_category(server: Server, indexed: dict[str, dict]) -> None:
    facets = server.client.get("/search").json()["facets"]
    for name in ("ambito", "comune", "party", "category"):
        assert facets[name], f"no {name} values in the two documents"
        value = facets[name][0]
        result = server.client.get("/search", params={name: value["value"]}).json()
        assert result["count"] == value["count"] and result["data"]


def test_commitments_across_two_ambiti(server: Server, indexed: dict[str, dict]) -> None:
    ambiti = [a["name"] for a in server.client.get("/ambiti").json()["data"]]
    assert len(ambiti) >= 2
    rows = server.client.get("/commitments", params={"ambito": ambiti, "limit": 500}).json()["data"]
    assert {row["document"]["id"] for row in rows} == {item["document_id"] for item in indexed.values()}
    csv_rows = server.client.get("/commitments.csv", params={"ambito": ambiti}).text.splitlines()
    assert len(csv_rows) >= len(rows) + 1


@pytest.mark.parametrize("query", ['"', "NEAR(impegno", "*", "-impegno", "a:b", "impegno AND", "'; DROP TABLE x;--"])
def test_hostile_queries_are_200_or_400(server: Server, indexed: dict[str, dict], query: str) -> None:
    response = server.client.get("/search", params={"q": query})
    assert response.status_code in (200, 400), response.text
    assert server.client.get("/commitments", params={"q": query}).status_code in (200, 400)


def test_duplicate_upload_is_the_same_document(server: Server, indexed: dict[str, dict]) -> None:
    again = server.upload(TEXT).json()["data"][0]
    assert again["duplicate"] and again["document_id"] == indexed[TEXT.name]["document_id"]
    assert again["status"] == "indexed"


def test_upload_without_token_is_refused(server: Server) -> None:
    response = server.upload(TEXT, headers={})
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"


def test_a_document_whose_extraction_fails(server: Server, tmp_path: Path) -> None:
    broken = tmp_path / "troncato.pdf"
    broken.write_bytes(PDF.read_bytes()[:2000])
    item = server.upload(broken).json()["data"][0]
    job = server.wait_for_job(item["job_id"])
    assert job["status"] == "failed" and job["error"]["code"].startswith("pdf_")
    failed = server.client.get("/documents", params={"status": "failed"}).json()["data"]
    assert item["document_id"] in {d["id"] for d in failed}
    assert server.client.get("/health").json()["workers"] == 1  # the worker went on


def _big_text(tmp_path: Path, name: str) -> Path:
    """A long Italian document that takes the worker a few seconds."""
    path = tmp_path / name
    body = TEXT.read_text(encoding="utf-8")
    path.write_text("\n\n".join(f"Sezione {i}.\n{body}" for i in range(40)), encoding="utf-8")
    return path


def test_killing_the_worker_mid_document_loses_nothing(server: Server, tmp_path: Path) -> None:
    item = server.upload(_big_text(tmp_path, "lungo.txt")).json()["data"][0]
    server.wait_until_running(item["job_id"])
    (worker,) = server.worker_pids()
    os.kill(worker, signal.SIGKILL)
    job = server.wait_for_job(item["job_id"], timeout=180)
    assert (job["status"], job["attempts"]) == ("done", 2)
    assert server.client.get(f"/documents/{item['document_id']}").json()["status"] == "indexed"
    assert worker not in server.worker_pids()


def test_killing_the_whole_server_mid_document_resumes_the_job(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = Server(data, PATTI_JOB_LEASE="2")
    try:
        item = first.upload(_big_text(tmp_path, "lungo.txt")).json()["data"][0]
        first.wait_until_running(item["job_id"])
    finally:
        first.kill()
    integrity(data)
    second = Server(data, PATTI_JOB_LEASE="2")
    try:
        assert second.wait_for_job(item["job_id"], timeout=180)["status"] == "done"
        assert second.client.get(f"/documents/{item['document_id']}").json()["status"] == "indexed"
    finally:
        second.stop()
    integrity(data)


def test_word_web_page_and_signed_pdf_are_indexed_with_how_they_were_read(server: Server, tmp_path: Path) -> None:
    from tests.fixtures.formats.make_docx import docx_from_text
    from tests.fixtures.formats.make_html import html_from_text
    from tests.fixtures.formats.make_p7m import OPENSSL, p7m_from_bytes

    text = (CORPUS / "dev" / "dev_01.txt").read_text(encoding="utf-8")
    inputs = {
        "delibera.docx": docx_from_text(text, footer="Comune di Lecco – PEC comune@pec.comune.lecco.it"),
        "avviso.html": html_from_text(text, "bootstrap_italia"),
    }
    if OPENSSL:
        inputs["patto.pdf.p7m"] = p7m_from_bytes(PDF.read_bytes())
    paths = []
    for name, content in inputs.items():
        (tmp_path / name).write_bytes(content)
        paths.append(tmp_path / name)
    uploaded = server.upload(*paths)
    assert uploaded.status_code == 202, uploaded.text
    documents = {}
    for item in uploaded.json()["data"]:
        assert server.wait_for_job(item["job_id"])["status"] == "done", item["file_name"]
        # The Word file and the web page hold one text: one document, whichever id the upload gave.
        document = server.client.get(f"/documents/{item['document_id']}").json()
        assert document["extraction"]["dates"], item["file_name"]
        (file,) = [f for f in document["files"] if f["sha256"] == item["sha256"]]
        expected = {"delibera.docx": "docx", "avviso.html": "html", "patto.pdf.p7m": "pdf"}[item["file_name"]]
        assert file["format"] == expected and file["file_name"] == item["file_name"]
        if item["file_name"].endswith(".p7m"):
            assert file["signatures"][0]["signer"] == "Mario Rossi" and file["signatures"][0]["verified"]
            assert document["signatures"] == file["signatures"], "the document is read from its signed file"
        assert server.client.get(f"/documents/{file['id']}/file").content == (tmp_path / item["file_name"]).read_bytes()
        documents[item["file_name"]] = document["id"]
    assert documents["delibera.docx"] == documents["avviso.html"]
    if OPENSSL:
        assert documents["patto.pdf.p7m"] != documents["delibera.docx"]


def test_a_scanned_pdf_is_read_by_ocr_in_the_worker(server: Server, tmp_path: Path) -> None:
    from tests.fixtures.formats.make_scanned import scanned_pdf_from_text
    from tests.fixtures.ocr import require_tesseract

    require_tesseract()
    path = tmp_path / "scansione.pdf"
    path.write_bytes(scanned_pdf_from_text((CORPUS / "dev" / "dev_04.txt").read_text(encoding="utf-8")))
    item = server.upload(path).json()["data"][0]
    assert server.wait_for_job(item["job_id"])["status"] == "done"
    document = server.client.get(f"/documents/{item['document_id']}").json()
    assert document["format"] == "pdf" and document["ocr_pages"] == [1]
    assert len(document["ocr_confidence"]) == 1 and document["ocr_confidence"][0] > 60
    assert any(c["value"] == "progetti@fondazionelodi.org" for c in document["extraction"]["contacts"])
    found = server.client.get("/search", params={"q": "agricoltura sociale"}).json()
    assert item["document_id"] in [hit["document"]["id"] for hit in found["data"]]
