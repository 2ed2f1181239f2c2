"""Readers: bytes of any supported format in, a clean ``Document`` out.

The reader is chosen by sniffing the content (``sniff.py``), never by trusting the name; a name or media type
that contradicts the content is refused. Signed envelopes (.p7m) are opened and their content read by the
reader of its own format, with the signers recorded on the document.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from extractor.document import Document
from extractor.errors import ErrorCode, PattiError
from extractor.read.docx import read_docx
from extractor.read.html import read_html
from extractor.read.pdf import read_pdf
from extractor.read.signed import unwrap
from extractor.read.sniff import DOCX, HTML, PDF, SIGNED, TEXT, check_declared, sniff, sniff_file
from extractor.read.text import read_text

MAX_BYTES = 200 * 1024 * 1024
_READERS = {PDF: read_pdf, DOCX: read_docx, HTML: read_html, TEXT: read_text}

__all__ = ["MAX_BYTES", "read_bytes", "read_path", "sniff"]


def read_bytes(data: bytes, name: str = "", media_type: str | None = None) -> Document:
    """Read a document held in memory; ``name`` and ``media_type`` only have to agree with the content."""
    if not data.strip():
        raise PattiError(ErrorCode.EMPTY)
    if len(data) > MAX_BYTES:
        raise PattiError(ErrorCode.TOO_LARGE, f"{len(data)} bytes, limit {MAX_BYTES}")
    kind = sniff(data)
    check_declared(kind, name, media_type)
    if kind == SIGNED:
        return _read_signed(data, name)
    return _READERS[kind](data)


def _read_signed(data: bytes, name: str) -> Document:
    """The content of a signed envelope, read by its own reader, with the envelope's signers."""
    envelope = unwrap(data, max_bytes=MAX_BYTES)
    inner_name = name[: -len(".p7m")] if name.lower().endswith(".p7m") else ""
    document = read_bytes(envelope.content, inner_name)
    return replace(document, signatures=envelope.signatures + document.signatures)


def read_path(path: str | Path) -> Document:
    """Read a file from disk, mapping file-system problems to error codes.

    PDFs are handed to the PDF reader by path so that it can read page by
    page instead of holding the whole file in memory.
    """
    path = Path(path)
    if not path.exists():
        raise PattiError(ErrorCode.NOT_FOUND, str(path))
    if not path.is_file():
        raise PattiError(ErrorCode.NOT_A_FILE, str(path))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise PattiError(ErrorCode.TOO_LARGE, f"{size} bytes, limit {MAX_BYTES}")
        if size and sniff_file(path) == PDF:
            check_declared(PDF, path.name)
            return read_pdf(path)
        data = path.read_bytes()
    except OSError as exc:
        raise PattiError(ErrorCode.UNREADABLE, str(exc)) from exc
    return read_bytes(data, path.name)
