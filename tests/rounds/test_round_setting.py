"""Setting a round: the secretariat's form, the rules it refuses, what may change after opening."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commonweal.rounds.models import Round
from commonweal.rounds.services import RoundError, round_update

pytestmark = pytest.mark.django_db


def _page(response) -> str:
    return response.content.decode()


def _round_post(recommendations, groups, **overrides):
    data = {
        "title": "Reviews 2028",
        "description": "What the reviews asked for.",
        "recommendations": [r.pk for r in recommendations],
        "voter_groups": [g.pk for g in groups],
        "ballot_kind": "approval",
        "max_choices": "",
        "points": "",
        "opens_at": "2030-01-10T09:00",
        "closes_at": "2030-01-24T17:00",
        "rule": "mes",
        "group_weighted": "on",
        "first_year": "2031",
        "years": "3",
        "annual_cap": "500000",
        "annual_reserve": "50000",
    }
    data.update(overrides)
    return data


def test_the_secretariat_sets_a_round_from_the_costed_recommendations(
    client, role_users, make_recommendation, voting_group
):
    ready = make_recommendation("READY-1", title="Publish the budget early")
    uncosted = make_recommendation("UNCOSTED-1", costed=False)
    client.force_login(role_users["secretariat"])
    page = _page(client.get(reverse("rounds:create")))
    assert "READY-1 — Publish the budget early" in page
    assert "UNCOSTED-1" not in page
    for label in ("Ballot", "Voting opens", "Rule", "Budget per year", "Reserve per year"):
        assert label.lower() in page.lower()
    response = client.post(reverse("rounds:create"), _round_post([ready], [voting_group]))
    round_ = Round.objects.get()
    assert response.status_code == 302
    assert response["Location"] == round_.get_absolute_url()
    assert round_.years == 3 and round_.first_year == 2031
    assert list(round_.items.values_list("recommendation__reference", flat=True)) == ["READY-1"]
    ready.refresh_from_db()
    assert ready.status == "prioritization"
    assert uncosted.status == "received"
    # On a ballot now, it is not offered for another round.
    assert "READY-1" not in _page(client.get(reverse("rounds:create")))


def test_a_round_with_impossible_rules_is_refused_with_a_message(
    client, role_users, make_recommendation, voting_group
):
    ready = make_recommendation("READY-2")
    client.force_login(role_users["secretariat"])
    for overrides, message in (
        ({"closes_at": "2030-01-01T09:00"}, "Voting must close after it opens."),
        ({"annual_reserve": "600000"}, "The reserve must be less than the budget per year."),
        ({"ballot_kind": "points"}, "A points ballot needs the number of points"),
        (
            {"ballot_kind": "points", "points": "100", "rule": "phragmen"},
            "Sequential Phragmén counts approval ballots only",
        ),
    ):
        response = client.post(
            reverse("rounds:create"), _round_post([ready], [voting_group], **overrides)
        )
        assert response.status_code == 400, overrides
        assert message in _page(response), overrides
    assert not Round.objects.exists()


def test_only_the_secretariat_and_administrators_set_rounds(client, role_users, approval_round):
    urls = [reverse("rounds:create"), reverse("rounds:edit", kwargs={"pk": approval_round.pk})]
    for role in ("participant", "coordinator", "board", "ombudsman"):
        client.force_login(role_users[role])
        for url in urls:
            assert client.get(url).status_code == 403, (role, url)
    for role in ("secretariat", "administrator"):
        client.force_login(role_users[role])
        for url in urls:
            assert client.get(url).status_code == 200, (role, url)


def test_before_voting_opens_the_rules_can_change(
    client, role_users, make_round, make_recommendation, voting_group
):
    first, second = make_recommendation("E-1"), make_recommendation("E-2")
    round_ = make_round(
        recommendations=[first],
        voter_groups=[voting_group],
        opens_at=timezone.now() + datetime.timedelta(days=2),
        closes_at=timezone.now() + datetime.timedelta(days=9),
    )
    client.force_login(role_users["secretariat"])
    page = _page(client.get(reverse("rounds:edit", kwargs={"pk": round_.pk})))
    assert 'name="rule"' in page
    response = client.post(
        reverse("rounds:edit", kwargs={"pk": round_.pk}),
        _round_post([first, second], [voting_group], rule="greedy", title="Renamed"),
    )
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.rule == "greedy" and round_.title == "Renamed"
    assert round_.items.count() == 2


def test_after_voting_opens_only_the_title_and_description_can_change(
    client, role_users, approval_round, voting_group
):
    client.force_login(role_users["secretariat"])
    url = reverse("rounds:edit", kwargs={"pk": approval_round.pk})
    page = _page(client.get(url))
    assert 'name="title"' in page and 'name="description"' in page
    assert 'name="rule"' not in page and 'name="annual_cap"' not in page
    recommendations = [item.recommendation for item in approval_round.items.all()]
    response = client.post(
        url, _round_post(recommendations, [voting_group], rule="greedy", annual_cap="1")
    )
    assert response.status_code == 400
    assert "Voting has opened: the round&#x27;s rules can no longer change." in _page(response)
    approval_round.refresh_from_db()
    assert approval_round.rule == "mes"
    assert approval_round.annual_cap == 1_000_000
    assert approval_round.title == "Accountability 2027"
    response = client.post(url, {"title": "Accountability, 2027", "description": "Clearer."})
    assert response.status_code == 302
    approval_round.refresh_from_db()
    assert approval_round.title == "Accountability, 2027"
    assert approval_round.description == "Clearer."


def test_the_service_refuses_rule_changes_after_opening(approval_round):
    with pytest.raises(RoundError, match="can no longer change"):
        round_update(voting_round=approval_round, rule="greedy")
    approval_round.refresh_from_db()
    assert approval_round.rule == "mes"
