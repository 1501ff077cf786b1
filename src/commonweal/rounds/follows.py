"""A round may be followed (core/follows.py): by its primary key; the members of its voter
groups hear of it by default. Its opening is news with a deadline, its count a decision."""

from __future__ import annotations

from django.urls import reverse

from commonweal.core.follows import (
    DEADLINE,
    DECISION,
    ROUND,
    News,
    announce,
    followable_register,
    followable_table,
)
from commonweal.rounds.models import Round


def followables_register() -> None:
    followable_register(
        followable_table(
            ROUND,
            Round.objects.all(),
            label=lambda voting_round: voting_round.title,
            groups=lambda voting_round: list(
                voting_round.voter_groups.values_list("pk", flat=True)
            ),
        )
    )


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
