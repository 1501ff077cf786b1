from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from commonweal.meetings.models import Meeting, Participant, Turn

MAX_SEARCH_RESULTS = 200


def meeting_list() -> QuerySet[Meeting]:
    return Meeting.objects.annotate(
        participant_count=Count("participants", distinct=True),
    ).order_by("-date", "-start_time", "title")


@dataclass(frozen=True)
class FloorShare:
    label: str
    share: float
    turns: int
    seconds: float
    url: str = ""

    @property
    def percent(self) -> float:
        return round(self.share * 100, 1)


def floor_by_group(meeting: Meeting) -> list[FloorShare]:
    """Each group's share of the floor, from its participants' shares (unlinked speakers
    form their own row, so the shares always add up to the whole)."""
    rows = (
        meeting.participants.values("group__slug", "group__name")
        .annotate(share=Sum("share"), turns=Sum("turns"), seconds=Sum("seconds"))
        .order_by("-share")
    )
    return [
        FloorShare(
            label=row["group__name"] or "",
            share=row["share"] or 0,
            turns=row["turns"] or 0,
            seconds=row["seconds"] or 0,
            url=f"/groups/{row['group__slug']}/" if row["group__slug"] else "",
        )
        for row in rows
    ]


def floor_by_participant(meeting: Meeting) -> QuerySet[Participant]:
    return meeting.participants.select_related("person", "group").order_by("-share", "label")


def meeting_turns(meeting: Meeting) -> QuerySet[Turn]:
    return meeting.turns.select_related("participant", "group").order_by("index")


def turn_search(*, query: str, meeting: Meeting | None = None) -> QuerySet[Turn]:
    """Turns whose text contains every word of the query (Chinese needs no spaces: a
    query of one word finds it inside a sentence)."""
    turns = Turn.objects.select_related("meeting", "participant")
    if meeting is not None:
        turns = turns.filter(meeting=meeting)
    condition = Q()
    for word in query.split()[:10]:
        condition &= Q(text__icontains=word)
    return turns.filter(condition).order_by("-meeting__date", "meeting_id", "index")
