"""Check a corrected item before it is kept: the list exists, the item holds to its model, its ISTAT code is
known, its spans fall inside the document's text. A refusal names the field at fault."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationError

from service.corrections.fields import DOCUMENT, FIELDS, MODELS, DocumentFields

MAX_VALUE_CHARS = 10_000
"""The longest text a corrected field may hold: a commitment is a sentence or a list item, not a document."""
MAX_SPANS = 100
MAX_AUTHOR_CHARS = 120
MAX_NOTE_CHARS = 2_000

# Fields that must say something: a party without a name is no party.
_REQUIRED_TEXT = ("name", "label", "text", "value", "number")


class InvalidCorrection(ValueError):
    """A correction refused: ``path`` names the field at fault ("item.date", "field"), ``reason`` says why."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def checked_text(value: object, path: str, longest: int, *, required: bool = True) -> str | None:
    """A text staff typed (an author, a note, a name), spaces collapsed; None when optional and not given."""
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidCorrection(path, "must be a non-blank text")
    if len(value) > longest:
        raise InvalidCorrection(path, f"longer than {longest} characters")
    return " ".join(value.split())


def check_field(field: str) -> str:
    """``field`` when it is a list staff can correct, or the document itself, else ``InvalidCorrection``."""
    if field not in FIELDS and field != DOCUMENT:
        raise InvalidCorrection("field", f"{field!r} is not a list of the extraction ({', '.join(FIELDS)})")
    return field


def checked_document(data: object, current: Mapping[str, Any]) -> dict[str, Any]:
    """The document's ``current`` type, date and title with the changes in ``data``, checked; JSON-ready."""
    if not isinstance(data, Mapping):
        raise InvalidCorrection("item", "must be an object of the fields to change (doc_type, date, title)")
    try:
        fields = DocumentFields.model_validate({**current, **data})
    except ValidationError as error:
        raise _pydantic_problem(error) from None
    checked: dict[str, Any] = fields.model_dump(mode="json")
    if checked["title"] is not None and not checked["title"].strip():
        checked["title"] = None
    return checked


def _pydantic_problem(error: ValidationError) -> InvalidCorrection:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    return InvalidCorrection(f"item.{where}" if where else "item", str(first.get("msg", "invalid")))


def _check_sizes(item: Mapping[str, Any]) -> None:
    for name, value in item.items():
        if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
            raise InvalidCorrection(f"item.{name}", f"longer than {MAX_VALUE_CHARS} characters")
        if name in _REQUIRED_TEXT and isinstance(value, str) and not value.strip():
            raise InvalidCorrection(f"item.{name}", "must not be blank")
    spans = item.get("spans")
    if isinstance(spans, list) and len(spans) > MAX_SPANS:
        raise InvalidCorrection("item.spans", f"more than {MAX_SPANS} spans")


def _with_comune(
    item: dict[str, Any], town_name: Callable[[str], str | None], town_code: Callable[[str], str | None]
) -> dict[str, Any]:
    """A comune named by its ISTAT code, or by a name the registry knows as one comune only (then its code is
    found); the code must be in the registry, whose name the comune takes when none is given."""
    istat = item.get("istat")
    written = item.get("name") or item.get("surface")
    if not istat and isinstance(written, str) and written.strip():
        istat = town_code(written.strip())
        if istat is None:
            raise InvalidCorrection(
                "item.istat", f"{written.strip()!r} is not one comune of the registry: give its code"
            )
        item = {**item, "istat": istat}
    if not isinstance(istat, str) or not istat:
        raise InvalidCorrection("item.istat", "a comune is named by its six-digit ISTAT code or its name")
    official = town_name(istat)
    if official is None:
        raise InvalidCorrection("item.istat", f"{istat!r} is not an ISTAT code of the registry")
    name = item.get("name") or official
    return {**item, "name": name, "surface": item.get("surface") or name}


def checked_item(
    field: str,
    data: object,
    *,
    text_length: int,
    town_name: Callable[[str], str | None],
    town_code: Callable[[str], str | None] = lambda _name: None,
) -> dict[str, Any]:
    """The item ``data`` of list ``field`` as the model holds it (a JSON-ready dict), or ``InvalidCorrection``.

    ``text_length`` bounds the spans (character offsets into the document's text); ``town_name`` gives the
    official name of an ISTAT code, None for a code the registry does not know; ``town_code`` the code of a
    comune's name, None when the registry has no comune or several of that name.
    """
    check_field(field)
    if not isinstance(data, Mapping):
        raise InvalidCorrection("item", "must be an object of the item's fields")
    item = dict(data)
    _check_sizes(item)
    if field == "comuni":
        item = _with_comune(item, town_name, town_code)
    try:
        model = MODELS[field].model_validate(item)
    except ValidationError as error:
        raise _pydantic_problem(error) from None
    checked = model.model_dump(mode="json")
    for start, end in model.spans:
        if end > text_length:
            raise InvalidCorrection("item.spans", f"[{start}, {end}] runs past the text's {text_length} characters")
    if field == "periods" and checked["start"] > checked["end"]:
        raise InvalidCorrection("item.end", "a period cannot end before it starts")
    return checked
