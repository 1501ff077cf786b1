"""Topics: segments of the meeting opened by a chair's cue.

"我们开始第一个主题", "下一个问题", "主题 2", "the Board's questions", "next topic".
Only a chair (a roster role containing "chair"; everyone when the roster names no
chair) opens a topic, a numbered cue must be the next number ("主题 2" while topic 2 is
under way is a reference, not an opening; "主题 3" during topic 1 is a pointer ahead),
and a cue in the same sentence as a word such as "之前"/"before" ("before we move to
the next topic") opens nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import chain, groupby, repeat
from operator import add, itemgetter
from typing import NamedTuple

from commonweal.transcript.cuehits import CueIndex
from commonweal.transcript.languages import (
    EXTRA_CLAUSE_MARKS,
    EXTRA_SENTENCE_MARKS,
    CueTable,
    cues_for,
)
from commonweal.transcript.model import Topic, Turn
from commonweal.transcript.turntable import TurnTable, turn_participants, turn_texts

_SENTENCE_MARKS = "。！？.!?"
_CLAUSE_MARKS = "，,；;"
_TITLE_LENGTH = 80


class Marks(NamedTuple):
    """Where sentences and clauses end in a language, as the patterns that find them."""

    # "last_": greedy to the end, then back to the last mark (the regex engine walks back
    # in C).
    sentence: re.Pattern[str]
    last_sentence: re.Pattern[str]
    clause: re.Pattern[str]
    last_clause: re.Pattern[str]


@lru_cache(maxsize=16)
def marks_for(language: str) -> Marks:
    """The marks of a language: every language's, and those it adds (Arabic "؟ ، ؛")."""
    sentence = _SENTENCE_MARKS + EXTRA_SENTENCE_MARKS.get(language, "") + "\n"
    clause = _CLAUSE_MARKS + EXTRA_CLAUSE_MARKS.get(language, "") + sentence
    sentence, clause = re.escape(sentence), re.escape(clause)
    return Marks(
        re.compile(f"[{sentence}]"),
        re.compile(f".*[{sentence}]", re.DOTALL),
        re.compile(f"[{clause}]"),
        re.compile(f".*[{clause}]", re.DOTALL),
    )


_MARKS = marks_for("")


_NUMBER_AFTER = re.compile(r"\s*(\d{1,2})(?!\d)")


def sentence_around(text: str, start: int, end: int, marks: Marks = _MARKS) -> str:
    """The sentence of ``text`` that holds the span start..end, with its end mark."""
    return sentence_and_mark(text, start, end, marks)[0]


def sentence_and_mark(text: str, start: int, end: int, marks: Marks = _MARKS) -> tuple[str, int]:
    """The sentence around start..end, and where its end mark is (the text's end if it
    has none): a later span that starts before the mark lies in the same sentence."""
    following = marks.sentence.search(text, end)  # the first mark at or after ``end``
    if following is None:
        stop = mark = len(text)
    else:
        mark = following.start()
        stop = following.end() - (following.group() == "\n")
    before = marks.last_sentence.match(text, 0, start)  # through the last mark before
    return text[before.end() if before else 0 : stop].strip(), mark


def find_topics(
    turns: Sequence[Turn], language: str, chairs: set[int] | None, cues: CueIndex | None = None
) -> list[Topic]:
    """Topics covering every turn, in order; turns before the first cue are the opening.

    ``cues``: the index of the turns' texts, when the caller has made one already."""
    table = cues_for(language)
    marks = marks_for(language)
    openings: list[tuple[int, str]] = []
    number = 0
    texts = turn_texts(turns)
    if cues is None:
        cues = CueIndex(texts, table.topic_open + table.topic_numbered)
    # Every cue as (turn, start, end, numbered), in order.
    hits = sorted(
        chain(
            map(add, cues.spans(table.topic_open), repeat((False,))),
            map(add, cues.spans(table.topic_numbered), repeat((True,))),
        )
    )
    speakers = turn_participants(turns)
    for index, in_turn in groupby(hits, key=itemgetter(0)):
        if chairs is not None and speakers[index] not in chairs:
            continue
        title = _opening_in(texts[index], in_turn, table, number, marks)
        if title is not None:
            number += 1
            openings.append((index, title))
    if not turns:
        return []
    if not openings or openings[0][0] != 0:
        openings.insert(0, (0, table.opening_title))
    return _topics(turns, openings)


def _topics(turns: Sequence[Turn], openings: list[tuple[int, str]]) -> list[Topic]:
    topics = []
    seconds_of = turns.seconds if isinstance(turns, TurnTable) else [t.seconds for t in turns]
    for position, (first, title) in enumerate(openings):
        last = openings[position + 1][0] - 1 if position + 1 < len(openings) else len(turns) - 1
        seconds = sum(seconds_of[first : last + 1])
        topics.append(Topic(title=title, first_turn=first, last_turn=last, seconds=seconds))
    return topics


def _title(text: str, start: int, end: int, sentence: str, marks: Marks) -> str:
    """The clause holding the cue ("现在我们进行第三个主题"), or the sentence if it is short."""
    before = marks.last_clause.match(text, 0, start)
    stop = marks.clause.search(text, end, end + 200)
    clause = text[before.end() if before else 0 : stop.start() if stop else len(text)].strip()
    return (clause if len(clause) >= 4 else sentence)[:_TITLE_LENGTH]


def _opening_in(
    text: str,
    found: Iterable[tuple[int, int, int, bool]],
    table: CueTable,
    number: int,
    marks: Marks,
) -> str | None:
    """The title of the topic this turn opens, if it does: ``found`` holds the spans of
    the table's opening cues and of its numbered cues in the text, by start.

    The cues are tried in order of (start, end, number), a numbered cue ending after
    its number; cues are taken a start at a time, so the first that opens the topic
    ends the search and the ones after it are never looked at."""
    for _, at_start in groupby(found, key=itemgetter(1)):
        hits: list[tuple[int, int, int | None]] = []
        for _, start, end, numbered in at_start:
            if not numbered:
                hits.append((start, end, None))
                continue
            digits = _NUMBER_AFTER.match(text, end)
            if digits:
                hits.append((start, digits.end(), int(digits.group(1))))
        hits.sort()
        for start, end, stated in hits:
            if stated is not None and stated != number + 1:
                continue
            sentence = sentence_around(text, start, end, marks)
            if any(map(sentence.lower().__contains__, table.topic_not)):
                continue
            return _title(text, start, end, sentence, marks)
    return None
