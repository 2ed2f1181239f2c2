"""The learned models: logistic training, the party model and the document-type model, and their shipped files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.data import build_doc_type_model
from extractor.data import build_party_selector as build
from extractor.data.training_corpus import BLIND, DEFAULT_CORPUS, ROOT, training_documents
from extractor.learning import Classifier, Model, load_classifier, load_model, train
from extractor.lexicon import data_text
from extractor.nlp import analyze
from extractor.recognizers.doc_type import DOC_TYPE_MODEL, DOC_TYPES, classify_document, type_features
from extractor.recognizers.parties import PARTY_MODEL, candidates, find_parties


def test_training_separates_what_the_features_separate() -> None:
    rows = [{"bias": 1.0, "signs": 1.0}] * 20 + [{"bias": 1.0, "signs": 0.0}] * 20
    weights = train(rows, [1] * 20 + [0] * 20, l2=0.01)
    fitted = Model(weights, 0.5)
    assert fitted.probability({"bias": 1.0, "signs": 1.0}) > 0.8
    assert fitted.probability({"bias": 1.0, "signs": 0.0}) < 0.2


def test_an_unknown_feature_weighs_nothing_and_huge_values_do_not_overflow() -> None:
    fitted = Model({"bias": 0.0, "x": 1.0}, 0.5)
    assert fitted.probability({"bias": 1.0, "never_seen": 5.0}) == 0.5
    assert fitted.probability({"x": 1e9}) == pytest.approx(1.0)
    assert fitted.probability({"x": -1e9}) == pytest.approx(0.0)


@pytest.mark.parametrize(
    ("names", "gold", "expected"),
    [
        (["Comune di Lodi", "ATS Milano"], ["Comune di Lodi"], [1, 0]),
        (["COMUNE DI LODI"], ["Comune di Lodi"], [1]),
        # one to one: two names for one gold party, the first of the most similar wins
        (["Comune di Lodi", "Comune di Lodi (LO)"], ["Comune di Lodi"], [1, 0]),
        (["Provincia di Lodi", "Comune di Lodi"], ["Comune di Lodi"], [0, 1]),
        (["Fondazione Cariplo"], ["Caritas Ambrosiana"], [0]),
    ],
)
def test_labels_follow_the_scorers_matching(names: list[str], gold: list[str], expected: list[int]) -> None:
    assert build.labels(names, gold) == expected


def test_candidates_carry_their_names_kinds_and_features() -> None:
    text = (
        "PROTOCOLLO D'INTESA\n\nTRA il Comune di Lodi e la Cooperativa Sociale Il Mosaico\n\n"
        "Premesso che la Regione Lombardia ha approvato il piano con DGR n. 1/2020."
    )
    found = {c.name: c for c in candidates(analyze(text), "intesa")}
    assert {"Comune di Lodi", "Regione Lombardia"} <= set(found)
    lodi = found["Comune di Lodi"]
    assert lodi.kind == "comune" and lodi.features["type=intesa"] == 1.0 and lodi.features["bias"] == 1.0
    assert lodi.features["tra_before"] == 1.0 and found["Regione Lombardia"].features["tra_before"] == 0.0


def test_the_model_adds_no_party_twice() -> None:
    text = "Il Comune di Lodi e il Comune di Lodi firmano il patto con la Caritas di Lodi."
    names = [p.name for p in find_parties(analyze(text))]
    assert len(names) == len(set(names))


def test_the_shipped_model_is_well_formed() -> None:
    shipped = json.loads(data_text(PARTY_MODEL))
    assert 0.0 < shipped["threshold"] < 1.0
    assert shipped["training"]["documents"] >= 20
    assert set(load_model(PARTY_MODEL).weights) == set(shipped["weights"])


@pytest.mark.skipif(not DEFAULT_CORPUS.is_dir(), reason=f"the shared corpus is not at {DEFAULT_CORPUS}")
def test_the_shipped_model_is_what_training_produces() -> None:
    # Training is deterministic: the file must come from the current candidates and corpus (make train).
    rebuilt = json.loads(build.build(DEFAULT_CORPUS))
    shipped = json.loads(data_text(PARTY_MODEL))
    assert rebuilt["training"] == shipped["training"]
    assert rebuilt["weights"].keys() == shipped["weights"].keys()
    for name, weight in rebuilt["weights"].items():
        assert weight == pytest.approx(shipped["weights"][name], abs=1e-4), name


@pytest.mark.skipif(not DEFAULT_CORPUS.is_dir(), reason=f"the shared corpus is not at {DEFAULT_CORPUS}")
def test_the_blind_fold_is_never_trained_on() -> None:
    blind = set(BLIND.read_text(encoding="utf-8").split())
    trained = {p.name.removesuffix(".gold.json") for p in training_documents(DEFAULT_CORPUS)}
    assert len(blind) == 20 and not trained & blind


@pytest.mark.skipif(not DEFAULT_CORPUS.is_dir(), reason=f"the shared corpus is not at {DEFAULT_CORPUS}")
def test_the_synthetic_documents_are_never_trained_on() -> None:
    trained = set(training_documents(DEFAULT_CORPUS))
    synthetic = set((ROOT / "corpus" / "synthetic").rglob("*.gold.json"))
    assert synthetic and trained and not synthetic & trained


_TEXTS = [
    "Il Comune di Lodi ospita la mostra sulla storia della città.",
    "AVVISO PUBBLICO\nL'Azienda Speciale Consortile Servizi alla Persona cerca enti per i centri estivi.",
    "Hanno firmato il Comune di Crema, la CGIL di Cremona e la Caritas diocesana; la Regione Lombardia finanzia.",
    "La Cooperativa Sociale Il Sentiero gestirà lo sportello, con la Fondazione Comunitaria della Provincia.",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_the_model_only_adds_to_the_rules(text: str) -> None:
    analysis = analyze(text)
    by_rules = [p.name for p in find_parties(analysis, learned=False)]
    learned = [p.name for p in find_parties(analysis)]
    assert set(by_rules) <= set(learned)
    if len(by_rules) >= 2:  # the rules found the parties: the model is not asked
        assert learned == by_rules


def test_where_the_rules_find_nothing_the_model_picks_among_the_bodies_named() -> None:
    analysis = analyze(_TEXTS[0])
    assert find_parties(analysis, learned=False) == []
    (candidate,) = candidates(analysis, "altro")
    chosen = load_model(PARTY_MODEL).probability(candidate.features) >= load_model(PARTY_MODEL).threshold
    assert [p.name for p in find_parties(analysis, "altro")] == (["Comune di Lodi"] if chosen else [])


def test_a_classifier_picks_the_likeliest_class_with_its_share() -> None:
    classifier = Classifier({"a": Model({"x": 2.0}), "b": Model({"x": -2.0})})
    assert classifier.best({"x": 1.0})[0] == "a" and classifier.best({"x": -1.0})[0] == "b"
    assert classifier.best({"x": 0.0}) == ("a", 0.5)  # a tie goes to the first class by name


def test_the_shipped_document_type_model_knows_every_type() -> None:
    assert set(load_classifier(DOC_TYPE_MODEL).models) == set(DOC_TYPES)
    assert json.loads(data_text(DOC_TYPE_MODEL))["training"]["documents"] >= 20


@pytest.mark.parametrize(
    ("text", "doc_type"),
    [
        (
            "AVVISO PUBBLICO PER LA MANIFESTAZIONE DI INTERESSE\nGli enti possono presentare domanda entro il 3 marzo.",
            "avviso",
        ),
        (
            "PROTOCOLLO D'INTESA\ntra il Comune di Lodi e la Caritas diocesana\nLe parti convengono quanto segue.",
            "intesa",
        ),
        ("ACCORDO DI PROGRAMMA per l'adozione del Piano di Zona 2024-2026\nTra i Comuni dell'Ambito.", "accordo"),
        ("Il mercato coperto riapre sabato con nuovi orari.", "altro"),
    ],
)
def test_document_types_from_the_model(text: str, doc_type: str) -> None:
    assert classify_document(analyze(text))[0] == doc_type


def test_type_features_read_the_cues_of_the_whole_text_and_of_the_title() -> None:
    features = type_features("AVVISO PUBBLICO\nIl protocollo d'intesa firmato ieri.")
    assert features["title=avviso"] > 0 and features["title=intesa"] == 0
    assert features["score=intesa"] > 0 and 0 < features["share=avviso"] < 1


def test_without_annotated_documents_there_is_nothing_to_train_on(tmp_path: Path) -> None:
    assert training_documents(tmp_path) == []


@pytest.mark.skipif(not DEFAULT_CORPUS.is_dir(), reason=f"the shared corpus is not at {DEFAULT_CORPUS}")
def test_the_shipped_document_type_model_is_what_training_produces() -> None:
    rebuilt = json.loads(build_doc_type_model.build(DEFAULT_CORPUS))
    shipped = json.loads(data_text(DOC_TYPE_MODEL))
    assert rebuilt["training"] == shipped["training"]
    for name, model in rebuilt["classes"].items():
        for feature, weight in model["weights"].items():
            assert weight == pytest.approx(shipped["classes"][name]["weights"][feature], abs=1e-4), (name, feature)


@pytest.mark.parametrize("main", [build.main, build_doc_type_model.main])
def test_training_without_annotated_documents_stops_with_a_clear_error(
    main: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "model.json"
    with pytest.raises(SystemExit) as stopped:
        main(["--corpus", str(tmp_path / "nowhere"), "--out", str(out)])  # type: ignore[operator]
    assert stopped.value.code == 2 and "no annotated documents" in capsys.readouterr().err
    assert not out.exists()  # the shipped model is left as it was


@pytest.mark.parametrize(
    ("text", "not_parties"),
    [
        (
            "Il Comune di Spoleto, in qualità di capofila della Zona Sociale n. 9, ha pubblicato il bando; "
            "possono partecipare i residenti nei comuni della Zona Sociale n. 9.",
            ["Zona Sociale n. 9"],
        ),
        (
            "Il Comune di Lanciano, Ente capofila dell'Ambito Distrettuale Sociale n. 10, apre lo sportello.",
            ["Ambito Distrettuale Sociale n. 10"],
        ),
        ("Il Centro Famiglie apre presso la sede della Provincia di Rieti il nuovo sportello.", ["Provincia di Rieti"]),
        # Named only where an act is cited by number: cited with the act.
        (
            "PREMESSO CHE\n- con D.G.R. n. 512 del 28/07/2023 la Regione Basilicata ha approvato le linee guida;\n"
            "- l'Ambito ha avviato la programmazione.",
            ["Regione Basilicata"],
        ),
    ],
)
def test_the_model_takes_no_body_named_as_a_place_as_led_or_with_a_cited_act(text: str, not_parties: list[str]) -> None:
    names = [p.name for p in find_parties(analyze(text), "avviso")]
    assert not set(not_parties) & set(names), names
