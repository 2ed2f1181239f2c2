"""The ``after`` parameter of paged listings (keyset pagination), and a refused cursor as the API answers it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import Query

from extractor.errors import ErrorCode
from service.api.errors import ApiError
from service.store.cursor import MAX_CURSOR_CHARS, InvalidCursor

AfterDep = Annotated[
    str | None,
    Query(
        max_length=MAX_CURSOR_CHARS,
        description="the `next` cursor of the previous page: the page starts after the row it names (`offset` then "
        "skips from there). Bound to the listing, sort, words and filters it came from.",
    ),
]


@contextmanager
def cursor_errors() -> Iterator[None]:
    """Answer a cursor the store refuses with 400 ``invalid_parameter``."""
    try:
        yield
    except InvalidCursor as exc:
        raise ApiError(ErrorCode.INVALID_PARAMETER, f"after: {exc}") from exc
