"""GET /deadlines and /deadlines.ics: filters, RFC 5545 rules checked on the raw bytes and by two parsers,
stable UIDs, reminders, and HTTP caching."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import vobject
from fastapi.testclient import TestClient

from extractor.pipeline import extract_path
from service.settings import Settings
from service.store.db import open_database
from service.store.files import store_file
from service.store.writer import save_extraction
from tests.service.api.conftest import make_client

MEETING = (
    "Comune di Città di Castello — Ufficio di Piano\n\n"
    "Avviso di convocazione 🗓️\n\n"
    "Il tavolo tematico sulla disabilità si riunirà il 3 dicembre 2030 alle ore 17:30 presso la Sala Consiliare "
    "del Comune di Città di Castello.\n\n"
    "Le proposte dovranno pervenire entro il 20 novembre 2030 all'indirizzo ufficiodipiano@comune.example.it.\n"
)


def all_items(client: TestClient, **params: object) -> list[dict]:
    response = client.get("/deadlines", params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    return response.json()["data"]


def feed(client: TestClient, **params: object) -> bytes:
    response = client.get("/deadlines.ics", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/calendar")
    return response.content


@pytest.fixture
def meeting_client(tmp_path: Path):
    """A data folder with one document carrying a timed event, a deadline, accents and an emoji."""
    path = tmp_path / "convocazione.txt"
    path.write_text(MEETING, encoding="utf-8")
    db = open_database(tmp_path / "patti.db")
    sha256, _ = store_file(tmp_path, path.read_bytes())
    save_extraction(db, sha256, path.name, path.stat().st_size, extract_path(path, include_text=True))
    db.close()
    with make_client(tmp_path) as client:
        yield client, tmp_path, path, sha256


def test_items_come_by_date_with_their_documents(client: TestClient) -> None:
    items = all_items(client)
    assert items
    assert [i["date"] for i in items] == sorted(i["date"] for i in items)
    assert all(i["summary"].startswith(("Scadenza:", "Evento:", "Firma:", "Data:")) for i in items)


def test_filters_on_kind_item_date_and_document(client: TestClient) -> None:
    items = all_items(client)
    for kind in {i["kind"] for i in items}:
        assert {i["kind"] for i in all_items(client, kind=kind)} == {kind}
    middle = sorted(i["date"] for i in items)[len(items) // 2]
    assert all(i["date"] >= middle for i in all_items(client, date_from=middle))
    assert all(i["date"] <= middle for i in all_items(client, date_to=middle))
    document = items[0]["document"]["id"]
    assert {i["document"]["id"] for i in all_items(client, document=document)} == {document}
    today = date.today().isoformat()
    assert all(i["date"] >= today for i in all_items(client, upcoming="true"))


def test_feed_parses_with_two_parsers_and_matches_the_json(client: TestClient) -> None:
    body = feed(client)
    items = {i["uid"]: i for i in all_items(client)}
    parsed = icalendar.Calendar.from_ical(body)
    events = {str(e["UID"]): e for e in parsed.walk("VEVENT")}
    assert set(events) == set(items)
    for uid, event in events.items():
        assert str(event["SUMMARY"]) == items[uid]["summary"]
        start = event.decoded("DTSTART")
        assert (
            start if isinstance(start, date) and not isinstance(start, datetime) else start.date()
        ).isoformat() == items[uid]["date"]
    other = vobject.readOne(body.decode("utf-8"))
    assert {e.uid.value for e in other.vevent_list} == set(items)


def test_raw_bytes_follow_rfc_5545(client: TestClient) -> None:
    body = feed(client)
    assert body.endswith(b"\r\n") and b"\n" not in body.replace(b"\r\n", b"")
    lines = body.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    unfolded = body.replace(b"\r\n ", b"").decode("utf-8")  # folding never split a character
    tzids = {part.split(":")[0] for part in unfolded.split("TZID=")[1:]}
    for tzid in tzids:
        assert f"BEGIN:VTIMEZONE\r\nTZID:{tzid}" in unfolded
    assert unfolded.count("BEGIN:VEVENT") == unfolded.count("END:VEVENT")


def test_timed_event_accents_emoji_and_reminders(meeting_client) -> None:
    client, _, _, _ = meeting_client
    body = feed(client)
    assert b"DTSTART;TZID=Europe/Rome:20301203T173000\r\n" in body
    assert b"BEGIN:VTIMEZONE\r\nTZID:Europe/Rome\r\n" in body
    parsed = icalendar.Calendar.from_ical(body)
    by_kind = {}
    for event in parsed.walk("VEVENT"):
        by_kind.setdefault(str(event["CATEGORIES"].cats[0]), []).append(event)
    (meeting,) = by_kind["Evento"]
    start = meeting.decoded("DTSTART")
    assert (start.replace(tzinfo=None), str(start.tzinfo)) == (datetime(2030, 12, 3, 17, 30), "Europe/Rome")
    assert meeting.decoded("DTEND") - start == timedelta(hours=1)
    assert str(meeting["SUMMARY"]).endswith("— Avviso di convocazione 🗓️")  # the title, emoji and all
    assert str(meeting["LOCATION"]) == "Sala Consiliare del Comune di Città di Castello"
    assert [a.decoded("TRIGGER") for a in meeting.walk("VALARM")] == [-timedelta(hours=1)]
    (deadline,) = by_kind["Scadenza"]
    assert deadline.decoded("DTSTART") == date(2030, 11, 20)
    assert deadline.decoded("DTEND") == date(2030, 11, 21)  # all-day: exclusive end
    assert sorted(a.decoded("TRIGGER") for a in deadline.walk("VALARM")) == [-timedelta(days=7), -timedelta(days=1)]
    # vobject reads the same accents and emoji
    other = vobject.readOne(body.decode("utf-8"))
    assert {e.summary.value for e in other.vevent_list} == {str(e["SUMMARY"]) for e in parsed.walk("VEVENT")}
    assert "Città di Castello" in " ".join(e.description.value for e in other.vevent_list)


def test_uids_survive_re_extraction_and_restarts(meeting_client) -> None:
    client, data, path, sha256 = meeting_client
    before = {e["UID"] for e in icalendar.Calendar.from_ical(feed(client)).walk("VEVENT")}
    db = open_database(data / "patti.db")
    save_extraction(db, sha256, path.name, path.stat().st_size, extract_path(path, include_text=True))
    db.close()
    with make_client(data) as restarted:
        after = {e["UID"] for e in icalendar.Calendar.from_ical(feed(restarted)).walk("VEVENT")}
    assert before == after and len(before) >= 2


def test_unchanged_feed_answers_304(meeting_client) -> None:
    client, data, path, sha256 = meeting_client
    first = client.get("/deadlines.ics")
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert client.get("/deadlines.ics", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/deadlines.ics", headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get("/deadlines.ics", headers={"If-None-Match": '"other"'}).status_code == 200
    assert client.get("/deadlines.ics", headers={"If-Modified-Since": "not a date"}).status_code == 200
    assert client.get("/deadlines.ics", params={"kind": "evento"}).headers["etag"] != etag  # filters count
    db = open_database(data / "patti.db")
    save_extraction(db, sha256, path.name, path.stat().st_size, extract_path(path, include_text=True))
    db.close()
    assert client.get("/deadlines.ics", headers={"If-None-Match": etag}).status_code == 200  # re-extracted


def test_reminders_follow_the_setting(meeting_client) -> None:
    _, data, _, _ = meeting_client
    with make_client(data, feed_alarms="scadenza=2w;evento=") as client:
        parsed = icalendar.Calendar.from_ical(feed(client))
    triggers = sorted(str(a.decoded("TRIGGER")) for a in parsed.walk("VALARM"))
    assert triggers == [str(-timedelta(weeks=2))]


@pytest.mark.parametrize("spec", ["scadenza=7x", "riunione=1d", "scadenza", "scadenza=0d", "evento=1h;;x=2"])
def test_bad_reminder_settings_are_refused(spec: str) -> None:
    with pytest.raises(ValueError):
        Settings(feed_alarms=spec)


@pytest.mark.parametrize("params", [{"kind": "compleanno"}, {"document": "0"}, {"date_from": "ieri"},
                                    {"upcoming": "forse"}, {"comune": "Atlantide"}])  # fmt: skip
def test_bad_parameters_are_400(client: TestClient, params: dict) -> None:
    for path in ("/deadlines", "/deadlines.ics"):
        response = client.get(path, params=params)
        assert response.status_code == 400, (path, response.text)
