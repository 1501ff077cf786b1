"""Counting a round with the engine, and recounting it from the exported file."""

import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.urls import reverse

from commonweal.community.models import Membership
from commonweal.rounds.results import PriorityItem
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
    assert rows["DEP"]["reason_code"] == "requirement-left-out"
    assert rows["DEP"]["reason_params"] == {"requirement": "BASE"}
    assert rows["BASE"]["reason_code"] == "no-votes"


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


# --- every item's status and reason agree and name the real cause ----------------------------


def test_an_item_nobody_voted_for_is_listed_as_not_selected_because_nobody_voted_for_it(
    client, two_groups, make_recommendation, make_round
):
    # Greedy spends what is left of the budget on D, which nobody chose; the planner has
    # room for it, but the list must say the real cause, not "deferred" for want of room.
    large, _small, voters = two_groups
    recommendations = [
        make_recommendation(ref, title=f"Title of {ref}", one_time=cost, recurring=0)
        for ref, cost in (("A", 100), ("B", 50), ("D", 50))
    ]
    round_ = make_round(
        recommendations=recommendations,
        voter_groups=[large],
        rule="greedy",
        years=2,
        annual_cap=150,
    )
    _vote(round_, voters["large"][:4], large, ["A", "B"])
    result = round_close(voting_round=round_).result
    assert "D" in result["selected"]  # as `commonweal prioritize` recounts it
    rows = {row["id"]: row for row in result["items"]}
    assert rows["D"]["status"] == "not-selected"
    assert rows["D"]["reason_code"] == "no-votes"
    assert rows["D"]["reason"] == "nobody voted for it"

    page = client.get(reverse("rounds:priorities", kwargs={"pk": round_.pk})).content.decode()
    not_selected = page.index('id="not-selected"')
    row_d = page[page.index('id="item-D"') : page.index("</tr>", page.index('id="item-D"'))]
    assert page.index('id="item-D"') > not_selected
    assert "nobody voted for it" in row_d
    assert "room" not in row_d
    assert "None: everything the rule chose fits in the plan." in page


def test_no_room_in_a_year_is_named_and_an_item_funded_later_is_funded(
    two_groups, make_recommendation, make_round
):
    large, _small, voters = two_groups
    recommendations = [
        make_recommendation(ref, one_time=100, recurring=0) for ref in ("A", "B", "C")
    ]
    round_ = make_round(
        recommendations=recommendations,
        voter_groups=[large],
        rule="greedy",
        years=2,
        annual_cap=150,
    )
    _vote(round_, voters["large"][:3], large, ["A", "B", "C"])
    _vote(round_, voters["large"][3:5], large, ["A", "B"])
    _vote(round_, voters["large"][5:6], large, ["A"])
    rows = {row["id"]: row for row in round_close(voting_round=round_).result["items"]}
    assert (rows["A"]["status"], rows["A"]["start"], rows["A"]["reason_code"]) == (
        "funded",
        "2027",
        "earliest-start",
    )
    assert (rows["B"]["status"], rows["B"]["start"], rows["B"]["reason_code"]) == (
        "funded",
        "2028",
        "no-room-earlier",
    )
    assert rows["B"]["reason"].startswith("deferred to 2028: in 2027 ")
    assert (rows["C"]["status"], rows["C"]["reason_code"]) == ("deferred", "no-room")
    assert rows["C"]["reason_params"]["year"] == "2027"
    assert rows["C"]["reason"] == (
        "left out: in 2027 one-time costs (100) and recurring commitments (0) leave 50 of the "
        "150 available and this item needs 100"
    )


def test_a_result_published_before_reason_codes_still_reads():
    row = {
        "id": "A",
        "title": "Title of A",
        "cost": 100.0,
        "one_time_cost": 100.0,
        "recurring_cost": 0.0,
        "support": 3.0,
        "status": "funded",
        "start": "2027",
        "completes": "2027",
        "reason": "funded from 2027, its earliest start",
    }
    item = PriorityItem.from_json(row)
    assert (item.reason_code, item.reason_params) == ("", {})
    assert item.to_json() == {**row, "reason_code": "", "reason_params": {}}
