"""Keyset pagination: rows after a cursor are exactly the rest of the order, NULLs and ties included."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.store.cursor import InvalidCursor, Order, decode, encode, order_by, rows_after

ORDERS: list[Order] = [
    (("a", False), ("id", False)),
    (("a", True), ("id", True)),
    (("a IS NULL", False), ("a", False), ("b", True), ("id", False)),
    (("a", True), ("b", False), ("id", True)),
]


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.tuples(st.none() | st.integers(0, 3), st.none() | st.sampled_from(["x", "y"])), max_size=25),
    order=st.sampled_from(ORDERS),
)
def test_rows_after_each_row_are_the_rest_of_the_order(rows: list[tuple], order: Order) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b TEXT)")
    conn.executemany("INSERT INTO t (a, b) VALUES (?, ?)", rows)
    keys = ", ".join(expression for expression, _ in order)
    ordered = conn.execute(f"SELECT id, {keys} FROM t ORDER BY {order_by(order)}").fetchall()
    for i, row in enumerate(ordered):
        condition, params = rows_after(order, list(row[1:]))
        rest = conn.execute(f"SELECT id FROM t WHERE {condition} ORDER BY {order_by(order)}", params).fetchall()
        assert [r[0] for r in rest] == [r[0] for r in ordered[i + 1 :]]


ORDER: Order = (("rank", False), ("id", False))


def test_a_cursor_gives_back_its_key_floats_exactly() -> None:
    key = [-1.2345678901234567e-06, 42]
    assert decode(encode("search|x", key), "search|x", ORDER) == key


@pytest.mark.parametrize(
    "cursor",
    ["", "garbage", "!!!!", "e30", "W10", "eyJrIjogWzEsIDJdfQ", "eyJrIjpbW10sMV0sImQiOiJ4In0", "x" * 2000],
    ids=["empty", "text", "not base64", "empty object", "a list", "no digest", "a list in the key", "too long"],
)
def test_garbled_cursors_are_refused(cursor: str) -> None:
    with pytest.raises(InvalidCursor):
        decode(cursor, "search|x", ORDER)


def test_a_cursor_of_another_listing_is_refused() -> None:
    cursor = encode("search|x", [1.0, 2])
    with pytest.raises(InvalidCursor, match="another listing"):
        decode(cursor, "search|y", ORDER)
