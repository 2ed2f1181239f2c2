"""Resolving municipality names to ISTAT entries."""

from __future__ import annotations

import pytest

from extractor.resolvers.comuni import (
    FUZZY_THRESHOLD,
    Municipality,
    disambiguate,
    exact,
    fuzzy,
    lookup,
    normalize,
    registry,
    short_form,
)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Cassina de' Pecchi", "cassina de pecchi"),
        ("CASSINA DE’ PECCHI", "cassina de pecchi"),
        ("Cefalù", "cefalu"),
        ("Gattico-Veruno", "gattico veruno"),
        ("  Sesto\nSan  Giovanni ", "sesto san giovanni"),
    ],
)
def test_normalize(written: str, expected: str) -> None:
    assert normalize(written) == expected


@pytest.mark.parametrize(
    ("written", "istat"),
    [
        ("Cassina de Pecchi", "015060"),
        ("cassina de' pecchi", "015060"),
        ("SANT'ANGELO LODIGIANO", "098050"),
        ("Sant’Angelo Lodigiano", "098050"),
        ("Cefalu", "082027"),
        ("Ruvo di Puglia", "072038"),
    ],
)
def test_exact(written: str, istat: str) -> None:
    assert [t.istat for t in exact(written)] == [istat]


@pytest.mark.parametrize(
    ("written", "istat"),
    [
        ("Cambiagio", "015044"),
        ("Combiago", "015044"),
        ("Cernusco sul Navilio", "015070"),
        ("Portopalo di Capo Pasero", "089020"),
        ("Santangelo Lodigiano", "098050"),
        ("Gorgonzolla", "015108"),
    ],
)
def test_fuzzy_typos(written: str, istat: str) -> None:
    assert [t.istat for t in lookup(written)] == [istat]


@pytest.mark.parametrize(
    "written",
    ["Rhodense", "Ambito", "Metropolitana", "Bassa Romagna", "Asta", "Rhi"],
)
def test_no_match(written: str) -> None:
    assert lookup(written) == ()


def test_fuzzy_threshold_is_explicit() -> None:
    # One wrong letter in eight (87.5) passes; two in eight (75) do not.
    assert FUZZY_THRESHOLD == 85.0
    assert fuzzy("Combiago")
    assert not fuzzy("Combiaco")


def test_short_names_are_never_fuzzy() -> None:
    assert fuzzy("Astu") == ()


def test_homonyms_are_all_returned() -> None:
    assert {t.province_code for t in exact("Samone")} == {"TO", "TN"}
    assert {t.province_code for t in exact("San Teodoro")} >= {"ME", "SS"}


def _only(name: str) -> Municipality:
    (town,) = exact(name)
    return town


@pytest.mark.parametrize(
    ("province", "expected"),
    [("TO", "TO"), ("to", "TO"), ("Trento", "TN"), ("prov. TN", "TN"), ("Provincia di Torino", "TO")],
)
def test_disambiguate_by_written_province(province: str, expected: str) -> None:
    town = disambiguate(exact("Samone"), province)
    assert town is not None and town.province_code == expected


def test_disambiguate_by_neighbours() -> None:
    town = disambiguate(exact("Samone"), None, [_only("Ivrea"), _only("Banchette")])
    assert town is not None and town.province_code == "TO"
    town = disambiguate(exact("Livo"), None, [_only("Cles")])
    assert town is not None and town.province_code == "TN"


def test_disambiguate_by_region_when_no_province_matches() -> None:
    town = disambiguate(exact("Samone"), None, [_only("Rovereto")])
    assert town is not None and town.region == "Trentino-Alto Adige/Südtirol"


def test_undecided_homonym() -> None:
    assert disambiguate(exact("Samone")) is None


@pytest.mark.parametrize(
    ("written", "istat"),
    [
        ("S. Giovanni Rotondo", "071046"),  # a saint abbreviated
        ("S Mauro Marchesato", "101020"),
        ("Torre di S. Maria", "014067"),  # ... anywhere in the name
        ("Isola Capo Rizzuto", "101013"),  # "di" left out
        ("Belvedere Spinello", "101001"),
        ("Reggio Emilia", "035033"),  # "nell'" left out
        ("Campo Elba", "049003"),
    ],
)
def test_aliases(written: str, istat: str) -> None:
    assert [t.istat for t in exact(written)] == [istat]


@pytest.mark.parametrize(
    ("written", "istat"),
    [
        ("Cisterna", "059005"),  # Cisterna di Latina
        ("Montemale", "004138"),  # Montemale di Cuneo
        ("Ruvo", None),  # Ruvo di Puglia and Ruvo del Monte
        ("Sesto", None),  # a town of its own
    ],
)
def test_short_forms(written: str, istat: str | None) -> None:
    town = short_form(written)
    assert (town.istat if town else None) == istat


def test_an_alias_never_shadows_an_official_name() -> None:
    # Every official name still finds its own towns first, whatever aliases other names made.
    for town in registry()[::97]:
        assert town in exact(town.name)
