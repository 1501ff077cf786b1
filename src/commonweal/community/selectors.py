from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from commonweal.community.models import (
    Membership,
    MembershipRequest,
    Person,
    PersonName,
    StakeholderGroup,
)
from commonweal.core.roles import is_staff_of_platform
from commonweal.rosters import name_key


def person_list(*, query: str = "") -> QuerySet[Person]:
    people = Person.objects.filter(is_erased=False).prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.current().select_related("group"))
    )
    if query:
        people = people.filter(
            Q(names__normalized__contains=name_key(query)) | Q(display_name__icontains=query)
        ).distinct()
    return people


def group_list() -> list[StakeholderGroup]:
    """Groups in tree order: each parent followed by its children, with a depth."""
    # Current members only, as the group page lists them.
    current = Q(memberships__in=Membership.objects.current())
    groups = list(
        StakeholderGroup.objects.annotate(
            member_count=Count("memberships", filter=current)
        ).order_by("name")
    )
    children: dict[int | None, list[StakeholderGroup]] = {}
    for group in groups:
        children.setdefault(group.parent_id, []).append(group)
    ordered: list[StakeholderGroup] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for group in children.get(parent_id, []):
            group.depth = depth
            ordered.append(group)
            walk(group.pk, depth + 1)

    walk(None, 0)
    return ordered


def group_members(*, group: StakeholderGroup) -> QuerySet[Membership]:
    return (
        group.memberships.current()
        .select_related("person")
        .order_by("role", "person__display_name")
    )


def people_by_name(names: set[str]) -> dict[str, Person]:
    """Name key -> person for every name given, in one query; where two people share a
    name, the one created first."""
    found: dict[str, Person] = {}
    rows = PersonName.objects.filter(normalized__in={name_key(name) for name in names})
    for row in rows.select_related("person").order_by("person_id"):
        found.setdefault(row.normalized, row.person)
    return found


def person_find(name: str) -> Person | None:
    """The person any of whose names matches, regardless of case, accents and spacing."""
    return people_by_name({name}).get(name_key(name))


@dataclass(frozen=True)
class Joining:
    """Where the viewer stands with a group, and so what the page offers them.

    ``state`` is one of: ``member``; ``pending`` (their request waits: offer to
    withdraw it); ``appointed`` (the group takes no requests); ``anonymous`` (offer
    to sign in); ``no_person`` (an account not linked to a person); ``open`` (offer
    to ask to join).
    """

    state: str
    pending: MembershipRequest | None = None


def joining_states(*, user, groups: list[StakeholderGroup]) -> dict[int, Joining]:
    """The viewer's ``Joining`` for each group, in two queries whatever the number of groups."""
    person_id = user.person_id if user.is_authenticated else None
    member_of: set[int] = set()
    pending: dict[int, MembershipRequest] = {}
    if person_id is not None:
        member_of = set(
            Membership.objects.current()
            .filter(person_id=person_id)
            .values_list("group_id", flat=True)
        )
        pending = {
            request.group_id: request
            for request in MembershipRequest.objects.pending().filter(person_id=person_id)
        }
    states = {}
    for group in groups:
        if group.pk in member_of:
            states[group.pk] = Joining("member")
        elif group.pk in pending:
            states[group.pk] = Joining("pending", pending[group.pk])
        elif group.kind not in MembershipRequest.REQUESTABLE_KINDS:
            states[group.pk] = Joining("appointed")
        elif not user.is_authenticated:
            states[group.pk] = Joining("anonymous")
        elif person_id is None:
            states[group.pk] = Joining("no_person")
        else:
            states[group.pk] = Joining("open")
    return states


def requests_waiting(*, user) -> dict[int, int]:
    """Group id -> pending requests, for the groups whose requests ``user`` may decide.

    The secretariat decides for every group; a coordinator for the groups they
    coordinate today. Nobody's own request counts as waiting for them.
    """
    if not user.is_authenticated:
        return {}
    pending = MembershipRequest.objects.pending()
    if not is_staff_of_platform(user):
        if user.person_id is None:
            return {}
        coordinated = (
            Membership.objects.current()
            .filter(person_id=user.person_id, role__in=Membership.COORDINATING_ROLES)
            .values("group_id")
        )
        pending = pending.filter(group_id__in=coordinated)
    if user.person_id is not None:
        pending = pending.exclude(person_id=user.person_id)
    rows = pending.values("group_id").annotate(count=Count("pk")).order_by()
    return {row["group_id"]: row["count"] for row in rows}


def membership_requests_of(*, person: Person) -> QuerySet[MembershipRequest]:
    return person.membership_requests.select_related("group", "decided_by")


def membership_requests_pending(*, group: StakeholderGroup) -> QuerySet[MembershipRequest]:
    """Oldest first: the queue is worked from the top."""
    return group.membership_requests.pending().select_related("person").order_by("created_at", "pk")


def membership_requests_decided(
    *, group: StakeholderGroup, limit: int = 20
) -> QuerySet[MembershipRequest]:
    """The latest decisions, newest first, so a coordinator sees who decided what."""
    decided = group.membership_requests.filter(
        status__in=[MembershipRequest.Status.APPROVED, MembershipRequest.Status.DECLINED]
    )
    return decided.select_related("person", "decided_by").order_by("-decided_at", "-pk")[:limit]
