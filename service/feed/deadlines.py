"""Dated items as calendar events: an Italian summary, the source sentence, a link, reminders, a stable UID."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from service.feed.ical import Alarm, CalendarEvent, stable_uid
from service.store.deadlines import FeedRows

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


def _source(title: str | None, file_name: str, ambiti: Iterable[str]) -> str:
    """``Avviso pubblico …, Distretto 4``: the document and its ambiti, as a summary ends."""
    return ", ".join([_shorten(title or file_name, _SUMMARY_TITLE), *ambiti])


def _summary(kind: str, what: str | None, sentence: str, source: str) -> str:
    return f"{KIND_LABELS.get(kind, 'Data')}: {what or _shorten(sentence, _SUMMARY_WHAT)} — {source}"


def summary(row: Mapping[str, Any]) -> str:
    """``Scadenza: invio delle domande — Avviso pubblico …, Distretto 4``."""
    return _summary(row["kind"], row["what"], row["text"], _source(row["title"], row["file_name"], row["ambiti"]))


def _description_end(title: str | None, file_name: str, document_url: str) -> str:
    """What follows the sentence in an event's description: the document's name and link."""
    return f"\n\nDocumento: {title or file_name}\n{document_url}"


def description(row: Mapping[str, Any], document_url: str) -> str:
    """The sentence the date comes from, then the document's name and link."""
    return " ".join(row["text"].split()) + _description_end(row["title"], row["file_name"], document_url)


@lru_cache(maxsize=8192)  # a feed's items share a few hundred days and times
def _start(day: str, at: str | None) -> date | datetime:
    """An all-day date, or a naive Rome datetime when the item has a time."""
    if not at:
        return date.fromisoformat(day)
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(at))


@lru_cache(maxsize=4096)
def stored_time(stored: str) -> datetime:
    """A stored UTC timestamp; cached, as a feed's items share their documents' few timestamps."""
    return datetime.strptime(stored, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def _uid(sha256: str, kind: str, day: str, at: str | None, sentence: str) -> str:
    return stable_uid(sha256, kind, day, at or "", sentence)


def item_uid(row: Mapping[str, Any]) -> str:
    """The same for one item across fetches, re-extractions and restarts: the document's bytes and the item."""
    return _uid(row["sha256"], row["kind"], row["date"], row["time"], " ".join(row["text"].split()))


@dataclass(frozen=True)
class _Document:
    """What every event of one document shares, worked out once per document rather than per item."""

    sha256: str
    url: str
    source: str
    description_end: str
    ambiti: tuple[str, ...]
    updated: datetime


def _documents(documents: Mapping[int, Mapping[str, Any]], document_url: str) -> dict[int, _Document]:
    found = {}
    for document_id, doc in documents.items():
        url = document_url.format(id=document_id)
        found[document_id] = _Document(
            sha256=doc["sha256"],
            url=url,
            source=_source(doc["title"], doc["file_name"], doc["ambiti"]),
            description_end=_description_end(doc["title"], doc["file_name"], url),
            ambiti=tuple(doc["ambiti"]),
            updated=stored_time(doc["updated_at"]),
        )
    return found


def events(rows: FeedRows, document_url: str, alarms: Mapping[str, Sequence[timedelta]]) -> Iterator[CalendarEvent]:
    """One event per distinct item; ``document_url`` has a ``{id}`` to fill, ``alarms`` go by kind."""
    documents = _documents(rows.documents, document_url)
    # An empty description makes the alarm show the event's summary, so one tuple serves every item of a kind.
    reminders = {kind: tuple(Alarm(before, "") for before in values) for kind, values in alarms.items()}
    seen: set[str] = set()
    for document_id, day, at, kind, text, place, what in rows.items:
        doc = documents[document_id]
        sentence = " ".join(text.split())
        uid = _uid(doc.sha256, kind, day, at, sentence)
        if uid in seen:  # the same deadline stated twice in one document is one event
            continue
        seen.add(uid)
        yield CalendarEvent(
            uid=uid,
            summary=_summary(kind, what, sentence, doc.source),
            start=_start(day, at),
            description=sentence + doc.description_end,
            location=place,
            url=doc.url,
            categories=(KIND_LABELS.get(kind, "Data"), *doc.ambiti),
            alarms=reminders.get(kind, ()),
            last_modified=doc.updated,
        )
