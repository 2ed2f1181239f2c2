"""Staff correct a document from its page in a real headless Chromium against a real `patti serve`: correct a
party, add a missed deadline by selecting its words in the text, mark a commitment as wrong, see a refused
correction explained, withdraw a correction; merge two organisations on the registry page and search by the merged
name; every change is checked through the API and the feed."""

from __future__ import annotations

from collections.abc import Iterator

import icalendar
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.conftest import CORPUS
from tests.service.live_server import TOKEN, Server
from tests.service.web.browser import replaced, require_browser, screenshot_dir, start_chromium

TEXT = CORPUS / "dev" / "003_8fd55254de6a5357.txt"
OTHER = CORPUS / "dev" / "000_2733dd1fb8777219.txt"  # another ambito's pact: other organisations
STAFF = "Anna Rossi"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, int]]:
    require_browser()
    with Server(tmp_path_factory.mktemp("corrections-web")) as server:
        text, other = server.upload(TEXT, OTHER).json()["data"]
        for uploaded in (text, other):
            assert server.wait_for_job(uploaded["job_id"])["status"] == "done"
        yield server, text["document_id"]


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    driver = start_chromium(tmp_path_factory.mktemp("downloads"), tmp_path_factory.mktemp("profile"))
    try:
        yield driver
    finally:
        driver.quit()


def wait(driver: WebDriver, timeout: float = 20) -> WebDriverWait:
    return WebDriverWait(driver, timeout)


def open_document(browser: WebDriver, server: Server, document_id: int) -> None:
    browser.get(str(server.client.base_url).rstrip("/") + f"/documenti/{document_id}")
    wait(browser).until(ec.presence_of_element_located((By.ID, "testo")))


def save(browser: WebDriver, author: str = STAFF) -> None:
    """Fill the author (and the token the first time it is asked), save, and wait for the page to come back."""
    name = browser.find_element(By.ID, "correction-author")
    name.clear()
    name.send_keys(author)
    old = browser.find_element(By.TAG_NAME, "html")
    asked = not browser.execute_script("return window.pattiToken.hasOne()")
    browser.find_element(By.ID, "correction-save").click()
    if asked:  # the first write asks for the token, then is saved again
        token = wait(browser).until(ec.visibility_of_element_located((By.ID, "write-token")))
        token.send_keys(TOKEN)
        browser.find_element(By.ID, "correction-save").click()
    wait(browser).until(replaced(old))
    wait(browser).until(ec.presence_of_element_located((By.ID, "correzioni")))


def extraction(server: Server, document_id: int) -> dict:
    found: dict = server.client.get(f"/documents/{document_id}").json()["extraction"]
    return found


def test_correct_a_party_kind(served: tuple[Server, int], browser: WebDriver) -> None:
    server, document_id = served
    parties = extraction(server, document_id)["parties"]
    position = next(i for i, p in enumerate(parties) if p["kind"] == "sindacato")
    open_document(browser, server, document_id)
    browser.find_element(By.CSS_SELECTOR, f'button.edit-item[data-field="parties"][data-position="{position}"]').click()
    panel = browser.find_element(By.ID, "correzione")
    assert panel.is_displayed()
    assert browser.find_element(By.ID, "item-name").get_attribute("value") == parties[position]["name"]
    Select(browser.find_element(By.ID, "item-kind")).select_by_value("altro")
    save(browser)
    assert extraction(server, document_id)["parties"][position]["kind"] == "altro"
    row = browser.find_element(By.ID, f"parties-{position}")
    assert "Altro" in row.text
    history = browser.find_element(By.CSS_SELECTOR, "table.corrections tbody tr")
    assert STAFF in history.text and "Soggetto corretto" in history.text and "Sindacato → Altro" in history.text
    browser.save_screenshot(str(screenshot_dir() / "correction-party.png"))


def test_correct_the_document_s_type(served: tuple[Server, int], browser: WebDriver) -> None:
    server, document_id = served
    assert server.client.get(f"/documents/{document_id}").json()["doc_type"] == "intesa"
    open_document(browser, server, document_id)
    browser.find_element(By.ID, "correct-document").click()
    assert Select(browser.find_element(By.ID, "item-doc_type")).first_selected_option.get_attribute("value") == "intesa"
    Select(browser.find_element(By.ID, "item-doc_type")).select_by_value("accordo")
    save(browser)
    assert server.client.get(f"/documents/{document_id}").json()["doc_type"] == "accordo"
    assert "Accordo" in browser.find_element(By.CSS_SELECTOR, ".document-head .meta").text
    history = browser.find_element(By.CSS_SELECTOR, "table.corrections tbody tr")
    assert "Documento corretto (Tipo di documento: Intesa → Accordo)" in history.text


def test_add_a_missed_deadline_from_a_selection(served: tuple[Server, int], browser: WebDriver) -> None:
    server, document_id = served
    text = server.client.get(f"/documents/{document_id}").json()["text"]
    start = text.index("Sesto San Giovanni")
    end = start + len("Sesto San Giovanni")
    open_document(browser, server, document_id)
    # Select those words in the page's text as a reader would, and let the page notice the selection.
    browser.execute_script(
        """const [start, end] = [arguments[0], arguments[1]];
           const page = document.querySelector('#testo .page');
           const node = page.querySelector('.page-text').firstChild;
           const range = document.createRange();
           range.setStart(node, start - Number(page.dataset.start));
           range.setEnd(node, end - Number(page.dataset.start));
           getSelection().removeAllRanges();
           getSelection().addRange(range);
           document.getElementById('testo').dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));""",
        start,
        end,
    )
    tools = browser.find_element(By.ID, "selection-tools")
    assert tools.is_displayed()
    Select(browser.find_element(By.ID, "selection-field")).select_by_value("dates")
    browser.find_element(By.ID, "selection-add").click()
    assert browser.find_element(By.ID, "item-text").get_attribute("value") == "Sesto San Giovanni"
    browser.execute_script("document.getElementById('item-date').value = '2033-06-30'")  # a date input's own format
    browser.execute_script("document.getElementById('item-time').value = '12:00'")
    Select(browser.find_element(By.ID, "item-kind")).select_by_value("scadenza")
    save(browser)

    added = [d for d in extraction(server, document_id)["dates"] if d["date"] == "2033-06-30"]
    assert [(d["time"], d["kind"], d["spans"]) for d in added] == [("12:00", "scadenza", [[start, end]])]
    calendar = icalendar.Calendar.from_ical(server.client.get("/deadlines.ics").content)
    assert any(str(e.decoded("DTSTART")).startswith("2033-06-30 12:00") for e in calendar.walk("VEVENT"))
    # The new row links to its words in the text.
    link = browser.find_element(
        By.XPATH, "//section[@id='campo-dates']//tr[contains(., '2033')]//a[@class='provenance']"
    )
    link.click()
    mark = wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, "mark.highlight"))
    assert mark.text == "Sesto San Giovanni"


def test_mark_a_commitment_as_wrong(served: tuple[Server, int], browser: WebDriver) -> None:
    server, document_id = served
    commitments = extraction(server, document_id)["commitments"]
    open_document(browser, server, document_id)
    browser.find_element(By.CSS_SELECTOR, 'button.remove-item[data-field="commitments"][data-position="0"]').click()
    browser.find_element(By.ID, "correction-note").send_keys("è una premessa, non un impegno")
    save(browser)
    after = extraction(server, document_id)["commitments"]
    assert [c["text"] for c in after] == [c["text"] for c in commitments[1:]]
    assert "è una premessa, non un impegno" in browser.find_element(By.ID, "correzioni").text


def test_a_refused_correction_says_why_and_marks_the_field(served: tuple[Server, int], browser: WebDriver) -> None:
    server, document_id = served
    before = extraction(server, document_id)
    open_document(browser, server, document_id)
    browser.find_element(By.CSS_SELECTOR, 'button.add-item[data-field="comuni"]').click()
    browser.find_element(By.ID, "item-istat").send_keys("999999")
    browser.find_element(By.ID, "item-surface").send_keys("Nessunluogo")
    browser.find_element(By.ID, "correction-author").clear()
    browser.find_element(By.ID, "correction-author").send_keys(STAFF)
    browser.find_element(By.ID, "correction-save").click()
    error = wait(browser).until(
        lambda d: (
            d.find_element(By.ID, "correction-error")
            if d.find_element(By.ID, "correction-error").is_displayed()
            else None
        )
    )
    assert "item.istat" in error.text
    assert browser.find_element(By.ID, "item-istat").get_attribute("aria-invalid") == "true"
    assert extraction(server, document_id) == before


def test_withdraw_a_correction(served: tuple[Server, int], browser: WebDriver) -> None:
    server, document_id = served
    history = server.client.get(f"/documents/{document_id}/corrections").json()["data"]
    removal = next(c for c in history if c["action"] == "remove")
    open_document(browser, server, document_id)
    browser.find_element(By.CSS_SELECTOR, f'button.withdraw[data-correction="{removal["id"]}"]').click()
    save(browser, author="Marco Bianchi")
    assert removal["before"]["text"] in [c["text"] for c in extraction(server, document_id)["commitments"]]
    row = browser.find_element(By.CSS_SELECTOR, f'tr[data-correction="{removal["id"]}"]')
    assert "ritirata da Marco Bianchi" in row.text
    assert not row.find_elements(By.CSS_SELECTOR, "button.withdraw")


def test_merge_two_organisations_and_search_by_the_merged_name(served: tuple[Server, int], browser: WebDriver) -> None:
    server, _ = served
    listed = server.client.get("/organisations", params={"limit": 500}).json()["data"]

    def documents(party: str) -> set[int]:
        hits = server.client.get("/search", params={"party": party}).json()["data"]
        return {hit["document"]["id"] for hit in hits}

    # Two organisations named by different documents.
    source, target = next(
        (a, b) for a in listed for b in listed if documents(a["name"]) and documents(b["name"])
        and not documents(a["name"]) & documents(b["name"])
    )  # fmt: skip
    own = documents(target["name"])
    both = documents(source["name"]) | own
    browser.get(str(server.client.base_url).rstrip("/") + "/organizzazioni")
    browser.find_element(By.CSS_SELECTOR, f'button.merge[data-organisation="{source["id"]}"]').click()
    Select(browser.find_element(By.ID, "registry-into")).select_by_value(str(target["id"]))
    name = browser.find_element(By.ID, "registry-author")
    name.clear()
    name.send_keys(STAFF)
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.ID, "registry-save").click()
    if not browser.execute_script("return window.pattiToken.hasOne()"):
        wait(browser).until(ec.visibility_of_element_located((By.ID, "write-token"))).send_keys(TOKEN)
        browser.find_element(By.ID, "registry-save").click()
    wait(browser).until(replaced(old))
    change = wait(browser).until(lambda d: d.find_element(By.CSS_SELECTOR, "#modifiche tbody tr"))
    assert f"«{source['name']}» unita a «{target['name']}»" in change.text

    # The search page, by the merged name, finds the documents of both.
    row = browser.find_element(By.CSS_SELECTOR, f'tr[data-organisation="{target["id"]}"]')
    assert source["name"] in row.text  # its other names
    row.find_element(By.TAG_NAME, "a").click()
    wait(browser).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".hit")))
    shown = {
        int((link.get_attribute("href") or "").rsplit("/", 1)[1].split("#")[0])
        for link in browser.find_elements(By.CSS_SELECTOR, ".hit h2 a")
    }
    assert shown == both
    browser.save_screenshot(str(screenshot_dir() / "organisations-merged.png"))

    # And the merge can be undone from the registry page.
    browser.get(str(server.client.base_url).rstrip("/") + "/organizzazioni")
    # The page may still be drawing its list of changes on a loaded machine: wait for the button.
    wait(browser).until(ec.element_to_be_clickable((By.CSS_SELECTOR, "button.undo"))).click()
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.ID, "registry-save").click()
    wait(browser).until(replaced(old))
    assert documents(target["name"]) == own
    assert "annullata da Anna Rossi" in browser.find_element(By.ID, "modifiche").text
