"""Memory readings and limits of worker processes, from ``/proc`` (Linux only; elsewhere they read None)."""

from __future__ import annotations

from pathlib import Path

MIB = 1024 * 1024


def _status_kib(pid: int | str, field: str) -> int | None:
    """A ``kB`` field of ``/proc/<pid>/status``; None when there is no such process or no ``/proc``."""
    try:
        text = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return None
    for line in text.splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return None


def rss_bytes(pid: int) -> int | None:
    """Resident memory of process ``pid``, or None (gone, or not Linux)."""
    kib = _status_kib(pid, "VmRSS")
    return None if kib is None else kib * 1024


def limit_address_space(extra_bytes: int) -> int | None:
    """Cap this process's address space at its current size plus ``extra_bytes``; returns the cap, None if unset.

    Past the cap allocations fail with MemoryError instead of the machine swapping or the OOM killer choosing
    a victim. Without ``/proc`` (not Linux) nothing is set.
    """
    size_kib = _status_kib("self", "VmSize")
    if size_kib is None:
        return None
    import resource  # POSIX only; imported here so the module loads everywhere

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = size_kib * 1024 + extra_bytes
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    return cap
