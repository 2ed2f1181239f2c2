"""Commitments: undertakings and stated aims, not needs or results."""

from __future__ import annotations

import pytest
import spacy

from extractor import nlp
from extractor.lexicon import load
from extractor.nlp import analyze
from extractor.recognizers.categories import categorize
from extractor.recognizers.commitments import find_commitments
from models import Commitment, Party


def commitments(text: str, parties: list[Party] | None = None) -> list[Commitment]:
    return find_commitments(analyze(text), parties)


def texts(text: str) -> list[str]:
    return [c.text for c in commitments(text)]


@pytest.mark.parametrize(
    "sentence",
    [
        # si impegna / si impegnano a
        "Le associazioni aderenti si impegnano a diffondere le iniziative presso i propri soci.",
        # the date of a cited act does not make a future sentence an event's announcement
        "L'Ambito promuoverà tirocini per i beneficiari dell'Assegno di cui al D.L. 4 maggio 2023, n. 48.",
        "I Comuni adegueranno i regolamenti alla legge 8 novembre 2000, n. 328 entro l'anno.",
        # an act that binds others: "impegna le parti a", "obbliga il gestore ad"
        "L'intesa impegna le parti a incontrarsi ogni sei mesi per verificarne l'attuazione.",
        "Il protocollo impegna tutti i soggetti firmatari a condividere i dati sui servizi domiciliari.",
        "La convenzione obbliga il gestore ad assicurare la continuità del servizio nei mesi estivi.",
        # what an act provides, after a clause of its own with a figure in it
        "Il documento conferma l'esenzione per i redditi fino a 15.000 euro e prevede un fondo per le utenze.",
        # objectives opened by their verb
        "Ridurre del 20% i tempi di attesa per la valutazione multidimensionale.",
        "Prevenire l'abbandono scolastico nelle aree interne del Distretto.",
        "Estendere il servizio di trasporto sociale ai Comuni montani.",
        # a decision with an infinitive that carries a clitic
        "Le parti concordano di incontrarsi ogni sei mesi per verificare l'attuazione del protocollo.",
        "I Comuni stabiliscono di avvalersi dell'Ufficio di Piano per la gestione dei fondi.",
        "Il Consorzio si impegna a fornire personale qualificato per lo sportello.",
        # intendere, proporsi di, mirare a
        "L'Unione dei Comuni intende rafforzare la rete dei servizi domiciliari.",
        "Gli enti firmatari intendono costituire un fondo comune per le emergenze abitative.",
        "Il tavolo si propone di elaborare linee guida condivise sull'affido familiare.",
        "Il progetto mira a ridurre l'abbandono scolastico nei quartieri periferici.",
        # an undertaking named as a noun, then what is undertaken
        "È impegno comune dei firmatari sostenere le famiglie con figli disabili.",
        "Costituisce impegno prioritario della Giunta ridurre i tempi di attesa per l'assistenza domiciliare.",
        # future tense and future passives
        "Saranno promossi incontri periodici con le famiglie dei ragazzi seguiti.",
        "Sarà sviluppata una mappa dei servizi per la prima infanzia.",
        "Verrà attivato uno sportello di ascolto presso ogni municipio.",
        "Verranno organizzati corsi di italiano per donne straniere.",
        "Si interverrà con contributi mirati a sostegno degli affitti.",
        "Il Comune rafforzerà i servizi di assistenza domiciliare per gli anziani.",
        "Dovranno essere attuati percorsi di inserimento lavorativo per i giovani.",
        # aims
        "L'obiettivo è ridurre i tempi di attesa per la presa in carico.",
        "Obiettivo del progetto è accompagnare i giovani verso il primo impiego.",
        "Le finalità del patto sono la tutela degli anziani soli e il contrasto all'isolamento.",
        "Il presente accordo è finalizzato a potenziare i servizi di trasporto sociale.",
        "Lo scopo dell'iniziativa è quello di avvicinare i cittadini alla programmazione.",
        "Tra gli obiettivi del piano c'è la riduzione della dispersione scolastica.",
        "Ampliare l'offerta dei centri estivi è l'obiettivo principale della convenzione.",
        # decisions that commit to a future act
        "L'Assemblea dei Sindaci ha deliberato di dare avvio al nuovo percorso di coprogettazione.",
        "Il Comitato ha deciso di istituire un osservatorio sulle povertà.",
        # a named subject and an action verb in the present
        "Il Comune promuove la nascita di gruppi di auto mutuo aiuto.",
        "L'Ambito garantisce la continuità degli interventi educativi nelle scuole.",
        "Le parti sostengono le iniziative di educazione finanziaria per le famiglie.",
        # an objective stated on its own
        "Promuovere l'inclusione lavorativa delle persone con disabilità psichica.",
        # provisos, planning, undertakings named as such
        "Resta inteso che le parti verificheranno ogni anno i risultati raggiunti.",
        "Si stanno progettando nuovi percorsi di orientamento per gli studenti.",
        "La Provincia conferma il proprio impegno nel sostegno alle cooperative sociali.",
        "L'intesa nasce dalla volontà comune di coordinare gli interventi sulla casa.",
        # a plan that provides for something
        "Il nuovo Piano di Zona prevede l'apertura di due centri per la famiglia.",
        # purposes: what an act, a plan or a body is for, also told of a past act
        "Il Comune ha avviato una coprogettazione al fine di promuovere l'inclusione dei giovani.",
        "È stata firmata un'intesa tra Comune e sindacati per rafforzare l'assistenza domiciliare.",
        "Il progetto ha l'obiettivo generale di ridurre l'isolamento degli anziani.",
        "Nasce un tavolo con l'obbiettivo di «coordinare le mense solidali» della città.",
        "L'iniziativa, finalizzata al sostegno delle famiglie fragili, prevede un contributo mensile.",
        "Si tratta di azioni volte a prevenire l'abbandono scolastico.",
        "Il laboratorio va nella direzione di valorizzare le competenze dei volontari.",
        "Esso ha l'obiettivo di garantire pari accesso ai servizi.",
        # intent said in a relative clause, when an action follows
        "È uno sportello che intende accompagnare le famiglie nella ricerca di una casa.",
        "Un percorso che mira a rafforzare i legami tra scuola e quartiere.",
        "L'Unione si appresta a redigere il nuovo piano triennale.",
        # a premise that opens a sentence whose main clause commits
        "Considerato il bando regionale, il Consorzio intende avviare un tavolo con le associazioni.",
        # a future passive said with its date is an act undertaken, not an event announced
        "Il nuovo piano verrà illustrato ai cittadini giovedì 5 marzo alle ore 18.",
        # a body's role in the present
        "Il Comitato approva il piano annuale e coinvolge le associazioni del territorio.",
        # a participle's aside between the subject and its verb
        "Il Consiglio di Ambito, composto dai sindaci dei comuni associati, approva il piano triennale.",
        # no subject but a leading adverbial or an impersonal "si"
        "In particolare, contribuisce a qualificare i servizi domiciliari per gli anziani.",
        "Con il presente provvedimento si approva il finanziamento dello sportello per le famiglie.",
        "Inoltre promuove la formazione dei volontari delle associazioni locali.",
        # a speaker's attribution inside one sentence stays in it
        "Il protocollo – ha spiegato il direttore – mira a ridurre le liste d'attesa.",
        # a future passive after its deadline commits; a date alone would make it an event
        "Entro il 30 giugno sarà costituito un gruppo tecnico tra i servizi sociali e sanitari.",
        # undertakings said with a phrase around a verb that commits nothing alone
        "L'Ente capofila è tenuto a trasmettere la relazione finale entro trenta giorni.",
        "Le organizzazioni sindacali si rendono disponibili a collaborare alla diffusione del bando.",
        "La cooperativa si fa carico del trasporto degli utenti ai centri diurni.",
        "I Comuni mettono a disposizione le sale civiche per gli incontri dei gruppi di mutuo aiuto.",
        # a body the act sets up, in the present passive; parties that set one up; undertakings reported
        "È istituito un Tavolo di coordinamento composto dai referenti dei servizi, che si riunisce ogni mese.",
        "Viene costituita una cabina di regia per il monitoraggio del Piano.",
        "I firmatari costituiscono un gruppo di lavoro sull'abitare.",
        "I sindacati e il Comune si sono impegnati a verificare ogni anno gli esiti del patto.",
        "La Giunta si è inoltre impegnata a rafforzare lo sportello per la non autosufficienza.",
        "Le cooperative si sono anche impegnate ad assumere due educatori.",
        "Nel corso del 2026 si prevede di aprire un secondo emporio solidale a Termoli.",
        # aims listed as actions after an aim noun and a colon, whatever the verb before them
        "Il Piano poggia su tre obiettivi strategici: ampliare i posti nei nidi, ridurre le attese e formare gli "
        "operatori.",
        "L'intesa persegue due finalità: coordinare gli sportelli e condividere i dati dei servizi.",
        # a month named without its day is a deadline or a season, not an event's date
        "La Caritas predisporrà una mappatura degli alloggi disponibili entro il mese di marzo.",
        "Da settembre il Comune attiverà un doposcuola nei quartieri periferici.",
        # a decision that sets an action going, named as a noun; an undertaking named as a noun with its infinitive;
        # a readiness told in the past
        "Le parti hanno concordato l'avvio di un tavolo tecnico sulla casa.",
        "Il documento contiene l'impegno del Comune a non aumentare le rette delle RSA.",
        "Resta l'impegno condiviso a lavorare insieme, ha concluso l'assessora durante la conferenza.",
        "La Fondazione si è detta disponibile a cofinanziare le borse per i tirocini.",
        # an undertaking in the relative clause of the act that binds to it
        "Le parti hanno sottoscritto un documento con il quale si impegnano a incontrarsi ogni sei mesi.",
        "È stato firmato il patto in cui i Comuni si impegnano a garantire i servizi.",
        # what an office will send or publish
        "Entro il 9 maggio l'Ufficio di Piano trasmetterà ai Comuni la proposta di riparto delle risorse.",
        "Il Piano sarà trasmesso alla Regione Umbria entro il 31 luglio e pubblicato sul sito dell'Ambito.",
        "Ogni anno il coordinatore del Patto redigerà un rapporto pubblico sulle attività svolte.",
        "Il verbale sarà trasmesso ai partecipanti entro cinque giorni lavorativi.",
        # a measure an agreement of social bargaining keeps in force
        "Il Comune conferma per il 2025 l'aliquota unica dell'addizionale comunale IRPEF.",
        "Sono confermate le riduzioni della TARI per i nuclei con ISEE fino a 12.000 euro.",
        "La soglia di esenzione dall'addizionale resta fissata a 15.000 euro.",
    ],
)
def test_commitment_sentences(sentence: str) -> None:
    assert texts(sentence) == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        # "impegno" with nothing undertaken after it
        "Questo è impegno di tutti, ha ricordato il sindaco in apertura.",
        # "impegna" spending money
        "La determinazione impegna la spesa di 12.000 euro sul capitolo 1450 del bilancio 2024.",
        # statements of need
        "È necessario rafforzare i servizi per la non autosufficienza.",
        # words that end like an infinitive with a clitic but are none
        "Diversi servizi sono rimasti scarsi negli anni passati.",
        "Occorre potenziare la rete dei consultori familiari.",
        "Si rende necessario promuovere una maggiore integrazione tra i servizi.",
        "È importante garantire la presenza degli educatori nelle scuole.",
        "È fondamentale sostenere le famiglie monoparentali.",
        # what a notice asks of whoever applies
        "Se mente, il dichiarante decade dal contributo e sarà tenuto alla restituzione di quanto ricevuto.",
        "Il beneficiario dovrà comunicare ogni variazione del nucleo familiare entro trenta giorni.",
        # what already happened, results achieved
        "Nel 2019 il Comune ha attivato tre nuovi centri diurni.",
        "È stato possibile mantenere aperti tutti gli sportelli.",
        "Attivato il servizio di trasporto per i disabili.",
        "Realizzati 15 alloggi per anziani soli.",
        "Valorizzato e sviluppato il volontariato di quartiere.",
        "Gli obiettivi del piano precedente sono stati raggiunti in gran parte.",
        # relative clauses, purposes, descriptions
        "La legge regionale, che promuove la coprogettazione, è stata approvata nel 2008.",
        "I soggetti che intendono partecipare possono compilare il modulo.",
        "Il servizio di assistenza domiciliare è rivolto agli anziani residenti.",
        "Il programma dell'incontro prevede una tavola rotonda.",
        "La legge prevede che i Comuni si coordinino in ambiti.",
        "Una rete di famiglie che si incontrano per favorire il mutuo aiuto.",
        # events, possibilities, validity and other futures that undertake nothing
        "I lavori si svolgeranno giovedì 12 marzo alle ore 10 nella sala consiliare.",
        "Gli interessati potranno inviare la domanda entro il 30 aprile.",
        "Il protocollo avrà la durata di tre anni.",
        "L'accordo avrà validità biennale, dal 2024 al 2026.",
        "La convenzione resterà in vigore fino al 31 dicembre 2027.",
        "I dati personali non saranno pubblicati.",
        "Interverranno il sindaco e l'assessore ai servizi sociali.",
        "L'incontro è aperto a quanti avranno manifestato interesse.",
        "Resta inteso che la partecipazione non costituisce titolo preferenziale.",
        "La spesa complessiva sarà di 200.000 euro.",
        "La domanda dovrà contenere la descrizione del progetto.",
        "Saranno ammessi i progetti che avranno ottenuto almeno 60 punti.",
        "La norma prevede che i Comuni favoriscono l'iniziativa dei cittadini.",
        # purposes of a described subject, of a need, of an applicant; "volta" as a time
        "I cittadini che si incontrano per promuovere la lettura.",
        "È necessario un accordo per garantire la continuità dei servizi.",
        "Il modulo serve per partecipare alla selezione.",
        "Una volta a settimana si riunisce il gruppo dei volontari.",
        # an event announced with its date before the future
        "Venerdì 7 aprile alle ore 17 si terrà l'assemblea, i materiali saranno inviati dopo.",
        # headings name a section
        "Obiettivi per il 2022",
        # a notice's own procedure
        "Le graduatorie saranno pubblicate sul sito istituzionale dell'Unione.",
        "Il plico dovrà riportare la dicitura «Avviso centri estivi».",
        # a present that narrates a dated past act
        "In data 4 marzo 2009 i Comuni dell'Ambito sottoscrivono la nuova convenzione.",
        # a conjunction is no subject; a capitalised word inside a sentence is a name, not a verb
        "Ed organizza ogni anno la festa del quartiere.",
        "Hanno aderito al progetto i comuni di Padova, Mirano e Dolo.",
        # an opinion on what matters, thanks, what something was or is used for
        "Gli assessori hanno convenuto sull'importanza di rafforzare la rete dei servizi.",
        "Ringraziamo i volontari per la generosità volta a sostenere le famiglie.",
        "L'incontro è stato un momento di confronto per conoscere le esperienze delle scuole.",
        "Il fondo è utilizzato per sostenere le spese delle famiglie.",
        # an action verb holding a view, and a reflexive one describing how something is made
        "I firmatari condividono l'idea che il welfare non sia compito dei soli enti pubblici.",
        "Il programma si sviluppa in tre assi e in dodici azioni, descritte nelle schede allegate.",
        # what a body is made of
        "È costituito da tre rappresentanti dei Comuni e da due dell'Azienda sanitaria.",
        # an aim noun before a colon and no action after it: figures or names, not aims
        "La Regione ha fissato gli obiettivi del fondo: bilancio in pareggio e servizi garantiti.",
        # A notice's procedure about the applicants' data, whatever the lemma table makes of "trattati".
        "I dati personali saranno trattati ai sensi del Regolamento (UE) 2016/679.",
        "L'ente accreditato sarà cancellato dall'Albo in caso di perdita dei requisiti.",
        # A step of a procedure is what will happen, with a date or without.
        "La graduatoria sarà pubblicata all'Albo pretorio del Comune.",
        # A web page's notice about itself.
        "Questo sito utilizza cookie per migliorare l'esperienza di navigazione.",
        # A resolution's boilerplate: "si intendono riportati" is deemed, not meant.
        "DETERMINA per i motivi espressi in narrativa, che qui si intendono integralmente riportati:",
        "Le premesse si intendono richiamate quale parte integrante del presente atto.",
        # Who will attend an event.
        "Alla firma parteciperanno anche il direttore del Consorzio e il direttore del Distretto.",
        "Agli incontri parteciperanno gli operatori dei servizi sociali della ASL.",
        # An event's notice: what the event is for is its programme, not an aim of the document.
        "Giovedì 6 marzo alle 17.00 nella sala consiliare si terrà un incontro finalizzato a presentare il Piano.",
        "Il 12 marzo la Consulta presenterà il Piano ai cittadini nella Sala del Consiglio.",
        # who does what, in a relative clause of its subject: a description, not an undertaking
        "Ringraziamo le associazioni che si impegnano ogni giorno per i più fragili.",
        # What a plan's chapter holds, its future in a relative clause of the actions.
        "Per ciascuna area sono indicati l'obiettivo strategico e le azioni che saranno realizzate nel triennio.",
        # What a document confirms that is no measure it keeps.
        "Questo protocollo conferma una collaborazione che dura da anni.",
        "È confermata la data dell'incontro del 12 marzo.",
        # A notice's procedure: how it answers its readers, what it asks of them.
        "Le risposte ai quesiti saranno pubblicate in forma anonima sul sito istituzionale.",
        "Eventuali variazioni di data o di sede saranno comunicate a mezzo PEC.",
        "La rendicontazione delle spese andrà trasmessa entro trenta giorni dalla conclusione del progetto.",
    ],
)
def test_not_commitments(sentence: str) -> None:
    assert texts(sentence) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A heading that asks what a party will do, and the points an agreement settles.
        (
            "COSA FARÀ IL COMUNE\n- concedere in comodato i locali di via Roma per l'Emporio;\n"
            "- segnalare i nuclei da inserire nel circuito dell'Emporio.\n",
            [
                "concedere in comodato i locali di via Roma per l'Emporio",
                "segnalare i nuclei da inserire nel circuito dell'Emporio.",
            ],
        ),
        (
            "Gli accordi arrivano dopo il confronto sui bilanci. Questi i punti principali:\n\n"
            "1. riduzione della TARI del 25% per i nuclei con ISEE basso;\n2. potenziamento del SAD con 2.000 ore.\n",
            ["riduzione della TARI del 25% per i nuclei con ISEE basso", "potenziamento del SAD con 2.000 ore."],
        ),
        # A heading that points at the items: "Queste le principali azioni …:", "Ecco gli obiettivi …:".
        (
            "Il Piano vale 4 milioni di euro. Queste le principali azioni previste nel triennio:\n"
            "➢ apertura di un Centro per le Famiglie a Paduli;\n➢ attivazione del Pronto Intervento Sociale.\n",
            ["apertura di un Centro per le Famiglie a Paduli", "attivazione del Pronto Intervento Sociale."],
        ),
        (
            "Ecco gli obiettivi del patto educativo di comunità:\n- ridurre la dispersione scolastica;\n"
            "- aprire le scuole al pomeriggio.\n",
            ["ridurre la dispersione scolastica", "aprire le scuole al pomeriggio."],
        ),
        (
            "Obiettivi condivisi del piano sono:\n"
            "1. Ridurre le liste d'attesa degli asili nido.\n"
            "2. La definizione di servizi estivi per i ragazzi.\n\n"
            "Il documento è stato discusso ieri.",
            ["Ridurre le liste d'attesa degli asili nido.", "La definizione di servizi estivi per i ragazzi."],
        ),
        (
            "Gli obiettivi del patto:\n- ridurre la povertà alimentare;\n- favorire il lavoro delle persone fragili.",
            ["ridurre la povertà alimentare", "favorire il lavoro delle persone fragili."],
        ),
        (
            "Gli obiettivi\n- Un centro diurno per ogni distretto\n- Più educatori nelle scuole medie",
            ["Un centro diurno per ogni distretto", "Più educatori nelle scuole medie"],
        ),
        (
            "Il Comune si impegna a:\n- mettere a disposizione una sala riunioni;\n- coprire le spese di pulizia.",
            ["mettere a disposizione una sala riunioni", "coprire le spese di pulizia."],
        ),
        (
            "Le parti convengono:\n- di costituire un tavolo tecnico permanente;\n- di condividere i dati sui servizi.",
            ["di costituire un tavolo tecnico permanente", "di condividere i dati sui servizi."],
        ),
        (
            "I firmatari concordano:\na) di incontrarsi ogni tre mesi;\nb) di pubblicare una relazione annuale.",
            ["di incontrarsi ogni tre mesi", "di pubblicare una relazione annuale."],
        ),
        # A resolution's items that give a task undertake it; approving and declaring decide.
        (
            "DELIBERA\n\n1. di approvare il Piano di Zona 2026-2028;\n2. di incaricare il Comune capofila di "
            "convocare il tavolo;\n3. di dare mandato all'Ufficio di Piano di redigere il regolamento;\n"
            "4. di dichiarare il presente atto immediatamente eseguibile.\n",
            [
                "di incaricare il Comune capofila di convocare il tavolo",
                "di dare mandato all'Ufficio di Piano di redigere il regolamento",
            ],
        ),
        (
            "Le parti convengono di:\na) istituire un tavolo di coordinamento;\n"
            "b) condividere i dati sulle prese in carico.",
            ["istituire un tavolo di coordinamento", "condividere i dati sulle prese in carico."],
        ),
        (
            "I sottoscrittori stabiliscono che:\n- il tavolo si riunisca ogni due mesi;\n- i dati siano condivisi.",
            ["il tavolo si riunisca ogni due mesi", "i dati siano condivisi."],
        ),
        (
            "Nel 2020 è stato possibile:\n- aumentare le persone in carico;\n- offrire formazione agli operatori.",
            [],
        ),
        # an introduction "… intendono:" is no commitment of its own
        (
            "Con la presente intesa i firmatari intendono:\n- sostenere i caregiver;\n- aprire due centri diurni.",
            ["sostenere i caregiver", "aprire due centri diurni."],
        ),
        # a section heading that only looks like a participle ("Oggetto") does not make the next line a result
        (
            "Oggetto e finalità\nLe parti intendono rafforzare l'alleanza tra scuola, famiglie e quartiere.\n",
            ["Le parti intendono rafforzare l'alleanza tra scuola, famiglie e quartiere."],
        ),
        # a result headline in an irregular participle, cut by the layout, stays a result
        ("Aperti gli sportelli sociali\nin cinque quartieri per orientare\ni cittadini ai servizi\n", []),
        (
            "Vengono individuati i seguenti assi:\n- Politiche per la casa\n- Politiche giovanili",
            [],
        ),
        (
            "Premessa\n\n- Il Comune promuove da anni la partecipazione dei cittadini.\n\n"
            "Tutto ciò premesso:\n\nLe parti si impegnano a collaborare sulle politiche giovanili.",
            ["Le parti si impegnano a collaborare sulle politiche giovanili."],
        ),
        (
            "Ridurre la povertà educativa nei quartieri. Sono questi gli obiettivi del nuovo piano.",
            ["Ridurre la povertà educativa nei quartieri."],
        ),
        (
            "Il Comune si impegna “ad approvare i progetti delle associazioni; verificare lo svolgimento "
            "delle attività; individuare spazi idonei per gli incontri”.",
            [
                "Il Comune si impegna “ad approvare i progetti delle associazioni",
                "verificare lo svolgimento delle attività",
                "individuare spazi idonei per gli incontri",
            ],
        ),
        (
            "L'obiettivo è una rete di servizi più vicina, attraverso le seguenti azioni:\n"
            "- costituire un tavolo di coordinamento;\n- ampliare gli orari degli sportelli.",
            [
                "L'obiettivo è una rete di servizi più vicina, attraverso le seguenti azioni:",
                "costituire un tavolo di coordinamento",
                "ampliare gli orari degli sportelli.",
            ],
        ),
        (
            "Gli obiettivi dell'Ambito per il prossimo triennio di programmazione sociale sono:\n"
            "- ridurre le liste d'attesa;\n- aprire due centri per le famiglie.",
            ["ridurre le liste d'attesa", "aprire due centri per le famiglie."],
        ),
        (
            "In sintesi, gli impegni della Giunta sono: la riduzione delle rette; il potenziamento "
            "del trasporto sociale; un nuovo centro diurno.",
            ["la riduzione delle rette", "il potenziamento del trasporto sociale", "un nuovo centro diurno."],
        ),
        ("Gli obiettivi del triennio sono stati: la mensa per tutti; due nuovi asili nido comunali.", []),
        (
            "Aperto lo sportello di ascolto\nSociale per orientare i cittadini verso i servizi\n\nAltro testo.",
            [],
        ),
        (
            "Pescara, 3 marzo – Sostenere le famiglie con figli disabili nella vita di ogni giorno.",
            ["Sostenere le famiglie con figli disabili nella vita di ogni giorno."],
        ),
        (
            "Il Comune si impegna a riaprire la biblioteca di quartiere. Il Comune si impegna a riaprire la "
            "biblioteca di quartiere.",
            ["Il Comune si impegna a riaprire la biblioteca di quartiere."],
        ),
        (
            "Il Comune si impegna a sostenere le spese; le associazioni mettono a disposizione i volontari.",
            ["Il Comune si impegna a sostenere le spese; le associazioni mettono a disposizione i volontari."],
        ),
        # Actions a plan says it will carry out are commitments, those it reports done are not.
        (
            "Interventi programmati:\n• potenziamento dell'assistenza domiciliare;\n• apertura di un emporio.\n\n"
            "Interventi realizzati:\n• apertura dello sportello;\n• attivazione di 40 tirocini.\n",
            ["potenziamento dell'assistenza domiciliare", "apertura di un emporio."],
        ),
        # An introduction that only names what its list holds is no commitment; its items are.
        (
            "Il Programma persegue in particolare le seguenti finalità:\n- ridurre i tempi di attesa;\n"
            "- potenziare l'assistenza domiciliare.\n",
            ["ridurre i tempi di attesa", "potenziare l'assistenza domiciliare."],
        ),
        (
            "La Società della Salute si impegna a promuovere le seguenti azioni:\n- aprire due sportelli;\n"
            "- formare gli operatori.\n",
            ["aprire due sportelli", "formare gli operatori."],
        ),
        # What a plan sets out to do, said impersonally: the items commit, the introduction does not.
        (
            "La governance si fonda sul Comitato dei Sindaci. Nel triennio si prevede di:\n"
            "1) rendere stabili i tavoli di co-programmazione;\n2) adottare un regolamento unico di Ambito.\n",
            ["rendere stabili i tavoli di co-programmazione", "adottare un regolamento unico di Ambito."],
        ),
        # A running header and a page's number over an article are no part of its first sentence.
        (
            "ASST Brianza - Ambito di Vimercate          Intesa integrazione sociosanitaria\n"
            "                Pag. 2 di 3\nArt. 4 - Impegni delle parti\nL'ASST si impegna a:\n"
            "- garantire la presenza di personale infermieristico;\n- attivare le dimissioni protette.\n",
            ["garantire la presenza di personale infermieristico", "attivare le dimissioni protette."],
        ),
        # A heading in capitals undertakes nothing, and a table's header row opens no list of objectives ...
        (
            "1. FINALITÀ DEL PERCORSO\nIl percorso intende rafforzare la rete dei servizi.\n",
            ["Il percorso intende rafforzare la rete dei servizi."],
        ),
        (
            "AREA STRATEGICA                          N. OBIETTIVI\n"
            "1. Contrasto alla povertà e inclusione sociale       6\n2. Politiche familiari e tutela dei minori   5\n",
            [],
        ),
        # ... while a capital heading that names objectives opens their list.
        (
            "OBIETTIVI PER IL 2025\n- ridurre i tempi di attesa;\n- potenziare l'assistenza domiciliare.\n",
            ["ridurre i tempi di attesa", "potenziare l'assistenza domiciliare."],
        ),
        # Items marked "o", as a word processor's bullet comes out in text.
        (
            "Il soggetto selezionato si impegna a:\no attivare una centrale operativa;\n"
            "o garantire la reperibilità di un assistente sociale.\n",
            ["attivare una centrale operativa", "garantire la reperibilità di un assistente sociale."],
        ),
        # A numbered section's heading is not the first line of the sentence under it.
        (
            "3.1 Rafforzare la rete dei servizi per la prima infanzia\n"
            "Il Comune intende ampliare l'offerta dei nidi.\n",
            ["Il Comune intende ampliare l'offerta dei nidi."],
        ),
        # ... unlike one with an action of its own before the list.
        (
            "Le parti si impegnano a tenere un confronto annuale sui seguenti temi:\n- tariffe;\n- casa.\n",
            ["Le parti si impegnano a tenere un confronto annuale sui seguenti temi:"],
        ),
        # The actions a plan lists under a heading of their own, their numbers left out; not what was done.
        (
            "OBIETTIVO 2 – SOSTENERE LA DOMICILIARITÀ\n\nAzioni\n▪ 2.1 – Estensione del servizio di assistenza "
            "domiciliare ai Comuni montani.\n▪ 2.2 – Apertura di un centro diurno a Cagli.\n\nAzioni realizzate nel "
            "2023\n▪ Apertura dello sportello unico.\n▪ Formazione degli operatori.\n",
            [
                "Estensione del servizio di assistenza domiciliare ai Comuni montani.",
                "Apertura di un centro diurno a Cagli.",
            ],
        ),
        # A list of objectives goes on across a page's running footer; a table's rows are no undertakings.
        (
            "Il Distretto si pone i seguenti obiettivi:\n1. attivare un nucleo demenze;\n\n"
            "Report di monitoraggio 2024 – Distretto di Vignola             3\n\n2. ridurre i tempi di attesa.\n\n"
            "Area                     2024        2025\nDisabilità               1.380.000   1.420.000\n",
            ["attivare un nucleo demenze", "ridurre i tempi di attesa."],
        ),
        # What an act provides, listed after its colon, however the sentence opens.
        (
            "In sintesi, l'accordo prevede:\n• l'apertura di uno sportello per le famiglie;\n"
            "• un fondo per le utenze delle persone sole.\n\nLa legge prevede che i Comuni collaborino:\n"
            "- con le scuole;\n- con le ASL.\n",
            ["l'apertura di uno sportello per le famiglie", "un fondo per le utenze delle persone sole."],
        ),
        # A list of areas is no list of undertakings, whatever verb introduces it.
        (
            "Il Piano individua quattro aree prioritarie di intervento:\n• Domiciliarità e caregiver\n"
            "• Abitare e nuove forme di housing sociale\n• Giovani e prevenzione del disagio\n",
            [],
        ),
        # ... but an introduction that undertakes something itself is a commitment, its areas are not.
        (
            "Il Distretto intende attivare un percorso di co-programmazione nei seguenti tavoli tematici:\n"
            "1) Povertà ed esclusione sociale\n2) Anziani e non autosufficienza\n",
            ["Il Distretto intende attivare un percorso di co-programmazione nei seguenti tavoli tematici:"],
        ),
        (
            "Il Distretto intende lavorare nelle seguenti aree di intervento:\n1) contrastare la povertà educativa;\n"
            "2) Anziani e non autosufficienza;\n3) sostenere le famiglie fragili.\n",
            [
                "Il Distretto intende lavorare nelle seguenti aree di intervento:",
                "contrastare la povertà educativa",
                "sostenere le famiglie fragili.",
            ],
        ),
        # ... or a page's heading that asks what the act provides, its items the answer.
        (
            "Cosa prevede il protocollo:\n– la convocazione di un tavolo permanente con i sindacati;\n"
            "– la condivisione dei dati sulle liste d'attesa.\n",
            [
                "la convocazione di un tavolo permanente con i sindacati",
                "la condivisione dei dati sulle liste d'attesa.",
            ],
        ),
        (
            "Che cosa prevede il nuovo accordo con i pensionati:\n1. l'esenzione dall'addizionale per i redditi "
            "bassi;\n2. un fondo per gli affitti.\n",
            ["l'esenzione dall'addizionale per i redditi bassi", "un fondo per gli affitti."],
        ),
        # An article of undertakings: the party named on a line of its own, then what it does in the present tense.
        (
            "ART. 4 – IMPEGNI DELL'AZIENDA SANITARIA\nL'ASL di Rieti, per quanto di competenza:\n"
            "a) garantisce la presa in carico integrata dei pazienti dimessi;\n"
            "b) provvede alla formazione congiunta degli operatori.\n",
            [
                "garantisce la presa in carico integrata dei pazienti dimessi",
                "provvede alla formazione congiunta degli operatori.",
            ],
        ),
        (
            "Obblighi del gestore\nLa Cooperativa:\n- assicura la presenza di un coordinatore del servizio;\n"
            "- trasmette ogni mese al Comune il registro delle presenze.\n",
            [
                "assicura la presenza di un coordinatore del servizio",
                "trasmette ogni mese al Comune il registro delle presenze.",
            ],
        ),
        # "Azioni:" under an objective heads what the plan will do, named or told.
        (
            "5.2 ANZIANI\nObiettivo strategico: favorire la permanenza a domicilio.\nAzioni:\n"
            "➢ potenziamento del SAD e integrazione con l'ADI distrettuale;\n"
            "➢ realizzazione del PUA presso la Casa della Comunità.\n",
            [
                "Obiettivo strategico: favorire la permanenza a domicilio.",
                "potenziamento del SAD e integrazione con l'ADI distrettuale",
                "realizzazione del PUA presso la Casa della Comunità.",
            ],
        ),
        # A party bound to a list introduces it, undertaking nothing in the line itself.
        (
            "La Cooperativa si obbliga a:\na) svolgere il servizio con almeno due automezzi;\n"
            "b) applicare al personale il contratto delle cooperative sociali.\n",
            [
                "svolgere il servizio con almeno due automezzi",
                "applicare al personale il contratto delle cooperative sociali.",
            ],
        ),
        # ... but not what another kind of line introduces under such a heading.
        ("Impegni del Comune\nPer informazioni:\n- telefono dello sportello sociale;\n- sito del Comune.\n", []),
        # An item that introduces the undertakings below it undertakes nothing itself.
        (
            "Gli impegni dei partner\n▪ La Caritas si impegna a:\n   o coordinare i centri di ascolto;\n"
            "   o gestire l'emporio solidale.\n▪ I Comuni si impegnano a:\n   o individuare un referente;\n"
            "▪ La ASL garantirà l'orientamento ai servizi sanitari.\n",
            [
                "coordinare i centri di ascolto",
                "gestire l'emporio solidale.",
                "individuare un referente",
                "La ASL garantirà l'orientamento ai servizi sanitari.",
            ],
        ),
    ],
)
def test_lists_and_sections(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            'Soddisfatta la presidente Angela Colonna: "Vogliamo un Piano scritto insieme al territorio".',
            "Vogliamo un Piano scritto insieme al territorio",
        ),
        (
            "Il sindaco Rossi ha commentato: «Ci impegniamo a garantire il servizio a tutte le famiglie».",
            "Ci impegniamo a garantire il servizio a tutte le famiglie",
        ),
    ],
)
def test_a_speaker_before_a_colon_is_left_out_of_what_is_quoted(text: str, said: str) -> None:
    (found,) = commitments(text)
    assert found.text == said
    assert [text[s:e] for s, e in found.spans] == [said]


def test_speaker_between_two_quoted_sentences_is_left_out() -> None:
    text = (
        "«Il nuovo centro vuole sostenere le famiglie fragili del quartiere e dei comuni vicini – ha spiegato "
        "l'assessora Rossi – Vuole inoltre favorire l'incontro tra le generazioni.»"
    )
    assert texts(text) == [
        "Il nuovo centro vuole sostenere le famiglie fragili del quartiere e dei comuni vicini",
        "Vuole inoltre favorire l'incontro tra le generazioni.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il Comitato dei Sindaci si impegna a sostenere i progetti delle\nassociazioni del territorio.", 1),
        ("L'Ambito intende rafforzare gli interventi per le persone con disabilità delle\n\nvalli alpine.", 1),
        (
            "Il Comune di Lodi e le organizzazioni sindacali dei pensionati\nCGIL CISL\nUIL si impegnano a unirsi.",
            1,
        ),
    ],
)
def test_sentence_cut_by_layout_is_whole(text: str, expected: int) -> None:
    found = commitments(text)
    assert len(found) == expected
    assert found[0].text == " ".join(text.split())
    assert found[0].spans == [(0, len(text))]


def test_what_a_plan_expects_to_achieve_is_its_objectives() -> None:
    text = (
        "Risultati attesi:\n- incremento delle famiglie prese in carico;\n- riduzione dei tempi di attesa per la "
        "valutazione;\n- maggiore integrazione tra servizi sociali e sanitari.\n"
    )
    assert len(commitments(text)) == 3


def test_short_lines_of_a_flattened_table_do_not_run_into_each_other() -> None:
    # A table read one cell per line: its header cells and each row's field end where their writer ended them.
    text = (
        "Tabella 3.1 – Obiettivi specifici per area di programmazione\nArea di programmazione\n"
        "Obiettivo specifico 2024\nRisorse (€)\nCURE PRIMARIE\n"
        "Rafforzare la presa in carico della cronicità attraverso la Centrale Operativa Territoriale\n410.000\n"
        "NON AUTOSUFFICIENZA\nRidurre i tempi di attesa per la valutazione UVM entro 30 giorni dalla domanda\n"
    )
    assert [c.text.removesuffix(" 410.000") for c in commitments(text)] == [
        "Rafforzare la presa in carico della cronicità attraverso la Centrale Operativa Territoriale",
        "Ridurre i tempi di attesa per la valutazione UVM entro 30 giorni dalla domanda",
    ]


def test_a_line_ending_on_a_preposition_does_not_run_into_a_sentence_after_a_blank_line() -> None:
    # The page's share buttons ("in" for LinkedIn) end a line; the notice's sentence opens with its article.
    text = "Condividi  f  in  ✉\n\nIl Consorzio intende individuare enti disponibili a co-progettare interventi."
    assert [c.text for c in commitments(text)] == [
        "Il Consorzio intende individuare enti disponibili a co-progettare interventi."
    ]


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Il Comune si impegna a riaprire lo sportello sociale.", "Il Comune"),
        (
            "Il patto impegna le associazioni aderenti a promuovere il volontariato giovanile.",
            "le associazioni aderenti",
        ),
        ("Nello specifico la Regione, in qualità di capofila, si impegna a coordinare i lavori.", "la Regione"),
        (
            "L'Ambito di Lecco e le organizzazioni sindacali CGIL CISL UIL si impegnano a incontrarsi ogni sei mesi.",
            "L'Ambito di Lecco e le organizzazioni sindacali CGIL CISL UIL",
        ),
        (
            "L'Assemblea dei Sindaci e il Tavolo tecnico intendono avviare un percorso di coprogrammazione.",
            "L'Assemblea dei Sindaci e il Tavolo tecnico",
        ),
        ("Il Comitato ha deliberato di avviare la nuova programmazione sociale.", "Il Comitato"),
        # what a decision states names its own subject after "che"; a future passive leaves it unsaid
        ("Si conviene che il Comune attiverà uno sportello per le famiglie.", "il Comune"),
        ("Il tavolo concorda che la Caritas predisporrà una mappatura degli alloggi.", "la Caritas"),
        ("Si concorda che saranno attivati due sportelli per le famiglie.", None),
        # the subject ends at a first future coordinated with the committing one, not at one in another clause
        (
            "Nel 2025 il Consorzio aprirà un nuovo centro per l'autismo e rafforzerà il pronto intervento.",
            "il Consorzio",
        ),
        ("La riunione si terrà entro il 30 settembre; entro ottobre le parti definiranno un cronoprogramma.", None),
        ("È stato firmato il patto in cui i Comuni si impegnano a garantire i servizi.", "i Comuni"),
        ("L'Ambito garantisce la continuità degli interventi educativi nelle scuole.", "L'Ambito"),
        (
            "I Comuni di Lodi e Crema concordano sull'utilità di un piano comune e si impegnano a redigerlo.",
            "I Comuni di Lodi e Crema",
        ),
        ("Il documento - firmato da dieci enti - si propone di attuare forme di collaborazione.", "Il documento"),
        ("Le parti si impegnano a incontrarsi due volte l'anno.", "Le parti"),
        ("Nel prossimo anno il Servizio intende potenziare l'assistenza domiciliare.", "il Servizio"),
        # the subject after an opening phrase, not the phrase's own object
        (
            "Con il Patto i firmatari si impegnano a sostenere l'occupazione giovanile.",
            "i firmatari",
        ),
        (
            "Per la realizzazione del progetto gli enti aderenti metteranno a disposizione i locali.",
            "gli enti aderenti",
        ),
        ("Entro la fine dell'anno si interverrà sulle situazioni di emergenza abitativa.", None),
        ("In attuazione delle linee guida per l'avvio dei piani si promuoverà la coprogettazione.", None),
        ("In attuazione del protocollo per l'avvio del servizio gli enti si impegnano a collaborare.", "gli enti"),
        ("Saranno promossi tavoli d'area dedicati alla famiglia.", None),
        # an active future names who acts; a passive or impersonal one does not
        ("Il Comune metterà a disposizione i locali della biblioteca civica.", "Il Comune"),
        ("Ciascun ente firmatario dovrà nominare un referente per il monitoraggio.", "Ciascun ente firmatario"),
        ("Gli enti aderenti collaboreranno alla raccolta dei dati sugli accessi.", "Gli enti aderenti"),
        ("Verranno realizzati laboratori di orientamento per i giovani.", None),
        ("Si interverrà sulle situazioni di emergenza abitativa.", None),
        ("L'Ente capofila è tenuto a trasmettere la relazione finale.", "L'Ente capofila"),
        # the subject of an aim's main verb, not a copula's
        ("Il Piano di Zona persegue l'obiettivo di integrare i servizi sanitari e sociali.", "Il Piano di Zona"),
        ("La Consulta ha avviato un percorso al fine di coinvolgere le scuole.", "La Consulta"),
        ("Il Piano è lo strumento per garantire servizi omogenei.", None),
        # a premise before the subject, a verb coordinated after it
        ("Vista la delibera regionale, l'Unione dei Comuni intende aprire un bando.", "l'Unione dei Comuni"),
        ("La Provincia - sentite le parti - promuove e sostiene i centri per la famiglia.", "La Provincia"),
        ("L'obiettivo è ridurre i tempi di attesa.", None),
        ("Il Consiglio di Ambito, composto dai sindaci, approva il piano triennale.", "Il Consiglio di Ambito"),
    ],
)
def test_actor(sentence: str, actor: str | None) -> None:
    (found,) = commitments(sentence)
    assert found.actor == actor


def test_an_item_that_names_who_undertakes_it_keeps_that_actor() -> None:
    text = (
        "Questi i punti dell'accordo:\n1. Il Comune si impegna ad aumentare le ore di assistenza domiciliare;\n"
        "2. riduzione della TARI per i nuclei con ISEE basso.\n"
    )
    found = find_commitments(analyze(text), [])
    assert [(c.actor, c.text[:9]) for c in found] == [("Il Comune", "Il Comune"), (None, "riduzione")]


def test_items_take_the_actor_of_their_introduction() -> None:
    found = commitments("Il Comune si impegna a:\n- convocare il tavolo;\n- fornire i dati sulla spesa sociale.")
    assert [(c.actor, c.text) for c in found] == [
        ("Il Comune", "convocare il tavolo"),
        ("Il Comune", "fornire i dati sulla spesa sociale."),
    ]


def test_items_take_the_actor_of_the_item_that_introduces_them_or_their_own() -> None:
    text = (
        "GLI IMPEGNI\n▪ La Caritas si impegna a:\n   o coordinare i centri di ascolto;\n▪ I Comuni si impegnano a:\n"
        "   o individuare un referente;\n▪ La ASL garantirà l'orientamento ai servizi sanitari.\n"
    )
    assert [c.actor for c in commitments(text)] == ["La Caritas", "I Comuni", "La ASL"]


def test_run_on_list_takes_the_owner_its_head_names() -> None:
    text = (
        "Nel dettaglio, gli impegni dell'Unione riguardano: orari più lunghi; la mensa sociale; più trasporti serali."
    )
    assert [(c.actor, c.text) for c in commitments(text)] == [
        ("Unione", "orari più lunghi"),
        ("Unione", "la mensa sociale"),
        ("Unione", "più trasporti serali."),
    ]


def test_le_parti_resolved_to_the_parties() -> None:
    parties = [Party(name="Comune di Lodi", kind="comune"), Party(name="CISL Lodi", kind="sindacato")]
    (found,) = commitments("Le parti si impegnano a incontrarsi due volte l'anno.", parties)
    assert found.actor == "Comune di Lodi, CISL Lodi"


def test_text_and_span_without_marks() -> None:
    text = "Testo introduttivo.\n\n- **Il Comune** si impegna a *garantire* la mensa scolastica.\n"
    (found,) = commitments(text)
    assert found.text == "Il Comune si impegna a garantire la mensa scolastica."
    start, end = found.spans[0]
    assert text[start:end] == "Il Comune** si impegna a *garantire* la mensa scolastica."


@pytest.mark.parametrize("label", ["Art. 1 - ", "ART. 2 – ", "Articolo 3. ", "Art.4: ", "Art. 5 bis - "])
def test_an_article_label_on_the_line_is_no_part_of_the_text(label: str) -> None:
    sentence = "Le parti si impegnano a incontrarsi ogni sei mesi."
    (found,) = commitments(f"Premessa.\n\n{label}{sentence}\n")
    assert (found.text, found.actor) == (sentence, "Le parti")


def test_premises_closed_in_their_own_last_clause_leave_the_articles_free() -> None:
    text = (
        "Premesso che la legge promuove interventi per l'infanzia;\nsi conviene quanto segue:\n"
        "1. Le parti si impegnano a condividere i dati sulle situazioni di fragilità dei minori.\n"
    )
    assert texts(text) == ["Le parti si impegnano a condividere i dati sulle situazioni di fragilità dei minori."]


def test_a_tables_cells_state_objectives_of_their_own() -> None:
    text = (
        "Obiettivi del Piano di Zona 2024-2026 – Ambito Sociale n. 9 Alto Vastese\n\n"
        "Obiettivo generale | Obiettivi specifici | Indicatori\n"
        "Contrastare la povertà | Attivare il Pronto Intervento Sociale in tutti i Comuni | n. interventi\n"
        "Sostenere la domiciliarità | Ampliare le ore di SAD del 20% | ore erogate\n"
    )
    assert texts(text) == [
        "Contrastare la povertà",
        "Attivare il Pronto Intervento Sociale in tutti i Comuni",
        "Sostenere la domiciliarità",
        "Ampliare le ore di SAD del 20%",
    ]


def test_the_fields_of_an_objective_sheet_are_read_one_by_one() -> None:
    text = (
        "SCHEDA OBIETTIVO N. 3\nTitolo obiettivo: Rafforzare la domiciliarità delle persone anziane fragili\n"
        "Area di policy: Domiciliarità e anziani\nTarget: persone sole over 75, caregiver familiari\n"
        "Azioni previste:\n- mappatura dei servizi domiciliari esistenti;\n"
        "- attivazione di uno sportello per i caregiver.\n"
    )
    assert texts(text) == [
        "Titolo obiettivo: Rafforzare la domiciliarità delle persone anziane fragili",
        "mappatura dei servizi domiciliari esistenti",
        "attivazione di uno sportello per i caregiver.",
    ]


def test_date_stamp_of_scraped_pages_is_not_text() -> None:
    (found,) = commitments(" date 2022-11 Individuare nuove strategie contro le disuguaglianze sociali.")
    assert found.text == "Individuare nuove strategie contro le disuguaglianze sociali."


def test_category_from_text_else_heading() -> None:
    sentence = "Saranno promossi centri diurni per gli anziani non autosufficienti."
    (found,) = commitments(sentence)
    assert found.category == categorize(sentence)


def test_word_lists_are_lower_case_and_unique() -> None:
    for name, words in load("commitments")["commitments"].items():
        assert words == [w.lower() for w in words], name
        assert len(words) == len(set(words)), name


@spacy.Language.component("test_subject_parser")
def _subject_parser(doc: spacy.tokens.Doc) -> spacy.tokens.Doc:
    """Parses as a model would: 'Comuni' (with 'i', 'dell'', 'Ambito' under it) is subject of 'impegnano'."""
    words = {t.text: t for t in doc}
    if {"impegnano", "Comuni", "Ambito"} <= words.keys():
        verb, subject = words["impegnano"], words["Comuni"]
        verb.dep_ = "ROOT"
        subject.head, subject.dep_ = verb, "nsubj"
        for t in doc:
            if t.text in ("i", "dell'", "Ambito"):
                t.head, t.dep_ = subject, "det" if t.text == "i" else "nmod"
    return doc


def test_actor_from_the_model_parse_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    # An inverted subject: the words before the verb say nothing, the parse does.
    text = "Si impegnano inoltre i Comuni dell'Ambito a garantire la continuità dei servizi."
    rules_only = find_commitments(analyze(text))
    assert [c.actor for c in rules_only] == [None]

    def installed(name: str, **kwargs: object) -> spacy.language.Language:
        model = spacy.blank("it")
        model.add_pipe("lemmatizer", config={"mode": "lookup"})
        model.initialize()
        model.add_pipe("test_subject_parser")
        return model

    monkeypatch.setattr(spacy, "load", installed)
    nlp.get_pipeline.cache_clear()
    try:
        with_parse = find_commitments(nlp.analyze(text))
    finally:
        nlp.get_pipeline.cache_clear()
    assert [c.actor for c in with_parse] == ["i Comuni dell'Ambito"]


@pytest.mark.parametrize(
    "text",
    ["", "...", "Il Comune di", "le parti e ", "x_y!!", "la città.", "art. 3)", "nel 2024 »", "ma perché", "fine\n\n"],
)
def test_last_word_is_the_patterns(text: str) -> None:
    """``_last_word`` reads from the end what ``(\\w+)\\W*$`` finds."""
    import re

    from extractor.recognizers.commitments import _last_word

    found = re.search(r"(\w+)\W*$", text)
    assert _last_word(text) == (found.group(1) if found else "")
