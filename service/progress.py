"""A one-line progress bar on a terminal; silent when the stream is not one (logs, pipes, tests)."""

from __future__ import annotations

import shutil
from typing import TextIO

_BAR = 30


class Progress:
    """``done/total`` with a bar and the last item's name, redrawn in place."""

    def __init__(self, total: int, stream: TextIO, label: str = "") -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.label = label
        self.enabled = stream.isatty() and total > 0

    def advance(self, item: str = "") -> None:
        self.done += 1
        if not self.enabled:
            return
        filled = _BAR * self.done // self.total
        line = f"{self.label}[{'#' * filled}{'.' * (_BAR - filled)}] {self.done}/{self.total} {item}"
        width = shutil.get_terminal_size().columns - 1
        self.stream.write("\r" + line[:width].ljust(width))
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
