"""Liveness and the state of the database and the queue."""

from __future__ import annotations

from fastapi import APIRouter, Request

from extractor import __version__
from models.api import HealthPublic
from service.api.deps import DbDep
from service.store.db import schema_version
from service.store.jobs import queue_counts
from service.store.listings import document_counts

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthPublic)
def health(db: DbDep, request: Request) -> HealthPublic:
    """Answers when the server and its database work; always open, no token needed."""
    documents, files = document_counts(db)
    pool = request.app.state.pool
    return HealthPublic(
        status="ok",
        version=__version__,
        schema_version=schema_version(db),
        documents=documents,
        files=files,
        jobs=queue_counts(db),
        workers=pool.alive() if pool is not None else 0,
    )
