"""A meeting of many turns written straight to the database (no parsing), for the tests
that check pages and downloads stay small and quick however long a meeting runs."""

from __future__ import annotations

import uuid

from commonweal.community.models import StakeholderGroup
from commonweal.meetings.models import Candidate, Meeting, Participant, Topic, Turn

SPEAKERS = 12
GROUPS = 3


def _groups() -> list[StakeholderGroup]:
    return [
        StakeholderGroup.objects.get_or_create(
            slug=f"huge-{number}",
            defaults={
                "name": f"Huge group {number}",
                "kind": StakeholderGroup.Kind.STAKEHOLDER_GROUP,
            },
        )[0]
        for number in range(GROUPS)
    ]


def _participants(meeting: Meeting, turns: int, text_length: int) -> list[Participant]:
    groups = _groups()
    speakers = [
        Participant(
            meeting=meeting,
            label=f"Speaker {number}",
            group=groups[number % GROUPS] if number % 4 else None,
            turns=len(range(number, turns, SPEAKERS)),
        )
        for number in range(SPEAKERS)
    ]
    for speaker in speakers:
        speaker.units = speaker.turns * text_length
        speaker.share = speaker.turns / turns
        speaker.seconds = speaker.units / 3
    return Participant.objects.bulk_create(speakers)


def build_meeting(*, turns: int, text_length: int = 60, topics: int = 5) -> Meeting:
    """A meeting of ``turns`` turns of ``text_length`` characters, twelve speakers in
    three groups, ``topics`` topics over the whole and a candidate every 1,000 turns."""
    meeting = Meeting.objects.create(
        title=f"A meeting of {turns} turns",
        source_name="huge.txt",
        language="en",
        identity=uuid.uuid4().hex,
        content_hash=uuid.uuid4().hex,
        duration_seconds=turns * 20,
    )
    speakers = _participants(meeting, turns, text_length)
    sentence = ("We recommend the budget be published. " * (text_length // 38 + 1))[:text_length]
    Turn.objects.bulk_create(
        (
            Turn(
                meeting=meeting,
                index=index,
                participant=speakers[index % SPEAKERS],
                group_id=speakers[index % SPEAKERS].group_id,
                text=f"{index} {sentence}",
                units=text_length,
                seconds=text_length / 3,
            )
            for index in range(turns)
        ),
        batch_size=5000,
    )
    step = max(turns // topics, 1)
    Topic.objects.bulk_create(
        Topic(
            meeting=meeting,
            index=number,
            title=f"Item {number}",
            first_turn=first,
            last_turn=min(first + step, turns) - 1,
            seconds=step * 20.0,
        )
        for number, first in enumerate(range(0, turns, step))
    )
    Candidate.objects.bulk_create(
        Candidate(
            meeting=meeting,
            turn=turn,
            kind=Candidate.Kind.RECOMMENDATION,
            sentence="We recommend the budget be published.",
        )
        for turn in meeting.turns.filter(index__in=range(0, turns, 1000))
    )
    return meeting
