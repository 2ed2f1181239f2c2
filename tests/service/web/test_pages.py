"""The web page in-process: each page renders from the store, narrows by the API's filters, and answers bad input
with a page that says what is wrong (400 or 404), never a 500 or a JSON error."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.store.db import connect
from service.web.render import STATIC_DIR, WEB_DIR

HTML = {"Accept": "text/html"}


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def document_id(data: Path, file_name: str) -> int:
    db = connect(data / "patti.db")
    try:
        return int(db.execute("SELECT id FROM documents WHERE file_name = ?", [file_name]).fetchone()[0])
    finally:
        db.close()


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/", "Cerca nei documenti"),
        ("/documenti", "Documenti"),
        ("/carica", "Carica documenti"),
        ("/impegni", "Impegni"),
        ("/scadenze", "Scadenze ed eventi"),
        ("/scadenze?vista=mese&mese=2025-03", "Scadenze ed eventi"),
        ("/accesso", "Accesso"),
    ],
)
def test_every_page_renders_in_italian_with_its_safety_headers(client: TestClient, path: str, heading: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert f"<h1>{heading}</h1>" in response.text
    assert '<html lang="it">' in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "<script>" not in response.text, "no inline script: the policy would block it"


def test_search_marks_words_and_counts_facets(client: TestClient) -> None:
    page = client.get("/", params={"q": "impegnano"}).text
    assert "<mark>" in page
    found = int(re.search(r"di (\d+) document", page).group(1))  # type: ignore[union-attr]
    doc_types = re.search(r'data-facet="doc_type".*?</section>', page, re.S).group(0)  # type: ignore[union-attr]
    assert sum(int(n) for n in re.findall(r'class="count">(\d+)<', doc_types)) == found


def test_the_page_says_when_facets_count_the_best_results_only(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "facets-over" not in client.get("/").text  # the bundled corpus: every result counted
    monkeypatch.setattr("service.store.search.FACET_DOCUMENTS", 2)
    page = client.get("/").text
    assert "Conteggi sui primi 2 risultati" in text_of(page)
    doc_types = re.search(r'data-facet="doc_type".*?</section>', page, re.S).group(0)  # type: ignore[union-attr]
    assert sum(int(n) for n in re.findall(r'class="count">(\d+)<', doc_types)) == 2


def test_counts_past_the_limit_read_almeno_until_the_last_page(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    everything = int(re.search(r"di (\d+) documenti", text_of(client.get("/").text)).group(1))  # type: ignore[union-attr]
    commitments_before = client.get("/commitments", params={"limit": 1}).json()["count"]
    monkeypatch.setattr("service.store.counts.COUNT_LIMIT", 3)
    monkeypatch.setattr("service.web.pages.PAGE_SIZE", 2)
    first = text_of(client.get("/").text)
    assert "1–2 di almeno 3 documenti" in first and "Successivi" in first
    last = text_of(client.get("/", params={"offset": everything - 1}).text)
    assert f"{everything}–{everything} di {everything} documenti" in last  # the last page knows the total
    assert "Successivi" not in last
    commitments = text_of(client.get("/impegni").text)
    assert re.search(r"1–\d+ di (almeno 3|\d+) impegni", commitments)
    # The home page's own figures are counted in full.
    overview = re.search(r'href="/impegni"><strong>(\d+)</strong>', client.get("/").text).group(1)  # type: ignore[union-attr]
    assert int(overview) == commitments_before > 3


def test_a_very_common_word_says_it_ranks_the_newest_passages(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "ranked-newest" not in client.get("/", params={"q": "comune"}).text
    monkeypatch.setattr("service.store.search.RANKED_PASSAGES", 2)
    page = client.get("/", params={"q": "comune"}).text
    assert "dei 2 passaggi più recenti" in text_of(page)
    assert re.search(r"di almeno \d+ document", text_of(page))
    assert "Successivi" not in text_of(page)  # the documents of two passages fit on one page


def test_a_facet_link_narrows_and_the_chip_removes_it(client: TestClient) -> None:
    everything = client.get("/").text
    link = re.search(r'data-facet="ambito".*?href="([^"]+)"', everything, re.S).group(1)  # type: ignore[union-attr]
    narrowed = client.get("/" + unescape(link)).text
    total = lambda page: int(re.search(r"di (\d+) document", page).group(1))  # type: ignore[union-attr]  # noqa: E731
    assert 0 < total(narrowed) < total(everything)
    chip = re.search(r'<ul class="chosen".*?href="([^"]+)"', narrowed, re.S).group(1)  # type: ignore[union-attr]
    assert total(client.get("/" + unescape(chip)).text) == total(everything)


def test_search_keeps_the_chosen_filters_when_the_words_change(client: TestClient) -> None:
    page = client.get("/", params={"q": "welfare", "doc_type": "patto"}).text
    assert '<input type="hidden" name="doc_type" value="patto">' in page


def test_document_page_has_every_field_and_the_text_with_offsets(client: TestClient, indexed_data: Path) -> None:
    number = document_id(indexed_data, "003_8fd55254de6a5357.txt")
    detail = client.get(f"/documents/{number}").json()
    page = client.get(f"/documenti/{number}").text
    for title in ("Soggetti", "Comuni", "Ambiti", "Date e scadenze", "Aree di intervento", "Impegni",
                  "Riferimenti normativi", "Contatti", "Persone", "Periodi"):  # fmt: skip
        assert re.search(rf">{title} <button [^>]*>Aggiungi</button></h2>", page), title
    commitments = detail["extraction"]["commitments"]
    for i, item in enumerate(commitments):
        assert f'id="commitments-{i}"' in page
        assert f'data-spans="{[list(s) for s in item["spans"]]}"'.replace(" ", "") in page.replace(" ", "")
    # The text is all there, once, and each piece starts where it says.
    pieces = re.findall(r'<div class="page" data-start="(\d+)">.*?<div class="page-text">(.*?)</div>', page, re.S)
    assert "".join(unescape(text) for _, text in pieces) == detail["text"]
    for start, text in pieces:
        assert detail["text"][int(start) :].startswith(unescape(text))
    assert f'href="/documents/{number}/file"' in page


def test_documents_page_lists_every_status_and_filters(client: TestClient) -> None:
    page = client.get("/documenti").text
    assert page.count('<tr data-document="') == 8
    narrowed = client.get("/documenti", params={"doc_type": "patto"}).text
    assert 0 < narrowed.count('<tr data-document="') < 8
    assert client.get("/documenti", params={"status": "failed"}).text.count('<tr data-document="') == 0


def test_commitments_page_and_its_csv_select_the_same_rows(client: TestClient) -> None:
    page = client.get("/impegni", params={"category": "disabilita"}).text
    shown = int(re.search(r"di (\d+) impegn", page).group(1))  # type: ignore[union-attr]
    csv_link = unescape(re.search(r'id="csv-link" href="([^"]+)"', page).group(1))  # type: ignore[union-attr]
    assert csv_link == "/commitments.csv?category=disabilita"
    rows = client.get(csv_link).text.strip().splitlines()
    assert len(rows) - 1 == shown > 0


def test_deadlines_month_view_places_items_on_their_day(client: TestClient) -> None:
    item = client.get("/deadlines", params={"limit": 1}).json()["data"][0]
    page = client.get("/scadenze", params={"vista": "mese", "mese": item["date"][:7]}).text
    cell = re.search(rf'<span class="day-number">{int(item["date"][8:])}</span>(.*?)</td>', page, re.S)
    assert cell and f'href="/documenti/{item["document"]["id"]}#dates-' in cell.group(1)


def test_subscribe_link_follows_the_filters(client: TestClient) -> None:
    page = client.get("/scadenze", params={"kind": "scadenza", "ambito": "x", "vista": "mese"}).text
    feed = unescape(re.search(r'id="feed-url" readonly value="([^"]+)"', page).group(1))  # type: ignore[union-attr]
    assert feed.endswith("/deadlines.ics?kind=scadenza&ambito=x")
    assert 'href="webcal://' in page


BAD_INPUT = [
    ("/", {"q": "x" * 501}, "troppo lunga"),
    ("/", {"q": '"unbalanced AND ('}, None),  # FTS syntax is taken as words: 200
    ("/", {"q": "***"}, "non si può eseguire"),
    ("/", {"offset": "-1"}, "offset"),
    ("/", {"offset": "10000000"}, "offset"),
    ("/", {"offset": "1e3"}, "numero intero"),
    ("/", {"year": "abc"}, "numero intero"),
    ("/", {"year": "99999"}, "tra 1800 e 2200"),
    ("/", {"doc_type": "romanzo"}, "non è un valore ammesso"),
    ("/", {"category": "<script>"}, "non è un valore ammesso"),
    ("/", {"comune": "Atlantide"}, "filtro non applicabile"),
    ("/", {"comune": "999999"}, "filtro non applicabile"),
    ("/", {"date_from": "2025-02-30"}, "data non valida"),
    ("/", {"date_from": "2025-03-01", "date_to": "2025-01-01"}, "filtro non applicabile"),
    ("/", {"ambito": "a" * 201}, "troppo lungo"),
    ("/documenti", {"sort": "DROP TABLE"}, "ordinamento sconosciuto"),
    ("/documenti", {"status": "deleted"}, "non è un valore ammesso"),
    ("/impegni", {"sort": "x"}, "ordinamento sconosciuto"),
    ("/scadenze", {"vista": "anno"}, "vista sconosciuta"),
    ("/scadenze", {"vista": "mese", "mese": "2025-13"}, "mese non valido"),
    ("/scadenze", {"vista": "mese", "mese": "0000-01"}, "mese non valido"),
    ("/scadenze", {"kind": "compleanno"}, "non è un valore ammesso"),
]


@pytest.mark.parametrize(("path", "params", "message"), BAD_INPUT)
def test_bad_input_gets_a_page_saying_what_is_wrong(
    client: TestClient, path: str, params: dict[str, str], message: str | None
) -> None:
    response = client.get(path, params=params)
    assert response.headers["content-type"].startswith("text/html")
    if message is None:
        assert response.status_code == 200
        return
    assert response.status_code == 400
    alert = re.search(r'<p class="alert" role="alert">(.*?)</p>', response.text, re.S)
    assert alert and message in unescape(alert.group(1))


def test_too_many_values_for_a_filter(client: TestClient) -> None:
    response = client.get("/", params=[("ambito", f"a{i}") for i in range(51)])
    assert response.status_code == 400 and "troppi valori" in response.text


def test_reflected_input_is_escaped(client: TestClient) -> None:
    hostile = '"><script>alert(1)</script>'
    page = client.get("/", params={"q": hostile}).text
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    page = client.get("/documenti", params={"ambito": hostile}).text
    assert "<script>alert(1)" not in page


@pytest.mark.parametrize("number", ["999999", "0", "-1", "abc", "9" * 30])
def test_unknown_documents_are_a_404_page(client: TestClient, number: str) -> None:
    response = client.get(f"/documenti/{number}")
    assert response.status_code == 404
    assert "<h1>Non trovato</h1>" in response.text


def test_wrong_addresses_are_a_page_for_browsers_and_json_for_programs(client: TestClient) -> None:
    page = client.get("/niente", headers=HTML)
    assert page.status_code == 404 and "<h1>Non trovato</h1>" in page.text
    api = client.get("/niente", headers={"Accept": "application/json"})
    assert api.status_code == 404 and api.json()["error"]["code"] == "unknown_resource"


def test_a_failed_document_shows_its_reason_and_a_retry_button(empty_client: TestClient) -> None:
    from tests.service.api.conftest import AUTH

    response = empty_client.post("/documents", files=[("files", ("rotto.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\n"))],
                                 headers=AUTH)  # fmt: skip
    number = response.json()["data"][0]["document_id"]
    db = connect(empty_client.app.state.settings.db_path)  # type: ignore[attr-defined]
    try:
        db.execute("UPDATE documents SET status = 'failed', error_code = 'pdf_truncated', error_message = 'x' "
                   "WHERE id = ?", [number])  # fmt: skip
        db.conn.commit()
    finally:
        db.close()
    for path in ("/documenti", f"/documenti/{number}"):
        page = text_of(empty_client.get(path).text)
        assert "Il PDF è incompleto (troncato)." in page and "Riprova" in page


def test_every_script_and_stylesheet_a_template_names_is_served(client: TestClient) -> None:
    named = set()
    for template in (WEB_DIR / "templates").glob("*.html"):
        named |= set(re.findall(r'(?:src|href)="(/static/[^"]+)"', template.read_text()))
    assert named >= {"/static/patti.css", "/static/upload.js", "/static/document.js"}
    for path in named:
        assert (STATIC_DIR / path.removeprefix("/static/")).is_file()
        assert client.get(path).status_code == 200


def test_format_ocr_pages_and_signatures_are_shown(empty_client: TestClient) -> None:
    from models import Extraction, Reading, SignatureInfo
    from service.store.writer import save_extraction

    reading = Reading(
        format="pdf",
        ocr_pages=[1, 3],
        ocr_confidence=[91.4, 48.0],
        signatures=[
            SignatureInfo(signer="Mario Rossi", signing_time="2025-03-04T10:15:00Z", issuer="Ente Certificatore"),
            SignatureInfo(signer="Anna Bianchi", verified=True, verification="signature matches the content"),
        ],
    )
    extraction = Extraction(source="a.pdf.p7m", extractor_version="0", text="Testo.", pages=3, reading=reading)
    db = connect(empty_client.app.state.settings.db_path)  # type: ignore[attr-defined]
    try:
        number = save_extraction(db, "f" * 64, "a.pdf.p7m", 10, extraction, page_starts=[0, 2, 4])
    finally:
        db.close()
    page = text_of(empty_client.get(f"/documenti/{number}").text)
    assert "PDF" in page and "OCR: 2 pagine (1: 91%, 3: 48%)" in page
    assert "Scansione di scarsa qualità" in page  # page 3 reads poorly
    assert "Mario Rossi 4 marzo 2025 10:15 Ente Certificatore non verificata" in page
    assert "Anna Bianchi" in page and "firma corrispondente al contenuto" in page
    assert "PDF, OCR, firmato" in text_of(empty_client.get("/documenti").text)
    detail = empty_client.get(f"/documents/{number}").json()
    assert detail["format"] == "pdf" and detail["ocr_pages"] == [1, 3] and detail["ocr_confidence"] == [91.4, 48.0]
    assert [s["signer"] for s in detail["signatures"]] == ["Mario Rossi", "Anna Bianchi"]
    assert [s["verified"] for s in detail["signatures"]] == [False, True]
    assert detail["extraction"]["reading"] == reading.model_dump()


@pytest.mark.parametrize(
    ("confidence", "shown", "poor"),
    [
        ([88.0, 93.5], "OCR: 2 pagine (2: 88%, 5: 94%)", False),
        ([], "OCR: 2 pagine (2, 5)", False),  # read before confidence was recorded
        ([59.9, 97.0], "OCR: 2 pagine (2: 60%, 5: 97%)", True),
    ],
)
def test_the_confidence_of_each_ocr_page_is_shown_and_a_poor_scan_flagged(
    empty_client: TestClient, confidence: list[float], shown: str, poor: bool
) -> None:
    from models import Extraction, Reading
    from service.store.writer import save_extraction

    reading = Reading(format="pdf", ocr_pages=[2, 5], ocr_confidence=confidence)
    extraction = Extraction(source="s.pdf", extractor_version="0", text="Testo.", pages=5, reading=reading)
    db = connect(empty_client.app.state.settings.db_path)  # type: ignore[attr-defined]
    try:
        number = save_extraction(db, "e" * 64, "s.pdf", 10, extraction, page_starts=[0, 1, 2, 3, 4])
    finally:
        db.close()
    page = text_of(empty_client.get(f"/documenti/{number}").text)
    assert shown in page
    assert ("Scansione di scarsa qualità" in page) is poor
