"""Why an item starts when it does, or is left out: the binding constraint in words."""

from __future__ import annotations

from commonweal.allocation.planner.model import Item, PlanProblem, possible_starts
from commonweal.allocation.words import money


def reason_for(
    problem: PlanProblem,
    i: int,
    start_of: dict[int, int],
    spending: list[tuple[float, float]],
    group_spending: dict[str, list[float]],
    group_payments: dict[int, dict[tuple[str, int], float]],
) -> str:
    """Why item ``i`` starts when it does, or is left out, in words."""
    years, items = problem.years, problem.items
    item = items[i]
    index = {it.id: k for k, it in enumerate(items)}
    chosen = start_of.get(i)
    settled = _reason_before_any_year(problem, item, chosen, start_of, index)
    if settled is not None:
        return settled
    # Find the earliest start the dependencies allow, then the year that blocks it.
    ready, waiting_for = _ready_after_requirements(item, items, start_of, index)
    last_start = chosen if chosen is not None else len(years) - item.duration + 1
    if chosen is not None:
        # Would an earlier start fit? Judge against the plan without this item.
        spending, group_spending = _spending_without(
            item, chosen, spending, group_spending, group_payments.get(i, {})
        )
    for start in range(item.earliest, last_start):
        if start < ready:
            continue
        blocked = _blocking_year(problem, item, start, spending, group_spending)
        if blocked is not None:
            verb = f"deferred to {years[chosen].name}" if chosen is not None else "left out"
            return f"{verb}: {blocked}"
    if chosen is not None and waiting_for is not None and chosen <= ready:
        return (
            f"deferred to {years[chosen].name}: it requires {waiting_for}, implemented in "
            f"{years[ready - 1].name}"
        )
    if chosen is None:
        if ready >= len(years) - item.duration + 1:
            return f"left out: it requires {waiting_for}, which is implemented too late"
        return "left out: the plan of largest support has no room for it"
    return f"deferred to {years[chosen].name}: starting earlier lowers the plan's support"


def _reason_before_any_year(
    problem: PlanProblem,
    item: Item,
    chosen: int | None,
    start_of: dict[int, int],
    index: dict[str, int],
) -> str | None:
    """The reason that needs no look at the years' budgets, if there is one.

    The item starts as early as it may, an alternative to it is in the plan, it
    requires an item left out, it cannot finish within the plan, or it is larger
    than any year.
    """
    years, items = problem.years, problem.items
    if chosen is not None and chosen == item.earliest:
        return f"funded from {years[chosen].name}, its earliest start"
    for other in item.excludes:
        if index[other] in start_of:
            return f"left out: {other}, an alternative to it, is in the plan"
    for other in items:
        if item.id in other.excludes and index[other.id] in start_of:
            return f"left out: {other.id}, an alternative to it, is in the plan"
    for other in item.requires:
        if index[other] not in start_of and chosen is None:
            return f"left out: it requires {other}, which is not in the plan"
    if not possible_starts(item, len(years)):
        return (
            f"left out: starting in {years[item.earliest].name} its {item.duration}-year "
            f"implementation would not finish by {years[-1].name}"
        )
    if chosen is None:
        return _larger_than_every_year(problem, item)
    return None


def _ready_after_requirements(
    item: Item, items: list[Item], start_of: dict[int, int], index: dict[str, int]
) -> tuple[int, str | None]:
    """The first year the item's planned requirements allow it to start, and the last of them."""
    ready = item.earliest
    waiting_for = None
    for other in item.requires:
        k = index[other]
        if k in start_of and start_of[k] + items[k].duration > ready:
            ready = start_of[k] + items[k].duration
            waiting_for = other
    return ready, waiting_for


def _spending_without(
    item: Item,
    start: int,
    spending: list[tuple[float, float]],
    group_spending: dict[str, list[float]],
    own_payments: dict[tuple[str, int], float],
) -> tuple[list[tuple[float, float]], dict[str, list[float]]]:
    """Each year's spending, and each group's, as they would be without the item."""
    spending = [
        (once - item.cost_in(start, t)[0], rec - item.cost_in(start, t)[1])
        for t, (once, rec) in enumerate(spending)
    ]
    group_spending = {
        g: [v - own_payments.get((g, t), 0.0) for t, v in enumerate(per_year)]
        for g, per_year in group_spending.items()
    }
    return spending, group_spending


def _larger_than_every_year(problem: PlanProblem, item: Item) -> str | None:
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
    need = sum(item.cost_in(start, worst))
    return (
        f"left out: it needs {money(need)} in one year, more than the "
        f"{money(max(y.available for y in years))} any year of the plan has available"
    )


def _blocking_year(
    problem: PlanProblem,
    item: Item,
    start: int,
    spending: list[tuple[float, float]],
    group_spending: dict[str, list[float]],
) -> str | None:
    """The first year in which starting ``item`` in ``start`` would break a cap."""
    years = problem.years
    for t in range(start, len(years)):
        one_time, recurring = item.cost_in(start, t)
        need = one_time + recurring
        if need == 0:
            continue
        used_once, used_recurring = spending[t]
        left = years[t].available - used_once - used_recurring
        if need > left + 1e-6:
            if used_recurring >= used_once:
                what = (
                    f"recurring commitments ({money(used_recurring)}) and one-time costs "
                    f"({money(used_once)})"
                )
            else:
                what = (
                    f"one-time costs ({money(used_once)}) and recurring commitments "
                    f"({money(used_recurring)})"
                )
            return (
                f"in {years[t].name} {what} leave {money(max(left, 0))} of the "
                f"{money(years[t].available)} available and this item needs {money(need)}"
            )
        if group_spending:
            weight_total = sum(problem.groups.values()) or 1.0
            backers = [g for g in group_spending if item.group_support.get(g, 0.0) > 0]
            room = sum(
                max(
                    years[t].available * problem.groups[g] / weight_total - group_spending[g][t],
                    0.0,
                )
                for g in backers
            )
            if need > room + 1e-6:
                return (
                    f"in {years[t].name} the groups that support it ({', '.join(backers)}) "
                    f"have {money(room)} left of their shares and it needs {money(need)}"
                )
    return None
