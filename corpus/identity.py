"""Measure the content-identity thresholds of ``extractor.fingerprint`` on the bundled corpus.

Every corpus text is read as text and in each PDF layout (``corpus/pdf/<layout>/``): those
readings are one content, and their lowest similarity to one another must clear
``SAME_CONTENT``. Different documents (the whole annotated corpus beside the project, when
present, which holds many documents of the same ambito and kind) must stay below
``VERSION``. Prints both sides and whether the thresholds hold.

Run: ``python -m corpus.identity [--corpus ../shared/corpus-dev]``.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from extractor.fingerprint import SAME_CONTENT, VERSION, Fingerprint, fingerprint, same_words
from extractor.read import read_path

ROOT = Path(__file__).resolve().parent


def readings(name: str) -> dict[str, tuple[str, Fingerprint]]:
    """The text and fingerprint of one corpus document read from its text and from every PDF layout."""
    found = {}
    for path in [ROOT / "dev" / f"{name}.txt", *sorted((ROOT / "pdf").glob(f"*/{name}.pdf"))]:
        text = read_path(path).text
        if (print_ := fingerprint(text)) is not None:
            found[path.parent.name if path.suffix == ".pdf" else "text"] = (text, print_)
    return found


def same_content_lowest(names: list[str]) -> tuple[float, str]:
    """The lowest similarity between two readings of one document, and where it was found (0 when two
    readings differ in more words than layout explains)."""
    lowest, where = 1.0, ""
    for name in names:
        for (a, (ta, fa)), (b, (tb, fb)) in itertools.combinations(readings(name).items(), 2):
            if (s := fa.similarity(fb)) < lowest:
                lowest, where = s, f"{name}: {a} / {b}"
            if not same_words(ta, tb):
                return 0.0, f"{name}: {a} / {b} differ in more words than layout changes"
    return lowest, where


def different_highest(texts: list[Path]) -> tuple[float, str]:
    """The highest similarity between two different documents, and which."""
    prints = {p.stem: fp for p in texts if (fp := fingerprint(p.read_text(encoding="utf-8"))) is not None}
    highest, where = 0.0, ""
    for (a, fa), (b, fb) in itertools.combinations(prints.items(), 2):
        if (s := fa.similarity(fb)) > highest:
            highest, where = s, f"{a} / {b}"
    return highest, where


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent.parent / "shared" / "corpus-dev")
    args = parser.parse_args(argv)
    names = sorted(p.stem for p in (ROOT / "dev").glob("*.txt"))
    lowest, low_where = same_content_lowest(names)
    texts = sorted(args.corpus.glob("*.txt")) if args.corpus.is_dir() else sorted((ROOT / "dev").glob("*.txt"))
    highest, high_where = different_highest(texts)
    print(f"same content, lowest similarity: {lowest:.3f} ({low_where}); threshold {SAME_CONTENT}")
    print(f"different documents ({len(texts)}), highest similarity: {highest:.3f} ({high_where}); version {VERSION}")
    holds = lowest >= SAME_CONTENT and highest < VERSION
    print("thresholds hold" if holds else "thresholds do NOT hold")
    return 0 if holds else 1


if __name__ == "__main__":
    raise SystemExit(main())
