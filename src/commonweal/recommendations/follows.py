"""A recommendation may be followed (core/follows.py): by its primary key; each move
through its lifecycle is news, a decision when it is decided. The members of the group
its source belongs to (a group's own request or advice) hear of it by default."""

from __future__ import annotations

from commonweal.core.follows import (
    DECISION,
    RECOMMENDATION,
    UPDATE,
    Followable,
    News,
    announce,
    followable_register,
)
from commonweal.recommendations.models import LifecycleEvent, Recommendation


def _recommendation(key: str) -> Recommendation | None:
    if not key.isdecimal():
        return None
    return Recommendation.objects.select_related("source").filter(pk=int(key)).first()


def _label(key: str) -> str | None:
    recommendation = _recommendation(key)
    return str(recommendation) if recommendation is not None else None


def _url(key: str) -> str | None:
    recommendation = _recommendation(key)
    return recommendation.get_absolute_url() if recommendation is not None else None


def _groups(key: str) -> list[int]:
    recommendation = _recommendation(key)
    if recommendation is None or recommendation.source.group_id is None:
        return []
    return [recommendation.source.group_id]


def followables_register() -> None:
    followable_register(Followable(RECOMMENDATION, label=_label, url=_url, groups=_groups))


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
