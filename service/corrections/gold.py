"""Corrected documents as gold annotations in the format of ``../shared/corpus-dev``, and the extractor scored
against them.

A document staff corrected is a document whose right answer is known: written out as ``NAME.txt`` beside
``NAME.gold.json`` it joins the annotated corpus for evaluation and training (``patti export --gold DIR``), and the
current extractor can be scored against every corrected document at once (``patti eval --corrections``) with the
scoring rules of EXTRACTION.md (``extractor.scoring``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from extractor.document import Document
from extractor.pipeline import extract_document
from extractor.scoring import RULES, Tally, doc_type_accuracy, score
from models import Extraction

# The fields of each list's items in a gold file (EXTRACTION.md); work areas give their category as a list.
_GOLD_FIELDS: dict[str, tuple[str, ...]] = {
    "parties": ("name", "kind"),
    "comuni": ("name", "istat", "surface"),
    "ambiti": ("name",),
    "dates": ("date", "time", "kind", "text", "place", "what"),
    "work_areas": ("label",),
    "commitments": ("text", "actor", "category"),
    "legal_refs": ("kind", "number", "year", "article", "comma", "text"),
    "contacts": ("kind", "value", "owner"),
    "people": ("name", "role"),
    "periods": ("start", "end"),
}
_NAME_CHARS = 40


def gold_annotation(extraction: Extraction) -> dict[str, Any]:
    """``extraction`` as a gold file holds it: the document's type, date and title, and each list's items without
    provenance."""
    gold: dict[str, Any] = {
        "doc_type": extraction.doc_type,
        "date": extraction.date.isoformat() if extraction.date else None,
        "title": extraction.title,
    }
    for field, names in _GOLD_FIELDS.items():
        items = [item.model_dump(mode="json") for item in getattr(extraction, field)]
        gold[field] = [{name: item.get(name) for name in names} for item in items]
        if field == "work_areas":
            for written, item in zip(gold[field], items, strict=True):
                written["categories"] = [item["category"]]
    return gold


def gold_name(document_id: int, file_name: str) -> str:
    """The name a corrected document is exported under: its id, then its file's name in plain letters
    ("00042-avviso-tavoli-2025")."""
    base = re.split(r"[/\\]", file_name)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    plain = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:_NAME_CHARS].rstrip("-")
    return f"{document_id:05d}-{slug}" if slug else f"{document_id:05d}"


@dataclass(frozen=True)
class Scored:
    """The extractor against the corrected documents: each field's tally, the document types and dates right."""

    documents: int
    tallies: dict[str, Tally]
    doc_type_accuracy: float
    date_accuracy: float

    @property
    def mean_f1(self) -> float:
        return sum(t.f1 for t in self.tallies.values()) / len(self.tallies) if self.tallies else 0.0

    def table(self) -> str:
        """The figures as the shared scorer prints them."""
        lines = [f"{'field':<14} {'P':>7} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
        for field, t in self.tallies.items():
            lines.append(f"{field:<14} {t.precision:7.3f} {t.recall:6.3f} {t.f1:6.3f} {t.gold:6d} {t.pred:6d}")
        lines.append(f"doc_type accuracy {self.doc_type_accuracy:.3f}  date accuracy {self.date_accuracy:.3f}")
        lines.append(f"mean F1 {self.mean_f1:.3f} over {self.documents} documents")
        return "\n".join(lines) + "\n"

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "fields": {
                field: {
                    "precision": round(t.precision, 3),
                    "recall": round(t.recall, 3),
                    "f1": round(t.f1, 3),
                    "gold": t.gold,
                    "pred": t.pred,
                }
                for field, t in self.tallies.items()
            },
            "doc_type_accuracy": round(self.doc_type_accuracy, 3),
            "date_accuracy": round(self.date_accuracy, 3),
            "mean_f1": round(self.mean_f1, 3),
        }


def score_against(pairs: Sequence[tuple[dict[str, Any], dict[str, Any]]]) -> Scored:
    """The figures of (gold, predicted) annotation pairs."""
    pairs = list(pairs)
    if not pairs:
        return Scored(0, {}, 0.0, 0.0)
    dates = sum(g.get("date") == p.get("date") for g, p in pairs) / len(pairs)
    return Scored(len(pairs), score(pairs, list(RULES)), doc_type_accuracy(pairs), dates)


def extract_again(text: str, page_starts: Sequence[int], source: str) -> dict[str, Any]:
    """What the current extractor finds in a stored document's text, as an annotation to score."""
    extraction = extract_document(Document(text=text, page_starts=tuple(page_starts)), source)
    return gold_annotation(extraction)
