"""The ingestion benchmark: a real worker pool over real corpus files, and the table it writes."""

from __future__ import annotations

import math
import os
from pathlib import Path

from bench import ingest
from service.store.db import open_database


def test_a_run_extracts_every_file_through_the_queue_and_reads_each_workers_memory(tmp_path: Path) -> None:
    files = [path for path in ingest.corpus_files() if path.suffix == ".txt"][:3]
    assert len(files) == 3
    run = ingest.ingest_run(files, 1, tmp_path / "data")
    assert (run.workers, run.documents, run.failed) == (1, 3, 0)
    assert run.seconds >= run.warm_seconds > 0
    assert len(run.peak_mb) == 1 and run.peak_mb[0] > 50  # a child with the language pipeline loaded
    db = open_database(tmp_path / "data" / "patti.db")
    try:
        assert db.execute("SELECT count(*) FROM documents WHERE status = 'indexed'").fetchone()[0] == 3
    finally:
        db.close()


def test_the_bench_ingests_the_bundled_texts_and_pdfs() -> None:
    files = ingest.corpus_files()
    assert {path.suffix for path in files} == {".txt", ".pdf"}
    assert files == sorted(files)


def test_peak_memory_of_a_live_process_and_of_none() -> None:
    assert ingest.peak_rss_mb(os.getpid()) > 0
    assert math.isnan(ingest.peak_rss_mb(2**22 + 12345))


def test_the_table_gives_rates_and_the_speed_up() -> None:
    runs = [
        ingest.Run(1, 11, 0, 10.0, 5.0, [300.0]),
        ingest.Run(2, 11, 1, 6.0, 2.5, [301.0, 305.0]),
    ]
    text = ingest.table(runs)
    assert "| 1 | 11 | 0 | 10.0 | 1.10 | 2.00 | 300 |" in text
    assert "| 2 | 11 | 1 | 6.0 | 1.83 | 4.00 | 301, 305 |" in text
    assert "2 workers ×2.00" in text
