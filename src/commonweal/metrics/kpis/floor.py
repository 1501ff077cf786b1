"""Who held the floor: floor share and hours by group, by quarter and by speaker."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Min, Sum

from commonweal.community.models import StakeholderGroup
from commonweal.core.text import FORMER_PARTICIPANT
from commonweal.metrics.kpis.figures import TOP_ROWS, hours, percent, quarter_of
from commonweal.metrics.kpis.filters import Filters


@dataclass(frozen=True)
class GroupFloor:
    group: str  # slug; empty for speakers linked to no group
    name: str
    meetings: int
    meeting_hours: float
    speaking_hours: float
    turns: int
    share: float  # percent of all words (characters in Chinese) spoken in these meetings
    colour: str = ""  # the group's own colour (#rrggbb); empty for no group


def floor_percent_by_group(filters: Filters) -> list[GroupFloor]:
    """Each group's share of the floor over the meetings, in percent: its speakers' words
    (characters in Chinese) over everyone's, as the meeting page measures one meeting."""
    # One row per group and meeting, summed here: the meeting hours need each meeting's
    # duration once per group, which a single GROUP BY group cannot give.
    per_meeting = (
        filters.participants()
        .values(
            "group__slug", "group__name", "group__colour", "meeting_id", "meeting__duration_seconds"
        )
        .annotate(seconds=Sum("seconds"), units=Sum("units"), turn_count=Sum("turns"))
    )
    totals: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for row in per_meeting.order_by():
        sums = totals[
            (row["group__slug"] or "", row["group__name"] or "", row["group__colour"] or "")
        ]
        sums[0] += 1
        sums[1] += row["meeting__duration_seconds"]
        sums[2] += row["seconds"] or 0
        sums[3] += row["turn_count"] or 0
        sums[4] += row["units"] or 0
    total_units = sum(sums[4] for sums in totals.values())
    shares = [
        GroupFloor(
            group=slug,
            name=name,
            meetings=meetings,
            meeting_hours=hours(meeting_seconds),
            speaking_hours=hours(seconds),
            turns=turns,
            share=percent(units, total_units),
            colour=colour,
        )
        for (slug, name, colour), (
            meetings,
            meeting_seconds,
            seconds,
            turns,
            units,
        ) in totals.items()
    ]
    return sorted(shares, key=lambda row: (-row.share, row.name))


@dataclass(frozen=True)
class QuarterHours:
    quarter: str
    meetings: int
    meeting_hours: float
    speaking_hours: float  # the group's own, when filtered by group


def hours_by_quarter(filters: Filters) -> list[QuarterHours]:
    meetings: dict[str, int] = defaultdict(int)
    meeting_seconds: dict[str, float] = defaultdict(float)
    for day, seconds in (
        filters.meetings().exclude(date=None).values_list("date", "duration_seconds")
    ):
        meetings[quarter_of(day)] += 1
        meeting_seconds[quarter_of(day)] += seconds
    speech = filters.participants().exclude(meeting__date=None)
    if filters.group is not None:
        speech = speech.filter(group=filters.group)
    speaking: dict[str, float] = defaultdict(float)
    for day, seconds in (
        speech.values("meeting__date")
        .annotate(seconds=Sum("seconds"))
        .values_list("meeting__date", "seconds")
    ):
        speaking[quarter_of(day)] += seconds or 0
    return [
        QuarterHours(
            quarter, meetings[quarter], hours(meeting_seconds[quarter]), hours(speaking[quarter])
        )
        for quarter in sorted(meetings)
    ]


@dataclass(frozen=True)
class Speaker:
    name: str
    group: str  # the group's acronym (or name) as people write it; empty for none
    meetings: int
    turns: int
    speaking_hours: float
    share: float  # percent of all words spoken in these meetings


def top_speakers(filters: Filters, limit: int = TOP_ROWS) -> list[Speaker]:
    """The people who held the floor longest (speakers linked to no person are left out;
    an erased person reads as a former participant)."""
    participants = filters.participants()
    total_units = participants.aggregate(units=Sum("units"))["units"] or 0
    people = participants.exclude(person=None)
    if filters.group is not None:
        people = people.filter(group=filters.group)
    rows = (
        people.values("person_id", "person__display_name", "person__is_erased")
        .annotate(
            meetings=Count("meeting", distinct=True),
            turn_count=Sum("turns"),
            seconds=Sum("seconds"),
            units=Sum("units"),
            group_slug=Min("group__slug"),
        )
        .order_by("-units", "person__display_name")[:limit]
    )
    rows = list(rows)
    groups = {
        group.slug: str(group)
        for group in StakeholderGroup.objects.filter(slug__in={row["group_slug"] for row in rows})
    }
    return [
        Speaker(
            name=str(FORMER_PARTICIPANT)
            if row["person__is_erased"]
            else row["person__display_name"],
            group=groups.get(row["group_slug"], ""),
            meetings=row["meetings"],
            turns=row["turn_count"] or 0,
            speaking_hours=hours(row["seconds"]),
            share=percent(row["units"] or 0, total_units),
        )
        for row in rows
    ]
