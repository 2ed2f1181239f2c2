"""The web page in a real headless Chromium against a real `patti serve`: upload, search with a facet, a document's
item highlighted in its text, failed documents retried, commitments as CSV, deadlines and their feed.

Each test leaves a screenshot of its page (see ``browser.screenshot_dir``).
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.conftest import CORPUS
from tests.service.live_server import TOKEN, Server
from tests.service.web.browser import replaced, require_browser, screenshot_dir, start_chromium

# A pact of the Monza ambito as a two-column PDF, and a text of another ambito (Sesto San Giovanni).
PDF = CORPUS / "pdf" / "two_columns" / "000_2733dd1fb8777219.pdf"
TEXT = CORPUS / "dev" / "003_8fd55254de6a5357.txt"
INDEXING_TIMEOUT = 180


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    require_browser()
    with Server(tmp_path_factory.mktemp("web")) as running:
        yield running


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(server: Server, downloads: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    driver = start_chromium(downloads, tmp_path_factory.mktemp("profile"))
    try:
        yield driver
    finally:
        driver.quit()


def url(server: Server, path: str) -> str:
    return str(server.client.base_url).rstrip("/") + path


def wait(driver: WebDriver, timeout: float = 20) -> WebDriverWait:
    return WebDriverWait(driver, timeout)


def shoot(driver: WebDriver, name: str) -> None:
    driver.save_screenshot(str(screenshot_dir() / f"{name}.png"))


def in_view(driver: WebDriver, element: WebElement, container: WebElement) -> bool:
    """True when ``element`` is inside the visible part of its scrolling ``container`` and of the window."""
    return bool(
        driver.execute_script(
            """const [e, c] = [arguments[0].getBoundingClientRect(), arguments[1].getBoundingClientRect()];
               return e.top >= c.top - 1 && e.bottom <= c.bottom + 1 && e.top >= 0 && e.bottom <= innerHeight;""",
            element,
            container,
        )
    )


@pytest.fixture(scope="module")
def uploaded(server: Server, browser: WebDriver) -> dict[str, int]:
    """The PDF and the text uploaded from the upload page, followed there until indexed: name -> document id."""
    browser.get(url(server, "/carica"))
    token = browser.find_element(By.ID, "write-token")
    assert token.is_displayed(), "the page asks for the write token before the first upload"
    token.send_keys(TOKEN)
    browser.find_element(By.ID, "files").send_keys(f"{PDF}\n{TEXT}")
    browser.find_element(By.ID, "upload-button").click()
    wait(browser, INDEXING_TIMEOUT).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, '.job-status[data-status="done"]')) == 2
    )
    shoot(browser, "upload")
    rows = browser.find_elements(By.CSS_SELECTOR, "#uploads tbody tr")
    return {
        row.get_attribute("data-file") or "": int(
            (row.find_element(By.TAG_NAME, "a").get_attribute("href") or "").rsplit("/", 1)[1]
        )
        for row in rows
    }


def test_upload_follows_each_file_until_indexed(server: Server, browser: WebDriver, uploaded: dict[str, int]) -> None:
    assert set(uploaded) == {PDF.name, TEXT.name}
    statuses = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, ".job-status")]
    assert statuses == ["Indicizzato", "Indicizzato"]
    for document_id in uploaded.values():
        assert server.client.get(f"/documents/{document_id}").json()["status"] == "indexed"
    assert not browser.find_element(By.ID, "token-box").is_displayed(), "an accepted token is not asked again"


NOTICE = """Comune di Lecco - Ufficio di Piano dell'Ambito di Lecco

AVVISO PUBBLICO per la presentazione di progetti di contrasto alla povertà educativa.

Le domande devono pervenire entro le ore 12:00 del 15 gennaio 2099 all'indirizzo PEC
ufficiodipiano@pec.comune.lecco.it.
"""


def test_a_file_dropped_on_the_page_is_uploaded(server: Server, browser: WebDriver, uploaded: dict[str, int]) -> None:
    browser.get(url(server, "/carica"))
    # Selenium cannot drag from the desktop; the page's drop handler gets the same event a real drop makes.
    browser.execute_script(
        """const files = new DataTransfer();
           files.items.add(new File([arguments[0]], "avviso-lecco.txt", {type: "text/plain"}));
           const zone = document.getElementById("dropzone");
           zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: files, bubbles: true, cancelable: true}));
           zone.dispatchEvent(new DragEvent("drop", {dataTransfer: files, bubbles: true, cancelable: true}));""",
        NOTICE,
    )
    assert "avviso-lecco.txt" in browser.find_element(By.ID, "upload-status").text
    browser.find_element(By.ID, "upload-button").click()
    wait(browser, INDEXING_TIMEOUT).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, '#uploads tr[data-file="avviso-lecco.txt"] [data-status="done"]')
    )
    # Its deadline is still to come, so the deadlines page lists it among the upcoming ones, with its time.
    browser.get(url(server, "/scadenze"))
    upcoming = browser.find_element(By.CSS_SELECTOR, "ul.deadlines").text
    assert "15 gennaio 2099" in upcoming and "ore 12:00" in upcoming and "Scadenza" in upcoming


def test_a_broken_file_fails_in_words_and_can_be_retried(
    server: Server, browser: WebDriver, uploaded: dict[str, int], tmp_path: Path
) -> None:
    broken = tmp_path / "troncato.pdf"
    broken.write_bytes(PDF.read_bytes()[: PDF.stat().st_size // 3])  # cut short: no end-of-file marker
    browser.get(url(server, "/carica"))
    browser.find_element(By.ID, "files").send_keys(str(broken))
    browser.find_element(By.ID, "upload-button").click()
    failed = wait(browser, INDEXING_TIMEOUT).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, '.job-status[data-status="failed"]'))
    )
    assert "incompleto" in failed.text and "pdf_truncated" in failed.text

    browser.get(url(server, "/documenti?status=failed"))
    row = browser.find_element(By.CSS_SELECTOR, 'tr[data-status="failed"]')
    assert "troncato.pdf" in row.text and "Il PDF è incompleto" in row.text
    document_id = int(row.get_attribute("data-document") or 0)
    shoot(browser, "documents")
    first_job = server.client.get(f"/documents/{document_id}").json()["job"]["id"]
    row.find_element(By.CSS_SELECTOR, "button.retry").click()
    # The page reloads when the new job ends; the document has a newer job, failed again for the same reason.
    wait(browser, INDEXING_TIMEOUT).until(
        lambda _: (
            server.client.get(f"/documents/{document_id}").json()["job"]["id"] > first_job
            and server.client.get(f"/documents/{document_id}").json()["job"]["status"] == "failed"
        )
    )
    assert server.client.get(f"/documents/{document_id}").json()["error"]["code"] == "pdf_truncated"


def test_search_narrowed_by_an_ambito_facet(server: Server, browser: WebDriver, uploaded: dict[str, int]) -> None:
    browser.get(url(server, "/"))
    box = browser.find_element(By.ID, "q")
    box.send_keys("welfare", Keys.ENTER)
    wait(browser).until(lambda d: "welfare" in d.title)
    titles = browser.find_elements(By.CSS_SELECTOR, ".hit h2 a")
    assert len(titles) == 2, "both uploaded documents speak of welfare"
    assert browser.find_elements(By.CSS_SELECTOR, ".snippet mark"), "snippets mark the matched words"

    facet = browser.find_element(By.CSS_SELECTOR, '[data-facet="ambito"] a')
    ambito = facet.find_element(By.CLASS_NAME, "value").text
    facet.click()
    wait(browser).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".hit")) == 1)
    assert parse_qs(urlsplit(browser.current_url).query) == {"q": ["welfare"], "ambito": [ambito]}
    chosen = browser.find_element(By.CSS_SELECTOR, ".chosen a")
    assert chosen.text.startswith(f"Ambito: {ambito}")
    assert ambito in browser.find_element(By.CSS_SELECTOR, ".hit .meta").text
    shoot(browser, "search")

    chosen.click()  # removing the filter brings both back
    wait(browser).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".hit")) == 2)


def test_a_commitment_is_highlighted_in_the_text(server: Server, browser: WebDriver, uploaded: dict[str, int]) -> None:
    document_id = uploaded[PDF.name]
    detail = server.client.get(f"/documents/{document_id}").json()
    commitments = detail["extraction"]["commitments"]
    assert len(commitments) >= 2
    browser.get(url(server, f"/?q=welfare&ambito={detail['ambiti'][0]}"))
    browser.find_element(By.CSS_SELECTOR, ".hit h2 a").click()
    wait(browser).until(ec.presence_of_element_located((By.ID, "testo")))

    links = browser.find_elements(By.CSS_SELECTOR, "#campo-commitments a.provenance")
    assert len(links) == len(commitments)
    chosen = commitments[-1]  # the last one: far from the top, so it must scroll
    links[-1].send_keys(Keys.ENTER)  # by keyboard: the links are focusable
    marks = wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, "mark.highlight"))
    start, end = chosen["spans"][0]
    assert marks[0].text.split() == detail["text"][start:end].split()
    assert in_view(browser, marks[0], browser.find_element(By.ID, "testo"))
    assert browser.switch_to.active_element == marks[0], "focus moves to the highlighted text"
    assert browser.current_url.endswith(f"#commitments-{len(commitments) - 1}")
    row = browser.find_element(By.ID, f"commitments-{len(commitments) - 1}")
    assert "selected" in (row.get_attribute("class") or "")

    links[0].click()  # another item: the previous marks go
    wait(browser).until(replaced(marks[0]))
    first_start, first_end = commitments[0]["spans"][0]
    shown = browser.find_elements(By.CSS_SELECTOR, "mark.highlight")
    assert shown[0].text.split() == detail["text"][first_start:first_end].split()

    # The text around the marks is intact: highlighting never changes what the page shows.
    text = browser.find_element(By.ID, "testo").text
    assert "pagina 1" in text and detail["text"][first_end : first_end + 40].split()[0] in text

    # For the README: the page's head, the first tables and a party marked in the text.
    browser.execute_script("window.scrollTo(0, 0)")
    party = browser.find_element(By.CSS_SELECTOR, "#campo-parties a.provenance")
    party.click()
    mark = wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, "mark.highlight"))
    party_start, party_end = detail["extraction"]["parties"][0]["spans"][0]
    assert mark.text.split() == detail["text"][party_start:party_end].split()
    assert in_view(browser, mark, browser.find_element(By.ID, "testo"))
    shoot(browser, "document")


def test_arriving_from_a_link_to_an_item_highlights_it(
    server: Server, browser: WebDriver, uploaded: dict[str, int]
) -> None:
    browser.get(url(server, f"/documenti/{uploaded[PDF.name]}#comuni-0"))
    mark = wait(browser).until(ec.presence_of_element_located((By.CSS_SELECTOR, "mark.highlight")))
    surface = server.client.get(f"/documents/{uploaded[PDF.name]}").json()["extraction"]["comuni"][0]["surface"]
    assert mark.text == surface


def test_commitments_table_and_csv_of_what_is_shown(
    server: Server, browser: WebDriver, uploaded: dict[str, int]
) -> None:
    browser.get(url(server, "/impegni"))
    everything = len(browser.find_elements(By.CSS_SELECTOR, "table.commitments tbody tr"))
    ambito = server.client.get(f"/documents/{uploaded[TEXT.name]}").json()["ambiti"][0]
    field = browser.find_element(By.NAME, "ambito")
    field.send_keys(ambito)
    field.submit()
    wait(browser).until(lambda d: "ambito=" in d.current_url)
    rows = browser.find_elements(By.CSS_SELECTOR, "table.commitments tbody tr")
    assert 0 < len(rows) < everything
    shoot(browser, "commitments")
    link = browser.find_element(By.ID, "csv-link").get_attribute("href") or ""
    exported = list(csv.DictReader(io.StringIO(server.client.get(link).text)))
    assert [row["text"] for row in exported] == [row.find_element(By.TAG_NAME, "a").text for row in rows], (
        "the CSV holds the rows shown, in the same order"
    )


def _wait_for_download(folder: Path, name: str, timeout: float = 30) -> Path:
    target = folder / name
    deadline = time.monotonic() + timeout
    while not target.is_file() or any(folder.glob("*.crdownload")):
        assert time.monotonic() < deadline, f"{name} was not downloaded: {list(folder.iterdir())}"
        time.sleep(0.1)
    return target


def test_deadlines_month_view_and_subscribe_link(
    server: Server, browser: WebDriver, uploaded: dict[str, int], downloads: Path
) -> None:
    items = server.client.get("/deadlines", params={"document": uploaded[PDF.name]}).json()["data"]
    assert items, "the pact has dated items"
    month = items[0]["date"][:7]
    browser.get(url(server, "/scadenze"))
    assert browser.find_element(By.CSS_SELECTOR, '.views a[aria-current="page"]').text == "Prossime"
    browser.get(url(server, f"/scadenze?vista=mese&mese={month}"))
    cell_links = browser.find_elements(By.CSS_SELECTOR, "table.calendar td a")
    assert any(f"/documenti/{uploaded[PDF.name]}#dates-" in (a.get_attribute("href") or "") for a in cell_links)

    Select(browser.find_element(By.NAME, "kind")).select_by_value(items[0]["kind"])
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    wait(browser).until(lambda d: "kind=" in d.current_url)
    assert f"mese={month}" in browser.current_url, "filtering keeps the month shown"
    shoot(browser, "deadlines")

    feed = browser.find_element(By.ID, "feed-url").get_attribute("value") or ""
    subscribe = browser.find_element(By.ID, "subscribe").get_attribute("href") or ""
    assert subscribe == "webcal://" + feed.split("://", 1)[1]
    assert parse_qs(urlsplit(feed).query) == {"kind": [items[0]["kind"]]}
    browser.find_element(By.ID, "feed-download").click()
    calendar = icalendar.Calendar.from_ical(_wait_for_download(downloads, "scadenze.ics").read_bytes())
    events = calendar.walk("VEVENT")
    expected = server.client.get("/deadlines", params={"kind": items[0]["kind"], "limit": 500}).json()["count"]
    assert len(events) == expected > 0
    assert server.client.get(feed).content == (downloads / "scadenze.ics").read_bytes()


def test_pages_answer_a_wrong_address_with_a_page(server: Server, browser: WebDriver) -> None:
    browser.get(url(server, "/non-esiste"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Non trovato"
    browser.get(url(server, "/?year=nonunanno"))
    assert "numero intero" in browser.find_element(By.CSS_SELECTOR, "[role=alert]").text


def test_keyboard_users_skip_to_the_content(server: Server, browser: WebDriver) -> None:
    browser.get(url(server, "/documenti"))
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    skip = browser.switch_to.active_element
    assert skip.text == "Vai al contenuto"
    skip.send_keys(Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("id") == "contenuto"
    unlabelled = browser.execute_script(
        """return [...document.querySelectorAll('input:not([type=hidden]), select')]
             .filter(e => !e.labels || e.labels.length === 0).map(e => e.name || e.id);"""
    )
    assert unlabelled == [], "every form field has a label"


def test_a_first_visit_shows_each_document_once_and_dates_to_look_at(
    server: Server, browser: WebDriver, uploaded: dict[str, int]
) -> None:
    # The PDF's text and its other layouts arrive too, as after `make run`: they are files of one document.
    same = [CORPUS / "dev" / PDF.with_suffix(".txt").name, *sorted((CORPUS / "pdf").glob(f"*/{PDF.name}"))]
    response = server.upload(*same)
    assert response.status_code == 202, response.text
    for item in response.json()["data"]:
        assert server.wait_for_job(item["job_id"], timeout=INDEXING_TIMEOUT)["status"] == "done"
    browser.get(url(server, "/"))
    overview = browser.find_element(By.ID, "panoramica")
    assert "documenti" in overview.text and "impegni" in overview.text
    assert overview.find_elements(By.CSS_SELECTOR, ".suggestions a"), "a few searches to start from"
    shoot(browser, "first-visit")
    browser.find_element(By.ID, "q").send_keys("patto\n")
    # The results page, not the first visit's elements before the form's navigation replaces them.
    wait(browser).until(lambda d: "q=patto" in d.current_url)
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".hit h2 a"))
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, ".hit h2 a")]
    assert len(links) == len(set(links)), "each document once, whatever its files"
    document = server.client.get(f"/documents/{uploaded[PDF.name]}").json()
    assert len(document["files"]) == len(same)  # the text and every layout, the two-column PDF among them
    browser.get(url(server, "/scadenze"))
    upcoming = browser.find_elements(By.CSS_SELECTOR, ".upcoming li")
    past = browser.find_elements(By.CSS_SELECTOR, ".past li")
    assert upcoming or past, "the deadlines page opens on dates, coming or just past"
    if not upcoming:
        assert "già passate" in browser.find_element(By.ID, "titolo-passate").text
    shoot(browser, "deadlines-first-visit")
