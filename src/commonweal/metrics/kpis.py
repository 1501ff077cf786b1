"""Every figure the dashboards and `commonweal metrics` show, computed in one place.

The pages and the command call ``dashboard`` and print what it returns, so they cannot
disagree. Sums and counts are done by the database (one grouped query per measure);
medians and percentiles are taken in Python over the few decided recommendations.
Definitions, sources and caveats of each measure: docs/metrics.md.
"""

from __future__ import annotations

import datetime
import math
import statistics
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.db.models import Count, F, Min, Q, QuerySet, Sum
from django.utils import timezone

from commonweal.community.models import StakeholderGroup
from commonweal.meetings.models import Meeting, Participant, Topic, Turn
from commonweal.metrics.models import Assessment, AssessmentScore, MaturityModel
from commonweal.recommendations.models import Recommendation
from commonweal.rounds.models import Round

TOP_ROWS = 20
MAX_QUERY_WORDS = 10


@dataclass(frozen=True)
class Filters:
    """Meetings dated within [date_from, date_to] (both included; an open end is no
    limit); with a group, the meetings where it spoke and the speech of its members."""

    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    group: StakeholderGroup | None = None

    def in_range(self, day: datetime.date | None) -> bool:
        if day is None:
            return self.date_from is None and self.date_to is None
        return (self.date_from is None or day >= self.date_from) and (
            self.date_to is None or day <= self.date_to
        )

    def meetings(self) -> QuerySet[Meeting]:
        meetings = Meeting.objects.all()
        if self.date_from is not None:
            meetings = meetings.filter(date__gte=self.date_from)
        if self.date_to is not None:
            meetings = meetings.filter(date__lte=self.date_to)
        if self.group is not None:
            meetings = meetings.filter(
                pk__in=Participant.objects.filter(group=self.group).values("meeting")
            )
        return meetings

    def participants(self) -> QuerySet[Participant]:
        """Speakers of the meetings, filtered through the join rather than a subquery
        over every meeting (the dashboard's hot path)."""
        participants = Participant.objects.all()
        if self.date_from is not None:
            participants = participants.filter(meeting__date__gte=self.date_from)
        if self.date_to is not None:
            participants = participants.filter(meeting__date__lte=self.date_to)
        if self.group is not None:
            participants = participants.filter(
                meeting__in=Participant.objects.filter(group=self.group).values("meeting")
            )
        return participants

    def as_dict(self) -> dict:
        return {
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
            "group": self.group.slug if self.group else None,
        }


def quarter_of(day: datetime.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def hours(seconds: float | None) -> float:
    return round((seconds or 0) / 3600, 2)


def percent(part: float, whole: float) -> float:
    return round(part / whole * 100, 1) if whole else 0.0


def days(delta: datetime.timedelta) -> float:
    return delta.total_seconds() / 86400


def median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def percentile_90(values: list[float]) -> float | None:
    """Nearest rank: the smallest value that at least 90% of the values do not exceed."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[math.ceil(0.9 * len(ordered)) - 1], 1)


# -- meetings -------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupFloor:
    group: str  # slug; empty for speakers linked to no group
    name: str
    meetings: int
    meeting_hours: float
    speaking_hours: float
    turns: int
    share: float  # percent of all words (characters in Chinese) spoken in these meetings


def floor_by_group(filters: Filters) -> list[GroupFloor]:
    """Each group's share of the floor over the meetings: its speakers' words (characters
    in Chinese) over everyone's, as the meeting page measures one meeting."""
    # One row per group and meeting, summed here: the meeting hours need each meeting's
    # duration once per group, which a single GROUP BY group cannot give.
    per_meeting = (
        filters.participants()
        .values("group__slug", "group__name", "meeting_id", "meeting__duration_seconds")
        .annotate(seconds=Sum("seconds"), units=Sum("units"), turn_count=Sum("turns"))
    )
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for row in per_meeting.order_by():
        sums = totals[(row["group__slug"] or "", row["group__name"] or "")]
        sums[0] += 1
        sums[1] += row["meeting__duration_seconds"]
        sums[2] += row["seconds"] or 0
        sums[3] += row["turn_count"] or 0
        sums[4] += row["units"] or 0
    total_units = sum(sums[4] for sums in totals.values())
    shares = [
        GroupFloor(
            group=slug,
            name=name,
            meetings=meetings,
            meeting_hours=hours(meeting_seconds),
            speaking_hours=hours(seconds),
            turns=turns,
            share=percent(units, total_units),
        )
        for (slug, name), (meetings, meeting_seconds, seconds, turns, units) in totals.items()
    ]
    return sorted(shares, key=lambda row: (-row.share, row.name))


@dataclass(frozen=True)
class QuarterHours:
    quarter: str
    meetings: int
    meeting_hours: float
    speaking_hours: float  # the group's own, when filtered by group


def hours_by_quarter(filters: Filters) -> list[QuarterHours]:
    meetings: dict[str, int] = defaultdict(int)
    meeting_seconds: dict[str, float] = defaultdict(float)
    for day, seconds in (
        filters.meetings().exclude(date=None).values_list("date", "duration_seconds")
    ):
        meetings[quarter_of(day)] += 1
        meeting_seconds[quarter_of(day)] += seconds
    speech = filters.participants().exclude(meeting__date=None)
    if filters.group is not None:
        speech = speech.filter(group=filters.group)
    speaking: dict[str, float] = defaultdict(float)
    for day, seconds in (
        speech.values("meeting__date")
        .annotate(seconds=Sum("seconds"))
        .values_list("meeting__date", "seconds")
    ):
        speaking[quarter_of(day)] += seconds or 0
    return [
        QuarterHours(
            quarter, meetings[quarter], hours(meeting_seconds[quarter]), hours(speaking[quarter])
        )
        for quarter in sorted(meetings)
    ]


@dataclass(frozen=True)
class Speaker:
    name: str
    group: str
    meetings: int
    turns: int
    speaking_hours: float
    share: float  # percent of all words spoken in these meetings


def top_speakers(filters: Filters, limit: int = TOP_ROWS) -> list[Speaker]:
    """The people who held the floor longest (speakers linked to no person are left out;
    an erased person reads as a former participant)."""
    from commonweal.core.text import FORMER_PARTICIPANT

    participants = filters.participants()
    total_units = participants.aggregate(units=Sum("units"))["units"] or 0
    people = participants.exclude(person=None)
    if filters.group is not None:
        people = people.filter(group=filters.group)
    rows = (
        people.values("person_id", "person__display_name", "person__is_erased")
        .annotate(
            meetings=Count("meeting", distinct=True),
            turn_count=Sum("turns"),
            seconds=Sum("seconds"),
            units=Sum("units"),
            group_slug=Min("group__slug"),
        )
        .order_by("-units", "person__display_name")[:limit]
    )
    return [
        Speaker(
            name=str(FORMER_PARTICIPANT)
            if row["person__is_erased"]
            else row["person__display_name"],
            group=row["group_slug"] or "",
            meetings=row["meetings"],
            turns=row["turn_count"] or 0,
            speaking_hours=hours(row["seconds"]),
            share=percent(row["units"] or 0, total_units),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class TopicTime:
    title: str
    meetings: int
    hours: float


def _title_matches(words: list[str], prefix: str = "") -> Q:
    condition = Q()
    for word in words:
        condition &= Q(**{f"{prefix}title__icontains": word})
    return condition


def _topic_rows(filters: Filters, words: list[str] | None = None) -> QuerySet:
    """title, meeting_count, total (seconds) per topic title: the topics' time, or with a
    group only the time of the group's turns within them."""
    if filters.group is None:
        return (
            Topic.objects.filter(_title_matches(words or []), meeting__in=filters.meetings())
            .values("title")
            .annotate(meeting_count=Count("meeting", distinct=True), total=Sum("seconds"))
        )
    return (
        Turn.objects.filter(
            _title_matches(words or [], "topic__"),
            meeting__in=filters.meetings(),
            group=filters.group,
        )
        .exclude(topic=None)
        .values(title=F("topic__title"))
        .annotate(meeting_count=Count("meeting", distinct=True), total=Sum("seconds"))
    )


def topic_time(filters: Filters, limit: int = TOP_ROWS) -> list[TopicTime]:
    rows = _topic_rows(filters).order_by("-total", "title")[:limit]
    return [TopicTime(row["title"], row["meeting_count"], hours(row["total"])) for row in rows]


@dataclass(frozen=True)
class TopicQuery:
    query: str
    topics: int  # distinct matching topic titles
    meetings: int
    hours: float


def topic_hours(filters: Filters, query: str) -> TopicQuery | None:
    """Hours spent on topics whose title contains every word of the query ("38 hours on a
    definition"): titles, not turn text, so a passing mention does not count a topic."""
    words = query.split()[:MAX_QUERY_WORDS]
    if not words:
        return None
    rows = list(_topic_rows(filters, words))
    # Meetings once each, however many of their topics match.
    if filters.group is None:
        matching = Topic.objects.filter(_title_matches(words), meeting__in=filters.meetings())
    else:
        matching = Turn.objects.filter(
            _title_matches(words, "topic__"), meeting__in=filters.meetings(), group=filters.group
        )
    meetings = matching.values("meeting").distinct().count()
    return TopicQuery(
        query=" ".join(words),
        topics=len(rows),
        meetings=meetings,
        hours=hours(sum(row["total"] or 0 for row in rows)),
    )


# -- participation --------------------------------------------------------------------


@dataclass(frozen=True)
class Breadth:
    group: str
    name: str
    meetings: int
    mean_speakers: float  # distinct speakers per meeting it spoke in
    most_speakers: int


def participation_breadth(filters: Filters) -> list[Breadth]:
    """Distinct speakers of each group per meeting (a speaker is one participant of the
    meeting record: the engine has already merged a person's aliases)."""
    participants = filters.participants().exclude(group=None)
    if filters.group is not None:
        participants = participants.filter(group=filters.group)
    per_meeting: dict[tuple[str, str], list[int]] = defaultdict(list)
    for row in participants.values("group__slug", "group__name", "meeting_id").annotate(
        speakers=Count("id")
    ):
        per_meeting[(row["group__slug"], row["group__name"])].append(row["speakers"])
    return [
        Breadth(slug, name, len(counts), round(sum(counts) / len(counts), 1), max(counts))
        for (slug, name), counts in sorted(per_meeting.items(), key=lambda item: item[0][1])
    ]


@dataclass(frozen=True)
class Newcomers:
    quarter: str
    newcomers: int


def newcomers(filters: Filters) -> list[Newcomers]:
    """People by the quarter of the first meeting they ever spoke in (for the group:
    first spoke as its member), counted when that meeting is within the dates."""
    participants = Participant.objects.exclude(person=None).exclude(meeting__date=None)
    if filters.group is not None:
        participants = participants.filter(group=filters.group)
    counts: dict[str, int] = defaultdict(int)
    for first in (
        participants.values("person")
        .annotate(first=Min("meeting__date"))
        .values_list("first", flat=True)
    ):
        if filters.in_range(first):
            counts[quarter_of(first)] += 1
    return [Newcomers(quarter, counts[quarter]) for quarter in sorted(counts)]


# -- recommendations ------------------------------------------------------------------


def _recommendations(filters: Filters) -> QuerySet[Recommendation]:
    recommendations = Recommendation.objects.all()
    if filters.group is not None:
        recommendations = recommendations.filter(source__group=filters.group)
    return recommendations


def _day(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment is not None else None


@dataclass(frozen=True)
class RecommendationFlow:
    source: str
    quarter: str
    received: int
    decided: int
    implemented: int


def recommendation_flow(filters: Filters) -> list[RecommendationFlow]:
    """Per source body and quarter: recommendations received, decided and implemented,
    each counted in the quarter its event happened (when that is within the dates)."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    rows = _recommendations(filters).values_list(
        "source__body", "received_at", "decided_at", "implemented_at"
    )
    for body, *moments in rows:
        for position, moment in enumerate(moments):
            day = _day(moment)
            if day is not None and filters.in_range(day):
                counts[(body, quarter_of(day))][position] += 1
    return [
        RecommendationFlow(body, quarter, *counts[(body, quarter)])
        for body, quarter in sorted(counts)
    ]


@dataclass(frozen=True)
class Durations:
    source: str
    decided: int
    decision_median_days: float | None
    decision_p90_days: float | None
    implemented: int
    implementation_median_days: float | None
    implementation_p90_days: float | None


@dataclass(frozen=True)
class YearDurations:
    source: str
    year: int
    measure: str  # "decision" or "implementation"
    count: int
    median_days: float | None
    p90_days: float | None
    change_days: float | None  # this year's median less the previous year's with figures


def _duration_samples(filters: Filters) -> dict[str, dict[str, list[tuple[int, float]]]]:
    """source -> measure -> [(year of the event, days)], for events within the dates."""
    samples: dict[str, dict[str, list[tuple[int, float]]]] = defaultdict(
        lambda: {"decision": [], "implementation": []}
    )
    rows = _recommendations(filters).exclude(decided_at=None).select_related("source")
    for recommendation in rows.only("source__body", "received_at", "decided_at", "implemented_at"):
        body = recommendation.source.body
        decided = _day(recommendation.decided_at)
        if filters.in_range(decided):
            samples[body]["decision"].append((decided.year, days(recommendation.time_to_decision)))
        implemented = _day(recommendation.implemented_at)
        if implemented is not None and filters.in_range(implemented):
            samples[body]["implementation"].append(
                (implemented.year, days(recommendation.time_to_implementation))
            )
    return samples


def durations(filters: Filters) -> tuple[list[Durations], list[YearDurations]]:
    """Time from receipt to decision (by decision date) and from decision to completed
    implementation (by completion date): median and 90th percentile in days, by source
    and overall, and by year with the change of the median from the year before."""
    samples = _duration_samples(filters)
    overall = {
        measure: [value for body in samples.values() for value in body[measure]]
        for measure in ("decision", "implementation")
    }
    by_source = []
    sources = sorted(samples.items())
    if len(sources) > 1:
        sources.append(("", overall))  # "" is every source together
    for body, measures in sources:
        decision = [value for _, value in measures["decision"]]
        implementation = [value for _, value in measures["implementation"]]
        by_source.append(
            Durations(
                body,
                len(decision),
                median(decision),
                percentile_90(decision),
                len(implementation),
                median(implementation),
                percentile_90(implementation),
            )
        )
    by_year = []
    for body, measures in sources:
        for measure in ("decision", "implementation"):
            per_year: dict[int, list[float]] = defaultdict(list)
            for year, value in measures[measure]:
                per_year[year].append(value)
            previous = None
            for year in sorted(per_year):
                middle = median(per_year[year])
                change = round(middle - previous, 1) if previous is not None else None
                by_year.append(
                    YearDurations(
                        body,
                        year,
                        measure,
                        len(per_year[year]),
                        middle,
                        percentile_90(per_year[year]),
                        change,
                    )
                )
                previous = middle
    return by_source, by_year


# -- budget ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetYear:
    round: str
    year: str
    cap: float
    committed: float
    one_time: float
    recurring: float
    share: float  # percent of the cap


def budget_committed(filters: Filters) -> list[BudgetYear]:
    """What each counted round's multi-year plan commits in each year, against the year's
    cap (rounds counted within the dates; with a group, rounds it voted in)."""
    rounds = Round.objects.exclude(result=None).order_by("closed_at", "pk")
    if filters.date_from is not None:
        rounds = rounds.filter(closed_at__date__gte=filters.date_from)
    if filters.date_to is not None:
        rounds = rounds.filter(closed_at__date__lte=filters.date_to)
    if filters.group is not None:
        rounds = rounds.filter(voter_groups=filters.group)
    rows = []
    for round_ in rounds.only("title", "result"):
        plan = round_.result.get("plan") or {}
        for year in plan.get("years", []):
            rows.append(
                BudgetYear(
                    round_.title,
                    str(year["year"]),
                    year["cap"],
                    year["total"],
                    year["one_time"],
                    year["recurring"],
                    percent(year["total"], year["cap"]),
                )
            )
    return rows


# -- maturity -------------------------------------------------------------------------


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


# -- everything -----------------------------------------------------------------------


@dataclass(frozen=True)
class Dashboard:
    filters: Filters
    meetings: int
    meeting_hours: float
    floor_by_group: list[GroupFloor]
    hours_by_quarter: list[QuarterHours]
    top_speakers: list[Speaker]
    topics: list[TopicTime]
    topic_query: TopicQuery | None
    participation_breadth: list[Breadth]
    newcomers: list[Newcomers]
    recommendations: list[RecommendationFlow]
    durations: list[Durations]
    durations_by_year: list[YearDurations]
    budget: list[BudgetYear]
    maturity: list[MaturityRow] = field(default_factory=list)

    def as_dict(self) -> dict:
        """The JSON document of `commonweal metrics --format json` (docs/metrics.md)."""
        data = asdict(self)
        data["format"] = "commonweal-metrics/1"
        data["filters"] = self.filters.as_dict()
        return data


def dashboard(filters: Filters, *, query: str = "") -> Dashboard:
    durations_by_source, durations_by_year = durations(filters)
    totals = filters.meetings().aggregate(count=Count("pk"), seconds=Sum("duration_seconds"))
    return Dashboard(
        filters=filters,
        meetings=totals["count"],
        meeting_hours=hours(totals["seconds"]),
        floor_by_group=floor_by_group(filters),
        hours_by_quarter=hours_by_quarter(filters),
        top_speakers=top_speakers(filters),
        topics=topic_time(filters),
        topic_query=topic_hours(filters, query),
        participation_breadth=participation_breadth(filters),
        newcomers=newcomers(filters),
        recommendations=recommendation_flow(filters),
        durations=durations_by_source,
        durations_by_year=durations_by_year,
        budget=budget_committed(filters),
        maturity=maturity_overview(filters),
    )
