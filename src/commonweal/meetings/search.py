"""Search across every meeting's turns on a full-text index.

The choices (ranking, bounds, short words) are in docs/decisions/meetings-search-index.md.

One selector, two backends: on SQLite an FTS5 table with the trigram tokenizer
(``meetings_turn_fts``, kept in step with ``meetings_turn`` by triggers, migration 0002),
on PostgreSQL a GIN index on ``meetings_turn`` over the block of ids a turn lies in and
its text's trigrams (pg_trgm and btree_gin, migration 0003). A trigram index finds any
substring of three characters or more, so Chinese, which has no spaces between words, is
found inside a sentence as English is.

What a query means is unchanged from the plain substring scan it replaces: a turn matches
when its text contains every word of the query (case-insensitively). Words of three
characters or more go to the index; shorter ones ("预算" is a common two-character word)
have no trigram, so they only narrow what the index finds, or, when the query has no
longer word, are looked for by a scan bounded to the most recently stored turns (and to
one meeting when searching inside it).

Results come newest meeting first, then in the order spoken. The search takes at most
``CANDIDATES`` matches, the most recently stored first, so that a word found in half the
archive costs no more than a rare one; the page says when that bound was hit. Only those
matches' ids, meetings and positions are read and sorted; the text, title and speaker
are read for the ``MAX_RESULTS`` shown.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Max, QuerySet
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from commonweal.meetings.models import Meeting, Turn

MAX_WORDS = 10
TRIGRAM = 3  # the shortest word the index can find
CANDIDATES = 2000  # matches taken, most recently stored first
SHORT_SCAN_TURNS = 50_000  # turns scanned for a query of short words only
MAX_RESULTS = 200
# PostgreSQL, which asks its index for slices of the id space, newest first:
ID_BLOCK = 1024  # ids per key of the index's first column, as migration 0003 has it
PROBE_BLOCKS = 48  # the first slice: a word in one turn in 25 fills the bound there
SLICE_SLACK = 1.5  # a later slice should hold this many times the matches wanted
WHOLE_ARCHIVE = 0.5  # a slice of this share of the ids (at most 1) is the whole archive
WIDEN = 8  # a slice that found nothing is followed by one this many times as large

# A match before its text is read: (turn id, meeting id, the turn's index in its meeting).
Candidate = tuple[int, int, int]


@dataclass(frozen=True)
class TurnHit:
    """One result as the page shows it: where the turn is, who spoke, and its excerpt as
    pieces, matched or not (``excerpt_marked``)."""

    url: str
    meeting_title: str
    language: str
    index: int
    speaker: str
    marked: list[tuple[str, bool]]

    @property
    def marked_html(self) -> str:
        """The excerpt with each matched piece in <mark> and every piece escaped: one
        string for the page rather than a template loop over the pieces (which took half
        the time of rendering 200 results)."""
        return mark_safe(  # noqa: S308 - every piece is escaped just here
            "".join(
                f"<mark>{escape(piece)}</mark>" if matched else escape(piece)
                for piece, matched in self.marked
            )
        )


@dataclass(frozen=True)
class TurnSearch:
    """What a search found: ``turns`` newest meeting first, at most ``MAX_RESULTS``.

    ``more`` is true when the bound of ``CANDIDATES`` matches was reached, so that more
    turns may match (the page asks for a narrower query); ``scanned_turns`` is set when
    only short words were given and just that many of the latest turns were looked at.
    """

    turns: list[TurnHit]
    more: bool = False
    scanned_turns: int | None = None


def query_words(query: str) -> list[str]:
    return query.split()[:MAX_WORDS]


def turn_search(*, query: str, meeting: Meeting | None = None) -> QuerySet[Turn]:
    """The first ``MAX_RESULTS`` turns whose text contains every word of the query, newest
    meeting first, then in the order spoken; an empty query finds nothing."""
    first, _, _, _ = _first(query_words(query), meeting)
    ids = [turn_id for turn_id, _, _ in first]
    turns = Turn.objects.select_related("meeting", "participant__person").filter(pk__in=ids)
    return turns.order_by(F("meeting__date").desc(nulls_last=True), "meeting_id", "index")


def turn_search_run(*, query: str, meeting: Meeting | None = None) -> TurnSearch:
    """The search page's answer: the first ``MAX_RESULTS`` turns as ``TurnHit``s, and what
    bounded them. Reads only the columns shown: no model is built for a result."""
    words = query_words(query)
    first, meetings, more, scanned = _first(words, meeting)
    if not first:
        return TurnSearch([], more=more, scanned_turns=scanned)
    condition, params = _id_condition("t.id", [turn_id for turn_id, _, _ in first])
    sql = (
        "SELECT t.id, t.text, p.label, pe.is_erased FROM meetings_turn t "  # noqa: S608
        "JOIN meetings_participant p ON p.id = t.participant_id "
        f"LEFT JOIN community_person pe ON pe.id = p.person_id WHERE {condition}"
    )
    turns = {row[0]: row[1:] for row in _fetch(sql, params)}
    pattern, url = _words_pattern(words), _turn_url_parts()
    hits = [
        _hit(candidate, turns[candidate[0]], meetings[candidate[1]], pattern, url)
        for candidate in first
        if candidate[0] in turns  # a turn deleted meanwhile is left out
    ]
    return TurnSearch(hits, more=more, scanned_turns=scanned)


def _hit(
    candidate: Candidate, turn: tuple, meeting: tuple, pattern: re.Pattern, url: tuple
) -> TurnHit:
    _, meeting_id, index = candidate
    text, label, erased = turn
    _, title, language = meeting
    head, middle, tail = url
    return TurnHit(
        url=f"{head}{meeting_id}{middle}{index}{tail}",
        meeting_title=title,
        language=language,
        index=index,
        # As Participant.speaker_name has it: an erased person's turns keep no name.
        speaker=gettext("Former participant") if erased else label,
        marked=_excerpt(text, pattern),
    )


def _turn_url_parts() -> tuple[str, str, str]:
    """A turn's URL (Turn.get_absolute_url) as the parts around its meeting and index:
    one reverse() a search rather than one a result, which took a tenth of the time."""
    sample = reverse("meetings:turn", kwargs={"pk": 1357913579, "index": 2468024680})
    head, rest = sample.split("1357913579")
    middle, tail = rest.split("2468024680")
    return head, middle, tail


def _id_condition(column: str, ids) -> tuple[str, list]:
    """``column`` is one of ``ids``, as one parameter rather than one per id (a long list
    of placeholders costs more to parse and plan than the query takes to run)."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [list(ids)]
    # ``column`` is always a fixed name of ours; the ids travel as one JSON parameter.
    return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(list(ids))]  # noqa: S608


def _first(
    words: list[str], meeting: Meeting | None
) -> tuple[list[Candidate], dict[int, tuple], bool, int | None]:
    """The first ``MAX_RESULTS`` matches, newest meeting first, then in the order spoken;
    their meetings by id, as (id, title, language); whether ``CANDIDATES`` matches were
    found (there may be more); and how many of the latest turns were scanned for a query
    of short words only."""
    if not words:
        return [], {}, False, None
    long_words = [word for word in words if len(word) >= TRIGRAM]
    short_words = [word for word in words if len(word) < TRIGRAM]
    scanned = None
    if long_words:
        found = _index_candidates(long_words, short_words, meeting)
    else:
        scanned = SHORT_SCAN_TURNS if meeting is None else None
        found = _scan_candidates(short_words, meeting)
    first, meetings = _newest_meetings_first(found)
    return first, meetings, len(found) >= CANDIDATES, scanned


def _newest_meetings_first(found: list[Candidate]) -> tuple[list[Candidate], dict[int, tuple]]:
    """The first ``MAX_RESULTS`` candidates, newest meeting first (undated last), then in
    the order spoken, and their meetings: one query reads the candidates' meetings."""
    if not found:
        return [], {}
    condition, params = _id_condition("id", {meeting_id for _, meeting_id, _ in found})
    # Only fixed SQL and a placeholder are joined; the ids travel as a parameter.
    sql = f"SELECT id, date, title, language FROM meetings_meeting WHERE {condition}"  # noqa: S608
    meetings = {row[0]: row[1:] for row in _fetch(sql, params)}
    # Two stable sorts: in the order spoken, then newest meeting first. A date is a
    # date or its ISO text (SQLite), which sort alike; undated meetings come last.
    ordered = sorted(found, key=lambda candidate: (candidate[1], candidate[2]))
    ordered.sort(key=lambda candidate: _date_key(meetings.get(candidate[1])), reverse=True)
    first = [candidate for candidate in ordered[:MAX_RESULTS] if candidate[1] in meetings]
    return first, meetings


def _date_key(meeting: tuple | None) -> tuple:
    date = meeting[0] if meeting else None
    return (date is not None, date or "")


def _scan_candidates(words: list[str], meeting: Meeting | None) -> list[Candidate]:
    """The newest ``CANDIDATES`` turns containing every (short) word, among the latest
    ``SHORT_SCAN_TURNS`` turns stored or the meeting's."""
    if meeting is None:
        newest = Turn.objects.aggregate(newest=Max("pk"))["newest"] or 0
        conditions, params = ["id > %s"], [newest - SHORT_SCAN_TURNS]
    else:
        conditions, params = ["meeting_id = %s"], [meeting.pk]
    likes, like_params = _like_conditions(words, "text")
    sql = (
        # Only fixed SQL and placeholders are joined; values travel as parameters.
        'SELECT id, meeting_id, "index" FROM meetings_turn '  # noqa: S608
        f"WHERE {' AND '.join(conditions + likes)} ORDER BY id DESC LIMIT %s"
    )
    return _fetch(sql, [*params, *like_params, CANDIDATES])


def _index_candidates(
    long_words: list[str], short_words: list[str], meeting: Meeting | None
) -> list[Candidate]:
    """The newest ``CANDIDATES`` turns containing every word, found through the index by
    the words of three characters or more."""
    if connection.vendor == "postgresql":
        if meeting is None:
            return _postgres_newest(long_words, short_words)
        return _fetch(*_postgres_sql(long_words, short_words, meeting=meeting))
    return _fetch(*_sqlite_sql(long_words, short_words, meeting))


def _fetch(sql: str, params: list) -> list[Candidate]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _like_conditions(words: list[str], column: str) -> tuple[list[str], list[str]]:
    """``column`` contains each word, case-insensitively (on SQLite, for ASCII letters)."""
    postgres = connection.vendor == "postgresql"
    conditions = [
        f"{column} {_postgres_like(word) if postgres else 'LIKE'} %s ESCAPE '\\'" for word in words
    ]
    return conditions, [_like_pattern(word) for word in words]


def _sqlite_sql(
    long_words: list[str], short_words: list[str], meeting: Meeting | None
) -> tuple[str, list]:
    # Each word as an FTS5 string: a phrase of its trigrams, that is, the substring.
    match = " AND ".join('"' + word.replace('"', '""') + '"' for word in long_words)
    likes, like_params = _like_conditions(short_words, "t.text")
    narrow = "".join(f" AND {like}" for like in likes)
    if meeting is not None:
        return (
            'SELECT t.id, t.meeting_id, t."index" FROM meetings_turn t '  # noqa: S608
            "WHERE t.meeting_id = %s AND t.id IN "
            "(SELECT rowid FROM meetings_turn_fts WHERE meetings_turn_fts MATCH %s)"
            f"{narrow} ORDER BY t.id DESC LIMIT %s",
            [meeting.pk, match, *like_params, CANDIDATES],
        )
    # FTS5 walks its matches newest first and the join stops at the bound.
    return (
        'SELECT t.id, t.meeting_id, t."index" FROM meetings_turn_fts '  # noqa: S608
        "JOIN meetings_turn t ON t.id = meetings_turn_fts.rowid "
        f"WHERE meetings_turn_fts MATCH %s{narrow} "
        "ORDER BY meetings_turn_fts.rowid DESC LIMIT %s",
        [match, *like_params, CANDIDATES],
    )


def _postgres_newest(long_words: list[str], short_words: list[str]) -> list[Candidate]:
    """The newest ``CANDIDATES`` matches, from the newest blocks of ids first.

    A GIN bitmap has no order: asked for the words alone, the index hands over every
    match in the archive before the newest can be kept. With "block at least N" in the
    same index (its first column), it skips the posting lists of older blocks, and only
    the slice's matches are read from the table. The first slice is the newest
    ``PROBE_BLOCKS`` blocks, where a word in one turn in 25 fills the bound, or fewer for a
    word the planner expects in more turns. When it falls short, the share of turns it
    found sizes the next slice, from the newest block again, to hold ``SLICE_SLACK`` times
    the matches wanted (``WIDEN`` times as large when it found none); a slice of
    ``WHOLE_ARCHIVE`` of the ids or more is the whole archive, asked without the block (a
    rare word: cheaper so).
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM meetings_turn")
        newest = cursor.fetchone()[0] or 0
        size = min(PROBE_BLOCKS * ID_BLOCK, _postgres_slice_estimate(cursor, long_words))
        while True:
            whole = size >= newest * WHOLE_ARCHIVE
            block = None if whole else int(newest - size) // ID_BLOCK
            cursor.execute(*_postgres_sql(long_words, short_words, block=block))
            found = cursor.fetchall()
            if whole or len(found) >= CANDIDATES:
                return found
            looked = newest - block * ID_BLOCK + 1
            # None found tells no share: the word may be one the latest turns stopped
            # using, common further back, where the whole archive would read it all.
            size = CANDIDATES / len(found) * looked * SLICE_SLACK if found else looked * WIDEN


def _postgres_slice_estimate(cursor, words: list[str]) -> float:
    """Ids enough for ``SLICE_SLACK`` times the matches wanted at the share of turns the
    planner expects to hold the words. Its estimate comes from a sample of a hundred turns
    or so: good for a word said in a turn in five (the probe would read ten times the
    matches wanted), too coarse for one in a hundred, which the probe then measures."""
    conditions, params = _like_conditions(words, "text")
    sql = f"EXPLAIN (FORMAT JSON) SELECT id FROM meetings_turn WHERE {' AND '.join(conditions)}"  # noqa: S608
    cursor.execute(sql, params)
    plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'meetings_turn'")
    share = plan[0]["Plan"]["Plan Rows"] / max(cursor.fetchone()[0], 1)
    return CANDIDATES / share * SLICE_SLACK if share > 0 else math.inf


def _postgres_like(word: str) -> str:
    """ILIKE, or LIKE for a word of Chinese (or other caseless) letters and digits: no
    letter folds to one of them, so LIKE finds the same turns, four times faster (ILIKE
    lowercases every turn it looks at)."""
    caseless = all(unicodedata.category(character) in {"Lo", "Nd"} for character in word)
    return "LIKE" if caseless else "ILIKE"


def _like_pattern(word: str) -> str:
    return "%" + re.sub(r"([\\%_])", r"\\\1", word) + "%"


def _postgres_sql(
    long_words: list[str],
    short_words: list[str],
    *,
    meeting: Meeting | None = None,
    block: int | None = None,
) -> tuple[str, list]:
    """The newest ``CANDIDATES`` turns with every word: the long words (and the meeting,
    and the first block) asked of the index, the short words of what it found."""
    # ILIKE is what the trigram index answers (Django's icontains is UPPER() LIKE, which
    # it does not). Materialised so that the planner reads the index rather than walking
    # the primary key backwards in the hope of meeting matches early; the short words
    # outside it, as a pattern without a trigram would have the index read whole.
    conditions, params = _like_conditions(long_words, "text")
    if meeting is not None:
        conditions.append("meeting_id = %s")
        params.append(meeting.pk)
    if block is not None:
        # The index's own expression, and a bigint: btree_gin compares like types only.
        conditions.append(f"id / {ID_BLOCK} >= CAST(%s AS bigint)")
        params.append(block)
    narrow, narrow_params = _like_conditions(short_words, "text")
    columns = 'id, meeting_id, "index"' + (", text" if short_words else "")
    return (
        # Only placeholders are joined into the text; the words travel as parameters.
        f"WITH hits AS MATERIALIZED (SELECT {columns} FROM meetings_turn "  # noqa: S608
        f"WHERE {' AND '.join(conditions)}) "
        f'SELECT id, meeting_id, "index" FROM hits '
        f"{'WHERE ' + ' AND '.join(narrow) if narrow else ''} ORDER BY id DESC LIMIT %s",
        [*params, *narrow_params, CANDIDATES],
    )


def excerpt_marked(text: str, words: list[str], width: int = 200) -> list[tuple[str, bool]]:
    """The part of ``text`` around the first word found, split into (piece, matched)
    so that the page marks every occurrence of every word without marking up text."""
    if not words:
        return [(text[:width], False)]
    return _excerpt(text, _words_pattern(words), width)


def _words_pattern(words: list[str]) -> re.Pattern:
    return re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)


def _excerpt(text: str, pattern: re.Pattern, width: int = 200) -> list[tuple[str, bool]]:
    first = pattern.search(text)
    start = max((first.start() if first else 0) - width // 3, 0)
    end = min(start + width, len(text))
    window = text[start:end]
    pieces: list[tuple[str, bool]] = [("…", False)] if start else []
    position = 0
    for found in pattern.finditer(window):
        if found.start() > position:
            pieces.append((window[position : found.start()], False))
        pieces.append((found.group(), True))
        position = found.end()
    if position < len(window):
        pieces.append((window[position:], False))
    if end < len(text):
        pieces.append(("…", False))
    return pieces
