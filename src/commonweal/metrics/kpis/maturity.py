"""Where each group stands on the maturity model: its latest self-assessment."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from commonweal.metrics.kpis.filters import Filters
from commonweal.metrics.models import Assessment, AssessmentScore, MaturityModel


@dataclass(frozen=True)
class MaturityRow:
    group: str
    name: str
    assessed_on: str
    levels: dict[str, int]  # dimension code -> level
    mean: float


def maturity_overview(filters: Filters) -> list[MaturityRow]:
    """Each group's latest self-assessment against the default model, up to the end date."""
    model = MaturityModel.objects.filter(is_default=True).first()
    if model is None:
        return []
    assessments = Assessment.objects.filter(model=model).select_related("group")
    if filters.date_to is not None:
        assessments = assessments.filter(assessed_on__lte=filters.date_to)
    if filters.group is not None:
        assessments = assessments.filter(group=filters.group)
    latest: dict[int, Assessment] = {}
    for assessment in assessments.order_by("group_id", "-assessed_on", "-created_at", "-pk"):
        latest.setdefault(assessment.group_id, assessment)
    scores: dict[int, dict[str, int]] = defaultdict(dict)
    for assessment_id, code, level in AssessmentScore.objects.filter(
        assessment__in=latest.values()
    ).values_list("assessment_id", "dimension__code", "level"):
        scores[assessment_id][code] = level
    rows = []
    for assessment in sorted(latest.values(), key=lambda a: a.group.name):
        levels = scores[assessment.pk]
        rows.append(
            MaturityRow(
                assessment.group.slug,
                assessment.group.name,
                assessment.assessed_on.isoformat(),
                levels,
                round(sum(levels.values()) / len(levels), 1) if levels else 0.0,
            )
        )
    return rows
