"""A solved plan as the JSON document and the table ``commonweal plan`` prints."""

from __future__ import annotations

from typing import Any

from commonweal.allocation.planner.model import PlanResult
from commonweal.allocation.reasons import params_document
from commonweal.allocation.words import money


def _cents(amount: float) -> float | int:
    rounded = round(amount, 2)
    return int(rounded) if rounded.is_integer() else rounded


def plan_document(result: PlanResult) -> dict[str, Any]:
    """The JSON document of ``commonweal plan`` (schema in docs/allocation.md)."""
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
                "reason": p.reason,
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


def plan_table(result: PlanResult) -> str:
    """A plain-text summary: spending per year, then one line per item."""
    problem = result.problem
    lines = [
        (problem.title or "plan")
        + (
            " (illustrative)"
            if problem.illustrative and "illustrative" not in problem.title
            else ""
        ),
        f"objective: {problem.objective}   status: {result.status}   gap: {result.gap:.2%}   "
        f"total support: {money(result.total_support)}",
        "",
        f"{'year':<10} {'cap':>12} {'one-time':>12} {'recurring':>12} {'left':>12}",
    ]
    for year, (once, rec) in zip(problem.years, result.spending, strict=True):
        lines.append(
            f"{year.name:<10} {money(year.cap):>12} {money(once):>12} {money(rec):>12} "
            f"{money(year.available - once - rec):>12}"
        )
    lines.append("")
    width = max(len("item"), *(len(p.item.id) for p in result.items))
    lines.append(f"{'item':<{width}}  {'start':<10} why")
    for p in sorted(result.items, key=lambda p: (p.start is None, p.start or 0, p.item.id)):
        start = problem.years[p.start].name if p.start is not None else "-"
        lines.append(f"{p.item.id:<{width}}  {start:<10} {p.reason}")
    return "\n".join(lines)
