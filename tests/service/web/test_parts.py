"""The web page's small parts: query strings, the month grid, Italian dates, text pieces, field tables, labels."""

from __future__ import annotations

import datetime as dt
from typing import get_args

import pytest

from extractor.errors import ErrorCode
from models import extraction as m
from models.api import DocumentStatus, JobStatus
from service.store.facets import FACET_NAMES
from service.web.labels import label, labels
from service.web.month import Month, weeks
from service.web.sections import italian_date, month_title, sections, text_pages
from service.web.urls import query, with_offset, with_value, without_value

PARAMS = [("q", "disabilità"), ("ambito", "Ambito di Monza"), ("offset", "20")]


def test_query_strings_add_remove_and_page() -> None:
    assert query([]) == ""
    assert query(PARAMS, drop=("offset",)) == "?q=disabilit%C3%A0&ambito=Ambito+di+Monza"
    assert with_value(PARAMS, "doc_type", "patto").endswith("&doc_type=patto")
    assert "offset" not in with_value(PARAMS, "doc_type", "patto"), "a new filter starts from the first page"
    assert with_value(PARAMS, "ambito", "Ambito di Monza") == "?q=disabilit%C3%A0&ambito=Ambito+di+Monza"
    assert without_value(PARAMS, "ambito", "Ambito di Monza") == "?q=disabilit%C3%A0"
    assert with_offset(PARAMS, 40).endswith("&offset=40") and with_offset(PARAMS, 0).count("offset") == 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2025-03", Month(2025, 3)), (" 1999-12 ", Month(1999, 12)), (None, Month(2026, 11)), ("", Month(2026, 11))],
)
def test_month_parse(value: str | None, expected: Month) -> None:
    assert Month.parse(value, dt.date(2026, 11, 22)) == expected


@pytest.mark.parametrize("value", ["2025-13", "2025-00", "25-03", "2025/03", "0000-01", "2025-3", "marzo"])
def test_month_parse_refuses(value: str) -> None:
    with pytest.raises(ValueError, match="mese non valido"):
        Month.parse(value, dt.date(2026, 11, 22))


def test_months_shift_across_years() -> None:
    assert Month(2025, 1).shifted(-1) == Month(2024, 12)
    assert Month(2025, 12).shifted(1) == Month(2026, 1)
    assert Month(2024, 2).last == dt.date(2024, 2, 29)


def test_month_grid_runs_monday_to_sunday_with_items_on_their_day() -> None:
    items = [{"date": "2025-03-31", "what": "a"}, {"date": "2025-03-01", "what": "b"}, {"date": "2025-04-01"}]
    grid = weeks(Month(2025, 3), items)
    assert all(len(week) == 7 and week[0].day.weekday() == 0 for week in grid)
    days = {d.day.isoformat(): d for week in grid for d in week}
    assert [i["what"] for i in days["2025-03-31"].items] == ["a"]
    assert [i["what"] for i in days["2025-03-01"].items] == ["b"]
    assert not days["2025-04-01"].items, "the next month's days are shown empty"
    assert days["2025-02-24"].in_month is False


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2025-03-04", "4 marzo 2025"), (dt.date(2016, 11, 24), "24 novembre 2016"), ("", ""), ("domani", "domani")],
)
def test_italian_dates(value: object, expected: str) -> None:
    assert italian_date(value) == expected


def test_month_titles() -> None:
    assert month_title("2025-01-31") == "Gennaio 2025"
    assert month_title(dt.date(2024, 12, 1)) == "Dicembre 2024"


@pytest.mark.parametrize(
    ("text", "starts"),
    [("abc", []), ("uno\n\ndue\n\ntre", [0, 5, 10]), ("prefazione uno due", [11, 15]), ("", [])],
)
def test_text_pages_keep_every_character_and_its_offset(text: str, starts: list[int]) -> None:
    pages = text_pages(text, starts)
    assert "".join(p.text for p in pages) == text
    for page in pages:
        assert text[page.start :].startswith(page.text)


def test_sections_cover_every_item_field_of_the_extraction() -> None:
    item_fields = {name for name, f in m.Extraction.model_fields.items() if "list[" in str(f.annotation)}
    extraction = m.Extraction(
        source="x",
        extractor_version="0",
        parties=[m.Party(name="Comune di Lecco", kind="comune", spans=[(0, 15)], page=1)],
        dates=[m.DatedItem(date=dt.date(2025, 3, 4), kind="scadenza", text="entro il 4 marzo", spans=[(3, 9)])],
    )
    shown = sections(extraction)
    assert {s.key for s in shown} == item_fields
    parties = next(s for s in shown if s.key == "parties")
    assert parties.rows[0].cells == ("Comune di Lecco", "Comune", "")
    assert parties.rows[0].anchor == "parties-0" and parties.rows[0].spans == ((0, 15),)
    dates = next(s for s in shown if s.key == "dates")
    assert dates.rows[0].cells[:3] == ("4 marzo 2025", "", "Scadenza")


@pytest.mark.parametrize(
    ("kind", "values"),
    [
        ("doc_type", get_args(m.DocType)),
        ("category", get_args(m.Category)),
        ("party_kind", get_args(m.PartyKind)),
        ("date_kind", get_args(m.DateKind)),
        ("legal_kind", get_args(m.LegalKind)),
        ("contact_kind", get_args(m.ContactKind)),
        ("status", get_args(DocumentStatus)),
        ("job_status", get_args(JobStatus)),
        ("error", tuple(code.value for code in ErrorCode)),
        ("facet", FACET_NAMES),
        ("format", get_args(m.DocumentFormat)),
    ],
)
def test_every_stored_value_has_an_italian_label(kind: str, values: tuple[str, ...]) -> None:
    missing = [v for v in values if v not in labels()[kind]]
    assert not missing, f"add to service/web/labels.toml [{kind}]: {missing}"


def test_a_value_without_label_is_shown_as_stored() -> None:
    assert label("category", "nuova_categoria") == "nuova_categoria"
    assert label("category", None) == ""
    assert label("category", "disabilita") == "Disabilità"
