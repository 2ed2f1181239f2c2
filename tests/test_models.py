"""The extraction contract: defaults, validation and JSON shape."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from models import Comune, DatedItem, Extraction, LegalRef
from tests.conftest import CONTRACT_LISTS


def test_every_list_is_present_and_empty_by_default() -> None:
    data = Extraction(source="x.txt", extractor_version="0").model_dump(mode="json")
    for key in CONTRACT_LISTS:
        assert data[key] == []
    assert data["doc_type"] == "altro" and data["date"] is None


def test_dates_serialise_as_iso_and_times_are_checked() -> None:
    item = DatedItem(date=dt.date(2019, 9, 9), time="17:00", kind="evento", text="x", spans=[(0, 1)])
    assert item.model_dump(mode="json")["date"] == "2019-09-09"
    with pytest.raises(ValidationError):
        DatedItem(date=dt.date(2019, 9, 9), time="25:00", kind="evento", text="x")
    with pytest.raises(ValidationError):
        DatedItem(date=dt.date(2019, 9, 9), kind="riunione", text="x")  # type: ignore[arg-type]


@pytest.mark.parametrize("spans", [[(-1, 3)], [(5, 2)]])
def test_spans_must_be_ordered(spans: list[tuple[int, int]]) -> None:
    with pytest.raises(ValidationError):
        LegalRef(kind="legge", number="328", year=2000, text="x", spans=spans)


def test_istat_codes_have_six_digits() -> None:
    Comune(name="Cambiago", istat="015041", surface="Cambiagio")
    with pytest.raises(ValidationError):
        Comune(name="Cambiago", istat="15041", surface="Cambiago")


def test_unknown_keys_are_refused() -> None:
    with pytest.raises(ValidationError):
        Extraction(source="x", extractor_version="0", colour="red")  # type: ignore[call-arg]
