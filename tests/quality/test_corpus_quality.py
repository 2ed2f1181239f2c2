"""Quality on the bundled corpus: F1 per field from the texts and from every PDF layout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.pipeline import extract_path
from extractor.scoring import Tally, category_accuracy, count_matches, doc_type_accuracy, score

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
GOLD = sorted((CORPUS / "dev").glob("*.gold.json"))
LAYOUTS = sorted(p.name for p in (CORPUS / "pdf").iterdir() if p.is_dir()) if (CORPUS / "pdf").is_dir() else []
# The F1 each field must reach, from the texts and from every PDF layout.
TARGET_F1 = {
    "dates": 0.9,
    "deadline_feed": 0.9,
    "legal_refs": 0.9,
    "contacts": 0.9,
    "people": 0.9,
    "periods": 0.9,
    "comuni": 0.95,
    "parties": 0.85,
    "ambiti": 0.85,
    "work_areas": 0.85,
    "commitments": 0.75,
}
TARGET_DOC_TYPE_ACCURACY = 1.0
TARGET_CATEGORY_ACCURACY = 0.85


def _predictions(source: str) -> list[tuple[dict, dict]]:
    pairs = []
    for gold_path in GOLD:
        stem = gold_path.name.removesuffix(".gold.json")
        path = CORPUS / "dev" / f"{stem}.txt" if source == "text" else CORPUS / "pdf" / source / f"{stem}.pdf"
        pred = extract_path(path).model_dump(mode="json")
        pairs.append((json.loads(gold_path.read_text(encoding="utf-8")), pred))
    return pairs


@pytest.mark.quality
@pytest.mark.parametrize("source", ["text", *LAYOUTS])
def test_f1_per_field(source: str) -> None:
    pairs = _predictions(source)
    tallies = score(pairs, list(TARGET_F1))
    report = {f: round(t.f1, 3) for f, t in tallies.items()}
    failing = {f: v for f, v in report.items() if v < TARGET_F1[f]}
    assert not failing, f"{source}: F1 below target: {failing} (all: {report})"
    assert doc_type_accuracy(pairs) >= TARGET_DOC_TYPE_ACCURACY
    assert category_accuracy(pairs) >= TARGET_CATEGORY_ACCURACY


def test_every_layout_of_the_corpus_is_there() -> None:
    assert {"one_column", "two_columns", "running_header", "hyphenated", "numbered_list"} <= set(LAYOUTS)
    for layout in LAYOUTS:
        assert len(list((CORPUS / "pdf" / layout).glob("*.pdf"))) == len(GOLD)


# The scorer itself: one-to-one matching and the edge cases of precision and recall.
def test_matching_is_one_to_one() -> None:
    same = lambda g, p: 100.0 if g["v"] == p["v"] else 0.0  # noqa: E731
    assert count_matches([{"v": 1}], [{"v": 1}, {"v": 1}], same, 100) == 1
    assert count_matches([{"v": 1}, {"v": 1}], [{"v": 1}], same, 100) == 1
    assert count_matches([{"v": 1}], [{"v": 2}], same, 100) == 0


@pytest.mark.parametrize(
    ("tally", "p", "r"),
    [
        (Tally(0, 0, 0), 1.0, 1.0),
        (Tally(2, 0, 0), 0.0, 0.0),
        (Tally(0, 3, 0), 0.0, 1.0),
        (Tally(4, 2, 2), 1.0, 0.5),
    ],
)
def test_precision_and_recall_edges(tally: Tally, p: float, r: float) -> None:
    assert (tally.precision, tally.recall) == (p, r)


def test_people_match_fuzzily_and_phones_by_digits() -> None:
    gold = {
        "people": [{"name": "Maria Giustina Raciti"}],
        "contacts": [{"kind": "phone", "value": "029278434"}],
    }
    pred = {
        "people": [{"name": "d.ssa Maria Giustina Raciti"}],
        "contacts": [{"kind": "phone", "value": "+39 02 9278434"}],
    }
    tallies = score([(gold, pred)], ["people", "contacts"])
    assert tallies["people"].matched == 1
    assert tallies["contacts"].matched == 1
