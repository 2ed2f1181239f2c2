"""Turn mentions into calendar dates, inferring missing years from the document.

The year of "9 settembre" comes from the document itself, never from today:
a weekday written beside it picks the matching year nearest the reference;
otherwise the reference (the document's date, or the nearest full date in the
text, or a year-month hint, or a year written nearby) decides, looking
forward for announcements and backward for things reported as done.
"""

from __future__ import annotations

import calendar as cal
import datetime as dt

from extractor.recognizers.dates.mentions import Mention

# How far around the reference an un-yeared date may fall, in days:
# mostly ahead (notices announce), a month back (news report recent events).
FORWARD_WINDOW = (-30, 335)
PAST_WINDOW = (-335, 30)
# Years searched for a weekday that matches the day and month.
WEEKDAY_SEARCH_YEARS = 7


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date | None:
    days = [d for d in range(1, cal.monthrange(year, month)[1] + 1) if dt.date(year, month, d).weekday() == weekday]
    if nth == -1:
        return dt.date(year, month, days[-1])
    return dt.date(year, month, days[nth - 1]) if 0 < nth <= len(days) else None


def _in_year(m: Mention, year: int) -> dt.date | None:
    """The mention's date in a given year, for forms fixed by day or rank within a month."""
    assert m.month is not None
    if m.form == "nth_weekday" and m.weekday is not None and m.nth is not None:
        return _nth_weekday(year, m.month, m.weekday, m.nth)
    if m.form == "nth_day" and m.nth is not None:
        last = cal.monthrange(year, m.month)[1]
        return _safe_date(year, m.month, last if m.nth == -1 else m.nth)
    if m.day is None:
        return None
    return _safe_date(year, m.month, m.day)


def _choose_year(m: Mention, reference: dt.date, past: bool, year_only: bool) -> dt.date | None:
    if m.weekday is not None and m.form not in ("nth_weekday",):
        matching = [
            d
            for y in range(reference.year - WEEKDAY_SEARCH_YEARS, reference.year + WEEKDAY_SEARCH_YEARS + 1)
            if (d := _in_year(m, y)) is not None and d.weekday() == m.weekday
        ]
        if matching:
            return min(matching, key=lambda d: (abs((d - reference).days), d < reference))
    if year_only and (same_year := _in_year(m, reference.year)) is not None:
        # Only a year is known ("Piano 2021-2023 … il 6 dicembre"): the date falls in it.
        return same_year
    low, high = PAST_WINDOW if past else FORWARD_WINDOW
    candidates = [d for y in (reference.year - 1, reference.year, reference.year + 1) if (d := _in_year(m, y))]
    inside = [d for d in candidates if low <= (d - reference).days <= high]
    pool = inside or candidates
    return min(pool, key=lambda d: abs((d - reference).days)) if pool else None


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, cal.monthrange(year, month + 1)[1]))


def _day_of_month_after(m: Mention, reference: dt.date) -> dt.date | None:
    """'martedì 19': the first day after the reference with that number and weekday."""
    assert m.day is not None
    year, month = reference.year, reference.month
    for _ in range(36):
        d = _safe_date(year, month, m.day)
        if d and d >= reference and (m.weekday is None or d.weekday() == m.weekday):
            return d
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return None


def _weekday_from(m: Mention, reference: dt.date) -> dt.date:
    assert m.weekday is not None
    if m.direction == 0:
        return reference + dt.timedelta(days=m.weekday - reference.weekday())
    if m.direction > 0:
        return reference + dt.timedelta(days=(m.weekday - reference.weekday() - 1) % 7 + 1)
    return reference - dt.timedelta(days=(reference.weekday() - m.weekday - 1) % 7 + 1)


def resolve(
    m: Mention, reference: dt.date | None, document_date: dt.date | None, past: bool, year_only: bool = False
) -> dt.date | None:
    """The calendar date of a mention, or None when the document cannot tell it.

    ``year_only`` says the reference stands for a whole year the text names, not a day.
    """
    if m.form in ("relative", "next_weekday", "bare_weekday", "weekday_day"):
        # Days counted from "today" need the document's own date.
        if document_date is None:
            return None
        if m.form == "relative":
            if m.months:
                return _add_months(document_date, m.months)
            return document_date + dt.timedelta(days=m.offset or 0)
        if m.form == "weekday_day":
            return _day_of_month_after(m, document_date)
        return _weekday_from(m, document_date)
    if m.month is None:
        return None
    if m.year is not None:
        # A weekday that contradicts a written year is a typo in the weekday.
        return _in_year(m, m.year)
    if reference is None:
        return None
    return _choose_year(m, reference, past, year_only)
