"""The corpus folds: the blind fold is drawn, not chosen, and no fold overlaps another."""

from __future__ import annotations

import json
from typing import get_args

import pytest

from corpus.draw_blind import SIZE, draw, new_documents
from corpus.evaluate import SHARED, blind_names, fold_documents, fold_of
from models.extraction import DocType

LIST_FIELDS = ("parties", "comuni", "ambiti", "dates", "work_areas", "commitments", "legal_refs", "contacts")


def test_the_draw_is_seeded_and_without_repeats() -> None:
    names = [f"dev_{n}" for n in range(15, 75)]
    assert draw(names) == draw(list(names))  # the same fold on every run
    assert len(set(draw(names))) == SIZE
    assert draw(names, seed=1) != draw(names, seed=2)


@pytest.mark.skipif(not (SHARED / "corpus-dev").is_dir(), reason="the shared corpus is not there")
def test_the_blind_list_is_the_seeded_draw_of_the_shared_corpus() -> None:
    # Nobody picked the fold by hand: it is what draw_blind.py draws from the corpus.
    assert blind_names() == set(draw(new_documents(SHARED / "corpus-dev")))


@pytest.mark.parametrize(
    ("name", "fold"),
    [
        ("000_2733dd1fb8777219", "seen"),
        ("dev_01", "seen"),
        ("dev_14", "seen"),
        ("dev_15", "dev"),
        ("dev_74", "dev"),
        ("dev_7x", "seen"),
    ],
)
def test_fold_of(name: str, fold: str) -> None:
    assert fold_of(name, blind={"dev_16"}) == fold


def test_a_blind_name_is_in_the_blind_fold_only() -> None:
    assert fold_of("dev_16", blind={"dev_16"}) == "blind"


def test_the_synthetic_folds_are_apart_and_every_annotation_has_its_text() -> None:
    train, held_out = (fold_documents(SHARED / "corpus-dev", fold) for fold in ("synthetic", "heldout"))
    names = [{gold.name for gold in fold} for fold in (train, held_out)]
    assert train and held_out and not names[0] & names[1]
    for gold in train + held_out:
        assert gold.with_name(gold.name.removesuffix(".gold.json") + ".txt").is_file(), gold.name


def test_every_synthetic_annotation_holds_to_the_extraction_model() -> None:
    for gold in fold_documents(SHARED / "corpus-dev", "synthetic") + fold_documents(SHARED / "corpus-dev", "heldout"):
        annotation = json.loads(gold.read_text(encoding="utf-8"))
        assert annotation["doc_type"] in get_args(DocType), gold.name
        assert all(isinstance(annotation.get(field, []), list) for field in LIST_FIELDS), gold.name
