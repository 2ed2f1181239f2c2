"""Site menus: a saved page's navigation flattened into one line is told from a row of signatures or a table."""

from __future__ import annotations

import pytest

from extractor.site_menus import is_menu_line, menu_lines, names_a_section


@pytest.mark.parametrize(
    "line",
    [
        "HOME  L'AZIENDA  SERVIZI  UFFICIO DI PIANO  BANDI E AVVISI  CONTATTI",
        "Home | Chi siamo | Cosa facciamo | Progetti | Contatti",
        "Vivere il Comune   Amministrazione   Servizi   Novità   Documenti e dati",
        "  Homepage  |  Albo pretorio  |  Amministrazione trasparente  |  Uffici  ",
        "NOTIZIE  EVENTI  SPORTELLI  MODULISTICA  AREA RISERVATA",
    ],
)
def test_menus(line: str) -> None:
    assert is_menu_line(line)


@pytest.mark.parametrize(
    "line",
    [
        # Signatures side by side: no entry is a site's section.
        "COMUNE DI BRONI    COMUNE DI STRADELLA    ASST PAVIA    CGIL PAVIA",
        # A table's row: figures and an ending.
        "Servizi   120   35.000   Contatti: 0382 1234",
        # Too few entries for a menu.
        "Home  Contatti",
        "Home  Servizi  Contatti",
        # A sentence with wide gaps left by justified text.
        "Il Comune  di Lodi  gestisce i servizi  per conto  dei Comuni  dell'ambito.",
        "",
    ],
)
def test_not_menus(line: str) -> None:
    assert not is_menu_line(line)


def test_menu_lines_are_spans_of_the_text() -> None:
    text = "Comune di Lodi\nHome  Servizi  Notizie  Contatti\n\nAvviso pubblico"
    ((start, end),) = menu_lines(text)
    assert text[start:end] == "Home  Servizi  Notizie  Contatti"


@pytest.mark.parametrize(
    ("phrase", "section"),
    [
        ("Comunicato stampa", True),
        ("Notizie dal territorio", True),
        ("Comunicati Stampa 2025", True),
        ("Serenissima", False),
        ("Coordinamento territoriale della Sibaritide", False),
        ("", False),
    ],
)
def test_names_a_section(phrase: str, section: bool) -> None:
    assert names_a_section(phrase) is section
