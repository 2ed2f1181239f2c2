"""Italian municipality names to ISTAT entries: exact, fuzzy and homonym-aware lookup.

The registry is ``extractor/data/comuni.tsv`` (built by
``extractor.data.build_comuni``). Names are compared in a normal form that
ignores case, accents, apostrophes and hyphens, so "Cassina de Pecchi" finds
"Cassina de' Pecchi". Fuzzy lookup (typos, OCR noise) only compares names
with the same first letter and a similar length, which keeps it cheap.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from extractor.lexicon import data_text

# fuzz.ratio (0-100) a misspelt name must reach: "Cambiagio" scores 94 and
# "Combiago" 87.5 against "Cambiago" (one wrong letter in eight), two wrong
# letters in eight score 75. Real names one letter apart ("Brianza", the
# area, and Brienza) also pass, so callers should corroborate fuzzy hits.
FUZZY_THRESHOLD = 85.0
# Shorter names are not matched fuzzily: one wrong letter in "Rho" or "Asti"
# is another word, not a typo.
FUZZY_MIN_LENGTH = 6
# Candidates may differ in length by at most this many characters.
FUZZY_LENGTH_SLACK = 2


@dataclass(frozen=True, slots=True)
class Municipality:
    """One row of the ISTAT registry."""

    istat: str
    name: str
    province_code: str
    province: str
    region: str


@lru_cache(maxsize=65_536)
def normalize(name: str) -> str:
    """Lower case, no accents, apostrophes and hyphens as spaces, spaces collapsed (cached: a long text
    asks for the same few names again and again)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+|_", " ", plain).split())


@cache
def registry() -> tuple[Municipality, ...]:
    """Every municipality of the shipped registry, in ISTAT code order."""
    lines = data_text("comuni.tsv").splitlines()
    return tuple(Municipality(*line.split("\t")) for line in lines[1:] if line)


@cache
def _by_name() -> dict[str, tuple[Municipality, ...]]:
    index: dict[str, list[Municipality]] = {}
    for town in registry():
        index.setdefault(normalize(town.name), []).append(town)
    return {key: tuple(towns) for key, towns in index.items()}


# The abbreviation of a saint's name that stands for San, Santo, Santa or Sant' ("S. Mauro Marchesato").
_SAINTS = frozenset({"san", "santo", "santa", "sant"})
_SAINT_ABBREVIATION = "s"
# Prepositions that writers drop from official names ("Isola Capo Rizzuto" for Isola di Capo Rizzuto,
# "Reggio Emilia" for Reggio nell'Emilia).
_DROPPED = frozenset({"di", "nell"})
# Prepositions after which the rest of an official name may be left out ("Cisterna" for
# Cisterna di Latina): the part before them is then a short form of the name.
_QUALIFIER_HEADS = frozenset({"di", "de", "del", "della", "dei", "in", "sul", "sulla", "al", "alla", "nel", "nell"})


@cache
def _aliases() -> dict[str, tuple[Municipality, ...]]:
    """Other ways of writing a name: saints abbreviated, a dropped "di", two of its words run together.

    An alias never shadows an official name, and one that two towns share is kept for both.
    """
    index: dict[str, list[Municipality]] = {}
    for key, towns in _by_name().items():
        words = key.split()
        variants = set()
        if any(w in _SAINTS for w in words):
            variants.add(" ".join(_SAINT_ABBREVIATION if w in _SAINTS else w for w in words))
        if any(w in _DROPPED for w in words[1:-1]):
            variants.add(" ".join(w for w in words if w not in _DROPPED))
        # Two words of a name written as one: "San Paolo Belsito" for San Paolo Bel Sito.
        for i in range(len(words) - 1):
            if words[i] not in _QUALIFIER_HEADS and words[i + 1] not in _QUALIFIER_HEADS:
                variants.add(" ".join([*words[:i], words[i] + words[i + 1], *words[i + 2 :]]))
        for variant in variants - _by_name().keys():
            index.setdefault(variant, []).extend(towns)
    return {key: tuple(towns) for key, towns in index.items()}


@cache
def _short_forms() -> dict[str, Municipality]:
    """Names cut before their qualifier ("Cisterna" for Cisterna di Latina), when only one town has that head.

    A short form that is itself a town's name, or the head of two towns' names, is left out.
    """
    heads: dict[str, list[Municipality]] = {}
    for key, towns in _by_name().items():
        words = key.split()
        cut = next((i for i, w in enumerate(words) if i > 0 and w in _QUALIFIER_HEADS), None)
        if cut is not None:
            heads.setdefault(" ".join(words[:cut]), []).extend(towns)
    return {head: towns[0] for head, towns in heads.items() if len(towns) == 1 and head not in _by_name()}


def short_form(name: str) -> Municipality | None:
    """The one town whose official name begins with ``name`` followed by a qualifier, if any."""
    return _short_forms().get(normalize(name))


@cache
def _blocks() -> dict[tuple[str, int], tuple[str, ...]]:
    """Normal-form names grouped by first letter and length, the fuzzy search's blocking key."""
    blocks: dict[tuple[str, int], list[str]] = {}
    for key in _by_name():
        blocks.setdefault((key[0], len(key)), []).append(key)
    return {block: tuple(keys) for block, keys in blocks.items()}


@cache
def _by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for key in [*_by_name(), *_aliases()]:
        words = tuple(key.split())
        index.setdefault(words[0], []).append(words)
    # Longest names first, so "San Giovanni in Persiceto" wins over "San Giovanni".
    return {w: tuple(sorted(names, key=len, reverse=True)) for w, names in index.items()}


def names_starting(first_word: str) -> tuple[tuple[str, ...], ...]:
    """Normal-form names and aliases (as word tuples) whose first word is ``first_word``, longest first."""
    return _by_first_word().get(first_word, ())


# "sul", "sulla", "sull'", "sui" …: the preposition a name's last part opens with, cut in "Marano s/P".
_ON = frozenset({"sul", "sulla", "sull", "sui", "sugli", "sulle"})


def on_abbreviation(head: str, initial: str) -> tuple[Municipality, ...]:
    """The towns named ``head`` "sul …" whose next word begins with ``initial``: "Marano s/P" is Marano sul
    Panaro, "Savignano s/R" Savignano sul Rubicone."""
    keys, start = tuple(normalize(head).split()), normalize(initial)
    if not keys or not start:
        return ()
    out: list[Municipality] = []
    for name in names_starting(keys[0]):
        after = name[len(keys) :]
        if name[: len(keys)] == keys and len(after) == 2 and after[0] in _ON and after[1].startswith(start):
            out.extend(exact(" ".join(name)))
    return tuple(dict.fromkeys(out))


def exact(name: str) -> tuple[Municipality, ...]:
    """Municipalities whose normal-form name, or an alias of it, equals that of ``name``."""
    key = normalize(name)
    return _by_name().get(key) or _aliases().get(key, ())


def fuzzy(name: str, threshold: float = FUZZY_THRESHOLD) -> tuple[Municipality, ...]:
    """The best-scoring municipalities at or above ``threshold``, for a misspelt name."""
    key = normalize(name)
    if len(key) < FUZZY_MIN_LENGTH:
        return ()
    blocks = _blocks()
    lengths = range(len(key) - FUZZY_LENGTH_SLACK, len(key) + FUZZY_LENGTH_SLACK + 1)
    pool = [k for length in lengths for k in blocks.get((key[0], length), ())]
    scored = process.extract(key, pool, scorer=fuzz.ratio, score_cutoff=threshold, limit=None)
    if not scored:
        return ()
    best = max(score for _, score, _ in scored)
    return tuple(town for match, score, _ in scored if score == best for town in _by_name()[match])


def similarity(written: str, town: Municipality) -> float:
    """fuzz.ratio (0-100) between a written name and a town's name, in normal form."""
    return float(fuzz.ratio(normalize(written), normalize(town.name)))


def lookup(name: str) -> tuple[Municipality, ...]:
    """Exact matches, else the fuzzy ones."""
    return exact(name) or fuzzy(name)


def in_province(town: Municipality, written: str) -> bool:
    """Whether ``written`` ("TO", "Torino", "prov. di Torino") names the town's province."""
    key = normalize(re.sub(r"^\s*(?:prov(?:incia)?\.?\s*(?:di\s+)?)", "", written, flags=re.I))
    return key in {town.province_code.lower(), normalize(town.province)}


@cache
def region_names() -> frozenset[str]:
    """The regions' names in normal form, each of its official forms apart ("friuli venezia giulia",
    "trentino alto adige", "sudtirol", "valle d'aosta")."""
    names = set()
    for town in registry():
        for form in town.region.split("/"):
            names.add(normalize(form.replace("-", " ")))
    return frozenset(names)


def is_province(written: str) -> bool:
    """Whether ``written`` is a province abbreviation or name of the registry."""
    key = normalize(written)
    return key in _provinces()


@cache
def _provinces() -> frozenset[str]:
    return frozenset(key for town in registry() for key in (town.province_code.lower(), normalize(town.province)))


def disambiguate(
    candidates: Sequence[Municipality],
    province: str | None = None,
    neighbours: Iterable[Municipality] = (),
) -> Municipality | None:
    """One municipality among homonyms: by the province written beside it, else by
    the provinces (then regions) of the document's other municipalities; None if
    still undecided."""
    if len(candidates) == 1:
        return candidates[0]
    pool = list(candidates)
    if province:
        pool = [town for town in pool if in_province(town, province)] or pool
        if len(pool) == 1:
            return pool[0]
    others = [town for town in neighbours if town not in pool]
    for attribute in ("province_code", "region"):
        counts = Counter(getattr(town, attribute) for town in others)
        scored = sorted(((counts[getattr(t, attribute)], t.istat, t) for t in pool), reverse=True)
        if scored and scored[0][0] and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            return scored[0][2]
    return None
