"""The document page's tables: each extracted field as rows of readable cells with their place in the text."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from models.extraction import Extraction, Item
from service.corrections.fields import content
from service.web.labels import label
from service.web.month import MONTHS


def italian_date(value: Any) -> str:
    """``2025-03-04`` (a date or its ISO text) as ``4 marzo 2025``; anything else as it is."""
    text = str(value or "")
    try:
        year, month, day = (int(part) for part in text[:10].split("-"))
        return f"{day} {MONTHS[month - 1]} {year}"
    except (ValueError, IndexError):
        return text


def month_title(value: Any) -> str:
    """``2025-03-04`` (a date or its ISO text) as ``Marzo 2025``."""
    text = str(value or "")
    try:
        return f"{MONTHS[int(text[5:7]) - 1].capitalize()} {int(text[:4])}"
    except (ValueError, IndexError):
        return text


@dataclass(frozen=True)
class Row:
    anchor: str  # the row's id in the page, also its URL fragment
    cells: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    page: int | None
    doubtful: bool = False  # read from a page scanned too poorly to trust without looking at the original
    # The item's own fields, to fill its correction form.
    values: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class Section:
    key: str  # the Extraction field
    title: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class _Field:
    key: str
    title: str
    columns: tuple[str, ...]
    cells: Callable[[Any], Sequence[Any]]


_FIELDS = (
    _Field(
        "parties",
        "Soggetti",
        ("Nome", "Tipo", "Nome canonico"),
        lambda p: (p.name, label("party_kind", p.kind), p.canonical),
    ),
    _Field("comuni", "Comuni", ("Comune", "Codice ISTAT", "Come è scritto"), lambda c: (c.name, c.istat, c.surface)),
    _Field("ambiti", "Ambiti", ("Ambito",), lambda a: (a.name,)),
    _Field(
        "dates",
        "Date e scadenze",
        ("Data", "Ora", "Tipo", "Che cosa", "Dove"),
        lambda d: (italian_date(d.date), d.time, label("date_kind", d.kind), d.what or d.text, d.place),
    ),
    _Field(
        "work_areas", "Aree di intervento", ("Area", "Categoria"), lambda w: (w.label, label("category", w.category))
    ),
    _Field(
        "commitments",
        "Impegni",
        ("Impegno", "Chi", "Categoria"),
        lambda c: (c.text, c.actor, label("category", c.category)),
    ),
    _Field(
        "legal_refs",
        "Riferimenti normativi",
        ("Riferimento", "Tipo", "Numero", "Anno", "Articolo"),
        lambda r: (r.text, label("legal_kind", r.kind), r.number, r.year, r.article),
    ),
    _Field(
        "contacts",
        "Contatti",
        ("Contatto", "Tipo", "Di chi"),
        lambda c: (c.value, label("contact_kind", c.kind), c.owner),
    ),
    _Field("people", "Persone", ("Nome", "Ruolo"), lambda p: (p.name, p.role)),
    _Field("periods", "Periodi", ("Dal", "Al"), lambda p: (p.start, p.end)),
)


def _row(field: _Field, index: int, item: Item, poor_pages: frozenset[int]) -> Row:
    cells = tuple("" if value is None else str(value) for value in field.cells(item))
    spans = tuple((int(s), int(e)) for s, e in item.spans)
    values = content(item.model_dump(mode="json"))
    return Row(f"{field.key}-{index}", cells, spans, item.page, item.page in poor_pages, values)


def sections(extraction: Extraction, poor_pages: frozenset[int] = frozenset()) -> list[Section]:
    """Every field of the extraction as a table, in EXTRACTION.md's order; empty fields included.

    Items first found on one of ``poor_pages`` (OCR read them with low confidence) are marked doubtful.
    """
    return [
        Section(
            field.key,
            field.title,
            field.columns,
            tuple(_row(field, i, item, poor_pages) for i, item in enumerate(getattr(extraction, field.key))),
        )
        for field in _FIELDS
    ]


@dataclass(frozen=True)
class TextPage:
    number: int | None  # None for a text without pages
    start: int  # offset of the page's first character in the whole text
    text: str


def text_pages(text: str, page_starts: Sequence[int]) -> list[TextPage]:
    """The extracted text cut at its page starts, each piece knowing its offset (for highlighting spans)."""
    if not page_starts:
        return [TextPage(None, 0, text)]
    bounds = [*page_starts, len(text)]
    pages = [TextPage(i + 1, bounds[i], text[bounds[i] : bounds[i + 1]]) for i in range(len(page_starts))]
    if page_starts[0] > 0:  # never lose text before the first page start
        pages.insert(0, TextPage(None, 0, text[: page_starts[0]]))
    return pages
