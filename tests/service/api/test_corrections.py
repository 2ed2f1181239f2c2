"""Corrections through the API: add, edit, remove, withdraw, the history, and every way a bad one is refused."""

from __future__ import annotations

from typing import Any

import icalendar
import pytest
from fastapi.testclient import TestClient

from service.corrections.validate import MAX_VALUE_CHARS
from tests.service.api.conftest import AUTH

STAFF = "Anna Rossi"


@pytest.fixture
def client(writable_client: TestClient) -> TestClient:
    """Tests here change the data: each gets its own copy."""
    return writable_client


def _document(client: TestClient, name: str = "003_8fd55254de6a5357.txt") -> dict[str, Any]:
    listed = client.get("/documents", params={"limit": 100}).json()["data"]
    document_id = next(d["id"] for d in listed if d["file_name"] == name)
    detail: dict[str, Any] = client.get(f"/documents/{document_id}").json()
    return detail


def test_correct_a_party_and_read_the_history(client: TestClient) -> None:
    document = _document(client)
    parties = document["extraction"]["parties"]
    position = next(i for i, p in enumerate(parties) if p["kind"] == "sindacato")
    answer = client.patch(
        f"/documents/{document['id']}/items/parties/{position}",
        json={"item": {"kind": "altro"}, "author": STAFF, "note": "è un patronato"},
        headers=AUTH,
    )
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert result["correction"]["action"] == "edit" and result["correction"]["author"] == STAFF
    assert result["items"][position]["kind"] == "altro" == _document(client)["extraction"]["parties"][position]["kind"]
    history = client.get(f"/documents/{document['id']}/corrections").json()
    assert history["count"] == 1
    assert history["data"][0]["before"]["kind"] == "sindacato" and history["data"][0]["note"] == "è un patronato"


def test_a_missed_deadline_appears_in_the_calendar_at_once(client: TestClient) -> None:
    document = _document(client)
    item = {"date": "2031-05-20", "time": "10:30", "kind": "scadenza", "text": "presentazione delle adesioni"}
    answer = client.post(f"/documents/{document['id']}/items/dates", json={"item": item, "author": STAFF}, headers=AUTH)
    assert answer.status_code == 201, answer.text
    calendar = icalendar.Calendar.from_ical(client.get("/deadlines.ics").content)
    starts = [event.decoded("DTSTART") for event in calendar.walk("VEVENT")]
    assert any(str(start).startswith("2031-05-20 10:30") for start in starts)
    listed = client.get("/deadlines", params={"date_from": "2031-05-20"}).json()["data"]
    assert [(d["date"], d["time"]) for d in listed] == [("2031-05-20", "10:30")]


def test_a_wrong_commitment_is_removed_and_stays_out_of_listings(client: TestClient) -> None:
    document = _document(client)
    commitments = document["extraction"]["commitments"]
    assert commitments
    gone = commitments[0]["text"]
    answer = client.delete(f"/documents/{document['id']}/items/commitments/0", params={"author": STAFF}, headers=AUTH)
    assert answer.status_code == 200, answer.text
    assert gone not in [c["text"] for c in answer.json()["items"]]
    listed = client.get("/commitments", params={"limit": 500}).json()["data"]
    assert gone not in [c["text"] for c in listed]


def test_correct_the_document_s_type_and_date(client: TestClient) -> None:
    document = _document(client)
    assert document["doc_type"] == "intesa"
    answer = client.patch(
        f"/documents/{document['id']}", json={"item": {"doc_type": "accordo", "date": "2021-10-26"}, "author": STAFF},
        headers=AUTH,
    )  # fmt: skip
    assert answer.status_code == 200, answer.text
    assert answer.json()["items"] == [{"doc_type": "accordo", "date": "2021-10-26", "title": document["title"]}]
    corrected = _document(client)
    assert (corrected["doc_type"], corrected["date"]) == ("accordo", "2021-10-26")
    listed = client.get("/documents", params={"doc_type": "accordo"}).json()["data"]
    assert document["id"] in [d["id"] for d in listed]


def test_a_withdrawn_correction_restores_the_item(client: TestClient) -> None:
    document = _document(client)
    before = document["extraction"]["parties"]
    made = client.delete(f"/documents/{document['id']}/items/parties/0", params={"author": STAFF}, headers=AUTH)
    correction = made.json()["correction"]["id"]
    answer = client.delete(
        f"/documents/{document['id']}/corrections/{correction}", params={"author": "Marco Bianchi"}, headers=AUTH
    )
    assert answer.status_code == 200
    assert answer.json()["correction"]["retired_by"] == "Marco Bianchi"
    assert _document(client)["extraction"]["parties"] == before
    missing = client.delete(f"/documents/{document['id']}/corrections/999", params={"author": STAFF}, headers=AUTH)
    assert missing.status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("post", "items/comuni", {"item": {"istat": "123456"}}, "item.istat"),
        ("post", "items/dates", {"item": {"date": "2025-02-30", "kind": "scadenza", "text": "x"}}, "item.date"),
        ("post", "items/parties", {"item": {"name": "ACLI", "kind": "patronato"}}, "item.kind"),
        ("post", "items/work_areas", {"item": {"label": "Casa", "category": "edilizia"}}, "item.category"),
        ("post", "items/parties", {"item": ["ACLI"]}, "item"),
        ("post", "items/parties", {"item": {"name": "x" * (MAX_VALUE_CHARS + 1), "kind": "altro"}}, "item.name"),
        ("post", "items/sindaci", {"item": {"name": "Anna"}}, "field"),
        ("patch", "items/parties/999", {"item": {"kind": "altro"}}, "position"),
        ("patch", "items/parties/0", {"item": {"kind": "banca"}}, "item.kind"),
        ("patch", "items/parties/0", {"item": {}}, "item"),
        ("post", "items/parties", {"item": {"name": "ACLI", "kind": "altro"}, "author": "  "}, "author"),
        ("post", "items/parties", {"item": {"name": "ACLI", "kind": "altro"}, "author": 42}, "author"),
        ("patch", "", {"item": {"doc_type": "bando"}}, "item.doc_type"),
        ("patch", "", {"item": {"date": "2021-13-01"}}, "item.date"),
        ("patch", "", {"item": {"doc_type": "intesa"}}, "item"),  # what it already is
    ],
)
def test_bad_corrections_answer_422_naming_the_field_and_change_nothing(
    client: TestClient, method: str, path: str, body: dict[str, Any], field: str
) -> None:
    document = _document(client)
    url = f"/documents/{document['id']}" + (f"/{path}" if path else "")
    answer = client.request(method, url, json={"author": STAFF, **body}, headers=AUTH)
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["code"] == "invalid_correction" and f": {field}: " in error["message"]
    assert _document(client) == document
    assert client.get(f"/documents/{document['id']}/corrections").json()["count"] == 0


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("post", "items/parties", {"json": {"item": {"name": "ACLI", "kind": "altro"}, "author": STAFF}}),
        ("patch", "items/parties/0", {"json": {"item": {"kind": "altro"}, "author": STAFF}}),
        ("delete", "items/parties/0", {"params": {"author": STAFF}}),
        ("delete", "corrections/1", {"params": {"author": STAFF}}),
        ("patch", "", {"json": {"item": {"doc_type": "altro"}, "author": STAFF}}),
    ],
)
@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong-token-123456"}])
def test_without_the_token_401_and_nothing_changes(
    client: TestClient, method: str, path: str, kwargs: dict[str, Any], headers: dict[str, str]
) -> None:
    document = _document(client)
    url = f"/documents/{document['id']}" + (f"/{path}" if path else "")
    answer = client.request(method, url, headers=headers, **kwargs)
    assert answer.status_code == 401
    assert _document(client) == document


@pytest.mark.parametrize(
    ("content", "status"),
    [
        (b"{not json", 400),  # malformed
        (b"", 400),  # empty
        (b'"just a string"', 400),  # the wrong type of body
        (b'{"item": {"name": "ACLI", "kind": "altro"}, "author": "A", "extra": 1}', 400),  # an unknown field
    ],
)
def test_malformed_bodies_are_refused(client: TestClient, content: bytes, status: int) -> None:
    document = _document(client)
    answer = client.post(
        f"/documents/{document['id']}/items/parties",
        content=content,
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert answer.status_code == status
    assert answer.json()["error"]["code"] == "invalid_parameter"


def test_a_huge_body_is_refused_before_it_is_read(client: TestClient) -> None:
    document = _document(client)
    huge = b'{"item": {"name": "' + b"x" * 50_000_000 + b'"}, "author": "A"}'
    answer = client.post(
        f"/documents/{document['id']}/items/parties", content=huge, headers={**AUTH, "Content-Type": "application/json"}
    )
    assert answer.status_code == 413


@pytest.mark.parametrize("path", ["/documents/99999/corrections", "/documents/99999/items/parties"])
def test_an_unknown_document_is_404(client: TestClient, path: str) -> None:
    if path.endswith("corrections"):
        answer = client.get(path)
    else:
        answer = client.post(path, json={"item": {"name": "ACLI", "kind": "altro"}, "author": STAFF}, headers=AUTH)
    assert answer.status_code == 404
