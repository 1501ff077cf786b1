"""Following things: a person's choices (writes), and what they follow and why they heard
of something (the reads the follow control, the "my follows" page and the panel share).

A follow names a thing by ``(kind, subject)`` (core/follows.py). A group's members
follow what concerns the group without a row; a row on the group (a mute, or another
level) or on the thing itself overrides that (see ``consultations/audience.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from commonweal.community.models import Membership, StakeholderGroup
from commonweal.consultations.models import Follow, Notification
from commonweal.core import follows

Level = Follow.Level
Why = Notification.Why


class FollowError(ValueError):
    """A follow that cannot be made; the message is for the person who tried."""


@dataclass(frozen=True)
class Followed:
    """A thing a person follows (or follows by default), named and linked."""

    kind: str
    subject: str
    label: str
    url: str | None
    level: str  # a Follow.Level value
    follow: Follow | None  # None: followed as a member, with no row


def check_followable(kind: str, subject: str) -> str:
    """The thing's name, or :class:`FollowError` when it cannot be followed."""
    owner = follows.followable(kind)
    label = owner.label(subject) if owner is not None and subject else None
    if label is None:
        raise FollowError(_("This cannot be followed: it does not exist (any more)."))
    return label


@transaction.atomic
def follow_set(*, user, kind: str, subject: str, level: str = Level.EVERYTHING) -> Follow:
    """Follow ``(kind, subject)`` at ``level`` (a mute is a level); again: the new level."""
    if level not in Level.values:
        raise FollowError(_("Choose one of the levels offered."))
    check_followable(kind, subject)
    follow, _created = Follow.objects.update_or_create(
        user=user, kind=kind, subject=subject, defaults={"level": level}
    )
    return follow


@transaction.atomic
def follow_stop(*, user, kind: str, subject: str) -> bool:
    """Stop following; a member goes back to following their group's things by default.
    Whether there was a follow to stop."""
    deleted, _rows = Follow.objects.filter(user=user, kind=kind, subject=subject).delete()
    return bool(deleted)


def follow_of(user, kind: str, subject: str) -> Follow | None:
    if not user.is_authenticated:
        return None
    return Follow.objects.filter(user=user, kind=kind, subject=subject).first()


def member_groups(user) -> list[StakeholderGroup]:
    """The groups the person is a current member of (none without a linked person)."""
    if not user.is_authenticated or getattr(user, "person", None) is None:
        return []
    ids = Membership.objects.current().filter(person=user.person).values_list("group_id")
    return list(StakeholderGroup.objects.filter(pk__in=ids).order_by("name"))


def groups_following_for(user, kind: str, subject: str) -> tuple[list, list]:
    """The groups through which a member follows ``(kind, subject)`` by default, and those
    of them the member muted: ``(following, muted)``."""
    owner = follows.followable(kind)
    concerned = set(owner.groups(subject)) if owner is not None else set()
    mine = [group for group in member_groups(user) if group.pk in concerned]
    if not mine:
        return [], []
    muted_ids = set(
        Follow.objects.filter(
            user=user,
            kind=follows.GROUP,
            subject__in=[str(g.pk) for g in mine],
            level=Level.MUTE,
        ).values_list("subject", flat=True)
    )
    muted = [g for g in mine if str(g.pk) in muted_ids]
    return [g for g in mine if str(g.pk) not in muted_ids], muted


def followed_of(user) -> list[Followed]:
    """Every follow the person chose, named and linked (a thing gone is named by its key)."""
    rows = []
    for follow in Follow.objects.filter(user=user).order_by("kind", "subject"):
        owner = follows.followable(follow.kind)
        label = owner.label(follow.subject) if owner is not None else None
        url = owner.url(follow.subject) if owner is not None and label is not None else None
        rows.append(
            Followed(
                follow.kind, follow.subject, label or follow.subject, url, follow.level, follow
            )
        )
    return rows


def memberships_following(user) -> list[Followed]:
    """The groups the person follows by being a member, with no follow row of their own."""
    chosen = set(
        Follow.objects.filter(user=user, kind=follows.GROUP).values_list("subject", flat=True)
    )
    return [
        Followed(follows.GROUP, str(g.pk), g.name, g.get_absolute_url(), Level.EVERYTHING, None)
        for g in member_groups(user)
        if str(g.pk) not in chosen
    ]


def notifications_of(user, *, limit: int = 50) -> list[Notification]:
    """The person's latest notifications, newest first."""
    return list(
        Notification.objects.filter(user=user)
        .select_related("event")
        .order_by("-created_at", "-pk")[:limit]
    )


def why_sentence(notification: Notification) -> str:
    """Why the news reached this person, in words ("you follow ICANN64")."""
    label = notification.why_label
    sender = notification.event.sender_name or _("Someone")
    if notification.why == Why.FOLLOW:
        return _("you follow %(thing)s") % {"thing": label}
    if notification.why == Why.GROUP_FOLLOW:
        return _("you follow %(group)s, which it concerns") % {"group": label}
    if notification.why == Why.MEMBER:
        return _("you are a member of %(group)s") % {"group": label}
    if notification.why == Why.ALERT_MEMBER:
        return _("%(sender)s flagged this for %(group)s, of which you are a member") % {
            "sender": sender,
            "group": label,
        }
    if notification.why == Why.ALERT_FOLLOW:
        return _("%(sender)s flagged this for %(group)s, which you follow") % {
            "sender": sender,
            "group": label,
        }
    return str(notification.get_why_display())
