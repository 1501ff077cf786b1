from __future__ import annotations

import datetime
from dataclasses import dataclass

import babel
from django.db.models import Count, Max, Min, Prefetch, QuerySet, Sum
from django.urls import reverse
from django.utils.http import urlencode

from commonweal.community.models import StakeholderGroup
from commonweal.meetings import search
from commonweal.meetings.models import (
    Candidate,
    Meeting,
    MeetingEdition,
    Participant,
    Turn,
    edition_in,
    primary_language,
)

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
    titles = MeetingEdition.objects.only("meeting_id", "language", "title")
    return (
        meetings.annotate(participant_count=Count("participants"))
        .prefetch_related(Prefetch("editions", queryset=titles))
        .order_by("-date", "-start_time", "title")
    )


def person_participations(person) -> QuerySet[Participant]:
    """Where a person spoke, with their share of each meeting's floor."""
    return (
        Participant.objects.filter(person=person)
        .select_related("meeting", "group", "person")
        .order_by("-meeting__date", "-meeting__start_time")
    )


def group_colours(meeting: Meeting) -> dict[int, str]:
    """group id -> the group's own colour (community.colours), for each group that spoke,
    in order of its share of the floor: a group has the same colour on every meeting."""
    ordered = (
        meeting.participants.exclude(group=None)
        .values("group_id", "group__colour")
        .annotate(share=Sum("share"))
        .order_by("-share", "group_id")
    )
    return {row["group_id"]: row["group__colour"] for row in ordered}


# The most topics and speakers a meeting's page lists; the summaries above them count all.
TOPICS_SHOWN = 200
SPEAKERS_SHOWN = 100


@dataclass(frozen=True)
class TimelineSegment:
    title: str
    first_turn: int
    last_turn: int
    seconds: float
    percent: float
    href: str  # the link to the topic's first turn
    pk: int = 0  # the topic's, for the secretariat's "rename"


def topic_timeline(meeting: Meeting, window: TranscriptWindow) -> list[TimelineSegment]:
    """The meeting's first ``TOPICS_SHOWN`` topics, each as its share of the time."""
    total = meeting.topics.aggregate(total=Sum("seconds"))["total"] or 1.0
    return [
        TimelineSegment(
            topic.title,
            topic.first_turn,
            topic.last_turn,
            topic.seconds,
            round(topic.seconds / total * 100, 2),
            window.href(topic.first_turn),
            topic.pk,
        )
        for topic in meeting.topics.order_by("index")[:TOPICS_SHOWN]
    ]


Segment = tuple[str, bool, list[tuple[str, bool]]]


def marked_segments(text: str, sentences: list[str], words: list[str] = ()) -> list[Segment]:
    """Split a turn's text into (piece, is_candidate, parts) so that candidate sentences,
    and inside them the words searched for (``parts``: (part, is_hit)), can be
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
    return [(piece, marked, _hits(piece, list(words))) for piece, marked in pieces]


def _hits(piece: str, words: list[str]) -> list[tuple[str, bool]]:
    """The piece split into (part, is_hit) on every occurrence of the words searched for."""
    if not words:
        return [(piece, False)]
    return search.excerpt_marked(piece, words, width=len(piece) + 1)


@dataclass(frozen=True)
class FloorShare:
    label: str
    slug: str  # empty for speakers linked to no group
    share: float
    turns: int
    seconds: float
    colour: str = ""  # the group's own colour; empty for speakers linked to no group

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
        meeting.participants.values("group__slug", "group__name", "group__colour")
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
            colour=row["group__colour"] or "",
        )
        for row in rows
    ]


def floor_by_participant(meeting: Meeting) -> QuerySet[Participant]:
    return meeting.participants.select_related("person", "group").order_by("-share", "label")


def counted(rows: QuerySet, shown: int) -> tuple[list, int]:
    """The first ``shown`` rows and how many there are in all (counted only when more
    may be left out)."""
    first = list(rows[:shown])
    return first, (rows.count() if len(first) == shown else len(first))


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


# A meeting's page shows its transcript this many turns at a time, so that the page stays
# small however long the meeting ran (a quarter of a million turns is a legal transcript).
TURN_WINDOW = 100
# The most candidates listed on a page (each links to the part that holds its turn).
CANDIDATES_SHOWN = 200


@dataclass(frozen=True)
class TranscriptWindow:
    """Which turns a page shows: those whose index lies in ``first``–``last`` (at most
    ``TURN_WINDOW``, aligned to it so that links to a window stay the same) of ``count``;
    ``earlier`` and ``later`` are the turns that open the neighbouring windows, if any."""

    first: int
    last: int
    count: int
    earlier: int | None
    later: int | None
    query: str = ""
    edition: str = ""  # the language edition the reader chose, kept in every link

    @property
    def is_partial(self) -> bool:
        return self.earlier is not None or self.later is not None

    def holds(self, index: int) -> bool:
        return self.first <= index <= self.last

    def href(self, index: int) -> str:
        """A link to turn ``index``: its anchor when this window holds it, else the
        window that does (the search kept)."""
        if self.holds(index):
            return f"#turn-{index}"
        return "?" + self.params(index) + f"#turn-{index}"

    def params(self, index: int, *, edition: str | None = None) -> str:
        """The query string of a link to turn ``index`` (``edition`` for another one)."""
        edition = self.edition if edition is None else edition
        return urlencode(
            {
                "turn": index,
                **({"q": self.query} if self.query else {}),
                **({"edition": edition} if edition else {}),
            }
        )

    @property
    def earlier_params(self) -> str:
        return self.params(self.earlier) if self.earlier is not None else ""

    @property
    def later_params(self) -> str:
        return self.params(self.later) if self.later is not None else ""


def transcript_window(
    meeting: Meeting, *, turn: int | None, query: str = "", edition: str = ""
) -> TranscriptWindow:
    """The window that holds turn ``turn`` (the first window when none is asked for)."""
    # Apart, each bound is one step down the (meeting, index) index; together, or with a
    # count, they read every turn. The count comes from the speakers' aggregated turns.
    low = meeting.turns.aggregate(low=Min("index"))["low"] or 0
    high = meeting.turns.aggregate(high=Max("index"))["high"] or 0
    count = meeting.participants.aggregate(count=Sum("turns"))["count"] or 0
    start = (min(max(turn or 0, low), high) // TURN_WINDOW) * TURN_WINDOW
    end = start + TURN_WINDOW - 1
    return TranscriptWindow(
        first=start,
        last=end,
        count=count,
        earlier=start - TURN_WINDOW if start > low else None,
        later=end + 1 if high > end else None,
        query=query,
        edition=edition,
    )


def window_matches(meeting: Meeting, window: TranscriptWindow) -> list[Turn]:
    """The meeting's turns that match the window's search, each with the ``href`` that
    opens it, where it is on this page or in the window that holds it."""
    matches = turn_matches(query=window.query, meeting=meeting)
    words = search.query_words(window.query)
    for turn in matches:
        turn.href = window.href(turn.index)
        turn.excerpt_parts = search.excerpt_marked(turn.text, words, width=160)
    return matches


@dataclass(frozen=True)
class MeetingTranscript:
    """The part of a meeting's transcript a page shows: the window's turns, each with its
    ``segments`` (candidate sentences marked) and ``colour`` (its group's colour, #rrggbb,
    or None), and the meeting's first candidates, each with the ``href`` of its turn."""

    window: TranscriptWindow
    candidates: list[Candidate]
    candidate_count: int
    turns: list[Turn]
    legend: list[tuple[StakeholderGroup, str]]  # each group that spoke and its colour


def meeting_transcript(meeting: Meeting, window: TranscriptWindow) -> MeetingTranscript:
    candidates = list(
        meeting.candidates.select_related("turn__participant__person").order_by(
            "turn__index", "pk"
        )[:CANDIDATES_SHOWN]
    )
    for candidate in candidates:
        candidate.href = window.href(candidate.turn.index)
    # What the secretariat dismissed is no longer highlighted.
    sentences: dict[int, list[str]] = {}
    shown = meeting.candidates.filter(turn__index__range=(window.first, window.last))
    for turn_id, sentence in shown.exclude(status=Candidate.Status.DISMISSED).values_list(
        "turn_id", "sentence"
    ):
        sentences.setdefault(turn_id, []).append(sentence)
    colours = group_colours(meeting)
    words = search.query_words(window.query)
    turns = list(meeting_turns(meeting).filter(index__range=(window.first, window.last)))
    for turn in turns:
        turn.segments = marked_segments(turn.text, sentences.get(turn.pk, []), words)
        turn.colour = colours.get(turn.group_id)
    groups = StakeholderGroup.objects.in_bulk(list(colours))
    legend = [(groups[pk], colour) for pk, colour in colours.items()]
    return MeetingTranscript(
        window=window,
        candidates=candidates,
        candidate_count=meeting.candidates.count(),
        turns=turns,
        legend=legend,
    )


def language_name(language: str) -> str:
    """A language's name in that language ("中文", "العربية"), as a switch between
    languages names them; the tag itself when Babel does not know it."""
    try:
        name = babel.Locale.parse(primary_language(language)).get_display_name(
            primary_language(language)
        )
    except (ValueError, babel.UnknownLocaleError):
        return language
    return name or language


def meeting_editions(meeting: Meeting) -> list[MeetingEdition]:
    """The meeting's language editions, each with its language's ``name``, without what
    only alignment needs."""
    editions = list(meeting.editions.defer("speakers").order_by("language"))
    for edition in editions:
        edition.name = language_name(edition.language)
    return editions


def edition_shown(
    meeting: Meeting, editions: list[MeetingEdition], *, asked: str, reader: str
) -> MeetingEdition | None:
    """The edition to show beside the original: the one asked for (``?edition=``), else
    the one in the reader's language; None for the original alone (asked for, or no
    edition in the reader's language)."""
    return edition_in(meeting, editions, asked or reader)


def edition_asked(meeting: Meeting, editions: list[MeetingEdition], asked: str) -> str:
    """``asked`` when it names the original's language or an edition's, else ""."""
    known = {primary_language(meeting.language), *(primary_language(e.language) for e in editions)}
    return asked if asked and primary_language(asked) in known else ""


@dataclass(frozen=True)
class EditionChoice:
    language: str
    name: str  # in its own language
    href: str
    current: bool
    original: bool


def edition_choices(
    meeting: Meeting,
    editions: list[MeetingEdition],
    shown: MeetingEdition | None,
    window: TranscriptWindow,
) -> list[EditionChoice]:
    """The original and each edition, as links that keep the reader's place."""
    if not editions:
        return []
    choices = [
        EditionChoice(
            meeting.language,
            language_name(meeting.language),
            "?" + window.params(window.first, edition=meeting.language) + "#transcript",
            shown is None,
            True,
        )
    ]
    for edition in editions:
        choices.append(
            EditionChoice(
                edition.language,
                language_name(edition.language),
                "?" + window.params(window.first, edition=edition.language) + "#transcript",
                shown is not None and shown.pk == edition.pk,
                False,
            )
        )
    return choices


def edition_beside(edition: MeetingEdition, window: TranscriptWindow, turns: list[Turn]) -> None:
    """Give each of the window's turns what the edition says beside it: ``translation``
    (the edition's turns that translate it, then those with no counterpart in the
    original that come after it) and ``translated_before`` (True when the edition
    joined it with the turn before, so the translation stands there)."""
    rows = edition.turns.filter(turn_index__range=(window.first - 1, window.last)).order_by("index")
    beside: dict[int, list] = {}
    joined: set[int] = set()
    for row in rows.only("turn_index", "span", "text"):
        if row.span == 2:
            joined.add(row.turn_index + 1)
        beside.setdefault(row.turn_index, []).append(row)
    for turn in turns:
        turn.translation = beside.get(turn.index, [])
        turn.translated_before = turn.index in joined
