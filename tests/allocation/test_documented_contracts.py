"""The JSON that `prioritize` and `plan` print follows the schemas in docs/formats.md, and
every reason code is in its catalogue there."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from election_factories import election
from shared_pabulib import REPO

from commonweal.allocation import RULES
from commonweal.allocation.explain import outcome_document
from commonweal.allocation.planner import parse_plan, plan_document, solve_plan
from commonweal.allocation.reasons import (
    CODES,
    NOT_SELECTED,
    PLAN_STATUS,
    ROUND_STATUS,
    SELECTED,
    Reason,
)

DOC = REPO / "docs" / "formats.md"


def _schema(name: str) -> dict:
    for block in re.findall(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S):
        if '"$schema"' in block and f"/schemas/{name}.json" in block:
            return json.loads(block)
    raise AssertionError(f"docs/formats.md has no schema for {name}")


@pytest.mark.parametrize("rule", sorted(RULES))
def test_prioritize_output_follows_its_documented_schema(rule):
    e = election({"a": 60, "b": 50, "10": 30}, [["a", "b"], ["b", "10"], ["a"]], 100)
    document = json.loads(json.dumps(outcome_document(RULES[rule](e, None))))
    jsonschema.validate(document, _schema("prioritize"))


@pytest.mark.parametrize("objective", ["max-support", "fair-shares"])
def test_plan_output_follows_its_documented_schema(objective):
    example = REPO / "src" / "commonweal" / "allocation" / "examples" / "five_year_plan.yaml"
    text = example.read_text(encoding="utf-8").replace(
        "objective: max-support", f"objective: {objective}"
    )
    document = json.loads(json.dumps(plan_document(solve_plan(parse_plan(text)))))
    jsonschema.validate(document, _schema("plan"))
    assert ("groups" in document) == (objective == "fair-shares")


def _reason_code_rows() -> dict[str, list[str]]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("#### Reason codes", 1)[1].split("\n#### ", 1)[0]
    rows = re.findall(r"^\| `([a-z0-9-]+)` \|(.*)$", section, re.M)
    return {code: [cell.strip().strip("`") for cell in rest.split("|")] for code, rest in rows}


def test_every_reason_code_is_documented_with_the_status_it_gives():
    documented = _reason_code_rows()
    assert set(documented) == set(CODES)
    for code, (selected, plan_status, round_status, *_rest) in documented.items():
        kind = Reason(code).kind
        assert selected == {SELECTED: "true", NOT_SELECTED: "false"}.get(kind, "—"), code
        assert plan_status in ("—", PLAN_STATUS.get(kind)), code
        assert round_status in ("—", ROUND_STATUS.get(kind)), code
    assert documented["no-votes"][1:3] == ["left out", "not-selected"]


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_reason_printed_has_a_documented_code(rule):
    e = election({"a": 60, "b": 50, "10": 30, "z": 5}, [["a", "b"], ["b", "10"], ["a"]], 100)
    for explanation in outcome_document(RULES[rule](e, None))["explanations"]:
        assert explanation["reason_code"] in CODES
