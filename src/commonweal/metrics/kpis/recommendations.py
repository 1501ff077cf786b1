"""What becomes of recommendations: how many are received, decided and implemented,
and how long each step takes."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from commonweal.metrics.kpis.figures import days, median, percentile_90, quarter_of
from commonweal.metrics.kpis.filters import Filters
from commonweal.recommendations.models import Recommendation


def _recommendations(filters: Filters) -> QuerySet[Recommendation]:
    recommendations = Recommendation.objects.all()
    if filters.group is not None:
        recommendations = recommendations.filter(source__group=filters.group)
    return recommendations


def _day(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment is not None else None


@dataclass(frozen=True)
class RecommendationFlow:
    source: str
    quarter: str
    received: int
    decided: int
    implemented: int


def recommendation_flow(filters: Filters) -> list[RecommendationFlow]:
    """Per source body and quarter: recommendations received, decided and implemented,
    each counted in the quarter its event happened (when that is within the dates)."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    rows = _recommendations(filters).values_list(
        "source__body", "received_at", "decided_at", "implemented_at"
    )
    for body, *moments in rows:
        for position, moment in enumerate(moments):
            day = _day(moment)
            if day is not None and filters.in_range(day):
                counts[(body, quarter_of(day))][position] += 1
    return [
        RecommendationFlow(body, quarter, *counts[(body, quarter)])
        for body, quarter in sorted(counts)
    ]


@dataclass(frozen=True)
class Durations:
    source: str
    decided: int
    decision_median_days: float | None
    decision_p90_days: float | None
    implemented: int
    implementation_median_days: float | None
    implementation_p90_days: float | None


@dataclass(frozen=True)
class YearDurations:
    source: str
    year: int
    measure: str  # "decision" or "implementation"
    count: int
    median_days: float | None
    p90_days: float | None
    change_days: float | None  # this year's median less the previous year's with figures


def _duration_samples(filters: Filters) -> dict[str, dict[str, list[tuple[int, float]]]]:
    """source -> measure -> [(year of the event, days)], for events within the dates."""
    samples: dict[str, dict[str, list[tuple[int, float]]]] = defaultdict(
        lambda: {"decision": [], "implementation": []}
    )
    rows = _recommendations(filters).exclude(decided_at=None).select_related("source")
    for recommendation in rows.only("source__body", "received_at", "decided_at", "implemented_at"):
        body = recommendation.source.body
        decided = _day(recommendation.decided_at)
        if filters.in_range(decided):
            samples[body]["decision"].append((decided.year, days(recommendation.time_to_decision)))
        implemented = _day(recommendation.implemented_at)
        if implemented is not None and filters.in_range(implemented):
            samples[body]["implementation"].append(
                (implemented.year, days(recommendation.time_to_implementation))
            )
    return samples


def durations(filters: Filters) -> tuple[list[Durations], list[YearDurations]]:
    """Time from receipt to decision (by decision date) and from decision to completed
    implementation (by completion date): median and 90th percentile in days, by source
    and overall, and by year with the change of the median from the year before."""
    samples = _duration_samples(filters)
    overall = {
        measure: [value for body in samples.values() for value in body[measure]]
        for measure in ("decision", "implementation")
    }
    by_source = []
    sources = sorted(samples.items())
    if len(sources) > 1:
        sources.append(("", overall))  # "" is every source together
    for body, measures in sources:
        decision = [value for _, value in measures["decision"]]
        implementation = [value for _, value in measures["implementation"]]
        by_source.append(
            Durations(
                body,
                len(decision),
                median(decision),
                percentile_90(decision),
                len(implementation),
                median(implementation),
                percentile_90(implementation),
            )
        )
    by_year = []
    for body, measures in sources:
        for measure in ("decision", "implementation"):
            per_year: dict[int, list[float]] = defaultdict(list)
            for year, value in measures[measure]:
                per_year[year].append(value)
            previous = None
            for year in sorted(per_year):
                middle = median(per_year[year])
                change = round(middle - previous, 1) if previous is not None else None
                by_year.append(
                    YearDurations(
                        body,
                        year,
                        measure,
                        len(per_year[year]),
                        middle,
                        percentile_90(per_year[year]),
                        change,
                    )
                )
                previous = middle
    return by_source, by_year
