"""How a benchmark hands on its section of BENCH.md: printed, and appended to the file when one is named."""

from __future__ import annotations

from pathlib import Path


def emit(section: str, append: Path | None) -> None:
    """Print ``section`` and, when ``append`` names a file, add it at the file's end."""
    print(section)
    if append:
        with append.open("a", encoding="utf-8") as handle:
            handle.write(section)
