"""The web page: search, documents, one document, upload, commitments, deadlines, sign-in. Italian, server-rendered.

Handlers only read the store and fill templates; uploads and retries go through the JSON API from the page's
script, with the token the reader types in.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from extractor.errors import ErrorCode
from service.api.deps import MAX_ID, TOKEN_COOKIE, DbDep, SettingsDep
from service.store.corrections import document_corrections
from service.store.deadlines import deadlines_page as stored_deadlines
from service.store.deadlines import feed_state, select_deadlines
from service.store.facets import FacetValue
from service.store.filters import Filters
from service.store.jobs import latest_job
from service.store.listings import (
    COMMITMENT_SORTS,
    DOCUMENT_SORTS,
    document_rows,
    get_document,
    list_ambiti,
    list_documents,
)
from service.store.listings import commitments_page as stored_commitments
from service.store.organisations import list_organisations, registry_changes
from service.store.reader import load_extraction
from service.store.search import InvalidQuery, search_documents
from service.web import month as months
from service.web.access import require_reader, safe_next, token_matches
from service.web.editing import editor_fields, history, registry_history
from service.web.labels import label
from service.web.params import DATE_KINDS, BadParameter, PageRequest, kinds, read_request
from service.web.render import error_page, ocr_pages, render
from service.web.sections import sections, text_pages
from service.web.urls import Params, query, with_offset, with_value, without_value
from service.web.versions import changes

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_reader)])
public_router = APIRouter(include_in_schema=False)  # sign-in must be reachable without signing in

PAGE_SIZE = 20
TABLE_SIZE = 50
UPCOMING_SIZE = 100
SUGGESTIONS = 5  # searches offered on a first visit
_ROME = ZoneInfo("Europe/Rome")
# Facet name -> the query parameter that filters on it and the labels table of its values.
_FACET_PARAMS = {
    "doc_type": ("doc_type", "doc_type"),
    "ambito": ("ambito", None),
    "comune": ("comune", None),
    "party": ("party", None),
    "category": ("category", "category"),
    "year": ("year", None),
}
_FILTER_NAMES = {
    "doc_type": "Tipo",
    "ambito": "Ambito",
    "comune": "Comune",
    "party": "Soggetto",
    "category": "Area",
    "year": "Anno",
    "date_from": "Dal",
    "date_to": "Al",
    "status": "Stato",
    "kind": "Tipo di data",
}
_FILTER_LABELS = {"doc_type": "doc_type", "category": "category", "status": "status", "kind": "date_kind"}


def _facets(params: Params, facets: dict[str, list[FacetValue]]) -> list[dict[str, Any]]:
    """Facets as the page shows them: each value with its count, whether it is chosen, and the link that toggles it."""
    shown = []
    for name, values in facets.items():
        param, labels_table = _FACET_PARAMS[name]
        entries = []
        for value in values:
            text = str(value.value)
            chosen = (param, text) in params
            entries.append(
                {
                    "label": label(labels_table, value.label) if labels_table else value.label,
                    "count": value.count,
                    "chosen": chosen,
                    "href": (without_value if chosen else with_value)(params, param, text) or "?",
                }
            )
        shown.append({"name": name, "title": label("facet", name), "values": entries})
    return shown


def _chosen_filters(db: Any, params: Params) -> list[dict[str, str]]:
    """The filters in force, each with a link that removes it."""
    chosen = []
    for name, value in params:
        if name not in _FILTER_NAMES:
            continue
        shown = label(_FILTER_LABELS[name], value) if name in _FILTER_LABELS else value
        if name == "comune" and value.isdigit():
            row = db.execute("SELECT name FROM comuni WHERE istat = ?", [value]).fetchone()
            shown = row[0] if row else value
        chosen.append({"name": _FILTER_NAMES[name], "value": shown, "href": without_value(params, name, value) or "?"})
    return chosen


def _pager(
    params: Params, offset: int, size: int, shown: int, total: int, more: bool, exact: bool = True, ends: bool = True
) -> dict[str, Any]:
    """Where a page of ``shown`` rows is in its results, with links to the pages around it (``more``: there are
    rows after this page). ``exact`` False: ``total`` is a lower bound (``service.store.counts``); when the pages
    go on to the last match (``ends``), the last page tells the total."""
    if not exact and not more and ends:
        total, exact = offset + shown, True
    return {
        "first": offset + 1 if shown else 0,
        "last": offset + shown,
        "total": total,
        "exact": exact,
        "previous": with_offset(params, max(0, offset - size)) or "?" if offset else None,
        "next": with_offset(params, offset + size) if more else None,
    }


def _bad_request(request: Request, template: str, context: dict[str, Any], exc: Exception) -> HTMLResponse:
    message = str(exc) if isinstance(exc, BadParameter) else f"La ricerca non si può eseguire: {exc}"
    return render(request, template, {**context, "error": message}, status=400)


def _options(db: Any) -> dict[str, Any]:
    """Values offered by the filter forms."""
    ambiti, _ = list_ambiti(db, limit=500)
    return {"ambiti": [row["name"] for row in ambiti]}


def _commitment_anchors(db: Any, ids: list[int]) -> dict[int, str]:
    """Commitment id -> its row's anchor on the document page (``commitments-<position>``)."""
    if not ids:
        return {}
    rows = db.execute(f"SELECT id, position FROM commitments WHERE id IN ({', '.join('?' for _ in ids)})", ids)
    return {item_id: f"commitments-{position}" for item_id, position in rows}


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, db: DbDep) -> HTMLResponse:
    """One box, marked snippets, facets that narrow the results."""
    context: dict[str, Any] = {
        "active": "/",
        "q": request.query_params.get("q", ""),
        "hits": [],
        "facets": [],
        "facets_over": None,
        "ranked_newest": None,
        "kept": [],
        "overview": None,
        "suggestions": [],
    }
    try:
        asked = read_request(db, request.query_params)
        result = search_documents(db, asked.q, asked.filters, PAGE_SIZE, asked.offset, html=True, with_facets=True)
    except (BadParameter, InvalidQuery) as exc:
        return _bad_request(request, "search.html", {**context, "chosen": [], "paging": None}, exc)
    documents = {row["id"]: row for row in document_rows(db, [hit.document_id for hit in result.hits])}
    anchors = _commitment_anchors(db, [hit.item_id for hit in result.hits if hit.item_id is not None])
    context.update(
        hits=[
            {"hit": hit, "document": documents[hit.document_id], "anchor": anchors.get(hit.item_id or 0)}
            for hit in result.hits
            if hit.document_id in documents
        ],
        kept=[(n, v) for n, v in asked.params if n not in ("q", "offset")],
        facets=_facets(asked.params, result.facets),
        # At region scale the facets count the best results only: the page says how many.
        facets_over=result.facets_over if result.facets_over < result.count else None,
        chosen=_chosen_filters(db, asked.params),
        paging=_pager(
            asked.params,
            asked.offset,
            PAGE_SIZE,
            len(result.hits),
            result.count,
            result.next is not None,
            result.count_exact,
            ends=result.ranked_passages is None,  # else the documents of the newest passages only are listed
        ),
        # A word in more passages than are ranked: the page says the results are the best of the newest.
        ranked_newest=result.ranked_passages,
    )
    if not asked.params:
        # A first visit: what the store holds, and a few searches to start from (its most common areas).
        context["overview"] = _overview(db)
        areas: list[dict[str, Any]] = next((f["values"] for f in context["facets"] if f["name"] == "category"), [])
        context["suggestions"] = [{"label": v["label"], "href": v["href"]} for v in areas[:SUGGESTIONS]]
    return render(request, "search.html", context)


def _overview(db: Any) -> dict[str, int]:
    """What the store holds, each document once: indexed documents, commitments, dated items from today on."""
    everything = Filters()
    return {
        "documents": list_documents(db, replace(everything, statuses=("indexed",)), limit=0)[1],
        "commitments": stored_commitments(db, everything, limit=0, count_every=True).count,
        "upcoming": feed_state(db, *select_deadlines(everything, upcoming=True))[0],
    }


@router.get("/documenti", response_class=HTMLResponse)
def documents_page(request: Request, db: DbDep) -> HTMLResponse:
    """Every document with its type, date, ambiti and status; failed ones with the reason and a retry button."""
    sort = request.query_params.get("sort") or "-date"
    context: dict[str, Any] = {"active": "/documenti", "documents": [], "sort": sort, **_options(db)}
    try:
        if sort not in DOCUMENT_SORTS:
            raise BadParameter(f"ordinamento sconosciuto: «{sort[:50]}»")
        asked = read_request(db, request.query_params, statuses=True)
        if not request.query_params.getlist("status"):
            asked = replace(asked, filters=replace(asked.filters, statuses=()))
        rows, total = list_documents(db, asked.filters, sort, TABLE_SIZE, asked.offset)
    except BadParameter as exc:
        return _bad_request(request, "documents.html", {**context, "asked": None, "paging": None}, exc)
    paging = _pager(asked.params, asked.offset, TABLE_SIZE, len(rows), total, asked.offset + len(rows) < total)
    context.update(documents=rows, asked=asked.params, paging=paging)
    return render(request, "documents.html", context)


@router.get("/documenti/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, db: DbDep, document_id: str) -> HTMLResponse:
    """The extracted fields as tables beside the text; each item links to its place in the text."""
    if not document_id.isdigit() or not 1 <= int(document_id) <= MAX_ID:
        return error_page(request, 404, f"Nessun documento con il numero «{document_id[:40]}».")
    row = get_document(db, int(document_id))  # the number of another file gives the document it joined
    if row is None:
        return error_page(request, 404, f"Nessun documento con il numero {document_id}.")
    extraction = load_extraction(db, row["id"]) if row["status"] == "indexed" else None
    previous = load_extraction(db, row["previous_version"]) if row["previous_version"] else None
    return render(
        request,
        "document.html",
        {
            "active": "/documenti",
            "document": row,
            "job": latest_job(db, row["id"]),
            "sections": sections(extraction, _poor_pages(row)) if extraction else [],
            "pages": text_pages(extraction.text or "", row["page_starts"]) if extraction else [],
            "changes": changes(previous, extraction) if previous and extraction else None,
            "history": history(document_corrections(db.conn, row["id"])),
            "editor_fields": editor_fields(),
        },
    )


def _poor_pages(row: dict[str, Any]) -> frozenset[int]:
    """The pages of a document that OCR read with low confidence: what was extracted there needs checking."""
    return frozenset(page for page, _, poor in ocr_pages(row["ocr_pages"], row["ocr_confidence"]) if poor)


@router.get("/organizzazioni", response_class=HTMLResponse)
def organisations_page(request: Request, db: DbDep) -> HTMLResponse:
    """The organisations registry: names, other names, documents; merge, alias, rename and undo for staff."""
    q = (request.query_params.get("q") or "").strip()[:200]
    rows, total = list_organisations(db.conn, q or None, TABLE_SIZE, 0)
    changes = registry_changes(db.conn, limit=TABLE_SIZE)
    ids = {c.into_id for c in changes if c.into_id} | {c.organisation_id for c in changes}
    names = dict(
        db.execute(
            "SELECT id, name FROM organisations WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(sorted(ids))]
        )
    )
    return render(
        request,
        "organisations.html",
        {
            "active": "/organizzazioni",
            "q": q,
            "organisations": rows,
            "total": total,
            "changes": registry_history(changes, names),
        },
    )


@router.get("/carica", response_class=HTMLResponse)
def upload_page(request: Request, settings: SettingsDep) -> HTMLResponse:
    """Drop or choose files; each one's job is followed until indexed or failed."""
    return render(
        request,
        "upload.html",
        {
            "active": "/carica",
            "max_files": settings.max_upload_files,
            "max_megabytes": round(settings.max_upload_bytes / 1_048_576, 1),
            "max_bytes": settings.max_upload_bytes,
        },
    )


@router.get("/impegni", response_class=HTMLResponse)
def commitments_page(request: Request, db: DbDep) -> HTMLResponse:
    """Commitments across documents and ambiti, with the search filters and a CSV of the same selection."""
    sort = request.query_params.get("sort") or "-date"
    context: dict[str, Any] = {"active": "/impegni", "rows": [], "sort": sort, **_options(db)}
    try:
        if sort not in COMMITMENT_SORTS:
            raise BadParameter(f"ordinamento sconosciuto: «{sort[:50]}»")
        asked = read_request(db, request.query_params)
        page = stored_commitments(db, asked.filters, asked.q, sort, TABLE_SIZE, asked.offset)
    except (BadParameter, InvalidQuery) as exc:
        return _bad_request(request, "commitments.html", {**context, "asked": None, "paging": None, "csv": None}, exc)
    context.update(
        rows=page.rows,
        asked=asked.params,
        q=asked.q or "",
        chosen=_chosen_filters(db, asked.params),
        paging=_pager(
            asked.params, asked.offset, TABLE_SIZE, len(page.rows), page.count, page.next is not None, page.count_exact
        ),
        csv="/commitments.csv" + query(asked.params, drop=("offset",)),
    )
    return render(request, "commitments.html", context)


def _deadlines(db: Any, asked: PageRequest, item_kinds: tuple[str, ...], month: months.Month | None) -> list[dict]:
    if month is None:
        filters, items = select_deadlines(asked.filters, item_kinds, upcoming=True)
        return stored_deadlines(db, filters, items, limit=UPCOMING_SIZE).rows
    bounded = replace(asked.filters, date_from=month.first, date_to=month.last)
    filters, items = select_deadlines(bounded, item_kinds)
    return stored_deadlines(db, filters, items).rows


def _recent_past(db: Any, asked: PageRequest, item_kinds: tuple[str, ...]) -> list[dict]:
    """The most recent dated items before today, newest first, for the same filters."""
    filters, items = select_deadlines(asked.filters, item_kinds)
    yesterday = datetime.now(_ROME).date() - timedelta(days=1)
    items = replace(items, date_to=min(items.date_to, yesterday) if items.date_to else yesterday)
    return stored_deadlines(db, filters, items, limit=UPCOMING_SIZE, newest_first=True).rows


def _feed_url(request: Request, public_url: str | None, params: Params) -> str:
    base = (public_url or str(request.base_url)).rstrip("/")
    return base + "/deadlines.ics" + query(params, drop=("offset", "vista", "mese"))


@router.get("/scadenze", response_class=HTMLResponse)
def deadlines_page(request: Request, db: DbDep, settings: SettingsDep) -> HTMLResponse:
    """Upcoming dated items, or one month as a calendar; the feed address for the same filters."""
    today = datetime.now(_ROME).date()
    view = request.query_params.get("vista") or "prossime"
    context: dict[str, Any] = {
        "active": "/scadenze",
        "past": [],
        "view": view,
        "today": today,
        "kinds": DATE_KINDS,
        "weekdays": months.WEEKDAYS,
        "items": [],
        "weeks": [],
        "month": None,
        **_options(db),
    }
    try:
        if view not in ("prossime", "mese"):
            raise BadParameter(f"vista sconosciuta: «{view[:30]}» (prossime o mese)")
        asked = read_request(db, request.query_params)
        item_kinds = kinds(request.query_params)
        month = months.Month.parse(request.query_params.get("mese"), today) if view == "mese" else None
        if month is not None and (asked.filters.date_from or asked.filters.date_to):
            raise BadParameter("nella vista per mese le date si scelgono con il mese")
    except (BadParameter, ValueError) as exc:
        error = BadParameter(str(exc))
        return _bad_request(request, "deadlines.html", {**context, "asked": [], "feed": None, "chosen": []}, error)
    items = _deadlines(db, asked, item_kinds, month)
    # Nothing ahead: the latest dates already past, under a heading that says so, rather than an empty page.
    past = _recent_past(db, asked, item_kinds) if month is None and not items else []
    others = [(n, v) for n, v in asked.params if n not in ("vista", "mese")]

    def month_href(shown: months.Month) -> str:
        return query([*others, ("vista", "mese"), ("mese", shown.key)])

    feed = _feed_url(request, settings.public_url, asked.params)
    context.update(
        asked=asked.params,
        chosen=_chosen_filters(db, asked.params),
        items=items,
        past=past,
        month=month,
        weeks=months.weeks(month, items) if month else [],
        feed=feed,
        webcal="webcal://" + feed.split("://", 1)[1],
        list_href=query(others) or "?",
        month_href=month_href,
        month_view_href=month_href(month or months.Month(today.year, today.month)),
    )
    return render(request, "deadlines.html", context)


@public_router.get("/accesso", response_class=HTMLResponse)
def sign_in_page(request: Request, next: str | None = None) -> HTMLResponse:
    """Ask for the token when reading needs one."""
    return render(request, "signin.html", {"active": "", "next": safe_next(next), "error": None})


@public_router.post("/accesso", response_class=HTMLResponse)
def sign_in(
    request: Request,
    settings: SettingsDep,
    token: Annotated[str, Form(max_length=500)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    """Check the token and keep it in a cookie for the pages and their links."""
    if not token_matches(settings, token):
        context = {"active": "", "next": safe_next(next), "error": label("error", ErrorCode.UNAUTHORIZED.value)}
        return render(request, "signin.html", context, status=401)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        TOKEN_COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https", path="/"
    )
    return response


@public_router.get("/esci")
def sign_out() -> Response:
    """Forget the token cookie."""
    response = RedirectResponse("/accesso", status_code=303)
    response.delete_cookie(TOKEN_COOKIE, path="/")
    return response
