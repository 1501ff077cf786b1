"""Changing one's mind: a replaced ballot's receipt is void, a vote can be withdrawn
after a confirmation, and anyone can check what became of a receipt."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from commonweal.rounds.models import Ballot, Participation, VoidReceipt
from commonweal.rounds.services import RoundError, ballot_submit, ballot_withdraw

pytestmark = pytest.mark.django_db


def _ballot_url(round_):
    return reverse("rounds:ballot", kwargs={"pk": round_.pk})


def _page(response) -> str:
    return response.content.decode()


def _check(client, round_, receipt: str):
    return client.post(round_.get_absolute_url(), {"receipt": receipt})


def test_an_old_receipt_checked_after_voting_again_is_reported_void_not_counted(
    client, approval_round, make_voter
):
    client.force_login(make_voter())
    client.post(_ballot_url(approval_round), {"choice": ["WS2-1"]})
    first = Ballot.objects.get().receipt
    client.post(_ballot_url(approval_round), {"choice": ["WS2-2"]})
    second = Ballot.objects.get().receipt
    client.logout()  # anyone holding a receipt may check it
    page = _page(_check(client, approval_round, first))
    assert "Void: this ballot was replaced by a later ballot from the same voter." in page
    page = _page(_check(client, approval_round, second[:16]))
    assert "Valid: this receipt's ballot stands and will be counted when voting closes." in page


def test_withdrawing_asks_first_and_says_what_it_does(client, approval_round, make_voter):
    client.force_login(make_voter())
    client.post(_ballot_url(approval_round), {"choice": ["WS2-1"]})
    receipt = Ballot.objects.get().receipt
    page = _page(client.get(_ballot_url(approval_round)))
    assert "Withdraw my vote" in page
    response = client.post(_ballot_url(approval_round), {"action": "withdraw"})
    page = _page(response)
    assert response.status_code == 200
    assert "Withdraw your vote in “Accountability 2027”?" in page
    assert f"its receipt {receipt[:16]}… becomes void" in page
    assert 'name="confirm" value="yes"' in page
    assert "Keep my vote" in page
    assert Ballot.objects.count() == 1


def test_a_confirmed_withdrawal_removes_the_ballot_and_voids_its_receipt(
    client, approval_round, make_voter
):
    voter = make_voter()
    client.force_login(voter)
    client.post(_ballot_url(approval_round), {"choice": ["WS2-1"]})
    receipt = Ballot.objects.get().receipt
    response = client.post(_ballot_url(approval_round), {"action": "withdraw", "confirm": "yes"})
    assert response["Location"] == _ballot_url(approval_round)
    assert not Ballot.objects.exists()
    assert not Participation.objects.filter(user=voter).exists()
    page = _page(client.get(response["Location"]))
    assert (
        f"Your vote is withdrawn: it will not be counted, and its receipt {receipt[:16]}… is void"
        in page
    )
    assert "Submit my ballot" in page  # and may vote again
    page = _page(_check(client, approval_round, receipt))
    assert "Void: this vote was withdrawn and is not counted." in page
    assert "0 ballots cast" in page


def test_a_vote_cannot_be_withdrawn_once_voting_has_closed(
    make_round, make_recommendation, voting_group, make_voter
):
    voter = make_voter()
    round_ = make_round(recommendations=[make_recommendation("C-1")], voter_groups=[voting_group])
    ballot_submit(voting_round=round_, user=voter, group=voting_group, choices=[("C-1", 1)])
    later = timezone.now() + datetime.timedelta(days=8)
    with pytest.raises(RoundError, match="a ballot can no longer be withdrawn"):
        ballot_withdraw(voting_round=round_, user=voter, now=later)
    assert Ballot.objects.count() == 1


def test_withdrawing_without_a_ballot_says_there_is_none(client, approval_round, make_voter):
    client.force_login(make_voter())
    response = client.post(
        _ballot_url(approval_round), {"action": "withdraw", "confirm": "yes"}, follow=True
    )
    assert "You have no ballot in this round to withdraw." in _page(response)


def test_a_void_receipt_keeps_nothing_that_names_the_voter_or_the_choices():
    assert {field.name for field in VoidReceipt._meta.get_fields()} == {
        "id",
        "round",
        "receipt",
        "reason",
    }


def test_a_receipt_check_says_counted_after_the_count_and_never_shows_choices(
    client, points_round, make_voter, role_users
):
    voter = make_voter()
    client.force_login(voter)
    client.post(_ballot_url(points_round), {"points-P-1": "73"})
    receipt = Ballot.objects.get().receipt
    client.force_login(role_users["secretariat"])
    client.post(reverse("rounds:close", kwargs={"pk": points_round.pk}), {"confirm": "yes"})
    client.logout()
    page = _page(_check(client, points_round, receipt[:16]))
    assert "Counted: this receipt's ballot is among the published ballots" in page
    # The 73 points are nowhere on the page (the CSRF token, random, may hold "73").
    assert not re.search(r"(?<![\w-])73(?![\w-])", re.sub(r'value="[^"]*"', "", page))


@pytest.mark.parametrize(
    ("typed", "status", "said"),
    [
        ("not a receipt", 400, "A receipt is made of the digits 0–9 and the letters a–f"),
        ("abc123", 400, "give at least the first 16"),
        ("0" * 64, 200, "No ballot in this round has this receipt."),
    ],
)
def test_a_receipt_that_cannot_be_found_is_answered_plainly(
    client, approval_round, typed, status, said
):
    response = _check(client, approval_round, typed)
    assert response.status_code == status
    assert said in _page(response)
