"""Stand-in children for fast pool tests: no spaCy, same pipe protocol as ``service.worker.process.main``."""

from __future__ import annotations

import os
import time
from multiprocessing.connection import Connection


def hog(conn: Connection, memory_mb: int) -> None:
    """Every job grabs (and touches) twice the allowed memory, then dawdles: only the RSS watch stops it."""
    conn.send(("ready",))
    conn.recv()
    ballast = bytearray(2 * memory_mb * 1024 * 1024)
    for i in range(0, len(ballast), 4096):
        ballast[i] = 1
    time.sleep(60)


def crasher(conn: Connection, memory_mb: int) -> None:
    """Dies on every job, as a segfaulting extractor would."""
    conn.send(("ready",))
    conn.recv()
    os._exit(139)


def slow(conn: Connection, memory_mb: int) -> None:
    """Takes a second over every job, then reports it failed."""
    conn.send(("ready",))
    while conn.recv() is not None:
        time.sleep(1)
        conn.send(("error", "internal_error", "late"))
