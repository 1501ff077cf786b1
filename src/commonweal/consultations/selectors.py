"""Reads for comment proceedings: the list in the order people need it, one proceeding
as a viewer may see it, the submissions each viewer may read, the endorsement queue.

Everything in a published proceeding is public except drafts: a draft proceeding is
seen by staff alone; a draft submission by its author; one awaiting its group's
endorsement by its author, the group's coordinators and staff.
"""

from __future__ import annotations

import datetime

from django.db.models import Case, DateField, F, IntegerField, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from commonweal.community.models import Membership, StakeholderGroup
from commonweal.consultations.models import Document, Proceeding, Submission

Status = Proceeding.Status
# The list's order: what may be commented on now first, then what comes, then the rest.
STATUS_ORDER = (Status.OPEN, Status.UPCOMING, Status.CLOSED, Status.REPORTED, Status.DRAFT)


def may_manage(user) -> bool:
    return (
        user is not None
        and user.is_authenticated
        and user.has_perm("consultations.manage_proceeding")
    )


def _with_status(proceedings: QuerySet, today: datetime.date) -> QuerySet:
    """Each proceeding with its status (``Proceeding.status`` in SQL: UTC days) and rank."""
    status = Case(
        When(published_at__isnull=True, then=Value(Status.DRAFT)),
        When(report_published_at__isnull=False, then=Value(Status.REPORTED)),
        When(opens_on__gt=today, then=Value(Status.UPCOMING)),
        When(closes_on__gte=today, then=Value(Status.OPEN)),
        default=Value(Status.CLOSED),
    )
    rank = Case(
        *(When(status_now=value, then=Value(index)) for index, value in enumerate(STATUS_ORDER)),
        output_field=IntegerField(),
    )
    return proceedings.annotate(status_now=status).annotate(rank=rank)


def proceedings_listed(
    viewer, *, group: StakeholderGroup | None = None, status: str = ""
) -> QuerySet:
    """Proceedings open now first (closing soonest first), then upcoming, closed and
    reported; drafts only for staff."""
    today = timezone.now().astimezone(datetime.UTC).date()
    proceedings = _with_status(Proceeding.objects.all(), today)
    if not may_manage(viewer):
        proceedings = proceedings.filter(published_at__isnull=False)
    if group is not None:
        proceedings = proceedings.filter(groups=group)
    if status:
        proceedings = proceedings.filter(status_now=status)
    return proceedings.prefetch_related("groups").order_by(
        "rank",
        Case(When(rank__lte=1, then=F("closes_on")), output_field=DateField()).asc(nulls_last=True),
        "-closes_on",
        "-pk",
    )


def proceeding_access(viewer, pk: int) -> Proceeding:
    """The proceeding, or 404 for a draft that the viewer may not manage."""
    proceeding = Proceeding.objects.filter(pk=pk).first()
    if proceeding is None or (proceeding.published_at is None and not may_manage(viewer)):
        raise Http404
    return proceeding


def document_access(viewer, pk: int) -> Document:
    document = Document.objects.select_related("proceeding").filter(pk=pk).first()
    if document is None or not document.file:
        raise Http404
    proceeding_access(viewer, document.proceeding_id)
    return document


def submissions_published(proceeding: Proceeding) -> QuerySet:
    return (
        proceeding.submissions.filter(state=Submission.State.PUBLISHED)
        .select_related("on_behalf_of")
        .order_by("published_at", "pk")
    )


def submissions_own(proceeding: Proceeding, viewer) -> QuerySet:
    """The viewer's drafts and submissions awaiting their group, with any note."""
    if viewer is None or not viewer.is_authenticated:
        return Submission.objects.none()
    return (
        proceeding.submissions.filter(author=viewer)
        .exclude(state=Submission.State.PUBLISHED)
        .select_related("on_behalf_of")
        .order_by("created_at", "pk")
    )


def groups_coordinated(viewer) -> list[int]:
    if viewer is None or not viewer.is_authenticated or viewer.person_id is None:
        return []
    return list(
        Membership.objects.current()
        .filter(person_id=viewer.person_id, role__in=Membership.COORDINATING_ROLES)
        .values_list("group_id", flat=True)
    )


def endorsements_waiting(viewer) -> QuerySet:
    """Submissions awaiting the endorsement of a group the viewer coordinates (all of
    them for staff), oldest first."""
    waiting = Submission.objects.filter(state=Submission.State.AWAITING).select_related(
        "proceeding", "on_behalf_of"
    )
    if not may_manage(viewer):
        waiting = waiting.filter(on_behalf_of_id__in=groups_coordinated(viewer))
    return waiting.order_by("submitted_at", "pk")


def submission_access(viewer, pk: int) -> Submission:
    """The submission, or 404 when the viewer may not read it."""
    found = Submission.objects.select_related("proceeding", "on_behalf_of").filter(pk=pk).first()
    if found is None or not submission_visible(viewer, found):
        raise Http404
    return found


def submission_visible(viewer, submission: Submission) -> bool:
    """Whether the viewer may read the submission."""
    if submission.state == Submission.State.PUBLISHED:
        return submission.proceeding.published_at is not None or may_manage(viewer)
    if viewer is None or not viewer.is_authenticated:
        return False
    if submission.author_id == viewer.pk or may_manage(viewer):
        return True
    return (
        submission.state == Submission.State.AWAITING
        and submission.on_behalf_of_id in groups_coordinated(viewer)
    )


def groups_of(viewer) -> QuerySet:
    """The groups a person may write on behalf of: those they are a current member of."""
    if viewer is None or not viewer.is_authenticated or viewer.person_id is None:
        return StakeholderGroup.objects.none()
    members = Membership.objects.current().filter(person_id=viewer.person_id)
    return StakeholderGroup.objects.filter(
        pk__in=members.values_list("group_id", flat=True)
    ).order_by("name")


def is_coordinator(viewer) -> bool:
    return bool(groups_coordinated(viewer))
