"""The spaCy pipeline: the installed model when there is one, else blank Italian."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import spacy

from extractor import nlp


@pytest.fixture
def fresh_pipeline() -> Iterator[None]:
    nlp.get_pipeline.cache_clear()
    yield
    nlp.get_pipeline.cache_clear()


def test_falls_back_to_blank_italian_with_lookup_lemmas(fresh_pipeline: None, monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(*args: object, **kwargs: object) -> None:
        raise OSError("[E050] Can't find model 'it_core_news_sm'")

    monkeypatch.setattr(spacy, "load", missing)
    pipeline = nlp.get_pipeline()
    assert pipeline.lang == "it"
    assert pipeline.pipe_names == ["patti_lookup_lemmatizer"]
    analysis = nlp.analyze("Le parti si impegnano a incontrarsi.")
    assert {t.text: t.lemma for t in analysis.tokens}["impegnano"] == "impegnare"


def test_uses_the_installed_model(fresh_pipeline: None, monkeypatch: pytest.MonkeyPatch) -> None:
    loaded: list[str] = []

    def installed(name: str, **kwargs: object) -> spacy.language.Language:
        loaded.append(name)
        model = spacy.blank("it")
        model.add_pipe("lemmatizer", config={"mode": "lookup"})
        model.initialize()
        return model

    monkeypatch.setattr(spacy, "load", installed)
    pipeline = nlp.get_pipeline()
    assert loaded == [nlp.MODEL_NAME]
    # Sentences come from the rule-based splitter whatever the model.
    assert pipeline.pipe_names[0] == "patti_sentences"
    doc = pipeline("Il tavolo si riunisce. Le parti firmano.")
    assert [s.text for s in doc.sents] == ["Il tavolo si riunisce.", "Le parti firmano."]


# Varied Italian: verbs, articles with apostrophes, capitals, numbers, punctuation and words the table lacks.
LEMMA_TEXTS = [
    "Le parti si impegnano a garantire i servizi e saranno promossi tavoli tematici.",
    "Dell'Ambito fanno parte l'Azienda USL, i Comuni e le associazioni dei familiari.",
    "Entro il 15/03/2026 (ore 12.00) le domande dovranno pervenire all'Ufficio di Piano.",
    "SOTTOSCRITTO DA: Comune di Sant'Angelo Lodigiano; CGIL-CISL-UIL; Caritas diocesana.",
    "Qwertyzz fraschettoni erano stati ascoltati, ascoltarono, ascolteranno.",
    "",
]


@pytest.mark.parametrize("text", LEMMA_TEXTS)
def test_lookup_lemmatizer_agrees_with_spacys(fresh_pipeline: None, text: str) -> None:
    """The column-wise lemmatizer gives, token by token, the lemmas of spaCy's own lookup lemmatizer."""
    reference = spacy.blank("it")
    reference.add_pipe("lemmatizer", config={"mode": "lookup"})
    reference.initialize()
    expected = [(t.text, t.lemma_) for t in reference(text)]
    assert [(t.text, t.lemma_) for t in nlp.get_pipeline()(text)] == expected


def test_lookup_lemmatizer_keeps_a_lemma_already_set() -> None:
    """As spaCy's (``overwrite=False``): a lemma set earlier in the pipeline stays."""
    pipeline = spacy.blank("it")
    doc = pipeline.make_doc("Le parti firmano")
    doc[2].lemma_ = "sottoscrivere"
    nlp.LookupLemmatizer({"parti": "parte", "firmano": "firmare"})(doc)
    assert [t.lemma_ for t in doc] == ["Le", "parte", "sottoscrivere"]


@spacy.Language.component("test_fake_parser")
def _fake_parser(doc: spacy.tokens.Doc) -> spacy.tokens.Doc:
    """Marks each sentence's first token as subject of its second, as a parser would label them."""
    for sent in doc.sents:
        if len(sent) > 1:
            sent[0].head, sent[0].dep_ = sent[1], "nsubj"
            sent[1].dep_ = "ROOT"
    return doc


@pytest.fixture
def parsing_model(fresh_pipeline: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """An installed "model" whose only component is the fake parser."""

    def installed(name: str, **kwargs: object) -> spacy.language.Language:
        model = spacy.blank("it")
        model.add_pipe("test_fake_parser")
        return model

    monkeypatch.setattr(spacy, "load", installed)


def test_a_parse_from_the_model_is_offered(parsing_model: None) -> None:
    analysis = nlp.analyze("Il Comune promuove. Le parti firmano.")
    assert analysis.parsed
    by_text = {t.text: t for t in analysis.tokens}
    assert by_text["Il"].dep == "nsubj" and analysis.tokens[by_text["Il"].head].text == "Comune"
    assert by_text["Le"].dep == "nsubj" and analysis.tokens[by_text["Le"].head].text == "parti"


def test_heads_point_across_chunks_and_skip_spaces(parsing_model: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Heads are indexes into the whole token list, whatever chunk and spacing the token came from."""
    monkeypatch.setattr(nlp, "CHUNK_CHARS", 40)
    text = "Il Comune  promuove.\n\nLa Regione\n finanzia.\n\nLe parti firmano."
    analysis = nlp.analyze(text)
    assert all(text[t.start : t.end] == t.text and t.text.strip() for t in analysis.tokens)
    subjects = [(t.text, analysis.tokens[t.head].text) for t in analysis.tokens if t.dep == "nsubj"]
    assert subjects == [("Il", "Comune"), ("La", "Regione"), ("Le", "parti")]


def test_lemmas_and_offsets_of_a_long_text_match_a_short_one() -> None:
    """Reading in chunks changes nothing: the same sentence gives the same lemmas at shifted offsets."""
    sentence = "Le associazioni si impegnano a garantire i servizi.\n\n"
    short = nlp.analyze(sentence)
    long = nlp.analyze(sentence * 5_000)  # past CHUNK_CHARS: several chunks
    per = len(short.tokens)
    assert len(long.tokens) == per * 5_000
    last = long.tokens[-per:]
    shift = len(sentence) * 4_999
    assert [(t.start - shift, t.text, t.lemma) for t in last] == [(t.start, t.text, t.lemma) for t in short.tokens]


def test_blank_pipeline_has_no_parse(fresh_pipeline: None) -> None:
    analysis = nlp.analyze("Il Comune promuove la rete.")
    assert not analysis.parsed
    assert all(t.dep == "" and t.head == -1 for t in analysis.tokens)


def test_long_texts_are_cut_at_paragraphs_with_offsets_kept() -> None:
    paragraph = "Il Comune promuove la rete. " * 200
    text = "\n\n".join([paragraph] * 30)
    chunks = list(nlp._chunks(text, size=10_000))
    assert "".join(chunk for _, chunk in chunks) == text
    assert all(text[start : start + len(chunk)] == chunk for start, chunk in chunks)
    assert all(chunk.endswith("\n\n") for _, chunk in chunks[:-1])


def test_sentence_lookup() -> None:
    analysis = nlp.analyze("Primo punto. Secondo punto.")
    assert analysis.sentence_at(0) == (0, 12)
    assert analysis.sentence_at(15) == (13, 27)
    assert [t.text for t in analysis.tokens_in(13, 27)] == ["Secondo", "punto", "."]


def test_a_text_longer_than_spacys_limit_is_read_to_the_end(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing is cut off: the pipeline refuses texts past ``max_length``, so the text goes in pieces."""
    from extractor.document import Document
    from extractor.pipeline import extract_document

    pipeline = nlp.get_pipeline()
    monkeypatch.setattr(pipeline, "max_length", 30_000)  # spaCy raises past this: only chunks can pass
    monkeypatch.setattr(nlp, "CHUNK_CHARS", 20_000)
    filler = "Il Comune promuove la rete dei servizi sociali del territorio. " * 40
    tail = "Le domande vanno inviate a ufficiopiano@pec.comune.lecco.it entro il 15 marzo 2026."
    text = "\n\n".join([filler] * 60 + [tail])  # about 150,000 characters
    assert len(text) > 5 * pipeline.max_length
    extraction = extract_document(Document(text=text), "lungo.txt")
    contacts = [c for c in extraction.contacts if c.value == "ufficiopiano@pec.comune.lecco.it"]
    assert contacts, "the last paragraph was read"
    start, end = contacts[0].spans[0]
    assert text[start:end] == "ufficiopiano@pec.comune.lecco.it"
    assert [d.date.isoformat() for d in extraction.dates if d.spans[0][0] > len(text) - len(tail)] == ["2026-03-15"]
