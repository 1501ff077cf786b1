"""Bringing recommendations into prioritization the one legal way: a round's ballot."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from commonweal.community.models import StakeholderGroup
from commonweal.rounds.services import round_close, round_create

_rounds = itertools.count(1)


def through_a_round(*recommendations, at: datetime.datetime | None = None, counted: bool = True):
    """Put ``recommendations`` on a round's ballot (entering prioritization at ``at``) and,
    unless ``counted=False``, count it so that they can be decided."""
    now = timezone.now()
    voters, _ = StakeholderGroup.objects.get_or_create(
        slug="round-voters", defaults={"name": "Round voters", "kind": "sg"}
    )
    round_ = round_create(
        recommendations=list(recommendations),
        voter_groups=[voters],
        at=at,
        title=f"Round {next(_rounds)}",
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=7),
        first_year=2027,
        years=max(r.implementation_years for r in recommendations),
        annual_cap=10_000_000,
    )
    if counted:
        round_ = round_close(voting_round=round_)
    for recommendation in recommendations:
        recommendation.refresh_from_db()
    return round_
