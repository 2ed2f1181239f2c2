"""Organisations: one canonical name for the spellings of one body."""

from __future__ import annotations

from typing import get_args

import pytest

from extractor.resolvers.organisations import (
    NAME_MATCH,
    TERRITORY_MATCH,
    Organisation,
    abbreviates,
    compact,
    registry,
    resolve,
    same_organisation,
)
from models.extraction import PartyKind


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Centro Servizi per il Volontariato di Bergamo", "CSV Bergamo"),
        ("CISL Monza Brianza Lecco", "CISL MBL"),
        ("Co.De.Bri.", "CODEBRI"),
        ("Cgil Varese", "CGIL VARESE"),
        ("Spi Cgil Brescia", "SPI Brescia"),
        ("Forum del III Settore di Pavia", "Forum Terzo Settore Pavia"),
        ("Croce rossa italiana", "CRI"),
        ("Cooperativa Sociale Il Sentiero", "Cooperativa sociale Il Sentero"),  # a typo
        ("UIL Emilia Romagna", "UIL Emilia-Romagna"),
        ("UilPensionati di Rieti", "UILP Rieti"),
        ("Centro Provinciale per l'Istruzione degli Adulti di Lodi", "CPIA Lodi"),
        ("Patronato INCA Cremona", "INCA CGIL Cremona"),
        ("A.I.P.D. Bari", "AIPD Bari"),
        ("Unione Italiana Ciechi e Ipovedenti di Lecce", "UICI Lecce"),
        ("Ente Nazionale Sordi Sassari", "ENS Sassari"),
        ("Comunità di Sant’Egidio", "Comunità di Sant'Egidio"),
        ("Sindacato Unitario Nazionale Inquilini e Assegnatari Genova", "SUNIA Genova"),
        ("Confederazione Italiana Agricoltori Toscana", "CIA Agricoltori Toscana"),
        ("Ministero del Lavoro", "Ministero del Lavoro e delle Politiche Sociali"),
        ("CROAS Puglia", "Ordine degli Assistenti Sociali Puglia"),
    ],
)
def test_merge(a: str, b: str) -> None:
    assert same_organisation(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("CGIL Milano", "CGIL Monza e Brianza"),
        ("CISL Palermo", "CISL Palermo Trapani"),
        ("CGIL Lecco", "CISL Lecco"),
        ("ATS Insubria", "ASST Insubria"),
        ("ULSS 3 Serenissima", "ULSS 6 Euganea"),
        ("ULSS 2", "ULSS 20"),
        ("Cooperativa Sociale Arcobaleno", "Cooperativa Sociale Aurora"),
        ("Associazione Anziani 2", "Associazione Anziani 3"),
        ("CPIA Lodi", "CPIA Pavia"),
        ("FP CGIL Bari", "CGIL Bari"),
        ("ANFFAS Bari", "ANMIC Bari"),
        ("Ministero della Salute", "Ministero dell'Interno"),
    ],
)
def test_no_merge(a: str, b: str) -> None:
    assert not same_organisation(a, b)


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Centro Servizi per il Volontariato di Como", "CSV Como"),
        ("Csv Como", "CSV Como"),
        ("Fnp Cisl Bergamo", "FNP CISL Bergamo"),
        ("Caritas", "Caritas"),
        ("Fondazione Cariplo", "Fondazione Cariplo"),
        ("Cooperativa Sociale Aurora", None),
        ("Conferenza dei Sindaci dell’Azienda ULSS 9", None),  # the ULSS is only named
        ("Azienda ULSS 9", "ULSS 9"),
        ("Legacoop Puglia", "Legacoop Puglia"),
        ("Federazione Italiana per il Superamento dell’Handicap", "FISH"),
        ("Associazione Italiana Sclerosi Multipla di Pavia", "AISM Pavia"),
        ("Banco Alimentare della Puglia", "Banco Alimentare Puglia"),
        ("Società di San Vincenzo de’ Paoli", "Società di San Vincenzo De Paoli"),
        ("Save the Children Italia", "Save the Children"),
        ("Ministero dell’Istruzione e del Merito", "Ministero dell'Istruzione e del Merito"),
        ("Istituto Nazionale per l'Assicurazione contro gli Infortuni sul Lavoro", "INAIL"),
        ("USR Campania", "Ufficio Scolastico Regionale Campania"),
        (
            "Garante per l’infanzia e l’adolescenza della Regione Marche",
            "Garante per l'infanzia e l'adolescenza Regione Marche",
        ),
    ],
)
def test_resolve_with_registry(name: str, canonical: str | None) -> None:
    assert resolve(name) == canonical


def test_known_organisations_win() -> None:
    known = [Organisation("CISL Monza Brianza Lecco", "sindacato")]
    assert resolve("CISL MBL", "sindacato", known) == "CISL Monza Brianza Lecco"
    assert resolve("CISL Milano", "sindacato", known) == "CISL Milano"
    learned = [Organisation("Co.De.Bri.", "azienda_speciale", variants=("Consorzio Desio Brianza",))]
    assert resolve("CODEBRI", None, learned) == "Co.De.Bri."
    assert resolve("Consorzio Desio-Brianza", None, learned) == "Co.De.Bri."


def test_kind_must_agree_with_known() -> None:
    known = [Organisation("Aurora", "impresa")]
    assert resolve("Aurora", "terzo_settore", known) is None


def test_thresholds_are_explicit() -> None:
    assert 80 <= TERRITORY_MATCH <= 100
    assert 80 <= NAME_MATCH <= 100
    assert compact("A.S.C. Offerta") == "ascofferta"


def test_registry_entries_are_well_formed() -> None:
    kinds = set(get_args(PartyKind))  # the party kinds of the extraction contract
    names = [org.name for org in registry()]
    assert len(names) == len(set(names))
    assert all(org.kind in kinds for org in registry())


@pytest.mark.parametrize(
    ("short", "long", "expected"),
    [
        ("CSV Sardegna", "Centro di Servizio per il Volontariato Sardegna Solidale", True),
        # A hyphenated word gives one initial or one for each of its parts.
        ("ASL N. 3 DI NUORO", "AZIENDA SOCIO-SANITARIA LOCALE N. 3 DI NUORO", True),
        ("ASSL", "Azienda Socio-Sanitaria Locale", True),
        ("ASP", "Azienda Socio-Sanitaria Locale", False),
        ("ASL di Lodi", "Azienda Socio-Sanitaria Locale di Como", False),
        ("AS", "Azienda Sanitaria", False),  # two letters are too few to tell
    ],
)
def test_abbreviates(short: str, long: str, expected: bool) -> None:
    assert abbreviates(short, long) is expected
