"""Commitments: sentences and list items that undertake something or state an aim.

A unit (a sentence or list item, joined again when the layout cut it) is a
commitment when one of these holds, with the word lists of
``data/commitments.toml``:

- a subject undertakes or intends ("si impegnano a", "intende avviare",
  "si propone di", "ha deliberato … di dare avvio", "conferma il proprio
  impegno"), or a named subject does one of the action verbs in the present
  ("Il Comune promuove");
- a main-clause future says what will be done ("saranno promossi", "si
  interverrà"), unless it announces an event or an effect;
- it states an aim ("obiettivo è", "le finalità sono", "è finalizzato a",
  "tra gli obiettivi"), or opens with an action verb ("Creare una rete …");
- it is an item of a list introduced as objectives or undertakings.

Not commitments: premises, needs ("è necessario rafforzare"), results
("Attivato il progetto"), relative clauses ("la legge, che promuove …").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from extractor.lexicon import alternation, italian_lemmas, load, phrase_alternation
from extractor.nlp import Analysis, Token, get_pipeline
from extractor.recognizers import work_areas
from extractor.recognizers.categories import categorize
from extractor.recognizers.dates.words import calendar, weekday_re
from extractor.sentences import (
    CELL_SEPARATOR,
    FIELD_LABEL,
    NUMBERED_LABEL,
    OPEN_WORDS,
    SECTION_NUMBER,
    is_table_row,
    layout_line,
    line_around,
    list_marker_end,
    unnumbered,
)
from models import Commitment, Party

Span = tuple[int, int]

# Scraped pages open with a "date YYYY-MM" stamp before the first sentence.
_DATE_STAMP = re.compile(r"\s*date \d{4}-\d{2}\b\s*")
# A press release's dateline before its first sentence: "Sulmona, 24 gennaio –".
_DATELINE = re.compile(r"[A-ZÀ-Ý][\w'’ ]{1,40},\s*\d{1,2}\s+[a-zà-ù]+(?:\s+\d{4})?\s*[-–—]\s*")
_EDGE = "\"'“”«»*_ \t\n"
_END = re.compile(r"[.;:!?…][\"'”’»)*\s]*$")
# A line that ends with one of these words goes on in the next one.
_RELATIVE = frozenset({"che", "cui", "quale", "quali", "chi", "ove", "dove", "quanti", "quante", "coloro"})
# Words that may stand between a relative pronoun or a subject and its verb.
_CLITICS = frozenset({"si", "non", "ne", "ci", "vi", "lo", "la", "li", "le", "inoltre", "anche", "altresì", "pertanto"})
_ARTICLES = frozenset({"il", "lo", "la", "i", "gli", "le", "un", "una", "uno", "l'", "l’", "del", "della", "dei"})
_INFINITIVE_END = re.compile(r"(?:are|ere|ire|rre)$")
# Endings of past participles, irregular ones too ("aperto", "concluso", "scelto", "spento"); the lemma decides.
# (A final -e only after the regular endings: "parte", "presente" are a present and an adjective.)
_PARTICIPLE_ENDING = re.compile(r"(?:at|it|ut|st|ss|s|tt|lt|rt|nt)[oai]$|(?:at|it|ut|ost|ess|es|tt|lt)e$")
# An infinitive with a clitic loses its final e: "incontrarsi", "attuarne", "promuoverlo".
_CLITIC_INFINITIVE = re.compile(r"^(.{2,}(?:ar|er|ir|rr))(?:si|ne|lo|la|li|le|ci|vi|gli|mi|ti)$")
_PAST = re.compile(r"\b(?:è|e'|sono|era|erano) stat[oaie]\b|\b(?:ha|hanno) \w+(?:at|ut|it)[oaie]\b")
# Endings tested on every word of a text, so with ``str.endswith`` rather than a pattern.
_PARTICIPLE_STEMS = ("at", "it", "ut", "ost", "ess", "es", "tt", "lt")  # then -o, -a, -i, -e
_PRESENT_ENDINGS = ("a", "e", "ano", "ono", "isce", "iscono", "iamo")
_FUTURE_ENDINGS = ("rà", "ranno", "remo")


def _participle(word: str) -> bool:
    """A regular past participle's ending: "attivato", "previste", "concesso"."""
    return word[-1:] in ("o", "a", "i", "e") and word[:-1].endswith(_PARTICIPLE_STEMS)


# Prepositions after a reflexive verb that describe how something is made: "si sviluppa in", "lungo", "su".
_STRUCTURE_PREPOSITIONS = frozenset(
    {"in", "nei", "nelle", "negli", "lungo", "su", "sui", "sulle", "attorno", "intorno"}
)
# Words before a date that make it a deadline: "entro il", "non oltre il", "entro e non oltre".
_BY_DATE = re.compile(r"(?i)\b(?:entro|oltre)\s+(?:il\s+|l['’]\s*|la\s+)?(?:\d{1,2}°?\s+)?$")


@dataclass
class _Unit:
    start: int
    end: int
    item: str | None  # the list marker kind ("digit", "letter", "bullet") when a list item
    text: str
    cell: bool = False  # one cell of a table's row


@dataclass(frozen=True)
class _Lexicon:
    action: frozenset[str]
    intent: frozenset[str]
    intent_forms: frozenset[str]
    intent_phrases: dict[str, tuple[tuple[str, ...], ...]]  # by first word
    undertaking_nouns: dict[str, tuple[tuple[str, ...], ...]]  # by first word
    tasking_item: re.Pattern[str]
    confirmed: re.Pattern[str]
    confirming_words: frozenset[str]  # the longest word of each confirming form: a quick test before ``confirmed``
    establishing: dict[str, tuple[tuple[str, ...], ...]]  # by first word
    decision: frozenset[str]
    planning: frozenset[str]
    trigger_lemmas: frozenset[str]  # action, intent, decision and planning verbs
    future_ignore: frozenset[str]
    future_ignore_reflexive: frozenset[str]
    future_reflexive_only: frozenset[str]
    future_ignore_phrase: re.Pattern[str]
    need: re.Pattern[str]
    aim: re.Pattern[str]
    aim_start: re.Pattern[str]
    aim_is: re.Pattern[str]
    will: re.Pattern[str]
    list_head: re.Pattern[str]
    action_heading: re.Pattern[str]
    premise_head: re.Pattern[str]
    premise_end: re.Pattern[str]
    lead: re.Pattern[str]
    all_parties: frozenset[str]
    subject_nouns: frozenset[str]
    applicant: re.Pattern[str]
    plan_provides: re.Pattern[str]
    verbs: frozenset[str]
    purpose: re.Pattern[str]
    purpose_verbs: frozenset[str]
    pronouns: frozenset[str]
    not_infinitives: frozenset[str]
    procedure: re.Pattern[str]
    dated: re.Pattern[str]
    conjunctions: frozenset[str]
    speech: re.Pattern[str]
    describes: re.Pattern[str]
    value_nouns: frozenset[str]
    thanks: re.Pattern[str]
    page_chrome: re.Pattern[str]


@cache
def _clock() -> re.Pattern[str]:
    """A time, a day and month or a weekday: what makes a future sentence announce an event."""
    months = alternation([forms[0] for forms in calendar()["months"].values()])
    return re.compile(
        rf"\b(?:ore|alle|dalle)\s+\d{{1,2}}(?:[.:]\d{{2}})?\b|\b\d{{1,2}}\s+(?:{months})\b|\b{weekday_re()}\b", re.I
    )


# A date followed by its year and an act's number dates a cited act ("D.L. 4 maggio 2023, n. 48"), not an event.
_ACT_NUMBER_AFTER = re.compile(r"\s+\d{4}\s*,?\s*(?:n\.|n°|nr\.?|numero)\s*\d", re.I)


def _event_time(text: str) -> re.Match[str] | None:
    """The first time, day or weekday in ``text`` that may date an event: not the date of an act it cites."""
    return next((m for m in _clock().finditer(text) if not _ACT_NUMBER_AFTER.match(text, m.end())), None)


@cache
def _lexicon() -> _Lexicon:
    w = load("commitments")["commitments"]
    aim = alternation(w["aim_nouns"])
    quello = alternation(w["aim_nouns"] + w["aim_quello_nouns"])
    return _Lexicon(
        action=frozenset(w["action_verbs"]),
        intent=frozenset(w["intent_verbs"]),
        intent_forms=frozenset(w["intent_forms"]),
        intent_phrases=_by_first_word(w["intent_phrases"]),
        undertaking_nouns=_by_first_word(w["undertaking_noun_phrases"]),
        tasking_item=re.compile(rf"(?:{alternation(w['tasking_items'])})\b", re.I),
        # The confirming form, then within a few words one of the measures it keeps.
        confirmed=re.compile(
            rf"\b(?:{phrase_alternation(w['confirming_forms'])})\b(?=(?:\W+\w+){{0,6}}?\W+"
            rf"(?:{alternation(w['confirmed_measures'])})\b)"
            rf"|\b(?:{alternation(w['confirmed_measures'])})\b(?:\W+\w+){{0,6}}?\W+"
            rf"(?:{phrase_alternation([f for f in w['confirming_forms'] if ' ' in f])})\b"
        ),
        confirming_words=frozenset(max(form.split(), key=len) for form in w["confirming_forms"]),
        establishing=_by_first_word(w["establishing_phrases"]),
        decision=frozenset(w["decision_verbs"]),
        planning=frozenset(w["planning_verbs"]),
        trigger_lemmas=frozenset(w["action_verbs"] + w["intent_verbs"] + w["decision_verbs"] + w["planning_verbs"]),
        future_ignore=frozenset(w["future_ignore"]),
        future_ignore_reflexive=frozenset(w["future_ignore_reflexive"]),
        future_reflexive_only=frozenset(w["future_reflexive_only"]),
        future_ignore_phrase=re.compile(alternation(w["future_ignore_phrases"])),
        need=re.compile(rf"(?<!\w)(?:{alternation(w['need_phrases'])})(?!\w)"),
        # "obiettivo è", "le finalità primarie sono", "l'idea alla base … è quella di"
        aim=re.compile(
            # The aim's own verb, not a relative clause's: "le azioni che saranno realizzate" states no aim.
            rf"(?<!\w)(?:(?:{aim})(?:\s+(?!che\b|cui\b)\w+){{0,6}}?\s+(?:è|e'|sono|sarà|saranno|consiste|consistono)"
            rf"(?!\w)(?!\s+stat)"
            rf"|(?:{quello})\b[^.;:]{{0,80}}\b(?:è|sarà) quell[oa] di"
            rf"|(?:è|sono|costituisce|costituiscono|rappresenta)\s+(?:l['’]|gli |il |lo |la |le |uno degli |tra gli |"
            rf"fra gli |alcuni degli |tra i |fra i )?(?:{aim})(?!\w)"
            rf"|(?:tra|fra) (?:gli|i|le) (?:{aim})(?!\w)"
            rf"|(?:ha|hanno|avrà|avranno) (?:lo scopo|la finalità|l['’]obiettivo|come obiettivo|come finalità) d"
            rf"|(?:è|sono|sarà|saranno) finalizzat[oaie]"
            # "persegue tre obiettivi strategici: rafforzare la rete, ridurre …": aims listed as actions
            rf"|(?:{aim})(?:\s+[\w'’]+){{0,3}}?[ \t]*:[ \t]*[a-zà-ù]+(?:are|ere|ire)(?!\w)"
            rf"|si pon(?:e|gono) (?:l['’]obiettivo|come obiettivo|l['’]intento))"
        ),
        aim_start=re.compile(rf"^(?:(?:l['’]|la |le |lo |gli |il |i |un )?(?:{aim}))(?!\w)"),
        aim_is=re.compile(rf"^(?:sono|questi sono|ecco|tali sono)\b.{{0,40}}\b(?:{aim})(?!\w)"),
        will=re.compile(
            rf"(?:(?:{alternation(w['will_nouns'])})\b[^.;:]{{0,80}}?\b(?:di|a|ad) (?:non )?\w+(?:are|ere|ire)\b"
            r"|(?:conferma|confermano|ribadisce|ribadiscono|rinnova|rinnovano|assume|assumono)\s+"
            r"(?:il proprio |i propri |l['’]|un |il |gli |comune )?impegn"
            r"|(?:resta|rimane) (?:inteso|stabilito) che(?![^.]*\bnon\b))"
        ),
        list_head=re.compile(rf"(?<!\w)(?:{alternation(w['list_heads'])})(?!\w)"),
        action_heading=re.compile(rf"(?:{alternation(w['action_headings'])})[ \t]*:?"),
        premise_head=re.compile(rf"^(?:{alternation(w['premise_heads'])})(?!\w)"),
        premise_end=re.compile(alternation(w["premise_ends"])),
        lead=re.compile(rf"^(?:(?:{alternation(w['lead_adverbials'])})\s*,?\s*)+", re.I),
        all_parties=frozenset(w["all_parties"]),
        subject_nouns=frozenset(w["subject_nouns"]),
        applicant=re.compile(rf"(?<!\w)(?:{alternation(w['applicant_words'])})(?!\w)"),
        # "Il nuovo Piano prevede l'apertura di …", "Nel dettaglio, il protocollo prevede:", "Cosa prevede
        # l'accordo:", but not "la legge prevede che …"
        plan_provides=re.compile(
            r"^(?:[a-zà-ù'’ ]{2,25},\s*)?"
            rf"(?:(?:il|lo|la|l['’]|i|gli|le|questo|questa|tale)\s*(?:\w+\s+)?(?:{alternation(w['plan_nouns'])})\b"
            # A clause may come first ("Il documento conferma l'esenzione fino a 15.000 euro e prevede …").
            r"(?:[^.;:]|(?<=\d)\.(?=\d)){0,120}?\bpreved(?:e|ono|rà|ranno)\b(?!\s+che\b)"
            r"|(?:(?:che\s+)?cosa\s+)?preved(?:e|ono|rà|ranno)\s+(?:il|lo|la|l['’]|i|gli|le|questo|questa|tale)\s*"
            rf"(?:\w+\s+)?(?:{alternation(w['plan_nouns'])})\b[^.;]{{0,60}}:)"
        ),
        verbs=frozenset(w["action_verbs"] + w["intent_verbs"] + w["decision_verbs"] + w["agreeing_verbs"]),
        purpose=_purpose_pattern(w),
        purpose_verbs=frozenset(w["action_verbs"] + w["purpose_verbs"]),
        pronouns=frozenset(w["participle_like_pronouns"]),
        not_infinitives=frozenset(w["infinitive_like_words"]),
        procedure=re.compile(rf"(?<!\w)(?:{phrase_alternation(w['procedure_words'])})(?!\w)"),
        # "In data 15 dicembre 2003 il Comune … rinnova": a present that narrates a dated past act.
        dated=re.compile(rf"(?<!\w)(?:{phrase_alternation(w['dated_openers'])})\s+\d"),
        conjunctions=frozenset(w["conjunctions"]),
        speech=_speech_pattern(w),
        value_nouns=frozenset(w["value_nouns"]),
        thanks=re.compile(rf"^(?:{alternation(w['thanks_openers'])})(?!\w)"),
        page_chrome=re.compile(rf"(?<!\w)(?:{phrase_alternation(w['page_chrome'])})(?!\w)"),
        describes=re.compile(rf"(?<!\w)(?:{phrase_alternation(w['descriptive_predicates'])})(?!\w)"),
    )


def _speech_pattern(w: dict[str, list[str]]) -> re.Pattern[str]:
    """A speaker's attribution set between dashes inside a quotation: "… – ha dichiarato il sindaco X – …"."""
    return re.compile(
        rf"\s[-–—]\s+(?:(?:ha|hanno)\s+)?(?:{alternation(w['speech_verbs'])})\b[^-–—\n.]{{0,300}}?\s[-–—]\s+"
    )


def _purpose_pattern(w: dict[str, list[str]]) -> re.Pattern[str]:
    """Phrases that say what something is for; group ``verb`` is the infinitive that must follow, when one must."""
    quote = r"[«\"“‘']?"
    of = r"d(?:i|el|ello|ella|ei|egli|elle|ell['’])"
    to = r"a(?:d|l|llo|lla|i|gli|lle|ll['’])?"
    return re.compile(
        rf"(?<!\w)(?:"
        rf"(?:{phrase_alternation(w['purpose_phrases'])})(?:\s+\w+)?\s+{of}(?!\w)"
        rf"|(?<=,\s)finalizzat[oaie]\s+{to}(?!\w)"
        rf"|(?:{alternation(w['aim_nouns'])})(?:\s+[\w']+){{0,2}}?\s+di\s+{quote}(?P<aim>\w+)"
        rf"|(?:{alternation(w['purpose_links'])})\s+ad?\s+{quote}(?P<link>\w+)"
        rf"|\bche\s+(?:si\s+)?(?:{alternation(w['relative_intent'])})\s+(?:a\s+|ad\s+|di\s+)?(?P<rel>\w+)"
        rf"|\bper\s+{quote}(?P<per>\w+)"
        rf")"
    )


@cache
def _lemma_of_lower(word: str) -> str:
    """The lemma of a lower-cased word: the lookup tables leave capitalised words ("Saranno") as they are."""
    nlp = get_pipeline()
    # Only what lemmas need: a parser or NER of an installed model would cost for nothing here.
    with nlp.select_pipes(disable=[name for name in ("parser", "ner") if name in nlp.pipe_names]):
        doc = nlp(word)
    return doc[0].lemma_.lower() if len(doc) == 1 and doc[0].lemma_ else word


def _lemma(token: Token) -> str:
    """The token's lemma, lower case, also for capitalised words."""
    if token.lemma == token.text and token.text[:1].isupper():
        return _lemma_of_lower(token.text.lower())
    return token.lemma.lower()


@cache
def _infinitives() -> frozenset[str]:
    """The infinitives among the lemmas of the Italian lookup table."""
    return frozenset(lemma for lemma in set(italian_lemmas().values()) if _INFINITIVE_END.search(lemma))


def _is_infinitive(word: str) -> bool:
    """Whether ``word`` (lower case) is an infinitive, with or without a clitic ("favorire", "incontrarsi").

    A clitic form counts only when its infinitive is a known verb: "diversi" and "scarsi" end alike.
    """
    if _INFINITIVE_END.search(word):
        return True
    clitic = _CLITIC_INFINITIVE.match(word)
    return clitic is not None and clitic.group(1) + "e" in _infinitives()


def _is_participle(word: str) -> bool:
    """Whether ``word`` (lower case) is a past participle ("attivato"), not a noun that ends like one ("oggetto")."""
    lemma = _lemma_of_lower(word)
    # "resta", "costa" are the present of restare, costare: the verb's stem and a vowel.
    return bool(_PARTICIPLE_ENDING.search(word) and _INFINITIVE_END.search(lemma)) and word[:-1] != lemma[:-3]


def _clean(text: str) -> str:
    """Text of a unit without emphasis marks, quotes at its edges and layout breaks."""
    text = re.sub(r"\*+|_{2,}", "", text)
    return " ".join(text.strip(_EDGE).split())


def _marker_kind(marker: str) -> str:
    """The kind of a list marker, so that a sub-list ("1.") under a bullet is told apart."""
    m = marker.strip()
    if m == "o":
        return "bullet"
    if m[:1].isdigit():
        return "digit"
    if re.fullmatch(r"[IVX]{1,4}[.)]", m):
        return "roman"
    if m[:1].isalpha():
        return "letter"
    return "bullet"


# The most words of a line of names in capitals that a layout cut from the line above.
_CUT_NAMES_WORDS = 3


def _long_piece(piece: str, gap: str) -> bool:
    """A piece longer than a heading, not in capitals nor under a section number ("3.1 Rafforzare la rete …"),
    then a single line break: a sentence the layout cut after a full line. A short last line ended where its
    writer ended it, as the cells of a table set one per line ("Area di programmazione" over "Obiettivo
    specifico 2024"), unless it is a few names in capitals cut from a full line ("… dei pensionati" over "CGIL
    CISL" over "UIL si impegnano")."""
    lines = piece.split("\n")
    if gap.count("\n") != 1 or SECTION_NUMBER.match(lines[-1].lstrip()):
        return False
    if len(lines[-1].split()) <= 8:
        names = lines[-1].isupper() and len(lines[-1].split()) <= _CUT_NAMES_WORDS
        if not (names and len(lines) > 1 and len(lines[-2].split()) > 8):
            return False
    letters = [c for c in piece if c.isalpha()]
    return not (letters and sum(c.isupper() for c in letters) > 0.7 * len(letters))


def _last_word(text: str) -> str:
    """The last word of ``text`` before any closing punctuation ("" if none), read from the end.

    What ``(\\w+)\\W*$`` finds, without the pattern's try at every word of a long sentence.
    """
    end = len(text)
    while end and not _is_word_char(text[end - 1]):
        end -= 1
    start = end
    while start and _is_word_char(text[start - 1]):
        start -= 1
    return text[start:end]


def _is_word_char(char: str) -> bool:
    """Whether ``char`` is what ``\\w`` matches in a pattern over ``str``."""
    return char.isalnum() or char == "_"


_SENTENCE_ARTICLE = re.compile(r"(?:Il|Lo|La|I|Gli|Le|Un|Uno|Una|L['’])(?=[\sA-ZÀ-Ý])")


# An article's label before its text on the same line: "Art. 1 - Le parti si impegnano …", "ARTICOLO 3. Il Comune …".
_ARTICLE_LABEL = re.compile(r"(?i:art(?:icolo)?\.?)[ \t]*\d{1,3}(?:[ \t]*(?i:bis|ter))?[ \t]*[-–—.:][ \t]+(?=[A-ZÀ-Ý])")
# An item's own number after its bullet: "1.1 – ", "2) ".
_ITEM_NUMBER = re.compile(r"[ \t]*\d{1,2}(?:\.\d{1,2})+[ \t]*[–—-][ \t]+|[ \t]*\d{1,2}[.)][ \t]+")


def _table_cells(text: str, spans: list[Span]) -> list[tuple[int, int, bool]]:
    """``spans`` with a table's rows ("Contrastare la povertà | Attivare il PIS | n. interventi") cut into their
    cells, each flagged as one: a cell states an objective, an action or a figure of its own."""
    out: list[tuple[int, int, bool]] = []
    for start, end in spans:
        if "\n" in text[start:end] or not is_table_row(text[start:end]):
            out.append((start, end, False))
            continue
        cell_start = start
        for separator in re.finditer(re.escape(CELL_SEPARATOR), text[start:end]):
            out.append((cell_start, start + separator.start(), True))
            cell_start = start + separator.end()
        out.append((cell_start, end, True))
    return out


def _runs_on(line: str) -> bool:
    """Whether the rest of a line is a sentence's, not a heading's: it ends like a sentence or runs too long."""
    return bool(_END.search(line)) or len(line.split()) > _HEADING_WORDS


def _units(analysis: Analysis) -> list[_Unit]:
    """Sentences and list items, joined again where the layout cut a sentence."""
    text = analysis.text
    spans: list[Span] = []
    for start, end in analysis.sentences:
        previous = spans[-1] if spans else None
        if previous is not None:
            prev_text = text[previous[0] : previous[1]]
            gap = text[previous[1] : start]
            cut = (
                not _END.search(prev_text)
                and gap.count("\n") <= 2
                and list_marker_end(text, start) is None
                and not layout_line(prev_text.rsplit("\n", 1)[-1])  # a page's number or running header ends it
            )
            lower_next = text[start : start + 1].islower()
            # A piece ending on a preposition goes on, unless a capitalised article opens a sentence after it
            # ("Condividi  f  in  ✉" over "Il Consorzio intende …": a page's share buttons).
            open_end = _last_word(prev_text).lower() in OPEN_WORDS and not _SENTENCE_ARTICLE.match(text, start)
            # A piece longer than a heading that stops mid-sentence at a single line break was
            # cut after a short wrapped line ("… sindacali CGIL CISL\nUIL si impegnano").
            # A record's fields, one per line ("Target: anziani" over "Risorse: FNA"), and a table's rows are
            # pieces of their own.
            fields = FIELD_LABEL.match(prev_text) is not None and FIELD_LABEL.match(text, start) is not None
            rows = is_table_row(prev_text) or is_table_row(line_around(text, start))
            # "Obiettivo 2 – Ridurre …" under "Obiettivo 1 – Potenziare …": the next item of a numbered series.
            series_item = NUMBERED_LABEL.match(text, start) is not None
            if (
                cut
                and not fields
                and not rows
                and not series_item
                and (lower_next or open_end or _long_piece(prev_text, gap))
            ):
                spans[-1] = (previous[0], end)
                continue
        spans.append((start, end))
    units = []
    text_start = len(text) - len(text.lstrip())  # nothing but white space before it
    for start, end, cell in _table_cells(text, _without_attributions(text, spans)):
        line_start = text.rfind("\n", 0, start) + 1
        marker_end = list_marker_end(text, line_start)
        item = None
        if marker_end is not None and marker_end >= start:
            item = _marker_kind(text[line_start:marker_end])
            start = marker_end
            numbered = _ITEM_NUMBER.match(text, start, end)
            start = numbered.end() if numbered else start  # "▪ 1.1 – Consolidamento …": the action's number
        if (label := _ARTICLE_LABEL.match(text, start, end)) and _runs_on(text[label.end() : end].split("\n", 1)[0]):
            start = label.end()  # "Art. 1 - Le parti si impegnano …", not "Art. 3 – Impegni del Comune" over its text
        if start <= text_start:
            stamp = _DATE_STAMP.match(text, start)
            if stamp:
                start = stamp.end()
            dateline = _DATELINE.match(text, start)
            if dateline:
                start = dateline.end()
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        if end > start:
            units.append(_Unit(start, end, item, _clean(text[start:end]), cell))
    return units


def _without_attributions(text: str, spans: list[Span]) -> list[Span]:
    """Spans cut where a quotation names its speaker between two sentences ("… – ha detto X – Vuole …").

    The attribution is left out of both.
    """
    speech = _lexicon().speech
    out: list[Span] = []
    for start, end in spans:
        for match in speech.finditer(text, start, end):
            if not text[match.end() : match.end() + 1].isupper():
                continue  # "Il Patto – ha spiegato X – è …": an aside inside one sentence
            out.append((start, match.start()))
            start = match.end()
        out.append((start, end))
    return out


def _before_clitics(tokens: list[Token], i: int) -> int:
    """The index of the word before the verb at ``i`` and its clitics ("che si impegnano": "che"); -1 if none."""
    j = i - 1
    while j >= 0 and tokens[j].text.lower() in _CLITICS:
        j -= 1
    return j


def _is_relative(tokens: list[Token], i: int) -> bool:
    """True when the verb at ``i`` stands in a relative clause ("che promuove"), not in what a decision states
    ("si concorda che saranno attivati …")."""
    j = _before_clitics(tokens, i)
    if j < 0 or tokens[j].text.lower() not in _RELATIVE:
        return False
    return not (tokens[j].text.lower() == "che" and j > 0 and _lemma(tokens[j - 1]) in _lexicon().decision)


# Prepositions that open a relative clause saying by what an act binds ("un documento con il quale si
# impegnano", "il patto in cui i Comuni si impegnano"), with the article or fused into it.
_BINDING_RELATIVE = re.compile(
    r"(?:con|in|per|tramite|mediante|attraverso)(?:\s+(?:il|la|i|le))?\s+(?:quale|quali|cui)"
    r"|(?:col|nel|nella|nei|nelle|coi)\s+(?:quale|quali)$"
)


def _binding_relative(tokens: list[Token], i: int) -> bool:
    """True when the verb at ``i`` follows a relative pronoun governed by a preposition: what the act the clause
    hangs on binds its parties to ("… sottoscritto un documento con il quale si impegnano a …")."""
    j = _before_clitics(tokens, i)
    words = " ".join(t.text.lower() for t in tokens[max(0, j - 2) : j + 1])
    return bool(_BINDING_RELATIVE.search(words)) and words.endswith(("quale", "quali", "cui"))


def _after_need(unit_text: str, tokens: list[Token], i: int, unit_start: int, lex: _Lexicon) -> bool:
    """True when a statement of need ("è necessario") governs the verb at ``i``."""
    before = unit_text[: max(0, tokens[i].start - unit_start)].lower()
    return bool(lex.need.search(before))


def _has_subject(tokens: list[Token], i: int, lex: _Lexicon) -> bool:
    """True when a named subject, not a noun the verb form could be an adjective of, stands before ``i``."""
    j = i - 1
    while j >= 0 and tokens[j].text.lower() in _CLITICS:
        j -= 1
    if j < 0 or tokens[j].text.lower() in _ARTICLES:
        return False  # "Il programma": a noun, not a verb
    if tokens[j].text == "," and (k := _parenthetical_start(tokens, j)) is not None:
        return _has_subject(tokens, k, lex)  # "Il Comitato, presieduto dal Sindaco, approva"
    word = tokens[j].text
    if word.lower() in lex.conjunctions:
        return False  # "Ed istituisce": a conjunction, the subject is elsewhere
    return (word[:1].isupper() and word.lower() not in _RELATIVE) or word.lower() in lex.subject_nouns or word == ")"


def _after_lead_only(tokens: list[Token], i: int, lex: _Lexicon) -> bool:
    """True when only a leading adverbial, and an impersonal "si", stand before the verb at ``i``.

    "Con il presente atto si approva …", "In particolare, promuove …": the
    subject is the act or the body the text is about.
    """
    j = i - 1 if i > 0 and tokens[i - 1].text.lower() == "si" else i
    if j == 0:
        return j < i  # "Si approva il piano", not a bare "Promuove" that may be a noun
    prefix = " ".join(t.text for t in tokens[:j])
    lead = lex.lead.match(prefix)
    return lead is not None and not prefix[lead.end() :].strip(" ,")


def _parenthetical_start(tokens: list[Token], comma: int) -> int | None:
    """The index of the comma that opens a participle's aside closed at ``comma`` ("…, composto da …,")."""
    for k in range(comma - 1, max(-1, comma - 25), -1):
        if tokens[k].text in {".", ";", ":"}:
            return None
        if tokens[k].text == ",":
            opener = tokens[k + 1].text.lower() if k + 1 < comma else ""
            return k if _participle(opener) and opener not in _CLITICS else None
    return None


# Marks after which a sentence, or a quotation in it, opens with a capital.
_OPENING_MARKS = frozenset({'"', "«", "“", "‘", "'", ":", "(", "-", "–", "—", "*"})
_PRIORITY = ("intent", "decision", "present", "future", "planning")


def _verb_trigger(tokens: list[Token], lex: _Lexicon) -> tuple[str, int] | None:
    """The verb that makes ``unit`` a commitment, undertakings before futures, with its kind and token index."""
    found = dict(_verb_triggers(tokens, lex))
    for kind in _PRIORITY:
        if kind in found:
            return kind, found[kind]
    return None


# Verbs by which an act binds others ("l'intesa impegna le parti a …"), and how far after them the infinitive of
# what it binds them to may come ("impegna tutti i soggetti firmatari a").
_BINDING_VERBS = frozenset({"impegnare", "obbligare"})
_BOUND_REACH = 8


# Whom an act binds: the object between "impegna" and the "a" of what they are bound to.
_BOUND_OBJECT = re.compile(r"\s+((?:[^\W\d_][\w'’.]*\s+){0,6}?[^\W\d_][\w'’.]*)\s+ad?\s+[a-zà-ù]+(?:are|ere|ire|rsi)\b")


def _binds_others(low: list[str], i: int, lemma: str) -> bool:
    """Whether an act binds others to do something: "impegna le parti a incontrarsi", "obbliga il gestore ad
    assicurare" (the object, then "a" and an infinitive), not "impegna risorse per" or "obbliga al rispetto"."""
    if lemma not in _BINDING_VERBS or low[i].endswith("o") or (i > 0 and low[i - 1] in _ARTICLES):
        return False  # "l'impegno condiviso a …", "o impegno ad attivarla": the noun, not the verb
    for k in range(i + 2, min(len(low) - 1, i + _BOUND_REACH)):
        if low[k] in {"a", "ad"} and _is_infinitive(low[k + 1]):
            return True
        if low[k] in {".", ";", ":", "che", "per"}:
            return False
    return False


# What a decision sets going, named as an action right after its verb: "concordato l'avvio di …", "deciso la
# costituzione di …", "stabilito il potenziamento del …" (tokens joined by spaces: "l' avvio").
_ACTION_OBJECT = re.compile(r"(?:l['’]|la|il|lo|un|una|uno)\s*(?:\w+(?:zione|zioni|mento|menti)|avvio)\b")


def _verb_triggers(tokens: list[Token], lex: _Lexicon) -> list[tuple[str, int]]:
    """Every committing verb of a unit, last first so that the first of each kind wins in a dict."""
    out: list[tuple[str, int]] = []
    low = [t.text.lower() for t in tokens]
    for i, tok in enumerate(tokens):
        word = low[i]
        if not word.isalpha():
            continue
        lemma = _lemma(tok)
        if not _could_commit(word, lemma, i, lex):
            continue
        if i > 0 and tok.text[:1].isupper() and low[i - 1] not in _OPENING_MARKS:
            continue  # capitalised inside a sentence: a name ("Mirano", a town), not a verb
        if _is_relative(tokens, i) and not (lemma in lex.intent and _binding_relative(tokens, i)):
            continue
        reflexive = i > 0 and low[i - 1] in {"si", "ci"}
        finite = not _is_infinitive(word) and not _participle(word) and not word.endswith(("ando", "endo"))
        reflexive_only = lemma in {"impegnare", "proporre", "obbligare"}
        binds = finite and not reflexive and _binds_others(low, i, lemma)  # "L'intesa impegna le parti a …"
        if (lemma in lex.intent or word in lex.intent_forms) and finite and (reflexive or binds or not reflexive_only):
            if lemma == "proporre" and (low[i + 1] if i + 1 < len(low) else "") != "di":
                continue  # "si propone di", not "si propone un modello"
            if reflexive and _deemed(low, i):
                continue  # "che qui si intendono integralmente riportati": deemed, not meant
            out.append(("intent", i))
            continue
        if (
            word.startswith(("impegnarsi", "impegnandosi"))
            or _opens_intent_phrase(low, i, lex)
            or _names_an_undertaking(low, i, lex)
        ):
            out.append(("intent", i))
            continue
        if i == 0 and _establishes(low, lex):
            out.append(("intent", i))
            continue
        if lemma in lex.decision and not word.endswith(("ando", "endo")):
            if _ACTION_OBJECT.match(" ".join(low[i + 1 : i + 3])):
                out.append(("decision", i))  # "Le parti hanno concordato l'avvio di un tavolo tecnico"
                continue
            for k in range(i + 1, min(len(tokens), i + 12)):
                if low[k] == "di" and k + 1 < len(tokens) and _is_infinitive(low[k + 1]):
                    if low[k - 1] not in lex.value_nouns:  # "convenuto sull'importanza di": an opinion
                        out.append(("decision", i))
                    break
        if lemma in lex.planning and word.endswith(("ando", "endo")) and i > 0 and _lemma(tokens[i - 1]) == "stare":
            out.append(("planning", i))
            continue
        if word.endswith(_FUTURE_ENDINGS) and len(word) >= 4 and lemma not in lex.future_ignore:
            nxt = low[i + 1] if i + 1 < len(low) else ""
            if i > 0 and low[i - 1] == "non":
                continue
            if reflexive and lemma in lex.future_ignore_reflexive:
                continue  # "si svolgeranno", "si terrà": an event
            if _participle(nxt) and (lemma == "avere" or _participle_of(tokens[i + 1], lex.future_ignore)):
                continue  # "quanti avranno manifestato", "saranno introdotti da"
            if lemma == "essere" and re.match(r"(?:(?:di|pari a|circa)\s+)?[\d€]", " ".join(low[i + 1 : i + 4])):
                continue  # "la spesa sarà di 200.000 euro": a figure, not an undertaking
            if lemma in lex.future_reflexive_only and not reflexive:
                continue  # "interverranno X e Y": speakers at an event, not "si interverrà"
            out.append(("future", i))
            continue
        coordinated = i > 1 and low[i - 1] == "e" and _lemma(tokens[i - 2]) in lex.action  # "promuove e sostiene"
        present = lemma in lex.action and finite and word.endswith(_PRESENT_ENDINGS) and word != lemma
        if present and _holds_a_view_or_describes(low, i, reflexive, lex):
            continue
        if present and (_has_subject(tokens, i, lex) or coordinated or _after_lead_only(tokens, i, lex)):
            out.append(("present", i - 2 if coordinated else i))  # "X promuove e sostiene": X ends at the first
    return out[::-1]


_REGULAR_PARTICIPLE = re.compile(r"^(\w{2,}?)([aiu])t[oaie]$")


def _participle_of(token: Token, verbs: frozenset[str]) -> bool:
    """Whether a past participle comes from one of ``verbs``: by its lemma, or by rule where the lemma table
    reads it as an adjective or a noun ("trattati" is "trattato" there, the participle of "trattare")."""
    if _lemma(token) in verbs:
        return True
    match = _REGULAR_PARTICIPLE.match(token.text.lower())
    return match is not None and match.group(1) + {"a": "are", "i": "ire", "u": "ere"}[match.group(2)] in verbs


def _could_commit(word: str, lemma: str, i: int, lex: _Lexicon) -> bool:
    """What every kind of trigger in ``_verb_triggers`` needs of a word, tested first as most words pass none."""
    return (
        lemma in lex.trigger_lemmas
        or word in lex.intent_forms
        or word in lex.intent_phrases
        or word in lex.undertaking_nouns
        or word.startswith(("impegnarsi", "impegnandosi"))
        or word.endswith(_FUTURE_ENDINGS)
        or i == 0
    )


def _by_first_word(phrases: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases as word tuples, grouped by their first word for a lookup per token."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words = tuple(phrase.replace("’", "'").split())
        grouped.setdefault(words[0], []).append(words)
    return {first: tuple(group) for first, group in grouped.items()}


def _holds_a_view_or_describes(low: list[str], i: int, reflexive: bool, lex: _Lexicon) -> bool:
    """Whether the present verb at ``i`` holds an opinion ("condividono l'idea che …") or, reflexive, describes a
    structure ("si sviluppa in quattro assi"), rather than undertaking something."""
    if any(w.strip("'’") in lex.value_nouns for w in low[i + 1 : i + 4]):
        return True
    return reflexive and i + 1 < len(low) and low[i + 1] in _STRUCTURE_PREPOSITIONS


# Words between an undertaking named as a noun and its infinitive: "è impegno comune delle parti promuovere".
UNDERTAKING_REACH = 8


def _names_an_undertaking(low: list[str], i: int, lex: _Lexicon) -> bool:
    """True when the words from ``i`` on name an undertaking ("è impegno comune …") and an infinitive follows
    within reach, saying what is undertaken ("… delle parti promuovere")."""
    for phrase in lex.undertaking_nouns.get(low[i], ()):
        end = i + len(phrase)
        if tuple(w.replace("’", "'") for w in low[i:end]) == phrase:
            return any(_is_infinitive(w) for w in low[end : end + UNDERTAKING_REACH])
    return False


def _opens_intent_phrase(low: list[str], i: int, lex: _Lexicon) -> bool:
    """True when the words from ``i`` on are a phrase of undertaking ("è tenuto a", "si rendono disponibili a"),
    an adverb set inside it or not ("si è inoltre impegnata a")."""
    phrases = lex.intent_phrases.get(low[i], ())
    if not phrases:
        return False
    longest = max(len(phrase) for phrase in phrases)
    words = [low[i]] + [w for w in low[i + 1 : i + 1 + longest + _INSERTED_MAX] if w not in _INSERTED_ADVERBS]
    return any(tuple(w.replace("’", "'") for w in words[: len(phrase)]) == phrase for phrase in phrases)


def _deemed(low: list[str], i: int) -> bool:
    """Whether the reflexive verb at ``i`` is followed by a past participle, an adverb or two between: the passive
    "si intende approvato", "si intendono integralmente riportati" ("is deemed"), not an intention."""
    following = [w for w in low[i + 1 : i + 4] if w not in _INSERTED_ADVERBS and not w.endswith("mente")]
    return bool(following) and _participle(following[0])


# Adverbs a writer sets inside a phrase of undertaking: "si è inoltre impegnata a", "si sono anche impegnati a".
_INSERTED_ADVERBS = frozenset(
    {"inoltre", "anche", "altresì", "altresi", "pure", "poi", "quindi", "infine", "formalmente"}
)
_INSERTED_MAX = 2


def _establishes(low: list[str], lex: _Lexicon) -> bool:
    """Whether a unit opens by setting up a body in the present passive ("È istituita una Cabina di regia"),
    not by saying what one is made of ("È costituito da tre membri")."""
    for phrase in lex.establishing.get(low[0].replace("’", "'") if low else "", ()):
        n = len(phrase)
        if tuple(w.replace("’", "'") for w in low[:n]) == phrase:
            return n < len(low) and not low[n].startswith("da")
    return False


def _will(low: str, lex: _Lexicon) -> bool:
    """A will or undertaking of the main clause ("nasce da una volontà … di coordinare")."""
    match = lex.will.search(low)
    return match is not None and not re.search(r"\b(?:che|cui|quanti)\b", low[: match.start()])


def _purpose(low: str, lex: _Lexicon) -> bool:
    """True when the unit says what something is for ("al fine di promuovere", "volte a", "per rafforzare")."""
    for match in lex.purpose.finditer(low):
        if lex.need.search(low[: match.start()]):
            return False  # "è necessario … per garantire": a need, whatever it is for
        groups = {k: v for k, v in match.groupdict().items() if v}
        if not groups:
            return True
        ((kind, word),) = groups.items()
        if not _is_infinitive(word) or word in lex.not_infinitives:
            continue
        if kind in {"per", "rel"} and _lemma_of_lower(word) not in lex.purpose_verbs:
            continue  # "per partecipare", "che intendono candidarsi": no aim of the document
        if kind == "per" and re.search(r"\b(?:che|cui)\b", low[: match.start()]):
            continue  # "famiglie che si incontrano per favorire …": the purpose of a described subject
        if kind == "per" and lex.describes.search(low[: match.start()]):
            continue  # "è stato un approfondimento … per programmare": what something was or is used for
        return True
    return False


def _opens_with_infinitive(text: str, lex: _Lexicon) -> bool:
    """True when a list item opens with a verb in the infinitive ("costituire il tavolo")."""
    first = re.match(r"[a-zà-ùA-ZÀ-Ý]+", text)
    word = first.group().lower() if first else ""
    return len(word) > 4 and bool(_is_infinitive(word)) and word not in lex.not_infinitives


def _opens_with_action(tokens: list[Token], lex: _Lexicon) -> bool:
    """True when the unit opens with an action verb in the infinitive ("Creare una rete …")."""
    return bool(tokens) and bool(_is_infinitive(tokens[0].text.lower())) and _lemma(tokens[0]) in lex.action


# Steps followed up a head chain before giving up (a malformed parse may loop).
_MAX_HEAD_STEPS = 50


def _parsed_subject(analysis: Analysis, verb: Token) -> str | None:
    """The committing verb's subject from the model's parse, when there is one.

    The whole subtree of the ``nsubj`` dependent is taken, so an inverted
    subject ("Si impegnano inoltre i Comuni dell'Ambito a …") is found too.
    """
    if not analysis.parsed:
        return None
    tokens = analysis.tokens
    sentence_start, sentence_end = analysis.sentence_at(verb.start)
    members = [i for i, t in enumerate(tokens) if sentence_start <= t.start < sentence_end]
    trigger = next((k for k, i in enumerate(members) if tokens[i].start == verb.start), None)
    if trigger is None:
        return None
    # The trigger may be the clitic of the verb ("si impegnano", "si propone").
    verbs = set(members[trigger : trigger + 3])
    subject = next((i for i in members if tokens[i].head in verbs and tokens[i].dep.startswith("nsubj")), None)
    if subject is None:
        return None

    def under_subject(i: int) -> bool:
        for _ in range(_MAX_HEAD_STEPS):
            if i == subject:
                return True
            if i < 0 or tokens[i].head in (i, -1):
                return False
            i = tokens[i].head
        return False

    tree = [tokens[i] for i in members if under_subject(i)]
    return analysis.text[min(t.start for t in tree) : max(t.end for t in tree)]


def _actor(analysis: Analysis, unit: _Unit, token: Token, parties: list[Party] | None, lex: _Lexicon) -> str | None:
    """Who commits: the parse's subject when a model parsed the text, else the words before the verb."""
    bound = _BOUND_OBJECT.match(analysis.text, token.end, unit.end) if _lemma(token) in _BINDING_VERBS else None
    if bound is not None:
        return _resolve_parties(" ".join(bound.group(1).split()), parties, lex)  # "impegna le parti a": the parties
    parsed = _parsed_subject(analysis, token)
    if parsed is not None:
        return _resolve_parties(" ".join(parsed.strip(_EDGE).split()), parties, lex)
    begin = unit.start
    opening = analysis.text[begin : token.start]
    if opening.lower().startswith(_PREMISE_PARTICIPLES) and "," in opening:
        begin += opening.index(",") + 1  # "Considerata la delibera, il Comune …": the subject follows the premise
    begin = _clause_start(analysis, begin, token.start, lex)
    prefix = analysis.text[begin : token.start]
    prefix = re.sub(r"\s+[-–—]\s.*?\s[-–—]\s+", " ", prefix)  # "Il documento - firmato da … - si propone"
    prefix = re.sub(r"\b(?:si|non|inoltre|anche|altresì|pertanto|quindi)\s*$", "", prefix.strip(), flags=re.I).strip()
    prefix = re.sub(r"\b(?:si|non|inoltre|anche|altresì|ha|hanno|ha già|hanno già)\s*$", "", prefix, flags=re.I).strip()
    # "I Comuni … concordano sull'utilità … e si impegnano", "il Consorzio aprirà un centro … e rafforzerà": the
    # subject ends at the first verb.
    for tok in analysis.tokens_in(begin, begin + len(prefix)):  # once per commitment
        word, lemma = tok.text.lower(), _lemma(tok)
        present = lemma in lex.verbs and word.endswith(_PRESENT_ENDINGS) and word != lemma
        future = word.endswith(_FUTURE_ENDINGS) and _INFINITIVE_END.search(lemma) is not None and word != lemma
        # A future coordinated with the committing one ("aprirà … e rafforzerà"), not one in a clause of its own
        # ("La riunione si terrà …; entro ottobre le parti definiranno").
        future = future and not re.search(r"[;:]", analysis.text[tok.end : token.start])
        if tok.start > begin and (present or future):
            prefix = re.sub(r"\s+(?:si|non)$", "", analysis.text[begin : tok.start].strip(), flags=re.I)
            break
    if prefix.endswith(","):
        prefix = prefix.split(",", 1)[0]
    prefix = lex.lead.sub("", prefix.strip()).strip(" ,")
    if _RELATIVE_OR_BREAK.search(prefix):
        return None  # "Tra gli obiettivi … ci sono … che con … mira": the verb is a relative clause's
    if opening_phrase := _PREPOSITION.match(prefix):
        prefix = _subject_after_phrase(prefix, opening_phrase.end())
    prefix = " ".join(prefix.strip(_EDGE).split())
    if not prefix or len(prefix.split()) > 30 or not re.match(r"[A-ZÀ-Ý]|(?:il|lo|la|l['’]|i|gli|le)\b", prefix):
        return None
    if _AUXILIARY.search(prefix):
        return None  # "Il Piano è …": the subject of a copula, no actor
    return _resolve_parties(prefix, parties, lex)


def _clause_start(analysis: Analysis, begin: int, end: int, lex: _Lexicon) -> int:
    """Where the subject of the committing clause starts: after "che" when a verb of decision opens it ("Si
    conviene che il Comune attiverà …": the Comune), after the pronoun of a relative clause that binds ("il
    verbale, nel quale le parti si impegnano": the parties), else at ``begin``."""
    tokens = list(analysis.tokens_in(begin, end))
    for k in range(len(tokens) - 1, 0, -1):
        if tokens[k].text.lower() == "che" and _lemma(tokens[k - 1]) in lex.decision:
            return tokens[k].end
        if _binding_relative(tokens, k + 1):
            return tokens[k].end
    return begin


# Before a verb, a relative pronoun, a colon or a semicolon: the words before it are no subject.
_RELATIVE_OR_BREAK = re.compile(r"[:;]|\b(?:che|cui)\b", re.I)
_AUXILIARY = re.compile(r"\b(?:è|sono|ha|hanno)\b", re.I)
# A phrase that opens with an article: "il Servizio", "i firmatari", "l'Unione".
_ARTICLE_PHRASE = re.compile(r"(?:^|\s)((?:il|lo|la|i|gli|le)\s+[^\W\d_]|l['’][^\W\d_])", re.I)
# A preposition right before such a phrase makes it the preposition's object ("per l'avvio").
_GOVERNS = re.compile(r"(?i)\b(?:di|a|ad|da|in|con|su|per|tra|fra)\s*$")


def _subject_after_phrase(prefix: str, preposition_end: int) -> str:
    """The subject after an opening prepositional phrase: the last phrase that opens with an article, other than
    the object of a preposition ("Con il Patto i firmatari" is "i firmatari"; "Nel prossimo anno il Servizio"
    is "il Servizio"); "" when there is none ("Entro la fine dell'anno", "In vista dell'avvio del piano")."""
    starts = [
        m.start(1)
        for m in _ARTICLE_PHRASE.finditer(prefix, preposition_end)
        if prefix[preposition_end : m.start(1)].strip() and not _GOVERNS.search(prefix, 0, m.start(1))
    ]
    return prefix[starts[-1] :] if starts else ""


def _resolve_parties(actor: str, parties: list[Party] | None, lex: _Lexicon) -> str:
    """'Le parti' stands for the document's parties, when they are known."""
    if actor.lower() in lex.all_parties:
        names = [p.name for p in parties or []]
        return ", ".join(dict.fromkeys(names)) if names else actor
    return actor


def _semicolon_items(analysis: Analysis, unit: _Unit) -> list[Span]:
    """Segments of a commitment split at ";" when each later one opens with an infinitive."""
    text = analysis.text[unit.start : unit.end]
    cuts = [m.end() for m in re.finditer(r";\s*", text)]
    if not cuts:
        return [(unit.start, unit.end)]
    pieces: list[Span] = []
    begin = 0
    for cut in cuts:
        nxt = re.match(r"[\"“«]?(\w+)", text[cut:])
        if nxt and _is_infinitive(nxt.group(1).lower()) and not nxt.group(1)[:1].isupper():
            pieces.append((begin, cut))
            begin = cut
    pieces.append((begin, len(text)))
    if len(pieces) == 1:
        return [(unit.start, unit.end)]
    out = []
    for s, e in pieces:
        seg = text[s:e].rstrip(_EDGE + ";.")
        lead = len(seg) - len(seg.lstrip(_EDGE))
        out.append((unit.start + s + lead, unit.start + s + len(seg)))
    return out


def _inline_items(analysis: Analysis, unit: _Unit, lex: _Lexicon) -> list[Span]:
    """The items of a list run on in one sentence after a head naming them ("gli impegni sono: a; b; c")."""
    text = analysis.text[unit.start : unit.end]
    colon = text.find(":")
    if colon < 0 or ";" not in text[colon:] or not lex.list_head.search(text[:colon].lower()):
        return []
    if _PAST.search(text[:colon].lower()):
        return []  # "gli obiettivi raggiunti sono stati: …"
    out = []
    begin = colon + 1
    for end in [m.start() for m in re.finditer(";", text[colon:])] + [len(text)]:
        piece = text[begin : colon + end] if end < len(text) else text[begin:]
        lead = len(piece) - len(piece.lstrip(_EDGE))
        if piece.strip(_EDGE):
            out.append((unit.start + begin + lead, unit.start + begin + len(piece.rstrip(_EDGE + ";"))))
        begin = colon + end + 1
    return out


# Whose undertakings a run-on list names: "gli impegni della Giunta sono: …".
_OWNER = re.compile(
    r"\b(?:dell['’]|dello|della|delle|degli|dei|del)\s*(?P<owner>[^:;,]+?)\s*"
    r"(?:\b(?:riguarda|riguardano|sono|è|comprende|comprendono|prevede|prevedono|consiste|consistono)\b|:)"
)


def _inline_actor(text: str, lex: _Lexicon) -> str | None:
    """The body a run-on list's head names as the owner of its items, when it names one."""
    head = text[: text.find(":") + 1]
    named = lex.list_head.search(head.lower())
    owner = _OWNER.match(head, named.end() + 1) if named else None
    return owner.group("owner") if owner else None


def _category(text: str, context: str | None) -> str | None:
    """The commitment's own category, else that of the heading it sits under."""
    return categorize(text) or (categorize(context) if context else None)


def _classify(unit: _Unit, tokens: list[Token], lex: _Lexicon) -> tuple[str, Token | None] | None:
    """Why a plain sentence is a commitment, with the token its subject stands before; None if it is not."""
    low = unit.text.lower()
    short_line = unit.item is None and len(low.split()) <= 8 and not _END.search(unit.text)
    if short_line and not (unit.cell and _opens_with_action(tokens, lex)):
        # A heading ("Obiettivi per il 2022") names a section, it undertakes nothing; a table's cell may state an
        # action in a few words ("Ampliare le ore di SAD del 20%").
        return None
    if lex.thanks.search(low):
        return None  # "Ringraziamo il presidente per la professionalità volta a …": thanks, not an aim
    if lex.page_chrome.search(low):
        return None  # "Questo sito utilizza cookie per migliorare …": the page's notice about itself
    first = tokens[0].text.lower() if tokens else ""
    result = first not in lex.pronouns and not low.startswith(_PREMISE_PARTICIPLES) and _is_participle(first)
    if result and unit.item is None and not lex.aim.search(low):
        return None  # "Attivato il progetto Kairos": a result achieved
    if lex.tasking_item.match(unit.text.replace("’", "'")):
        return "intent", None  # "di incaricare il Comune capofila di …": a task the resolution gives
    # A unit with none of the confirming forms' longest words is settled without the expression (most are).
    if any(word in low for word in lex.confirming_words) and (confirmed := lex.confirmed.search(low)):
        # "Il Comune conferma per il 2025 l'aliquota unica": the measure is kept, by whoever confirms it.
        verb = next((t for t in tokens if t.start - unit.start >= confirmed.start()), None)
        named = verb is not None and verb.text.lower().startswith("conferm") and verb.start > unit.start
        return "present", verb if named else None
    trigger = _verb_trigger(tokens, lex)
    if trigger is not None:
        kind, i = trigger
        # "si terrà giovedì alle 18" announces an event; "verrà presentato il piano giovedì" commits to an act.
        passive = i + 1 < len(tokens) and _participle(tokens[i + 1].text.lower())
        passive = passive and _lemma(tokens[i]) in {"essere", "venire"}
        when = _event_time(unit.text)
        # "Entro il 31 marzo sarà costituito un tavolo": a deadline for what is undertaken, not an event's date.
        deadline = when is not None and bool(_BY_DATE.search(unit.text[max(0, when.start() - 20) : when.start()]))
        clock = when is not None and not deadline and not (passive and when.start() > tokens[i].start - unit.start)
        event = kind == "future" and (clock or bool(lex.future_ignore_phrase.search(low)))
        needed = kind in {"present", "intent"} and _after_need(unit.text, tokens, i, unit.start, lex)
        before = unit.text[: max(0, tokens[i].start - unit.start)].lower()
        # "La domanda dovrà …", "le graduatorie saranno pubblicate": a notice's procedure, not an undertaking.
        applicant = kind == "future" and bool(lex.applicant.search(before) or lex.procedure.search(low))
        dated = kind == "present" and bool(lex.dated.search(low))  # "In data 3 maggio 2004 … sottoscrivono"
        # "la Costituzione prevede che … i Comuni favoriscono": a present said inside a reported clause.
        reported = kind == "present" and bool(re.search(r"\bche\b", before))
        if not (event or needed or applicant or reported or dated):
            subject = tokens[i - 1] if i > 0 and tokens[i - 1].text.lower() == "si" else tokens[i]
            if kind == "future":
                # "Il Comune metterà a disposizione …" names who acts; "saranno promossi …",
                # "si interverrà" leave it unsaid.
                impersonal = passive or subject is not tokens[i] or _lemma(tokens[i]) in {"essere", "venire"}
                return kind, None if impersonal else tokens[i]
            return kind, subject
    if _announces_an_event(unit.text, tokens, lex):
        return None  # "Venerdì 18 maggio … si terrà un laboratorio finalizzato a presentare il piano": a notice
    past = _PAST.search(low)  # "gli obiettivi … sono stati raggiunti": a result, not an aim
    aims = lex.aim.search(low) or lex.aim_start.search(low) or lex.plan_provides.search(low)
    if aims and not past and _names_aims_only(unit, tokens):
        return None  # "Obiettivi del Piano di Zona 2024-2026 – Ambito Sociale n. 9": a heading over the aims
    if (aims and not past) or _will(low, lex) or _purpose(low, lex):
        return "aim", _main_verb(tokens)
    if unit.item is None and _opens_with_action(tokens, lex) and not lex.need.search(low):
        return "aim", None
    return None


def _names_aims_only(unit: _Unit, tokens: list[Token]) -> bool:
    """A line that names aims without stating one: no closing stop, no infinitive, no form of "essere"."""
    if unit.item is not None or _END.search(unit.text) or "\n" in unit.text:
        return False
    return not any(_is_infinitive(t.text.lower()) or _lemma(t) == "essere" for t in tokens)


def _announces_an_event(text: str, tokens: list[Token], lex: _Lexicon) -> bool:
    """Whether a sentence tells when an event will take place ("si terrà", "si svolgerà" with its day or time):
    what the event is for ("finalizzato a presentare il piano") is then its programme, not an aim."""
    held = any(
        i > 0
        and tokens[i - 1].text.lower() == "si"
        and _lemma(tok) in lex.future_ignore_reflexive
        and tok.text.lower().endswith(_FUTURE_ENDINGS)
        for i, tok in enumerate(tokens)
    )
    return held and _event_time(text) is not None


def _main_verb(tokens: list[Token]) -> Token | None:
    """The finite verb after an opening subject ("Il Piano di Zona costituisce …"), not a copula: the aim's actor."""
    if not tokens or not re.match(r"[A-ZÀ-Ý]", tokens[0].text):
        return None
    for i, tok in enumerate(tokens[1:12], start=1):
        word, lemma = tok.text.lower(), _lemma(tok)
        if word in {",", ";", ":", "che", "cui", "per", "-", "–", "—"}:
            return None  # the subject must run straight to its verb
        if lemma == "essere" or word == lemma or not re.search(r"(?:are|ere|ire|rre)$", lemma):
            continue
        if not tok.text.islower() or tokens[i - 1].text.lower() in _ARTICLES:
            continue  # "Il Piano", "una rete": nouns the lookup table reads as verbs
        if word.endswith(_PRESENT_ENDINGS) or word.endswith(_FUTURE_ENDINGS) or word in {"ha", "hanno"}:
            return tok if not _is_relative(tokens, i) else None
    return None


def _main_clause_commits(analysis: Analysis, unit: _Unit, token_starts: list[int], lex: _Lexicon) -> bool:
    """True when a sentence opened by a premise ("Considerata la delibera …,") goes on to undertake something."""
    if unit.item is not None or not unit.text.endswith(".") or not unit.text.lower().startswith(_PREMISE_PARTICIPLES):
        return False
    tokens = analysis.tokens[bisect_left(token_starts, unit.start) : bisect_left(token_starts, unit.end)]
    trigger = _verb_trigger(list(tokens), lex)
    return trigger is not None and trigger[0] in {"intent", "decision"}


@dataclass
class _Scan:
    """What the units read so far say about the next one."""

    in_premise: bool = False
    list_armed: bool = False  # the last unit introduced a list of objectives
    list_kind: str | None = None  # marker kind of the objectives list being read
    list_subject: tuple[_Unit, Token] | None = None  # who undertakes the items ("Il Comune si impegna a:")
    undertakings_heading: bool = False  # the list was armed by a heading of undertakings ("Impegni del Comune")
    heading: str = ""
    verb_list: bool = False  # the last unit committed and announced a list: its infinitive items say how
    result: _Unit | None = None  # a result headline cut by the layout ("Attivato lo sportello\nCasa per …")

    def result_goes_on(self, text: str, unit: _Unit) -> bool:
        """True when ``unit`` carries on, line after line, a headline that tells a result."""
        prev = self.result
        goes_on = (
            prev is not None
            and unit.item is None
            and not _END.search(prev.text)
            and text[prev.end : unit.start].count("\n") == 1
        )
        first = re.match(r"\w+", unit.text)
        opens = unit.item is None and first is not None and _is_participle(first.group().lower())
        self.result = unit if goes_on or (opens and not _END.search(unit.text)) else None
        return goes_on

    def premise(self, unit: _Unit, lex: _Lexicon) -> bool:
        """True when ``unit`` opens, continues or closes a premise section (never a commitment)."""
        low = unit.text.lower()
        if (lex.premise_head.search(low) and len(low.split()) <= 3) or low.startswith(_PREMISE_CLAUSES):
            # "Premesso che …; si conviene quanto segue:" opens and closes the premises in one piece.
            self.in_premise = not _closes_premises(low, lex)
            return True
        if not self.in_premise:
            return False
        closing = bool(lex.premise_end.search(low))
        if closing or (unit.item is None and not low.startswith(("che ", *_PREMISE_CLAUSES))):
            self.in_premise = False
            return closing
        return True

    def objective_item(self, unit: _Unit, lex: _Lexicon) -> bool:
        """True when ``unit`` is an item of a list introduced as objectives or undertakings."""
        if unit.item is not None and self.verb_list and _opens_with_infinitive(unit.text, lex):
            return True
        if unit.item is None:
            self.verb_list = False
        low = unit.text.lower()
        introduces = unit.text.endswith(":") and bool(lex.list_head.search(low) or _COMMIT_INTRO.search(low))
        if unit.item is not None and self.list_armed and self.list_kind in (None, unit.item) and introduces:
            # "Art. 2 – Finalità" over "1. Il Distretto persegue le seguenti finalità:", "Gli impegni" over "▪ I Comuni
            # si impegnano a:": an item that introduces the items below it, undertaking nothing itself.
            return False
        if unit.item is not None and self.list_armed and self.list_kind in (None, unit.item):
            self.list_kind = unit.item
            return True
        if self.list_armed and self.list_kind is None and self.undertakings_heading and _names_the_undertaker(unit):
            return False  # "IMPEGNI DELL'AZIENDA" over "L'ASP, per quanto di competenza:" over the items
        if unit.item is None or (self.list_kind is not None and unit.item != self.list_kind):
            self.list_armed, self.list_kind = False, None
        return False

    def introduction(self, unit: _Unit, tokens: list[Token], lex: _Lexicon) -> bool:
        """Arm the list that ``unit`` introduces; True when it does nothing but introduce it."""
        low = unit.text.lower()
        words = len(low.split())
        undertakes = lex.list_head.search(low) or _COMMIT_INTRO.search(low)
        if unit.text.endswith(":") and work_areas.introduces_areas(unit.text[:-1]):
            # "Il Piano individua cinque aree prioritarie di intervento:": areas, not undertakings. "Il Distretto
            # intende attivare un percorso articolato nei seguenti tavoli tematici:" undertakes on its own, and
            # only items that say what to do ("contrastare la povertà") undertake more.
            self.list_armed, self.verb_list = False, bool(undertakes)
            return not undertakes
        if unit.text.endswith(":"):
            framed = bool(
                re.search(r"(?:\b(?:sono|è|a|di)|\bseguenti(?:\s+\w+){0,2}|impegna\w*|obblig\w*|intend\w*)\s*:$", low)
            )
            asks = bool(_ASKS_WHAT.match(low) or _POINTS_AT.match(low))
            framed = framed or words <= 5 or asks
            # "Azioni:" under an objective heads the actions a plan will carry out, as "Azioni" alone does.
            actions = bool(lex.action_heading.fullmatch(low[:-1].strip()))
            if framed and (
                lex.list_head.search(low) or _COMMIT_INTRO.search(low) or lex.plan_provides.search(low) or actions
            ):
                self.list_armed, self.list_kind, self.list_subject = True, None, None
                found = _classify(unit, tokens, lex)
                if found is not None and found[1] is not None and found[0] != "aim":
                    self.list_subject = (unit, found[1])
                bare = words <= 5 or asks or (words <= 15 and bool(_BARE_INTRO.search(low)))
                return bare or _announces_only(low)
            # "L'obiettivo è …, attraverso queste azioni:": a committing sentence whose items say how.
            self.verb_list = _classify(unit, tokens, lex) is not None
            return _announces_only(low)
        heading = lex.list_head.search(low) or lex.action_heading.fullmatch(low) or _ASKS_WHAT.match(low)
        undertakings = bool(_UNDERTAKINGS.search(low))
        if undertakings:
            # "ART. 4 – IMPEGNI DELL'AZIENDA SANITARIA": the article's label is no word of the heading.
            words = len(unnumbered(low).split())
        if words <= 5 and unit.item is None and heading:
            self.list_armed, self.list_kind, self.list_subject = True, None, None  # a heading "Obiettivi", "Azioni"
            self.undertakings_heading = undertakings
        return False


# A heading of what a party undertakes: "IMPEGNI DEL COMUNE", "Obblighi del gestore".
_UNDERTAKINGS = re.compile(r"\b(?:impegn|obbligh)\w*")
# A sentence that is a speaker and a colon, then all it quotes: the quotation is the sentence that undertakes.
_QUOTED_AFTER_SPEAKER = re.compile(r"[^\"“«:\n]{3,200}:\s*[\"“«](?P<quote>[^\"“”«»]{10,})[\"”»][ \t.]*$")
# How a subject opens: a capital, or an article ("i Comuni si impegnano …", "l'ASP garantirà …").
_SUBJECT_OPENING = re.compile(r"[A-ZÀ-Ý]|(?:il|lo|la|i|gli|le)\s|l['’]")
# The most words of a line that names who undertakes the items below it.
_UNDERTAKER_WORDS = 10


def _names_the_undertaker(unit: _Unit) -> bool:
    """A short line that names a party and introduces the list of its undertakings under a heading of undertakings:
    "L'ASP di Ragusa, per quanto di competenza:", "Il Comune:" (not "Per informazioni:")."""
    text = unit.text
    return (
        unit.item is None
        and text.endswith(":")
        and len(text.split()) <= _UNDERTAKER_WORDS
        and text[:1].isupper()
        and not _PREPOSITION.match(text)
    )


_PREPOSITION = re.compile(
    r"(?:nel|nella|nei|negli|nelle|nell['’]|con|per|dal|dalla|dai|dall['’]|entro|in|a|al|alla|ai|da|durante|"
    r"secondo|su|sul|sulla|tra|fra)\b",
    re.I,
)
# Participial premises that may open a sentence whose main clause commits ("Vista la legge, il Comune intende …").
_PREMISE_PARTICIPLES = ("considerat", "vist", "preso atto", "richiamat")
_PREMISE_CLAUSES = ("premesso che", "considerato che", "visto", "considerat")
# Introductions of a list of undertakings: "si impegnano a:", "si obbliga a:", "le parti convengono:", "si prevede di:".
_COMMIT_INTRO = re.compile(
    r"\bimpegna\w*|\bobblig[ao]\w*|\bintend\w*|\bpropon\w* di|\b(?:preved|previst)\w* di\s*:$"
    r"|\b(?:conveng|convien|concord|stabilisc)\w*(?:\s+(?:di|che))?\s*:$"
)
# A page's heading that asks what an act provides, its items the answer: "Cosa prevede il protocollo:".
# Also a heading that asks what a party will do, its items the undertakings: "COSA FARÀ IL COMUNE".
_ASKS_WHAT = re.compile(r"(?:che\s+)?cosa\s+(?:preved|far[àa]\b|faranno\b|si\s+impegna)")
# A heading that points at the items below it: "Queste le principali azioni previste nel triennio:", "Ecco gli
# obiettivi del patto:", "Tra le azioni previste:".
_POINTS_AT = re.compile(r"(?:queste|questi|ecco|tra|fra)\s+(?:sono\s+)?(?:le|gli|i)\b")
# An introduction with no content of its own: "Obiettivi condivisi … sono:", "Il Comune si impegna a:".
_BARE_INTRO = re.compile(r"(?:\bsono|\bè|obiettiv\w*|impegn\w*|obblig\w*|intend\w*|\ba|\bdi)\s*:$")


# "… le seguenti finalità:", "… i seguenti ambiti di confronto:": the list's items say what is undertaken.
_INFINITIVE_PREPOSITIONS = frozenset({"a", "ad", "di", "per", "da"})
_ANNOUNCEMENT_WORDS = 12
_HEADING_WORDS = 12
_MEANS_BEFORE = re.compile(r"(?:,|\battraverso|\bmediante|\btramite|\bcon)\s+(?:le|i|gli)?\s*$")
_FOLLOWING = re.compile(r"\bseguent[ei](?:\s+[\w'’]+){0,4}\s*:$")


def _closes_premises(low: str, lex: _Lexicon) -> bool:
    """Whether a piece that opens the premises ends them too, after its last clause ("…; si conviene quanto
    segue:")."""
    last_clause = re.split(r"[;:]\s+", low.rstrip(" :;."))[-1]
    return bool(lex.premise_end.search(last_clause)) and low.rstrip().endswith(":")


def _announces_only(low: str) -> bool:
    """An introduction that names what its list holds and undertakes nothing itself ("Il Piano persegue in
    particolare le seguenti finalità:"), unlike one with an action of its own ("si impegnano a mantenere un
    dialogo sui seguenti temi:")."""
    following = _FOLLOWING.search(low)
    if not following:
        return False
    # An action of its own: an infinitive after its preposition with words of its own before the list's noun
    # ("a mantenere un dialogo costante sui seguenti …", not "a realizzare le seguenti …").
    before = low[: following.start()]
    words = re.findall(r"[a-zà-ù]+", before)
    if len(words) > _ANNOUNCEMENT_WORDS or _MEANS_BEFORE.search(before):
        return False  # a statement of its own, the list saying how ("L'obiettivo è …, attraverso le seguenti:")
    return not any(
        _is_infinitive(word) and words[k - 1] in _INFINITIVE_PREPOSITIONS and len(words) - k > 2
        for k, word in enumerate(words)
        if k > 0
    )


def find_commitments(analysis: Analysis, parties: list[Party] | None = None) -> list[Commitment]:
    """Every commitment of the document, in reading order, one span each."""
    lex = _lexicon()
    units = _units(analysis)
    chosen: dict[int, tuple[str, Token | None]] = {}
    subjects: dict[int, tuple[_Unit, Token] | None] = {}  # where each item's actor is written
    own_subjects: dict[int, tuple[_Unit, Token]] = {}  # an item's own subject, before its list's
    headings: dict[int, str] = {}
    scan = _Scan()
    # One index of token starts: ``Analysis.tokens_in`` rebuilds it on every call.
    token_starts = [t.start for t in analysis.tokens]

    def tokens_of(unit: _Unit) -> list[Token]:
        return list(analysis.tokens[bisect_left(token_starts, unit.start) : bisect_left(token_starts, unit.end)])

    for n, unit in enumerate(units):
        if unit.item is None and len(unit.text.split()) <= 8 and not _END.search(unit.text):
            scan.heading = unit.text
        if scan.result_goes_on(analysis.text, unit):
            continue
        raw = analysis.text[unit.start : unit.end]
        if "\n" not in raw and layout_line(raw):
            # A page's running footer with its number, or a table's row set in columns, says nothing and leaves
            # a list of objectives going on across it.
            continue
        headings[n] = scan.heading
        if scan.premise(unit, lex) and not _main_clause_commits(analysis, unit, token_starts, lex):
            continue
        if unit.text.isupper() and not _END.search(unit.text) and len(unit.text.split()) <= _HEADING_WORDS:
            # A heading in capitals ("1. FINALITÀ DEL PERCORSO") undertakes nothing; it ends a list, and may open one
            # ("OBIETTIVI"), unless it is a table's header row ("AREA STRATEGICA      N. OBIETTIVI").
            scan.heading = unit.text
            scan.list_armed, scan.list_kind, scan.verb_list = False, None, False
            if not layout_line(analysis.text[unit.start : unit.end]):
                scan.introduction(unit, tokens_of(unit), lex)
            continue
        if scan.objective_item(unit, lex):
            chosen[n] = ("item", None)
            subjects[n] = scan.list_subject
            # "▪ L'ASP garantirà …": an item that names who undertakes it (never one that opens with its verb).
            subject_first = _SUBJECT_OPENING.match(unit.text) is not None
            if subject_first and (own := _classify(unit, tokens_of(unit), lex)) and own[1] is not None:
                own_subjects[n] = (unit, own[1])
            continue
        tokens = tokens_of(unit)
        if scan.introduction(unit, tokens, lex):
            continue
        if lex.aim_is.search(unit.text.lower()):
            # "Sono alcuni degli obiettivi del protocollo": the aim is the sentence before.
            if n > 0:
                chosen.setdefault(n - 1, ("aim", None))
            continue
        if len(_inline_items(analysis, unit, lex)) > 1:
            chosen[n] = ("inline", None)
            continue
        found = _classify(unit, tokens, lex)
        if found is not None:
            chosen[n] = found
            if found[1] is not None:
                subjects[n] = (unit, found[1])
    out: list[Commitment] = []
    said: set[str] = set()  # a text repeated (a page scraped twice) is one commitment
    for n in sorted(chosen):
        unit = units[n]
        kind = chosen[n][0]
        named = own_subjects.get(n)
        actor = _actor(analysis, named[0], named[1], parties, lex) if named is not None else None
        subject = subjects.get(n)
        if actor is None and subject is not None:
            actor = _actor(analysis, subject[0], subject[1], parties, lex)
        if kind == "item":
            pieces = [(unit.start, unit.end)]
        elif kind == "inline":
            pieces = _inline_items(analysis, unit, lex)
            actor = _inline_actor(unit.text, lex)
        else:
            pieces = _semicolon_items(analysis, unit)
        for start, end in pieces:
            while end > start and analysis.text[end - 1] in "; \t\n":
                end -= 1  # an item's closing ";" belongs to the list, not to the item
            if quoted := _QUOTED_AFTER_SPEAKER.match(analysis.text, start, end):
                start, end = quoted.span("quote")  # 'La presidente: "Vogliamo un Piano …".': what is said
            text = _clean(analysis.text[start:end])
            if len(text.split()) >= 3 and text not in said:
                said.add(text)
                category = _category(text, headings[n])
                out.append(Commitment(actor=actor, text=text, category=category, spans=[(start, end)]))  # type: ignore[arg-type]
    return out
