"""Small logistic models trained on the annotated corpus, and how they are shipped.

Where the rules of a recognizer stop generalising (which named bodies are
parties, which type a document is), a logistic model over general features
decides. Models are trained by the scripts in ``extractor/data/`` (``make
train``) on the gold files of the corpus, never on the blind fold, and shipped
as JSON beside the word lists: weights by feature name, and a record of how the
model was trained. This module loads them and scores; training needs numpy.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from extractor.lexicon import data_text

Features = Mapping[str, float]


@dataclass(frozen=True)
class Model:
    """A binary logistic model: weights by feature name, and the probability that counts as yes."""

    weights: dict[str, float]
    threshold: float = 0.5

    def probability(self, features: Features) -> float:
        """The model's probability of yes for ``features``; unknown features weigh nothing."""
        z = sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def as_dict(self) -> dict[str, object]:
        return {"threshold": self.threshold, "weights": {k: round(v, 6) for k, v in sorted(self.weights.items())}}


@dataclass(frozen=True)
class Classifier:
    """One model per class, one against the rest; the likeliest class wins."""

    models: dict[str, Model]

    def best(self, features: Features) -> tuple[str, float]:
        """The likeliest class and its share of the classes' probabilities (a confidence in [0, 1])."""
        scored = {name: model.probability(features) for name, model in self.models.items()}
        winner = max(sorted(scored), key=lambda name: scored[name])
        return winner, round(scored[winner] / sum(scored.values()), 3)


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


def model_json(model: Model, summary: Mapping[str, object]) -> str:
    """A binary model's file: its weights and how it was trained."""
    return json.dumps({**model.as_dict(), "training": summary}, ensure_ascii=False, indent=1) + "\n"


def classifier_json(classifier: Classifier, summary: Mapping[str, object]) -> str:
    """A classifier's file: each class's model and how they were trained."""
    classes = {name: model.as_dict() for name, model in sorted(classifier.models.items())}
    return json.dumps({"classes": classes, "training": summary}, ensure_ascii=False, indent=1) + "\n"


def _model(data: dict[str, Any]) -> Model:
    return Model({k: float(v) for k, v in data["weights"].items()}, float(data["threshold"]))


@cache
def load_model(file_name: str) -> Model:
    """The binary model shipped as ``extractor/data/<file_name>``."""
    return _model(json.loads(data_text(file_name)))


@cache
def load_classifier(file_name: str) -> Classifier:
    """The classifier shipped as ``extractor/data/<file_name>``."""
    data = json.loads(data_text(file_name))
    return Classifier({name: _model(model) for name, model in data["classes"].items()})
