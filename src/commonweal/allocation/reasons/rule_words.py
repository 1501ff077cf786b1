"""The voting rules' reason codes and their words.

Each entry is ``code: (kind, words)``; ``words(params, language)`` turns the
reason's parameters into the sentence ``commonweal prioritize`` prints, in the
reader's language. The English sentences are the catalogue's msgids (see
:mod:`commonweal.allocation.language`); amounts stay numbers in the parameters
and are written here, in the language's own way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from commonweal.allocation.language import Language
from commonweal.allocation.reasons.kinds import NOT_SELECTED, SELECTED
from commonweal.allocation.words import is_whole

Params = Mapping[str, Any]


def _support(p: Params, w: Language) -> str:
    """The support with its unit: "1,234 votes", "12 points" (a measure, so English
    writes "1 votes" as the command line always has)."""
    count = w.money(p["support"])
    whole = round(p["support"]) if is_whole(p["support"]) else None
    if p["unit"] == "points":
        if whole is None:
            return w.pgettext("support that is not whole", "%(count)s points", count=count)
        # Translators: support as a measure; English keeps "points" for one too.
        return w.ngettext("%(count)s points", "%(count)s points", whole, count=count)
    if whole is None:
        return w.pgettext("support that is not whole", "%(count)s votes", count=count)
    # Translators: support as a measure; English keeps "votes" for one too.
    return w.ngettext("%(count)s votes", "%(count)s votes", whole, count=count)


def _ranked(p: Params, w: Language) -> str:
    return w.gettext(
        "ranked %(rank)s with %(support)s", rank=str(p["rank"]), support=_support(p, w)
    )


def _ranked_and_fit(p: Params, w: Language) -> str:
    return w.gettext(
        "%(ranked)s; it cost %(cost)s and %(left)s was left after it",
        ranked=_ranked(p, w),
        cost=w.money(p["cost"]),
        left=w.money(p["left_after"]),
    )


def _outranked(p: Params, w: Language) -> str:
    return w.gettext(
        "%(ranked)s; it costs %(cost)s but after %(blocked_by)s (ranked higher) was funded "
        "only %(left)s was left",
        ranked=_ranked(p, w),
        cost=w.money(p["cost"]),
        blocked_by=p["blocked_by"],
        left=w.money(p["left"]),
    )


def _over_whole_budget(p: Params, w: Language) -> str:
    figures = {"cost": w.money(p["cost"]), "budget": w.money(p["budget"])}
    if "rank" in p:
        return w.gettext(
            "%(ranked)s, but it costs %(cost)s, more than the whole budget of %(budget)s",
            ranked=_ranked(p, w),
            **figures,
        )
    return w.gettext("it costs %(cost)s, more than the whole budget of %(budget)s", **figures)


def _free_and_supported(p: Params, w: Language) -> str:
    return w.gettext(
        "free, and %(supporters)s supported it: funded before the first round",
        supporters=w.voters(p["supporters"]),
    )


def _bought_by_supporters(p: Params, w: Language) -> str:
    words = w.gettext(
        "bought in round %(round)s by its %(supporters)s: %(paid_in_full)s paid %(price)s each",
        round=str(p["round"]),
        supporters=w.voters(p["supporters"]),
        paid_in_full=w.voters(p["paid_in_full"]),
        price=w.money(p["price_per_voter"]),
    )
    if p["paid_all_they_had"]:
        words = w.gettext(
            "%(sentence)s; %(voters)s paid all they had left (%(least)s to %(most)s)",
            sentence=words,
            voters=w.voters(p["paid_all_they_had"]),
            least=w.money(p["least_paid"]),
            most=w.money(p["most_paid"]),
        )
    if p["had_nothing_left"]:
        words = w.gettext(
            "%(sentence)s; %(voters)s had nothing left",
            sentence=words,
            voters=w.voters(p["had_nothing_left"]),
        )
    return w.gettext("%(sentence)s; %(cost)s in all", sentence=words, cost=w.money(p["cost"]))


def _could_not_pay(p: Params, w: Language) -> str:
    words = w.gettext(
        "its %(supporters)s could not pay its cost of %(cost)s",
        supporters=w.voters(p["supporters"]),
        cost=w.money(p["cost"]),
    )
    if p["after"] is not None:
        words = w.gettext(
            "%(sentence)s: by round %(round)s, after %(after)s was bought, they held less",
            sentence=words,
            round=str(p["short_by_round"]),
            after=p["after"],
        )
    return w.gettext(
        "%(sentence)s; at the end they held %(held)s in all",
        sentence=words,
        held=w.money(p["held"]),
    )


def _lowest_load(p: Params, w: Language) -> str:
    return w.gettext(
        "bought in round %(round)s: its %(supporters)s could carry its cost with the lowest "
        "maximal load, %(load)s each",
        round=str(p["round"]),
        supporters=w.voters(p["supporters"]),
        load=w.money(p["load"]),
    )


def _rule_stopped_here(p: Params, w: Language) -> str:
    return w.gettext(
        "it was next (load %(load)s) but costs %(cost)s and only %(left)s was left, so the "
        "rule stopped here",
        load=w.money(p["load"]),
        cost=w.money(p["cost"]),
        left=w.money(p["left"]),
    )


def _load_too_high(p: Params, w: Language) -> str:
    load = w.money(p["load"])
    if p["stopped_at"] is None:
        return w.gettext("its supporters would have carried a load of %(load)s each", load=load)
    return w.gettext(
        "its supporters would have carried a load of %(load)s each; the rule stopped when "
        "%(stopped_at)s did not fit before reaching it",
        load=load,
        stopped_at=p["stopped_at"],
    )


def _in_best_set(p: Params, w: Language) -> str:
    return w.gettext(
        "part of the set of largest total welfare (%(welfare)s): %(support)s x cost %(cost)s",
        welfare=w.money(p["welfare"]),
        support=_support(p, w),
        cost=w.money(p["cost"]),
    )


def _less_welfare(p: Params, w: Language) -> str:
    return w.gettext(
        "%(support)s x cost %(cost)s: the chosen set gives more welfare for the money; only "
        "%(left)s is left unspent",
        support=_support(p, w),
        cost=w.money(p["cost"]),
        left=w.money(p["left"]),
    )


def _left_over(p: Params, w: Language) -> str:
    return w.gettext(
        "nobody voted for it; the rule spent %(cost)s of the money left over on it",
        cost=w.money(p["cost"]),
    )


def _no_votes(p: Params, w: Language) -> str:
    return w.gettext("nobody voted for it")


RULE_CODES: dict[str, tuple[str, Callable[[Params, Language], str]]] = {
    # chosen
    "ranked-and-fit": (SELECTED, _ranked_and_fit),
    "free-and-supported": (SELECTED, _free_and_supported),
    "bought-by-supporters": (SELECTED, _bought_by_supporters),
    "lowest-load": (SELECTED, _lowest_load),
    "in-best-set": (SELECTED, _in_best_set),
    # chosen by greedy, Phragmén or max-welfare only because money was left over
    "left-over": (SELECTED, _left_over),
    # not chosen: nobody wanted it, or it alone costs more than the budget
    "no-votes": (NOT_SELECTED, _no_votes),
    "over-whole-budget": (NOT_SELECTED, _over_whole_budget),
    # not chosen: it lost to items with more support (each rule's measure of it)
    "outranked": (NOT_SELECTED, _outranked),
    "supporters-could-not-pay": (NOT_SELECTED, _could_not_pay),
    "rule-stopped-here": (NOT_SELECTED, _rule_stopped_here),
    "load-too-high": (NOT_SELECTED, _load_too_high),
    "less-welfare": (NOT_SELECTED, _less_welfare),
}
