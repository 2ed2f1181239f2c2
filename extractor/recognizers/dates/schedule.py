"""Schedules: dates listed under a heading, and a time stated once for several events.

"Le date degli incontri:" followed by one line per town and day makes every
line a meeting; "Gli incontri si terranno alle ore 20.30" or "La sessione avrà
inizio alle 9.30", written apart from the dates, gives the events their time.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from itertools import pairwise

from extractor.recognizers.dates import context as ctx
from extractor.recognizers.dates.clock import ClockTime
from extractor.recognizers.dates.mentions import Mention, opening_hours

# A heading is looked for this many non-blank lines up, over list lines no longer than LIST_LINE.
HEADING_LINES = 12
LIST_LINE = 160
HEADING_CHARS = 3000
# How far a time stated apart may stand from the events it times, before or after them.
SHARED_BEFORE = 600
SHARED_AFTER = 800
_RANGE_START = re.compile(r"(?:dalle|dall['’]|ore|h\.?)?\s*\d{1,2}(?:[.:,]\d{2})?\s*(?:alle|-|–|fino alle|a)\s*$", re.I)


def _lines_up(text: str, start: int):
    """The lines above the one holding ``start`` (within HEADING_CHARS), nearest first, stripped."""
    pos = text.rfind("\n", 0, start)
    while pos > max(0, start - HEADING_CHARS):
        line_start = text.rfind("\n", 0, pos) + 1
        yield text[line_start:pos].strip()
        pos = line_start - 1


def heading_kind(text: str, start: int) -> str | None:
    """The kind ("evento", "scadenza") a list heading ending in ':' gives the list line holding ``start``."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    if (len(text) if line_end == -1 else line_end) - line_start > LIST_LINE:
        return None
    seen = 0
    for line in _lines_up(text, start):
        if not line:
            continue
        if line.endswith(":"):
            return next((kind for kind in ("scadenza", "evento") if ctx.has_cue(kind, line)), None)
        seen += 1
        if seen >= HEADING_LINES or len(line) > LIST_LINE:
            return None
    return None


def _free(text: str, times: list[ClockTime], mentions: list[Mention]) -> list[ClockTime]:
    """Times that belong to no date and end no range ("dalle 14 alle 17")."""
    taken = _union([m.time_span for m in mentions if m.time_span] + [(m.start, m.end) for m in mentions])
    ends = [e for _, e in taken]
    out = []
    for t in times:
        i = bisect_left(ends, t.start + 1)  # the first span ending after the time starts
        if not (i < len(taken) and taken[i][0] < t.end) and not _RANGE_START.search(
            text, max(0, t.start - 12), t.start
        ):
            out.append(t)
    return out


def _about_an_event(text: str, t: ClockTime, sentence_at) -> bool:
    """True when the time's sentence speaks of an event, not of opening hours."""
    sentence = text[slice(*sentence_at(t.start))]
    return ctx.has_cue("evento", sentence) and not opening_hours(sentence)


def share_times(
    text: str, mentions: list[Mention], times: list[ClockTime], is_event: Callable[[Mention], bool], sentence_at
) -> None:
    """Give untimed events the time a nearby sentence about an event states apart from any date.

    Events next to one another with no other date between them form a run; the
    run takes the nearest such time before or after it, unless another date stands
    between them.
    """
    ordered = sorted(mentions, key=lambda m: m.start)
    runs: list[list[Mention]] = []
    for i, m in enumerate(ordered):
        if is_event(m) and m.time is None:
            if runs and i > 0 and runs[-1][-1] is ordered[i - 1]:
                runs[-1].append(m)
            else:
                runs.append([m])
    free = _free(text, times, mentions) if runs else []
    starts = [m.start for m in ordered]
    free_starts = [t.start for t in free]
    for run in runs:
        first, last = run[0].start, run[-1].end
        i, j = bisect_left(free_starts, first), bisect_left(free_starts, last)
        near = []
        if i and first - free[i - 1].end <= SHARED_BEFORE and not _between(starts, free[i - 1].end, first):
            near.append((first - free[i - 1].end, free[i - 1]))
        if j < len(free) and free[j].start - last <= SHARED_AFTER and not _between(starts, last, free[j].start):
            near.append((free[j].start - last, free[j]))
        near = [(gap, t) for gap, t in near if _about_an_event(text, t, sentence_at)]
        if near:
            chosen = min(near, key=lambda x: x[0])[1]
            for m in run:
                m.time = chosen.hhmm


# What joins the dates of one list: "3 marzo, 10 marzo e 17 marzo", "il 3 e il 10 marzo".
_LIST_JOIN = re.compile(r"\s*(?:,|;|e|ed)?\s*(?:(?:il|l['’])\s*)?", re.I)


def share_list_time(text: str, mentions: list[Mention], is_event: Callable[[Mention], bool]) -> None:
    """Give the events of a list of dates the time stated once after the last of them, and with it the place
    that follows: "3 marzo, 10 marzo e 17 marzo 2025, dalle ore 15.00 …, presso la Casa delle Associazioni"."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for before, after in reversed(list(pairwise(ordered))):
        stated_after = after.time_span is not None and after.time_span[0] >= after.end
        if before.time is not None or after.time is None or not stated_after:
            continue
        if is_event(before) and is_event(after) and _LIST_JOIN.fullmatch(text, before.end, after.start):
            before.time, before.time_span = after.time, after.time_span


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans merged, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _between(starts: list[int], lo: int, hi: int) -> bool:
    """True when a date starts in [lo, hi); ``starts`` is sorted."""
    i = bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi
