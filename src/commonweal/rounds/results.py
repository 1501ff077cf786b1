"""The published count of a round, as typed values.

``services.round_count`` builds a ``RoundResult``; ``services.round_close``
stores it in ``Round.result`` as JSON (``to_json``) and the pages and
exports read it back (``from_json``). The JSON is a published contract
(docs/formats.md): its keys and their order are written here and nowhere else.
The rule's outcome and the planner's plan are kept as the engine's own
documents, the ones ``commonweal prioritize`` and ``commonweal plan`` print.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

# Named by the engine from the reason's code (allocation.reasons.ROUND_STATUS).
ItemStatus = Literal["funded", "deferred", "not-selected"]
FUNDED: ItemStatus = "funded"
DEFERRED: ItemStatus = "deferred"
NOT_SELECTED: ItemStatus = "not-selected"


@dataclass(frozen=True)
class PriorityItem:
    """One recommendation on the ballot as the count left it, and why.

    ``start`` and ``completes`` name the first and last year of a funded item
    (``None`` otherwise); ``reason`` is the engine's explanation in its words,
    ``reason_code`` and ``reason_params`` the same reason as a code and its figures
    (the status follows from the code; both are empty in a result counted before
    codes were published).
    """

    reference: str
    title: str
    cost: float
    one_time_cost: float
    recurring_cost: float
    support: float
    status: ItemStatus
    start: str | None
    completes: str | None
    reason: str
    reason_code: str = ""
    reason_params: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The item as published: the recommendation's reference is its ``id``."""
        row = asdict(self)
        return {"id": row.pop("reference"), **row}

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> PriorityItem:
        fields = dict(row)
        return cls(reference=fields.pop("id"), **fields)


@dataclass(frozen=True)
class YearSpending:
    """What the plan spends in one year against that year's budget (the planner's figures)."""

    year: str
    cap: float
    reserve: float
    one_time: float
    recurring: float
    total: float
    left: float

    @property
    def percent(self) -> float:
        """The share of the year's budget spent, in percent, at most 100 (for the bar)."""
        return min(100.0, 100.0 * self.total / self.cap) if self.cap else 0


@dataclass(frozen=True)
class RoundResult:
    """A counted round: what its rule selected, how the plan schedules it, and each item.

    ``counted_at`` (ISO 8601) and ``closed_early`` (voting was closed before the
    date the rules set) are filled in when the round is closed.
    """

    rule: str
    group_weighted: bool
    ballots: int
    ballots_by_group: dict[str, int]
    budget: float
    years: tuple[str, ...]
    selected: tuple[str, ...]
    pabulib_sha256: str
    outcome: dict[str, Any]
    plan: dict[str, Any] | None
    items: tuple[PriorityItem, ...]
    counted_at: str | None = None
    closed_early: bool = False

    @property
    def spending(self) -> tuple[YearSpending, ...]:
        """The plan's spending year by year; nothing when no item could be scheduled."""
        if self.plan is None:
            return ()
        return tuple(YearSpending(**year) for year in self.plan["years"])

    def to_json(self) -> dict[str, Any]:
        """The document stored in ``Round.result`` (and printed by ``commonweal rounds
        result``)."""
        return {
            "rule": self.rule,
            "group_weighted": self.group_weighted,
            "ballots": self.ballots,
            "ballots_by_group": dict(self.ballots_by_group),
            "budget": self.budget,
            "years": list(self.years),
            "selected": list(self.selected),
            "pabulib_sha256": self.pabulib_sha256,
            "outcome": self.outcome,
            "plan": self.plan,
            "items": [item.to_json() for item in self.items],
            "counted_at": self.counted_at,
            "closed_early": self.closed_early,
        }

    @classmethod
    def from_json(cls, document: dict[str, Any]) -> RoundResult:
        return cls(
            rule=document["rule"],
            group_weighted=document["group_weighted"],
            ballots=document["ballots"],
            ballots_by_group=document["ballots_by_group"],
            budget=document["budget"],
            years=tuple(document["years"]),
            selected=tuple(document["selected"]),
            pabulib_sha256=document["pabulib_sha256"],
            outcome=document["outcome"],
            plan=document.get("plan"),
            items=tuple(PriorityItem.from_json(row) for row in document["items"]),
            counted_at=document.get("counted_at"),
            closed_early=document.get("closed_early", False),
        )
