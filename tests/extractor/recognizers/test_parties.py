"""Parties: bodies that sign, join or issue the document."""

from __future__ import annotations

import pytest

from extractor.nlp import analyze
from extractor.recognizers.parties import find_parties


def parties(text: str) -> list[tuple[str, str]]:
    return [(p.name, p.kind) for p in find_parties(analyze(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le firme apposte in rappresentanza di: Provincia di Lecco; ASST Lariana; Caritas Decanato Centro; "
            "Fondazione Comunitaria del Lecchese; Consorzio Consolida; Cooperativa Sociale L'Arcobaleno.",
            [
                ("Provincia di Lecco", "provincia"),
                ("ASST Lariana", "ats_asst"),
                ("Caritas Decanato Centro", "terzo_settore"),
                ("Fondazione Comunitaria del Lecchese", "fondazione"),
                ("Consorzio Consolida", "consorzio"),
                ("Cooperativa Sociale L'Arcobaleno", "terzo_settore"),
            ],
        ),
        (
            "Il Comune di Nola, ente capofila dell'Ambito N23, ha pubblicato l'avviso.",
            [("Comune di Nola", "comune")],
        ),
        (
            (
                "L'Assemblea dei Sindaci del Distretto 6, comprendente i comuni di "
                "Melzo e Pioltello, ha deliberato il piano."
            ),
            [("Assemblea dei Sindaci del Distretto 6", "ambito")],
        ),
        (
            "La Regione Umbria in collaborazione con Anci Umbria e Forum Terzo Settore ha pubblicato il bando.",
            [("Regione Umbria", "regione"), ("Anci Umbria", "altro"), ("Forum Terzo Settore", "terzo_settore")],
        ),
        (
            (
                "Siglato il protocollo d'intesa tra il Comune di Foligno e 3 "
                "associazioni di volontariato (Avis, Auser, Il Ponte)."
            ),
            [
                ("Comune di Foligno", "comune"),
                ("Avis", "terzo_settore"),
                ("Auser", "terzo_settore"),
                ("Il Ponte", "terzo_settore"),
            ],
        ),
        (
            (
                "Il protocollo è stato sottoscritto da Csv Bari e dalla Fondazione "
                "Puglia presso la sede della Provincia di Bari."
            ),
            [("Csv Bari", "terzo_settore"), ("Fondazione Puglia", "fondazione")],
        ),
    ],
)
def test_parties_and_kinds(text: str, expected: list[tuple[str, str]]) -> None:
    assert parties(text) == expected


def test_unions_listed_after_plural_expand() -> None:
    text = "Accordo tra l'Ambito di Rho e le organizzazioni sindacali CGIL CISL UIL SPI FNP UILP del 3 marzo 2022"
    assert [n for n, _ in parties(text)] == ["Ambito di Rho", "CGIL", "CISL", "UIL", "SPI", "FNP", "UILP"]


def test_coordinated_ambiti_expand() -> None:
    text = "Hanno firmato i Comuni degli Ambiti di Lecco, Bellano e Merate."
    assert parties(text) == [
        ("Ambito di Lecco", "ambito"),
        ("Ambito di Bellano", "ambito"),
        ("Ambito di Merate", "ambito"),
    ]


def test_coordinated_comuni_expand() -> None:
    text = "I Comuni di Arona, Meina e Lesa si impegnano a realizzare il programma."
    assert [n for n, _ in parties(text)] == ["Comune di Arona", "Comune di Meina", "Comune di Lesa"]


def test_signers_with_names_and_roles() -> None:
    text = (
        "A firmare sono stati il sindaco di Bagheria e i segretari Cgil "
        "Palermo Anna Russo e Cisl Palermo Trapani Luca Verdi."
    )
    assert [n for n, _ in parties(text)] == ["Comune di Bagheria", "Cgil Palermo", "Cisl Palermo Trapani"]


@pytest.mark.parametrize(
    "text",
    [
        "Nel protocollo Patto per il lavoro, sottoscritto nel 2020 da Anci Veneto e CGIL Veneto, si prevede altro.",
        "Il Comune di Lodi ospita la mostra sulla storia della città.",
        "La legge regionale affida alla Regione Lombardia la programmazione.",
        "I Comuni e le associazioni sono invitati a partecipare.",
    ],
)
def test_cited_bodies_are_not_parties(text: str) -> None:
    assert parties(text) == []


def test_one_party_per_body_with_canonical() -> None:
    text = (
        "L'accordo è firmato da CISL Monza Brianza Lecco e da Centro Servizi per il Volontariato di Como. "
        "La CISL MBL e il CSV Como si impegnano a promuovere i tavoli."
    )
    found = find_parties(analyze(text))
    assert [(p.canonical, len(p.spans)) for p in found] == [("CISL Monza Brianza Lecco", 2), ("CSV Como", 2)]


def test_signature_line() -> None:
    text = "f.to Il Dirigente del Settore Servizi sociali - comune di Rho"
    assert parties(text) == [("Comune di Rho", "comune")]


def test_sentence_cut_by_the_layout_goes_on() -> None:
    text = "A firmare per il distretto è stato il sindaco di Termini\n\nper i sindacati Cgil Palermo e Uil Sicilia."
    assert [n for n, _ in parties(text)] == ["Comune di Termini", "Cgil Palermo", "Uil Sicilia"]


def test_heading_and_governed_bodies_are_not_subjects() -> None:
    text = (
        "REGOLAMENTO DEL DISTRETTO SOCIO-SANITARIO N. 12 DI ENNA In attuazione della legge, "
        "i Comuni di Enna e Leonforte, sentito il parere dell'ASP di Enna, approvano il regolamento."
    )
    assert [n for n, _ in parties(text)] == ["Comune di Enna", "Comune di Leonforte"]


def test_council_of_mayors_of_a_district_issues() -> None:
    text = "Il territorio della Conferenza dei Sindaci dell'Azienda ULSS 7 conta 40 Comuni."
    assert parties(text) == [("Conferenza dei Sindaci dell'Azienda ULSS 7", "ambito")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "COMUNE DI BRESCIA\nSettore Servizi Sociali\n\nAVVISO PUBBLICO\n\n"
            "Si rende noto che sono aperte le iscrizioni.",
            [("COMUNE DI BRESCIA", "comune")],
        ),
        (
            "Azienda Speciale Consortile Servizi alla Persona\n\nBANDO CONTRIBUTI AFFITTO 2024\n\n"
            "Possono partecipare i nuclei.",
            [("Azienda Speciale Consortile Servizi alla Persona", "azienda_speciale")],
        ),
    ],
)
def test_letterhead_bodies_issue_the_document(text: str, expected: list[tuple[str, str]]) -> None:
    assert parties(text) == expected


def test_bodies_after_the_opening_sentence_are_not_letterhead() -> None:
    text = "Il bando è stato presentato ieri.\nComune di Brescia\nCaritas diocesana"
    assert parties(text) == []
