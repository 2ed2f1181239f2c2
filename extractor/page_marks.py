"""A page's own number written as a line of text: layout, never part of what the page says."""

from __future__ import annotations

import re

_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:(?:pagina|pag\.?|p\.|page)\s*)?\d{1,3}"
    r"(?:\s*(?:di|/|of|de)\s*\d{1,4})?(?:\s*[-–—])?$",
    re.IGNORECASE,
)


def is_page_number(text: str) -> bool:
    """True for a lone page number: ``3``, ``- 3 -``, ``Pagina 3 di 7``, ``3/7``, ``pag. 3``."""
    return bool(_PAGE_NUMBER.match(text.strip()))
