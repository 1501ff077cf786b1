"""Setting a round: its rules, who votes and which recommendations go on the ballot."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from commonweal.recommendations.models import Recommendation, cost_over_plan
from commonweal.recommendations.services import recommendation_move
from commonweal.rounds.follows import round_opened_announce
from commonweal.rounds.models import Round, RoundItem
from commonweal.rounds.services.errors import RoundError

Status = Recommendation.Status

# The fields that make a round's rules; none may change once voting opens.
RULE_FIELDS = (
    "ballot_kind",
    "max_choices",
    "points",
    "opens_at",
    "closes_at",
    "rule",
    "group_weighted",
    "first_year",
    "years",
    "annual_cap",
    "annual_reserve",
)
EDITABLE_AFTER_OPENING = ("title", "description")


def _check_field_names(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(RULE_FIELDS) - set(EDITABLE_AFTER_OPENING)
    if unknown:
        raise TypeError(f"unknown round fields: {sorted(unknown)}")


def _check_rules(voting_round: Round) -> None:
    if voting_round.closes_at <= voting_round.opens_at:
        raise RoundError(_("Voting must close after it opens."))
    if voting_round.ballot_kind == Round.BallotKind.POINTS and not voting_round.points:
        raise RoundError(_("A points ballot needs the number of points each voter shares out."))
    if (
        voting_round.ballot_kind != Round.BallotKind.APPROVAL
        and voting_round.rule == Round.Rule.PHRAGMEN
    ):
        raise RoundError(_("Sequential Phragmén counts approval ballots only."))
    if not 0 <= voting_round.annual_reserve < voting_round.annual_cap:
        raise RoundError(_("The reserve must be less than the budget per year."))
    if not 1 <= voting_round.years <= 10:
        raise RoundError(_("A plan covers one to ten years."))


def _check_ballot_items(voting_round: Round, recommendations: list[Recommendation]) -> None:
    """Every item can be implemented within the plan, and what it depends on is either on
    the same ballot or already approved."""
    references = {r.pk for r in recommendations}
    settled = (Status.IMPLEMENTATION, Status.IMPLEMENTED)
    for recommendation in recommendations:
        if recommendation.implementation_years > voting_round.years:
            raise RoundError(
                _(
                    "%(reference)s takes %(period)d years to implement, longer than the "
                    "%(years)d years this round plans."
                )
                % {
                    "reference": recommendation.reference,
                    "period": recommendation.implementation_years,
                    "years": voting_round.years,
                }
            )
        for dependency in recommendation.dependencies.all():
            approved = dependency.status in settled or (
                dependency.status == Status.DECIDED
                and dependency.decision == Recommendation.Decision.APPROVED
            )
            if dependency.pk not in references and not approved:
                raise RoundError(
                    _(
                        "%(reference)s depends on %(dependency)s, which is neither on this "
                        "ballot nor approved."
                    )
                    % {"reference": recommendation.reference, "dependency": dependency.reference}
                )


def _check_ready_for_ballot(recommendation: Recommendation) -> None:
    """Only costed recommendations, assessed or deferred by a decision, go on a ballot."""
    ready = recommendation.status == Status.ASSESSED or (
        recommendation.status == Status.DECIDED
        and recommendation.decision == Recommendation.Decision.DEFERRED
    )
    if not ready or not recommendation.costed:
        raise RoundError(
            _(
                "%(reference)s cannot go on a ballot: only costed recommendations not yet "
                "in another round can."
            )
            % {"reference": recommendation.reference}
        )


def _take_off_ballot(voting_round: Round, *, keep: set[int], by, at) -> None:
    """Remove the items whose recommendation is not in ``keep``; they are assessed again."""
    for item in voting_round.items.select_related("recommendation"):
        if item.recommendation_id not in keep:
            recommendation_move(
                recommendation=item.recommendation, to=Status.ASSESSED, by=by, at=at, by_round=True
            )
            item.delete()


def _put_on_ballot(voting_round: Round, recommendations: list[Recommendation], *, by, at) -> None:
    """Add ``recommendations`` to the ballot, copying their costs as they stand now; they
    enter prioritization."""
    for recommendation in recommendations:
        _check_ready_for_ballot(recommendation)
        recommendation_move(
            recommendation=recommendation, to=Status.PRIORITIZATION, by=by, at=at, by_round=True
        )
    RoundItem.objects.bulk_create(
        RoundItem(
            round=voting_round,
            recommendation=r,
            one_time_cost=r.one_time_cost,
            recurring_cost=r.recurring_cost,
            implementation_years=r.implementation_years,
            cost=cost_over_plan(
                r.one_time_cost, r.recurring_cost, r.implementation_years, voting_round.years
            ),
        )
        for r in recommendations
    )


def _costs_over_plan_update(voting_round: Round) -> None:
    """Costs over the plan depend on its length, which may have changed; they are worked
    out from the costs copied when the item went on the ballot."""
    for item in voting_round.items.all():
        cost = cost_over_plan(
            item.one_time_cost, item.recurring_cost, item.implementation_years, voting_round.years
        )
        if item.cost != cost:
            item.cost = cost
            item.save(update_fields=["cost"])


def _set_items(
    voting_round: Round,
    recommendations: list[Recommendation],
    by,
    at: datetime.datetime | None,
) -> None:
    """Put ``recommendations`` on the ballot, and only them."""
    chosen = {r.pk: r for r in recommendations}
    _check_ballot_items(voting_round, list(chosen.values()))
    _take_off_ballot(voting_round, keep=set(chosen), by=by, at=at)
    on_ballot = set(voting_round.items.values_list("recommendation_id", flat=True))
    _put_on_ballot(
        voting_round, [r for r in chosen.values() if r.pk not in on_ballot], by=by, at=at
    )
    _costs_over_plan_update(voting_round)


@transaction.atomic
def round_create(
    *,
    recommendations: list[Recommendation],
    voter_groups: list,
    by=None,
    at: datetime.datetime | None = None,
    **fields: Any,
) -> Round:
    """A new round; its recommendations enter prioritization (at ``at``, default now)."""
    _check_field_names(fields)
    voting_round = Round(created_by=by, **fields)
    _check_rules(voting_round)
    if not recommendations:
        raise RoundError(_("Put at least one recommendation on the ballot."))
    if not voter_groups:
        raise RoundError(_("Choose at least one stakeholder group to vote."))
    voting_round.save()
    voting_round.voter_groups.set(voter_groups)
    _set_items(voting_round, list(recommendations), by, at)
    round_opened_announce(voting_round)
    return voting_round


@transaction.atomic
def round_update(
    *,
    voting_round: Round,
    recommendations: list[Recommendation] | None = None,
    voter_groups: list | None = None,
    by=None,
    now: datetime.datetime | None = None,
    **fields: Any,
) -> Round:
    """Change a round. Once voting has opened only its title and description change."""
    locked = Round.objects.select_for_update().get(pk=voting_round.pk)
    changes_rules = (
        recommendations is not None
        or voter_groups is not None
        or any(
            name in RULE_FIELDS and getattr(locked, name) != value for name, value in fields.items()
        )
    )
    _check_field_names(fields)
    if changes_rules and locked.has_opened(now):
        raise RoundError(_("Voting has opened: the round's rules can no longer change."))
    for name, value in fields.items():
        setattr(locked, name, value)
    _check_rules(locked)
    locked.save()
    if voter_groups is not None:
        locked.voter_groups.set(voter_groups)
    if recommendations is not None or "years" in fields:
        _set_items(
            locked,
            list(recommendations)
            if recommendations is not None
            else [item.recommendation for item in locked.items.select_related("recommendation")],
            by,
            None,
        )
    return locked
