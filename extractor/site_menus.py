"""A saved web page's navigation menu flattened into one line of text ("HOME  SERVIZI  BANDI E AVVISI  CONTATTI").

Its entries name the sections of a site, not bodies or acts: "UFFICIO DI PIANO" in a menu is a link, not
a party, and "BANDI E AVVISI" says nothing of what the page is. A line is a menu when four entries or more
stand apart (two spaces or a bar between them), each a few words without a sentence's punctuation, and one
of them is a section every site has (``data/site_menus.toml``: "Home", "Contatti", "Chi siamo" …).
"""

from __future__ import annotations

import re
from functools import cache

from extractor.lexicon import load
from extractor.resolvers.organisations import normalise

# What sets a menu's entries apart once flattened: two spaces or more, or a bar.
MENU_GAP = re.compile(r"[ \t]{2,}|[ \t]*\|[ \t]*")
MIN_ENTRIES = 4
MAX_ENTRY_WORDS = 5
# An entry that ends a sentence or carries figures is text, not a link: "Scadenza: 12/03/2024".
_NOT_AN_ENTRY = re.compile(r"[.;:!?,]$|\d")


@cache
def _sections() -> frozenset[str]:
    return frozenset(normalise(entry) for entry in load("site_menus")["sections"])


def names_a_section(phrase: str) -> bool:
    """Whether ``phrase`` opens with the name of a section of a site ("Comunicato stampa", "Notizie"): after a
    body's name and a dash ("Regione Toscana - Comunicato stampa"), the page's section, not more of the name."""
    words = normalise(phrase).split()
    sections = _sections()
    return any(" ".join(words[:n]) in sections for n in range(1, min(3, len(words)) + 1))


def is_menu_line(line: str) -> bool:
    """Whether ``line`` is a site's menu flattened: four short entries or more, one a section of any site."""
    entries = [e.strip() for e in MENU_GAP.split(line.strip()) if e.strip()]
    if len(entries) < MIN_ENTRIES:
        return False
    if any(len(e.split()) > MAX_ENTRY_WORDS or _NOT_AN_ENTRY.search(e) for e in entries):
        return False
    sections = _sections()
    return any(normalise(e) in sections for e in entries)


def menu_lines(text: str) -> list[tuple[int, int]]:
    """The spans of ``text``'s lines that are a site's menu flattened (``is_menu_line``)."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        if MENU_GAP.search(match.group()) and is_menu_line(match.group()):
            spans.append(match.span())
    return spans
