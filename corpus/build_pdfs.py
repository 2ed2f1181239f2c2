"""Render the dev corpus texts into PDFs in five layouts, for the PDF reader's tests.

Run as ``python corpus/build_pdfs.py``; writes ``corpus/pdf/<layout>/<stem>.pdf``.
The output is deterministic (reportlab's ``invariant`` mode), so re-running gives
byte-identical files.

Source conventions: blank lines separate paragraphs; a single line break is a
wrap of the original and becomes a space, except before a list item or after a
short heading line. Markdown emphasis becomes bold/italic, ``#`` headings become
headings; the words themselves are never changed, only line breaks, hyphenation
and (in ``numbered_list``) list markers.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate, Paragraph
from reportlab.platypus.flowables import Flowable

HERE = Path(__file__).resolve().parent
SOURCE_DIR = HERE / "dev"
OUT_DIR = HERE / "pdf"
LAYOUTS = ("one_column", "two_columns", "running_header", "hyphenated", "numbered_list")

# Vera ships inside reportlab, so the build does not depend on system fonts.
_FONT_DIR = Path(reportlab.__file__).parent / "fonts"
_FONTS = {"Vera": "Vera.ttf", "VeraBd": "VeraBd.ttf", "VeraIt": "VeraIt.ttf", "VeraBI": "VeraBI.ttf"}
FONT, BOLD = "Vera", "VeraBd"
# Closest ASCII for characters a font may lack (Vera has every one the corpus uses today).
_ASCII_FALLBACK = {
    "’": "'",
    "‘": "'",
    "“": '"',
    "”": '"',
    "–": "-",
    "—": "-",
    "…": "...",
    "•": "-",
    "€": "EUR",
}

# Markdown marks become private-use sentinels until the markup is written.
_B_ON, _B_OFF, _I_ON, _I_OFF, _HEADING = "\ue000", "\ue001", "\ue002", "\ue003", "\ue004"
_SENTINELS = _B_ON + _B_OFF + _I_ON + _I_OFF + _HEADING
# Same patterns, same order as extractor.read.text.clean_markdown, so the PDFs carry its output.
_MARKDOWN_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S), _B_ON + r"\1" + _B_OFF),
    (re.compile(r"__(?=\S)(.+?)(?<=\S)__", re.S), _B_ON + r"\1" + _B_OFF),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])"), _I_ON + r"\1" + _I_OFF),
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M), _HEADING),
    (re.compile(r"\[([^\]\n]+)\]\((?:https?://|/|#)[^)\s]*\)"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
]
_LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-•–▪*]|\d{1,2}[.)]|[a-z]\))[ \t]+(?P<text>\S.*)$")
_HEADING_MAX = 80
_HEADER_TEXT = "Ambito territoriale — documento di programmazione"


@dataclass
class Block:
    """A paragraph, heading or list item of the source, as hard lines of text."""

    kind: str  # "para", "heading" or "item"
    lines: list[str] = field(default_factory=list)
    marker: str = ""
    level: int = 0
    ends_paragraph: bool = False


def _visible(line: str) -> str:
    return line.translate({ord(c): None for c in _SENTINELS}).strip()


def _starts_upper(line: str) -> bool:
    text = _visible(line)
    return bool(text) and (text[0].isupper() or text[0].isdigit() or text[0] in "\"“'«(")


def _is_heading_line(line: str, following: str) -> bool:
    """A short line followed by one that starts a new sentence keeps its line break."""
    text = _visible(line)
    if line.lstrip().startswith(_HEADING):
        return True
    return len(text) <= _HEADING_MAX and not text.endswith((",", ";", "-")) and _starts_upper(following)


def parse(source: str) -> list[Block]:
    """Blocks of a source text: markdown marked by sentinels, wraps joined."""
    text = source.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    for pattern, replacement in _MARKDOWN_RULES:
        text = pattern.sub(replacement, text)
    blocks: list[Block] = []
    for chunk in re.split(r"\n[ \t]*(?:\n[ \t]*)+", text):
        lines = [line.rstrip() for line in chunk.split("\n") if _visible(line)]
        current: Block | None = None
        for i, line in enumerate(lines):
            item = _LIST_ITEM.match(line)
            if item:
                level = 1 if len(item["indent"].expandtabs(4)) >= 2 else 0
                current = Block("item", [item["text"]], item["marker"], level)
                blocks.append(current)
            elif current is None or (current.kind == "item" and _is_heading_line(lines[i - 1], line)):
                kind = "heading" if line.lstrip().startswith(_HEADING) else "para"
                current = Block(kind, [line.strip().replace(_HEADING, "")])
                blocks.append(current)
            elif _is_heading_line(lines[i - 1], line):
                current.lines.append(line.strip().replace(_HEADING, ""))
            else:
                current.lines[-1] += " " + line.strip()
        if current is not None:
            current.ends_paragraph = True
    return blocks


class _Markup:
    """Turns sentinel-marked text into reportlab markup, carrying emphasis across blocks."""

    def __init__(self, charmap: dict[int, str]) -> None:
        self.bold = self.italic = False
        self.charmap = charmap

    def _tags(self, opening: bool) -> str:
        tags = [t for t, on in (("b", self.bold), ("i", self.italic)) if on]
        return "".join(f"<{t}>" for t in tags) if opening else "".join(f"</{t}>" for t in reversed(tags))

    def __call__(self, lines: list[str]) -> str:
        out = [self._tags(True)]
        for n, line in enumerate(lines):
            if n:
                out.append("<br/>")
            for char in line:
                if char in _SENTINELS:
                    out.append(self._tags(False))
                    if char in (_B_ON, _B_OFF):
                        self.bold = char == _B_ON
                    elif char in (_I_ON, _I_OFF):
                        self.italic = char == _I_ON
                    out.append(self._tags(True))
                else:
                    out.append(escape(char.translate(self.charmap)))
        out.append(self._tags(False))
        return "".join(out)


def register_fonts() -> dict[int, str]:
    """Register the Vera family; return a translation for characters it lacks."""
    for name, filename in _FONTS.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(_FONT_DIR / filename)))
    for bold, italic, name in ((0, 0, "Vera"), (1, 0, "VeraBd"), (0, 1, "VeraIt"), (1, 1, "VeraBI")):
        addMapping("Vera", bold, italic, name)
    face = pdfmetrics.getFont(FONT).face
    charmap: dict[int, str] = {}
    for path in sorted(SOURCE_DIR.glob("*.txt")):
        for char in set(path.read_text(encoding="utf-8")):
            if ord(char) > 126 and ord(char) not in face.charToGlyph and char not in _SENTINELS:
                ascii_form = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
                charmap[ord(char)] = _ASCII_FALLBACK.get(char, ascii_form or "?")
    if charmap:
        missing = ", ".join(f"U+{c:04X}->{r!r}" for c, r in sorted(charmap.items()))
        print(f"note: {FONT} lacks {missing}; mapped to ASCII in the PDFs", file=sys.stderr)
    return charmap


def _style(name: str, size: float, leading: float, **kw: object) -> ParagraphStyle:
    kw.setdefault("fontName", FONT)
    return ParagraphStyle(name, fontSize=size, leading=leading, **kw)


@dataclass(frozen=True)
class Styles:
    """A layout's body and heading styles, and the space between items of one paragraph."""

    body: ParagraphStyle
    heading: ParagraphStyle
    item_gap: float = 2


def _flowables(blocks: list[Block], styles: Styles, markup: _Markup, numbered: bool = False) -> list[Flowable]:
    """Paragraphs for blocks; list items numbered with a hanging indent when ``numbered``."""
    story: list[Flowable] = []
    counters = [0, 0]
    body = styles.body
    for block in blocks:
        # Blocks of one source paragraph (a lead-in and its items) sit close together.
        gap = body.spaceAfter if block.ends_paragraph else styles.item_gap
        if block.kind != "item":
            counters = [0, 0]
            style = styles.heading
            if block.kind != "heading":
                style = ParagraphStyle("para", parent=body, spaceAfter=gap)
            story.append(Paragraph(markup(block.lines), style))
            continue
        indent = body.fontSize * 2.2
        if numbered:
            counters[block.level] += 1
            if block.level == 0:
                counters[1] = 0
            n = counters[block.level]
            bullet = f"{n}." if block.level == 0 else f"{chr(ord('a') + (n - 1) % 26)})"
            style = ParagraphStyle(
                f"item{block.level}",
                parent=body,
                leftIndent=indent * (block.level + 1),
                bulletIndent=indent * block.level,
                bulletFontName=FONT,
                spaceBefore=0,
                spaceAfter=gap,
            )
            story.append(Paragraph(markup(block.lines), style, bulletText=bullet))
        else:
            style = ParagraphStyle(
                f"plain_item{block.level}",
                parent=body,
                leftIndent=indent * block.level,
                spaceAfter=gap,
            )
            lines = [f"{block.marker} {block.lines[0]}", *block.lines[1:]]
            story.append(Paragraph(markup(lines), style))
    return story


def _doc(path: Path, pagesize: tuple[float, float], stem: str, **kw: object) -> BaseDocTemplate:
    return BaseDocTemplate(
        str(path),
        pagesize=pagesize,
        invariant=1,
        title=stem,
        author="patti corpus",
        creator="corpus/build_pdfs.py",
        pageCompression=1,
        **kw,
    )


def build_one_column(blocks: list[Block], path: Path, stem: str, charmap: dict[int, str]) -> None:
    """A4, one ragged-right column."""
    doc = _doc(path, A4, stem, leftMargin=2.5 * cm, rightMargin=2.5 * cm, topMargin=2.5 * cm, bottomMargin=2.5 * cm)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate("page", [frame])])
    styles = Styles(_style("body", 11, 14, spaceAfter=8), _style("h", 13, 16, fontName=BOLD, spaceAfter=8))
    doc.build(_flowables(blocks, styles, _Markup(charmap)))


def build_two_columns(blocks: list[Block], path: Path, stem: str, charmap: dict[int, str]) -> None:
    """A4, two columns; a short first block becomes a centred title across both."""
    margin, gutter = 2 * cm, 0.8 * cm
    doc = _doc(path, A4, stem, leftMargin=margin, rightMargin=margin, topMargin=margin, bottomMargin=margin)
    col = (doc.width - gutter) / 2
    styles = Styles(_style("body", 10, 12.5, spaceAfter=7), _style("h", 11.5, 14, fontName=BOLD, spaceAfter=7))
    title_style = _style("title", 12, 15, fontName=BOLD, alignment=TA_CENTER)
    markup = _Markup(charmap)
    story: list[Flowable] = []
    title_height = 0.0
    if blocks and blocks[0].kind != "item" and sum(map(len, blocks[0].lines)) <= 320:
        title = Paragraph(markup(blocks[0].lines), title_style)
        title_height = title.wrap(doc.width, doc.height)[1] + 14
        story += [title, FrameBreak()]
        blocks = blocks[1:]
    body_top = doc.bottomMargin + doc.height

    def columns(height: float) -> list[Frame]:
        return [
            Frame(margin, margin, col, height, id="left", leftPadding=0, rightPadding=0),
            Frame(margin + col + gutter, margin, col, height, id="right", leftPadding=0, rightPadding=0),
        ]

    first = columns(doc.height - title_height)
    if title_height:
        first.insert(0, Frame(margin, body_top - title_height, doc.width, title_height, id="title"))
    doc.addPageTemplates([PageTemplate("first", first), PageTemplate("later", columns(doc.height))])
    story.insert(0, NextPageTemplate("later"))
    story += _flowables(blocks, styles, markup)
    doc.build(story)


def build_running_header(blocks: list[Block], path: Path, stem: str, charmap: dict[int, str], variant: int) -> None:
    """A6 pages with a running header and page numbers; two passes to know the page count."""
    margin = 12 * mm
    width, height = A6

    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        page = canvas.getPageNumber()
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.drawString(margin, height - 9 * mm, _HEADER_TEXT)
        if variant:
            canvas.drawRightString(width - margin, height - 9 * mm, str(page))
        canvas.setLineWidth(0.4)
        canvas.line(margin, height - 10.5 * mm, width - margin, height - 10.5 * mm)
        footer = f"- {page} -" if variant else f"Pagina {page} di {total[0]}"
        canvas.drawCentredString(width / 2, 8 * mm, footer)
        canvas.restoreState()

    total = [0]
    styles = Styles(_style("body", 10, 12.5, spaceAfter=6), _style("h", 11.5, 14, fontName=BOLD, spaceAfter=6))
    for _ in range(2):
        doc = _doc(path, A6, stem, leftMargin=margin, rightMargin=margin, topMargin=16 * mm, bottomMargin=16 * mm)
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
        doc.addPageTemplates([PageTemplate("page", [frame], onPage=decorate)])
        doc.build(_flowables(blocks, styles, _Markup(charmap)))
        total[0] = doc.page


def build_hyphenated(blocks: list[Block], path: Path, stem: str, charmap: dict[int, str]) -> None:
    """A4, one narrow justified column hyphenated with pyphen's Italian dictionary."""
    doc = _doc(path, A4, stem, leftMargin=3 * cm, rightMargin=A4[0] - 10 * cm, topMargin=2 * cm, bottomMargin=2 * cm)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate("page", [frame])])
    # Words are hyphenated by the Italian dictionary; a token no dictionary can
    # split (a file name, an address) runs into the margin as a word processor
    # leaves it, instead of being cut between two digits.
    hyphenation = {
        "hyphenationLang": "it_IT",
        "embeddedHyphenation": 1,
        "hyphenationMinWordLength": 5,
        "splitLongWords": 0,
    }
    styles = Styles(
        _style("body", 10, 12.5, spaceAfter=7, alignment=TA_JUSTIFY, **hyphenation),
        _style("h", 11.5, 14, fontName=BOLD, spaceAfter=7, alignment=TA_LEFT),
    )
    doc.build(_flowables(blocks, styles, _Markup(charmap)))


def build_numbered_list(blocks: list[Block], path: Path, stem: str, charmap: dict[int, str]) -> None:
    """A4, narrow column; list items renumbered with a hanging indent."""
    doc = _doc(path, A4, stem, leftMargin=3 * cm, rightMargin=A4[0] - 12 * cm, topMargin=2 * cm, bottomMargin=2 * cm)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate("page", [frame])])
    styles = Styles(_style("body", 10.5, 13, spaceAfter=8), _style("h", 12, 15, fontName=BOLD, spaceAfter=8))
    doc.build(_flowables(blocks, styles, _Markup(charmap), numbered=True))


def build_document(source: Path, out_dir: Path, variant: int, charmap: dict[int, str]) -> None:
    """Render one source text in every layout under ``out_dir/<layout>/``.

    ``variant`` (0 or 1) picks the running header's page-number style, so both
    styles are in the corpus.
    """
    blocks = parse(source.read_text(encoding="utf-8"))
    stem = source.stem
    for layout in LAYOUTS:
        (out_dir / layout).mkdir(parents=True, exist_ok=True)
    build_one_column(blocks, out_dir / "one_column" / f"{stem}.pdf", stem, charmap)
    build_two_columns(blocks, out_dir / "two_columns" / f"{stem}.pdf", stem, charmap)
    build_running_header(blocks, out_dir / "running_header" / f"{stem}.pdf", stem, charmap, variant)
    build_hyphenated(blocks, out_dir / "hyphenated" / f"{stem}.pdf", stem, charmap)
    build_numbered_list(blocks, out_dir / "numbered_list" / f"{stem}.pdf", stem, charmap)


def main() -> None:
    """Build every layout for every source text."""
    charmap = register_fonts()
    sources = sorted(SOURCE_DIR.glob("*.txt"))
    for index, source in enumerate(sources):
        build_document(source, OUT_DIR, index % 2, charmap)
    print(f"{len(sources)} texts x {len(LAYOUTS)} layouts -> {OUT_DIR}")


if __name__ == "__main__":
    main()
