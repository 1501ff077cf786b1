"""A round counted in two stages, one outcome per item: the rule's choice, then the plan.

The rule selects what the budget over the whole plan can fund; the planner
schedules the selection year by year (decision 0012). Each item then has one
:class:`ItemVerdict`: its reason (a code with its figures, from whichever stage
settled it) and, following from that code alone, its status: ``funded`` (from
``start`` to ``completes``), ``deferred`` (chosen by the vote, but not in the
plan) or ``not-selected``. Which stage speaks for an item:

1. the plan funds it: the planner's reason (its earliest start, or what held it back);
2. nobody voted for it: ``no-votes``, whatever the rule did (greedy and Phragmén
   fund such items with money left over; the plan funds one only when an item
   people voted for requires it);
3. it requires an item on the ballot that the vote did not select, or one that
   waits in turn: ``requirement-left-out``, naming that item;
4. the plan has no place for it: the planner's reason (no room in a named year,
   a requirement, an alternative, a horizon too short, a year too small);
5. the rule did not select it: the rule's reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from commonweal.allocation.outcome import Outcome
from commonweal.allocation.planner import (
    Item,
    PlannedItem,
    PlanProblem,
    PlanResult,
    Year,
    solve_plan,
)
from commonweal.allocation.reasons import ROUND_STATUS, Reason


@dataclass(frozen=True)
class ItemVerdict:
    """Where the count leaves one item, and why; ``start`` and ``completes`` are year
    indices for a funded item, ``None`` otherwise."""

    id: str
    why: Reason
    start: int | None = None
    completes: int | None = None

    @property
    def status(self) -> str:
        return ROUND_STATUS[self.why.kind]

    @property
    def reason(self) -> str:
        return self.why.words


@dataclass(frozen=True)
class RoundVerdicts:
    """The plan of the schedulable selection (``None`` when nothing could be scheduled)
    and every item's verdict, in the order of the election's projects."""

    plan: PlanResult | None
    items: list[ItemVerdict]


def round_verdicts(
    outcome: Outcome, items: Sequence[Item], years: Sequence[Year], *, title: str = ""
) -> RoundVerdicts:
    """Schedule what ``outcome`` selected and settle every item.

    ``items`` holds one plan item per project of the election, with the same id,
    its support and what it requires among the other items.
    """
    by_id = {item.id: item for item in items}
    selected = set(outcome.selected_ids)
    unmet = unmet_requirements(by_id, selected)
    schedulable = sorted(selected - set(unmet))
    plan = None
    if schedulable:
        problem = PlanProblem(
            years=list(years),
            items=[by_id[reference] for reference in schedulable],
            objective="max-support",
            title=title,
        )
        plan = solve_plan(problem)
    planned = {p.item.id: p for p in plan.items} if plan else {}
    verdicts = [
        _verdict(by_id[e.project], e.why, planned.get(e.project), unmet.get(e.project))
        for e in outcome.explanations
    ]
    return RoundVerdicts(plan, verdicts)


def _verdict(
    item: Item, rule_why: Reason, placed: PlannedItem | None, requirement: str | None
) -> ItemVerdict:
    """One item's verdict, in the order of precedence of the module docstring."""
    if placed is not None and placed.start is not None:
        completes = placed.start + item.duration - 1
        return ItemVerdict(item.id, placed.why, placed.start, completes)
    if item.support <= 0:
        return ItemVerdict(item.id, Reason("no-votes"))
    if requirement is not None:
        return ItemVerdict(item.id, Reason("requirement-left-out", {"requirement": requirement}))
    if placed is not None:
        return ItemVerdict(item.id, placed.why)
    return ItemVerdict(item.id, rule_why)


def unmet_requirements(items: dict[str, Item], selected: set[str]) -> dict[str, str]:
    """Selected items that require an item the vote did not select, directly or through
    another such item, each with the first such requirement (requirements in id order)."""
    unmet: dict[str, str] = {}
    changed = True
    while changed:
        changed = False
        for reference in sorted(selected - set(unmet)):
            for needed in sorted(items[reference].requires):
                if needed in items and (needed not in selected or needed in unmet):
                    unmet[reference] = needed
                    changed = True
                    break
    return unmet
