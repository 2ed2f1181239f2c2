"""Stretches of one line between the gaps a layout leaves: columns set side by side, a menu flattened."""

from __future__ import annotations

import re


def stretches(text: str, start: int, end: int, gap: re.Pattern[str]) -> list[tuple[int, int]]:
    """The non-empty stretches of ``text[start:end]`` between matches of ``gap``, as offsets in ``text``."""
    out, pos = [], start
    for match in gap.finditer(text, start, end):
        if match.start() > pos:
            out.append((pos, match.start()))
        pos = match.end()
    if pos < end:
        out.append((pos, end))
    return out
