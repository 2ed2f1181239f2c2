"""Train ``doc_type_model.json``: document types from the cues' scores, on the annotated corpus.

Each gold file of ``../shared/corpus-dev`` but the blind fold gives one row, the ``type_features`` of its
text labelled with its gold type; one logistic model per type is trained against the others. Run ``make
train`` (or ``python -m extractor.data.build_doc_type_model [--corpus DIR]``) after changing the cues in
``doc_types.toml``, then retrain the party model, which reads the type; the tests check that the shipped
file is what this script produces. The file records the leave-one-document-out accuracy.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from extractor.data.training_corpus import build_main, text_of, training_documents
from extractor.learning import Classifier, Features, Model, classifier_json, train
from extractor.recognizers.doc_type import DOC_TYPE_MODEL, DOC_TYPES, type_features

OUTPUT = Path(__file__).with_name(DOC_TYPE_MODEL)


def fit(rows: Sequence[tuple[Features, str]]) -> Classifier:
    """One model per document type, trained against the other types."""
    features = [f for f, _ in rows]
    return Classifier({name: Model(train(features, [int(t == name) for _, t in rows])) for name in DOC_TYPES})


def build(corpus: Path) -> str:
    """The model file's text, trained on ``corpus``."""
    paths = training_documents(corpus)
    rows = [(type_features(text_of(p)), json.loads(p.read_text(encoding="utf-8"))["doc_type"]) for p in paths]
    # Leave one document out: trained on the others, is its type found?
    right = sum(
        fit([*rows[:k], *rows[k + 1 :]]).best(features)[0] == wanted for k, (features, wanted) in enumerate(rows)
    )
    summary = {"documents": len(rows), "leave_one_out_accuracy": round(right / len(rows), 3) if rows else 0.0}
    return classifier_json(fit(rows), summary)


def main(argv: list[str] | None = None) -> None:
    build_main(argv, __doc__ or "", build, OUTPUT)


if __name__ == "__main__":
    main()
