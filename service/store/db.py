"""Open the SQLite database: connection settings, migrations and the ISTAT registry."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from extractor.resolvers.comuni import registry
from service.store.schema import MIGRATIONS

BUSY_TIMEOUT_MS = 5000
WRITE_QUEUE_SECONDS = 30.0
"""How long a thread waits for its process's turn to write before failing with "database is locked"."""

# The writers of one process take turns here before they reach SQLite's lock. SQLite's busy handler has every
# waiter poll with growing sleeps, so in a burst (dozens of uploads at once) some writers miss every free moment
# and fail after busy_timeout although no transaction holds the lock for long; threads blocked on a lock are
# woken one at a time instead. Other processes (the CLI, another server) still meet at SQLite's lock.
# Re-entrant: a thread that nests transactions on two connections fails at SQLite's lock as before, not here.
_WRITERS = threading.RLock()


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed on success, rolled back on any exception."""
    conn = db.conn
    if not _WRITERS.acquire(timeout=WRITE_QUEUE_SECONDS):
        raise sqlite3.OperationalError("database is locked")  # as SQLite says it, for callers that retry
    try:
        # IMMEDIATE takes the write lock up front, so writers of other processes wait (busy_timeout) instead of
        # failing later.
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    finally:
        _WRITERS.release()


def schema_version(db: sqlite_utils.Database) -> int:
    """The schema version recorded in PRAGMA user_version."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite_utils.Database) -> int:
    """Apply the pending migrations, each in its own transaction; returns the resulting version."""
    for version in range(schema_version(db), len(MIGRATIONS)):
        with transaction(db) as conn:
            # Re-read inside the lock: another process may have migrated meanwhile.
            if int(conn.execute("PRAGMA user_version").fetchone()[0]) > version:
                continue
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
    return schema_version(db)


def load_comuni(db: sqlite_utils.Database) -> None:
    """Fill the comuni table from the extractor's registry when it is out of date."""
    towns = registry()
    if db.execute("SELECT count(*) FROM comuni").fetchone()[0] == len(towns):
        return
    with transaction(db) as conn:
        conn.executemany(
            "INSERT OR REPLACE INTO comuni (istat, name, province_code, province, region) VALUES (?, ?, ?, ?, ?)",
            [(t.istat, t.name, t.province_code, t.province, t.region) for t in towns],
        )


def connect(path: str | Path) -> sqlite_utils.Database:
    """A connection to an existing, migrated database, in WAL mode with foreign keys on (one per thread)."""
    # Autocommit mode: transactions are only the explicit ones of ``transaction()``.
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    return sqlite_utils.Database(conn)


def open_database(path: str | Path) -> sqlite_utils.Database:
    """Open (creating or migrating) the database at ``path`` and fill the ISTAT registry; see ``connect``."""
    db = connect(path)
    migrate(db)
    load_comuni(db)
    return db
