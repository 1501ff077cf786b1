"""Generated hostile variants of Pabulib files and plans: each reads, or is refused in one line.

Whatever hypothesis writes (huge exponents, NaN and infinity in every spelling,
deep nesting, YAML aliases, truncated files, random bytes), the reader either
returns its result or raises InputError naming the file and the line or field;
any other exception is a bug.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_budget import BASE

from commonweal.allocation import InputError, parse_pabulib
from commonweal.allocation.planner import parse_plan

# Five seconds is the most a hostile file may take; examples are small, so this
# deadline catches a reader that spins rather than a slow machine.
HOSTILE = settings(BASE, max_examples=60, deadline=5000)
NOWHERE = Path("/nonexistent-commonweal-fuzz")

_SPELLINGS = [
    "nan", "NaN", "-nan", "inf", "-inf", "+Infinity", ".nan", ".inf", "-.Inf", "1e400",
    "1e-400", "1e100000000", "1e-50000000", "1.0e+400", "9" * 5000, "1" + "0" * 16, "1_000",
    "0x1F", "0o17", "0b101", "١٢", "", " ", "1/0", "-5", "1e", "e5", "1:30:00", "~", "null",
    "2026-13-45", "!!int x", "!!float y", "1,5", "12/5", "0.1",
]  # fmt: skip
_numbers = st.one_of(
    st.sampled_from(_SPELLINGS),
    st.integers(-(10**40), 10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(alphabet="0123456789.eE+-/,_", max_size=45),
)
_nested = st.integers(1, 60).map(lambda n: "[" * n + "]" * n)


def _mutated(text: str, data: st.DataObject) -> str:
    """``text`` perhaps cut short, perhaps with a few characters put in."""
    if data.draw(st.booleans(), label="cut"):
        text = text[: data.draw(st.integers(0, len(text)), label="at")]
    for _ in range(data.draw(st.integers(0, 2), label="insertions")):
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(st.text(max_size=4)) + text[at:]
    return text


def _check_refusal(error: InputError, source: str) -> None:
    assert str(error).startswith(f"{source}:")
    assert error.line is not None or error.field is not None
    assert "\n" not in str(error)


def _reads_or_refuses_pabulib(data: bytes | str) -> None:
    try:
        parse_pabulib(data, source="fuzz.pb")
    except InputError as error:
        _check_refusal(error, "fuzz.pb")


def _reads_or_refuses_plan(data: bytes | str, source: str) -> None:
    try:
        parse_plan(data, source=source, base=NOWHERE)
    except InputError as error:
        _check_refusal(error, source)


PABULIB_TEMPLATE = """META
key;value
budget;{0}
vote_type;{1}
max_sum_points;{2}
PROJECTS
project_id;cost;category
1;{3};{4}
2;{5};None
VOTES
voter_id;vote;points;weight
v1;1,2;{6},{7};{8}
v2;{9};1;1
"""


@HOSTILE
@given(
    numbers=st.lists(_numbers, min_size=10, max_size=10),
    vote_type=st.sampled_from(["approval", "cumulative", "scoring", "ordinal", "choose-1", "x"]),
    data=st.data(),
)
def test_any_variant_of_a_pabulib_file_reads_or_is_refused_in_one_line(numbers, vote_type, data):
    numbers[1] = vote_type
    _reads_or_refuses_pabulib(_mutated(PABULIB_TEMPLATE.format(*numbers), data))


@HOSTILE
@given(st.binary(max_size=300))
def test_random_bytes_as_a_pabulib_file_read_or_are_refused_in_one_line(data):
    _reads_or_refuses_pabulib(b"META\nkey;value\nbudget;10\n" + data)


PLAN_YAML = """title: {0}
cap: {1}
years: [FY1, {{name: FY2, cap: {2}}}]
groups: {3}
items:
  - {{id: a, one_time: {4}, support: {5}, requires: {6}}}
  - {{id: {7}, one_time: 1, duration: {8}, supporters: {{G: {9}}}}}
"""
_yaml_values = st.one_of(
    _numbers,
    _nested,
    st.sampled_from(["*x", "&x 1", "&x [1, *x]", "[a, *a]", "{a: 1}", "[b]", "b", "[G]"]),
    st.text(max_size=10),
)


@HOSTILE
@given(values=st.lists(_yaml_values, min_size=10, max_size=10), data=st.data())
def test_any_variant_of_a_yaml_plan_reads_or_is_refused_in_one_line(values, data):
    _reads_or_refuses_plan(_mutated(PLAN_YAML.format(*values), data), "fuzz.yaml")


PLAN_JSON = (
    '{{"title": {0}, "cap": {1}, "years": ["FY1", {{"name": "FY2", "cap": {2}}}],'
    ' "items": [{{"id": "a", "one_time": {3}, "support": {4}, "requires": {5}}},'
    ' {{"id": {6}, "one_time": 1, "duration": {7}, "supporters": {{"G": {8}}}}}]}}'
)
_json_values = st.one_of(
    _numbers,
    _nested,
    st.sampled_from(['"a"', '"b"', "[]", '["a"]', "{}", "true", "null", '"\\ud800"']),
    st.text(max_size=10).map(lambda s: '"' + s.replace("\\", "").replace('"', "") + '"'),
)


@HOSTILE
@given(values=st.lists(_json_values, min_size=9, max_size=9), data=st.data())
def test_any_variant_of_a_json_plan_reads_or_is_refused_in_one_line(values, data):
    _reads_or_refuses_plan(_mutated(PLAN_JSON.format(*values), data), "fuzz.json")


@HOSTILE
@given(data=st.binary(max_size=300), source=st.sampled_from(["fuzz.yaml", "fuzz.json"]))
def test_random_bytes_as_a_plan_read_or_are_refused_in_one_line(data, source):
    _reads_or_refuses_plan(data, source)
