"""The content-identity thresholds hold on the bundled corpus: every layout of a text is one content."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import identity
from extractor.fingerprint import SAME_CONTENT, VERSION, content_words, figures, fingerprint, same_words

CORPUS = Path(identity.__file__).resolve().parent


def test_every_layout_of_every_text_clears_the_same_content_threshold() -> None:
    names = sorted(p.stem for p in (CORPUS / "dev").glob("*.txt"))
    lowest, where = identity.same_content_lowest(names)
    assert lowest >= SAME_CONTENT, where


def test_different_documents_stay_below_the_version_threshold() -> None:
    highest, where = identity.different_highest(sorted((CORPUS / "dev").glob("*.txt")))
    assert highest < VERSION, where


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Line breaks, page numbers, list markers and letter case are layout.
        (
            "Il Comune di Lecco si impegna a riaprire lo sportello sociale entro il mese di marzo.",
            "IL COMUNE DI LECCO si impegna a riaprire lo sportello\n2\nsociale entro il\n\na) mese di marzo.",
        ),
        # Accents and quotes written differently.
        (
            "L’attività è svolta dalla Società cooperativa “Il Ponte”.",
            "L'attivita' e svolta dalla Societa cooperativa \"Il Ponte\".",
        ),
    ],
)
def test_layout_does_not_change_the_words(a: str, b: str) -> None:
    assert content_words(a) == content_words(b)
    fa, fb = fingerprint(a), fingerprint(b)
    assert fa is not None and fb is not None and fa.similarity(fb) == 1.0


def test_a_changed_figure_changes_the_figures_not_the_words() -> None:
    old = "Contributo di 12.000 euro, domande entro il 15/03/2025."
    assert figures(old) == {"12.000", "15.03.2025"}
    assert figures(old.replace("12.000", "15.000")) != figures(old)


def test_a_text_without_words_has_no_fingerprint() -> None:
    assert fingerprint("  12 \n 3 . - ") is None


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # A word split at a line end by one reading: the same words.
        ("Il verbale della seduta è approvato dai sindaci.", "Il ver bale della seduta è approvato dai sindaci.", True),
        # Another signatory's name: a revision.
        (
            "Il Responsabile del procedimento è Mario Rossi, Ufficio di Piano.",
            "Il Responsabile del procedimento è Maria Bianchi, Ufficio di Piano.",
            False,
        ),
        # A phrase added to the object of the notice: a revision.
        (
            "Contributi alle famiglie con figli minori residenti nel distretto.",
            "Contributi alle famiglie con figli minori residenti nel distretto e ai giovani adulti soli disoccupati.",
            False,
        ),
    ],
)
def test_same_words_tells_layout_from_rewording(a: str, b: str, same: bool) -> None:
    assert same_words(a, b) is same
