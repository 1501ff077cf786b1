"""Why an item starts when it does, or is left out: the binding constraint, as a reason code.

Reasons are found after :mod:`polish`, so that every earlier start of a
deferred item, and every start of an item left out, is blocked by something the
reason can name (the words are in :mod:`commonweal.allocation.reasons`).
"""

from __future__ import annotations

from commonweal.allocation.planner.model import Item, PlanProblem, possible_starts
from commonweal.allocation.planner.room import Ledger, ready_after_requirements
from commonweal.allocation.reasons import Reason


def reason_for(problem: PlanProblem, i: int, ledger: Ledger) -> Reason:
    """Why item ``i`` starts when it does in the ledger's plan, or is left out."""
    years, items = problem.years, problem.items
    item = items[i]
    index = {it.id: k for k, it in enumerate(items)}
    chosen = ledger.start_of.get(i)
    settled = _reason_before_any_year(problem, item, chosen, ledger, index)
    if settled is not None:
        return settled
    ready, waiting_for = ready_after_requirements(problem, item, ledger.start_of, index)
    last_start = chosen if chosen is not None else len(years) - item.duration + 1
    # Would an earlier start fit? Judge against the plan without this item.
    taken = ledger.take(i) if chosen is not None else None
    try:
        for start in range(max(item.earliest, ready), last_start):
            block = ledger.block(item, start)
            if block is not None:
                code, figures = block
                if chosen is None:
                    return Reason(code, figures)
                return Reason(f"{code}-earlier", {"start": years[chosen].name, **figures})
    finally:
        if taken is not None:
            ledger.put(i, *taken)
    if chosen is not None:
        if waiting_for is not None and chosen <= ready:
            return Reason(
                "requirement-later",
                {
                    "start": years[chosen].name,
                    "requirement": waiting_for,
                    "implemented": years[ready - 1].name,
                },
            )
        return Reason("solver-start", {"start": years[chosen].name})
    if waiting_for is not None and ready >= last_start:
        return Reason(
            "requirement-too-late",
            {
                "requirement": waiting_for,
                "implemented": years[ready - 1].name,
                "last": years[-1].name,
            },
        )
    return Reason("solver-left-out")


def _reason_before_any_year(
    problem: PlanProblem,
    item: Item,
    chosen: int | None,
    ledger: Ledger,
    index: dict[str, int],
) -> Reason | None:
    """The reason that needs no look at the years' budgets, if there is one.

    The item starts as early as it may, nobody supports it, an alternative to it
    is in the plan, it requires an item left out, it cannot finish within the
    plan, no group may pay for it, or it is larger than any year.
    """
    years, items = problem.years, problem.items
    if chosen is not None:
        if chosen == item.earliest:
            return Reason("earliest-start", {"start": years[chosen].name})
        return None
    if item.support <= 0:
        return Reason("no-votes")
    for other in (*item.excludes, *(o.id for o in items if item.id in o.excludes)):
        if index[other] in ledger.start_of:
            return Reason("alternative-chosen", {"alternative": other})
    for other in item.requires:
        if index[other] not in ledger.start_of:
            return Reason("requirement-left-out", {"requirement": other})
    if not possible_starts(item, len(years)):
        return Reason(
            "horizon-too-short",
            {
                "earliest": years[item.earliest].name,
                "duration": item.duration,
                "last": years[-1].name,
            },
        )
    if ledger.shares and not ledger.backers(item) and (item.one_time or item.recurring):
        return Reason("no-backing-group")
    return _larger_than_every_year(problem, item)


def _larger_than_every_year(problem: PlanProblem, item: Item) -> Reason | None:
    """Why the item fits in no plan at all: some year of it needs more than any year has."""
    years = problem.years
    peaks = []
    for start in possible_starts(item, len(years)):
        needs = [sum(item.cost_in(start, t)) - years[t].available for t in range(start, len(years))]
        peaks.append(max(needs, default=0.0))
    if not peaks or min(peaks) <= 1e-6:
        return None
    start = item.earliest
    worst = max(range(start, len(years)), key=lambda t: sum(item.cost_in(start, t)))
    return Reason(
        "over-any-year",
        {
            "need": sum(item.cost_in(start, worst)),
            "most": max(y.available for y in years),
        },
    )
