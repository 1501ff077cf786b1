"""The small dataclasses that flow through the engine: reader output, then results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

# The label given to a voice the transcript marks but does not name (">>" in ICANN
# transcripts, an empty speaker in subtitles). Kept as written so no turn is dropped.
VOICE = ">>"


# Engine objects are many (a dense transcript has a turn every 16 bytes), so the ones
# made per turn or per annotation have slots: no per-instance dict.
@dataclass(slots=True)
class Annotation:
    """Something in the record that is not speech: laughter, (sic), a name not given."""

    kind: str  # laughter | applause | sic | inaudible | name | crosstalk | interruption | note
    text: str  # as written, e.g. "[笑声]"
    offset: int  # where it stood in the turn's text, in characters


@dataclass(slots=True)
class RawTurn:
    """One turn as a reader found it, before identities and measures."""

    label: str  # the speaker as written, without a Latin-name cue
    text: str  # speech only; annotations are lifted out into ``annotations``
    line: int  # line (or cue / record number) in the source where the turn starts
    # A shared empty tuple where the text reader found none (a list each costs 56 bytes).
    annotations: list[Annotation] | tuple[()] = field(default_factory=list)
    cue: str | None = None  # the "(LATIN NAME)" written with the label
    start: float | None = None  # seconds, where the format has timestamps
    end: float | None = None


@dataclass
class Header:
    """What the top of a transcript says about the meeting."""

    title: str | None = None
    date: str | None = None  # ISO 8601 date
    start: str | None = None  # HH:MM local time
    end: str | None = None
    timezone: str | None = None  # as written, e.g. "JST"
    utc_offset: str | None = None  # "+09:00" when the zone is known
    place: str | None = None
    event: str | None = None  # e.g. "ICANN64"

    @property
    def stated_seconds(self) -> float | None:
        """The meeting's stated length, when the header gives a time range."""
        if not (self.start and self.end):
            return None
        start = _minutes(self.start)
        end = _minutes(self.end)
        if end <= start:  # a meeting that runs past midnight
            end += 24 * 60
        return float((end - start) * 60)


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


@dataclass
class Document:
    """A reader's result: the meeting header and its turns, in order."""

    path: str
    format: str  # text | docx | pdf | webvtt | srt | json-segments | json-turns | convokit
    header: Header
    turns: Sequence[RawTurn]  # a list, or the text reader's RawTurnTable
    language: str
    timed: bool = False  # True when every turn has start and end times
    mentions: list[tuple[str, str]] = field(default_factory=list)  # ("丝黛芬妮", "Stephanie")


@dataclass(slots=True)
class Turn:
    """A turn in the result: who spoke, what, and how much of the floor it took."""

    index: int
    speaker: str
    person: str | None
    participant: int  # index into the participants list
    group: str | None
    text: str
    annotations: list[Annotation] | tuple[()]
    line: int
    units: int
    questions: int
    seconds: float
    start: float | None
    end: float | None
    interrupted: bool  # the turn was cut off ("—" at its end)


@dataclass
class Participant:
    name: str  # the label as first written
    person: str | None
    aliases: list[str]
    group: str | None
    role: str | None
    turns: int = 0
    units: int = 0
    share: float = 0.0
    seconds: float = 0.0
    questions: int = 0
    interruptions: int = 0  # took the floor from a speaker who was cut off
    interrupted: int = 0  # was cut off
    floor_index: float = 0.0  # share relative to an even split: 1.0 is a fair share


@dataclass
class GroupMeasure:
    group: str
    name: str | None
    speakers: int
    turns: int
    units: int
    share: float
    seconds: float
    questions: int
    interruptions: int
    floor_index: float  # share relative to the group's share of speakers


@dataclass
class Topic:
    title: str
    first_turn: int
    last_turn: int
    seconds: float


@dataclass
class Candidate:
    kind: str  # recommendation | action
    turn: int
    speaker: str
    person: str | None
    sentence: str
    cue: str


@dataclass
class Result:
    """Everything ``commonweal parse`` reports about one meeting."""

    document: Document
    turns: Sequence[Turn]  # a TurnTable: columns, each Turn made as it is read
    participants: list[Participant]
    groups: list[GroupMeasure]
    topics: list[Topic]
    candidates: list[Candidate]
    duration_seconds: float
    duration_source: str  # timestamps | stated | estimated
    floor_balance: float
    group_floor_balance: float | None
    unattributed_units: int
    roster_name: str | None = None
