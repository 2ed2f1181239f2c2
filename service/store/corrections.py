"""Staff corrections in the database: recorded, applied over the extractor's own items, withdrawn.

A document with corrections keeps what the extractor found in ``documents.extracted``; its item tables (and
search rows) always hold that extraction with the active corrections applied (``service.corrections.apply``),
whether the items change because of a new correction, a withdrawn one or a new extraction of the document.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from extractor.document import Document
from models import Extraction
from service.corrections.apply import Action, Correction, agrees, apply_corrections
from service.corrections.fields import DOCUMENT, content, document_fields
from service.corrections.validate import (
    MAX_AUTHOR_CHARS,
    MAX_NOTE_CHARS,
    InvalidCorrection,
    check_field,
    checked_document,
    checked_item,
    checked_text,
)
from service.store.items import described_columns, hand_over_column, replace_items
from service.store.reader import load_extraction

_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"


@dataclass(frozen=True)
class CorrectionRecord:
    """A stored correction with who made it and when, whether the latest extraction agrees, and if it was
    withdrawn (by whom, when)."""

    id: int
    document_id: int
    field: str
    action: Action
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    author: str
    note: str | None
    created_at: str
    agrees: bool
    retired_at: str | None
    retired_by: str | None

    def as_correction(self) -> Correction:
        return Correction(self.id, self.field, self.action, self.before, self.after)


_COLUMNS = "id, document_id, field, action, before, after, author, note, created_at, agrees, retired_at, retired_by"


def _record(row: tuple[Any, ...]) -> CorrectionRecord:
    values = dict(zip(_COLUMNS.split(", "), row, strict=True))
    for side in ("before", "after"):
        values[side] = json.loads(values[side]) if values[side] else None
    values["agrees"] = bool(values["agrees"])
    return CorrectionRecord(**values)


def document_corrections(
    conn: sqlite3.Connection, document_id: int, active_only: bool = False
) -> list[CorrectionRecord]:
    """The corrections of ``document_id`` in the order they were made; withdrawn ones too unless ``active_only``."""
    active = " AND retired_at IS NULL" if active_only else ""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM corrections WHERE document_id = ?{active} ORDER BY id", [document_id]
    ).fetchall()
    return [_record(row) for row in rows]


def get_correction(conn: sqlite3.Connection, document_id: int, correction_id: int) -> CorrectionRecord | None:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM corrections WHERE id = ? AND document_id = ?", [correction_id, document_id]
    ).fetchone()
    return _record(row) if row else None


def _mark_agreement(conn: sqlite3.Connection, extraction: Extraction, records: list[CorrectionRecord]) -> None:
    conn.executemany(
        "UPDATE corrections SET agrees = ? WHERE id = ?",
        [(int(agrees(extraction, record.as_correction())), record.id) for record in records],
    )


def over_corrections(conn: sqlite3.Connection, document_id: int, extraction: Extraction) -> Extraction:
    """What to store as the items of a new extraction of ``document_id``: ``extraction`` with the document's active
    corrections applied. The extraction itself is kept for later corrections, and each correction marked by whether
    this extraction already says what it says."""
    active = document_corrections(conn, document_id, active_only=True)
    if not active:
        conn.execute("UPDATE documents SET extracted = NULL WHERE id = ?", [document_id])
        return extraction
    conn.execute(
        "UPDATE documents SET extracted = ? WHERE id = ?",
        [extraction.model_dump_json(exclude={"text"}), document_id],
    )
    return _applied(conn, document_id, extraction, active)


def _applied(
    conn: sqlite3.Connection, document_id: int, extraction: Extraction, active: list[CorrectionRecord]
) -> Extraction:
    """``extraction`` with the ``active`` corrections applied, each marked by whether the extraction already says
    what it says, and the document's row given the corrected type, title and date."""
    _mark_agreement(conn, extraction, active)
    corrected = apply_corrections(extraction, [record.as_correction() for record in active])
    columns = described_columns(corrected)
    conn.execute(
        f"UPDATE documents SET {', '.join(f'{name} = ?' for name in columns)} WHERE id = ?",
        [*columns.values(), document_id],
    )
    return corrected


def _extracted(conn: sqlite3.Connection, document_id: int, stored: Extraction | None = None) -> Extraction:
    """What the extractor itself found in the document: kept since its first correction, else its stored items
    (which are the extractor's own while it has none; ``stored`` when the caller has read them already)."""
    row = conn.execute("SELECT extracted FROM documents WHERE id = ?", [document_id]).fetchone()
    if row and row[0]:
        return Extraction.model_validate_json(row[0])
    stored = stored or load_extraction(sqlite_utils.Database(conn), document_id)
    assert stored is not None, f"document {document_id} is not indexed"
    own = stored.model_copy(update={"text": None})
    conn.execute("UPDATE documents SET extracted = ? WHERE id = ?", [own.model_dump_json(), document_id])
    return own


def _refresh(conn: sqlite3.Connection, document_id: int) -> None:
    """Rewrite the document's items as its extraction with the active corrections applied."""
    extracted = _extracted(conn, document_id)
    active = document_corrections(conn, document_id, active_only=True)
    corrected = _applied(conn, document_id, extracted, active)
    text = conn.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()[0]
    replace_items(conn, document_id, corrected, text)
    if not active:  # the items are the extractor's own again: no need to keep them twice
        conn.execute("UPDATE documents SET extracted = NULL WHERE id = ?", [document_id])
    # The document changed: listings, search and the feed's ETag (its newest updated_at) see it at once.
    conn.execute(f"UPDATE documents SET updated_at = {_NOW} WHERE id = ?", [document_id])


def _town_name(conn: sqlite3.Connection, istat: str) -> str | None:
    found = conn.execute("SELECT name FROM comuni WHERE istat = ?", [istat]).fetchone()
    return str(found[0]) if found else None


def _town_code(conn: sqlite3.Connection, name: str) -> str | None:
    """The ISTAT code of the one comune of the registry called ``name`` (any case), else None."""
    found = conn.execute("SELECT istat FROM comuni WHERE name = ? COLLATE NOCASE LIMIT 2", [name]).fetchall()
    return str(found[0][0]) if len(found) == 1 else None


def _page_of(page_starts: list[int], item: dict[str, Any]) -> int | None:
    """The page of an item's first mention, as the extractor gives it (``Document.page_of``)."""
    spans = item.get("spans") or []
    if not spans or not page_starts:
        return item.get("page")
    return Document(text="", page_starts=tuple(page_starts)).page_of(min(start for start, _ in spans))


def record_correction(
    conn: sqlite3.Connection,
    document_id: int,
    field: str,
    action: Action,
    *,
    position: int | None = None,
    item: object = None,
    author: object,
    note: object = None,
) -> CorrectionRecord:
    """Record a correction of list ``field`` of indexed document ``document_id`` and apply it at once.

    ``add`` takes ``item`` (the new item's fields); ``edit`` takes ``position`` (the item's index in the document's
    current list) and ``item`` (the fields to change); ``remove`` takes ``position``. The field ``document`` edits
    the document itself: ``item`` holds the changes of its ``doc_type``, ``date`` or ``title``. Raises
    ``InvalidCorrection``, naming the field at fault, for anything the models, the ISTAT registry or the document's
    text refuse; nothing is written then.
    """
    check_field(field)
    author_name = checked_text(author, "author", MAX_AUTHOR_CHARS)
    note_text = checked_text(note, "note", MAX_NOTE_CHARS, required=False)
    row = conn.execute("SELECT status, length(text), page_starts FROM documents WHERE id = ?", [document_id]).fetchone()
    if row is None or row[0] != "indexed":
        raise InvalidCorrection("document", f"document {document_id} has no extraction to correct")
    current = load_extraction(sqlite_utils.Database(conn), document_id)
    assert current is not None
    if field == DOCUMENT:
        before, after = _document_change(current, action, item)
    else:
        text = _Text(int(row[1] or 0), json.loads(row[2]))
        before, after = _item_change(conn, current, field, action, position, item, text)
    _extracted(conn, document_id, current)  # kept before the first correction changes the items
    return _insert_correction(conn, document_id, field, action, before, after, author_name, note_text)


@dataclass(frozen=True)
class _Text:
    """What a corrected item's spans are checked against: the text's length and its page starts."""

    length: int
    page_starts: list[int]


Change = tuple[dict[str, Any] | None, dict[str, Any] | None]


def _document_change(current: Extraction, action: Action, item: object) -> Change:
    """The document's type, date and title before and after the changes in ``item``."""
    if action != "edit":
        raise InvalidCorrection("action", "the document itself is corrected, not added or removed")
    before = document_fields(current)
    after = checked_document(item, before)
    if after == before:
        raise InvalidCorrection("item", "the document already has these values")
    return before, after


def _item_change(
    conn: sqlite3.Connection,
    current: Extraction,
    field: str,
    action: Action,
    position: int | None,
    item: object,
    text: _Text,
) -> Change:
    """The item of list ``field`` before (edit, remove) and after (add, edit) the correction, checked."""
    items = [it.model_dump(mode="json") for it in getattr(current, field)]
    before = None
    if action in ("edit", "remove"):
        if not isinstance(position, int) or not 0 <= position < len(items):
            raise InvalidCorrection("position", f"the document has {len(items)} {field}; no item at {position}")
        before = items[position]
    if action == "remove":
        return before, None
    if action == "edit" and not isinstance(item, dict):
        raise InvalidCorrection("item", "must be an object of the fields to change")
    proposed = {**before, **item} if action == "edit" and before and isinstance(item, dict) else item
    after = checked_item(
        field,
        proposed,
        text_length=text.length,
        town_name=lambda istat: _town_name(conn, istat),
        town_code=lambda name: _town_code(conn, name),
    )
    after["page"] = _page_of(text.page_starts, after)
    unchanged = content(before) == content(after) if before else any(content(i) == content(after) for i in items)
    if unchanged:
        raise InvalidCorrection("item", "the document already holds this item as it is")
    return before, after


def _insert_correction(
    conn: sqlite3.Connection,
    document_id: int,
    field: str,
    action: Action,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    author: str | None,
    note: str | None,
) -> CorrectionRecord:
    """Keep a checked correction and apply it at once."""
    correction_id = conn.execute(
        "INSERT INTO corrections (document_id, field, action, before, after, author, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [document_id, field, action, json.dumps(before) if before else None, json.dumps(after) if after else None,
         author, note],
    ).fetchone()[0]  # fmt: skip
    _refresh(conn, document_id)
    record = get_correction(conn, document_id, int(correction_id))
    assert record is not None
    return record


def retire_correction(
    conn: sqlite3.Connection, document_id: int, correction_id: int, *, author: object
) -> CorrectionRecord | None:
    """Withdraw a correction (it stays in the history) and restore the items without it; None when the document
    has no such correction. Withdrawing one already withdrawn changes nothing."""
    by = checked_text(author, "author", MAX_AUTHOR_CHARS)
    record = get_correction(conn, document_id, correction_id)
    if record is None:
        return None
    if record.retired_at is None:
        conn.execute(f"UPDATE corrections SET retired_at = {_NOW}, retired_by = ? WHERE id = ?", [by, correction_id])
        _refresh(conn, document_id)
    return get_correction(conn, document_id, correction_id)


@dataclass(frozen=True)
class CorrectedDocument:
    """An indexed document with corrections in force: its items as corrected, and what to extract it again from."""

    id: int
    file_name: str
    page_starts: list[int]
    corrected: Extraction  # with its text

    @property
    def text(self) -> str:
        return self.corrected.text or ""


def corrected_documents(db: sqlite_utils.Database) -> list[CorrectedDocument]:
    """Every indexed document that has a correction in force, by id."""
    rows = db.execute(
        "SELECT d.id, d.file_name, d.page_starts FROM documents d WHERE d.status = 'indexed' AND d.text IS NOT "
        "NULL AND d.id IN (SELECT document_id FROM corrections WHERE retired_at IS NULL) ORDER BY d.id"
    ).fetchall()
    found = []
    for document_id, file_name, page_starts in rows:
        corrected = load_extraction(db, document_id)
        if corrected is not None and corrected.text is not None:
            found.append(CorrectedDocument(document_id, file_name, json.loads(page_starts), corrected))
    return found


def move_corrections(conn: sqlite3.Connection, source: int, target: int) -> None:
    """Give document ``source``'s corrections (and what the extractor found in it) to document ``target``, when
    the two turn out to be one content (``service.store.identity``)."""
    conn.execute("UPDATE corrections SET document_id = ? WHERE document_id = ?", [target, source])
    hand_over_column(conn, "extracted", source, target)
