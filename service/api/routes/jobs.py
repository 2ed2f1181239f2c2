"""Extraction jobs: follow an upload until its document is indexed or failed."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from extractor.errors import ErrorCode
from models.api import ErrorPublic, JobPublic
from service.api.deps import DbDep, JobId, require_read_token
from service.api.errors import ApiError
from service.api.shapes import job_public
from service.store.jobs import get_job

router = APIRouter(prefix="/jobs", tags=["jobs"], dependencies=[Depends(require_read_token)])


@router.get("/{job_id}", response_model=JobPublic, responses={404: {"model": ErrorPublic}})
def read_job(job_id: JobId, db: DbDep) -> JobPublic:
    """One job: ``queued``, ``running``, ``done`` or ``failed`` (with the error code and message)."""
    job = get_job(db, job_id)
    if job is None:
        raise ApiError(ErrorCode.UNKNOWN_RESOURCE, f"job {job_id}")
    return job_public(job)
