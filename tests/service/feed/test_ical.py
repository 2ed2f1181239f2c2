"""The RFC 5545 serializer, checked byte by byte and through two independent parsers (icalendar, vobject)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from service.feed import Alarm, CalendarEvent, escape_text, fold, render_calendar, stable_uid
from service.feed.ical import format_duration

ROME = ZoneInfo("Europe/Rome")
STAMP = datetime(2026, 5, 4, 8, 30, tzinfo=UTC)
SHA = "3d6264becc58feda" * 4


def render(events: list[CalendarEvent], **kwargs: Any) -> bytes:
    kwargs.setdefault("name", "Scadenze — Comune di Forlì")
    return render_calendar(events, dtstamp=STAMP, **kwargs)


def unfold(raw: bytes) -> str:
    return raw.decode().replace("\r\n ", "")


def physical_lines(raw: bytes) -> list[bytes]:
    assert raw.endswith(b"\r\n")
    return raw[:-2].split(b"\r\n")


def ical_categories(component: Any) -> list[str]:
    return [str(c) for c in component["CATEGORIES"].cats] if "CATEGORIES" in component else []


def assert_well_formed(raw: bytes) -> None:
    """CRLF only, short lines, whole UTF-8 characters per line, balanced components, a VTIMEZONE per TZID."""
    lines = physical_lines(raw)
    assert b"\n" not in raw.replace(b"\r\n", b""), "bare LF"
    assert b"\r" not in raw.replace(b"\r\n", b""), "bare CR"
    for line in lines:
        assert len(line) <= 75, line
        line.decode()  # each physical line is valid UTF-8 on its own: no character was split
        assert not re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", line), line
    stack: list[str] = []
    for content in unfold(raw).split("\r\n")[:-1]:
        if content.startswith("BEGIN:"):
            stack.append(content[6:])
        elif content.startswith("END:"):
            assert stack.pop() == content[4:]
    assert stack == []
    text = unfold(raw)
    used = set(re.findall(r";TZID=([^:;]+)[:;]", text))
    defined = set(re.findall(r"\r\nTZID:([^\r]+)\r\n", text))
    assert used <= defined


# --- escaping -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Patto di collaborazione", "Patto di collaborazione"),
        ("Servizi sociali, sanità; istruzione", "Servizi sociali\\, sanità\\; istruzione"),
        ("C:\\Documenti\\bando.pdf", "C:\\\\Documenti\\\\bando.pdf"),
        ("Art. 3\nComma 2", "Art. 3\\nComma 2"),
        ("Art. 3\r\nComma 2", "Art. 3\\nComma 2"),
        ("Art. 3\rComma 2", "Art. 3\\nComma 2"),
        ("riga\r\n\r\nvuota", "riga\\n\\nvuota"),
        ("\\n non è un a capo", "\\\\n non è un a capo"),
        ("\\,\\;", "\\\\\\,\\\\\\;"),
        ("ore 12:00 — “entro” il 30/11", "ore 12:00 — “entro” il 30/11"),
        ("tab\tresta", "tab\tresta"),
        ('virgolette "doppie"', 'virgolette "doppie"'),
        ("", ""),
    ],
)
def test_escape_text(text: str, escaped: str) -> None:
    assert escape_text(text) == escaped


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("campanello\x07 e nul\x00", "campanello e nul"),
        ("salto pagina\x0cqui", "salto paginaqui"),
        ("tab verticale\x0bqui", "tab verticalequi"),
        ("escape \x1b[31mrosso\x1b[0m", "escape [31mrosso[0m"),
        ("del\x7f e C1\x80\x9f", "del e C1"),
        ("NEL\x85riga", "NEL\\nriga"),
        ("separatore\u2028riga\u2029paragrafo", "separatore\\nriga\\nparagrafo"),
        ("surrogato \ud83d solo", "surrogato \ufffd solo"),
        ("\x00\x01\x02", ""),
    ],
)
def test_escape_text_cleans_hostile_characters(text: str, escaped: str) -> None:
    assert escape_text(text) == escaped


# --- folding --------------------------------------------------------------------------------------------


def _check_fold(line: str) -> list[bytes]:
    folded = fold(line)
    assert not folded.endswith(b"\r\n")
    physical = folded.split(b"\r\n")
    for i, piece in enumerate(physical):
        assert len(piece) <= 75
        piece.decode()
        if i:
            assert piece.startswith(b" ")
        if i < len(physical) - 1:
            # Greedy: the next character would not have fitted on this line.
            following = physical[i + 1][1:].decode()[:1].encode()
            assert len(piece) + len(following) > 75
    assert folded.replace(b"\r\n ", b"").decode() == line
    return physical


@pytest.mark.parametrize(
    ("line", "count"),
    [
        ("SUMMARY:" + "a" * 67, 1),  # exactly 75 octets
        ("SUMMARY:" + "a" * 68, 2),  # 76 octets
        ("SUMMARY:" + "a" * 66, 1),
        ("DESCRIPTION:" + "x" * (63 + 74), 2),  # second line exactly 75 with its space
        ("DESCRIPTION:" + "x" * (63 + 75), 3),
        ("SUMMARY:" + "a" * 66 + "è", 2),  # 'è' (2 octets) would end at octet 76
        ("SUMMARY:" + "a" * 65 + "è", 1),  # ... or exactly at 75
        ("SUMMARY:" + "a" * 66 + "📅 scadenza", 2),  # 4-octet emoji starting at octet 75
        ("SUMMARY:" + "a" * 64 + "📅 scadenza", 2),  # emoji straddling 73..76
        ("SUMMARY:" + "a" * 63 + "📅", 1),  # emoji ending at exactly 75
        ("SUMMARY:" + "“" * 30, 2),  # 3-octet quotes
        ("SUMMARY:" + "𝄞" * 40, 3),  # 4-octet characters only
        ("LOCATION:Forlì" + " " * 70 + "fine", 2),  # fold among spaces: unfolding must keep them
        ("DESCRIPTION:" + "Città metropolitana di Bologna, “Patto” 📅 n. 3. " * 20, None),
        ("DESCRIPTION:" + "à" * 1000, None),
        ("DESCRIPTION:" + "a" * 1000, None),
    ],
)
def test_fold(line: str, count: int | None) -> None:
    physical = _check_fold(line)
    if count is not None:
        assert len(physical) == count


def test_fold_short_line_is_unchanged() -> None:
    assert fold("SUMMARY:Bando") == b"SUMMARY:Bando"
    assert fold("SUMMARY:perché") == "SUMMARY:perché".encode()


def test_fold_refuses_line_breaks() -> None:
    with pytest.raises(ValueError):
        fold("SUMMARY:a\r\nb")


# --- uid and durations ----------------------------------------------------------------------------------


def test_stable_uid() -> None:
    uid = stable_uid(SHA, "deadline", "2026-11-30", "Presentazione domande")
    assert uid == stable_uid(SHA, "deadline", "2026-11-30", "Presentazione domande")
    assert uid.endswith("@patti")
    assert re.fullmatch(r"[0-9a-f-]{36}@patti", uid)
    others = {
        stable_uid(SHA, "deadline", "2026-11-30", "Presentazione domande "),
        stable_uid(SHA, "deadline", "2026-12-01", "Presentazione domande"),
        stable_uid(SHA, "event", "2026-11-30", "Presentazione domande"),
        stable_uid("ab", "c"),
        stable_uid("a", "bc"),
        stable_uid("abc"),
        stable_uid("a", "b", "c"),
    }
    assert len(others) == 7
    assert uid not in others
    with pytest.raises(ValueError):
        stable_uid()


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (timedelta(days=7), "P1W"),
        (timedelta(days=14), "P2W"),
        (-timedelta(days=7), "-P1W"),
        (-timedelta(days=3), "-P3D"),
        (-timedelta(hours=1), "-PT1H"),
        (-timedelta(days=1, hours=2), "-P1DT2H"),
        (-timedelta(minutes=30), "-PT30M"),
        (timedelta(hours=1, seconds=5), "PT1H0M5S"),
        (timedelta(days=1, minutes=1), "P1DT1M"),
        (timedelta(seconds=59), "PT59S"),
        (timedelta(0), "PT0S"),
        (timedelta(days=8), "P8D"),
    ],
)
def test_format_duration(value: timedelta, text: str) -> None:
    assert format_duration(value) == text


# --- whole calendars through both parsers ---------------------------------------------------------------

EVENTS = [
    CalendarEvent(
        uid=stable_uid(SHA, "deadline", "2026-11-30"),
        summary="Scadenza: presentazione “manifestazioni d’interesse” 📅",
        start=date(2026, 11, 30),
        description="Le domande vanno inviate via PEC; allegare l’ISEE, il modulo A e la carta d’identità.\n"
        "Art. 5, comma 2: “non sono ammesse integrazioni”. Perché? Vedi C:\\bandi\\2026.",
        location="Comune di Forlì, Piazza Saffi 8",
        url="https://www.comune.forli.fc.it/bandi?id=42&tipo=welfare,sociale",
        categories=("Scadenza", "Welfare, inclusione", "Terzo settore; ETS", "Città"),
        alarms=(
            Alarm(timedelta(days=7), "Tra una settimana: manifestazioni d’interesse"),
            Alarm(timedelta(days=1, hours=2), "Domani 📅"),
        ),
        last_modified=datetime(2026, 5, 1, 9, 15, 30, tzinfo=UTC),
    ),
    CalendarEvent(
        uid=stable_uid(SHA, "event", "2026-06-15T10:00"),
        summary="Tavolo di co-progettazione — ambito distrettuale",
        start=datetime(2026, 6, 15, 10, 0),
        end=datetime(2026, 6, 15, 12, 30),
        location="Sala del Consiglio",
        alarms=(Alarm(timedelta(hours=1), "Fra un’ora"),),
    ),
    CalendarEvent(
        uid=stable_uid(SHA, "deadline", "2027-01-10T12:00"),
        summary="Rendicontazione entro le ore 12",
        start=datetime(2027, 1, 10, 12, 0),
    ),
    CalendarEvent(
        uid=stable_uid(SHA, "period", "2026-09-01"),
        summary="Periodo di apertura dello sportello",
        start=date(2026, 9, 1),
        end=date(2026, 9, 15),
        categories=("Sportello",),
    ),
]


@pytest.fixture(scope="module")
def feed() -> bytes:
    return render(EVENTS, description="Scadenze estratte dai patti; non ufficiale.", refresh=timedelta(hours=6))


def _expected_start_end(event: CalendarEvent) -> tuple[date | datetime, date | datetime]:
    if isinstance(event.start, datetime):
        end = event.end or event.start + timedelta(hours=1)
        assert isinstance(end, datetime)
        return event.start.replace(tzinfo=ROME), end.replace(tzinfo=ROME)
    return event.start, event.end or event.start + timedelta(days=1)


def test_feed_is_well_formed(feed: bytes) -> None:
    assert_well_formed(feed)
    assert feed.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//patti//patti feed//IT\r\n")
    assert feed.endswith(b"END:VCALENDAR\r\n")
    text = unfold(feed)
    for line in (
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Scadenze — Comune di Forlì",
        "X-WR-CALDESC:Scadenze estratte dai patti\\; non ufficiale.",
        "X-WR-TIMEZONE:Europe/Rome",
        "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
        "X-PUBLISHED-TTL:PT6H",
    ):
        assert f"\r\n{line}\r\n" in text
    assert text.count("BEGIN:VTIMEZONE") == 1
    assert text.count("BEGIN:VEVENT") == len(EVENTS)
    assert "DTSTART;TZID=Europe/Rome:20260615T100000\r\nDTEND;TZID=Europe/Rome:20260615T123000" in text
    assert "DTSTART;TZID=Europe/Rome:20270110T120000\r\nDTEND;TZID=Europe/Rome:20270110T130000" in text
    assert "TRIGGER:-P1W\r\n" in text
    assert "TRIGGER:-P1DT2H\r\n" in text
    assert "TRIGGER:-PT1H\r\n" in text
    assert text.count("DTSTAMP:20260504T083000Z\r\n") == len(EVENTS)


def test_all_day_dates_are_exclusive(feed: bytes) -> None:
    text = unfold(feed)
    assert "DTSTART;VALUE=DATE:20261130\r\nDTEND;VALUE=DATE:20261201\r\n" in text
    assert "DTSTART;VALUE=DATE:20260901\r\nDTEND;VALUE=DATE:20260915\r\n" in text
    # Across a month and a year boundary.
    one = unfold(render([CalendarEvent(uid="u", summary="s", start=date(2026, 12, 31))]))
    assert "DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n" in one
    assert one.count("TRANSP:TRANSPARENT") == 1


def test_icalendar_round_trip(feed: bytes) -> None:
    calendar = icalendar.Calendar.from_ical(feed)
    # icalendar keeps X- properties undecoded, so they compare escaped.
    assert str(calendar["X-WR-CALNAME"]) == "Scadenze — Comune di Forlì"
    assert str(calendar["X-WR-CALDESC"]) == "Scadenze estratte dai patti\\; non ufficiale."
    assert calendar.decoded("REFRESH-INTERVAL") == timedelta(hours=6)
    parsed = calendar.walk("VEVENT")
    assert len(parsed) == len(EVENTS)
    for event, component in zip(EVENTS, parsed, strict=True):
        assert str(component["UID"]) == event.uid
        assert str(component["SUMMARY"]) == event.summary
        assert component.decoded("DTSTAMP") == STAMP
        start, end = _expected_start_end(event)
        assert component.decoded("DTSTART") == start
        assert component.decoded("DTEND") == end
        assert type(component.decoded("DTSTART")) is type(start)
        assert (str(component["DESCRIPTION"]) if "DESCRIPTION" in component else None) == event.description
        assert (str(component["LOCATION"]) if "LOCATION" in component else None) == event.location
        assert (str(component["URL"]) if "URL" in component else None) == event.url
        assert ical_categories(component) == list(event.categories)
        if event.last_modified:
            assert component.decoded("LAST-MODIFIED") == event.last_modified
        alarms = component.walk("VALARM")
        assert [(str(a["ACTION"]), str(a["DESCRIPTION"]), a.decoded("TRIGGER")) for a in alarms] == [
            ("DISPLAY", alarm.description, -alarm.before) for alarm in event.alarms
        ]


def test_vobject_round_trip(feed: bytes) -> None:
    calendar = vobject.readOne(feed.decode())
    assert calendar.contents["x-wr-calname"][0].value == "Scadenze — Comune di Forlì"
    assert calendar.contents["x-wr-caldesc"][0].value == "Scadenze estratte dai patti; non ufficiale."
    parsed = calendar.vevent_list
    assert len(parsed) == len(EVENTS)
    for event, component in zip(EVENTS, parsed, strict=True):
        assert component.uid.value == event.uid
        assert component.summary.value == event.summary
        assert component.dtstamp.value == STAMP
        start, end = _expected_start_end(event)
        assert component.dtstart.value == start
        assert component.dtend.value == end
        assert type(component.dtstart.value) is type(start)
        assert (component.description.value if "description" in component.contents else None) == event.description
        assert (component.location.value if "location" in component.contents else None) == event.location
        assert (component.url.value if "url" in component.contents else None) == event.url
        categories = component.categories.value if "categories" in component.contents else []
        assert categories == list(event.categories)
        if event.last_modified:
            assert component.last_modified.value == event.last_modified
        alarms = component.contents.get("valarm", [])
        assert [(a.action.value, a.description.value, a.trigger.value) for a in alarms] == [
            ("DISPLAY", alarm.description, -alarm.before) for alarm in event.alarms
        ]


@pytest.mark.parametrize("events", [[], [CalendarEvent(uid="solo", summary="Giornata", start=date(2026, 1, 6))]])
def test_minimal_calendars_are_valid(events: list[CalendarEvent]) -> None:
    raw = render_calendar(events, name="Vuoto", dtstamp=STAMP)
    assert_well_formed(raw)
    assert b"X-WR-CALDESC" not in raw
    assert b"REFRESH-INTERVAL" not in raw
    assert b"X-PUBLISHED-TTL" not in raw
    assert len(icalendar.Calendar.from_ical(raw).walk("VEVENT")) == len(events)
    assert len(vobject.readOne(raw.decode()).contents.get("vevent", [])) == len(events)


# --- time zone ------------------------------------------------------------------------------------------


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def _rome_table() -> list[datetime]:
    """Local times 2024–2030: ordinary days and both change days, around (not inside) the spring gap.

    The gap itself (02:00–02:59 on the March Sunday) is left out: RFC 5545 and zoneinfo read it with the
    offset before the gap, dateutil (behind vobject and icalendar's VTIMEZONE path) with the one after.
    """
    table = []
    for year in range(2024, 2031):
        spring, autumn = _last_sunday(year, 3), _last_sunday(year, 10)
        for day in (date(year, 1, 15), date(year, 7, 15), spring - timedelta(days=1), autumn + timedelta(days=1)):
            table.append(datetime(day.year, day.month, day.day, 12, 0))
        for hour, minute in ((0, 0), (1, 0), (1, 59), (3, 0), (3, 1), (23, 59)):
            table.append(datetime(spring.year, spring.month, spring.day, hour, minute))
        # 02:30 on the autumn day happens twice; a TZID local time means the first (CEST) occurrence.
        for hour, minute in ((0, 0), (1, 59), (2, 0), (2, 30), (2, 59), (3, 0), (3, 1), (23, 59)):
            table.append(datetime(autumn.year, autumn.month, autumn.day, hour, minute))
    return table


ROME_TABLE = _rome_table()


@pytest.fixture(scope="module")
def rome_feed() -> bytes:
    events = [CalendarEvent(uid=f"tz-{i}", summary="ora", start=local) for i, local in enumerate(ROME_TABLE)]
    return render(events)


def _expected_utc() -> list[datetime]:
    return [local.replace(tzinfo=ROME).astimezone(UTC) for local in ROME_TABLE]


def test_table_covers_both_offsets() -> None:
    offsets = {local.replace(tzinfo=ROME).utcoffset() for local in ROME_TABLE}
    assert offsets == {timedelta(hours=1), timedelta(hours=2)}
    assert _last_sunday(2026, 3) == date(2026, 3, 29)
    assert _last_sunday(2026, 10) == date(2026, 10, 25)


def test_offsets_match_zoneinfo_icalendar(rome_feed: bytes) -> None:
    parsed = icalendar.Calendar.from_ical(rome_feed).walk("VEVENT")
    assert [c.decoded("DTSTART").astimezone(UTC) for c in parsed] == _expected_utc()


def test_offsets_match_zoneinfo_from_our_vtimezone(rome_feed: bytes) -> None:
    # icalendar maps the name Europe/Rome straight to zoneinfo; under an unknown TZID it has to build the
    # zone from our VTIMEZONE text, which is what this checks.
    renamed = rome_feed.replace(b"Europe/Rome", b"Patti-Test/Rome")
    calendar = icalendar.Calendar.from_ical(renamed)
    parsed = calendar.walk("VEVENT")
    assert not isinstance(parsed[0].decoded("DTSTART").tzinfo, ZoneInfo)
    assert [c.decoded("DTSTART").astimezone(UTC) for c in parsed] == _expected_utc()


def test_offsets_match_zoneinfo_vobject(rome_feed: bytes) -> None:
    # vobject always builds the zone from the VTIMEZONE component (through dateutil).
    parsed = vobject.readOne(rome_feed.decode()).vevent_list
    assert not isinstance(parsed[0].dtstart.value.tzinfo, ZoneInfo)
    assert [c.dtstart.value.astimezone(UTC) for c in parsed] == _expected_utc()


def test_aware_datetimes_are_written_in_rome_time() -> None:
    start = datetime(2026, 7, 1, 8, 0, tzinfo=UTC)
    text = unfold(render([CalendarEvent(uid="u", summary="s", start=start)]))
    assert "DTSTART;TZID=Europe/Rome:20260701T100000\r\nDTEND;TZID=Europe/Rome:20260701T110000\r\n" in text


def test_second_occurrence_of_repeated_hour_is_written_in_utc() -> None:
    # 01:30 UTC on 25 October 2026 is 02:30 CET, the second 02:30 of the night: no TZID form says that.
    start = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    raw = render([CalendarEvent(uid="u", summary="s", start=start)])
    assert "DTSTART:20261025T013000Z\r\n" in unfold(raw)
    assert icalendar.Calendar.from_ical(raw).walk("VEVENT")[0].decoded("DTSTART") == start


def test_spring_gap_is_written_as_given() -> None:
    text = unfold(render([CalendarEvent(uid="u", summary="s", start=datetime(2026, 3, 29, 2, 30))]))
    assert "DTSTART;TZID=Europe/Rome:20260329T023000\r\n" in text


# --- hostile input --------------------------------------------------------------------------------------

HOSTILE = [
    "Bando\x00 con\x07 controlli\x1b[0m e\x7f DEL",
    "END:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:iniettato",
    "END:VCALENDAR\nX-EVIL:1",
    ";;;,,,\\\\:::",
    ",",
    "\\",
    "   spazi   ",
    "\ttab all’inizio e\talla fine\t",
    "separatori\u2028di\u2029riga\x85NEL",
    "📅" * 200,
    "è" * 5000,
    ("Città metropolitana, “patto”; 𝄞 " * 300).strip(),
]
CLEANED = {
    "Bando\x00 con\x07 controlli\x1b[0m e\x7f DEL": "Bando con controlli[0m e DEL",
    "END:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:iniettato": "END:VEVENT\nBEGIN:VEVENT\nSUMMARY:iniettato",
    "separatori\u2028di\u2029riga\x85NEL": "separatori\ndi\nriga\nNEL",
}


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_stays_valid(text: str) -> None:
    event = CalendarEvent(
        uid="u@patti",
        summary=text,
        start=date(2026, 11, 30),
        description=text,
        location=text,
        categories=(text, "Welfare"),
        alarms=(Alarm(timedelta(days=2), text),),
    )
    raw = render([event], name=text, description=text)
    assert_well_formed(raw)
    assert unfold(raw).count("\r\nBEGIN:VEVENT\r\n") == 1
    expected = CLEANED.get(text, text)

    calendar = icalendar.Calendar.from_ical(raw)
    [component] = calendar.walk("VEVENT")
    assert str(calendar["X-WR-CALNAME"]) == escape_text(expected)  # an X- property: left escaped
    assert str(component["SUMMARY"]) == expected
    assert str(component["DESCRIPTION"]) == expected
    assert str(component["LOCATION"]) == expected
    assert ical_categories(component) == [expected, "Welfare"]
    assert str(component.walk("VALARM")[0]["DESCRIPTION"]) == expected

    vcalendar = vobject.readOne(raw.decode())
    assert vcalendar.contents["x-wr-calname"][0].value == expected
    assert vcalendar.contents["x-wr-caldesc"][0].value == expected
    [vevent] = vcalendar.vevent_list
    assert vevent.summary.value == expected
    assert vevent.description.value == expected
    assert vevent.location.value == expected
    assert vevent.categories.value == [expected, "Welfare"]
    assert vevent.valarm.description.value == expected


def test_url_loses_line_breaks_and_controls() -> None:
    url = "https://example.it/bando?a=1,2;b=3\r\nX-EVIL:1\x00"
    raw = render([CalendarEvent(uid="u", summary="s", start=date(2026, 1, 1), url=url)])
    assert_well_formed(raw)
    assert "\r\nURL:https://example.it/bando?a=1,2;b=3X-EVIL:1\r\n" in unfold(raw)


def test_empty_texts() -> None:
    event = CalendarEvent(
        uid="u",
        summary="",
        start=date(2026, 1, 1),
        description="",
        location="",
        url="",
        categories=("", "\x00"),
        alarms=(Alarm(timedelta(hours=1), ""),),
    )
    raw = render([event])
    assert_well_formed(raw)
    text = unfold(raw)
    assert "\r\nSUMMARY:\r\n" in text
    for name in ("LOCATION", "URL", "CATEGORIES"):
        assert f"\r\n{name}" not in text
    # The alarm's DESCRIPTION is mandatory, so it is the only DESCRIPTION, and here it is empty.
    assert text.count("DESCRIPTION") == 1
    assert len(icalendar.Calendar.from_ical(raw).walk("VEVENT")) == 1


def test_alarm_without_description_uses_summary() -> None:
    event = CalendarEvent(uid="u", summary="Scadenza, bando", start=date(2026, 1, 1), alarms=(Alarm(timedelta(0), ""),))
    text = unfold(render([event]))
    assert "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Scadenza\\, bando\r\nTRIGGER:PT0S\r\nEND:VALARM" in text


# --- refused input --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "event",
    [
        CalendarEvent(uid="u", summary="s", start=date(2026, 1, 2), end=date(2026, 1, 2)),
        CalendarEvent(uid="u", summary="s", start=date(2026, 1, 2), end=date(2026, 1, 1)),
        CalendarEvent(uid="u", summary="s", start=date(2026, 1, 2), end=datetime(2026, 1, 3, 10)),
        CalendarEvent(uid="u", summary="s", start=datetime(2026, 1, 2, 10), end=date(2026, 1, 3)),
        CalendarEvent(uid="u", summary="s", start=datetime(2026, 1, 2, 10), end=datetime(2026, 1, 2, 10)),
        CalendarEvent(uid="u", summary="s", start=date(2026, 1, 2), last_modified=datetime(2026, 1, 1)),
    ],
)
def test_refused_events(event: CalendarEvent) -> None:
    with pytest.raises(ValueError):
        render([event])


def test_refused_calendar_arguments() -> None:
    with pytest.raises(ValueError):
        render_calendar([], name="x", dtstamp=datetime(2026, 1, 1))
    with pytest.raises(ValueError):
        render([], refresh=timedelta(0))


def test_many_events_render() -> None:
    events = [
        CalendarEvent(
            uid=stable_uid(SHA, str(i)),
            summary=f"Scadenza n. {i} — “domanda” di contributo, città di Forlì",
            start=date(2026, 1, 1) + timedelta(days=i % 365),
            description="Allegare ISEE; modulo A, B e C.\n" * 5,
            categories=("Scadenza",),
            alarms=(Alarm(timedelta(days=7), "Tra una settimana"),),
        )
        for i in range(300)
    ]
    raw = render(events)
    assert_well_formed(raw)
    assert len(vobject.readOne(raw.decode()).vevent_list) == 300
