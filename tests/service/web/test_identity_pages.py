"""The web page for documents received as several files, for revised documents, and for a first visit."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from fastapi.testclient import TestClient

from models import DatedItem, Extraction, Reading
from service.store.db import connect
from service.store.writer import save_extraction
from tests.service.web.test_pages import text_of

TEXT = (
    "AVVISO PUBBLICO PER CONTRIBUTI ALLE FAMIGLIE\n\nIl Comune di Lecco concede contributi alle famiglie con "
    "figli minori per i centri estivi e le attività sportive dei ragazzi. Le domande vanno presentate entro il "
    "30 aprile 2020 all'Ufficio Servizi sociali, che ne cura l'istruttoria e la graduatoria finale.\n"
)


def _save(client: TestClient, label: str, extraction: Extraction) -> int:
    db = connect(client.app.state.settings.db_path)  # type: ignore[attr-defined]
    try:
        return save_extraction(db, hashlib.sha256(label.encode()).hexdigest(), label, 100, extraction)
    finally:
        db.close()


def _notice(text: str, deadline: dt.date, reading: Reading) -> Extraction:
    item = DatedItem(date=deadline, kind="scadenza", text=f"entro il {deadline.day} aprile", spans=[(0, 5)])
    return Extraction(source="x", extractor_version="0", text=text, dates=[item], reading=reading)


def test_a_document_lists_its_files_and_any_file_opens_it(empty_client: TestClient) -> None:
    text_file = _save(empty_client, "avviso.txt", _notice(TEXT, dt.date(2020, 4, 30), Reading(format="text")))
    word_file = _save(
        empty_client, "avviso.docx", _notice(TEXT.replace("\n\n", "\n"), dt.date(2020, 4, 30), Reading(format="docx"))
    )
    assert word_file == text_file
    page = text_of(empty_client.get(f"/documenti/{text_file}").text)
    assert "File ricevuti (2)" in page and "avviso.txt" in page and "avviso.docx" in page
    listing = text_of(empty_client.get("/documenti").text)
    assert listing.count("AVVISO PUBBLICO PER CONTRIBUTI") <= 1


def test_a_revision_links_its_versions_and_shows_what_changed(empty_client: TestClient) -> None:
    old = _save(empty_client, "v1.txt", _notice(TEXT, dt.date(2020, 4, 30), Reading(format="text")))
    revised = TEXT.replace("30 aprile 2020", "15 aprile 2020")
    new = _save(empty_client, "v2.txt", _notice(revised, dt.date(2020, 4, 15), Reading(format="text")))
    assert new != old
    newer = text_of(empty_client.get(f"/documenti/{new}").text)
    assert "Differenze dalla versione precedente" in newer
    assert "2020-04-30" in newer and "2020-04-15" in newer and "15 aprile 2020" in newer
    older = text_of(empty_client.get(f"/documenti/{old}").text)
    assert "Esiste una versione più recente" in older


def test_with_nothing_ahead_the_deadlines_page_shows_the_latest_past_ones(empty_client: TestClient) -> None:
    _save(empty_client, "passato.txt", _notice(TEXT, dt.date(2020, 4, 30), Reading(format="text")))
    page = text_of(empty_client.get("/scadenze").text)
    assert "Nessuna scadenza in arrivo" in page
    assert "Le più recenti, già passate" in page and "30 aprile 2020" in page


def test_a_first_visit_shows_what_patti_holds_and_where_to_start(client: TestClient) -> None:
    page = text_of(client.get("/").text)
    assert re.search(r"\d+ documenti · \d+ impegni · \d+ date? in arrivo", page), page[:300]
    assert "Per cominciare:" in page
    searched = text_of(client.get("/?q=anziani").text)
    assert "Per cominciare:" not in searched


def test_items_read_from_a_poor_scan_are_marked_for_checking(empty_client: TestClient) -> None:
    from models import Party

    reading = Reading(format="pdf", ocr_pages=[2], ocr_confidence=[41.0])
    parties = [
        Party(name="Comune di Lecco", kind="comune", spans=[(0, 15)], page=1),
        Party(name="Comune di Erba", kind="comune", spans=[(30, 44)], page=2),
    ]
    extraction = Extraction(
        source="x.pdf", extractor_version="0", text="Comune di Lecco " * 4, pages=2, reading=reading, parties=parties
    )
    number = _save(empty_client, "scan.pdf", extraction)
    html = empty_client.get(f"/documenti/{number}").text
    rows = re.findall(r'<tr id="parties-\d"( class="doubtful")?>', html)
    assert rows == ["", ' class="doubtful"'], "only the item from the poorly read page 2"
    assert "da verificare" in text_of(html)
