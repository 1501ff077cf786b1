"""Reads for prioritization rounds."""

from __future__ import annotations

from commonweal.community.models import Membership, StakeholderGroup
from commonweal.rounds.models import Round


def voting_groups(round_: Round, user) -> list[StakeholderGroup]:
    """The round's voting groups that ``user`` is a current member of."""
    if not user.is_authenticated or user.person_id is None:
        return []
    member_of = Membership.objects.current().filter(person_id=user.person_id).values("group_id")
    return list(round_.voter_groups.filter(pk__in=member_of).order_by("name"))


def round_list():
    return Round.objects.prefetch_related("voter_groups").order_by("-opens_at", "pk")


def priority_rows(round_: Round) -> dict[str, list[dict]]:
    """The published list, grouped: funded items by starting year, then deferred, then
    not selected, each with the engine's reason."""
    result = round_.result or {}
    rows = result.get("items", [])
    by_year = {year: [] for year in result.get("years", [])}
    for row in rows:
        if row["status"] == "funded":
            by_year.setdefault(row["start"], []).append(row)
    return {
        "years": [{"year": year, "items": items} for year, items in by_year.items()],
        "deferred": [row for row in rows if row["status"] == "deferred"],
        "not_selected": [row for row in rows if row["status"] == "not-selected"],
    }
