"""Every item's status and reason agree and name the real cause: one hand-built case per cause.

Three stages, plain data: a voting rule on an election, the planner on a plan,
and a round counted with both (``round_verdicts``).
"""

from __future__ import annotations

import pytest
from election_factories import election

from commonweal.allocation import RULES
from commonweal.allocation.planner import Item, PlanProblem, Year, solve_plan
from commonweal.allocation.planner.polish import polish
from commonweal.allocation.planner.reasons import reason_for
from commonweal.allocation.planner.room import Ledger
from commonweal.allocation.reasons import Reason
from commonweal.allocation.verdicts import round_verdicts

APPROVAL_RULES = ("greedy", "mes", "mes-add1", "phragmen", "max-welfare")


def _years(*caps: float) -> list[Year]:
    return [Year(f"FY{2026 + t}", cap) for t, cap in enumerate(caps)]


def _plan(items, caps=(100, 100, 100), **options) -> dict:
    problem = PlanProblem(years=_years(*caps), items=items, **options)
    return {p.item.id: p for p in solve_plan(problem).items}


def _why(outcome, project):
    return next(e for e in outcome.explanations if e.project == project)


# --- the rules -------------------------------------------------------------------------


@pytest.mark.parametrize("rule", APPROVAL_RULES)
def test_every_rule_says_nobody_voted_for_a_project_it_left_out_that_nobody_chose(rule):
    # z would not fit after a anyway; the reason is still that nobody wanted it.
    outcome = RULES[rule](election({"a": 60, "z": 50}, [["a"], ["a"]], 100), None)
    z = _why(outcome, "z")
    assert not z.selected
    assert (z.why.code, z.reason) == ("no-votes", "nobody voted for it")


@pytest.mark.parametrize("rule", ["greedy", "phragmen"])
def test_a_rule_that_spends_money_left_over_on_a_project_nobody_chose_says_so(rule):
    outcome = RULES[rule](election({"a": 60, "z": 30}, [["a"]], 100), None)
    z = _why(outcome, "z")
    assert z.selected and z.why.code == "left-over"
    assert z.reason == "nobody voted for it; the rule spent 30 of the money left over on it"


def test_greedy_names_the_higher_ranked_project_that_left_too_little():
    outcome = RULES["greedy"](election({"a": 60, "b": 50}, [["a", "b"], ["a"]], 100), None)
    b = _why(outcome, "b")
    assert b.why.code == "outranked"
    assert b.why.params["blocked_by"] == "a" and b.why.params["left"] == 40
    assert b.reason == (
        "ranked 2 with 1 votes; it costs 50 but after a (ranked higher) was funded only 40 was left"
    )


@pytest.mark.parametrize("rule", ["greedy", "phragmen", "max-welfare"])
def test_a_project_dearer_than_the_whole_budget_is_said_to_be_so(rule):
    outcome = RULES[rule](election({"big": 200, "small": 5}, [["big", "small"]], 100), None)
    big = _why(outcome, "big")
    assert big.why.code == "over-whole-budget"
    assert big.why.params["cost"] == 200 and big.why.params["budget"] == 100
    assert "more than the whole budget of 100" in big.reason


def test_mes_says_a_projects_supporters_could_not_pay_for_it():
    e = election({"x": 40, "y": 90}, [["x"], ["x"], ["x", "y"], ["x"]], 100)
    y = _why(RULES["mes"](e, None), "y")
    assert y.why.code == "supporters-could-not-pay"
    assert y.why.params["held"] == pytest.approx(15)


def test_phragmen_says_where_it_stopped_and_what_it_never_reached():
    ballots = [["a"]] * 5 + [["b"]] * 4 + [["c"]]
    outcome = RULES["phragmen"](election({"a": 50, "b": 60, "c": 20}, ballots, 100), None)
    assert _why(outcome, "b").why.code == "rule-stopped-here"
    c = _why(outcome, "c")
    assert c.why.code == "load-too-high" and c.why.params["stopped_at"] == "b"


def test_max_welfare_says_the_chosen_set_gives_more_welfare():
    ballots = [["a"]] * 3 + [["b", "c"]] * 2
    outcome = RULES["max-welfare"](election({"a": 60, "b": 50, "c": 50}, ballots, 100), None)
    assert _why(outcome, "a").why.code == "less-welfare"
    assert _why(outcome, "b").why.code == "in-best-set"


# --- the planner -------------------------------------------------------------------------


def test_an_item_nobody_voted_for_is_left_out_for_that_reason_though_the_plan_has_room():
    planned = _plan([Item("A", one_time=100, support=5), Item("Z", one_time=50)], caps=(300, 300))
    z = planned["Z"]
    assert (z.start, z.status, z.why.code) == (None, "left out", "no-votes")
    assert z.reason == "nobody voted for it"
    assert "room" not in z.reason


def test_an_item_nobody_voted_for_is_funded_when_a_voted_item_requires_it():
    items = [
        Item("base", one_time=10),
        Item("addon", one_time=10, requires=("base",), support=9),
    ]
    planned = _plan(items)
    assert (planned["base"].status, planned["base"].why.code) == ("funded", "earliest-start")
    assert planned["addon"].why == Reason(
        "requirement-later", {"start": "FY2027", "requirement": "base", "implemented": "FY2026"}
    )
    assert planned["addon"].status == "deferred"


def test_no_room_names_the_year_and_what_fills_it():
    items = [Item("A", one_time=80, recurring=0, support=10), Item("B", one_time=50, support=5)]
    b = _plan(items, caps=(100,))["B"]
    assert (b.status, b.why.code) == ("left out", "no-room")
    assert b.why.params == {
        "year": "FY2026",
        "one_time": 80,
        "recurring": 0,
        "left": 20,
        "available": 100,
        "need": 50,
    }
    assert b.reason == (
        "left out: in FY2026 one-time costs (80) and recurring commitments (0) leave 20 of the "
        "100 available and this item needs 50"
    )


def test_an_item_funded_later_names_the_year_that_had_no_room_earlier():
    items = [Item("A", one_time=60, recurring=20, support=10), Item("B", one_time=50, support=5)]
    b = _plan(items, caps=(80, 80, 80))["B"]
    assert (b.status, b.start, b.why.code) == ("deferred", 1, "no-room-earlier")
    assert b.why.params["start"] == "FY2027" and b.why.params["year"] == "FY2026"


def test_an_alternative_chosen_instead_is_named():
    items = [
        Item("full", one_time=80, excludes=("light",), support=10),
        Item("light", one_time=20, support=6),
    ]
    light = _plan(items)["light"]
    assert (light.status, light.why) == (
        "left out",
        Reason("alternative-chosen", {"alternative": "full"}),
    )


def test_a_requirement_left_out_is_named():
    items = [
        Item("huge", one_time=500, support=1),
        Item("addon", one_time=10, requires=("huge",), support=9),
    ]
    planned = _plan(items)
    assert planned["huge"].why.code == "over-any-year"
    assert planned["addon"].why == Reason("requirement-left-out", {"requirement": "huge"})


def test_a_requirement_implemented_too_late_is_named_with_its_year():
    items = [
        Item("base", one_time=60, duration=2, support=5),
        Item("next", one_time=20, duration=2, requires=("base",), support=5),
    ]
    nxt = _plan(items)["next"]
    assert nxt.status == "left out"
    assert nxt.why == Reason(
        "requirement-too-late",
        {"requirement": "base", "implemented": "FY2027", "last": "FY2028"},
    )
    assert nxt.reason == (
        "left out: it requires base, implemented in FY2027, too late for it to finish by FY2028"
    )


def test_a_horizon_too_short_and_a_year_too_small_are_named():
    planned = _plan(
        [Item("long", one_time=30, duration=4, support=5), Item("huge", one_time=120, support=5)]
    )
    assert planned["long"].why.code == "horizon-too-short"
    assert planned["huge"].why == Reason("over-any-year", {"need": 120, "most": 100})


def test_under_fair_shares_a_spent_share_and_a_group_less_item_are_named():
    items = [
        Item("x", one_time=70, support=100, group_support={"ALAC": 100}),
        Item("y", one_time=40, support=10, group_support={"NCSG": 10}),
        Item("orphan", one_time=10, support=3),
    ]
    planned = _plan(items, caps=(120,), objective="fair-shares", groups={"ALAC": 1.0, "NCSG": 1.0})
    assert planned["x"].why.code == "shares-spent"
    assert planned["x"].why.params["groups"] == ["ALAC"]
    assert planned["orphan"].why.code == "no-backing-group"
    assert planned["y"].status == "funded"


def test_polishing_adds_what_fits_and_moves_starts_earlier_where_the_solver_stopped_short():
    # As if the solver had stopped at once: nothing funded, or an item started late.
    items = [Item("a", one_time=50, support=2), Item("b", one_time=40, support=1)]
    problem = PlanProblem(years=_years(100, 100), items=items)
    empty = Ledger(problem, {}, {})
    assert reason_for(problem, 0, empty).code == "solver-left-out"
    polish(empty)
    assert empty.start_of == {0: 0, 1: 0}
    late = Ledger(problem, {0: 1}, {})
    assert reason_for(problem, 0, late) == Reason("solver-start", {"start": "FY2027"})
    polish(late)
    assert late.start_of == {0: 0, 1: 0}


def test_polishing_drops_an_unsupported_item_nothing_needs():
    items = [Item("a", one_time=50, support=2), Item("z", one_time=10)]
    problem = PlanProblem(years=_years(100), items=items)
    ledger = Ledger(problem, {0: 0, 1: 0}, {})
    polish(ledger)
    assert ledger.start_of == {0: 0}
    assert ledger.spending == [(50, 0)]


# --- a round: the rule, then the planner -------------------------------------------------


def _count(rule, costs, ballots, caps, **plan_items):
    """Count an election of one-year items with ``rule``, then plan the selection."""
    e = election(costs, ballots, int(sum(caps)))
    outcome = RULES[rule](e, None)
    support = {p: sum(p in b for b in ballots) for p in costs}
    items = [
        Item(p, one_time=c, support=support[p], **plan_items.get(p, {})) for p, c in costs.items()
    ]
    return {v.id: v for v in round_verdicts(outcome, items, _years(*caps)).items}


def test_in_a_round_an_item_nobody_voted_for_is_not_selected_though_greedy_chose_it():
    # Greedy spends what is left on Z, which nobody chose; the plan has room for it.
    counted = _count("greedy", {"A": 100, "Z": 50}, [["A"], ["A"]], caps=(150, 150))
    z = counted["Z"]
    assert (z.status, z.why.code, z.reason) == ("not-selected", "no-votes", "nobody voted for it")
    assert counted["A"].status == "funded"


def test_in_a_round_no_room_names_the_year_and_funded_later_is_still_funded():
    costs = {"A": 100, "B": 100, "C": 100}
    counted = _count("greedy", costs, [["A", "B", "C"], ["A", "B"], ["A"]], caps=(150, 150))
    assert (counted["A"].status, counted["A"].why.code) == ("funded", "earliest-start")
    assert (counted["B"].status, counted["B"].start) == ("funded", 1)
    assert counted["B"].why.code == "no-room-earlier"
    c = counted["C"]
    assert (c.status, c.why.code, c.why.params["year"]) == ("deferred", "no-room", "FY2026")
    assert c.reason.startswith("left out: in FY2026")


def test_in_a_round_a_selected_item_that_requires_an_unselected_one_waits_naming_it():
    counted = _count(
        "greedy",
        {"BASE": 200, "DEP": 50},
        [["DEP"], ["DEP"], ["BASE"]],
        caps=(100, 100),
        DEP={"requires": ("BASE",)},
    )
    assert counted["BASE"].why.code == "outranked"
    assert counted["BASE"].status == "not-selected"
    dep = counted["DEP"]
    assert (dep.status, dep.why) == (
        "deferred",
        Reason("requirement-left-out", {"requirement": "BASE"}),
    )


def test_in_a_round_an_alternative_chosen_instead_is_named():
    counted = _count(
        "greedy",
        {"full": 80, "light": 20},
        [["full", "light"], ["full"]],
        caps=(100,),
        full={"excludes": ("light",)},
    )
    light = counted["light"]
    assert (light.status, light.why.code) == ("deferred", "alternative-chosen")


def test_in_a_round_an_item_that_lost_on_support_keeps_the_rule_reason():
    counted = _count("mes", {"a": 60, "b": 60}, [["a"], ["a"], ["b"]], caps=(100,))
    assert counted["a"].status == "funded"
    assert (counted["b"].status, counted["b"].why.code) == (
        "not-selected",
        "supporters-could-not-pay",
    )
