"""The FastAPI application: settings, database migrated at start, extraction workers, API routes, web page."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from extractor import __version__
from service.api.body_limit import BodyLimit
from service.api.errors import install_error_handlers
from service.api.main import api_router
from service.api.openapi import install_openapi
from service.settings import Settings
from service.store.db import open_database
from service.web import install_web

log = logging.getLogger("patti.api")
MAX_FORM_FIELDS = 50  # text fields in one form: the pages send two, the upload none

DESCRIPTION = """Reads Italian local-welfare documents (pacts, notices, agreements, reports) and serves what they
say: parties, comuni with ISTAT codes, ambiti, deadlines, work areas, commitments, legal references, contacts.

Writes need `Authorization: Bearer TOKEN` (the `PATTI_API_TOKEN`); reads are open unless
`PATTI_READ_TOKEN_REQUIRED` is set. Every error is `{"error": {"code", "message"}}` with a code from the
catalogue shared with the `patti` command."""


def create_app(settings: Settings | None = None, start_workers: bool = True) -> FastAPI:
    """The app for ``settings`` (default: from ``PATTI_*`` variables); workers start with the app's lifespan."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        open_database(settings.db_path).close()  # create or migrate once, before any request
        settings.ensure_api_token()
        app.state.pool = None
        if start_workers and settings.workers > 0:
            from service.worker import WorkerPool  # imported here: the API alone does not load the extractor

            app.state.pool = WorkerPool(settings)
            app.state.pool.start()
        try:
            yield
        finally:
            if app.state.pool is not None:
                app.state.pool.stop()

    app = FastAPI(
        title="patti",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        form_limits={"max_files": settings.max_upload_files, "max_fields": MAX_FORM_FIELDS, "max_part_size": 64 * 1024},
    )
    app.state.settings = settings
    app.state.pool = None
    # Counted on the bytes as they arrive (chunked bodies too), before the multipart parser spools anything.
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    install_error_handlers(app)
    app.include_router(api_router)
    install_openapi(app)
    install_web(app)
    return app
