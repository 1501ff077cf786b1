"""Every step that moves a recommendation on, or publishes something that cannot be
taken back, is asked first on a page that names its effect; the step is then recorded
with who took it, when, and the reason given."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commonweal.recommendations.models import LifecycleEvent, Milestone, Recommendation
from commonweal.recommendations.services import (
    milestone_add,
    recommendation_decide,
    recommendation_move,
)

pytestmark = pytest.mark.django_db

REASONS = {
    "rationale": "Fits the five-year budget.",
    "serves": "Newcomers from underserved regions.",
    "consultation": "A public comment period of 40 days.",
    "alternatives": "A smaller pilot.",
}


@pytest.fixture
def staff(client, role_users):
    client.force_login(role_users["secretariat"])
    return role_users["secretariat"]


@pytest.fixture
def approved(make_recommendation):
    recommendation = make_recommendation("WS2-7", title="Outreach in underserved regions")
    return recommendation_decide(recommendation=recommendation, decision="approved", **REASONS)


@pytest.fixture
def under_way(approved):
    return recommendation_move(recommendation=approved, to="implementation")


def _url(recommendation):
    return reverse("recommendations:move", kwargs={"pk": recommendation.pk})


def _page(response) -> str:
    return response.content.decode()


def test_mark_implemented_asks_first_naming_its_effect_and_changes_nothing(
    client, staff, under_way
):
    response = client.post(_url(under_way), {"action": "move", "to": "implemented"})
    page = _page(response)
    assert response.status_code == 200
    assert "Mark WS2-7 implemented?" in page
    assert "It becomes “implemented” with its progress at 100%" in page
    assert "it cannot be undone" in page
    assert f'<form method="post" action="{_url(under_way)}"' in page
    assert '<input type="hidden" name="to" value="implemented">' in page
    assert '<input type="hidden" name="confirm" value="yes">' in page
    assert '<textarea name="note"' in page
    assert "<script" not in page.split("<main", 1)[1]  # works without JavaScript
    assert Recommendation.objects.get(pk=under_way.pk).status == "implementation"


def test_a_confirmed_step_records_who_when_and_why_and_shows_the_reason(client, staff, under_way):
    before = timezone.now()
    response = client.post(
        _url(under_way),
        {
            "action": "move",
            "to": "implemented",
            "confirm": "yes",
            "note": "Both outreach events held; report published.",
        },
    )
    assert response.status_code == 302
    assert Recommendation.objects.get(pk=under_way.pk).status == "implemented"
    event = LifecycleEvent.objects.filter(recommendation=under_way).latest("at")
    assert (event.status, event.by) == ("implemented", staff)
    assert event.note == "Both outreach events held; report published."
    assert before <= event.at <= timezone.now()
    page = _page(client.get(under_way.get_absolute_url()))
    assert "Both outreach events held; report published." in page


def test_starting_implementation_asks_and_says_it_cannot_go_back(client, staff, approved):
    page = _page(client.post(_url(approved), {"action": "move", "to": "implementation"}))
    assert "Start implementing WS2-7?" in page
    assert "It cannot go back to “decided”." in page
    assert Recommendation.objects.get(pk=approved.pk).status == "decided"


def test_a_decision_is_asked_with_what_it_publishes_and_carries_every_field(
    client, staff, make_recommendation
):
    shown = make_recommendation("WS2-8")
    posted = {"action": "decide", "decision": "rejected", **REASONS}
    page = _page(client.post(_url(shown), posted))
    assert "Record the decision on WS2-8: rejected?" in page
    assert "A rejection is final: the recommendation goes no further." in page
    assert "A recorded decision cannot be changed." in page
    assert f'<input type="hidden" name="rationale" value="{REASONS["rationale"]}">' in page
    assert Recommendation.objects.get(pk=shown.pk).decision == ""
    client.post(_url(shown), {**posted, "confirm": "yes", "note": "Duplicate of WS2-3."})
    decided = Recommendation.objects.get(pk=shown.pk)
    assert (decided.status, decided.decision) == ("decided", "rejected")
    assert decided.events.latest("at").note == "Duplicate of WS2-3."


def test_assessing_asks_but_revising_the_costs_does_not(client, staff, make_recommendation):
    received = make_recommendation("WS2-9", costed=False)
    costs = {
        "action": "assess",
        "one_time_cost": "1200",
        "recurring_cost": "300",
        "implementation_years": "2",
    }
    page = _page(client.post(_url(received), costs))
    assert "Assess WS2-9?" in page
    assert "$1,200 once and $300 a year, 2 years to implement" in page
    assert Recommendation.objects.get(pk=received.pk).status == "received"
    assert client.post(_url(received), {**costs, "confirm": "yes"}).status_code == 302
    assert client.post(_url(received), {**costs, "one_time_cost": "1500"}).status_code == 302
    assert Recommendation.objects.get(pk=received.pk).one_time_cost == 1500


def test_completing_a_milestone_asks_without_a_reason(client, staff, under_way):
    milestone = milestone_add(recommendation=under_way, title="Hire a coordinator")
    posted = {"action": "milestone_complete", "milestone": milestone.pk}
    page = _page(client.post(_url(under_way), posted))
    assert "Mark the milestone “Hire a coordinator” completed?" in page
    assert 'name="note"' not in page
    assert Milestone.objects.get().completed_at is None
    client.post(_url(under_way), {**posted, "confirm": "yes"})
    assert Milestone.objects.get().completed_at is not None


def test_a_reason_too_long_is_shown_again_with_the_limit_and_nothing_moves(
    client, staff, under_way
):
    response = client.post(
        _url(under_way),
        {"action": "move", "to": "implemented", "confirm": "yes", "note": "x" * 2001},
    )
    assert response.status_code == 400
    assert "at most 2000 characters" in _page(response)
    assert Recommendation.objects.get(pk=under_way.pk).status == "implementation"


def test_a_step_the_lifecycle_refuses_is_never_offered_for_confirmation(
    client, staff, make_recommendation
):
    shown = make_recommendation()
    response = client.post(_url(shown), {"action": "move", "to": "implemented"})
    assert response.status_code == 400
    assert "cannot become “implemented”" in _page(response)
    assert 'name="confirm"' not in _page(response)


def test_a_step_dated_before_the_one_it_follows_is_refused_before_confirmation(
    client, staff, approved
):
    Recommendation.objects.filter(pk=approved.pk).update(
        decided_at=timezone.now() + datetime.timedelta(days=1)
    )
    response = client.post(_url(approved), {"action": "move", "to": "implementation"})
    assert response.status_code == 400
    assert "cannot be dated before the step it follows" in _page(response)
