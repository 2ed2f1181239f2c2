"""Ingest files into the data folder (originals, database, search index) and search what was ingested.

The ``patti ingest`` and ``patti search`` commands only parse arguments and call these functions.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from extractor import __version__
from extractor.document import Document
from extractor.errors import ErrorCode, PattiError
from extractor.pipeline import extract_document
from extractor.read import MAX_BYTES, read_bytes, read_path, sniff
from service.store.db import open_database
from service.store.files import store_file
from service.store.search import search
from service.store.writer import save_extraction, save_failure

DATA_ENV = "PATTI_DATA"
DEFAULT_DATA = "data"
DB_NAME = "patti.db"
_CHUNK = 1024 * 1024

log = logging.getLogger("patti")


def data_dir(given: str | None = None) -> Path:
    """The data folder: ``given``, else ``$PATTI_DATA``, else ``data``."""
    return Path(given or os.environ.get(DATA_ENV) or DEFAULT_DATA)


class MissingDatabase(FileNotFoundError):
    """``patti search`` before anything was ingested."""


@dataclass(frozen=True)
class IngestResult:
    """What happened to one input file."""

    source: str
    sha256: str | None
    document_id: int | None
    status: str  # "indexed", "failed" or "unchanged"
    error: dict[str, str] | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "sha256": self.sha256,
            "document_id": self.document_id,
            "status": self.status,
            "error": self.error,
        }


def _hidden(name: str) -> bool:
    return name.startswith(".")


def input_files(paths: Sequence[str], skip: Path | None = None) -> Iterator[str]:
    """Each PATH as given, folders replaced by their files (recursive, sorted, hidden ones and ``skip`` left out)."""
    skip_resolved = skip.resolve() if skip is not None else None
    for path in paths:
        if not Path(path).is_dir():
            yield path  # a file, or something whose problem the reader reports
            continue
        found: list[str] = []
        for folder, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if not _hidden(d) and Path(folder, d).resolve() != skip_resolved]
            found.extend(str(Path(folder, f)) for f in files if not _hidden(f))
        yield from sorted(found)


def _read(path: Path) -> bytes:
    """The file's bytes, file-system problems mapped to error codes."""
    if not path.exists():
        raise PattiError(ErrorCode.NOT_FOUND, str(path))
    if not path.is_file():
        raise PattiError(ErrorCode.NOT_A_FILE, str(path))
    try:
        if path.stat().st_size > MAX_BYTES:
            raise PattiError(ErrorCode.TOO_LARGE, f"{path.stat().st_size} bytes, limit {MAX_BYTES}")
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # bounded even if the file grows meanwhile
    except OSError as exc:
        raise PattiError(ErrorCode.UNREADABLE, str(exc)) from exc
    if len(data) > MAX_BYTES:
        raise PattiError(ErrorCode.TOO_LARGE, f"more than {MAX_BYTES} bytes")
    return data


def _sha256_and_size(path: Path) -> tuple[str, int]:
    """Hash a file too large to keep, in chunks."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _error(exc: BaseException) -> tuple[ErrorCode, str]:
    """The catalogue code and message of an extraction failure (as ``patti extract`` reports it)."""
    if isinstance(exc, PattiError):
        return exc.code, exc.message
    if isinstance(exc, RecursionError):
        return ErrorCode.PDF_TOO_COMPLEX, "recursion limit reached"
    return ErrorCode.INTERNAL, f"{type(exc).__name__}: {exc}"


def _failed(
    source: str, code: ErrorCode, message: str, sha256: str | None = None, doc_id: int | None = None
) -> IngestResult:
    return IngestResult(source, sha256, doc_id, "failed", {"code": code.value, "message": message})


def _indexed_id(db: sqlite_utils.Database, sha256: str) -> int | None:
    """The id of document ``sha256`` when it is already indexed by this extractor version."""
    row = db.execute(
        "SELECT id FROM documents WHERE sha256 = ? AND status = 'indexed' AND extractor_version = ?",
        [sha256, __version__],
    ).fetchone()
    return int(row[0]) if row else None


def ingest_file(db: sqlite_utils.Database, data: Path, source: str, force: bool = False) -> IngestResult:
    """Store, extract and index one file; a failure is recorded and returned, never raised."""
    path = Path(source)
    name = path.name  # a display name only: originals are stored under their sha256
    try:
        content = _read(path)
    except PattiError as exc:
        if exc.code is not ErrorCode.TOO_LARGE:
            return _failed(source, exc.code, exc.message)  # nothing readable to keep
        try:
            sha256, size = _sha256_and_size(path)
        except OSError as err:
            return _failed(source, ErrorCode.UNREADABLE, PattiError(ErrorCode.UNREADABLE, str(err)).message)
        doc_id = save_failure(db, sha256, name, size, exc.code.value, exc.message, __version__)
        return _failed(source, exc.code, exc.message, sha256, doc_id)
    sha256, stored = store_file(data, content)
    if not force and (known := _indexed_id(db, sha256)) is not None:
        return IngestResult(source, sha256, known, "unchanged")
    try:
        # PDFs are read from the stored original, page by page; it is immutable and matches the sha256.
        document: Document = read_path(stored) if sniff(content) == "pdf" else read_bytes(content, name)
        extraction = extract_document(document, name, include_text=True)
    except Exception as exc:  # one bad input must not stop the others
        if not isinstance(exc, PattiError | RecursionError):
            log.exception("unexpected error on %s", source)
        code, message = _error(exc)
        doc_id = save_failure(db, sha256, name, len(content), code.value, message, __version__)
        return _failed(source, code, message, sha256, doc_id)
    doc_id = save_extraction(db, sha256, name, len(content), extraction, document.page_starts)
    return IngestResult(source, sha256, doc_id, "indexed")


def ingest(paths: Sequence[str], data: Path, force: bool = False) -> Iterator[IngestResult]:
    """Ingest every file of ``paths`` into ``data`` (created if needed), yielding each result as it is done."""
    data.mkdir(parents=True, exist_ok=True)
    db = open_database(data / DB_NAME)
    try:
        for source in input_files(paths, skip=data):
            result = ingest_file(db, data, source, force)
            if result.error:
                log.warning("%s: %s", source, result.error["message"])
            yield result
    finally:
        db.close()


def search_documents(data: Path, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """The hits of ``query`` in the database under ``data``; raises ``InvalidQuery`` or ``MissingDatabase``."""
    path = data / DB_NAME
    if not path.is_file():
        raise MissingDatabase(f"no database at {path}: run `patti ingest` first")
    db = open_database(path)
    try:
        hits = search(db, query, limit)
        results = []
        for hit in hits:
            file_name, doc_type = db.execute(
                "SELECT file_name, doc_type FROM documents WHERE id = ?", [hit.document_id]
            ).fetchone()
            results.append(
                {
                    "document_id": hit.document_id,
                    "file_name": file_name,
                    "doc_type": doc_type,
                    "rank": hit.rank,
                    "snippet": hit.snippet,
                }
            )
        return results
    finally:
        db.close()
