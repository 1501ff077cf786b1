"""The multi-year planner's reason codes and their words.

Each entry is ``code: (kind, words)``; ``words(params, language)`` writes the
sentence in the reader's language (the English sentences are the catalogue's
msgids, see :mod:`commonweal.allocation.language`). Years are parameters by
name; amounts are numbers, written here. The words start with what the kind
says ("funded from", "deferred to", "left out"), so the sentence and the status
agree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from commonweal.allocation.language import Language
from commonweal.allocation.reasons.kinds import FUNDED, FUNDED_LATER, LEFT_OUT

Params = Mapping[str, Any]


def _year_full(p: Params, w: Language) -> str:
    """What fills year ``p['year']``: the larger of recurring and one-time spending first."""
    figures = {
        "year": p["year"],
        "one_time": w.money(p["one_time"]),
        "recurring": w.money(p["recurring"]),
        "left": w.money(max(p["left"], 0)),
        "available": w.money(p["available"]),
        "need": w.money(p["need"]),
    }
    if p["recurring"] >= p["one_time"]:
        return w.gettext(
            "in %(year)s recurring commitments (%(recurring)s) and one-time costs "
            "(%(one_time)s) leave %(left)s of the %(available)s available and this item "
            "needs %(need)s",
            **figures,
        )
    return w.gettext(
        "in %(year)s one-time costs (%(one_time)s) and recurring commitments "
        "(%(recurring)s) leave %(left)s of the %(available)s available and this item "
        "needs %(need)s",
        **figures,
    )


def _shares_spent(p: Params, w: Language) -> str:
    separator = w.pgettext("between the names of a list", ", ")
    return w.gettext(
        "in %(year)s the groups that support it (%(groups)s) have %(room)s left of their "
        "shares and it needs %(need)s",
        year=p["year"],
        groups=separator.join(p["groups"]),
        room=w.money(p["room"]),
        need=w.money(p["need"]),
    )


def _deferred(p: Params, w: Language, why: str) -> str:
    return w.gettext("deferred to %(start)s: %(why)s", start=p["start"], why=why)


def _left_out(w: Language, why: str) -> str:
    return w.gettext("left out: %(why)s", why=why)


def _earliest_start(p: Params, w: Language) -> str:
    return w.gettext("funded from %(start)s, its earliest start", start=p["start"])


def _requirement_later(p: Params, w: Language) -> str:
    why = w.gettext(
        "it requires %(requirement)s, implemented in %(implemented)s",
        requirement=p["requirement"],
        implemented=p["implemented"],
    )
    return _deferred(p, w, why)


def _solver_start(p: Params, w: Language) -> str:
    return _deferred(p, w, w.gettext("the solver stopped before it tried an earlier start"))


def _no_backing_group(p: Params, w: Language) -> str:
    why = w.gettext(
        "a group pays only for what its voters support, and no group's voters support it"
    )
    return _left_out(w, why)


def _alternative_chosen(p: Params, w: Language) -> str:
    why = w.gettext(
        "%(alternative)s, an alternative to it, is in the plan", alternative=p["alternative"]
    )
    return _left_out(w, why)


def _requirement_left_out(p: Params, w: Language) -> str:
    why = w.gettext(
        "it requires %(requirement)s, which is not in the plan", requirement=p["requirement"]
    )
    return _left_out(w, why)


def _requirement_too_late(p: Params, w: Language) -> str:
    why = w.gettext(
        "it requires %(requirement)s, implemented in %(implemented)s, too late for it to "
        "finish by %(last)s",
        requirement=p["requirement"],
        implemented=p["implemented"],
        last=p["last"],
    )
    return _left_out(w, why)


def _horizon_too_short(p: Params, w: Language) -> str:
    # Translators: English writes "a 1-year implementation" and "a 3-year implementation" alike.
    why = w.ngettext(
        "starting in %(earliest)s its %(duration)s-year implementation would not finish by "
        "%(last)s",
        "starting in %(earliest)s its %(duration)s-year implementation would not finish by "
        "%(last)s",
        int(p["duration"]),
        earliest=p["earliest"],
        duration=str(p["duration"]),
        last=p["last"],
    )
    return _left_out(w, why)


def _over_any_year(p: Params, w: Language) -> str:
    why = w.gettext(
        "it needs %(need)s in one year, more than the %(most)s any year of the plan has available",
        need=w.money(p["need"]),
        most=w.money(p["most"]),
    )
    return _left_out(w, why)


def _solver_left_out(p: Params, w: Language) -> str:
    return _left_out(w, w.gettext("the solver stopped before it placed it"))


PLAN_CODES: dict[str, tuple[str, Callable[[Params, Language], str]]] = {
    "earliest-start": (FUNDED, _earliest_start),
    # funded, but not from its earliest year: what stood in the way of each earlier start
    "no-room-earlier": (FUNDED_LATER, lambda p, w: _deferred(p, w, _year_full(p, w))),
    "shares-spent-earlier": (FUNDED_LATER, lambda p, w: _deferred(p, w, _shares_spent(p, w))),
    "requirement-later": (FUNDED_LATER, _requirement_later),
    "solver-start": (FUNDED_LATER, _solver_start),
    # not in the plan
    "no-room": (LEFT_OUT, lambda p, w: _left_out(w, _year_full(p, w))),
    "shares-spent": (LEFT_OUT, lambda p, w: _left_out(w, _shares_spent(p, w))),
    "no-backing-group": (LEFT_OUT, _no_backing_group),
    "alternative-chosen": (LEFT_OUT, _alternative_chosen),
    "requirement-left-out": (LEFT_OUT, _requirement_left_out),
    "requirement-too-late": (LEFT_OUT, _requirement_too_late),
    "horizon-too-short": (LEFT_OUT, _horizon_too_short),
    "over-any-year": (LEFT_OUT, _over_any_year),
    "solver-left-out": (LEFT_OUT, _solver_left_out),
}
