"""Ingest files: keep each original, register it as a document and queue its extraction job.

``patti ingest`` submits the files with these functions, then lets a worker pool run the jobs; the API's
upload does the same through ``service.store.documents.register_document``.
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
from extractor.errors import ErrorCode, PattiError
from extractor.read import MAX_BYTES
from service.store.db import transaction
from service.store.documents import register_document
from service.store.files import display_name, file_path, store_file
from service.store.jobs import enqueue, requeue
from service.store.writer import save_failure

_CHUNK = 1024 * 1024

log = logging.getLogger("patti")


@dataclass(frozen=True)
class Submission:
    """What became of one input file when it was submitted."""

    source: str
    sha256: str | None
    document_id: int | None
    job_id: int | None  # the job to wait for; None when there is nothing to extract
    status: str  # "queued", "duplicate" (already indexed, not redone) or "failed" (refused before extraction)
    error: dict[str, str] | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "sha256": self.sha256,
            "document_id": self.document_id,
            "job_id": self.job_id,
            "status": self.status,
            "error": self.error,
            "duplicate_of": None,  # set once extracted, when the content turns out to be a known document's
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


def _refused(source: str, exc: PattiError, sha256: str | None = None, document_id: int | None = None) -> Submission:
    return Submission(source, sha256, document_id, None, "failed", {"code": exc.code.value, "message": exc.message})


def submit_file(db: sqlite_utils.Database, data_dir: Path, source: str, force: bool = False) -> Submission:
    """Keep one file and queue its extraction; a refusal is recorded and returned, never raised.

    Bytes already indexed by this extractor version are a duplicate and are not redone unless ``force``.
    """
    path = Path(source)
    name = display_name(path.name)  # originals are stored under their sha256; the name is for display
    try:
        content = _read(path)
    except PattiError as exc:
        if exc.code is not ErrorCode.TOO_LARGE:
            return _refused(source, exc)  # nothing readable to keep
        try:
            sha256, size = _sha256_and_size(path)
        except OSError as err:
            return _refused(source, PattiError(ErrorCode.UNREADABLE, str(err)))
        # Recorded so the document is listed as failed with its reason, though its bytes are not kept.
        document_id = save_failure(db, sha256, name, size, exc.code.value, exc.message, __version__)
        return _refused(source, exc, sha256, document_id)
    sha256, _stored = store_file(data_dir, content)
    reg = register_document(db, sha256, name, len(content))
    if not reg.duplicate:
        return Submission(source, sha256, reg.document_id, reg.job_id, "queued")
    current = db.execute("SELECT extractor_version FROM documents WHERE id = ?", [reg.document_id]).fetchone()[0]
    if reg.status == "queued" or (not force and reg.status == "indexed" and current == __version__):
        status = "queued" if reg.status == "queued" else "duplicate"
        return Submission(source, sha256, reg.document_id, reg.job_id if status == "queued" else None, status)
    with transaction(db) as conn:  # failed before, indexed by another version, or forced: extract again
        job_id = enqueue(conn, reg.document_id, kind="reindex")
    return Submission(source, sha256, reg.document_id, job_id, "queued")


def submit_paths(
    db: sqlite_utils.Database, data_dir: Path, paths: Sequence[str], force: bool = False
) -> Iterator[Submission]:
    """Submit every file of ``paths`` (folders walked, the data folder skipped)."""
    for source in input_files(paths, skip=data_dir):
        submission = submit_file(db, data_dir, source, force)
        if submission.error:
            log.warning("%s: %s", source, submission.error["message"])
        yield submission


def queue_reindex(db: sqlite_utils.Database, data_dir: Path, everything: bool = False) -> list[int]:
    """Queue a re-extraction of every document not indexed by this extractor version (or of all).

    Documents whose original is not kept (refused as too large) are left as they are. Returns the job ids.
    """
    condition = "" if everything else "WHERE extractor_version IS NOT ? OR status != 'indexed'"
    params = [] if everything else [__version__]
    rows = db.execute(f"SELECT id, sha256 FROM documents {condition} ORDER BY id", params).fetchall()
    return requeue(db, [document_id for document_id, sha256 in rows if file_path(data_dir, sha256).is_file()])
