"""A real `patti serve` process on loopback for end-to-end tests, and a check that its database is sound."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx

TOKEN = "e2e-token-abcdefghijklmnop"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


class Server:
    """A `patti serve --port 0` process and an HTTP client on the address it prints."""

    def __init__(self, data: Path, **env: str) -> None:
        self.data = data
        patti = shutil.which("patti", path=str(Path(sys.executable).parent))
        assert patti
        environment = {**os.environ, "PATTI_DATA_DIR": str(data), "PATTI_API_TOKEN": TOKEN, **env}
        self.process = subprocess.Popen(
            [patti, "serve", "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=environment,
            start_new_session=True,  # its own process group: killing it kills its workers too
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        found = re.search(r"serving (http://[\d.]+:\d+)", line)
        assert found, f"no address printed: {line!r}"
        self.client = httpx.Client(base_url=found.group(1), timeout=30)

    def wait_for_job(self, job_id: int, timeout: float = 120) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.client.get(f"/jobs/{job_id}").json()
            if job["status"] in ("done", "failed"):
                return job
            time.sleep(0.2)
        raise TimeoutError(f"job {job_id} still {job['status']}")

    def wait_until_running(self, job_id: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while self.client.get(f"/jobs/{job_id}").json()["status"] != "running":
            assert time.monotonic() < deadline, "the job never started"
            time.sleep(0.05)

    def worker_pids(self) -> list[int]:
        """The server's worker processes: children spawned by any of its threads (not the resource tracker)."""
        pids = []
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            for pid in (task / "children").read_text().split():
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
                if b"spawn_main" in cmdline:
                    pids.append(int(pid))
        return pids

    def upload(self, *paths: Path, headers: dict | None = None) -> httpx.Response:
        files = [("files", (p.name, p.read_bytes())) for p in paths]
        return self.client.post("/documents", files=files, headers=AUTH if headers is None else headers)

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.client.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.client.close()


def integrity(data: Path) -> None:
    """The database is sound and no document that is not indexed has items."""
    conn = sqlite3.connect(data / "patti.db")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for table in ("parties", "dated_items", "commitments", "ambiti"):
            orphans = conn.execute(
                f"SELECT count(*) FROM {table} t JOIN documents d ON d.id = t.document_id WHERE d.status != 'indexed'"
            ).fetchone()[0]
            assert orphans == 0, table
    finally:
        conn.close()
