"""Name normalisation shared by roster import and identity matching."""

from __future__ import annotations

import unicodedata


def normalize_name(name: str) -> str:
    """Fold case, accents and spacing so that "GORAN  MARBY" matches "Göran Marby"."""
    decomposed = unicodedata.normalize("NFKD", name)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(without_marks.casefold().split())


def script_of(text: str) -> str:
    """The ISO 15924 code of the first letter's script: Latn, Hans, Arab, Cyrl or Zyyy."""
    for ch in text:
        if not ch.isalpha():
            continue
        code = ord(ch)
        if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
            return "Hans"
        if 0x0600 <= code <= 0x06FF:
            return "Arab"
        if 0x0400 <= code <= 0x04FF:
            return "Cyrl"
        return "Latn"
    return "Zyyy"
