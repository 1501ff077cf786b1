"""Candidate recommendations and action items: sentences with a cue phrase.

The cue tables are per language ("建议", "我们将", "I suggest", "we will" ...). These are
suggestions for a person to confirm, not findings: a question ("我们将如何...？") is never
a candidate, each sentence is reported once, and where the language has sentence rules
(proposals.py) the sentence must also read as a proposal of its kind: "我将把麦克风交给布鲁纳"
has a cue and is the chair handing over the floor.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain, groupby, repeat
from operator import add, itemgetter

from commonweal.transcript.cuehits import CueIndex
from commonweal.transcript.languages import cues_for
from commonweal.transcript.model import Candidate, Turn
from commonweal.transcript.proposals import Judge, judge_for
from commonweal.transcript.topics import Marks, marks_for, sentence_and_mark
from commonweal.transcript.turntable import turn_texts, turn_who


def find_candidates(
    turns: Sequence[Turn], language: str, cues: CueIndex | None = None
) -> list[Candidate]:
    """``cues``: the index of the turns' texts, when the caller has made one already."""
    table = cues_for(language)
    texts = turn_texts(turns)
    if cues is None:
        cues = CueIndex(texts, table.recommendation + table.action)
    # Every hit as (turn, start, end, kind), in order; a recommendation and an action
    # at the same place sort as they always did, "action" first.
    hits = sorted(
        chain(
            map(add, cues.spans(table.recommendation), repeat(("recommendation",))),
            map(add, cues.spans(table.action), repeat(("action",))),
        )
    )
    judge = judge_for(language)
    marks = marks_for(language)
    found: list[Candidate] = []
    for index, in_turn in groupby(hits, key=itemgetter(0)):
        found.extend(_candidates_in(turns, index, texts[index], in_turn, judge, marks))
    return found


def _candidates_in(
    turns: Sequence[Turn],
    index: int,
    text: str,
    hits: Iterable[tuple[int, int, int, str]],
    judge: Judge | None,
    marks: Marks,
) -> Iterable[Candidate]:
    """One candidate per sentence holding a cue (and read as a proposal of its kind, where
    the language has rules), recommendation winning over action."""
    seen: dict[str, Candidate] = {}
    who: tuple[str, str | None] | None = None  # the speaker, looked up once a turn
    # Hits are in order; while they fall before the end mark of the sentence found last,
    # they are in that sentence (a cue phrase holds no mark): it is not looked for again,
    # and each kind is judged once per sentence.
    sentence, mark, judged = "", -1, {}
    for _, start, end, kind in hits:
        if start >= mark:
            sentence, mark = sentence_and_mark(text, start, end, marks)
            judged = {}
        if not sentence or sentence[-1] in "?？؟":
            continue
        if judge is not None:
            if kind not in judged:
                judged[kind] = judge.kind_of(sentence, kind)
            if judged[kind] is None:
                continue
        earlier = seen.get(sentence)
        if earlier is not None:
            if kind == "recommendation":
                earlier.kind = kind  # a recommendation is the stronger reading
            continue
        if who is None:
            who = turn_who(turns, index)
        seen[sentence] = Candidate(
            kind=kind,
            turn=index,
            speaker=who[0],
            person=who[1],
            sentence=sentence,
            cue=text[start:end],
        )
    return seen.values()
