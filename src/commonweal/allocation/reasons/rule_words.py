"""The voting rules' reason codes and their words in English.

Each entry is ``code: (kind, words)``; ``words`` turns the reason's parameters
into the sentence ``commonweal prioritize`` prints. Amounts are parameters as
numbers and are formatted here, so that another language can format them its way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from commonweal.allocation.reasons.kinds import NOT_SELECTED, SELECTED
from commonweal.allocation.words import money, voters

Params = Mapping[str, Any]


def _ranked(p: Params) -> str:
    return f"ranked {p['rank']} with {money(p['support'])} {p['unit']}"


def _ranked_and_fit(p: Params) -> str:
    return (
        f"{_ranked(p)}; it cost {money(p['cost'])} and {money(p['left_after'])} was left after it"
    )


def _outranked(p: Params) -> str:
    return (
        f"{_ranked(p)}; it costs {money(p['cost'])} but after {p['blocked_by']} (ranked higher) "
        f"was funded only {money(p['left'])} was left"
    )


def _over_whole_budget(p: Params) -> str:
    words = f"it costs {money(p['cost'])}, more than the whole budget of {money(p['budget'])}"
    return f"{_ranked(p)}, but {words}" if "rank" in p else words


def _free_and_supported(p: Params) -> str:
    return f"free, and {voters(p['supporters'])} supported it: funded before the first round"


def _bought_by_supporters(p: Params) -> str:
    words = (
        f"bought in round {p['round']} by its {voters(p['supporters'])}: "
        f"{voters(p['paid_in_full'])} paid {money(p['price_per_voter'])} each"
    )
    if p["paid_all_they_had"]:
        words += (
            f"; {voters(p['paid_all_they_had'])} paid all they had left "
            f"({money(p['least_paid'])} to {money(p['most_paid'])})"
        )
    if p["had_nothing_left"]:
        words += f"; {voters(p['had_nothing_left'])} had nothing left"
    return words + f"; {money(p['cost'])} in all"


def _could_not_pay(p: Params) -> str:
    words = f"its {voters(p['supporters'])} could not pay its cost of {money(p['cost'])}"
    if p["after"] is not None:
        words += f": by round {p['short_by_round']}, after {p['after']} was bought, they held less"
    return words + f"; at the end they held {money(p['held'])} in all"


def _lowest_load(p: Params) -> str:
    return (
        f"bought in round {p['round']}: its {voters(p['supporters'])} could carry its cost "
        f"with the lowest maximal load, {money(p['load'])} each"
    )


def _rule_stopped_here(p: Params) -> str:
    return (
        f"it was next (load {money(p['load'])}) but costs {money(p['cost'])} and only "
        f"{money(p['left'])} was left, so the rule stopped here"
    )


def _load_too_high(p: Params) -> str:
    words = f"its supporters would have carried a load of {money(p['load'])} each"
    if p["stopped_at"] is not None:
        words += f"; the rule stopped when {p['stopped_at']} did not fit before reaching it"
    return words


def _in_best_set(p: Params) -> str:
    return (
        f"part of the set of largest total welfare ({money(p['welfare'])}): "
        f"{money(p['support'])} {p['unit']} x cost {money(p['cost'])}"
    )


def _less_welfare(p: Params) -> str:
    return (
        f"{money(p['support'])} {p['unit']} x cost {money(p['cost'])}: the chosen set gives "
        f"more welfare for the money; only {money(p['left'])} is left unspent"
    )


RULE_CODES: dict[str, tuple[str, Callable[[Params], str]]] = {
    # chosen
    "ranked-and-fit": (SELECTED, _ranked_and_fit),
    "free-and-supported": (SELECTED, _free_and_supported),
    "bought-by-supporters": (SELECTED, _bought_by_supporters),
    "lowest-load": (SELECTED, _lowest_load),
    "in-best-set": (SELECTED, _in_best_set),
    # chosen by greedy, Phragmén or max-welfare only because money was left over
    "left-over": (
        SELECTED,
        lambda p: (
            f"nobody voted for it; the rule spent {money(p['cost'])} of the money left over on it"
        ),
    ),
    # not chosen: nobody wanted it, or it alone costs more than the budget
    "no-votes": (NOT_SELECTED, lambda p: "nobody voted for it"),
    "over-whole-budget": (NOT_SELECTED, _over_whole_budget),
    # not chosen: it lost to items with more support (each rule's measure of it)
    "outranked": (NOT_SELECTED, _outranked),
    "supporters-could-not-pay": (NOT_SELECTED, _could_not_pay),
    "rule-stopped-here": (NOT_SELECTED, _rule_stopped_here),
    "load-too-high": (NOT_SELECTED, _load_too_high),
    "less-welfare": (NOT_SELECTED, _less_welfare),
}
