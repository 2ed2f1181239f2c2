"""Periods: multi-year programming or validity spans ("triennio 2018/2020")."""

from __future__ import annotations

import re

from extractor.lexicon import alternation, load
from extractor.nlp import Analysis
from models import Period

_YEAR = r"(?:19|20)\d{2}"
# "2021-2023", "2021 – 2023", "2018/2020", "2014-16", "2025- 2027".
_RANGE = re.compile(rf"(?<![\d/.\-])({_YEAR})\s*(?:[-–—/]|\s-\s)\s*((?:19|20)?\d{{2}})(?![\d/]|[.-]\d)")
_FROM_TO = re.compile(rf"\b(?:dal|dall'|tra il|fra il)\s*({_YEAR})\s+(?:al|e il|a tutto il)\s+({_YEAR})\b", re.I)


def _end_year(start: int, written: str) -> int:
    if len(written) == 4:
        return int(written)
    century = start - start % 100
    end = century + int(written)
    return end + 100 if end < start else end


def _preceded_by(text: str, start: int, words: list[str], window: int = 20) -> bool:
    before = text[max(0, start - window) : start].lower()
    return bool(re.search(rf"(?:^|[\s('’])(?:{alternation(words)})\s*$", before))


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

    for match in _RANGE.finditer(text):
        start = int(match.group(1))
        add(start, _end_year(start, match.group(2)), match.span())
    plan = re.compile(rf"\b(?:{alternation(words['plan_words'])})", re.I)
    for match in _FROM_TO.finditer(text):
        sent_start, _ = analysis.sentence_at(match.start())
        context = text[max(sent_start, match.start() - 80) : match.start()]
        if plan.search(context):
            add(int(match.group(1)), int(match.group(2)), match.span())
    return sorted(found.values(), key=lambda p: p.spans[0])
