from __future__ import annotations

from django.db.models import QuerySet

from commonweal.metrics.models import Assessment, MaturityModel


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
