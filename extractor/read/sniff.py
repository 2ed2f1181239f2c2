"""Which format a file is in, decided by its bytes; a name or media type that says otherwise is refused.

Readers are chosen here and nowhere else: a ``.pdf`` that is really an HTML error page, or a ``.docx`` that is
a renamed archive, never reaches a reader that would misread it.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from extractor.errors import ErrorCode, PattiError
from extractor.read.docx import is_docx
from extractor.read.html import is_html
from extractor.read.signed import is_signed

PDF, TEXT, HTML, DOCX, SIGNED = "pdf", "text", "html", "docx", "signed"
READABLE = (PDF, TEXT, HTML, DOCX, SIGNED)
MEDIA_TYPES = {
    PDF: "application/pdf",
    TEXT: "text/plain",
    HTML: "text/html",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    SIGNED: "application/pkcs7-mime",
}
HEAD_BYTES = 64 * 1024  # enough for every signature but a ZIP's central directory, which sits at the end
_PDF_MAGIC = b"%PDF-"
_PDF_HEADER_WINDOW = 1024  # PDF 1.7 lets the header start anywhere in the first 1024 bytes
_ZIP_MAGIC = b"PK\x03\x04"
_BINARY_MAGIC = {
    _ZIP_MAGIC: "a ZIP container (ODT, XLSX or archive), not a Word document",
    b"\xd0\xcf\x11\xe0": "an OLE document (old .doc/.xls, or an encrypted Office file)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
    b"{\\rtf": "an RTF document",
}
# What a name's last suffix or a declared media type claims. Text and HTML are one family: a notice saved as
# .txt may hold its page's markup, and an .html fragment may be plain text.
_BY_SUFFIX = {
    ".pdf": PDF,
    ".txt": TEXT,
    ".text": TEXT,
    ".md": TEXT,
    ".htm": HTML,
    ".html": HTML,
    ".xhtml": HTML,
    ".docx": DOCX,
    ".p7m": SIGNED,
}
_BY_MEDIA_TYPE = {media: kind for kind, media in MEDIA_TYPES.items()} | {"application/x-pkcs7-mime": SIGNED}
_FAMILY = {TEXT: TEXT, HTML: TEXT}


def sniff(data: bytes) -> str:
    """The format of ``data`` (one of ``READABLE``), or a description of the unsupported format it is in."""
    # Another format's signature at byte 0 wins over a %PDF- further on: a ZIP may store a PDF, a PNG may say
    # %PDF- in a text chunk.
    if data.startswith(_ZIP_MAGIC) and is_docx(data):
        return DOCX
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            return what
    # Before the PDF window: a signed PDF's own %PDF- header sits a few dozen bytes into its envelope.
    if is_signed(data):
        return SIGNED
    if _PDF_MAGIC in data[:_PDF_HEADER_WINDOW]:
        return PDF
    return HTML if is_html(data) else TEXT


def sniff_file(path: Path) -> str:
    """``sniff`` for a file on disk, reading only its head (and a ZIP's central directory)."""
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if head.startswith(_ZIP_MAGIC):
        # The directory is at the end; is_docx guards its size, so the whole (size-capped) file is read.
        return DOCX if is_docx(path.read_bytes()) else _BINARY_MAGIC[_ZIP_MAGIC]
    return sniff(head)


def declared_format(name: str = "", media_type: str | None = None) -> str | None:
    """The format a file name's last suffix, or else a media type, claims; None when they claim nothing known."""
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if media_type:
        return _BY_MEDIA_TYPE.get(media_type.split(";", 1)[0].strip().lower())
    return None


def check_declared(kind: str, name: str = "", media_type: str | None = None) -> None:
    """Refuse content in no readable format, or whose format contradicts its name or media type (type spoofing)."""
    if kind not in READABLE:
        raise PattiError(ErrorCode.UNSUPPORTED_FORMAT, kind)
    declared = declared_format(name, media_type)
    if declared is None or _FAMILY.get(declared, declared) == _FAMILY.get(kind, kind):
        return
    if declared == PDF and _FAMILY.get(kind) == TEXT:  # a PDF without its header: broken, or an error page
        raise PattiError(ErrorCode.PDF_INVALID, f"named as a PDF, but it has no PDF header (the content is {kind})")
    raise PattiError(ErrorCode.UNSUPPORTED_FORMAT, f"declared as {declared}, but the content is {kind}")
