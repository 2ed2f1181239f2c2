"""Legal references: acts cited with number and year."""

from __future__ import annotations

import pytest

from extractor.nlp import analyze
from extractor.recognizers.legal_refs import find_legal_refs, year_pivot

Ref = tuple[str, str, int, str | None, str | None]


def refs(text: str) -> list[Ref]:
    return [(r.kind, r.number, r.year, r.article, r.comma) for r in find_legal_refs(analyze(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ai sensi della Legge n. 328/2000", [("legge", "328", 2000, None, None)]),
        ("la l. 104/92 nel 2021", [("legge", "104", 1992, None, None)]),
        ("in base alla legge 5 febbraio 1992, n. 104", [("legge", "104", 1992, None, None)]),
        ("la legge n. 241 del 1990", [("legge", "241", 1990, None, None)]),
        # A number that could be a year is the act's, unless the two read as a short period.
        ("approvata con D.G.R. 1870/2024", [("dgr", "1870", 2024, None, None)]),
        ("nel Piano di Zona 2021/2023", []),
        # A regional council's deliberation is a local act.
        (
            "con deliberazione dell'Assemblea legislativa n. 120 del 12 luglio 2017",
            [("altro", "120", 2017, None, None)],
        ),
        ("legge quadro 8 novembre 2000 n. 328", [("legge", "328", 2000, None, None)]),
        ("Legge 7.8.1990 n. 241", [("legge", "241", 1990, None, None)]),
        ("come previsto dalla L.R. n. 23/2015", [("legge_regionale", "23", 2015, None, None)]),
        ("la l.r. Toscana 24 febbraio 2005, n. 41", [("legge_regionale", "41", 2005, None, None)]),
        ("LR 12/05 nel 2019", [("legge_regionale", "12", 2005, None, None)]),
        ("D. Lgs. n. 81 del 2008", [("dlgs", "81", 2008, None, None)]),
        ("il decreto legislativo 3 luglio 2017, n. 117", [("dlgs", "117", 2017, None, None)]),
        ("Dlgs 165/2001", [("dlgs", "165", 2001, None, None)]),
        ("D.L. 19 maggio 2020, n. 34", [("dl", "34", 2020, None, None)]),
        ("il decreto-legge n. 4 del 28 gennaio 2019", [("dl", "4", 2019, None, None)]),
        ("D.P.R. 445/2000", [("dpr", "445", 2000, None, None)]),
        ("DPCM n. 159 del 5 dicembre 2013", [("dpcm", "159", 2013, None, None)]),
        ("il D.M. 23 dicembre 2020, n. 221", [("dm", "221", 2020, None, None)]),
        # A decree of the Minister is a DM; one of a Ministry's office (direttoriale, dirigenziale) is its own act.
        ("il decreto del Ministro del Lavoro n. 72 del 31 marzo 2021", [("dm", "72", 2021, None, None)]),
        (
            "il Decreto Direttoriale del Ministero del Lavoro n. 5 del 15 febbraio 2022",
            [("altro", "5", 2022, None, None)],
        ),
        ("D.G.R. n. XI/5072 del 26/07/2021", [("dgr", "5072", 2021, None, None)]),
        ("la Dgr 1312/2016", [("dgr", "1312", 2016, None, None)]),
        ("deliberazione della Giunta regionale n. 45 del 2018", [("dgr", "45", 2018, None, None)]),
        ("Regolamento (UE) 2021/1060", [("regolamento_ue", "1060", 2021, None, None)]),
        # The year written before the number.
        ("secondo l'art. 4 della L.R. 2003 n. 12", [("legge_regionale", "12", 2003, "4", None)]),
        # Session and number ("12/7") of an act dated in full: the date gives the year.
        ("con delibera di Giunta regionale n. 12/7 del 14/03/2011", [("dgr", "7", 2011, None, None)]),
        # Another name for a resolution, made regional by its body.
        ("con atto deliberativo della Giunta Regionale n. 310 del 2.4.2009", [("dgr", "310", 2009, None, None)]),
        # An act cited by its title, then its number and full date.
        (
            "si richiama la Legge sul sistema di istruzione e formazione, numero 53 del 28 marzo 2003, e le norme",
            [("legge", "53", 2003, None, None)],
        ),
        ("la legge sulle cooperative sociali, come modificata, prevede n. 3 posti", []),
        # An official journal's name is not part of the act named on the line before.
        ("Delibera della Giunta Regionale\n\nBurl n. 48 del 3 dicembre 2019", []),
        ("Regolamento CE n. 1081/2006", [("regolamento_ue", "1081", 2006, None, None)]),
        ("la Direttiva 2000/78/CE", [("direttiva_ue", "78", 2000, None, None)]),
        ("con Determinazione dirigenziale n. 1502 del 12/10/2022", [("altro", "1502", 2022, None, None)]),
        ("delibera di Giunta Comunale n. 87/2019", [("altro", "87", 2019, None, None)]),
        # A district's code and a hyphenated region among the words that name the body.
        (
            "con Delibera del Coordinamento Istituzionale dell'Ambito B01 n. 2 del 16/01/2025",
            [("altro", "2", 2025, None, None)],
        ),
        (
            "la Deliberazione del Comitato dei Sindaci del Distretto D52 n. 5 del 12/09/2023",
            [("altro", "5", 2023, None, None)],
        ),
        (
            "la deliberazione dell'Assemblea Legislativa della Regione Emilia-Romagna n. 120 del 12 luglio 2017",
            [("altro", "120", 2017, None, None)],
        ),
        (
            "con deliberazione dell'Assemblea dei Sindaci n. 4 del 10 marzo 2021",
            [("altro", "4", 2021, None, None)],
        ),
        ("Regolamento regionale 4 agosto 2017, n. 4", [("altro", "4", 2017, None, None)]),
        ("la circolare n. 17 del 3 maggio 2018", [("altro", "17", 2018, None, None)]),
        ("lo stabilisce l'Ordinanza 14 del 2022.", [("altro", "14", 2022, None, None)]),
        ("La Giunta regionale, con deliberazione n. 283 del 5/03/2020", [("dgr", "283", 2020, None, None)]),
        ("la Determinazione n. 04 del 07/05/2010", [("altro", "4", 2010, None, None)]),
        ("art. 1 c. 4 e c. 6 della Legge n. 328/2000", [("legge", "328", 2000, "1", "4")]),
        ("ai sensi dell'art. 55 del D.lgs. 117/2017", [("dlgs", "117", 2017, "55", None)]),
        ("D.lgs n. 502 del 1992, art. 3 quater, comma 4", [("dlgs", "502", 1992, "3 quater", "4")]),
        ("comma 2 dell'articolo 14 della legge 241/1990", [("legge", "241", 1990, "14", "2")]),
        ("artt. 5 e 6 della L. 328/00", [("legge", "328", 2000, "5", None)]),
        (
            "leggi n. 328/2000 e n. 112/2016",
            [("legge", "328", 2000, None, None), ("legge", "112", 2016, None, None)],
        ),
        # not references: no number or no year, or not an act
        ("Costituzione art. 118", []),
        ("in attuazione della Legge quadro", []),
        ("Decreto Presidenziale 04.11.02", []),
        ("il DPCM 12 gennaio 2017", []),
        ("pubblicata sulla G.U.R.I. n. 165 del 16 luglio 1999", []),
        ("G.U.R.S. n. 53 del 22 novembre 2002", []),
        ("BURL n. 12 del 2019, Supplemento Ordinario n. 132", []),
        ("prot. n. 4567 del 12/03/2021", []),
        ("vedi Allegato 1/2020", []),
        ("il Piano di Zona 2018/2020", []),
        ("la Legge 328", []),
    ],
)
def test_legal_refs(text: str, expected: list[Ref]) -> None:
    assert refs(text) == expected


@pytest.mark.parametrize(
    ("text", "pivot"),
    [
        ("nessun anno", 30),
        ("Piano 2021-2023", 23),
        ("scadenza il 12/03/2019", 19),
        ("nel 2016, tel. 02 2099 1234", 16),
        ("nel 1998", -1),
    ],
)
def test_year_pivot(text: str, pivot: int) -> None:
    assert year_pivot(text) == pivot


def test_two_digit_years_follow_the_document() -> None:
    assert refs("Nel 2015, ai sensi della L. 12/16 e della L. 12/14") == [
        ("legge", "12", 1916, None, None),
        ("legge", "12", 2014, None, None),
    ]


def test_same_act_twice_is_one_reference_with_two_spans() -> None:
    text = "Ai sensi della legge 8 novembre 2000, n. 328 e dell'art. 19 della L. 328/00."
    (ref,) = find_legal_refs(analyze(text))
    assert (ref.kind, ref.number, ref.year, ref.article) == ("legge", "328", 2000, "19")
    assert [text[s:e] for s, e in ref.spans] == ["legge 8 novembre 2000, n. 328", "L. 328/00"]
    assert ref.text == "legge 8 novembre 2000, n. 328"


def test_spans_point_at_the_citation() -> None:
    text = "Visti il D.Lgs. 117/2017 e la DGR n. X/7631 del 28/12/2017."
    found = find_legal_refs(analyze(text))
    assert [[text[s:e] for s, e in r.spans] for r in found] == [
        ["D.Lgs. 117/2017"],
        ["DGR n. X/7631 del 28/12/2017"],
    ]


def _every_act_form() -> list[str]:
    from extractor.lexicon import load

    return sorted({form for forms in load("legal")["kinds"].values() for form in forms})


@pytest.mark.parametrize("form", _every_act_form())
def test_every_act_name_of_the_list_is_a_cue(form: str) -> None:
    """The look-ahead of first letters drops no act name, in any letter case."""
    from extractor.recognizers.legal_refs import act_names

    for written in (form, form.upper(), form.lower()):
        found = act_names().search(f"visto il {written} n. 5")
        assert found is not None and found.start() == len("visto il "), written


def test_no_first_letter_guard_when_a_form_may_start_otherwise() -> None:
    from extractor.recognizers.legal_refs import _first_letter_guard

    assert _first_letter_guard(["Legge", "D.Lgs.", "regolamento"]) == "(?i:(?=[dlr]))"
    assert _first_letter_guard(["Legge", "(UE) regolamento"]) == ""
