"""Corrections applied over an extraction: add, remove, edit, in order, and whether an extraction agrees."""

from __future__ import annotations

import datetime as dt

import pytest

from models import Extraction
from models.extraction import Comune, DatedItem, Party
from service.corrections.apply import Correction, agrees, apply_corrections
from service.corrections.fields import FIELDS, MODELS, item_key

COMUNE_DI_LODI = {"name": "Comune di Lodi", "kind": "comune", "canonical": None, "spans": [[0, 14]], "page": 1}
CGIL = {"name": "CGIL", "kind": "sindacato", "canonical": None, "spans": [[20, 24]], "page": 1}


def _extraction(**lists: list[object]) -> Extraction:
    return Extraction(source="a.txt", extractor_version="test", **lists)  # type: ignore[arg-type]


BASE = _extraction(
    parties=[Party(**COMUNE_DI_LODI), Party(**CGIL)],  # type: ignore[arg-type]
    dates=[DatedItem(date=dt.date(2025, 3, 1), kind="scadenza", text="entro il 1 marzo", spans=[(40, 56)])],
    comuni=[Comune(name="Lodi", istat="098031", surface="Lodi", spans=[(11, 15)])],
)


def _names(extraction: Extraction) -> list[str]:
    return [p.name for p in extraction.parties]


def test_add_appends_a_missed_item_with_the_spans_staff_selected() -> None:
    caritas = {"name": "Caritas diocesana", "kind": "terzo_settore", "canonical": None, "spans": [[30, 47]]}
    corrected = apply_corrections(BASE, [Correction(1, "parties", "add", after=caritas)])
    assert _names(corrected) == ["Comune di Lodi", "CGIL", "Caritas diocesana"]
    assert corrected.parties[-1].spans == [(30, 47)]
    assert _names(BASE) == ["Comune di Lodi", "CGIL"]  # the extraction itself is left as it was


def test_remove_drops_the_item_wherever_the_extraction_holds_it() -> None:
    corrected = apply_corrections(BASE, [Correction(1, "parties", "remove", before=CGIL)])
    assert _names(corrected) == ["Comune di Lodi"]
    # Written otherwise in a later extraction ("Cgil"), it is the same party and still goes.
    later = _extraction(parties=[Party(**{**CGIL, "name": "Cgil"})])  # type: ignore[arg-type]
    assert apply_corrections(later, [Correction(1, "parties", "remove", before=CGIL)]).parties == []


def test_edit_replaces_the_content_and_keeps_where_the_item_was_found() -> None:
    fixed = {**CGIL, "kind": "altro", "spans": []}
    corrected = apply_corrections(BASE, [Correction(1, "parties", "edit", before=CGIL, after=fixed)])
    assert [(p.name, p.kind, p.spans) for p in corrected.parties][1] == ("CGIL", "altro", [(20, 24)])


def test_an_edit_whose_item_is_gone_adds_what_staff_said_is_right() -> None:
    later = _extraction(parties=[Party(**COMUNE_DI_LODI)])  # type: ignore[arg-type]
    fixed = {**CGIL, "name": "CGIL Lombardia"}
    corrected = apply_corrections(later, [Correction(1, "parties", "edit", before=CGIL, after=fixed)])
    assert _names(corrected) == ["Comune di Lodi", "CGIL Lombardia"]


def test_an_edit_onto_an_item_already_listed_leaves_one_of_them() -> None:
    renamed = {**CGIL, "name": "Comune di Lodi", "kind": "comune"}
    corrected = apply_corrections(BASE, [Correction(1, "parties", "edit", before=CGIL, after=renamed)])
    assert _names(corrected) == ["Comune di Lodi"]


def test_an_added_deadline_with_a_time_and_corrections_in_order() -> None:
    meeting = {"date": "2025-04-10", "time": "10:30", "kind": "evento", "text": "assemblea", "place": "Lodi",
               "what": None, "spans": []}  # fmt: skip
    moved = {**meeting, "time": "11:00"}
    corrected = apply_corrections(
        BASE,
        [Correction(1, "dates", "add", after=meeting), Correction(2, "dates", "edit", before=meeting, after=moved)],
    )
    assert [(d.date.isoformat(), d.time, d.kind) for d in corrected.dates] == [
        ("2025-03-01", None, "scadenza"),
        ("2025-04-10", "11:00", "evento"),
    ]


def test_untouched_lists_stay_as_extracted() -> None:
    corrected = apply_corrections(BASE, [Correction(1, "parties", "remove", before=CGIL)])
    assert corrected.dates == BASE.dates and corrected.comuni == BASE.comuni


@pytest.mark.parametrize(
    ("correction", "extraction", "expected"),
    [
        # A removal agrees when the extractor no longer finds the item...
        (Correction(1, "parties", "remove", before=CGIL), _extraction(parties=[Party(**COMUNE_DI_LODI)]), True),
        (Correction(1, "parties", "remove", before=CGIL), BASE, False),
        # ...an addition when it finds the item as staff wrote it...
        (Correction(1, "parties", "add", after={**CGIL, "spans": []}), BASE, True),
        (Correction(1, "parties", "add", after={**CGIL, "kind": "altro"}), BASE, False),
        # ...an edit when the old item is gone and the new one is there.
        (
            Correction(1, "parties", "edit", before=CGIL, after={**CGIL, "name": "CGIL Lodi"}),
            _extraction(parties=[Party(**{**CGIL, "name": "CGIL Lodi"})]),  # type: ignore[arg-type]
            True,
        ),
        (Correction(1, "parties", "edit", before=CGIL, after={**CGIL, "name": "CGIL Lodi"}), BASE, False),
    ],
)
def test_agreement_tells_when_a_correction_can_be_retired(
    correction: Correction, extraction: Extraction, expected: bool
) -> None:
    assert agrees(extraction, correction) is expected


@pytest.mark.parametrize(
    ("field", "one", "other"),
    [
        ("parties", {"name": "Comune di Città di Castello"}, {"name": "COMUNE DI CITTA' DI CASTELLO"}),
        ("comuni", {"istat": "054013", "name": "Città di Castello"}, {"istat": "054013", "name": "Citta di Castello"}),
        ("commitments", {"text": "Promuovere  l'inclusione."}, {"text": "promuovere l’inclusione"}),
        ("dates", {"date": "2025-03-01", "time": None, "kind": "scadenza"}, {"date": "2025-03-01", "kind": "scadenza"}),
    ],
)
def test_the_same_item_written_otherwise_has_the_same_key(field: str, one: dict, other: dict) -> None:
    assert item_key(field, one) == item_key(field, other)


def test_every_list_of_an_extraction_can_be_corrected() -> None:
    lists = {name for name, info in Extraction.model_fields.items() if str(info.annotation).startswith("list[")}
    assert set(FIELDS) == lists
    assert all(MODELS[field].__name__ for field in FIELDS)
