"""A solved plan as the JSON document and the table ``commonweal plan`` prints.

Keys, codes and numbers are the same in every language; each item's ``reason``
and the table's words follow the reader's language.
"""

from __future__ import annotations

from typing import Any

from commonweal.allocation.language import ENGLISH, Language
from commonweal.allocation.planner.model import PlanResult
from commonweal.allocation.reasons import params_document


def _cents(amount: float) -> float | int:
    rounded = round(amount, 2)
    return int(rounded) if rounded.is_integer() else rounded


def plan_document(result: PlanResult, language: Language = ENGLISH) -> dict[str, Any]:
    """The JSON document of ``commonweal plan`` (schema in docs/formats.md), its reasons
    worded in ``language``."""
    problem = result.problem
    years = problem.years
    document: dict[str, Any] = {
        "title": problem.title,
        "illustrative": problem.illustrative,
        "objective": problem.objective,
        "status": result.status,
        "gap": result.gap,
        "seconds": round(result.seconds, 3),
        "total_support": result.total_support,
        "years": [
            {
                "year": y.name,
                "cap": _cents(y.cap),
                "reserve": _cents(y.reserve),
                "one_time": _cents(once),
                "recurring": _cents(rec),
                "total": _cents(once + rec),
                "left": _cents(y.available - once - rec),
            }
            for y, (once, rec) in zip(years, result.spending, strict=True)
        ],
        "items": [
            {
                "id": p.item.id,
                "title": p.item.title,
                "source": p.item.source,
                "status": p.status,
                "start": years[p.start].name if p.start is not None else None,
                "completes": (
                    years[p.start + p.item.duration - 1].name if p.start is not None else None
                ),
                "support": p.item.support,
                "reason": p.why.words_in(language),
                "reason_code": p.why.code,
                "reason_params": params_document(p.why.params),
            }
            for p in result.items
        ],
    }
    if result.group_spending:
        weight_total = sum(problem.groups.values()) or 1.0
        document["groups"] = [
            {
                "group": g,
                "share": w / weight_total,
                "spent": [_cents(x) for x in result.group_spending[g]],
            }
            for g, w in problem.groups.items()
        ]
    return document


def _status(status: str, w: Language) -> str:
    """The solver's status in words ("optimal", "time limit"); another as HiGHS names it."""
    words = {
        "optimal": w.pgettext("status of a plan", "optimal"),
        "time limit": w.pgettext("status of a plan", "time limit"),
        "infeasible": w.pgettext("status of a plan", "infeasible"),
    }
    return words.get(status, status)


def _title(result: PlanResult, w: Language) -> str:
    problem = result.problem
    title = problem.title or w.gettext("plan")
    if problem.illustrative and "illustrative" not in problem.title:
        return w.gettext("%(title)s (illustrative)", title=title)
    return title


def plan_table(result: PlanResult, language: Language = ENGLISH) -> str:
    """A plain-text summary in ``language``: spending per year, then one line per item."""
    problem, w = result.problem, language
    year_heads = [
        w.pgettext("column of the plan table", "year"),
        *(
            f"{head:>12}"
            for head in (
                w.pgettext("column of the plan table", "cap"),
                w.pgettext("column of the plan table", "one-time"),
                w.pgettext("column of the plan table", "recurring"),
                w.pgettext("column of the plan table", "left"),
            )
        ),
    ]
    lines = [
        _title(result, w),
        w.gettext(
            "objective: %(objective)s   status: %(status)s   gap: %(gap)s   total support: "
            "%(support)s",
            objective=problem.objective,
            status=_status(result.status, w),
            gap=w.percent(result.gap),
            support=w.money(result.total_support),
        ),
        "",
        f"{year_heads[0]:<10} " + " ".join(year_heads[1:]),
    ]
    for year, (once, rec) in zip(problem.years, result.spending, strict=True):
        lines.append(
            f"{year.name:<10} {w.money(year.cap):>12} {w.money(once):>12} {w.money(rec):>12} "
            f"{w.money(year.available - once - rec):>12}"
        )
    lines.append("")
    item, start, why = (
        w.pgettext("column of the plan table", "item"),
        w.pgettext("column of the plan table", "start"),
        w.pgettext("column of the plan table", "why"),
    )
    width = max(len(item), *(len(p.item.id) for p in result.items))
    lines.append(f"{item:<{width}}  {start:<10} {why}")
    for p in sorted(result.items, key=lambda p: (p.start is None, p.start or 0, p.item.id)):
        begins = problem.years[p.start].name if p.start is not None else "-"
        lines.append(f"{p.item.id:<{width}}  {begins:<10} {p.why.words_in(w)}")
    return "\n".join(lines)
