"""Who hears of an event, and why: the one answer digests, feeds and messages share.

Precedence, for each person: their follow of the thing itself decides (its level lets
the news through or not; a mute silences even a group's alert about it); otherwise the
groups the news concerns (an alert's chosen groups, a proceeding's groups, a round's
voters): a follow of the group at a level that lets it through, else membership, which
follows by default; a member who muted their group hears nothing through it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from commonweal.community.models import Membership, StakeholderGroup
from commonweal.consultations.models import LEVEL_CATEGORIES, Event, Follow, Notification
from commonweal.core import follows

Why = Notification.Why


@dataclass(frozen=True)
class Reach:
    user_id: int
    why: str
    label: str  # the thing or the group, in its own words


def event_groups(event: Event) -> list[int]:
    """The groups an event concerns: an alert's chosen ones, and the thing's own."""
    groups = set(event.groups.values_list("pk", flat=True))
    if not event.is_alert and event.kind:
        owner = follows.followable(event.kind)
        if owner is not None:
            groups.update(owner.groups(event.subject))
    return sorted(groups)


def _passes(level: str, category: str) -> bool:
    return category in LEVEL_CATEGORIES[level]


def audience(event: Event) -> list[Reach]:
    """Every active account the event reaches, each once, with the strongest reason."""
    reached: dict[int, Reach] = {}
    decided: set[int] = set()
    if event.kind:
        owner = follows.followable(event.kind)
        label = (owner.label(event.subject) if owner else None) or event.title
        for user_id, level in Follow.objects.filter(
            kind=event.kind, subject=event.subject
        ).values_list("user_id", "level"):
            decided.add(user_id)
            if _passes(level, event.category):
                reached[user_id] = Reach(user_id, Why.FOLLOW, label)
    group_ids = event_groups(event)
    if group_ids:
        _reach_groups(event, group_ids, reached, decided)
    active = set(
        get_user_model()
        .objects.filter(pk__in=list(reached), is_active=True)
        .values_list("pk", flat=True)
    )
    return [reach for user_id, reach in sorted(reached.items()) if user_id in active]


def _reach_groups(event: Event, group_ids: list[int], reached: dict, decided: set) -> None:
    names = dict(StakeholderGroup.objects.filter(pk__in=group_ids).values_list("pk", "name"))
    alert = event.is_alert
    muted: set[tuple[int, int]] = set()
    for user_id, subject, level in Follow.objects.filter(
        kind=follows.GROUP, subject__in=[str(pk) for pk in group_ids]
    ).values_list("user_id", "subject", "level"):
        group_id = int(subject)
        if not _passes(level, event.category):
            muted.add((user_id, group_id))
            continue
        if user_id not in decided and user_id not in reached:
            why = Why.ALERT_FOLLOW if alert else Why.GROUP_FOLLOW
            reached[user_id] = Reach(user_id, why, names.get(group_id, ""))
    members = (
        Membership.objects.current()
        .filter(group_id__in=group_ids, person__account__isnull=False)
        .values_list("person__account", "group_id")
        .order_by("group_id", "pk")
    )
    for user_id, group_id in members:
        if user_id in decided or (user_id, group_id) in muted:
            continue
        current = reached.get(user_id)
        if current is None or current.why in (Why.GROUP_FOLLOW, Why.ALERT_FOLLOW):
            why = Why.ALERT_MEMBER if alert else Why.MEMBER
            reached[user_id] = Reach(user_id, why, names.get(group_id, ""))
