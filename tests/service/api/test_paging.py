"""The ``after`` cursor of /search, /commitments and /deadlines: pages follow each other, the last has no ``next``,
and a cursor that was altered, garbled or taken from another listing is a clear 400."""

from __future__ import annotations

import base64
import json

import pytest
from fastapi.testclient import TestClient

LISTINGS = [
    ("/search", {}),
    ("/search", {"q": "comune"}),
    ("/commitments", {}),
    ("/commitments", {"sort": "date"}),
    ("/commitments", {"sort": "category"}),
    ("/commitments", {"sort": "document", "q": "impegno"}),
    ("/deadlines", {}),
]


def _ids(route: str, body: dict) -> list[int]:
    return [row["document"]["id"] if route == "/search" else row["id"] for row in body["data"]]


def _get(client: TestClient, route: str, **params: object) -> dict:
    response = client.get(route, params=params)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(("route", "params"), LISTINGS)
def test_following_next_walks_the_whole_listing_in_order(client: TestClient, route: str, params: dict) -> None:
    everything = _get(client, route, limit=500, **params)
    assert everything["next"] is None
    walked: list[int] = []
    body = _get(client, route, limit=2, **params)
    while True:
        walked += _ids(route, body)
        assert body["count"] == everything["count"]
        if body["next"] is None:
            break
        body = _get(client, route, limit=2, after=body["next"], **params)
    assert walked == _ids(route, everything)
    assert len(walked) >= 3, "the sample needs a few pages"


@pytest.mark.parametrize("route", ["/search", "/commitments", "/deadlines"])
def test_a_count_past_the_limit_is_a_lower_bound_and_the_cursor_goes_on(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, route: str
) -> None:
    everything = _get(client, route, limit=500)
    assert everything["count_exact"] is True
    monkeypatch.setattr("service.store.counts.COUNT_LIMIT", 2)
    walked: list[int] = []
    body = _get(client, route, limit=2)
    while True:
        assert (body["count"], body["count_exact"]) == (2, False)
        walked += _ids(route, body)
        if body["next"] is None:
            break
        body = _get(client, route, limit=2, after=body["next"])
    assert walked == _ids(route, everything)


def test_offset_counts_from_the_cursor(client: TestClient) -> None:
    everything = _ids("/search", _get(client, "/search", limit=500))
    first = _get(client, "/search", limit=2)
    assert _ids("/search", _get(client, "/search", limit=2, offset=1, after=first["next"])) == everything[3:5]


def test_the_last_page_and_an_empty_result_have_no_next(client: TestClient) -> None:
    count = _get(client, "/search", limit=1)["count"]
    last = _get(client, "/search", limit=1, offset=count - 1)
    assert len(last["data"]) == 1 and last["next"] is None
    assert _get(client, "/search", limit=count)["next"] is None  # exactly full: nothing after it
    empty = _get(client, "/search", q="zzqxwv")
    assert empty["data"] == [] and empty["count"] == 0 and empty["next"] is None


def _tampered(cursor: str) -> str:
    body = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    body["k"][-1] = body["k"][-1] + 1  # skip a row: the digest no longer matches
    return base64.urlsafe_b64encode(json.dumps(body).encode()).decode().rstrip("=")


@pytest.mark.parametrize("route", ["/search", "/commitments", "/deadlines"])
def test_bad_cursors_are_a_clear_400(client: TestClient, route: str) -> None:
    cursor = _get(client, route, limit=1)["next"]
    assert cursor
    for bad in ("garbage", "!!!", "", "a" * 1001, _tampered(cursor), base64.urlsafe_b64encode(b"[1, 2]").decode()):
        response = client.get(route, params={"limit": 1, "after": bad})
        if bad == "":
            assert response.status_code == 200  # an empty cursor is no cursor: the first page
            continue
        assert response.status_code == 400, (bad, response.text)
        error = response.json()["error"]
        assert error["code"] == "invalid_parameter"
        assert "after" in error["message"]


def test_a_cursor_belongs_to_its_words_sort_and_filters(client: TestClient) -> None:
    cursor = _get(client, "/search", limit=1, q="comune")["next"]
    assert client.get("/search", params={"limit": 1, "q": "comune", "after": cursor}).status_code == 200
    for other in ({"q": "ambito"}, {}, {"q": "comune", "doc_type": "patto"}):
        response = client.get("/search", params={"limit": 1, "after": cursor, **other})
        assert response.status_code == 400, other
    listed = _get(client, "/commitments", limit=1, sort="date")["next"]
    assert client.get("/commitments", params={"limit": 1, "sort": "-date", "after": listed}).status_code == 400
