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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractor.lexicon import alternation, load
from extractor.nlp import Analysis
from extractor.recognizers.categories import categorize, normalise
from models import WorkArea

Span = tuple[int, int]

_MARKER = re.compile(
    r"[ \t]*(?:(?P<bullet>[-–•*▪●◦·])|(?P<num>\d{1,2}[.)])(?!\d)"
    r"|(?P<alpha>[a-zA-Z][)])|(?P<roman>[IVX]{1,4}[.)]))[ \t]+"
)
_QUOTED = re.compile(r"[\"“«](?P<q>[^\"”»\n]{2,120})[\"”»]")
# A policy's elided adjective or participle: "(politiche) giovanili", "(politiche) rivolte agli anziani".
_ADJECTIVE = re.compile(r"\w+(?:ili|ali|ari)\b|(?:rivolt|dedicat|mirat|destinat)\w*", re.I)
# Items that name an action of their own rather than a policy with its head elided.
_SELF_NAMED = re.compile(r"(?i)\b(?:contrasto|lotta|sostegno|coesione|promozione|tutela)\b")
_SENT_END = re.compile(r"\.(?:\s|$)")


@dataclass(frozen=True)
class _Words:
    area_noun: re.Pattern[str]
    partial: re.Pattern[str]
    not_intro: re.Pattern[str]
    head: re.Pattern[str]
    not_item: re.Pattern[str]
    leading: re.Pattern[str]
    ender: re.Pattern[str]
    policy: re.Pattern[str]
    theme: re.Pattern[str]
    axis: re.Pattern[str]
    area_mention: re.Pattern[str]
    heading_area: re.Pattern[str]
    min_policy_heads: int
    min_inline_items: int
    min_area_mentions: int
    max_label_words: int


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
        partial=re.compile(rf"\b(?:{_phrases(w['partial_intros'])})\b"),
        not_intro=re.compile(
            rf"\bseguent\w*\s+(?:{_phrases(w['not_intros'])})\b|\b(?:{_phrases(w['not_intros'])})\b(?:\s+\w+){{0,3}}\s+sono\s*:?\s*$"
        ),
        head=re.compile(rf"^(?:{_phrases(w['heads'])})\b"),
        not_item=re.compile(rf"^(?:{alternation(w['not_items'])})\b"),
        leading=re.compile(rf"^(?:(?:{alternation(w['leading_words'])})(?:\s+|'|’))+", re.I),
        ender=re.compile(rf"\s(?:{alternation(w['name_enders'])})\b", re.I),
        policy=re.compile(rf"\b(?:{alternation(w['policy_heads'])})\b", re.I),
        theme=re.compile(rf"\b(?:{_phrases(w['theme_intros'])})\s*[:]?\s*[\"“«](?P<q>[^\"”»\n]{{3,100}})[\"”»]", re.I),
        axis=re.compile(
            rf"\b(?:{_phrases(w['axis_statements'])})\s+(?:sarà|sara|è|e'|resta|rimane)\s+(?P<x>[^.;:\n]{{3,200}})",
            re.I,
        ),
        area_mention=re.compile(r"\b(?:area|AREA|Area)[ \t]+(?P<x>[A-Za-zÀ-ÿ' \t]{3,60})"),
        heading_area=re.compile(rf"\b(?:{_phrases(w['heading_areas'])})\b"),
        min_policy_heads=int(w["min_policy_heads"]),
        min_inline_items=int(w["min_inline_items"]),
        min_area_mentions=int(w["min_area_mentions"]),
        max_label_words=int(w["max_label_words"]),
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
    start, end = _trim(text, start, end)
    item = text[start:end]
    cut = len(item)
    for pattern in (r"[:(]", r";", r"\s[–—]\s", r"\s-\s"):
        match = re.search(pattern, item[:cut])
        if match and match.start() > 0:
            cut = match.start()
    match = _SENT_END.search(item[:cut])
    if match:
        cut = match.start()
    explanation = item[cut:].strip(" :(;–—-\n")
    if len(item[:cut].split()) > 6:
        match = words.ender.search(item[:cut])
        if match and match.start() > 0:
            cut = match.start()
    if strip_leading:
        leading = words.leading.match(item[:cut])
        if leading and leading.end() < cut:
            start, item, cut = start + leading.end(), item[leading.end() :], cut - leading.end()
    s, e = _trim(text, start, start + cut)
    name = text[s:e]
    if not name or not re.search(r"[A-Za-zÀ-ÿ]{3}", name) or len(name.split()) > words.max_label_words:
        return None
    if words.not_item.match(normalise(name)):
        return None
    return (s, e), explanation


def _starts_with_head(label: str) -> bool:
    return bool(_words().head.match(normalise(label)))


# -- introductions --------------------------------------------------------------------------


def _intro_kind(intro: str) -> str | None:
    """``strong``, ``partial`` or None for the phrase before an enumeration's colon."""
    words = _words()
    norm = normalise(intro).replace("’", "'")
    if not words.area_noun.search(norm) or words.not_intro.search(norm):
        return None
    return "partial" if words.partial.search(norm) else "strong"


def _intro_before(analysis: Analysis, colon: int) -> str:
    """The sentence ending at ``colon``, joined to the previous one when cut mid-phrase."""
    text = analysis.text
    start, _ = analysis.sentence_at(colon)
    if start > 0 and text[start : start + 1].islower():
        start = analysis.sentence_at(max(0, start - 2))[0]
    return text[start : colon + 1]


# -- forms ----------------------------------------------------------------------------------


def _lines(text: str) -> list[Span]:
    return [m.span() for m in re.finditer(r"[^\n]*", text) if m.group().strip()]


def _marker_kind(line: str) -> tuple[str, int] | None:
    match = _MARKER.match(line)
    if not match:
        return None
    kind = next(k for k in ("bullet", "num", "alpha", "roman") if match.group(k))
    return kind, match.end()


def _listed(analysis: Analysis) -> list[_Found]:
    """Items of marker lists: after an area introduction, or headed by an area word."""
    text = analysis.text
    lines = _lines(text)
    found: list[_Found] = []
    taken: set[int] = set()
    for i, (ls, le) in enumerate(lines):
        line = text[ls:le].rstrip()
        if not line.endswith(":") or (_marker_kind(line) and i in taken):
            continue
        kind_of_intro = _intro_kind(_intro_before(analysis, ls + len(line) - 1))
        if kind_of_intro is None:
            continue
        items = _collect_items(text, lines, i + 1)
        for index, (s, e) in items:
            taken.add(index)
            named = _name(text, s, e)
            if named is None:
                continue
            (ns, ne), explanation = named
            if kind_of_intro == "partial" and not _starts_with_head(text[ns:ne]):
                continue
            found.append(_Found(text[ns:ne], explanation, (ns, ne)))
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
        closes = text[ne : ne + 2].lstrip()[:1] in (":", "(")
        if _starts_with_head(label) and not normalise(label).startswith(("tavoli", "aree")) and closes:
            found.append(_Found(label, explanation, (ns, ne)))
    return found


def _collect_items(text: str, lines: list[Span], first: int) -> list[tuple[int, Span]]:
    """The items of the list starting at line ``first``, continuation lines joined."""
    items: list[tuple[int, Span]] = []
    kind = None
    current: tuple[int, int, int] | None = None  # line index, start, end
    skipping = False
    lone_marker = -2
    for j in range(first, len(lines)):
        ls, le = lines[j]
        line = text[ls:le]
        if re.fullmatch(r"[ \t]*[-–•*▪●◦·][ \t]*", line) and j + 1 < len(lines):
            lone_marker = j  # the layout put the bullet on a line of its own
            continue
        marker = _marker_kind(line)
        if marker is None and lone_marker == j - 1:
            marker = ("bullet", 0)
        if marker is None and kind is None:
            quoted = _QUOTED.match(line.strip())
            if not quoted:
                break
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


def _split_inline(segment: str, offset: int, by: str) -> list[Span]:
    """Spans of the items of ``segment`` split on ``by``; parentheses are kept whole."""
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
    if by == ",":
        # The last item is joined by "e": "immigrazione e integrazione".
        ls, le = spans[-1]
        last = segment[ls - offset : le - offset]
        match = list(re.finditer(r"\s(?:e|ed)\s", re.sub(r"\([^)]*\)", lambda m: " " * len(m.group()), last)))
        if match:
            cut = match[-1]
            spans[-1:] = [(ls, ls + cut.start()), (ls + cut.end(), le)]
    return [s for s in spans if segment[s[0] - offset : s[1] - offset].strip()]


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


def _inline(analysis: Analysis) -> list[_Found]:
    """Items after an area introduction's colon within one sentence, split on ";" or ","."""
    text = analysis.text
    words = _words()
    found: list[_Found] = []
    for index, (start, end) in enumerate(analysis.sentences):
        end = _run_end(analysis, index)
        sentence = text[start:end]
        colon = sentence.find(":")
        if colon < 0 or not sentence[colon + 1 :].strip() or "\n" in sentence[colon : colon + 3]:
            continue
        if _intro_kind(sentence[: colon + 1]) != "strong":
            continue
        body_start = start + colon + 1
        body_end = end - 1 if text[end - 1] == "." else end
        body = text[body_start:body_end]
        by = ";" if body.count(";") >= 2 else ","
        spans = _split_inline(body, body_start, by)
        if len(spans) < words.min_inline_items:
            continue
        for s, e in spans:
            named = _name(text, s, e, strip_leading=True)
            if named is not None:
                (ns, ne), explanation = named
                found.append(_Found(text[ns:ne], explanation, (ns, ne)))
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
        named = _name(text, match.start("x"), match.end("x"), strip_leading=True)
        if named is not None:
            (ns, ne), explanation = named
            found.append(_Found(text[ns:ne], explanation, (ns, ne)))
    return found


def _area_mentions(analysis: Analysis) -> list[_Found]:
    """Mentions such as "area minori" or "AREA ANZIANI", kept when a document names several."""
    text = analysis.text
    found: list[_Found] = []
    for match in _words().area_mention.finditer(text):
        end = 0
        for word in re.finditer(r"\S+", match.group("x")):
            if normalise(word.group()) in ("e", "ed"):
                continue  # "area anziani e disabili": kept only if a target group follows
            if not categorize(word.group()):
                break
            end = word.end()
        if end:
            span = (match.start(), match.start("x") + end)
            found.append(_Found(text[span[0] : span[1]], "", span))
    distinct = {normalise(f.label) for f in found}
    return found if len(distinct) >= _words().min_area_mentions else []


def _headings(analysis: Analysis) -> list[_Found]:
    """Heading lines of a report that name a policy area ("Politiche abitative e Piani di zona")."""
    text = analysis.text
    found: list[_Found] = []
    lines = _lines(text)
    for i, (ls, le) in enumerate(lines):
        line = text[ls:le].strip()
        if not line.isupper():
            # "Politiche abitative GLI IMPEGNI DI MANDATO": a sub-heading the layout joined on.
            line = re.sub(r"(?:\s+[A-ZÀ-Ý'’]{2,}){2,}$", "", line)
        if _marker_kind(text[ls:le]) or not (1 <= len(line.split()) <= 8) or re.search(r"[.,;:]$", line):
            continue
        norm = normalise(line)
        if not _starts_with_head(line) or norm.startswith(("tavoli", "aree")):
            continue
        nxt = text[lines[i + 1][0] : lines[i + 1][1]].strip() if i + 1 < len(lines) else ""
        if nxt[:1].islower():
            continue  # a line of running text cut by the layout
        s = ls + text[ls:le].index(line)
        found.append(_Found(line, "", (s, s + len(line))))
    return found


def _capital_headings(analysis: Analysis) -> list[_Found]:
    """Well-known area names written in capitals, as report sections title them."""
    text = analysis.text
    found: list[_Found] = []
    for run in re.finditer(
        r"[A-ZÀ-Ý][A-ZÀ-Ý'’\-]*(?:[ \t]+[A-ZÀ-Ý][A-ZÀ-Ý'’\-]*|[ \t]+(?:E|DI|DEL|DELLA|ALLA|AL))+", text
    ):
        norm = normalise(run.group())
        if len(norm) != len(run.group()):
            continue  # a letter without an ASCII base would shift the offsets
        for match in _words().heading_area.finditer(norm):
            span = (run.start() + match.start(), run.start() + match.end())
            found.append(_Found(text[span[0] : span[1]], "", span))
    return found


def find_work_areas(analysis: Analysis) -> list[WorkArea]:
    """Every enumerated area of work, one item per distinct label with a span per mention."""
    found = (
        _listed(analysis)
        + _inline(analysis)
        + _policies(analysis)
        + _themes(analysis)
        + _area_mentions(analysis)
        + _headings(analysis)
        + _capital_headings(analysis)
    )
    areas: dict[str, WorkArea] = {}
    spans_seen: list[Span] = []
    # At one start the longer name wins ("Area Inclusione sociale" over "Area Inclusione").
    for item in sorted(found, key=lambda f: (f.span[0], -f.span[1])):
        label = " ".join(item.label.split())
        key = normalise(label)
        if key in areas:
            if item.span not in areas[key].spans:
                areas[key].spans.append(item.span)
            continue
        if any(s < item.span[1] and item.span[0] < e for s, e in spans_seen):
            continue  # overlaps an area already found (a form matched twice)
        category = categorize(label) or categorize(item.explanation) or "altro"
        areas[key] = WorkArea(label=label, category=category, spans=[item.span])  # type: ignore[arg-type]
        spans_seen.append(item.span)
    return sorted(areas.values(), key=lambda a: a.spans[0])
