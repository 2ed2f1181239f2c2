"""Keys for comparing names written in different ways ("Città", "CITTA'", "citta")."""

from __future__ import annotations

import re
import unicodedata


def strip_accents(text: str) -> str:
    """``text`` without diacritics ("lunedì" -> "lunedi"), case and punctuation kept."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def match_key(text: str) -> str:
    """Lower case, no accents, anything but letters and digits as single spaces."""
    # Accents go first, so "’" and "'" both become a space instead of vanishing.
    plain = strip_accents(text).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())
