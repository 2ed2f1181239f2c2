"""GET /commitments and /commitments.csv: across documents and ambiti, with filters, sorting and provenance."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient


def everything(client: TestClient, **params: object) -> list[dict]:
    response = client.get("/commitments", params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["count"] == len(body["data"])
    return body["data"]


def test_commitments_across_two_ambiti(client: TestClient) -> None:
    ambiti = [a["name"] for a in client.get("/ambiti").json()["data"]]
    with_commitments = [a for a in ambiti if everything(client, ambito=a)]
    assert len(with_commitments) >= 2, "the sample needs two ambiti with commitments"
    a, b = with_commitments[:2]
    both = everything(client, ambito=[a, b])
    assert len(everything(client, ambito=a)) + len(everything(client, ambito=b)) >= len(both)
    found = {name for row in both for name in row["document"]["ambiti"]}
    assert a in found and b in found
    assert all(a in row["document"]["ambiti"] or b in row["document"]["ambiti"] for row in both)


def test_each_commitment_carries_its_document_and_place_in_the_text(client: TestClient) -> None:
    rows = everything(client)
    assert rows
    texts: dict[int, str] = {}
    for row in rows:
        document_id = row["document"]["id"]
        if document_id not in texts:
            texts[document_id] = client.get(f"/documents/{document_id}").json()["text"]
        start, end = row["spans"][0]
        assert texts[document_id][start:end].split()[:3] == row["text"].split()[:3]


def test_category_filters_the_commitment_itself(client: TestClient) -> None:
    categories = {row["category"] for row in everything(client) if row["category"]}
    assert categories
    for category in categories:
        assert {row["category"] for row in everything(client, category=category)} == {category}


def test_query_matches_word_forms_in_the_commitment(client: TestClient) -> None:
    rows = everything(client, q="impegnare")
    assert rows
    assert all("impegn" in row["text"].lower() for row in rows)


@pytest.mark.parametrize(
    ("sort", "key", "descending"),
    [
        ("date", lambda r: r["document"]["date"], False),
        ("-date", lambda r: r["document"]["date"], True),
        ("document", lambda r: (r["document"]["id"], r["position"]), False),
        ("category", lambda r: r["category"], False),
    ],
)
def test_sorts_order_the_rows(client: TestClient, sort: str, key, descending: bool) -> None:
    values = [key(r) for r in everything(client, sort=sort)]
    known = [v for v in values if v is not None]
    assert values == known + [None] * (len(values) - len(known))  # missing values last
    assert known == sorted(known, reverse=descending)


def test_csv_has_the_same_rows_as_json(client: TestClient) -> None:
    response = client.get("/commitments.csv", params={"sort": "document"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    expected = everything(client, sort="document")
    assert [int(r["id"]) for r in rows] == [r["id"] for r in expected]
    assert [r["text"] for r in rows] == [r["text"] for r in expected]


def test_csv_of_nothing_is_a_header(client: TestClient) -> None:
    body = client.get("/commitments.csv", params={"q": "zzqxwv"}).content.decode("utf-8-sig")
    assert body.splitlines() == [body.splitlines()[0]] and body.startswith("id,document_id")


@pytest.mark.parametrize("params", [{"q": "*"}, {"sort": "random()"}, {"comune": "Nessunluogo"}, {"limit": 0}])
def test_bad_parameters_are_400(client: TestClient, params: dict) -> None:
    for path in ("/commitments", "/commitments.csv"):
        response = client.get(path, params=params)
        assert response.status_code == 400, (path, response.text)
        assert response.json()["error"]["code"] in ("invalid_query", "invalid_parameter")
