"""Candidate recommendations and action items: sentences with a cue phrase.

The cue tables are per language ("一项具体的建议", "我建议", "我们将", "I suggest",
"we will" ...). These are suggestions for a person to confirm, not findings: a question
("我们将如何...？") is never a candidate, and each sentence is reported once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from commonweal.transcript.languages import cues_for
from commonweal.transcript.model import Candidate, Turn
from commonweal.transcript.topics import find_phrases, sentence_around
from commonweal.transcript.turntable import turn_texts


def find_candidates(turns: Sequence[Turn], language: str) -> list[Candidate]:
    table = cues_for(language)
    recommendation = table.recommendation
    found: list[Candidate] = []
    for index, text in enumerate(turn_texts(turns)):
        hits = [(start, end, "recommendation") for start, end in find_phrases(text, recommendation)]
        hits += [(start, end, "action") for start, end in find_phrases(text, table.action)]
        if hits:
            found.extend(_candidates_in(turns[index], sorted(hits)))
    return found


def _candidates_in(turn: Turn, hits: list[tuple[int, int, str]]) -> Iterable[Candidate]:
    """One candidate per sentence holding a cue, recommendation winning over action."""
    seen: dict[str, Candidate] = {}
    for start, end, kind in hits:
        sentence = sentence_around(turn.text, start, end)
        if not sentence or sentence[-1] in "?？":
            continue
        earlier = seen.get(sentence)
        if earlier is not None:
            if kind == "recommendation":
                earlier.kind = kind  # a recommendation is the stronger reading
            continue
        seen[sentence] = Candidate(
            kind=kind,
            turn=turn.index,
            speaker=turn.speaker,
            person=turn.person,
            sentence=sentence,
            cue=turn.text[start:end],
        )
    return seen.values()
