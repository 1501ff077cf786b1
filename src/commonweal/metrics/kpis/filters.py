"""Which meetings, speech and events a figure counts: the dashboard's filters."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from commonweal.community.models import StakeholderGroup
from commonweal.meetings.models import Meeting, Participant


@dataclass(frozen=True)
class Filters:
    """Meetings dated within [date_from, date_to] (both included; an open end is no
    limit); with a group, the meetings where it spoke and the speech of its members."""

    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    group: StakeholderGroup | None = None

    def in_range(self, day: datetime.date | None) -> bool:
        if day is None:
            return self.date_from is None and self.date_to is None
        return (self.date_from is None or day >= self.date_from) and (
            self.date_to is None or day <= self.date_to
        )

    def meetings(self) -> QuerySet[Meeting]:
        meetings = Meeting.objects.all()
        if self.date_from is not None:
            meetings = meetings.filter(date__gte=self.date_from)
        if self.date_to is not None:
            meetings = meetings.filter(date__lte=self.date_to)
        if self.group is not None:
            meetings = meetings.filter(
                pk__in=Participant.objects.filter(group=self.group).values("meeting")
            )
        return meetings

    def participants(self) -> QuerySet[Participant]:
        """Speakers of the meetings, filtered through the join rather than a subquery
        over every meeting (the dashboard's hot path)."""
        participants = Participant.objects.all()
        if self.date_from is not None:
            participants = participants.filter(meeting__date__gte=self.date_from)
        if self.date_to is not None:
            participants = participants.filter(meeting__date__lte=self.date_to)
        if self.group is not None:
            participants = participants.filter(
                meeting__in=Participant.objects.filter(group=self.group).values("meeting")
            )
        return participants

    def as_dict(self) -> dict:
        return {
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
            "group": self.group.slug if self.group else None,
        }
