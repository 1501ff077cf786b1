"""pabutools 1.2.3, the reference our rules must match, driven the way we run ours.

Test and benchmark code only: src/ never imports pabutools.
"""

from __future__ import annotations

from fractions import Fraction

from pabutools.election import (
    Additive_Cardinal_Sat,
    AdditiveSatisfaction,
    ApprovalBallot,
    ApprovalProfile,
    Cost_Sat,
    parse_pabulib,
)
from pabutools.election.pabulib import parse_pabulib_from_string
from pabutools.rules import (
    MaxAddUtilWelfareAlgo,
    greedy_utilitarian_welfare,
    max_additive_utilitarian_welfare,
    method_of_equal_shares,
    sequential_phragmen,
)

POINT_TYPES = ("cumulative", "scoring")


def _points_times_cost(instance, profile, ballot, project, precomputed_values):
    return ballot.get(project, 0) * project.cost


class PointsCostSat(AdditiveSatisfaction):
    """Points x cost: greedy on it ranks projects by points, as cities do."""

    def __init__(self, instance, profile, ballot):
        AdditiveSatisfaction.__init__(self, instance, profile, ballot, _points_times_cost)


def load(path=None, text=None):
    """Parse with pabutools; ordinal ballots become approvals of the listed projects."""
    instance, profile = parse_pabulib(str(path)) if path else parse_pabulib_from_string(text)
    vote_type = instance.meta.get("vote_type", "approval")
    if vote_type == "ordinal":
        profile = ApprovalProfile([ApprovalBallot(set(b)) for b in profile])
    return instance, profile, vote_type


def run(rule: str, instance, profile, vote_type: str):
    """The outcome pabutools gives for our rule name."""
    points = vote_type in POINT_TYPES
    if rule == "greedy":
        sat = PointsCostSat if points else Cost_Sat
        return greedy_utilitarian_welfare(instance, profile, sat_class=sat)
    if rule in ("mes", "mes-add1"):
        sat = Additive_Cardinal_Sat if points else Cost_Sat
        increment = 1 if rule == "mes-add1" else None
        return method_of_equal_shares(
            instance, profile, sat_class=sat, voter_budget_increment=increment
        )
    if rule == "phragmen":
        return sequential_phragmen(instance, profile)
    if rule == "max-welfare":
        sat = PointsCostSat if points else Cost_Sat
        # The default primal-dual knapsack fails on degenerate instances (budget
        # 0); the ILP is the exact method pabutools documents.
        return max_additive_utilitarian_welfare(
            instance, profile, sat_class=sat, inner_algo=MaxAddUtilWelfareAlgo.ILP_SOLVER
        )
    raise ValueError(rule)


def selected_ids(outcome) -> list[str]:
    return sorted(p.name for p in outcome)


def welfare(outcome, instance, profile, vote_type: str) -> Fraction:
    """Total (cost) welfare of a pabutools outcome, exactly."""
    chosen = {p.name for p in outcome}
    total = Fraction(0)
    for ballot in profile:
        for project in ballot:
            if project.name in chosen:
                weight = ballot[project] if vote_type in POINT_TYPES else 1
                total += Fraction(str(weight)) * Fraction(str(project.cost))
    return total
