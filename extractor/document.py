"""The clean text of a document and where its pages start."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """Extracted text plus page offsets.

    ``page_starts[i]`` is the offset in ``text`` where page ``i + 1`` begins;
    it is empty for formats without pages (plain text).
    """

    text: str
    page_starts: tuple[int, ...] = field(default=())

    @property
    def page_count(self) -> int | None:
        return len(self.page_starts) or None

    def page_of(self, offset: int) -> int | None:
        """1-based page holding ``offset``, or None for a document without pages."""
        if not self.page_starts:
            return None
        return max(1, bisect_right(self.page_starts, offset))

    @classmethod
    def from_pages(cls, pages: list[str], separator: str = "\n\n") -> Document:
        """Join page texts, remembering where each page starts."""
        starts: list[int] = []
        parts: list[str] = []
        offset = 0
        for i, page in enumerate(pages):
            if i:
                parts.append(separator)
                offset += len(separator)
            starts.append(offset)
            parts.append(page)
            offset += len(page)
        return cls(text="".join(parts), page_starts=tuple(starts))
