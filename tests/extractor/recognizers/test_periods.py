"""Periods: programming and validity spans."""

from __future__ import annotations

import pytest

from extractor.nlp import analyze
from extractor.recognizers.periods import find_periods


def periods(text: str) -> list[tuple[int, int]]:
    return [(p.start, p.end) for p in find_periods(analyze(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Piano di Zona 2021 – 2023", [(2021, 2023)]),
        ("per il triennio 2018/2020", [(2018, 2020)]),
        ("PIANI DI ZONA 2024-2026", [(2024, 2026)]),
        ("triennio 2025- 2027", [(2025, 2027)]),
        ("fondi strutturali europei 2021—2027", [(2021, 2027)]),
        ("progetto triennale (2014-2016)", [(2014, 2016)]),
        ("il biennio 2019-20 del programma", [(2019, 2020)]),
        ("Il piano vale dal 2022 al 2024.", [(2022, 2024)]),
        ("Il protocollo avrà validità dal 2023 al 2025 con rinnovo.", [(2023, 2025)]),
        # ... the years of two full dates
        ("La convenzione ha validità dal 1° gennaio 2026 al 31 dicembre 2028.", [(2026, 2028)]),
        ("Piano 2021-2023 e poi di nuovo Piano 2021/2023", [(2021, 2023)]),
        ("Il PdZ 2018-2020 e il PdZ 2021-2023", [(2018, 2020), (2021, 2023)]),
        # Consecutive school years, listed, make one span.
        ("Il patto vale per gli anni scolastici 2024/2025 e 2025/2026.", [(2024, 2026)]),
        ("Il patto educativo vale per gli anni scolastici dal 2023/2024 al 2025/2026.", [(2023, 2026)]),
        ("negli anni educativi 2019/20, 2020/21 e 2021/22", [(2019, 2022)]),
    ],
)
def test_periods(text: str, expected: list[tuple[int, int]]) -> None:
    assert periods(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "40 bambini accolti per l'estate dal 2013 al 2016",
        "nell'anno scolastico 2019/2020",
        "anno scolastico 2019/2020 e 2022/2023",
        "Regolamento (UE) n. 2016/679",
        "giovani (15-34 anni)",
        "tra 2015 e 2016 sono aumentati i nuclei",
        "date 2020-02 pubblicato",
        "dal 2023-2010",
        "un ciclo 1990-2030 troppo lungo",
        "Legge n. 328/2000",
        "Relazione sociale 2017",
        # a date's day after a year, not a two-digit end year
        "le attività si svolgono dal 1° aprile 2025 – 31 marzo al Centro",
        "Il bando è aperto dal 3 marzo 2025 al 4 aprile 2025.",
    ],
)
def test_not_periods(text: str) -> None:
    assert periods(text) == []


def test_each_mention_is_a_span() -> None:
    text = "Piano 2021-2023; il piano 2021 – 2023"
    (period,) = find_periods(analyze(text))
    assert [text[s:e] for s, e in period.spans] == ["2021-2023", "2021 – 2023"]
