"""Fixtures for the round pages: a voting group, its voters, and a round of each ballot kind."""

import pytest

from commonweal.community.models import Membership
from commonweal.rounds.services import ballot_submit


@pytest.fixture
def voting_group(make_group):
    return make_group("ncuc", name="Non-Commercial Users Constituency")


@pytest.fixture
def make_voter(make_user, voting_group):
    def make(*groups):
        user = make_user()
        for group in groups or (voting_group,):
            Membership.objects.create(person=user.person, group=group)
        return user

    return make


@pytest.fixture
def approval_round(make_round, make_recommendation, voting_group):
    recommendations = [make_recommendation(ref) for ref in ("WS2-1", "WS2-2", "WS2-3")]
    return make_round(
        title="Accountability 2027",
        recommendations=recommendations,
        voter_groups=[voting_group],
        max_choices=2,
    )


@pytest.fixture
def points_round(make_round, make_recommendation, voting_group):
    recommendations = [make_recommendation(ref) for ref in ("P-1", "P-2", "P-3")]
    return make_round(
        recommendations=recommendations,
        voter_groups=[voting_group],
        ballot_kind="points",
        points=100,
        rule="greedy",
    )


@pytest.fixture
def ranking_round(make_round, make_recommendation, voting_group):
    recommendations = [make_recommendation(ref) for ref in ("K-1", "K-2", "K-3")]
    return make_round(
        recommendations=recommendations, voter_groups=[voting_group], ballot_kind="ranking"
    )


@pytest.fixture
def planned_round(make_round, make_recommendation, make_group, make_user):
    """Three items of 100 each, two years of 150: the rule funds all three, the plan
    has room for one a year, so one is left without room; a fourth has no votes."""
    group = make_group("rrsg", name="Registries Stakeholder Group")
    recommendations = [
        make_recommendation(ref, title=f"Title of {ref}", one_time=100, recurring=0)
        for ref in ("A", "B", "C", "D")
    ]
    round_ = make_round(
        title="Two-year plan",
        recommendations=recommendations,
        voter_groups=[group],
        ballot_kind="points",
        points=100,
        rule="greedy",
        years=2,
        annual_cap=150,
    )
    for picks in ({"A": 50, "B": 30, "C": 20}, {"A": 40, "C": 60}):
        user = make_user()
        Membership.objects.create(person=user.person, group=group)
        ballot_submit(voting_round=round_, user=user, group=group, choices=list(picks.items()))
    return round_
