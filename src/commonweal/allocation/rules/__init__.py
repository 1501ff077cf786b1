"""Participatory-budgeting rules, by the name the command line uses."""

from __future__ import annotations

from collections.abc import Callable

from commonweal.allocation.election import Election, VoteMatrix
from commonweal.allocation.outcome import Outcome
from commonweal.allocation.rules.greedy import greedy
from commonweal.allocation.rules.max_welfare import max_welfare
from commonweal.allocation.rules.mes import method_of_equal_shares
from commonweal.allocation.rules.phragmen import RuleNotApplicable, sequential_phragmen

Rule = Callable[[Election, VoteMatrix | None], Outcome]


def _mes_add1(election: Election, matrix: VoteMatrix | None = None) -> Outcome:
    return method_of_equal_shares(election, matrix, completion="add1")


RULES: dict[str, Rule] = {
    "greedy": greedy,
    "mes": method_of_equal_shares,
    "mes-add1": _mes_add1,
    "phragmen": sequential_phragmen,
    "max-welfare": max_welfare,
}

__all__ = [
    "RULES",
    "RuleNotApplicable",
    "greedy",
    "max_welfare",
    "method_of_equal_shares",
    "sequential_phragmen",
]
