"""The FastAPI application: settings, database migrated at start, extraction workers, API routes, web page."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from extractor import __version__
from service.api.errors import install_error_handlers
from service.api.main import api_router
from service.settings import Settings
from service.store.db import open_database
from service.web import install_web

log = logging.getLogger("patti.api")

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

    app = FastAPI(title="patti", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    app.state.pool = None
    install_error_handlers(app)
    app.include_router(api_router)
    install_web(app)
    return app
