"""The pool of extraction workers the service runs: N slots, each a supervisor thread plus a child process."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any

from service.settings import Settings
from service.store import jobs
from service.store.db import open_database
from service.worker import process
from service.worker.supervisor import Slot

log = logging.getLogger("patti.worker")

WAIT_POLL = 0.2  # seconds between looks at the jobs a caller waits for


class WorkerPool:
    """Runs queued jobs in ``processes`` killable child processes (default ``settings.workers``).

    Limits come from ``settings``: ``job_timeout`` (wall clock per document), ``job_memory_mb`` (memory a
    child may add for one document) and ``job_lease`` (how long a silent worker keeps its job).
    """

    # What each child runs (a picklable module-level function); tests put stand-ins here.
    _child_main: Callable[[Connection, int], None] = staticmethod(process.main)

    def __init__(self, settings: Settings, processes: int | None = None) -> None:
        self.settings = settings
        self.processes = settings.workers if processes is None else processes
        self._stopping = threading.Event()
        self._slots: list[Slot] = []

    def start(self) -> None:
        """Queue again the jobs of dead workers, then start the slots; returns at once."""
        if self._slots:
            return
        db = open_database(self.settings.db_path)
        try:
            recovered = jobs.recover_abandoned(db)
        finally:
            db.close()
        if recovered:
            log.info("recovered %s job(s) of dead workers", recovered)
        self._stopping.clear()
        self._slots = [Slot(self.settings, self._stopping, self._child_main) for _ in range(self.processes)]
        for slot in self._slots:
            slot.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop claiming, kill the children and give running jobs back to the queue; idempotent."""
        self._stopping.set()
        deadline = time.monotonic() + timeout
        for slot in self._slots:
            slot.join(max(0.0, deadline - time.monotonic()))
        for slot in self._slots:
            slot.kill()  # a slot whose thread did not finish in time still loses its child
        self._slots = []

    def alive(self) -> int:
        """How many child processes are alive."""
        return sum(1 for slot in self._slots if slot.pid is not None)

    def pids(self) -> list[int]:
        """The pids of the live child processes."""
        return [pid for slot in self._slots if (pid := slot.pid) is not None]

    def wait_for(
        self,
        job_ids: Iterable[int],
        timeout: float | None = None,
        on_done: Callable[[dict[str, Any]], None] | None = None,
    ) -> list[dict[str, Any]]:
        """Block until every job is done or failed (by any worker sharing the queue); returns them in order.

        ``on_done`` is called once per job as it finishes. Raises TimeoutError after ``timeout`` seconds and
        KeyError for a job that does not exist (or was deleted with its document).
        """
        ids = list(dict.fromkeys(job_ids))
        deadline = None if timeout is None else time.monotonic() + timeout
        finished: dict[int, dict[str, Any]] = {}
        db = open_database(self.settings.db_path)
        try:
            while True:
                for job_id in ids:
                    if job_id in finished:
                        continue
                    job = jobs.get_job(db, job_id)
                    if job is None:
                        raise KeyError(f"no job {job_id}")
                    if job["status"] in ("done", "failed"):
                        finished[job_id] = job
                        if on_done is not None:
                            on_done(job)
                if len(finished) == len(ids):
                    return [finished[job_id] for job_id in ids]
                if deadline is not None and time.monotonic() >= deadline:
                    raise TimeoutError(f"{len(ids) - len(finished)} of {len(ids)} jobs unfinished after {timeout} s")
                pause = WAIT_POLL if deadline is None else min(WAIT_POLL, max(0.0, deadline - time.monotonic()))
                time.sleep(pause)
        finally:
            db.close()

    def __enter__(self) -> WorkerPool:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()
