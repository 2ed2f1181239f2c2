"""The worker pool with real child processes on a real database file: results, limits, crashes, restarts.

Every spaCy child costs about two seconds to start, so each test reuses one pool for several cases.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from service.settings import Settings
from service.store.jobs import get_job, requeue
from service.worker import WorkerPool
from tests.service.worker import fake_children
from tests.service.worker.conftest import (
    OTHER_TEXT_DOC,
    PDF_DOC,
    TEXT_DOC,
    add_document,
    assert_consistent,
    italian_text,
    item_count,
    status,
)

ROOT = Path(__file__).resolve().parents[3]
BIG = italian_text(3_000_000)  # minutes of work: only a limit stops it
# Seconds of work for a warm worker (about 0.9 s per 100,000 characters here): long enough to be killed midway.
MEDIUM = italian_text(400_000)


def _wait_running(db: sqlite_utils.Database, job_id: int, timeout: float = 30.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = get_job(db, job_id)
        if job and job["status"] == "running":
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} never ran")


def test_documents_indexed_failures_recorded_and_the_worker_goes_on(data_dir: Path, db: sqlite_utils.Database) -> None:
    text, text_job = add_document(db, data_dir, TEXT_DOC.read_bytes(), TEXT_DOC.name)
    pdf, pdf_job = add_document(db, data_dir, PDF_DOC.read_bytes(), PDF_DOC.name)
    bad, bad_job = add_document(db, data_dir, PDF_DOC.read_bytes()[:3000], "cut.pdf")
    big, big_job = add_document(db, data_dir, BIG, "big.txt")
    other, other_job = add_document(db, data_dir, OTHER_TEXT_DOC.read_bytes(), OTHER_TEXT_DOC.name)
    seen: list[int] = []
    with WorkerPool(Settings(data_dir=data_dir, job_timeout=3), processes=1) as pool:
        done = pool.wait_for([text_job, pdf_job, bad_job], timeout=30, on_done=lambda job: seen.append(job["id"]))
        assert [job["status"] for job in done] == ["done", "done", "failed"]
        assert done[2]["error_code"] == "pdf_truncated"
        with pytest.raises(TimeoutError):
            pool.wait_for([big_job], timeout=0.5)
        timed_out, after = pool.wait_for([big_job, other_job], timeout=30, on_done=lambda job: seen.append(job["id"]))
        assert pool.alive() == 1  # respawned after the kill
        (again,) = pool.wait_for(requeue(db, [text]), timeout=30)
    assert sorted(seen) == sorted([text_job, pdf_job, bad_job, big_job, other_job])  # once each
    assert (timed_out["status"], timed_out["error_code"], after["status"]) == ("failed", "job_timeout", "done")
    assert again["status"] == "done" and again["id"] != text_job
    assert [status(db, d) for d in (text, pdf, bad, big, other)] == [
        ("indexed", None),
        ("indexed", None),
        ("failed", "pdf_truncated"),
        ("failed", "job_timeout"),
        ("indexed", None),
    ]
    assert item_count(db, text) and item_count(db, other)
    # The PDF holds the text's content in another layout: another file of the text's document.
    assert db.execute("SELECT content_of FROM documents WHERE id = ?", [pdf]).fetchone()[0] == text
    assert db.execute("SELECT pages FROM documents WHERE id = ?", [pdf]).fetchone()[0] >= 1
    assert pool.alive() == 0
    assert_consistent(db)


def test_memory_limit_fails_the_document(data_dir: Path, db: sqlite_utils.Database) -> None:
    # Reading 20 MB of text needs several copies of it at once: far past a 32 MiB allowance.
    big, big_job = add_document(db, data_dir, italian_text(20_000_000), "huge.txt")
    small, small_job = add_document(db, data_dir, TEXT_DOC.read_bytes(), TEXT_DOC.name)
    with WorkerPool(Settings(data_dir=data_dir, job_memory_mb=32), processes=1) as pool:
        failed, done = pool.wait_for([big_job, small_job], timeout=40)
    assert (failed["status"], failed["error_code"], done["status"]) == ("failed", "job_memory_limit", "done")
    assert status(db, big) == ("failed", "job_memory_limit") and status(db, small) == ("indexed", None)
    assert_consistent(db)


class _HogPool(WorkerPool):
    _child_main = staticmethod(fake_children.hog)


class _CrashPool(WorkerPool):
    _child_main = staticmethod(fake_children.crasher)


def test_resident_memory_watch_kills_the_child(data_dir: Path, db: sqlite_utils.Database) -> None:
    if not Path("/proc/self/status").exists():
        pytest.skip("the RSS watch reads /proc (Linux only)")
    doc, job = add_document(db, data_dir, TEXT_DOC.read_bytes(), TEXT_DOC.name)
    with _HogPool(Settings(data_dir=data_dir, job_memory_mb=32), processes=1) as pool:
        (failed,) = pool.wait_for([job], timeout=20)
    assert (failed["status"], failed["error_code"]) == ("failed", "job_memory_limit")
    assert status(db, doc) == ("failed", "job_memory_limit")


def test_a_document_that_keeps_killing_its_worker_fails_after_three_attempts(
    data_dir: Path, db: sqlite_utils.Database
) -> None:
    doc, job = add_document(db, data_dir, TEXT_DOC.read_bytes(), TEXT_DOC.name)
    with _CrashPool(Settings(data_dir=data_dir), processes=1) as pool:
        (failed,) = pool.wait_for([job], timeout=30)
    assert (failed["status"], failed["error_code"], failed["attempts"]) == ("failed", "worker_crashed", 3)
    assert status(db, doc) == ("failed", "worker_crashed")


class _SlowPool(WorkerPool):
    _child_main = staticmethod(fake_children.slow)


def test_a_document_deleted_while_its_job_runs_is_not_brought_back(data_dir: Path, db: sqlite_utils.Database) -> None:
    doc, job = add_document(db, data_dir, TEXT_DOC.read_bytes(), TEXT_DOC.name)
    _, next_job = add_document(db, data_dir, PDF_DOC.read_bytes(), PDF_DOC.name)
    with _SlowPool(Settings(data_dir=data_dir), processes=1) as pool:
        _wait_running(db, job)
        db.execute("DELETE FROM documents WHERE id = ?", [doc])  # its job goes with it
        with pytest.raises(KeyError):
            pool.wait_for([job], timeout=5)
        (after,) = pool.wait_for([next_job], timeout=10)
    assert (after["status"], after["error_code"]) == ("failed", "internal_error")
    assert db.execute("SELECT count(*) FROM documents WHERE id = ?", [doc]).fetchone()[0] == 0


def test_killed_child_redoes_the_job_and_stop_gives_a_job_back(data_dir: Path, db: sqlite_utils.Database) -> None:
    doc, job = add_document(db, data_dir, MEDIUM, "medium.txt")
    with WorkerPool(Settings(data_dir=data_dir), processes=1) as pool:
        _wait_running(db, job)
        time.sleep(0.5)  # well into the extraction
        (child,) = pool.pids()
        os.kill(child, signal.SIGKILL)
        (done,) = pool.wait_for([job], timeout=40)
        assert (done["status"], done["attempts"]) == ("done", 2)
        assert pool.pids() != [child]
        big, big_job = add_document(db, data_dir, BIG, "big.txt")
        _wait_running(db, big_job)
        pool.stop()
        pool.stop()  # idempotent
        assert pool.alive() == 0
    assert status(db, doc) == ("indexed", None) and item_count(db, doc)
    back = get_job(db, big_job)
    assert back is not None
    assert (back["status"], back["attempts"], back["worker"]) == ("queued", 0, None)
    assert status(db, big) == ("queued", None) and not item_count(db, big)
    assert_consistent(db)


# A service process in miniature: a pool that runs until killed.
_SERVICE = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from service.settings import Settings
    from service.worker import WorkerPool

    if __name__ == "__main__":
        WorkerPool(Settings(data_dir=Path(sys.argv[1])), processes=1).start()
        while True:
            time.sleep(1)
    """
)


def test_killed_service_leaves_nothing_half_written_and_a_new_pool_resumes(
    data_dir: Path, db: sqlite_utils.Database, tmp_path: Path
) -> None:
    doc, job = add_document(db, data_dir, MEDIUM, "medium.txt")
    script = tmp_path / "run_pool.py"
    script.write_text(_SERVICE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    service = subprocess.Popen([sys.executable, str(script), str(data_dir)], env=env, start_new_session=True)
    try:
        running = _wait_running(db, job)
        time.sleep(0.5)
    finally:
        os.killpg(service.pid, signal.SIGKILL)  # the service and its children, at once
        service.wait()
    assert running["worker"].split(":")[1] == str(service.pid)
    assert status(db, doc) == ("queued", None) and not item_count(db, doc)
    # Queued while no pool runs: done once one starts.
    later, later_job = add_document(db, data_dir, TEXT_DOC.read_bytes(), TEXT_DOC.name)
    with WorkerPool(Settings(data_dir=data_dir), processes=1) as pool:
        resumed, done = pool.wait_for([job, later_job], timeout=40)
    assert (resumed["status"], resumed["attempts"], done["status"]) == ("done", 2, "done")
    assert status(db, doc) == ("indexed", None) and status(db, later) == ("indexed", None)
    assert_consistent(db)
