"""Extraction workers: killable child processes, capped in time and memory, fed from the persisted job queue."""

from service.worker.pool import WorkerPool

__all__ = ["WorkerPool"]
