"""Counting a round with the engine, and recounting it from the exported file."""

import json
import subprocess
import sys

import pytest
from django.core.management import call_command

from commonweal.community.models import Membership
from commonweal.rounds.services import ballot_submit, round_close


@pytest.fixture
def two_groups(make_group, make_user):
    """A large group (10 voters) and a small one (2 voters)."""
    large, small = make_group("large"), make_group("small")
    voters = {"large": [], "small": []}
    for group, n in ((large, 10), (small, 2)):
        for _ in range(n):
            user = make_user()
            Membership.objects.create(person=user.person, group=group)
            voters[group.slug].append(user)
    return large, small, voters


def _vote(round_, voters, group, references):
    for user in voters:
        ballot_submit(
            voting_round=round_, user=user, group=group, choices=[(r, 1) for r in references]
        )


def test_each_group_controls_an_equal_share_of_the_budget(
    two_groups, make_recommendation, make_round
):
    large, small, voters = two_groups
    x, y, z = (make_recommendation(ref, one_time=50, recurring=0) for ref in ("X", "Y", "Z"))
    weighted = make_round(recommendations=[x, y, z], voter_groups=[large, small], annual_cap=100)
    _vote(weighted, voters["large"], large, ["X", "Z"])
    _vote(weighted, voters["small"], small, ["Y"])
    result = round_close(voting_round=weighted).result
    # Each group controls half the budget: the small group's two voters fund Y.
    assert result["selected"] == ["X", "Y"]


def test_without_group_weights_the_larger_group_decides(
    two_groups, make_recommendation, make_round
):
    large, small, voters = two_groups
    x, y, z = (make_recommendation(ref, one_time=50, recurring=0) for ref in ("X", "Y", "Z"))
    plain = make_round(
        recommendations=[x, y, z], voter_groups=[large, small], annual_cap=100, group_weighted=False
    )
    _vote(plain, voters["large"], large, ["X", "Z"])
    _vote(plain, voters["small"], small, ["Y"])
    result = round_close(voting_round=plain).result
    assert "Y" not in result["selected"]
    assert "X" in result["selected"]


@pytest.mark.parametrize("rule", ["mes", "greedy", "phragmen", "max-welfare"])
def test_the_exported_ballots_recount_to_the_published_result(
    rule, two_groups, make_recommendation, make_round, tmp_path
):
    large, small, voters = two_groups
    recommendations = [
        make_recommendation(f"P{k}", one_time=10_000 * (k + 1), recurring=2_000 * k)
        for k in range(6)
    ]
    round_ = make_round(
        recommendations=recommendations,
        voter_groups=[large, small],
        annual_cap=60_000,
        years=3,
        rule=rule,
    )
    for k, user in enumerate(voters["large"] + voters["small"]):
        group = large if user in voters["large"] else small
        picks = [f"P{(k + j) % 6}" for j in range(1 + k % 3)]
        ballot_submit(voting_round=round_, user=user, group=group, choices=[(p, 1) for p in picks])
    published = round_close(voting_round=round_).result

    exported = tmp_path / "round.pb"
    call_command("rounds", "export", str(round_.pk), "--output", str(exported))
    recount = subprocess.run(
        [sys.executable, "-m", "commonweal", "prioritize", str(exported), "--rule", rule],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(recount.stdout)["selected"] == published["selected"]
    # Nobody's account is in the file; every voter finds their ballot by receipt.
    text = exported.read_text(encoding="utf-8")
    for user in voters["large"]:
        assert user.email not in text
    assert published["ballots"] == 12


@pytest.mark.parametrize("rule", ["greedy", "mes"])
@pytest.mark.parametrize(("order", "funded"), [(["A", "B"], ["A"]), (["B", "A"], ["B"])])
def test_in_a_ranking_round_the_order_decides(
    rule, order, funded, two_groups, make_recommendation, make_round, tmp_path
):
    large, _small, voters = two_groups
    a = make_recommendation("A", one_time=60, recurring=0)
    b = make_recommendation("B", one_time=50, recurring=0)
    ranking = make_round(
        recommendations=[a, b],
        voter_groups=[large],
        annual_cap=60,
        ballot_kind="ranking",
        rule=rule,
    )
    for user in voters["large"][:5]:
        ballot_submit(voting_round=ranking, user=user, group=large, choices=[(r, 1) for r in order])
    assert round_close(voting_round=ranking).result["selected"] == funded
    exported = tmp_path / "ranking.pb"
    call_command("rounds", "export", str(ranking.pk), "--output", str(exported))
    # Borda scores: with two recommendations on the ballot, first 2 points, second 1.
    assert "scoring" in exported.read_text(encoding="utf-8")


def test_what_the_vote_selected_waits_for_a_dependency_it_did_not_select(
    two_groups, make_recommendation, make_round
):
    from commonweal.recommendations.services import recommendation_update

    large, _small, voters = two_groups
    base = make_recommendation("BASE", one_time=30, recurring=0)
    dependent = make_recommendation("DEP", one_time=30, recurring=0)
    recommendation_update(
        recommendation=dependent,
        title=dependent.title,
        text=dependent.text,
        objectives=[],
        dependencies=[base],
        owner="",
    )
    round_ = make_round(recommendations=[base, dependent], voter_groups=[large], annual_cap=100)
    for user in voters["large"]:
        ballot_submit(voting_round=round_, user=user, group=large, choices=[("DEP", 1)])
    rows = {row["id"]: row for row in round_close(voting_round=round_).result["items"]}
    assert rows["BASE"]["status"] == "not-selected"
    assert rows["DEP"]["status"] == "deferred"
    assert rows["DEP"]["reason"] == "left out: it requires BASE, which is not in the plan"


def test_an_item_that_cannot_be_implemented_within_the_plan_is_refused_on_the_ballot(
    make_recommendation, make_round
):
    from commonweal.rounds.services import RoundError

    long = make_recommendation("LONG", years=3)
    with pytest.raises(RoundError, match="takes 3 years to implement"):
        make_round(recommendations=[long], years=2)
    assert long.__class__.objects.get(pk=long.pk).status == "assessed"


def test_the_exported_ballots_leave_empty_columns_empty(
    two_groups, make_recommendation, make_round, tmp_path
):
    large, _small, voters = two_groups
    x, y = (make_recommendation(ref, one_time=50, recurring=0) for ref in ("X", "Y"))
    round_ = make_round(recommendations=[x, y], voter_groups=[large], annual_cap=100)
    _vote(round_, voters["large"][:3], large, ["X"])
    round_close(voting_round=round_)
    exported = tmp_path / "round.pb"
    call_command("rounds", "export", str(round_.pk), "--output", str(exported))
    text = exported.read_text(encoding="utf-8")
    # Recommendations have no Pabulib category or target: no column, and no "None" text.
    assert "None" not in text
    projects = text.split("PROJECTS\n")[1].split("VOTES\n")[0].splitlines()
    assert projects[0] == "project_id;cost;name"
    assert [row.split(";")[0] for row in projects[1:]] == ["X", "Y"]
