"""Dates: every calendar day stated in a document, with time, kind, place and what.

``find_dates`` runs in four steps: find the expressions (``mentions``) and
times (``clock``), read their context (``context``), decide the document's
own date from the explicit ones (``document_date``), then resolve missing
years and relative days against it (``years``) and merge repeated dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from extractor.nlp import Analysis
from extractor.recognizers.dates import context as ctx
from extractor.recognizers.dates import schedule
from extractor.recognizers.dates.clock import ClockTime, find_times
from extractor.recognizers.dates.document_date import (
    BYLINE,
    STAMP_TIME_AFTER,
    Dated,
    inferred_document_date,
    session_formula,
    signing_dateline,
    written_document_date,
)
from extractor.recognizers.dates.mentions import Mention, find_mentions, opening_hours
from extractor.recognizers.dates.years import resolve
from models import DatedItem

__all__ = ["DateFindings", "find_dates"]

_KIND_RANK = {"scadenza": 0, "evento": 1, "firma": 2, "altro": 3}
_YEAR_WORD = re.compile(r"(?<![\d/.\-])((?:19|20)\d{2})(?![\d])")
_YEAR_MONTH = re.compile(r"(?<![\d/.\-])((?:19|20)\d{2})-(0[1-9]|1[0-2])(?![\d\-])")
# A time stands with its date when only these words separate them.
_TIME_BEFORE_GAP = re.compile(r"^[\s,]*(?:del\s+giorno|il\s+giorno|del|dell['’]|di|il|,)?\s*$", re.I)
# A line the layout wrapped after a comma or a word does not part them ("martedì 11 marzo 2025,\ndalle ore 10").
# Matched in place (``match(text, pos, endpos)``): the look-behind sees the date's last character.
_TIME_AFTER_GAP = re.compile(r"(?:[^.;!?\n\d]|(?<=[,\w])\n(?![ \t]*\n)){0,40}$")
# Farther on in the sentence, past a place and its address: "martedì 2 luglio presso
# l'ex convento, via Pontida 22, a partire dalle ore 9:30".
_TIME_LATER_GAP = re.compile(r"^[^;!?\n]{0,150}$")
# "dalle 16 alle 19", "15.30 - 18.30": the end of a time range.
_RANGE_END = re.compile(r"\s*(?:alle|-|–|fino alle|a)\s*(?:ore\s*)?\d{1,2}(?:[.:,]\d{2})?(?!\d)", re.I)
# Slack on top of the latest year written, for two-digit years of future dates.
_PIVOT_SLACK = 10


@dataclass(frozen=True)
class DateFindings:
    dates: list[DatedItem]
    document_date: dt.date | None


def _pivot(text: str) -> int:
    years = [int(y) for y in _YEAR_WORD.findall(text)]
    return (max(years) + _PIVOT_SLACK) if years else 2030


# A time given by reference to the date before: "alla stessa ora", "stesso orario e luogo".
_SAME_TIME = re.compile(r"[\s,]*(?:alla\s+|allo\s+|nella\s+|nello\s+)?(?:stess[ao]|medesim[ao])\s+or(?:a|ario)\b", re.I)


def _attach_times(text: str, mentions: list[Mention], times: list[ClockTime], sentence_at) -> None:
    """Give each mention the time written right after or right before it, or later in its sentence."""
    for m in mentions:
        around = next((t for t in times if t.start < m.end and m.start < t.end), None)
        if around:  # "8 di stasera": the time holds the day word
            m.time, m.time_span = around.hhmm, (around.start, around.end)
            continue
        after = next((t for t in times if t.start >= m.end), None)
        following = next((o for o in mentions if after and o.start >= after.end), None)  # mentions are in text order
        if after and following and _TIME_BEFORE_GAP.match(text[after.end : following.start]):
            after = None  # "… 3 giugno alle ore 12:00 di venerdì 5 luglio": that time is the next date's
        if (
            after
            and _TIME_AFTER_GAP.match(text, m.end, after.start)
            and not any(m.end <= o.start < after.start for o in mentions if o.group is None or o.group != m.group)
        ):
            range_end = _RANGE_END.match(text, after.end)
            m.time, m.time_span = after.hhmm, (after.start, range_end.end() if range_end else after.end)
            continue
        before = next((t for t in reversed(times) if t.end <= m.start), None)
        if before and _TIME_BEFORE_GAP.match(text[before.end : m.start]):
            m.time, m.time_span = before.hhmm, (before.start, before.end)
            continue
        if (
            after
            and _TIME_LATER_GAP.match(text[m.end : after.start])
            and not opening_hours(text[m.end : after.end])
            and not any(m.end <= o.start < after.start for o in mentions)
            and after.end <= sentence_at(m.start)[1]
        ):
            range_end = _RANGE_END.match(text, after.end)
            m.time, m.time_span = after.hhmm, (after.start, range_end.end() if range_end else after.end)
            continue
        same = _SAME_TIME.match(text, m.end)
        if same:
            # "in seconda convocazione venerdì 14 marzo, stessa ora e luogo": the time of the date before.
            earlier = next((o for o in reversed(mentions) if o.end <= m.start and o.time), None)
            if earlier is not None:
                m.time, m.time_span = earlier.time, same.span()


def _reference(
    m: Mention, explicit: list[Dated], hints: list[tuple[int, dt.date]], years: list[tuple[int, int]]
) -> tuple[dt.date | None, bool]:
    """The date an un-yeared mention is read against when the document has no date,
    and whether it stands only for a year written in the text."""
    usable = [d for d in explicit if not d.legal]
    preceding = [d for d in usable if d.end <= m.start]
    if preceding:
        return preceding[-1].date, False
    if usable:
        return usable[0].date, False
    if hints:
        return hints[0][1], False
    before = [y for pos, y in years if pos < m.start]
    chosen = before[-1] if before else (years[0][1] if years else None)
    return (dt.date(chosen, 1, 1), True) if chosen else (None, False)


def _by_formula(text: str, sentence: tuple[int, int], m: Mention) -> bool:
    """Whether an act's opening formula gives the date: in words ("L'anno duemila…, il giorno …") or the
    session of a minute ("Il giorno 14 marzo 2024 … si è riunita la Conferenza")."""
    return m.form == "in_words" or session_formula(text, sentence, m.start)


def _timestamp(text: str, m: Mention) -> bool:
    """Whether the date and the time after it stamp a page, a post or a comment: the time bare, after a byline
    or at a minute no meeting is set at ("14.03.2025 19:55"). A bare time on the quarter hour may be a meeting's
    in a list of dates ("- 3 marzo 2025, 10:00"), whose lines carry no word of an event: it is left to the words
    around."""
    if m.time_span is None or m.time_span[0] < m.end or m.time is None:
        return False
    stamp = STAMP_TIME_AFTER.match(text, m.end)
    # After its author's name the stamp is a post's at any minute: "Di Maria Greco   12 Novembre 2024, 13:45".
    bylined = BYLINE.fullmatch(text, text.rfind("\n", 0, m.start) + 1, m.start) is not None
    return stamp is not None and stamp.end() == m.time_span[1] and (bylined or int(m.time[-2:]) % 15 != 0)


def find_dates(analysis: Analysis) -> DateFindings:
    """Every dated item of the document, and the document's own date."""
    text = analysis.text
    mentions = find_mentions(text, analysis.sentence_at, _pivot(text))
    times = find_times(text)
    _attach_times(text, mentions, times, analysis.sentence_at)
    contexts = {}
    for m in mentions:
        sentence = analysis.sentence_at(m.start)
        start = min(m.start, m.time_span[0]) if m.time_span else m.start
        contexts[id(m)] = ctx.classify(text, sentence, start, m.end, m.time is not None, m.start)
        if _by_formula(text, sentence, m) or signing_dateline(text, m.start, m.end):
            # "L'anno duemilaventiquattro, il giorno sedici …", "Letto e sottoscritto. Melfi, 20 marzo 2024":
            # the formulas that date an act's adoption.
            contexts[id(m)] = ctx.Context("firma", None, False)
        elif contexts[id(m)].kind == "evento" and _timestamp(text, m):
            contexts[id(m)] = ctx.Context("altro", None, False)
    # Mentions of one list share the kind decided for the list as a whole.
    for m in mentions:
        if m.group is not None:
            group_kinds = [contexts[id(o)] for o in mentions if o.group == m.group]
            contexts[id(m)] = min(group_kinds, key=lambda c: _KIND_RANK[c.kind])
    # Lines under "Le date degli incontri:" are meetings, and may share a time stated once.
    for m in mentions:
        c = contexts[id(m)]
        if c.kind == "altro" and c.cue_start is None and not c.legal and (kind := schedule.heading_kind(text, m.start)):
            contexts[id(m)] = ctx.Context(kind, None, False)
    schedule.share_list_time(text, mentions, lambda m: contexts[id(m)].kind == "evento")
    schedule.share_times(text, mentions, times, lambda m: contexts[id(m)].kind == "evento", analysis.sentence_at)

    def dated(m: Mention, day: dt.date) -> Dated:
        c = contexts[id(m)]
        formula = _by_formula(text, analysis.sentence_at(m.start), m)
        return Dated(m.start, m.end, day, c.kind, c.legal, c.cue_start, formula=formula)

    explicit = [dated(m, d) for m in mentions if m.explicit and (d := resolve(m, None, None, False))]
    doc_date = written_document_date(text, explicit)
    hints = [(h.start(), dt.date(int(h.group(1)), int(h.group(2)), 1)) for h in _YEAR_MONTH.finditer(text)]

    years = [(y.start(), int(y.group(1))) for y in _YEAR_WORD.finditer(text)]

    def resolve_all(document: dt.date | None) -> list[tuple[Mention, dt.date]]:
        out = []
        for m in mentions:
            sentence = analysis.sentence_at(m.start)
            reference, year_only = (document, False) if document else _reference(m, explicit, hints, years)
            past = ctx.reported_as_past(text, sentence, m.start, m.end)
            day = resolve(m, reference, document, past, year_only)
            if day is not None:
                out.append((m, day))
        return out

    resolved = resolve_all(doc_date)
    if doc_date is None:
        # "Sulmona, 24 gennaio", "protocollo sottoscritto il 15 novembre": a year inferred.
        doc_date = inferred_document_date(text, [dated(m, d) for m, d in resolved if not m.explicit])
        if doc_date is not None:
            resolved = resolve_all(doc_date)
    items = [_item(text, analysis.sentence_at(m.start), m, day, contexts[id(m)]) for m, day in resolved]
    return DateFindings(_merge(items), doc_date)


def _item(text: str, sentence: tuple[int, int], m: Mention, day: dt.date, c: ctx.Context) -> DatedItem:
    end = max(m.end, m.time_span[1] if m.time_span else m.end)
    place = ctx.find_place(text, sentence, end) if c.kind == "evento" else None
    start = min(x for x in (m.start, c.cue_start, m.time_span[0] if m.time_span else None) if x is not None)
    snippet_end = place[1] if place else end
    return DatedItem(
        date=day,
        time=m.time,
        kind=c.kind,  # type: ignore[arg-type]
        text=ctx.snippet(text, sentence, start, snippet_end),
        place=place[0] if place else None,
        what=ctx.find_what(text, sentence, m.start, m.end, c),
        spans=[(m.start, m.end)],
    )


def _merge(items: list[DatedItem]) -> list[DatedItem]:
    """One item per date (and per time, when one day has several)."""
    merged: list[DatedItem] = []
    for item in items:
        same_day = [x for x in merged if x.date == item.date]
        target = next(
            (x for x in same_day if x.time == item.time or item.time is None or x.time is None),
            None,
        )
        if target is None:
            merged.append(item)
            continue
        if item.spans[0] not in target.spans:
            target.spans.append(item.spans[0])
        if _KIND_RANK[item.kind] < _KIND_RANK[target.kind]:
            target.kind, target.text = item.kind, item.text
            target.what = item.what or target.what
        target.time = target.time or item.time
        target.place = target.place or item.place
        target.what = target.what or item.what
    return merged
