"""Cue phrases found in every turn at once: one search of the whole meeting per phrase.

Topics and candidates look for a few dozen phrases in every turn. Searching each turn for
each phrase costs a call per turn and phrase, nearly all of them finding nothing; here the
turns' texts are joined by newlines and lowered once, each phrase is found along the whole
text, and each hit is given to its turn by offset (``bisect``). The hits are exactly those
of ``find_phrases`` turn by turn (a phrase holds no newline, so no hit spans two
turns, and a newline before a turn's start is no letter, as the start of a text is none).
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

_SEPARATOR = "\n"


def find_phrases(text: str, phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of the phrases, case-insensitively, by word.

    str.find on the lower-cased text is many times faster than a regex alternation with
    IGNORECASE; a Latin phrase must start at a word boundary ("we will", not "awe will").
    """
    if len(text) <= _SHORT:
        return list(_phrases_in_short(text, phrases))
    return _find_phrases(text, phrases)


# Short turns repeat ("Thank you.", "hi" in a dense transcript): their hits are remembered.
_SHORT = 64


# Topics and candidates look for three or four tables of phrases in each turn: the text
# is lowered once. (The pair is replaced whole, so a reader never sees a mismatched one.)
_last_lowered: tuple[str, str] = ("", "")


def _lowered(text: str) -> str:
    global _last_lowered
    last_text, lowered = _last_lowered
    if last_text is not text:
        lowered = text.lower()
        if len(lowered) != len(text):  # a rare character changed length: offsets would drift
            lowered = text
        _last_lowered = (text, lowered)
    return lowered


@lru_cache(maxsize=4096)
def _phrases_in_short(text: str, phrases: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    return tuple(_find_phrases(text, phrases))


def _find_phrases(text: str, phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    lowered = _lowered(text)
    hits = []
    for phrase in phrases:
        position = lowered.find(phrase)
        while position != -1:
            if not (phrase[0].isascii() and position and lowered[position - 1].isalnum()):
                hits.append((position, position + len(phrase)))
            position = lowered.find(phrase, position + 1)
    return sorted(hits)


class CueIndex:
    """The turns' texts, lowered and joined, with where each turn starts."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.lowered = _lowered_joined(texts)
        # Where each turn starts: 8 bytes a turn (a list of ints takes 36).
        starts = array("q")
        position = 0
        for text in texts:
            starts.append(position)
            position += len(text) + 1
        self.starts = starts

    def hits(self, phrases: tuple[str, ...]) -> dict[int, list[tuple[int, int]]]:
        """Turn position -> (start, end) of each phrase in that turn's text, sorted."""
        lowered = self.lowered
        if lowered is None or any(_SEPARATOR in phrase or not phrase for phrase in phrases):
            return self._hits_turn_by_turn(phrases)
        starts = self.starts
        found: dict[int, list[tuple[int, int]]] = {}
        for phrase in phrases:
            latin = phrase[0].isascii()
            size = len(phrase)
            position = lowered.find(phrase)
            while position != -1:
                if not (latin and position and lowered[position - 1].isalnum()):
                    turn = bisect_right(starts, position) - 1
                    local = position - starts[turn]
                    found.setdefault(turn, []).append((local, local + size))
                position = lowered.find(phrase, position + 1)
        for spans in found.values():
            spans.sort()
        return found

    def _hits_turn_by_turn(self, phrases: tuple[str, ...]) -> dict[int, list[tuple[int, int]]]:
        found = {}
        for position, text in enumerate(self.texts):
            spans = find_phrases(text, phrases)
            if spans:
                found[position] = spans
        return found


# Turns lowered together, a batch at a time: str.lower() of a non-ASCII string takes
# 12 bytes a character while it works, so the whole meeting at once would cost 4x its text.
_BATCH = 4096


def _lowered_joined(texts: Sequence[str]) -> str | None:
    """The texts joined by newlines and lowered; None when lowering changed a length (a
    rare character): the offsets would move, so each turn is then searched on its own."""
    batches = []
    for first in range(0, len(texts), _BATCH):
        batch = _SEPARATOR.join(texts[first : first + _BATCH])
        lowered = batch.lower()
        if len(lowered) != len(batch):
            return None
        batches.append(lowered)
    return _SEPARATOR.join(batches)
