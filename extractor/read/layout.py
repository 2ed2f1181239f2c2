"""Layout repair over positioned words: rows, columns, running headers, paragraphs.

Pure functions over ``Word`` boxes (PDF points, origin top-left, as pdfplumber
gives them), so every rule is testable with hand-made boxes. The PDF reader
turns each page into a ``PageLines`` with :func:`page_lines`, then calls
:func:`pages_text` once for the whole document.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from statistics import median

from extractor.page_marks import is_page_number

# Ligatures some fonts map to one code point; the text wants the letters.
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
# Letters only with a parenthesis: "n." and "p." open many Italian lines that are no list.
_LIST_MARKER = re.compile(r"^(?:[-–—•▪◦·*]|\(?\d{1,3}[.)]|\(?[a-zA-Z]\)|[IVX]{1,4}\.|\(?[ivxIVX]{1,4}\))$")
_BULLET = re.compile(r"^[•▪◦·*]$")
_DIGITS = re.compile(r"\d+")
# pdfminer's stand-in for a glyph without a Unicode mapping: noise, not text.
_UNMAPPED = re.compile(r"\(cid:\d+\)")
_HYPHEN_END = re.compile(r"(?<=\w)[-\u00ad]$")
_WORD_START = re.compile(r"^\w+")
_WORD = re.compile(r"\w+")
_HYPHENATED = re.compile(r"\w+(?:-\w+)+")
_URLISH = re.compile(r"@|://|www\.", re.IGNORECASE)
_SENTENCE_END = ".:;!?"

# Rows at the top and bottom of a page looked at for running headers and footers.
MARGIN_ROWS = 2
# Share of pages a repeated margin row must appear on to count as a running header.
RUNNING_SHARE = 0.3
# Largest share of rows allowed to cross a gutter (titles, footers spanning columns).
GUTTER_CROSSING_SHARE = 0.25
# Columns nested this deep are not split further.
MAX_COLUMN_DEPTH = 3


@dataclass(frozen=True, slots=True)
class Word:
    """A word's text and box, in points from the page's top-left corner."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def size(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True, slots=True)
class Line:
    """A line of text in reading order, with what paragraph assembly needs of its geometry.

    ``column`` changes when reading moves to another column or band, where the
    vertical gap to the previous line means nothing. ``row`` is the line's
    geometric row on its page, shared by the parts of a row split by a gutter.
    ``right_edge``, when set, is where lines of the same column and font size
    end, measured on the page's kept lines; ``aligned`` is False for a line
    starting where no other line of its column starts (centred text).
    """

    words: tuple[str, ...]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    first_width: float
    text_x0: float
    col_x0: float
    col_x1: float
    column: int = 0
    row: int = 0
    right_edge: float = 0.0
    aligned: bool = True

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def room(self) -> float:
        """Space left between the line's end and where lines of its kind end."""
        return (self.right_edge or self.col_x1) - self.x1


@dataclass(frozen=True)
class PageLines:
    """One page's lines in reading order plus the keys of its margin rows."""

    lines: tuple[Line, ...]
    # (zone "top" or "bottom", row index, row text) for the rows a header or footer may take.
    margins: tuple[tuple[str, int, str], ...] = ()


@dataclass
class _Column:
    rows: list[list[Word]]
    x0: float
    x1: float
    full: bool = False


def clean_word(text: str) -> str:
    """Word text with ligatures expanded and unmapped glyphs (``(cid:127)``) dropped."""
    return _UNMAPPED.sub("", text).translate(_LIGATURES)


def group_rows(words: Iterable[Word]) -> list[list[Word]]:
    """Words grouped into rows sharing a baseline, top to bottom, each left to right."""
    rows: list[list[Word]] = []
    ref = 0.0
    for word in sorted(words, key=lambda w: (w.bottom, w.x0)):
        if rows and abs(word.bottom - ref) <= 0.35 * max(min(word.size, rows[-1][0].size), 1.0):
            rows[-1].append(word)
        else:
            rows.append([word])
            ref = word.bottom
    return [sorted(row, key=lambda w: w.x0) for row in rows]


def _crosses(row: Sequence[Word], g0: float, g1: float) -> bool:
    # Half a point of slack: the gutter's edges come from whole-point bins.
    return any(w.x0 < g1 - 0.5 and w.x1 > g0 + 0.5 for w in row)


def _split_row(row: Sequence[Word], g0: float, g1: float) -> tuple[list[Word], list[Word]]:
    mid = (g0 + g1) / 2
    left = [w for w in row if (w.x0 + w.x1) / 2 < mid]
    return left, [w for w in row if (w.x0 + w.x1) / 2 >= mid]


def find_gutter(rows: Sequence[Sequence[Word]]) -> tuple[float, float] | None:
    """The widest well-supported vertical gap splitting rows into two text columns, if any.

    A gutter is an x-interval at least a font size wide that few rows cross
    (word spaces do not open one), with at least three rows of text on its
    left and two on its right (one, if level with the left column's top),
    text on the right starting at a common left edge, and text on the left
    running close to it (the labels of a form or table stop far from it).
    Among candidates, the one separating most rows wins.
    """
    words = [w for row in rows for w in row]
    if len(rows) < 4 or not words:
        return None
    lo, hi = min(w.x0 for w in words), max(w.x1 for w in words)
    size = median(w.size for w in words)
    bins = math.ceil(hi - lo) + 2
    diff = [0] * (bins + 1)
    for row in rows:
        for x0, x1 in _segments(row, size):
            diff[int(x0 - lo)] += 1
            diff[math.ceil(x1 - lo)] -= 1
    cover, running = [], 0
    for d in diff[:bins]:
        running += d
        cover.append(running)
    allowed = len(rows) * GUTTER_CROSSING_SHARE
    # Columns have some width: the gutter lies inside the middle 80% of the text.
    first, last = int(0.1 * (hi - lo)), int(0.9 * (hi - lo))
    inner = cover[first:last]
    best: tuple[tuple[int, int, float], tuple[float, float]] | None = None
    # Ragged line ends make every gap look wider at a looser threshold: try each.
    for threshold in sorted({c for c in inner if c <= allowed}):
        for start, end in _runs(inner, threshold):
            g0, g1 = lo + first + start, lo + first + end - 1
            if g1 - g0 < size:
                continue
            support = _gutter_support(rows, g0, g1, lo, size)
            score = (support, -threshold, g1 - g0)
            if support and (best is None or score > best[0]):
                best = (score, (g0, g1))
    return best[1] if best else None


def _segments(row: Sequence[Word], size: float) -> Iterator[tuple[float, float]]:
    """Stretches of a row bridged by word spaces: a gutter cannot hide in a space."""
    x0, x1 = row[0].x0, row[0].x1
    for w in row[1:]:
        if w.x0 - x1 >= size:
            yield x0, x1
            x0 = w.x0
        x1 = max(x1, w.x1)
    yield x0, x1


def _runs(values: Sequence[int], most: int) -> Iterator[tuple[int, int]]:
    """Maximal index ranges ``[start, end)`` whose values are all at most ``most``."""
    start = None
    for i, value in enumerate(values):
        if value <= most:
            if start is None:
                start = i
        elif start is not None:
            yield start, i
            start = None
    if start is not None:
        yield start, len(values)


def _gutter_support(rows: Sequence[Sequence[Word]], g0: float, g1: float, lo: float, size: float) -> int:
    """Rows a gap at (g0, g1) separates cleanly, or 0 if it does not look like a gutter."""
    left_ends: list[float] = []
    right_starts: list[float] = []
    crossing = 0
    right_on_top = False
    for row in rows:
        if _crosses(row, g0, g1):
            crossing += 1
            continue
        left, right = _split_row(row, g0, g1)
        if left:
            left_ends.append(left[-1].x1)
        if right:
            right_on_top = right_on_top or len(left_ends) <= 1
            right_starts.append(right[0].x0)
    if len(left_ends) < 3 or crossing > len(rows) * GUTTER_CROSSING_SHARE:
        return 0
    # One line on the right is a column only where a column starts: level with the left's top.
    if len(right_starts) < 2 and not (right_starts and right_on_top):
        return 0
    edge = Counter(round(x / 2) for x in right_starts).most_common(1)[0][0] * 2
    if sum(abs(x - edge) <= 2.5 for x in right_starts) < 0.6 * len(right_starts):
        return 0
    # Text runs close to the next column, at least in its full lines (the upper quartile);
    # the labels of a form or table all stop far from it.
    full_end = sorted(left_ends)[(3 * len(left_ends)) // 4]
    if edge - full_end > 0.6 * (full_end - lo):
        return 0
    return len(rows) - crossing


def _split_columns(rows: list[list[Word]], depth: int = 0, extent: tuple[float, float] | None = None) -> list[_Column]:
    """Rows as columns in reading order: bands between full-width rows, left column before right.

    ``extent`` is the edges of the whole column the rows come from: a band may
    hold a few short rows, and line lengths are judged against the column.
    """
    words = [w for row in rows for w in row]
    lo, hi = min(w.x0 for w in words), max(w.x1 for w in words)
    gutter = find_gutter(rows) if depth < MAX_COLUMN_DEPTH else None
    if gutter is None:
        return [_Column(rows, *(extent or (lo, hi)))]
    g0, g1 = gutter
    clean = [row for row in rows if not _crosses(row, g0, g1)]
    left_words = [w for row in clean for w in _split_row(row, g0, g1)[0]]
    right_words = [w for row in clean for w in _split_row(row, g0, g1)[1]]
    sides: tuple[tuple[list[list[Word]], tuple[float, float]], ...] = (
        ([], (min(w.x0 for w in left_words), max(w.x1 for w in left_words))),
        ([], (min(w.x0 for w in right_words), max(w.x1 for w in right_words))),
    )
    out: list[_Column] = []

    def flush() -> None:
        for side_rows, side_extent in sides:
            if side_rows:
                out.extend(_split_columns(list(side_rows), depth + 1, side_extent))
                side_rows.clear()

    for row in rows:
        if _crosses(row, g0, g1):
            flush()
            if out and out[-1].full:
                out[-1].rows.append(row)
            else:
                out.append(_Column([row], *(extent or (lo, hi)), full=True))
            continue
        for (side_rows, _), part in zip(sides, _split_row(row, g0, g1), strict=True):
            if part:
                side_rows.append(part)
    flush()
    return out


def _line(words: Sequence[Word], col: _Column, column: int, row: int) -> Line:
    texts = tuple(w.text for w in words)
    text_x0 = words[1].x0 if len(words) > 1 and _LIST_MARKER.match(texts[0]) else words[0].x0
    return Line(
        words=texts,
        x0=words[0].x0,
        x1=words[-1].x1,
        top=min(w.top for w in words),
        bottom=max(w.bottom for w in words),
        size=median(w.size for w in words),
        first_width=words[0].x1 - words[0].x0,
        text_x0=text_x0,
        col_x0=col.x0,
        col_x1=col.x1,
        column=column,
        row=row,
    )


def page_lines(words: Iterable[Word]) -> PageLines:
    """A page's words as lines in reading order, with its top and bottom rows noted."""
    cleaned = ((clean_word(w.text).strip(), w) for w in words)
    words = [Word(text, w.x0, w.x1, w.top, w.bottom) for text, w in cleaned if text]
    if not words:
        return PageLines(())
    rows = group_rows(words)
    row_of = {id(w): i for i, row in enumerate(rows) for w in row}
    lines: list[Line] = []
    for column, col in enumerate(_split_columns(rows)):
        for row in col.rows:
            lines.append(_line(row, col, column, row_of[id(row[0])]))
    n = len(rows)
    top = range(min(MARGIN_ROWS, n))
    bottom = range(max(n - MARGIN_ROWS, len(top)), n)
    margins = tuple(
        (zone, i, " ".join(w.text for w in rows[i])) for zone, span in (("top", top), ("bottom", bottom)) for i in span
    )
    return PageLines(tuple(lines), margins)


def line_key(text: str) -> str:
    """A line's text as running headers repeat it: lower case, digits as "#", single spaces."""
    return " ".join(_DIGITS.sub("#", text.lower()).split())


def running_rows(pages: Sequence[PageLines]) -> list[set[int]]:
    """Per page, the rows to drop: margin rows repeated across pages, and lone page numbers.

    Rows repeat when their text is equal with digits normalised; rows whose
    text differs must differ only in a number that follows the page number,
    or appear on at least three pages, so numbered headings are not taken for
    headers by chance.
    """
    drop: list[set[int]] = [set() for _ in pages]
    seen: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)
    for p, page in enumerate(pages):
        for zone, row, text in page.margins:
            if is_page_number(text):
                drop[p].add(row)
            else:
                seen[(zone, line_key(text))].append((p, row, text))
    need = max(2, math.ceil(RUNNING_SHARE * len(pages)))
    for hits in seen.values():
        page_set = {p for p, _, _ in hits}
        if len(page_set) < need:
            continue
        if len({t for _, _, t in hits}) > 1 and len(page_set) < 3 and not _tracks_page(hits):
            continue
        for p, row, _ in hits:
            drop[p].add(row)
    return drop


def _tracks_page(hits: Sequence[tuple[int, int, str]]) -> bool:
    """True when some number in the rows moves in step with the page index."""
    numbers = [[int(n) for n in _DIGITS.findall(text)] for _, _, text in hits]
    width = min(map(len, numbers))
    return any(len({nums[k] - p for nums, (p, _, _) in zip(numbers, hits, strict=True)}) == 1 for k in range(width))


@dataclass(frozen=True)
class Vocabulary:
    """What the document itself says about its words, to judge a hyphen at a line end.

    ``pairs``: halves of hyphenated compounds written inside lines
    (``co-progettazione`` gives ``co-progettazione``); ``prefixes``: their
    first halves (``co``); ``words``: every word written whole, lower-cased.
    """

    pairs: frozenset[str] = frozenset()
    prefixes: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()

    @classmethod
    def of(cls, lines: Iterable[Line]) -> Vocabulary:
        """The vocabulary of lines, leaving out the fragments hyphenated at line ends."""
        return cls.of_words(line.words for line in lines)

    @classmethod
    def of_words(cls, lines: Iterable[Sequence[str]]) -> Vocabulary:
        """The vocabulary of lines given as their words, leaving out the fragments hyphenated at line ends."""
        pairs: set[str] = set()
        words: set[str] = set()
        for line_words in lines:
            inner = tuple(line_words)[1:]
            if inner and _HYPHEN_END.search(inner[-1]):
                inner = inner[:-1]
            for token in inner:
                token = token.lower()
                words.update(_WORD.findall(token))
                for match in _HYPHENATED.finditer(token):
                    parts = match.group().split("-")
                    pairs.update(f"{a}-{b}" for a, b in itertools.pairwise(parts))
        return cls(frozenset(pairs), frozenset(p.split("-")[0] for p in pairs), frozenset(words))


def join_hyphenated(head: str, tail: str, vocabulary: Vocabulary | None = None) -> str:
    """Rejoin a word split at a line end: ``pro-`` + ``grammazione`` → ``programmazione``.

    The hyphen stays for a compound the document writes with a hyphen elsewhere
    (``co-progettazione``, or another ``co-`` word), in addresses, next to a
    digit (``2014-2016``) and before a capital after lower case
    (``Emilia-Romagna``); it goes when the document writes the joined word
    elsewhere, in other words, and for a soft hyphen.
    """
    vocabulary = vocabulary or Vocabulary()
    stem = head[:-1]
    if head.endswith("\u00ad"):
        return stem + tail
    left_match, right_match = re.search(r"\w+$", stem), _WORD_START.match(tail)
    left = left_match.group() if left_match else ""
    right = right_match.group() if right_match else ""
    if _URLISH.search(stem) or f"{left}-{right}".lower() in vocabulary.pairs:
        keep = True
    elif (left + right).lower() in vocabulary.words:
        keep = False
    else:
        keep = (
            left.lower() in vocabulary.prefixes
            or right[:1].isdigit()
            or left[-1:].isdigit()
            or (right[:1].isupper() and not left.isupper())
        )
    return f"{stem}-{tail}" if keep else stem + tail


def _is_list_start(line: Line) -> bool:
    return len(line.words) > 1 and bool(_LIST_MARKER.match(line.words[0]))


def _typical_gap(lines: Sequence[Line]) -> float | None:
    gaps = [
        cur.top - prev.bottom
        for prev, cur in itertools.pairwise(lines)
        if cur.column == prev.column and -0.5 * cur.size <= cur.top - prev.bottom < 2.5 * cur.size
    ]
    if len(gaps) < 3:
        return None
    gaps.sort()
    return gaps[len(gaps) // 4]


def line_break(prev: Line, cur: Line, gap: float | None, before: Line | None = None, justified: bool = False) -> str:
    """What separates two consecutive lines: ``" "`` (a wrap), ``"\\n"`` or ``"\\n\\n"``.

    Cues: a vertical gap larger than the page's usual one, a change of font
    size, a list marker, indentation, a previous line that ends short of its
    column's edge although the next word would have fitted there, and in
    ``justified`` text, a previous line not flush with the edge.
    """
    size = max(min(prev.size, cur.size), 1.0)
    same_column = cur.column == prev.column
    # Going up to the next column's top, the vertical gap says nothing.
    below = cur.top >= prev.bottom - 0.5 * size
    if below and gap is not None and cur.top - prev.bottom > gap + max(0.35 * size, 2.0):
        return "\n\n"
    if abs(cur.size - prev.size) > 0.08 * size:
        return "\n\n"
    short = _is_short(prev, cur, size) or (justified and prev.room > max(1.5, 0.25 * size))
    if _is_list_start(cur) and (
        short
        or _BULLET.match(cur.words[0])
        or _is_list_start(prev)
        or prev.text.endswith(tuple(_SENTENCE_END))
        or cur.x0 < prev.x0 - 0.5 * size
    ):
        return "\n"
    if short or (same_column and not _centred(cur, size) and _indent_breaks(prev, cur, size, before)):
        return "\n"
    return " "


def _indent_breaks(prev: Line, cur: Line, size: float, before: Line | None) -> bool:
    """A first-line indent, or a return to the margin after an indented block.

    Not a break: the hanging indent of a list item going on, and the line
    after an indented first line.
    """
    if abs(cur.x0 - prev.x0) <= 0.8 * size:
        return False
    if cur.x0 > prev.x0:
        return not (_is_list_start(prev) and abs(cur.x0 - prev.text_x0) <= 0.5 * size)
    if before is None or before.column != prev.column:
        return False
    block_goes_on = abs(before.x0 - prev.x0) <= 0.5 * size
    hanging = _is_list_start(before) and abs(prev.x0 - before.text_x0) <= 0.5 * size
    return block_goes_on or hanging


def _centred(line: Line, size: float) -> bool:
    """Starting where no other line starts, as far from its column's left edge as from its right."""
    left, right = line.x0 - line.col_x0, line.col_x1 - line.x1
    return not line.aligned and left > size and abs(left - right) <= size


def _is_short(prev: Line, cur: Line, size: float) -> bool:
    """The previous line stopped although the next line's first word would have fitted."""
    need = cur.first_width + 0.3 * size + 0.5 * size
    # Lines sharing an indent are not centred; centred lines are judged against their whole
    # column, whose padding is unknown, so with an em to spare; others against their kind's edge.
    if _centred(prev, size) and abs(cur.x0 - prev.x0) > 0.5 * size:
        return prev.x0 - prev.col_x0 + prev.col_x1 - prev.x1 > need + size
    return prev.room > need


def _address_split(prev: Line, cur: Line, justified: bool) -> bool:
    """An address too long for its line, cut without a hyphen: the halves belong together.

    A half ending with ``/`` or ``@``, or starting with ``/``, ``@`` or ``.``
    followed by a letter, always continues; otherwise,
    in ragged text only, a line that ran to the column's edge and ends or
    starts with part of an e-mail or web address.
    """
    head, tail = prev.words[-1], cur.words[0]
    if not tail[:1].isalnum() and not (tail[:1] in "@/." and tail[1:2].isalnum()):
        return False
    if re.match(r"(?:https?://|www\.)", tail, re.IGNORECASE):
        return False  # an address starting, not going on
    if head.endswith(("/", "@")) or tail[:1] in "@/.":
        return True
    return (
        not justified
        and prev.room <= 0.7 * max(prev.size, 1.0)
        and bool(_URLISH.search(head) or _URLISH.search(tail))
        and not head.endswith((",", ";", ")", ".", ":"))
        # A complete address ends the line by chance, a cut one rarely at a top-level domain.
        and not (_URLISH.search(head) and re.search(r"\.[a-z]{2,3}$", head))
    )


# Share of a column's lines that must end together for that end to be the
# column's edge (justified text), whatever a few over-long lines do.
_FLUSH_SHARE = 0.3


def _edge(values: Sequence[float]) -> float:
    """Where a column's lines end: the end most lines share, else the largest two lines share.

    In justified text most lines end at one x; a few tokens too long to break
    (addresses, file names) run past it and must not move it. In ragged text
    no end is common, and the largest end reached twice is the edge.
    """
    ordered = sorted(values, reverse=True)
    support = [sum(abs(v - w) <= 1.5 for w in ordered) for v in ordered]
    best = max(range(len(ordered)), key=lambda i: (support[i], ordered[i]))
    if support[best] >= max(3, _FLUSH_SHARE * len(ordered)):
        return max(v for v in ordered if abs(v - ordered[best]) <= 1.5)
    for v, w in itertools.pairwise(ordered):
        if v - w <= 1.5:
            return v
    return ordered[0]


def measure_edges(lines: Sequence[Line]) -> list[Line]:
    """Lines with their column's right edge and their alignment measured on the page's kept lines.

    Edges are measured per font size, so a wide title does not widen the column
    of the body text under it, and two lines must reach an edge, so a single
    protruding line does not move it.
    """

    def key(line: Line) -> tuple[float, float, float]:
        return (line.col_x0, line.col_x1, round(line.size * 2) / 2)

    groups: dict[tuple[float, float, float], list[Line]] = defaultdict(list)
    for line in lines:
        groups[key(line)].append(line)
    edges = {k: _edge([line.x1 for line in group]) for k, group in groups.items()}
    starts: dict[tuple[float, float], list[float]] = defaultdict(list)
    for line in lines:
        starts[(line.col_x0, line.col_x1)].append(line.x0)

    def aligned(line: Line) -> bool:
        return sum(abs(x - line.x0) <= 1.0 for x in starts[(line.col_x0, line.col_x1)]) > 1

    return [replace(line, right_edge=edges[key(line)], aligned=aligned(line)) for line in lines]


def _justified(lines: Sequence[Line]) -> set[int]:
    """Columns whose wrapped lines mostly end flush with the column's right edge."""
    flush: dict[int, list[bool]] = defaultdict(list)
    for prev, cur in itertools.pairwise(lines):
        if cur.column == prev.column:
            flush[prev.column].append(prev.room <= 1.0)
    return {column for column, ends in flush.items() if len(ends) >= 3 and sum(ends) >= 0.6 * len(ends)}


def pages_text(pages: Sequence[PageLines]) -> list[str]:
    """The text of each page: headers and page numbers dropped, words rejoined, paragraphs rebuilt.

    Lines wrapped inside a paragraph are joined by a space, list items and
    headings keep their own line, paragraphs are separated by a blank line.
    A word hyphenated across a page break is completed on the earlier page.
    """
    drop = running_rows(pages)
    kept = [measure_edges([line for line in page.lines if line.row not in drop[p]]) for p, page in enumerate(pages)]
    vocabulary = Vocabulary.of(line for page in kept for line in page)
    all_lines = [line for page in kept for line in page]
    fallback = _typical_gap(all_lines)
    texts: list[list[str]] = []
    prev: Line | None = None
    before: Line | None = None
    for lines in kept:
        gap = _typical_gap(lines)
        gap = fallback if gap is None else gap
        justified = _justified(lines)
        buf: list[str] = []
        for index, line in enumerate(lines):
            words = list(line.words)
            if prev is not None:
                target = texts[-1] if index == 0 else buf
                # On one page the break is judged first: across a paragraph gap nothing is rejoined.
                sep = line_break(prev, line, gap, before, prev.column in justified) if index else " "
                cut = target and sep != "\n\n" and not _is_list_start(line)
                if cut and _HYPHEN_END.search(target[-1]) and words[0][:1].isalnum():
                    target[-1] = join_hyphenated(target[-1], words.pop(0), vocabulary)
                elif cut and _address_split(prev, line, prev.column in justified):
                    target[-1] += words.pop(0)
                elif index and buf:
                    buf.append(sep)
            if buf and words and buf[-1] not in (" ", "\n", "\n\n"):
                buf.append(" ")
            for n, word in enumerate(words):
                if n:
                    buf.append(" ")
                buf.append(word)
            before, prev = prev, line
        texts.append(buf)
    return ["".join(buf).strip() for buf in texts]
