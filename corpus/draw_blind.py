"""Draw the blind fold: 20 of the annotated documents added after the first 19, at random.

The fold is drawn once, with a fixed seed, and listed in ``corpus/blind.txt``. Nobody
working on the extractor opens those documents; ``make eval`` scores them apart, so the
fold's figure says how the extractor does on text it was not written against.

Run: ``python corpus/draw_blind.py [../shared/corpus-dev]``.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

SEED = 19  # the issue that asked for the fold
SIZE = 20
# The documents the extractor was first written against: the seeds and dev_01..dev_14.
_NEW = re.compile(r"dev_(\d+)$")
FIRST_NEW = 15


def is_new(name: str) -> bool:
    """Whether a corpus document came after the first recognizers were written (``dev_15`` on)."""
    match = _NEW.match(name)
    return match is not None and int(match.group(1)) >= FIRST_NEW


def new_documents(corpus: Path) -> list[str]:
    """Names of the annotated documents from ``dev_15`` on, in order."""
    names = (gold.name.removesuffix(".gold.json") for gold in sorted(corpus.glob("*.gold.json")))
    return [name for name in names if is_new(name)]


def draw(names: list[str], size: int = SIZE, seed: int = SEED) -> list[str]:
    """``size`` names drawn without replacement by a seeded generator, sorted."""
    return sorted(random.Random(seed).sample(names, size))


def main(argv: list[str]) -> None:
    corpus = Path(argv[1] if len(argv) > 1 else "../shared/corpus-dev")
    out = Path(__file__).with_name("blind.txt")
    out.write_text("\n".join(draw(new_documents(corpus))) + "\n", encoding="utf-8")
    print(f"{out}: {SIZE} documents")


if __name__ == "__main__":
    main(sys.argv)
