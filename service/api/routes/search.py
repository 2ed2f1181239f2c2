"""Full-text search over documents and their commitments, any Italian word form, with filters and facets."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from extractor.errors import ErrorCode
from models.api import ErrorPublic, FacetValuePublic, SearchHitPublic, SearchPublic
from service.api.deps import DbDep, FiltersDep, PageDep, require_read_token
from service.api.errors import ApiError
from service.api.paging import AfterDep, cursor_errors
from service.api.shapes import document_public
from service.store.listings import document_rows
from service.store.search import MAX_QUERY_CHARS, InvalidQuery, search_documents

router = APIRouter(tags=["search"], dependencies=[Depends(require_read_token)])


@router.get("/search", response_model=SearchPublic, responses={400: {"model": ErrorPublic}})
def search(
    db: DbDep,
    filters: FiltersDep,
    page: PageDep,
    after: AfterDep = None,
    q: Annotated[
        str | None,
        Query(
            max_length=MAX_QUERY_CHARS,
            description="words to find, in any form ('impegno' finds 'impegnano'); no operators. "
            "Empty: every document matching the filters, newest first.",
            examples=["impegno disabilità"],
        ),
    ] = None,
) -> SearchPublic:
    """Indexed documents containing every word of ``q``, best first, with snippets and facet counts."""
    try:
        with cursor_errors():
            result = search_documents(db, q, filters, page.limit, page.offset, html=True, after=after)
    except InvalidQuery as exc:
        raise ApiError(ErrorCode.INVALID_QUERY, str(exc)) from exc
    documents = {row["id"]: row for row in document_rows(db, [hit.document_id for hit in result.hits])}
    return SearchPublic(
        query=q,
        count=result.count,
        count_exact=result.count_exact,
        data=[
            SearchHitPublic(
                document=document_public(documents[hit.document_id]),
                rank=hit.rank,
                snippet=hit.snippet,
                matched_in=hit.source,  # type: ignore[arg-type]
                commitment_id=hit.item_id,
            )
            for hit in result.hits
            if hit.document_id in documents
        ],
        facets={
            name: [FacetValuePublic(value=v.value, label=v.label, count=v.count) for v in values]
            for name, values in result.facets.items()
        },
        facets_over=result.facets_over,
        next=result.next,
    )
