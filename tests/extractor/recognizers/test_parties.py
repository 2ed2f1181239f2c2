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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A colon list after a joining phrase; bare towns are comuni, province codes dropped.
        (
            "La convenzione è stata sottoscritta da tre enti: Lecco (LC), Oggiono (LC) e Valmadrera.",
            ["Comune di Lecco", "Comune di Oggiono", "Comune di Valmadrera"],
        ),
        # Items with their own head keep it; the list ends at the full stop.
        (
            "I partner promotori del progetto sono: il Comune di Forlì, l'Ufficio Diocesano per la famiglia "
            "e la Fondazione Alfa. Il Comune di Cesena ospita la mostra.",
            ["Comune di Forlì", "Ufficio Diocesano per la famiglia", "Fondazione Alfa"],
        ),
        # A plural head gives its kind to the names after it.
        (
            "Al patto hanno aderito: i comuni di Ascoli Piceno e Folignano, le associazioni Aurora e Gabbiano.",
            ["Comune di Ascoli Piceno", "Comune di Folignano", "Aurora", "Gabbiano"],
        ),
        # A heading over a bulleted list; the list ends at the first line without a bullet.
        (
            "Enti aderenti\n\n• Castel Goffredo\n• Asola\n• Casalmoro\n\nInformazioni utili\nUltima modifica",
            ["Comune di Castel Goffredo", "Comune di Asola", "Comune di Casalmoro"],
        ),
        # Lines of comma lists under upper-case sub-headings; a clause ends the list.
        (
            "Il piano è firmato dai seguenti comuni sottoscrittori:\nVALLE ALTA\nClusone, Rovetta.\n"
            "VALLE BASSA\nGorno, Oneta.\nLa Conferenza ha nominato il presidente.",
            ["Comune di Clusone", "Comune di Rovetta", "Comune di Gorno", "Comune di Oneta"],
        ),
        # A joining participle running straight into towns of the registry.
        (
            "La rete vede coinvolti Marsala, Mazara del Vallo e Petrosino, con il sostegno della Regione.",
            ["Comune di Marsala", "Comune di Mazara del Vallo", "Comune di Petrosino"],
        ),
    ],
)
def test_joining_lists(text: str, expected: list[str]) -> None:
    assert [n for n, _ in parties(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The leading body beside "capofila", whichever side it stands.
        ("Il progetto, con capofila il Comune di Jesi, parte a maggio.", [("Comune di Jesi", "comune")]),
        ("Approvato il piano dell'Ambito 9, con Comune capofila Fabriano.", [("Comune di Fabriano", "comune")]),
        ("Nel 2019 il Comune di Osimo è stato scelto quale Ente capofila.", [("Comune di Osimo", "comune")]),
        # The recipient of a notice's applications issues it, with its district in apposition.
        (
            "Le domande dovranno pervenire esclusivamente al Comune di Iglesias – Ambito Plus Iglesias entro maggio.",
            [("Comune di Iglesias", "comune"), ("Ambito Plus Iglesias", "ambito")],
        ),
        # Upper-case TRA of an agreement's heading.
        (
            "ACCORDO DI PROGRAMMA TRA il Comune di Rovato (BS), il Comune di Chiari (BS) E la Fondazione Bresciana",
            [("Comune di Rovato", "comune"), ("Comune di Chiari", "comune"), ("Fondazione Bresciana", "fondazione")],
        ),
        # Signature lines opened by the signatory's role.
        (
            "Letto e approvato.\n\nIL SINDACO DEL COMUNE DI OSIO SOTTO\nMario Bianchi\n\n"
            "IL DIRETTORE GENERALE DELL'AZIENDA U.S.L. DI PIACENZA\nAnna Verdi",
            [("COMUNE DI OSIO SOTTO", "comune"), ("AZIENDA U.S.L. DI PIACENZA", "ats_asst")],
        ),
        # A name ends before "con": the act or the other body is not part of it.
        (
            "Il Comune di Gavardo con Determinazione Dirigenziale n. 45 ha approvato l'avviso.",
            [("Comune di Gavardo", "comune")],
        ),
        (
            "L'accordo è stato firmato da Fnp-Cisl con il Comune di Lumezzane.",
            [("Fnp-Cisl", "sindacato"), ("Comune di Lumezzane", "comune")],
        ),
        # The body a notice is promoted by, and those coordinated with it; lower-case adjectives of a name.
        (
            "L'iniziativa è promossa dalla Caritas parrocchiale di San Rocco e dal Centro Servizi "
            "Volontariato di Rovigo.",
            [
                ("Caritas parrocchiale di San Rocco", "terzo_settore"),
                ("Centro Servizi Volontariato di Rovigo", "terzo_settore"),
            ],
        ),
        # Unioni, comunità montane, hospitals; a quoted school name after its head.
        (
            "Hanno sottoscritto il patto l'Unione Montana Valle Brembana, la Comunità Montana Valle Trompia, "
            "l'Azienda Ospedaliera di Cremona e l'IC “Don Milani”.",
            [
                ("Unione Montana Valle Brembana", "altro"),
                ("Comunità Montana Valle Trompia", "altro"),
                ("Azienda Ospedaliera di Cremona", "ats_asst"),
                ("IC Don Milani", "scuola"),
            ],
        ),
        # Mayors speak for their comuni: "di B e di C" after a name, towns in brackets after names.
        (
            "Hanno firmato il sindaco di Schio Anna Neri, di Thiene Luca Bassi e di Malo.",
            [("Comune di Schio", "comune"), ("Comune di Thiene", "comune"), ("Comune di Malo", "comune")],
        ),
        (
            "La convenzione è stata sottoscritta dai sindaci Carla Rossi (Bitonto) e Paolo Gatti (Molfetta).",
            [("Comune di Bitonto", "comune"), ("Comune di Molfetta", "comune")],
        ),
        # Lists of a district's members are not parties.
        (
            "Il protocollo è siglato dalla CGIL e dal Distretto 12, che comprende i Comuni di Modica e Ispica.",
            [("CGIL", "sindacato"), ("Distretto 12", "ambito")],
        ),
        # A health body that signs without its territory, a generic district, a form of body: nobody.
        ("L'accordo di programma è sottoscritto con l'Asl e l'Ambito Territoriale.", []),
        ("Sarà firmata una Associazione Temporanea di Scopo tra gli enti.", []),
        # "Comune" without its town and a lower-case "città di" are not bodies.
        ("Hanno firmato i sindacati e il Comune al tavolo nella città di Rieti.", []),
    ],
)
def test_structures_of_the_genre(text: str, expected: list[tuple[str, str]]) -> None:
    assert parties(text) == expected
