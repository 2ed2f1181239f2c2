"""Parties: the organisations that sign, join or issue a document.

An organisation is named by a head word of ``data/parties.toml`` ("Comune",
"Fondazione", "Assemblea dei Sindaci") or a registry body of
``data/organisations.toml`` ("CGIL", "CSV"), followed by the capitalised
words, codes and connectors of its name ("di Monza e Brianza", "3 -
Serenissima"). Districts come from the ambiti recognizer, which also expands
"Comuni degli Ambiti di A, B e C". A named body is a party when the text
makes it one:

- it stands in a sentence that signs the document ("firmato da", "le firme
  … in rappresentanza di:", "sottoscritto da"), unless the act signed is
  another one, cited by name ("Nel protocollo Alleanza …, sottoscritto da");
- it is the subject of an issuing or committing verb ("Il Comune di Salerno,
  Ente capofila …, ha pubblicato"), with the bodies coordinated with it
  ("in collaborazione con A, B e C") but not those in apposition or brackets;
- it follows "tra" in a sentence naming an agreement ("protocollo d'intesa
  tra il Comune di Assisi e 12 associazioni (A, B, C)");
- it approves the act ("Approvato da Comitato dei Sindaci");
- it is the council of mayors of a named district, which issues its plans.

A body named as a place ("presso la sede della Provincia") is not a party.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from extractor.lexicon import alternation, load, lookup, word_set
from extractor.nlp import Analysis
from extractor.recognizers import ambiti
from extractor.resolvers.organisations import Organisation, normalise, registry, resolve, same_organisation
from models import Party

_UP = "A-ZÀ-ÖØ-Þ"
_WORD = re.compile(r"[\wÀ-ÿ][\wÀ-ÿ.&]*(?:['’][\wÀ-ÿ]+)?|[-–]|[,;:()]")
_CAP = re.compile(rf"[{_UP}0-9]")
# Words that may stand before a subject in its clause ("date 2020-02 I Comuni e l'ULSS 3").
_SUBJECT_LEAD = 4
_PREPOSITION_BEFORE = re.compile(
    r"(?:\b(?:di|del|della|dello|dei|degli|delle|a|al|alla|ai|agli|alle|da|dal|dalla|dai|in|nel|nella|nei|per|con|su|sul|"
    r"sulla|tra|fra)\s+|\b(?:dell|all|nell|dall|sull|d)['’])$",
    re.I,
)
_CITED_ACT = re.compile(
    r"\b(?i:nel|nella|dal|dalla|con il|con la|del|della|al|alla)\s+(?i:protocollo|accordo|patto|intesa|convenzione)"
    r"\s+(?!d['’]intesa|di intesa|d['’]intenti|di intenti)[“\"«]?[A-Z]",
)


@dataclass
class _Mention:
    start: int
    end: int
    name: str
    kind: str
    district: bool = False  # a council of mayors of a named district, which issues its plans


@dataclass(frozen=True)
class _Lexicon:
    head: re.Pattern[str]
    head_kind: dict[str, str]
    plural: re.Pattern[str]
    plural_kind: dict[str, str]
    kind_words: dict[str, str]
    connectors: frozenset[str]
    stop_words: frozenset[str]
    first_names: frozenset[str]
    sign: re.Pattern[str]
    subject_verb: re.Pattern[str]
    by: re.Pattern[str]
    agreement: re.Pattern[str]
    not_party_before: re.Pattern[str]
    with_words: re.Pattern[str]
    mayors: re.Pattern[str]


@cache
def _lexicon() -> _Lexicon:
    words = load("parties")["parties"]
    head_kind = {h.lower(): kind for kind, heads in words["heads"].items() for h in heads}
    for org in registry():
        for form in (org.name, *org.acronyms, *org.variants):
            head_kind.setdefault(form.lower(), org.kind or "altro")

    def prefixes(items: list[str]) -> re.Pattern[str]:
        return re.compile(rf"(?<![\w'’])(?:{alternation(items)})", re.I)

    return _Lexicon(
        head=re.compile(rf"(?<![\w.-])(?:{alternation(list(head_kind))})(?![\w'’])", re.I),
        head_kind=head_kind,
        plural=re.compile(rf"(?<![\w'’])(?:{alternation(list(words['plural_heads']))})(?![\w'’])", re.I),
        plural_kind={k.lower(): v for k, v in words["plural_heads"].items()},
        kind_words={k.lower(): v for k, v in words["kind_words"].items()},
        connectors=frozenset(words["connectors"]),
        stop_words=frozenset(words["stop_words"]),
        first_names=word_set("first_names.txt"),
        sign=prefixes(words["sign_words"]),
        subject_verb=prefixes(words["subject_verbs"]),
        by=prefixes(words["by_words"]),
        agreement=prefixes(words["agreement_words"]),
        not_party_before=re.compile(rf"(?:{alternation(words['not_party_before'])})\s*$", re.I),
        with_words=re.compile(rf"^\s*(?:e|ed|,|{alternation(words['with_words'])})\s*", re.I),
        mayors=re.compile(rf"^(?:{alternation(load('parties')['ambiti']['mayors_bodies'])})\b", re.I),
    )


def _continuation(text: str, pos: int, lex: _Lexicon, and_splits: bool = False) -> int:
    """Where the name that starts at ``pos`` (right after its head) ends."""
    end = pos
    words = 0
    i = pos
    joined = False  # the last token was a connector, so a head or a name may follow
    while True:
        gap = re.match(r"[ \t]*(?:\n(?=[ \t]*\S)[ \t]*)?" if words == 0 else r"[ \t]*", text[i:])
        j = i + (gap.end() if gap else 0)
        tok = _WORD.match(text, j)
        if not tok or ("\n" in text[i:j] and not tok.group()[:1].isalpha()):
            return end
        word = tok.group().rstrip(".") if not re.search(r"\w\.\w", tok.group()) else tok.group()
        low = word.lower()
        if word in "-–":
            nxt = _WORD.match(text, _skip(text, tok.end()))
            if words and nxt and _CAP.match(nxt.group()):
                i = tok.end()
                continue
            return end
        if low in lex.connectors or re.fullmatch(r"(?:dell|d|de|l)['’]\w.*", low):
            elided = re.fullmatch(r"(?:dell|d|de|l)['’](.+)", word)
            if elided and _CAP.match(elided.group(1)) and elided.group(1).lower() not in lex.stop_words:
                end = i = j + len(word)
                words += 1
                joined = True
                continue
            after = _skip(text, tok.end())
            if low in ("e", "ed") and (
                and_splits or not words or lex.head.match(text, after) or not _CAP.match(text, after)
            ):
                return end  # "A e B" are two bodies unless a capitalised word goes on the name
            if re.match(r"[ \t]*\d", text[tok.end() :]):
                return end  # "UILP del 25 ottobre"
            i = tok.end()
            joined = low not in ("e", "ed")
            continue
        if word in ",;:()" or not _CAP.match(word) or low in lex.stop_words:
            return end
        if not joined and lex.head.match(text, j):
            return end  # a new body starts: "CGIL Milano CISL Milano", "CGIL CISL UIL"
        if words and not joined and low in lex.first_names and not re.search(r"\bSant?['’a]?\s*$", text[end - 6 : j]):
            return end  # a person: "Cgil Palermo Mario Rossi"
        end = i = j + len(word)
        words += 1
        joined = False


def _skip(text: str, pos: int) -> int:
    return pos + len(text[pos:]) - len(text[pos:].lstrip(" \t"))


def _kind(name: str, head_kind: str | None, lex: _Lexicon) -> str:
    if head_kind:
        return head_kind
    for word in normalise(name).split():
        if word in lex.kind_words:
            return lex.kind_words[word]
    return "altro"


def _clean(name: str) -> str:
    name = re.sub(r"[*_“”\"«»]+", "", name)
    name = " ".join(name.split()).strip(" ,;:.-–")
    return name[:1].upper() + name[1:]


def _mentions(analysis: Analysis, lex: _Lexicon) -> list[_Mention]:
    """Every named organisation, districts included, longest first on overlaps."""
    text = analysis.text
    found: list[_Mention] = []
    districts = ambiti.mentions(text)
    for m in districts:
        found.append(_Mention(m.span[0], m.span[1], m.name, "ambito"))
    for match in lex.head.finditer(text):
        head = match.group()
        kind = lookup(lex.head_kind, head)
        if kind is None:
            continue
        registry_body = head.lower() in _registry_forms()
        if not registry_body and head.islower() and len(head) <= 5:
            continue
        if registry_body and head.islower() and len(head) <= 4:
            continue  # "asl", "spi" written in lower case are words, not bodies
        end = _continuation(text, match.end(), lex)
        if lex.mayors.match(head):
            # "Comitato dei Sindaci del distretto socio-sanitario n. 46": the district is part of the name.
            link = re.match(r"[ \t]+(?i:del|della|dello|dell['’])[ \t]*", text[end:])
            district = next((m for m in districts if link and m.span[0] == end + link.end()), None)
            if district:
                end = district.span[1]
        if end == match.end() and not registry_body:
            continue  # "il Comune" alone names no one
        name = _clean(text[match.start() : end])
        of_district = bool(lex.mayors.match(head)) and re.search(r"[^\W\d_]", text[match.end() : end]) is not None
        found.append(_Mention(match.start(), match.start() + len(name), name, kind, of_district))
    for match in re.finditer(r"(?i:\bsindac[oa])[ \t]+(?:del comune[ \t]+)?di[ \t]+", text):
        end = _continuation(text, match.end(), lex)
        if end > match.end():
            found.append(_Mention(match.end(), end, f"Comune di {_clean(text[match.end() : end])}", "comune"))
    found.extend(_bracket_lists(text, lex))
    found.extend(_plural_lists(text, lex))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[_Mention] = []
    for mention in found:
        if out and mention.start < out[-1].end:
            continue
        out.append(mention)
    return out


@cache
def _registry_forms() -> frozenset[str]:
    """Registry spellings, which name a body on their own ("CGIL", "Compagnia di San Paolo")."""
    return frozenset(form.lower() for org in registry() for form in (org.name, *org.acronyms, *org.variants))


def _bracket_lists(text: str, lex: _Lexicon) -> list[_Mention]:
    """Bodies listed in brackets after a plural noun: "12 associazioni (A, B, C)"."""
    out = []
    for match in lex.plural.finditer(text):
        opening = text.find("(", match.end(), match.end() + 80)
        closing = text.find(")", opening)
        if opening < 0 or closing < 0 or re.search(r"[.;:]", text[match.end() : opening]):
            continue
        inner = text[opening + 1 : closing]
        if not inner[:1].isupper():
            continue  # "(che fa capo a …)": a clause, not a list
        kind = lookup(lex.plural_kind, match.group())
        if kind is None:
            continue
        for item in re.finditer(r"[^,]+(?:,(?=\S)[^,]*)*", inner.replace(" e ", ", ")):
            name = _clean(item.group())
            if name:
                start = opening + 1 + inner.find(name)
                out.append(
                    _Mention(start, start + len(name), name, _kind(name, None, lex) if kind == "altro" else kind)
                )
    return out


def _plural_lists(text: str, lex: _Lexicon) -> list[_Mention]:
    """Bodies of one kind coordinated after a plural head: "i Comuni di A, B e C"."""
    out = []
    for match in re.finditer(r"\b(?:[Cc]omuni|COMUNI)[ \t]+(?:di|DI)[ \t]+", text):
        pos = match.end()
        while True:
            end = _continuation(text, pos, lex, and_splits=True)
            if end == pos:
                break
            # The first item's span holds "Comuni di", so the phrase reads as one subject.
            first = pos == match.end()
            out.append(_Mention(match.start() if first else pos, end, f"Comune di {_clean(text[pos:end])}", "comune"))
            sep = re.match(r"[ \t]*(?:,|e|ed)[ \t]+", text[end:])
            if not sep:
                break
            pos = end + sep.end()
    return out


@dataclass
class _Found:
    mention: _Mention
    spans: list[tuple[int, int]] = field(default_factory=list)


def _mask_brackets(text: str) -> str:
    return re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), text)


def _subject(text: str, start: int, verb: int, mentions: list[_Mention], lex: _Lexicon) -> list[_Mention]:
    """The bodies that are the subject of a verb at ``verb``: the first named group before it."""
    region = _mask_brackets(text[start:verb])
    inside = [m for m in mentions if start <= m.start < verb and region[m.start - start] != " "]
    group: list[_Mention] = []
    for m in inside:
        if not group:
            # A subject opens its clause: at most a few words (articles, "I Comuni e") before it.
            clause = re.split(r",|:|\s[-–—]\s", region[: m.start - start])[-1]
            words = [w for w in clause.split() if not re.fullmatch(r"[\d./-]+|\w+['’]", w)]
            heading = m.name.isupper() and re.match(rf"[ \t]*(?:\n|\||[{_UP}]{{2,}}\b)", text[m.end :]) is not None
            governed = _PREPOSITION_BEFORE.search(clause) is not None  # "dell'Ambito …": not a subject
            if len(words) <= _SUBJECT_LEAD and not heading and not governed:
                group.append(m)
            continue
        between = region[group[-1].end - start : m.start - start]
        if lex.with_words.fullmatch(between) or re.fullmatch(r"\s*(?:,|e|ed)?\s*(?:i|gli|le|il|la|l['’])?\s*", between):
            group.append(m)
        else:
            break
    return group


# The letterhead: short heading lines opening a document, before its first
# sentence; the bodies it names issue the document.
_LETTERHEAD_CHARS = 400
_LETTERHEAD_LINE = 100


def _letterhead_end(text: str) -> int:
    """Offset where the heading lines that open the document end."""
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and (
            pos > _LETTERHEAD_CHARS
            or len(stripped) > _LETTERHEAD_LINE
            or (re.search(r"[.;:]$", stripped) and not stripped.isupper())
        ):
            break
        pos += len(line)
    return pos


def _party_mentions(analysis: Analysis, mentions: list[_Mention], lex: _Lexicon) -> list[_Mention]:
    text = analysis.text
    chosen: dict[int, _Mention] = {}
    letterhead = _letterhead_end(text)
    for m in mentions:
        if m.end <= letterhead:
            chosen[m.start] = m
    sentences = list(analysis.sentences)
    for k, (s, e) in enumerate(sentences):
        if k + 1 < len(sentences) and not re.search(r"[.!?;:»”\"]\W*$", text[s:e]):
            e = sentences[k + 1][1]  # a sentence cut by the layout (a page or column break) goes on
        sentence = text[s:e]
        inside = [m for m in mentions if s <= m.start < e]
        if not inside:
            continue
        sign = lex.sign.search(sentence)
        if sign and not _CITED_ACT.search(sentence[: sign.start()]):
            for m in inside:
                chosen[m.start] = m
            # "le firme … in rappresentanza di: A; B; C": items the list names without a head.
            colon = re.search(r"rappresentanza di\s*:", sentence, re.I)
            if colon:
                for item in re.finditer(r"[^;]+", sentence[colon.end() :]):
                    a, b = s + colon.end() + item.start(), s + colon.end() + item.end()
                    name = _clean(text[a:b])
                    if name and not any(a <= m.start < b for m in inside):
                        at = text.find(name, a)
                        chosen[at] = _Mention(at, at + len(name), name, _kind(name, None, lex))
        for verb in lex.subject_verb.finditer(sentence):
            for m in _subject(text, s, s + verb.start(), inside, lex):
                chosen[m.start] = m
        for verb in lex.by.finditer(sentence):
            after = [m for m in inside if m.start >= s + verb.end() and m.start - (s + verb.end()) < 5]
            for m in after[:1]:
                chosen[m.start] = m
        between = re.search(r"\btra\b", sentence)
        if between and lex.agreement.search(sentence[: between.start()]):
            for m in inside:
                if m.start >= s + between.end():
                    chosen[m.start] = m
    for m in mentions:
        if m.district:
            chosen[m.start] = m
    return [
        m
        for m in sorted(chosen.values(), key=lambda m: m.start)
        if not lex.not_party_before.search(text[max(0, m.start - 20) : m.start])
    ]


def _same_party(a: Party, b: _Mention) -> bool:
    if a.kind == "ambito" and b.kind == "ambito":
        x, y = sorted((normalise(a.name), normalise(b.name)), key=len)
        core = re.sub(r"^(?:ambito|distretto)\s+(?:di\s+)?", "", x)
        return f" {core} " in f" {y} "
    return normalise(a.name) == normalise(b.name) or same_organisation(a.name, b.name)


def find_parties(analysis: Analysis) -> list[Party]:
    """Every body that signs, joins or issues the document, one item per body."""
    lex = _lexicon()
    mentions = _party_mentions(analysis, _mentions(analysis, lex), lex)
    parties: list[Party] = []
    for m in mentions:
        party = next((p for p in parties if _same_party(p, m)), None)
        if party is None:
            party = Party.model_validate({"name": m.name, "kind": m.kind})
            parties.append(party)
        party.spans.append((m.start, m.end))
    known: list[Organisation] = []
    # Longest names first, so "CISL MBL" takes the canonical of "CISL Monza Brianza Lecco".
    for party in sorted(parties, key=lambda p: -len(p.name)):
        party.canonical = resolve(party.name, party.kind, known)
        if party.canonical:
            known.append(Organisation(party.canonical, party.kind))
    for party in parties:
        party.spans.sort()
    return sorted(parties, key=lambda p: p.spans[0])
