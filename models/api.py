"""Request and response shapes of the HTTP API, named by role (``DocumentPublic``, ``DocumentsPublic``)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from models.extraction import DocType, DocumentFormat, Extraction, FailureDetail, SignatureInfo

DocumentStatus = Literal["queued", "indexed", "failed"]
JobStatus = Literal["queued", "running", "done", "failed"]

_DOC_EXAMPLE: dict[str, Any] = {
    "id": 12,
    "sha256": "9f2b5c0e8d6a4f1b3c7e9a0d2f4b6c8e1a3d5f7b9c0e2a4d6f8b1c3e5a7d9f0b",
    "file_name": "avviso-psz-distretto-4.pdf",
    "size": 48213,
    "doc_type": "avviso",
    "title": "Avviso pubblico per la co-progettazione del Piano Sociale di Zona",
    "date": "2025-03-14",
    "pages": 6,
    "status": "indexed",
    "error": None,
    "extractor_version": "0.1.0",
    "created_at": "2026-11-22T09:15:02.114Z",
    "updated_at": "2026-11-22T09:15:05.870Z",
    "ambiti": ["Distretto 4"],
    "format": "pdf",
    "ocr_pages": [],
    "ocr_confidence": [],
    "signatures": [],
}


class ErrorPublic(BaseModel):
    """Every error answer: ``{"error": {"code": …, "message": …}}``, codes from the shared catalogue."""

    model_config = ConfigDict(json_schema_extra={"example": {"error": {"code": "invalid_query", "message": "…"}}})

    error: FailureDetail


class FilePublic(BaseModel):
    """One file a document was received as: the same content as a PDF, a signed .p7m, a Word file, a web page."""

    id: int = Field(description="the file's own id: its original is at /documents/{id}/file")
    sha256: str
    file_name: str = Field(description="the name it was uploaded with (display only)")
    size: int
    format: DocumentFormat | None
    pages: int | None
    ocr_pages: list[int] = Field(default_factory=list)
    signatures: list[SignatureInfo] = Field(default_factory=list)
    uploaded_at: str
    read: bool = Field(description="the document's extraction comes from this file, the best read of them")


class DocumentPublic(BaseModel):
    """A document's metadata and status, without its extraction."""

    model_config = ConfigDict(json_schema_extra={"example": _DOC_EXAMPLE})

    id: int
    sha256: str
    file_name: str = Field(description="the name it was uploaded with (display only)")
    size: int = Field(description="bytes of the original")
    doc_type: DocType | None
    title: str | None
    date: dt.date | None
    pages: int | None
    status: DocumentStatus
    error: FailureDetail | None = Field(description="why extraction failed, when status is 'failed'")
    extractor_version: str | None
    created_at: str
    updated_at: str
    ambiti: list[str] = Field(default_factory=list)
    format: DocumentFormat | None = Field(default=None, description="the format the text was read from")
    ocr_pages: list[int] = Field(default_factory=list, description="1-based pages whose text came from OCR")
    ocr_confidence: list[float] = Field(
        default_factory=list,
        description="Tesseract's mean word confidence (0-100) on each page of ocr_pages: a low one is a poor scan",
    )
    signatures: list[SignatureInfo] = Field(
        default_factory=list, description="signers of the signed envelopes (.p7m) it came in, outermost first"
    )
    files: list[FilePublic] = Field(
        default_factory=list,
        description="every file received with this content, the one it is read from first; "
        "the document is listed, searched and counted once whatever their number",
    )
    previous_version: int | None = Field(
        default=None, description="the document this one revises (a near copy with other dates or figures)"
    )
    next_version: int | None = Field(
        default=None, description="the document that revises this one: its dates replace these in the deadlines"
    )


class DocumentsPublic(BaseModel):
    """One page of documents and how many match in all."""

    data: list[DocumentPublic]
    count: int


class JobPublic(BaseModel):
    """An extraction job: queued, running, done or failed (with the error code)."""

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "id": 31,
                "document_id": 12,
                "kind": "extract",
                "status": "done",
                "attempts": 1,
                "error": None,
                "created_at": "2026-11-22T09:15:02.114Z",
                "started_at": "2026-11-22T09:15:02.301Z",
                "finished_at": "2026-11-22T09:15:05.870Z",
            }
        }
    )

    id: int
    document_id: int
    duplicate_of: int | None = Field(
        default=None, description="the file's content was already known: it joined this document as another file"
    )
    kind: Literal["extract", "reindex"]
    status: JobStatus
    attempts: int
    error: FailureDetail | None
    created_at: str
    started_at: str | None
    finished_at: str | None


class DocumentDetail(DocumentPublic):
    """A document with its extraction (every item with spans and page), its text and page offsets."""

    page_starts: list[int] = Field(description="offset in ``text`` where each page begins (PDFs)")
    extraction: Extraction | None = Field(description="the extracted fields, without the text; None unless indexed")
    text: str | None = Field(description="the extracted text the spans point into")
    job: JobPublic | None = Field(description="the latest extraction job")


class UploadedFile(BaseModel):
    """What happened to one uploaded file."""

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "file_name": "patto-welfare.pdf",
                "sha256": str(_DOC_EXAMPLE["sha256"]),
                "size": 48213,
                "document_id": 12,
                "job_id": 31,
                "status": "queued",
                "duplicate": False,
            }
        }
    )

    file_name: str
    sha256: str
    size: int
    document_id: int
    job_id: int | None = Field(description="the job extracting it; for a duplicate, its latest job")
    status: DocumentStatus
    duplicate: bool = Field(description="the same bytes were already uploaded: this is the existing document")
    duplicate_of: int | None = Field(
        default=None,
        description="the bytes are a known file of document duplicate_of (document_id is that document); a new "
        "file whose content turns out to be known joins its document when extracted: its job then names it",
    )


class UploadPublic(BaseModel):
    """The answer to an upload (202): one entry per file, in the order sent."""

    data: list[UploadedFile]


class FacetValuePublic(BaseModel):
    value: str | int = Field(description="what to pass to the filter of the same name")
    label: str
    count: int = Field(description="matching documents with this value")


class SearchHitPublic(BaseModel):
    """One matching document with a snippet: HTML-escaped text, matched words in ``<mark>``."""

    document: DocumentPublic
    rank: float = Field(description="BM25 rank, lower is better (0 when browsing without a query)")
    snippet: str
    matched_in: Literal["text", "commitment"] | None
    commitment_id: int | None


class SearchPublic(BaseModel):
    """A page of search results, the total, and facet counts over the best results (all when at most 500)."""

    query: str | None
    count: int
    count_exact: bool = Field(
        default=True,
        description="false when `count` is a lower bound: browsing counts up to 10,000 documents; words found in "
        "more than 2,000 passages list and count the documents of the newest 2,000, best first",
    )
    data: list[SearchHitPublic]
    facets: dict[str, list[FacetValuePublic]] = Field(
        description="for each filter (doc_type, year, ambito, comune, party, category), its values and counts "
        "among the first `facets_over` results"
    )
    facets_over: int = Field(
        default=0, description="how many of the results the facets count: all of them, or the best (newest) 500"
    )
    next: str | None = Field(
        default=None, description="cursor of the next page: pass it as `after` to continue; null on the last page"
    )


class DocumentRef(BaseModel):
    """The document an item comes from."""

    id: int
    sha256: str
    file_name: str
    title: str | None
    doc_type: DocType | None
    date: dt.date | None
    ambiti: list[str]


class CommitmentPublic(BaseModel):
    """A commitment with its document and its place in that document's text."""

    id: int
    position: int = Field(description="its index in the document's list of commitments")
    actor: str | None
    text: str
    category: str | None
    spans: list[tuple[int, int]]
    page: int | None
    document: DocumentRef


class CommitmentsPublic(BaseModel):
    data: list[CommitmentPublic]
    count: int
    count_exact: bool = Field(
        default=True,
        description="false when more rows match than are counted (over 10,000): `count` is then a lower bound, and "
        "pages go on past it",
    )
    next: str | None = Field(
        default=None, description="cursor of the next page: pass it as `after` to continue; null on the last page"
    )


class PartyCount(BaseModel):
    name: str = Field(description="canonical organisation name, or the name as written when not resolved")
    kind: str
    canonical: bool
    documents: int


class PartiesPublic(BaseModel):
    data: list[PartyCount]
    count: int


class ComuneCount(BaseModel):
    istat: str
    name: str
    province_code: str
    province: str
    region: str
    documents: int


class ComuniPublic(BaseModel):
    data: list[ComuneCount]
    count: int


class AmbitoCount(BaseModel):
    name: str
    documents: int


class AmbitiPublic(BaseModel):
    data: list[AmbitoCount]
    count: int


class HealthPublic(BaseModel):
    """Whether the service can answer, and the state of its database and queue."""

    status: Literal["ok"]
    version: str
    schema_version: int
    documents: dict[str, int] = Field(description="documents by status, each once whatever its files")
    files: int = Field(default=0, description="files received: a document may have several (another format, layout)")
    jobs: dict[str, int] = Field(description="jobs by status")
    workers: int = Field(description="live extraction worker processes of this server")


class DeadlinePublic(BaseModel):
    """A dated item (deadline, event, signing) with its document, as the feed shows it."""

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "id": 7,
                "uid": "0f8c6a8e-3b7e-5d52-9a53-1c2e4b0c9d11@patti",
                "date": "2025-04-30",
                "time": "12:00",
                "kind": "scadenza",
                "text": "Le manifestazioni di interesse vanno inviate entro le ore 12:00 del 30 aprile 2025.",
                "place": None,
                "what": "invio manifestazione di interesse",
                "summary": "Scadenza: invio manifestazione di interesse — Avviso Piano Sociale di Zona, Distretto 4",
                "spans": [[1520, 1568]],
                "page": 2,
                "document": {
                    "id": 12,
                    "sha256": _DOC_EXAMPLE["sha256"],
                    "file_name": "avviso-psz-distretto-4.pdf",
                    "title": "Avviso Piano Sociale di Zona",
                    "doc_type": "avviso",
                    "date": "2025-03-14",
                    "ambiti": ["Distretto 4"],
                },
            }
        }
    )

    id: int
    uid: str = Field(description="the calendar UID: stable across fetches, re-extractions and restarts")
    date: dt.date
    time: str | None
    kind: str
    text: str = Field(description="the sentence the date comes from")
    place: str | None
    what: str | None
    summary: str
    spans: list[tuple[int, int]]
    page: int | None
    document: DocumentRef


class DeadlinesPublic(BaseModel):
    data: list[DeadlinePublic]
    count: int
    count_exact: bool = Field(
        default=True,
        description="false when more rows match than are counted (over 10,000): `count` is then a lower bound, and "
        "pages go on past it",
    )
    next: str | None = Field(
        default=None, description="cursor of the next page: pass it as `after` to continue; null on the last page"
    )


CorrectableList = Literal[
    "parties", "comuni", "ambiti", "dates", "work_areas", "commitments", "legal_refs", "contacts", "people", "periods"
]  # fmt: skip
"""The lists of an extraction that staff can correct."""


class StaffWrite(BaseModel):
    """A change staff make, signed: who makes it and why, as the history shows it. Fields are ``Any`` so that the
    store refuses a wrong one with 422 ``invalid_correction`` naming it (``service.corrections.validate``)."""

    model_config = ConfigDict(extra="forbid")

    author: Any = Field(description="who makes the change, as the history will show it")
    note: Any = Field(default=None, description="why, for whoever reads the history")


class ItemCorrection(StaffWrite):
    """A correction of one item: its fields (all of them to add one, those that change to edit one) and who
    makes it. ``item`` is checked against the list's model (EXTRACTION.md): an unknown kind, an impossible date or
    an ISTAT code not in the registry is refused with 422, the field named. To add an item found by selecting
    text, give its ``spans`` ([start, end] offsets into the document's ``text``)."""

    item: Any = Field(description="the item's fields, as in the document's extraction (a comune by its `istat`)")


class CorrectionPublic(BaseModel):
    """A stored correction: what it changed in which list, who made it and when, and its state."""

    id: int
    document_id: int
    field: CorrectableList | Literal["document"] = Field(
        description="the list, or `document` for its type, date, title"
    )
    action: Literal["add", "remove", "edit"]
    before: dict[str, Any] | None = Field(description="the item as it was (remove, edit)")
    after: dict[str, Any] | None = Field(description="the item as it should be (add, edit)")
    author: str
    note: str | None
    created_at: str = Field(description="when it was made (UTC, ISO 8601)")
    agrees: bool = Field(description="the latest extraction already says, on its own, what this correction says")
    retired_at: str | None = Field(description="when it was withdrawn; null while it applies")
    retired_by: str | None


class CorrectionsPublic(BaseModel):
    data: list[CorrectionPublic]
    count: int


class CorrectionResult(BaseModel):
    """A correction just made or withdrawn, and the list it touched as the document now holds it."""

    correction: CorrectionPublic
    items: list[dict[str, Any]] = Field(description="the document's corrected list, positions as they now are")


class OrganisationPublic(BaseModel):
    """A canonical organisation parties link to, the other names it is known by, and how many documents name it."""

    id: int
    name: str
    kind: str
    documents: int
    aliases: list[str]


class OrganisationsPublic(BaseModel):
    data: list[OrganisationPublic]
    count: int


class MergeRequest(StaffWrite):
    """Merge this organisation into another (``into``, its id) across every document."""

    into: Any = Field(description="the id of the organisation it becomes")


class NameRequest(StaffWrite):
    """A name for an organisation: a new canonical name, or another name it is known by."""

    name: Any = Field(description="the name")


class RegistryChangePublic(BaseModel):
    """A change of the organisations registry, and whether it was undone."""

    id: int
    action: Literal["merge", "alias", "rename"]
    organisation_id: int
    into_id: int | None = Field(description="for a merge: the organisation it became")
    old_name: str | None
    new_name: str | None
    parties: list[int] = Field(description="for a merge: the party rows it moved")
    aliases: list[str] = Field(description="for a merge: the aliases it carried over")
    author: str
    note: str | None
    created_at: str
    undone_at: str | None
    undone_by: str | None


class RegistryChangesPublic(BaseModel):
    data: list[RegistryChangePublic]
    count: int
