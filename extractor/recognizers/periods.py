"""Periods: multi-year programming or validity spans ("triennio 2018/2020")."""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from extractor.lexicon import alternation, load
from extractor.nlp import Analysis
from extractor.recognizers.dates.words import month_re
from models import Period

_YEAR = r"(?:19|20)\d{2}"
# "2021-2023", "2021 – 2023", "2018/2020", "2014-16", "2025- 2027".
_RANGE = re.compile(rf"(?<![\d/.\-])({_YEAR})\s*(?:[-–—/]|\s-\s)\s*((?:19|20)?\d{{2}})(?![\d/]|[.-]\d)")
# What joins the items of a list of years: "2021/2022, 2022/2023 e 2023/2024".
_JOIN = re.compile(r"\s*(?:,|e|ed)\s*", re.I)
# What joins the first and the last of a span of school years: "dal 2024/2025 al 2026/2027".
_FROM = re.compile(r"\bdal\s*$", re.I)
_TO = re.compile(r"\s*(?:al|fino al|all['’])\s*", re.I)


@cache
def _from_to() -> re.Pattern[str]:
    """ "dal 2021 al 2023", "dal 1° gennaio 2025 al 31 dicembre 2027": a span from one year to another."""
    day = rf"(?:\d{{1,2}}°?\s+{month_re()}\s+)?"
    return re.compile(
        rf"\b(?:dal|dall'|tra il|fra il)\s*{day}({_YEAR})\s+(?:al|e il|a tutto il)\s+{day}({_YEAR})\b", re.I
    )


@cache
def _day_of_month() -> re.Pattern[str]:
    """A month's name after a number: "2025 – 31 marzo" ends a date, not a range of years."""
    return re.compile(rf"\s+{month_re()}\b", re.I)


def _end_year(start: int, written: str) -> int:
    if len(written) == 4:
        return int(written)
    century = start - start % 100
    end = century + int(written)
    return end + 100 if end < start else end


def _preceded_by(text: str, start: int, words: list[str], window: int = 20) -> bool:
    before = text[max(0, start - window) : start].lower()
    return bool(re.search(rf"(?:^|[\s('’])(?:{alternation(words)})\s*$", before))


def _school_years_from(text: str, start: int, single_year_words: list[str]) -> bool:
    """Whether the range at ``start`` opens a span of school years: "anni scolastici dal 2024/2025 …"."""
    opener = _FROM.search(text, max(0, start - 8), start)
    return opener is not None and _preceded_by(text, opener.start(), single_year_words, 25)


def find_periods(analysis: Analysis) -> list[Period]:
    """Every distinct period, with one span per mention."""
    words = load("periods")
    text = analysis.text
    found: dict[tuple[int, int], Period] = {}

    def add(start: int, end: int, span: tuple[int, int]) -> None:
        if not 0 < end - start <= words["max_years"]:
            return
        if end - start == 1 and _preceded_by(text, span[0], words["single_year_words"], 25):
            return
        if _preceded_by(text, span[0], words["number_words"], 12):
            return
        period = found.setdefault((start, end), Period(start=start, end=end))
        period.spans.append(span)

    ranges = [
        (m, int(m.group(1)), _end_year(int(m.group(1)), m.group(2)))
        for m in _RANGE.finditer(text)
        if len(m.group(2)) == 4 or not _day_of_month().match(text, m.end())
    ]
    i = 0
    while i < len(ranges):
        match, start, end = ranges[i]
        last = i
        if (
            end - start == 1
            and i + 1 < len(ranges)
            and _school_years_from(text, match.start(), words["single_year_words"])
            and _TO.fullmatch(text, match.end(), ranges[i + 1][0].start())
            and ranges[i + 1][2] - ranges[i + 1][1] == 1
        ):
            # "anni scolastici dal 2024/2025 al 2026/2027": from the first school year to the end of the last.
            add(start, ranges[i + 1][2], (match.start(), ranges[i + 1][0].end()))
            i += 2
            continue
        if end - start == 1 and _preceded_by(text, match.start(), words["single_year_words"], 25):
            # A list of school years: consecutive ones ("2021/2022 e 2022/2023") make one span.
            while (
                last + 1 < len(ranges)
                and _JOIN.fullmatch(text, ranges[last][0].end(), ranges[last + 1][0].start())
                and ranges[last + 1][2] - ranges[last + 1][1] == 1
            ):
                last += 1
            listed = ranges[i : last + 1]
            if all(b[1] == a[2] for a, b in pairwise(listed)):
                add(start, ranges[last][2], (match.start(), ranges[last][0].end()))
        else:
            add(start, end, match.span())
        i = last + 1
    plan = re.compile(rf"\b(?:{alternation(words['plan_words'])})", re.I)
    for match in _from_to().finditer(text):
        sent_start, _ = analysis.sentence_at(match.start())
        context = text[max(sent_start, match.start() - 80) : match.start()]
        if plan.search(context):
            add(int(match.group(1)), int(match.group(2)), match.span())
    return sorted(found.values(), key=lambda p: p.spans[0])
