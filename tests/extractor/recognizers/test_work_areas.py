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


def test_an_area_named_alone_on_its_line_keeps_all_its_words() -> None:
    # Each section of a register names one area on its line: the words that do not name a field go too.
    text = (
        "L'Albo è suddiviso in sezioni:\n   Sezione A – Area anziani non autosufficienti\n      (assistenza, igiene)\n"
        "   Sezione B – Area sostegno ai caregiver familiari\n      (sollievo a domicilio)\n"
        "Ogni ente può chiedere l'iscrizione.\nIl referente dell'area disabilità risponde alle domande."
    )
    assert labels(text) == [
        "Area anziani non autosufficienti",
        "Area sostegno ai caregiver familiari",
        "area disabilità",
    ]


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
        # A local newspaper's sections, its menu flattened into one line.
        "NordEst Oggi | Veneto\nPolitica  Cronaca  Sanità  Sociale\n\nFirmata l'intesa tra Regione e Anci.",
        # After an area introduction, a paragraph of wrapped prose or a table in columns is no list of names.
        "Il Piano affronta questi temi:\nIl servizio sociale professionale ha seguito nel corso dell'anno oltre\n"
        "trecento nuclei familiari, con particolare attenzione alle famiglie con minori.\n",
        "Queste le aree finanziate:\nAREA DI INTERVENTO      SPESA 2023\nFamiglia e minori       3.912.000\n",
        # What went wrong, not how the work is divided.
        "Le principali criticità emerse riguardano: la carenza di personale, i tempi di attesa, la frammentazione.",
        # Who the work is for, not how it is divided.
        "Destinatari degli interventi:\n- anziani over 65;\n- persone con disabilità;\n- famiglie con minori.\n",
        "Il nuovo servizio, finanziato dal Fondo povertà, si rivolge a:\n- persone senza dimora;\n"
        "- donne vittime di violenza;\n- famiglie in emergenza abitativa.\n",
        # Articles of a regulation.
        "Si approva il seguente regolamento:\n- Articolo 1: Finalità\n- Articolo 2: Sede\n- Articolo 3: Tavoli\n",
        # Agenda of a meeting.
        "Il programma:\n- Ore 16 - Saluti\n- Ore 17 - Tavola rotonda sulle politiche sociali\n",
        # A list of objectives.
        "Gli obiettivi del tavolo sono:\n- ridurre le liste d'attesa\n- aumentare i posti nei nidi\n",
        # The actions a plan's sheet lists, each what to do, whatever fields of welfare they touch.
        "Titolo obiettivo: Rafforzare la domiciliarità\nAzioni previste nel triennio:\n"
        "- mappatura dei servizi domiciliari esistenti;\n- attivazione di uno sportello per i caregiver.\n",
        # Tools, even when they are tables.
        "La Rete si avvale dei seguenti strumenti:\n1. Tavolo dei sindaci, per programmare.\n2. Carta famiglia.\n",
        # Objectives of a plan in running text, not policies.
        "Sostegno ai minori, donne vittime di violenza, anziani e disabili, lotta alla povertà "
        "sono tra gli obiettivi del piano.",
        # Plain prose.
        "Il Comune ha approvato il bilancio e ha ringraziato i volontari per il lavoro svolto.",
        # Objectives written as clauses after a nominal introduction, inline.
        "Le finalità dell'intesa sono: garantire a tutti i cittadini l'accesso ai servizi, "
        "ridurre le liste di attesa, sostenere le famiglie più fragili.",
        # A requirement list of documents.
        "Documenti da allegare: carta d'identità, codice fiscale, attestazione ISEE, certificato medico.",
        # An address block that happens to hold an area noun before a colon.
        "Sede: Unione Montana - Area Nord Via Roma 5 21010 Varese Tel.: 0331/123456, fax 0331/654321, "
        "www.unione.it, orari di apertura.",
        # One numbered heading alone is not a structure.
        "1. POLITICHE GIOVANILI\nIl Comune apre un centro.\n",
        # Territorial districts listed after "ambiti", in any form.
        "I Comuni degli ambiti di: Desio, Monza, Carate Brianza e Seregno.",
        "Hanno aderito tre ambiti (Lissone, Vimercate, Brugherio) e due ASST.",
        "Gli ambiti coinvolti sono Desio, Monza, Carate e Seregno.",
        # Two quoted titles without a noun introducing projects.
        "Il sindaco ha citato “La casa di tutti” e “Un filo che unisce” come esempi.",
        # A passive after the copula: who the tables are open to, what they will collect.
        "I tavoli saranno aperti a enti del Terzo settore, parti sociali, scuole e cittadini. Da ciascun tavolo "
        "saranno raccolti bisogni, priorità e proposte.",
        # What a report says was carried on or done, not the areas of its work.
        "Nel 2024 sono proseguiti i progetti di comunità: il Caffè Alzheimer di Vignola, il servizio di portierato "
        "sociale nei quartieri e lo sportello per le assistenti familiari.",
    ],
)
def test_not_work_areas(text: str) -> None:
    assert labels(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A nominal introduction ("obiettivi") whose items are names, one with a purpose cut off.
        (
            "Le priorità condivise dai sindacati e dal Comune sono: casa, lavoro stabile, "
            "salute mentale per ridurre i ricoveri, istruzione.",
            ["casa", "lavoro stabile", "salute mentale", "istruzione"],
        ),
        # A copula without colon after a subject naming areas.
        (
            "Gli ambiti di intervento dell'Unione sono la scuola, la disabilità, i trasporti e la casa.",
            ["scuola", "disabilità", "trasporti", "casa"],
        ),
        # A verb naming what the requirements cover.
        (
            "Il marchio richiede standard che riguardano: servizi per l'infanzia, tariffe, verde pubblico, "
            "comunicazione.",
            ["servizi per l'infanzia", "tariffe", "verde pubblico", "comunicazione"],
        ),
        # Bullets flattened into one line by the layout.
        (
            "La guida è organizzata in settori: • famiglie • anziani • lavoro e formazione, con schede.",
            ["famiglie", "anziani", "lavoro e formazione"],
        ),
        # Genitive items after a plural noun.
        (
            "La piattaforma tocca i temi della casa, dell'occupazione e della mobilità sostenibile nei quartieri.",
            ["casa", "occupazione", "mobilità sostenibile"],
        ),
        # Quoted project names after "progetti", each categorised by what follows it.
        (
            "Sono finanziati i progetti “Ponti sospesi”, rivolto agli anziani soli, e “Mani in pasta”, per "
            "ragazzi con disabilità.",
            ["Ponti sospesi", "Mani in pasta"],
        ),
        # Numbered capital headings on lines of their own.
        (
            "1. POLITICHE FISCALI\nLe aliquote restano ferme.\n2. POLITICHE ABITATIVE\nUn nuovo bando.\n",
            ["POLITICHE FISCALI", "POLITICHE ABITATIVE"],
        ),
        # Numbered capital headings run into the text by a flattened layout.
        (
            "Verbale. 1. POLITICHE TRIBUTARIE Il Comune conferma le esenzioni. 2. SERVIZI AGLI ANZIANI "
            "Sarà esteso il servizio pasti.",
            ["POLITICHE TRIBUTARIE", "SERVIZI AGLI ANZIANI"],
        ),
        # A list in brackets after a plural noun.
        (
            "Sono partiti cinque tavoli (minori, giovani, anziani, povertà, immigrazione) aperti a tutti.",
            ["minori", "giovani", "anziani", "povertà", "immigrazione"],
        ),
        # A list between dashes.
        (
            "Il Piano lavora su tre assi – casa, lavoro, salute – con fondi regionali.",
            ["casa", "lavoro", "salute"],
        ),
        # Tables named in running text, the first word after the head skipped when an article.
        (
            "Sono ripartiti il Tavolo per la disabilità e il Tavolo Minori, mentre il Tavolo Anziani è sospeso.",
            ["Tavolo per la disabilità", "Tavolo Minori", "Tavolo Anziani"],
        ),
        # An introduction left without its colon.
        (
            "Le aree del nuovo Piano sono le seguenti\n1. Giovani\n2. Domiciliarità\n3. Povertà\n",
            ["Giovani", "Domiciliarità", "Povertà"],
        ),
        # Numbered heads keep the name after the number; inline markers are dropped.
        (
            "Il programma individua i seguenti assi:\n- Asse 1: Inclusione attiva;\n- Asse 2 – Abitare;\n",
            ["Asse 1: Inclusione attiva", "Asse 2 – Abitare"],
        ),
        (
            "Le macro-aree del Piano sono: a) famiglie e minori; b) anziani; c) disabilità.",
            ["famiglie e minori", "anziani", "disabilità"],
        ),
        # a heading naming areas over a marker list, with no colon
        (
            "LINEE DI INTERVENTO\nA) Sostegno alla genitorialità\nB) Inclusione lavorativa\n"
            "C) Contrasto alla povertà\n",
            ["Sostegno alla genitorialità", "Inclusione lavorativa", "Contrasto alla povertà"],
        ),
        (
            "Aree di intervento\n• Famiglia e minori\n• Anziani\n• Disabilità\n",
            ["Famiglia e minori", "Anziani", "Disabilità"],
        ),
        # A specifying introduction ("in particolare:") before short names of fields of work.
        (
            "Il Comune rafforzerà i servizi alla persona e in particolare: ticket sanitari; trasporto "
            "sociale; assistenza domiciliare.",
            ["ticket sanitari", "trasporto sociale", "assistenza domiciliare"],
        ),
        (
            "L'accordo si concentra nello specifico su: centri diurni per anziani, mensa solidale, "
            "doposcuola e sportello casa.",
            ["centri diurni per anziani", "mensa solidale", "doposcuola", "sportello casa"],
        ),
        # After semicolons an "e" followed by a complement stays inside the last item.
        (
            "Le linee d'azione del Patto sono: prevenzione del disagio giovanile; sostegno all'abitare; "
            "conciliazione dei tempi di vita e di lavoro.",
            [
                "prevenzione del disagio giovanile",
                "sostegno all'abitare",
                "conciliazione dei tempi di vita e di lavoro",
            ],
        ),
        # Numbered heads as section titles, with a dash or a full stop after the number.
        (
            "MACRO-AREA 1 - Famiglie e minori\nSostenere la genitorialità.\n\n"
            "MACRO-AREA 2 - Anziani e non autosufficienza\nPotenziare i servizi di prossimità.\n",
            ["MACRO-AREA 1 - Famiglie e minori", "MACRO-AREA 2 - Anziani e non autosufficienza"],
        ),
        (
            "Priorità 1. Domiciliarità\nPriorità 2. Inclusione attiva\nPriorità 3. Giovani\n",
            ["Priorità 1. Domiciliarità", "Priorità 2. Inclusione attiva", "Priorità 3. Giovani"],
        ),
        # Capital letters with a full stop as markers, the explanation after a dash cut off.
        (
            "Sono ammessi progetti sulle seguenti linee:\nA. Autonomia abitativa – appartamenti condivisi;\n"
            "B. Lavoro e tirocini – borse lavoro;\nC. Tempo libero – attività sportive.\n",
            ["Autonomia abitativa", "Lavoro e tirocini", "Tempo libero"],
        ),
        # Lower-case fields of work in brackets after "ambiti", separated by semicolons.
        (
            "Il progetto opera in tre ambiti (orientamento scolastico; sostegno allo studio; sport di squadra).",
            ["orientamento scolastico", "sostegno allo studio", "sport di squadra"],
        ),
        # Tables between dashes, separated by semicolons.
        (
            "Il Piano nasce da tre tavoli tematici — Giovani e lavoro; Anziani soli; Casa — aperti alle associazioni.",
            ["Giovani e lavoro", "Anziani soli", "Casa"],
        ),
        # The explanation after a dash is no item of its own; the actions' fields are the areas.
        (
            "Le azioni:\nI. Formazione — corsi per i settori della ristorazione, della cura e del turismo;\n"
            "II. Casa — alloggi temporanei.\n",
            ["Formazione", "Casa"],
        ),
        # The services or interventions on offer, when each names a service or a field of welfare.
        (
            "Il Comune attiva i seguenti servizi:\n- assistenza domiciliare agli anziani;\n"
            "- trasporto sociale per persone con disabilità;\n- sportello di ascolto per le famiglie.\n",
            [
                "assistenza domiciliare agli anziani",
                "trasporto sociale per persone con disabilità",
                "sportello di ascolto per le famiglie",
            ],
        ),
        (
            "SERVIZI OFFERTI\n• Centro diurno per anziani\n• Mediazione familiare\n",
            ["Centro diurno per anziani", "Mediazione familiare"],
        ),
        (
            "Cosa propone il Consultorio\n– Spazio gioco per bambini da 0 a 3 anni\n– Consulenza ai genitori\n",
            ["Spazio gioco per bambini da 0 a 3 anni", "Consulenza ai genitori"],
        ),
        # With no colon, what an agreement covers, the list closed by its "e" ("…, e si estende …").
        (
            "Il progetto riguarda l'assistenza domiciliare, la consegna dei pasti a domicilio e il trasporto "
            "sociale, e si estende quest'anno ai comuni della collina.",
            ["assistenza domiciliare", "consegna dei pasti a domicilio", "trasporto sociale"],
        ),
        # A long item names its area before the first comma.
        (
            "Sono finanziati i seguenti interventi:\na) Centro di accoglienza notturna per persone senza dimora "
            "della città e dei comuni vicini, aperto tutto l'anno con servizio mensa;\n"
            "b) Servizio di pronto intervento sociale.\n",
            [
                "Centro di accoglienza notturna per persone senza dimora della città e dei comuni vicini",
                "Servizio di pronto intervento sociale",
            ],
        ),
        # Items numbered with a sub-number, their explanation in brackets.
        (
            "Le attività si articolano nelle seguenti aree di intervento:\n2.1 Salute e prevenzione (gruppi di "
            "cammino);\n2.2 Formazione permanente (corsi serali);\n2.3 Abitare e mobilità (trasporto a chiamata).\n",
            ["Salute e prevenzione", "Formazione permanente", "Abitare e mobilità"],
        ),
        # A word processor's second-level "o" bullets under each item are its actions, not more items.
        (
            "Le parti individuano i seguenti ambiti di lavoro, per ciascuno dei quali si indicano le azioni:\n"
            "a) Anziani e fragilità\n   o sostenere i caregiver familiari;\n   o attivare il custode sociale;\n"
            "b) Casa\n   o costituire un'agenzia per l'abitare;\n",
            ["Anziani e fragilità", "Casa"],
        ),
        # Fronts named after a colon, and priorities "sulle quali" the plan concentrates (a relative, not "such as").
        (
            "Il Piano interviene su tre fronti: il sostegno alle famiglie, l'inclusione lavorativa e la domiciliarità.",
            ["sostegno alle famiglie", "inclusione lavorativa", "domiciliarità"],
        ),
        (
            "Sono emerse tre priorità sulle quali il Piano concentra le risorse: l'invecchiamento attivo, "
            "il benessere dei giovani, l'abitare sostenibile.",
            ["invecchiamento attivo", "benessere dei giovani", "abitare sostenibile"],
        ),
        # A section number before a numbered head does not make the heading a list item.
        (
            "3.2 MACRO-AREA 1 – WELFARE D'ACCESSO\nIl segretariato sociale.\n\n"
            "3.3 MACRO-AREA 2 – CASA E ABITARE\nGli alloggi.\n",
            ["MACRO-AREA 1 – WELFARE D'ACCESSO", "MACRO-AREA 2 – CASA E ABITARE"],
        ),
        # Heads of two words and numbers with a sub-number, before a dash.
        (
            "Obiettivo strategico 1 – Domiciliarità e cure intermedie\nSaranno aumentati i posti.\n\n"
            "Obiettivo strategico 2 – Casa e abitare\nVerranno ristrutturati gli alloggi.\n",
            ["Obiettivo strategico 1 – Domiciliarità e cure intermedie", "Obiettivo strategico 2 – Casa e abitare"],
        ),
        (
            "Il Piano si articola nelle seguenti misure:\nMisura 1.1 – Segretariato sociale\n"
            "Misura 1.2 – Pronto intervento sociale\nMisura 2.1 – Centri diurni per anziani\n",
            [
                "Misura 1.1 – Segretariato sociale",
                "Misura 1.2 – Pronto intervento sociale",
                "Misura 2.1 – Centri diurni per anziani",
            ],
        ),
        # The services an area's item lists after its colon are its contents, a level below the areas.
        (
            "Le principali linee del bilancio riguardano:\n1) area disabilità: centri diurni e comunità alloggio;\n"
            "2) area anziani: residenzialità, impegnative di cura e sollievo;\n3) area minori: tutela e affido.\n",
            ["area disabilità", "area anziani", "area minori"],
        ),
        # A saved page's list of links, each opened by ">" or "»".
        (
            "AREE DI INTERVENTO\n> Famiglia e minori\n> Disabilità\n> Politiche abitative\n\nUfficio di Piano\n",
            ["Famiglia e minori", "Disabilità", "Politiche abitative"],
        ),
        # A list a saved web page flattened to one name per line, with no marker, up to a blank line.
        (
            "Il Piano di Zona affronta questi temi:\nDisabilità e vita indipendente\nAnziani e non autosufficienza\n"
            "Minori e famiglie;\nContrasto alla povertà\n\nLe domande vanno presentate entro il 3 marzo.",
            [
                "Disabilità e vita indipendente",
                "Anziani e non autosufficienza",
                "Minori e famiglie",
                "Contrasto alla povertà",
            ],
        ),
        # A meeting's parallel workshops, listed under a time of the programme that is no list marker.
        (
            "Pomeriggio – Gruppi di lavoro\n15.00 Tre laboratori paralleli:\n   1. Casa e autonomia\n"
            "   2. Scuola e territorio\n   3. Sport e inclusione\n17.30 Conclusioni dei lavori\n",
            ["Casa e autonomia", "Scuola e territorio", "Sport e inclusione"],
        ),
        # A counted list keeps its last item whole though it holds an "e".
        (
            "La programmazione si articola in tre aree di intervento: la domiciliarità per gli anziani, "
            "l'inclusione lavorativa, la prevenzione e il contrasto della violenza di genere.",
            [
                "domiciliarità per gli anziani",
                "inclusione lavorativa",
                "prevenzione e il contrasto della violenza di genere",
            ],
        ),
        # A plan's numbered actions, each heading what was done under it.
        (
            "AZIONE 1 – Centro diurno per persone con disabilità\nStato: in corso.\n\n"
            "AZIONE 2 – Trasporto sociale\nStato: concluso.\n\nIntervento 3 – Sostegno alla locazione\nAvviato.\n",
            [
                "AZIONE 1 – Centro diurno per persone con disabilità",
                "AZIONE 2 – Trasporto sociale",
                "Intervento 3 – Sostegno alla locazione",
            ],
        ),
        (
            "Tavolo tematico n. 1 – Persone anziane\nmartedì 7 novembre, ore 10.00\n"
            "Tavolo tematico n. 2 – Immigrazione\nmercoledì 8 novembre, ore 10.00\n",
            ["Tavolo tematico n. 1 – Persone anziane", "Tavolo tematico n. 2 – Immigrazione"],
        ),
        # A numbered heading opens a list marked otherwise, also right after a list of other numbers.
        (
            "Obiettivi:\n1) ridurre l'isolamento degli anziani;\n2) sostenere le famiglie.\n\n"
            "2. LINEE DI INTERVENTO\nA) Domiciliarità\nB) Trasporto sociale\n",
            ["Domiciliarità", "Trasporto sociale"],
        ),
        (
            "c) Aree di lavoro del Centro\n   1. orientamento al lavoro;\n   2. tirocini formativi.\n",
            ["orientamento al lavoro", "tirocini formativi"],
        ),
        # The services a notice puts out for management, the head repeated.
        (
            "AVVISO PUBBLICO\n\nÈ indetta la co-progettazione per la gestione del servizio di assistenza "
            "educativa scolastica e la gestione del centro di aggregazione giovanile di via Roma.",
            ["servizio di assistenza educativa scolastica", "centro di aggregazione giovanile di via Roma"],
        ),
        # ... but not one field of action described with two heads, nor a single service
        ("Alla Regione spettano l'organizzazione e l'erogazione dei servizi sociali e sanitari.", []),
        ("Il Comune affida la gestione del servizio mensa scolastica per il prossimo triennio.", []),
        # ... but not where and when a table meets, a title that holds a known area's name, an office
        # in a letterhead, or the explanation of a list item
        ("Gli incontri dei tavoli sono a Como, nei giorni 3, 10 e 17 marzo, dalle 15 alle 17.", []),
        ("PATTO PER IL WELFARE DI COMUNITÀ DELLA VALLE SERIANA\n\nIl patto è firmato.", []),
        ("COMUNE DI FANO\nSettore Servizi Educativi\n\nAvviso per le iscrizioni ai nidi.", []),
        # ... but not what is offered when it names tasks, not services or fields, nor actions as clauses
        (
            "Il servizio comprende le seguenti prestazioni:\n- igiene personale;\n- riordino della casa;\n"
            "- disbrigo di pratiche.\n",
            [],
        ),
        (
            "Il progetto prevede le seguenti azioni:\n- attivare uno sportello per le famiglie;\n"
            "- potenziare il servizio di trasporto.\n",
            [],
        ),
        (
            "La relazione dà conto degli interventi realizzati: 215 anziani assistiti a domicilio, "
            "64 famiglie seguite dal servizio affidi, 30 minori nei centri diurni.",
            [],
        ),
        # ... nor what an act covers when it lists tasks or bodies, not services or fields
        (
            "L'area comprende il sostegno alla genitorialità, i servizi per la prima infanzia e l'affido familiare.",
            [],
        ),
        ("La convenzione riguarda la manutenzione, la pulizia dei locali e la custodia delle chiavi.", []),
        ("Il tavolo comprende il Comune, la ASL e le cooperative sociali del territorio.", []),
        # (A line wrapped before the conjunction "o" goes on its item: no bullet without indentation.)
        (
            "Le aree di intervento sono le seguenti:\n- anziani soli\no non autosufficienti;\n- disabilità.\n",
            ["anziani soli o non autosufficienti", "disabilità"],
        ),
        # ... nor numbered aims whose name is an action
        (
            "Obiettivo strategico 1 – Ridurre le liste d'attesa\nSi interviene.\n\n"
            "Obiettivo strategico 2 – Potenziare i servizi domiciliari\nSi interviene.\n",
            [],
        ),
        # ... nor what a passive after an area noun says is done, nor a calendar of numbered tables
        ("Per ciascuna area sono indicati obiettivi, servizi e risorse del triennio.", []),
        (
            "I tavoli si riuniscono come segue:\nTavolo 1 – martedì 3 marzo 2026, ore 10:00, Sala Rossa\n"
            "Tavolo 2 – giovedì 5 marzo 2026, ore 15.30, Sala Blu\n",
            [],
        ),
        # ... but not what a specifying introduction says of bodies, people or documents
        ("Hanno firmato in particolare: Caritas, Auser, Anteas e le ACLI.", []),
        ("Occorre allegare in particolare: domanda firmata; copia del documento; attestazione ISEE.", []),
        ("Il Comune precisa in particolare: saranno aperti i centri, riprenderà il trasporto, tornerà la mensa.", []),
        # ... but not a heading over other things, nor objectives written as clauses
        ("Destinatari\n• anziani soli\n• persone con disabilità\n", []),
        ("OBIETTIVI\n1. Rafforzare la rete dei servizi\n2. Ridurre le liste d'attesa\n", []),
        ("Le aree di intervento sono state discusse.\n• Famiglia\n• Anziani\n", []),
        # "quali" as a relative pronoun between the area noun and the colon does not make the list partial.
        (
            "Il Piano si articola nelle seguenti aree, per ciascuna delle quali\nè prevista una scheda:\n"
            "1. Famiglia e minori;\n2. Non autosufficienza;\n3. Contrasto alla povertà.\n",
            ["Famiglia e minori", "Non autosufficienza", "Contrasto alla povertà"],
        ),
        # "ambiti" named by what they are of, not territories.
        (
            "Le parti individuano i seguenti ambiti di confronto:\na) Politiche tariffarie;\nb) Politiche abitative.",
            ["Politiche tariffarie", "Politiche abitative"],
        ),
        # Capital headings under an article that names areas, each over its text, up to the next article.
        (
            "Art. 3 – Aree di lavoro\n\nCASA E ABITARE\nLe parti promuovono un'agenzia per l'affitto.\n\n"
            "GIOVANI E LAVORO\nIl Comune sosterrà i tirocini.\n\nArt. 4 – Durata\n\nDISPOSIZIONI FINALI\n"
            "Il patto dura tre anni.\n\nPER IL COMUNE DI SPOLETO\nIL SINDACO\n",
            ["CASA E ABITARE", "GIOVANI E LAVORO"],
        ),
        # A clause after the list that holds its only date is no item, and leaves the list a list ...
        (
            "Il Piano è articolato in quattro aree: famiglie e minori, anziani, disabilità e povertà, come deciso "
            "dal Comitato il 12 marzo 2024.",
            ["famiglie e minori", "anziani", "disabilità", "povertà"],
        ),
        (
            "Tavoli tematici: famiglia, anziani, disabilità, tutti il 12 marzo alle ore 17.",
            ["famiglia", "anziani", "disabilità"],
        ),
        # ... while dates among the items make a calendar
        ("Tavoli tematici: famiglie, anziani, disabili il 12 marzo e minori il 14 marzo.", []),
        # A table of work named by its theme in quotes.
        (
            'Ai componenti del Tavolo tematico "Anziani e non autosufficienza" del Piano di Zona.',
            ["Anziani e non autosufficienza"],
        ),
        # Heads numbered by an ordinal before them, each naming its area after the colon.
        (
            "Le linee individuano tre priorità:\nPrima priorità: la casa. Il Comune promuoverà un'agenzia.\n"
            "Seconda priorità: il lavoro dei giovani.\nTerza priorità: la solitudine degli anziani.\n",
            [
                "Prima priorità: la casa",
                "Seconda priorità: il lavoro dei giovani",
                "Terza priorità: la solitudine degli anziani",
            ],
        ),
        # Numbered capital headings, each over its text: the areas' names without their numbers.
        (
            "Le parti concordano sui seguenti punti.\n\n1. POLITICHE DI BILANCIO\nL'aliquota resta invariata.\n\n"
            "2. SERVIZI PER GLI ANZIANI\nIl Comune garantirà il servizio.\n\n3. POLITICHE ABITATIVE\n"
            "Sarà istituito un tavolo.\n",
            ["POLITICHE DI BILANCIO", "SERVIZI PER GLI ANZIANI", "POLITICHE ABITATIVE"],
        ),
        # Numbered tables over the days they meet; a report's section number before its heading.
        (
            "TAVOLO 1 - ANZIANI E DOMICILIARITÀ\nlunedì 6 marzo, ore 10, sala consiliare;\n\n"
            "TAVOLO 2 - INCLUSIONE SOCIALE E CONTRASTO ALLA POVERTÀ\nmercoledì 8 marzo, ore 15.\n",
            ["TAVOLO 1 - ANZIANI E DOMICILIARITÀ", "TAVOLO 2 - INCLUSIONE SOCIALE E CONTRASTO ALLA POVERTÀ"],
        ),
        (
            "2.1 AREA 1 – FAMIGLIE\n\nIl servizio è attivo.\n\n2.2 AREA 2 – DISABILITÀ\n\nI centri diurni.\n",
            ["AREA 1 – FAMIGLIE", "AREA 2 – DISABILITÀ"],
        ),
        # A report's prose organised by areas, each sentence opened by a frame naming one.
        (
            "Nell'area degli anziani è cresciuto il servizio domiciliare. Per quanto riguarda i minori, "
            "il centro ha seguito 90 famiglie. Sul fronte del contrasto alla povertà l'Ambito ha gestito "
            "300 domande. Infine, nell'ambito delle politiche abitative è nata l'agenzia per la casa.",
            ["anziani", "minori", "contrasto alla povertà", "politiche abitative"],
        ),
        # A saved web page's menu of areas flattened into one line, on its heading's line or the next.
        (
            "Il Consorzio gestisce i servizi sociali.\n\nAree di intervento  Minori e famiglie  Anziani  "
            "Disabilità  Casa e abitare\n\nLa sede è in via Roma.",
            ["Minori e famiglie", "Anziani", "Disabilità", "Casa e abitare"],
        ),
        ("AREE TEMATICHE\nPovertà | Lavoro | Giovani\n", ["Povertà", "Lavoro", "Giovani"]),
        # The tables of a calendar, whose introduction names them before "il seguente calendario", with "o" bullets.
        (
            "Il lavoro proseguirà nei tavoli tematici, che si riuniranno alle ore 15 secondo il seguente calendario:\n"
            "o Minori e famiglie – martedì 21 ottobre, Sacile\no Anziani – giovedì 23 ottobre, Brugnera\n"
            "o Disabilità – lunedì 27 ottobre, Caneva\n\nTavolo    Data    Ora    Sede\n",
            ["Minori e famiglie", "Anziani", "Disabilità"],
        ),
        # ... nor a table's header row under such a heading, whose rows are read as a table's
        (
            "LE AREE DI INTERVENTO\n\nAREA          SERVIZI                DESTINATARI\n"
            "Anziani       assistenza domiciliare  over 65\nDisabilità    centro diurno           adulti\n",
            ["Anziani", "Disabilità"],
        ),
        # ... but not an address or a timetable after such a word
        ("Aree di intervento  Via Garibaldi 4  Tel. 0365 1234  Orari 9-12\n", []),
        # Tables named with several groups joined by commas.
        (
            "Tavolo Famiglie, minori e giovani – giovedì 10 ottobre;\nTavolo Disabilità – venerdì 18 ottobre.",
            ["Tavolo Famiglie, minori e giovani", "Tavolo Disabilità"],
        ),
        # ... but two framed fields, or frames over what is no field of welfare, are not a structure
        (
            "Nell'area degli anziani è cresciuto il servizio. In materia di disabilità sono nati tre progetti.",
            [],
        ),
        (
            "In materia di trasparenza il Comune pubblica gli atti. Per quanto riguarda il bilancio, è in pareggio. "
            "Sul fronte della sicurezza stradale sono state posate nuove strisce.",
            [],
        ),
        # A head, its number and a dash make a heading however long or whatever follows it ...
        (
            "LINEA 1 – PREVENZIONE DEL DISAGIO GIOVANILE NELLE SCUOLE E NEI LUOGHI DI AGGREGAZIONE\nTesto.\n\n"
            "LINEA 2 – SOSTEGNO ALLA GENITORIALITÀ\nTesto.\n",
            [
                "LINEA 1 – PREVENZIONE DEL DISAGIO GIOVANILE NELLE SCUOLE E NEI LUOGHI DI AGGREGAZIONE",
                "LINEA 2 – SOSTEGNO ALLA GENITORIALITÀ",
            ],
        ),
        (
            "Tavolo 1 – Anziani e caregiver\nlunedì 3 marzo, ore 10 – Sala consiliare\n"
            "Tavolo 2 – Giovani, scuola e lavoro\nmercoledì 5 marzo, ore 15 – Biblioteca\n",
            ["Tavolo 1 – Anziani e caregiver", "Tavolo 2 – Giovani, scuola e lavoro"],
        ),
        # ... and workstreams called "cantieri" are areas like tables and axes.
        (
            "Il lavoro si organizza in tre cantieri:\n◦ Cantiere 1 – Casa e abitare (coordina il Comune)\n"
            "◦ Cantiere 2 – Lavoro e formazione (coordina la cooperativa)\n◦ Cantiere 3 – Anziani soli\n",
            ["Cantiere 1 – Casa e abitare", "Cantiere 2 – Lavoro e formazione", "Cantiere 3 – Anziani soli"],
        ),
        # With no colon nor area noun, the fields an action addresses, up to the item joined by "e" ...
        (
            "Il patto prevede interventi su casa, lavoro, anziani e disabilità, con attenzione ai caregiver.",
            ["casa", "lavoro", "anziani", "disabilità"],
        ),
        (
            "La Giunta destina risorse a favore di minori, famiglie numerose e persone con disabilità.",
            ["minori", "famiglie numerose", "persone con disabilità"],
        ),
        # ... only when every item is a field of welfare, and never a list of places or works
        ("Il Comune stanzia risorse per strade, parcheggi e illuminazione pubblica.", []),
        ("Sono previsti interventi su scuole, anziani e parcheggi, con lavori in estate.", []),
        # A numbered list's items in capitals are headings: the text under each is not part of its name.
        (
            "LE AREE DI INTERVENTO:\n3.1 AREA ANZIANI\nSaranno potenziati i servizi domiciliari.\n"
            "3.2 AREA DISABILITÀ\nL'obiettivo è la vita indipendente.\n3.3 AREA POVERTÀ\nVerrà aperto un emporio.\n",
            ["AREA ANZIANI", "AREA DISABILITÀ", "AREA POVERTÀ"],
        ),
        (
            "Gli assi del Piano sono i seguenti:\n- CASA E ABITARE\nIl Comune amplia il fondo affitti.\n"
            "- LAVORO\nSono previsti tirocini.\n",
            ["CASA E ABITARE", "LAVORO"],
        ),
        # A numbered series of capital chapters, half of them or more naming fields or services, divides an
        # agreement by area ...
        (
            "Le parti hanno condiviso quanto segue.\n\n1. FISCALITÀ LOCALE\nL'addizionale resta invariata.\n\n"
            "2. SERVIZI SOCIALI\nIl Comune manterrà le risorse.\n\n3. POLITICHE ABITATIVE\nSarà aggiornato il bando.\n",
            ["FISCALITÀ LOCALE", "SERVIZI SOCIALI", "POLITICHE ABITATIVE"],
        ),
        (
            "I) ANZIANI E NON AUTOSUFFICIENZA\nTesto del capitolo.\nII) TARIFFE E TRIBUTI\nTesto.\n"
            "III) LAVORO E APPALTI\nTesto.\nIV) CASA\nTesto.\n",
            ["ANZIANI E NON AUTOSUFFICIENZA", "TARIFFE E TRIBUTI", "LAVORO E APPALTI", "CASA"],
        ),
        # ... between the parts of its outline ...
        (
            "1. PREMESSE\nTesto.\n2. FISCALITÀ LOCALE\nTesto.\n3. SERVIZI SOCIALI\nTesto.\n4. SERVIZI SCOLASTICI\n"
            "Testo.\n5. DURATA\nTesto.\n",
            ["FISCALITÀ LOCALE", "SERVIZI SOCIALI", "SERVIZI SCOLASTICI"],
        ),
        # ... but not the outline alone, a short or broken series, or chapters most of which name no field
        (
            "1. PREMESSE\nTesto.\n2. OGGETTO\nTesto.\n3. IMPEGNI DELLE PARTI\nTesto.\n4. RISORSE\nTesto.\n"
            "5. DURATA E RECESSO\nTesto.\n",
            [],
        ),
        ("1. FISCALITÀ LOCALE\nTesto.\n2. SERVIZI SOCIALI\nTesto.\n", []),
        ("1. FISCALITÀ LOCALE\nTesto.\n3. SERVIZI SOCIALI\nTesto.\n5. TRASPORTI\nTesto.\n", []),
        ("1. BILANCIO\nTesto.\n2. TRIBUTI\nTesto.\n3. OPERE PUBBLICHE\nTesto.\n4. CASA\nTesto.\n", []),
        # An area listed by its name and titled with its head later is one area, at both places.
        (
            "Le aree di intervento sono le seguenti:\n1) Famiglia e minori\n2) Disabilità\n3) Povertà\n\n"
            "3.3 Area Famiglia e minori\nTesto.\n\n3.4 Area Disabilità\nTesto.\n",
            ["Famiglia e minori", "Disabilità", "Povertà"],
        ),
        # A list's last item does not run into the sentence under it when its line ended well short of the
        # text's width; a wrapped item's line is full.
        (
            "Il Piano di Zona del triennio ha individuato, dopo un lungo percorso di ascolto del territorio,\n"
            "le aree di intervento che seguono, sulle quali si concentreranno le risorse disponibili:\n"
            "1) Famiglia e minori\n2) Immigrazione e cittadinanza\nA queste si aggiunge l'area trasversale della "
            "governance, che riguarda l'Ufficio di Piano e il sistema informativo.\n",
            ["Famiglia e minori", "Immigrazione e cittadinanza"],
        ),
        # The titles of numbered sub-sections under a heading naming areas, up to the next section; not the
        # outline's parts nor a title that opens with an article.
        (
            "3. ATTIVITÀ REALIZZATE PER LINEA DI INTERVENTO\nA.1 Premessa metodologica\nTesto.\n"
            "A.2 Rafforzamento del servizio sociale professionale\nSono stati assunti 4 assistenti sociali.\n"
            "A.3 Le linee in sintesi\nTesto.\nB.1 Tirocini di inclusione\nAttivati 46 tirocini.\n"
            "4. CRITICITÀ\n4.1 Ritardi nei pagamenti\nTesto.\n",
            ["Rafforzamento del servizio sociale professionale", "Tirocini di inclusione"],
        ),
        # ... but where the areas are listed before, sub-sections naming other things are a level below them
        (
            "2. LE AREE DI INTERVENTO\nIl Piano si articola nelle seguenti aree:\n- Anziani;\n- Disabilità;\n"
            "- Minori e famiglie.\n\n3. AZIONI PER AREA DI INTERVENTO\n\nA.1 Potenziamento del SAD\n\nIl servizio "
            "sarà esteso.\n\nA.2 Apertura del centro diurno\n\nIl centro aprirà.\n\nB.1 Educativa domiciliare\n\n"
            "Saranno seguiti 40 minori.\n\n4. RISORSE\n",
            ["Anziani", "Disabilità", "Minori e famiglie"],
        ),
        # An item that only introduces the list under it is not an area.
        (
            "Art. 4 – Aree di intervento\n1. I servizi del presente Regolamento sono ricondotti alle seguenti aree:\n"
            "a) Area Famiglia e Minori;\nb) Area Anziani;\nc) Area Disabilità.\n",
            ["Area Famiglia e Minori", "Area Anziani", "Area Disabilità"],
        ),
        # Lists marked with arrows or ticks, as word processors write them.
        (
            "Aree di intervento\n► Minori e famiglie\n► Anziani\n► Disabilità\n",
            ["Minori e famiglie", "Anziani", "Disabilità"],
        ),
        (
            "I TAVOLI TEMATICI\n✓ Abitare e housing sociale\n✓ Lavoro e inclusione\n",
            ["Abitare e housing sociale", "Lavoro e inclusione"],
        ),
        # A table's column whose header names areas; a cell repeated down it (a merged cell) is one area ...
        (
            "N. | Area di intervento | Risorse\n1 | Famiglia e minori | 120.000\n2 | Anziani | 300.000\n"
            " | Anziani | 20.000\n3 | Povertà | 90.000\n",
            ["Famiglia e minori", "Anziani", "Povertà"],
        ),
        (
            "AREA | OBIETTIVO | AZIONI\nAnziani | Domiciliarità | SAD\nDisabilità | Vita indipendente | Dopo di noi\n",
            ["Anziani", "Disabilità"],
        ),
        # ... never a table of other things
        ("Comune | Abitanti\nLodi | 45000\nCodogno | 15000\n", []),
        # A page's list that lost its bullets: one short item per line under a heading that names areas ...
        (
            "AREE DI INTERVENTO\nAnziani\nDisabili\nMinori e famiglie\n\nIl Comune promuove da anni la rete.\n",
            ["Anziani", "Disabili", "Minori e famiglie"],
        ),
        # ... not under one of the areas, where the lines are the page's menu
        (
            "IN QUESTA SEZIONE\nArea minori\nArea anziani\nModulistica\nContatti\n",
            ["Area minori", "Area anziani"],
        ),
        # Working groups are tables by another name; "sono stati" before an article is a copula, not a passive.
        (
            "Sono stati costituiti quattro gruppi di lavoro: anziani, disabilità, minori e famiglie, inclusione "
            "sociale.",
            ["anziani", "disabilità", "minori e famiglie", "inclusione sociale"],
        ),
        (
            "I temi affrontati sono stati la domiciliarità, il contrasto alla povertà e la partecipazione dei giovani.",
            ["domiciliarità", "contrasto alla povertà", "partecipazione dei giovani"],
        ),
        ("Gli obiettivi sono stati indicati nel documento allegato al piano, insieme alle risorse.", []),
        # An introduction that counts the areas it lists, however far back the count stands.
        (
            "Il Piano è organizzato in tre aree di policy, ciascuna seguita da un tavolo tematico aperto ai Comuni e "
            "alle organizzazioni sindacali:\n• Famiglia e minori\n• Anziani e domiciliarità\n• Politiche abitative\n",
            ["Famiglia e minori", "Anziani e domiciliarità", "Politiche abitative"],
        ),
        # What "seguenti" names is what the list holds, whoever introduces it.
        (
            "Il Tavolo concorda sulle seguenti proposte:\n- saranno attivati punti di ascolto;\n"
            "- il Piano dovrà prevedere un centro diurno.\n",
            [],
        ),
        # A table row wrapped onto the next lines; where rows are numbered, unnumbered lines are wrapped cells.
        (
            "Area | Obiettivo strategico | Azioni\n1. Famiglie e minori | Sostenere la genitorialità e prevenire\n"
            "l'allontanamento | Centro per le famiglie\nP.I.P.P.I.\n2. Persone anziane | Favorire la permanenza a\n"
            "domicilio | SAD\nT1. Integrazione socio-sanitaria | Consolidare il PUA in ogni Comune della\nZona | PUA\n",
            ["Famiglie e minori", "Persone anziane", "Integrazione socio-sanitaria"],
        ),
        # A run-in heading ends at its full stop; a word hyphenated at a line's end is whole in the label.
        (
            "Area 2 – Persone anziane. Saranno incrementate le ore di assistenza.\n"
            "Area 4 – Povertà e inclusione. Le risorse del Fondo sono state ripartite.\n",
            ["Area 2 – Persone anziane", "Area 4 – Povertà e inclusione"],
        ),
        (
            "Le aree di intervento sono: servizio sociale professio-\nnale, assistenza domiciliare, pronto intervento.",
            ["servizio sociale professionale", "assistenza domiciliare", "pronto intervento"],
        ),
        # A meeting's day, time and place after its table's name are no list of areas; the name is what it quotes.
        (
            "Il calendario dei tavoli:\n- Tavolo 1 “Anziani”: mercoledì 12 novembre, ore 16.00, Oristano, Sala "
            "consiliare;\n",
            ["Anziani"],
        ),
        # Names after a colon in a heading end with its line: the next line opens the outline's next item.
        (
            "Le aree del Programma sono le seguenti.\n\nArea 4 – Salute mentale e dipendenze\n"
            "Obiettivo 4.1 – Potenziare gli interventi di prossimità per i giovani.\n\n"
            "Area 5 – Socio-assistenziale: famiglie, minori e inclusione sociale\nObiettivo 5.1 – Dare attuazione ai "
            "progetti del PNRR, Missione 5 Componente 2, in particolare Housing First e Centro servizi.\n",
            [
                "Area 4 – Salute mentale e dipendenze",
                "Area 5 – Socio-assistenziale: famiglie, minori e inclusione sociale",
            ],
        ),
        # Short headings in mixed case, each over its own body, the list going on after each.
        (
            "Le attività sono organizzate nelle seguenti aree di intervento:\n\n▪ Disabilità\n"
            "Progetti di vita indipendente, Dopo di Noi, inserimenti lavorativi e tirocini.\n\n"
            "▪ Casa e politiche abitative\nFondo affitto, emergenza abitativa, Agenzia per la casa.\n\n"
            "▪ Giovani e prevenzione\nEducativa di strada, spazi giovani, prevenzione nelle scuole.\n\n"
            "Per informazioni rivolgersi all'Ufficio di Piano.\n",
            ["Disabilità", "Casa e politiche abitative", "Giovani e prevenzione"],
        ),
        # The matters a union agreement sets out to negotiate; "quali" before the noun says "as".
        (
            "Le Parti individuano quali materie di confronto:\n– residenzialità per anziani;\n"
            "– assistenza domiciliare e dimissioni protette;\n– compartecipazione alla spesa.\n",
            [
                "residenzialità per anziani",
                "assistenza domiciliare e dimissioni protette",
                "compartecipazione alla spesa",
            ],
        ),
        (
            "Sono materie di contrattazione: tariffe dei servizi, ISEE, assistenza domiciliare.",
            ["tariffe dei servizi", "ISEE", "assistenza domiciliare"],
        ),
        # A table set with spaces: the name is the first cell; the header row and the total are no areas.
        (
            "Le risorse sono ripartite tra le seguenti aree strategiche:\n\n"
            "AREA STRATEGICA                                RISORSE TRIENNIO (€)\n"
            "- Contrasto alla povertà e inclusione sociale      2.184.350,00\n"
            "- Invecchiamento attivo e domiciliarità            1.731.215,40\n"
            "TOTALE                                             3.915.565,40\n",
            ["Contrasto alla povertà e inclusione sociale", "Invecchiamento attivo e domiciliarità"],
        ),
        (
            "Art. 4 – Calendario dei tavoli\n\nTAVOLO        DATA              ORARIO          SEDE\n"
            "Anziani       martedì 18 marzo  9:30 – 12:30    Pescia, Sala Consiliare\n",
            [],
        ),
        # One area by its number is no heading over the lines after it.
        (
            "ASSE 5 – Partecipazione e co-programmazione\n\n\n3. STATO DI ATTUAZIONE DELLE AZIONI AL 31/12/2024\n",
            ["ASSE 5 – Partecipazione e co-programmazione"],
        ),
        # A table's cell wrapped onto the next line, then the same areas as headings: one area each, named whole.
        (
            "Le aree strategiche del Piano sono le seguenti:\n"
            "AREA STRATEGICA                                   N. OBIETTIVI\n"
            "1. Prevenzione e contrasto della violenza di      3\ngenere\n"
            "2. Invecchiamento attivo e domiciliarità          4\n\n"
            "AREA 1 – PREVENZIONE E CONTRASTO DELLA VIOLENZA DI GENERE\n\nIl centro antiviolenza è attivo.\n\n"
            "AREA 2 – INVECCHIAMENTO ATTIVO E DOMICILIARITÀ\n\nIl servizio domiciliare è attivo.\n",
            ["Prevenzione e contrasto della violenza di genere", "Invecchiamento attivo e domiciliarità"],
        ),
        # Long names set apart by letters under "le seguenti linee:"; the chapters of a notice are no areas.
        (
            "1. FINALITÀ DEL PERCORSO\nIl percorso rafforza la rete.\n\n"
            "2. LINEE DI ATTIVITÀ OGGETTO DI CO-PROGETTAZIONE\n"
            "La co-progettazione riguarderà le seguenti linee:\n"
            "a) Educativa domiciliare e territoriale per minori e nuclei familiari in carico al Servizio sociale;\n"
            "b) Sostegno alla genitorialità e Centro per la famiglia distrettuale.\n\n"
            "3. MODALITÀ DI PARTECIPAZIONE\nLe domande vanno inviate per PEC.\n\n"
            "4. IL SISTEMA DI MONITORAGGIO E VALUTAZIONE\nL'Ufficio di Piano redige una relazione.\n",
            [
                "Educativa domiciliare e territoriale per minori e nuclei familiari in carico al Servizio sociale",
                "Sostegno alla genitorialità e Centro per la famiglia distrettuale",
            ],
        ),
        # A table set in columns by spaces under a header that names areas: its first cells, a wrapped cell
        # joined, up to the totals; a calendar of numbered tables is no such header.
        (
            "Queste le aree finanziate:\nAREA DI INTERVENTO                 SPESA 2024\nFamiglia e minori            "
            "      1.912.000\nPersone con disabilità, vita                 985.000\nindipendente\nPovertà e "
            "inclusione sociale       2.410.000\nTOTALE                             5.307.000\n",
            ["Famiglia e minori", "Persone con disabilità, vita indipendente", "Povertà e inclusione sociale"],
        ),
        (
            "Calendario:\nTavolo 1        mercoledì 14 maggio      9.30     Sala riunioni\n"
            "Tavolo 2        martedì 20 maggio        15.00    Sala consiliare\n",
            [],
        ),
        # A plan's numbered macro-objectives named by their field head its chapters of actions.
        (
            "MACRO-OBIETTIVO 1 – Accesso e presa in carico\n\nAzioni\n▪ Apertura di due sportelli.\n\n"
            "MACRO-OBIETTIVO 2 – Domiciliarità e non autosufficienza\n\nAzioni\n▪ Estensione del SAD.\n",
            [
                "MACRO-OBIETTIVO 1 – Accesso e presa in carico",
                "MACRO-OBIETTIVO 2 – Domiciliarità e non autosufficienza",
            ],
        ),
        # A register's sections, each a service, are its areas; a document's own sections are not.
        (
            "Il registro dei fornitori accreditati è suddiviso nelle seguenti sezioni:\na) assistenza domiciliare "
            "agli anziani;\nb) trasporto delle persone con disabilità;\nc) centri estivi per minori.\n",
            [
                "assistenza domiciliare agli anziani",
                "trasporto delle persone con disabilità",
                "centri estivi per minori",
            ],
        ),
        (
            "Il presente avviso si compone delle seguenti sezioni:\nA) Premessa;\nB) Destinatari;\n"
            "C) Requisiti di accesso;\nD) Modalità di presentazione delle domande.\n",
            [],
        ),
        # What an agreement or a service covers, before a list of fields of welfare, with or without its colon.
        (
            "Art. 2 - Ambiti di collaborazione\nLa collaborazione riguarda in particolare:\na) la presa in carico "
            "delle persone non autosufficienti;\nb) la salute mentale;\nc) la tutela dei minori.\n",
            ["la presa in carico delle persone non autosufficienti", "la salute mentale", "la tutela dei minori"],
        ),
        (
            "Di cosa ci occupiamo\n- sostegno alle famiglie con figli minori\n- affidamento familiare\n"
            "- assistenza agli anziani non autosufficienti\n",
            [
                "sostegno alle famiglie con figli minori",
                "affidamento familiare",
                "assistenza agli anziani non autosufficienti",
            ],
        ),
        (
            "Le parti operano congiuntamente nei seguenti campi:\n• invecchiamento attivo;\n"
            "• contrasto alla solitudine;\n• housing sociale.\n",
            ["invecchiamento attivo", "contrasto alla solitudine", "housing sociale"],
        ),
        # Sections titled in capitals after an introduction naming areas, each over its own paragraph ...
        (
            "Le parti individuano le seguenti aree di intervento:\n\nANZIANI\nSi conviene di ampliare il servizio "
            "di assistenza domiciliare.\n\nCASA E ABITARE\nI Comuni metteranno a disposizione alloggi per le "
            "famiglie in difficoltà.\n\nLetto e sottoscritto.\n",
            ["ANZIANI", "CASA E ABITARE"],
        ),
        # ... or under a heading naming areas, titled in mixed case, up to a section of another kind.
        (
            "Aree di intervento\n\nAnziani\nIl servizio di assistenza domiciliare sostiene gli anziani a casa.\n\n"
            "Minori e famiglie\nAffido, educativa domiciliare e centro per le famiglie.\n\nCome accedere\n"
            "Si riceve su appuntamento il martedì.\n\nDisabilità\nIl trasporto sociale è gratuito.\n",
            ["Anziani", "Minori e famiglie"],
        ),
        # ... or labelled one per line after a sentence that counts them, up to a label of another kind.
        (
            "Le aree di intervento dell'Ufficio di Piano sono quattro.\nAnziani: assistenza domiciliare e centri "
            "diurni.\nDisabilità: trasporto e inserimento lavorativo.\nMinori: affido ed educativa.\n",
            ["Anziani", "Disabilità", "Minori"],
        ),
        (
            "Aree di intervento\nAnziani: assistenza domiciliare.\nOrari: dal lunedì al venerdì.\n"
            "Disabilità: trasporto sociale.\n",
            ["Anziani", "Disabilità"],
        ),
        # ... not a table's rows of figures, nor the means of a plan after its areas.
        (
            "Le aree di intervento del Piano:\n\nFamiglia e minori 3.912.000\nSpesa sostenuta nel 2024 dai "
            "Comuni.\n\nDisabilità 2.985.000\nSpesa sostenuta nel 2024 dai Comuni.\n",
            [],
        ),
        # ... but not the premises of an act in capitals.
        (
            "Le parti individuano le seguenti aree di intervento:\n\nPREMESSO CHE\nil Comune ha approvato il piano "
            "sociale di zona per il triennio;\n\nCONSIDERATO CHE\nle risorse sono state assegnate dalla Regione.\n",
            [],
        ),
        # The matter of an action, every item a field of welfare; districts by their places are none.
        (
            "Le parti collaborano in materia di politiche abitative, inclusione lavorativa e contrasto alla povertà.",
            ["politiche abitative", "inclusione lavorativa", "contrasto alla povertà"],
        ),
        ("Il Comune opera negli ambiti di Lecco, Merate e Bellano.", []),
        # A site's menu of areas in one line, its entries set apart by bars.
        (
            "Area Minori e Famiglie | Area Anziani | Area Disabilità | Area Inclusione",
            ["Area Minori e Famiglie", "Area Anziani", "Area Disabilità", "Area Inclusione"],
        ),
        # Items counted off by ordinals lose them; "prima" of a name stays.
        (
            "Le priorità per il 2025 sono tre. La prima riguarda la casa, la seconda il lavoro dei giovani, la terza "
            "la non autosufficienza.",
            ["casa", "lavoro dei giovani", "non autosufficienza"],
        ),
        ("Le priorità sono: la casa, il lavoro, la prima infanzia.", ["casa", "lavoro", "prima infanzia"]),
        (
            "Oggetto della collaborazione sono:\n- l'integrazione sociosanitaria;\n- la tutela della salute mentale;\n"
            "- il contrasto alla povertà.\n",
            ["l'integrazione sociosanitaria", "la tutela della salute mentale", "il contrasto alla povertà"],
        ),
        # An item of a list that is all introduction opens a nested list of areas; one that names an area does not.
        (
            "CONSIDERATO CHE lo schema di Patto:\n• individua le seguenti finalità:\n  – rafforzare la rete;\n"
            "• si articola nelle seguenti aree di intervento:\n  a) Prossimità e contrasto alla solitudine;\n"
            "  b) Povertà educativa e sostegno alle famiglie;\n• prevede che il Comune assicuri il coordinamento.\n",
            ["Prossimità e contrasto alla solitudine", "Povertà educativa e sostegno alle famiglie"],
        ),
        (
            "Vengono individuati i seguenti assi strategici:\n- Politiche per la casa: per questo si propone:\n"
            "  1. La definizione di interventi per gli sfratti.\n  2. La definizione di un fondo affitti.\n"
            "- Politiche per la disabilità: i progetti di vita.\n",
            ["Politiche per la casa", "Politiche per la disabilità"],
        ),
        # A table's name runs to the dash that sets its day and place apart.
        (
            "Tavolo Domiciliarità e anziani – martedì 8 ottobre, ore 14.30, Sala Quadri;\n"
            "Tavolo Inclusione sociale e lavoro – martedì 15 ottobre, ore 14.30, Sala consiliare;\n",
            ["Tavolo Domiciliarità e anziani", "Tavolo Inclusione sociale e lavoro"],
        ),
        # A heading's area ends at its colon; what follows it says what the area holds, a level below ...
        (
            "Le risorse sono ripartite per area:\nArea anziani: 40%\nArea disabili: 30%\nArea minori: 30%\n",
            ["Area anziani", "Area disabili", "Area minori"],
        ),
        (
            "Area 5 – Socio-assistenziale: famiglie, minori e inclusione sociale\nObiettivo 5.1 – Estendere il "
            "programma.\n\nArea 6 – Prevenzione e promozione della salute\nObiettivo 6.1 – Promuovere stili di vita.\n",
            [
                "Area 5 – Socio-assistenziale: famiglie, minori e inclusione sociale",
                "Area 6 – Prevenzione e promozione della salute",
            ],
        ),
        # Items labelled by a name and a number or letter, however long their own names run ...
        (
            "Il Fondo finanzia le seguenti linee:\nLinea 1 – sostegno alla genitorialità;\n"
            "Linea 2 – servizi per la disabilità e per il dopo di noi, con i progetti di vita autonoma;\n"
            "Linea 3 – pronto intervento sociale.\n",
            [
                "sostegno alla genitorialità",
                "servizi per la disabilità e per il dopo di noi",
                "pronto intervento sociale",
            ],
        ),
        (
            "Le azioni si articolano nei seguenti assi:\n"
            "Asse A: domiciliarità e cura delle persone anziane non autosufficienti nel proprio contesto di vita\n"
            "Asse B: inclusione lavorativa delle persone con disabilità e delle loro famiglie nel territorio\n",
            [
                "domiciliarità e cura delle persone anziane non autosufficienti nel proprio contesto di vita",
                "inclusione lavorativa delle persone con disabilità e delle loro famiglie nel territorio",
            ],
        ),
        # A head set apart by an adjective, not a name, is named after its colon.
        (
            "Le aree di intervento del Piano sono:\n- Persone anziane;\n- Disabilità;\n"
            "- Area trasversale: emergenza sanitaria e riorganizzazione dei servizi.\n",
            ["Persone anziane", "Disabilità", "Area trasversale: emergenza sanitaria e riorganizzazione dei servizi"],
        ),
        # A numbered table named in quotes, then when it meets.
        (
            "Il calendario degli incontri è il seguente.\n\n"
            '- Tavolo 1 "Responsabilità familiari, infanzia e adolescenza": martedì 14 ottobre, ore 10, Sala Rossa\n'
            '- Tavolo 2 "Anziani e non autosufficienza": mercoledì 15 ottobre, ore 15:30, Biblioteca comunale\n',
            ["Responsabilità familiari, infanzia e adolescenza", "Anziani e non autosufficienza"],
        ),
        # Names in lower case one per line after an introduction, a list without markers ...
        (
            "Il protocollo individua i temi su cui si svilupperà la concertazione:\n"
            "contrasto alla povertà e inclusione sociale\nnon autosufficienza e domiciliarità\n"
            "infanzia, adolescenza e famiglie\n\nLe parti si incontreranno tre volte l'anno.\n",
            [
                "contrasto alla povertà e inclusione sociale",
                "non autosufficienza e domiciliarità",
                "infanzia, adolescenza e famiglie",
            ],
        ),
        # ... but not a sentence the layout wrapped after the colon.
        (
            "Il Piano individua i seguenti temi:\nla promozione della salute e la prevenzione delle\n"
            "dipendenze, il sostegno alle famiglie con figli e\nla tutela delle persone anziane.\n",
            [],
        ),
        # What an agreement makes room for, and the examples of what a body deals with.
        (
            "Nell'accordo trovano spazio la tutela dei redditi, le politiche per gli anziani, il sostegno alle "
            "famiglie e la lotta alla povertà.",
            ["tutela dei redditi", "politiche per gli anziani", "sostegno alle famiglie", "lotta alla povertà"],
        ),
        (
            "Il Consorzio si occupa di servizi quali l'assistenza domiciliare, il trasporto sociale, i centri diurni "
            "e l'affido familiare.",
            ["assistenza domiciliare", "trasporto sociale", "centri diurni", "affido familiare"],
        ),
        # Names between spaced hyphens after the groups that hold them, as many as counted.
        (
            "Sono stati costituiti tre gruppi di lavoro - Non autosufficienza e disabilità, Famiglie e minori, "
            "Inclusione sociale e povertà - che presenteranno le proposte entro marzo.",
            ["Non autosufficienza e disabilità", "Famiglie e minori", "Inclusione sociale e povertà"],
        ),
        # What an agreement covers, however its list is specified after the verb.
        (
            "Il presente accordo riguarda in particolare la non autosufficienza, la disabilità, il contrasto alla "
            "povertà e le politiche per l'invecchiamento attivo.",
            ["non autosufficienza", "disabilità", "contrasto alla povertà", "politiche per l'invecchiamento attivo"],
        ),
        # ... and a day and place under an item say when it meets, not more of its name.
        (
            "Si terranno i seguenti gruppi di lavoro:\n- Famiglie e minori\n  lunedì 3 marzo, ore 10 – Sala Rossa\n"
            "- Disabilità\n  mercoledì 5 marzo, ore 15 – Biblioteca\n",
            ["Famiglie e minori", "Disabilità"],
        ),
        # ... but not a news headline that opens with a field and tells its fact after a comma.
        (
            "POLITICHE SOCIALI, RIUNITO IL TAVOLO DISTRETTUALE: CONDIVISE LE PRIORITÀ PER IL 2025\n\nSi è riunito.",
            [],
        ),
        # ... but not districts by their places, nor what a form asks for.
        ("Hanno aderito i seguenti ambiti:\n- Ambito di Desio;\n- Ambito di Monza;\n- Ambito di Lissone.\n", []),
        (
            "La domanda riguarda:\n- il rimborso delle spese sostenute nel 2024;\n"
            "- la dichiarazione ISEE in corso di validità.\n",
            [],
        ),
        # ... but not signatures, roles or a running header under such a section
        (
            "Art. 5 - Tavoli di lavoro\nI tavoli si riuniscono ogni mese.\n\nPIANO DI ZONA 2025\n"
            "Testo.\n\nPIANO DI ZONA 2025\nLETTO, APPROVATO E SOTTOSCRITTO\nIL PRESIDENTE\nPER LA ASL\n",
            [],
        ),
    ],
)
def test_general_forms(text: str, expected: list[str]) -> None:
    assert labels(text) == expected


def test_quoted_project_categories_come_from_what_follows() -> None:
    text = (
        "Sono finanziati i progetti “Ponti sospesi”, rivolto agli anziani soli, e “Mani in pasta”, per "
        "ragazzi con disabilità."
    )
    assert [a[1] for a in areas(text)] == ["anziani_non_autosufficienza", "disabilita"]
