"""A recommendation may be followed (core/follows.py): by its primary key; each move
through its lifecycle is news, a decision when it is decided. The members of the group
its source belongs to (a group's own request or advice) hear of it by default."""

from __future__ import annotations

from commonweal.core.follows import (
    DECISION,
    RECOMMENDATION,
    UPDATE,
    News,
    announce,
    followable_register,
    followable_table,
)
from commonweal.recommendations.models import LifecycleEvent, Recommendation


def _source_group(recommendation: Recommendation) -> list[int]:
    group_id = recommendation.source.group_id
    return [group_id] if group_id is not None else []


def followables_register() -> None:
    followable_register(
        followable_table(
            RECOMMENDATION,
            Recommendation.objects.select_related("source"),
            groups=_source_group,
        )
    )


def move_announce(recommendation: Recommendation, event: LifecycleEvent) -> None:
    """Tell the recommendation's followers it moved (call inside the move's transaction)."""
    decided = event.status == Recommendation.Status.DECIDED
    announce(
        News(
            key=f"recommendation:{recommendation.pk}:moved:{event.pk}",
            kind=RECOMMENDATION,
            subject=str(recommendation.pk),
            event="recommendation.moved",
            category=DECISION if decided else UPDATE,
            title=str(recommendation),
            url=recommendation.get_absolute_url(),
        )
    )
