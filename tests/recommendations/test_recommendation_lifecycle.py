import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from prioritizing import through_a_round

from commonweal.recommendations.models import LifecycleEvent, Recommendation
from commonweal.recommendations.services import (
    TRANSITIONS,
    LifecycleError,
    milestone_add,
    recommendation_assess,
    recommendation_decide,
    recommendation_move,
    recommendation_progress_set,
    recommendation_update,
)
from commonweal.rounds.services import RoundError

pytestmark = pytest.mark.django_db

Status = Recommendation.Status
REASONS = {
    "rationale": "Fits the five-year budget.",
    "serves": "Newcomers from underserved regions.",
    "consultation": "A public comment period of 40 days; 12 comments.",
    "alternatives": "Deferring to the next cycle; a smaller pilot.",
}


def brought_to(recommendation, status: str, decision: str = "approved"):
    """Walk a costed recommendation along the legal path up to ``status``."""
    path = {
        Status.ASSESSED: [],
        Status.PRIORITIZATION: [Status.PRIORITIZATION],
        Status.DECIDED: [Status.PRIORITIZATION, Status.DECIDED],
        Status.IMPLEMENTATION: [Status.PRIORITIZATION, Status.DECIDED, Status.IMPLEMENTATION],
        Status.IMPLEMENTED: [
            Status.PRIORITIZATION,
            Status.DECIDED,
            Status.IMPLEMENTATION,
            Status.IMPLEMENTED,
        ],
    }[status]
    for step in path:
        if step == Status.DECIDED:
            recommendation_decide(recommendation=recommendation, decision=decision, **REASONS)
        elif step == Status.PRIORITIZATION:
            through_a_round(recommendation)
        else:
            recommendation_move(recommendation=recommendation, to=step)
    return recommendation


def stored(recommendation) -> tuple:
    fresh = Recommendation.objects.get(pk=recommendation.pk)
    return (
        fresh.status,
        fresh.decision,
        fresh.progress,
        [getattr(fresh, f"{stamp}_at") for stamp in ("assessed", "prioritization", "decided")],
        fresh.events.count(),
    )


def test_the_legal_path_stamps_every_step_and_derives_the_durations(make_recommendation):
    start = timezone.now() - datetime.timedelta(days=400)
    recommendation = make_recommendation(costed=False, received_at=start)
    days = [start + datetime.timedelta(days=n) for n in (10, 30, 130, 160, 390)]
    recommendation_assess(
        recommendation=recommendation,
        one_time_cost=Decimal("50000"),
        recurring_cost=Decimal("5000"),
        implementation_years=2,
        at=days[0],
    )
    through_a_round(recommendation, at=days[1])
    recommendation_decide(recommendation=recommendation, decision="approved", at=days[2], **REASONS)
    recommendation_move(recommendation=recommendation, to=Status.IMPLEMENTATION, at=days[3])
    recommendation_move(recommendation=recommendation, to=Status.IMPLEMENTED, at=days[4])

    recommendation.refresh_from_db()
    assert recommendation.status == Status.IMPLEMENTED
    assert [
        recommendation.received_at,
        recommendation.assessed_at,
        recommendation.prioritization_at,
        recommendation.decided_at,
        recommendation.implementation_at,
        recommendation.implemented_at,
    ] == [start, *days]
    assert list(recommendation.events.values_list("status", flat=True)) == [
        "received",
        "assessed",
        "prioritization",
        "decided",
        "implementation",
        "implemented",
    ]
    assert recommendation.time_to_decision == datetime.timedelta(days=130)
    assert recommendation.time_to_implementation == datetime.timedelta(days=260)
    assert recommendation.progress == 100


ILLEGAL = [
    (current, target)
    for current in Status.values
    for target in Status.values
    if target not in TRANSITIONS[current]
]


@pytest.mark.parametrize(("current", "target"), ILLEGAL)
def test_every_move_the_lifecycle_does_not_allow_is_refused_and_changes_nothing(
    make_recommendation, current, target
):
    recommendation = make_recommendation(costed=current != Status.RECEIVED)
    if current != Status.RECEIVED:
        brought_to(recommendation, current)
    before = stored(recommendation)
    with pytest.raises(LifecycleError, match="cannot become"):
        recommendation_move(recommendation=recommendation, to=target)
    assert stored(recommendation) == before


def test_a_recommendation_without_costs_cannot_be_assessed(make_recommendation):
    recommendation = make_recommendation(costed=False)
    with pytest.raises(LifecycleError, match="one-time and the recurring cost"):
        recommendation_move(recommendation=recommendation, to=Status.ASSESSED)
    assert Recommendation.objects.get(pk=recommendation.pk).status == Status.RECEIVED


@pytest.mark.parametrize("decision", ["deferred", "rejected"])
def test_only_an_approved_recommendation_is_implemented(make_recommendation, decision):
    recommendation = brought_to(make_recommendation(), Status.DECIDED, decision)
    before = stored(recommendation)
    with pytest.raises(LifecycleError, match="Only an approved"):
        recommendation_move(recommendation=recommendation, to=Status.IMPLEMENTATION)
    assert stored(recommendation) == before


def test_a_deferred_recommendation_goes_back_to_prioritization_but_an_approved_one_does_not(
    make_recommendation,
):
    deferred = brought_to(make_recommendation(), Status.DECIDED, "deferred")
    through_a_round(deferred)
    assert Recommendation.objects.get(pk=deferred.pk).status == Status.PRIORITIZATION
    approved = brought_to(make_recommendation(), Status.DECIDED, "approved")
    before = stored(approved)
    with pytest.raises(RoundError, match="cannot go on a ballot"):
        through_a_round(approved)
    with pytest.raises(LifecycleError, match="when a round puts it on its ballot"):
        recommendation_move(recommendation=approved, to=Status.PRIORITIZATION)
    assert stored(approved) == before


def test_while_its_round_is_uncounted_a_recommendation_is_neither_decided_nor_taken_off(
    make_recommendation,
):
    recommendation = make_recommendation()
    through_a_round(recommendation, counted=False)
    before = stored(recommendation)
    with pytest.raises(LifecycleError, match="not been counted"):
        recommendation_decide(recommendation=recommendation, decision="approved", **REASONS)
    with pytest.raises(LifecycleError, match="not been counted"):
        recommendation_move(recommendation=recommendation, to=Status.ASSESSED)
    assert stored(recommendation) == before


def test_a_decision_is_recorded_only_with_its_reasons_never_by_a_bare_move(make_recommendation):
    recommendation = make_recommendation()
    before = stored(recommendation)
    with pytest.raises(LifecycleError, match="Record the decision"):
        recommendation_move(recommendation=recommendation, to=Status.DECIDED)
    assert stored(recommendation) == before


@pytest.mark.parametrize("missing", ["rationale", "serves", "consultation", "alternatives"])
def test_a_decision_without_its_reasons_is_refused(make_recommendation, missing):
    recommendation = make_recommendation()
    before = stored(recommendation)
    with pytest.raises(LifecycleError, match="missing"):
        recommendation_decide(
            recommendation=recommendation, decision="approved", **{**REASONS, missing: "  "}
        )
    assert stored(recommendation) == before


def test_a_step_dated_before_the_one_it_follows_is_refused(make_recommendation):
    recommendation = make_recommendation()
    before = stored(recommendation)
    with pytest.raises(LifecycleError, match="before the step"):
        through_a_round(recommendation, at=recommendation.assessed_at - datetime.timedelta(days=1))
    assert stored(recommendation) == before


def test_costs_are_fixed_once_in_prioritization_and_never_negative(make_recommendation):
    recommendation = make_recommendation()
    with pytest.raises(LifecycleError, match="negative"):
        recommendation_assess(
            recommendation=recommendation,
            one_time_cost=Decimal("-1"),
            recurring_cost=Decimal("0"),
            implementation_years=1,
        )
    brought_to(recommendation, Status.PRIORITIZATION)
    with pytest.raises(LifecycleError, match="fixed"):
        recommendation_assess(
            recommendation=recommendation,
            one_time_cost=Decimal("1"),
            recurring_cost=Decimal("1"),
            implementation_years=1,
        )


def test_progress_and_milestones_belong_to_an_approved_implementation(make_recommendation):
    recommendation = make_recommendation()
    with pytest.raises(LifecycleError):
        recommendation_progress_set(recommendation=recommendation, progress=10)
    with pytest.raises(LifecycleError):
        milestone_add(recommendation=recommendation, title="Plan")
    brought_to(recommendation, Status.IMPLEMENTATION)
    recommendation_progress_set(recommendation=recommendation, progress=40)
    milestone_add(recommendation=recommendation, title="Plan")
    assert Recommendation.objects.get(pk=recommendation.pk).progress == 40
    assert recommendation.milestones.count() == 1


def test_a_dependency_that_would_close_a_circle_is_refused(make_recommendation):
    first, second, third = (make_recommendation(f"C-{n}") for n in (1, 2, 3))
    for item, needs in ((second, [first]), (third, [second])):
        recommendation_update(
            recommendation=item,
            title=item.title,
            text=item.text,
            objectives=[],
            dependencies=needs,
            owner="",
        )
    with pytest.raises(LifecycleError, match="C-1 → C-3 → C-2 → C-1"):
        recommendation_update(
            recommendation=first,
            title=first.title,
            text=first.text,
            objectives=[],
            dependencies=[third],
            owner="",
        )
    assert list(first.dependencies.all()) == []


def test_the_wording_is_fixed_once_the_recommendation_is_in_prioritization(make_recommendation):
    recommendation = brought_to(make_recommendation(), Status.PRIORITIZATION)
    with pytest.raises(LifecycleError, match="wording"):
        recommendation_update(
            recommendation=recommendation,
            title="Another title",
            text=recommendation.text,
            objectives=[],
            dependencies=[],
            owner="",
        )
    assert LifecycleEvent.objects.filter(recommendation=recommendation).count() == 3
