"""The organisations registry through the API: list, merge and search by the merged name, alias, rename, undo, and
every way a bad change is refused."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.service.api.conftest import AUTH

STAFF = {"author": "Anna Rossi"}


@pytest.fixture
def client(writable_client: TestClient) -> TestClient:
    """Tests here change the data: each gets its own copy."""
    return writable_client


def _organisations(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = client.get("/organisations", params={"limit": 500, **params}).json()["data"]
    return found


def _documents(client: TestClient, party: str) -> set[int]:
    return {
        hit["document"]["id"] for hit in client.get("/search", params={"party": party, "limit": 100}).json()["data"]
    }


def test_merge_two_organisations_and_search_by_the_merged_name(client: TestClient) -> None:
    named = {o["name"]: _documents(client, o["name"]) for o in _organisations(client)[:20]}
    # Two organisations that different documents name.
    first, second = next(
        (a, b) for a in _organisations(client)[:20] for b in _organisations(client)[:20]
        if named[a["name"]] and named[b["name"]] and not named[a["name"]] & named[b["name"]]
    )  # fmt: skip
    own = {o["name"]: named[o["name"]] for o in (first, second)}
    expected = own[first["name"]] | own[second["name"]]
    answer = client.post(
        f"/organisations/{first['id']}/merge", json={"into": second["id"], **STAFF, "note": "la stessa"}, headers=AUTH
    )
    assert answer.status_code == 200, answer.text
    change = answer.json()
    assert change["action"] == "merge" and change["into_id"] == second["id"] and change["parties"]
    assert _documents(client, second["name"]) == expected == _documents(client, first["name"])
    listed = {o["id"]: o for o in _organisations(client)}
    assert first["id"] not in listed and first["name"] in listed[second["id"]]["aliases"]
    facet = client.get("/search").json()["facets"]["party"]
    assert first["name"] not in [value["value"] for value in facet]

    undone = client.delete(f"/organisation-changes/{change['id']}", params=STAFF, headers=AUTH)
    assert undone.status_code == 200 and undone.json()["undone_by"] == "Anna Rossi"
    assert {o["id"] for o in _organisations(client)} >= {first["id"], second["id"]}
    assert {name: _documents(client, name) for name in own} == own
    history = client.get("/organisation-changes").json()
    assert history["count"] == 1 and history["data"][0]["undone_at"]


def test_alias_and_rename(client: TestClient) -> None:
    organisation = _organisations(client)[0]
    before = _documents(client, organisation["name"])
    added = client.post(
        f"/organisations/{organisation['id']}/aliases", json={"name": "Il Sindacato", **STAFF}, headers=AUTH
    )
    assert added.status_code == 201, added.text
    assert _documents(client, "il sindacato") == before
    renamed = client.patch(f"/organisations/{organisation['id']}", json={"name": "Nome Nuovo", **STAFF}, headers=AUTH)
    assert renamed.status_code == 200, renamed.text
    assert _documents(client, "Nome Nuovo") == before == _documents(client, organisation["name"])
    assert _organisations(client, q="nome nuovo")[0]["aliases"] == sorted(["Il Sindacato", organisation["name"]])


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("post", "{a}/merge", {"into": "{a}"}, "into"),
        ("post", "{a}/merge", {"into": 999999}, "into"),
        ("post", "{a}/merge", {"into": "due"}, "into"),
        ("post", "{a}/aliases", {"name": "{b_name}"}, "name"),
        ("post", "{a}/aliases", {"name": ""}, "name"),
        ("patch", "{a}", {"name": "{b_name}"}, "name"),
        ("patch", "{a}", {"name": ["x"]}, "name"),
        ("post", "{a}/aliases", {"name": "Altro nome", "author": " "}, "author"),
    ],
)
def test_bad_changes_answer_422_naming_the_field(
    client: TestClient, method: str, path: str, body: dict[str, Any], field: str
) -> None:
    a, b = _organisations(client)[:2]

    def filled(value: Any) -> Any:
        if value == "{a}":
            return a["id"]
        return value.replace("{b_name}", b["name"]) if isinstance(value, str) else value

    before = _organisations(client)
    answer = client.request(
        method,
        "/organisations/" + path.replace("{a}", str(a["id"])),
        json={**STAFF, **{k: filled(v) for k, v in body.items()}},
        headers=AUTH,
    )
    assert answer.status_code == 422, answer.text
    assert (
        answer.json()["error"]["code"] == "invalid_correction" and f": {field}: " in answer.json()["error"]["message"]
    )
    assert _organisations(client) == before


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("post", "/organisations/1/merge", {"json": {"into": 2, **STAFF}}),
        ("post", "/organisations/1/aliases", {"json": {"name": "X", **STAFF}}),
        ("patch", "/organisations/1", {"json": {"name": "X", **STAFF}}),
        ("delete", "/organisation-changes/1", {"params": STAFF}),
    ],
)
def test_without_the_token_401(client: TestClient, method: str, path: str, kwargs: dict[str, Any]) -> None:
    before = _organisations(client)
    assert client.request(method, path, **kwargs).status_code == 401
    assert _organisations(client) == before


def test_undoing_an_unknown_change_is_404_and_bad_bodies_400(client: TestClient) -> None:
    assert client.delete("/organisation-changes/42", params=STAFF, headers=AUTH).status_code == 404
    organisation = _organisations(client)[0]
    for content in (b"{", b"[]", b'{"into": 2, "author": "A", "colour": "red"}'):
        answer = client.post(
            f"/organisations/{organisation['id']}/merge",
            content=content,
            headers={**AUTH, "Content-Type": "application/json"},
        )
        assert answer.status_code == 400
