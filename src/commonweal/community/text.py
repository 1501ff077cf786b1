"""Telling which script a name is written in."""

from __future__ import annotations


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
