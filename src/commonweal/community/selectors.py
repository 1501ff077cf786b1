from django.db.models import Count, Prefetch, Q, QuerySet

from commonweal.community.models import Membership, Person, PersonName, StakeholderGroup
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
