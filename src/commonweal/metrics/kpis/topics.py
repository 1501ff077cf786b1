"""Time spent on topics, by title or on the titles that match a query."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Sum

from commonweal.meetings.models import Topic, Turn
from commonweal.metrics.kpis.figures import TOP_ROWS, hours
from commonweal.metrics.kpis.filters import Filters

MAX_QUERY_WORDS = 10


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
