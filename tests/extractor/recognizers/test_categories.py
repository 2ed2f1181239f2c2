"""Categories: work-area labels mapped onto the taxonomy of EXTRACTION.md."""

from __future__ import annotations

import pytest

from extractor.lexicon import load
from extractor.recognizers.categories import categories_of, categorize
from models.extraction import Category


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Sostegno alla genitorialità e tutela dei minori", "famiglia_minori"),
        ("Area famiglie con figli piccoli", "famiglia_minori"),
        ("Servizi per la prima infanzia", "famiglia_minori"),
        ("Affido familiare", "famiglia_minori"),
        ("Politiche giovanili e protagonismo dei ragazzi", "giovani"),
        ("Spazi di aggregazione per i giovani", "giovani"),
        ("Domiciliarità e sostegno ai caregiver", "anziani_non_autosufficienza"),
        ("Tavolo anziani fragili", "anziani_non_autosufficienza"),
        ("Invecchiamento attivo", "anziani_non_autosufficienza"),
        ("Progetti per il Dopo di Noi", "disabilita"),
        ("Inclusione delle persone con disabilità", "disabilita"),
        ("Percorsi per ragazzi con autismo", "disabilita"),
        ("Contrasto alla povertà estrema", "poverta_esclusione"),
        ("Persone senza dimora", "poverta_esclusione"),
        ("Grave emarginazione adulta", "poverta_esclusione"),
        # The services that answer poverty name it: emergency, food, night shelter.
        ("Servizio di Pronto Intervento Sociale", "poverta_esclusione"),
        ("Sostegno alimentare e beni di prima necessità", "poverta_esclusione"),
        ("Accoglienza notturna e pasti caldi", "poverta_esclusione"),
        ("Apertura di un emporio solidale", "poverta_esclusione"),
        ("Neonati e allattamento", "famiglia_minori"),
        ("Emergenza abitativa e housing sociale", "abitare"),
        ("Politiche per la casa", "abitare"),
        ("Inserimento lavorativo e tirocini", "lavoro_formazione"),
        ("Politiche attive per l'occupazione", "lavoro_formazione"),
        ("Accoglienza dei richiedenti asilo", "immigrazione"),
        ("Integrazione dei cittadini stranieri", "immigrazione"),
        ("Mediazione interculturale", "immigrazione"),
        ("Integrazione sociosanitaria e presa in carico", "salute_sociosanitario"),
        ("Salute mentale", "salute_sociosanitario"),
        ("Prevenzione delle dipendenze e del gioco d'azzardo", "dipendenze"),
        ("Alcol e sostanze", "dipendenze"),
        ("Centri antiviolenza", "violenza_genere_pari_opportunita"),
        ("Pari opportunità tra uomini e donne", "violenza_genere_pari_opportunita"),
        ("Contrasto alla dispersione scolastica", "educazione_istruzione"),
        ("Servizi educativi e istruzione", "educazione_istruzione"),
        ("Volontariato e cittadinanza attiva", "comunita_partecipazione"),
        ("Welfare di comunità e reti di prossimità", "comunita_partecipazione"),
        ("Mutuo aiuto tra famiglie e associazionismo", "comunita_partecipazione"),
        ("Governo del sistema e monitoraggio", "governance"),
        ("Ricomposizione dei fondi e delle risorse", "governance"),
        ("Co-programmazione con il Terzo settore", "governance"),
        ("Cooperazione internazionale", "altro"),
    ],
)
def test_categorize(label: str, expected: str) -> None:
    assert categorize(label) == expected


def test_head_outweighs_explanation() -> None:
    # The name says poverty; its explanation mentions work, housing and families.
    text = "Area Contrasto alla povertà (lavoro, politiche abitative, sostegno alle famiglie)"
    assert categorize(text) == "poverta_esclusione"


def test_ranked_categories() -> None:
    ranked = categories_of("Servizi sociosanitari e non autosufficienza")
    assert ranked[:2] == ["salute_sociosanitario", "anziani_non_autosufficienza"]


@pytest.mark.parametrize("text", ["", "Relazione del presidente", "12345"])
def test_no_category(text: str) -> None:
    assert categorize(text) is None
    assert categories_of(text) == []


def test_lexicon_names_only_known_categories() -> None:
    known = set(Category.__args__)
    assert set(load("categories")) <= known
    for lists in load("categories").values():
        assert set(lists) <= {"strong", "weak"}
