"""Fixtures for the storage tests: a real database file and real extractions of the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from extractor.pipeline import extract_document
from extractor.read import read_path
from models import Extraction
from service.store.db import open_database
from tests.conftest import CORPUS

TEXT_DOC = CORPUS / "dev" / "001_3d6264becc58feda.txt"
PDF_DOC = CORPUS / "pdf" / "one_column" / "001_3d6264becc58feda.pdf"


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    return open_database(tmp_path / "patti.db")


def _extract(path: Path) -> tuple[Extraction, tuple[int, ...]]:
    document = read_path(path)
    return extract_document(document, path.name, include_text=True), document.page_starts


@pytest.fixture(scope="session")
def text_extraction() -> tuple[Extraction, tuple[int, ...]]:
    return _extract(TEXT_DOC)


@pytest.fixture(scope="session")
def pdf_extraction() -> tuple[Extraction, tuple[int, ...]]:
    return _extract(PDF_DOC)
