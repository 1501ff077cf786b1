"""On random elections and plans, every item's status and reason agree, and a reason that
blames the budget is true: checked against spending summed here, independently."""

from __future__ import annotations

from election_factories import small_elections
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_budget import BASE

from commonweal.allocation import RULES, vote_matrix
from commonweal.allocation.planner import Item, PlanProblem, Year, solve_plan
from commonweal.allocation.reasons import (
    FUNDED,
    LEFT_OUT,
    NOT_SELECTED,
    PLAN_STATUS,
    ROUND_STATUS,
    SELECTED,
    codes_of_kind,
)
from commonweal.allocation.verdicts import round_verdicts

APPROVAL_RULES = ("greedy", "mes", "mes-add1", "phragmen", "max-welfare")
# Codes that say the budget (or a group's share of it) had no room.
NO_ROOM = {"no-room", "no-room-earlier", "shares-spent", "shares-spent-earlier", "over-any-year"}


@st.composite
def plans(draw, objective: str = "max-support") -> PlanProblem:
    """Small plans with requirements, alternatives, items nobody supports, and groups."""
    caps = draw(st.lists(st.integers(20, 200), min_size=1, max_size=4))
    n_years = len(caps)
    items = []
    for k in range(draw(st.integers(1, 8))):
        requires = excludes = ()
        if k and draw(st.booleans()):
            requires = (f"i{draw(st.integers(0, k - 1))}",)
        elif k and draw(st.integers(0, 4)) == 0:
            excludes = (f"i{draw(st.integers(0, k - 1))}",)
        supporters = {g: draw(st.sampled_from([0, 1, 3])) for g in ("ALAC", "NCSG")}
        items.append(
            Item(
                f"i{k}",
                one_time=draw(st.integers(0, 120)),
                duration=draw(st.integers(1, 3)),
                recurring=draw(st.sampled_from([0, 0, 10, 40])),
                earliest=draw(st.integers(0, n_years - 1)),
                requires=requires,
                excludes=excludes,
                support=float(sum(supporters.values())),
                group_support={g: float(s) for g, s in supporters.items() if s},
            )
        )
    return PlanProblem(
        years=[Year(f"Y{t}", cap) for t, cap in enumerate(caps)],
        items=items,
        objective=objective,
        groups={"ALAC": 1.0, "NCSG": 1.0},
    )


def _fits(problem: PlanProblem, start_of: dict[int, int], i: int, start: int) -> bool:
    """Whether item ``i`` could start in ``start`` beside every other funded item."""
    item = problem.items[i]
    for t, year in enumerate(problem.years):
        others = sum(sum(problem.items[k].cost_in(s, t)) for k, s in start_of.items() if k != i)
        need = sum(item.cost_in(start, t))
        if need and need > year.available - others + 1e-6:
            return False
    return True


def _ready(problem: PlanProblem, start_of: dict[int, int], i: int) -> int:
    index = {item.id: k for k, item in enumerate(problem.items)}
    item = problem.items[i]
    return max(
        [item.earliest]
        + [
            start_of[index[r]] + problem.items[index[r]].duration
            for r in item.requires
            if index[r] in start_of
        ]
    )


@settings(BASE, max_examples=120)
@given(st.sampled_from(["max-support", "fair-shares"]).flatmap(plans))
def test_in_every_plan_status_and_reason_agree(problem):
    result = solve_plan(problem)
    for p in result.items:
        assert p.why.kind != SELECTED
        assert p.status == PLAN_STATUS[p.why.kind]
        assert not p.why.code.startswith("solver-"), p.reason  # polishing leaves none
        assert (p.start is None) == (p.status == "left out")
        if p.status == "funded":
            assert p.start == p.item.earliest
            assert p.reason.startswith(f"funded from {problem.years[p.start].name}")
        elif p.status == "deferred":
            assert p.start > p.item.earliest
            assert p.reason.startswith(f"deferred to {problem.years[p.start].name}: ")
        elif p.item.support <= 0:
            assert p.why.code == "no-votes"
        else:
            assert p.why.kind == LEFT_OUT and p.reason.startswith("left out: ")
        if p.why.code in NO_ROOM:
            assert p.item.support > 0 or p.start is not None
            assert p.why.params["need"] > p.why.params.get("left", p.why.params.get("room", 0))


@settings(BASE, max_examples=120)
@given(plans())
def test_an_item_said_to_lack_room_fits_in_no_year_it_could_start(problem):
    result = solve_plan(problem)
    start_of = {i: p.start for i, p in enumerate(result.items) if p.start is not None}
    for i, p in enumerate(result.items):
        if p.why.code == "no-room":
            starts = range(_ready(problem, start_of, i), len(problem.years) - p.item.duration + 1)
            assert not any(_fits(problem, start_of, i, s) for s in starts), p.reason
        elif p.why.code == "no-room-earlier":
            earlier = range(_ready(problem, start_of, i), p.start)
            assert not any(_fits(problem, start_of, i, s) for s in earlier), p.reason
        elif p.start is None and p.item.support > 0 and p.why.code != "horizon-too-short":
            # Left out for a reason other than money: something named stands in the way.
            assert p.why.code in {
                "alternative-chosen",
                "requirement-left-out",
                "requirement-too-late",
                "over-any-year",
            }, p.reason


@settings(BASE, max_examples=150)
@given(small_elections("approval"), st.sampled_from(APPROVAL_RULES))
def test_a_rule_selects_exactly_the_projects_whose_reason_says_so(e, rule):
    outcome = RULES[rule](e, None)
    support = vote_matrix(e).vote_counts()
    assert {x.project for x in outcome.explanations if x.selected} == set(outcome.selected_ids)
    for k, x in enumerate(outcome.explanations):
        assert x.why.kind in (SELECTED, NOT_SELECTED)
        assert x.selected == (x.why.kind == SELECTED)
        # Nobody voted for it: the reason says so, selected or not.
        if support[k] == 0:
            assert x.why.code == ("left-over" if x.selected else "no-votes")
        else:
            assert x.why.code not in ("left-over", "no-votes")


@st.composite
def counted_rounds(draw):
    """A random election counted with a rule, and a plan of one- and two-year items with
    requirements, over one to three years."""
    e = draw(small_elections("approval"))
    rule = draw(st.sampled_from(APPROVAL_RULES))
    caps = draw(st.lists(st.integers(5, 40), min_size=1, max_size=3))
    support = vote_matrix(e).vote_counts()
    items = []
    for k, project in enumerate(e.projects):
        requires = ()
        if k and draw(st.integers(0, 3)) == 0:
            requires = (e.projects[draw(st.integers(0, k - 1))].id,)
        items.append(
            Item(
                project.id,
                one_time=float(project.cost),
                duration=draw(st.integers(1, len(caps))),
                requires=requires,
                support=float(support[k]),
            )
        )
    years = [Year(f"Y{t}", cap) for t, cap in enumerate(caps)]
    return RULES[rule](e, None), items, years


@settings(BASE, max_examples=150)
@given(counted_rounds())
def test_in_every_counted_round_status_and_reason_agree(counted):
    outcome, items, years = counted
    verdicts = round_verdicts(outcome, items, years)
    selected = set(outcome.selected_ids)
    support = {item.id: item.support for item in items}
    assert [v.id for v in verdicts.items] == [x.project for x in outcome.explanations]
    for v in verdicts.items:
        assert v.status == ROUND_STATUS[v.why.kind]
        assert (v.status == "funded") == (v.start is not None)
        if v.status == "funded":
            assert v.id in selected
            assert not v.reason.startswith("left out")
            assert v.why.code in codes_of_kind(FUNDED) | codes_of_kind("funded-later")
        elif v.status == "deferred":
            assert v.id in selected and support[v.id] > 0
            assert v.reason.startswith("left out: ")
        else:
            assert v.id not in selected or support[v.id] == 0
        # An item nobody voted for is never said to lack room, or to have lost on support.
        if support[v.id] == 0 and v.status != "funded":
            assert v.why.code == "no-votes"
        if v.why.code in NO_ROOM and v.status != "funded":
            assert v.why.params["need"] > v.why.params.get("left", 0)
