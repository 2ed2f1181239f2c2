"""Query strings of the web page: the filters a page was asked with, give or take one value.

The pages use the API's parameter names, so a page's query string also selects the same rows from
``/commitments.csv`` and ``/deadlines.ics``.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

Params = list[tuple[str, str]]

# Parameters that select a page of results rather than what the results are.
PAGING = ("offset",)


def query(params: Iterable[tuple[str, str]], drop: Iterable[str] = ()) -> str:
    """``params`` as a query string (with its ``?``, or '' when empty), without the names in ``drop``."""
    dropped = set(drop)
    kept = [(name, value) for name, value in params if name not in dropped and value != ""]
    return "?" + urlencode(kept) if kept else ""


def with_value(params: Params, name: str, value: str) -> str:
    """The query string with ``name=value`` added (a new filter restarts paging)."""
    if (name, value) in params:
        return query(params, PAGING)
    return query([*params, (name, value)], PAGING)


def without_value(params: Params, name: str, value: str) -> str:
    """The query string with the one ``name=value`` removed (and paging restarted)."""
    return query([(n, v) for n, v in params if (n, v) != (name, value)], PAGING)


def with_offset(params: Params, offset: int) -> str:
    """The query string of another page of the same results."""
    return query([*[(n, v) for n, v in params if n != "offset"], *([("offset", str(offset))] if offset else [])])
