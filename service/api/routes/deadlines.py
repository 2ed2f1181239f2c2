"""The deadline feed: dated items as JSON and as an iCalendar subscription, with the same filters."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query, Request, Response

from extractor import __version__
from models.api import DeadlinePublic, DeadlinesPublic, ErrorPublic
from models.extraction import DateKind
from service.api.deps import MAX_ID, DbDep, FiltersDep, PageDep, SettingsDep, require_read_token
from service.api.paging import AfterDep, cursor_errors
from service.api.shapes import document_ref
from service.feed.deadlines import events, item_uid, stored_time, summary
from service.feed.ical import render_calendar
from service.store.deadlines import DeadlineFilters, deadlines_page, feed_rows, feed_state, select_deadlines
from service.store.filters import Filters

router = APIRouter(prefix="/deadlines", tags=["deadlines"], dependencies=[Depends(require_read_token)])
_ROME = ZoneInfo("Europe/Rome")
_ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": ErrorPublic}}


def deadline_filters(
    filters: FiltersDep,
    kind: Annotated[list[DateKind] | None, Query(description="scadenza, evento, firma or altro")] = None,
    document: Annotated[list[Annotated[int, Query(ge=1, le=MAX_ID)]] | None, Query(description="document ids")] = None,
    upcoming: Annotated[bool, Query(description="only items from today (Europe/Rome) on")] = False,
) -> tuple[Filters, DeadlineFilters]:
    """Document filters, and item filters: for deadlines ``date_from``/``date_to`` bound the item's own date."""
    return select_deadlines(filters, kind or (), document or (), upcoming)


DeadlineFiltersDep = Annotated[tuple[Filters, DeadlineFilters], Depends(deadline_filters)]


def _document_url(request: Request, public_url: str | None) -> str:
    base = (public_url or str(request.base_url)).rstrip("/")
    return base + "/documents/{id}"


@router.get("", response_model=DeadlinesPublic, responses=_ERRORS)
def read_deadlines(db: DbDep, selected: DeadlineFiltersDep, page: PageDep, after: AfterDep = None) -> DeadlinesPublic:
    """Dated items of indexed documents by date, each with its document and its place in the text."""
    with cursor_errors():
        found = deadlines_page(db, *selected, limit=page.limit, offset=page.offset, after=after)
    return DeadlinesPublic(
        data=[
            DeadlinePublic(
                **{k: row[k] for k in ("id", "date", "time", "kind", "text", "place", "what", "spans", "page")},
                uid=item_uid(row),
                summary=summary(row),
                document=document_ref(row),
            )
            for row in found.rows
        ],
        count=found.count,
        count_exact=found.count_exact,
        next=found.next,
    )


def _not_modified(request: Request, etag: str, last_modified: datetime | None) -> bool:
    if (given := request.headers.get("if-none-match")) is not None:
        return etag in {tag.strip() for tag in given.split(",")} or given.strip() == "*"
    since = request.headers.get("if-modified-since")
    if since and last_modified:
        try:
            return last_modified.replace(microsecond=0) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


@router.get(
    ".ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}, 304: {"description": "unchanged since the client's copy"}},
)
def read_deadlines_ics(request: Request, db: DbDep, settings: SettingsDep, selected: DeadlineFiltersDep) -> Response:
    """The same items as an RFC 5545 calendar to subscribe to, with reminders; answers 304 when unchanged."""
    count, latest = feed_state(db, *selected)
    last_modified = stored_time(latest) if latest else None
    # The answer depends on the query, the matching rows' state, the reminders and the code that renders it.
    fingerprint = "|".join(
        [
            str(request.query_params),
            str(count),
            latest or "",
            settings.feed_alarms,
            __version__,
            datetime.now(_ROME).date().isoformat(),  # "upcoming" moves at midnight
        ]
    )
    etag = '"' + hashlib.sha256(fingerprint.encode()).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "max-age=300"}
    if last_modified:
        headers["Last-Modified"] = format_datetime(last_modified, usegmt=True)
    if _not_modified(request, etag, last_modified):
        return Response(status_code=304, headers=headers)
    body = render_calendar(
        events(feed_rows(db, *selected), _document_url(request, settings.public_url), settings.alarms()),
        name="patti — scadenze",
        description="Scadenze ed eventi dei documenti indicizzati da patti",
        dtstamp=last_modified or datetime.now(UTC),
    )
    return Response(body, media_type="text/calendar; charset=utf-8", headers=headers)
