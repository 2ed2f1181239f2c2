"""Ambiti: territorial social-planning districts."""

from __future__ import annotations

import pytest

from extractor.nlp import analyze
from extractor.recognizers.ambiti import district_numbers, find_ambiti, roman_number


def names(text: str) -> list[str]:
    return [a.name for a in find_ambiti(analyze(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il piano dell'Ambito di Cologno Monzese è approvato.", ["Ambito di Cologno Monzese"]),
        ("L'Ambito territoriale Vimercatese presenta il piano.", ["Ambito territoriale Vimercatese"]),
        ("Gli uffici del Distretto 7 restano chiusi.", ["Distretto 7"]),
        ("AVVISO DELL'AMBITO TERRITORIALE SOCIALE N12 PER I TAVOLI", ["Ambito Territoriale Sociale N12"]),
        ("La Zona Distretto Senese ha pubblicato il bando.", ["Zona Distretto Senese"]),
        ("nel distretto socio-sanitario 12 di Trapani", ["Distretto socio-sanitario 12"]),
        ("I servizi dell'ambito distrettuale 3.2 crescono.", ["Ambito distrettuale 3.2"]),
        ("Il Distretto sanitario di Castelfranco ospita l'incontro.", ["Distretto sanitario di Castelfranco"]),
        # a capitalised name with no "di": after a qualifier, or after a head that names districts
        ("L'Ambito Territoriale Valle Seriana approva il piano.", ["Ambito Territoriale Valle Seriana"]),
        ("Il Distretto Appennino Bolognese organizza l'incontro.", ["Distretto Appennino Bolognese"]),
        ("Il Plus Ogliastra ha pubblicato il bando.", ["Plus Ogliastra"]),
        # Abruzzo's and Sicily's districts by their acronyms, shown as what they stand for; PLUS in capitals
        ("L'ECAD n. 18 ha approvato il piano.", ["Ambito n. 18"]),
        ("IL DSS 33 DI CEFALÙ PUBBLICA L'AVVISO", ["Distretto socio-sanitario 33"]),
        ("AVVISO DEL PLUS OGLIASTRA", ["PLUS Ogliastra"]),
        # the Marche's ATS with its number; a code with its province's letters
        ("L'ATS n. 15 ha sede a Macerata.", ["Ambito Territoriale Sociale n. 15"]),
        ("L'Ambito Territoriale Sociale BA/3 di Bitonto pubblica l'avviso.", ["Ambito Territoriale Sociale BA/3"]),
        # ... but the body of a district named after it is not one more district
        (
            "Il Comune di Sulmona, Ecad dell'Ambito Sociale Distrettuale n4 Peligno, è capofila.",
            ["Ambito Sociale Distrettuale n4 Peligno"],
        ),
        # a double name broken at its hyphen across lines
        (
            "i Comuni costituenti l'Ambito Territoriale Sociale di Castiglione-\nCosentino sottoscrivono.",
            ["Ambito Territoriale Sociale di Castiglione-Cosentino"],
        ),
        ("Il Distretto Roma 6.2 e il Distretto Socio Sanitario Roma 6.2.", ["Distretto Socio Sanitario Roma 6.2"]),
        # roman numerals, an acronym in brackets, leading zeros, a name after the code, a quoted name
        (
            "Il territorio dell'Ambito Territoriale Sociale XII comprende sei Comuni.",
            ["Ambito Territoriale Sociale XII"],
        ),
        ("L'Ambito Sociale Territoriale (ATS) N.4 coordina.", ["Ambito Sociale Territoriale (ATS) N.4"]),
        ("Il Piano di Zona Ambito S04 e poi l'Ambito S4.", ["Ambito S04"]),
        ("Capofila l'Ambito n3 Vastese.", ["Ambito n3 Vastese"]),
        ('Il distretto denominato "Alto Sangro" avvia i tavoli.', ['Distretto denominato "Alto Sangro"']),
        # a qualifier makes "all'ambito" a district; a qualifier alone names none; a phone is no code
        ("All'ambito territoriale di Lodi spettano i fondi.", ["Ambito territoriale di Lodi"]),
        ("L'Ambito Territoriale Sociale, costituito nel 2001, gestisce i servizi.", []),
        ("Ufficio di Piano Distretto Valle Savio 0547 356789", ["Distretto Valle Savio"]),
        # "Ambito" with a capitalised word and no qualifier is a work area
        ("Ambito Famiglia e Minori: interventi di sostegno.", []),
        # ... unless its towns or people are said to be the district's
        ("Il patto vale per i Comuni dell'Ambito Tagliamento e le loro famiglie.", ["Ambito Tagliamento"]),
        # ... or the district is named so elsewhere; a quoted name in capitals shown in title case
        (
            'AMBITO SOCIO TERRITORIALE "ALTO SANGRO"\n\nPiano – Ambito Alto Sangro      Pag. 2 di 9',
            ["Ambito Alto Sangro"],
        ),
        ('AMBITO SOCIO-TERRITORIALE "MEDIO BASENTO"', ['Ambito Socio-territoriale "Medio Basento"']),
        # a health body's own district, unless named by its place
        ("Partecipa, senza diritto di voto, il Direttore del Distretto sanitario della ASL Rieti.", []),
        ("Gli utenti del Distretto sanitario dell'Asp di Ragusa sono 80.000.", []),
        (
            "Interviene il direttore del Distretto sanitario di Lugo - Ausl della Romagna.",
            ["Distretto sanitario di Lugo"],
        ),
        ("Il Direttore del Distretto socio-sanitario D46 presiede il tavolo.", ["Distretto socio-sanitario D46"]),
        # a number dated right after it is an act's, not the district's
        ("Vista la deliberazione del Comitato Istituzionale del Distretto n. 14 del 24/09/2024;", []),
        ("Con verbale dell'Ambito n. 7 del 9 ottobre 2024 la Conferenza ha approvato il riparto.", []),
        ("Il Distretto n. 14 del Lazio attiva il servizio.", ["Distretto n. 14"]),
        # A district's number, a dash and its town, as a table's rows set them; not a numbered area named so.
        (
            "Zona sociale 1 – Città di Castello      1.512.340\nZona sociale 3 – Assisi    1.201.557\n",
            ["Zona sociale 1 – Città di Castello", "Zona sociale 3 – Assisi"],
        ),
        ("Ambito 1 – Minori\nAmbito 2 – Anziani e non autosufficienza\n", []),
        # In capitals a place ends where a preposition or an article opens another phrase; a town after "E L'" stays.
        (
            "ACCORDO DI PROGRAMMA TRA I COMUNI DELL'AMBITO TERRITORIALE SOCIALE DI CASTROVILLARI E L'AZIENDA "
            "SANITARIA PROVINCIALE DI COSENZA PER L'ADOZIONE DEL PIANO",
            ["Ambito Territoriale Sociale di Castrovillari"],
        ),
        ("GLI AMBITI DI TERAMO E L'AQUILA", ["Ambito di TERAMO", "Ambito di L'AQUILA"]),
        # One district named several ways is shown by its fullest name, its Roman numeral kept.
        (
            "AMBITO TERRITORIALE SOCIALE IX – JESI\n\nL'ASP gestisce i servizi dell'Ambito 9 per i Comuni.",
            ["Ambito Territoriale Sociale IX – Jesi"],
        ),
        (
            "Il Distretto D52 approva il piano. Il Distretto Socio Sanitario D52 lo trasmette.",
            ["Distretto Socio Sanitario D52"],
        ),
    ],
)
def test_naming(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Firmano i Comuni degli Ambiti di Lecco, Bellano e Merate.", ["Lecco", "Bellano", "Merate"]),
        # "e di", and in capitals, where "E" and "DI" look like words of a name
        ("I Piani degli Ambiti di Casarano e di Gallipoli prevedono il servizio.", ["Casarano", "Gallipoli"]),
        ("ACCORDO TRA GLI AMBITI TERRITORIALI SOCIALI DI CASARANO E DI GALLIPOLI\n", ["CASARANO", "GALLIPOLI"]),
        ("TRA GLI AMBITI DI NARDÒ, GALATINA ED ERMES\n", ["NARDÒ", "GALATINA", "ERMES"]),
    ],
)
def test_plural_expands(text: str, expected: list[str]) -> None:
    assert [n.split(" ", 2)[-1] for n in names(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sarà avviata una sperimentazione nei distretti socio-sanitari LT/1, FR/B e VT/3.",
            ["Distretto socio-sanitario LT/1", "Distretto socio-sanitario FR/B", "Distretto socio-sanitario VT/3"],
        ),
        (
            "Gli Ambiti territoriali 3 e 4 della provincia hanno firmato.",
            ["Ambito territoriale 3", "Ambito territoriale 4"],
        ),
        # ... and over names, but for the qualifier a plural head may take
        ("I servizi dei Distretti Nord Ovest e Sud Ovest dell'ASL.", ["Distretto Nord Ovest", "Distretto Sud Ovest"]),
        ("Collaborano i distretti Sanitari del territorio.", []),
    ],
)
def test_plural_head_over_numbers_or_names_expands(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_singular_list_is_one_district() -> None:
    text = "L'Ambito territoriale di Molfetta e Giovinazzo avvia i tavoli."
    assert names(text) == ["Ambito territoriale di Molfetta e Giovinazzo"]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Il Distretto 9 e poi il distretto n. 9 di nuovo.", 1),
        ("Ambito Sociale di Rho e più avanti l'Ambito di Rho.", 1),
        ("DISTRETTO SOCIO-SANITARIO D 21 e il distretto socio sanitario n. 21", 1),
        ("Il Distretto 9 e il Distretto 10.", 2),
        # A district by its acronym and code, as its council of mayors names it.
        ("L'Ambito Territoriale Sociale XIX approva, sentito il Comitato dei Sindaci dell'ATS XIX.", 1),
        ("Il DSS 33 di Cefalù e il Distretto socio-sanitario n. 33 sono lo stesso distretto.", 1),
        ("PLUS AMBITO DI SASSARI\n\nIl PLUS dell'Ambito di Sassari è beneficiario del finanziamento.", 1),
        # Its number in figures or in Roman numerals.
        ("L'Ambito Territoriale Sociale XV di Macerata e l'Ambito 15 coincidono.", 1),
        ("Il Distretto Sociale IV e il Distretto 4 della provincia.", 1),
    ],
)
def test_same_district_once(text: str, count: int) -> None:
    found = find_ambiti(analyze(text))
    assert len(found) == count
    assert sum(len(a.spans) for a in found) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il territorio della Conferenza dei Sindaci dell'Azienda ULSS 8 conta 30 Comuni.", ["Azienda ULSS 8"]),
        (
            "Gli incontri dell'ambito che comprende i Comuni di Bitonto e Palo del Colle.",
            ["Ambito di Bitonto e Palo del Colle"],
        ),
    ],
)
def test_territory_of_a_body(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "nell'ambito del Piano di Zona sono previsti tavoli",
        "Ambito 1: minori e famiglie",
        "in ambito sociale e sanitario",
        "il distretto ha avviato i lavori",
        "Piano di Zona inter-ambiti dei Comuni",
        "nell'ambito di Progetti condivisi",
        # A health district named by no place, and what belongs to a district rather than names one.
        "in raccordo con il Distretto Socio Sanitario e i medici",
        "Al Direttore del Distretto Sanitario di Base",
        "il convegno d'Ambito “Crescere insieme” ha avuto 200 presenze",
        "il Piano d'Ambito Sociale approvato",
        # The body of the text's own district, which it does not name.
        "ASSEMBLEA DEI SINDACI DELL'AMBITO\nDeliberazione n. 4",
        "si è riunita la Conferenza dei Sindaci del Distretto Sociosanitario in seduta ordinaria",
        # A council's meeting by its date: the day is not its territory.
        "VERBALE DEL COMITATO DEI SINDACI DEL 14 FEBBRAIO 2024",
        "Verbale della Conferenza dei Sindaci del 3 marzo 2025",
        # A running footer's page mark after the head of a district.
        "Comune di Nuoro – Ufficio di Piano PLUS        Pagina 2 di 4",
        # Who directs a district, by a first name and a surname.
        "per l'AST Macerata, il Direttore del Distretto Daniela Corsi.",
        # Lombardy's health agency by the same initials as the Marche's districts, named by its place.
        "L'ATS di Bergamo e l'ATS della Val Padana hanno firmato.",
    ],
)
def test_not_districts(text: str) -> None:
    assert names(text) == []


def test_all_caps_names_keep_their_place_names_capitalised() -> None:
    (ambito,) = find_ambiti(analyze("PIANO DI ZONA DELL'AMBITO DI GARBAGNATE MILANESE"))
    assert ambito.name == "Ambito di Garbagnate Milanese"


@pytest.mark.parametrize(
    ("word", "value"),
    [("IX", 9), ("iv", 4), ("XIX", 19), ("XXIV", 24), ("XL", 40), ("V", 5), ("di", None), ("IIII", None), ("", None)],
)
def test_roman_numbers(word: str, value: int | None) -> None:
    assert roman_number(word) == value


@pytest.mark.parametrize(
    ("name", "numbers"),
    [
        ("Ambito Territoriale Sociale IX – Jesi", {9}),
        ("ATS n. 15", {15}),
        ("Distretto D 46", {46}),
        ("Ambito di Vimercate", set()),
        ("Ambito I Comuni del Lago", set()),  # a lone "I" is an article as often as a number
    ],
)
def test_district_numbers(name: str, numbers: set[int]) -> None:
    assert district_numbers(name) == numbers
