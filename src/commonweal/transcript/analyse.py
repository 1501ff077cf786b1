"""From a Document (what a reader found) to a Result (who held the floor, on what)."""

from __future__ import annotations

from array import array
from collections.abc import Sequence

from commonweal.transcript.candidates import find_candidates
from commonweal.transcript.cuehits import CueIndex
from commonweal.transcript.identity import Identity, Roster, resolve
from commonweal.transcript.measures import (
    balance,
    count_questions,
    count_units,
    estimate_seconds,
)
from commonweal.transcript.model import Document, GroupMeasure, Participant, RawTurn, Result
from commonweal.transcript.topics import find_topics
from commonweal.transcript.turntable import TurnTable, raw_extras, raw_labels, raw_texts


def analyse(document: Document, roster: Roster | None = None) -> Result:
    identities = resolve(document.turns, document.mentions, roster)
    participants, participant_of = _participants(document, identities)
    raw_turns = document.turns
    texts = raw_texts(raw_turns)
    units = array("i", map(count_units, texts))
    seconds, duration_source = _seconds(document, units)
    turns = TurnTable(
        raw_turns,
        participants,
        participant=array("i", map(participant_of.__getitem__, raw_labels(raw_turns))),
        units=units,
        questions=array("i", map(count_questions, texts)),
        seconds=seconds,
    )
    _measure_participants(participants, turns, _interrupted(raw_turns))
    groups, unattributed = _measure_groups(participants, roster)
    chairs = _chairs(participants, roster)
    cues = CueIndex(texts)  # topics and candidates search the same texts
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


def _interrupted(raw_turns: Sequence[RawTurn]) -> set[int]:
    """Positions of the turns that were cut off (an "interruption" annotation)."""
    positions: set[int] = set()
    if not any(raw.annotations for raw in raw_extras(raw_turns)):
        return positions
    for position, raw in enumerate(raw_turns):
        if raw.annotations and any(a.kind == "interruption" for a in raw.annotations):
            positions.add(position)
    return positions


def _participants(
    document: Document, identities: dict[str, Identity]
) -> tuple[list[Participant], dict[str, int]]:
    """One participant per identity, in order of first turn; and label -> participant."""
    participants: list[Participant] = []
    number_of: dict[int, int] = {}  # id(identity) -> participant number
    participant_of: dict[str, int] = {}
    for label in raw_labels(document.turns):
        if label in participant_of:
            continue
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
    participants: list[Participant], turns: TurnTable, interrupted: set[int]
) -> None:
    numbers, units, seconds, questions = (
        turns.participant,
        turns.units,
        turns.seconds,
        turns.questions,
    )
    for position, number in enumerate(numbers):
        participant = participants[number]
        participant.turns += 1
        participant.units += units[position]
        participant.seconds += seconds[position]
        participant.questions += questions[position]
    for position in sorted(interrupted):
        following = position + 1
        if following < len(numbers) and numbers[position] != numbers[following]:
            participants[numbers[following]].interruptions += 1
            participants[numbers[position]].interrupted += 1
    total = sum(p.units for p in participants)
    for participant in participants:
        participant.share = participant.units / total if total else 0.0
        participant.floor_index = participant.share * len(participants)


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
