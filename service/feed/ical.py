"""RFC 5545 iCalendar serializer for the deadline feed: plain string building, no calendar library.

Output conventions: CRLF after every content line (including the last), lines folded at 75 octets,
every timed DTSTART/DTEND written as local time with ``TZID=Europe/Rome`` and one VTIMEZONE for it.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

__all__ = ["Alarm", "CalendarEvent", "escape_text", "fold", "render_calendar", "stable_uid"]

TZID = "Europe/Rome"
PRODID = "-//patti//patti feed//IT"
_ROME = ZoneInfo(TZID)
_LIMIT = 75  # octets per physical line, CRLF excluded (RFC 5545 3.1)
_ONE_DAY = timedelta(days=1)
_ONE_HOUR = timedelta(hours=1)
# Fixed namespace so stable_uid gives the same UID on every machine and every release.
_UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://patti.invalid/feed/uid")
# RFC 4122 variant bits on the 17th hex digit of a name-based UUID: 10xx, i.e. 8, 9, a or b.
_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}

# The EU rule in force since 1996: summer time from the last Sunday of March 01:00 UTC to the last
# Sunday of October 01:00 UTC. The DTSTARTs are the first onsets under that rule (31 March and
# 27 October 1996), in the local time they happen at, as RFC 5545 3.6.5 asks.
_VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    f"X-LIC-LOCATION:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19960331T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19961027T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)

# Characters that make text unsafe in a content line: C0 controls except TAB and LF (CR is handled as
# a line break first), DEL, C1 controls, Unicode line/paragraph separators (Python's splitlines, which
# some parsers use, breaks on them and on U+0085) and lone surrogates (not encodable as UTF-8).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_LINE_BREAK = re.compile("\r\n?|[\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Alarm:
    """A display reminder ``before`` the event's start (a negative value fires after it)."""

    before: timedelta
    description: str


@dataclass(frozen=True)
class CalendarEvent:
    """One feed item: a ``date`` start is all-day; a naive ``datetime`` is local time in Europe/Rome.

    ``end`` defaults to the next day (all-day, exclusive) or one hour later (timed); it must be of the
    same kind as ``start`` and later than it. An aware ``datetime`` is converted to Europe/Rome.
    """

    uid: str
    summary: str
    start: date | datetime
    end: date | datetime | None = None
    description: str | None = None
    location: str | None = None
    url: str | None = None
    categories: tuple[str, ...] = ()
    alarms: tuple[Alarm, ...] = ()
    last_modified: datetime | None = None


def _clean(value: str) -> str:
    """``value`` with line breaks normalised to LF, controls removed and lone surrogates replaced."""
    value = _LINE_BREAK.sub("\n", value)
    value = _CONTROL.sub("", value)
    return _SURROGATE.sub("\ufffd", value)


def escape_text(value: str) -> str:
    """RFC 5545 3.3.11 TEXT escaping of ``value``, after removing what cannot appear in a content line.

    CR LF, lone CR, U+0085, U+2028 and U+2029 become ``\\n``; other control characters (C0 except TAB,
    DEL, C1) are dropped; lone surrogates become U+FFFD.
    """
    # Every unsafe character is unprintable, and isprintable() is cheaper than the search it spares.
    if not value.isprintable() and _UNSAFE.search(value) is not None:
        value = _clean(value)
    # A membership test is much cheaper than a replace() that finds nothing; backslash goes first.
    if "\\" in value:
        value = value.replace("\\", "\\\\")
    if ";" in value:
        value = value.replace(";", "\\;")
    if "," in value:
        value = value.replace(",", "\\,")
    if "\n" in value:
        value = value.replace("\n", "\\n")
    return value


def _clean_uri(value: str) -> str:
    """A URI value has no escaping, so line breaks and controls are simply dropped."""
    if _UNSAFE.search(value) is None and "\n" not in value:
        return value
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", value.replace("\n", "").replace("\r", "")))


def _fold(line: str) -> str:
    """``line`` with CRLF + space inserted so each physical line is at most 75 UTF-8 octets."""
    if line.isascii():
        if len(line) <= _LIMIT:
            return line
        # One character is one octet: plain slicing. Continuation lines carry the leading space.
        step = _LIMIT - 1
        return "\r\n ".join([line[:_LIMIT], *(line[i : i + step] for i in range(_LIMIT, len(line), step))])
    raw = line.encode()
    if len(raw) <= _LIMIT:
        return line
    pieces = []
    start, limit, size = 0, _LIMIT, len(raw)
    while size - start > limit:
        end = start + limit
        # Back off to the first byte of the character that would be cut (continuation bytes are 10xxxxxx).
        while raw[end] & 0xC0 == 0x80:
            end -= 1
        pieces.append(raw[start:end].decode())
        start, limit = end, _LIMIT - 1
    pieces.append(raw[start:].decode())
    return "\r\n ".join(pieces)


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded at 75 octets, WITHOUT the final CRLF.

    Continuation lines start with one space, counted in their 75 octets; a multi-octet character is
    never split. ``line`` must not contain CR or LF (escape text values first).
    """
    if "\r" in line or "\n" in line:
        raise ValueError("a content line cannot contain CR or LF; escape the value first")
    return _fold(line).encode()


def uuid5(namespace: uuid.UUID, name: str) -> str:
    """``str(uuid.uuid5(namespace, name))``, from hashlib directly (RFC 4122 4.3) without building UUID objects."""
    digest = hashlib.sha1(namespace.bytes + name.encode()).hexdigest()
    # Digit 12 is the version (5); digit 16 keeps its two low bits under the variant bits 10.
    return f"{digest[:8]}-{digest[8:12]}-5{digest[13:16]}-{_VARIANT[digest[16]]}{digest[17:20]}-{digest[20:32]}"


def stable_uid(*parts: str) -> str:
    """A UID that depends only on ``parts`` (order included): ``<uuid5>@patti``."""
    if not parts:
        raise ValueError("stable_uid needs at least one part")
    # Length-prefixed so ("ab", "c") and ("a", "bc") differ whatever characters the parts contain.
    name = "".join([f"{len(p)}:{p};" for p in parts])
    return f"{uuid5(_UID_NAMESPACE, name)}@patti"


def _format_date(d: date) -> str:
    return f"{d.year:04d}{d.month:02d}{d.day:02d}"


def _format_time(dt: datetime) -> str:
    return f"{dt.year:04d}{dt.month:02d}{dt.day:02d}T{dt.hour:02d}{dt.minute:02d}{dt.second:02d}"


def _utc(dt: datetime, what: str) -> str:
    """``dt`` as an RFC 5545 UTC date-time (``...Z``); naive values are refused, not guessed."""
    if dt.tzinfo is UTC:
        return _utc_instant(dt)
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"{what} must be an aware datetime, got {dt!r}")
    return _format_time(dt.astimezone(UTC)) + "Z"


# Only for UTC values: in another zone, equal datetimes (fold ignored) may be different instants.
@lru_cache(maxsize=4096)  # a feed's items share their documents' few timestamps
def _utc_instant(dt: datetime) -> str:
    return _format_time(dt) + "Z"


def _local(dt: datetime) -> datetime:
    """``dt`` as an aware Europe/Rome datetime (naive values are taken as Rome wall time)."""
    return dt.replace(tzinfo=_ROME) if dt.tzinfo is None else dt.astimezone(_ROME)


def _timed(name: str, dt: datetime) -> str:
    """A DTSTART/DTEND line for a timed value, in Rome local time with TZID."""
    local = _local(dt)
    # A TZID local time means the first occurrence of a repeated hour (RFC 5545 3.3.5), so the second
    # occurrence (fold=1 on the October change night) can only be written exactly in UTC.
    if local.fold and local.utcoffset() != local.replace(fold=0).utcoffset():
        return f"{name}:{_format_time(local.astimezone(UTC))}Z"
    return f"{name};TZID={TZID}:{_format_time(local)}"


@lru_cache(maxsize=512)  # a feed repeats the same few alarm offsets thousands of times
def format_duration(value: timedelta) -> str:
    """RFC 5545 3.3.6 duration, whole seconds: ``P2W``, ``-P7D``, ``-PT1H``, ``-P1DT2H``, ``PT1H0M5S``."""
    seconds = round(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    if seconds == 0:
        return "PT0S"
    if seconds % 604800 == 0:
        return f"{sign}P{seconds // 604800}W"
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    out = f"{sign}P{days}D" if days else f"{sign}P"
    if hours or minutes or seconds:
        # The grammar is dur-hour = H [dur-minute], dur-minute = M [dur-second]: no gaps in the chain.
        out += "T"
        if hours:
            out += f"{hours}H"
        if minutes or (hours and seconds):
            out += f"{minutes}M"
        if seconds:
            out += f"{seconds}S"
    return out


def _span(start: date | datetime, end: date | datetime | None, uid: str) -> tuple[str, bool]:
    """The DTSTART and DTEND lines (CRLF between them) and whether the event is all-day; checks the end."""
    if isinstance(start, datetime):
        if end is None:
            end = start + _ONE_HOUR
        elif not isinstance(end, datetime):
            raise ValueError(f"event {uid!r}: a timed start needs a timed end, got {end!r}")
        elif _local(end).astimezone(UTC) <= _local(start).astimezone(UTC):
            raise ValueError(f"event {uid!r}: end {end!r} is not after start {start!r}")
        return f"{_timed('DTSTART', start)}\r\n{_timed('DTEND', end)}", False
    if end is None:
        end = start + _ONE_DAY
    elif isinstance(end, datetime):
        raise ValueError(f"event {uid!r}: an all-day start needs a date end, got {end!r}")
    elif end <= start:
        raise ValueError(f"event {uid!r}: end {end!r} is not after start {start!r} (DTEND is exclusive)")
    return f"DTSTART;VALUE=DATE:{_format_date(start)}\r\nDTEND;VALUE=DATE:{_format_date(end)}", True


@lru_cache(maxsize=8192)  # a feed has a few hundred distinct days and times for thousands of events
def _default_span(start: date | datetime) -> tuple[str, bool]:
    """``_span`` of a start without an explicit end."""
    return _span(start, None, "")


def _dates(event: CalendarEvent) -> tuple[str, bool]:
    """``_span`` of the event, from the cache when the result depends on the start's value alone."""
    start = event.start
    # Equal values must render the same to share a cache entry: not so for aware datetimes (equal across
    # zones) or fold=1 (equal to fold=0), so those take the uncached path.
    naive = type(start) is datetime and start.tzinfo is None and not start.fold
    if event.end is None and (type(start) is date or naive):
        return _default_span(start)
    return _span(start, event.end, event.uid)


@lru_cache(maxsize=4096)  # places and document links repeat across a feed's events
def _text_line(name: str, value: str) -> str:
    """The folded content line of a TEXT property."""
    return _fold(f"{name}:{escape_text(value)}")


@lru_cache(maxsize=4096)
def _uri_line(name: str, value: str) -> str:
    """The folded content line of a URI property."""
    return _fold(f"{name}:{_clean_uri(value)}")


@lru_cache(maxsize=1024)  # kinds and ambiti: a few distinct tuples
def _categories_line(categories: tuple[str, ...]) -> str:
    """The folded CATEGORIES line, or "" when every category is empty once escaped."""
    escaped = [c for c in map(escape_text, categories) if c]
    return _fold(f"CATEGORIES:{','.join(escaped)}") if escaped else ""


@lru_cache(maxsize=512)
def _alarm_end(before: timedelta) -> str:
    """The TRIGGER line and the end of a VALARM."""
    return f"TRIGGER:{format_duration(-before)}\r\nEND:VALARM"


_ALARM_START = "BEGIN:VALARM\r\nACTION:DISPLAY"


def _alarm_lines(alarms: tuple[Alarm, ...], summary: str, out: list[str]) -> None:
    """Append the VALARMs to ``out``; an alarm whose description is empty shows the (escaped) summary."""
    summary_line = ""
    for alarm in alarms:
        text = escape_text(alarm.description) if alarm.description else ""
        if text and text != summary:
            line = _fold(f"DESCRIPTION:{text}")
        else:
            # DISPLAY alarms must have a DESCRIPTION (RFC 5545 3.6.6); the summary's line is folded once.
            summary_line = summary_line or _fold(f"DESCRIPTION:{summary}")
            line = summary_line
        out += (_ALARM_START, line, _alarm_end(alarm.before))


def _event_lines(event: CalendarEvent, dtstamp_line: str, out: list[str]) -> None:
    """Append the content lines of one VEVENT to ``out``, folded; an item may hold several CRLF-joined lines."""
    dates, all_day = _dates(event)
    summary = escape_text(event.summary)
    out += ("BEGIN:VEVENT", _fold(f"UID:{escape_text(event.uid)}"), dtstamp_line, dates, _fold(f"SUMMARY:{summary}"))
    if event.description:
        out.append(_fold(f"DESCRIPTION:{escape_text(event.description)}"))
    if event.location:
        out.append(_text_line("LOCATION", event.location))
    if event.url:
        out.append(_uri_line("URL", event.url))
    if event.categories and (categories := _categories_line(tuple(event.categories))):
        out.append(categories)
    if event.last_modified is not None:
        out.append(f"LAST-MODIFIED:{_utc(event.last_modified, 'last_modified')}")
    if all_day:
        # A deadline day should not make the subscriber look busy all day.
        out.append("TRANSP:TRANSPARENT")
    if event.alarms:
        _alarm_lines(event.alarms, summary, out)
    out.append("END:VEVENT")


def _header(name: str, description: str | None, refresh: timedelta | None) -> list[str]:
    """The calendar's own properties and the VTIMEZONE, folded."""
    out = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    if description:
        out.append(f"X-WR-CALDESC:{escape_text(description)}")
    out.append(f"X-WR-TIMEZONE:{TZID}")
    if refresh is not None:
        if refresh <= timedelta(0):
            raise ValueError(f"refresh must be positive, got {refresh!r}")
        interval = format_duration(refresh)
        out.append(f"REFRESH-INTERVAL;VALUE=DURATION:{interval}")
        out.append(f"X-PUBLISHED-TTL:{interval}")
    out = [_fold(line) for line in out]
    out.extend(_VTIMEZONE)
    return out


def render_calendar(
    events: Iterable[CalendarEvent],
    *,
    name: str,
    dtstamp: datetime,
    description: str | None = None,
    refresh: timedelta | None = None,
) -> bytes:
    """The whole feed as UTF-8 bytes with CRLF line endings; the VTIMEZONE is always included.

    ``dtstamp`` (aware) is written on every event; ``refresh`` adds REFRESH-INTERVAL and X-PUBLISHED-TTL.
    Raises ValueError on an event whose end is not after its start or mixes dates and datetimes.
    """
    dtstamp_line = f"DTSTAMP:{_utc(dtstamp, 'dtstamp')}"
    out = _header(name, description, refresh)
    for event in events:
        _event_lines(event, dtstamp_line, out)
    out.append("END:VCALENDAR")
    # Only text lines were folded, fixed ones are known to be short; one join and one encode for the whole feed.
    return ("\r\n".join(out) + "\r\n").encode()
