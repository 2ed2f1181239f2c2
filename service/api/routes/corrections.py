"""Corrections of a document: add, edit or remove one of its items, correct its type, date or title, withdraw a
correction, read the history.

Every write needs the API token. A correction applies at once (document page, search, listings, the feed) and over
every later extraction of the document; ``GET .../corrections`` shows each with its author and time, and whether
the latest extraction already agrees with it.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from extractor.errors import ErrorCode
from models.api import CorrectionPublic, CorrectionResult, CorrectionsPublic, ErrorPublic, ItemCorrection
from service.api.deps import MAX_ID, DbDep, DocumentId, require_read_token, require_write_token
from service.api.errors import ApiError, refusals_as_422
from service.corrections.apply import Action
from service.corrections.fields import DOCUMENT, document_fields
from service.store.corrections import CorrectionRecord, document_corrections, record_correction, retire_correction
from service.store.db import transaction
from service.store.listings import get_document
from service.store.reader import load_extraction

router = APIRouter(prefix="/documents/{document_id}", tags=["corrections"])
_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorPublic, "description": "no or wrong API token"},
    404: {"model": ErrorPublic, "description": "no such document or correction"},
    422: {"model": ErrorPublic, "description": "the correction was refused: the message names the field"},
}
ListName = Annotated[str, Path(max_length=40, description="the list: parties, comuni, dates, commitments, …")]
Position = Annotated[int, Path(ge=0, le=100_000, description="the item's index in the document's list, from 0")]
CorrectionId = Annotated[int, Path(ge=1, le=MAX_ID, description="the correction's id")]
Author = Annotated[str, Query(max_length=200, description="who makes the change, as the history will show it")]
Note = Annotated[str | None, Query(max_length=2_000, description="why")]


def _public(record: CorrectionRecord) -> CorrectionPublic:
    return CorrectionPublic.model_validate(asdict(record))


def _document(db: DbDep, document_id: int) -> int:
    """The document a correction applies to: the id of another file of the same content gives that content's."""
    row = get_document(db, document_id)
    if row is None:
        raise ApiError(ErrorCode.UNKNOWN_RESOURCE, f"document {document_id}")
    return int(row["id"])


def _correct(db: DbDep, document_id: int, field: str, action: Action, **given: Any) -> CorrectionResult:
    target = _document(db, document_id)
    with refusals_as_422(), transaction(db) as conn:
        record = record_correction(conn, target, field, action, **given)
    return _result(db, record)


def _result(db: DbDep, record: CorrectionRecord) -> CorrectionResult:
    extraction = load_extraction(db, record.document_id)
    if extraction is None:
        return CorrectionResult(correction=_public(record), items=[])
    if record.field == DOCUMENT:  # the document's own fields, as one item
        return CorrectionResult(correction=_public(record), items=[document_fields(extraction)])
    items = [item.model_dump(mode="json") for item in getattr(extraction, record.field)]
    return CorrectionResult(correction=_public(record), items=items)


@router.get(
    "/corrections",
    response_model=CorrectionsPublic,
    dependencies=[Depends(require_read_token)],
    responses={401: _ERRORS[401], 404: _ERRORS[404]},
)
def read_corrections(document_id: DocumentId, db: DbDep) -> CorrectionsPublic:
    """Every correction of the document, oldest first, withdrawn ones included."""
    records = document_corrections(db.conn, _document(db, document_id))
    return CorrectionsPublic(data=[_public(r) for r in records], count=len(records))


@router.patch(
    "",
    response_model=CorrectionResult,
    dependencies=[Depends(require_write_token)],
    responses=_ERRORS,
)
def edit_document(document_id: DocumentId, body: ItemCorrection, db: DbDep) -> CorrectionResult:
    """Correct the document itself: ``item`` holds the new ``doc_type``, ``date`` (YYYY-MM-DD or null) or ``title``."""
    return _correct(db, document_id, DOCUMENT, "edit", item=body.item, author=body.author, note=body.note)


@router.post(
    "/items/{field}",
    status_code=201,
    response_model=CorrectionResult,
    dependencies=[Depends(require_write_token)],
    responses=_ERRORS,
)
def add_item(document_id: DocumentId, field: ListName, body: ItemCorrection, db: DbDep) -> CorrectionResult:
    """Add an item the extractor missed (a party, a comune by its ISTAT code, a deadline with its time…)."""
    return _correct(db, document_id, field, "add", item=body.item, author=body.author, note=body.note)


@router.patch(
    "/items/{field}/{position}",
    response_model=CorrectionResult,
    dependencies=[Depends(require_write_token)],
    responses=_ERRORS,
)
def edit_item(
    document_id: DocumentId, field: ListName, position: Position, body: ItemCorrection, db: DbDep
) -> CorrectionResult:
    """Change fields of the item at ``position`` (a party's kind, a deadline's date or time, an area's category…)."""
    return _correct(
        db, document_id, field, "edit", position=position, item=body.item, author=body.author, note=body.note
    )


@router.delete(
    "/items/{field}/{position}",
    response_model=CorrectionResult,
    dependencies=[Depends(require_write_token)],
    responses=_ERRORS,
)
def remove_item(
    document_id: DocumentId, field: ListName, position: Position, db: DbDep, author: Author, note: Note = None
) -> CorrectionResult:
    """Mark the item at ``position`` as wrong: it leaves the document, and stays out of later extractions."""
    return _correct(db, document_id, field, "remove", position=position, author=author, note=note)


@router.delete(
    "/corrections/{correction_id}",
    response_model=CorrectionResult,
    dependencies=[Depends(require_write_token)],
    responses=_ERRORS,
)
def withdraw_correction(
    document_id: DocumentId, correction_id: CorrectionId, db: DbDep, author: Author
) -> CorrectionResult:
    """Withdraw a correction: the document's items are as if it had never been made; the history keeps it."""
    target = _document(db, document_id)
    with refusals_as_422(), transaction(db) as conn:
        record = retire_correction(conn, target, correction_id, author=author)
    if record is None:
        raise ApiError(ErrorCode.UNKNOWN_RESOURCE, f"correction {correction_id} of document {document_id}")
    return _result(db, record)
