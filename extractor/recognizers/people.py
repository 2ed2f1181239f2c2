"""People: named persons and their roles ("il sindaco Anna Rossi", "d.ssa Maria Bianchi").

Works on the bare text, without a NER model: a name is a first name from
``data/first_names.txt`` followed by one to three capitalised surname parts
("Carlo De Santis", "Anna Maria Ferri"). A role, a title or a list of
authors lets any capitalised words stand for a name ("Xhensila Morina
(assistente sociale)"). Names inside organisation or place names ("Fondazione
Enrico Zanetti", "Via Giuseppe Verdi") are not people. Later mentions of the
surname alone ("ha dichiarato Ferri") add spans to the person already found.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.lang.it.stop_words import STOP_WORDS

from extractor.columns import stretches
from extractor.lexicon import alternation, load, trie_alternation, word_set
from extractor.nlp import Analysis
from extractor.resolvers import comuni as comuni_registry
from extractor.textkeys import match_key
from models import Person

_OPENING_QUOTES = frozenset("“‘«\"'")
_CLOSING_QUOTES = frozenset("”’»\"'")

_UP = "A-ZÀ-ÖØ-Þ"
_LO = "a-zß-öø-ÿ"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)*")
# "Rossi", "D'Amato", "Dell'Acqua", "McCarthy", "Rossi-Bianchi".
_TITLE_CASE = re.compile(rf"(?:[{_UP}][{_LO}]{{0,3}}['’])?[{_UP}][{_LO}]+(?:[{_UP}][{_LO}]+)?(?:-[{_UP}][{_LO}]+)*")
_ALL_CAPS = re.compile(rf"(?:[{_UP}]{{1,4}}['’])?[{_UP}]{{2,}}(?:-[{_UP}]{{2,}})*")
_ROMAN = re.compile(r"[IVXLC]+")
# The letters of ``_UP`` (Latin ones, below U+0250), for a test cheaper than a pattern.
_CAPITALS = frozenset(chr(c) for c in range(0x250) if re.fullmatch(f"[{_UP}]", chr(c)))
# Words of one name are one or two spaces apart: a wider gap is a column of the layout ("Anna Neri      Luca Bassi").
_GAP = re.compile(r"[ \t\u00a0]{1,2}")
_ARTICLE = r"(?:il|la|lo|l['’]|i|gli|le)"
_GENITIVE = re.compile(r"(?:([^\W\d_]+)\s+)?\b(?:di|del|dello|della|dei|degli|delle|dell['’])\s*$", re.I)
# What may stand between a role and the name it precedes: "è:", "nella persona del".
_ROLE_LINK = re.compile(
    rf"(?:\bè|\bnella persona d(?:el|ella|ello|i)|\bf\.to|\bin qualità di|(?<!\w){_ARTICLE})\s*$", re.I
)
# Longer than any link or title above, in characters.
_LINK_REACH = 48
# What may open a role in brackets: "(l'assessore …)", "(ex sindaco …)".
_ROLE_LEAD = re.compile(rf"(?:{_ARTICLE}\s*|ex\s+|già\s+)?", re.I)
# Text that closes a role phrase before a name, so the role cannot reach back past it.
_HARD_STOP = re.compile(r"[;\"“”«»()]")
_MAX_SURNAME_PARTS = 3
# A line at least this long that breaks without punctuation is prose wrapped by the layout.
_PROSE_LINE = 60


@dataclass(slots=True)
class _Tok:
    """A word of the text (slots, unfrozen: the cheapest to make, and a long document has 200,000 of them)."""

    start: int
    end: int
    text: str
    case: str  # "title", "upper" or "" (anything else)


@dataclass
class _Candidate:
    start: int
    end: int
    parts: list[str]
    first: str  # "known", "ambiguous" or "unknown": what the first name is
    upper: bool
    listed: bool  # holds a first name of the list, so it bounds the roles of its neighbours
    role: str | None = None
    strong: bool = False
    in_body: bool = False  # part of an organisation or place name, never a person


@dataclass(frozen=True)
class _Lexicon:
    first_names: frozenset[str]
    particles: frozenset[str]
    lower_particles: frozenset[str]
    function_words: frozenset[str]
    prepositions: frozenset[str]
    ambiguous: frozenset[str]
    not_name: frozenset[str]
    prefixes: frozenset[str]
    modifiers: frozenset[str]
    clause: frozenset[str]
    body_nouns: frozenset[str]
    role_words: frozenset[str]
    plural_roles: dict[str, str]
    place_names: frozenset[str]
    title_end: re.Pattern[str]
    role: re.Pattern[str]
    list_opener: re.Pattern[str]


@cache
def _lexicon() -> _Lexicon:
    words = load("people")
    titles = [t.lower() for t in words["titles"]]
    roles = [r.lower() for r in words["role_words"]]
    plurals = {k.lower(): v.lower() for k, v in words["plural_roles"].items()}
    title_words = {t for t in titles if "." not in t}
    not_name = {w.lower() for w in words["not_name_words"]}
    particles = frozenset(words["particles"])
    not_name |= {w for r in roles + list(plurals) for w in r.split() if w not in particles}
    not_name |= title_words
    return _Lexicon(
        first_names=word_set("first_names.txt"),
        particles=particles,
        lower_particles=frozenset(words["lower_case_particles"]),
        function_words=frozenset(words["function_words"]),
        prepositions=frozenset(words["prepositions"]),
        ambiguous=frozenset(w.lower() for w in words["ambiguous_first_names"]),
        not_name=frozenset(not_name),
        prefixes=frozenset(p.lower() for p in words["org_place_prefixes"]),
        modifiers=frozenset(m.lower() for m in words["prefix_modifiers"]),
        clause=frozenset(w.lower() for w in words["clause_words"]),
        body_nouns=frozenset(w.lower() for w in words["body_nouns"]),
        role_words=frozenset(roles) | frozenset(plurals),
        plural_roles=plurals,
        place_names=frozenset(match_key(p) for p in words["place_names"]),
        # A title closing the text before a name: "d.ssa ", "Signor ".
        title_end=re.compile(rf"(?:^|(?<=[\s(,;:'’\"“]))(?:{trie_alternation(titles)})\s*$", re.I),
        role=re.compile(rf"(?<!\w)(?:{trie_alternation(roles + list(plurals))})(?![\w'’])", re.I),
        list_opener=re.compile(
            rf"(?<![\w'’])(?:{trie_alternation([o.lower() for o in words['list_openers']])})(?![\w'’])\s*:?\s*", re.I
        ),
    )


def _tokens(text: str) -> list[_Tok]:
    """The words of ``text`` with their offsets and case style."""
    out = []
    for match in _WORD.finditer(text):
        word = match.group()
        if word[0] not in _CAPITALS:  # most words: neither pattern can match, both start with a capital
            case = ""
        elif _TITLE_CASE.fullmatch(word):
            case = "title"
        elif _ALL_CAPS.fullmatch(word) and not _ROMAN.fullmatch(word):
            case = "upper"
        else:
            case = ""
        out.append(_Tok(match.start(), match.end(), word, case))
    return out


def _bare(word: str) -> str:
    """The word after an elided article or preposition ("dell'Istituto" -> "istituto")."""
    return re.split(r"['’]", word.lower())[-1]


def _is_saint(word: str) -> bool:
    """True for "Sant'Anna", "Sant’Egidio": a saint's name, so a place or a body."""
    return word.lower().startswith(("sant'", "sant’"))


def _first_name_kind(word: str, lex: _Lexicon) -> str:
    """'known', 'ambiguous' or 'unknown' for a would-be first name."""
    low = word.lower()
    if low in lex.not_name or low in lex.particles or "'" in low or "’" in low:
        return "unknown"
    if low in lex.first_names:
        # Stop words that are also names (Nella, Prima, Salvo) are ambiguous by rule.
        return "ambiguous" if low in lex.ambiguous or low in STOP_WORDS else "known"
    # Compound and hyphenated first names: "Angelamaria", "Anna-Maria", "Gianmarco".
    halves = low.split("-")
    if len(halves) == 2 and all(h in lex.first_names for h in halves):
        return "known"
    for cut in range(3, len(low) - 2):
        if low[:cut] in lex.first_names and low[cut:] in lex.first_names:
            return "known"
    return "unknown"


def _surname_ok(word: str, lex: _Lexicon) -> bool:
    """True when a capitalised word may be part of a surname."""
    low = word.lower()
    if low in lex.not_name or low in lex.function_words:
        return False
    return not _is_saint(word)


def _soft_wrap(text: str, pos: int, gap: str) -> bool:
    """True when ``gap`` at ``pos`` is a line break inside running prose, as PDF lines wrap."""
    if not re.fullmatch(r"[ \t]*\n[ \t]*", gap):
        return False
    line = text[text.rfind("\n", 0, pos) + 1 : pos]
    return len(line) >= _PROSE_LINE and not re.search(r"[.:;!?]$", line.rstrip())


def _runs(text: str, toks: list[_Tok], lex: _Lexicon) -> list[list[int]]:
    """Maximal sequences of capitalised tokens on one line, one case style, no punctuation between."""
    runs: list[list[int]] = []
    current: list[int] = []
    style = ""
    for i, tok in enumerate(toks):
        low = tok.text.lower()
        if tok.case and (low in lex.particles or low not in lex.not_name) and not _is_saint(tok.text):
            kind = tok.case
        elif not tok.case and low in lex.lower_particles:
            kind = "particle"
        else:
            kind = ""
        gap_start = toks[current[-1]].end if current else tok.start
        gap = text[gap_start : tok.start]
        # A wrapped line may split a name, but only one still missing its surname ("Mario\nRossi").
        unfinished = len(current) == 1 or (current and toks[current[-1]].text.lower() in lex.particles)
        wrapped = style == "title" and unfinished and _soft_wrap(text, gap_start, gap)
        joined = current and (_GAP.fullmatch(gap) or wrapped)
        if kind and joined and kind in (style, "particle"):
            current.append(i)
            continue
        if current:
            runs.append(current)
        current, style = ([i], kind) if kind and kind != "particle" else ([], "")
    if current:
        runs.append(current)
    return runs


def _name_end(run: list[int], i: int, toks: list[_Tok], lex: _Lexicon) -> int:
    """Index in ``run`` just past the surname parts after position ``i`` (``i + 1`` if none)."""
    j = i + 1
    parts = 0
    while j < len(run) and parts < _MAX_SURNAME_PARTS:
        low = toks[run[j]].text.lower()
        if low in lex.particles:
            if (
                j + 1 < len(run)
                and toks[run[j + 1]].text.lower() not in lex.particles
                and _surname_ok(toks[run[j + 1]].text, lex)
            ):
                j += 2
            else:
                break
        elif _surname_ok(toks[run[j]].text, lex):
            j += 1
        else:
            break
        parts += 1
    if parts == 0 and j < len(run) and len(toks[run[j]].text) >= 4 and toks[run[j]].text.lower() in lex.particles:
        # A surname that is a particle on its own: "Lucio Dalla".
        j += 1
    return j


def _display(words: list[str], upper: bool) -> str:
    """The name as shown: all-caps names in title case ("D'AMATO" -> "D'Amato")."""
    if not upper:
        return " ".join(words)
    out = []
    for word in words:
        pieces = re.split(r"(['’\-])", word.lower())
        out.append("".join(p[:1].upper() + p[1:] for p in pieces))
    return " ".join(out)


def _candidates(text: str, toks: list[_Tok], sentence_starts: set[int], lex: _Lexicon) -> list[_Candidate]:
    """Every would-be name, before any context is weighed."""
    found: list[_Candidate] = []
    for run in _runs(text, toks, lex):
        upper = toks[run[0]].case == "upper"
        i, named = 0, False
        while i < len(run):
            kind = _first_name_kind(toks[run[i]].text, lex)
            if kind == "ambiguous" and i == 0 and _after_preposition(text, toks, run[0], lex):
                # "il sindaco di Vittoria Francesco Aiello": a place, then the name.
                kind = "unknown"
            elif kind == "known" and i == 0 and _town_before_a_name(text, toks, run, lex):
                kind = "unknown"  # "la segretaria della CGIL di Torino Elena Ferro": a town that is a name too
            j = _name_end(run, i, toks, lex) if kind != "unknown" else i + 1
            if j == i + 1:
                i += 1
                continue
            start = i
            # An uncommon first name before a listed one ("Xhensila Maria Rossi")
            # when the run opens right after a title or a role phrase.
            if i == 1 and _surname_ok(toks[run[0]].text, lex) and _opens_after_phrase(text, toks, run[0], lex):
                start = 0
            words = [toks[k].text for k in run[start:j]]
            first = kind if start == i else "unknown"
            found.append(_Candidate(toks[run[start]].start, toks[run[j - 1]].end, words, first, upper, True))
            named = True
            i = j
        if not named:
            found.extend(_without_listed_name(run, toks, upper, sentence_starts, lex))
    return sorted(_with_surname_first(text, toks, lex, found), key=lambda c: c.start)


def _without_listed_name(
    run: list[int], toks: list[_Tok], upper: bool, sentence_starts: set[int], lex: _Lexicon
) -> list[_Candidate]:
    """The candidate a run without a listed first name may hold; a name only if the context says so."""
    words = [toks[k].text for k in run]
    if upper and 2 <= len(run) <= 3 and _first_name_kind(words[-1], lex) == "known":
        # Surname first in capitals: "BIANCHI MARIA".
        words = words[-1:] + words[:-1]
        surname = words[1:]
        # A particle alone is no surname: "COMUNE DI TARQUINIA" is a town, not "Tarquinia Di".
        if all(_surname_ok(w, lex) or w.lower() in lex.particles for w in surname) and any(
            w.lower() not in lex.particles for w in surname
        ):
            return [_Candidate(toks[run[0]].start, toks[run[-1]].end, words, "known", True, True)]
    if len(run) >= 3 and toks[run[0]].start in sentence_starts:
        # "Interviene Xhensila Morina": the first word is capitalised for the sentence only.
        run = run[1:]
    words = [toks[k].text for k in run]
    if len(run) > 4 or words[0].lower() in lex.particles:
        return []
    if not all(_surname_ok(w, lex) or w.lower() in lex.particles for w in words):
        return []
    return [_Candidate(toks[run[0]].start, toks[run[-1]].end, words, "unknown", upper, False)]


def _with_surname_first(text: str, toks: list[_Tok], lex: _Lexicon, found: list[_Candidate]) -> list[_Candidate]:
    """``found`` with names written surname first, as in lists ("ROSSI Mario"), in place of what they cover."""
    out = list(found)
    for i in range(len(toks) - 1):
        a, b = toks[i], toks[i + 1]
        if not (a.case == "upper" and b.case == "title" and _GAP.fullmatch(text[a.end : b.start])):
            continue
        if _first_name_kind(b.text, lex) != "known" or not _surname_ok(a.text, lex):
            continue
        if _first_name_kind(a.text, lex) != "unknown":
            continue
        after = toks[i + 2] if i + 2 < len(toks) else None
        if after and after.case and _GAP.fullmatch(text[b.end : after.start]):
            continue
        if i and toks[i - 1].case == "upper" and _GAP.fullmatch(text[toks[i - 1].end : a.start]):
            continue
        out = [c for c in out if c.end <= a.start or c.start >= b.end]
        out.append(_Candidate(a.start, b.end, [b.text, _display([a.text], True)], "known", False, True))
    return out


def _after_preposition(text: str, toks: list[_Tok], first: int, lex: _Lexicon) -> bool:
    """True when a preposition stands right before token ``first`` ("di Vittoria")."""
    if first == 0:
        return False
    prev = toks[first - 1]
    return prev.text in lex.prepositions and _GAP.fullmatch(text[prev.end : toks[first].start]) is not None


def _town_before_a_name(text: str, toks: list[_Tok], run: list[int], lex: _Lexicon) -> bool:
    """True when a body's name ends with a town that is also a first name, and a person's name follows:
    "la CGIL di Torino Elena Ferro" (but "per conto di Paola Maria Rossi" names one person)."""
    first = run[0]
    return (
        len(run) >= 3
        and first >= 2
        and bool(toks[first - 2].case)  # the body's name before the preposition: "CGIL di"
        and _after_preposition(text, toks, first, lex)
        and _first_name_kind(toks[run[1]].text, lex) == "known"
        and bool(comuni_registry.exact(toks[first].text))
    )


def _opens_after_phrase(text: str, toks: list[_Tok], first: int, lex: _Lexicon) -> bool:
    """True when a title or a lower-case content word stands right before token ``first``."""
    if lex.title_end.search(text[max(0, toks[first].start - 30) : toks[first].start]):
        return True
    if first == 0:
        return False
    prev = toks[first - 1]
    low = prev.text.lower()
    return (
        not prev.case
        and _GAP.fullmatch(text[prev.end : toks[first].start]) is not None
        and low not in STOP_WORDS
        and low not in lex.prefixes
        and low not in lex.modifiers
        and "'" not in low
        and "’" not in low
    )


def _is_town(text: str, cand: _Candidate, lex: _Lexicon) -> bool:
    """A municipality's name that looks like a person's: "Rocca Massima", "(S.) Mauro Marchesato"."""
    name = " ".join(cand.parts)
    if match_key(name) in lex.place_names or comuni_registry.exact(name):
        return True
    if cand.first == "unknown" and len(cand.parts) > 1 and all(comuni_registry.exact(p) for p in cand.parts):
        return True  # "CISL Pavia Lodi": a union's towns, none a first name
    return re.search(r"(?<!\w)S\.[ \t\u00a0]*$", text[max(0, cand.start - 4) : cand.start]) is not None and bool(
        comuni_registry.exact(f"S {name}")
    )


def _quoted(text: str, cand: _Candidate) -> bool:
    """A name in quotes names a school, band or project after a person: l'IC “Leone Caetani”."""
    return text[cand.start - 1 : cand.start] in _OPENING_QUOTES and text[cand.end : cand.end + 1] in _CLOSING_QUOTES


def _inside_org_or_place(text: str, toks: list[_Tok], index: int, cand: _Candidate, lex: _Lexicon) -> bool:
    """True when the name belongs to an organisation or place ("Fondazione Mario Rossi")."""
    if _is_town(text, cand, lex) or (cand.start > 0 and _quoted(text, cand)):
        return True
    passed_name = False
    for k in range(index - 1, max(-1, index - 6), -1):
        tok = toks[k]
        if not (_GAP.fullmatch(text[tok.end : toks[k + 1].start]) or text[tok.end : toks[k + 1].start] in ("'", "’")):
            return False
        low, bare = tok.text.lower(), _bare(tok.text)
        if low in lex.prefixes or bare in lex.prefixes or _is_saint(tok.text):
            # "il presidente della Fondazione Cariplo Mario Rossi" is a person.
            return not (passed_name and cand.role)
        if low in lex.modifiers or bare in lex.modifiers:
            continue
        if not tok.case or low in lex.role_words:
            return False
        passed_name = True
    return False


def _followed_by_numeral(text: str, end: int) -> bool:
    """A regnal number after the name: "Giovanni XXIII", "Vittorio Emanuele II"."""
    return re.match(r"[ \t]+[IVXL]+\b", text[end : end + 12]) is not None


def _clean_role(role: str) -> str:
    """A role on one line, without leading article or trailing punctuation."""
    role = " ".join(role.split())
    role = re.sub(rf"^{_ARTICLE}\s*", "", role, flags=re.I).strip(" ,;:–-")
    role = role.rstrip(" .")
    return role.capitalize() if role.isupper() else role


def _plural(role_word: str, lex: _Lexicon) -> bool:
    """True for a plural role word ("segretari"); "portavoce" is both and counts as singular."""
    low = role_word.lower()
    return lex.plural_roles.get(low, low) != low


def _is_head(text: str, match: re.Match[str], lex: _Lexicon) -> bool:
    """A role word heads a role unless it names a body ("Comitato dei Sindaci", "Ufficio del Garante")."""
    genitive = _GENITIVE.search(text[max(0, match.start() - 40) : match.start()])
    if not genitive:
        return True
    if _plural(match.group(), lex):
        return False
    body = genitive.group(1)
    return not (body and body[0].isupper() and body.lower() in lex.not_name)


def _phrase_ok(phrase: str, lex: _Lexicon, max_words: int) -> bool:
    """A role phrase read backwards from a name: short, one clause, no comma inside."""
    words = re.findall(r"[^\W\d_]+", phrase.lower())
    if not words or len(words) > max_words or "\n\n" in phrase or re.search(r",\s", phrase):
        return False
    return not any(w in lex.clause for w in words[1:])


def _strip_links(text: str, lex: _Lexicon) -> str:
    """``text`` without what may close it before a name: ", ", "è:", "nella persona del", a title."""
    while True:
        stripped = text.rstrip(" \t\n,:–-")
        # Both end at the end of the text and are short: searching its tail spares a scan of every position.
        tail = max(0, len(stripped) - _LINK_REACH)
        link = _ROLE_LINK.search(stripped, tail) or lex.title_end.search(stripped, tail)
        if link:
            stripped = stripped[: link.start()]
        if stripped == text:
            return text
        text = stripped


def _role_before(text: str, floor: int, cut: int, lex: _Lexicon) -> tuple[str, bool] | None:
    """The role phrase ending right before a name, and whether its role word is plural."""
    window = text[floor:cut]
    hard = max((m.end() for m in _HARD_STOP.finditer(window)), default=0)
    floor += hard
    window = window[hard:]
    window = _strip_links(window, lex)
    last = re.search(r"(?:^|[\s'’])([^\W\d_]+['’]?)$", window)
    if last and (last.group(1).lower() in {"e", "ed", "o", "oppure"} or last.group(1).lower() in lex.prepositions):
        # "il presidente dell'associazione e Anna Rossi": the role is someone else's;
        # "il presidente di Alfa Beta": what follows is the body, not a person.
        return None
    end = floor + len(window)
    heads = [m for m in lex.role.finditer(text, floor, end) if _is_head(text, m, lex)]
    if not heads or not _phrase_ok(text[heads[-1].start() : end], lex, 14):
        return None
    start = heads[-1].start()
    # "Dirigente del Settore … e Responsabile dell'Ufficio di Piano": two roles of one person.
    for earlier in reversed(heads[:-1]):
        between = text[earlier.start() : start]
        if not re.search(r"\s(?:e|ed)\s+$", between) or not _phrase_ok(between, lex, 16):
            break
        start = earlier.start()
    role = _clean_role(text[start:end])
    head = lex.role.match(role)
    if head and _plural(head.group(), lex):
        return lex.plural_roles[head.group().lower()] + role[head.end() :], True
    return role, False


def _phrase_end(text: str, start: int, limit: int, next_start: int, lex: _Lexicon) -> int:
    """Where a role phrase written after a name stops."""
    words = 0
    pattern = r"[^\W\d_]+(?:['’][^\W\d_]+)?|[,;()\n\"“”«»]|\.(?=\s|[A-Z]|$)|\s[–-]\s(?=[a-zà-ù])"
    for match in re.finditer(pattern, text[start:limit]):
        token, pos = match.group(), start + match.start()
        if token == "." and _abbreviation_before(text, pos):
            continue
        if token == "\n" and _soft_wrap(text, pos, "\n"):
            # Go on over a wrapped line only when the phrase is plainly unfinished.
            last = re.search(r"([^\W\d_]+)['’]?\s*$", text[start:pos])
            unfinished = last is not None and (
                last.group(1).lower() in lex.prepositions or last.group(1) in ("e", "ed")
            )
            if unfinished or re.match(r"[ \t]*[a-zà-ù]", text[pos + 1 : pos + 3]):
                continue
        if not token[0].isalpha():
            return pos
        low = token.lower()
        if words and low in lex.clause:
            return pos
        if words and low in ("e", "ed"):
            after = text[pos + len(token) : pos + len(token) + 40]
            nxt = re.match(r"\s*([^\W\d_]+(?:['’])?)", after)
            nxt_pos = pos + len(token) + (nxt.start(1) if nxt else 0)
            if not nxt or nxt_pos == next_start or re.fullmatch(_ARTICLE, nxt.group(1), re.I):
                return pos
            if nxt.group(1).lower() in lex.clause:
                return pos
        words += 1
        if words > 16:
            return pos
    return limit


def _abbreviation_before(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation ("n. 46", "Soc. Coop.")."""
    word = re.search(r"([^\W\d_]+)$", text[max(0, dot - 12) : dot])
    if not word:
        return False
    low = word.group(1).lower()
    return low in word_set("abbreviations.txt") or f"{low}." in word_set("abbreviations.txt") or len(low) == 1


def _role_after(
    text: str, cand: _Candidate, next_start: int, signed: bool, lex: _Lexicon
) -> tuple[str | None, str, int]:
    """The role written after a name: (role, 'strong' | 'weak' | '', where it ends).

    ``signed`` says a role already stands above the name, so the next line is
    not read as its role.
    """
    limit = min(len(text), cand.end + 250)
    rest = text[cand.end : limit]
    paren = re.match(r"\s*\(([^()\n]{2,160})\)", rest)
    if paren:
        inner, end = paren.group(1).strip(), cand.end + paren.end()
        lead = _ROLE_LEAD.match(inner)
        if lex.role.match(inner, lead.end() if lead else 0):
            return _clean_role(inner), "strong", end
        # A body ("(Caritas Ambrosiana)"), or a note to a role written before ("(comune capofila)").
        if (inner[:1].isupper() or signed) and not re.search(r"\d", inner) and len(inner.split()) <= 6:
            return inner, "weak", end
        return None, "", end
    # A name alone on its line with the role on the next (signature blocks).
    line_end = text.find("\n", cand.end)
    if not signed and line_end >= 0 and not text[cand.end : line_end].strip(" \t,;:"):
        nxt_end = text.find("\n", line_end + 1)
        nxt = text[line_end + 1 : len(text) if nxt_end < 0 else nxt_end]
        lead = re.match(rf"[ \t]*(?:{_ARTICLE}[ \t]*)?", nxt, re.I)
        introduces = re.search(r"(?:\bè|:)\s*$", nxt)
        if lex.role.match(nxt, lead.end() if lead else 0) and len(nxt.split()) <= 14 and not introduces:
            return _clean_role(nxt), "strong", line_end + 1 + len(nxt)
    lead = re.match(rf"[ \t]*(?:[,–-]\s*)?(?:(?:{_ARTICLE}|in qualità di|quale)\s*)?", rest, re.I)
    offset = cand.end + (lead.end() if lead else 0)
    strength = "strong"
    head = lex.role.match(text, offset)
    if head and _plural(head.group(), lex):
        return None, "", cand.end  # "Mario Rossi, i presidenti dei comitati": a new item, not his role
    if not head:
        genitive = re.match(r"[ \t]+(?:della|del|dello|dei|degli|delle|dell['’])\s*([^\W\d_]+)", rest)
        if not genitive:
            return None, "", cand.end
        word = genitive.group(1)
        if not (word[0].isupper() or word.lower() in lex.body_nouns or word.lower() in lex.role_words):
            return None, "", cand.end
        offset = cand.end + len(genitive.group()) - len(genitive.group().lstrip())
        strength = "weak"
    end = _phrase_end(text, offset, min(limit, next_start), next_start, lex)
    gap = text[end:next_start]
    # Only after a first name the text lists: "Coordinamento Istituzionale, Sindaca di …" is no person with a role.
    appositive = "," in gap and not lex.title_end.search(gap) and cand.first != "unknown"
    if next_start < len(text) and not _strip_links(gap, lex).strip() and not appositive:
        # The phrase runs into the next name: it is that person's role ("… e il segretario Cisl Anna Neri", "…,
        # Sindaca di Sala Consilina, avv. Rosanna Lamattina"); set off by commas it is this one's ("Marisa
        # Giombetti, segretaria Spi Cgil, Giancarlo Ruggeri, …").
        return None, "", cand.end
    role = _clean_role(text[offset:end])
    return (role, strength, end) if role else (None, "", cand.end)


def _list_positions(text: str, cands: list[_Candidate], lex: _Lexicon) -> set[int]:
    """Starts of names listed after "a cura di", "relatori:" and the like.

    A list counts only when one of its items holds a listed first name, so a
    list of bodies ("presenti: Legacoop Lombardia, Caritas Ambrosiana") stays out.
    """
    positions: set[int] = set()
    by_start = {c.start: c for c in cands}
    ordered = sorted(by_start)
    for match in lex.list_opener.finditer(text):
        pos = match.end()
        chain: list[_Candidate] = []
        while True:
            at = bisect_left(ordered, pos)
            nxt = ordered[at] if at < len(ordered) else None
            gap = text[pos:nxt] if nxt is not None else ""
            if nxt is None or nxt - pos > 25 or (gap.strip() and not lex.title_end.fullmatch(gap)):
                break
            chain.append(by_start[nxt])
            tail = re.match(r"\s*(?:\([^()\n]{0,160}\))?\s*(?:,|;|\be\b|\bed\b)\s*", text[chain[-1].end :])
            if not tail:
                break
            pos = chain[-1].end + tail.end()
        if any(c.listed for c in chain):
            positions.update(c.start for c in chain)
    return positions


def _role_head(role: str, lex: _Lexicon) -> str:
    """The role word with its lower-case modifiers: "segretario generale Cgil" -> "segretario generale"."""
    words: list[str] = []
    for word in role.split():
        if words and word[:1].isupper():
            break
        words.append(word)
    while len(words) > 1 and words[-1].lower() in lex.prepositions:
        words.pop()
    return " ".join(words)


def _alone_on_line(text: str, cand: _Candidate, lex: _Lexicon) -> bool:
    """True when the name fills its line, but for a title before it (signature blocks)."""
    line_start = text.rfind("\n", 0, cand.start) + 1
    line_end = text.find("\n", cand.end)
    before = text[line_start : cand.start]
    after = text[cand.end : len(text) if line_end < 0 else line_end]
    if re.search(r"[^\W\d_]", after):
        return False
    return not re.search(r"[^\W\d_]", before) or lex.title_end.fullmatch(before.strip() + " ") is not None


# A signature line that names the body signed for, then its signatory: "Per CGIL Vicenza – Marina Rossi".
_SIGNS_FOR = re.compile(r"[ \t]*per\s[^\n]{2,80}\s[-–—]\s*$", re.I)


def _signs_for_a_body(text: str, cand: _Candidate) -> bool:
    """Whether the name closes a line "Per <body> – <name>" of a signature block."""
    line_start = text.rfind("\n", 0, cand.start) + 1
    line_end = text.find("\n", cand.end)
    rest = text[cand.end : len(text) if line_end < 0 else line_end]
    return not rest.strip() and _SIGNS_FOR.fullmatch(text, line_start, cand.start) is not None


def _accept(text: str, cand: _Candidate, lex: _Lexicon) -> bool:
    """Whether a candidate, with its context weighed, names a person."""
    if cand.in_body:
        return False
    if cand.upper and not (cand.strong or _alone_on_line(text, cand, lex)):
        # All-caps words are headings unless they sign a block or follow a title or role.
        return False
    if len(cand.parts) < 2:
        return _titled_surname(text, cand, lex)
    if cand.first == "known":
        return True
    return cand.strong


def _titled_surname(text: str, cand: _Candidate, lex: _Lexicon) -> bool:
    """A surname alone counts only right after an abbreviated title ("dott. Rossi"):
    "Don Orione", "Padre Pio" name institutions more often than people."""
    title = lex.title_end.search(text[max(0, cand.start - 25) : cand.start])
    return title is not None and "." in title.group() and cand.first == "unknown"


def find_people(analysis: Analysis) -> list[Person]:
    """Every person named in the text, with a role when one is written next to the name."""
    lex = _lexicon()
    text = analysis.text
    toks = _tokens(text)
    index_of = {t.start: i for i, t in enumerate(toks)}
    sentence_starts = [start for start, _ in analysis.sentences]
    cands = _candidates(text, toks, set(sentence_starts), lex)
    in_list = _list_positions(text, cands, lex)
    bounds = [c.start for c in cands if c.listed] + [len(text)]

    accepted: list[_Candidate] = []
    previous_end = 0
    chain: str | None = None  # singular role of a plural list: "i segretari generali A e B"
    for cand in cands:
        if len(cand.parts) < 2 and not _titled_surname(text, cand, lex):
            # Most candidates: ``_accept`` turns them down whatever their context, and ``_merge`` skips them.
            continue
        at = bisect_right(sentence_starts, cand.start) - 1
        floor, cut = _role_window(text, cand.start, sentence_starts[at] if at >= 0 else 0, lex)
        # A role read in another column of the line above stands before the previous name's end.
        found = _role_before(text, floor if cut <= previous_end else max(floor, previous_end), cut, lex)
        role_before, plural = found if found else (None, False)
        next_start = bounds[bisect_right(bounds, cand.start)]
        after, strength, role_end = _role_after(text, cand, next_start, bool(role_before), lex)
        between = re.fullmatch(r"\s*(?:,|e|ed)\s+([^,;.()\n]{0,60}?)\s*", text[previous_end : cand.start])
        if not role_before and not after and chain and between:
            # "i segretari generali Cgil Mario Rossi e Cisl Anna Bianchi".
            role_before = f"{chain} {between.group(1)}".strip()
        if after and role_before:
            note = strength == "weak" and not lex.role.search(after)
            cand.role = f"{role_before} ({after})" if note else f"{role_before}, {after}"
        else:
            cand.role = role_before or after
        title = lex.title_end.search(text[max(0, cand.start - 25) : cand.start]) is not None
        # Capitalised words after a role are a body, not a person, when a verb follows them
        # ("il presidente Confcooperative Lombardia ha detto"), unless a listed first name is there.
        appositive = cand.listed or _CLAUSE_ENDS.match(text, cand.end) is not None
        cand.strong = bool(
            title or (role_before and appositive) or strength == "strong" or cand.start in in_list
        ) or _signs_for_a_body(text, cand)
        cand.in_body = _inside_org_or_place(text, toks, index_of[cand.start], cand, lex) or (
            _followed_by_numeral(text, cand.end)
        )
        if _accept(text, cand, lex):
            accepted.append(cand)
            previous_end = max(cand.end, role_end)
            if plural and role_before:
                chain = _role_head(role_before, lex)
            elif after or not between:
                chain = None
    return _merge(text, accepted, cands, lex)


# Columns of a layout set side by side: three or more spaces apart.
_COLUMN_GAP = re.compile(r"[ \t]{3,}")


def _column_above(text: str, line_start: int, start: int, lex: _Lexicon) -> tuple[int, int] | None:
    """When the name at ``start`` opens one of two or more columns of its line and the line above has as
    many ("Il Presidente      Il Segretario" over "Anna Neri      Luca Bassi"), that line's stretch in the
    same column; None otherwise."""
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    columns = _columns(text, line_start, line_end)
    own = next((k for k, (a, _) in enumerate(columns) if a <= start < columns[k][1]), None)
    if len(columns) < 2 or own is None:
        return None
    before = text[columns[own][0] : start]
    if before.strip() and not lex.title_end.fullmatch(before):
        return None  # the name does not open its column ("dott.ssa Paola Ciccone" does)
    above_end = line_start - 1
    above_start = text.rfind("\n", 0, max(0, above_end)) + 1
    above = _columns(text, above_start, above_end) if above_end > 0 else []
    return above[own] if len(above) == len(columns) else None


# What may follow a name in apposition: punctuation, a line's or the text's end (matched in place).
_CLAUSE_ENDS = re.compile(r"[ \t]*(?:[,.;:()\n–-]|$)")


@lru_cache(maxsize=256)
def _columns(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The columns of one line; many names share a line, so each is split once."""
    if start < end and not _COLUMN_GAP.search(text, start, end):
        return ((start, end),)  # the common case: one column, found without building the list
    return tuple(stretches(text, start, end, _COLUMN_GAP))


def _role_window(text: str, start: int, sentence_start: int, lex: _Lexicon) -> tuple[int, int]:
    """Where a role written before the name at ``start`` may begin and must end."""
    floor, cut = max(sentence_start, start - 220), start
    line_start = text.rfind("\n", 0, start) + 1
    opening = text[line_start:start]
    if opening.strip() == "(":
        # "IL PRESIDENTE\n(Mario Rossi)"
        opening, cut = "", line_start
    column = _column_above(text, line_start, start, lex)
    if column is not None:
        return column  # signatures side by side: the role above the name's own column
    if not opening.strip() or lex.title_end.fullmatch(opening):
        # A name opening its line may sign under role lines: look back a few lines.
        block = line_start
        for _ in range(4):
            prev_line = text.rfind("\n", 0, max(0, block - 1)) + 1
            if block == 0 or not text[prev_line : block - 1].strip():
                break
            block = prev_line
        floor = min(floor, block)
    return floor, cut


class _Taken:
    """Spans already given to a person, kept sorted so that an overlap is found without a scan of them all."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []
        self.longest = 0

    def overlaps(self, start: int, end: int) -> bool:
        # Only a span starting less than the longest span's length before ``start`` can reach into it.
        i = bisect_right(self.spans, (start - self.longest, -1))
        while i < len(self.spans) and self.spans[i][0] < end:
            if self.spans[i][1] > start:
                return True
            i += 1
        return False

    def add(self, start: int, end: int) -> None:
        insort(self.spans, (start, end))
        self.longest = max(self.longest, end - start)


def _merge(text: str, accepted: list[_Candidate], cands: list[_Candidate], lex: _Lexicon) -> list[Person]:
    """One person per name: full mentions, then mentions of the surname alone."""
    people: list[tuple[list[str], Person]] = []

    def same_person(words: list[str]) -> Person | None:
        key = match_key(" ".join(words)).split()
        for other, person in people:
            small, big = sorted((key, other), key=len)
            if set(small) <= set(big) and (len(small) >= 2 or small == big[-1:]):
                if len(key) > len(other):
                    person.name = " ".join(words)
                    other[:] = key
                return person
        return None

    taken = _Taken()
    # Full names first, so "dott. Rossi" joins "Mario Rossi" wherever it stands.
    for cand in sorted(accepted, key=lambda c: (len(c.parts) < 2, c.start)):
        name = _display(cand.parts, cand.upper)
        person = same_person(name.split())
        if person is None:
            person = Person(name=name, role=cand.role)
            people.append((match_key(name).split(), person))
        elif person.role is None:
            person.role = cand.role
        person.spans.append((cand.start, cand.end))
        taken.add(cand.start, cand.end)
    # A name turned down for want of context counts once the same name was accepted.
    for cand in cands:
        if cand.in_body or len(cand.parts) < 2 or taken.overlaps(cand.start, cand.end):
            continue
        key = set(match_key(_display(cand.parts, cand.upper)).split())
        for other, person in people:
            if key == set(other):
                person.spans.append((cand.start, cand.end))
                taken.add(cand.start, cand.end)
    surnames = [p.name.split()[-1].lower() for _, p in people]
    # A surname two people share says nothing about which one is meant.
    _add_surname_mentions(text, [p for _, p in people if surnames.count(p.name.split()[-1].lower()) == 1], taken, lex)
    for _, person in people:
        person.spans.sort()
    return sorted((p for _, p in people), key=lambda p: p.spans[0])


def _add_surname_mentions(text: str, people: list[Person], taken: _Taken, lex: _Lexicon) -> None:
    """Spans for mentions of a person's surname alone ("hanno parlato Rossi e La Rosa"), all surnames found
    in one pass over the text."""
    owners: dict[str, tuple[Person, set[str]]] = {}
    for person in people:
        words = person.name.split()
        if len(words) < 2 or len(words[-1]) < 3 or not _surname_ok(words[-1], lex):
            continue
        surname = " ".join(words[-2:]) if len(words) >= 3 and words[-2].lower() in lex.particles else words[-1]
        for variant in (surname, surname.upper()):
            owners.setdefault(variant, (person, {w.lower() for w in words[:-1]}))
    if not owners:
        return
    pattern = re.compile(rf"(?<![\w'’])(?:{alternation(list(owners))})(?![\w'’])")
    for match in pattern.finditer(text):
        person, own = owners[match.group()]
        _add_surname_mention(text, match.span(), person, own, taken, lex)


def _add_surname_mention(
    text: str, span: tuple[int, int], person: Person, own: set[str], taken: _Taken, lex: _Lexicon
) -> None:
    """The surname at ``span`` as a mention of ``person``, unless it is part of another name or a street."""
    start, end = span
    if taken.overlaps(start, end):
        return
    before = re.search(r"([^\W\d_]+)[ \t]+$", text[max(0, start - 30) : start])
    if before and before.group(1).lower() in lex.prefixes:
        return  # "via Rossi"
    if before and before.group(1)[0].isupper():
        low = before.group(1).lower()
        if low in own:
            start -= len(before.group(0))
        elif low not in STOP_WORDS and low not in lex.not_name:
            return  # another name: "Anna Rossi"
    following = re.match(rf"[ \t]+([{_UP}][{_LO}]+)", text[end : end + 30])
    if following and following.group(1).lower() not in lex.not_name:
        return
    person.spans.append((start, end))
    taken.add(start, end)
