"""Errors as HTTP answers: every one is ``{"error": {"code", "message"}}`` with a code from the shared catalogue."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from extractor.errors import MESSAGES, ErrorCode
from service.corrections.validate import InvalidCorrection

log = logging.getLogger("patti.api")

# The HTTP status each catalogue code answers with when the API raises it.
STATUS: dict[ErrorCode, int] = {
    ErrorCode.INVALID_QUERY: 400,
    ErrorCode.INVALID_PARAMETER: 400,
    ErrorCode.EMPTY: 400,
    ErrorCode.INVALID_CORRECTION: 422,
    ErrorCode.UNAUTHORIZED: 401,
    ErrorCode.UNKNOWN_RESOURCE: 404,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.TOO_LARGE: 413,
    ErrorCode.TOO_MANY_FILES: 413,
    ErrorCode.QUEUE_FULL: 429,
    ErrorCode.UNSUPPORTED_FORMAT: 415,
    ErrorCode.NOT_TEXT: 415,
    ErrorCode.PDF_INVALID: 415,
    ErrorCode.NO_DATABASE: 503,
    ErrorCode.INTERNAL: 500,
}


class ApiError(Exception):
    """An error the API answers with: a catalogue code, a message, the status that code maps to."""

    def __init__(self, code: ErrorCode, detail: str | None = None, headers: dict[str, str] | None = None) -> None:
        self.code = code
        self.message = f"{MESSAGES[code]}: {detail}" if detail else MESSAGES[code]
        self.status = STATUS.get(code, 400)
        self.headers = headers
        super().__init__(self.message)


@contextmanager
def refusals_as_422() -> Iterator[None]:
    """Answer a refused correction (``InvalidCorrection``) with 422 ``invalid_correction``, naming the field."""
    try:
        yield
    except InvalidCorrection as refused:
        raise ApiError(ErrorCode.INVALID_CORRECTION, str(refused)) from None


def error_response(status: int, code: ErrorCode, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code.value, "message": message}}, status_code=status, headers=headers)


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message, exc.headers)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(
        f"{'.'.join(str(part) for part in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', 'invalid')}"
        for e in exc.errors()
    )
    return error_response(400, ErrorCode.INVALID_PARAMETER, f"{MESSAGES[ErrorCode.INVALID_PARAMETER]}: {problems}")


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    # A person who mistyped an address in the browser gets a page; programs get the JSON error.
    page = getattr(request.app.state, "html_error_page", None)
    if page is not None and "text/html" in request.headers.get("accept", ""):
        message = "Questa pagina non esiste." if exc.status_code == 404 else str(exc.detail)
        response: Response = page(request, exc.status_code, message)
        return response
    status, code = _framework_error(exc.status_code, str(exc.detail))
    return error_response(status, code, str(exc.detail), getattr(exc, "headers", None))


def _framework_error(status: int, detail: str) -> tuple[int, ErrorCode]:
    """The catalogue code of an error raised by Starlette or FastAPI themselves (routing, body and form limits)."""
    if status == 400 and detail.startswith("Too many files"):  # the multipart parser's file limit
        return 413, ErrorCode.TOO_MANY_FILES
    codes = {
        404: ErrorCode.UNKNOWN_RESOURCE,
        405: ErrorCode.UNKNOWN_RESOURCE,  # the route exists, but not for this method
        401: ErrorCode.UNAUTHORIZED,
        413: ErrorCode.TOO_LARGE,
    }
    return status, codes.get(status, ErrorCode.INVALID_PARAMETER)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, ErrorCode.INTERNAL, MESSAGES[ErrorCode.INTERNAL])


def install_error_handlers(app: FastAPI) -> None:
    """Answer every error, expected or not, in the catalogue's shape."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
