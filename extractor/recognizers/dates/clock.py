"""Times of day written beside dates: "alle ore 17", "ore 12.00", "dalle 15.30"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractor.lexicon import alternation, lookup
from extractor.recognizers.dates.words import calendar, month_re


@dataclass(frozen=True)
class ClockTime:
    start: int
    end: int
    hour: int
    minute: int

    @property
    def hhmm(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    clock = calendar()["clock"]
    qualifier = rf"(?:\s+(?P<q>{alternation(clock['afternoon'] + clock['morning'])}))?"
    minutes = r"(?:\s*[.:,]\s*(?P<m>[0-5]\d)|\s+e\s+(?P<m2>[0-5]\d|mezza|un\s+quarto))?"
    # "ore 17", "alle ore 17.30", "h. 9,30", "entro le ore 12:00".
    with_ore = rf"(?<![\w])(?:ore|h\.?)\s*(?P<h>[01]?\d|2[0-4]){minutes}(?![\d])"
    # "alle 17", "dalle 16 alle 19": only when nothing but a time can follow.
    with_alle = (
        rf"(?<![\w])(?:alle|dalle|fino\s+alle|le)\s+(?P<h>[01]?\d|2[0-4]){minutes}{qualifier}"
        r"(?=\s*(?:$|[,;.)\-–:](?!\d)|alle\b|e\b|in\b|presso\b|a\b|al\b|nella?\b|nel\b|del\b|di\b|circa\b|con\b|si\b"
        r"|(?:il|lo|la|i|gli|le)\s|l['’]))"
    )
    # "19:30", "13:30 del 21 settembre": a colon leaves no doubt.
    colon = r"(?<![\w:.\-])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:])"
    # "9.30-12.30", "15.00 – 17.00": the start of a span of hours, as calendars in tables write it.
    span = r"(?<![\w.:,/\-])(?P<h>[01]?\d|2[0-3])[.:](?P<m>[0-5]\d)\s*[-–]\s*(?:[01]?\d|2[0-3])[.:][0-5]\d(?![\d.,:])"
    # "8 di stasera", "3 del pomeriggio".
    qualified = rf"(?<![\w.,/])(?P<h>[01]?\d)(?:[.:](?P<m>[0-5]\d))?(?P<q2>\s+(?:{alternation(clock['afternoon'])}))"
    # A calendar set as a table, the hour in the cell after the date's: "06/03/2025   15.00   Pescia",
    # "| 12 giugno 2025 | 10.00 |". Only the time (group "t") is the match; a bare "15.00" elsewhere may be a figure.
    cell_gap = r"(?:[ \t]{2,}|\t|[ \t]*\|[ \t]*)"
    date_cell = rf"(?:\d{{1,2}}[./-]\d{{1,2}}[./-](?:\d{{4}}|\d{{2}})|\d{{1,2}}\s+{month_re()}(?:\s+\d{{4}})?)"
    cell = (
        rf"{date_cell}{cell_gap}(?P<t>(?P<h>[01]?\d|2[0-3])[.:](?P<m>[0-5]\d))"
        r"(?=[ \t]{2,}|\t|[ \t]*\||[ \t]*[-–][ \t]*(?:[01]?\d|2[0-3])[.:][0-5]\d|[ \t]*$)"
    )
    return (
        *(
            re.compile(p + (qualifier if i == 0 else ""), re.I)
            for i, p in enumerate((with_ore, with_alle, colon, span, qualified))
        ),
        re.compile(cell, re.I | re.M),
    )


def _minute(g: dict[str, str | None]) -> int:
    if g.get("m"):
        return int(g["m"] or 0)
    spoken = (g.get("m2") or "").lower()
    if spoken == "mezza":
        return 30
    if spoken.startswith("un"):
        return 15
    return int(spoken) if spoken else 0


def find_times(text: str) -> list[ClockTime]:
    """Every time of day in ``text``, earliest first, without overlaps."""
    afternoon = dict.fromkeys(calendar()["clock"]["afternoon"], True)
    found: list[ClockTime] = []
    for pattern in _patterns():
        for m in pattern.finditer(text):
            g = m.groupdict()
            hour, minute = int(g["h"]), _minute(g)
            qualifier = (g.get("q") or g.get("q2") or "").strip()
            if qualifier and lookup(afternoon, qualifier) and hour < 12:
                hour += 12
            if hour == 24 and minute == 0:
                # "entro le ore 24 del 5 ottobre": the end of that day, not its first minute; the last minute of
                # a day is how a time of day can write it.
                hour, minute = 23, 59
            if hour > 23:
                continue
            start, end = m.span("t") if g.get("t") else m.span()
            if any(start < t.end and t.start < end for t in found):
                continue
            found.append(ClockTime(start, end, hour, minute))
    return sorted(found, key=lambda t: t.start)
