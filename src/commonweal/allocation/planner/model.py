"""The planner's plain data: fiscal years, items, the problem and its result."""

from __future__ import annotations

from dataclasses import dataclass, field

from commonweal.allocation.reasons import PLAN_STATUS, Reason

OBJECTIVES = ("max-support", "fair-shares")
# Among plans of equal support, prefer earlier starts; small enough that it
# never trades support away (it is below the smallest support step we keep).
_EARLY_BONUS = 1e-6


@dataclass(frozen=True)
class Year:
    name: str
    cap: float
    reserve: float = 0.0

    @property
    def available(self) -> float:
        return self.cap - self.reserve


@dataclass(frozen=True)
class Item:
    """A recommendation (or budget request) the plan may fund."""

    id: str
    one_time: float
    duration: int = 1
    recurring: float = 0.0
    earliest: int = 0  # index into the plan's years
    requires: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    support: float = 0.0
    group_support: dict[str, float] = field(default_factory=dict)
    title: str = ""
    source: str = ""

    def cost_in(self, start: int, year: int) -> tuple[float, float]:
        """(one-time, recurring) spending in ``year`` if the item starts in ``start``."""
        if year < start:
            return 0.0, 0.0
        completes = start + self.duration - 1
        one_time = self.one_time / self.duration if year <= completes else 0.0
        recurring = self.recurring if year >= completes else 0.0
        return one_time, recurring


@dataclass(frozen=True)
class PlanProblem:
    years: list[Year]
    items: list[Item]
    objective: str = "max-support"
    groups: dict[str, float] = field(default_factory=dict)
    time_limit: float = 8.0
    # Stop once the plan is proven within this fraction of the best possible.
    relative_gap: float = 1e-3
    title: str = ""
    illustrative: bool = False
    source: str = "<plan>"


@dataclass(frozen=True)
class PlannedItem:
    """Where the plan puts an item and why; the status follows from the reason's code."""

    item: Item
    start: int | None
    why: Reason

    @property
    def status(self) -> str:
        """ "funded" (from its earliest year), "deferred" (later) or "left out"."""
        return PLAN_STATUS[self.why.kind]

    @property
    def reason(self) -> str:
        """The reason in words."""
        return self.why.words


@dataclass(frozen=True)
class PlanResult:
    problem: PlanProblem
    items: list[PlannedItem]
    spending: list[tuple[float, float]]  # (one-time, recurring) per year
    total_support: float
    status: str
    gap: float
    seconds: float
    group_spending: dict[str, list[float]] = field(default_factory=dict)


def possible_starts(item: Item, n_years: int) -> range:
    """Start years from which the item is implemented within the plan."""
    return range(item.earliest, n_years - item.duration + 1)
