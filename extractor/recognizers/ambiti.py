"""Ambiti: territorial social-planning districts ("Ambito di Desio", "Distretto 4").

A district is a head word ("ambito", "distretto", "zona distretto"), optional
qualifiers ("territoriale sociale", "socio-sanitario") and a name: a code
("S5", "n. 46", "5.1"), a place ("di Sesto San Giovanni") or an adjective
("Rhodense"). "Ambiti di A, B e C" names one district per place. The
territory of a council of mayors ("Conferenza dei Sindaci dell'Azienda ULSS
20") and a district defined by its comuni ("l'ambito che comprende i Comuni
di A e B") count too. Mentions sharing a key (code or place) are one ambito.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from extractor.lexicon import alternation, load, word_set
from extractor.nlp import Analysis
from extractor.recognizers.categories import categorize
from extractor.resolvers import comuni as comuni_registry
from extractor.resolvers.organisations import abbreviates
from extractor.textkeys import match_key
from models import Ambito

_UP = "A-ZÀ-ÖØ-Þ"
# In capitals "E" and "ED" are still conjunctions: "AMBITI DI MAGLIE E DI POGGIARDO".
# A double name may break at its hyphen: "Corigliano-" at a line's end, "Rossano" on the next.
_CAP_WORD = (
    rf"(?:(?!(?:E|ED)(?![\wÀ-ÿ'’]))[{_UP}][\wÀ-ÿ]*(?:['’][{_UP}][\wÀ-ÿ]*)?"
    rf"(?:-(?:[ \t]*\n[ \t]*)?[{_UP}][\wÀ-ÿ]*)*)"
)
_CONN = r"(?:di|de['’]|del|della|dei|sul|sulla|in|con|al|d['’])"
# Words of a name are one or two spaces apart: a wider gap is a layout's column or a footer's tab stop.
_PLACE = rf"{_CAP_WORD}(?:[ \t]{{1,2}}(?:{_CONN}[ \t]{{1,2}})?{_CAP_WORD})*"
_PLACES = rf"{_PLACE}(?:[ \t]*,[ \t]*{_PLACE})*(?:[ \t]+(?i:e|ed)[ \t]+(?:(?i:di)[ \t]+)?{_PLACE})?"
_OF = r"(?i:di|del|della|dello|dell['’]|dei|degli)"
# A district's number, with its province's letters when it has them: "n. 3", "S5", "BA/3", "RM 6.1", "XV".
_CODE = (
    rf"(?:(?i:n\.?|nr\.?|n°|numero)[ \t]*)?"
    rf"(?:(?:[{_UP}]{{1,2}}[ \t]?/?[ \t]?)?\d+(?:\.\d+)?|[{_UP}]{{2}}/[{_UP}](?![\w'’])|[IVX]{{1,5}}(?![\w'’]))"
)
# More districts' numbers after a plural head's first: "distretti socio-sanitari LT/1, FR/B e VT/3".
_MORE_CODES = re.compile(rf"(?:[ \t]*,[ \t]*|[ \t]+(?i:e|ed)[ \t]+)(?P<code>{_CODE})(?![\w]|\.\d)")
# An acronym in brackets between the head and the code: "Ambito Sociale Territoriale (ATS) N.2".
_ACRONYM = rf"(?:[ \t]*\([{_UP}][{_UP}.]{{1,8}}\))?"
# A district's own name in quotes: 'il distretto "Valle dell'Anapo"'.
_QUOTED = r"[“\"«](?P<quoted>[^”\"»\n]{2,60})[”\"»]"
# A body's territory: "Azienda ULSS 20", "Distretto 4".
_TERRITORY = rf"{_CAP_WORD}(?:[ \t]+(?:{_CONN}[ \t]+)?(?:{_CAP_WORD}|\d+))*"


@dataclass(frozen=True)
class _Words:
    mention: re.Pattern[str]
    mayors: re.Pattern[str]
    comprising: re.Pattern[str]
    not_places: frozenset[str]
    not_before: re.Pattern[str]
    plural: frozenset[str]
    named_heads: frozenset[str]
    qualifier_start: re.Pattern[str]
    heads: frozenset[str]
    head_of: re.Pattern[str]  # a head and its "di" opening a place: "AMBITO DI SASSARI"
    numbered_only: frozenset[str]


@cache
def _words() -> _Words:
    words = load("parties")["ambiti"]
    heads = alternation(words["heads"] + words["plural_heads"])
    quals = alternation(words["qualifiers"])
    endings = alternation(words["adjective_endings"])
    mention = re.compile(
        rf"(?<![\w-])(?P<head>(?i:{heads}))(?![\w'’])(?P<qual>(?:[ \t]+(?i:{quals})(?![\w'’]))*){_ACRONYM}"
        rf"(?:[ \t]+(?P<code>{_CODE})(?![\w]|\.\d)(?:[ \t]+(?P<code_name>{_PLACE}))?"
        # The territory is no district itself: "ECAD dell'Ambito Sociale n4 Peligno" is the ambito's own body.
        rf"|[ \t]+{_OF}[ \t]*(?!(?i:{heads})(?![\w'’]))(?P<place>{_PLACES})"
        rf"|[ \t]+(?P<adj>[{_UP}][\wÀ-ÿ]*(?i:{endings}))(?![\w'’])"
        rf"|[ \t]+(?:(?i:denominato|denominata|detto|detta)[ \t]+)?{_QUOTED}"
        rf"|[ \t]+(?P<named>{_PLACE})(?:[ \t]+(?P<named_code>{_CODE})(?![\w]|\.\d|[ \t]*\d))?)"
    )
    mayors = re.compile(
        rf"(?<![\w-])(?i:{alternation(words['mayors_bodies'])})[ \t]+{_OF}[ \t]*(?P<place>{_TERRITORY})"
    )
    comprising = re.compile(
        rf"(?<![\w-])(?P<head>(?i:ambito|distretto))[ \t]+(?i:{alternation(words['comprising'])})"
        rf"[ \t]+(?i:i[ \t]+)?(?i:comuni)[ \t]+(?i:di)[ \t]+(?P<place>{_PLACES})"
    )
    not_before = re.compile(rf"(?:^|[\s(])(?:{alternation(words['not_before'])})\s*$", re.I)
    return _Words(
        mention=mention,
        mayors=mayors,
        comprising=comprising,
        not_places=frozenset(w.lower() for w in words["not_places"]),
        not_before=not_before,
        plural=frozenset(w.lower() for w in words["plural_heads"]),
        named_heads=frozenset(w.lower() for w in words["named_heads"]),
        qualifier_start=re.compile(rf"(?i:{quals})(?![\w'’])"),
        heads=frozenset(w.lower() for w in words["heads"] + words["plural_heads"]),
        head_of=re.compile(rf"^(?i:{heads})[ \t]+{_OF}[ \t]*"),
        numbered_only=frozenset(w.lower() for w in words["numbered_only_heads"]),
    )


def _no_name(place: str) -> bool:
    """Whether a body's territory is only a district's head and qualifiers ("Assemblea dei Sindaci
    dell'Ambito", "… del Distretto Sociosanitario"): the text's own district, not named."""
    words = _words()
    first, _, rest = re.sub(r"^[lL]['’]\s*", "", place).partition(" ")
    if first.lower() not in words.heads:
        return False
    rest = rest.strip()
    while rest and (qualifier := words.qualifier_start.match(rest)):
        rest = rest[qualifier.end() :].strip()
    return not rest


def _split_places(places: str) -> list[tuple[int, str]]:
    """The places of "A, B e C" with their offsets inside the string."""
    out = []
    for match in re.finditer(rf"(?<![\wÀ-ÿ'’]){_PLACE}", places):
        before = places[: match.start()].rstrip()
        if not before or before.endswith(",") or re.search(r"\s(?:e|ed)(?:\s+di)?$", " " + before, re.I):
            # "MAGLIE E DI POGGIARDO": in capitals the "DI" of the second place reads as a word of its name.
            of = re.match(r"(?i:di)[ \t]+(?=\S)", match.group()) if before else None
            skip = of.end() if of else 0
            out.append((match.start() + skip, match.group()[skip:]))
    return out


def _a_person(name: str) -> bool:
    """Whether a capitalised name after a district's head is a person's: "il Direttore del Distretto Daniela
    Corsi" names who directs it, by a first name and a surname."""
    words = name.split()
    return len(words) == 2 and words[0].lower() in word_set("first_names.txt") and words[1][:1].isupper()


def _coded_districts(text: str, match: re.Match[str], family: str) -> list[DistrictMention]:
    """One district per number after a plural head: "nei distretti socio-sanitari LT/1, FR/B e VT/3" names
    "Distretto socio-sanitario LT/1", "… FR/B" and "… VT/3"."""
    single = "Distretto" if family == "distretto" else "Ambito"
    qualifiers = " ".join(_singular(q) for q in match.group("qual").split())
    out = []
    for start, end in _coordinated(text, match.span("code"), _MORE_CODES, "code"):
        code = text[start:end]
        name = " ".join(f"{single} {qualifiers} {code}".split())
        out.append(DistrictMention(("code", family, _code_key(code, single)), name, (start, end)))
    return out


def _coordinated(text: str, first: tuple[int, int], more: re.Pattern[str], group: str) -> list[tuple[int, int]]:
    """The spans of the first item and of those coordinated after it by commas and "e" (``more`` reads one)."""
    spans = [first]
    while following := more.match(text, spans[-1][1]):
        spans.append(following.span(group))
    return spans


# More districts' names after a plural head's first: "Distretti Nord Ovest e Sud Ovest".
_MORE_NAMES = re.compile(rf"(?:[ \t]*,[ \t]*|[ \t]+(?i:e|ed)[ \t]+)(?P<named>{_PLACE})")


def _named_districts(text: str, match: re.Match[str]) -> list[DistrictMention]:
    """One district per capitalised name after "Distretti": "dei Distretti Nord Ovest e Sud Ovest dell'ASL CN1"
    names "Distretto Nord Ovest" and "Distretto Sud Ovest"."""
    words = _words()
    qualifiers = " ".join(_singular(q) for q in match.group("qual").split())
    out = []
    for start, end in _coordinated(text, match.span("named"), _MORE_NAMES, "named"):
        name = text[start:end]
        if name.split()[0].lower() not in words.not_places and not words.qualifier_start.match(name):
            out.append(
                DistrictMention(
                    ("place", _place_key(name)), " ".join(f"Distretto {qualifiers} {name}".split()), (start, end)
                )
            )
    return out


def _singular(word: str) -> str:
    """A plural qualifier in the singular: "socio-sanitari" is "socio-sanitario", "territoriali" "territoriale"."""
    if word.lower().endswith("ari"):
        return word + "o"
    if word.lower().endswith(("ali", "ili")):
        return word[:-1] + "e"
    return word


def _code_key(code: str, head: str) -> str:
    key = re.sub(r"^(?:n|nr|numero)\b\.?", "", code.strip(), flags=re.I)
    key = re.sub(r"\s+", "", key).lower()
    if "distrett" in head.lower() and re.fullmatch(r"d\d+", key):
        key = key[1:]  # "D46" is district 46
    if (number := roman_number(key)) is not None:
        return str(number)  # "ATS IX" is "Ambito 9"
    return re.sub(r"(?<![\d.])0+(?=\d)", "", key)  # "S09" is S9


_ROMAN = re.compile(r"(?i)(?=[ivxlc])(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def roman_number(word: str) -> int | None:
    """The value of a Roman numeral ("IX" 9, "xxiv" 24), or None when ``word`` is not one."""
    if not _ROMAN.fullmatch(word):
        return None
    values = [_ROMAN_VALUES[c] for c in word.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def district_numbers(name: str) -> set[int]:
    """The numbers in a district's name, in figures or Roman numerals of two letters or more ("Ambito 9",
    "Ambito Territoriale Sociale IX"); a lone "I" or "V" is too often a word to count."""
    numbers = {int(n) for n in re.findall(r"\d+", name)}
    numbers.update(n for word in re.findall(r"\b[IVXLCivxlc]{2,}\b", name) if (n := roman_number(word)))
    return numbers


# Words kept lower case when an all-caps name is shown in title case.
_MINOR_WORDS = frozenset(
    {"di", "del", "della", "dello", "dei", "degli", "delle", "e", "ed", "in", "sul", "sulla", "con"}
)


# District heads as short as these are acronyms ("PLUS", "ECAD", "DSS"), kept in capitals in a name shown from capitals.
_ACRONYM_LETTERS = 4


def _acronym_head(word: str) -> bool:
    """Whether ``word`` is a district head that is an acronym ("PLUS", "ECAD", "DSS")."""
    return len(word) <= _ACRONYM_LETTERS and word.lower() in _words().heads


def _display(text: str) -> str:
    """The name as shown: single spaces; an all-caps heading in title case, codes kept ("S5", "IX")."""
    text = re.sub(r"(?<=\w)-\s+(?=\w)", "-", " ".join(text.split()))  # "Corigliano-\nRossano"
    if text.isupper():
        words = []
        for i, word in enumerate(text.lower().split()):
            if re.search(r"\d", word) or (len(word) > 1 and roman_number(word) is not None):
                words.append(word.upper())  # "S5", "IX"
            elif _acronym_head(word):
                words.append(word.upper())  # "PLUS", "ECAD", "DSS": a head that is an acronym
            elif i and word in _MINOR_WORDS:
                words.append(word)
            else:
                # "dell'ambito" -> "dell'Ambito", "garbagnate" -> "Garbagnate"
                words.append(re.sub(r"(^|['’\"“«])(\w)", lambda m: m.group(1) + m.group(2).upper(), word))
        text = " ".join(words)
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class DistrictMention:
    """One written mention of an ambito: its identity key, its display name, its span."""

    key: tuple[str, ...]
    name: str
    span: tuple[int, int]


# What follows "Ambito 1" when it numbers a work area: "Ambito 1: minori" (matched in place).
_NUMBERS_AN_AREA = re.compile(r"[ \t]*[:–—\-)]")
# A dash and capitalised words after a district's number: "Zona sociale 3 – Assisi", "Ambito 1 – Città di Castello".
_AFTER_DASH = re.compile(
    rf"[ \t]*[–—-][ \t]*([{_UP}][\wÀ-ÿ'’]*(?:[ \t]+(?:(?:di|del|della|sul|in)[ \t]+)?[{_UP}][\wÀ-ÿ'’]*){{0,3}})"
)

# Where a town after the dash closes its phrase: the line's end, a column's gap, punctuation or a figure.
_PHRASE_END = re.compile(r"[ \t]*(?:$|[ \t]{2,}|[,;.()\d])", re.M)


def _town_after_dash(text: str, pos: int) -> int | None:
    """The end of the town named after a dash at ``pos`` (its longest run of words that the registry knows), or None."""
    after = _AFTER_DASH.match(text, pos)
    if after is None:
        return None
    words = list(re.finditer(r"\S+", after.group(1)))
    for last in reversed(words):
        end = after.start(1) + last.end()
        # A town that closes the phrase and names no field of work: "Ambito 1 – Minori" is an area, not Minori.
        town = after.group(1)[: last.end()]
        if comuni_registry.exact(town) and categorize(town) is None and _PHRASE_END.match(text, end):
            return end
    return None


# A health service's own district, not a social-planning one: "sanitario" without "socio", named as the health
# body's ("Distretto sanitario dell'ASP di Ragusa"). (Named by its place, "il direttore del Distretto sanitario di
# Lugo", the annotated corpus takes it for the district the document concerns.)
_HEALTH_ONLY = re.compile(r"(?i)(?<!socio)(?<!socio-)(?<!socio )\bsanitari[oa]\b")
_OF_HEALTH_BODY = re.compile(
    r"(?i)\s*(?:dell['’]\s*|della\s+|del\s+)(?:asp|asl|ausl|usl|ulss|aulss|asst|ats|azienda)\b"
)


def _health_district(text: str, match: re.Match[str]) -> bool:
    """Whether a district mention names a health service's district rather than a social-planning one."""
    return (
        bool(_HEALTH_ONLY.search(match.group("qual") or ""))
        and _OF_HEALTH_BODY.match(text, match.end("qual")) is not None
    )


# Whose district a name is: "i Comuni dell'Ambito Tagliamento", "i residenti del Distretto Sud".
_TERRITORY_OF = re.compile(
    r"(?i)\b(?:comuni|sindaci|territorio|cittadini|residenti|abitanti)\s+(?:dell['’]|del|dello)\s*$"
)
# A day right after a name or a number: "del 24/09/2024", "del 9 ottobre 2024", "in data 3 marzo".
DAY_AFTER = r"[ \t]+(?:del|in\s+data)[ \t]+\d{1,2}(?:[/.-]\d{1,2}[/.-]\d{2,4}|°?[ \t]+[a-zA-Z]{3,})"
# A date or a year right after a number makes it an act's: "n. 14 del 24/09/2024", "n. 7 del 9 ottobre 2024",
# "VERBALE DEL COMITATO ISTITUZIONALE N. 3/2024" (parties read it after a body's number too).
DATED_ACT = re.compile(rf"/(?:19|20)\d{{2}}(?!\d)|{DAY_AFTER}")


# In capitals every word looks like a name's: a place ends where a preposition or an article opens another
# phrase ("… DI CORIGLIANO-ROSSANO E L'AZIENDA SANITARIA …", "… DI COSENZA PER L'ADOZIONE DEL PIANO …").
_CAPS_PHRASE = re.compile(
    r"[ \t]+(?:(?:E|ED)[ \t]+(?:(?:IL|LA|LO|GLI|LE|UN|UNA)[ \t]|L['’](?P<elided>[A-ZÀ-Ý][\wÀ-ÿ]*))"
    r"|(?:PER|TRA|FRA|CON|NEL|NELLA|NEI|SUL|SULLA|ALLA|AI|DAL|DALLA|CHE|IL|LA|LO|GLI|LE)(?![\wÀ-ÿ'’]))"
)


def _before_another_phrase(place: str) -> str:
    """``place`` up to where, in capitals, another phrase opens; a town after "E L'" stays ("TERAMO E L'AQUILA")."""
    for match in _CAPS_PHRASE.finditer(place):
        elided = match.group("elided")
        if elided is None or not comuni_registry.exact(f"L'{elided}"):
            return place[: match.start()]
    return place


def mentions(text: str) -> list[DistrictMention]:
    """Every ambito mention in ``text``, coordinated phrases expanded (also used by parties)."""
    return list(_mentions_of(text))


@lru_cache(maxsize=1)
def _mentions_of(text: str) -> tuple[DistrictMention, ...]:
    """``mentions``, kept for the last text: the ambiti and the parties of one document both read them."""
    words = _words()
    found: list[DistrictMention] = []
    # "Ambito Vulture Alto Bradano": a name with no qualifier, kept when the district is named so elsewhere.
    unqualified: list[DistrictMention] = []
    for match in words.mention.finditer(text):
        head = match.group("head")
        within = words.not_before.search(text[max(0, match.start() - 12) : match.start()])
        if head.islower() and within and not match.group("qual"):
            continue  # "nell'ambito di": within, not a district
        if head.lower() in words.numbered_only and not match.group("code"):
            continue  # "ATS di Bergamo" is Lombardy's health agency; "ATS 20" is a district of the Marche
        family = "distretto" if "distrett" in _spelled_out(head).lower() else "ambito"  # "DSS": Distretto
        if family == "distretto" and _health_district(text, match):
            continue
        code = match.group("code") or match.group("named_code")
        if code is None and re.search(r"\bd['’]$", text[max(0, match.start() - 2) : match.start()]):
            continue  # "il convegno d'Ambito “Crescere insieme”", "Piano d'Ambito": of the district, not one
        if match.group("named") and head.lower() in words.plural and family == "distretto":
            found.extend(_named_districts(text, match))  # "dei Distretti Nord Ovest e Sud Ovest"
            continue
        if match.group("named") and not (match.group("qual") or head.lower() in words.named_heads):
            # "Ambito Famiglia e Minori" is a work area, unless the district is named so elsewhere or its
            # towns or people are ("i Comuni dell'Ambito Tagliamento").
            named_key = ("place", _place_key(match.group("named")))
            mention = DistrictMention(named_key, match.group(), match.span())
            named = match.group("named")
            territory = _TERRITORY_OF.search(text, max(0, match.start() - 40), match.start()) and not (
                words.qualifier_start.match(named) or named.split()[0].lower() in words.not_places
            )
            (found if territory else unqualified).append(mention)
            continue
        named = match.group("named")
        if named and (
            named.split()[0].lower() in words.not_places or words.qualifier_start.match(named) or _a_person(named)
        ):
            continue  # "Ambito Territoriale Sociale", "Distretto Socio Sanitario" have no name after their qualifiers
        if match.group("quoted"):
            found.append(DistrictMention(("place", match_key(match.group("quoted"))), match.group(), match.span()))
            continue
        if code is not None:
            if re.fullmatch(r"(?:19|20)\d\d", code):
                continue
            town_end = _town_after_dash(text, match.end())
            numbers_an_area = _NUMBERS_AN_AREA.match(text, match.end()) and town_end is None
            if family == "ambito" and not match.group("qual") and numbers_an_area:
                continue  # "Ambito 1: minori" numbers a work area; "Zona sociale 3 – Assisi" is a district
            if DATED_ACT.match(text, match.end("code")):
                continue  # "deliberazione del Comitato del Distretto n. 14 del 24/09/2024": the act's number
            if head.lower() in words.plural:
                found.extend(_coded_districts(text, match, family))
                continue
            key = ("code", family, _code_key(code, head))
            end = town_end or match.end()
            # A name after the code ("Ambito n6 Sangrino"), unless capitals make any words look like one.
            named_after = match.group("code_name")
            if named_after and (named_after.isupper() or named_after.split()[0].lower() in words.not_places):
                end = match.end("code")
            found.append(DistrictMention(key, text[match.start() : end], (match.start(), end)))
            continue
        if match.group("named"):
            found.append(DistrictMention(("place", _place_key(match.group("named"))), match.group(), match.span()))
            continue
        if match.group("adj"):
            found.append(DistrictMention(("place", match_key(match.group("adj"))), match.group(), match.span()))
            continue
        places = _before_another_phrase(match.group("place"))
        start = match.start("place")
        items = _split_places(places)
        items = [(s, p) for s, p in items if p.split()[0].lower() not in words.not_places]
        if not items:
            continue
        if head.lower() in words.plural:
            # "Ambiti di A, B e C": one district per place.
            single = "Distretto" if family == "distretto" else "Ambito"
            for offset, place in items:
                span = (start + offset, start + offset + len(place))
                found.append(DistrictMention(("place", match_key(place)), f"{single} di {place}", span))
        else:
            end = start + len(places)
            found.append(DistrictMention(("place", match_key(places)), text[match.start() : end], (match.start(), end)))
    known = {m.key for m in found}
    found.extend(m for m in unqualified if m.key in known)
    taken = [m.span for m in found]
    for pattern in (words.mayors, words.comprising):
        for match in pattern.finditer(text):
            span = match.span("place")
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            place = match.group("place")
            if place.split()[0].lower() in words.not_places or _no_name(place):
                continue
            name = place if pattern is words.mayors else f"{match.group('head').capitalize()} di {place}"
            found.append(DistrictMention(("place", match_key(place)), name, span))
            taken.append(span)
    return tuple(found)


def _place_key(place: str) -> str:
    """The key of a district's place, without a head that opens it: "PLUS AMBITO DI SASSARI" is the district of
    Sassari, as "l'Ambito di Sassari" is."""
    inner = _words().head_of.sub("", place)
    return match_key(inner or place)


def _spelled_out(name: str) -> str:
    """``name`` with an acronym head that stands for a district written out ("ECAD n6 Sangrino" -> "Ambito n6
    Sangrino", ``spelled_heads``)."""
    head, _, rest = name.partition(" ")
    spelled = load("parties")["ambiti"]["spelled_heads"].get(head.lower())
    return f"{spelled} {rest}".rstrip() if spelled else name


def _official_look(mention: DistrictMention) -> tuple[bool, bool, bool, int, int]:
    """How much a mention looks like the district's official name: its head spelled out, more than a head and
    its number ("Ambito Territoriale Sociale IX" over "Ambito 9"), not in capitals, most words capitalised
    ("Ambito Distrettuale Urbano 6.5" over "Ambito socio assistenziale urbano 6.5"), then the earliest."""
    words = mention.name.split()
    capitalised = sum(w[:1].isupper() for w in words if w.lower() not in _MINOR_WORDS)
    # A head in full ("Ambito n6 Sangrino") over its acronym ("ECAD n6 Sangrino").
    spelled = not (words and _acronym_head(words[0]))
    return (spelled, len(words) > 2, not mention.name.isupper(), capitalised, -mention.span[0])


def find_ambiti(analysis: Analysis) -> list[Ambito]:
    """Every district the text names, one item per district with a span per mention."""
    groups: dict[tuple[str, ...], list[DistrictMention]] = {}
    found = sorted(mentions(analysis.text), key=lambda m: m.span)
    coded = [m for m in found if m.key[0] == "code"]
    for mention in found:
        # "ATS XIX" is "Ambito Territoriale Sociale XIX" by its acronym: one district.
        spelled_out = (c.key for c in coded if mention.key[0] == "place" and abbreviates(mention.name, c.name))
        key = next(spelled_out, mention.key)
        groups.setdefault(key, []).append(mention)
    out = []
    for same in groups.values():
        shown = max(same, key=_official_look)
        ambito = Ambito(name=_spelled_out(_display(shown.name)))
        ambito.spans = sorted({m.span for m in same})
        out.append(ambito)
    return sorted(out, key=lambda a: a.spans[0])
