"""Plain text: encoding detection, normalisation, markdown leftovers and the running lines of a paged dump."""

from __future__ import annotations

import codecs
import re

from extractor.document import Document
from extractor.errors import ErrorCode, PattiError
from extractor.read.layout import Vocabulary, join_hyphenated
from extractor.read.running_lines import drop_running_lines

# Share of control bytes above which a file is binary, not text.
_BINARY_RATIO = 0.01
# Control characters and every format character (Unicode category Cf: zero-width spaces and
# joiners, bidi marks, soft hyphen, BOM, tags). They are invisible, yet inside a word or a
# date they hide it from the recognizers.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
# Line ends of other systems and of Unicode; a form feed (a page break in text dumps of
# PDFs) and a paragraph separator end a paragraph, as pages of a PDF do.
_LINE_END = re.compile("\r\n?|[\x0b\x85\u2028]")
_PARAGRAPH_END = re.compile("[\x0c\u2029]")
_BLANK = re.compile(r"[^\S\n]")
_MARKDOWN_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S), r"\1"),
    (re.compile(r"__(?=\S)(.+?)(?<=\S)__", re.S), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M), ""),
    (re.compile(r"\[([^\]\n]+)\]\((?:https?://|/|#)[^)\s]*\)"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
]


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252/Latin-1."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise PattiError(ErrorCode.NOT_TEXT, "invalid UTF-16") from exc
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if b"\x00" in sample or controls > len(sample) * _BINARY_RATIO:
        raise PattiError(ErrorCode.NOT_TEXT)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps every byte.
        return data.decode("latin-1")


def clean_markdown(text: str) -> str:
    """Drop markdown emphasis, heading marks, link targets and code ticks."""
    for pattern, replacement in _MARKDOWN_RULES:
        text = pattern.sub(replacement, text)
    return text


def normalise(text: str) -> str:
    """Unify line ends and spaces, drop invisible characters and trailing blanks."""
    text = _INVISIBLE.sub("", text)
    text = _LINE_END.sub("\n", text)
    text = _PARAGRAPH_END.sub("\n\n", text)
    text = _BLANK.sub(" ", text)
    text = re.sub(r"[ ]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n ")


# A word broken at a line's end by a hyphen, its rest opening the next line: "si impe-" over "gnano a …".
_BROKEN_WORD = re.compile(r"(?P<head>\S*\w-)\n(?P<indent>[ \t]*)(?P<tail>\w\S*)[ \t]*(?P<last>$)?", re.M)


def join_broken_words(text: str) -> str:
    """Rejoin the words a text dump of a PDF leaves hyphenated at line ends, as the PDF reader does: the
    whole word ends the first line ("si impegnano" over "a partecipare …"), with its hyphen where the
    document writes the compound so elsewhere, after a prefix it hyphenates, or before a digit or a capital
    ("Corigliano-Rossano", "2024-2026")."""
    if "-\n" not in text:
        return text
    vocabulary = Vocabulary.of_words(line.split() for line in text.split("\n"))

    def rejoin(match: re.Match[str]) -> str:
        word = join_hyphenated(match.group("head"), match.group("tail"), vocabulary)
        return word if match.group("last") is not None else f"{word}\n{match.group('indent')}"

    return _BROKEN_WORD.sub(rejoin, text)


def read_text(data: bytes) -> Document:
    """A plain-text document from raw bytes."""
    text = join_broken_words(drop_running_lines(normalise(clean_markdown(decode(data)))))
    if not text.strip():
        raise PattiError(ErrorCode.EMPTY, "no text after decoding")
    return Document(text=text)
