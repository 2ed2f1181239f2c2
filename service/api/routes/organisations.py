"""The organisations registry: list it, merge two organisations, add another name, rename one, undo a change.

Writes need the API token; each change is recorded with its author and applies across every document at once (the
party filter, listings and facets follow), and to every later extraction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from extractor.errors import ErrorCode
from models.api import (
    ErrorPublic,
    MergeRequest,
    NameRequest,
    OrganisationPublic,
    OrganisationsPublic,
    RegistryChangePublic,
    RegistryChangesPublic,
)
from service.api.deps import MAX_ID, DbDep, PageDep, require_read_token, require_write_token
from service.api.errors import ApiError, refusals_as_422
from service.store.db import transaction
from service.store.organisations import (
    RegistryChange,
    add_alias,
    list_organisations,
    merge_organisations,
    registry_changes,
    rename_organisation,
    undo_change,
)

router = APIRouter(tags=["organisations"])
_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorPublic, "description": "no or wrong API token"},
    404: {"model": ErrorPublic, "description": "no such change"},
    422: {"model": ErrorPublic, "description": "the change was refused: the message names the field"},
}
OrganisationId = Annotated[int, Path(ge=1, le=MAX_ID, description="the organisation's id")]
ChangeId = Annotated[int, Path(ge=1, le=MAX_ID, description="the change's id")]


def _public(change: RegistryChange) -> RegistryChangePublic:
    return RegistryChangePublic.model_validate(asdict(change))


def _apply(db: DbDep, change: Callable[..., RegistryChange], *args: Any, **kwargs: Any) -> RegistryChangePublic:
    with refusals_as_422(), transaction(db) as conn:
        return _public(change(conn, *args, **kwargs))


@router.get(
    "/organisations",
    response_model=OrganisationsPublic,
    dependencies=[Depends(require_read_token)],
    responses={401: _ERRORS[401]},
)
def read_organisations(
    db: DbDep,
    page: PageDep,
    q: Annotated[str | None, Query(max_length=200, description="part of the name or of another name, any case")] = None,
) -> OrganisationsPublic:
    """Organisations with their other names and document counts, most named first (merged ones are gone)."""
    rows, count = list_organisations(db.conn, q, page.limit, page.offset)
    return OrganisationsPublic(data=[OrganisationPublic(**row) for row in rows], count=count)


# The changes have a path of their own: under /organisations/ their name would read as an organisation's id.
@router.get(
    "/organisation-changes",
    response_model=RegistryChangesPublic,
    dependencies=[Depends(require_read_token)],
    responses={401: _ERRORS[401]},
)
def read_registry_changes(db: DbDep) -> RegistryChangesPublic:
    """The latest 200 changes of the registry, newest first, undone ones included."""
    changes = registry_changes(db.conn)
    return RegistryChangesPublic(data=[_public(c) for c in changes], count=len(changes))


@router.post(
    "/organisations/{organisation_id}/merge",
    response_model=RegistryChangePublic,
    dependencies=[Depends(require_write_token)],
    responses=_ERRORS,
)
def merge(organisation_id: OrganisationId, body: MergeRequest, db: DbDep) -> RegistryChangePublic:
    """Merge the organisation into ``into`` across every document: its parties link there, its name stays as
    another name of it. Undo with ``DELETE /organisation-changes/{id}``."""
    return _apply(db, merge_organisations, organisation_id, body.into, author=body.author, note=body.note)


@router.post(
    "/organisations/{organisation_id}/aliases",
    status_code=201,
    response_model=RegistryChangePublic,
    dependencies=[Depends(require_write_token)],
    responses=_ERRORS,
)
def alias(organisation_id: OrganisationId, body: NameRequest, db: DbDep) -> RegistryChangePublic:
    """Record another name the organisation is known by: the party filter and later extractions use it."""
    return _apply(db, add_alias, organisation_id, body.name, author=body.author, note=body.note)


@router.patch(
    "/organisations/{organisation_id}",
    response_model=RegistryChangePublic,
    dependencies=[Depends(require_write_token)],
    responses=_ERRORS,
)
def rename(organisation_id: OrganisationId, body: NameRequest, db: DbDep) -> RegistryChangePublic:
    """Give the organisation a new canonical name; the old one stays as another name of it."""
    return _apply(db, rename_organisation, organisation_id, body.name, author=body.author, note=body.note)


@router.delete(
    "/organisation-changes/{change_id}",
    response_model=RegistryChangePublic,
    dependencies=[Depends(require_write_token)],
    responses=_ERRORS,
)
def undo(
    change_id: ChangeId,
    db: DbDep,
    author: Annotated[str, Query(max_length=200, description="who undoes it")],
) -> RegistryChangePublic:
    """Undo a change of the registry (a merge, another name, a rename); the history keeps it, marked undone."""
    with refusals_as_422(), transaction(db) as conn:
        change = undo_change(conn, change_id, author=author)
    if change is None:
        raise ApiError(ErrorCode.UNKNOWN_RESOURCE, f"registry change {change_id}")
    return _public(change)
