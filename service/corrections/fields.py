"""The lists of an extraction that staff can correct, and what makes two items of a list the same item."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from extractor.textkeys import match_key
from models import Extraction, Item
from models.extraction import (
    Ambito,
    Commitment,
    Comune,
    Contact,
    DatedItem,
    DocType,
    LegalRef,
    Party,
    Period,
    Person,
    WorkArea,
)

ItemKey = tuple[Any, ...]


def _text(value: Any) -> str:
    return match_key(str(value)) if value is not None else ""


# An item's identity within its list: what a correction names when it removes or edits it, and what a later
# extraction must hold for the correction to find it again. Names compare ignoring case, accents and punctuation;
# a comune by its ISTAT code (its written name varies); a dated item by day, time and kind.
_KEYS: dict[str, Callable[[Mapping[str, Any]], ItemKey]] = {
    "parties": lambda item: (_text(item.get("name")),),
    "comuni": lambda item: (item.get("istat") or _text(item.get("name")),),
    "ambiti": lambda item: (_text(item.get("name")),),
    "dates": lambda item: (str(item.get("date")), item.get("time"), item.get("kind")),
    "work_areas": lambda item: (_text(item.get("label")),),
    "commitments": lambda item: (_text(item.get("text")),),
    "legal_refs": lambda item: (item.get("kind"), _text(item.get("number")), item.get("year")),
    "contacts": lambda item: (item.get("kind"), _text(item.get("value"))),
    "people": lambda item: (_text(item.get("name")),),
    "periods": lambda item: (item.get("start"), item.get("end")),
}

MODELS: dict[str, type[Item]] = {
    "parties": Party,
    "comuni": Comune,
    "ambiti": Ambito,
    "dates": DatedItem,
    "work_areas": WorkArea,
    "commitments": Commitment,
    "legal_refs": LegalRef,
    "contacts": Contact,
    "people": Person,
    "periods": Period,
}
"""Each correctable list of an ``Extraction`` and the model of its items."""

FIELDS = tuple(MODELS)

DOCUMENT = "document"
"""What a correction of the document itself (not of one of its lists) names as its field."""


class DocumentFields(BaseModel):
    """What staff can correct of the document itself: its type, its date, its title."""

    model_config = ConfigDict(extra="forbid")

    doc_type: DocType
    date: dt.date | None = None
    title: str | None = Field(default=None, max_length=300)


_DOCUMENT_FIELDS = set(DocumentFields.model_fields)


def document_fields(extraction: Extraction) -> dict[str, Any]:
    """The document's own type, date and title in ``extraction``, JSON-ready."""
    return extraction.model_dump(mode="json", include=_DOCUMENT_FIELDS)


def item_key(field: str, item: Mapping[str, Any]) -> ItemKey:
    """The identity of ``item`` (a dict of the model's fields) in the list ``field``."""
    return _KEYS[field](item)


def content(item: Mapping[str, Any]) -> dict[str, Any]:
    """The item's own fields, without its provenance (spans and page)."""
    return {name: value for name, value in item.items() if name not in ("spans", "page")}
