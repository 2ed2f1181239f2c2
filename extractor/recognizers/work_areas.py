"""Work areas: the enumerated areas, axes, tables and themes that structure a document.

An area is an item of an enumeration introduced by a phrase naming areas of
work ("i seguenti assi strategici:", "le aree di lavoro individuate:"), in
any of its written forms: a bulleted, numbered or lettered list, items
separated by semicolons or commas after a colon, a comma enumeration of
policies in running text. Items and heading lines that begin with a head
word ("Area …", "Tavolo …", "Politiche …") are areas on their own; so are
a quoted theme ("in tema di “…”"), the subject of "un asse portante sarà …",
"area <target group>" named repeatedly, and well-known area names written as
capital section titles ("GOVERNO DEL SISTEMA"). The label is the item's name
without its explanation; the category comes from ``categories.categorize``
(of the label, else of the explanation, else ``altro``).

Forms that do not use those words are read from the document's structure:
an enumeration introduced by a nominal noun or verb ("gli obiettivi condivisi
sono:", "requisiti che riguardano:") or by a copula ("gli ambiti di intervento
sono l'istruzione, la sanità, …") counts only when its items are names, not
clauses; so do lists in brackets or dashes after a plural noun, genitive items
("i capitoli del welfare, del lavoro e della casa"), quoted project names,
bullets a layout flattened into one line, numbered capital headings ("1.
POLITICHE DI BILANCIO", two or more) and tables named repeatedly ("il Tavolo
Anziani", "il Tavolo per la disabilità").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from extractor.columns import stretches
from extractor.lexicon import alternation, load
from extractor.nlp import Analysis
from extractor.recognizers.categories import categorize, normalise
from extractor.recognizers.dates import words as date_words
from extractor.sentences import (
    ARTICLE_LABEL,
    BULLET,
    CELL_GAP,
    NUMBERED_HEADING_WORDS,
    SECTION_NUMBER,
    ends_open,
    layout_line,
    line_around,
    list_marker_end,
    unnumbered,
)
from extractor.site_menus import MENU_GAP, is_menu_line
from models import WorkArea

Span = tuple[int, int]

# Bullets include the "o" of a word processor's second level, on an indented line only ("   o sostenere …");
# numbers may have a sub-number ("2.1 Salute e prevenzione").
# A programme's time of day at a line's start ("14.30 Tre laboratori paralleli:"), not a section's number.
_CLOCK_TIME = r"(?:0?[7-9]|1\d|2[0-3])\.(?:00|15|30|45)(?!\.?\d)"
_STARTS_AT_A_TIME = re.compile(rf"{_CLOCK_TIME}\b|(?:0?[7-9]|1\d|2[0-3])[:.][0-5]\d\s*[-–]")
_MARKER = re.compile(
    rf"[ \t]*(?:(?P<bullet>{BULLET}|(?<=[ \t])o(?=[ \t]))"
    rf"|(?!{_CLOCK_TIME})(?P<num>\d{{1,2}}(?:\.\d{{1,2}})+\.?|\d{{1,2}}[.)])(?!\d)"
    r"|(?P<roman>[IVX]{1,4}[.)])|(?P<alpha>[a-zA-Z][)]|[A-Z][.](?=[ \t]+[A-ZÀ-Ý])))[ \t]+"
)
_QUOTED = re.compile(r"[\"“«](?P<q>[^\"”»\n]{2,120})[\"”»]")
# A numbered head and the quoted name it gives its area: 'Tavolo 1 "Anziani e non autosufficienza"'.
_HEADED_QUOTE = re.compile(r"(?P<head>[^\"“«\n]{3,40}?)[ \t]*[–—:-]?[ \t]*[\"“«](?P<q>[^\"”»\n]{2,120})[\"”»]")
# A policy's elided adjective or participle: "(politiche) giovanili", "(politiche) rivolte agli anziani".
_ADJECTIVE = re.compile(r"\w+(?:ili|ali|ari)\b|(?:rivolt|dedicat|mirat|destinat)\w*", re.I)
# Items that name an action of their own rather than a policy with its head elided.
_SELF_NAMED = re.compile(r"(?i)\b(?:contrasto|lotta|sostegno|coesione|promozione|tutela)\b")
_SENT_END = re.compile(r"\.(?:\s|$)")
# A clause, not a name: an infinitive before its object ("promuovere la rete"), a finite verb.
_VERBAL = re.compile(
    r"^\w+(?:are|ere|ire|rre)(?:si)?\s+(?:il|lo|la|i|gli|le|l'|un|una|uno|tutt\w*|ogni|nuov\w*|maggior\w*)\b"
    r"|\b(?:è|e'|ha|hanno|sono|sarà|saranno|viene|vengono|deve|devono|può|possono)\b"
    # A reflexive verb: "L'erogazione delle prestazioni si ispira ai principi di …".
    r"|\bsi\s+[a-zà-ù]+(?:a|ano|e|ono|rà|ranno)\b"
)
# Numbers, codes and addresses: an address block or a phone line, never the name of an area.
_CODE = re.compile(r"\d{5}|\d+/\d+|\bwww\.|@|\b[A-Z]+\d")
# An introduction left without its colon: "Le aree del Piano sono le seguenti".
_OPEN_INTRO = re.compile(r"\b(?:seguenti|sono|saranno|sono\s+(?:le|i)\s+seguenti)\s*$")
# A noun phrase of up to four words, then a list in brackets or between dashes (a hyphen typed for one, spaced).
_BRACKETED = re.compile(
    r"(?P<intro>\b\w+(?:[ \t]+[\w'’-]+){0,3})[ \t]*"
    r"(?:\((?P<b1>[^()\n]{5,300})\)|[–—-][ \t](?P<b2>[^()–—\n]{5,300}?)[ \t][–—-][ \t])"
)
# A colon opening a quotation: "… e tariffe comunali: “Abbiamo collaborato …”".
_QUOTE_OPENS = re.compile(r":\s*[\"“«]")
_INLINE_MARKER = re.compile(r"\s*(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)]\s+")
# The purpose that follows a name: "ambiente e sostenibilità per contrastare …".
_PURPOSE = re.compile(r"\s(?:per|al\s+fine\s+di|allo\s+scopo\s+di)\s+\w+(?:are|ere|ire|rre)\b", re.I)


@dataclass(frozen=True)
class _Words:
    area_noun: re.Pattern[str]
    nominal_noun: re.Pattern[str]
    schedule_noun: re.Pattern[str]
    offering: re.Pattern[str]
    actions: re.Pattern[str]
    max_action_item_words: int
    coverage: re.Pattern[str]
    copula: re.Pattern[str]
    genitive_noun: re.Pattern[str]
    quoted_noun: re.Pattern[str]
    bracket_noun: re.Pattern[str]
    partial: re.Pattern[str]
    specifying: re.Pattern[str]
    managing: re.Pattern[str]
    service: re.Pattern[str]
    not_intro: re.Pattern[str]
    people_or_problems: re.Pattern[str]
    head: re.Pattern[str]
    numbered_head: re.Pattern[str]
    not_item: re.Pattern[str]
    leading: re.Pattern[str]
    ordinal_lead: re.Pattern[str]
    ender: re.Pattern[str]
    policy: re.Pattern[str]
    theme: re.Pattern[str]
    axis: re.Pattern[str]
    area_mention: re.Pattern[str]
    mention_lead: re.Pattern[str]
    heading_area: re.Pattern[str]
    not_heading_opener: re.Pattern[str]
    prose_frame: re.Pattern[str]
    min_prose_frames: int
    min_policy_heads: int
    min_inline_items: int
    goes_on: re.Pattern[str]
    focus: re.Pattern[str]
    field_phrase: re.Pattern[str]
    min_area_mentions: int
    max_label_words: int
    intro_words: int
    max_nominal_words: int
    max_listed_nominal_words: int
    max_domain_words: int
    min_chapters: int
    outline: re.Pattern[str]
    optional_head: re.Pattern[str]
    max_heading_words: int


def _phrases(words: list[str]) -> str:
    """An alternation of phrases matching any run of spaces or apostrophes between words."""
    return "|".join(
        re.escape(w).replace("'", "\x00").replace(r"\ ", r"[\s']+").replace("\x00", r"[\s']*") for w in words
    )


@cache
def _words() -> _Words:
    w = load("work_areas")
    return _Words(
        area_noun=re.compile(rf"\b(?:{_phrases(w['area_nouns'])})\b"),
        nominal_noun=re.compile(rf"\b(?:{_phrases(w['nominal_nouns'])})\b"),
        schedule_noun=re.compile(rf"(?:{_phrases(w['schedule_nouns'])})\b"),
        # "sono indicati obiettivi, …": a passive says what is done, it does not enumerate areas.
        copula=re.compile(
            # "sono stati indicati …" is a passive, "sono stati la casa, il lavoro …" a copula.
            rf"\s(?:{_phrases(w['copulas'])})\s+(?:stat[aie]\s+(?=(?:il|lo|la|i|gli|le|l['’]|un|una)\b))?"
            r"(?!stat[aie]\b|(?:gia|poi|quindi)\b|\w+(?:at|it|ut)[aie]\b)",
            re.I,
        ),
        genitive_noun=re.compile(rf"\b(?:{_phrases(w['genitive_nouns'])})\b", re.I),
        quoted_noun=re.compile(rf"\b(?:{_phrases(w['quoted_nouns'])})\b", re.I),
        bracket_noun=re.compile(rf"\b(?:{_phrases(w['bracket_nouns'])})\b"),
        partial=re.compile(rf"\b(?:{_phrases(w['partial_intros'])})\b"),
        managing=re.compile(
            rf"\b(?P<head>{_phrases(w['managing_heads'])})\s+(?:del|dello|della|dei|degli|delle|di|dell['’])(?=[\s'’])",
            re.I,
        ),
        service=re.compile(rf"\b(?:{_phrases(w['service_nouns'])})\b"),
        offering=re.compile(rf"\b(?:{_phrases(w['offering_intros'])})\b"),
        actions=re.compile(rf"\b(?:{_phrases(w['action_intros'])})(?:\s+[\w']+){{0,3}}\s*:?\s*$"),
        max_action_item_words=int(w["max_action_item_words"]),
        specifying=re.compile(rf"\b(?:{_phrases(w['specifying_intros'])})(?:\s+\w+){{0,2}}\s*:$"),
        # Introductions that list who the work is for or what went wrong, not how it is divided.
        people_or_problems=re.compile(
            rf"^(?:{_phrases(w['recipient_nouns'])})\b|\b(?:{_phrases(w['recipient_phrases'])})"
            r"(?:\s+(?:i|gli|le|ai|agli|alle|al|alla))?\s*:?\s*$"
            rf"|^(?:(?:le|i|gli|la|il|l')\s*)?(?:\w+\s+)?(?:{_phrases(w['issue_nouns'])})\b"
        ),
        not_intro=re.compile(
            rf"\bseguent\w*\s+(?:{_phrases(w['not_intros'])})\b|\b(?:{_phrases(w['not_intros'])})\b(?:\s+\w+){{0,3}}\s+sono\s*:?\s*$"
        ),
        head=re.compile(rf"^(?:{_phrases(w['heads'])})\b"),
        numbered_head=re.compile(
            rf"(?:{_phrases(w['numbered_heads'])})\s+(?:n\.\s*|n°\s*)?(?:\d{{1,2}}(?:\.\d{{1,2}})?|[a-z]|[ivx]{{1,4}})\.?(?![\w])"
            rf"|(?:{_phrases(w['ordinal_words'])})\s+(?:{_phrases(w['numbered_heads'])})(?![\w])"
            rf"|(?:{_phrases(w['numbered_heads'])})\s+(?:{_phrases(w['unnamed_qualifiers'])})(?![\w])"
        ),
        not_item=re.compile(rf"^(?:{alternation(w['not_items'])})\b"),
        leading=re.compile(rf"^(?:(?:{alternation(w['leading_words'])})(?:\s+|'|’))+", re.I),
        # An ordinal that counts an item off before its article: "la seconda il lavoro", "terzo, la casa".
        ordinal_lead=re.compile(
            rf"^(?:(?:il|la|lo|l['’])\s*)?(?:{_phrases(w['ordinal_words'])})\b[\s,:]+(?=(?:il|lo|la|i|gli|le|l['’])\b)",
            re.I,
        ),
        ender=re.compile(rf"\s(?:{alternation(w['name_enders'])})\b", re.I),
        policy=re.compile(rf"\b(?:{alternation(w['policy_heads'])})\b", re.I),
        theme=re.compile(rf"\b(?:{_phrases(w['theme_intros'])})\s*[:]?\s*[\"“«](?P<q>[^\"”»\n]{{3,100}})[\"”»]", re.I),
        axis=re.compile(
            rf"\b(?:{_phrases(w['axis_statements'])})\s+(?:sarà|sara|è|e'|resta|rimane)\s+(?P<x>[^.;:\n]{{3,200}})",
            re.I,
        ),
        area_mention=re.compile(
            rf"\b(?P<head>(?i:{_phrases(w['mention_heads'])}))(?=[ \t]+(?P<x>[A-Za-zÀ-ÿ'’ \t,]{{3,60}}))"
        ),
        mention_lead=re.compile(rf"^(?:{_phrases(w['mention_leading'])})$"),
        heading_area=re.compile(rf"\b(?:{_phrases(w['heading_areas'])})\b"),
        not_heading_opener=re.compile(rf"^(?:{_phrases(w['not_heading_openers'])})\b"),
        prose_frame=re.compile(
            rf"(?:(?:infine|inoltre|poi|ancora|anche)\s*,?\s+)?(?:{_phrases(w['prose_frames'])})(?:\s+|(?<=['’]))",
            re.I,
        ),
        min_prose_frames=int(w["min_prose_frames"]),
        min_policy_heads=int(w["min_policy_heads"]),
        min_inline_items=int(w["min_inline_items"]),
        # "riguarda in particolare la non autosufficienza, …", "riguarda ambiti quali la fiscalità locale, …": what
        # specifies the list, and the noun its examples are of, go with the verb.
        coverage=re.compile(
            rf"\s(?:{_phrases(w['coverage_verbs'])})\s+(?:(?:{_phrases(w['specifying_intros'])})\s+)?"
            r"(?:(?:[^\W\d_]+\s+){1,2}(?:quali|come)\s+)?",
            re.I,
        ),
        focus=re.compile(rf"\b(?:{_phrases(w['focus_nouns'])})\s+(?:{_phrases(w['focus_prepositions'])})\s+", re.I),
        field_phrase=re.compile(rf"\s(?:{_phrases(w['field_phrases'])})\s+", re.I),
        goes_on=re.compile(rf"\s*(?:{_phrases(w['sentence_goes_on'])})\b", re.I),
        max_heading_words=int(w["max_heading_words"]),
        min_area_mentions=int(w["min_area_mentions"]),
        max_label_words=int(w["max_label_words"]),
        intro_words=int(w["intro_words"]),
        max_nominal_words=int(w["max_nominal_words"]),
        max_listed_nominal_words=int(w["max_listed_nominal_words"]),
        max_domain_words=int(w["max_domain_words"]),
        min_chapters=int(w["min_chapters"]),
        outline=re.compile(rf"\b(?:{_phrases(w['outline_words'])})\b"),
        # The head, its number if any, and a separator before the name: "asse 2 – ", "area ".
        optional_head=re.compile(
            rf"^(?:{_phrases(w['optional_heads'])})"
            r"(?:\s+(?:n\.?\s*)?(?:\d{1,2}(?:\.\d{1,2})?|[a-z]|[ivx]{1,4})\b)?\s*[-–—:.]?\s+(?=\w)"
        ),
    )


@dataclass
class _Found:
    label: str
    explanation: str
    span: Span


# -- labels ---------------------------------------------------------------------------------


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start] in " \t\n\"“”«»'’*_-–—•,;":
        start += 1
    while end > start and text[end - 1] in " \t\n\"“”«»'’*_-–—•,;.:":
        end -= 1
    return start, end


def _name(text: str, start: int, end: int, *, strip_leading: bool = False) -> tuple[Span, str] | None:
    """The span of an item's name inside ``text[start:end]`` and its explanation."""
    words = _words()
    lead = len(text[start:end]) - len(text[start:end].lstrip())
    quoted = _QUOTED.match(text, start + lead, end)
    if quoted:
        return quoted.span("q"), text[quoted.end() : end].strip()
    headed = _HEADED_QUOTE.match(text, start + lead, end)
    if headed and words.numbered_head.fullmatch(normalise(headed.group("head")).strip()):
        return headed.span("q"), text[headed.end() : end].strip()  # 'Tavolo 1 "Anziani": martedì …': the name
    start, end = _trim(text, start, end)
    item = text[start:end]
    cut = len(item)
    # "|" or a run of spaces: the next cell of a table's row ("Contrasto alla povertà      2.184.350,00").
    for pattern in (r"[:(]", r";", r"\s[–—]\s", r"\s-\s", r"\s\|\s", r"[ \t]{3,}|\t"):
        match = re.search(pattern, item[:cut])
        if match and match.start() > 0:
            cut = match.start()
    for pattern_ in (_SENT_END, _PURPOSE):
        match = pattern_.search(item[:cut])
        if match and match.start() > 0:
            cut = match.start()
    numbered = words.numbered_head.fullmatch(normalise(item[:cut]).strip())
    if numbered and cut < len(item):
        # "Asse 1: Lavoro e inclusione": the number alone does not name the area.
        rest = re.search(r"[;(]|\.(?:\s|$)", item[cut + 2 :])
        cut = cut + 2 + rest.start() if rest else len(item)
    explanation = item[cut:].strip(" :(;–—-\n")
    if len(item[:cut].split()) > 6:
        match = words.ender.search(item[:cut])
        if match and match.start() > 0:
            cut = match.start()
    # "la seconda il lavoro dei giovani": the ordinal that counts the item off, then its article.
    for opener in (words.ordinal_lead, words.leading) if strip_leading else ():
        leading = opener.match(item[:cut])
        if leading and leading.end() < cut:
            start, item, cut = start + leading.end(), item[leading.end() :], cut - leading.end()
    s, e = _trim(text, start, start + cut)
    name = text[s:e]
    comma = name.find(", ")
    if comma > 0 and len(name.split()) > words.max_label_words and len(name[:comma].split()) >= 2:
        # "Centro Servizi per … senza dimora, con funzioni di accoglienza …": a long item names its
        # area before the first comma and describes it after.
        s, e = _trim(text, s, s + comma)
        name = text[s:e]
    if not name or not re.search(r"[A-Za-zÀ-ÿ]{3}", name) or len(name.split()) > words.max_label_words:
        return None
    if words.not_item.match(normalise(name)):
        return None
    return (s, e), explanation


def _item(text: str, start: int, end: int, *, strip_leading: bool = False) -> _Found | None:
    """The area named inside ``text[start:end]`` (``_name``), or None."""
    named = _name(text, start, end, strip_leading=strip_leading)
    if named is None:
        return None
    (ns, ne), explanation = named
    return _Found(text[ns:ne], explanation, (ns, ne))


def _starts_with_head(label: str) -> bool:
    """True for a name that begins with a head word ("Area …") or a numbered one ("Priorità 2 – …")."""
    norm = normalise(label)
    return bool(_words().head.match(norm) or _words().numbered_head.match(norm))


# -- introductions --------------------------------------------------------------------------


def introduces_areas(intro: str) -> bool:
    """Whether the phrase before a colon introduces a list of areas ("Il Piano individua cinque aree prioritarie di
    intervento"); the commitments reader leaves such a list alone."""
    return _intro_kind(intro) in ("strong", "partial")


def _intro_kind(intro: str) -> str | None:
    """``strong``, ``partial``, ``nominal``, ``offered`` or None for the phrase before an enumeration's colon.

    Only the last words count: an area noun far back in a long or flattened sentence does not
    introduce what follows the colon. ``nominal`` introductions ("gli obiettivi condivisi
    sono:") hold areas only when their items are names, not sentences; ``offered`` ones ("i
    seguenti servizi:") only when their items are also names of services or fields of welfare.
    """
    words = _words()
    norm = " ".join(normalise(intro).replace("’", "'").split()[-words.intro_words :])
    if words.people_or_problems.search(_SENTENCE_START.split(norm)[-1]):
        return None  # "Destinatari degli interventi:", "Le criticità emerse riguardano:": people or problems
    following = _FOLLOWING_NOUN.search(norm)
    if following and words.schedule_noun.match(following.group("noun")):
        # "… nei tavoli tematici, che si riuniranno … secondo il seguente calendario:": the tables, read before it.
        whole = " ".join(normalise(intro).replace("’", "'").split())
        before = whole[: list(_FOLLOWING_NOUN.finditer(whole))[-1].start()]
        norm = " ".join(before.split()[-words.intro_words :])
    elif following and not any(
        pattern.match(following.group("noun")) for pattern in (words.area_noun, words.nominal_noun, words.offering)
    ):
        return None  # "Il Tavolo concorda sulle seguenti proposte:": the list holds what "seguenti" says
    # "individuano quali materie di confronto:": "quali" before an area noun says "as", not "such as".
    unqualified = _QUALI.sub(
        lambda m: " " if words.area_noun.match(m.string, m.end()) else m.group(), _RELATIVE_QUALI.sub(" ", norm)
    )
    if words.area_noun.search(norm) and not words.not_intro.search(norm):
        return "partial" if words.partial.search(unqualified) else "strong"
    if words.partial.search(unqualified):
        return None
    if words.nominal_noun.search(norm):
        return "nominal"
    if not words.offering.search(norm):
        return None
    # "Sono proseguiti i progetti di comunità:": what a report says was done, not the areas of work.
    return None if _DONE.search(norm) else "offered"


# A perfect tense: "hanno realizzato", "sono stati attivati", "sono proseguiti" (but "è articolato in",
# "sono previsti" tell what is, and the offer may be the areas).
_DONE = re.compile(
    r"\b(?:(?:ha|hanno)\s+[a-z]+(?:at|it|ut)[oaie]|(?:e|sono)\s+stat[oaie]\s+[a-z]+"
    r"|(?:e|sono)\s+(?:proseguit|continuat|conclus|terminat)[oaie])\b"
)


_QUALI = re.compile(r"\bquali\s+")
# Where the last clause of an introduction starts, for what it opens with.
_SENTENCE_START = re.compile(r"[.;:!?]\s+")
# What a list holds, when its introduction says so: "… sulle seguenti proposte da sottoporre al …:".
_FOLLOWING_NOUN = re.compile(r"\bseguent[ie]\s+(?P<noun>[\w'-]+(?:\s+[\w'-]+){0,2})")
# "quali" as a relative pronoun ("aree, a ciascuna delle quali corrisponde …"), not "such as" ("aree quali:",
# "tra le quali").
_RELATIVE_QUALI = re.compile(
    r"(?<!tra )(?<!fra )\b(?:delle|dei|degli|alle|ai|agli|nelle|nei|negli|sulle|sui|dalle|dai|le|i)\s+quali\b"
)


def _offered(items: list[_Found]) -> bool:
    """True when a list of what is offered names services or fields of welfare: more than half its items
    name one, most are short names ("Mediazione familiare", "servizi per i minori e le famiglie"), and
    none is a clause or a figure ("412 persone prese in carico")."""
    words = _words()
    return (
        len(items) >= 2
        and _mostly_nominal(items)
        and not any(_VERBAL.search(f.label.lower().replace("’", "'")) or f.label[:1].isdigit() for f in items)
        and 2 * sum(bool(words.service.search(normalise(f.label)) or categorize(f.label)) for f in items) > len(items)
    )


def _actions_to_do(intro: str, items: list[_Found]) -> bool:
    """Whether a list of actions ("Azioni previste:") says what is to be done, an item longer than a field's name
    ("attivazione di uno sportello per i caregiver"), rather than naming fields ("Formazione", "Casa")."""
    words = _words()
    return bool(words.actions.search(normalise(intro))) and any(
        len(f.label.split()) > words.max_action_item_words for f in items
    )


def _nominal(labels: list[str], longest: int | None = None) -> bool:
    """True when every item is a name of at most ``longest`` words (``max_nominal_words``), none a clause
    ("dotare i territori di …")."""
    longest = longest or _words().max_nominal_words
    return bool(labels) and all(
        len(label.split()) <= longest and not _VERBAL.search(label.lower().replace("’", "'")) for label in labels
    )


def _intro_before(analysis: Analysis, colon: int) -> str:
    """The sentence ending at ``colon``, joined to the previous one when cut mid-phrase."""
    text = analysis.text
    start, _ = analysis.sentence_at(colon)
    if start > 0 and text[start : start + 1].islower():
        start = analysis.sentence_at(max(0, start - 2))[0]
    return text[start : colon + 1]


# -- forms ----------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _lines(text: str) -> tuple[Span, ...]:
    """The spans of the text's non-blank lines; five forms read them, so they are found once per text."""
    return tuple(m.span() for m in re.finditer(r"[^\n]*", text) if m.group().strip())


def _marker_kind(line: str) -> tuple[str, int] | None:
    """The kind of the list marker opening ``line`` and where its text begins.

    Numbers and letters keep their closing mark ("num.", "num)"): "1) … 4)" and a heading
    "2. LINEE DI INTERVENTO" after them are not one list.
    """
    match = _MARKER.match(line)
    if not match:
        return None
    kind = next(k for k in ("bullet", "num", "alpha", "roman") if match.group(k))
    closing = match.group(kind)[-1]
    return (kind + closing if kind != "bullet" and closing in ".)" else kind), match.end()


# An item labelled by a name, its number or letter and a dash or colon: "Linea 1 – …", "Asse B: …". An article
# ("Articolo 2 – Oggetto"), a page or a programme's hour is no item's label.
_LABEL_MARKER = re.compile(
    r"[ \t]*(?P<label>(?!(?i:articolo|ore|pagina|pag)\b)[A-ZÀ-Ý][a-zà-ù]{2,14})[ \t]+(?:\d{1,2}|[A-Z])"
    r"[ \t]*[–—:-][ \t]+(?=\S)"
)


def _item_marker(line: str) -> tuple[str, int] | None:
    """The marker of a list item: a bullet, number or letter (``_marker_kind``), or a label with its number; a
    label's kind is its word, so "Linea 1 – …" and "Asse A – …" are items of two lists."""
    marker = _marker_kind(line)
    if marker is None and (labelled := _LABEL_MARKER.match(line)):
        marker = "label " + labelled.group("label").lower(), labelled.end()
    return marker


def _listed(analysis: Analysis) -> list[_Found]:
    """Items of marker lists: after an area introduction, or headed by an area word."""
    text = analysis.text
    lines = _lines(text)
    found: list[_Found] = []
    taken: set[int] = set()
    for i, (ls, le) in enumerate(lines):
        line = text[ls:le].rstrip()
        # An item of a list that is all introduction opens a list of its own ("• si articola nelle seguenti aree:"
        # over "a) …"); one that names an area before its colon ("- Politiche per la casa: …, si propone:") does not.
        nested_intro = line.endswith(":") and line.count(":") == 1
        if not _introduces_list(text, lines, i) or (_marker_kind(line) and i in taken and not nested_intro):
            continue
        intro = _intro_before(analysis, ls + len(line) - 1)
        kind_of_intro = _intro_kind(intro)
        items = _collect_items(text, lines, i + 1)
        if kind_of_intro is None and _counted(intro) == len(items):
            # "Il Piano è organizzato in sette aree di policy, ciascuna seguita da un tavolo …:" over seven items.
            kind_of_intro = "strong"
        if kind_of_intro is None:
            continue
        listed: list[_Found] = []
        for index, (s, e) in items:
            taken.add(index)
            body = text[s:e].rstrip()
            if body.endswith(":") and body.count(":") == 1:
                continue  # "1. I servizi … sono ricondotti alle seguenti aree:": the introduction of a list below
            item = _item(text, s, e)
            if item is not None and _schedule().search(item.label):
                continue  # "Tavolo 1 – martedì 3 marzo, ore 10": a calendar's entry, not an area's name
            if item is not None and (kind_of_intro != "partial" or _starts_with_head(item.label)):
                listed.append(item)
        if kind_of_intro == "offered":
            found.extend(listed if _offered(listed) and not _actions_to_do(intro, listed) else [])
        elif kind_of_intro != "nominal" or _nominal([f.label for f in listed], _words().max_listed_nominal_words):
            found.extend(listed)  # items a marker sets apart may be longer names than those in a sentence
    # Headed items outside introduced lists: "- Politiche per la disabilità: …".
    for i, (ls, le) in enumerate(lines):
        marker = _marker_kind(text[ls:le])
        if i in taken or marker is None:
            continue
        named = _name(text, ls + marker[1], le)
        if named is None:
            continue
        (ns, ne), explanation = named
        label = text[ns:ne]
        closes = text[ne : ne + 3].lstrip(' \t"”»')[:1] in (":", "(")
        # 'Tavolo 1 "Anziani": …': the head stands before the quoted name.
        headed = _starts_with_head(label) or _starts_with_head(text[ls + marker[1] : ns])
        if headed and not normalise(label).startswith(("tavoli", "aree")) and closes:
            found.append(_Found(label, explanation, (ns, ne)))
    return found


# The number before an area noun that counts a list: "organizzato in sette aree di policy".
_COUNT_BEFORE = re.compile(r"(\w+)\s+$")


def _counted(intro: str) -> int | None:
    """How many areas an introduction says it lists, anywhere in it: "organizzato in sette aree di policy" is 7."""
    words = _words()
    norm = normalise(intro)
    for noun in words.area_noun.finditer(norm):
        count = _COUNT_BEFORE.search(norm, max(0, noun.start() - 20), noun.start())
        value = date_words.number_in_words(count.group(1)) if count else None
        if value is not None and value >= 2 and not words.not_intro.match(norm, noun.start()):
            return value
    return None


def _introduces_list(text: str, lines: Sequence[Span], i: int) -> bool:
    """True when line ``i`` ends like a list's introduction: a colon, or "… sono le seguenti" before a marker."""
    line = text[lines[i][0] : lines[i][1]].rstrip()
    if line.endswith(":"):
        return True
    if i + 1 >= len(lines):
        return False
    following = _item_marker(text[lines[i + 1][0] : lines[i + 1][1]])
    if following is None:
        return False
    return bool(_OPEN_INTRO.search(normalise(line))) or _list_heading(line, following[0])


def _list_heading(line: str, items_marked_by: str) -> bool:
    """A short heading line naming areas, with no punctuation after it ("LINEE DI INTERVENTO").

    A heading may be numbered itself ("2. LINEE DI INTERVENTO", "a) Aree di attività") when its
    items are marked otherwise ("A)", "1."): an item of the same kind is the list's own.
    """
    marker = _marker_kind(line)
    if marker is not None:
        if marker[0] == items_marked_by:
            return False
        line = line[marker[1] :]
    if len(line.split()) > _words().max_heading_words or line[-1:] in ".;,":
        return False
    if _words().numbered_head.match(normalise(line).strip()):
        return False  # "ASSE 5 – Partecipazione": one area by its number, not a heading over areas
    return _intro_kind(line) in ("strong", "nominal", "offered")


def _collect_items(text: str, lines: Sequence[Span], first: int) -> list[tuple[int, Span]]:
    """The items of the list starting at line ``first``, continuation lines joined."""
    items: list[tuple[int, Span]] = []
    kind = None
    current: tuple[int, int, int] | None = None  # line index, start, end
    skipping = False
    lone_marker = -2
    for j in range(first, len(lines)):
        ls, le = lines[j]
        line = text[ls:le]
        if re.fullmatch(rf"[ \t]*{BULLET}[ \t]*", line) and j + 1 < len(lines):
            lone_marker = j  # the layout put the bullet on a line of its own
            continue
        marker = _item_marker(line)
        if marker is None and (o_end := list_marker_end(text, ls)) is not None:
            marker = ("bullet", o_end - ls)  # "o" as a bullet at the line's start, read with the lines around it
        if marker is None and lone_marker == j - 1:
            marker = ("bullet", 0)
        if marker is None and kind is None:
            quoted = _QUOTED.match(line.strip())
            if not quoted:
                return _unmarked_items(text, lines, first) if j == first else items
            marker = ("quote", 0)
        if marker is not None and kind is None:
            kind = marker[0]
        if marker is not None and marker[0] == kind:
            if current:
                items.append((current[0], (current[1], current[2])))
            current = (j, ls + marker[1], le)
            skipping = False
            continue
        if marker is not None:
            skipping = True  # a nested list of another kind: objectives, details
            continue
        if kind == "quote" and _QUOTED.match(line.strip()):
            if current:
                items.append((current[0], (current[1], current[2])))
            current = (j, ls, le)
            continue
        stripped = line.strip()
        blank_before = "\n\n" in text[lines[j - 1][1] : ls] if j > first else False
        if blank_before and not stripped[:1].islower():
            break
        if _STARTS_AT_A_TIME.match(stripped):
            break  # "16.30 Restituzione in plenaria": the programme's next entry, not more of the item
        if current and _schedule().search(stripped):
            skipping = True  # "Tavolo 1 – Famiglie" over "martedì 28 gennaio, ore 9:30 – Sala consiliare": when
            continue  # and where the item meets, not more of its name
        if current and _heading_over_body(text[current[1] : current[2]], stripped):
            skipping = True  # "3.2 AREA ANZIANI" over "Saranno potenziati …": the item's text, not its name
            continue
        if current and not skipping and stripped[:1].isupper() and _ended_short(text, lines[j - 1]):
            if _heads_its_body(text, lines, j, kind):
                skipping = True  # "▪ Disabilità" over "Progetti di vita indipendente, …", then "▪ Casa": its text
                continue
            break  # "6) Immigrazione" over "A queste si aggiunge …": the line was not full, so the list ends
        if stripped[:1].islower() or (
            not skipping and current and not re.search(r"[.;:!?]\s*$", text[:ls].rstrip()[-2:])
        ):
            if current and not skipping:
                current = (current[0], current[1], le)
            continue
        if skipping and not stripped.endswith(":"):
            continue
        break
    if current:
        items.append((current[0], (current[1], current[2])))
    return items


def _unmarked_items(text: str, lines: Sequence[Span], first: int) -> list[tuple[int, Span]]:
    """Items set one per line with no marker, as a saved web page flattens a list ("Temi affrontati:" over
    "Disabilità", "Anziani", …): a run of short lines up to a blank line, each a name, not a wrapped sentence."""
    items = _item_lines(text, lines, first, fits=_unmarked_name, closing=";,.")
    if any(text[s].islower() and ends_open(text[slice(*lines[j])]) for j, (s, _) in items):
        return []  # "la promozione della salute e" over "la prevenzione …": a sentence wrapped, not a list
    return items if len(items) >= _words().min_inline_items else []


def _unmarked_name(line: str) -> bool:
    """A line of an unmarked list: a name of a few words, no introduction, no table's row set in columns ("AREA DI
    INTERVENTO      SPESA 2023", read as a table); in lower case too ("contrasto alla povertà" over "non
    autosufficienza"), unless it stops mid-phrase (``_unmarked_items``)."""
    return (
        len(line.split()) <= _words().max_nominal_words
        and line[:1].isalpha()
        and not line.endswith(":")
        and not layout_line(line)
    )


# A line shorter than this share of the text's width ended where its writer ended it, not where the layout
# wrapped it.
_WRAPPED_SHARE = 0.6


@lru_cache(maxsize=4)
def _width(text: str) -> int:
    """The width of the text's full lines: the length that nine lines in ten do not exceed."""
    lengths = sorted(len(text[s:e].rstrip()) for s, e in _lines(text))
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


_BODY_LINES = 3


def _heads_its_body(text: str, lines: Sequence[Span], j: int, kind: str | None) -> bool:
    """Whether the item before line ``j`` is a heading over a short body: the item has no closing punctuation
    and another item of the same ``kind`` follows within ``_BODY_LINES`` lines."""
    if re.search(r"[.;:,]\s*$", text[lines[j - 1][0] : lines[j - 1][1]]):
        return False
    for ls, le in lines[j + 1 : j + 1 + _BODY_LINES]:
        marker = _marker_kind(text[ls:le])
        if marker is not None:
            return marker[0] == kind
    return False


def _ended_short(text: str, line: Span) -> bool:
    """True when ``line`` is well short of the text's width, so the line after it does not continue it."""
    return len(text[line[0] : line[1]].rstrip()) < _WRAPPED_SHARE * _width(text)


def _heading_over_body(item: str, line: str) -> bool:
    """True when ``item`` is a heading in capitals and ``line`` opens the text under it in mixed case."""
    return item.isupper() and line[:1].isupper() and not line.isupper()


def _split_inline(segment: str, offset: int, by: str, closed_by_e: bool = False) -> list[Span]:
    """Spans of the items of ``segment`` split on ``by``; parentheses are kept whole.

    ``closed_by_e``: the list ends with its item joined by "e" when the sentence goes on after it.
    """
    spans: list[Span] = []
    depth = 0
    start = 0
    for k, ch in enumerate(segment):
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if ch == by and depth == 0:
            spans.append((offset + start, offset + k))
            start = k + 1
    spans.append((offset + start, offset + len(segment)))
    if closed_by_e and by == ",":
        spans = _list_closed_by_e(segment, offset, spans)
    if by in ",;":
        # The last item is joined by "e": "immigrazione e integrazione". After semicolons, whose
        # items may hold an "e" of their own, only when a new noun phrase follows it, not a
        # complement ("conciliazione dei tempi di vita e di lavoro").
        ls, le = spans[-1]
        last = segment[ls - offset : le - offset]
        match = list(re.finditer(r"\s(?:e|ed)\s", re.sub(r"\([^)]*\)", lambda m: " " * len(m.group()), last)))
        if match and by == ";" and _COMPLEMENT.match(last, match[-1].end()):
            match = []
        if match:
            cut = match[-1]
            spans[-1:] = [(ls, ls + cut.start()), (ls + cut.end(), le)]
    return [s for s in spans if segment[s[0] - offset : s[1] - offset].strip()]


def _list_closed_by_e(segment: str, offset: int, spans: list[Span]) -> list[Span]:
    """The items up to the one joined by "e", when the sentence goes on after it with a comma and a
    complement ("casa, lavoro e anziani, con attenzione alle famiglie")."""
    goes_on = _words().goes_on
    for k in range(1, len(spans)):
        before = segment[spans[k - 1][0] - offset : spans[k - 1][1] - offset]
        if re.search(r"\s(?:e|ed)\s", before) and goes_on.match(segment, spans[k][0] - offset, spans[k][1] - offset):
            return spans[:k]
    return spans


# What follows an "e" that continues an item rather than starting the next: a preposition.
# A past participle after a copula makes a passive: "aperti", "raccolti", "costituiti", "previsti".
_PASSIVE_PARTICIPLE = re.compile(r"(?i)[a-zà-ù]+(?:at|it|ut|olt|ert|ess|ost|itt|ist)[oaie]\b")
_COMPLEMENT = re.compile(
    r"(?i)(?:di|a|da|in|con|su|per|tra|fra|del|della|dei|delle|degli|dello|dell['’]"
    r"|al|alla|ai|alle|agli|nel|nella|nei|nelle)\b"
)
_MAX_HEADING_WORDS = 8
# Words of a list item's own head before its colon ("1) area disabilità:"), past which its items are its contents.
_ITEM_HEAD_WORDS = 5
_EXPLANATION_CHARS = 80
_GENITIVE_WINDOW = 400  # characters: how far a genitive enumeration or quoted names are read
_CLOSING_TAIL = 16  # characters: a full stop followed by at most a few quotes and brackets


def _run_end(analysis: Analysis, index: int) -> int:
    """End of sentence ``index`` joined to the next ones a page or column break cut off."""
    text = analysis.text
    end = analysis.sentences[index][1]
    for start, nxt_end in analysis.sentences[index + 1 :]:
        # Only the sentence's tail can hold its closing mark: never scan the text before it.
        closed = re.search(r"[.!?]['\"”»)]*$", text[max(0, end - _CLOSING_TAIL) : end])
        if closed or not text[start : start + 1].islower():
            break
        end = nxt_end
    return end


def _mostly_nominal(items: list[_Found]) -> bool:
    """True when at least half the items are short names."""
    return 2 * sum(_nominal([f.label]) for f in items) >= len(items)


def _enumeration_start(sentence: str) -> tuple[int, str] | None:
    """Where a sentence's enumeration of areas begins, and how it is introduced.

    After a colon ("le aree di lavoro: …") or, with no colon, after a copula whose subject
    names areas ("Gli ambiti di intervento sono l'istruzione, la sanità, …").
    """
    colon = sentence.find(":")
    if colon >= 0:
        if not sentence[colon + 1 :].strip() or "\n" in sentence[colon : colon + 3]:
            return None
        kind = _intro_kind(sentence[: colon + 1])
        if kind in (None, "offered") and _specifying(sentence[: colon + 1]):
            kind = "specified"
        return (colon + 1, kind) if kind in ("strong", "nominal", "specified", "offered") else None
    for copula in _words().copula.finditer(sentence):
        if _COMPLEMENT.match(sentence, copula.end()) or sentence.startswith("in programma", copula.end()):
            continue  # "gli incontri dei tavoli sono a Aosta, il 4 …": where and when, not what
        if _PASSIVE_PARTICIPLE.match(sentence, copula.end()):
            continue  # "I tavoli saranno aperti a enti …", "saranno raccolti bisogni, …": a passive, not a list
        kind = _intro_kind(sentence[: copula.start()])
        if kind in ("strong", "nominal"):
            return copula.end(), "nominal"
    coverage = _words().coverage.search(sentence)
    # "L'area comprende …" tells what one area holds, not which areas there are.
    if coverage and not _words().area_noun.search(normalise(sentence[: coverage.start()])):
        return coverage.end(), "covered"
    focus = _words().focus.search(sentence) or _words().field_phrase.search(sentence)
    return (focus.end(), "focused") if focus else None


def _specifying(intro: str) -> bool:
    """True when an introduction singles out what follows ("e in particolare:", "nello specifico su:")."""
    return bool(_words().specifying.search(normalise(intro).rstrip()))


def _domain_items(intro: str, items: list[_Found]) -> list[_Found]:
    """The items after a specifying introduction that name fields of work, not bodies or people.

    The list counts when none of its items is a clause and at least ``min_inline_items`` are
    short lower-case names without figures, the introduction or one of them recognisably about
    welfare ("i servizi sociali e in particolare: ticket termale; trasporto pubblico; …");
    longer names are dropped.
    """
    words = _words()
    if not items or any(_VERBAL.search(f.label.lower().replace("’", "'")) for f in items):
        return []
    named = [
        f for f in items
        if len(f.label.split()) <= words.max_domain_words and f.label[:1].islower() and not re.search(r"\d", f.label)
    ]  # fmt: skip
    about_welfare = categorize(" ".join(intro.split()[-words.intro_words :])) or any(categorize(f.label) for f in named)
    if len(named) < words.min_inline_items or not about_welfare:
        return []
    return named


def _welfare_fields(items: list[_Found]) -> list[_Found]:
    """The items after an action noun ("interventi su casa, lavoro e anziani"), when every one is a short
    name of a known field of welfare: with no colon nor area noun, nothing else marks them as areas."""
    named = _domain_items("", items)
    return named if len(named) == len(items) and all(categorize(f.label) for f in named) else []


def _separator(body: str) -> str:
    """What separates the items: bullets a layout flattened into a line, semicolons or commas."""
    if body.count("•") >= 2:
        return "•"
    return ";" if body.count(";") >= 2 else ","


# A line that opens with a capitalised word and a number: the next heading of an outline ("Obiettivo 5.1 –").
_NUMBERED_LINE = re.compile(r"\n[ \t]*[A-ZÀ-Ý][\w'’-]*[ \t]+(?:n\.[ \t]*)?\d")


def _as_counted(text: str, spans: list[Span], intro: str) -> list[Span]:
    """The items as many as the introduction counts: one more split at a last "e" was one item ("quattro aree: …,
    la prevenzione e il contrasto della violenza", "tre gruppi - …, Inclusione sociale e povertà -")."""
    counted = len(spans) > 2 and len(spans) == (_counted(intro) or 0) + 1
    if counted and re.fullmatch(r"\s(?:e|ed)\s", text[spans[-2][1] : spans[-1][0]]):
        return [*spans[:-2], (spans[-2][0], spans[-1][1])]
    return spans


def _inline(analysis: Analysis) -> list[_Found]:
    """Items after an area introduction within one sentence, split on bullets, ";" or ","."""
    text = analysis.text
    words = _words()
    found: list[_Found] = []
    for index, (start, end) in enumerate(analysis.sentences):
        end = _run_end(analysis, index)
        begun = _enumeration_start(text[start:end])
        if begun is None:
            continue
        body_start = start + begun[0]
        line_start = text.rfind("\n", 0, start + 1) + 1
        line_marker = _marker_kind(text[line_start:body_start])
        head = text[line_start + (line_marker[1] if line_marker else 0) : body_start].strip(" :")
        if head and len(head.split()) <= _ITEM_HEAD_WORDS and _starts_with_head(head):
            # "1) area disabilità: centri diurni, comunità alloggio …", "Area 5 – Socio-assistenziale: famiglie,
            # minori e …": an area's contents, a level below
            continue
        body_end = end - 1 if text[end - 1] == "." else end
        quoted = _QUOTE_OPENS.search(text, body_start, body_end)
        body_end = quoted.start() if quoted else body_end  # a quoted statement follows the list
        numbered = _NUMBERED_LINE.search(text, body_start, body_end)
        body_end = numbered.start() if numbered else body_end  # "…\nObiettivo 5.1 – …": the next item of an outline
        body_end = _before_dated_clause(text, body_start, body_end)
        body = text[body_start:body_end]
        by = _separator(body)
        # With no colon nor area noun, the list must end where the sentence goes on.
        spans = _split_inline(body, body_start, by, closed_by_e=begun[1] in ("focused", "covered"))
        spans = _as_counted(text, spans, text[start:body_start])
        if by == "•" and spans:
            # The flattened list ends with its last item: cut the running text after it.
            ls, le = spans[-1]
            comma = text.find(",", ls, le)
            spans[-1] = (ls, comma if comma > 0 else le)
        if len(spans) < words.min_inline_items or _schedule().search(body):
            continue  # too short, or a meeting's day, time and place ("Tavolo 1: mercoledì 12 novembre, ore 16")
        items: list[_Found] = []
        for s, e in spans:
            marker = _INLINE_MARKER.match(text, s, e)
            s = marker.end() if marker else s  # "1) contrasto alla povertà; 2) …"
            item = _item(text, s, e, strip_leading=True)
            if item is not None and not _CODE.search(item.label):
                items.append(item)
        if len(items) < words.min_inline_items:
            continue
        # Even after an area noun, a run of clauses is running text cut at a colon, not a list.
        if begun[1] == "specified":
            found.extend(_domain_items(text[start:body_start], items))
        elif begun[1] == "focused":
            found.extend(_welfare_fields(items))
        elif begun[1] in ("offered", "covered"):
            found.extend(items if _offered(items) else [])
        elif _nominal([f.label for f in items]) or (begun[1] == "strong" and _mostly_nominal(items)):
            found.extend(items)
    return found


def _before_dated_clause(text: str, body_start: int, body_end: int) -> int:
    """Where an inline list ends when the clause after its last comma holds all its dates ("…, disabilità e
    povertà, come deciso dal Comitato il 12 marzo 2024"); a date among the items makes a calendar instead."""
    first = _schedule().search(text, body_start, body_end)
    if first is None:
        return body_end
    cut = max(text.rfind(",", body_start, first.start()), text.rfind(";", body_start, first.start()))
    if cut <= body_start or re.search(r"[,;]", text[first.end() : body_end]):
        return body_end
    return cut


def _bracketed(analysis: Analysis) -> list[_Found]:
    """Names in brackets or dashes after an area noun: "quattro tavoli tematici (anziani, disabili, minori)"."""
    text = analysis.text
    words = _words()
    found: list[_Found] = []
    for start, end in analysis.sentences:
        if not any(mark in text[start:end] for mark in ("(", "–", "—", " - ")):
            continue
        if not words.bracket_noun.search(normalise(text[start:end])):
            continue  # no noun that could introduce the list: the pattern's try at every word would fail
        for match in _BRACKETED.finditer(text, start, end):
            # A plural noun introduces the list; "Area Inclusione (reddito, casa)" explains one item.
            noun = words.bracket_noun.search(normalise(match.group("intro")))
            if not noun:
                continue
            group = "b1" if match.group("b1") is not None else "b2"
            body = match.group(group)
            items: list[_Found] = []
            spans = _split_inline(body, match.start(group), ";" if ";" in body else ",")
            for s, e in _as_counted(text, spans, match.group("intro")):
                if (item := _item(text, s, e, strip_leading=True)) is not None:
                    items.append(item)
            labels = [f.label for f in items]
            if noun.group() == "ambiti" and not all(x[:1].islower() for x in labels):
                continue  # "tre ambiti (Lissone, Vimercate, Brugherio)" are districts, named as places
            if len(items) >= words.min_inline_items and _nominal(labels) and all(len(x.split()) <= 6 for x in labels):
                found.extend(items)
    return found


def _policies(analysis: Analysis) -> list[_Found]:
    """A comma enumeration of policies in running text, the elided "politiche" restored."""
    text = analysis.text
    words = _words()
    found: list[_Found] = []
    for start, end in analysis.sentences:
        sentence = text[start:end]
        first = words.policy.search(sentence)
        if first is None or ":" in sentence[first.start() :]:
            continue
        if sentence[: first.start()].count("(") > sentence[: first.start()].count(")"):
            continue  # the explanation of an item, not an enumeration of its own
        body_start = start + first.start()
        body_end = end - 1 if text[end - 1] == "." else end
        spans = _split_inline(text[body_start:body_end], body_start, ",")
        if len(spans) < words.min_inline_items + 1:
            continue
        heads = sum(bool(words.policy.search(text[s:e][:25])) for s, e in spans)
        if heads < words.min_policy_heads:
            continue
        head_word = words.policy.search(sentence).group()  # type: ignore[union-attr]
        for s, e in spans:
            named = _name(text, s, e, strip_leading=True)
            if named is None:
                continue
            (ns, ne), explanation = named
            label = text[ns:ne]
            if len(label.split()) > 10:
                continue
            if not words.policy.match(label) and not categorize(label):
                continue
            elided = text[s:ns].strip()
            # "dell'infanzia", "giovanili": the shared head is understood; "la lotta a …" names itself.
            understood = not words.policy.match(label) and (elided or _ADJECTIVE.match(label))
            if understood and not _SELF_NAMED.search(label):
                label = re.sub(r"(['’])\s+", r"\1", f"{head_word} {elided} {label}")
            found.append(_Found(" ".join(label.split()), explanation, (ns, ne)))
    return found


def _themes(analysis: Analysis) -> list[_Found]:
    """Quoted themes ("in tema di “…”") and the subject of "un altro asse sarà …"."""
    text = analysis.text
    words = _words()
    found = [_Found(m.group("q").strip(), "", m.span("q")) for m in words.theme.finditer(text)]
    for match in words.axis.finditer(text):
        if (item := _item(text, match.start("x"), match.end("x"), strip_leading=True)) is not None:
            found.append(item)
    return found


def _area_mentions(analysis: Analysis) -> list[_Found]:
    """Mentions such as "area minori", "AREA ANZIANI" or "il Tavolo per la disabilità", kept when
    a document names several."""
    text = analysis.text
    words = _words()
    by_head: dict[str, list[_Found]] = {}
    for match in words.area_mention.finditer(text):
        head = normalise(match.group("head"))
        # "l'area della non autosufficienza" is running text; "il Tavolo per la disabilità" names one.
        lead_allowed = head != "area"
        end = 0
        # "Tavolo Famiglie, minori e giovani": the groups a comma joins belong to the name too.
        for word in re.finditer(r"[^\s,]+", match.group("x")):
            norm = normalise(word.group())
            if norm in ("e", "ed") or (not end and lead_allowed and words.mention_lead.match(norm)):
                continue  # "area anziani e disabili": kept only if a target group follows
            if not categorize(word.group()):
                break
            end = word.end()
        whole = _rest_of_heading_line(text, match)
        if whole and any(categorize(w) for w in whole.split()):
            end = len(whole)  # "Sezione C – Area sostegno ai caregiver familiari": the line names the area
        if end:
            span = (match.start(), match.start("x") + end)
            by_head.setdefault(head, []).append(_Found(text[span[0] : span[1]], "", span))
    found: list[_Found] = []
    for mentions in by_head.values():
        if len({normalise(f.label) for f in mentions}) >= words.min_area_mentions:
            found.extend(mentions)
    return found


# What may stand before an area's head on a line that names it alone: a bullet, or a section's code and a
# dash ("Sezione C – Area …", "3) Area …").
_HEADING_LEAD = re.compile(
    r"[ \t]*(?:[-–—•*▪➢o][ \t]+)?(?:\w+[ \t]+[A-Z0-9]{1,3}[.)]?[ \t]*[–—:-][ \t]*|\d{1,2}[.)][ \t]*)?"
)


def _rest_of_heading_line(text: str, match: re.Match[str]) -> str | None:
    """The words after an area's head when head and words make up their line with at most a bullet or a
    section's code before them, no punctuation, and no more than ``max_label_words`` words; else None."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    rest = text[match.start("x") : len(text) if line_end < 0 else line_end].rstrip()
    # A dash after the name sets apart what the line says of it: "Tavolo Inclusione sociale e lavoro – martedì …".
    rest = re.split(r"[ \t][–—-][ \t]", rest, maxsplit=1)[0].rstrip()
    if not _HEADING_LEAD.fullmatch(text, line_start, match.start()) or re.search(r"[.;:,()\"“”«»|]", rest):
        return None
    return rest if 0 < len(rest.split()) <= _words().max_label_words else None


# How far into its sentence a frame may open ("Infine, nell'area …"), how long the area it frames may be,
# and what ends it: punctuation, a verb, or the article of the clause's subject.
_FRAME_REACH = 40
_MAX_FRAMED_WORDS = 6
_FRAMED_END = re.compile(
    r"[,.;:()]|\s(?:è|e'|sono|sarà|saranno|si|ha|hanno|viene|vengono|il|lo|la|i|gli|le|un|una|uno|"
    r"con|attraverso|mediante|grazie|che|dove|per)\s|\s(?:l|un)['’]",
    re.I,
)


def _framed_in_prose(analysis: Analysis) -> list[_Found]:
    """Areas a report's prose is organised by, each sentence opened by a frame that names one ("Nell'area
    della non autosufficienza …", "Sul fronte del contrasto alla povertà, …", "In materia di disabilità …");
    kept when the document frames ``min_prose_frames`` distinct fields of welfare so.

    The area is the words after the frame up to a clause's verb or punctuation, when they name a field
    (``categorize``).
    """
    text = analysis.text
    words = _words()
    found: list[_Found] = []
    fields: set[str] = set()
    for start, end in analysis.sentences:
        frame = words.prose_frame.match(text, start, min(end, start + _FRAME_REACH))
        if frame is None:
            continue
        tail = _FRAMED_END.search(text, frame.end(), end)
        stop = tail.start() if tail else end
        label_span = _trim(text, frame.end(), stop)
        lead = words.leading.match(text[slice(*label_span)])  # "degli anziani": the article goes
        label_span = _trim(text, label_span[0] + (lead.end() if lead else 0), label_span[1])
        label = text[slice(*label_span)]
        field = categorize(label) if 1 <= len(label.split()) <= _MAX_FRAMED_WORDS else None
        if field:
            found.append(_Found(label, "", label_span))
            fields.add(field)
    return found if len(fields) >= words.min_prose_frames else []


# An office's contacts on a line that opens with its name.
_CONTACT = re.compile(r"(?i)\b(?:tel|telefono|fax|cell|e-?mail|pec)\b\.?")


def _headings(analysis: Analysis) -> list[_Found]:
    """Heading lines of a report that name a policy area ("Politiche abitative e Piani di zona")."""
    text = analysis.text
    words = _words()
    found: list[_Found] = []
    lines = _lines(text)
    for i, (ls, le) in enumerate(lines):
        if is_menu_line(text[ls:le]):
            continue  # a site's menu flattened: "Politica  Cronaca  Sanità  Sociale" names its sections
        # "3.2 MACRO-AREA 1 – …": the number of the report's section does not name the area.
        line = SECTION_NUMBER.sub("", text[ls:le].strip())
        run_in = _RUN_IN.search(line)
        if run_in and _NUMBERED_DASH.match(line):
            line = line[: run_in.start()]  # "Area 2 – Persone anziane. Saranno incrementate …": a run-in heading
        if not line.isupper():
            # "Politiche abitative GLI IMPEGNI DI MANDATO": a sub-heading the layout joined on.
            line = re.sub(r"(?:\s+[A-ZÀ-Ý'’]{2,}){2,}$", "", line)
        label, colon, value = line.partition(": ")
        bare_number = words.numbered_head.fullmatch(normalise(label).strip())  # "Asse 1: Lavoro" names it after
        if _HEADLINE_CLAUSE.search(line):
            continue  # "POLITICHE SOCIALI, RIUNITO IL TAVOLO DISTRETTUALE: …": a news headline, not a section's
        if (
            colon
            and value
            and not bare_number
            and (re.search(r"\d", value) or len(line.split()) > NUMBERED_HEADING_WORDS)
        ):
            # "Area anziani: 40%", "Area disabilità: centri diurni, trasporto, …": the area, then what the line says
            # of it; a short line keeps its whole name ("Area 5 – Socio-assistenziale: famiglie e minori").
            line = label
        if _CONTACT.search(line):
            continue  # "Area Casa e Inclusione – tel. 02 9323 2111 – e-mail": an office's contacts
        # Words of the name only: "TAVOLO 3 - INCLUSIONE SOCIALE …" has its number and dash besides.
        named_words = len(re.findall(r"[^\W\d_][\w'’]*", line))
        norm = normalise(line)
        # "LINEA 2 – CENTRO PER LE FAMIGLIE E …": a head, its number and a dash make a heading of any case.
        dash = _NUMBERED_DASH.match(line)
        numbered = dash is not None and words.numbered_head.match(norm) is not None
        if dash is not None and _VERBAL.search(line[dash.end() :].lower().replace("’", "'")):
            continue  # "Obiettivo strategico 2 – Ridurre le liste d'attesa": an aim, not an area
        longest = NUMBERED_HEADING_WORDS if numbered else _MAX_HEADING_WORDS
        if _marker_kind(line) or not (1 <= named_words <= longest) or re.search(r"[.,;:]$", line) or "|" in line:
            continue  # a list item, a sentence, or a table's row
        if layout_line(line):
            continue  # a table's header set in columns ("AREA STRATEGICA      RISORSE TRIENNIO (€)")
        if not _starts_with_head(line) or norm.startswith(("tavoli", "aree")) or _schedule().search(line):
            continue
        nxt = text[lines[i + 1][0] : lines[i + 1][1]].strip() if i + 1 < len(lines) else ""
        if nxt[:1].islower() and not line.isupper() and not numbered:
            continue  # a line of running text cut by the layout (a capital or numbered heading is not)
        s = ls + text[ls:le].index(line)
        found.append(_Found(line, "", (s, s + len(line))))
    return found


# A clause a news headline tells its fact in, after a comma: "…, RIUNITO IL TAVOLO", "…, firmato il patto".
_HEADLINE_CLAUSE = re.compile(r"(?i),\s+\w+(?:at|it|ut)[oaie]\s+(?:il|lo|la|i|gli|le|l['’]|un|una|uno)\b")


@cache
def _schedule() -> re.Pattern[str]:
    """A day and month or a time of day: "Linea 2 – lunedì 7 aprile, ore 15:00, …" is a line of a calendar."""
    return re.compile(rf"\b\d{{1,2}}°?\s+{date_words.month_re()}\b|\bore\s+\d|\b\d{{1,2}}[:.]\d{{2}}\b", re.I)


# A full stop and a capital after it: the text that goes on after a run-in heading.
_RUN_IN = re.compile(r"\.[ \t]+(?=[A-ZÀ-Ý])")
# A numbered head and a dash open the line: "LINEA 2 – ", "Tavolo 1 - ", "ASSE IV – ".
_NUMBERED_DASH = re.compile(
    r"\S+(?:[ \t]\S+)?[ \t]+(?:n\.\s*|n°\s*)?(?:\d{1,2}(?:\.\d{1,2})?|[A-Za-z]|[IVXivx]{1,4})\.?[ \t]*[–—-][ \t]"
)


# Capital words in a run; the last is whole, not the initial of a capitalised word ("… BILANCIO Il").
# Capital words run on across one or two spaces: a wider gap is a table's next column ("AREA STRATEGICA   N.").
_CAPITAL_RUN = re.compile(
    r"[A-ZÀ-Ý][A-ZÀ-Ý'’\-]*(?:[ \t]{1,2}[A-ZÀ-Ý][A-ZÀ-Ý'’\-]*|[ \t]{1,2}(?:E|DI|DEL|DELLA|ALLA|AL))+(?![a-zà-ÿ])"
)


def _capital_headings(analysis: Analysis) -> list[_Found]:
    """Area names written in capitals, as report sections title them.

    Well-known names ("GOVERNO DEL SISTEMA") count on their own; runs that begin with a head
    word ("POLITICHE SOCIALI", "ASSE INCLUSIONE") count when a document has two or more.
    """
    text = analysis.text
    words = _words()
    found: list[_Found] = []
    headed: list[_Found] = []
    for run in _CAPITAL_RUN.finditer(text):
        norm = normalise(run.group())
        if len(norm) != len(run.group()):
            continue  # a letter without an ASCII base would shift the offsets
        if layout_line(line_around(text, run.start())):
            continue  # a table's header row ("AREA STRATEGICA      N. OBIETTIVI")
        for match in words.heading_area.finditer(norm):
            if match.start() > 0:
                continue  # "PATTO PER IL WELFARE DI COMUNITÀ": inside a title, not a section named so
            span = (run.start() + match.start(), run.start() + match.end())
            found.append(_Found(text[span[0] : span[1]], "", span))
        short = len(norm.split()) <= _MAX_HEADING_WORDS
        if short and words.head.match(norm) and not norm.startswith(("tavoli", "aree")):
            headed.append(_Found(run.group(), "", run.span()))
    if len({normalise(f.label) for f in headed}) >= 2:
        found.extend(headed)
    return found


_GENITIVE = re.compile(r"(?i)(?:del|dello|della|dei|degli|delle|dell['’])(?:\s+|(?<=['’]))")
# What follows the last item of a genitive enumeration: "… e della transizione ecologica a livello di …".
_TAIL = re.compile(r"\s(?:a|in|con|su|sul|sulla|nel|nella|nei|presso|entro|tra|fra|per|che)\s")


def _genitives(analysis: Analysis) -> list[_Found]:
    """A plural area noun followed by genitive items: "i capitoli del welfare, del lavoro e della casa"."""
    text = analysis.text
    words = _words()
    found: list[_Found] = []
    for noun in words.genitive_noun.finditer(text):
        if not _GENITIVE.match(text, noun.end() + 1) or text[noun.end() : noun.end() + 1] != " ":
            continue
        line_start = text.rfind("\n", 0, noun.start()) + 1
        if _marker_kind(text[line_start : noun.start()]):
            continue  # inside a list item, where it explains the item ("II. Formazione — i settori della …")
        _, end = analysis.sentence_at(noun.start())
        body_start = noun.end() + 1
        body_end = min(max(end, body_start), body_start + _GENITIVE_WINDOW)
        items: list[_Found] = []
        for s, e in _split_inline(text[body_start:body_end], body_start, ","):
            s += len(text[s:e]) - len(text[s:e].lstrip())
            article = _GENITIVE.match(text, s, e)
            if article is None:
                break
            tail = _TAIL.search(text, article.end(), e)
            item = _item(text, article.end(), tail.start() if tail else e)
            if item is None or len(item.label.split()) > words.max_nominal_words // 2:
                break
            items.append(item)
            if tail:
                break  # the sentence goes on after the last item
        if len(items) >= words.min_inline_items:
            found.extend(items)
    return found


def _quoted_names(analysis: Analysis) -> list[_Found]:
    """Two or more quoted names after a noun such as "azioni progettuali" in one sentence."""
    text = analysis.text
    found: list[_Found] = []
    for noun in _words().quoted_noun.finditer(text):
        _, end = analysis.sentence_at(noun.start())
        stop = min(max(end, noun.end()), noun.end() + _GENITIVE_WINDOW)
        names = list(_QUOTED.finditer(text, noun.end(), stop))
        if len(names) < 2:
            continue
        # The words after a name, up to the next, say whom it serves ("…”, rivolto a persone con disabilità").
        ends = [m.start() for m in names[1:]] + [min(names[-1].end() + _EXPLANATION_CHARS, stop)]
        for m, nxt in zip(names, ends, strict=True):
            found.append(_Found(m.group("q").strip(), text[m.end() : nxt], m.span("q")))
    return found


# "1. POLITICHE DI BILANCIO" inside a line the layout flattened; the run ends before a capitalised word.
_NUMBERED_CAPITALS = re.compile(
    r"(?<![\w.,/])(?:\d{1,2}|[IVX]{1,4})[.)][ \t]+"
    r"(?P<run>[A-ZÀ-Ý][A-ZÀ-Ý'’\-]*(?:[ \t]+[A-ZÀ-Ý][A-ZÀ-Ý'’\-]*)*)\b(?![a-zà-ù])"
)


def _names_one_field(heading: str) -> bool:
    """Whether a numbered heading with no head word names a field of welfare ("2. POLITICHE DI BILANCIO"), not a part
    of the document ("3.3 IL SISTEMA DI MONITORAGGIO", "4. MODALITÀ DI PARTECIPAZIONE") nor the kind of areas the
    list under it holds ("2. LINEE DI ATTIVITÀ OGGETTO DI CO-PROGETTAZIONE")."""
    norm = normalise(heading)
    words = _words()
    if words.outline.search(norm) or _intro_kind(heading) in ("strong", "nominal"):
        return False
    return bool(categorize(heading))


def _numbered_headings(analysis: Analysis) -> list[_Found]:
    """Numbered headings naming areas ("1. POLITICHE DI BILANCIO"), kept when two or more."""
    text = analysis.text
    found: list[_Found] = []
    for match in _NUMBERED_CAPITALS.finditer(text):
        run = match.group("run")
        # A run glued to the next sentence's capital initial: "POLITICHE SOCIALI Il Comune".
        run = re.sub(r"[ \t]+[A-ZÀ-Ý]$", "", run)
        if 1 <= len(run.split()) <= _MAX_HEADING_WORDS and (_starts_with_head(run) or _names_one_field(run)):
            found.append(_Found(run, "", (match.start("run"), match.start("run") + len(run))))
    for ls, le in _lines(text):
        marker = _marker_kind(text[ls:le])
        if marker is None or marker[0] == "bullet":
            continue
        line = text[ls + marker[1] : le].strip()
        if not (1 <= len(line.split()) <= 8) or re.search(r"[.,;:]$", line) or _CODE.search(line) or layout_line(line):
            continue  # a sentence, a code, or a table's row ("2. Politiche familiari      5")
        capitals = line.isupper()
        if not (_starts_with_head(line) or (capitals and _names_one_field(line))):
            continue
        if not capitals and not line[:1].isupper():
            continue
        start = ls + text[ls:le].index(line)
        found.append(_Found(line, "", (start, start + len(line))))
    # A line can match both ways: count distinct headings.
    return found if len({normalise(f.label) for f in found}) >= 2 else []


# A chapter's number and its heading in capitals on a line of their own: "2. SERVIZI SOCIALI", "III) CASA".
_CHAPTER = re.compile(
    r"^[ \t]*(?P<number>\d{1,2}|[IVX]{1,4})[.)][ \t]+(?P<heading>[A-ZÀ-Ý][A-ZÀ-Ý'’ ,\-]*[A-ZÀ-Ý])[ \t]*$", re.M
)


def _numbered_chapters(analysis: Analysis) -> list[_Found]:
    """Chapters of an agreement named after the areas they cover: a numbered series of capital headings
    ("1. FISCALITÀ LOCALE", "2. SERVIZI SOCIALI", "3. POLITICHE ABITATIVE"), at least half of them naming
    a field of welfare or a service or opening with a head word; the parts of the act's outline among them
    ("1. PREMESSA", "6. DURATA") are not areas."""
    text = analysis.text
    words = _words()
    series: list[list[re.Match[str]]] = []
    for match in _CHAPTER.finditer(text):
        number = match.group("number")
        previous = series[-1][-1].group("number") if series else None
        if previous is not None and _follows(previous, number):
            series[-1].append(match)
        else:
            series.append([match])
    found: list[_Found] = []
    for chapters in series:
        if any(len(m.group("heading").split()) > _MAX_HEADING_WORDS for m in chapters):
            continue
        # "1. PREMESSA" and "6. VERIFICA" frame the areas in between.
        areas = [m for m in chapters if not words.outline.search(normalise(m.group("heading")))]
        if len(areas) < words.min_chapters or 2 * sum(_names_a_field(m.group("heading")) for m in areas) < len(areas):
            continue
        found.extend(_Found(m.group("heading"), "", m.span("heading")) for m in areas)
    return found


def _names_a_field(heading: str) -> bool:
    """True for a heading that opens with a head word, names a field of welfare or names a service."""
    return bool(_starts_with_head(heading) or categorize(heading) or _words().service.search(normalise(heading)))


def _follows(previous: str, number: str) -> bool:
    """True when chapter ``number`` comes right after ``previous``, both in figures or both in Roman numerals."""
    if previous.isdigit() and number.isdigit():
        return int(number) == int(previous) + 1
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
    return previous in romans and number in romans and romans.index(number) == romans.index(previous) + 1


# A sub-section's number and its title: "A.1 Rafforzamento del servizio sociale", "3.2 Pronto intervento".
_SUBSECTION = re.compile(r"(?:\d{1,2}|[A-Z])\.\d{1,2}\.?[ \t]+(?=[A-ZÀ-Ý])")
# A top-level section: "4. CRITICITÀ E PROSPETTIVE", "Art. 5 – …", "CAPO II".
_TOP_SECTION = re.compile(r"(?:\d{1,2}[.)]|art(?:icolo)?\.?\s*\d+|capo\s+[IVX]+)\s", re.I)


def _numbered_subsections(analysis: Analysis) -> list[_Found]:
    """Titles of the numbered sub-sections under a heading that names areas, each over its own text: "3.
    ATTIVITÀ REALIZZATE PER LINEA DI INTERVENTO" over "A.1 Rafforzamento del servizio sociale professionale",
    "A.2 Punti di accesso …"; kept when two or more, up to the next top-level section."""

    def heading_of(line: str) -> str:
        return re.sub(r"^\d{1,2}[.)]\s+", "", unnumbered(line))

    def ends(line: str) -> bool:
        return _SUBSECTION.match(line) is None and _TOP_SECTION.match(line) is not None

    def label_of(line: str) -> str | None:
        number = _SUBSECTION.match(line)
        title = line[number.end() :].rstrip(" :") if number else ""
        return title if _area_title(title) else None

    return _areas_under_headings(analysis, heading_of, 4, ends, label_of, len(analysis.text))


# A line of running text under a heading: five words at least, or a sentence's end.
_BODY_LINE = re.compile(r"(?:\S+\s+){4,}\S|.*[.;:]\s*$")


# A figure in a line: an amount, a count or a year, never the number of an area ("MACRO-AREA 1 – …").
_FIGURE = re.compile(r"\d{3}|\d[.,]\d")


def _titled_sections(analysis: Analysis) -> list[_Found]:
    """Sections after an introduction or a heading that names areas, each titled by an area: "sui seguenti temi
    di confronto:" over "NON AUTOSUFFICIENZA", a paragraph, "CASA", a paragraph; "Aree di intervento" over
    "Anziani", a paragraph, "Disabilità", a paragraph; "Le aree di intervento sono quattro." over "Anziani:
    assistenza domiciliare …", "Disabilità: …".

    Each title names a field of welfare or opens with an area's head ("POLITICHE TARIFFARIE"); the run of
    sections ends at the first title line that names none ("Come accedere", "RISORSE"), or at the next top-level
    section. Kept when two or more; "PREMESSO CHE" or "PER LA CGIL" over a name title no area.
    """
    text = analysis.text
    lines = _lines(text)
    found: list[_Found] = []
    i = 0
    while i < len(lines):
        if not _introduces_sections(analysis, lines[i]):
            i += 1
            continue
        i += 1
        under: list[_Found] = []
        while i < len(lines) and not _TOP_SECTION.match(text[slice(*lines[i])].strip()):
            titled = _section_title(text, lines, i)
            i += 1
            if titled is None:
                continue
            start, title, labelled = titled
            if _starts_with_head(title) or categorize(title) not in (None, "governance"):
                under.append(_Found(title, "", (start, start + len(title))))
            elif not labelled:
                break  # "Come accedere", "RISORSE": a section of another kind (a plan's means are no field of welfare)
        if len(under) >= 2:
            found.extend(under)
    return found


# A label and its colon opening a line, words after it: "Anziani: assistenza domiciliare e centri diurni." (not a
# figure: "… presso la Casa della" over "Comunità di Casalecchio: 402" is a count cut by the layout).
_LABELLED = re.compile(r"([A-ZÀ-Ý][^:\n]{1,60}?)[ \t]*:[ \t]+[^\W\d_]")


def _section_title(text: str, lines: Sequence[Span], i: int) -> tuple[int, str, bool] | None:
    """The title line ``i`` gives a section, where it starts, and whether it labels the text after its colon: a
    short capitalised line over its own text ("Anziani" over a paragraph, set apart by a blank line unless in
    capitals), or a few words before a colon ("Anziani: assistenza domiciliare …"); None for any other line."""
    ls, le = lines[i]
    marker = _marker_kind(text[ls:le])
    line = text[ls + (marker[1] if marker else 0) : le].strip()
    labelled = _LABELLED.match(line)
    if labelled and not line.isupper():
        title = labelled.group(1)
        if len(title.split()) > _ITEM_HEAD_WORDS or _FIGURE.search(title) or layout_line(line):
            return None
        if _words().numbered_head.fullmatch(normalise(title).strip()):
            return None  # "Asse A: Domiciliarità …": the name follows the number (``_listed`` reads it)
        return ls + text[ls:le].index(title), title, True
    if i + 1 >= len(lines):
        return None
    title = unnumbered(line).rstrip(" :")
    body = text[slice(*lines[i + 1])].strip()
    over_text = bool(_BODY_LINE.match(body)) and not body.isupper()
    closed = re.search(r"[.;,]$", line) or (line.endswith(":") and not line.isupper())
    if not (over_text and title[:1].isupper() and not closed and _area_title(title)):
        return None
    if _FIGURE.search(title) or layout_line(line):
        return None  # a table's row, a sum, a year: "Famiglia e minori 3.912.000", "ANNO 2025"
    set_apart = i > 0 and "\n\n" in text[lines[i - 1][1] : ls] and _ended_short(text, (ls, le))
    if not title.isupper() and not (set_apart and len(title.split()) <= _words().max_heading_words):
        return None  # a line of running text, not a title in mixed case
    return ls + text[ls:le].index(title), title, False


def _introduces_sections(analysis: Analysis, line_span: Span) -> bool:
    """Whether a line introduces areas set out in sections below it: a colon after words naming them ("… sui
    seguenti temi di confronto:"), a heading that names them ("Aree di intervento"), or a sentence that counts
    them ("Il Piano si articola in quattro aree di intervento.")."""
    line = analysis.text[slice(*line_span)].rstrip()
    if line.endswith(":"):
        return _intro_kind(_intro_before(analysis, line_span[0] + len(line) - 1)) == "strong"
    if not _words().area_noun.search(normalise(line)):
        return False  # what follows is introduced as areas only by a line that names them
    if line.endswith(".") and _intro_kind(line) == "strong":
        return any((date_words.number_in_words(w) or 0) >= 2 for w in re.findall(r"\w+", normalise(line)))
    heading = unnumbered(line.strip())
    return (
        0 < len(heading.split()) <= _words().max_heading_words
        and not re.search(r"[.;,]$", heading)
        and _intro_kind(heading) == "strong"
    )


def _areas_under_headings(
    analysis: Analysis,
    heading_of: Callable[[str], str],
    extra_words: int,
    ends: Callable[[str], bool],
    label_of: Callable[[str], str | None],
    limit: int,
) -> list[_Found]:
    """The areas the lines under a heading that names areas name, up to where its section ``ends`` or ``limit``
    lines on; kept when two or more. ``heading_of`` strips a line's numbering, ``label_of`` reads the area a
    line names (None when it names none); a heading may have ``extra_words`` beyond ``max_heading_words``."""
    text = analysis.text
    words = _words()
    lines = _lines(text)
    found: list[_Found] = []
    i = 0
    while i < len(lines):
        heading = heading_of(text[slice(*lines[i])].strip())
        norm = normalise(heading)
        i += 1
        if not (1 <= len(norm.split()) <= words.max_heading_words + extra_words) or re.search(r"[.,;:]$", heading):
            continue
        if not words.area_noun.search(norm) or words.not_intro.search(norm):
            continue
        under: list[_Found] = []
        section_end = i + limit
        while i < min(len(lines), section_end):
            ls, le = lines[i]
            line = text[ls:le].strip()
            if ends(line):
                break
            label = label_of(line)
            if label:
                start = ls + text[ls:le].index(label)
                under.append(_Found(label, "", (start, start + len(label))))
            i += 1
        if len(under) >= 2:
            found.extend(under)
    return found


# An article opens the title of a section about the areas ("Le aree di intervento", "Il contesto"), never
# an area's own name.
_ARTICLE_OPENS = re.compile(r"(?i)^(?:il|lo|la|i|gli|le|l['’])\s*\b")


def _area_title(title: str) -> bool:
    """True for a sub-section title that can name an area: short, no sentence, no article before it, and no
    part of the document's outline ("Premessa metodologica")."""
    return (
        bool(title)
        and len(title.split()) <= NUMBERED_HEADING_WORDS
        and not re.search(r"[.;,]$", title)
        and not _ARTICLE_OPENS.match(title)
        and not _words().outline.search(normalise(title))
    )


# A table row as the readers write it: cells joined by " | ".
_CELL_SEP = re.compile(r"[ \t]*\|[ \t]*")


# A row's number before its first cell's name.
_CELL_NUMBER = re.compile(r"[A-Z]?\d{1,2}(?:\.\d{1,2})?[.)][ \t]+")


def _in_table(text: str, lines: Sequence[Span], i: int) -> bool:
    """Whether line ``i`` is still the table's: a row, or a cell's wrapped text with more rows after it."""
    if "\n\n" in text[lines[i - 1][1] : lines[i][0]]:
        return False
    return "|" in text[slice(*lines[i])] or (i + 1 < len(lines) and "|" in text[slice(*lines[i + 1])])


def _cells(text: str, start: int, end: int) -> list[Span]:
    """The spans of a table row's cells, empty ones (merged cells) included, outer bars left out."""
    line = text[start:end]
    first = len(line) - len(line.lstrip(" \t|"))
    last = len(line.rstrip(" \t|"))
    bounds = [start + first] + [
        edge for m in _CELL_SEP.finditer(text, start + first, start + last) for edge in (m.start(), m.end())
    ]
    bounds.append(start + last)
    return list(zip(bounds[::2], bounds[1::2], strict=True))


# Reads the rows of a table from line ``i``, under its header's cells: where its rows end, and the areas they
# name (none when the header names no areas).
_RowReader = Callable[[str, tuple[Span, ...], int, list[str]], tuple[int, list[_Found]]]


def _tables(analysis: Analysis, separator: re.Pattern[str], read_rows: _RowReader) -> list[_Found]:
    """The areas that ``read_rows`` finds under each line ``separator`` splits into two cells or more."""
    text = analysis.text
    lines = _lines(text)
    found: list[_Found] = []
    i = 0
    while i < len(lines):
        ls, le = lines[i]
        i += 1
        header = [normalise(cell) for cell in separator.split(text[ls:le].strip(" \t|"))]
        if len(header) >= 2:
            i, rows = read_rows(text, lines, i, header)
            found.extend(rows)
    return found


def _table_columns(analysis: Analysis) -> list[_Found]:
    """The cells of a table's column whose header names areas: "AREA | OBIETTIVO | AZIONI" over "Anziani |
    Domiciliarità | SAD", "Disabilità | …"; a cell repeated down the column (a merged cell) is one area."""
    return _tables(analysis, _CELL_SEP, _barred_rows)


def _barred_rows(text: str, lines: tuple[Span, ...], i: int, header: list[str]) -> tuple[int, list[_Found]]:
    """The cells under the header cell that names areas, in a table whose cells bars part."""
    words = _words()
    column = next((k for k, cell in enumerate(header) if len(cell.split()) <= 4 and words.area_noun.match(cell)), None)
    if column is None:
        return i, []
    cells: list[tuple[_Found, bool]] = []  # each cell, and whether a row number opened it
    while i < len(lines) and _in_table(text, lines, i):
        rs, re_ = lines[i]
        i += 1
        spans = _cells(text, rs, re_)
        opening = text[spans[0][0] : spans[0][0] + 1] if spans else ""
        if column >= len(spans) or "|" not in text[rs:re_] or not (opening.isupper() or opening.isdigit()):
            continue  # a cell's text wrapped onto the next line ("minori dal nucleo familiare | Centro …")
        cs, ce = _trim(text, *spans[column])
        marker = _CELL_NUMBER.match(text, cs, ce)
        cs = marker.end() if marker else cs  # "1. Famiglie e minori", "T1. Integrazione socio-sanitaria"
        label = text[cs:ce]
        fits = label and len(label.split()) <= words.max_label_words and _LETTERS.search(label)
        if fits and not (cells and normalise(cells[-1][0].label) == normalise(label)):
            cells.append((_Found(label, "", (cs, ce)), marker is not None))
    # Where the rows are numbered, a line without a number is a wrapped cell ("Zona | PUA; UVM integrate").
    numbered = [cell for cell, marked in cells if marked]
    rows = numbered if len(numbered) >= 2 else [cell for cell, _ in cells]
    return i, rows if len(rows) >= 2 else []


def _spaced_table_rows(analysis: Analysis) -> list[_Found]:
    """The first cells of a table set in columns by spaces whose header's first cell names areas: "AREA DI
    INTERVENTO      SPESA 2023" over "Famiglia e minori      3.912.000", "Disabilità      2.985.000". A line
    opening in lower case carries on the cell above ("Famiglia, infanzia," over "minori in condizioni di
    disagio"); the table ends at its totals or at a line that is no row."""
    return _tables(analysis, CELL_GAP, _spaced_rows)


def _spaced_rows(text: str, lines: tuple[Span, ...], i: int, header: list[str]) -> tuple[int, list[_Found]]:
    """The first cells under a header whose first cell names areas, in a table whose columns spaces part."""
    words = _words()
    if len(header[0].split()) > 4 or re.search(r"\d", header[0]) or not words.area_noun.match(header[0]):
        return i, []  # "Tavolo 1      14 maggio": a row, not a header
    rows: list[tuple[str, Span]] = []  # each row's first cell as written, wrapped lines joined, and its span
    while i < len(lines) and "\n\n" not in text[lines[i - 1][1] : lines[i][0]]:
        rs, re_ = lines[i]
        gap = CELL_GAP.search(text, rs, re_)
        cell = text[rs : gap.start() if gap else re_].strip()
        if rows and (not cell or cell[:1].islower()):
            i += 1  # another column's text wrapped, or the cell above ("Famiglia, infanzia," / "minori …")
            if cell:
                rows[-1] = (f"{rows[-1][0]} {cell}", rows[-1][1])
            continue
        if gap is None or _TOTAL.match(cell):
            break  # prose after the table, or its totals
        i += 1
        cs, ce = _trim(text, rs, gap.start())
        marker = _ROW_MARKER.match(text, cs, ce)
        cs = marker.end() if marker else cs
        rows.append((text[cs : gap.start()].strip(), (cs, ce)))
    named = [
        _Found(label.rstrip(" ,;"), "", span)
        for label, span in rows
        if len(label.split()) <= words.max_label_words and _LETTERS.search(label)
    ]
    return i, named if len(named) >= 2 else []


_LETTERS = re.compile(r"[^\W\d_]{3}")


# A row's number, or a letter, before its first cell's name: "1. Famiglie", "B) Anziani".
_ROW_MARKER = re.compile(rf"{_CELL_NUMBER.pattern}|[A-Za-z][.)][ \t]+")
# A table's totals row.
_TOTAL = re.compile(r"(?i)tot(?:ale|ali|\.)?(?:[ \t]+generale)?\b")


_MENU_ITEM_WORDS = 6


def _flattened_menus(analysis: Analysis) -> list[_Found]:
    """A saved web page's list of areas after its heading: flattened into one line ("Aree di intervento  Minori
    e famiglie  Anziani  Disabilità", on the heading's line or the next) or one item per line with its bullets
    lost; three items or more, each a short capitalised name."""
    text = analysis.text
    words = _words()
    lines = _lines(text)
    found: list[_Found] = []
    for i, (ls, le) in enumerate(lines):
        parts = stretches(text, ls, le, MENU_GAP)
        if not parts:
            continue
        heading = normalise(text[slice(*parts[0])])
        if len(heading.split()) > 4 or not words.area_noun.search(heading) or words.not_intro.search(heading):
            continue
        one_word_cells = all(len(text[a:b].split()) == 1 for a, b in parts)
        if one_word_cells and (text[ls:le].isupper() or not heading.endswith(("i", "e"))):
            continue  # a table's header row, a word per column: "TAVOLO   DATA   ORARIO   SEDE", "Area  Data  Ora"
        items = parts[1:]
        if not items and i + 1 < len(lines):
            items = stretches(text, *lines[i + 1], MENU_GAP)
            if items and words.area_noun.fullmatch(normalise(text[slice(*items[0])])):
                continue  # a table's header row under the heading: "AREA   PRINCIPALI SERVIZI   DESTINATARI"
            if len(items) == 1 and not _starts_with_head(heading):
                # One item per line: a page's list without its bullets, under a heading that names areas
                # ("AREE DI INTERVENTO"), not under one of the areas ("Area minori" over "Area giovani").
                items = [span for _, span in _item_lines(text, lines, i + 1)]
        labels = [text[a:b] for a, b in items]
        if len(items) >= 3 and all(_menu_item(label) for label in labels):
            found.extend(_Found(label, "", span) for label, span in zip(labels, items, strict=True))
    return found


def _item_lines(
    text: str, lines: Sequence[Span], first: int, fits: Callable[[str], bool] | None = None, closing: str = ""
) -> list[tuple[int, Span]]:
    """The run of lines from ``first`` that each hold one short item (``fits``, a menu's by default), with their
    indexes, up to a blank line or a line that is none; ``closing``: marks an item may end with, left out."""
    fits = fits or _menu_item
    run: list[tuple[int, Span]] = []
    for j in range(first, len(lines)):
        ls, le = lines[j]
        if j > first and "\n\n" in text[lines[j - 1][1] : ls]:
            break
        line = text[ls:le].strip().rstrip(closing)
        if not line or not fits(line) or _marker_kind(line):
            break  # a sentence, or a marked list (``_listed`` reads those)
        start = ls + text[ls:le].index(line)
        run.append((j, (start, start + len(line))))
    return run


def _menu_item(label: str) -> bool:
    """A menu item's look: a capitalised name of a few words, no figures, no sentence."""
    return (
        label[:1].isupper()
        and len(label.split()) <= _MENU_ITEM_WORDS
        and not re.search(r"\d|[.;:!?]$", label)
        and not _VERBAL.search(label.lower())
    )


_SECTION_LINES = 200


def _section_headings(analysis: Analysis) -> list[_Found]:
    """Capital headings under a section that names areas: "Art. 2 – Aree di lavoro" over "LAVORO E
    CONCILIAZIONE", "CASA E ABITARE", each followed by its text; kept when two or more.

    The section ends at the next article or numbered section, or after ``_SECTION_LINES`` lines. A capital
    line that repeats in the document is a running header; one that opens with an article or "per" is a
    signature or a role ("PER IL COMUNE DI …", "IL SINDACO"); one that names no field of welfare
    (``categorize``) nor opens with a head word is a part of the act ("DISPOSIZIONI FINALI").
    """
    text = analysis.text
    words = _words()
    counts = Counter(text[ls:le].strip() for ls, le in _lines(text))

    def heading_of(line: str) -> str:
        return ARTICLE_LABEL.sub("", line)

    def ends(line: str) -> bool:
        return bool(ARTICLE_LABEL.match(line) or SECTION_NUMBER.match(line))

    def label_of(line: str) -> str | None:
        marker = _marker_kind(line)  # "2. SERVIZI PER GLI ANZIANI" names its area without the number
        label = line[marker[1] :].rstrip(" :") if marker else line.rstrip(" :")
        capital_area = (
            label.isupper()
            and not re.search(r"[.;,]$", label)  # a list's item ("1. POLITICHE ABITATIVE;"), read as the list's
            and not layout_line(label)
            and 1 <= len(label.split()) <= _MAX_HEADING_WORDS
            and counts[line] == 1
            and not _CODE.search(label)
            and not words.not_item.match(normalise(label))
            and not words.not_heading_opener.match(normalise(label))
            and (_starts_with_head(label) or categorize(label))
        )
        return label if capital_area else None

    return _areas_under_headings(analysis, heading_of, 0, ends, label_of, _SECTION_LINES)


# Where a managed service's name ends: before the "e la" of the next head, or at punctuation.
_SERVICE_END = re.compile(r"\s+(?:e|ed)\s+(?:(?:la|il|lo|le|i|gli)\s+|l['’]\s*)?$|[,;.:]")


def _managed_services(analysis: Analysis) -> list[_Found]:
    """Services a notice puts out for management, two or more in one sentence: "la gestione del servizio di
    trasporto disabili e la gestione dei centri ricreativi per anziani"."""
    text = analysis.text
    words = _words()
    found: list[_Found] = []
    for start, end in analysis.sentences:
        heads = list(words.managing.finditer(text, start, end))
        # The same head repeated enumerates what is put out ("la gestione del … e la gestione dei …"); heads
        # that differ describe one field of action ("organizzazione ed erogazione dei servizi sociali").
        if len(heads) < 2 or len({normalise(h.group("head")) for h in heads}) > 1:
            continue
        items: list[_Found] = []
        for k, head in enumerate(heads):
            stop = heads[k + 1].start() if k + 1 < len(heads) else end
            tail = _SERVICE_END.search(text, head.end(), stop)
            item = _item(text, head.end(), tail.start() if tail else stop, strip_leading=True)
            if (
                item
                and _nominal([item.label])
                and (words.service.search(normalise(item.label)) or categorize(item.label))
            ):
                items.append(item)
        if len(items) >= 2:
            found.extend(items)
    return found


# A word the layout hyphenated at a line's end: "professio-\nnale".
_HYPHEN_BREAK = re.compile(r"(?<=[a-zà-ù])-[ \t]*\n[ \t]*(?=[a-zà-ù])")


def _area_key(label: str) -> str:
    """What identifies an area across its mentions: its name, without the head it may be written with."""
    key = normalise(label)
    return _words().optional_head.sub("", key, count=1) or key


_SHORTEST_CUT = 3


def _cut_short(key: str, other: str) -> bool:
    """Whether one of two keys is the other cut short, as a table's cell wrapped onto a line it lost: "prevenzione
    e contrasto della violenza di" of "prevenzione e contrasto della violenza di genere" (three words at least)."""
    a, b = key.split(), other.split()
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= _SHORTEST_CUT and len(short) < len(long) and long[: len(short)] == short


# Areas the other readers must find before numbered sub-sections that name other things are taken for a
# level below them.
_LISTED_ELSEWHERE = 3


def _subsections_at_the_areas_level(found: list[_Found], subsections: list[_Found]) -> list[_Found]:
    """The numbered sub-sections (``_numbered_subsections``) that stand at the level of the areas: all of them,
    unless the document lists three areas or more elsewhere and the sub-sections mostly name other things,
    a level below (each area's actions or projects: "4.1 Potenziamento del SAD")."""
    keys = {_area_key(f.label) for f in found}
    sub_keys = {_area_key(f.label) for f in subsections}
    shared = sum(any(a == b or _cut_short(a, b) for a in keys) for b in sub_keys)
    if len(keys) >= _LISTED_ELSEWHERE and 2 * shared < len(sub_keys):
        return []
    return subsections


def find_work_areas(analysis: Analysis) -> list[WorkArea]:
    """Every enumerated area of work, one item per distinct label with a span per mention."""
    found = (
        _listed(analysis)
        + _inline(analysis)
        + _bracketed(analysis)
        + _policies(analysis)
        + _themes(analysis)
        + _area_mentions(analysis)
        + _headings(analysis)
        + _capital_headings(analysis)
        + _titled_sections(analysis)
        + _genitives(analysis)
        + _quoted_names(analysis)
        + _numbered_headings(analysis)
        + _numbered_chapters(analysis)
        + _section_headings(analysis)
        + _flattened_menus(analysis)
        + _table_columns(analysis)
        + _spaced_table_rows(analysis)
        + _framed_in_prose(analysis)
        + _managed_services(analysis)
    )
    found += _subsections_at_the_areas_level(found, _numbered_subsections(analysis))
    areas: dict[str, WorkArea] = {}
    spans_seen: list[Span] = []
    # At one start the longer name wins ("Area Inclusione sociale" over "Area Inclusione").
    for item in sorted(found, key=lambda f: (f.span[0], -f.span[1])):
        label = " ".join(_HYPHEN_BREAK.sub("", item.label).split())
        key = _area_key(label)
        key = next((known for known in areas if _cut_short(key, known)), key)
        if key in areas:
            shown = areas[key].label
            if len(label) > len(shown) and _cut_short(_area_key(shown), _area_key(label)):
                # The name whole where it was first read cut ("… della violenza di"), and what it is about.
                areas[key].label = label
                areas[key].category = categorize(label) or areas[key].category  # type: ignore[assignment]
            if item.span not in areas[key].spans:
                areas[key].spans.append(item.span)
                spans_seen.append(item.span)  # a shorter form at the same place is this area too
            continue
        if any(s < item.span[1] and item.span[0] < e for s, e in spans_seen):
            continue  # overlaps an area already found (a form matched twice)
        category = categorize(label) or categorize(item.explanation) or "altro"
        areas[key] = WorkArea(label=label, category=category, spans=[item.span])  # type: ignore[arg-type]
        spans_seen.append(item.span)
    return sorted(areas.values(), key=lambda a: a.spans[0])
