"""The persisted job queue: rows of ``jobs`` that workers claim, renew and finish.

A job survives restarts because it is a row: a worker that dies leaves its job ``running`` with a lease in
the past, and the next worker to look takes it over.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import time
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from extractor import __version__
from extractor.errors import ErrorCode, PattiError
from service.store.db import transaction
from service.store.writer import write_failure

JOB_COLUMNS = (
    "id",
    "document_id",
    "kind",
    "status",
    "attempts",
    "worker",
    "error_code",
    "error_message",
    "created_at",
    "started_at",
    "finished_at",
)

MAX_ATTEMPTS = 3
_DEFAULT_JOB_SECONDS = 5.0  # a corpus document's extraction time, for a queue that has no history yet
"""A job whose worker died this many times is failed (``worker_crashed``) instead of run again."""

_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
_RETURNING = f"RETURNING {', '.join(JOB_COLUMNS)}"
# Claimable: waiting, or taken by a worker that stopped renewing its lease.
_CLAIMABLE = "status = 'queued' OR (status = 'running' AND lease_until < :now)"


def enqueue(conn: sqlite3.Connection, document_id: int, kind: str = "extract") -> int:
    """Queue an extraction of ``document_id`` (inside the caller's transaction); returns the job id.

    A document with a job already waiting gets that job back instead of a second one.
    """
    waiting = conn.execute(
        "SELECT id FROM jobs WHERE document_id = ? AND status IN ('queued', 'running') ORDER BY id LIMIT 1",
        [document_id],
    ).fetchone()
    if waiting:
        return int(waiting[0])
    row = conn.execute(
        "INSERT INTO jobs (document_id, kind, status) VALUES (?, ?, 'queued') RETURNING id", [document_id, kind]
    ).fetchone()
    return int(row[0])


# What a job's file turned out to be: another file of a known document (``service.store.identity``).
_JOINED = "(SELECT content_of FROM documents WHERE id = jobs.document_id)"


def get_job(db: sqlite_utils.Database, job_id: int) -> dict[str, Any] | None:
    """The job ``job_id`` as a dict of ``JOB_COLUMNS`` and ``duplicate_of``, or None."""
    row = db.execute(f"SELECT {', '.join(JOB_COLUMNS)}, {_JOINED} FROM jobs WHERE id = ?", [job_id]).fetchone()
    return _joined_job(row)


def latest_job(db: sqlite_utils.Database, document_id: int) -> dict[str, Any] | None:
    """The most recent job of ``document_id`` (with ``duplicate_of``), or None."""
    row = db.execute(
        f"SELECT {', '.join(JOB_COLUMNS)}, {_JOINED} FROM jobs WHERE document_id = ? ORDER BY id DESC LIMIT 1",
        [document_id],
    ).fetchone()
    return _joined_job(row)


def _joined_job(row: Any) -> dict[str, Any] | None:
    if row is None:
        return None
    job = _job(row[:-1])
    assert job is not None
    job["duplicate_of"] = row[-1]
    return job


def queue_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """How many jobs are in each status (every status present, zero when none)."""
    counts = dict.fromkeys(("queued", "running", "done", "failed"), 0)
    counts.update(dict(db.execute("SELECT status, count(*) FROM jobs GROUP BY status")))
    return counts


def queued_count(db: sqlite_utils.Database) -> int:
    """How many jobs wait for a worker (read from the status index)."""
    return int(db.execute("SELECT count(*) FROM jobs WHERE status = 'queued'").fetchone()[0])


def seconds_until_room(db: sqlite_utils.Database, jobs: int, workers: int) -> int:
    """A guess of how long until ``jobs`` more places free up in the queue, from the recent mean job time.

    It is what a 429's Retry-After says: honest enough for a client to back off, never below 5 s or above an hour.
    """
    mean = db.execute(
        "SELECT avg((julianday(finished_at) - julianday(started_at)) * 86400) FROM "
        "(SELECT started_at, finished_at FROM jobs WHERE status = 'done' AND started_at IS NOT NULL "
        "ORDER BY id DESC LIMIT 50)"
    ).fetchone()[0]
    guess = jobs * (mean or _DEFAULT_JOB_SECONDS) / max(1, workers)
    return int(min(3600, max(5, round(guess))))


def worker_name(slot: int | str) -> str:
    """The id a worker slot of this process claims jobs under: ``host:pid:slot``, so liveness can be checked."""
    return f"{socket.gethostname()}:{os.getpid()}:{slot}"


def worker_alive(worker: str) -> bool | None:
    """Whether the process of ``worker`` still runs; None when it is on another host (or not a worker id)."""
    host, _, rest = worker.partition(":")
    pid, _, _ = rest.partition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process has that pid now
    return True


def _job(row: Any) -> dict[str, Any] | None:
    return dict(zip(JOB_COLUMNS, row, strict=True)) if row else None


def has_claimable(db: sqlite_utils.Database) -> bool:
    """Whether ``claim`` would find a job; a read only, so idle workers poll without taking the write lock."""
    return db.execute(f"SELECT 1 FROM jobs WHERE {_CLAIMABLE} LIMIT 1", {"now": time.time()}).fetchone() is not None


def claim(db: sqlite_utils.Database, worker: str, lease_seconds: float) -> dict[str, Any] | None:
    """Take the oldest claimable job for ``worker`` (attempts + 1, leased for ``lease_seconds``), or None."""
    now = time.time()
    with transaction(db) as conn:
        # A job that already killed MAX_ATTEMPTS workers is not handed to another one.
        worn = conn.execute(
            "SELECT id FROM jobs WHERE status = 'running' AND lease_until < ? AND attempts >= ?", [now, MAX_ATTEMPTS]
        ).fetchall()
        for (job_id,) in worn:
            crashed(conn, job_id)
        row = conn.execute(
            f"UPDATE jobs SET status = 'running', attempts = attempts + 1, worker = :worker, "
            f"lease_until = :lease, started_at = {_NOW}, finished_at = NULL, error_code = NULL, error_message = NULL "
            f"WHERE id = (SELECT id FROM jobs WHERE {_CLAIMABLE} ORDER BY id LIMIT 1) {_RETURNING}",
            {"worker": worker, "lease": now + lease_seconds, "now": now},
        ).fetchone()
    return _job(row)


def renew(db: sqlite_utils.Database, job_id: int, worker: str, lease_seconds: float) -> bool:
    """Extend ``worker``'s lease on ``job_id``; False when the job is no longer its (taken over or deleted)."""
    with transaction(db) as conn:
        cursor = conn.execute(
            "UPDATE jobs SET lease_until = ? WHERE id = ? AND worker = ? AND status = 'running'",
            [time.time() + lease_seconds, job_id, worker],
        )
    return cursor.rowcount == 1


def holds(conn: sqlite3.Connection, job_id: int, worker: str) -> bool:
    """Whether ``worker`` still runs ``job_id``: check it inside the transaction that writes the job's result."""
    row = conn.execute("SELECT 1 FROM jobs WHERE id = ? AND worker = ? AND status = 'running'", [job_id, worker])
    return row.fetchone() is not None


def finish(conn: sqlite3.Connection, job_id: int) -> None:
    """Mark ``job_id`` done (inside the caller's transaction, with the document's result)."""
    conn.execute(
        f"UPDATE jobs SET status = 'done', lease_until = NULL, error_code = NULL, error_message = NULL, "
        f"finished_at = {_NOW} WHERE id = ?",
        [job_id],
    )


def fail(conn: sqlite3.Connection, job_id: int, code: str, message: str) -> None:
    """Mark ``job_id`` failed with ``code`` (inside the caller's transaction, with the document's failure)."""
    conn.execute(
        f"UPDATE jobs SET status = 'failed', lease_until = NULL, error_code = ?, error_message = ?, "
        f"finished_at = {_NOW} WHERE id = ?",
        [code, message, job_id],
    )


def fail_document(conn: sqlite3.Connection, job_id: int, code: ErrorCode, detail: str | None = None) -> None:
    """Fail ``job_id`` and record the failure on its document, both inside the caller's transaction."""
    message = PattiError(code, detail).message
    doc = conn.execute(
        "SELECT d.sha256, d.file_name, d.size FROM jobs j JOIN documents d ON d.id = j.document_id WHERE j.id = ?",
        [job_id],
    ).fetchone()
    if doc:
        write_failure(conn, doc[0], doc[1], doc[2], code.value, message, __version__)
    fail(conn, job_id, code.value, message)


def crashed(conn: sqlite3.Connection, job_id: int) -> bool:
    """The worker running ``job_id`` died: queue it again, or fail it after MAX_ATTEMPTS. True when queued."""
    row = conn.execute("SELECT attempts FROM jobs WHERE id = ?", [job_id]).fetchone()
    if row is None:
        return False
    if row[0] < MAX_ATTEMPTS:
        conn.execute("UPDATE jobs SET status = 'queued', worker = NULL, lease_until = NULL WHERE id = ?", [job_id])
        return True
    fail_document(conn, job_id, ErrorCode.WORKER_CRASHED, f"{row[0]} attempts")
    return False


def release(db: sqlite_utils.Database, job_id: int, worker: str) -> bool:
    """Give a job back to the queue unfinished (the pool is stopping): the attempt is not counted."""
    with transaction(db) as conn:
        cursor = conn.execute(
            "UPDATE jobs SET status = 'queued', attempts = max(attempts - 1, 0), worker = NULL, lease_until = NULL "
            "WHERE id = ? AND worker = ? AND status = 'running'",
            [job_id, worker],
        )
    return cursor.rowcount == 1


def recover_abandoned(db: sqlite_utils.Database) -> int:
    """Queue again (or fail, see ``crashed``) the running jobs of dead worker processes on this host.

    Jobs of workers on other hosts, or of live processes, are left alone: they are taken over once their
    lease runs out. Returns how many jobs were recovered.
    """
    with transaction(db) as conn:
        running = conn.execute("SELECT id, worker FROM jobs WHERE status = 'running'").fetchall()
        dead = [job_id for job_id, worker in running if worker and worker_alive(worker) is False]
        for job_id in dead:
            crashed(conn, job_id)
    return len(dead)


def requeue(db: sqlite_utils.Database, document_ids: Iterable[int] | None = None, kind: str = "reindex") -> list[int]:
    """Queue a job for each of ``document_ids`` (None: every document); returns the job ids.

    Unknown ids are skipped. A document keeps its current status and items until its job replaces them.
    """
    with transaction(db) as conn:
        if document_ids is None:
            ids = [row[0] for row in conn.execute("SELECT id FROM documents ORDER BY id")]
        else:
            wanted = list(dict.fromkeys(document_ids))
            known = {
                row[0]
                for row in conn.execute(
                    "SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(wanted)]
                )
            }
            ids = [i for i in wanted if i in known]
        return [enqueue(conn, document_id, kind) for document_id in ids]
