"""Content-addressed originals."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from service.store.files import file_path, read_file, store_file


def test_same_bytes_are_one_file(tmp_path: Path) -> None:
    sha_a, path_a = store_file(tmp_path, b"patto per il welfare")
    sha_b, path_b = store_file(tmp_path, b"patto per il welfare")
    assert (sha_a, path_a) == (sha_b, path_b)
    assert sha_a == hashlib.sha256(b"patto per il welfare").hexdigest()
    assert path_a == tmp_path / "files" / sha_a[:2] / f"{sha_a}.bin"
    assert [p for p in (tmp_path / "files").rglob("*") if p.is_file()] == [path_a]


def test_different_bytes_are_two_files(tmp_path: Path) -> None:
    _, a = store_file(tmp_path, b"one")
    _, b = store_file(tmp_path, b"two")
    assert a != b
    assert a.read_bytes() == b"one"
    assert b.read_bytes() == b"two"


def test_no_temp_files_left(tmp_path: Path) -> None:
    store_file(tmp_path, b"x" * 100_000)
    assert not list((tmp_path / "files").rglob(".tmp-*"))


def test_read_back_and_missing(tmp_path: Path) -> None:
    sha, _ = store_file(tmp_path, b"")
    assert read_file(tmp_path, sha) == b""
    with pytest.raises(FileNotFoundError):
        read_file(tmp_path, "0" * 64)


@pytest.mark.parametrize("bad", ["", "../etc/passwd", "A" * 64, "0" * 63])
def test_rejects_non_digests(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError):
        file_path(tmp_path, bad)
