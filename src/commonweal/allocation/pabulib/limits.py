"""The META limits on a ballot (its length, cost and points), checked for every voter."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from commonweal.allocation.election import APPROVAL_TYPES, Ballots, Number, Project

# The META keys that limit a ballot; the reader keeps those a file sets.
LIMIT_KEYS = (
    "min_length",
    "max_length",
    "min_sum_cost",
    "max_sum_cost",
    "min_points",
    "max_points",
    "min_sum_points",
    "max_sum_points",
)


def first_limit_breach(
    *,
    limits: dict[str, Fraction],
    vote_type: str,
    projects: list[Project],
    voter_ids: list[str],
    votes: Sequence[tuple[int, ...]],
    points: list[tuple[Number, ...]],
) -> tuple[int, str] | None:
    """The first ballot that breaks a limit, as (row, message); None when all keep them."""
    if set(limits) == {"max_length"}:
        # The common case (choose-1, max_length): no per-ballot Python needed.
        if isinstance(votes, Ballots):
            longest = int(votes.lengths().max(initial=0))
        else:
            longest = max(map(len, votes), default=0)
        if longest <= limits["max_length"]:
            return None
    for row, vote in enumerate(votes):
        message = _ballot_breach(limits, vote_type, projects, voter_ids[row], vote, points[row])
        if message is not None:
            return row, message
    return None


def _ballot_breach(
    limits: dict[str, Fraction],
    vote_type: str,
    projects: list[Project],
    voter_id: str,
    vote: tuple[int, ...],
    points: tuple[Number, ...],
) -> str | None:
    """Which limit one voter's ballot breaks, in words; None when it keeps them all."""
    length = len(vote)
    if "max_length" in limits and length > limits["max_length"]:
        return (
            f"voter {voter_id!r} votes for {length} projects, max_length is {limits['max_length']}"
        )
    if "max_sum_cost" in limits and vote_type in APPROVAL_TYPES:
        spent = sum(projects[p].cost for p in vote)
        if spent > limits["max_sum_cost"]:
            return (
                f"voter {voter_id!r} approves projects costing {spent}, max_sum_cost is "
                f"{limits['max_sum_cost']}"
            )
    if points:
        if "max_points" in limits and max(points) > limits["max_points"]:
            return (
                f"voter {voter_id!r} gives {max(points)} points to one project, max_points "
                f"is {limits['max_points']}"
            )
        if "max_sum_points" in limits and sum(points) > limits["max_sum_points"]:
            return (
                f"voter {voter_id!r} gives {sum(points)} points in all, max_sum_points is "
                f"{limits['max_sum_points']}"
            )
    return None
