"""The multi-year planner's reason codes and their words in English.

Each entry is ``code: (kind, words)``. Years are parameters by name; amounts
are numbers, formatted here. The words start with what the kind says ("funded
from", "deferred to", "left out"), so the sentence and the status agree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from commonweal.allocation.reasons.kinds import FUNDED, FUNDED_LATER, LEFT_OUT
from commonweal.allocation.words import money

Params = Mapping[str, Any]


def _year_full(p: Params) -> str:
    """What fills year ``p['year']``: the larger of recurring and one-time spending first."""
    once, recurring = money(p["one_time"]), money(p["recurring"])
    if p["recurring"] >= p["one_time"]:
        what = f"recurring commitments ({recurring}) and one-time costs ({once})"
    else:
        what = f"one-time costs ({once}) and recurring commitments ({recurring})"
    return (
        f"in {p['year']} {what} leave {money(max(p['left'], 0))} of the "
        f"{money(p['available'])} available and this item needs {money(p['need'])}"
    )


def _shares_spent(p: Params) -> str:
    return (
        f"in {p['year']} the groups that support it ({', '.join(p['groups'])}) "
        f"have {money(p['room'])} left of their shares and it needs {money(p['need'])}"
    )


def _deferred(p: Params, why: str) -> str:
    return f"deferred to {p['start']}: {why}"


PLAN_CODES: dict[str, tuple[str, Callable[[Params], str]]] = {
    "earliest-start": (FUNDED, lambda p: f"funded from {p['start']}, its earliest start"),
    # funded, but not from its earliest year: what stood in the way of each earlier start
    "no-room-earlier": (FUNDED_LATER, lambda p: _deferred(p, _year_full(p))),
    "shares-spent-earlier": (FUNDED_LATER, lambda p: _deferred(p, _shares_spent(p))),
    "requirement-later": (
        FUNDED_LATER,
        lambda p: _deferred(
            p, f"it requires {p['requirement']}, implemented in {p['implemented']}"
        ),
    ),
    "solver-start": (
        FUNDED_LATER,
        lambda p: _deferred(p, "the solver stopped before it tried an earlier start"),
    ),
    # not in the plan
    "no-room": (LEFT_OUT, lambda p: f"left out: {_year_full(p)}"),
    "shares-spent": (LEFT_OUT, lambda p: f"left out: {_shares_spent(p)}"),
    "no-backing-group": (
        LEFT_OUT,
        lambda p: (
            "left out: a group pays only for what its voters support, and no group's "
            "voters support it"
        ),
    ),
    "alternative-chosen": (
        LEFT_OUT,
        lambda p: f"left out: {p['alternative']}, an alternative to it, is in the plan",
    ),
    "requirement-left-out": (
        LEFT_OUT,
        lambda p: f"left out: it requires {p['requirement']}, which is not in the plan",
    ),
    "requirement-too-late": (
        LEFT_OUT,
        lambda p: (
            f"left out: it requires {p['requirement']}, implemented in "
            f"{p['implemented']}, too late for it to finish by {p['last']}"
        ),
    ),
    "horizon-too-short": (
        LEFT_OUT,
        lambda p: (
            f"left out: starting in {p['earliest']} its {p['duration']}-year "
            f"implementation would not finish by {p['last']}"
        ),
    ),
    "over-any-year": (
        LEFT_OUT,
        lambda p: (
            f"left out: it needs {money(p['need'])} in one year, more than the "
            f"{money(p['most'])} any year of the plan has available"
        ),
    ),
    "solver-left-out": (
        LEFT_OUT,
        lambda p: "left out: the solver stopped before it placed it",
    ),
}
