"""The web page's query parameters, read and checked by hand so that a bad value gives a page, not JSON.

Names and meanings are the API's (``doc_type``, ``ambito``, ``comune``, ``party``, ``category``, ``year``,
``date_from``, ``date_to``, ``q``, ``offset``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import get_args

import sqlite_utils
from starlette.datastructures import QueryParams

from models.api import DocumentStatus
from models.extraction import Category, DateKind, DocType
from service.store.filters import MAX_VALUES, Filters, InvalidFilter, resolve_comuni
from service.store.search import MAX_QUERY_CHARS
from service.web.urls import Params

MAX_OFFSET = 1_000_000
MAX_VALUE_CHARS = 200
DOC_TYPES: tuple[str, ...] = get_args(DocType)
CATEGORIES: tuple[str, ...] = get_args(Category)
DATE_KINDS: tuple[str, ...] = get_args(DateKind)
STATUSES: tuple[str, ...] = get_args(DocumentStatus)


class BadParameter(ValueError):
    """A query parameter the page cannot use; the message is shown to the reader, in Italian."""


@dataclass(frozen=True)
class PageRequest:
    """What a listing page was asked for: its filters, words, offset and the parameters as given."""

    filters: Filters
    params: Params
    q: str | None
    offset: int


def _values(params: QueryParams, name: str, allowed: tuple[str, ...] | None = None) -> tuple[str, ...]:
    values = tuple(v.strip() for v in params.getlist(name) if v.strip())
    if len(values) > MAX_VALUES:
        raise BadParameter(f"troppi valori per «{name}» (al massimo {MAX_VALUES})")
    for value in values:
        if len(value) > MAX_VALUE_CHARS:
            raise BadParameter(f"valore troppo lungo per «{name}»")
        if allowed is not None and value not in allowed:
            raise BadParameter(f"«{value}» non è un valore ammesso per «{name}»")
    return values


def _date(params: QueryParams, name: str) -> date | None:
    value = (params.get(name) or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadParameter(f"data non valida per «{name}»: usare AAAA-MM-GG") from None


def _int(value: str, name: str, low: int, high: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise BadParameter(f"«{name}» deve essere un numero intero") from None
    if not low <= number <= high:
        raise BadParameter(f"«{name}» deve essere tra {low} e {high}")
    return number


def kinds(params: QueryParams) -> tuple[str, ...]:
    """The ``kind`` values of the deadlines page."""
    return _values(params, "kind", DATE_KINDS)


def read_request(db: sqlite_utils.Database, params: QueryParams, statuses: bool = False) -> PageRequest:
    """The filters, words and offset of a listing page; ``statuses`` reads ``status`` too (documents page)."""
    q = (params.get("q") or "").strip() or None
    if q and len(q) > MAX_QUERY_CHARS:
        raise BadParameter(f"la ricerca è troppo lunga (al massimo {MAX_QUERY_CHARS} caratteri)")
    offset_text = (params.get("offset") or "").strip()
    offset = _int(offset_text, "offset", 0, MAX_OFFSET) if offset_text else 0
    years = tuple(_int(v, "year", 1800, 2200) for v in _values(params, "year"))
    try:
        filters = Filters(
            doc_types=_values(params, "doc_type", DOC_TYPES),
            ambiti=_values(params, "ambito"),
            comuni=resolve_comuni(db, _values(params, "comune")),
            parties=_values(params, "party"),
            categories=_values(params, "category", CATEGORIES),
            years=years,
            date_from=_date(params, "date_from"),
            date_to=_date(params, "date_to"),
            statuses=_values(params, "status", STATUSES) if statuses else ("indexed",),
        )
    except InvalidFilter as exc:
        raise BadParameter(f"filtro non applicabile: {exc}") from exc
    given = [(name, value) for name, value in params.multi_items() if value.strip()]
    return PageRequest(filters, given, q, offset)
