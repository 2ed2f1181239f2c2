"""Apply a document's corrections over an extraction of it: a pure function of the two.

- ``add`` puts its item in the list, unless the extraction already holds that item (then it agrees);
- ``remove`` drops the item it names wherever the extraction holds it (it agrees when none is there);
- ``edit`` replaces the item it names by its new content, keeping where the old one was found; when the
  extraction no longer holds the old item, the new content is added all the same (staff said what is right).

A correction of the document itself (field ``document``) sets its type, date and title. Corrections apply in the
order they were made, so a later one may build on an earlier one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from models import Extraction
from service.corrections.fields import DOCUMENT, MODELS, DocumentFields, content, document_fields, item_key

Action = Literal["add", "remove", "edit"]


@dataclass(frozen=True)
class Correction:
    """One correction of one list: the item as it was (``before``, for remove and edit) and as it should be
    (``after``, for add and edit), each a dict of the item model's fields."""

    id: int
    field: str
    action: Action
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


def agrees(extraction: Extraction, correction: Correction) -> bool:
    """True when ``extraction`` already says, on its own, what ``correction`` says: the correction can be retired."""
    if correction.field == DOCUMENT:
        assert correction.after is not None
        return document_fields(extraction) == correction.after
    items = [item.model_dump(mode="json") for item in getattr(extraction, correction.field)]
    keys = [item_key(correction.field, item) for item in items]
    before = item_key(correction.field, correction.before) if correction.before is not None else None
    if correction.action == "remove":
        return before not in keys
    assert correction.after is not None
    after = content(correction.after)
    holds_after = any(content(item) == after for item in items)
    if correction.action == "add":
        return holds_after
    return holds_after and (before == item_key(correction.field, after) or before not in keys)


def _placed(after: dict[str, Any], correction: Correction, found: dict[str, Any] | None) -> dict[str, Any]:
    """The corrected content where it goes: the spans staff gave, else those of the item it replaces."""
    assert correction.after is not None
    if found is None:
        return {**after, "spans": correction.after.get("spans") or [], "page": correction.after.get("page")}
    return {**after, "spans": correction.after.get("spans") or found["spans"], "page": found["page"]}


def _corrected(field: str, items: list[dict[str, Any]], correction: Correction) -> list[dict[str, Any]]:
    """``items`` of list ``field`` with one correction applied."""
    before = item_key(field, correction.before) if correction.before is not None else None
    if correction.action == "remove":
        return [item for item in items if item_key(field, item) != before]
    assert correction.after is not None
    after = content(correction.after)
    after_key = item_key(field, after)
    if correction.action == "edit":
        at = next((i for i, item in enumerate(items) if item_key(field, item) == before), None)
        if at is not None:
            found = items[at]
            kept = [item for i, item in enumerate(items) if i == at or item_key(field, item) != after_key]
            return [_placed(after, correction, found) if item is found else item for item in kept]
    same = next((i for i, item in enumerate(items) if item_key(field, item) == after_key), None)
    if same is not None:  # the extraction found the item: the correction sets its content, keeps its spans
        return [*items[:same], _placed(after, correction, items[same]), *items[same + 1 :]]
    return [*items, _placed(after, correction, None)]


def apply_corrections(extraction: Extraction, corrections: Sequence[Correction]) -> Extraction:
    """``extraction`` with ``corrections`` applied in order; the extraction itself is left as it was."""
    lists: dict[str, list[dict[str, Any]]] = {}
    document: dict[str, Any] = {}
    for correction in corrections:
        field = correction.field
        if field == DOCUMENT:  # the type, date or title of the document itself
            assert correction.after is not None
            document = DocumentFields.model_validate(correction.after).model_dump()
            continue
        if field not in lists:
            lists[field] = [item.model_dump(mode="json") for item in getattr(extraction, field)]
        lists[field] = _corrected(field, lists[field], correction)
    update: dict[str, Any] = {field: [MODELS[field].model_validate(i) for i in items] for field, items in lists.items()}
    return extraction.model_copy(update={**update, **document})
