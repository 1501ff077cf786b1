"""Writes to the registry: adding recommendations and moving them through their lifecycle.

Every lifecycle move goes through :func:`recommendation_move`, which refuses a
move the lifecycle does not allow (``lifecycle.check_move``), stamps the stage's
time and records a :class:`LifecycleEvent` with who, when and why.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.recommendations.follows import move_announce
from commonweal.recommendations.lifecycle import (  # noqa: F401  (callers import them from here)
    TRANSITIONS,
    LifecycleError,
    check_assess,
    check_decision,
    check_move,
)
from commonweal.recommendations.models import (
    STAGE_TIMESTAMPS,
    LifecycleEvent,
    Milestone,
    Objective,
    Recommendation,
    RecommendationTranslation,
    Source,
)

Status = Recommendation.Status
Decision = Recommendation.Decision


def recommendation_create(
    *,
    reference: str,
    source: Source,
    title: str,
    text: str,
    language: str = "en",
    objectives: list[Objective] | tuple[Objective, ...] = (),
    owner: str = "",
    illustrative: bool = False,
    received_at: datetime.datetime | None = None,
    by=None,
) -> Recommendation:
    with transaction.atomic():
        recommendation = Recommendation.objects.create(
            reference=reference,
            source=source,
            title=title,
            text=text,
            language=language,
            owner=owner,
            illustrative=illustrative,
            received_at=received_at or timezone.now(),
            created_by=by,
        )
        recommendation.objectives.set(objectives)
        LifecycleEvent.objects.create(
            recommendation=recommendation,
            status=Status.RECEIVED,
            at=recommendation.received_at,
            by=by,
        )
    return recommendation


def recommendation_move(
    *,
    recommendation: Recommendation,
    to: str,
    by=None,
    at: datetime.datetime | None = None,
    note: str = "",
    decision: str = "",
    by_round: bool = False,
) -> Recommendation:
    """Move ``recommendation`` to status ``to``, or raise :class:`LifecycleError`.

    Only the round services (``by_round``) put a recommendation into prioritization
    or take it off a ballot; only ``recommendation_decide`` (with its ``decision``)
    decides. The event records who moved it, when, and the ``note`` (the reason
    given). Call inside a transaction when other writes must go with the move.
    """
    at = at or timezone.now()
    check_move(recommendation=recommendation, to=to, at=at, decision=decision, by_round=by_round)
    recommendation.status = to
    setattr(recommendation, STAGE_TIMESTAMPS[to], at)
    if to == Status.IMPLEMENTED:
        recommendation.progress = 100
    with transaction.atomic():
        recommendation.save()
        event = LifecycleEvent.objects.create(
            recommendation=recommendation,
            status=to,
            decision=decision,
            at=at,
            by=by,
            note=note.strip(),
        )
        move_announce(recommendation, event)
    return recommendation


def recommendation_assess(
    *,
    recommendation: Recommendation,
    one_time_cost: Decimal,
    recurring_cost: Decimal,
    implementation_years: int,
    by=None,
    at: datetime.datetime | None = None,
    note: str = "",
) -> Recommendation:
    """Record the costs; a received recommendation becomes assessed."""
    check_assess(
        recommendation=recommendation,
        one_time_cost=one_time_cost,
        recurring_cost=recurring_cost,
        implementation_years=implementation_years,
    )
    with transaction.atomic():
        recommendation.one_time_cost = one_time_cost
        recommendation.recurring_cost = recurring_cost
        recommendation.implementation_years = implementation_years
        if recommendation.status == Status.RECEIVED:
            recommendation_move(
                recommendation=recommendation, to=Status.ASSESSED, by=by, at=at, note=note
            )
        else:
            recommendation.save()
    return recommendation


def recommendation_decide(
    *,
    recommendation: Recommendation,
    decision: str,
    rationale: str,
    serves: str,
    consultation: str,
    alternatives: str,
    by=None,
    at: datetime.datetime | None = None,
    note: str = "",
) -> Recommendation:
    """Record a decision with its rationale and public-interest statement."""
    check_decision(
        recommendation=recommendation,
        decision=decision,
        rationale=rationale,
        serves=serves,
        consultation=consultation,
        alternatives=alternatives,
    )
    with transaction.atomic():
        recommendation.decision = decision
        recommendation.rationale = rationale.strip()
        recommendation.serves = serves.strip()
        recommendation.consultation = consultation.strip()
        recommendation.alternatives = alternatives.strip()
        recommendation_move(
            recommendation=recommendation,
            to=Status.DECIDED,
            by=by,
            at=at,
            decision=decision,
            note=note,
        )
    return recommendation


def recommendation_progress_set(
    *, recommendation: Recommendation, progress: int, by=None, note: str = ""
) -> Recommendation:
    """Report progress on an implementation under way (0–100 %)."""
    if recommendation.status != Status.IMPLEMENTATION:
        raise LifecycleError(_("Progress is reported only while a recommendation is implemented."))
    if not 0 <= progress <= 100:
        raise LifecycleError(_("Progress is a percentage from 0 to 100."))
    recommendation.progress = progress
    recommendation.save(update_fields=["progress", "updated_at"])
    return recommendation


def milestone_add(
    *, recommendation: Recommendation, title: str, due_on: datetime.date | None = None
) -> Milestone:
    if (
        recommendation.status
        not in (
            Status.DECIDED,
            Status.IMPLEMENTATION,
        )
        or recommendation.decision != Decision.APPROVED
    ):
        raise LifecycleError(_("Milestones belong to an approved recommendation."))
    return Milestone.objects.create(recommendation=recommendation, title=title, due_on=due_on)


def milestone_complete(*, milestone: Milestone, at: datetime.datetime | None = None) -> Milestone:
    milestone.completed_at = at or timezone.now()
    milestone.save(update_fields=["completed_at"])
    return milestone


def translation_set(
    *, recommendation: Recommendation, language: str, title: str, text: str
) -> RecommendationTranslation:
    translated, _created = RecommendationTranslation.objects.update_or_create(
        recommendation=recommendation,
        language=language.lower(),
        defaults={"title": title, "text": text},
    )
    return translated


def recommendation_from_candidate(*, candidate, by=None) -> Recommendation:
    """The recommendation a confirmed candidate sentence proposes, created once.

    Its source is the meeting; it quotes the turn and keeps the meeting and the
    turn's number so that its page links back to the turn.
    """
    existing = Recommendation.objects.filter(candidate=candidate).first()
    if existing is not None:
        return existing
    meeting = candidate.meeting
    turn = candidate.turn
    speaker = turn.participant.label
    group = turn.group
    source, _created = Source.objects.get_or_create(
        kind=Source.Kind.MEETING,
        body=group.name if group else meeting.title[:200],
        document=str(meeting)[:300],
        defaults={"group": group},
    )
    sentence = candidate.sentence.strip()
    title = sentence if len(sentence) <= 120 else sentence[:119] + "…"
    with transaction.atomic():
        recommendation = recommendation_create(
            reference=_next_meeting_reference(meeting),
            source=source,
            title=title,
            text=sentence,
            language=meeting.language or "und",
            received_at=_said_at(meeting),
            by=by,
        )
        recommendation.meeting = meeting
        recommendation.turn_index = turn.index
        recommendation.quote = sentence
        recommendation.speaker = speaker
        recommendation.candidate = candidate
        recommendation.save()
    return recommendation


def _said_at(meeting) -> datetime.datetime:
    """When the meeting took place: a recommendation made there was received then.

    The meeting's UTC offset is not stored, so its start time is read as UTC (at
    most a day off; time to decision is counted in days). Undated: now.
    """
    if meeting.date is None:
        return timezone.now()
    return datetime.datetime.combine(
        meeting.date, meeting.start_time or datetime.time(0), tzinfo=datetime.UTC
    )


def _next_meeting_reference(meeting) -> str:
    prefix = f"M{meeting.pk}-"
    taken = set(
        Recommendation.objects.filter(reference__startswith=prefix).values_list(
            "reference", flat=True
        )
    )
    number = 1
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"


def source_ensure(*, kind: str, body: str, document: str, url: str = "", group=None) -> Source:
    """The source with this kind, body and document, made once.

    A link or a stakeholder group given later fills in one the source lacked; a
    source shared by many recommendations is never overwritten by one of them.
    """
    source, created = Source.objects.get_or_create(
        kind=kind, body=body, document=document, defaults={"url": url, "group": group}
    )
    if not created:
        changed = []
        if url and not source.url:
            source.url = url
            changed.append("url")
        if group is not None and source.group_id is None:
            source.group = group
            changed.append("group")
        if changed:
            source.save(update_fields=changed)
    return source


def dependency_cycle(recommendation: Recommendation, dependencies) -> list[Recommendation] | None:
    """The chain back to ``recommendation`` that these dependencies would close, if any."""
    wanted = {dependency.pk: dependency for dependency in dependencies}
    if recommendation.pk in wanted:
        return [recommendation, recommendation]
    # Breadth-first over what the new dependencies already depend on.
    came_from: dict[int, int | None] = {pk: None for pk in wanted}
    frontier = list(wanted)
    while frontier:
        edges = Recommendation.dependencies.through.objects.filter(
            from_recommendation_id__in=frontier
        ).values_list("from_recommendation_id", "to_recommendation_id")
        frontier = []
        for source_pk, target_pk in edges:
            if target_pk in came_from:
                continue
            came_from[target_pk] = source_pk
            if target_pk == recommendation.pk:
                chain = [target_pk]
                while chain[-1] is not None:
                    chain.append(came_from[chain[-1]])
                pks = [recommendation.pk, *reversed(chain[:-1])]
                in_circle = Recommendation.objects.in_bulk(pks)
                return [in_circle[pk] for pk in pks]
            frontier.append(target_pk)
    return None


def recommendation_update(
    *,
    recommendation: Recommendation,
    title: str,
    text: str,
    objectives,
    dependencies,
    owner: str,
    illustrative: bool | None = None,
) -> Recommendation:
    """Change what a recommendation says, what it serves, what it needs and who owns it.

    The wording is fixed once the recommendation goes to prioritization (people
    voted on it); objectives, dependencies and owner can still change.
    """
    if (title, text) != (
        recommendation.title,
        recommendation.text,
    ) and recommendation.status not in (
        Status.RECEIVED,
        Status.ASSESSED,
    ):
        raise LifecycleError(
            _("The wording is fixed once a recommendation goes to prioritization.")
        )
    if not title.strip() or not text.strip():
        raise LifecycleError(_("A recommendation needs a title and a text."))
    dependencies = list(dependencies)
    cycle = dependency_cycle(recommendation, dependencies)
    if cycle:
        raise LifecycleError(
            _("These dependencies would make a circle: %(chain)s.")
            % {"chain": " → ".join(item.reference for item in cycle)}
        )
    with transaction.atomic():
        recommendation.title = title.strip()
        recommendation.text = text.strip()
        recommendation.owner = owner.strip()
        if illustrative is not None:
            recommendation.illustrative = illustrative
        recommendation.save()
        recommendation.objectives.set(objectives)
        recommendation.dependencies.set(dependencies)
    return recommendation


def recommendation_add(
    *,
    reference: str,
    title: str,
    text: str,
    language: str,
    source_kind: str,
    source_body: str,
    source_document: str,
    source_url: str = "",
    source_group=None,
    objectives=(),
    dependencies=(),
    owner: str = "",
    illustrative: bool = False,
    by=None,
) -> Recommendation:
    """Add a recommendation the secretariat received, with its source (made once)."""
    if Recommendation.objects.filter(reference=reference).exists():
        raise LifecycleError(
            _("There is already a recommendation %(reference)s.") % {"reference": reference}
        )
    with transaction.atomic():
        source = source_ensure(
            kind=source_kind,
            body=source_body,
            document=source_document,
            url=source_url,
            group=source_group,
        )
        recommendation = recommendation_create(
            reference=reference,
            source=source,
            title=title,
            text=text,
            language=language,
            objectives=list(objectives),
            owner=owner,
            illustrative=illustrative,
            by=by,
        )
        recommendation.dependencies.set(list(dependencies))
    return recommendation
