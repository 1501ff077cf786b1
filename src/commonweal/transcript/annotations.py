"""Annotations: what the transcriber wrote about the room, kept apart from speech.

"[笑声]" / "[laughter]", "（原文如此）" / "(sic)", "（说出姓名）" / "(speaking name)",
"(inaudible)". Anything in square brackets is an annotation; in round brackets only the
words in ``languages.ANNOTATIONS`` are, because round brackets also hold speech
("丝黛芬妮 (Stephanie)", "（闻到）").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from commonweal.transcript.languages import ANNOTATIONS
from commonweal.transcript.model import Annotation

# A square-bracketed note, or round brackets (an annotation only when their words are in
# the table). One pattern, so a paragraph is scanned once; it opens with the three
# opening brackets as one class, which lets the regex engine skip to the next bracket in
# C. Round brackets whose words are not a note are searched again from just inside, for
# a square note they may hold.
_BRACKETS = re.compile(
    r"[\[(（](?:(?<=\[)(?P<square>[^\[\]\n]{1,80})\]|(?<=[(（])(?P<round>[^()（）\n]{1,40})[)）])"
)
_CLOSES = frozenset(("", " ", ".", ",", ";", ":", "!", "?", "，", "。"))
_TIME_SUFFIX = re.compile(r"[\s,;:]*\d[\d:.\s]*$")
# (kind, text as written, offset in the paragraph it was lifted from): an Annotation's
# fields, kept as a tuple until someone reads the turn (an Annotation costs more to make).
Note = tuple[str, str, int]
# A paragraph's notes placed in its turn: (base, limit, notes), each note's offset in the
# turn's text being base + min(offset, limit). Worked out only when the turn is read.
NoteRun = tuple[int, int, Sequence[Note]]


@lru_cache(maxsize=4096)
def annotation_kind(inner: str) -> str | None:
    """The kind of an annotation's words, or None when they are not in the table.

    Remembered: the same few notes ("laughter", "sic") come back all meeting long."""
    words = _TIME_SUFFIX.sub("", inner.strip().lower()).strip(" .!")
    return ANNOTATIONS.get(words)


def lift_annotations(paragraph: str) -> tuple[str, list[Annotation]]:
    """The paragraph without its annotations, and the annotations with their offsets.

    Offsets are positions in the returned text, so a reader can put each one back.
    """
    text, notes = lift_notes(paragraph)
    return text, [Annotation(kind, written, offset) for kind, written, offset in notes]


def placed_annotations(runs: Sequence[NoteRun]) -> list[Annotation]:
    """The Annotations of a turn's note runs, with their offsets in the turn's text."""
    return [
        Annotation(kind, written, base + min(offset, limit))
        for base, limit, notes in runs
        for kind, written, offset in notes
    ]


def lift_notes(paragraph: str) -> tuple[str, list[Note]]:
    """The same, each annotation as a (kind, text, offset) tuple."""
    if "[" not in paragraph and "(" not in paragraph and "（" not in paragraph:
        return paragraph, []
    pieces: list[str] = []
    notes: list[Note] = []
    position = length = 0
    search = _BRACKETS.search
    match = search(paragraph)
    while match is not None:
        start, end = match.span()
        written = match.group()
        kind = _KINDS[written]
        if not kind:  # speech in round brackets: look inside it for a square note
            match = search(paragraph, start + 1)
            continue
        # "Jane (sic)." reads "Jane." without the note: take the space before it along.
        if start > position and paragraph[start - 1] == " " and paragraph[end : end + 1] in _CLOSES:
            start -= 1
        kept = paragraph[position:start]
        pieces.append(kept)
        length += len(kept)
        notes.append((kind, written, length))
        position = end
        match = search(paragraph, end)
    if not notes:
        return paragraph, []
    pieces.append(paragraph[position:])
    return "".join(pieces), notes


class _Kinds(dict[str, str]):
    """The kind of each bracket as written ("(sic)" -> "sic", "(Stephanie)" -> ""),
    remembered: a meeting repeats a few notes thousands of times. Emptied when full, so
    hostile input with a million different brackets holds no more than 4,096."""

    def __missing__(self, written: str) -> str:
        if len(self) >= 4096:
            self.clear()
        inner = written[1:-1]
        if written[0] == "[":
            kind = annotation_kind(inner) or "note"
        else:
            kind = annotation_kind(inner) or ""
        self[written] = kind
        return kind


_KINDS = _Kinds()
