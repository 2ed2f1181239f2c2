"""What the words around a date say: its kind, place, what happens, its snippet."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractor.lexicon import alternation, load, phrase_alternation
from extractor.recognizers.legal_refs import act_names

# Between an act's name and its date stand only its number and issuer
# ("D.G.R. n. XII/2167 del", "delibera del Consiglio di Amministrazione n. 7 del").
_CITATION_GAP = re.compile(r"[\w.'’ /°,-]{0,60}")
# A year in that gap followed by more than "del" ("Legge 9 dicembre 1998, n. 431, rende noto che dal …",
# "L.R. n. 12/2008, le domande … dal"): the citation was complete before the date, which belongs to the
# sentence going on. "decreto n. 45/2019 del 3 maggio 2019" is still one citation.
_YEAR_IN_GAP = re.compile(r"(?:(?<![\w])(?:19|20)\d\d|/\d{2})(?!\d)(?![\s,]*(?:del|dell['’]|in\s+data)?\s*$)")
# The official journals acts are published in.
_GAZETTE = re.compile(r"\b(?:gazzetta|g\.\s?u\.|b\.?u\.?r\.?|burl?|bollettino)", re.I)
# Words that bound a window right before its date: "al", "fino al", "alle ore 12 del", "dalle ore 9 di".
_WINDOW_BOUND = re.compile(
    r"\b(?:(?P<opens>dalle)|al|fino\s+al|sino\s+al|alle|fino\s+alle)"
    r"(?:\s+ore\s+\d{1,2}(?:[.:]\d{2})?\s+(?:del|di)(?:\s+giorno)?)?\s*$",
    re.I,
)
# The opening of a window before its end: "dal 3 marzo al …", "a partire dal 1° giugno e fino al …".
_WINDOW_OPENS = re.compile(r"\b(?:dal|dall['’]|a\s+partire\s+dal)\s+\d", re.I)
# The number of a paper that is no act (a note, a minute, a letter) right before its date: "nota prot. n.
# 31877 del", "Verbale n. 3 del", "prot. 4521/2025 del".
_NUMBERED_PAPER = re.compile(
    r"\b(?:prot(?:ocollo)?\.?\s*(?:n(?:\.|°|r\.?|umero)?\s*)?|n(?:\.|°|r\.)\s*)[\w/.-]*\d[\w/.-]*\s+"
    r"(?:del|dell['’]|in\s+data)\s*$",
    re.I,
)
_LEGAL_AFTER = re.compile(r"^\s*,?\s*(?:n\.|n°|nr\.|numero)\s*\d", re.I)
_PAST = re.compile(
    r"\b(?:è|sono|era|erano|fu|furono)\s+stat[oaie]\b|\bsi\s+(?:è|sono|era|erano)\s+\w+\b"
    r"|\b(?:ha|hanno|aveva|avevano|abbiamo|era|erano)\s+\w+[aiu]t[oaie]\b",
    re.I,
)
# "scorso" after a date, or after the last of dates joined by "e": "del 12 dicembre e del 17 gennaio scorsi".
_PAST_AFTER = re.compile(
    r"(?:[ \t]+(?:e|ed)[ \t]+(?:(?:il|del|dal|al)[ \t]+|l['’])?\d{1,2}°?[ \t]+[a-zà-ù]+)*"
    r"[ \t]*,?[ \t]+(?:scors[oaie]|u\.[ \t]?s\.)(?!\w)",
    re.I,
)
_LEADING_PREPOSITION = (
    r"^(?:(?:presso|c/o|nella|nelle|nel|negli|al|alla|allo|ai|alle|all['’]|in|a|on)\s*)+"
    # A lower-case article goes too; a capitalised one is part of a name ("La Filanda").
    r"(?-i:(?:il|lo|la|i|gli|le)\s+|l['’]\s*)?"
)
_CLAUSE_BREAK = re.compile(r"[,;:()\n]|\b(?:che|e|ed|ma|per)\b(?=\s)")
_VERBISH = re.compile(
    r"\b(?:è|sono|si|sarà|saranno|previst[oaie]|in programma|avrà|avranno|del giorno|per il giorno|il giorno"
    r"|che|cui|il quale|la quale)\b",  # "l'incontro del Tavolo che si terrà": the relative clause tells when
    re.I,
)


# "dal 5 marzo presso la sede": the bound of a span (an exhibition, an opening), not an occasion.
_SPAN_BOUND = re.compile(r"\b(?:dal|dall['’]|a\s+partire\s+dal|al|fino\s+al|sino\s+al)\s*$", re.I)
_GENERIC_PLACE_CUES = frozenset({"al", "alla", "allo", "all'", "nel", "nella"})


@cache
def _words() -> dict:
    return load("date_context")


@cache
def _cue_re(kind: str) -> re.Pattern[str]:
    cues = _words()["kinds"][kind]
    return re.compile(rf"(?<![\w])(?:{alternation(cues)})", re.I)


@cache
def _subject_deadline_re() -> re.Pattern[str]:
    nouns = phrase_alternation(_words()["kinds"]["scadenza_subject"])
    return re.compile(
        rf"(?<![\w])(?:{nouns})\b(?P<what>[^.;:]{{0,90}}?)\s(?:è|e['’]|sarà|resta|rimane)(?:\s+(?:fissat[oa]|stabilit[oa]))?"
        r"\s+(?:(?:per\s+)?il|al|alle|a)?\s*(?:giorno\s+)?$",
        re.I,
    )


@dataclass(frozen=True)
class Context:
    kind: str
    cue_start: int | None  # where the words that decided the kind begin
    legal: bool  # the date belongs to the citation of an act or its publication


def has_cue(kind: str, text: str) -> bool:
    """True when ``text`` holds a cue of ``kind``."""
    return bool(_cue_re(kind).search(text))


def _last_cue(kind: str, text: str, start: int, end: int) -> int | None:
    hits = list(_cue_re(kind).finditer(text, start, end))
    return hits[-1].start() if hits else None


def classify(
    text: str, sentence: tuple[int, int], start: int, end: int, timed: bool, date_start: int | None = None
) -> Context:
    """The kind of a date from the words before (and just after) it.

    ``start`` is where the date begins with the time before it, if any ("ore 12 del 5 maggio"), ``date_start``
    where the date itself does: a deadline's cue may run into that time ("fino alle ore 12 del …").
    """
    win = _words()["windows"]

    def window(kind: str) -> int:
        return max(sentence[0], start - win[kind])

    after_end = min(sentence[1], end + win["after"])
    if (cue := _last_cue("scadenza", text, window("scadenza"), max(start, date_start or start))) is not None:
        return Context("scadenza", cue, False)
    if _cue_re("scadenza_after").search(text, end, after_end):
        return Context("scadenza", None, False)
    if (cue := _deadline_subject(text, sentence, start)) is not None:
        return Context("scadenza", cue, False)
    closing = _last_cue("closing", text, window("scadenza"), start)
    if closing is not None and _cue_re("submission").search(text, sentence[0], sentence[1]):
        return Context("scadenza", closing, False)
    # "le domande vanno presentate dal 1° marzo al 15 aprile", "dalle ore 9 del 3 giugno alle ore 12 del 5
    # luglio": a window's end is a deadline, its opening a date of its own.
    bound = _WINDOW_BOUND.search(text, max(sentence[0], start - 40), start)
    if bound and (cue := _last_cue("submission", text, sentence[0], start)) is not None:
        return Context("altro" if bound.group("opens") else "scadenza", cue, False)
    # The window first, what it is for after: "dal 3 marzo al 4 aprile i cittadini possono presentare domanda".
    if (
        bound
        and not bound.group("opens")
        and _WINDOW_OPENS.search(text, max(sentence[0], start - 60), start)
        and _cue_re("submission").search(text, end, min(sentence[1], end + win["after"] * 3))
    ):
        return Context("scadenza", None, False)
    # A publication date and an act's own date often share a sentence: the
    # nearer of the two cues decides.
    published = _last_cue("altro", text, window("altro"), start)
    # An act's date carries no time: "il regolamento verrà presentato il 5 marzo alle ore 17" is an event.
    act_start = None if timed else _act_before(text, max(sentence[0], start - 80), start)
    if published is not None and (act_start is None or published > act_start):
        # "pubblicata sul BURL del …" or after an act belongs to a citation; "Pubblicato il …"
        # on its own is the page's own date, a reference for the dates around it.
        cited = act_start is not None or bool(_GAZETTE.search(text, published, start))
        return Context("altro", published, cited)
    if act_start is not None or _LEGAL_AFTER.match(text[end : end + 12]):
        return Context("firma", act_start, True)
    if _NUMBERED_PAPER.search(text, max(sentence[0], start - 40), start):
        return Context("altro", None, False)  # "convocata con nota prot. n. 31877 del 13/06/2025": a paper's date
    if (cue := _last_cue("firma", text, window("firma"), start)) is not None and not _bounds_a_span_after(
        text, cue, start
    ):
        return Context("firma", cue, False)
    # A meeting at an hour ("l'Assemblea, riunita martedì 17 dicembre alle ore 18.00 presso …, ha approvato
    # il Piano") is an event, whatever it decided.
    if (
        timed
        and (cue := _last_cue("evento", text, window("evento"), start)) is not None
        and not _procedure_step(text, cue)
    ):
        return Context("evento", None, False)
    if _cue_re("firma").search(text, end, after_end):
        return Context("firma", None, False)
    if _opens_a_signing(text, sentence, start, end):
        return Context("firma", None, False)
    if _cue_re("decision").search(text, end, min(sentence[1], end + win["decision"])):
        return Context("firma", None, False)
    if timed or (
        place_follows(text, sentence, end) and not _SPAN_BOUND.search(text, max(sentence[0], start - 20), start)
    ):
        # "Martedì 12 marzo, nella sala consiliare, il Comune e i sindacati hanno sottoscritto l'accordo": the
        # day and place of a signing told at the head of its sentence.
        if _cue_re("firma").search(text, end, sentence[1]):
            return Context("firma", None, False)
        return Context("evento", None, False)
    if _last_cue("period", text, window("period"), start) is not None:
        return Context("altro", None, False)
    if (cue := _last_cue("evento", text, window("evento"), start)) is not None:
        return Context("altro", None, False) if _procedure_step(text, cue) else Context("evento", cue, False)
    if _cue_re("evento").search(text, end, after_end):
        return Context("evento", None, False)
    return Context("altro", None, False)


def _opens_a_signing(text: str, sentence: tuple[int, int], start: int, end: int) -> bool:
    """Whether the date opens its sentence and the sentence tells a signing, with no other figure before its
    verb: "Il 18 gennaio 2024 lo SPI CGIL, la FNP CISL e la UILP UIL hanno sottoscritto …", however long the
    subject between."""
    if len(text[sentence[0] : start].split()) > 2:
        return False
    signed = _cue_re("firma").search(text, end, sentence[1])
    return signed is not None and not re.search(r"\d", text[end : signed.start()])


def _bounds_a_span_after(text: str, cue: int, start: int) -> bool:
    """Whether the date opens or closes a span set after the signing cue: "24 mesi a decorrere dalla
    sottoscrizione, presumibilmente dal 1° giugno 2025 al 31 maggio 2027" is a period, not the signing."""
    signing = _cue_re("firma").match(text, cue)
    bound = _SPAN_BOUND.search(text, max(cue, start - 20), start)
    return bool(signing and bound and bound.start() >= signing.end())


@cache
def _procedure_re() -> re.Pattern[str]:
    verbs = alternation([c for c in _words()["kinds"]["evento"] if c.startswith(("si ", "avrà", "in programma"))])
    steps = phrase_alternation(_words()["kinds"]["procedure"])
    return re.compile(rf"(?:{verbs})\s+(?:(?:il|la|lo|i|le|gli)\s+|l['’]\s*)?(?:{steps})", re.I)


def _procedure_step(text: str, cue: int) -> bool:
    """True when the event verb at ``cue`` has a step of a procedure as its subject ("si svolgerà la selezione")."""
    return bool(_procedure_re().match(text, cue))


def _deadline_subject(text: str, sentence: tuple[int, int], start: int) -> int | None:
    """Where "il termine … sarà il" begins when it leads to the date."""
    lead_start = max(sentence[0], start - 160)
    m = _subject_deadline_re().search(text[lead_start:start])
    return lead_start + m.start() if m else None


def _act_before(text: str, window_start: int, start: int) -> int | None:
    """Where the name of the act a date belongs to begins ("legge 8 novembre 2000"), if it does."""
    hits = list(act_names().finditer(text, window_start, start))
    if (
        hits
        and _CITATION_GAP.fullmatch(text, hits[-1].end(), start)
        and not _YEAR_IN_GAP.search(text[hits[-1].end() : start])
    ):
        return hits[-1].start()
    return None


def reported_as_past(text: str, sentence: tuple[int, int], start: int, end: int) -> bool:
    """True when the clause before the date (``text[start:end]``) tells something done, or "scorso" follows it;
    never for a deadline, which lies ahead of the undertaking that sets it ("si è impegnato a convocare entro
    il 31 maggio")."""
    if _DEADLINE_BEFORE.search(text, max(sentence[0], start - 20), start):
        return False
    return bool(_PAST.search(text, sentence[0], start) or _PAST_AFTER.match(text, end, sentence[1]))


_DEADLINE_BEFORE = re.compile(r"\b(?:entro|non oltre)(?:[ \t]+(?:il|l['’]|la|le|lo))?[ \t]*\Z", re.I)


def find_place(text: str, sentence: tuple[int, int], after: int) -> tuple[str, int] | None:
    """Where an event happens, from the words following its date and time."""
    words = _words()["place"]
    rest = text[after : sentence[1]]
    cue = _place_cue_re().match(rest)
    if not cue or cue.start("cue") > 25:
        return None
    body = rest[cue.end() :]
    generic = cue.group("cue").lower() in _GENERIC_PLACE_CUES
    nouns = alternation(words["nouns"])
    if generic and not (body[:1].isupper() or re.match(rf"(?:{nouns})\b", body, re.I)):
        return None
    address = alternation(words["address"])
    # Stop at a comma (unless an address or house number follows), at the end
    # of the clause, or where a lower-case verb phrase takes over.
    stop = re.search(
        rf",(?!\s*(?i:in\s+)?(?i:{address})\b|\s*\d)|[.;:\n]\s|\s(?:e|ed|per|con|dove|che|si|sarà|saranno)\s(?=[a-zà-ù])"
        # … unless a capitalised name goes on the venue's: "Centro per le Famiglie", "Casa per l'Accoglienza".
        r"(?!(?:il|lo|la|i|gli|le|l['’])\s*[A-ZÀ-Ý])"
        r"|\s[-–]\s(?=[a-zà-ù])",
        body,
    )
    place = body[: stop.start() if stop else len(body)].strip(" ,.;:")
    if not place or len(place) > 140:
        return None
    # "nella sala del Carmine" -> "sala del Carmine", "presso La Filanda" -> "La Filanda".
    place = re.sub(_LEADING_PREPOSITION, "", f"{cue.group('cue')} {place}", flags=re.I).strip()
    end = after + cue.end() + (stop.start() if stop else len(body))
    return place, end


@cache
def _place_cue_re() -> re.Pattern[str]:
    # A second session's time may stand between the first and the venue: "ore 17.00 e ore 18.30, presso …".
    more_times = r"(?:(?:e|ed|o)?\s*(?:alle\s+|ore\s+)?\d{1,2}[.:]\d{2}[\s,]*)*"
    return re.compile(rf"[\s,]*{more_times}(?P<cue>{alternation(_words()['place']['cues'])})(?![\w])\s*", re.I)


def place_follows(text: str, sentence: tuple[int, int], end: int) -> bool:
    """True when a venue follows the date ("12 dicembre al parco di Monte Claro", "presso la Sala…").

    After a bare "al/alla/nel…" only a place noun counts: a capitalised name may be the
    addressee of a sending ("inviato il 5 marzo alla Regione").
    """
    found = find_place(text, sentence, end)
    if found is None:
        return False
    cue = _place_cue_re().match(text, end, sentence[1])
    if cue is None or cue.group("cue").lower() not in _GENERIC_PLACE_CUES:
        return True
    return bool(re.match(rf"(?:{alternation(_words()['place']['nouns'])})\b", text[cue.end() : sentence[1]], re.I))


def find_what(text: str, sentence: tuple[int, int], start: int, end: int, context: Context) -> str | None:
    """A short description of what happens or is due on the date, when the sentence says it."""
    if context.kind == "evento":
        return _event_phrase(text, sentence, start, end)
    if context.kind == "scadenza" and context.cue_start is not None:
        if subject := _subject_deadline_re().match(text[context.cue_start : start]):
            # "il termine per la presentazione delle istanze sarà il": what follows the noun.
            return re.sub(r"^(?:per|di)\s+", "", subject.group("what").strip(" ,"), flags=re.I) or None
        clause_start = sentence[0]
        for m in _CLAUSE_BREAK.finditer(text, sentence[0], context.cue_start):
            clause_start = m.end()
        words = text[clause_start : context.cue_start].split()
        phrase = " ".join(words[-10:]).strip(" ,;:")
        return phrase or None
    if context.kind == "firma" and not context.legal:
        acts = alternation(_words()["what"]["acts"])
        hits = list(
            re.finditer(
                rf"(?<![\w])(?:{acts})\b(?:\s+(?:d['’]\s*|di\s+|del\s+)?\w+){{0,2}}",
                text[max(sentence[0], start - 120) : start],
                re.I,
            )
        )
        if hits:
            phrase = re.split(
                r"\s+(?:sottoscritt|firmat|siglat|approvat|adottat|stipulat)\w*", hits[-1].group(), flags=re.I
            )[0]
            return phrase.strip() or None
    return None


def _event_phrase(text: str, sentence: tuple[int, int], start: int, end: int) -> str | None:
    nouns = [c for c in _words()["kinds"]["evento"] if " " not in c]
    pattern = re.compile(rf"(?<![\w])(?:{alternation(nouns)})\w*", re.I)
    hits = list(pattern.finditer(text, max(sentence[0], start - 200), start)) or list(
        pattern.finditer(text, end, sentence[1])
    )
    if not hits:
        return None
    hit = hits[-1] if hits[-1].start() < start else hits[0]
    tail = text[hit.start() : min(sentence[1], hit.start() + 120)]
    cut = _VERBISH.search(tail, len(hit.group()))
    comma = re.search(r"[,;:(\n]", tail)
    stops = [x for x in (cut.start() if cut else None, comma.start() if comma else None) if x]
    phrase = tail[: min(stops)] if stops else tail
    words = phrase.split()[:8]
    return " ".join(words).strip(" ,.;:") or None


def snippet(text: str, sentence: tuple[int, int], start: int, end: int) -> str:
    """The words that state the dated item, within its sentence."""
    start, end = max(start, sentence[0]), min(end, sentence[1]) if end <= sentence[1] else end
    return " ".join(text[start:end].split())
