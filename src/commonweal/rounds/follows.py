"""A round may be followed (core/follows.py): by its primary key; the members of its voter
groups hear of it by default. Its opening is news with a deadline, its count a decision."""

from __future__ import annotations

from django.urls import reverse

from commonweal.core.follows import (
    DEADLINE,
    DECISION,
    ROUND,
    Followable,
    News,
    announce,
    followable_register,
)
from commonweal.rounds.models import Round


def _round(key: str) -> Round | None:
    if not key.isdecimal():
        return None
    return Round.objects.filter(pk=int(key)).first()


def _label(key: str) -> str | None:
    voting_round = _round(key)
    return voting_round.title if voting_round is not None else None


def _url(key: str) -> str | None:
    voting_round = _round(key)
    return voting_round.get_absolute_url() if voting_round is not None else None


def _groups(key: str) -> list[int]:
    if not key.isdecimal():
        return []
    return list(
        Round.voter_groups.through.objects.filter(round_id=int(key)).values_list(
            "stakeholdergroup_id", flat=True
        )
    )


def followables_register() -> None:
    followable_register(Followable(ROUND, label=_label, url=_url, groups=_groups))


def round_opened_announce(voting_round: Round) -> None:
    """Tell the voters and followers a round is set for voting, with its closing time."""
    announce(
        News(
            key=f"round:{voting_round.pk}:opened",
            kind=ROUND,
            subject=str(voting_round.pk),
            event="round.opened",
            category=DEADLINE,
            title=voting_round.title,
            url=voting_round.get_absolute_url(),
            deadline=voting_round.closes_at,
            groups=tuple(voting_round.voter_groups.values_list("pk", flat=True)),
        )
    )


def round_counted_announce(voting_round: Round) -> None:
    """Tell them the round was counted and its priority list published."""
    announce(
        News(
            key=f"round:{voting_round.pk}:counted",
            kind=ROUND,
            subject=str(voting_round.pk),
            event="round.counted",
            category=DECISION,
            title=voting_round.title,
            url=reverse("rounds:priorities", kwargs={"pk": voting_round.pk}),
        )
    )
