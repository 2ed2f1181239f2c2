"""GET /search: Italian word forms, filters, facets, snippets, and hostile input that never gives a 500."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.store.db import connect


def sql(data: Path, query: str, *params: object) -> list[tuple]:
    db = connect(data / "patti.db")
    try:
        return db.execute(query, params).fetchall()
    finally:
        db.close()


def ids(response) -> set[int]:
    assert response.status_code == 200, response.text
    return {hit["document"]["id"] for hit in response.json()["data"]}


@pytest.mark.parametrize(
    ("query", "form_in_text"),
    [("impegno", "impegnano"), ("impegni", "impegnano"), ("disabilità", "disabili"), ("sindacali", "sindacal")],
)
def test_an_inflected_form_finds_the_documents_using_another(
    client: TestClient, indexed_data: Path, query: str, form_in_text: str
) -> None:
    having = {i for (i,) in sql(indexed_data, "SELECT id FROM documents WHERE text LIKE ?", f"%{form_in_text}%")}
    assert having, f"the corpus has no {form_in_text!r}: pick another example"
    assert having <= ids(client.get("/search", params={"q": query, "limit": 100}))


def test_every_word_must_match(client: TestClient) -> None:
    both = ids(client.get("/search", params={"q": "impegno sindacati", "limit": 100}))
    assert both <= ids(client.get("/search", params={"q": "impegno", "limit": 100}))
    assert both <= ids(client.get("/search", params={"q": "sindacati", "limit": 100}))
    assert ids(client.get("/search", params={"q": "impegno zzqxw"})) == set()


def test_snippets_mark_the_matches_and_escape_the_rest(client: TestClient) -> None:
    hits = client.get("/search", params={"q": "comune"}).json()["data"]
    assert hits
    for hit in hits:
        assert "<mark>" in hit["snippet"]
        stripped = hit["snippet"].replace("<mark>", "").replace("</mark>", "")
        assert "<" not in stripped and ">" not in stripped


def test_no_query_lists_every_indexed_document(client: TestClient, indexed_data: Path) -> None:
    body = client.get("/search", params={"limit": 500}).json()
    assert body["count"] == sql(indexed_data, "SELECT count(*) FROM documents WHERE status = 'indexed'")[0][0]
    assert body["query"] is None


@pytest.mark.parametrize(
    "hostile",
    ['"', '""', "AND", "OR NOT", "NEAR(", "NEAR(a b, 2)", "*", "-", ":", "title:x", "a*", "-comune", "(", ")",
     "comune AND", "x\" OR \"y", "'", "\\", "^", "{col}", "🙂", "\x00", "a" * 500, "comune " * 16, "%_%"],
)  # fmt: skip
def test_fts_syntax_never_reaches_the_engine(client: TestClient, hostile: str) -> None:
    response = client.get("/search", params={"q": hostile})
    assert response.status_code in (200, 400), response.text
    if response.status_code == 400:
        assert response.json()["error"]["code"] == "invalid_query"


def test_too_long_or_too_many_words_is_a_clear_400(client: TestClient) -> None:
    for q in ("a" * 501, " ".join(f"parola{i}" for i in range(40))):
        response = client.get("/search", params={"q": q})
        assert response.status_code == 400
        assert response.json()["error"]["code"] in ("invalid_query", "invalid_parameter")


def _facet(body: dict, name: str) -> dict:
    return {v["value"]: v["count"] for v in body["facets"][name]}


def test_facet_counts_equal_what_the_filter_returns(client: TestClient) -> None:
    body = client.get("/search", params={"limit": 500}).json()
    assert set(body["facets"]) == {"doc_type", "year", "ambito", "comune", "party", "category"}
    for name, param in (("doc_type", "doc_type"), ("ambito", "ambito"), ("comune", "comune"), ("year", "year"),
                        ("party", "party"), ("category", "category")):  # fmt: skip
        values = _facet(body, name)
        assert values or name == "category", f"no {name} facet in the corpus sample"
        for value, count in list(values.items())[:3]:
            narrowed = client.get("/search", params={param: value, "limit": 500}).json()
            assert narrowed["count"] == count, (name, value)


def test_filters_combine_with_and_and_values_with_or(client: TestClient) -> None:
    body = client.get("/search", params={"limit": 500}).json()
    types = list(_facet(body, "doc_type"))
    assert len(types) >= 2
    a, b = types[:2]
    count_a = client.get("/search", params={"doc_type": a}).json()["count"]
    count_b = client.get("/search", params={"doc_type": b}).json()["count"]
    either = client.get("/search", params=[("doc_type", a), ("doc_type", b)]).json()["count"]
    assert either == count_a + count_b
    ambito = next(iter(_facet(body, "ambito")))
    both = client.get("/search", params={"doc_type": a, "ambito": ambito}).json()["data"]
    assert all(hit["document"]["doc_type"] == a and ambito in hit["document"]["ambiti"] for hit in both)


def test_comune_by_istat_code_by_name_and_with_a_typo(client: TestClient, indexed_data: Path) -> None:
    istat, name = sql(
        indexed_data, "SELECT c.istat, c.name FROM document_comuni dc JOIN comuni c USING (istat) LIMIT 1"
    )[0]
    by_code = ids(client.get("/search", params={"comune": istat}))
    assert by_code
    assert ids(client.get("/search", params={"comune": name})) >= by_code
    typo = name[:-1] + ("x" if name[-1] != "x" else "y") if len(name) > 5 else name
    assert ids(client.get("/search", params={"comune": typo})) >= by_code


@pytest.mark.parametrize(
    "params",
    [{"comune": "999999"}, {"comune": "Xyzzyville"}, {"comune": "12"}, {"date_from": "2024-13-01"},
     {"date_from": "2025-01-01", "date_to": "2024-01-01"}, {"year": "duemila"}, {"doc_type": "romanzo"},
     {"limit": "-1"}, {"limit": "0"}, {"limit": "100000"}, {"offset": "-5"}, {"offset": "99999999999999999999"},
     {"year": "0"}, {"year": "10000"}],
)  # fmt: skip
def test_bad_filter_values_are_400_with_the_catalogue_code(client: TestClient, params: dict) -> None:
    response = client.get("/search", params=params)
    assert response.status_code == 400, response.text
    assert response.json()["error"]["code"] == "invalid_parameter"


@pytest.mark.parametrize("path", ["/search", "/documents", "/commitments", "/commitments.csv", "/deadlines",
                                  "/deadlines.ics"])  # fmt: skip
def test_a_year_too_big_for_sqlite_is_400_on_every_filtered_route(client: TestClient, path: str) -> None:
    # Found by the schema fuzz: the year reached SQLite unbounded and overflowed its integers (500).
    response = client.get(path, params={"year": "9223372036854775808"})
    assert response.status_code == 400, response.text
    assert response.json()["error"]["code"] == "invalid_parameter"


def test_pages_partition_the_results(client: TestClient) -> None:
    everything = [h["document"]["id"] for h in client.get("/search", params={"limit": 500}).json()["data"]]
    paged = []
    for offset in range(0, len(everything), 3):
        paged += [
            h["document"]["id"] for h in client.get("/search", params={"limit": 3, "offset": offset}).json()["data"]
        ]
    assert paged == everything
    assert client.get("/search", params={"offset": 999999}).json()["data"] == []


def test_date_range_keeps_documents_dated_inside(client: TestClient) -> None:
    hits = client.get("/search", params={"date_from": "2018-01-01", "date_to": "2022-12-31", "limit": 500}).json()
    assert hits["data"]
    assert all("2018-01-01" <= h["document"]["date"] <= "2022-12-31" for h in hits["data"])
