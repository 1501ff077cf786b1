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
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import accumulate, compress, count, islice, repeat
from operator import add, sub

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
    """The turns' texts, lowered and joined, with where each turn starts.

    ``phrases``: every phrase that will be asked for. Phrases that share a part
    ("i suggest", "we suggest") are then found by one search for that part (an anchor)
    and a check of each of its hits, instead of one search of the whole meeting each.
    """

    def __init__(self, texts: Sequence[str], phrases: Iterable[str] = ()) -> None:
        self.texts = texts
        self.lowered = _lowered_joined(texts)
        self._anchors = anchors(tuple(phrases))  # anchor -> [(phrase, offset in it)]
        self._anchor_of = {
            phrase: anchor for anchor, members in self._anchors.items() for phrase, _ in members
        }
        self._found: dict[str, array] = {}  # phrase -> where it is in ``lowered``
        self._start_list: list[int] | None = None

    def spans(self, phrases: tuple[str, ...]) -> list[tuple[int, int, int]]:
        """(turn, start, end) of each phrase in a turn's text, sorted."""
        if self.lowered is None or any(_SEPARATOR in phrase or not phrase for phrase in phrases):
            return self._spans_turn_by_turn(phrases)
        found: list[tuple[int, int, int]] = []
        for phrase in phrases:
            positions = self._positions(phrase)
            if not positions:
                continue
            starts = self._starts()
            # Each hit's turn and offset in it, in C: no Python a hit.
            turns = list(map(sub, map(bisect_right, repeat(starts), positions), repeat(1)))
            local = list(map(sub, positions, map(starts.__getitem__, turns)))
            found.extend(zip(turns, local, map(add, local, repeat(len(phrase))), strict=True))
        found.sort()
        return found

    def _starts(self) -> list[int]:
        """Where each turn starts in ``lowered`` (its length and a newline after each
        turn before it), summed in C; made only for a meeting where some phrase is (a
        list, which bisect reads in C: 36 bytes a turn)."""
        if self._start_list is None:
            ends = accumulate(map(len, self.texts), initial=0)
            self._start_list = list(islice(map(add, ends, count()), len(self.texts)))
        return self._start_list

    def _positions(self, phrase: str) -> array:
        positions = self._found.get(phrase)
        if positions is None:
            anchor = self._anchor_of.get(phrase, phrase)
            self._search(anchor, self._anchors.get(anchor, [(phrase, 0)]))
            positions = self._found[phrase]
        return positions

    def _search(self, anchor: str, members: list[tuple[str, int]]) -> None:
        """Find ``anchor`` along the meeting, and from its hits each member phrase."""
        lowered = self.lowered
        assert lowered is not None
        hits = []
        position = lowered.find(anchor)
        while position != -1:
            hits.append(position)
            position = lowered.find(anchor, position + 1)
        for phrase, offset in members:
            found = hits
            if phrase != anchor:
                # Where the phrase would start, for each hit far enough in; kept where it
                # does (in C: a map of startswith over the hits).
                starts = list(map(sub, hits[bisect_left(hits, offset) :], repeat(offset)))
                found = list(compress(starts, map(lowered.startswith, repeat(phrase), starts)))
            if phrase[0].isascii():  # a Latin phrase starts a word: "we will", not "awe will"
                found = [at for at in found if not (at and lowered[at - 1].isalnum())]
            self._found[phrase] = array("q", found)

    def _spans_turn_by_turn(self, phrases: tuple[str, ...]) -> list[tuple[int, int, int]]:
        found = []
        for position, text in enumerate(self.texts):
            found.extend((position, start, end) for start, end in find_phrases(text, phrases))
        return found


@lru_cache(maxsize=64)
def anchors(phrases: tuple[str, ...]) -> dict[str, list[tuple[str, int]]]:
    """Parts to search for instead of the phrases: anchor -> [(phrase, where in it)].

    Greedily, the part (``_parts``) that most phrases not yet covered hold, the longest
    of those. Any choice finds the same hits; fewer anchors mean fewer searches of the
    whole meeting, and rarer ones fewer hits to check.
    Remembered: the cue tables are few and fixed (the callers do not change the result).
    """
    left = [phrase for phrase in dict.fromkeys(phrases) if phrase]
    chosen: dict[str, list[tuple[str, int]]] = {}
    while left:
        best = max(
            {part for phrase in left for part in _parts(phrase)},
            key=lambda part: (sum(part in phrase for phrase in left), len(part), part),
        )
        chosen[best] = [(phrase, phrase.find(best)) for phrase in left if best in phrase]
        left = [phrase for phrase in left if best not in phrase]
    return chosen


def _parts(phrase: str) -> set[str]:
    """What an anchor for ``phrase`` may be: the phrase, and in a phrase of words each
    word of three letters or more (a part of a word, "tion", is found everywhere); in a
    phrase without spaces (CJK) any part of two characters or more."""
    if " " in phrase or phrase.isascii():
        return {phrase, *(word for word in phrase.split() if len(word) >= 3)}
    return {
        phrase[start:end]
        for start in range(len(phrase))
        for end in range(start + min(2, len(phrase)), len(phrase) + 1)
    }


# Turns lowered together, a batch of about this many characters at a time: str.lower() of
# a non-ASCII string takes 12 bytes a character while it works, so the whole meeting at
# once would cost 4x its text.
_BATCH = 16384


def _lowered_joined(texts: Sequence[str]) -> str | None:
    """The texts joined by newlines and lowered; None when lowering changed a length (a
    rare character): the offsets would move, so each turn is then searched on its own."""
    if not texts:
        return ""
    # As many turns a batch as make about _BATCH characters on average; a batch that
    # holds a few much longer turns is lowered a turn at a time.
    size = max(1, _BATCH * len(texts) // (sum(map(len, texts)) + len(texts)))
    batches = []
    for first in range(0, len(texts), size):
        chosen = texts[first : first + size]
        batch = _SEPARATOR.join(chosen)
        if len(batch) > 4 * _BATCH and len(chosen) > 1:
            lowered = _SEPARATOR.join(text.lower() for text in chosen)
        else:
            lowered = batch.lower()
        if len(lowered) != len(batch):
            return None
        batches.append(lowered)
    return _SEPARATOR.join(batches)
