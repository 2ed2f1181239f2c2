"""Facet counts: for a set of matching documents, how many have each doc type, ambito, comune, party…"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

FACET_LIMIT = 30

# name -> SQL giving (value, label, documents) over the temp table ``matched(id)``.
_FACETS: dict[str, str] = {
    "doc_type": """SELECT d.doc_type, d.doc_type, count(*) FROM documents d JOIN matched m ON m.id = d.id
                   WHERE d.doc_type IS NOT NULL GROUP BY d.doc_type""",
    "year": """SELECT d.year, d.year, count(*) FROM documents d JOIN matched m ON m.id = d.id
               WHERE d.year IS NOT NULL GROUP BY d.year""",
    "ambito": """SELECT a.name, a.name, count(DISTINCT a.document_id) FROM ambiti a
                 JOIN matched m ON m.id = a.document_id GROUP BY a.name COLLATE NOCASE""",
    "comune": """SELECT dc.istat, c.name, count(DISTINCT dc.document_id) FROM document_comuni dc
                 JOIN matched m ON m.id = dc.document_id JOIN comuni c ON c.istat = dc.istat GROUP BY dc.istat""",
    "party": """SELECT coalesce(o.name, p.name), coalesce(o.name, p.name), count(DISTINCT p.document_id)
                FROM parties p JOIN matched m ON m.id = p.document_id
                LEFT JOIN organisations o ON o.id = p.organisation_id
                GROUP BY coalesce(o.name, p.name) COLLATE NOCASE""",
    "category": """SELECT w.category, w.category, count(DISTINCT w.document_id) FROM work_areas w
                   JOIN matched m ON m.id = w.document_id GROUP BY w.category""",
}
FACET_NAMES = tuple(_FACETS)


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet: what to filter on, what to show, how many matching documents have it."""

    value: Any
    label: str
    count: int


def facet_counts(conn: sqlite3.Connection, document_ids: list[int]) -> dict[str, list[FacetValue]]:
    """Each facet's most frequent values among ``document_ids``, most documents first."""
    # A temp table (per connection) lets every facet join the same set without repeating the search.
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS matched (id INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM temp.matched")
    conn.executemany("INSERT INTO temp.matched (id) VALUES (?)", [(i,) for i in document_ids])
    try:
        result: dict[str, list[FacetValue]] = {}
        for name, sql in _FACETS.items():
            rows = conn.execute(f"{sql} ORDER BY 3 DESC, 2 LIMIT {FACET_LIMIT}").fetchall()
            result[name] = [FacetValue(value, str(label), int(count)) for value, label, count in rows]
        return result
    finally:
        conn.execute("DELETE FROM temp.matched")
