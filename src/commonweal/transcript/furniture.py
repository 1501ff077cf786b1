"""Page furniture: what a transcript prints that nobody said.

Separators ("---"), the transcription disclaimer repeated as a page footer, page
numbers, and the end-of-transcript marker. Each is recognised per paragraph, so
removing one can never take a word of speech with it; the one exception is a disclaimer
in italics wrapped over several lines ("*Note: This is a transcript ... \n ... record.*"),
whose lines up to the closing mark are the disclaimer too (``disclaimer_runs_on``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from commonweal.transcript.languages import DISCLAIMER_FRAGMENTS, END_MARKERS

_SEPARATOR = re.compile(r"^(?:[-—–_=~*]\s*){3,}$")
_PAGE_NUMBER = re.compile(
    r"(?i)^(?:page\s+\d{1,4}(?:\s+(?:of|/)\s+\d{1,4})?|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}(?:\s*/\s*\d{1,4})?)$"
)
_BRACKETED = re.compile(r"^[\[(（【]\s*(?P<inner>[^\[\]()（）【】]{1,60}?)\s*[\])）】]$")


def is_disclaimer_paragraph(paragraph: str) -> bool:
    """Whether a paragraph (stripped) holds a fragment of the disclaimer: with
    ``is_furniture_by_shape``, whether a whole paragraph is furniture rather than speech."""
    if len(paragraph) <= _SHORT:
        return _is_short_disclaimer(paragraph)
    return is_disclaimer(paragraph)


def disclaimer_runs_on(paragraph: str) -> bool:
    """Whether a disclaimer paragraph opens italics ("*" or "_") it does not close: its
    text runs on over the next lines, up to the one that closes them."""
    return paragraph[0] in _ITALIC and paragraph[-1] not in _ITALIC


def closes_italics(paragraph: str) -> bool:
    return paragraph[-1] in _ITALIC


_ITALIC = "*_"


def is_furniture_by_shape(paragraph: str) -> bool:
    """Whether a paragraph is a separator, a page number or an end marker."""
    if len(paragraph) <= _SHORT:
        return _is_short_furniture(paragraph)
    return _is_furniture(paragraph)


# Short lines repeat (">> Thank you.", page numbers, a label on every other line of a
# dense transcript): their answers are remembered.
_SHORT = 64


@lru_cache(maxsize=4096)
def _is_short_furniture(paragraph: str) -> bool:
    return _is_furniture(paragraph)


@lru_cache(maxsize=4096)
def _is_short_disclaimer(paragraph: str) -> bool:
    return is_disclaimer(paragraph)


# An end marker is a few words ("[END OF TRANSCRIPTION]"): a longer paragraph is speech,
# and is not lowered to find out.
_END_MARKER_LENGTH = 120


def _is_furniture(paragraph: str) -> bool:
    if _SEPARATOR.match(paragraph) or _PAGE_NUMBER.match(paragraph):
        return True
    return len(paragraph) <= _END_MARKER_LENGTH and is_end_marker(paragraph)


def is_disclaimer(paragraph: str) -> bool:
    lowered = paragraph.strip("*_ ").lower()
    return any(map(lowered.__contains__, DISCLAIMER_FRAGMENTS))


def is_end_marker(paragraph: str) -> bool:
    bracketed = _BRACKETED.match(paragraph)
    inner = (bracketed["inner"] if bracketed else paragraph.strip("*_ .")).lower()
    return inner in END_MARKERS
