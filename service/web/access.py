"""Who may read the web page: everyone, or, with ``PATTI_READ_TOKEN_REQUIRED``, whoever signed in with the token.

Signing in puts the token in an HttpOnly, SameSite=Strict cookie that the read routes of the API accept too
(see ``service.api.deps.require_read_token``), so the page's links to files, CSV and the feed work.
"""

from __future__ import annotations

import secrets
from urllib.parse import quote

from fastapi import Request

from service.api.deps import TOKEN_COOKIE
from service.settings import Settings


class SignInRequired(Exception):
    """Raised by a page that needs the reader to sign in first; answered with a redirect."""

    def __init__(self, next_path: str) -> None:
        self.next_path = next_path
        super().__init__(next_path)


def token_matches(settings: Settings, given: str | None) -> bool:
    expected = settings.api_token.get_secret_value() if settings.api_token else None
    # compare_digest: the time taken does not tell how much of a guessed token was right.
    return bool(expected and given) and secrets.compare_digest((given or "").encode(), (expected or "").encode())


def safe_next(path: str | None) -> str:
    """Where to go after signing in: a path on this site only (never ``//host`` or ``https://host``)."""
    if (
        not path
        or not path.startswith("/")
        or path.startswith("//")
        or "\\" in path
        or any(ord(ch) < 32 for ch in path)
    ):
        return "/"
    return path


def require_reader(request: Request) -> None:
    """Page dependency: let the request through, or ask the reader to sign in."""
    settings: Settings = request.app.state.settings
    if settings.read_token_required and not token_matches(settings, request.cookies.get(TOKEN_COOKIE)):
        raise SignInRequired(request.url.path + (f"?{request.url.query}" if request.url.query else ""))


def sign_in_url(next_path: str) -> str:
    return "/accesso?next=" + quote(safe_next(next_path), safe="")
