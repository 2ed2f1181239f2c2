"""A corrected item is checked before it is kept, and a refusal names the field at fault."""

from __future__ import annotations

import pytest

from service.corrections.validate import MAX_SPANS, MAX_VALUE_CHARS, InvalidCorrection, checked_item

TOWNS = {"098031": "Lodi", "054013": "Città di Castello"}


def _check(field: str, item: object, text_length: int = 1_000) -> dict:
    return checked_item(field, item, text_length=text_length, town_name=TOWNS.get)


@pytest.mark.parametrize(
    ("field", "item", "path"),
    [
        ("partiti", {"name": "CGIL"}, "field"),  # no such list
        ("parties", ["CGIL"], "item"),  # not an object
        ("parties", "CGIL", "item"),
        ("parties", {"name": "CGIL", "kind": "banca"}, "item.kind"),  # an unknown kind
        ("parties", {"kind": "sindacato"}, "item.name"),  # missing
        ("parties", {"name": "   ", "kind": "sindacato"}, "item.name"),  # blank
        ("parties", {"name": "CGIL", "kind": "sindacato", "colour": "red"}, "item.colour"),  # not a field
        ("parties", {"name": "x" * (MAX_VALUE_CHARS + 1), "kind": "altro"}, "item.name"),  # huge
        ("comuni", {"istat": "999999"}, "item.istat"),  # not in the registry
        ("comuni", {"name": "Lodi"}, "item.istat"),  # a comune is named by its code
        ("dates", {"date": "2025-02-30", "kind": "scadenza", "text": "x"}, "item.date"),  # an impossible date
        ("dates", {"date": "domani", "kind": "scadenza", "text": "x"}, "item.date"),
        ("dates", {"date": "2025-02-03", "time": "25:00", "kind": "evento", "text": "x"}, "item.time"),
        ("dates", {"date": "2025-02-03", "kind": "festa", "text": "x"}, "item.kind"),
        ("work_areas", {"label": "Anziani", "category": "vecchiaia"}, "item.category"),
        ("commitments", {"text": "Promuovere", "category": "x"}, "item.category"),
        ("legal_refs", {"kind": "legge", "number": "328", "year": 20000, "text": "x"}, "item.year"),
        ("contacts", {"kind": "fax", "value": "02 1234"}, "item.kind"),
        ("periods", {"start": 2026, "end": 2024}, "item.end"),  # ends before it starts
        ("people", {"name": "Anna Rossi", "spans": [[10, 5]]}, "item.spans"),  # backwards
        ("people", {"name": "Anna Rossi", "spans": [[990, 1_001]]}, "item.spans"),  # past the text
        ("people", {"name": "Anna Rossi", "spans": [[0, 1]] * (MAX_SPANS + 1)}, "item.spans"),
    ],
)
def test_bad_items_are_refused_naming_the_field(field: str, item: object, path: str) -> None:
    with pytest.raises(InvalidCorrection) as refused:
        _check(field, item)
    assert refused.value.path == path
    assert str(refused.value).startswith(f"{path}: ")


def test_a_comune_takes_its_official_name_from_the_registry() -> None:
    assert _check("comuni", {"istat": "054013"}) == {
        "name": "Città di Castello", "istat": "054013", "surface": "Città di Castello", "spans": [], "page": None,
    }  # fmt: skip
    assert _check("comuni", {"istat": "098031", "surface": "LODI"})["surface"] == "LODI"


@pytest.mark.parametrize(
    ("field", "item"),
    [
        ("parties", {"name": "Caritas diocesana di Lodi", "kind": "terzo_settore", "spans": [[4, 29]]}),
        ("dates", {"date": "2025-04-10", "time": "10:30", "kind": "evento", "text": "assemblea", "place": "Lodi"}),
        ("work_areas", {"label": "Non autosufficienza", "category": "anziani_non_autosufficienza"}),
        ("commitments", {"text": "Le parti si impegnano a promuovere …", "actor": "le parti"}),
        ("legal_refs", {"kind": "legge", "number": "328", "year": 2000, "text": "L. 328/2000"}),
        ("contacts", {"kind": "pec", "value": "protocollo@pec.comune.lodi.it"}),
        ("periods", {"start": 2024, "end": 2026}),
        ("ambiti", {"name": "Ambito di Lodi"}),
    ],
)
def test_good_items_come_back_as_the_model_holds_them(field: str, item: dict) -> None:
    checked = _check(field, item)
    assert {k: v for k, v in checked.items() if k in item and k != "spans"} == {
        k: v for k, v in item.items() if k != "spans"
    }
    assert checked["spans"] == item.get("spans", [])


def test_a_comune_named_without_its_code_is_found_when_the_registry_has_one_of_that_name() -> None:
    codes = {"lodi": "098031"}.get

    def check(item: dict) -> dict:
        return checked_item("comuni", item, text_length=100, town_name=TOWNS.get, town_code=lambda n: codes(n.lower()))

    assert check({"surface": "LODI"})["istat"] == "098031"
    with pytest.raises(InvalidCorrection) as refused:
        check({"surface": "Castelnuovo"})  # no comune, or several, of that name: the code is needed
    assert refused.value.path == "item.istat" and "Castelnuovo" in refused.value.reason
