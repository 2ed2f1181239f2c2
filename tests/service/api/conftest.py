"""An indexed data folder built once from corpus texts, and clients of the app over it (no workers)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from extractor.pipeline import extract_path
from service.main import create_app
from service.settings import Settings
from service.store.db import open_database
from service.store.files import store_file
from service.store.writer import save_extraction
from tests.conftest import CORPUS

TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
# Documents of several types and ambiti; 003 says "si impegnano", 000 and 003 name different ambiti.
INDEXED = ("000_2733dd1fb8777219.txt", "003_8fd55254de6a5357.txt", "dev_06.txt", "dev_07.txt", "dev_13.txt",
           "dev_14.txt", "dev_04.txt", "dev_01.txt")  # fmt: skip


@pytest.fixture(scope="session")
def indexed_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("indexed")
    db = open_database(data / "patti.db")
    try:
        for name in INDEXED:
            path = CORPUS / "dev" / name
            content = path.read_bytes()
            sha256, _ = store_file(data, content)
            save_extraction(db, sha256, name, len(content), extract_path(path, source=name, include_text=True))
    finally:
        db.close()
    return data


def make_client(data: Path, **settings: object) -> TestClient:
    values: dict[str, object] = {"data_dir": data, "api_token": TOKEN, "workers": 0, **settings}
    return TestClient(create_app(Settings(**values)))  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def client(indexed_data: Path) -> Iterator[TestClient]:
    """Reads only: tests that write use ``empty_client``."""
    with make_client(indexed_data) as c:
        yield c


@pytest.fixture
def empty_client(tmp_path: Path) -> Iterator[TestClient]:
    with make_client(tmp_path) as c:
        yield c


@pytest.fixture
def writable_client(indexed_data: Path, tmp_path: Path) -> Iterator[TestClient]:
    """A client over a copy of the indexed corpus, which a test may change (corrections, the registry)."""
    data = tmp_path / "data"
    shutil.copytree(indexed_data, data)
    with make_client(data) as c:
        yield c
