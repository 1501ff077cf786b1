"""Who is offered a ballot, what everyone else is told, the ballot page's own checks,
and the confirmation before voting is closed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commonweal.rounds.models import Ballot, Round

pytestmark = pytest.mark.django_db


def _ballot_url(round_):
    return reverse("rounds:ballot", kwargs={"pk": round_.pk})


def _close_url(round_):
    return reverse("rounds:close", kwargs={"pk": round_.pk})


def _page(response) -> str:
    return response.content.decode()


@pytest.fixture
def upcoming_round(make_round, make_recommendation, voting_group):
    return make_round(
        recommendations=[make_recommendation("U-1")],
        voter_groups=[voting_group],
        opens_at=timezone.now() + datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=8),
    )


@pytest.fixture
def closed_round(make_round, make_recommendation, voting_group):
    return make_round(
        recommendations=[make_recommendation("C-1")],
        voter_groups=[voting_group],
        opens_at=timezone.now() - datetime.timedelta(days=8),
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )


# --- the vote link and the reasons ----------------------------------------------------


def test_the_list_offers_the_vote_link_only_to_members_of_a_voting_group(
    client, approval_round, make_voter, role_users
):
    vote_link = f'href="{_ballot_url(approval_round)}"'
    assert vote_link not in _page(client.get(reverse("rounds:list")))
    client.force_login(role_users["participant"])
    assert vote_link not in _page(client.get(reverse("rounds:list")))
    client.force_login(make_voter())
    assert vote_link in _page(client.get(reverse("rounds:list")))


def test_someone_outside_the_voting_groups_is_told_why_and_where_to_ask_to_join(
    client, approval_round, voting_group, role_users
):
    client.force_login(role_users["participant"])
    page = _page(client.get(approval_round.get_absolute_url()))
    assert "Vote in this round" not in page
    assert _ballot_url(approval_round) not in page
    assert "you are not a member of any of them" in page
    assert "To vote, ask to join one of these groups on its page:" in page
    assert f'<a href="{voting_group.get_absolute_url()}"><bdi>{voting_group.name}</bdi></a>' in page
    assert reverse("community:groups") in page


def test_a_signed_out_visitor_is_asked_to_sign_in_and_comes_back_to_the_ballot(
    client, approval_round
):
    page = _page(client.get(approval_round.get_absolute_url()))
    assert "Sign in to vote" in page
    assert f'href="/accounts/sign-in/?next={_ballot_url(approval_round)}"' in page


def test_before_voting_opens_the_page_says_when_and_what_a_non_member_needs(
    client, upcoming_round, make_voter, role_users
):
    client.force_login(role_users["participant"])
    page = _page(client.get(upcoming_round.get_absolute_url()))
    assert "Voting has not opened yet; it opens" in page
    assert "To vote, ask to join one of these groups" in page
    client.force_login(make_voter())
    page = _page(client.get(upcoming_round.get_absolute_url()))
    assert "you can vote here once voting opens" in page
    assert "Vote in this round" not in page


def test_after_voting_closes_members_are_told_the_count_comes_next(
    client, closed_round, make_voter
):
    client.force_login(make_voter())
    page = _page(client.get(closed_round.get_absolute_url()))
    assert "Voting closed on" in page
    assert "the ballots will be counted and the priority list published" in page
    assert "Vote in this round" not in page


# --- the ballot page ------------------------------------------------------------------


def test_the_ballot_page_carries_its_counter_script_and_each_cost_from_this_site_only(
    client, approval_round, make_voter
):
    client.force_login(make_voter())
    page = _page(client.get(_ballot_url(approval_round)))
    assert '<script src="/static/commonweal/ballot.js" defer></script>' in page
    assert 'data-max-choices="2"' in page
    assert 'data-budget="1000000.00"' in page
    assert 'data-cost="110000.00"' in page
    assert 'data-chosen="Chosen: COUNT of LIMIT"' in page
    assert "http://" not in page and "https://" not in page
    assert 'class="skip" href="#main"' in page
    assert '<label for="choice-1">' in page


def test_an_over_full_ballot_is_refused_with_a_summary_that_takes_the_focus(
    client, approval_round, make_voter
):
    client.force_login(make_voter())
    response = client.post(_ballot_url(approval_round), {"choice": ["WS2-1", "WS2-2", "WS2-3"]})
    page = _page(response)
    assert response.status_code == 400
    assert "<title>Not saved:" in page
    assert 'id="problems" role="alert" tabindex="-1" autofocus' in page
    assert "Choose at most 2 recommendations; this ballot has 3." in page
    # What was ticked is shown again, to be corrected.
    assert 'value="WS2-3" id="choice-3" checked' in page
    assert not Ballot.objects.exists()


# --- closing voting -------------------------------------------------------------------


def test_closing_voting_asks_first_naming_what_happens(client, approval_round, role_users):
    client.force_login(role_users["secretariat"])
    response = client.post(_close_url(approval_round))
    page = _page(response)
    assert response.status_code == 200
    assert "Close voting and count “Accountability 2027”?" in page
    assert "Voting ends now for everyone, before the date the rules set" in page
    assert "The 0 ballots cast are counted with the rule “method of equal shares”" in page
    assert "This cannot be undone." in page
    assert 'name="note"' in page
    assert not Round.objects.get(pk=approval_round.pk).is_counted


def test_a_confirmed_close_counts_and_shows_the_reason_on_the_round_page(
    client, approval_round, role_users
):
    client.force_login(role_users["secretariat"])
    response = client.post(
        _close_url(approval_round),
        {"confirm": "yes", "note": "The board meets on Monday and needs the list."},
    )
    assert response["Location"] == reverse("rounds:priorities", kwargs={"pk": approval_round.pk})
    closed = Round.objects.get(pk=approval_round.pk)
    assert closed.is_counted
    assert closed.close_note == "The board meets on Monday and needs the list."
    client.logout()
    page = _page(client.get(approval_round.get_absolute_url()))
    assert "Why voting was closed:" in page
    assert "The board meets on Monday and needs the list." in page
    assert ": voting is over." in page


def test_a_reason_too_long_is_refused_on_the_confirmation_and_nothing_is_counted(
    client, approval_round, role_users
):
    client.force_login(role_users["secretariat"])
    response = client.post(_close_url(approval_round), {"confirm": "yes", "note": "x" * 2001})
    assert response.status_code == 400
    assert "Ensure this value has at most 2000 characters" in _page(response)
    assert not Round.objects.get(pk=approval_round.pk).is_counted


def test_a_round_not_yet_open_is_not_offered_for_confirmation(client, upcoming_round, role_users):
    client.force_login(role_users["secretariat"])
    response = client.post(_close_url(upcoming_round), follow=True)
    assert "Voting has not opened yet; there is nothing to count." in _page(response)
    assert "This cannot be undone." not in _page(response)
