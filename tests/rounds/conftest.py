"""Fixtures for the round pages: a voting group, its voters, and a round of each ballot kind."""

import pytest

from commonweal.community.models import Membership


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
