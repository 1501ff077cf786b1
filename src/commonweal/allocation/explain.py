"""Outcomes as the JSON document and the table the command line prints.

The JSON contract is documented, with a JSON Schema, in docs/formats.md. Its
keys and codes are the same in every language; only the words a person reads
(each ``reason``, the table's headings) follow the reader's language.
"""

from __future__ import annotations

from typing import Any

from commonweal.allocation.language import ENGLISH, Language
from commonweal.allocation.outcome import Outcome
from commonweal.allocation.reasons import params_document


def _number(value: Any) -> Any:
    """Whole amounts as ints, others as floats: JSON has no fractions."""
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else as_float


def outcome_document(outcome: Outcome, language: Language = ENGLISH) -> dict[str, Any]:
    """The JSON document of ``commonweal prioritize``, its reasons worded in ``language``."""
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
                "reason": e.why.words_in(language),
                "reason_code": e.why.code,
                "reason_params": params_document(e.why.params),
                "details": e.details,
            }
            for e in outcome.explanations
        ],
    }


def outcome_table(outcome: Outcome, language: Language = ENGLISH) -> str:
    """A plain-text table in ``language``: one line per project, selected ones first."""
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
    w = language
    heads = [
        w.pgettext("column of the prioritize table", "project"),
        w.pgettext("column of the prioritize table", "cost"),
        w.pgettext("column of the prioritize table", "funded"),
        w.pgettext("column of the prioritize table", "why"),
    ]
    yes, no = w.pgettext("funded", "yes"), w.pgettext("funded", "no")
    width = max([len(heads[0]), *(len(e.project) for e in rows)])
    funded = max(len(heads[2]), len(yes), len(no))
    lines = [
        w.gettext(
            "rule: %(rule)s    budget: %(budget)s    spent: %(spent)s    selected: "
            "%(selected)s of %(projects)s",
            rule=outcome.rule,
            budget=w.money(election.budget),
            spent=w.money(outcome.cost),
            selected=w.whole(len(outcome.order)),
            projects=w.whole(len(election.projects)),
        ),
        "",
        f"{heads[0]:<{width}}  {heads[1]:>12}  {heads[2]:<{funded}}  {heads[3]}",
    ]
    for e in rows:
        lines.append(
            f"{e.project:<{width}}  {w.money(costs[e.project]):>12}  "
            f"{yes if e.selected else no:<{funded}}  {e.why.words_in(w)}"
        )
    return "\n".join(lines)
