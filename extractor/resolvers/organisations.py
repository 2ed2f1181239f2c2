"""Organisations: link the spellings of one body to one canonical name.

A name is split into a known body of ``data/organisations.toml`` (found by
acronym or full name, "CSV" = "Centro Servizi per il Volontariato") and the
rest, its territory ("Monza e Brianza"). Two names are one organisation when
the bodies agree and so do the territories: equal, one the initials of the
other ("MBL" = "Monza Brianza Lecco") or close enough to be a typo. Names of
bodies the registry does not know match on their compact spelling ("Co.De.Bri."
= "CODEBRI") or a near-identical one. A caller (a database layer) passes the
organisations it already knows as ``known``; their names win.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz import fuzz

from extractor.lexicon import load

# fuzz.ratio between two territories ("Monza Brianza" / "Monza Brinza") to call them one.
TERRITORY_MATCH = 90.0
# fuzz.ratio between two names of bodies the registry does not know to call them one.
NAME_MATCH = 92.0
# Words that join a name to its territory and say nothing about which territory it is (and that an acronym
# skips: "Centro di Servizio per il Volontariato" is "CSV").
NAME_CONNECTORS = frozenset(
    [
        "di",
        "del",
        "della",
        "dello",
        "dei",
        "degli",
        "delle",
        "dell",
        "d",
        "per",
        "il",
        "lo",
        "la",
        "l",
        "i",
        "gli",
        "le",
        "e",
        "ed",
        "a",
        "al",
        "alla",
        "in",
        "sul",
        "sulla",
    ]
)


@dataclass(frozen=True)
class Organisation:
    """A body: its canonical name, kind and other spellings."""

    name: str
    kind: str | None = None
    acronyms: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    territorial: bool = False


@dataclass(frozen=True)
class _Parsed:
    body: Organisation | None
    words: tuple[str, ...]  # original spelling of the territory, or of the whole name when no body
    keys: tuple[str, ...]  # the same words normalised, connectors dropped


@cache
def registry() -> tuple[Organisation, ...]:
    """The well-known bodies of ``data/organisations.toml``."""
    return tuple(
        Organisation(
            name=entry["name"],
            kind=entry.get("kind"),
            acronyms=tuple(entry.get("acronyms", ())),
            variants=tuple(entry.get("variants", ())),
            territorial=entry.get("territorial", False),
        )
        for entry in load("organisations")["organisation"]
    )


def _ascii(text: str) -> str:
    text = text.replace("’", "'")  # "dell’Azienda" is two words, as "dell'Azienda"
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _words(text: str) -> list[str]:
    """The words of a name in their spelling, dots of acronyms dropped ("Co.De.Bri." -> "CoDeBri")."""
    text = re.sub(r"(?<=\w)\.(?=\w)", "", _ascii(text))
    return re.findall(r"[^\W_]+", text)


def normalise(text: str) -> str:
    """Lower case, no accents, acronym dots dropped, punctuation to spaces."""
    return " ".join(w.lower() for w in _words(text))


def compact(text: str) -> str:
    """The letters and digits of a name alone: "Co.De.Bri." and "CODEBRI" share it."""
    return "".join(_words(text)).lower()


@cache
def _forms() -> tuple[tuple[tuple[str, ...], Organisation], ...]:
    """Every spelling of every registry body as lower-case words, longest first."""
    forms = []
    for org in registry():
        for form in {org.name, *org.acronyms, *org.variants}:
            forms.append((tuple(normalise(form).split()), org))
    return tuple(sorted(forms, key=lambda f: (-len(f[0]), -len(" ".join(f[0])))))


@lru_cache(maxsize=4096)  # a long document names the same bodies again and again
def _parse(name: str) -> _Parsed:
    words = _words(name)
    lower = tuple(w.lower() for w in words)
    for form, org in _forms():
        # The body opens the name: in "Conferenza dei Sindaci dell'Azienda ULSS 20" the ULSS is only named.
        if lower[: len(form)] == form:
            rest = words[len(form) :]
            while rest and rest[0].lower() in NAME_CONNECTORS:
                rest = rest[1:]
            keys = tuple(w.lower() for w in rest if w.lower() not in NAME_CONNECTORS)
            return _Parsed(org, tuple(rest), keys)
    return _Parsed(None, tuple(words), tuple(w.lower() for w in words if w.lower() not in NAME_CONNECTORS))


def _initials(keys: tuple[str, ...]) -> str:
    return "".join(k[0] for k in keys if not k.isdigit())


def _digits(keys: tuple[str, ...]) -> list[str]:
    return [k for k in keys if k.isdigit()]


def _same_territory(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if a == b:
        return True
    if not a or not b or _digits(a) != _digits(b):
        return False
    for one, other in ((a, b), (b, a)):
        if len(one) == 1 and len(other) >= 2 and one[0] == _initials(other):
            return True  # "MBL" = "Monza Brianza Lecco"
    return fuzz.ratio(" ".join(a), " ".join(b)) >= TERRITORY_MATCH


def _same(a: _Parsed, b: _Parsed) -> bool:
    if a.body is not None or b.body is not None:
        return a.body == b.body and _same_territory(a.keys, b.keys)
    if "".join(a.keys) == "".join(b.keys):
        return True
    if _digits(a.keys) != _digits(b.keys):
        return False
    return fuzz.ratio(" ".join(a.keys), " ".join(b.keys)) >= NAME_MATCH


# Words an acronym skips besides the connectors: "Azienda per l'Assistenza agli Anziani" is "AAA".
_UNINITIALLED = NAME_CONNECTORS | {"all", "allo", "ai", "agli", "alle"}


@lru_cache(maxsize=4096)  # a document's every mention is compared with every body found before it
def abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` is ``long`` by its acronym, with or without the words that follow ("CSV" and "CSV
    Sardegna" of "Centro di Servizio per il Volontariato Sardegna Solidale"), for bodies the registry does not
    know; acronyms of three letters or more. A hyphenated word gives one initial or one for each part: "ASL"
    and "ASSL" both stand for "Azienda Socio-Sanitaria Locale"."""
    first, *rest = short.split() or [""]
    letters = first.replace(".", "")
    if len(letters) < 3 or not letters.isalpha() or not letters.isupper():
        return False
    for spelling in {long, _COMPOUND_HYPHEN.sub("", long)}:
        words = [w for w in normalise(spelling).split() if w not in _UNINITIALLED]
        following = words[len(letters) :]
        if _initials(tuple(words)).startswith(letters.lower()) and all(
            normalise(w) in following for w in rest if normalise(w) not in _UNINITIALLED
        ):
            return True
    return False


# The hyphen inside a compound word: "Socio-Sanitaria".
_COMPOUND_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


def same_organisation(a: str, b: str) -> bool:
    """Whether two names, as written, stand for one body."""
    return _same(_parse(a), _parse(b))


def registry_kind(name: str) -> str | None:
    """The kind of the registry body a name holds, or None."""
    body = _parse(name).body
    return body.kind if body else None


def _display(word: str) -> str:
    return word.capitalize() if word.islower() and word not in NAME_CONNECTORS else word


def resolve(name: str, kind: str | None = None, known: Iterable[Organisation] = ()) -> str | None:
    """The canonical name of the body ``name`` stands for, or None when it is not known.

    ``known`` bodies (learned from other documents) are tried first, spellings
    included; then the registry, whose territorial bodies take the territory
    written after them ("CISL Monza Brianza Lecco").
    """
    parsed = _parse(name)
    for org in known:
        if kind and org.kind and kind != org.kind:
            continue
        if any(_same(parsed, _parse(form)) for form in (org.name, *org.acronyms, *org.variants)):
            return org.name
    body = parsed.body
    if body is None:
        return None
    if body.territorial and parsed.words:
        return " ".join([body.name, *(_display(w) for w in parsed.words)])
    return body.name
