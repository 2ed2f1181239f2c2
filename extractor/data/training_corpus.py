"""The annotated documents the learned models are trained on.

Two sources, both gold files beside their texts:

- ``../shared/corpus-dev`` without the blind fold (``corpus/blind.txt``), which is left out of every
  training so that its score stays a measure of text the models have not seen;
- ``corpus/synthetic/train``: documents of the same kinds written for this project from the extraction
  spec alone, by other hands, in the wording of many regions (``corpus/synthetic/README.md``). They
  widen what the models see beyond the corpus's writers. Their sister folder ``heldout`` is never
  trained on: it is scored, as the blind fold is.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus-dev"
BLIND = ROOT / "corpus" / "blind.txt"
SYNTHETIC_TRAINING = ROOT / "corpus" / "synthetic" / "train"


def training_documents(corpus: Path, synthetic: Path | None = SYNTHETIC_TRAINING) -> list[Path]:
    """The gold files to train on: every one of ``corpus`` but the blind fold's, then those of ``synthetic``."""
    blind = set(BLIND.read_text(encoding="utf-8").split()) if BLIND.is_file() else set()
    annotated = [g for g in sorted(corpus.glob("*.gold.json")) if g.name.removesuffix(".gold.json") not in blind]
    if not annotated or synthetic is None:
        return annotated
    return annotated + sorted(synthetic.glob("*.gold.json"))


def text_of(gold: Path) -> str:
    """The text a gold file annotates."""
    return gold.with_name(gold.name.removesuffix(".gold.json") + ".txt").read_text(encoding="utf-8")


def build_main(argv: list[str] | None, description: str, build: Callable[[Path], str], output: Path) -> None:
    """The command line of a model's build script: ``[--corpus DIR] [--out FILE]``."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=output)
    args = parser.parse_args(argv)
    if not training_documents(args.corpus):
        parser.error(f"no annotated documents (*.gold.json beside their .txt) in {args.corpus}")
    args.out.write_text(build(args.corpus), encoding="utf-8")
    print(f"{args.out}: trained on {args.corpus}")
