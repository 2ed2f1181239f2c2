"""Export the stored data as flat tables (CSV or JSON) that a spreadsheet opens without the database.

The public table names follow the lists of an extraction (EXTRACTION.md), not the storage tables:

- ``documents``: one row per stored file, without its full text and page offsets;
- ``organisations``: the canonical organisations parties are linked to;
- ``parties``, ``comuni`` (stored as document_comuni, with the province and region of the ISTAT code),
  ``ambiti``, ``dates`` (stored as dated_items), ``work_areas``, ``commitments``, ``legal_refs``,
  ``contacts``, ``people`` and ``periods``: one row per extracted item.

Every item row repeats its document's ``document_sha256``, ``document_file_name``, ``document_title``,
``document_doc_type`` and ``document_date``, so one exported file stands alone; parties carry the canonical
``organisation`` name; ``spans`` stays the stored JSON string of [start, end] character offsets.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

import sqlite_utils


@dataclass(frozen=True)
class ExportTable:
    """One exportable table: its output columns, in order, and the query that yields them."""

    name: str
    columns: tuple[str, ...]
    sql: str


def _table(name: str, source: str, columns: Sequence[tuple[str, str]], order: str) -> ExportTable:
    """``columns`` are (output name, SQL expression) pairs selected from ``source``."""
    select = ", ".join(f'{expression} AS "{column}"' for column, expression in columns)
    return ExportTable(name, tuple(c for c, _ in columns), f"SELECT {select} FROM {source} ORDER BY {order}")


def _same(*names: str) -> list[tuple[str, str]]:
    """Columns of the item table ``t`` exported under their own names."""
    return [(n, f't."{n}"') for n in names]


_DOCUMENT = [
    ("document_sha256", "d.sha256"),
    ("document_file_name", "d.file_name"),
    ("document_title", "d.title"),
    ("document_doc_type", "d.doc_type"),
    ("document_date", "d.date"),
]


def _items(name: str, table: str, columns: Sequence[tuple[str, str]], joins: str = "") -> ExportTable:
    """An item table with its document's identity first and its provenance last."""
    return _table(
        name,
        f"{table} t JOIN documents d ON d.id = t.document_id{joins}",
        [*_same("id", "document_id"), *_DOCUMENT, *_same("position"), *columns, *_same("page", "spans")],
        "t.document_id, t.position",
    )


# Every documents column but the text and its page offsets, which belong with the text.
_DOCUMENT_COLUMNS = (
    "id", "sha256", "file_name", "size", "doc_type", "title", "date", "year", "pages", "status",
    "error_code", "error_message", "extractor_version", "created_at", "updated_at",
)  # fmt: skip

_TABLES = [
    _table("documents", "documents d", [(c, f"d.{c}") for c in _DOCUMENT_COLUMNS], "d.id"),
    _table("organisations", "organisations o", [(c, f"o.{c}") for c in ("id", "name", "kind")], "o.id"),
    _items(
        "parties",
        "parties",
        [*_same("name", "kind", "organisation_id"), ("organisation", "o.name")],
        " LEFT JOIN organisations o ON o.id = t.organisation_id",
    ),
    _items(
        "comuni",
        "document_comuni",
        [
            *_same("name", "istat", "surface"),
            ("province_code", "c.province_code"),
            ("province", "c.province"),
            ("region", "c.region"),
        ],
        " LEFT JOIN comuni c ON c.istat = t.istat",
    ),
    _items("ambiti", "ambiti", _same("name")),
    _items("dates", "dated_items", _same("date", "time", "kind", "text", "place", "what")),
    _items("work_areas", "work_areas", _same("label", "category")),
    _items("commitments", "commitments", _same("actor", "text", "category")),
    _items("legal_refs", "legal_refs", _same("kind", "number", "year", "article", "comma", "text")),
    _items("contacts", "contacts", _same("kind", "value", "owner")),
    _items("people", "people", _same("name", "role")),
    _items("periods", "periods", _same("start", "end")),
]

EXPORT_TABLES: dict[str, ExportTable] = {t.name: t for t in _TABLES}
"""The exportable tables by public name; the only names ``export_rows`` accepts."""


def export_table(name: str) -> ExportTable:
    """The export table ``name``; ValueError when there is none."""
    try:
        return EXPORT_TABLES[name]
    except KeyError:
        raise ValueError(f"unknown table {name!r}; choose one of {', '.join(EXPORT_TABLES)}") from None


def _stream(cursor: Iterator[tuple[Any, ...]], columns: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    for row in cursor:
        yield dict(zip(columns, row, strict=True))


def export_rows(db: sqlite_utils.Database, table: str) -> Iterator[dict[str, Any]]:
    """The rows of export table ``table`` as dicts, read from the database as they are consumed."""
    # Checked here, not in the generator, so a bad name fails at the call rather than at the first row.
    spec = export_table(table)
    return _stream(db.conn.execute(spec.sql), spec.columns)


def write_csv(rows: Iterable[dict[str, Any]], out: TextIO, columns: Sequence[str] = ()) -> None:
    """Write ``rows`` as CSV with a header (``columns`` when there are no rows); open ``out`` with newline=""."""
    rows = iter(rows)
    first = next(rows, None)
    writer = csv.DictWriter(out, fieldnames=list(first) if first is not None else list(columns))
    writer.writeheader()
    if first is not None:
        writer.writerow(first)
        writer.writerows(rows)


def write_json(rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    """Write ``rows`` as one JSON array, a row per line, without holding them all in memory."""
    out.write("[")
    separator = "\n"
    for row in rows:
        out.write(separator)
        out.write(json.dumps(row, ensure_ascii=False))
        separator = ",\n"
    out.write("\n]\n" if separator != "\n" else "]\n")
