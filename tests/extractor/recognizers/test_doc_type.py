"""Document type and title."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.lexicon import load
from extractor.nlp import analyze
from extractor.recognizers.doc_type import (
    DOC_TYPES,
    _cues,
    classify_document,
    find_title,
    operative_type,
    title_type,
    type_scores,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "AVVISO PUBBLICO PER LA COSTITUZIONE DEI TAVOLI DI CO-PROGRAMMAZIONE\n\n"
            "Il Comune di Pavia rende noto che gli enti interessati possono presentare domanda entro il 3 marzo.",
            "avviso",
        ),
        (
            "Manifestazione di interesse per la partecipazione al Piano di Zona.\n\n"
            "Le associazioni possono candidarsi inviando il modulo allegato entro il 10 giugno.",
            "avviso",
        ),
        (
            "Gli enti che intendono partecipare possono fare richiesta compilando il modulo allegato "
            "da inviare entro il 12 aprile all'Ufficio di Piano.",
            "avviso",
        ),
        (
            "Protocollo d'intesa tra il Comune di Lecco e le organizzazioni sindacali\n\n"
            "Le parti si impegnano a incontrarsi ogni sei mesi.",
            "intesa",
        ),
        (
            "Firmato ieri a Bari il protocollo tra la Regione e il Forum del Terzo Settore: "
            "una collaborazione triennale sul volontariato.",
            "intesa",
        ),
        (
            "Patto per il welfare di comunità del Distretto di Crema\n\nI firmatari condividono la strategia.",
            "patto",
        ),
        (
            "Accordo di programma per l'attuazione del Piano di Zona 2024-2026\n\nTra i Comuni dell'Ambito e l'ASST.",
            "accordo",
        ),
        (
            "I Comuni di Arona e Stresa concordano sulla necessità di una gestione associata "
            "e si impegnano a costituire un tavolo comune.",
            "accordo",
        ),
        (
            "RELAZIONE SOCIALE 2023\n\nIl presente report illustra le attività e i risultati del servizio sociale.",
            "rendiconto",
        ),
        (
            "Bilancio di metà mandato\n\nGLI IMPEGNI DI MANDATO\nRISPETTO DEGLI IMPEGNI: le attività svolte.",
            "rendiconto",
        ),
        (
            "Deliberazione della Giunta Comunale n. 45 del 12/03/2024\n\nVisto il D.lgs. 117/2017;\n"
            "Ritenuto di approvare lo schema di convenzione;\nLA GIUNTA DELIBERA di approvare lo schema.",
            "delibera",
        ),
        (
            "Presentato ieri il nuovo piano sociale di zona: più risorse per anziani e giovani, dice l'assessore.",
            "altro",
        ),
        (
            "REGOLAMENTO DEL TAVOLO DI COORDINAMENTO\n\nArticolo 1: Finalità\nArticolo 2: Composizione",
            "altro",
        ),
        ("Il programma dell'incontro di martedì prevede i saluti del sindaco e una tavola rotonda.", "altro"),
        ("A nostro avviso il piano va rivisto, ha detto il sindaco.", "altro"),
        ("Prot. n. 123 del protocollo generale. Oggetto: richiesta di dati sul servizio.", "altro"),
        # A meeting notice asking people to register, with no "avviso" in it.
        (
            "La Consulta del volontariato promuove tre incontri pubblici sul nuovo piano. "
            "Per partecipare occorre l'iscrizione sul sito entro venerdì.",
            "avviso",
        ),
        # A call for projects written as an information page.
        (
            "Contributi per i centri estivi 2025\n\nChi può presentare domanda: le associazioni del territorio. "
            "Le domande dovranno essere presentate a pena di esclusione entro il 30 aprile.",
            "avviso",
        ),
        # The apostrophe lost in conversion ("lAccordo") still names the act.
        ("Firmato lAccordo di programma per la gestione associata dei servizi tra i sei Comuni.", "accordo"),
        # A press release on a union agreement without "tra" after "accordo".
        (
            "Dall'accordo siglato ieri con i sindacati dei pensionati nascono nuove esenzioni "
            "sull'addizionale IRPEF, frutto della contrattazione sociale.",
            "accordo",
        ),
        # A resolution of a committee of mayors.
        (
            "PALERMO – Deliberazione del comitato dei sindaci del Distretto 42: approvato il riparto del fondo.",
            "delibera",
        ),
        # A statistical booklet is a report.
        ("Il welfare in cifre 2023\n\nL'opuscolo raccoglie i dati statistici sui servizi del distretto.", "rendiconto"),
        # A plural "protocolli" and a regional protocol cited are not this document's act.
        (
            "Ieri la festa del volontariato in piazza. Servono protocolli condivisi tra i Comuni, "
            "come prevede il protocollo d'intesa regionale, ha detto l'assessora.",
            "altro",
        ),
        # An address of the registry office is not a protocol.
        ("Le domande vanno consegnate all'Ufficio Protocollo o a comune.protocollo@pec.it.", "altro"),
        # Notices that do not call themselves "avviso".
        (
            "Selezione pubblica per l'individuazione di enti partner\n\nIl Consorzio intende selezionare "
            "soggetti del terzo settore. Le candidature vanno presentate entro il 10 giugno 2024.",
            "avviso",
        ),
        (
            "Iscrizioni aperte ai centri estivi comunali\n\nSono aperte fino al 31 maggio 2025 le iscrizioni "
            "ai centri estivi. Il modulo è disponibile presso l'URP.",
            "avviso",
        ),
        (
            "BANDO PER L'ASSEGNAZIONE DI CONTRIBUTI ALLE FAMIGLIE\n\nIl Comune indice un bando per contributi "
            "alle famiglie con figli minori.",
            "avviso",
        ),
        # An association agreement, a social report, an executive's act, a regulation.
        (
            "CONVENZIONE PER LA GESTIONE ASSOCIATA DEI SERVIZI SOCIALI\n\nTra i Comuni di Alba, Bra e "
            "Cherasco si stipula la presente convenzione. Art. 1 Oggetto.",
            "accordo",
        ),
        (
            "Bilancio sociale 2022\n\nIl documento presenta i risultati raggiunti dalla cooperativa nel 2022: "
            "320 utenti seguiti, 45 operatori.",
            "rendiconto",
        ),
        (
            "DETERMINAZIONE DIRIGENZIALE N. 112 del 3 marzo 2023\n\nIl Dirigente determina di impegnare la "
            "spesa per il servizio di assistenza domiciliare.",
            "delibera",
        ),
        (
            "Regolamento comunale per l'accesso ai servizi sociali\n\nArt. 1 – Oggetto. Il presente "
            "regolamento disciplina l'accesso alle prestazioni sociali.",
            "altro",
        ),
        # The genre of a page: news of what happened, a service's page, a call with a deadline.
        (
            "Home > Notizie > Sociale\n\nÈ stato presentato ieri in sala consiliare il nuovo Piano sociale di "
            "zona. Il sindaco ha illustrato le novità ai cittadini e alle associazioni.",
            "altro",
        ),
        (
            "Comunicato stampa\n\nSi è svolto ieri a Terni il primo incontro del tavolo sulle povertà: presenti i "
            "servizi sociali, la Caritas e le associazioni, che hanno presentato i dati del 2024.",
            "altro",
        ),
        (
            "Comune di Fano › Servizi › Anziani\n\nAssistenza domiciliare\nIl servizio è rivolto agli anziani "
            "soli. Per informazioni rivolgersi allo sportello sociale, aperto il martedì.",
            "altro",
        ),
        (
            "Contributi per le famiglie numerose\n\nI nuclei con almeno tre figli possono presentare domanda "
            "entro il 15 aprile 2025 alle ore 12.00.",
            "avviso",
        ),
        # The headline names the act even when the body speaks of an agreement.
        (
            "Siglato il patto educativo di comunità\n\nL'accordo quadro firmato ieri dà vita al patto; "
            "l'accordo coinvolge scuole e associazioni.",
            "patto",
        ),
        # A union's "verbale d'intesa" with a comune is an intesa, however much it agrees and undertakes.
        (
            "Castelfranco Veneto, firmato il verbale d'intesa 2024\n\nSpi Cgil, Fnp Cisl e Uilp Uil hanno "
            "sottoscritto con l'Amministrazione comunale il verbale d'intesa sul bilancio 2024. Le parti concordano "
            "sulle tariffe; le parti convengono di incontrarsi a settembre e si impegnano a verificare l'accordo.",
            "intesa",
        ),
        # A report on a condition of the territory, presented in a news item.
        (
            "Povertà, nel Pavese 2.100 persone aiutate dalla Caritas nel 2023\nPresentato il Rapporto diocesano "
            "sulle povertà: crescono le richieste per affitti e bollette.\n\nSono 2.100 le persone che nel corso "
            "del 2023 si sono rivolte ai centri di ascolto.",
            "rendiconto",
        ),
        # A service's information page under the comuni's web template headings, however it tells how to apply.
        (
            "Comune di Lecce › Servizi › Sociale\nTrasporto sociale per persone con disabilità\nCos'è\n"
            "Il servizio accompagna le persone con disabilità ai centri diurni.\nA chi si rivolge\n"
            "Ai residenti con invalidità certificata.\nCome fare\nLa domanda si presenta allo sportello sociale "
            "con il modulo disponibile on line; le domande sono valutate in ordine di arrivo.\nQuanto costa\n"
            "Il servizio è gratuito.",
            "altro",
        ),
        # A call for applications named by what it grants: the window for the applications and their requirements.
        (
            "Contributi affitto 2025: domande dal 1° al 30 giugno\n\nLe famiglie in difficoltà con il pagamento "
            "dell'affitto possono chiedere un contributo.\nRequisiti: ISEE fino a 15.000 euro e contratto "
            "registrato.\n",
            "avviso",
        ),
    ],
)
def test_classify_document(text: str, expected: str) -> None:
    kind, confidence = classify_document(analyze(text))
    assert kind == expected
    assert 0.0 <= confidence <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Albo pretorio – Deliberazione di Giunta Comunale n. 45 del 12/03/2024",
        "Delibera di Consiglio comunale n. 7: approvazione del regolamento ISEE",
        "Delibera C.C. n. 12 del 2023",
        "Pubblicata la D.G.C. n. 88 sul sito istituzionale",
        "Atti: DGC n. 4/2024 – Contributi alle famiglie",
        "Determinazione del Responsabile del Settore Servizi Sociali n. 310",
        "Determina dirigenziale di approvazione della graduatoria",
        "Registro generale n. 1234 del 5 maggio 2024",
        "IL RESPONSABILE DEL SERVIZIO\nVisto il decreto sindacale di nomina;\nDETERMINA\n",
    ],
)
def test_the_usual_names_of_a_municipal_act_vote_delibera(text: str) -> None:
    assert type_scores(text)["delibera"] > 0


@pytest.mark.parametrize(
    "text",
    [
        "La determinazione della tariffa spetta al Comune.",
        "Il dirigente ha determinato le quote di compartecipazione.",
        "Il Consiglio dei ragazzi si è riunito in Giunta simbolica.",
    ],
)
def test_words_of_an_act_used_otherwise_cast_no_delibera_vote(text: str) -> None:
    assert type_scores(text)["delibera"] == 0


def test_the_act_a_document_is_attached_to_casts_no_vote() -> None:
    annex = (
        "PROGRAMMA OPERATIVO ANNUALE 2024\nAllegato A alla Deliberazione dell'Assemblea dei Soci n. 6 del 26/03/2024\n"
    )
    assert type_scores(annex)["delibera"] == 0
    assert type_scores("PROGRAMMA OPERATIVO ANNUALE 2024\nDeliberazione dell'Assemblea dei Soci n. 6")["delibera"] > 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A formal title decides, whatever its object and the body cite.
        (
            "COMUNE DI CARPI\n\nVERBALE DI DELIBERAZIONE DELLA GIUNTA COMUNALE N. 12\n\n"
            "OGGETTO: APPROVAZIONE DEL PROTOCOLLO D'INTESA CON I SINDACATI DEI PENSIONATI\n\n"
            "Il protocollo d'intesa allegato è parte integrante del presente atto.",
            "delibera",
        ),
        (
            "Determinazione dirigenziale n. 331 del 4 giugno 2024\n\nApprovazione dell'avviso pubblico "
            "per la concessione di contributi e dello schema di domanda.",
            "delibera",
        ),
        ("Bando per i contributi all'affitto 2025\n\nIl Comune approva l'accordo con i CAF.", "avviso"),
        (
            "ACCORDO DI PROGRAMMA PER L'ADOZIONE DEL PIANO DI ZONA\n\nVisto il protocollo d'intesa del 2019, "
            "i sindaci approvano il Piano; la delibera della Conferenza è allegata.",
            "accordo",
        ),
        ("Patto per il lavoro e il welfare di Faenza\n\nLa delibera n. 5 ha approvato lo schema.", "patto"),
        ("RELAZIONE SOCIALE 2023\n\nL'avviso pubblico del 2023 ha raccolto 40 domande.", "rendiconto"),
        (
            "RELAZIONE DI RENDICONTAZIONE\nQUOTA SERVIZI DEL FONDO POVERTÀ\n\nL'avviso ha finanziato 3 progetti.",
            "rendiconto",
        ),
        ("Rendicontazione delle attività 2024\n\nIl bando per i tirocini è stato pubblicato a marzo.", "rendiconto"),
        ("Relazione finale del progetto Dopo di Noi\n\nL'accordo con le famiglie è stato rinnovato.", "rendiconto"),
        (
            "Relazione sullo stato di attuazione del Piano di Zona 2024\n\nIl protocollo con l'ASL è stato rinnovato.",
            "rendiconto",
        ),
        ("Convocazione del Tavolo di co-programmazione\n\nIl tavolo è convocato per il 3 marzo alle ore 10.", "avviso"),
        # The draft of an act, and a title set in spaced capitals, name it as the act itself does.
        (
            "SCHEMA DI PROTOCOLLO D'INTESA\ntra il Comune di Lecco e le organizzazioni sindacali\n\n"
            "Il presente accordo ha durata triennale. Le parti dell'accordo si incontrano ogni anno.",
            "intesa",
        ),
        ("Bozza di accordo di programma per il Piano di Zona 2025-2027\n\nVista la delibera n. 4.", "accordo"),
        ("P R O T O C O L L O   D' I N T E S A\n\nL'accordo tra le parti è valido tre anni.", "intesa"),
        # A title in two lines naming two acts: the second is the document, the first what it is about.
        (
            "PATTO PER IL WELFARE DI COMUNITÀ 2023-2025\nRELAZIONE DI MONITORAGGIO – ANNUALITÀ 2024\n\n"
            "Il Patto è stato sottoscritto nel 2023.",
            "rendiconto",
        ),
        (
            "Protocollo d'intesa per la non autosufficienza\nAvviso pubblico di adesione\n\nGli enti aderiscono.",
            "avviso",
        ),
        # ... not a title that runs on into the next line, nor a subtitle that names no act.
        (
            "AVVISO PUBBLICO PER L'ADESIONE AL\nPROTOCOLLO D'INTESA SULLA DOMICILIARITÀ\n\nGli enti aderiscono.",
            "avviso",
        ),
        ("PATTO PER IL WELFARE DI COMUNITÀ\nAmbito Territoriale Sociale n. 1\n\nLe parti firmano.", "patto"),
        # An online register's record gives the act's type in a field of its own.
        (
            "Comune di Monfalcone – Albo Pretorio online\nDettaglio atto\n\nTipologia: Determinazione dirigenziale"
            "   Registro generale n. 1532\n\nOGGETTO: APPROVAZIONE DELLA RELAZIONE DI MONITORAGGIO DEL PATTO.",
            "delibera",
        ),
        ("Albo online\nTipo atto: Avviso pubblico\nOggetto: contributi per l'affitto.\n", "avviso"),
        # The field named in the plural, on a line the opening's end cuts: it is read to the line's end.
        (
            "Salta al contenuto principale\nComune di Fano\nProvincia di Pesaro e Urbino\nMenu\n"
            "Amministrazione   Novità   Servizi   Vivere il Comune\nCerca\n"
            "Home › Amministrazione trasparente › Albo pretorio on line › Dettaglio\n\n"
            "ALBO PRETORIO ON LINE – DETTAGLIO PUBBLICAZIONE\n\nN. registro albo: 2201/2024\n"
            "Tipologia: Determinazioni dirigenziali\nNumero atto: 88\n\nOGGETTO: BANDO PER CONTRIBUTI AFFITTO.\n",
            "delibera",
        ),
        # A heading of two words in capitals is a title; the notice its subject concerns is not the act.
        (
            "COMUNE DI SORA\nUfficio di Piano\n\nDETERMINAZIONE DIRIGENZIALE\nn. 512 del 03/11/2025\n\n"
            "OGGETTO: Avviso pubblico per i buoni servizio. Approvazione della graduatoria.",
            "delibera",
        ),
        ("PROTOCOLLO D'INTESA\n\nAvviso pubblico di adesione per gli enti del Terzo Settore.", "intesa"),
        # A plan's own title, under a letterhead, is the plan itself, whatever approved it.
        (
            "Consorzio Sociale Valle del Sarca\nRiva del Garda (TN)\n\nPIANO SOCIALE DI ZONA\n2024 – 2026\n\n"
            "Approvato dalla Conferenza dei Sindaci con deliberazione n. 3 del 12/04/2024.",
            "altro",
        ),
        ("Piano di Zona 2022/2024 – Ambito di Lodi\n\nIl bilancio sociale e la delibera di approvazione.", "altro"),
        ("Piano d'Ambito 2025-2027\n\nLe relazioni dei tavoli e la delibera dell'Assemblea.", "altro"),
        # A title under a letterhead that lists the district's towns over several lines.
        (
            "COMUNE DI NOLA\nCittà Metropolitana di Napoli\nEnte Capofila dell'Ambito Territoriale N23\n"
            "Nola – Camposano – Carbonara di Nola – Casamarciano – Cicciano\nComiziano – Liveri – Roccarainola\n"
            "– Scisciano – Tufino – Visciano\nUFFICIO DI PIANO\n\nDETERMINAZIONE DEL RESPONSABILE DEL SETTORE\n"
            "N. 87 DEL 12/03/2024\n\nOGGETTO: Avviso pubblico per gli assegni di cura. Approvazione dell'elenco.",
            "delibera",
        ),
    ],
)
def test_a_formal_title_names_the_act(text: str, expected: str) -> None:
    assert title_type(text) == expected
    assert classify_document(analyze(text)) == (expected, 1.0)


@pytest.mark.parametrize(
    "text",
    [
        "Firmato ieri il protocollo d'intesa tra Comune e sindacati.",  # a headline that names it later
        "Convenzione per la gestione associata dei servizi sociali",  # an act of uncertain type
        "Patto di stabilità: i vincoli per il bilancio 2024",
        "Piano di Zona 2025-2027: al via i tavoli di co-programmazione",  # news about the plan
        "Piano di zona",  # a site's page on the plan, whatever it says of it
        "",
    ],
)
def test_titles_that_name_no_act_are_left_to_the_model(text: str) -> None:
    assert title_type(text) is None


_GIUNTA_ACT = (
    "COMUNE DI OSIMO\nGIUNTA COMUNALE\nAtto n. 41                 Seduta del 12/03/2025\n"
    "OGGETTO: APPROVAZIONE SCHEMA DI ACCORDO DI PROGRAMMA CON L'AST PER L'INTEGRAZIONE SOCIOSANITARIA\n"
    "LA GIUNTA COMUNALE\nPremesso che l'accordo di programma è lo strumento dell'integrazione;\n"
    "Visto lo schema di accordo allegato;\nCon voti unanimi,\n{verb}\n1. di approvare lo schema di accordo;\n"
    "2. di autorizzare il Sindaco alla firma dell'accordo.\n"
)


@pytest.mark.parametrize("verb", ["D E L I B E R A", "DELIBERA", "  delibera:", "DETERMINA", "D E T E R M I N A"])
def test_an_operative_verb_on_its_own_line_makes_the_act_a_delibera(verb: str) -> None:
    text = _GIUNTA_ACT.format(verb=verb)
    assert operative_type(text) == "delibera"
    assert classify_document(analyze(text)) == ("delibera", 1.0)


@pytest.mark.parametrize(
    "text",
    [
        "La Giunta delibera di approvare l'accordo di programma.",  # the verb in a sentence
        "Allegato alla delibera n. 12 del 2025\nACCORDO DI PROGRAMMA\n",
        "DELIBERAZIONI\nElenco delle delibere della Giunta",
        "D E L I B E R E",
    ],
)
def test_the_operative_verb_quoted_or_in_a_sentence_names_no_act(text: str) -> None:
    assert operative_type(text) is None


def test_opening_outweighs_body() -> None:
    # The body cites a patto and a delibera; the title says what this document is.
    text = (
        "Atto di intesa tra l'Ambito di Lodi e i sindacati dei pensionati\n\n"
        "Richiamato il patto per il welfare del 2019 e la delibera n. 12 dell'Assemblea dei Sindaci, "
        "le parti si impegnano a collaborare."
    )
    assert classify_document(analyze(text))[0] == "intesa"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "\n\nAVVISO PUBBLICO PER LA CO-PROGETTAZIONE DI INTERVENTI PER I GIOVANI\n\nIl Comune rende noto che…",
            "AVVISO PUBBLICO PER LA CO-PROGETTAZIONE DI INTERVENTI PER I GIOVANI",
        ),
        (
            "Allegato B)\n\n## **Atto di intesa tra l'Ambito di Rho e le organizzazioni sindacali**\n\nPremessa",
            "Atto di intesa tra l'Ambito di Rho e le organizzazioni sindacali",
        ),
        (
            "Firmato il patto per la casa a Bergamo\n\nIeri in municipio è stato firmato il patto.",
            "Firmato il patto per la casa a Bergamo",
        ),
        ("Ieri il sindaco ha incontrato le associazioni del quartiere per parlare di servizi.", None),
        ("", None),
        ("Il bando prevede le seguenti azioni:\n- sportello\n- corsi", None),
        # A two-word heading in capitals; a page's notice that runs on into its next line is no title.
        ("COMUNE DI ROVIGO\n\nBANDO PUBBLICO\n\nContributi per l'affitto 2025.", "BANDO PUBBLICO"),
        (
            "Come richiedere l'assegno di cura\n\nAVVISO – Dal 1° aprile la domanda si presenta anche on line,\n"
            "con SPID o CIE.",
            "Come richiedere l'assegno di cura",
        ),
        # An act's title that runs on over the next lines, in lower case or after an open end.
        (
            "Comune di Sesto\n\nAVVISO PUBBLICO\nper la raccolta di manifestazioni di interesse\n\nScadenza: 14/03",
            "AVVISO PUBBLICO per la raccolta di manifestazioni di interesse",
        ),
        (
            "PROTOCOLLO D'INTESA PER LA\nPROMOZIONE DELL'INVECCHIAMENTO ATTIVO\n\nLe parti convengono.",
            "PROTOCOLLO D'INTESA PER LA PROMOZIONE DELL'INVECCHIAMENTO ATTIVO",
        ),
        (
            "PIANO DI ZONA: AL VIA I TAVOLI\npubblicato il 10/02/2025\n\nSi parte lunedì.",
            "PIANO DI ZONA: AL VIA I TAVOLI",
        ),
        # A line in lower case goes on with the sentence above it, whatever word opens it.
        (
            "Comune di Jesi – Servizi sociali\nIl Comune ha sottoscritto con i sindacati il\n"
            "protocollo d'intesa sulle politiche per la terza età.",
            "Comune di Jesi – Servizi sociali",
        ),
    ],
)
def test_find_title(text: str, expected: str | None) -> None:
    assert find_title(analyze(text)) == expected


def test_cue_types_are_known() -> None:
    for group in load("doc_types")["cue"]:
        assert group["type"] in DOC_TYPES


def test_every_match_of_a_cue_begins_with_its_quick_test_word() -> None:
    # The quick test skips a cue whose word is not in the text: sound only if every match starts with it.
    corpus = Path(__file__).resolve().parents[3] / "corpus" / "dev"
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    checked = 0
    for cue in _cues():
        if cue.word is None:
            continue
        for text in texts:
            for match in cue.pattern.finditer(text):
                assert match.group().lower().startswith(cue.word), (cue.pattern.pattern, match.group())
                checked += 1
    assert checked > 50


def test_a_lookalike_letter_turns_the_quick_test_off() -> None:
    # "ſ" matches "s" case-insensitively, but "ſ".lower() is not "s": the cue must still be tried.
    assert type_scores("AVVIſO PUBBLICO")["avviso"] == type_scores("AVVISO PUBBLICO")["avviso"] > 0


def test_cues_are_read_in_the_opening_stretch_of_a_long_text_only() -> None:
    cue = "Il protocollo d'intesa è stato firmato."
    filler = "Testo della relazione sui servizi. " * (int(load("doc_types")["read_chars"]) // 30)
    assert type_scores(cue)["intesa"] > 0
    assert type_scores(filler + cue)["intesa"] == 0
    assert type_scores(cue + "\n\n" + filler)["intesa"] == type_scores(cue)["intesa"]


@pytest.mark.parametrize(
    "tail",
    [
        "\n\n» Approvata la relazione sociale 2024\n» Firmato il protocollo d'intesa con la ASL\n",
        "\n\nNotizie correlate\nApprovata la relazione sociale 2024\nFirmato il protocollo d'intesa\n",
        # A site's menu: its entries are sections, not acts.
        "\n\nHOME  CHI SIAMO  PROTOCOLLI D'INTESA  BANDI E AVVISI  CONTATTI\n",
    ],
)
def test_links_to_other_pages_cast_no_vote(tail: str) -> None:
    page = "Al via i tavoli del nuovo Piano di zona\n\nPer partecipare scrivere all'Ufficio di Piano."
    assert type_scores(page + tail) == type_scores(page)
