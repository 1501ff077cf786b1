"""Writing checked rows: every recommendation, then their dependencies, then their costs.

All in one transaction, through the registry's services, so that an import leaves
the same lifecycle events as the pages do; a failure writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import DatabaseError, transaction

from commonweal.recommendations.importing.problems import RecommendationImportError, problem_line
from commonweal.recommendations.importing.rows import ImportRow
from commonweal.recommendations.models import Recommendation
from commonweal.recommendations.services import (
    LifecycleError,
    recommendation_assess,
    recommendation_create,
    source_ensure,
    translation_set,
)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    assessed: int = 0
    references: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged


class _Progress:
    """The row being written, so that a refusal names it."""

    def __init__(self) -> None:
        self.number = 1

    def through(self, rows: list[ImportRow]) -> Iterator[ImportRow]:
        for row in rows:
            self.number = row.number
            yield row


def write(rows: list[ImportRow], source_name: str, by) -> ImportResult:
    """Write rows already checked; a service that refuses one undoes the whole file."""
    result = ImportResult()
    progress = _Progress()
    try:
        with transaction.atomic():
            saved = {row.reference: _write_row(row, by, result) for row in progress.through(rows)}
            for row in progress.through(rows):
                if row.changed and row.depends_on is not None:
                    _link_dependencies(saved[row.reference], row.depends_on, saved)
            for row in progress.through(rows):
                if row.changed and row.costed:
                    _assess(saved[row.reference], row, by, result)
    except (LifecycleError, DatabaseError) as error:
        raise RecommendationImportError(
            source_name, [problem_line(progress.number, "file", str(error))]
        ) from None
    result.references = [row.reference for row in rows]
    return result


def _link_dependencies(
    recommendation: Recommendation, depends_on: list[str], saved: dict[str, Recommendation]
) -> None:
    """Dependencies on rows of this file, or on recommendations already stored."""
    recommendation.dependencies.set(
        [saved.get(ref) or Recommendation.objects.get(reference=ref) for ref in depends_on]
    )


def _assess(recommendation: Recommendation, row: ImportRow, by, result: ImportResult) -> None:
    was_received = recommendation.status == Recommendation.Status.RECEIVED
    recommendation_assess(
        recommendation=recommendation,
        one_time_cost=row.one_time_cost,
        recurring_cost=row.recurring_cost,
        implementation_years=row.implementation_years or recommendation.implementation_years,
        by=by,
    )
    result.assessed += was_received


def _write_row(row: ImportRow, by, result: ImportResult) -> Recommendation:
    source = source_ensure(
        kind=row.source_kind,
        body=row.source_body,
        document=row.source_document,
        url=row.source_url,
        group=row.source_group,
    )
    recommendation = row.existing
    if recommendation is None:
        recommendation = _create(row, source, by)
        result.created += 1
    elif not row.changed:
        result.unchanged += 1
        return recommendation
    else:
        _update(recommendation, row, source)
        result.updated += 1
    if row.implementation_years and not row.costed:
        recommendation.implementation_years = row.implementation_years
    recommendation.save()
    for language, (title, text) in row.translations.items():
        translation_set(recommendation=recommendation, language=language, title=title, text=text)
    return recommendation


def _create(row: ImportRow, source, by) -> Recommendation:
    return recommendation_create(
        reference=row.reference,
        source=source,
        title=row.title,
        text=row.text,
        language=row.language or "en",
        objectives=row.objectives or [],
        owner=row.owner,
        illustrative=bool(row.illustrative),
        received_at=row.received_at,
        by=by,
    )


def _update(recommendation: Recommendation, row: ImportRow, source) -> None:
    """Take what the row gives; an empty optional cell leaves what is stored."""
    recommendation.title = row.title
    recommendation.text = row.text
    recommendation.language = row.language or recommendation.language
    recommendation.source = source
    recommendation.owner = row.owner or recommendation.owner
    if row.illustrative is not None:
        recommendation.illustrative = row.illustrative
    if row.objectives is not None:
        recommendation.objectives.set(row.objectives)
