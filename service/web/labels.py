"""Italian labels for stored values (document types, categories, error codes…), from ``labels.toml``."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

LABELS_FILE = Path(__file__).with_name("labels.toml")


@cache
def labels() -> dict[str, dict[str, str]]:
    """Every table of ``labels.toml``: kind of value -> stored value -> Italian label."""
    with LABELS_FILE.open("rb") as handle:
        return tomllib.load(handle)


def label(kind: str, value: Any) -> str:
    """The label of ``value`` among ``kind``; the value itself when it has none (or '' for None)."""
    if value is None:
        return ""
    return labels().get(kind, {}).get(str(value), str(value))
