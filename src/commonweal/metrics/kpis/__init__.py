"""Every figure the dashboards and `commonweal metrics` show, computed in one place.

The pages and the command call ``dashboard`` and print what it returns, so they cannot
disagree. Sums and counts are done by the database (one grouped query per measure);
medians and percentiles are taken in Python over the few decided recommendations.
Definitions, sources and caveats of each measure: docs/metrics.md.

Each subject has its module (floor, topics, participation, recommendations, budget,
maturity); ``dashboard`` gathers them into one ``Dashboard``, with what the apps above
registered as measures (``core/measures.py``: the consultations' load).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace

from django.db.models import Count, Sum

from commonweal.core.measures import Measured, measures
from commonweal.metrics.kpis.budget import BudgetYear, budget_committed
from commonweal.metrics.kpis.figures import hours
from commonweal.metrics.kpis.filters import Filters
from commonweal.metrics.kpis.floor import (
    GroupFloor,
    QuarterHours,
    Speaker,
    floor_percent_by_group,
    hours_by_quarter,
    top_speakers,
)
from commonweal.metrics.kpis.maturity import MaturityRow, maturity_overview
from commonweal.metrics.kpis.participation import (
    Breadth,
    Newcomers,
    newcomers,
    participation_breadth,
)
from commonweal.metrics.kpis.recommendations import (
    Durations,
    RecommendationFlow,
    YearDurations,
    durations,
    recommendation_flow,
)
from commonweal.metrics.kpis.topics import TopicQuery, TopicTime, topic_hours, topic_time

__all__ = ["Dashboard", "Filters", "dashboard"]


@dataclass(frozen=True)
class Dashboard:
    filters: Filters
    meetings: int
    meeting_hours: float
    # Percent of the words spoken; the name is the key of the commonweal-metrics/1 JSON.
    floor_by_group: list[GroupFloor]
    hours_by_quarter: list[QuarterHours]
    top_speakers: list[Speaker]
    topics: list[TopicTime]
    topic_query: TopicQuery | None
    participation_breadth: list[Breadth]
    newcomers: list[Newcomers]
    recommendations: list[RecommendationFlow]
    durations: list[Durations]
    durations_by_year: list[YearDurations]
    budget: list[BudgetYear]
    maturity: list[MaturityRow] = field(default_factory=list)
    # What each registered measure found, by its key, in the order the page shows them.
    measures: dict[str, Measured] = field(default_factory=dict)

    def as_dict(self) -> dict:
        """The JSON document of `commonweal metrics --format json` (docs/metrics.md):
        the dashboard's own members, then each registered measure's data under its key."""
        data = asdict(replace(self, measures={}))
        del data["measures"]
        data["format"] = "commonweal-metrics/1"
        data["filters"] = self.filters.as_dict()
        for key, measured in self.measures.items():
            data[key] = measured.data
        return data


# The JSON's own members: a registered measure may not take one of these keys.
RESERVED_KEYS = frozenset({"format"} | {member.name for member in fields(Dashboard)})


def measured(filters: Filters) -> dict[str, Measured]:
    """Every registered measure computed with the dashboard's dates and group."""
    found = {}
    for measure in measures():
        if measure.key in RESERVED_KEYS:
            raise ValueError(f"measure {measure.key!r} takes a key of the dashboard's own")
        found[measure.key] = measure.compute(filters.date_from, filters.date_to, filters.group)
    return found


def dashboard(filters: Filters, *, query: str = "") -> Dashboard:
    durations_by_source, durations_by_year = durations(filters)
    totals = filters.meetings().aggregate(count=Count("pk"), seconds=Sum("duration_seconds"))
    return Dashboard(
        filters=filters,
        meetings=totals["count"],
        meeting_hours=hours(totals["seconds"]),
        floor_by_group=floor_percent_by_group(filters),
        hours_by_quarter=hours_by_quarter(filters),
        top_speakers=top_speakers(filters),
        topics=topic_time(filters),
        topic_query=topic_hours(filters, query),
        participation_breadth=participation_breadth(filters),
        newcomers=newcomers(filters),
        recommendations=recommendation_flow(filters),
        durations=durations_by_source,
        durations_by_year=durations_by_year,
        budget=budget_committed(filters),
        maturity=maturity_overview(filters),
        measures=measured(filters),
    )
