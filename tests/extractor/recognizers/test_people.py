"""People: names and roles, the organisation and place names that are not people, the data files."""

from __future__ import annotations

from importlib import resources

import pytest

from extractor.data import build_first_names
from extractor.lexicon import data_text, load, word_set
from extractor.nlp import analyze
from extractor.recognizers.people import find_people


def people(text: str) -> list[tuple[str, str | None]]:
    return [(p.name, p.role) for p in find_people(analyze(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ROLE NAME
        (
            "Alla conferenza è intervenuto il sindaco Luca Benedetti, che ha ringraziato i volontari.",
            [("Luca Benedetti", "sindaco")],
        ),
        (
            "L'assessora alle politiche sociali Chiara Fontana ha presentato il piano.",
            [("Chiara Fontana", "assessora alle politiche sociali")],
        ),
        (
            "Il segretario generale della Cisl di Bergamo Danilo Mazzoleni ha firmato il protocollo.",
            [("Danilo Mazzoleni", "segretario generale della Cisl di Bergamo")],
        ),
        (
            "Il ministro del Lavoro Andrea Orlando ha incontrato i sindacati.",
            [("Andrea Orlando", "ministro del Lavoro")],
        ),
        (
            "La presidente Serena Galli ha aperto i lavori del tavolo.",
            [("Serena Galli", "presidente")],
        ),
        # NAME, ROLE
        (
            "Hanno firmato Giovanna Ferri, presidente dell'associazione Il Melograno, "
            "e Paolo Conti, direttore della Caritas diocesana.",
            [
                ("Giovanna Ferri", "presidente dell'associazione Il Melograno"),
                ("Paolo Conti", "direttore della Caritas diocesana"),
            ],
        ),
        (
            "Ha coordinato i lavori Anna Maria De Santis, direttrice del consultorio familiare.",
            [("Anna Maria De Santis", "direttrice del consultorio familiare")],
        ),
        (
            "Secondo Marco Invernizzi, coordinatore del tavolo anziani, servono più risorse.",
            [("Marco Invernizzi", "coordinatore del tavolo anziani")],
        ),
        (
            "Ha celebrato la messa don Angelo Riva, parroco di Carate.",
            [("Angelo Riva", "parroco di Carate")],
        ),
        # ROLE, TITLE NAME and ROLE: TITLE NAME
        (
            "Il garante dei diritti dei detenuti, avv. Francesca Moretti, ha visitato il carcere.",
            [("Francesca Moretti", "garante dei diritti dei detenuti")],
        ),
        (
            "Responsabile del procedimento: dott. Alessandro Marini",
            [("Alessandro Marini", "Responsabile del procedimento")],
        ),
        (
            "Per informazioni rivolgersi alla referente, sig.ra Tiziana Colombo.",
            [("Tiziana Colombo", "referente")],
        ),
        # NAME (ROLE), also with a first name missing from the list
        (
            "Saluti istituzionali di Gaetano Rizzo (Presidente della Conferenza dei Sindaci).",
            [("Gaetano Rizzo", "Presidente della Conferenza dei Sindaci")],
        ),
        (
            "Interviene Xhensila Morina (assistente sociale del Comune).",
            [("Xhensila Morina", "assistente sociale del Comune")],
        ),
        (
            "è nominato rappresentante nella persona della Signora Antonella Cattaneo (Presidente del Consorzio)",
            [("Antonella Cattaneo", "rappresentante, Presidente del Consorzio")],
        ),
        # NAME ROLE without comma, NAME della ORG
        (
            "Daniela Bonfanti segretaria Spi Cgil Lecco ha sottolineato l'importanza del patto.",
            [("Daniela Bonfanti", "segretaria Spi Cgil Lecco")],
        ),
        (
            "Erano presenti Fabio Ruggeri della Fondazione Comunitaria del Varesotto "
            "e Marta Gualtieri del Consorzio Sociale Alfa.",
            [
                ("Fabio Ruggeri", "della Fondazione Comunitaria del Varesotto"),
                ("Marta Gualtieri", "del Consorzio Sociale Alfa"),
            ],
        ),
        # Plural roles shared by a list
        (
            "Hanno firmato i sindaci di Lecco Mauro Gattinoni e di Merate Massimo Panzeri.",
            [("Mauro Gattinoni", "sindaco di Lecco"), ("Massimo Panzeri", "sindaco di Merate")],
        ),
        # Lists of authors
        (
            "Il documento è stato redatto a cura di Ottavia Brambilla, Yuna Kessler e Sandro Pellegrini.",
            [("Ottavia Brambilla", None), ("Yuna Kessler", None), ("Sandro Pellegrini", None)],
        ),
        (
            "Sono intervenuti Carlo D'Alessandro e Lucia Dell'Orto.",
            [("Carlo D'Alessandro", None), ("Lucia Dell'Orto", None)],
        ),
        ("Maria Teresa Colombo ha ricevuto il premio.", [("Maria Teresa Colombo", None)]),
        # Signature blocks, all caps too
        (
            "Il Responsabile del Servizio\nf.to Dott.ssa Laura Pirovano",
            [("Laura Pirovano", "Responsabile del Servizio")],
        ),
        ("IL DIRIGENTE\nDOTT. STEFANO GALBIATI", [("Stefano Galbiati", "Dirigente")]),
        ("Il Sindaco\nGIANLUCA FERRARIO\n", [("Gianluca Ferrario", "Sindaco")]),
        (
            "Gianni Brivio\nCoordinatore dell'Ufficio di Piano",
            [("Gianni Brivio", "Coordinatore dell'Ufficio di Piano")],
        ),
        ("ROSSETTI Elena – Presidente", [("Elena Rossetti", "Presidente")]),
        ("IL PRESIDENTE\n(Pietro Ganzerla)", [("Pietro Ganzerla", "Presidente")]),
        ("Firmato digitalmente da: BERETTA GIOVANNI", [("Giovanni Beretta", None)]),
        # Names wrapped across PDF lines; one name per line is a list, not one long name
        (
            "Alla presentazione del piano sociale di zona sono intervenuti il sindaco Mario\n"
            "Rossi e i rappresentanti delle associazioni del territorio.",
            [("Mario Rossi", "sindaco")],
        ),
        ("Maria Rossi\nGiuseppe Verdi\n", [("Maria Rossi", None), ("Giuseppe Verdi", None)]),
        # A role word that names a body, a role that belongs to someone else, a place before a name
        (
            "Il presidente della Fondazione Cariplo Giovanni Fosti ha annunciato il bando.",
            [("Giovanni Fosti", "presidente della Fondazione Cariplo")],
        ),
        ("Il documento è firmato dal Comitato dei Sindaci Lucio Dalla.", [("Lucio Dalla", None)]),
        ("Erano presenti il presidente dell'associazione e Anna Galimberti.", [("Anna Galimberti", None)]),
        (
            "Ha firmato il sindaco di Vittoria Francesco Aiello.",
            [("Francesco Aiello", "sindaco di Vittoria")],
        ),
        (
            "Ha aperto i lavori la presidente della commissione consiliare Xhensila Maria Rossi.",
            [("Xhensila Maria Rossi", "presidente della commissione consiliare")],
        ),
        # Not people: organisations, places, streets, phrases, headings
        ("Il presidente di Confcooperative Lombardia ha detto che il welfare è centrale.", []),
        ("Il presidente Confcooperative Lombardia ha detto che il welfare è centrale.", []),
        ("Intervengono: Legacoop Lombardia, Caritas Ambrosiana e Banco Alimentare.", []),
        ("Hanno aderito la Fondazione Don Gnocchi e il Piccolo Cottolengo Don Orione.", []),
        ("La Fondazione Enrico Zanetti ha finanziato il progetto.", []),
        # A health body's name after its kind: "Azienda Sanitaria Universitaria …", "Azienda USL …".
        ("Il Piano è attuato con l'Azienda Sanitaria Universitaria Giuliano Isontina (ASUGI).", []),
        ("Azienda USL Toscana Centro                       Il Direttore di Zona", []),
        ("Il centro si trova in Via Giuseppe Mazzini 12, accanto a Piazza Cavour.", []),
        ("Gli alunni della Scuola Secondaria Statale Alessandro Manzoni hanno partecipato.", []),
        ("Presso l'Istituto Comprensivo Maria Montessori di Lissone.", []),
        # municipalities named like people, a saint's town abbreviated, names in quotes
        ("Hanno firmato i sindaci di Rocca Massima e di Gallicano nel Lazio.", []),
        ("Era presente il sindaco di S. Mauro Marchesato.", []),
        ("Aderiscono l'IC “Gianni Rodari” e la banda ‘Giuseppe Verdi’ del paese.", []),
        ("L'Unione Reno Galliera ha approvato il bilancio.", []),
        ("Le domande via PEC (Posta Elettronica Certificata) entro il 3 marzo.", []),
        ("L'ASST Papa Giovanni XXIII gestisce il consultorio.", []),
        ("Piazza Vittorio Emanuele II ospiterà il mercato solidale.", []),
        ("Il Comune di Sesto San Giovanni aderisce alla rete.", []),
        ("Il contributo della Compagnia di San Paolo è stato decisivo.", []),
        ("Il Piano Sociale di Zona è approvato dall'Ufficio di Piano con il Terzo Settore.", []),
        ("Il progetto Vita Indipendente sostiene le persone con disabilità.", []),
        ("Emilia Romagna e Lombardia firmano l'intesa.", []),
        ("Nella Sala Rossa si è svolto l'incontro.", []),
        ("PIANO DI ZONA 2021-2023\nRELAZIONE FINALE DEL TAVOLO ANZIANI", []),
        ("CENTRO DIURNO MARIA ROSA\nOrari di apertura", []),
        ("Tra i partner figura Lumos Gamma.", []),
        # Signatures side by side: one name per column, each with the role above it.
        (
            "Cordiali saluti.\n\nIl Responsabile del Servizio          La Presidente del Comitato\n"
            "dott. Marco Ferri                     Lucia Gatti\n",
            [("Marco Ferri", "Responsabile del Servizio"), ("Lucia Gatti", "Presidente del Comitato")],
        ),
        # A name closing a line that signs for a body; a street there is no person.
        (
            "Letto e sottoscritto.\nPer CISL Ragusa – Marina Occhipinti\nPer il Comune – Viale Roma\n",
            [("Marina Occhipinti", None)],
        ),
        # A body's town that is also a first name is not part of the person named after it ...
        (
            "Ha firmato la segretaria della CGIL di Torino Elena Ferro.",
            [("Elena Ferro", "segretaria della CGIL di Torino")],
        ),
        # ... while after a plain preposition two first names open one person's name.
        ("La relazione è stata curata per conto di Paola Maria Rossi.", [("Paola Maria Rossi", None)]),
        # Names in a list, each with its role set off by commas after it.
        (
            "Parlano Marisa Giombetti, segretaria Spi Cgil, Giancarlo Ruggeri, segretario Fnp Cisl, e Loredana Amati, "
            "segretaria Uilp.",
            [
                ("Marisa Giombetti", "segretaria Spi Cgil"),
                ("Giancarlo Ruggeri", "segretario Fnp Cisl"),
                ("Loredana Amati", "segretaria Uilp"),
            ],
        ),
        # Speakers quoted together, each with a body in brackets, whatever their first names.
        (
            '"Serve un tavolo stabile" – dichiarano Mario Greco (Spi Cgil), Rosa Longo (Fnp Cisl) e Franco Ruggiero '
            "(Uilp).",
            [("Mario Greco", "Spi Cgil"), ("Rosa Longo", "Fnp Cisl"), ("Franco Ruggiero", "Uilp")],
        ),
    ],
)
def test_people(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert people(text) == expected


def test_a_town_in_capitals_that_is_a_first_name_is_no_surname_first_name() -> None:
    # "DI" alone is no surname: "COMUNE DI TARQUINIA" is not "Tarquinia Di".
    found = people("IL SINDACO DEL COMUNE DI TARQUINIA\nFrancesco Sposetti\n")
    assert [name for name, _ in found] == ["Francesco Sposetti"]


def test_towns_after_a_body_in_a_signature_column_are_no_person() -> None:
    text = (
        "Per il Comune di Vigevano                    Per CISL Pavia Lodi\n"
        "Il Sindaco Andrea Ceffa                      Il Segretario Anna Neri\n"
    )
    assert [name for name, _ in people(text)] == ["Andrea Ceffa", "Anna Neri"]


def test_surname_mentions_add_spans() -> None:
    text = (
        "Secondo l'assessore Marco Gentile il piano è pronto. "
        "«Siamo soddisfatti», ha detto Gentile. Anche il sindaco Ugo La Rosa concorda: "
        "hanno parlato Gentile e La Rosa."
    )
    found = find_people(analyze(text))
    assert [p.name for p in found] == ["Marco Gentile", "Ugo La Rosa"]
    gentile, la_rosa = found
    assert [text[s:e] for s, e in gentile.spans] == ["Marco Gentile", "Gentile", "Gentile"]
    assert [text[s:e] for s, e in la_rosa.spans] == ["Ugo La Rosa", "La Rosa"]


def test_repeated_full_name_is_one_person() -> None:
    text = "Introduce Sara Bellini, dirigente dell'Area Welfare. Chiude i lavori Sara Bellini."
    (person,) = find_people(analyze(text))
    assert person.role == "dirigente dell'Area Welfare"
    assert [text[s:e] for s, e in person.spans] == ["Sara Bellini", "Sara Bellini"]


def test_title_is_not_part_of_the_name() -> None:
    text = "Relatore: prof. Giacomo Sartori"
    (person,) = find_people(analyze(text))
    assert person.name == "Giacomo Sartori"
    assert text[person.spans[0][0] : person.spans[0][1]] == "Giacomo Sartori"


def test_first_names_file_is_what_the_script_builds() -> None:
    source = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    assert data_text("first_names.txt") == build_first_names.render(source)


def test_first_names_expand_plus_like_gender_guesser() -> None:
    line = "M  Gian+Carlo" + " " * 17 + "   5" + " " * 50 + "$"
    assert build_first_names.italian_names(line) == ["Gian Carlo", "Gian-Carlo", "GianCarlo"]


def test_ambiguous_first_names_are_first_names() -> None:
    assert set(load("people")["ambiguous_first_names"]) <= word_set("first_names.txt")
