"""`patti worker` processes sharing one job queue: a folder ingested while two run, one killed in the middle of a
document; every document is extracted exactly once and none is lost."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.cli import EXIT_OK, main
from tests.conftest import CORPUS
from tests.service.live_server import integrity

LEASE = "2"  # seconds: the job of a killed worker is taken over this soon
WAIT = 180.0


def _patti() -> str:
    patti = shutil.which("patti", path=str(Path(sys.executable).parent))
    assert patti
    return patti


def _start_worker(data: Path) -> subprocess.Popen[str]:
    """A `patti worker` with one extraction process, in a process group of its own (killed whole)."""
    env = {**os.environ, "PATTI_DATA_DIR": str(data), "PATTI_JOB_LEASE": LEASE}
    process = subprocess.Popen(
        [_patti(), "worker", "--workers", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
    )
    assert process.stdout is not None
    assert "worker(s) on" in process.stdout.readline()
    return process


def _rows(data: Path, sql: str, *params: object) -> list[tuple]:
    conn = sqlite3.connect(data / "patti.db", timeout=30)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _until(condition, what: str, timeout: float = WAIT):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.1)
    raise TimeoutError(what)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Corpus texts and one long document (the corpus several times over), which takes seconds to extract."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    texts = sorted((CORPUS / "dev").glob("*.txt"))[:8]
    for text in texts:
        shutil.copy(text, inbox / text.name)
    (inbox / "000-lungo.txt").write_text("\n\n".join(t.read_text(encoding="utf-8") for t in texts * 12), "utf-8")
    return inbox


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[tuple[Path, list[subprocess.Popen[str]]]]:
    data = tmp_path / "data"
    data.mkdir()
    started = [_start_worker(data), _start_worker(data)]
    try:
        yield data, started
    finally:
        for process in started:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)


def test_two_workers_share_the_queue_and_a_killed_one_loses_nothing(
    folder: Path, workers: tuple[Path, list[subprocess.Popen[str]]]
) -> None:
    data, (first, second) = workers
    assert main(["ingest", "--no-wait", str(folder), "--data-dir", str(data)]) == EXIT_OK
    files = len(list(folder.iterdir()))
    long_job = _rows(
        data, "SELECT j.id FROM jobs j JOIN documents d ON d.id = j.document_id WHERE d.file_name = '000-lungo.txt'"
    )[0][0]
    # Whichever worker took the long document is killed (with its extraction process) in the middle of it.
    holder = _until(
        lambda: _rows(data, "SELECT worker FROM jobs WHERE id = ? AND status = 'running'", long_job),
        "nobody took the long document",
    )[0][0]
    victim = first if f":{first.pid}:" in holder else second
    survivor = second if victim is first else first
    time.sleep(0.5)
    assert _rows(data, "SELECT status FROM jobs WHERE id = ?", long_job) == [("running",)], "killed too late"
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait(timeout=30)

    _until(
        lambda: _rows(data, "SELECT count(*) FROM jobs WHERE status IN ('done', 'failed')")[0][0] == files,
        "the surviving worker did not finish the queue",
    )
    assert survivor.poll() is None, "the other worker went on"
    # Every file is one indexed document, its job done once; the long one by the survivor, at the second attempt.
    assert _rows(data, "SELECT count(*), min(status), max(status) FROM documents") == [(files, "indexed", "indexed")]
    assert _rows(data, "SELECT count(*) FROM jobs WHERE status = 'done'") == [(files,)]
    attempts, worker = _rows(data, "SELECT attempts, worker FROM jobs WHERE id = ?", long_job)[0]
    assert attempts == 2 and f":{survivor.pid}:" in worker
    # Extracted exactly once: no document holds its items twice, and each has one search row for its text.
    assert _rows(data, "SELECT document_id, position, count(*) FROM parties GROUP BY 1, 2 HAVING count(*) > 1") == []
    assert (
        _rows(data, "SELECT document_id FROM search_fts WHERE source = 'text' GROUP BY document_id HAVING count(*) > 1")
        == []
    )
    assert _rows(data, "SELECT count(DISTINCT document_id) FROM search_fts WHERE source = 'text'") == [(files,)]
    integrity(data)

    os.killpg(survivor.pid, signal.SIGTERM)  # a polite stop: the worker says so and exits cleanly
    output, _ = survivor.communicate(timeout=30)
    assert survivor.returncode == EXIT_OK and "workers stopped" in output


@pytest.mark.parametrize(
    ("argv", "status"),
    [
        (["worker", "--workers", "0"], 2),  # a worker command with no workers
        (["worker", "--workers", "tre"], 2),
        (["worker", "--workers", "-1"], 2),
        (["worker", "--data-dir", "{file}/data"], 1),  # a data folder that cannot be made
    ],
)
def test_bad_worker_calls_stop_with_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], status: int
) -> None:
    (tmp_path / "file").write_text("not a folder")
    assert main([a.replace("{file}", str(tmp_path / "file")) for a in argv]) == status
    err = capsys.readouterr().err
    assert err.startswith(("usage:", "patti:")) and "Traceback" not in err
