"""What a plan spends each year, and whether an item has room to start in a given year.

The :class:`Ledger` holds a plan's spending by year (one-time and recurring)
and, under fair shares, each group's spending by year. Both the polishing pass
and the reasons ask it the same question, :meth:`Ledger.block`: what stops this
item from starting in that year, given everything else in the plan? One answer
for both is what makes "no room in FY2027" true whenever a reason says it.
"""

from __future__ import annotations

from typing import Any

from commonweal.allocation.planner.model import Item, PlanProblem

# An item "fits" while it needs at most this much more than is left: the
# solver's own feasibility tolerance is of the same order.
SLACK = 1e-6

# (group, year) -> what the group pays towards one item that year
Payments = dict[tuple[str, int], float]


class Ledger:
    """A plan's starts and spending, changed one item at a time.

    ``start_of`` maps an item's index to its start year; ``payments`` (fair
    shares only) what each group pays towards each funded item each year.
    """

    def __init__(
        self, problem: PlanProblem, start_of: dict[int, int], payments: dict[int, Payments]
    ) -> None:
        self.problem = problem
        n_years = len(problem.years)
        self.once = [0.0] * n_years
        self.recurring = [0.0] * n_years
        fair = problem.objective == "fair-shares"
        weight_total = sum(problem.groups.values()) or 1.0
        # Each group's part of each year's budget (fair shares only).
        self.shares = {
            g: [y.available * w / weight_total for y in problem.years]
            for g, w in (problem.groups.items() if fair else ())
        }
        self.group_spending = {g: [0.0] * n_years for g in self.shares}
        self.start_of: dict[int, int] = {}
        self.payments: dict[int, Payments] = {}
        for i, start in start_of.items():
            self.put(i, start, payments.get(i, {}))

    @property
    def spending(self) -> list[tuple[float, float]]:
        return list(zip(self.once, self.recurring, strict=True))

    def put(self, i: int, start: int, payments: Payments | None = None) -> None:
        """Fund item ``i`` from ``start``; without ``payments`` its backers share its cost
        in proportion to what each has left (call only when :meth:`block` says it fits)."""
        item = self.problem.items[i]
        if payments is None:
            payments = self._share_out(item, start)
        for t in range(start, len(self.once)):
            one_time, recurring = item.cost_in(start, t)
            self.once[t] += one_time
            self.recurring[t] += recurring
        for (g, t), amount in payments.items():
            self.group_spending[g][t] += amount
        self.start_of[i] = start
        self.payments[i] = payments

    def take(self, i: int) -> tuple[int, Payments]:
        """Take item ``i`` out of the plan; returns its start and payments, to put back."""
        item = self.problem.items[i]
        start = self.start_of.pop(i)
        payments = self.payments.pop(i)
        for t in range(start, len(self.once)):
            one_time, recurring = item.cost_in(start, t)
            self.once[t] -= one_time
            self.recurring[t] -= recurring
        for (g, t), amount in payments.items():
            self.group_spending[g][t] -= amount
        return start, payments

    def backers(self, item: Item) -> list[str]:
        """The groups whose share may pay for ``item`` (fair shares only)."""
        return [g for g in self.shares if item.group_support.get(g, 0.0) > 0]

    def block(self, item: Item, start: int) -> tuple[str, dict[str, Any]] | None:
        """Why ``item`` cannot start in ``start`` beside the rest of the plan: ``("no-room",
        figures)`` for the first year whose budget is short, ``("shares-spent", figures)``
        for the first year its groups' shares are; ``None`` when it fits."""
        years = self.problem.years
        for t in range(start, len(years)):
            need = sum(item.cost_in(start, t))
            if need == 0:
                continue
            left = years[t].available - self.once[t] - self.recurring[t]
            if need > left + SLACK:
                return "no-room", {
                    "year": years[t].name,
                    "one_time": self.once[t],
                    "recurring": self.recurring[t],
                    "left": max(left, 0.0),
                    "available": years[t].available,
                    "need": need,
                }
            if self.shares:
                backers = self.backers(item)
                room = sum(self._room(g, t) for g in backers)
                if need > room + SLACK:
                    return "shares-spent", {
                        "year": years[t].name,
                        "groups": backers,
                        "room": room,
                        "need": need,
                    }
        return None

    def _room(self, group: str, t: int) -> float:
        return max(self.shares[group][t] - self.group_spending[group][t], 0.0)

    def _share_out(self, item: Item, start: int) -> Payments:
        """Each backer's part of the item's cost each year, in proportion to its room."""
        payments: Payments = {}
        backers = self.backers(item)
        for t in range(start, len(self.once)):
            need = sum(item.cost_in(start, t))
            if need == 0 or not backers:
                continue
            rooms = {g: self._room(g, t) for g in backers}
            total = sum(rooms.values())
            for g, room in rooms.items():
                payments[(g, t)] = need * room / total if total > 0 else need / len(backers)
        return payments


def ready_after_requirements(
    problem: PlanProblem, item: Item, start_of: dict[int, int], index: dict[str, int]
) -> tuple[int, str | None]:
    """The first year the item's funded requirements allow it to start, and the last of them
    to be implemented (``None`` when no requirement holds it back)."""
    ready = item.earliest
    waiting_for = None
    for other in item.requires:
        k = index[other]
        if k in start_of and start_of[k] + problem.items[k].duration > ready:
            ready = start_of[k] + problem.items[k].duration
            waiting_for = other
    return ready, waiting_for
