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


class BodyLimit:
    """ASGI middleware: at most ``max_bytes`` of request body per HTTP request."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            detail = f"{MESSAGES[ErrorCode.TOO_LARGE]}: {declared} bytes declared, at most {self.max_bytes}"
            await error_response(413, ErrorCode.TOO_LARGE, detail)(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
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
