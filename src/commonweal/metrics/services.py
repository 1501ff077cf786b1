from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from commonweal.metrics.models import Assessment, AssessmentScore, MaturityModel


class AssessmentError(ValueError):
    pass


@transaction.atomic
def assessment_record(
    *,
    group,
    by,
    assessed_on: datetime.date,
    scores: dict[str, tuple[int, str]],
    note: str = "",
    model: MaturityModel | None = None,
) -> Assessment:
    """Record a group's self-assessment: ``scores`` maps each dimension's code to
    (level, evidence). A new assessment never replaces an earlier one: history is kept."""
    model = model or MaturityModel.objects.filter(is_default=True).first()
    if model is None:
        raise AssessmentError(_("There is no maturity model to assess against."))
    dimensions = {dimension.code: dimension for dimension in model.dimensions.all()}
    missing = sorted(set(dimensions) - set(scores))
    unknown = sorted(set(scores) - set(dimensions))
    if missing or unknown:
        raise AssessmentError(
            _("Score every dimension of the model once: missing %(missing)s, unknown %(unknown)s.")
            % {"missing": ", ".join(missing) or "—", "unknown": ", ".join(unknown) or "—"}
        )
    for code, (level, _evidence) in scores.items():
        if not 1 <= level <= len(model.levels):
            raise AssessmentError(
                _("%(dimension)s: the level must be between 1 and %(levels)d.")
                % {"dimension": dimensions[code].label(), "levels": len(model.levels)}
            )
    assessment = Assessment.objects.create(
        group=group, model=model, assessed_on=assessed_on, by=by, note=note
    )
    AssessmentScore.objects.bulk_create(
        AssessmentScore(
            assessment=assessment, dimension=dimensions[code], level=level, evidence=evidence
        )
        for code, (level, evidence) in scores.items()
    )
    return assessment
