"""A cap on request bodies, counted on the bytes as they arrive, that answers in the catalogue's JSON shape.

FastAPI's own ``max_body_size`` answers a too-long ``Content-Length`` with a plain-text 413 that replaces the
app's answer; this one refuses such a request before the app runs, and stops a chunked body once it passes the cap.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from extractor.errors import MESSAGES, ErrorCode
from service.api.errors import error_response


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when a body passes the cap; the app's handlers answer it as ``too_large``."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            status_code=413, detail=f"{MESSAGES[ErrorCode.TOO_LARGE]}: the request body passed {limit} bytes"
        )


MAX_JSON_BODY_BYTES = 1024 * 1024
"""The largest body of a request that is not an upload (a correction, a sign-in form): a few fields of text."""


class BodyLimit:
    """ASGI middleware: at most ``max_bytes`` of request body for an upload (``POST`` to one of ``upload_paths``),
    at most ``MAX_JSON_BODY_BYTES`` for any other HTTP request."""

    def __init__(self, app: ASGIApp, max_bytes: int, upload_paths: tuple[str, ...] = ("/documents",)) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.upload_paths = upload_paths

    def _limit(self, scope: Scope) -> int:
        upload = scope.get("method") == "POST" and scope.get("path", "").rstrip("/") in self.upload_paths
        return self.max_bytes if upload else min(self.max_bytes, MAX_JSON_BODY_BYTES)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope)
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            detail = f"{MESSAGES[ErrorCode.TOO_LARGE]}: {declared} bytes declared, at most {limit}"
            await error_response(413, ErrorCode.TOO_LARGE, detail)(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counted, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # h11 refuses a malformed length before the app; count the bytes instead
    return None
