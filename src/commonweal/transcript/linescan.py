"""The lines a transcript's reader must read one at a time, found by whole-text passes.

Most lines of a transcript are speech that continues the turn before them. A line needs
reading on its own only when it could be something else: a speaker label (a colon in its
first 90 characters), a voice marker (">"), markdown ("#", "*"), the second half of a
two-line label or a bracketed end marker ("(", "（", "[", "【"), a separator ("-", "—",
"_", "=", "~"), a page number (a digit, "p", "第"), an end marker written plainly (a short
line starting as one does), or the transcription disclaimer (any of its fragments,
anywhere in the line, in any case). These passes find a superset of those lines; the
reader tests each one as it always did and takes every other line as speech in bulk.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from heapq import merge
from itertools import repeat
from operator import add
from re import Match

from commonweal.transcript.languages import DISCLAIMER_FRAGMENTS, END_MARKERS

# The characters a plain end marker can start with ("End of transcript", "会议结束"), in
# any case: tests/transcript check over all of Unicode that no other character lowers to
# one of their first letters.
_END_STARTS = "".join(sorted({c for m in END_MARKERS for c in (m[0], m[0].upper())}))
_LABEL_HEAD = 90  # a label's colon stands within a paragraph's first 90 characters
_END_MARKER_LENGTH = 120  # an end marker is a few words

# After a line break and the line's leading whitespace: what makes a line worth reading
# alone. It starts with the newline, a literal, so the regex engine skips from one line
# to the next in C; quantifiers are possessive, so a line that is plain speech is given
# up at once instead of being tried again character by character.
_ALONE_AFTER_BREAK = (
    r"[^\S\n]*+(?:"
    r"[>#*(（\[【\-—–_=~.\d第pP]"
    rf"|[^\n:：]{{0,{_LABEL_HEAD - 1}}}+[:：]"
    rf"|[{_END_STARTS}](?=[^\n]{{0,{_END_MARKER_LENGTH - 1}}}+[^\S\n]*+$)"
    r")"
)
_ALONE = re.compile(r"\n" + _ALONE_AFTER_BREAK, re.MULTILINE)
_ALONE_FIRST = re.compile(_ALONE_AFTER_BREAK, re.MULTILINE)
_ASCII_FRAGMENTS = tuple(fragment for fragment in DISCLAIMER_FRAGMENTS if fragment.isascii())
# Lowered a piece at a time: str.lower() of a whole 16 MB text is slow and, for CJK, takes
# 12 bytes a character while it works.
_CHUNK = 1 << 14


def lines_read_alone(text: str, start: int) -> tuple[Iterable[int], set[int]]:
    """Where each line from ``start`` (a line's start) on that must be read alone starts,
    in order; and, of those, the lines that hold a fragment of the disclaimer (the only
    ones that can be the disclaimer)."""
    matches = _ALONE.finditer(text, start - 1 if start else 0)
    # After each match's newline; an array (8 bytes a line; a dense transcript has one
    # every 16 bytes), filled in C.
    found = array("q", map(add, map(Match.start, matches), repeat(1)))
    if start == 0 and _ALONE_FIRST.match(text):
        found.insert(0, 0)
    disclaimers = _disclaimer_lines(text, start)
    if not disclaimers:
        return found, disclaimers
    merged = merge(found, sorted(disclaimers.difference(found)))
    return merged, disclaimers


def _disclaimer_lines(text: str, start: int) -> set[int]:
    """Where the lines holding a fragment of the disclaimer start, in any case."""
    found: set[int] = set()
    size = len(text)
    while start < size:
        end = text.find("\n", min(start + _CHUNK, size))
        end = size if end == -1 else end + 1
        chunk = text[start:end]
        lowered = chunk.lower()
        if len(lowered) == len(chunk):
            found.update(start + line for line in _fragment_lines(lowered))
        else:  # a character whose lower case is longer: offsets drift, read line by line
            found.update(start + line for line in _fragment_lines_one_by_one(chunk))
        start = end
    return found


def _fragment_lines(lowered: str) -> set[int]:
    # A chunk of ASCII text (a flag, no scan) can only hold the ASCII fragments.
    fragments = _ASCII_FRAGMENTS if lowered.isascii() else DISCLAIMER_FRAGMENTS
    lines = set()
    for fragment in fragments:
        position = lowered.find(fragment)
        while position != -1:
            lines.add(lowered.rfind("\n", 0, position) + 1)
            position = lowered.find(fragment, position + 1)
    return lines


def _fragment_lines_one_by_one(chunk: str) -> set[int]:
    lines = set()
    start = 0
    for line in chunk.split("\n"):
        lowered = line.lower()
        if any(fragment in lowered for fragment in DISCLAIMER_FRAGMENTS):
            lines.add(start)
        start += len(line) + 1
    return lines
