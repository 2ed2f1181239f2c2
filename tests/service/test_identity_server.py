"""Content identity end to end: `patti serve` as a real process, real workers, a real database file.

The same notice arrives as text, as a PDF in every layout, as a Word file and signed: one document with all its
files. Two notices of one ambito stay two; a corrected notice is a new version whose date replaces the old one.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest

from tests.conftest import CORPUS
from tests.fixtures.formats.make_docx import docx_from_text
from tests.fixtures.formats.make_p7m import OPENSSL, p7m_from_bytes
from tests.service.live_server import Server

NAME = "001_3d6264becc58feda"

# Two notices of one ambito: the same letterhead, contacts and closing, different subjects and dates.
_HEAD = (
    "AMBITO TERRITORIALE DI LECCO\nUfficio di Piano – Piazza Diaz 1, 23900 Lecco – ufficiodipiano@comune.lecco.it\n\n"
)
_FOOT = (
    "\n\nPer informazioni rivolgersi all'Ufficio di Piano dell'Ambito di Lecco, dal lunedì al venerdì dalle 9 alle "
    "12, telefono 0341 481111. Il presente avviso è pubblicato all'albo pretorio e sul sito istituzionale del "
    "Comune di Lecco, capofila dell'Ambito.\n\nIl Responsabile dell'Ufficio di Piano\nMario Rossi\n"
)
NOTICE_A = (
    _HEAD + "AVVISO PUBBLICO PER IL SOSTEGNO ALLE FAMIGLIE CON MINORI\n\n"
    "L'Ambito di Lecco, in attuazione del Piano di Zona 2025-2027, intende sostenere le famiglie con figli minori "
    "che affrontano spese per servizi educativi, centri estivi e attività sportive. Possono presentare domanda i "
    "nuclei residenti nei Comuni dell'Ambito con ISEE non superiore a 25.000 euro. Il contributo massimo è di 600 "
    "euro per figlio. Le domande vanno inviate entro le ore 12 del 30 aprile 2031 tramite il modulo allegato." + _FOOT
)
NOTICE_B = (
    _HEAD + "AVVISO PUBBLICO PER LA CO-PROGETTAZIONE DI SERVIZI DI PROSSIMITÀ PER ANZIANI SOLI\n\n"
    "L'Ambito di Lecco invita gli enti del Terzo settore a manifestare interesse per la co-progettazione di "
    "interventi di prossimità rivolti alle persone anziane che vivono sole: consegna di pasti e farmaci, "
    "compagnia telefonica, accompagnamento alle visite mediche. I soggetti interessati partecipano al tavolo di "
    "co-progettazione che si terrà il 12 maggio 2031 alle ore 10 presso la sala consiliare. Le manifestazioni di "
    "interesse vanno inviate entro il 5 maggio 2031." + _FOOT
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with Server(tmp_path_factory.mktemp("identity")) as running:
        yield running


def _upload_and_wait(server: Server, *paths: Path) -> list[dict]:
    response = server.upload(*paths)
    assert response.status_code == 202, response.text
    items = response.json()["data"]
    for item in items:
        assert server.wait_for_job(item["job_id"])["status"] == "done", item["file_name"]
    return items


def _document(server: Server, document_id: int) -> dict:
    response = server.client.get(f"/documents/{document_id}")
    assert response.status_code == 200, response.text
    return response.json()


def test_text_pdf_layouts_word_and_signed_files_are_one_document(server: Server, tmp_path: Path) -> None:
    text = CORPUS / "dev" / f"{NAME}.txt"
    paths = [text, *sorted((CORPUS / "pdf").glob(f"*/{NAME}.pdf"))]
    paths = [p if p.suffix == ".txt" else _copy(p, tmp_path / f"{p.parent.name}.pdf") for p in paths]
    docx = tmp_path / "avviso.docx"
    docx.write_bytes(docx_from_text(text.read_text(encoding="utf-8")))
    paths.append(docx)
    if OPENSSL:
        signed = tmp_path / "avviso.txt.p7m"
        signed.write_bytes(p7m_from_bytes(text.read_bytes()))
        paths.append(signed)
    items = _upload_and_wait(server, *paths)
    documents = {_document(server, item["document_id"])["id"] for item in items}
    assert len(documents) == 1, "every file answers with the one document"
    (document_id,) = documents
    document = _document(server, document_id)
    assert {f["sha256"] for f in document["files"]} == {item["sha256"] for item in items}
    assert [f["read"] for f in document["files"]].count(True) == 1
    if OPENSSL:
        assert document["signatures"], "the signed file is the one the document is read from"
    jobs = [server.client.get(f"/jobs/{item['job_id']}").json() for item in items]
    assert {job["duplicate_of"] for job in jobs} - {None} <= {document_id}
    # Counted once: in the listing, in search, in the commitments.
    listed = server.client.get("/documents").json()
    assert [d["id"] for d in listed["data"]].count(document_id) == 1
    word = document["extraction"]["commitments"][0]["text"].split()[2]
    hits = server.client.get("/search", params={"q": word}).json()["data"]
    assert [h["document"]["id"] for h in hits].count(document_id) == 1
    commitments = server.client.get("/commitments", params={"document": document_id}).json()
    assert commitments["count"] == len(document["extraction"]["commitments"])


def test_two_notices_of_one_ambito_stay_two_documents(server: Server, tmp_path: Path) -> None:
    a, b = tmp_path / "famiglie.txt", tmp_path / "anziani.txt"
    a.write_text(NOTICE_A, encoding="utf-8")
    b.write_text(NOTICE_B, encoding="utf-8")
    items = _upload_and_wait(server, a, b)
    ids = [_document(server, item["document_id"])["id"] for item in items]
    assert ids[0] != ids[1]
    for document_id in ids:
        document = _document(server, document_id)
        assert len(document["files"]) == 1 and document["previous_version"] is None


def test_a_corrected_notice_is_a_new_version_whose_date_replaces_the_old(server: Server, tmp_path: Path) -> None:
    first, corrected = tmp_path / "avviso.txt", tmp_path / "avviso-rettifica.txt"
    text = NOTICE_A.replace("famiglie con figli minori", "famiglie con figli minori e giovani adulti", 1)
    first.write_text(text, encoding="utf-8")
    corrected.write_text(text.replace("30 aprile 2031", "15 maggio 2031"), encoding="utf-8")
    (old,) = _upload_and_wait(server, first)
    (new,) = _upload_and_wait(server, corrected)
    old_doc, new_doc = _document(server, old["document_id"]), _document(server, new["document_id"])
    assert old_doc["id"] != new_doc["id"]
    assert new_doc["previous_version"] == old_doc["id"] and old_doc["next_version"] == new_doc["id"]
    deadlines = server.client.get("/deadlines", params={"document": [old_doc["id"], new_doc["id"]]}).json()
    assert [d["date"] for d in deadlines["data"]] == ["2031-05-15"]
    feed = server.client.get("/deadlines.ics")
    assert feed.status_code == 200
    calendar = icalendar.Calendar.from_ical(feed.content)
    starts = {str(e.get("dtstart").dt)[:10] for e in calendar.walk("VEVENT")}
    assert "2031-05-15" in starts and "2031-04-30" not in starts


def test_ten_clients_uploading_one_content_at_once_make_one_document(server: Server, tmp_path: Path) -> None:
    base = NOTICE_B.replace("anziani", "persone anziane e fragili")
    # Ten different files of one content: line endings, blank lines, spaces and wrapping differ, not the words.
    variants = [
        base,
        base.replace("\n", "\r\n"),
        base.replace("\n\n", "\n\n\n"),
        base + "\n\n",
        "\n" + base,
        base.replace(". ", ".  "),
        base.replace(", ", ",\n"),
        base.upper(),
        base.replace("\n", "\n "),
        base.replace(": ", ":\n"),
    ]
    paths = []
    for k, variant in enumerate(variants):
        path = tmp_path / f"copia-{k}.txt"
        path.write_text(variant, encoding="utf-8")
        paths.append(path)
    answers: list[dict] = []
    lock = threading.Lock()

    def client(path: Path) -> None:
        response = server.upload(path)
        assert response.status_code == 202, response.text
        with lock:
            answers.extend(response.json()["data"])

    threads = [threading.Thread(target=client, args=(p,)) for p in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 10
    for item in answers:
        assert server.wait_for_job(item["job_id"])["status"] == "done"
    documents = {_document(server, item["document_id"])["id"] for item in answers}
    assert len(documents) == 1
    (document_id,) = documents
    assert len(_document(server, document_id)["files"]) == 10
    health = server.client.get("/health").json()
    assert health["files"] - sum(health["documents"].values()) >= 9, "the files of one document count once"


def _copy(source: Path, target: Path) -> Path:
    target.write_bytes(source.read_bytes())
    return target
