"""Italian sentence boundaries for administrative text, as a pure function.

Rules rather than a statistical parser, so results do not depend on which
spaCy model is installed: a full stop ends a sentence unless it closes an
abbreviation from ``data/abbreviations.txt`` or an initial, or the next word
is lower case; blank lines, list items and heading lines always start a new
sentence.
"""

from __future__ import annotations

import re

from extractor.lexicon import word_set
from extractor.page_marks import is_page_number

Span = tuple[int, int]

# The glyphs that mark a list's items: dashes, dots, squares, arrows and ticks as word processors and PDFs
# write them ("• ", "► ", "✓ ", "– "). One set for the recognizers and the Word reader (the PDF layout reads
# markers by their place on the page).
BULLETS = "-–—•◦▪▫■□●○‣⁃∙·*→►▶➢➤➔✓✔√◆◇♦❖>»›"
BULLET = "[" + re.escape(BULLETS) + "]"
# A list item's marker at a line start ("- ", "1. ", "a) ", "IV. ").
LIST_MARKER = re.compile(rf"[ \t]*(?:{BULLET}|\d{{1,2}}[.)](?!\d)|[a-zA-Z][)]|[IVX]{{1,4}}[.)])[ \t]+")
# "o" as a list's bullet, as a word processor's symbol font comes out in text ("o attivare …"); a line opening
# with the word "o" is more often a wrapped disjunction, so ``list_marker_end`` reads the lines around it.
_O_BULLET = re.compile(r"[ \t]*o[ \t]+(?=\S)")
_INTRODUCED = re.compile(r"[:;][ \t]*$")


def list_marker_end(text: str, line_start: int) -> int | None:
    """Where the list marker that opens the line at ``line_start`` ends, or None when the line has none.

    Besides ``LIST_MARKER``, an "o " counts when the line before closes an introduction or an item (":" or
    ";"), or a line next to it opens with "o " at the same indent too: a run of items, not a wrapped "… o".
    """
    marker = LIST_MARKER.match(text, line_start)
    if marker:
        return marker.end()
    o_marker = _O_BULLET.match(text, line_start)
    if o_marker is None:
        return None
    previous = line_around(text, line_start - 1) if line_start > 0 else ""
    line_end = text.find("\n", line_start)
    following = line_around(text, line_end + 1) if line_end >= 0 else ""
    if _INTRODUCED.search(previous):
        return o_marker.end()
    indent = o_marker.group().index("o")
    for line in (previous, following):
        other = _O_BULLET.match(line)
        if other and other.group().index("o") == indent:
            return o_marker.end()
    return None


def line_around(text: str, pos: int) -> str:
    """The whole line of ``text`` that holds the offset ``pos`` (its line break excluded)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : len(text) if end < 0 else end]


# A report's section number before its heading: "3.2 ", "2.1.4 ", "A.1 ".
SECTION_NUMBER = re.compile(r"^(?:\d{1,2}|[A-Z])(?:\.\d{1,2})+\.?\s+")
# Words a line cannot end on where its writer ended it: a preposition, an article, a conjunction or a relative
# pronoun leaves the phrase open, so the line runs on into the next.
OPEN_WORDS = frozenset(
    re.findall(
        r"\w+",
        "di a da in con su per tra fra e ed o il lo la i gli le un una uno del della dello dei degli delle al alla "
        "allo ai agli alle dal dalla dai nel nella nei sul sulla che cui",
    )
)


def ends_open(line: str) -> bool:
    """Whether a line stops mid-phrase: on a comma or on one of ``OPEN_WORDS`` ("la promozione della salute e")."""
    words = re.findall(r"[^\W\d_]+", line)
    return line.rstrip().endswith(",") or (bool(words) and words[-1].lower() in OPEN_WORDS)


# An article's number before its heading: "Art. 2 – ", "ARTICOLO 3 - ".
ARTICLE_LABEL = re.compile(r"^(?:art(?:icolo)?\.?\s*\d+[a-z]?(?:\s*[-–—.:)]\s*|\s+))", re.I)


def unnumbered(line: str) -> str:
    """A heading without its section's number or its article's label: "3.2 Anziani", "Art. 4 – Anziani"."""
    return ARTICLE_LABEL.sub("", SECTION_NUMBER.sub("", line))


# A line opened by a word, its number and a dash or colon: an item of a numbered series ("Obiettivo 2 – Ridurre …",
# "Azione 3: …", "Misura 1.2 - …"), a sentence of its own whatever ends the line above.
NUMBERED_LABEL = re.compile(r"[A-ZÀ-Ý][\w'’-]*[ \t]+(?:n\.[ \t]*)?\d{1,2}(?:\.\d{1,2})?[ \t]*[–—:-][ \t]")
# The most words a numbered heading runs to ("3.1 Rafforzare la rete dei servizi …", "LINEA 2 – …").
NUMBERED_HEADING_WORDS = 14
_END_PUNCT = re.compile(r"[.!?…]+[\"'”’»)\]]*")
_WORD_BEFORE = re.compile(r"([\w.'’]+)$")


_ELIDED = re.compile(r"(?:l|d|un|quest|all|dall|dell|nell|sull|coll|agl|dagl|degl|negl|sugl)['’]")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or an initial."""
    match = _WORD_BEFORE.search(text, max(0, dot - 30), dot + 1)
    if not match:
        return False
    word = match.group(1).lower().lstrip("'’")
    # An elided article or preposition before it, with either apostrophe: "dall’art.", "nell'all.".
    if _ELIDED.match(word):
        word = re.split(r"['’]", word, maxsplit=1)[-1]
    if word in word_set("abbreviations.txt"):
        return True
    stem = word.rstrip(".")
    # A single letter ("M. Rossi") or a dotted acronym ("A.S.C.", "Co.De.Bri.").
    return (len(stem) == 1 and stem.isalpha()) or bool(re.fullmatch(r"(?:\w{1,3}\.){2,}\w{0,3}\.?", word))


# A record's field at a line's start: a short capitalised label, a colon, and its value on the line or below it
# ("Area di policy: Anziani", "Azioni previste:").
FIELD_LABEL = re.compile(r"[ \t]*[A-ZÀ-Ý][\w'’]*(?:[ \t]+[\w'’]+){0,3}[ \t]*:(?:[ \t]+\S|[ \t]*$)", re.M)


# The separator of a table's cells in a row, as the Word and HTML readers write them.
CELL_SEPARATOR = " | "


def is_table_row(line: str) -> bool:
    """Whether ``line`` is a table's row of three cells or more ("Obiettivo | Azione | Indicatore")."""
    return line.count(CELL_SEPARATOR) >= 2


def _line_breaks(text: str) -> set[int]:
    """Offsets where a line starts a new sentence regardless of punctuation."""
    starts: set[int] = set()
    lines = text.split("\n")
    fields = [bool(FIELD_LABEL.match(line)) for line in lines]
    rows = [is_table_row(line) for line in lines]
    offset = 0
    previous = ""
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped:
            blank_before = not previous.strip()
            prev_heading = _looks_like_heading(previous)
            prev_closed = bool(re.search(r"[.:;!?…\"”»)]\s*$", previous))
            starts_upper = stripped[0].isupper() or stripped[0] in '"“«(' or stripped[0].isdigit()
            # One of a record's fields, each on its line ("Target: anziani" over "Risorse: FNA"), whatever ends
            # the line above.
            in_record = fields[i] and ((i > 0 and fields[i - 1]) or (i + 1 < len(lines) and fields[i + 1]))
            # A table's row, as the Word and HTML readers write it, is a sentence of its own, and so is what follows.
            in_table = rows[i] or (i > 0 and rows[i - 1])
            if (
                blank_before
                or list_marker_end(text, offset) is not None
                or (prev_heading and starts_upper)
                or (prev_closed and starts_upper)
                or in_record
                or in_table
                or NUMBERED_LABEL.match(stripped) is not None
            ):
                starts.add(offset + len(line) - len(line.lstrip()))
        previous = line
        offset += len(line) + 1
    return starts


# The gap between two columns of a line set out in columns: three spaces or more, or a tab.
CELL_GAP = re.compile(r"[ \t]{3,}|\t")
# A running header with its parts set apart in columns ("ASST Brianza – Ambito di Vimercate      Intesa …").
_COLUMN_GAP = re.compile(r"\S[ \t]{3,}\S")


def layout_line(line: str) -> bool:
    """True for a page's number ("Pag. 2 di 3", "- 4 -", "3/12"; a bare figure may be a table's) or a line set in
    columns: lines the layout made, no part of a sentence running through them."""
    stripped = line.strip()
    page_number = is_page_number(stripped) and not stripped.isdigit()
    return bool(stripped) and (page_number or _COLUMN_GAP.search(stripped) is not None)


def _looks_like_heading(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > 90 or re.search(r"[.,;:]\s*$", stripped):
        return False
    letters = [c for c in stripped if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.7:
        return True
    # A numbered section's heading runs longer than a plain one ("3.1 Rafforzare la rete dei servizi …").
    return len(stripped.split()) <= (NUMBERED_HEADING_WORDS if SECTION_NUMBER.match(stripped) else 8)


def split_sentences(text: str) -> list[Span]:
    """Sentence spans ``(start, end)`` over ``text``, whitespace trimmed."""
    starts = {0} | _line_breaks(text)
    for match in _END_PUNCT.finditer(text):
        end = match.end()
        nxt = re.match(r"\s+(\S)", text[end : end + 40])
        if not nxt:
            continue
        first = nxt.group(1)
        if not (first.isupper() or first.isdigit() or first in '"“«(-–•'):
            continue
        dot = match.start()
        if text[dot] == "." and match.group() == "." and _is_abbreviation(text, dot):
            continue
        starts.add(end + nxt.start(1))
    spans: list[Span] = []
    ordered = sorted(starts)
    for i, start in enumerate(ordered):
        end = ordered[i + 1] if i + 1 < len(ordered) else len(text)
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if end > start:
            spans.append((start, end))
    return spans
