"""Sequential Phragmén for participatory budgeting.

Brill, Freeman, Janson & Lackner, "Phragmén's Voting Methods and Justified
Representation", AAAI 2017; for budgets, Los, Christoff & Grossi, "Proportional
Budget Allocations: Towards a Systematization", IJCAI 2022. Voters earn money at
an equal, steady rate; the first project whose supporters together have earned
its cost is bought and their accounts emptied. Equivalently, the project that
keeps the largest load carried by any of its supporters smallest is taken next,
and its supporters' loads are evened out to that value.

As in pabutools' ``sequential_phragmen``: only approval ballots (choose-1 and
ordinal ballots are read as approving the listed projects); projects costing
more than the budget are never considered; the rule **stops** at the first
chosen project that does not fit, rather than skipping it; ties are broken by
project id. A voter of weight w counts as w voters.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from commonweal.allocation.election import (
    POINT_TYPES,
    Election,
    Project,
    VoteMatrix,
    vote_matrix,
)
from commonweal.allocation.outcome import Explanation, Outcome
from commonweal.allocation.reasons import Reason
from commonweal.allocation.rules._shared import TIE_TOLERANCE


class RuleNotApplicable(ValueError):
    """The rule does not apply to this kind of ballot."""


def sequential_phragmen(election: Election, matrix: VoteMatrix | None = None) -> Outcome:
    """Run sequential Phragmén on ``election`` (approval-like ballots only)."""
    if election.vote_type in POINT_TYPES:
        raise RuleNotApplicable(
            f"{election.source}: field 'vote_type': rule phragmen needs approval ballots, "
            f"not {election.vote_type}"
        )
    matrix = matrix or vote_matrix(election)
    projects = election.projects
    ids = [p.id for p in projects]
    costs = np.array([float(p.cost) for p in projects])
    score = matrix.vote_counts()
    carried = np.zeros(len(projects))  # sum over supporters of weight x load
    load = np.zeros(len(matrix.mult))
    candidate = np.array([p.cost <= election.budget for p in projects], dtype=bool)
    spent = Fraction(0)
    order: list[int] = []
    loads_at: dict[int, float] = {}
    stop: tuple[int, float] | None = None
    group_rows = _GroupRows.of(matrix)
    with np.errstate(divide="ignore", invalid="ignore"):
        while candidate.any():
            new_load, best, tied = _lowest_new_loads(score, carried, costs, candidate)
            if any(spent + projects[p].cost > election.budget for p in tied):
                stop = (min(tied, key=ids.__getitem__), float(best))
                break
            chosen = min(tied, key=ids.__getitem__)
            value = float(new_load[chosen])
            _even_out_loads(matrix, group_rows, chosen, value, load, carried)
            spent += projects[chosen].cost
            order.append(chosen)
            loads_at[chosen] = value
            candidate[chosen] = False
        final_load = np.where(score > 0, (carried + costs) / score, np.inf)
    return Outcome(
        "phragmen",
        election,
        order,
        _explain(election, order, loads_at, score, final_load, stop, spent),
    )


@dataclass(frozen=True)
class _GroupRows:
    """The vote matrix's group-major rows (each group's start, length and projects).

    They are 32-bit copies where they fit: the load update streams through them
    every round, and half the bytes is nearly half the time.
    """

    starts: np.ndarray
    lengths: np.ndarray
    projects: np.ndarray
    index_type: type

    @classmethod
    def of(cls, matrix: VoteMatrix) -> _GroupRows:
        index_type = np.int32 if matrix.g_ptr[-1] < 2**31 else np.int64
        return cls(
            starts=matrix.g_ptr[:-1].astype(index_type),
            lengths=np.diff(matrix.g_ptr).astype(index_type),
            projects=matrix.g_project.astype(index_type),
            index_type=index_type,
        )


def _lowest_new_loads(
    score: np.ndarray, carried: np.ndarray, costs: np.ndarray, candidate: np.ndarray
) -> tuple[np.ndarray, float, np.ndarray]:
    """The load each project's supporters would carry if it were bought next, the
    lowest of them among the candidates, and the candidates tied at that lowest load.
    """
    new_load = np.where(score > 0, (carried + costs) / score, np.inf)
    new_load[~candidate] = np.nan
    best = np.nanmin(new_load)
    if np.isinf(best):
        tied = np.nonzero(candidate & np.isinf(new_load))[0]
    else:
        tied = np.nonzero(candidate & (new_load <= best * (1 + TIE_TOLERANCE)))[0]
    return new_load, best, tied


def _even_out_loads(
    matrix: VoteMatrix,
    group_rows: _GroupRows,
    chosen: int,
    value: float,
    load: np.ndarray,
    carried: np.ndarray,
) -> None:
    """Raise the loads of the chosen project's supporters to ``value``, in place, and
    add what that adds to every project they approve (their group-major rows)."""
    groups = matrix.p_group[matrix.supporters(chosen)]
    if not groups.size:
        return
    index_type = group_rows.index_type
    delta = (value - load[groups]) * matrix.mult[groups]
    starts = group_rows.starts[groups]
    lengths = group_rows.lengths[groups]
    ends = np.cumsum(lengths, dtype=index_type)
    positions = np.repeat(starts - (ends - lengths), lengths)
    positions += np.arange(int(ends[-1]), dtype=index_type)
    carried += np.bincount(
        group_rows.projects[positions],
        weights=np.repeat(delta, lengths),
        minlength=len(carried),
    )
    load[groups] = value


def _explain(
    election: Election,
    order: list[int],
    loads_at: dict[int, float],
    score: np.ndarray,
    final_load: np.ndarray,
    stop: tuple[int, float] | None,
    spent: Fraction,
) -> list[Explanation]:
    """Why each project was bought, was too dear, stopped the rule, or was not reached.

    A project nobody voted for is explained by that first, even when the rule
    stopped at it: it came last because nobody wanted it.
    """
    position = {p: k for k, p in enumerate(order, start=1)}
    left = election.budget - spent
    stopper = None if stop is None else election.projects[stop[0]].id
    result = []
    for p, project in enumerate(election.projects):
        supporters = float(score[p])
        details: dict = {"supporters": supporters}
        if p in position:
            result.append(_bought(project, position[p], supporters, loads_at[p]))
            continue
        if supporters == 0:
            why = Reason("no-votes")
            details["load"] = None
        elif project.cost > election.budget:
            why = Reason(
                "over-whole-budget",
                {"cost": float(project.cost), "budget": float(election.budget)},
            )
        elif stop is not None and stop[0] == p:
            why = Reason(
                "rule-stopped-here",
                {"load": stop[1], "cost": float(project.cost), "left": float(left)},
            )
            details["load"] = stop[1]
        else:
            load = float(final_load[p])
            why = Reason("load-too-high", {"load": load, "stopped_at": stopper})
            details["load"] = load
        result.append(Explanation(project.id, why, details=details))
    return result


def _bought(project: Project, round_number: int, supporters: float, load: float) -> Explanation:
    """A project bought in round ``round_number``, its supporters each carrying ``load``."""
    why = (
        Reason("lowest-load", {"round": round_number, "supporters": supporters, "load": load})
        if supporters > 0
        else Reason("left-over", {"cost": float(project.cost)})
    )
    return Explanation(
        project.id,
        why,
        round=round_number,
        # Nobody carries a project nobody supports: its load is unbounded, not a number.
        details={"supporters": supporters, "load": load if supporters > 0 else None},
    )
