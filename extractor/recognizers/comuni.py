"""Comuni: Italian municipalities the document refers to, with ISTAT codes.

Every capitalised name of the ISTAT registry (``resolvers.comuni``) is a
candidate, wherever it stands; a general filter (``data/comuni.toml``) then
drops the ones that are not municipalities here:

- names inside a body's name ("ATS Milano", "Diocesi di Como"), a street
  ("via Roma") or a person's name ("Giovanni Lodi"), or the first words of a
  longer proper name ("Monza Brianza");
- names that are also ordinary words or first names (Ala, Pace, Bella, Cori),
  unless something makes them towns: a cue ("Comune di", "i comuni di A, B e
  C", "Sindaco di", "Ambito di Desio"), a province in brackets ("Cori (LT)"),
  a dateline ("Alba, 3 marzo 2021"), a meeting place in a sentence about an
  event, or a list of three or more names most of which are plainly towns
  (numbered, bulleted, comma- or line-separated).

Typos resolve by fuzzy lookup only inside cue lists and town lists; homonyms
by a province written beside them or the provinces of the document's other
municipalities.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from extractor.lexicon import alternation, italian_lemmas, load, trie_phrase_alternation, word_set
from extractor.nlp import Analysis
from extractor.resolvers import comuni as registry
from extractor.sentences import BULLET
from models import Comune

_WORD = re.compile(r"[^\W\d_]+")
# The start of a capitalised word (not a letter after an apostrophe: "dell'Emilia" is one name's end).
_CAPITALISED = re.compile(r"(?<![\w'’`-])[^\W\d_a-z]")
# What may join two words of one name: blanks with at most one line break,
# an apostrophe ("Sant'Angelo", "de' Pecchi") or a hyphen ("Gattico-Veruno").
_JOIN = re.compile(r"[ \t\u00a0]*(?:\n[ \t\u00a0]*)?(?:['’`][ \t\u00a0]*|-[ \t\u00a0]*)?")
# Between list items: a comma, "e"/"ed", a slash or a line break (a semicolon ends the list).
_LIST_SEP = re.compile(r"[ \t\u00a0]*(?:,[ \t\u00a0]*\n?|[ \t\u00a0]+(?:e|ed)[ \t\u00a0]+|/|\n)[ \t\u00a0]*(?:e\s+)?")
# Between the items of a list of towns written without a cue: also semicolons, dashes, and
# the markers of bulleted or numbered lists and tables ("1 Albano 2 Ariccia", "• Artogne"); a dash may end
# its line ("Somma Vesuviana –\nCastello di Cisterna").
_RUN_SEP = re.compile(
    r"[ \t\u00a0]*(?:[,;][ \t\u00a0]*\n?|[ \t\u00a0]+(?:e|ed)[ \t\u00a0]+|/"
    r"|[ \t\u00a0]+[–-](?:[ \t\u00a0]+|[ \t\u00a0]*\n)|\n)"
    rf"(?:[ \t\u00a0]*(?:{BULLET}|\d{{1,3}}[.)°]?)(?=[ \t\u00a0]))?[ \t\u00a0]*(?:e\s+)?"
    r"|[ \t\u00a0]+\d{1,3}[.)]?[ \t\u00a0]+"
)
# A town's role in brackets after its name, inside a list: "(capofila)", "(ente capofila)", "(Comune capofila)".
_ROLE_NOTE = re.compile(r"[ \t\u00a0]*\((?i:(?:comune|ente)\s+)?(?i:capofila|sede)\)")
# Read for the comuni alone, not for the towns that sign: a letterhead's towns set apart by middle dots or bars
# ("Conversano · Monopoli · Polignano a Mare").
_DOT_SEP = re.compile(r"[ \t\u00a0]*[·|][ \t\u00a0]*")
# "s/" and the first letters of the word after "sul", "sulla" …: "Marano s/P", "Savignano s/Panaro"; looked for only
# when a slash stands this near the name.
_ON_CUT = re.compile(r"[ \t]+s/[ \t]*([^\W\d_]+)\.?")
_ON_CUT_REACH = 60
# A list of towns without a cue needs this many names, of which at least this share are plainly towns.
_MIN_RUN = 3
_PLAIN_SHARE = 0.5
# "(TO)", "(prov. TO)", "(Trento)" after a name.
_PROVINCE = re.compile(r"[ \t\u00a0]*\((?:prov\.?|provincia di)?\s*([A-Za-z][^\W\d_]*(?:[ '’][^\W\d_]+)*)\s*\)")
# Blanks with at most one line break, as between a cue and its town.
_BLANKS = r"(?:[ \t\u00a0]+(?:\n[ \t\u00a0]*)?|\n[ \t\u00a0]*)"
_MARKUP = re.compile(r"[*_#>|]")
_MAX_NAME_WORDS = 7
# How many words before a name are searched for a body's name it belongs to.
_BODY_WINDOW = 6
# A fuzzy match at least this close stands alone ("Cambiagio", 94); a looser
# one ("Combiago", 87.5; "Brianza" for Brienza, 86) needs a town of the same
# province written exactly elsewhere in the document.
_SURE_FUZZY = 90.0


@dataclass
class _Mention:
    start: int
    end: int
    candidates: tuple[registry.Municipality, ...]
    province: str | None = None
    fuzzy: bool = False


@dataclass
class _Found:
    """The mentions found, one per start: the first form that reads a town at an offset keeps it."""

    mentions: list[_Mention] = field(default_factory=list)
    starts: set[int] = field(default_factory=set)

    def add(self, mention: _Mention) -> None:
        if mention.start not in self.starts:
            self.starts.add(mention.start)
            self.mentions.append(mention)


@dataclass(frozen=True)
class _Lexicon:
    list_cue: re.Pattern[str]
    bare_cue: re.Pattern[str]
    district: re.Pattern[str]
    district_not_after: re.Pattern[str]
    head_after: re.Pattern[str]
    event: re.Pattern[str]
    venue: re.Pattern[str]
    body_before: re.Pattern[str]
    dateline: re.Pattern[str]
    street_before: re.Pattern[str]
    address: re.Pattern[str]
    municipal_word: re.Pattern[str]
    place_preposition: re.Pattern[str]
    connectors: frozenset[str]
    articles: frozenset[str]


# A street, its name and its number ("Via Roma 4", "Corso Trento n. 4", "Via Roma, 12"): an address, never a
# body's name, and the town after it is a municipality (also read by ``party_lists``).
STREET_AND_NUMBER = (
    rf"(?:{alternation(load('comuni')['street_words'])})\.?\s+[^\d,;]{{1,40}}?(?:,\s*|\s+n[.°]?\s*|\s+)\d{{1,4}}\b"
)


@cache
def _lexicon() -> _Lexicon:
    words = load("comuni")

    def phrases(key: str) -> str:
        return trie_phrase_alternation([phrase.lower() for phrase in words[key]])

    months = alternation(words["months"])
    date = rf"(?:\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{1,2}}°?\s+(?:{months})(?:\s+\d{{4}})?)"
    return _Lexicon(
        list_cue=re.compile(rf"(?<!\w)(?:{phrases('list_cues')})(?:{_BLANKS}|(?<=['’]))", re.I),
        bare_cue=re.compile(rf"(?<!\w)(?:{phrases('bare_cues')})[ \t\u00a0]+(?:\n[ \t\u00a0]*)?", re.I),
        district=re.compile(
            rf"(?<!\w)(?:{phrases('district_words')})"
            rf"(?:\s+(?:{phrases('district_qualifiers')}))*"
            r"(?:\s+(?:n\.?|n°|nr\.?|numero)?\s*[A-Z]?\d+(?:[.,]\d+)?\b)?"
            r"(?:\s+(?:di|del|dei)\b)?[ \t\u00a0]*\n?[ \t\u00a0]*",
            re.I,
        ),
        district_not_after=re.compile(rf"(?:^|[^\w])(?:{phrases('district_not_after')})\s*$", re.I),
        # Not after white space: a match takes all of it, and the test at each of its positions cost a scan.
        head_after=re.compile(rf"(?<!\s)\s*(?:{phrases('head_after')})(?!\w)", re.I),
        event=re.compile(rf"(?<!\w)(?:{phrases('event_words')})", re.I),
        venue=re.compile(rf"(?<!\w)(?:{phrases('venue_words')})(?!\w)", re.I),
        body_before=re.compile(rf"(?<!\w)(?:{phrases('body_words')})(?!\w)", re.I),
        dateline=re.compile(
            rf"[ \t\u00a0]*[,–-][ \t\u00a0]*(?:(?:{phrases('dateline_words')})\s+)?"
            rf"(?:(?:{alternation(words['weekdays'])})\s+)?{date}",
            re.I,
        ),
        street_before=re.compile(
            rf"(?<!\w)(?:{phrases('street_words')})\.?(?:[ \t\u00a0]+|[ \t\u00a0]*\n[ \t\u00a0]*)$", re.I
        ),
        # A street, its number and a comma before the town: "via Goldaniga 11, Crema", "Piazza Duomo 1, 26013".
        address=re.compile(
            rf"(?<!\w){STREET_AND_NUMBER}(?:[ \t\u00a0]?[a-zA-Z]\b)?(?:/\w{{1,3}})?"
            r"[ \t\u00a0]*,[ \t\u00a0]*(?:\d{5}[ \t\u00a0]+)?(?=[A-ZÀ-Ý])",
            re.I,
        ),
        municipal_word=re.compile(rf"(?<!\w)(?:{phrases('municipal_words')})(?!\w)", re.I),
        place_preposition=re.compile(rf"(?<!\w)(?:{phrases('place_prepositions')})(?!\w)", re.I),
        connectors=frozenset(words["name_connectors"]),
        articles=frozenset(words["articles"]),
    )


@cache
def _ordinary_words() -> frozenset[str]:
    """Normal-form Italian words and first names: the hand list of ``comuni.toml`` and the lemma table."""
    first_names = {registry.normalize(w) for w in word_set("first_names.txt")}
    common = {registry.normalize(w) for w in load("comuni")["ambiguous_names"]} | first_names
    table = italian_lemmas()  # without it, the hand list still applies
    return frozenset(common | set(table) | set(table.values()))


@cache
def _ambiguous() -> frozenset[str]:
    """Normal-form one-word town names that are also Italian words or first names."""
    first_names = {registry.normalize(w) for w in word_set("first_names.txt")}
    ordinary = _ordinary_words()
    towns = {registry.normalize(t.name) for t in registry.registry()}
    one_word = {n for n in towns if " " not in n and n in ordinary}
    # "San Paolo", "Santa Giustina": as often a saint, a church or a foundation as a town.
    saints = {registry.normalize(w) for w in load("comuni")["saint_words"]}
    saint_names = {n for n in towns if len(n.split()) == 2 and n.split()[0] in saints and n.split()[1] in first_names}
    return frozenset(one_word | saint_names)


def _is_title(word: str) -> bool:
    return word[:1].isupper()


def _words_at(text: str, pos: int) -> list[re.Match[str]]:
    """Up to ``_MAX_NAME_WORDS`` words from ``pos`` joined as a name's words may be."""
    out: list[re.Match[str]] = []
    while len(out) < _MAX_NAME_WORDS:
        match = _WORD.match(text, pos)
        if not match:
            break
        out.append(match)
        # An abbreviated saint's name ends with a full stop: "S. Mauro Marchesato".
        after = match.end() + (len(match.group()) == 1 and text.startswith(".", match.end()))
        join = _JOIN.match(text, after)
        if join is None or join.end() == match.end():
            break
        pos = join.end()
    return out


def _name_at(text: str, pos: int, *, fuzzy: bool) -> _Mention | None:
    """The longest registry name written at ``pos`` (capitalised), else a fuzzy match."""
    if not fuzzy:
        # Most capitalised words start no town's name: settle those on the first word alone.
        first = _WORD.match(text, pos)
        if first is None or not registry.names_starting(registry.normalize(first.group())):
            return None
    words = _words_at(text, pos)
    if not words or not _is_title(words[0].group()):
        return None
    lex = _lexicon()
    keys = [registry.normalize(w.group()) for w in words]
    for name in registry.names_starting(keys[0]):
        n = len(name)
        if tuple(keys[:n]) == name and all(
            _is_title(w.group()) or k in lex.connectors for w, k in zip(words[:n], keys[:n], strict=True)
        ):
            end = words[n - 1].end()
            return _Mention(pos, end, registry.exact(" ".join(name)))
    # "Marano s/P", "Savignano s/Panaro": the "sul …" of the name cut to its first letters.
    for head in words[:2] if text.find("s/", pos, pos + _ON_CUT_REACH) >= 0 else ():
        cut = _ON_CUT.match(text, head.end())
        towns = registry.on_abbreviation(text[pos : head.end()], cut.group(1)) if cut else ()
        if cut and len(towns) == 1:
            return _Mention(pos, cut.end(), towns)
    if not fuzzy:
        return None
    # "Cisterna" for Cisterna di Latina, never an ordinary word ("Piazza" is no Piazza al Serchio).
    short = None if keys[0] in _ordinary_words() else registry.short_form(words[0].group())
    if short is not None and not _continues_name(text, words[0].end()):
        return _Mention(pos, words[0].end(), (short,))
    # The capitalised chunk: title-case words, with connectors inside.
    chunk: list[re.Match[str]] = []
    for word, key in zip(words, keys, strict=True):
        if _is_title(word.group()):
            chunk.append(word)
        elif key not in lex.connectors:
            break
        else:
            chunk.append(word)
    while chunk and not _is_title(chunk[-1].group()):
        chunk.pop()
    for n in range(len(chunk), 0, -1):
        written = text[pos : chunk[n - 1].end()]
        towns = registry.fuzzy(written)
        if towns:
            return _Mention(pos, chunk[n - 1].end(), towns, fuzzy=True)
    return None


def _with_province(text: str, mention: _Mention) -> int:
    """Attach a province written in brackets after the name; return where the item ends."""
    match = _PROVINCE.match(text, mention.end)
    if match and registry.is_province(match.group(1)):
        mention.province = match.group(1)
        return match.end()
    return mention.end


def _skip_blank(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\u00a0":
        pos += 1
    return pos


def _read_list(
    text: str, pos: int, *, fuzzy: bool, first_strict: bool = False, separator: re.Pattern[str] = _LIST_SEP
) -> list[_Mention]:
    """The municipalities listed from ``pos``: "Corato, Ruvo di Puglia e Terlizzi"."""
    items: list[_Mention] = []
    pos = _skip_blank(text, pos)
    while True:
        mention = _name_at(text, pos, fuzzy=fuzzy and not (first_strict and not items))
        if mention is None:
            break
        items.append(mention)
        end = _with_province(text, mention)
        role = _ROLE_NOTE.match(text, end)
        if role:
            end = role.end()  # "Pomigliano d'Arco (capofila) – Sant'Anastasia"
        sep = separator.match(text, end)
        if not sep:
            break
        pos = sep.end()
    return items


def _body_before(text: str, start: int) -> bool:
    """Whether a body word stands in the few words before ``start`` on its line, with no
    municipal cue after it ("Centro per adulti di Mantova", but "Tavolo del Comune di Lodi")."""
    line_start = text.rfind("\n", 0, start) + 1
    before = " ".join(text[max(line_start, start - 60) : start].split()[-_BODY_WINDOW:])
    lex = _lexicon()
    # Only the words after the last municipal cue or place preposition can name the body the town is in.
    cuts = list(lex.municipal_word.finditer(before)) + list(lex.place_preposition.finditer(before))
    if cuts:
        before = before[max(cut.end() for cut in cuts) :]
    return bool(lex.body_before.search(before))


def _cue_mentions(text: str, found: _Found) -> None:
    lex = _lexicon()
    for cue in lex.list_cue.finditer(text):
        if _body_before(text, cue.start()):
            continue
        for mention in _read_list(text, cue.end(), fuzzy=True):
            found.add(mention)
    for cue in lex.bare_cue.finditer(text):
        bare = _name_at(text, cue.end(), fuzzy=False)
        if bare and not _is_ambiguous(bare) and not _body_before(text, cue.start()):
            found.add(bare)
    for cue in lex.district.finditer(text):
        if lex.district_not_after.search(text[max(0, cue.start() - 8) : cue.start()]):
            continue
        # Without "di" the town must follow at once and be written exactly.
        has_di = re.search(r"\b(?:di|del|dei)\s*$", cue.group(), re.I) is not None
        for mention in _read_list(text, cue.end(), fuzzy=has_di, first_strict=not has_di):
            if has_di or not _is_ambiguous(mention):
                found.add(mention)
    for address in lex.address.finditer(text):
        # After a street address the town is certain, even one that is also a word ("via Goldaniga 11, Crema").
        town = _name_at(text, address.end(), fuzzy=False)
        if town is not None:
            found.add(town)
    for head in lex.head_after.finditer(text):
        line_start = text.rfind("\n", 0, head.start()) + 1
        for word in _WORD.finditer(text, max(line_start, head.start() - 60), head.start()):
            named = _name_at(text, word.start(), fuzzy=False)
            if named and named.end == head.start() and not _body_before(text, named.start):
                found.add(named)
                break


def _town_before_bracket(text: str, before: str) -> bool:
    """Whether ``before`` ends with a town's name and an opening bracket: "Zola Predosa (", not "Voce ("."""
    chunk = re.search(r"((?:[^\W\d_]+['’ \t\u00a0-]+){1,6})\($", before)
    if not chunk:
        return False
    words = chunk.group(1)
    for word in _WORD.finditer(words):
        mention = _name_at(words, word.start(), fuzzy=False)
        if mention and not words[mention.end :].strip(" \t\u00a0'’-"):
            return True
    return False


def _is_ambiguous(mention: _Mention) -> bool:
    return any(registry.normalize(t.name) in _ambiguous() for t in mention.candidates)


def _dateline_mentions(analysis: Analysis, text: str, found: _Found) -> None:
    starts = {0} | {m.end() for m in re.finditer(r"\n", text)} | {s for s, _ in analysis.sentences}
    for start in sorted(starts):
        pos = _skip_blank(text, start)
        mention = _name_at(text, pos, fuzzy=False)
        if mention and _lexicon().dateline.match(text, mention.end):
            found.add(mention)


def _place_mentions(analysis: Analysis, text: str, found: _Found) -> None:
    lex = _lexicon()
    for s_start, s_end in analysis.sentences:
        sentence = text[s_start:s_end]
        if not lex.event.search(sentence):
            continue
        for prep in re.finditer(r"(?<!\w)(?:a|ad|in|presso)[ \t\u00a0]+(?=[^\W\d_])", sentence):
            mention = _name_at(text, s_start + prep.end(), fuzzy=False)
            if mention and not _is_ambiguous(mention) and not _continues_name(text, mention.end):
                found.add(mention)
        for venue in lex.venue.finditer(sentence):
            link = re.compile(r"[^.;:\n]{0,50}?(?:\bdi\b|\bdel\s+comune\s+di\b|\s[–-])[ \t\u00a0]+(?=[^\W\d_])", re.I)
            gap = link.match(sentence, venue.end())
            if not gap or lex.body_before.search(gap.group()):
                continue
            mention = _name_at(text, s_start + gap.end(), fuzzy=False)
            if mention and not _is_ambiguous(mention) and not _continues_name(text, mention.end):
                found.add(mention)


def _continues_name(text: str, end: int) -> bool:
    """Whether a capitalised word follows at once, so the town is part of a longer name.

    A first name does not continue it: "il commissario di Cutro Girolamo Bonfissuto".
    """
    match = re.match(r"[ \t\u00a0]+([^\W\d_]+)", text[end : end + 40])
    if match and len(match.group(1)) == 1 and not text.startswith(".", end + match.end()):
        return False  # a letter alone is a mark beside the name: "Raiano P – Bugnara A" (present, absent)
    return bool(match and _is_title(match.group(1)) and match.group(1).lower() not in word_set("first_names.txt"))


def _plain(mention: _Mention, text: str) -> bool:
    """Whether a mention is written exactly as a town's name that is no ordinary word."""
    return (
        not mention.fuzzy
        and not _is_ambiguous(mention)
        and registry.normalize(text[mention.start : mention.end]) in _exact_keys()
    )


def _list_run_at(text: str, pos: int, *, lenient: bool) -> list[_Mention]:
    """A list of towns starting at ``pos``, when it is long and plain enough to need no cue. A ``lenient``
    reading (for the comuni, not for the towns that sign) also takes a list set apart by middle dots or bars,
    and three towns or more each written exactly with one that is no word ("Conversano – Monopoli – …")."""
    items = _read_list(text, pos, fuzzy=True, first_strict=True, separator=_RUN_SEP)
    if lenient and len(items) < _MIN_RUN:
        items = _read_list(text, pos, fuzzy=True, first_strict=True, separator=_DOT_SEP)
    if len(items) < _MIN_RUN:
        return []
    if _is_ambiguous(items[0]) and _words_before(text, items[0].start) and not _words_before(text, items[1].start):
        # "UNIONE TERRE DI CASTELLI" over "Castelnuovo Rangone - …": a word that ends a line over a list that opens
        # its own is no item of that list.
        items = items[1:]
        if len(items) < _MIN_RUN:
            return []
    plain = sum(_plain(m, text) for m in items)
    if plain >= 2 and plain >= len(items) * _PLAIN_SHARE:
        return items
    return items if lenient and plain >= 1 and not any(m.fuzzy for m in items) else []


def _words_before(text: str, pos: int) -> bool:
    """Whether words stand before ``pos`` on its line (not only a bullet, a number or a table's bar)."""
    return re.search(r"[^\W\d_]{2,}", text[text.rfind("\n", 0, pos) + 1 : pos]) is not None


def _written_towns(text: str, *, lenient: bool) -> Iterator[list[_Mention]]:
    """Registry names at capitalised words, in reading order: a list of towns whole (``_list_run_at``), else
    one name."""
    pos = 0
    for word in _CAPITALISED.finditer(text):
        if word.start() < pos:
            continue
        single = _name_at(text, word.start(), fuzzy=False)
        if single is None:
            continue  # a list of towns starts with one written exactly
        towns = _list_run_at(text, word.start(), lenient=lenient) or [single]
        pos = towns[-1].end
        yield towns


def _gazetteer_mentions(text: str, found: _Found) -> None:
    """Registry names anywhere in the text, with the general filter; lists of towns whole."""
    for towns in _written_towns(text, lenient=True):
        if len(towns) > 1:
            for town in towns:
                found.add(town)
            continue
        (single,) = towns
        bracketed = _with_province(text, single) != single.end
        if (bracketed or not _is_ambiguous(single)) and not _embedded(text, single):
            found.add(single)


def town_lists(text: str) -> list[list[tuple[int, int, str]]]:
    """The lists of three or more towns the text writes ("Buccino, Colliano, Laviano e Valva", one a line,
    numbered), each town as its span and official name; homonyms resolved within the list."""
    lists = []
    for run in _written_towns(_MARKUP.sub(" ", text), lenient=False):
        if len(run) < _MIN_RUN:
            continue
        settled = [m.candidates[0] for m in run if len(m.candidates) == 1]
        towns = []
        for mention in run:
            town = registry.disambiguate(mention.candidates, mention.province, settled)
            towns.append((mention.start, mention.end, (town or mention.candidates[0]).name))
        lists.append(towns)
    return lists


@cache
def _surname_particles() -> frozenset[str]:
    """The particles that open a surname ("Di", "La", "D'"), as people.toml lists them."""
    return frozenset(load("people")["particles"]) | {"d"}


def _embedded(text: str, mention: _Mention) -> bool:
    """Whether the name is part of something else: a body's, street's, person's or longer proper name,
    a thing named with an article ("al Cisternino"), or the province after a town ("Zola (BOLOGNA)")."""
    lex = _lexicon()
    line_start = text.rfind("\n", 0, mention.start) + 1
    before = text[max(line_start, mention.start - 40) : mention.start]
    # A street's name may stand on the line under its "via" ("sede in Vimercate, via\nSanti Cosma e Damiano").
    street = text[max(0, mention.start - 40) : mention.start]
    if _body_before(text, mention.start) or lex.street_before.search(street):
        return True
    written = text[mention.start : mention.end]
    if text.startswith(")", mention.end) and registry.is_province(written) and _town_before_bracket(text, before):
        return True
    # "don Pasquale Di Lecce": a surname made of a capitalised particle (people.toml) and a town's name, after
    # a first name.
    surname = re.search(r"([^\W\d_]+)[ \t]+([^\W\d_]+|D['’])[ \t]*$", before)
    if (
        surname
        and surname.group(2)[:1].isupper()
        and surname.group(2).lower().rstrip("'’") in _surname_particles()
        and surname.group(1).lower() in word_set("first_names.txt")
    ):
        return True
    previous = re.search(r"([^\W\d_]+)[ \t\u00a0]+$", before)
    if previous:
        word = previous.group(1)
        if word.lower() in lex.articles:
            return True
        # "Friuli Venezia Giulia", "Sala Conferenze Arpino"; in capitals every word is capitalised.
        if _is_title(word) and not written.isupper() and word.lower() not in lex.connectors:
            return True
    return _continues_name(text, mention.end) and not written.isupper()


@cache
def _exact_keys() -> frozenset[str]:
    return frozenset(registry.normalize(t.name) for t in registry.registry())


def _corroborated(text: str, mention: _Mention, settled: list[registry.Municipality]) -> bool:
    """Whether a fuzzy match is likely a typo: very close, or in a province of the document."""
    written = text[mention.start : mention.end]
    if any(registry.similarity(written, t) >= _SURE_FUZZY for t in mention.candidates):
        return True
    provinces = {t.province_code for t in settled}
    return any(t.province_code in provinces for t in mention.candidates)


def find_comuni(analysis: Analysis) -> list[Comune]:
    """Every municipality the text refers to as such, one item with a span per mention."""
    # Markup characters become blanks so offsets stay those of the original text.
    text = _MARKUP.sub(" ", analysis.text)
    found = _Found()
    _cue_mentions(text, found)
    _dateline_mentions(analysis, text, found)
    _place_mentions(analysis, text, found)
    _gazetteer_mentions(text, found)
    mentions = sorted(found.mentions, key=lambda m: m.start)
    settled = [m.candidates[0] for m in mentions if len(m.candidates) == 1 and not m.fuzzy]
    mentions = [m for m in mentions if not m.fuzzy or _corroborated(analysis.text, m, settled)]
    items: dict[str, Comune] = {}
    for mention in mentions:
        town = registry.disambiguate(mention.candidates, mention.province, settled)
        name = town.name if town else mention.candidates[0].name
        key = town.istat if town else f"?{name}"
        surface = " ".join(analysis.text[mention.start : mention.end].split())
        item = items.setdefault(key, Comune(name=name, istat=town.istat if town else None, surface=surface))
        item.spans.append((mention.start, mention.end))
    return sorted(items.values(), key=lambda c: c.spans[0])
