"""Faults against a real `patti serve`: SIGKILL of the whole server in a loop, and many uploads at once.

An upload answered 2xx is a promise: whatever is killed afterwards, the document is kept, extracted once
and never half-written. Concurrent writers and readers never see "database is locked" or a 500.
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.store import db as db_module
from service.store.db import connect, open_database
from service.store.documents import register_document
from service.store.files import file_path
from service.store.jobs import MAX_ATTEMPTS
from service.store.schema import ITEM_TABLES
from tests.conftest import CORPUS
from tests.service.live_server import AUTH, Server, integrity

SEED = 20240611
# Each round costs a server start (~2.5 s) plus worker warm-up (~2.5 s) on a 2-core machine; four rounds,
# two killed during uploads and two during an extraction, keep the test at 20-45 s (more under load).
KILL_ROUNDS = 4
MAX_REQUESTS_PER_ROUND = 40  # bounds the extraction backlog the final server has to drain
# A short lease so a job of a killed server is taken over quickly; no queue brake (429), these tests are
# about what is kept and about locking, not about refusing floods.
ENV = {"PATTI_JOB_LEASE": "2", "PATTI_MAX_QUEUED_JOBS": "100000"}
WAIT = 60.0  # seconds any single wait may take before the test fails instead of hanging
DRAIN_TIMEOUT = 180.0  # seconds the final server may take to finish every queued job
# Writers outnumber the server's 40 request threads, so writes queue behind each other (and the two workers).
WRITERS = 48
REQUESTS_PER_WRITER = 4
READERS = 6
CORPUS_TEXTS = sorted((CORPUS / "dev").glob("*.txt"))

_COMUNI = ("Lecco", "Monza", "Bergamo", "Como", "Sesto San Giovanni", "Cinisello Balsamo", "Varese", "Brescia")
_MONTHS = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre")
_AREAS = ("assistenza domiciliare", "contrasto alla povertà", "sostegno all'abitare", "servizi per la prima infanzia")


def italian_text(rng: random.Random, serial: int) -> bytes:
    """A small Italian notice, distinct for each ``serial``, of one to eight articles."""
    comune = rng.choice(_COMUNI)
    parts = [
        f"AVVISO PUBBLICO N. {serial}/{rng.randint(2020, 2025)}",
        f"Il Comune di {comune}, capofila dell'Ambito territoriale, ai sensi della legge n. 328/2000, invita gli "
        f"enti del terzo settore a presentare domanda entro il {rng.randint(1, 28)} {rng.choice(_MONTHS)} "
        f"{rng.randint(2024, 2026)} alle ore {rng.randint(9, 17)}.",
    ]
    for article in range(1, rng.randint(2, 9)):
        parts.append(
            f"Articolo {article}. L'Ente gestore si impegna a garantire i servizi di {rng.choice(_AREAS)} per "
            f"{rng.randint(10, 500)} famiglie residenti nel comune di {rng.choice(_COMUNI)}."
        )
    parts.append(f"Per informazioni: tel. 0341 {rng.randint(100000, 999999)}, ambito{serial}@pec.comune.lecco.it.")
    return "\n\n".join(parts).encode()


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class Logs:
    """Everything the server prints, read on a thread so a full pipe never blocks it."""

    def __init__(self, server: Server) -> None:
        self.lines: list[str] = []
        self._thread = threading.Thread(target=self._drain, args=(server,), daemon=True)
        self._thread.start()

    def _drain(self, server: Server) -> None:
        assert server.process.stdout is not None
        for line in server.process.stdout:
            self.lines.append(line)

    def text(self) -> str:
        self._thread.join(10)  # the pipe ends once every process of the group is gone
        return "".join(self.lines)


@contextmanager
def serving(data: Path, **env: str) -> Iterator[tuple[Server, Logs]]:
    """A server with its logs drained; stopped (or killed, if it will not stop) on the way out."""
    server = Server(data, **env)
    logs = Logs(server)
    try:
        yield server, logs
    finally:
        if server.process.poll() is None:
            server.stop()
        else:
            server.client.close()
        logs.text()
        assert server.process.stdout is not None
        server.process.stdout.close()


def query(data: Path, sql: str, params: tuple[Any, ...] = (), starting: bool = False) -> list[tuple[Any, ...]]:
    """Rows of a read-only query on the server's database (never creates it).

    ``starting``: no rows, rather than an error, while a starting server has not created or migrated it yet.
    """
    try:
        conn = sqlite3.connect(f"file:{data / 'patti.db'}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()
    except sqlite3.OperationalError:
        if starting:
            return []
        raise


def wait_until(condition: Callable[[], bool], what: str, timeout: float = WAIT, pause: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(pause)


@dataclass
class Ack:
    """One file of an upload the server answered 2xx."""

    in_round: int
    name: str
    sha256: str
    item: dict[str, Any]


@dataclass
class Uploads:
    """What an uploader thread sent and what the server promised; shared across rounds."""

    rng: random.Random
    sent: list[tuple[str, bytes]] = field(default_factory=list)  # every file offered, for repeats
    acks: list[Ack] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # answers that are neither 2xx nor a dead server
    unanswered: int = 0  # requests cut by the kill: may or may not have been kept
    serial: int = 0

    def next_request(self) -> list[tuple[str, bytes]]:
        """One request's files: mostly new texts, some corpus files, some repeats (duplicates), some several."""
        count = 1 if self.rng.random() < 0.8 else self.rng.randint(2, 3)
        files = []
        for _ in range(count):
            pick = self.rng.random()
            if pick < 0.15 and self.sent:
                files.append(self.rng.choice(self.sent))
            elif pick < 0.3:
                path = self.rng.choice(CORPUS_TEXTS)
                files.append((path.name, path.read_bytes()))
            else:
                self.serial += 1
                files.append((f"avviso_{self.serial}.txt", italian_text(self.rng, self.serial)))
        self.sent.extend(files)
        return files

    def run(self, base_url: str, round_: int, stop: threading.Event) -> None:
        """Upload until told to stop, the cap is reached or the server dies."""
        try:
            self._upload(base_url, round_, stop)
        except Exception as exc:  # a thread's exception would otherwise only be printed
            self.problems.append(f"round {round_}: {exc!r}")

    def _upload(self, base_url: str, round_: int, stop: threading.Event) -> None:
        with httpx.Client(base_url=base_url, timeout=30, headers=AUTH) as client:
            for _ in range(MAX_REQUESTS_PER_ROUND):
                if stop.is_set():
                    return
                files = self.next_request()
                try:
                    response = client.post("/documents", files=[("files", f) for f in files])
                except httpx.TransportError:
                    self.unanswered += 1
                    return  # killed: nothing more reaches this server
                if not response.is_success:
                    self.problems.append(f"round {round_}: {response.status_code} {response.text[:300]}")
                    continue
                for (name, content), item in zip(files, response.json()["data"], strict=True):
                    self.acks.append(Ack(round_, name, sha256(content), item))
                stop.wait(self.rng.uniform(0.05, 0.25))  # paced, so the backlog stays bounded


def running_attempts(data: Path) -> list[int]:
    """The attempt counts of the jobs running now."""
    return [row[0] for row in query(data, "SELECT attempts FROM jobs WHERE status = 'running'", starting=True)]


def safe_to_kill(data: Path) -> bool:
    """No running job is on its last tolerated attempt.

    A job whose worker dies MAX_ATTEMPTS times is failed as worker_crashed by design (a document that kills
    its worker must not loop forever); the test kills the whole server at random, so it keeps one job from
    being the victim that often, and every document must end up indexed.
    """
    return all(attempts < MAX_ATTEMPTS - 1 for attempts in running_attempts(data))


def test_kill_9_loop_loses_no_acknowledged_upload(tmp_path: Path) -> None:
    data = tmp_path / "data"
    rng = random.Random(SEED)
    uploads = Uploads(random.Random(SEED + 1))
    killed_while_running = 0
    for round_ in range(KILL_ROUNDS):
        with serving(data, **ENV) as (server, logs):
            stop = threading.Event()
            uploader = threading.Thread(target=uploads.run, args=(str(server.client.base_url), round_, stop))
            uploader.start()
            try:
                if round_ % 2 == 0:
                    # During uploads: the worker is most likely still warming up.
                    time.sleep(rng.uniform(0.2, 2.5))
                else:
                    # During an extraction: wait for the worker to hold a job, then let it get some way in.
                    wait_until(lambda: bool(running_attempts(data)), "a running job")
                    time.sleep(rng.uniform(0.0, 0.5))
                    wait_until(lambda: bool(running_attempts(data)) and safe_to_kill(data), "a job to kill")
                wait_until(lambda: safe_to_kill(data), "no job on its last attempt")
                running = running_attempts(data)
                server.kill()
            finally:
                stop.set()
                uploader.join(WAIT)
        assert not uploader.is_alive(), "the uploader hung"
        # Shown when the test fails: what each kill interrupted.
        print(
            f"round {round_}: killed with {len(running)} job(s) running; so far {len(uploads.acks)} files "
            f"acknowledged, {uploads.unanswered} requests cut"
        )
        killed_while_running += bool(running)
        assert "Traceback" not in logs.text(), logs.text()[-3000:]
        integrity(data)  # sound right after the kill, before any recovery ran
    # Rounds of the second kind wait for a running job; the job may just have ended at the kill, hence >= 1.
    assert killed_while_running >= 1, "no kill landed during an extraction"
    assert uploads.acks, "no upload was acknowledged before the kills"
    assert not uploads.problems, uploads.problems

    with serving(data, **ENV) as (server, logs):

        def drained() -> bool:
            jobs = server.client.get("/health").json()["jobs"]
            return jobs["queued"] == 0 and jobs["running"] == 0

        wait_until(drained, "the queue to drain", timeout=DRAIN_TIMEOUT, pause=0.3)
        for ack in uploads.acks[:: max(1, len(uploads.acks) // 10)]:  # the API agrees with the database
            assert server.client.get(f"/documents/{ack.item['document_id']}").json()["status"] == "indexed"
    assert "Traceback" not in logs.text(), logs.text()[-3000:]

    check_after_kills(data, uploads.acks)


def check_after_kills(data: Path, acks: list[Ack]) -> None:
    """Every acknowledged file is one whole indexed document; nothing is queued, running or half-written."""
    integrity(data)
    documents = {
        row[1]: row
        for row in query(
            data, "SELECT id, sha256, status, error_code, length(coalesce(text, '')) FROM documents ORDER BY id"
        )
    }
    for ack in acks:
        assert ack.item["sha256"] == ack.sha256, ack
        assert ack.sha256 in documents, f"acknowledged upload lost: {ack}"
        document_id, _sha, status, error_code, text_length = documents[ack.sha256]
        assert ack.item["document_id"] == document_id, f"one sha256, two document ids: {ack}"
        assert (status, error_code) == ("indexed", None), f"{ack}: {status} {error_code}"
        assert text_length > 0, f"{ack}: indexed without text"
        stored = file_path(data, ack.sha256)
        assert stored.is_file() and sha256(stored.read_bytes()) == ack.sha256, f"{ack}: original missing or torn"
    duplicates = query(data, "SELECT sha256 FROM documents GROUP BY sha256 HAVING count(*) > 1")
    assert not duplicates, duplicates
    # Unacknowledged uploads that were kept are finished too: nothing waits, nothing is stuck running.
    assert query(data, "SELECT id, status FROM jobs WHERE status IN ('queued', 'running')") == []
    assert query(data, "SELECT id, status FROM documents WHERE status != 'indexed'") == []
    assert query(data, "SELECT id FROM jobs WHERE attempts > ?", (MAX_ATTEMPTS,)) == []
    # Indexed means whole: its text and its search row are there; nothing of any other document is.
    missing_search = query(
        data,
        "SELECT id FROM documents d WHERE status = 'indexed' AND NOT EXISTS "
        "(SELECT 1 FROM search_fts s WHERE s.document_id = d.id AND s.source = 'text')",
    )
    assert missing_search == []
    for table in (*ITEM_TABLES, "search_fts"):
        orphans = query(
            data,
            f"SELECT count(*) FROM {table} t LEFT JOIN documents d ON d.id = t.document_id "
            "WHERE d.id IS NULL OR d.status != 'indexed'",
        )
        assert orphans == [(0,)], table


def concurrent_requests(rng: random.Random) -> list[list[list[tuple[str, bytes]]]]:
    """Each writer's requests: the same bytes many times, new bytes, and multi-file requests mixing both."""
    same_a, same_b, pair = italian_text(rng, 1), italian_text(rng, 2), italian_text(rng, 3)
    serials = iter(range(100, 100_000))
    shapes: list[Callable[[], list[tuple[str, bytes]]]] = [
        lambda: [("a.txt", same_a)],
        lambda: [("b.txt", same_b)],
        lambda: [(f"n{(n := next(serials))}.txt", italian_text(rng, n))],
        lambda: [("a.txt", same_a), *[(f"m{(n := next(serials))}.txt", italian_text(rng, n)) for _ in range(2)]],
        lambda: [("b.txt", same_b), (f"m{(n := next(serials))}.txt", italian_text(rng, n)), ("a.txt", same_a)],
        lambda: [("p1.txt", pair), ("p2.txt", pair)],  # the same bytes twice in one request
    ]
    return [[rng.choice(shapes)() for _ in range(REQUESTS_PER_WRITER)] for _ in range(WRITERS)]


def test_concurrent_uploads_and_reads_never_lock_or_fail(tmp_path: Path) -> None:
    plan = concurrent_requests(random.Random(SEED + 2))
    contents = {sha256(content) for requests in plan for files in requests for _, content in files}
    with serving(tmp_path / "data", PATTI_WORKERS="2", **ENV) as (server, logs):
        warm = server.upload(CORPUS_TEXTS[0])  # so searches find something and the workers write meanwhile
        assert warm.status_code == 202, warm.text
        assert server.wait_for_job(warm.json()["data"][0]["job_id"], timeout=WAIT)["status"] == "done"
        contents.add(sha256(CORPUS_TEXTS[0].read_bytes()))

        base_url = str(server.client.base_url)
        start = threading.Barrier(WRITERS + READERS, timeout=WAIT)
        writing = threading.Event()
        writing.set()

        def write(requests: list[list[tuple[str, bytes]]]) -> list[tuple[list[tuple[str, bytes]], httpx.Response]]:
            with httpx.Client(base_url=base_url, timeout=WAIT, headers=AUTH) as client:
                start.wait()
                return [(files, client.post("/documents", files=[("files", f) for f in files])) for files in requests]

        def read(number: int) -> list[tuple[str, int, str]]:
            paths = ("/search?q=impegno", "/documents", "/documents?status=queued", "/search?q=famiglie", "/health")
            seen: list[tuple[str, int, str]] = []
            with httpx.Client(base_url=base_url, timeout=WAIT) as client:
                start.wait()
                deadline = time.monotonic() + WAIT
                while writing.is_set() and time.monotonic() < deadline:
                    path = paths[(number + len(seen)) % len(paths)]
                    response = client.get(path)
                    seen.append((path, response.status_code, response.text[:300]))
            return seen

        with ThreadPoolExecutor(max_workers=WRITERS + READERS) as pool:
            reads = [pool.submit(read, n) for n in range(READERS)]
            writes = [pool.submit(write, requests) for requests in plan]
            answered = [answer for w in writes for answer in w.result(timeout=WAIT * 2)]
            writing.clear()
            seen = [answer for r in reads for answer in r.result(timeout=WAIT * 2)]

        failures = [(r.status_code, r.text[:300]) for _, r in answered if r.status_code != 202]
        assert not failures, failures[:5]
        assert not any("database is locked" in r.text for _, r in answered)
        assert seen and all(status == 200 for _, status, _ in seen), [a for a in seen if a[1] != 200][:5]

        by_sha: dict[str, list[dict[str, Any]]] = {}
        for files, response in answered:
            for (_, content), item in zip(files, response.json()["data"], strict=True):
                assert item["sha256"] == sha256(content)
                by_sha.setdefault(item["sha256"], []).append(item)
        for digest, items in by_sha.items():
            assert len({i["document_id"] for i in items}) == 1, f"{digest}: several documents"
            assert len({i["job_id"] for i in items}) == 1, f"{digest}: several jobs"
            assert sum(not i["duplicate"] for i in items) == 1, f"{digest}: not exactly one first upload"

        assert sum(server.client.get("/health").json()["documents"].values()) == len(contents)
    assert "database is locked" not in logs.text()
    assert "Traceback" not in logs.text(), logs.text()[-3000:]
    integrity(tmp_path / "data")


def test_writers_of_one_process_take_turns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Many threads registering at once never fail with "database is locked", whatever SQLite's busy timeout.

    SQLite's busy handler is not fair: under a burst some waiters miss every free moment until their timeout
    (seen as 500s on uploads). Writers of one process take turns before SQLite's lock instead.
    """
    path = tmp_path / "patti.db"
    open_database(path).close()
    # A tiny busy timeout makes starving at SQLite's lock fail at once; turns taken in-process never reach it.
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 20)
    threads, per_thread = 32, 25
    start = threading.Barrier(threads, timeout=WAIT)

    def register(number: int) -> list[int]:
        db = connect(path)
        try:
            start.wait()
            # Threads 0, 5, 10, ... send the same contents: duplicates decided under contention.
            owner = number if number % 5 else 0
            return [
                register_document(db, sha256(f"{owner}-{i}".encode()), "x.txt", 1).document_id
                for i in range(per_thread)
            ]
        finally:
            db.close()

    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = list(pool.map(register, range(threads), timeout=WAIT))
    assert results[0] == results[5]  # the same bytes, the same documents
    db = connect(path)
    try:
        distinct = len({n if n % 5 else 0 for n in range(threads)}) * per_thread
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == distinct
        assert db.execute("SELECT count(*) FROM jobs").fetchone()[0] == distinct
    finally:
        db.close()
