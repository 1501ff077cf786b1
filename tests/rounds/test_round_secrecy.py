"""Who voted stays apart from what was voted, down to how the rows are stored."""

import pytest
from django.db import connection

from commonweal.community.models import Membership
from commonweal.rounds.models import Ballot, Participation
from commonweal.rounds.services import ballot_submit, round_close, voter_key

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def voted_round(make_group, make_user, make_round):
    group = make_group("voters")
    round_ = make_round(voter_groups=[group])
    reference = round_.items.first().recommendation.reference
    users = []
    for _ in range(12):
        user = make_user()
        Membership.objects.create(person=user.person, group=group)
        ballot_submit(voting_round=round_, user=user, group=group, choices=[(reference, 1)])
        users.append(user)
    return round_, users


def _ballot_order(round_, storage_order: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT voter_key FROM rounds_ballot WHERE round_id = %s ORDER BY {storage_order}",
            [round_.pk],
        )
        return [row[0] for row in cursor.fetchall()]


def _voting_order(round_, users) -> list[str]:
    by_user = {user.pk: voter_key(round_, user) for user in users}
    return [by_user[p.user_id] for p in Participation.objects.filter(round=round_).order_by("pk")]


def test_after_the_count_the_stored_ballots_no_longer_follow_the_order_of_voting(voted_round):
    round_, users = voted_round
    storage = "ctid" if connection.vendor == "postgresql" else "rowid"
    round_close(voting_round=round_)
    assert Ballot.objects.filter(round=round_).count() == 12
    # 12 ballots in voting order by chance: one in 479,001,600.
    assert _ballot_order(round_, storage) != _voting_order(round_, users)


@pytest.mark.postgres
def test_on_postgresql_no_transaction_id_joins_a_ballot_to_its_voter(voted_round):
    round_, _users = voted_round
    round_close(voting_round=round_)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM rounds_ballot b JOIN rounds_participation p "
            "ON p.xmin = b.xmin WHERE b.round_id = %s",
            [round_.pk],
        )
        assert cursor.fetchone()[0] == 0
