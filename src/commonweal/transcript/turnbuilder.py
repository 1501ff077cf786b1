"""A turn's text assembled from its paragraphs, and the finished turns as a table.

Paragraphs of one turn are joined by a newline, or, where a page break cut a sentence
(the paragraph before ends in a letter, a CJK character or a comma), by a space, or by
nothing between two CJK characters. Annotations are lifted out of each paragraph first,
with offsets in the turn's text.
"""

from __future__ import annotations

import re

from commonweal.transcript.annotations import NoteRun, lift_notes, placed_annotations
from commonweal.transcript.labels import CJK
from commonweal.transcript.model import RawTurn
from commonweal.transcript.turntable import RawTurnTable

# A paragraph ending in one of these stopped mid-sentence (a page break cut it): the next
# paragraph of the same speaker continues the sentence.
_OPEN_END = re.compile(rf"[{CJK}\w，,、]")
_CJK_CHAR = re.compile(f"[{CJK}]")
_DASHES = ("—", "–", "--")
_SHARED_TEXT_LENGTH = 24
# One empty tuple for every turn without annotations (a list each is 56 bytes a turn);
# nothing appends to a finished turn's annotations.
_NO_NOTES: tuple[()] = ()
# A turn cut off (ending in a dash) carries this note at its end.
_CUT_OFF = (("interruption", "—", 0),)


class TurnBuilder:
    """The turn being read, and the table of the finished ones (``table``)."""

    __slots__ = ("table", "shared", "label", "cue", "line", "_pieces", "_notes", "_length")

    def __init__(self, shared: dict[str, str]) -> None:
        self.table = RawTurnTable()
        # Texts short enough to repeat ("hi", "Thank you.") and cues, one string each.
        self.shared = shared
        self.label: str | None = None  # None while no turn is open
        self.cue: str | None = None
        self.line = 0
        self._pieces: list[str] = []  # texts, with the separator before each but the first
        self._notes: list[NoteRun] = []
        self._length = 0

    def open(self, label: str, cue: str | None, line: int, speech: str) -> None:
        """Start a turn (closing the one before), with the speech on its label's line."""
        if self.label is not None:
            self.close()
        self.label, self.cue, self.line = label, cue, line
        if "[" in speech or "(" in speech or "（" in speech:
            self._length = 0
            self._add_lifted(speech)
            return
        speech = speech.strip()
        if speech:
            self._pieces.append(speech)
        self._length = len(speech)

    def add(self, paragraph: str) -> None:
        """One more paragraph of the open turn's speech."""
        if "[" in paragraph or "(" in paragraph or "（" in paragraph:
            self._add_lifted(paragraph)
            return
        text = paragraph.strip()
        if text:
            self._append(text, self._length)

    def add_plain(self, paragraphs: list[str]) -> None:
        """Paragraphs, each stripped and not blank, of the open turn's speech."""
        pieces = self._pieces
        length = self._length
        for text in paragraphs:
            if "[" in text or "(" in text or "（" in text:
                self._length = length
                self._add_lifted(text)
                length = self._length
                continue
            if pieces:
                before = pieces[-1][-1]
                separator = "\n" if _CLOSED[before] else _separator(before, text[0])
                pieces.append(separator)
                length += len(separator)
            pieces.append(text)
            length += len(text)
        self._length = length

    def _add_lifted(self, paragraph: str) -> None:
        text, notes = lift_notes(paragraph)
        text = text.strip()
        base = self._length
        if self._pieces and text:
            base += len(_separator(self._pieces[-1][-1], text[0]))
        if notes:
            # Offsets are positions in the turn's text; stripping the paragraph's start
            # does not move them, but none passes the paragraph's end.
            self._notes.append((base, len(text), notes))
        if text:
            self._append(text, self._length)

    def _append(self, text: str, length: int) -> None:
        pieces = self._pieces
        if pieces:
            separator = _separator(pieces[-1][-1], text[0])
            pieces.append(separator)
            length += len(separator)
        pieces.append(text)
        self._length = length + len(text)

    def close(self) -> None:
        """Add the open turn to the table."""
        text, notes, cut_off = self._finish()
        cue = self.cue
        if cue is not None:
            cue = self.shared.setdefault(cue, cue)
        self.table.add(self.label or "", cue, self.line, text, notes, cut_off)
        self.label = None

    def take(self) -> RawTurn:
        """The open turn as a RawTurn, not added to the table."""
        text, notes, _ = self._finish()
        label, self.label = self.label or "", None
        annotations = placed_annotations(notes) if notes else _NO_NOTES
        return RawTurn(
            label=label, cue=self.cue, line=self.line, text=text, annotations=annotations
        )

    def _finish(self) -> tuple[str, list[NoteRun] | tuple[()], bool]:
        pieces = self._pieces
        text = pieces[0] if len(pieces) == 1 else "".join(pieces)
        pieces.clear()
        if len(text) <= _SHARED_TEXT_LENGTH:
            text = self.shared.setdefault(text, text)
        cut_off = text.endswith(_DASHES)  # pieces are stripped: it ends as its speech does
        notes = self._notes
        if cut_off:
            notes.append((len(text), 0, _CUT_OFF))
        if not notes:
            return text, _NO_NOTES, cut_off
        self._notes = []  # the table keeps this list
        return text, notes, cut_off


class _ClosedEnds(dict[str, bool]):
    """Whether a paragraph ending in a character ended its sentence, worked out once a
    character (a dict lookup beats a regex call per paragraph)."""

    def __missing__(self, character: str) -> bool:
        if len(self) >= 4096:  # hostile text with every character: stay bounded
            self.clear()
        closed = self[character] = not _OPEN_END.match(character)
        return closed


_CLOSED = _ClosedEnds()


def _separator(before: str, after: str) -> str:
    """What joins a paragraph ending in ``before`` to the next, starting with ``after``."""
    if not _CLOSED[before]:
        # A sentence cut by a page break: CJK joins with nothing, other scripts with a space.
        both_cjk = _CJK_CHAR.match(before) and _CJK_CHAR.match(after)
        return "" if both_cjk else " "
    return "\n"
