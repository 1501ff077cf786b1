"""Candidate recommendations and action items: sentences with a cue phrase.

The cue tables are per language ("一项具体的建议", "我建议", "我们将", "I suggest",
"we will" ...). These are suggestions for a person to confirm, not findings: a question
("我们将如何...？") is never a candidate, and each sentence is reported once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain, groupby, repeat
from operator import add, itemgetter

from commonweal.transcript.cuehits import CueIndex
from commonweal.transcript.languages import cues_for
from commonweal.transcript.model import Candidate, Turn
from commonweal.transcript.topics import sentence_around
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
    found: list[Candidate] = []
    for index, in_turn in groupby(hits, key=itemgetter(0)):
        found.extend(_candidates_in(turns, index, texts[index], in_turn))
    return found


def _candidates_in(
    turns: Sequence[Turn], index: int, text: str, hits: Iterable[tuple[int, int, int, str]]
) -> Iterable[Candidate]:
    """One candidate per sentence holding a cue, recommendation winning over action."""
    seen: dict[str, Candidate] = {}
    who: tuple[str, str | None] | None = None  # the speaker, looked up once a turn
    for _, start, end, kind in hits:
        sentence = sentence_around(text, start, end)
        if not sentence or sentence[-1] in "?？":
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
