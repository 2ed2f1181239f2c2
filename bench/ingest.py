"""Ingestion throughput: documents per second through the job queue with 1 and 2 workers, and each worker's memory.

The bundled corpus (its texts and every PDF layout of them) is submitted to a fresh data folder and extracted by
a real ``WorkerPool``, as ``patti ingest`` and ``patti serve`` run it: spawned child processes, the supervisor
writing each result in one transaction. Two rates are given: over the whole run, and once every worker is warm
(from the first finished document to the last), since each child loads the language pipeline once.
Worker memory is each child's peak resident set (``VmHWM`` in ``/proc``), read before the pool stops.

    python -m bench.ingest [--workers 1 2] [--append BENCH.md]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.report import emit
from service.ingest import submit_paths
from service.settings import Settings
from service.store.db import open_database
from service.worker.pool import WorkerPool

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ("corpus/dev/*.txt", "corpus/pdf/*/*.pdf")
TIMEOUT = 1800.0  # seconds for one run: far more than it takes, so a stuck worker fails the bench


@dataclass(frozen=True)
class Run:
    workers: int
    documents: int
    failed: int
    seconds: float
    warm_seconds: float  # from the first finished document to the last
    peak_mb: list[float]  # each worker's peak resident memory

    @property
    def per_second(self) -> float:
        return self.documents / self.seconds

    @property
    def warm_per_second(self) -> float:
        return (self.documents - 1) / self.warm_seconds if self.warm_seconds > 0 else float("nan")


def corpus_files() -> list[Path]:
    """The bundled documents the bench ingests, texts and PDFs, in a stable order."""
    return sorted(path for pattern in INPUTS for path in ROOT.glob(pattern))


def peak_rss_mb(pid: int) -> float:
    """A live process's peak resident memory in MiB (``VmHWM``); NaN where ``/proc`` does not say."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return float("nan")
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def ingest_run(files: list[Path], workers: int, data_dir: Path) -> Run:
    """Submit ``files`` to an empty data folder and extract them with ``workers`` processes."""
    data_dir.mkdir(parents=True, exist_ok=True)
    settings = Settings(data_dir=data_dir, workers=workers)
    db = open_database(settings.db_path)
    try:
        submissions = list(submit_paths(db, data_dir, [str(path) for path in files]))
    finally:
        db.close()
    job_ids = [s.job_id for s in submissions if s.job_id is not None]
    finished_at: list[float] = []
    start = time.perf_counter()
    with WorkerPool(settings, processes=workers) as pool:
        done = pool.wait_for(job_ids, timeout=TIMEOUT, on_done=lambda _: finished_at.append(time.perf_counter()))
        peaks = [peak_rss_mb(pid) for pid in pool.pids()]
    seconds = finished_at[-1] - start if finished_at else 0.0
    warm = finished_at[-1] - finished_at[0] if len(finished_at) > 1 else 0.0
    failed = sum(1 for job in done if job["status"] != "done")
    return Run(workers, len(job_ids), failed, seconds, warm, peaks)


def table(runs: list[Run]) -> str:
    """BENCH.md's section for the runs."""
    lines = [
        "\n## Ingestion through the job queue\n",
        f"The bundled corpus ({runs[0].documents} documents: texts and every PDF layout) into an empty data folder, "
        "extracted by the worker pool `patti ingest` and `patti serve` run. *Warm* counts from the first finished "
        "document to the last, once each worker has loaded the language pipeline.\n",
        "| workers | documents | failed | seconds | docs/s | docs/s warm | peak memory per worker (MiB) |",
        "|---:|---:|---:|---:|---:|---:|---|",
    ]
    for run in runs:
        memory = ", ".join(f"{mb:.0f}" for mb in run.peak_mb) or "n/a"
        lines.append(
            f"| {run.workers} | {run.documents} | {run.failed} | {run.seconds:.1f} | {run.per_second:.2f} "
            f"| {run.warm_per_second:.2f} | {memory} |"
        )
    if len(runs) > 1:
        base = runs[0].warm_per_second
        lines.append("")
        lines.append(
            "Speed-up over one worker (warm): "
            + ", ".join(f"{run.workers} workers ×{run.warm_per_second / base:.2f}" for run in runs[1:])
            + "."
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to measure")
    parser.add_argument("--append", type=Path, help="append the table to this file (BENCH.md)")
    args = parser.parse_args(argv)
    files = corpus_files()
    runs = []
    for workers in args.workers:
        with tempfile.TemporaryDirectory(prefix="patti-bench-ingest-") as tmp:
            runs.append(ingest_run(files, workers, Path(tmp)))
    emit(table(runs), args.append)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
