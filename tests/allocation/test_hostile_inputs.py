"""Files written to hurt: each is refused at once with one line naming the file and where."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from commonweal.allocation import InputError, parse_pabulib, read_pabulib
from commonweal.allocation.cli import plan_main, prioritize_main
from commonweal.allocation.planner import parse_plan, read_plan

PABULIB = """META
key;value
budget;{budget}
vote_type;{vote_type}
PROJECTS
project_id;cost
1;{cost}
2;10
VOTES
voter_id;vote;points;weight
v1;1,2;{points},1;{weight}
v2;2;1;1
"""

PLAN_HEAD = "years: [FY1, FY2]\ncap: 100\n"


def _pabulib(**values: str) -> str:
    fields = {"budget": "100", "vote_type": "cumulative", "cost": "10", "points": "1"}
    fields["weight"] = "1"
    return PABULIB.format(**(fields | values))


def _refused_pabulib(text: str) -> InputError:
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        parse_pabulib(text, source="hostile.pb")
    assert time.perf_counter() - started < 5
    assert str(caught.value).startswith("hostile.pb:")
    assert "\n" not in str(caught.value)
    return caught.value


def _refused_plan(text: str, source: str = "hostile.yaml") -> InputError:
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        parse_plan(text, source=source)
    assert time.perf_counter() - started < 5
    assert str(caught.value).startswith(f"{source}:")
    assert "\n" not in str(caught.value)
    return caught.value


@pytest.mark.parametrize(
    ("field", "text", "line"),
    [
        ("budget", "1e100000000", 1),
        ("budget", "1e400", 1),
        ("cost", "1e-50000000", 7),
        ("weight", "1E+999", 11),
    ],
)
def test_a_pabulib_number_with_a_huge_exponent_is_refused_at_once(field, text, line):
    error = _refused_pabulib(_pabulib(**{field: text}))
    assert error.line == line
    assert f"{field} '{text}' has an exponent beyond ±20" in str(error)


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "-Infinity", "+inf", "1e", "0x10", "٣"])
@pytest.mark.parametrize("field", ["budget", "cost", "weight"])
def test_nan_infinity_and_other_spellings_are_not_pabulib_numbers(field, text):
    assert "is not a number" in str(_refused_pabulib(_pabulib(**{field: text})))


@pytest.mark.parametrize(
    ("field", "text", "words"),
    [
        ("cost", "9" * 5000, "longer than 40 characters"),
        ("budget", "1" + "0" * 16, "larger than 10^15"),
        ("cost", "2e16", "larger than 10^15"),
        ("points", "1" + "0" * 16, "more than 10^15 points"),
        ("points", "9" * 5000, "longer than 40 characters"),
    ],
)
def test_pabulib_numbers_no_person_writes_for_money_or_votes_are_refused(field, text, words):
    assert words in str(_refused_pabulib(_pabulib(**{field: text})))


def test_numbers_real_files_write_still_read():
    election = parse_pabulib(_pabulib(budget="1,5e6", cost="12345.67", weight="12/5"))
    assert election.budget == 1_500_000
    assert election.projects[0].cost == pytest.approx(12345.67)
    assert election.weights[0] == pytest.approx(2.4)


def test_more_projects_than_the_limit_are_refused_on_the_first_one_too_many():
    rows = "".join(f"p{k};1\n" for k in range(10_001))
    text = f"META\nkey;value\nbudget;1\nPROJECTS\nproject_id;cost\n{rows}VOTES\nvoter_id;vote\n"
    error = _refused_pabulib(text)
    assert error.line == 6 + 10_000
    assert "more than 10,000 projects" in str(error)


def test_more_voters_than_the_limit_are_refused_on_the_first_one_too_many():
    votes = "".join(f"{k};\n" for k in range(1_000_001))
    text = (
        f"META\nkey;value\nbudget;1\nPROJECTS\nproject_id;cost\n1;1\nVOTES\nvoter_id;vote\n{votes}"
    )
    error = _refused_pabulib(text)
    assert error.line == 9 + 1_000_000
    assert "more than 1,000,000 votes" in str(error)


def test_a_pabulib_file_over_sixteen_megabytes_is_refused_unread(tmp_path):
    big = tmp_path / "big.pb"
    big.write_bytes(b"META\n" + b" " * 16 * 2**20)
    with pytest.raises(InputError, match="big.pb: the file is larger than 16 MB"):
        read_pabulib(big)


def test_a_device_that_never_ends_is_refused_as_too_large():
    with pytest.raises(InputError, match="larger than 16 MB"):
        read_pabulib("/dev/zero")


def _alias_bomb(used_as: str) -> str:
    """Nine aliases deep, nine each: 9**9 strings once expanded."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for k in range(1, 10):
        lines.append(f"a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * 9)}]")
    return "\n".join(lines) + "\n" + PLAN_HEAD + f"items:\n  - {{id: x, support: 1, {used_as}}}\n"


@pytest.mark.parametrize("used_as", ["title: *a9", "requires: *a9", "source: *a9"])
def test_a_yaml_alias_bomb_is_refused_before_it_expands(used_as):
    error = _refused_plan(_alias_bomb(used_as))
    assert error.line == 2
    assert "YAML alias *a0 is not allowed in a plan" in str(error)


def test_an_alias_used_as_an_item_id_is_refused_on_its_line():
    text = PLAN_HEAD + "items:\n  - {id: &first a, support: 1}\n  - {id: *first, support: 2}\n"
    assert _refused_plan(text).line == 5


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (PLAN_HEAD + "title: " + "[" * 50_000 + "]" * 50_000 + "\n", "deep.yaml"),
        (PLAN_HEAD + "title: " + "[" * 40 + "]" * 40 + "\n", "deep.yaml"),
        (PLAN_HEAD + "title:\n" + "".join("  " * k + "- \n" for k in range(40)), "deep.yaml"),
        ('{"title": ' + "[" * 50_000 + "]" * 50_000 + "}", "deep.json"),
        ('{"title":\n' + "{" * 33, "deep.json"),
    ],
)
def test_deep_nesting_is_refused_before_python_recurses(text, source):
    error = _refused_plan(text, source)
    assert error.line is not None
    assert "nested more than 32 deep" in str(error) or "nesting depth" in str(error)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("years: [FY1]\ncap: .nan\nitems:\n  - {id: a, support: 1}\n", "years[0].cap"),
        (PLAN_HEAD + "items:\n  - {id: a, support: 1, one_time: .nan}\n", "items[0].one_time"),
        (PLAN_HEAD + "items:\n  - {id: a, support: .inf}\n", "items[0].support"),
        (PLAN_HEAD + "items:\n  - {id: a, support: 1, recurring: -.Inf}\n", "items[0].recurring"),
        (PLAN_HEAD + "items:\n  - {id: a, support: 1.0e+400}\n", "items[0].support"),
    ],
)
def test_nan_and_infinity_in_a_plan_are_refused_naming_the_field(text, field):
    error = _refused_plan(text)
    assert error.field == field
    assert "must be a finite number" in str(error)


@pytest.mark.parametrize(
    ("text", "source", "words"),
    [
        (PLAN_HEAD.replace("100", "9" * 5000) + "items: [{id: a, support: 1}]\n", "p.yaml", "40"),
        ('{"years": ["FY1"], "cap": ' + "9" * 5000 + "}", "p.json", "40 characters"),
        ('{"years": ["FY1"],\n "cap": NaN}', "p.json", "NaN is not a number"),
        ('{"years": ["FY1"],\n "cap": -Infinity}', "p.json", "-Infinity is not a number"),
        (
            '{"years": ["FY1"], "cap": 1e400, "items": [{"id": "a", "support": 1}]}',
            "p.json",
            "finite",
        ),
        (
            PLAN_HEAD.replace("100", "1" + "0" * 20) + "items: [{id: a, support: 1}]\n",
            "p.yaml",
            "10^15",
        ),
    ],
)
def test_numbers_no_plan_holds_are_refused(text, source, words):
    assert words in str(_refused_plan(text, source))


def test_a_json_plan_may_still_hold_long_digits_and_brackets_inside_strings():
    text = (
        '{"years": ["FY1"], "cap": 10, "title": "' + "9" * 100 + "[" * 100 + 'NaN",'
        ' "items": [{"id": "a", "support": 1}]}'
    )
    assert parse_plan(text, source="plan.json").title.startswith("9" * 100)


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ("items: [" + ", ".join(f"{{id: i{k}, support: 1}}" for k in range(2_001)) + "]", "items"),
        (
            "groups: ["
            + ", ".join(f"g{k}" for k in range(1_001))
            + "]\nitems: [{id: a, support: 1}]",
            "groups",
        ),
        ("items: [{id: a, support: 1, duration: 100000000000000}]", "items[0].duration"),
    ],
)
def test_counts_beyond_the_plan_limits_are_refused_naming_the_field(extra, field):
    assert _refused_plan(PLAN_HEAD + extra + "\n").field == field


def test_more_years_than_the_limit_are_refused():
    years = ", ".join(f"FY{k}" for k in range(101))
    text = f"years: [{years}]\ncap: 1\nitems: [{{id: a, support: 1}}]\n"
    assert _refused_plan(text).field == "years"


def test_a_long_chain_of_requirements_reads_without_running_out_of_stack():
    items = "".join(f"  - {{id: r{k}, support: 1, requires: r{k - 1}}}\n" for k in range(1, 2_000))
    problem = parse_plan(PLAN_HEAD + "items:\n  - {id: r0, support: 1}\n" + items)
    assert len(problem.items) == 2_000


def test_an_impossible_date_names_its_line():
    text = PLAN_HEAD + "items:\n  - {id: a, support: 1,\n     title: 2026-13-45}\n"
    assert "month must be in 1..12" in str(_refused_plan(text))


def test_ballots_that_are_no_file_are_refused(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN_HEAD + "ballots: /dev/zero\nitems: [{id: a, support: 1}]\n")
    with pytest.raises(InputError, match="field 'ballots': /dev/zero is not a file"):
        read_plan(plan)


HOSTILE_PLANS = {
    "bomb.yaml": _alias_bomb("title: *a9"),
    "deep.yaml": "title: " + "[" * 50_000 + "]" * 50_000 + "\n",
    "deep.json": "[" * 50_000 + "]" * 50_000,
    "nan.yaml": "years: [FY1]\ncap: .nan\nitems:\n  - {id: a, support: 1, one_time: .nan}\n",
    "digits.yaml": "years: [FY1]\ncap: " + "9" * 5000 + "\nitems: [{id: a, support: 1}]\n",
}
HOSTILE_ELECTIONS = {
    "exponent.pb": _pabulib(budget="1e100000000"),
    "tiny.pb": _pabulib(cost="1e-50000000"),
    "overflow.pb": _pabulib(budget="1e400"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_PLANS))
def test_plan_says_one_line_and_exits_2_on_each_hostile_file(name, tmp_path: Path, capsys):
    path = tmp_path / name
    path.write_text(HOSTILE_PLANS[name], encoding="utf-8")
    assert plan_main([str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"commonweal plan: {path}:")
    assert captured.err.count("\n") == 1


@pytest.mark.parametrize("name", sorted(HOSTILE_ELECTIONS))
def test_prioritize_says_one_line_and_exits_2_on_each_hostile_file(name, tmp_path: Path, capsys):
    path = tmp_path / name
    path.write_text(HOSTILE_ELECTIONS[name], encoding="utf-8")
    assert prioritize_main([str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"commonweal prioritize: {path}:")
    assert captured.err.count("\n") == 1
