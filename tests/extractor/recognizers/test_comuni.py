"""Comuni: municipalities named as such, resolved to ISTAT codes."""

from __future__ import annotations

import itertools
import time

import pytest

from extractor.nlp import analyze
from extractor.recognizers.comuni import find_comuni, town_lists


def comuni(text: str) -> list[tuple[str, str | None]]:
    return [(c.name, c.istat) for c in find_comuni(analyze(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Comune di", "Città di", sindaco
        ("Il Comune di Vigevano ha approvato il bando.", [("Vigevano", "018177")]),
        ("La Città di Biella promuove la rete.", [("Biella", "096004")]),
        ("È intervenuta la sindaca di Faenza.", [("Faenza", "039010")]),
        ("Il COMUNE DI SANT'ANGELO LODIGIANO aderisce.", [("Sant'Angelo Lodigiano", "098050")]),
        (
            "Hanno firmato il sindaco di Ruvo di Puglia e il Comune di Molfetta.",
            [("Ruvo di Puglia", "072038"), ("Molfetta", "072029")],
        ),
        # lists after a cue
        (
            "Aderiscono i comuni di Gessate, Pessano con Bornago e Cassina de Pecchi.",
            [("Gessate", "015106"), ("Pessano con Bornago", "015172"), ("Cassina de' Pecchi", "015060")],
        ),
        (
            "Il distretto comprende i Comuni di Lecco, Valmadrera; Malgrate ed Oliveto Lario.",
            [("Lecco", "097042"), ("Valmadrera", "097083"), ("Malgrate", "097045"), ("Oliveto Lario", "097060")],
        ),
        (
            "Le amministrazioni comunali di Fano, Pesaro e Urbino hanno firmato.",
            [("Fano", "041013"), ("Pesaro", "041044"), ("Urbino", "041067")],
        ),
        # typos in a cue list: a very close one alone, a looser one with a neighbour
        ("Partecipano i comuni di Bussero e Cambiagio.", [("Bussero", "015040"), ("Cambiago", "015044")]),
        (
            "Partecipano i comuni di Carugate, Combiago e Gorgonzola.",
            [("Carugate", "015051"), ("Cambiago", "015044"), ("Gorgonzola", "015108")],
        ),
        # ambiti and distretti named after a town
        ("L'Ambito di Desio ha approvato il Piano.", [("Desio", "108023")]),
        ("Il Distretto socio-sanitario n. 12 di Bagheria coordina i servizi.", [("Bagheria", "082006")]),
        (
            "Comuni degli Ambiti di Garbagnate Milanese e Corsico.",
            [("Garbagnate Milanese", "015105"), ("Corsico", "015093")],
        ),
        ("La programmazione dell'Ambito territoriale Rhodense prosegue.", []),
        # head of a district
        ("Lodi è capofila del progetto di rete.", [("Lodi", "098031")]),
        # datelines
        ("Monza, 24 novembre 2016\nOggetto: accordo", [("Monza", "108033")]),
        ("Lecce, lì 03/02/2021\nIl Dirigente", [("Lecce", "075035")]),
        ("Bergamo, martedì 4 maggio 2021. Si è riunito il tavolo.", [("Bergamo", "016024")]),
        # meeting places
        ("L'assemblea si terrà a Cremona presso la sala consiliare.", [("Cremona", "019036")]),
        ("L'incontro si svolgerà nella sala civica di Abbiategrasso.", [("Abbiategrasso", "015002")]),
        ("Il convegno è stato presentato al Teatro Sociale – Como.", [("Como", "013075")]),
        # homonyms
        ("Il Comune di Samone (TO) ha aderito.", [("Samone", "001235")]),
        ("Il Comune di Samone (Trento) ha aderito.", [("Samone", "022165")]),
        ("Aderiscono i Comuni di Cles, Livo e Rumo.", [("Cles", "022062"), ("Livo", "022106"), ("Rumo", "022163")]),
        (
            "Aderiscono i Comuni di Gravedona ed Uniti, Livo e Peglio.",
            [("Gravedona ed Uniti", "013249"), ("Livo", "013130"), ("Peglio", "013178")],
        ),
        ("Il Comune di San Teodoro aderisce.", [("San Teodoro", None)]),
        # a list standing alone on its lines
        (
            "Distretto Nord\n\nBollate, Garbagnate Milanese, Paderno Dugnano,\nSenago, Solaro.\n",
            [
                ("Bollate", "015027"),
                ("Garbagnate Milanese", "015105"),
                ("Paderno Dugnano", "015166"),
                ("Senago", "015206"),
                ("Solaro", "015213"),
            ],
        ),
        # names that are words, only with a cue
        ("Il Comune di Ala e il Comune di Pace del Mela firmano.", [("Ala", "022001"), ("Pace del Mela", "083064")]),
        ("Il sindaco di Bella ha firmato.", [("Bella", "076012")]),
        # negatives: bodies, ordinary words, first names
        ("Hanno firmato CISL Monza Brianza Lecco e ATS Milano.", []),
        ("La Provincia di Monza e Brianza e la Diocesi di Como.", []),
        ("La Fondazione della Comunità di Monza e Brianza finanzia il bando.", []),
        ("ASST Lariana e Caritas Ambrosiana collaborano.", []),
        ("L'incontro si è tenuto presso la sede del centro di servizio al volontariato di Foggia.", []),
        ("Ala destra del palazzo. Campo scuola estivo. Monte ore annuo.", []),
        ("Pace e giustizia sociale. Tre obiettivi. Bella iniziativa a Regina Margherita.", []),
        ("L'evento è stato presentato a Bruno e a Regina dal presidente.", []),
        ("Nell'ambito di Campo Aperto si terrà un incontro.", []),
        ("I Comuni della Brianza e i Comuni lombardi.", []),
    ],
)
def test_comuni_with_cues(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert comuni(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # any registry name counts without a cue when it is no ordinary word
        (
            "Il tavolo si è riunito a Pordenone con Trieste e Udine.",
            [("Pordenone", "093033"), ("Trieste", "032006"), ("Udine", "030129")],
        ),
        ("IL SINDACO DEL COMUNE DI CASTELLEONE\n(firmato digitalmente)", [("Castelleone", "019025")]),
        ("Sede legale: Via Roma 5 - 26100 Cremona", [("Cremona", "019036")]),
        (
            "Vincenzo Voce (Crotone), Rosario Macrì (Belvedere Spinello).",
            [("Crotone", "101010"), ("Belvedere di Spinello", "101001")],
        ),
        # lists without a cue: comma, bullets, numbered tables; words among them count too (Ceto)
        (
            "Partecipano Albino, Nembro, Alzano Lombardo e Ranica.",
            [("Albino", "016004"), ("Nembro", "016144"), ("Alzano Lombardo", "016008"), ("Ranica", "016178")],
        ),
        (
            "Aderiscono:\n• Breno\n• Cevo\n• Ceto\n• Esine\n",
            [("Breno", "017028"), ("Cevo", "017051"), ("Ceto", "017050"), ("Esine", "017070")],
        ),
        (
            "N. COMUNE\n1 Arcene\n2 Boltiere\n3 Ciserano\n",
            [("Arcene", "016011"), ("Boltiere", "016029"), ("Ciserano", "016075")],
        ),
        # a word that is a town counts with its province in brackets
        ("Lo sportello ha sede a Cori (LT) dal 2020.", [("Cori", "059006")]),
        # abbreviated saints, a dropped "di", a name cut before its qualifier after a cue
        (
            "Firmano i sindaci di S. Giovanni Rotondo e Manfredonia.",
            [("San Giovanni Rotondo", "071046"), ("Manfredonia", "071029")],
        ),
        ("Il progetto coinvolge Isola Capo Rizzuto.", [("Isola di Capo Rizzuto", "101013")]),
        # a town after a street address, even one that is also a word; not a floor or a field after one
        ("Ufficio di Piano - via Goldaniga 11, Crema - tel. 0373 218720", [("Crema", "019035")]),
        ("Sede in via Roma 12, piano terra, stanza 4.", []),
        # a letterhead's towns set apart by middle dots; three towns written exactly, one of them no word
        (
            "Ambito Territoriale di Conversano\nConversano · Monopoli · Polignano a Mare\n",
            [("Conversano", "072019"), ("Monopoli", "072030"), ("Polignano a Mare", "072035")],
        ),
        (
            "Conversano – Monopoli – Polignano a Mare",
            [("Conversano", "072019"), ("Monopoli", "072030"), ("Polignano a Mare", "072035")],
        ),
        # two words of a name written as one
        (
            "Aderiscono i Comuni di Nola, San Paolo Belsito e Saviano.",
            [("Nola", "063050"), ("San Paolo Bel Sito", "063069"), ("Saviano", "063076")],
        ),
        ("Ha parlato il sindaco di Cisterna.", [("Cisterna di Latina", "059005")]),
        # not towns: a region, a hall, a person, a thing with an article, a foundation, a province after a town
        ("Il sistema integrato del Friuli Venezia Giulia.", []),
        ("Si terrà presso la Sala Conferenze Arpino.", []),
        ("Giovanni Lodi, presidente della cooperativa.", []),
        ("Ci vediamo al Cisternino di Città.", []),
        ("Con il contributo della Compagnia di San Paolo.", []),
        ("COMUNE DI ZOLA PREDOSA (BOLOGNA)", [("Zola Predosa", "037060")]),
        ("Il centro provinciale istruzione adulti di Mantova aderisce.", []),
        # an ordinary word is no short form of a town's name ("Piazza" for Piazza al Serchio)
        ("La sede del Comune di Policoro,\nPiazza Aldo Moro 1.", [("Policoro", "077021")]),
        # a street on the line under its "via"
        ("L'ASST ha sede in Vimercate, via\nSanti Cosma e Damiano 10.", [("Vimercate", "108050")]),
        # a list of towns set apart by dashes, one ending its line, with the lead town's role in brackets
        (
            "Comuni di Pomigliano d'Arco (capofila) – Sant'Anastasia – Somma Vesuviana –\nBrusciano",
            [
                ("Pomigliano d'Arco", "063057"),
                ("Sant'Anastasia", "063072"),
                ("Somma Vesuviana", "063079"),
                ("Brusciano", "063010"),
            ],
        ),
        (
            "Aci Castello – Aci Catena – Acireale –\nSanta Venerina – Valverde",
            [
                ("Aci Castello", "087002"),
                ("Aci Catena", "087003"),
                ("Acireale", "087004"),
                ("Santa Venerina", "087048"),
                ("Valverde", "087052"),
            ],
        ),
        # "sul …" cut to "s/" and the first letters of the word after it
        (
            "Guiglia - Marano s/P - Savignano s/P - Spilamberto",
            [
                ("Guiglia", "036017"),
                ("Marano sul Panaro", "036020"),
                ("Savignano sul Panaro", "036041"),
                ("Spilamberto", "036045"),
            ],
        ),
        ("I Comuni di Savignano s/Rubicone e Gatteo.", [("Savignano sul Rubicone", "040045"), ("Gatteo", "040016")]),
        # the word that ends a heading over a list of towns is no town of the list ("Terre di Castelli")
        (
            "UNIONE TERRE DI CASTELLI\nCastelnuovo Rangone - Castelvetro di Modena - Guiglia - Vignola\n",
            [
                ("Castelnuovo Rangone", "036007"),
                ("Castelvetro di Modena", "036008"),
                ("Guiglia", "036017"),
                ("Vignola", "036046"),
            ],
        ),
    ],
)
def test_comuni_from_the_gazetteer(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert comuni(text) == expected


def test_one_item_per_comune_with_every_mention() -> None:
    text = "Il Comune di Lodi e il sindaco di Lodi. Lodi, 3 marzo 2020"
    (item,) = find_comuni(analyze(text))
    assert item.name == "Lodi" and item.surface == "Lodi"
    assert [text[s:e] for s, e in item.spans] == ["Lodi", "Lodi", "Lodi"]


def test_surface_keeps_the_typo() -> None:
    (item,) = find_comuni(analyze("Partecipa il Comune di Cambiagio."))
    assert (item.name, item.surface, item.istat) == ("Cambiago", "Cambiagio", "015044")


def test_surface_of_a_name_broken_across_lines() -> None:
    text = "Città di\n**CERNUSCO\nSUL NAVIGLIO**\nProvincia di Milano"
    (item,) = find_comuni(analyze(text))
    assert (item.name, item.surface) == ("Cernusco sul Naviglio", "CERNUSCO SUL NAVIGLIO")
    assert text[slice(*item.spans[0])] == "CERNUSCO\nSUL NAVIGLIO"


# Words that are also names of comuni, used as ordinary words below.
_TRAPS = [
    "ala",
    "campo",
    "monte",
    "pace",
    "bella",
    "tre",
    "vigo",
    "salle",
    "regina",
    "grotte",
    "rose",
    "opera",
    "calcio",
    "medicina",
    "lettere",
    "norma",
    "posta",
    "colonna",
    "fonte",
    "piscina",
    "chiesa",
    "torre",
    "villa",
    "ponte",
    "porte",
    "isola",
    "scala",
    "costa",
    "zone",
    "paese",
]
_SUBJECTS = [
    "l'Ufficio di Piano",
    "il Tavolo tecnico",
    "l'Assemblea dei Sindaci",
    "la cabina di regia",
    "il servizio sociale professionale",
    "la cooperativa sociale",
    "il gruppo di lavoro",
    "la rete territoriale",
    "l'équipe multidisciplinare",
    "il coordinamento d'ambito",
]
_VERBS = [
    "promuove",
    "coordina",
    "verifica",
    "monitora",
    "sostiene",
    "programma",
    "valuta",
    "realizza",
    "condivide",
    "organizza",
]
_OBJECTS = [
    "gli interventi per la non autosufficienza",
    "i progetti di inclusione attiva",
    "la presa in carico integrata",
    "le azioni di sistema",
    "i percorsi di autonomia abitativa",
    "la co-progettazione con il terzo settore",
    "i servizi domiciliari",
    "il fondo povertà",
    "le politiche giovanili",
    "i tirocini di inclusione",
]
_TEMPLATES = [
    "{Trap} è la parola chiave: {subject} {verb} {object} con attenzione alla {trap}.",
    "{Subject} {verb} {object} nell'ambito di {Trap} e Comunità, come previsto dal Piano.",
    "Titolo: {Trap} {Trap2} – {subject} {verb} {object}.",
    "Nel corso dell'incontro {subject} {verb} {object}; la {trap} resta un tema aperto.",
    "{Subject} e il Comune {verb} {object} secondo il principio della {trap}.",
    "Il Sindaco {verb} {object} insieme alla {trap} e al {trap2} del territorio.",
    "Si è svolto un seminario a {Trap} sulla {trap2}, dove {subject} {verb} {object}.",
    "La Regione, la Provincia e i Comuni {verb}no {object}; {Trap} {trap2} non sono previste.",
    "{Trap}, {Trap2} e {Trap3}: tre assi su cui {subject} {verb} {object}.",
    "Presso la sede del {Trap} {subject} {verb} {object} entro il 30 giugno.",
]


def _neutral_text(words: int) -> str:
    """Deterministic welfare-administration prose in which no municipality is meant."""
    sentences: list[str] = []
    count = 0
    combos = itertools.product(range(len(_TEMPLATES)), range(len(_TRAPS)), range(len(_SUBJECTS)))
    for i, (t, w, s) in enumerate(combos):
        trap, trap2, trap3 = _TRAPS[w], _TRAPS[(w + 7) % len(_TRAPS)], _TRAPS[(w + 13) % len(_TRAPS)]
        subject = _SUBJECTS[s]
        sentence = _TEMPLATES[t].format(
            trap=trap,
            Trap=trap.capitalize(),
            trap2=trap2,
            Trap2=trap2.capitalize(),
            Trap3=trap3.capitalize(),
            subject=subject,
            Subject=subject[0].upper() + subject[1:],
            verb=_VERBS[(i + s) % len(_VERBS)],
            object=_OBJECTS[(i + w) % len(_OBJECTS)],
        )
        sentences.append(sentence)
        count += len(sentence.split())
        if count >= words:
            break
    paragraphs = [" ".join(sentences[i : i + 6]) for i in range(0, len(sentences), 6)]
    return "\n\n".join(paragraphs)


def test_neutral_text_yields_almost_no_comuni() -> None:
    text = _neutral_text(20_000)
    assert len(text.split()) >= 20_000
    analysis = analyze(text)
    started = time.perf_counter()
    found = find_comuni(analysis)
    elapsed = time.perf_counter() - started
    assert len(found) <= 2, [(c.name, c.surface) for c in found]
    assert elapsed < 5.0


@pytest.mark.parametrize(
    ("text", "lists"),
    [
        (
            "Erano presenti Albino, Nembro, Ranica e Alzano Lombardo.",
            [["Albino", "Nembro", "Ranica", "Alzano Lombardo"]],
        ),
        ("Sede a Albino e Nembro.", []),  # two towns are no list
        (
            "Comuni: Breno, Cevo, Ceto. Poi Bergamo, Crema e Cremona.",
            [["Breno", "Cevo", "Ceto"], ["Bergamo", "Crema", "Cremona"]],
        ),
    ],
)
def test_town_lists(text: str, lists: list[list[str]]) -> None:
    found = town_lists(text)
    assert [[name for _, _, name in towns] for towns in found] == lists
    for towns in found:
        assert all(text[s:e] == name for s, e, name in towns)


def test_roll_call_marks_beside_town_names_do_not_hide_them() -> None:
    text = (
        "Risultano presenti (P) o assenti (A) i rappresentanti dei Comuni:\n"
        "Borno P – Breno P – Esine A – Cividate Camuno P – Malegno P – Ossimo A"
    )
    assert [c.name for c in find_comuni(analyze(text))] == [
        "Borno", "Breno", "Esine", "Cividate Camuno", "Malegno", "Ossimo",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    ["rappresentata dal parroco don Pasquale Di Lecce;", "interviene la dottoressa Anna Di Capua, pediatra"],
)
def test_a_surname_made_of_a_particle_and_a_town_is_no_comune(text: str) -> None:
    assert find_comuni(analyze(text)) == []
