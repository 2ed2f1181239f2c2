"""Keyset pagination: an opaque cursor naming the last row of a page, and the SQL for the rows after it.

A listing's order is a list of ``(expression, descending)`` terms ending in a unique key. A cursor carries that
row's values of the terms and a digest of them with the listing it came from (its order, words and filters), so
a cursor that was altered, garbled or taken from another listing is refused rather than misread.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Sequence
from typing import Any

Order = tuple[tuple[str, bool], ...]
"""``(SQL expression, descending)`` terms, the last of which is unique."""

MAX_CURSOR_CHARS = 1_000
_DIGEST_BYTES = 12


class InvalidCursor(ValueError):
    """A cursor this listing did not give: altered, garbled, or from another listing or other filters."""


def order_by(order: Order) -> str:
    """The ``ORDER BY`` list of ``order``."""
    return ", ".join(f"{expression}{' DESC' if descending else ''}" for expression, descending in order)


def key_columns(order: Order) -> str:
    """The order's expressions as extra result columns ``_k0, _k1, …``: a page's last row gives its cursor."""
    return ", ".join(f"{expression} AS _k{i}" for i, (expression, _) in enumerate(order))


def row_key(row: dict[str, Any], order: Order) -> list[Any]:
    """Take the ``key_columns`` values out of a result row."""
    return [row.pop(f"_k{i}") for i in range(len(order))]


def _digest(context: str, key: list[Any]) -> str:
    payload = json.dumps([context, key], separators=(",", ":"), ensure_ascii=False)
    return hashlib.blake2b(payload.encode(), digest_size=_DIGEST_BYTES).hexdigest()


def encode(context: str, key: list[Any]) -> str:
    """The cursor of the row with sort values ``key`` in the listing described by ``context``."""
    body = json.dumps({"k": key, "d": _digest(context, key)}, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(body.encode()).decode().rstrip("=")


def decode(cursor: str, context: str, order: Order) -> list[Any]:
    """The sort values a cursor carries; raises ``InvalidCursor`` unless this listing gave it."""
    if len(cursor) > MAX_CURSOR_CHARS:
        raise InvalidCursor("the cursor is too long")
    try:
        body = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError) as exc:  # bad base64, bad UTF-8 and bad JSON are all ValueErrors
        raise InvalidCursor("the cursor is not one this API gave") from exc
    if not isinstance(body, dict) or not isinstance(key := body.get("k"), list) or len(key) != len(order):
        raise InvalidCursor("the cursor is not one this API gave")
    if not all(value is None or isinstance(value, str | int | float) for value in key):
        raise InvalidCursor("the cursor is not one this API gave")
    if body.get("d") != _digest(context, key):
        raise InvalidCursor("the cursor was changed, or belongs to another listing, sort or filters")
    return key


def rows_after(order: Order, key: Sequence[Any]) -> tuple[str, list[Any]]:
    """The condition selecting the rows that come after ``key`` in ``order``, and its parameters.

    NULLs sort as SQLite sorts them: first ascending, last descending.
    """
    alternatives: list[str] = []
    params: list[Any] = []
    terms = [(f"({expression})", descending) for expression, descending in order]  # "a IS NULL" stays one term
    for i, ((term, descending), value) in enumerate(zip(terms, key, strict=True)):
        if value is None:
            beyond = "0" if descending else f"{term} IS NOT NULL"
            beyond_params: list[Any] = []
        else:
            beyond = f"({term} < ? OR {term} IS NULL)" if descending else f"{term} > ?"
            beyond_params = [value]
        same = [f"{term_before} IS ?" for term_before, _ in terms[:i]]
        alternatives.append("(" + " AND ".join([*same, beyond]) + ")")
        params.extend([*key[:i], *beyond_params])
    return "(" + " OR ".join(alternatives) + ")", params
