"""A document's filter values as terms of its search rows, so that FTS5 narrows a search by them with its words.

Without them, every passage holding a word was checked against the filters one by one: "servizi" in the notices
of one year read 129,000 passages to keep 1,500 (70 ms at 100,000 documents), "disabilità" in one ambito 74,000 to
keep 900 (50 ms). As terms of the ``tags`` column, FTS5 intersects them with the words' own lists. The terms:
``dt<type>``, ``y<year>``, ``ca<category bit>``, ``co<ISTAT code>``, ``am<hex of the ambito's name, ASCII letters
lowered>`` (as ``COLLATE NOCASE`` compares), ``pn<hex of a party's name as written, the same way>``. They are made
in SQL from what the database holds (the document's row, its ambiti, comuni and parties), the same values the
filters' own check reads: that check still runs on every match, so the terms narrow a search and never widen it.

A party filter names organisations (by canonical name or alias) or parties as written. Merges and aliases change
which organisation a party row belongs to, so the terms are the names as written, which no merge changes: the
filter's names become, at search time, the written names of the parties of the organisations they name
(``party_terms``). Dates are left to the check.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence

from service.store.categories import CATEGORY_BITS, category_mask
from service.store.filters import Filters

_CATEGORY_TERMS = " || ".join(
    f"CASE WHEN d.categories & {bit} THEN ' ca{bit.bit_length() - 1}' ELSE '' END" for bit in CATEGORY_BITS.values()
)


def document_tags(document: str) -> str:
    """SQL giving the filter terms of the document whose id is the SQL expression ``document``."""
    return (
        "(SELECT 'dt' || coalesce(d.doc_type, '') || ' y' || coalesce(d.year, '') || "
        f"{_CATEGORY_TERMS} || "
        "coalesce((SELECT ' ' || group_concat('am' || hex(lower(a.name)), ' ') FROM ambiti a "
        "WHERE a.document_id = d.id), '') || "
        "coalesce((SELECT ' ' || group_concat('co' || c.istat, ' ') FROM document_comuni c "
        "WHERE c.document_id = d.id), '') || "
        "coalesce((SELECT ' ' || group_concat(term, ' ') FROM (SELECT DISTINCT 'pn' || hex(lower(p.name)) AS term "
        f"FROM parties p WHERE p.document_id = d.id)), '') FROM documents d WHERE d.id = {document})"
    )


# Every term ``document_tags`` makes has one of these forms (the tokenizer folds them to lower case).
_TERM = re.compile(r"dt\w*|y\d*|ca\d+|co\d+|am[0-9a-f]+|pn[0-9a-f]+")


def could_be_a_tag(term: str) -> bool:
    """Whether a word searched for has the form of a filter term, so that it must be held to the text."""
    return _TERM.fullmatch(term.lower()) is not None


def _name_term(prefix: str, name: str) -> str:
    """The term of a name: SQLite's ``hex(lower(name))``, whose ``lower`` folds ASCII letters only."""
    return prefix + name.encode("utf-8").lower().hex().upper()


# Past this many written names a party filter is left to the check: so long an OR costs more than it saves.
MAX_PARTY_TERMS = 200


def party_terms(conn: sqlite3.Connection, names: Sequence[str]) -> list[str] | None:
    """The terms of every written name a party filter on ``names`` finds: the names themselves, and those of the
    parties of the organisations whose canonical name or alias they are. None when there are too many."""
    marks = ", ".join("?" for _ in names)
    written = conn.execute(
        "SELECT DISTINCT 'pn' || hex(lower(p.name)) FROM parties p WHERE p.organisation_id IN ("
        f"SELECT id FROM organisations WHERE name COLLATE NOCASE IN ({marks}) "
        f"UNION SELECT organisation_id FROM organisation_aliases WHERE name COLLATE NOCASE IN ({marks})) "
        f"LIMIT {MAX_PARTY_TERMS + 1}",
        [*names, *names],
    ).fetchall()
    terms = sorted({_name_term("pn", name) for name in names} | {term for (term,) in written})
    return terms if len(terms) <= MAX_PARTY_TERMS else None


def tags_query(filters: Filters, parties: Sequence[str] | None = None) -> str | None:
    """An FTS5 expression over the ``tags`` column for the filters that have terms, or None when none has.

    ``parties`` are the party filter's terms (``party_terms``); without them that filter is left to the check.
    """
    groups = [
        [f"dt{doc_type}" for doc_type in filters.doc_types],
        [f"y{year}" for year in filters.years],
        [f"ca{category_mask([c]).bit_length() - 1}" for c in filters.categories if category_mask([c])],
        [f"co{istat}" for istat in filters.comuni],
        [_name_term("am", name) for name in filters.ambiti],
        list(parties or ()),
    ]
    # Terms hold only letters and digits (codes and hex), but quote them: nothing raw reaches FTS5.
    clauses = [" OR ".join(f'"{term}"' for term in group) for group in groups if group]
    return " AND ".join(f"tags : ({clause})" for clause in clauses) or None
