from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum
from django.urls import reverse

from commonweal.community.models import StakeholderGroup
from commonweal.meetings import search
from commonweal.meetings.models import Candidate, Meeting, Participant, Turn

MAX_SEARCH_RESULTS = 200


def meeting_list(
    *,
    group=None,
    person=None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[Meeting]:
    """Meetings, newest first; narrowed to those where a group or a person spoke, or to
    a date range, when asked."""
    meetings = Meeting.objects.all()
    # Through subqueries, so that the speaker count below still counts every speaker.
    if group is not None:
        meetings = meetings.filter(pk__in=Participant.objects.filter(group=group).values("meeting"))
    if person is not None:
        meetings = meetings.filter(
            pk__in=Participant.objects.filter(person=person).values("meeting")
        )
    if date_from is not None:
        meetings = meetings.filter(date__gte=date_from)
    if date_to is not None:
        meetings = meetings.filter(date__lte=date_to)
    return meetings.annotate(participant_count=Count("participants")).order_by(
        "-date", "-start_time", "title"
    )


def person_participations(person) -> QuerySet[Participant]:
    """Where a person spoke, with their share of each meeting's floor."""
    return (
        Participant.objects.filter(person=person)
        .select_related("meeting", "group", "person")
        .order_by("-meeting__date", "-meeting__start_time")
    )


# Colours for stakeholder groups in a transcript; a group keeps its colour within a page.
GROUP_PALETTE_SIZE = 8


def group_colours(meeting: Meeting) -> dict[int, int]:
    """group id -> palette index, in order of each group's share of the floor."""
    ordered = (
        meeting.participants.exclude(group=None)
        .values("group_id")
        .annotate(share=Sum("share"))
        .order_by("-share", "group_id")
    )
    return {row["group_id"]: index % GROUP_PALETTE_SIZE for index, row in enumerate(ordered)}


@dataclass(frozen=True)
class TimelineSegment:
    title: str
    first_turn: int
    last_turn: int
    seconds: float
    percent: float


def topic_timeline(meeting: Meeting) -> list[TimelineSegment]:
    topics = list(meeting.topics.all())
    total = sum(topic.seconds for topic in topics) or 1.0
    return [
        TimelineSegment(
            topic.title,
            topic.first_turn,
            topic.last_turn,
            topic.seconds,
            round(topic.seconds / total * 100, 2),
        )
        for topic in topics
    ]


def marked_segments(text: str, sentences: list[str]) -> list[tuple[str, bool]]:
    """Split a turn's text into (piece, is_candidate) so that candidate sentences can be
    highlighted without marking up the text itself."""
    spans = []
    for sentence in sentences:
        start = text.find(sentence)
        if start >= 0:
            spans.append((start, start + len(sentence)))
    pieces: list[tuple[str, bool]] = []
    position = 0
    for start, end in sorted(spans):
        if start < position:
            continue
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append((text[start:end], True))
        position = end
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


@dataclass(frozen=True)
class FloorShare:
    label: str
    slug: str  # empty for speakers linked to no group
    share: float
    turns: int
    seconds: float

    @property
    def percent(self) -> float:
        return round(self.share * 100, 1)

    @property
    def url(self) -> str:
        return reverse("community:group", kwargs={"slug": self.slug}) if self.slug else ""


def meeting_floor_shares(meeting: Meeting) -> list[FloorShare]:
    """Each group's share of one meeting's floor (0–1; ``FloorShare.percent`` for the
    page), from its participants' shares. Unlinked speakers form their own row, so the
    shares always add up to the whole."""
    rows = (
        meeting.participants.values("group__slug", "group__name")
        .annotate(share=Sum("share"), turns=Sum("turns"), seconds=Sum("seconds"))
        .order_by("-share")
    )
    return [
        FloorShare(
            label=row["group__name"] or "",
            slug=row["group__slug"] or "",
            share=row["share"] or 0,
            turns=row["turns"] or 0,
            seconds=row["seconds"] or 0,
        )
        for row in rows
    ]


def floor_by_participant(meeting: Meeting) -> QuerySet[Participant]:
    return meeting.participants.select_related("person", "group").order_by("-share", "label")


def meeting_turns(meeting: Meeting) -> QuerySet[Turn]:
    return meeting.turns.select_related("participant__person", "group").order_by("index")


def excerpt(text: str, query: str, width: int = 160) -> str:
    """The part of a turn around the first word of the query, so a search result shows why
    it matched."""
    words = query.split()
    position = text.casefold().find(words[0].casefold()) if words else -1
    if position < 0 or len(text) <= width:
        return text[:width] + ("…" if len(text) > width else "")
    start = max(position - width // 3, 0)
    end = min(start + width, len(text))
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def turn_search(*, query: str, meeting: Meeting | None = None) -> QuerySet[Turn]:
    """Turns whose text contains every word of the query, through the full-text index
    (meetings/search.py; Chinese needs no spaces: a word is found inside a sentence)."""
    return search.turn_search(query=query, meeting=meeting)


def turn_matches(*, query: str, meeting: Meeting | None = None, width: int = 160) -> list[Turn]:
    """The first turns that match the query, each with the ``excerpt`` that shows why;
    none for an empty query."""
    if not query:
        return []
    matches = list(turn_search(query=query, meeting=meeting)[:MAX_SEARCH_RESULTS])
    for turn in matches:
        turn.excerpt = excerpt(turn.text, query, width=width)
    return matches


@dataclass(frozen=True)
class MeetingTranscript:
    """A meeting's transcript as its page shows it: every turn with its ``segments``
    (candidate sentences marked) and ``colour`` (its group's palette index, or None)."""

    candidates: list[Candidate]
    turns: list[Turn]
    legend: list[tuple[StakeholderGroup, int]]  # each group that spoke and its colour


def meeting_transcript(meeting: Meeting) -> MeetingTranscript:
    candidates = list(meeting.candidates.select_related("turn__participant__person"))
    sentences: dict[int, list[str]] = {}
    # What the secretariat dismissed is no longer highlighted.
    for candidate in candidates:
        if candidate.status != Candidate.Status.DISMISSED:
            sentences.setdefault(candidate.turn_id, []).append(candidate.sentence)
    colours = group_colours(meeting)
    turns = list(meeting_turns(meeting))
    for turn in turns:
        turn.segments = marked_segments(turn.text, sentences.get(turn.pk, []))
        turn.colour = colours.get(turn.group_id)
    legend = [
        (group, colours[group.pk]) for group in StakeholderGroup.objects.filter(pk__in=colours)
    ]
    return MeetingTranscript(candidates=candidates, turns=turns, legend=legend)
