"""After the solver: what a plan within its proven gap may still leave undone.

HiGHS stops once a plan is proven within ``relative_gap`` of the best, and the
preference for earlier starts is far smaller than that gap; a time limit may
stop it sooner. So a plan can come back with an item that would still fit, an
item that could start earlier, or an item nobody supports that nothing needs.
Each is fixed here, one item at a time, checking every year's cap (and group
share) with the same :meth:`Ledger.block` that the reasons use. The result is
at least as good as the solver's, and every reason a plan gives is then true:
an item is left out or deferred only because something named stands in the way.
"""

from __future__ import annotations

from commonweal.allocation.planner.model import possible_starts
from commonweal.allocation.planner.room import Ledger, ready_after_requirements


def polish(ledger: Ledger) -> None:
    """Drop unneeded unsupported items, move items earlier and add items that fit,
    until nothing changes. Items are visited by support (highest first), then id."""
    problem = ledger.problem
    items = problem.items
    index = {item.id: i for i, item in enumerate(items)}
    order = sorted(range(len(items)), key=lambda i: (-items[i].support, items[i].id))
    _drop_unneeded(ledger)
    changed = True
    while changed:
        changed = False
        for i in order:
            if i in ledger.start_of:
                changed |= _move_earlier(ledger, i, index)
            elif items[i].support > 0:
                changed |= _add(ledger, i, index)


def _drop_unneeded(ledger: Ledger) -> None:
    """Take out every funded item nobody supports that no funded item requires."""
    items = ledger.problem.items
    while True:
        needed = {other for i in ledger.start_of for other in items[i].requires}
        unneeded = [
            i for i in ledger.start_of if items[i].support <= 0 and items[i].id not in needed
        ]
        if not unneeded:
            return
        for i in unneeded:
            ledger.take(i)


def _move_earlier(ledger: Ledger, i: int, index: dict[str, int]) -> bool:
    """Start item ``i`` in the earliest year that fits, if that is earlier than now."""
    item = ledger.problem.items[i]
    current = ledger.start_of[i]
    if current == item.earliest:
        return False
    ready, _ = ready_after_requirements(ledger.problem, item, ledger.start_of, index)
    if ready >= current:
        return False
    start, payments = ledger.take(i)
    for earlier in range(ready, current):
        if ledger.block(item, earlier) is None:
            ledger.put(i, earlier)
            return True
    ledger.put(i, start, payments)
    return False


def _add(ledger: Ledger, i: int, index: dict[str, int]) -> bool:
    """Fund item ``i`` from the earliest year that fits, if nothing else forbids it."""
    problem = ledger.problem
    item = problem.items[i]
    funded = {problem.items[k].id for k in ledger.start_of}
    if any(other in funded for other in item.excludes):
        return False
    if any(item.id in problem.items[k].excludes for k in ledger.start_of):
        return False
    if any(other not in funded for other in item.requires):
        return False
    ready, _ = ready_after_requirements(problem, item, ledger.start_of, index)
    for start in possible_starts(item, len(problem.years)):
        if start >= ready and ledger.block(item, start) is None:
            ledger.put(i, start)
            return True
    return False
