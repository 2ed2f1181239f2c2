"""Work areas: enumerations of areas, axes, tables and themes of work."""

from __future__ import annotations

import pytest

from extractor.nlp import analyze
from extractor.recognizers.work_areas import find_work_areas


def areas(text: str) -> list[tuple[str, str]]:
    return [(a.label, a.category) for a in find_work_areas(analyze(text))]


def labels(text: str) -> list[str]:
    return [a.label for a in find_work_areas(analyze(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Bulleted list after an introduction naming tables.
        (
            "Il Distretto attiverà i seguenti tavoli tematici:\n"
            "- Tavolo minori e famiglie\n- Tavolo anziani\n- Tavolo povertà e inclusione\n",
            [
                ("Tavolo minori e famiglie", "famiglia_minori"),
                ("Tavolo anziani", "anziani_non_autosufficienza"),
                ("Tavolo povertà e inclusione", "poverta_esclusione"),
            ],
        ),
        # Numbered list of axes, items with explanations after ":".
        (
            "Per il triennio sono individuati i seguenti assi strategici:\n"
            "1. Abitare: sostegno all'affitto e housing sociale.\n"
            "2. Lavoro e formazione: tirocini e orientamento.\n"
            "3. Salute mentale: presa in carico integrata.\n",
            [
                ("Abitare", "abitare"),
                ("Lavoro e formazione", "lavoro_formazione"),
                ("Salute mentale", "salute_sociosanitario"),
            ],
        ),
        # Lettered list of quoted names.
        (
            "Le aree tematiche del percorso sono:\n"
            "a) “Famiglie e genitorialità”\nb) “Dipendenze e nuove fragilità”\nc) “Pari opportunità”\n",
            [
                ("Famiglie e genitorialità", "famiglia_minori"),
                ("Dipendenze e nuove fragilità", "dipendenze"),
                ("Pari opportunità", "violenza_genere_pari_opportunita"),
            ],
        ),
        # Headed items: the name before the explanation in brackets.
        (
            "Saranno costituiti tre Tavoli d'area, come di seguito indicato:\n"
            "- Area Inclusione sociale (reddito, casa, lavoro);\n"
            "- Area Anziani (domiciliarità, caregiver);\n"
            "- Area Disabilità (autonomia, Dopo di Noi).\n",
            [
                ("Area Inclusione sociale", "poverta_esclusione"),
                ("Area Anziani", "anziani_non_autosufficienza"),
                ("Area Disabilità", "disabilita"),
            ],
        ),
        # Items separated by semicolons in one sentence.
        (
            "Sono sei le aree di lavoro del Piano: politiche per la casa; politiche giovanili; "
            "contrasto alla povertà; servizi educativi; salute mentale; governance del sistema.",
            [
                ("politiche per la casa", "abitare"),
                ("politiche giovanili", "giovani"),
                ("contrasto alla povertà", "poverta_esclusione"),
                ("servizi educativi", "educazione_istruzione"),
                ("salute mentale", "salute_sociosanitario"),
                ("governance del sistema", "governance"),
            ],
        ),
        # Comma list after "in N aree di intervento:", with a parenthesis and a final "e".
        (
            "Il Piano è articolato in sei aree di intervento: minori (affido, comunità educative), "
            "anziani, disabilità, dipendenze, immigrazione e salute mentale.",
            [
                ("minori", "famiglia_minori"),
                ("anziani", "anziani_non_autosufficienza"),
                ("disabilità", "disabilita"),
                ("dipendenze", "dipendenze"),
                ("immigrazione", "immigrazione"),
                ("salute mentale", "salute_sociosanitario"),
            ],
        ),
        # Themes listed after a commitment, with no head word.
        (
            "Le parti si confronteranno sui seguenti temi trasversali:\n"
            "- Ricomposizione dei fondi che arrivano sul territorio. Serve attenzione.\n"
            "- Co-progettazione: uno spazio di confronto stabile.\n",
            [("Ricomposizione dei fondi", "governance"), ("Co-progettazione", "governance")],
        ),
    ],
)
def test_enumerations(text: str, expected: list[tuple[str, str]]) -> None:
    assert areas(text) == expected


def test_headed_items_without_introduction() -> None:
    text = (
        "Premessa.\n\n"
        "- Politiche per gli anziani: occorre rafforzare l'assistenza domiciliare.\n"
        "- Politiche per la disabilità: si rende necessario sostenere la vita indipendente.\n"
    )
    assert labels(text) == ["Politiche per gli anziani", "Politiche per la disabilità"]


def test_nested_objectives_are_not_areas() -> None:
    text = (
        "Vengono individuati i seguenti assi:\n"
        "- Politiche per il lavoro: gli obiettivi condivisi sono:\n"
        "  1. La definizione di percorsi di inserimento lavorativo.\n"
        "  2. Il sostegno ai disoccupati.\n"
        "- Politiche per la casa: ampliare l'offerta di alloggi.\n"
    )
    assert labels(text) == ["Politiche per il lavoro", "Politiche per la casa"]


def test_list_item_wrapped_across_lines() -> None:
    text = (
        "Gli ambiti tematici individuati sono:\n"
        "• Contrasto alla violenza di\n  genere e sostegno alle donne\n"
        "• Integrazione dei cittadini stranieri\n"
    )
    assert areas(text) == [
        ("Contrasto alla violenza di genere e sostegno alle donne", "violenza_genere_pari_opportunita"),
        ("Integrazione dei cittadini stranieri", "immigrazione"),
    ]


def test_policies_with_elided_head() -> None:
    text = (
        "L'accordo punta a orientare le risorse verso le politiche della casa, delle politiche per il lavoro, "
        "dell'infanzia, giovanili, rivolte agli anziani e quindi della lotta all'esclusione."
    )
    assert labels(text) == [
        "politiche della casa",
        "politiche per il lavoro",
        "politiche dell'infanzia",
        "politiche giovanili",
        "politiche rivolte agli anziani",
        "lotta all'esclusione",
    ]


def test_partial_list_keeps_only_headed_items() -> None:
    text = (
        "Avviati nuovi tavoli di lavoro tra cui:\n"
        "• Tavolo sulla salute mentale\n• Osservatorio Giovani\n• Tavolo sulle dipendenze\n"
    )
    assert labels(text) == ["Tavolo sulla salute mentale", "Tavolo sulle dipendenze"]


def test_report_section_headings() -> None:
    text = (
        "Politiche per la famiglia\nGLI IMPEGNI\nSaranno potenziati i servizi.\n\n"
        "Politiche del lavoro e della formazione\nGLI IMPEGNI\nSarà aperto uno sportello.\n"
    )
    assert areas(text) == [
        ("Politiche per la famiglia", "famiglia_minori"),
        ("Politiche del lavoro e della formazione", "lavoro_formazione"),
    ]


def test_capital_section_titles_of_a_report() -> None:
    text = "INDICE 3 AREA FAMIGLIE 4 AREA ANZIANI 12 AZIONI DI SISTEMA 20 ALLEGATI 25"
    assert areas(text) == [
        ("AREA FAMIGLIE", "famiglia_minori"),
        ("AREA ANZIANI", "anziani_non_autosufficienza"),
        ("AZIONI DI SISTEMA", "governance"),
    ]


def test_area_mentions_named_repeatedly() -> None:
    text = "Relatori: Anna Rossi (referente area minori e famiglie) e Luca Bianchi (referente area disabili)."
    assert labels(text) == ["area minori e famiglie", "area disabili"]


def test_single_area_mention_is_not_an_enumeration() -> None:
    assert labels("Il servizio ha unito l'area anziani per gestire meglio le risorse.") == []


def test_quoted_theme_and_axis() -> None:
    text = (
        "Il laboratorio raccoglie proposte in tema di “salute mentale e benessere”. "
        "Un altro asse portante sarà il sostegno ai caregiver attraverso nuovi servizi."
    )
    assert areas(text) == [
        ("salute mentale e benessere", "salute_sociosanitario"),
        ("sostegno ai caregiver", "anziani_non_autosufficienza"),
    ]


def test_spans_point_at_the_label() -> None:
    text = "Le aree di intervento sono:\n- Area Giovani (orientamento)\n- Area Anziani\n"
    for area in find_work_areas(analyze(text)):
        start, end = area.spans[0]
        assert text[start:end] == area.label


@pytest.mark.parametrize(
    "text",
    [
        # Signatories.
        "Il protocollo è firmato da: Comune di Lodi; CGIL Lodi; CISL; Caritas; Forum del Terzo Settore.",
        # Articles of a regulation.
        "Si approva il seguente regolamento:\n- Articolo 1: Finalità\n- Articolo 2: Sede\n- Articolo 3: Tavoli\n",
        # Agenda of a meeting.
        "Il programma:\n- Ore 16 - Saluti\n- Ore 17 - Tavola rotonda sulle politiche sociali\n",
        # A list of objectives.
        "Gli obiettivi del tavolo sono:\n- ridurre le liste d'attesa\n- aumentare i posti nei nidi\n",
        # Tools, even when they are tables.
        "La Rete si avvale dei seguenti strumenti:\n1. Tavolo dei sindaci, per programmare.\n2. Carta famiglia.\n",
        # Objectives of a plan in running text, not policies.
        "Sostegno ai minori, donne vittime di violenza, anziani e disabili, lotta alla povertà "
        "sono tra gli obiettivi del piano.",
        # Plain prose.
        "Il Comune ha approvato il bilancio e ha ringraziato i volontari per il lavoro svolto.",
    ],
)
def test_not_work_areas(text: str) -> None:
    assert labels(text) == []
