"""Word (.docx): the OOXML package read with ``zipfile`` and ``defusedxml``, under limits against zip bombs.

The body comes out in document order, paragraphs separated by a blank line as in plain text, list items one per
line with their marker, table rows one per line with cells joined by `` | ``. Footnotes and endnotes follow the
body, then the distinct lines of the headers and footers (the issuer's address, PEC and phone often live there).
"""

from __future__ import annotations

import copy
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from xml.etree.ElementTree import Element

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import iterparse

from extractor.document import Document
from extractor.errors import ErrorCode, PattiError
from extractor.read.text import normalise
from extractor.sentences import BULLETS, CELL_SEPARATOR

MAX_ENTRIES = 2000
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024  # small parts may compress far better than 100:1 (repeated markup) and cost nothing
# The central directory is parsed whole by zipfile before any entry count can be checked, so its size is bounded
# first, from the end record: a real entry takes about 100 bytes.
MAX_DIRECTORY_BYTES = MAX_ENTRIES * 1024
# XML nesting the reader follows; real documents stay under 40 (a text box in a nested table), and the walk recurses.
MAX_DEPTH = 128
# XML elements over all parts. defusedxml parses in Python, at about 2.5 µs an element: this bounds the time to
# some 8 s. A 500-page document has well under a million.
MAX_ELEMENTS = 3_000_000

DOCUMENT = "word/document.xml"
_NOTES = ("word/footnotes.xml", "word/endnotes.xml")
_FURNITURE = re.compile(r"word/(header|footer)(\d*)\.xml")
_ZIP_MAGIC = b"PK\x03\x04"
_END_RECORD = b"PK\x05\x06"
_READ_CHUNK = 64 * 1024
_SMALL_INT = re.compile(r"-?[0-9]{1,6}")

_W = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
)
_PREFIXES = {
    _W[0]: "w",
    _W[1]: "w",
    "http://schemas.openxmlformats.org/markup-compatibility/2006": "mc",
    "http://schemas.openxmlformats.org/officeDocument/2006/math": "m",
    "http://purl.oclc.org/ooxml/officeDocument/math": "m",
}
# Subtrees that hold no visible text of their own: deleted and moved-away revisions, field instructions,
# ruby pronunciation guides, and the fallback copy of content whose preferred form (mc:Choice) is read.
_SKIP = frozenset(
    {"w:del", "w:moveFrom", "w:delText", "w:instrText", "w:delInstrText", "w:rt", "w:fldData", "w:sym", "mc:Fallback"}
)
# Wrappers that only group rows or cells (content controls, custom XML, inserted revisions).
_WRAPPERS = frozenset({"w:sdt", "w:sdtContent", "w:customXml", "w:ins", "w:moveTo", "w:smartTag"})
_NOTE_SEPARATORS = frozenset({"separator", "continuationSeparator", "continuationNotice"})
# Bullet glyphs kept as they are; others (Symbol-font private-use code points, the "o" of Courier New) become "-".
_BULLETS = frozenset(BULLETS)
_BAD_ARCHIVE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    struct.error,
    EOFError,
    OSError,
    LookupError,
    NotImplementedError,
    RuntimeError,  # an encrypted entry, and RecursionError should a guard ever be missed
    ValueError,
)


def read_docx(data: bytes) -> Document:
    """A Word document's text: body, then notes, then the distinct header and footer lines."""
    try:
        text = _read(data)
    except (*_BAD_ARCHIVE, SyntaxError) as exc:
        raise PattiError(ErrorCode.DOCX_INVALID, f"{type(exc).__name__}: {exc}") from exc
    if not text:
        raise PattiError(ErrorCode.EMPTY, "no text in the Word document")
    return Document(text=text, page_starts=(), format="docx")


def is_docx(data: bytes) -> bool:
    """True for a ZIP whose central directory lists ``word/document.xml`` (only the directory is read)."""
    if not data.startswith(_ZIP_MAGIC):
        return False
    try:
        entries, directory = _directory_size(data)
        if entries > MAX_ENTRIES or directory > MAX_DIRECTORY_BYTES:
            # Too big to list safely: claim it when the name is there, so that the reader reports the bomb.
            return DOCUMENT.encode() in data
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return DOCUMENT in archive.namelist()
    except _BAD_ARCHIVE:
        return False


# ---------------------------------------------------------------- the package


def _directory_size(data: bytes) -> tuple[int, int]:
    """Entry count and central-directory size the end record declares, found where zipfile finds them."""
    end = len(data) - 22
    if end < 0 or data[end : end + 4] != _END_RECORD or data[-2:] != b"\x00\x00":
        end = data.rfind(_END_RECORD, max(0, len(data) - 22 - 65535))  # an archive comment follows the record
    if end < 0 or len(data) < end + 22:
        raise zipfile.BadZipFile("no end of central directory")
    entries, size = struct.unpack_from("<HI", data, end + 10)
    record = end - 20 - 56
    if record >= 0 and data[end - 20 : end - 16] == b"PK\x06\x07" and data[record : record + 4] == b"PK\x06\x06":
        # ZIP64: zipfile reads the record just before the locator, whatever the locator's offset says.
        entries, size = struct.unpack_from("<QQ", data, record + 32)
    return entries, size


@dataclass
class _Budget:
    """Bytes decompressed and XML elements parsed so far, across every part read."""

    total: int = 0
    elements: int = 0


class _PartReader:
    """A part's decompressed bytes, refused as a bomb once they pass its declared size, ratio or the total."""

    def __init__(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> None:
        self.info = info
        self.budget = budget
        self.read_bytes = 0
        # zipfile stops at the declared size and then fails the CRC check, which would hide a lie as mere
        # corruption: open with a ceiling above every limit so that the lie is seen and named.
        ceiling = copy.copy(info)
        ceiling.file_size = MAX_TOTAL_BYTES + 1
        self.handle = archive.open(ceiling)

    def read(self, size: int = -1) -> bytes:
        chunk = self.handle.read(_READ_CHUNK if size < 0 else min(size, _READ_CHUNK))
        self.read_bytes += len(chunk)
        self.budget.total += len(chunk)
        name = self.info.filename
        if self.read_bytes > self.info.file_size:
            raise PattiError(ErrorCode.ARCHIVE_BOMB, f"{name} expands beyond its declared {self.info.file_size} bytes")
        if self.read_bytes > RATIO_FLOOR and self.read_bytes > MAX_RATIO * max(self.info.compress_size, 1):
            raise PattiError(ErrorCode.ARCHIVE_BOMB, f"{name} expands more than {MAX_RATIO}:1")
        if self.budget.total > MAX_TOTAL_BYTES:
            raise PattiError(ErrorCode.ARCHIVE_BOMB, f"more than {MAX_TOTAL_BYTES} bytes decompressed")
        return chunk

    def close(self) -> None:
        self.handle.close()


def _check_declared(archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise PattiError(ErrorCode.ARCHIVE_BOMB, f"{len(infos)} entries, limit {MAX_ENTRIES}")
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise PattiError(ErrorCode.ARCHIVE_BOMB, f"{total} bytes declared, limit {MAX_TOTAL_BYTES}")
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PattiError(
                ErrorCode.ARCHIVE_BOMB, f"{info.filename} declares {info.file_size} bytes from {info.compress_size}"
            )


def _elements(archive: zipfile.ZipFile, name: str, budget: _Budget, level: int) -> Iterator[Element]:
    """The elements at nesting ``level`` (the root is 1) of a part, streamed: each is dropped once used.

    DOCTYPE, entities and external references are refused by defusedxml before anything expands.
    """
    info = archive.getinfo(name)
    if info.flag_bits & 1:
        raise PattiError(ErrorCode.DOCX_INVALID, f"{name} is encrypted")
    reader = _PartReader(archive, info, budget)
    stack: list[Element] = []
    try:
        for event, element in iterparse(reader, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                stack.append(element)
                budget.elements += 1
                if len(stack) > MAX_DEPTH:
                    raise PattiError(ErrorCode.DOCX_INVALID, f"{name}: XML nested deeper than {MAX_DEPTH}")
                if budget.elements > MAX_ELEMENTS:
                    raise PattiError(ErrorCode.DOCX_INVALID, f"more than {MAX_ELEMENTS} XML elements")
                continue
            stack.pop()
            if len(stack) == level - 1:
                yield element
            if len(stack) < level and stack:
                # Done with (or above) the wanted level: memory stays that of one block, not of the whole part.
                stack[-1].remove(element)
    except DTDForbidden as exc:
        raise PattiError(ErrorCode.DOCX_INVALID, f"{name}: DOCTYPE declaration") from exc
    except EntitiesForbidden as exc:
        raise PattiError(ErrorCode.DOCX_INVALID, f"{name}: entity declaration") from exc
    except ExternalReferenceForbidden as exc:
        raise PattiError(ErrorCode.DOCX_INVALID, f"{name}: external reference") from exc
    except SyntaxError as exc:  # xml.etree.ElementTree.ParseError
        raise PattiError(ErrorCode.DOCX_INVALID, f"{name}: invalid XML ({exc})") from exc
    finally:
        reader.close()


def _read(data: bytes) -> str:
    entries, directory = _directory_size(data)
    if entries > MAX_ENTRIES:
        raise PattiError(ErrorCode.ARCHIVE_BOMB, f"{entries} entries declared, limit {MAX_ENTRIES}")
    if directory > MAX_DIRECTORY_BYTES:
        raise PattiError(ErrorCode.ARCHIVE_BOMB, f"central directory of {directory} bytes")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        _check_declared(archive)
        names = set(archive.namelist())
        if DOCUMENT not in names:
            raise PattiError(ErrorCode.DOCX_INVALID, f"no {DOCUMENT}: not a Word document")
        budget = _Budget()
        lists = _Lists()
        if "word/styles.xml" in names:
            for style in _elements(archive, "word/styles.xml", budget, 2):
                lists.add_style(style)
        if "word/numbering.xml" in names:
            for definition in _elements(archive, "word/numbering.xml", budget, 2):
                lists.add_definition(definition)

        body = _Walker(lists)
        for block in _elements(archive, DOCUMENT, budget, 3):  # w:document/w:body/<block>
            body.block(block)

        notes = _Walker(lists)
        for name in _NOTES:
            if name in names:
                for note in _elements(archive, name, budget, 2):
                    if _attr(note, "type") not in _NOTE_SEPARATORS:
                        notes.container(note)

        furniture = _Walker(lists)
        for name in sorted(_furniture_names(names), key=_furniture_order):
            for block in _elements(archive, name, budget, 2):
                furniture.block(block)

    seen: set[str] = set()
    lines: list[str] = []
    for line in furniture.text().splitlines():
        line = " ".join(line.split())
        if line and line not in seen:
            seen.add(line)
            lines.append(line)
    # Blocks are normalised already, and joined only by newlines: the whole needs no further pass.
    return "\n\n".join(part for part in (body.text(), notes.text(), "\n".join(lines)) if part)


def _furniture_names(names: set[str]) -> set[str]:
    return {name for name in names if _FURNITURE.fullmatch(name)}


def _furniture_order(name: str) -> tuple[int, int]:
    match = _FURNITURE.fullmatch(name)
    assert match is not None
    return (0 if match[1] == "header" else 1, int(match[2] or 0))


# ---------------------------------------------------------------- XML helpers


@lru_cache(maxsize=512)
def _name(tag: str) -> str:
    """``w:p`` for a WordprocessingML tag (transitional or strict), the tag itself for other vocabularies."""
    if not isinstance(tag, str) or not tag.startswith("{"):
        return str(tag)
    uri, _, local = tag[1:].partition("}")
    prefix = _PREFIXES.get(uri)
    return f"{prefix}:{local}" if prefix else tag


def _attr(element: Element, local: str) -> str | None:
    for uri in _W:
        value = element.get(f"{{{uri}}}{local}")
        if value is not None:
            return value
    return None


def _child(element: Element | None, name: str) -> Element | None:
    if element is None:
        return None
    for child in element:
        if _name(child.tag) == name:
            return child
    return None


def _child_val(element: Element | None, name: str) -> str | None:
    child = _child(element, name)
    return None if child is None else _attr(child, "val")


def _int(value: str | None, default: int) -> int:
    # Short ASCII numbers only: int() refuses "²" and is slow on a hostile 100k-digit value.
    return int(value) if value and _SMALL_INT.fullmatch(value) else default


def _is_properties(name: str) -> bool:
    # pPr, rPr, tblPr, tcPr, trPr, sectPr, sdtPr…: formatting and tab stops (w:tabs/w:tab), never text.
    return name.startswith("w:") and (name.endswith("Pr") or name == "w:tblGrid")


def _placeholder(element: Element, name: str) -> bool:
    """A content control still showing its prompt ("Fare clic qui per immettere testo"), not content."""
    return name == "w:sdt" and _child(_child(element, "w:sdtPr"), "w:showingPlcHdr") is not None


def _hidden(run: Element) -> bool:
    """A run formatted as hidden text (``w:vanish``), which Word neither shows nor prints."""
    vanish = _child(_child(run, "w:rPr"), "w:vanish")
    return vanish is not None and _attr(vanish, "val") not in ("0", "false", "off")


def _choice(alternate: Element) -> Element | None:
    """The content of an ``mc:AlternateContent`` read once: its first choice, else its fallback."""
    chosen = _child(alternate, "mc:Choice")
    return chosen if chosen is not None else _child(alternate, "mc:Fallback")


# ---------------------------------------------------------------- lists


@dataclass(frozen=True)
class _Level:
    format: str = "decimal"
    text: str = ""
    start: int = 1


@dataclass
class _Lists:
    """Numbering definitions and styles, and the running counters that turn them into markers."""

    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    instances: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    styles: dict[str, tuple[str | None, int | None, str | None]] = field(default_factory=dict)
    counters: dict[str, list[int | None]] = field(default_factory=dict)

    def add_style(self, style: Element) -> None:
        if _name(style.tag) != "w:style" or _attr(style, "type") not in (None, "paragraph"):
            return
        number = _child(_child(style, "w:pPr"), "w:numPr")
        ilvl = _child_val(number, "w:ilvl")
        self.styles[_attr(style, "styleId") or ""] = (
            _child_val(number, "w:numId"),
            None if ilvl is None else _int(ilvl, 0),
            _child_val(style, "w:basedOn"),
        )

    def add_definition(self, definition: Element) -> None:
        name = _name(definition.tag)
        if name == "w:abstractNum":
            levels: dict[int, _Level] = {}
            for level in definition:
                if _name(level.tag) == "w:lvl":
                    levels[_int(_attr(level, "ilvl"), 0)] = _Level(
                        _child_val(level, "w:numFmt") or "decimal",
                        _child_val(level, "w:lvlText") or "",
                        _int(_child_val(level, "w:start"), 1),
                    )
            self.abstract[_attr(definition, "abstractNumId") or ""] = levels
        elif name == "w:num":
            starts = {
                _int(_attr(override, "ilvl"), 0): _int(_child_val(override, "w:startOverride"), 1)
                for override in definition
                if _name(override.tag) == "w:lvlOverride" and _child(override, "w:startOverride") is not None
            }
            self.instances[_attr(definition, "numId") or ""] = (_child_val(definition, "w:abstractNumId") or "", starts)

    def _from_style(self, style: str | None) -> tuple[str | None, int | None]:
        number: str | None = None
        ilvl: int | None = None
        for _ in range(16):  # basedOn chains are short; a cycle must not loop
            if style is None or style not in self.styles:
                break
            style_number, style_ilvl, style = self.styles[style]
            number = number or style_number
            ilvl = style_ilvl if ilvl is None else ilvl
        return number, ilvl

    def marker(self, properties: Element | None) -> str | None:
        """The marker of a paragraph (``"- "``, ``"3. "``, ``"  b) "``), or None when it is not a list item.

        Counting happens here, so every paragraph must be asked in document order.
        """
        number = _child(properties, "w:numPr")
        number_id = _child_val(number, "w:numId")
        ilvl_value = _child_val(number, "w:ilvl")
        ilvl = None if ilvl_value is None else _int(ilvl_value, 0)
        if number_id is None or ilvl is None:
            style_id, style_ilvl = self._from_style(_child_val(properties, "w:pStyle"))
            number_id = number_id or style_id
            ilvl = style_ilvl if ilvl is None else ilvl
        if not number_id or number_id == "0" or number_id not in self.instances:
            return None
        ilvl = min(max(ilvl or 0, 0), 8)
        abstract_id, starts = self.instances[number_id]
        levels = self.abstract.get(abstract_id, {})

        def level_of(i: int) -> _Level:
            level = levels.get(i, _Level(text=f"%{i + 1}."))
            return _Level(level.format, level.text, starts.get(i, level.start))

        counters = self.counters.setdefault(number_id, [None] * 9)
        current = counters[ilvl]
        counters[ilvl] = level_of(ilvl).start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None

        level = level_of(ilvl)
        if level.format == "bullet":
            glyph = level.text.strip()
            text = glyph if glyph in _BULLETS else "-"
        else:

            def number_of(match: re.Match[str]) -> str:
                i = int(match[1]) - 1
                value = counters[i]
                return _format_number(level_of(i).start if value is None else value, level_of(i).format)

            text = re.sub(r"%([1-9])", number_of, level.text).strip()
        return f"{'  ' * ilvl}{text} " if text else None


_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
    (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _format_number(value: int, kind: str) -> str:
    if kind in ("lowerLetter", "upperLetter") and 0 < value <= 26 * 20:
        # Word goes a…z, then aa…zz, then aaa…
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters.upper() if kind == "upperLetter" else letters
    if kind in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        roman = ""
        for amount, digits in _ROMAN:
            count, value = divmod(value, amount)
            roman += digits * count
        return roman.upper() if kind == "upperRoman" else roman
    if kind == "decimalZero":
        return f"{value:02d}"
    if kind == "ordinal":
        return f"{value}°"  # how Italian Word renders ordinals
    return str(value)


# ---------------------------------------------------------------- the walk


@dataclass(frozen=True, slots=True)
class _Block:
    """A paragraph, list item or table row; ``group`` is shared by the lines kept together (items, rows)."""

    text: str
    group: object = None


class _Rows:
    """The group of one table's rows."""


class _Walker:
    """Turns WordprocessingML blocks into text blocks, in document order."""

    def __init__(self, lists: _Lists) -> None:
        self.lists = lists
        self.blocks: list[_Block] = []
        # Complex fields span runs and paragraphs: True while in a field's instruction (before its separator).
        self.fields: list[bool] = []
        self.in_instruction = 0

    def text(self) -> str:
        parts: list[str] = []
        previous: _Block | None = None
        for block in self.blocks:
            if previous is not None:
                together = block.group is not None and block.group == previous.group
                parts.append("\n" if together else "\n\n")
            parts.append(block.text)
            previous = block
        return "".join(parts)

    def block(self, element: Element) -> None:
        self._block(element, self.blocks)

    def container(self, element: Element) -> None:
        self._container(element, self.blocks)

    def _container(self, element: Element, out: list[_Block]) -> None:
        for child in element:
            self._block(child, out)

    def _block(self, element: Element, out: list[_Block]) -> None:
        name = _name(element.tag)
        if name == "w:p":
            self._paragraph(element, out)
        elif name == "w:tbl":
            self._table(element, out)
        elif name in _SKIP or _is_properties(name) or _placeholder(element, name):
            return
        elif name == "mc:AlternateContent":
            chosen = _choice(element)
            if chosen is not None:
                self._container(chosen, out)
        else:
            self._container(element, out)

    def _paragraph(self, paragraph: Element, out: list[_Block]) -> None:
        marker = self.lists.marker(_child(paragraph, "w:pPr"))
        parts: list[str] = []
        later: list[_Block] = []  # text boxes anchored in the paragraph follow it
        self._inline(paragraph, parts, later)
        # Normalised block by block: one pass over a whole long document would cost several copies of it.
        text = normalise("".join(parts))
        if text:
            out.append(_Block(marker + text, "list") if marker else _Block(text))
        out.extend(later)

    def _inline(self, element: Element, parts: list[str], later: list[_Block]) -> None:
        for child in element:
            name = _name(child.tag)
            if name in ("w:t", "m:t"):
                if not self.in_instruction:
                    parts.append(child.text or "")
            elif name in ("w:tab", "w:ptab"):
                if not self.in_instruction:
                    parts.append("\t")
            elif name in ("w:br", "w:cr"):
                if not self.in_instruction:
                    parts.append("\n")
            elif name == "w:noBreakHyphen":
                if not self.in_instruction:
                    parts.append("-")
            elif name == "w:fldChar":
                self._field(_attr(child, "fldCharType"))
            elif name == "w:r" and _hidden(child):
                continue
            elif name in ("w:p", "w:tbl", "w:txbxContent"):
                self._block(child, later)
            elif name in _SKIP or _is_properties(name) or _placeholder(child, name):
                continue
            elif name == "mc:AlternateContent":
                chosen = _choice(child)
                if chosen is not None:
                    self._inline(chosen, parts, later)
            else:
                self._inline(child, parts, later)

    def _field(self, kind: str | None) -> None:
        if kind == "begin":
            self.fields.append(True)
            self.in_instruction += 1
        elif kind == "separate" and self.fields and self.fields[-1]:
            self.fields[-1] = False
            self.in_instruction -= 1
        elif kind == "end" and self.fields:
            self.in_instruction -= self.fields.pop()

    def _table(self, table: Element, out: list[_Block]) -> None:
        group = _Rows()
        for row in _parts_of(table, "w:tr"):
            if _child(_child(row, "w:trPr"), "w:del") is not None:
                continue  # a deleted row (tracked change)
            cells: list[str] = []
            for cell in _parts_of(row, "w:tc"):
                text = self._cell(cell)
                if text:  # empty cells (vertically merged, or blank) would only add separators
                    cells.append(text)
            if cells:
                out.append(_Block(CELL_SEPARATOR.join(cells), group))

    def _cell(self, cell: Element) -> str:
        """A cell on one line: its paragraphs joined by spaces, the rows of a nested table by "; "."""
        blocks: list[_Block] = []
        self._container(cell, blocks)
        parts: list[str] = []
        for i, block in enumerate(blocks):
            if i:
                row_after_row = isinstance(block.group, _Rows) and block.group is blocks[i - 1].group
                parts.append("; " if row_after_row else " ")
            parts.append(" ".join(block.text.split()))
        return "".join(parts)


def _parts_of(element: Element, wanted: str) -> Iterator[Element]:
    """Rows of a table or cells of a row, looking through content controls and revision wrappers."""
    for child in element:
        name = _name(child.tag)
        if name == wanted:
            yield child
        elif name in _WRAPPERS:
            yield from _parts_of(child, wanted)
        elif name == "mc:AlternateContent":
            chosen = _choice(child)
            if chosen is not None:
                yield from _parts_of(chosen, wanted)
