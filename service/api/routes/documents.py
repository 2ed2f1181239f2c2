"""Documents: upload (queued for extraction), list, read with extraction and text, original file, delete."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

import sqlite_utils
from fastapi import APIRouter, Depends, File, Query, Response, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse

from extractor.errors import ErrorCode, PattiError
from extractor.read.sniff import MEDIA_TYPES, check_declared, sniff, sniff_file
from models.api import (
    DocumentDetail,
    DocumentsPublic,
    DocumentStatus,
    ErrorPublic,
    JobPublic,
    UploadedFile,
    UploadPublic,
)
from service.api.deps import (
    DbDep,
    DocumentId,
    FiltersDep,
    PageDep,
    SettingsDep,
    require_read_token,
    require_write_token,
)
from service.api.errors import ApiError
from service.api.shapes import document_public, job_public
from service.settings import Settings
from service.store.db import connect, transaction
from service.store.documents import delete_document, register_document
from service.store.files import display_name, file_path, store_file
from service.store.jobs import enqueue, get_job, latest_job, queued_count, seconds_until_room
from service.store.listings import DOCUMENT_SORTS, get_document, list_documents
from service.store.reader import load_extraction

router = APIRouter(prefix="/documents", tags=["documents"])
_READ_CHUNK = 1024 * 1024
_ERRORS: dict[int | str, dict[str, Any]] = {401: {"model": ErrorPublic}, 404: {"model": ErrorPublic}}


async def _receive(upload: UploadFile, limit: int) -> bytes:
    """The upload's bytes, refused as soon as more than ``limit`` arrive."""
    chunks: list[bytes] = []
    received = 0
    while chunk := await upload.read(_READ_CHUNK):
        received += len(chunk)
        if received > limit:
            raise ApiError(ErrorCode.TOO_LARGE, f"{display_name(upload.filename)}: more than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _check_queue_room(db: sqlite_utils.Database, settings: Settings, jobs: int) -> None:
    """Refuse work the workers cannot get to: 429 with a Retry-After when ``jobs`` more would overfill the queue.

    Requests checked at the same moment may together pass the limit by their own files; the limit is a brake on
    floods, not an exact quota.
    """
    queued = queued_count(db)
    if queued + jobs > settings.max_queued_jobs:
        wait = seconds_until_room(db, queued + jobs - settings.max_queued_jobs, settings.workers)
        raise ApiError(
            ErrorCode.QUEUE_FULL,
            f"{queued} documents waiting, at most {settings.max_queued_jobs}",
            headers={"Retry-After": str(wait)},
        )


def _queue_room(settings: Settings, jobs: int) -> None:
    db = connect(settings.db_path)
    try:
        _check_queue_room(db, settings, jobs)
    finally:
        db.close()


def _register(settings: Settings, stored: list[tuple[str, str, int]]) -> list[UploadedFile]:
    db = connect(settings.db_path)
    # The 202 promises the document is kept: its registration is synced to disk at commit, power loss included.
    db.execute("PRAGMA synchronous = FULL")
    try:
        results = []
        for name, sha256, size in stored:
            reg = register_document(db, sha256, name, size)
            results.append(
                UploadedFile(
                    file_name=name,
                    sha256=sha256,
                    size=size,
                    document_id=reg.joined or reg.document_id,
                    job_id=reg.job_id,
                    status=reg.status,  # type: ignore[arg-type]
                    duplicate=reg.duplicate,
                    duplicate_of=reg.joined,
                )
            )
        return results
    finally:
        db.close()


@router.post(
    "",
    status_code=202,
    response_model=UploadPublic,
    dependencies=[Depends(require_write_token)],
    responses={
        400: {"model": ErrorPublic, "description": "an empty file"},
        401: {"model": ErrorPublic, "description": "no or wrong API token"},
        413: {"model": ErrorPublic, "description": "a file too large, or too many files"},
        415: {"model": ErrorPublic, "description": "a file whose content is not a format patti reads"},
        429: {"model": ErrorPublic, "description": "the queue is full: retry after the Retry-After seconds"},
    },
)
async def upload_documents(
    settings: SettingsDep,
    files: Annotated[list[UploadFile], File(description="PDF or text files; the file name is only displayed")],
) -> UploadPublic:
    """Queue each file for extraction. The same bytes uploaded again give the existing document.

    Every file is checked (size as received, content sniffed, not empty) before any is queued: a refused
    request queues nothing. Follow each ``job_id`` at ``/jobs/{id}``.
    """
    # The app's form limits already refused more than max_upload_files files, and the body limit anything larger
    # than they can add up to, while they arrived (see create_app).
    await run_in_threadpool(_queue_room, settings, len(files))
    stored: list[tuple[str, str, int]] = []
    for upload in files:
        name = display_name(upload.filename)
        content = await _receive(upload, settings.max_upload_bytes)
        if not content.strip():
            raise ApiError(ErrorCode.EMPTY, name)
        try:  # by content; a name or declared type that says otherwise is type spoofing
            check_declared(sniff(content), name, upload.content_type)
        except PattiError as exc:
            raise ApiError(exc.code, f"{name}: {exc.detail}") from exc
        sha256, _path = await run_in_threadpool(store_file, settings.data_dir, content)
        stored.append((name, sha256, len(content)))
    return UploadPublic(data=await run_in_threadpool(_register, settings, stored))


@router.get(
    "", response_model=DocumentsPublic, dependencies=[Depends(require_read_token)], responses={401: _ERRORS[401]}
)
def read_documents(
    db: DbDep,
    filters: FiltersDep,
    page: PageDep,
    status: Annotated[list[DocumentStatus] | None, Query(description="only documents in these states")] = None,
    sort: Annotated[str, Query(pattern="^(" + "|".join(DOCUMENT_SORTS) + ")$", description="order")] = "-date",
) -> DocumentsPublic:
    """Documents of any status (or those given), filtered, newest first by default."""
    rows, count = list_documents(db, replace(filters, statuses=tuple(status or ())), sort, page.limit, page.offset)
    return DocumentsPublic(data=[document_public(row) for row in rows], count=count)


@router.get(
    "/{document_id}",
    response_model=DocumentDetail,
    dependencies=[Depends(require_read_token)],
    responses=_ERRORS,
)
def read_document(document_id: DocumentId, db: DbDep) -> DocumentDetail:
    """A document with its extraction (items with ``spans`` into ``text`` and ``page``), text and latest job.

    The id of a file whose content joined another document gives that document (its ``id`` says which).
    """
    row = get_document(db, document_id)  # the id of another file gives the document it joined
    if row is None:
        raise ApiError(ErrorCode.UNKNOWN_RESOURCE, f"document {document_id}")
    document_id = row["id"]
    extraction = load_extraction(db, document_id) if row["status"] == "indexed" else None
    text = extraction.text if extraction else None
    job = latest_job(db, document_id)
    public = document_public(row)
    return DocumentDetail(
        **public.model_dump(),
        page_starts=row["page_starts"],
        extraction=extraction.model_copy(update={"text": None}) if extraction else None,
        text=text,
        job=job_public(job) if job else None,
    )


@router.get(
    "/{document_id}/file",
    response_class=FileResponse,
    dependencies=[Depends(require_read_token)],
    responses={200: {"content": {media: {} for media in MEDIA_TYPES.values()}}, **_ERRORS},
)
def read_document_file(document_id: DocumentId, db: DbDep, settings: SettingsDep) -> FileResponse:
    """The original bytes as uploaded, as an attachment under its display name."""
    row = db.execute("SELECT sha256, file_name FROM documents WHERE id = ?", [document_id]).fetchone()
    if row is None:
        raise ApiError(ErrorCode.UNKNOWN_RESOURCE, f"document {document_id}")
    path = file_path(settings.data_dir, row[0])
    if not path.is_file():
        raise ApiError(ErrorCode.NOT_FOUND, f"the original of document {document_id} is not kept")
    media_type = MEDIA_TYPES.get(sniff_file(path), "application/octet-stream")
    return FileResponse(path, media_type=media_type, filename=row[1])


@router.delete("/{document_id}", status_code=204, dependencies=[Depends(require_write_token)], responses=_ERRORS)
def remove_document(document_id: DocumentId, db: DbDep, settings: SettingsDep) -> Response:
    """Delete a document, everything extracted from it, its jobs and its original file."""
    if not delete_document(db, settings.data_dir, document_id):
        raise ApiError(ErrorCode.UNKNOWN_RESOURCE, f"document {document_id}")
    return Response(status_code=204)


@router.post(
    "/{document_id}/reindex",
    status_code=202,
    response_model=JobPublic,
    dependencies=[Depends(require_write_token)],
    responses={**_ERRORS, 429: {"model": ErrorPublic, "description": "the queue is full"}},
)
def reindex_document(document_id: DocumentId, db: DbDep, settings: SettingsDep) -> JobPublic:
    """Extract the document again (after a failure, or with a newer extractor); returns its job."""
    _check_queue_room(db, settings, 1)
    with transaction(db) as conn:
        if conn.execute("SELECT 1 FROM documents WHERE id = ?", [document_id]).fetchone() is None:
            raise ApiError(ErrorCode.UNKNOWN_RESOURCE, f"document {document_id}")
        job_id = enqueue(conn, document_id, kind="reindex")
    job = get_job(db, job_id)
    assert job is not None
    return job_public(job)
