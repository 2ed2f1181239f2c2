"""Properties of the date parser: any valid day, written in any supported Italian form, reads back as itself."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from functools import cache

from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractor.nlp import analyze
from extractor.recognizers.dates import find_dates
from extractor.recognizers.dates.clock import find_times
from extractor.recognizers.dates.words import calendar as word_list

# Reproducible in CI: fixed seed, no example database.
PROPERTY = settings(derandomize=True, database=None, deadline=None, max_examples=60)

# The oracle spells Italian itself instead of reading the word list the parser is built from.
MONTHS = [
    "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
    "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
]  # fmt: skip
WEEKDAYS = ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"]

# Two-digit years are read as 19xx or 20xx around the latest year in the text;
# alone in a text, 00-30 are 20xx.
days = st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31))
recent_days = st.dates(dt.date(1931, 1, 1), dt.date(2030, 12, 31))
Form = Callable[[dt.date], str]


def _abbreviation(d: dt.date) -> str:
    # dates.toml lists the abbreviations accepted after a day number: that list is the claim checked.
    short = word_list()["months"][str(d.month)][1:]
    return f"{d.day} {short[d.year % len(short)]}. {d.year}"


def _short_weekday(d: dt.date) -> str:
    return word_list()["weekdays"][str(d.weekday())][1]


FORMS: dict[str, Form] = {
    "textual": lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    "zero-padded day": lambda d: f"{d.day:02d} {MONTHS[d.month - 1]} {d.year}",
    "capitalised": lambda d: f"{d.day} {MONTHS[d.month - 1].capitalize()} {d.year}",
    "upper case": lambda d: f"{d.day} {MONTHS[d.month - 1].upper()} {d.year}",
    "di month": lambda d: f"{d.day} di {MONTHS[d.month - 1]} {d.year}",
    "del year": lambda d: f"{d.day} {MONTHS[d.month - 1]} del {d.year}",
    "comma year": lambda d: f"{d.day} {MONTHS[d.month - 1]}, {d.year}",
    "abbreviated": _abbreviation,
    "weekday": lambda d: f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year}",
    "weekday comma": lambda d: f"{WEEKDAYS[d.weekday()].capitalize()}, {d.day} {MONTHS[d.month - 1]} {d.year}",
    "weekday unaccented": lambda d: f"{WEEKDAYS[d.weekday()].replace('ì', 'i')} {d.day} {MONTHS[d.month - 1]} {d.year}",
    "slashes": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    "short slashes": lambda d: f"{d.day}/{d.month}/{d.year}",
    "dots": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    "short dots": lambda d: f"{d.day}.{d.month}.{d.year}",
    "dashes": lambda d: f"{d.day}-{d.month}-{d.year}",
    "iso": lambda d: d.isoformat(),
    "weekday numeric": lambda d: f"{WEEKDAYS[d.weekday()]} {d.day:02d}/{d.month:02d}/{d.year}",
    "short weekday": lambda d: f"{_short_weekday(d)}. {d.day} {MONTHS[d.month - 1]} {d.year}",
    "short weekday numeric": lambda d: f"{_short_weekday(d).capitalize()} {d.day}/{d.month}/{d.year}",
}
# The first of the month has its ordinal forms.
FIRST_FORMS: dict[str, Form] = {
    "degree": lambda d: f"1° {MONTHS[d.month - 1]} {d.year}",
    "masculine ordinal": lambda d: f"1º {MONTHS[d.month - 1]} {d.year}",
    "primo": lambda d: f"primo {MONTHS[d.month - 1]} {d.year}",
}
# Sentences a date stands in; "{}" is the date.
SENTENCES = [
    "{}",
    "Nota del {}.",
    "Le domande vanno presentate entro il {} tramite PEC.",
    "La convenzione è stata firmata il {} a Lecco.",
    "L'assemblea si terrà il {} in sala consiliare.",
    "Ai sensi della legge {}, n. 328.",
]


def dates_of(text: str) -> list[tuple[dt.date, str | None]]:
    return [(item.date, item.time) for item in find_dates(analyze(text)).dates]


def day_in(text: str, span: tuple[int, int], day: int) -> bool:
    """True when the text at ``span`` writes ``day`` as a number or as the first."""
    written = text[span[0] : span[1]]
    return bool(re.search(rf"(?<!\d)0?{day}(?!\d)", written)) or (day == 1 and "primo" in written.lower())


@PROPERTY
@given(days, st.sampled_from(sorted(FORMS)), st.sampled_from(SENTENCES))
@example(dt.date(2024, 2, 29), "textual", "{}")
@example(dt.date(2025, 3, 3), "weekday", "Nota del {}.")
@example(dt.date(2000, 3, 10), "short weekday", "{}")  # was read as "ven. 1", the 10 March lost
@example(dt.date(2022, 3, 12), "short weekday numeric", "{}")  # was read as "Sab 1"
def test_every_form_reads_back_as_its_day(day: dt.date, form: str, sentence: str) -> None:
    text = sentence.format(FORMS[form](day))
    (item,) = find_dates(analyze(text)).dates
    assert item.date == day
    assert all(day_in(text, span, day.day) for span in item.spans)


@PROPERTY
@given(days.map(lambda d: d.replace(day=1)), st.sampled_from(sorted(FIRST_FORMS)), st.sampled_from(SENTENCES))
def test_the_first_of_the_month_in_ordinal_form(day: dt.date, form: str, sentence: str) -> None:
    text = sentence.format(FIRST_FORMS[form](day))
    assert [d for d, _ in dates_of(text)] == [day]


@PROPERTY
@given(recent_days, st.sampled_from(["/", ".", "-"]))
def test_two_digit_years(day: dt.date, sep: str) -> None:
    text = f"Nota del {day.day:02d}{sep}{day.month:02d}{sep}{day.year % 100:02d}."
    assert dates_of(text) == [(day, None)]


@PROPERTY
@given(days, st.sampled_from(sorted(FORMS)))
def test_a_span_alone_reads_as_the_same_day(day: dt.date, form: str) -> None:
    """What a span points at is the whole date: reading it alone gives the day again."""
    text = f"Con riferimento alla nota del {FORMS[form](day)} si comunica quanto segue."
    (item,) = find_dates(analyze(text)).dates
    for start, end in item.spans:
        assert [d for d, _ in dates_of(text[start:end])] == [day]


@PROPERTY
@given(days, st.sampled_from(WEEKDAYS))
def test_a_weekday_beside_a_full_date_never_moves_it(day: dt.date, weekday: str) -> None:
    """A weekday that contradicts the written date is the typo, not the date."""
    assert dates_of(f"Riunione di {weekday} {day.day} {MONTHS[day.month - 1]} {day.year}.") == [(day, None)]


TIMED = [
    "Le domande devono pervenire entro le ore {h}:{m:02d} del {d}.",
    "Le domande devono pervenire entro le ore {h}.{m:02d} del giorno {d}.",
    "Inviare la scheda entro il {d} alle ore {h}:{m:02d}.",
    "L'incontro si terrà il {d} alle {h}.{m:02d} presso la biblioteca.",
    "Seduta del {d}, h. {h},{m:02d}.",
    "Alle {h}:{m:02d} di {d} la cena sociale.",
    "Il convegno si svolgerà il {d} dalle {h}.{m:02d} alle 23.",
]


@PROPERTY
@given(
    days,
    st.sampled_from(["textual", "weekday", "slashes", "dots"]),
    st.integers(0, 23),
    st.integers(0, 59),
    st.sampled_from(TIMED),
)
@example(dt.date(2025, 3, 3), "textual", 12, 0, TIMED[0])
def test_date_and_time_read_back(day: dt.date, form: str, hour: int, minute: int, sentence: str) -> None:
    text = sentence.format(d=FORMS[form](day), h=hour, m=minute)
    assert dates_of(text) == [(day, f"{hour:02d}:{minute:02d}")]


CLOCK = ["ore {h}:{m:02d}", "alle ore {h}.{m:02d}", "h. {h},{m:02d}", "alle {h} e {m:02d}"]


@settings(PROPERTY, max_examples=300)
@given(st.integers(0, 23), st.integers(0, 59), st.sampled_from(CLOCK))
def test_times_read_back(hour: int, minute: int, written: str) -> None:
    assert [t.hhmm for t in find_times(written.format(h=hour, m=minute))] == [f"{hour:02d}:{minute:02d}"]


@settings(PROPERTY, max_examples=100)
@given(st.integers(1, 11), st.sampled_from(word_list()["clock"]["afternoon"]))
def test_afternoon_words_move_the_hour(hour: int, qualifier: str) -> None:
    assert [t.hhmm for t in find_times(f"alle {hour} {qualifier}")] == [f"{hour + 12:02d}:00"]


@cache
def _past_the_end(years: tuple[int, ...] = (2023, 2024)) -> list[tuple[int, int, int]]:
    """Every (year, month, day) whose day number lies past the month's end, up to 31."""
    return [
        (year, month, day)
        for year in years
        for month in range(1, 13)
        for day in range(calendar.monthrange(year, month)[1] + 1, 32)
    ]


INVALID = [
    "Nota del {d} {M} {y}.",
    "Nota del {d:02d}/{m:02d}/{y}.",
    "Nota del {d}.{m}.{y}.",
    "Nota del {y}-{m:02d}-{d:02d}.",
    "Incontri il {d} e il 10 {M} {y}.",
    "Iscrizioni dal {d} {M} al 10 dicembre {y}.",
]


@PROPERTY
@given(st.sampled_from(_past_the_end()), st.sampled_from(INVALID))
@example((2023, 2, 29), INVALID[0])
@example((2025, 2, 30), INVALID[1])
@example((2100, 2, 29), INVALID[2])
def test_days_past_the_end_of_the_month_are_never_read(ymd: tuple[int, int, int], sentence: str) -> None:
    year, month, day = ymd
    text = sentence.format(d=day, m=month, M=MONTHS[month - 1], y=year)
    # Only the valid tenth of a list or range is read, never a neighbouring day.
    assert {(d.month, d.day) for d, _ in dates_of(text)} <= {(month, 10), (12, 10)}


@PROPERTY
@given(st.sampled_from(_past_the_end((2024,))), st.sampled_from([2023, 2024]))
def test_yearless_days_past_the_end_of_the_month_are_never_read(ymd: tuple[int, int, int], year: int) -> None:
    """Days no year has (30 February, 31 April) give no date; 29 February may fall in a leap year nearby."""
    _, month, day = ymd
    text = f"Documento del 12 febbraio {year}. Le schede vanno inviate entro il {day} {MONTHS[month - 1]}."
    assert dates_of(text) == [(dt.date(year, 2, 12), None)]


@PROPERTY
@given(days.filter(lambda d: 1901 <= d.year <= 2098), st.integers(1, 28), st.integers(1, 12))
def test_a_yearless_day_falls_in_the_years_around_the_document(document: dt.date, day: int, month: int) -> None:
    if (month, day) == (document.month, document.day):
        return  # one item: the document's own date
    text = f"Documento del {FORMS['textual'](document)}. Le schede vanno inviate entro il {day} {MONTHS[month - 1]}."
    (date,) = [d for d, _ in dates_of(text) if d != document]
    assert (date.month, date.day) == (month, day)
    assert abs(date.year - document.year) <= 1


@PROPERTY
@given(days.filter(lambda d: 1901 <= d.year <= 2098), st.integers(1, 99), st.sampled_from(["giorni", "settimane"]))
def test_days_counted_from_the_document(document: dt.date, n: int, unit: str) -> None:
    step = dt.timedelta(days=n * (7 if unit == "settimane" else 1))
    head = f"Documento del {FORMS['textual'](document)}."
    assert (document + step, None) in dates_of(f"{head} La consegna è prevista tra {n} {unit}.")
    assert (document - step, None) in dates_of(f"{head} La richiesta è arrivata {n} {unit} fa.")


@PROPERTY
@given(st.sampled_from(WEEKDAYS), st.integers(100, 99_999))
@example("giovedì", 153)
def test_a_weekday_before_a_long_number_names_no_day(weekday: str, number: int) -> None:
    """The day of "martedì 19" is the whole number: "giovedì 153 iscritti" is not Thursday the 15th."""
    assert dates_of(f"Nota del 12 febbraio 2013. {weekday.capitalize()} {number} iscritti.") == [
        (dt.date(2013, 2, 12), None)
    ]


# Text a date may stand among: Italian words and numbers, date words, punctuation, line ends.
NOISE_WORDS = [
    "il", "la", "del", "dal", "al", "entro", "ore", "alle", "e", "di", "n.", "fa", "tra", "giorni", "mesi",
    "prossimo", "scorso", "oggi", "domani", *MONTHS[:3], *WEEKDAYS[:3], "Natale", "2024", "15", "3/4", "1°",
    "12:30", "legge", "D.G.R.",
]  # fmt: skip
noise = st.lists(
    st.sampled_from(NOISE_WORDS) | st.text(st.sampled_from("aeiouàèlnrst0123456789 ,;:/.-'’()\n"), max_size=6),
    max_size=12,
).map(" ".join)


@settings(PROPERTY, max_examples=150)
@given(noise, days, st.sampled_from(sorted(FORMS)), noise)
@example("lunedì", dt.date(2000, 1, 1), "dashes", "")  # "lunedì. 1" took the day of 1-1-2000
def test_a_date_set_apart_is_found_whatever_surrounds_it(before: str, day: dt.date, form: str, after: str) -> None:
    text = f"{before}. {FORMS[form](day)}. {after}"
    items = find_dates(analyze(text)).dates
    assert day in [item.date for item in items]
    for item in items:
        assert all(0 <= start < end <= len(text) for start, end in item.spans)


# Letters re.IGNORECASE takes for these, though str.lower() keeps them apart; case is kept.
TWINS = {"s": "ſ", "i": "ı", "I": "İ", "k": "\u212a", "K": "\u212a"}
DATE_PHRASES = [
    "Entro il 3 settembre 2013.",
    "Il primo marzo 2013 si firma.",
    "Dal primo dicembre al 15 gennaio 2014.",
    "Il secondo lunedì di marzo.",
    "Martedì prossimo alle 5 del pomeriggio.",
    "Lunedì scorso, giovedì 14 marzo.",
    "Ci vediamo stasera.",
    "Tra sei settimane, tre mesi fa, fra quindici giorni.",
    "Il giorno di Santo Stefano e la festa della mamma.",
    "Ieri, oggi e dopodomani.",
    "L'ultimo giorno di settembre.",
    "Sabato 16 marzo alle ore 9 di sera.",
    "Il sabato mattina.",
]


def read(text: str) -> list[tuple[dt.date, str | None, str]]:
    return [(item.date, item.time, item.kind) for item in find_dates(analyze(text)).dates]


@settings(PROPERTY, max_examples=150)
@given(st.sampled_from(DATE_PHRASES), st.integers(0, 2**64 - 1))
@example("Ci vediamo stasera.", 2**64 - 1)
@example("Il secondo lunedì di marzo.", 2**64 - 1)
@example("Martedì prossimo alle 5 del pomeriggio.", 2**64 - 1)
@example("Il primo marzo 2013 si firma.", 2**64 - 1)
@example("Lunedì scorso, giovedì 14 marzo.", 2**64 - 1)
@example("Il sabato mattina.", 2**64 - 1)
def test_any_spelling_the_patterns_accept_reads_the_same(phrase: str, mask: int) -> None:
    """A word the patterns match, however its letters are written, is read as that word: never a crash."""
    spelt = "".join(TWINS[c] if c in TWINS and mask >> (i % 64) & 1 else c for i, c in enumerate(phrase))
    head = "Documento del 12 febbraio 2013. "
    assert read(head + spelt) == read(head + phrase)
