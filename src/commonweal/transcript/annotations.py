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

_SQUARE = re.compile(r"\[(?P<inner>[^\[\]\n]{1,80})\]")
_ROUND = re.compile(r"[(（](?P<inner>[^()（）\n]{1,40})[)）]")
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
    found: list[tuple[int, int, str]] = []
    for match in _SQUARE.finditer(paragraph):
        found.append((match.start(), match.end(), annotation_kind(match["inner"]) or "note"))
    for match in _ROUND.finditer(paragraph):
        kind = annotation_kind(match["inner"])
        if kind:
            found.append((match.start(), match.end(), kind))
    if not found:
        return paragraph, []
    found.sort()
    pieces: list[str] = []
    annotations: list[Annotation] = []
    position = 0
    length = 0
    for start, end, kind in found:
        if start < position:  # nested in one already lifted
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
    pieces.append(paragraph[position:])
    return "".join(pieces), annotations
