"""From a Document (what a reader found) to a Result (who held the floor, on what)."""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import reduce
from itertools import compress
from operator import add

from commonweal.transcript.candidates import find_candidates
from commonweal.transcript.cuehits import CueIndex
from commonweal.transcript.identity import Identity, Roster, resolve
from commonweal.transcript.languages import cues_for
from commonweal.transcript.measures import (
    balance,
    count_units,
    estimate_seconds,
    per_text,
    question_counter,
)
from commonweal.transcript.model import Document, GroupMeasure, Participant, Result
from commonweal.transcript.topics import find_topics
from commonweal.transcript.turntable import (
    TurnTable,
    raw_interrupted,
    raw_label_numbers,
    raw_texts,
)


def analyse(document: Document, roster: Roster | None = None) -> Result:
    identities = resolve(document.turns, document.mentions, roster)
    raw_turns = document.turns
    labels, label_numbers = raw_label_numbers(raw_turns)
    participants, participant_of = _participants(labels, identities)
    texts = raw_texts(raw_turns)
    units = per_text(count_units, texts)
    seconds, duration_source = _seconds(document, units)
    # Each turn's participant, by its label's number (in C: no list of a label a turn).
    of_label = [participant_of[label] for label in labels]
    turns = TurnTable(
        raw_turns,
        participants,
        participant=array("i", map(of_label.__getitem__, label_numbers)),
        units=units,
        questions=per_text(question_counter(document.language), texts),
        seconds=seconds,
    )
    _measure_participants(participants, turns, raw_interrupted(raw_turns))
    groups, unattributed = _measure_groups(participants, roster)
    chairs = _chairs(participants, roster)
    table = cues_for(document.language)  # topics and candidates search the same texts
    cues = CueIndex(
        texts, table.topic_open + table.topic_numbered + table.recommendation + table.action
    )
    return Result(
        document=document,
        turns=turns,
        participants=participants,
        groups=groups,
        topics=find_topics(turns, document.language, chairs, cues),
        candidates=find_candidates(turns, document.language, cues),
        duration_seconds=sum(seconds),
        duration_source=duration_source,
        floor_balance=balance([p.units for p in participants]),
        group_floor_balance=balance([g.units for g in groups]) if groups else None,
        unattributed_units=unattributed,
        roster_name=roster.path if roster else None,
    )


def _participants(
    labels: list[str], identities: dict[str, Identity]
) -> tuple[list[Participant], dict[str, int]]:
    """One participant per identity, in order of first turn (``labels`` are in that
    order); and label -> participant."""
    participants: list[Participant] = []
    number_of: dict[int, int] = {}  # id(identity) -> participant number
    participant_of: dict[str, int] = {}
    for label in labels:
        identity = identities[label]
        if id(identity) not in number_of:
            person = identity.person
            number_of[id(identity)] = len(participants)
            participants.append(
                Participant(
                    name=identity.names[0],
                    person=person.name if person else None,
                    aliases=[],
                    group=person.group if person else None,
                    role=person.role if person else None,
                )
            )
        participant_of[label] = number_of[id(identity)]
    for identity in {id(i): i for i in identities.values()}.values():
        participant = participants[number_of[id(identity)]]
        participant.aliases = [name for name in identity.names if name != participant.name]
    return participants, participant_of


def _seconds(document: Document, units: array) -> tuple[array, str]:
    if document.timed and document.turns:
        return array(
            "d", [max(0.0, (raw.end or 0.0) - (raw.start or 0.0)) for raw in document.turns]
        ), "timestamps"
    return estimate_seconds(units, document.language, document.header.stated_seconds)


def _measure_participants(
    participants: list[Participant], turns: TurnTable, interrupted: list[int]
) -> None:
    numbers = turns.participant
    for number, (count, units, seconds, questions) in _totals(turns).items():
        participant = participants[number]
        participant.turns += count
        participant.units += units
        participant.seconds += seconds
        participant.questions += questions
    for position in interrupted:
        following = position + 1
        if following < len(numbers) and numbers[position] != numbers[following]:
            participants[numbers[following]].interruptions += 1
            participants[numbers[position]].interrupted += 1
    total = sum(p.units for p in participants)
    for participant in participants:
        participant.share = participant.units / total if total else 0.0
        participant.floor_index = participant.share * len(participants)


def _totals(turns: TurnTable) -> dict[int, list]:
    """Per participant number: [turns, units, seconds, questions], summed in turn order
    (seconds one after another, as a loop adding them would)."""
    numbers = turns.participant
    counts = Counter(numbers)
    if len(counts) > _FEW:
        return _totals_sorted(turns)
    totals = {}
    for number, count in sorted(counts.items()):
        # This participant's turns as a mask of bytes; each column picked out by it in C.
        mine = bytes(map(number.__eq__, numbers)) if len(counts) > 1 else None
        totals[number] = [
            count,
            sum(_picked(turns.units, mine)),
            reduce(add, _picked(turns.seconds, mine), 0.0),
            sum(_picked(turns.questions, mine)),
        ]
    return totals


def _picked(column: Sequence, mask: bytes | None) -> Iterable:
    return column if mask is None else compress(column, mask)


def _totals_sorted(turns: TurnTable) -> dict[int, list]:
    """``_totals`` for many participants (a mask each would be read as many times).

    A block of turns at a time, their positions are sorted by participant (a stable
    sort: each participant's in turn order) and each column read in that order, all in
    C; each participant's run is then summed. Blocks keep the sort's lists small."""
    numbers = turns.participant
    totals: dict[int, list] = {}
    for first in range(0, len(numbers), _BLOCK):
        order = sorted(range(first, min(first + _BLOCK, len(numbers))), key=numbers.__getitem__)
        units = array("i", map(turns.units.__getitem__, order))
        seconds = array("d", map(turns.seconds.__getitem__, order))
        questions = array("i", map(turns.questions.__getitem__, order))
        start = 0
        for number, count in sorted(Counter(numbers[first : first + _BLOCK]).items()):
            stop = start + count
            total = totals.setdefault(number, [0, 0, 0.0, 0])
            total[0] += count
            total[1] += sum(units[start:stop])
            total[2] = reduce(add, seconds[start:stop], total[2])
            total[3] += sum(questions[start:stop])
            start = stop
    return totals


_FEW = 8
_BLOCK = 16384


def _measure_groups(
    participants: list[Participant], roster: Roster | None
) -> tuple[list[GroupMeasure], int]:
    """Per-group measures over the speech of identified groups, and the units of the rest.

    Shares are of the speech a group can claim, so the groups' shares add up to 1; the
    units of speakers with no group (unidentified voices) are reported beside them.
    """
    grouped = [p for p in participants if p.group is not None]
    keys = list(dict.fromkeys(p.group for p in grouped if p.group is not None))
    total_units = sum(p.units for p in grouped)
    unattributed = sum(p.units for p in participants if p.group is None)
    groups = []
    for key in keys:
        members = [p for p in grouped if p.group == key]
        units = sum(p.units for p in members)
        share = units / total_units if total_units else 0.0
        speaker_share = len(members) / len(grouped)
        groups.append(
            GroupMeasure(
                group=key,
                name=roster.groups.get(key) if roster else None,
                speakers=len(members),
                turns=sum(p.turns for p in members),
                units=units,
                share=share,
                seconds=sum(p.seconds for p in members),
                questions=sum(p.questions for p in members),
                interruptions=sum(p.interruptions for p in members),
                floor_index=share / speaker_share,
            )
        )
    groups.sort(key=lambda group: group.share, reverse=True)
    return groups, unattributed


def _chairs(participants: list[Participant], roster: Roster | None) -> set[int] | None:
    """Participants whose cues open topics: the roster's chairs, or everyone (None)."""
    if roster is None:
        return None
    chair_names = {person.name for person in roster.people if person.is_chair}
    chairs = {n for n, p in enumerate(participants) if p.person in chair_names}
    return chairs or None
