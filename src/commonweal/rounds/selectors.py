"""Reads for prioritization rounds."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.db.models import QuerySet

from commonweal.community.models import Membership, StakeholderGroup
from commonweal.recommendations.models import Recommendation
from commonweal.rounds.models import Round, RoundItem
from commonweal.rounds.results import DEFERRED, FUNDED, NOT_SELECTED, PriorityItem, RoundResult
from commonweal.rounds.wording import reader_language, reason_in_reader_language

# The columns of the priority list's CSV and JSON downloads, in their order.
EXPORT_COLUMNS = [
    "id",
    "title",
    "status",
    "start",
    "completes",
    "cost",
    "one_time_cost",
    "recurring_cost",
    "support",
    "reason",
    "reason_code",
]


def voting_groups(voting_round: Round, user) -> list[StakeholderGroup]:
    """The round's voting groups that ``user`` is a current member of."""
    if not user.is_authenticated or user.person_id is None:
        return []
    member_of = Membership.objects.current().filter(person_id=user.person_id).values("group_id")
    return list(voting_round.voter_groups.filter(pk__in=member_of).order_by("name"))


def round_list():
    return Round.objects.prefetch_related("voter_groups").order_by("-opens_at", "pk")


def ballot_items(voting_round: Round) -> QuerySet[RoundItem]:
    """The items on the round's ballot by reference, with their recommendations' titles in
    every language."""
    return (
        voting_round.items.select_related("recommendation")
        .prefetch_related("recommendation__translations")
        .order_by("recommendation__reference")
    )


def round_result(voting_round: Round) -> RoundResult | None:
    """The round's published count; ``None`` until it is counted."""
    if voting_round.result is None:
        return None
    return RoundResult.from_json(voting_round.result)


def _reader_rows(items: tuple[PriorityItem, ...]) -> dict[str, dict[str, Any]]:
    """Each published item as a row of the list: as published, with the link to its
    recommendation, its title in the reader's language where the registry has it (the
    count itself keeps the title as it stood on the ballot) and its reason worded in the
    reader's language (``reason_text``, in the language ``reason_lang``)."""
    recommendations = {
        r.reference: r
        for r in Recommendation.objects.filter(
            reference__in=[item.reference for item in items]
        ).prefetch_related("translations")
    }
    language = reader_language()
    rows = {}
    for item in items:
        recommendation = recommendations.get(item.reference)
        translated = recommendation.translation() if recommendation else None
        published = item.to_json()
        reason, reason_lang = reason_in_reader_language(published, language)
        rows[item.reference] = {
            **published,
            "url": recommendation.get_absolute_url() if recommendation else "",
            "reader_title": translated.title if translated else item.title,
            "reason_text": reason,
            "reason_lang": reason_lang,
        }
    return rows


def priority_rows(voting_round: Round) -> dict[str, list[dict]]:
    """The published list, grouped: funded items by starting year, then deferred, then
    not selected, each with the engine's reason."""
    result = round_result(voting_round)
    if result is None:
        return {"years": [], "deferred": [], "not_selected": []}
    rows = _reader_rows(result.items)
    by_year: dict[str, list[dict]] = {year: [] for year in result.years}
    for item in result.items:
        if item.status == FUNDED:
            by_year.setdefault(item.start, []).append(rows[item.reference])
    return {
        "years": [{"year": year, "items": items} for year, items in by_year.items()],
        "deferred": [rows[item.reference] for item in result.items if item.status == DEFERRED],
        "not_selected": [
            rows[item.reference] for item in result.items if item.status == NOT_SELECTED
        ],
    }


def ballots_by_group_name(result: RoundResult) -> list[tuple[str, int]]:
    """How many ballots each voting group cast, by the group's name."""
    names = dict(StakeholderGroup.objects.values_list("slug", "name"))
    return [(names.get(slug, slug), count) for slug, count in result.ballots_by_group.items()]


def export_rows(result: RoundResult) -> list[list[Any]]:
    """The published items as rows of ``EXPORT_COLUMNS``."""
    published = [item.to_json() for item in result.items]
    return [[row[column] for column in EXPORT_COLUMNS] for row in published]


def export_csv_rows(result: RoundResult) -> list[list[Any]]:
    """The CSV's rows: as published, with each reason worded in the reader's language
    (the figures and the code stay machine values)."""
    language = reader_language()
    rows = []
    for item in result.items:
        published = item.to_json()
        published["reason"] = reason_in_reader_language(published, language)[0]
        rows.append([published[column] for column in EXPORT_COLUMNS])
    return rows


def export_document(voting_round: Round, result: RoundResult) -> dict[str, Any]:
    """The priority list as the JSON download: the count's figures, the spending per year
    and the items in ``EXPORT_COLUMNS``."""
    return {
        "round": voting_round.pk,
        "title": voting_round.title,
        "rule": result.rule,
        "group_weighted": result.group_weighted,
        "years": list(result.years),
        "budget": result.budget,
        "ballots": result.ballots,
        "ballots_by_group": result.ballots_by_group,
        "counted_at": result.counted_at,
        "pabulib_sha256": result.pabulib_sha256,
        "spending": [asdict(year) for year in result.spending],
        "items": [dict(zip(EXPORT_COLUMNS, row, strict=True)) for row in export_rows(result)],
    }
