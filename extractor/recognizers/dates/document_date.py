"""The date a document carries as its own: dateline, header date, or its signing."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from extractor.lexicon import load, phrase_alternation
from extractor.recognizers.dates.words import weekday_re
from extractor.sentences import CELL_GAP, is_table_row, line_around

# "Monza, 24 novembre 2016", "Roma lì 3 marzo 2020", "Addì 5 maggio 2021", a page's "Ultimo aggiornamento:
# 01/03/2024"; pages saved from the web may open with a metadata stamp ("date 2025-03").
_METADATA = r"(?:(?:date|data)\s*:?\s*(?:19|20)\d{2}-\d{2}(?:-\d{2})?\s+)?"
# "Le adesioni entro il 28 febbraio." is a sentence that sets a term, not a dateline.
_DATELINE_BEFORE = re.compile(
    rf"^[ \t]*{_METADATA}(?!.*\b(?:entro|fino|oltre|scadenza|termine|dal|al|dalle|alle)\b)"
    rf"(?:[A-ZÀ-Ú][\w'’.\-]*(?:\s+[\w'’.\-]+){{0,4}}\s*[,:–—]?\s*)?(?:lì|li|addì|il)?[ \t]*$",
    re.I,
)
_DATELINE_AFTER = re.compile(r"^[ \t]*(?:$|\n|[.]\s|[.]$|\s[-–—]\s|[–—])")
# A metadata stamp that opens the text and gives the day: "date 2025-11-05 Il Comune …".
_STAMP_BEFORE = re.compile(r"\s*(?:date|data)\s*:?\s*", re.I)
_MONTH_STAMP = re.compile(r"\s*(?:date|data)\s*:?\s*((?:19|20)\d{2})-(0[1-9]|1[0-2])(?![\d\-])", re.I)
_HEADER_AFTER = re.compile(r"^[ \t*)\]]*(?:$|\n|[.]\s|[.]$)")
_HEADER_BEFORE = re.compile(
    r"(?:\bdel|\bin data|\bdata|\bdatato|\blì|\bli|\baddì|\bseduta del|\bverbale del)\s*[:,]?\s*$", re.I
)
_SIGNING = re.compile(r"\b(?:sottoscritt|firmat|siglat|stipulat|approvat|adottat)\w*", re.I)
# This document's own act: its kind of act, or whatever it calls "il presente …" ("il presente bilancio sociale").
_OWN_ACT = re.compile(
    r"\b(?:patto|protocollo|accordo|intesa|convenzione|dichiarazione d['’]\s*intenti|documento)\b"
    r"|\b(?:il|la|lo)\s+present[ei]\s+\w+",
    re.I,
)
_CITED = re.compile(r"\b(?:nel|nella|dal|dalla)\s+(?:patto|protocollo|accordo|intesa|convenzione)\b", re.I)

# An act's closing formula before its place and date ("Letto, confermato e sottoscritto.").
_CLOSING_FORMULA = re.compile(r"\b(?:letto|sottoscritto|firmato|confermato)\b[^\n]{0,60}\n[ \t]*$", re.I)
_CLOSING_WITH_DATE = re.compile(
    r"[ \t]*(?:letto|sottoscritto|firmato)\b[^\n.;]{0,80}?\b(?:in\s+data|il|lì|li|addì)[ \t]*[:,]?[ \t]*$", re.I
)
# A document's own approval told at its top without a subject: "Approvata dall'Assemblea … nella seduta del …".
_OWN_APPROVAL = re.compile(r"[ \t]*(?:approvat|adottat|sottoscritt|firmat)[oaie]\b", re.I)

# A web page's publication stamp under its headline: "Pubblicato il: 16 settembre 2024 | Ultima modifica …",
# "Data di pubblicazione: 21 novembre 2023", "di Redazione | 14 marzo 2024", "Pubblicato: 19 Giugno 2024 - 12:40".
_PUBLISHED_BEFORE = re.compile(
    r"(?:\bpubblicat[oa](?:\s+il)?|\bdata\s+di\s+pubblicazione|\bpubblicazione|\bpubblicato\s+in\s+data|\|"
    r"|^[ \t]*data(?=[ \t]*:))"  # "Data: 14 marzo 2024" opening its line, not "approvato in data …"
    r"[ \t]*[:,]?[ \t]*$",
    re.I,
)
_PUBLISHED_AFTER = re.compile(
    r"^[ \t]*(?:$|\n|[|·•]|[-–—,][ \t]*(?:ore[ \t]*)?\d|[-–—]\s|da\s|di\s|alle\s|ore\s)|^[ \t]{2,}[A-ZÀ-Ý]", re.I
)
# A stamp's label alone on the line above its date: "Data:" over "18 aprile 2024".
_LABEL_ABOVE = re.compile(
    r"(?:^|\n)[ \t]*(?:data(?:[ \t]+di[ \t]+pubblicazione)?|pubblicat[oa](?:[ \t]+il)?|pubblicazione)"
    r"[ \t]*:?[ \t]*\n[ \t]*\Z",
    re.I,
)
# The fields of a byline after its date: "29 Aprile 2022 | Ufficio di Piano | Piano Sociale di Zona".
_FIELDS_AFTER = re.compile(r"[ \t]*[|·•][ \t]*[A-ZÀ-Ý]")
# A news item's byline before its stamp: "Di Francesca Pugliese   12 Novembre 2024, 13:45".
BYLINE = re.compile(r"[ \t]*(?i:di|da|a\s+cura\s+di)[ \t]+[A-ZÀ-Ý][\w'’.]*(?:[ \t]+[A-ZÀ-Ý][\w'’.]*){0,3}[ \t|,–—-]*")
# The bare time of a page's or a post's stamp right after its date: ", 18:42", " 19:55".
STAMP_TIME_AFTER = re.compile(r"[ \t]*,?[ \t]*\d{1,2}[:.]\d{2}\b(?![:.]?\d)")
STAMP_LINE_CHARS = 100

HEAD_CHARS = 600
TAIL_CHARS = 400
HEADER_LINES = 6
SENTENCE_CHARS = 300


@dataclass(frozen=True)
class Dated:
    """A resolved, explicitly written date with the facts the rules need."""

    start: int
    end: int
    date: dt.date
    kind: str
    legal: bool
    cue_start: int | None
    # Dated by the formula that opens an act: "L'anno duemila…, il giorno …", "Il giorno … si è riunita …".
    formula: bool = False


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end == -1 else line_end


def _is_stamp(text: str, d: Dated) -> bool:
    return bool(_STAMP_BEFORE.fullmatch(text, 0, d.start))


def _is_dateline(text: str, d: Dated) -> bool:
    if not (d.start < HEAD_CHARS or d.start > len(text) - TAIL_CHARS) or d.legal:
        return False
    line_start, _ = _line_bounds(text, d.start, d.end)
    # A letterhead sets the dateline in a column of its own: "Prot. n. 8734/2024        Fossano, 6 maggio 2024".
    column_start = max((m.end() for m in CELL_GAP.finditer(text, line_start, d.start)), default=line_start)
    return bool(_DATELINE_BEFORE.match(text[column_start : d.start]) and _DATELINE_AFTER.match(text[d.end : d.end + 4]))


@cache
def _record_fields() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The fields of a register's record that date its act, and the annex's opening that names the act it
    belongs to (``date_context.toml``, ``signing``)."""
    words = load("date_context")["signing"]
    dated = phrase_alternation(words["record_date_fields"])
    numbered = phrase_alternation(words["record_number_fields"])
    field = re.compile(
        rf"(?:^|[ \t]{{2,}}|\t|\|)[ \t]*(?:(?:{dated})[ \t]*:|(?:{numbered})[ \t]*(?:n\.|n°|nr\.?)?[ \t]*[\w/.-]*\d"
        rf"[\w/.-]*[ \t]+(?:del|in[ \t]+data)[ \t]*:?)[ \t]*$",
        re.I,
    )
    annex = re.compile(
        rf"[ \t]*(?:{phrase_alternation(words['annex_heads'])})\b[^\n]{{0,160}}\b(?:del|in data)[ \t]*$", re.I
    )
    return field, annex


def _act_of_its_record(text: str, d: Dated) -> bool:
    """The act's own date in a register's record at the top ("Data atto: 18/04/2024", "Registro generale n. 1532
    del 05/12/2023"), or in the line that makes the document an annex of an act ("Allegato A alla Deliberazione
    dell'Assemblea n. 6 del 26/03/2024"): the document is dated by that act."""
    if d.start > 2 * HEAD_CHARS:
        return False
    line_start, _ = _line_bounds(text, d.start, d.end)
    field, annex = _record_fields()
    return bool(field.search(text, line_start, d.start) or annex.fullmatch(text, line_start, d.start))


@cache
def _signature_line() -> re.Pattern[str]:
    """A line of the signatures, opened by a signatory's role or a signing word (``date_context.toml``,
    ``signature_openers``: "IL SINDACO", "Per il Comune di …", "Firmato"), or bearing a signature's mark
    anywhere (``signature_marks``: "… f.to Anna Neri")."""
    words = load("date_context")["signing"]
    openers, marks = phrase_alternation(words["signature_openers"]), phrase_alternation(words["signature_marks"])
    return re.compile(rf"[ \t]*(?:{openers})\b|[^\n]*?(?<![\w.])(?:{marks})(?![\w])", re.I)


@cache
def _session() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """How a minute's session opens and what it says of the meeting (``date_context.toml``, ``signing``)."""
    words = load("date_context")["signing"]
    opener = re.compile(rf"[\s\W]*(?:{phrase_alternation(words['session_openers'])})\b[ \t,]*", re.I)
    verb = re.compile(rf"(?<!\w)(?:{phrase_alternation(words['session_verbs'])})(?!\w)", re.I)
    return opener, verb


def session_formula(text: str, sentence: tuple[int, int], start: int) -> bool:
    """Whether the date at ``start`` opens the session that adopts a minute or resolution near its top:
    "Il giorno giovedì 14 marzo 2024, alle ore 16.30, … si è riunita la Conferenza dei Sindaci"."""
    if start > 2 * HEAD_CHARS:
        return False
    opener, verb = _session()
    opening = opener.match(text, sentence[0], start)
    weekday = rf"(?:{weekday_re()}[ \t,]*)?"
    return bool(
        opening
        and re.fullmatch(weekday, text[opening.end() : start], re.I)
        and (verb.search(text, start, sentence[1]) or _RUNS_INTO_PARTIES.search(text, start, sentence[1]))
    )


# An agreement's opening that runs on into its parties: "Il giorno 27 gennaio 2025, presso la sede della SdS,"
# over "la SOCIETÀ DELLA SALUTE …, rappresentata da …", or "…, tra:".
_RUNS_INTO_PARTIES = re.compile(r"(?:,|\b(?:tra|fra)(?:[ \t]+le[ \t]+parti)?[ \t]*:?)[ \t]*$", re.I)


# The closing formula set under the place and date instead of over them ("Vicenza, 12 giugno 2024" over
# "Letto, approvato e sottoscritto"), and the place and comma such a dateline needs.
_CLOSING_BELOW = re.compile(r"[ \t]*letto\b[^\n]{0,40}\b(?:sottoscritt|firmat)", re.I)
_PLACE_AND_COMMA = re.compile(r"[ \t]*[A-ZÀ-Ý][\w'’.\- ]{1,40}?(?:,|[ \t]+l[ìi]|[ \t]+addì)[ \t]*")


def signing_dateline(text: str, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` dates the signing: a dateline ("Melfi, 20 marzo 2024") right after
    the closing formula or right over the signatures, wherever they stand in the document."""
    line_start, line_end = _line_bounds(text, start, end)
    if not (_DATELINE_BEFORE.match(text[line_start:start]) and _DATELINE_AFTER.match(text[end : end + 4])):
        return False
    if _CLOSING_FORMULA.search(text[max(0, line_start - 120) : line_start]):
        return True
    following = re.search(r"\S[^\n]*", text[line_end : line_end + 200])
    if following and _CLOSING_BELOW.match(following.group()):
        return _PLACE_AND_COMMA.fullmatch(text, line_start, start) is not None
    return bool(following and _signature_line().match(following.group()))


def _signs_at_its_end(text: str, d: Dated) -> bool:
    return not d.legal and (signing_dateline(text, d.start, d.end) or _closing_formula_dated(text, d))


def _closing_formula_dated(text: str, d: Dated) -> bool:
    """The closing formula with the date on its own line: "Letto, approvato e sottoscritto digitalmente in
    data 28 gennaio 2025"."""
    line_start, _ = _line_bounds(text, d.start, d.end)
    return _CLOSING_WITH_DATE.match(text, line_start, d.start) is not None


def _approved_at_its_top(text: str, d: Dated) -> bool:
    """ "Approvata dall'Assemblea dei Sindaci nella seduta del 22 maggio 2024" under a report's title, or "con
    deliberazione n. 7 del 27/06/2023": the date of the act that approves it is the document's."""
    if d.start > 2 * HEAD_CHARS or (d.kind != "firma" and not d.legal):
        return False
    line_start, _ = _line_bounds(text, d.start, d.end)
    # Capitalised, it opens its own line under the title; in lower case it goes on a wrapped sentence ("Con il
    # presente accordo," over "approvato dalla Giunta con deliberazione n. 312 del 28 ottobre 2024,").
    approval = _OWN_APPROVAL.match(text, line_start)
    return approval is not None and approval.group().lstrip()[:1].isupper()


def _published_at_top(text: str, d: Dated) -> bool:
    """A web page's publication date, stamped under its headline: after "Pubblicato il" or "Data:" on its line or
    a "Data:" alone on the line above, before the stamp's next field ("Pubblicato il: 07/02/2025   Categoria:
    …"); or opening a short line with the bare time of the stamp ("14 marzo 2025, 18:42 – aggiornato …") or
    the byline's fields ("29 Aprile 2022 | Ufficio di Piano | …")."""
    # A labelled stamp may stand below a page's cookie notice and menus; a bare one is the page's first lines'.
    if d.start > 2 * HEAD_CHARS or d.legal:
        return False
    line_start, line_end = _line_bounds(text, d.start, d.end)
    if _in_a_table(text, line_start, line_end):
        return False  # "Anziani | Ampliare l'assistenza domiciliare | 31/12/2025": a table's cell, not a byline's
    before = text[line_start : d.start]
    labelled = _PUBLISHED_BEFORE.search(before) is not None or (
        not before.strip() and _LABEL_ABOVE.search(text, max(0, line_start - 40), line_start) is not None
    )
    if labelled and _PUBLISHED_AFTER.match(text[d.end : d.end + 12]):
        return True
    if d.start > HEAD_CHARS or line_end - line_start > STAMP_LINE_CHARS or d.kind == "evento":
        return False  # a meeting's day and hour in a calendar, not a stamp
    opens_line = not before.strip() or BYLINE.fullmatch(before) is not None
    return opens_line and (
        STAMP_TIME_AFTER.match(text, d.end) is not None or _FIELDS_AFTER.match(text, d.end) is not None
    )


def _in_a_table(text: str, line_start: int, line_end: int) -> bool:
    """Whether the line is a row of a table of two rows or more (a byline's fields are one line of them)."""
    if not is_table_row(text[line_start:line_end]):
        return False
    above = line_around(text, line_start - 1) if line_start > 0 else ""
    below = line_around(text, line_end + 1) if line_end < len(text) else ""
    return is_table_row(above) or is_table_row(below)


def _in_header(text: str, d: Dated) -> bool:
    if d.start > HEAD_CHARS:
        return False
    lines_before = text[: d.start].count("\n") - text[: d.start].count("\n\n")
    if lines_before >= HEADER_LINES or (d.legal and not _titles_its_line(text, d)):
        return False
    # A header date closes its title line ("Atto di intesa … del 25 ottobre 2021").
    return bool(
        _HEADER_BEFORE.search(text[max(0, d.start - 25) : d.start]) and _HEADER_AFTER.match(text[d.end : d.end + 4])
    )


def _titles_its_line(text: str, d: Dated) -> bool:
    """An act's own date in its title line ("Deliberazione della Giunta … n. 1313 del 28 settembre 2021")."""
    if d.kind != "firma" or d.cue_start is None:
        return False
    line_start, _ = _line_bounds(text, d.start, d.end)
    return not text[line_start : d.cue_start].strip()


def _sentence_before(text: str, start: int) -> str:
    """The words of the sentence that lead to ``start`` (at most SENTENCE_CHARS of them)."""
    window = text[max(0, start - SENTENCE_CHARS) : start]
    stop = max(window.rfind(". "), window.rfind("\n"))
    return window[stop + 1 :]


def _signs_this_document(text: str, d: Dated) -> bool:
    if d.kind != "firma" or d.legal or d.cue_start is None:
        return False
    before = _sentence_before(text, d.start)
    return bool(_SIGNING.search(text, d.cue_start, d.start) and _OWN_ACT.search(before) and not _CITED.search(before))


def _signed_after(text: str, d: Dated) -> bool:
    """ "mercoledì 5 ottobre, è stato sottoscritto il protocollo": the signing told after the date."""
    if d.kind != "firma" or d.legal or d.cue_start is not None:
        return False
    signing = _SIGNING.search(text, d.end, d.end + 40)
    return bool(signing and _OWN_ACT.search(text, signing.end(), signing.end() + 40))


def month_stamp(text: str) -> tuple[int, int] | None:
    """The year and month of a metadata stamp opening the text ("date 2022-10")."""
    m = _MONTH_STAMP.match(text)
    return (int(m.group(1)), int(m.group(2))) if m else None


def _opening_formula(text: str, d: Dated) -> bool:
    """An act's formal date near its top ("L'anno duemilaventiquattro, il giorno sedici …", "Il giorno 14
    marzo 2024 … si è riunita la Conferenza")."""
    return d.start < 2 * HEAD_CHARS and d.formula


def written_document_date(text: str, dated: list[Dated]) -> dt.date | None:
    """The document's own date from dates written in full: stamp, dateline, header date, formula, signing."""
    rules = (
        _is_stamp,
        _is_dateline,
        _in_header,
        _published_at_top,
        _opening_formula,
        _approved_at_its_top,
        _act_of_its_record,
        # The dateline over the signatures dates the signing better than a sentence that tells of one,
        # which may be an earlier act's ("il Protocollo sottoscritto il 19 aprile 2021 tra …").
        _signs_at_its_end,
        _signs_this_document,
    )
    for rule in rules:
        for d in dated:
            if rule(text, d):
                return d.date
    return None


def inferred_document_date(text: str, dated: list[Dated]) -> dt.date | None:
    """The document's date among dates whose year had to be inferred: a dateline or its signing.

    A signing told after its date counts only in the month the text is stamped with.
    """
    stamp = month_stamp(text)
    for d in dated:
        if _is_dateline(text, d) or _signs_this_document(text, d) or _signs_at_its_end(text, d):
            return d.date
        if stamp == (d.date.year, d.date.month) and _signed_after(text, d):
            return d.date
    return None
