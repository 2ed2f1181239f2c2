"""The clean text of a document and where its pages start."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Signature:
    """One signer of a signed envelope (.p7m), as the envelope states it.

    ``verified`` is True only when the signature was checked cryptographically against the content;
    ``verification`` says in words what was (not) checked, e.g. "not verified".
    """

    signer: str | None
    signing_time: str | None = None  # ISO 8601, as the signed attributes give it
    issuer: str | None = None
    verified: bool = False
    verification: str = "not verified"


@dataclass(frozen=True)
class Document:
    """Extracted text plus page offsets, and how it was read.

    ``page_starts[i]`` is the offset in ``text`` where page ``i + 1`` begins;
    it is empty for formats without pages (plain text). ``format`` is the format
    the text was read from (``pdf``, ``text``, ``docx``, ``html``), ``ocr_pages``
    the 1-based pages whose text came from OCR and ``ocr_confidence`` Tesseract's
    mean word confidence (0-100) on each of them, ``signatures`` the signers of the
    envelopes it came in (outermost first).
    """

    text: str
    page_starts: tuple[int, ...] = field(default=())
    format: str = "text"
    ocr_pages: tuple[int, ...] = field(default=())
    ocr_confidence: tuple[float, ...] = field(default=())
    signatures: tuple[Signature, ...] = field(default=())

    @property
    def page_count(self) -> int | None:
        return len(self.page_starts) or None

    def page_of(self, offset: int) -> int | None:
        """1-based page holding ``offset``, or None for a document without pages."""
        if not self.page_starts:
            return None
        return max(1, bisect_right(self.page_starts, offset))

    @classmethod
    def from_pages(cls, pages: list[str], separator: str = "\n\n", format: str = "pdf") -> Document:
        """Join page texts of a paged format (PDF), remembering where each page starts."""
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
        return cls(text="".join(parts), page_starts=tuple(starts), format=format)
