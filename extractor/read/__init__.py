"""Readers: bytes of any supported format in, a clean ``Document`` out.

The reader is chosen by sniffing the content, never by trusting the name;
the name only sharpens the error when content and name disagree.
"""

from __future__ import annotations

from pathlib import Path

from extractor.document import Document
from extractor.errors import ErrorCode, PattiError
from extractor.read.pdf import read_pdf
from extractor.read.text import read_text

MAX_BYTES = 200 * 1024 * 1024
_PDF_MAGIC = b"%PDF-"
# PDF 1.7 lets the header start anywhere in the first 1024 bytes.
_PDF_HEADER_WINDOW = 1024
_BINARY_MAGIC = {
    b"PK\x03\x04": "a ZIP container (DOCX, ODT, XLSX or archive)",
    b"\xd0\xcf\x11\xe0": "an OLE document (old .doc/.xls)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
    b"{\\rtf": "an RTF document",
}


def sniff(data: bytes) -> str:
    """``"pdf"``, ``"text"`` or a description of an unsupported binary format."""
    # Another format's signature at byte 0 wins: a ZIP may store a PDF, a PNG may say %PDF- in a text chunk.
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            return what
    if _PDF_MAGIC in data[:_PDF_HEADER_WINDOW]:
        return "pdf"
    return "text"


def read_bytes(data: bytes, name: str = "") -> Document:
    """Read a document held in memory; ``name`` is only used in messages."""
    if not data.strip():
        raise PattiError(ErrorCode.EMPTY)
    if len(data) > MAX_BYTES:
        raise PattiError(ErrorCode.TOO_LARGE, f"{len(data)} bytes, limit {MAX_BYTES}")
    kind = sniff(data)
    if kind == "pdf":
        return read_pdf(data)
    if kind != "text":
        raise PattiError(ErrorCode.UNSUPPORTED_FORMAT, kind)
    if name.lower().endswith(".pdf"):
        raise PattiError(ErrorCode.PDF_INVALID, "named .pdf but has no PDF header")
    return read_text(data)


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
        with path.open("rb") as handle:
            head = handle.read(_PDF_HEADER_WINDOW)
        if sniff(head) == "pdf":
            return read_pdf(path)
        data = path.read_bytes()
    except OSError as exc:
        raise PattiError(ErrorCode.UNREADABLE, str(exc)) from exc
    return read_bytes(data, path.name)
