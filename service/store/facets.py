"""Facet counts: for a set of matching documents, how many have each doc type, ambito, comune, party…

The set is a SQL query, so ids never travel through Python; each facet is counted by SQLite over it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

FACET_LIMIT = 30

# name -> SQL giving (value, label, documents) over the set ``matched(id)``. CROSS JOIN keeps ``matched`` the outer
# loop: a page of results reaches each item table through its (document_id, …) index, never a scan of the table,
# and a document's type and year come from idx_documents_filters rather than from the row with its text.
_FACETS: dict[str, str] = {
    "doc_type": """SELECT d.doc_type, d.doc_type, count(*) FROM matched m
                   CROSS JOIN documents d INDEXED BY idx_documents_filters ON d.id = m.id
                   WHERE d.doc_type IS NOT NULL GROUP BY d.doc_type""",
    "year": """SELECT d.year, d.year, count(*) FROM matched m
               CROSS JOIN documents d INDEXED BY idx_documents_filters ON d.id = m.id
               WHERE d.year IS NOT NULL GROUP BY d.year""",
    "ambito": """SELECT a.name, a.name, count(DISTINCT a.document_id) FROM matched m
                 CROSS JOIN ambiti a ON a.document_id = m.id GROUP BY a.name COLLATE NOCASE""",
    "comune": """SELECT dc.istat, c.name, count(DISTINCT dc.document_id) FROM matched m
                 CROSS JOIN document_comuni dc ON dc.document_id = m.id JOIN comuni c ON c.istat = dc.istat
                 GROUP BY dc.istat""",
    "party": """SELECT coalesce(o.name, p.name), coalesce(o.name, p.name), count(DISTINCT p.document_id)
                FROM matched m CROSS JOIN parties p ON p.document_id = m.id
                LEFT JOIN organisations o ON o.id = p.organisation_id
                GROUP BY coalesce(o.name, p.name) COLLATE NOCASE""",
    "category": """SELECT w.category, w.category, count(DISTINCT w.document_id) FROM matched m
                   CROSS JOIN work_areas w ON w.document_id = m.id GROUP BY w.category""",
}
FACET_NAMES = tuple(_FACETS)


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet: what to filter on, what to show, how many matching documents have it."""

    value: Any
    label: str
    count: int


def facet_counts(conn: sqlite3.Connection, documents: str, params: list[Any]) -> dict[str, list[FacetValue]]:
    """Each facet's most frequent values among the documents the query ``documents`` selects (one column of ids,
    each once), most documents first."""
    # One statement: the set is made once and every facet counts over it.
    parts = [
        f"SELECT {i} AS facet, * FROM ({sql} ORDER BY 3 DESC, 2 LIMIT {FACET_LIMIT})"
        for i, sql in enumerate(_FACETS.values())
    ]
    rows = conn.execute(
        f"WITH matched(id) AS MATERIALIZED ({documents}) {' UNION ALL '.join(parts)} ORDER BY 1, 4 DESC, 3", params
    ).fetchall()
    result: dict[str, list[FacetValue]] = {name: [] for name in _FACETS}
    for facet, value, label, count in rows:
        result[FACET_NAMES[facet]].append(FacetValue(value, str(label), int(count)))
    return result
