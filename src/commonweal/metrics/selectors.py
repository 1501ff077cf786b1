from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from commonweal.metrics import charts, kpis
from commonweal.metrics.models import Assessment, MaturityModel
from commonweal.metrics.tables import MeasureSection, Table, dashboard_tables, measure_sections


def default_model() -> MaturityModel | None:
    return MaturityModel.objects.filter(is_default=True).prefetch_related("dimensions").first()


def dimension_labels(model: MaturityModel | None) -> list[tuple[str, str]]:
    """(code, label in the reader's language) of the model's dimensions, in order."""
    if model is None:
        return []
    return [(dimension.code, dimension.label()) for dimension in model.dimensions.all()]


def assessment_history(group, model: MaturityModel | None) -> QuerySet[Assessment]:
    """A group's assessments against the model, oldest first, with their scores."""
    return (
        Assessment.objects.filter(group=group, model=model)
        .select_related("by__person")
        .prefetch_related("scores__dimension")
        .order_by("assessed_on", "created_at", "pk")
    )


@dataclass(frozen=True)
class DashboardPage:
    """What a dashboard page shows for one set of filters."""

    dashboard: kpis.Dashboard
    tables: dict[str, Table]
    quarters_chart: charts.Columns
    longest_wait: float  # the longest median time to decision, in days: the bars' scale
    model: MaturityModel | None
    dimensions: list[tuple[str, str]]
    # What the apps above registered (core/measures.py), one section each; their tables
    # are in ``tables`` too.
    measure_sections: list[MeasureSection]


def dashboard_page(filters: kpis.Filters, *, query: str = "") -> DashboardPage:
    dashboard = kpis.dashboard(filters, query=query)
    model = default_model()
    dimensions = dimension_labels(model)
    sections = measure_sections(dashboard)
    return DashboardPage(
        dashboard=dashboard,
        tables=dashboard_tables(dashboard, dimensions, sections),
        quarters_chart=charts.columns(
            [(row.quarter, row.meeting_hours) for row in dashboard.hours_by_quarter]
        ),
        longest_wait=max((row.decision_median_days or 0 for row in dashboard.durations), default=0),
        model=model,
        dimensions=dimensions,
        measure_sections=sections,
    )


def dashboard_table(filters: kpis.Filters, *, query: str, key: str) -> Table | None:
    """One of the dashboard's tables (one of ``dashboard_tables``' keys, a registered
    measure's among them), or None when the dashboard has no such table."""
    dashboard = kpis.dashboard(filters, query=query)
    return dashboard_tables(dashboard, dimension_labels(default_model())).get(key)


@dataclass(frozen=True)
class GroupMaturity:
    """A group's self-assessments against the model, and their levels as a radar chart."""

    history: list[Assessment]
    radar: charts.Radar | None
    level_names: list[str]


def group_maturity(
    group, model: MaturityModel | None, dimensions: list[tuple[str, str]]
) -> GroupMaturity:
    history = list(assessment_history(group, model)) if model else []
    levels_by_date = [
        (
            assessment.assessed_on.isoformat(),
            {score.dimension.code: score.level for score in assessment.scores.all()},
        )
        for assessment in history
    ]
    return GroupMaturity(
        history=history,
        radar=charts.radar(dimensions, levels_by_date, len(model.levels) if model else 0),
        level_names=model.level_labels() if model else [],
    )
