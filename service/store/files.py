"""Originals kept content-addressed by sha256 under ``<data>/files/ab/<sha256>.bin``."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path


def sha256_of(content: bytes) -> str:
    """Hex sha256 of ``content``."""
    return hashlib.sha256(content).hexdigest()


def file_path(data_dir: str | Path, sha256: str) -> Path:
    """Where the original with this sha256 lives (whether or not it exists)."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError(f"not a sha256 hex digest: {sha256!r}")
    return Path(data_dir) / "files" / sha256[:2] / f"{sha256}.bin"


def store_file(data_dir: str | Path, content: bytes) -> tuple[str, Path]:
    """Keep ``content`` once, written atomically; returns its sha256 and path."""
    sha256 = sha256_of(content)
    target = file_path(data_dir, sha256)
    if target.exists():
        return sha256, target
    target.parent.mkdir(parents=True, exist_ok=True)
    # Temp file in the same folder so the rename is atomic: readers see the whole file or none.
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".bin")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temp_name).replace(target)
        _sync_folder(target.parent)  # the rename itself must survive a power loss, not only the bytes
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return sha256, target


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_file(data_dir: str | Path, sha256: str) -> bytes:
    """The stored original's bytes; raises FileNotFoundError when it is not kept."""
    return file_path(data_dir, sha256).read_bytes()


# Control characters, and the bidirectional overrides that make "exe.txt" display as "txt.exe".
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]+")
MAX_NAME_CHARS = 255


def display_name(raw: str | None) -> str:
    """A harmless display name for an uploaded file: last path component, no control characters, bounded.

    Names are only shown, never used as paths (originals live under their sha256), but they reach HTML,
    headers and logs, so ``../``, absolute paths and control characters are dropped here once.
    """
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE_NAME.sub("", name).strip().lstrip(".") or "document"
    return name[:MAX_NAME_CHARS]
