"""Filters shared by search, document and commitment listings, turned into SQL over ``documents d``.

Values within one filter are alternatives (ambito A or B); different filters all apply (ambito A and comune C).
Every value reaches SQL as a parameter, never as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import MAXYEAR, MINYEAR, date
from typing import Any

import sqlite_utils

from extractor.resolvers.comuni import exact, fuzzy
from service.store.categories import category_mask

_ISTAT = re.compile(r"\d{6}")
MAX_VALUES = 50
# A filter value is meant to name a comune, so a looser match than in running text is safe (one typo in six).
FILTER_FUZZY_THRESHOLD = 80.0


class InvalidFilter(ValueError):
    """A filter value that cannot be applied (unknown comune, too many values, inverted date range)."""


@dataclass(frozen=True)
class Filters:
    """What to narrow documents (and their items) to; empty means no restriction."""

    doc_types: tuple[str, ...] = ()
    ambiti: tuple[str, ...] = ()
    comuni: tuple[str, ...] = ()  # ISTAT codes; see ``resolve_comuni`` for names
    parties: tuple[str, ...] = ()  # canonical organisation names, or party names as written
    categories: tuple[str, ...] = ()  # work-area categories the document has
    years: tuple[int, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    statuses: tuple[str, ...] = ("indexed",)
    documents: tuple[int, ...] = field(default=())

    def __post_init__(self) -> None:
        for name in ("doc_types", "ambiti", "comuni", "parties", "categories", "years", "statuses", "documents"):
            if len(getattr(self, name)) > MAX_VALUES:
                raise InvalidFilter(f"at most {MAX_VALUES} values for {name}")
        # A document's year comes from a ``date``; a bigger number would also overflow SQLite's integers.
        if any(not MINYEAR <= year <= MAXYEAR for year in self.years):
            raise InvalidFilter(f"a year is between {MINYEAR} and {MAXYEAR}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise InvalidFilter("date_from is after date_to")


def _in(column: str, values: Iterable[Any], nocase: bool = False) -> tuple[str, list[Any]]:
    values = list(values)
    collate = " COLLATE NOCASE" if nocase else ""
    return f"{column}{collate} IN ({', '.join('?' for _ in values)})", values


def document_conditions(f: Filters, *, with_categories: bool = True) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``documents d`` and their parameters; join them with AND. Each document counts once,
    whatever the number of its files.

    ``with_categories=False`` leaves the category filter to the caller (commitments filter on their own).
    """
    # A row that is another file of a document (``service.store.identity``) is listed only through it.
    conditions: list[str] = ["d.content_of IS NULL"]
    params: list[Any] = []

    def add(sql: str, values: list[Any]) -> None:
        conditions.append(sql)
        params.extend(values)

    if f.statuses:
        add(*_in("d.status", f.statuses))
    if f.documents:
        add(*_in("d.id", f.documents))
    if f.doc_types:
        add(*_in("d.doc_type", f.doc_types))
    if f.years:
        add(*_in("d.year", f.years))
    if f.date_from:
        add("d.date >= ?", [f.date_from.isoformat()])
    if f.date_to:
        add("d.date <= ?", [f.date_to.isoformat()])
    if f.ambiti:
        sql, values = _in("name", f.ambiti, nocase=True)
        add(f"d.id IN (SELECT document_id FROM ambiti WHERE {sql})", values)
    if f.comuni:
        sql, values = _in("istat", f.comuni)
        add(f"d.id IN (SELECT document_id FROM document_comuni WHERE {sql})", values)
    if f.parties:
        canonical, values = _in("o.name", f.parties, nocase=True)
        alias, aliases = _in("a.name", f.parties, nocase=True)
        written, more = _in("p.name", f.parties, nocase=True)
        # Look-ups joined by UNION, not one OR: each is served by its NOCASE index, the OR by a scan of parties. A
        # name staff made an alias of an organisation (or merged into one) finds that organisation's documents.
        add(
            f"d.id IN (SELECT p.document_id FROM organisations o JOIN parties p ON p.organisation_id = o.id "
            f"WHERE {canonical} UNION SELECT p.document_id FROM organisation_aliases a "
            f"JOIN parties p ON p.organisation_id = a.organisation_id WHERE {alias} "
            f"UNION SELECT p.document_id FROM parties p WHERE {written})",
            values + aliases + more,
        )
    if with_categories and f.categories:
        add("d.categories & ? != 0", [category_mask(f.categories)])
    return conditions, params


def where(conditions: list[str]) -> str:
    """``WHERE a AND b`` (or nothing)."""
    return ("WHERE " + " AND ".join(conditions)) if conditions else ""


def resolve_comuni(db: sqlite_utils.Database, values: Iterable[str]) -> tuple[str, ...]:
    """ISTAT codes for comune filter values: a six-digit code as is, a name (typos too) to its codes.

    A name shared by several comuni (homonyms) gives them all; an unknown code or name raises ``InvalidFilter``.
    """
    codes: list[str] = []
    for raw in values:
        value = raw.strip()
        if _ISTAT.fullmatch(value):
            if db.execute("SELECT 1 FROM comuni WHERE istat = ?", [value]).fetchone() is None:
                raise InvalidFilter(f"no comune has ISTAT code {value}")
            codes.append(value)
            continue
        if not value or value.isdigit() or len(value) > 100:
            raise InvalidFilter(f"not a comune name or six-digit ISTAT code: {raw[:100]!r}")
        towns = exact(value) or fuzzy(value, FILTER_FUZZY_THRESHOLD)
        if not towns:
            raise InvalidFilter(f"no comune is called {value!r}")
        codes.extend(t.istat for t in towns)
    return tuple(dict.fromkeys(codes))
