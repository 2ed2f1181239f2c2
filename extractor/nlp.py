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
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

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


@cache
def get_pipeline() -> Language:
    """The shared pipeline, built once per process."""
    try:
        # The statistical sentence splitter is replaced by the rule-based one;
        # the parser stays and respects those boundaries.
        nlp = spacy.load(MODEL_NAME, exclude=["senter"])
        log.info("using spaCy model %s", MODEL_NAME)
    except OSError:
        nlp = spacy.blank("it")
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
        log.info("using spacy.blank('it') with the lookup lemmatizer")
    nlp.add_pipe("patti_sentences", first=True)
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
    for (offset, _), doc in zip(pieces, nlp.pipe(chunk for _, chunk in pieces), strict=True):
        parsed = parsed or doc.has_annotation("DEP")
        # Positions of this chunk's kept (non-space) tokens in the whole list.
        index: dict[int, int] = {}
        for tok in doc:
            if not tok.is_space:
                index[tok.i] = len(tokens) + len(index)
        for tok in doc:
            if tok.is_space:
                continue
            start = offset + tok.idx
            head = index.get(tok.head.i, -1) if tok.dep_ else -1
            tokens.append(Token(start, start + len(tok.text), tok.text, tok.lemma_ or tok.text, tok.dep_, head))
    return Analysis(text=text, sentences=tuple(split_sentences(text)), tokens=tuple(tokens), parsed=parsed)
