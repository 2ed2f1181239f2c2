"""Find date expressions in Italian text, before any year is inferred.

A ``Mention`` records what the text says (day, month, maybe year, weekday,
a relative offset…); ``years.resolve`` turns it into a calendar date.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from extractor.lexicon import lookup, trie_alternation
from extractor.recognizers.dates import words as w


@dataclass
class Mention:
    """One date expression as written; fields left None are not stated."""

    start: int
    end: int
    form: str
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None
    nth: int | None = None  # nth weekday of the month (-1: last), or nth day
    offset: int | None = None  # days from the document's date
    months: int | None = None  # calendar months from the document's date
    direction: int = 0  # next (+1), previous (-1) or this week's (0) weekday
    group: int | None = None  # the mentions of one list ("l'11, il 17 e il 24 maggio")
    time: str | None = None
    time_span: tuple[int, int] | None = None

    @property
    def explicit(self) -> bool:
        return self.year is not None and self.day is not None and self.month is not None


T = TypeVar("T")

_YEAR = r"(?P<year>(?:19|20)\d{2}|['’]\d{2})(?!\d)"
_ARTICLE = r"(?:(?:il|l['’]|lo|dal|al|del|dall['’]|dell['’]|all['’])\s*)"
_LIST_SEP = r"\s*(?:,|e|ed|al|-|–|/)\s*"
_OPENING_HOURS = re.compile(r"\b(?:apert[oaie]|apertura|orari[oi]?|ricevimento|ricev[eo]|chius[oaie])\b", re.I)


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    month, weekday, weekday_any, ordinal = w.month_re(), w.weekday_re(), w.weekday_any_re(), w.ordinal_re()
    cal = w.calendar()
    # Not right after a colon: "10:00\n- 10 marzo" has the minutes of a time, no list of days "00, 10 marzo".
    textual = rf"""
        (?<![\w/.\-:])
        (?:(?P<wd>{weekday})\s*,?\s+)?
        {_ARTICLE}?
        (?P<list>(?:\d{{1,2}}(?:°|º)?{_LIST_SEP}{_ARTICLE}?)+)?
        (?P<day>\d{{1,2}}|primo)(?:°|º)?
        \s+(?:di\s+|del\s+mese\s+di\s+)?
        (?P<month>{month})
        (?:\s*,?\s*(?:del(?:l['’]anno)?\s+)?{_YEAR})?
        (?![\w])
    """
    # "dal 1° marzo al 15 aprile 2024", "tra il 10 ottobre e il 18 novembre 2022": the start takes the year
    # written at the end.
    date_range = rf"""
        (?<![\w])(?:dal|dall['’]|da|(?:tra|fra)\s+(?:il|l['’]))\s*(?P<day1>\d{{1,2}}|primo)(?:°|º)?\s+(?P<month1>{month})
        \s+(?:al|all['’]|a|fino\s+al|sino\s+al|e\s+(?:il|l['’]))\s*
        (?P<day>\d{{1,2}})(?:°|º)?\s+(?P<month>{month})\s*,?\s*{_YEAR}(?![\w])
    """
    numeric = rf"""
        (?<![0-9A-Za-z.,/\-])
        (?:(?P<wd>{weekday})\s*,?\s+)?
        (?P<day>\d{{1,2}})(?P<sep>[./\-])(?P<month>\d{{1,2}})(?P=sep)(?P<year>\d{{4}}|\d{{2}})
        (?!\d|[./\-]\d)
    """
    iso = r"(?<![\d.\-])(?P<year>(?:19|20)\d{2})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?![\d])"
    # A day and month with no year: after an article or preposition, before a time, or after a weekday
    # ("mer 8/10" in a calendar's table).
    # The shared guard comes first, and the article's look-behinds only where a digit starts: tried at
    # every position of the text, they made this the slowest of the forms.
    day_month = rf"""
        (?<![\w/.\-])(?:
          (?=\d)(?:(?<=\bil\s)|(?<=\bl['’])|(?<=\bdal\s)|(?<=\bal\s)|(?<=\bdel\s)|(?<=\bgiorno\s)|(?<=\bentro\s))
          (?P<day>\d{{1,2}})/(?P<month>\d{{1,2}})(?![\d/]|[.,]\d)
        | (?P<day2>\d{{1,2}})/(?P<month2>\d{{1,2}})(?=\s+(?:alle|ore)\b)
        | (?P<wd>{weekday_any})\s*,?\s+(?P<day3>\d{{1,2}})/(?P<month3>\d{{1,2}})(?![\d/]|[.,]\d)
        )
    """
    nth_weekday = rf"""
        (?<![\w])(?:l['’]|il\s+|la\s+)?(?P<ord>{ordinal})\s+(?P<wd>{weekday})\s+
        (?:di|del|in|del\s+mese\s+di)\s+(?P<month>{month})(?:\s+{_YEAR})?(?![\w])
    """
    nth_day = rf"""
        (?<![\w])(?:l['’]|il\s+)?(?P<ord>{ordinal})\s+giorno\s+(?:di|del|dell['’])\s*(?:mese\s+di\s+)?
        (?P<month>{month})(?:\s+{_YEAR})?(?![\w])
    """
    # The whole number is the day: a first digit alone would leave "ven. 10 marzo" as "ven. 1".
    weekday_day = rf"(?<![\w])(?P<wd>{weekday_any})\s+(?P<day>\d{{1,2}})(?!\d|[/.:,]\d|\s*(?:°|º)?\s*(?:di\s+)?{month})"
    relative = rf"(?<![\w'’])(?P<rel>{trie_alternation(list(cal['relative_days']))})(?![\w])"
    number = rf"(?:\d{{1,2}}|{trie_alternation(list(cal['number_words']))})"
    units = trie_alternation(list(cal["relative_units"]))
    ago = rf"(?<![\w])(?P<n>{number})\s+(?P<unit>{units})\s+fa(?![\w])"
    ahead = rf"(?<![\w])(?:tra|fra)\s+(?P<n>{number})\s+(?P<unit>{units})(?![\w])"
    next_weekday = rf"""
        (?<![\w])(?:
            (?P<wd>{weekday})\s+(?P<dir>prossim[oa]|scors[oa]|dopo|di\s+questa\s+settimana)
          | (?P<dir2>prossim[oa]|scors[oa]|ultim[oa])\s+(?P<wd2>{weekday})
        )(?![\w])
    """
    # A weekday then a colon and hours is a line of a timetable ("venerdì: 9.00 - 12.30").
    bare_weekday = rf"(?<![\w'’])(?P<wd>{weekday})(?![\w])(?!\s*[,:]?\s*\d)"
    holiday_names = [n for table in w.holiday_lookup() for n in table]
    holidays = rf"(?<![\w])(?P<name>{trie_alternation(holiday_names)})(?:\s+(?:del\s+)?{_YEAR})?(?![\w])"
    # An act's formal date in words: "L'anno duemilaventiquattro, il giorno sedici del mese di dicembre",
    # or the day first: "il giorno sedici del mese di dicembre dell'anno duemilaventiquattro". Writers mix
    # in figures ("L'anno 2024, il giorno 12 del mese di marzo"); a day in figures first ("il giorno 5 di marzo
    # del 2024") is as often an event's date, and left to the other forms.
    spelled_year = r"(?:[a-zà-ù]{3,30}|\d{4})"
    spelled_day = r"(?:[a-zà-ù]{3,30}|\d{1,2}°?)"
    in_words = rf"""
        (?<![\w])(?:
            l['’]anno\s+(?P<yw>{spelled_year})\s*,?\s*(?:(?:il\s+)?giorno|addì|il)\s+(?P<dw>{spelled_day})
            \s+(?:del\s+mese\s+di|di)\s+(?P<month>{month})
          | (?:il\s+)?giorno\s+(?P<dw2>[a-zà-ù]{{3,30}})\s+(?:del\s+mese\s+di|di)\s+(?P<month2>{month})
            \s*,?\s*(?:dell['’]anno|del)\s+(?P<yw2>{spelled_year})
        )(?![\w])
    """
    flags = re.I | re.X
    return [
        ("in_words", re.compile(in_words, flags)),
        ("range", re.compile(date_range, flags)),
        ("textual", re.compile(textual, flags)),
        ("numeric", re.compile(numeric, flags)),
        ("iso", re.compile(iso, flags)),
        ("day_month", re.compile(day_month, flags)),
        ("nth_weekday", re.compile(nth_weekday, flags)),
        ("nth_day", re.compile(nth_day, flags)),
        ("weekday_day", re.compile(weekday_day, flags)),
        ("relative", re.compile(relative, flags)),
        ("ago", re.compile(ago, flags)),
        ("ahead", re.compile(ahead, flags)),
        ("next_weekday", re.compile(next_weekday, flags)),
        ("holiday", re.compile(holidays, flags)),
        ("bare_weekday", re.compile(bare_weekday, flags)),
    ]


def expand_year(written: str, pivot: int) -> int:
    """'2019' -> 2019; "'19" or '19' -> 2019 when 19 <= pivot % 100, else 1919."""
    digits = written.lstrip("'’")
    if len(digits) == 4:
        return int(digits)
    yy = int(digits)
    return 2000 + yy if yy <= pivot % 100 else 1900 + yy


def _known(table: Mapping[str, T], written: str) -> T:
    """The table's value for a word matched by a pattern built from that table."""
    value = lookup(table, written)
    if value is None:
        raise LookupError(f"{written!r} matched a pattern but is not in its word list")
    return value


def _day(written: str) -> int:
    # The pattern takes digits or "primo", in any letter case it ignores.
    return int(written) if written.isdigit() else 1


def _number(word: str) -> int:
    return int(word) if word.isdigit() else int(_known(w.calendar()["number_words"], word))


# The first day of a window written with the month once: "10 al " of "dal 10 al 25 settembre".
_RANGE_OPENING = re.compile(r"\d{1,2}(?:°|º)?\s*al\s*")
# The day and month groups of the three ways the ``day_month`` form is written.
_DAY_MONTH_GROUPS = (("day", "month"), ("day2", "month2"), ("day3", "month3"))


def _parse(form: str, m: re.Match[str], pivot: int, group: int) -> list[Mention]:
    """Mentions from one regex match (a list of days gives several)."""
    g = m.groupdict()
    year = expand_year(g["year"], pivot) if g.get("year") else None
    weekday = w.weekday_number(g["wd"]) if g.get("wd") else None
    if form == "textual":
        month = w.month_number(g["month"])
        last = _day(g["day"])
        days = [int(d) for d in re.findall(r"\d{1,2}", g["list"] or "")] + [last]
        list_start = m.start("list") if g["list"] else m.start("day")
        start = m.start("wd") if g.get("wd") else list_start
        if len(days) == 1:
            return [Mention(start, m.end(), form, last, month, year, weekday)]
        if len(days) == 2 and _RANGE_OPENING.fullmatch(g["list"]):
            # "dal 10 al 25 settembre": a window, not a list; its end is read from where it stands, as a
            # deadline when what is submitted closes then.
            return [
                Mention(start, m.end(), form, days[0], month, year, weekday),
                Mention(m.start("day"), m.end(), form, last, month, year, None),
            ]
        # Each day of a list shares the month, year and what follows.
        return [Mention(start, m.end(), form, d, month, year, None, group=group) for d in days]
    if form == "in_words":
        written_year, written_day = (g["yw"], g["dw"]) if g["yw"] else (g["yw2"], g["dw2"])
        spelled_year, day = w.number_in_words(written_year), w.number_in_words(written_day)
        month = w.month_number(g["month"] or g["month2"])
        if spelled_year is None or day is None:
            return []
        return [Mention(m.start(), m.end(), form, day, month, spelled_year)]
    if form == "range":
        first_month, last_month = w.month_number(g["month1"]), w.month_number(g["month"])
        first_day = _day(g["day1"])
        first_year = year - 1 if year and first_month and last_month and first_month > last_month else year
        return [
            Mention(m.start("day1"), m.end("month1"), "textual", first_day, first_month, first_year),
            Mention(m.start("day"), m.end(), "textual", int(g["day"]), last_month, year),
        ]
    if form in ("numeric", "iso"):
        return [Mention(m.start(), m.end(), form, int(g["day"]), int(g["month"]), year, weekday)]
    if form == "day_month":
        written_day, written_month = next((g[d], g[mo]) for d, mo in _DAY_MONTH_GROUPS if g[d])
        return [Mention(m.start(), m.end(), form, int(written_day), int(written_month), None, weekday)]
    if form == "nth_weekday":
        nth = _known(w.ordinal_lookup(), g["ord"])
        return [Mention(m.start(), m.end(), form, None, w.month_number(g["month"]), year, weekday, nth=nth)]
    if form == "nth_day":
        nth = _known(w.ordinal_lookup(), g["ord"])
        return [Mention(m.start(), m.end(), form, None, w.month_number(g["month"]), year, nth=nth)]
    if form == "weekday_day":
        return [Mention(m.start(), m.end(), form, int(g["day"]), None, None, weekday)]
    if form == "relative":
        offset = _known(w.calendar()["relative_days"], g["rel"].replace("’", "'"))
        return [Mention(m.start(), m.end(), form, offset=offset)]
    if form in ("ago", "ahead"):
        sign = -1 if form == "ago" else 1
        unit = _known(w.calendar()["relative_units"], g["unit"])
        if unit == "month":
            return [Mention(m.start(), m.end(), "relative", offset=0, months=sign * _number(g["n"]))]
        return [Mention(m.start(), m.end(), "relative", offset=sign * _number(g["n"]) * unit)]
    if form == "next_weekday":
        word = g["dir"] or g["dir2"]
        direction = -1 if re.match("scors|ultim", word, re.I) else (0 if re.search("questa", word, re.I) else 1)
        wd = w.weekday_number(g["wd"] or g["wd2"])
        return [Mention(m.start(), m.end(), form, weekday=wd, direction=direction)]
    if form == "holiday":
        name = w.strip_accents(g["name"].replace("’", "'"))
        holidays, weekday_holidays = w.holiday_lookup()
        if (fixed := lookup(holidays, name)) is not None:
            month, day = fixed
            return [Mention(m.start(), m.end(), "day_month", day, month, year)]
        month, wd, nth = _known(weekday_holidays, name)
        return [Mention(m.start(), m.end(), "nth_weekday", None, month, year, wd, nth=nth)]
    if form == "bare_weekday":
        return [Mention(m.start(), m.end(), form, weekday=weekday, direction=1)]
    raise ValueError(form)


def opening_hours(text: str) -> bool:
    """True when ``text`` speaks of opening hours ("aperto dalle 9 alle 12"), not of one day's time."""
    return bool(_OPENING_HOURS.search(text))


def _bare_weekday_is_a_date(text: str, m: re.Match[str], sentence: tuple[int, int]) -> bool:
    """A lone weekday names one day only without article and outside opening hours."""
    before = text[max(sentence[0], m.start() - 12) : m.start()]
    if re.search(
        r"(?:\b(?:il|la|lo|i|le|ogni|di|del|dal|al|alla|dalla|della|nei|nelle|tutti|tutte)|[’'])\s*$", before, re.I
    ):
        return False
    clause = text[sentence[0] : sentence[1]]
    if opening_hours(clause):
        return False
    return len(re.findall(w.weekday_re(), clause, re.I)) == 1


def find_mentions(text: str, sentence_at, pivot: int) -> list[Mention]:
    """Every date expression in ``text``, longest first where two overlap."""
    candidates: list[tuple[int, int, int, str, re.Match[str]]] = []
    for priority, (form, pattern) in enumerate(_patterns()):
        for m in pattern.finditer(text):
            if form == "bare_weekday" and not _bare_weekday_is_a_date(text, m, sentence_at(m.start())):
                continue
            candidates.append((m.start(), -(m.end() - m.start()), priority, form, m))
    # A weekday before a date that has its month ("ven. 10 marzo", "lun. 1-3-2025") belongs to
    # that date: weekday-and-day ("martedì 19") stands only where no other form starts at the day.
    starts = {c[0] for c in candidates if c[3] != "weekday_day"}
    candidates = [c for c in candidates if c[3] != "weekday_day" or c[4].start("day") not in starts]
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    taken_end = -1  # where the last date kept ends: candidates come by start, so only it can overlap the next
    mentions: list[Mention] = []
    for group, (start, neg_len, _, form, m) in enumerate(candidates):
        end = start - neg_len
        if start < taken_end:
            continue
        parsed = [x for x in _parse(form, m, pivot, group) if _plausible(x)]
        if parsed:
            taken_end = end
            mentions.extend(parsed)
    return mentions


def _plausible(m: Mention) -> bool:
    if m.month is not None and not 1 <= m.month <= 12:
        return False
    if m.day is not None and not 1 <= m.day <= 31:
        return False
    return m.year is None or 1900 <= m.year <= 2100
