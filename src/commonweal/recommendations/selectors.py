"""Reads from the registry: the filtered list, its counts, one recommendation's page."""

from __future__ import annotations

import datetime

from django.db.models import Count, Prefetch, Q, QuerySet

from commonweal.recommendations.models import (
    LifecycleEvent,
    Objective,
    Recommendation,
)

Status = Recommendation.Status


def recommendation_list(
    *,
    status: str = "",
    source_kind: str = "",
    objective: Objective | None = None,
    group=None,
    decision: str = "",
    query: str = "",
) -> QuerySet[Recommendation]:
    """The registry, filtered; every argument left empty filters nothing."""
    matching = Recommendation.objects.select_related("source", "source__group").prefetch_related(
        Prefetch("objectives", queryset=Objective.objects.order_by("position", "code")),
        "translations",
    )
    if status:
        matching = matching.filter(status=status)
    if source_kind:
        matching = matching.filter(source__kind=source_kind)
    if objective is not None:
        matching = matching.filter(objectives=objective)
    if group is not None:
        matching = matching.filter(source__group=group)
    if decision:
        matching = matching.filter(decision=decision)
    query = query.strip()
    if query:
        matching = matching.filter(
            Q(reference__icontains=query)
            | Q(title__icontains=query)
            | Q(text__icontains=query)
            | Q(translations__title__icontains=query)
            | Q(translations__text__icontains=query)
        ).distinct()
    return matching.order_by("reference")


def status_counts(recommendations: QuerySet[Recommendation]) -> list[tuple[str, str, int]]:
    """(status, label, count) for every status, in lifecycle order, zeros included."""
    counted = dict(
        recommendations.order_by()
        .values_list("status")
        .annotate(n=Count("pk", distinct=True))
        .values_list("status", "n")
    )
    return [(value, label, counted.get(value, 0)) for value, label in Status.choices]


def days(duration: datetime.timedelta | None) -> float | None:
    """A duration in days, to a tenth of a day (what the pages and exports show)."""
    if duration is None:
        return None
    return round(duration.total_seconds() / 86400, 1)


def recommendation_detail(pk: int) -> Recommendation:
    """One recommendation with everything its page shows; raises DoesNotExist."""
    return (
        Recommendation.objects.select_related("source", "source__group", "meeting")
        .prefetch_related(
            Prefetch("objectives", queryset=Objective.objects.order_by("position", "code")),
            "translations",
            Prefetch("dependencies", queryset=Recommendation.objects.order_by("reference")),
            Prefetch("dependents", queryset=Recommendation.objects.order_by("reference")),
            Prefetch("events", queryset=LifecycleEvent.objects.order_by("at", "pk")),
            "milestones",
        )
        .get(pk=pk)
    )


def rounds_of(recommendation: Recommendation) -> QuerySet:
    return recommendation.rounds.order_by("-opens_at", "pk")


def costs_over_years(recommendation: Recommendation, years: int = 5) -> list[tuple[int, object]]:
    """(years, cost over that many years) for 1..years, for a costed recommendation."""
    if not recommendation.costed:
        return []
    return [(n, recommendation.cost_over(n)) for n in range(1, years + 1)]
