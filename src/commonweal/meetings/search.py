"""Search across every meeting's turns on a full-text index.

The choices (ranking, bounds, short words) are in docs/decisions/meetings-search-index.md.

One selector, two backends: on SQLite an FTS5 table with the trigram tokenizer
(``meetings_turn_fts``, kept in step with ``meetings_turn`` by triggers), on PostgreSQL a
pg_trgm GIN index on ``meetings_turn.text`` itself; both created by migration 0002.
A trigram index finds any substring of three characters or more, so Chinese, which has
no spaces between words, is found inside a sentence as English is.

What a query means is unchanged from the plain substring scan it replaces: a turn matches
when its text contains every word of the query (case-insensitively). Words of three
characters or more go to the index; shorter ones ("预算" is a common two-character word)
have no trigram, so they only narrow what the index found, or, when the query has no
longer word, are looked for by a scan bounded to the most recently stored turns (and to
one meeting when searching inside it).

Results come newest meeting first, then in the order spoken. The index hands over at
most ``CANDIDATES`` matches, the most recently stored first, so that a word found in
half the archive costs no more than a rare one; the page says when that bound was hit.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Max, QuerySet

from commonweal.meetings.models import Meeting, Turn

MAX_WORDS = 10
TRIGRAM = 3  # the shortest word the index can find
CANDIDATES = 2000  # matches taken from the index, most recently stored first
SHORT_SCAN_TURNS = 50_000  # turns scanned for a query of short words only
MAX_RESULTS = 200
SLICE_SLACK = 1.5  # PostgreSQL: a slice of the id space holds this many times the matches wanted


@dataclass(frozen=True)
class TurnSearch:
    """What a search found: ``turns`` newest meeting first, at most ``MAX_RESULTS``.

    ``more`` is true when the index held more matches than it handed over (the page asks
    for a narrower query); ``scanned_turns`` is set when only short words were given and
    just that many of the latest turns were looked at.
    """

    turns: list[Turn]
    more: bool = False
    scanned_turns: int | None = None


def query_words(query: str) -> list[str]:
    return query.split()[:MAX_WORDS]


def turn_search(*, query: str, meeting: Meeting | None = None) -> QuerySet[Turn]:
    """The first ``MAX_RESULTS`` turns whose text contains every word of the query, newest
    meeting first, then in the order spoken; an empty query finds nothing."""
    return _search(query_words(query), meeting)[0]


def turn_search_run(*, query: str, meeting: Meeting | None = None) -> TurnSearch:
    """The search page's answer: the first ``MAX_RESULTS`` turns, each with ``marked``
    (its excerpt as pieces, matched or not: ``excerpt_marked``), and what bounded them."""
    words = query_words(query)
    turns, more, scanned = _search(words, meeting)
    found = list(turns)
    for turn in found:
        turn.marked = excerpt_marked(turn.text, words)
    return TurnSearch(found, more=more, scanned_turns=scanned)


def _search(words: list[str], meeting: Meeting | None) -> tuple[QuerySet[Turn], bool, int | None]:
    """The result's turns, whether the index held more candidates than it handed over,
    and how many of the latest turns were scanned for a query of short words only."""
    turns = Turn.objects.select_related("meeting", "participant__person")
    if not words:
        return turns.none(), False, None
    long_words = [word for word in words if len(word) >= TRIGRAM]
    short_words = [word for word in words if len(word) < TRIGRAM]
    more, scanned = False, None
    conditions, params = [], []
    if long_words:
        ids = _index_matches(long_words, meeting)
        more = len(ids) >= CANDIDATES
        if not ids:
            return turns.none(), more, scanned
        if connection.vendor == "postgresql":
            # One array rather than 2,000 placeholders: a third of the time to plan.
            conditions.append("t.id = ANY(%s)")
            params.append(ids)
        else:
            conditions.append(f"t.id IN ({', '.join(['%s'] * len(ids))})")
            params += ids
    elif meeting is None:
        scanned = SHORT_SCAN_TURNS
        newest = Turn.objects.aggregate(newest=Max("pk"))["newest"] or 0
        conditions.append("t.id > %s")
        params.append(newest - SHORT_SCAN_TURNS)
    if meeting is not None:
        conditions.append("t.meeting_id = %s")
        params.append(meeting.pk)
    postgres = connection.vendor == "postgresql"
    for word in short_words:
        conditions.append(f"t.text {_postgres_like(word) if postgres else 'LIKE'} %s ESCAPE '\\'")
        params.append(_like_pattern(word))
    ids = _first_ids(conditions, params)
    ordered = turns.filter(pk__in=ids).order_by("-meeting__date", "meeting_id", "index")
    return ordered, more, scanned


def _first_ids(conditions: list[str], params: list) -> list[int]:
    """Ids of the first ``MAX_RESULTS`` turns meeting every condition, newest meeting
    first: only ids and sort keys are sorted, never whole rows."""
    sql = (
        # Only fixed SQL and placeholders are joined; values travel as parameters.
        "SELECT t.id FROM meetings_turn t JOIN meetings_meeting m ON m.id = t.meeting_id "  # noqa: S608
        f"WHERE {' AND '.join(conditions)} "
        'ORDER BY m.date DESC, t.meeting_id, t."index" LIMIT %s'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, MAX_RESULTS])
        return [row[0] for row in cursor.fetchall()]


def _index_matches(words: list[str], meeting: Meeting | None) -> list[int]:
    """Ids of turns containing every word (each of at least three characters), at most
    ``CANDIDATES``, the most recently stored first."""
    if connection.vendor == "postgresql":
        if meeting is None:
            return _postgres_newest(words)
        sql, params = _postgres_sql(words, meeting)
    else:
        sql, params = _sqlite_sql(words, meeting)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _postgres_newest(words: list[str]) -> list[int]:
    """The newest ``CANDIDATES`` matches, from slices of the id space, newest first.

    The trigram index alone hands over every match before the newest can be kept: for a
    word in one turn in ten, a tenth of the archive rechecked row by row. Intersected with
    a slice of the primary key (a BitmapAnd), only the slice's matches are rechecked. The
    first slice is sized from the planner's estimate of the word's share to hold the bound
    with room to spare; when it falls short the next, older slice is sized from the share
    found (and the rest of the archive is taken at once when none was found).
    """
    ids: list[int] = []
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM meetings_turn")
        upper = cursor.fetchone()[0] or 0
        # The planner would walk the primary key with the ILIKE as a filter (it rates
        # ILIKE cheap): several times slower than the BitmapAnd.
        cursor.execute("SET LOCAL enable_indexscan = off")
        share = _postgres_share(cursor, words, upper)
        while upper > 0 and len(ids) < CANDIDATES:
            need = CANDIDATES - len(ids)
            size = int(need / share * SLICE_SLACK) + 1 if share else upper
            sql, params = _postgres_sql(words, None, above=max(upper - size, 0), limit=need)
            cursor.execute(sql.replace("WHERE", "WHERE id <= %s AND", 1), [upper, *params])
            found = [row[0] for row in cursor.fetchall()]
            ids += found
            share, upper = len(found) / size, upper - size
        # For the rest of an enclosing transaction (a request's); a rollback undoes it.
        cursor.execute("RESET enable_indexscan")
    return ids


def _postgres_share(cursor, words: list[str], turns: int) -> float:
    """The share of turns expected to contain every word, from the planner's estimates.

    For several words the planner multiplies their shares as if independent, but the
    words of one query go together (three times too few for "budget policy"): a slice
    sized so holds many times the matches wanted, too large for the BitmapAnd. The
    geometric mean of that product and the rarest word's share stands between the two.
    """
    share = _postgres_estimate(cursor, words) / max(turns, 1)
    if len(words) > 1:
        rarest = min(_postgres_estimate(cursor, [word]) for word in words) / max(turns, 1)
        share = math.sqrt(share * rarest)
    return min(share, 1.0)


def _postgres_estimate(cursor, words: list[str]) -> float:
    condition = " AND ".join(f"text {_postgres_like(word)} %s" for word in words)
    sql = f"EXPLAIN (FORMAT JSON) SELECT id FROM meetings_turn WHERE {condition}"  # noqa: S608
    cursor.execute(sql, [_like_pattern(word) for word in words])
    plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return plan[0]["Plan"]["Plan Rows"]


def _sqlite_sql(words: list[str], meeting: Meeting | None) -> tuple[str, list]:
    # Each word as an FTS5 string: a phrase of its trigrams, that is, the substring.
    match = " AND ".join('"' + word.replace('"', '""') + '"' for word in words)
    if meeting is not None:
        return (
            "SELECT id FROM meetings_turn WHERE meeting_id = %s AND id IN "
            "(SELECT rowid FROM meetings_turn_fts WHERE meetings_turn_fts MATCH %s) "
            "ORDER BY id DESC LIMIT %s",
            [meeting.pk, match, CANDIDATES],
        )
    return (
        "SELECT rowid FROM meetings_turn_fts WHERE meetings_turn_fts MATCH %s "
        "ORDER BY rowid DESC LIMIT %s",
        [match, CANDIDATES],
    )


def _postgres_like(word: str) -> str:
    """ILIKE, or LIKE for a word of Chinese (or other caseless) letters and digits: no
    letter folds to one of them, so LIKE finds the same turns, four times faster (ILIKE
    lowercases every turn it looks at)."""
    caseless = all(unicodedata.category(character) in {"Lo", "Nd"} for character in word)
    return "LIKE" if caseless else "ILIKE"


def _like_pattern(word: str) -> str:
    return "%" + re.sub(r"([\\%_])", r"\\\1", word) + "%"


def _postgres_sql(
    words: list[str], meeting: Meeting | None, above: int | None = None, limit: int = CANDIDATES
) -> tuple[str, list]:
    # ILIKE is what the trigram index answers (Django's icontains is UPPER() LIKE, which
    # it does not). Materialised so that the planner reads the index rather than walking
    # the primary key backwards in the hope of meeting matches early.
    condition = " AND ".join(f"text {_postgres_like(word)} %s" for word in words)
    params: list = [_like_pattern(word) for word in words]
    if meeting is not None:
        condition += " AND meeting_id = %s"
        params.append(meeting.pk)
    if above is not None:
        condition += " AND id > %s"
        params.append(above)
    return (
        # Only placeholders are joined into the text; the words travel as parameters.
        f"WITH hits AS MATERIALIZED (SELECT id FROM meetings_turn WHERE {condition}) "  # noqa: S608
        "SELECT id FROM hits ORDER BY id DESC LIMIT %s",
        [*params, limit],
    )


def excerpt_marked(text: str, words: list[str], width: int = 200) -> list[tuple[str, bool]]:
    """The part of ``text`` around the first word found, split into (piece, matched)
    so that the page marks every occurrence of every word without marking up text."""
    if not words:
        return [(text[:width], False)]
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
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
