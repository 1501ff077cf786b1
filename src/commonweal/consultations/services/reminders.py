"""Reminders: "comment period closes soon" and "voting closes soon", announced once per
deadline as ordinary news, so that they reach people the way all news does (email,
feeds) and follow each person's levels and mutes.

``commonweal alerts remind`` calls ``reminders_announce``; running it again announces
nothing new, as each reminder's key names the deadline: a proceeding whose period is
extended has a new closing date, hence a new key, and is reminded of again when the new
date comes near.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction

from commonweal.consultations.models import Event, Proceeding
from commonweal.core import follows
from commonweal.core.follows import News
from commonweal.core.links import absolute
from commonweal.rounds.models import Round


def reminder_window() -> datetime.timedelta:
    """How long before a deadline its reminder goes out (``COMMONWEAL_REMINDER_DAYS``)."""
    return datetime.timedelta(days=settings.REMINDER_DAYS)


def proceeding_reminder(proceeding: Proceeding) -> News:
    return News(
        key=f"proceeding:{proceeding.pk}:closing:{proceeding.closes_on.isoformat()}",
        kind=follows.PROCEEDING,
        subject=str(proceeding.pk),
        event="proceeding.closing",
        category=follows.DEADLINE,
        title=proceeding.title,
        url=absolute(proceeding.get_absolute_url()),
        deadline=proceeding.closes_at,
        groups=tuple(group.pk for group in proceeding.groups.all()),
    )


def round_reminder(voting: Round) -> News:
    closes_on = voting.closes_at.astimezone(datetime.UTC).date()
    return News(
        key=f"round:{voting.pk}:closing:{closes_on.isoformat()}",
        kind=follows.ROUND,
        subject=str(voting.pk),
        event="round.closing",
        category=follows.DEADLINE,
        title=voting.title,
        url=absolute(voting.get_absolute_url()),
        deadline=voting.closes_at,
        groups=tuple(group.pk for group in voting.voter_groups.all()),
    )


def proceedings_closing(*, now: datetime.datetime) -> list[Proceeding]:
    """Published proceedings open at ``now`` whose period closes within the window."""
    today = now.astimezone(datetime.UTC).date()
    last_day = (now + reminder_window()).astimezone(datetime.UTC).date()
    candidates = (
        Proceeding.objects.filter(
            published_at__isnull=False,
            report_published_at__isnull=True,
            opens_on__lte=today,
            closes_on__gte=today,
            closes_on__lte=last_day,
        )
        .prefetch_related("groups")
        .order_by("closes_on", "pk")
    )
    limit = now + reminder_window()
    return [p for p in candidates if p.is_open(now) and p.closes_at <= limit]


def rounds_closing(*, now: datetime.datetime) -> list[Round]:
    """Rounds open at ``now`` whose voting closes within the window."""
    return list(
        Round.objects.filter(
            opens_at__lte=now,
            closes_at__gt=now,
            closes_at__lte=now + reminder_window(),
            closed_at__isnull=True,
        )
        .prefetch_related("voter_groups")
        .order_by("closes_at", "pk")
    )


@transaction.atomic
def reminders_announce(*, now: datetime.datetime) -> int:
    """Announce each deadline within the window not yet announced; the number announced."""
    news = [proceeding_reminder(p) for p in proceedings_closing(now=now)]
    news += [round_reminder(r) for r in rounds_closing(now=now)]
    known = set(Event.objects.filter(key__in=[n.key for n in news]).values_list("key", flat=True))
    fresh = [n for n in news if n.key not in known]
    for item in fresh:
        follows.announce(item)
    return len(fresh)
