"""Commitments across documents and ambiti, filtered, sorted, paginated; also as CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from extractor.errors import ErrorCode
from models.api import CommitmentsPublic, ErrorPublic
from service.api.deps import MAX_OFFSET, DbDep, FiltersDep, PageDep, require_read_token
from service.api.errors import ApiError
from service.api.paging import AfterDep, cursor_errors
from service.api.shapes import commitment_public
from service.store.filters import Filters
from service.store.listings import COMMITMENT_SORTS, ItemPage, commitments_page
from service.store.search import MAX_QUERY_CHARS, InvalidQuery

router = APIRouter(prefix="/commitments", tags=["commitments"], dependencies=[Depends(require_read_token)])

QueryDep = Annotated[
    str | None,
    Query(max_length=MAX_QUERY_CHARS, description="words the commitment contains, any form", examples=["impegno"]),
]
SortDep = Annotated[
    str, Query(pattern="^(" + "|".join(COMMITMENT_SORTS) + ")$", description="date, -date, document or category")
]
CSV_COLUMNS = ("id", "document_id", "title", "file_name", "doc_type", "date", "ambiti", "actor", "category",
               "text", "page", "spans")  # fmt: skip
_CSV_PAGE = 1000


def _drain(buffer: io.StringIO) -> str:
    """What was written to ``buffer`` since the last drain; the buffer is emptied."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def _page(
    db: Any, filters: Filters, q: str | None, sort: str, limit: int, offset: int, after: str | None = None
) -> ItemPage:
    try:
        with cursor_errors():
            return commitments_page(db, filters, q, sort, limit, offset, after)
    except InvalidQuery as exc:
        raise ApiError(ErrorCode.INVALID_QUERY, str(exc)) from exc


@router.get("", response_model=CommitmentsPublic, responses={400: {"model": ErrorPublic}})
def read_commitments(
    db: DbDep, filters: FiltersDep, page: PageDep, q: QueryDep = None, sort: SortDep = "-date", after: AfterDep = None
) -> CommitmentsPublic:
    """Commitments of indexed documents; ``category`` filters on the commitment's own category."""
    found = _page(db, filters, q, sort, page.limit, page.offset, after)
    return CommitmentsPublic(
        data=[commitment_public(row) for row in found.rows],
        count=found.count,
        count_exact=found.count_exact,
        next=found.next,
    )


@router.get(
    ".csv",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}}, 400: {"model": ErrorPublic}},
)
def read_commitments_csv(
    db: DbDep,
    filters: FiltersDep,
    q: QueryDep = None,
    sort: SortDep = "-date",
    limit: Annotated[int, Query(ge=1, le=MAX_OFFSET, description="at most this many rows")] = 100_000,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> StreamingResponse:
    """The same commitments as CSV (UTF-8 with BOM, so spreadsheets read the accents), for download."""
    first = _page(db, filters, q, sort, min(limit, _CSV_PAGE), offset).rows  # errors before streaming

    def rows() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        yield "\ufeff" + _drain(buffer)
        page, done = first, 0
        while page:
            for row in page:
                out = {**row, "ambiti": "; ".join(row["ambiti"]), "spans": json.dumps(row["spans"])}
                writer.writerow([out[c] for c in CSV_COLUMNS])
            done += len(page)
            yield _drain(buffer)
            if done >= limit or len(page) < _CSV_PAGE:
                break
            page = commitments_page(db, filters, q, sort, min(_CSV_PAGE, limit - done), offset + done).rows

    return StreamingResponse(
        rows(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="patti-commitments.csv"'},
    )
