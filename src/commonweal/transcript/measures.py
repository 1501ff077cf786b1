"""Measuring the floor: units, shares, speaking time, questions, interruptions, balance.

Units are words, or characters for Chinese, Japanese and Korean (where a character is
about a word); a Latin word or number inside Chinese speech ("ICANN", "PDP 3.0") counts
as one unit. Speaking time is exact where the format has timestamps; otherwise each
turn gets units / speaking rate + a fixed hand-over, and all turns are scaled together
so that the meeting's stated duration is spent (calibration). The floor-balance index
is the normalised entropy of the shares: 1 when everyone speaks as much, towards 0 when
one voice holds the floor.
"""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Callable, Sequence
from itertools import repeat
from operator import mul

from commonweal.transcript.labels import CJK
from commonweal.transcript.languages import (
    DEFAULT_SPEAKING_RATE,
    EXTRA_SENTENCE_MARKS,
    SPEAKING_RATE,
    TURN_OVERHEAD_SECONDS,
)

_UNIT = re.compile(rf"[{CJK}]|[^\W_{CJK}]+(?:[-.'’][^\W_{CJK}]+)*")
# ``_UNIT`` where no CJK character is left: the same words, found without trying a CJK
# character first at every position.
_WORD = re.compile(rf"[^\W_{CJK}]+(?:[-.'’][^\W_{CJK}]+)*")
_HAS_CJK = re.compile(f"[{CJK}]")
_CJK_RUN = re.compile(f"[{CJK}]+")
# A token of no letter or digit ("—"): after whitespace, or at the very start. Matching the
# whitespace (not a look-behind) lets the regex skip ahead to the next space.
_NO_WORD_TOKEN = re.compile(r"\s[^\w\s]+(?!\S)")
_NO_WORD_FIRST = re.compile(r"[^\w\s]+(?!\S)")
_QUESTION = re.compile(r"[?？]+")
_QUESTION_PAIRS = ("??", "？？", "?？", "？?")
_ARABIC_QUESTION = re.compile(r"[?？؟]+")
# ASCII text as classes, one byte a character: a letter, digit or "_" (what ``\w`` is in
# ASCII) becomes "a", whitespace (what str.split() splits at) " ", anything else ".".
_ASCII_CLASSES = bytes(
    ord("a")
    if chr(code).isalnum() or chr(code) == "_"
    else ord(" ")
    if chr(code).isspace()
    else ord(".")
    for code in range(256)
)


def count_units(text: str) -> int:
    """Words, with each CJK character counted as one.

    A word is a run of letters and digits, joined by "-", ".", "'" (ISOC-DC, 3.0, don't).
    Text without CJK takes a faster road to the same count: whitespace tokens, less those
    with no letter or digit ("—").
    """
    if text.isascii():  # isascii() reads a flag: no scan
        return _count_ascii_tokens(text)
    if _HAS_CJK.search(text):
        # Each CJK character is a unit: count them by replacing each run with one space
        # (a space, so the words on either side stay apart), then count the words left.
        rest, runs = _CJK_RUN.subn(" ", text)
        return len(text) - len(rest) + runs + len(_WORD.findall(rest))
    return _count_tokens(text)


def _count_tokens(text: str) -> int:
    no_word = len(_NO_WORD_TOKEN.findall(text)) + bool(_NO_WORD_FIRST.match(text))
    return len(text.split()) - no_word


def _count_ascii_tokens(text: str) -> int:
    """``_count_tokens`` for ASCII text, without making a string a word: the text as
    classes of characters (in C), a token starting wherever a space is followed by a
    letter or digit. A token that starts with punctuation may hold no letter or digit:
    then the count is made the long way."""
    classes = text.encode("ascii").translate(_ASCII_CLASSES)
    if b" ." in classes or classes[:1] == b".":
        return _count_tokens(text)
    return classes.count(b" a") + (classes[:1] == b"a")


def count_questions(text: str) -> int:
    """Sentences that end in a question mark ("？？" is one question)."""
    if "?" not in text and "？" not in text:  # most turns: two scans in C, no regex
        return 0
    if not any(map(text.__contains__, _QUESTION_PAIRS)):  # each mark its own question
        return text.count("?") + text.count("？")
    return len(_QUESTION.findall(text))


def count_arabic_questions(text: str) -> int:
    """The same where questions may also end in the Arabic question mark "؟"."""
    return len(_ARABIC_QUESTION.findall(text))


def question_counter(language: str) -> Callable[[str], int]:
    """How a language's turns count their questions: Arabic adds "؟" to the marks, the
    others keep the two scans that make most turns cost nothing."""
    return (
        count_arabic_questions if "؟" in EXTRA_SENTENCE_MARKS.get(language, "") else count_questions
    )


def per_text(count: Callable[[str], int], texts: Sequence[str]) -> array:
    """``count`` of each text, as an array: a text of a few characters is counted once
    however often it comes back ("hi" on every other line of a dense transcript)."""
    return array("i", map(_Remembered(count).__getitem__, texts))


class _Remembered(dict[str, int]):
    def __init__(self, count: Callable[[str], int]) -> None:
        super().__init__()
        self._count = count

    def __missing__(self, text: str) -> int:
        value = self._count(text)
        if len(text) <= _REMEMBERED_LENGTH and len(self) < _REMEMBERED:
            self[text] = value
        return value


_REMEMBERED_LENGTH = 64
_REMEMBERED = 4096


def estimate_seconds(
    units: Sequence[int], language: str, stated_seconds: float | None
) -> tuple[array, str]:
    """Seconds per turn from units, calibrated to the stated duration when there is one.

    An array of doubles (8 bytes a turn; a list of floats takes 32), scaled in place.
    """
    rate = SPEAKING_RATE.get(language, DEFAULT_SPEAKING_RATE)
    # count / rate + overhead, worked out once for each count that occurs (a meeting has
    # a few hundred), then looked up for each turn in C.
    of_count = {count: count / rate + TURN_OVERHEAD_SECONDS for count in set(units)}
    seconds = array("d", map(of_count.__getitem__, units))
    total = sum(seconds)
    if stated_seconds and total:
        return array("d", map(mul, seconds, repeat(stated_seconds / total))), "stated"
    return seconds, "estimated"


def balance(amounts: list[float]) -> float:
    """Normalised Shannon entropy of the shares: 1.0 even, near 0.0 one voice dominates."""
    total = sum(amounts)
    present = [amount / total for amount in amounts if amount > 0] if total else []
    if len(present) <= 1:
        return 1.0 if len(amounts) <= 1 else 0.0
    entropy = -sum(share * math.log(share) for share in present)
    return entropy / math.log(len(amounts))
