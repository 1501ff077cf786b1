"""Annotations: what the transcriber wrote about the room, kept apart from speech.

"[笑声]" / "[laughter]", "（原文如此）" / "(sic)", "（说出姓名）" / "(speaking name)",
"(inaudible)". Anything in square brackets is an annotation; in round brackets only the
words in ``languages.ANNOTATIONS`` are, because round brackets also hold speech
("丝黛芬妮 (Stephanie)", "（闻到）").
"""

from __future__ import annotations

import re
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
_CLOSES = ("", " ", ".", ",", ";", ":", "!", "?", "，", "。")
_TIME_SUFFIX = re.compile(r"[\s,;:]*\d[\d:.\s]*$")


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
    if "[" not in paragraph and "(" not in paragraph and "（" not in paragraph:
        return paragraph, []
    search = _BRACKETS.search
    match = search(paragraph)
    if match is None:
        return paragraph, []
    pieces: list[str] = []
    annotations: list[Annotation] = []
    position = 0
    length = 0
    while match is not None:
        start, end = match.span()
        inner = match["square"]
        if inner is not None:
            kind = annotation_kind(inner) or "note"
        else:
            kind = annotation_kind(match["round"])
            if kind is None:  # speech in brackets: look inside it for a square note
                match = search(paragraph, start + 1)
                continue
        text = paragraph[start:end]
        # "Jane (sic)." reads "Jane." without the note: take the space before it along.
        if start > position and paragraph[start - 1] == " " and paragraph[end : end + 1] in _CLOSES:
            start -= 1
        kept = paragraph[position:start]
        pieces.append(kept)
        length += len(kept)
        annotations.append(Annotation(kind=kind, text=text, offset=length))
        position = end
        match = search(paragraph, end)
    if not annotations:
        return paragraph, []
    pieces.append(paragraph[position:])
    return "".join(pieces), annotations
