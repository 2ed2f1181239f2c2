"""What changed between two versions of a document: its dated items, and the lines of its text."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from models import Extraction

MAX_CHANGED_LINES = 40  # the page shows this many changed lines at most; the originals hold the rest


@dataclass(frozen=True)
class Changes:
    """The dated items only one version has, and the changed lines of the text (``-`` old, ``+`` new)."""

    dates_removed: list[str]
    dates_added: list[str]
    lines: list[tuple[str, str]]
    more_lines: int  # changed lines left out beyond MAX_CHANGED_LINES


def _dated(extraction: Extraction) -> dict[str, str]:
    return {f"{d.date.isoformat()} {d.time or ''}".strip(): d.text for d in extraction.dates}


def changes(older: Extraction, newer: Extraction) -> Changes:
    """The differences a reader needs to see when a notice is corrected: dates first, then the wording."""
    old_dates, new_dates = _dated(older), _dated(newer)
    removed = [f"{key}: {old_dates[key]}" for key in sorted(old_dates.keys() - new_dates.keys())]
    added = [f"{key}: {new_dates[key]}" for key in sorted(new_dates.keys() - old_dates.keys())]
    old_lines = [line.strip() for line in (older.text or "").splitlines() if line.strip()]
    new_lines = [line.strip() for line in (newer.text or "").splitlines() if line.strip()]
    changed = [
        (line[0], line[1:])
        for line in difflib.unified_diff(old_lines, new_lines, lineterm="", n=0)
        if line[:1] in "-+" and not line.startswith(("---", "+++"))
    ]
    return Changes(removed, added, changed[:MAX_CHANGED_LINES], max(0, len(changed) - MAX_CHANGED_LINES))
