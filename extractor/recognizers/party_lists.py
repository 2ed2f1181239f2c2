"""Party lists: the bodies that a joining or signing phrase enumerates.

Pacts, agreements and press releases name their parties in lists whose items
carry no head word of their own, so the name recognizer alone misses them:

- after a colon that closes a joining phrase ("Il protocollo è stato
  sottoscritto da 15 comuni: A, B, C.", "I soggetti promotori sono: il
  Comune di A, l'Agenzia per la famiglia e l'Associazione …");
- under a short heading that says so ("Comuni aderenti" over a bulleted
  list), across lines and sub-headings;
- right after a joining participle, when every item is a municipality of
  the ISTAT registry ("vede coinvolti A, B e C");
- in an agreement's block of parties: a line "TRA" (or a title ending in
  "TRA") over paragraphs that each name one body with its particulars ("il
  Comune di A, con sede in …, rappresentato da …"), parted by "E" lines,
  semicolons or blank lines, up to the premises ("PREMESSO CHE", "VISTO")
  or the first article.

An item is a municipality of the registry ("Comune di A"), a body the name
recognizer found at its start, or a short capitalised name. A plural head
("i comuni di", "le associazioni") gives its kind to the items after it. The
list ends at the first item that is none of these (prose) or at its
sentence's full stop.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from extractor.lexicon import alternation, load, phrase_alternation, word_set
from extractor.recognizers.comuni import STREET_AND_NUMBER
from extractor.resolvers import comuni as registry
from extractor.sentences import BULLET

# A heading over a list is a short line; a list item a short name.
_HEADING_CHARS = 60
_ITEM_WORDS = 8
_CUE_TO_COLON = 160
_MAX_ITEMS = 200
_MAX_LINES = 120
# Opening quotes, closing quotes and bullets.
_QUOTES = "“”\"«»‘’'"
# A row number before a table's cell ("3 | Cesate") counts as a bullet.
_BULLET = re.compile(rf"^[ \t]*(?:{BULLET}|\d{{1,2}}[.)]|[a-z][)]|\d{{1,3}}[ \t]*\|)[ \t]*")
# The header row of a numbered table: "n. | Comune", "N° | Ente | Sede".
_TABLE_HEADER = re.compile(r"^[ \t]*(?:n\.?|n°|nr\.?|num\.?)[ \t]*\|", re.I)
_PROVINCE_CODE = re.compile(r"[ \t]*\([A-Z]{2}\)")
_ARTICLE = r"(?:il|lo|la|i|gli|le|l['’])"
# An article or "e" left alone at a line's end: the next line's first item opens with it.
_BARE_ARTICLE = re.compile(rf"\s*(?i:{_ARTICLE}|e|ed)\s*")
# An item of running prose: an article before a capital ("l'Associazione Giovani").
_ARTICLE_AND_NAME = re.compile(rf"{_ARTICLE}(?:\s+|(?<=['’]))[A-ZÀ-Ý]")
_BRACKETED_LINE = re.compile(r"[ \t]*\([^()\n]*\)[ \t]*")
# A block of parties names a few bodies, each in a paragraph of particulars.
_BLOCK_ITEMS = 40
_BLOCK_CHARS = 12_000
_OPENS_BODY = re.compile(r"[ \t]*(?:(?:e|ed)[ \t]+)?(?:il|lo|la|i|gli|le|l['’])[ \t]*[A-ZÀ-Ý]")


@dataclass(frozen=True)
class Listed:
    """A body named by a list item; ``kind`` None lets the caller tell it from the name."""

    start: int
    end: int
    name: str
    kind: str | None


# A body the name recognizer found at an offset: its name, kind and end.
Named = Callable[[int, int], tuple[str, str, int] | None]


@dataclass(frozen=True)
class _Words:
    cue: re.Pattern[str]
    signed_thing: re.Pattern[str]
    heading_cue: re.Pattern[str]
    strict_cue: re.Pattern[str]
    lead: re.Pattern[str]
    plural: re.Pattern[str]
    plural_kind: dict[str, str]
    joiners: re.Pattern[str]
    joiner_start: re.Pattern[str]
    cut: re.Pattern[str]
    abbreviations: frozenset[str]
    verbs: frozenset[str]
    not_openers: frozenset[str]
    role_opener: re.Pattern[str]
    address: re.Pattern[str]
    signed: re.Pattern[str]
    block_opener: re.Pattern[str]
    block_closer: re.Pattern[str]


@cache
def _words() -> _Words:
    data = load("parties")
    words = data["lists"]
    plural_kind = {k.lower(): v for k, v in data["parties"]["plural_heads"].items()}
    return _Words(
        cue=re.compile(rf"(?<!\w)(?:{alternation(words['cue_words'])})\w*", re.I),
        signed_thing=re.compile(rf"(?<!\w)(?:{alternation(words['signed_things'])})\s+$", re.I),
        heading_cue=re.compile(rf"(?<!\w)(?:{alternation(words['heading_cue_words'])})\w*", re.I),
        strict_cue=re.compile(rf"(?<![\w'’])(?:{alternation(words['strict_cue_words'])})\b", re.I),
        lead=re.compile(
            rf"^(?:(?:{alternation(words['leading_words'])})(?:\s+|(?<=['’]))|[{re.escape(_QUOTES)}\s]+)+", re.I
        ),
        plural=re.compile(
            rf"^(?P<head>{alternation(list(plural_kind))})(?:\s+(?:di|del|della|dei|degli|delle)\b|\s+dell['’])?(?!\w)",
            re.I,
        ),
        plural_kind=plural_kind,
        joiners=re.compile(rf"\s+(?:{alternation(words['item_joiners'])})\s+", re.I),
        joiner_start=re.compile(rf"[ \t]*(?:{alternation(words['item_joiners'])})[ \t]+", re.I),
        # Each cut is the start of a word or phrase: "rappresentat" cuts "rappresentati dai Sindaci".
        cut=re.compile(rf"[\s,]+(?:{alternation(words['item_cuts'])}).*$", re.I | re.S),
        abbreviations=word_set("abbreviations.txt"),
        verbs=frozenset(words["verbs"]),
        not_openers=frozenset(words["not_name_openers"]),
        role_opener=re.compile(rf"(?:{alternation(words['role_openers'])})\b"),  # lower case only
        # The mark of a signature under a role ("Il Portavoce   F.to Carmela Straface"): a signer, not a body.
        signed=re.compile(
            rf"(?<![\w.])(?:{phrase_alternation(load('date_context')['signing']['signature_marks'])})(?!\w)", re.I
        ),
        # A street and its number on the line after "con sede in X,": "Corso Trento n. 4", "Via Roma, 12".
        address=re.compile(STREET_AND_NUMBER, re.I),
        block_opener=re.compile(
            rf"^[ \t]*(?:(?i:{alternation(words['block_openers'])})[ \t]*:?"
            rf"|[A-ZÀ-Ý][^a-zà-ÿ\n]{{8,200}}\b(?:TRA|FRA)[ \t]*:?)[ \t]*$",
            re.M,
        ),
        # "PREMESSO CHE", and a numbered heading of the act's parts: "1. PREMESSE", "Art. 2 – Oggetto".
        block_closer=re.compile(
            rf"^[ \t]*(?:(?:\d{{1,2}}|[IVX]{{1,4}})[.)][ \t]*)?(?:{alternation(words['block_closers'])})\b", re.I
        ),
    )


def _is_comune(name: str) -> bool:
    return bool(registry.exact(name))


def _mask_quotes(line: str) -> str:
    """``line`` with the inside of quotes blanked, so no separator is read there."""
    return re.sub(r"[“«‘\"][^”»’\"\n]{0,60}[”»’\"]", lambda m: "_" * len(m.group()), line)


def _sentence_end(line: str, words: _Words) -> int | None:
    """Where a full stop ends the sentence in ``line``, abbreviations and initials aside."""
    for stop in re.finditer(r"\.(?=\s|$)", line):
        word = re.search(r"[\w.]*$", line[: stop.start()])
        token = (word.group() if word else "") + "."
        if re.fullmatch(r"[^\W\d_]\.", token) or token.lower() in words.abbreviations:
            continue  # an initial ("S. Quirino") or an abbreviation
        return stop.start()
    return None


def _split(line: str, base: int, words: _Words) -> list[tuple[int, str]]:
    """The items of one line with their offsets: separated by commas, semicolons and "e"."""
    masked = _mask_quotes(line)
    masked = re.sub(r"\([^()\n]*\)", lambda m: "_" * len(m.group()), masked)
    items: list[tuple[int, str]] = []
    pos = 0
    for sep in re.finditer(r"[,;]|" + words.joiners.pattern, masked, re.I):
        items.append((base + pos, line[pos : sep.start()]))
        pos = sep.end()
    items.append((base + pos, line[pos:]))
    out: list[tuple[int, str]] = []
    for offset, item in items:
        parts = list(re.finditer(r"\s+(?:e|ed)\s+", _mask_quotes(item)))
        if not parts or _is_comune(_strip(item, words)[1]):
            out.append((offset, item))  # "Santa Cristina e Bissone" is one comune
            continue
        pos = 0
        for part in parts:
            out.append((offset + pos, item[pos : part.start()]))
            pos = part.end()
        out.append((offset + pos, item[pos:]))
    return out


def _strip(item: str, words: _Words) -> tuple[int, str, bool]:
    """The item's name without bullet, articles, quotes, province code and trailing clause.

    Also its offset in ``item`` and whether a clause was cut off its end
    ("A, rappresentato da …"), after which the list does not go on.
    """
    lead = _BULLET.match(item)
    skip = lead.end() if lead else 0
    article = words.lead.match(item[skip:])
    skip += article.end() if article else 0
    name = _PROVINCE_CODE.sub("", item[skip:]).split("|")[0]  # a table row's first cell names the body
    cut = words.cut.search(name)
    name = name[: cut.start()] if cut else name
    # Quotes around a name go, an apostrophe inside one stays ("Sant'Arsenio").
    name = re.sub(rf"(?<![^\W\d_])[{re.escape(_QUOTES)}]|[{re.escape(_QUOTES)}](?![^\W\d_])", "", name)
    return skip, " ".join(name.split()).strip(" .,;:-–"), cut is not None


class _Reader:
    """Reads the items of one list, carrying the kind of a plural head to the items after it."""

    def __init__(self, named: Named, words: _Words, strict: bool) -> None:
        self.named = named
        self.words = words
        self.strict = strict
        self.group: str | None = None  # the kind a plural head gave
        self.found: list[Listed] = []
        self.done = False  # a clause followed the last item
        self.covered = 0  # the end of the last body's name, which may run over the items split from it

    def item(self, offset: int, raw: str) -> bool:
        """Read one item; False when it is no body and the list ends."""
        if offset < self.covered:
            return True  # "CGIL Pesaro e Urbino" split at "e": "Urbino" is the rest of that name, not a town
        skip, name, cut = _strip(raw, self.words)
        self.done = cut
        plural = self.words.plural.match(name)
        if plural:
            self.group = self.words.plural_kind.get(" ".join(plural.group("head").lower().split()), self.group)
            # "le associazioni culturali Alfa": the name starts at its first capitalised word.
            name = re.sub(r"^(?:[a-zà-ÿ]\S*\s+)*", "", name[plural.end() :].strip())
            if not name:
                return True  # "15 comuni", "le associazioni" alone: the names follow
        if not name:
            return not self.strict
        if self.words.role_opener.match(name):
            return True  # "…, ente capofila dell'Ambito 12": what the body before is, the list goes on
        at = offset + raw.find(name) if name in raw else offset + skip
        listed = self._body(name, at, _PROVINCE_CODE.search(raw) is not None)
        if listed is None:
            return False
        self.found.append(listed)
        return True

    def extend_last(self, offset: int, raw: str) -> None:
        """Carry the last body's name on with ``raw``, the rest of it the layout moved to the next line."""
        rest = " ".join(raw.strip(" \t,;").split())
        if self.found and rest:
            last = self.found[-1]
            self.found[-1] = Listed(last.start, offset + len(raw.rstrip(" \t,;")), f"{last.name} {rest}", last.kind)

    def _body(self, name: str, at: int, province: bool) -> Listed | None:
        """The body an item names; ``province``: a province code followed it ("Alghero (SS)")."""
        end = at + len(name)
        body = self.named(at, end)
        town = self.group in (None, "comune") and (_is_comune(name) or (province and len(name.split()) <= 4))
        if body is not None and (not self.strict or not town):
            self.covered = body[2]
            # The item's own words when they hold the body's name and more ("la cooperativa Il Faro onlus"),
            # unless what they add is a clause ("Asp per non lasciare indietro nessuno").
            longer = len(name) > len(body[0]) and not _adds_a_clause(name, body[0])
            return Listed(at, end, name if longer else body[0], body[1])
        if town:
            return Listed(at, end, f"Comune di {name}", "comune")
        if self.strict or not _looks_like_name(name, self.words):
            return None
        if self.group == "comune" and len(name.split()) <= 4:
            return Listed(at, end, f"Comune di {name}", "comune")
        return Listed(at, end, name, self.group)


# A tax code, VAT or postcode after a body ("C.F. 82002850418", "33043 Cividale"): particulars, not a name.
_IDENTIFIER = re.compile(r"\d{5,}")


def _adds_a_clause(item: str, body: str) -> bool:
    """Whether the words of ``item`` after the ``body`` it opens with make a clause ("Asp per non lasciare
    indietro nessuno", "Comune di Alba si impegna a …"), not more of the name ("Casa don Puglisi onlus")."""
    return item.lower().startswith(body.lower()) and _CLAUSE.search(item, len(body)) is not None


# A negation, a reflexive or a relative, or "per" before an infinitive: the words of a clause.
_CLAUSE = re.compile(r"\b(?:non|si|che)\b|\bper\s+[a-zà-ù]+(?:are|ere|ire)\b")


def _looks_like_name(name: str, words: _Words) -> bool:
    """A short phrase holding a capitalised word ("fattoria biologica di Doriano Rossi"), not a clause (no
    auxiliary verb) nor a phrase that qualifies the item before ("quale ente capofila", "Nella persona del …")."""
    tokens = name.split()
    return (
        0 < len(tokens) <= _ITEM_WORDS
        and any(w[:1].isupper() or w[:1].isdigit() for w in tokens)
        and tokens[0].lower() not in words.not_openers
        and not re.fullmatch(r"[IVX]{1,4}\.?|\d{1,2}\.", tokens[0])  # a numbered heading ("II. Formazione")
        and not any(w.lower() in words.verbs for w in tokens)
        and not words.address.match(name)
        and not words.signed.search(name)
        and not _IDENTIFIER.search(name)
        and not _CLAUSE.search(name)
    )


def _is_subheading(line: str) -> bool:
    """A short upper-case line inside a list ("ALTO PAVESE"), which names a group, not a body."""
    stripped = line.strip()
    return 0 < len(stripped) <= _HEADING_CHARS and stripped.isupper() and len(stripped.split()) <= 4


def _read(text: str, pos: int, named: Named, words: _Words, *, multiline: bool, strict: bool = False) -> list[Listed]:
    """The bodies listed from ``pos`` on: the rest of the line, or the lines below when ``multiline``.

    A bulleted list ends at its first line without a bullet; a list of lines at
    a line that is not one.
    """
    reader = _Reader(named, words, strict)
    bulleted: bool | None = None
    qualifier_runs_on = name_runs_on = False
    # One match per line, its end of line included: an empty match is the end of the text.
    for line_match in re.finditer(r"[^\n]*(?:\n|$)", text[pos : pos + _MAX_LINES * _HEADING_CHARS * 4]):
        if not line_match.group():
            break
        line, at = line_match.group().rstrip("\n"), pos + line_match.start()
        if not line.strip():
            if multiline and reader.found and not bulleted and line_match.start() > 0:
                break  # a list of lines ends at a blank line; what follows is another section
            continue
        if multiline and ((_is_subheading(line) and not _is_comune(line.strip())) or _TABLE_HEADER.match(line)):
            continue
        if multiline and reader.found and _BRACKETED_LINE.fullmatch(line):
            qualifier_runs_on = False
            continue  # "(Comuni di Pesaro, Gradara, …)" under a body: what it is made of, not one more body
        if qualifier_runs_on:
            qualifier_runs_on = False
            continue  # "…, rappresentato dalla Dirigente" over "scolastica prof.ssa Angela Gurrado;"
        if multiline:
            bullet = _BULLET.match(line) is not None
            bulleted = bullet if bulleted is None else bulleted
            if bullet != bulleted:
                joined = words.joiner_start.match(line)
                if not (joined and reader.found):
                    break
                # "… 8 | Solaro" then "nonché l'ATS …, l'ASST … e il Forum …": the list goes on in a sentence.
                line, at, multiline = line[joined.end() :], at + joined.end(), False
        stop = _sentence_end(line, words)
        items = _split(line[:stop] if stop is not None else line, at, words)
        article_ends = len(items) > 1 and _BARE_ARTICLE.fullmatch(items[-1][1]) is not None
        if article_ends:
            items = items[:-1]  # "…, la" over "Fondazione Ferrero, …": the article of the next line's first item
        if name_runs_on and len(items) > 1:
            # "…, l'Associazione Giovani" over "Insieme APS e la Parrocchia …": the first item ends that name.
            reader.extend_last(*items[0])
            items = items[1:]
        # Running prose wrapped by the layout: a line that ends inside an item opened by an article.
        name_runs_on = (
            multiline
            and not bulleted
            and not article_ends
            and not re.search(r"[;,.:]\s*$", line)
            and _opens_with_article(items)
        )
        if multiline and not bulleted and len(items) == 1 and not reader.found and stop is not None:
            break  # a sentence under the heading, not a list
        for k, (offset, item) in enumerate(items):
            if not reader.item(offset, item):
                if multiline and k > 0:
                    # "– il Comune di A, nella persona del Sindaco;": the rest of the line qualifies A, and the
                    # next line too when this one ends unclosed.
                    qualifier_runs_on = not bulleted and not re.search(r"[;,.:]\s*$", line)
                    break
                return reader.found
            if reader.done or len(reader.found) >= _MAX_ITEMS:
                return reader.found
        if not multiline:
            break
    return reader.found


def _opens_with_article(items: list[tuple[int, str]]) -> bool:
    """Whether the last item of a line opens with an article before a capital, as items of running prose do."""
    last = items[-1][1].lstrip() if items else ""
    return _ARTICLE_AND_NAME.match(last) is not None


def _heading_lists(text: str, named: Named, words: _Words) -> list[Listed]:
    """Lists under a short heading line that joins its items ("Comuni aderenti")."""
    out: list[Listed] = []
    for line in re.finditer(rf"^[ \t]*([^\n]{{1,{_HEADING_CHARS}}})[ \t]*$", text, re.M):
        heading = line.group(1)
        if re.search(r"[.;]$", heading) or not words.heading_cue.search(heading) or len(heading.split()) > 4:
            continue
        out.extend(_read(text, line.end() + 1, named, words, multiline=True))
    return out


# How far before a cue participle the noun it agrees with is looked for.
_THING_REACH = 20


def _colon_lists(text: str, sentences: tuple[tuple[int, int], ...], named: Named, words: _Words) -> list[Listed]:
    """Lists after a colon that closes a joining phrase ("hanno aderito: A, B e C")."""
    out: list[Listed] = []
    for cue in words.cue.finditer(text):
        colon = text.find(":", cue.end(), cue.end() + _CUE_TO_COLON)
        if colon < 0 or re.search(r"[.;\n]", text[cue.end() : colon]) or text[colon + 1 : colon + 3] == "//":
            continue
        if words.signed_thing.search(text, max(0, cue.start() - _THING_REACH), cue.start()):
            continue  # "Tra gli impegni sottoscritti:": the things signed are listed, not who signed them
        multiline = re.match(r"[ \t]*\n", text[colon + 1 : colon + 200]) is not None
        # In a headline in capitals every word is capitalised: only bodies known by name are items
        # ("FIRMATO L'ACCORDO SUL BILANCIO: PIÙ RISORSE PER ANZIANI, FAMIGLIE E …" lists none).
        line_start = text.rfind("\n", 0, colon) + 1
        line_end = text.find("\n", colon)
        headline = text[line_start : line_end if line_end >= 0 else len(text)].isupper()
        out.extend(_read(text, colon + 1, named, words, multiline=multiline, strict=headline and not multiline))
    return out


def _direct_lists(text: str, named: Named, words: _Words) -> list[Listed]:
    """Municipalities listed right after a joining participle ("vede coinvolti A, B e C")."""
    out: list[Listed] = []
    for cue in words.strict_cue.finditer(text):
        found = _read(text, cue.end(), named, words, multiline=False, strict=True)
        if len(found) >= 2:
            out.extend(found)
    return out


def _block_items(text: str, pos: int, words: _Words) -> list[tuple[int, str]]:
    """The paragraphs of a block of parties from ``pos`` on, each as its first line's offset and text.

    An item ends at a semicolon or comma closing its line, at a blank line, or at a line that is only a
    conjunction ("E"); the block ends at a premise or article line, or after ``_BLOCK_ITEMS`` items.
    """
    items: list[tuple[int, str]] = []
    starts_item = True
    for line_match in re.finditer(r"[^\n]*(?:\n|$)", text[pos : pos + _BLOCK_CHARS]):
        line = line_match.group().rstrip("\n")
        if not line_match.group():
            break
        stripped = line.strip()
        if not stripped or words.joiner_start.fullmatch(stripped + " ") or re.fullmatch(r"(?i)e|ed", stripped):
            starts_item = True
            continue
        if words.block_closer.match(line) or len(items) >= _BLOCK_ITEMS:
            break
        # A line that opens with an article before a capital names the next body ("l'Azienda …"); one that
        # opens with a clause qualifies the bodies above ("costituenti l'Ambito …, rappresentati da …").
        if (starts_item or _OPENS_BODY.match(line)) and not words.cut.match(" " + stripped):
            items.append((pos + line_match.start(), line))
        starts_item = bool(re.search(r"[;,]\s*$", line))
    return items


def _block_lists(text: str, named: Named, words: _Words) -> list[Listed]:
    """The bodies of an agreement's block of parties: one per paragraph under a "TRA" line."""
    out: list[Listed] = []
    for opener in words.block_opener.finditer(text):
        reader = _Reader(named, words, strict=False)
        for offset, line in _block_items(text, opener.end() + 1, words):
            conjunction = re.match(r"(?i)[ \t]*(?:e|ed)[ \t]+", line)
            begin = conjunction.end() if conjunction else 0
            # The names before the particulars ("A, B e C, rappresentate da …", "il Comune di A, con sede …"):
            # each a body until the first piece that is none (", iscritta all'albo …").
            cut = words.cut.search(line, begin)
            for at, item in _split(line[begin : cut.start() if cut else len(line)], offset + begin, words):
                if not reader.item(at, item):
                    break
        if len(reader.found) >= 2:
            out.extend(reader.found)
    return out


def closes_a_block(line: str) -> bool:
    """Whether ``line`` opens what follows an agreement's block of parties: "PREMESSO CHE", "Art. 2 – Oggetto"."""
    return _words().block_closer.match(line) is not None


def listed_bodies(text: str, sentences: tuple[tuple[int, int], ...], named: Named) -> list[Listed]:
    """Every body a joining list names, in text order, one per span."""
    words = _words()
    found = _heading_lists(text, named, words) + _colon_lists(text, sentences, named, words)
    found += _direct_lists(text, named, words) + _block_lists(text, named, words)
    found.sort(key=lambda item: (item.start, -(item.end - item.start)))
    out: list[Listed] = []
    for item in found:
        if out and item.start < out[-1].end:
            continue
        out.append(item)
    return out
