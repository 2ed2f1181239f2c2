"""Sentence boundaries in administrative Italian."""

from __future__ import annotations

import pytest

from extractor.sentences import layout_line, list_marker_end, split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ai sensi della L. n. 328/2000 e dell'art. 3. Le parti firmano.",
            ["Ai sensi della L. n. 328/2000 e dell'art. 3.", "Le parti firmano."],
        ),
        (
            "Come previsto dall’art. 21 della legge regionale, nell’all. 2 e sull'art. 4. Si approva.",
            ["Come previsto dall’art. 21 della legge regionale, nell’all. 2 e sull'art. 4.", "Si approva."],
        ),
        (
            "Firma la d.ssa Maria Rossi. Segue il dott. Bianchi.",
            ["Firma la d.ssa Maria Rossi.", "Segue il dott. Bianchi."],
        ),
        (
            "Co.De.Bri. Desio e A.S.C. Offertasociale aderiscono.",
            ["Co.De.Bri. Desio e A.S.C. Offertasociale aderiscono."],
        ),
        ("Il tavolo si riunisce. poi decide.", ["Il tavolo si riunisce. poi decide."]),
        ("Le aree sono:\n- abitare;\n- lavoro.", ["Le aree sono:", "- abitare;", "- lavoro."]),
        ("PREMESSA\nIl Comune promuove il patto.", ["PREMESSA", "Il Comune promuove il patto."]),
        (
            "Primo paragrafo senza punto\n\nSecondo paragrafo.",
            ["Primo paragrafo senza punto", "Secondo paragrafo."],
        ),
        ("Testo che va\na capo in mezzo.", ["Testo che va\na capo in mezzo."]),
        (
            "3.1 Rafforzare la rete dei servizi per la prima infanzia\nIl Comune amplia i nidi.",
            ["3.1 Rafforzare la rete dei servizi per la prima infanzia", "Il Comune amplia i nidi."],
        ),
        (
            "2.4.1 Sostegno all'abitare delle famiglie in difficoltà economica e sociale\nLe azioni seguono.",
            ["2.4.1 Sostegno all'abitare delle famiglie in difficoltà economica e sociale", "Le azioni seguono."],
        ),
        (
            "Il Comitato, riunito il 3 marzo, ha approvato il documento che la Regione Marche\nha trasmesso.",
            ["Il Comitato, riunito il 3 marzo, ha approvato il documento che la Regione Marche\nha trasmesso."],
        ),
        # A record's fields, one per line, whatever closes the line above; a lone "Label: value" line runs on.
        (
            "Titolo obiettivo: Rafforzare la domiciliarità\nArea di policy: Anziani\nAzioni previste:\n- mappatura.",
            [
                "Titolo obiettivo: Rafforzare la domiciliarità",
                "Area di policy: Anziani",
                "Azioni previste:",
                "- mappatura.",
            ],
        ),
        (
            "Il Comune ha firmato con i sindacati la seguente\nNota: il testo è allegato.",
            ["Il Comune ha firmato con i sindacati la seguente\nNota: il testo è allegato."],
        ),
        # A table's rows, as the Word and HTML readers write them, and the line after the table.
        (
            "Obiettivo | Azione | Indicatore\nContrastare la povertà | Attivare il PIS | n. interventi\n"
            "Il Piano dura tre anni",
            [
                "Obiettivo | Azione | Indicatore",
                "Contrastare la povertà | Attivare il PIS | n. interventi",
                "Il Piano dura tre anni",
            ],
        ),
        # The items of a numbered series, each on its line with no closing mark; an act's number in a sentence is none.
        (
            "Obiettivo 1 – Potenziare la rete dei servizi domiciliari\nObiettivo 2 – Ridurre il ricorso alle RSA",
            ["Obiettivo 1 – Potenziare la rete dei servizi domiciliari", "Obiettivo 2 – Ridurre il ricorso alle RSA"],
        ),
        (
            "Il Comune garantisce ai cittadini i servizi essenziali previsti dalla\nLegge 328 del 2000 e dal Piano",
            ["Il Comune garantisce ai cittadini i servizi essenziali previsti dalla\nLegge 328 del 2000 e dal Piano"],
        ),
        ("Parla con noi. Ti aspettiamo.", ["Parla con noi.", "Ti aspettiamo."]),
        ("“Il welfare cambia.” Lo dice il sindaco.", ["“Il welfare cambia.”", "Lo dice il sindaco."]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_empty_text() -> None:
    assert split_sentences("") == []
    assert split_sentences("  \n ") == []


@pytest.mark.parametrize(
    ("line", "made_by_layout"),
    [
        ("Pag. 2 di 3", True),
        ("   - 4 -", True),
        ("Pagina 12", True),
        ("3/12", True),
        ("ASST Brianza - Ambito di Vimercate        Intesa integrazione sociosanitaria", True),
        ("Il Sindaco                    Il Presidente", True),
        ("Il Comune si impegna a garantire i servizi.", False),
        ("Art. 4 - Impegni delle parti", False),
        ("12", False),
        ("", False),
    ],
)
def test_layout_line(line: str, made_by_layout: bool) -> None:
    assert layout_line(line) is made_by_layout


@pytest.mark.parametrize(
    ("text", "line", "is_item"),
    [
        ("Il soggetto si impegna a:\no attivare la centrale operativa;\no garantire la reperibilità.", 1, True),
        ("Il soggetto si impegna a:\no attivare la centrale operativa;\no garantire la reperibilità.", 2, True),
        # A run of "o" lines at one indent, under a heading that closes with no colon.
        ("a) Anziani\n   o sostenere i caregiver\n   o sperimentare il custode sociale\nb) Casa", 1, True),
        # The word "o" opening a wrapped line is a disjunction.
        ("Il Collegio è composto dai Sindaci dei Comuni\no loro delegati, e da un rappresentante.", 1, False),
        ("- costruire un percorso di orientamento, formazione\n  o tirocinio;\n- altro.", 1, False),
        ("- abitare;\n1. lavoro", 1, True),
        ("Testo semplice\nsu due righe.", 1, False),
    ],
)
def test_list_markers(text: str, line: int, is_item: bool) -> None:
    start = sum(len(x) + 1 for x in text.split("\n")[:line])
    assert (list_marker_end(text, start) is not None) == is_item
