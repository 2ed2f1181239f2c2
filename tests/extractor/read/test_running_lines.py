"""Running headers and footers of a plain text converted from a paged document."""

from __future__ import annotations

import pytest

from extractor.read.running_lines import drop_running_lines
from extractor.read.text import read_text

_FOOTER = "Accordo di programma – Ambito di Rieti                    pagina {} di 3"


def test_a_footer_that_cut_a_sentence_goes_and_the_sentence_is_joined_again() -> None:
    text = (
        "Le parti si impegnano a promuovere la rete dei servizi\n\n"
        f"{_FOOTER.format(1)}\n" + "-" * 60 + "\n"
        "per gli anziani soli.\n\n"
        "Art. 2 – Durata\n"
        "Il presente accordo vale tre anni.\n\n"
        f"{_FOOTER.format(2)}\n" + "-" * 60 + "\n"
        "Art. 3 – Impegni"
    )
    assert drop_running_lines(text) == (
        "Le parti si impegnano a promuovere la rete dei servizi\nper gli anziani soli.\n\n"
        "Art. 2 – Durata\nIl presente accordo vale tre anni.\n\nArt. 3 – Impegni"
    )


@pytest.mark.parametrize(
    "header",
    ["Pag. {} – Piano di Zona 2025-2027", "PROTOCOLLO D'INTESA ANZIANI    Pag {}/4", "Comune di Lauria – pagina {}"],
)
def test_headers_in_any_form_with_their_page_number(header: str) -> None:
    text = f"{header.format(1)}\nPrimo testo.\n\n{header.format(2)}\nSecondo testo.\n\n{header.format(3)}\nTerzo."
    assert drop_running_lines(text) == "Primo testo.\n\nSecondo testo.\n\nTerzo."


@pytest.mark.parametrize(
    "text",
    [
        # one page only: nothing runs
        "Relazione annuale – pagina 1 di 1\nTesto della relazione.",
        # a page number cited in the body is no furniture
        "Si veda l'allegato A, pagina 4.\nIl testo segue.\nSi veda l'allegato B, pagina 7.",
        # rules for signatures stay where no footer is
        "Per il Comune\n______________________\n\nPer la ASL\n______________________",
        # a list numbered alike is not a page's header
        "Tavolo 1 – Anziani\nTesto.\nTavolo 2 – Giovani\nTesto.",
        "",
    ],
)
def test_texts_without_running_lines_are_unchanged(text: str) -> None:
    assert drop_running_lines(text) == text


def test_reading_a_text_file_drops_its_running_footers() -> None:
    raw = f"Il Comune garantisce\n{_FOOTER.format(1)}\nil servizio.\n{_FOOTER.format(2)}\nFine.".encode()
    assert read_text(raw).text == "Il Comune garantisce\nil servizio.\n\nFine."
