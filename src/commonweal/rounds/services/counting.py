"""Counting a round and publishing its priority list.

The count is the prioritization engine's: ``round_election`` turns the stored
ballots into the engine's Election (the same one ``commonweal rounds export``
writes as a Pabulib file, so anyone can recount with ``commonweal
prioritize``), the round's rule selects what the budget over the whole plan
can fund, and the multi-year planner then schedules the selection year by year
under each year's budget. The engine settles each item once
(``allocation.verdicts``): one reason code with its figures, from the stage that
decided it, and the status that code implies, so the two never disagree.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections import Counter
from dataclasses import dataclass, replace
from fractions import Fraction

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.allocation import (
    RULES,
    Election,
    Outcome,
    Project,
    election_to_pabulib,
    vote_matrix,
)
from commonweal.allocation.explain import outcome_document
from commonweal.allocation.planner import Item, Year, plan_document
from commonweal.allocation.reasons import params_document
from commonweal.allocation.rules import RuleNotApplicable
from commonweal.allocation.verdicts import ItemVerdict, round_verdicts
from commonweal.rounds.follows import round_counted_announce
from commonweal.rounds.models import Ballot, Round, RoundItem
from commonweal.rounds.results import PriorityItem, RoundResult
from commonweal.rounds.services.errors import RoundError


@dataclass(frozen=True)
class RoundCount:
    """A round counted: the result to publish and the Pabulib file it was counted from."""

    result: RoundResult
    ballots_file: str


def group_weights(counts: Counter) -> dict[int, Fraction]:
    """Each voter's weight when every voting group's ballots weigh the same in total.

    Weights are scaled so that they add up to the number of ballots: a group of
    ``n`` ballots among ``g`` groups gives each ``total / (g * n)``.
    """
    total = sum(counts.values())
    return {group: Fraction(total, len(counts) * n) for group, n in counts.items()}


def _election_meta(voting_round: Round) -> dict[str, str]:
    """The Pabulib ``META`` section: what a recount needs to know about the round."""
    meta = {
        "description": voting_round.title,
        "country": "",
        "unit": "commonweal",
        "instance": str(voting_round.pk),
        "rule": voting_round.rule,
        "num_years": str(voting_round.years),
        "first_year": str(voting_round.first_year),
    }
    if voting_round.max_choices:
        meta["max_length"] = str(voting_round.max_choices)
    if voting_round.ballot_kind == Round.BallotKind.POINTS:
        meta["max_sum_points"] = str(voting_round.points)
    return meta


def round_election(voting_round: Round) -> Election:
    """The round as the engine's election: its items, budget and anonymised ballots.

    Ballots are ordered by receipt and each voter is named by the first 16
    characters of its receipt, so the exported file shows nobody's account and
    every voter can find their own ballot.
    """
    items = list(
        voting_round.items.select_related("recommendation").order_by("recommendation__reference")
    )
    index = {item.recommendation.reference: k for k, item in enumerate(items)}
    ballots = list(voting_round.ballots.select_related("group").order_by("receipt"))
    counts = Counter(b.group_id for b in ballots)
    weights = group_weights(counts) if voting_round.group_weighted and ballots else None
    points_ballot = voting_round.ballot_kind == Round.BallotKind.POINTS
    ranking = voting_round.ballot_kind == Round.BallotKind.RANKING
    return Election(
        meta=_election_meta(voting_round),
        projects=[
            Project(
                id=item.recommendation.reference,
                cost=Fraction(item.cost),
                name=item.recommendation.title,
            )
            for item in items
        ],
        budget=Fraction(voting_round.budget),
        vote_type=Round.VOTE_TYPES[voting_round.ballot_kind],
        voter_ids=[b.receipt[:16] for b in ballots],
        votes=[tuple(index[p] for p, _points in b.choices) for b in ballots],
        points=[tuple(points for _p, points in b.choices) for b in ballots]
        if points_ballot
        else [tuple(range(len(items), len(items) - len(b.choices), -1)) for b in ballots]
        if ranking
        else None,
        weights=[weights[b.group_id] for b in ballots] if weights else None,
        voter_extra={"group": [b.group.slug for b in ballots]},
        source=f"round {voting_round.pk}",
    )


def round_pabulib(voting_round: Round) -> str:
    """The anonymised ballots of a counted round as the Pabulib file it was counted from."""
    if not voting_round.is_counted:
        raise RoundError(_("The ballots are published when the round is counted."))
    return voting_round.ballots_file


def _rule_outcome(voting_round: Round, election: Election) -> Outcome:
    """What the round's rule selects from the election."""
    try:
        return RULES[voting_round.rule](election, None)
    except RuleNotApplicable as error:
        raise RoundError(str(error)) from None


def _support(election: Election) -> dict[str, float]:
    """Each item's support: its points, or the number of ballots that approve it."""
    matrix = vote_matrix(election)
    totals = matrix.point_totals() if election.points is not None else matrix.vote_counts()
    return {p.id: round(float(totals[k]), 6) for k, p in enumerate(election.projects)}


def _plan_items(items: dict[str, RoundItem], support: dict[str, float]) -> list[Item]:
    """Every item on the ballot as the planner's item: its costs over the years, its
    support, and what it depends on among the items on the ballot (dependencies off the
    ballot were approved before the round was set; see setup._check_ballot_items)."""
    return [
        Item(
            id=reference,
            one_time=float(item.one_time_cost),
            duration=item.implementation_years,
            recurring=float(item.recurring_cost),
            requires=tuple(
                sorted(
                    d.reference
                    for d in item.recommendation.dependencies.all()
                    if d.reference in items
                )
            ),
            support=support[reference],
            title=item.recommendation.title,
            source=str(item.recommendation.source),
        )
        for reference, item in sorted(items.items())
    ]


def _years(voting_round: Round) -> list[Year]:
    """The plan's years, each with the round's budget and reserve."""
    return [
        Year(
            name=name,
            cap=float(voting_round.annual_cap),
            reserve=float(voting_round.annual_reserve),
        )
        for name in voting_round.year_names
    ]


def _priority_items(
    voting_round: Round,
    items: dict[str, RoundItem],
    support: dict[str, float],
    verdicts: list[ItemVerdict],
) -> tuple[PriorityItem, ...]:
    """Every item on the ballot, by reference, as the count leaves it."""
    year_names = voting_round.year_names
    priority_items = []
    for verdict in sorted(verdicts, key=lambda v: v.id):
        item = items[verdict.id]
        funded = verdict.start is not None and verdict.completes is not None
        priority_items.append(
            PriorityItem(
                reference=verdict.id,
                title=item.recommendation.title,
                cost=float(item.cost),
                one_time_cost=float(item.one_time_cost),
                recurring_cost=float(item.recurring_cost),
                support=support[verdict.id],
                status=verdict.status,
                start=year_names[verdict.start] if funded else None,
                completes=year_names[verdict.completes] if funded else None,
                reason=verdict.reason,
                reason_code=verdict.why.code,
                reason_params=params_document(verdict.why.params),
            )
        )
    return tuple(priority_items)


def _ballot_items(voting_round: Round) -> dict[str, RoundItem]:
    """The items on the ballot by reference, with what each depends on."""
    return {
        item.recommendation.reference: item
        for item in voting_round.items.select_related("recommendation").prefetch_related(
            "recommendation__dependencies"
        )
    }


def round_count(voting_round: Round) -> RoundCount:
    """Count the round with the engine: the result the priority list is drawn from."""
    election = round_election(voting_round)
    outcome = _rule_outcome(voting_round, election)
    support = _support(election)
    items = _ballot_items(voting_round)
    # The rule's selection, scheduled year by year; what the vote selected without what
    # it depends on waits, and every item gets one status and the reason for it.
    counted = round_verdicts(
        outcome,
        _plan_items(items, support),
        _years(voting_round),
        title=voting_round.title,
    )
    document = outcome_document(outcome)
    ballots_file = election_to_pabulib(election)
    result = RoundResult(
        rule=voting_round.rule,
        group_weighted=voting_round.group_weighted,
        ballots=len(election.voter_ids),
        ballots_by_group=dict(sorted(Counter(election.voter_extra["group"]).items())),
        budget=float(voting_round.budget),
        years=tuple(voting_round.year_names),
        selected=tuple(outcome.selected_ids),
        pabulib_sha256=hashlib.sha256(ballots_file.encode("utf-8")).hexdigest(),
        outcome=document,
        plan=plan_document(counted.plan) if counted.plan else None,
        items=_priority_items(voting_round, items, support, counted.items),
    )
    return RoundCount(result=result, ballots_file=ballots_file)


@transaction.atomic
def round_close(*, voting_round: Round, by=None, now: datetime.datetime | None = None) -> Round:
    """End voting (at once, if it is still open), count and publish the result.

    Counting a round twice gives the same result; a counted round is left as it is.
    """
    locked = Round.objects.select_for_update().get(pk=voting_round.pk)
    if locked.is_counted:
        return locked
    now = now or timezone.now()
    if not locked.has_opened(now):
        raise RoundError(_("Voting has not opened yet; there is nothing to count."))
    _ballots_shuffle(locked)
    count = round_count(locked)
    # Voting may be closed before the date the rules set; the published result says so
    # (closes_at itself, one of the rules, stays as it was).
    published = replace(
        count.result, counted_at=now.isoformat(), closed_early=now < locked.closes_at
    )
    locked.ballots_file = count.ballots_file
    locked.result = published.to_json()
    locked.closed_at = now
    locked.closed_by = by
    locked.save(update_fields=["result", "closed_at", "closed_by", "ballots_file"])
    round_counted_announce(locked)
    return locked


def _ballots_shuffle(voting_round: Round) -> None:
    """Write the round's ballots again, all at once and in random order.

    While voting is open, the order in which ballot rows were stored follows the
    order in which people first voted; rewriting them in one transaction gives
    every row the same transaction id and a random place, so that the stored rows
    no longer line up with the participations (decision 0011).
    """
    ballots = list(voting_round.ballots.all())
    secrets.SystemRandom().shuffle(ballots)
    voting_round.ballots.all().delete()
    Ballot.objects.bulk_create(
        Ballot(
            round=voting_round,
            voter_key=b.voter_key,
            group_id=b.group_id,
            choices=b.choices,
            receipt=b.receipt,
        )
        for b in ballots
    )
