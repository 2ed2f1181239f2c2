"""Running headers and footers left in a plain text that was converted from a paged document.

A text dump of a PDF keeps each page's footer ("Protocollo d'intesa – Ambito di Lodi   pagina 2 di 3")
and the rule drawn under it in the middle of the sentence the page break cut. A line is running when
it ends or opens with a page number and comes back, its digits aside, on another page; it goes
with the rules and blank lines around it, and the sentence it cut is joined again.
"""

from __future__ import annotations

import re
from collections import Counter

from extractor.read.layout import line_key

# A page number closing or opening a line: "… pagina 2 di 3", "Pag. 4 – …", "pag 2/7".
_PAGE = r"pag(?:ina|\.)?[ \t]*\d{1,4}(?:[ \t]*(?:di|/)[ \t]*\d{1,4})?"
_PAGE_MARK = re.compile(rf"(?i)(?<!\w){_PAGE}[ \t]*$|^[ \t]*{_PAGE}(?!\w)")
# A rule drawn across the page: dashes, equals signs, box-drawing or underscores, nothing else.
_RULE = re.compile(r"[ \t]*[-=_─━—–]{8,}[ \t]*")
# Longer lines are running text, not a page's furniture.
_MAX_RUNNING_CHARS = 160
# What ends a sentence: after it, a removed footer leaves a paragraph break, not a line break.
_SENTENCE_END = re.compile(r"[.!?:;»”\"]\s*$")


def _running_keys(lines: list[str]) -> set[str]:
    """The keys of lines that end or open with a page number and come back on other pages."""
    counts = Counter(
        line_key(line) for line in lines if len(line.strip()) <= _MAX_RUNNING_CHARS and _PAGE_MARK.search(line)
    )
    return {key for key, n in counts.items() if n >= 2 and any(c.isalpha() for c in key)}


def drop_running_lines(text: str) -> str:
    """``text`` without the running headers and footers of the pages it was converted from (and the rules
    and blank lines around them), the sentences they cut joined again; unchanged when it has none."""
    lines = text.split("\n")
    running = _running_keys(lines)
    if not running:
        return text
    out: list[str] = []
    k = 0
    while k < len(lines):
        if line_key(lines[k]) not in running or not _PAGE_MARK.search(lines[k]):
            out.append(lines[k])
            k += 1
            continue
        # The footer and the rules and blank lines on both sides of it go.
        while out and (not out[-1].strip() or _RULE.fullmatch(out[-1])):
            out.pop()
        k += 1
        while k < len(lines) and (not lines[k].strip() or _RULE.fullmatch(lines[k])):
            k += 1
        if out and k < len(lines) and _SENTENCE_END.search(out[-1]):
            out.append("")  # the page broke between two paragraphs: keep them apart
    return "\n".join(out)
