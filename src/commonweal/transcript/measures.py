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
from collections.abc import Sequence

from commonweal.transcript.labels import CJK
from commonweal.transcript.languages import (
    DEFAULT_SPEAKING_RATE,
    SPEAKING_RATE,
    TURN_OVERHEAD_SECONDS,
)

_UNIT = re.compile(rf"[{CJK}]|[^\W_{CJK}]+(?:[-.'’][^\W_{CJK}]+)*")
_HAS_CJK = re.compile(f"[{CJK}]")
_CJK_RUN = re.compile(f"[{CJK}]+")
# A token of no letter or digit ("—"): after whitespace, or at the very start. Matching the
# whitespace (not a look-behind) lets the regex skip ahead to the next space.
_NO_WORD_TOKEN = re.compile(r"\s[^\w\s]+(?!\S)")
_NO_WORD_FIRST = re.compile(r"[^\w\s]+(?!\S)")
_QUESTION = re.compile(r"[?？]+")


def count_units(text: str) -> int:
    """Words, with each CJK character counted as one.

    A word is a run of letters and digits, joined by "-", ".", "'" (ISOC-DC, 3.0, don't).
    Text without CJK takes a faster road to the same count: whitespace tokens, less those
    with no letter or digit ("—").
    """
    if not text.isascii() and _HAS_CJK.search(text):  # isascii() reads a flag: no scan
        # Each CJK character is a unit: count them by replacing each run with one space
        # (a space, so the words on either side stay apart), then count the words left.
        rest, runs = _CJK_RUN.subn(" ", text)
        return len(text) - len(rest) + runs + len(_UNIT.findall(rest))
    no_word = len(_NO_WORD_TOKEN.findall(text)) + bool(_NO_WORD_FIRST.match(text))
    return len(text.split()) - no_word


def count_questions(text: str) -> int:
    """Sentences that end in a question mark ("？？" is one question)."""
    if "?" not in text and "？" not in text:  # most turns: two scans in C, no regex
        return 0
    return len(_QUESTION.findall(text))


def estimate_seconds(
    units: Sequence[int], language: str, stated_seconds: float | None
) -> tuple[array, str]:
    """Seconds per turn from units, calibrated to the stated duration when there is one.

    An array of doubles (8 bytes a turn; a list of floats takes 32), scaled in place.
    """
    rate = SPEAKING_RATE.get(language, DEFAULT_SPEAKING_RATE)
    seconds = array("d", (count / rate + TURN_OVERHEAD_SECONDS for count in units))
    total = sum(seconds)
    if stated_seconds and total:
        scale = stated_seconds / total
        for position, value in enumerate(seconds):
            seconds[position] = value * scale
        return seconds, "stated"
    return seconds, "estimated"


def balance(amounts: list[float]) -> float:
    """Normalised Shannon entropy of the shares: 1.0 even, near 0.0 one voice dominates."""
    total = sum(amounts)
    present = [amount / total for amount in amounts if amount > 0] if total else []
    if len(present) <= 1:
        return 1.0 if len(amounts) <= 1 else 0.0
    entropy = -sum(share * math.log(share) for share in present)
    return entropy / math.log(len(amounts))
