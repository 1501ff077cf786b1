"""My activity: the rounds I voted in with the receipt of the ballot that counts, and my
groups and requests to join — shown to me alone, never cached."""

from django.urls import reverse

from commonweal.community.models import MembershipRequest
from commonweal.rounds.services.ballots import ballot_of


def test_my_activity_shows_my_votes_receipts_and_groups_and_nobody_elses(
    client, approval_round, make_voter, make_group, voting_group
):
    voter, other = make_voter(), make_voter()
    ballot = reverse("rounds:ballot", kwargs={"pk": approval_round.pk})
    for user in (voter, other):
        client.force_login(user)
        assert client.post(ballot, {"choice": ["WS2-1"]}).status_code == 302
    mine = ballot_of(approval_round, voter).receipt[:16]
    theirs = ballot_of(approval_round, other).receipt[:16]
    MembershipRequest.objects.create(
        person=voter.person, group=make_group("alac", name="At-Large"), note="Please."
    )
    client.force_login(voter)
    response = client.get(reverse("accounts:activity"))
    page = response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    assert approval_round.title in page and voting_group.name in page
    assert mine in page and theirs not in page
    assert "At-Large" in page and "Pending" in page
