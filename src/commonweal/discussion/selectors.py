"""Reads for discussions: a thread as one viewer sees it, a person's comments, the appeals.

``thread`` marks each comment with what the viewer may do with it and whether they may
read its text, so that templates only print; the same ``policy`` sentences the services
refuse with decide what is offered.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from commonweal.discussion import policy
from commonweal.discussion.models import Appeal, Comment
from commonweal.discussion.targets import (
    Target,
    comments_closed_because,
    target_field,
    target_kind,
    target_url,
)
from commonweal.rounds.models import Round, RoundItem

_RELATED = ("author__person", "moderation__appeal")


@dataclass
class Thread:
    """The comments on one thing, top-level first with their replies, as ``viewer`` sees them."""

    target: Target
    kind: str
    page_url: str
    comments: list[Comment] = field(default_factory=list)
    count: int = 0
    closed_because: str = ""
    can_comment: bool = False


def _mark(comment: Comment, viewer, *, may_reply: bool, may_moderate: bool) -> None:
    """What ``viewer`` may see of ``comment`` and do with it, set on the comment."""
    own = viewer is not None and comment.author_id is not None and comment.author_id == viewer.pk
    comment.is_own = own
    comment.text_shown = not comment.is_deleted and (not comment.is_hidden or own)
    comment.offer_change = own and not policy.why_not_change(comment, viewer)
    comment.offer_reply = may_reply and not policy.why_not_reply(comment)
    comment.offer_hide = may_moderate and not policy.why_not_hide(comment)
    comment.offer_appeal = own and not policy.why_not_appeal(comment, viewer)


def thread(target: Target, viewer) -> Thread:
    """``target``'s comments for ``viewer`` (None or an anonymous user for a visitor)."""
    signed_in = viewer is not None and viewer.is_authenticated
    viewer = viewer if signed_in else None
    closed = comments_closed_because(target)
    result = Thread(
        target=target,
        kind=target_kind(target),
        page_url=target_url(target),
        closed_because=closed,
        can_comment=signed_in and not closed and viewer.has_perm("discussion.comment", target),
    )
    may_moderate = signed_in and viewer.has_perm("discussion.moderate")
    rows = Comment.objects.filter(**{target_field(target): target}).select_related(*_RELATED)
    by_parent: dict[int | None, list[Comment]] = {}
    for comment in rows.order_by("created_at", "pk"):
        _mark(comment, viewer, may_reply=result.can_comment, may_moderate=may_moderate)
        by_parent.setdefault(comment.parent_id, []).append(comment)
    for comment in by_parent.get(None, []):
        comment.shown_replies = by_parent.get(comment.pk, [])
        result.comments.append(comment)
    result.count = sum(len(comments) for comments in by_parent.values())
    return result


def comment_access(pk: int) -> Comment | None:
    """A comment with what every page about it shows, or None."""
    return (
        Comment.objects.select_related(
            *_RELATED, "recommendation", "round", "round_item__round", "round_item__recommendation"
        )
        .filter(pk=pk)
        .first()
    )


def item_comment_counts(voting_round: Round) -> list[tuple[RoundItem, int]]:
    """Each item of the round's list with how many comments its own thread has."""
    items = (
        RoundItem.objects.filter(round=voting_round)
        .select_related("recommendation")
        .prefetch_related("recommendation__translations")
        .annotate(comment_count=Count("discussion_comments"))
        .order_by("recommendation__reference")
    )
    return [(item, item.comment_count) for item in items]


def comments_by(user) -> QuerySet[Comment]:
    """What ``user`` wrote, newest first, with what the activity page shows of each."""
    return (
        Comment.objects.filter(author=user)
        .select_related(
            "moderation__appeal",
            "recommendation",
            "round",
            "round_item__round",
            "round_item__recommendation",
        )
        .prefetch_related("recommendation__translations")
        .order_by("-created_at", "-pk")
    )


def moderation_news(user) -> QuerySet[Comment]:
    """``user``'s comments that a moderator hid, with the appeal if there is one."""
    return comments_by(user).filter(moderation__isnull=False)


def appeals_by(user) -> QuerySet[Appeal]:
    return (
        Appeal.objects.filter(appellant=user)
        .select_related("moderation__comment")
        .order_by("-filed_at", "-pk")
    )


def appeals_waiting() -> QuerySet[Appeal]:
    """Appeals the ombudsman has not decided, oldest first."""
    return (
        Appeal.objects.filter(decided_at__isnull=True)
        .select_related(
            "moderation__comment__author__person",
            "moderation__hidden_by__person",
            "moderation__comment__recommendation",
            "moderation__comment__round",
            "moderation__comment__round_item__round",
            "moderation__comment__round_item__recommendation",
        )
        .order_by("filed_at", "pk")
    )


def appeals_decided(limit: int = 50) -> QuerySet[Appeal]:
    return (
        Appeal.objects.filter(~Q(outcome=""))
        .select_related("moderation__comment", "decided_by__person")
        .order_by("-decided_at", "-pk")[:limit]
    )
