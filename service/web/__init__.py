"""The web page for staff and researchers, served by the API's app: Italian, server-rendered, small scripts."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from service.web.access import SignInRequired, sign_in_url
from service.web.pages import public_router, router
from service.web.render import STATIC_DIR, error_page


async def _sign_in_first(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SignInRequired)
    return RedirectResponse(sign_in_url(exc.next_path), status_code=303)


def install_web(app: FastAPI) -> None:
    """Add the pages, their static files, and HTML error pages for browsers that land on a wrong address."""
    app.include_router(public_router)
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_exception_handler(SignInRequired, _sign_in_first)
    app.state.html_error_page = error_page
