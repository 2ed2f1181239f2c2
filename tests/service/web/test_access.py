"""With PATTI_READ_TOKEN_REQUIRED the pages ask for the token once; the cookie opens reads, never writes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.api.deps import TOKEN_COOKIE
from service.web.access import safe_next
from tests.service.api.conftest import AUTH, TOKEN, make_client


@pytest.fixture
def guarded(indexed_data: Path) -> Iterator[TestClient]:
    with make_client(indexed_data, read_token_required=True) as c:
        yield c


@pytest.mark.parametrize("path", ["/", "/documenti", "/documenti/1", "/impegni?category=giovani", "/scadenze"])
def test_pages_send_readers_to_sign_in_and_back(guarded: TestClient, path: str) -> None:
    response = guarded.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/accesso?next=")
    signed = guarded.post("/accesso", data={"token": TOKEN, "next": path}, follow_redirects=False)
    assert signed.status_code == 303 and signed.headers["location"] == path
    cookie = signed.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert guarded.get(path).status_code == 200


def test_a_wrong_token_is_refused_with_a_page(guarded: TestClient) -> None:
    response = guarded.post("/accesso", data={"token": "sbagliato", "next": "/"}, follow_redirects=False)
    assert response.status_code == 401 and "Serve un token valido." in response.text
    assert TOKEN_COOKIE not in response.headers.get("set-cookie", "")
    guarded.cookies.set(TOKEN_COOKIE, "sbagliato")
    assert guarded.get("/", follow_redirects=False).status_code == 303


def test_the_cookie_opens_api_reads_but_never_writes(guarded: TestClient) -> None:
    assert guarded.get("/documents/1/file").status_code == 401
    guarded.post("/accesso", data={"token": TOKEN})
    assert guarded.get("/documents/1/file").status_code == 200
    assert guarded.get("/commitments.csv").status_code == 200
    write = guarded.post("/documents", files=[("files", ("a.txt", b"un testo"))])
    assert write.status_code == 401, "a page elsewhere must not be able to write with the reader's cookie"
    assert guarded.post("/documents/1/reindex").status_code == 401
    assert guarded.post("/documents/1/reindex", headers=AUTH).status_code == 202


def test_signing_out_forgets_the_cookie(guarded: TestClient) -> None:
    guarded.post("/accesso", data={"token": TOKEN})
    assert guarded.get("/", follow_redirects=False).status_code == 200
    guarded.get("/esci")
    assert guarded.get("/", follow_redirects=False).status_code == 303


def test_open_pages_need_no_sign_in(client: TestClient) -> None:
    assert client.get("/", follow_redirects=False).status_code == 200


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("/impegni?ambito=x", "/impegni?ambito=x"),
        ("//evil.example/", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("/a\r\nSet-Cookie: x=1", "/"),
        ("", "/"),
        (None, "/"),
    ],
)
def test_after_sign_in_only_this_site_is_a_destination(given: str | None, expected: str) -> None:
    assert safe_next(given) == expected


def test_sign_in_never_redirects_elsewhere(guarded: TestClient) -> None:
    response = guarded.post("/accesso", data={"token": TOKEN, "next": "//evil.example"}, follow_redirects=False)
    assert response.headers["location"] == "/"
