"""End to end: staff correct a document on a real `patti serve`, and the corrections outlive a re-extraction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import icalendar
import pytest

from extractor import __version__
from tests.conftest import CORPUS
from tests.service.live_server import AUTH, Server, integrity

TEXT = CORPUS / "dev" / "003_8fd55254de6a5357.txt"
STAFF = {"author": "Anna Rossi"}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, int]]:
    data = tmp_path_factory.mktemp("corrected")
    with Server(data) as server:
        uploaded = server.upload(TEXT).json()["data"][0]
        assert server.wait_for_job(uploaded["job_id"])["status"] == "done"
        yield server, uploaded["document_id"]
    integrity(data)


def _extraction(server: Server, document_id: int) -> dict:
    extraction: dict = server.client.get(f"/documents/{document_id}").json()["extraction"]
    return extraction


def _meetings(server: Server) -> list[str]:
    calendar = icalendar.Calendar.from_ical(server.client.get("/deadlines.ics").content)
    return [str(event.decoded("DTSTART")) for event in calendar.walk("VEVENT")]


def test_corrections_apply_at_once_and_survive_a_new_extractor_version(served: tuple[Server, int]) -> None:
    server, document_id = served
    client = server.client
    before = _extraction(server, document_id)

    # Correct a party's kind.
    union = next(i for i, p in enumerate(before["parties"]) if p["kind"] == "sindacato")
    edited = client.patch(
        f"/documents/{document_id}/items/parties/{union}", json={"item": {"kind": "altro"}, **STAFF}, headers=AUTH
    )
    assert edited.status_code == 200, edited.text
    # Add a deadline the extractor missed: it is in the calendar at once.
    deadline = {"date": "2032-03-15", "time": "12:00", "kind": "scadenza", "text": "adesioni al tavolo"}
    added = client.post(f"/documents/{document_id}/items/dates", json={"item": deadline, **STAFF}, headers=AUTH)
    assert added.status_code == 201, added.text
    assert any(start.startswith("2032-03-15 12:00") for start in _meetings(server))
    # Delete a wrong commitment.
    wrong = before["commitments"][0]["text"]
    removed = client.delete(f"/documents/{document_id}/items/commitments/0", params=STAFF, headers=AUTH)
    assert removed.status_code == 200, removed.text

    # A newer extractor: the document was extracted by an older version and is extracted again.
    with sqlite3.connect(server.data / "patti.db") as conn:
        conn.execute("UPDATE documents SET extractor_version = '0.0.1' WHERE id = ?", [document_id])
    job = client.post(f"/documents/{document_id}/reindex", headers=AUTH).json()
    assert server.wait_for_job(job["id"])["status"] == "done"

    after = client.get(f"/documents/{document_id}").json()
    assert after["extractor_version"] == __version__
    extraction = after["extraction"]
    assert extraction["parties"][union]["kind"] == "altro"
    assert ("2032-03-15", "12:00") in [(d["date"], d["time"]) for d in extraction["dates"]]
    assert wrong not in [c["text"] for c in extraction["commitments"]]
    assert any(start.startswith("2032-03-15 12:00") for start in _meetings(server))
    history = client.get(f"/documents/{document_id}/corrections").json()["data"]
    assert [(c["field"], c["action"], c["author"], c["agrees"]) for c in history] == [
        ("parties", "edit", "Anna Rossi", False),
        ("dates", "add", "Anna Rossi", False),
        ("commitments", "remove", "Anna Rossi", False),
    ]


def test_bad_edits_are_422_and_without_the_token_401(served: tuple[Server, int]) -> None:
    server, document_id = served
    before = _extraction(server, document_id)
    bad = server.client.post(
        f"/documents/{document_id}/items/comuni", json={"item": {"istat": "000001"}, **STAFF}, headers=AUTH
    )
    assert bad.status_code == 422 and "item.istat" in bad.json()["error"]["message"]
    anonymous = server.client.delete(f"/documents/{document_id}/items/parties/0", params=STAFF)
    assert anonymous.status_code == 401
    assert _extraction(server, document_id) == before
