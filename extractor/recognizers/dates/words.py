"""Regex fragments built from ``data/dates.toml``: months, weekdays, ordinals."""

from __future__ import annotations

from functools import cache
from typing import Any

from extractor.lexicon import load, lookup, trie_alternation
from extractor.textkeys import strip_accents


def _variants(word: str) -> set[str]:
    """A word as written, without accents, and with the acute accent Italians also type."""
    plain = strip_accents(word)
    return {word, plain, word.replace("ì", "í").replace("è", "é")}


@cache
def calendar() -> dict[str, Any]:
    return load("dates")


@cache
def month_lookup() -> dict[str, int]:
    """Every accepted month form (lower case) to its number."""
    table = {form: int(number) for number, forms in calendar()["months"].items() for form in forms}
    table.update({name: int(number) for number, name in calendar()["english_months"].items()})
    return table


@cache
def weekday_lookup() -> dict[str, int]:
    """Every accepted weekday form, with and without accents, to 0 = Monday … 6."""
    table: dict[str, int] = {}
    for number, forms in calendar()["weekdays"].items():
        for form in forms:
            for variant in _variants(form):
                table[variant] = int(number)
    return table


@cache
def ordinal_lookup() -> dict[str, int]:
    return {form: int(n) for n, forms in calendar()["ordinals"].items() for form in forms}


def month_number(word: str) -> int | None:
    return lookup(month_lookup(), word.rstrip("."))


def weekday_number(word: str) -> int | None:
    return lookup(weekday_lookup(), strip_accents(word.rstrip(".")))


@cache
def month_re() -> str:
    """Full month names, or abbreviations not followed by a lower-case word."""
    full = [forms[0] for forms in calendar()["months"].values()] + list(calendar()["english_months"].values())
    short = [f for forms in calendar()["months"].values() for f in forms[1:]]
    return rf"(?:{trie_alternation(full)}|(?:{trie_alternation(short)})\.?(?!\s+[a-zà-ù]))"


@cache
def weekday_re() -> str:
    """Full weekday names (accents optional)."""
    full = {v for forms in calendar()["weekdays"].values() for v in _variants(forms[0])}
    return rf"(?:{trie_alternation(full)})"


@cache
def weekday_any_re() -> str:
    """Full or abbreviated weekday names (abbreviations only where a number follows)."""
    forms = {v for forms in calendar()["weekdays"].values() for f in forms for v in _variants(f)}
    return rf"(?:{trie_alternation(forms)})\.?"


@cache
def ordinal_re() -> str:
    return rf"(?:{trie_alternation(list(ordinal_lookup()))})"


@cache
def holiday_lookup() -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Holiday names, accents optional and apostrophes straight, to their dates."""

    def variants(table: dict[str, list[int]]) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for name, value in table.items():
            for form in {name, strip_accents(name)}:
                out[form] = value
        return out

    return variants(calendar()["holidays"]), variants(calendar()["weekday_holidays"])


@cache
def _cardinal_parts() -> tuple[tuple[str, int], ...]:
    """The cardinal words, longest first, so that "diciassette" is not read as "dici" and "assette"."""
    return tuple(sorted(calendar()["cardinals"].items(), key=lambda item: -len(item[0])))


def number_in_words(word: str) -> int | None:
    """The value of a cardinal written in Italian words ("sedici" 16, "duemilaventiquattro" 2024) or in
    figures ("12", "1°"), or None."""
    if word.rstrip("°").isdigit():
        return int(word.rstrip("°"))
    rest = strip_accents(word.lower())
    total = current = 0
    while rest:
        part = next(((p, v) for p, v in _cardinal_parts() if rest.startswith(p)), None)
        if part is None:
            return None
        name, value = part
        rest = rest[len(name) :]
        if value == 1000:
            total += (current or 1) * 1000 if name == "mila" else 1000
            current = 0
        elif value == 100:
            current = (current or 1) * 100
        else:
            current += value
    return total + current if word else None
