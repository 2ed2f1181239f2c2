"""The Italian spaCy pipeline and the per-document analysis recognizers read.

``it_core_news_sm`` is used when installed (``python -m spacy download
it_core_news_sm``); otherwise ``spacy.blank("it")`` with the lookup
lemmatizer from ``spacy-lookups-data``. Recognizers must work on both:
they rely on tokens, lemmas and the rule-based sentences of
``extractor.sentences``. The model's dependency parse, when there is one,
is offered as ``Token.dep``/``Token.head`` to sharpen a rule, never to
replace it (``Analysis.parsed`` tells whether it is there).
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property

import numpy
import spacy
from spacy.attrs import DEP, HEAD, IDX, IS_SPACE, LEMMA, LENGTH, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from extractor.lexicon import italian_lemmas
from extractor.sentences import split_sentences

log = logging.getLogger(__name__)

MODEL_NAME = "it_core_news_sm"
# spaCy's memory grows with the text it parses at once; longer texts are
# cut at paragraph or line breaks and the offsets shifted back.
CHUNK_CHARS = 100_000


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    lemma: str
    dep: str = ""  # dependency label from the model's parser, "" without one
    head: int = -1  # index in ``Analysis.tokens`` of the syntactic head, -1 without a parse


@dataclass(frozen=True)
class Analysis:
    """A document's text with its sentences and tokens, offsets into ``text``."""

    text: str
    sentences: tuple[tuple[int, int], ...]
    tokens: tuple[Token, ...]
    parsed: bool = False

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence span holding ``offset`` (the whole text if none does)."""
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and self.sentences[i][0] <= offset < max(self.sentences[i][1], offset + 1):
            return self.sentences[i]
        return (0, len(self.text))

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """The tokens that start inside ``[start, end)``."""
        i = bisect_right(self._token_starts, start - 1)
        out = []
        while i < len(self.tokens) and self.tokens[i].start < end:
            out.append(self.tokens[i])
            i += 1
        return out


@Language.component("patti_sentences")
def set_sentence_starts(doc: Doc) -> Doc:
    """Apply the rule-based sentence boundaries to a spaCy Doc."""
    starts = {start for start, _ in split_sentences(doc.text)}
    # One array write: setting Token.is_sent_start checks the whole Doc each time, quadratic on long texts.
    flags = numpy.array([[1 if token.i == 0 or token.idx in starts else -1] for token in doc], dtype="int64")
    if len(doc):
        doc.from_array([SENT_START], flags.view("uint64"))  # type: ignore[arg-type]  # -1 ("not a start") as uint64
    return doc


class LookupLemmatizer:
    """spaCy's lookup lemmatizer (``mode="lookup"``), each distinct word of a Doc looked up once.

    The same table (``spacy-lookups-data``'s ``it_lemma_lookup``) and the same rule: a token without a
    lemma gets its form's entry, or its own text. spaCy's component builds a ``Token`` object per
    word, which cost more than tokenising the text; this one reads and writes the Doc's columns.
    """

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        columns = doc.to_array([ORTH, LEMMA])
        missing = columns[:, 1] == 0
        forms, inverse = numpy.unique(columns[missing, 0], return_inverse=True)
        strings = doc.vocab.strings
        lemmas = [strings.add(self.table.get(form, form)) for form in (strings[h] for h in forms.tolist())]
        columns[missing, 1] = numpy.array(lemmas, dtype="uint64")[inverse]
        doc.from_array([LEMMA], columns[:, 1:])  # type: ignore[arg-type]  # uint64 hashes, as spaCy stores them
        return doc


@Language.factory("patti_lookup_lemmatizer")
def make_lookup_lemmatizer(nlp: Language, name: str) -> LookupLemmatizer:
    """The lookup lemmatizer over spaCy's Italian table (empty without ``spacy-lookups-data``)."""
    return LookupLemmatizer(italian_lemmas())


@cache
def get_pipeline() -> Language:
    """The shared pipeline, built once per process."""
    try:
        # The statistical sentence splitter is replaced by the rule-based one;
        # the parser stays and respects those boundaries.
        nlp = spacy.load(MODEL_NAME, exclude=["senter"])
        nlp.add_pipe("patti_sentences", first=True)
        log.info("using spaCy model %s", MODEL_NAME)
    except OSError:
        # Nothing in the blank pipeline reads sentence starts: ``analyze`` splits sentences itself.
        nlp = spacy.blank("it")
        nlp.add_pipe("patti_lookup_lemmatizer")
        log.info("using spacy.blank('it') with the lookup lemmatizer")
    return nlp


def pipeline_name() -> str:
    nlp = get_pipeline()
    return f"{nlp.meta.get('lang', 'it')}_{nlp.meta.get('name', 'blank')}"


def _chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            for sep in ("\n\n", "\n", " "):
                cut = text.rfind(sep, start + size // 2, end)
                if cut > start:
                    end = cut + len(sep)
                    break
        yield start, text[start:end]
        start = end


def analyze(text: str) -> Analysis:
    """Tokenise and lemmatise ``text`` and split it into sentences."""
    nlp = get_pipeline()
    tokens: list[Token] = []
    parsed = False
    pieces = list(_chunks(text, CHUNK_CHARS))
    for (offset, chunk), doc in zip(pieces, nlp.pipe(chunk for _, chunk in pieces), strict=True):
        parsed = parsed or doc.has_annotation("DEP")
        tokens.extend(_kept_tokens(doc, chunk, offset, len(tokens)))
    return Analysis(text=text, sentences=tuple(split_sentences(text)), tokens=tuple(tokens), parsed=parsed)


def _kept_tokens(doc: Doc, chunk: str, offset: int, first: int) -> list[Token]:
    """The non-space tokens of one chunk's Doc, ``first`` being the index of its first one overall.

    Read column by column from ``Doc.to_array``: a spaCy ``Token`` object,
    or a Python loop body, per word costs more than the tokenizer itself.
    """
    array = doc.to_array([IDX, LENGTH, IS_SPACE, LEMMA, HEAD, DEP])
    kept = array[:, 2] == 0
    starts = array[kept, 0].tolist()
    ends = (array[kept, 0] + array[kept, 1]).tolist()
    words = [chunk[a:b] for a, b in zip(starts, ends, strict=True)]
    lemmas = [lemma or word for lemma, word in zip(_names(doc, array[kept, 3]), words, strict=True)]
    if doc.has_annotation("DEP"):
        deps = _names(doc, array[kept, 5])
        # HEAD is a signed offset stored as uint64; kept tokens are renumbered from ``first``.
        position = numpy.where(kept, numpy.cumsum(kept) - 1 + first, -1)
        heads_at = numpy.arange(len(array)) + array[:, 4].view("int64")
        heads = [p if d else -1 for p, d in zip(position[heads_at[kept]].tolist(), deps, strict=True)]
    else:
        deps = [""] * len(words)
        heads = [-1] * len(words)
    shift = [offset] * len(words)
    return list(map(Token, map(int.__add__, starts, shift), map(int.__add__, ends, shift), words, lemmas, deps, heads))


def _names(doc: Doc, hashes: numpy.ndarray) -> list[str]:
    """The strings behind a column of string-store hashes, each distinct one looked up once."""
    distinct, inverse = numpy.unique(hashes, return_inverse=True)
    names = [doc.vocab.strings[h] if h else "" for h in distinct.tolist()]
    return [names[i] for i in inverse.tolist()]
