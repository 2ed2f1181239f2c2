"""Contacts: e-mail and certified-mail (PEC) addresses and Italian phone numbers."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import Any

from extractor.lexicon import alternation, load, phrase_alternation, word_set
from extractor.nlp import Analysis
from extractor.sentences import FIELD_LABEL
from models import Contact
from models.extraction import ContactKind

_EMAIL = re.compile(
    r"(?<![\w.%+\-])[A-Za-z0-9](?:[A-Za-z0-9._%+\-]*[A-Za-z0-9_])?"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9\-])"
)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
# Pieces of an address around "@" for addresses a line wrap cut in two
# ("pianodizona@comu ne.esempio.it", "r affaella.pozzi@…", "x@postacert.to\nscana.it").
_LOCAL_END = re.compile(r"[A-Za-z0-9._%+\-]+$")
_DOMAIN_START = re.compile(r"[A-Za-z0-9.\-]+")
_WRAPPED_TAIL = re.compile(r"\s([a-z0-9][a-z0-9.\-]*)(?![\w@])")
_WRAPPED_HEAD = re.compile(r"(?<![\w.%+\-])([A-Za-z0-9._%+\-]+)\s$")
_DOTTED_TAIL = re.compile(r"[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,24}")
_LONE_CONSONANT = re.compile(r"[b-df-hj-np-tv-z]", re.I)
# A run of digit groups that may hold one or more phone numbers: groups joined
# by a space, dot, dash, slash or comma; optional +39 / 0039 in front.
_COUNTRY = r"(?:\(\s*)?(?:\+|00)\s?39\s*\)?[ \t.\-]*"
_GROUP = r"\(?\d+\)?"
_SEP = r"(?:[ \t]*[./\-–—][ \t]*|[ \t]*,[ \t]+|[ \t]+)"
_RUN = re.compile(rf"(?<![\w+/@])(?<!\d[.\-/,])(?:{_COUNTRY})?{_GROUP}(?:{_SEP}{_GROUP})*(?!\w)")
_DATE_SHAPE = re.compile(r"(?<!\d)(\d{1,2})\s*[./\-]\s*(\d{1,2})\s*[./\-]\s*(\d{4}|\d{2})(?!\d)")
_LIST_SEP = re.compile(r"[–—,]|\s[\-/]\s")
# How far before a contact its cue or owner may stand, in characters.
_CUE_WINDOW = 80
_REJECT_WINDOW = 30
_OWNER_WINDOW = 200
_CONNECTORS = frozenset({"di", "del", "della", "dello", "dell", "dei", "degli", "delle", "per", "e", "ed", "d"})
_NAME_WORD = r"[A-ZÀ-Ý][a-zà-ÿ]*(?:['’][A-ZÀ-Ý][a-zà-ÿ]+)?|[A-ZÀ-Ý]{2,}"


def _words(words: list[str]) -> str:
    """Whole-word alternation of ``words``, any whitespace inside a word list entry."""
    pattern = phrase_alternation(words)
    return r"(?<![\w.@])(?:" + pattern + r")(?![^\W\d_])"


def _norm(word: str) -> str:
    """Lower case with single spaces, the form word lists are compared in."""
    return " ".join(word.lower().split())


@dataclass(frozen=True)
class _Lexicon:
    data: dict[str, Any]
    mail_cue: re.Pattern[str]
    pec_cues: frozenset[str]
    phone_cue: re.Pattern[str]
    cue_kind: dict[str, str]
    reject_after: re.Pattern[str]
    number_word: re.Pattern[str]
    office: re.Pattern[str]
    office_stops: frozenset[str]
    title: re.Pattern[str]
    titles: frozenset[str]
    bare_name: re.Pattern[str]
    trailing_cues: re.Pattern[str]
    not_names: frozenset[str]


@cache
def _lexicon() -> _Lexicon:
    data = load("contacts")
    email, phone, owner = data["email"], data["phone"], data["owner"]
    cue_kind: dict[str, str] = {}
    for kind, key in (("reject", "reject_cues"), ("fax", "fax_cues"), ("phone", "cues")):
        cue_kind.update({_norm(w): kind for w in phone[key]})
    name = rf"(?:{_NAME_WORD})(?:\s+(?:{_NAME_WORD})){{0,3}}"
    phone_cue = _words(list(cue_kind))
    mail_cue = _words(email["pec_cues"] + email["mail_cues"])
    return _Lexicon(
        data=data,
        mail_cue=re.compile(mail_cue, re.I),
        pec_cues=frozenset(_norm(w) for w in email["pec_cues"]),
        phone_cue=re.compile(phone_cue, re.I),
        cue_kind=cue_kind,
        reject_after=re.compile(r"\s*(?:" + alternation(phone["reject_after"]) + r")(?![^\W\d_])", re.I),
        number_word=re.compile(r"(?:" + _words(phone["number_words"]) + r")\s*$", re.I),
        office=re.compile(
            r"(?P<article>(?<![\w])(?:l|all|dell|dall|sull|nell)['’]\s*|(?<![\w])(?:lo|la|il|allo|alla|al|"
            r"dello|della|del|dallo|dalla|dal|presso|contattare|contattando)\s+)?"
            r"(?P<head>" + _words(owner["offices"]) + r")",
            re.I,
        ),
        office_stops=frozenset(_norm(w) for w in owner["stops"]),
        title=re.compile("(?i:" + _words(owner["titles"]) + rf")\s*(?P<name>{name})"),
        titles=frozenset(_norm(w) for w in owner["titles"]),
        bare_name=re.compile(rf"(?<![\w.'’])(?P<name>{name})\s*[:,–\-]?\s*$"),
        trailing_cues=re.compile(rf"(?:\s*[:,–\-]?\s*(?:{phone_cue}|{mail_cue})\s*[:.]?\s*)+$", re.I),
        not_names=frozenset(_norm(w) for w in owner["not_names"]),
    )


# ---------------------------------------------------------------- e-mail


def _is_pec_address(address: str, lex: _Lexicon) -> bool:
    """True when the address itself marks certified mail (a PEC domain or local part)."""
    email = lex.data["email"]
    local, _, domain = address.partition("@")
    if "pec" in re.split(r"[._\-]", local):
        return True
    for label in domain.split(".")[:-1]:
        if label in email["pec_labels"]:
            return True
        if label.startswith(tuple(email["pec_label_prefixes"])):
            return True
        if label.endswith(tuple(email["pec_label_suffixes"])):
            return True
    return False


def _called_pec(text: str, start: int, window_start: int, lex: _Lexicon) -> bool:
    """True when the nearest mail word before ``start`` names certified mail."""
    before = text[window_start:start]
    cues = list(lex.mail_cue.finditer(before))
    if not cues:
        return False
    last = cues[-1]
    return _norm(last.group()) in lex.pec_cues and not _EMAIL.search(before, last.end())


def _emails(text: str, lex: _Lexicon) -> list[tuple[str, int, int]]:
    """Every address with its span, mending one line wrap on either side of "@"."""
    found = []
    for at in (m.start() for m in re.finditer("@", text)):
        local = _LOCAL_END.search(text, max(0, at - 64), at)
        domain = _DOMAIN_START.match(text, at + 1)
        if not local or not domain:
            continue
        start, end = local.start(), domain.end()
        left, right = local.group(), domain.group()
        tail = _WRAPPED_TAIL.match(text, end)
        if tail and "\n\n" not in text[end : tail.start(1)] and not tail.group(1).startswith("www."):
            whole = _EMAIL.fullmatch(f"{left}@{right}")
            # A wrap left the domain unfinished, or the next line goes on with its dotted tail.
            if not whole or right.endswith((".", "-")) or _DOTTED_TAIL.fullmatch(tail.group(1)):
                joined = right + tail.group(1)
                if _EMAIL.fullmatch(f"{left}@{joined}"):
                    right, end = joined, tail.end(1)
        head = _WRAPPED_HEAD.search(text, max(0, start - 40), start)
        if head and _wrapped_piece(head.group(1), lex):
            left, start = head.group(1) + left, head.start(1)
        match = _EMAIL.search(f"{left}@{right}")
        if not match or match.start() > len(left):
            continue
        start += match.start()
        # The address may end before the mended text does ("x@y.it." ends at "it").
        found.append((match.group().lower(), start, start + _span_length(text, start, len(match.group()))))
    return found


def _wrapped_piece(token: str, lex: _Lexicon) -> bool:
    """True when ``token`` before an address is a piece of it cut by a line wrap, not a word."""
    if _LONE_CONSONANT.fullmatch(token):
        return True  # "r affaella.rossi@…": no Italian word is one consonant
    if _norm(token) in word_set("abbreviations.txt") or _norm(token) in lex.titles:
        return False  # "d.ssa m.rossi@…"
    if lex.mail_cue.fullmatch(token) or lex.phone_cue.fullmatch(token):
        return False
    return bool(re.search(r"[A-Za-z]", token) and re.search(r"[._]", token) and not token.endswith("."))


def _span_length(text: str, start: int, chars: int) -> int:
    """Characters of ``text`` from ``start`` holding ``chars`` non-space characters."""
    seen = i = 0
    while seen < chars and start + i < len(text):
        if not text[start + i].isspace():
            seen += 1
        i += 1
    return i


# ---------------------------------------------------------------- phones


def _shape(digits: str, special: dict[str, int]) -> tuple[int, int, int] | None:
    """Shortest, longest and complete-enough length of the number ``digits`` starts."""
    for prefix, length in special.items():
        if digits.startswith(prefix):
            return length, length, length
    if digits.startswith("0"):
        return 6, 11, 8
    if digits.startswith("3"):
        return 9, 10, 9
    return None


def _valid(digits: str, special: dict[str, int]) -> bool:
    """True when ``digits`` have the length of the kind of number they start."""
    shape = _shape(digits, special)
    if shape is None or not shape[0] <= len(digits) <= shape[1]:
        return False
    return not digits.startswith("00")


@dataclass
class _Number:
    digits: str
    start: int
    end: int
    groups: list[str]
    international: bool = False


def _segment(run: str, offset: int, special: dict[str, int]) -> list[_Number]:
    """Split one run of digit groups into numbers, expanding shared-prefix lists."""
    country = re.match(_COUNTRY, run)
    body_start = country.end() if country else 0
    base = offset + body_start
    groups = [(m.group(), m.start() + base, m.end() + base) for m in re.finditer(r"\d+", run[body_start:])]
    seps = [""] + [run[groups[k - 1][2] - offset : groups[k][1] - offset] for k in range(1, len(groups))]
    numbers: list[_Number] = []
    i = 0
    while i < len(groups):
        shape = _shape(groups[i][0], special)
        if shape is None or groups[i][0] == "0":  # area codes have two digits at least
            i += 1
            continue
        _, longest, complete = shape
        digits, last, start, end = groups[i][0], groups[i][0], groups[i][1], groups[i][2]
        parts = [digits]
        j = i + 1
        while j < len(groups):
            group, sep = groups[j][0], seps[j]
            done = len(digits) >= complete
            if done and (_LIST_SEP.search(sep) or (sep.strip() == "/" and len(group) < len(last))):
                break
            if len(digits) + len(group) > longest or (done and group.startswith("0")):
                break
            digits, last, end = digits + group, group, groups[j][2]
            parts.append(group)
            j += 1
        if not _valid(digits, special):
            i += 1
            continue
        if i == 0:
            start = offset  # keep "+39 (02)" inside the span
        numbers.append(_Number(digits, start, end, parts, international=bool(country) and i == 0))
        # "029278 434 – 358 – 217", "0573-771214, 771225", "070 677 1234 – 677 1235",
        # "0372 407111/2": the groups after a list separator replace as many final
        # digits, whole groups of the first number or one or two digits.
        suffixes = {sum(len(p) for p in parts[k:]) for k in range(1, len(parts))}
        while j < len(groups) and seps[j].strip():
            k = j
            while k + 1 < len(groups) and not _LIST_SEP.search(seps[k + 1]) and seps[k + 1].strip() != "/":
                k += 1
            tail = "".join(g for g, _, _ in groups[j : k + 1])
            tail_shape = _shape(tail, special)
            if tail_shape and len(tail) >= tail_shape[0]:
                break  # a number of its own
            short = len(tail) <= 2 and re.search(r"[/\-–—]", seps[j])
            year_like = len(tail) == 4 and tail.startswith(("19", "20"))
            if not (len(tail) in suffixes or short) or year_like:
                break
            numbers.append(_Number(digits[: -len(tail)] + tail, groups[j][1], groups[k][2], [tail]))
            j = k + 1
        i = j
    return numbers


def _looks_like_date_or_time(text: str, number: _Number) -> bool:
    """True when the digits are written like a date or a time range, not a phone."""
    shape = _DATE_SHAPE.fullmatch(text[number.start : number.end])
    if shape and 1 <= int(shape.group(1)) <= 31 and 1 <= int(shape.group(2)) <= 12:
        return True
    # "09.30-12.30": only one- and two-digit groups.
    return len(number.groups) > 1 and len(number.groups) <= 4 and all(len(g) <= 2 for g in number.groups)


def _around_dates(run: str, offset: int) -> list[tuple[str, int]]:
    """The pieces of a run of digit groups between the dates it holds, each with its offset: a calendar's row
    ("06/03/2025   15.00") runs a date into the next group, and no phone is made of a date."""
    pieces: list[tuple[str, int]] = []
    start = 0
    for date in _DATE_SHAPE.finditer(run):
        if 1 <= int(date.group(1)) <= 31 and 1 <= int(date.group(2)) <= 12 and len(date.group(3)) == 4:
            pieces.append((run[start : date.start()], offset + start))
            start = date.end()
    pieces.append((run[start:], offset + start))
    return [(piece, at) for piece, at in pieces if piece.strip(" \t./-–—,")]


def _cue_window(analysis: Analysis, start: int) -> int:
    """Where the text that may hold a number's cue begins."""
    sent_start, _ = analysis.sentence_at(start)
    window_start = max(sent_start, start - _CUE_WINDOW)
    if not analysis.text[window_start:start].strip():
        # A number alone on its line takes its cue from the line before ("Telefono:\n02 …").
        window_start = max(0, start - _CUE_WINDOW // 2)
    return window_start


# "(fax)" after a number makes it a fax line (matched in place: the text may be long).
_FAX_AFTER = re.compile(r"\s*\(\s*fax\s*\)", re.I)


def _phone_context(analysis: Analysis, number: _Number, lex: _Lexicon) -> str | None:
    """``"phone"`` with a cue before, ``"none"`` without, ``None`` when not a phone."""
    text = analysis.text
    window_start = _cue_window(analysis, number.start)
    before = text[window_start : number.start]
    cues = list(lex.phone_cue.finditer(before))
    kind = lex.cue_kind.get(_norm(cues[-1].group()), "phone") if cues else "none"
    if kind == "fax":
        return None
    if kind == "reject" and len(before) - cues[-1].end() <= _REJECT_WINDOW:
        return None
    has_cue = kind == "phone"
    if not has_cue and lex.number_word.search(before):
        return None
    if lex.reject_after.match(text, number.end) or _FAX_AFTER.match(text, number.end):
        return None
    return "phone" if has_cue else "none"


def _phones(analysis: Analysis, lex: _Lexicon, skip: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """Every phone number outside ``skip`` spans, as digits with its span."""
    text = analysis.text
    special = lex.data["phone"]["special_prefixes"]
    out = []
    skip = sorted(skip)
    skip_starts = [s for s, _ in skip]
    reach = list(accumulate((e for _, e in skip), max))  # the furthest end of the spans up to each
    for run in _RUN.finditer(text):
        # Spans starting at or before the run hold it when the furthest of their ends lies past it.
        k = bisect_right(skip_starts, run.start()) - 1
        if k >= 0 and run.start() < reach[k]:
            continue
        for number in (
            n for piece, at in _around_dates(run.group(), run.start()) for n in _segment(piece, at, special)
        ):
            if _looks_like_date_or_time(text, number):
                continue
            context = _phone_context(analysis, number, lex)
            if context is None:
                continue
            if context == "none" and not number.international:
                # Without a cue (or a +39 prefix) only a landline of 8+ digits,
                # and not a bare 11-digit string (a VAT or tax number).
                written = text[number.start : number.end]
                if not number.digits.startswith("0") or len(number.digits) < 8:
                    continue
                if len(number.digits) == 11 and written.isdigit():
                    continue
            out.append((number.digits, number.start, number.end))
    return out


# ---------------------------------------------------------------- owner


def _office_name(window: str, match: re.Match[str], lex: _Lexicon) -> tuple[str, int] | None:
    """The office name an office word starts, and where it ends in ``window``."""
    head = match.group("head")
    words = [head]
    end = match.end()
    tail = re.split(r"[,;:()\[\]|\n–—@\d]|\s-\s", window[match.end() :], maxsplit=1)[0]
    for token in re.finditer(r"[\wÀ-ÿ.]+['’]?", tail):
        word = token.group()
        if _norm(word) in lex.office_stops or _norm(word.rstrip(".")) in lex.office_stops:
            break
        if _norm(word) in lex.titles:
            break  # "Ufficio di Piano, d.ssa Rossi": a person follows
        if word.lower().rstrip("'’") in {"all", "al", "ai", "allo", "alla"} and word[-1] in "'’":
            break
        words.append(word)
        end = match.end() + token.end()
        if len(words) >= lex.data["owner"]["max_words"]:
            break
    while len(words) > 1 and words[-1].lower().rstrip("'’") in _CONNECTORS:
        words.pop()
    name = " ".join(words)
    name = re.sub(r"(['’])\s", r"\1", name)
    if len(words) == 1 and not head[0].isupper():
        return None  # "il servizio è gratuito"
    if not head[0].isupper() and not match.group("article"):
        return None
    return name, end


def _owner(analysis: Analysis, start: int, lex: _Lexicon) -> str | None:
    """Who the contact at ``start`` belongs to, from the same sentence before it."""
    text = analysis.text
    sent_start, _ = analysis.sentence_at(start)
    contact_field = FIELD_LABEL.match(text, sent_start) and (
        lex.mail_cue.match(text, sent_start) or lex.phone_cue.match(text, sent_start)
    )
    if sent_start > 0 and contact_field and text[sent_start - 1] == "\n":
        # "Per informazioni: Ufficio di Piano – tel. …" over "PEC: …": a record's contact field, its owner above.
        sent_start = analysis.sentence_at(sent_start - 1)[0]
    blank = text.rfind("\n\n", 0, start)
    window_start = max(sent_start, start - _OWNER_WINDOW, blank + 2 if blank >= 0 else 0)
    window = text[window_start:start]
    found: list[tuple[int, str]] = []
    for match in lex.office.finditer(window):
        office = _office_name(window, match, lex)
        if office:
            found.append((office[1], office[0]))
    for match in lex.title.finditer(window):
        name = _strip_name(match.group("name"), lex)
        if name:
            found.append((match.end(), name))
    # A bare capitalised name right before the contact, maybe with its cue.
    trimmed = lex.trailing_cues.sub("", window)
    bare = lex.bare_name.search(trimmed)
    if bare:
        words = bare.group("name").split()
        if len(words) >= 2 and not any(_norm(w) in lex.not_names for w in words):
            found.append((bare.end("name"), bare.group("name")))
    if not found:
        return None
    return max(found, key=lambda f: f[0])[1].rstrip(" .,;:") or None  # "… all'Ufficio di Piano." ends a sentence


def _strip_name(name: str, lex: _Lexicon) -> str | None:
    """A name without the trailing words that are not part of names."""
    words = name.split()
    while words and _norm(words[-1]) in lex.not_names:
        words.pop()
    return " ".join(words) or None


# ---------------------------------------------------------------- all


def find_contacts(analysis: Analysis) -> list[Contact]:
    """Every distinct e-mail, PEC and phone contact, one span per mention."""
    lex = _lexicon()
    text = analysis.text
    found: dict[tuple[str, str], Contact] = {}

    def add(kind: ContactKind, value: str, span: tuple[int, int]) -> None:
        family = "phone" if kind == "phone" else "mail"
        contact = found.get((family, value))
        if contact is None:
            contact = found[(family, value)] = Contact(kind=kind, value=value)
        elif kind == "pec":
            contact.kind = "pec"
        if contact.owner is None:
            contact.owner = _owner(analysis, span[0], lex)
        contact.spans.append(span)

    skip = [m.span() for m in _URL.finditer(text)]
    for address, start, end in _emails(text, lex):
        sent_start, _ = analysis.sentence_at(start)
        window_start = max(sent_start, start - _CUE_WINDOW)
        pec = _is_pec_address(address, lex) or _called_pec(text, start, window_start, lex)
        add("pec" if pec else "email", address, (start, end))
        skip.append((start, end))
    for digits, start, end in _phones(analysis, lex, skip):
        add("phone", digits, (start, end))
    return sorted(found.values(), key=lambda c: c.spans[0])
