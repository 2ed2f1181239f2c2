"""The annotated documents the learned models are trained on: ``../shared/corpus-dev`` without the blind fold.

The blind fold (``corpus/blind.txt``) is left out of every training, so its score stays a measure of text the
models have not seen. The project's synthetic documents (``corpus/synthetic/``) are not trained on: trained on
them too, the models scored better on other synthetic documents and worse on the blind fold (parties 0.853 to
0.806 F1, document type 0.80 to 0.70): their writers annotate some cases otherwise than the corpus does.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus-dev"
BLIND = ROOT / "corpus" / "blind.txt"


def training_documents(corpus: Path) -> list[Path]:
    """The gold files to train on: every one but the blind fold's."""
    blind = set(BLIND.read_text(encoding="utf-8").split()) if BLIND.is_file() else set()
    return [g for g in sorted(corpus.glob("*.gold.json")) if g.name.removesuffix(".gold.json") not in blind]


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
