"""HTML: a notice saved from a (municipal) website, reduced to its main text.

Bytes are decoded (BOM, declared charset, UTF-8, then the plain-text fallback) and parsed by libxml2's HTML
parser, which never touches the network, reads no DTD and keeps its default limits (256 levels of nesting,
10 MB per text node: ``huge_tree`` stays off). Then: what is never text goes (scripts, styles, forms, hidden
elements); what belongs to the site rather than to the notice goes (navigation, the page's header and footer,
sidebars, menus, breadcrumbs, cookie banners, share boxes, skip and "torna su" links), recognised by tag, ARIA
role and class/id/label words; the main content is kept (``<main>``, ``[role=main]``, an ``<article>``, else
the smallest container holding most of the page's prose) and laid out as paragraphs, list items and table rows.

Every walk over the tree is iterative, so depth costs no Python stack.
"""

from __future__ import annotations

import codecs
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from lxml import etree

from extractor.document import Document
from extractor.errors import ErrorCode, PattiError
from extractor.read.text import decode, normalise
from extractor.sentences import CELL_SEPARATOR


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


# How much of the head the sniffer and the charset prescan look at: long heads put scripts before the meta.
HEAD_BYTES = 8192
# Each element needs a "<": counting them bounds the tree, and so the time and memory it costs, before parsing.
# A page of a million elements takes about 10 s; real pages, even of 20 MB, have far fewer.
MAX_TAGS = 1_000_000
# Non-link characters (spaces excluded) a block needs to count as prose rather than a label or a menu entry.
MIN_PROSE = 20
# Prose counts in proportion to its share of lower-case words, but never below this (a notice in capitals).
MIN_LOWER_SHARE = 0.2
# Characters of each text node whose words are sampled for the share of lower-case ones.
PROSE_SAMPLE = 200
# The container descent stops when no child holds this share of its prose.
DESCENT_SHARE = 0.75
# A container of running text only is entered when it holds this share of its parent's prose.
ALONE_SHARE = 0.95
# Non-space characters of a title found just before the main content.
MAX_TITLE = 300

_BLOCK = _names(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main nav noframes ol p pre section "
    "summary table tbody td tfoot th thead tr ul"
)
# Never text: code, media, form controls and the document's head.
_JUNK = _names(
    "script style noscript template svg iframe frame object embed applet canvas audio video map area img picture "
    "source track param head title meta link base input button select option optgroup datalist textarea "
    "fieldset dialog menu"
)
# Invisible junk: dropping it must not put a space between the words around it.
_SILENT = _names("script style noscript template head title meta link base")
_SECTIONING = _names("article aside main nav section")
_SITE_ROLES = _names("navigation banner contentinfo complementary search menu menubar toolbar dialog alertdialog form")
# Containers the descent may enter: a paragraph, a list or a data table is content, never a wrapper of it.
_CONTAINERS = _names(
    "html body div section article main form center td th tr tbody thead tfoot table font span blockquote "
    "noframes details"
)
# Class, id and aria-label words. Strong ones always name site furniture; weak ones usually do, but a wrapper
# of the whole page may carry them by accident ("has-sidebar"), so they are guarded. Words of any language
# the templates use: English, and the Italian of older sites.
_STRONG_WORDS = _names(
    "breadcrumb breadcrumbs briciole gdpr consent consenso skip skiplink skiplinks skipto share sharing "
    "social socials condividi condivisione backtotop totop scrolltop tornasu"
)
_WEAK_WORDS = _names(
    "nav navbar navigation navigazione menu menù menus submenu megamenu mainmenu topmenu sidemenu menubar "
    "sidebar sidenav subnav topnav aside banner toolbar topbar rating feedback sitemap"
)
_LABEL_WEAK_WORDS = _names("navigazione navigation menu")
_PAGE_REGION_WORDS = _names("header footer masthead testata piede piedipagina piepagina")
# A header or footer class that starts with one of these titles a card, an article or a section, not the page.
_LOCAL_PREFIXES = _names(
    "page entry article post card panel modal section content table news item box block widget list accordion "
    "dropdown cmp form calendar tab"
)
# Words of a wrapper of the content: its weak words do not make it furniture (readability's "okMaybe").
_CONTENT_WORDS = _names(
    "main content contents contenuto contenuti article articolo body corpo testo text post entry notizia"
)
_HIDDEN_CLASSES = _names(
    "sr-only visually-hidden visually-hidden-focusable screen-reader-text element-invisible hidden invisible"
)
_HIDDEN_HINT = re.compile(r"hidden|sr-only|screen-reader|invisible|d-none", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SHOWN_AT_SIZE = re.compile(r"^d-(?:sm|md|lg|xl|xxl)-(?!none)")
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_WORD_SPLIT = re.compile(r"[^0-9a-zà-ÿ]+")
_COMPOUND_TOP = re.compile(r"(?:back|scroll|go|torna)[-_]?(?:to[-_]?)?(?:top|su)\b|\bto[-_]?top\b")
# In-page links that only move the reader around: skip links and "torna su".
_MOVE_TEXT = re.compile(
    r"^\W*(?:(?:skip|jump|go|salta|vai|passa)\s+(?:to\s+|a\s+|al\s+|alla\s+|allo\s+|ai\s+|agli\s+)?(?:the\s+)?"
    r"(?:main\s+)?(?:content|contenut[oi]|menu|navigation|navigazione|footer|piè|pie|ricerca|search|top|inizio)"
    r"|(?:torna|ritorna|back)(?:\s+(?:su|in\s+alto|all'inizio|a\s+inizio|to\s+top|top|indietro))?"
    r"|inizio\s+pagina|top|su)\b|^\W*$",
    re.I,
)
_MAX_MOVE_TEXT = 50
_BLANK_LINES = re.compile(r"\n{3,}")
_TITLE_NAME = re.compile(r"title|titolo|heading|intestazione", re.I)
_WORD_START = re.compile(r"\b[^\W\d_]")
_TABLE_PARTS = _names("table caption thead th tr td br h1 h2 h3 h4 h5 h6 hr blockquote pre")
# Elements too small or too central to be furniture, skipped at once: most elements of a long page.
_NEVER_FURNITURE = _names("html body main br wbr b strong i em u sup sub small abbr code time mark font")
# Elements that shape the text; every other one only carries inline text.
_LAYOUT = _BLOCK | {"br"}

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
# Encodings a web page may declare, by Python's codec name: ASCII supersets only, so that a pure-ASCII
# page reads the same whatever it declares.
_WEB_CODECS = re.compile(
    r"^(?:utf-8|cp125\d|iso8859-\d+|koi8-[ru]|mac-\w+|cp8\d\d|gbk|gb18030|gb2312|big5|big5hkscs|shift_jis"
    r"|cp932|euc_jp|euc_kr|cp949|cp950|tis-620|cp874)$"
)
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH_BYTES = bytes(range(0x80, 0x100))
# Inline images of pages saved whole ("SingleFile"): libxml2 refuses attributes over 10 MB, and they hold no text.
_DATA_URI = re.compile(r"data:[\w.+/-]{1,100}(?:;[\w.+=-]{1,100})*;base64,[A-Za-z0-9+/=\r\n]{1024,}")

# The sniffer: tags that open an HTML page or fragment, and the signs of a page further in.
_HTML_OPENERS = _names(
    "html head body meta title link base style script div p span table center font b i u strong em a br "
    "h1 h2 h3 h4 h5 h6 ul ol section article main header nav footer form blockquote pre img hr"
)
_TAG_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9:-]*)")
_PAGE_SIGNS = re.compile(r"<!doctype\s+html\b|<(?:html|head|body)(?:\s[^<>]*)?>|<meta\s[^<>]*charset", re.I)
_CLOSING_TAG = re.compile(r"</([a-z][a-z0-9]*)\s*>", re.I)


def is_html(data: bytes) -> bool:
    """True for an HTML page or fragment (XHTML included), False for plain text and for other XML."""
    head = _sniff_text(data[: HEAD_BYTES + 4])
    rest = _skip_prolog(head)
    lower = rest.lower()
    if lower.startswith("<?xml"):
        # XML: only XHTML, whose root (after its doctype) is <html>, is a page.
        end = rest.find("?>")
        after = _skip_prolog(rest[end + 2 :]).lower() if end >= 0 else ""
        return after.startswith("<!doctype html") or _opens(after, "html")
    if lower.startswith("<!doctype"):
        return lower.startswith("<!doctype html")
    name = _TAG_NAME.match(rest)
    if name:
        tag = name.group(1).lower()
        if tag not in _HTML_OPENERS:
            return False  # another XML vocabulary, whatever it holds further on
        if tag in ("html", "head", "body") or _PAGE_SIGNS.search(head):
            return True
        # A fragment (a CMS export, a pasted body) needs at least one closing tag of an HTML element.
        return any(m.group(1).lower() in _HTML_OPENERS for m in _CLOSING_TAG.finditer(head))
    # Text first (a server's warning, a stray line) may still precede a page.
    return bool(_PAGE_SIGNS.search(head))


def read_html(data: bytes) -> Document:
    """The main text of an HTML page, laid out as plain-text paragraphs."""
    try:
        text = _tidy(normalise(_extract(data)))
    except PattiError:
        raise
    except MemoryError:
        raise  # the process's own limit speaking, left to the caller as the PDF reader does
    except Exception as exc:  # lxml and the codecs raise several unrelated types on input nobody foresaw
        raise PattiError(ErrorCode.INTERNAL, f"HTML reading failed: {exc!r}") from exc
    if not text:
        raise PattiError(ErrorCode.EMPTY, "no main text in the HTML page")
    return Document(text=text, format="html")


# ---------------------------------------------------------------- sniffing


def _sniff_text(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", "ignore").lstrip("\ufeff")
    return head.removeprefix(codecs.BOM_UTF8).decode("latin-1")


def _skip_prolog(text: str) -> str:
    """``text`` without leading whitespace and comments."""
    text = text.lstrip()
    while text.startswith("<!--"):
        end = text.find("-->", 4)
        if end < 0:
            return ""
        text = text[end + 3 :].lstrip()
    return text


def _opens(text: str, tag: str) -> bool:
    return text.startswith("<" + tag) and text[len(tag) + 1 : len(tag) + 2] in (" ", "\t", "\n", "\r", ">", "/")


# ---------------------------------------------------------------- decoding and parsing


def _decode(data: bytes) -> str:
    """Text of the page: BOM, else declared charset, else UTF-8, else the plain-text fallback."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, "replace")
    # Browsers ignore NUL in markup; libxml2 would keep each as U+FFFD inside words.
    data = data.replace(b"\x00", b"")
    declared = _declared_codec(data[:HEAD_BYTES])
    try:
        utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    # Valid UTF-8 beyond ASCII is never an accident, while pages that moved to UTF-8 and kept their old
    # declaration are common: it wins over a declaration.
    if utf8 is not None and (declared is None or not utf8.isascii()):
        return utf8
    if declared == "utf-8":
        if _mostly_utf8(data):
            return data.decode("utf-8", "replace")
    elif declared is not None:
        return data.decode(declared, "replace")
    return decode(data)


def _declared_codec(head: bytes) -> str | None:
    """Python codec of the page's ``<meta charset>`` or ``http-equiv`` declaration, if it is a web encoding."""
    match = _META_CHARSET.search(_COMMENT.sub(b"", head))
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"  # what browsers read under these labels (WHATWG Encoding)
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # a declaration readable as ASCII cannot be right about UTF-16
    return name if _WEB_CODECS.match(name) else None


def _mostly_utf8(data: bytes) -> bool:
    """True when most high bytes form UTF-8 sequences: a UTF-8 page with a few stray bytes, not Windows-1252."""
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    in_sequences = sum(len(m) for m in _UTF8_SEQUENCE.findall(data))
    return in_sequences * 2 >= high


def _parse(text: str) -> Any:
    source = _DATA_URI.sub("data:,", text).encode("utf-8")
    if source.count(b"<") > MAX_TAGS:
        raise PattiError(ErrorCode.TOO_LARGE, f"more than {MAX_TAGS} tags in the HTML page")
    parser = etree.HTMLParser(
        encoding="utf-8",  # decoded above: the page's own declaration must not be applied twice
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,
        collect_ids=False,
        default_doctype=False,
    )
    root = etree.fromstring(source, parser)
    for error in parser.error_log:
        if error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT:
            # libxml2 stops at its limits and returns a truncated tree: refuse rather than read half a page.
            if "depth" in error.message:
                raise PattiError(ErrorCode.NOT_TEXT, "HTML nested deeper than 256 elements, not a document")
            raise PattiError(ErrorCode.TOO_LARGE, "an HTML text or attribute longer than 10 MB")
    return root


# ---------------------------------------------------------------- the tree


def _drop(el: Any, spaced: bool) -> None:
    """Remove ``el`` and its subtree, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail or ""
    if spaced:
        tail = " " + tail  # a button or a menu between two words kept them apart on screen
    if tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _hidden(el: Any) -> bool:
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").strip().lower() == "true":
        return True
    if _HIDDEN_STYLE.search(el.get("style") or ""):
        return True
    classes = (el.get("class") or "").split()
    if any(c.lower() in _HIDDEN_CLASSES for c in classes):
        return True
    # Bootstrap's d-none hides only when no d-lg-block (or the like) shows it again on larger screens.
    return "d-none" in classes and not any(_SHOWN_AT_SIZE.match(c) for c in classes)


def _remove_junk(root: Any) -> None:
    """Drop what is never text: code, media, form controls, hidden elements; forms unless they hold the page."""
    doomed: list[tuple[Any, bool]] = []
    forms = []
    walker = etree.iterwalk(root, events=("start",))
    for _, el in walker:
        tag = el.tag
        if not isinstance(tag, str):  # a comment or processing instruction the parser kept
            doomed.append((el, False))
            continue
        if tag in _JUNK:
            doomed.append((el, tag not in _SILENT))
            walker.skip_subtree()
            continue
        names = el.keys()
        if not names:
            hint = False
        elif "class" in names and _HIDDEN_HINT.search(el.get("class")):
            hint = True
        else:
            hint = "hidden" in names or "aria-hidden" in names or "style" in names
        # Pages that hide <body> until their scripts run are still read.
        if hint and tag not in ("html", "body") and _hidden(el):
            doomed.append((el, False))
            walker.skip_subtree()
        elif tag == "form":
            forms.append(el)
    for el, spaced in doomed:
        _drop(el, spaced)
    if forms:
        total = _text_length(root)
        for form in forms:
            # ASP.NET sites wrap the whole page in one <form>: that one stays.
            holds_page = form.find(".//main") is not None or _text_length(form) * 2 >= total
            if not holds_page and form.getparent() is not None:
                _drop(form, True)


def _text_length(el: Any) -> int:
    return sum(_length(text) for text in el.itertext())


def _length(text: str) -> int:
    """Characters of ``text`` that are not spaces or line ends (near enough: the count only weighs blocks)."""
    if text.isspace():
        return 0
    return len(text) - text.count(" ") - text.count("\n") - text.count("\t")


@dataclass(slots=True)
class _Stats:
    """What the subtree of one element holds, in characters other than spaces."""

    text: int = 0
    links: int = 0
    prose: int = 0  # weighted characters of the blocks that read as running text
    blocks: int = 0  # how many such blocks
    own: int = 0  # for a block, its text outside nested blocks; its link text; its words and lower-case ones
    own_links: int = 0
    own_words: int = 0
    own_lower: int = 0
    block: bool = False
    data_table: bool = False


@dataclass(slots=True)
class _TableShape:
    """What decides between a data table (a row per line) and a layout table (cells as paragraphs)."""

    nested: bool = False
    headed: bool = False
    sectioned: bool = False  # headings, rules, quotes or preformatted text inside: layout
    rows: int = 0  # rows with text
    grid_rows: int = 0  # rows with text in two cells or more
    row_cells: int = 0
    cell_breaks: int = 0
    broken_cell: bool = False  # a cell with several <br>: a menu column or running text, not a datum
    longest_cell: int = 0


def _measure(root: Any) -> dict[Any, _Stats]:
    """Text, link and prose sizes of every element, and the kind of every table, in one iterative walk."""
    stats: dict[Any, _Stats] = {}
    open_stats: list[_Stats] = []
    blocks: list[_Stats] = []
    tables: list[_TableShape] = []
    in_link = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag
        if event == "start":
            st = stats[el] = _Stats(block=tag in _BLOCK or not blocks)
            if st.block:
                blocks.append(st)
            if tag == "a":
                in_link += 1
            elif tag in _TABLE_PARTS:
                _shape_start(tag, tables)
            open_stats.append(st)
            text = el.text
            owner = st
        else:
            st = open_stats.pop()
            if tag == "a":
                in_link -= 1
            if st.block:
                blocks.pop()
                prose = st.own - st.own_links
                if prose >= MIN_PROSE:
                    # Running text is mostly lower-case words; an address, a menu or a title is capitalised.
                    st.prose += int(prose * max(MIN_LOWER_SHARE, st.own_lower / max(st.own_words, 1)))
                    st.blocks += 1
            if tables and tag in _TABLE_PARTS:
                if tag == "table":
                    shape = tables.pop()
                    if tables:
                        tables[-1].nested = True
                    st.data_table = _is_data_table(el, shape)
                else:
                    _shape_end(tag, tables[-1], st)
            if not open_stats:
                break
            owner = open_stats[-1]
            owner.text += st.text
            owner.links += st.links
            owner.prose += st.prose
            owner.blocks += st.blocks
            text = el.tail
        if not text or text.isspace():
            continue
        # The text's size goes to the element it is in, and to the block it reads in.
        n = len(text) - text.count(" ") - text.count("\n") - text.count("\t")
        block = blocks[-1]
        owner.text += n
        block.own += n
        if in_link:
            owner.links += n
            block.own_links += n
        else:
            # A sample of each text tells running text from labels as well as the whole, at a bounded cost.
            starts = _WORD_START.findall(text, 0, PROSE_SAMPLE)
            block.own_words += len(starts)
            block.own_lower += sum(map(str.islower, starts))
    return stats


def _shape_start(tag: str, tables: list[_TableShape]) -> None:
    if tag == "table":
        tables.append(_TableShape())
        return
    if not tables:
        return
    shape = tables[-1]
    if tag == "tr":
        shape.row_cells = 0
    elif tag in ("td", "th"):
        shape.cell_breaks = 0
        shape.headed = shape.headed or tag == "th"
    elif tag in ("caption", "thead"):
        shape.headed = True
    elif tag == "br":
        shape.cell_breaks += 1
        shape.broken_cell = shape.broken_cell or shape.cell_breaks > 2
    else:
        shape.sectioned = True


def _shape_end(tag: str, shape: _TableShape, st: _Stats) -> None:
    if tag in ("td", "th") and st.text:
        shape.row_cells += 1
        shape.longest_cell = max(shape.longest_cell, st.text)
    elif tag == "tr" and shape.row_cells:
        shape.rows += 1
        shape.grid_rows += shape.row_cells >= 2


def _is_data_table(table: Any, shape: _TableShape) -> bool:
    if (table.get("role") or "").strip().lower() in ("presentation", "none"):
        return False
    if shape.nested or shape.sectioned or shape.grid_rows == 0:
        return False
    if shape.headed:
        return True
    # Layout tables put a header row and a footer row across the columns, and prose or menus in the cells.
    grid = shape.grid_rows >= 2 and shape.grid_rows * 3 >= shape.rows * 2
    return grid and not shape.broken_cell and shape.longest_cell <= 400


# ---------------------------------------------------------------- site furniture


@dataclass(frozen=True, slots=True)
class _Marks:
    """What an element's class, id and aria-label say about it."""

    strong: bool = False  # site furniture wherever it is
    weak: bool = False  # site furniture unless it wraps the page
    region: bool = False  # the page's header or footer, unless inside a section
    content: bool = False  # a wrapper of the content


_NO_MARKS = _Marks()


def _words(value: str) -> list[list[str]]:
    """Each class (or id, or label word) as lower-case words: "it-header-wrapper mainMenu" gives
    [[it, header, wrapper], [main, menu]]."""
    return [[w for w in _WORD_SPLIT.split(_CAMEL.sub(r"\1 \2", part).lower()) if w] for part in value.split()]


def _marks(classes: str, ident: str, label: str) -> _Marks:
    strong = weak = region = content = False
    for value in (classes, ident):
        strong = strong or any(_COMPOUND_TOP.search(part.lower()) for part in value.split())
        for words in _words(value):
            local = bool(words) and words[0] in _LOCAL_PREFIXES
            for word in words:
                if word in _STRONG_WORDS or word.startswith("cookie"):
                    strong = True
                elif word in _WEAK_WORDS or word.endswith(("menu", "navbar")):
                    weak = True
                elif word in _PAGE_REGION_WORDS:
                    region = region or not local
                elif word in _CONTENT_WORDS:
                    content = True
    for words in _words(label):
        for word in words:
            if word in _STRONG_WORDS or word.startswith("cookie"):
                strong = True
            elif word in _LABEL_WEAK_WORDS:
                weak = True
    return _Marks(strong, weak, region, content)


def _role(el: Any) -> str:
    role = el.get("role")
    return role.strip().lower().split(" ")[0] if role else ""


def _in_section(el: Any) -> bool:
    """True inside a sectioning element or a main region: there a header or footer is the section's own."""
    return any(a.tag in _SECTIONING or _role(a) in ("main", "article", "region") for a in el.iterancestors())


def _moves_only(el: Any) -> bool:
    """An in-page link such as "Vai al contenuto" or "Torna su"."""
    href = (el.get("href") or "").strip().lower()
    if href and not href.startswith(("#", "javascript:")):
        return False
    text = " ".join("".join(el.itertext()).split())
    return len(text) <= _MAX_MOVE_TEXT and bool(_MOVE_TEXT.match(text))


class _Furniture:
    """Decides, top down, which elements are the site's rather than the notice's."""

    def __init__(self, root: Any, stats: dict[Any, _Stats]) -> None:
        self.stats = stats
        self.page = stats[root]
        mains = [*root.iter("main"), *root.xpath("//*[@role='main']")]
        self.around_main = {a for m in mains for a in m.iterancestors()}
        self.around_content = self.around_main | {a for m in root.iter("article") for a in m.iterancestors()}
        self.cache: dict[tuple[str, str, str], _Marks] = {}

    def remove(self, root: Any) -> None:
        doomed = []
        walker = etree.iterwalk(root, events=("start",))
        for _, el in walker:
            if self.is_furniture(el, el.tag):
                doomed.append(el)
                walker.skip_subtree()
        for el in doomed:
            # The page's sizes are kept right for choosing the main content.
            st = self.stats[el]
            for ancestor in el.iterancestors():
                up = self.stats[ancestor]
                up.text -= st.text
                up.links -= st.links
                up.prose -= st.prose
                up.blocks -= st.blocks
            _drop(el, True)

    def is_furniture(self, el: Any, tag: str) -> bool:
        if tag in _NEVER_FURNITURE:
            return False
        role = _role(el)
        if role == "main" or el in self.around_main:
            return False  # whatever it is called, an element around the main region is not furniture
        if tag in ("nav", "aside") or role in _SITE_ROLES:
            return True
        if tag in ("header", "footer"):
            return not _in_section(el)
        if tag == "a":
            return _moves_only(el)
        classes, ident, label = el.get("class"), el.get("id"), el.get("aria-label")
        if not (classes or ident or label):
            return False
        key = (classes or "", ident or "", label or "")
        marks = self.cache.get(key)
        if marks is None:
            marks = self.cache[key] = _marks(*key)
        if marks == _NO_MARKS or el in self.around_content:
            return False
        st = self.stats[el]
        if not st.text:
            return False
        # A wrapper of most of the page's prose is the page, whatever its class says.
        share = st.prose / self.page.prose if self.page.prose else 0.0
        if share >= 0.5 and st.blocks >= 3:
            return False
        if marks.strong:
            return True  # a cookie banner may well outweigh a two-line notice
        if share >= 0.8 or marks.content:
            return False
        return marks.weak or (marks.region and not _in_section(el))


# ---------------------------------------------------------------- the main content


def _main_content(root: Any, stats: dict[Any, _Stats]) -> list[Any]:
    """The elements whose text is the notice: the main region, an article, else the container holding most of
    the page's prose; each with the title just before it, when the page put its heading outside."""
    page = stats[root]

    def size(el: Any) -> int:
        st = stats[el]
        return st.prose if page.prose else st.text

    total = size(root)
    mains = [*root.iter("main"), *root.xpath("//*[@role='main']")]
    if mains:
        best = max(mains, key=size)
        if size(best) * 3 >= total:
            return [*_title_before(best, stats), best]
    articles = [*root.iter("article"), *root.xpath("//*[@role='article']")]
    if articles:
        best = max(articles, key=size)
        if size(best) * 2 >= total:
            return [*_title_before(best, stats), best]
    node = root  # not <body>: broken pages may have two
    titles: list[Any] = []
    while True:
        children = [c for c in node if c.tag in _CONTAINERS and not stats[c].data_table]
        if not children:
            break
        best = max(children, key=size)
        if size(best) == 0 or size(best) < DESCENT_SHARE * size(node):
            break
        # A container of text only (a <div> of running text) is entered only when its siblings hold no prose:
        # it may be one paragraph of several.
        if not any(c.tag in _BLOCK for c in best) and size(best) < ALONE_SHARE * size(node):
            break
        titles.extend(_title_before(best, stats))
        node = best
    return [*titles, node]


def _title_before(el: Any, stats: dict[Any, _Stats]) -> list[Any]:
    """The previous sibling of ``el`` (skipping empty ones) when it is a short heading: the notice's title."""
    previous = el.getprevious()
    while previous is not None and not stats[previous].text:
        previous = previous.getprevious()
    if previous is None:
        return []
    st = stats[previous]
    if st.text > MAX_TITLE or st.links * 2 > st.text:
        return []
    for sub in previous.iter():
        names = (sub.get("class") or "") + " " + (sub.get("id") or "")
        if sub.tag in ("h1", "h2") or _TITLE_NAME.search(names):
            return [previous]
    return []


# ---------------------------------------------------------------- layout


@dataclass(slots=True)
class _List:
    ordered: bool
    number: int
    style: str


class _Writer:
    """Plain text from start and end events: paragraphs, list items and table rows."""

    def __init__(self, data_tables: set[Any]) -> None:
        self.data_tables = data_tables
        self.out: list[str] = []
        self.line: list[str] = []  # raw text pieces of the current line; spaces are collapsed when it ends
        self.pending = 0  # line ends owed before the next text: 1 a new line, 2 a blank line
        self.prefix = ""  # a list item's marker, written with its first text
        self.lists: list[_List] = []
        self.items = 0  # open list items: breaks inside them are single line ends
        self.pre = 0
        self.rows: list[list[str]] = []  # the cell texts of each open data-table row
        self.cell_starts: list[int] = []  # where each open data cell's text starts in ``line``

    def pre_text(self, text: str) -> None:
        """Text inside ``<pre>``: its line ends stay."""
        first, *rest = text.split("\n")
        self.line.append(first)
        for piece in rest:
            self.line_break()
            self.line.append(piece)

    def end_line(self, level: int) -> None:
        """Close the current line and owe ``level`` line ends before the next text."""
        if self.cell_starts:
            self.line.append(" ")  # inside a data cell the row stays on one line
            return
        if self.items and level > 1:
            level = 1
        self.flush()
        self.pending = max(self.pending, level)

    def line_break(self) -> None:
        """``<br>``: a new line; a second one in a row, a blank line."""
        if self.cell_starts:
            self.line.append(" ")
        elif "".join(self.line).strip():
            self.flush()
            self.pending = max(self.pending, 1)
        else:
            self.line.clear()  # only spaces since the last break: dropped, so that many <br> stay linear
            if self.out:
                self.pending = 2

    def flush(self) -> None:
        line = " ".join("".join(self.line).split())
        self.line.clear()
        if not line:
            return
        if self.out:
            self.out.append("\n" * max(self.pending, 1))
        self.out.append(self.prefix + line)
        self.prefix = ""
        self.pending = 0

    def start(self, el: Any, tag: str) -> None:
        if self.cell_starts:
            self.line.append(" ")
        elif tag in ("ul", "ol", "dir"):
            self.end_line(2)
            self.lists.append(_List(tag == "ol", _start_number(el), (el.get("type") or "1").strip()))
        elif tag == "li":
            self.end_line(1)
            self.items += 1
            self.prefix = self._marker(el)
        elif tag in ("dt", "dd", "caption", "thead", "tbody", "tfoot"):
            self.end_line(1)
        elif tag == "br":
            self.line_break()
        elif tag == "tr" and self._in_data_table(el):
            self.end_line(1)
            self.rows.append([])
        elif tag in ("td", "th") and self.rows and self._in_data_table(el):
            self.flush()
            self.cell_starts.append(len(self.line))
        elif tag == "pre":
            self.end_line(2)
            self.pre += 1
        else:
            self.end_line(2)

    def end(self, el: Any, tag: str) -> None:
        if tag in ("td", "th") and self.cell_starts and self._in_data_table(el):
            start = self.cell_starts.pop()
            cell = " ".join("".join(self.line[start:]).split())
            del self.line[start:]
            if cell:
                self.rows[-1].append(cell)
        elif self.cell_starts:
            self.line.append(" ")
        elif tag == "tr" and self.rows and self._in_data_table(el):
            row = self.rows.pop()
            self.flush()
            if row:
                self.line.append(CELL_SEPARATOR.join(row))
                self.end_line(1)
        elif tag in ("ul", "ol", "dir"):
            if self.lists:
                self.lists.pop()
            self.end_line(2)
        elif tag == "li":
            self.end_line(1)
            self.items = max(0, self.items - 1)
            self.prefix = ""
        elif tag in ("dt", "dd", "caption", "thead", "tbody", "tfoot"):
            self.end_line(1)
        elif tag == "pre":
            self.end_line(2)
            self.pre = max(0, self.pre - 1)
        elif tag != "br":
            self.end_line(2)

    def _in_data_table(self, el: Any) -> bool:
        return next(el.iterancestors("table"), None) in self.data_tables

    def _marker(self, el: Any) -> str:
        if not self.lists or not self.lists[-1].ordered:
            return "- "
        current = self.lists[-1]
        value = (el.get("value") or "").strip()
        if value.isdigit() and len(value) < 9:
            current.number = int(value)
        number = current.number
        current.number += 1
        return f"{_numeral(number, current.style)}. "

    def result(self) -> str:
        self.flush()
        return "".join(self.out)


def _start_number(el: Any) -> int:
    start = (el.get("start") or "").strip()
    return int(start) if start.isdigit() and len(start) < 9 else 1


def _numeral(number: int, style: str) -> str:
    if style in ("a", "A") and 1 <= number <= 26:
        letter = chr(ord("a") + number - 1)
        return letter.upper() if style == "A" else letter
    if style in ("i", "I") and 1 <= number < 4000:
        roman = _roman(number)
        return roman if style == "I" else roman.lower()
    return str(number)


def _roman(number: int) -> str:
    parts = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


def _render(main: Any, data_tables: set[Any]) -> str:
    writer = _Writer(data_tables)
    line = writer.line
    for event, el in etree.iterwalk(main, events=("start", "end")):
        tag = el.tag
        if event == "start":
            if tag in _LAYOUT:
                writer.start(el, tag)
            text = el.text
        else:
            if tag in _LAYOUT:
                writer.end(el, tag)
            text = el.tail if el is not main else None
        if text:
            if writer.pre:
                writer.pre_text(text)
            else:
                line.append(text)
    return writer.result()


def _tidy(text: str) -> str:
    """Spaces collapsed again: an invisible character dropped by ``normalise`` may leave two side by side."""
    if "  " not in text and "\n " not in text and not text.startswith(" "):
        return text
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: a long page keeps one proxy and one record per element alive, and
    each collection would scan them all again (it doubled the time of a 20 MB page). Nothing made here is a
    cycle, so reference counting frees it all the same."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _extract(data: bytes) -> str:
    root = _parse(_decode(data))
    if root is None:
        return ""
    with _collector_paused():
        _remove_junk(root)
        stats = _measure(root)
        _Furniture(root, stats).remove(root)
        data_tables = {el for el, st in stats.items() if st.data_table}
        return "\n\n".join(_render(el, data_tables) for el in _main_content(root, stats))
