"""The Method of Equal Shares (MES).

Peters, Pierczyński & Skowron, "Proportional Participatory Budgeting with
Additive Utilities", NeurIPS 2021 (and Peters & Skowron, "Proportionality and
the Limits of Welfarism", EC 2020, for approval ballots). The budget is split
among the voters; a project is bought by its supporters, each paying in
proportion to their utility for it, and the project whose price per unit of
utility (its affordability, rho) is lowest is bought first. A supporter who
cannot pay the full share pays everything it has left.

Utilities: cost satisfaction for approval, choose-1 and ordinal ballots (a
supporter gains the project's cost), additive points for cumulative and scoring
ballots — pabutools' ``Cost_Sat`` and ``Additive_Cardinal_Sat``.

Voter weights: a voter of weight w starts with w times the share of a voter of
weight 1 and counts as w voters, so a stakeholder group whose voters weigh W in
all controls W / (total weight) of the budget however many voters it has.

Completion "add1" (pabutools' ``voter_budget_increment=1``): while the outcome
is feasible but not exhaustive, raise every voter's starting budget by one unit
of currency (per unit of weight) and run MES again; return the last feasible
outcome — the first exhaustive one, or the one before the budget was exceeded.

Ties (equal rho) are broken by project id, as pabutools' lexicographic default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from commonweal.allocation.election import Election, VoteMatrix, vote_matrix
from commonweal.allocation.outcome import Explanation, Outcome
from commonweal.allocation.reasons import Reason
from commonweal.allocation.rules._shared import TIE_TOLERANCE

# After this many rounds of the "poor pay all, the rich share the rest" fixed
# point, sort the supporters instead: the sort's cost does not depend on how many
# supporters run out of money.
_FIXED_POINT_ROUNDS = 10


@dataclass
class _Run:
    """One run of MES at a given starting budget per unit of weight."""

    order: list[int]
    rho: dict[int, float]
    paid: np.ndarray  # aligned with the project-major entries of the matrix
    budgets: np.ndarray  # what each ballot group has left at the end
    dropped_in_round: dict[int, int] = field(default_factory=dict)


def _affordability(budgets: np.ndarray, utils: np.ndarray, cost: float) -> float:
    """Smallest rho with sum(min(budget, rho * utility)) == cost.

    Supporters whose budget is below rho * utility pay all they have ("poor");
    the rest share what remains in proportion to utility. Iterating that split
    converges upwards to the answer; if it has not settled after a few rounds,
    sort supporters by budget per utility and scan instead.
    """
    rich = np.ones(budgets.shape, dtype=bool)
    paid_by_poor = 0.0
    rho = cost / utils.sum()
    for _ in range(_FIXED_POINT_ROUNDS):
        poor = rich & (budgets < rho * utils)
        if not poor.any():
            return rho
        rich &= ~poor
        paid_by_poor += budgets[poor].sum()
        rest = utils[rich].sum()
        if rest <= 0:
            return float((budgets / utils).max())
        rho = (cost - paid_by_poor) / rest
    ratio = budgets / utils
    order = np.argsort(ratio, kind="stable")
    sorted_budgets, sorted_utils, sorted_ratio = budgets[order], utils[order], ratio[order]
    paid_before = np.concatenate(([0.0], np.cumsum(sorted_budgets)[:-1]))
    utils_from = np.cumsum(sorted_utils[::-1])[::-1]
    candidates = (cost - paid_before) / utils_from
    fits = np.nonzero(candidates <= sorted_ratio * (1 + TIE_TOLERANCE))[0]
    return float(candidates[fits[0]]) if fits.size else float(sorted_ratio[-1])


def _entry_utilities(election: Election, matrix: VoteMatrix, costs: np.ndarray) -> np.ndarray:
    """Each approval's utility for its whole group (members x utility per member)."""
    entry_project = np.repeat(np.arange(matrix.n_projects), np.diff(matrix.p_ptr))
    per_member = matrix.p_points if election.points is not None else costs[entry_project]
    return matrix.mult[matrix.p_group] * per_member


def _run(
    matrix: VoteMatrix,
    ids: list[str],
    costs: np.ndarray,
    utils: np.ndarray,
    candidates: list[int],
    budget_per_weight: float,
) -> _Run:
    budgets = budget_per_weight * matrix.mult
    paid = np.zeros(utils.shape)
    p_ptr, p_group = matrix.p_ptr, matrix.p_group
    # Affordabilities only rise as budgets are spent, so a stale value is a lower
    # bound: scan projects by it and stop once it exceeds the best found so far.
    stale = {p: costs[p] / utils[p_ptr[p] : p_ptr[p + 1]].sum() for p in candidates}
    active = set(candidates)
    run = _Run(order=[], rho={}, paid=paid, budgets=budgets)
    while active:
        best = np.inf
        evaluated: list[tuple[float, int]] = []
        for p in sorted(active, key=lambda q: (stale[q], ids[q])):
            if stale[p] > best * (1 + TIE_TOLERANCE):
                break
            lo, hi = p_ptr[p], p_ptr[p + 1]
            supporter_budgets = budgets[p_group[lo:hi]]
            if supporter_budgets.sum() < costs[p] * (1 - TIE_TOLERANCE):
                active.discard(p)
                run.dropped_in_round[p] = len(run.order) + 1
                continue
            rho = _affordability(supporter_budgets, utils[lo:hi], costs[p])
            stale[p] = rho
            evaluated.append((rho, p))
            best = min(best, rho)
        if not evaluated:
            break
        chosen = min(
            (p for rho, p in evaluated if rho <= best * (1 + TIE_TOLERANCE)), key=ids.__getitem__
        )
        lo, hi = p_ptr[chosen], p_ptr[chosen + 1]
        groups = p_group[lo:hi]
        payment = np.minimum(budgets[groups], stale[chosen] * utils[lo:hi])
        budgets[groups] -= payment
        paid[lo:hi] = payment
        run.order.append(chosen)
        run.rho[chosen] = stale[chosen]
        active.discard(chosen)
    return run


def method_of_equal_shares(
    election: Election, matrix: VoteMatrix | None = None, *, completion: str | None = None
) -> Outcome:
    """Run MES on ``election``; ``completion="add1"`` completes it as described above."""
    if completion not in (None, "add1"):
        raise ValueError(f"unknown completion {completion!r}")
    matrix = matrix or vote_matrix(election)
    projects = election.projects
    ids = [p.id for p in projects]
    costs = np.array([float(p.cost) for p in projects])
    utils = _entry_utilities(election, matrix, costs)
    support = np.bincount(
        np.repeat(np.arange(matrix.n_projects), np.diff(matrix.p_ptr)),
        weights=utils,
        minlength=matrix.n_projects,
    )
    supported = [p for p in range(len(projects)) if support[p] > 0]
    # A free project someone wants costs nobody anything: pabutools funds it
    # before the first round, and so do we. (Under cost satisfaction a free
    # project is worth 0 to everyone, so it is never "supported" and not funded.)
    free = sorted((p for p in supported if projects[p].cost == 0), key=ids.__getitem__)
    candidates = [p for p in supported if projects[p].cost > 0]
    total_weight = matrix.total_weight
    rule = "mes" if completion is None else f"mes-{completion}"
    if total_weight == 0:
        return _outcome(
            rule,
            election,
            matrix,
            free,
            _Run([], {}, np.zeros(utils.shape), np.zeros(len(matrix.mult))),
            0.0,
            0,
        )

    base = float(election.budget) / total_weight
    run = _run(matrix, ids, costs, utils, candidates, base)
    increments = 0
    if completion == "add1":
        previous = run
        while True:
            spent = sum((projects[p].cost for p in run.order), Fraction(0))
            if spent > election.budget:
                run = previous
                increments -= 1
                break
            left = election.budget - spent
            chosen = set(run.order)
            if not any(projects[p].cost <= left for p in candidates if p not in chosen):
                break
            previous = run
            increments += 1
            run = _run(matrix, ids, costs, utils, candidates, base + increments)
    return _outcome(rule, election, matrix, free, run, base + max(increments, 0), increments)


def _outcome(
    rule: str,
    election: Election,
    matrix: VoteMatrix,
    free: list[int],
    run: _Run,
    budget_per_weight: float,
    increments: int,
) -> Outcome:
    projects = election.projects
    order = free + run.order
    explanations: list[Explanation] = []
    position = {p: k for k, p in enumerate(order, start=1)}
    held = run.budgets[matrix.p_group]  # what each supporter kept, per approval
    for p, project in enumerate(projects):
        supporter_entries = matrix.supporters(p)
        backers = float(matrix.mult[matrix.p_group[supporter_entries]].sum())
        if p in position and project.cost == 0:
            explanations.append(
                Explanation(
                    project.id,
                    Reason("free-and-supported", {"supporters": backers}),
                    round=0,
                    details={"supporters": backers},
                )
            )
        elif p in position:
            explanations.append(
                _explain_bought(election, matrix, run, p, position[p], budget_per_weight)
            )
        elif backers == 0:
            explanations.append(
                Explanation(project.id, Reason("no-votes"), details={"supporters": 0.0})
            )
        else:
            explanations.append(
                _explain_unaffordable(
                    election, p, run, float(held[matrix.supporters(p)].sum()), backers
                )
            )
    details = {"budget_per_voter": budget_per_weight}
    if rule.endswith("add1"):
        details["increments"] = increments
    return Outcome(rule, election, order, explanations, details, run.paid, matrix)


def _explain_bought(
    election: Election,
    matrix: VoteMatrix,
    run: _Run,
    p: int,
    position: int,
    budget_per_weight: float,
) -> Explanation:
    supporter_entries = matrix.supporters(p)
    members = matrix.mult[matrix.p_group[supporter_entries]]
    per_member = run.paid[supporter_entries] / members
    full_price = per_member.max()
    # Supporters who paid less than the most anyone paid ran out of money.
    short = per_member < full_price * (1 - 1e-6)
    backers = float(members.sum())
    project = election.projects[p]
    paid_in_full = float(members[~short].sum())
    # Below a cent is "nothing left": float residue of an earlier full payment.
    empty = per_member < 0.005
    short &= ~empty
    paid_short = per_member[short]
    why = Reason(
        "bought-by-supporters",
        {
            "round": position,
            "supporters": backers,
            "paid_in_full": paid_in_full,
            "price_per_voter": float(full_price),
            "paid_all_they_had": float(members[short].sum()),
            "least_paid": float(paid_short.min()) if paid_short.size else None,
            "most_paid": float(paid_short.max()) if paid_short.size else None,
            "had_nothing_left": float(members[empty].sum()),
            "cost": float(project.cost),
        },
    )
    return Explanation(
        project.id,
        why,
        round=position,
        details={
            "supporters": backers,
            "rho": run.rho[p],
            "paid_in_full": float(members[~short].sum()),
            "price_per_voter": float(full_price),
            "paid_all_they_had": float(members[short].sum()),
            "had_nothing_left": float(members[empty].sum()),
            "total_paid": float(run.paid[supporter_entries].sum()),
            "budget_per_voter": budget_per_weight,
        },
    )


def _explain_unaffordable(
    election: Election, p: int, run: _Run, held: float, backers: float
) -> Explanation:
    project = election.projects[p]
    found = run.dropped_in_round.get(p, len(run.order) + 1)
    why = Reason(
        "supporters-could-not-pay",
        {
            "supporters": backers,
            "cost": float(project.cost),
            "short_by_round": found,
            "after": election.projects[run.order[found - 2]].id if found > 1 else None,
            "held": held,
        },
    )
    return Explanation(
        project.id,
        why,
        round=None,
        details={"supporters": backers, "short_by_round": found, "held_at_end": held},
    )
