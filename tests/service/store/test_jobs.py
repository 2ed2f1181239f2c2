"""The persisted job queue without processes: claiming, leases, crashes, recovery and requeueing."""

from __future__ import annotations

import hashlib
import socket
import subprocess

import sqlite_utils

from models import Commitment, Extraction, Party
from service.store import jobs
from service.store.db import transaction
from service.store.schema import ITEM_TABLES
from service.store.writer import save_extraction


def _document(db: sqlite_utils.Database, name: str) -> int:
    sha256 = hashlib.sha256(name.encode()).hexdigest()
    with transaction(db) as conn:
        row = conn.execute(
            "INSERT INTO documents (sha256, file_name, size, status) VALUES (?, ?, 1, 'queued') RETURNING id",
            [sha256, name],
        ).fetchone()
    return int(row[0])


def _queued(db: sqlite_utils.Database, name: str) -> tuple[int, int]:
    document_id = _document(db, name)
    with transaction(db) as conn:
        return document_id, jobs.enqueue(conn, document_id)


def _job(db: sqlite_utils.Database, job_id: int) -> dict:
    job = jobs.get_job(db, job_id)
    assert job is not None
    return job


def _dead_pid() -> int:
    """The pid of a process that has exited."""
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_claim_takes_the_oldest_queued_job_once(db: sqlite_utils.Database) -> None:
    _, first = _queued(db, "a")
    _, second = _queued(db, "b")
    assert jobs.has_claimable(db)
    job = jobs.claim(db, "w1", 30)
    assert job is not None
    assert (job["id"], job["status"], job["attempts"], job["worker"]) == (first, "running", 1, "w1")
    assert job["started_at"]
    other = jobs.claim(db, "w2", 30)
    assert other is not None and other["id"] == second
    assert jobs.claim(db, "w3", 30) is None
    assert not jobs.has_claimable(db)


def test_enqueue_does_not_duplicate_a_waiting_job(db: sqlite_utils.Database) -> None:
    document_id, job_id = _queued(db, "a")
    with transaction(db) as conn:
        assert jobs.enqueue(conn, document_id) == job_id


def test_an_expired_lease_is_taken_over(db: sqlite_utils.Database) -> None:
    _, job_id = _queued(db, "a")
    assert jobs.claim(db, "w1", -1) is not None  # a lease already over: its worker went silent
    assert jobs.has_claimable(db)
    taken = jobs.claim(db, "w2", 30)
    assert taken is not None and (taken["id"], taken["worker"], taken["attempts"]) == (job_id, "w2", 2)
    assert not jobs.renew(db, job_id, "w1", 30)  # the first worker learns it lost the job
    assert jobs.renew(db, job_id, "w2", 30)
    assert jobs.claim(db, "w3", 30) is None  # a renewed lease is not taken


def test_renew_extends_the_lease(db: sqlite_utils.Database) -> None:
    _, job_id = _queued(db, "a")
    jobs.claim(db, "w1", 0.5)
    before = db.execute("SELECT lease_until FROM jobs WHERE id = ?", [job_id]).fetchone()[0]
    assert jobs.renew(db, job_id, "w1", 60)
    after = db.execute("SELECT lease_until FROM jobs WHERE id = ?", [job_id]).fetchone()[0]
    assert after > before + 50
    assert not jobs.renew(db, 999, "w1", 60)


def test_finish_and_fail(db: sqlite_utils.Database) -> None:
    _, done = _queued(db, "a")
    _, failed = _queued(db, "b")
    jobs.claim(db, "w", 30)
    jobs.claim(db, "w", 30)
    with transaction(db) as conn:
        assert jobs.holds(conn, done, "w") and not jobs.holds(conn, done, "x")
        jobs.finish(conn, done)
        jobs.fail(conn, failed, "pdf_invalid", "broken")
    assert jobs.queue_counts(db) == {"queued": 0, "running": 0, "done": 1, "failed": 1}
    row = jobs.get_job(db, failed)
    assert row is not None and (row["error_code"], row["error_message"]) == ("pdf_invalid", "broken")
    assert row["finished_at"]


def test_release_does_not_count_the_attempt(db: sqlite_utils.Database) -> None:
    _, job_id = _queued(db, "a")
    jobs.claim(db, "w", 30)
    assert not jobs.release(db, job_id, "someone else")
    assert jobs.release(db, job_id, "w")
    job = jobs.get_job(db, job_id)
    assert job is not None and (job["status"], job["attempts"], job["worker"]) == ("queued", 0, None)


def test_crashed_requeues_then_fails_document_and_drops_its_items(db: sqlite_utils.Database) -> None:
    extraction = Extraction(
        source="a.txt",
        extractor_version="test",
        text="Il Comune di Lecco si impegna a sostenere le famiglie.",
        parties=[Party(name="Comune di Lecco", kind="comune")],
        commitments=[Commitment(text="si impegna a sostenere le famiglie")],
    )
    sha256 = hashlib.sha256(b"a").hexdigest()
    document_id = save_extraction(db, sha256, "a.txt", 1, extraction)  # indexed earlier
    with transaction(db) as conn:
        job_id = jobs.enqueue(conn, document_id, "reindex")
    for attempt in range(1, jobs.MAX_ATTEMPTS + 1):
        job = jobs.claim(db, "w", 30)
        assert job is not None and job["attempts"] == attempt
        with transaction(db) as conn:
            assert jobs.crashed(conn, job_id) is (attempt < jobs.MAX_ATTEMPTS)
    assert (_job(db, job_id)["status"], _job(db, job_id)["error_code"]) == ("failed", "worker_crashed")
    row = db.execute("SELECT status, error_code FROM documents WHERE id = ?", [document_id]).fetchone()
    assert row == ("failed", "worker_crashed")
    for table in (*ITEM_TABLES, "search_fts"):
        assert db.execute(f"SELECT count(*) FROM {table} WHERE document_id = ?", [document_id]).fetchone()[0] == 0


def test_an_expired_job_past_its_attempts_is_failed_not_claimed(db: sqlite_utils.Database) -> None:
    document_id, job_id = _queued(db, "a")
    jobs.claim(db, "w", -1)
    db.execute("UPDATE jobs SET attempts = ? WHERE id = ?", [jobs.MAX_ATTEMPTS, job_id])
    assert jobs.claim(db, "w2", 30) is None
    assert (_job(db, job_id)["status"], _job(db, job_id)["error_code"]) == ("failed", "worker_crashed")
    assert db.execute("SELECT status FROM documents WHERE id = ?", [document_id]).fetchone()[0] == "failed"


def test_worker_names_and_liveness() -> None:
    mine = jobs.worker_name(3)
    assert mine.endswith(":3") and jobs.worker_alive(mine) is True
    host = socket.gethostname()
    assert jobs.worker_alive(f"{host}:{_dead_pid()}:0") is False
    assert jobs.worker_alive("elsewhere.example:1:0") is None
    assert jobs.worker_alive("garbage") is None


def test_recover_abandoned_requeues_only_dead_local_workers(db: sqlite_utils.Database) -> None:
    host = socket.gethostname()
    workers = [f"{host}:{_dead_pid()}:0", jobs.worker_name(0), "elsewhere.example:1:0"]
    ids = []
    for i, worker in enumerate(workers):
        _, job_id = _queued(db, f"doc{i}")
        assert jobs.claim(db, worker, 300) is not None
        ids.append(job_id)
    assert jobs.recover_abandoned(db) == 1
    states = [(_job(db, i)["status"], _job(db, i)["worker"]) for i in ids]
    assert states == [("queued", None), ("running", workers[1]), ("running", workers[2])]
    assert _job(db, ids[0])["attempts"] == 1  # the crashed run counts


def test_requeue_queues_every_or_the_given_documents(db: sqlite_utils.Database) -> None:
    a, a_job = _queued(db, "a")
    b = _document(db, "b")
    c = _document(db, "c")
    everything = jobs.requeue(db)
    assert everything[0] == a_job  # a waiting job is reused, not doubled
    assert len(everything) == 3
    kinds = dict(db.execute("SELECT document_id, kind FROM jobs").fetchall())
    assert kinds == {a: "extract", b: "reindex", c: "reindex"}
    for job_id in everything:
        assert jobs.claim(db, "w", 30) is not None
        with transaction(db) as conn:
            jobs.finish(conn, job_id)
    again = jobs.requeue(db, [c, 999, c])
    assert len(again) == 1 and again[0] not in everything
    assert _job(db, again[0])["document_id"] == c
    assert jobs.requeue(db, []) == []


def test_a_deleted_document_takes_its_job_along(db: sqlite_utils.Database) -> None:
    document_id, job_id = _queued(db, "a")
    jobs.claim(db, "w", 30)
    db.execute("DELETE FROM documents WHERE id = ?", [document_id])
    assert jobs.get_job(db, job_id) is None
    assert not jobs.renew(db, job_id, "w", 30)
