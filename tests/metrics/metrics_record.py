"""A small meeting record whose KPIs the tests work out by hand (also used by the
dashboard's browser test)."""

import datetime

from commonweal.meetings.models import Meeting, Participant, Topic, Turn


def build_record(make_group, make_person) -> dict:
    """Two groups over two meetings:

    2024-01-10, one hour: Ada (A) 600 words, 1,200 s; Cai (B) 400 words, 800 s.
    2024-04-05, half an hour: Bo (A) 100 words, 300 s; Cai (B) 300 words, 900 s.
    Topics: "Definition of public interest" (1,800 s) in the first; "Public interest
    definition, continued" (600 s) and "Budget" (300 s) in the second.
    """
    alpha, beta = make_group("alpha", name="Alpha"), make_group("beta", name="Beta")
    ada, bo, cai = make_person("Ada"), make_person("Bo"), make_person("Cai")
    first = meeting_with_speakers(
        datetime.date(2024, 1, 10), 3600, [(ada, alpha, 600, 1200, 3), (cai, beta, 400, 800, 2)]
    )
    second = meeting_with_speakers(
        datetime.date(2024, 4, 5), 1800, [(bo, alpha, 100, 300, 1), (cai, beta, 300, 900, 2)]
    )
    definition, continued, budget = topics_create(first, second)
    for meeting, index, label, topic, seconds in [
        (first, 0, "Ada", definition, 1200),
        (first, 1, "Cai", definition, 600),
        (second, 0, "Bo", continued, 300),
        (second, 1, "Cai", budget, 300),
    ]:
        turn_create(meeting, index=index, label=label, topic=topic, seconds=seconds)
    return {"alpha": alpha, "beta": beta, "meetings": [first, second]}


def meeting_with_speakers(day: datetime.date, duration: int, speakers: list[tuple]) -> Meeting:
    """A meeting on ``day`` whose speakers are (person, group, units, seconds, turns)."""
    meeting = Meeting.objects.create(
        title=f"Meeting {day}",
        date=day,
        source_name=f"{day}.txt",
        identity=str(day),
        content_hash=str(day),
        duration_seconds=duration,
    )
    for person, group, units, seconds, turns in speakers:
        Participant.objects.create(
            meeting=meeting,
            label=person.display_name,
            person=person,
            group=group,
            units=units,
            seconds=seconds,
            turns=turns,
        )
    return meeting


def topics_create(first: Meeting, second: Meeting) -> tuple[Topic, Topic, Topic]:
    """The first meeting's one topic, then the second's two: definition, continued, budget."""
    definition = Topic.objects.create(
        meeting=first,
        index=0,
        title="Definition of public interest",
        first_turn=0,
        last_turn=1,
        seconds=1800,
    )
    continued = Topic.objects.create(
        meeting=second,
        index=0,
        title="Public interest definition, continued",
        first_turn=0,
        last_turn=0,
        seconds=600,
    )
    budget = Topic.objects.create(
        meeting=second, index=1, title="Budget", first_turn=1, last_turn=1, seconds=300
    )
    return definition, continued, budget


def turn_create(meeting: Meeting, *, index: int, label: str, topic: Topic, seconds: int) -> Turn:
    """A turn by the participant labelled ``label``, in that participant's person and group."""
    participant = meeting.participants.get(label=label)
    return Turn.objects.create(
        meeting=meeting,
        index=index,
        participant=participant,
        person=participant.person,
        group=participant.group,
        topic=topic,
        text="…",
        seconds=seconds,
    )
