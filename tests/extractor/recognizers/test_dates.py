"""Dates: a table of Italian expressions with the items they must give."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.nlp import analyze
from extractor.recognizers.dates import find_dates
from extractor.recognizers.dates.clock import find_times
from extractor.recognizers.dates.mentions import expand_year
from extractor.recognizers.dates.words import number_in_words


def found(text: str) -> list[tuple[str, str | None, str]]:
    return [(d.date.isoformat(), d.time, d.kind) for d in find_dates(analyze(text)).dates]


# (text, expected items as (date, time, kind)); the order is the text's.
TABLE = [
    # Written in full, every common form.
    ("La convenzione è stata firmata il 3 marzo 2021.", [("2021-03-03", None, "firma")]),
    ("Il bando scade il 30/06/2024.", [("2024-06-30", None, "scadenza")]),
    ("Domande entro il 31.01.2026.", [("2026-01-31", None, "scadenza")]),
    ("Approvato con verbale del 7-9-2018.", [("2018-09-07", None, "firma")]),
    ("Nota del 2023-10-05 agli enti.", [("2023-10-05", None, "altro")]),
    # The act's formula dates its adoption, in words or figures; a day in figures first may be an event.
    ("L'anno 2024, il giorno 12 del mese di marzo, si è riunita la Giunta.", [("2024-03-12", None, "firma")]),
    ("Il giorno 5 di marzo del 2024 si terrà l'assemblea.", [("2024-03-05", None, "evento")]),
    # A second call "at the same time" takes the time of the first.
    (
        "L'Assemblea è convocata giovedì 13 marzo 2025 alle ore 10.30 in municipio e in seconda convocazione "
        "venerdì 14 marzo 2025, alla stessa ora e nel medesimo luogo.",
        [("2025-03-13", "10:30", "evento"), ("2025-03-14", "10:30", "evento")],
    ),
    # A web page's update stamp is no event, its time aside; an act named before a timed date is its subject.
    ("Ultimo aggiornamento: 13/03/2024, 10:15", [("2024-03-13", "10:15", "altro")]),
    (
        "Il regolamento aggiornato verrà presentato il 5 marzo 2024 alle ore 17 in sala consiliare.",
        [("2024-03-05", "17:00", "evento")],
    ),
    # The last day to send something, after "fino al"; a body meeting told in the future; a time on the
    # line the layout wrapped after the date's comma.
    ("Le richieste di chiarimento possono essere inoltrate fino al 17 marzo 2025.", [("2025-03-17", None, "scadenza")]),
    ("Il tavolo si insedierà presumibilmente lunedì 31 marzo 2025.", [("2025-03-31", None, "evento")]),
    (
        "È prevista una sessione informativa martedì 11 marzo 2025,\ndalle ore 10:30 alle ore 12:30, in Comune.",
        [("2025-03-11", "10:30", "evento")],
    ),
    # A span set after the signing is a period, not the signing; a term "in vigore dal" still dates the act.
    (
        "Il partenariato dura 24 mesi dalla sottoscrizione, presumibilmente dal 1° giugno 2025 al 31 maggio 2027.",
        [("2025-06-01", None, "altro"), ("2027-05-31", None, "altro")],
    ),
    ("Il regolamento è entrato in vigore dal 1° gennaio 2025.", [("2025-01-01", None, "firma")]),
    # A calendar in a table: an abbreviated weekday before a day and month, the hours as a span.
    (
        "Padova, 3 settembre 2025\nTAVOLO        DATA        ORARIO\nAnziani       mer 8/10    9.30-12.30\n"
        "Disabilità    gio 9/10    14.30 – 17.30\n",
        [("2025-09-03", None, ""), ("2025-10-08", "09:30", "evento"), ("2025-10-09", "14:30", "evento")],
    ),
    # A dateline after the closing formula dates the signing.
    ("Letto, approvato e sottoscritto.\nLecce, 4 luglio 2023\n", [("2023-07-04", None, "firma")]),
    ("Il tavolo si riunirà il 4 luglio 2023 alle ore 10.\n", [("2023-07-04", "10:00", "evento")]),
    # A citation complete before the date does not make the date its own; a number and year then "del" do.
    (
        "In attuazione della Legge 9 dicembre 1998, n. 431, il Comune rende noto che dal 3 marzo 2025 "
        "al 4 aprile 2025 i cittadini possono presentare domanda.",
        [("1998-12-09", None, "firma"), ("2025-03-03", None, "altro"), ("2025-04-04", None, "scadenza")],
    ),
    ("Ai sensi della L.R. n. 12/2008 le richieste si accolgono dal 2 maggio 2024.", [("2024-05-02", None, "altro")]),
    ("Visto il decreto n. 45/2019 del 3 maggio 2019.", [("2019-05-03", None, "firma")]),
    (
        "La mostra resterà aperta dal 3 marzo 2025 al 4 aprile 2025 al museo.",
        [("2025-03-03", None, "altro"), ("2025-04-04", None, "altro")],
    ),
    ("Riunione del 1° febbraio 2022 alle 10.", [("2022-02-01", "10:00", "evento")]),
    ("Il termine è fissato al 1º luglio 2020.", [("2020-07-01", None, "scadenza")]),
    ("Si è deciso il primo dicembre 2019 di procedere.", [("2019-12-01", None, "altro")]),
    ("Comunicazione del 12 genn. 2023 ai sindaci.", [("2023-01-12", None, "altro")]),
    ("Seduta del 4 nov 2021, ore 18.", [("2021-11-04", "18:00", "evento")]),
    ("Il decreto del 15 set. 2015 è citato.", [("2015-09-15", None, "firma")]),
    ("Nota del 09/03/98.", [("1998-03-09", None, "altro")]),
    ("Rettifica del 5/4/21 al bando del 2021.", [("2021-04-05", None, "altro")]),
    ("Lunedì, 14 ottobre 2024 si terrà l'assemblea.", [("2024-10-14", None, "evento")]),
    ("Giornata di studio il 21 marzo del 2023.", [("2023-03-21", None, "evento")]),
    # Deadlines with times before or after the date.
    (
        "Le domande devono pervenire entro le ore 12.00 del giorno 10.11.2025.",
        [("2025-11-10", "12:00", "scadenza")],
    ),
    (
        "Le proposte vanno inviate entro il termine di scadenza, fissato alle ore 12:00 dell'8 aprile 2024.",
        [("2024-04-08", "12:00", "scadenza")],
    ),
    (
        "Inviare la scheda entro e non oltre il 15 maggio 2023 alle ore 13:00.",
        [("2023-05-15", "13:00", "scadenza")],
    ),
    # A window written with its month once: its end closes what is submitted; the same window of an event is one.
    (
        "È possibile presentare domanda dal 10 al 25 settembre 2025 esclusivamente online.",
        [("2025-09-10", None, "altro"), ("2025-09-25", None, "scadenza")],
    ),
    (
        "Il corso si terrà dal 10 al 12 settembre 2025 a Fano.",
        [("2025-09-10", None, "evento"), ("2025-09-12", None, "evento")],
    ),
    # Midnight that closes a day ends it: the deadline is that day's last minute.
    (
        "Le proposte vanno inviate via PEC entro le ore 24 del 5 ottobre 2025.",
        [("2025-10-05", "23:59", "scadenza")],
    ),
    ("Il termine per la presentazione è il 28 febbraio 2019.", [("2019-02-28", None, "scadenza")]),
    ("Le candidature si chiudono il 2 aprile 2024, termine ultimo.", [("2024-04-02", None, "scadenza")]),
    ("Si accettano proposte non oltre il 20.12.2022 tramite PEC.", [("2022-12-20", None, "scadenza")]),
    ("Scadenza: 18/09/2020 ore 23:59.", [("2020-09-18", "23:59", "scadenza")]),
    # Events with times, afternoon words and ranges.
    (
        "L'assemblea dei soci è convocata il 12 giugno 2021 alle ore 9,30.",
        [("2021-06-12", "09:30", "evento")],
    ),
    ("Il convegno si svolgerà il 4 dicembre 2019 dalle 14.30 alle 18.", [("2019-12-04", "14:30", "evento")]),
    ("Incontro pubblico giovedì 7 marzo 2024, h. 20.45.", [("2024-03-07", "20:45", "evento")]),
    ("Ci vediamo il 20 settembre 2023 alle 7:30 del pomeriggio.", [("2023-09-20", "19:30", "evento")]),
    ("alle 19:30 di venerdì 20 settembre 2019 la cena sociale", [("2019-09-20", "19:30", "evento")]),
    (
        "Il laboratorio aprirà il 3 ottobre 2022 alle 17 presso la biblioteca civica.",
        [("2022-10-03", "17:00", "evento")],
    ),
    # Lists and ranges of days share month, year and time.
    (
        "Gli incontri si terranno il 5, il 12 e il 19 marzo 2024 alle ore 15.",
        [
            ("2024-03-05", "15:00", "evento"),
            ("2024-03-12", "15:00", "evento"),
            ("2024-03-19", "15:00", "evento"),
        ],
    ),
    (
        "La mostra resterà aperta dal 13 al 15 luglio 2018.",
        [("2018-07-13", None, "altro"), ("2018-07-15", None, "altro")],
    ),
    (
        "Sessioni formative 8 e 9 novembre 2021.",
        [("2021-11-08", None, "evento"), ("2021-11-09", None, "evento")],
    ),
    # Year inferred from the weekday written beside the date.
    (
        "Piano di Zona 2024-2026. Il tavolo si riunirà martedì 14 maggio alle ore 17.",
        [("2024-05-14", "17:00", "evento")],
    ),
    ("Programmazione 2019-2021: plenaria mercoledì 11 settembre.", [("2019-09-11", None, "evento")]),
    ("Relazione 2016. Seduta di sabato 4 marzo.", [("2017-03-04", None, "evento")]),
    # Year inferred from the document's other dates.
    (
        "Con determina del 10 gennaio 2020 è stato indetto l'avviso. Le domande vanno inviate entro il 15 febbraio.",
        [("2020-01-10", "", ""), ("2020-02-15", None, "scadenza")],
    ),
    (
        "Il seminario del 29.11.2019 ha aperto il percorso; iscrizioni entro il 20 gennaio.",
        [("2019-11-29", None, "evento"), ("2020-01-20", None, "scadenza")],
    ),
    # A window for applications bounded by times: each time goes with the date after it; the end is the deadline.
    (
        "Le domande possono essere presentate dalle ore 9 del 2 maggio 2026 alle ore 13:00 di venerdì 29 maggio 2026.",
        [("2026-05-02", "09:00", "altro"), ("2026-05-29", "13:00", "scadenza")],
    ),
    (
        "Il termine per le istanze, fissato al 10 marzo, è prorogato alle ore 12 di lunedì 23 marzo 2026.",
        [("2026-03-10", None, "scadenza"), ("2026-03-23", "12:00", "scadenza")],
    ),
    # A page's own publication date anchors the deadlines after it; an act's publication does not.
    (
        "Pubblicato il 3 dicembre 2024\n\nLe proposte vanno inviate entro il 20 febbraio alle ore 13.",
        [("2024-12-03", None, "altro"), ("2025-02-20", "13:00", "scadenza")],
    ),
    (
        "Data di pubblicazione: 28 ottobre 2023. Iscrizioni entro il 10 gennaio.",
        [("2023-10-28", None, "altro"), ("2024-01-10", None, "scadenza")],
    ),
    (
        "Roma, 2 dicembre 2022. Entro il 10 gennaio gli enti inviano le schede.",
        [("2022-12-02", None, "altro"), ("2023-01-10", None, "scadenza")],
    ),
    (
        "Milano, 20 ottobre 2021. Il protocollo è stato sottoscritto il 15 ottobre.",
        [("2021-10-20", None, "altro"), ("2021-10-15", None, "firma")],
    ),
    # Dates inside the citation of an act are its signing; publications are "altro".
    ("Ai sensi della legge 8 novembre 2000, n. 328 e successive modifiche.", [("2000-11-08", None, "firma")]),
    ("Con D.G.R. del 19/04/2021 la Regione ha approvato le linee guida.", [("2021-04-19", None, "firma")]),
    ("DPCM n. 159 del 5 dicembre 2013", [("2013-12-05", None, "firma")]),
    ("delibera del Consiglio di Amministrazione n. 7 del 21/12/2023", [("2023-12-21", None, "firma")]),
    (
        "Le domande vanno presentate dal 1° marzo al 15 aprile 2024.",
        [("2024-03-01", None, "altro"), ("2024-04-15", None, "scadenza")],
    ),
    (
        "L'anno duemilaventitré, il giorno ventisette del mese di febbraio, le parti si riuniscono.\n"
        "- nel periodo compreso tra il 10 ottobre e il 18 novembre 2022 si sono svolti sei tavoli.",
        [("2023-02-27", None, "firma"), ("2022-10-10", None, "altro"), ("2022-11-18", None, "altro")],
    ),
    # A meeting at an hour is an event, whatever it decided; a decision's date with no hour is its signing.
    (
        "L'Assemblea dei Sindaci, riunita martedì 17 dicembre 2024 alle ore 18.00 presso la sala consiliare, "
        "ha approvato il Piano di Zona.",
        [("2024-12-17", "18:00", "evento")],
    ),
    (
        "Il Piano di Zona, presentato il 17 dicembre 2024, è stato approvato all'unanimità.",
        [("2024-12-17", None, "firma")],
    ),
    # The day and place of a signing at the head of its sentence date the signing, not a meeting.
    (
        "Giovedì 6 febbraio 2025, nella sede dell'Unione a Poppi, il Presidente e sette associazioni hanno "
        "sottoscritto il patto di collaborazione.",
        [("2025-02-06", None, "firma")],
    ),
    # ... and so does the day alone, however long the subject before the verb.
    (
        "Il 18 gennaio 2024 lo SPI CGIL, la FNP CISL e la UILP UIL hanno sottoscritto con il Comune di Castel San "
        "Pietro Terme il verbale di accordo sul bilancio.",
        [("2024-01-18", None, "firma")],
    ),
    (
        "Le priorità sono emerse dal confronto con la Consulta, riunita da ultimo il 7 febbraio 2024.",
        [("2024-02-07", None, "evento")],
    ),
    (
        "Il Piano recepisce gli esiti dei tavoli di concertazione svoltisi dal 7 al 23 ottobre 2024.",
        [("2024-10-07", None, "evento"), ("2024-10-23", None, "evento")],
    ),
    (
        "Iscrizioni aperte dal 15 dicembre al 10 gennaio 2025.",
        [("2024-12-15", None, "altro"), ("2025-01-10", None, "scadenza")],
    ),
    ("vista la D.G.R. n. XII/2167 del 15/04/2024 di approvazione", [("2024-04-15", None, "firma")]),
    ("pubblicata sulla Gazzetta Ufficiale n. 45 del 23 febbraio 2017", [("2017-02-23", None, "altro")]),
    ("vista la determinazione dirigenziale n. 12 del 3 aprile 2019", [("2019-04-03", None, "firma")]),
    # File names and stamps.
    ("allegato det_Verbale_15-12-2025_13-58-17_avviso.pdf", [("2025-12-15", None, "altro")]),
    # Relative days, weekdays and holidays against the document's own date.
    (
        "Documento del 12 febbraio 2013. La firma avverrà domani.",
        [("2013-02-12", None, "altro"), ("2013-02-13", None, "firma")],
    ),
    (
        "Comunicato del 12 febbraio 2013. Dopodomani alle 17 la conferenza stampa.",
        [("2013-02-12", None, "altro"), ("2013-02-14", "17:00", "evento")],
    ),
    (
        "Nota del 12 febbraio 2013. La riunione di venerdì prossimo è annullata.",
        [("2013-02-12", None, "altro"), ("2013-02-15", None, "evento")],
    ),
    (
        "Nota del 12 febbraio 2013. Martedì 19 la giunta decide.",
        [("2013-02-12", None, "altro"), ("2013-02-19", None, "altro")],
    ),
    (
        "Nota del 12 febbraio 2013. Ricevuta tre settimane fa.",
        [("2013-02-12", None, "altro"), ("2013-01-22", None, "altro")],
    ),
    (
        "Nota del 12 febbraio 2013. Raccolta fondi entro Natale.",
        [("2013-02-12", None, "altro"), ("2013-12-25", None, "scadenza")],
    ),
    (
        "Nota del 12 febbraio 2013. Iniziative per la festa della mamma.",
        [("2013-02-12", None, "altro"), ("2013-05-12", None, "altro")],
    ),
    (
        "Nota del 12 febbraio 2013. Il primo martedì di ottobre riparte il corso.",
        [("2013-02-12", None, "altro"), ("2013-10-01", None, "evento")],
    ),
    (
        "Nota del 12 febbraio 2013. Chiusura l'ultimo giorno di ottobre 2015.",
        [("2013-02-12", None, "altro"), ("2015-10-31", None, "altro")],
    ),
    (
        "Nota del 12 febbraio 2013. Consegna il 25/4 alle 16:00.",
        [("2013-02-12", None, "altro"), ("2013-04-25", "16:00", "evento")],
    ),
    (
        "Nota del 31 maggio 2021. Il bando è uscito tre mesi fa.",
        [("2021-05-31", None, "altro"), ("2021-02-28", None, "altro")],
    ),
    (
        "Comunicato del 4 marzo 2022. Alle 9 di stamattina la giunta ha approvato.",
        [("2022-03-04", "09:00", "firma")],
    ),
    (
        "Avviso del 2 settembre 2024. Iniziative per la Giornata internazionale delle persone con disabilità.",
        [("2024-09-02", None, "altro"), ("2024-12-03", None, "altro")],
    ),
    (
        "Nota del 10 ottobre 2020. Incontro il 15/10 alle 18.",
        [("2020-10-10", None, "altro"), ("2020-10-15", "18:00", "evento")],
    ),
    # Only years written: the un-yeared date falls in the first one, not near its 1st of January.
    (
        "Patto per l'anno scolastico 2023/2024. Il 4 dicembre è stato firmato l'accordo.",
        [("2023-12-04", None, "firma")],
    ),
    # Web pages stamped in an English locale.
    ("Ultimo aggiornamento\n14 March 2024", [("2024-03-14", None, "altro")]),
    # A time later in the sentence, past the place and its address.
    (
        "Il seminario si terrà venerdì 8 marzo 2024 presso la Casa del Volontariato, via Roma 12, "
        "a partire dalle ore 14:30.",
        [("2024-03-08", "14:30", "evento")],
    ),
    # "il termine … sarà il": the deadline's noun is the subject, however long its phrase.
    (
        "La scadenza per la consegna dei moduli di iscrizione ai centri estivi è fissata per il 2 giugno 2023.",
        [("2023-06-02", None, "scadenza")],
    ),
    # Lines under a heading about meetings are meetings; a time stated once times them all.
    (
        "Le serate si terranno sempre alle ore 21.\n\nCalendario degli incontri:\n\n"
        "Lecco – 3 ottobre 2022 presso la biblioteca\nMerate – 10 ottobre 2022 Sala civica\n",
        [("2022-10-03", "21:00", "evento"), ("2022-10-10", "21:00", "evento")],
    ),
    (
        "Scadenze da ricordare:\n- 15 gennaio 2021 modulo A\n- 1 marzo 2021 modulo B",
        [
            ("2021-01-15", None, "scadenza"),
            ("2021-03-01", None, "scadenza"),
        ],
    ),
    # The time of the day's first session, in a sentence of its own.
    (
        "Lunedì 6 novembre 2023 a Brescia il convegno regionale sull'abitare. "
        "La prima sessione inizierà alle ore 9.30, quella pomeridiana dalle 14 alle 17.",
        [("2023-11-06", "09:30", "evento")],
    ),
    # A venue after the date makes it an event; an addressee does not.
    (
        "Domenica 12 maggio 2019 nella piazza del mercato i volontari della Croce Rossa.",
        [
            ("2019-05-12", None, "evento"),
        ],
    ),
    ("Il modulo è stato inviato il 12 maggio 2019 alla Regione.", [("2019-05-12", None, "altro")]),
    ("Documenti consultabili dal 3 giugno 2024 presso la segreteria.", [("2024-06-03", None, "altro")]),
    # A session's date with the decision taken in it is the date of an act.
    (
        "Nella seduta del 14 gennaio 2020 l'Assemblea dei Sindaci ha nominato il nuovo presidente.",
        [("2020-01-14", None, "firma")],
    ),
    # The bounds of a period, and the steps of a procedure, are not events.
    (
        "Attività estive, eventi e laboratori per ragazzi nel periodo 1 luglio 2024 – 31 agosto 2024.",
        [("2024-07-01", None, "altro"), ("2024-08-31", None, "altro")],
    ),
    (
        "Ogni mese si svolgerà la valutazione delle domande pervenute (5 marzo 2024, 5 aprile 2024).",
        [("2024-03-05", None, "altro"), ("2024-04-05", None, "altro")],
    ),
    # "fino alle ore … del": the time between the cue and the date does not hide the deadline.
    ("È possibile candidarsi fino alle ore 23.59 del 5 settembre 2026.", [("2026-09-05", "23:59", "scadenza")]),
    ("Le proposte si accettano fino alle 18 del 2 febbraio 2027.", [("2027-02-02", "18:00", "scadenza")]),
    # What is submitted closes on a date: a deadline; a closing with nothing submitted is not.
    ("Le iscrizioni chiudono il 18 settembre 2026.", [("2026-09-18", None, "scadenza")]),
    ("Chiusura delle candidature: 3 marzo 2025.", [("2025-03-03", None, "scadenza")]),
    ("La biblioteca chiude il 24 dicembre 2025 per le festività.", [("2025-12-24", None, "altro")]),
    # A time the layout put on the next line is the date's.
    (
        "L'apertura delle buste avverrà in seduta pubblica il giorno 17 aprile 2025\nalle ore 10:00 presso "
        "l'Ufficio di Piano.",
        [("2025-04-17", "10:00", "evento")],
    ),
    # A page's or a comment's stamp is no event: a bare time at a minute no meeting starts at; on the quarter
    # hour the words around decide (a publication's, a meeting's, a list of meeting dates).
    (
        "14 marzo 2025, 18:42 – aggiornato 15 marzo 2025, 09:10",
        [("2025-03-14", "18:42", "altro"), ("2025-03-15", "09:10", "altro")],
    ),
    ("Marisa 14.03.2025 19:55 – Finalmente qualcosa per le famiglie.", [("2025-03-14", "19:55", "altro")]),
    ("Pubblicato: 3 marzo 2025, 18:00", [("2025-03-03", "18:00", "altro")]),
    ("Lunedì 3 marzo 2025, 18:00 – Sala consiliare", [("2025-03-03", "18:00", "evento")]),
    ("Incontro pubblico: 3 marzo 2025, 18:00", [("2025-03-03", "18:00", "evento")]),
    (
        "Le date degli incontri:\n- 3 marzo 2025, 10:00\n- 10 marzo 2025, 10:30\n",
        [("2025-03-03", "10:00", "evento"), ("2025-03-10", "10:30", "evento")],
    ),
    # The date of a numbered paper that is no act (a note, a minute) is neither a meeting nor a signing.
    (
        "Si è riunita la Conferenza dei Sindaci, convocata con nota prot. n. 31877 del 13/06/2025, per discutere.",
        [("2025-06-13", None, "altro")],
    ),
    ("Conferenza dei Sindaci – Verbale n. 3 del 24.06.2025", [("2025-06-24", None, "altro")]),
    # The same day twice is one item.
    ("Firmato il 21 luglio 2007 a Torino. Torino, 21/07/2007", [("2007-07-21", None, "firma")]),
    # Two meetings on one day at different times are two items.
    (
        "Il 9 maggio 2022 alle ore 10 tavolo anziani; il 9 maggio 2022 alle ore 15 tavolo minori.",
        [("2022-05-09", "10:00", "evento"), ("2022-05-09", "15:00", "evento")],
    ),
]

# Text with numbers and words that are not dates.
NOT_DATES = [
    "Ai sensi della Legge n. 328/2000 e della L.R. n. 3/2008.",
    "Il 19% dei comuni ha aderito; 120.000 abitanti in 9 comuni.",
    "Lo sportello è aperto il lunedì e il mercoledì dalle 9 alle 12.",
    "Aperto dal lunedì al venerdì.",
    "Sportello di Todi\n  venerdì: 9.00 - 12.30\n  sabato: 10.00 - 12.00",
    "Contattare il numero 02.12.34.567 o il 0341 123456.",
    "Si sono registrati 3/4 dei partecipanti e 15/16 anni di età media.",
    "Il Piano di Zona 2021-2023 prevede 13 aree.",
    "Il nuovo mercato di Natale è un'idea della Pro Loco.",
    "Rete SPRAR, progetto triennale (2014-2016).",
    "Oggi i servizi sono più accessibili.",
    "Il 12 settembre di quell'anno la sede fu trasferita.",
]


@pytest.mark.parametrize(("text", "expected"), TABLE, ids=[t[:40] for t, _ in TABLE])
def test_dates_table(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    got = found(text)
    assert [d for d, _, _ in got] == [d for d, _, _ in expected]
    for (date, time, kind), (_, want_time, want_kind) in zip(got, expected, strict=True):
        if want_kind:  # an empty kind in the table means any
            assert (date, time, kind) == (date, want_time, want_kind)


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert found(text) == []


def test_every_mention_of_a_date_is_a_span() -> None:
    text = "Firmato il 21 luglio 2007. Torino, 21/07/2007"
    (item,) = find_dates(analyze(text)).dates
    assert [text[s:e] for s, e in item.spans] == ["21 luglio 2007", "21/07/2007"]


def test_place_and_what_of_an_event() -> None:
    text = "L'incontro plenario è previsto per mercoledì 11 settembre 2019 alle ore 17 presso La Filanda – Cernusco."
    (item,) = find_dates(analyze(text)).dates
    assert item.place == "La Filanda – Cernusco"
    assert item.what == "incontro plenario"
    assert item.time == "17:00"


def test_what_of_an_event_stops_before_a_relative_clause() -> None:
    text = "La S.V. è invitata all'incontro del Tavolo tematico che si terrà giovedì 6 marzo 2025 alle ore 14.30."
    (item,) = find_dates(analyze(text)).dates
    assert item.what == "incontro del Tavolo tematico"


def test_place_drops_the_article() -> None:
    text = "La riunione si terrà giovedì 13 febbraio 2025 alle ore 15.30 presso la Sala Consiliare del Comune."
    (item,) = find_dates(analyze(text)).dates
    assert item.place == "Sala Consiliare del Comune"


@pytest.mark.parametrize(
    "text",
    [
        "Incontro per le famiglie martedì 22 aprile 2025, ore 17.00 e ore 18.30, presso la scuola Don Milani.",
        "Assemblea pubblica il 3 marzo 2025 alle 10:00 e alle 15:00 presso la scuola Don Milani.",
    ],
)
def test_place_after_a_second_session_time(text: str) -> None:
    (item,) = find_dates(analyze(text)).dates
    assert item.place == "scuola Don Milani"


@pytest.mark.parametrize(
    "text",
    [
        "Gli incontri si svolgeranno nelle seguenti date: 3 marzo, 10 marzo e 17 marzo 2025, dalle ore 15.00 alle "
        "ore 17.00, presso la Casa delle Associazioni.",
        "I laboratori si terranno il 3 marzo e il 17 marzo 2025 alle ore 15 presso la Casa delle Associazioni.",
    ],
)
def test_a_list_of_event_dates_shares_the_time_and_place_stated_after_it(text: str) -> None:
    items = find_dates(analyze(text)).dates
    assert len(items) >= 2
    assert {(item.time, item.place) for item in items} == {("15:00", "Casa delle Associazioni")}


def test_an_event_in_a_clause_of_its_own_keeps_its_own_time() -> None:
    text = "Il 3 marzo 2025 si terrà l'assemblea; il 10 marzo 2025 alle ore 18 la festa in piazza."
    assert [item.time for item in find_dates(analyze(text)).dates] == [None, "18:00"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Open day sabato 22 marzo 2025, h 9.30-12.30, presso il Centro per le Famiglie.", "Centro per le Famiglie"),
        ("L'incontro si terrà il 3 marzo 2025 presso la sala civica per presentare il piano.", "sala civica"),
    ],
)
def test_place_goes_on_past_a_preposition_only_into_a_name(text: str, place: str) -> None:
    (item,) = find_dates(analyze(text)).dates
    assert item.place == place


def test_place_keeps_an_address_after_a_comma() -> None:
    text = (
        "Venerdì 18 maggio 2018 dalle 15.30 alle 18.30 nella sala del Carmine, in via Garibaldi 16, "
        "si terrà il laboratorio."
    )
    (item,) = find_dates(analyze(text)).dates
    assert item.place == "sala del Carmine, in via Garibaldi 16"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Monza, 24 novembre 2016. E' stato siglato oggi il patto.", "2016-11-24"),
        ("Atto di intesa tra il Comune e le parti sociali del 25 ottobre 2021\n\nPremessa", "2021-10-25"),
        ("26 marzo 2025 - La Zona distretto ha pubblicato un avviso.", "2025-03-26"),
        ("date 2022-11 Il protocollo d'intesa sottoscritto, il 15 novembre, dal Comune.", "2022-11-15"),
        ("Testo del comunicato.\n\nBari, lì 3 maggio 2020", "2020-05-03"),
        ("L'Assemblea ha deliberato in data 15 aprile 2019 di avviare il piano.", None),
        ("Il seminario del 29.11.2019 ha aperto il percorso, con molte adesioni.", None),
        ("Hanno costituito il 12 novembre 2015 il Tavolo intercomunale.", None),
        # A metadata stamp with the day; with the month only, a dateline or the signing in that month.
        ("date 2023-04-18 Il Comune di Lodi ha aperto lo sportello.", "2023-04-18"),
        ("date 2021-03 Lecco, 9 marzo – Il Comune ha pubblicato il bando.", "2021-03-09"),
        (
            "date 2023-05 Nella mattinata di giovedì 11 maggio, è stato sottoscritto il protocollo d'intesa.",
            "2023-05-11",
        ),
        ("date 2023-06 Mercoledì 11 maggio è stato firmato il protocollo d'intesa.", None),
        ("Il 6 dicembre 2021 in sala consiliare è stato firmato l'accordo quadro.", None),
        # An act's own title line beats the date of its publication in the bulletin.
        (
            "Bur n. 12 del 5 febbraio 2021\n\n"
            "Deliberazione della Giunta Regionale n. 77 del 1 febbraio 2021\n\nOggetto",
            "2021-02-01",
        ),
        # The act signed is named at the start of a long sentence.
        (
            "Il protocollo d'intesa per la gestione associata dei servizi sociali dei comuni della valle "
            "e delle frazioni montane, il primo in provincia, è stato firmato ieri sera (14 marzo 2022) in municipio.",
            "2022-03-14",
        ),
        ("Aggiornato il sito.\n\nUltimo aggiornamento\n02 October 2024", "2024-10-02"),
        # An act's formal date in words, at its top.
        (
            "CONVENZIONE\n\nL'anno duemilaventidue, il giorno ventotto del mese di febbraio, presso il municipio.",
            "2022-02-28",
        ),
        ("Il giorno primo del mese di luglio dell'anno duemiladiciannove si è riunito il Consiglio.", "2019-07-01"),
        # The formula with figures mixed in.
        (
            "VERBALE\n\nL'anno 2023, il giorno 9 del mese di ottobre, si è riunita l'Assemblea dei Sindaci.",
            "2023-10-09",
        ),
        ("L'anno duemilaventicinque addì 1° del mese di luglio presso la sede dell'Unione.", "2025-07-01"),
        # An agreement's opening that runs on into its parties.
        (
            "PROTOCOLLO D'INTESA\n\nIl giorno 27 gennaio 2025, presso la sede della Società della Salute in\n"
            "Pescia,\n\nla SOCIETÀ DELLA SALUTE DELLA VALDINIEVOLE, rappresentata dal Presidente;\n\nE\n\nla CGIL.",
            "2025-01-27",
        ),
        ("Il giorno 27 gennaio 2025, presso il Comune di Pescia, tra le parti:\n- il Comune di Pescia;", "2025-01-27"),
        # ... not a meeting announced at the top of a notice.
        ("AVVISO\n\nIl giorno 27 gennaio 2025, presso la sede della SdS, si terrà l'incontro.", None),
        # The session that adopts a minute or resolution, told in the past at its top ...
        (
            "DELIBERAZIONE N. 7\n\nIl giorno martedì 4 giugno 2024, alle ore 15, presso il municipio di Lauria, "
            "si è riunito il Comitato dei Sindaci.",
            "2024-06-04",
        ),
        # ... not a meeting announced for a day to come
        ("AVVISO\n\nIl giorno 4 giugno 2024 alle ore 15 si riunirà il Comitato dei Sindaci.", None),
        # The place and date of the signing, after the closing formula or over the signatures, however long
        # the signature block after it.
        (
            "ACCORDO\n\nVisto il decreto del 3 marzo 2021.\n\nLetto, confermato e sottoscritto.\n"
            "Potenza, 20 marzo 2024\n\n" + "PER IL COMUNE DI TITO\nIL SINDACO Mario Rossi\n\n" * 20,
            "2024-03-20",
        ),
        (
            "PATTO\n\n" + "Le parti collaborano per tre anni dalla firma.\n" * 20 + "\nEmpoli, 9 dicembre 2024\n\n"
            "Per il Comune di Empoli – la Sindaca\nPer la CGIL – il Segretario\n" + "Allegato.\n" * 80,
            "2024-12-09",
        ),
        # A dateline over signatures marked "f.to" after each role, and a closing formula dated in its own line.
        (
            "PROTOCOLLO\n\n"
            + "Le parti si incontrano ogni tre mesi.\n" * 20
            + "\nBari, lì 14.02.2024\n\n"
            + "COMUNE DI BARI – L'Assessora al Welfare          f.to Anna Neri\n" * 12,
            "2024-02-14",
        ),
        (
            "ACCORDO\n\nLe adesioni entro il 28 febbraio 2025.\n\nLetto, approvato e sottoscritto digitalmente in "
            "data 28 gennaio 2025.\n\n" + "Per il Comune di Rho    il Sindaco\n" * 30,
            "2025-01-28",
        ),
        # A page's update stamp at its foot, after a colon, dates the page (as "Ultimo aggiornamento" over its
        # date does in the annotated corpus).
        (
            "Home > Servizi\n\nCentro diurno\n\nIl centro è aperto ai residenti.\n\nUltimo aggiornamento: 01/03/2024\n",
            "2024-03-01",
        ),
        # A web page's publication stamp under its headline, whatever follows it on the line.
        (
            "Home > Notizie\n\nFirmato il patto per il welfare\n\nPubblicato il: 16 settembre 2024 | Ultima "
            "modifica: 18 settembre 2024\n\nIl patto è stato firmato ieri.",
            "2024-09-16",
        ),
        ("Contributi per le utenze\n\nData di pubblicazione: 21 novembre 2023\n\nLe domande.", "2023-11-21"),
        ("Nuovo centro diurno\ndi Redazione | 14 marzo 2024\n\nApre il centro.", "2024-03-14"),
        ("Apre lo sportello\nPubblicato il 3 aprile 2025 · Tempo di lettura: 2 minuti\n\nLo sportello.", "2025-04-03"),
        ("Asl e Comune firmano\n\nPubblicato: 19 Giugno 2024 - 12:40 | di Redazione\n\nL'accordo.", "2024-06-19"),
        # ... not a date told in a sentence about something published
        ("Il Comune ha pubblicato il 3 marzo 2024 un avviso per i centri estivi e altre iniziative.", None),
        # A report's own approval under its title, told without a subject.
        (
            "RELAZIONE SOCIALE 2023\nAmbito di Rho\nUfficio di Piano\nServizi sociali\nVia Roma 1\nTel. 02 1\n"
            "Approvata dall'Assemblea dei Sindaci nella seduta del 22 maggio 2024\n\n1. INTRODUZIONE",
            "2024-05-22",
        ),
        # What the document calls "il presente …", approved on a day.
        (
            "Relazione 2023\n\nLa presente relazione sociale è stata approvata dal Comitato il 4 aprile 2024.",
            "2024-04-04",
        ),
        # A page's heading word and a dash before its date.
        ("Notizie – 9 luglio 2025\n\nApprovato il nuovo Piano di Zona.", "2025-07-09"),
        # A news page's byline stamp, its date opening the line with the bare time ...
        (
            "Home › Cronaca\n\nFirmato il patto\n\ndi Redazione\n14 marzo 2025, 18:42 – aggiornato 15 marzo 2025, "
            "09:10\n\nIl sindaco ha firmato il patto.",
            "2025-03-14",
        ),
        # ... or after its author's name on the line
        (
            "Home / Cronaca\n\nFirmato in Prefettura il protocollo\n\n"
            "Di Maria Greco   12 Novembre 2024, 13:45   3 min\n\n"
            "Il protocollo contro la povertà è stato firmato lunedì 11 novembre 2024 nel Palazzo del Governo.",
            "2024-11-12",
        ),
        # ... before the stamp's next field, after its label alone on the line above (below a long cookie notice),
        # or opening a line with the byline's fields
        ("Notizie\n\nPubblicato: 26/02/2024  Categoria: Sociale  Visite: 412\n\nFirmato il protocollo.", "2024-02-26"),
        (
            "Questo sito utilizza cookie tecnici e di terze parti. " * 12 + "\nComune di Sinnai\n"
            "Approvato il Bilancio sociale\nData:\n18 aprile 2024\nTempo di lettura:\n3 min\n\n"
            + "La Giunta ha approvato il documento.\n"
            * 15,
            "2024-04-18",
        ),
        ("Relazione sociale approvata\n29 Aprile 2022 | Ufficio di Piano | Notizie\n\nIl Coordinamento.", "2022-04-29"),
        # ... or after "Data:" on its line
        (
            "Salta al contenuto\n" + "Questo sito utilizza cookie tecnici e di terze parti. " * 12 + "\n"
            "Accetta   Rifiuta\nComune di Castelfiorentino\n"
            "Cerca\nHome / Notizie\n\nNOTIZIE\nParte il tavolo del welfare\nAdesioni entro venerdì 29 marzo\n\n"
            "Data: 14 marzo 2024\nTempo di lettura: 3 min\n\n"
            + "Il tavolo è aperto agli enti del Terzo settore.\n"
            * 12,
            "2024-03-14",
        ),
        ("Il progetto è stato approvato in data 14 marzo 2024 dalla Giunta.", None),
        # ... but not a date in a table's cells
        (
            "Obiettivi del Piano\n\nArea | Obiettivo | Scadenza\nAnziani | Ampliare il SAD | 31/12/2025\n"
            "Disabilità | Aprire un centro diurno | 30/06/2026\n",
            None,
        ),
        # ... but not a meeting's day and hour in a calendar
        ("Calendario\n3 marzo 2025, 10:00 – Sala consiliare: incontro pubblico\n", None),
        # A dateline over the signatures of an office's coordinator.
        (
            "RELAZIONE DI MONITORAGGIO 2023\n\n"
            + "Le azioni sono proseguite.\n" * 30
            + "\nCefalù, 5 marzo 2024\n\nIl Coordinatore dell'Ufficio di Piano      Il Presidente del Comitato\n"
            + "Dott. Mario Rossi\n" * 30,
            "2024-03-05",
        ),
        # The dateline over the closing formula and the signatures dates the pact, not the earlier act its
        # premises tell the signing of.
        (
            "PATTO LOCALE PER IL WELFARE\n\nconsiderato che\n- il Protocollo sottoscritto il 19 aprile 2021 tra il "
            "Comune e i sindacati ha dato risultati;\n\n"
            + "Le parti collaborano.\n" * 30
            + "\nTreviso, 12 giugno 2024\n\n\nLetto, approvato e sottoscritto\n\n"
            + "Per il Comune di Treviso – il Sindaco\n" * 20,
            "2024-06-12",
        ),
        # A register's record dates its act; an annex is dated by the act it belongs to; the approval under a
        # title dates the plan it approves, but not a wrapped sentence that cites an approval.
        (
            "Albo pretorio\nNumero atto: 512          Data atto: 18/04/2024\nDomande entro il 30 maggio 2024.\n",
            "2024-04-18",
        ),
        (
            "Tipologia: Determinazione          Registro generale n. 1532 del 05/12/2023\nOggetto: relazione\n",
            "2023-12-05",
        ),
        (
            "Allegato A alla Deliberazione dell'Assemblea dei Soci n. 6 del 26/03/2024\nPROGRAMMA OPERATIVO\n"
            "Il 3 aprile 2024 si terrà un incontro.\n",
            "2024-03-26",
        ),
        (
            "PIANO DI ZONA\nApprovato dal Comitato dei Sindaci con deliberazione n. 7 del 27/06/2023\nTesto.\n",
            "2023-06-27",
        ),
        (
            "ACCORDO DI RETE\n\nLe parti rinnovano il presente accordo, con i contenuti\napprovato dalla Giunta con "
            "deliberazione n. 312 del 28 ottobre 2024, e ne ampliano i contenuti.\n",
            None,
        ),
        # A letterhead's dateline in a column beside the protocol number.
        (
            "Prot. n. 8734/2024                       Fossano, 6 maggio 2024\nAVVISO\nScadenza 3 giugno 2024.\n",
            "2024-05-06",
        ),
    ],
)
def test_document_date(text: str, expected: str | None) -> None:
    date = find_dates(analyze(text)).document_date
    assert (date.isoformat() if date else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("alle ore 17", "17:00"),
        ("ore 12.00", "12:00"),
        ("h. 9,30", "09:30"),
        ("alle 9 e mezza", "09:30"),
        ("dalle 16 alle 19", "16:00"),
        ("alle 3 del pomeriggio", "15:00"),
        ("8 di stasera", "20:00"),
        ("13:30", "13:30"),
        ("entro le ore 24", "23:59"),  # the end of the day, as a deadline means it
        ("9.30-12.30", "09:30"),
        ("15:00 – 18:00", "15:00"),
        # The hour in a calendar table's cell after the date's.
        ("06/03/2025   15.00   Pescia – sede SdS", "15:00"),
        ("| 12 giugno 2025 | 10.00 | Sala consiliare |", "10:00"),
        ("12.06.2025\t9.30\tAula magna", "09:30"),
    ],
)
def test_times(text: str, expected: str) -> None:
    assert [t.hhmm for t in find_times(text)][:1] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "alle 16 associazioni",
        "ore di lavoro",
        "le 3 sedi",
        "25:61",
        "versione 2.10-3.12.1",
        "27.50-30.00",
        # A figure in a table cell, not after a date's, nor a time run into a date with no gap.
        "Quota 2025   15.00   euro",
        "06/03/2025 15.00 Pescia",
        "06/03/2025   15.000   utenti",
    ],
)
def test_not_times(text: str) -> None:
    assert find_times(text) == []


@pytest.mark.parametrize(
    ("written", "pivot", "year"),
    [("2019", 2030, 2019), ("'19", 2030, 2019), ("98", 2030, 1998), ("30", 2030, 2030), ("31", 2030, 1931)],
)
def test_two_digit_years(written: str, pivot: int, year: int) -> None:
    assert expand_year(written, pivot) == year


def test_year_never_comes_from_today() -> None:
    assert found("Le domande vanno inviate entro il 15 febbraio.") == []
    assert dt.date.today().year > 0  # the table above holds no date the text does not anchor


# A date without its year, told as past: the year before the dateline's when the day is later in the year.
PAST_WITHOUT_YEAR = [
    ("Cagliari, 20 febbraio 2023. Nasce dagli incontri del 12 dicembre e del 17 gennaio scorsi.", "2022-12-12"),
    ("Bari, 6 marzo 2024. Il confronto si era aperto il 18 dicembre con i sindacati.", "2023-12-18"),
    ("Trento, 10 febbraio 2025. Come deciso nella riunione del 15 novembre u.s., il tavolo riprende.", "2024-11-15"),
    ("Lecce, 4 marzo 2024. Gli operatori erano arrivati il 20 dicembre per l'avvio del servizio.", "2023-12-20"),
]


@pytest.mark.parametrize(("text", "day"), PAST_WITHOUT_YEAR, ids=[t[:40] for t, _ in PAST_WITHOUT_YEAR])
def test_a_date_told_as_past_falls_before_the_dateline(text: str, day: str) -> None:
    assert day in [d for d, _, _ in found(text)]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Como, 10 febbraio 2025. Il tavolo si riunirà il 15 novembre.", "2025-11-15"),
        # A deadline lies ahead of the undertaking, told in the past, that sets it.
        ("Crotone, 11 aprile 2024. Il Sindaco si è impegnato a convocare entro il 31 maggio il tavolo.", "2024-05-31"),
    ],
)
def test_a_date_told_as_future_falls_after_the_dateline(text: str, day: str) -> None:
    assert [d for d, _, _ in found(text)][1] == day


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("uno", 1), ("primo", 1), ("sedici", 16), ("ventuno", 21), ("ventotto", 28), ("trentuno", 31),
        ("duemila", 2000), ("duemilatré", 2003), ("duemilaventiquattro", 2024), ("millenovecentonovantanove", 1999),
        ("12", 12), ("1°", 1), ("casa", None), ("", None),
    ],
)  # fmt: skip
def test_numbers_in_words(words: str, value: int | None) -> None:
    assert number_in_words(words) == value
