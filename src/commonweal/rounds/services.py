"""Writes for prioritization rounds: setting a round, casting ballots, counting, comments.

The count is the prioritization engine's: ``round_election`` turns the stored
ballots into the engine's Election (the same one ``commonweal rounds export``
writes as a Pabulib file, so anyone can recount with ``commonweal
prioritize``), the round's rule selects what the budget over the whole plan
can fund, and the multi-year planner then schedules the selection year by year
under each year's budget. Both stages explain every item in the engine's words.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import secrets
from collections import Counter
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from commonweal.allocation import RULES, Election, Project, election_to_pabulib, vote_matrix
from commonweal.allocation.explain import outcome_document
from commonweal.allocation.planner import Item, PlanProblem, Year, plan_document, solve_plan
from commonweal.allocation.rules import RuleNotApplicable
from commonweal.recommendations.models import Recommendation, cost_over_plan
from commonweal.recommendations.services import recommendation_move
from commonweal.rounds.models import Ballot, Comment, Participation, Round, RoundItem

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


class RoundError(ValueError):
    """A round or ballot the rules do not allow; the message is for the person who tried."""


# --- setting a round --------------------------------------------------------------------


def _check_rules(round_: Round) -> None:
    if round_.closes_at <= round_.opens_at:
        raise RoundError(_("Voting must close after it opens."))
    if round_.ballot_kind == Round.BallotKind.POINTS and not round_.points:
        raise RoundError(_("A points ballot needs the number of points each voter shares out."))
    if round_.ballot_kind != Round.BallotKind.APPROVAL and round_.rule == Round.Rule.PHRAGMEN:
        raise RoundError(_("Sequential Phragmén counts approval ballots only."))
    if not 0 <= round_.annual_reserve < round_.annual_cap:
        raise RoundError(_("The reserve must be less than the budget per year."))
    if not 1 <= round_.years <= 10:
        raise RoundError(_("A plan covers one to ten years."))


def _check_ballot_items(round_: Round, recommendations: list[Recommendation]) -> None:
    """Every item can be implemented within the plan, and what it depends on is either on
    the same ballot or already approved."""
    references = {r.pk for r in recommendations}
    settled = (Status.IMPLEMENTATION, Status.IMPLEMENTED)
    for recommendation in recommendations:
        if recommendation.implementation_years > round_.years:
            raise RoundError(
                _(
                    "%(reference)s takes %(period)d years to implement, longer than the "
                    "%(years)d years this round plans."
                )
                % {
                    "reference": recommendation.reference,
                    "period": recommendation.implementation_years,
                    "years": round_.years,
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


def _set_items(
    round_: Round, recommendations: list[Recommendation], by, at: datetime.datetime | None
) -> None:
    """Put ``recommendations`` on the ballot with their costs as they stand now."""
    chosen = {r.pk: r for r in recommendations}
    _check_ballot_items(round_, list(chosen.values()))
    for item in round_.items.select_related("recommendation"):
        if item.recommendation_id not in chosen:
            recommendation_move(
                recommendation=item.recommendation, to=Status.ASSESSED, by=by, at=at, by_round=True
            )
            item.delete()
    on_ballot = set(round_.items.values_list("recommendation_id", flat=True))
    for recommendation in chosen.values():
        if recommendation.pk in on_ballot:
            continue
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
        recommendation_move(
            recommendation=recommendation, to=Status.PRIORITIZATION, by=by, at=at, by_round=True
        )
    RoundItem.objects.bulk_create(
        RoundItem(
            round=round_,
            recommendation=r,
            one_time_cost=r.one_time_cost,
            recurring_cost=r.recurring_cost,
            implementation_years=r.implementation_years,
            cost=cost_over_plan(
                r.one_time_cost, r.recurring_cost, r.implementation_years, round_.years
            ),
        )
        for r in chosen.values()
        if r.pk not in on_ballot
    )
    # Costs over the plan depend on its length, which may have changed; they are worked
    # out from the costs copied when the item went on the ballot.
    for item in round_.items.all():
        cost = cost_over_plan(
            item.one_time_cost, item.recurring_cost, item.implementation_years, round_.years
        )
        if item.cost != cost:
            item.cost = cost
            item.save(update_fields=["cost"])


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
    unknown = set(fields) - set(RULE_FIELDS) - set(EDITABLE_AFTER_OPENING)
    if unknown:
        raise TypeError(f"unknown round fields: {sorted(unknown)}")
    round_ = Round(created_by=by, **fields)
    _check_rules(round_)
    if not recommendations:
        raise RoundError(_("Put at least one recommendation on the ballot."))
    if not voter_groups:
        raise RoundError(_("Choose at least one stakeholder group to vote."))
    round_.save()
    round_.voter_groups.set(voter_groups)
    _set_items(round_, list(recommendations), by, at)
    return round_


@transaction.atomic
def round_update(
    *,
    round: Round,
    recommendations: list[Recommendation] | None = None,
    voter_groups: list | None = None,
    by=None,
    now: datetime.datetime | None = None,
    **fields: Any,
) -> Round:
    """Change a round. Once voting has opened only its title and description change."""
    round_ = Round.objects.select_for_update().get(pk=round.pk)
    changes_rules = (
        recommendations is not None
        or voter_groups is not None
        or any(
            name in RULE_FIELDS and getattr(round_, name) != value for name, value in fields.items()
        )
    )
    unknown = set(fields) - set(RULE_FIELDS) - set(EDITABLE_AFTER_OPENING)
    if unknown:
        raise TypeError(f"unknown round fields: {sorted(unknown)}")
    if changes_rules and round_.has_opened(now):
        raise RoundError(_("Voting has opened: the round's rules can no longer change."))
    for name, value in fields.items():
        setattr(round_, name, value)
    _check_rules(round_)
    round_.save()
    if voter_groups is not None:
        round_.voter_groups.set(voter_groups)
    if recommendations is not None or "years" in fields:
        _set_items(
            round_,
            list(recommendations)
            if recommendations is not None
            else [item.recommendation for item in round_.items.select_related("recommendation")],
            by,
            None,
        )
    return round_


# --- ballots ----------------------------------------------------------------------------


def voter_key(round_: Round, user) -> str:
    """The keyed hash that finds a voter's ballot without storing who cast it."""
    return salted_hmac(
        "commonweal.rounds.ballot", f"{round_.pk}:{user.pk}", algorithm="sha256"
    ).hexdigest()


def check_choices(round_: Round, choices: list[tuple[str, int]]) -> list[list[Any]]:
    """Validate a ballot against the round's kind and limits; return it in stored form."""
    allowed = set(round_.items.values_list("recommendation__reference", flat=True))
    seen: set[str] = set()
    cleaned: list[list[Any]] = []
    for project, points in choices:
        if project not in allowed:
            raise RoundError(_("%(reference)s is not on this ballot.") % {"reference": project})
        if project in seen:
            raise RoundError(_("%(reference)s is on the ballot twice.") % {"reference": project})
        seen.add(project)
        if round_.ballot_kind == Round.BallotKind.POINTS:
            if points < 0:
                raise RoundError(_("Points cannot be negative."))
            if points == 0:
                continue
        cleaned.append([project, int(points) if round_.ballot_kind == "points" else 1])
    if not cleaned:
        raise RoundError(_("An empty ballot supports nothing: choose at least one."))
    if round_.max_choices and len(cleaned) > round_.max_choices:
        raise RoundError(
            _("Choose at most %(limit)d recommendations; this ballot has %(count)d.")
            % {"limit": round_.max_choices, "count": len(cleaned)}
        )
    if round_.ballot_kind == Round.BallotKind.POINTS:
        spent = sum(points for _project, points in cleaned)
        if spent > round_.points:
            raise RoundError(
                _("You have %(points)d points to share out; this ballot uses %(spent)d.")
                % {"points": round_.points, "spent": spent}
            )
    return cleaned


def ballot_receipt(round_: Round, choices: list[list[Any]], nonce: str) -> str:
    """A hash of the ballot as stored: the voter can find it in the published ballots."""
    canonical = json.dumps(
        {"round": round_.pk, "choices": choices, "nonce": nonce},
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def ballot_submit(
    *,
    round: Round,
    user,
    group,
    choices: list[tuple[str, int]],
    now: datetime.datetime | None = None,
) -> Ballot:
    """Store ``user``'s ballot (replacing an earlier one); return it with its receipt.

    One statement inserts or replaces the ballot (``INSERT … ON CONFLICT``), so
    concurrent submissions by one voter leave exactly one ballot, the last.
    """
    from commonweal.rounds.selectors import voting_groups

    round_ = round
    if not round_.is_open(now):
        raise RoundError(_("Voting in this round is not open."))
    eligible = voting_groups(round_, user)
    if group not in eligible:
        raise RoundError(_("You cannot vote in this round for that group."))
    cleaned = check_choices(round_, choices)
    receipt = ballot_receipt(round_, cleaned, secrets.token_hex(16))
    key = voter_key(round_, user)
    with transaction.atomic():
        Ballot.objects.bulk_create(
            [Ballot(round=round_, voter_key=key, group=group, choices=cleaned, receipt=receipt)],
            update_conflicts=True,
            unique_fields=["round", "voter_key"],
            update_fields=["group", "choices", "receipt"],
        )
        # Read back inside the transaction: the row is ours until commit, so this is
        # the ballot just written, not a concurrent submission's.
        ballot = Ballot.objects.get(round=round_, voter_key=key)
    # That the account voted is written in a transaction of its own, so that no
    # transaction id ties the two rows together (decision 0011).
    Participation.objects.bulk_create(
        [Participation(round=round_, user=user, group=group, first_voted_at=now or timezone.now())],
        update_conflicts=True,
        unique_fields=["round", "user"],
        update_fields=["group"],
    )
    return ballot


def ballot_of(round_: Round, user) -> Ballot | None:
    """The voter's own current ballot (only ever shown to that voter)."""
    if not user.is_authenticated:
        return None
    return Ballot.objects.filter(round=round_, voter_key=voter_key(round_, user)).first()


# --- counting ---------------------------------------------------------------------------


def group_weights(counts: Counter) -> dict[int, Fraction]:
    """Each voter's weight when every voting group's ballots weigh the same in total.

    Weights are scaled so that they add up to the number of ballots: a group of
    ``n`` ballots among ``g`` groups gives each ``total / (g * n)``.
    """
    total = sum(counts.values())
    return {group: Fraction(total, len(counts) * n) for group, n in counts.items()}


def round_election(round_: Round) -> Election:
    """The round as the engine's election: its items, budget and anonymised ballots.

    Ballots are ordered by receipt and each voter is named by the first 16
    characters of its receipt, so the exported file shows nobody's account and
    every voter can find their own ballot.
    """
    items = list(
        round_.items.select_related("recommendation").order_by("recommendation__reference")
    )
    index = {item.recommendation.reference: k for k, item in enumerate(items)}
    ballots = list(round_.ballots.select_related("group").order_by("receipt"))
    counts = Counter(b.group_id for b in ballots)
    weights = group_weights(counts) if round_.group_weighted and ballots else None
    points_ballot = round_.ballot_kind == Round.BallotKind.POINTS
    ranking = round_.ballot_kind == Round.BallotKind.RANKING
    meta = {
        "description": round_.title,
        "country": "",
        "unit": "commonweal",
        "instance": str(round_.pk),
        "rule": round_.rule,
        "num_years": str(round_.years),
        "first_year": str(round_.first_year),
    }
    if round_.max_choices:
        meta["max_length"] = str(round_.max_choices)
    if points_ballot:
        meta["max_sum_points"] = str(round_.points)
    return Election(
        meta=meta,
        projects=[
            Project(
                id=item.recommendation.reference,
                cost=Fraction(item.cost),
                name=item.recommendation.title,
            )
            for item in items
        ],
        budget=Fraction(round_.budget),
        vote_type=Round.VOTE_TYPES[round_.ballot_kind],
        voter_ids=[b.receipt[:16] for b in ballots],
        votes=[tuple(index[p] for p, _points in b.choices) for b in ballots],
        points=[tuple(points for _p, points in b.choices) for b in ballots]
        if points_ballot
        else [tuple(range(len(items), len(items) - len(b.choices), -1)) for b in ballots]
        if ranking
        else None,
        weights=[weights[b.group_id] for b in ballots] if weights else None,
        voter_extra={"group": [b.group.slug for b in ballots]},
        source=f"round {round_.pk}",
    )


def round_pabulib(round_: Round) -> str:
    """The anonymised ballots of a counted round as the Pabulib file it was counted from."""
    if not round_.is_counted:
        raise RoundError(_("The ballots are published when the round is counted."))
    return round_.ballots_file


def _unmet_dependencies(items: dict[str, RoundItem], selected: set[str]) -> dict[str, str]:
    """Selected items that need an item on the ballot the vote did not select (directly or
    through another such item), with the reason in words."""
    unmet: dict[str, str] = {}
    changed = True
    while changed:
        changed = False
        for reference in sorted(selected - set(unmet)):
            for dependency in items[reference].recommendation.dependencies.all():
                needed = dependency.reference
                if needed in items and (needed not in selected or needed in unmet):
                    unmet[reference] = f"left out: it requires {needed}, which is not in the plan"
                    changed = True
                    break
    return unmet


def _plan(round_: Round, items: list[RoundItem], support: dict[str, float]):
    """Schedule the rule's selection year by year under the annual budget."""
    on_ballot = {item.recommendation.reference for item in items}
    years = [
        Year(name=name, cap=float(round_.annual_cap), reserve=float(round_.annual_reserve))
        for name in round_.year_names
    ]
    plan_items = []
    for item in items:
        recommendation = item.recommendation
        plan_items.append(
            Item(
                id=recommendation.reference,
                one_time=float(item.one_time_cost),
                duration=item.implementation_years,
                recurring=float(item.recurring_cost),
                requires=tuple(
                    sorted(
                        d.reference
                        for d in recommendation.dependencies.all()
                        if d.reference in on_ballot
                    )
                ),
                support=support[recommendation.reference],
                title=recommendation.title,
                source=str(recommendation.source),
            )
        )
    problem = PlanProblem(
        years=years, items=plan_items, objective="max-support", title=round_.title
    )
    return solve_plan(problem)


def round_count(round_: Round) -> dict[str, Any]:
    """Count the round with the engine: the document the priority list is drawn from."""
    election = round_election(round_)
    try:
        outcome = RULES[round_.rule](election, None)
    except RuleNotApplicable as error:
        raise RoundError(str(error)) from None
    document = outcome_document(outcome)
    matrix = vote_matrix(election)
    totals = matrix.point_totals() if election.points is not None else matrix.vote_counts()
    support = {p.id: round(float(totals[k]), 6) for k, p in enumerate(election.projects)}
    items = {
        item.recommendation.reference: item
        for item in round_.items.select_related("recommendation").prefetch_related(
            "recommendation__dependencies"
        )
    }
    selected = set(outcome.selected_ids)
    # What the vote selected without what it depends on cannot be implemented: it waits,
    # and the planner schedules the rest (dependencies off the ballot were approved
    # before the round was set; see _check_ballot_items).
    unmet = _unmet_dependencies(items, selected)
    schedulable = sorted(selected - set(unmet))
    plan = _plan(round_, [items[p] for p in schedulable], support) if schedulable else None
    planned = {p.item.id: p for p in plan.items} if plan else {}
    reasons = {e["project"]: e["reason"] for e in document["explanations"]}
    rows = []
    for reference, item in sorted(items.items()):
        row = {
            "id": reference,
            "title": item.recommendation.title,
            "cost": float(item.cost),
            "one_time_cost": float(item.one_time_cost),
            "recurring_cost": float(item.recurring_cost),
            "support": support[reference],
        }
        if reference in planned and planned[reference].start is not None:
            p = planned[reference]
            row.update(
                status="funded",
                start=round_.year_names[p.start],
                completes=round_.year_names[p.start + p.item.duration - 1],
                reason=p.reason,
            )
        elif reference in planned or reference in unmet:
            reason = unmet[reference] if reference in unmet else planned[reference].reason
            row.update(status="deferred", start=None, completes=None, reason=reason)
        else:
            row.update(status="not-selected", start=None, completes=None, reason=reasons[reference])
        rows.append(row)
    pabulib = election_to_pabulib(election)
    return {
        "pabulib": pabulib,
        "rule": round_.rule,
        "group_weighted": round_.group_weighted,
        "ballots": len(election.voter_ids),
        "ballots_by_group": dict(sorted(Counter(election.voter_extra["group"]).items())),
        "budget": float(round_.budget),
        "years": round_.year_names,
        "selected": outcome.selected_ids,
        "pabulib_sha256": hashlib.sha256(pabulib.encode("utf-8")).hexdigest(),
        "outcome": document,
        "plan": plan_document(plan) if plan else None,
        "items": rows,
    }


@transaction.atomic
def round_close(*, round: Round, by=None, now: datetime.datetime | None = None) -> Round:
    """End voting (at once, if it is still open), count and publish the result.

    Counting a round twice gives the same result; a counted round is left as it is.
    """
    round_ = Round.objects.select_for_update().get(pk=round.pk)
    if round_.is_counted:
        return round_
    now = now or timezone.now()
    if not round_.has_opened(now):
        raise RoundError(_("Voting has not opened yet; there is nothing to count."))
    _ballots_shuffle(round_)
    result = round_count(round_)
    result["counted_at"] = now.isoformat()
    # Voting may be closed before the date the rules set; the published result says so
    # (closes_at itself, one of the rules, stays as it was).
    result["closed_early"] = now < round_.closes_at
    round_.ballots_file = result.pop("pabulib")
    round_.result = result
    round_.closed_at = now
    round_.save(update_fields=["result", "closed_at", "ballots_file"])
    return round_


def _ballots_shuffle(round_: Round) -> None:
    """Write the round's ballots again, all at once and in random order.

    While voting is open, the order in which ballot rows were stored follows the
    order in which people first voted; rewriting them in one transaction gives
    every row the same transaction id and a random place, so that the stored rows
    no longer line up with the participations (decision 0011).
    """
    ballots = list(round_.ballots.all())
    secrets.SystemRandom().shuffle(ballots)
    round_.ballots.all().delete()
    Ballot.objects.bulk_create(
        Ballot(
            round=round_,
            voter_key=b.voter_key,
            group_id=b.group_id,
            choices=b.choices,
            receipt=b.receipt,
        )
        for b in ballots
    )


# --- comments ---------------------------------------------------------------------------


def comment_add(*, round: Round, author, text: str) -> Comment:
    text = text.strip()
    if not text:
        raise RoundError(_("Write something before posting."))
    if not round.is_counted:
        raise RoundError(_("Comments open when the priority list is published."))
    return Comment.objects.create(round=round, author=author, text=text[:4000])


def comment_hide(*, comment: Comment, hidden: bool = True) -> Comment:
    comment.hidden = hidden
    comment.save(update_fields=["hidden"])
    return comment
