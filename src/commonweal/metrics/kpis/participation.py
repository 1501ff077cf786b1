"""How widely each group takes part: speakers per meeting, and newcomers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Min

from commonweal.meetings.models import Participant
from commonweal.metrics.kpis.figures import quarter_of
from commonweal.metrics.kpis.filters import Filters


@dataclass(frozen=True)
class Breadth:
    group: str
    name: str
    meetings: int
    mean_speakers: float  # distinct speakers per meeting it spoke in
    most_speakers: int


def participation_breadth(filters: Filters) -> list[Breadth]:
    """Distinct speakers of each group per meeting (a speaker is one participant of the
    meeting record: the engine has already merged a person's aliases)."""
    participants = filters.participants().exclude(group=None)
    if filters.group is not None:
        participants = participants.filter(group=filters.group)
    per_meeting: dict[tuple[str, str], list[int]] = defaultdict(list)
    for row in participants.values("group__slug", "group__name", "meeting_id").annotate(
        speakers=Count("id")
    ):
        per_meeting[(row["group__slug"], row["group__name"])].append(row["speakers"])
    return [
        Breadth(slug, name, len(counts), round(sum(counts) / len(counts), 1), max(counts))
        for (slug, name), counts in sorted(per_meeting.items(), key=lambda item: item[0][1])
    ]


@dataclass(frozen=True)
class Newcomers:
    quarter: str
    newcomers: int


def newcomers(filters: Filters) -> list[Newcomers]:
    """People by the quarter of the first meeting they ever spoke in (for the group:
    first spoke as its member), counted when that meeting is within the dates."""
    participants = Participant.objects.exclude(person=None).exclude(meeting__date=None)
    if filters.group is not None:
        participants = participants.filter(group=filters.group)
    counts: dict[str, int] = defaultdict(int)
    for first in (
        participants.values("person")
        .annotate(first=Min("meeting__date"))
        .values_list("first", flat=True)
    ):
        if filters.in_range(first):
            counts[quarter_of(first)] += 1
    return [Newcomers(quarter, counts[quarter]) for quarter in sorted(counts)]
