"""The data contracts of patti: what the extractor produces and the service serves."""

from models.extraction import (
    Ambito,
    Commitment,
    Comune,
    Contact,
    DatedItem,
    Extraction,
    ExtractionFailure,
    FailureDetail,
    Item,
    LegalRef,
    Party,
    Period,
    Person,
    Reading,
    SignatureInfo,
    WorkArea,
)

__all__ = [
    "Ambito",
    "Commitment",
    "Comune",
    "Contact",
    "DatedItem",
    "Extraction",
    "ExtractionFailure",
    "FailureDetail",
    "Item",
    "LegalRef",
    "Party",
    "Period",
    "Person",
    "Reading",
    "SignatureInfo",
    "WorkArea",
]
