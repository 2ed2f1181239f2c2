"""Which named bodies are parties, learned from the annotated corpus.

The rules of ``parties`` find the parties a document's wording makes plain
(signing sentences, "tra … e …", issuing verbs). Documents word this in more
ways than rules can list, so every named body the rules leave out is also
scored by a logistic model over general features of its mentions: its kind,
the document's type, where and how often it is named, and which cue words
share its sentences. The model is trained on the gold parties of the corpus
by ``extractor/data/build_party_selector.py`` (``make train``) and shipped as
``data/party_selector.json``; this module only loads it and scores.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from extractor.lexicon import data_text

MODEL_FILE = "party_selector.json"
Features = Mapping[str, float]


@dataclass(frozen=True)
class Model:
    """Weights by feature name and the probability a body needs to count as a party."""

    weights: dict[str, float]
    threshold: float

    def probability(self, features: Features) -> float:
        """The model's probability that a body with ``features`` is a party."""
        z = sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def to_json(self, summary: Mapping[str, object]) -> str:
        """The model file's text: weights sorted by name, and how it was trained."""
        return (
            json.dumps(
                {
                    "threshold": self.threshold,
                    "weights": {k: round(v, 6) for k, v in sorted(self.weights.items())},
                    "training": summary,
                },
                ensure_ascii=False,
                indent=1,
            )
            + "\n"
        )


@cache
def model() -> Model:
    """The shipped model."""
    data = json.loads(data_text(MODEL_FILE))
    return Model({k: float(v) for k, v in data["weights"].items()}, float(data["threshold"]))


def train(
    rows: Sequence[Features], labels: Sequence[int], *, l2: float = 1.0, steps: int = 3000, rate: float = 1.0
) -> dict[str, float]:
    """Logistic regression weights by batch gradient descent with an L2 penalty (the bias included)."""
    import numpy as np  # only training needs it

    names = sorted({name for row in rows for name in row})
    x = np.array([[row.get(name, 0.0) for name in names] for row in rows], dtype=float)
    y = np.array(labels, dtype=float)
    w = np.zeros(len(names))
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -60, 60)))
        w -= rate * (x.T @ (p - y) + l2 * w) / len(y)
    return {name: float(value) for name, value in zip(names, w, strict=True)}
