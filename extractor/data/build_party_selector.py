"""Train ``party_selector.json`` on the gold parties of the annotated corpus.

Every named body the parties recognizer finds in a document is a training row
(``parties.candidates``), labelled a party when it matches a gold party of the
document as the scorer matches them (token-set ratio >= 85 on normalised
names, one to one). The documents are those of ``../shared/corpus-dev`` except
the blind fold listed in ``corpus/blind.txt``, which is never trained on.

Run ``make train`` (or ``python -m extractor.data.build_party_selector
[--corpus DIR]``) after changing the candidates or their features;
``tests/extractor/recognizers/test_party_selector.py`` checks that the shipped
file is what this script produces. The file also records the model's
leave-one-document-out precision and recall on the candidates.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from rapidfuzz import fuzz

from extractor.data.training_corpus import build_main, text_of, training_documents
from extractor.learning import Features, Model, model_json, train
from extractor.nlp import analyze
from extractor.recognizers.doc_type import classify_document
from extractor.recognizers.parties import PARTY_MODEL, candidates

OUTPUT = Path(__file__).with_name(PARTY_MODEL)
THRESHOLD = 0.5
# The scorer's bar for one name to match another.
MATCH = 85


def _normal(name: str) -> str:
    """The scorer's normal form: ASCII, lower case, punctuation as spaces."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().replace("’", "'")
    return " ".join(re.sub(r"[^a-z0-9&]+", " ", plain).split())


def labels(names: Sequence[str], gold: Sequence[str]) -> list[int]:
    """1 for each name matched one to one to a gold name, the most similar pairs first."""
    pairs = sorted(
        (-score, i, j)  # ties go to the earlier name
        for i, name in enumerate(names)
        for j, wanted in enumerate(gold)
        if (score := fuzz.token_set_ratio(_normal(name), _normal(wanted))) >= MATCH
    )
    out, used = [0] * len(names), set()
    for _, i, j in pairs:
        if not out[i] and j not in used:
            out[i] = 1
            used.add(j)
    return out


def document_rows(gold_path: Path) -> tuple[list[Features], list[int]]:
    """The candidates' features and labels of one annotated document."""
    analysis = analyze(text_of(gold_path))
    found = candidates(analysis, classify_document(analysis)[0])
    gold = [p["name"] for p in json.loads(gold_path.read_text(encoding="utf-8")).get("parties") or []]
    return [c.features for c in found], labels([c.name for c in found], gold)


def leave_one_out(documents: list[tuple[list[Features], list[int]]], threshold: float) -> tuple[float, float]:
    """Precision and recall on each document's candidates of a model trained on the others."""
    chosen = right = positives = 0
    for k, (rows, wanted) in enumerate(documents):
        if not rows:
            continue
        others = [d for i, d in enumerate(documents) if i != k]
        held_out = Model(train([r for d in others for r in d[0]], [y for d in others for y in d[1]]), threshold)
        picked = [held_out.probability(r) >= threshold for r in rows]
        chosen += sum(picked)
        right += sum(p and y for p, y in zip(picked, wanted, strict=True))
        positives += sum(wanted)
    return (right / chosen if chosen else 0.0, right / positives if positives else 0.0)


def build(corpus: Path) -> str:
    """The model file's text, trained on ``corpus``."""
    paths = training_documents(corpus)
    documents = [document_rows(p) for p in paths]
    rows = [r for d in documents for r in d[0]]
    wanted = [y for d in documents for y in d[1]]
    precision, recall = leave_one_out(documents, THRESHOLD)
    summary = {
        "documents": len(paths),
        "candidates": len(rows),
        "parties": sum(wanted),
        "leave_one_out_precision": round(precision, 3),
        "leave_one_out_recall": round(recall, 3),
    }
    return model_json(Model(train(rows, wanted), THRESHOLD), summary)


def main(argv: list[str] | None = None) -> None:
    build_main(argv, __doc__ or "", build, OUTPUT)


if __name__ == "__main__":
    main()
