"""What the counted rounds commit of each year's budget."""

from __future__ import annotations

from dataclasses import dataclass

from commonweal.metrics.kpis.figures import percent
from commonweal.metrics.kpis.filters import Filters
from commonweal.rounds.models import Round


@dataclass(frozen=True)
class BudgetYear:
    round: str
    year: str
    cap: float
    committed: float
    one_time: float
    recurring: float
    share: float  # percent of the cap


def budget_committed(filters: Filters) -> list[BudgetYear]:
    """What each counted round's multi-year plan commits in each year, against the year's
    cap (rounds counted within the dates; with a group, rounds it voted in)."""
    rounds = Round.objects.exclude(result=None).order_by("closed_at", "pk")
    if filters.date_from is not None:
        rounds = rounds.filter(closed_at__date__gte=filters.date_from)
    if filters.date_to is not None:
        rounds = rounds.filter(closed_at__date__lte=filters.date_to)
    if filters.group is not None:
        rounds = rounds.filter(voter_groups=filters.group)
    rows = []
    for round_ in rounds.only("title", "result"):
        plan = round_.result.get("plan") or {}
        for year in plan.get("years", []):
            rows.append(
                BudgetYear(
                    round_.title,
                    str(year["year"]),
                    year["cap"],
                    year["total"],
                    year["one_time"],
                    year["recurring"],
                    percent(year["total"], year["cap"]),
                )
            )
    return rows
