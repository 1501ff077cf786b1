"""Greedy utilitarian welfare: the rule most cities use.

Projects are taken in decreasing order of support (votes for approval, choose-1
and ordinal ballots; points for cumulative and scoring ballots), each one funded
if it still fits in what is left of the budget, skipped otherwise; the rule goes
on down the list after a skip. This is the greedy algorithm for utilitarian
welfare under cost satisfaction (Talmon & Faliszewski, "A Framework for
Approval-Based Budgeting Methods", AAAI 2019; pabutools'
``greedy_utilitarian_welfare`` with ``Cost_Sat``), where a project's welfare per
unit of cost is exactly its number of votes.

Ties (equal support) are broken by project id, as strings, as pabutools' default
lexicographic tie-breaking does.
"""

from __future__ import annotations

import bisect
from fractions import Fraction

from commonweal.allocation.election import Election, Project, VoteMatrix, vote_matrix
from commonweal.allocation.outcome import Explanation, Outcome
from commonweal.allocation.reasons import Reason


def greedy(election: Election, matrix: VoteMatrix | None = None) -> Outcome:
    """Run greedy utilitarian welfare on ``election``."""
    matrix = matrix or vote_matrix(election)
    support = matrix.point_totals()  # weighted votes, or points for point ballots
    projects = election.projects
    ranking = sorted(range(len(projects)), key=lambda p: (-support[p], projects[p].id))
    unit = "points" if election.points is not None else "votes"

    remaining = election.budget
    order: list[int] = []
    # left_after[k] is what was left after the k-th selection; it only
    # falls, so the first choice that left less than a cost is a bisection away.
    left_after: list[Fraction] = []
    reasons: dict[int, Explanation] = {}
    for position, p in enumerate(ranking, start=1):
        project = projects[p]
        ranked = {"rank": position, "support": float(support[p]), "unit": unit}
        cost = float(project.cost)
        if project.cost <= remaining:
            remaining -= project.cost
            order.append(p)
            left_after.append(remaining)
            why = (
                Reason("ranked-and-fit", {**ranked, "cost": cost, "left_after": float(remaining)})
                if support[p] > 0
                else Reason("left-over", {"cost": cost})
            )
            reasons[p] = Explanation(
                project.id,
                why,
                round=len(order),
                details={
                    "rank": position,
                    "support": float(support[p]),
                    "left_after": float(remaining),
                },
            )
            continue
        why, blocker = _why_skipped(election, project, ranked, order, left_after)
        reasons[p] = Explanation(
            project.id,
            why,
            details={
                "rank": position,
                "support": float(support[p]),
                "left_when_reached": float(remaining),
                "blocked_by": blocker,
            },
        )
    return Outcome("greedy", election, order, [reasons[p] for p in range(len(projects))])


def _why_skipped(
    election: Election,
    project: Project,
    ranked: dict,
    order: list[int],
    left_after: list[Fraction],
) -> tuple[Reason, str | None]:
    """Why a project that did not fit was skipped, and the id of the choice that left too little.

    ``ranked`` holds its rank and support; ``order`` and ``left_after`` are the
    choices so far and what each of them left. A project nobody voted for is
    skipped for that reason first: had there been money, it would have been funded
    only because it was there.
    """
    if ranked["support"] == 0:
        return Reason("no-votes"), None
    cost = float(project.cost)
    if project.cost > election.budget:
        return Reason(
            "over-whole-budget", {**ranked, "cost": cost, "budget": float(election.budget)}
        ), None
    # Index of the first selection after which less than the cost was left.
    falling = [-x for x in left_after]
    blocking = bisect.bisect_right(falling, -project.cost)
    blocker = election.projects[order[blocking]].id
    why = Reason(
        "outranked",
        {**ranked, "cost": cost, "blocked_by": blocker, "left": float(left_after[blocking])},
    )
    return why, blocker
