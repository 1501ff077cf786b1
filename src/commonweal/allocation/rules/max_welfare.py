"""Exact maximum utilitarian welfare, as a 0-1 knapsack on HiGHS.

Talmon & Faliszewski, "A Framework for Approval-Based Budgeting Methods", AAAI
2019: choose the feasible set of projects with the largest total satisfaction.
We use the same satisfaction as the greedy rule (cost satisfaction: a project's
welfare is its votes — or points — times its cost), so greedy is this rule's
greedy approximation, as in pabutools' ``max_additive_utilitarian_welfare``
with ``Cost_Sat``. Several sets can share the optimum; which one the solver
returns is not specified, so compare welfare, not sets.
"""

from __future__ import annotations

import numpy as np

from commonweal.allocation.election import Election, VoteMatrix, vote_matrix
from commonweal.allocation.milp import solve_milp
from commonweal.allocation.outcome import Explanation, Outcome
from commonweal.allocation.reasons import Reason


def max_welfare(election: Election, matrix: VoteMatrix | None = None) -> Outcome:
    """Choose the feasible set of projects of largest total (cost) welfare."""
    matrix = matrix or vote_matrix(election)
    projects = election.projects
    support = matrix.point_totals()
    costs = np.array([float(p.cost) for p in projects])
    welfare = support * costs
    # Scale to keep HiGHS's tolerances meaningful: welfare reaches 1e11 on real data.
    scale = welfare.max() if welfare.size and welfare.max() > 0 else 1.0
    budget = float(election.budget)
    columns = [(np.array([0]), np.array([c])) for c in costs]
    result = solve_milp(welfare / scale, columns, np.array([-np.inf]), np.array([budget]))
    chosen = [p for p in range(len(projects)) if result.x[p] > 0.5]
    # Floats may admit a set a hair over budget; the exact check has the last word.
    while sum(projects[p].cost for p in chosen) > election.budget:
        chosen.remove(min(chosen, key=lambda p: welfare[p]))
    chosen.sort(key=lambda p: (-support[p], projects[p].id))
    total = float(welfare[chosen].sum())
    left = election.budget - sum(projects[p].cost for p in chosen)
    unit = "points" if election.points is not None else "votes"
    explanations = []
    for p, project in enumerate(projects):
        figures = {"support": float(support[p]), "unit": unit, "cost": float(project.cost)}
        if p in chosen and support[p] > 0:
            why = Reason("in-best-set", {**figures, "welfare": total})
        elif p in chosen:
            why = Reason("left-over", {"cost": float(project.cost)})
        elif support[p] == 0:
            why = Reason("no-votes")
        elif project.cost > election.budget:
            why = Reason(
                "over-whole-budget", {"cost": float(project.cost), "budget": float(budget)}
            )
        else:
            why = Reason("less-welfare", {**figures, "left": float(left)})
        explanations.append(Explanation(project.id, why, details={"welfare": float(welfare[p])}))
    return Outcome(
        "max-welfare",
        election,
        chosen,
        explanations,
        {"welfare": total, "status": result.status},
    )
