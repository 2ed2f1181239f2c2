"""Parties: the organisations that sign, join or issue a document.

An organisation is named by a head word of ``data/parties.toml`` ("Comune",
"Fondazione", "Assemblea dei Sindaci") or a registry body of
``data/organisations.toml`` ("CGIL", "CSV"), followed by the capitalised
words, codes and connectors of its name ("di Monza e Brianza", "3 -
Serenissima"). Districts come from the ambiti recognizer, which also expands
"Comuni degli Ambiti di A, B e C". A named body is a party when the text
makes it one:

- it stands in a sentence that signs the document ("firmato da", "le firme
  … in rappresentanza di:", "sottoscritto da"), unless the act signed is
  another one, cited by name ("Nel protocollo Alleanza …, sottoscritto da");
- it is the subject of an issuing or committing verb ("Il Comune di Salerno,
  Ente capofila …, ha pubblicato"), with the bodies coordinated with it
  ("in collaborazione con A, B e C") but not those in apposition or brackets;
- it follows "tra" in a sentence naming an agreement ("protocollo d'intesa
  tra il Comune di Assisi e 12 associazioni (A, B, C)");
- it approves the act ("Approvato da Comitato dei Sindaci");
- it is the council of mayors of a named district, which issues its plans.

A body named as a place ("presso la sede della Provincia") is not a party.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import cache
from typing import cast

from extractor import learning
from extractor.lexicon import alternation, load, lookup, phrase_alternation, trie_alternation, word_set
from extractor.nlp import Analysis
from extractor.recognizers import ambiti, party_lists
from extractor.recognizers import comuni as comuni_recognizer
from extractor.recognizers.doc_type import classify_document
from extractor.resolvers import comuni as comuni_registry
from extractor.resolvers.organisations import (
    Organisation,
    abbreviates,
    normalise,
    registry,
    resolve,
    same_organisation,
)
from extractor.sentences import CELL_GAP, line_around
from extractor.site_menus import is_menu_line, menu_lines, names_a_section
from models import Party
from models.extraction import PartyKind

_UP = "A-ZÀ-ÖØ-Þ"
_WORD = re.compile(r"[\wÀ-ÿ][\wÀ-ÿ.&]*(?:['’][\wÀ-ÿ]+)?|[-–]|[,;:()]")
_CAP = re.compile(rf"[{_UP}0-9]")
# Words that may stand before a subject in its clause ("date 2020-02 I Comuni e l'ULSS 3").
_SUBJECT_LEAD = 5
_PREPOSITION_BEFORE = re.compile(
    r"(?:\b(?:di|del|della|dello|dei|degli|delle|a|al|alla|ai|agli|alle|da|dal|dalla|dai|in|nel|nella|nei|per|con|su|sul|"
    r"sulla|tra|fra)\s+|\b(?:dell|all|nell|dall|sull|d)['’])$",
    re.I,
)
_CITED_ACT = re.compile(
    r"\b(?i:nel|nella|dal|dalla|con il|con la|del|della|al|alla)\s+(?i:protocollo|accordo|patto|intesa|convenzione)"
    r"\s+(?!d['’]intesa|di intesa|d['’]intenti|di intenti)[“\"«]?[A-Z]",
)


@dataclass
class _Mention:
    start: int
    end: int
    name: str
    kind: str
    district: bool = False  # a council of mayors of a named district, which issues its plans


@dataclass(frozen=True)
class _Lexicon:
    head: re.Pattern[str]
    head_kind: dict[str, str]
    plural: re.Pattern[str]
    plural_kind: dict[str, str]
    kind_words: dict[str, str]
    connectors: frozenset[str]
    stop_words: frozenset[str]
    first_names: frozenset[str]
    namesake_titles: frozenset[str]
    sign: re.Pattern[str]
    subject_verb: re.Pattern[str]
    by: re.Pattern[str]
    agreement: re.Pattern[str]
    not_party_before: re.Pattern[str]
    with_words: re.Pattern[str]
    mayors: re.Pattern[str]
    recipient: re.Pattern[str]
    lead_body: re.Pattern[str]
    signatory: re.Pattern[str]
    generic: frozenset[str]
    not_names: frozenset[str]
    name_adjectives: frozenset[str]
    mayor_of: re.Pattern[str]
    comprising: re.Pattern[str]
    member_holder: re.Pattern[str]
    town_list_types: frozenset[str]
    signed_by_towns_types: frozenset[str]
    self_governing: re.Pattern[str]
    districts_before: re.Pattern[str]
    places_before: re.Pattern[str]
    on_behalf_before: re.Pattern[str]
    mayor_of_list: re.Pattern[str]
    cited_act: re.Pattern[str]
    act_issuing: frozenset[str]
    own_document: re.Pattern[str]
    premise_opener: re.Pattern[str]
    premise_closer: re.Pattern[str]
    premise_goes_on: re.Pattern[str]
    weak_heads: frozenset[str]
    not_after_weak: frozenset[str]
    legal_form: re.Pattern[str]
    legal_kind: dict[str, str]
    branch: re.Pattern[str]
    chrome_line: re.Pattern[str]


# A capital right after a lower-case preposition or article: "dellaUil", "ilComune". The capital is
# tested first: it fails at most positions of a text, where the look-behinds would all be tried.
_GLUED = (
    r"(?-i:(?=[A-Z])(?<=[A-Z][-/]))"  # "CGIL-CISL-UIL", "CGIL/CISL"
    r"|(?-i:(?=[A-ZÀ-Ý])(?:(?<=\bdella|\bdelle|\bdegli|\bdello|\bdalla|\bnella)|(?<=\balla)|(?<=\bdel|\bdei|\bdal)"
    r"|(?<=\bil|\bla|\bal|\bdi|\bda|\bai|\ble)))"
)


@cache
def _lexicon() -> _Lexicon:
    words = load("parties")["parties"]
    legal_kind = _legal_forms()
    head_kind = {h.lower(): kind for kind, heads in words["heads"].items() for h in heads}
    for org in registry():
        for form in _spellings(org):
            head_kind.setdefault(form.lower(), org.kind or "altro")

    def prefixes(items: list[str]) -> re.Pattern[str]:
        return re.compile(rf"(?<![\w'’])(?:{alternation(items)})", re.I)

    return _Lexicon(
        # A head may be glued to a lower-case word before it by the text layer ("dellaUil Sicilia").
        head=re.compile(rf"(?:(?<![\w.-])|{_GLUED})(?:{trie_alternation(list(head_kind))})(?![\w'’])", re.I),
        head_kind=head_kind,
        plural=re.compile(rf"(?<![\w'’])(?:{alternation(list(words['plural_heads']))})(?![\w'’])", re.I),
        plural_kind={k.lower(): v for k, v in words["plural_heads"].items()},
        kind_words={k.lower(): v for k, v in words["kind_words"].items()},
        connectors=frozenset(words["connectors"]),
        stop_words=frozenset(words["stop_words"]),
        first_names=word_set("first_names.txt"),
        namesake_titles=frozenset(words["namesake_titles"]),
        sign=prefixes(words["sign_words"]),
        # Whole words: "organizza" is not "organizzazioni", "pubblica" not "pubblicazione".
        subject_verb=re.compile(rf"(?<![\w'’])(?:{alternation(words['subject_verbs'])})(?![\w'’])", re.I),
        by=prefixes(words["by_words"]),
        # "l’accordo", "dell'intesa": the act's noun may follow an elided article.
        agreement=re.compile(rf"(?<!\w)(?:{alternation(words['agreement_words'])})", re.I),
        not_party_before=re.compile(rf"(?:{alternation(words['not_party_before'])})\s*$", re.I),
        # "A, in collaborazione con l'B e con C": the bodies a subject names with its own.
        with_words=re.compile(
            rf"^\s*(?:,|e|ed)?\s*(?:{alternation(words['with_words'])}|con)?\s*(?:il|lo|la|i|gli|le|l['’])?\s*", re.I
        ),
        mayors=re.compile(rf"^(?:{alternation(load('parties')['ambiti']['mayors_bodies'])})\b", re.I),
        recipient=re.compile(
            rf"(?<![\w'’])(?:{alternation(words['recipient_words'])})\s+(?:\w+mente\s+)?"
            r"(?:(?:a|al|alla|allo|ai)\s+|all['’]\s*)(?=\S)",
            re.I,
        ),
        lead_body=re.compile(rf"(?<![\w'’])(?:{alternation(words['lead_body'])})(?![\w'’])", re.I),
        signatory=re.compile(rf"^[ \t]*(?:{phrase_alternation(words['signatory_roles'])})\b", re.I),
        generic=_generic_words(),
        not_names=frozenset(normalise(n) for n in words["not_names"]),
        name_adjectives=frozenset(words["name_adjectives"]),
        mayor_of=re.compile(
            rf"(?<!\w)(?:{phrase_alternation(words['mayors'])})[ \t]+(?:del[ \t]+comune[ \t]+)?di[ \t]+", re.I
        ),
        comprising=re.compile(rf"(?<!\w)(?:{phrase_alternation(words['members_before'])})\b", re.I),
        # "dell'Ambito": an elided article may stand right before the body's head.
        member_holder=re.compile(rf"(?<!\w)(?:{phrase_alternation(words['member_holders'])})(?![\w'’])", re.I),
        town_list_types=frozenset(words["town_list_types"]),
        signed_by_towns_types=frozenset(words["signed_by_towns_types"]),
        self_governing=re.compile(rf"(?:{phrase_alternation(words['self_governing_districts'])})\b", re.I),
        # "gli Ambiti di A, B e C", "dei Distretti sociali di": the towns that follow name districts.
        districts_before=re.compile(
            rf"(?<!\w)(?:{alternation(load('parties')['ambiti']['plural_heads'])})"
            rf"(?:\s+(?:{alternation(load('parties')['ambiti']['qualifiers'])}))*\s+(?:di|del|dei)\s*$",
            re.I,
        ),
        # "nei Comuni di", "presso i comuni dell'Ambito (", "residenti a": what follows is where, not who signs.
        places_before=re.compile(
            rf"(?<!\w)(?:{phrase_alternation(words['places_before'])})\s+"
            r"(?:(?:comuni|territori|centri)\b[^.;:()]{0,30}?[(\s]\s*|(?=[A-Z]))$",
            re.I,
        ),
        on_behalf_before=re.compile(
            rf"\S[^\S\n]*(?<!\w)(?:{phrase_alternation(words['on_behalf_before'])})\s+(?:\d+\s+)?comuni\s+(?:di|del|dell['’])\s*$",
            re.I,
        ),
        cited_act=re.compile(
            rf"(?<![\w.])(?:{phrase_alternation(words['cited_acts'])})(?!\w)[^.;\n]{{0,40}}?"
            r"(?:\b(?:n\.|n°|nr\.?|numero)\s*\d|\b\d{1,5}/\d{2,4}\b)",
            re.I,
        ),
        act_issuing=frozenset(words["act_issuing_verbs"]),
        premise_opener=re.compile(rf"^[\s\-–•*]*(?:{phrase_alternation(words['premise_openers'])})(?![\w'’])", re.I),
        premise_closer=re.compile(rf"(?<![\w'’])(?:{phrase_alternation(words['premise_closers'])})(?![\w'’])", re.I),
        premise_goes_on=re.compile(rf",\s*(?:{phrase_alternation(words['premise_relatives'])})(?![\w'’])", re.I),
        own_document=re.compile(rf"(?<!\w)(?:{phrase_alternation(words['own_document'])})(?!\w)", re.I),
        mayor_of_list=re.compile(rf"(?<!\w)(?:{phrase_alternation(words['mayors'])})(?!\w)", re.I),
        weak_heads=frozenset(words["weak_heads"]["heads"]),
        not_after_weak=frozenset(words["weak_heads"]["not_after"]),
        legal_form=_legal_form_pattern(legal_kind),
        legal_kind=legal_kind,
        chrome_line=re.compile(rf"(?<!\w)(?:{phrase_alternation(words['chrome_lines'])})(?!\w)", re.I),
        # "Coordinamento territoriale della Sibaritide", "Sezione di Cosenza": a branch of the body before it.
        branch=re.compile(
            rf"(?:{phrase_alternation(words['branches']['heads'])})\s+"
            rf"(?:(?:{phrase_alternation(words['branches']['qualifiers'])})(?![\w'’])|(?:di|del|della|dell['’])\s*[A-ZÀ-Ý])",
            re.I,
        ),
    )


def _legal_forms() -> dict[str, str]:
    """Legal forms written after a name ("ODV", "S.r.l."), as written and in capitals, to their kind."""
    forms: dict[str, str] = {}
    for kind, written in load("parties")["parties"]["legal_forms"].items():
        for form in written:
            forms.setdefault(form, kind)
            forms.setdefault(form.upper(), kind)
    return forms


def _legal_form_pattern(forms: dict[str, str]) -> re.Pattern[str]:
    """One or more legal forms in a row ("Società Cooperativa Sociale Onlus", "Soc. Coop. a r.l.")."""
    one = rf"(?:{alternation(list(forms))})"
    return re.compile(rf"(?<![\w.])(?:{one})(?:[ \t]*[-,]?[ \t]*(?:{one}|a[ \t]*r\.?[ \t]*l\.?))*(?![\w])")


def _generic_words() -> frozenset[str]:
    """Words that name no district on their own: "Ambito Territoriale", "Distretto del Servizio"."""
    ambiti = load("parties")["ambiti"]
    words = {"ambito", "distretto", "zona", "piano", "sociale", "sociali", "territoriale", "ufficio", "di"}
    for phrase in (*ambiti["heads"], *ambiti["qualifiers"], *ambiti["not_places"]):
        words.update(normalise(phrase).split())
    return frozenset(words)


# "Azienda Sanitaria Provinciale (ASP) di Cosenza": an acronym in brackets inside a name.
_BRACKETED_ACRONYM = re.compile(
    rf"\([ \t]*[{_UP}][{_UP}.]{{1,9}}[ \t]*\)(?=[ \t]+(?i:di|del|della|dell['’])[ \t]*[{_UP}])"
)
# "di Monza", "del Terzo Settore": more of a name after a lower-case adjective.
_MORE_NAME = re.compile(rf"[ \t]+(?:[{_UP}]|(?:di|del|della|dei|delle|dell['’])[ \t]*[{_UP}])")
# "Ecad n6 Sangrino", "Distretto n. 4": a number sign goes on a name.
_NUMBER_SIGN = re.compile(r"n[r°.]?\d*|nr\.?", re.I)
# A year (alone or opening a span of years) after a head: a period, never part of a body's name.
_YEAR = re.compile(r"(?:19|20)\d\d")


# A saved web page's breadcrumb or menu line ("Home > Servizi > …", "Home | Chi siamo | …"): page chrome, never
# the rest of a name on the line above.
_CHROME_LINE = re.compile(r"[^\n>|›»]{1,40}?[ \t]+[>|›»][ \t]")


def _opens_another_line(text: str, end: int, token: str, word: str, caps: bool) -> bool:
    """Whether the word that opens the next line starts something else than the name ending at ``end``:
    a title ("UFFICIO DI PIANO" over "Ing. Marco Rossi") or a line in another letter case ("UNIONE DEI
    COMUNI" over "Comuni di A, B")."""
    if token.endswith(".") and len(word) <= 5:
        return True
    last = re.search(r"(\S+)\s*$", text[max(0, end - 40) : end])
    shouting = caps or (last is not None and len(last.group(1)) > 1 and last.group(1).isupper())
    return shouting and not word.isupper()


# The colon after a word that makes it a field's label ("Pubblicazione:", "Oggetto:").
_LABEL_COLON = re.compile(r"[ \t]*:")
# A capitalised word right after a first name, on its line: the surname that makes it a person's.
_SURNAME_AHEAD = re.compile(rf"[ \t]+(?:[Dd][ie'’][ \t]*)?[{_UP}]")
_ARTICLES = frozenset({"il", "lo", "la", "i", "gli", "le"})
# A letterhead's line that locates the body above it: a town and its province's code ("Jesi (AN)").
_ADDRESS_LINE = re.compile(rf"[{_UP}][\w'’ -]{{1,40}}?[ \t]*\([A-Z]{{2}}\)[ \t]*$", re.M)
# An acronym ending right before the gap: "UILP-UIL ", "CGIL ".
_ACRONYM_BEFORE = re.compile(r"(?<![\w-])[A-Z]{2,}(?:-[A-Z]{2,})*[ \t]+$")


def _ends_a_region(text: str, end: int) -> bool:
    """Whether the words before ``end`` close a region's name ("… Friuli Venezia Giulia") or a town's of two
    words or more ("SPI CGIL Reggio Emilia"), where a word that is also a first name is no person's."""
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text[max(0, end - 40) : end])
    if any(comuni_registry.normalize(" ".join(words[-k:])) in comuni_registry.region_names() for k in (1, 2, 3)):
        return True
    return any(len(words) >= k and comuni_registry.exact(" ".join(words[-k:])) for k in (2, 3))


def _continuation(
    text: str, pos: int, lex: _Lexicon, and_splits: bool = False, acronym: bool = False, caps: bool = False
) -> int:
    """Where the name that starts at ``pos`` (right after its head) ends.

    After an ``acronym`` head a first name starts a person ("il Cpia Anna Neri").
    In an all-``caps`` name every word looks capitalised, so only "di"
    and its forms join words ("COMUNE DI LECCE PER LA FAMIGLIA" ends at LECCE).
    """
    end = pos
    words = 0
    i = pos
    joined = False  # the last token was a connector, so a head or a name may follow
    anded = False  # the last token was an "e" the name goes on past
    previous_word = ""  # the name's last word so far, lower case
    while True:
        # A name goes on to the next line after its head or a connector ("Baselga di" / "Piné").
        gap = (_NEXT_LINE_GAP if words == 0 or joined or anded else _BLANKS).match(text, i)
        anded = False
        j = gap.end() if gap else i
        tok = _WORD.match(text, j)
        if not tok or ("\n" in text[i:j] and not tok.group()[:1].isalpha()):
            return end
        if CELL_GAP.search(text, i, j):
            return end  # a wide gap is a layout's column: two signatures side by side
        word = tok.group().rstrip(".") if not re.search(r"\w\.\w", tok.group()) else tok.group()
        low = word.lower()
        if _YEAR.fullmatch(word):
            return end  # "PLUS 2024-2026", "Piano d'Ambito 2023-2025": a period, not a district's number
        if "\n" in text[i:j] and (
            _opens_another_line(text, i, tok.group(), word, caps)
            or _CHROME_LINE.match(text, j)
            or _ADDRESS_LINE.match(text, j)
            or party_lists.closes_a_block(text[j : j + 40])
            or is_menu_line(line_around(text, j))
            or _LABEL_COLON.match(text, tok.end())
        ):
            # "LA CONFERENZA DEI SINDACI" over "PREMESSO CHE", a letterhead over the site's menu, a name over the
            # next field of a register's record ("Pubblicazione: dal 06/12/2023").
            return end
        if word in "-–":
            nxt = _WORD.match(text, _skip(text, tok.end()))
            # "Regione Toscana - Comunicato stampa": the page's section after the name, not more of it.
            section = names_a_section(text[nxt.start() : nxt.start() + 60].split("\n", 1)[0]) if nxt else False
            if words and nxt and _CAP.match(nxt.group()) and not section:
                i = tok.end()
                continue
            return end
        if caps and (low in lex.connectors or "'" in low or "’" in low) and not _OF_WORD.fullmatch(low):
            return end
        if low in _ARTICLES and _ACRONYM_BEFORE.search(text, max(0, i - 12), j):
            return end  # "… e UILP-UIL il Patto per il welfare": after an acronym an article opens the object
        if low in lex.connectors or re.fullmatch(r"(?:dell|d|de|l|sull|nell|all)['’]\w.*", low):
            elided = re.fullmatch(r"(?:dell|d|de|l|sull|nell|all)['’](.+)", word, re.I)
            if elided and _CAP.match(elided.group(1)) and elided.group(1).lower() not in lex.stop_words:
                end = i = j + len(word)
                words += 1
                joined = True
                continue
            # "Dipartimento di Scienze Umanistiche e" over "Sociali (DUMAS)": the name goes on past the line's end.
            after = _NEXT_LINE_GAP.match(text, tok.end()).end()  # type: ignore[union-attr]
            if low in ("e", "ed") and (
                and_splits or not words or lex.head.match(text, after) or not _CAP.match(text, after)
            ):
                return end  # "A e B" are two bodies unless a capitalised word goes on the name
            if _DIGIT_AHEAD.match(text, tok.end()):
                return end  # "UILP del 25 ottobre"
            i = tok.end()
            joined = low not in ("e", "ed")
            anded = not joined
            continue
        if word == "(" and _BRACKETED_ACRONYM.match(text, j):
            i = _BRACKETED_ACRONYM.match(text, j).end()  # type: ignore[union-attr]
            continue
        number = _NUMBER_AT.match(text, j) if _NUMBER_SIGN.fullmatch(word) else None
        if number and _NUMBER_AHEAD.match(text, j + 1):
            if ambiti.DATED_ACT.match(text, number.end()):
                return end  # "COMITATO ISTITUZIONALE N. 3/2024": the number of an act of the body
            end = i = j + len(tok.group())
            words += 1
            continue
        if word.islower() and low in lex.name_adjectives and _MORE_NAME.match(text, tok.end()):
            i = tok.end()  # "Caritas parrocchiale di San Rocco", "Forum provinciale del Terzo Settore"
            continue
        compass = _COMPASS.match(text, j) if words else None
        if compass is not None:
            return compass.end()  # "Azienda USL Toscana centro", "… Toscana nord ovest": the part of a region
        if word in ",;:()" or not _CAP.match(word) or low in lex.stop_words:
            return end
        new_head = lex.head.match(text, j)
        # A body named after its city right after its head: "ASP Città di Bologna", "Fondazione Città di Padova".
        city_name = words == 0 and new_head is not None and normalise(new_head.group()) == "citta di"
        if not joined and new_head and new_head.group().lower() not in lex.weak_heads and not city_name:
            return end  # a new body starts: "CGIL Milano CISL Milano", "CGIL CISL UIL"
        saint = re.search(r"\b(?i:sant?['’a]?)\s*$", text[end - 6 : j])  # "San Mauro" is a place
        # "Fondazione Don Carlo Gnocchi", "Associazione Giovanni Paolo II": the body bears a person's name, a title
        # or a first name already before this one.
        named_after = previous_word in lex.namesake_titles or previous_word in lex.first_names
        person = (
            (words or acronym or "\n" in text[i:j])
            and not joined
            and low in lex.first_names
            and not saint
            and not named_after
            # A first name with no surname after it is a town's name ("Cgil Torino, Cisl Torino-Canavese").
            and _SURNAME_AHEAD.match(text, j + len(word)) is not None
        )
        if person and not _ends_a_region(text, j + len(word)):  # "Regione Autonoma Friuli Venezia Giulia"
            return end  # a person: "Cgil Palermo Mario Rossi", a signature's name under its body
        end = i = j + len(word)
        words += 1
        joined = False
        previous_word = low


# A lower-case point of the compass closing a name after its place: "Toscana centro", "Toscana sud est".
# "centro" not before a lower-case word that goes on a phrase with it ("centro storico", "centro diurno").
_COMPASS = re.compile(
    r"(?:centro(?![ \t]+(?!(?:e|ed|con|per|in|a|che|ha|hanno|è|si)\b)[a-zà-ù])"
    r"|nord(?:[ -]?(?:ovest|est))?|sud(?:[ -]?(?:ovest|est))?|est|ovest)\b"
)

# "di Bari", "dell'Aquila": a name after a preposition of a body's territory.
_OF_NAME = re.compile(rf"[ \t]+(?:(?i:di|del|della|dello|dei|degli|delle|de)[ \t]+|(?i:dell|d)['’][ \t]*)[{_UP}]")
# The connectors that join the words of an all-capitals name ("DI", "DELLA", "DELL'AQUILA").
_OF_WORD = re.compile(r"(?:di|de|del|della|dello|dei|degli|delle|(?:dell|d|de)['’].*)")


def _weak_head_fits(text: str, match: re.Match[str], lex: _Lexicon) -> bool:
    """Whether a head that is also a common noun ("Ente", "Comunità") opens a name here.

    It must be capitalised, not follow "di" ("Patto di Comunità"), and the word after it must not make a
    common phrase ("Ente Gestore", "Gruppo Tecnico").
    """
    if match.group().lower() not in lex.weak_heads:
        return True
    after = re.match(r"[ \t]+([\wÀ-ÿ]+)", text[match.end() : match.end() + 40])
    # "Patto di Comunità", "Casa della Comunità di Nuoro": after "di" the head is part of another name.
    before = re.search(r"(?<![\w'’])([\w'’]+)[ \t]*$", text[max(0, match.start() - 8) : match.start()])
    of = before is not None and _OF_WORD.fullmatch(before.group(1).lower()) is not None
    return match.group()[0].isupper() and not of and not (after and after.group(1).lower() in lex.not_after_weak)


def _all_caps(text: str, match: re.Match[str]) -> bool:
    """Whether a head in capitals opens a name in capitals ("COMUNE DI NARDÒ", "AZIENDA USL DI BOLOGNA")."""
    after = re.match(r"[ \t]+([^\W\d_]{2,})", text[match.end() : match.end() + 40])
    return len(match.group()) > 1 and match.group().isupper() and after is not None and after.group(1).isupper()


# A word of a town's name, after spaces and at most one line break ("Paderno" / "Dugnano").
_TOWN_WORD = re.compile(r"[ \t]*\n?[ \t]*[^\W\d_][\w'’-]*")
_TOWN_WORDS = 6  # "San Giorgio della Richinvelda", "Monte Santa Maria Tiberina" and longer
_OF_TOWN = re.compile(r"[ \t]+(?i:di|de|d['’])[ \t]*(?:\n[ \t]*)?")


def _known_town_end(text: str, pos: int) -> int | None:
    """Where the longest known comune written from ``pos`` ends, or None.

    A town's name may run across a line break and hold words that read as a first name or a
    number's sign after it: "Monte Santa Maria Tiberina", "Città di Castello n. 45".
    """
    if not text[pos : pos + 1].isupper():
        return None
    ends = []
    i = pos
    for _ in range(_TOWN_WORDS):
        word = _TOWN_WORD.match(text, i)
        if not word:
            break
        i = word.end()
        ends.append(i)
    return next((end for end in reversed(ends) if comuni_registry.exact(text[pos:end])), None)


def _comune_end(text: str, match: re.Match[str], end: int) -> int:
    """Where a comune's name that starts with head ``match`` ends: at the longest known town after "di"
    ("Comune di Paderno" / "Dugnano") or making up the whole name ("Città di Castello"); else at ``end``."""
    of = _OF_TOWN.match(text, match.end())
    after = _known_town_end(text, of.end()) if of else None
    whole = _known_town_end(text, match.start())
    return after or (whole if whole and whole > match.end() else None) or end


# Patterns matched in place at an offset (``pattern.match(text, pos)``): slicing a long text copies it.
_BLANKS = re.compile(r"[ \t]*")
# The date of a council's meeting after its name, in any case: "DEL 14 FEBBRAIO 2024", "del 12/03/2024".
_MEETING_DATE = re.compile(rf"(?i:{ambiti.DAY_AFTER})")
_DISTRICT_LINK = re.compile(r"[ \t]+(?i:del|della|dello|dell['’])[ \t]*")
_LIST_SEPARATOR = re.compile(r"[ \t]*(?:,|e|ed)[ \t]+(?:di[ \t]+)?")
# An article, or a preposition with one ("… e Silea e della Croce Rossa"): a body of another kind follows.
_ARTICLE_AHEAD = re.compile(r"(?i:l['’]|dell['’]|(?:il|lo|la|i|gli|le|del|dello|della|dei|degli|delle)\b)")
_HEADING_AHEAD = re.compile(rf"[ \t]*(?:\n|\||[{_UP}]{{2,}}\b)")
_TOWN_AHEAD = re.compile(rf"[ \t]+([{_UP}][\w'’]+(?:[ \t]+(?:di|del|al|in|sul)?[ \t]*[{_UP}][\w'’]+)*)")
# The gap before a name's next word: on the same line (``_BLANKS``), or (after its head or a connector) on the next.
_NEXT_LINE_GAP = re.compile(r"[ \t]*(?:\n(?=[ \t]*\S)[ \t]*)?")
_DIGIT_AHEAD = re.compile(r"[ \t]*\d")
_NUMBER_AHEAD = re.compile(r"\.?[ \t]*\d|\d")
# A number sign and its number: dated right after it ("Comitato dei Sindaci n. 7 del 09/10/2024"), the number is
# an act's, not the body's.
_NUMBER_AT = re.compile(r"\S+[ \t]*\d+")


def _district_after(text: str, pos: int, lex: _Lexicon) -> int | None:
    """The end of a numbered district named right after an agency's acronym, on its line: "ASP AMBITO 9" is
    one body, the agency of Ambito 9; None when no such district follows."""
    start = _skip(text, pos)
    head = lex.head.match(text, start)
    if start == pos or head is None or lookup(lex.head_kind, head.group()) != "ambito":
        return None
    end = _continuation(text, head.end(), lex, caps=_all_caps(text, head))
    return end if ambiti.district_numbers(text[head.end() : end]) else None


def _skip(text: str, pos: int) -> int:
    """The offset after the spaces and tabs at ``pos`` (matched in place: the text may be megabytes long)."""
    return _BLANKS.match(text, pos).end()  # type: ignore[union-attr]  # "[ \t]*" always matches


def _kind(name: str, head_kind: str | None, lex: _Lexicon) -> str:
    if head_kind:
        return head_kind
    for word in normalise(name).split():
        if word in lex.kind_words:
            return lex.kind_words[word]
    return "altro"


def _clean(name: str) -> str:
    name = re.sub(r"[*_“”\"«»]+", "", name)
    name = " ".join(name.split()).strip(" ,;:.-–")
    return name[:1].upper() + name[1:]


def _mentions(analysis: Analysis, lex: _Lexicon) -> list[_Mention]:
    """Every named organisation, districts included, longest first on overlaps."""
    text = analysis.text
    found: list[_Mention] = []
    districts = ambiti.mentions(text)
    for m in districts:
        if not _generic(m.name, lex):
            found.append(_Mention(m.span[0], m.span[1], m.name, "ambito"))
    for match in lex.head.finditer(text):
        head = match.group()
        kind = lookup(lex.head_kind, head)
        if kind is None:
            continue
        if (
            kind in ("provincia", "regione")
            and head.islower()
            and _IN_TERRITORY.search(text, max(0, match.start() - 12), match.start())
        ):
            continue  # "Spi, Fnp e Uilp della provincia di Ancona": a territory; the body writes its capital
        if _ATS.fullmatch(head) and _DISTRICT_NUMBER.match(text, match.end()):
            kind = "ambito"  # "ATS n. 3", "ATS IX": a numbered Ambito Territoriale Sociale, not a health agency
        registry_body = head.lower() in _registry_forms()
        short = len(head) <= (4 if registry_body else 5)
        if head.islower() and short and not _OF_NAME.match(text, match.end()):
            continue  # "asl", "spi" in lower case are words, unless a name follows: "l'asl di Bari"
        if not _head_fits(text, match, kind) or not _weak_head_fits(text, match, lex):
            continue
        caps = _all_caps(text, match)
        end = _continuation(text, match.end(), lex, acronym=len(head) <= 5, caps=caps)
        if kind == "comune":
            end = _comune_end(text, match, end)
        quoted = _QUOTED.match(text, end)
        if quoted:
            end = quoted.end()  # "IC “Leone Caetani”", "la cooperativa ‘Il Faro’"
        if lex.mayors.match(head) and _MEETING_DATE.match(text, match.end()):
            # "VERBALE DEL COMITATO DEI SINDACI DEL 14 FEBBRAIO 2024": the council that met that day, named by its head.
            found.append(_Mention(match.start(), match.end(), _clean(head), "ambito"))
            continue
        if lex.mayors.match(head):
            # "Comitato dei Sindaci del distretto socio-sanitario n. 46": the district is part of the name.
            link = _DISTRICT_LINK.match(text, end)
            reach = link.end() if link else end
            district = next((m for m in districts if match.end() < m.span[0] <= reach < m.span[1]), None)
            if district:
                end = district.span[1]
        if end == match.end() and len(head) <= 5 and (district_end := _district_after(text, end, lex)):
            if kind == "ats_asst" and re.match(r"[ \t]*(?i:ambito)\b", text[end:district_end]):
                kind = "azienda_speciale"  # health agencies go by provinces; "ASP Ambito 9" serves a social district
            end = district_end
        if end == match.end() and not registry_body:
            continue  # "il Comune" alone names no one
        name = _clean(text[match.start() : end])
        alone = registry_body and kind == "ats_asst" and len(head) <= 5 and normalise(name) == normalise(head)
        if alone and _territorial_form(head):
            continue  # "l'ASL", "le ATS distrettuali": a health body without its territory names no one
        if (kind == "ambito" and _generic(name, lex)) or normalise(name) in lex.not_names:
            continue
        of_district = bool(lex.mayors.match(head)) and not _generic(text[match.end() : end], lex)
        if kind == "altro" and not registry_body:
            kind = _kind(name, None, lex)  # "Consulta del Volontariato": the name tells more than the head
        found.append(_Mention(match.start(), match.start() + len(name), name, kind, of_district))
    found.extend(_legal_form_names(text, lex))
    found.extend(_mayors_towns(text, lex))
    found.extend(_bracket_lists(text, lex))
    found.extend(_plural_lists(text, lex))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    menus = menu_lines(text)
    out: list[_Mention] = []
    for mention in found:
        if out and mention.start < out[-1].end:
            continue
        if any(s <= mention.start < e for s, e in menus):
            continue  # "HOME  SERVIZI  UFFICIO DI PIANO  CONTATTI": a site's menu links to its sections
        if (
            out
            and out[-1].kind not in _PUBLIC_BODIES
            and mention.kind != "ambito"
            and _BRANCH_DASH.fullmatch(text, out[-1].end, mention.start)
            and lex.branch.match(mention.name)
        ):
            # "Forum del Terzo Settore – Coordinamento territoriale della Sibaritide": one body, its branch named.
            whole = out[-1]
            out[-1] = replace(whole, end=mention.end, name=_clean(text[whole.start : mention.end]))
            continue
        out.append(mention)
    return out


# Bodies whose offices are not branches: "Comune di X – Comitato di Distretto" names two bodies.
_PUBLIC_BODIES = frozenset({"comune", "provincia", "regione", "ambito"})
# What parts a body from the name of its branch on one line: a dash between spaces.
_BRANCH_DASH = re.compile(r"[ \t]+[–—-][ \t]+")


# "della provincia", "nella regione": a province or region in lower case after these is where, not who.
_IN_TERRITORY = re.compile(r"(?i:\b(?:della|nella|sulla|in)[ \t]+)\Z")
# Lombardy's health agencies (ATS) go by names; the social districts called ATS elsewhere by numbers.
_ATS = re.compile(r"(?i)a\.?t\.?s\.?")
_DISTRICT_NUMBER = re.compile(r"[ \t]*(?:n\.|n°|nr\.)?[ \t]*(?:\d{1,2}|[IVX]{1,5})\b")
# Each quote closes its own kind, so an apostrophe may stand inside double quotes ("Risorsa Sociale Gera d'Adda").
_QUOTED = re.compile(
    r"[ \t]*(?=[“\"«‘'][A-ZÀ-Ý0-9])"
    r"(?:“[^”\n]{1,60}”|\"[^\"\n]{1,60}\"|«[^»\n]{1,60}»|‘[^’\n]{1,60}’|'[^'\n]{1,60}')"
)
# ", di Cori Luca Conti e di Rocca Massima": more towns after a mayor's name.
# The mayor's name may stand after the town, set apart by commas: "di Bagheria, Giuseppe La Mantia, di Ficarazzi".
_MORE_TOWNS = re.compile(
    rf"(?:[ \t]*,)?(?:[ \t]+[{_UP}][\w'’]+){{0,4}}[ \t]*(?:,(?:[ \t]*(?:e|ed)\b)?|\be|\bed)[ \t]+di[ \t]+"
)
# "Vincenzo Voce (Crotone)": a mayor's town in brackets after the name, in a list of mayors.
_TOWN_IN_BRACKETS = re.compile(rf"[{_UP}][\w'’]+[ \t]*\(([{_UP}][^()\n]{{1,40}})\)")
_MAYORS_BEFORE = 300


def _head_fits(text: str, match: re.Match[str], kind: str) -> bool:
    """Whether a head word opens a body's name here.

    "Comune" names a body only with its town after "di" ("il Comune al Patto"
    is the institution in general); "città di" only capitalised ("nella città
    di Lodi" is the place).
    """
    head = match.group().lower()
    if head == "comune":
        # The town may stand on the next line: "il Comune di\nMarsciano è capofila".
        return re.match(r"[ \t]+(?:di|de|d['’])[ \t'\n]", text[match.end() : match.end() + 4], re.I) is not None
    if head.startswith(("città", "citta")):
        return match.group()[0].isupper()
    return True


def _generic(name: str, lex: _Lexicon) -> bool:
    """A district named by generic words alone ("Ambito Territoriale", "Zona")."""
    words = [w for w in normalise(name).split() if w not in lex.connectors]
    return all(w in lex.generic for w in words) and not any(w.isdigit() for w in words)


def _mayors_towns(text: str, lex: _Lexicon) -> list[_Mention]:
    """The comuni whose mayors the text names: "il sindaco di Cori", "i sindaci Luca Neri (Biella)"."""
    out: list[_Mention] = []
    for match in lex.mayor_of.finditer(text):
        pos = match.end()
        while True:
            end = _continuation(text, pos, lex)
            if end == pos:
                break
            out.append(_Mention(pos, end, f"Comune di {_clean(text[pos:end])}", "comune"))
            more = _MORE_TOWNS.match(text, end)
            if not more:
                break
            pos = more.end()
    for match in _TOWN_IN_BRACKETS.finditer(text):
        town = match.group(1).strip()
        before = text[max(0, match.start() - _MAYORS_BEFORE) : match.start()]
        if comuni_registry.exact(town) and lex.mayor_of_list.search(before):
            out.append(_Mention(match.start(1), match.end(1), f"Comune di {town}", "comune"))
    return out


# How far before a legal form ("… ODV") the name it closes may start.
_LEGAL_NAME_CHARS = 120
_LEGAL_NAME_WORDS = 7
_NAME_TOKEN = re.compile(r"[\wÀ-ÿ][\wÀ-ÿ.&'’-]*")
_QUOTED_BEFORE = re.compile(r"[“\"«‘][^“”\"«»\n]{1,60}[”\"»’][ \t,]*$")
_ARTICLES = frozenset(["il", "lo", "la", "i", "gli", "le", "l'", "l’"])


def _legal_form_names(text: str, lex: _Lexicon) -> list[_Mention]:
    """Bodies named by a capitalised or quoted name and a legal form: "Il Sole Società Cooperativa Sociale"."""
    out: list[_Mention] = []
    for match in lex.legal_form.finditer(text):
        line_start = text.rfind("\n", max(0, match.start() - _LEGAL_NAME_CHARS), match.start()) + 1
        before = text[max(line_start, match.start() - _LEGAL_NAME_CHARS) : match.start()]
        start = _name_before(before, lex)
        if start is None:
            continue
        at = match.start() - len(before) + start
        name = _clean(text[at : match.end()])
        kind = next((k for f, k in lex.legal_kind.items() if match.group().startswith(f)), "terzo_settore")
        out.append(_Mention(at, at + len(name), name, kind))
    return out


def _name_before(before: str, lex: _Lexicon) -> int | None:
    """Where the name that ends ``before`` starts: a quoted name or a run of capitalised words."""
    quoted = _QUOTED_BEFORE.search(before)
    if quoted:
        return quoted.start()
    if not re.search(r"\S[ \t]*$", before) or re.search(r"[,;:()\[\]]\s*$", before):
        return None
    tokens = list(_NAME_TOKEN.finditer(before))
    start: int | None = None
    named = 0
    for k in range(len(tokens) - 1, max(-1, len(tokens) - 1 - _LEGAL_NAME_WORDS), -1):
        tok = tokens[k]
        gap = before[tok.end() : tokens[k + 1].start() if k + 1 < len(tokens) else len(before)]
        if gap.strip():
            break  # punctuation between words ends the name
        word = tok.group()
        low = word.lower()
        if word.endswith(".") and not re.search(r"\w\.\w", word) and len(word) > 2:
            break  # "… di Bolzano. Mondo Aperto ODV": a full stop ends the sentence before the name
        elided = re.match(r"[\wÀ-ÿ]{1,4}['’](?=\w)", word)
        if elided:
            if _CAP.match(word, elided.end()) and low not in lex.stop_words:
                start = tok.start() + elided.end()
                named += 1
            break  # "l'Associazione Amici ODV", "dell'Arca ODV": the name starts after the elision
        if low in _ARTICLES:
            if start is not None and word[0].isupper():
                start = tok.start()  # "Il Sole": a capitalised article opens the name
            break
        if _OF_WORD.fullmatch(low) and start is not None:
            continue  # "Amici del Cuore"; the name must start on a capitalised word to its left
        if not _CAP.match(word) or low in lex.stop_words or low in lex.connectors:
            break
        start = tok.start()
        named += 1
    if start is None or not named:
        return None
    return start


@cache
def _territorial_forms() -> frozenset[str]:
    """Spellings of the registry's bodies that exist once per territory ("ASL"), which alone name none of them;
    a region's single agency ("ASReM") is named by its acronym alone."""
    return frozenset(form.lower() for org in registry() if org.territorial for form in _spellings(org))


def _territorial_form(head: str) -> bool:
    """Whether a health body's acronym needs its territory to name one body."""
    return head.lower() in _territorial_forms() or head.lower() not in _registry_forms()


@cache
def _registry_forms() -> frozenset[str]:
    """Registry spellings, which name a body on their own ("CGIL", "Compagnia di San Paolo")."""
    return frozenset(form.lower() for org in registry() for form in _spellings(org))


def _spellings(org: Organisation) -> list[str]:
    """A registry body's spellings, acronyms also with dots ("AIPD", "A.I.P.D.")."""
    forms = [org.name, *org.acronyms, *org.variants]
    dotted = [".".join(a) + "." for a in org.acronyms if re.fullmatch(rf"[{_UP}]{{2,6}}", a)]
    return forms + dotted


def _bracket_lists(text: str, lex: _Lexicon) -> list[_Mention]:
    """Bodies listed in brackets after a plural noun: "12 associazioni (A, B, C)"."""
    out = []
    for match in lex.plural.finditer(text):
        opening = text.find("(", match.end(), match.end() + 80)
        closing = text.find(")", opening)
        if opening < 0 or closing < 0 or re.search(r"[.;:]", text[match.end() : opening]):
            continue
        inner = text[opening + 1 : closing]
        if not inner[:1].isupper() or _PROVINCE.fullmatch(inner.strip()):
            continue  # "(che fa capo a …)": a clause; "Comuni di A e B (MO)": their province
        kind = lookup(lex.plural_kind, match.group())
        if kind is None:
            continue
        for item in re.finditer(r"[^,]+(?:,(?=\S)[^,]*)*", inner.replace(" e ", ", ")):
            name = _clean(item.group())
            if name:
                start = opening + 1 + inner.find(name)
                out.append(
                    _Mention(start, start + len(name), name, _kind(name, None, lex) if kind == "altro" else kind)
                )
    return out


_PROVINCE = re.compile(r"[A-Z]{2}")
# How far before "i Comuni di" a word that makes them a district's members may stand.
_COMPRISING_BEFORE = 25


# How far before its bracket the name of a body of comuni may start: "Distretto Pianura Est (comuni di …".
_HOLDER_BEFORE_BRACKET = 60
# How a line listing members opens: with its first town or "Comuni di".
_LIST_OPENING = re.compile(r"[ \t]*(?:$|(?:i[ \t]+)?comuni[ \t]+di\b)", re.I)


def _line_above(text: str, line_start: int) -> str:
    """The last non-blank line before the line starting at ``line_start``, stripped ("" when none)."""
    end = line_start
    while end > 0:
        start = text.rfind("\n", 0, end - 1) + 1
        line = text[start : end - 1].strip()
        if line:
            return line
        end = start
    return ""


_SET_APART_DASH = re.compile(r"[ \t][–—][ \t]")


def _member_list(text: str, start: int, lex: _Lexicon) -> bool:
    """Whether the towns listed from ``start`` are the members of a body made of comuni, not parties:
    after a word that says so ("il distretto che riunisce i Comuni di A e B"), on the line under the
    body's name ("DISTRETTO SOCIALE RIETI 1" then "Comuni di Rieti (capofila), Greccio …"), or in
    brackets or between dashes right after it ("promossa dall'Unione Bassa Est (comuni di A, B e C)"). A list after a
    district's name as a label ("Ambito di Albino: Albino, Nembro …") names the comuni that sign for it."""
    if lex.comprising.search(text[max(0, start - _COMPRISING_BEFORE) : start]):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    if _LIST_OPENING.match(text[line_start:start]) and lex.member_holder.match(_line_above(text, line_start)):
        return True
    reach = max(0, start - _COMPRISING_BEFORE * 4)
    bracket = text.rfind("(", reach, start)
    # A dash sets the members apart as a bracket does: "i 18 Comuni dell'Ambito – Arcene, Arzago d'Adda, …".
    dash = max((m.start() for m in _SET_APART_DASH.finditer(text, reach, start)), default=-1)
    if dash > bracket and not re.search(r"[.;:\n]", text[dash:start]):
        bracket = dash
    elif bracket < 0 or ")" in text[bracket:start]:
        return False
    before = text[max(0, bracket - _HOLDER_BEFORE_BRACKET) : bracket]
    holders = list(lex.member_holder.finditer(before))
    if not holders:
        return False
    # Nothing but the rest of that body's name between it and the bracket, which may open the next line; the
    # name may break after its "di" ("PLUS dell'Ambito di" over "Sassari (Comuni di Sassari, Sorso …)").
    rest = _NAME_BROKEN_AFTER_OF.sub(r"\1 ", before[holders[-1].end() :].rstrip())
    if text[text.rfind("\n", 0, bracket) + 1 : bracket].strip() == "":
        # The members' bracket on the line under the name: "Ambito Territoriale Sociale n. 1" over "(Comuni di …)".
        rest = _NUMBER_AFTER_NAME.sub(" ", rest)
    return not re.search(r"[.;:\n]", rest)


# A district's number after its name: "n. 1", "N° 3".
_NUMBER_AFTER_NAME = re.compile(r"\b(?:n|nr|n°)\.?[ \t]*\d{1,3}\b", re.I)


# A line that ends on a name's "di", its place on the next: the break is no end of the name.
_NAME_BROKEN_AFTER_OF = re.compile(r"\b(di|del|della|dei|degli|delle|dell['’])[ \t]*\n[ \t]*", re.I)


def _plural_lists(text: str, lex: _Lexicon) -> list[_Mention]:
    """Bodies of one kind coordinated after a plural head: "i Comuni di A, B e C"."""
    out = []
    for match in re.finditer(r"\b(?:[Cc]omuni|COMUNI)[ \t]+(?:di|DI)[ \t]+", text):
        if _member_list(text, match.start(), lex):
            continue  # "il distretto che comprende i Comuni di A e B": members named, not parties
        for k, (start, end) in enumerate(_town_spans(text, match.end(), lex)):
            # The first item's span holds "Comuni di", so the phrase reads as one subject.
            out.append(
                _Mention(match.start() if k == 0 else start, end, f"Comune di {_clean(text[start:end])}", "comune")
            )
    return out


def _town_spans(text: str, pos: int, lex: _Lexicon) -> list[tuple[int, int]]:
    """The towns a list names from ``pos`` on ("Matera e di Miglionico", "Villorba, Paese e Silea")."""
    spans: list[tuple[int, int]] = []
    while True:
        end = _known_town_end(text, pos) or _continuation(text, pos, lex, and_splits=True)
        if end == pos:
            return spans
        spans.append((pos, end))
        sep = _LIST_SEPARATOR.match(text, end)  # "di Matera e di Miglionico"
        if not sep or _ARTICLE_AHEAD.match(text, sep.end()):
            return spans  # "… e Zola Predosa e l'Azienda USL": a body of another kind follows
        pos = sep.end()


@dataclass
class _Found:
    mention: _Mention
    spans: list[tuple[int, int]] = field(default_factory=list)


def _mask_brackets(text: str) -> str:
    return re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), text)


# What joins one body of a subject to the next: "A e B", "A, la B", "i Comuni di A e di B".
_JOINED = re.compile(r"\s*(?:,|e|ed)?\s*(?:i|gli|le|il|la|l['’]|di)?\s*")


def _subject(text: str, start: int, verb: int, mentions: list[_Mention], lex: _Lexicon) -> list[_Mention]:
    """The bodies that are the subject of a verb at ``verb``: the first named group before it."""
    region = _mask_brackets(text[start:verb])
    inside = [m for m in mentions if start <= m.start < verb and region[m.start - start] != " "]
    group: list[_Mention] = []
    for m in inside:
        if not group:
            # A subject opens its clause: at most a few words (articles, "I Comuni e") before it.
            clause = re.split(r",|:|\s[-–—]\s", region[: m.start - start])[-1]
            words = [w for w in clause.split() if not re.fullmatch(r"[\d./-]+|\w+['’]", w)]
            heading = m.name.isupper() and _HEADING_AHEAD.match(text, m.end) is not None
            governed = _PREPOSITION_BEFORE.search(clause) is not None  # "dell'Ambito …": not a subject
            if len(words) <= _SUBJECT_LEAD and not heading and not governed:
                group.append(m)
            continue
        between = region[group[-1].end - start : m.start - start]
        if lex.with_words.fullmatch(between) or _JOINED.fullmatch(between):
            group.append(m)
        else:
            break
    return group


def _agreement_between(sentence: str, between: int, lex: _Lexicon) -> bool:
    """Whether the "tra" at ``between`` names the parties of an agreement the sentence holds: its noun stands
    before, and no "con" between them brings in another body the "tra" may belong to ("la convenzione con
    l'ATS costituita tra la Cooperativa A e l'Associazione B")."""
    nouns = list(lex.agreement.finditer(sentence, 0, between))
    return bool(nouns) and re.search(r"(?i)\bcon\b", sentence[nouns[-1].end() : between]) is None


# The letterhead: short heading lines opening a document, before its first
# sentence; the bodies it names issue the document.
_LETTERHEAD_CHARS = 400
_LETTERHEAD_LINE = 100


def _letterhead_end(text: str) -> int:
    """Offset where the heading lines that open the document end; a saved page's cookie notice and skip links
    above or among them ("Vai al contenuto principale") are passed over, and their length not counted."""
    pos = skipped = 0
    chrome = _lexicon().chrome_line
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and chrome.search(stripped):
            pos += len(line)
            skipped += len(line)
            continue
        if stripped and (
            pos - skipped > _LETTERHEAD_CHARS
            or len(stripped) > _LETTERHEAD_LINE
            or (re.search(r"[.;:]$", stripped) and not stripped.isupper())
        ):
            break
        pos += len(line)
    return pos


# "promosso dalla Caritas di X e dal CSV di Y": the bodies coordinated after the first.
_AND_BY = re.compile(
    r"[ \t]*(?:,|e|ed)[ \t]+(?:(?:da|dal|dalla|dallo|dai|dalle|il|la|lo|i|le|gli)[ \t]+|(?:dall|l)['’][ \t]*)?"
)


def _coordinated(text: str, pos: int, inside: list[_Mention]) -> list[_Mention]:
    """The body right after ``pos`` and those coordinated with it."""
    out: list[_Mention] = []
    for m in inside:
        if m.start < pos:
            continue
        first = not out and m.start - pos < 5
        joined = bool(out) and (link := _AND_BY.match(text, out[-1].end)) is not None and link.end() == m.start
        if first or joined:
            out.append(m)
        elif out:
            break
    return out


def _recipients(text: str, s: int, sentence: str, inside: list[_Mention], lex: _Lexicon) -> list[_Mention]:
    """The body a notice's applications go to ("trasmesse al Comune di X – Ambito Y"), which issues it."""
    out: list[_Mention] = []
    for cue in lex.recipient.finditer(sentence):
        at = s + cue.end()
        for m in inside:
            if m.start == at or (out and re.fullmatch(r"[ \t]*[-–—/,][ \t]*", text[out[-1].end : m.start])):
                out.append(m)
    return out


# How far "capofila" may stand from the body it qualifies ("il Comune di X, ente capofila").
_LEAD_WINDOW = 40


def _lead_bodies(text: str, s: int, sentence: str, inside: list[_Mention], lex: _Lexicon) -> list[_Mention]:
    """The leading body of a district or project, beside "capofila" or "Ente gestore"."""
    out: list[_Mention] = []
    for cue in lex.lead_body.finditer(sentence):
        a, b = s + cue.start(), s + cue.end()
        before = [m for m in inside if 0 <= a - m.end <= _LEAD_WINDOW and not re.search(r"[.;:]", text[m.end : a])]
        after = [m for m in inside if 0 <= m.start - b <= _LEAD_WINDOW and not re.search(r"[.;:(]", text[b : m.start])]
        nearest = before[-1:] if before and (not after or a - before[-1].end <= after[0].start - b) else after[:1]
        # The leader of a district is a body of its own ("il Comune di X, capofila dell'Ambito Y"), never the district.
        out.extend(m for m in nearest if m.kind in ("comune", "azienda_speciale", "consorzio"))
        town = _TOWN_AHEAD.match(text, b)
        if town and re.search(r"(?i)comune[ \t]*$", text[max(0, a - 8) : a]) and comuni_registry.exact(town.group(1)):
            at = town.start(1)  # "con Comune capofila Palomonte"
            out.append(_Mention(at, at + len(town.group(1)), f"Comune di {town.group(1)}", "comune"))
    return out


# A signature's line naming the one body it signs for ("Per l'ASL CN1", "PER IL COMUNE DI X"): the role
# under it holds an office of that body ("Il Direttore del Distretto Nord Ovest"), not another party.
_SIGNS_FOR = re.compile(r"(?i)[ \t]*per[ \t]+(?:il|lo|la|l['’])[ \t]*\S[^\n:]*$")


def _on_signature_line(text: str, m: _Mention, lex: _Lexicon) -> bool:
    """Whether the body stands on a short line opened by a signatory's role ("IL SINDACO DEL COMUNE DI X"), not
    under the line of the body that role signs for."""
    start = text.rfind("\n", 0, m.start) + 1
    end = text.find("\n", m.end)
    line = text[start : len(text) if end < 0 else end]
    if len(line.strip()) > _LETTERHEAD_LINE + 20 or lex.signatory.match(line) is None or m.start - start >= 60:
        return False
    if _SIGNS_FOR.match(line):
        return True
    previous = text[: max(0, start - 1)].rstrip(" \t").rsplit("\n", 1)[-1]
    return _SIGNS_FOR.fullmatch(previous) is None


def _locates_town(text: str, m: _Mention, mentions: list[_Mention]) -> bool:
    """Whether a province names where the comune before it lies ("COMUNE DI CARPI\nProvincia di Modena",
    or a district's towns over it: "Calopezzati – Caloveto – Crosia\nProvincia di Cosenza"): a letterhead's
    address line, not another body."""
    if m.kind != "provincia":
        return False
    province = re.sub(r"(?i)^(?:provincia|citt[àa]\s+metropolitana)\s+(?:di|del|della|dell['’])\s*", "", m.name)
    if _towns_above_in(text, m.start, province):
        return True
    towns = [o for o in mentions if o.kind == "comune" and o.end <= m.start]
    if not towns:
        return False
    # The town's whole line: a name the recognizer cut short ("COMUNE DI CASTELFRANCO EMILIA") stays whole.
    line_end = text.find("\n", towns[-1].start)
    line_end = m.start if line_end < 0 or line_end > m.start else line_end
    if not re.fullmatch(r"[\s,(–-]*", text[line_end : m.start]):
        return False
    town = re.sub(r"(?i)^\s*(?:comune|citt[àa]|municipio)\s+di\s+", "", text[towns[-1].start : line_end])
    town = town.strip(" ,(–-")
    return any(comuni_registry.in_province(t, province) for t in comuni_registry.lookup(town))


# The items of a line of towns ("Calopezzati – Caloveto", "Comune Capofila: Rossano"): what stands between
# separators, or after a body's "di".
_LINE_ITEMS = re.compile(r"[^–—,;:/|•·\n]+")
_AFTER_DI = re.compile(r"(?i)^.*\b(?:di|del|della|dei)\s+(?=\S)")


def _towns_above_in(text: str, start: int, province: str) -> bool:
    """Whether the non-blank line above ``start``'s names a town of ``province``, whole or after "di"."""
    for item in _LINE_ITEMS.finditer(_line_above(text, text.rfind("\n", 0, start) + 1)):
        for name in {item.group().strip(), _AFTER_DI.sub("", item.group()).strip()}:
            if len(name) >= 3 and any(comuni_registry.in_province(t, province) for t in comuni_registry.exact(name)):
                return True
    return False


# A sentence's closing punctuation, then at most quotes and brackets: a comma after them means it goes on.
_SENTENCE_CLOSED = re.compile(r"[.!?;:»”\"][^\w,]*$")


def _party_mentions(
    analysis: Analysis, mentions: list[_Mention], premises: _Stretches, lex: _Lexicon
) -> list[_Mention]:
    text = analysis.text
    chosen: dict[int, _Mention] = {}
    letterhead = _letterhead_end(text)
    for m in mentions:
        if m.end <= letterhead and not _locates_town(text, m, mentions):
            chosen[m.start] = m
    sentences = list(analysis.sentences)
    starts = [m.start for m in mentions]  # in text order
    for k, (s, e) in enumerate(sentences):
        if k + 1 < len(sentences) and not _SENTENCE_CLOSED.search(text[s:e]):
            # A sentence cut by the layout (a page or column break) goes on, as does the list of parties
            # before an agreement's verb set apart ('A, B e C, di seguito "le parti",' / "CONVENGONO").
            e = sentences[k + 1][1]
        sentence = text[s:e]
        # Bodies named in premises are cited there: the rules of signing and issuing pass them by.
        inside = [m for m in mentions[bisect_left(starts, s) : bisect_left(starts, e)] if not premises.holds(m.start)]
        if not inside:
            continue
        # "il Consorzio, che gestisce i servizi dei Comuni dei distretti di A e B, e i sindacati": the bodies of
        # a relative clause are what a party does, not parties.
        clauses = [(s + c.start(), s + c.end()) for c in _RELATIVE_CLAUSE.finditer(sentence)]
        listed = [m for m in inside if not any(a <= m.start < b for a, b in clauses)]
        sign = lex.sign.search(sentence)
        if sign and not _CITED_ACT.search(sentence[: sign.start()]):
            for m in listed:
                chosen[m.start] = m
            # "le firme … in rappresentanza di: A; B; C": items the list names without a head.
            colon = re.search(r"rappresentanza di\s*:", sentence, re.I)
            if colon:
                for item in re.finditer(r"[^;]+", sentence[colon.end() :]):
                    a, b = s + colon.end() + item.start(), s + colon.end() + item.end()
                    name = _clean(text[a:b])
                    if name and not any(a <= m.start < b for m in inside):
                        at = text.find(name, a)
                        chosen[at] = _Mention(at, at + len(name), name, _kind(name, None, lex))
        cites = _cites_an_act(sentence, lex)
        for verb in lex.subject_verb.finditer(sentence):
            if not (cites and verb.group().lower() in lex.act_issuing):
                for m in _subject(text, s, s + verb.start(), inside, lex):
                    chosen[m.start] = m
        for verb in lex.by.finditer(sentence):
            if not (cites and verb.group().lower() in lex.act_issuing):
                for m in _coordinated(text, s + verb.end(), inside):
                    chosen[m.start] = m
        between = re.search(r"\b(?i:tra|fra)\b", sentence)
        if between and _agreement_between(sentence, between.start(), lex):
            for m in listed:
                if m.start >= s + between.end():
                    chosen[m.start] = m
        for m in _recipients(text, s, sentence, inside, lex) + _lead_bodies(text, s, sentence, inside, lex):
            chosen[m.start] = m
    for m in mentions:
        if (m.district and not premises.holds(m.start)) or _on_signature_line(text, m, lex):
            chosen[m.start] = m
    return [m for m in sorted(chosen.values(), key=lambda m: m.start) if not _not_party_here(text, m, lex)]


# A relative clause set off by commas, up to the ", e" that adds the next party or goes on with the sentence.
_RELATIVE_CLAUSE = re.compile(
    r",[ \t]*(?:che|il[ \t]+quale|la[ \t]+quale|i[ \t]+quali|le[ \t]+quali)[ \t]+[a-zà-ù][^;.]*?"
    r"(?=,[ \t]*(?:e|ed)[ \t]|[;.]|$)"
)
# A premise heading alone on its line is this short ("PREMESSO CHE", "VISTI").
_PREMISE_HEADING_WORDS = 3
# How far a premises section under a heading may run without the words that close it.
_PREMISES_MAX = 8000
_ENDS_WITH_COLON = re.compile(r":\s*\Z")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class _Stretches:
    """Stretches of text in order, none overlapping the next: which of them holds an offset, by bisection."""

    spans: tuple[tuple[int, int], ...]

    def holds(self, at: int) -> bool:
        k = bisect_left(self.spans, (at + 1,)) - 1
        return k >= 0 and at < self.spans[k][1]


def _premises(analysis: Analysis, lex: _Lexicon) -> _Stretches:
    """The stretches of text that are premises: a sentence a line opens with a premise word ("VISTA la DGR
    …"), and the section under a premise heading ("PREMESSO CHE" then "- il Piano è stato approvato …")
    up to the words that close it ("TUTTO CIÒ PREMESSO", "si conviene", "DELIBERA")."""
    text = analysis.text
    out: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        if (out and line.start() < out[-1][1]) or not lex.premise_opener.match(line.group()):
            continue
        if len(line.group().split()) > _PREMISE_HEADING_WORDS:
            end = max(line.end(), analysis.sentence_at(line.start())[1])
            if _ENDS_WITH_COLON.search(text, line.start(), end):
                # "CONSIDERATO CHE gli Ambiti comprendono 27 Comuni:" and the list under it, to a blank line.
                blank = _BLANK_LINE.search(text, end)
                end = blank.start() if blank else len(text)
            out.append((line.start(), _premise_clause_end(text, line.start(), end, lex)))
            continue
        closer = lex.premise_closer.search(text, line.end(), line.end() + _PREMISES_MAX)
        out.append((line.end(), closer.start() if closer else min(len(text), line.end() + _PREMISES_MAX)))
    return _Stretches(tuple(out))


def _premise_clause_end(text: str, start: int, end: int, lex: _Lexicon) -> int:
    """Where a sentence opened by a premise word stops being one: at the first comma that opens the main
    clause ("Considerata la DGR n. 5, il Comune di X intende …"), not a relative that goes on with it."""
    for comma in re.finditer(",", text[start:end]):
        if not lex.premise_goes_on.match(text, start + comma.start()):
            return start + comma.start()
    return end


def _cites_an_act(sentence: str, lex: _Lexicon) -> bool:
    """Whether a sentence cites another act by number ("con D.G.R. n. 512 la Regione ha approvato …"): who
    issued that act is cited. An act that approves this very document ("con determinazione n. 45 il Comune
    ha approvato l'avviso") names its issuer."""
    return lex.cited_act.search(sentence) is not None and lex.own_document.search(sentence) is None


# A representative named in a party's clause: "rappresentato dal Presidente …, Mattia Colombo, Sindaco del".
# The clause runs over the layout's line breaks, up to a semicolon or the "E" line between two parties.
_REPRESENTED_BY = re.compile(
    r"(?i)\brappresentat[oaie]\s+(?:da|dal|dalla|dallo|dall['’]|in\s+persona)\b"
    r"(?:(?!\n[ \t]*(?:e|tra|fra)[ \t]*\n)[^;])*$"
)
_ROLE_OF = re.compile(
    r"(?i)\b(?:sindac[oa]|president[ei]|assessor[ei]|direttor[ei]|direttrice|dirigente|responsabile|"
    r"coordinat(?:or[ei]|rice)|segretari[oa]|commissari[oa])\s+(?:del|della|dell['’])\s*(?:comune\s+di\s+)?$"
)
_REPRESENTATION_REACH = 160


# The opening of a list of towns, then its items so far: "per i Comuni di Bagnatica, Brusaporto e ".
_TOWN_LIST_SO_FAR = re.compile(
    r"(?i)\bcomuni(?:\s+(?:dei\s+territori|del\s+territorio))?\s+(?:di|del|dell['’])\s*[^.;:()\n]{0,200}$"
)
_LIST_REACH = 240


def _in_a_list_of_places(text: str, start: int, lex: _Lexicon) -> bool:
    """Whether a town stands in a list that names where an agreement applies or whom a party acts for ("nei
    Comuni di A, B e C", "rappresentato dal Presidente, per i Comuni di A, B e C")."""
    opening = _TOWN_LIST_SO_FAR.search(text, max(0, start - _LIST_REACH), start)
    # Where the list opens: its "Comuni di", or the mention itself when it holds them ("Comuni di Bagnatica").
    at = opening.start() if opening else start
    # The words before it, read as they would be before a list's first town.
    before = text[max(0, at - 60) : at] + "comuni di "
    return bool(lex.places_before.search(before) or lex.on_behalf_before.search(before))


def _not_party_here(text: str, m: _Mention, lex: _Lexicon) -> bool:
    """Whether the words just before a mention make the body a place, what a party leads ("presso la
    sede della Provincia", "capofila della Zona Sociale n. 9") or the office of another party's representative
    ("l'Ufficio di Piano, rappresentato dal Presidente dell'Assemblea, Mattia Colombo, Sindaco del Comune di X")."""
    if lex.not_party_before.search(text[max(0, m.start - 20) : m.start]):
        return True
    if m.kind == "comune" and _in_a_list_of_places(text, m.start, lex):
        return True
    before = text[max(0, m.start - _REPRESENTATION_REACH) : m.start]
    return _ROLE_OF.search(before) is not None and _REPRESENTED_BY.search(before) is not None


# A name cut where its bracketed acronym opens and goes on after it: "… Territoriale| (ASST) Brianza".
_BRACKET_GOES_ON = re.compile(r"[ \t]*\([A-Z][A-Za-z.]{1,10}\)[ \t]+[A-ZÀ-Ý]")


def _with_listed(analysis: Analysis, named: list[_Mention], chosen: list[_Mention], lex: _Lexicon) -> list[_Mention]:
    """The chosen mentions and the bodies of joining lists (party_lists) that none of them covers."""
    starts = [m.start for m in named]

    def body_at(start: int, end: int) -> tuple[str, str, int] | None:
        i = bisect_left(starts, start)
        for m in named[i : i + 2]:
            if m.start < end and m.start - start <= 3:
                return m.name, m.kind, m.end
        return None

    out = list(chosen)
    for item in party_lists.listed_bodies(analysis.text, analysis.sentences, body_at):
        covered = [m for m in out if m.start < item.end and item.start < m.end]
        if (
            len(covered) == 1
            and covered[0].start == item.start
            and _BRACKET_GOES_ON.match(analysis.text, covered[0].end, item.end)
        ):
            # "Azienda Socio Sanitaria Territoriale (ASST) Brianza": the list item is the whole name of the
            # body a rule found cut short at its bracketed acronym.
            out[out.index(covered[0])] = replace(covered[0], end=item.end, name=_clean(item.name))
            continue
        if covered:
            continue
        name = _clean(item.name)
        if lex.signatory.fullmatch(name):
            continue  # "la Presidente" alone: a signer whose body the list names elsewhere, or not at all
        head = lex.head.match(name)
        if head is not None and head.end() == len(name) and name.lower() not in _registry_forms():
            continue  # "Comune, sindacati e Terzo settore fanno squadra": a kind of body named, no body
        mayors = _MAYORS_OF.match(item.name)
        if mayors:
            # "i Sindaci dei Comuni di Villorba, Paese e Silea": the towns sign, through their mayors.
            towns = _town_spans(analysis.text, item.start + mayors.start(1), lex)
            found = [_Mention(s, e, f"Comune di {_clean(analysis.text[s:e])}", "comune") for s, e in towns]
            out.extend(m for m in found if not _not_party_here(analysis.text, m, lex))
            continue
        kind = item.kind or _kind(name, lookup(lex.head_kind, name.split()[0]), lex)
        body = _Mention(item.start, item.end, name, kind)
        if not _not_party_here(analysis.text, body, lex):
            out.append(body)
    return sorted(out, key=lambda m: m.start)


# A list item naming the mayors of towns: "Sindaci dei Comuni di Villorba", "il Sindaco del Comune di Paese".
_MAYORS_OF = re.compile(
    r"\s*(?i:(?:i|il|la)\s+)?(?i:sindac[oi]|sindache)\s+(?i:dei|del)\s+(?i:comuni|comune)\s+(?i:di)\s+(\S)"
)


# The titles a municipality goes by before its name, as ``normalise`` writes them (no accents).
_TOWN_TITLE = re.compile(r"^(?:comune|citta|municipio|amministrazione comunale)\s+(?:di\s+)?")


# "(di seguito ATS)", "(d'ora in poi denominata «Ente capofila»)": the short name a text defines for a body.
_DEFINED_AS = re.compile(
    r"\s*\((?:qui\s+)?(?:di\s+seguito|in\s+seguito|nel\s+seguito|d['’]ora\s+in\s+poi|breviter|brevemente)\b"
    r"[\s:,]*(?:(?:anche\s+)?(?:denominat|indicat|chiamat|definit)\w*\s+)?(?:[\"“«'‘]|(?:il|la|l['’])\s*)?"
    r"(?P<alias>[^()\"”»’]{2,60}?)[\"”»'’]?\s*\)"
)


def _defined_names(mentions: list[_Mention]) -> list[_Mention]:
    """The mentions with the definitions of short names taken out of the full names ("Azienda Socio
    Sanitaria Territoriale Rhodense (di seguito ASST Rhodense)"), and each mention by a defined short
    name ("ASST Rhodense") named in full, so that both are one party."""
    full_of: dict[str, str] = {}
    out = []
    for m in mentions:
        defined = _DEFINED_AS.search(m.name)
        if defined:
            m = replace(m, name=_clean(m.name[: defined.start()] + m.name[defined.end() :]))
            full_of[normalise(defined.group("alias"))] = m.name
        out.append(m)
    return [replace(m, name=full_of[normalise(m.name)]) if normalise(m.name) in full_of else m for m in out]


def _town(name: str) -> str:
    """The town a comune's name names: "Comune di Bassano", "CITTÀ DI BASSANO" and "Bassano" name one,
    and "Città di Castello" is a town's whole name."""
    norm = normalise(name)
    if comuni_registry.exact(norm):
        return norm
    return _TOWN_TITLE.sub("", norm)


def _titled_town(name: str) -> bool:
    """A municipality named by another title than "Comune di" ("CITTÀ DI BASSANO DEL GRAPPA")."""
    key = normalise(name)
    return not key.startswith("comune ") and _TOWN_TITLE.match(key) is not None


# "AZIENDA SOCIO SANITARIA TERRITORIALE (ASST) DI LODI": a name with its acronym in brackets.
_NAME_WITH_ACRONYM = re.compile(r"(?P<before>.+?)\s*\((?P<acronym>[A-Z][A-Za-z.]{1,10})\)\s*(?P<after>.*)")


def _forms(name: str) -> set[str]:
    """The normal forms one body may be written in: as given, and by its bracketed acronym ("ASST DI LODI")
    or without it."""
    forms = {normalise(name)}
    parts = _NAME_WITH_ACRONYM.fullmatch(name.strip())
    if parts:
        forms.add(normalise(f"{parts['acronym']} {parts['after']}"))
        forms.add(normalise(f"{parts['before']} {parts['after']}"))
    return forms


def _shortened(a: str, b: str) -> bool:
    """Whether one name is the other cut short: its words, in order, from the same first word ("AUSER" of
    "AUSER TERRITORIALE LODI ODV", "Forum del Terzo Settore" of "FORUM PROVINCIALE DEL TERZO SETTORE DI LODI")."""
    x, y = sorted((normalise(a).split(), normalise(b).split()), key=len)
    if len(x) == len(y) or not x or x[0] != y[0]:
        return False
    rest = iter(y[1:])
    return all(word in rest for word in x[1:])  # a subsequence: ``in`` consumes the iterator


def _spelled_out_below(text: str, parties: list[Party], m: _Mention) -> Party | None:
    """The party on the line right above ``m`` whose name opens with the acronym ``m`` spells out: "FNP CISL
    Emilia Centrale" over "Federazione Nazionale Pensionati" is one body."""
    for party in parties:
        end = party.spans[-1][1]
        below = end <= m.start and re.fullmatch(r"[ \t]*\n[ \t]*", text[end : m.start]) is not None
        if below and abbreviates(party.name.split()[0], m.name):
            return party
    return None


_DISTRICT_CONNECTOR = re.compile(r"\b(?:dell|del|della|dello|dei|degli)\b")


def _same_party(a: Party, b: _Mention) -> bool:
    if a.kind == "ambito" and b.kind == "ambito":
        # "PLUS Ambito di Sassari" and "PLUS dell'Ambito di Sassari": the same words but their connectors.
        x, y = sorted((" ".join(_DISTRICT_CONNECTOR.sub(" ", normalise(n)).split()) for n in (a.name, b.name)), key=len)
        core = re.sub(r"^(?:ambito|distretto)\s+(?:di\s+)?", "", x)
        numbers = [ambiti.district_numbers(n) for n in (x, y)]
        # "DISTRETTO D 46" and "Comitato dei Sindaci del distretto n. 46", "ATS IX" and "Ambito Territoriale
        # Sociale IX – Jesi": one district, numbered alike.
        return f" {core} " in f" {y} " or (bool(numbers[0]) and numbers[0] == numbers[1])
    if a.kind == "comune" and b.kind == "comune":
        # "Comune di Monno" is not "Comune di Borno"; "CITTÀ DI BASSANO" is "Comune di Bassano".
        return _town(a.name) == _town(b.name)
    if a.kind == b.kind and (_forms(a.name) & _forms(b.name) or _shortened(a.name, b.name)):
        return True
    if a.kind == b.kind and (abbreviates(a.name, b.name) or abbreviates(b.name, a.name)):
        return True
    return normalise(a.name) == normalise(b.name) or same_organisation(a.name, b.name)


def _branches_merged(parties: list[Party]) -> list[Party]:
    """``parties`` with a branch named alone merged into the body named with it ("Dipartimento di Scienze
    Umanistiche" beside "Università degli Studi di Sassari – Dipartimento di Scienze Umanistiche")."""
    kept: list[Party] = []
    for party in parties:
        whole = next((p for p in parties if p is not party and _branch_of(p.name, party.name)), None)
        if whole is None:
            kept.append(party)
        else:
            whole.spans.extend(party.spans)
    return kept


def _branch_of(whole: str, part: str) -> bool:
    """Whether ``part`` is the branch that ``whole`` names after its dash: "Dipartimento di Scienze Umanistiche"
    of "Università degli Studi di Sassari – Dipartimento di Scienze Umanistiche"."""
    pieces = _BRANCH_DASH.split(whole, maxsplit=1)
    return len(pieces) == 2 and normalise(pieces[1]) == normalise(part)


# The learned party model (``extractor/data/build_party_selector.py``, ``make train``).
PARTY_MODEL = "party_selector.json"


@dataclass
class Candidate:
    """A body the document names, with every mention of it and the features the party model reads."""

    name: str
    kind: str
    mentions: list[_Mention]
    features: dict[str, float]


# Words before a mention that cite an act or a rule, as bodies merely cited are ("ai sensi della DGR").
_CITATION = re.compile(
    r"\b(?:ai\s+sensi|approvat|d\.?g\.?r|decreto|legge|l\.\s?r\.|delibera|deliberazione|determin|finanziat|"
    r"secondo|previst)",
    re.I,
)
# Mentions this close to the start count as in the opening, where a notice names its issuer.
_OPENING = 400
# When the rules find fewer parties than this, the party model picks among the bodies named
# (measured on the corpus folds: where the rules find three or more, adding the model's picks costs
# precision and gains nothing).
_RULES_ENOUGH = 3


def _grouped(named: list[_Mention]) -> list[list[_Mention]]:
    """Mentions of the same body together, in order of first mention."""
    groups: dict[str, list[_Mention]] = {}
    for m in named:
        groups.setdefault(normalise(m.name), []).append(m)
    return list(groups.values())


@dataclass(frozen=True)
class _Page:
    """What every body's features read of the document, worked out once: its type, where the letterhead
    ends, how many bodies it names, and where its brackets open and close."""

    analysis: Analysis
    doc_type: str
    letterhead_end: int
    bodies: int
    opens: list[int]
    closes: list[int]

    def in_brackets(self, at: int) -> bool:
        """More brackets opened than closed before ``at``."""
        return bisect_left(self.opens, at) > bisect_left(self.closes, at)


def _features(page: _Page, group: list[_Mention], lex: _Lexicon) -> dict[str, float]:
    """What the party model reads of one body: kind, document type, place, frequency, cue words around it."""
    analysis = page.analysis
    text = analysis.text
    first = group[0]

    def sentence(m: _Mention) -> str:
        return text[slice(*analysis.sentence_at(m.start))]

    def any_sentence(pattern: re.Pattern[str]) -> float:
        return float(any(pattern.search(sentence(m)) for m in group))

    def before(m: _Mention, chars: int) -> str:
        return text[max(0, m.start - chars) : m.start]

    return {
        "bias": 1.0,
        f"kind={first.kind}": 1.0,
        f"type={page.doc_type}": 1.0,
        "mentions": math.log1p(len(group)),
        "bodies": math.log1p(page.bodies),
        "first_position": first.start / max(1, len(text)),
        "in_opening": float(first.start < _OPENING),
        "in_letterhead": float(first.end <= page.letterhead_end),
        "sign_sentence": any_sentence(lex.sign),
        "subject_sentence": any_sentence(lex.subject_verb),
        "by_sentence": any_sentence(lex.by),
        "agreement_sentence": any_sentence(lex.agreement),
        "recipient_sentence": any_sentence(lex.recipient),
        "lead_sentence": any_sentence(lex.lead_body),
        "tra_before": float(any(re.search(r"\b(?:tra|fra)\b[^.]{0,40}$", before(m, 60), re.I) for m in group)),
        "preposition_before": float(all(_PREPOSITION_BEFORE.search(before(m, 12)) for m in group)),
        "sentence_start": float(any(m.start - analysis.sentence_at(m.start)[0] < 8 for m in group)),
        "citation_before": float(all(_CITATION.search(before(m, 80)) for m in group)),
        "in_brackets": float(all(page.in_brackets(m.start) for m in group)),
        "signature_line": float(any(_on_signature_line(text, m, lex) for m in group)),
    }


def candidates(analysis: Analysis, doc_type: str, named: list[_Mention] | None = None) -> list[Candidate]:
    """Every body the document names (``named``, when already found), with the features the party model
    reads (also its training rows)."""
    lex = _lexicon()
    text = analysis.text
    groups = _grouped(_mentions(analysis, lex) if named is None else named)
    page = _Page(
        analysis,
        doc_type,
        _letterhead_end(text),
        len(groups),
        [i for i, c in enumerate(text) if c == "("],
        [i for i, c in enumerate(text) if c == ")"],
    )
    return [Candidate(group[0].name, group[0].kind, group, _features(page, group, lex)) for group in groups]


# The plural head before a list of towns: "i Comuni di".
_PLURAL_TOWNS_HEAD = re.compile(r"\s*(?i:comuni)\s+(?i:di|del|dei)\s*$")


def _listed_towns(
    analysis: Analysis, doc_type: str, chosen: list[_Mention], premises: _Stretches, lex: _Lexicon
) -> list[_Mention]:
    """In an agreement, the municipalities it lists are its signatories: "Comune di X" for each town of a
    list of three or more, unless the list names a district's members ("che comprende i Comuni di …") or
    districts ("Ambiti di A, B e C")."""
    if doc_type not in lex.town_list_types:
        return []
    text = analysis.text
    taken = {normalise(m.name) for m in chosen}
    out = []
    for towns in comuni_recognizer.town_lists(text):
        start = towns[0][0]
        before = text[max(analysis.sentence_at(start)[0], start - 80) : start]
        if lex.comprising.search(before) or _member_list(text, start, lex) or lex.districts_before.search(before):
            continue
        if premises.holds(start) or _in_a_list_of_places(text, start, lex):
            continue  # cited in the premises, where the agreement applies, or whom a party acts for
        if lex.not_party_before.search(_PLURAL_TOWNS_HEAD.sub("", before)):
            continue  # "gli incontri con i Comuni di A, B e C": whom a party will meet
        if _CHROME_LINE.match(text, text.rfind("\n", 0, start) + 1):
            continue  # a page's section and places: "ATTUALITÀ | FOSSANO - SAVIGLIANO - SALUZZO"
        for s, e, town in towns:
            written = _clean(text[s:e])
            # As written ("Villanova Franca" for Villanovafranca), unless in capitals ("ALLISTE").
            name = f"Comune di {town if written.isupper() else written}"
            if normalise(name) not in taken:
                taken.add(normalise(name))
                out.append(_Mention(s, e, name, "comune"))
    return out


def _without_framing_district(mentions: list[_Mention], doc_type: str, lex: _Lexicon) -> list[_Mention]:
    """An agreement its municipalities sign is theirs: the district they make up, named in its letterhead or
    its title ("AMBITO TERRITORIALE DI …", "Accordo di programma – Ambito di …"), is its frame, not one more
    party; a union of comuni, which signs in its own name, is never a frame. (In the annotated corpus and the
    synthetic sets, two in three such districts were not parties.)"""
    if doc_type not in lex.signed_by_towns_types:
        return mentions
    towns = {normalise(m.name) for m in mentions if m.kind == "comune"}
    if len(towns) < 2:
        return mentions
    return [m for m in mentions if m.kind != "ambito" or lex.self_governing.match(m.name)]


def _modelled(
    analysis: Analysis, doc_type: str, named: list[_Mention], chosen: list[_Mention], premises: _Stretches
) -> list[_Mention]:
    """Mentions of the bodies the rules left out that the party model takes for parties."""
    selector = learning.load_model(PARTY_MODEL)
    lex = _lexicon()
    taken = {normalise(m.name) for m in chosen}
    out = []
    for candidate in candidates(analysis, doc_type, named):
        if normalise(candidate.name) in taken or selector.probability(candidate.features) < selector.threshold:
            continue
        if all(_locates_town(analysis.text, m, named) for m in candidate.mentions):
            continue
        # Once named as a place or as what a party leads, the body is that: the model reads no such words;
        # named only where an act is cited, it is cited with the act.
        if any(_not_party_here(analysis.text, m, lex) for m in candidate.mentions):
            continue
        if all(_cites_an_act(analysis.text[slice(*analysis.sentence_at(m.start))], lex) for m in candidate.mentions):
            continue
        if all(premises.holds(m.start) for m in candidate.mentions):
            continue  # named only in the premises: cited
        out.extend(candidate.mentions)
    return out


def _written_in_full(text: str, parties: list[Party], named: list[_Mention], lex: _Lexicon) -> None:
    """Give a party known by its acronym the name the text writes out in full elsewhere, where no rule took it
    for a party ("Azienda Sanitaria Provinciale di Catania (di seguito ASP di Catania)", then "L'ASP di Catania
    si impegna"), with that mention's span; a mention that names a place ("presso la sede del Centro di servizio
    …") does not rename it."""
    for party in parties:
        if party.kind in ("comune", "ambito"):
            continue
        full = next(
            (
                m
                for m in named
                if m.kind == party.kind and abbreviates(party.name, m.name) and not _not_party_here(text, m, lex)
            ),
            None,
        )
        if full is not None:
            party.name = full.name
            if (full.start, full.end) not in party.spans:
                party.spans.append((full.start, full.end))


def find_parties(analysis: Analysis, doc_type: str | None = None, *, learned: bool = True) -> list[Party]:
    """Every body that signs, joins or issues the document, one item per body.

    ``doc_type`` is the document's type when the caller knows it already; the party model reads it.
    ``learned=False`` keeps to the rules (their tests use it).
    """
    lex = _lexicon()
    named = _mentions(analysis, lex)
    premises = _premises(analysis, lex)
    mentions = _party_mentions(analysis, named, premises, lex)
    mentions = _with_listed(analysis, named, mentions, lex)
    if doc_type is None:
        doc_type = classify_document(analysis)[0]
    mentions = sorted(mentions + _listed_towns(analysis, doc_type, mentions, premises, lex), key=lambda m: m.start)
    if learned and len({normalise(m.name) for m in mentions}) < _RULES_ENOUGH:
        # The wording names its parties in a way the rules do not know: the learned model decides.
        mentions = sorted(mentions + _modelled(analysis, doc_type, named, mentions, premises), key=lambda m: m.start)
    mentions = _without_framing_district(mentions, doc_type, lex)
    parties: list[Party] = []
    by_name: dict[str, Party] = {}
    for m in _defined_names(mentions):
        party = by_name.get(normalise(m.name)) or next((p for p in parties if _same_party(p, m)), None)
        if party is None and (party := _spelled_out_below(analysis.text, parties, m)) is not None:
            party.kind = cast(PartyKind, m.kind)  # the name written out tells the kind its acronym may not: "ASP"
        if party is None:
            party = Party.model_validate({"name": m.name, "kind": m.kind})
            parties.append(party)
        elif party.kind == "comune" and normalise(m.name).startswith("comune ") and _titled_town(party.name):
            party.name = m.name  # "Comune di Bassano" names the body better than its title "CITTÀ DI …"
        elif party.kind not in ("comune", "ambito") and (
            (_shortened(party.name, m.name) and len(m.name) > len(party.name)) or abbreviates(party.name, m.name)
        ):
            # The whole name over the one cut short or its acronym (districts keep the name they first go by).
            party.name = m.name
        by_name.setdefault(normalise(m.name), party)
        party.spans.append((m.start, m.end))
    parties = _branches_merged(parties)
    _written_in_full(analysis.text, parties, named, lex)
    known: list[Organisation] = []
    # Longest names first, so "CISL MBL" takes the canonical of "CISL Monza Brianza Lecco".
    for party in sorted(parties, key=lambda p: -len(p.name)):
        party.canonical = resolve(party.name, party.kind, known)
        if party.canonical:
            known.append(Organisation(party.canonical, party.kind))
    for party in parties:
        party.spans.sort()
    return sorted(parties, key=lambda p: p.spans[0])
