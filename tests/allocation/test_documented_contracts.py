"""The JSON that `prioritize` and `plan` print follows the schemas in docs/formats.md."""

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
