"""Legal references: citations of laws, decrees and resolutions with number and year."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import cast

from extractor.lexicon import alternation, load, phrase_alternation
from extractor.nlp import Analysis
from models import LegalRef
from models.extraction import LegalKind

# How far back an article may stand before the act it belongs to.
_ARTICLE_WINDOW = 90
_MAX_QUALIFIERS = 8
# The longest span of years written "2018/2020" as a period rather than an act's number and year.
_PERIOD_YEARS = 10
# The longest title read between an act's name and its number.
_TITLE_CHARS = 120
# A year as written in dates and citations, not a group inside a phone number
# or a figure ("02 2099 1234", "1.2019.000").
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(?<!\d[ \t,])(?:18|19|20)\d{2}(?!\d)(?![ \t.\-/,]\d)")


@dataclass(frozen=True)
class _Patterns:
    cue: re.Pattern[str]
    kind_of: dict[str, str]
    qualifier: re.Pattern[str]
    eu_marker: re.Pattern[str]
    eu_suffix: re.Pattern[str]
    tails: tuple[re.Pattern[str], ...]
    dated_after: re.Pattern[str]
    titled: re.Pattern[str]
    more: re.Pattern[str]
    article_before: re.Pattern[str]
    article_after: re.Pattern[str]
    promote: dict[str, tuple[tuple[str, ...], re.Pattern[str]]]
    adopted_by: dict[str, tuple[tuple[str, ...], re.Pattern[str]]]


def _key(form: str) -> str:
    """A form reduced to its letters, the key that tells which kind a matched cue is."""
    return re.sub(r"[^a-z]", "", form.lower())


def _form_regex(form: str) -> str:
    """A loose regex for one act name: optional parentheses, spaces after full stops."""
    tokens = re.findall(r"[^\W\d_]+|\.|\(|\)|['’]|-|,|\s+", form)
    words = [t for t in tokens if t[0].isalpha()]
    dotted = "." in tokens
    out: list[str] = []
    for i, tok in enumerate(tokens):
        last = i == len(tokens) - 1
        if tok == ".":
            # "L." needs its dot, or every "l'" would be a law; other final dots may go.
            out.append(r"\." if last and len(words) == 1 and len(words[0]) == 1 else (r"\.?" if last else r"\.\s*"))
        elif tok == "(":
            out.append(r"\(?\s*")
        elif tok == ")":
            out.append(r"\s*\)?")
        elif tok in "'’":
            out.append(r"['’]\s*")
        elif tok == "-":
            out.append(r"[\s\-]?")
        elif tok == ",":
            out.append(r"\s*,\s*")
        elif tok.isspace():
            out.append(r"\s*" if out and out[-1].endswith(r"\(?\s*") else r"\s+")
        else:
            out.append(re.escape(tok))
    pattern = "(?i:" + "".join(out) + ")"
    # Abbreviations also come without dots ("DGR", "Dlgs"), but not two-letter
    # ones: "DI", "DA" are plain words in capitals (list those forms explicitly).
    joined = "".join(words)
    if dotted and all(t == "." or t.isalpha() or t.isspace() for t in tokens) and len(joined) >= 3:
        variants = {joined, joined.upper(), joined.capitalize(), joined.lower()}
        pattern += "|" + "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    return pattern


def _first_letter_guard(forms: list[str]) -> str:
    """A look-ahead for the letters act names start with, tested before trying each form at each word.

    Empty when a form starts otherwise ("(UE) …"): ``_form_regex`` lets such a start be left out.
    """
    if not all(form[:1].isalpha() for form in forms):
        return ""
    return "(?i:(?=[" + re.escape("".join(sorted({form[0].lower() for form in forms}))) + "]))"


def _words_regex(words: list[str]) -> str:
    """A case-insensitive alternation of ``words``, any space and apostrophe form."""
    return "(?i:" + phrase_alternation(words) + ")"


@cache
def _patterns() -> _Patterns:
    data = load("legal")
    settings = data["settings"]
    kind_of: dict[str, str] = {}
    forms: list[str] = []
    for kind, kind_forms in data["kinds"].items():
        for form in kind_forms:
            kind_of.setdefault(_key(form), kind)
            forms.append(form)
    forms.sort(key=len, reverse=True)
    cue = re.compile(
        rf"(?<![\w.]){_first_letter_guard(forms)}(?:"
        + "|".join(f"(?:{_form_regex(f)})" for f in forms)
        + r")(?![^\W\d])"
    )
    elided = [w for w in data["qualifier_words"] if w.endswith("'")]
    whole = [w for w in data["qualifier_words"] if not w.endswith("'")]
    qualifier = re.compile(
        r"(?:\s+|(?<=['’]))(?:" + _words_regex(whole) + r"(?![^\W\d])"
        # Nor the name of an official journal ("Deliberazione della Giunta\n\nBur n. 131").
        r"|(?!" + _words_regex(settings["not_qualifiers"] + settings["publications"]) + r"(?![\w.]))"
        r"[A-ZÀ-Ý][a-zà-ÿ]+(?:['’][A-ZÀ-Ý][a-zà-ÿ]+)?(?:-[A-ZÀ-Ý][a-zà-ÿ]+)*(?![\w.])"
        # Acronyms of bodies ("Delibera ANAC n. 5"), never of official journals.
        r"|(?!(?:" + alternation(settings["publications"]) + r")(?![\w.]))[A-Z][A-Za-z]{0,4}[A-Z](?![\w.])"
        # A district's code: "Comitato dei Sindaci del Distretto D52", "dell'Ambito B01".
        r"|[A-Z]{1,3}\d{1,3}(?![\w.])"
        r"|" + _words_regex(elided) + ")"
    )
    eu = _words_regex(settings["eu_markers"])
    eu_marker = re.compile(rf"\s*\(?\s*{eu}(?:\s*,\s*{eu})?\s*\)?(?![^\W\d])")
    eu_suffix = re.compile(rf"\s*/\s*{eu}\b")

    mark = r"(?:" + _words_regex([m for m in settings["number_marks"] if m != "n"]) + r"|(?i:n)(?=\s*\d))\s*"
    months = _words_regex(settings["months"])
    day_month = rf"(?P<day>\d{{1,2}})(?:°|º)?\s*(?:{months}\s*|[./-]\s*\d{{1,2}}\s*[./-]\s*)"
    date = rf"{day_month}(?P<dyear>\d{{4}}|\d{{2}})(?!\d)"
    date_mark = _words_regex(settings["date_marks"])
    leg = r"(?:(?P<leg>[IVXL]{1,5})\s*/\s*)?"
    number = r"(?P<num>\d{1,6}(?:\s?-?\s?(?i:bis|ter|quater)(?![^\W\d]))?)"
    sep = r"\s*,?\s*"
    tails = (
        # "8 novembre 2000, n. 328", "del 28/07/2021 n. 5"
        re.compile(rf"{sep}(?:{date_mark}\s*)?{date}{sep}{mark}{leg}{number}(?!\d|\s*/\s*\d)"),
        # "n. 328/2000", "328/00", "2016/679", "n. XI/4563"
        re.compile(rf"{sep}(?P<mark>{mark})?{leg}(?P<a>\d{{1,6}})\s*/\s*(?P<b>\d{{1,6}})(?!\d|\s*/\s*\d|\.\d)"),
        # "n. 328 del 2000", "n. 1049 del 22 giugno 2001", "n. XI/4563 del 26.04.2021"
        re.compile(rf"{sep}(?:{mark})?{leg}{number}{sep}{date_mark}\s*(?:{date}|(?P<year>\d{{4}})(?![\d/]|\.\d))"),
        # "N° 68 30/11/1998": a full numeric date right after a marked number.
        re.compile(rf"{sep}{mark}{leg}{number}\s+(?P<day>\d{{1,2}})[./-]\d{{1,2}}[./-](?P<dyear>\d{{4}})(?!\d)"),
        # "L.R. 1994 n. 19": the year before the number.
        re.compile(rf"{sep}(?P<year>(?:19|20)\d{{2}}){sep}{mark}{leg}{number}(?!\d|\s*/\s*\d)"),
    )
    # "n° 23/30 del 30/05/2006": the act's date after a session/number pair.
    dated_after = re.compile(rf"{sep}{date_mark}\s*{date}")
    # "Legge quadro per la realizzazione di interventi e servizi sociali, numero 328 dell'8 novembre 2000":
    # a title may stand between the name and a number that comes with its full date.
    titled = re.compile(rf"[^.;:\n()]{{5,{_TITLE_CHARS}}}?,\s*{mark}{leg}{number}{sep}{date_mark}\s*{date}")
    more = re.compile(rf"\s*(?:,|(?i:e|ed|nonché))\s*(?:(?i:la|il|alla|al|della|del)\s+)?(?={mark}|\d)")
    suffix = _words_regex(settings["article_suffixes"])
    art_number = rf"\d+(?:\s?-?\s?{suffix}(?![^\W\d]))?"
    art = _words_regex(settings["article_words"])
    comma_word = _words_regex(settings["comma_words"])
    comma = rf"(?:{sep}{comma_word}\s*(?P<comma>{art_number}))?"
    extra = (
        rf"(?:\s*(?:,|(?i:e|ed))?\s*(?:{comma_word}\s*)?{art_number}(?![\d/]))*"
        r"(?i:\s*,?\s*lett(?:era|ere|\.)?\s*[a-z]{1,2}\)?(?:\s*(?:,|e)\s*[a-z]{1,2}\)?)*)?"
    )
    link = _words_regex(settings["article_links"])
    # "comma 2 dell'art. 5 della legge …" names the paragraph first.
    comma_first = rf"(?:(?<![\w.]){comma_word}\s*(?P<comma_first>{art_number}){sep}(?:{link}\s*)?)?"
    article_before = re.compile(
        rf"{comma_first}(?<![\w.]){art}\s*(?P<art>{art_number}){comma}{extra}{sep}(?:{link}\s*)?$"
    )
    article_after = re.compile(rf"{sep}\(?\s*(?:(?i:all['’])\s*)?{art}\s*(?P<art>{art_number}){comma}")
    adopted_tail = r"\s*,?\s*(?:(?i:con|mediante|tramite)\s+)?(?:(?i:la|il|l['’])\s*)?$"
    return _Patterns(
        cue=cue,
        kind_of=kind_of,
        qualifier=qualifier,
        eu_marker=eu_marker,
        eu_suffix=eu_suffix,
        tails=tails,
        dated_after=dated_after,
        titled=titled,
        more=more,
        article_before=article_before,
        article_after=article_after,
        promote={
            kind: (tuple(_key(a) for a in rule["acts"]), re.compile(rf"(?<!\w){_words_regex(rule['words'])}"))
            for kind, rule in data["promote"].items()
        },
        adopted_by={
            kind: (
                tuple(_key(a) for a in rule["acts"]),
                re.compile(rf"(?<![\w.]){_words_regex(rule['words'])}{adopted_tail}"),
            )
            for kind, rule in data["adopted_by"].items()
        },
    )


def act_names() -> re.Pattern[str]:
    """Any act name of ``legal.toml`` ("legge", "D.Lgs.", "delibera" …), for other recognizers."""
    return _patterns().cue


def year_pivot(text: str) -> int:
    """Two-digit years up to this value are 20yy: the latest four-digit year written, mod 100."""
    years = [int(m.group()) for m in _FOUR_DIGIT_YEAR.finditer(text)]
    if not years:
        return 30
    latest = max(years)
    # A document whose latest year is before 2000 cannot cite acts of 20yy.
    return latest % 100 if latest >= 2000 else -1


def _expand_year(written: str, pivot: int) -> int | None:
    """A written year as four digits, two-digit ones read against ``pivot``."""
    if len(written) == 4:
        year = int(written)
        return year if 1800 <= year <= 2199 else None
    if len(written) == 2:
        yy = int(written)
        return 2000 + yy if yy <= pivot else 1900 + yy
    return None


def _year_like(value: str) -> bool:
    """True when ``value`` is written like a year of an act."""
    return len(value) == 4 and 1800 <= int(value) <= 2199


def _clean(value: str) -> str:
    """Single spaces instead of runs of spaces and hyphens ("3-quater" is "3 quater")."""
    return re.sub(r"[\s\-]+", " ", value).strip()


def _act_number(value: str) -> str:
    """The act number as usually cited: "04" is act 4, "13-bis" is "13 bis"."""
    return _clean(value).lstrip("0") or "0"


@dataclass
class _Citation:
    kind: LegalKind
    number: str
    year: int
    start: int
    end: int
    article: str | None = None
    comma: str | None = None


def _kind_for(cue_text: str, qualifiers: str, before: str, eu: bool, pats: _Patterns) -> str:
    """The kind of act a matched name is, given the words around it."""
    kind = pats.kind_of.get(_key(cue_text), "altro")
    if kind != "altro":
        return kind
    base = _key(cue_text)
    if eu and base.startswith("regolament"):
        return "regolamento_ue"
    if eu and base.startswith("dirett"):
        return "direttiva_ue"
    for promoted, (acts, words) in pats.promote.items():
        # Only the generic name is promoted: a "decreto direttoriale" of a Ministry is its office's act, no DM.
        if base in acts and words.search(qualifiers):
            return promoted
    for adopted, (acts, words) in pats.adopted_by.items():
        if base.startswith(acts) and words.search(before):
            return adopted
    return kind


def _read_tail(text: str, pos: int, kind: str, pivot: int, pats: _Patterns) -> tuple[str, int, int] | None:
    """Number, year and end offset of the citation whose act name ends at ``pos``."""
    for tail in pats.tails:
        match = tail.match(text, pos)
        if not match:
            continue
        groups = match.groupdict()
        if groups.get("a") is not None:
            a, b = groups["a"], groups["b"]
            if kind in ("regolamento_ue", "direttiva_ue") and _year_like(a) and not _year_like(b):
                a, b = b, a  # EU numbering writes the year first: 2016/679
            elif _year_like(a) and _year_like(b) and not groups.get("mark") and 0 <= int(b) - int(a) <= _PERIOD_YEARS:
                continue  # "Piano di Zona 2018/2020" is a period; "D.G.R. 1870/2024" is act 1870 of 2024
            year = _expand_year(b, pivot)
            number = a
            dated = pats.dated_after.match(text, match.end())
            written = _expand_year(dated["dyear"], pivot) if dated and not _year_like(b) else None
            if dated and written is not None and written != year:
                # The date gives the year: "23/30" is a session and the act's number.
                return _act_number(b), written, dated.end()
        else:
            year = _expand_year(groups.get("year") or groups["dyear"], pivot)
            number = groups["num"]
        act = _act_number(number)
        if year is None or act.startswith("0"):
            continue
        return act, year, match.end()
    return None


def _article_near(text: str, start: int, end: int, pats: _Patterns) -> tuple[str | None, str | None]:
    """Article and paragraph written just before or just after the citation."""
    before = pats.article_before.search(text[max(0, start - _ARTICLE_WINDOW) : start])
    match = before or pats.article_after.match(text, end)
    if not match:
        return None, None
    comma = match.group("comma") or match.groupdict().get("comma_first")
    return _clean(match.group("art")), _clean(comma) if comma else None


def _titled(text: str, cue: re.Match[str], pivot: int, pats: _Patterns) -> _Citation | None:
    """A national or regional act cited by its title, then its number and full date."""
    kind = pats.kind_of.get(_key(cue.group()), "altro")
    match = pats.titled.match(text, cue.end())
    if kind == "altro" or not match:
        return None
    year = _expand_year(match["dyear"], pivot)
    number = _act_number(match["num"])
    if year is None or number.startswith("0"):
        return None
    return _Citation(cast(LegalKind, kind), number, year, cue.start(), match.end())


def _citations(text: str, pats: _Patterns) -> list[_Citation]:
    """Every citation in ``text``, in order, one per mention."""
    pivot = year_pivot(text)
    found: list[_Citation] = []
    pos = 0
    while True:
        cue = pats.cue.search(text, pos)
        if not cue:
            break
        pos = cue.end()
        # Try the number right after the act name, then after each qualifier word.
        stops = [(cue.end(), "")]
        at = cue.end()
        for _ in range(_MAX_QUALIFIERS):
            word = pats.qualifier.match(text, at)
            if not word:
                break
            at = word.end()
            stops.append((at, text[cue.end() : at]))
        for stop, qualifiers in reversed(stops):
            marker = pats.eu_marker.match(text, stop)
            after = marker.end() if marker else stop
            slash = pats.tails[1].match(text, after)
            eu = bool(marker) or bool(slash and pats.eu_suffix.match(text, slash.end()))
            before = text[max(0, cue.start() - 60) : cue.start()]
            kind = _kind_for(cue.group(), qualifiers, before, eu, pats)
            read = _read_tail(text, after, kind, pivot, pats)
            if not read:
                continue
            number, year, end = read
            if suffix := pats.eu_suffix.match(text, end):
                end = suffix.end()
            found.append(_Citation(cast(LegalKind, kind), number, year, cue.start(), end))
            # "leggi n. 328/2000 e n. 112/2016": the same kind of act, listed.
            while (more := pats.more.match(text, end)) and (nxt := _read_tail(text, more.end(), kind, pivot, pats)):
                found.append(_Citation(cast(LegalKind, kind), nxt[0], nxt[1], more.end(), nxt[2]))
                end = nxt[2]
            pos = end
            break
        else:  # no number after the name or its qualifiers
            if titled := _titled(text, cue, pivot, pats):
                found.append(titled)
                pos = titled.end
    for citation in found:
        citation.article, citation.comma = _article_near(text, citation.start, citation.end, pats)
    return found


def find_legal_refs(analysis: Analysis) -> list[LegalRef]:
    """Every distinct act cited with its number and year, one span per citation."""
    text = analysis.text
    refs: dict[tuple[str, str, int], LegalRef] = {}
    for c in _citations(text, _patterns()):
        ref = refs.get((c.kind, c.number, c.year))
        if ref is None:
            ref = refs[(c.kind, c.number, c.year)] = LegalRef(
                kind=c.kind, number=c.number, year=c.year, text=" ".join(text[c.start : c.end].split())
            )
        if ref.article is None and c.article is not None:
            ref.article, ref.comma = c.article, c.comma
        ref.spans.append((c.start, c.end))
    return sorted(refs.values(), key=lambda r: r.spans[0])
