"""Outcomes as the JSON document and the table the command line prints.

The JSON contract is documented, with a JSON Schema, in docs/allocation.md.
"""

from __future__ import annotations

from typing import Any

from commonweal.allocation.outcome import Outcome
from commonweal.allocation.reasons import params_document
from commonweal.allocation.words import money


def _number(value: Any) -> Any:
    """Whole amounts as ints, others as floats: JSON has no fractions."""
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else as_float


def outcome_document(outcome: Outcome) -> dict[str, Any]:
    """The JSON document of ``commonweal prioritize``."""
    election = outcome.election
    return {
        "rule": outcome.rule,
        "selected": outcome.selected_ids,
        "cost": _number(outcome.cost),
        "budget": _number(election.budget),
        "order": [election.projects[p].id for p in outcome.order],
        "details": outcome.details,
        "explanations": [
            {
                "project": e.project,
                "selected": e.selected,
                "round": e.round,
                "reason": e.reason,
                "reason_code": e.why.code,
                "reason_params": params_document(e.why.params),
                "details": e.details,
            }
            for e in outcome.explanations
        ],
    }


def outcome_table(outcome: Outcome) -> str:
    """A plain-text table: one line per project, selected ones first."""
    election = outcome.election
    costs = {p.id: p.cost for p in election.projects}
    # Selected projects in the order chosen, then the others in the rule's
    # ranking where it has one (greedy), else by id.
    rows = sorted(
        outcome.explanations,
        key=lambda e: (
            not e.selected,
            e.round if e.round is not None else e.details.get("rank") or 0,
            e.project,
        ),
    )
    width = max([len("project"), *(len(e.project) for e in rows)])
    lines = [
        f"rule: {outcome.rule}    budget: {money(election.budget)}    "
        f"spent: {money(outcome.cost)}    selected: {len(outcome.order)} of "
        f"{len(election.projects)}",
        "",
        f"{'project':<{width}}  {'cost':>12}  funded  why",
    ]
    for e in rows:
        lines.append(
            f"{e.project:<{width}}  {money(costs[e.project]):>12}  "
            f"{'yes' if e.selected else 'no':<6}  {e.reason}"
        )
    return "\n".join(lines)
