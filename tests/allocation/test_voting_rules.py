"""What each rule does on elections small enough to check by hand, and its properties."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from election_factories import election, small_elections
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_budget import BASE

from commonweal.allocation import RULES
from commonweal.allocation.rules import (
    greedy,
    max_welfare,
    method_of_equal_shares,
    sequential_phragmen,
)

APPROVAL_RULES = ("greedy", "mes", "mes-add1", "phragmen", "max-welfare")


def _explanation(outcome, project):
    return next(e for e in outcome.explanations if e.project == project)


def test_greedy_skips_a_project_that_no_longer_fits():
    e = election({"a": 60, "b": 50, "c": 30}, [["a", "b", "c"], ["a", "b"], ["a"]], 100)
    outcome = greedy(e)
    assert outcome.selected_ids == ["a", "c"]
    reason = _explanation(outcome, "b").reason
    assert "after a" in reason and "only 40 was left" in reason


def test_greedy_breaks_ties_by_project_id_as_strings():
    e = election({"2": 10, "10": 10}, [["2", "10"]], 10)
    assert greedy(e).selected_ids == ["10"]


def test_greedy_ranks_cumulative_ballots_by_points():
    e = election({"a": 10, "b": 10}, [{"a": 1, "b": 3}, {"a": 1}], 10)
    assert greedy(e).selected_ids == ["b"]


def test_greedy_says_when_a_project_costs_more_than_the_budget():
    outcome = greedy(election({"big": 200, "small": 5}, [["big"]], 100))
    assert "more than the whole budget" in _explanation(outcome, "big").reason


def test_mes_lets_a_minority_buy_its_own_project_where_greedy_does_not():
    # 6 voters want a and b; 4 want c. Greedy gives the majority everything it can;
    # MES gives the 40% minority its share of the budget.
    ballots = [["a", "b"]] * 6 + [["c"]] * 4
    e = election({"a": 50, "b": 50, "c": 40}, ballots, 100)
    assert greedy(e).selected_ids == ["a", "b"]
    assert "c" in method_of_equal_shares(e).selected_ids


def test_mes_explains_who_paid_how_much():
    e = election({"x": 40, "y": 90}, [["x"], ["x"], ["x", "y"], ["x"]], 100)
    outcome = method_of_equal_shares(e)
    assert outcome.selected_ids == ["x"]
    assert "4 voters paid 10 each" in _explanation(outcome, "x").reason
    unbought = _explanation(outcome, "y").reason
    assert "could not pay" in unbought and "they held 15 in all" in unbought


def test_mes_add1_spends_what_plain_mes_leaves():
    ballots = [["a", "b"]] * 3 + [["c"]]
    e = election({"a": 30, "b": 30, "c": 40}, ballots, 100)
    plain = method_of_equal_shares(e)
    completed = method_of_equal_shares(e, completion="add1")
    assert completed.cost > plain.cost
    assert completed.cost <= e.budget


def test_phragmen_stops_at_the_first_project_that_does_not_fit():
    # b comes second and does not fit; Phragmén stops, so c is never reached,
    # though greedy would have skipped b and funded c.
    ballots = [["a"]] * 5 + [["b"]] * 4 + [["c"]]
    e = election({"a": 50, "b": 60, "c": 20}, ballots, 100)
    outcome = sequential_phragmen(e)
    assert outcome.selected_ids == ["a"]
    assert "stopped" in _explanation(outcome, "b").reason
    assert greedy(e).selected_ids == ["a", "c"]


def test_phragmen_refuses_cumulative_ballots():
    e = election({"a": 1}, [{"a": 2}], 1)
    with pytest.raises(ValueError, match="approval ballots"):
        sequential_phragmen(e)


def test_max_welfare_finds_the_set_greedy_misses():
    # Greedy takes the most-voted a and then nothing fits; b and c together
    # carry more voters' money.
    ballots = [["a"]] * 3 + [["b", "c"]] * 2
    e = election({"a": 60, "b": 50, "c": 50}, ballots, 100)
    assert greedy(e).selected_ids == ["a"]
    assert max_welfare(e).selected_ids == ["b", "c"]


def test_an_election_without_voters_funds_nothing_under_mes():
    e = election({"a": 10}, [], 100)
    assert method_of_equal_shares(e).selected_ids == []


def test_every_project_gets_one_explanation():
    e = election({"a": 60, "b": 50, "c": 0}, [["a", "c"], ["b"]], 100)
    for rule in APPROVAL_RULES:
        outcome = RULES[rule](e, None)
        assert [x.project for x in outcome.explanations] == ["a", "b", "c"]
        assert {x.project for x in outcome.explanations if x.selected} == set(outcome.selected_ids)


@settings(BASE, max_examples=150)
@given(small_elections("approval"), st.sampled_from(APPROVAL_RULES))
def test_no_rule_ever_spends_more_than_the_budget(e, rule):
    assert RULES[rule](e, None).cost <= e.budget


def _payments_by_voter_group(outcome):
    """Per ballot group: total paid; per selected project: total received."""
    matrix, paid = outcome.matrix, outcome.payments
    groups = np.bincount(matrix.p_group, weights=paid, minlength=len(matrix.mult))
    entry_project = np.repeat(np.arange(matrix.n_projects), np.diff(matrix.p_ptr))
    received = np.bincount(entry_project, weights=paid, minlength=matrix.n_projects)
    return groups, received


@settings(BASE, max_examples=150)
@given(
    small_elections("approval"),
    st.lists(st.integers(1, 4), min_size=8, max_size=8),
)
def test_mes_outcomes_are_priceable(e, raw_weights):
    # Peters & Skowron's priceability: nobody pays beyond their share, voters pay
    # only for selected projects they support, each selected project is paid in
    # full, and no unselected project's supporters have its cost left over.
    e.weights = [Fraction(w) for w in raw_weights[: len(e.voter_ids)]]
    outcome = method_of_equal_shares(e)
    matrix = outcome.matrix
    if matrix.total_weight == 0:
        return
    share = float(e.budget) / matrix.total_weight
    paid_by_group, received = _payments_by_voter_group(outcome)
    assert np.all(paid_by_group <= share * matrix.mult * (1 + 1e-9) + 1e-9)
    for p, project in enumerate(e.projects):
        if p in outcome.order and project.cost > 0:
            assert received[p] == pytest.approx(float(project.cost))
        elif p not in outcome.order and project.cost > 0:
            # (A free project gives no cost satisfaction, so pabutools' MES, and
            # ours, leave it out on approval ballots: see docs/allocation.md.)
            assert received[p] == 0
            sl = matrix.supporters(p)
            left = share * matrix.mult - paid_by_group
            assert left[matrix.p_group[sl]].sum() <= float(project.cost) * (1 + 1e-9) + 1e-9


def test_each_stakeholder_group_controls_its_share_of_the_budget_whatever_its_size():
    # 40 registry voters and 4 civil-society voters; each group weighs the same in
    # all, so under MES each spends half the budget on the projects it wants.
    costs = {f"r{i}": 1 for i in range(80)} | {f"c{i}": 1 for i in range(80)}
    registry = [f"r{i}" for i in range(80)]
    civil = [f"c{i}" for i in range(80)]
    ballots = [registry] * 40 + [civil] * 4
    weights = [1] * 40 + [10] * 4
    outcome = method_of_equal_shares(election(costs, ballots, 100, weights=weights))
    spent_on_registry = sum(1 for p in outcome.selected_ids if p.startswith("r"))
    spent_on_civil = sum(1 for p in outcome.selected_ids if p.startswith("c"))
    assert spent_on_registry == spent_on_civil == 50
    # Without weights the larger group takes ten elevenths of the budget.
    unweighted = method_of_equal_shares(election(costs, ballots, 100))
    assert sum(1 for p in unweighted.selected_ids if p.startswith("c")) == 9


@settings(BASE, max_examples=100)
@given(
    st.lists(st.integers(1, 5), min_size=3, max_size=3),
    st.lists(st.integers(1, 30), min_size=3, max_size=3),
    st.integers(10, 200),
)
def test_groups_of_weighted_voters_never_spend_beyond_their_share(sizes, group_weights, budget):
    groups = ["g0", "g1", "g2"]
    costs = {f"{g}-{i}": c for g in groups for i, c in enumerate([3, 7, 11, 13])}
    ballots, weights, owner = [], [], []
    for g, size, w in zip(groups, sizes, group_weights, strict=True):
        ballots += [[p for p in costs if p.startswith(g)]] * size
        weights += [Fraction(w, size)] * size
        owner += [g] * size
    outcome = method_of_equal_shares(election(costs, ballots, budget, weights=weights))
    total = sum(group_weights)
    for g, w in zip(groups, group_weights, strict=True):
        spent = sum(costs[p] for p in outcome.selected_ids if p.startswith(g))
        assert spent <= budget * w / total + 1e-9


@settings(BASE, max_examples=150)
@given(small_elections("approval"), st.sampled_from(APPROVAL_RULES))
def test_a_voter_of_weight_two_counts_as_two_voters(e, rule):
    if not e.voter_ids:
        return
    weighted = election(
        {p.id: p.cost for p in e.projects},
        [[e.projects[i].id for i in vote] for vote in e.votes],
        e.budget,
        weights=[2] + [1] * (len(e.voter_ids) - 1),
    )
    doubled = election(
        {p.id: p.cost for p in e.projects},
        [[e.projects[i].id for i in vote] for vote in [e.votes[0], *e.votes]],
        e.budget,
    )
    ours, reference = RULES[rule](weighted, None), RULES[rule](doubled, None)
    if rule == "max-welfare":
        assert ours.details["welfare"] == pytest.approx(reference.details["welfare"])
    else:
        assert ours.selected_ids == reference.selected_ids
