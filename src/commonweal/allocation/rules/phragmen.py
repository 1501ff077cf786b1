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

from fractions import Fraction

import numpy as np

from commonweal.allocation.election import POINT_TYPES, Election, VoteMatrix, vote_matrix
from commonweal.allocation.outcome import Explanation, Outcome
from commonweal.allocation.rules._shared import TIE_TOLERANCE
from commonweal.allocation.words import money, voters


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
    # 32-bit copies where they fit: the update below streams through them every
    # round, and half the bytes is nearly half the time.
    index_type = np.int32 if matrix.g_ptr[-1] < 2**31 else np.int64
    group_starts = matrix.g_ptr[:-1].astype(index_type)
    group_lengths = np.diff(matrix.g_ptr).astype(index_type)
    group_projects = matrix.g_project.astype(index_type)
    with np.errstate(divide="ignore", invalid="ignore"):
        while candidate.any():
            new_load = np.where(score > 0, (carried + costs) / score, np.inf)
            new_load[~candidate] = np.nan
            best = np.nanmin(new_load)
            if np.isinf(best):
                tied = np.nonzero(candidate & np.isinf(new_load))[0]
            else:
                tied = np.nonzero(candidate & (new_load <= best * (1 + TIE_TOLERANCE)))[0]
            if any(spent + projects[p].cost > election.budget for p in tied):
                stop = (min(tied, key=ids.__getitem__), float(best))
                break
            chosen = min(tied, key=ids.__getitem__)
            value = float(new_load[chosen])
            groups = matrix.p_group[matrix.supporters(chosen)]
            if groups.size:
                # Raise the supporters' loads to the new value, and add what that
                # adds to every project they approve (their group-major rows).
                delta = (value - load[groups]) * matrix.mult[groups]
                starts = group_starts[groups]
                lengths = group_lengths[groups]
                ends = np.cumsum(lengths, dtype=index_type)
                positions = np.repeat(starts - (ends - lengths), lengths)
                positions += np.arange(int(ends[-1]), dtype=index_type)
                carried += np.bincount(
                    group_projects[positions],
                    weights=np.repeat(delta, lengths),
                    minlength=len(projects),
                )
                load[groups] = value
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


def _explain(
    election: Election,
    order: list[int],
    loads_at: dict[int, float],
    score: np.ndarray,
    final_load: np.ndarray,
    stop: tuple[int, float] | None,
    spent: Fraction,
) -> list[Explanation]:
    position = {p: k for k, p in enumerate(order, start=1)}
    left = election.budget - spent
    result = []
    for p, project in enumerate(election.projects):
        if p in position:
            result.append(
                Explanation(
                    project.id,
                    True,
                    f"bought in round {position[p]}: its {voters(score[p])} could carry its cost "
                    f"with the lowest maximal load, {money(loads_at[p])} each",
                    round=position[p],
                    details={"supporters": float(score[p]), "load": loads_at[p]},
                )
            )
        elif project.cost > election.budget:
            result.append(
                Explanation(
                    project.id,
                    False,
                    f"it costs {money(project.cost)}, more than the whole budget",
                    details={"supporters": float(score[p])},
                )
            )
        elif stop is not None and stop[0] == p:
            result.append(
                Explanation(
                    project.id,
                    False,
                    f"it was next ({_load_words(stop[1])}) but costs {money(project.cost)} and "
                    f"only {money(left)} was left, so the rule stopped here",
                    details={
                        "supporters": float(score[p]),
                        "load": None if np.isinf(stop[1]) else stop[1],
                    },
                )
            )
        else:
            reason = (
                "no voter supported it"
                if score[p] == 0
                else f"its supporters would have carried a load of {money(final_load[p])} each"
            )
            if stop is not None:
                reason += (
                    f"; the rule stopped when {election.projects[stop[0]].id} "
                    "did not fit before reaching it"
                )
            result.append(
                Explanation(
                    project.id,
                    False,
                    reason,
                    details={
                        "supporters": float(score[p]),
                        "load": None if np.isinf(final_load[p]) else float(final_load[p]),
                    },
                )
            )
    return result


def _load_words(load: float) -> str:
    # Unsupported projects come last, all at an infinite load, in id order.
    return "no voter supported it" if np.isinf(load) else f"load {money(load)}"
