"""Deadline feed benchmark: 10,000 dated items read from a real SQLite file and rendered as iCalendar.

Appends a section to BENCH.md (``make bench`` runs it after the extraction benchmark).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench.report import emit
from service.feed.deadlines import events
from service.feed.ical import render_calendar
from service.settings import Settings
from service.store.db import open_database, transaction
from service.store.deadlines import DeadlineFilters, feed_rows
from service.store.filters import Filters

ITEMS = 10_000
DOCUMENTS = 500
RUNS = 7
DTSTAMP = datetime(2026, 11, 22, tzinfo=UTC)
_SENTENCES = [
    "Le domande dovranno pervenire entro le ore 12:00 del giorno indicato all'Ufficio di Piano.",
    "Il tavolo tematico sulla disabilità si riunirà presso la Sala Consiliare del Comune.",
    "La manifestazione di interesse va inviata via PEC entro la scadenza, pena l'esclusione.",
    "L'assemblea dei sindaci dell'Ambito è convocata per l'approvazione del Piano di Zona.",
]


def build(path: Path) -> None:
    """A database with DOCUMENTS documents and ITEMS dated items, timed and all-day, in several ambiti."""
    rng = random.Random(7)
    db = open_database(path)
    with transaction(db) as conn:
        for d in range(DOCUMENTS):
            conn.execute(
                "INSERT INTO documents (id, sha256, file_name, size, status, title, doc_type) "
                "VALUES (?, ?, ?, 1, 'indexed', ?, 'avviso')",
                [d + 1, f"{d:064x}", f"avviso-{d}.pdf", f"Avviso pubblico n. {d} per il Piano Sociale di Zona"],
            )
            conn.execute(
                "INSERT INTO ambiti (document_id, position, name) VALUES (?, 0, ?)", [d + 1, f"Distretto {d % 12}"]
            )
        for i in range(ITEMS):
            day = date(2026, 1, 1) + timedelta(days=rng.randrange(900))
            timed = rng.random() < 0.4
            conn.execute(
                "INSERT INTO dated_items (document_id, position, spans, page, date, time, kind, text, place, what) "
                "VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
                [
                    i % DOCUMENTS + 1, i, json.dumps([[i, i + 10]]), day.isoformat(),
                    f"{rng.randrange(8, 19):02d}:30" if timed else None, "evento" if timed else "scadenza",
                    f"{_SENTENCES[i % len(_SENTENCES)]} ({i})", "Sala Consiliare" if timed else None,
                    None if timed else "invio della manifestazione di interesse",
                ],
            )  # fmt: skip
    db.close()


def measure(path: Path) -> dict[str, float]:
    db = open_database(path)
    alarms = Settings().alarms()
    timings: dict[str, list[float]] = {"query": [], "render": [], "total": []}
    size = 0
    for _ in range(RUNS):
        t0 = time.perf_counter()
        rows = feed_rows(db, Filters(), DeadlineFilters())
        t1 = time.perf_counter()
        body = render_calendar(events(rows, "http://localhost/documents/{id}", alarms), name="bench", dtstamp=DTSTAMP)
        t2 = time.perf_counter()
        timings["query"].append(t1 - t0)
        timings["render"].append(t2 - t1)
        timings["total"].append(t2 - t0)
        size = len(body)
    db.close()
    result = {name: statistics.median(values) * 1000 for name, values in timings.items()}
    result["bytes"] = size
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--append", type=Path, help="append the section to this Markdown file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "patti.db"
        build(path)
        result = measure(path)
    section = (
        f"\n## Deadline feed: {ITEMS:,} dated items\n\n"
        f"Median of {RUNS} runs on a real SQLite file ({DOCUMENTS} documents; 40% timed events with a 1-hour "
        "reminder, the rest all-day deadlines with two): query, turning rows into events, writing RFC 5545.\n\n"
        "| stage | ms |\n|---|---|\n"
        f"| query (`feed_rows`) | {result['query']:.0f} |\n"
        f"| events + `render_calendar` | {result['render']:.0f} |\n"
        f"| total | {result['total']:.0f} |\n\n"
        f"Feed size: {result['bytes'] / 1e6:.1f} MB. Target: well under 1 s (issue 6), under 200 ms (issue 10).\n"
    )
    emit(section, args.append)


if __name__ == "__main__":
    main()
