"""Contacts: e-mail, PEC and phone numbers, with their owners."""

from __future__ import annotations

import pytest

from extractor.nlp import analyze
from extractor.recognizers.contacts import find_contacts


def contacts(text: str) -> list[tuple[str, str]]:
    return [(c.kind, c.value) for c in find_contacts(analyze(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # e-mail and certified mail
        ("Scrivere a Info.Sociale@Comune.Varese.it.", [("email", "info.sociale@comune.varese.it")]),
        (
            "inviare a ambito.sud@pec.comune.esempio.it entro il 3 maggio",
            [("pec", "ambito.sud@pec.comune.esempio.it")],
        ),
        ("domande a asl.ovest@postacert.piemonte.it", [("pec", "asl.ovest@postacert.piemonte.it")]),
        ("PEC: consorzio.servizi@legalmail.it", [("pec", "consorzio.servizi@legalmail.it")]),
        (
            "all'indirizzo di posta elettronica certificata protocollo@comune-esempio.it",
            [("pec", "protocollo@comune-esempio.it")],
        ),
        (
            "PEC: sede@cert.esempio.it, e-mail: segreteria@esempio.it",
            [("pec", "sede@cert.esempio.it"), ("email", "segreteria@esempio.it")],
        ),
        (
            "inviare via PEC a ente@esempio.org oppure a uff@esempio.org",
            [("pec", "ente@esempio.org"), ("email", "uff@esempio.org")],
        ),
        # an address cut by a line wrap
        ("mail: uffpiano@comu ne.esempio.it, grazie", [("email", "uffpiano@comune.esempio.it")]),
        ("PEC asl.ovest@postacert.pie\nmonte.it entro", [("pec", "asl.ovest@postacert.piemonte.it")]),
        ("Scrivere a p\naola.neri@comune.es empio.it", [("email", "paola.neri@comune.esempio.it")]),
        ("la d.ssa m.verdi@esempio.it risponde", [("email", "m.verdi@esempio.it")]),
        ("tel. 0521 218811 l.neri@esempio.it", [("phone", "0521218811"), ("email", "l.neri@esempio.it")]),
        # phones
        ("Per informazioni: tel. 0341 481111.", [("phone", "0341481111")]),
        ("Telefono (035) 39.91.11", [("phone", "035399111")]),
        ("chiamare il +39 06 4567 8901", [("phone", "0645678901")]),
        ("cell. 347-1234567", [("phone", "3471234567")]),
        ("contattare il referente al 0039 338 765 4321", [("phone", "3387654321")]),
        ("numero verde 800 974 321", [("phone", "800974321")]),
        (
            "ai numeri 0331 556 201 – 202 – 203",
            [("phone", "0331556201"), ("phone", "0331556202"), ("phone", "0331556203")],
        ),
        ("Tel. 0372 407111/2", [("phone", "0372407111"), ("phone", "0372407112")]),
        ("telefonare al numero 0587-771214, 771225", [("phone", "0587771214"), ("phone", "0587771225")]),
        ("tel. 070 / 677 1234 – 677 1235", [("phone", "0706771234"), ("phone", "0706771235")]),
        ("tel. 02 8845 6200 - 02 8845 6300", [("phone", "0288456200"), ("phone", "0288456300")]),
        ("Tel./fax 0575 123456", [("phone", "0575123456")]),
        ("sede operativa, 0544 998877 – segreteria", [("phone", "0544998877")]),
        ("Tel. 0461 494949 – Fax 0461 494950", [("phone", "0461494949")]),
        # not contacts
        ("Fax: 0376 220011", []),
        ("fax 02 1234567", []),
        ("C.F. 01234567890 – P.IVA 09876543210", []),
        ("Partita IVA 02345678901 iscritta al registro", []),
        ("IBAN IT60 X054 2811 1010 0000 0123 456", []),
        ("Approvato il 10.11.2025 e pubblicato il 01.02.2025", []),
        ("Decreto Presidenziale 04.11.02", []),
        ("ai sensi della legge n. 328/2000", []),
        ("un contributo di € 3.450.000 per 345.678 abitanti", []),
        ("Via Manzoni 12 – 00185 Roma", []),
        ("prot. n. 0045678 del 12/03/2021", []),
        ("codice ISTAT 015146", []),
        ("aperto dalle 09.30-12.30 e dalle 14.00-16.00", []),
        ("sono stati seguiti 3331234567 casi", []),
        ("il numero degli utenti è salito a 0 12345 nel 2020", []),
        # A calendar's row: its date and hour are no phone, whatever the spaces between them.
        ("06/03/2025   15.00   Pescia – sede SdS\n12/06/2025   15.00   Monsummano Terme", []),
        ("Incontro del 18/03/2024 10.30 presso la sede", []),
    ],
)
def test_contacts(text: str, expected: list[tuple[str, str]]) -> None:
    assert contacts(text) == expected


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("È possibile contattare l'Ufficio di Piano al numero 0382 399111.", "Ufficio di Piano"),
        ("Segreteria del Distretto: tel. 0372 407111", "Segreteria del Distretto"),
        ("Lo Sportello Lavoro riceve al numero 0341 123456", "Sportello Lavoro"),
        ("Referente: dott.ssa Chiara Bianchi, chiara.bianchi@comune.esempio.it", "Chiara Bianchi"),
        ("Luca Verdi – tel. 0521 218811", "Luca Verdi"),
        ("Il modulo va inviato a domande@esempio.it", None),
        # A record's field names its owner on the line above.
        (
            "Per informazioni: Ufficio di Piano ATS Campobasso\nPEC: ambito.campobasso@pec.it",
            "Ufficio di Piano ATS Campobasso",
        ),
    ],
)
def test_owner(text: str, owner: str | None) -> None:
    (contact,) = find_contacts(analyze(text))
    assert contact.owner == owner


def test_same_contact_twice_is_one_item_with_two_spans() -> None:
    text = (
        "Scrivere a Piano.Zona@comune.esempio.it oppure telefonare allo 0332 255111. "
        "Ripetiamo: piano.zona@comune.esempio.it, tel. 0332/255.111."
    )
    found = find_contacts(analyze(text))
    assert [(c.kind, c.value, len(c.spans)) for c in found] == [
        ("email", "piano.zona@comune.esempio.it", 2),
        ("phone", "0332255111", 2),
    ]


def test_called_pec_once_makes_the_address_pec() -> None:
    text = "Scrivere a ufficio@comune.esempio.it. La PEC del comune è ufficio@comune.esempio.it."
    (contact,) = find_contacts(analyze(text))
    assert (contact.kind, len(contact.spans)) == ("pec", 2)


def test_spans_point_at_the_mention() -> None:
    text = "Info: tel. +39 (02) 9278 434 – 358, mail info@esempio.it."
    found = find_contacts(analyze(text))
    assert [[text[s:e] for s, e in c.spans] for c in found] == [
        ["+39 (02) 9278 434"],
        ["358"],
        ["info@esempio.it"],
    ]
    assert [c.value for c in found] == ["029278434", "029278358", "info@esempio.it"]
