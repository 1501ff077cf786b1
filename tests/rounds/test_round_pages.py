"""The round pages: the list, a round's rules, voting on each kind of ballot."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commonweal.community.models import Membership
from commonweal.rounds.models import Ballot
from commonweal.rounds.services import ballot_submit

pytestmark = pytest.mark.django_db


def _ballot_url(round_):
    return reverse("rounds:ballot", kwargs={"pk": round_.pk})


def _page(response) -> str:
    return response.content.decode()


# --- list and round page ----------------------------------------------------------------


def test_anyone_sees_the_rounds_with_phase_rule_groups_and_ballots_cast(
    client, approval_round, make_voter
):
    ballot_submit(
        voting_round=approval_round,
        user=make_voter(),
        group=approval_round.voter_groups.get(),
        choices=[("WS2-1", 1)],
    )
    page = _page(client.get(reverse("rounds:list")))
    assert "Accountability 2027" in page
    assert "voting open" in page
    assert "method of equal shares" in page
    assert "Non-Commercial Users Constituency" in page
    assert "<td>1</td>" in page


def test_the_round_page_states_the_rules_and_the_costs_on_the_ballot(client, approval_round):
    page = _page(client.get(approval_round.get_absolute_url()))
    assert "Each voting group weighs the same" in page
    assert "at most 2 recommendations on one ballot" in page
    assert "Total budget the rule may spend" in page
    for item in approval_round.items.select_related("recommendation"):
        assert item.recommendation.get_absolute_url() in page
        assert item.recommendation.title in page
    assert "110,000" in page  # 100,000 once and 10,000 a year over the one year planned
    assert "Sign in to vote" in page
    assert "Close voting and count" not in page


def test_a_member_of_a_voting_group_is_offered_the_ballot_and_others_are_not(
    client, approval_round, make_voter, role_users
):
    client.force_login(make_voter())
    assert _ballot_url(approval_round) in _page(client.get(approval_round.get_absolute_url()))
    client.force_login(role_users["participant"])
    page = _page(client.get(approval_round.get_absolute_url()))
    assert "Vote in this round" not in page


def test_the_secretariat_sees_edit_close_and_after_the_count_the_pabulib_link(
    client, approval_round, role_users
):
    client.force_login(role_users["secretariat"])
    page = _page(client.get(approval_round.get_absolute_url()))
    assert reverse("rounds:edit", kwargs={"pk": approval_round.pk}) in page
    assert "only the title and description can still change" in page
    assert "Close voting and count" in page
    client.post(reverse("rounds:close", kwargs={"pk": approval_round.pk}), {"confirm": "yes"})
    page = _page(client.get(approval_round.get_absolute_url()))
    assert "Close voting and count" not in page
    assert reverse("rounds:pabulib", kwargs={"pk": approval_round.pk}) in page


# --- who may vote -----------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in_before_they_can_vote(client, approval_round):
    for response in (
        client.get(_ballot_url(approval_round)),
        client.post(_ballot_url(approval_round), {"choice": ["WS2-1"]}),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    assert not Ballot.objects.exists()


def test_someone_outside_the_voting_groups_is_refused_with_a_reason(
    client, approval_round, role_users
):
    client.force_login(role_users["participant"])
    response = client.get(_ballot_url(approval_round))
    assert response.status_code == 403
    assert "Only current members of this round" in _page(response)
    response = client.post(_ballot_url(approval_round), {"choice": ["WS2-1"]})
    assert response.status_code == 403
    assert not Ballot.objects.exists()


def test_a_former_member_of_the_voting_group_can_no_longer_vote(client, approval_round, make_voter):
    voter = make_voter()
    Membership.objects.filter(person=voter.person).update(
        end_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(voter)
    assert client.get(_ballot_url(approval_round)).status_code == 403


# --- approval ballots -------------------------------------------------------------------


def test_a_voter_ticks_two_recommendations_and_gets_a_receipt(client, approval_round, make_voter):
    client.force_login(make_voter())
    page = _page(client.get(_ballot_url(approval_round)))
    assert 'type="checkbox" name="choice" value="WS2-1"' in page
    assert "the last ballot you submit before voting closes is the one counted" in page
    response = client.post(_ballot_url(approval_round), {"choice": ["WS2-1", "WS2-3"]})
    assert response.status_code == 302
    assert response["Location"] == _ballot_url(approval_round)
    ballot = Ballot.objects.get()
    assert ballot.choices == [["WS2-1", 1], ["WS2-3", 1]]
    page = _page(client.get(response["Location"]))
    assert "Your ballot is saved" in page
    assert ballot.receipt in page
    assert 'value="WS2-1" id="choice-1" checked' in page
    assert 'value="WS2-2" id="choice-2">' in page


def test_too_many_ticks_are_refused_with_the_limit_and_nothing_is_stored(
    client, approval_round, make_voter
):
    client.force_login(make_voter())
    response = client.post(_ballot_url(approval_round), {"choice": ["WS2-1", "WS2-2", "WS2-3"]})
    assert response.status_code == 400
    assert "Choose at most 2 recommendations; this ballot has 3." in _page(response)
    assert not Ballot.objects.exists()


def test_a_recommendation_not_on_the_ballot_is_refused(client, approval_round, make_voter):
    client.force_login(make_voter())
    response = client.post(_ballot_url(approval_round), {"choice": ["NOT-THERE"]})
    assert response.status_code == 400
    assert "NOT-THERE is not on this ballot." in _page(response)
    assert not Ballot.objects.exists()


def test_an_empty_ballot_is_refused(client, approval_round, make_voter):
    client.force_login(make_voter())
    response = client.post(_ballot_url(approval_round), {})
    assert response.status_code == 400
    assert "choose at least one" in _page(response)


def test_voting_again_replaces_the_ballot_with_a_new_receipt(client, approval_round, make_voter):
    client.force_login(make_voter())
    client.post(_ballot_url(approval_round), {"choice": ["WS2-1"]})
    first = Ballot.objects.get().receipt
    client.post(_ballot_url(approval_round), {"choice": ["WS2-2"]})
    ballot = Ballot.objects.get()
    assert ballot.receipt != first
    assert ballot.choices == [["WS2-2", 1]]
    page = _page(client.get(_ballot_url(approval_round)))
    assert ballot.receipt in page
    assert f"The old receipt {first[:16]}… is void: that ballot will not be counted." in page
    assert "Replace my ballot" in page
    assert (
        f'Submitting replaces your current ballot: its receipt <bdi dir="ltr">{ballot.receipt[:16]}'
        in page
    )


def test_a_member_of_two_voting_groups_chooses_which_one_they_vote_for(
    client, make_round, make_recommendation, make_group, make_voter
):
    first, second = make_group("alac", name="ALAC"), make_group("gac", name="GAC")
    round_ = make_round(recommendations=[make_recommendation("M-1")], voter_groups=[first, second])
    client.force_login(make_voter(first, second))
    response = client.post(_ballot_url(round_), {"choice": ["M-1"]})
    assert response.status_code == 400
    assert "Choose the stakeholder group you vote for." in _page(response)
    response = client.post(_ballot_url(round_), {"choice": ["M-1"], "group": second.pk})
    assert response.status_code == 302
    assert Ballot.objects.get().group == second


def test_a_group_the_voter_is_not_in_is_refused(client, approval_round, make_group, make_voter):
    other = make_group("other")
    client.force_login(make_voter())
    response = client.post(_ballot_url(approval_round), {"choice": ["WS2-1"], "group": other.pk})
    assert response.status_code == 400
    assert "You cannot vote in this round for that group." in _page(response)


# --- points and ranking ballots ---------------------------------------------------------


def test_a_voter_shares_points_and_empty_boxes_count_as_none(client, points_round, make_voter):
    client.force_login(make_voter())
    page = _page(client.get(_ballot_url(points_round)))
    assert 'name="points-P-1"' in page
    assert "Share out up to 100 points" in page
    response = client.post(
        _ballot_url(points_round), {"points-P-1": "60", "points-P-2": "", "points-P-3": "40"}
    )
    assert response.status_code == 302
    assert Ballot.objects.get().choices == [["P-1", 60], ["P-3", 40]]
    page = _page(client.get(_ballot_url(points_round)))
    assert 'name="points-P-1" id="choice-1" min="0" max="100" step="1" value="60"' in page


def test_more_points_than_the_voter_has_are_refused(client, points_round, make_voter):
    client.force_login(make_voter())
    response = client.post(_ballot_url(points_round), {"points-P-1": "70", "points-P-2": "50"})
    assert response.status_code == 400
    page = _page(response)
    assert "You have 100 points to share out; this ballot uses 120." in page
    assert 'value="70"' in page  # what the voter typed is still there to correct
    assert not Ballot.objects.exists()


def test_points_that_are_not_a_whole_number_or_negative_are_refused(
    client, points_round, make_voter
):
    client.force_login(make_voter())
    response = client.post(_ballot_url(points_round), {"points-P-1": "ten"})
    assert response.status_code == 400
    assert "is not a whole number" in _page(response)
    response = client.post(_ballot_url(points_round), {"points-P-1": "-5", "points-P-2": "10"})
    assert response.status_code == 400
    assert "Points cannot be negative." in _page(response)
    assert not Ballot.objects.exists()


@pytest.mark.parametrize("junk", ["1_0", "١٠", "1" * 12, "1.5"])
def test_points_written_any_other_way_than_plain_digits_are_refused(
    client, points_round, make_voter, junk
):
    client.force_login(make_voter())
    response = client.post(_ballot_url(points_round), {"points-P-1": junk})
    assert response.status_code == 400
    assert "is not a whole number" in _page(response)
    assert not Ballot.objects.exists()


def test_the_same_recommendation_posted_twice_is_refused(client, points_round, make_voter):
    client.force_login(make_voter())
    response = client.post(_ballot_url(points_round), {"points-P-1": ["1", "1"]})
    assert response.status_code == 400
    assert "P-1 is on the ballot twice." in _page(response)
    assert not Ballot.objects.exists()


def test_the_ballot_page_is_never_kept_by_a_cache(client, points_round, make_voter):
    client.force_login(make_voter())
    assert "no-store" in client.get(_ballot_url(points_round))["Cache-Control"]


def test_a_ranking_is_stored_in_the_voters_order(client, ranking_round, make_voter):
    client.force_login(make_voter())
    response = client.post(
        _ballot_url(ranking_round), {"rank-K-1": "2", "rank-K-2": "", "rank-K-3": "1"}
    )
    assert response.status_code == 302
    assert Ballot.objects.get().choices == [["K-3", 1], ["K-1", 1]]
    page = _page(client.get(_ballot_url(ranking_round)))
    assert 'name="rank-K-3" id="choice-3" min="1" max="3" step="1" value="1"' in page


def test_two_recommendations_with_the_same_rank_are_refused(client, ranking_round, make_voter):
    client.force_login(make_voter())
    response = client.post(_ballot_url(ranking_round), {"rank-K-1": "1", "rank-K-2": "1"})
    assert response.status_code == 400
    assert "K-1 and K-2 are both ranked 1." in _page(response)
    response = client.post(_ballot_url(ranking_round), {"rank-K-1": "4"})
    assert response.status_code == 400
    assert "ranks go from 1 to 3" in _page(response)
    assert not Ballot.objects.exists()


# --- when voting is not open ------------------------------------------------------------


def test_a_closed_round_says_so_and_refuses_ballots(
    client, make_round, make_recommendation, voting_group, make_voter
):
    now = timezone.now()
    round_ = make_round(
        recommendations=[make_recommendation("C-1")],
        voter_groups=[voting_group],
        opens_at=now - datetime.timedelta(days=8),
        closes_at=now - datetime.timedelta(days=1),
    )
    client.force_login(make_voter())
    page = _page(client.get(_ballot_url(round_)))
    assert "Voting in this round is closed." in page
    assert '<form method="post" class="ballot"' not in page
    response = client.post(_ballot_url(round_), {"choice": ["C-1"]})
    assert response.status_code == 400
    assert "Voting in this round is not open." in _page(response)
    assert not Ballot.objects.exists()


def test_a_round_not_yet_open_says_when_it_opens(
    client, make_round, make_recommendation, voting_group, make_voter
):
    round_ = make_round(
        recommendations=[make_recommendation("U-1")],
        voter_groups=[voting_group],
        opens_at=timezone.now() + datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=8),
    )
    client.force_login(make_voter())
    assert "Voting has not opened yet" in _page(client.get(_ballot_url(round_)))
    assert client.post(_ballot_url(round_), {"choice": ["U-1"]}).status_code == 400


# --- privacy ----------------------------------------------------------------------------


def test_no_page_shows_one_voters_choices_or_receipt_to_anyone_else(
    client, points_round, make_voter, role_users
):
    first, second = make_voter(), make_voter()
    client.force_login(first)
    client.post(_ballot_url(points_round), {"points-P-1": "73"})
    client.force_login(second)
    client.post(_ballot_url(points_round), {"points-P-2": "61"})
    receipts = list(Ballot.objects.values_list("receipt", flat=True))
    pages = [
        reverse("rounds:list"),
        points_round.get_absolute_url(),
        reverse("rounds:priorities", kwargs={"pk": points_round.pk}),
    ]
    client.force_login(role_users["secretariat"])
    for url in pages:
        page = _page(client.get(url))
        for receipt in receipts:
            assert receipt[:16] not in page, url
        for shown in ("P-1: 73", "P-2: 61", 'value="73"', 'value="61"'):
            assert shown not in page, url
    assert client.get(_ballot_url(points_round)).status_code == 403
    client.force_login(first)
    page = _page(client.get(_ballot_url(points_round)))
    mine = Ballot.objects.get(choices=[["P-1", 73]]).receipt
    theirs = Ballot.objects.get(choices=[["P-2", 61]]).receipt
    assert mine in page
    assert '<bdi dir="ltr">P-1</bdi>: 73 points' in page
    assert theirs[:16] not in page
    assert "P-2: 61" not in page and 'value="61"' not in page
