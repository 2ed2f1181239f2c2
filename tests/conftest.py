"""Shared fixtures: small local documents written for the tests."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# The lists every extraction carries, as EXTRACTION.md names them.
CONTRACT_LISTS = (
    "parties", "comuni", "ambiti", "dates", "work_areas", "commitments",
    "legal_refs", "contacts", "people", "periods",
)  # fmt: skip
CONTRACT_KEYS = {"source", "doc_type", "title", "date", *CONTRACT_LISTS}

NOTICE = (
    "AVVISO PUBBLICO\n\n"
    "Il Comune di Lecco, capofila dell'Ambito, ai sensi della legge n. 328/2000, invita gli enti "
    "a presentare domanda entro il 15 marzo 2024 alle ore 12 all'indirizzo ambito@pec.comune.lecco.it.\n\n"
    "Per informazioni: tel. 0341 481111.\n"
)


@pytest.fixture
def patti_command() -> str:
    """The installed ``patti`` console script of this environment."""
    patti = shutil.which("patti", path=str(Path(sys.executable).parent))
    assert patti, "the patti console script is not installed in this environment"
    return patti


@pytest.fixture
def notice_file(tmp_path: Path) -> Path:
    path = tmp_path / "avviso.txt"
    path.write_text(NOTICE, encoding="utf-8")
    return path
