"""Dated items as calendar events: an Italian summary, the source sentence, a link, reminders, a stable UID."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from service.feed.ical import Alarm, CalendarEvent, stable_uid

KIND_LABELS = {"scadenza": "Scadenza", "evento": "Evento", "firma": "Firma", "altro": "Data"}
_SUMMARY_WHAT = 90  # characters of the sentence used when the item has no "what"
_SUMMARY_TITLE = 80  # characters of the document's title in a summary
_DURATION = re.compile(r"^\s*(\d+)\s*([dhmw])\s*$", re.I)
_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}


def parse_alarms(spec: str) -> tuple[timedelta, ...]:
    """``"7d,1d"`` or ``"1h, 30m"`` as durations before the start; an empty spec means none."""
    found = []
    for part in filter(str.strip, spec.split(",")):
        match = _DURATION.match(part)
        if not match or int(match.group(1)) == 0:
            raise ValueError(f"not a reminder like 7d, 1d, 2h or 30m: {part.strip()!r}")
        found.append(timedelta(**{_UNITS[match.group(2).lower()]: int(match.group(1))}))
    return tuple(found)


def parse_feed_alarms(spec: str) -> dict[str, tuple[timedelta, ...]]:
    """``"scadenza=7d,1d;evento=1h"`` as reminders by kind; raises ValueError naming what is wrong."""
    alarms: dict[str, tuple[timedelta, ...]] = {}
    for part in filter(str.strip, spec.split(";")):
        kind, sep, durations = part.partition("=")
        kind = kind.strip()
        if not sep or kind not in KIND_LABELS:
            raise ValueError(f"expected kind=durations with a kind among {', '.join(KIND_LABELS)}: {part!r}")
        alarms[kind] = parse_alarms(durations)
    return alarms


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def summary(row: Mapping[str, Any]) -> str:
    """``Scadenza: invio delle domande — Avviso pubblico …, Distretto 4``."""
    label = KIND_LABELS.get(row["kind"], "Data")
    what = row["what"] or _shorten(row["text"], _SUMMARY_WHAT)
    source = ", ".join([_shorten(row["title"] or row["file_name"], _SUMMARY_TITLE), *row["ambiti"]])
    return f"{label}: {what} — {source}"


def description(row: Mapping[str, Any], document_url: str) -> str:
    lines = [" ".join(row["text"].split()), "", f"Documento: {row['title'] or row['file_name']}", document_url]
    return "\n".join(lines)


def _start(row: Mapping[str, Any]) -> date | datetime:
    day = date.fromisoformat(row["date"])
    if not row["time"]:
        return day
    return datetime.combine(day, time.fromisoformat(row["time"]))


@lru_cache(maxsize=4096)
def stored_time(stored: str) -> datetime:
    """A stored UTC timestamp; cached, as a feed's items share their documents' few timestamps."""
    return datetime.strptime(stored, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def item_uid(row: Mapping[str, Any]) -> str:
    """The same for one item across fetches, re-extractions and restarts: the document's bytes and the item."""
    return stable_uid(row["sha256"], row["kind"], row["date"], row["time"] or "", " ".join(row["text"].split()))


def events(
    rows: Iterable[Mapping[str, Any]], document_url: str, alarms: Mapping[str, Sequence[timedelta]]
) -> Iterator[CalendarEvent]:
    """One event per distinct item; ``document_url`` has a ``{id}`` to fill, ``alarms`` go by kind."""
    seen: set[str] = set()
    for row in rows:
        uid = item_uid(row)
        if uid in seen:  # the same deadline stated twice in one document is one event
            continue
        seen.add(uid)
        text = summary(row)
        updated = stored_time(row["updated_at"])
        yield CalendarEvent(
            uid=uid,
            summary=text,
            start=_start(row),
            description=description(row, document_url.format(id=row["document_id"])),
            location=row["place"],
            url=document_url.format(id=row["document_id"]),
            categories=(KIND_LABELS.get(row["kind"], "Data"), *row["ambiti"]),
            alarms=tuple(Alarm(before, text) for before in alarms.get(row["kind"], ())),
            last_modified=updated,
        )
