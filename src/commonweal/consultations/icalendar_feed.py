"""A person's calendar of deadlines (iCalendar, RFC 5545): when comment periods they
hear of close and when voting in their rounds closes.

Who sees which deadline follows the rule of ``audience.py`` for news of the category
"deadline": a follow of the thing decides (its level must let deadlines through); else
the groups it concerns (a proceeding's groups, a round's voters) — a follow of the group
at such a level, or a current membership unless the person muted the group.

Each deadline is one VEVENT whose UID never changes; its SEQUENCE counts the
proceeding's extensions, so a calendar that holds an old closing date replaces it.
The event starts at the deadline and lasts an hour (RFC 5545 wants DTEND later than
DTSTART, and some calendar programs hide events without length). A VALARM reminds
``Delivery.reminder_days`` days before (none at 0).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import icalendar
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.community.models import Membership
from commonweal.consultations.models import LEVEL_CATEGORIES, Delivery, Follow, Proceeding
from commonweal.core import follows
from commonweal.rounds.models import Round

LENGTH = datetime.timedelta(hours=1)
# How often a calendar program should read the feed again.
REFRESH = datetime.timedelta(hours=6)


@dataclass(frozen=True)
class Deadline:
    uid: str
    sequence: int
    closes_at: datetime.datetime
    summary: str
    url: str
    description: str


@dataclass(frozen=True)
class Reach:
    """The keys of the things a person follows (letting deadlines through or not) and
    the groups whose deadlines reach them."""

    followed: frozenset[str]
    refused: frozenset[str]
    groups: frozenset[int]


def _lets_deadlines_through(level: str) -> bool:
    return follows.DEADLINE in LEVEL_CATEGORIES[level]


def reach_of(user, kind: str) -> Reach:
    """What of ``kind`` reaches ``user`` for deadlines: two queries for the follows and
    one for the memberships."""
    followed, refused = set(), set()
    group_levels: dict[int, str] = {}
    rows = Follow.objects.filter(user=user, kind__in=(kind, follows.GROUP))
    for row_kind, subject, level in rows.values_list("kind", "subject", "level"):
        if row_kind == follows.GROUP and subject.isdigit():
            group_levels[int(subject)] = level
        elif row_kind == kind:
            (followed if _lets_deadlines_through(level) else refused).add(subject)
    member_of: set[int] = set()
    if user.person_id is not None:
        member_of = set(
            Membership.objects.current()
            .filter(person_id=user.person_id)
            .values_list("group_id", flat=True)
        )
    groups = {pk for pk, level in group_levels.items() if _lets_deadlines_through(level)}
    groups |= member_of - set(group_levels)
    return Reach(frozenset(followed), frozenset(refused), frozenset(groups))


def _keys(keys: frozenset[str]) -> list[int]:
    return [int(key) for key in keys if key.isdigit()]


def proceedings_for(user) -> QuerySet[Proceeding]:
    """Published proceedings without their report whose deadline reaches ``user``."""
    reach = reach_of(user, follows.PROCEEDING)
    of_groups = Proceeding.groups.through.objects.filter(
        stakeholdergroup_id__in=reach.groups
    ).values("proceeding_id")
    return (
        Proceeding.objects.filter(published_at__isnull=False, report_published_at__isnull=True)
        .filter(Q(pk__in=_keys(reach.followed)) | Q(pk__in=of_groups))
        .exclude(pk__in=_keys(reach.refused))
        .annotate(extension_count=Count("extensions"))
        .order_by("closes_on", "pk")
    )


def rounds_for(user) -> QuerySet[Round]:
    """Rounds not yet counted whose voting deadline reaches ``user``."""
    reach = reach_of(user, follows.ROUND)
    of_groups = Round.voter_groups.through.objects.filter(
        stakeholdergroup_id__in=reach.groups
    ).values("round_id")
    return (
        Round.objects.filter(closed_at__isnull=True)
        .filter(Q(pk__in=_keys(reach.followed)) | Q(pk__in=of_groups))
        .exclude(pk__in=_keys(reach.refused))
        .order_by("closes_at", "pk")
    )


def deadlines_for(user, *, host: str, absolute) -> list[Deadline]:
    """Every deadline in ``user``'s calendar; ``absolute`` makes a path a full address."""
    deadlines = []
    for proceeding in proceedings_for(user):
        url = absolute(proceeding.get_absolute_url())
        deadlines.append(
            Deadline(
                uid=f"proceeding-{proceeding.pk}-close@{host}",
                sequence=proceeding.extension_count,
                closes_at=proceeding.closes_at,
                summary=_("Comments close: %(title)s") % {"title": proceeding.title},
                url=url,
                description=_("The comment period closes at the end of %(day)s (UTC). %(url)s")
                % {"day": proceeding.closes_on.isoformat(), "url": url},
            )
        )
    for voting in rounds_for(user):
        url = absolute(voting.get_absolute_url())
        deadlines.append(
            Deadline(
                uid=f"round-{voting.pk}-close@{host}",
                # Rounds keep no count of changes to their closing time.
                sequence=0,
                closes_at=voting.closes_at.astimezone(datetime.UTC),
                summary=_("Voting closes: %(title)s") % {"title": voting.title},
                url=url,
                description=_("Voting in this round closes. %(url)s") % {"url": url},
            )
        )
    return sorted(deadlines, key=lambda deadline: (deadline.closes_at, deadline.uid))


def calendar_write(deadlines: list[Deadline], *, delivery: Delivery, name: str) -> bytes:
    """The calendar as iCalendar bytes; call with the reader's language active."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Commonweal//Deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    stamp = timezone.now().astimezone(datetime.UTC)
    for deadline in deadlines:
        calendar.add_component(_vevent(deadline, stamp, delivery.reminder_days))
    return calendar.to_ical()


def _vevent(deadline: Deadline, stamp: datetime.datetime, reminder_days: int):
    event = icalendar.Event()
    event.add("uid", deadline.uid)
    event.add("sequence", deadline.sequence)
    event.add("dtstamp", stamp)
    event.add("dtstart", deadline.closes_at)
    event.add("dtend", deadline.closes_at + LENGTH)
    event.add("summary", deadline.summary)
    event.add("url", deadline.url)
    event.add("description", deadline.description)
    event.add("transp", "TRANSPARENT")
    if reminder_days > 0:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -datetime.timedelta(days=reminder_days))
        alarm.add("description", deadline.summary)
        event.add_component(alarm)
    return event
