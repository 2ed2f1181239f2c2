"""The document page's correction tools: a form description per list, buttons per item, the history in words."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from typing import get_args

import pytest
from fastapi.testclient import TestClient

from models.extraction import PartyKind
from service.corrections.apply import Action
from service.corrections.fields import FIELDS, MODELS, DocumentFields
from service.store.corrections import CorrectionRecord
from service.web.editing import editor_fields, history, local_time
from tests.service.api.conftest import AUTH
from tests.service.web.test_pages import document_id


@pytest.fixture
def client(writable_client: TestClient) -> TestClient:
    """Tests here change the data: each gets its own copy."""
    return writable_client


def test_every_list_has_a_form_whose_inputs_are_fields_of_its_items() -> None:
    forms = editor_fields()
    assert set(forms) == {*FIELDS, "document"}
    assert [i["name"] for i in forms.pop("document")] == list(DocumentFields.model_fields)
    for field, inputs in forms.items():
        names = [i["name"] for i in inputs]
        assert set(names) <= set(MODELS[field].model_fields), field
        assert sum(i["selection"] for i in inputs) <= 1, field
    kinds = next(i for i in forms["parties"] if i["name"] == "kind")
    assert [value for value, _ in kinds["choices"]] == list(get_args(PartyKind))
    assert dict(kinds["choices"])["sindacato"] != "sindacato"  # shown with its Italian label


def _record(action: Action, before: dict | None, after: dict | None, **extra: object) -> CorrectionRecord:
    values = {"id": 1, "document_id": 1, "field": "parties", "action": action, "before": before, "after": after,
              "author": "Anna Rossi", "note": None, "created_at": "2025-03-04T10:00:00Z", "agrees": False,
              "retired_at": None, "retired_by": None, **extra}  # fmt: skip
    return CorrectionRecord(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("record", "said"),
    [
        (
            _record("edit", {"name": "CGIL", "kind": "sindacato"}, {"name": "CGIL", "kind": "altro"}),
            "Soggetto corretto: CGIL (Tipo: Sindacato → Altro)",
        ),
        (_record("add", None, {"name": "Caritas", "kind": "terzo_settore"}), "Soggetto aggiunto: Caritas"),
        (_record("remove", {"name": "Lodi", "kind": "comune"}, None), "Soggetto segnato come errato: Lodi"),
        (
            _record("add", None, {"date": "2025-04-10", "time": "10:30", "text": "assemblea"}, field="dates"),
            "Data aggiunto: 10 aprile 2025 10:30 assemblea",
        ),
        (
            _record(
                "edit",
                {"doc_type": "avviso", "date": None, "title": "Avviso"},
                {"doc_type": "intesa", "date": "2021-10-26", "title": "Avviso"},
                field="document",
            ),
            "Documento corretto (Tipo di documento: Avviso → Intesa; Data del documento: — → 26 ottobre 2021)",
        ),
    ],
)
def test_the_history_says_what_each_correction_did(record: CorrectionRecord, said: str) -> None:
    assert history([record])[0].what == said


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("2025-07-01T22:30:00.000Z", "2 luglio 2025 00:30"),
        ("2025-01-15T08:05:00Z", "15 gennaio 2025 09:05"),
        (None, ""),
    ],
)
def test_times_are_shown_on_italy_s_clock(stored: str | None, shown: str) -> None:
    assert local_time(stored) == shown


def test_a_withdrawn_correction_says_by_whom_and_the_newest_comes_first() -> None:
    first = _record("remove", {"name": "Lodi"}, None, retired_at="2025-03-05T09:00:00Z", retired_by="Marco Bianchi")
    second = _record("add", None, {"name": "ACLI"}, id=2)
    rows = history([first, second])
    assert [r.id for r in rows] == [2, 1]
    assert rows[1].retired == "ritirata da Marco Bianchi il 5 marzo 2025 10:00" and not rows[1].active
    assert rows[1].shown == "4 marzo 2025 11:00"  # Italy's clock: UTC+1 in winter


def test_the_document_page_offers_the_tools_and_shows_the_history(client: TestClient, indexed_data: Path) -> None:
    number = document_id(indexed_data, "003_8fd55254de6a5357.txt")
    page = client.get(f"/documenti/{number}").text
    described = re.search(r'<script type="application/json" id="correction-fields">(.*?)</script>', page, re.S)
    assert described and json.loads(unescape(described.group(1))) == editor_fields()
    assert len(re.findall(r'class="add-item small" data-field="(\w+)"', page)) == len(FIELDS)
    edit = re.search(r"""class="edit-item small" data-field="parties" data-position="0" data-item='([^']*)'""", page)
    assert edit and "name" in json.loads(unescape(edit.group(1)))
    assert "Nessuna correzione." in page

    answer = client.delete(f"/documents/{number}/items/parties/0", params={"author": "Anna <b>Rossi</b>"}, headers=AUTH)
    assert answer.status_code == 200
    page = client.get(f"/documenti/{number}").text
    assert "Soggetto segnato come errato" in page and "Anna &lt;b&gt;Rossi&lt;/b&gt;" in page
    assert re.search(r'<button type="button" class="withdraw small" data-correction="\d+">Ritira</button>', page)


def test_a_failed_document_has_no_correction_tools(empty_client: TestClient) -> None:
    from tests.service.web.test_pages import test_a_failed_document_shows_its_reason_and_a_retry_button as failed

    failed(empty_client)
    listed = empty_client.get("/documents").json()["data"]
    page = empty_client.get(f"/documenti/{listed[0]['id']}").text
    assert 'id="correction-form"' not in page and "add-item" not in page


def test_the_organisations_page_lists_the_registry_and_its_changes_in_words(client: TestClient) -> None:
    page = client.get("/organizzazioni")
    assert page.status_code == 200 and "<h1>Organizzazioni</h1>" in page.text
    listed = client.get("/organisations", params={"limit": 500}).json()["data"]
    assert len(re.findall(r'<tr data-organisation="\d+">', page.text)) == min(len(listed), 50)
    first, second = listed[:2]
    merged = client.post(
        f"/organisations/{first['id']}/merge", json={"into": second["id"], "author": "Anna <i>Rossi</i>"}, headers=AUTH
    )
    assert merged.status_code == 200
    page = client.get("/organizzazioni").text
    assert f"«{first['name']}» unita a «{second['name']}»".replace("'", "&#39;") in page
    assert "Anna &lt;i&gt;Rossi&lt;/i&gt;" in page and 'class="undo small"' in page
    assert f'data-organisation="{first["id"]}"' not in page  # merged away


@pytest.mark.parametrize("q", ["cgil", "<script>alert(1)</script>", "x" * 5_000, "%_\\"])
def test_the_organisations_page_searches_and_escapes(client: TestClient, q: str) -> None:
    page = client.get("/organizzazioni", params={"q": q})
    assert page.status_code == 200
    assert "<script>alert" not in page.text
