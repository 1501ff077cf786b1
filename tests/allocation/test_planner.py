"""The multi-year planner: caps, dependencies, alternatives, reasons, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_budget import BASE
from plan_factories import generated_plan
from shared_pabulib import REPO

from commonweal.allocation import InputError
from commonweal.allocation.cli import plan_main
from commonweal.allocation.planner import (
    Item,
    PlanProblem,
    Year,
    parse_plan,
    plan_document,
    read_plan,
    solve_plan,
)

EXAMPLE = REPO / "src" / "commonweal" / "allocation" / "examples" / "five_year_plan.yaml"


def _plan(items, caps=(100, 100, 100), **options) -> dict:
    problem = PlanProblem(
        years=[Year(f"FY{2026 + t}", cap) for t, cap in enumerate(caps)], items=items, **options
    )
    return {p.item.id: p for p in solve_plan(problem).items}


def test_recurring_commitments_push_a_new_item_to_a_later_year():
    # A runs 60 a year from FY2026; B costs 50 once, so it cannot join until
    # FY2027, when A's one-time cost is paid and only its recurring 20 remains.
    items = [
        Item("A", one_time=60, recurring=20, support=10),
        Item("B", one_time=50, support=5),
    ]
    planned = _plan(items, caps=(80, 80, 80))
    assert planned["A"].start == 0
    assert planned["B"].start == 1
    assert planned["B"].status == "deferred"
    assert planned["B"].reason == (
        "deferred to FY2027: in FY2026 one-time costs (60) and recurring commitments (20) "
        "leave 0 of the 80 available and this item needs 50"
    )


def test_an_item_bigger_than_any_year_says_so_rather_than_blame_the_others():
    items = [Item("small", one_time=40, support=1), Item("huge", one_time=120, support=50)]
    planned = _plan(items)
    assert planned["huge"].start is None
    assert planned["huge"].reason == (
        "left out: it needs 120 in one year, more than the 100 any year of the plan has available"
    )


def test_an_item_starts_only_after_what_it_requires_is_implemented():
    items = [
        Item("base", one_time=30, duration=2, support=1),
        Item("next", one_time=10, requires=("base",), support=1),
    ]
    planned = _plan(items)
    assert planned["base"].start == 0
    assert planned["next"].start == 2
    assert planned["next"].reason == "deferred to FY2028: it requires base, implemented in FY2027"


def test_an_item_whose_requirement_is_left_out_is_left_out_with_that_reason():
    items = [
        Item("huge", one_time=500, support=1),
        Item("addon", one_time=10, requires=("huge",), support=9),
    ]
    planned = _plan(items)
    assert planned["huge"].start is None
    assert planned["addon"].reason == "left out: it requires huge, which is not in the plan"


def test_only_one_of_two_alternatives_is_funded():
    items = [
        Item("full", one_time=80, excludes=("light",), support=10),
        Item("light", one_time=20, support=6),
    ]
    planned = _plan(items)
    assert planned["full"].start == 0
    assert planned["light"].start is None
    assert planned["light"].reason == "left out: full, an alternative to it, is in the plan"


def test_an_item_too_long_for_the_horizon_is_left_out():
    planned = _plan([Item("long", one_time=30, duration=4, support=5)])
    assert planned["long"].reason.startswith("left out: starting in FY2026 its 4-year")


def test_max_support_prefers_two_items_over_one_with_less_support():
    items = [
        Item("big", one_time=100, support=10),
        Item("a", one_time=50, support=6),
        Item("b", one_time=50, support=6),
    ]
    planned = _plan(items, caps=(100,))
    assert {k for k, p in planned.items() if p.start is not None} == {"a", "b"}
    assert "leave 0 of the 100 available and this item needs 100" in planned["big"].reason


def test_fair_shares_keep_a_group_within_its_share_of_each_year():
    # ALAC supports only x, NCSG only y; each controls half of 120 a year.
    items = [
        Item("x", one_time=70, support=100, group_support={"ALAC": 100}),
        Item("y", one_time=40, support=10, group_support={"NCSG": 10}),
    ]
    groups = {"ALAC": 1.0, "NCSG": 1.0}
    planned = _plan(items, caps=(120,), objective="fair-shares", groups=groups)
    assert planned["x"].start is None
    assert planned["y"].start == 0
    assert "groups that support it (ALAC) have 60 left of their shares" in planned["x"].reason
    unfair = _plan(items, caps=(120,))
    assert unfair["x"].start == 0


@settings(BASE, max_examples=40)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 120),
            st.integers(1, 3),
            st.integers(0, 40),
            st.integers(0, 2),
            st.integers(0, 20),
        ),
        min_size=1,
        max_size=10,
    ),
    st.lists(st.integers(0, 150), min_size=1, max_size=4),
    st.data(),
)
def test_no_plan_ever_exceeds_a_year_cap_or_breaks_a_dependency(specs, caps, data):
    n_years = len(caps)
    items = []
    for k, (once, duration, recurring, earliest, support) in enumerate(specs):
        requires = ()
        if k and data.draw(st.booleans()):
            requires = (f"i{data.draw(st.integers(0, k - 1))}",)
        items.append(
            Item(
                f"i{k}",
                one_time=once,
                duration=duration,
                recurring=recurring,
                earliest=min(earliest, n_years - 1),
                requires=requires,
                support=support,
            )
        )
    problem = PlanProblem(years=[Year(f"Y{t}", c) for t, c in enumerate(caps)], items=items)
    result = solve_plan(problem)
    for year, (once, recurring) in zip(problem.years, result.spending, strict=True):
        assert once + recurring <= year.cap + 1e-6
    start = {p.item.id: p.start for p in result.items}
    for item in items:
        if start[item.id] is None:
            continue
        assert start[item.id] >= item.earliest
        assert start[item.id] + item.duration <= n_years
        for other in item.requires:
            needed = next(i for i in items if i.id == other)
            assert start[other] is not None
            assert start[other] + needed.duration <= start[item.id]


def test_three_hundred_items_over_five_years_are_planned_within_one_percent():
    # How fast is the benchmark's business (benchmarks/bench_allocation.py); the solver's
    # own time limit bounds this test.
    result = solve_plan(generated_plan(300, 5, seed=0))
    assert result.gap < 0.01


def test_the_example_plan_ships_and_says_it_is_illustrative():
    document = plan_document(solve_plan(parse_plan(EXAMPLE.read_text(encoding="utf-8"))))
    assert document["illustrative"] is True
    assert all(y["total"] <= y["cap"] - y["reserve"] + 0.01 for y in document["years"])
    assert {i["status"] for i in document["items"]} >= {"funded", "deferred", "left out"}
    assert all(i["reason"] for i in document["items"])


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "years: [FY1]\ncap: 10\nitems:\n  - {id: a, one_time: -5, support: 1}\n",
            "field 'items[0].one_time': must be at least 0",
        ),
        (
            "years: [FY1]\ncap: 10\nitems:\n  - {id: a, support: 1, requires: [b]}\n",
            "field 'items[0].requires': unknown item 'b'",
        ),
        ("years: [FY1]\nitems:\n  - {id: a, support: 1}\n", "field 'years[0].cap': missing"),
        ("years: [FY1]\ncap: 10\nitems:\n  - {id: a}\n", "field 'items[0].support': missing"),
        (
            "years: [FY1]\ncap: 10\nitems:\n  - {id: a, support: 1, earliest: FY9}\n",
            "field 'items[0].earliest'",
        ),
        (
            "years: [FY1]\ncap: 10\nitems:\n  - {id: a, support: 1, requires: b}\n"
            "  - {id: b, support: 1, requires: a}\n",
            "dependencies form a cycle",
        ),
        ("years: [FY1\ncap: 10\n", "plan.yaml:2: not valid YAML"),
    ],
)
def test_a_malformed_plan_gets_one_error_naming_the_field_or_line(text, words):
    with pytest.raises(InputError) as caught:
        parse_plan(text, source="plan.yaml")
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)


def test_plan_command_prints_json_and_a_table(capsys):
    assert plan_main([str(EXAMPLE)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["objective"] == "max-support" and document["status"] == "optimal"
    assert plan_main([str(EXAMPLE), "--format", "table"]) == 0
    assert "FY2030" in capsys.readouterr().out


def test_plan_program_reports_bad_input_with_status_2(tmp_path: Path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"years": ["FY1"], "cap": 5, "items": [{"id": "a", "support": "lots"}]}')
    result = subprocess.run(
        [sys.executable, "-m", "commonweal", "plan", str(bad)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"commonweal plan: {bad}: field 'items[0].support': must be a number, not 'lots'"
    ]


def test_support_can_be_counted_from_a_ballot_file_with_groups(tmp_path: Path):
    (tmp_path / "round.pb").write_text(
        "META\nkey;value\nbudget;100\nvote_type;approval\n"
        "PROJECTS\nproject_id;cost\nA;10\nB;10\n"
        "VOTES\nvoter_id;vote;group\n1;A,B;ALAC\n2;A;NCSG\n3;A;NCSG\n",
        encoding="utf-8",
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "years: [FY1]\ncap: 10\nballots: round.pb\nitems:\n  - {id: A, one_time: 10}\n"
        "  - {id: B, one_time: 10}\n",
        encoding="utf-8",
    )
    problem = read_plan(plan)
    support = {item.id: (item.support, item.group_support) for item in problem.items}
    assert support == {"A": (3.0, {"ALAC": 1.0, "NCSG": 2.0}), "B": (1.0, {"ALAC": 1.0})}
    planned = {p.item.id: p for p in solve_plan(problem).items}
    assert planned["A"].start == 0 and planned["B"].start is None
