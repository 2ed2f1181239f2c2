"""Store rows turned into the API's response models."""

from __future__ import annotations

from typing import Any

from models.api import CommitmentPublic, DocumentPublic, DocumentRef, JobPublic
from models.extraction import FailureDetail


def _error(code: str | None, message: str | None) -> FailureDetail | None:
    return FailureDetail(code=code, message=message or "") if code else None


def document_public(row: dict[str, Any]) -> DocumentPublic:
    fields = {name: row[name] for name in DocumentPublic.model_fields if name in row and name != "error"}
    return DocumentPublic(**fields, error=_error(row["error_code"], row["error_message"]))


def document_ref(row: dict[str, Any]) -> DocumentRef:
    """The document part of an item row (``document_id``, ``sha256``, ``file_name``, ``title``…)."""
    return DocumentRef(
        id=row["document_id"],
        sha256=row["sha256"],
        file_name=row["file_name"],
        title=row["title"],
        doc_type=row["doc_type"],
        date=row["date"],
        ambiti=row["ambiti"],
    )


def job_public(job: dict[str, Any]) -> JobPublic:
    fields = {name: job[name] for name in JobPublic.model_fields if name != "error" and name in job}
    return JobPublic(**fields, error=_error(job["error_code"], job["error_message"]))


def commitment_public(row: dict[str, Any]) -> CommitmentPublic:
    """A commitment row of ``commitments_page`` with its document."""
    fields = {name: row[name] for name in ("id", "position", "actor", "text", "category", "spans", "page")}
    return CommitmentPublic(**fields, document=document_ref(row))
