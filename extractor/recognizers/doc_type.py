"""Document type and title: what kind of act a document is, and what it calls itself.

The type is voted by the cues of ``data/doc_types.toml`` over the whole text;
a cue in the opening (title lines) weighs more than one in the body, which
often cites other acts. The title is a heading line at the top, preferably
one that names an act ("AVVISO PUBBLICO PER …", "Atto di intesa …").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, cast

from extractor import learning
from extractor.lexicon import alternation, load, phrase_alternation
from extractor.nlp import Analysis
from extractor.site_menus import menu_lines
from models.extraction import DocType

DOC_TYPES = ("patto", "avviso", "intesa", "accordo", "rendiconto", "delibera", "altro")
# Words an act's own title begins with.
_TITLE_WORDS = (
    "avviso", "atto", "protocollo", "patto", "accordo", "convenzione", "delibera", "deliberazione",
    "determinazione", "relazione", "rendiconto", "regolamento", "bando", "intesa", "dichiarazione", "verbale",
    "piano",
)  # fmt: skip
_TITLE_START = re.compile(rf"(?i:{alternation(_TITLE_WORDS)})\b")
# Leading noise of crawled pages and markdown: "date 2022-10", "## **", "1 " page numbers.
_LEAD_NOISE = re.compile(r"^(?:\s*(?:#+|\*+|_+|date\s+\d{4}-\d{2}|\d{1,3}(?=\s+[A-Z])))+\s*")
_SKIP_LINE = re.compile(r"(?i)^(?:allegato\b|guarda\s+il\s+video|https?://|foto\s+\d)")
# The words that make a title the draft of the act it names: "Schema di accordo di programma", "BOZZA DI PROTOCOLLO".
_DRAFT_OF = re.compile(r"(?i)^(?:schema|bozza|testo|proposta|ipotesi)\s+(?:di|del|dello|della|dell['’])\s*")
# A word of four capitals or more set apart by single spaces, as acts set their operative verb ("D E L I B E R A").
_SPACED_WORD = re.compile(r"(?<![^\s])[A-ZÀ-Ý](?: [A-ZÀ-Ý]){3,}(?![^\s])")
# An article or preposition glued to a capitalised noun: the apostrophe was lost ("dellAmbito").
_ELIDED = re.compile(r"\b(l|dell|all|dall|nell|sull|un)(?=[AEIOUÀÈÉÌÒÙ])")
MAX_TITLE_CHARS = 300
# The learned document-type model (``extractor/data/build_doc_type_model.py``, ``make train``).
DOC_TYPE_MODEL = "doc_type_model.json"
# Characters read as the title when the first line is too long to be one.
_TITLE_WINDOW = 200
# Top lines searched for the title: a letterhead may list its towns over several lines above it.
TITLE_LINES = 10


@dataclass(frozen=True)
class _Cue:
    type: str
    pattern: re.Pattern[str]
    weight: float
    # A word every match begins with, when the pattern has one: a cue whose word is not in
    # the text is skipped without running its expression (most cues, on most documents).
    word: str | None = None


_CASE_LOOKALIKES = "ſıİK"
# The literal word a cue's expression begins with, after word boundaries and lookbehinds.
_LEADING_WORD = re.compile(r"^(?:\\b|\(\?<![^()]*\))*([a-zà-ù]{3,})(?![?*{|])")


# The words before an act's name that make the document an annex of that act.
_ANNEX_OF = re.compile(
    r"(?i)\ballegat[oaie](?:[ \t]+(?:[A-Z]|\d{1,2}|n\.[ \t]*\d{1,2}))?[ \t]+(?:alla|al|all['’]|della|del)[ \t]*$"
)
_ANNEX_REACH = 30


def _check_type(group: dict[str, Any]) -> None:
    """Refuse an entry of ``doc_types.toml`` that votes for no known type."""
    if group["type"] not in DOC_TYPES:
        raise ValueError(f"doc_types.toml: unknown type {group['type']!r}")


@cache
def _cues() -> tuple[_Cue, ...]:
    data = load("doc_types")
    out = []
    for group in data["cue"]:
        _check_type(group)
        for pattern in group["patterns"]:
            leading = _LEADING_WORD.match(pattern)
            word = leading.group(1) if leading else None
            out.append(_Cue(group["type"], re.compile(pattern, re.I | re.M), float(group["weight"]), word))
    return tuple(out)


def _opening_end(text: str, chars: int) -> int:
    """End of the opening: ``chars`` characters past the first non-blank one."""
    start = len(text) - len(text.lstrip())
    return start + chars


def _title_span(text: str, chars: int) -> tuple[int, int]:
    """The title line: the first of the top lines that names an act ("VERBALE DI DELIBERAZIONE …" under a
    letterhead), else the first line when it is short enough to be a title; (0, 0) when there is none."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()][:TITLE_LINES]
    for start, end in lines:
        line = _clean(text[start:end])
        if _opens_a_title(line) and end - start <= chars:
            return start, end
    if lines and lines[0][1] - lines[0][0] <= chars:
        return lines[0]
    return 0, 0


def _opens_a_title(line: str) -> bool:
    """Whether a cleaned top line is an act's title: it opens with an act's word, capitalised, has three words or
    two in capitals ("DETERMINAZIONE DIRIGENZIALE", "PROTOCOLLO D'INTESA"), and does not run on into the next line
    with a comma, as a page's notice does ("AVVISO – Dal 1° aprile la domanda potrà essere presentata …,")."""
    line = _DRAFT_OF.sub("", line)  # "SCHEMA DI PROTOCOLLO D'INTESA": the draft of an act is titled by it
    words = len(line.split())
    long_enough = words >= 3 or (words == 2 and line.isupper())
    # A line in lower case goes on with a sentence broken above it ("protocollo d'intesa sulle politiche …").
    return bool(_TITLE_START.match(line)) and line[:1].isupper() and long_enough and not line.endswith(",")


def _factor(position: int, title: tuple[int, int], opening: int, data: dict[str, Any]) -> float:
    """How much a cue at ``position`` weighs: most in the title line, more in the opening."""
    if title[0] <= position < title[1]:
        return float(data["title_factor"])
    return float(data["opening_factor"]) if position < opening else 1.0


def _closed_up(text: str) -> str:
    """Words set in spaced capitals closed up, padded to keep every offset: "D E L I B E R A" reads "DELIBERA"."""
    return _SPACED_WORD.sub(lambda m: m.group().replace(" ", "").ljust(len(m.group())), text)


@lru_cache(maxsize=2)
def _read_part(text: str) -> str:
    """The part of a document the type is read from (its first ``read_chars``), spaced capitals closed up; cached,
    as the operative verb and the cues both read it."""
    return _closed_up(text[: int(load("doc_types")["read_chars"])])


def _restore_elisions(text: str) -> str:
    """Put back the apostrophe a conversion dropped ("lAccordo" -> "l'Accordo") so cues see the word."""
    return _ELIDED.sub(r"\1'", text)


@cache
def _links() -> re.Pattern[str]:
    """A line that links to another page ("» …"), or a related-news heading and all that follows it."""
    data = load("doc_types")
    marks = "".join(re.escape(m) for m in data["link_marks"])
    headings = phrase_alternation(data["related_headings"])
    return re.compile(rf"^[ \t]*[{marks}][^\n]*|^[ \t]*(?:{headings})\b[^\n]{{0,40}}$[\s\S]*", re.I | re.M)


def _without_links(text: str) -> str:
    """``text`` with its links to other pages (a related-news list, a site's menu) blanked out, every offset kept."""
    blank = _links().sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    for start, end in menu_lines(blank):
        blank = blank[:start] + " " * (end - start) + blank[end:]
    return blank


def type_scores(text: str) -> dict[str, float]:
    """Each type's cue score over ``text`` (its first ``read_chars``); one stretch of text counts once per type."""
    data = load("doc_types")
    text = _without_links(_restore_elisions(_read_part(text)))
    opening = _opening_end(text, int(data["opening_chars"]))
    title = _title_span(text, int(data["title_chars"]))
    scores = dict.fromkeys(DOC_TYPES, 0.0)
    claimed: dict[str, list[tuple[int, int]]] = {t: [] for t in DOC_TYPES}
    # Letters that case-insensitive matching pairs with ASCII ones but lower() does not ("ſ" and
    # "s") would hide a word from the quick test: a text holding any is searched in full.
    lowered = None if any(c in text for c in _CASE_LOOKALIKES) else text.lower()
    # Heavier cues first: "accordo quadro" is one strong cue, not also a bare "accordo".
    for cue in sorted(_cues(), key=lambda c: -c.weight):
        if lowered is not None and cue.word is not None and cue.word not in lowered:
            continue
        hits = 0
        for match in cue.pattern.finditer(text):
            if hits >= data["max_hits"]:
                break
            if any(s < match.end() and match.start() < e for s, e in claimed[cue.type]):
                continue
            if _ANNEX_OF.search(text, max(0, match.start() - _ANNEX_REACH), match.start()):
                continue  # "Allegato A alla Deliberazione n. 6": the act the document is attached to
            hits += 1
            claimed[cue.type].append(match.span())
            scores[cue.type] += cue.weight * _factor(match.start(), title, opening, data)
    return scores


def type_features(text: str) -> dict[str, float]:
    """What the document-type model reads: each type's cue score over the whole text, its share of all the
    scores, and its score in the title line alone."""
    scores = type_scores(text)
    total = sum(scores.values()) or 1.0
    start, end = _title_span(text, int(load("doc_types")["title_chars"]))
    title = text[start:end] if end else text[:_TITLE_WINDOW]
    in_title = type_scores(title)
    features = {"bias": 1.0}
    for name in DOC_TYPES:
        features[f"score={name}"] = math.log1p(scores[name])
        features[f"share={name}"] = scores[name] / total
        features[f"title={name}"] = math.log1p(in_title[name])
    return features


@cache
def _title_heads() -> tuple[tuple[str, re.Pattern[str]], ...]:
    heads: list[tuple[str, re.Pattern[str]]] = []
    for group in load("doc_types")["title_head"]:
        _check_type(group)
        heads.extend((group["type"], re.compile(pattern, re.I)) for pattern in group["patterns"])
    return tuple(heads)


def title_type(text: str) -> DocType | None:
    """The type a formal title names by its first words ("VERBALE DI DELIBERAZIONE …", "Avviso pubblico
    …"), or None when the title opens otherwise or there is none."""
    start, end = _title_span(text, int(load("doc_types")["title_chars"]))
    opening = _opening_end(text, int(load("doc_types")["opening_chars"]))
    line_end = text.find("\n", opening)
    # A field that starts in the opening is read to its line's end: "Tipologia: Determinazioni dirigenziali".
    declared = _DECLARED_TYPE.search(text, 0, line_end if line_end >= 0 else len(text))
    if declared is not None and (kind := _head_type(declared.group(1))) is not None:
        return kind  # a register's record: "Tipologia: Determinazione dirigenziale"
    if end == 0:
        return None
    named = _head_type(text[start:end])
    # A title in two lines that name two acts names the document by the second: "PATTO PER IL WELFARE
    # 2023-2025" over "RELAZIONE DI MONITORAGGIO": the pact is what the report is about.
    below = re.match(r"\n[ \t]*([^\n]+)", text[end : end + int(load("doc_types")["title_chars"])])
    if named is not None and below is not None and not _OPEN_ENDED.search(text[start:end]):
        second = below.group(1)
        second_named = _head_type(second) if len(second.split()) >= 2 else None
        return second_named or named
    return named


# The field of an online register (albo pretorio) that gives the act's type: "Tipologia: Determinazione
# dirigenziale", "Tipo atto: Delibera di Giunta".
_DECLARED_TYPE = re.compile(
    r"(?im)^[ \t]*(?:tipologia|tipo)(?:[ \t]+(?:di[ \t]+|dell['’][ \t]*)?atto)?[ \t]*:[ \t]*([^\n]{3,80})"
)
# A title line that runs on into the next ("AVVISO PUBBLICO PER L'ADESIONE AL\nPROTOCOLLO …").
_OPEN_ENDED = re.compile(
    r"(?i)\b(?:al|allo|alla|ai|agli|alle|del|della|dei|per|di|e|tra|con|il|lo|la|i|gli|le|l['’])\s*$"
)


def _head_type(line: str) -> DocType | None:
    """The type a title line names by its first words, or None."""
    line = _DRAFT_OF.sub("", _clean(_restore_elisions(line)))
    return next((cast(DocType, kind) for kind, head in _title_heads() if head.match(line)), None)


@cache
def _operative_line() -> tuple[DocType, re.Pattern[str]]:
    operative = load("doc_types")["operative"]
    _check_type(operative)
    return cast(DocType, operative["type"]), re.compile(
        rf"^[ \t]*(?:{alternation(operative['verbs'])})[ \t]*:?[ \t]*$", re.I | re.M
    )


def operative_type(text: str) -> DocType | None:
    """The type an act's operative verb names, set on a line of its own ("D E L I B E R A", "DETERMINA"), or None."""
    kind, line = _operative_line()
    return kind if line.search(_read_part(text)) else None


def classify_document(analysis: Analysis) -> tuple[DocType, float]:
    """The document's type and a confidence in [0, 1].

    A formal title that names its act decides (``title_type``), else an operative verb on its own line
    (``operative_type``). Otherwise the cues' scores are weighed by a model trained on the annotated corpus
    (``data/doc_type_model.json``, ``make train``), which learns how much each type's cues tell against the
    others' (a notice cites agreements, an agreement cites resolutions).
    """
    titled = title_type(analysis.text) or operative_type(analysis.text)
    if titled is not None:
        return titled, 1.0
    best, confidence = learning.load_classifier(DOC_TYPE_MODEL).best(type_features(analysis.text))
    return cast(DocType, best), confidence


def _clean(line: str) -> str:
    line = _LEAD_NOISE.sub("", _closed_up(line).strip())
    line = re.sub(r"[*_#|]+", " ", line)
    return " ".join(line.split()).strip(" -–—:")


def _is_headline(raw: str) -> bool:
    """A short line not closed like a sentence or an introduction."""
    words = raw.split()
    return 3 <= len(words) <= 20 and not re.search(r"[.;,:][*_\s]*$", raw)


def find_title(analysis: Analysis) -> str | None:
    """The document's own title (a heading line at the top), or None when it has none."""
    lines: list[tuple[str, str, bool]] = []  # the line as written, cleaned, and whether it follows the one before
    follows = False
    for raw in analysis.text.splitlines():
        line = _clean(raw)
        if not line or _SKIP_LINE.match(line):
            follows = False
            continue
        lines.append((raw.strip(), line, follows))
        follows = True
        if len(lines) >= TITLE_LINES:
            break
    for i, (_, line, _) in enumerate(lines):
        if _opens_a_title(line):
            # "AVVISO PUBBLICO" over "per la raccolta di manifestazioni di interesse …": one title on two lines.
            for _, more, joined in lines[i + 1 : i + 1 + _TITLE_CONTINUATIONS]:
                if not joined or _PAGE_STAMP.match(more) or not (more[:1].islower() or _OPEN_ENDED.search(line)):
                    break  # "pubblicato il 10/02/2025" under a headline is the page's stamp
                line = f"{line} {more}"
            return line[:MAX_TITLE_CHARS].rstrip()
    if lines and _is_headline(lines[0][0]):
        return lines[0][1]
    return None


# The most lines a title runs on over after its first.
_TITLE_CONTINUATIONS = 2
# A page's stamp under its headline: "pubblicato il …", "aggiornato il …".
_PAGE_STAMP = re.compile(r"(?i)(?:pubblicat|aggiornat|modificat|inserit)\w*\b")
