"""Dependencies shared by the routes, as ``Annotated`` aliases: settings, database, token checks, filters, paging."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date
from typing import Annotated

import sqlite_utils
from fastapi import Depends, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from extractor.errors import ErrorCode
from models.extraction import DocType
from service.api.errors import ApiError
from service.settings import Settings
from service.store.db import connect
from service.store.filters import Filters, InvalidFilter, resolve_comuni

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000
MAX_ID = 2**63 - 1  # SQLite's largest integer: a bigger id cannot exist, and would overflow the driver


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_db(settings: SettingsDep) -> Iterator[sqlite_utils.Database]:
    """One connection per request: SQLite connections are not shared between the server's threads."""
    db = connect(settings.db_path)
    try:
        yield db
    finally:
        db.close()


DbDep = Annotated[sqlite_utils.Database, Depends(get_db)]

_bearer = HTTPBearer(auto_error=False, description="the API token (see PATTI_API_TOKEN)")


def _check_token(settings: Settings, credentials: HTTPAuthorizationCredentials | None) -> None:
    expected = settings.api_token.get_secret_value() if settings.api_token else None
    given = credentials.credentials if credentials else ""
    # compare_digest: the time taken does not tell how much of a guessed token was right.
    if not expected or not secrets.compare_digest(given.encode(), expected.encode()):
        raise ApiError(ErrorCode.UNAUTHORIZED, headers={"WWW-Authenticate": "Bearer"})


def require_write_token(
    settings: SettingsDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    """Writes always need the token."""
    _check_token(settings, credentials)


TOKEN_COOKIE = "patti_token"


def require_read_token(
    request: Request,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Reads need the token only when ``PATTI_READ_TOKEN_REQUIRED`` is set.

    The web page's sign-in cookie also counts, so that its links (original file, CSV, feed) open in the
    browser; writes never accept the cookie, so a page elsewhere cannot make the browser write.
    """
    if not settings.read_token_required:
        return
    cookie = request.cookies.get(TOKEN_COOKIE)
    if credentials is None and cookie:
        credentials = HTTPAuthorizationCredentials(scheme="Bearer", credentials=cookie)
    _check_token(settings, credentials)


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int


def get_page(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="rows per page")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")] = 0,
) -> Page:
    return Page(limit, offset)


PageDep = Annotated[Page, Depends(get_page)]


def get_filters(
    db: DbDep,
    doc_type: Annotated[list[DocType] | None, Query(description="document type; repeat for any of several")] = None,
    ambito: Annotated[list[str] | None, Query(description="ambito name as listed by /ambiti (any case)")] = None,
    comune: Annotated[
        list[str] | None, Query(description="six-digit ISTAT code, or a comune name (typos tolerated)")
    ] = None,
    party: Annotated[list[str] | None, Query(description="canonical organisation name as listed by /parties")] = None,
    category: Annotated[list[str] | None, Query(description="work-area category")] = None,
    year: Annotated[
        list[Annotated[int, Query(ge=MINYEAR, le=MAXYEAR)]] | None, Query(description="year of the document's date")
    ] = None,
    date_from: Annotated[date | None, Query(description="document date on or after (YYYY-MM-DD)")] = None,
    date_to: Annotated[date | None, Query(description="document date on or before (YYYY-MM-DD)")] = None,
) -> Filters:
    """Filters from query parameters: values of one parameter are alternatives, different parameters all apply."""
    try:
        return Filters(
            doc_types=tuple(doc_type or ()),
            ambiti=tuple(ambito or ()),
            comuni=resolve_comuni(db, comune or ()),
            parties=tuple(party or ()),
            categories=tuple(category or ()),
            years=tuple(year or ()),
            date_from=date_from,
            date_to=date_to,
        )
    except InvalidFilter as exc:
        raise ApiError(ErrorCode.INVALID_PARAMETER, str(exc)) from exc


FiltersDep = Annotated[Filters, Depends(get_filters)]
DocumentId = Annotated[int, Path(ge=1, le=MAX_ID, description="the document's id")]
JobId = Annotated[int, Path(ge=1, le=MAX_ID, description="the job's id")]
