"""Score the extractor on the annotated corpus, fold by fold.

The corpus (``../shared/corpus-dev``) falls into three folds:

- ``seen``: the seeds and ``dev_01``..``dev_14``, which the first recognizers were written against;
- ``dev``: the later documents (``dev_15`` on) outside the blind fold, open to anyone working;
- ``blind``: the documents listed in ``corpus/blind.txt`` (``corpus/draw_blind.py``), never
  opened while working, so their figure is the honest one for unseen text.

Two more folds are this project's synthetic documents (``corpus/synthetic/README.md``), not the
shared corpus: ``synthetic`` (``corpus/synthetic/open``, read while working) and ``heldout``
(``corpus/synthetic/heldout``, which nobody opens, as the blind fold).

Each fold is extracted from its texts in this process, written as JSON lines under
``data/eval/`` and scored by the shared scorer (``../shared/eval/score.py``), whose table is
printed unchanged. ``--per-doc`` adds its per-document rows; don't use it on ``blind``.

Run: ``python -m corpus.evaluate [--fold all|seen|dev|blind ...] [--per-doc]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from corpus.draw_blind import is_new

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SYNTHETIC = ROOT / "corpus" / "synthetic"
# The folds of the synthetic documents, by the folder that holds them.
SYNTHETIC_FOLDS = {"synthetic": SYNTHETIC / "open", "heldout": SYNTHETIC / "heldout"}
FOLDS = ("all", "seen", "dev", "blind", *SYNTHETIC_FOLDS)


def blind_names() -> set[str]:
    """The documents of the blind fold."""
    return set((ROOT / "corpus" / "blind.txt").read_text(encoding="utf-8").split())


def fold_of(name: str, blind: set[str]) -> str:
    """``seen``, ``dev`` or ``blind`` for a corpus document's name."""
    if name in blind:
        return "blind"
    return "dev" if is_new(name) else "seen"


def fold_documents(corpus: Path, fold: str) -> list[Path]:
    """The gold files of ``fold`` (``all`` for every one of ``corpus``; a synthetic fold's from its folder)."""
    if fold in SYNTHETIC_FOLDS:
        return sorted(SYNTHETIC_FOLDS[fold].glob("*.gold.json"))
    blind = blind_names()
    golds = sorted(corpus.glob("*.gold.json"))
    return [g for g in golds if fold == "all" or fold_of(g.name.removesuffix(".gold.json"), blind) == fold]


def extract_fold(golds: list[Path], out: Path) -> None:
    """Extract the text beside each gold file into JSON lines, as ``patti extract`` prints them."""
    from extractor.errors import PattiError
    from extractor.pipeline import extract_path

    with out.open("w", encoding="utf-8") as lines:
        for gold in golds:
            text = gold.with_name(gold.name.removesuffix(".gold.json") + ".txt")
            try:
                record = extract_path(text).model_dump(mode="json")
            except PattiError as error:
                record = {"source": str(text), "error": str(error)}
            lines.write(json.dumps(record, ensure_ascii=False) + "\n")


def score(golds: list[Path], predictions: Path, per_doc: bool) -> str:
    """The shared scorer's table for these documents."""
    with tempfile.TemporaryDirectory() as tmp:
        for gold in golds:
            (Path(tmp) / gold.name).symlink_to(gold.resolve())
        command = [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", tmp, "--pred", str(predictions)]
        if per_doc:
            command.append("--per-doc")
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fold", choices=FOLDS, action="append", help="fold(s) to score (default: all, blind)")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus-dev")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "eval")
    parser.add_argument(
        "--per-doc", action="store_true", help="per-document counts (not for the blind and held-out folds)"
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for fold in args.fold or ["all", "blind"]:
        golds = fold_documents(args.corpus, fold)
        predictions = args.out / f"{fold}.jsonl"
        extract_fold(golds, predictions)
        print(f"== fold {fold}: {len(golds)} documents")
        print(score(golds, predictions, args.per_doc and fold not in ("blind", "heldout")), end="")


if __name__ == "__main__":
    main()
