"""The scoring rules of EXTRACTION.md: how well an extraction matches a gold annotation, field by field.

Items match one to one, best pairs first; a field's figures are micro averages over all documents. The project's
quality tests use it on the corpus, and ``patti eval --corrections`` on the documents staff corrected.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz

Item = dict
Similarity = Callable[[Item, Item], float]


def normalise(value: object) -> str:
    """Lower case, no accents, punctuation to spaces."""
    text = unicodedata.normalize("NFKD", str(value or "")).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9&]+", " ", text.lower().replace("’", "'"))
    return " ".join(text.split())


def phone_digits(value: object) -> str:
    digits = re.sub(r"\D", "", str(value or ""))
    if digits.startswith("0039"):
        return digits[4:]
    if digits.startswith("39") and len(digits) >= 11 and digits[2] in "03":
        return digits[2:]
    return digits


def _same(key: Callable[[Item], object]) -> Similarity:
    def similarity(gold: Item, pred: Item) -> float:
        k = key(gold)
        return 100.0 if k is not None and k == key(pred) else 0.0

    return similarity


def _fuzzy(field: str) -> Similarity:
    return lambda g, p: fuzz.token_set_ratio(normalise(g.get(field)), normalise(p.get(field)))


def _commitment_similarity(gold: Item, pred: Item) -> float:
    """Texts alike (token-set ratio) and of comparable length (within a factor of 3)."""
    a, b = normalise(gold.get("text")), normalise(pred.get("text"))
    if not a or not b or not 1 / 3 <= len(a) / len(b) <= 3:
        return 0.0
    return fuzz.token_set_ratio(a, b)


def _legal_key(x: Item) -> object:
    try:
        return (x.get("kind"), normalise(x.get("number")), int(x["year"]))
    except (KeyError, TypeError, ValueError):
        return None


def _contact_key(x: Item) -> object:
    if x.get("kind") == "phone":
        return ("phone", phone_digits(x.get("value")))
    return ("mail", str(x.get("value", "")).strip().lower())


# field -> (similarity, threshold)
RULES: dict[str, tuple[Similarity, float]] = {
    "dates": (_same(lambda x: x.get("date")), 100),
    "deadline_feed": (_same(lambda x: (x.get("date"), x.get("time") or None)), 100),
    "legal_refs": (_same(_legal_key), 100),
    "contacts": (_same(_contact_key), 100),
    "people": (_fuzzy("name"), 85),
    "work_areas": (_fuzzy("label"), 80),
    "commitments": (_commitment_similarity, 75),
    "parties": (_fuzzy("name"), 85),
    "ambiti": (_fuzzy("name"), 85),
    "comuni": (_same(lambda x: normalise(x.get("name")) or None), 100),
    "periods": (_same(lambda x: (x.get("start"), x.get("end"))), 100),
}


def items_of(document: dict, field: str) -> list[Item]:
    if field == "deadline_feed":
        return [d for d in document.get("dates") or [] if d.get("kind") in ("scadenza", "evento")]
    return list(document.get(field) or [])


def matched_pairs(
    gold: list[Item], pred: list[Item], similarity: Similarity, threshold: float
) -> list[tuple[Item, Item]]:
    """One-to-one matches, the most similar pairs first."""
    candidates = sorted(
        ((s, i, j) for i, g in enumerate(gold) for j, p in enumerate(pred) if (s := similarity(g, p)) >= threshold),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((gold[i], pred[j]))
    return pairs


def count_matches(gold: list[Item], pred: list[Item], similarity: Similarity, threshold: float) -> int:
    return len(matched_pairs(gold, pred, similarity, threshold))


def doc_type_accuracy(pairs: list[tuple[dict, dict]]) -> float:
    return sum(g.get("doc_type") == p.get("doc_type") for g, p in pairs) / len(pairs)


def category_accuracy(pairs: list[tuple[dict, dict]]) -> float:
    """Share of matched work areas whose category is one the gold accepts."""
    similarity, threshold = RULES["work_areas"]
    right = total = 0
    for gold, pred in pairs:
        for g, p in matched_pairs(items_of(gold, "work_areas"), items_of(pred, "work_areas"), similarity, threshold):
            total += 1
            right += p.get("category") in (g.get("categories") or [g.get("category")])
    return right / total if total else 1.0


@dataclass
class Tally:
    """Gold items, predicted items and the matches between them, for one field over some documents."""

    gold: int = 0
    pred: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.pred if self.pred else float(self.gold == 0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(pairs: list[tuple[dict, dict]], fields: list[str] | None = None) -> dict[str, Tally]:
    """Micro-averaged tallies per field over (gold, predicted) document pairs."""
    tallies = {f: Tally() for f in fields or list(RULES)}
    for gold, pred in pairs:
        for field, tally in tallies.items():
            similarity, threshold = RULES[field]
            g, p = items_of(gold, field), items_of(pred, field)
            tally.gold += len(g)
            tally.pred += len(p)
            tally.matched += count_matches(g, p, similarity, threshold)
    return tallies
