"""Pydantic models for the extractor's output, field by field as in EXTRACTION.md.

Every item carries its provenance: ``spans`` (character offsets into the
document's extracted text, one per mention) and ``page`` (1-based page of the
first mention, ``None`` for plain text).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

DocType = Literal["patto", "avviso", "intesa", "accordo", "rendiconto", "delibera", "altro"]

PartyKind = Literal[
    "comune",
    "provincia",
    "regione",
    "ambito",
    "ats_asst",
    "sindacato",
    "terzo_settore",
    "fondazione",
    "consorzio",
    "azienda_speciale",
    "scuola",
    "impresa",
    "altro",
]

DateKind = Literal["scadenza", "evento", "firma", "altro"]

Category = Literal[
    "famiglia_minori",
    "giovani",
    "anziani_non_autosufficienza",
    "disabilita",
    "poverta_esclusione",
    "abitare",
    "lavoro_formazione",
    "immigrazione",
    "salute_sociosanitario",
    "dipendenze",
    "violenza_genere_pari_opportunita",
    "educazione_istruzione",
    "comunita_partecipazione",
    "governance",
    "altro",
]

LegalKind = Literal[
    "legge",
    "legge_regionale",
    "dlgs",
    "dl",
    "dpr",
    "dpcm",
    "dm",
    "dgr",
    "regolamento_ue",
    "direttiva_ue",
    "altro",
]

ContactKind = Literal["email", "pec", "phone"]

Span = tuple[int, int]


class Item(BaseModel):
    """Provenance shared by every extracted item."""

    model_config = ConfigDict(extra="forbid")

    spans: list[Span] = Field(default_factory=list, description="[start, end) offsets of each mention")
    page: int | None = Field(default=None, ge=1, description="1-based page of the first mention")

    @field_validator("spans")
    @classmethod
    def _spans_are_ordered(cls, spans: list[Span]) -> list[Span]:
        for start, end in spans:
            if start < 0 or end < start:
                raise ValueError(f"invalid span [{start}, {end}]")
        return spans


class Party(Item):
    name: str
    kind: PartyKind
    canonical: str | None = None


class Comune(Item):
    name: str
    istat: str | None = Field(default=None, pattern=r"^\d{6}$")
    surface: str


class Ambito(Item):
    name: str


class DatedItem(Item):
    date: dt.date
    time: str | None = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    kind: DateKind
    text: str
    place: str | None = None
    what: str | None = None


class WorkArea(Item):
    label: str
    category: Category


class Commitment(Item):
    actor: str | None = None
    text: str
    category: Category | None = None


class LegalRef(Item):
    kind: LegalKind
    number: str
    year: int = Field(ge=1800, le=2200)
    article: str | None = None
    comma: str | None = None
    text: str


class Contact(Item):
    kind: ContactKind
    value: str
    owner: str | None = None


class Person(Item):
    name: str
    role: str | None = None


class Period(Item):
    start: int = Field(ge=1800, le=2200)
    end: int = Field(ge=1800, le=2200)


DocumentFormat = Literal["pdf", "text", "docx", "html"]


class SignatureInfo(BaseModel):
    """A signer of the signed envelope (.p7m) a document came in; ``verified`` only when checked."""

    signer: str | None = Field(description="the signer's name from the certificate (never a fiscal code)")
    signing_time: str | None = Field(default=None, description="ISO 8601, as the envelope states it")
    issuer: str | None = Field(default=None, description="who issued the signer's certificate")
    verified: bool = Field(default=False, description="True only when the signature was checked")
    verification: str = Field(default="not verified", description="what was checked, or why not")


class Reading(BaseModel):
    """How the text was obtained: the format read, the pages that needed OCR, the envelopes' signers."""

    format: DocumentFormat
    ocr_pages: list[int] = Field(default_factory=list, description="1-based pages whose text came from OCR")
    ocr_confidence: list[float] = Field(
        default_factory=list,
        description="Tesseract's mean word confidence (0-100) on each page of ocr_pages, in the same order",
    )
    signatures: list[SignatureInfo] = Field(default_factory=list, description="outermost envelope first")


class Extraction(BaseModel):
    """Everything extracted from one document."""

    model_config = ConfigDict(extra="forbid")

    source: str
    doc_type: DocType = "altro"
    title: str | None = None
    date: dt.date | None = None
    parties: list[Party] = Field(default_factory=list)
    comuni: list[Comune] = Field(default_factory=list)
    ambiti: list[Ambito] = Field(default_factory=list)
    dates: list[DatedItem] = Field(default_factory=list)
    work_areas: list[WorkArea] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    legal_refs: list[LegalRef] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    periods: list[Period] = Field(default_factory=list)
    pages: int | None = Field(default=None, description="page count, None for plain text")
    extractor_version: str
    text: str | None = Field(default=None, description="the extracted text, when asked for")
    reading: Reading | None = Field(default=None, description="format, OCR pages and signatures of the source")


class FailureDetail(BaseModel):
    code: str = Field(description="stable error code from extractor.errors")
    message: str


class ExtractionFailure(BaseModel):
    """What the extractor reports for an input it could not read."""

    source: str
    error: FailureDetail
    extractor_version: str
