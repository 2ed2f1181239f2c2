"""Properties of layout repair across pages: rejoining words and addresses never loses or invents text."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.read.layout import Word, clean_word, page_lines, pages_text

# Reproducible in CI: fixed seed, no example database.
PROPERTY = settings(derandomize=True, database=None, deadline=None, max_examples=120)

CHAR, LEADING = 5.0, 12.0
# Pieces that send a word down the repair paths: hyphens at either end, soft hyphens,
# pieces of addresses, ligatures and unmapped glyphs, digits, punctuation.
PIECES = ["", "-", "\u00ad", "@", "/", "www.", ".it", "Pro", "x-", "3", "-y", "(cid:3)", "ﬁ", ".", ","]
box = st.tuples(
    st.integers(0, 120),  # x, in characters
    st.integers(0, 50),  # row
    st.integers(1, 14),  # width, in characters
    st.sampled_from([8.0, 10.0, 14.0]),  # font size
    st.sampled_from(PIECES),
    st.sampled_from(PIECES),
)


def _letters(n: int) -> str:
    """A distinct letters-only name per word, so no row repeats as a running header."""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(97 + r) + out
    return out


def _signature(text: str) -> Counter[str]:
    """The characters that survive any rejoining: hyphens and spaces may go, nothing else."""
    return Counter(c for c in text if not c.isspace() and c not in "-\u00ad")


@PROPERTY
@given(st.lists(st.lists(box, max_size=60), min_size=1, max_size=3))
def test_rejoining_across_lines_and_pages_keeps_every_character(pages: list[list[tuple]]) -> None:
    words: list[list[Word]] = []
    n = 0
    for boxes in pages:
        page = []
        for x, row, width, size, head, tail in boxes:
            text = f"{head}{_letters(n)}{tail}"
            n += 1
            page.append(Word(text, x * CHAR, (x + width) * CHAR, row * LEADING, row * LEADING + size))
        words.append(page)
    texts = pages_text([page_lines(page) for page in words])
    written = "".join(clean_word(w.text) for page in words for w in page)
    assert len(texts) == len(pages)
    assert _signature("".join(texts)) == _signature(written)
