"""The turns of a Result, kept as columns and made into Turn objects only when read.

A dense transcript ("John Smith: hi" on every other line) has a turn every 16 bytes; a
Turn object per turn beside the reader's RawTurn cost about 40 times the file in
memory. The table keeps what analysis adds to a raw turn (participant, units, questions,
seconds) in typed arrays of a few bytes a turn, and builds each Turn as it is read: the
same values, in the same order, as a list of Turns held.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from typing import TypeVar, overload

from commonweal.transcript.annotations import NoteRun, placed_annotations
from commonweal.transcript.errors import TooManyTurns
from commonweal.transcript.model import Participant, RawTurn, Turn

Item = TypeVar("Item")


class _Columns(Sequence[Item]):
    """A read-only sequence whose items are made, one position at a time, by ``_turn``.

    It compares equal to a list or tuple of the same items, as the list it stands for.
    """

    __slots__ = ()

    def _turn(self, position: int) -> Item:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> Item: ...

    @overload
    def __getitem__(self, index: slice) -> list[Item]: ...

    def __getitem__(self, index: int | slice) -> Item | list[Item]:
        if isinstance(index, slice):
            return [self._turn(position) for position in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("turn index out of range")
        return self._turn(index)

    def __iter__(self) -> Iterator[Item]:
        for position in range(len(self)):
            yield self._turn(position)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _Columns | list | tuple):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable like the list it stands for


class TurnTable(_Columns[Turn]):
    """A read-only sequence of Turns over the raw turns and the measures' columns."""

    __slots__ = ("_raw", "_participants", "participant", "units", "questions", "seconds")

    def __init__(
        self,
        raw: Sequence[RawTurn],
        participants: list[Participant],
        participant: array,
        units: array,
        questions: array,
        seconds: array,
    ) -> None:
        self._raw = raw
        self._participants = participants
        self.participant = participant  # participant number of each turn
        self.units = units
        self.questions = questions
        self.seconds = seconds

    def __len__(self) -> int:
        return len(self._raw)

    def __repr__(self) -> str:
        return f"TurnTable({len(self)} turns)"

    def texts(self) -> Sequence[str]:
        """Each turn's text, without making the Turns."""
        return raw_texts(self._raw)

    def who(self, position: int) -> tuple[str, str | None]:
        """One turn's speaker label and person, without making the Turn."""
        raw = self._raw
        label = raw.label_at(position) if isinstance(raw, RawTurnTable) else raw[position].label
        return label, self._participants[self.participant[position]].person

    def _turn(self, position: int) -> Turn:
        raw = self._raw[position]
        number = self.participant[position]
        participant = self._participants[number]
        annotations = raw.annotations
        return Turn(
            index=position,
            speaker=raw.label,
            person=participant.person,
            participant=number,
            group=participant.group,
            text=raw.text,
            annotations=annotations,
            line=raw.line,
            units=self.units[position],
            questions=self.questions[position],
            seconds=self.seconds[position],
            start=raw.start,
            end=raw.end,
            interrupted=bool(annotations) and any(a.kind == "interruption" for a in annotations),
        )


# Turns in one meeting, whatever the format (readers/bounds.py documents the limits).
MAX_TURNS = 300_000


class RawTurnTable(_Columns[RawTurn]):
    """The text reader's turns as columns: a label number, a line and a text a turn.

    A RawTurn object (with its line number) is about 130 bytes; here a turn is about 20,
    labels and short texts being shared strings. Cues and annotations, which few turns
    have, are kept by position, annotations as (kind, text, offset) tuples. Each RawTurn
    (and its Annotations) is made as it is read.
    """

    __slots__ = (
        "_first",
        "_labels",
        "_label_numbers",
        "_label_ids",
        "_lines",
        "_texts",
        "_extras",
        "_interrupted",
    )

    def __init__(self) -> None:
        self._first: RawTurn | None = None  # a turn put before the others (prepend)
        self._labels: list[str] = []
        self._label_numbers: dict[str, int] = {}
        self._label_ids = array("i")
        self._lines = array("i")
        self._texts: list[str] = []
        # position -> (cue, note runs), for the turns that have either
        self._extras: dict[int, tuple[str | None, Sequence[NoteRun]]] = {}
        self._interrupted: list[int] = []  # positions of the turns that were cut off

    def add(
        self,
        label: str,
        cue: str | None,
        line: int,
        text: str,
        notes: Sequence[NoteRun] = (),
        interrupted: bool = False,
    ) -> None:
        """Append a turn from its fields, without making a RawTurn."""
        if len(self._texts) >= MAX_TURNS:
            raise TooManyTurns(MAX_TURNS)
        number = self._label_numbers.get(label)
        if number is None:
            number = self._label_numbers[label] = len(self._labels)
            self._labels.append(label)
        if cue is not None or notes:
            position = len(self._texts)
            self._extras[position] = (cue, notes)
            if interrupted:
                self._interrupted.append(position)
        self._label_ids.append(number)
        self._lines.append(line)
        self._texts.append(text)

    def extend(
        self,
        labels: Sequence[str],
        cues: Sequence[str | None],
        lines: Sequence[int],
        texts: Sequence[str],
    ) -> None:
        """Append turns that have no annotations, all at once (in C but for the cues)."""
        if len(self._texts) + len(texts) > MAX_TURNS:
            raise TooManyTurns(MAX_TURNS)
        numbers = self._label_numbers
        for label in dict.fromkeys(labels):
            if label not in numbers:
                numbers[label] = len(self._labels)
                self._labels.append(label)
        first = len(self._texts)
        if cues.count(None) != len(cues):
            for position, cue in enumerate(cues, start=first):
                if cue is not None:
                    self._extras[position] = (cue, ())
        self._label_ids.extend(map(numbers.__getitem__, labels))
        self._lines.extend(lines)
        self._texts.extend(texts)

    def prepend(self, turn: RawTurn) -> None:
        """Put one turn before all the others (the speech before the first label)."""
        if self._first is not None:
            raise ValueError("a turn was already put first")
        self._first = turn

    def __len__(self) -> int:
        return len(self._texts) + (self._first is not None)

    def __repr__(self) -> str:
        return f"RawTurnTable({len(self)} turns)"

    def texts(self) -> Sequence[str]:
        if self._first is None:
            return self._texts
        return [self._first.text, *self._texts]

    def label_numbers(self) -> tuple[list[str], Sequence[int]]:
        """The distinct labels in order of first turn, and each turn's number among
        them (an array: no list of a label a turn)."""
        first = self._first
        if first is None:
            return self._labels, self._label_ids
        labels = [first.label, *(label for label in self._labels if label != first.label)]
        number_of = {label: number for number, label in enumerate(labels)}
        renumbered = [number_of[label] for label in self._labels]
        return labels, array("i", [0]) + array("i", map(renumbered.__getitem__, self._label_ids))

    def label_at(self, position: int) -> str:
        if self._first is not None:
            if position == 0:
                return self._first.label
            position -= 1
        return self._labels[self._label_ids[position]]

    def cues(self) -> Iterator[tuple[str, str]]:
        """(label, cue) of each turn written with a cue, in order."""
        first = self._first
        if first is not None and first.cue:
            yield first.label, first.cue
        labels, label_ids = self._labels, self._label_ids
        for position, (cue, _) in self._extras.items():
            if cue:
                yield labels[label_ids[position]], cue

    def interrupted(self) -> list[int]:
        """Positions of the turns that were cut off (an "interruption" annotation)."""
        first = self._first
        if first is None:
            return list(self._interrupted)
        positions = [position + 1 for position in self._interrupted]
        if any(a.kind == "interruption" for a in first.annotations):
            positions.insert(0, 0)
        return positions

    def _turn(self, position: int) -> RawTurn:
        if self._first is not None:
            if position == 0:
                return self._first
            position -= 1
        cue, notes = self._extras.get(position, _PLAIN)
        return RawTurn(
            label=self._labels[self._label_ids[position]],
            text=self._texts[position],
            line=self._lines[position],
            annotations=placed_annotations(notes) if notes else _NO_ANNOTATIONS,
            cue=cue,
        )


_PLAIN: tuple[None, tuple[()]] = (None, ())
# One empty tuple for every turn without annotations (a list each is 56 bytes a turn).
_NO_ANNOTATIONS: tuple[()] = ()


def raw_texts(turns: Sequence[RawTurn]) -> Sequence[str]:
    """Each turn's text, in order, without making a RawTurn for each (a RawTurnTable)."""
    if isinstance(turns, RawTurnTable):
        return turns.texts()
    return [turn.text for turn in turns]


def raw_label_numbers(turns: Sequence[RawTurn]) -> tuple[list[str], Sequence[int]]:
    """The distinct labels in order of first turn, and each turn's number among them."""
    if isinstance(turns, RawTurnTable):
        return turns.label_numbers()
    number_of: dict[str, int] = {}
    numbers = array("i", [number_of.setdefault(turn.label, len(number_of)) for turn in turns])
    return list(number_of), numbers


def raw_cues(turns: Sequence[RawTurn]) -> Iterator[tuple[str, str]]:
    """(label, cue) of each turn written with a cue, in order."""
    if isinstance(turns, RawTurnTable):
        yield from turns.cues()
        return
    for turn in turns:
        if turn.cue:
            yield turn.label, turn.cue


def raw_interrupted(turns: Sequence[RawTurn]) -> list[int]:
    """Positions of the turns that were cut off (an "interruption" annotation)."""
    if isinstance(turns, RawTurnTable):
        return turns.interrupted()
    return [
        position
        for position, turn in enumerate(turns)
        if turn.annotations and any(a.kind == "interruption" for a in turn.annotations)
    ]


def turn_who(turns: Sequence[Turn], position: int) -> tuple[str, str | None]:
    """One turn's speaker label and person (without making a TurnTable's Turn)."""
    if isinstance(turns, TurnTable):
        return turns.who(position)
    turn = turns[position]
    return turn.speaker, turn.person


def turn_participants(turns: Sequence[Turn]) -> Sequence[int]:
    """Each turn's participant number, in order."""
    if isinstance(turns, TurnTable):
        return turns.participant
    return [turn.participant for turn in turns]


def turn_texts(turns: Sequence[Turn]) -> Sequence[str]:
    """Each Turn's text, in order, without making the Turns of a TurnTable."""
    if isinstance(turns, TurnTable):
        return turns.texts()
    return [turn.text for turn in turns]
