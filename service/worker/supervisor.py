"""One worker slot: a supervisor thread in the service process feeding one extraction child process.

The thread claims a job, hands it to its child and watches the clock, the child's memory and its lease
while the child works. It alone writes the result: the document (row, items, search rows) and the job's
end state in one transaction, so whatever dies, the database holds all of a result or none of it.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import sqlite3
import threading
import time
from collections.abc import Callable
from enum import Enum
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

import sqlite_utils

from extractor import __version__
from extractor.errors import ErrorCode
from models import Extraction
from service.settings import Settings
from service.store import jobs
from service.store.db import open_database, transaction
from service.store.writer import write_extraction, write_failure
from service.worker import process
from service.worker.limits import MIB, rss_bytes

log = logging.getLogger("patti.worker")

IDLE_POLL = 0.3  # seconds between looks at the queue when there is nothing to do
WATCH_POLL = 0.05  # seconds between looks at a working child (clock, memory, lease)
READY_TIMEOUT = 120.0  # seconds a new child may take to warm up
RETRY_PAUSE = 5.0  # seconds before trying again after a child failed to start or an unexpected error

# Slot numbers are unique within the process, so two pools in one process never share a worker id.
_numbers = itertools.count()


class Outcome(Enum):
    """How waiting for the child ended, when it did not reply."""

    CRASHED = "crashed"
    TIMEOUT = "timeout"
    MEMORY = "memory"
    STOPPED = "stopped"
    LOST = "lost"  # the lease was lost: the job was taken over or deleted


class Slot:
    """A supervisor thread and its child process, running one job at a time."""

    def __init__(
        self,
        settings: Settings,
        stopping: threading.Event,
        child_main: Callable[[Connection, int], None] = process.main,
    ) -> None:
        self.settings = settings
        self._child_main = child_main
        self.worker = jobs.worker_name(next(_numbers))
        self._stopping = stopping
        self._context = multiprocessing.get_context("spawn")  # never fork: the service runs threads
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._baseline: int | None = None  # the child's resident memory once warmed up
        self._thread = threading.Thread(target=self._loop, name=f"patti-worker {self.worker}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def join(self, timeout: float | None) -> None:
        self._thread.join(timeout)

    @property
    def pid(self) -> int | None:
        """The child's pid while it lives."""
        proc = self._process
        return proc.pid if proc is not None and proc.is_alive() else None

    def kill(self) -> None:
        """End the child at once (it holds nothing worth saving) and forget it."""
        proc, conn = self._process, self._conn
        self._process = self._conn = self._baseline = None
        if proc is not None:
            proc.kill()
            proc.join(5)
        if conn is not None:
            conn.close()

    def _loop(self) -> None:
        db = open_database(self.settings.db_path)
        try:
            while not self._stopping.is_set():
                try:
                    self._step(db)
                except Exception:
                    log.exception("worker %s: unexpected error", self.worker)
                    # The child may still be busy with a job this thread gave up on: never feed it another.
                    # That job keeps its lease until it runs out, then is taken over.
                    self.kill()
                    self._stopping.wait(RETRY_PAUSE)
        finally:
            self.kill()
            db.close()

    def _step(self, db: sqlite_utils.Database) -> None:
        """Make sure a child is ready, then run one job if there is one."""
        if not self._ready():
            return
        job = jobs.claim(db, self.worker, self.settings.job_lease) if jobs.has_claimable(db) else None
        if job is None:
            self._stopping.wait(IDLE_POLL)
            return
        self._run(db, job)

    def _ready(self) -> bool:
        """Whether a warmed-up child waits for work, spawning one if needed; False when stopping or it failed."""
        if self._process is not None and self._process.is_alive():
            return True
        self.kill()
        parent, child = self._context.Pipe()
        proc = self._context.Process(
            target=self._child_main, args=(child, self.settings.job_memory_mb), name="patti-extract", daemon=True
        )
        proc.start()
        child.close()  # only the child holds its end now, so its death reads as EOF
        self._process, self._conn = proc, parent
        deadline = time.monotonic() + READY_TIMEOUT
        while not self._stopping.is_set():
            try:
                if parent.poll(IDLE_POLL) and parent.recv() == ("ready",):
                    self._baseline = rss_bytes(proc.pid) if proc.pid else None
                    log.info("worker %s: child %s ready", self.worker, proc.pid)
                    return True
            except (EOFError, OSError):
                log.error("worker %s: child died while warming up (exit code %s)", self.worker, proc.exitcode)
                break
            if time.monotonic() > deadline:
                log.error("worker %s: child not ready after %s s", self.worker, READY_TIMEOUT)
                break
        self.kill()
        self._stopping.wait(RETRY_PAUSE)
        return False

    def _run(self, db: sqlite_utils.Database, job: dict[str, Any]) -> None:
        """Hand ``job`` to the child, wait for it and store what came of it."""
        job_id = job["id"]
        doc = db.execute("SELECT sha256, file_name FROM documents WHERE id = ?", [job["document_id"]]).fetchone()
        if doc is None:
            return  # the document was deleted, and its job with it
        assert self._conn is not None
        log.info(
            "worker %s: job %s, document %s (%s), attempt %s",
            self.worker,
            job_id,
            job["document_id"],
            doc[1],
            job["attempts"],
        )
        outcome: tuple[Any, ...] | Outcome
        try:
            self._conn.send((str(self.settings.data_dir), doc[0], doc[1]))
        except OSError:
            outcome = Outcome.CRASHED  # died between warming up and this job
        else:
            outcome = self._watch(db, job_id)
        if isinstance(outcome, tuple):
            self._store(db, job_id, outcome)
            return
        proc = self._process
        self.kill()  # every other outcome leaves a child that must not take another job
        exit_code = proc.exitcode if proc is not None else None
        if outcome is Outcome.CRASHED and self._stopping.is_set():
            outcome = Outcome.STOPPED  # killed by stop() itself
        if outcome is Outcome.STOPPED:
            jobs.release(db, job_id, self.worker)
            log.info("worker %s: job %s given back to the queue", self.worker, job_id)
        elif outcome is Outcome.LOST:
            log.warning("worker %s: job %s was taken over or deleted; result dropped", self.worker, job_id)
        elif outcome is Outcome.CRASHED:
            log.warning("worker %s: child died on job %s (exit code %s)", self.worker, job_id, exit_code)
            with transaction(db) as conn:
                if jobs.holds(conn, job_id, self.worker):
                    jobs.crashed(conn, job_id)
        else:
            code, detail = (
                (ErrorCode.JOB_TIMEOUT, f"{self.settings.job_timeout:g} s")
                if outcome is Outcome.TIMEOUT
                else (ErrorCode.JOB_MEMORY, f"resident memory grew by more than {self.settings.job_memory_mb} MiB")
            )
            log.warning("worker %s: job %s killed: %s", self.worker, job_id, code.value)
            with transaction(db) as conn:
                if jobs.holds(conn, job_id, self.worker):
                    jobs.fail_document(conn, job_id, code, detail)

    def _watch(self, db: sqlite_utils.Database, job_id: int) -> tuple[Any, ...] | Outcome:
        """The child's reply, or why there is none; checks clock, memory and lease every WATCH_POLL."""
        assert self._conn is not None and self._process is not None
        pid = self._process.pid
        settings = self.settings
        memory_cap = None if self._baseline is None else self._baseline + settings.job_memory_mb * MIB
        started = time.monotonic()
        renew_at = started + settings.job_lease / 3
        while True:
            try:
                if self._conn.poll(WATCH_POLL):
                    reply: tuple[Any, ...] = self._conn.recv()
                    return reply
            except (EOFError, OSError):
                return Outcome.CRASHED
            if self._stopping.is_set():
                return Outcome.STOPPED
            now = time.monotonic()
            if now - started > settings.job_timeout:
                return Outcome.TIMEOUT
            rss = rss_bytes(pid) if memory_cap is not None and pid else None
            if rss is not None and memory_cap is not None and rss > memory_cap:
                return Outcome.MEMORY
            if now >= renew_at:
                try:
                    if not jobs.renew(db, job_id, self.worker, settings.job_lease):
                        return Outcome.LOST
                    renew_at = now + settings.job_lease / 3
                except sqlite3.OperationalError as exc:  # database busy: the lease has time left, try again
                    log.warning("worker %s: could not renew the lease of job %s: %s", self.worker, job_id, exc)

    def _store(self, db: sqlite_utils.Database, job_id: int, reply: tuple[Any, ...]) -> None:
        """Write the child's reply: document and job end state in one transaction, or nothing if not ours."""
        extraction: Extraction | None = None
        if reply[0] == "ok":
            try:
                extraction = Extraction.model_validate_json(reply[1])
            except ValueError as exc:
                reply = ("error", ErrorCode.INTERNAL.value, f"unreadable result from the worker: {exc}")
        with transaction(db) as conn:
            doc = conn.execute(
                "SELECT d.sha256, d.file_name, d.size FROM jobs j JOIN documents d ON d.id = j.document_id "
                "WHERE j.id = ?",
                [job_id],
            ).fetchone()
            if doc is None or not jobs.holds(conn, job_id, self.worker):
                log.info("worker %s: job %s is gone or taken over; result dropped", self.worker, job_id)
                return
            sha256, file_name, size = doc
            if extraction is not None:
                write_extraction(conn, sha256, file_name, size, extraction, reply[2])
                jobs.finish(conn, job_id)
            else:
                write_failure(conn, sha256, file_name, size, reply[1], reply[2], __version__)
                jobs.fail(conn, job_id, reply[1], reply[2])
        log.info("worker %s: job %s %s", self.worker, job_id, "done" if extraction is not None else reply[1])
        if reply[0] == "error" and reply[1] == ErrorCode.JOB_MEMORY.value:
            self.kill()  # a child that ran out of memory may be left fragmented: start afresh
