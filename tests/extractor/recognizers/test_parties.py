"""Parties: bodies that sign, join or issue the document."""

from __future__ import annotations

import pytest

from extractor.nlp import analyze
from extractor.recognizers.parties import find_parties


def parties(text: str) -> list[tuple[str, str]]:
    """The parties the rules find (the learned fallback has its own tests)."""
    return [(p.name, p.kind) for p in find_parties(analyze(text), learned=False)]


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
        # Where an act is published is no party of it, though the sentence speaks of its signatories.
        "L'accordo sarà pubblicato sul Bollettino Ufficiale della Regione Puglia e all'albo dei Comuni firmatari.",
        # "organizza" is a verb of issuing, "organizzazioni" is not.
        "Sarà avviato, con il Forum del Terzo Settore e con le organizzazioni sindacali, un percorso di valutazione.",
        # A convention's parties named after "tra" that belongs to another noun ("l'ATS costituita tra …").
        "La procedura si è conclusa con la stipula della convenzione con l'ATS costituita tra la Cooperativa "
        "sociale Aurora e l'Associazione Il Ponte.",
    ],
)
def test_cited_bodies_are_not_parties(text: str) -> None:
    assert parties(text) == []


def test_one_party_per_body_with_canonical() -> None:
    text = (
        "L'accordo è firmato da CISL Monza Brianza Lecco e da Centro Servizi per il Volontariato di Como. "
        "La CISL MBL e il CSV Como si impegnano a promuovere i tavoli."
    )
    found = find_parties(analyze(text), learned=False)
    assert [(p.canonical, len(p.spans)) for p in found] == [("CISL Monza Brianza Lecco", 2), ("CSV Como", 2)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An acronym in a list or a signature names the body written out in full elsewhere: one party, full name.
        (
            "Il Comune di Nuoro e il Centro di Servizio per il Volontariato Sardegna Solidale sottoscrivono il "
            "patto.\n\nIl Presidente del CSV",
            [("Centro di Servizio per il Volontariato Sardegna Solidale", 2), ("Comune di Nuoro", 1)],
        ),
        (
            "ACCORDO tra la ASP di Catania e la Cooperativa Sociale Il Faro.\nLetto e sottoscritto.\n"
            "Per l'Azienda Sanitaria Provinciale di Catania, il Direttore Generale",
            [("Azienda Sanitaria Provinciale di Catania", 2), ("Cooperativa Sociale Il Faro", 1)],
        ),
        # ... never a body whose initials differ, nor an acronym of two letters.
        (
            "Il Comune di Nuoro e il Centro di Servizio per il Volontariato Sardegna Solidale sottoscrivono il patto "
            "con il CSV Lazio.",
            [("CSV Lazio", 1), ("Centro di Servizio per il Volontariato Sardegna Solidale", 1), ("Comune di Nuoro", 1)],
        ),
    ],
)
def test_an_acronym_names_the_body_written_in_full(text: str, expected: list[tuple[str, int]]) -> None:
    found = find_parties(analyze(text), learned=False)
    assert sorted((p.name, len(p.spans)) for p in found) == sorted(expected)


def test_a_party_known_by_its_acronym_takes_the_name_written_in_full() -> None:
    text = (
        "Si sono riuniti:\n- Azienda Sanitaria Provinciale di Catania (di seguito ASP di Catania), per il tramite del "
        "Direttore.\n\nArt. 5\nL'ASP di Catania si impegna a garantire le valutazioni."
    )
    found = find_parties(analyze(text), "accordo", learned=False)
    assert [p.name for p in found] == ["Azienda Sanitaria Provinciale di Catania"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # After an acronym, an article opens what the parties signed, not more of a name.
        (
            "Il Sindaco ha sottoscritto con le segreterie di SPI-CGIL, FNP-CISL e UILP-UIL il Patto per il welfare.",
            ["SPI-CGIL", "FNP-CISL", "UILP-UIL"],
        ),
        # A lower-case point of the compass ends a health agency's name after its region; a phrase does not.
        (
            "La Società della Salute del Mugello, in collaborazione con l'Azienda USL Toscana centro e con "
            "Cesvot, organizza una giornata di studio.",
            ["Società della Salute del Mugello", "Azienda USL Toscana centro", "Cesvot"],
        ),
        (
            "L'Azienda USL Toscana sud est ha firmato il protocollo con il centro diurno.",
            ["Azienda USL Toscana sud est"],
        ),
        # A body that offers a course with others, named with it.
        (
            "Il CSV Marche, in collaborazione con il Servizio Sociale dei Comuni dell'Ambito di Fermo, propone "
            "un corso per volontari.",
            ["CSV Marche", "Servizio Sociale dei Comuni dell'Ambito di Fermo"],
        ),
        # A region's single health agency is named by its acronym alone; a kind of body named alone is none.
        (
            "Isernia, siglato il patto: Comune, sindacati e Terzo settore fanno squadra\n"
            "A sottoscrivere il Patto sono stati il Comune di Isernia e la Cgil Molise. Ha aderito inoltre l'Asrem.",
            ["Comune di Isernia", "Cgil Molise", "Asrem"],
        ),
        # The comuni a party will meet are not the ones that signed.
        (
            "SPI CGIL e FNP CISL hanno firmato l'accordo con il Comune di Treia. Sono in calendario gli incontri "
            "con i Comuni di Macerata, Mogliano e Montecassiano: il primo il 21 marzo.",
            ["SPI CGIL", "FNP CISL", "Comune di Treia"],
        ),
        # Mayors named by their towns, each with the mayor's name set apart by commas.
        (
            "A firmare l'accordo i sindaci di Termini Imerese, Maria Terranova, di Trabia, Luca Neri, "
            "e di Caccamo, Anna Bianchi, insieme al direttore dell'ASP di Palermo.",
            ["Comune di Termini Imerese", "Comune di Trabia", "Comune di Caccamo", "ASP di Palermo"],
        ),
        # A page's share buttons on the line under a byline do not go on with the body's name.
        (
            "17 febbraio 2025 | Contrattazione sociale, Spi Cgil\nCondividi  f  X  in\n\n"
            "Il Comune di Lodi e lo Spi Cgil hanno firmato l'accordo.",
            ["Spi Cgil", "Comune di Lodi"],
        ),
        # A region's name goes on past a word that is also a first name.
        (
            "La Regione Autonoma Friuli Venezia Giulia e il Comune di Cormons sottoscrivono il patto.",
            ["Regione Autonoma Friuli Venezia Giulia", "Comune di Cormons"],
        ),
        # A title's parties, then what the act is about on the next line in the same capitals.
        (
            "PROTOCOLLO D'INTESA\nTRA IL COMUNE DI CARPI\nE LE ORGANIZZAZIONI SINDACALI DEI PENSIONATI\n"
            "SPI CGIL – FNP CISL – UILP UIL\nSULLE POLITICHE SOCIALI E TARIFFARIE\n",
            ["COMUNE DI CARPI", "SPI CGIL", "FNP CISL", "UILP UIL"],
        ),
        # A body's branch after a dash is part of its name; a comune and a district's body are two.
        (
            "Hanno firmato il Forum del Terzo Settore – Coordinamento provinciale di Matera e la Croce Rossa "
            "Italiana – Comitato di Policoro.",
            [
                "Forum del Terzo Settore – Coordinamento provinciale di Matera",
                "Croce Rossa Italiana – Comitato di Policoro",
            ],
        ),
        # A town of two words whose second is also a first name ends a union's name, not a person's.
        (
            "Hanno firmato il protocollo la SPI CGIL Reggio Emilia e la UILP Reggio Emilia.",
            ["SPI CGIL Reggio Emilia", "UILP Reggio Emilia"],
        ),
        # The unions' territory in lower case is no body.
        (
            "Hanno firmato l'accordo lo SPI, la FNP e la UILP della provincia di Ancona.",
            ["SPI", "FNP", "UILP"],
        ),
        (
            "Le domande vanno trasmesse al Comune di Spoleto – Comitato di Distretto entro il termine.",
            ["Comune di Spoleto", "Comitato di Distretto"],
        ),
        # A page's section after a dash is no part of the name before it.
        (
            "Regione Toscana - Comunicato stampa\nLa Regione Toscana ha firmato il protocollo con Anci.",
            ["Regione Toscana", "Anci"],
        ),
        # A town that is also a first name ends a union's name when no surname follows it.
        (
            "Lo hanno firmato il Comune di Ivrea e le organizzazioni sindacali Cgil Torino, Cisl Torino-Canavese "
            "e Uil Torino.",
            ["Comune di Ivrea", "Cgil Torino", "Cisl Torino-Canavese", "Uil Torino"],
        ),
        # A quoted name keeps the apostrophe inside its double quotes.
        (
            "Hanno firmato il Comune di Treviglio e l'Azienda Speciale Consortile \"Risorsa Sociale Gera d'Adda\".",
            ["Comune di Treviglio", "Azienda Speciale Consortile Risorsa Sociale Gera d'Adda"],
        ),
        # A name goes on past an "e" that ends its line.
        (
            "TRA\nil Comune di Nuoro\nE\nl'Università degli Studi di Sassari – Dipartimento di Scienze Umanistiche e\n"
            "Sociali (DUMAS), rappresentato dal Direttore\n\nPREMESSO CHE\n",
            ["Comune di Nuoro", "Università degli Studi di Sassari – Dipartimento di Scienze Umanistiche e Sociali"],
        ),
        # A body named after a person, by a title or by all the person's first names, keeps the whole name ...
        (
            "Il protocollo è sottoscritto dall'ASST Papa Giovanni XXIII e dalla Fondazione Don Carlo Gnocchi.",
            ["ASST Papa Giovanni XXIII", "Fondazione Don Carlo Gnocchi"],
        ),
        (
            "Hanno aderito l'Associazione Giovanni Paolo II e il Comune di Lodi.",
            ["Associazione Giovanni Paolo II", "Comune di Lodi"],
        ),
        # ... while a signatory after a body's place is no part of its name.
        ("Il patto è sottoscritto dalla Cgil Lodi Maria Rosa Bianchi e dalla Cisl.", ["Cgil Lodi", "Cisl"]),
        # A body in capitals over the premises of its act: "PREMESSO CHE" is no word of its name.
        (
            "LA CONFERENZA DEI SINDACI\nPREMESSO CHE\nla legge lo prevede;\n",
            [],
        ),
    ],
)
def test_where_a_name_ends(text: str, expected: list[str]) -> None:
    assert [p.name for p in find_parties(analyze(text), "patto", learned=False)] == expected


def test_parties_before_a_verb_set_apart_are_its_subject() -> None:
    """'A, B e C, di seguito "le parti",' then the agreement's verb alone on its line: the list is its subject."""
    text = (
        "Comune di Oristano\n\nPATTO DI COMUNITÀ\n\nIl Comune di Oristano, la Parrocchia di San Sebastiano e la "
        'Cooperativa Sociale Il Seme, di seguito "le parti",\n\nCONVENGONO\n\ndi collaborare.\n\n'
        "Il Sindaco"
    )
    assert [p.name for p in find_parties(analyze(text), "patto", learned=False)] == [
        "Comune di Oristano",
        "Parrocchia di San Sebastiano",
        "Cooperativa Sociale Il Seme",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # What a listed body is, after a comma, is no body of its own.
        (
            "tra\n\n- Comunità Montana Valle Sabbia, ente capofila dell'Ambito 12;\n"
            "- Istituto Comprensivo di Vestone;\n- Cooperativa Sociale Il Ponte, soggetto attuatore.\n",
            ["Comunità Montana Valle Sabbia", "Istituto Comprensivo di Vestone", "Cooperativa Sociale Il Ponte"],
        ),
        # The office of a party's representative is not a party of its own.
        (
            "TRA\nl'Ufficio di Piano dell'Ambito di Carate, rappresentato dal Presidente dell'Assemblea dei "
            "Sindaci, Luca Verdi,\nSindaco del Comune di Besana in Brianza\nE\nla Cooperativa Sociale Aurora",
            ["Ufficio di Piano dell'Ambito di Carate", "Cooperativa Sociale Aurora"],
        ),
        # ... while a mayor's town listed as a party on its own line signs.
        (
            "TRA\nil Comune di Seregno, rappresentato dal Sindaco Anna Neri\nE\nil Sindaco del Comune di Giussano",
            ["Comune di Seregno", "Comune di Giussano"],
        ),
        # A list item names the whole body a rule found cut at its bracketed acronym.
        (
            "INTESA\nTRA\nl'Azienda Socio Sanitaria Territoriale (ASST) Brianza, con sede in Vimercate\nE\n"
            "la Cooperativa Sociale Aurora",
            ["Azienda Socio Sanitaria Territoriale (ASST) Brianza", "Cooperativa Sociale Aurora"],
        ),
    ],
)
def test_bodies_in_an_agreements_party_clauses(text: str, expected: list[str]) -> None:
    assert [p.name for p in find_parties(analyze(text), "intesa", learned=False)] == expected


def test_a_town_council_and_its_comune_are_one_party() -> None:
    text = (
        "L'Amministrazione Comunale di Borgo San Dalmazzo e lo SPI CGIL sottoscrivono l'accordo.\n\n"
        "Per il Comune di Borgo San Dalmazzo, il Sindaco"
    )
    found = find_parties(analyze(text), "accordo", learned=False)
    assert [p.name for p in found if p.kind == "comune"] == ["Comune di Borgo San Dalmazzo"]


def test_signature_line() -> None:
    text = "f.to Il Dirigente del Settore Servizi sociali - comune di Rho"
    assert parties(text) == [("Comune di Rho", "comune")]


@pytest.mark.parametrize(
    ("signatures", "expected"),
    [
        # The role under a "Per …" line holds an office of the body it signs for.
        (
            "Per l'ASL CN1\nIl Direttore del Distretto Nord Ovest\ndott. Paolo Rossi\n\n"
            "Per la CISL di Cuneo\nIl Segretario generale\nMario Bianchi",
            ["ASL CN1", "CISL di Cuneo"],
        ),
        ("Per il Comune di Bra\nIl Dirigente del Settore Servizi sociali", ["Comune di Bra"]),
        # A role line with no body above it names its own.
        ("Letto e sottoscritto.\n\nIL SINDACO DEL COMUNE DI BRA\nMario Rossi", ["COMUNE DI BRA"]),
    ],
)
def test_signature_blocks(signatures: str, expected: list[str]) -> None:
    text = "Il presente protocollo è sottoscritto dalle parti.\n\n" + signatures
    assert [n for n, _ in parties(text)] == expected


def test_an_address_under_a_body_in_a_block_of_parties_is_no_body() -> None:
    text = (
        "PROTOCOLLO D'INTESA\nTRA\n\nil Consorzio Monviso Solidale, con sede in Fossano,\n"
        "Corso Trento n. 4, rappresentato dalla Presidente pro tempore;\n\n"
        "l'Azienda Sanitaria Locale CN1, rappresentata dal Direttore del Distretto Nord Ovest;\n\nE\n\n"
        "la CGIL di Cuneo;\n\nPREMESSO CHE\nle parti collaborano."
    )
    assert [n for n, _ in parties(text)] == [
        "Consorzio Monviso Solidale",
        "Azienda Sanitaria Locale CN1",
        "CGIL di Cuneo",
    ]


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
        ("VERBALE DEL COMITATO DEI SINDACI DEL 14 FEBBRAIO 2024\n\nSi approva il riparto.", "COMITATO DEI SINDACI"),
        (
            "Verbale della Conferenza dei Sindaci del 3/12/2024\n\nLa Conferenza approva il piano.",
            "Conferenza dei Sindaci",
        ),
    ],
)
def test_council_of_mayors_named_with_its_meeting_date(text: str, expected: str) -> None:
    assert parties(text) == [(expected, "ambito")]


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
        # The province a comune lies in is its address, not another issuer; a province it is not in is.
        (
            "COMUNE DI VIGNOLA\nProvincia di Modena\n\nAVVISO PUBBLICO\n\nSono aperte le iscrizioni.",
            [("COMUNE DI VIGNOLA", "comune")],
        ),
        (
            "Comune di Sorbolo Mezzani (Provincia di Parma)\n\nBANDO AFFITTI\n\nSono aperte le domande.",
            [("Comune di Sorbolo Mezzani", "comune")],
        ),
        (
            "COMUNE DI VIGNOLA\nPROVINCIA DI BOLOGNA\n\nPROTOCOLLO D'INTESA\n\nLe parti collaborano.",
            [("COMUNE DI VIGNOLA", "comune"), ("PROVINCIA DI BOLOGNA", "provincia")],
        ),
        # ... whatever the town's title and the province's kind.
        (
            "CITTÀ DI ACIREALE\nCittà Metropolitana di Catania\n\nAVVISO PUBBLICO\n\nSono aperte le iscrizioni.",
            [("CITTÀ DI ACIREALE", "comune")],
        ),
        # A saved page's cookie notice and skip links above its letterhead; an acronym spelled out on the line
        # below the name it opens is the same body.
        (
            "Questo sito utilizza cookie tecnici e, previo consenso, cookie di terze parti per migliorare la tua "
            "esperienza di navigazione. Accetta tutti | Rifiuta | Personalizza\nVai al contenuto principale\n"
            "Comune di Sinnai\nCittà Metropolitana di Cagliari\n\nAVVISO PUBBLICO\n\nSono aperte le domande.",
            [("Comune di Sinnai", "comune")],
        ),
        (
            "FNP CISL Piemonte\nFederazione Nazionale Pensionati\n\nACCORDO\n\nLe parti collaborano.",
            [("FNP CISL Piemonte", "sindacato")],
        ),
        # ... or whatever names the towns above it: a district's capofila and members, one line of them.
        (
            "AMBITO TERRITORIALE SOCIALE DI CASTROVILLARI\nComune Capofila: Castrovillari\n"
            "Morano Calabro – Saracena – Mormanno\nProvincia di Cosenza\n\nAVVISO PUBBLICO\n\nSono aperte le domande.",
            [("AMBITO TERRITORIALE SOCIALE DI CASTROVILLARI", "ambito")],
        ),
        # An agency named after its social district is one body, and serves it; the district's acronym with
        # the same number in a running header is the district again; a town with its province's code under
        # a name is where the body is, not part of its name.
        (
            "ASP AMBITO 9\nAzienda pubblica di Servizi alla Persona\nJesi (AN)\n\n"
            "AMBITO TERRITORIALE SOCIALE IX – JESI\n\nPIANO SOCIALE DI AMBITO\n\n"
            "Piano Sociale di Ambito 2023-2025      ATS IX\n2\nIl Piano è lo strumento dei Comuni.",
            [("ASP AMBITO 9", "azienda_speciale"), ("AMBITO TERRITORIALE SOCIALE IX – JESI", "ambito")],
        ),
        (
            "Consorzio Intercomunale Servizi Sociali\nZogno (BG)\n\nAVVISO PUBBLICO\n\nSono aperte le domande.",
            [("Consorzio Intercomunale Servizi Sociali", "consorzio")],
        ),
        # A site's menu under the letterhead links to its sections: "UFFICIO DI PIANO" there is no body.
        (
            "Centro Servizi per il Volontariato\nChi siamo  Servizi  Formazione  Bandi  News  Contatti\n\n"
            "AVVISO PUBBLICO\n\nSono aperte le domande.",
            [("Centro Servizi per il Volontariato", "terzo_settore")],
        ),
        (
            "Consorzio Servizi Sociali Valle Seriana\n\nHOME  IL CONSORZIO  UFFICIO DI PIANO  SERVIZI  CONTATTI\n\n"
            "AVVISO PUBBLICO\n\nSono aperte le domande.",
            [("Consorzio Servizi Sociali Valle Seriana", "consorzio")],
        ),
        (
            "Comune di Ozieri\nHome | Amministrazione | Unione dei Comuni del Logudoro | Notizie\n\n"
            "AVVISO PUBBLICO\n\nSono aperte le domande.",
            [("Comune di Ozieri", "comune")],
        ),
        # A numbered ATS is a social district (the Marche's Ambiti Territoriali Sociali), not a health agency.
        (
            "ATS n. 15 – Ambito Territoriale Sociale di Macerata\n\nAVVISO PUBBLICO\n\nSono aperte le domande.",
            [("ATS n. 15", "ambito"), ("Ambito Territoriale Sociale di Macerata", "ambito")],
        ),
    ],
)
def test_letterhead_bodies_issue_the_document(text: str, expected: list[tuple[str, str]]) -> None:
    assert parties(text) == expected


@pytest.mark.parametrize(
    ("text", "doc_type", "district_is_party"),
    [
        # An agreement its municipalities sign: the district in its letterhead frames it.
        (
            "AMBITO TERRITORIALE DI RHO\n\nACCORDO DI PROGRAMMA\n\nTRA\nil Comune di Rho;\nil Comune di Pero;\n"
            "il Comune di Pregnana Milanese;\nE\nl'ASST Rhodense.",
            "accordo",
            False,
        ),
        # A notice the district issues is the district's; so is an agreement with one comune or none.
        ("AMBITO TERRITORIALE DI RHO\n\nAVVISO PUBBLICO\n\nSono aperte le domande.", "avviso", True),
        (
            "AMBITO TERRITORIALE DI RHO\n\nPROTOCOLLO D'INTESA\n\nTRA\nl'Ambito Territoriale di Rho\nE\n"
            "la CGIL Ticino Olona.",
            "intesa",
            True,
        ),
    ],
)
def test_a_district_frames_an_agreement_its_towns_sign(text: str, doc_type: str, district_is_party: bool) -> None:
    found = find_parties(analyze(text), doc_type, learned=False)
    assert any(p.kind == "ambito" for p in found) == district_is_party, [p.name for p in found]


@pytest.mark.parametrize(
    ("text", "union"),
    [
        (
            "PROTOCOLLO D'INTESA\nTRA\nil Comune di Cagli\nil Comune di Cantiano\n"
            "l'Unione dei Comuni Montani del Catria e Nerone\nE\nl'Associazione Arcobaleno ODV",
            "Unione dei Comuni Montani del Catria e Nerone",
        ),
        (
            "CONVENZIONE\n\ntra il Comune di Cervia, il Comune di Russi e l'Unione dei Comuni della Bassa Romagna, "
            "per la gestione associata del servizio sociale.",
            "Unione dei Comuni della Bassa Romagna",
        ),
        (
            "ACCORDO\nTRA\nil Comune di Bussoleno,\nil Comune di Susa,\nl'Unione Montana Valle Susa\nE\n"
            "la Cooperativa Sociale Il Sogno.",
            "Unione Montana Valle Susa",
        ),
    ],
)
def test_a_union_of_comuni_signs_beside_its_towns(text: str, union: str) -> None:
    """A union has its own council and signs in its own name: unlike a district, never the frame."""
    assert union in [p.name for p in find_parties(analyze(text), "accordo", learned=False)]


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
        # An agreement's block of parties: a "TRA" line, paragraphs of particulars parted by "E" lines and
        # semicolons, up to the premises; a plural head gives its names.
        (
            "CONVENZIONE\n\nTRA\n\nil Comune di Ostuni, con sede in via Roma 1, C.F. 81000000000;\n\n"
            "il Comune di Ceglie Messapica (BR), rappresentato dal Sindaco;\n\nE\n\n"
            "la Cooperativa Sociale Alba, iscritta all'albo regionale,\ncon sede in Brindisi;\n\n"
            "le organizzazioni sindacali SPI-CGIL, FNP-CISL e UILP-UIL, rappresentate dai segretari;\n\n"
            "PREMESSO CHE\nla legge regionale n. 19/2006 disciplina il sistema dei servizi;",
            [
                "Comune di Ostuni",
                "Comune di Ceglie Messapica",
                "Cooperativa Sociale Alba",
                "SPI-CGIL",
                "FNP-CISL",
                "UILP-UIL",
            ],
        ),
        # Several bodies named before the particulars of one paragraph; the town a title names is its Comune.
        (
            "PATTO PER IL WELFARE DELLA CITTÀ DI SCHIO\n\nTRA\n\nil Comune di Schio, rappresentato dal Sindaco\n\n"
            "E\n\nSPI-CGIL, FNP-CISL e UILP-UIL, rappresentate dai segretari;\nla Caritas di Schio;\n\n"
            "PREMESSO CHE\nla povertà cresce.",
            ["Comune di Schio", "SPI-CGIL", "FNP-CISL", "UILP-UIL", "Caritas di Schio"],
        ),
        # A title that ends in TRA, one body per line, up to the first article.
        (
            "PROTOCOLLO D'INTESA PER LA DOMICILIARITÀ TRA\nl'Unione dei Comuni Montani del Casentino\n"
            "l'Azienda USL Toscana Sud Est\ne l'Associazione Auser Bibbiena\nArt. 1 - Oggetto\n"
            "Il Comune di Poppi mette a disposizione una sede.",
            ["Unione dei Comuni Montani del Casentino", "Azienda USL Toscana Sud Est", "Auser Bibbiena"],
        ),
        # The undertakings signed, listed after their participle, are no list of who signed.
        (
            "Firmatari il Comune di Jesi e l'AST Ancona.\n\nTra gli impegni sottoscritti:\n"
            "➢ l'AST Ancona garantirà la presenza dell'infermiere di famiglia e comunità nelle Case della Comunità "
            "aperte a Jesi e a Cingoli;\n➢ il Comune di Jesi attiverà uno sportello per l'anziano.\n",
            ["Comune di Jesi", "AST Ancona"],
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
        # A saved page's breadcrumb or menu under a name is page chrome, not the rest of the name.
        (
            "Centro di Servizio per il Volontariato\nHome | Chi siamo | Contatti\n\nIl Centro apre le iscrizioni.",
            [("Centro di Servizio per il Volontariato", "terzo_settore")],
        ),
        # A body named after its city is one body, not a comune.
        (
            "L'accordo è firmato dall'ASP Città di Bologna e dalla Fondazione Santa Clelia.",
            [("ASP Città di Bologna", "ats_asst"), ("Fondazione Santa Clelia", "fondazione")],
        ),
        # Lists of a district's members are not parties.
        (
            "Il protocollo è siglato dalla CGIL e dal Distretto 12, che comprende i Comuni di Modica e Ispica.",
            [("CGIL", "sindacato"), ("Distretto 12", "ambito")],
        ),
        (
            "Il patto è promosso dalla Conferenza dei Sindaci dell'Ambito di Chiavari, che riunisce i Comuni di "
            "Lavagna, Sestri Levante e Zoagli.",
            [("Conferenza dei Sindaci dell'Ambito di Chiavari", "ambito")],
        ),
        # A body of comuni heading its letterhead, its members on the line under it.
        (
            "UNIONE DEI COMUNI DELLA BASSA ROMAGNA\nComuni di Lugo (capofila), Bagnacavallo, Cotignola e Fusignano\n\n"
            "AVVISO PUBBLICO\nL'Unione raccoglie le candidature.",
            [("UNIONE DEI COMUNI DELLA BASSA ROMAGNA", "ambito")],
        ),
        # One body in its forms: by its bracketed acronym, cut short, its whole name kept; no "di seguito" item.
        (
            "PROTOCOLLO D'INTESA\nTRA\nl'AZIENDA SOCIO SANITARIA TERRITORIALE (ASST) DI CREMA, rappresentata dal "
            "Direttore;\nil FORUM PROVINCIALE DEL TERZO SETTORE DI CREMONA, rappresentato dal Portavoce;\nE\n"
            "AUSER TERRITORIALE CREMA ODV, rappresentata dalla Presidente;\n"
            'di seguito congiuntamente denominate "le Parti".\n\n'
            "L'ASST di Crema mette a disposizione gli spazi. Il Forum del Terzo Settore e AUSER si impegnano a "
            "coinvolgere i volontari.",
            [
                ("AZIENDA SOCIO SANITARIA TERRITORIALE (ASST) DI CREMA", "ats_asst"),
                ("FORUM PROVINCIALE DEL TERZO SETTORE DI CREMONA", "terzo_settore"),
                ("AUSER TERRITORIALE CREMA ODV", "terzo_settore"),
            ],
        ),
        # Members in brackets on the line under the district their letterhead names.
        (
            "COMUNE DI LAMEZIA TERME\nEnte capofila dell'Ambito Territoriale Sociale di Lamezia Terme\n"
            "(Comuni di Lamezia Terme, Curinga, Feroleto Antico, Gizzeria)\n\nAVVISO PUBBLICO\n"
            "Il Comune apre il bando.",
            [("COMUNE DI LAMEZIA TERME", "comune")],
        ),
        # "di A e di B"; a town's name broken after its "di" at the end of a line.
        (
            "I Comuni di Ferrandina e di Pisticci si impegnano a mettere a disposizione le palestre.",
            [("Comune di Ferrandina", "comune"), ("Comune di Pisticci", "comune")],
        ),
        (
            "Sottoscrivono il patto la Comunità delle Giudicarie e i Comuni di Tione di Trento, Borgo Lares "
            "e Sella di\nGiudicarie.",
            [
                ("Comunità delle Giudicarie", "terzo_settore"),
                ("Comune di Tione di Trento", "comune"),
                ("Comune di Borgo Lares", "comune"),
                ("Comune di Sella di Giudicarie", "comune"),
            ],
        ),
        # Signatures side by side: a wide gap ends a name.
        (
            "Letto e sottoscritto.\nPer l'Ambito di Tricase                 Per la ASL Lecce\n",
            [("Ambito di Tricase", "ambito"), ("ASL Lecce", "ats_asst")],
        ),
        # A common noun after "della" is part of another name ("Casa della Comunità"), not a body.
        ("Per informazioni: PUA – Casa della Comunità di Pescia, tel. 0572 460 100.", []),
        # Members in brackets after a Comunità (of a valley) they belong to.
        (
            "Il patto è firmato dalla Comunità della Valle di Cembra. Resta aperto agli altri Comuni della Comunità "
            "(Albiano, Altavalle, Cembra Lisignago, Giovo).",
            [("Comunità della Valle di Cembra", "terzo_settore")],
        ),
        # Members in brackets after the body that promotes.
        (
            "Il seminario è promosso dal Distretto Sud Est (comuni di Pontassieve, Rufina e Pelago).",
            [("Distretto Sud Est", "ambito")],
        ),
        # Who issued an act the sentence cites by number is cited with it, unless the act approves this document.
        ("Con D.G.R. n. 1023 del 12/06/2023 la Regione Marche ha approvato le linee di indirizzo.", []),
        ("Il piano, approvato dalla Regione Umbria con D.G.R. 87/2024, fissa le priorità.", []),
        (
            "Il Comune di Lodi con determinazione n. 45 del 3 marzo 2024 ha approvato il presente avviso.",
            [("Comune di Lodi", "comune")],
        ),
        (
            "Il Comune di Fano, con delibera n. 12 del 2024, intende avviare la co-progettazione.",
            [("Comune di Fano", "comune")],
        ),
        # Premises narrate what others did: bodies there are cited, up to the words that close them.
        (
            "ACCORDO DI PROGRAMMA\nTRA il Comune di Fano e l'ASL di Pesaro\nPREMESSO CHE\n"
            "- il Piano sociale regionale è stato approvato dalla Regione Marche;\n"
            "- il protocollo regionale è stato sottoscritto tra la Regione Marche e la CGIL;\n"
            "TUTTO CIÒ PREMESSO le parti sottoscrivono il presente accordo.",
            [("Comune di Fano", "comune"), ("ASL di Pesaro", "ats_asst")],
        ),
        (
            "VISTA la DGR n. XII/2167 del 15 aprile 2024, con la quale la Regione Lombardia ha promosso i tavoli;\n"
            "Il Comune di Lodi promuove il tavolo.",
            [("Comune di Lodi", "comune")],
        ),
        (
            "Premesso che\n- il Comitato dei Sindaci di Vizzini ha approvato le linee;\nSI RENDE NOTO\n"
            "che il Distretto Socio-Sanitario D13 intende costituire un elenco di enti.",
            [("Distretto Socio-Sanitario D13", "ambito")],
        ),
        # ... but the main clause after a premise's comma names who acts.
        (
            "Considerata la deliberazione regionale n. 453 del 2023, il Comune di Bracciano intende avviare i lavori.",
            [("Comune di Bracciano", "comune")],
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


def mentions(text: str) -> list[tuple[str, str]]:
    """The organisations named in a text, parties or not."""
    from extractor.recognizers.parties import _lexicon, _mentions

    return [(m.name, m.kind) for m in _mentions(analyze(text), _lexicon())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Registry bodies: unions, employers, cooperative centrals, disability associations.
        (
            "Hanno aderito FP CGIL Taranto, il SUNIA di Bari, Confesercenti Lecce, AGCI Umbria e la UILDM di Cagliari.",
            [
                ("FP CGIL Taranto", "sindacato"),
                ("SUNIA di Bari", "sindacato"),
                ("Confesercenti Lecce", "altro"),
                ("AGCI Umbria", "terzo_settore"),
                ("UILDM di Cagliari", "terzo_settore"),
            ],
        ),
        # NGOs and church charities, a full name and acronyms with dots.
        (
            "Con Save the Children Italia, la Comunità di Sant’Egidio, l'A.N.M.I.C. di Enna e la "
            "Federazione Italiana per il Superamento dell'Handicap.",
            [
                ("Save the Children Italia", "terzo_settore"),
                ("Comunità di Sant’Egidio", "terzo_settore"),
                ("A.N.M.I.C. di Enna", "terzo_settore"),
                ("Federazione Italiana per il Superamento dell'Handicap", "terzo_settore"),
            ],
        ),
        # National public bodies of the registry and territorial ones by head.
        (
            "Presenti il Ministero del Lavoro e delle Politiche Sociali, l'INAIL, la Questura di Matera, "
            "il Tribunale per i Minorenni di Potenza e il Centro per l'Impiego di Melfi.",
            [
                ("Ministero del Lavoro e delle Politiche Sociali", "altro"),
                ("INAIL", "altro"),
                ("Questura di Matera", "altro"),
                ("Tribunale per i Minorenni di Potenza", "altro"),
                ("Centro per l'Impiego di Melfi", "altro"),
            ],
        ),
        (
            "Partecipano l'Università degli Studi di Sassari, l'Ufficio Scolastico Provinciale di Nuoro "
            "e l'Ordine degli Psicologi della Sardegna.",
            [
                ("Università degli Studi di Sassari", "scuola"),
                ("Ufficio Scolastico Provinciale di Nuoro", "scuola"),
                ("Ordine degli Psicologi della Sardegna", "altro"),
            ],
        ),
        # Law enforcement, church and anti-violence bodies, schools by their type, the capital's comune.
        (
            "Aderiscono Roma Capitale, la Compagnia Carabinieri di Ostia, la Polizia Locale di Fiumicino, "
            "l'Arcidiocesi di Gaeta, il Centro Antiviolenza “Lilith” e l'IPSIA “Marconi”.",
            [
                ("Roma Capitale", "comune"),
                ("Compagnia Carabinieri di Ostia", "altro"),
                ("Polizia Locale di Fiumicino", "altro"),
                ("Arcidiocesi di Gaeta", "altro"),
                ("Centro Antiviolenza Lilith", "terzo_settore"),
                ("IPSIA Marconi", "scuola"),
            ],
        ),
        # Heads that are common nouns open a name only capitalised and not in a common phrase;
        # a name's words may tell a kind the head does not.
        (
            "La Consulta Comunale del Volontariato, l'Agenzia Regionale per la Casa e la Federazione "
            "Regionale Pensionati del Lazio incontrano l'Ente Gestore e la comunità di Ostuni.",
            [
                ("Consulta Comunale del Volontariato", "terzo_settore"),
                ("Agenzia Regionale per la Casa", "altro"),
                ("Federazione Regionale Pensionati del Lazio", "sindacato"),
            ],
        ),
        ("Il Patto di Comunità Educante e il Gruppo Tecnico del Dipartimento.", []),
        # A capitalised or quoted name closed by a legal form, which tells its kind.
        (
            "Gestiscono il servizio Girasole Società Cooperativa Sociale, «Porte Aperte» ODV, Delta Servizi S.r.l. "
            "e La Bussola APS.",
            [
                ("Girasole Società Cooperativa Sociale", "terzo_settore"),
                ("Porte Aperte ODV", "terzo_settore"),
                ("Delta Servizi S.r.l", "impresa"),
                ("La Bussola APS", "terzo_settore"),
            ],
        ),
        (
            "L'attività prosegue. Nuovi Orizzonti Onlus ringrazia dell'Arca ETS.",
            [
                ("Nuovi Orizzonti Onlus", "terzo_settore"),
                ("Arca ETS", "terzo_settore"),
            ],
        ),
        # Lower-case heads with a capitalised name after them; short ones only before "di".
        (
            "Firmano il comune di Trani, la regione Basilicata, l'asl di Brindisi e la asp Catania.",
            [("Comune di Trani", "comune"), ("Regione Basilicata", "regione"), ("Asl di Brindisi", "ats_asst")],
        ),
        # All-capitals names end where "di" and its forms stop joining them; a town ends at the known comune.
        (
            "ACCORDO TRA IL COMUNE DI SAN PIETRO VERNOTICO PER LA GESTIONE E L'AZIENDA SANITARIA LOCALE DI BRINDISI",
            [("COMUNE DI SAN PIETRO VERNOTICO", "comune"), ("AZIENDA SANITARIA LOCALE DI BRINDISI", "ats_asst")],
        ),
        ("COMUNE DI GALATINA SETTORE WELFARE", [("COMUNE DI GALATINA", "comune")]),
        # A signature's name under its body, on the next line, is a person, not the rest of the body's name.
        ("Il Presidente dell'Assemblea dei Sindaci\nCarlo Bruni", []),
        # A town on the line after its "Comune di".
        ("Il servizio della Zona, di cui il Comune di\nMarsciano è capofila.", [("Comune di Marsciano", "comune")]),
        # An address under a body's name is not part of it; a dated number is the act's, not the body's.
        ("Settore Politiche Sociali – Ufficio di Piano\nPalazzo Mosti – Piazza Castello", []),
        ("Allegato alla Deliberazione del Comitato dei Sindaci n. 7 del 09/10/2024", []),
        ("VERBALE DEL COMITATO ISTITUZIONALE N. 3/2024", []),
        (
            "Il Comitato dei Sindaci del Distretto n. 4 si è riunito.",
            [("Comitato dei Sindaci del Distretto n. 4", "ambito")],
        ),
        ("La Conferenza dei Sindaci n. 11 approva il riparto.", [("Conferenza dei Sindaci n. 11", "ambito")]),
        ("La Direttrice di Offerta Sociale a.s.c.\nLaura Riva", []),
        ("Per la Cooperativa Sociale\nMaria Rossi", []),
        # Unions joined by hyphens or slashes, and a body glued to the word before it by the text layer.
        (
            "Le sigle CGIL-CISL-UIL e dellaUil Calabria.",
            [("CGIL", "sindacato"), ("CISL", "sindacato"), ("UIL", "sindacato"), ("Uil Calabria", "sindacato")],
        ),
    ],
)
def test_organisation_mentions(text: str, expected: list[tuple[str, str]]) -> None:
    assert mentions(text) == expected


_TOWNS_MET = (
    "L'accordo di programma è stato approvato ieri. All'incontro erano presenti i sindaci dei quattro Comuni "
    "del Piano (Albino, Nembro, Ranica e Alzano Lombardo)."
)


def test_listed_towns_are_named_as_written() -> None:
    # A town written otherwise than its official name (Villanovafranca), and one in capitals, in the official form.
    text = "ACCORDO\nLa convenzione riguarda i servizi di Barumini, Tuili, LAS PLASSAS e Villanova Franca.\n"
    found = [p.name for p in find_parties(analyze(text), "accordo", learned=False)]
    assert {"Comune di Villanova Franca", "Comune di Las Plassas", "Comune di Tuili"} <= set(found), found


@pytest.mark.parametrize(
    ("text", "doc_type", "towns"),
    [
        # an agreement's list of municipalities names its signatories
        (_TOWNS_MET, "accordo", ["Albino", "Nembro", "Ranica", "Alzano Lombardo"]),
        (
            "PATTO TERRITORIALE\nAderiscono:\n1. Breno\n2. Esine\n3. Darfo Boario Terme\n",
            "patto",
            ["Breno", "Esine", "Darfo Boario Terme"],
        ),
        # not in a notice, nor a district's members, nor districts named after towns
        (_TOWNS_MET, "avviso", []),
        (
            "Firmano l'intesa i Comuni del Distretto 12, che comprende i Comuni di Albino, Nembro e Ranica.",
            "intesa",
            [],
        ),
        ("Il patto coinvolge i Comuni degli Ambiti di Desio, Monza e Seregno.", "patto", []),
        (
            "AMBITO TERRITORIALE SOCIALE DI ALBINO\nComuni di Albino (capofila), Nembro, Ranica\n\n"
            "ACCORDO DI PROGRAMMA\nLe parti sottoscrivono l'accordo.",
            "accordo",
            [],
        ),
        # nor the places where the agreement applies, nor towns its premises cite
        (
            "INTESA\nTRA l'ASST Bergamo Est E l'Ambito di Albino.\nArt. 2 – L'intesa si applica alle Case di "
            "Comunità presenti nei Comuni di Albino, Nembro e Ranica.",
            "intesa",
            [],
        ),
        (
            "PROTOCOLLO\nPREMESSO CHE\n- nei comuni dell'Ambito (Albino, Nembro, Ranica e Desio) cresce la povertà;\n"
            "- la Biblioteca fa rete insieme ai Comuni di Albino, Nembro e Ranica;\n\nSI CONVIENE QUANTO SEGUE\n"
            "Art. 1 – Il Comune di Gazzaniga e la Caritas si impegnano a collaborare.",
            "intesa",
            [],
        ),
        # nor a district's members set apart between dashes
        (
            "L'Accordo di programma è il risultato di un percorso che ha coinvolto i 5 Comuni dell'Ambito – Albino, "
            "Nembro, Ranica, Alzano Lombardo e Desio – insieme agli enti del Terzo settore.",
            "accordo",
            [],
        ),
        # nor the towns a consortium acts for, however the list opens
        (
            "PROTOCOLLO D'INTESA\nTRA\n\nil CONSORZIO SOCIO ASSISTENZIALE ALBA, ente gestore per conto dei 58 Comuni "
            "dei territori di Albino, Nembro e Ranica, con sede in Alba;\n\nE\n\nla CGIL di Cuneo.",
            "intesa",
            [],
        ),
        # After its district's name as a label, a list names the comuni that sign for the district.
        (
            "ACCORDO DI PROGRAMMA\nPer gli Ambiti firmano:\nAmbito di Albino: Albino, Nembro, Ranica\n\n"
            "Le parti sottoscrivono l'accordo.",
            "accordo",
            ["Albino", "Nembro", "Ranica"],
        ),
    ],
)
def test_an_agreement_lists_its_municipalities(text: str, doc_type: str, towns: list[str]) -> None:
    found = [p.name for p in find_parties(analyze(text), doc_type, learned=False) if p.kind == "comune"]
    listed = [name.removeprefix("Comune di ") for name in found if name.removeprefix("Comune di ") in towns]
    assert listed == towns
    if not towns:
        assert not {f"Comune di {t}" for t in ("Albino", "Nembro", "Ranica", "Desio")} & set(found)


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # A numbered table of signatory towns under "sono:", then "nonché" and more bodies in a sentence.
        (
            "I sottoscrittori del presente Accordo sono:\n\nn. | Comune\n1 | Baranzate\n2 | Bollate\n3 | Senago\n\n"
            "nonché l'ATS della Città Metropolitana di Milano e l'ASST Rhodense.",
            ["Comune di Baranzate", "Comune di Bollate", "Comune di Senago", "ASST Rhodense"],
            ["N. | Comune", "1 | Baranzate"],
        ),
        # The province code after a list of towns is no body.
        ("PROTOCOLLO\nComuni di Carpi, Soliera e Novi di Modena (MO)\n", ["Comune di Carpi"], ["MO"]),
        # A period after a district's name is no district number.
        ("Convocazione del tavolo per il nuovo PLUS 2024-2026 del Distretto di Oristano.", [], ["PLUS 2024-2026"]),
        # A title on the next line opens a person's name, not more of the body's.
        (
            "Lecce, 3 marzo 2024\n\nIL RESPONSABILE DELL'UFFICIO DI PIANO\nIng. Marco Rossi\n",
            [],
            ["UFFICIO DI PIANO Ing"],
        ),
        # What qualifies an item of a list is not a body of its own.
        (
            "Aderiscono al Patto: il Comune di Rieti, quale ente capofila del Distretto; la ASL di Rieti.\n\n"
            "Linee d'azione\nI. Orientamento al lavoro;\nII. Formazione;\n",
            ["Comune di Rieti", "ASL di Rieti"],
            ["Quale ente capofila del Distretto", "Linee d'azione", "I. Orientamento al lavoro"],
        ),
        (
            "Hanno sottoscritto il patto:\n"
            "– l'Istituto Comprensivo Don Milani, nella persona della Dirigente Anna Neri;\n"
            "– la Parrocchia di San Giovanni Evangelista;\n– l'APS Genitori in Rete.\n",
            ["Istituto Comprensivo Don Milani", "Parrocchia di San Giovanni Evangelista", "APS Genitori in Rete"],
            ["Nella persona della Dirigente Anna Neri"],
        ),
        # A town's name across a line break or with a saint's name in it; a council's act cited by number.
        (
            "TRA\n\ni Comuni di Rho, Monte Santa Maria Tiberina, Pero e Paderno\nDugnano, rappresentati dai Sindaci;\n"
            "visto che la deliberazione C.C. di Città di Castello n. 45 approva lo schema;",
            ["Comune di Paderno Dugnano", "Comune di Monte Santa Maria Tiberina"],
            ["Comune di Paderno", "Comune di Monte", "Città di Castello n. 45"],
        ),
        # A town list closed by a body of another kind after "e della".
        (
            "Il Comune di Asolo, con l'adesione dei Comuni di Maser, Fonte e Possagno e della Croce Rossa Italiana, "
            "rinnova l'accordo.",
            ["Comune di Maser", "Comune di Possagno"],
            ["Comune di Della Croce Rossa Italiana"],
        ),
        (
            "Accordo tra i Comuni di Maser e Possagno e l'Azienda ULSS 2 Marca Trevigiana.",
            ["Comune di Maser", "Comune di Possagno", "Azienda ULSS 2 Marca Trevigiana"],
            ["Comune di L'Azienda ULSS 2 Marca Trevigiana"],
        ),
        # The short name a text defines is the same body, and no part of its name.
        (
            "TRA\nl'Azienda Sanitaria Locale di Biella (di seguito ASL BI);\nE\nil Consorzio IRIS (d'ora in poi "
            "«Consorzio»);\n\nL'ASL BI e il Consorzio IRIS si impegnano a collaborare.",
            ["Azienda Sanitaria Locale di Biella", "Consorzio IRIS"],
            ["Azienda Sanitaria Locale di Biella (di seguito ASL BI)", "ASL BI"],
        ),
        # Signers named by their mayors and by a bare role in a list of adherents.
        (
            "Per il Comune di Asolo – il Sindaco\nPer adesione: i Sindaci dei Comuni di Maser, Fonte e Possagno; "
            "la Presidente del Comitato locale.\n",
            ["Comune di Asolo", "Comune di Maser", "Comune di Fonte", "Comune di Possagno"],
            ["Sindaci dei Comuni di Maser", "Presidente", "La Presidente"],
        ),
        # A capofila acting for the district's towns names them as parties; a district acting for them does not.
        (
            "PROTOCOLLO\nTRA\nil Comune di Lamezia Terme, capofila dell'Ambito, anche in rappresentanza dei Comuni "
            "di Curinga, Falerna e Gizzeria;\nE\nla Caritas diocesana.",
            ["Comune di Lamezia Terme", "Comune di Curinga", "Comune di Falerna", "Comune di Gizzeria"],
            [],
        ),
        # A block of parties ends at the act's first numbered heading; what joins an item to the one before
        # ("unitamente alle rispettive federazioni dei pensionati") is no part of its name; the towns a
        # district acts for are not parties, nor are "AMBITI DI LAVORO COMUNE" a district.
        (
            "ACCORDO\nTRA\nl'Ambito Territoriale di Seriate, rappresentato dal Presidente, per i Comuni di Bagnatica, "
            "Brusaporto e Pedrengo;\nE\nle organizzazioni sindacali CGIL Bergamo e CISL Bergamo, unitamente alle "
            "rispettive federazioni dei pensionati SPI CGIL e FNP CISL;\n\n1. PREMESSE\nTesto.\n\n2. OGGETTO\n"
            "Testo.\n\n3. AMBITI DI LAVORO COMUNE\nTesto.",
            ["Ambito Territoriale di Seriate", "CGIL Bergamo", "CISL Bergamo", "SPI CGIL", "FNP CISL"],
            ["PREMESSE", "OGGETTO", "Comune di Bagnatica", "Comune di Pedrengo", "Ambito di LAVORO COMUNE"],
        ),
        # The towns' block item ends where what they form begins; a tax code is no body; a signer under
        # "Per adesione:" is no body either.
        (
            "ACCORDO DI PROGRAMMA\n\nTRA\n\nI Comuni di Lungro (Ente capofila), Firmo e Acquaformosa,\n"
            "costituenti l'Ambito Territoriale Sociale di Lungro, rappresentati dai Sindaci;\n\nE\n\n"
            "l'Unione dei Comuni Arbëreshë, C.F. 94012340785, in persona del Presidente;\n\n"
            "PREMESSO CHE\nTesto.\n\nPer adesione:\nAuser Pollino\nIl Portavoce    F.to Maria Rossi\n",
            ["Comune di Lungro", "Comune di Firmo", "Comune di Acquaformosa", "Auser Pollino"],
            ["Costituenti l'Ambito Territoriale Sociale di Lungro", "C.F. 94012340785", "Portavoce F.to Maria Rossi"],
        ),
        # A list item's words after its body make a clause, not more of the name.
        (
            "Firmato il protocollo: aderiscono la Caritas, l'Auser e la Asp per non lasciare solo nessuno.",
            ["Caritas", "Auser"],
            ["Asp per non lasciare solo nessuno"],
        ),
        # Towns after "a" are where a service opens, not signatories; those that "hanno aderito" are.
        (
            "ACCORDO\nLe parti hanno firmato l'accordo. L'Ambito aprirà uno sportello a Cingoli, Filottrano e "
            "Cupramontana. Hanno aderito anche i Comuni di Pizzo e Tropea.",
            ["Comune di Pizzo", "Comune di Tropea"],
            ["Comune di Cingoli", "Comune di Filottrano", "Comune di Cupramontana"],
        ),
        # The towns in brackets after a district whose name breaks after its "di" are its members.
        (
            "TRA\nil Comune di Sassari, ente gestore del PLUS dell'Ambito di\nSassari (Comuni di Sassari, Porto "
            "Torres, Sorso, Stintino), rappresentato dalla Dirigente\nE\nla Fondazione di Sardegna\n\nPREMESSO CHE\n",
            ["Comune di Sassari", "Fondazione di Sardegna"],
            ["Comune di Porto Torres", "Comune di Sorso", "Comune di Stintino"],
        ),
        # A branch named alone in the letterhead is the body named with it below.
        (
            "COMUNE DI NUORO                         UNIVERSITÀ DEGLI STUDI DI CAGLIARI\n"
            "Settore Servizi Sociali                 Dipartimento di Pedagogia\n\nACCORDO DI COLLABORAZIONE\n\nTRA\n"
            "il Comune di Nuoro\nE\nl'Università degli Studi di Cagliari – Dipartimento di Pedagogia, rappresentato "
            "dal Direttore\n\nPREMESSO CHE\n",
            ["Università degli Studi di Cagliari – Dipartimento di Pedagogia"],
            ["Dipartimento di Pedagogia"],
        ),
        # A news page's section and places over its headline list no signatories.
        (
            "CRONACA | MONDOVÌ - CEVA - DOGLIANI\nMartedì 14 Febbraio 2023\n\nFirmato il protocollo d'intesa\n\n"
            "Il protocollo d'intesa è stato firmato dal Consorzio Monviso Solidale e dai sindacati dei pensionati.",
            ["Consorzio Monviso Solidale"],
            ["Comune di Mondovì", "Comune di Ceva", "Comune di Dogliani"],
        ),
        # One body per line under "sottoscritto … da:", each line's qualifying words and the bracket of the
        # district's members aside; a name split at "e" by the list is still one body.
        (
            "Sottoscritto a Macerata il 4 marzo 2024 da:\nComune di Macerata, in qualità di ente capofila "
            "dell'Ambito Territoriale Sociale n. 15\n(Comuni di Macerata, Corridonia, Treia)\n"
            "AST Macerata – Azienda Sanitaria Territoriale\nCGIL Macerata e Fermo, CISL Marche\n"
            "Caritas Diocesana di Macerata\n\nPREMESSA\nIl Patto nasce dal confronto.",
            [
                "Comune di Macerata",
                "AST Macerata – Azienda Sanitaria Territoriale",
                "CGIL Macerata e Fermo",
                "CISL Marche",
                "Caritas Diocesana di Macerata",
            ],
            ["Comune di Corridonia", "Comune di Treia", "Comune di Fermo"],
        ),
        # A qualifier that runs on to the next line ends there: that line names a person, not a body.
        (
            "I sottoscritti soggetti:\n\nCOMUNE DI ALTAMURA, rappresentato dal Sindaco Mario Rossi;\n"
            'ISTITUTO COMPRENSIVO STATALE "DE AMICIS" di Altamura, rappresentato dalla Dirigente\n'
            "scolastica prof.ssa Anna Verdi;\nFONDAZIONE MURGIA SOLIDALE, rappresentata dal Presidente Luca Neri;\n",
            ["COMUNE DI ALTAMURA", "FONDAZIONE MURGIA SOLIDALE"],
            ["Scolastica prof.ssa Anna Verdi", "scolastica prof.ssa Anna Verdi"],
        ),
        # Running prose wrapped by the layout: a name broken at a line's end is one name, not two.
        (
            "I SOTTOSCRITTORI\nIl Comune di Bra, l'Istituto Comprensivo Bra 1, l'Istituto di Istruzione Superiore\n"
            '"Guala", il Consorzio Socio Assistenziale del Cuneese, la\nFondazione CRC, l\'Associazione Giovani\n'
            "Uniti APS e la Parrocchia di San Giovanni\n\nPREMESSO CHE",
            ["Comune di Bra", "Istituto di Istruzione Superiore Guala", "Fondazione CRC", "Parrocchia di San Giovanni"],
            ["Guala", "Consorzio Socio Assistenziale del Cuneese Fondazione CRC"],
        ),
        # The next field of a register's record, on the line under a body's name, is no more of the name.
        (
            "Comune di Gorizia – Albo Pretorio online\nDettaglio atto\n\nTipologia: Determinazione dirigenziale\n"
            "Struttura: Area Servizi alla Persona – Servizio Sociale dei Comuni\n"
            "Pubblicazione: dal 06/12/2023 al 21/12/2023\n",
            ["Comune di Gorizia"],
            ["Servizio Sociale dei Comuni Pubblicazione"],
        ),
        # A headline in capitals after its colon says what was agreed, not who agreed it.
        (
            "CASTELFIDARDO, FIRMATO L'ACCORDO SUL BILANCIO 2025: PIÙ RISORSE PER ANZIANI, FAMIGLIE E NON "
            "AUTOSUFFICIENZA\nIl Comune di Castelfidardo e lo Spi Cgil hanno firmato l'accordo.",
            ["Comune di Castelfidardo"],
            ["PIÙ RISORSE PER ANZIANI", "FAMIGLIE E NON AUTOSUFFICIENZA"],
        ),
        # A letterhead's address at another body, care of it, names no party.
        (
            "ZONA DISTRETTO DELLA LUNIGIANA\nc/o Unione di Comuni Montana Lunigiana - Piazza De Gasperi, 17 - "
            "54013 Fivizzano (MS)\n\nAVVISO PUBBLICO\n\nSono aperte le domande.",
            ["ZONA DISTRETTO DELLA LUNIGIANA"],
            ["Unione di Comuni Montana Lunigiana"],
        ),
    ],
)
def test_list_structures_and_what_is_not_a_body(text: str, expected: list[str], absent: list[str]) -> None:
    names = [n for n, _ in parties(text)]
    assert all(name in names for name in expected), names
    assert not any(name in names for name in absent), names
